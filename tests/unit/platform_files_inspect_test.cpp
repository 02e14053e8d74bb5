// platform/files/inspect: upload type by content, extension agreement, safe names; http content_disposition.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "platform/files/inspect.hpp"
#include "platform/http/message.hpp"
#include "platform_files_fixtures.hpp"

namespace platform::files {
namespace {

using namespace gongkai_test;
using namespace std::string_literals;
constexpr std::uint64_t kMax = 10 << 20;

void expect_kind(const std::string& name, const std::string& bytes, const std::string& kind, const std::string& mime) {
  auto r = inspect_upload(name, bytes, kMax);
  ASSERT_TRUE(r.ok()) << name << ": " << r.error().code << " " << r.error().message;
  EXPECT_EQ(r->kind, kind) << name;
  EXPECT_EQ(r->mime, mime) << name;
  EXPECT_EQ(r->safe_name, name);
}

void expect_error(const std::string& name, const std::string& bytes, const std::string& code,
                  std::uint64_t max = kMax) {
  auto r = inspect_upload(name, bytes, max);
  ASSERT_FALSE(r.ok()) << name << " accepted as " << r->kind;
  EXPECT_EQ(r.error().code, code) << name << ": " << r.error().message;
  EXPECT_EQ(r.error().field, "file");
  EXPECT_FALSE(r.error().message.empty());
}

TEST(PlatformFilesInspect, AcceptsEveryAllowedTypeWithItsKind) {
  expect_kind("通知.pdf", make_pdf("Hello", {0x653F}), "pdf", "application/pdf");
  expect_kind("方案.docx", make_docx(para("x")), "docx",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  expect_kind("目录.xlsx", make_xlsx({{"Sheet1", R"(<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>)"}}),
              "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  expect_kind("公文.ofd", make_ofd({ofd_text_object("10", "正文")}), "ofd", "application/ofd");
  expect_kind("旧文件.doc", make_cfb("WordDocument"), "doc", "application/msword");
  expect_kind("旧表格.xls", make_cfb("Workbook"), "xls", "application/vnd.ms-excel");
  expect_kind("图.png", png_bytes(), "png", "image/png");
  expect_kind("照片.jpg", jpeg_bytes(), "jpeg", "image/jpeg");
  expect_kind("照片.JPEG", jpeg_bytes(), "jpeg", "image/jpeg");
  expect_kind("动图.gif", gif_bytes(), "gif", "image/gif");
}

TEST(PlatformFilesInspect, ExtensionIsCanonicalAndAddedWhenMissing) {
  auto r = inspect_upload("照片.JPEG", jpeg_bytes(), kMax);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->extension, "jpg");
  r = inspect_upload("报告", make_pdf("x", {}), kMax);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->safe_name, "报告.pdf");
  EXPECT_EQ(r->extension, "pdf");
}

TEST(PlatformFilesInspect, RefusesExecutablesHtmlAndScriptsWhateverTheirName) {
  const std::string exe = "MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xFF\xFF\x00\x00"s + std::string(48, '\0') +
                          "This program cannot be run in DOS mode.\r\r\n$" + std::string(200, '\0');
  const std::string elf = "\x7F" "ELF\x02\x01\x01\x00"s + std::string(56, '\0');
  const std::string html = "<!DOCTYPE html><html><head><script>alert(1)</script></head><body>x</body></html>\n";
  const std::string script = "#!/bin/sh\nrm -rf /\n";
  const std::string text = "just some text\n";
  for (const auto* name : {"通知.pdf", "通知.docx", "a.png"}) {
    expect_error(name, exe, "file_type_not_allowed");
    expect_error(name, elf, "file_type_not_allowed");
    expect_error(name, html, "file_type_not_allowed");
    expect_error(name, script, "file_type_not_allowed");
    expect_error(name, text, "file_type_not_allowed");
  }
  // A zip that is neither docx, xlsx nor OFD; a compound file that is neither Word nor Excel (an .msi).
  expect_error("a.docx", make_zip({{"readme.txt", "hello"}}), "file_type_not_allowed");
  expect_error("a.doc", make_cfb("SomethingElse"), "file_type_not_allowed");
  // A docx part list without [Content_Types].xml is not a docx.
  expect_error("a.docx", make_zip({{"word/document.xml", "<w:document/>"}}), "file_type_not_allowed");
}

TEST(PlatformFilesInspect, RefusesContentThatContradictsTheExtension) {
  expect_error("通知.docx", make_pdf("x", {}), "file_type_mismatch");
  expect_error("表格.xlsx", make_docx(para("x")), "file_type_mismatch");
  expect_error("文档.docx", make_xlsx({{"S", ""}}), "file_type_mismatch");
  expect_error("公文.pdf", make_ofd({}), "file_type_mismatch");
  expect_error("图.png", jpeg_bytes(), "file_type_mismatch");
  expect_error("程序.exe", make_pdf("x", {}), "file_type_mismatch");
  expect_error("旧表格.doc", make_cfb("Workbook"), "file_type_mismatch");
  auto r = inspect_upload("通知.docx", make_pdf("x", {}), kMax);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find(".docx"), std::string::npos);
  EXPECT_NE(r.error().message.find("PDF"), std::string::npos);
}

TEST(PlatformFilesInspect, RefusesEmptyTooLargeAndBadNames) {
  expect_error("a.pdf", "", "file_empty");
  const std::string pdf = make_pdf("x", {});
  expect_error("a.pdf", pdf, "file_too_large", pdf.size() - 1);
  EXPECT_TRUE(inspect_upload("a.pdf", pdf, pdf.size()).ok());  // the limit itself is allowed
  auto r = inspect_upload("a.pdf", pdf, 2 << 20);
  EXPECT_TRUE(r.ok());
  r = inspect_upload("a.pdf", std::string(3 << 20, 'x'), 2 << 20);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("2 MB"), std::string::npos);
  expect_error("", pdf, "invalid_file_name");
  expect_error("...", pdf, "invalid_file_name");
  expect_error("dir/", pdf, "invalid_file_name");
  expect_error("\xFF\xFE.pdf", pdf, "invalid_file_name");
  expect_error("\x01\x02", pdf, "invalid_file_name");
}

TEST(PlatformFilesInspect, SafeNameStripsPathsControlsAndBidiOverrides) {
  EXPECT_EQ(safe_file_name("C:\\Users\\张三\\Desktop\\通知.pdf"), "通知.pdf");
  EXPECT_EQ(safe_file_name("../../etc/passwd"), "passwd");
  EXPECT_EQ(safe_file_name("a\x01\x1F\x7F" "b.pdf"), "ab.pdf");
  EXPECT_EQ(safe_file_name("a\xC2\x85" "b.pdf"), "ab.pdf");              // C1 NEL
  EXPECT_EQ(safe_file_name("invoice\xE2\x80\xAE" "fdp.exe"), "invoicefdp.exe");  // U+202E RIGHT-TO-LEFT OVERRIDE
  EXPECT_EQ(safe_file_name("a\"b<c>d|e?f*g:h.pdf"), "a_b_c_d_e_f_g_h.pdf");
  EXPECT_EQ(safe_file_name("  .hidden.pdf. "), "hidden.pdf");
  EXPECT_EQ(safe_file_name("bad\xFF.pdf"), "");
}

TEST(PlatformFilesInspect, SafeNameKeepsAtMost120CharactersAndTheExtension) {
  std::string long_name;
  for (int i = 0; i < 200; ++i) long_name += "公";
  auto s = safe_file_name(long_name + ".pdf");
  EXPECT_TRUE(s.ends_with("公.pdf"));
  std::size_t cps = 0;
  for (unsigned char c : s) cps += (c & 0xC0) != 0x80;
  EXPECT_EQ(cps, 120u);
  auto r = inspect_upload(long_name + ".pdf", make_pdf("x", {}), kMax);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->safe_name, s);
  EXPECT_EQ(safe_file_name(std::string(300, 'a')), std::string(120, 'a'));
}

TEST(PlatformFilesInspect, WorksFromSeveralThreads) {
  const std::string pdf = make_pdf("x", {});
  const std::string png = png_bytes();
  std::vector<std::thread> threads;
  std::atomic<int> good{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        auto r = t % 2 ? inspect_upload("a.pdf", pdf, kMax) : inspect_upload("a.png", png, kMax);
        if (r.ok() && r->kind == (t % 2 ? "pdf" : "png")) ++good;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(good.load(), 80);
}

TEST(PlatformContentDisposition, GivesAsciiFallbackAndUtf8Name) {
  using platform::http::content_disposition;
  EXPECT_EQ(content_disposition("attachment", "report.pdf"),
            "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
  EXPECT_EQ(content_disposition("inline", "关于 2026 年.pdf"),
            "inline; filename=\"_ 2026 _.pdf\"; filename*=UTF-8''%E5%85%B3%E4%BA%8E%202026%20%E5%B9%B4.pdf");
  EXPECT_EQ(content_disposition("attachment", "a\"b\\c;d.pdf"),
            "attachment; filename=\"a_b_c;d.pdf\"; filename*=UTF-8''a%22b%5Cc%3Bd.pdf");
  EXPECT_EQ(content_disposition("something", ""), "attachment");
}

}  // namespace
}  // namespace platform::files
