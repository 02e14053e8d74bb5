// 单位 and 工作人员: the organisation tree (区政府 → 部门 / 镇街 → 科室), staff accounts and their roles.
// Pure types and rules; no I/O. The store persists them, the services enforce who may do what.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"

namespace gongkai::units {

using platform::Error;
using platform::Result;

enum class UnitKind { government, department, town, section };

std::string_view to_string(UnitKind k);                 // "government", ...
std::optional<UnitKind> unit_kind_from(std::string_view s);
std::string_view label(UnitKind k);                     // 区政府 / 部门 / 镇街 / 科室

// A leader shown on the unit page (领导信息): name, title, responsibilities.
struct Leader {
  std::string name;
  std::string title;
  std::string duties;
};

// The fields a person edits. Everything a unit page and the 指南 show.
struct UnitFields {
  std::optional<long long> parent_id;
  UnitKind kind = UnitKind::department;
  std::string name, short_name, credit_code;
  std::string address, postcode, office_hours, phone, fax, email, website;
  std::string head_name, head_title;
  std::vector<Leader> leaders;
  std::string functions;  // 机构职能, Markdown-free plain paragraphs
  std::string disclosure_office, disclosure_address, disclosure_hours, disclosure_phone, disclosure_fax,
      disclosure_email, disclosure_postcode;
  int sort_order = 0;
  bool active = true;
};

struct Unit {
  long long id = 0;
  UnitFields f;
  int version = 1;
  std::string created_at, updated_at;
};

// Checks a unit's fields and normalises them (trimmed text, canonical credit code). Errors name the field:
// required (name), too_long, invalid_credit_code, invalid_email, invalid_phone, invalid_parent (a government has no
// parent; others need one; a section's parent is a department or town).
Result<UnitFields> validate_unit(UnitFields f, std::optional<UnitKind> parent_kind);

// Leaders as edited in a textarea: one per line, "姓名｜职务｜分工" (full-width or ASCII bar, or tabs).
std::vector<Leader> parse_leaders(std::string_view text);
std::string format_leaders(const std::vector<Leader>& leaders);

// Roles are scoped to the user's unit, except the district-wide supervisor and system administrator.
enum class Role { editor, reviewer, request_handler, mailbox_handler, unit_admin, supervisor, sysadmin };

std::string_view to_string(Role r);
std::optional<Role> role_from(std::string_view s);
std::string_view label(Role r);  // 信息员, 审核人, 依申请办理人, 信箱办理人, 单位管理员, 政务公开办督查人员, 系统管理员
const std::vector<Role>& all_roles();

// The person acting, as services see it. Anonymous visitors have id 0 and no roles.
struct Actor {
  long long user_id = 0;
  std::string username;
  std::string display_name;
  long long unit_id = 0;
  std::set<Role> roles;
  std::string address;     // client address, for the audit log
  std::string request_id;  // for the audit log
  bool system = false;     // the command line or a scheduled job, acting with the roles given

  bool signed_in() const { return user_id != 0 || system; }
  bool has(Role r) const { return roles.count(r) != 0; }
  bool district_wide() const { return has(Role::supervisor) || has(Role::sysadmin); }
};

// Whether `a` may edit unit `unit_id`, given the chain of that unit's ancestors (nearest first). The openness
// office (supervisor) and system administrators may edit every unit; a unit administrator may edit their own unit
// and its sections.
bool may_edit_unit(const Actor& a, long long unit_id, const std::vector<long long>& ancestors);
// Whether `a` may create a unit under `parent_id` (nullopt: the root). Only district-wide roles create 部门/镇街;
// unit administrators may add sections under their own unit.
bool may_create_unit(const Actor& a, std::optional<long long> parent_id);
// Whether `a` may read the audit log.
bool may_view_audit(const Actor& a);
// Whether `a` may manage accounts of `unit_id` and grant `roles`: system administrators any; unit administrators
// only in their own unit and never supervisor/sysadmin.
bool may_manage_users(const Actor& a, long long unit_id, const std::set<Role>& roles);

// The command line acting as a system administrator (gongkai user add, gongkai demo).
Actor command_line_actor();

// Password rules: at least 10 characters, letters and digits both present, not containing the username, not one
// of the most common passwords. Error weak_password with the reason in Chinese.
Result<void> check_password_rules(std::string_view password, std::string_view username);

// Usernames: 3–32 of [a-z0-9._-], starting with a letter. Error invalid_username.
Result<std::string> normalize_username(std::string_view username);

}  // namespace gongkai::units
