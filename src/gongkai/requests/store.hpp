// SQL for disclosure requests. Functions run inside the caller's transaction; the service decides what may change.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "gongkai/requests/model.hpp"

namespace gongkai::requests::store {

// One request as stored. Dates are 'YYYY-MM-DD' or '' (not set).
struct Case {
  long long id = 0;
  std::string number, query_hash;
  long long unit_id = 0;
  State state = State::registered;
  calendar::Channel channel = calendar::Channel::kOnline;
  std::string received_on;
  Application app;
  std::string applicant_hash;
  std::string supplement_items, supplement_due_on, supplement_notice_on, supplement_received_on, supplement_text;
  int extension_days = 0;
  std::string extension_approved_on, extension_reason;
  std::string fee_basis;
  int fee_quantity = 0;
  long long fee_amount = 0;
  std::string fee_notice_on, fee_paid_on;
  std::optional<long long> assignee_id;
  std::string outcome, reply_text, replied_on;
  std::string due_on, due_explanation;
  bool due_provisional = false;
  std::string supplement_notice_due_on;
  std::optional<long long> duplicate_of;
  std::optional<long long> entered_by;
  int version = 1;
  std::string created_at, updated_at;
};

struct PauseRow {
  long long id = 0;
  long long request_id = 0;
  std::string kind;  // third_party | agency | fee
  std::string party, start_on, delivered_on, end_on, opinion;
};

struct EventRow {
  long long id = 0;
  long long request_id = 0;
  std::string at;
  std::optional<long long> actor_id;
  std::string actor_name, action, from_state, to_state, public_text, detail;
};

struct NoteRow {
  long long id = 0;
  long long request_id = 0;
  std::string at;
  std::optional<long long> actor_id;
  std::string actor_name, body;
};

long long insert_case(soci::session& s, const Case& c, const std::string& now);
std::optional<Case> find_case(soci::session& s, long long id);
std::optional<Case> find_by_number(soci::session& s, const std::string& number);
bool number_taken(soci::session& s, const std::string& number);
// Writes every mutable column when the stored version equals `expected_version` (then version + 1).
bool update_case(soci::session& s, const Case& c, int expected_version, const std::string& now);
// Requests of `unit_id` (all units when nullopt); open ones only unless `include_closed`. Sorted by due date
// (those without one last), then number.
std::vector<Case> list_cases(soci::session& s, std::optional<long long> unit_id, bool include_closed);
// Earlier requests of the same applicant to the same unit created at or after `since` (duplicate rule).
std::vector<Case> same_applicant(soci::session& s, const std::string& applicant_hash, long long unit_id,
                                 const std::string& since);

// Requests made with the e-mail address `email_lower` (compared lower-cased), newest receipt first.
std::vector<Case> cases_by_email(soci::session& s, const std::string& email_lower);

long long insert_pause(soci::session& s, const PauseRow& p);
void update_pause(soci::session& s, const PauseRow& p);
std::vector<PauseRow> pauses_of(soci::session& s, long long request_id);

void insert_event(soci::session& s, const EventRow& e);
std::vector<EventRow> events_of(soci::session& s, long long request_id);

void insert_note(soci::session& s, const NoteRow& n);
std::vector<NoteRow> notes_of(soci::session& s, long long request_id);

// Request handlers of a unit, for assignment: (user id, display name), enabled accounts only. Reads the accounts
// tables read-only; the units capability owns them.
std::vector<std::pair<long long, std::string>> handlers_of_unit(soci::session& s, long long unit_id);
std::string display_name_of(soci::session& s, long long user_id);

void add_track_attempt(soci::session& s, const std::string& at, const std::string& address, const std::string& number,
                       bool success);
int count_track_failures_from(soci::session& s, const std::string& address, const std::string& since);
int count_track_failures_for(soci::session& s, const std::string& number, const std::string& since);
int purge_track_attempts(soci::session& s, const std::string& before);

}  // namespace gongkai::requests::store
