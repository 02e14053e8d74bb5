#include "platform/files/xlsx_reader.hpp"

#include <charconv>
#include <map>

#include "platform/files/xml.hpp"
#include "platform/files/zip.hpp"

namespace platform::files {
namespace {

constexpr std::size_t kMaxSlots = 2'000'000;  // cells including gaps; ~64 MB of empty strings at most
constexpr std::uint32_t kMaxRow = 1'048'576;   // Excel's own limits
constexpr std::uint32_t kMaxCol = 16'384;

Error invalid(std::string detail) { return make_error("xlsx_invalid", "无法读取 Excel 文件：" + detail); }

// <sheets><sheet name="…" r:id="rId1"/></sheets> in xl/workbook.xml.
struct WorkbookHandler : XmlHandler {
  std::vector<std::pair<std::string, std::string>> sheets;  // name, relationship id
  void start(std::string_view name, const char** attrs) override {
    if (name != "sheet") return;
    sheets.emplace_back(std::string(xml_attr(attrs, "name").value_or("")), std::string(xml_attr(attrs, "id").value_or("")));
  }
};

// <Relationship Id="rId1" Target="worksheets/sheet1.xml"/> in xl/_rels/workbook.xml.rels.
struct RelsHandler : XmlHandler {
  std::map<std::string, std::string, std::less<>> targets;
  void start(std::string_view name, const char** attrs) override {
    if (name != "Relationship") return;
    auto id = xml_attr(attrs, "Id");
    auto target = xml_attr(attrs, "Target");
    if (id && target) targets.emplace(std::string(*id), std::string(*target));
  }
};

// <sst><si><t>text</t></si><si><r><t>rich</t></r><r><t> text</t></r><rPh>…</rPh></si></sst>
struct SharedStringsHandler : XmlHandler {
  std::vector<std::string> strings;
  std::string current;
  int in_si = 0, in_t = 0, in_rph = 0;
  void start(std::string_view name, const char**) override {
    if (name == "si") { ++in_si; current.clear(); }
    else if (name == "t") ++in_t;
    else if (name == "rPh") ++in_rph;
  }
  void end(std::string_view name) override {
    if (name == "si" && in_si > 0) { --in_si; strings.push_back(std::move(current)); current.clear(); }
    else if (name == "t" && in_t > 0) --in_t;
    else if (name == "rPh" && in_rph > 0) --in_rph;
  }
  void text(std::string_view s) override {
    if (in_si && in_t && !in_rph) current.append(s);
  }
};

// "C5" → column 2 (0-based); nullopt if the letters are missing or out of range.
std::optional<std::uint32_t> column_of(std::string_view ref) {
  std::uint32_t col = 0;
  std::size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) {
    col = col * 26 + static_cast<std::uint32_t>(ref[i] - 'A' + 1);
    if (col > kMaxCol) return std::nullopt;
  }
  if (i == 0) return std::nullopt;
  return col - 1;
}

std::optional<std::uint32_t> parse_uint(std::string_view s) {
  std::uint32_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

// <sheetData><row r="5"><c r="C5" t="s"><v>3</v></c><c t="inlineStr"><is><t>x</t></is></c></row></sheetData>
struct SheetHandler : XmlHandler {
  const std::vector<std::string>* shared = nullptr;
  Rows rows;
  std::size_t slots = 0;

  std::uint32_t row = 0;           // 0-based current row
  bool row_seen = false;
  std::int64_t col = -1;           // 0-based current column
  std::string type;                // the cell's t attribute
  std::string value;
  bool in_cell = false;
  int in_v = 0, in_is = 0, in_t = 0, in_rph = 0;

  void fail(std::string detail) {
    if (!error) error = invalid(std::move(detail));
  }

  void start(std::string_view name, const char** attrs) override {
    if (name == "row") {
      if (auto r = xml_attr(attrs, "r")) {
        auto n = parse_uint(*r);
        if (!n || *n == 0 || *n > kMaxRow) return fail("行号“" + std::string(*r) + "”无效");
        row = *n - 1;
      } else {
        row = row_seen ? row + 1 : 0;
      }
      if (row >= kMaxRow) return fail("行数超出 Excel 的上限");
      row_seen = true;
      col = -1;
    } else if (name == "c") {
      in_cell = true;
      if (auto r = xml_attr(attrs, "r")) {
        auto c = column_of(*r);
        if (!c) return fail("单元格引用“" + std::string(*r) + "”无效");
        col = *c;
      } else {
        ++col;
      }
      if (col >= kMaxCol) return fail("列数超出 Excel 的上限");
      type = std::string(xml_attr(attrs, "t").value_or(""));
      value.clear();
    } else if (in_cell) {
      if (name == "v") ++in_v;
      else if (name == "is") ++in_is;
      else if (name == "t") ++in_t;
      else if (name == "rPh") ++in_rph;
    }
  }

  void end(std::string_view name) override {
    if (name == "c" && in_cell) {
      in_cell = false;
      in_v = in_is = in_t = in_rph = 0;
      place();
    } else if (in_cell) {
      if (name == "v" && in_v) --in_v;
      else if (name == "is" && in_is) --in_is;
      else if (name == "t" && in_t) --in_t;
      else if (name == "rPh" && in_rph) --in_rph;
    }
  }

  void text(std::string_view s) override {
    if (!in_cell || in_rph) return;
    if (in_v || (in_is && in_t)) value.append(s);
  }

  void place() {
    std::string cell;
    if (type == "s") {
      auto idx = parse_uint(value);
      if (!idx || !shared || *idx >= shared->size()) return fail("共享字符串索引“" + value + "”无效");
      cell = (*shared)[*idx];
    } else if (type == "b") {
      cell = value == "1" ? "TRUE" : value == "0" ? "FALSE" : value;
    } else {
      cell = std::move(value);  // n, str, inlineStr, e, d: the text as stored
    }
    value.clear();
    if (cell.empty()) return;  // a styled but empty cell changes nothing
    const auto c = static_cast<std::size_t>(col);
    if (rows.size() <= row) {
      slots += row + 1 - rows.size();
      rows.resize(row + 1);
    }
    auto& r = rows[row];
    if (r.size() <= c) {
      slots += c + 1 - r.size();
      r.resize(c + 1);
    }
    if (slots > kMaxSlots) {
      error = make_error("xlsx_too_large", "Excel 文件的单元格过多（含空白间隔超过 200 万个），请拆分后再导入");
      return;
    }
    r[c] = std::move(cell);
  }
};

// Target of a workbook relationship → entry name: relative to xl/, or absolute from the package root.
std::string resolve_target(std::string_view target) {
  if (target.starts_with("/")) return std::string(target.substr(1));
  std::string base = "xl/";
  while (target.starts_with("../")) {
    target.remove_prefix(3);
    base.clear();
  }
  return base + std::string(target);
}

Error from_zip(const Error& e) {
  if (e.code == "zip_too_large") {
    return make_error("xlsx_too_large", "Excel 文件解压后过大（超过 64 MB），请拆分后再导入");
  }
  return invalid(e.message);
}

struct Workbook {
  std::vector<std::pair<std::string, std::string>> sheets;  // name, entry
  std::vector<std::string> shared;
};

Result<Workbook> open_workbook(ZipReader& zip) {
  if (!zip.has("xl/workbook.xml")) return invalid("不是 Excel 工作簿（缺少 xl/workbook.xml）");
  Workbook wb;
  WorkbookHandler wh;
  {
    auto xml = zip.read("xl/workbook.xml");
    if (!xml) return from_zip(xml.error());
    if (auto r = parse_xml(*xml, wh); !r) return invalid(r.error().message);
  }
  RelsHandler rh;
  if (zip.has("xl/_rels/workbook.xml.rels")) {
    auto xml = zip.read("xl/_rels/workbook.xml.rels");
    if (!xml) return from_zip(xml.error());
    if (auto r = parse_xml(*xml, rh); !r) return invalid(r.error().message);
  }
  for (std::size_t i = 0; i < wh.sheets.size(); ++i) {
    auto it = rh.targets.find(wh.sheets[i].second);
    std::string entry = it != rh.targets.end() ? resolve_target(it->second)
                                               : "xl/worksheets/sheet" + std::to_string(i + 1) + ".xml";
    wb.sheets.emplace_back(wh.sheets[i].first, std::move(entry));
  }
  if (zip.has("xl/sharedStrings.xml")) {
    auto xml = zip.read("xl/sharedStrings.xml");
    if (!xml) return from_zip(xml.error());
    SharedStringsHandler sh;
    if (auto r = parse_xml(*xml, sh); !r) return invalid(r.error().message);
    wb.shared = std::move(sh.strings);
  }
  return wb;
}

Result<Rows> read_sheet(ZipReader& zip, const Workbook& wb, std::size_t index) {
  const auto& entry = wb.sheets[index].second;
  auto xml = zip.read(entry);
  if (!xml) return from_zip(xml.error());
  SheetHandler h;
  h.shared = &wb.shared;
  if (auto r = parse_xml(*xml, h); !r) {
    if (r.error().code == "xlsx_invalid" || r.error().code == "xlsx_too_large") return r.error();
    return invalid("工作表“" + wb.sheets[index].first + "”：" + r.error().message);
  }
  return std::move(h.rows);
}

Result<ZipReader> open_zip(std::string_view bytes) {
  auto zip = ZipReader::open(bytes);
  if (!zip) return from_zip(zip.error());
  return zip;
}

}  // namespace

Result<Rows> read_xlsx_rows(std::string_view bytes, int sheet_index) {
  auto zip = open_zip(bytes);
  if (!zip) return zip.error();
  auto wb = open_workbook(*zip);
  if (!wb) return wb.error();
  if (sheet_index < 0 || static_cast<std::size_t>(sheet_index) >= wb->sheets.size()) {
    return invalid("没有第 " + std::to_string(sheet_index + 1) + " 个工作表");
  }
  return read_sheet(*zip, *wb, static_cast<std::size_t>(sheet_index));
}

Result<std::vector<XlsxSheet>> read_xlsx_workbook(std::string_view bytes) {
  auto zip = open_zip(bytes);
  if (!zip) return zip.error();
  auto wb = open_workbook(*zip);
  if (!wb) return wb.error();
  std::vector<XlsxSheet> out;
  std::size_t slots = 0;
  for (std::size_t i = 0; i < wb->sheets.size(); ++i) {
    auto rows = read_sheet(*zip, *wb, i);
    if (!rows) return rows.error();
    for (const auto& r : *rows) slots += r.size() + 1;
    if (slots > kMaxSlots) {
      return make_error("xlsx_too_large", "Excel 文件的单元格过多（含空白间隔超过 200 万个），请拆分后再导入");
    }
    out.push_back(XlsxSheet{wb->sheets[i].first, std::move(*rows)});
  }
  return out;
}

}  // namespace platform::files
