#include "gongkai/calendar/model.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace gongkai::calendar {

namespace {

using platform::Error;
using platform::make_error;
using platform::Result;

// Walks never need to go further than this: the longest statutory count is 40 working days plus pauses of at most
// 366 days each. The bound only guards against nonsense input running for ever.
constexpr int kMaxWorkingDays = 3660;
constexpr int kMaxPauseSpanDays = 366;

// Civil-date arithmetic in plain integers (H. Hinnant's days_from_civil / civil_from_days, proleptic Gregorian).
// Not std::chrono: g++ 12.2 at -O1 drops the store of a by-value Date handed to a function that converts it with
// std::chrono::year_month_day (the member then reads an uninitialised stack slot); found while writing the tests.
struct Ymd {
  int y;
  int m;
  int d;
};

constexpr std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;                                  // [0, 399]
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;  // [0, 365]
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           // [0, 146096]
  return era * 146097 + doe - 719468;
}

constexpr Ymd civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;                                   // [0, 146096]
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);            // [0, 365]
  const std::int64_t mp = (5 * doy + 2) / 153;                                  // [0, 11]
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe + era * 400 + (m <= 2));
  return {y, m, d};
}

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(days_from_civil(2026, 2, 16) == 20500);
static_assert(civil_from_days(20500).y == 2026 && civil_from_days(20500).m == 2 && civil_from_days(20500).d == 16);

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

std::string shorten(std::string_view s) {
  constexpr std::size_t kMax = 40;
  if (s.size() <= kMax) return std::string(s);
  // Cut on a UTF-8 boundary so the message stays valid text.
  std::size_t n = kMax;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n)) + "…";
}

// "2026-10-10（星期六）"
std::string with_weekday(Date d) {
  return d.iso() + "（" + std::string(weekday_name(d.weekday())) + "）";
}

// Splits "国庆节、中秋节" into its names, so that a run of days is described once per holiday.
std::vector<std::string> split_names(const std::string& name) {
  std::vector<std::string> out;
  const std::string sep = "、";
  std::size_t pos = 0;
  while (pos <= name.size()) {
    std::size_t next = name.find(sep, pos);
    if (next == std::string::npos) next = name.size();
    if (next > pos) out.push_back(name.substr(pos, next - pos));
    pos = next + sep.size();
  }
  return out;
}

void add_unique(std::vector<std::string>& names, const std::string& name) {
  for (auto& n : split_names(name)) {
    if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
  }
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += sep;
    out += v[i];
  }
  return out;
}

std::string span_text(Date first, Date last) {
  return first == last ? first.iso() : first.iso() + " 至 " + last.iso();
}

Step make_step(StepKind kind, std::string text, Date date) {
  Step s;
  s.kind = kind;
  s.text = std::move(text);
  s.date = date;
  return s;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------------
// Date
// ---------------------------------------------------------------------------------------------------------------

std::string_view weekday_name(Weekday w) {
  switch (w) {
    case Weekday::kMonday: return "星期一";
    case Weekday::kTuesday: return "星期二";
    case Weekday::kWednesday: return "星期三";
    case Weekday::kThursday: return "星期四";
    case Weekday::kFriday: return "星期五";
    case Weekday::kSaturday: return "星期六";
    case Weekday::kSunday: return "星期日";
  }
  return "";
}

std::optional<Date> Date::from_ymd(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
    return std::nullopt;
  }
  return Date(static_cast<std::int32_t>(days_from_civil(year, month, day)));
}

Result<Date> Date::parse(std::string_view iso) {
  auto bad = [&] {
    return make_error("invalid_date", "日期格式应为 YYYY-MM-DD 且为真实存在的日期，收到的是“" + shorten(iso) + "”");
  };
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return bad();
  auto digits = [&](std::size_t from, std::size_t len, int& out) {
    out = 0;
    for (std::size_t i = from; i < from + len; ++i) {
      if (iso[i] < '0' || iso[i] > '9') return false;
      out = out * 10 + (iso[i] - '0');
    }
    return true;
  };
  int y = 0, m = 0, d = 0;
  if (!digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d)) return bad();
  auto date = from_ymd(y, m, d);
  if (!date) return bad();
  return *date;
}

int Date::year() const { return civil_from_days(days_).y; }
int Date::month() const { return civil_from_days(days_).m; }
int Date::day() const { return civil_from_days(days_).d; }

Weekday Date::weekday() const {
  // 1970-01-01 was a Thursday (ISO 4).
  const std::int64_t r = ((static_cast<std::int64_t>(days_) + 3) % 7 + 7) % 7;  // 0 = Monday
  return static_cast<Weekday>(r + 1);
}

bool Date::is_weekend() const {
  auto w = weekday();
  return w == Weekday::kSaturday || w == Weekday::kSunday;
}

std::string Date::iso() const {
  const Ymd c = civil_from_days(days_);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.y, c.m, c.d);
  return buf;
}

// ---------------------------------------------------------------------------------------------------------------
// Notices
// ---------------------------------------------------------------------------------------------------------------

Result<void> validate_notice(const YearNotice& n) {
  auto bad = [&](std::string msg) { return make_error("calendar_invalid", std::to_string(n.year) + "年日历：" + msg); };
  if (n.year < 1900 || n.year > 2200) return bad("年份超出范围（1900–2200）");
  if (n.published) {
    if (n.sources.empty()) return bad("已公布的年份须注明来源（国务院办公厅通知的网址）");
    for (auto& s : n.sources) {
      if (s.url.empty()) return bad("来源缺少网址");
    }
  } else if (!n.holidays.empty() || !n.make_up_days.empty()) {
    return bad("尚未公布的年份不应包含放假或调休日期");
  }
  // A notice covers its own year; the notice for year Y may also reach back into December of Y − 1
  // (国办发明电 for 2023 made 2022-12-31 part of 元旦).
  auto in_window = [&](Date d) { return d.year() == n.year || (d.year() == n.year - 1 && d.month() == 12); };
  auto window_msg = [&](Date d) {
    return "日期 " + d.iso() + " 不属于" + std::to_string(n.year) + "年的安排（只可包含" + std::to_string(n.year) +
           "年及" + std::to_string(n.year - 1) + "年12月的日期）";
  };
  std::set<std::int32_t> seen;
  for (auto& h : n.holidays) {
    if (h.name.empty()) return bad("放假安排缺少名称（" + span_text(h.first, h.last) + "）");
    if (h.last < h.first) return bad("放假安排“" + h.name + "”的起止日期颠倒：" + h.first.iso() + " 至 " + h.last.iso());
    if (days_between(h.first, h.last) >= 31) return bad("放假安排“" + h.name + "”超过31天，请核对");
    for (Date d = h.first; d <= h.last; d = d.add_days(1)) {
      if (!in_window(d)) return bad(window_msg(d));
      if (!seen.insert(d.days_since_epoch()).second) return bad("日期 " + d.iso() + " 重复出现");
    }
  }
  for (auto& m : n.make_up_days) {
    if (m.name.empty()) return bad("调休上班日 " + m.date.iso() + " 缺少名称");
    if (!in_window(m.date)) return bad(window_msg(m.date));
    if (!m.date.is_weekend()) {
      return bad("调休上班日 " + m.date.iso() + " 是" + std::string(weekday_name(m.date.weekday())) +
                 "，应为星期六或星期日");
    }
    if (!seen.insert(m.date.days_since_epoch()).second) return bad("日期 " + m.date.iso() + " 重复出现");
  }
  return {};
}

// ---------------------------------------------------------------------------------------------------------------
// WorkdayCalendar
// ---------------------------------------------------------------------------------------------------------------

Result<WorkdayCalendar> WorkdayCalendar::build(std::vector<YearNotice> notices) {
  WorkdayCalendar cal;
  for (auto& n : notices) {
    if (auto r = cal.add(std::move(n)); !r) return r.error();
  }
  return cal;
}

Result<void> WorkdayCalendar::add(YearNotice notice) {
  if (auto v = validate_notice(notice); !v) return v.error();
  if (notices_.count(notice.year)) {
    return make_error("calendar_duplicate_year", std::to_string(notice.year) + "年的节假日安排已经存在，不能重复添加");
  }
  struct Add {
    std::int32_t day;
    bool off;
    const std::string* name;
  };
  std::vector<Add> adds;
  for (auto& h : notice.holidays) {
    for (Date d = h.first; d <= h.last; d = d.add_days(1)) adds.push_back({d.days_since_epoch(), true, &h.name});
  }
  for (auto& m : notice.make_up_days) adds.push_back({m.date.days_since_epoch(), false, &m.name});
  // Check everything before changing anything, so a failed add leaves the calendar as it was.
  for (auto& a : adds) {
    auto it = specials_.find(a.day);
    if (it != specials_.end() && it->second.off != a.off) {
      return make_error("calendar_conflict", Date::from_days(a.day).iso() + " 在" + std::to_string(it->second.year) +
                                                 "年与" + std::to_string(notice.year) + "年的安排中不一致");
    }
  }
  for (auto& a : adds) specials_.try_emplace(a.day, Special{a.off, *a.name, notice.year});
  if (notice.published) known_years_.insert(notice.year);
  int year = notice.year;
  notices_.emplace(year, std::move(notice));
  return {};
}

bool WorkdayCalendar::is_year_known(int year) const { return known_years_.count(year) > 0; }

const YearNotice* WorkdayCalendar::notice(int year) const {
  auto it = notices_.find(year);
  return it == notices_.end() ? nullptr : &it->second;
}

std::vector<int> WorkdayCalendar::years() const {
  std::vector<int> out;
  for (auto& [y, _] : notices_) out.push_back(y);
  return out;
}

DayInfo WorkdayCalendar::describe(Date d) const {
  DayInfo info;
  info.date = d;
  info.year_known = is_year_known(d.year());
  if (auto it = specials_.find(d.days_since_epoch()); it != specials_.end()) {
    info.kind = it->second.off ? DayKind::kHoliday : DayKind::kMakeUpWorkday;
    info.name = it->second.name;
  } else {
    info.kind = d.is_weekend() ? DayKind::kWeekend : DayKind::kWorkday;
  }
  return info;
}

Error WorkdayCalendar::unknown_year_error(int year) const {
  std::string y = std::to_string(year);
  if (notices_.count(year)) {
    return make_error("calendar_year_unknown",
                      y + "年的节假日安排国务院办公厅尚未公布（日历中标为未公布），无法确定" + y +
                          "年的工作日；公布后请补录日历再计算");
  }
  return make_error("calendar_year_unknown", "日历中没有" + y + "年的节假日安排，无法确定" + y + "年的工作日");
}

std::string day_label(const DayInfo& info) {
  std::string out = info.date.iso() + " " + std::string(weekday_name(info.date.weekday())) + " ";
  switch (info.kind) {
    case DayKind::kWorkday: out += "上班"; break;
    case DayKind::kWeekend: out += "休息"; break;
    case DayKind::kHoliday: out += info.name + " 休息"; break;
    case DayKind::kMakeUpWorkday: out += info.name + "调休 上班"; break;
  }
  if (!info.year_known) {
    out += "（" + std::to_string(info.date.year()) + "年安排未公布，按星期一至星期五推定）";
  }
  return out;
}

Result<bool> WorkdayCalendar::is_working_day(Date d) const {
  if (!is_year_known(d.year())) return unknown_year_error(d.year());
  return describe(d).working();
}

Result<Date> WorkdayCalendar::add_working_days(Date from, int n) const {
  if (n < 0 || n > kMaxWorkingDays) {
    return make_error("invalid_working_days", "工作日数应在 0 至 " + std::to_string(kMaxWorkingDays) + " 之间");
  }
  Date d = from;
  for (int counted = 0; counted < n;) {
    d = d.add_days(1);
    auto w = is_working_day(d);
    if (!w) return w.error();
    if (*w) ++counted;
  }
  return d;
}

Result<int> WorkdayCalendar::count_working_days(Date from, Date to) const {
  if (to < from) return make_error("invalid_range", "结束日期 " + to.iso() + " 早于开始日期 " + from.iso());
  int n = 0;
  for (Date d = from.add_days(1); d <= to; d = d.add_days(1)) {
    auto w = is_working_day(d);
    if (!w) return w.error();
    if (*w) ++n;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------------------------
// Channels (条例 Art. 31)
// ---------------------------------------------------------------------------------------------------------------

std::string_view channel_code(Channel c) {
  switch (c) {
    case Channel::kInPerson: return "in_person";
    case Channel::kPost: return "post";
    case Channel::kOrdinaryLetter: return "ordinary_letter";
    case Channel::kOnline: return "online";
    case Channel::kFax: return "fax";
  }
  return "";
}

Result<Channel> parse_channel(std::string_view code) {
  for (Channel c : {Channel::kInPerson, Channel::kPost, Channel::kOrdinaryLetter, Channel::kOnline, Channel::kFax}) {
    if (channel_code(c) == code) return c;
  }
  return make_error("invalid_channel", "未知的申请提交方式“" + shorten(code) + "”", "channel");
}

std::string_view channel_name(Channel c) {
  switch (c) {
    case Channel::kInPerson: return "当面提交";
    case Channel::kPost: return "邮寄";
    case Channel::kOrdinaryLetter: return "平常信函";
    case Channel::kOnline: return "网上提交";
    case Channel::kFax: return "传真提交";
  }
  return "";
}

std::string_view receipt_rule(Channel c) {
  switch (c) {
    case Channel::kInPerson:
      return "申请人当面提交的，以提交之日为收到申请之日（条例第三十一条第（一）项）";
    case Channel::kPost:
      return "申请人以邮寄方式提交的，以行政机关签收之日为收到申请之日（条例第三十一条第（二）项）";
    case Channel::kOrdinaryLetter:
      return "以平常信函等无需签收的邮寄方式提交的，政府信息公开工作机构应当于收到申请的当日与申请人确认，"
             "确认之日为收到申请之日（条例第三十一条第（二）项）";
    case Channel::kOnline:
      return "申请人通过互联网渠道提交的，以双方确认之日为收到申请之日（条例第三十一条第（三）项）";
    case Channel::kFax:
      return "申请人通过政府信息公开工作机构的传真提交的，以双方确认之日为收到申请之日（条例第三十一条第（三）项）";
  }
  return "";
}

std::string receipt_line(Date received, Channel c) {
  std::string_view which;
  switch (c) {
    case Channel::kInPerson: which = "以提交之日为准"; break;
    case Channel::kPost: which = "以本机关签收之日为准"; break;
    case Channel::kOrdinaryLetter: which = "以与申请人确认之日为准"; break;
    case Channel::kOnline:
    case Channel::kFax: which = "以双方确认之日为准"; break;
  }
  return "收到申请：" + received.iso() + "（" + std::string(channel_name(c)) + "，" + std::string(which) + "）";
}

// ---------------------------------------------------------------------------------------------------------------
// Explanations
// ---------------------------------------------------------------------------------------------------------------

std::vector<std::string> render_lines(const Explanation& e) {
  std::vector<std::string> out;
  out.reserve(e.steps.size());
  for (auto& s : e.steps) out.push_back(s.text);
  return out;
}

std::string render_text(const Explanation& e) { return join(render_lines(e), "\n"); }

std::string_view pause_kind_name(PauseKind k) {
  switch (k) {
    case PauseKind::kThirdPartyOpinion: return "征求第三方意见";
    case PauseKind::kAgencyOpinion: return "征求其他机关意见";
    case PauseKind::kFeePayment: return "等待缴纳信息处理费";
  }
  return "";
}

const Deadline* ReplyClock::effective_due() const {
  if (extended_due) return &*extended_due;
  if (reply_due) return &*reply_due;
  return nullptr;
}

// ---------------------------------------------------------------------------------------------------------------
// The counter
// ---------------------------------------------------------------------------------------------------------------

namespace {

// A pause as the counter applies it: its effective end already capped at, or assumed to be, the answer window.
struct PauseSpan {
  PauseKind kind;
  Date start;
  Date end;                        // effective last paused day
  std::optional<Date> asked_end;   // what the caller gave
  Date window_end;                 // last day of the answer / payment window
  bool assumed = false;            // no end given: assumed to last the whole window
  bool capped = false;             // asked_end was after the window
  bool window_provisional = false;
};

std::string_view pause_citation(PauseKind k) {
  return k == PauseKind::kFeePayment ? "国办函〔2020〕109号" : "条例第三十三条第二款";
}

std::string_view window_name(PauseKind k) {
  return k == PauseKind::kFeePayment ? "缴费期限" : "答复期限";
}

// Counts working days forward and writes the interesting ones into `out`.
class Counter {
 public:
  Counter(const WorkdayCalendar& cal, const ClockOptions& opt, Deadline& out) : cal_(cal), opt_(opt), out_(out) {}

  // Pauses, sorted by start; the counter leaves their working days out.
  void set_pauses(const std::vector<PauseSpan>* pauses) { pauses_ = pauses; }

  // After `after` counted days (and before the next), insert these steps (the extension).
  void set_marker(int after, std::vector<Step> steps) {
    marker_after_ = after;
    marker_steps_ = std::move(steps);
  }

  // The day lookup every count goes through: applies the unknown-year policy.
  Result<DayInfo> look(Date d) {
    DayInfo info = cal_.describe(d);
    if (!info.year_known) {
      if (opt_.unknown_years == UnknownYearPolicy::kRefuse) return cal_.unknown_year_error(d.year());
      out_.provisional = true;
      if (warned_years_.insert(d.year()).second) {
        std::string y = std::to_string(d.year());
        out_.explanation.steps.push_back(make_step(
            StepKind::kWarning,
            y + "年的节假日安排尚未公布，自 " + d.iso() + " 起暂按星期一至星期五为工作日计算，结果为暂定，公布后须重新计算",
            d));
      }
    }
    return info;
  }

  // The n-th counted working day from `start` (see CountingRule). Emits the start-day note, day steps, pause steps
  // and the marker; does not emit the final deadline step.
  Result<Date> count(Date start, int n) {
    if (n < 1 || n > kMaxWorkingDays) {
      return make_error("invalid_working_days", "工作日数应在 1 至 " + std::to_string(kMaxWorkingDays) + " 之间");
    }
    count_from_ = opt_.counting == CountingRule::kReceiptDayCounts ? start : start.add_days(1);
    announced_.assign(pauses_ ? pauses_->size() : 0, false);
    note_pauses_before_start();

    int counted = 0;
    bool resumed = false;  // the next counted day is the first after a pause
    // The day of receipt: never counted under kNextWorkingDay; under kReceiptDayCounts it is day 1 if it is a
    // working day that is not paused. Either way a non-working start day is worth saying.
    {
      DayInfo info = cal_.describe(start);
      bool need_class = opt_.counting == CountingRule::kReceiptDayCounts;
      if (need_class) {
        auto r = look(start);
        if (!r) return r.error();
        info = *r;
      }
      if ((info.year_known || need_class) && !info.working()) {
        std::string what = info.kind == DayKind::kHoliday ? info.name + "假期" : std::string(weekday_name(start.weekday()));
        Step s = make_step(StepKind::kNote, start.iso() + " 为" + what + "，非工作日，当日不计算", start);
        if (info.kind == DayKind::kHoliday) add_unique(s.holidays, info.name);
        out_.explanation.steps.push_back(std::move(s));
      } else if (need_class && announce_pauses_at(start)) {
        resumed = true;
      } else if (need_class && info.working()) {
        counted = 1;
        Step s = make_step(StepKind::kDay, "第1个工作日：" + with_weekday(start) + "，收到当日计入", start);
        s.day_number = 1;
        out_.explanation.steps.push_back(std::move(s));
        maybe_marker(counted, n);
      }
    }

    Date d = start;
    Run run;
    while (counted < n) {
      d = d.add_days(1);
      if (announce_pauses_at(d)) {
        run = Run{};
        resumed = true;
        continue;
      }
      auto r = look(d);
      if (!r) return r.error();
      const DayInfo& info = *r;
      if (!info.working()) {
        run.add(info);
        continue;
      }
      ++counted;
      emit_day(info, counted, run, resumed);
      run = Run{};
      resumed = false;
      maybe_marker(counted, n);
    }
    end_ = d;
    if (error_) return *error_;
    return d;
  }

  // Pauses that start after the count ended: they could not stop a limit that had already run out.
  void warn_late_pauses() {
    if (!pauses_) return;
    for (std::size_t i = 0; i < pauses_->size(); ++i) {
      const PauseSpan& p = (*pauses_)[i];
      if (!announced_[i] && p.start > end_) {
        out_.explanation.steps.push_back(make_step(
            StepKind::kWarning,
            std::string(pause_kind_name(p.kind)) + "于 " + p.start.iso() + " 开始，此时期限（" + end_.iso() +
                "）已届满，不再暂停计算",
            p.start));
      }
    }
  }

 private:
  // A run of non-working days between two counted days.
  struct Run {
    std::optional<Date> first, last;
    std::vector<std::string> names;
    bool weekend = false;
    void add(const DayInfo& info) {
      if (!first) first = info.date;
      last = info.date;
      if (info.kind == DayKind::kHoliday) {
        add_unique(names, info.name);
      } else {
        weekend = true;
      }
    }
    bool has_holiday() const { return !names.empty(); }
    std::string text() const {
      return "跳过 " + span_text(*first, *last) + " " + (weekend ? "周末及" : "") + join(names, "、") + "假期";
    }
  };

  // If d lies in a pause, announces every pause that first becomes relevant on d and returns true.
  bool announce_pauses_at(Date d) {
    if (!pauses_) return false;
    bool in_pause = false;
    for (std::size_t i = 0; i < pauses_->size(); ++i) {
      const PauseSpan& p = (*pauses_)[i];
      if (p.start <= d && d <= p.end) {
        in_pause = true;
        if (!announced_[i]) {
          announced_[i] = true;
          announce(i);
        }
      }
    }
    return in_pause;
  }

  // Writes the pause's step. Its day count is the working days it removes: days in the span on or after the
  // first countable day, not already removed by an earlier pause.
  void announce(std::size_t i) {
    const PauseSpan& p = (*pauses_)[i];
    int removed = 0;
    bool overlap = false;
    std::vector<std::string> holidays;
    Date from = std::max(p.start, count_from_);
    for (Date d = from; d <= p.end; d = d.add_days(1)) {
      bool earlier = false;
      for (std::size_t j = 0; j < i; ++j) {
        if ((*pauses_)[j].start <= d && d <= (*pauses_)[j].end) earlier = true;
      }
      if (earlier) {
        overlap = true;
        continue;
      }
      auto r = look(d);
      // The main loop does not look at paused days, so an unknown year inside a pause must be caught here.
      if (!r) {
        if (!error_) error_ = r.error();
        continue;
      }
      if (r->working()) ++removed;
      if (r->kind == DayKind::kHoliday) add_unique(holidays, r->name);
    }
    if (p.window_provisional || p.assumed) out_.provisional = true;

    std::string name(pause_kind_name(p.kind));
    std::string text;
    if (p.assumed) {
      text = name + "：" + p.start.iso() + " 起，尚未" + (p.kind == PauseKind::kFeePayment ? "缴费" : "收到意见") +
             "，暂按" + std::string(window_name(p.kind)) + " " + p.end.iso() + " 结束计算，暂停计算 " +
             std::to_string(removed) + " 个工作日";
    } else if (p.capped) {
      text = name + "：" + p.start.iso() + " 至 " + p.asked_end->iso() + "，但" + std::string(window_name(p.kind)) +
             "为 " + p.end.iso() + "，只暂停至该日，暂停计算 " + std::to_string(removed) + " 个工作日";
    } else {
      text = name + "：" + span_text(p.start, p.end) + "，暂停计算 " + std::to_string(removed) + " 个工作日";
    }
    std::vector<std::string> notes;
    if (p.assumed) notes.push_back("暂定");
    if (!holidays.empty()) notes.push_back("期间含" + join(holidays, "、") + "假期");
    if (overlap) notes.push_back("与此前暂停重叠的日子不重复计算");
    notes.push_back(std::string(pause_citation(p.kind)));
    text += "（" + join(notes, "；") + "）";
    Step s = make_step(StepKind::kPause, text, p.start);
    s.until = p.end;
    s.day_number = removed;
    s.holidays = holidays;
    out_.explanation.steps.push_back(std::move(s));
    if (p.capped) {
      out_.explanation.steps.push_back(make_step(
          StepKind::kWarning,
          name + "结束日期 " + p.asked_end->iso() + " 晚于" + std::string(window_name(p.kind)) + " " + p.end.iso() +
              "，超出的日子照常计算",
          *p.asked_end));
    }
  }

  void note_pauses_before_start() {
    if (!pauses_) return;
    for (std::size_t i = 0; i < pauses_->size(); ++i) {
      const PauseSpan& p = (*pauses_)[i];
      if (p.end < count_from_) {
        announced_[i] = true;
        out_.explanation.steps.push_back(make_step(
            StepKind::kNote,
            std::string(pause_kind_name(p.kind)) + "：" + span_text(p.start, p.end) + "，在本期限起算之前，不影响本期限",
            p.start));
      }
    }
  }

  void emit_day(const DayInfo& info, int counted, const Run& run, bool resumed) {
    std::string num = "第" + std::to_string(counted) + "个工作日";
    Step s;
    s.kind = StepKind::kDay;
    s.date = info.date;
    s.day_number = counted;
    if (info.kind == DayKind::kMakeUpWorkday) {
      s.text = "调休上班：" + info.date.iso() + "（" + std::string(weekday_name(info.date.weekday())) + "，" + info.name +
               "调休）计入，为" + num;
      if (run.has_holiday()) s.text += "（" + run.text() + "）";
    } else if (run.has_holiday()) {
      s.text = num + "：" + info.date.iso() + "（" + run.text() + "）";
    } else if (resumed) {
      s.text = num + "：" + info.date.iso() + "（" + std::string(weekday_name(info.date.weekday())) + "，暂停结束，恢复计算）";
    } else if (counted == 1) {
      s.text = num + "：" + with_weekday(info.date);
    } else {
      return;
    }
    if (run.has_holiday()) {
      s.until = run.last;
      s.holidays = run.names;
    }
    out_.explanation.steps.push_back(std::move(s));
  }

  void maybe_marker(int counted, int n) {
    if (marker_after_ > 0 && counted == marker_after_ && counted < n) {
      for (auto& s : marker_steps_) out_.explanation.steps.push_back(s);
    }
  }

 private:
  const WorkdayCalendar& cal_;
  const ClockOptions& opt_;
  Deadline& out_;
  const std::vector<PauseSpan>* pauses_ = nullptr;
  std::vector<bool> announced_;
  int marker_after_ = 0;
  std::vector<Step> marker_steps_;
  std::set<int> warned_years_;
  Date count_from_, end_;
  std::optional<Error> error_;  // found while announcing a pause; count() returns it
};

void push_deadline_step(Deadline& d, std::string_view label, std::string_view suffix = {}) {
  Step s = make_step(StepKind::kDeadline,
                     std::string(label) + "：" + d.date.iso() + "（" + std::string(weekday_name(d.date.weekday())) +
                         "，第" + std::to_string(d.working_days) + "个工作日" + std::string(suffix) + "）",
                     d.date);
  s.day_number = d.working_days;
  d.explanation.steps.push_back(std::move(s));
}

Result<Deadline> simple_deadline(const WorkdayCalendar& cal, Date start, int n, std::string start_line,
                                 std::string_view label, std::string_view suffix, const ClockOptions& opt) {
  Deadline out;
  out.start = start;
  out.working_days = n;
  out.explanation.steps.push_back(make_step(StepKind::kStart, std::move(start_line), start));
  Counter c(cal, opt, out);
  auto d = c.count(start, n);
  if (!d) return d.error();
  out.date = *d;
  push_deadline_step(out, label, suffix);
  return out;
}

}  // namespace

Result<Deadline> working_day_deadline(const WorkdayCalendar& cal, Date start, int n, std::string start_line,
                                      std::string_view deadline_label, const ClockOptions& options) {
  return simple_deadline(cal, start, n, std::move(start_line), deadline_label, {}, options);
}

Result<Deadline> supplement_notice_deadline(const WorkdayCalendar& cal, Date received, Channel channel,
                                            const ClockOptions& options) {
  return simple_deadline(cal, received, options.supplement_notice_days, receipt_line(received, channel),
                         "补正通知期限", "，条例第三十条", options);
}

Result<Deadline> opinion_deadline(const WorkdayCalendar& cal, Date letter_received, const ClockOptions& options) {
  return simple_deadline(cal, letter_received, options.opinion_days,
                         "收到征求意见书：" + letter_received.iso(), "提出意见期限", "，条例第三十二条、第三十四条",
                         options);
}

Result<Deadline> fee_payment_deadline(const WorkdayCalendar& cal, Date notice_received, const ClockOptions& options) {
  return simple_deadline(cal, notice_received, options.fee_payment_days, "收到收费通知：" + notice_received.iso(),
                         "缴费期限", "，逾期未缴纳视为放弃申请", options);
}

// ---------------------------------------------------------------------------------------------------------------
// compute_reply_clock
// ---------------------------------------------------------------------------------------------------------------

namespace {

Result<void> validate_input(const ReplyInput& in, const ClockOptions& opt) {
  if (in.supplement_notice_sent && *in.supplement_notice_sent < in.received) {
    return make_error("invalid_supplement", "补正通知日期 " + in.supplement_notice_sent->iso() + " 早于收到申请日期 " +
                                                in.received.iso(), "supplement_notice_sent");
  }
  if (in.supplement_received) {
    if (*in.supplement_received < in.received) {
      return make_error("invalid_supplement", "收到补正材料日期 " + in.supplement_received->iso() + " 早于收到申请日期 " +
                                                  in.received.iso(), "supplement_received");
    }
    if (in.supplement_notice_sent && *in.supplement_received < *in.supplement_notice_sent) {
      return make_error("invalid_supplement", "收到补正材料日期 " + in.supplement_received->iso() +
                                                  " 早于补正通知日期 " + in.supplement_notice_sent->iso(),
                        "supplement_received");
    }
  }
  for (auto& p : in.pauses) {
    std::string name(pause_kind_name(p.kind));
    if (p.start < in.received) {
      return make_error("invalid_pause", name + "开始日期 " + p.start.iso() + " 早于收到申请日期 " + in.received.iso(),
                        "pauses");
    }
    if (p.end && *p.end < p.start) {
      return make_error("invalid_pause", name + "结束日期 " + p.end->iso() + " 早于开始日期 " + p.start.iso(), "pauses");
    }
    if (p.end && days_between(p.start, *p.end) > kMaxPauseSpanDays) {
      return make_error("invalid_pause", name + "超过一年（" + p.start.iso() + " 至 " + p.end->iso() + "），请核对",
                        "pauses");
    }
    if (p.delivered && (*p.delivered < p.start || (p.end && *p.end < *p.delivered))) {
      return make_error("invalid_pause", name + "送达日期 " + p.delivered->iso() + " 应在暂停期间之内", "pauses");
    }
  }
  if (in.extension) {
    const auto& e = *in.extension;
    if (e.working_days > opt.max_extension_days) {
      return make_error("extension_too_long",
                        "延长答复期限最长不得超过" + std::to_string(opt.max_extension_days) +
                            "个工作日（条例第三十三条），申请延长" + std::to_string(e.working_days) + "个工作日",
                        "extension");
    }
    if (e.working_days < 1) return make_error("invalid_extension", "延长的工作日数应至少为1", "extension");
    if (e.approved_on < in.received) {
      return make_error("invalid_extension", "延期批准日期 " + e.approved_on.iso() + " 早于收到申请日期", "extension");
    }
    if (in.supplement_notice_sent && !in.supplement_received) {
      return make_error("invalid_extension", "等待补正期间答复期限尚未重新起算，不能延期", "extension");
    }
  }
  return {};
}

void collect_warnings(const Deadline& d, std::vector<std::string>& out) {
  for (auto& s : d.explanation.steps) {
    if (s.kind == StepKind::kWarning && std::find(out.begin(), out.end(), s.text) == out.end()) out.push_back(s.text);
  }
}

}  // namespace

Result<ReplyClock> compute_reply_clock(const WorkdayCalendar& cal, const ReplyInput& in, const ClockOptions& opt) {
  if (auto v = validate_input(in, opt); !v) return v.error();
  ReplyClock clock;

  // Art. 30: the supplement notice limit always runs from the original receipt.
  auto notice_due = supplement_notice_deadline(cal, in.received, in.channel, opt);
  if (!notice_due) return notice_due.error();
  clock.supplement_notice_due = std::move(*notice_due);
  if (in.supplement_notice_sent) {
    const Date sent = *in.supplement_notice_sent;
    const Date limit = clock.supplement_notice_due.date;
    clock.supplement_notice_due.explanation.steps.push_back(make_step(
        sent <= limit ? StepKind::kNote : StepKind::kWarning,
        sent <= limit ? "补正通知已于 " + sent.iso() + " 发出，在期限之内"
                      : "补正通知于 " + sent.iso() + " 发出，晚于法定期限 " + limit.iso() + "（条例第三十条）",
        sent));
  }

  // The answer / payment window of each pause (Art. 32, 34; 109号), in input order.
  std::vector<PauseSpan> spans;
  for (auto& p : in.pauses) {
    const Date from = p.delivered.value_or(p.start);
    auto window_with = [&](const ClockOptions& o) {
      return p.kind == PauseKind::kFeePayment ? fee_payment_deadline(cal, from, o) : opinion_deadline(cal, from, o);
    };
    auto window = window_with(opt);
    bool window_matters = true;
    if (!window && window.error().code == "calendar_year_unknown" && p.end) {
      // The window runs into an unknown year, but a pause that ended inside the window does not depend on where
      // the window ends: the reply stays exact, and only the window shown for reference is provisional.
      const int limit = p.kind == PauseKind::kFeePayment ? opt.fee_payment_days : opt.opinion_days;
      auto used = cal.count_working_days(from, *p.end);
      auto first = cal.is_working_day(from);
      if (used && first) {
        int n = *used + (opt.counting == CountingRule::kReceiptDayCounts && *first ? 1 : 0);
        if (n <= limit) {
          ClockOptions assume = opt;
          assume.unknown_years = UnknownYearPolicy::kAssumeWeekdays;
          window = window_with(assume);
          window_matters = false;
        }
      }
    }
    if (!window) return window.error();
    PauseSpan s;
    s.kind = p.kind;
    s.start = p.start;
    s.asked_end = p.end;
    s.window_end = window->date;
    s.window_provisional = window_matters && window->provisional;
    if (!p.end) {
      s.end = window->date;
      s.assumed = true;
    } else if (window_matters && *p.end > window->date) {
      s.end = window->date;
      s.capped = true;
    } else {
      s.end = *p.end;
    }
    clock.pause_windows.push_back(std::move(*window));
    if (p.kind == PauseKind::kFeePayment && !opt.fee_period_paused) continue;
    spans.push_back(s);
  }
  std::stable_sort(spans.begin(), spans.end(), [](const PauseSpan& a, const PauseSpan& b) {
    return a.start < b.start || (a.start == b.start && a.end < b.end);
  });

  if (in.supplement_notice_sent && !in.supplement_received) {
    clock.status = ReplyStatus::kAwaitingSupplement;
    collect_warnings(clock.supplement_notice_due, clock.warnings);
    return clock;
  }

  const Date clock_start = in.supplement_received.value_or(in.received);

  // Runs the reply count; with an extension, a second run counts on past the 20th day.
  auto run = [&](int extra) -> Result<Deadline> {
    Deadline out;
    out.start = clock_start;
    out.working_days = opt.reply_days + extra;
    auto& steps = out.explanation.steps;
    steps.push_back(make_step(StepKind::kStart, receipt_line(in.received, in.channel), in.received));
    if (in.supplement_notice_sent) {
      steps.push_back(make_step(StepKind::kNote, "补正通知：" + in.supplement_notice_sent->iso() + " 发出",
                                *in.supplement_notice_sent));
    }
    if (in.supplement_received) {
      steps.push_back(make_step(StepKind::kRestart,
                                "补正材料于 " + in.supplement_received->iso() +
                                    " 收到，答复期限自该日重新起算（条例第三十条）",
                                *in.supplement_received));
    }
    Counter c(cal, opt, out);
    c.set_pauses(&spans);
    Date original;
    if (extra > 0) {
      // The marker steps need the original due date, which the first run has computed.
      original = clock.reply_due->date;
      const auto& e = *in.extension;
      Step orig = make_step(StepKind::kNote,
                            "原答复期限：" + original.iso() + "（第" + std::to_string(opt.reply_days) + "个工作日）",
                            original);
      orig.day_number = opt.reply_days;
      Step ext = make_step(StepKind::kExtension,
                           "延长 " + std::to_string(e.working_days) + " 个工作日：" + e.approved_on.iso() +
                               " 经政府信息公开工作机构负责人同意，并告知申请人（条例第三十三条）",
                           e.approved_on);
      ext.day_number = e.working_days;
      std::vector<Step> marker{orig, ext};
      if (e.approved_on > original) {
        marker.push_back(make_step(StepKind::kWarning,
                                   "延期于 " + e.approved_on.iso() + " 批准，晚于原答复期限 " + original.iso() +
                                       "；延期应在答复期限内决定并告知申请人",
                                   e.approved_on));
      }
      c.set_marker(opt.reply_days, std::move(marker));
    }
    auto d = c.count(clock_start, out.working_days);
    if (!d) return d.error();
    out.date = *d;
    c.warn_late_pauses();
    push_deadline_step(out, extra > 0 ? "延长后答复期限" : "答复期限");
    return out;
  };

  auto reply = run(0);
  if (!reply) return reply.error();
  clock.reply_due = std::move(*reply);
  if (in.extension) {
    auto extended = run(in.extension->working_days);
    if (!extended) return extended.error();
    clock.extended_due = std::move(*extended);
  }

  collect_warnings(clock.supplement_notice_due, clock.warnings);
  collect_warnings(*clock.effective_due(), clock.warnings);
  return clock;
}

}  // namespace gongkai::calendar
