#include "platform/jobs/scheduler.hpp"

#include <spdlog/spdlog.h>

#include "platform/errors.hpp"

#include "platform/time.hpp"

namespace platform::jobs {

Scheduler::Scheduler(std::shared_ptr<db::Database> db, std::string node_id) : db_(std::move(db)), node_(std::move(node_id)) {}

Scheduler::~Scheduler() { stop(); }

void Scheduler::every(std::string name, std::chrono::seconds interval, std::function<void()> fn, std::chrono::seconds lease) {
  jobs_.push_back(Job{name, interval, lease, std::move(fn)});
  std::string now = now_utc_iso();
  db_->write([&](soci::session& s) {
    s << "INSERT INTO scheduled_jobs (name, next_run_at) VALUES (:n, :t) ON CONFLICT (name) DO NOTHING",
        soci::use(name), soci::use(now);
  });
}

bool Scheduler::claim(const Job& j) {
  auto now = std::chrono::system_clock::now();
  std::string now_s = to_utc_iso(now), until = to_utc_iso(now + j.lease);
  return db_->write([&](soci::session& s) {
    soci::statement st = (s.prepare << "UPDATE scheduled_jobs SET lease_owner = :o, lease_until = :u "
                                       "WHERE name = :n AND next_run_at <= :now AND (lease_until IS NULL OR lease_until < :now2)",
                          soci::use(node_), soci::use(until), soci::use(j.name), soci::use(now_s), soci::use(now_s));
    st.execute(true);
    return st.get_affected_rows() == 1;
  });
}

void Scheduler::finish(const Job& j, const std::string& error) {
  auto now = std::chrono::system_clock::now();
  std::string now_s = to_utc_iso(now), next = to_utc_iso(now + j.interval), status = error.empty() ? "ok" : "failed";
  db_->write([&](soci::session& s) {
    s << "UPDATE scheduled_jobs SET lease_owner = NULL, lease_until = NULL, next_run_at = :next, last_run_at = :now, "
         "last_status = :st, last_error = :err WHERE name = :n",
        soci::use(next), soci::use(now_s), soci::use(status), soci::use(error), soci::use(j.name);
  });
}

int Scheduler::run_due() {
  int ran = 0;
  for (const auto& j : jobs_) {
    try {
      if (!claim(j)) continue;
    } catch (const std::exception& e) {
      spdlog::warn("job {}: could not claim: {}", j.name, platform::loggable(e));
      continue;
    }
    std::string error;
    try {
      j.fn();
    } catch (const std::exception& e) {
      error = platform::loggable(e);
      spdlog::error("job {} failed: {}", j.name, error);
    }
    try {
      finish(j, error);
    } catch (const std::exception& e) {
      spdlog::warn("job {}: could not record the run: {}", j.name, platform::loggable(e));
    }
    ++ran;
  }
  return ran;
}

void Scheduler::start() {
  thread_ = std::thread([this] {
    std::unique_lock lk(mu_);
    while (!stop_) {
      lk.unlock();
      run_due();
      lk.lock();
      cv_.wait_for(lk, std::chrono::seconds(15), [this] { return stop_; });
    }
  });
}

void Scheduler::stop() {
  {
    std::lock_guard lk(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace platform::jobs
