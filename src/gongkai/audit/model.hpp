// 审计日志: who did what to which record, when, from where, with the record before and after.
// Entries are written in the same transaction as the change they describe, so the log never claims a change
// that did not happen nor misses one that did. The table refuses UPDATE and DELETE (see migrations/0001).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace gongkai::audit {

struct Entry {
  long long id = 0;
  std::string at;                    // UTC ISO 8601
  std::optional<long long> actor_id; // nullopt: the system or the command line
  std::string actor_name;
  std::optional<long long> actor_unit_id;
  std::string address;
  std::string request_id;
  std::string action;                // "unit.update", "user.login", ...
  std::string entity_type;           // "unit", "user", "session", ...
  std::string entity_id;
  std::string entity_label;          // a human name for the record, e.g. the unit's name
  std::optional<long long> unit_id;  // the unit the record belongs to, for unit-scoped views
  std::string before_json;           // "" when there was nothing before (creation)
  std::string after_json;            // "" when nothing remains (deletion)
};

// Filters for the audit view; empty fields do not filter. Pages go backwards by id (newest first): `before_id`
// is the keyset cursor.
struct Query {
  std::string action_prefix;
  std::string entity_type;
  std::string entity_id;
  std::optional<long long> actor_id;
  std::optional<long long> unit_id;
  std::string from_date;  // YYYY-MM-DD, local date, inclusive
  std::string to_date;    // YYYY-MM-DD, local date, inclusive
  std::optional<long long> before_id;
  int limit = 50;
};

// A human description of an action code, in Chinese ("修改单位信息").
std::string action_label(const std::string& action);

}  // namespace gongkai::audit
