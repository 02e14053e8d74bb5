#include "platform/db/database.hpp"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <boost/url/parse.hpp>
#include <optional>

namespace platform::db {
using namespace sqlite_api;  // SOCI wraps SQLite's C API in this namespace
namespace {

// "postgresql://user:secret@host/db" → "postgresql://user:***@host/db"; anything else unchanged.
std::string hide_password(const std::string& url) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  auto at = url.find('@', scheme + 3);
  if (at == std::string::npos) return url;
  auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

// libpq accepts URIs, but SOCI 4.0.3 mangles them; hand it the equivalent "key=value" string instead.
std::optional<std::string> pg_keywords(const std::string& url) {
  auto u = boost::urls::parse_uri(url);
  if (!u) return std::nullopt;
  auto quote = [](std::string v) {
    std::string out = "'";
    for (char c : v) {
      if (c == '\\' || c == '\'') out.push_back('\\');
      out.push_back(c);
    }
    return out + "'";
  };
  std::string out;
  auto add = [&](const char* k, const std::string& v) {
    if (!v.empty()) out += std::string(out.empty() ? "" : " ") + k + "=" + quote(v);
  };
  add("host", std::string(u->encoded_host().empty() ? "" : u->host()));
  add("port", std::string(u->port()));
  add("user", std::string(u->user()));
  add("password", std::string(u->password()));
  std::string db = std::string(u->path());
  if (!db.empty() && db.front() == '/') db.erase(0, 1);
  add("dbname", db);
  for (auto p : u->params()) add(std::string(p.key).c_str(), std::string(p.value));
  return out;
}

void apply_sqlite_pragmas(soci::session& s) {
  // WAL lets readers run beside the one writer; synchronous=FULL makes every acknowledged commit durable against
  // power loss too, not only a killed process; the busy timeout covers a second process (backup, CLI) writing.
  s << "PRAGMA journal_mode=WAL";
  s << "PRAGMA synchronous=FULL";
  s << "PRAGMA foreign_keys=ON";
  s << "PRAGMA busy_timeout=10000";
  // Reads through a memory map (up to 1 GiB of the file) instead of a pread and a copy per page, and 16 MiB of page
  // cache per connection: full-text queries touch many pages (bench/search), and WAL keeps writes out of the map.
  s << "PRAGMA mmap_size=1073741824";
  s << "PRAGMA cache_size=-16384";
}

}  // namespace

Lease::~Lease() {
  if (db_ && s_) db_->give_back(std::move(s_));
}

Result<std::shared_ptr<Database>> Database::open(const Options& options) {
  std::shared_ptr<Database> db(new Database());
  const std::string& url = options.url;
  db->display_url_ = hide_password(url);
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    db->backend_ = Backend::postgresql;
    auto kw = pg_keywords(url);
    if (!kw) return make_error("db_open_failed", "数据库地址格式无效：" + db->display_url_);
    db->connect_string_ = *kw;
  } else {
    db->backend_ = Backend::sqlite;
    std::string path = url.starts_with("sqlite:") ? url.substr(7) : url;
    if (path.starts_with("//")) path = path.substr(2);
    db->connect_string_ = "db=" + path + " timeout=10 shared_cache=false";
  }
  std::size_t n = std::max<std::size_t>(1, options.pool_size);
  try {
    for (std::size_t i = 0; i < n; ++i) {
      auto s = std::make_unique<soci::session>();
      if (db->backend_ == Backend::postgresql) {
        s->open(soci::postgresql, db->connect_string_);
      } else {
        s->open(soci::sqlite3, db->connect_string_);
        apply_sqlite_pragmas(*s);
      }
      db->idle_.push_back(std::move(s));
    }
  } catch (const std::exception& e) {
    return make_error("db_open_failed", "无法连接数据库 " + db->display_url_ + "：" + hide_password(e.what()));
  }
  db->size_ = n;
  return db;
}

Database::~Database() = default;

Lease Database::lease() {
  std::unique_lock lk(mu_);
  ++acquired_;
  if (idle_.empty()) {
    ++waited_;
    cv_.wait(lk, [&] { return !idle_.empty(); });
  }
  auto s = std::move(idle_.back());
  idle_.pop_back();
  return Lease(this, std::move(s));
}

void Database::give_back(std::unique_ptr<soci::session> s) {
  if (backend_ == Backend::postgresql && !s->is_connected()) {
    try {
      s->reconnect();
    } catch (const std::exception& e) {
      spdlog::warn("database reconnect failed: {}", hide_password(e.what()));
    }
  }
  {
    std::lock_guard lk(mu_);
    idle_.push_back(std::move(s));
  }
  cv_.notify_one();
}

void Database::begin(soci::session& s, bool write) {
  if (backend_ == Backend::sqlite) {
    s << (write ? "BEGIN IMMEDIATE" : "BEGIN");
  } else {
    s << "BEGIN";
  }
}

void Database::exec_script(soci::session& s, const std::string& sql) {
  if (backend_ == Backend::sqlite) {
    auto* be = static_cast<soci::sqlite3_session_backend*>(s.get_backend());
    char* err = nullptr;
    if (sqlite3_exec(be->conn_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      throw std::runtime_error(msg);
    }
  } else {
    auto* be = static_cast<soci::postgresql_session_backend*>(s.get_backend());
    PGresult* r = PQexec(be->conn_, sql.c_str());
    auto status = PQresultStatus(r);
    std::string msg = PQresultErrorMessage(r);
    PQclear(r);
    // A script of comments only (a migration whose statements are all the other backend's) is nothing to do.
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
      throw std::runtime_error(msg);
    }
  }
}

Database::Stats Database::stats() const {
  std::lock_guard lk(mu_);
  return Stats{size_, size_ - idle_.size(), acquired_, waited_};
}

bool Database::ping() {
  try {
    Lease l = lease();
    int one = 0;
    *l << "SELECT 1", soci::into(one);
    return one == 1;
  } catch (const std::exception& e) {
    spdlog::warn("database ping failed: {}", hide_password(e.what()));
    return false;
  }
}

Result<void> Database::backup_sqlite(const std::string& path) {
  if (backend_ != Backend::sqlite) return make_error("backup_failed", "PostgreSQL 请使用 pg_dump 备份。");
  Lease l = lease();
  auto* be = static_cast<soci::sqlite3_session_backend*>(l->get_backend());
  sqlite3* dest = nullptr;
  if (sqlite3_open(path.c_str(), &dest) != SQLITE_OK) {
    std::string msg = dest ? sqlite3_errmsg(dest) : "cannot open";
    sqlite3_close(dest);
    return make_error("backup_failed", "无法创建备份文件 " + path + "：" + msg);
  }
  sqlite3_backup* b = sqlite3_backup_init(dest, "main", be->conn_, "main");
  int rc = SQLITE_OK;
  if (b) {
    // Copy in steps so that writers are not blocked for the whole copy; a write in between restarts the copy.
    do {
      rc = sqlite3_backup_step(b, 256);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
  }
  rc = sqlite3_errcode(dest);
  std::string msg = sqlite3_errmsg(dest);
  sqlite3_close(dest);
  if (rc != SQLITE_OK) return make_error("backup_failed", "备份失败：" + msg);
  return {};
}

}  // namespace platform::db
