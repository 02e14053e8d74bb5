#include "gongkai/audit/web.hpp"

#include <charconv>
#include <map>

#include "gongkai/web/page.hpp"
#include "platform/http/forms.hpp"
#include "platform/time.hpp"

namespace gongkai::audit {
namespace json = boost::json;
using platform::http::Request;
using platform::http::Response;

namespace {

using web::parse_id;
using web::parse_int;
using web::require_login;

bool valid_date(const std::string& s) {
  int y, m, d;
  return s.size() == 10 && std::sscanf(s.c_str(), "%4d-%2d-%2d", &y, &m, &d) == 3 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

// Pretty-prints the fields that changed between two JSON objects, for the diff column.
json::array changes(const std::string& before, const std::string& after) {
  json::array out;
  boost::system::error_code e1, e2;
  json::value b = before.empty() ? json::value(json::object{}) : json::parse(before, e1);
  json::value a = after.empty() ? json::value(json::object{}) : json::parse(after, e2);
  if (e1 || e2 || !b.is_object() || !a.is_object()) return out;
  std::set<std::string> keys;
  for (const auto& [k, v] : b.as_object()) keys.insert(std::string(k));
  for (const auto& [k, v] : a.as_object()) keys.insert(std::string(k));
  // Field names as people know them; unknown keys are shown as they are.
  static const std::map<std::string, std::string> labels = {
      {"name", "名称"}, {"short_name", "简称"}, {"kind", "类型"}, {"kind_label", ""}, {"parent_id", "上级单位"},
      {"credit_code", "统一社会信用代码"}, {"address", "办公地址"}, {"postcode", "邮政编码"},
      {"office_hours", "办公时间"}, {"phone", "联系电话"}, {"fax", "传真"}, {"email", "电子邮箱"},
      {"website", "网站"}, {"head_name", "负责人"}, {"head_title", "负责人职务"}, {"leaders", "领导信息"},
      {"functions", "机构职能"}, {"disclosure_office", "政府信息公开工作机构"}, {"sort_order", "排序"},
      {"active", "正常运行"}, {"username", "用户名"}, {"display_name", "姓名"}, {"unit_id", "所属单位"},
      {"roles", "角色"}, {"disabled", "停用"}, {"must_change_password", "须修改密码"}, {"id", ""}};
  const bool creation = before.empty();
  for (const auto& k : keys) {
    if (k == "version" || k == "updated_at") continue;
    auto label = labels.find(k);
    if (label != labels.end() && label->second.empty()) continue;
    const json::value* bv = b.as_object().if_contains(k);
    const json::value* av = a.as_object().if_contains(k);
    auto text = [](const json::value* v) -> std::string {
      if (!v) return "";
      if (v->is_string()) return std::string(v->as_string());
      return json::serialize(*v);
    };
    std::string bs = text(bv), as = text(av);
    // A new record lists only what was filled in, not every empty field.
    if (creation && (as.empty() || as == "[]" || as == "null" || as == "0" || as == "false")) continue;
    if (bs != as) {
      out.push_back(json::object{{"field", label == labels.end() ? k : label->second}, {"before", bs}, {"after", as}});
    }
  }
  return out;
}

}  // namespace

void install_web(App& app) {
  app.router.get("/console/audit", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return Response::redirect("/login?next=/console/audit");
    const auto& q = req.query();
    Query query;
    query.action_prefix = q.value("action");
    query.entity_type = q.value("entity_type");
    query.entity_id = q.value("entity_id");
    query.actor_id = parse_id(q.value("actor"));
    query.unit_id = parse_id(q.value("unit"));
    query.before_id = parse_id(q.value("before"));
    std::string from = q.value("from"), to = q.value("to");
    json::object data;
    if (!from.empty() && !valid_date(from)) data["filter_error"] = "开始日期格式应为 YYYY-MM-DD。";
    else query.from_date = from;
    if (!to.empty() && !valid_date(to)) data["filter_error"] = "结束日期格式应为 YYYY-MM-DD。";
    else query.to_date = to;
    query.limit = 50;
    auto entries = app.audit.list(a, query);
    if (!entries) return web::error_page(app, req, web::status_for(entries.error()), entries.error().message);
    json::array rows;
    for (const auto& e : *entries) {
      rows.push_back(json::object{{"id", e.id},
                                  {"at", platform::utc_iso_to_local_display(e.at)},
                                  {"actor_name", e.actor_name},
                                  {"address", e.address},
                                  {"action", e.action},
                                  {"action_label", action_label(e.action)},
                                  {"entity_type", e.entity_type},
                                  {"entity_id", e.entity_id},
                                  {"entity_label", e.entity_label},
                                  {"request_id", e.request_id},
                                  {"changes", changes(e.before_json, e.after_json)}});
    }
    json::array actions;
    for (auto [value, text] : std::initializer_list<std::pair<const char*, const char*>>{
             {"unit.", "单位信息"}, {"user.login", "登录与退出"}, {"user.", "账号（全部）"}, {"calendar.", "工作日历"}}) {
      actions.push_back(json::object{{"value", value}, {"label", text}, {"selected", query.action_prefix == value}});
    }
    data["actions"] = actions;
    data["entries"] = rows;
    data["empty"] = rows.empty();
    data["filters"] = json::object{{"action", query.action_prefix}, {"entity_type", query.entity_type},
                                   {"entity_id", query.entity_id}, {"from", from}, {"to", to},
                                   {"actor", q.value("actor")}, {"unit", q.value("unit")}};
    if (entries->size() == 50) {
      std::string next = "/console/audit?before=" + std::to_string(entries->back().id);
      for (const char* k : {"action", "entity_type", "entity_id", "from", "to", "actor", "unit"}) {
        std::string v = q.value(k);
        if (!v.empty()) next += std::string("&") + k + "=" + platform::http::percent_encode(v);
      }
      data["next_page"] = next;
    }
    if (req.wants_json()) {
      return Response::json(json::serialize(json::object{{"entries", rows}}));
    }
    return web::page(app, req, "console/audit", std::move(data), "审计日志", true);
  });
}

}  // namespace gongkai::audit
