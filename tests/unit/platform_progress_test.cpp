// platform/progress: what the progress display writes on a terminal and elsewhere.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "platform/progress.hpp"

namespace platform {
namespace {

// Captures what a ProgressBar writes.
class Capture {
 public:
  Capture() : f_(open_memstream(&buf_, &len_)) {}
  ~Capture() {
    if (f_) std::fclose(f_);
    std::free(buf_);
  }
  std::FILE* file() { return f_; }
  std::string text() {
    std::fflush(f_);
    return std::string(buf_, len_);
  }

 private:
  char* buf_ = nullptr;
  std::size_t len_ = 0;
  std::FILE* f_;
};

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

TEST(PlatformProgress, PlainOutputPrintsEveryTenthAndAFinalLine) {
  Capture out;
  {
    ProgressBar bar("导入", 1000, out.file(), ProgressBar::Mode::plain);
    for (int i = 0; i < 1000; ++i) bar.advance();
    bar.finish();
    bar.finish();  // idempotent
    EXPECT_EQ(bar.done(), 1000u);
  }
  const auto text = out.text();
  EXPECT_EQ(count(text, "\n"), 10u) << text;  // 10%…90%, then the final line
  EXPECT_EQ(count(text, "\r"), 0u);
  EXPECT_NE(text.find("导入  10% 100/1000"), std::string::npos) << text;
  EXPECT_NE(text.find("导入  90% 900/1000"), std::string::npos) << text;
  EXPECT_NE(text.find("导入 100% 1000/1000"), std::string::npos) << text;
  EXPECT_NE(text.find("完成，用时 0:00"), std::string::npos) << text;
}

TEST(PlatformProgress, PlainOutputWithBigStepsPrintsOncePerStep) {
  Capture out;
  ProgressBar bar("重建索引", 10, out.file(), ProgressBar::Mode::plain);
  bar.advance(5);  // jumps from 0% to 50%: one line, not five
  bar.finish();
  EXPECT_EQ(count(out.text(), "\n"), 2u) << out.text();
}

TEST(PlatformProgress, TerminalRedrawsInPlaceAtMostTenTimesASecond) {
  Capture out;
  ProgressBar bar("导入", 100000, out.file(), ProgressBar::Mode::terminal);
  bar.set_detail("catalogue.xlsx");
  for (int i = 0; i < 100000; ++i) bar.advance();  // takes far less than a second
  const auto during = out.text();
  EXPECT_LE(count(during, "\r"), 3u) << during;
  EXPECT_GE(count(during, "\r"), 1u);
  EXPECT_NE(during.find("[>"), std::string::npos) << during;  // first draw at 0
  EXPECT_NE(during.find("catalogue.xlsx"), std::string::npos);
  EXPECT_NE(during.find("\x1b[K"), std::string::npos);
  bar.finish();
  const auto text = out.text();
  EXPECT_NE(text.find("[==============================] 100% 100000/100000"), std::string::npos) << text;
  EXPECT_TRUE(text.ends_with("\n"));
  EXPECT_NE(text.find("/s"), std::string::npos);
}

TEST(PlatformProgress, UnknownTotalShowsCountsWithoutPercent) {
  Capture out;
  ProgressBar bar("扫描", 0, out.file(), ProgressBar::Mode::terminal);
  bar.advance(42);
  bar.finish();
  const auto text = out.text();
  EXPECT_NE(text.find("扫描 42"), std::string::npos) << text;
  EXPECT_EQ(text.find('%'), std::string::npos) << text;
}

TEST(PlatformProgress, DestructorEndsAnUnfinishedTerminalLine) {
  Capture out;
  {
    ProgressBar bar("导入", 10, out.file(), ProgressBar::Mode::terminal);
    bar.advance(3);
  }
  const auto text = out.text();
  EXPECT_TRUE(text.ends_with("\n"));
  EXPECT_EQ(text.find("完成"), std::string::npos);
}

TEST(PlatformProgress, DetailIsCutAndDurationsFormatted) {
  Capture out;
  ProgressBar bar("x", 10, out.file(), ProgressBar::Mode::terminal);
  bar.set_detail(std::string(60, 'a'));
  bar.advance();
  EXPECT_NE(out.text().find(std::string(40, 'a') + "…"), std::string::npos);
  EXPECT_EQ(out.text().find(std::string(41, 'a')), std::string::npos);
  EXPECT_EQ(format_duration(0), "0:00");
  EXPECT_EQ(format_duration(65), "1:05");
  EXPECT_EQ(format_duration(3723), "1:02:03");
}

}  // namespace
}  // namespace platform
