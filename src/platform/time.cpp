#include "platform/time.hpp"

#include <cstdio>
#include <ctime>

namespace platform {

std::string to_utc_iso(std::chrono::system_clock::time_point t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string now_utc_iso() { return to_utc_iso(std::chrono::system_clock::now()); }

std::string local_date_today() {
  std::time_t tt = std::time(nullptr) + 8 * 3600;
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string utc_iso_to_local_display(const std::string& iso) {
  std::tm tm{};
  if (std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                  &tm.tm_min, &tm.tm_sec) != 6) {
    return iso;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  std::time_t t = timegm(&tm) + 8 * 3600;
  std::tm lt{};
  gmtime_r(&t, &lt);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &lt);
  return buf;
}

}  // namespace platform
