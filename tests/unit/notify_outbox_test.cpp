// gongkai/notify on SQLite and PostgreSQL: a message for every request step that concerns the applicant, written in
// the step's transaction (e-mail and SMS, no name or ID in the text); delivery with retries and backoff, permanent
// failures, staff-only listing and retry (audited), log-only SMS, due-soon reminders written once per due date.
#include <gtest/gtest.h>

#include "gongkai/audit/store.hpp"
#include "gongkai/calendar/service.hpp"
#include "gongkai/notify/service.hpp"
#include "gongkai/privacy/identifiers.hpp"
#include "gongkai/units/service.hpp"
#include "platform/time.hpp"
#include "platform_test_db.hpp"

namespace gongkai::notify {
namespace {

using calendar::Date;
using units::Role;

TEST(NotifyModelTest, BackoffDoublesUpToSixHours) {
  EXPECT_EQ(backoff(1).count(), 60);
  EXPECT_EQ(backoff(2).count(), 120);
  EXPECT_EQ(backoff(4).count(), 480);
  EXPECT_EQ(backoff(9).count(), 256 * 60);
  EXPECT_EQ(backoff(10).count(), 6 * 3600);
  EXPECT_EQ(backoff(20).count(), 6 * 3600);
}

TEST(NotifyModelTest, RecipientsAreMasked) {
  EXPECT_EQ(mask_recipient("wang@example.cn"), "wa***@example.cn");
  EXPECT_EQ(mask_recipient("w@example.cn"), "w***@example.cn");
  EXPECT_EQ(mask_recipient("13800138000"), "138****8000");
  EXPECT_EQ(mask_recipient("12345"), "*****");
  EXPECT_TRUE(mobile_number("13800138000"));
  EXPECT_FALSE(mobile_number("010-12345678"));
}

// An SMS gateway that fails as told.
class FakeSms : public SmsSender {
 public:
  platform::Result<void> send(const store::Row& m) override {
    ++calls;
    if (mode == "temporary") return platform::make_error("sms_failed", "gateway busy");
    if (mode == "permanent") return platform::make_error("sms_failed", "number refused", "permanent");
    return {};
  }
  std::string mode = "ok";
  int calls = 0;
};

class OutboxTest : public gongkai_test::DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    units_ = std::make_unique<units::UnitService>(db_);
    accounts_ = std::make_unique<units::AccountService>(db_);
    cal_ = std::make_unique<calendar::CalendarService>(db_);
    auto admin = units::command_line_actor();
    units::UnitFields f;
    f.kind = units::UnitKind::government;
    f.name = "临江区人民政府";
    root_ = *units_->create(admin, f);
    f.kind = units::UnitKind::department;
    f.parent_id = root_;
    f.name = "区教育局";
    f.disclosure_email = "gkb@edu.example.cn";
    dept_ = *units_->create(admin, f);
    h1_ = user("handler1", dept_, {Role::request_handler});
    sup_ = user("supervisor", root_, {Role::supervisor});
    svc_ = std::make_unique<requests::RequestService>(db_, *cal_);
    svc_->today = [this] { return today_; };
    auto sms = std::make_unique<FakeSms>();
    sms_ = sms.get();
    OutboxOptions o;  // no SMTP: e-mail stays pending
    o.public_url = "https://gk.example.cn";
    outbox_ = std::make_unique<Outbox>(db_, o, std::move(sms));
    outbox_->follow_requests(*svc_);
  }
  void TearDown() override {
    outbox_.reset();
    svc_.reset();
    cal_.reset();
    accounts_.reset();
    units_.reset();
    DbTest::TearDown();
  }

  units::Actor user(const std::string& username, long long unit, std::set<Role> roles) {
    units::NewUser nu;
    nu.username = username;
    nu.display_name = username + "姓名";
    nu.password = "Gongkai-test-2026";
    nu.unit_id = unit;
    nu.roles = roles;
    auto id = accounts_->create_user(units::command_line_actor(), nu);
    EXPECT_TRUE(id.ok());
    units::Actor a;
    a.user_id = id.ok() ? *id : 0;
    a.username = username;
    a.display_name = nu.display_name;
    a.unit_id = unit;
    a.roles = roles;
    return a;
  }

  requests::Submitted submit() {
    requests::ApplicationInput in;
    in.unit_id = std::to_string(dept_);
    in.applicant_type = "natural_person";
    in.name = "王小明";
    in.id_type = "resident_id";
    std::string first17 = "11010519491231002";
    in.id_number = first17 + privacy::resident_id_check_char(first17);
    in.email = "wang@example.cn";
    in.phone = "13800138000";
    in.description = "2025年本区学校食堂招标文件及中标结果";
    in.delivery = "email";
    units::Actor v;
    v.address = "198.51.100.7";
    auto r = svc_->submit_online(in, v);
    EXPECT_TRUE(r.ok()) << r.error().message;
    return *r;
  }

  void act(long long id, requests::Action a, requests::ActionInput in = {}) {
    auto c = svc_->get(sup_, id);
    ASSERT_TRUE(c.ok());
    auto r = svc_->act(requests::transition(a).who == requests::Who::supervisor ? sup_ : h1_, id, a, in, c->c.version);
    ASSERT_TRUE(r.ok()) << r.error().message;
  }

  std::vector<store::Row> all() {
    auto r = outbox_->list(sup_, std::nullopt);
    EXPECT_TRUE(r.ok());
    auto v = r.ok() ? *r : std::vector<store::Row>{};
    std::reverse(v.begin(), v.end());  // oldest first
    return v;
  }

  std::unique_ptr<units::UnitService> units_;
  std::unique_ptr<units::AccountService> accounts_;
  std::unique_ptr<calendar::CalendarService> cal_;
  std::unique_ptr<requests::RequestService> svc_;
  std::unique_ptr<Outbox> outbox_;
  FakeSms* sms_ = nullptr;
  long long root_ = 0, dept_ = 0;
  units::Actor h1_, sup_;
  Date today_ = *Date::from_ymd(2026, 3, 2);
};

TEST_P(OutboxTest, EveryStepThatConcernsTheApplicantWritesAMessageWithoutPersonalData) {
  auto s = submit();
  auto m = all();
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].d.channel, Channel::email);
  EXPECT_EQ(m[0].d.recipient, "wang@example.cn");
  EXPECT_EQ(m[0].d.template_name, "submit");
  EXPECT_EQ(m[0].d.ref_label, s.number);
  EXPECT_NE(m[0].d.subject.find(s.number), std::string::npos);
  EXPECT_NE(m[0].d.body.find("https://gk.example.cn/requests/track"), std::string::npos);
  EXPECT_NE(m[0].d.body.find("当前答复期限：" + s.due_on), std::string::npos) << m[0].d.body;
  EXPECT_EQ(m[1].d.channel, Channel::sms);
  for (const auto& x : m) {
    EXPECT_EQ(x.d.body.find("王小明"), std::string::npos);
    EXPECT_EQ(x.d.body.find("110105"), std::string::npos);
    EXPECT_EQ(x.d.body.find(s.query_code), std::string::npos) << "the query code is never mailed";
  }

  // Internal steps (accept has public text; assign does not) and the consultation that moves the date.
  act(s.id, requests::Action::accept);
  requests::ActionInput assign;
  assign.assignee_id = h1_.user_id;
  act(s.id, requests::Action::assign, assign);
  act(s.id, requests::Action::start_work);
  requests::ActionInput consult;
  consult.kind = "third_party";
  consult.party = "某某公司";
  act(s.id, requests::Action::consult, consult);
  std::vector<std::string> templates;
  for (const auto& x : all()) {
    if (x.d.channel == Channel::email) templates.push_back(x.d.template_name);
  }
  EXPECT_EQ(templates, (std::vector<std::string>{"submit", "accept", "start_work", "consult"}));
  EXPECT_NE(all().back().d.subject.find("期限顺延"), std::string::npos);
}

TEST_P(OutboxTest, DeliveryRetriesWithBackoffGivesUpOnPermanentFailureAndStaffRetry) {
  submit();
  // No SMTP: the e-mail waits; the SMS goes through the gateway.
  EXPECT_EQ(outbox_->deliver_due(), 1);
  auto m = all();
  EXPECT_EQ(m[0].status, Status::pending);
  EXPECT_EQ(m[0].attempts, 0);
  EXPECT_EQ(m[1].status, Status::sent);
  EXPECT_EQ(m[1].attempts, 1);

  submit();
  sms_->mode = "temporary";
  EXPECT_EQ(outbox_->deliver_due(), 0);
  auto failing = all()[3];
  EXPECT_EQ(failing.status, Status::pending);
  EXPECT_EQ(failing.attempts, 1);
  EXPECT_EQ(failing.last_error, "gateway busy");
  EXPECT_GT(failing.next_attempt_at, platform::to_utc_iso(std::chrono::system_clock::now() + std::chrono::seconds(50)));
  int calls = sms_->calls;
  outbox_->deliver_due();
  EXPECT_EQ(sms_->calls, calls) << "not due again before the backoff";

  // Staff retry: handlers may not; the supervisor may, and it is audited.
  auto refused = outbox_->retry(h1_, failing.id);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "forbidden");
  sms_->mode = "permanent";
  auto r = outbox_->retry(sup_, failing.id);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, Status::failed);
  EXPECT_EQ(r->attempts, 2);
  auto failed = outbox_->list(sup_, Status::failed);
  ASSERT_TRUE(failed.ok());
  ASSERT_EQ(failed->size(), 1u);
  sms_->mode = "ok";
  r = outbox_->retry(sup_, failing.id);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, Status::sent);
  auto again = outbox_->retry(sup_, failing.id);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "already_sent");
  audit::Query q;
  q.entity_type = "outbox";
  EXPECT_EQ(db_->read([&](soci::session& x) { return audit::find(x, q); }).size(), 2u);
  EXPECT_FALSE(outbox_->list(h1_, std::nullopt).ok());
  auto counts = outbox_->counts(sup_);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->sent, 2);
  EXPECT_EQ(counts->pending, 2);  // the two e-mails
}

TEST_P(OutboxTest, DueSoonRemindersGoToTheUnitOncePerDueDate) {
  auto s = submit();
  act(s.id, requests::Action::accept);
  EXPECT_EQ(outbox_->remind_due_soon(*svc_), 0) << "not due soon yet";
  auto due = Date::parse(s.due_on);
  ASSERT_TRUE(due.ok());
  today_ = due->add_days(-1);
  EXPECT_EQ(outbox_->remind_due_soon(*svc_), 1);
  EXPECT_EQ(outbox_->remind_due_soon(*svc_), 0) << "once per case and due date";
  auto last = all().back();
  EXPECT_EQ(last.d.recipient, "gkb@edu.example.cn");
  EXPECT_EQ(last.d.template_name, "due_soon");
  EXPECT_NE(last.d.subject.find(s.number), std::string::npos);
  EXPECT_EQ(last.d.body.find("王小明"), std::string::npos);
}

GONGKAI_DB_TEST_SUITE(OutboxTest);

}  // namespace
}  // namespace gongkai::notify
