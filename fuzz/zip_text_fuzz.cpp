// libFuzzer target for the zip-based readers of platform/files: extract_text for docx, xlsx and ofd, and
// read_xlsx_rows / read_xlsx_workbook, on arbitrary bytes (seeds: small real docx, xlsx and OFD files, so the
// fuzzer starts inside the zip and XML layers). Built and run by scripts/fuzz.sh (sources: text_extract.cpp,
// xlsx_reader.cpp, xml.cpp, zip.cpp, forms.cpp; libraries: libzip, expat, poppler-cpp).
//
// Besides the sanitizers (no crash, no leak, no out-of-bounds access on damaged archives or XML), it checks:
//  * every failure has the documented code (text_extraction_failed; xlsx_invalid or xlsx_too_large);
//  * extracted text is valid UTF-8;
//  * read_xlsx_rows(…, 0) agrees with the first sheet of read_xlsx_workbook, and no row ends in an empty cell.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "platform/files/text_extract.hpp"
#include "platform/files/xlsx_reader.hpp"
#include "platform/http/forms.hpp"

namespace {

#define FUZZ_CHECK(cond)                                                                 \
  do {                                                                                   \
    if (!(cond)) {                                                                       \
      std::fprintf(stderr, "invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      std::abort();                                                                      \
    }                                                                                    \
  } while (0)

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace platform::files;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  for (std::string_view kind : {"docx", "xlsx", "ofd"}) {
    auto text = extract_text(kind, bytes);
    if (text.ok()) {
      FUZZ_CHECK(platform::http::valid_utf8(*text));
    } else {
      FUZZ_CHECK(text.error().code == "text_extraction_failed");
      FUZZ_CHECK(!text.error().message.empty());
    }
  }

  auto rows = read_xlsx_rows(bytes, 0);
  auto book = read_xlsx_workbook(bytes);
  if (!rows.ok()) {
    FUZZ_CHECK(rows.error().code == "xlsx_invalid" || rows.error().code == "xlsx_too_large");
  } else {
    for (const auto& r : *rows) FUZZ_CHECK(r.empty() || !r.back().empty());
    if (book.ok()) {
      FUZZ_CHECK(!book->empty());
      FUZZ_CHECK((*book)[0].rows == *rows);
    }
  }
  if (!book.ok()) FUZZ_CHECK(book.error().code == "xlsx_invalid" || book.error().code == "xlsx_too_large");
  return 0;
}
