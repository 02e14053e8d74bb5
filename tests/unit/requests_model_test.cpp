// gongkai/requests/model: the state machine (every state × every action against an independent table), who may act,
// applicant types and outcomes (table 三 of the annual report, DOMAIN §5), application validation, duplicate
// similarity, request numbers and query codes, processing-fee bands (国办函〔2020〕109号) and urgency.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>
#include <string>

#include "gongkai/audit/model.hpp"
#include "gongkai/privacy/identifiers.hpp"
#include "gongkai/requests/model.hpp"

namespace gongkai::requests {
namespace {

using S = State;
using A = Action;
using std::chrono::year_month_day;
constexpr year_month_day kToday{std::chrono::year{2026}, std::chrono::November, std::chrono::day{28}};

// The allowed transitions, written out independently of the product's table: (from, action) → to.
const std::map<std::pair<S, A>, S>& expected() {
  static const std::map<std::pair<S, A>, S> m = {
      {{S::registered, A::request_supplement}, S::supplement_requested},
      {{S::supplement_requested, A::cancel_supplement}, S::registered},
      {{S::supplement_requested, A::send_supplement_notice}, S::awaiting_supplement},
      {{S::awaiting_supplement, A::receive_supplement}, S::supplemented},
      {{S::awaiting_supplement, A::withdraw_no_supplement}, S::deemed_withdrawn},
      {{S::registered, A::accept}, S::accepted},
      {{S::supplemented, A::accept}, S::accepted},
      {{S::accepted, A::assign}, S::assigned},
      {{S::assigned, A::reassign}, S::assigned},
      {{S::working, A::reassign}, S::working},
      {{S::consulting, A::reassign}, S::consulting},
      {{S::awaiting_fee, A::reassign}, S::awaiting_fee},
      {{S::reply_drafted, A::reassign}, S::reply_drafted},
      {{S::assigned, A::start_work}, S::working},
      {{S::working, A::consult}, S::consulting},
      {{S::consulting, A::receive_opinion}, S::working},
      {{S::working, A::extend}, S::working},
      {{S::consulting, A::extend}, S::consulting},
      {{S::awaiting_fee, A::extend}, S::awaiting_fee},
      {{S::working, A::fee_notice}, S::awaiting_fee},
      {{S::awaiting_fee, A::fee_paid}, S::working},
      {{S::awaiting_fee, A::withdraw_fee_unpaid}, S::deemed_withdrawn},
      {{S::working, A::draft_reply}, S::reply_drafted},
      {{S::reply_drafted, A::return_reply}, S::working},
      {{S::reply_approved, A::return_reply}, S::working},
      {{S::reply_drafted, A::approve_reply}, S::reply_approved},
      {{S::reply_approved, A::send_reply}, S::replied},
      {{S::registered, A::close_duplicate}, S::closed_duplicate},
      {{S::supplemented, A::close_duplicate}, S::closed_duplicate},
      {{S::accepted, A::close_duplicate}, S::closed_duplicate},
      {{S::assigned, A::close_duplicate}, S::closed_duplicate},
      {{S::working, A::close_duplicate}, S::closed_duplicate},
      {{S::replied, A::archive}, S::archived},
      {{S::deemed_withdrawn, A::archive}, S::archived},
      {{S::closed_duplicate, A::archive}, S::archived},
  };
  return m;
}

TEST(RequestsStateMachine, EveryStateTimesEveryActionMatchesTheTable) {
  int allowed = 0, refused = 0;
  for (S s : all_states()) {
    for (A a : all_actions()) {
      auto r = next_state(s, a);
      auto it = expected().find({s, a});
      if (it != expected().end()) {
        ASSERT_TRUE(r.ok()) << to_string(s) << " + " << to_string(a) << ": " << r.error().message;
        EXPECT_EQ(*r, it->second) << to_string(s) << " + " << to_string(a);
        ++allowed;
      } else {
        ASSERT_FALSE(r.ok()) << to_string(s) << " + " << to_string(a) << " should be refused";
        EXPECT_EQ(r.error().code, "invalid_transition");
        // The message names the current state and the action, in Chinese.
        EXPECT_NE(r.error().message.find(std::string(label(s))), std::string::npos) << r.error().message;
        EXPECT_NE(r.error().message.find(std::string(label(a))), std::string::npos) << r.error().message;
        ++refused;
      }
    }
  }
  EXPECT_EQ(allowed, static_cast<int>(expected().size()));
  EXPECT_EQ(allowed + refused, static_cast<int>(all_states().size() * all_actions().size()));
}

TEST(RequestsStateMachine, ActionsFromAgreesWithNextState) {
  for (S s : all_states()) {
    std::set<A> listed;
    for (A a : actions_from(s)) listed.insert(a);
    for (A a : all_actions()) EXPECT_EQ(listed.count(a) == 1, next_state(s, a).ok()) << to_string(s) << " " << to_string(a);
  }
  EXPECT_TRUE(actions_from(S::archived).empty());  // the end
}

TEST(RequestsStateMachine, EveryActionHasOneRowAndEveryStateIsReachable) {
  std::set<A> rows;
  for (const auto& t : transitions()) EXPECT_TRUE(rows.insert(t.action).second) << to_string(t.action);
  EXPECT_EQ(rows.size(), all_actions().size());
  std::set<S> reached{S::registered};
  bool grew = true;
  while (grew) {
    grew = false;
    for (S s : std::set<S>(reached)) {
      for (A a : actions_from(s)) grew |= reached.insert(*next_state(s, a)).second;
    }
  }
  EXPECT_EQ(reached.size(), all_states().size());
}

TEST(RequestsStateMachine, EveryActionHasAChineseAuditLabel) {
  for (A a : all_actions()) {
    std::string code = "request." + std::string(to_string(a));
    EXPECT_NE(audit::action_label(code), code) << code;
  }
  for (const char* code : {"request.submit", "request.enter", "request.note"}) EXPECT_NE(audit::action_label(code), code);
}

TEST(RequestsStateMachine, CodesAndLabelsRoundTrip) {
  std::set<std::string_view> codes, labels;
  for (S s : all_states()) {
    EXPECT_EQ(state_from(to_string(s)), s);
    EXPECT_TRUE(codes.insert(to_string(s)).second);
    EXPECT_TRUE(labels.insert(label(s)).second);
  }
  for (A a : all_actions()) {
    EXPECT_EQ(action_from(to_string(a)), a);
    EXPECT_FALSE(label(a).empty());
  }
  EXPECT_FALSE(state_from("Registered"));
  EXPECT_FALSE(action_from(""));
  EXPECT_TRUE(is_closed(S::replied));
  EXPECT_TRUE(is_closed(S::deemed_withdrawn));
  EXPECT_FALSE(is_closed(S::consulting));
}

units::Actor actor(long long unit, std::set<units::Role> roles) {
  units::Actor a;
  a.user_id = 7;
  a.unit_id = unit;
  a.roles = std::move(roles);
  return a;
}

TEST(RequestsPermissions, HandlerOfTheUnitSupervisorForSignOff) {
  using units::Role;
  auto handler = actor(5, {Role::request_handler});
  auto other_unit = actor(6, {Role::request_handler});
  auto editor = actor(5, {Role::editor, Role::unit_admin});
  auto supervisor = actor(1, {Role::supervisor});
  auto sysadmin = actor(1, {Role::sysadmin});
  units::Actor anonymous;
  for (A a : all_actions()) {
    bool signoff = a == A::approve_reply || a == A::extend;
    EXPECT_EQ(may_act(handler, a, 5), !signoff) << to_string(a);
    EXPECT_FALSE(may_act(other_unit, a, 5)) << to_string(a);
    EXPECT_FALSE(may_act(editor, a, 5)) << to_string(a);
    EXPECT_FALSE(may_act(anonymous, a, 5)) << to_string(a);
    EXPECT_TRUE(may_act(supervisor, a, 5)) << to_string(a);
    EXPECT_EQ(may_act(sysadmin, a, 5), !signoff) << to_string(a);
  }
  EXPECT_TRUE(may_view(handler, 5));
  EXPECT_FALSE(may_view(other_unit, 5));
  EXPECT_FALSE(may_view(editor, 5));
  EXPECT_TRUE(may_view(supervisor, 5));
  EXPECT_TRUE(may_view(sysadmin, 5));
  EXPECT_FALSE(may_view(anonymous, 0));
}

TEST(RequestsTable3, SevenApplicantColumns) {
  std::vector<std::string> got;
  for (auto t : all_applicant_types()) got.emplace_back(label(t));
  EXPECT_EQ(got, (std::vector<std::string>{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"}));
  for (auto t : all_applicant_types()) EXPECT_EQ(applicant_type_from(to_string(t)), t);
  EXPECT_FALSE(is_organisation(ApplicantType::natural_person));
  EXPECT_TRUE(is_organisation(ApplicantType::other_org));
}

TEST(RequestsTable3, OutcomesAreExactlyTheRowsOfSectionThree) {
  const std::vector<std::string> rows = {
      "（一）予以公开",
      "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
      "（三）不予公开 1.属于国家秘密",
      "（三）不予公开 2.其他法律行政法规禁止公开",
      "（三）不予公开 3.危及“三安全一稳定”",
      "（三）不予公开 4.保护第三方合法权益",
      "（三）不予公开 5.属于三类内部事务信息",
      "（三）不予公开 6.属于四类过程性信息",
      "（三）不予公开 7.属于行政执法案卷",
      "（三）不予公开 8.属于行政查询事项",
      "（四）无法提供 1.本机关不掌握相关政府信息",
      "（四）无法提供 2.没有现成信息需要另行制作",
      "（四）无法提供 3.补正后申请内容仍不明确",
      "（五）不予处理 1.信访举报投诉类申请",
      "（五）不予处理 2.重复申请",
      "（五）不予处理 3.要求提供公开出版物",
      "（五）不予处理 4.无正当理由大量反复申请",
      "（五）不予处理 5.要求行政机关确认或重新出具已获取信息",
      "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
      "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
      "（六）其他处理 3.其他",
  };
  ASSERT_EQ(all_outcomes().size(), rows.size());
  std::set<std::string_view> codes;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& o = all_outcomes()[i];
    EXPECT_EQ(label(o.outcome), rows[i]);
    EXPECT_EQ(outcome_from(o.code), o.outcome);
    EXPECT_TRUE(codes.insert(o.code).second);
  }
  // The two deemed-withdrawn rows are reached by transitions, not chosen in a reply.
  EXPECT_FALSE(info(Outcome::other_no_supplement).in_reply);
  EXPECT_FALSE(info(Outcome::other_fee_unpaid).in_reply);
  EXPECT_TRUE(info(Outcome::partial).in_reply);
  EXPECT_FALSE(outcome_from("published"));
}

// A valid resident ID made with the product's own check character (110105 = 北京朝阳).
std::string resident_id(const std::string& first17) { return first17 + privacy::resident_id_check_char(first17); }

ApplicationInput person() {
  ApplicationInput in;
  in.unit_id = "3";
  in.applicant_type = "natural_person";
  in.name = " 王小明 ";
  in.id_type = "resident_id";
  in.id_number = resident_id("11010519491231002");
  in.phone = "138 0013 8000";
  in.email = "";
  in.address = "";
  in.description = "2025年本区老旧小区改造项目清单及资金安排";
  in.delivery = "online";
  return in;
}

TEST(RequestsApplication, ValidPersonIsNormalised) {
  auto r = validate_application(person(), kToday);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->unit_id, 3);
  EXPECT_EQ(r->name, "王小明");
  EXPECT_EQ(r->phone, "13800138000");
  EXPECT_EQ(r->delivery, Delivery::online);
  EXPECT_EQ(applicant_key(*r), "resident_id:" + resident_id("11010519491231002"));
  auto lower = person();
  lower.id_number = "11010519491231002x";
  if (privacy::resident_id_check_char("11010519491231002") == 'X') {
    auto r2 = validate_application(lower, kToday);
    ASSERT_TRUE(r2.ok());
    EXPECT_EQ(r2->id_number.back(), 'X');
  }
}

TEST(RequestsApplication, ValidOrganisationNeedsCreditCodeAndContactPerson) {
  auto in = person();
  in.applicant_type = "legal_services";
  in.name = "某某律师事务所";
  in.id_type = "credit_code";
  in.id_number = std::string("31330000MD0000001").append(1, privacy::credit_code_check_char("31330000MD0000001"));
  auto r = validate_application(in, kToday);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "contact_person");
  in.contact_person = "李律师";
  r = validate_application(in, kToday);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->applicant_type, ApplicantType::legal_services);
  in.id_type = "resident_id";
  r = validate_application(in, kToday);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "invalid_id_type");
}

TEST(RequestsApplication, EachBadFieldIsNamedInChinese) {
  struct Case {
    std::function<void(ApplicationInput&)> change;
    std::string code, field;
  };
  std::vector<Case> cases = {
      {[](auto& i) { i.unit_id = ""; }, "required", "unit_id"},
      {[](auto& i) { i.unit_id = "x1"; }, "invalid_choice", "unit_id"},
      {[](auto& i) { i.applicant_type = "alien"; }, "invalid_choice", "applicant_type"},
      {[](auto& i) { i.name = "  "; }, "required", "name"},
      {[](auto& i) { i.name = std::string(101 * 3, 'a'); }, "too_long", "name"},
      {[](auto& i) { i.id_type = "credit_code"; }, "invalid_id_type", "id_type"},
      {[](auto& i) { i.id_type = ""; }, "invalid_choice", "id_type"},
      {[](auto& i) { i.id_number = ""; }, "required", "id_number"},
      {[](auto& i) { i.id_number = resident_id("11010519491231002"); i.id_number.back() = i.id_number.back() == '0' ? '1' : '0'; },
       "invalid_resident_id", "id_number"},
      {[](auto& i) { i.phone = "12345678901"; }, "invalid_mobile", "phone"},
      {[](auto& i) { i.phone = "电话"; }, "invalid_phone", "phone"},
      {[](auto& i) { i.email = "not-an-email"; }, "invalid_email", "email"},
      {[](auto& i) { i.postcode = "12345"; }, "invalid_postcode", "postcode"},
      {[](auto& i) { i.phone = ""; }, "contact_required", "phone"},
      {[](auto& i) { i.description = "文件"; }, "description_too_short", "description"},
      {[](auto& i) { i.description = ""; }, "required", "description"},
      {[](auto& i) { i.delivery = "pigeon"; }, "invalid_choice", "delivery"},
      {[](auto& i) { i.delivery = "email"; }, "required", "email"},
      {[](auto& i) { i.delivery = "post"; }, "required", "address"},
  };
  for (const auto& c : cases) {
    auto in = person();
    c.change(in);
    auto r = validate_application(in, kToday);
    ASSERT_FALSE(r.ok()) << c.code;
    EXPECT_EQ(r.error().code, c.code) << r.error().message;
    EXPECT_EQ(r.error().field, c.field) << c.code;
    EXPECT_FALSE(r.error().message.empty());
    EXPECT_GE(static_cast<unsigned char>(r.error().message[0]), 0x80u) << "message in Chinese: " << r.error().message;
  }
  // A resident ID born in the future is refused (GB 11643 via the privacy module).
  auto in = person();
  in.id_number = resident_id("11010520991231002");
  EXPECT_EQ(validate_application(in, kToday).error().code, "invalid_resident_id");
}

TEST(RequestsDuplicates, NearIdenticalIgnoresPunctuationAndSpacing) {
  EXPECT_TRUE(near_identical("2025年本区老旧小区改造项目清单", "2025年 本区老旧小区改造项目清单。"));
  EXPECT_TRUE(near_identical("请公开2025年本区老旧小区改造项目清单及资金安排", "请公开2025年本区老旧小区改造项目清单和资金安排"));
  EXPECT_FALSE(near_identical("2025年本区老旧小区改造项目清单", "2024年本区道路养护合同"));
  EXPECT_DOUBLE_EQ(description_similarity("ABC", "abc"), 1.0);
  EXPECT_DOUBLE_EQ(description_similarity("", "x"), 0.0);
  double s = description_similarity("请公开A项目合同", "请公开B项目合同");
  EXPECT_GT(s, 0.5);
  EXPECT_LT(s, 0.85);
}

TEST(RequestsNumbers, NumbersAndCodesAreRandomAndNormalised) {
  std::string entropy = "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x1f";
  EXPECT_EQ(make_request_number(2026, entropy), "2026-12345678");
  EXPECT_EQ(make_query_code(entropy), "1234-5678-9ABZ");
  EXPECT_EQ(normalize_request_number(" 2026-12345678 "), "2026-12345678");
  EXPECT_EQ(normalize_request_number("2026-abcdefgh"), "2026-ABCDEFGH");
  EXPECT_EQ(normalize_request_number("2026-OIL00000"), "2026-01100000");
  EXPECT_FALSE(normalize_request_number("2026-1234567"));
  EXPECT_FALSE(normalize_request_number("20A6-12345678"));
  EXPECT_FALSE(normalize_request_number("2026-1234567U"));
  EXPECT_EQ(normalize_query_code("1234 5678 9abz"), "1234-5678-9ABZ");
  EXPECT_FALSE(normalize_query_code("1234-5678"));
  EXPECT_FALSE(normalize_query_code("1234-5678-9AB!"));
  EXPECT_FALSE(normalize_query_code("<script>"));
}

TEST(RequestsFees, BandsOf109) {
  EXPECT_EQ(fee_by_count(1), 0);
  EXPECT_EQ(fee_by_count(10), 0);
  EXPECT_EQ(fee_by_count(11), 100);
  EXPECT_EQ(fee_by_count(30), 100);
  EXPECT_EQ(fee_by_count(31), 200);
  EXPECT_EQ(fee_by_count(40), 200);
  EXPECT_EQ(fee_by_count(41), 300);
  EXPECT_EQ(fee_by_count(50), 300);
  EXPECT_EQ(fee_by_count(51), 400);
  EXPECT_EQ(fee_by_pages(0), 0);
  EXPECT_EQ(fee_by_pages(30), 0);
  EXPECT_EQ(fee_by_pages(31), 10);
  EXPECT_EQ(fee_by_pages(100), 700);
  EXPECT_EQ(fee_by_pages(101), 720);
  EXPECT_EQ(fee_by_pages(200), 2700);
  EXPECT_EQ(fee_by_pages(201), 2740);
  for (auto b : {FeeBasis::by_count, FeeBasis::by_pages}) EXPECT_EQ(fee_basis_from(to_string(b)), b);
}

TEST(RequestsUrgency, OverdueAndDueSoonCountWorkingDays) {
  calendar::YearNotice n;
  n.year = 2026;
  n.published = true;
  n.sources.push_back({"通知", "https://www.gov.cn/"});
  n.holidays.push_back({"国庆节", *calendar::Date::from_ymd(2026, 10, 1), *calendar::Date::from_ymd(2026, 10, 7)});
  auto cal = calendar::WorkdayCalendar::build({n});
  ASSERT_TRUE(cal.ok()) << cal.error().message;
  auto d = [](int m, int day) { return *calendar::Date::from_ymd(2026, m, day); };
  EXPECT_EQ(urgency(*cal, d(9, 10), d(9, 9)), Urgency::overdue);
  EXPECT_EQ(urgency(*cal, d(9, 10), d(9, 10)), Urgency::due_soon);
  EXPECT_EQ(urgency(*cal, d(9, 10), d(9, 15)), Urgency::due_soon);  // Fri, Mon, Tue: 3 working days
  EXPECT_EQ(urgency(*cal, d(9, 10), d(9, 16)), Urgency::none);
  // Across National Day: 2026-09-30 → 2026-10-09 is only 2 working days (10-08, 10-09).
  EXPECT_EQ(urgency(*cal, d(9, 30), d(10, 9)), Urgency::due_soon);
}

}  // namespace
}  // namespace gongkai::requests
