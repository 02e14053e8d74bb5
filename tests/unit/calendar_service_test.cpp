// CalendarService on a real SQLite database: shipped years load, the office imports a year (holiday-cn format or
// the product's own), others may not, bad files change nothing, and every import is audited.
#include <gtest/gtest.h>

#include <filesystem>

#include "gongkai/audit/store.hpp"
#include "gongkai/calendar/service.hpp"
#include "platform/crypto.hpp"
#include "platform/db/migrations.hpp"

namespace gongkai::calendar {
namespace {

class CalendarServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(platform::crypto_init());
    dir_ = std::filesystem::temp_directory_path() / ("gk-cal-" + platform::random_token(6));
    std::filesystem::create_directories(dir_);
    auto db = platform::db::Database::open({"sqlite:" + (dir_ / "t.db").string(), 2});
    ASSERT_TRUE(db.ok()) << db.error().message;
    db_ = *db;
    ASSERT_TRUE(platform::db::migrate(*db_).ok());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static units::Actor supervisor() {
    units::Actor a;
    a.user_id = 7;
    a.username = "supervisor";
    a.display_name = "林公开";
    a.unit_id = 1;
    a.roles = {units::Role::supervisor};
    return a;
  }

  std::filesystem::path dir_;
  std::shared_ptr<platform::db::Database> db_;
};

// A plausible 2027 notice in the holiday-cn shape (dates invented for the test: 2027 has no notice yet).
const char* k2027 = R"({"year": 2027, "papers": ["https://www.gov.cn/example/2027.htm"], "days": [
  {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
  {"name": "春节", "date": "2027-02-06", "isOffDay": true},
  {"name": "春节", "date": "2027-02-07", "isOffDay": true},
  {"name": "春节", "date": "2027-02-08", "isOffDay": true},
  {"name": "春节", "date": "2027-02-20", "isOffDay": false}
]})";

TEST_F(CalendarServiceTest, ShippedYearsAreKnownAnd2027IsNot) {
  CalendarService svc(db_);
  auto cal = svc.current();
  for (int y = 2020; y <= 2026; ++y) EXPECT_TRUE(cal->is_year_known(y)) << y;
  EXPECT_FALSE(cal->is_year_known(2027));
  auto d = Date::parse("2026-10-10");
  ASSERT_TRUE(d.ok());
  auto w = cal->is_working_day(*d);  // 国庆节调休 Saturday
  ASSERT_TRUE(w.ok());
  EXPECT_TRUE(*w);
}

TEST_F(CalendarServiceTest, OfficeImportsAYearAndItIsAudited) {
  CalendarService svc(db_);
  auto r = svc.import_year(supervisor(), k2027);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(*r, 2027);
  auto cal = svc.current();
  EXPECT_TRUE(cal->is_year_known(2027));
  auto sat = cal->is_working_day(*Date::parse("2027-02-20"));
  ASSERT_TRUE(sat.ok());
  EXPECT_TRUE(*sat);
  auto off = cal->is_working_day(*Date::parse("2027-02-08"));
  ASSERT_TRUE(off.ok());
  EXPECT_FALSE(*off);

  // A second service (another node) sees the import from the database.
  CalendarService other(db_);
  EXPECT_TRUE(other.current()->is_year_known(2027));
  bool found = false;
  for (const auto& y : other.years()) {
    if (y.year == 2027) {
      found = true;
      EXPECT_TRUE(y.imported);
      EXPECT_EQ(y.imported_by, "林公开");
    }
  }
  EXPECT_TRUE(found);

  auto entries = db_->read([](soci::session& s) {
    audit::Query q;
    q.entity_type = "calendar_year";
    return audit::find(s, q);
  });
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "calendar.import");
  EXPECT_EQ(entries[0].entity_id, "2027");
  EXPECT_NE(entries[0].after_json.find("2027-02-20"), std::string::npos);
}

TEST_F(CalendarServiceTest, OnlyDistrictWideRolesMayImport) {
  CalendarService svc(db_);
  units::Actor editor = supervisor();
  editor.roles = {units::Role::editor};
  auto r = svc.import_year(editor, k2027);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "forbidden");
  units::Actor anonymous;
  EXPECT_EQ(svc.import_year(anonymous, k2027).error().code, "forbidden");
  EXPECT_FALSE(svc.current()->is_year_known(2027));
}

TEST_F(CalendarServiceTest, BadFilesAreRefusedAndChangeNothing) {
  CalendarService svc(db_);
  for (const char* bad : {"", "not json", "{\"year\": 2027}", "[1,2,3]",
                          R"({"year": 2027, "papers": ["u"], "days": [{"name": "x", "date": "2027-02-30", "isOffDay": true}]})"}) {
    auto r = svc.import_year(supervisor(), bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) EXPECT_FALSE(r.error().message.empty());
  }
  EXPECT_FALSE(svc.current()->is_year_known(2027));
  int rows = db_->read([](soci::session& s) {
    int n = 0;
    s << "SELECT COUNT(*) FROM calendar_years", soci::into(n);
    return n;
  });
  EXPECT_EQ(rows, 0);
}

TEST_F(CalendarServiceTest, ReimportReplacesTheYearWithBeforeAndAfter) {
  CalendarService svc(db_);
  ASSERT_TRUE(svc.import_year(supervisor(), k2027).ok());
  std::string changed = k2027;
  changed.replace(changed.find("2027-02-20"), 10, "2027-02-21");
  auto r = svc.import_year(supervisor(), changed);
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto cal = svc.current();
  EXPECT_TRUE(*cal->is_working_day(*Date::parse("2027-02-21")));
  EXPECT_FALSE(*cal->is_working_day(*Date::parse("2027-02-20")));
  auto entries = db_->read([](soci::session& s) {
    audit::Query q;
    q.entity_type = "calendar_year";
    return audit::find(s, q);
  });
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_NE(entries[0].before_json.find("2027-02-20"), std::string::npos);
  EXPECT_NE(entries[0].after_json.find("2027-02-21"), std::string::npos);
}

}  // namespace
}  // namespace gongkai::calendar
