// What a disclosure request may need beyond its main line (service.hpp): review and litigation records (table 四 of
// the annual report), co-handling units (会办) with one unified reply from the lead unit, the sensitive-case record,
// splitting an application into one request per matter (一事一申请), turning released information into a
// proactive-disclosure draft (条例 Art. 44), and the public statistics. Each use case is one transaction with its
// permission check and an audit entry; timeline events are written where the applicant or the handler should see
// the step.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gongkai/calendar/service.hpp"
#include "gongkai/disclosure/service.hpp"
#include "gongkai/requests/model.hpp"
#include "gongkai/requests/service.hpp"
#include "platform/db/database.hpp"
#include "platform/result.hpp"

namespace gongkai::requests {

// ---------------------------------------------------------------------------------------------------------------
// Review and litigation (条例 Art. 51) — pure
// ---------------------------------------------------------------------------------------------------------------

enum class AppealKind { review, litigation };
std::string_view to_string(AppealKind k);
std::optional<AppealKind> appeal_kind_from(std::string_view s);
std::string_view label(AppealKind k);  // 行政复议, 行政诉讼

// The result columns of table 四.
enum class AppealResult { upheld, corrected, other, pending };
std::string_view to_string(AppealResult r);
std::optional<AppealResult> appeal_result_from(std::string_view s);
std::string_view label(AppealResult r);  // 结果维持, 结果纠正, 其他结果, 尚未审结

struct Appeal {
  long long id = 0, request_id = 0;
  AppealKind kind = AppealKind::review;
  bool after_review = false;  // litigation only: 复议后起诉
  std::string filed_on, authority;
  AppealResult result = AppealResult::pending;
  std::string decided_on, note;  // decided_on '' while pending
  int version = 1;
};

// Raw form input.
struct AppealInput {
  std::string kind, after_review, filed_on, authority, result, decided_on, note;
};

// Checks an appeal record: kind; a filing date not before the request was received and not in the future; the
// authority (复议机关 or 人民法院); a result, with a decision date between filing and today exactly when the result
// is not pending; 复议后起诉 only for litigation. Errors (with the field): invalid_choice, invalid_date, required,
// too_long.
Result<Appeal> validate_appeal(const AppealInput& in, calendar::Date received_on, calendar::Date today);

// ---------------------------------------------------------------------------------------------------------------
// Public statistics — pure
// ---------------------------------------------------------------------------------------------------------------

// The median of `values` (the mean of the two middle ones for an even count, rounded half up to one decimal);
// nullopt when empty.
std::optional<double> median(std::vector<int> values);

// ---------------------------------------------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------------------------------------------

struct Cohandler {
  long long id = 0, request_id = 0, unit_id = 0;
  std::string unit_name, asked_on, question, contribution, answered_on, answered_by_name;
  int version = 1;
};

struct Sensitivity {
  std::string reason, flagged_by_name, flagged_at;
  std::string talk_on, talk_way, talk_record;
  std::string signed_off_by_name, signed_off_at, sign_off_opinion;
  bool signed_off() const { return !signed_off_at.empty(); }
  bool talked() const { return !talk_record.empty(); }
};

struct ProactiveDraft {
  long long document_id = 0;
  std::string title, created_at, created_by_name;
};

// Everything of this file that the case page shows, with what the actor may do.
struct HandlingRecords {
  std::vector<Appeal> appeals;
  std::vector<Cohandler> cohandlers;
  std::optional<Sensitivity> sensitivity;
  std::optional<std::string> split_from_number;           // this request was split off that one
  std::vector<std::pair<long long, std::string>> split_into;  // (id, number) of requests split off this one
  std::vector<ProactiveDraft> drafts;
  bool may_handle = false;      // the lead unit's handler or a district-wide role
  bool may_sign_off = false;    // the openness office
  bool may_split = false;       // before acceptance only
  bool may_cohandle = false;    // co-handling can be asked while the reply is not yet approved
  bool may_draft_proactive = false;  // after a reply that released information
  std::vector<std::pair<long long, std::string>> cohandler_choices;  // units that may be asked
};

// What a co-handling unit sees: the matter and the question, never the applicant's personal data (they are not
// the handling unit: data minimisation).
struct CohandlingView {
  long long request_id = 0;
  std::string number, lead_unit_name, description, doc_no, received_on, due_on, state_label;
  Cohandler mine;
};

// One row of the public statistics (per unit, or the district when unit_id is 0).
struct UnitStatistics {
  long long unit_id = 0;
  std::string unit_name;
  int received = 0;        // received in the year
  int closed = 0;          // closed in the year (replied, deemed withdrawn, closed as duplicate)
  int open = 0;            // received in or before the year and not closed by its end (carried over)
  std::optional<double> median_working_days;  // receipt to reply, working days, pauses included
  std::vector<int> by_group;  // closed in the year, by the seven groups （一）…（六） of table 三 and 总计 last
};

struct PublicStatistics {
  int year = 0;
  std::vector<std::string> groups;  // the labels of by_group
  UnitStatistics district;
  std::vector<UnitStatistics> units;  // units with at least one request, by received desc
};

class HandlingService {
 public:
  HandlingService(std::shared_ptr<platform::db::Database> db, calendar::CalendarService& calendar,
                  disclosure::DisclosureService& disclosure, RequestService& requests);

  // What the case page shows. Errors: forbidden, not_found.
  platform::Result<HandlingRecords> records(const units::Actor& actor, long long request_id);

  // ---- review and litigation ----
  // Records a 行政复议 or 行政诉讼 concerning the request. Errors: forbidden (not a handler of the unit nor
  // district-wide), not_found, validate_appeal's errors.
  platform::Result<long long> record_appeal(const units::Actor& actor, long long request_id, const AppealInput& in);
  // Corrects or completes a record, e.g. with the result once it is decided. Errors: as record_appeal,
  // stale_version.
  platform::Result<void> update_appeal(const units::Actor& actor, long long appeal_id, const AppealInput& in,
                                       int expected_version);

  // ---- co-handling (会办) ----
  // Asks `unit_id` to contribute to the reply. Only while the reply is not yet approved. Errors: forbidden,
  // not_found, invalid_unit (the lead unit itself, a section, an inactive unit), duplicate (already asked),
  // invalid_transition, required.
  platform::Result<void> ask_cohandling(const units::Actor& actor, long long request_id, long long unit_id,
                                        const std::string& question);
  // Requests the actor's unit is asked to contribute to, unanswered first. Errors: forbidden (not a request handler).
  platform::Result<std::vector<CohandlingView>> cohandling_queue(const units::Actor& actor);
  platform::Result<CohandlingView> cohandling(const units::Actor& actor, long long request_id);
  // The co-handling unit's contribution; the lead unit folds it into the unified reply. Errors: forbidden,
  // not_found, required, too_long, stale_version, invalid_transition (the reply is already sent).
  platform::Result<void> answer_cohandling(const units::Actor& actor, long long request_id, const std::string& text,
                                           int expected_version);

  // ---- sensitive requests ----
  // Flags the request as sensitive: its reply cannot be approved before the talk with the applicant is recorded
  // and the openness office has signed off. Errors: forbidden, not_found, required, duplicate (already flagged),
  // invalid_transition (closed).
  platform::Result<void> flag_sensitive(const units::Actor& actor, long long request_id, const std::string& reason);
  // The record of talking with the applicant (date, how, what was said). Errors: forbidden, not_found,
  // invalid_transition (not flagged), invalid_date, required.
  platform::Result<void> record_talk(const units::Actor& actor, long long request_id, const std::string& date,
                                     const std::string& way, const std::string& record);
  // The openness office signs the handling off. Errors: forbidden (supervisor only), not_found,
  // invalid_transition (not flagged, or no talk record yet), required.
  platform::Result<void> sign_off_sensitive(const units::Actor& actor, long long request_id, const std::string& opinion);

  // ---- 条例 Art. 44 ----
  // Creates a proactive-disclosure draft in the request's unit from information released by the reply (disclosed or
  // partly disclosed), linked to the request; it then follows the usual drafting and review. Errors: forbidden,
  // not_found, invalid_transition (no reply releasing information), the draft's validation errors.
  platform::Result<long long> draft_proactive(const units::Actor& actor, long long request_id, const std::string& title,
                                              const std::string& body, std::optional<long long> column_id);

  // ---- public ----
  // Statistics of `year` without personal data. Errors: invalid_date (year outside 2000..next year).
  platform::Result<PublicStatistics> statistics(int year);

 private:
  std::shared_ptr<platform::db::Database> db_;
  calendar::CalendarService& calendar_;
  disclosure::DisclosureService& disclosure_;
  RequestService& requests_;
};

}  // namespace gongkai::requests
