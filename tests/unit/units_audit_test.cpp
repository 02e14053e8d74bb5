// gongkai/audit on a real database, SQLite and PostgreSQL: the log is append-only (the database itself refuses
// UPDATE and DELETE), entries record the actor, and the openness office reads them through filters.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "gongkai/audit/model.hpp"
#include "gongkai/audit/service.hpp"
#include "gongkai/audit/store.hpp"
#include "gongkai/units/model.hpp"
#include "platform_test_db.hpp"

namespace gongkai::audit {
namespace {

using units::Actor;
using units::Role;

Actor staff(long long id, long long unit, std::set<Role> roles) {
  Actor a;
  a.user_id = id;
  a.username = "user" + std::to_string(id);
  a.display_name = "用户" + std::to_string(id);
  a.unit_id = unit;
  a.roles = std::move(roles);
  a.address = "192.0.2.1";
  a.request_id = "rid-" + std::to_string(id);
  return a;
}

class AuditTest : public gongkai_test::DbTest {
 protected:
  long long add(const Actor& a, Change c) {
    db_->write([&](soci::session& s) { record(s, a, c); });
    return db_->read([](soci::session& s) {
      long long id = 0;
      s << "SELECT MAX(id) FROM audit_log", soci::into(id);
      return id;
    });
  }
  std::vector<Entry> all() {
    Query q;
    q.limit = 500;
    return db_->read([&](soci::session& s) { return find(s, q); });
  }
};

TEST_P(AuditTest, UpdateIsRefusedByTheDatabase) {
  long long id = add(staff(1, 10, {Role::editor}), {"unit.update", "unit", "10", "发改局", 10, "{\"a\":1}", "{\"a\":2}"});
  const std::vector<std::string> updates = {
      "UPDATE audit_log SET action = 'unit.create'", "UPDATE audit_log SET before_json = NULL",
      "UPDATE audit_log SET at = '2000-01-01T00:00:00Z' WHERE id = " + std::to_string(id),
      "UPDATE audit_log SET id = id + 1000"};
  for (const std::string& sql : updates) {
    EXPECT_THROW(db_->write([&](soci::session& s) { s << sql; }), std::exception) << sql;
  }
  auto entries = all();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].id, id);
  EXPECT_EQ(entries[0].action, "unit.update");
  EXPECT_EQ(entries[0].before_json, "{\"a\":1}");
  EXPECT_NE(entries[0].at, "2000-01-01T00:00:00Z");
}

TEST_P(AuditTest, DeleteIsRefusedByTheDatabase) {
  add(staff(1, 10, {Role::editor}), {"user.login", "user", "1", "user1", 10, "", ""});
  add(staff(2, 10, {Role::editor}), {"user.login", "user", "2", "user2", 10, "", ""});
  for (const char* sql : {"DELETE FROM audit_log", "DELETE FROM audit_log WHERE entity_id = '1'",
                                 "DELETE FROM audit_log WHERE id IN (SELECT MIN(id) FROM audit_log)"}) {
    EXPECT_THROW(db_->write([&](soci::session& s) { s << sql; }), std::exception) << sql;
  }
  EXPECT_EQ(all().size(), 2u);
  // Also outside a transaction of ours, on a bare (autocommit) session.
  auto l = db_->lease();
  EXPECT_THROW(*l << "DELETE FROM audit_log", std::exception);
  EXPECT_THROW(*l << "UPDATE audit_log SET actor_name = 'someone else'", std::exception);
  EXPECT_EQ(all().size(), 2u);
  EXPECT_EQ(all()[0].actor_name, "用户2");
}

TEST_P(AuditTest, AppendingStillWorksAfterARefusal) {
  add(staff(1, 10, {Role::editor}), {"user.login", "user", "1", "user1", 10, "", ""});
  EXPECT_THROW(db_->write([](soci::session& s) { s << "DELETE FROM audit_log"; }), std::exception);
  add(staff(1, 10, {Role::editor}), {"user.logout", "user", "1", "user1", 10, "", ""});
  auto entries = all();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].action, "user.logout");
  EXPECT_GT(entries[0].id, entries[1].id);
}

TEST_P(AuditTest, RecordKeepsWhoWhenWhereAndWhat) {
  Actor a = staff(7, 10, {Role::unit_admin});
  long long id = add(a, {"unit.update", "unit", "10", "区发展和改革局", 10, "{\"name\":\"旧\"}", "{\"name\":\"新\"}"});
  auto entries = all();
  ASSERT_EQ(entries.size(), 1u);
  const Entry& e = entries[0];
  EXPECT_EQ(e.id, id);
  EXPECT_EQ(e.actor_id, 7);
  EXPECT_EQ(e.actor_unit_id, 10);
  EXPECT_EQ(e.actor_name, "用户7");
  EXPECT_EQ(e.address, "192.0.2.1");
  EXPECT_EQ(e.request_id, "rid-7");
  EXPECT_EQ(e.action, "unit.update");
  EXPECT_EQ(e.entity_type, "unit");
  EXPECT_EQ(e.entity_id, "10");
  EXPECT_EQ(e.entity_label, "区发展和改革局");
  EXPECT_EQ(e.unit_id, 10);
  EXPECT_EQ(e.before_json, "{\"name\":\"旧\"}");
  EXPECT_EQ(e.after_json, "{\"name\":\"新\"}");
  ASSERT_EQ(e.at.size(), 20u);
  EXPECT_EQ(e.at[10], 'T');
  EXPECT_EQ(e.at.back(), 'Z');

  // Without a user: the command line by its display name, an anonymous visitor by the username tried, else 系统.
  add(units::command_line_actor(), {"system.demo", "system", "", "", std::nullopt, "", ""});
  Actor anon;
  anon.username = "guess";
  add(anon, {"user.login_failed", "user", "", "guess", std::nullopt, "", ""});
  add(Actor{}, {"system.job", "job", "", "", std::nullopt, "", ""});
  entries = all();
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[0].actor_name, "系统");
  EXPECT_EQ(entries[1].actor_name, "guess");
  EXPECT_EQ(entries[2].actor_name, "命令行");
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(entries[i].actor_id) << i;
    EXPECT_FALSE(entries[i].actor_unit_id) << i;
    EXPECT_FALSE(entries[i].unit_id) << i;
    EXPECT_EQ(entries[i].before_json, "") << i;
  }
}

TEST_P(AuditTest, OnlyTheOpennessOfficeAndSysadminsMayRead) {
  add(staff(1, 10, {Role::editor}), {"user.login", "user", "1", "user1", 10, "", ""});
  AuditService service(db_);
  for (const Actor& a : {Actor{}, staff(2, 10, {Role::editor}), staff(3, 10, {Role::unit_admin, Role::reviewer})}) {
    auto r = service.list(a, {});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "forbidden");
  }
  for (const Actor& a : {staff(4, 1, {Role::supervisor}), staff(5, 1, {Role::sysadmin}), units::command_line_actor()}) {
    auto r = service.list(a, {});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->size(), 1u);
  }
}

TEST_P(AuditTest, FiltersAndKeysetPaging) {
  std::vector<long long> ids;
  for (int i = 0; i < 6; ++i) {
    Actor a = staff(i % 2 ? 1 : 2, i % 2 ? 10 : 20, {Role::editor});
    ids.push_back(add(a, {i < 3 ? "unit.update" : "user.login", i < 3 ? "unit" : "user", std::to_string(i),
                          "label" + std::to_string(i), i % 2 ? 10 : 20, "", ""}));
  }
  AuditService service(db_);
  Actor reader = staff(9, 1, {Role::supervisor});
  auto list = [&](Query q) {
    auto r = service.list(reader, q);
    EXPECT_TRUE(r.ok());
    std::vector<long long> out;
    for (const auto& e : *r) out.push_back(e.id);
    return out;
  };
  EXPECT_EQ(list({}), (std::vector<long long>{ids[5], ids[4], ids[3], ids[2], ids[1], ids[0]}));
  Query q;
  q.action_prefix = "unit.";
  EXPECT_EQ(list(q), (std::vector<long long>{ids[2], ids[1], ids[0]}));
  q = {};
  q.entity_type = "user";
  q.entity_id = "4";
  EXPECT_EQ(list(q), (std::vector<long long>{ids[4]}));
  q = {};
  q.actor_id = 1;
  EXPECT_EQ(list(q), (std::vector<long long>{ids[5], ids[3], ids[1]}));
  q = {};
  q.unit_id = 20;
  EXPECT_EQ(list(q), (std::vector<long long>{ids[4], ids[2], ids[0]}));
  q = {};
  q.limit = 2;
  EXPECT_EQ(list(q), (std::vector<long long>{ids[5], ids[4]}));
  q.before_id = ids[4];
  EXPECT_EQ(list(q), (std::vector<long long>{ids[3], ids[2]}));
  q.before_id = ids[0];
  EXPECT_TRUE(list(q).empty());
  // Dates are local (UTC+8) calendar days: everything was written today.
  q = {};
  q.from_date = "2000-01-01";
  EXPECT_EQ(list(q).size(), 6u);
  q.to_date = "2000-01-02";
  EXPECT_TRUE(list(q).empty());
  q = {};
  q.from_date = "2999-01-01";  // past what std::chrono's nanosecond clock can hold: must not overflow
  EXPECT_TRUE(list(q).empty());
  // The extremes of YYYY-MM-DD are valid filters too.
  q = {};
  q.from_date = "0001-01-01";
  q.to_date = "9999-12-31";
  EXPECT_EQ(list(q).size(), 6u);
  q = {};
  q.from_date = "9999-12-31";
  EXPECT_TRUE(list(q).empty());
  q = {};
  q.to_date = "0001-01-01";
  EXPECT_TRUE(list(q).empty());
  q = {};
  q.from_date = "0000-01-01";
  EXPECT_EQ(list(q).size(), 6u);
  // An action prefix is a prefix, not a pattern of the user's making... except for LIKE's own wildcards.
  q = {};
  q.action_prefix = "user.log";
  EXPECT_EQ(list(q).size(), 3u);
}

TEST(AuditModel, ActionLabels) {
  EXPECT_EQ(action_label("unit.update"), "修改单位信息");
  EXPECT_EQ(action_label("user.login_failed"), "登录失败");
  EXPECT_EQ(action_label("user.password_reset"), "重置密码");
  EXPECT_EQ(action_label("something.new"), "something.new");  // unknown codes are shown as they are
  EXPECT_EQ(action_label(""), "");
}

GONGKAI_DB_TEST_SUITE(AuditTest);

}  // namespace
}  // namespace gongkai::audit
