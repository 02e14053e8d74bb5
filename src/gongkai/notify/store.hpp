// SQL for the outbox (migration 0031). Functions run inside the caller's transaction.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "gongkai/notify/model.hpp"

namespace gongkai::notify::store {

struct Row {
  long long id = 0;
  Draft d;
  Status status = Status::pending;
  int attempts = 0;
  std::string next_attempt_at, last_error, message_id, created_at, sent_at;
};

// Writes a pending message due at `now`. With a dedup key that is already present, writes nothing and returns
// nullopt.
std::optional<long long> insert(soci::session& s, const Draft& d, const std::string& now);
// Pending messages due at or before `now`, oldest first.
std::vector<Row> due(soci::session& s, const std::string& now, int limit);
std::optional<Row> find(soci::session& s, long long id);
// Claims a pending message for one delivery attempt: moves its next attempt to `lease_until` if it is still
// pending and still due at `expected_next`. False if someone else claimed it (a retry and the job at once).
bool claim(soci::session& s, long long id, const std::string& expected_next, const std::string& lease_until);
void mark_sent(soci::session& s, long long id, int attempts, const std::string& at, const std::string& message_id);
void mark_failure(soci::session& s, long long id, int attempts, Status status, const std::string& next_attempt_at,
                  const std::string& error);
// Replaces the body of a message (a secret that must not stay in the table once delivered).
void redact_body(soci::session& s, long long id, const std::string& replacement);
// Makes a message due now again (staff retry); attempts are kept.
void reset_for_retry(soci::session& s, long long id, const std::string& now);
// Newest first; `status` filters when set.
std::vector<Row> list(soci::session& s, std::optional<Status> status, int limit);
// Messages by status: pending, sent, failed; and pending ones that have failed at least once.
struct Counts {
  long long pending = 0, sent = 0, failed = 0, retrying = 0;
};
Counts counts(soci::session& s);

}  // namespace gongkai::notify::store
