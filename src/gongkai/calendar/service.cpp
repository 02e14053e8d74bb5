#include "gongkai/calendar/service.hpp"

#include <map>
#include <spdlog/spdlog.h>

#include "gongkai/audit/service.hpp"
#include "gongkai/calendar/calendar_data.hpp"
#include "platform/assets.hpp"
#include "platform/time.hpp"

namespace gongkai::calendar {

using platform::make_error;

void CalendarService::reload_locked() {
  std::map<int, YearNotice> notices;
  std::map<int, YearSummary> meta;
  for (const auto& name : platform::assets::list("config/calendar/")) {
    if (!name.ends_with(".json")) continue;
    auto n = parse_calendar_json(*platform::assets::read(name));
    if (!n) {
      spdlog::error("shipped calendar {} is invalid: {}", name, n.error().message);
      continue;
    }
    notices[n->year] = *n;
    meta[n->year] = YearSummary{n->year, n->published, false};
  }
  struct Row {
    int year;
    std::string json, at, by;
  };
  auto rows = db_->read([](soci::session& s) {
    std::vector<Row> out;
    Row r;
    soci::statement st = (s.prepare << "SELECT year, notice_json, imported_at, imported_by FROM calendar_years ORDER BY year",
                          soci::into(r.year), soci::into(r.json), soci::into(r.at), soci::into(r.by));
    st.execute();
    while (st.fetch()) out.push_back(r);
    return out;
  });
  for (const auto& r : rows) {
    auto n = parse_calendar_json(r.json);
    if (!n) {
      spdlog::error("imported calendar {} is invalid, keeping the shipped one: {}", r.year, n.error().message);
      continue;
    }
    notices[r.year] = *n;
    meta[r.year] = YearSummary{r.year, n->published, true, r.at, r.by};
  }
  std::vector<YearNotice> list;
  for (auto& [y, n] : notices) list.push_back(n);
  auto cal = WorkdayCalendar::build(list);
  if (!cal) {
    spdlog::error("calendar does not build: {}", cal.error().message);
    if (!cal_) cal_ = std::make_shared<WorkdayCalendar>();
    return;
  }
  cal_ = std::make_shared<WorkdayCalendar>(std::move(*cal));
  summaries_.clear();
  for (auto& [y, m] : meta) {
    const YearNotice& n = notices[y];
    m.holidays = static_cast<int>(n.holidays.size());
    m.make_up_days = static_cast<int>(n.make_up_days.size());
    m.sources = n.sources;
    m.note = n.note;
    summaries_.push_back(m);
  }
  loaded_ = std::chrono::steady_clock::now();
}

std::shared_ptr<const WorkdayCalendar> CalendarService::current() {
  std::lock_guard lk(mu_);
  if (!cal_ || std::chrono::steady_clock::now() - loaded_ > std::chrono::seconds(5)) reload_locked();
  return cal_;
}

std::vector<YearSummary> CalendarService::years() {
  std::lock_guard lk(mu_);
  if (!cal_ || std::chrono::steady_clock::now() - loaded_ > std::chrono::seconds(5)) reload_locked();
  return summaries_;
}

platform::Result<int> CalendarService::import_year(const units::Actor& actor, const std::string& text) {
  if (!actor.signed_in() || !actor.district_wide()) {
    return make_error("forbidden", "只有政务公开办或系统管理员可以导入工作日历。");
  }
  if (text.size() > 512 * 1024) return make_error("invalid_json", "文件过大，工作日历文件不应超过 512 KB。");
  bool own_format = text.find("gongkai-calendar/") != std::string::npos;
  auto notice = own_format ? parse_calendar_json(text) : parse_holiday_cn_json(text);
  if (!notice) return notice.error();
  // The whole calendar must still build with this year in it (a December day claimed by two notices conflicts).
  auto cal = current();
  std::vector<YearNotice> list;
  for (int y : cal->years()) {
    if (y != notice->year && cal->notice(y)) list.push_back(*cal->notice(y));
  }
  list.push_back(*notice);
  if (auto built = WorkdayCalendar::build(list); !built) return built.error();

  std::string json = to_calendar_json(*notice);
  std::string before;
  if (const YearNotice* old = cal->notice(notice->year)) before = to_calendar_json(*old);
  int year = notice->year;
  std::string now = platform::now_utc_iso();
  std::string by = actor.display_name.empty() ? actor.username : actor.display_name;
  db_->write([&](soci::session& s) {
    s << "DELETE FROM calendar_years WHERE year = :y", soci::use(year);
    s << "INSERT INTO calendar_years (year, notice_json, imported_at, imported_by) VALUES (:y, :j, :a, :b)",
        soci::use(year), soci::use(json), soci::use(now), soci::use(by);
    audit::record(s, actor, {"calendar.import", "calendar_year", std::to_string(year), std::to_string(year) + "年工作日历",
                             std::nullopt, before, json});
  });
  {
    std::lock_guard lk(mu_);
    reload_locked();
  }
  return year;
}

}  // namespace gongkai::calendar
