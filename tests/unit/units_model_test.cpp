// gongkai/units/model: unit validation and the tree's shape, leaders text, roles, permission truth tables,
// password rules and usernames. Pure functions: no database.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "gongkai/privacy/identifiers.hpp"
#include "gongkai/units/model.hpp"

namespace gongkai::units {
namespace {

std::string credit(const std::string& first17) { return first17 + privacy::credit_code_check_char(first17); }

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

UnitFields department() {
  UnitFields f;
  f.kind = UnitKind::department;
  f.parent_id = 1;
  f.name = "区发展和改革局";
  return f;
}

void expect_error(const Result<UnitFields>& r, const std::string& code, const std::string& field,
                  const std::string& what) {
  ASSERT_FALSE(r.ok()) << what;
  EXPECT_EQ(r.error().code, code) << what;
  EXPECT_EQ(r.error().field, field) << what;
  EXPECT_FALSE(r.error().message.empty()) << what;
}

// ---------------------------------------------------------------------------------------------------------------
// UnitKind
// ---------------------------------------------------------------------------------------------------------------

TEST(UnitsModel, UnitKindsRoundTrip) {
  for (auto k : {UnitKind::government, UnitKind::department, UnitKind::town, UnitKind::section}) {
    EXPECT_EQ(unit_kind_from(to_string(k)), k);
    EXPECT_FALSE(label(k).empty());
  }
  EXPECT_EQ(to_string(UnitKind::town), "town");
  EXPECT_EQ(label(UnitKind::town), "镇街");
  EXPECT_EQ(label(UnitKind::government), "区政府");
  EXPECT_EQ(unit_kind_from("Town"), std::nullopt);
  EXPECT_EQ(unit_kind_from(""), std::nullopt);
  EXPECT_EQ(unit_kind_from("bureau"), std::nullopt);
}

// ---------------------------------------------------------------------------------------------------------------
// validate_unit
// ---------------------------------------------------------------------------------------------------------------

TEST(UnitsModel, ValidUnitIsTrimmedAndNormalised) {
  UnitFields f = department();
  f.name = "  区发展和改革局\u3000";
  f.short_name = "\t发改局 ";
  f.credit_code = " " + [] {
    std::string c = credit("11330100MB0123456");
    for (auto& ch : c) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return c;
  }() + " ";
  f.functions = "\n负责全区国民经济和社会发展规划。\n";
  f.phone = "0571-87654321";
  f.email = "fgj@example.gov.cn";
  f.postcode = "310000";
  auto r = validate_unit(f, UnitKind::government);
  ASSERT_TRUE(r.ok()) << r.error().code << " " << r.error().field;
  EXPECT_EQ(r->name, "区发展和改革局");
  EXPECT_EQ(r->short_name, "发改局");
  EXPECT_EQ(r->credit_code, credit("11330100MB0123456"));
  EXPECT_EQ(r->functions, "负责全区国民经济和社会发展规划。");
  EXPECT_EQ(r->parent_id, 1);
  EXPECT_EQ(r->kind, UnitKind::department);
}

TEST(UnitsModel, NameIsRequired) {
  for (const char* name : {"", "   ", "\u3000\u3000", "\t\r\n"}) {
    UnitFields f = department();
    f.name = name;
    expect_error(validate_unit(f, UnitKind::government), "required", "name", name);
  }
}

TEST(UnitsModel, LengthLimitsCountCharactersNotBytes) {
  struct Case {
    std::string UnitFields::*member;
    int max;
    const char* field;
  };
  for (const Case& c : {Case{&UnitFields::name, 60, "name"}, Case{&UnitFields::short_name, 20, "short_name"},
                        Case{&UnitFields::address, 120, "address"},
                        Case{&UnitFields::office_hours, 120, "office_hours"},
                        Case{&UnitFields::functions, 20000, "functions"},
                        Case{&UnitFields::disclosure_address, 120, "disclosure_address"}}) {
    UnitFields at = department();
    at.*c.member = repeat("区", c.max);  // 3 bytes each: the byte length is far over the limit
    EXPECT_TRUE(validate_unit(at, UnitKind::government).ok()) << c.field;
    UnitFields over = department();
    over.*c.member = repeat("区", c.max + 1);
    expect_error(validate_unit(over, UnitKind::government), "too_long", c.field, c.field);
  }
}

TEST(UnitsModel, AtMostThirtyLeaders) {
  UnitFields f = department();
  f.leaders.assign(30, Leader{"张三", "局长", ""});
  EXPECT_TRUE(validate_unit(f, UnitKind::government).ok());
  f.leaders.push_back(Leader{"李四", "副局长", ""});
  expect_error(validate_unit(f, UnitKind::government), "too_long", "leaders", "31 leaders");
}

TEST(UnitsModel, CreditCodeIsChecked) {
  for (const std::string& bad : {std::string("123"), credit("11330100MB0123456").substr(0, 17) + "0",
                                 std::string("11330100MB012345I0"), std::string("区区区区区区")}) {
    UnitFields f = department();
    f.credit_code = bad;
    // (a wrong check character might by chance be right: make sure the case is really wrong)
    if (privacy::is_valid_credit_code(bad)) continue;
    expect_error(validate_unit(f, UnitKind::government), "invalid_credit_code", "credit_code", bad);
  }
  UnitFields empty = department();
  empty.credit_code = "  ";
  auto r = validate_unit(empty, UnitKind::government);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->credit_code, "");
}

TEST(UnitsModel, PhoneNumbersAsPeopleWriteThem) {
  for (const char* good : {"0571-87654321", "(0571)87654321 转 8001", "12345", "（0571）87654321", "+86 571 8765 4321",
                           "87654321，87654322", "123"}) {
    for (auto member : {&UnitFields::phone, &UnitFields::fax, &UnitFields::disclosure_phone,
                        &UnitFields::disclosure_fax}) {
      UnitFields f = department();
      f.*member = good;
      EXPECT_TRUE(validate_unit(f, UnitKind::government).ok()) << good;
    }
  }
  struct Case {
    std::string UnitFields::*member;
    const char* field;
  };
  for (const char* bad : {"12", "phone", "0571-8765432x", "12345@", "0571/87654321", "1234567890123456789012345678901234567890123"}) {
    for (const Case& c : {Case{&UnitFields::phone, "phone"}, Case{&UnitFields::fax, "fax"},
                          Case{&UnitFields::disclosure_phone, "disclosure_phone"},
                          Case{&UnitFields::disclosure_fax, "disclosure_fax"}}) {
      UnitFields f = department();
      f.*c.member = bad;
      expect_error(validate_unit(f, UnitKind::government), "invalid_phone", c.field, bad);
    }
  }
}

TEST(UnitsModel, EmailAddresses) {
  for (const char* bad : {"fgj", "fgj@", "@example.cn", "a@@example.cn", "a@b@example.cn", "a@example", "a@.cn",
                          "a@example.", "a b@example.cn", "<a@example.cn>", "a@exa\"mple.cn"}) {
    UnitFields f = department();
    f.email = bad;
    expect_error(validate_unit(f, UnitKind::government), "invalid_email", "email", bad);
    UnitFields g = department();
    g.disclosure_email = bad;
    expect_error(validate_unit(g, UnitKind::government), "invalid_email", "disclosure_email", bad);
  }
  UnitFields ok = department();
  ok.email = " gk@mail.example.gov.cn ";
  ok.disclosure_email = "xxgk.fgj@example.cn";
  auto r = validate_unit(ok, UnitKind::government);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->email, "gk@mail.example.gov.cn");
}

TEST(UnitsModel, Postcodes) {
  for (const char* bad : {"31000", "3100000", "31000a", "３１００００", "一二"}) {
    UnitFields f = department();
    f.postcode = bad;
    expect_error(validate_unit(f, UnitKind::government), "invalid_postcode", "postcode", bad);
    UnitFields g = department();
    g.disclosure_postcode = bad;
    expect_error(validate_unit(g, UnitKind::government), "invalid_postcode", "disclosure_postcode", bad);
  }
  UnitFields ok = department();
  ok.postcode = " 310000 ";
  EXPECT_EQ(validate_unit(ok, UnitKind::government)->postcode, "310000");
}

TEST(UnitsModel, TreeShapeRules) {
  using K = UnitKind;
  struct Case {
    K kind;
    std::optional<K> parent;
    bool ok;
  };
  const std::vector<Case> cases = {
      {K::government, std::nullopt, true}, {K::government, K::government, false}, {K::government, K::department, false},
      {K::department, std::nullopt, false}, {K::department, K::government, true}, {K::department, K::department, false},
      {K::department, K::town, false},      {K::department, K::section, false},   {K::town, std::nullopt, false},
      {K::town, K::government, true},       {K::town, K::town, false},            {K::town, K::section, false},
      {K::section, std::nullopt, false},    {K::section, K::government, false},   {K::section, K::department, true},
      {K::section, K::town, true},          {K::section, K::section, false},
  };
  for (const Case& c : cases) {
    UnitFields f = department();
    f.kind = c.kind;
    f.parent_id = c.parent ? std::optional<long long>(7) : std::nullopt;
    auto r = validate_unit(f, c.parent);
    const std::string what = std::string(to_string(c.kind)) + " under " +
                             (c.parent ? std::string(to_string(*c.parent)) : std::string("nothing"));
    if (c.ok) {
      EXPECT_TRUE(r.ok()) << what;
    } else {
      expect_error(r, "invalid_parent", "parent_id", what);
    }
  }
}

TEST(UnitsModel, FirstErrorIsTheNameBeforeEverythingElse) {
  UnitFields f = department();
  f.name = "";
  f.email = "bad";
  f.credit_code = "bad";
  f.kind = UnitKind::government;
  expect_error(validate_unit(f, UnitKind::government), "required", "name", "several errors");
}

// ---------------------------------------------------------------------------------------------------------------
// Leaders
// ---------------------------------------------------------------------------------------------------------------

TEST(UnitsModel, ParseLeadersAcceptsFullWidthBarsAsciiBarsAndTabs) {
  auto l = parse_leaders(
      "张三｜局长｜主持全面工作\n"
      "李四 | 副局长 | 分管规划 | 分管价格\r\n"
      "\n"
      "王五\t副局长\n"
      "  ｜没有姓名的行被忽略\n"
      "赵六\n");
  ASSERT_EQ(l.size(), 4u);
  EXPECT_EQ(l[0].name, "张三");
  EXPECT_EQ(l[0].title, "局长");
  EXPECT_EQ(l[0].duties, "主持全面工作");
  EXPECT_EQ(l[1].name, "李四");
  EXPECT_EQ(l[1].title, "副局长");
  EXPECT_EQ(l[1].duties, "分管规划；分管价格");
  EXPECT_EQ(l[2].name, "王五");
  EXPECT_EQ(l[2].title, "副局长");
  EXPECT_EQ(l[2].duties, "");
  EXPECT_EQ(l[3].name, "赵六");
  EXPECT_EQ(l[3].title, "");
  EXPECT_TRUE(parse_leaders("").empty());
  EXPECT_TRUE(parse_leaders("\n\n  \n").empty());
}

TEST(UnitsModel, FormatAndParseLeadersRoundTrip) {
  const std::vector<Leader> leaders = {{"张三", "局长", "主持全面工作"}, {"李四", "副局长", ""}, {"王五", "", ""},
                                       {"Ann Lee", "Deputy", "规划；价格"}};
  const std::string text = format_leaders(leaders);
  EXPECT_EQ(text, "张三｜局长｜主持全面工作\n李四｜副局长\n王五｜\nAnn Lee｜Deputy｜规划；价格\n");
  auto back = parse_leaders(text);
  ASSERT_EQ(back.size(), leaders.size());
  for (std::size_t i = 0; i < leaders.size(); ++i) {
    EXPECT_EQ(back[i].name, leaders[i].name);
    EXPECT_EQ(back[i].title, leaders[i].title);
    EXPECT_EQ(back[i].duties, leaders[i].duties);
  }
  EXPECT_EQ(format_leaders(back), text);
  EXPECT_EQ(format_leaders({}), "");
}

// ---------------------------------------------------------------------------------------------------------------
// Roles and actors
// ---------------------------------------------------------------------------------------------------------------

TEST(UnitsModel, RolesRoundTripAndHaveDistinctLabels) {
  ASSERT_EQ(all_roles().size(), 7u);
  std::set<std::string_view> names, labels;
  for (Role r : all_roles()) {
    EXPECT_EQ(role_from(to_string(r)), r);
    names.insert(to_string(r));
    labels.insert(label(r));
  }
  EXPECT_EQ(names.size(), 7u);
  EXPECT_EQ(labels.size(), 7u);
  EXPECT_EQ(to_string(Role::request_handler), "request_handler");
  EXPECT_EQ(role_from("unit_admin"), Role::unit_admin);
  EXPECT_EQ(label(Role::supervisor), "政务公开办督查人员");
  EXPECT_EQ(label(Role::editor), "信息员");
  for (const char* bad : {"", "admin", "Sysadmin", "sysadmin ", "editor,reviewer"}) {
    EXPECT_EQ(role_from(bad), std::nullopt) << bad;
  }
}

Actor user(long long unit, std::set<Role> roles) {
  Actor a;
  a.user_id = 100 + unit;
  a.username = "u" + std::to_string(unit);
  a.unit_id = unit;
  a.roles = std::move(roles);
  return a;
}

TEST(UnitsModel, ActorBasics) {
  Actor anon;
  EXPECT_FALSE(anon.signed_in());
  EXPECT_FALSE(anon.district_wide());
  Actor cli = command_line_actor();
  EXPECT_TRUE(cli.system);
  EXPECT_TRUE(cli.signed_in());
  EXPECT_TRUE(cli.has(Role::sysadmin));
  EXPECT_TRUE(cli.district_wide());
  EXPECT_EQ(cli.user_id, 0);
  EXPECT_TRUE(user(5, {Role::supervisor}).district_wide());
  EXPECT_FALSE(user(5, {Role::unit_admin, Role::editor}).district_wide());
}

// Units: 1 = 区政府 (root), 5 and 6 = departments, 9 = a section of 5.
const std::vector<long long> kAncestorsOf1 = {};
const std::vector<long long> kAncestorsOf5 = {1};
const std::vector<long long> kAncestorsOf6 = {1};
const std::vector<long long> kAncestorsOf9 = {5, 1};

TEST(UnitsModel, MayEditUnitTruthTable) {
  Actor ghost;  // roles without a sign-in count for nothing
  ghost.roles = {Role::sysadmin};
  struct Row {
    const char* who;
    Actor actor;
    bool root, own5, other6, section9;
  };
  const std::vector<Row> rows = {
      {"anonymous", Actor{}, false, false, false, false},
      {"roles but not signed in", ghost, false, false, false, false},
      {"editor of 5", user(5, {Role::editor, Role::reviewer}), false, false, false, false},
      {"request handler of 5", user(5, {Role::request_handler, Role::mailbox_handler}), false, false, false, false},
      {"unit admin of 5", user(5, {Role::unit_admin}), false, true, false, true},
      {"unit admin of 6", user(6, {Role::unit_admin}), false, false, true, false},
      {"unit admin of section 9", user(9, {Role::unit_admin}), false, false, false, true},
      {"unit admin of the root", user(1, {Role::unit_admin}), true, true, true, true},
      {"supervisor", user(5, {Role::supervisor}), true, true, true, true},
      {"sysadmin", user(5, {Role::sysadmin}), true, true, true, true},
      {"command line", command_line_actor(), true, true, true, true},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(may_edit_unit(r.actor, 1, kAncestorsOf1), r.root) << r.who;
    EXPECT_EQ(may_edit_unit(r.actor, 5, kAncestorsOf5), r.own5) << r.who;
    EXPECT_EQ(may_edit_unit(r.actor, 6, kAncestorsOf6), r.other6) << r.who;
    EXPECT_EQ(may_edit_unit(r.actor, 9, kAncestorsOf9), r.section9) << r.who;
  }
}

TEST(UnitsModel, MayCreateUnitTruthTable) {
  struct Row {
    const char* who;
    Actor actor;
    bool at_root, under1, under5, under6;
  };
  const std::vector<Row> rows = {
      {"anonymous", Actor{}, false, false, false, false},
      {"editor of 5", user(5, {Role::editor}), false, false, false, false},
      {"unit admin of 5", user(5, {Role::unit_admin}), false, false, true, false},
      {"supervisor", user(5, {Role::supervisor}), true, true, true, true},
      {"sysadmin", user(1, {Role::sysadmin}), true, true, true, true},
      {"command line", command_line_actor(), true, true, true, true},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(may_create_unit(r.actor, std::nullopt), r.at_root) << r.who;
    EXPECT_EQ(may_create_unit(r.actor, 1), r.under1) << r.who;
    EXPECT_EQ(may_create_unit(r.actor, 5), r.under5) << r.who;
    EXPECT_EQ(may_create_unit(r.actor, 6), r.under6) << r.who;
  }
}

TEST(UnitsModel, MayViewAuditTruthTable) {
  Actor ghost;
  ghost.roles = {Role::supervisor};
  EXPECT_FALSE(may_view_audit(Actor{}));
  EXPECT_FALSE(may_view_audit(ghost));
  for (Role r : {Role::editor, Role::reviewer, Role::request_handler, Role::mailbox_handler, Role::unit_admin}) {
    EXPECT_FALSE(may_view_audit(user(5, {r}))) << to_string(r);
  }
  EXPECT_FALSE(may_view_audit(user(5, {Role::editor, Role::reviewer, Role::request_handler, Role::mailbox_handler,
                                       Role::unit_admin})));
  EXPECT_TRUE(may_view_audit(user(5, {Role::supervisor})));
  EXPECT_TRUE(may_view_audit(user(5, {Role::sysadmin})));
  EXPECT_TRUE(may_view_audit(command_line_actor()));
}

TEST(UnitsModel, MayManageUsersTruthTable) {
  const std::set<Role> staff = {Role::editor, Role::reviewer, Role::request_handler, Role::mailbox_handler};
  const std::set<Role> admin = {Role::unit_admin};
  const std::set<Role> supervisor = {Role::supervisor};
  const std::set<Role> sysadmin = {Role::editor, Role::sysadmin};
  const std::set<Role> none = {};
  struct Row {
    const char* who;
    Actor actor;
    // unit 5: staff, admin, supervisor, sysadmin, none; unit 6: staff
    bool s5, a5, sup5, sys5, n5, s6;
  };
  Actor ghost;
  ghost.roles = {Role::sysadmin};
  const std::vector<Row> rows = {
      {"anonymous", Actor{}, false, false, false, false, false, false},
      {"roles but not signed in", ghost, false, false, false, false, false, false},
      {"editor of 5", user(5, {Role::editor}), false, false, false, false, false, false},
      {"unit admin of 5", user(5, {Role::unit_admin}), true, true, false, false, true, false},
      {"unit admin of 6", user(6, {Role::unit_admin}), false, false, false, false, false, true},
      {"supervisor", user(5, {Role::supervisor}), false, false, false, false, false, false},
      {"sysadmin", user(1, {Role::sysadmin}), true, true, true, true, true, true},
      {"command line", command_line_actor(), true, true, true, true, true, true},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(may_manage_users(r.actor, 5, staff), r.s5) << r.who;
    EXPECT_EQ(may_manage_users(r.actor, 5, admin), r.a5) << r.who;
    EXPECT_EQ(may_manage_users(r.actor, 5, supervisor), r.sup5) << r.who;
    EXPECT_EQ(may_manage_users(r.actor, 5, sysadmin), r.sys5) << r.who;
    EXPECT_EQ(may_manage_users(r.actor, 5, none), r.n5) << r.who;
    EXPECT_EQ(may_manage_users(r.actor, 6, staff), r.s6) << r.who;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Passwords and usernames
// ---------------------------------------------------------------------------------------------------------------

void expect_weak(std::string_view password, std::string_view username, const char* why) {
  auto r = check_password_rules(password, username);
  ASSERT_FALSE(r.ok()) << why;
  EXPECT_EQ(r.error().code, "weak_password") << why;
  EXPECT_EQ(r.error().field, "password") << why;
  EXPECT_FALSE(r.error().message.empty()) << why;
}

TEST(UnitsModel, PasswordRules) {
  EXPECT_TRUE(check_password_rules("Gongkai2025xyz", "zhangsan").ok());
  EXPECT_TRUE(check_password_rules("abcdefghi1", "").ok());            // exactly 10
  EXPECT_TRUE(check_password_rules("政务公开政务公开a1", "zhangsan").ok());  // 10 characters, 26 bytes
  expect_weak("abcdefgh1", "", "9 characters");
  expect_weak("政务公开政务公a1", "", "9 characters in 23 bytes");
  expect_weak("", "", "empty");
  expect_weak("abcdefghijkl", "", "no digit");
  expect_weak("12345678901", "", "no letter");
  expect_weak("政务公开政务公开政务公开1", "", "no ASCII letter");
  expect_weak("zhangsan2025!", "zhangsan", "contains the username");
  expect_weak("My-ZhangSan-2025", "zhangsan", "contains the username, other case");
  expect_weak("Password123", "", "common");
  expect_weak("QWER123456", "", "common, upper case");
  expect_weak("woaini1314520", "", "common");
  expect_weak(std::string(199, 'a') + "12", "", "201 characters");
  EXPECT_TRUE(check_password_rules(std::string(198, 'a') + "12", "").ok());
}

TEST(UnitsModel, UsernamesAreNormalised) {
  EXPECT_EQ(*normalize_username("zhangsan"), "zhangsan");
  EXPECT_EQ(*normalize_username("  ZhangSan\u3000"), "zhangsan");
  EXPECT_EQ(*normalize_username("a.b_c-9"), "a.b_c-9");
  EXPECT_EQ(*normalize_username("abc"), "abc");
  EXPECT_EQ(*normalize_username(std::string(32, 'x')), std::string(32, 'x'));
  for (const std::string& bad : {std::string(""), std::string("ab"), std::string(33, 'x'), std::string("1abc"),
                                 std::string(".abc"), std::string("_abc"), std::string("zhang san"),
                                 std::string("zhang@san"), std::string("张三丰"), std::string("zhang/san"),
                                 std::string("abc\n"), std::string("ab\0c", 4)}) {
    auto r = normalize_username(bad);
    if (bad == "abc\n") {  // surrounding white space is trimmed first
      EXPECT_TRUE(r.ok());
      continue;
    }
    ASSERT_FALSE(r.ok()) << testing::PrintToString(bad);
    EXPECT_EQ(r.error().code, "invalid_username");
    EXPECT_EQ(r.error().field, "username");
  }
}

}  // namespace
}  // namespace gongkai::units
