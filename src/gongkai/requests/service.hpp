// Use cases of 依申请公开. Each public function is one transaction with its permission check (handler of the
// handling unit; the openness office for sign-off; district-wide roles see all), optimistic locking, an audit entry
// and a timeline event; after every transition the due date and its explanation are recomputed from the calendar in
// force (calendar::compute_reply_clock) and stored with the case.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gongkai/calendar/service.hpp"
#include "gongkai/requests/model.hpp"
#include "gongkai/requests/store.hpp"
#include "platform/db/database.hpp"
#include "platform/result.hpp"

namespace gongkai::requests {

// Local policy; defaults here.
struct RequestOptions {
  int duplicate_days = 30;             // the duplicate rule looks this many calendar days back
  double duplicate_threshold = 0.85;   // near_identical()
  int track_failures_per_address = 10; // within the window, then the tracking page refuses this address
  int track_failures_per_number = 5;   // within the window, for one request number
  std::chrono::minutes track_window{15};
  int due_soon_working_days = 3;
  calendar::ClockOptions clock = [] {
    calendar::ClockOptions o;
    // A case received in late December must still show a date when next year's notice is not out yet: it is then
    // marked provisional and recomputed at its next step.
    o.unknown_years = calendar::UnknownYearPolicy::kAssumeWeekdays;
    return o;
  }();
};

struct Submitted {
  long long id = 0;
  std::string number;
  std::string query_code;  // shown once; only its hash is stored
  std::string received_on, due_on;
  bool possible_duplicate = false;
};

// What a staff member entered with an action. Which fields an action needs is documented at act().
struct ActionInput {
  std::string date;     // 'YYYY-MM-DD'; empty: today
  std::string text;     // supplement items / supplement received / opinion / reply / reason
  std::string due;      // request_supplement: the applicant's deadline
  std::string kind;     // consult: third_party | agency
  std::string party;    // consult: who is consulted
  std::string outcome;  // draft_reply
  std::string basis;    // fee_notice: by_count | by_pages
  int quantity = 0;     // fee_notice: the applicant's nth application this month, or the page count
  int days = 0;         // extend: working days (1..20)
  std::optional<long long> assignee_id;  // assign, reassign
};

struct CaseView {
  store::Case c;
  std::vector<store::PauseRow> pauses;
  std::vector<store::EventRow> events;
  std::vector<store::NoteRow> notes;
  std::vector<std::pair<long long, std::string>> handlers;  // who the case may be assigned to
  std::string assignee_name;
  std::string duplicate_number;  // the earlier request this one may repeat
  std::vector<Action> allowed;   // actions this actor may take now
  Urgency urgency = Urgency::none;
};

// What the applicant sees with number + query code: no personal data, no internal notes, no staff names.
struct PublicView {
  std::string number, state_label, received_on, channel_label;
  long long unit_id = 0;
  std::string description, doc_no;
  State state = State::registered;
  std::string due_on, due_explanation;
  bool due_provisional = false;
  std::string supplement_items, supplement_due_on;
  std::string outcome_label, reply_text, replied_on;
  std::string fee_amount, fee_due_on;
  std::vector<std::pair<std::string, std::string>> timeline;  // (local time, text)
};

struct QueueItem {
  store::Case c;
  Urgency urgency = Urgency::none;
};

// One step of a case, for the capabilities that follow requests (告知书 in notice_service, notifications in
// notify/): "submit" (intake), an Action code, or "recompute" (the calendar changed).
struct Step {
  std::string action;
  const store::Case& before;  // for "submit", the same as after
  const store::Case& after;   // as stored, version included
  const store::EventRow& event;
};
// Runs inside the step's transaction, after its timeline event is written. An error rolls the whole step back and
// is what the caller of the step gets.
using StepHook = std::function<platform::Result<void>(soci::session&, const units::Actor&, const Step&)>;

class RequestService {
 public:
  RequestService(std::shared_ptr<platform::db::Database> db, calendar::CalendarService& calendar,
                 RequestOptions options = {});

  // Today's local date (Asia/Shanghai); tests replace it.
  std::function<calendar::Date()> today;
  const RequestOptions& options() const { return options_; }

  // The public online form (条例 Art. 31 (三): received the day it is submitted and confirmed). Errors: the
  // validate_application errors; invalid_unit.
  platform::Result<Submitted> submit_online(const ApplicationInput& in, const units::Actor& visitor);
  // Staff enter an application received in person, by post, ordinary letter or fax, with the day of receipt the
  // law prescribes for that channel (Art. 31). Errors: forbidden (not a handler of that unit nor district-wide),
  // invalid_date (received in the future or unreadable), the validation errors.
  platform::Result<Submitted> enter(const units::Actor& staff, const ApplicationInput& in, calendar::Channel channel,
                                    const std::string& received_on);

  // The queue: open requests of the actor's unit (all units for district-wide roles), by due date.
  // Errors: forbidden.
  platform::Result<std::vector<QueueItem>> queue(const units::Actor& actor, bool include_closed = false);
  // One case with its timeline, pauses, notes and the actions this actor may take. Errors: forbidden, not_found.
  platform::Result<CaseView> get(const units::Actor& actor, long long id);

  // Takes `action` on request `id` if it is still at `expected_version`. Inputs by action:
  //   request_supplement: text (what to supplement), due (the applicant's deadline, after today)
  //   send_supplement_notice: date sent;  receive_supplement: date received, text (optional)
  //   withdraw_no_supplement: only after the applicant's deadline (Art. 30)
  //   assign: assignee_id (a request handler of the unit);  reassign: assignee_id and text (the reason, required)
  //   consult: kind, party, date (letter sent)   receive_opinion: date, text (the opinion)
  //   extend: days (1–20), text (reason), date (approved on)   (Art. 33)
  //   fee_notice: basis, quantity, date   fee_paid: date   withdraw_fee_unpaid: only after the payment window
  //   draft_reply: outcome (a row of table 三 a reply may use), text (the reply)   return_reply: text (why)
  //   send_reply: date   close_duplicate: text (why)
  // Errors: forbidden, not_found, invalid_transition, stale_version, invalid_date, required, invalid_choice,
  // already_extended, too_early, fee_zero, the clock's errors (invalid_pause, extension_too_long …).
  platform::Result<store::Case> act(const units::Actor& actor, long long id, Action action, const ActionInput& in,
                                    int expected_version);

  // 一事一申请: the request keeps the first matter; every further matter becomes a new request with the same
  // applicant, unit, channel and day of receipt (the applicant is not to lose time for the agency's split), followed
  // with the same query code. Only before acceptance. Returns the new requests' (id, number). Errors: forbidden,
  // not_found, invalid_transition, required (at least two matters), too_long, description_too_short, stale_version.
  platform::Result<std::vector<std::pair<long long, std::string>>> split(const units::Actor& actor, long long id,
                                                                        const std::vector<std::string>& matters,
                                                                        int expected_version);

  // An internal note (never shown to the applicant). Errors: forbidden, not_found, required, too_long.
  platform::Result<void> add_note(const units::Actor& actor, long long id, const std::string& body);

  // The applicant's view. Throttled: too many failures from the address or for the number → throttled.
  // Errors: track_failed (number or code wrong; the same message either way), throttled.
  platform::Result<PublicView> track(const std::string& number, const std::string& code, const units::Actor& visitor);
  // The applicant supplements online (Art. 30); the reply clock restarts today. Errors: those of track;
  // invalid_transition (no supplement is requested); required, too_long.
  platform::Result<PublicView> supplement(const std::string& number, const std::string& code, const std::string& text,
                                          const units::Actor& visitor);

  // The tracking view of request `number` for an applicant signed in with `email` (applicant_access.hpp), who
  // proved holding the address given in it. Errors: not_found (no such request made with that address).
  platform::Result<PublicView> view_for_email(const std::string& number, const std::string& email);
  // The same applicant supplements online (as supplement()). Errors: not_found, and those of supplement().
  platform::Result<PublicView> supplement_for_email(const std::string& number, const std::string& email,
                                                    const std::string& text, const units::Actor& visitor);

  // Recomputes the stored due date of every open request from the calendar now in force — after the openness
  // office imports or corrects a year (DOMAIN §4). Each case whose date or explanation changes gets a timeline event
  // (shown to the applicant when the date moves) and an audit entry. Returns how many changed. Errors: forbidden
  // (district-wide roles only, as for the calendar import).
  platform::Result<int> recompute_open(const units::Actor& actor);

  // Housekeeping: old tracking attempts. Returns rows removed.
  int purge_expired();

  // Adds a hook called at every step (see StepHook); hooks run in the order added. Not thread-safe: register while
  // the App is built, before serving.
  void on_step(StepHook hook) { hooks_.push_back(std::move(hook)); }

 private:
  platform::Result<Submitted> create(const units::Actor& actor, const ApplicationInput& in, calendar::Channel channel,
                                     calendar::Date received, bool staff);
  platform::Result<store::Case> verify(soci::session& s, const std::string& number, const std::string& code,
                                       const units::Actor& visitor);
  PublicView public_view(soci::session& s, const store::Case& c);
  platform::Result<void> run_hooks(soci::session& s, const units::Actor& actor, const Step& step);
  platform::Result<PublicView> apply_supplement(long long id, const std::string& body, const units::Actor& visitor);

  std::shared_ptr<platform::db::Database> db_;
  calendar::CalendarService& calendar_;
  RequestOptions options_;
  std::vector<StepHook> hooks_;
};

// Recomputes the statutory dates of `c` from its stored facts and `pauses` (pure; exposed for tests). Errors are
// the clock's (invalid_supplement, invalid_pause, invalid_extension, extension_too_long, calendar_year_unknown).
platform::Result<void> recompute_due(const calendar::WorkdayCalendar& cal, store::Case& c,
                                     const std::vector<store::PauseRow>& pauses, const calendar::ClockOptions& options);

}  // namespace gongkai::requests
