#include "gongkai/audit/store.hpp"

#include "platform/time.hpp"

namespace gongkai::audit {

namespace {
// Local (UTC+8) calendar date bounds as UTC ISO strings: local midnight is 16:00Z the day before.
std::string local_day_start_utc(const std::string& ymd, int add_days) {
  std::tm tm{};
  if (std::sscanf(ymd.c_str(), "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3) return {};
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  std::time_t t = timegm(&tm) + add_days * 86400 - 8 * 3600;
  // Formatted from time_t directly: system_clock counts nanoseconds and overflows (undefined behaviour) for dates
  // past 2262 or before 1677, which a filter like ?from=2999-01-01 reaches. Outside years 1-9999 the bound lies
  // before or after every stored timestamp.
  std::tm utc{};
  if (!gmtime_r(&t, &utc) || utc.tm_year + 1900 < 1) return "0000-01-01T00:00:00Z";
  if (utc.tm_year + 1900 > 9999) return "9999-12-31T23:59:59Z";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                utc.tm_hour, utc.tm_min, utc.tm_sec);
  return buf;
}
}  // namespace

long long append(soci::session& s, Entry e) {
  if (e.at.empty()) e.at = platform::now_utc_iso();
  soci::indicator ai = e.actor_id ? soci::i_ok : soci::i_null;
  soci::indicator aui = e.actor_unit_id ? soci::i_ok : soci::i_null;
  soci::indicator ui = e.unit_id ? soci::i_ok : soci::i_null;
  soci::indicator bi = e.before_json.empty() ? soci::i_null : soci::i_ok;
  soci::indicator fi = e.after_json.empty() ? soci::i_null : soci::i_ok;
  long long actor = e.actor_id.value_or(0), actor_unit = e.actor_unit_id.value_or(0), unit = e.unit_id.value_or(0);
  long long id = 0;
  s << "INSERT INTO audit_log (at, actor_id, actor_name, actor_unit_id, address, request_id, action, entity_type, "
       "entity_id, entity_label, unit_id, before_json, after_json) VALUES (:at, :actor, :actor_name, :actor_unit, "
       ":address, :rid, :action, :etype, :eid, :elabel, :unit, :before, :after) RETURNING id",
      soci::use(e.at), soci::use(actor, ai), soci::use(e.actor_name), soci::use(actor_unit, aui), soci::use(e.address),
      soci::use(e.request_id), soci::use(e.action), soci::use(e.entity_type), soci::use(e.entity_id),
      soci::use(e.entity_label), soci::use(unit, ui), soci::use(e.before_json, bi), soci::use(e.after_json, fi),
      soci::into(id);
  return id;
}

std::vector<Entry> find(soci::session& s, const Query& q) {
  std::string sql =
      "SELECT id, at, actor_id, actor_name, actor_unit_id, address, request_id, action, entity_type, entity_id, "
      "entity_label, unit_id, before_json, after_json FROM audit_log WHERE 1=1";
  // Bind values are kept in stable storage for SOCI's use() references.
  std::string action_like = q.action_prefix + "%";
  std::string from = q.from_date.empty() ? "" : local_day_start_utc(q.from_date, 0);
  std::string to = q.to_date.empty() ? "" : local_day_start_utc(q.to_date, 1);
  long long actor = q.actor_id.value_or(0), unit = q.unit_id.value_or(0), before = q.before_id.value_or(0);
  int limit = std::clamp(q.limit, 1, 500);
  if (!q.action_prefix.empty()) sql += " AND action LIKE :action";
  if (!q.entity_type.empty()) sql += " AND entity_type = :etype";
  if (!q.entity_id.empty()) sql += " AND entity_id = :eid";
  if (q.actor_id) sql += " AND actor_id = :actor";
  if (q.unit_id) sql += " AND unit_id = :unit";
  if (!from.empty()) sql += " AND at >= :from";
  if (!to.empty()) sql += " AND at < :to";
  if (q.before_id) sql += " AND id < :before";
  sql += " ORDER BY id DESC LIMIT " + std::to_string(limit);

  Entry e;
  long long actor_id = 0, actor_unit = 0, unit_id = 0;
  soci::indicator ai, aui, ui, bi, fi;
  soci::statement st(s);
  st.exchange(soci::into(e.id));
  st.exchange(soci::into(e.at));
  st.exchange(soci::into(actor_id, ai));
  st.exchange(soci::into(e.actor_name));
  st.exchange(soci::into(actor_unit, aui));
  st.exchange(soci::into(e.address));
  st.exchange(soci::into(e.request_id));
  st.exchange(soci::into(e.action));
  st.exchange(soci::into(e.entity_type));
  st.exchange(soci::into(e.entity_id));
  st.exchange(soci::into(e.entity_label));
  st.exchange(soci::into(unit_id, ui));
  st.exchange(soci::into(e.before_json, bi));
  st.exchange(soci::into(e.after_json, fi));
  if (!q.action_prefix.empty()) st.exchange(soci::use(action_like, "action"));
  if (!q.entity_type.empty()) st.exchange(soci::use(q.entity_type, "etype"));
  if (!q.entity_id.empty()) st.exchange(soci::use(q.entity_id, "eid"));
  if (q.actor_id) st.exchange(soci::use(actor, "actor"));
  if (q.unit_id) st.exchange(soci::use(unit, "unit"));
  if (!from.empty()) st.exchange(soci::use(from, "from"));
  if (!to.empty()) st.exchange(soci::use(to, "to"));
  if (q.before_id) st.exchange(soci::use(before, "before"));
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
  st.execute();
  std::vector<Entry> out;
  while (st.fetch()) {
    Entry x = e;
    x.actor_id = ai == soci::i_ok ? std::optional<long long>(actor_id) : std::nullopt;
    x.actor_unit_id = aui == soci::i_ok ? std::optional<long long>(actor_unit) : std::nullopt;
    x.unit_id = ui == soci::i_ok ? std::optional<long long>(unit_id) : std::nullopt;
    if (bi != soci::i_ok) x.before_json.clear();
    if (fi != soci::i_ok) x.after_json.clear();
    out.push_back(std::move(x));
  }
  return out;
}

}  // namespace gongkai::audit
