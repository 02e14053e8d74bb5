// platform/files/xlsx_reader: cell values and their places.
#include <gtest/gtest.h>

#include <string>

#include "platform/files/xlsx_reader.hpp"
#include "platform_files_fixtures.hpp"

namespace platform::files {
namespace {

using namespace gongkai_test;
using R = std::vector<std::string>;

TEST(PlatformFilesXlsx, ReadsSharedInlineNumbersBooleansAndFormulas) {
  const std::string xlsx = make_xlsx(
      {{"标准目录",
        R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>)"
        R"(<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><r><t>行政</t></r><r><t>许可</t></r></is></c>)"
        R"(<c r="C2"><v>3.1400000000000001</v></c></row>)"
        R"(<row r="3"><c r="A3" t="b"><v>1</v></c><c r="B3" t="e"><v>#N/A</v></c>)"
        R"(<c r="C3" t="str"><f>A1&amp;"x"</f><v>序号x</v></c><c r="D3" s="4"/></row>)"}},
      {"序号", "事项名称", "公开时限 &amp; 方式"});
  auto rows = read_xlsx_rows(xlsx);
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0], (R{"序号", "事项名称", "公开时限 & 方式"}));
  EXPECT_EQ((*rows)[1], (R{"1", "行政许可", "3.1400000000000001"}));
  EXPECT_EQ((*rows)[2], (R{"TRUE", "#N/A", "序号x"}));  // the empty styled D3 adds nothing
}

TEST(PlatformFilesXlsx, GapsStayInPlace) {
  const std::string xlsx = make_xlsx(
      {{"S", R"(<row r="2"><c r="B2" t="inlineStr"><is><t>b2</t></is></c><c r="E2"><v>5</v></c></row>)"
             R"(<row r="5"><c r="AA5"><v>27</v></c></row>)"
             R"(<row><c><v>x</v></c><c><v>y</v></c></row>)"}});  // no references: next row, next column
  auto rows = read_xlsx_rows(xlsx);
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 6u);
  EXPECT_EQ((*rows)[0], R{});
  EXPECT_EQ((*rows)[1], (R{"", "b2", "", "", "5"}));
  EXPECT_EQ((*rows)[2], R{});
  EXPECT_EQ((*rows)[3], R{});
  ASSERT_EQ((*rows)[4].size(), 27u);
  EXPECT_EQ((*rows)[4][26], "27");
  EXPECT_EQ((*rows)[5], (R{"x", "y"}));
}

TEST(PlatformFilesXlsx, SheetIndexFollowsWorkbookOrder) {
  const std::string xlsx = make_xlsx({{"一", R"(<row r="1"><c r="A1"><v>1</v></c></row>)"},
                                      {"二", R"(<row r="1"><c r="A1"><v>2</v></c></row>)"}});
  EXPECT_EQ((*read_xlsx_rows(xlsx, 0))[0][0], "1");
  EXPECT_EQ((*read_xlsx_rows(xlsx, 1))[0][0], "2");
  auto bad = read_xlsx_rows(xlsx, 2);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "xlsx_invalid");
  EXPECT_FALSE(read_xlsx_rows(xlsx, -1).ok());
  auto book = read_xlsx_workbook(xlsx);
  ASSERT_TRUE(book.ok());
  ASSERT_EQ(book->size(), 2u);
  EXPECT_EQ((*book)[1].name, "二");
}

TEST(PlatformFilesXlsx, RefusesBrokenWorkbooks) {
  auto code = [](const std::string& bytes) {
    auto r = read_xlsx_rows(bytes);
    return r.ok() ? std::string("ok") : r.error().code;
  };
  EXPECT_EQ(code("not a zip at all, not even close"), "xlsx_invalid");
  EXPECT_EQ(code(make_docx(para("x"))), "xlsx_invalid");  // a zip, but not a workbook
  EXPECT_EQ(code(make_xlsx({{"S", R"(<row r="1"><c r="A1" t="s"><v>7</v></c></row>)"}}, {"only one"})),
            "xlsx_invalid");  // shared string index out of range
  EXPECT_EQ(code(make_xlsx({{"S", R"(<row r="1"><c r="1A"><v>1</v></c></row>)"}})), "xlsx_invalid");
  EXPECT_EQ(code(make_xlsx({{"S", R"(<row r="0"><c r="A1"><v>1</v></c></row>)"}})), "xlsx_invalid");
  EXPECT_EQ(code(make_xlsx({{"S", R"(<row r="1"><c r="XFE1"><v>1</v></c></row>)"}})), "xlsx_invalid");
  EXPECT_EQ(code(make_xlsx({{"S", R"(<row r="1"><c r="A1"><v>1</v></row>)"}})), "xlsx_invalid");
  const std::string ok = make_xlsx({{"S", R"(<row r="1"><c r="A1"><v>1</v></c></row>)"}});
  EXPECT_EQ(code(ok.substr(0, ok.size() - 30)), "xlsx_invalid");
}

TEST(PlatformFilesXlsx, RefusesHugeGaps) {
  // Two cells far apart would need 16,384 × 200 empty slots: refused instead of allocating.
  std::string rows;
  for (int r = 1; r <= 200; ++r) rows += "<row r=\"" + std::to_string(r) + "\"><c r=\"XFD" + std::to_string(r) + "\"><v>1</v></c></row>";
  auto res = read_xlsx_rows(make_xlsx({{"S", rows}}));
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.error().code, "xlsx_too_large");
  // The last row Excel allows is fine on its own.
  auto last = read_xlsx_rows(make_xlsx({{"S", R"(<row r="1048576"><c r="A1048576"><v>1</v></c></row>)"}}));
  ASSERT_TRUE(last.ok()) << last.error().message;
  EXPECT_EQ(last->size(), 1048576u);
}

}  // namespace
}  // namespace platform::files
