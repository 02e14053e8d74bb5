// A small page-layout API that writes PDF with Pango (text shaping, line breaking of CJK and Latin text) and Cairo
// (the PDF surface). Built for official letters (告知书) and the annual report: a title, headings, paragraphs,
// tables with header rows that repeat on every page, page numbers, A4 with the margins of GB/T 9704 (公文格式).
// Fonts come from fontconfig: the default family is "Noto Serif CJK SC" (Debian: fonts-noto-cjk), and Pango falls
// back to any installed font for characters the family lacks, so text never disappears.
//
// Usage:
//   platform::render::PdfDocument doc;          // A4, default margins and fonts
//   doc.title("政府信息公开申请答复告知书");
//   doc.paragraph("编号：……", {.align = Align::right});
//   doc.paragraph("张三：");
//   doc.paragraph("本机关于……", {.first_line_indent_em = 2});
//   doc.table({{"项目", "数量"}}, {{"予以公开", "3"}}, {0.7, 0.3});
//   auto pdf = doc.render();                   // Result<std::string>: the PDF bytes
//
// Thread safety: a PdfDocument belongs to one thread; several threads may each render their own.
#pragma once

#include <string>
#include <vector>

#include "platform/result.hpp"

namespace platform::render {

enum class Align { left, center, right, justify };

struct PageSetup {
  double width_mm = 210, height_mm = 297;  // A4
  // GB/T 9704-2012: 天头 37 mm, 订口 28 mm; the text block 156 × 225 mm. Bottom leaves room for the page number.
  double top_mm = 37, bottom_mm = 35, left_mm = 28, right_mm = 26;
  std::string font_family = "Noto Serif CJK SC";
  std::string heading_family = "Noto Sans CJK SC";
  double body_pt = 14;         // close to 三号 (16 pt) but fits more; letters may set 16
  double line_spacing = 1.5;   // multiple of the font's line height
  // Page numbers "— N —" centred below the text block, as official documents print them; "" switches them off.
  // "{page}" and "{pages}" are replaced ("第 {page} 页 共 {pages} 页").
  std::string page_number_format = "— {page} —";
  std::string pdf_title, pdf_author;  // document metadata
};

struct ParagraphStyle {
  Align align = Align::left;
  double first_line_indent_em = 0;  // 2 for body text in Chinese letters
  double size_pt = 0;               // 0: the page's body size
  bool bold = false;
  double space_before_pt = 0, space_after_pt = 4;
};

class PdfDocument {
 public:
  explicit PdfDocument(PageSetup setup = {});

  // A centred bold title in the heading family, 1.4 × body size.
  void title(const std::string& text);
  // A bold heading in the heading family (section titles of a report).
  void heading(const std::string& text);
  // Plain text, UTF-8. Line breaks inside `text` start new lines; long lines wrap (CJK anywhere, Latin at spaces).
  // Markup is not interpreted: "<" and "&" print as they are.
  void paragraph(const std::string& text, ParagraphStyle style = {});
  // Vertical space in points.
  void space(double pt);
  // Starts a new page.
  void page_break();
  // A table: `header` rows (bold, shaded, repeated at the top of every page the table continues on) and `rows`.
  // `widths` are fractions of the text width, one per column (normalised; empty: equal columns). Rows shorter than
  // the widest are padded with empty cells. A cell wraps within its column; a row is never split across pages
  // unless it is taller than a page by itself.
  void table(const std::vector<std::vector<std::string>>& header, const std::vector<std::vector<std::string>>& rows,
             std::vector<double> widths = {}, double size_pt = 0);

  // Lays out and writes the document. Errors: pdf_render_failed (Cairo reported an error), pdf_invalid_text
  // (text that is not valid UTF-8).
  Result<std::string> render() const;

  // Page count of the last render() (0 before).
  int pages() const { return pages_; }

  struct Block;  // one laid-out unit (text, space, page break, table); defined in pdf.cpp

 private:
  std::vector<Block> blocks_;
  PageSetup setup_;
  mutable int pages_ = 0;

 public:
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;
};

}  // namespace platform::render
