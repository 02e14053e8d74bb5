// Working days and the statutory clock of 依申请公开 (disclosure on request).
//
// Everything here is pure: no clock, no files, no database. The caller passes in the calendar (built from the
// administrators' data in config/calendar/, see calendar_data.hpp) and the dates it has determined; these functions
// say which days are working days and when each statutory time limit falls, and explain how, step by step, in
// Chinese, so that a deadline can be shown to staff and applicants and checked by hand.
//
// Law (《中华人民共和国政府信息公开条例》, 国务院令第711号, cited as 条例 Art. N):
//   Art. 30  补正 (supplement): one notice within 7 working days of receipt; the reply limit then counts from the
//            day the supplemented application is received.
//   Art. 31  which day counts as the day of receipt, by channel.
//   Art. 32  a third party has 15 working days to give its opinion; Art. 34 the same for a co-producing agency.
//   Art. 33  reply within 20 working days of receipt; at most 20 more working days of extension, approved by the
//            head of the disclosure office; time spent consulting third parties and other agencies is not counted.
//   国办函〔2020〕109号 (信息处理费管理办法, Art. 42 of the 条例): the applicant pays within 20 working days of
//            receiving the fee notice or is deemed to have withdrawn (DOMAIN §3 records the 20 days as provincial
//            practice, so it is an option). The span from the fee notice to payment is not counted in the Art. 33
//            limit by default, as the fee is a precondition of the reply; ClockOptions::fee_period_paused turns
//            that off where the local office counts it.
//
// Counting (DOMAIN §4): a working day is (Monday–Friday and not a public holiday) or a 调休 make-up working day.
// The day of receipt is not counted; day 1 is the next working day (ClockOptions::counting makes this a choice).
//
// Years whose holiday notice the State Council has not published yet (e.g. 2027 until its autumn notice) are
// "unknown". Treating them as plain Monday–Friday years would silently give wrong dates around 元旦 and 春节, so:
//   * WorkdayCalendar's own queries (is_working_day, add_working_days, count_working_days) refuse with the error
//     code "calendar_year_unknown" whenever they would need to classify a day in an unknown year;
//   * the clock functions do the same by default (UnknownYearPolicy::kRefuse). A caller that must show a date anyway
//     (a request received in mid-December whose limit runs into an unpublished January) may ask for
//     UnknownYearPolicy::kAssumeWeekdays: the result is then marked provisional, the explanation carries a warning
//     step, and the caller must recompute when the notice is added (DOMAIN §4: recompute open deadlines, audited).
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "platform/result.hpp"

namespace gongkai::calendar {

// ---------------------------------------------------------------------------------------------------------------
// Civil dates
// ---------------------------------------------------------------------------------------------------------------

// ISO weekday numbering (Monday = 1 … Sunday = 7), as in GB/T 7408.
enum class Weekday { kMonday = 1, kTuesday, kWednesday, kThursday, kFriday, kSaturday, kSunday };

// "星期一" … "星期日".
std::string_view weekday_name(Weekday w);

// A proleptic Gregorian calendar date with no time and no time zone. Statutory dates are local dates in
// Asia/Shanghai (DESIGN "Time"); converting a UTC timestamp to that local date is the caller's business.
// Stored as days since 1970-01-01, so comparison and arithmetic are integer operations. A default Date is
// 1970-01-01. Cheap to copy.
class Date {
 public:
  constexpr Date() = default;

  // The date `days` days after 1970-01-01 (negative: before).
  static constexpr Date from_days(std::int32_t days) { return Date(days); }

  // The date year-month-day, or nullopt if no such date exists (2026-02-29, month 13, year outside 1..9999).
  static std::optional<Date> from_ymd(int year, int month, int day);

  // Parses exactly "YYYY-MM-DD" (ten characters, ASCII digits, a real date, year 0001–9999).
  // Errors: "invalid_date" (message names the text received, shortened if long).
  static platform::Result<Date> parse(std::string_view iso);

  std::int32_t days_since_epoch() const { return days_; }
  int year() const;
  int month() const;  // 1..12
  int day() const;    // 1..31
  Weekday weekday() const;
  bool is_weekend() const;  // Saturday or Sunday

  // The date n days later (n may be negative). Needs: the result stays within the int32 day range.
  Date add_days(int n) const { return Date(days_ + n); }

  // "YYYY-MM-DD" (years outside 0001–9999 are printed with as many digits as they need).
  std::string iso() const;

  friend constexpr bool operator==(Date, Date) = default;
  friend constexpr auto operator<=>(Date, Date) = default;

 private:
  constexpr explicit Date(std::int32_t days) : days_(days) {}
  std::int32_t days_ = 0;
};

// to − from, in calendar days.
inline int days_between(Date from, Date to) { return to.days_since_epoch() - from.days_since_epoch(); }

// ---------------------------------------------------------------------------------------------------------------
// The State Council's yearly holiday notice, as data
// ---------------------------------------------------------------------------------------------------------------

// Where a year's arrangement comes from: the notice 《国务院办公厅关于YYYY年部分节假日安排的通知》 and any later
// change (2020 had a second notice extending 春节).
struct NoticeSource {
  std::string title;  // may be empty (e.g. imported from a source that only gives URLs)
  std::string url;

  friend bool operator==(const NoticeSource&, const NoticeSource&) = default;
};

// Consecutive days off under one name, both ends included ("春节", 2026-02-15 … 2026-02-23). Weekend days inside the
// range belong to it, so an explanation can say the whole span is 春节 rather than "周末".
struct HolidayRange {
  std::string name;
  Date first;
  Date last;

  friend bool operator==(const HolidayRange&, const HolidayRange&) = default;
};

// A Saturday or Sunday that is a working day (调休上班), named after the holiday it pays for.
struct MakeUpDay {
  std::string name;
  Date date;

  friend bool operator==(const MakeUpDay&, const MakeUpDay&) = default;
};

// One year's arrangement. `published == false` means the State Council has not published the notice yet: the year
// is unknown and the notice must then hold no days.
// Dates belong to `year`, except that a notice may also cover the last days of December of the year before (the
// 2023 notice made 2022-12-31 part of 元旦). Such days only take effect when that later notice is loaded.
struct YearNotice {
  int year = 0;
  bool published = false;
  std::vector<NoticeSource> sources;
  std::vector<HolidayRange> holidays;
  std::vector<MakeUpDay> make_up_days;
  std::string note;  // free text for administrators, e.g. "国务院办公厅尚未公布"

  friend bool operator==(const YearNotice&, const YearNotice&) = default;
};

// Checks one notice on its own: year in 1900–2200; published notices name at least one source with a URL;
// unpublished ones hold no days; names non-empty; each range first ≤ last and at most 31 days; every date in
// `year` or in December of `year − 1`; make-up days are Saturdays or Sundays; no date both off and on, or listed
// twice. Errors: "calendar_invalid" (message says which entry and why).
platform::Result<void> validate_notice(const YearNotice& notice);

// ---------------------------------------------------------------------------------------------------------------
// The working-day calendar
// ---------------------------------------------------------------------------------------------------------------

enum class DayKind {
  kWorkday,        // Monday–Friday, no holiday
  kWeekend,        // Saturday or Sunday, no arrangement
  kHoliday,        // a day off under a notice (may fall on any weekday)
  kMakeUpWorkday,  // 调休上班: a Saturday or Sunday that is a working day
};

// What one day is. If the day's year is unknown, `year_known` is false and `kind` is what the plain Monday–Friday
// rule would say (kWorkday or kWeekend): a guess, never to be used silently.
struct DayInfo {
  Date date;
  DayKind kind = DayKind::kWorkday;
  std::string name;  // holiday or make-up day name; empty for plain days
  bool year_known = false;

  bool working() const { return kind == DayKind::kWorkday || kind == DayKind::kMakeUpWorkday; }
};

// A one-line label for calendar pages: "2026-02-16 星期一 春节 休息", "2026-02-14 星期六 春节调休 上班",
// "2026-03-07 星期六 休息", "2026-03-02 星期一 上班"; a day of an unknown year says that it is only presumed:
// "2027-01-01 星期五 上班（2027年安排未公布，按星期一至星期五推定）".
std::string day_label(const DayInfo& info);

// A set of year notices. Immutable once built in practice: build a new one when the administrators change the data
// (and recompute open deadlines). Copyable; thread-safe for concurrent const use.
class WorkdayCalendar {
 public:
  WorkdayCalendar() = default;

  // Builds a calendar from notices (any order). Errors: those of validate_notice; "calendar_duplicate_year" if two
  // notices share a year; "calendar_conflict" if two notices classify the same date differently.
  static platform::Result<WorkdayCalendar> build(std::vector<YearNotice> notices);

  // Adds one notice; all-or-nothing. Errors as build().
  platform::Result<void> add(YearNotice notice);

  // True if a published notice for `year` is loaded.
  bool is_year_known(int year) const;

  // The notice loaded for `year` (published or not), or nullptr.
  const YearNotice* notice(int year) const;

  // Years with a notice loaded, ascending (published or not).
  std::vector<int> years() const;

  // Classifies a day. Never fails: see DayInfo::year_known.
  DayInfo describe(Date d) const;

  // Working day or not. Errors: "calendar_year_unknown" if d's year is unknown.
  platform::Result<bool> is_working_day(Date d) const;

  // The n-th working day after `from` (from itself not counted; n == 0 gives `from`).
  // Needs n ≥ 0 ("invalid_working_days" otherwise). Errors: "calendar_year_unknown" if a day that has to be
  // classified lies in an unknown year.
  platform::Result<Date> add_working_days(Date from, int n) const;

  // The number of working days d with from < d ≤ to; the inverse of add_working_days:
  // count_working_days(x, add_working_days(x, n)) == n. Needs from ≤ to ("invalid_range" otherwise).
  // Errors: "calendar_year_unknown" if any day in (from, to] lies in an unknown year.
  platform::Result<int> count_working_days(Date from, Date to) const;

  // The error returned for an unknown year: says whether the notice is pending or the year is simply not loaded.
  platform::Error unknown_year_error(int year) const;

 private:
  struct Special {
    bool off = false;
    std::string name;
    int year = 0;  // the notice it came from
  };
  std::map<int, YearNotice> notices_;
  std::unordered_map<std::int32_t, Special> specials_;  // keyed by Date::days_since_epoch()
  std::set<int> known_years_;
};

// ---------------------------------------------------------------------------------------------------------------
// Receipt of an application (条例 Art. 31)
// ---------------------------------------------------------------------------------------------------------------

// How the application reached the agency. Oral applications (Art. 29: staff fill in the form) count as kInPerson.
enum class Channel {
  kInPerson,        // 当面提交: the day it is handed in
  kPost,            // 邮寄（需签收）: the day the agency signs for it
  kOrdinaryLetter,  // 平常信函等无需签收的邮寄方式: the day the office confirms with the applicant
  kOnline,          // 互联网渠道: the day both sides confirm
  kFax,             // 政府信息公开工作机构的传真: the day both sides confirm
};

// Stable API code: "in_person", "post", "ordinary_letter", "online", "fax".
std::string_view channel_code(Channel c);
// Errors: "invalid_channel".
platform::Result<Channel> parse_channel(std::string_view code);
// Short name for explanations: "当面提交", "邮寄", "平常信函", "网上提交", "传真提交".
std::string_view channel_name(Channel c);
// Which date is the day of receipt, in full, citing Art. 31 — for forms and help text, e.g.
// "申请人通过互联网渠道提交的，以双方确认之日为收到申请之日（条例第三十一条第（三）项）".
std::string_view receipt_rule(Channel c);
// The first line of every request explanation: "收到申请：2026-09-28（网上提交，以双方确认之日为准）".
std::string receipt_line(Date received, Channel c);

// ---------------------------------------------------------------------------------------------------------------
// Explanations
// ---------------------------------------------------------------------------------------------------------------

enum class StepKind {
  kStart,       // 收到申请 / the event the count starts from
  kNote,        // context: receipt on a non-working day, supplement notice sent, a pause with no effect …
  kRestart,     // 补正材料收到，重新起算
  kDay,         // a counted working day worth showing: day 1, the first day after a holiday, a make-up day
  kPause,       // 征求意见 / 缴费: days not counted
  kExtension,   // 延长答复期限
  kDeadline,    // the result
  kWarning,     // provisional or irregular: unknown year assumed, late notice, late extension …
};

// One line of an explanation. `text` is the full Chinese sentence; the other fields let a page render it richly.
struct Step {
  StepKind kind = StepKind::kNote;
  std::string text;
  Date date;                  // the day the step is about (for kPause: first day)
  std::optional<Date> until;  // kPause: last paused day; kDay after a holiday run: last day skipped
  int day_number = 0;         // kDay / kDeadline: the working day's number in the count;
                              // kPause: working days removed from the count; kExtension: working days added
  std::vector<std::string> holidays;  // holiday names the step mentions (skipped, or inside a pause), each once
};

struct Explanation {
  std::vector<Step> steps;
};

// One string per step, in order.
std::vector<std::string> render_lines(const Explanation& e);
// The lines joined with '\n' (no trailing newline).
std::string render_text(const Explanation& e);

// ---------------------------------------------------------------------------------------------------------------
// The statutory clock
// ---------------------------------------------------------------------------------------------------------------

enum class CountingRule {
  kNextWorkingDay,     // default: the day of receipt is not counted; day 1 is the next working day (DOMAIN §4)
  kReceiptDayCounts,   // local variant: a working day of receipt is day 1 (a non-working one is not counted)
};

enum class UnknownYearPolicy {
  kRefuse,          // default: "calendar_year_unknown"
  kAssumeWeekdays,  // count Monday–Friday in unknown years; result provisional, with a warning step
};

// Time limits are law as data (DESIGN principle 4): the defaults are the national ones.
struct ClockOptions {
  CountingRule counting = CountingRule::kNextWorkingDay;
  UnknownYearPolicy unknown_years = UnknownYearPolicy::kRefuse;
  int supplement_notice_days = 7;  // Art. 30
  int reply_days = 20;             // Art. 33 ¶1
  int max_extension_days = 20;     // Art. 33 ¶1
  int opinion_days = 15;           // Art. 32, Art. 34
  int fee_payment_days = 20;       // 国办函〔2020〕109号
  bool fee_period_paused = true;   // the fee notice → payment span is not counted in the reply limit
};

// A computed date with its working.
struct Deadline {
  Date date;
  Date start;              // the day the count ran from (receipt, supplement, letter, notice)
  int working_days = 0;    // how many working days were counted
  bool provisional = false;  // depends on an assumed year or an assumed end of an open pause
  Explanation explanation;
};

// The generic counter, for any "within N working days of X" rule (Art. 26 proactive disclosure, mailbox limits,
// consultation periods …): the n-th working day after `start` under options.counting.
// `start_line` becomes the first step (e.g. "信息形成：2026-03-02"); `deadline_label` names the result in the last
// step ("公开期限：2026-03-30（星期一，第20个工作日）").
// Needs n ≥ 1. Errors: "invalid_working_days"; "calendar_year_unknown" (under kRefuse).
platform::Result<Deadline> working_day_deadline(const WorkdayCalendar& cal, Date start, int n,
                                                std::string start_line, std::string_view deadline_label,
                                                const ClockOptions& options = {});

// Art. 30: the last day to send the one-time supplement notice: options.supplement_notice_days working days after
// the day of receipt. Errors as working_day_deadline.
platform::Result<Deadline> supplement_notice_deadline(const WorkdayCalendar& cal, Date received, Channel channel,
                                                      const ClockOptions& options = {});

// Art. 32/34: the last day for a third party or another agency to answer: options.opinion_days working days after
// the day it received the consultation letter. Errors as working_day_deadline.
platform::Result<Deadline> opinion_deadline(const WorkdayCalendar& cal, Date letter_received,
                                            const ClockOptions& options = {});

// 国办函〔2020〕109号: the last day to pay the processing fee: options.fee_payment_days working days after the
// applicant received the fee notice; unpaid by then, the application is deemed withdrawn.
// Errors as working_day_deadline.
platform::Result<Deadline> fee_payment_deadline(const WorkdayCalendar& cal, Date notice_received,
                                                const ClockOptions& options = {});

enum class PauseKind {
  kThirdPartyOpinion,  // 征求第三方意见 (Art. 32)
  kAgencyOpinion,      // 征求其他机关意见 (Art. 34)
  kFeePayment,         // 等待缴纳信息处理费 (国办函〔2020〕109号)
};

// "征求第三方意见" / "征求其他机关意见" / "等待缴纳信息处理费".
std::string_view pause_kind_name(PauseKind k);

// A span during which the reply clock does not run.
//
// Semantics (the rule the explanations state): the pause covers the calendar days start … end, both included, and
// every working day in that span is left out of the count; the due date therefore moves later by exactly the number
// of working days in the span that would otherwise have been counted. `start` is the day the consultation letter
// (or fee notice) is sent, `end` the day the answer (or payment) arrives. Overlapping pauses are merged: a day is
// left out once. A pause wholly before the clock's start (e.g. before a supplement restarted it) has no effect.
//
// The pause lasts at most as long as the answer window: opinion_days (or fee_payment_days) working days counted
// from `delivered` (the day the other side received the letter or notice; defaults to `start`). Days after that are
// counted again, because the law lets the agency decide once the window is over (Art. 32: a silent third party;
// Art. 34: silence is consent; 109号: unpaid means withdrawn). With no `end` yet, the pause is assumed to last until
// the window closes and the result is provisional.
struct Pause {
  PauseKind kind = PauseKind::kThirdPartyOpinion;
  Date start;
  std::optional<Date> delivered;
  std::optional<Date> end;
};

// Art. 33: an approved extension. Needs 1 ≤ working_days ≤ options.max_extension_days.
struct Extension {
  Date approved_on;
  int working_days = 20;
};

// What the caller knows about one request.
struct ReplyInput {
  Date received;  // Art. 31, as determined by the caller for `channel`
  Channel channel = Channel::kInPerson;
  std::optional<Date> supplement_notice_sent;  // Art. 30: at most one notice
  std::optional<Date> supplement_received;     // the reply limit restarts from this day
  std::vector<Pause> pauses;
  std::optional<Extension> extension;
};

enum class ReplyStatus {
  kRunning,             // reply_due is known
  kAwaitingSupplement,  // a supplement notice was sent and nothing has come back: the limit will restart
};

struct ReplyClock {
  ReplyStatus status = ReplyStatus::kRunning;
  Deadline supplement_notice_due;        // Art. 30, counted from `received`
  std::optional<Deadline> reply_due;     // Art. 33 ¶1 with pauses, before any extension; absent while awaiting
  std::optional<Deadline> extended_due;  // with the extension, if one was approved
  std::vector<Deadline> pause_windows;   // for each input pause (same order): its answer / payment window
  std::vector<std::string> warnings;     // irregularities worth showing (also present as kWarning steps)

  // The limit the agency must meet now: extended_due if present, else reply_due (nullptr while awaiting).
  const Deadline* effective_due() const;
};

// Computes every limit of one request.
//
// The reply count starts from supplement_received if present (Art. 30: "答复期限自行政机关收到补正的申请之日起
// 计算"), else from `received`; pauses are applied as described at Pause; the extension adds its working days after
// the 20th counted day. The supplement notice limit always runs from `received`.
//
// Errors:
//   "invalid_supplement"   supplement dates before receipt, or received before the notice was sent
//   "invalid_pause"        start before receipt, end before start, delivered outside start…end, span over 366 days
//   "invalid_extension"    working_days < 1, approval before receipt, or an extension while awaiting a supplement
//   "extension_too_long"   working_days > options.max_extension_days (Art. 33: at most 20)
//   "calendar_year_unknown" under UnknownYearPolicy::kRefuse
// Warnings (not errors): supplement notice sent after its limit; extension approved after the original limit;
// a pause that starts after the limit it could have stopped; a pause capped at its answer window; assumed years.
platform::Result<ReplyClock> compute_reply_clock(const WorkdayCalendar& cal, const ReplyInput& input,
                                                 const ClockOptions& options = {});

}  // namespace gongkai::calendar
