// gongkai/oversight: the annual report (DOMAIN §5) on SQLite and PostgreSQL.
//  * ReportFigures: a generated year of documents, requests (with carry-over from the previous year and cases still
//    open at the year's end, closed by reply, deemed withdrawal and as repeats) and review/litigation records, for
//    two departments, a section under one of them and the district; every cell of tables 二, 三 and 四 is compared
//    with counts computed here, independently, from the generator's own truth.
//  * CheckFails: a replied request with no outcome breaks 一 + 二 = 三（七） + 四; publication is refused with the
//    column and the request named, nothing is published.
//  * Publish: a report that adds up is published into the 政府信息公开年报 column, enters the ledger and is frozen.
// request_appeals belongs to the requests capability (migration 0011); until it is on this branch the fixture
// creates exactly its columns.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "gongkai/calendar/service.hpp"
#include "gongkai/disclosure/service.hpp"
#include "gongkai/oversight/indicators.hpp"
#include "gongkai/oversight/inspection.hpp"
#include "gongkai/oversight/service.hpp"
#include "gongkai/privacy/identifiers.hpp"
#include "gongkai/requests/handling.hpp"
#include "gongkai/requests/handling_store.hpp"
#include "gongkai/requests/model.hpp"
#include "gongkai/units/service.hpp"
#include "platform_test_db.hpp"

namespace gongkai::oversight {
namespace {

using calendar::Date;
using units::Role;

constexpr int kYear = 2025;

Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }

// ---- pure parts ----

TEST(OversightMoney, WanyuanIsExact) {
  EXPECT_EQ(*parse_wanyuan("12.5"), 12500000);
  EXPECT_EQ(*parse_wanyuan("0.0035"), 3500);
  EXPECT_EQ(*parse_wanyuan("３．２"), 3200000);
  EXPECT_EQ(*parse_wanyuan(" 7 "), 7000000);
  EXPECT_EQ(*parse_wanyuan(""), 0);
  EXPECT_EQ(*parse_wanyuan("0.000001"), 1);
  for (const char* bad : {"-1", "1.2.3", "abc", "1e3", ".", "1.", "0.0000001", "1,5", "1234567890"}) {
    auto r = parse_wanyuan(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "invalid_amount");
  }
  EXPECT_EQ(format_wanyuan(12500000 + 3500), "12.5035");
  EXPECT_EQ(format_wanyuan(0), "0");
  EXPECT_EQ(format_wanyuan(1), "0.000001");
  // 0.1 + 0.2 万元 is exactly 0.3 (it is not in binary floating point).
  EXPECT_EQ(format_wanyuan(*parse_wanyuan("0.1") + *parse_wanyuan("0.2")), "0.3");
}

TEST(OversightModel, Table3RowsHaveTheOfficialLabels) {
  Table3 t;
  auto rows = table3_rows(t);
  ASSERT_EQ(rows.size(), 26u);
  EXPECT_EQ(rows[0].label, "一、本年新收政府信息公开申请数量");
  EXPECT_EQ(rows[1].label, "二、上年结转政府信息公开申请数量");
  EXPECT_EQ(rows[2].label, "三、本年度办理结果");
  EXPECT_EQ(rows[3].label, "（一）予以公开");
  EXPECT_EQ(rows[4].label, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）");
  EXPECT_EQ(rows[5].label, "（三）不予公开 1.属于国家秘密");
  EXPECT_EQ(rows[7].label, "（三）不予公开 3.危及“三安全一稳定”");
  EXPECT_EQ(rows[13].label, "（四）无法提供 1.本机关不掌握相关政府信息");
  EXPECT_EQ(rows[20].label, "（五）不予处理 5.要求行政机关确认或重新出具已获取信息");
  EXPECT_EQ(rows[21].label, "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请");
  EXPECT_EQ(rows[22].label, "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请");
  EXPECT_EQ(rows[23].label, "（六）其他处理 3.其他");
  EXPECT_EQ(rows[24].label, "（七）总计");
  EXPECT_EQ(rows.back().label, "四、结转下年度继续办理");
  EXPECT_EQ(column_label(0), "自然人");
  EXPECT_EQ(column_label(5), "其他");
  EXPECT_EQ(column_label(6), "总计");
  EXPECT_EQ(report_deadline(2025, false), d(2026, 1, 31));
  EXPECT_EQ(report_deadline(2025, true), d(2026, 3, 31));
}

TEST(OversightModel, Table4CountsByTheStatedRule) {
  std::vector<AppealFact> a = {
      {1, 1, 1, "review", false, "2025-03-01", "upheld", "2025-05-01"},       // filed and decided in the year
      {2, 1, 1, "review", false, "2024-11-01", "corrected", "2025-02-01"},    // filed earlier, open on 1 Jan
      {3, 1, 1, "review", false, "2024-10-01", "upheld", "2024-12-01"},       // decided before the year: not counted
      {4, 1, 1, "litigation", false, "2025-06-01", "other", "2026-01-10"},    // decided after the year: pending
      {5, 1, 1, "litigation", true, "2025-07-01", "pending", ""},
      {6, 1, 1, "litigation", true, "2026-01-05", "upheld", "2026-02-01"},    // filed after the year
      {7, 1, 1, "review", false, "2025-08-01", "corrected", ""},              // result without a date: pending
  };
  auto r = compute_table4(a, 2025);
  EXPECT_TRUE(r.problems.empty());
  EXPECT_EQ(r.table.review.upheld, 1);
  EXPECT_EQ(r.table.review.corrected, 1);
  EXPECT_EQ(r.table.review.pending, 1);
  EXPECT_EQ(r.table.review.total, 3);
  EXPECT_EQ(r.table.litigation_direct.pending, 1);
  EXPECT_EQ(r.table.litigation_direct.total, 1);
  EXPECT_EQ(r.table.litigation_after_review.pending, 1);
  EXPECT_EQ(r.table.litigation_after_review.total, 1);
  a.push_back({8, 1, 1, "appeal", false, "2025-01-02", "upheld", "2025-02-02"});
  EXPECT_EQ(compute_table4(a, 2025).problems.size(), 1u);
}


TEST(OversightIndicators, FiguresRecordsAndScore) {
  Facts f;
  f.published = {{1, 10, "按时", "2026-02-01", true}, {2, 10, "超期", "2026-02-02", false}, {3, 10, "无形成日期", "2026-02-03", std::nullopt},
                 {4, 11, "别的单位", "2026-02-01", false}, {5, 10, "期间外", "2025-12-31", false}};
  f.validity = {{6, 10, "已过期仍有效", "2026-01-15"}, {7, 10, "未过期", "2026-12-31"}, {8, 10, "无失效日期", ""}};
  f.policies = {{9, 10, "某政策", "policy", "art20-01", false, false, false},
                {12, 10, "另一政策", "policy", "art20-01", false, true, false},
                {13, 10, "关于某政策的解读", "policy", "art20-01", true, false, false}};
  f.catalogue = {{1, 10, "一级 › 二级", 0}, {2, 10, "一级 › 其他", 3}};
  f.requests = {{1, 10, "2026-A", "working", "2026-01-05", "", "2026-02-01", std::nullopt},
                {2, 10, "2026-B", "replied", "2026-01-05", "2026-01-20", "", 11},
                {3, 10, "2026-C", "replied", "2026-01-06", "2026-02-10", "", 25},
                {4, 10, "2026-D", "working", "2026-03-01", "", "2026-04-01", std::nullopt}};
  f.overrides = {{1, 10, "某文件", "2026-02-01"}};
  f.columns = {{1, "news", "工作动态", 14, "2026-01-01"}, {2, "empty", "空栏目", 30, ""}, {3, "ok", "正常", 180, "2026-02-20"}};
  IndicatorConfig c;
  auto u = compute_indicators(f, {10}, d(2026, 1, 1), d(2026, 3, 1), c, true);
  EXPECT_EQ(u.find("published")->count, 3);
  ASSERT_TRUE(u.find("timely")->share.has_value());
  EXPECT_DOUBLE_EQ(*u.find("timely")->share, 0.5);
  ASSERT_EQ(u.find("timely")->records.size(), 1u);
  EXPECT_EQ(u.find("timely")->records[0].id, 2);
  EXPECT_EQ(u.find("stale_columns")->count, 1);
  EXPECT_EQ(u.find("empty_columns")->count, 1);
  EXPECT_EQ(u.find("validity")->count, 1);
  EXPECT_EQ(u.find("validity")->records[0].id, 6);
  EXPECT_EQ(u.find("no_interpretation")->count, 1);
  EXPECT_EQ(u.find("no_interpretation")->records[0].id, 9);
  EXPECT_EQ(u.find("unlinked_interpretation")->count, 1);
  EXPECT_EQ(u.find("catalogue_empty")->count, 1);
  EXPECT_EQ(u.find("requests_received")->count, 4);
  EXPECT_EQ(u.find("requests_closed")->count, 2);
  EXPECT_EQ(u.find("requests_open")->count, 2);
  EXPECT_EQ(u.find("requests_overdue")->count, 1);
  EXPECT_EQ(u.find("requests_overdue")->records[0].label, "2026-A");
  EXPECT_DOUBLE_EQ(*u.find("median_days")->value, 18.0);
  EXPECT_EQ(u.find("overrides")->count, 1);
  // Score: timely 0.5, validity 1 - 1/3, interpretation 1 - 1/2, catalogue 1/2, requests 1 - 1/4; weights 30/10/10/15/25.
  double want = 100.0 * (30 * 0.5 + 10 * (2.0 / 3) + 10 * 0.5 + 15 * 0.5 + 25 * 0.75) / 90.0;
  EXPECT_NEAR(u.score, want, 1e-9);
  // A unit's own row has no column figures (columns are the site's).
  auto unit = compute_indicators(f, {10}, d(2026, 1, 1), d(2026, 3, 1), c, false);
  EXPECT_EQ(unit.find("empty_columns")->count, 0);
  // The configuration is checked.
  EXPECT_TRUE(parse_indicator_config(R"({"format":"gongkai-oversight/1","weights":{"timely":1}})").ok());
  EXPECT_EQ(parse_indicator_config(R"({"format":"x"})").error().code, "invalid_config");
  EXPECT_EQ(parse_indicator_config(R"({"format":"gongkai-oversight/1","weights":{"nonsense":1}})").error().code, "invalid_config");
  EXPECT_EQ(parse_indicator_config(R"({"format":"gongkai-oversight/1","weights":{"timely":-1}})").error().code, "invalid_config");
  EXPECT_EQ(parse_indicator_config("not json").error().code, "invalid_config");
}

TEST(OversightIndicators, CatalogueTimeLimitsAreReadFromTheirText) {
  using K = TimeLimit::Kind;
  auto t = parse_time_limit("信息形成（变更）之日起20个工作日内");
  EXPECT_EQ(t.kind, K::working_days);
  EXPECT_EQ(t.amount, 20);
  t = parse_time_limit("信息形成（变更）之日起二十个工作日内予以公开");
  EXPECT_EQ(t.kind, K::working_days);
  EXPECT_EQ(t.amount, 20);
  t = parse_time_limit("自作出决定之日起七个工作日内");
  EXPECT_EQ(t.amount, 7);
  t = parse_time_limit("十五日内");
  EXPECT_EQ(t.kind, K::days);
  EXPECT_EQ(t.amount, 15);
  t = parse_time_limit("批准后30天内");
  EXPECT_EQ(t.kind, K::days);
  EXPECT_EQ(t.amount, 30);
  t = parse_time_limit("一百二十个工作日");
  EXPECT_EQ(t.amount, 120);
  t = parse_time_limit("每季度结束后15个工作日内");
  EXPECT_EQ(t.kind, K::every);
  EXPECT_EQ(t.amount, 21);  // 15 working days ≈ 21 calendar days of grace
  EXPECT_EQ(t.interval_days, 92 + 21);
  t = parse_time_limit("每月更新");
  EXPECT_EQ(t.kind, K::every);
  EXPECT_EQ(t.interval_days, 31);
  EXPECT_EQ(parse_time_limit("每半年").interval_days, 183);
  EXPECT_EQ(parse_time_limit("每年3月底前").kind, K::every);  // "3月" is not a count of days
  EXPECT_EQ(parse_time_limit("每年3月底前").interval_days, 366);
  for (const char* none : {"", "长期公开", "实时更新", "及时公开", "常态化公开", "一般"}) {
    EXPECT_EQ(parse_time_limit(none).kind, K::none) << none;
  }

  Facts f;
  auto entry = [](long long id, const char* limit, long long documents, const char* last,
                  std::vector<CataloguePublication> in_period) {
    CatalogueFact c;
    c.entry_id = id;
    c.unit_id = 10;
    c.label = "事项" + std::to_string(id);
    c.documents = documents;
    c.time_limit = limit;
    c.last_published_on = last;
    c.in_period = std::move(in_period);
    return c;
  };
  f.catalogue = {
      entry(1, "信息形成之日起20个工作日内", 2, "2026-02-20",
            {{1, "按时", "2026-01-05", "2026-01-20", 11}, {2, "超时", "2026-01-05", "2026-02-20", 33}}),
      entry(2, "信息形成之日起20个工作日内", 1, "2026-01-20", {{3, "按时", "2026-01-05", "2026-01-20", 11}}),
      entry(3, "10日内", 1, "2026-02-01", {{4, "12天", "2026-01-20", "2026-02-01", 9}}),
      entry(4, "每月", 1, "2026-01-15", {}),          // 45 days before the period's end: late
      entry(5, "每季度", 1, "2026-01-15", {}),        // 45 days: within a quarter
      entry(6, "长期公开", 1, "2020-01-01", {}),      // cannot be late
      entry(7, "每月", 0, "", {}),                    // empty, counted there and not twice
      entry(8, "信息形成之日起20个工作日内", 1, "2025-06-01", {}),  // nothing in the period: nothing to judge
  };
  auto u = compute_indicators(f, {10}, d(2026, 1, 1), d(2026, 3, 1), IndicatorConfig{}, false);
  EXPECT_EQ(u.find("catalogue_empty")->count, 1);
  const auto* late = u.find("catalogue_late");
  ASSERT_EQ(late->count, 3);
  EXPECT_EQ(late->records[0].id, 1);
  EXPECT_EQ(late->records[0].date, "2026-02-20");
  EXPECT_NE(late->records[0].label.find("时限：信息形成之日起20个工作日内"), std::string::npos);
  EXPECT_EQ(late->records[1].id, 3);
  EXPECT_EQ(late->records[2].id, 4);
  // The catalogue part of the score: 1 - (empty + late) / entries = 1 - 4/8, weight 15 of 90 (the rest full).
  EXPECT_NEAR(u.score, 100.0 * (90 - 15 * 0.5) / 90, 1e-9);
}

TEST(OversightIndicators, TrendByMonthAndByYear) {
  Facts f;
  f.published = {{1, 10, "a", "2025-12-31", true}, {2, 10, "b", "2026-01-01", true}, {3, 10, "c", "2026-01-31", false},
                 {4, 10, "d", "2026-03-15", std::nullopt}, {5, 11, "other unit", "2026-01-10", true},
                 {6, 10, "after", "2026-04-01", true}};
  f.requests = {{1, 10, "A", "replied", "2025-12-20", "2026-01-05", "", 10},  // received before, closed inside
                {2, 10, "B", "working", "2026-02-28", "", "2026-03-30", std::nullopt},
                {3, 10, "C", "replied", "2026-03-01", "2026-03-31", "", 21},
                {4, 11, "D", "replied", "2026-01-02", "2026-01-03", "", 1}};
  auto t = compute_trend(f, {10}, d(2026, 1, 1), d(2026, 3, 31));
  ASSERT_EQ(t.size(), 3u);  // every month, even an empty one
  EXPECT_EQ(t[0].period, "2026-01");
  EXPECT_EQ(t[0].published, 2);
  EXPECT_EQ(t[0].published_timely, 1);
  EXPECT_EQ(t[0].received, 0);
  EXPECT_EQ(t[0].closed, 1);
  EXPECT_EQ(t[1].period, "2026-02");
  EXPECT_EQ(t[1].published, 0);
  EXPECT_EQ(t[1].received, 1);
  EXPECT_EQ(t[2].period, "2026-03");
  EXPECT_EQ(t[2].published, 1);
  EXPECT_EQ(t[2].published_timely, 0);  // no 信息形成日期: not counted as timely
  EXPECT_EQ(t[2].received, 1);
  EXPECT_EQ(t[2].closed, 1);
  // A partial month at either end, across a year boundary.
  t = compute_trend(f, {10}, d(2025, 12, 31), d(2026, 1, 1));
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].period, "2025-12");
  EXPECT_EQ(t[0].published, 1);
  EXPECT_EQ(t[1].published, 1);
  // More than 36 months: by year.
  t = compute_trend(f, {10, 11}, d(2022, 6, 1), d(2026, 12, 31));
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t.front().period, "2022");
  EXPECT_EQ(t.back().period, "2026");
  EXPECT_EQ(t[3].published, 1);
  EXPECT_EQ(t[4].published, 5);
  EXPECT_EQ(t[4].received, 3);
  EXPECT_EQ(t[4].closed, 3);
  EXPECT_TRUE(compute_trend(f, {10}, d(2026, 2, 1), d(2026, 1, 1)).empty());
}

// ---- storage ----

std::string credit_code(const std::string& first17) {
  return first17 + std::string(1, privacy::credit_code_check_char(first17));
}

// The generator's truth for one request.
struct GenRequest {
  long long id = 0;
  std::string number;
  long long unit = 0;
  int column = 0;
  Date received;
  std::optional<Date> closed;  // nullopt: still open today
  int outcome = -1;             // index in requests::all_outcomes()
};

struct GenDoc {
  long long unit = 0;
  bool counted = false;  // 第二十条（一） and published or repealed
  bool rule = false;     // 规章 (文号 with 令)
  Date issued;
  std::optional<Date> repealed;
  std::optional<Date> expires;
  std::string validity = "in_force";
};

struct GenAppeal {
  long long unit = 0;
  int group = 0;  // 0 review, 1 litigation direct, 2 litigation after review
  Date filed;
  std::string result;
  std::optional<Date> decided;
};

class OversightReportTest : public gongkai_test::DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    units_ = std::make_unique<units::UnitService>(db_);
    accounts_ = std::make_unique<units::AccountService>(db_);
    calendar_ = std::make_unique<calendar::CalendarService>(db_);
    data_dir_ = std::filesystem::temp_directory_path() / gongkai_test::unique_name("gk_data");
    disclosure_ = std::make_unique<disclosure::DisclosureService>(db_, *units_, *calendar_, data_dir_);
    svc_ = std::make_unique<OversightService>(db_, *units_, *disclosure_, *calendar_);
    svc_->today = [] { return d(2026, 6, 1); };
    auto cli = units::command_line_actor();
    units::UnitFields f;
    f.kind = units::UnitKind::government;
    f.name = "某区人民政府";
    f.credit_code = credit_code("11330100MB0000001");
    root_ = *units_->create(cli, f);
    f.kind = units::UnitKind::department;
    f.parent_id = root_;
    f.name = "区教育局";
    f.credit_code = credit_code("11330100MB0000002");
    a_ = *units_->create(cli, f);
    f.name = "区民政局";
    f.credit_code = credit_code("11330100MB0000003");
    b_ = *units_->create(cli, f);
    f.kind = units::UnitKind::section;
    f.parent_id = a_;
    f.name = "区教育局基础教育科";
    f.credit_code = "";
    a_section_ = *units_->create(cli, f);
    auto make = [&](const char* name, long long unit, std::set<Role> roles) {
      units::NewUser nu{name, name, "Gongkai-Test-2026x", unit, roles, false};
      auto id = accounts_->create_user(cli, nu);
      EXPECT_TRUE(id.ok()) << id.error().message;
      units::Actor x;
      x.user_id = *id;
      x.username = name;
      x.display_name = name;
      x.unit_id = unit;
      x.roles = roles;
      x.request_id = "t";
      return x;
    };
    office_ = make("office", root_, {Role::supervisor});
    admin_a_ = make("admin_a", a_, {Role::unit_admin});
    admin_b_ = make("admin_b", b_, {Role::unit_admin});
    editor_a_ = make("editor_a", a_, {Role::editor});
    db_->write([&](soci::session& s) {
      if (store::appeals_table_exists(s)) return;
      std::string id = pg() ? "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT";
      s << ("CREATE TABLE request_appeals (id " + id +
            ", request_id BIGINT NOT NULL REFERENCES requests(id), kind TEXT NOT NULL, after_review INTEGER NOT NULL "
            "DEFAULT 0, filed_on TEXT NOT NULL, authority TEXT NOT NULL, result TEXT NOT NULL DEFAULT 'pending', "
            "decided_on TEXT, note TEXT NOT NULL DEFAULT '', created_by BIGINT REFERENCES users(id), created_at TEXT "
            "NOT NULL)");
    });
  }
  void TearDown() override {
    svc_.reset();
    disclosure_.reset();
    calendar_.reset();
    accounts_.reset();
    units_.reset();
    std::error_code ec;
    std::filesystem::remove_all(data_dir_, ec);
    DbTest::TearDown();
  }

  // Inserts a request as the requests capability stores it (only what the report reads matters here).
  long long insert_request(long long unit, int column, Date received, const std::string& state,
                           const std::string& outcome, const std::string& replied_on, const std::string& closed_event_at,
                           long long fee = 0, const std::string& fee_paid_on = "") {
    std::string number = "2025-T" + std::to_string(++serial_);
    std::string atype(requests::to_string(requests::all_applicant_types()[column]));
    long long id = 0;
    db_->write([&](soci::session& s) {
      std::string rec = received.iso(), now = "2026-06-01T00:00:00Z";
      s << "INSERT INTO requests (number, query_hash, unit_id, state, channel, received_on, applicant_type, name, "
           "id_type, id_number, applicant_hash, description, delivery, outcome, replied_on, fee_amount, fee_paid_on, "
           "created_at, updated_at) VALUES (:n, 'h', :u, :st, 'online', :r, :t, '测试申请人', 'resident_id', 'x', 'h', "
           "'测试', 'online', :o, :ro, :fee, :fp, :c, :c2) RETURNING id",
          soci::use(number), soci::use(unit), soci::use(state), soci::use(rec), soci::use(atype), soci::use(outcome),
          soci::use(replied_on), soci::use(fee), soci::use(fee_paid_on), soci::use(now), soci::use(now), soci::into(id);
      if (!closed_event_at.empty()) {
        std::string to = state == "archived" ? "deemed_withdrawn" : state;
        s << "INSERT INTO request_events (request_id, at, actor_name, action, from_state, to_state) VALUES "
             "(:id, :at, '系统', 'close', 'working', :to)",
            soci::use(id), soci::use(closed_event_at), soci::use(to);
      }
    });
    numbers_[id] = number;
    return id;
  }

  long long insert_document(long long unit, const std::string& category, const std::string& doc_no,
                            const std::string& state, const std::string& written_on, const std::string& first_published_at,
                            const std::string& validity, const std::string& expires_on, const std::string& repealed_on) {
    long long id = 0;
    db_->write([&](soci::session& s) {
      std::string now = "2026-06-01T00:00:00Z";
      soci::indicator rind = repealed_on.empty() ? soci::i_null : soci::i_ok;
      soci::indicator wind = written_on.empty() ? soci::i_null : soci::i_ok;
      soci::indicator eind = expires_on.empty() ? soci::i_null : soci::i_ok;
      soci::indicator pind = first_published_at.empty() ? soci::i_null : soci::i_ok;
      int published_edition = 1;
      soci::indicator peind = state == "draft" ? soci::i_null : soci::i_ok;
      s << "INSERT INTO documents (unit_id, state, published_edition, first_published_at, repealed_on, created_at, "
           "updated_at) VALUES (:u, :st, :pe, :fp, :rep, :c, :c2) RETURNING id",
          soci::use(unit), soci::use(state), soci::use(published_edition, peind), soci::use(first_published_at, pind),
          soci::use(repealed_on, rind), soci::use(now), soci::use(now), soci::into(id);
      std::string status = state == "draft" ? "draft" : "published";
      s << "INSERT INTO editions (document_id, edition_no, status, title, doc_no, written_on, validity, expires_on, "
           "legal_category, created_at, updated_at) VALUES (:d, 1, :st, '测试文件', :no, :w, :v, :e, :lc, :c, :c2)",
          soci::use(id), soci::use(status), soci::use(doc_no), soci::use(written_on, wind), soci::use(validity),
          soci::use(expires_on, eind), soci::use(category), soci::use(now), soci::use(now);
    });
    return id;
  }

  // Through the requests capability's own store, so the record has every column the schema requires.
  void insert_appeal(long long request_id, const std::string& kind, int after_review, const std::string& filed,
                     const std::string& result, const std::string& decided) {
    requests::Appeal a;
    a.request_id = request_id;
    a.kind = *requests::appeal_kind_from(kind);
    a.after_review = after_review != 0;
    a.filed_on = filed;
    a.authority = "某区人民政府";
    a.result = *requests::appeal_result_from(result);
    a.decided_on = decided;
    db_->write([&](soci::session& s) { requests::store::insert_appeal(s, a, std::nullopt, "2026-06-01T00:00:00Z"); });
  }

  // A year of activity with a fixed seed: requests from mid-2024 to spring 2026 (so 2025 has carry-over both ways).
  void generate() {
    std::mt19937 rng(20250101);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    const long long units[] = {a_, b_, a_section_};
    const Date first = d(2024, 6, 1);
    const Date today = d(2026, 6, 1);
    const auto& outcomes = requests::all_outcomes();
    for (int i = 0; i < 360; ++i) {
      GenRequest g;
      g.unit = units[pick(3)];
      g.column = pick(6);
      g.received = first.add_days(pick(670));  // to 2026-04-01
      int kind = pick(10);
      std::string state, outcome, replied_on, event_at;
      if (kind < 2) {
        state = std::vector<std::string>{"registered", "working", "consulting", "awaiting_fee", "reply_drafted"}[pick(5)];
        if (state == "reply_drafted") outcome = "disclose";  // drafted, not sent: still open
      } else {
        Date closed = g.received.add_days(pick(45));
        if (closed > today) closed = today;
        g.closed = closed;
        g.outcome = pick(static_cast<int>(outcomes.size()));
        outcome = std::string(outcomes[g.outcome].code);
        auto o = outcomes[g.outcome].outcome;
        if (o == requests::Outcome::other_no_supplement || o == requests::Outcome::other_fee_unpaid) {
          // Deemed withdrawn: no reply date; the closing event at 17:00 UTC is already the next local day.
          state = pick(2) ? "deemed_withdrawn" : "archived";
          Date event_utc_day = closed.add_days(-1);
          event_at = event_utc_day.iso() + "T17:00:00Z";
        } else if (o == requests::Outcome::not_processed_repeat) {
          state = "closed_duplicate";
          replied_on = closed.iso();
          event_at = closed.iso() + "T02:00:00Z";
        } else {
          state = pick(3) ? "replied" : "archived";
          replied_on = closed.iso();
          event_at = closed.iso() + "T03:00:00Z";
        }
      }
      long long fee = 0;
      std::string fee_paid;
      if (pick(8) == 0) {
        fee = 100 * (1 + pick(3));
        fee_paid = g.received.add_days(5).iso();
        fees_.push_back({g.unit, g.received.add_days(5), fee});
      }
      g.id = insert_request(g.unit, g.column, g.received, state, outcome, replied_on, event_at, fee, fee_paid);
      reqs_.push_back(g);
    }
    // Documents: 第二十条（一） (规章 by 令, 行政规范性文件) and others that never count.
    for (int i = 0; i < 120; ++i) {
      GenDoc g;
      g.unit = units[pick(3)];
      bool art1 = pick(4) != 0;
      g.rule = pick(5) == 0;
      std::string state = std::vector<std::string>{"published", "published", "repealed", "withdrawn", "draft"}[pick(5)];
      g.counted = art1 && (state == "published" || state == "repealed");
      g.issued = d(2023, 1, 1).add_days(pick(1200));
      bool no_written = pick(6) == 0;
      std::string first_pub = g.issued.add_days(-1).iso() + "T18:00:00Z";  // the local date is g.issued
      if (state == "repealed" || pick(10) == 0) g.repealed = g.issued.add_days(30 + pick(500));
      if (pick(5) == 0) g.expires = g.issued.add_days(100 + pick(600));
      if (pick(10) == 0) g.validity = "amended";
      std::string doc_no = g.rule ? "某市人民政府令第" + std::to_string(i) + "号" : "某教发〔2025〕" + std::to_string(i) + "号";
      insert_document(g.unit, art1 ? "art20-01" : "art20-02", doc_no, state, no_written ? "" : g.issued.iso(),
                      state == "draft" ? "" : first_pub, g.validity, g.expires ? g.expires->iso() : "",
                      g.repealed ? g.repealed->iso() : "");
      docs_.push_back(g);
    }
    // Appeals against some of the requests.
    for (int i = 0; i < 60; ++i) {
      const auto& r = reqs_[pick(static_cast<int>(reqs_.size()))];
      GenAppeal g;
      g.unit = r.unit;
      g.group = pick(3);
      g.filed = d(2024, 7, 1).add_days(pick(600));
      g.result = std::vector<std::string>{"upheld", "corrected", "other", "pending"}[pick(4)];
      if (g.result != "pending" && pick(6) != 0) g.decided = g.filed.add_days(20 + pick(200));
      insert_appeal(r.id, g.group == 0 ? "review" : "litigation", g.group == 2 ? 1 : 0, g.filed.iso(), g.result,
                    g.decided ? g.decided->iso() : "");
      appeals_.push_back(g);
    }
  }

  bool in_scope(long long unit, long long report_unit) const {
    if (report_unit == root_) return true;
    if (report_unit == a_) return unit == a_ || unit == a_section_;
    return unit == report_unit;
  }

  // Table 三 computed here from the generator's truth, with the definitions of DOMAIN §5 spelt out directly.
  void expect_table3(const Table3& t, long long scope) {
    const Date jan1 = d(kYear, 1, 1), dec31 = d(kYear, 12, 31);
    long long received[7] = {}, carried_in[7] = {}, carried_out[7] = {}, total[7] = {};
    std::map<std::pair<int, int>, long long> by_outcome;
    for (const auto& g : reqs_) {
      if (!in_scope(g.unit, scope)) continue;
      if (g.received.year() == kYear) ++received[g.column];
      if (g.received < jan1 && (!g.closed || *g.closed >= jan1)) ++carried_in[g.column];
      if (g.closed && g.closed->year() == kYear) {
        ++by_outcome[{g.outcome, g.column}];
        ++total[g.column];
      }
      if (g.received <= dec31 && (!g.closed || *g.closed > dec31)) ++carried_out[g.column];
    }
    long long sum_r = 0, sum_ci = 0, sum_co = 0, sum_t = 0;
    for (int c = 0; c < 6; ++c) {
      EXPECT_EQ(t.received[c], received[c]) << "一 column " << c;
      EXPECT_EQ(t.carried_in[c], carried_in[c]) << "二 column " << c;
      EXPECT_EQ(t.carried_out[c], carried_out[c]) << "四 column " << c;
      EXPECT_EQ(t.total[c], total[c]) << "三（七） column " << c;
      for (int o = 0; o < kOutcomeRows; ++o) {
        auto it = by_outcome.find({o, c});
        EXPECT_EQ(t.outcome[o][c], it == by_outcome.end() ? 0 : it->second) << "outcome row " << o << " column " << c;
      }
      sum_r += received[c];
      sum_ci += carried_in[c];
      sum_co += carried_out[c];
      sum_t += total[c];
    }
    EXPECT_EQ(t.received[6], sum_r);
    EXPECT_EQ(t.carried_in[6], sum_ci);
    EXPECT_EQ(t.carried_out[6], sum_co);
    EXPECT_EQ(t.total[6], sum_t);
    for (int o = 0; o < kOutcomeRows; ++o) {
      long long row = 0;
      for (int c = 0; c < 6; ++c) row += t.outcome[o][c];
      EXPECT_EQ(t.outcome[o][6], row) << "总计 of outcome row " << o;
    }
    for (int c = 0; c < 7; ++c) EXPECT_TRUE(t.check_ok[c]) << "check of column " << c;
    // The generated year is not trivial: both kinds of carry-over occur.
    EXPECT_GT(sum_ci, 0);
    EXPECT_GT(sum_co, 0);
  }

  void expect_table2(const Table2& t, long long scope) {
    const Date dec31 = d(kYear, 12, 31);
    RegulationRow rules, normative;
    for (const auto& g : docs_) {
      if (!in_scope(g.unit, scope) || !g.counted) continue;
      RegulationRow& row = g.rule ? rules : normative;
      if (g.issued.year() == kYear) ++row.issued;
      if (g.repealed && g.repealed->year() == kYear) ++row.repealed;
      bool repealed_by_end = g.repealed && *g.repealed <= dec31;
      bool expired_by_end = g.expires && *g.expires < dec31;
      if (g.issued <= dec31 && !repealed_by_end && !expired_by_end && g.validity == "in_force") ++row.in_force;
    }
    EXPECT_EQ(t.rules.issued, rules.issued);
    EXPECT_EQ(t.rules.repealed, rules.repealed);
    EXPECT_EQ(t.rules.in_force, rules.in_force);
    EXPECT_EQ(t.normative.issued, normative.issued);
    EXPECT_EQ(t.normative.repealed, normative.repealed);
    EXPECT_EQ(t.normative.in_force, normative.in_force);
  }

  void expect_table4(const Table4& t, long long scope) {
    const Date jan1 = d(kYear, 1, 1), dec31 = d(kYear, 12, 31);
    AppealCounts want[3];
    for (const auto& g : appeals_) {
      if (!in_scope(g.unit, scope)) continue;
      bool filed_in_year = g.filed.year() == kYear;
      bool open_at_start = g.filed < jan1 && (!g.decided || *g.decided >= jan1);
      if (!filed_in_year && !open_at_start) continue;
      AppealCounts& w = want[g.group];
      if (g.result == "pending" || !g.decided || *g.decided > dec31) ++w.pending;
      else if (g.result == "upheld") ++w.upheld;
      else if (g.result == "corrected") ++w.corrected;
      else ++w.other;
      ++w.total;
    }
    const AppealCounts* got[3] = {&t.review, &t.litigation_direct, &t.litigation_after_review};
    for (int i = 0; i < 3; ++i) {
      EXPECT_EQ(got[i]->upheld, want[i].upheld) << "group " << i;
      EXPECT_EQ(got[i]->corrected, want[i].corrected) << "group " << i;
      EXPECT_EQ(got[i]->other, want[i].other) << "group " << i;
      EXPECT_EQ(got[i]->pending, want[i].pending) << "group " << i;
      EXPECT_EQ(got[i]->total, want[i].total) << "group " << i;
    }
  }

  std::unique_ptr<units::UnitService> units_;
  std::unique_ptr<units::AccountService> accounts_;
  std::unique_ptr<calendar::CalendarService> calendar_;
  std::unique_ptr<disclosure::DisclosureService> disclosure_;
  std::unique_ptr<OversightService> svc_;
  std::filesystem::path data_dir_;
  long long root_ = 0, a_ = 0, b_ = 0, a_section_ = 0;
  units::Actor office_, admin_a_, admin_b_, editor_a_;
  int serial_ = 0;
  std::map<long long, std::string> numbers_;
  std::vector<GenRequest> reqs_;
  std::vector<GenDoc> docs_;
  std::vector<GenAppeal> appeals_;
  struct Fee {
    long long unit;
    Date paid;
    long long yuan;
  };
  std::vector<Fee> fees_;
};

TEST_P(OversightReportTest, EveryCellOfTables234) {
  generate();
  ASSERT_TRUE(svc_->save_counts(admin_a_, a_, kYear, {"120", "35", "4", "12.5"}).ok());
  ASSERT_TRUE(svc_->save_counts(office_, b_, kYear, {"7", "0", "1", "0.0035"}).ok());
  ASSERT_TRUE(svc_->save_counts(office_, a_section_, kYear, {"3", "", "", ""}).ok());
  for (long long scope : {a_, b_, root_}) {
    SCOPED_TRACE("report unit " + std::to_string(scope));
    auto f = svc_->figures(scope, kYear);
    ASSERT_TRUE(f.ok()) << f.error().message;
    EXPECT_EQ(f->district, scope == root_);
    expect_table2(f->table2, scope);
    expect_table3(f->table3.table, scope);
    EXPECT_TRUE(f->table3.mismatches.empty()) << f->table3.mismatches.front().reason;
    ASSERT_TRUE(f->appeals_available);
    EXPECT_TRUE(f->table4.problems.empty());
    expect_table4(f->table4.table, scope);
    long long fees = 0;
    for (const auto& x : fees_) {
      if (in_scope(x.unit, scope) && x.paid.year() == kYear) fees += x.yuan;
    }
    EXPECT_EQ(f->fees_collected_yuan, fees);
    EXPECT_TRUE(check_publishable(*f).ok());
  }
  // Entered counts: the unit's own plus its section's; the district sums all, exactly.
  auto a = svc_->figures(a_, kYear);
  EXPECT_EQ(a->table2.entered.licensing, 123);
  EXPECT_EQ(a->table2.entered.penalty, 35);
  auto district = svc_->figures(root_, kYear);
  EXPECT_EQ(district->table2.entered.licensing, 130);
  EXPECT_EQ(district->table2.entered.coercion, 5);
  EXPECT_EQ(format_wanyuan(district->table2.entered.fees_fen), "12.5035");
  // The JSON carries the amount as an exact decimal string.
  auto j = boost::json::parse(to_json(*district)).as_object();
  EXPECT_EQ(j["table2"].as_object()["fees_wanyuan"].as_string(), "12.5035");
  EXPECT_EQ(j["table3"].as_object()["rows"].as_array().size(), 26u);
  EXPECT_TRUE(j["publishable"].as_bool());
}

// Table 二 counts what the public saw at the year's end: a later edition declaring the document 失效 does not
// change the past year's 现行有效件数.
TEST_P(OversightReportTest, Table2UsesTheEditionInForceAtTheYearsEnd) {
  long long id = 0;
  db_->write([&](soci::session& s) {
    std::string now = "2026-06-01T00:00:00Z", first = "2025-02-28T18:00:00Z";
    int edition = 2;
    s << "INSERT INTO documents (unit_id, state, published_edition, first_published_at, created_at, updated_at) "
         "VALUES (:u, 'published', :pe, :fp, :c, :c2) RETURNING id",
        soci::use(a_), soci::use(edition), soci::use(first), soci::use(now), soci::use(now), soci::into(id);
    s << "INSERT INTO editions (document_id, edition_no, status, title, doc_no, written_on, validity, legal_category, "
         "published_on, created_at, updated_at) VALUES (:d, 1, 'superseded', '测试文件', '某教发〔2025〕900号', "
         "'2025-02-20', 'in_force', 'art20-01', '2025-03-01', :c, :c2)",
        soci::use(id), soci::use(now), soci::use(now);
    s << "INSERT INTO editions (document_id, edition_no, status, title, doc_no, written_on, validity, legal_category, "
         "published_on, created_at, updated_at) VALUES (:d, 2, 'published', '测试文件', '某教发〔2025〕900号', "
         "'2025-02-20', 'expired', 'art20-01', '2026-02-01', :c, :c2)",
        soci::use(id), soci::use(now), soci::use(now);
  });
  auto fact_at = [&](const std::string& until) {
    auto all = db_->read([&](soci::session& s) { return store::regulation_documents(s, {a_}, until); });
    for (const auto& f : all) {
      if (f.id == id) return f;
    }
    ADD_FAILURE() << "document not found";
    return DocumentFact{};
  };
  auto end2025 = fact_at("2025-12-31");
  EXPECT_EQ(end2025.validity, "in_force");
  EXPECT_EQ(compute_table2({end2025}, EnteredCounts{}, 2025).normative.in_force, 1);
  EXPECT_EQ(compute_table2({end2025}, EnteredCounts{}, 2025).normative.issued, 1);
  auto end2026 = fact_at("2026-12-31");
  EXPECT_EQ(end2026.validity, "expired");
  EXPECT_EQ(compute_table2({end2026}, EnteredCounts{}, 2026).normative.in_force, 0);
}

TEST_P(OversightReportTest, PermissionsAndBadInput) {
  EXPECT_EQ(svc_->report(admin_b_, a_, kYear).error().code, "forbidden");
  EXPECT_EQ(svc_->report(editor_a_, a_, kYear).error().code, "forbidden");
  EXPECT_TRUE(svc_->report(admin_a_, a_, kYear).ok());
  EXPECT_EQ(svc_->save_counts(admin_a_, a_, kYear, {"-1", "", "", ""}).error().code, "invalid_count");
  EXPECT_EQ(svc_->save_counts(admin_a_, a_, kYear, {"1", "", "", "1.0000001"}).error().code, "invalid_amount");
  EXPECT_EQ(svc_->save_counts(admin_a_, a_, 2031, {"1", "", "", ""}).error().code, "invalid_year");
  EXPECT_EQ(svc_->figures(999999, kYear).error().code, "invalid_unit");
  EXPECT_EQ(svc_->publish(admin_a_, a_, kYear, 1).error().code, "forbidden");
  // Nothing was entered by the refused calls.
  EXPECT_EQ(svc_->figures(a_, kYear)->table2.entered.licensing, 0);
  // Drafts are not public.
  units::Actor visitor;
  EXPECT_EQ(svc_->figures_json(visitor, a_, kYear).error().code, "not_found");
}

TEST_P(OversightReportTest, CheckFailsAndPublicationIsRefused) {
  insert_request(a_, 0, d(2024, 12, 20), "working", "", "", "");                                     // carried in, still open
  insert_request(a_, 1, d(2025, 3, 3), "replied", "disclose", "2025-03-20", "2025-03-20T03:00:00Z");  // fine
  // Replied, but the outcome was never recorded: in 一, nowhere on the right.
  long long bad = insert_request(a_, 0, d(2025, 5, 6), "replied", "", "2025-05-30", "2025-05-30T03:00:00Z");
  ASSERT_TRUE(svc_->save_texts(office_, a_, kYear, "总体情况……", "问题与改进……", "未收取信息处理费。", 0).ok());
  auto f = svc_->figures(a_, kYear);
  ASSERT_TRUE(f.ok());
  EXPECT_FALSE(f->table3.table.check_ok[0]);
  EXPECT_TRUE(f->table3.table.check_ok[1]);
  EXPECT_FALSE(f->table3.table.check_ok[6]);
  ASSERT_EQ(f->table3.mismatches.size(), 1u);
  EXPECT_EQ(f->table3.mismatches[0].request_id, bad);
  EXPECT_EQ(f->table3.mismatches[0].left, 1);
  EXPECT_EQ(f->table3.mismatches[0].right, 0);

  auto r = svc_->publish(office_, a_, kYear, 1);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "check_failed");
  EXPECT_NE(r.error().message.find("自然人栏 1 + 1 ≠ 0 + 1"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find(numbers_[bad]), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("办理结果未记录"), std::string::npos) << r.error().message;
  // Nothing was published, the report is still a draft.
  auto view = svc_->report(office_, a_, kYear);
  EXPECT_EQ(view->status, ReportStatus::draft);
  EXPECT_FALSE(view->document_id.has_value());
  long long docs = -1;
  db_->read([&](soci::session& s) { s << "SELECT COUNT(*) FROM documents", soci::into(docs); });
  EXPECT_EQ(docs, 0);

  // The page names the request: a closing date before receipt is explained too.
  insert_request(a_, 2, d(2025, 9, 1), "replied", "disclose", "2025-08-01", "2025-08-01T03:00:00Z");
  auto f2 = svc_->figures(a_, kYear);
  ASSERT_EQ(f2->table3.mismatches.size(), 2u);
  EXPECT_NE(f2->table3.mismatches[1].reason.find("早于收到申请日期"), std::string::npos);
}

TEST_P(OversightReportTest, PublishIntoTheColumnAndFreeze) {
  insert_request(a_, 0, d(2025, 3, 3), "replied", "disclose", "2025-03-20", "2025-03-20T03:00:00Z", 100, "2025-03-10");
  insert_request(a_, 3, d(2025, 12, 30), "working", "", "", "");
  ASSERT_TRUE(svc_->save_counts(admin_a_, a_, kYear, {"5", "2", "0", "1.25"}).ok());
  auto v = svc_->report(admin_a_, a_, kYear);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->section6, "本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费 100 元。");
  EXPECT_EQ(v->deadline, d(2026, 1, 31));
  EXPECT_FALSE(v->may_publish);
  ASSERT_TRUE(svc_->save_texts(admin_a_, a_, kYear, "本年度，区教育局认真贯彻条例。", "个别栏目更新不及时，已整改。", v->section6, 0).ok());
  EXPECT_EQ(svc_->save_texts(admin_a_, a_, kYear, "x", "y", "z", 0).error().code, "stale_version");
  auto id = svc_->publish(office_, a_, kYear, 1);
  ASSERT_TRUE(id.ok()) << id.error().message;
  auto doc = disclosure_->public_document(*id);
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(doc->edition.f.title, "区教育局2025年政府信息公开工作年度报告");
  ASSERT_TRUE(doc->column.has_value());
  EXPECT_EQ(doc->column->slug, "annual-reports");
  EXPECT_NE(doc->edition.body_html.find("本年新收政府信息公开申请数量"), std::string::npos);
  EXPECT_NE(doc->edition.body_html.find("<table>"), std::string::npos);
  EXPECT_FALSE(doc->ledger.empty());
  // Frozen: texts, counts and a second publication are refused; the figures stay as published.
  EXPECT_EQ(svc_->save_texts(office_, a_, kYear, "x", "y", "z", 2).error().code, "report_published");
  EXPECT_EQ(svc_->save_counts(office_, a_, kYear, {"9", "", "", ""}).error().code, "report_published");
  EXPECT_EQ(svc_->save_counts(office_, a_section_, kYear, {"9", "", "", ""}).error().code, "report_published");
  EXPECT_EQ(svc_->publish(office_, a_, kYear, 2).error().code, "report_published");
  insert_request(a_, 0, d(2025, 6, 1), "working", "", "", "");  // late-entered: does not change the published numbers
  units::Actor visitor;
  auto j = svc_->figures_json(visitor, a_, kYear);
  ASSERT_TRUE(j.ok());
  auto o = boost::json::parse(*j).as_object();
  EXPECT_EQ(o["table3"].as_object()["rows"].as_array()[0].as_object()["cells"].as_array()[6].as_int64(), 2);
  EXPECT_EQ(o["table2"].as_object()["fees_wanyuan"].as_string(), "1.25");
  // The database refuses changes to a published report whatever the application does.
  bool refused = false;
  try {
    db_->write([&](soci::session& s) { s << "UPDATE annual_reports SET section1 = 'changed'"; });
  } catch (const std::exception&) {
    refused = true;
  }
  EXPECT_TRUE(refused);
}


TEST_P(OversightReportTest, IndicatorsFromTheStore) {
  generate();
  auto dash = svc_->dashboard(office_, "2025-01-01", "2025-12-31");
  ASSERT_TRUE(dash.ok()) << dash.error().message;
  ASSERT_GE(dash->rows.size(), 3u);
  EXPECT_TRUE(dash->rows[0].district);
  for (const auto& row : dash->rows) {
    long long received = 0, open = 0;
    for (const auto& g : reqs_) {
      if (!in_scope(g.unit, row.unit_id)) continue;
      if (g.received.year() == 2025) ++received;
      if (g.received <= d(2025, 12, 31) && (!g.closed || *g.closed > d(2025, 12, 31))) ++open;
    }
    EXPECT_EQ(row.find("requests_received")->count, received) << row.unit_name;
    EXPECT_EQ(row.find("requests_open")->count, open) << row.unit_name;
  }
  // The unit administrator sees only their unit; drill-down elsewhere is refused.
  auto own = svc_->dashboard(admin_a_, "2025-01-01", "2025-12-31");
  ASSERT_TRUE(own.ok());
  ASSERT_EQ(own->rows.size(), 1u);
  EXPECT_EQ(own->rows[0].unit_id, a_);
  EXPECT_EQ(svc_->unit_indicators(admin_a_, b_, "", "").error().code, "forbidden");
  EXPECT_EQ(svc_->dashboard(editor_a_, "", "").error().code, "forbidden");
  EXPECT_EQ(svc_->dashboard(office_, "2025-02-30", "").error().code, "invalid_date");
  EXPECT_EQ(svc_->dashboard(office_, "2025-03-01", "2025-01-01").error().code, "date_order");
}

TEST_P(OversightReportTest, InspectionAndRectification) {
  InspectionInput in{"2026年上半年政务公开检查", "网站栏目与依申请公开", "2026-01-01", "2026-05-31", "2026-06-30", {a_, b_}};
  EXPECT_EQ(svc_->open_inspection(admin_a_, in).error().code, "forbidden");
  auto bad = in;
  bad.period_from = "2026-07-01";
  EXPECT_EQ(svc_->open_inspection(office_, bad).error().code, "date_order");
  bad = in;
  bad.unit_ids = {};
  EXPECT_EQ(svc_->open_inspection(office_, bad).error().code, "invalid_unit");
  auto id = svc_->open_inspection(office_, in);
  ASSERT_TRUE(id.ok()) << id.error().message;
  EXPECT_EQ(svc_->add_finding(office_, *id, a_section_, "问题", "").error().code, "invalid_unit");
  EXPECT_EQ(svc_->add_finding(office_, *id, a_, "问题", "javascript:alert(1)").error().code, "invalid_evidence");
  auto f = svc_->add_finding(office_, *id, a_, "“政策解读”栏目超过6个月未更新",
                             "/console/oversight/records?unit=" + std::to_string(a_) + "&indicator=stale_columns");
  ASSERT_TRUE(f.ok()) << f.error().message;
  // The unit cannot answer before a notice; the office sends one with a deadline after today.
  EXPECT_EQ(svc_->act_on_finding(admin_a_, *f, FindingAction::answer, "已更新", "", 1).error().code, "invalid_transition");
  EXPECT_EQ(svc_->act_on_finding(office_, *f, FindingAction::notify, "", "2026-05-01", 1).error().code, "invalid_date");
  ASSERT_TRUE(svc_->act_on_finding(office_, *f, FindingAction::notify, "", "2026-06-10", 1).ok());
  EXPECT_TRUE(svc_->overdue_rectifications(office_).empty());
  // Past the deadline without an answer: overdue, for the office and the unit, not for another unit.
  svc_->today = [] { return d(2026, 6, 11); };
  ASSERT_EQ(svc_->overdue_rectifications(office_).size(), 1u);
  EXPECT_EQ(svc_->overdue_rectifications(admin_a_).size(), 1u);
  EXPECT_TRUE(svc_->overdue_rectifications(admin_b_).empty());
  EXPECT_EQ(svc_->act_on_finding(admin_b_, *f, FindingAction::answer, "已更新", "", 2).error().code, "forbidden");
  EXPECT_EQ(svc_->act_on_finding(admin_a_, *f, FindingAction::answer, "", "", 2).error().code, "required");
  EXPECT_EQ(svc_->act_on_finding(admin_a_, *f, FindingAction::answer, "已更新", "", 1).error().code, "stale_version");
  ASSERT_TRUE(svc_->act_on_finding(admin_a_, *f, FindingAction::answer, "已发布3条政策解读，并建立月度更新提醒。", "", 2).ok());
  EXPECT_TRUE(svc_->overdue_rectifications(office_).empty());
  ASSERT_TRUE(svc_->act_on_finding(office_, *f, FindingAction::reopen, "解读未与政策文件关联", "2026-06-30", 3).ok());
  ASSERT_TRUE(svc_->act_on_finding(admin_a_, *f, FindingAction::answer, "已双向关联。", "", 4).ok());
  ASSERT_TRUE(svc_->act_on_finding(office_, *f, FindingAction::close, "", "", 5).ok());
  auto v = svc_->inspection(admin_a_, *id);
  ASSERT_TRUE(v.ok());
  ASSERT_EQ(v->findings.size(), 1u);
  EXPECT_EQ(v->findings[0].f.status, FindingStatus::closed);
  EXPECT_EQ(v->findings[0].f.answer, "已双向关联。");
  // Another unit's administrator sees the inspection (their unit is in it) but not this unit's finding.
  auto vb = svc_->inspection(admin_b_, *id);
  ASSERT_TRUE(vb.ok());
  EXPECT_TRUE(vb->findings.empty());
  // Every step is audited.
  long long audited = 0;
  db_->read([&](soci::session& s) {
    s << "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'inspection.%'", soci::into(audited);
  });
  EXPECT_EQ(audited, 7);
}

GONGKAI_DB_TEST_SUITE(OversightReportTest);

}  // namespace
}  // namespace gongkai::oversight
