// Wall-clock time as the database stores it: UTC, ISO 8601 with seconds ("2026-11-28T08:30:00Z").
// Statutory dates are local calendar dates (Asia/Shanghai, UTC+8); local_date_today() gives today's.
#pragma once

#include <chrono>
#include <string>

namespace platform {

std::string now_utc_iso();
std::string to_utc_iso(std::chrono::system_clock::time_point t);
// "YYYY-MM-DD" in China Standard Time (UTC+8, no daylight saving), for statutory dates.
std::string local_date_today();
// Renders a stored UTC ISO timestamp as local (UTC+8) "YYYY-MM-DD HH:MM" for pages; input returned as-is if
// it does not parse.
std::string utc_iso_to_local_display(const std::string& iso);

}  // namespace platform
