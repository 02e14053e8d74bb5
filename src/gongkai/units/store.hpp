// SQL for units, staff accounts, sessions and login attempts. Functions run inside the caller's transaction.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "gongkai/units/model.hpp"

namespace gongkai::units::store {

std::optional<Unit> find_unit(soci::session& s, long long id);
std::vector<Unit> list_units(soci::session& s, bool include_inactive);
// Ancestor ids of `id`, nearest first (empty for the root).
std::vector<long long> ancestors(soci::session& s, long long id);
bool credit_code_taken(soci::session& s, const std::string& code, long long except_id);
bool name_taken(soci::session& s, std::optional<long long> parent_id, const std::string& name, long long except_id);
long long insert_unit(soci::session& s, const UnitFields& f, const std::string& now);
// Updates when the stored version equals `expected_version`; returns false if someone else changed it first.
bool update_unit(soci::session& s, long long id, const UnitFields& f, int expected_version, const std::string& now);

struct UserRecord {
  long long id = 0;
  std::string username, display_name;
  long long unit_id = 0;
  std::string password_hash;
  bool must_change_password = false, disabled = false;
  int version = 1;
  std::string created_at, updated_at, last_login_at;
  std::set<Role> roles;
};

std::optional<UserRecord> find_user(soci::session& s, long long id);
std::optional<UserRecord> find_user_by_username(soci::session& s, const std::string& username);
std::vector<UserRecord> list_users(soci::session& s, std::optional<long long> unit_id);
long long insert_user(soci::session& s, const UserRecord& u, const std::string& now);
bool update_user(soci::session& s, const UserRecord& u, int expected_version, const std::string& now);
void set_password(soci::session& s, long long id, const std::string& hash, bool must_change, const std::string& now);
void touch_login(soci::session& s, long long id, const std::string& now);

struct SessionRecord {
  std::string id;
  long long user_id = 0;
  std::string created_at, last_seen_at, expires_at;
};
void insert_session(soci::session& s, const SessionRecord& r);
std::optional<SessionRecord> find_session(soci::session& s, const std::string& id);
void touch_session(soci::session& s, const std::string& id, const std::string& now, const std::string& expires);
void delete_session(soci::session& s, const std::string& id);
void delete_sessions_of(soci::session& s, long long user_id);
int delete_expired_sessions(soci::session& s, const std::string& now);

void add_login_attempt(soci::session& s, const std::string& at, const std::string& username, const std::string& address,
                       bool success);
int count_failures_for_user(soci::session& s, const std::string& username, const std::string& since);
int count_failures_from(soci::session& s, const std::string& address, const std::string& since);
// The time of the latest failure for the username since `since`, or "".
std::string last_failure_for_user(soci::session& s, const std::string& username, const std::string& since);
int purge_login_attempts(soci::session& s, const std::string& before);

struct ApiTokenRecord {
  long long id = 0;
  long long user_id = 0;
  std::string name, token_hash, created_at, expires_at, last_used_at, revoked_at;
};
long long insert_api_token(soci::session& s, const ApiTokenRecord& t);
std::optional<ApiTokenRecord> find_api_token_by_hash(soci::session& s, const std::string& hash);
std::vector<ApiTokenRecord> list_api_tokens(soci::session& s, long long user_id);
// Marks the user's token revoked; false if there is no such live token of that user.
bool revoke_api_token(soci::session& s, long long user_id, long long id, const std::string& now);
void touch_api_token(soci::session& s, long long id, const std::string& now);

}  // namespace gongkai::units::store
