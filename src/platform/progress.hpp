// A progress display for long command-line work (import, search reindex). On a terminal it redraws one line in
// place, at most ten times a second:  导入 [=========>          ]  45% 4500/10000  1234/s  剩余 0:04  detail
// Elsewhere (a log file, a pipe, systemd's journal) it writes a plain line at every tenth of the way (or every
// 10 s when the total is unknown), so logs are not flooded with carriage returns.
// Meant for one producer thread; a mutex makes concurrent advance() calls safe but not fast.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>

namespace platform {

class ProgressBar {
 public:
  enum class Mode { automatic, terminal, plain };  // automatic: terminal if `out` is a TTY

  // `total` 0 means unknown: counts and rate are shown, no percentage or ETA.
  ProgressBar(std::string label, std::uint64_t total, std::FILE* out = stderr, Mode mode = Mode::automatic);
  // Ends the line if finish() was not called (an error path), without claiming completion.
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void advance(std::uint64_t n = 1);
  // A short text shown after the numbers on a terminal (e.g. the file being read); cut to 40 characters.
  void set_detail(std::string detail);
  // Draws the final state with the elapsed time and ends the line. Idempotent.
  void finish();

  std::uint64_t done() const;

 private:
  using Clock = std::chrono::steady_clock;
  void draw_locked(bool final);
  std::string line_locked(bool final) const;

  mutable std::mutex mu_;
  std::string label_;
  std::uint64_t total_;
  std::FILE* out_;
  bool tty_;
  std::uint64_t done_ = 0;
  std::string detail_;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_draw_{};
  int last_decile_ = 0;
  bool drawn_ = false;
  bool finished_ = false;
};

// "1:05", "1:02:03" for a number of seconds.
std::string format_duration(std::uint64_t seconds);

}  // namespace platform
