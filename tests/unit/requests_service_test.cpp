// gongkai/requests/service on SQLite and PostgreSQL: intake (online and staff entry with the Art. 31 receipt date),
// every allowed transition through the service and every forbidden one refused with the case unchanged, role and
// unit checks, optimistic locking, audit entries, the clock recomputed at each step (restart after supplement,
// pause for opinions, extension), the duplicate flag, internal notes kept from the applicant, and the throttled
// tracking page.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "gongkai/audit/store.hpp"
#include "gongkai/calendar/service.hpp"
#include "gongkai/privacy/identifiers.hpp"
#include "gongkai/disclosure/service.hpp"
#include "gongkai/requests/applicant_access.hpp"
#include "gongkai/requests/handling.hpp"
#include "gongkai/requests/service.hpp"
#include "gongkai/units/service.hpp"
#include "platform/assets.hpp"
#include "platform_test_db.hpp"

namespace gongkai::requests {
namespace {

using calendar::Date;
using units::Role;

Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }

std::string resident_id(const std::string& first17) { return first17 + privacy::resident_id_check_char(first17); }

class RequestsServiceTest : public gongkai_test::DbTest {
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
    f.name = "某某区人民政府";
    root_ = *units_->create(admin, f);
    f.kind = units::UnitKind::department;
    f.parent_id = root_;
    f.name = "区教育局";
    dept_ = *units_->create(admin, f);
    f.name = "区民政局";
    other_ = *units_->create(admin, f);
    h1_ = user("handler1", dept_, {Role::request_handler});
    h2_ = user("handler2", dept_, {Role::request_handler});
    h_other_ = user("handler3", other_, {Role::request_handler});
    sup_ = user("supervisor", root_, {Role::supervisor});
    editor_ = user("editor1", dept_, {Role::editor});
    svc_ = std::make_unique<RequestService>(db_, *cal_);
    svc_->today = [this] { return today_; };
  }

  void TearDown() override {
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
    EXPECT_TRUE(id.ok()) << id.error().message;
    units::Actor a;
    a.user_id = id.ok() ? *id : 0;
    a.username = username;
    a.display_name = nu.display_name;
    a.unit_id = unit;
    a.roles = roles;
    a.address = "192.0.2.10";
    return a;
  }

  ApplicationInput application(long long unit, std::string description = "2025年本区学校食堂招标文件及中标结果") {
    ApplicationInput in;
    in.unit_id = std::to_string(unit);
    in.applicant_type = "natural_person";
    in.name = "王小明";
    in.id_type = "resident_id";
    in.id_number = resident_id("11010519491231002");
    in.phone = "13800138000";
    in.email = "wang@example.cn";
    in.description = std::move(description);
    in.delivery = "email";
    return in;
  }

  units::Actor visitor(const std::string& address = "198.51.100.7") {
    units::Actor v;
    v.address = address;
    v.request_id = "t-1";
    return v;
  }

  store::Case load(long long id) {
    auto v = svc_->get(sup_, id);
    EXPECT_TRUE(v.ok()) << v.error().message;
    return v->c;
  }

  // A valid input for `a` on a case in its current state.
  ActionInput input_for(Action a, const store::Case& c) {
    ActionInput in;
    switch (a) {
      case Action::request_supplement:
        in.text = "请说明所需招标文件的项目名称";
        in.due = today_.add_days(15).iso();
        break;
      case Action::assign: in.assignee_id = h1_.user_id; break;
      case Action::reassign:
        in.assignee_id = c.assignee_id == h1_.user_id ? h2_.user_id : h1_.user_id;
        in.text = "原办理人休假";
        break;
      case Action::consult:
        in.kind = "third_party";
        in.party = "某某餐饮管理有限公司";
        break;
      case Action::receive_opinion: in.text = "不同意公开报价明细"; break;
      case Action::extend:
        in.days = 15;
        in.text = "需征求多个单位意见";
        break;
      case Action::fee_notice:
        in.basis = "by_pages";
        in.quantity = 120;
        break;
      case Action::draft_reply:
        in.outcome = "partial";
        in.text = "经审查，您申请的信息部分公开。";
        break;
      case Action::return_reply: in.text = "请补充法律依据"; break;
      case Action::close_duplicate: in.text = "与此前申请内容相同，已答复"; break;
      case Action::withdraw_no_supplement:
      case Action::withdraw_fee_unpaid:
        today_ = today_.add_days(60);  // after the applicant's deadline / the payment window
        break;
      default: break;
    }
    return in;
  }

  store::Case step(long long id, Action a, const units::Actor& who) {
    auto c = load(id);
    auto r = svc_->act(who, id, a, input_for(a, c), c.version);
    EXPECT_TRUE(r.ok()) << to_string(a) << ": " << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : c;
  }

  // A fresh request driven into `target`.
  long long in_state(State target) {
    today_ = d(2026, 3, 2);
    auto sub = svc_->submit_online(application(dept_, "申请公开" + std::to_string(++serial_) + "号学校的食堂招标文件全文"), visitor());
    EXPECT_TRUE(sub.ok()) << sub.error().message;
    long long id = sub->id;
    static const std::map<State, std::vector<Action>> paths = {
        {State::registered, {}},
        {State::supplement_requested, {Action::request_supplement}},
        {State::awaiting_supplement, {Action::request_supplement, Action::send_supplement_notice}},
        {State::supplemented, {Action::request_supplement, Action::send_supplement_notice, Action::receive_supplement}},
        {State::accepted, {Action::accept}},
        {State::assigned, {Action::accept, Action::assign}},
        {State::working, {Action::accept, Action::assign, Action::start_work}},
        {State::consulting, {Action::accept, Action::assign, Action::start_work, Action::consult}},
        {State::awaiting_fee, {Action::accept, Action::assign, Action::start_work, Action::fee_notice}},
        {State::reply_drafted, {Action::accept, Action::assign, Action::start_work, Action::draft_reply}},
        {State::reply_approved, {Action::accept, Action::assign, Action::start_work, Action::draft_reply, Action::approve_reply}},
        {State::replied,
         {Action::accept, Action::assign, Action::start_work, Action::draft_reply, Action::approve_reply, Action::send_reply}},
        {State::deemed_withdrawn, {Action::request_supplement, Action::send_supplement_notice, Action::withdraw_no_supplement}},
        {State::closed_duplicate, {Action::close_duplicate}},
        {State::archived, {Action::close_duplicate, Action::archive}},
    };
    for (Action a : paths.at(target)) {
      if (today_ < d(2026, 4, 1)) today_ = today_.add_days(1);
      step(id, a, transition(a).who == Who::supervisor ? sup_ : h1_);
    }
    EXPECT_EQ(load(id).state, target);
    return id;
  }

  std::vector<audit::Entry> audit_of(long long id) {
    audit::Query q;
    q.entity_type = "request";
    q.entity_id = std::to_string(id);
    q.limit = 500;
    return db_->read([&](soci::session& s) { return audit::find(s, q); });
  }

  std::unique_ptr<units::UnitService> units_;
  std::unique_ptr<units::AccountService> accounts_;
  std::unique_ptr<calendar::CalendarService> cal_;
  std::unique_ptr<RequestService> svc_;
  long long root_ = 0, dept_ = 0, other_ = 0;
  units::Actor h1_, h2_, h_other_, sup_, editor_;
  Date today_ = d(2026, 3, 2);
  int serial_ = 0;
};

TEST_P(RequestsServiceTest, EveryAllowedTransitionWorksAndEveryForbiddenOneIsRefused) {
  int allowed = 0, refused = 0;
  for (State s : all_states()) {
    long long probe = in_state(s);
    for (Action a : all_actions()) {
      if (next_state(s, a).ok()) {
        long long id = in_state(s);
        auto before = load(id);
        auto r = svc_->act(transition(a).who == Who::supervisor ? sup_ : h1_, id, a, input_for(a, before), before.version);
        ASSERT_TRUE(r.ok()) << to_string(s) << " + " << to_string(a) << ": " << r.error().message;
        EXPECT_EQ(r->state, *next_state(s, a));
        EXPECT_EQ(load(id).version, before.version + 1);
        auto audit = audit_of(id);
        ASSERT_FALSE(audit.empty());
        EXPECT_EQ(audit.front().action, "request." + std::string(to_string(a)));
        ++allowed;
      } else {
        auto before = load(probe);
        auto r = svc_->act(sup_, probe, a, input_for(a, before), before.version);
        ASSERT_FALSE(r.ok()) << to_string(s) << " + " << to_string(a) << " should be refused";
        EXPECT_EQ(r.error().code, "invalid_transition") << r.error().message;
        auto after = load(probe);
        EXPECT_EQ(after.version, before.version);
        EXPECT_EQ(after.state, s);
        ++refused;
      }
    }
  }
  EXPECT_EQ(allowed, 35);
  EXPECT_EQ(allowed + refused, static_cast<int>(all_states().size() * all_actions().size()));
}

TEST_P(RequestsServiceTest, ClockRestartsPausesAndExtendsAndExplainsItself) {
  // Received by registered post, signed for on Monday 2026-03-02 (Art. 31 (二)).
  today_ = d(2026, 3, 2);
  auto sub = svc_->enter(h1_, application(dept_), calendar::Channel::kPost, "2026-03-02");
  ASSERT_TRUE(sub.ok()) << sub.error().message;
  long long id = sub->id;
  auto c = load(id);
  EXPECT_EQ(c.channel, calendar::Channel::kPost);
  EXPECT_EQ(c.entered_by, h1_.user_id);
  EXPECT_EQ(c.due_on, "2026-03-30");  // 20 working days after 03-02
  EXPECT_EQ(c.supplement_notice_due_on, "2026-03-11");  // Art. 30: 7 working days
  EXPECT_NE(c.due_explanation.find("邮寄"), std::string::npos) << c.due_explanation;

  today_ = d(2026, 3, 4);
  step(id, Action::request_supplement, h1_);
  c = step(id, Action::send_supplement_notice, h1_);
  EXPECT_EQ(c.state, State::awaiting_supplement);
  EXPECT_EQ(c.due_on, c.supplement_due_on);  // nothing due from the agency; the applicant's deadline shows
  today_ = d(2026, 3, 9);
  c = step(id, Action::receive_supplement, h1_);
  EXPECT_EQ(c.supplement_received_on, "2026-03-09");
  EXPECT_EQ(c.due_on, "2026-04-07");  // restart: 20 working days after 03-09, skipping 清明 (04-04…04-06)
  EXPECT_NE(c.due_explanation.find("重新"), std::string::npos) << c.due_explanation;

  step(id, Action::accept, h1_);
  step(id, Action::assign, h1_);
  step(id, Action::start_work, h1_);
  today_ = d(2026, 3, 10);
  c = step(id, Action::consult, h1_);  // pause from 03-10
  today_ = d(2026, 3, 16);
  c = step(id, Action::receive_opinion, h1_);  // 03-10 … 03-16: 5 working days not counted
  EXPECT_EQ(c.due_on, "2026-04-14");
  // Extension needs the openness office.
  auto refused = svc_->act(h1_, id, Action::extend, input_for(Action::extend, c), c.version);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "forbidden");
  c = step(id, Action::extend, sup_);
  EXPECT_EQ(c.extension_days, 15);
  EXPECT_EQ(c.due_on, "2026-05-08");  // 15 more working days: 04-15 … 05-08 around 劳动节 (05-01…05-05, 05-09 调休)
  auto again = svc_->act(sup_, id, Action::extend, input_for(Action::extend, c), c.version);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "already_extended");

  // The stored explanation is exactly the clock's for the same facts (the public calculator uses that clock).
  calendar::ReplyInput in;
  in.received = d(2026, 3, 2);
  in.channel = calendar::Channel::kPost;
  in.supplement_notice_sent = d(2026, 3, 4);
  in.supplement_received = d(2026, 3, 9);
  in.pauses.push_back({calendar::PauseKind::kThirdPartyOpinion, d(2026, 3, 10), std::nullopt, d(2026, 3, 16)});
  in.extension = calendar::Extension{d(2026, 3, 16), 15};
  auto clock = calendar::compute_reply_clock(*cal_->current(), in, svc_->options().clock);
  ASSERT_TRUE(clock.ok());
  EXPECT_EQ(c.due_on, clock->effective_due()->date.iso());
  EXPECT_EQ(c.due_explanation, calendar::render_text(clock->effective_due()->explanation));
}

TEST_P(RequestsServiceTest, RolesUnitsLockingAndBadInputChangeNothing) {
  long long id = in_state(State::working);
  auto c = load(id);
  // Another unit's handler, an editor of the same unit and an anonymous visitor can neither see nor act.
  for (const auto& who : {h_other_, editor_, visitor()}) {
    EXPECT_EQ(svc_->get(who, id).error().code, "forbidden");
    auto r = svc_->act(who, id, Action::draft_reply, input_for(Action::draft_reply, c), c.version);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "forbidden");
    EXPECT_EQ(svc_->add_note(who, id, "看看").error().code, "forbidden");
  }
  EXPECT_EQ(svc_->queue(editor_).error().code, "forbidden");
  // Stale version.
  auto r = svc_->act(h1_, id, Action::draft_reply, input_for(Action::draft_reply, c), c.version - 1);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "stale_version");
  // Reassignment needs a reason and a handler of the unit.
  ActionInput in;
  in.assignee_id = h2_.user_id;
  EXPECT_EQ(svc_->act(h1_, id, Action::reassign, in, c.version).error().code, "required");
  in.text = "工作调整";
  in.assignee_id = h_other_.user_id;
  EXPECT_EQ(svc_->act(h1_, id, Action::reassign, in, c.version).error().code, "invalid_choice");
  // A reply must name a row of table 三 that a reply may use.
  ActionInput reply;
  reply.outcome = "other_fee_unpaid";
  reply.text = "答复";
  EXPECT_EQ(svc_->act(h1_, id, Action::draft_reply, reply, c.version).error().code, "invalid_choice");
  reply.outcome = "partial";
  reply.text = "  ";
  EXPECT_EQ(svc_->act(h1_, id, Action::draft_reply, reply, c.version).error().code, "required");
  // Dates in the future or unreadable.
  ActionInput consult = input_for(Action::consult, c);
  consult.date = today_.add_days(1).iso();
  EXPECT_EQ(svc_->act(h1_, id, Action::consult, consult, c.version).error().code, "invalid_date");
  consult.date = "2026/03/05";
  EXPECT_EQ(svc_->act(h1_, id, Action::consult, consult, c.version).error().code, "invalid_date");
  // Fee below the 109号 threshold is refused.
  ActionInput fee;
  fee.basis = "by_count";
  fee.quantity = 3;
  EXPECT_EQ(svc_->act(h1_, id, Action::fee_notice, fee, c.version).error().code, "fee_zero");
  // None of that changed the case or wrote an audit entry.
  auto after = load(id);
  EXPECT_EQ(after.version, c.version);
  EXPECT_EQ(after.state, State::working);
  EXPECT_EQ(audit_of(id).front().action, "request.start_work");

  // Queues: the handler sees the unit's requests only; the supervisor sees every unit.
  today_ = d(2026, 3, 2);
  auto other = svc_->submit_online(application(other_), visitor());
  ASSERT_TRUE(other.ok());
  auto q1 = svc_->queue(h1_);
  ASSERT_TRUE(q1.ok());
  for (const auto& item : *q1) EXPECT_EQ(item.c.unit_id, dept_);
  auto qs = svc_->queue(sup_);
  ASSERT_TRUE(qs.ok());
  EXPECT_EQ(qs->size(), q1->size() + 1);
  // Staff entry for another unit is refused.
  EXPECT_EQ(svc_->enter(h1_, application(other_), calendar::Channel::kInPerson, "").error().code, "forbidden");
  EXPECT_EQ(svc_->enter(h1_, application(dept_), calendar::Channel::kInPerson, "2099-01-01").error().code, "invalid_date");
}

TEST_P(RequestsServiceTest, OverdueAndDueSoonInTheQueue) {
  long long id = in_state(State::working);
  today_ = d(2026, 3, 27);  // due 2026-03-30 (Monday): Friday is within 3 working days
  auto q = svc_->queue(h1_);
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->size(), 1u);
  EXPECT_EQ(q->front().c.id, id);
  EXPECT_EQ(q->front().urgency, Urgency::due_soon);
  today_ = d(2026, 3, 31);
  EXPECT_EQ(svc_->queue(h1_)->front().urgency, Urgency::overdue);
  today_ = d(2026, 3, 3);
  EXPECT_EQ(svc_->queue(h1_)->front().urgency, Urgency::none);
}

TEST_P(RequestsServiceTest, DuplicatesAreFlaggedForTheSameApplicantAndUnit) {
  auto first = svc_->submit_online(application(dept_), visitor());
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->possible_duplicate);
  auto again = svc_->submit_online(application(dept_, "2025年本区学校食堂招标文件及中标结果。"), visitor());
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->possible_duplicate);
  auto v = svc_->get(h1_, again->id);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->duplicate_number, first->number);
  auto elsewhere = svc_->submit_online(application(other_), visitor());
  EXPECT_FALSE(elsewhere->possible_duplicate);
  auto different = svc_->submit_online(application(dept_, "本区2024年义务教育阶段招生计划"), visitor());
  EXPECT_FALSE(different->possible_duplicate);
  // The handler closes it as 重复申请 (table 三 （五）2).
  auto c = svc_->act(h1_, again->id, Action::close_duplicate, input_for(Action::close_duplicate, v->c), v->c.version);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->outcome, "not_processed_repeat");
}

TEST_P(RequestsServiceTest, TrackingShowsNoPersonalDataOrNotesAndIsThrottled) {
  auto sub = svc_->submit_online(application(dept_), visitor());
  ASSERT_TRUE(sub.ok()) << sub.error().message;
  EXPECT_EQ(sub->number.size(), 13u);
  EXPECT_EQ(sub->number.substr(0, 5), "2026-");
  EXPECT_EQ(sub->query_code.size(), 14u);
  ASSERT_TRUE(svc_->add_note(h1_, sub->id, "内部备注：申请人曾多次来电").ok());
  auto v = svc_->track(sub->number, sub->query_code, visitor());
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->state, State::registered);
  EXPECT_EQ(v->due_on, "2026-03-30");
  EXPECT_FALSE(v->due_explanation.empty());
  for (const auto& [at, text] : v->timeline) {
    EXPECT_EQ(text.find("内部备注"), std::string::npos);
    EXPECT_EQ(text.find("王小明"), std::string::npos);
  }
  // Lower case and spaces are fine; the stored code is only a hash.
  std::string typed = sub->query_code;
  for (char& ch : typed) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  EXPECT_TRUE(svc_->track(" " + sub->number + " ", typed, visitor()).ok());
  std::string stored = db_->read([&](soci::session& s) {
    std::string h;
    s << "SELECT query_hash FROM requests WHERE id = :id", soci::use(sub->id), soci::into(h);
    return h;
  });
  EXPECT_EQ(stored.find(sub->query_code), std::string::npos);

  // Wrong codes: the same message as an unknown number; after 5 failures for the number even the right code waits.
  for (int i = 0; i < 5; ++i) {
    auto bad = svc_->track(sub->number, "AAAA-BBBB-CCCC", visitor("203.0.113." + std::to_string(i)));
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, "track_failed");
  }
  auto unknown = svc_->track("2026-00000000", sub->query_code, visitor("203.0.113.50"));
  EXPECT_EQ(unknown.error().message, "申请编号或查询码不正确，请核对后重新输入。");
  EXPECT_EQ(svc_->track(sub->number, sub->query_code, visitor()).error().code, "throttled");
  // Housekeeping keeps the attempts of the last day (the window is 15 minutes).
  EXPECT_EQ(svc_->purge_expired(), 0);
  EXPECT_EQ(svc_->track(sub->number, sub->query_code, visitor()).error().code, "throttled");
}

TEST_P(RequestsServiceTest, ApplicantSupplementsOnlineAndTheClockRestarts) {
  today_ = d(2026, 3, 2);
  auto sub = svc_->submit_online(application(dept_), visitor());
  ASSERT_TRUE(sub.ok());
  // Nothing to supplement yet.
  EXPECT_EQ(svc_->supplement(sub->number, sub->query_code, "补充说明", visitor()).error().code, "invalid_transition");
  today_ = d(2026, 3, 3);
  step(sub->id, Action::request_supplement, h1_);
  step(sub->id, Action::send_supplement_notice, h1_);
  auto v = svc_->track(sub->number, sub->query_code, visitor());
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->state, State::awaiting_supplement);
  EXPECT_EQ(v->supplement_items, "请说明所需招标文件的项目名称");
  EXPECT_EQ(svc_->supplement(sub->number, sub->query_code, "   ", visitor()).error().code, "required");
  today_ = d(2026, 3, 9);
  auto after = svc_->supplement(sub->number, sub->query_code, "项目名称：城关小学食堂餐饮服务采购", visitor());
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_EQ(after->state, State::supplemented);
  EXPECT_EQ(after->due_on, "2026-04-07");
  auto c = load(sub->id);
  EXPECT_EQ(c.supplement_received_on, "2026-03-09");
  EXPECT_EQ(c.supplement_text, "项目名称：城关小学食堂餐饮服务采购");
  EXPECT_EQ(audit_of(sub->id).front().action, "request.receive_supplement");
}

TEST_P(RequestsServiceTest, InvalidApplicationsAndUnknownUnitsAreRefused) {
  auto in = application(dept_);
  in.id_number = "110105194912310021";
  if (privacy::is_valid_resident_id(in.id_number, std::chrono::year_month_day{std::chrono::year{2026}, std::chrono::March,
                                                                                std::chrono::day{2}})) {
    in.id_number = "110105194912310022";
  }
  auto r = svc_->submit_online(in, visitor());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "id_number");
  auto unknown = svc_->submit_online(application(999999), visitor());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "invalid_unit");
  EXPECT_TRUE(svc_->queue(sup_)->empty());
}

TEST_P(RequestsServiceTest, ACalendarChangeRecomputesOpenDeadlinesAuditedAndExplained) {
  long long open = in_state(State::working);
  long long closed = in_state(State::replied);
  ASSERT_EQ(load(open).due_on, "2026-03-30");
  std::string closed_due = load(closed).due_on;
  EXPECT_EQ(svc_->recompute_open(sup_).value(), 0);  // nothing changed yet
  EXPECT_EQ(svc_->recompute_open(h1_).error().code, "forbidden");
  // The office corrects 2026: Friday 2026-03-20 becomes a day off.
  auto text = platform::assets::read("config/calendar/2026.json");
  ASSERT_TRUE(text.has_value());
  std::string changed = *text;
  auto at = changed.find("\"holidays\": [");
  ASSERT_NE(at, std::string::npos);
  changed.insert(at + 13, "\n    {\"name\": \"临时调整\", \"from\": \"2026-03-20\", \"to\": \"2026-03-20\"},");
  auto imported = cal_->import_year(sup_, changed);
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  auto n = svc_->recompute_open(sup_);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 1);
  auto c = load(open);
  EXPECT_EQ(c.due_on, "2026-03-31");
  EXPECT_NE(c.due_explanation.find("临时调整"), std::string::npos) << c.due_explanation;
  EXPECT_EQ(load(closed).due_on, closed_due);  // closed cases keep their history
  EXPECT_EQ(audit_of(open).front().action, "request.recompute");
  auto v = svc_->get(sup_, open);
  EXPECT_EQ(v->events.back().public_text, "因工作日历调整，期限由 2026-03-30 调整为 2026-03-31。");
}

GONGKAI_DB_TEST_SUITE(RequestsServiceTest);

// ---- handling.hpp: appeals, co-handling, the sensitive record, splitting, Art. 44, statistics ----

class RequestsHandlingTest : public RequestsServiceTest {
 protected:
  void SetUp() override {
    RequestsServiceTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    data_dir_ = std::filesystem::temp_directory_path() / gongkai_test::unique_name("gk_handling");
    disclosure_ = std::make_unique<disclosure::DisclosureService>(db_, *units_, *cal_, data_dir_);
    handling_ = std::make_unique<HandlingService>(db_, *cal_, *disclosure_, *svc_);
  }
  void TearDown() override {
    handling_.reset();
    disclosure_.reset();
    std::error_code ec;
    if (!data_dir_.empty()) std::filesystem::remove_all(data_dir_, ec);
    RequestsServiceTest::TearDown();
  }
  std::filesystem::path data_dir_;
  std::unique_ptr<disclosure::DisclosureService> disclosure_;
  std::unique_ptr<HandlingService> handling_;
};

TEST(RequestsHandlingModel, AppealsAreValidated) {
  Date received = d(2026, 3, 2), today = d(2026, 6, 1);
  AppealInput in{"review", "", "2026-04-10", "某某区人民政府", "pending", "", ""};
  auto a = validate_appeal(in, received, today);
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_EQ(a->kind, AppealKind::review);
  EXPECT_EQ(a->result, AppealResult::pending);
  EXPECT_EQ(a->decided_on, "");
  auto err = [&](AppealInput x) { return validate_appeal(x, received, today).error().field; };
  EXPECT_EQ(err({"appeal", "", "2026-04-10", "某机关", "", "", ""}), "kind");
  EXPECT_EQ(err({"review", "1", "2026-04-10", "某机关", "", "", ""}), "after_review");  // 复议后起诉 is for suits
  EXPECT_EQ(err({"review", "", "2026-03-01", "某机关", "", "", ""}), "filed_on");      // before the request
  EXPECT_EQ(err({"review", "", "2026-06-02", "某机关", "", "", ""}), "filed_on");      // in the future
  EXPECT_EQ(err({"review", "", "2026/04/10", "某机关", "", "", ""}), "filed_on");
  EXPECT_EQ(err({"review", "", "2026-04-10", "  ", "", "", ""}), "authority");
  EXPECT_EQ(err({"review", "", "2026-04-10", "某机关", "won", "", ""}), "result");
  EXPECT_EQ(err({"review", "", "2026-04-10", "某机关", "upheld", "", ""}), "decided_on");  // decided needs a date
  EXPECT_EQ(err({"review", "", "2026-04-10", "某机关", "upheld", "2026-04-09", ""}), "decided_on");
  EXPECT_EQ(err({"review", "", "2026-04-10", "某机关", "pending", "2026-05-01", ""}), "decided_on");
  auto suit = validate_appeal({"litigation", "1", "2026-05-10", "某某区人民法院", "corrected", "2026-05-30", "撤销答复"},
                              received, today);
  ASSERT_TRUE(suit.ok()) << suit.error().message;
  EXPECT_TRUE(suit->after_review);
  EXPECT_EQ(suit->decided_on, "2026-05-30");
}

TEST(RequestsHandlingModel, Median) {
  EXPECT_FALSE(median({}).has_value());
  EXPECT_EQ(*median({7}), 7.0);
  EXPECT_EQ(*median({9, 1, 5}), 5.0);
  EXPECT_EQ(*median({1, 2}), 1.5);
  EXPECT_EQ(*median({3, 1, 4, 10}), 3.5);
}

TEST_P(RequestsHandlingTest, AppealsAreRecordedAndDecidedByTheHandlingUnitOnly) {
  long long id = in_state(State::replied);
  today_ = d(2026, 6, 1);
  AppealInput in{"review", "", "2026-04-10", "某某区人民政府", "pending", "", ""};
  EXPECT_EQ(handling_->record_appeal(h_other_, id, in).error().code, "forbidden");
  EXPECT_EQ(handling_->record_appeal(editor_, id, in).error().code, "forbidden");
  auto appeal = handling_->record_appeal(h1_, id, in);
  ASSERT_TRUE(appeal.ok()) << appeal.error().message;
  auto recs = handling_->records(h1_, id);
  ASSERT_TRUE(recs.ok());
  ASSERT_EQ(recs->appeals.size(), 1u);
  EXPECT_EQ(recs->appeals[0].result, AppealResult::pending);
  in.result = "corrected";
  in.decided_on = "2026-05-20";
  EXPECT_EQ(handling_->update_appeal(h1_, *appeal, in, 7).error().code, "stale_version");
  ASSERT_TRUE(handling_->update_appeal(h1_, *appeal, in, 1).ok());
  recs = handling_->records(sup_, id);
  EXPECT_EQ(recs->appeals[0].result, AppealResult::corrected);
  EXPECT_EQ(recs->appeals[0].decided_on, "2026-05-20");
  EXPECT_EQ(recs->appeals[0].version, 2);
  EXPECT_EQ(handling_->records(h_other_, id).error().code, "forbidden");
  bool found = false;
  for (const auto& e : db_->read([&](soci::session& s) {
         audit::Query q;
         q.entity_type = "request_appeal";
         q.limit = 10;
         return audit::find(s, q);
       })) {
    found = found || e.action == "request.appeal_update";
  }
  EXPECT_TRUE(found);
}

TEST_P(RequestsHandlingTest, CoHandlingUnitsContributeBeforeTheUnifiedReplyIsApproved) {
  long long id = in_state(State::working);
  EXPECT_EQ(handling_->ask_cohandling(h1_, id, dept_, "请提供意见").error().code, "invalid_unit");  // itself
  EXPECT_EQ(handling_->ask_cohandling(h_other_, id, other_, "请提供意见").error().code, "forbidden");
  EXPECT_EQ(handling_->ask_cohandling(h1_, id, other_, "  ").error().code, "required");
  ASSERT_TRUE(handling_->ask_cohandling(h1_, id, other_, "请提供贵局掌握的食堂供货合同").ok());
  EXPECT_EQ(handling_->ask_cohandling(h1_, id, other_, "再问一次").error().code, "duplicate");
  // The co-handling unit sees the matter without the applicant's personal data, and answers.
  auto q = handling_->cohandling_queue(h_other_);
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->size(), 1u);
  EXPECT_EQ((*q)[0].number, load(id).number);
  EXPECT_EQ(handling_->cohandling(h2_, id).error().code, "forbidden");  // the lead unit is not asked
  // The reply cannot be approved while a co-handling unit has not answered.
  step(id, Action::draft_reply, h1_);
  auto c = load(id);
  auto refused = svc_->act(sup_, id, Action::approve_reply, {}, c.version);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "cohandling_open");
  EXPECT_EQ(handling_->answer_cohandling(h_other_, id, "本局掌握供货合同，可以公开", 5).error().code, "stale_version");
  ASSERT_TRUE(handling_->answer_cohandling(h_other_, id, "本局掌握供货合同，可以公开", 1).ok());
  c = load(id);
  EXPECT_TRUE(svc_->act(sup_, id, Action::approve_reply, {}, c.version).ok());
  auto recs = handling_->records(h1_, id);
  ASSERT_EQ(recs->cohandlers.size(), 1u);
  EXPECT_EQ(recs->cohandlers[0].contribution, "本局掌握供货合同，可以公开");
}

TEST_P(RequestsHandlingTest, SensitiveRequestsNeedTheTalkRecordAndTheOfficesSignOff) {
  long long id = in_state(State::working);
  ASSERT_TRUE(handling_->flag_sensitive(h1_, id, "涉及群体性诉求").ok());
  EXPECT_EQ(handling_->flag_sensitive(h1_, id, "again").error().code, "duplicate");
  step(id, Action::draft_reply, h1_);
  auto c = load(id);
  EXPECT_EQ(svc_->act(sup_, id, Action::approve_reply, {}, c.version).error().code, "sensitive_unresolved");
  EXPECT_EQ(handling_->sign_off_sensitive(sup_, id, "同意").error().code, "invalid_transition");  // no talk yet
  EXPECT_EQ(handling_->record_talk(h1_, id, today_.add_days(1).iso(), "电话", "已沟通").error().code, "invalid_date");
  ASSERT_TRUE(handling_->record_talk(h1_, id, "", "电话", "已向申请人说明部分信息涉及第三方").ok());
  EXPECT_EQ(svc_->act(sup_, id, Action::approve_reply, {}, c.version).error().code, "sensitive_unresolved");
  EXPECT_EQ(handling_->sign_off_sensitive(h1_, id, "同意").error().code, "forbidden");
  ASSERT_TRUE(handling_->sign_off_sensitive(sup_, id, "同意按部分公开答复").ok());
  EXPECT_TRUE(svc_->act(sup_, id, Action::approve_reply, {}, c.version).ok());
  auto recs = handling_->records(h1_, id);
  ASSERT_TRUE(recs->sensitivity.has_value());
  EXPECT_TRUE(recs->sensitivity->signed_off());
  EXPECT_EQ(recs->sensitivity->sign_off_opinion, "同意按部分公开答复");
}

TEST_P(RequestsHandlingTest, SplittingKeepsTheReceiptDateAndTheQueryCode) {
  today_ = d(2026, 3, 2);
  auto sub = svc_->submit_online(application(dept_, "2025年食堂招标文件；以及2025年校车采购合同"), visitor());
  ASSERT_TRUE(sub.ok());
  today_ = d(2026, 3, 4);
  auto c = load(sub->id);
  EXPECT_EQ(svc_->split(h1_, sub->id, {"2025年食堂招标文件"}, c.version).error().code, "required");
  EXPECT_EQ(svc_->split(h1_, sub->id, {"2025年食堂招标文件", "合同"}, c.version).error().code, "description_too_short");
  EXPECT_EQ(svc_->split(h_other_, sub->id, {"2025年食堂招标文件", "2025年校车采购合同"}, c.version).error().code, "forbidden");
  EXPECT_EQ(svc_->split(h1_, sub->id, {"2025年食堂招标文件", "2025年校车采购合同"}, c.version + 1).error().code, "stale_version");
  auto parts = svc_->split(h1_, sub->id, {"2025年食堂招标文件", "", "2025年校车采购合同"}, c.version);
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_EQ(parts->size(), 1u);
  auto parent = load(sub->id), child = load((*parts)[0].first);
  EXPECT_EQ(parent.app.description, "2025年食堂招标文件");
  EXPECT_EQ(child.app.description, "2025年校车采购合同");
  EXPECT_EQ(child.received_on, parent.received_on);
  EXPECT_EQ(child.due_on, parent.due_on);
  EXPECT_EQ(child.unit_id, parent.unit_id);
  // The applicant follows both with the one code they were given.
  auto tracked = svc_->track(child.number, sub->query_code, visitor());
  ASSERT_TRUE(tracked.ok());
  EXPECT_EQ(tracked->description, "2025年校车采购合同");
  auto recs = handling_->records(h1_, sub->id);
  ASSERT_EQ(recs->split_into.size(), 1u);
  EXPECT_EQ(handling_->records(h1_, child.id)->split_from_number.value_or(""), parent.number);
  // Only before acceptance.
  long long accepted = in_state(State::accepted);
  EXPECT_EQ(svc_->split(h1_, accepted, {"2025年食堂招标文件", "2025年校车采购合同"}, load(accepted).version).error().code,
            "invalid_transition");
}

TEST_P(RequestsHandlingTest, FeeByCountUsesTheApplicantsApplicationsThatMonth) {
  today_ = d(2026, 3, 2);
  long long last = 0;
  for (int i = 1; i <= 11; ++i) {
    auto sub = svc_->submit_online(application(dept_, "第" + std::to_string(i) + "批次学校食堂原料采购的验收记录"), visitor());
    ASSERT_TRUE(sub.ok()) << sub.error().message;
    last = sub->id;
  }
  for (Action a : {Action::accept, Action::assign, Action::start_work}) step(last, a, h1_);
  auto c = load(last);
  ActionInput fee;
  fee.basis = "by_count";
  fee.quantity = 1;  // what was typed does not matter: the 11th this month
  auto r = svc_->act(h1_, last, Action::fee_notice, fee, c.version);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->fee_quantity, 11);
  EXPECT_EQ(r->fee_amount, fee_by_count(11));
}

TEST_P(RequestsHandlingTest, ReleasedInformationBecomesAProactiveDraft) {
  long long working = in_state(State::working);
  EXPECT_EQ(handling_->draft_proactive(h1_, working, "标题", "正文", std::nullopt).error().code, "invalid_transition");
  long long id = in_state(State::replied);  // replied with 部分公开
  EXPECT_EQ(handling_->draft_proactive(h_other_, id, "标题", "正文", std::nullopt).error().code, "forbidden");
  auto doc = handling_->draft_proactive(h1_, id, "2025年学校食堂招标文件", "招标文件全文见附件。", std::nullopt);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  auto recs = handling_->records(h1_, id);
  ASSERT_EQ(recs->drafts.size(), 1u);
  EXPECT_EQ(recs->drafts[0].document_id, *doc);
  EXPECT_EQ(recs->drafts[0].title, "2025年学校食堂招标文件");
  // It is a draft of the request's unit, waiting for the unit's editor and reviewer.
  auto staff = disclosure_->staff_document(sup_, *doc);
  ASSERT_TRUE(staff.ok()) << staff.error().message;
}

TEST_P(RequestsHandlingTest, PublicStatisticsCountWithoutPersonalData) {
  long long replied = in_state(State::replied);
  in_state(State::working);
  in_state(State::deemed_withdrawn);
  auto s = handling_->statistics(2026);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->district.received, 3);
  EXPECT_EQ(s->district.closed, 2);
  EXPECT_EQ(s->district.open, 1);
  ASSERT_EQ(s->groups.size(), 7u);
  EXPECT_EQ(s->groups.back(), "总计");
  EXPECT_EQ(s->district.by_group.back(), 2);
  EXPECT_EQ(s->district.by_group[1], 1);  // （二）部分公开
  EXPECT_EQ(s->district.by_group[5], 1);  // （六）其他处理
  ASSERT_EQ(s->units.size(), 1u);
  EXPECT_EQ(s->units[0].unit_id, dept_);
  auto c = load(replied);
  int expected = *cal_->current()->count_working_days(*Date::parse(c.received_on), *Date::parse(c.replied_on));
  EXPECT_EQ(s->district.median_working_days.value_or(-1), expected);
  // Another year has nothing received; the year before nothing at all.
  auto next = handling_->statistics(2025);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->district.received, 0);
  EXPECT_TRUE(next->units.empty());
  EXPECT_EQ(handling_->statistics(1999).error().code, "invalid_date");
}

TEST_P(RequestsHandlingTest, ApplicantsSignInByEmailLinkAndSeeAllTheirRequests) {
  ApplicantAccessOptions o;
  o.links_per_email = 3;
  ApplicantAccess access(db_, *svc_, o);
  EXPECT_EQ(access.request_link("wang@example.cn", visitor()).error().code, "unavailable");  // no mail yet
  std::vector<std::pair<std::string, std::string>> sent;
  access.send_link = [&](soci::session&, const std::string& email, const std::string& token) { sent.emplace_back(email, token); };
  today_ = d(2026, 3, 2);
  auto a = svc_->submit_online(application(dept_, "2025年学校食堂招标文件及中标结果"), visitor());
  auto b = svc_->submit_online(application(other_, "2025年养老服务补贴发放名单的统计口径"), visitor());
  auto other_applicant = application(dept_, "别人的申请：2025年校车采购合同");
  other_applicant.email = "li@example.cn";
  other_applicant.id_number = resident_id("11010519800101003");
  auto c = svc_->submit_online(other_applicant, visitor());
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());

  EXPECT_EQ(access.request_link("not an address", visitor()).error().code, "invalid_email");
  // An address without requests gets the same answer and no mail.
  ASSERT_TRUE(access.request_link("nobody@example.cn", visitor("203.0.113.1")).ok());
  EXPECT_TRUE(sent.empty());
  // The address as typed, in another case, still finds the requests.
  ASSERT_TRUE(access.request_link("  WANG@Example.CN ", visitor("203.0.113.2")).ok());
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].first, "wang@example.cn");
  EXPECT_EQ(access.sign_in("made-up").error().code, "link_invalid");
  auto session = access.sign_in(sent[0].second);
  ASSERT_TRUE(session.ok()) << session.error().message;
  EXPECT_EQ(access.sign_in(sent[0].second).error().code, "link_invalid");  // once only
  auto mine = access.mine(*session);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 2u);
  for (const auto& m : *mine) EXPECT_NE(m.number, c->number);
  auto view = access.view(*session, a->number);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->description, "2025年学校食堂招标文件及中标结果");
  EXPECT_EQ(access.view(*session, c->number).error().code, "not_found");  // someone else's
  EXPECT_EQ(access.view("forged", a->number).error().code, "signed_out");
  // Supplementing from the signed-in page.
  for (Action x : {Action::request_supplement, Action::send_supplement_notice}) step(a->id, x, h1_);
  auto supplemented = svc_->supplement_for_email(a->number, "wang@example.cn", "补充：2025年春季学期", visitor());
  ASSERT_TRUE(supplemented.ok()) << supplemented.error().message;
  EXPECT_EQ(supplemented->state, State::supplemented);
  EXPECT_EQ(svc_->supplement_for_email(c->number, "wang@example.cn", "x", visitor()).error().code, "not_found");
  access.sign_out(*session);
  EXPECT_EQ(access.mine(*session).error().code, "signed_out");
  // Throttled per address asked for, whatever the client address.
  ASSERT_TRUE(access.request_link("wang@example.cn", visitor("203.0.113.3")).ok());
  ASSERT_TRUE(access.request_link("wang@example.cn", visitor("203.0.113.4")).ok());
  EXPECT_EQ(access.request_link("wang@example.cn", visitor("203.0.113.5")).error().code, "throttled");
  EXPECT_GE(access.purge_expired(), 0);
}

GONGKAI_DB_TEST_SUITE(RequestsHandlingTest);

}  // namespace
}  // namespace gongkai::requests
