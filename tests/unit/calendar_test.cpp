// Date and WorkdayCalendar: civil-date arithmetic, and which days are working days under the State Council's
// notices (调休 weekends, holidays on weekdays, the December days a later notice claims, unknown years).
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "calendar_test_support.hpp"
#include "gongkai/calendar/model.hpp"

namespace gongkai::calendar {
namespace {

using testing::D;
using testing::product_calendar;

// ---------------------------------------------------------------------------------------------------------------
// Date
// ---------------------------------------------------------------------------------------------------------------

TEST(CalendarDate, ParsesAndFormatsIso) {
  auto d = Date::parse("2026-02-16");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->year(), 2026);
  EXPECT_EQ(d->month(), 2);
  EXPECT_EQ(d->day(), 16);
  EXPECT_EQ(d->iso(), "2026-02-16");
  EXPECT_EQ(Date::parse("0001-01-01")->iso(), "0001-01-01");
  EXPECT_EQ(Date::parse("9999-12-31")->iso(), "9999-12-31");
}

TEST(CalendarDate, EpochIsThursdayAndDayZero) {
  Date epoch;
  EXPECT_EQ(epoch.iso(), "1970-01-01");
  EXPECT_EQ(epoch.days_since_epoch(), 0);
  EXPECT_EQ(epoch.weekday(), Weekday::kThursday);
  EXPECT_EQ(Date::from_days(-1).iso(), "1969-12-31");
  EXPECT_EQ(Date::from_days(-1).weekday(), Weekday::kWednesday);
}

TEST(CalendarDate, RefusesMalformedOrImpossibleDates) {
  for (const char* bad : {"", "2026-2-16", "2026-02-1", "2026/02/16", "20260216", "2026-02-16 ", " 2026-02-16",
                          "2026-13-01", "2026-00-10", "2026-02-00", "2026-02-29", "2026-04-31", "0000-01-01",
                          "2026-0a-01", "２０２６-02-16", "2026-02-16T00:00", "-026-02-16"}) {
    auto d = Date::parse(bad);
    ASSERT_FALSE(d.ok()) << bad;
    EXPECT_EQ(d.error().code, "invalid_date") << bad;
    EXPECT_NE(d.error().message.find("YYYY-MM-DD"), std::string::npos);
  }
  // Leap years: divisible by 4, except centuries, except every 400 years.
  EXPECT_TRUE(Date::parse("2024-02-29").ok());
  EXPECT_TRUE(Date::parse("2000-02-29").ok());
  EXPECT_FALSE(Date::parse("1900-02-29").ok());
  EXPECT_FALSE(Date::parse("2100-02-29").ok());
}

TEST(CalendarDate, ErrorMessageShortensLongInputAndStaysValidUtf8) {
  std::string junk(200, 'x');
  auto d = Date::parse(junk);
  ASSERT_FALSE(d.ok());
  EXPECT_LT(d.error().message.size(), 150u);
  auto c = Date::parse("日期日期日期日期日期日期日期日期日期日期日期日期日期日期日期");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("…"), std::string::npos);
}

TEST(CalendarDate, FromYmdRejectsOutOfRange) {
  EXPECT_FALSE(Date::from_ymd(0, 1, 1));
  EXPECT_FALSE(Date::from_ymd(10000, 1, 1));
  EXPECT_FALSE(Date::from_ymd(2026, 0, 1));
  EXPECT_FALSE(Date::from_ymd(2026, 12, 32));
  EXPECT_FALSE(Date::from_ymd(2026, 11, 31));
  ASSERT_TRUE(Date::from_ymd(2026, 11, 30));
  EXPECT_EQ(Date::from_ymd(2026, 11, 30)->iso(), "2026-11-30");
}

// Walks every day from 1900 to 2200 with a naive y/m/d counter and checks the integer conversion both ways, and
// that weekdays cycle with 1900-01-01 a Monday.
TEST(CalendarDate, AgreesWithNaiveDayByDayCounterFrom1900To2200) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  Date d = D("1900-01-01");
  int wd = 0;  // 0 = Monday
  for (int y = 1900; y <= 2200; ++y) {
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    for (int m = 1; m <= 12; ++m) {
      int len = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
      for (int day = 1; day <= len; ++day) {
        ASSERT_EQ(d.year(), y);
        ASSERT_EQ(d.month(), m);
        ASSERT_EQ(d.day(), day);
        ASSERT_EQ(static_cast<int>(d.weekday()), wd + 1) << d.iso();
        auto back = Date::from_ymd(y, m, day);
        ASSERT_TRUE(back);
        ASSERT_EQ(*back, d);
        ASSERT_EQ(Date::parse(d.iso())->days_since_epoch(), d.days_since_epoch());
        d = d.add_days(1);
        wd = (wd + 1) % 7;
      }
    }
  }
}

TEST(CalendarDate, KnownWeekdays) {
  EXPECT_EQ(D("2026-02-16").weekday(), Weekday::kMonday);     // 春节 2026
  EXPECT_EQ(D("2026-02-14").weekday(), Weekday::kSaturday);   // 调休上班
  EXPECT_EQ(D("2026-01-04").weekday(), Weekday::kSunday);     // 调休上班
  EXPECT_EQ(D("2025-10-01").weekday(), Weekday::kWednesday);  // 国庆节 2025
  EXPECT_EQ(D("2000-02-29").weekday(), Weekday::kTuesday);
  EXPECT_EQ(D("2019-05-15").weekday(), Weekday::kWednesday);  // 条例 in force
  EXPECT_TRUE(D("2026-02-14").is_weekend());
  EXPECT_FALSE(D("2026-02-16").is_weekend());
  EXPECT_EQ(weekday_name(Weekday::kMonday), "星期一");
  EXPECT_EQ(weekday_name(Weekday::kSunday), "星期日");
}

TEST(CalendarDate, ArithmeticAndComparison) {
  EXPECT_EQ(D("2024-02-28").add_days(1).iso(), "2024-02-29");
  EXPECT_EQ(D("2024-02-28").add_days(2).iso(), "2024-03-01");
  EXPECT_EQ(D("2025-02-28").add_days(1).iso(), "2025-03-01");
  EXPECT_EQ(D("2025-12-31").add_days(1).iso(), "2026-01-01");
  EXPECT_EQ(D("2026-01-01").add_days(-1).iso(), "2025-12-31");
  EXPECT_EQ(days_between(D("2025-12-30"), D("2026-01-28")), 29);
  EXPECT_EQ(days_between(D("2026-01-28"), D("2025-12-30")), -29);
  EXPECT_LT(D("2025-12-31"), D("2026-01-01"));
  EXPECT_EQ(D("2026-01-01"), D("2025-12-31").add_days(1));
  EXPECT_NE(D("2026-01-01"), D("2026-01-02"));
}

// ---------------------------------------------------------------------------------------------------------------
// Notices and their validation
// ---------------------------------------------------------------------------------------------------------------

YearNotice small_notice(int year) {
  YearNotice n;
  n.year = year;
  n.published = true;
  n.sources.push_back({"国务院办公厅关于" + std::to_string(year) + "年部分节假日安排的通知", "https://example.gov/" +
                                                                                              std::to_string(year)});
  return n;
}

std::string invalid_message(const YearNotice& n) {
  auto r = validate_notice(n);
  EXPECT_FALSE(r.ok());
  if (r.ok()) return {};
  EXPECT_EQ(r.error().code, "calendar_invalid");
  return r.error().message;
}

TEST(CalendarNotice, ValidNoticePasses) {
  YearNotice n = small_notice(2026);
  n.holidays.push_back({"春节", D("2026-02-15"), D("2026-02-23")});
  n.make_up_days.push_back({"春节", D("2026-02-14")});
  EXPECT_TRUE(validate_notice(n).ok());
  YearNotice pending;
  pending.year = 2027;
  EXPECT_TRUE(validate_notice(pending).ok());
}

TEST(CalendarNotice, RefusesEachKindOfMistake) {
  {
    YearNotice n = small_notice(1800);
    EXPECT_NE(invalid_message(n).find("年份超出范围"), std::string::npos);
  }
  {
    YearNotice n = small_notice(2026);
    n.sources.clear();
    EXPECT_NE(invalid_message(n).find("须注明来源"), std::string::npos);
  }
  {
    YearNotice n = small_notice(2026);
    n.sources[0].url.clear();
    EXPECT_NE(invalid_message(n).find("缺少网址"), std::string::npos);
  }
  {
    YearNotice n;
    n.year = 2027;
    n.holidays.push_back({"元旦", D("2027-01-01"), D("2027-01-01")});
    EXPECT_NE(invalid_message(n).find("尚未公布"), std::string::npos);
  }
  {
    YearNotice n = small_notice(2026);
    n.holidays.push_back({"", D("2026-01-01"), D("2026-01-01")});
    EXPECT_NE(invalid_message(n).find("缺少名称"), std::string::npos);
  }
  {
    YearNotice n = small_notice(2026);
    n.holidays.push_back({"春节", D("2026-02-23"), D("2026-02-15")});
    EXPECT_NE(invalid_message(n).find("颠倒"), std::string::npos);
  }
  {
    YearNotice n = small_notice(2026);
    n.holidays.push_back({"春节", D("2026-02-01"), D("2026-03-10")});
    EXPECT_NE(invalid_message(n).find("超过31天"), std::string::npos);
  }
  {
    // A notice may reach back into the previous December, nowhere else.
    YearNotice n = small_notice(2026);
    n.holidays.push_back({"元旦", D("2025-11-30"), D("2025-11-30")});
    EXPECT_NE(invalid_message(n).find("不属于2026年的安排"), std::string::npos);
    YearNotice m = small_notice(2026);
    m.holidays.push_back({"元旦", D("2027-01-01"), D("2027-01-01")});
    EXPECT_NE(invalid_message(m).find("不属于2026年的安排"), std::string::npos);
    YearNotice ok = small_notice(2026);
    ok.holidays.push_back({"元旦", D("2025-12-31"), D("2026-01-01")});
    EXPECT_TRUE(validate_notice(ok).ok());
  }
  {
    YearNotice n = small_notice(2026);
    n.make_up_days.push_back({"春节", D("2026-02-13")});  // a Friday
    EXPECT_NE(invalid_message(n).find("是星期五，应为星期六或星期日"), std::string::npos);
  }
  {
    YearNotice n = small_notice(2026);
    n.make_up_days.push_back({"", D("2026-02-14")});
    EXPECT_NE(invalid_message(n).find("缺少名称"), std::string::npos);
  }
  {
    YearNotice n = small_notice(2026);
    n.holidays.push_back({"春节", D("2026-02-15"), D("2026-02-23")});
    n.holidays.push_back({"春节", D("2026-02-23"), D("2026-02-24")});
    EXPECT_NE(invalid_message(n).find("2026-02-23 重复出现"), std::string::npos);
  }
  {
    YearNotice n = small_notice(2026);
    n.holidays.push_back({"春节", D("2026-02-14"), D("2026-02-15")});
    n.make_up_days.push_back({"春节", D("2026-02-14")});
    EXPECT_NE(invalid_message(n).find("2026-02-14 重复出现"), std::string::npos);
  }
}

TEST(Calendar, AddIsAllOrNothingAndRefusesDuplicatesAndConflicts) {
  WorkdayCalendar cal;
  YearNotice y2023 = small_notice(2023);
  y2023.holidays.push_back({"元旦", D("2022-12-31"), D("2023-01-02")});
  ASSERT_TRUE(cal.add(y2023).ok());

  auto dup = cal.add(small_notice(2023));
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, "calendar_duplicate_year");

  // The 2022 notice saying 2022-12-31 is a make-up working day contradicts the 2023 notice.
  YearNotice y2022 = small_notice(2022);
  y2022.holidays.push_back({"国庆节", D("2022-10-01"), D("2022-10-07")});
  y2022.make_up_days.push_back({"元旦", D("2022-12-31")});
  auto conflict = cal.add(y2022);
  ASSERT_FALSE(conflict.ok());
  EXPECT_EQ(conflict.error().code, "calendar_conflict");
  EXPECT_NE(conflict.error().message.find("2022-12-31"), std::string::npos);
  // Nothing of the refused notice stayed behind.
  EXPECT_EQ(cal.notice(2022), nullptr);
  EXPECT_FALSE(cal.is_year_known(2022));
  EXPECT_EQ(cal.describe(D("2022-10-03")).kind, DayKind::kWorkday);

  // Agreeing on a date is fine.
  YearNotice agree = small_notice(2022);
  agree.holidays.push_back({"元旦", D("2022-12-31"), D("2022-12-31")});
  EXPECT_TRUE(cal.add(agree).ok());
  EXPECT_EQ(cal.years(), (std::vector<int>{2022, 2023}));
}

TEST(Calendar, BuildReportsTheFirstError) {
  YearNotice bad = small_notice(2026);
  bad.make_up_days.push_back({"春节", D("2026-02-16")});
  auto c = WorkdayCalendar::build({small_notice(2025), bad});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, "calendar_invalid");
}

// ---------------------------------------------------------------------------------------------------------------
// Working days under the real notices (config/calendar)
// ---------------------------------------------------------------------------------------------------------------

TEST(Calendar, KnowsTheYearsWithPublishedNotices) {
  const auto& cal = product_calendar();
  for (int y = 2020; y <= 2026; ++y) EXPECT_TRUE(cal.is_year_known(y)) << y;
  EXPECT_FALSE(cal.is_year_known(2027));  // loaded, not yet published
  EXPECT_FALSE(cal.is_year_known(2019));  // not loaded at all
  ASSERT_NE(cal.notice(2027), nullptr);
  EXPECT_FALSE(cal.notice(2027)->published);
  EXPECT_EQ(cal.notice(2019), nullptr);
  EXPECT_EQ(cal.years(), (std::vector<int>{2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027}));
}

bool working(const WorkdayCalendar& cal, const char* iso) {
  auto r = cal.is_working_day(D(iso));
  EXPECT_TRUE(r.ok()) << iso;
  return r.ok() && *r;
}

TEST(Calendar, MakeUpSaturdaysAndSundaysAreWorkingDays) {
  const auto& cal = product_calendar();
  // 调休上班, 2024–2026: Saturdays …
  for (const char* d : {"2024-05-11", "2024-09-14", "2024-10-12", "2025-02-08", "2025-10-11", "2026-02-14",
                        "2026-02-28", "2026-05-09", "2026-10-10"}) {
    EXPECT_EQ(D(d).weekday(), Weekday::kSaturday) << d;
    EXPECT_TRUE(working(cal, d)) << d;
    EXPECT_EQ(cal.describe(D(d)).kind, DayKind::kMakeUpWorkday) << d;
  }
  // … and Sundays.
  for (const char* d : {"2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-09-29", "2025-01-26",
                        "2025-04-27", "2025-09-28", "2026-01-04", "2026-09-20"}) {
    EXPECT_EQ(D(d).weekday(), Weekday::kSunday) << d;
    EXPECT_TRUE(working(cal, d)) << d;
  }
  auto info = cal.describe(D("2026-02-14"));
  EXPECT_EQ(info.name, "春节");
  EXPECT_TRUE(info.working());
  EXPECT_TRUE(info.year_known);
}

TEST(Calendar, HolidaysOnWeekdaysAreDaysOff) {
  const auto& cal = product_calendar();
  for (const char* d : {"2024-02-12", "2024-02-16", "2024-10-07", "2025-01-28", "2025-02-04", "2025-10-08",
                        "2026-01-02", "2026-02-16", "2026-02-23", "2026-09-25", "2026-10-07"}) {
    EXPECT_FALSE(D(d).is_weekend()) << d;
    EXPECT_FALSE(working(cal, d)) << d;
    EXPECT_EQ(cal.describe(D(d)).kind, DayKind::kHoliday) << d;
  }
  EXPECT_EQ(cal.describe(D("2026-02-16")).name, "春节");
  EXPECT_EQ(cal.describe(D("2025-10-08")).name, "国庆节、中秋节");
  EXPECT_EQ(cal.describe(D("2026-09-25")).name, "中秋节");
  // Weekend days inside a holiday keep the holiday's name.
  EXPECT_EQ(cal.describe(D("2026-02-15")).kind, DayKind::kHoliday);
  EXPECT_EQ(cal.describe(D("2026-02-15")).name, "春节");
}

TEST(Calendar, PlainDays) {
  const auto& cal = product_calendar();
  EXPECT_TRUE(working(cal, "2026-03-02"));   // a Monday
  EXPECT_FALSE(working(cal, "2026-03-07"));  // a Saturday
  EXPECT_FALSE(working(cal, "2026-03-08"));  // a Sunday
  EXPECT_EQ(cal.describe(D("2026-03-07")).kind, DayKind::kWeekend);
  EXPECT_EQ(cal.describe(D("2026-03-02")).kind, DayKind::kWorkday);
  EXPECT_EQ(cal.describe(D("2026-03-02")).name, "");
  // 除夕 2024-02-09 (Friday) was a working day: the 2024 notice only "encouraged" leave.
  EXPECT_TRUE(working(cal, "2024-02-09"));
  // 2020: 春节 extended to 2020-02-02 by the second notice; 2020-02-03 (Monday) a normal working day.
  EXPECT_FALSE(working(cal, "2020-01-31"));
  EXPECT_FALSE(working(cal, "2020-02-02"));
  EXPECT_TRUE(working(cal, "2020-02-03"));
}

TEST(Calendar, DayLabels) {
  const auto& cal = product_calendar();
  EXPECT_EQ(day_label(cal.describe(D("2026-02-16"))), "2026-02-16 星期一 春节 休息");
  EXPECT_EQ(day_label(cal.describe(D("2026-02-14"))), "2026-02-14 星期六 春节调休 上班");
  EXPECT_EQ(day_label(cal.describe(D("2026-03-07"))), "2026-03-07 星期六 休息");
  EXPECT_EQ(day_label(cal.describe(D("2026-03-02"))), "2026-03-02 星期一 上班");
  EXPECT_EQ(day_label(cal.describe(D("2027-01-01"))), "2027-01-01 星期五 上班（2027年安排未公布，按星期一至星期五推定）");
}

TEST(Calendar, DecemberDayClaimedByTheNextYearsNotice) {
  const auto& cal = product_calendar();
  // 2022-12-31 (Saturday) is 元旦 under the 2023 notice, though it is a 2022 date.
  auto info = cal.describe(D("2022-12-31"));
  EXPECT_EQ(info.kind, DayKind::kHoliday);
  EXPECT_EQ(info.name, "元旦");
  EXPECT_TRUE(info.year_known);
  EXPECT_EQ(cal.describe(D("2023-01-02")).kind, DayKind::kHoliday);
}

TEST(Calendar, UnknownYearsAreReportedNotGuessed) {
  const auto& cal = product_calendar();
  // 2027: loaded but unpublished.
  auto r = cal.is_working_day(D("2027-01-04"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "calendar_year_unknown");
  EXPECT_NE(r.error().message.find("2027年的节假日安排国务院办公厅尚未公布"), std::string::npos);
  // 2019: not loaded.
  auto old = cal.is_working_day(D("2019-06-03"));
  ASSERT_FALSE(old.ok());
  EXPECT_EQ(old.error().code, "calendar_year_unknown");
  EXPECT_NE(old.error().message.find("日历中没有2019年的节假日安排"), std::string::npos);
  // describe() still answers, flagged as a guess.
  auto info = cal.describe(D("2027-01-01"));
  EXPECT_FALSE(info.year_known);
  EXPECT_EQ(info.kind, DayKind::kWorkday);  // a Friday, by the weekday rule only
  // Counting into 2027 refuses; counting up to the last day of 2026 does not.
  auto add = cal.add_working_days(D("2026-12-30"), 2);  // 12-31 is day 1, day 2 would be in 2027
  ASSERT_FALSE(add.ok());
  EXPECT_EQ(add.error().code, "calendar_year_unknown");
  EXPECT_EQ(cal.add_working_days(D("2026-12-30"), 1)->iso(), "2026-12-31");
  EXPECT_EQ(*cal.count_working_days(D("2026-12-01"), D("2026-12-31")), 22);
  auto cnt = cal.count_working_days(D("2026-12-01"), D("2027-01-01"));
  ASSERT_FALSE(cnt.ok());
  EXPECT_EQ(cnt.error().code, "calendar_year_unknown");
}

TEST(Calendar, AddAndCountWorkingDaysAroundHolidays) {
  const auto& cal = product_calendar();
  // 2026-02-13 (Fri) + 1 → 2026-02-14 (Sat, 调休上班); + 2 → 2026-02-24 after 春节 15–23.
  EXPECT_EQ(cal.add_working_days(D("2026-02-13"), 1)->iso(), "2026-02-14");
  EXPECT_EQ(cal.add_working_days(D("2026-02-13"), 2)->iso(), "2026-02-24");
  EXPECT_EQ(*cal.count_working_days(D("2026-02-13"), D("2026-02-24")), 2);
  // n == 0 returns the start, even a holiday.
  EXPECT_EQ(cal.add_working_days(D("2026-02-16"), 0)->iso(), "2026-02-16");
  EXPECT_EQ(*cal.count_working_days(D("2026-02-16"), D("2026-02-16")), 0);
  // 2025 国庆节、中秋节 (10-01…10-08): from 09-30, day 1 is 10-09.
  EXPECT_EQ(cal.add_working_days(D("2025-09-30"), 1)->iso(), "2025-10-09");
  // Year boundary: 2025-12-31 + 1 → 2026-01-04 (Sunday, 调休上班), skipping 元旦 01-01…01-03.
  EXPECT_EQ(cal.add_working_days(D("2025-12-31"), 1)->iso(), "2026-01-04");

  auto neg = cal.add_working_days(D("2026-03-02"), -1);
  ASSERT_FALSE(neg.ok());
  EXPECT_EQ(neg.error().code, "invalid_working_days");
  auto backwards = cal.count_working_days(D("2026-03-02"), D("2026-03-01"));
  ASSERT_FALSE(backwards.ok());
  EXPECT_EQ(backwards.error().code, "invalid_range");
}

TEST(Calendar, WorkingDaysPerYearMatchTheNotices) {
  // The number of working days in each year: one figure per year that changes if any day is misread.
  // Hand count, 2026: the year starts on a Thursday and has 365 days, so 52 weeks + 1 Thursday = 261 weekdays.
  //   Holidays on weekdays: 元旦 01-01, 01-02 (2); 春节 02-16…02-20, 02-23 (6); 清明节 04-06 (1);
  //   劳动节 05-01, 05-04, 05-05 (3); 端午节 06-19 (1); 中秋节 09-25 (1); 国庆节 10-01, 10-02, 10-05…10-07 (5) = 19.
  //   Make-up days: 01-04, 02-14, 02-28, 05-09, 09-20, 10-10 = 6.       261 − 19 + 6 = 248.
  // Hand count, 2025: starts on a Wednesday, 365 days → 261 weekdays.
  //   元旦 01-01 (1); 春节 01-28…01-31, 02-03, 02-04 (6); 清明节 04-04 (1); 劳动节 05-01, 05-02, 05-05 (3);
  //   端午节 06-02 (1); 国庆节、中秋节 10-01…10-03, 10-06…10-08 (6) = 18.
  //   Make-up days: 01-26, 02-08, 04-27, 09-28, 10-11 = 5.                261 − 18 + 5 = 248.
  // The other years were counted the same way from the shared data.
  const auto& cal = product_calendar();
  const std::map<int, int> expected = {{2020, 249}, {2021, 250}, {2022, 249}, {2023, 249},
                                       {2024, 251}, {2025, 248}, {2026, 248}};
  for (auto [y, want] : expected) {
    auto n = cal.count_working_days(D(std::to_string(y - 1) + "-12-31"), D(std::to_string(y) + "-12-31"));
    ASSERT_TRUE(n.ok()) << y;
    EXPECT_EQ(*n, want) << y;
  }
}

}  // namespace
}  // namespace gongkai::calendar
