#include "gongkai/units/service.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <spdlog/spdlog.h>

#include "gongkai/audit/service.hpp"
#include "gongkai/text.hpp"
#include "gongkai/units/to_json.hpp"
#include "platform/crypto.hpp"
#include "platform/time.hpp"

namespace gongkai::units {

using platform::make_error;
using platform::Result;
namespace json = boost::json;

namespace {

Error forbidden(std::string what) { return make_error("forbidden", "您没有权限" + std::move(what) + "。"); }

// Orders units so that each parent comes before its children, siblings by (sort_order, id).
std::vector<Unit> tree_order(std::vector<Unit> units) {
  std::map<long long, std::vector<const Unit*>> children;
  std::vector<const Unit*> roots;
  std::set<long long> ids;
  for (const auto& u : units) ids.insert(u.id);
  for (const auto& u : units) {
    if (u.f.parent_id && ids.count(*u.f.parent_id)) children[*u.f.parent_id].push_back(&u);
    else roots.push_back(&u);
  }
  std::vector<Unit> out;
  std::function<void(const Unit*)> visit = [&](const Unit* u) {
    out.push_back(*u);
    for (const Unit* c : children[u->id]) visit(c);
  };
  for (const Unit* r : roots) visit(r);
  return out;
}

}  // namespace

std::vector<Unit> UnitService::directory() {
  return db_->read([](soci::session& s) { return tree_order(store::list_units(s, false)); });
}

std::vector<Unit> UnitService::all() {
  return db_->read([](soci::session& s) { return tree_order(store::list_units(s, true)); });
}

std::optional<Unit> UnitService::find(long long id, bool include_inactive) {
  auto u = db_->read([&](soci::session& s) { return store::find_unit(s, id); });
  if (u && !u->f.active && !include_inactive) return std::nullopt;
  return u;
}

std::optional<Unit> UnitService::root() {
  return db_->read([](soci::session& s) -> std::optional<Unit> {
    for (auto& u : store::list_units(s, false)) {
      if (!u.f.parent_id) return u;
    }
    return std::nullopt;
  });
}

bool UnitService::may_edit(const Actor& actor, long long id) {
  if (actor.district_wide()) return true;
  if (!actor.has(Role::unit_admin)) return false;
  return db_->read([&](soci::session& s) { return may_edit_unit(actor, id, store::ancestors(s, id)); });
}

Result<long long> UnitService::create(const Actor& actor, UnitFields fields) {
  if (!may_create_unit(actor, fields.parent_id)) return forbidden("在此处新建单位");
  return db_->write([&](soci::session& s) -> Result<long long> {
    std::optional<UnitKind> parent_kind;
    if (fields.parent_id) {
      auto parent = store::find_unit(s, *fields.parent_id);
      if (!parent) return make_error("invalid_parent", "上级单位不存在。", "parent_id");
      parent_kind = parent->f.kind;
    }
    auto valid = validate_unit(std::move(fields), parent_kind);
    if (!valid) return valid.error();
    const UnitFields& f = *valid;
    if (!f.credit_code.empty() && store::credit_code_taken(s, f.credit_code, 0)) {
      return make_error("duplicate_credit_code", "该统一社会信用代码已被其他单位使用。", "credit_code");
    }
    if (store::name_taken(s, f.parent_id, f.name, 0)) {
      return make_error("duplicate_name", "同一上级单位下已有同名单位。", "name");
    }
    std::string now = platform::now_utc_iso();
    long long id = store::insert_unit(s, f, now);
    auto created = store::find_unit(s, id);
    audit::record(s, actor,
                  {"unit.create", "unit", std::to_string(id), f.name, id, "", json::serialize(to_json(*created))});
    return id;
  });
}

Result<Unit> UnitService::update(const Actor& actor, long long id, UnitFields fields, int expected_version) {
  return db_->write([&](soci::session& s) -> Result<Unit> {
    auto before = store::find_unit(s, id);
    if (!before) return make_error("not_found", "单位不存在。");
    auto chain = store::ancestors(s, id);
    if (!may_edit_unit(actor, id, chain)) return forbidden("修改该单位");
    // Only district-wide roles may move a unit or change its kind; unit administrators edit contents.
    if (!actor.district_wide()) {
      fields.parent_id = before->f.parent_id;
      fields.kind = before->f.kind;
    }
    std::optional<UnitKind> parent_kind;
    if (fields.parent_id) {
      if (*fields.parent_id == id) return make_error("invalid_parent", "单位不能成为自己的上级。", "parent_id");
      auto parent = store::find_unit(s, *fields.parent_id);
      if (!parent) return make_error("invalid_parent", "上级单位不存在。", "parent_id");
      auto parent_chain = store::ancestors(s, *fields.parent_id);
      if (std::find(parent_chain.begin(), parent_chain.end(), id) != parent_chain.end()) {
        return make_error("invalid_parent", "不能把单位移动到它自己的下级单位之下。", "parent_id");
      }
      parent_kind = parent->f.kind;
    }
    auto valid = validate_unit(std::move(fields), parent_kind);
    if (!valid) return valid.error();
    const UnitFields& f = *valid;
    if (!f.credit_code.empty() && store::credit_code_taken(s, f.credit_code, id)) {
      return make_error("duplicate_credit_code", "该统一社会信用代码已被其他单位使用。", "credit_code");
    }
    if (store::name_taken(s, f.parent_id, f.name, id)) {
      return make_error("duplicate_name", "同一上级单位下已有同名单位。", "name");
    }
    if (!store::update_unit(s, id, f, expected_version, platform::now_utc_iso())) {
      return make_error("stale_version", "在您编辑期间，其他人已保存了此单位的修改。请查看最新内容后重新修改。");
    }
    auto after = store::find_unit(s, id);
    audit::record(s, actor,
                  {"unit.update", "unit", std::to_string(id), f.name, id, json::serialize(to_json(*before)),
                   json::serialize(to_json(*after))});
    return *after;
  });
}

// ---- accounts ------------------------------------------------------------------------------------------------

std::string AccountService::session_id(const std::string& session_token) { return platform::sha256_hex(session_token); }

Result<LoginResult> AccountService::login(const std::string& username_in, const std::string& password,
                                          const std::string& address, const std::string& request_id) {
  const Error invalid = make_error("invalid_credentials", "用户名或密码不正确。");
  auto uname = normalize_username(username_in);
  std::string username = uname ? *uname : std::string("(invalid)");
  auto now = std::chrono::system_clock::now();
  std::string now_s = platform::to_utc_iso(now);
  std::string since = platform::to_utc_iso(now - policy_.failure_window);

  // Throttle before the (deliberately slow) password check, so a flood costs the server little.
  Actor anon;
  anon.username = username;
  anon.address = address;
  anon.request_id = request_id;
  bool throttled = db_->write([&](soci::session& s) {
    bool t = store::count_failures_for_user(s, username, since) >= policy_.max_failures_per_user ||
             store::count_failures_from(s, address, since) >= policy_.max_failures_per_address;
    if (t) {
      audit::record(s, anon, {"user.login_locked", "user", "", username, std::nullopt, "", ""});
    }
    return t;
  });
  if (throttled) {
    return make_error("throttled", "登录失败次数过多，请 " + std::to_string(policy_.failure_window.count()) +
                                       " 分钟后再试。如忘记密码，请联系本单位管理员重置。");
  }

  auto user = uname ? db_->read([&](soci::session& s) { return store::find_user_by_username(s, username); })
                    : std::nullopt;
  bool ok = user && !user->disabled && platform::password_verify(user->password_hash, password);
  if (!user) {
    // Spend the same time as a real check so response time does not reveal which usernames exist.
    static const std::string dummy = platform::password_hash("gongkai-timing-equaliser-1");
    platform::password_verify(dummy, password);
  }
  if (!ok) {
    db_->write([&](soci::session& s) {
      store::add_login_attempt(s, now_s, username, address, false);
      audit::record(s, anon, {"user.login_failed", "user", user ? std::to_string(user->id) : "", username,
                              user ? std::optional<long long>(user->unit_id) : std::nullopt, "", ""});
    });
    if (user && user->disabled && platform::password_verify(user->password_hash, password)) {
      return make_error("disabled", "该账号已停用，请联系本单位管理员。");
    }
    return invalid;
  }

  LoginResult result;
  result.session_token = platform::random_token(32);
  result.must_change_password = user->must_change_password;
  result.actor.user_id = user->id;
  result.actor.username = user->username;
  result.actor.display_name = user->display_name;
  result.actor.unit_id = user->unit_id;
  result.actor.roles = user->roles;
  result.actor.address = address;
  result.actor.request_id = request_id;
  db_->write([&](soci::session& s) {
    store::SessionRecord r{session_id(result.session_token), user->id, now_s, now_s,
                           platform::to_utc_iso(now + policy_.session_idle)};
    store::insert_session(s, r);
    store::add_login_attempt(s, now_s, username, address, true);
    store::touch_login(s, user->id, now_s);
    audit::record(s, result.actor, {"user.login", "user", std::to_string(user->id), user->username, user->unit_id, "", ""});
  });
  return result;
}

std::optional<Actor> AccountService::authenticate(const std::string& token, bool* must_change) {
  if (token.empty() || token.size() > 100) return std::nullopt;
  std::string sid = session_id(token);
  auto now = std::chrono::system_clock::now();
  std::string now_s = platform::to_utc_iso(now);
  struct Found {
    store::SessionRecord session;
    store::UserRecord user;
  };
  auto found = db_->read([&](soci::session& s) -> std::optional<Found> {
    auto sess = store::find_session(s, sid);
    if (!sess || sess->expires_at < now_s) return std::nullopt;
    auto user = store::find_user(s, sess->user_id);
    if (!user || user->disabled) return std::nullopt;
    return Found{*sess, *user};
  });
  if (!found) return std::nullopt;
  // Absolute lifetime: a session ends some hours after login even if it is used all the time.
  if (found->session.created_at < platform::to_utc_iso(now - policy_.session_absolute)) return std::nullopt;
  if (found->session.last_seen_at < platform::to_utc_iso(now - std::chrono::seconds(60))) {
    db_->write([&](soci::session& s) {
      store::touch_session(s, sid, now_s, platform::to_utc_iso(now + policy_.session_idle));
    });
  }
  Actor a;
  a.user_id = found->user.id;
  a.username = found->user.username;
  a.display_name = found->user.display_name;
  a.unit_id = found->user.unit_id;
  a.roles = found->user.roles;
  if (must_change) *must_change = found->user.must_change_password;
  return a;
}

// ---- API tokens -------------------------------------------------------------------------------------------------

namespace {
constexpr std::string_view kTokenPrefix = "gkt_";  // recognisable in a leaked config file or a secret scanner
}

Result<AccountService::NewToken> AccountService::create_api_token(const Actor& actor, const std::string& name, int days) {
  if (!actor.user_id) return make_error("forbidden", "只有登录的工作人员可以创建访问令牌。");
  std::string n = trim(name);
  if (n.empty()) return make_error("required", "请为令牌起一个名字，例如“旧系统迁移”。", "name");
  if (utf8_length(n) > 60) return make_error("too_long", "令牌名称不能超过 60 个字符。", "name");
  if (days < 1 || days > 366) return make_error("invalid_days", "有效期应为 1 到 366 天。", "days");
  NewToken out;
  out.token = std::string(kTokenPrefix) + platform::random_token(32);
  auto now = std::chrono::system_clock::now();
  out.expires_at = platform::to_utc_iso(now + std::chrono::hours(24 * days));
  return db_->write([&](soci::session& s) -> Result<NewToken> {
    store::ApiTokenRecord t{0, actor.user_id, n, platform::sha256_hex(out.token), platform::to_utc_iso(now), out.expires_at, "", ""};
    out.id = store::insert_api_token(s, t);
    audit::record(s, actor, {"token.create", "user", std::to_string(actor.user_id), actor.username, actor.unit_id, "",
                             json::serialize(json::object{{"token_id", out.id}, {"name", n}, {"expires_at", out.expires_at}})});
    return out;
  });
}

std::vector<store::ApiTokenRecord> AccountService::api_tokens(const Actor& actor) {
  if (!actor.user_id) return {};
  return db_->read([&](soci::session& s) { return store::list_api_tokens(s, actor.user_id); });
}

Result<void> AccountService::revoke_api_token(const Actor& actor, long long id) {
  return db_->write([&](soci::session& s) -> Result<void> {
    if (!store::revoke_api_token(s, actor.user_id, id, platform::now_utc_iso())) {
      return make_error("not_found", "没有这个有效的令牌。");
    }
    audit::record(s, actor, {"token.revoke", "user", std::to_string(actor.user_id), actor.username, actor.unit_id,
                             json::serialize(json::object{{"token_id", id}}), ""});
    return {};
  });
}

std::optional<Actor> AccountService::authenticate_api_token(const std::string& token) {
  if (!token.starts_with(kTokenPrefix) || token.size() > 100) return std::nullopt;
  std::string now = platform::now_utc_iso();
  struct Found {
    store::ApiTokenRecord token;
    store::UserRecord user;
  };
  auto found = db_->read([&](soci::session& s) -> std::optional<Found> {
    auto t = store::find_api_token_by_hash(s, platform::sha256_hex(token));
    if (!t || !t->revoked_at.empty() || t->expires_at < now) return std::nullopt;
    auto user = store::find_user(s, t->user_id);
    if (!user || user->disabled) return std::nullopt;
    return Found{*t, *user};
  });
  if (!found) return std::nullopt;
  if (found->token.last_used_at < platform::to_utc_iso(std::chrono::system_clock::now() - std::chrono::seconds(60))) {
    db_->write([&](soci::session& s) { store::touch_api_token(s, found->token.id, now); });
  }
  Actor a;
  a.user_id = found->user.id;
  a.username = found->user.username;
  a.display_name = found->user.display_name;
  a.unit_id = found->user.unit_id;
  a.roles = found->user.roles;
  return a;
}

void AccountService::logout(const std::string& token, const Actor& actor) {
  db_->write([&](soci::session& s) {
    store::delete_session(s, session_id(token));
    if (actor.user_id) {
      audit::record(s, actor, {"user.logout", "user", std::to_string(actor.user_id), actor.username, actor.unit_id, "", ""});
    }
  });
}

Result<void> AccountService::change_password(const Actor& actor, const std::string& token, const std::string& old_password,
                                             const std::string& new_password) {
  if (!actor.user_id) return forbidden("修改密码");
  auto user = db_->read([&](soci::session& s) { return store::find_user(s, actor.user_id); });
  if (!user || !platform::password_verify(user->password_hash, old_password)) {
    return make_error("invalid_credentials", "当前密码不正确。", "old_password");
  }
  if (auto r = check_password_rules(new_password, user->username); !r) return r.error();
  if (new_password == old_password) return make_error("weak_password", "新密码不能与当前密码相同。", "password");
  std::string hash = platform::password_hash(new_password);
  if (hash.empty()) return make_error("server_busy", "服务器暂时无法处理，请稍后再试。");
  return db_->write([&](soci::session& s) -> Result<void> {
    std::string now = platform::now_utc_iso();
    store::set_password(s, actor.user_id, hash, false, now);
    // Other sessions end: whoever else knew the old password is signed out everywhere.
    std::string keep = session_id(token);
    auto sess = store::find_session(s, keep);
    store::delete_sessions_of(s, actor.user_id);
    if (sess) store::insert_session(s, *sess);
    audit::record(s, actor, {"user.password", "user", std::to_string(actor.user_id), actor.username, actor.unit_id, "", ""});
    return {};
  });
}

Result<long long> AccountService::create_user(const Actor& actor, const NewUser& nu) {
  if (!may_manage_users(actor, nu.unit_id, nu.roles)) return forbidden("在该单位新建此类账号");
  auto uname = normalize_username(nu.username);
  if (!uname) return uname.error();
  std::string display = trim(nu.display_name);
  if (display.empty()) return make_error("required", "请填写姓名。", "display_name");
  if (utf8_length(display) > 40) return make_error("too_long", "姓名不能超过 40 个字符。", "display_name");
  if (auto r = check_password_rules(nu.password, *uname); !r) return r.error();
  std::string hash = platform::password_hash(nu.password);
  if (hash.empty()) return make_error("server_busy", "服务器暂时无法处理，请稍后再试。");
  return db_->write([&](soci::session& s) -> Result<long long> {
    if (!store::find_unit(s, nu.unit_id)) return make_error("invalid_unit", "所属单位不存在。", "unit_id");
    if (store::find_user_by_username(s, *uname)) return make_error("duplicate_username", "该用户名已被使用。", "username");
    store::UserRecord u;
    u.username = *uname;
    u.display_name = display;
    u.unit_id = nu.unit_id;
    u.password_hash = hash;
    u.must_change_password = nu.must_change_password;
    u.roles = nu.roles;
    std::string now = platform::now_utc_iso();
    long long id = store::insert_user(s, u, now);
    u.id = id;
    audit::record(s, actor, {"user.create", "user", std::to_string(id), u.username, u.unit_id, "", json::serialize(to_json(u))});
    return id;
  });
}

Result<void> AccountService::update_user(const Actor& actor, long long id, const std::string& display_name,
                                         const std::set<Role>& roles, bool disabled, int expected_version) {
  std::string display = trim(display_name);
  if (display.empty()) return make_error("required", "请填写姓名。", "display_name");
  return db_->write([&](soci::session& s) -> Result<void> {
    auto before = store::find_user(s, id);
    if (!before) return make_error("not_found", "账号不存在。");
    std::set<Role> touched = roles;
    touched.insert(before->roles.begin(), before->roles.end());
    if (!may_manage_users(actor, before->unit_id, touched)) return forbidden("修改该账号");
    if (actor.user_id == id && disabled) return make_error("forbidden", "不能停用自己的账号。");
    store::UserRecord after = *before;
    after.display_name = display;
    after.roles = roles;
    after.disabled = disabled;
    if (!store::update_user(s, after, expected_version, platform::now_utc_iso())) {
      return make_error("stale_version", "在您编辑期间，其他人已修改了此账号。请刷新后重试。");
    }
    if (disabled) store::delete_sessions_of(s, id);
    audit::record(s, actor, {"user.update", "user", std::to_string(id), before->username, before->unit_id,
                             json::serialize(to_json(*before)), json::serialize(to_json(after))});
    return {};
  });
}

Result<void> AccountService::reset_password(const Actor& actor, long long id, const std::string& new_password) {
  auto user = db_->read([&](soci::session& s) { return store::find_user(s, id); });
  if (!user) return make_error("not_found", "账号不存在。");
  if (!may_manage_users(actor, user->unit_id, user->roles)) return forbidden("重置该账号的密码");
  if (auto r = check_password_rules(new_password, user->username); !r) return r.error();
  std::string hash = platform::password_hash(new_password);
  if (hash.empty()) return make_error("server_busy", "服务器暂时无法处理，请稍后再试。");
  return db_->write([&](soci::session& s) -> Result<void> {
    store::set_password(s, id, hash, true, platform::now_utc_iso());
    store::delete_sessions_of(s, id);
    audit::record(s, actor, {"user.password_reset", "user", std::to_string(id), user->username, user->unit_id, "", ""});
    return {};
  });
}

Result<std::vector<store::UserRecord>> AccountService::list_users(const Actor& actor) {
  if (!actor.signed_in()) return forbidden("查看账号");
  if (actor.district_wide()) return db_->read([](soci::session& s) { return store::list_users(s, std::nullopt); });
  if (actor.has(Role::unit_admin)) return db_->read([&](soci::session& s) { return store::list_users(s, actor.unit_id); });
  return forbidden("查看账号");
}

Result<store::UserRecord> AccountService::get_user(const Actor& actor, long long id) {
  auto user = db_->read([&](soci::session& s) { return store::find_user(s, id); });
  if (!user) return make_error("not_found", "账号不存在。");
  if (!actor.district_wide() && !(actor.has(Role::unit_admin) && actor.unit_id == user->unit_id)) {
    return forbidden("查看该账号");
  }
  return *user;
}

int AccountService::purge_expired() {
  auto now = std::chrono::system_clock::now();
  return db_->write([&](soci::session& s) {
    return store::delete_expired_sessions(s, platform::to_utc_iso(now)) +
           store::purge_login_attempts(s, platform::to_utc_iso(now - std::chrono::hours(24 * 30)));
  });
}

}  // namespace gongkai::units
