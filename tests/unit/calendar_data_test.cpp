// The calendar files: Gongkai's own format (config/calendar), the holiday-cn files the seed data came in
// (shared/data/calendar), and the cross-checks that tie the two together day by day.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "calendar_test_support.hpp"
#include "gongkai/calendar/calendar_data.hpp"

namespace gongkai::calendar {
namespace {

using testing::D;
using testing::product_calendar;
using testing::read_text;
using testing::shared_data_dir;
using testing::source_dir;

std::string config_text(int year) {
  return read_text(source_dir() / "config/calendar" / (std::to_string(year) + ".json"));
}
std::string shared_text(int year) {
  return read_text(shared_data_dir() / "calendar" / (std::to_string(year) + ".json"));
}

// ---------------------------------------------------------------------------------------------------------------
// Gongkai's format
// ---------------------------------------------------------------------------------------------------------------

constexpr const char* kMinimal = R"({
  "format": "gongkai-calendar/1",
  "year": 2026,
  "status": "published",
  "sources": [{"title": "通知", "url": "https://www.gov.cn/x"}],
  "holidays": [{"name": "春节", "from": "2026-02-15", "to": "2026-02-23"}, {"name": "清明节", "from": "2026-04-06"}],
  "make_up_working_days": [{"name": "春节", "date": "2026-02-14"}]
})";

TEST(CalendarJson, ParsesTheDocumentedShape) {
  auto n = parse_calendar_json(kMinimal);
  ASSERT_TRUE(n.ok()) << n.error().message;
  EXPECT_EQ(n->year, 2026);
  EXPECT_TRUE(n->published);
  ASSERT_EQ(n->sources.size(), 1u);
  EXPECT_EQ(n->sources[0].url, "https://www.gov.cn/x");
  ASSERT_EQ(n->holidays.size(), 2u);
  EXPECT_EQ(n->holidays[0], (HolidayRange{"春节", D("2026-02-15"), D("2026-02-23")}));
  // "to" may be left out for a single day.
  EXPECT_EQ(n->holidays[1], (HolidayRange{"清明节", D("2026-04-06"), D("2026-04-06")}));
  ASSERT_EQ(n->make_up_days.size(), 1u);
  EXPECT_EQ(n->make_up_days[0], (MakeUpDay{"春节", D("2026-02-14")}));
  EXPECT_EQ(n->note, "");
}

TEST(CalendarJson, RoundTripsThroughTheWriter) {
  auto n = parse_calendar_json(kMinimal);
  ASSERT_TRUE(n.ok());
  n->note = "含 \"引号\" 与\n换行";
  auto again = parse_calendar_json(to_calendar_json(*n));
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(*again, *n);
}

void expect_refused(const std::string& text, const std::string& code, const std::string& fragment) {
  auto n = parse_calendar_json(text);
  ASSERT_FALSE(n.ok()) << text;
  EXPECT_EQ(n.error().code, code) << n.error().message;
  EXPECT_NE(n.error().message.find(fragment), std::string::npos) << n.error().message;
}

std::string with(std::string text, const std::string& from, const std::string& to) {
  auto pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  return text.replace(pos, from.size(), to);
}

TEST(CalendarJson, RefusesMistakesWithAClearMessage) {
  const std::string ok = kMinimal;
  expect_refused("{", "calendar_invalid_json", "不是有效的 JSON");
  expect_refused("[]", "calendar_invalid", "应为对象");
  expect_refused(with(ok, "\"format\": \"gongkai-calendar/1\"", "\"format\": \"v2\""), "calendar_invalid", "format");
  expect_refused(with(ok, "\"format\": \"gongkai-calendar/1\",", ""), "calendar_invalid", "缺少字段“format”");
  // A misspelt key must not silently drop the make-up days.
  expect_refused(with(ok, "make_up_working_days", "make_up_days"), "calendar_invalid", "未知字段“make_up_days”");
  expect_refused(with(ok, "\"status\": \"published\"", "\"status\": \"draft\""), "calendar_invalid", "pending");
  expect_refused(with(ok, "\"year\": 2026", "\"year\": \"2026\""), "calendar_invalid", "year");
  expect_refused(with(ok, "\"year\": 2026", "\"year\": 2026.5"), "calendar_invalid", "year");
  expect_refused(with(ok, "\"2026-02-23\"", "\"2026-02-30\""), "calendar_invalid", "holidays[0].to");
  expect_refused(with(ok, "\"date\": \"2026-02-14\"", "\"date\": \"2026-02-13\""), "calendar_invalid",
                 "应为星期六或星期日");
  expect_refused(with(ok, "\"from\": \"2026-02-15\", ", ""), "calendar_invalid", "缺少字段“from”");
  expect_refused(with(ok, "{\"name\": \"春节\", \"date\"", "{\"name\": 1, \"date\""), "calendar_invalid",
                 "应为字符串");
  expect_refused(with(ok, "\"url\": \"https://www.gov.cn/x\"", "\"link\": \"https://www.gov.cn/x\""),
                 "calendar_invalid", "未知字段“link”");
  expect_refused(with(ok, "\"holidays\": [", "\"holidays\": {\"a\": 1}, \"x\": ["), "calendar_invalid", "");
  expect_refused(with(ok, "\"status\": \"published\"", "\"status\": \"pending\""), "calendar_invalid", "尚未公布");
}

// ---------------------------------------------------------------------------------------------------------------
// The product's files
// ---------------------------------------------------------------------------------------------------------------

TEST(CalendarConfig, EveryYearFileParsesAndIsInCanonicalForm) {
  for (int y = 2020; y <= 2027; ++y) {
    std::string text = config_text(y);
    auto n = parse_calendar_json(text);
    ASSERT_TRUE(n.ok()) << y << ": " << n.error().message;
    EXPECT_EQ(n->year, y);
    // Written by to_calendar_json: an administrator's edit that changes layout shows up here, not in production.
    EXPECT_EQ(to_calendar_json(*n), text) << y;
  }
}

TEST(CalendarConfig, PublishedYearsCiteTheStateCouncilNotices) {
  for (int y = 2020; y <= 2026; ++y) {
    auto n = parse_calendar_json(config_text(y));
    ASSERT_TRUE(n.ok());
    EXPECT_TRUE(n->published) << y;
    ASSERT_FALSE(n->sources.empty()) << y;
    EXPECT_EQ(n->sources[0].title, "国务院办公厅关于" + std::to_string(y) + "年部分节假日安排的通知");
    for (auto& s : n->sources) EXPECT_NE(s.url.find("gov.cn/zhengce/zhengceku/"), std::string::npos) << s.url;
  }
  auto y2020 = parse_calendar_json(config_text(2020));
  ASSERT_EQ(y2020->sources.size(), 2u);
  EXPECT_EQ(y2020->sources[1].title, "国务院办公厅关于延长2020年春节假期的通知");
}

TEST(CalendarConfig, Year2027IsPresentButNotPublished) {
  auto n = parse_calendar_json(config_text(2027));
  ASSERT_TRUE(n.ok());
  EXPECT_FALSE(n->published);
  EXPECT_TRUE(n->holidays.empty());
  EXPECT_TRUE(n->make_up_days.empty());
  EXPECT_NE(n->note.find("尚未公布"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------------------------
// holiday-cn files and the cross-checks
// ---------------------------------------------------------------------------------------------------------------

TEST(CalendarHolidayCn, NormalisesDaysIntoRanges) {
  auto n = parse_holiday_cn_json(R"({"$schema": "x", "year": 2023, "papers": ["http://www.gov.cn/a"],
    "days": [{"name": "元旦", "date": "2023-01-01", "isOffDay": true},
             {"name": "元旦", "date": "2022-12-31", "isOffDay": true},
             {"name": "元旦", "date": "2023-01-02", "isOffDay": true},
             {"name": "春节", "date": "2023-01-28", "isOffDay": false},
             {"name": "春节", "date": "2023-01-30", "isOffDay": false}]})");
  ASSERT_TRUE(n.ok()) << n.error().message;
  EXPECT_TRUE(n->published);
  ASSERT_EQ(n->holidays.size(), 1u);
  EXPECT_EQ(n->holidays[0], (HolidayRange{"元旦", D("2022-12-31"), D("2023-01-02")}));
  // 2023-01-30 is a Monday: a "working" entry on a weekday says nothing and is dropped.
  ASSERT_EQ(n->make_up_days.size(), 1u);
  EXPECT_EQ(n->make_up_days[0].date, D("2023-01-28"));
  EXPECT_EQ(n->sources[0].title, "");
}

TEST(CalendarHolidayCn, SplitsRangesWhenTheNameChanges) {
  auto n = parse_holiday_cn_json(R"({"year": 2026, "papers": ["u"], "days": [
             {"name": "中秋节", "date": "2026-09-26", "isOffDay": true},
             {"name": "国庆节", "date": "2026-09-27", "isOffDay": true}]})");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->holidays.size(), 2u);
}

TEST(CalendarHolidayCn, RefusesBadInput) {
  EXPECT_EQ(parse_holiday_cn_json("nope").error().code, "calendar_invalid_json");
  EXPECT_EQ(parse_holiday_cn_json(R"({"year": 2026, "papers": [], "days": [{"name": "x", "date": "2026-01-01"}]})")
                .error()
                .code,
            "calendar_invalid");
  EXPECT_EQ(parse_holiday_cn_json(R"({"year": 2026, "papers": [1], "days": []})").error().code, "calendar_invalid");
  // Days but no papers: a published year must cite its source.
  EXPECT_EQ(parse_holiday_cn_json(
                R"({"year": 2026, "papers": [], "days": [{"name": "x", "date": "2026-01-01", "isOffDay": true}]})")
                .error()
                .code,
            "calendar_invalid");
}

// The product's files carry over exactly the facts of the shared files: same days, same names, same URLs.
TEST(CalendarCrossCheck, ConfigFilesCarryTheSharedFacts) {
  for (int y = 2020; y <= 2027; ++y) {
    auto mine = parse_calendar_json(config_text(y));
    auto theirs = parse_holiday_cn_json(shared_text(y));
    ASSERT_TRUE(mine.ok()) << y;
    ASSERT_TRUE(theirs.ok()) << y << ": " << theirs.error().message;
    EXPECT_EQ(mine->published, theirs->published) << y;
    EXPECT_EQ(mine->holidays, theirs->holidays) << y;
    EXPECT_EQ(mine->make_up_days, theirs->make_up_days) << y;
    ASSERT_EQ(mine->sources.size(), theirs->sources.size()) << y;
    for (std::size_t i = 0; i < mine->sources.size(); ++i) EXPECT_EQ(mine->sources[i].url, theirs->sources[i].url);
  }
}

// Independently of both parsers: read the shared JSON with Boost.JSON here, apply the rule of DOMAIN §4 by hand,
// and compare with the product calendar for every day of 2020–2026.
TEST(CalendarCrossCheck, ProductCalendarAgreesWithSharedDataEveryDay) {
  std::set<std::string> off, on;
  std::map<std::string, std::string> names;
  for (int y = 2020; y <= 2027; ++y) {
    auto v = boost::json::parse(shared_text(y));
    for (auto& day : v.at("days").as_array()) {
      std::string date(day.at("date").as_string().c_str());
      (day.at("isOffDay").as_bool() ? off : on).insert(date);
      names[date] = day.at("name").as_string().c_str();
    }
  }
  const auto& cal = product_calendar();
  int days = 0;
  for (Date d = D("2020-01-01"); d <= D("2026-12-31"); d = d.add_days(1), ++days) {
    const std::string iso = d.iso();
    bool expected = off.count(iso) ? false : on.count(iso) ? true : !d.is_weekend();
    auto got = cal.is_working_day(d);
    ASSERT_TRUE(got.ok()) << iso;
    ASSERT_EQ(*got, expected) << iso;
    auto info = cal.describe(d);
    if (off.count(iso) || (on.count(iso) && d.is_weekend())) {
      ASSERT_EQ(info.name, names[iso]) << iso;
    } else {
      ASSERT_EQ(info.name, "") << iso;
    }
  }
  EXPECT_EQ(days, 2557);
}

// Property: over every date of 2020–2026 and every n from 0 to 40, add_working_days and count_working_days are
// inverse; the result is a working day (n ≥ 1) with exactly n working days after the start; and when the count
// would run into 2027 the calendar refuses instead of guessing.
TEST(CalendarProperty, AddThenCountGivesNBackOverAllDates2020To2026) {
  const auto& cal = product_calendar();
  int checked = 0, refused = 0;
  for (Date d = D("2020-01-01"); d <= D("2026-12-31"); d = d.add_days(1)) {
    Date prev = d;
    for (int n = 0; n <= 40; ++n) {
      auto r = cal.add_working_days(d, n);
      if (!r.ok()) {
        ASSERT_EQ(r.error().code, "calendar_year_unknown") << d.iso() << " + " << n;
        ++refused;
        break;  // larger n will be refused too
      }
      ASSERT_LE(r->year(), 2026);
      auto c = cal.count_working_days(d, *r);
      ASSERT_TRUE(c.ok());
      ASSERT_EQ(*c, n) << d.iso() << " + " << n << " = " << r->iso();
      if (n >= 1) {
        ASSERT_TRUE(*cal.is_working_day(*r)) << r->iso();
        ASSERT_GT(*r, prev);
        // No working day was skipped between the (n−1)-th and the n-th.
        ASSERT_EQ(*cal.count_working_days(prev, r->add_days(-1)), 0) << d.iso() << " + " << n;
      }
      prev = *r;
      ++checked;
    }
  }
  EXPECT_GT(checked, 100000);
  EXPECT_GT(refused, 0);  // the last weeks of 2026 run into 2027
}

}  // namespace
}  // namespace gongkai::calendar
