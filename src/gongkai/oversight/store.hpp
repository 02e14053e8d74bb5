// SQL of oversight: a reporting read model over the documents, requests and request_appeals tables (read only —
// those capabilities own them), and the annual reports' own tables (migration 0040). Functions run inside the
// caller's transaction.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "gongkai/oversight/indicators.hpp"
#include "gongkai/oversight/inspection.hpp"
#include "gongkai/oversight/model.hpp"

namespace gongkai::oversight::store {

struct UnitRow {
  long long id = 0;
  std::optional<long long> parent_id;
  std::string kind, name;
  bool active = true;
};
std::vector<UnitRow> units(soci::session& s);
// `root` and every unit below it (the units a report covers), in no particular order; empty if no such unit.
std::vector<long long> subtree(const std::vector<UnitRow>& all, long long root);

// Documents of 第二十条（一） (legal_category 'art20-01' on the published edition) of the given units.
std::vector<DocumentFact> regulation_documents(soci::session& s, const std::vector<long long>& unit_ids,
                                               const std::string& until);
// Every request of the given units with received_on ≤ `until` (YYYY-MM-DD), with its closing date: replied_on if
// set, else the local date of the first event that moved it to a closed state.
std::vector<RequestFact> request_facts(soci::session& s, const std::vector<long long>& unit_ids, const std::string& until);
// Whether request_appeals exists (migration 0011 of the requests capability).
bool appeals_table_exists(soci::session& s);
// Appeals against requests of the given units filed on or before `until`. Needs appeals_table_exists.
std::vector<AppealFact> appeal_facts(soci::session& s, const std::vector<long long>& unit_ids, const std::string& until);

// ---- indicators (read model over documents, editions, document_links, catalogue_entries, requests,
// privacy_overrides, columns) ----
// Everything compute_indicators needs for the period [from, to] (dates YYYY-MM-DD), all units; the caller filters.
// working_days_to_close is left empty (the service fills it from the calendar).
Facts indicator_facts(soci::session& s, const std::string& from, const std::string& to);

// ---- entered Table 二 counts ----
// Sum over `unit_ids` of the counts entered for `year` (zero where none).
EnteredCounts entered_counts(soci::session& s, const std::vector<long long>& unit_ids, int year);
// Whether counts were entered for this very unit and year.
std::optional<EnteredCounts> own_counts(soci::session& s, long long unit_id, int year);
void put_counts(soci::session& s, long long unit_id, int year, const EnteredCounts& c, long long user_id,
                const std::string& now);

// ---- reports ----
struct Report {
  long long id = 0;
  long long unit_id = 0;
  int year = 0;
  ReportStatus status = ReportStatus::draft;
  std::string section1, section5, section6;
  std::string snapshot_json;
  std::optional<long long> document_id;
  std::string published_at;
  int version = 1;
  std::string created_at, updated_at;
};
std::optional<Report> find_report(soci::session& s, long long unit_id, int year);
// Reports of all units for `year`, for the dashboard's deadline list.
std::vector<Report> reports_of_year(soci::session& s, int year);
long long insert_report(soci::session& s, const Report& r, const std::string& now);
// Saves the texts of a draft; false if the version moved on (or it is published).
bool update_texts(soci::session& s, const Report& r, int expected_version, const std::string& now);
// Freezes the report with its figures and the document it was published as; false if the version moved on.
bool mark_published(soci::session& s, long long id, const std::string& snapshot_json, long long document_id,
                    long long user_id, const std::string& now, int expected_version);

// ---- inspections (migration 0041) ----
struct Inspection {
  long long id = 0;
  std::string title, scope, period_from, period_to, due_on, created_at;
  std::vector<long long> unit_ids;
};
struct Finding {
  long long id = 0, inspection_id = 0, unit_id = 0;
  std::string description, evidence;
  FindingStatus status = FindingStatus::recorded;
  std::string rectify_by, notified_on, answer, answered_on, decision_note, closed_on;
  std::optional<long long> answered_by;
  int version = 1;
  std::string created_at, updated_at;
};
long long insert_inspection(soci::session& s, const Inspection& i, long long user_id, const std::string& now);
// Newest first, with their units.
std::vector<Inspection> inspections(soci::session& s);
std::optional<Inspection> find_inspection(soci::session& s, long long id);
long long insert_finding(soci::session& s, const Finding& f, const std::string& now);
// Findings of one inspection (inspection_id > 0) or all (0), oldest first.
std::vector<Finding> findings(soci::session& s, long long inspection_id);
std::optional<Finding> find_finding(soci::session& s, long long id);
// Saves the mutable fields; false if the version moved on.
bool update_finding(soci::session& s, const Finding& f, int expected_version, const std::string& now);

}  // namespace gongkai::oversight::store
