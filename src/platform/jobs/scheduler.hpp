// Periodic jobs that several `gongkai serve` processes may share: each run is claimed with a lease row in the
// database (table scheduled_jobs), so exactly one node runs a due job, and a node that dies mid-run loses its
// lease after `lease` and another node takes over.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "platform/db/database.hpp"

namespace platform::jobs {

class Scheduler {
 public:
  Scheduler(std::shared_ptr<db::Database> db, std::string node_id);
  ~Scheduler();

  // Registers a job that runs every `interval`. `fn` runs on the scheduler's thread; an exception is recorded as
  // the job's last error and the job is tried again at its next interval.
  void every(std::string name, std::chrono::seconds interval, std::function<void()> fn,
             std::chrono::seconds lease = std::chrono::seconds(300));
  void start();
  void stop();
  // Runs every due job once, now, on the calling thread (tests, CLI). Returns how many ran here.
  int run_due();

 private:
  struct Job {
    std::string name;
    std::chrono::seconds interval, lease;
    std::function<void()> fn;
  };
  bool claim(const Job& j);
  void finish(const Job& j, const std::string& error);

  std::shared_ptr<db::Database> db_;
  std::string node_;
  std::vector<Job> jobs_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
};

}  // namespace platform::jobs
