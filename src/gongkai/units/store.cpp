#include "gongkai/units/store.hpp"

#include <boost/json.hpp>

#include "platform/db/rows.hpp"

namespace gongkai::units::store {
namespace json = boost::json;

namespace {

const char* kUnitColumns =
    "id, parent_id, kind, name, short_name, credit_code, address, postcode, office_hours, phone, fax, email, website, "
    "head_name, head_title, leaders_json, functions, disclosure_office, disclosure_address, disclosure_hours, "
    "disclosure_phone, disclosure_fax, disclosure_email, disclosure_postcode, sort_order, active, version, created_at, "
    "updated_at";

std::string leaders_to_json(const std::vector<Leader>& leaders) {
  json::array a;
  for (const auto& l : leaders) a.push_back(json::object{{"name", l.name}, {"title", l.title}, {"duties", l.duties}});
  return json::serialize(a);
}

std::vector<Leader> leaders_from_json(const std::string& text) {
  std::vector<Leader> out;
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& x : v.as_array()) {
    if (!x.is_object()) continue;
    const auto& o = x.as_object();
    auto str = [&](const char* k) { return o.contains(k) && o.at(k).is_string() ? std::string(o.at(k).as_string()) : ""; };
    out.push_back(Leader{str("name"), str("title"), str("duties")});
  }
  return out;
}

// Reads a unit row. SOCI's row API reports integer types differently per backend, so columns are read into
// typed variables in a fixed order.
struct UnitRow {
  Unit u;
  long long parent = 0;
  soci::indicator parent_ind = soci::i_null, code_ind = soci::i_null;
  std::string kind, leaders;
  int active = 1;

  void bind(soci::statement& st) {
    st.exchange(soci::into(u.id));
    st.exchange(soci::into(parent, parent_ind));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(u.f.name));
    st.exchange(soci::into(u.f.short_name));
    st.exchange(soci::into(u.f.credit_code, code_ind));
    st.exchange(soci::into(u.f.address));
    st.exchange(soci::into(u.f.postcode));
    st.exchange(soci::into(u.f.office_hours));
    st.exchange(soci::into(u.f.phone));
    st.exchange(soci::into(u.f.fax));
    st.exchange(soci::into(u.f.email));
    st.exchange(soci::into(u.f.website));
    st.exchange(soci::into(u.f.head_name));
    st.exchange(soci::into(u.f.head_title));
    st.exchange(soci::into(leaders));
    st.exchange(soci::into(u.f.functions));
    st.exchange(soci::into(u.f.disclosure_office));
    st.exchange(soci::into(u.f.disclosure_address));
    st.exchange(soci::into(u.f.disclosure_hours));
    st.exchange(soci::into(u.f.disclosure_phone));
    st.exchange(soci::into(u.f.disclosure_fax));
    st.exchange(soci::into(u.f.disclosure_email));
    st.exchange(soci::into(u.f.disclosure_postcode));
    st.exchange(soci::into(u.f.sort_order));
    st.exchange(soci::into(active));
    st.exchange(soci::into(u.version));
    st.exchange(soci::into(u.created_at));
    st.exchange(soci::into(u.updated_at));
  }
  Unit get() const {
    Unit x = u;
    x.f.parent_id = parent_ind == soci::i_ok ? std::optional<long long>(parent) : std::nullopt;
    if (code_ind != soci::i_ok) x.f.credit_code.clear();
    x.f.kind = unit_kind_from(kind).value_or(UnitKind::department);
    x.f.leaders = leaders_from_json(leaders);
    x.f.active = active != 0;
    return x;
  }
};

std::vector<Unit> query_units(soci::session& s, const std::string& where, std::optional<long long> id) {
  UnitRow row;
  soci::statement st(s);
  row.bind(st);
  long long idv = id.value_or(0);
  if (id) st.exchange(soci::use(idv, "id"));
  st.alloc();
  st.prepare(std::string("SELECT ") + kUnitColumns + " FROM units " + where);
  st.define_and_bind();
  st.execute();
  std::vector<Unit> out;
  while (st.fetch()) out.push_back(row.get());
  return out;
}

// Binds the editable columns in a fixed order for INSERT and UPDATE.
struct UnitParams {
  long long parent;
  soci::indicator parent_ind, code_ind;
  std::string kind, leaders;
  int active;
  explicit UnitParams(const UnitFields& f)
      : parent(f.parent_id.value_or(0)),
        parent_ind(f.parent_id ? soci::i_ok : soci::i_null),
        code_ind(f.credit_code.empty() ? soci::i_null : soci::i_ok),
        kind(to_string(f.kind)),
        leaders(leaders_to_json(f.leaders)),
        active(f.active ? 1 : 0) {}
};

}  // namespace

std::optional<Unit> find_unit(soci::session& s, long long id) {
  auto v = query_units(s, "WHERE id = :id", id);
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<Unit> list_units(soci::session& s, bool include_inactive) {
  return query_units(s, include_inactive ? "ORDER BY sort_order, id" : "WHERE active = 1 ORDER BY sort_order, id",
                     std::nullopt);
}

std::vector<long long> ancestors(soci::session& s, long long id) {
  std::vector<long long> out;
  long long cur = id;
  for (int depth = 0; depth < 16; ++depth) {
    long long parent = 0;
    soci::indicator ind = soci::i_null;
    s << "SELECT parent_id FROM units WHERE id = :id", soci::use(cur), soci::into(parent, ind);
    if (ind != soci::i_ok || !s.got_data()) break;
    out.push_back(parent);
    cur = parent;
  }
  return out;
}

bool credit_code_taken(soci::session& s, const std::string& code, long long except_id) {
  int n = 0;
  s << "SELECT COUNT(*) FROM units WHERE credit_code = :c AND id <> :id", soci::use(code), soci::use(except_id),
      soci::into(n);
  return n > 0;
}

bool name_taken(soci::session& s, std::optional<long long> parent_id, const std::string& name, long long except_id) {
  int n = 0;
  if (parent_id) {
    long long p = *parent_id;
    s << "SELECT COUNT(*) FROM units WHERE parent_id = :p AND name = :n AND id <> :id", soci::use(p), soci::use(name),
        soci::use(except_id), soci::into(n);
  } else {
    s << "SELECT COUNT(*) FROM units WHERE parent_id IS NULL AND name = :n AND id <> :id", soci::use(name),
        soci::use(except_id), soci::into(n);
  }
  return n > 0;
}

long long insert_unit(soci::session& s, const UnitFields& f, const std::string& now) {
  UnitParams p(f);
  long long id = 0;
  s << "INSERT INTO units (parent_id, kind, name, short_name, credit_code, address, postcode, office_hours, phone, fax, "
       "email, website, head_name, head_title, leaders_json, functions, disclosure_office, disclosure_address, "
       "disclosure_hours, disclosure_phone, disclosure_fax, disclosure_email, disclosure_postcode, sort_order, active, "
       "version, created_at, updated_at) VALUES (:parent, :kind, :name, :short_name, :code, :address, :postcode, :hours, "
       ":phone, :fax, :email, :website, :head, :head_title, :leaders, :functions, :d_office, :d_address, :d_hours, "
       ":d_phone, :d_fax, :d_email, :d_postcode, :sort, :active, 1, :now, :now2) RETURNING id",
      soci::use(p.parent, p.parent_ind), soci::use(p.kind), soci::use(f.name), soci::use(f.short_name),
      soci::use(f.credit_code, p.code_ind), soci::use(f.address), soci::use(f.postcode), soci::use(f.office_hours),
      soci::use(f.phone), soci::use(f.fax), soci::use(f.email), soci::use(f.website), soci::use(f.head_name),
      soci::use(f.head_title), soci::use(p.leaders), soci::use(f.functions), soci::use(f.disclosure_office),
      soci::use(f.disclosure_address), soci::use(f.disclosure_hours), soci::use(f.disclosure_phone),
      soci::use(f.disclosure_fax), soci::use(f.disclosure_email), soci::use(f.disclosure_postcode),
      soci::use(f.sort_order), soci::use(p.active), soci::use(now), soci::use(now), soci::into(id);
  return id;
}

bool update_unit(soci::session& s, long long id, const UnitFields& f, int expected_version, const std::string& now) {
  UnitParams p(f);
  soci::statement st =
      (s.prepare << "UPDATE units SET parent_id = :parent, kind = :kind, name = :name, short_name = :short_name, "
                    "credit_code = :code, address = :address, postcode = :postcode, office_hours = :hours, phone = :phone, "
                    "fax = :fax, email = :email, website = :website, head_name = :head, head_title = :head_title, "
                    "leaders_json = :leaders, functions = :functions, disclosure_office = :d_office, "
                    "disclosure_address = :d_address, disclosure_hours = :d_hours, disclosure_phone = :d_phone, "
                    "disclosure_fax = :d_fax, disclosure_email = :d_email, disclosure_postcode = :d_postcode, "
                    "sort_order = :sort, active = :active, version = version + 1, updated_at = :now "
                    "WHERE id = :id AND version = :version",
       soci::use(p.parent, p.parent_ind), soci::use(p.kind), soci::use(f.name), soci::use(f.short_name),
       soci::use(f.credit_code, p.code_ind), soci::use(f.address), soci::use(f.postcode), soci::use(f.office_hours),
       soci::use(f.phone), soci::use(f.fax), soci::use(f.email), soci::use(f.website), soci::use(f.head_name),
       soci::use(f.head_title), soci::use(p.leaders), soci::use(f.functions), soci::use(f.disclosure_office),
       soci::use(f.disclosure_address), soci::use(f.disclosure_hours), soci::use(f.disclosure_phone),
       soci::use(f.disclosure_fax), soci::use(f.disclosure_email), soci::use(f.disclosure_postcode),
       soci::use(f.sort_order), soci::use(p.active), soci::use(now), soci::use(id), soci::use(expected_version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

namespace {

std::set<Role> roles_of(soci::session& s, long long user_id) {
  std::set<Role> out;
  std::string role;
  soci::statement st = (s.prepare << "SELECT role FROM user_roles WHERE user_id = :u", soci::use(user_id), soci::into(role));
  st.execute();
  while (st.fetch()) {
    if (auto r = role_from(role)) out.insert(*r);
  }
  return out;
}

void write_roles(soci::session& s, long long user_id, const std::set<Role>& roles) {
  s << "DELETE FROM user_roles WHERE user_id = :u", soci::use(user_id);
  for (Role r : roles) {
    std::string name(to_string(r));
    s << "INSERT INTO user_roles (user_id, role) VALUES (:u, :r)", soci::use(user_id), soci::use(name);
  }
}

std::vector<UserRecord> query_users(soci::session& s, const std::string& where, const std::string* text, long long* num) {
  UserRecord u;
  int must = 0, disabled = 0;
  soci::indicator li = soci::i_null;
  soci::statement st(s);
  st.exchange(soci::into(u.id));
  st.exchange(soci::into(u.username));
  st.exchange(soci::into(u.display_name));
  st.exchange(soci::into(u.unit_id));
  st.exchange(soci::into(u.password_hash));
  st.exchange(soci::into(must));
  st.exchange(soci::into(disabled));
  st.exchange(soci::into(u.version));
  st.exchange(soci::into(u.created_at));
  st.exchange(soci::into(u.updated_at));
  st.exchange(soci::into(u.last_login_at, li));
  if (text) st.exchange(soci::use(*text, "v"));
  if (num) st.exchange(soci::use(*num, "v"));
  st.alloc();
  st.prepare("SELECT id, username, display_name, unit_id, password_hash, must_change_password, disabled, version, "
             "created_at, updated_at, last_login_at FROM users " + where);
  st.define_and_bind();
  st.execute();
  std::vector<UserRecord> out;
  while (st.fetch()) {
    UserRecord x = u;
    x.must_change_password = must != 0;
    x.disabled = disabled != 0;
    if (li != soci::i_ok) x.last_login_at.clear();
    out.push_back(std::move(x));
  }
  for (auto& x : out) x.roles = roles_of(s, x.id);
  return out;
}

}  // namespace

std::optional<UserRecord> find_user(soci::session& s, long long id) {
  auto v = query_users(s, "WHERE id = :v", nullptr, &id);
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::optional<UserRecord> find_user_by_username(soci::session& s, const std::string& username) {
  auto v = query_users(s, "WHERE username = :v", &username, nullptr);
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<UserRecord> list_users(soci::session& s, std::optional<long long> unit_id) {
  if (unit_id) {
    long long u = *unit_id;
    return query_users(s, "WHERE unit_id = :v ORDER BY username", nullptr, &u);
  }
  return query_users(s, "ORDER BY username", nullptr, nullptr);
}

long long insert_user(soci::session& s, const UserRecord& u, const std::string& now) {
  long long id = 0;
  int must = u.must_change_password ? 1 : 0, disabled = u.disabled ? 1 : 0;
  s << "INSERT INTO users (username, display_name, unit_id, password_hash, must_change_password, disabled, version, "
       "created_at, updated_at) VALUES (:u, :d, :unit, :h, :m, :dis, 1, :now, :now2) RETURNING id",
      soci::use(u.username), soci::use(u.display_name), soci::use(u.unit_id), soci::use(u.password_hash), soci::use(must),
      soci::use(disabled), soci::use(now), soci::use(now), soci::into(id);
  write_roles(s, id, u.roles);
  return id;
}

bool update_user(soci::session& s, const UserRecord& u, int expected_version, const std::string& now) {
  int disabled = u.disabled ? 1 : 0;
  soci::statement st = (s.prepare << "UPDATE users SET display_name = :d, unit_id = :unit, disabled = :dis, "
                                     "version = version + 1, updated_at = :now WHERE id = :id AND version = :v",
                        soci::use(u.display_name), soci::use(u.unit_id), soci::use(disabled), soci::use(now),
                        soci::use(u.id), soci::use(expected_version));
  st.execute(true);
  if (st.get_affected_rows() != 1) return false;
  write_roles(s, u.id, u.roles);
  return true;
}

void set_password(soci::session& s, long long id, const std::string& hash, bool must_change, const std::string& now) {
  int must = must_change ? 1 : 0;
  s << "UPDATE users SET password_hash = :h, must_change_password = :m, version = version + 1, updated_at = :now "
       "WHERE id = :id",
      soci::use(hash), soci::use(must), soci::use(now), soci::use(id);
}

void touch_login(soci::session& s, long long id, const std::string& now) {
  s << "UPDATE users SET last_login_at = :now WHERE id = :id", soci::use(now), soci::use(id);
}

void insert_session(soci::session& s, const SessionRecord& r) {
  s << "INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at) VALUES (:id, :u, :c, :l, :e)",
      soci::use(r.id), soci::use(r.user_id), soci::use(r.created_at), soci::use(r.last_seen_at), soci::use(r.expires_at);
}

std::optional<SessionRecord> find_session(soci::session& s, const std::string& id) {
  SessionRecord r;
  s << "SELECT id, user_id, created_at, last_seen_at, expires_at FROM sessions WHERE id = :id", soci::use(id),
      soci::into(r.id), soci::into(r.user_id), soci::into(r.created_at), soci::into(r.last_seen_at),
      soci::into(r.expires_at);
  if (!s.got_data()) return std::nullopt;
  return r;
}

void touch_session(soci::session& s, const std::string& id, const std::string& now, const std::string& expires) {
  s << "UPDATE sessions SET last_seen_at = :n, expires_at = :e WHERE id = :id", soci::use(now), soci::use(expires),
      soci::use(id);
}

void delete_session(soci::session& s, const std::string& id) { s << "DELETE FROM sessions WHERE id = :id", soci::use(id); }

void delete_sessions_of(soci::session& s, long long user_id) {
  s << "DELETE FROM sessions WHERE user_id = :u", soci::use(user_id);
}

int delete_expired_sessions(soci::session& s, const std::string& now) {
  soci::statement st = (s.prepare << "DELETE FROM sessions WHERE expires_at < :n", soci::use(now));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

void add_login_attempt(soci::session& s, const std::string& at, const std::string& username, const std::string& address,
                       bool success) {
  int ok = success ? 1 : 0;
  s << "INSERT INTO login_attempts (at, username, address, success) VALUES (:at, :u, :a, :s)", soci::use(at),
      soci::use(username), soci::use(address), soci::use(ok);
}

int count_failures_for_user(soci::session& s, const std::string& username, const std::string& since) {
  int n = 0;
  s << "SELECT COUNT(*) FROM login_attempts WHERE username = :u AND at >= :s AND success = 0", soci::use(username),
      soci::use(since), soci::into(n);
  return n;
}

int count_failures_from(soci::session& s, const std::string& address, const std::string& since) {
  int n = 0;
  s << "SELECT COUNT(*) FROM login_attempts WHERE address = :a AND at >= :s AND success = 0", soci::use(address),
      soci::use(since), soci::into(n);
  return n;
}

std::string last_failure_for_user(soci::session& s, const std::string& username, const std::string& since) {
  std::string at;
  soci::indicator ind = soci::i_null;
  s << "SELECT MAX(at) FROM login_attempts WHERE username = :u AND at >= :s AND success = 0", soci::use(username),
      soci::use(since), soci::into(at, ind);
  return ind == soci::i_ok ? at : std::string{};
}

int purge_login_attempts(soci::session& s, const std::string& before) {
  soci::statement st = (s.prepare << "DELETE FROM login_attempts WHERE at < :b", soci::use(before));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

// ---- API tokens ----------------------------------------------------------------------------------------------

namespace {
std::vector<ApiTokenRecord> query_tokens(soci::session& s, const std::string& where, const std::string& key, long long id) {
  std::vector<ApiTokenRecord> out;
  soci::row r;
  std::string k = key;
  soci::statement st = id ? (s.prepare << "SELECT id, user_id, name, token_hash, created_at, expires_at, last_used_at, "
                                          "revoked_at FROM api_tokens " + where + " ORDER BY id",
                             soci::use(id, "id"), soci::into(r))
                          : (s.prepare << "SELECT id, user_id, name, token_hash, created_at, expires_at, last_used_at, "
                                          "revoked_at FROM api_tokens " + where + " ORDER BY id",
                             soci::use(k, "k"), soci::into(r));
  st.execute();
  while (st.fetch()) {
    out.push_back(ApiTokenRecord{platform::db::int_at(r, 0), platform::db::int_at(r, 1), platform::db::text_at(r, 2),
                                 platform::db::text_at(r, 3), platform::db::text_at(r, 4), platform::db::text_at(r, 5),
                                 platform::db::text_at(r, 6), platform::db::text_at(r, 7)});
  }
  return out;
}
}  // namespace

long long insert_api_token(soci::session& s, const ApiTokenRecord& t) {
  long long id = 0;
  s << "INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at) VALUES (:u, :n, :h, :c, :e) "
       "RETURNING id",
      soci::use(t.user_id, "u"), soci::use(t.name, "n"), soci::use(t.token_hash, "h"), soci::use(t.created_at, "c"),
      soci::use(t.expires_at, "e"), soci::into(id);
  return id;
}

std::optional<ApiTokenRecord> find_api_token_by_hash(soci::session& s, const std::string& hash) {
  auto v = query_tokens(s, "WHERE token_hash = :k", hash, 0);
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<ApiTokenRecord> list_api_tokens(soci::session& s, long long user_id) {
  return query_tokens(s, "WHERE user_id = :id", "", user_id);
}

bool revoke_api_token(soci::session& s, long long user_id, long long id, const std::string& now) {
  soci::statement st = (s.prepare << "UPDATE api_tokens SET revoked_at = :now WHERE id = :id AND user_id = :u AND "
                                     "revoked_at IS NULL",
                        soci::use(now, "now"), soci::use(id, "id"), soci::use(user_id, "u"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void touch_api_token(soci::session& s, long long id, const std::string& now) {
  s << "UPDATE api_tokens SET last_used_at = :now WHERE id = :id", soci::use(now, "now"), soci::use(id, "id");
}

}  // namespace gongkai::units::store
