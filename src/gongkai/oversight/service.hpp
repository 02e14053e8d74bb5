// Use cases of the annual report (政府信息公开工作年度报告, 条例 Art. 49, 50): figures for a unit or the district,
// the entered Table 二 counts, the edited sections, and publication into the 政府信息公开年报 column through the
// DisclosureService (so the report enters the public ledger). Each public function is one transaction with its
// permission check and, when it changes something, its audit entry.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "gongkai/calendar/service.hpp"
#include "gongkai/disclosure/service.hpp"
#include "gongkai/oversight/indicators.hpp"
#include "gongkai/oversight/model.hpp"
#include "gongkai/oversight/store.hpp"
#include "gongkai/units/service.hpp"
#include "platform/db/database.hpp"
#include "platform/result.hpp"

namespace gongkai::oversight {

// A report as the console shows it: the figures (live for a draft, as frozen for a published report), the texts
// and where it stands.
struct ReportView {
  long long unit_id = 0;
  std::string unit_name;
  int year = 0;
  bool district = false;
  ReportStatus status = ReportStatus::draft;
  std::string figures_json;        // to_json(figures): live for a draft, the snapshot once published
  Figures figures;                 // live figures (also for a published report, to compare)
  std::string section1, section5, section6;
  int version = 0;                 // 0 while no draft row exists yet
  std::optional<long long> document_id;
  std::string published_at;
  calendar::Date deadline;
  std::optional<EnteredCounts> own_counts;  // entered for this very unit (not summed)
  bool may_edit = false, may_publish = false;
};

// Typed input of the entered counts (as strings from a form or JSON).
struct CountsInput {
  std::string licensing, penalty, coercion, fees_wanyuan;
};

// A row of the office's list of reports for a year.
struct ReportListItem {
  long long unit_id = 0;
  std::string unit_name;
  bool district = false;
  ReportStatus status = ReportStatus::draft;
  bool started = false;      // a draft row exists
  calendar::Date deadline;   // 31 January, the district's 31 March (条例 Art. 49)
  bool overdue = false;      // not published and the deadline has passed
};

// A download: its file name and bytes.
struct ReportFile {
  std::string file_name, bytes;
};

// The indicator dashboard for a period.
struct Dashboard {
  calendar::Date from, to;
  std::vector<UnitIndicators> rows;        // the district first, then each unit (a unit admin: their unit only)
  std::vector<TrendPoint> trend;           // month by month for the first row (the district, or the admin's unit)
  std::vector<ReportListItem> deadlines;   // annual reports due (the office only)
  bool stale_columns_fail = false;         // stale columns reached the configured count, or a column is empty
  IndicatorConfig config;
};

// 检查 and 整改.
struct InspectionInput {
  std::string title, scope, period_from, period_to, due_on;
  std::vector<long long> unit_ids;
};
struct FindingView {
  store::Finding f;
  std::string unit_name;
  bool overdue = false;  // rectification deadline passed without an answer
};
struct InspectionView {
  store::Inspection i;
  std::vector<std::pair<long long, std::string>> units;
  std::vector<FindingView> findings;  // a unit administrator sees only their unit's
};

class OversightService {
 public:
  // Reads config/oversight.json from the embedded assets (throws at start-up if it is invalid).
  OversightService(std::shared_ptr<platform::db::Database> db, units::UnitService& units,
                   disclosure::DisclosureService& disclosure, calendar::CalendarService& calendar);

  // Today's local date (tests set it).
  std::function<calendar::Date()> today;

  // The figures of `unit_id` for `year`; a government unit's are the district's (its own and all its units').
  // Errors: invalid_unit, invalid_year (before 2008, when the 条例 took effect, or after this year).
  platform::Result<Figures> figures(long long unit_id, int year);

  // Whether `actor` may read a draft report of `unit_id`: the openness office, system administrators, the unit's own
  // administrator.
  bool may_view(const units::Actor& actor, long long unit_id) const;

  // The report for the console. Errors: forbidden, invalid_unit, invalid_year.
  platform::Result<ReportView> report(const units::Actor& actor, long long unit_id, int year);

  // The numbers for GET /api/v1/reports/annual: a published report's frozen figures for anybody; a draft's live
  // figures only for those who may_view. Errors: not_found (not published, and the actor may not see drafts),
  // invalid_unit, invalid_year.
  platform::Result<std::string> figures_json(const units::Actor& actor, long long unit_id, int year);

  // Saves sections 一, 五, 六 of the draft (created on first save). Errors: forbidden, invalid_unit, invalid_year,
  // too_long (each at most 20,000 characters), report_published (frozen), stale_version.
  platform::Result<void> save_texts(const units::Actor& actor, long long unit_id, int year, const std::string& s1,
                                    const std::string& s5, const std::string& s6, int expected_version);

  // Enters the Table 二 counts of this unit for `year`. Errors: forbidden, invalid_unit, invalid_year, invalid_count
  // (not a whole number 0..99,999,999), invalid_amount (万元), report_published (the unit's report is frozen).
  platform::Result<void> save_counts(const units::Actor& actor, long long unit_id, int year, const CountsInput& in);

  // Every active unit's report for `year` (the district first), for the openness office. Errors: forbidden,
  // invalid_year.
  platform::Result<std::vector<ReportListItem>> list(const units::Actor& actor, int year);

  // The report as XLSX (xlsx.hpp): a published report's frozen figures, else the live ones. Errors: those of
  // report(), xlsx_failed.
  platform::Result<ReportFile> xlsx(const units::Actor& actor, long long unit_id, int year);
  // The report as PDF (pdf.hpp), from the same figures. Errors: those of report(), pdf_render_failed.
  platform::Result<ReportFile> pdf(const units::Actor& actor, long long unit_id, int year);

  // ---- indicators ----
  // The period from typed dates ('' → 1 January of the end's year / today). Errors: invalid_date, date_order.
  platform::Result<std::pair<calendar::Date, calendar::Date>> period(const std::string& from, const std::string& to);
  // The dashboard: the office sees the district and every department and town; a unit administrator their unit.
  // Errors: forbidden, invalid_date, date_order.
  platform::Result<Dashboard> dashboard(const units::Actor& actor, const std::string& from, const std::string& to);
  // One unit's (or the district's) figures with their records, for drill-down. Errors: forbidden, invalid_unit,
  // invalid_date, date_order.
  platform::Result<UnitIndicators> unit_indicators(const units::Actor& actor, long long unit_id, const std::string& from,
                                                   const std::string& to);
  const IndicatorConfig& indicator_config() const { return config_; }

  // ---- inspections (检查) and rectification (整改); every change is audited ----
  // Opens an inspection (the openness office). Errors: forbidden, required (title), too_long, invalid_date,
  // date_order, invalid_unit (none chosen, or unknown).
  platform::Result<long long> open_inspection(const units::Actor& actor, const InspectionInput& in);
  // Inspections the actor may see: all for the office, those covering their unit for a unit administrator.
  platform::Result<std::vector<store::Inspection>> inspections(const units::Actor& actor);
  // Errors: forbidden, not_found.
  platform::Result<InspectionView> inspection(const units::Actor& actor, long long id);
  // Records a finding for one of the inspection's units (the office). Errors: forbidden, not_found, invalid_unit
  // (not in the inspection), required, too_long, invalid_evidence.
  platform::Result<long long> add_finding(const units::Actor& actor, long long inspection_id, long long unit_id,
                                          const std::string& description, const std::string& evidence);
  // notify (office; `date` = the rectification deadline, after today), answer (the unit's administrator; `text` =
  // what was changed), close (office; `text` optional note), reopen (office; `text` = why, `date` = new deadline).
  // Errors: forbidden, not_found, invalid_transition, required, invalid_date, stale_version.
  platform::Result<void> act_on_finding(const units::Actor& actor, long long finding_id, FindingAction action,
                                        const std::string& text, const std::string& date, int expected_version);
  // Rectifications past their deadline without an answer (the office: all; a unit administrator: theirs).
  std::vector<FindingView> overdue_rectifications(const units::Actor& actor);

  // Publishes the report (the openness office only): refuses while check_publishable fails (error check_failed
  // explains which columns and requests), then publishes it as a document in the 政府信息公开年报 column through
  // DisclosureService::import_published (source key "annual-report:{unit}:{year}", so a retry after a failure
  // between the two steps finds the document instead of publishing twice), then freezes the report with the figures
  // it was published with. Returns the document id. Errors: forbidden, invalid_unit, invalid_year,
  // report_published, stale_version, check_failed, column_missing, and the publication errors of DisclosureService
  // (personal_data_found, credit_code_required, …).
  platform::Result<long long> publish(const units::Actor& actor, long long unit_id, int year, int expected_version);

 private:
  platform::Result<Figures> figures_locked(soci::session& s, long long unit_id, int year);
  platform::Result<void> check_year(int year) const;

  std::shared_ptr<platform::db::Database> db_;
  units::UnitService& units_;
  disclosure::DisclosureService& disclosure_;
  calendar::CalendarService& calendar_;
  IndicatorConfig config_;
};

// The figures as JSON (the API's body and the frozen snapshot): {"unit_id","unit_name","year","district",
// "table2":{…},"table3":{"columns":[…],"rows":[{"label","cells":[7]}],"check":[{"column","left","right","ok"}],
// "mismatches":[…]},"table4":{…},"fees_collected_yuan","publishable","problem"}.
std::string to_json(const Figures& f);

}  // namespace gongkai::oversight
