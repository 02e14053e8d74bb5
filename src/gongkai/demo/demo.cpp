#include "gongkai/demo/demo.hpp"
#include "gongkai/demo/oversight_demo.hpp"
#include "gongkai/demo/requests_demo.hpp"

#include <fmt/format.h>

#include "gongkai/privacy/identifiers.hpp"

namespace gongkai::demo {
using units::Role;
using units::UnitFields;
using units::UnitKind;

namespace {

// A valid-looking 统一社会信用代码 for a government body: registration authority 1 (机构编制), type 1 (机关),
// the district's area code, a 9-character organisation code, and the GB 32100 check character.
std::string credit_code(int serial) {
  std::string first17 = fmt::format("11330199{:08d}", 730000 + serial * 37) + "X";
  first17 = first17.substr(0, 17);
  return first17 + privacy::credit_code_check_char(first17);
}

struct Dept {
  const char* name;
  const char* short_name;
  const char* functions;
};

const Dept kDepartments[] = {
    {"区人民政府办公室", "区府办", "负责区政府日常运转，协助区政府领导处理日常工作；负责全区政务公开、政务服务和信息化工作的统筹协调；负责政府信息公开申请的受理和答复工作指导。"},
    {"区发展和改革局", "区发改局", "拟订并组织实施全区国民经济和社会发展规划；负责固定资产投资综合管理和重大项目推进；承担价格管理和收费监督工作。"},
    {"区教育局", "", "贯彻执行教育法律法规和方针政策；统筹管理全区各级各类教育；负责义务教育招生入学、教育经费使用监督和教师队伍建设。"},
    {"区科学技术局", "区科技局", "拟订全区科技创新政策并组织实施；负责科技项目管理和科技企业培育；推进产学研合作和科技成果转化。"},
    {"区工业和信息化局", "区经信局", "拟订工业和信息化发展规划；推进产业结构调整和企业技术改造；负责中小企业发展促进和节能降耗工作。"},
    {"区公安分局", "", "负责全区治安管理、刑事案件侦查、户籍和出入境管理、道路交通安全管理；依法受理户籍类政务服务事项。"},
    {"区民政局", "", "负责社会救助、养老服务、儿童福利、社会组织登记管理、婚姻登记、殡葬管理和区划地名管理。"},
    {"区司法局", "", "负责全区法治政府建设的统筹协调；承担行政规范性文件合法性审核和备案；负责公共法律服务体系建设和人民调解工作。"},
    {"区财政局", "", "编制全区财政预算草案并组织执行；负责财政预决算公开、政府采购监督管理和国有资产管理；管理行政事业性收费。"},
    {"区人力资源和社会保障局", "区人社局", "负责就业创业、社会保险、劳动关系和人才工作；组织事业单位公开招聘；受理劳动保障监察投诉。"},
    {"区自然资源和规划分局", "区资规分局", "负责全区国土空间规划、自然资源调查确权登记、土地征收和供应管理；依法公开规划审批和征地补偿信息。"},
    {"区生态环境分局", "", "负责全区生态环境监督管理、污染防治和环境执法；发布环境质量信息和建设项目环评审批结果。"},
    {"区住房和城乡建设局", "区住建局", "负责房地产市场监管、保障性住房建设管理、建筑业和工程质量安全监管；组织国有土地上房屋征收与补偿工作。"},
    {"区交通运输局", "", "负责全区公路、水路运输管理和交通基础设施建设养护；推进城乡公交一体化。"},
    {"区水利局", "", "负责水资源管理、水利工程建设管理、防汛抗旱和河湖长制日常工作。"},
    {"区农业农村局", "区农业局", "负责乡村振兴和农业农村发展；组织实施涉农补贴政策；负责农村宅基地管理和农村集体资产监督。"},
    {"区商务局", "", "负责全区内外贸易和招商引资工作；推进消费促进和商贸流通体系建设。"},
    {"区文化和旅游局", "区文旅局", "负责公共文化服务体系建设、文物保护、旅游市场管理和文化市场综合执法。"},
    {"区卫生健康委员会", "区卫健委", "负责医疗卫生服务体系建设、疾病预防控制、妇幼健康和人口监测；负责卫生健康监督执法。"},
    {"区退役军人事务局", "", "负责退役军人安置、就业创业扶持、优抚褒扬和服务保障工作。"},
    {"区应急管理局", "", "负责应急管理体系建设和安全生产综合监管；组织编制应急预案，指导防灾减灾救灾工作。"},
    {"区审计局", "", "依法对全区财政收支、政府投资项目和领导干部经济责任进行审计监督，公告审计结果。"},
    {"区市场监督管理局", "区市场监管局", "负责市场主体登记注册、食品药品安全监管、产品质量监督、知识产权保护和价格监督检查。"},
    {"区统计局", "", "组织实施统计调查，发布全区国民经济和社会发展统计数据，依法开展统计执法检查。"},
    {"区医疗保障局", "区医保局", "负责医疗保险、生育保险和医疗救助政策实施；负责医保基金监管和药品耗材集中采购落实。"},
    {"区综合行政执法局", "区城管局", "负责城市管理领域综合行政执法，市容环境卫生管理和市政设施维护。"},
    {"区数据资源管理局", "区数据局", "负责全区数据资源统筹管理和政务信息化项目建设；推进公共数据开放和政务服务一网通办。"},
};

const Dept kTowns[] = {
    {"临江街道办事处", "临江街道", "负责辖区党的建设、社区治理、公共服务和平安建设；承担辖区社会救助、养老服务、就业服务等民生事项的受理和公开。"},
    {"城东街道办事处", "城东街道", "负责辖区社区建设、城市管理、公共服务和综合治理；组织开展辖区居民自治和志愿服务。"},
    {"城西街道办事处", "城西街道", "负责辖区经济服务、社会事务、城市管理和平安建设；公开辖区民生资金发放情况。"},
    {"滨湖街道办事处", "滨湖街道", "负责辖区社区治理、生态保护、公共服务和安全生产监管；承担辖区征地拆迁补偿的组织实施。"},
    {"新桥镇人民政府", "新桥镇", "负责全镇经济社会发展规划和实施；组织实施三农政策、涉农补贴和农村宅基地管理；负责镇级财务公开。"},
    {"青石镇人民政府", "青石镇", "负责全镇乡村振兴、农业生产、基础设施建设和社会事业发展；公开征地补偿和救灾救助资金情况。"},
    {"白沙镇人民政府", "白沙镇", "负责全镇经济发展、村镇建设、生态保护和民生保障；组织实施农村危房改造和社会救助。"},
    {"龙泉镇人民政府", "龙泉镇", "负责全镇农业产业发展、农村集体资产管理和乡村治理；公开一事一议筹资筹劳情况。"},
    {"桃源镇人民政府", "桃源镇", "负责全镇文旅融合发展、农村人居环境整治和公共服务；公开涉农补贴和专项资金使用情况。"},
};

const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林"};
const char* kGiven[] = {"建国", "志强", "丽华", "海峰", "晓明", "红梅", "卫东", "秀英", "国平", "敏", "立新", "春燕"};

std::string person(int i) { return std::string(kSurnames[i % 16]) + kGiven[(i * 7) % 12]; }

UnitFields unit_fields(const Dept& d, UnitKind kind, long long parent, int serial) {
  UnitFields f;
  f.parent_id = parent;
  f.kind = kind;
  f.name = d.name;
  f.short_name = d.short_name;
  f.credit_code = credit_code(serial);
  f.address = fmt::format("临江区政务中心路{}号", 10 + serial * 2);
  f.postcode = "310199";
  f.office_hours = "工作日 上午 8:30—12:00，下午 14:00—17:30";
  f.phone = fmt::format("0571-8{:07d}", 6100000 + serial * 113);
  f.fax = fmt::format("0571-8{:07d}", 6200000 + serial * 113);
  f.email = fmt::format("office{:02d}@linjiang.gov.cn.example", serial);
  f.head_name = person(serial);
  f.head_title = kind == UnitKind::town ? (std::string(d.name).find("镇") != std::string::npos ? "镇长" : "主任") : "局长";
  f.leaders = {{person(serial), f.head_title, "主持全面工作"},
               {person(serial + 5), kind == UnitKind::town ? "副镇长" : "副局长", "分管政务公开、办公室和法治工作"},
               {person(serial + 9), kind == UnitKind::town ? "副镇长" : "副局长", "分管业务科室"}};
  f.functions = d.functions;
  f.disclosure_office = std::string(d.short_name[0] ? d.short_name : d.name) + "办公室（政务公开）";
  f.disclosure_address = f.address;
  f.disclosure_hours = f.office_hours;
  f.disclosure_phone = fmt::format("0571-8{:07d}", 6100001 + serial * 113);
  f.disclosure_fax = f.fax;
  f.disclosure_email = fmt::format("gk{:02d}@linjiang.gov.cn.example", serial);
  f.disclosure_postcode = "310199";
  f.sort_order = serial;
  return f;
}

}  // namespace

platform::Result<DemoReport> seed(App& app) {
  DemoReport report;
  units::Actor cli = units::command_line_actor();
  auto all = app.units.all();
  auto find = [&](const std::string& name, std::optional<long long> parent) -> std::optional<long long> {
    for (const auto& u : all) {
      if (u.f.name == name && u.f.parent_id == parent) return u.id;
    }
    return std::nullopt;
  };
  auto ensure = [&](UnitFields f) -> platform::Result<long long> {
    if (auto id = find(f.name, f.parent_id)) return *id;
    auto r = app.units.create(cli, f);
    if (r) {
      ++report.units_created;
      all = app.units.all();
    }
    return r;
  };

  UnitFields root;
  root.kind = UnitKind::government;
  root.name = "临江区人民政府";
  root.short_name = "临江区";
  root.credit_code = credit_code(0);
  root.address = "临江区政务中心路1号";
  root.postcode = "310199";
  root.office_hours = "工作日 上午 8:30—12:00，下午 14:00—17:30";
  root.phone = "0571-86100000";
  root.fax = "0571-86200000";
  root.email = "zf@linjiang.gov.cn.example";
  root.head_name = "周明远";
  root.head_title = "区长";
  root.leaders = {{"周明远", "区长", "主持区政府全面工作"},
                  {"林海燕", "常务副区长", "负责区政府常务工作，分管财政、审计、政务公开"},
                  {"陈立新", "副区长", "分管自然资源和规划、住房和城乡建设、交通运输"},
                  {"赵红梅", "副区长", "分管教育、卫生健康、民政、人力资源和社会保障"}};
  root.functions =
      "执行区人民代表大会及其常务委员会的决议，以及上级国家行政机关的决定和命令，规定行政措施，发布决定和命令。\n"
      "领导所属各工作部门和下级人民政府的工作；编制和执行国民经济和社会发展计划、预算。\n"
      "依法管理本行政区域内的经济、教育、科学、文化、卫生、体育事业、城乡建设事业和财政、民政、公安、司法行政等行政工作。\n"
      "推进政务公开，依法公开政府信息，接受社会监督。";
  root.disclosure_office = "临江区人民政府办公室（区政务公开办公室）";
  root.disclosure_address = "临江区政务中心路1号 政务服务中心一楼 政府信息公开受理窗口";
  root.disclosure_hours = "工作日 上午 8:30—12:00，下午 14:00—17:30";
  root.disclosure_phone = "0571-86100001";
  root.disclosure_fax = "0571-86200001";
  root.disclosure_email = "zwgk@linjiang.gov.cn.example";
  root.disclosure_postcode = "310199";
  auto root_id = ensure(root);
  if (!root_id) return root_id.error();

  int serial = 1;
  long long office_id = 0;
  std::vector<long long> dept_ids;
  for (const auto& d : kDepartments) {
    auto id = ensure(unit_fields(d, UnitKind::department, *root_id, serial++));
    if (!id) return id.error();
    dept_ids.push_back(*id);
    if (!office_id) office_id = *id;
  }
  std::vector<long long> town_ids;
  for (const auto& t : kTowns) {
    auto id = ensure(unit_fields(t, UnitKind::town, *root_id, serial++));
    if (!id) return id.error();
    town_ids.push_back(*id);
  }
  // A few 科室, including the openness office inside the government office.
  struct Section { long long parent; const char* name; const char* functions; };
  const Section sections[] = {
      {office_id, "政务公开科", "承担全区政务公开工作的组织协调、指导推进和监督检查；负责区政府信息公开申请的登记、办理和答复；编制区政府信息公开工作年度报告。"},
      {office_id, "秘书科", "负责区政府文电处理、会务组织和督查督办工作。"},
      {dept_ids[8], "预算科", "负责编制区级预算草案，组织预算执行和预决算公开。"},
      {town_ids[4], "党政办公室", "负责镇党委、政府日常事务，承担镇政务公开和信息公开申请办理。"},
  };
  for (const auto& s : sections) {
    UnitFields f;
    f.parent_id = s.parent;
    f.kind = UnitKind::section;
    f.name = s.name;
    f.functions = s.functions;
    f.phone = fmt::format("0571-8{:07d}", 6300000 + serial * 7);
    f.sort_order = serial++;
    auto id = ensure(f);
    if (!id) return id.error();
  }

  // One account per role. The passwords are printed by `gongkai demo`: this is demo data, never production.
  struct Acc { const char* username; const char* name; Role role; long long unit; };
  const Acc accounts[] = {
      {"editor", "王信息", Role::editor, dept_ids[2]},
      {"reviewer", "李审核", Role::reviewer, dept_ids[2]},
      {"handler", "张办理", Role::request_handler, office_id},
      {"mailbox", "刘信箱", Role::mailbox_handler, office_id},
      {"unitadmin", "陈管理", Role::unit_admin, dept_ids[2]},
      {"supervisor", "林公开", Role::supervisor, office_id},
      {"admin", "赵系统", Role::sysadmin, office_id},
      {"eduhandler", "周会办", Role::request_handler, dept_ids[2]},
  };
  int n = 0;
  for (const auto& a : accounts) {
    std::string password = fmt::format("Gongkai-2026-{}", ++n);
    auto unit = app.units.find(a.unit, true);
    report.accounts.push_back(DemoAccount{a.username, password, std::string(units::label(a.role)), unit ? unit->f.name : ""});
    units::NewUser nu{a.username, a.name, password, a.unit, {a.role}, false};
    auto r = app.accounts.create_user(cli, nu);
    if (r) ++report.users_created;
    else if (r.error().code != "duplicate_username") return r.error();
  }
  auto docs = seed_documents(app);
  if (!docs) return docs.error();
  report.documents_created = *docs;
  if (auto r = seed_requests(app); !r) return r.error();
  if (auto r = seed_oversight(app); !r) return r.error();
  return report;
}

}  // namespace gongkai::demo
