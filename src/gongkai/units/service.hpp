// Use cases for units and staff accounts. Each public function is one transaction with its permission check and
// its audit entry; handlers call these and never the store.
#pragma once

#include <chrono>
#include <memory>
#include <set>
#include <optional>
#include <string>
#include <vector>

#include "gongkai/units/model.hpp"
#include "gongkai/units/store.hpp"
#include "platform/db/database.hpp"
#include "platform/result.hpp"

namespace gongkai::units {

using Database = platform::db::Database;

class UnitService {
 public:
  explicit UnitService(std::shared_ptr<Database> db) : db_(std::move(db)) {}

  // Active units in tree order (parents before children, siblings by sort order), for the public directory.
  std::vector<Unit> directory();
  // Every unit including inactive ones, for the console.
  std::vector<Unit> all();
  // One unit; nullopt if there is none (or it is inactive and `include_inactive` is false).
  std::optional<Unit> find(long long id, bool include_inactive = false);
  // The district government at the root of the tree, if the tree exists.
  std::optional<Unit> root();

  // Creates a unit. Errors: forbidden, the validate_unit errors, duplicate_credit_code, duplicate_name,
  // invalid_parent (unknown parent).
  platform::Result<long long> create(const Actor& actor, UnitFields fields);
  // Updates a unit if `expected_version` is still current. Errors: forbidden, not_found, stale_version (someone
  // saved first: reload and reapply), the validation errors above, invalid_parent (a unit cannot move under itself).
  platform::Result<Unit> update(const Actor& actor, long long id, UnitFields fields, int expected_version);
  // Whether the actor may edit this unit (for showing or hiding the edit link; update() checks again).
  bool may_edit(const Actor& actor, long long id);

 private:
  std::shared_ptr<Database> db_;
};

struct LoginResult {
  std::string session_token;  // the cookie value; only its hash is stored
  Actor actor;
  bool must_change_password = false;
};

struct NewUser {
  std::string username, display_name, password;
  long long unit_id = 0;
  std::set<Role> roles;
  bool must_change_password = true;
};

// Throttling and session lifetimes (local policy; defaults here).
struct AccountPolicy {
  int max_failures_per_user = 5;       // within the window, then the account is locked until the window passes
  int max_failures_per_address = 20;   // within the window, from one client address
  std::chrono::minutes failure_window{15};
  std::chrono::minutes session_idle{120};
  std::chrono::hours session_absolute{12};
};

class AccountService {
 public:
  AccountService(std::shared_ptr<Database> db, AccountPolicy policy = {}) : db_(std::move(db)), policy_(policy) {}

  // Checks the password and opens a session. Errors (all in Chinese, none saying whether the user exists):
  // invalid_credentials, throttled (too many failures for the account or from the address; try later),
  // disabled. Every attempt is recorded for throttling, and audited.
  platform::Result<LoginResult> login(const std::string& username, const std::string& password, const std::string& address,
                                      const std::string& request_id);
  // The actor behind a session token, or nullopt if the session is unknown, expired or the user disabled.
  // Extends the idle expiry at most once a minute (so most requests do not write).
  std::optional<Actor> authenticate(const std::string& session_token, bool* must_change_password = nullptr);
  // Ends the session.
  void logout(const std::string& session_token, const Actor& actor);
  // A stable identifier for the session (hash of the token), for binding CSRF tokens.
  static std::string session_id(const std::string& session_token);

  // Errors: invalid_credentials (old password wrong), weak_password. Other sessions of the user are ended.
  platform::Result<void> change_password(const Actor& actor, const std::string& session_token, const std::string& old_password,
                                         const std::string& new_password);
  // Errors: forbidden, invalid_username, duplicate_username, weak_password, invalid_unit, required.
  platform::Result<long long> create_user(const Actor& actor, const NewUser& user);
  // Changes display name, roles and disabled flag. Errors: forbidden, not_found, stale_version, required.
  platform::Result<void> update_user(const Actor& actor, long long id, const std::string& display_name,
                                     const std::set<Role>& roles, bool disabled, int expected_version);
  // Sets a new password that must be changed at next login; ends the user's sessions.
  platform::Result<void> reset_password(const Actor& actor, long long id, const std::string& new_password);
  // Accounts the actor may see: all for district-wide roles, their unit's for a unit administrator.
  platform::Result<std::vector<store::UserRecord>> list_users(const Actor& actor);
  platform::Result<store::UserRecord> get_user(const Actor& actor, long long id);

  // ---- staff API tokens (for bulk work over /api/v1) ----
  struct NewToken {
    long long id = 0;
    std::string token;  // shown once; only its hash is kept
    std::string expires_at;
  };
  // A token acting as the actor, valid for `days` (1–366). Errors: forbidden (anonymous or a command-line actor),
  // required (name), too_long, invalid_days. Audited.
  platform::Result<NewToken> create_api_token(const Actor& actor, const std::string& name, int days);
  std::vector<store::ApiTokenRecord> api_tokens(const Actor& actor);
  // Errors: not_found (no live token of the actor with that id). Audited.
  platform::Result<void> revoke_api_token(const Actor& actor, long long id);
  // The actor behind a bearer token, or nullopt (unknown, revoked, expired, user disabled). Notes the last use at
  // most once a minute.
  std::optional<Actor> authenticate_api_token(const std::string& token);

  // Housekeeping for the scheduler: expired sessions and old login attempts. Returns rows removed.
  int purge_expired();

 private:
  std::shared_ptr<Database> db_;
  AccountPolicy policy_;
};

}  // namespace gongkai::units
