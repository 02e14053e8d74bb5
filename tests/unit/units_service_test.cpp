// gongkai/units/service on a real database, SQLite and PostgreSQL: UnitService (the organisation tree, who may
// change it, optimistic locking, audit with before/after) and AccountService (login, throttling, sessions,
// passwords, accounts).
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "gongkai/audit/service.hpp"
#include "gongkai/audit/store.hpp"
#include "gongkai/privacy/identifiers.hpp"
#include "gongkai/units/service.hpp"
#include "platform/time.hpp"
#include "platform_test_db.hpp"

namespace gongkai::units {
namespace {

namespace json = boost::json;

std::string credit(const std::string& first17) { return first17 + privacy::credit_code_check_char(first17); }

UnitFields fields(UnitKind kind, std::optional<long long> parent, std::string name, std::string code = {}) {
  UnitFields f;
  f.kind = kind;
  f.parent_id = parent;
  f.name = std::move(name);
  f.credit_code = std::move(code);
  return f;
}

Actor person(long long id, long long unit, std::set<Role> roles, std::string name = "") {
  Actor a;
  a.user_id = id;
  a.username = "user" + std::to_string(id);
  a.display_name = name.empty() ? a.username : name;
  a.unit_id = unit;
  a.roles = std::move(roles);
  a.address = "192.0.2." + std::to_string(id % 250);
  a.request_id = "req-" + std::to_string(id);
  return a;
}

// A district: 区政府 → {发改局 → {办公室}, 城关街道 → {办公室}}.
class UnitsServiceTest : public gongkai_test::DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    units = std::make_unique<UnitService>(db_);
    auto r = units->create(admin, fields(UnitKind::government, std::nullopt, "某某区人民政府", credit("11330100MB0000001")));
    ASSERT_TRUE(r.ok()) << r.error().code << " " << r.error().message;
    root = *r;
    dept = must(units->create(admin, fields(UnitKind::department, root, "区发展和改革局", credit("11330100MB0000002"))));
    town = must(units->create(admin, fields(UnitKind::town, root, "城关街道")));
    dept_office = must(units->create(admin, fields(UnitKind::section, dept, "办公室")));
    town_office = must(units->create(admin, fields(UnitKind::section, town, "办公室")));
    supervisor = person(11, root, {Role::supervisor}, "督查员");
    dept_admin = person(21, dept, {Role::unit_admin}, "发改局管理员");
    dept_editor = person(22, dept, {Role::editor, Role::reviewer});
  }

  void TearDown() override {
    units.reset();  // services hold the pool: release it before the database goes away
    DbTest::TearDown();
  }

  long long must(Result<long long> r) {
    EXPECT_TRUE(r.ok()) << r.error().code << " " << r.error().message;
    return r.ok() ? *r : 0;
  }

  std::vector<audit::Entry> audit_of(const std::string& type, const std::string& id) {
    audit::Query q;
    q.entity_type = type;
    q.entity_id = id;
    q.limit = 500;
    return db_->read([&](soci::session& s) { return audit::find(s, q); });
  }
  int audit_count() {
    return db_->read([](soci::session& s) {
      int n = 0;
      s << "SELECT COUNT(*) FROM audit_log", soci::into(n);
      return n;
    });
  }

  Actor admin = command_line_actor();
  Actor supervisor, dept_admin, dept_editor;
  std::unique_ptr<UnitService> units;
  long long root = 0, dept = 0, town = 0, dept_office = 0, town_office = 0;
};

void expect_error(const Error& e, const std::string& code, const std::string& field = "") {
  EXPECT_EQ(e.code, code) << e.message;
  if (!field.empty()) {
    EXPECT_EQ(e.field, field) << e.message;
  }
  EXPECT_FALSE(e.message.empty());
}

// ---- UnitService: reading ------------------------------------------------------------------------------------

TEST_P(UnitsServiceTest, CreatedUnitsReadBackInTreeOrder) {
  auto u = units->find(dept);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->id, dept);
  EXPECT_EQ(u->f.name, "区发展和改革局");
  EXPECT_EQ(u->f.kind, UnitKind::department);
  EXPECT_EQ(u->f.parent_id, root);
  EXPECT_EQ(u->f.credit_code, credit("11330100MB0000002"));
  EXPECT_EQ(u->version, 1);
  EXPECT_FALSE(u->created_at.empty());
  EXPECT_EQ(u->created_at, u->updated_at);

  auto r = units->root();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->id, root);
  EXPECT_FALSE(r->f.parent_id);
  EXPECT_EQ(units->find(town)->f.credit_code, "");  // stored as NULL, read back as empty

  std::vector<long long> order;
  for (const auto& x : units->directory()) order.push_back(x.id);
  EXPECT_EQ(order, (std::vector<long long>{root, dept, dept_office, town, town_office}));
  EXPECT_FALSE(units->find(999999));
}

TEST_P(UnitsServiceTest, SortOrderLeadersAndInactiveUnits) {
  auto f = fields(UnitKind::department, root, "区财政局");
  f.sort_order = -1;  // before 发改局 and 城关街道
  f.leaders = {{"张三", "局长", "主持全面工作"}, {"李四", "副局长", ""}};
  f.functions = "管理全区财政收支。";
  long long finance = must(units->create(admin, f));
  auto back = units->find(finance);
  ASSERT_TRUE(back);
  ASSERT_EQ(back->f.leaders.size(), 2u);
  EXPECT_EQ(back->f.leaders[0].name, "张三");
  EXPECT_EQ(back->f.leaders[0].duties, "主持全面工作");
  EXPECT_EQ(back->f.leaders[1].title, "副局长");
  EXPECT_EQ(back->f.functions, "管理全区财政收支。");
  std::vector<long long> order;
  for (const auto& x : units->directory()) order.push_back(x.id);
  EXPECT_EQ(order, (std::vector<long long>{root, finance, dept, dept_office, town, town_office}));

  auto g = back->f;
  g.active = false;
  ASSERT_TRUE(units->update(admin, finance, g, back->version).ok());
  EXPECT_FALSE(units->find(finance));
  ASSERT_TRUE(units->find(finance, true));
  EXPECT_FALSE(units->find(finance, true)->f.active);
  EXPECT_EQ(units->directory().size(), 5u);
  EXPECT_EQ(units->all().size(), 6u);
}

// ---- UnitService: create ---------------------------------------------------------------------------------------

TEST_P(UnitsServiceTest, CreateChecksPermissions) {
  int before = audit_count();
  expect_error(units->create(Actor{}, fields(UnitKind::department, root, "区教育局")).error(), "forbidden");
  expect_error(units->create(dept_editor, fields(UnitKind::department, root, "区教育局")).error(), "forbidden");
  // A unit administrator adds sections under their own unit only.
  expect_error(units->create(dept_admin, fields(UnitKind::department, root, "区教育局")).error(), "forbidden");
  expect_error(units->create(dept_admin, fields(UnitKind::section, town, "综治办")).error(), "forbidden");
  EXPECT_EQ(audit_count(), before);
  auto ok = units->create(dept_admin, fields(UnitKind::section, dept, "规划科"));
  ASSERT_TRUE(ok.ok()) << ok.error().code;
  EXPECT_EQ(units->find(*ok)->f.parent_id, dept);
  // A supervisor creates departments.
  EXPECT_TRUE(units->create(supervisor, fields(UnitKind::department, root, "区教育局")).ok());
}

TEST_P(UnitsServiceTest, CreateRefusesDuplicateCreditCodes) {
  auto r = units->create(admin, fields(UnitKind::department, root, "区教育局", credit("11330100MB0000002")));
  ASSERT_FALSE(r.ok());
  expect_error(r.error(), "duplicate_credit_code", "credit_code");
  // Lower case and spaces are the same code once normalised.
  std::string lower = credit("11330100MB0000002");
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  r = units->create(admin, fields(UnitKind::department, root, "区教育局", " " + lower + " "));
  ASSERT_FALSE(r.ok());
  expect_error(r.error(), "duplicate_credit_code", "credit_code");
  // Units without a code never clash with each other.
  EXPECT_TRUE(units->create(admin, fields(UnitKind::department, root, "区教育局")).ok());
  EXPECT_TRUE(units->create(admin, fields(UnitKind::department, root, "区民政局")).ok());
}

TEST_P(UnitsServiceTest, CreateRefusesDuplicateNamesUnderOneParent) {
  auto r = units->create(admin, fields(UnitKind::department, root, "区发展和改革局"));
  ASSERT_FALSE(r.ok());
  expect_error(r.error(), "duplicate_name", "name");
  r = units->create(admin, fields(UnitKind::department, root, "  区发展和改革局\u3000"));  // after trimming
  ASSERT_FALSE(r.ok());
  expect_error(r.error(), "duplicate_name", "name");
  r = units->create(admin, fields(UnitKind::section, dept, "办公室"));
  ASSERT_FALSE(r.ok());
  expect_error(r.error(), "duplicate_name", "name");
  // A second root with the same name is refused too (parent NULL is not "distinct" here).
  r = units->create(admin, fields(UnitKind::government, std::nullopt, "某某区人民政府"));
  ASSERT_FALSE(r.ok());
  expect_error(r.error(), "duplicate_name", "name");
  // The same name under another parent is fine (both already have a 办公室).
  EXPECT_EQ(units->find(dept_office)->f.name, units->find(town_office)->f.name);
}

TEST_P(UnitsServiceTest, CreateRefusesUnknownOrWrongParents) {
  auto r = units->create(admin, fields(UnitKind::department, 424242, "区教育局"));
  ASSERT_FALSE(r.ok());
  expect_error(r.error(), "invalid_parent", "parent_id");
  r = units->create(admin, fields(UnitKind::department, town, "区教育局"));
  ASSERT_FALSE(r.ok());
  expect_error(r.error(), "invalid_parent", "parent_id");
  r = units->create(admin, fields(UnitKind::section, dept_office, "子科室"));
  ASSERT_FALSE(r.ok());
  expect_error(r.error(), "invalid_parent", "parent_id");
  r = units->create(admin, fields(UnitKind::department, std::nullopt, "无上级"));
  ASSERT_FALSE(r.ok());
  expect_error(r.error(), "invalid_parent", "parent_id");
  r = units->create(admin, fields(UnitKind::department, root, ""));
  ASSERT_FALSE(r.ok());
  expect_error(r.error(), "required", "name");
}

TEST_P(UnitsServiceTest, CreateIsAuditedWithTheNewRecord) {
  Actor a = supervisor;
  long long id = must(units->create(a, fields(UnitKind::department, root, "区教育局", credit("11330100MB0000003"))));
  auto entries = audit_of("unit", std::to_string(id));
  ASSERT_EQ(entries.size(), 1u);
  const auto& e = entries[0];
  EXPECT_EQ(e.action, "unit.create");
  EXPECT_EQ(e.entity_label, "区教育局");
  EXPECT_EQ(e.unit_id, id);
  EXPECT_EQ(e.actor_id, a.user_id);
  EXPECT_EQ(e.actor_unit_id, root);
  EXPECT_EQ(e.actor_name, "督查员");
  EXPECT_EQ(e.address, a.address);
  EXPECT_EQ(e.request_id, a.request_id);
  EXPECT_EQ(e.before_json, "");
  auto after = json::parse(e.after_json).as_object();
  EXPECT_EQ(after.at("name").as_string(), "区教育局");
  EXPECT_EQ(after.at("id").to_number<long long>(), id);
  EXPECT_EQ(after.at("credit_code").as_string(), credit("11330100MB0000003"));
  EXPECT_EQ(after.at("version").to_number<int>(), 1);

  // The command line is recorded by name, without a user id.
  auto cli = audit_of("unit", std::to_string(dept));
  ASSERT_EQ(cli.size(), 1u);
  EXPECT_FALSE(cli[0].actor_id);
  EXPECT_EQ(cli[0].actor_name, "命令行");
}

// ---- UnitService: update ---------------------------------------------------------------------------------------

TEST_P(UnitsServiceTest, UpdateChangesFieldsBumpsVersionAndAuditsBeforeAndAfter) {
  auto u = *units->find(dept);
  UnitFields f = u.f;
  f.name = "区发展改革局";
  f.phone = "0571-87654321";
  auto r = units->update(supervisor, dept, f, u.version);
  ASSERT_TRUE(r.ok()) << r.error().code;
  EXPECT_EQ(r->version, 2);
  EXPECT_EQ(r->f.name, "区发展改革局");
  EXPECT_EQ(r->f.phone, "0571-87654321");
  EXPECT_EQ(units->find(dept)->version, 2);

  auto entries = audit_of("unit", std::to_string(dept));
  ASSERT_EQ(entries.size(), 2u);  // newest first: update, then create
  const auto& e = entries[0];
  EXPECT_EQ(e.action, "unit.update");
  EXPECT_EQ(entries[1].action, "unit.create");
  EXPECT_EQ(e.actor_id, supervisor.user_id);
  EXPECT_EQ(e.entity_label, "区发展改革局");
  auto before = json::parse(e.before_json).as_object();
  auto after = json::parse(e.after_json).as_object();
  EXPECT_EQ(before.at("name").as_string(), "区发展和改革局");
  EXPECT_EQ(before.at("phone").as_string(), "");
  EXPECT_EQ(before.at("version").to_number<int>(), 1);
  EXPECT_EQ(after.at("name").as_string(), "区发展改革局");
  EXPECT_EQ(after.at("phone").as_string(), "0571-87654321");
  EXPECT_EQ(after.at("version").to_number<int>(), 2);
}

TEST_P(UnitsServiceTest, StaleVersionIsRefusedAndLeavesNothingBehind) {
  auto u = *units->find(dept);
  UnitFields mine = u.f, theirs = u.f;
  mine.phone = "0571-11111111";
  theirs.phone = "0571-22222222";
  ASSERT_TRUE(units->update(supervisor, dept, theirs, u.version).ok());
  int audits = audit_count();
  auto r = units->update(admin, dept, mine, u.version);
  ASSERT_FALSE(r.ok());
  expect_error(r.error(), "stale_version");
  EXPECT_EQ(units->find(dept)->f.phone, "0571-22222222");
  EXPECT_EQ(units->find(dept)->version, 2);
  EXPECT_EQ(audit_count(), audits);
  // Reloading and reapplying works.
  EXPECT_TRUE(units->update(admin, dept, mine, 2).ok());
  EXPECT_EQ(units->find(dept)->f.phone, "0571-11111111");
  // A version from the future is stale too.
  EXPECT_EQ(units->update(admin, dept, mine, 99).error().code, "stale_version");
}

TEST_P(UnitsServiceTest, UpdateRefusesDuplicatesButAllowsKeepingOwnValues) {
  auto u = *units->find(dept);
  // Saving unchanged values is not a clash with itself.
  ASSERT_TRUE(units->update(admin, dept, u.f, u.version).ok());
  UnitFields f = units->find(dept)->f;
  f.credit_code = credit("11330100MB0000001");  // the root's
  auto r = units->update(admin, dept, f, 2);
  ASSERT_FALSE(r.ok());
  expect_error(r.error(), "duplicate_credit_code", "credit_code");
  f = units->find(dept)->f;
  f.name = "城关街道";
  r = units->update(admin, dept, f, 2);
  ASSERT_FALSE(r.ok());
  expect_error(r.error(), "duplicate_name", "name");
  // Renaming a section to a sibling-less name that exists under another parent is fine.
  auto s = *units->find(town_office);
  UnitFields g = s.f;
  g.name = "党政办";
  ASSERT_TRUE(units->update(admin, town_office, g, s.version).ok());
  EXPECT_EQ(units->find(dept)->version, 2);
}

TEST_P(UnitsServiceTest, UpdateRefusesCyclesAndWrongParents) {
  auto d = *units->find(dept);
  UnitFields f = d.f;
  f.parent_id = dept;
  auto r = units->update(admin, dept, f, d.version);
  ASSERT_FALSE(r.ok());
  expect_error(r.error(), "invalid_parent", "parent_id");
  EXPECT_NE(r.error().message.find("自己的上级"), std::string::npos) << r.error().message;

  f.parent_id = dept_office;  // under its own section
  r = units->update(admin, dept, f, d.version);
  ASSERT_FALSE(r.ok());
  expect_error(r.error(), "invalid_parent", "parent_id");
  EXPECT_NE(r.error().message.find("下级"), std::string::npos) << r.error().message;

  auto g = *units->find(root);
  UnitFields rf = g.f;
  rf.parent_id = dept_office;  // the root under a grandchild
  r = units->update(admin, root, rf, g.version);
  ASSERT_FALSE(r.ok());
  expect_error(r.error(), "invalid_parent", "parent_id");

  f.parent_id = 424242;
  r = units->update(admin, dept, f, d.version);
  ASSERT_FALSE(r.ok());
  expect_error(r.error(), "invalid_parent", "parent_id");

  f.parent_id = town;  // a department under a town breaks the tree's shape
  r = units->update(admin, dept, f, d.version);
  ASSERT_FALSE(r.ok());
  expect_error(r.error(), "invalid_parent", "parent_id");

  // A legal move: the town's section moves to the department.
  auto s = *units->find(town_office);
  UnitFields sf = s.f;
  sf.parent_id = dept;
  sf.name = "综合科";
  ASSERT_TRUE(units->update(admin, town_office, sf, s.version).ok());
  EXPECT_EQ(units->find(town_office)->f.parent_id, dept);
  EXPECT_EQ(units->find(dept)->version, 1);
}

TEST_P(UnitsServiceTest, UpdateOfUnknownUnit) {
  auto r = units->update(admin, 424242, fields(UnitKind::department, root, "不存在"), 1);
  ASSERT_FALSE(r.ok());
  expect_error(r.error(), "not_found");
}

TEST_P(UnitsServiceTest, UnitAdminEditsOwnUnitAndSectionsOnly) {
  EXPECT_TRUE(units->may_edit(dept_admin, dept));
  EXPECT_TRUE(units->may_edit(dept_admin, dept_office));
  EXPECT_FALSE(units->may_edit(dept_admin, town));
  EXPECT_FALSE(units->may_edit(dept_admin, town_office));
  EXPECT_FALSE(units->may_edit(dept_admin, root));
  EXPECT_FALSE(units->may_edit(dept_editor, dept));
  EXPECT_TRUE(units->may_edit(supervisor, town));

  auto d = *units->find(dept);
  UnitFields f = d.f;
  f.address = "人民路 1 号";
  auto r = units->update(dept_admin, dept, f, d.version);
  ASSERT_TRUE(r.ok()) << r.error().code;
  EXPECT_EQ(r->f.address, "人民路 1 号");

  auto o = *units->find(dept_office);
  UnitFields of = o.f;
  of.phone = "8001";
  EXPECT_TRUE(units->update(dept_admin, dept_office, of, o.version).ok());

  int audits = audit_count();
  for (long long other : {town, town_office, root}) {
    auto u = *units->find(other);
    UnitFields uf = u.f;
    uf.address = "篡改";
    auto x = units->update(dept_admin, other, uf, u.version);
    ASSERT_FALSE(x.ok()) << other;
    expect_error(x.error(), "forbidden");
    EXPECT_EQ(units->find(other)->f.address, "") << other;
  }
  auto x = units->update(dept_editor, dept, f, 2);
  ASSERT_FALSE(x.ok());
  expect_error(x.error(), "forbidden");
  EXPECT_EQ(units->update(Actor{}, dept, f, 2).error().code, "forbidden");
  EXPECT_EQ(audit_count(), audits);
}

TEST_P(UnitsServiceTest, UnitAdminCannotMoveUnitsOrChangeTheirKind) {
  auto o = *units->find(dept_office);
  UnitFields f = o.f;
  f.parent_id = town;               // ignored for a unit administrator
  f.kind = UnitKind::department;    // ignored too
  f.office_hours = "工作日 9:00-17:00";
  auto r = units->update(dept_admin, dept_office, f, o.version);
  ASSERT_TRUE(r.ok()) << r.error().code;
  EXPECT_EQ(r->f.parent_id, dept);
  EXPECT_EQ(r->f.kind, UnitKind::section);
  EXPECT_EQ(r->f.office_hours, "工作日 9:00-17:00");
  auto again = units->find(dept_office);
  EXPECT_EQ(again->f.parent_id, dept);
  EXPECT_EQ(again->f.kind, UnitKind::section);
  // Their own unit cannot be moved either.
  auto d = *units->find(dept);
  UnitFields df = d.f;
  df.parent_id = std::nullopt;
  df.kind = UnitKind::government;
  ASSERT_TRUE(units->update(dept_admin, dept, df, d.version).ok());
  EXPECT_EQ(units->find(dept)->f.parent_id, root);
  EXPECT_EQ(units->find(dept)->f.kind, UnitKind::department);
}

// ---- AccountService --------------------------------------------------------------------------------------------

constexpr const char* kPassword = "Gongkai2025pass";
constexpr const char* kOther = "Neutral-pass-2025";  // contains none of the usernames used below

class AccountServiceTest : public UnitsServiceTest {
 protected:
  void SetUp() override {
    UnitsServiceTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    accounts = std::make_unique<AccountService>(db_);
    NewUser nu;
    nu.username = "zhangsan";
    nu.display_name = "张三";
    nu.password = kPassword;
    nu.unit_id = dept;
    nu.roles = {Role::editor, Role::reviewer};
    nu.must_change_password = false;
    auto r = accounts->create_user(admin, nu);
    ASSERT_TRUE(r.ok()) << r.error().code << " " << r.error().message;
    zhangsan = *r;
  }
  void TearDown() override {
    accounts.reset();
    UnitsServiceTest::TearDown();
  }
  Result<LoginResult> login(const std::string& user, const std::string& password, const std::string& address = "198.51.100.7") {
    return accounts->login(user, password, address, "req-login");
  }
  std::vector<std::string> audit_actions(const std::string& type, const std::string& id) {
    std::vector<std::string> out;
    for (const auto& e : audit_of(type, id)) out.push_back(e.action);
    return out;
  }
  int count(const std::string& sql) {
    return db_->read([&](soci::session& s) {
      int n = 0;
      s << sql, soci::into(n);
      return n;
    });
  }

  std::unique_ptr<AccountService> accounts;
  long long zhangsan = 0;
};

TEST_P(AccountServiceTest, LoginOpensASessionThatAuthenticates) {
  auto r = login("ZhangSan", kPassword);  // usernames are case-insensitive
  ASSERT_TRUE(r.ok()) << r.error().code;
  EXPECT_GE(r->session_token.size(), 40u);
  EXPECT_FALSE(r->must_change_password);
  EXPECT_EQ(r->actor.user_id, zhangsan);
  EXPECT_EQ(r->actor.username, "zhangsan");
  EXPECT_EQ(r->actor.display_name, "张三");
  EXPECT_EQ(r->actor.unit_id, dept);
  EXPECT_EQ(r->actor.roles, (std::set<Role>{Role::editor, Role::reviewer}));
  EXPECT_EQ(r->actor.address, "198.51.100.7");

  bool must_change = true;
  auto a = accounts->authenticate(r->session_token, &must_change);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->user_id, zhangsan);
  EXPECT_EQ(a->unit_id, dept);
  EXPECT_EQ(a->roles, (std::set<Role>{Role::editor, Role::reviewer}));
  EXPECT_FALSE(must_change);

  // Only the token's hash is stored.
  EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE id = '" + r->session_token + "'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE id = '" + AccountService::session_id(r->session_token) + "'"), 1);
  EXPECT_EQ(AccountService::session_id(r->session_token).size(), 64u);

  // Two logins are two sessions with different tokens.
  auto r2 = login("zhangsan", kPassword);
  ASSERT_TRUE(r2.ok());
  EXPECT_NE(r2->session_token, r->session_token);
  EXPECT_TRUE(accounts->authenticate(r2->session_token));

  auto actions = audit_actions("user", std::to_string(zhangsan));
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "user.login"), 2);
  EXPECT_FALSE(accounts->get_user(admin, zhangsan)->last_login_at.empty());
}

TEST_P(AccountServiceTest, UnknownEmptyOrOverlongTokensDoNotAuthenticate) {
  EXPECT_FALSE(accounts->authenticate(""));
  EXPECT_FALSE(accounts->authenticate("not-a-session"));
  EXPECT_FALSE(accounts->authenticate(std::string(101, 'a')));
  auto r = login("zhangsan", kPassword);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(accounts->authenticate(r->session_token + "x"));
  EXPECT_FALSE(accounts->authenticate(AccountService::session_id(r->session_token)));  // the stored hash is no token
}

TEST_P(AccountServiceTest, LoginFailuresSayNothingAboutWhichPartWasWrong) {
  auto wrong = login("zhangsan", "Wrong-password-1");
  auto unknown = login("lisi", kPassword);
  auto invalid = login("李四", kPassword);
  for (const auto* r : {&wrong, &unknown, &invalid}) {
    ASSERT_FALSE(r->ok());
    EXPECT_EQ(r->error().code, "invalid_credentials");
  }
  EXPECT_EQ(wrong.error().message, unknown.error().message);
  EXPECT_EQ(wrong.error().message, invalid.error().message);
  // Failures are recorded for throttling and audited, with the address.
  EXPECT_EQ(count("SELECT COUNT(*) FROM login_attempts WHERE success = 0"), 3);
  auto entries = audit_of("user", std::to_string(zhangsan));
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries[0].action, "user.login_failed");
  EXPECT_EQ(entries[0].address, "198.51.100.7");
  EXPECT_FALSE(entries[0].actor_id);
  EXPECT_EQ(entries[0].unit_id, dept);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'user.login_failed'"), 3);
}

TEST_P(AccountServiceTest, TooManyFailuresForAnAccountThrottleEvenTheRightPassword) {
  AccountPolicy p;
  p.max_failures_per_user = 3;
  accounts = std::make_unique<AccountService>(db_, p);
  for (int i = 0; i < 3; ++i) {
    auto r = login("zhangsan", "Wrong-password-" + std::to_string(i), "203.0.113." + std::to_string(i));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "invalid_credentials") << i;
  }
  auto r = login("zhangsan", kPassword, "203.0.113.99");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "throttled");
  EXPECT_NE(r.error().message.find("15"), std::string::npos) << r.error().message;
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'user.login_locked'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM sessions"), 0);
  // Other accounts are not affected.
  NewUser nu{"lisi", "李四", "Another-pass-2025", dept, {Role::editor}, false};
  ASSERT_TRUE(accounts->create_user(admin, nu).ok());
  EXPECT_TRUE(login("lisi", "Another-pass-2025", "203.0.113.99").ok());
  // When the failures leave the window, the account opens again.
  db_->write([](soci::session& s) { s << "UPDATE login_attempts SET at = '2000-01-01T00:00:00Z'"; });
  EXPECT_TRUE(login("zhangsan", kPassword).ok());
}

TEST_P(AccountServiceTest, TooManyFailuresFromAnAddressThrottleThatAddress) {
  AccountPolicy p;
  p.max_failures_per_user = 100;
  p.max_failures_per_address = 4;
  accounts = std::make_unique<AccountService>(db_, p);
  for (int i = 0; i < 4; ++i) {
    auto r = login("guess" + std::to_string(i), "Whatever-2025", "203.0.113.50");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "invalid_credentials");
  }
  auto r = login("zhangsan", kPassword, "203.0.113.50");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "throttled");
  EXPECT_TRUE(login("zhangsan", kPassword, "203.0.113.51").ok());
}

TEST_P(AccountServiceTest, DisabledAccountsCannotLoginAndLoseTheirSessions) {
  auto session = login("zhangsan", kPassword);
  ASSERT_TRUE(session.ok());
  auto u = *accounts->get_user(admin, zhangsan);
  ASSERT_TRUE(accounts->update_user(admin, zhangsan, u.display_name, u.roles, true, u.version).ok());
  EXPECT_FALSE(accounts->authenticate(session->session_token));

  auto right = login("zhangsan", kPassword);
  ASSERT_FALSE(right.ok());
  EXPECT_EQ(right.error().code, "disabled");
  auto wrong = login("zhangsan", "Wrong-password-1");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, "invalid_credentials");  // no hint that the account exists but is disabled

  // A session that survived somehow is refused as long as the user is disabled, and works again once enabled.
  const std::string now = platform::now_utc_iso();
  db_->write([&](soci::session& s) {
    store::insert_session(s, {AccountService::session_id("survivor-token"), zhangsan, now, now, "2099-01-01T00:00:00Z"});
  });
  EXPECT_FALSE(accounts->authenticate("survivor-token"));
  u = *accounts->get_user(admin, zhangsan);
  ASSERT_TRUE(accounts->update_user(admin, zhangsan, u.display_name, u.roles, false, u.version).ok());
  auto back = accounts->authenticate("survivor-token");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->user_id, zhangsan);
  EXPECT_TRUE(login("zhangsan", kPassword).ok());
  // Nobody disables themselves.
  auto self = person(zhangsan, dept, {Role::sysadmin});
  u = *accounts->get_user(admin, zhangsan);
  expect_error(accounts->update_user(self, zhangsan, u.display_name, u.roles, true, u.version).error(), "forbidden");
}

TEST_P(AccountServiceTest, ExpiredSessionsEndAndActiveOnesAreExtended) {
  auto r = login("zhangsan", kPassword);
  ASSERT_TRUE(r.ok());
  const std::string sid = AccountService::session_id(r->session_token);
  auto read_session = [&] {
    return db_->read([&](soci::session& s) { return store::find_session(s, sid); });
  };
  // Idle for a while: the next request moves last_seen_at and the idle expiry forward.
  db_->write([&](soci::session& s) {
    s << "UPDATE sessions SET last_seen_at = '2000-01-01T00:00:00Z' WHERE id = :id", soci::use(sid);
  });
  ASSERT_TRUE(accounts->authenticate(r->session_token));
  auto touched = read_session();
  ASSERT_TRUE(touched);
  EXPECT_GT(touched->last_seen_at, "2000-01-01T00:00:00Z");
  EXPECT_GT(touched->expires_at, touched->last_seen_at);

  // Past the idle expiry.
  db_->write([&](soci::session& s) {
    s << "UPDATE sessions SET expires_at = '2000-01-01T00:00:00Z' WHERE id = :id", soci::use(sid);
  });
  EXPECT_FALSE(accounts->authenticate(r->session_token));

  // Past the absolute lifetime, however active.
  auto r2 = login("zhangsan", kPassword);
  ASSERT_TRUE(r2.ok());
  db_->write([&](soci::session& s) {
    std::string sid2 = AccountService::session_id(r2->session_token);
    s << "UPDATE sessions SET created_at = '2000-01-01T00:00:00Z' WHERE id = :id", soci::use(sid2);
  });
  EXPECT_FALSE(accounts->authenticate(r2->session_token));

  // Housekeeping removes the expired session (and keeps the other).
  EXPECT_GE(accounts->purge_expired(), 1);
  EXPECT_FALSE(read_session());
  EXPECT_EQ(count("SELECT COUNT(*) FROM sessions"), 1);
}

TEST_P(AccountServiceTest, LogoutEndsTheSession) {
  auto r = login("zhangsan", kPassword);
  auto other = login("zhangsan", kPassword);
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(other.ok());
  accounts->logout(r->session_token, r->actor);
  EXPECT_FALSE(accounts->authenticate(r->session_token));
  EXPECT_TRUE(accounts->authenticate(other->session_token));  // only this one
  auto entries = audit_of("user", std::to_string(zhangsan));
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries[0].action, "user.logout");
  EXPECT_EQ(entries[0].actor_id, zhangsan);
  // Logging out an unknown session is harmless.
  accounts->logout("unknown", Actor{});
}

TEST_P(AccountServiceTest, ChangePasswordKeepsThisSessionAndEndsTheOthers) {
  auto here = login("zhangsan", kPassword);
  auto elsewhere = login("zhangsan", kPassword, "203.0.113.200");
  ASSERT_TRUE(here.ok());
  ASSERT_TRUE(elsewhere.ok());
  const std::string fresh = "Brand-new-2026-pass";
  auto r = accounts->change_password(here->actor, here->session_token, kPassword, fresh);
  ASSERT_TRUE(r.ok()) << r.error().code << " " << r.error().message;
  EXPECT_TRUE(accounts->authenticate(here->session_token));
  EXPECT_FALSE(accounts->authenticate(elsewhere->session_token));
  EXPECT_EQ(login("zhangsan", kPassword).error().code, "invalid_credentials");
  auto again = login("zhangsan", fresh);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->must_change_password);
  auto actions = audit_actions("user", std::to_string(zhangsan));
  EXPECT_NE(std::find(actions.begin(), actions.end(), "user.password"), actions.end());
}

TEST_P(AccountServiceTest, ChangePasswordRefusals) {
  auto here = login("zhangsan", kPassword);
  ASSERT_TRUE(here.ok());
  auto r = accounts->change_password(here->actor, here->session_token, "Not-the-password-1", "Brand-new-2026-pass");
  ASSERT_FALSE(r.ok());
  expect_error(r.error(), "invalid_credentials", "old_password");
  r = accounts->change_password(here->actor, here->session_token, kPassword, "short1");
  ASSERT_FALSE(r.ok());
  expect_error(r.error(), "weak_password", "password");
  r = accounts->change_password(here->actor, here->session_token, kPassword, "zhangsan-2026-x");
  ASSERT_FALSE(r.ok());
  expect_error(r.error(), "weak_password", "password");
  r = accounts->change_password(here->actor, here->session_token, kPassword, kPassword);
  ASSERT_FALSE(r.ok());
  expect_error(r.error(), "weak_password", "password");
  r = accounts->change_password(Actor{}, "", kPassword, "Brand-new-2026-pass");
  ASSERT_FALSE(r.ok());
  expect_error(r.error(), "forbidden");
  // Nothing changed.
  EXPECT_TRUE(accounts->authenticate(here->session_token));
  EXPECT_TRUE(login("zhangsan", kPassword).ok());
}

TEST_P(AccountServiceTest, CreateUserByUnitAdminWithinOwnUnitOnly) {
  NewUser nu{"wangwu", "王五", kOther, dept, {Role::editor}, true};
  auto r = accounts->create_user(dept_admin, nu);
  ASSERT_TRUE(r.ok()) << r.error().code;
  auto u = accounts->get_user(admin, *r);
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->username, "wangwu");
  EXPECT_EQ(u->display_name, "王五");
  EXPECT_EQ(u->unit_id, dept);
  EXPECT_EQ(u->roles, std::set<Role>{Role::editor});
  EXPECT_TRUE(u->must_change_password);
  EXPECT_FALSE(u->disabled);
  EXPECT_EQ(u->password_hash.rfind("$argon2id$", 0), 0u);
  auto first = login("wangwu", kOther);
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(first->must_change_password);

  int audits = audit_count();
  NewUser other_unit{"zhaoliu", "赵六", kOther, town, {Role::editor}, true};
  expect_error(accounts->create_user(dept_admin, other_unit).error(), "forbidden");
  NewUser too_high{"zhaoliu", "赵六", kOther, dept, {Role::editor, Role::supervisor}, true};
  expect_error(accounts->create_user(dept_admin, too_high).error(), "forbidden");
  too_high.roles = {Role::sysadmin};
  expect_error(accounts->create_user(dept_admin, too_high).error(), "forbidden");
  NewUser plain{"zhaoliu", "赵六", kOther, dept, {Role::editor}, true};
  expect_error(accounts->create_user(dept_editor, plain).error(), "forbidden");
  expect_error(accounts->create_user(supervisor, plain).error(), "forbidden");
  expect_error(accounts->create_user(Actor{}, plain).error(), "forbidden");
  EXPECT_EQ(audit_count(), audits);
  // A system administrator may create any account anywhere.
  too_high.roles = {Role::supervisor};
  too_high.unit_id = root;
  EXPECT_TRUE(accounts->create_user(person(1, root, {Role::sysadmin}), too_high).ok());
}

TEST_P(AccountServiceTest, CreateUserValidation) {
  auto make = [&](std::string username, std::string display, std::string password, long long unit) {
    return NewUser{std::move(username), std::move(display), std::move(password), unit, {Role::editor}, true};
  };
  expect_error(accounts->create_user(admin, make("li", "李", kOther, dept)).error(), "invalid_username",
               "username");
  expect_error(accounts->create_user(admin, make("李四", "李四", kOther, dept)).error(), "invalid_username",
               "username");
  expect_error(accounts->create_user(admin, make("ZhangSan", "另一个张三", "Other-pass-2025x", dept)).error(),
               "duplicate_username", "username");
  expect_error(accounts->create_user(admin, make("lisi", "  \u3000", kOther, dept)).error(), "required",
               "display_name");
  std::string long_name;
  for (int i = 0; i < 41; ++i) long_name += "李";
  expect_error(accounts->create_user(admin, make("lisi", long_name, kOther, dept)).error(), "too_long", "display_name");
  long_name.resize(long_name.size() - 3);  // 40 characters are fine
  EXPECT_TRUE(accounts->create_user(admin, make("lisi40", long_name, kOther, dept)).ok());
  expect_error(accounts->create_user(admin, make("lisi", "李四", "lisi12345678", dept)).error(), "weak_password",
               "password");
  expect_error(accounts->create_user(admin, make("lisi", "李四", "short1", dept)).error(), "weak_password", "password");
  expect_error(accounts->create_user(admin, make("lisi", "李四", kOther, 424242)).error(), "invalid_unit",
               "unit_id");
  EXPECT_EQ(count("SELECT COUNT(*) FROM users"), 2);  // zhangsan and lisi40

  long long id = *accounts->create_user(admin, make(" LiSi ", " 李四 ", kOther, town));
  auto u = *accounts->get_user(admin, id);
  EXPECT_EQ(u.username, "lisi");
  EXPECT_EQ(u.display_name, "李四");
  auto entries = audit_of("user", std::to_string(id));
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "user.create");
  EXPECT_EQ(entries[0].unit_id, town);
  EXPECT_EQ(entries[0].after_json.find("argon2"), std::string::npos);  // never the password hash
  EXPECT_EQ(entries[0].after_json.find("Lisi-pass"), std::string::npos);
  auto after = json::parse(entries[0].after_json).as_object();
  EXPECT_EQ(after.at("username").as_string(), "lisi");
  EXPECT_FALSE(after.contains("password_hash"));
}

TEST_P(AccountServiceTest, ResetPasswordForcesAChangeAndEndsSessions) {
  auto session = login("zhangsan", kPassword);
  ASSERT_TRUE(session.ok());
  const std::string temp = "Temporary-2025-pw";
  auto r = accounts->reset_password(dept_admin, zhangsan, temp);
  ASSERT_TRUE(r.ok()) << r.error().code;
  EXPECT_FALSE(accounts->authenticate(session->session_token));
  EXPECT_EQ(login("zhangsan", kPassword).error().code, "invalid_credentials");
  auto fresh = login("zhangsan", temp);
  ASSERT_TRUE(fresh.ok());
  EXPECT_TRUE(fresh->must_change_password);
  bool must = false;
  ASSERT_TRUE(accounts->authenticate(fresh->session_token, &must));
  EXPECT_TRUE(must);
  // Changing it clears the flag.
  ASSERT_TRUE(accounts->change_password(fresh->actor, fresh->session_token, temp, "Own-choice-2026-pw").ok());
  ASSERT_TRUE(accounts->authenticate(fresh->session_token, &must));
  EXPECT_FALSE(must);
  auto entries = audit_of("user", std::to_string(zhangsan));
  bool reset_audited = false;
  for (const auto& e : entries) {
    if (e.action == "user.password_reset") {
      reset_audited = true;
      EXPECT_EQ(e.actor_id, dept_admin.user_id);
      EXPECT_EQ(e.after_json.find(temp), std::string::npos);
    }
  }
  EXPECT_TRUE(reset_audited);
}

TEST_P(AccountServiceTest, ResetPasswordRefusals) {
  auto town_admin = person(31, town, {Role::unit_admin});
  expect_error(accounts->reset_password(town_admin, zhangsan, "Temporary-2025-pw").error(), "forbidden");
  expect_error(accounts->reset_password(dept_editor, zhangsan, "Temporary-2025-pw").error(), "forbidden");
  expect_error(accounts->reset_password(supervisor, zhangsan, "Temporary-2025-pw").error(), "forbidden");
  expect_error(accounts->reset_password(admin, 424242, "Temporary-2025-pw").error(), "not_found");
  expect_error(accounts->reset_password(admin, zhangsan, "short1").error(), "weak_password", "password");
  expect_error(accounts->reset_password(admin, zhangsan, "zhangsan-2025-x").error(), "weak_password", "password");
  // A unit administrator cannot reset the password of a supervisor who happens to sit in their unit.
  NewUser boss{"boss", "督查", kOther, dept, {Role::supervisor}, false};
  long long boss_id = *accounts->create_user(admin, boss);
  expect_error(accounts->reset_password(dept_admin, boss_id, "Temporary-2025-pw").error(), "forbidden");
  EXPECT_TRUE(login("zhangsan", kPassword).ok());
  EXPECT_TRUE(login("boss", kOther).ok());
}

TEST_P(AccountServiceTest, UpdateUserChecksVersionAndPermissions) {
  auto u = *accounts->get_user(admin, zhangsan);
  ASSERT_TRUE(accounts->update_user(dept_admin, zhangsan, "张三丰", {Role::editor}, false, u.version).ok());
  auto v = *accounts->get_user(admin, zhangsan);
  EXPECT_EQ(v.display_name, "张三丰");
  EXPECT_EQ(v.roles, std::set<Role>{Role::editor});
  EXPECT_EQ(v.version, u.version + 1);
  expect_error(accounts->update_user(dept_admin, zhangsan, "张三", {Role::editor}, false, u.version).error(),
               "stale_version");
  expect_error(accounts->update_user(dept_admin, zhangsan, "张三", {Role::supervisor}, false, v.version).error(),
               "forbidden");
  expect_error(accounts->update_user(person(31, town, {Role::unit_admin}), zhangsan, "张三", {}, false, v.version)
                   .error(),
               "forbidden");
  expect_error(accounts->update_user(dept_admin, zhangsan, " ", {}, false, v.version).error(), "required",
               "display_name");
  expect_error(accounts->update_user(admin, 424242, "x", {}, false, 1).error(), "not_found");
  auto entries = audit_of("user", std::to_string(zhangsan));
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries[0].action, "user.update");
  auto before = json::parse(entries[0].before_json).as_object();
  auto after = json::parse(entries[0].after_json).as_object();
  EXPECT_EQ(before.at("display_name").as_string(), "张三");
  EXPECT_EQ(after.at("display_name").as_string(), "张三丰");
  EXPECT_EQ(before.at("roles").as_array().size(), 2u);
  EXPECT_EQ(after.at("roles").as_array().size(), 1u);
}

TEST_P(AccountServiceTest, ListAndGetUsersAreScoped) {
  NewUser townie{"townie", "镇街用户", kOther, town, {Role::editor}, true};
  long long townie_id = *accounts->create_user(admin, townie);
  auto all = accounts->list_users(supervisor);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 2u);
  auto mine = accounts->list_users(dept_admin);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->at(0).username, "zhangsan");
  EXPECT_EQ(accounts->list_users(dept_editor).error().code, "forbidden");
  EXPECT_EQ(accounts->list_users(Actor{}).error().code, "forbidden");
  EXPECT_TRUE(accounts->get_user(dept_admin, zhangsan).ok());
  EXPECT_EQ(accounts->get_user(dept_admin, townie_id).error().code, "forbidden");
  EXPECT_EQ(accounts->get_user(dept_admin, 424242).error().code, "not_found");
}

GONGKAI_DB_TEST_SUITE(UnitsServiceTest);
GONGKAI_DB_TEST_SUITE(AccountServiceTest);

}  // namespace
}  // namespace gongkai::units
