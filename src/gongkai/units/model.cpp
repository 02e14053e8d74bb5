#include "gongkai/units/model.hpp"

#include <algorithm>
#include <array>
#include <tuple>

#include "gongkai/privacy/identifiers.hpp"
#include "gongkai/text.hpp"

namespace gongkai::units {

using platform::make_error;

std::string_view to_string(UnitKind k) {
  switch (k) {
    case UnitKind::government: return "government";
    case UnitKind::department: return "department";
    case UnitKind::town: return "town";
    case UnitKind::section: return "section";
  }
  return "department";
}

std::optional<UnitKind> unit_kind_from(std::string_view s) {
  for (auto k : {UnitKind::government, UnitKind::department, UnitKind::town, UnitKind::section}) {
    if (to_string(k) == s) return k;
  }
  return std::nullopt;
}

std::string_view label(UnitKind k) {
  switch (k) {
    case UnitKind::government: return "区政府";
    case UnitKind::department: return "部门";
    case UnitKind::town: return "镇街";
    case UnitKind::section: return "科室";
  }
  return "";
}

namespace {

Result<void> check_length(const std::string& value, std::size_t max_chars, const char* field, const char* label) {
  if (utf8_length(value) > max_chars) {
    return make_error("too_long", std::string(label) + "不能超过 " + std::to_string(max_chars) + " 个字符。", field);
  }
  return {};
}

bool plausible_phone(const std::string& s) {
  // Office numbers as people write them: "0571-87654321", "(0571)87654321 转 8001", "12345". Digits, spaces and
  // - ( ) + 转 ext, with 3 to 20 digits in all.
  int digits = 0;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    if (c >= '0' && c <= '9') { ++digits; ++i; continue; }
    if (c == ' ' || c == '-' || c == '(' || c == ')' || c == '+' || c == ',' || c == ';') { ++i; continue; }
    if (s.compare(i, 3, "转") == 0 || s.compare(i, 3, "、") == 0 || s.compare(i, 3, "，") == 0 ||
        s.compare(i, 3, "（") == 0 || s.compare(i, 3, "）") == 0) { i += 3; continue; }
    return false;
  }
  return digits >= 3 && digits <= 40;
}

bool plausible_email(const std::string& s) {
  auto at = s.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= s.size() || s.find('@', at + 1) != std::string::npos) return false;
  auto dot = s.find('.', at);
  if (dot == std::string::npos || dot == at + 1 || dot + 1 >= s.size()) return false;
  return std::none_of(s.begin(), s.end(), [](unsigned char c) { return c <= ' ' || c == '<' || c == '>' || c == '"'; });
}

}  // namespace

Result<UnitFields> validate_unit(UnitFields f, std::optional<UnitKind> parent_kind) {
  for (std::string* s : {&f.name, &f.short_name, &f.credit_code, &f.address, &f.postcode, &f.office_hours, &f.phone,
                         &f.fax, &f.email, &f.website, &f.head_name, &f.head_title, &f.disclosure_office,
                         &f.disclosure_address, &f.disclosure_hours, &f.disclosure_phone, &f.disclosure_fax,
                         &f.disclosure_email, &f.disclosure_postcode}) {
    *s = trim(*s);
  }
  f.functions = trim(f.functions);
  if (f.name.empty()) return make_error("required", "请填写单位名称。", "name");
  if (auto r = check_length(f.name, 60, "name", "单位名称"); !r) return r.error();
  if (auto r = check_length(f.short_name, 20, "short_name", "简称"); !r) return r.error();
  if (auto r = check_length(f.address, 120, "address", "地址"); !r) return r.error();
  if (auto r = check_length(f.office_hours, 120, "office_hours", "办公时间"); !r) return r.error();
  if (auto r = check_length(f.functions, 20000, "functions", "机构职能"); !r) return r.error();
  if (auto r = check_length(f.disclosure_address, 120, "disclosure_address", "公开工作机构地址"); !r) return r.error();
  if (!f.credit_code.empty()) {
    auto code = privacy::normalize_credit_code(f.credit_code);
    if (!code) return make_error("invalid_credit_code", code.error().message, "credit_code");
    f.credit_code = *code;
  }
  for (auto [value, field, name] : std::array<std::tuple<std::string*, const char*, const char*>, 4>{
           {{&f.phone, "phone", "联系电话"}, {&f.fax, "fax", "传真"}, {&f.disclosure_phone, "disclosure_phone", "公开工作机构电话"},
            {&f.disclosure_fax, "disclosure_fax", "公开工作机构传真"}}}) {
    if (!value->empty() && !plausible_phone(*value)) {
      return make_error("invalid_phone", std::string(name) + "格式不正确，请填写如 0571-87654321 的号码。", field);
    }
  }
  for (auto [value, field, name] : std::array<std::tuple<std::string*, const char*, const char*>, 2>{
           {{&f.email, "email", "电子邮箱"}, {&f.disclosure_email, "disclosure_email", "公开工作机构电子邮箱"}}}) {
    if (!value->empty() && !plausible_email(*value)) {
      return make_error("invalid_email", std::string(name) + "格式不正确。", field);
    }
  }
  for (auto [value, field] : std::array<std::pair<std::string*, const char*>, 2>{
           {{&f.postcode, "postcode"}, {&f.disclosure_postcode, "disclosure_postcode"}}}) {
    if (!value->empty() && (value->size() != 6 || !std::all_of(value->begin(), value->end(), ::isdigit))) {
      return make_error("invalid_postcode", "邮政编码应为 6 位数字。", field);
    }
  }
  if (f.leaders.size() > 30) return make_error("too_long", "领导信息最多 30 条。", "leaders");
  // The tree's shape: one 区政府 at the root; 部门 and 镇街 under it; 科室 under a 部门 or 镇街.
  if (f.kind == UnitKind::government) {
    if (parent_kind) return make_error("invalid_parent", "区政府是组织树的根，不能有上级单位。", "parent_id");
  } else if (!parent_kind) {
    return make_error("invalid_parent", "请选择上级单位。", "parent_id");
  } else if (f.kind == UnitKind::section) {
    if (*parent_kind != UnitKind::department && *parent_kind != UnitKind::town) {
      return make_error("invalid_parent", "科室的上级单位必须是部门或镇街。", "parent_id");
    }
  } else if (*parent_kind != UnitKind::government) {
    return make_error("invalid_parent", "部门和镇街的上级单位必须是区政府。", "parent_id");
  }
  return f;
}

std::vector<Leader> parse_leaders(std::string_view text) {
  std::vector<Leader> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t eol = text.find('\n', pos);
    std::string line = trim(std::string(text.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos)));
    if (!line.empty()) {
      std::vector<std::string> parts;
      std::string cur;
      for (std::size_t i = 0; i < line.size();) {
        if (line.compare(i, 3, "｜") == 0) { parts.push_back(trim(cur)); cur.clear(); i += 3; continue; }
        if (line[i] == '|' || line[i] == '\t') { parts.push_back(trim(cur)); cur.clear(); ++i; continue; }
        cur.push_back(line[i++]);
      }
      parts.push_back(trim(cur));
      Leader l;
      l.name = parts.size() > 0 ? parts[0] : "";
      l.title = parts.size() > 1 ? parts[1] : "";
      for (std::size_t k = 2; k < parts.size(); ++k) l.duties += (k > 2 ? "；" : "") + parts[k];
      if (!l.name.empty()) out.push_back(std::move(l));
    }
    if (eol == std::string_view::npos) break;
    pos = eol + 1;
  }
  return out;
}

std::string format_leaders(const std::vector<Leader>& leaders) {
  std::string out;
  for (const auto& l : leaders) {
    out += l.name + "｜" + l.title;
    if (!l.duties.empty()) out += "｜" + l.duties;
    out += "\n";
  }
  return out;
}

std::string_view to_string(Role r) {
  switch (r) {
    case Role::editor: return "editor";
    case Role::reviewer: return "reviewer";
    case Role::request_handler: return "request_handler";
    case Role::mailbox_handler: return "mailbox_handler";
    case Role::unit_admin: return "unit_admin";
    case Role::supervisor: return "supervisor";
    case Role::sysadmin: return "sysadmin";
  }
  return "";
}

std::optional<Role> role_from(std::string_view s) {
  for (Role r : all_roles()) {
    if (to_string(r) == s) return r;
  }
  return std::nullopt;
}

std::string_view label(Role r) {
  switch (r) {
    case Role::editor: return "信息员";
    case Role::reviewer: return "审核人";
    case Role::request_handler: return "依申请办理人";
    case Role::mailbox_handler: return "信箱办理人";
    case Role::unit_admin: return "单位管理员";
    case Role::supervisor: return "政务公开办督查人员";
    case Role::sysadmin: return "系统管理员";
  }
  return "";
}

const std::vector<Role>& all_roles() {
  static const std::vector<Role> roles = {Role::editor,     Role::reviewer,   Role::request_handler, Role::mailbox_handler,
                                          Role::unit_admin, Role::supervisor, Role::sysadmin};
  return roles;
}

bool may_edit_unit(const Actor& a, long long unit_id, const std::vector<long long>& ancestors) {
  if (!a.signed_in()) return false;
  if (a.district_wide()) return true;
  if (!a.has(Role::unit_admin)) return false;
  if (a.unit_id == unit_id) return true;
  return std::find(ancestors.begin(), ancestors.end(), a.unit_id) != ancestors.end();
}

bool may_create_unit(const Actor& a, std::optional<long long> parent_id) {
  if (!a.signed_in()) return false;
  if (a.district_wide()) return true;
  return a.has(Role::unit_admin) && parent_id && *parent_id == a.unit_id;
}

bool may_view_audit(const Actor& a) { return a.signed_in() && a.district_wide(); }

bool may_manage_users(const Actor& a, long long unit_id, const std::set<Role>& roles) {
  if (!a.signed_in()) return false;
  if (a.has(Role::sysadmin)) return true;
  if (!a.has(Role::unit_admin) || a.unit_id != unit_id) return false;
  return !roles.count(Role::supervisor) && !roles.count(Role::sysadmin);
}

Actor command_line_actor() {
  Actor a;
  a.system = true;
  a.username = "cli";
  a.display_name = "命令行";
  a.roles = {Role::sysadmin};
  return a;
}

Result<void> check_password_rules(std::string_view password, std::string_view username) {
  static const std::array<std::string_view, 12> common = {"password123", "1234567890", "qwertyuiop", "admin12345",
                                                          "password1234", "abc1234567", "1qaz2wsx3edc", "qwer123456",
                                                          "a123456789", "1234567890a", "woaini1314520", "zxcvbnm123"};
  if (utf8_length(password) < 10) return make_error("weak_password", "密码至少需要 10 个字符。", "password");
  if (password.size() > 200) return make_error("weak_password", "密码不能超过 200 个字符。", "password");
  bool letter = std::any_of(password.begin(), password.end(), [](unsigned char c) { return std::isalpha(c); });
  bool digit = std::any_of(password.begin(), password.end(), [](unsigned char c) { return std::isdigit(c); });
  if (!letter || !digit) return make_error("weak_password", "密码须同时包含字母和数字。", "password");
  std::string lower = ascii_lower(password);
  if (!username.empty() && lower.find(std::string(username)) != std::string::npos) {
    return make_error("weak_password", "密码不能包含用户名。", "password");
  }
  if (std::find(common.begin(), common.end(), lower) != common.end()) {
    return make_error("weak_password", "这个密码过于常见，请换一个。", "password");
  }
  return {};
}

Result<std::string> normalize_username(std::string_view username) {
  std::string u = ascii_lower(trim(username));
  bool ok = u.size() >= 3 && u.size() <= 32 && std::isalpha(static_cast<unsigned char>(u[0])) &&
            std::all_of(u.begin(), u.end(), [](unsigned char c) { return std::isalnum(c) || c == '.' || c == '_' || c == '-'; });
  if (!ok) return make_error("invalid_username", "用户名须为 3–32 位小写字母、数字或 . _ -，并以字母开头。", "username");
  return u;
}

}  // namespace gongkai::units
