// platform/files/text_extract (and the zip and XML layers under it): PDF, DOCX, XLSX and OFD text, zip bombs,
// damaged input.
#include <gtest/gtest.h>

#include <string>

#include "platform/files/text_extract.hpp"
#include "platform/files/zip.hpp"
#include "platform_files_fixtures.hpp"

namespace platform::files {
namespace {

using namespace gongkai_test;

std::string text_of(std::string_view kind, const std::string& bytes) {
  auto r = extract_text(kind, bytes);
  EXPECT_TRUE(r.ok()) << kind << ": " << (r.ok() ? "" : r.error().message);
  return r.ok() ? *r : std::string();
}

void expect_failure(std::string_view kind, const std::string& bytes) {
  auto r = extract_text(kind, bytes);
  ASSERT_FALSE(r.ok()) << kind << " gave: " << *r;
  EXPECT_EQ(r.error().code, "text_extraction_failed");
  EXPECT_NE(r.error().message.find("无法提取"), std::string::npos) << r.error().message;
}

TEST(PlatformFilesText, PdfGivesAsciiAndChineseText) {
  // 政务公开 through a ToUnicode map: U+653F U+52A1 U+516C U+5F00.
  auto text = text_of("pdf", make_pdf("Notice 2026", {0x653F, 0x52A1, 0x516C, 0x5F00}));
  EXPECT_NE(text.find("Notice 2026"), std::string::npos) << text;
  EXPECT_NE(text.find("政务公开"), std::string::npos) << text;
}

TEST(PlatformFilesText, DamagedPdfFailsCleanly) {
  expect_failure("pdf", "%PDF-1.4\nthis is not really a pdf");
  expect_failure("pdf", "");
  const std::string pdf = make_pdf("Hello", {0x653F});
  auto r = extract_text("pdf", pdf.substr(0, pdf.size() / 2));  // truncated: poppler may recover or refuse
  if (!r.ok()) {
    EXPECT_EQ(r.error().code, "text_extraction_failed");
  }
}

TEST(PlatformFilesText, DocxParagraphsTabsBreaksAndTables) {
  const std::string body =
      para("关于开展政务公开工作的通知") +
      "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>"
      "<w:r><w:t>一、</w:t></w:r><w:r><w:tab/><w:t xml:space=\"preserve\">总体要求 </w:t></w:r>"
      "<w:r><w:t>&amp; 目标 &lt;2026&gt; &#x4E2D;&#22269;</w:t></w:r></w:p>"
      "<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>"
      "<w:p><w:r><w:delText>删除的文字</w:delText><w:instrText>PAGE</w:instrText></w:r></w:p>"
      "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>序号</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>事项</w:t></w:r></w:p>"
      "<w:p><w:r><w:t>名称</w:t></w:r></w:p></w:tc></w:tr>"
      "<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>" +
      "<w:p><w:r><mc:AlternateContent><mc:Choice><w:t>文本框</w:t></mc:Choice>"
      "<mc:Fallback><w:t>文本框</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>" +
      para("结束");
  EXPECT_EQ(text_of("docx", make_docx(body)),
            "关于开展政务公开工作的通知\n"
            "一、\t总体要求 & 目标 <2026> 中国\n"
            "第一行\n第二行\n"
            "\n"
            "序号\t事项 名称\n"
            "1\t\n"
            "文本框\n"
            "结束");
}

TEST(PlatformFilesText, XlsxCellsAsTabSeparatedLines) {
  const std::string xlsx = make_xlsx(
      {{"目录", R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>)"
                R"(<row r="2"><c r="A2"><v>1</v></c><c r="C2" t="inlineStr"><is><t>行政许可</t></is></c></row>)"},
       {"第二页", R"(<row r="1"><c r="A1" t="str"><v>合计</v></c><c r="B1"><v>3.5</v></c></row>)"}},
      {"序号", "事项名称"});
  EXPECT_EQ(text_of("xlsx", xlsx), "序号\t事项名称\n1\t\t行政许可\n\n合计\t3.5");
}

TEST(PlatformFilesText, OfdTextCodesInPageOrder) {
  std::vector<std::string> pages(11);
  for (int i = 0; i < 11; ++i) pages[i] = ofd_text_object("20", "第" + std::to_string(i + 1) + "页");
  // Page 1: two objects on one baseline joined, one on the next line; entities decoded.
  pages[0] = ofd_text_object("20", "政务") + ofd_text_object("20", "公开") + ofd_text_object("30", "A&amp;B");
  auto text = text_of("ofd", make_ofd(pages));
  EXPECT_TRUE(text.starts_with("政务公开\nA&B\n第2页\n第3页\n")) << text;
  EXPECT_TRUE(text.ends_with("第10页\n第11页")) << text;  // Page_10 after Page_9, not after Page_1
}

TEST(PlatformFilesText, ImagesAndLegacyOfficeGiveNoTextAndNoError) {
  for (const char* kind : {"png", "jpeg", "gif", "doc", "xls"}) {
    auto r = extract_text(kind, png_bytes());
    ASSERT_TRUE(r.ok()) << kind;
    EXPECT_EQ(*r, "");
  }
}

TEST(PlatformFilesText, ZipBombIsRefused) {
  // 80 MiB of zeros deflate to ~80 KB; the declared size is over the 64 MiB cap.
  const std::string bomb =
      make_zip({{"[Content_Types].xml", kContentTypes}, {"word/document.xml", std::string(80u << 20, '\0')}});
  ASSERT_LT(bomb.size(), 1u << 20);
  expect_failure("docx", bomb);
  // Many small entries whose sum is over the cap.
  Entries many{{"OFD.xml", "<OFD/>"}};
  for (int i = 0; i < 5; ++i) many.emplace_back("Doc_0/big" + std::to_string(i), std::string(15u << 20, 'a'));
  expect_failure("ofd", make_zip(many));
  // Too many entries.
  Entries lots{{"[Content_Types].xml", kContentTypes}};
  for (int i = 0; i < 10'001; ++i) lots.emplace_back("xl/e" + std::to_string(i), "");
  auto r = ZipReader::open(make_zip(lots, true));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "zip_too_large");
}

TEST(PlatformFilesText, ZipLimitsApplyToBytesActuallyRead) {
  const std::string zip = make_zip({{"a", std::string(1000, 'a')}, {"b", std::string(1000, 'b')}});
  auto r = ZipReader::open(zip, ZipLimits{10, 1500});
  ASSERT_FALSE(r.ok());  // declared total 2000 > 1500
  EXPECT_EQ(r.error().code, "zip_too_large");
  auto ok = ZipReader::open(zip, ZipLimits{10, 2000});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok->read("a"), std::string(1000, 'a'));
  EXPECT_EQ(*ok->read("b"), std::string(1000, 'b'));
  auto again = ok->read("a");  // the budget counts every read, so reading the same entry again is refused
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "zip_too_large");
  EXPECT_EQ(ok->read("missing").error().code, "zip_entry_missing");
  auto other = ZipReader::open(zip);
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->has("B"));  // OPC part names are case-insensitive
  EXPECT_EQ(*other->read("A"), std::string(1000, 'a'));
}

TEST(PlatformFilesText, TruncatedAndGarbageZipsFailWithoutCrashing) {
  const std::string docx = make_docx(para("政务公开"));
  for (std::size_t cut : {std::size_t{0}, std::size_t{10}, std::size_t{30}, docx.size() / 2, docx.size() - 1}) {
    expect_failure("docx", docx.substr(0, cut));
  }
  // Flip bytes in the compressed data: either libzip notices (CRC, inflate) or the XML breaks.
  for (std::size_t i = 40; i < docx.size() - 100; i += 37) {
    std::string bad = docx;
    bad[i] = static_cast<char>(bad[i] ^ 0x5A);
    auto r = extract_text("docx", bad);
    if (!r.ok()) {
    EXPECT_EQ(r.error().code, "text_extraction_failed");
  }
  }
  expect_failure("xlsx", "PK\x03\x04 garbage garbage garbage garbage");
  expect_failure("ofd", std::string(100, 'x'));
  expect_failure("ofd", make_zip({{"Doc_0/Pages/Page_0/Content.xml", "<a/>"}}));  // no OFD.xml
  expect_failure("docx", make_zip({{"[Content_Types].xml", kContentTypes}}));       // no word/document.xml
}

TEST(PlatformFilesText, MalformedXmlAndDoctypeAreRefused) {
  expect_failure("docx", make_docx("<w:p><w:r><w:t>unclosed</w:r></w:p>"));
  const std::string lol =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>"
      "<w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>";
  expect_failure("docx", make_zip({{"[Content_Types].xml", kContentTypes}, {"word/document.xml", lol}}));
  const std::string xxe =
      "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
      "<w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>";
  expect_failure("docx", make_zip({{"[Content_Types].xml", kContentTypes}, {"word/document.xml", xxe}}));
}

}  // namespace
}  // namespace platform::files
