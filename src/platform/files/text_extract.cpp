#include "platform/files/text_extract.hpp"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <memory>
#include <mutex>

#include "platform/files/xlsx_reader.hpp"
#include "platform/files/xml.hpp"
#include "platform/files/zip.hpp"
#include "platform/http/forms.hpp"

namespace platform::files {
namespace {

constexpr std::size_t kMaxText = 32u << 20;  // more text than this is not worth indexing

Error failed(std::string_view what, std::string_view detail) {
  return make_error("text_extraction_failed",
                    "无法提取" + std::string(what) + "文件中的文字：" + std::string(detail));
}

void trim_trailing_space(std::string& s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.pop_back();
}

// Replaces each byte that does not start a well-formed UTF-8 sequence with U+FFFD, so callers can index the text
// without checking it. Only PDF text can need it (poppler converts from the font's own encodings).
std::string make_valid_utf8(std::string s) {
  if (http::valid_utf8(s)) return s;
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t len = 1;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0xC0 && c <= 0xDF) len = 2;
    else if (c >= 0xE0 && c <= 0xEF) len = 3;
    else if (c >= 0xF0 && c <= 0xF4) len = 4;
    if (i + len <= s.size() && http::valid_utf8(std::string_view(s).substr(i, len))) {
      out.append(s, i, len);
      i += len;
    } else {
      out.append("\xEF\xBF\xBD");
      i += 1;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// PDF (poppler-cpp)
// ---------------------------------------------------------------------------------------------------------------

void quiet_poppler(const std::string&, void*) {}  // poppler reports every damaged object on stderr otherwise

Result<std::string> pdf_text(std::string_view bytes) {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(quiet_poppler, nullptr); });
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) return failed("PDF ", "文件过大");
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) return failed("PDF ", "文件已损坏或不是 PDF");
  if (doc->is_locked()) return failed("PDF ", "文件已加密，请上传未加密的版本");
  std::string out;
  const int pages = doc->pages();
  for (int i = 0; i < pages && out.size() < kMaxText; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) continue;
    auto utf8 = page->text().to_utf8();
    out.append(utf8.data(), utf8.size());
    trim_trailing_space(out);
    out.push_back('\n');
  }
  trim_trailing_space(out);
  return make_valid_utf8(std::move(out));
}

// ---------------------------------------------------------------------------------------------------------------
// DOCX: word/document.xml
// ---------------------------------------------------------------------------------------------------------------

struct DocxHandler : XmlHandler {
  std::string out;
  int in_t = 0, in_r = 0, in_tc = 0, in_fallback = 0;

  void start(std::string_view name, const char**) override {
    if (name == "Fallback") ++in_fallback;  // mc:Fallback repeats what mc:Choice holds (text boxes)
    if (in_fallback) return;
    if (name == "t") ++in_t;
    else if (name == "r") ++in_r;
    else if (name == "tc") ++in_tc;
    else if (in_r && name == "tab") out.push_back('\t');  // a w:tab outside a run is a tab stop definition
    else if (in_r && (name == "br" || name == "cr")) out.push_back('\n');
  }

  void end(std::string_view name) override {
    if (name == "Fallback" && in_fallback) {
      --in_fallback;
      return;
    }
    if (in_fallback) return;
    if (name == "t" && in_t) --in_t;
    else if (name == "r" && in_r) --in_r;
    else if (name == "p") {
      // Paragraphs inside a table cell stay on the row's line.
      if (in_tc) {
        if (!out.empty() && out.back() != '\t' && out.back() != '\n' && out.back() != ' ') out.push_back(' ');
      } else {
        trim_spaces();
        out.push_back('\n');
      }
    } else if (name == "tc" && in_tc) {
      --in_tc;
      trim_spaces();
      out.push_back('\t');
    } else if (name == "tr") {
      if (!out.empty() && out.back() == '\t') out.pop_back();
      out.push_back('\n');
    }
    if (out.size() > kMaxText) error = failed("Word ", "文字过多");
  }

  void text(std::string_view s) override {
    if (in_t && !in_fallback) out.append(s);
  }

  void trim_spaces() {
    while (!out.empty() && out.back() == ' ') out.pop_back();
  }
};

Error zip_failed(std::string_view what, const Error& e) {
  if (e.code == "zip_too_large" || e.code == "xlsx_too_large") return failed(what, "解压后过大或文件过多，已拒绝处理");
  return failed(what, e.message);
}

Result<std::string> docx_text(std::string_view bytes) {
  auto zip = ZipReader::open(bytes);
  if (!zip) return zip_failed("Word ", zip.error());
  auto xml = zip->read("word/document.xml");
  if (!xml) return zip_failed("Word ", xml.error());
  DocxHandler h;
  if (auto r = parse_xml(*xml, h); !r) return failed("Word ", r.error().message);
  trim_trailing_space(h.out);
  return std::move(h.out);
}

// ---------------------------------------------------------------------------------------------------------------
// XLSX
// ---------------------------------------------------------------------------------------------------------------

Result<std::string> xlsx_text(std::string_view bytes) {
  auto book = read_xlsx_workbook(bytes);
  if (!book) return zip_failed("Excel ", book.error());
  std::string out;
  for (const auto& sheet : *book) {
    for (const auto& row : sheet.rows) {
      for (std::size_t i = 0; i < row.size(); ++i) {
        if (i) out.push_back('\t');
        out.append(row[i]);
      }
      out.push_back('\n');
    }
    out.push_back('\n');
    if (out.size() > kMaxText) return failed("Excel ", "文字过多");
  }
  trim_trailing_space(out);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// OFD (GB/T 33190): Doc_N/Pages/Page_N/Content.xml, <ofd:TextObject Boundary="x y w h"><ofd:TextCode>…
// ---------------------------------------------------------------------------------------------------------------

struct OfdPageHandler : XmlHandler {
  std::string* out;
  std::string* last_y;  // baseline of the previous text object, across pages ("" at a page start)
  std::string line;
  std::string y;
  int in_object = 0, in_code = 0;

  void start(std::string_view name, const char** attrs) override {
    if (name == "TextObject") {
      ++in_object;
      line.clear();
      // Boundary="x y w h": objects on one line share y.
      std::string_view b = xml_attr(attrs, "Boundary").value_or("");
      auto first = b.find(' ');
      y = first == std::string_view::npos ? "" : std::string(b.substr(first + 1, b.find(' ', first + 1) - first - 1));
    } else if (name == "TextCode") {
      ++in_code;
    }
  }

  void end(std::string_view name) override {
    if (name == "TextCode" && in_code) {
      --in_code;
    } else if (name == "TextObject" && in_object) {
      --in_object;
      if (line.empty()) return;
      if (!out->empty() && !(y == *last_y && !y.empty())) out->push_back('\n');
      out->append(line);
      *last_y = y;
      if (out->size() > kMaxText) error = failed("OFD ", "文字过多");
    }
  }

  void text(std::string_view s) override {
    if (in_code) line.append(s);
  }
};

// Natural order of entry names: "Page_10" after "Page_9".
bool natural_less(const std::string& a, const std::string& b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (std::isdigit(static_cast<unsigned char>(a[i])) && std::isdigit(static_cast<unsigned char>(b[j]))) {
      std::size_t i2 = i, j2 = j;
      while (i2 < a.size() && a[i2] == '0') ++i2;
      while (j2 < b.size() && b[j2] == '0') ++j2;
      std::size_t ie = i2, je = j2;
      while (ie < a.size() && std::isdigit(static_cast<unsigned char>(a[ie]))) ++ie;
      while (je < b.size() && std::isdigit(static_cast<unsigned char>(b[je]))) ++je;
      if (ie - i2 != je - j2) return ie - i2 < je - j2;
      auto cmp = a.compare(i2, ie - i2, b, j2, je - j2);
      if (cmp != 0) return cmp < 0;
      i = ie;
      j = je;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

Result<std::string> ofd_text(std::string_view bytes) {
  auto zip = ZipReader::open(bytes);
  if (!zip) return zip_failed("OFD ", zip.error());
  if (!zip->has("OFD.xml")) return failed("OFD ", "缺少 OFD.xml，不是 OFD 文件");
  std::vector<std::string> pages;
  for (const auto& n : zip->names()) {
    if (n.find("/Pages/") != std::string::npos && n.ends_with("/Content.xml")) pages.push_back(n);
  }
  std::sort(pages.begin(), pages.end(), natural_less);
  std::string out, last_y;
  for (const auto& p : pages) {
    auto xml = zip->read(p);
    if (!xml) return zip_failed("OFD ", xml.error());
    OfdPageHandler h;
    h.out = &out;
    h.last_y = &last_y;
    if (auto r = parse_xml(*xml, h); !r) {
      if (r.error().code == "text_extraction_failed") return r.error();
      return failed("OFD ", p + "：" + r.error().message);
    }
    last_y.clear();  // a new page starts a new line
  }
  trim_trailing_space(out);
  return out;
}

}  // namespace

Result<std::string> extract_text(std::string_view kind, std::string_view bytes) {
  if (kind == "pdf") return pdf_text(bytes);
  if (kind == "docx") return docx_text(bytes);
  if (kind == "xlsx") return xlsx_text(bytes);
  if (kind == "ofd") return ofd_text(bytes);
  return std::string();
}

}  // namespace platform::files
