#include "gongkai/notify/store.hpp"

#include "platform/db/rows.hpp"

namespace gongkai::notify::store {

using platform::db::int_at;
using platform::db::opt_int_at;
using platform::db::Params;
using platform::db::run;
using platform::db::text_at;

namespace {


const char* kCols =
    "id, channel, recipient, subject, body, template, ref_type, ref_id, ref_label, unit_id, COALESCE(dedup_key, ''), "
    "status, attempts, next_attempt_at, last_error, message_id, created_at, sent_at FROM outbox";

Row row_of(const soci::row& r) {
  Row x;
  x.id = int_at(r, 0);
  x.d.channel = channel_from(text_at(r, 1)).value_or(Channel::email);
  x.d.recipient = text_at(r, 2);
  x.d.subject = text_at(r, 3);
  x.d.body = text_at(r, 4);
  x.d.template_name = text_at(r, 5);
  x.d.ref_type = text_at(r, 6);
  x.d.ref_id = opt_int_at(r, 7);
  x.d.ref_label = text_at(r, 8);
  x.d.unit_id = opt_int_at(r, 9);
  x.d.dedup_key = text_at(r, 10);
  x.status = status_from(text_at(r, 11)).value_or(Status::pending);
  x.attempts = static_cast<int>(int_at(r, 12));
  x.next_attempt_at = text_at(r, 13);
  x.last_error = text_at(r, 14);
  x.message_id = text_at(r, 15);
  x.created_at = text_at(r, 16);
  x.sent_at = text_at(r, 17);
  return x;
}

}  // namespace

std::optional<long long> insert(soci::session& s, const Draft& d, const std::string& now) {
  if (!d.dedup_key.empty()) {
    long long n = 0;
    s << "SELECT COUNT(*) FROM outbox WHERE dedup_key = :k", soci::use(d.dedup_key), soci::into(n);
    if (n > 0) return std::nullopt;
  }
  long long id = 0;
  soci::statement st(s);
  Params p(st);
  p.text("ch", std::string(to_string(d.channel))).text("to", d.recipient).text("sub", d.subject).text("body", d.body)
      .text("tpl", d.template_name).text("rt", d.ref_type).opt_integer("rid", d.ref_id).text("rl", d.ref_label)
      .opt_integer("u", d.unit_id).opt_text("dk", d.dedup_key).text("now", now).text("now2", now);
  st.exchange(soci::into(id));
  run(st,
      "INSERT INTO outbox (channel, recipient, subject, body, template, ref_type, ref_id, ref_label, unit_id, dedup_key, "
      "status, attempts, next_attempt_at, created_at) VALUES (:ch, :to, :sub, :body, :tpl, :rt, :rid, :rl, :u, :dk, "
      "'pending', 0, :now, :now2) RETURNING id");
  return id;
}

std::vector<Row> due(soci::session& s, const std::string& now, int limit) {
  std::vector<Row> out;
  platform::db::for_each_row(s, std::string("SELECT ") + kCols + " WHERE status = 'pending' AND next_attempt_at <= :now ORDER BY next_attempt_at, id LIMIT :lim",
        [&](Params& p) { p.text("now", now).integer("lim", limit); }, [&](const soci::row& r) { out.push_back(row_of(r)); });
  return out;
}

std::optional<Row> find(soci::session& s, long long id) {
  std::optional<Row> out;
  platform::db::for_each_row(s, std::string("SELECT ") + kCols + " WHERE id = :id", [&](Params& p) { p.integer("id", id); },
        [&](const soci::row& r) { out = row_of(r); });
  return out;
}

bool claim(soci::session& s, long long id, const std::string& expected_next, const std::string& lease_until) {
  soci::statement st(s);
  Params p(st);
  p.integer("id", id).text("exp", expected_next).text("lease", lease_until);
  return run(st, "UPDATE outbox SET next_attempt_at = :lease WHERE id = :id AND status = 'pending' AND next_attempt_at = :exp") == 1;
}

void mark_sent(soci::session& s, long long id, int attempts, const std::string& at, const std::string& message_id) {
  soci::statement st(s);
  Params p(st);
  p.integer("id", id).integer("a", attempts).text("at", at).text("mid", message_id);
  run(st, "UPDATE outbox SET status = 'sent', attempts = :a, sent_at = :at, message_id = :mid, last_error = '' WHERE id = :id");
}

void mark_failure(soci::session& s, long long id, int attempts, Status status, const std::string& next_attempt_at,
                  const std::string& error) {
  soci::statement st(s);
  Params p(st);
  p.integer("id", id).integer("a", attempts).text("st", std::string(to_string(status))).text("next", next_attempt_at)
      .text("err", error.substr(0, 1000));
  run(st, "UPDATE outbox SET status = :st, attempts = :a, next_attempt_at = :next, last_error = :err WHERE id = :id");
}

void redact_body(soci::session& s, long long id, const std::string& replacement) {
  soci::statement st(s);
  Params p(st);
  p.integer("id", id).text("b", replacement);
  run(st, "UPDATE outbox SET body = :b WHERE id = :id");
}

void reset_for_retry(soci::session& s, long long id, const std::string& now) {
  soci::statement st(s);
  Params p(st);
  p.integer("id", id).text("now", now);
  run(st, "UPDATE outbox SET status = 'pending', next_attempt_at = :now WHERE id = :id AND status <> 'sent'");
}

std::vector<Row> list(soci::session& s, std::optional<Status> status, int limit) {
  std::vector<Row> out;
  std::string sql = std::string("SELECT ") + kCols + (status ? " WHERE status = :st" : "") + " ORDER BY id DESC LIMIT :lim";
  platform::db::for_each_row(s, sql,
        [&](Params& p) {
          if (status) p.text("st", std::string(to_string(*status)));
          p.integer("lim", limit);
        },
        [&](const soci::row& r) { out.push_back(row_of(r)); });
  return out;
}

Counts counts(soci::session& s) {
  Counts c;
  platform::db::for_each_row(s, "SELECT status, COUNT(*), SUM(CASE WHEN attempts > 0 THEN 1 ELSE 0 END) FROM outbox GROUP BY status",
        [](Params&) {},
        [&](const soci::row& r) {
          auto st = text_at(r, 0);
          long long n = int_at(r, 1);
          if (st == "pending") {
            c.pending = n;
            c.retrying = int_at(r, 2);
          } else if (st == "sent") {
            c.sent = n;
          } else if (st == "failed") {
            c.failed = n;
          }
        });
  return c;
}

}  // namespace gongkai::notify::store
