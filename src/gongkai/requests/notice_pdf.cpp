// The 告知书 as PDF (platform/render/pdf), apart from notice_model.cpp so the pure model links without Pango
// (the fuzz target).
#include "gongkai/requests/notice_model.hpp"
#include "platform/render/pdf.hpp"

namespace gongkai::requests::notice {

Result<std::string> to_pdf(const NoticeText& n) {
  platform::render::PageSetup setup;
  setup.pdf_title = n.title + (n.notice_no.empty() ? "" : "（" + n.notice_no + "）");
  setup.pdf_author = n.issuer;
  setup.body_pt = 15;
  platform::render::PdfDocument doc(setup);
  using platform::render::Align;
  doc.title(n.title);
  if (!n.notice_no.empty()) doc.paragraph(n.notice_no, {.align = Align::center, .space_after_pt = 12});
  for (std::size_t i = 0; i < n.paragraphs.size(); ++i) {
    doc.paragraph(n.paragraphs[i], {.align = Align::justify, .first_line_indent_em = i == 0 ? 0.0 : 2.0});
  }
  doc.space(24);
  doc.paragraph(n.issuer, {.align = Align::right});
  if (auto d = calendar::Date::parse(n.issued_on)) doc.paragraph(chinese_date(*d), {.align = Align::right});
  return doc.render();
}

}  // namespace gongkai::requests::notice
