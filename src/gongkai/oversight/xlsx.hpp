// The annual report as an XLSX workbook laid out like the official format (国办公开办函〔2021〕30号): one sheet with
// sections 一 to 六, tables 二, 三 (申请人情况 with 法人或其他组织 spanning its five columns) and 四 (行政复议 |
// 行政诉讼 → 未经复议直接起诉 | 复议后起诉, 15 columns), merged headings as printed. Written with libxlsxwriter.
#pragma once

#include <string>

#include <boost/json.hpp>

#include "platform/result.hpp"

namespace gongkai::oversight {

// `figures` is to_json(Figures) (live or the published snapshot); `title` the report's title; the sections' text.
// Returns the file's bytes. Errors: xlsx_failed (the library could not write the temporary file).
struct Dashboard;

platform::Result<std::string> report_xlsx(const boost::json::object& figures, const std::string& title,
                                          const std::string& section1, const std::string& section5,
                                          const std::string& section6);

// The dashboard's figures as a workbook: sheet 指标 (one row per unit, the district first; counts as numbers, shares
// as percentages, "—" where a figure does not apply), sheet 趋势 (month by month, with a native Excel line chart) and
// sheet 指标说明 (each figure's definition). Errors: xlsx_failed.
platform::Result<std::string> indicators_xlsx(const Dashboard& d);

}  // namespace gongkai::oversight
