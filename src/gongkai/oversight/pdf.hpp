// The annual report as PDF, laid out like the official format (国办公开办函〔2021〕30号) with the shared Pango/Cairo
// renderer (platform/render/pdf): sections 一 to 六 in order, table 二 as printed, table 三 with its seven applicant
// columns (法人或其他组织's five named in their headings) and every row label exactly as in DOMAIN §5, and table 四
// with its 15 figures — printed as three rows (行政复议, 行政诉讼·未经复议直接起诉, 行政诉讼·复议后起诉) of the five
// result columns, because fifteen columns do not fit the width of an A4 page.
#pragma once

#include <string>

#include <boost/json.hpp>

#include "platform/result.hpp"

namespace gongkai::oversight {

// `figures` is to_json(Figures) (live or the published snapshot); `title` the report's title; the sections' text.
// Returns the PDF bytes. Errors: those of PdfDocument::render (pdf_render_failed, pdf_invalid_text).
platform::Result<std::string> report_pdf(const boost::json::object& figures, const std::string& title,
                                         const std::string& section1, const std::string& section5,
                                         const std::string& section6);

}  // namespace gongkai::oversight
