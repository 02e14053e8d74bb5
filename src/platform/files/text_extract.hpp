// The text of an uploaded attachment, for full-text search and for the personal-data scan before publishing.
// Pure function over bytes (no files), thread-safe; the zip-based kinds are fuzzed in fuzz/zip_text_fuzz.cpp.
#pragma once

#include <string>
#include <string_view>

#include "platform/result.hpp"

namespace platform::files {

// Text of a file of the given kind (as inspect_upload names it):
//  * "pdf": each page's text in reading order (poppler), pages separated by a newline;
//  * "docx": word/document.xml — one line per paragraph, a table row per line with its cells tab-separated;
//    deleted revisions, field codes and the fallback copies of text boxes are left out;
//  * "xlsx": every sheet, each row a line of tab-separated cells (as read_xlsx_workbook reads them), sheets
//    separated by an empty line;
//  * "ofd": the TextCode text of every page (Doc_N/Pages/Page_N/Content.xml, in page order), one line per
//    text object, objects on the same baseline joined;
//  * anything else ("png", "jpeg", "gif", "doc", "xls"): an empty string, not an error — there is no text
//    to index, or (legacy binary Office) no extractor yet.
// Zips are read with a 64 MiB cap on uncompressed size and 10,000 entries. The result is valid UTF-8.
// Errors: text_extraction_failed (damaged, encrypted or oversized file; the message says which, in Chinese).
Result<std::string> extract_text(std::string_view kind, std::string_view bytes);

}  // namespace platform::files
