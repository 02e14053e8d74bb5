// platform/text/csv: RFC 4180 reading with line numbers, and writing for exports.
#include <gtest/gtest.h>

#include <string>

#include "platform/text/csv.hpp"

namespace platform::text {
namespace {

using Rows = std::vector<std::vector<std::string>>;
using namespace std::string_literals;

Rows parse_ok(std::string_view text) {
  auto r = parse_csv(text);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? *r : Rows{};
}

std::string parse_error(std::string_view text) {
  auto r = parse_csv(text);
  EXPECT_FALSE(r.ok());
  if (r.ok()) return "";
  EXPECT_EQ(r.error().code, "csv_invalid");
  return r.error().message;
}

TEST(PlatformCsv, PlainFieldsLfCrlfAndLastLineWithoutNewline) {
  EXPECT_EQ(parse_ok("a,b,c\n1,2,3\n"), (Rows{{"a", "b", "c"}, {"1", "2", "3"}}));
  EXPECT_EQ(parse_ok("a,b\r\n1,2\r\n"), (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(parse_ok("a,b\r\n1,2"), (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(parse_ok(""), Rows{});
  EXPECT_EQ(parse_ok("\n\r\n\n"), Rows{});
  EXPECT_EQ(parse_ok(",,\n"), (Rows{{"", "", ""}}));
  EXPECT_EQ(parse_ok("a,\n"), (Rows{{"a", ""}}));
  EXPECT_EQ(parse_ok(" 前后空格 , x "), (Rows{{" 前后空格 ", " x "}}));  // spaces are data
}

TEST(PlatformCsv, QuotedFieldsWithCommasNewlinesAndDoubledQuotes) {
  EXPECT_EQ(parse_ok("\"a,b\",\"say \"\"hi\"\"\",\"\"\n"), (Rows{{"a,b", "say \"hi\"", ""}}));
  EXPECT_EQ(parse_ok("\"第一行\n第二行\r\n第三行\",x\ny,z"), (Rows{{"第一行\n第二行\r\n第三行", "x"}, {"y", "z"}}));
  EXPECT_EQ(parse_ok("5\" screen,x"), (Rows{{"5\" screen", "x"}}));  // a quote inside an unquoted field
  EXPECT_EQ(parse_ok("\"\"\"\""), (Rows{{"\""}}));
}

TEST(PlatformCsv, BomIsSkippedOnlyAtTheStart) {
  EXPECT_EQ(parse_ok("\xEF\xBB\xBF序号,名称\n1,政务公开\n"), (Rows{{"序号", "名称"}, {"1", "政务公开"}}));
  EXPECT_EQ(parse_ok("a\n\xEF\xBB\xBF" "b\n"), (Rows{{"a"}, {"\xEF\xBB\xBF" "b"}}));
}

TEST(PlatformCsv, BlankLinesAreSkipped) {
  EXPECT_EQ(parse_ok("a\n\n\nb\r\n\r\nc"), (Rows{{"a"}, {"b"}, {"c"}}));
}

TEST(PlatformCsv, ReaderReportsTheLineOfEachRecord) {
  CsvReader reader("h1,h2\n\n\"multi\nline\",x\nlast,y\n");
  std::vector<std::string> row;
  platform::Error err;
  EXPECT_EQ(reader.line(), 0);
  ASSERT_TRUE(reader.next(row, &err));
  EXPECT_EQ(reader.line(), 1);
  ASSERT_TRUE(reader.next(row, &err));
  EXPECT_EQ(reader.line(), 3);
  EXPECT_EQ(row, (std::vector<std::string>{"multi\nline", "x"}));
  ASSERT_TRUE(reader.next(row, &err));
  EXPECT_EQ(reader.line(), 5);
  EXPECT_FALSE(reader.next(row, &err));
  EXPECT_FALSE(reader.failed());
  EXPECT_TRUE(row.empty());
}

TEST(PlatformCsv, InvalidUtf8IsRefusedWithItsLine) {
  // "政务" in GBK is D5 FE CE F1: not UTF-8.
  EXPECT_EQ(parse_error("a,b\nc,d\n\xD5\xFE\xCE\xF1,e\n"), "第 3 行：不是有效的 UTF-8 文本（如果是用 Excel 保存的，请另存为“CSV UTF-8”格式）");
  // Inside a quoted field that spans lines: the bad physical line is named.
  auto msg = parse_error("a\n\"ok\nok\n\xFF bad\",x\n");
  EXPECT_TRUE(msg.starts_with("第 4 行：")) << msg;
  msg = parse_error("\xC0\x80");  // overlong
  EXPECT_TRUE(msg.starts_with("第 1 行：")) << msg;
  // The reader stops there: rows before the bad one were delivered.
  CsvReader reader("ok\n\xFF\nafter\n");
  std::vector<std::string> row;
  platform::Error err;
  EXPECT_TRUE(reader.next(row, &err));
  EXPECT_FALSE(reader.next(row, &err));
  EXPECT_TRUE(reader.failed());
  EXPECT_EQ(reader.line(), 2);
  EXPECT_FALSE(reader.next(row, &err));
}

TEST(PlatformCsv, UnterminatedQuoteAndTextAfterClosingQuote) {
  auto msg = parse_error("a,b\nc,\"never closed\nmore\n");
  EXPECT_TRUE(msg.starts_with("第 2 行：引号没有闭合")) << msg;
  msg = parse_error("a\n\"x\"y,z\n");
  EXPECT_TRUE(msg.starts_with("第 2 行：引号后面有多余的字符")) << msg;
  msg = parse_error("\"a\nb\" c\n");
  EXPECT_TRUE(msg.starts_with("第 2 行：")) << msg;
  // A null error pointer is allowed.
  CsvReader reader("\"open");
  std::vector<std::string> row;
  EXPECT_FALSE(reader.next(row, nullptr));
  EXPECT_TRUE(reader.failed());
}

TEST(PlatformCsv, EscapeQuotesOnlyWhenNeeded) {
  EXPECT_EQ(csv_escape("plain"), "plain");
  EXPECT_EQ(csv_escape("政务公开"), "政务公开");
  EXPECT_EQ(csv_escape(""), "");
  EXPECT_EQ(csv_escape("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_escape("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_escape("line\nbreak"), "\"line\nbreak\"");
  EXPECT_EQ(csv_escape("cr\r"), "\"cr\r\"");
  EXPECT_EQ(csv_escape(" padded"), "\" padded\"");
}

TEST(PlatformCsv, WriterRoundTripsThroughTheReader) {
  CsvWriter w(CsvWriter::Options{.bom = true, .guard_formulas = false});
  const Rows rows{{"序号", "名称,备注", "引号\"", "多\n行", ""}, {"1", " x ", "", "=SUM(A1)", "-5"}};
  for (const auto& r : rows) w.row(r);
  EXPECT_TRUE(w.str().starts_with("\xEF\xBB\xBF序号,"));
  EXPECT_NE(w.str().find("\r\n1,"), std::string::npos);
  EXPECT_EQ(parse_ok(w.str()), rows);
}

TEST(PlatformCsv, WriterGuardsAgainstFormulaInjection) {
  CsvWriter w(CsvWriter::Options{.bom = false});
  w.row({"=HYPERLINK(\"http://evil\")", "+cmd|' /C calc'!A0", "@SUM(1)", "-2+3", "-12.5", "+86 138", "普通"});
  EXPECT_EQ(w.str(), "\"'=HYPERLINK(\"\"http://evil\"\")\",'+cmd|' /C calc'!A0,'@SUM(1),'-2+3,-12.5,+86 138,普通\r\n");
}

}  // namespace
}  // namespace platform::text
