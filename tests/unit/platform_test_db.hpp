// Databases for unit tests that touch storage. Every such test runs on both backends:
//  * SQLite: a fresh temporary file per test, removed afterwards (with its -wal and -shm files);
//  * PostgreSQL, when GONGKAI_TEST_PG_URL names an admin URL (postgresql://postgres@127.0.0.1:PORT/postgres):
//    one uniquely named database per test suite, created through a SOCI session on that URL and dropped when the
//    suite ends, and in it a fresh schema per test (the pool's sessions get it as their search_path), so tests
//    never see each other's rows. Without the variable the PostgreSQL cases are skipped with a message;
//    scripts/test.sh always sets it.
#pragma once

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <boost/url.hpp>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "platform/crypto.hpp"
#include "platform/db/database.hpp"
#include "platform/db/migrations.hpp"

namespace gongkai_test {

using platform::db::Backend;
using platform::db::Database;

inline const char* pg_admin_url() {
  const char* u = std::getenv("GONGKAI_TEST_PG_URL");
  return u && *u ? u : nullptr;
}

// Lower-case letters, digits and '_' only: usable as a file name and as an unquoted SQL identifier.
inline std::string unique_name(const std::string& prefix) {
  static std::atomic<int> counter{0};
  static const std::string salt = [] {
    std::random_device rd;
    std::string s;
    for (int i = 0; i < 8; ++i) s.push_back("abcdefghijklmnopqrstuvwxyz0123456789"[rd() % 36]);
    return s;
  }();
  return prefix + "_" + std::to_string(::getpid()) + "_" + salt + "_" + std::to_string(++counter);
}

inline std::shared_ptr<Database> open_or_die(const std::string& url, std::size_t pool) {
  auto db = Database::open({url, pool});
  if (!db.ok()) throw std::runtime_error("cannot open test database: " + db.error().message);
  return *db;
}

// The PostgreSQL server of GONGKAI_TEST_PG_URL: one database for the running suite.
class PgServer {
 public:
  static PgServer& instance() {
    static PgServer s;
    return s;
  }

  // URL of the suite's database with `schema` first on the search path (creates database and schema).
  std::string fresh_schema_url(const std::string& schema) {
    if (suite_db_.empty()) {
      suite_db_ = unique_name("gongkai_ut");
      exec_admin("CREATE DATABASE " + suite_db_);
      suite_admin_ = open_or_die(url_for(suite_db_, ""), 1);
      auto l = suite_admin_->lease();
      *l << "SET client_min_messages = warning";  // no NOTICE for every table DROP SCHEMA ... CASCADE removes
    }
    auto l = suite_admin_->lease();
    *l << ("CREATE SCHEMA " + schema);
    return url_for(suite_db_, schema);
  }

  void drop_schema(const std::string& schema) {
    if (!suite_admin_) return;
    auto l = suite_admin_->lease();
    *l << ("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  // Drops the suite's database (at the end of each test suite).
  void drop_suite_database() {
    if (suite_db_.empty()) return;
    suite_admin_.reset();
    exec_admin("DROP DATABASE IF EXISTS " + suite_db_ + " WITH (FORCE)");
    suite_db_.clear();
  }

 private:
  std::string url_for(const std::string& db, const std::string& schema) {
    auto parsed = boost::urls::parse_uri(pg_admin_url());
    if (!parsed) throw std::runtime_error("GONGKAI_TEST_PG_URL is not a URL");
    boost::urls::url u(*parsed);
    u.set_path("/" + db);
    if (!schema.empty()) u.params().set("options", "-c search_path=" + schema);
    return std::string(u.buffer());
  }

  void exec_admin(const std::string& sql) {
    if (!admin_) admin_ = open_or_die(pg_admin_url(), 1);
    auto l = admin_->lease();
    *l << sql;  // a SOCI session outside any transaction: CREATE/DROP DATABASE may run here
  }

  std::shared_ptr<Database> admin_;
  std::string suite_db_;
  std::shared_ptr<Database> suite_admin_;
};

// One fresh database for one test.
class TestDatabase {
 public:
  TestDatabase(Backend backend, bool migrate) : backend_(backend) {
    platform::crypto_init();
    spdlog::set_level(spdlog::level::warn);  // "applied migration ..." for every test is noise
    if (backend == Backend::sqlite) {
      path_ = (std::filesystem::temp_directory_path() / (unique_name("gongkai_ut") + ".db")).string();
      db_ = open_or_die("sqlite:" + path_, 4);
    } else {
      schema_ = unique_name("t");
      db_ = open_or_die(PgServer::instance().fresh_schema_url(schema_), 4);
    }
    if (migrate) {
      auto r = platform::db::migrate(*db_);
      if (!r.ok()) throw std::runtime_error("migrate failed: " + r.error().message);
    }
  }
  ~TestDatabase() {
    db_.reset();
    if (backend_ == Backend::sqlite) {
      std::error_code ec;
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix, ec);
    } else {
      try {
        PgServer::instance().drop_schema(schema_);
      } catch (...) {
      }
    }
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::shared_ptr<Database>& db() const { return db_; }
  const std::string& sqlite_path() const { return path_; }

 private:
  Backend backend_;
  std::string path_, schema_;
  std::shared_ptr<Database> db_;
};

// Base fixture of storage tests: TEST_P(..., ...) runs once per backend; `db_` is fresh and migrated.
class DbTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::postgresql && !pg_admin_url()) {
      GTEST_SKIP() << "PostgreSQL case skipped: GONGKAI_TEST_PG_URL is not set (scripts/test.sh sets it; or run "
                      "`bash scripts/pg.sh start /tmp/utpg 55441` and export the URL it prints)";
    }
    tdb_ = std::make_unique<TestDatabase>(GetParam(), migrate_on_setup());
    db_ = tdb_->db();
  }
  void TearDown() override {
    db_.reset();
    tdb_.reset();
  }
  static void TearDownTestSuite() {
    if (pg_admin_url()) PgServer::instance().drop_suite_database();
  }
  virtual bool migrate_on_setup() const { return true; }
  bool pg() const { return GetParam() == Backend::postgresql; }

  std::unique_ptr<TestDatabase> tdb_;
  std::shared_ptr<Database> db_;
};

inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::sqlite ? "SQLite" : "PostgreSQL";
}

}  // namespace gongkai_test

#define GONGKAI_DB_TEST_SUITE(Fixture)                                                                   \
  INSTANTIATE_TEST_SUITE_P(Backends, Fixture,                                                          \
                           ::testing::Values(::gongkai_test::Backend::sqlite, ::gongkai_test::Backend::postgresql), \
                           ::gongkai_test::backend_name)
