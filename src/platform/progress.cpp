#include "platform/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace platform {
namespace {

// The first `n` code points of UTF-8 text.
std::string cut(const std::string& s, std::size_t n) {
  std::size_t i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (n == 0) return s.substr(0, i) + "…";
      --n;
    }
  }
  return s;
}

}  // namespace

std::string format_duration(std::uint64_t seconds) {
  char buf[32];
  if (seconds >= 3600) {
    std::snprintf(buf, sizeof buf, "%llu:%02llu:%02llu", static_cast<unsigned long long>(seconds / 3600),
                  static_cast<unsigned long long>(seconds / 60 % 60), static_cast<unsigned long long>(seconds % 60));
  } else {
    std::snprintf(buf, sizeof buf, "%llu:%02llu", static_cast<unsigned long long>(seconds / 60),
                  static_cast<unsigned long long>(seconds % 60));
  }
  return buf;
}

ProgressBar::ProgressBar(std::string label, std::uint64_t total, std::FILE* out, Mode mode)
    : label_(std::move(label)), total_(total), out_(out) {
  tty_ = mode == Mode::terminal || (mode == Mode::automatic && out_ && ::isatty(::fileno(out_)));
}

ProgressBar::~ProgressBar() {
  std::lock_guard lock(mu_);
  if (!finished_ && tty_ && drawn_ && out_) {
    std::fputc('\n', out_);
    std::fflush(out_);
  }
}

std::uint64_t ProgressBar::done() const {
  std::lock_guard lock(mu_);
  return done_;
}

void ProgressBar::advance(std::uint64_t n) {
  std::lock_guard lock(mu_);
  done_ += n;
  draw_locked(false);
}

void ProgressBar::set_detail(std::string detail) {
  std::lock_guard lock(mu_);
  detail_ = cut(detail, 40);
}

void ProgressBar::finish() {
  std::lock_guard lock(mu_);
  if (finished_) return;
  draw_locked(true);
  finished_ = true;
}

std::string ProgressBar::line_locked(bool final) const {
  const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  const double rate = elapsed > 0.05 ? static_cast<double>(done_) / elapsed : 0.0;
  std::string s = label_;
  char buf[160];
  if (total_ > 0) {
    const double frac = std::min(1.0, static_cast<double>(done_) / static_cast<double>(total_));
    if (tty_) {
      constexpr int kWidth = 30;
      const int filled = static_cast<int>(frac * kWidth);
      std::string bar(static_cast<std::size_t>(filled), '=');
      if (filled < kWidth) bar += '>' + std::string(static_cast<std::size_t>(kWidth - filled - 1), ' ');
      s += " [" + bar + "]";
    }
    std::snprintf(buf, sizeof buf, " %3d%% %llu/%llu", static_cast<int>(frac * 100),
                  static_cast<unsigned long long>(done_), static_cast<unsigned long long>(total_));
    s += buf;
  } else {
    std::snprintf(buf, sizeof buf, " %llu", static_cast<unsigned long long>(done_));
    s += buf;
  }
  std::snprintf(buf, sizeof buf, "  %.0f/s", rate);
  s += buf;
  if (final) {
    s += "  完成，用时 " + format_duration(static_cast<std::uint64_t>(std::llround(elapsed)));
  } else if (total_ > 0 && rate > 0 && done_ < total_) {
    s += "  剩余 " + format_duration(static_cast<std::uint64_t>(static_cast<double>(total_ - done_) / rate + 0.5));
  }
  if (tty_ && !detail_.empty() && !final) s += "  " + detail_;
  return s;
}

void ProgressBar::draw_locked(bool final) {
  if (!out_) return;
  const auto now = Clock::now();
  if (tty_) {
    if (!final && drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
    // \r back to the start, \x1b[K clears what a longer previous line left.
    std::fprintf(out_, "\r%s\x1b[K%s", line_locked(final).c_str(), final ? "\n" : "");
  } else {
    if (!final) {
      if (total_ > 0) {
        const int decile = static_cast<int>(std::min<std::uint64_t>(10, done_ * 10 / total_));
        if (decile <= last_decile_ || decile >= 10) return;  // 100% is reported by finish()
        last_decile_ = decile;
      } else if (drawn_ ? now - last_draw_ < std::chrono::seconds(10) : now - start_ < std::chrono::seconds(10)) {
        return;
      }
    }
    std::fprintf(out_, "%s\n", line_locked(final).c_str());
  }
  std::fflush(out_);
  drawn_ = true;
  last_draw_ = now;
}

}  // namespace platform
