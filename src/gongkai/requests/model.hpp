// 依申请公开 (disclosure requests): the case as data and its rules. Pure: no I/O, no clock, no randomness — the
// caller passes today's date and random bytes in.
//
// Law (《中华人民共和国政府信息公开条例》, cited as 条例 Art. N; DOMAIN §3):
//   Art. 29  what an application contains: applicant's name, ID proof, contact; a description of the information;
//            the form and channel in which to receive it.
//   Art. 30  one supplement (补正) notice; no supplement by the deadline: deemed withdrawn.
//   Art. 31  the day of receipt by channel (calendar::Channel).
//   Art. 32, 34  third-party and other-agency opinions (the clock pauses).
//   Art. 33  20 working days; an extension of at most 20 more, approved by the head of the disclosure office.
//   Art. 36–39  the reply types; they are the rows of section 三 of table 三 of the annual report (DOMAIN §5), so a
//            request's outcome is one of those rows and the report is a count.
//   Art. 42  processing fee (国办函〔2020〕109号); unpaid within the window: deemed withdrawn.
//   Art. 45  登记 → 审核 → 办理 → 答复 → 归档.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gongkai/calendar/model.hpp"
#include "gongkai/units/model.hpp"
#include "platform/result.hpp"

namespace gongkai::requests {

using platform::Error;
using platform::Result;

// ---------------------------------------------------------------------------------------------------------------
// States and transitions
// ---------------------------------------------------------------------------------------------------------------

enum class State {
  registered,            // 已登记: received, not yet examined
  supplement_requested,  // 拟补正: the handler has written what must be supplemented, the notice is not sent yet
  awaiting_supplement,   // 等待补正: the notice is sent (Art. 30); the reply clock waits for the supplement
  supplemented,          // 已补正: the supplement arrived; the clock restarts from that day
  accepted,              // 已受理
  assigned,              // 已分办: a handler of the unit has the case
  working,               // 办理中
  consulting,            // 征求意见中: third party or other agency (Art. 32, 34), clock paused
  awaiting_fee,          // 待缴费: processing-fee notice sent (Art. 42), clock paused
  reply_drafted,         // 答复已拟稿
  reply_approved,        // 答复已审核
  replied,               // 已答复
  deemed_withdrawn,      // 视为撤回: no supplement (Art. 30) or no fee payment (109号) in time
  closed_duplicate,      // 重复申请，不予重复处理
  archived,              // 已归档 (Art. 45)
};

std::string_view to_string(State s);
std::optional<State> state_from(std::string_view s);
std::string_view label(State s);          // Chinese, for staff and applicants
const std::vector<State>& all_states();
// The reply clock is not running (nothing is due from the agency): closed, replied, archived, awaiting supplement.
bool is_closed(State s);                  // deemed_withdrawn, closed_duplicate, replied, archived

enum class Action {
  request_supplement,       // registered → supplement_requested
  cancel_supplement,        // supplement_requested → registered
  send_supplement_notice,   // supplement_requested → awaiting_supplement
  receive_supplement,       // awaiting_supplement → supplemented
  withdraw_no_supplement,   // awaiting_supplement → deemed_withdrawn (Art. 30)
  accept,                   // registered | supplemented → accepted
  assign,                   // accepted → assigned
  reassign,                 // assigned | working | consulting | awaiting_fee | reply_drafted → (same state)
  start_work,               // assigned → working
  consult,                  // working → consulting (Art. 32, 34)
  receive_opinion,          // consulting → working
  extend,                   // working | consulting | awaiting_fee → (same state), once (Art. 33)
  fee_notice,               // working → awaiting_fee (Art. 42)
  fee_paid,                 // awaiting_fee → working
  withdraw_fee_unpaid,      // awaiting_fee → deemed_withdrawn
  draft_reply,              // working → reply_drafted
  return_reply,             // reply_drafted | reply_approved → working (sign-off refused, or redrafting)
  approve_reply,            // reply_drafted → reply_approved (supervisor)
  send_reply,               // reply_approved → replied
  close_duplicate,          // registered | supplemented | accepted | assigned | working → closed_duplicate
  archive,                  // replied | deemed_withdrawn | closed_duplicate → archived
};

std::string_view to_string(Action a);
std::optional<Action> action_from(std::string_view s);
std::string_view label(Action a);
const std::vector<Action>& all_actions();

// Who may take an action: the handling unit's request handler (or a district-wide role), or only the openness
// office (supervisor) — sign-off of replies and approval of extensions (Art. 33: "经政府信息公开工作机构负责人同意").
enum class Who { handler, supervisor };

struct Transition {
  Action action;
  std::vector<State> from;
  std::optional<State> to;  // nullopt: the state stays (reassign, extend)
  Who who;
};

// The whole table, one row per action.
const std::vector<Transition>& transitions();
const Transition& transition(Action a);
// The state after `a` from `s`, or an error "invalid_transition" with a Chinese message naming both.
Result<State> next_state(State s, Action a);
// Actions allowed from `s` (by state only), in table order.
std::vector<Action> actions_from(State s);

// Whether `actor` may take `a` on a request handled by `unit_id`: handler actions need a request handler of that
// unit or a district-wide role (supervisor, sysadmin); supervisor actions need the supervisor role.
bool may_act(const units::Actor& actor, Action a, long long unit_id);
// Whether `actor` may see the case, including the applicant's personal data: request handlers of the unit and the
// district-wide roles.
bool may_view(const units::Actor& actor, long long unit_id);

// ---------------------------------------------------------------------------------------------------------------
// Applicants, outcomes, delivery
// ---------------------------------------------------------------------------------------------------------------

// The seven columns of table 三 (DOMAIN §5), less 总计.
enum class ApplicantType { natural_person, commercial, research, public_interest, legal_services, other_org };
std::string_view to_string(ApplicantType t);
std::optional<ApplicantType> applicant_type_from(std::string_view s);
std::string_view label(ApplicantType t);  // 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他
const std::vector<ApplicantType>& all_applicant_types();
inline bool is_organisation(ApplicantType t) { return t != ApplicantType::natural_person; }

// The ID proof (Art. 29 ¶2 (一)).
enum class IdType { resident_id, passport, other_person, credit_code };
std::string_view to_string(IdType t);
std::optional<IdType> id_type_from(std::string_view s);
std::string_view label(IdType t);  // 居民身份证, 护照, 其他身份证件, 统一社会信用代码

// How the applicant wants to receive the information (Art. 29 ¶2 (三)).
enum class Delivery { email, post, pickup, online };
std::string_view to_string(Delivery d);
std::optional<Delivery> delivery_from(std::string_view s);
std::string_view label(Delivery d);  // 电子邮件, 邮寄, 当面领取, 网上查阅
const std::vector<Delivery>& all_deliveries();

// Rows of section 三 (本年度办理结果) of table 三, exactly as DOMAIN §5 lists them.
enum class Outcome {
  disclose,                    // （一）予以公开
  partial,                     // （二）部分公开
  withhold_state_secret,       // （三）1
  withhold_law,                // （三）2
  withhold_security,           // （三）3
  withhold_third_party,        // （三）4
  withhold_internal,           // （三）5
  withhold_process,            // （三）6
  withhold_enforcement,        // （三）7
  withhold_inquiry,            // （三）8
  unable_not_held,             // （四）1
  unable_needs_creation,       // （四）2
  unable_unclear,              // （四）3
  not_processed_petition,      // （五）1
  not_processed_repeat,        // （五）2
  not_processed_publication,   // （五）3
  not_processed_excessive,     // （五）4
  not_processed_confirmation,  // （五）5
  other_no_supplement,         // （六）1
  other_fee_unpaid,            // （六）2
  other,                       // （六）3
};

struct OutcomeInfo {
  Outcome outcome;
  std::string_view code;
  std::string_view group;   // "（三）不予公开"
  std::string_view item;    // "1.属于国家秘密" ("" for （一）（二）)
  std::string_view basis;   // the articles the reply cites
  bool in_reply;            // a handler may choose it in a reply (the two （六） rows come from deemed withdrawal)
};
const std::vector<OutcomeInfo>& all_outcomes();
const OutcomeInfo& info(Outcome o);
std::string_view to_string(Outcome o);
std::optional<Outcome> outcome_from(std::string_view s);
// "（三）不予公开 1.属于国家秘密", "（一）予以公开".
std::string label(Outcome o);

// ---------------------------------------------------------------------------------------------------------------
// The application
// ---------------------------------------------------------------------------------------------------------------

struct Application {
  long long unit_id = 0;
  ApplicantType applicant_type = ApplicantType::natural_person;
  std::string name;              // 姓名 / 名称
  std::string contact_person;    // organisations: 联系人
  IdType id_type = IdType::resident_id;
  std::string id_number;         // normalised (GB 11643 / GB 32100 canonical form)
  std::string phone, email, address, postcode;
  std::string description;       // 所需信息的名称或内容描述
  std::string doc_no;            // 文号, if known
  std::string purpose;           // optional, for Art. 35 questions
  Delivery delivery = Delivery::online;
};

// Raw form input, as typed.
struct ApplicationInput {
  std::string unit_id, applicant_type, name, contact_person, id_type, id_number, phone, email, address, postcode,
      description, doc_no, purpose, delivery;
};

// Checks and normalises an application (Art. 29). Errors name the field, with a Chinese message:
// required, too_long, invalid_choice, invalid_resident_id, invalid_credit_code, invalid_mobile, invalid_email,
// invalid_postcode, invalid_id_type (a person with a credit code, an organisation without one),
// contact_required (no phone, e-mail or address), description_too_short.
Result<Application> validate_application(const ApplicationInput& in, std::chrono::year_month_day today);

// A key for duplicate detection: the applicant's normalised ID (type + number). The store keeps only a hash.
std::string applicant_key(const Application& a);

// Near-identical descriptions (the duplicate rule): after removing white space and punctuation, either the texts
// are equal or their character-bigram Dice similarity is at least `threshold` (default 0.85).
double description_similarity(std::string_view a, std::string_view b);
bool near_identical(std::string_view a, std::string_view b, double threshold = 0.85);

// ---------------------------------------------------------------------------------------------------------------
// Request numbers and query codes
// ---------------------------------------------------------------------------------------------------------------

// Crockford base32 (no I, L, O, U). Numbers do not reveal volumes: "YYYY-XXXXXXXX", 8 random symbols.
// `entropy` is random bytes (at least 8), e.g. from platform::random_token; the same entropy gives the same number.
std::string make_request_number(int year, std::string_view entropy);
// The query code shown once to the applicant: 12 random symbols in groups of four ("7K3M-9XAQ-2BCD").
std::string make_query_code(std::string_view entropy);
// What a person typed, normalised: upper case, spaces and hyphens removed from a code, Crockford confusables mapped
// (O→0, I/L→1). nullopt if what remains cannot be a number / code.
std::optional<std::string> normalize_request_number(std::string_view typed);
std::optional<std::string> normalize_query_code(std::string_view typed);

// ---------------------------------------------------------------------------------------------------------------
// Processing fee (国办函〔2020〕109号, 条例 Art. 42)
// ---------------------------------------------------------------------------------------------------------------

enum class FeeBasis { by_count, by_pages };
std::string_view to_string(FeeBasis b);
std::optional<FeeBasis> fee_basis_from(std::string_view s);
std::string_view label(FeeBasis b);  // 按件计收, 按量计收

// By count: the applicant's `nth` application this calendar month (1-based): 1–10 free, 11–30 100元, 31–40 200元,
// 41–50 300元, then +100元 per band of 10. By pages: ≤30 free; 31–100 10元/页; 101–200 20元/页; ≥201 40元/页, each
// rate applying to the pages within its band. One basis per application, never both. Yuan, whole.
long long fee_by_count(int nth);
long long fee_by_pages(int pages);

// ---------------------------------------------------------------------------------------------------------------
// Due dates
// ---------------------------------------------------------------------------------------------------------------

// How close a due date is, for the staff queue.
enum class Urgency { none, due_soon, overdue };
// overdue if today > due; due_soon if due is within `soon_working_days` working days from today (inclusive).
Urgency urgency(const calendar::WorkdayCalendar& cal, calendar::Date today, calendar::Date due, int soon_working_days = 3);

}  // namespace gongkai::requests
