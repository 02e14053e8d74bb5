// 监督检查 indicators (DOMAIN §2 inspection rules; 条例 Art. 26, 33): figures per unit and for the district over a
// period, each with the records behind it (for drill-down) and its definition, and an assessment score with
// configurable weights (config/oversight.json). Pure: the store supplies the facts.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gongkai/calendar/model.hpp"
#include "platform/result.hpp"

namespace gongkai::oversight {

// config/oversight.json ("gongkai-oversight/1").
struct IndicatorConfig {
  int publish_within_working_days = 20;  // 条例 Art. 26
  int stale_columns_fail_count = 5;      // 国办秘函〔2019〕19号: five or more stale columns fail outright
  std::map<std::string, double> weights = {{"timely", 30}, {"validity", 10}, {"interpretation", 10},
                                           {"catalogue", 15}, {"requests_on_time", 25}};
};
// Errors: invalid_config (message names what is wrong).
platform::Result<IndicatorConfig> parse_indicator_config(std::string_view json_text);

// A record behind a figure. kind: document | request | catalogue | column.
struct Record {
  std::string kind;
  long long id = 0;
  long long unit_id = 0;
  std::string label;  // title, request number, 一级 › 二级, column name (never personal data)
  std::string date;   // the date that put it in the figure
};

// ---- facts (from the store) ----
struct PublishedFact {  // a document's first publication
  long long document_id = 0, unit_id = 0;
  std::string title, published_on;
  std::optional<bool> timely;  // within the limit, as recorded at publication; nullopt: no 信息形成日期
};
struct ValidityFact {  // a published document whose current edition declares 有效
  long long document_id = 0, unit_id = 0;
  std::string title, expires_on;
};
struct PolicyFact {  // a published document with its interpretation links
  long long document_id = 0, unit_id = 0;
  std::string title, info_class, legal_category;
  bool is_interpretation = false;   // titled 解读
  bool interpreted = false;         // some document interprets it
  bool links_to_policy = false;     // it interprets some document
};
struct CataloguePublication {  // an edition citing a 标准目录 entry, published in the period
  long long document_id = 0;
  std::string title, formed_on, published_on;
  std::optional<int> working_days;  // formed_on → published_on, as recorded at publication
};
struct CatalogueFact {
  long long entry_id = 0, unit_id = 0;
  std::string label;
  long long documents = 0;         // published documents citing it
  std::string time_limit;          // 公开时限 as written in the catalogue
  std::string last_published_on;   // latest publication citing it, on or before the period's end ('' none)
  std::vector<CataloguePublication> in_period;
};

// 公开时限 of a 标准目录 entry, read from its text (DOMAIN §2; typically 信息形成（变更）之日起20个工作日内):
// "N个工作日内" → working days from the information's formation; "N日内" / "N天内" → calendar days; 每月 / 每季度 /
// 每半年 / 每年 (or 按月, 季度, 年度 …) → at least one publication per period, with a stated N days (working days
// count 7/5 of a day) of grace after it. Numbers may be Arabic or Chinese (二十, 十五). Anything else (长期公开,
// 实时, 及时, blank) is `none`: the entry cannot be late, only empty.
struct TimeLimit {
  enum class Kind { none, working_days, days, every };
  Kind kind = Kind::none;
  int amount = 0;         // working days or days (also the grace for `every`)
  int interval_days = 0;  // for `every`: 31, 92, 183 or 366, plus the grace
};
TimeLimit parse_time_limit(std::string_view text);
struct RequestCaseFact {
  long long id = 0, unit_id = 0;
  std::string number, state, received_on, closed_on, due_on;
  std::optional<int> working_days_to_close;  // received → closed, on the calendar
};
struct OverrideFact {
  long long document_id = 0, unit_id = 0;
  std::string title, granted_on;
};
struct ColumnFact {
  long long id = 0;
  std::string slug, name;
  std::optional<int> update_interval_days;
  std::string last_published_on;  // '' if nothing published in it
};

struct Facts {
  std::vector<PublishedFact> published;
  std::vector<ValidityFact> validity;
  std::vector<PolicyFact> policies;
  std::vector<CatalogueFact> catalogue;
  std::vector<RequestCaseFact> requests;
  std::vector<OverrideFact> overrides;
  std::vector<ColumnFact> columns;
};

// ---- the figures ----
struct Indicator {
  std::string code;
  long long count = 0;
  std::optional<double> share;   // for shares (0..1)
  std::optional<double> value;   // for medians
  std::vector<Record> records;
};

// What each indicator means, in the order the dashboard shows them.
struct IndicatorDefinition {
  std::string_view code, label, definition;
  bool district_only = false;  // columns are the site's, not a unit's
};
const std::vector<IndicatorDefinition>& indicator_definitions();
const IndicatorDefinition* definition_of(std::string_view code);

struct UnitIndicators {
  long long unit_id = 0;
  std::string unit_name;
  bool district = false;
  std::vector<Indicator> indicators;  // in indicator_definitions() order
  double score = 0;                   // 0..100
  const Indicator* find(std::string_view code) const;
};

// The figures of the units in `unit_ids` (one report scope) for [from, to]; `as_of` = to for states.
UnitIndicators compute_indicators(const Facts& f, const std::vector<long long>& unit_ids, calendar::Date from,
                                  calendar::Date to, const IndicatorConfig& config, bool district);

// ---- the trend (the dashboard's line chart and the table beside it) ----
struct TrendPoint {
  std::string period;              // "2026-03" (by month) or "2026" (by year)
  long long published = 0;         // documents first published
  long long published_timely = 0;  // of which within the limit, as recorded at publication
  long long received = 0;          // requests received
  long long closed = 0;            // requests closed (replied, deemed withdrawn, closed as duplicate)
};
// The figures of the units in `unit_ids` for each month of [from, to] (partial months at either end), or each year
// when the period spans more than 36 months, so a chart never has hundreds of points. Every month or year of the
// period is present, zero or not.
std::vector<TrendPoint> compute_trend(const Facts& f, const std::vector<long long>& unit_ids, calendar::Date from,
                                      calendar::Date to);

}  // namespace gongkai::oversight
