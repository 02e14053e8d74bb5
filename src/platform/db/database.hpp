// The database: a pool of SOCI sessions on SQLite (embedded, the default) or PostgreSQL (several app nodes).
//
// Every unit of work runs in a transaction through read() or write(). On SQLite, writes are serialised in this
// process by a lock and taken with BEGIN IMMEDIATE (WAL, synchronous=FULL, foreign keys on, busy timeout), so a
// committed write survives a killed process. On PostgreSQL the server serialises. Differences between the two
// (DDL types, scripts, backup) stay behind this interface and platform/db/dialect.hpp.
#pragma once

#include <soci/soci.h>

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <vector>

#include "platform/result.hpp"

namespace platform::db {

enum class Backend { sqlite, postgresql };

struct Options {
  // "postgresql://user:pass@host:5432/db" (or "postgres://…"), "sqlite:/path/to/file.db", or a plain file path.
  std::string url;
  std::size_t pool_size = 8;
};

class Database;

// A session borrowed from the pool; returned (and reconnected if the connection broke) when destroyed.
class Lease {
 public:
  Lease(Database* db, std::unique_ptr<soci::session> s) : db_(db), s_(std::move(s)) {}
  Lease(Lease&&) = default;
  ~Lease();
  soci::session& operator*() { return *s_; }
  soci::session* operator->() { return s_.get(); }

 private:
  Database* db_;
  std::unique_ptr<soci::session> s_;
};

template <class T> struct is_result : std::false_type {};
template <class T> struct is_result<Result<T>> : std::true_type {};

class Database {
 public:
  // Opens the pool. Errors: db_open_failed (with the driver's reason, password removed).
  static Result<std::shared_ptr<Database>> open(const Options& options);
  ~Database();

  Backend backend() const { return backend_; }
  bool is_sqlite() const { return backend_ == Backend::sqlite; }
  // The URL with any password replaced by "***", for logs.
  const std::string& display_url() const { return display_url_; }

  // Runs fn(soci::session&) in a write transaction. Commits when fn returns normally — unless fn returns a
  // Result that holds an Error, which rolls back (so a refused change leaves nothing behind). Rolls back and
  // rethrows if fn throws.
  template <class F>
  auto write(F&& fn) -> std::invoke_result_t<F, soci::session&> {
    return run_tx(true, std::forward<F>(fn));
  }
  // Runs fn in a read transaction (one consistent snapshot for all its statements).
  template <class F>
  auto read(F&& fn) -> std::invoke_result_t<F, soci::session&> {
    return run_tx(false, std::forward<F>(fn));
  }

  // Runs a script of several statements with the native driver (sqlite3_exec / PQexec); a script of comments only
  // does nothing. Throws soci_error-like std::runtime_error with the driver's message on failure.
  void exec_script(soci::session& s, const std::string& sql);

  // Borrows a session without a transaction (migrations, maintenance).
  Lease lease();

  struct Stats {
    std::size_t size = 0;
    std::size_t in_use = 0;
    std::uint64_t acquired = 0;
    std::uint64_t waited = 0;  // acquisitions that had to wait for a free session
  };
  Stats stats() const;
  // True if a trivial query succeeds.
  bool ping();
  // SQLite only: a consistent online copy of the database into `path` (sqlite3_backup). Error backup_failed.
  Result<void> backup_sqlite(const std::string& path);

 private:
  friend class Lease;
  Database() = default;
  void give_back(std::unique_ptr<soci::session> s);
  void begin(soci::session& s, bool write);

  template <class F>
  auto run_tx(bool write, F&& fn) -> std::invoke_result_t<F, soci::session&> {
    using R = std::invoke_result_t<F, soci::session&>;
    std::unique_lock<std::mutex> wl(write_mu_, std::defer_lock);
    if (write && backend_ == Backend::sqlite) wl.lock();
    Lease l = lease();
    begin(*l, write);
    try {
      if constexpr (std::is_void_v<R>) {
        fn(*l);
        *l << "COMMIT";
      } else {
        R r = fn(*l);
        bool ok = true;
        if constexpr (is_result<R>::value) ok = r.ok();
        *l << (ok ? "COMMIT" : "ROLLBACK");
        return r;
      }
    } catch (...) {
      try {
        *l << "ROLLBACK";
      } catch (...) {
      }
      throw;
    }
  }

  Backend backend_ = Backend::sqlite;
  std::string connect_string_;
  std::string display_url_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<soci::session>> idle_;
  std::size_t size_ = 0;
  std::uint64_t acquired_ = 0, waited_ = 0;
  std::mutex write_mu_;
};

}  // namespace platform::db
