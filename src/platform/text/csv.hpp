// CSV as RFC 4180 writes it, and as Excel and WPS export it: for imports (row by row, with the line number of a bad
// row) and exports. Pure functions over text, fuzzed in fuzz/csv_fuzz.cpp.
//
// Reading: fields separated by ',', records by CRLF or LF (a lone CR inside an unquoted field is kept); a field in
// double quotes may hold commas, line breaks and doubled quotes (""); a UTF-8 BOM at the start is skipped; blank
// lines are skipped (they are never meaningful in an import); a '"' inside an unquoted field is kept as a character
// (Excel writes 5" as 5"); every record must be valid UTF-8 — a file saved as GBK is refused with its line number
// rather than imported as mojibake.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"

namespace platform::text {

class CsvReader {
 public:
  // `text` must outlive the reader.
  explicit CsvReader(std::string_view text);

  // Reads the next record into `row` (replacing its contents) and returns true; returns false at the end of the
  // text, or on an error, which is then written to `*err` (if not null) and also kept in error(). After an error
  // the reader stays at the end. Errors (code csv_invalid, message "第 N 行：…"):
  //   a quote not closed before the end of the text; text after a closing quote ("a"b); invalid UTF-8.
  bool next(std::vector<std::string>& row, Error* err);

  // 1-based line of the text where the last record returned by next() starts; after an error, the line the error
  // names (for invalid UTF-8 the physical line holding the bad bytes). 0 before the first record.
  int line() const { return line_; }
  // True if next() stopped on an error.
  bool failed() const { return failed_; }

 private:
  bool fail(int line, std::string message, Error* err);

  std::string_view text_;
  std::size_t pos_ = 0;
  int next_line_ = 1;  // line number at pos_
  int line_ = 0;
  bool failed_ = false;
};

// All records of `text`. Errors: as CsvReader::next.
Result<std::vector<std::vector<std::string>>> parse_csv(std::string_view text);

// One field, quoted if it holds a comma, a quote, CR or LF, or begins or ends with a space; quotes are doubled.
std::string csv_escape(std::string_view field);

// Builds a CSV file for download.
class CsvWriter {
 public:
  struct Options {
    // A UTF-8 BOM first: without it, Excel on a Chinese Windows opens UTF-8 as GBK and shows mojibake.
    bool bom = true;
    // Prefix a field that starts with = + - @ tab or CR with an apostrophe, so a spreadsheet shows it as text
    // instead of running it as a formula (CSV injection; OWASP). Plain numbers such as "-12.5" are left alone.
    bool guard_formulas = true;
  };
  CsvWriter() : CsvWriter(Options{}) {}
  explicit CsvWriter(Options options);

  // Appends one record, ended by CRLF as RFC 4180 says.
  void row(const std::vector<std::string>& fields);
  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  Options options_;
  std::string out_;
};

}  // namespace platform::text
