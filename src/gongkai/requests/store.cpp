#include "gongkai/requests/store.hpp"

namespace gongkai::requests::store {

namespace {

const char* kColumns =
    "id, number, query_hash, unit_id, state, channel, received_on, applicant_type, name, contact_person, id_type, "
    "id_number, applicant_hash, phone, email, address, postcode, description, doc_no, purpose, delivery, "
    "supplement_items, supplement_due_on, supplement_notice_on, supplement_received_on, supplement_text, "
    "extension_days, extension_approved_on, extension_reason, fee_basis, fee_quantity, fee_amount, fee_notice_on, "
    "fee_paid_on, assignee_id, outcome, reply_text, replied_on, due_on, due_explanation, due_provisional, "
    "supplement_notice_due_on, duplicate_of, entered_by, version, created_at, updated_at";

// Reads a row into typed variables in a fixed order (SQLite and PostgreSQL report integer types differently).
struct CaseRow {
  Case c;
  std::string state, channel, applicant_type, id_type, delivery;
  long long assignee = 0, duplicate = 0, entered = 0;
  soci::indicator assignee_ind = soci::i_null, duplicate_ind = soci::i_null, entered_ind = soci::i_null;
  int provisional = 0;

  void bind(soci::statement& st) {
    st.exchange(soci::into(c.id));
    st.exchange(soci::into(c.number));
    st.exchange(soci::into(c.query_hash));
    st.exchange(soci::into(c.unit_id));
    st.exchange(soci::into(state));
    st.exchange(soci::into(channel));
    st.exchange(soci::into(c.received_on));
    st.exchange(soci::into(applicant_type));
    st.exchange(soci::into(c.app.name));
    st.exchange(soci::into(c.app.contact_person));
    st.exchange(soci::into(id_type));
    st.exchange(soci::into(c.app.id_number));
    st.exchange(soci::into(c.applicant_hash));
    st.exchange(soci::into(c.app.phone));
    st.exchange(soci::into(c.app.email));
    st.exchange(soci::into(c.app.address));
    st.exchange(soci::into(c.app.postcode));
    st.exchange(soci::into(c.app.description));
    st.exchange(soci::into(c.app.doc_no));
    st.exchange(soci::into(c.app.purpose));
    st.exchange(soci::into(delivery));
    st.exchange(soci::into(c.supplement_items));
    st.exchange(soci::into(c.supplement_due_on));
    st.exchange(soci::into(c.supplement_notice_on));
    st.exchange(soci::into(c.supplement_received_on));
    st.exchange(soci::into(c.supplement_text));
    st.exchange(soci::into(c.extension_days));
    st.exchange(soci::into(c.extension_approved_on));
    st.exchange(soci::into(c.extension_reason));
    st.exchange(soci::into(c.fee_basis));
    st.exchange(soci::into(c.fee_quantity));
    st.exchange(soci::into(c.fee_amount));
    st.exchange(soci::into(c.fee_notice_on));
    st.exchange(soci::into(c.fee_paid_on));
    st.exchange(soci::into(assignee, assignee_ind));
    st.exchange(soci::into(c.outcome));
    st.exchange(soci::into(c.reply_text));
    st.exchange(soci::into(c.replied_on));
    st.exchange(soci::into(c.due_on));
    st.exchange(soci::into(c.due_explanation));
    st.exchange(soci::into(provisional));
    st.exchange(soci::into(c.supplement_notice_due_on));
    st.exchange(soci::into(duplicate, duplicate_ind));
    st.exchange(soci::into(entered, entered_ind));
    st.exchange(soci::into(c.version));
    st.exchange(soci::into(c.created_at));
    st.exchange(soci::into(c.updated_at));
  }

  Case get() const {
    Case x = c;
    x.state = state_from(state).value_or(State::registered);
    if (auto ch = calendar::parse_channel(channel)) x.channel = *ch;
    x.app.applicant_type = applicant_type_from(applicant_type).value_or(ApplicantType::natural_person);
    x.app.id_type = id_type_from(id_type).value_or(IdType::other_person);
    x.app.delivery = delivery_from(delivery).value_or(Delivery::online);
    x.app.unit_id = x.unit_id;
    x.assignee_id = assignee_ind == soci::i_ok ? std::optional<long long>(assignee) : std::nullopt;
    x.duplicate_of = duplicate_ind == soci::i_ok ? std::optional<long long>(duplicate) : std::nullopt;
    x.entered_by = entered_ind == soci::i_ok ? std::optional<long long>(entered) : std::nullopt;
    x.due_provisional = provisional != 0;
    return x;
  }
};

// Runs SELECT <columns> FROM requests <where> with up to two bound values (named :a and :b).
std::vector<Case> query(soci::session& s, const std::string& where, std::vector<std::string> text,
                        std::vector<long long> nums) {
  CaseRow row;
  soci::statement st(s);
  row.bind(st);
  for (std::size_t i = 0; i < text.size(); ++i) st.exchange(soci::use(text[i], "t" + std::to_string(i)));
  for (std::size_t i = 0; i < nums.size(); ++i) st.exchange(soci::use(nums[i], "n" + std::to_string(i)));
  st.alloc();
  st.prepare(std::string("SELECT ") + kColumns + " FROM requests " + where);
  st.define_and_bind();
  st.execute();
  std::vector<Case> out;
  while (st.fetch()) out.push_back(row.get());
  return out;
}

struct OptId {
  long long v = 0;
  soci::indicator ind = soci::i_null;
  explicit OptId(const std::optional<long long>& o) : v(o.value_or(0)), ind(o ? soci::i_ok : soci::i_null) {}
};

}  // namespace

long long insert_case(soci::session& s, const Case& c, const std::string& now) {
  std::string state(to_string(c.state)), channel(calendar::channel_code(c.channel)),
      applicant_type(to_string(c.app.applicant_type)), id_type(to_string(c.app.id_type)), delivery(to_string(c.app.delivery));
  OptId dup(c.duplicate_of), entered(c.entered_by);
  int provisional = c.due_provisional ? 1 : 0;
  long long id = 0;
  s << "INSERT INTO requests (number, query_hash, unit_id, state, channel, received_on, applicant_type, name, "
       "contact_person, id_type, id_number, applicant_hash, phone, email, address, postcode, description, doc_no, purpose, "
       "delivery, due_on, due_explanation, due_provisional, supplement_notice_due_on, duplicate_of, entered_by, version, "
       "created_at, updated_at) VALUES (:number, :qh, :unit, :state, :channel, :received, :atype, :name, :cp, :idtype, "
       ":idnum, :ah, :phone, :email, :address, :postcode, :descr, :docno, :purpose, :delivery, :due, :expl, :prov, :snd, "
       ":dup, :entered, 1, :now, :now2) RETURNING id",
      soci::use(c.number), soci::use(c.query_hash), soci::use(c.unit_id), soci::use(state), soci::use(channel),
      soci::use(c.received_on), soci::use(applicant_type), soci::use(c.app.name), soci::use(c.app.contact_person),
      soci::use(id_type), soci::use(c.app.id_number), soci::use(c.applicant_hash), soci::use(c.app.phone),
      soci::use(c.app.email), soci::use(c.app.address), soci::use(c.app.postcode), soci::use(c.app.description),
      soci::use(c.app.doc_no), soci::use(c.app.purpose), soci::use(delivery), soci::use(c.due_on),
      soci::use(c.due_explanation), soci::use(provisional), soci::use(c.supplement_notice_due_on),
      soci::use(dup.v, dup.ind), soci::use(entered.v, entered.ind), soci::use(now), soci::use(now), soci::into(id);
  return id;
}

std::optional<Case> find_case(soci::session& s, long long id) {
  auto v = query(s, "WHERE id = :n0", {}, {id});
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::optional<Case> find_by_number(soci::session& s, const std::string& number) {
  auto v = query(s, "WHERE number = :t0", {number}, {});
  if (v.empty()) return std::nullopt;
  return v.front();
}

bool number_taken(soci::session& s, const std::string& number) {
  int n = 0;
  s << "SELECT COUNT(*) FROM requests WHERE number = :n", soci::use(number), soci::into(n);
  return n > 0;
}

bool update_case(soci::session& s, const Case& c, int expected_version, const std::string& now) {
  std::string state(to_string(c.state));
  OptId assignee(c.assignee_id), dup(c.duplicate_of);
  int provisional = c.due_provisional ? 1 : 0;
  soci::statement st =
      (s.prepare << "UPDATE requests SET state = :state, supplement_items = :si, supplement_due_on = :sdue, "
                    "supplement_notice_on = :snotice, supplement_received_on = :srecv, supplement_text = :stext, "
                    "extension_days = :ed, extension_approved_on = :ea, extension_reason = :er, fee_basis = :fb, "
                    "fee_quantity = :fq, fee_amount = :fa, fee_notice_on = :fn, fee_paid_on = :fp, assignee_id = :asg, "
                    "outcome = :outcome, reply_text = :rt, replied_on = :ro, due_on = :due, due_explanation = :expl, "
                    "due_provisional = :prov, supplement_notice_due_on = :snd, duplicate_of = :dup, "
                    "version = version + 1, updated_at = :now WHERE id = :id AND version = :v",
       soci::use(state), soci::use(c.supplement_items), soci::use(c.supplement_due_on), soci::use(c.supplement_notice_on),
       soci::use(c.supplement_received_on), soci::use(c.supplement_text), soci::use(c.extension_days),
       soci::use(c.extension_approved_on), soci::use(c.extension_reason), soci::use(c.fee_basis),
       soci::use(c.fee_quantity), soci::use(c.fee_amount), soci::use(c.fee_notice_on), soci::use(c.fee_paid_on),
       soci::use(assignee.v, assignee.ind), soci::use(c.outcome), soci::use(c.reply_text), soci::use(c.replied_on),
       soci::use(c.due_on), soci::use(c.due_explanation), soci::use(provisional), soci::use(c.supplement_notice_due_on),
       soci::use(dup.v, dup.ind), soci::use(now), soci::use(c.id), soci::use(expected_version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::vector<Case> list_cases(soci::session& s, std::optional<long long> unit_id, bool include_closed) {
  std::string where = "WHERE 1 = 1";
  std::vector<long long> nums;
  if (unit_id) {
    where += " AND unit_id = :n0";
    nums.push_back(*unit_id);
  }
  if (!include_closed) where += " AND state NOT IN ('replied', 'deemed_withdrawn', 'closed_duplicate', 'archived')";
  where += " ORDER BY CASE WHEN due_on = '' THEN 1 ELSE 0 END, due_on, number";
  return query(s, where, {}, nums);
}

std::vector<Case> same_applicant(soci::session& s, const std::string& applicant_hash, long long unit_id,
                                 const std::string& since) {
  return query(s, "WHERE applicant_hash = :t0 AND unit_id = :n0 AND created_at >= :t1 ORDER BY id DESC",
               {applicant_hash, since}, {unit_id});
}

std::vector<Case> cases_by_email(soci::session& s, const std::string& email_lower) {
  return query(s, "WHERE LOWER(email) = :t0 ORDER BY received_on DESC, id DESC", {email_lower}, {});
}

// ---- pauses ----

long long insert_pause(soci::session& s, const PauseRow& p) {
  long long id = 0;
  s << "INSERT INTO request_pauses (request_id, kind, party, start_on, delivered_on, end_on, opinion) VALUES "
       "(:r, :k, :p, :s, :d, :e, :o) RETURNING id",
      soci::use(p.request_id), soci::use(p.kind), soci::use(p.party), soci::use(p.start_on), soci::use(p.delivered_on),
      soci::use(p.end_on), soci::use(p.opinion), soci::into(id);
  return id;
}

void update_pause(soci::session& s, const PauseRow& p) {
  s << "UPDATE request_pauses SET delivered_on = :d, end_on = :e, opinion = :o WHERE id = :id", soci::use(p.delivered_on),
      soci::use(p.end_on), soci::use(p.opinion), soci::use(p.id);
}

std::vector<PauseRow> pauses_of(soci::session& s, long long request_id) {
  PauseRow p;
  soci::statement st = (s.prepare << "SELECT id, request_id, kind, party, start_on, delivered_on, end_on, opinion FROM "
                                     "request_pauses WHERE request_id = :r ORDER BY id",
                        soci::use(request_id), soci::into(p.id), soci::into(p.request_id), soci::into(p.kind),
                        soci::into(p.party), soci::into(p.start_on), soci::into(p.delivered_on), soci::into(p.end_on),
                        soci::into(p.opinion));
  st.execute();
  std::vector<PauseRow> out;
  while (st.fetch()) out.push_back(p);
  return out;
}

// ---- events and notes ----

void insert_event(soci::session& s, const EventRow& e) {
  OptId actor(e.actor_id);
  s << "INSERT INTO request_events (request_id, at, actor_id, actor_name, action, from_state, to_state, public_text, "
       "detail) VALUES (:r, :at, :a, :an, :ac, :f, :t, :p, :d)",
      soci::use(e.request_id), soci::use(e.at), soci::use(actor.v, actor.ind), soci::use(e.actor_name),
      soci::use(e.action), soci::use(e.from_state), soci::use(e.to_state), soci::use(e.public_text), soci::use(e.detail);
}

std::vector<EventRow> events_of(soci::session& s, long long request_id) {
  EventRow e;
  long long actor = 0;
  soci::indicator ind = soci::i_null;
  soci::statement st =
      (s.prepare << "SELECT id, request_id, at, actor_id, actor_name, action, from_state, to_state, public_text, detail "
                    "FROM request_events WHERE request_id = :r ORDER BY id",
       soci::use(request_id), soci::into(e.id), soci::into(e.request_id), soci::into(e.at), soci::into(actor, ind),
       soci::into(e.actor_name), soci::into(e.action), soci::into(e.from_state), soci::into(e.to_state),
       soci::into(e.public_text), soci::into(e.detail));
  st.execute();
  std::vector<EventRow> out;
  while (st.fetch()) {
    EventRow x = e;
    x.actor_id = ind == soci::i_ok ? std::optional<long long>(actor) : std::nullopt;
    out.push_back(std::move(x));
  }
  return out;
}

void insert_note(soci::session& s, const NoteRow& n) {
  OptId actor(n.actor_id);
  s << "INSERT INTO request_notes (request_id, at, actor_id, actor_name, body) VALUES (:r, :at, :a, :an, :b)",
      soci::use(n.request_id), soci::use(n.at), soci::use(actor.v, actor.ind), soci::use(n.actor_name), soci::use(n.body);
}

std::vector<NoteRow> notes_of(soci::session& s, long long request_id) {
  NoteRow n;
  long long actor = 0;
  soci::indicator ind = soci::i_null;
  soci::statement st = (s.prepare << "SELECT id, request_id, at, actor_id, actor_name, body FROM request_notes WHERE "
                                     "request_id = :r ORDER BY id",
                        soci::use(request_id), soci::into(n.id), soci::into(n.request_id), soci::into(n.at),
                        soci::into(actor, ind), soci::into(n.actor_name), soci::into(n.body));
  st.execute();
  std::vector<NoteRow> out;
  while (st.fetch()) {
    NoteRow x = n;
    x.actor_id = ind == soci::i_ok ? std::optional<long long>(actor) : std::nullopt;
    out.push_back(std::move(x));
  }
  return out;
}

// ---- people ----

std::vector<std::pair<long long, std::string>> handlers_of_unit(soci::session& s, long long unit_id) {
  long long id = 0;
  std::string name;
  soci::statement st = (s.prepare << "SELECT u.id, u.display_name FROM users u JOIN user_roles r ON r.user_id = u.id "
                                     "WHERE u.unit_id = :unit AND r.role = 'request_handler' AND u.disabled = 0 "
                                     "ORDER BY u.display_name, u.id",
                        soci::use(unit_id), soci::into(id), soci::into(name));
  st.execute();
  std::vector<std::pair<long long, std::string>> out;
  while (st.fetch()) out.emplace_back(id, name);
  return out;
}

std::string display_name_of(soci::session& s, long long user_id) {
  std::string name;
  soci::indicator ind = soci::i_null;
  s << "SELECT display_name FROM users WHERE id = :id", soci::use(user_id), soci::into(name, ind);
  return ind == soci::i_ok ? name : std::string();
}

// ---- tracking throttle ----

void add_track_attempt(soci::session& s, const std::string& at, const std::string& address, const std::string& number,
                       bool success) {
  int ok = success ? 1 : 0;
  s << "INSERT INTO request_track_attempts (at, address, number, success) VALUES (:at, :a, :n, :s)", soci::use(at),
      soci::use(address), soci::use(number), soci::use(ok);
}

int count_track_failures_from(soci::session& s, const std::string& address, const std::string& since) {
  int n = 0;
  s << "SELECT COUNT(*) FROM request_track_attempts WHERE address = :a AND at >= :s AND success = 0", soci::use(address),
      soci::use(since), soci::into(n);
  return n;
}

int count_track_failures_for(soci::session& s, const std::string& number, const std::string& since) {
  int n = 0;
  s << "SELECT COUNT(*) FROM request_track_attempts WHERE number = :n AND at >= :s AND success = 0", soci::use(number),
      soci::use(since), soci::into(n);
  return n;
}

int purge_track_attempts(soci::session& s, const std::string& before) {
  soci::statement st = (s.prepare << "DELETE FROM request_track_attempts WHERE at < :b", soci::use(before));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

}  // namespace gongkai::requests::store
