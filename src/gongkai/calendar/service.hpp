// The working-day calendar in use: the shipped State Council notices (config/calendar/*.json, compiled in) with
// the years the openness office imported on top. Shared by every capability that counts working days.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "gongkai/calendar/model.hpp"
#include "gongkai/units/model.hpp"
#include "platform/db/database.hpp"
#include "platform/result.hpp"

namespace gongkai::calendar {

struct YearSummary {
  int year = 0;
  bool published = false;
  bool imported = false;      // replaced by the office (else shipped with the product)
  std::string imported_at, imported_by;
  int holidays = 0, make_up_days = 0;
  std::vector<NoticeSource> sources;
  std::string note;
};

class CalendarService {
 public:
  explicit CalendarService(std::shared_ptr<platform::db::Database> db) : db_(std::move(db)) {}

  // The calendar now in force. Re-read from the database at most every few seconds, so an import on one node
  // reaches the others quickly. Never fails: a stored year that no longer validates is skipped with a log line and
  // the shipped year stays in force.
  std::shared_ptr<const WorkdayCalendar> current();
  std::vector<YearSummary> years();

  // Imports one year's notice, in the product's format (gongkai-calendar/1) or the holiday-cn format of
  // shared/data/calendar. Replaces that year; audited with before and after. Errors: forbidden (only the openness
  // office or a system administrator), invalid_json / calendar_invalid (with the reason), calendar_conflict.
  platform::Result<int> import_year(const units::Actor& actor, const std::string& text);

 private:
  std::shared_ptr<platform::db::Database> db_;
  std::mutex mu_;
  std::shared_ptr<const WorkdayCalendar> cal_;
  std::vector<YearSummary> summaries_;
  std::chrono::steady_clock::time_point loaded_;
  void reload_locked();
};

}  // namespace gongkai::calendar
