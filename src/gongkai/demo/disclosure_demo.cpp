// The demo district's 主动公开: sub-columns under 法定主动公开内容 and a handful of documents at every stage of the
// workflow, written and reviewed by the demo accounts of 区教育局 so the console shows real work to do.
#include <map>

#include "gongkai/demo/demo.hpp"

namespace gongkai::demo {
namespace {

using disclosure::EditionFields;

std::optional<units::Actor> actor_of(App& app, const std::string& username) {
  auto users = app.accounts.list_users(units::command_line_actor());
  if (!users) return std::nullopt;
  for (const auto& u : *users) {
    if (u.username != username) continue;
    units::Actor a;
    a.user_id = u.id;
    a.username = u.username;
    a.display_name = u.display_name;
    a.unit_id = u.unit_id;
    a.roles = u.roles;
    a.request_id = "demo";
    return a;
  }
  return std::nullopt;
}

}  // namespace

platform::Result<int> seed_documents(App& app) {
  auto& d = app.disclosure;
  if (d.column_by_slug("policy")) return 0;  // seeded before
  units::Actor cli = units::command_line_actor();
  cli.roles.insert(units::Role::supervisor);
  auto statutory = d.column_by_slug("statutory");
  if (!statutory) return platform::make_error("missing_column", "缺少法定主动公开内容栏目。");
  struct Col { const char* slug; const char* name; int interval; };
  const Col cols[] = {{"organisation", "机构职能", 365},       {"policy", "政策文件", 180},
                      {"interpretation", "政策解读", 180},    {"decisions", "行政决策和执法", 180},
                      {"news", "工作动态", 14},               {"services", "社会服务", 90},
                      {"budget", "财政预决算", 366}};
  std::map<std::string, long long> col_ids;
  int order = 1;
  for (const auto& c : cols) {
    disclosure::store::Column x;
    x.parent_id = statutory->id;
    x.slug = c.slug;
    x.name = c.name;
    x.update_interval_days = c.interval;
    x.sort_order = order++;
    auto id = d.create_column(cli, x);
    if (!id) return id.error();
    col_ids[c.slug] = *id;
  }
  // 专题: a first-level column whose sub-columns the home page shows as special topics.
  disclosure::store::Column topics;
  topics.slug = "topics";
  topics.name = "专题专栏";
  topics.sort_order = 10;
  auto topics_id = d.create_column(cli, topics);
  if (!topics_id) return topics_id.error();
  disclosure::store::Column enrolment;
  enrolment.parent_id = *topics_id;
  enrolment.slug = "enrolment-2026";
  enrolment.name = "2026年义务教育招生";
  enrolment.description = "招生政策、解读和学区划分一站查阅。";
  enrolment.update_interval_days = 30;
  auto enrolment_id = d.create_column(cli, enrolment);
  if (!enrolment_id) return enrolment_id.error();

  auto editor = actor_of(app, "editor");
  auto reviewer = actor_of(app, "reviewer");
  if (!editor || !reviewer) return 0;
  // 区教育局's standard catalogue (义务教育 领域), a few rows of the official template.
  const std::vector<std::vector<std::string>> catalogue_rows = {
      {"一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象", "公开方式", "公开层级", "领域"},
      {"义务教育", "招生入学", "招生入学政策、学区划分、招生计划、报名条件和程序", "《中华人民共和国义务教育法》", "信息形成（变更）之日起20个工作日内", "区教育局", "政府网站、公示栏", "全社会", "主动", "区级", "义务教育"},
      {"义务教育", "学生资助", "资助政策、资助对象、资助标准、申请程序和资助名单", "《学生资助资金管理办法》", "信息形成（变更）之日起20个工作日内", "区教育局", "政府网站、公示栏", "全社会", "主动", "区级", "义务教育"},
      {"义务教育", "校车安全", "校车使用许可、校车线路和站点", "《校车安全管理条例》", "信息形成（变更）之日起20个工作日内", "区教育局", "政府网站", "全社会", "主动", "区级", "义务教育"},
  };
  auto imported = d.import_catalogue(cli, editor->unit_id, catalogue_rows);
  if (!imported) return imported.error();
  std::optional<long long> admission_entry;
  for (const auto& c : d.catalogue(editor->unit_id)) {
    if (c.item_l2 == "招生入学") admission_entry = c.id;
  }
  int created = 0;
  auto draft = [&](EditionFields f) -> platform::Result<long long> {
    auto id = d.create_draft(*editor, editor->unit_id, std::move(f));
    if (id) ++created;
    return id;
  };
  auto publish = [&](long long id) -> platform::Result<void> {
    if (auto r = d.submit(*editor, id, 1); !r) return r;
    if (auto r = d.approve(*reviewer, id, "经审查，不涉及国家秘密、工作秘密和个人隐私，同意公开。", 2); !r) return r;
    return d.publish(*reviewer, id, 3);
  };

  EditionFields policy;
  policy.column_id = col_ids["policy"];
  policy.title = "临江区2026年义务教育阶段学校招生入学工作实施意见";
  policy.summary = "明确2026年全区义务教育阶段公办、民办学校招生的对象、时间安排、入学条件和材料要求。";
  policy.doc_no = "临教发〔2026〕3号";
  policy.written_on = "2026-03-20";
  policy.formed_on = "2026-03-20";
  policy.topic = "11";
  policy.keywords = "义务教育 招生 入学";
  policy.info_class = "policy";
  policy.legal_category = "art20-01";
  policy.domain = "d24";
  policy.effective_on = "2026-04-01";
  policy.expires_on = "2027-03-31";
  policy.catalogue_entry_id = admission_entry;
  policy.body_md =
      "各镇人民政府、街道办事处，区直有关单位，各中小学校：\n\n"
      "为做好2026年全区义务教育阶段学校招生入学工作，根据《中华人民共和国义务教育法》等规定，结合本区实际，提出如下意见。\n\n"
      "## 一、招生对象\n\n2026年8月31日前年满6周岁的适龄儿童，以及小学毕业生。\n\n"
      "## 二、时间安排\n\n| 事项 | 时间 |\n|---|---|\n| 网上报名 | 5月10日至5月20日 |\n| 材料审核 | 5月21日至6月5日 |\n| 录取公布 | 7月10日前 |\n\n"
      "## 三、入学条件\n\n公办学校按学区招生，免试就近入学；进城务工人员随迁子女按积分入学。\n\n"
      "## 四、咨询方式\n\n区教育局基础教育科，电话 0571-86300003。\n";
  auto policy_id = draft(policy);
  if (!policy_id) return policy_id.error();
  if (auto r = publish(*policy_id); !r) return r.error();

  EditionFields interp = policy;
  interp.column_id = *enrolment_id;
  interp.title = "《临江区2026年义务教育阶段学校招生入学工作实施意见》政策解读";
  interp.summary = "以问答形式解读今年招生政策的主要变化。";
  interp.doc_no = "";
  interp.info_class = "policy";
  interp.legal_category = "";
  interp.expires_on = "";
  interp.catalogue_entry_id.reset();
  interp.body_md =
      "## 一、今年的招生政策有哪些变化？\n\n网上报名时间提前到5月10日，材料审核全部在线完成，家长无需到校提交纸质材料。\n\n"
      "## 二、随迁子女如何入学？\n\n按积分从高到低安排入学，积分办法与去年相同。\n";
  auto interp_id = draft(interp);
  if (!interp_id) return interp_id.error();
  if (auto r = publish(*interp_id); !r) return r.error();
  if (auto r = d.link(*editor, *interp_id, *policy_id, "interprets"); !r) return r.error();

  EditionFields news;
  news.column_id = col_ids["news"];
  news.title = "区教育局开展春季学校安全大检查";
  news.summary = "3月以来，区教育局对全区中小学、幼儿园开展安全隐患排查。";
  news.formed_on = "2026-03-28";
  news.written_on = "2026-03-28";
  news.topic = "11";
  news.info_class = "work_news";
  news.body_md = "3月以来，区教育局组织检查组对全区42所中小学、幼儿园开展春季安全大检查，重点检查消防设施、食堂食品安全和校车运营，发现隐患17处，已全部整改。\n";
  auto news_id = draft(news);
  if (!news_id) return news_id.error();
  if (auto r = publish(*news_id); !r) return r.error();

  EditionFields guide;
  guide.column_id = d.column_by_slug("guide")->id;
  guide.title = "临江区人民政府信息公开指南（2026年版）";
  guide.summary = "说明本区政府信息公开的方式、程序和工作机构。";
  guide.formed_on = "2026-01-05";
  guide.info_class = "organisation";
  guide.body_md =
      "为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。\n\n"
      "## 主动公开\n\n本区各部门、镇（街道）的主动公开信息均在本网站“法定主动公开内容”栏目发布。\n\n"
      "## 依申请公开\n\n申请人可以通过网上申请、当面申请或信函申请的方式提出政府信息公开申请。\n";
  auto guide_id = draft(guide);
  if (!guide_id) return guide_id.error();
  if (auto r = publish(*guide_id); !r) return r.error();

  // Awaiting review: the reviewer's queue is not empty.
  EditionFields pending;
  pending.column_id = col_ids["services"];
  pending.title = "2026年暑期学生托管服务学校名单";
  pending.summary = "公布提供暑期托管服务的学校及报名方式。";
  pending.formed_on = "2026-06-20";
  pending.topic = "11";
  pending.info_class = "social_services";
  pending.body_md = "今年暑期共有18所小学提供托管服务，报名时间为6月25日至6月30日。\n";
  auto pending_id = draft(pending);
  if (!pending_id) return pending_id.error();
  if (auto r = d.submit(*editor, *pending_id, 1); !r) return r.error();

  // A draft that the personal-data gate stops: a subsidy list with an unmasked ID number and mobile number.
  EditionFields list;
  list.column_id = col_ids["services"];
  list.title = "2026年第一批家庭经济困难学生资助名单公示";
  list.formed_on = "2026-04-10";
  list.topic = "11";
  list.info_class = "social_services";
  list.domain = "d24";
  list.body_md = "| 姓名 | 学校 | 身份证号 | 联系电话 |\n|---|---|---|---|\n| 张* | 临江实验小学 | 11010519491231002X | 13800138000 |\n";
  auto list_id = draft(list);
  if (!list_id) return list_id.error();
  return created;
}

}  // namespace gongkai::demo
