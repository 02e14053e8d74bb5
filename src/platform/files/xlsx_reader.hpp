// Reading the cells of an Excel workbook (.xlsx, Office Open XML SpreadsheetML) as text, for imports such as the
// standard catalogue. Only values are read — no styles, no formula evaluation (a formula cell gives the result Excel
// last saved). Pure function over bytes: no files, thread-safe; fuzzed in fuzz/zip_text_fuzz.cpp.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"

namespace platform::files {

using Rows = std::vector<std::vector<std::string>>;

struct XlsxSheet {
  std::string name;  // as shown on the sheet's tab
  Rows rows;
};

// The rows of the sheet at `sheet_index` (0 = the first tab, in workbook order). Each cell is a string:
//  * shared and inline strings as text (rich-text runs joined; phonetic guides left out);
//  * numbers exactly as stored (e.g. "3.5", "45292" — dates are serial numbers: formatting is the caller's call);
//  * booleans as "TRUE"/"FALSE", error cells as written ("#N/A"), formula cells as their cached value;
//  * missing cells as "": a cell's reference (r="C5") puts it in its place, so gaps in a row and missing rows
//    stay where they are. Trailing empty cells of a row and trailing empty rows are dropped.
// Errors: xlsx_invalid (not a zip, not a workbook, sheet_index out of range, malformed XML or references);
// xlsx_too_large (more than 64 MiB uncompressed, or more than 2 million cell slots including gaps).
Result<Rows> read_xlsx_rows(std::string_view bytes, int sheet_index = 0);

// Every sheet, in workbook order, read as read_xlsx_rows does. Same errors.
Result<std::vector<XlsxSheet>> read_xlsx_workbook(std::string_view bytes);

}  // namespace platform::files
