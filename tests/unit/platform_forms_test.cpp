// platform/http/forms: percent-decoding, UTF-8 validation, urlencoded bodies and multipart/form-data.
#include <gtest/gtest.h>

#include <string>

#include "platform/http/forms.hpp"

namespace platform::http {
namespace {

using namespace std::string_literals;

// ---------------------------------------------------------------------------------------------------------------
// percent_decode / percent_encode
// ---------------------------------------------------------------------------------------------------------------

TEST(PlatformForms, PercentDecodeDecodesEscapesInBothCases) {
  EXPECT_EQ(percent_decode("a%20b", false), "a b");
  EXPECT_EQ(percent_decode("%E4%B8%AD%e6%96%87", false), "中文");
  EXPECT_EQ(percent_decode("", false), "");
  EXPECT_EQ(percent_decode("%41", false), "A");     // escape at the very end
  EXPECT_EQ(percent_decode("%00", false), "\0"s);   // decoding itself does not judge content
  EXPECT_EQ(percent_decode("%2B", true), "+");      // an encoded plus is a plus, even in forms
  EXPECT_EQ(percent_decode("100%25", false), "100%");
}

TEST(PlatformForms, PercentDecodePlusIsSpaceOnlyInForms) {
  EXPECT_EQ(percent_decode("a+b++c", true), "a b  c");
  EXPECT_EQ(percent_decode("a+b", false), "a+b");
}

TEST(PlatformForms, PercentDecodeRefusesBadEscapes) {
  for (const char* bad : {"%", "%4", "a%", "a%4", "%G0", "%0G", "%%", "%-1", "% 1", "abc%zz", "%%41", "%4%41"}) {
    EXPECT_EQ(percent_decode(bad, false), std::nullopt) << bad;
    EXPECT_EQ(percent_decode(bad, true), std::nullopt) << bad;
  }
}

TEST(PlatformForms, PercentEncodeRoundTrips) {
  EXPECT_EQ(percent_encode("AZaz09-_.~"), "AZaz09-_.~");
  EXPECT_EQ(percent_encode("a b/c?"), "a%20b%2Fc%3F");
  EXPECT_EQ(percent_encode("中"), "%E4%B8%AD");
  const std::string all = [] {
    std::string s;
    for (int c = 0; c < 256; ++c) s.push_back(static_cast<char>(c));
    return s;
  }();
  EXPECT_EQ(percent_decode(percent_encode(all), false), all);
  EXPECT_EQ(percent_decode(percent_encode(all), true), all);
}

// ---------------------------------------------------------------------------------------------------------------
// valid_utf8
// ---------------------------------------------------------------------------------------------------------------

TEST(PlatformForms, ValidUtf8AcceptsWellFormedText) {
  EXPECT_TRUE(valid_utf8(""));
  EXPECT_TRUE(valid_utf8("plain ASCII\t\r\n"));
  EXPECT_TRUE(valid_utf8("\0"s));
  EXPECT_TRUE(valid_utf8("区长信箱"));
  EXPECT_TRUE(valid_utf8("\xC2\x80"));              // U+0080, smallest 2-byte
  EXPECT_TRUE(valid_utf8("\xDF\xBF"));              // U+07FF
  EXPECT_TRUE(valid_utf8("\xE0\xA0\x80"));          // U+0800, smallest 3-byte
  EXPECT_TRUE(valid_utf8("\xED\x9F\xBF"));          // U+D7FF, just below the surrogates
  EXPECT_TRUE(valid_utf8("\xEE\x80\x80"));          // U+E000, just above
  EXPECT_TRUE(valid_utf8("\xEF\xBF\xBF"));          // U+FFFF
  EXPECT_TRUE(valid_utf8("\xF0\x90\x80\x80"));      // U+10000, smallest 4-byte
  EXPECT_TRUE(valid_utf8("\xF4\x8F\xBF\xBF"));      // U+10FFFF, the last code point
  EXPECT_TRUE(valid_utf8("😀𠀀"));
}

TEST(PlatformForms, ValidUtf8RefusesOverlongs) {
  for (const std::string& bad : {"\xC0\x80"s, "\xC1\xBF"s, "\xE0\x80\x80"s, "\xE0\x9F\xBF"s, "\xF0\x80\x80\x80"s,
                                 "\xF0\x8F\xBF\xBF"s, "\xC0\xAF"s /* overlong '/' */, "\xE0\x80\xAF"s}) {
    EXPECT_FALSE(valid_utf8(bad)) << testing::PrintToString(bad);
  }
}

TEST(PlatformForms, ValidUtf8RefusesSurrogates) {
  EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));  // U+D800
  EXPECT_FALSE(valid_utf8("\xED\xBF\xBF"));  // U+DFFF
  EXPECT_FALSE(valid_utf8("\xED\xA0\xBD\xED\xB8\x80"));  // CESU-8 pair for U+1F600
}

TEST(PlatformForms, ValidUtf8RefusesCodePointsBeyondU10FFFF) {
  EXPECT_FALSE(valid_utf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(valid_utf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(valid_utf8("\xF7\xBF\xBF\xBF"));
  EXPECT_FALSE(valid_utf8("\xF8\x88\x80\x80\x80"));  // old 5-byte form
  EXPECT_FALSE(valid_utf8("\xFC\x84\x80\x80\x80\x80"));
  EXPECT_FALSE(valid_utf8("\xFE"));
  EXPECT_FALSE(valid_utf8("\xFF"));
}

TEST(PlatformForms, ValidUtf8RefusesTruncatedAndStraySequences) {
  for (const std::string& bad : {"\xC2"s, "\xE4\xB8"s, "\xE4"s, "\xF0\x9F\x98"s, "\xF0\x9F"s, "a\xE4\xB8"s,
                                 "\x80"s, "\xBF"s, "a\x80z"s, "\xE4\xB8\xE4\xB8\xAD"s, "\xC2\x41"s,
                                 "\xE4\x41\xAD"s, "\xF0\x9F\x98\x41"s, "中\xE6\x96"s}) {
    EXPECT_FALSE(valid_utf8(bad)) << testing::PrintToString(bad);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// FormData and parse_urlencoded
// ---------------------------------------------------------------------------------------------------------------

TEST(PlatformForms, UrlencodedParsesPairsInOrder) {
  auto f = parse_urlencoded("a=1&b=%E4%B8%AD&c=x+y&d=%2B");
  ASSERT_TRUE(f.ok()) << f.error().code;
  ASSERT_EQ(f->items().size(), 4u);
  EXPECT_EQ(f->items()[0], (std::pair<std::string, std::string>{"a", "1"}));
  EXPECT_EQ(f->value("b"), "中");
  EXPECT_EQ(f->value("c"), "x y");
  EXPECT_EQ(f->value("d"), "+");
  EXPECT_EQ(f->value("missing", "fallback"), "fallback");
  EXPECT_EQ(f->get("missing"), nullptr);
  EXPECT_FALSE(f->has("missing"));
}

TEST(PlatformForms, UrlencodedKeepsRepeatsAndGetReturnsTheFirst) {
  auto f = parse_urlencoded("role=editor&x=1&role=reviewer&role=");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->value("role"), "editor");
  EXPECT_EQ(f->all("role"), (std::vector<std::string>{"editor", "reviewer", ""}));
  EXPECT_TRUE(f->all("none").empty());
}

TEST(PlatformForms, UrlencodedEmptyValuesAndEmptyPairs) {
  auto f = parse_urlencoded("a=&b&&c=3&");
  ASSERT_TRUE(f.ok());
  ASSERT_EQ(f->items().size(), 3u);
  EXPECT_TRUE(f->has("a"));
  EXPECT_EQ(f->value("a", "x"), "");
  EXPECT_TRUE(f->has("b"));
  EXPECT_EQ(f->value("b", "x"), "");
  EXPECT_EQ(f->value("c"), "3");
  // A value may contain '=' after the first one.
  auto g = parse_urlencoded("q=a=b");
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->value("q"), "a=b");
  auto empty = parse_urlencoded("");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
  auto amps = parse_urlencoded("&&&");
  ASSERT_TRUE(amps.ok());
  EXPECT_TRUE(amps->empty());
}

TEST(PlatformForms, UrlencodedAllowsTabCrLfButRefusesOtherControls) {
  auto ok = parse_urlencoded("t=a%09b%0D%0Ac");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->value("t"), "a\tb\r\nc");
  for (const char* bad : {"a=%00", "a=x%01", "a=%1F", "a=%7F", "%00=a", "a%1B=1", "ok=1&b=%08"}) {
    auto r = parse_urlencoded(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "bad_encoding") << bad;
    EXPECT_FALSE(r.error().message.empty());
  }
  // A raw control byte is refused just like an escaped one.
  EXPECT_FALSE(parse_urlencoded("a=\x01"s).ok());
  EXPECT_FALSE(parse_urlencoded("a=\0"s).ok());
}

TEST(PlatformForms, UrlencodedRefusesBadEscapesAndInvalidUtf8) {
  for (const char* bad : {"a=%", "a=%4", "a=%ZZ", "%=1", "a=%C0%80", "a=%ED%A0%80", "a=%E4%B8", "a=%FF",
                          "a=\xE4\xB8"}) {
    auto r = parse_urlencoded(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "bad_encoding") << bad;
  }
}

TEST(PlatformForms, UrlencodedLimitsTheNumberOfFields) {
  std::string body;
  for (int i = 0; i < 5; ++i) body += (i ? "&" : "") + std::string("f") + std::to_string(i) + "=1";
  EXPECT_TRUE(parse_urlencoded(body, 5).ok());
  auto r = parse_urlencoded(body + "&f5=1", 5);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "too_many_fields");
  // Empty pairs do not count.
  EXPECT_TRUE(parse_urlencoded(body + "&&&", 5).ok());
  // The default limit is 1000.
  std::string many;
  for (int i = 0; i < 1001; ++i) many += "a=1&";
  EXPECT_EQ(parse_urlencoded(many).error().code, "too_many_fields");
  many.resize(many.size() - 4);
  EXPECT_TRUE(parse_urlencoded(many).ok());
}

// ---------------------------------------------------------------------------------------------------------------
// multipart_boundary
// ---------------------------------------------------------------------------------------------------------------

TEST(PlatformForms, MultipartBoundaryFromContentType) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxk"),
            "----WebKitFormBoundary7MA4YWxk");
  EXPECT_EQ(multipart_boundary("Multipart/Form-Data; BOUNDARY=abc"), "abc");
  EXPECT_EQ(multipart_boundary("multipart/form-data; charset=utf-8; boundary=\"a b;c\""), "a b;c");
  EXPECT_EQ(multipart_boundary("multipart/form-data;boundary=xyz ; charset=utf-8"), "xyz");
  EXPECT_EQ(multipart_boundary("multipart/form-data"), std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary="), std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=\"\""), std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=\"unterminated"), std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/mixed; boundary=abc"), std::nullopt);
  EXPECT_EQ(multipart_boundary("application/x-www-form-urlencoded"), std::nullopt);
  EXPECT_EQ(multipart_boundary(""), std::nullopt);
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=" + std::string(200, 'b')), std::string(200, 'b'));
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=" + std::string(201, 'b')), std::nullopt);
}

// ---------------------------------------------------------------------------------------------------------------
// parse_multipart
// ---------------------------------------------------------------------------------------------------------------

constexpr const char* kB = "----gk7MA4YWxkTrZu0gW";

std::string part(const std::string& headers, const std::string& data) {
  return std::string("--") + kB + "\r\n" + headers + "\r\n\r\n" + data + "\r\n";
}
std::string closing() { return std::string("--") + kB + "--\r\n"; }

TEST(PlatformForms, MultipartFieldsAndFiles) {
  std::string body = part("Content-Disposition: form-data; name=\"title\"", "关于公开的通知") +
                     part("Content-Disposition: form-data; name=\"tags\"", "a") +
                     part("Content-Disposition: form-data; name=\"tags\"", "b") +
                     part("Content-Disposition: form-data; name=\"file\"; filename=\"report.pdf\"\r\n"
                          "Content-Type: application/pdf",
                          "%PDF-1.4\r\n\0binary\xFF"s) +
                     closing();
  auto r = parse_multipart(body, kB);
  ASSERT_TRUE(r.ok()) << r.error().code;
  EXPECT_EQ(r->fields.value("title"), "关于公开的通知");
  EXPECT_EQ(r->fields.all("tags"), (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(r->files.size(), 1u);
  EXPECT_EQ(r->files[0].field, "file");
  EXPECT_EQ(r->files[0].filename, "report.pdf");
  EXPECT_EQ(r->files[0].content_type, "application/pdf");
  EXPECT_EQ(r->files[0].data, "%PDF-1.4\r\n\0binary\xFF"s);  // binary data, CRLF inside kept
  EXPECT_FALSE(r->fields.has("file"));
}

TEST(PlatformForms, MultipartUtf8FilenameAsBrowsersSendIt) {
  std::string body = part("Content-Disposition: form-data; name=\"att\"; filename=\"2025年 工作报告.docx\"\r\n"
                          "Content-Type: application/octet-stream",
                          "data") +
                     closing();
  auto r = parse_multipart(body, kB);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->files.size(), 1u);
  EXPECT_EQ(r->files[0].filename, "2025年 工作报告.docx");
}

TEST(PlatformForms, MultipartQuotedFilenameWithEscapes) {
  std::string body = part(R"(Content-Disposition: form-data; name="f"; filename="a \"quoted\" name;x.txt")", "d") +
                     closing();
  auto r = parse_multipart(body, kB);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->files.size(), 1u);
  EXPECT_EQ(r->files[0].filename, "a \"quoted\" name;x.txt");
}

TEST(PlatformForms, MultipartRfc5987FilenameStarIsDecoded) {
  std::string body =
      part("Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''%E5%B9%B4%E6%8A%A5%202025.pdf", "x") +
      closing();
  auto r = parse_multipart(body, kB);
  ASSERT_TRUE(r.ok()) << r.error().code;
  ASSERT_EQ(r->files.size(), 1u);
  EXPECT_EQ(r->files[0].filename, "年报 2025.pdf");
}

TEST(PlatformForms, MultipartFilenameStarWinsOverPlainFilename) {
  // RFC 6266 §4.3: when both are present the extended form is preferred, whatever the order.
  for (const std::string& disp :
       {"form-data; name=\"f\"; filename=\"fallback.pdf\"; filename*=utf-8'zh'%E9%80%9A%E7%9F%A5.pdf"s,
        "form-data; name=\"f\"; filename*=UTF-8''%E9%80%9A%E7%9F%A5.pdf; filename=\"fallback.pdf\""s}) {
    auto r = parse_multipart(part("Content-Disposition: " + disp, "x") + closing(), kB);
    ASSERT_TRUE(r.ok()) << disp;
    ASSERT_EQ(r->files.size(), 1u);
    EXPECT_EQ(r->files[0].filename, "通知.pdf") << disp;
  }
  // An extended value in a charset other than UTF-8, or badly encoded, falls back to the plain one.
  for (const std::string& disp : {"form-data; name=\"f\"; filename=\"plain.pdf\"; filename*=iso-8859-1''%E9.pdf"s,
                                  "form-data; name=\"f\"; filename=\"plain.pdf\"; filename*=UTF-8''%E9%8"s}) {
    auto r = parse_multipart(part("Content-Disposition: " + disp, "x") + closing(), kB);
    ASSERT_TRUE(r.ok()) << disp;
    ASSERT_EQ(r->files.size(), 1u);
    EXPECT_EQ(r->files[0].filename, "plain.pdf") << disp;
  }
}

TEST(PlatformForms, MultipartFilenameStarWithInvalidUtf8IsRefused) {
  auto r = parse_multipart(part("Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''%C0%80.pdf", "x") +
                               closing(),
                           kB);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "bad_encoding");
}

TEST(PlatformForms, MultipartEmptyFileInputIsNoFile) {
  std::string body = part("Content-Disposition: form-data; name=\"title\"", "t") +
                     part("Content-Disposition: form-data; name=\"att\"; filename=\"\"\r\n"
                          "Content-Type: application/octet-stream",
                          "") +
                     closing();
  auto r = parse_multipart(body, kB);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->files.empty());
  EXPECT_FALSE(r->fields.has("att"));  // not a text field either
  EXPECT_EQ(r->fields.value("title"), "t");
  // An empty file that has a name is still a file.
  auto e = parse_multipart(part("Content-Disposition: form-data; name=\"att\"; filename=\"empty.txt\"", "") +
                               closing(),
                           kB);
  ASSERT_TRUE(e.ok());
  ASSERT_EQ(e->files.size(), 1u);
  EXPECT_EQ(e->files[0].filename, "empty.txt");
  EXPECT_EQ(e->files[0].data, "");
  EXPECT_EQ(e->files[0].content_type, "");
}

TEST(PlatformForms, MultipartEmptyFieldValue) {
  auto r = parse_multipart(part("Content-Disposition: form-data; name=\"note\"", "") + closing(), kB);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->fields.has("note"));
  EXPECT_EQ(r->fields.value("note", "x"), "");
}

TEST(PlatformForms, MultipartPreambleAndEpilogueAreIgnored) {
  std::string body = "This is the preamble; it is to be ignored.\r\n" +
                     part("Content-Disposition: form-data; name=\"a\"", "1") + closing() + "epilogue, ignored too";
  auto r = parse_multipart(body, kB);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->fields.value("a"), "1");
  ASSERT_EQ(r->fields.items().size(), 1u);
}

TEST(PlatformForms, MultipartHeaderNamesAreCaseInsensitiveAndOtherHeadersIgnored) {
  std::string body = part("content-disposition:   form-data; NAME=\"a\"\r\nX-Other: whatever\r\n"
                          "CONTENT-TYPE: text/plain; charset=utf-8",
                          "v") +
                     closing();
  auto r = parse_multipart(body, kB);
  ASSERT_TRUE(r.ok()) << r.error().code;
  EXPECT_EQ(r->fields.value("a"), "v");
}

TEST(PlatformForms, MultipartMissingClosingDelimiterIsRefused) {
  const std::string one = part("Content-Disposition: form-data; name=\"a\"", "1");
  for (const std::string& body :
       {one, one + "--" + kB, one + "--" + kB + "-", one + "--" + kB + "\r\n",
        // last part not terminated by a delimiter at all
        "--"s + kB + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue without end"}) {
    auto r = parse_multipart(body, kB);
    ASSERT_FALSE(r.ok()) << testing::PrintToString(body);
    EXPECT_EQ(r.error().code, "bad_multipart");
  }
}

TEST(PlatformForms, MultipartStructuralErrors) {
  auto expect_bad = [](const std::string& body, std::string_view boundary, const char* what) {
    auto r = parse_multipart(body, boundary);
    ASSERT_FALSE(r.ok()) << what;
    EXPECT_EQ(r.error().code, "bad_multipart") << what;
    EXPECT_FALSE(r.error().message.empty());
  };
  const std::string good = part("Content-Disposition: form-data; name=\"a\"", "1") + closing();
  expect_bad(good, "", "empty boundary");
  expect_bad(good, "other-boundary", "boundary not in body");
  expect_bad("", kB, "empty body");
  expect_bad(part("Content-Disposition form-data; name=\"a\"", "1") + closing(), kB, "header without colon");
  expect_bad(part("Content-Disposition: form-data; name=\"a\"\r\nbroken header line", "1") + closing(), kB,
             "second header without colon");
  expect_bad(part("Content-Disposition: attachment; name=\"a\"", "1") + closing(), kB, "not form-data");
  expect_bad(part("Content-Type: text/plain", "1") + closing(), kB, "no Content-Disposition");
  expect_bad("--"s + kB + "\r\nContent-Disposition: form-data; name=\"a\"\r\n" + "1\r\n" + closing(), kB,
             "no blank line after headers");
  expect_bad("--"s + kB + "XYZ" + "\r\n", kB, "garbage after delimiter");
}

TEST(PlatformForms, MultipartPartWithoutNameIsAStructuralError) {
  // Every part of a form-data body must have a name (RFC 7578 §4.2): its absence is bad structure, not encoding.
  auto r = parse_multipart(part("Content-Disposition: form-data; filename=\"a.txt\"", "1") + closing(), kB);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "bad_multipart");
  auto unterminated = parse_multipart(part("Content-Disposition: form-data; name=\"a", "1") + closing(), kB);
  ASSERT_FALSE(unterminated.ok());
  EXPECT_EQ(unterminated.error().code, "bad_multipart");
}

TEST(PlatformForms, MultipartRefusesInvalidTextButKeepsBinaryFiles) {
  auto field = parse_multipart(part("Content-Disposition: form-data; name=\"a\"", "\xC0\x80") + closing(), kB);
  ASSERT_FALSE(field.ok());
  EXPECT_EQ(field.error().code, "bad_encoding");
  auto ctl = parse_multipart(part("Content-Disposition: form-data; name=\"a\"", "x\x01y") + closing(), kB);
  ASSERT_FALSE(ctl.ok());
  EXPECT_EQ(ctl.error().code, "bad_encoding");
  auto name = parse_multipart(part("Content-Disposition: form-data; name=\"\xFF\"", "x") + closing(), kB);
  ASSERT_FALSE(name.ok());
  EXPECT_EQ(name.error().code, "bad_encoding");
  auto fname = parse_multipart(
      part("Content-Disposition: form-data; name=\"f\"; filename=\"a\x01.txt\"", "x") + closing(), kB);
  ASSERT_FALSE(fname.ok());
  EXPECT_EQ(fname.error().code, "bad_encoding");
  auto bin = parse_multipart(
      part("Content-Disposition: form-data; name=\"f\"; filename=\"a.bin\"", "\x00\x01\xFF\xC0\x80"s) + closing(), kB);
  ASSERT_TRUE(bin.ok());
  EXPECT_EQ(bin->files.at(0).data, "\x00\x01\xFF\xC0\x80"s);
}

TEST(PlatformForms, MultipartLimitsTheNumberOfParts) {
  std::string body;
  for (int i = 0; i < 4; ++i) body += part("Content-Disposition: form-data; name=\"f\"", std::to_string(i));
  EXPECT_TRUE(parse_multipart(body + closing(), kB, 4).ok());
  body += part("Content-Disposition: form-data; name=\"f\"", "4");
  auto r = parse_multipart(body + closing(), kB, 4);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "too_many_fields");
}

TEST(PlatformForms, MultipartDataThatLooksLikeADelimiterWithoutCrlf) {
  // The boundary text inside data is only a delimiter when it starts a line.
  std::string data = std::string("x--") + kB + "y";
  auto r = parse_multipart(part("Content-Disposition: form-data; name=\"a\"", data) + closing(), kB);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->fields.value("a"), data);
}

}  // namespace
}  // namespace platform::http
