// The audit log's use cases. Other services call record() inside their own transaction; the openness office reads
// the log through list().
#pragma once

#include <memory>
#include <soci/soci.h>

#include "gongkai/audit/model.hpp"
#include "gongkai/units/model.hpp"
#include "platform/db/database.hpp"
#include "platform/result.hpp"

namespace gongkai::audit {

// What changed, for record(). `before`/`after` are JSON texts of the record ("" for none).
struct Change {
  std::string action;
  std::string entity_type;
  std::string entity_id;
  std::string entity_label;
  std::optional<long long> unit_id;
  std::string before;
  std::string after;
};

// Appends an entry for `actor` (an anonymous or command-line actor is recorded by name) in the caller's
// transaction.
void record(soci::session& s, const units::Actor& actor, const Change& change);

class AuditService {
 public:
  explicit AuditService(std::shared_ptr<platform::db::Database> db) : db_(std::move(db)) {}
  // Entries matching `q`, newest first. Error forbidden unless the actor may view the audit log.
  platform::Result<std::vector<Entry>> list(const units::Actor& actor, const Query& q);

 private:
  std::shared_ptr<platform::db::Database> db_;
};

}  // namespace gongkai::audit
