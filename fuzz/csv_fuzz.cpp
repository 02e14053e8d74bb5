// libFuzzer target for platform/text/csv: CsvReader, parse_csv, csv_escape and CsvWriter on arbitrary bytes.
// Built and run by scripts/fuzz.sh (sources: csv.cpp, forms.cpp for the UTF-8 check).
//
// Besides the sanitizers, it checks the contracts of csv.hpp:
//  * parse_csv agrees with reading the same text record by record with CsvReader;
//  * record line numbers start at 1, never go down and never pass the number of lines in the text;
//  * on success every field is valid UTF-8; on failure the code is csv_invalid and the message names a line;
//  * writing the records with CsvWriter and reading them back gives the same records (apart from records that are
//    a single empty field, which are written as blank lines and skipped — documented);
//  * csv_escape of any bytes reads back as exactly one field.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "platform/http/forms.hpp"
#include "platform/text/csv.hpp"

namespace {

#define FUZZ_CHECK(cond)                                                                 \
  do {                                                                                   \
    if (!(cond)) {                                                                       \
      std::fprintf(stderr, "invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      std::abort();                                                                      \
    }                                                                                    \
  } while (0)

using Rows = std::vector<std::vector<std::string>>;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace platform::text;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  int lines = 1;
  for (char c : text) lines += c == '\n';

  auto parsed = parse_csv(text);
  CsvReader reader(text);
  std::vector<std::string> row;
  platform::Error err;
  Rows streamed;
  int last_line = 0;
  while (reader.next(row, &err)) {
    FUZZ_CHECK(reader.line() >= 1 && reader.line() >= last_line && reader.line() <= lines);
    last_line = reader.line();
    FUZZ_CHECK(!row.empty());
    streamed.push_back(row);
  }
  FUZZ_CHECK(parsed.ok() == !reader.failed());
  if (!parsed.ok()) {
    FUZZ_CHECK(parsed.error().code == "csv_invalid");
    FUZZ_CHECK(parsed.error().message.starts_with("第 "));
    FUZZ_CHECK(err.code == "csv_invalid" && err.message == parsed.error().message);
    FUZZ_CHECK(reader.line() >= 1 && reader.line() <= lines);
    FUZZ_CHECK(!reader.next(row, &err));  // stays stopped
    return 0;
  }
  FUZZ_CHECK(*parsed == streamed);

  Rows expected;
  for (const auto& r : *parsed) {
    for (const auto& f : r) FUZZ_CHECK(platform::http::valid_utf8(f));
    if (!(r.size() == 1 && r[0].empty())) expected.push_back(r);
  }
  // A first field that starts with a BOM would lose it on the way back (the reader skips a leading BOM).
  if (!expected.empty() && expected[0][0].starts_with("\xEF\xBB\xBF")) return 0;
  CsvWriter writer(CsvWriter::Options{.bom = false, .guard_formulas = false});
  for (const auto& r : expected) writer.row(r);
  auto back = parse_csv(writer.str());
  FUZZ_CHECK(back.ok());
  FUZZ_CHECK(*back == expected);

  // Any bytes, escaped, are one field (when they are UTF-8 and not empty or a leading BOM).
  if (!text.empty() && platform::http::valid_utf8(text) && !text.starts_with("\xEF\xBB\xBF")) {
    auto one = parse_csv(csv_escape(text) + ",x");
    FUZZ_CHECK(one.ok() && one->size() == 1 && (*one)[0].size() == 2 && (*one)[0][0] == text);
  }
  return 0;
}
