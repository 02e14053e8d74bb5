#include "gongkai/audit/service.hpp"

#include "gongkai/audit/store.hpp"

namespace gongkai::audit {

void record(soci::session& s, const units::Actor& actor, const Change& c) {
  Entry e;
  if (actor.user_id != 0) {
    e.actor_id = actor.user_id;
    e.actor_unit_id = actor.unit_id;
  }
  e.actor_name = actor.display_name.empty() ? (actor.username.empty() ? "系统" : actor.username) : actor.display_name;
  e.address = actor.address;
  e.request_id = actor.request_id;
  e.action = c.action;
  e.entity_type = c.entity_type;
  e.entity_id = c.entity_id;
  e.entity_label = c.entity_label;
  e.unit_id = c.unit_id;
  e.before_json = c.before;
  e.after_json = c.after;
  append(s, std::move(e));
}

platform::Result<std::vector<Entry>> AuditService::list(const units::Actor& actor, const Query& q) {
  if (!units::may_view_audit(actor)) {
    return platform::make_error("forbidden", "只有政务公开办和系统管理员可以查看审计日志。");
  }
  return db_->read([&](soci::session& s) { return find(s, q); });
}

}  // namespace gongkai::audit
