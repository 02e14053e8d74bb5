// platform/render/pdf: CJK text, wrapping, tables whose header repeats on each page, page numbers, metadata; read
// back with poppler (the same text extraction the product uses for uploads).
#include <gtest/gtest.h>

#include <string>

#include "platform/files/text_extract.hpp"
#include "platform/render/pdf.hpp"

namespace platform::render {
namespace {

std::string text_of(const std::string& pdf) {
  auto t = platform::files::extract_text("pdf", pdf);
  EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().message);
  return t.ok() ? *t : std::string();
}

// poppler drops or adds spaces between glyphs of a centred line.
std::string no_spaces(std::string s) {
  std::erase_if(s, [](char c) { return c == ' ' || c == '\n'; });
  return s;
}

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (auto p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + needle.size())) ++n;
  return n;
}

TEST(PdfTest, LetterWithCjkTextAndPageNumber) {
  PageSetup setup;
  setup.pdf_title = "政府信息公开申请答复告知书";
  PdfDocument doc(setup);
  doc.title("政府信息公开申请答复告知书");
  doc.paragraph("区人民政府办公室依申请公开告知〔2026〕1号", {.align = Align::right});
  doc.paragraph("张三：");
  doc.paragraph("本机关于2026年3月2日收到您提出的政府信息公开申请。经审查，现答复如下：<根据> & 条例第三十七条，部分公开。",
                {.align = Align::justify, .first_line_indent_em = 2});
  auto pdf = doc.render();
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  EXPECT_EQ(doc.pages(), 1);
  std::string t = text_of(*pdf);
  EXPECT_NE(t.find("答复告知书"), std::string::npos) << t;
  EXPECT_NE(t.find("〔2026〕1号"), std::string::npos) << t;
  EXPECT_NE(t.find("<根据> &"), std::string::npos) << "markup is printed as text: " << t;
  EXPECT_NE(no_spaces(t).find("—1—"), std::string::npos) << t;
  EXPECT_NE(pdf->find("Gongkai"), std::string::npos);  // creator metadata
}

TEST(PdfTest, LongParagraphAndTableContinueOnNextPagesWithHeaderRepeated) {
  PageSetup setup;
  setup.page_number_format = "第 {page} 页 共 {pages} 页";
  PdfDocument doc(setup);
  doc.heading("三、收到和处理政府信息公开申请情况");
  std::string long_text;
  for (int i = 0; i < 60; ++i) long_text += "这是一段很长的中文文字，用于检验自动换行与分页。";
  doc.paragraph(long_text, {.first_line_indent_em = 2});
  std::vector<std::vector<std::string>> rows;
  for (int i = 1; i <= 80; ++i) rows.push_back({"第" + std::to_string(i) + "行 属于国家秘密的政府信息不予公开的情形说明", std::to_string(i)});
  doc.table({{"办理结果", "数量"}}, rows, {0.8, 0.2});
  auto pdf = doc.render();
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  ASSERT_GE(doc.pages(), 3);
  std::string t = text_of(*pdf);
  EXPECT_NE(t.find("第80行"), std::string::npos);
  EXPECT_NE(no_spaces(t).find("第2页共" + std::to_string(doc.pages()) + "页"), std::string::npos);
  // The header row is printed on every page the table covers (at least two).
  EXPECT_GE(count(t, "办理结果"), 2u);
}

TEST(PdfTest, InvalidUtf8IsAnError) {
  PdfDocument doc;
  doc.paragraph(std::string("bad \xff\xfe text"));
  auto pdf = doc.render();
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.error().code, "pdf_invalid_text");
}

TEST(PdfTest, EmptyDocumentIsOneBlankPage) {
  PdfDocument doc;
  auto pdf = doc.render();
  ASSERT_TRUE(pdf.ok());
  EXPECT_EQ(doc.pages(), 1);
}

}  // namespace
}  // namespace platform::render
