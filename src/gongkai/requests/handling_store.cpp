#include "gongkai/requests/handling_store.hpp"

#include "platform/db/rows.hpp"

namespace gongkai::requests::store {

using platform::db::int_at;
using platform::db::opt_int_at;
using platform::db::Params;
using platform::db::text_at;
using platform::db::execute;
using platform::db::for_each_row;

namespace {

const char* kAppealColumns =
    "id, request_id, kind, after_review, filed_on, authority, result, decided_on, note, version";

Appeal appeal_from(const soci::row& r) {
  Appeal a;
  a.id = int_at(r, 0);
  a.request_id = int_at(r, 1);
  a.kind = appeal_kind_from(text_at(r, 2)).value_or(AppealKind::review);
  a.after_review = int_at(r, 3) != 0;
  a.filed_on = text_at(r, 4);
  a.authority = text_at(r, 5);
  a.result = appeal_result_from(text_at(r, 6)).value_or(AppealResult::pending);
  a.decided_on = text_at(r, 7);
  a.note = text_at(r, 8);
  a.version = static_cast<int>(int_at(r, 9));
  return a;
}

std::string user_name_sql(const char* column) {
  return std::string("COALESCE((SELECT COALESCE(NULLIF(display_name, ''), username) FROM users WHERE id = ") + column +
         "), '')";
}

}  // namespace

// ---- appeals ----

long long insert_appeal(soci::session& s, const Appeal& a, std::optional<long long> by, const std::string& now) {
  long long id = 0;
  soci::statement st(s);
  Params p(st);
  p.integer("r", a.request_id)
      .text("k", std::string(to_string(a.kind)))
      .integer("ar", a.after_review ? 1 : 0)
      .text("f", a.filed_on)
      .text("au", a.authority)
      .text("res", std::string(to_string(a.result)))
      .opt_text("d", a.decided_on)
      .text("n", a.note)
      .opt_integer("by", by)
      .text("now", now);
  st.exchange(soci::into(id));
  st.alloc();
  st.prepare(
      "INSERT INTO request_appeals (request_id, kind, after_review, filed_on, authority, result, decided_on, note, "
      "created_by, created_at, updated_at, version) VALUES (:r, :k, :ar, :f, :au, :res, :d, :n, :by, :now, :now, 1) "
      "RETURNING id");
  st.define_and_bind();
  st.execute(true);
  return id;
}

bool update_appeal(soci::session& s, const Appeal& a, int expected_version, const std::string& now) {
  return execute(s,
                 "UPDATE request_appeals SET kind = :k, after_review = :ar, filed_on = :f, authority = :au, "
                 "result = :res, decided_on = :d, note = :n, updated_at = :now, version = version + 1 "
                 "WHERE id = :id AND version = :v",
                 [&](Params& p) {
                   p.text("k", std::string(to_string(a.kind)))
                       .integer("ar", a.after_review ? 1 : 0)
                       .text("f", a.filed_on)
                       .text("au", a.authority)
                       .text("res", std::string(to_string(a.result)))
                       .opt_text("d", a.decided_on)
                       .text("n", a.note)
                       .text("now", now)
                       .integer("id", a.id)
                       .integer("v", expected_version);
                 }) == 1;
}

std::optional<Appeal> find_appeal(soci::session& s, long long id) {
  std::optional<Appeal> out;
  for_each_row(s, std::string("SELECT ") + kAppealColumns + " FROM request_appeals WHERE id = :id",
         [&](Params& p) { p.integer("id", id); }, [&](const soci::row& r) { out = appeal_from(r); });
  return out;
}

std::vector<Appeal> appeals_of(soci::session& s, long long request_id) {
  std::vector<Appeal> out;
  for_each_row(s, std::string("SELECT ") + kAppealColumns + " FROM request_appeals WHERE request_id = :r ORDER BY filed_on, id",
         [&](Params& p) { p.integer("r", request_id); }, [&](const soci::row& r) { out.push_back(appeal_from(r)); });
  return out;
}

// ---- co-handling ----

void insert_cohandler(soci::session& s, const Cohandler& c, std::optional<long long> by) {
  execute(s,
          "INSERT INTO request_cohandlers (request_id, unit_id, asked_on, asked_by, question) "
          "VALUES (:r, :u, :on, :by, :q)",
          [&](Params& p) {
            p.integer("r", c.request_id).integer("u", c.unit_id).text("on", c.asked_on).opt_integer("by", by).text("q", c.question);
          });
}

bool update_cohandler_answer(soci::session& s, const Cohandler& c, std::optional<long long> by, int expected_version) {
  return execute(s,
                 "UPDATE request_cohandlers SET contribution = :t, answered_on = :on, answered_by = :by, "
                 "version = version + 1 WHERE request_id = :r AND unit_id = :u AND version = :v",
                 [&](Params& p) {
                   p.text("t", c.contribution)
                       .text("on", c.answered_on)
                       .opt_integer("by", by)
                       .integer("r", c.request_id)
                       .integer("u", c.unit_id)
                       .integer("v", expected_version);
                 }) == 1;
}

namespace {
std::vector<Cohandler> cohandlers_where(soci::session& s, const std::string& where, long long a, long long b) {
  std::vector<Cohandler> out;
  for_each_row(s,
         "SELECT c.id, c.request_id, c.unit_id, COALESCE(u.name, ''), c.asked_on, c.question, c.contribution, "
         "c.answered_on, " + user_name_sql("c.answered_by") + ", c.version "
         "FROM request_cohandlers c LEFT JOIN units u ON u.id = c.unit_id " + where,
         [&](Params& p) { p.integer("a", a).integer("b", b); },
         [&](const soci::row& r) {
           Cohandler c;
           c.id = int_at(r, 0);
           c.request_id = int_at(r, 1);
           c.unit_id = int_at(r, 2);
           c.unit_name = text_at(r, 3);
           c.asked_on = text_at(r, 4);
           c.question = text_at(r, 5);
           c.contribution = text_at(r, 6);
           c.answered_on = text_at(r, 7);
           c.answered_by_name = text_at(r, 8);
           c.version = static_cast<int>(int_at(r, 9));
           out.push_back(std::move(c));
         });
  return out;
}
}  // namespace

std::vector<Cohandler> cohandlers_of(soci::session& s, long long request_id) {
  return cohandlers_where(s, "WHERE c.request_id = :a AND :b = 0 ORDER BY c.id", request_id, 0);
}

std::optional<Cohandler> cohandler(soci::session& s, long long request_id, long long unit_id) {
  auto v = cohandlers_where(s, "WHERE c.request_id = :a AND c.unit_id = :b", request_id, unit_id);
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<long long> cohandled_by(soci::session& s, long long unit_id) {
  std::vector<long long> out;
  for_each_row(s, "SELECT request_id FROM request_cohandlers WHERE unit_id = :u ORDER BY CASE WHEN answered_on = '' THEN 0 ELSE 1 END, id DESC",
         [&](Params& p) { p.integer("u", unit_id); }, [&](const soci::row& r) { out.push_back(int_at(r, 0)); });
  return out;
}

int unanswered_cohandlers(soci::session& s, long long request_id) {
  int n = 0;
  s << "SELECT COUNT(*) FROM request_cohandlers WHERE request_id = :r AND answered_on = ''", soci::use(request_id),
      soci::into(n);
  return n;
}

// ---- sensitivity ----

std::optional<Sensitivity> sensitivity_of(soci::session& s, long long request_id) {
  std::optional<Sensitivity> out;
  for_each_row(s,
         "SELECT reason, " + user_name_sql("flagged_by") + ", flagged_at, talk_on, talk_way, talk_record, " +
             user_name_sql("signed_off_by") + ", signed_off_at, sign_off_opinion FROM request_sensitivity WHERE request_id = :r",
         [&](Params& p) { p.integer("r", request_id); },
         [&](const soci::row& r) {
           Sensitivity x;
           x.reason = text_at(r, 0);
           x.flagged_by_name = text_at(r, 1);
           x.flagged_at = text_at(r, 2);
           x.talk_on = text_at(r, 3);
           x.talk_way = text_at(r, 4);
           x.talk_record = text_at(r, 5);
           x.signed_off_by_name = text_at(r, 6);
           x.signed_off_at = text_at(r, 7);
           x.sign_off_opinion = text_at(r, 8);
           out = std::move(x);
         });
  return out;
}

void insert_sensitivity(soci::session& s, long long request_id, const std::string& reason, std::optional<long long> by,
                        const std::string& now) {
  execute(s, "INSERT INTO request_sensitivity (request_id, reason, flagged_by, flagged_at) VALUES (:r, :re, :by, :now)",
          [&](Params& p) { p.integer("r", request_id).text("re", reason).opt_integer("by", by).text("now", now); });
}

void update_talk(soci::session& s, long long request_id, const std::string& on, const std::string& way,
                 const std::string& record) {
  execute(s, "UPDATE request_sensitivity SET talk_on = :on, talk_way = :w, talk_record = :t WHERE request_id = :r",
          [&](Params& p) { p.text("on", on).text("w", way).text("t", record).integer("r", request_id); });
}

void update_sign_off(soci::session& s, long long request_id, std::optional<long long> by, const std::string& at,
                     const std::string& opinion) {
  execute(s,
          "UPDATE request_sensitivity SET signed_off_by = :by, signed_off_at = :at, sign_off_opinion = :o "
          "WHERE request_id = :r",
          [&](Params& p) { p.opt_integer("by", by).text("at", at).text("o", opinion).integer("r", request_id); });
}

// ---- splits ----

void update_description(soci::session& s, long long request_id, const std::string& description) {
  execute(s, "UPDATE requests SET description = :d WHERE id = :id",
          [&](Params& p) { p.text("d", description).integer("id", request_id); });
}

void insert_split(soci::session& s, long long parent_id, long long child_id, const std::string& now) {
  execute(s, "INSERT INTO request_splits (child_id, parent_id, created_at) VALUES (:c, :p, :now)",
          [&](Params& p) { p.integer("c", child_id).integer("p", parent_id).text("now", now); });
}

std::optional<long long> split_parent(soci::session& s, long long child_id) {
  std::optional<long long> out;
  for_each_row(s, "SELECT parent_id FROM request_splits WHERE child_id = :c", [&](Params& p) { p.integer("c", child_id); },
         [&](const soci::row& r) { out = int_at(r, 0); });
  return out;
}

std::vector<long long> split_children(soci::session& s, long long parent_id) {
  std::vector<long long> out;
  for_each_row(s, "SELECT child_id FROM request_splits WHERE parent_id = :p ORDER BY child_id",
         [&](Params& p) { p.integer("p", parent_id); }, [&](const soci::row& r) { out.push_back(int_at(r, 0)); });
  return out;
}

// ---- Art. 44 ----

void insert_proactive_draft(soci::session& s, long long request_id, long long document_id, std::optional<long long> by,
                            const std::string& now) {
  execute(s,
          "INSERT INTO request_proactive_drafts (request_id, document_id, created_by, created_at) VALUES (:r, :d, :by, :now)",
          [&](Params& p) { p.integer("r", request_id).integer("d", document_id).opt_integer("by", by).text("now", now); });
}

std::vector<ProactiveDraft> proactive_drafts_of(soci::session& s, long long request_id) {
  std::vector<ProactiveDraft> out;
  // The title of the document's latest edition (the disclosure capability owns those tables; read-only here).
  for_each_row(s,
         "SELECT d.document_id, COALESCE((SELECT e.title FROM editions e WHERE e.document_id = d.document_id "
         "ORDER BY e.edition_no DESC LIMIT 1), ''), d.created_at, " + user_name_sql("d.created_by") +
             " FROM request_proactive_drafts d WHERE d.request_id = :r ORDER BY d.id",
         [&](Params& p) { p.integer("r", request_id); },
         [&](const soci::row& r) {
           out.push_back(ProactiveDraft{int_at(r, 0), text_at(r, 1), text_at(r, 2), text_at(r, 3)});
         });
  return out;
}

int nth_application_in_month(soci::session& s, const std::string& applicant_hash, long long unit_id,
                             const std::string& received_on, long long id) {
  std::string month = received_on.substr(0, 7);
  std::string first = month + "-01", next = month + "-32";  // every day of the month sorts below "-32"
  int n = 0;
  s << "SELECT COUNT(*) FROM requests WHERE applicant_hash = :h AND unit_id = :u AND received_on >= :f "
       "AND received_on < :n AND (received_on < :r OR (received_on = :r2 AND id <= :id))",
      soci::use(applicant_hash), soci::use(unit_id), soci::use(first), soci::use(next), soci::use(received_on),
      soci::use(received_on), soci::use(id), soci::into(n);
  return n;
}

std::vector<std::pair<long long, std::string>> units_taking_requests(soci::session& s) {
  std::vector<std::pair<long long, std::string>> out;
  for_each_row(s, "SELECT id, name FROM units WHERE active = 1 AND kind <> 'section' ORDER BY sort_order, id", [](Params&) {},
         [&](const soci::row& r) { out.emplace_back(int_at(r, 0), text_at(r, 1)); });
  return out;
}

std::map<long long, std::string> unit_names(soci::session& s) {
  std::map<long long, std::string> out;
  for_each_row(s, "SELECT id, name FROM units", [](Params&) {}, [&](const soci::row& r) { out[int_at(r, 0)] = text_at(r, 1); });
  return out;
}

// ---- "我的申请" ----

std::pair<int, int> count_link_attempts(soci::session& s, const std::string& address, const std::string& email_hash,
                                        const std::string& since) {
  int from_address = 0, for_email = 0;
  s << "SELECT COUNT(*) FROM applicant_link_attempts WHERE address = :a AND at >= :s", soci::use(address), soci::use(since),
      soci::into(from_address);
  s << "SELECT COUNT(*) FROM applicant_link_attempts WHERE email_hash = :h AND at >= :s", soci::use(email_hash),
      soci::use(since), soci::into(for_email);
  return {from_address, for_email};
}

void insert_link_attempt(soci::session& s, const std::string& at, const std::string& address, const std::string& email_hash) {
  execute(s, "INSERT INTO applicant_link_attempts (at, address, email_hash) VALUES (:at, :a, :h)",
          [&](Params& p) { p.text("at", at).text("a", address).text("h", email_hash); });
}

void insert_applicant_link(soci::session& s, const std::string& token_hash, const std::string& email,
                           const std::string& now, const std::string& expires) {
  execute(s, "INSERT INTO applicant_links (token_hash, email, created_at, expires_at) VALUES (:t, :e, :c, :x)",
          [&](Params& p) { p.text("t", token_hash).text("e", email).text("c", now).text("x", expires); });
}

std::optional<std::string> redeem_applicant_link(soci::session& s, const std::string& token_hash, const std::string& now) {
  std::optional<std::string> email;
  for_each_row(s, "SELECT email FROM applicant_links WHERE token_hash = :t AND used_at = '' AND expires_at > :n",
         [&](Params& p) { p.text("t", token_hash).text("n", now); }, [&](const soci::row& r) { email = text_at(r, 0); });
  if (!email) return std::nullopt;
  // Used once: the update only succeeds for the first of two racing redemptions.
  if (execute(s, "UPDATE applicant_links SET used_at = :n WHERE token_hash = :t AND used_at = ''",
              [&](Params& p) { p.text("n", now).text("t", token_hash); }) != 1) {
    return std::nullopt;
  }
  return email;
}

void insert_applicant_session(soci::session& s, const std::string& token_hash, const std::string& email,
                              const std::string& now, const std::string& expires) {
  execute(s, "INSERT INTO applicant_sessions (token_hash, email, created_at, expires_at) VALUES (:t, :e, :c, :x)",
          [&](Params& p) { p.text("t", token_hash).text("e", email).text("c", now).text("x", expires); });
}

std::optional<std::string> applicant_session_email(soci::session& s, const std::string& token_hash, const std::string& now) {
  std::optional<std::string> email;
  for_each_row(s, "SELECT email FROM applicant_sessions WHERE token_hash = :t AND expires_at > :n",
         [&](Params& p) { p.text("t", token_hash).text("n", now); }, [&](const soci::row& r) { email = text_at(r, 0); });
  return email;
}

void delete_applicant_session(soci::session& s, const std::string& token_hash) {
  execute(s, "DELETE FROM applicant_sessions WHERE token_hash = :t", [&](Params& p) { p.text("t", token_hash); });
}

int purge_applicant_access(soci::session& s, const std::string& now, const std::string& attempts_before) {
  long long n = execute(s, "DELETE FROM applicant_links WHERE expires_at <= :n", [&](Params& p) { p.text("n", now); });
  n += execute(s, "DELETE FROM applicant_sessions WHERE expires_at <= :n", [&](Params& p) { p.text("n", now); });
  n += execute(s, "DELETE FROM applicant_link_attempts WHERE at < :b", [&](Params& p) { p.text("b", attempts_before); });
  return static_cast<int>(n);
}

// ---- statistics ----

std::vector<StatisticsRow> statistics_rows(soci::session& s, const std::string& last_day) {
  std::vector<StatisticsRow> out;
  // The day a case closed: the reply date, or for a deemed withdrawal the day it was recorded (UTC timestamp of
  // the event; the service converts it to the local date).
  for_each_row(s,
         "SELECT r.unit_id, r.received_on, r.state, r.outcome, r.replied_on, "
         "COALESCE((SELECT MIN(e.at) FROM request_events e WHERE e.request_id = r.id AND e.to_state = 'deemed_withdrawn'), '') "
         "FROM requests r WHERE r.received_on <= :last",
         [&](Params& p) { p.text("last", last_day); },
         [&](const soci::row& r) {
           StatisticsRow x{int_at(r, 0), text_at(r, 1), text_at(r, 2), text_at(r, 3), text_at(r, 4), text_at(r, 5)};
           out.push_back(std::move(x));
         });
  return out;
}

}  // namespace gongkai::requests::store
