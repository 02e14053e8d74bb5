// The statutory clock of 依申请公开 (条例 Art. 30–35; DOMAIN §3–§4), against the real calendars of 2020–2027.
//
// Every golden below was worked out by hand from the State Council notices before the code ran; the working is in
// the comment above each test. Notation: "d(k)" = the k-th counted working day; "off" = not a working day;
// "补班" = 调休上班 make-up day. The day of receipt is not counted unless a test says otherwise.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "calendar_test_support.hpp"
#include "gongkai/calendar/model.hpp"

namespace gongkai::calendar {
namespace {

using testing::D;
using testing::product_calendar;
using Lines = std::vector<std::string>;

ReplyClock clock_of(const ReplyInput& in, const ClockOptions& opt = {}) {
  auto r = compute_reply_clock(product_calendar(), in, opt);
  EXPECT_TRUE(r.ok()) << r.error().code << " " << r.error().message;
  if (!r.ok()) return {};
  return std::move(*r);
}

ReplyInput received(const char* iso, Channel c = Channel::kInPerson) {
  ReplyInput in;
  in.received = D(iso);
  in.channel = c;
  return in;
}

Lines lines(const Deadline& d) { return render_lines(d.explanation); }

// ---------------------------------------------------------------------------------------------------------------
// Receipt (Art. 31)
// ---------------------------------------------------------------------------------------------------------------

TEST(ClockReceipt, ChannelCodesRoundTrip) {
  for (Channel c : {Channel::kInPerson, Channel::kPost, Channel::kOrdinaryLetter, Channel::kOnline, Channel::kFax}) {
    auto back = parse_channel(channel_code(c));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, c);
    EXPECT_FALSE(channel_name(c).empty());
    EXPECT_NE(receipt_rule(c).find("条例第三十一条"), std::string_view::npos);
  }
  auto bad = parse_channel("email");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "invalid_channel");
  EXPECT_EQ(bad.error().field, "channel");
}

TEST(ClockReceipt, RuleSaysWhichDateCounts) {
  EXPECT_NE(receipt_rule(Channel::kInPerson).find("以提交之日为收到申请之日"), std::string_view::npos);
  EXPECT_NE(receipt_rule(Channel::kPost).find("以行政机关签收之日为收到申请之日"), std::string_view::npos);
  EXPECT_NE(receipt_rule(Channel::kOrdinaryLetter).find("确认之日为收到申请之日"), std::string_view::npos);
  EXPECT_NE(receipt_rule(Channel::kOnline).find("以双方确认之日为收到申请之日"), std::string_view::npos);
  EXPECT_NE(receipt_rule(Channel::kFax).find("传真"), std::string_view::npos);
  EXPECT_EQ(receipt_line(D("2026-09-28"), Channel::kOnline), "收到申请：2026-09-28（网上提交，以双方确认之日为准）");
  EXPECT_EQ(receipt_line(D("2026-09-28"), Channel::kPost), "收到申请：2026-09-28（邮寄，以本机关签收之日为准）");
  EXPECT_EQ(receipt_line(D("2026-09-28"), Channel::kInPerson), "收到申请：2026-09-28（当面提交，以提交之日为准）");
  EXPECT_EQ(receipt_line(D("2026-09-28"), Channel::kOrdinaryLetter),
            "收到申请：2026-09-28（平常信函，以与申请人确认之日为准）");
  EXPECT_EQ(receipt_line(D("2026-09-28"), Channel::kFax), "收到申请：2026-09-28（传真提交，以双方确认之日为准）");
}

// ---------------------------------------------------------------------------------------------------------------
// Reply limit (Art. 33) and supplement notice limit (Art. 30): plain and holiday cases
// ---------------------------------------------------------------------------------------------------------------

// Received Mon 2026-03-02; March 2026 has no holidays.
//   d(1) 03-03 … d(4) 03-06, d(5)–d(9) 03-09…13, d(10)–d(14) 03-16…20, d(15)–d(19) 03-23…27, d(20) 03-30 (Mon).
//   Supplement notice: d(7) = 03-11 (Wed).
TEST(ClockReply, PlainMonth) {
  auto c = clock_of(received("2026-03-02"));
  EXPECT_EQ(c.status, ReplyStatus::kRunning);
  ASSERT_TRUE(c.reply_due);
  EXPECT_EQ(c.reply_due->date, D("2026-03-30"));
  EXPECT_EQ(c.reply_due->working_days, 20);
  EXPECT_EQ(c.reply_due->start, D("2026-03-02"));
  EXPECT_FALSE(c.reply_due->provisional);
  EXPECT_EQ(lines(*c.reply_due), (Lines{
                                     "收到申请：2026-03-02（当面提交，以提交之日为准）",
                                     "第1个工作日：2026-03-03（星期二）",
                                     "答复期限：2026-03-30（星期一，第20个工作日）",
                                 }));
  EXPECT_EQ(c.supplement_notice_due.date, D("2026-03-11"));
  EXPECT_EQ(lines(c.supplement_notice_due), (Lines{
                                                "收到申请：2026-03-02（当面提交，以提交之日为准）",
                                                "第1个工作日：2026-03-03（星期二）",
                                                "补正通知期限：2026-03-11（星期三，第7个工作日，条例第三十条）",
                                            }));
  EXPECT_FALSE(c.extended_due);
  EXPECT_EQ(c.effective_due(), &*c.reply_due);
  EXPECT_TRUE(c.warnings.empty());
  // Structured fields behind the text.
  const auto& steps = c.reply_due->explanation.steps;
  EXPECT_EQ(steps[0].kind, StepKind::kStart);
  EXPECT_EQ(steps[1].kind, StepKind::kDay);
  EXPECT_EQ(steps[1].day_number, 1);
  EXPECT_EQ(steps[2].kind, StepKind::kDeadline);
  EXPECT_EQ(steps[2].day_number, 20);
  EXPECT_EQ(render_text(c.reply_due->explanation),
            "收到申请：2026-03-02（当面提交，以提交之日为准）\n第1个工作日：2026-03-03（星期二）\n"
            "答复期限：2026-03-30（星期一，第20个工作日）");
}

// National Day + Mid-Autumn 2025 (10-01…10-08 off, 补班 Sun 09-28 and Sat 10-11). Received Tue 2025-09-30 online.
//   10-01…10-08 off → d(1) 10-09 (Thu), d(2) 10-10, d(3) 10-11 (Sat, 补班), 10-12 Sun off,
//   d(4)–d(8) 10-13…17, d(9)–d(13) 10-20…24, d(14)–d(18) 10-27…31, d(19) 11-03, d(20) 11-04 (Tue).
//   Supplement notice: d(7) = 10-16 (Thu).
TEST(ClockReply, NationalDayAndMidAutumn2025) {
  auto c = clock_of(received("2025-09-30", Channel::kOnline));
  ASSERT_TRUE(c.reply_due);
  EXPECT_EQ(lines(*c.reply_due), (Lines{
                                     "收到申请：2025-09-30（网上提交，以双方确认之日为准）",
                                     "第1个工作日：2025-10-09（跳过 2025-10-01 至 2025-10-08 国庆节、中秋节假期）",
                                     "调休上班：2025-10-11（星期六，国庆节、中秋节调休）计入，为第3个工作日",
                                     "答复期限：2025-11-04（星期二，第20个工作日）",
                                 }));
  EXPECT_EQ(c.supplement_notice_due.date, D("2025-10-16"));
  // The skip step names both holidays separately for a page to show.
  const Step& skip = c.reply_due->explanation.steps[1];
  EXPECT_EQ(skip.holidays, (std::vector<std::string>{"国庆节", "中秋节"}));
  EXPECT_EQ(skip.until, D("2025-10-08"));
}

// Received on a make-up Sunday, 2025-09-28 (补班 for 国庆节、中秋节): a working day, but the day of receipt is not
// counted anyway. d(1) 09-29, d(2) 09-30, 10-01…10-08 off, d(3) 10-09, d(4) 10-10, d(5) 10-11 (Sat, 补班),
// d(6)–d(10) 10-13…17, d(11)–d(15) 10-20…24, d(16)–d(20) 10-27…31 → 2025-10-31 (Fri).
TEST(ClockReply, ReceivedOnAMakeUpSunday) {
  auto c = clock_of(received("2025-09-28"));
  ASSERT_TRUE(c.reply_due);
  EXPECT_EQ(lines(*c.reply_due), (Lines{
                                     "收到申请：2025-09-28（当面提交，以提交之日为准）",
                                     "第1个工作日：2025-09-29（星期一）",
                                     "第3个工作日：2025-10-09（跳过 2025-10-01 至 2025-10-08 国庆节、中秋节假期）",
                                     "调休上班：2025-10-11（星期六，国庆节、中秋节调休）计入，为第5个工作日",
                                     "答复期限：2025-10-31（星期五，第20个工作日）",
                                 }));
}

// Spring Festival 2026 (02-15…02-23 off, 补班 Sat 02-14 and Sat 02-28). Received Fri 2026-02-13 by registered post.
//   d(1) 02-14 (Sat, 补班), 02-15…23 off, d(2)–d(5) 02-24…27, d(6) 02-28 (Sat, 补班), 03-01 Sun off,
//   d(7)–d(11) 03-02…06, d(12)–d(16) 03-09…13, d(17)–d(20) 03-16…19 → 2026-03-19 (Thu).
//   Supplement notice: d(7) = 03-02 (Mon).
TEST(ClockReply, SpringFestival2026) {
  auto c = clock_of(received("2026-02-13", Channel::kPost));
  ASSERT_TRUE(c.reply_due);
  EXPECT_EQ(lines(*c.reply_due), (Lines{
                                     "收到申请：2026-02-13（邮寄，以本机关签收之日为准）",
                                     "调休上班：2026-02-14（星期六，春节调休）计入，为第1个工作日",
                                     "第2个工作日：2026-02-24（跳过 2026-02-15 至 2026-02-23 春节假期）",
                                     "调休上班：2026-02-28（星期六，春节调休）计入，为第6个工作日",
                                     "答复期限：2026-03-19（星期四，第20个工作日）",
                                 }));
  EXPECT_EQ(c.supplement_notice_due.date, D("2026-03-02"));
}

// Spring Festival 2024 (02-10…02-17 off, 补班 Sun 02-04 and Sun 02-18; 除夕 02-09 a working day).
// Received Fri 2024-02-02. 02-03 Sat off, d(1) 02-04 (Sun, 补班), d(2)–d(6) 02-05…09, 02-10…17 off,
// d(7) 02-18 (Sun, 补班), d(8)–d(12) 02-19…23, d(13)–d(17) 02-26…03-01, d(18)–d(20) 03-04…06 → 2024-03-06 (Wed).
TEST(ClockReply, SpringFestival2024) {
  auto c = clock_of(received("2024-02-02"));
  ASSERT_TRUE(c.reply_due);
  EXPECT_EQ(lines(*c.reply_due), (Lines{
                                     "收到申请：2024-02-02（当面提交，以提交之日为准）",
                                     "调休上班：2024-02-04（星期日，春节调休）计入，为第1个工作日",
                                     "调休上班：2024-02-18（星期日，春节调休）计入，为第7个工作日（跳过 2024-02-10 至 "
                                     "2024-02-17 春节假期）",
                                     "答复期限：2024-03-06（星期三，第20个工作日）",
                                 }));
}

// Spring Festival 2025 (01-28…02-04 off, 补班 Sun 01-26 and Sat 02-08). Received Fri 2025-01-24.
//   01-25 Sat off, d(1) 01-26 (Sun, 补班), d(2) 01-27 (Mon), 01-28…02-04 off, d(3)–d(5) 02-05…07,
//   d(6) 02-08 (Sat, 补班), d(7)–d(11) 02-10…14, d(12)–d(16) 02-17…21, d(17)–d(20) 02-24…27 → 2025-02-27 (Thu).
TEST(ClockReply, SpringFestival2025) {
  auto c = clock_of(received("2025-01-24"));
  ASSERT_TRUE(c.reply_due);
  EXPECT_EQ(lines(*c.reply_due), (Lines{
                                     "收到申请：2025-01-24（当面提交，以提交之日为准）",
                                     "调休上班：2025-01-26（星期日，春节调休）计入，为第1个工作日",
                                     "第3个工作日：2025-02-05（跳过 2025-01-28 至 2025-02-04 春节假期）",
                                     "调休上班：2025-02-08（星期六，春节调休）计入，为第6个工作日",
                                     "答复期限：2025-02-27（星期四，第20个工作日）",
                                 }));
}

// National Day 2024 (10-01…10-07 off, 补班 Sun 09-29 and Sat 10-12). Received Fri 2024-09-27 by ordinary letter.
//   09-28 Sat off, d(1) 09-29 (Sun, 补班), d(2) 09-30, 10-01…07 off, d(3)–d(6) 10-08…11, d(7) 10-12 (Sat, 补班),
//   d(8)–d(12) 10-14…18, d(13)–d(17) 10-21…25, d(18)–d(20) 10-28…30 → 2024-10-30 (Wed).
//   Supplement notice: d(7) = 2024-10-12 — the limit itself falls on a make-up Saturday.
TEST(ClockReply, NationalDay2024AndALimitOnAMakeUpSaturday) {
  auto c = clock_of(received("2024-09-27", Channel::kOrdinaryLetter));
  ASSERT_TRUE(c.reply_due);
  EXPECT_EQ(lines(*c.reply_due), (Lines{
                                     "收到申请：2024-09-27（平常信函，以与申请人确认之日为准）",
                                     "调休上班：2024-09-29（星期日，国庆节调休）计入，为第1个工作日",
                                     "第3个工作日：2024-10-08（跳过 2024-10-01 至 2024-10-07 国庆节假期）",
                                     "调休上班：2024-10-12（星期六，国庆节调休）计入，为第7个工作日",
                                     "答复期限：2024-10-30（星期三，第20个工作日）",
                                 }));
  EXPECT_EQ(c.supplement_notice_due.date, D("2024-10-12"));
  EXPECT_EQ(lines(c.supplement_notice_due).back(), "补正通知期限：2024-10-12（星期六，第7个工作日，条例第三十条）");
}

// National Day and Mid-Autumn 2026 are separate (中秋 09-25…27, 国庆 10-01…07, 补班 Sun 09-20, Sat 10-10).
// Received Mon 2026-09-21. d(1)–d(3) 09-22…24, 09-25…27 off, d(4)–d(6) 09-28…30, 10-01…07 off, d(7) 10-08,
// d(8) 10-09, d(9) 10-10 (Sat, 补班), d(10)–d(14) 10-12…16, d(15)–d(19) 10-19…23, d(20) 10-26 (Mon).
TEST(ClockReply, MidAutumnAndNationalDay2026) {
  auto c = clock_of(received("2026-09-21"));
  ASSERT_TRUE(c.reply_due);
  EXPECT_EQ(lines(*c.reply_due), (Lines{
                                     "收到申请：2026-09-21（当面提交，以提交之日为准）",
                                     "第1个工作日：2026-09-22（星期二）",
                                     "第4个工作日：2026-09-28（跳过 2026-09-25 至 2026-09-27 中秋节假期）",
                                     "第7个工作日：2026-10-08（跳过 2026-10-01 至 2026-10-07 国庆节假期）",
                                     "调休上班：2026-10-10（星期六，国庆节调休）计入，为第9个工作日",
                                     "答复期限：2026-10-26（星期一，第20个工作日）",
                                 }));
  // Supplement notice: d(7) = 10-08, straight after the holiday.
  EXPECT_EQ(c.supplement_notice_due.date, D("2026-10-08"));
}

// ---------------------------------------------------------------------------------------------------------------
// Receipt on a holiday or a weekend
// ---------------------------------------------------------------------------------------------------------------

// Received online on Mon 2026-02-16, inside 春节. The day is not counted; 02-17…23 off, d(1) 02-24,
// d(2)–d(4) 02-25…27, d(5) 02-28 (Sat, 补班), d(6)–d(10) 03-02…06, d(11)–d(15) 03-09…13, d(16)–d(20) 03-16…20
// → 2026-03-20 (Fri). Supplement notice: d(7) = 03-03.
TEST(ClockReply, ReceivedOnAHoliday) {
  auto c = clock_of(received("2026-02-16", Channel::kOnline));
  ASSERT_TRUE(c.reply_due);
  EXPECT_EQ(lines(*c.reply_due), (Lines{
                                     "收到申请：2026-02-16（网上提交，以双方确认之日为准）",
                                     "2026-02-16 为春节假期，非工作日，当日不计算",
                                     "第1个工作日：2026-02-24（跳过 2026-02-17 至 2026-02-23 春节假期）",
                                     "调休上班：2026-02-28（星期六，春节调休）计入，为第5个工作日",
                                     "答复期限：2026-03-20（星期五，第20个工作日）",
                                 }));
  EXPECT_EQ(c.supplement_notice_due.date, D("2026-03-03"));
}

// Received Sat 2026-03-07. d(1) 03-09 … d(20): 03-09…13 (5), 16…20 (10), 23…27 (15), 30, 31, 04-01, 02, 03 (20)
// → 2026-04-03 (Fri), the eve of 清明节 04-04…06.
TEST(ClockReply, ReceivedOnAWeekend) {
  auto c = clock_of(received("2026-03-07"));
  ASSERT_TRUE(c.reply_due);
  EXPECT_EQ(lines(*c.reply_due), (Lines{
                                     "收到申请：2026-03-07（当面提交，以提交之日为准）",
                                     "2026-03-07 为星期六，非工作日，当日不计算",
                                     "第1个工作日：2026-03-09（星期一）",
                                     "答复期限：2026-04-03（星期五，第20个工作日）",
                                 }));
}

// Received Fri 2026-04-03: 04-04…06 清明节 (Sat–Mon), so day 1 is Tue 04-07 and the skip names the holiday only
// (the whole weekend is inside it). Then a weekday-only run: 04-07…10 (4), 13…17 (9), 20…24 (14), 27…30 (18),
// 05-01…05 劳动节 off, d(19) 05-06, d(20) 05-07 (Thu).
TEST(ClockReply, HolidayCoveringTheWeekend) {
  auto c = clock_of(received("2026-04-03"));
  ASSERT_TRUE(c.reply_due);
  EXPECT_EQ(lines(*c.reply_due), (Lines{
                                     "收到申请：2026-04-03（当面提交，以提交之日为准）",
                                     "第1个工作日：2026-04-07（跳过 2026-04-04 至 2026-04-06 清明节假期）",
                                     "第19个工作日：2026-05-06（跳过 2026-05-01 至 2026-05-05 劳动节假期）",
                                     "答复期限：2026-05-07（星期四，第20个工作日）",
                                 }));
}

// A weekend next to a one-day holiday: 端午节 2024 is Mon 06-10 only. Received Fri 2024-06-07:
// 06-08 Sat, 06-09 Sun, 06-10 holiday → d(1) 06-11 with "周末及端午节假期".
// d(1)–d(4) 06-11…14, d(5)–d(9) 06-17…21, d(10)–d(14) 06-24…28, d(15)–d(19) 07-01…05, d(20) 07-08 (Mon).
TEST(ClockReply, WeekendBeforeAOneDayHoliday) {
  auto c = clock_of(received("2024-06-07"));
  ASSERT_TRUE(c.reply_due);
  EXPECT_EQ(lines(*c.reply_due), (Lines{
                                     "收到申请：2024-06-07（当面提交，以提交之日为准）",
                                     "第1个工作日：2024-06-11（跳过 2024-06-08 至 2024-06-10 周末及端午节假期）",
                                     "答复期限：2024-07-08（星期一，第20个工作日）",
                                 }));
}

// ---------------------------------------------------------------------------------------------------------------
// Year boundaries
// ---------------------------------------------------------------------------------------------------------------

// Received Tue 2025-12-30 by post. d(1) 12-31, 2026-01-01…03 元旦 off, d(2) 01-04 (Sun, 补班), d(3)–d(7) 01-05…09,
// d(8)–d(12) 01-12…16, d(13)–d(17) 01-19…23, d(18)–d(20) 01-26…28 → 2026-01-28 (Wed).
// Supplement notice: d(7) = 2026-01-09.
TEST(ClockReply, Dec30CountingIntoJanuary2026) {
  auto c = clock_of(received("2025-12-30", Channel::kPost));
  ASSERT_TRUE(c.reply_due);
  EXPECT_EQ(lines(*c.reply_due),
            (Lines{
                "收到申请：2025-12-30（邮寄，以本机关签收之日为准）",
                "第1个工作日：2025-12-31（星期三）",
                "调休上班：2026-01-04（星期日，元旦调休）计入，为第2个工作日（跳过 2026-01-01 至 2026-01-03 元旦假期）",
                "答复期限：2026-01-28（星期三，第20个工作日）",
            }));
  EXPECT_EQ(c.supplement_notice_due.date, D("2026-01-09"));
}

// Received Fri 2022-12-30 by fax. 2022-12-31 (Sat) is 元旦 under the 2023 notice, then 01-01, 01-02 off:
// d(1) 2023-01-03, d(1)–d(4) 01-03…06, d(5)–d(9) 01-09…13, d(10)–d(14) 01-16…20, 01-21…27 春节 off,
// d(15) 01-28 (Sat, 补班), d(16) 01-29 (Sun, 补班), d(17)–d(20) 01-30…02-02 → 2023-02-02 (Thu).
TEST(ClockReply, Dec30CountingIntoJanuary2023ThroughTwoHolidays) {
  auto c = clock_of(received("2022-12-30", Channel::kFax));
  ASSERT_TRUE(c.reply_due);
  EXPECT_EQ(lines(*c.reply_due), (Lines{
                                     "收到申请：2022-12-30（传真提交，以双方确认之日为准）",
                                     "第1个工作日：2023-01-03（跳过 2022-12-31 至 2023-01-02 元旦假期）",
                                     "调休上班：2023-01-28（星期六，春节调休）计入，为第15个工作日（跳过 2023-01-21 至 "
                                     "2023-01-27 春节假期）",
                                     "调休上班：2023-01-29（星期日，春节调休）计入，为第16个工作日",
                                     "答复期限：2023-02-02（星期四，第20个工作日）",
                                 }));
}

// ---------------------------------------------------------------------------------------------------------------
// Supplement (Art. 30): notice limit, restart, waiting
// ---------------------------------------------------------------------------------------------------------------

// Received Mon 2026-03-02; notice sent Fri 03-06 (limit 03-11: in time); supplement received Fri 03-20.
// The 20 days count again from 03-20: d(1)–d(5) 03-23…27, d(6)–d(10) 03-30…04-03, 04-04…06 清明 off,
// d(11)–d(14) 04-07…10, d(15)–d(19) 04-13…17, d(20) 04-20 (Mon).
TEST(ClockSupplement, RestartsTheReplyLimitFromTheDayTheSupplementArrives) {
  ReplyInput in = received("2026-03-02");
  in.supplement_notice_sent = D("2026-03-06");
  in.supplement_received = D("2026-03-20");
  auto c = clock_of(in);
  ASSERT_TRUE(c.reply_due);
  EXPECT_EQ(c.reply_due->start, D("2026-03-20"));
  EXPECT_EQ(lines(*c.reply_due), (Lines{
                                     "收到申请：2026-03-02（当面提交，以提交之日为准）",
                                     "补正通知：2026-03-06 发出",
                                     "补正材料于 2026-03-20 收到，答复期限自该日重新起算（条例第三十条）",
                                     "第1个工作日：2026-03-23（星期一）",
                                     "第11个工作日：2026-04-07（跳过 2026-04-04 至 2026-04-06 清明节假期）",
                                     "答复期限：2026-04-20（星期一，第20个工作日）",
                                 }));
  EXPECT_EQ(c.reply_due->explanation.steps[2].kind, StepKind::kRestart);
  // The notice limit still runs from the original receipt.
  EXPECT_EQ(c.supplement_notice_due.date, D("2026-03-11"));
  EXPECT_EQ(lines(c.supplement_notice_due).back(), "补正通知已于 2026-03-06 发出，在期限之内");
  EXPECT_TRUE(c.warnings.empty());
}

TEST(ClockSupplement, LateNoticeIsAWarning) {
  ReplyInput in = received("2026-03-02");
  in.supplement_notice_sent = D("2026-03-12");  // limit 03-11
  in.supplement_received = D("2026-03-13");
  auto c = clock_of(in);
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_EQ(c.warnings[0], "补正通知于 2026-03-12 发出，晚于法定期限 2026-03-11（条例第三十条）");
  EXPECT_EQ(c.supplement_notice_due.explanation.steps.back().kind, StepKind::kWarning);
}

TEST(ClockSupplement, WhileWaitingThereIsNoReplyDateYet) {
  ReplyInput in = received("2026-03-02");
  in.supplement_notice_sent = D("2026-03-06");
  auto c = clock_of(in);
  EXPECT_EQ(c.status, ReplyStatus::kAwaitingSupplement);
  EXPECT_FALSE(c.reply_due);
  EXPECT_EQ(c.effective_due(), nullptr);
  EXPECT_EQ(c.supplement_notice_due.date, D("2026-03-11"));
}

// A supplement that arrives during 春节 (received online on 2026-02-20, counted as the day of receipt): d(1) is
// 02-24. Original receipt Mon 2026-02-09, notice Wed 02-11.
// d(1)–d(4) 02-24…27, d(5) 02-28 (Sat, 补班), d(6)–d(10) 03-02…06, d(11)–d(15) 03-09…13, d(16)–d(20) 03-16…20.
TEST(ClockSupplement, SupplementArrivingOnAHoliday) {
  ReplyInput in = received("2026-02-09", Channel::kOnline);
  in.supplement_notice_sent = D("2026-02-11");
  in.supplement_received = D("2026-02-20");
  auto c = clock_of(in);
  ASSERT_TRUE(c.reply_due);
  EXPECT_EQ(c.reply_due->date, D("2026-03-20"));
  Lines l = lines(*c.reply_due);
  EXPECT_NE(std::find(l.begin(), l.end(), "2026-02-20 为春节假期，非工作日，当日不计算"), l.end());
  EXPECT_NE(std::find(l.begin(), l.end(), "第1个工作日：2026-02-24（跳过 2026-02-21 至 2026-02-23 春节假期）"), l.end());
}

TEST(ClockSupplement, InconsistentDatesAreRefused) {
  {
    ReplyInput in = received("2026-03-02");
    in.supplement_notice_sent = D("2026-03-01");
    auto r = compute_reply_clock(product_calendar(), in);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "invalid_supplement");
  }
  {
    ReplyInput in = received("2026-03-02");
    in.supplement_received = D("2026-02-27");
    EXPECT_EQ(compute_reply_clock(product_calendar(), in).error().code, "invalid_supplement");
  }
  {
    ReplyInput in = received("2026-03-02");
    in.supplement_notice_sent = D("2026-03-06");
    in.supplement_received = D("2026-03-05");
    auto r = compute_reply_clock(product_calendar(), in);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "invalid_supplement");
    EXPECT_EQ(r.error().field, "supplement_received");
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Pauses for opinions (Art. 32–34)
// ---------------------------------------------------------------------------------------------------------------

Pause pause(PauseKind k, const char* start, std::optional<const char*> end = std::nullopt) {
  Pause p;
  p.kind = k;
  p.start = D(start);
  if (end) p.end = D(*end);
  return p;
}

// Received Mon 2026-03-02; third party consulted Mon 03-09 … Fri 03-13 (5 working days, all left out).
// d(1)–d(4) 03-03…06, [03-09…13 paused], d(5)–d(9) 03-16…20, d(10)–d(14) 03-23…27, d(15)–d(19) 03-30…04-03,
// 04-04…06 清明 off, d(20) 04-07 (Tue). Without the pause it would be 03-30; the pause moved it by exactly 5
// working days (03-31, 04-01, 04-02, 04-03, 04-07).
// Opinion window: 15 working days from 03-09: 03-10…13 (4), 16…20 (9), 23…27 (14), 30 (15) → 03-30.
TEST(ClockPauses, ClosedPauseMovesTheLimitByItsWorkingDays) {
  ReplyInput in = received("2026-03-02");
  in.pauses.push_back(pause(PauseKind::kThirdPartyOpinion, "2026-03-09", "2026-03-13"));
  auto c = clock_of(in);
  ASSERT_TRUE(c.reply_due);
  EXPECT_EQ(lines(*c.reply_due),
            (Lines{
                "收到申请：2026-03-02（当面提交，以提交之日为准）",
                "第1个工作日：2026-03-03（星期二）",
                "征求第三方意见：2026-03-09 至 2026-03-13，暂停计算 5 个工作日（条例第三十三条第二款）",
                "第5个工作日：2026-03-16（星期一，暂停结束，恢复计算）",
                "第20个工作日：2026-04-07（跳过 2026-04-04 至 2026-04-06 清明节假期）",
                "答复期限：2026-04-07（星期二，第20个工作日）",
            }));
  const Step& p = c.reply_due->explanation.steps[2];
  EXPECT_EQ(p.kind, StepKind::kPause);
  EXPECT_EQ(p.date, D("2026-03-09"));
  EXPECT_EQ(p.until, D("2026-03-13"));
  EXPECT_EQ(p.day_number, 5);
  ASSERT_EQ(c.pause_windows.size(), 1u);
  EXPECT_EQ(c.pause_windows[0].date, D("2026-03-30"));
  EXPECT_EQ(lines(c.pause_windows[0]).back(), "提出意见期限：2026-03-30（星期一，第15个工作日，条例第三十二条、第三十四条）");
  EXPECT_FALSE(c.reply_due->provisional);
}

// A pause spanning a holiday: received Mon 2026-09-21; third party 09-29 (Tue) … 10-13 (Tue).
// Working days inside: 09-29, 09-30, [10-01…07 国庆 off], 10-08, 10-09, 10-10 (Sat, 补班), [10-11 Sun], 10-12,
// 10-13 = 7. Holidays inside the pause are off anyway; only working days are "paused".
// d(1)–d(3) 09-22…24, 09-25…27 中秋 off, d(4) 09-28, [pause], d(5)–d(7) 10-14…16, d(8)–d(12) 10-19…23,
// d(13)–d(17) 10-26…30, d(18)–d(20) 11-02…04 → 2026-11-04 (Wed).
// Cross-check: without the pause the limit is 10-26 (ClockReply.MidAutumnAndNationalDay2026); 7 working days later:
// 10-27, 28, 29, 30, 11-02, 03, 04 → 11-04.
TEST(ClockPauses, PauseSpanningNationalDay) {
  ReplyInput in = received("2026-09-21");
  in.pauses.push_back(pause(PauseKind::kThirdPartyOpinion, "2026-09-29", "2026-10-13"));
  auto c = clock_of(in);
  ASSERT_TRUE(c.reply_due);
  EXPECT_EQ(lines(*c.reply_due),
            (Lines{
                "收到申请：2026-09-21（当面提交，以提交之日为准）",
                "第1个工作日：2026-09-22（星期二）",
                "第4个工作日：2026-09-28（跳过 2026-09-25 至 2026-09-27 中秋节假期）",
                "征求第三方意见：2026-09-29 至 2026-10-13，暂停计算 7 个工作日（期间含国庆节假期；条例第三十三条第二款）",
                "第5个工作日：2026-10-14（星期三，暂停结束，恢复计算）",
                "答复期限：2026-11-04（星期三，第20个工作日）",
            }));
  EXPECT_EQ(c.reply_due->explanation.steps[3].holidays, (std::vector<std::string>{"国庆节"}));
  // The third party's window: 15 working days from 09-29: 09-30 (1), 10-08 (2), 10-09 (3), 10-10 (4, 补班),
  // 10-12…16 (9), 10-19…23 (14), 10-26 (15).
  ASSERT_EQ(c.pause_windows.size(), 1u);
  EXPECT_EQ(lines(c.pause_windows[0]), (Lines{
                                           "收到征求意见书：2026-09-29",
                                           "第1个工作日：2026-09-30（星期三）",
                                           "第2个工作日：2026-10-08（跳过 2026-10-01 至 2026-10-07 国庆节假期）",
                                           "调休上班：2026-10-10（星期六，国庆节调休）计入，为第4个工作日",
                                           "提出意见期限：2026-10-26（星期一，第15个工作日，条例第三十二条、第三十四条）",
                                       }));
}

// No answer yet: the pause is assumed to last until the window closes (03-30), provisional.
// Paused working days: 03-09 itself + the 15 of the window = 16. d(1)–d(4) 03-03…06, [03-09…30],
// d(5)–d(8) 03-31…04-03, 清明 off, d(9)–d(12) 04-07…10, d(13)–d(17) 04-13…17, d(18)–d(20) 04-20…22 → 04-22 (Wed).
TEST(ClockPauses, OpenPauseIsAssumedToLastItsWindowAndIsProvisional) {
  ReplyInput in = received("2026-03-02");
  in.pauses.push_back(pause(PauseKind::kThirdPartyOpinion, "2026-03-09"));
  auto c = clock_of(in);
  ASSERT_TRUE(c.reply_due);
  EXPECT_TRUE(c.reply_due->provisional);
  EXPECT_EQ(lines(*c.reply_due), (Lines{
                                     "收到申请：2026-03-02（当面提交，以提交之日为准）",
                                     "第1个工作日：2026-03-03（星期二）",
                                     "征求第三方意见：2026-03-09 起，尚未收到意见，暂按答复期限 2026-03-30 结束计算，"
                                     "暂停计算 16 个工作日（暂定；条例第三十三条第二款）",
                                     "第5个工作日：2026-03-31（星期二，暂停结束，恢复计算）",
                                     "第9个工作日：2026-04-07（跳过 2026-04-04 至 2026-04-06 清明节假期）",
                                     "答复期限：2026-04-22（星期三，第20个工作日）",
                                 }));
}

// The third party answered late (04-15), after its window closed on 03-30: only 03-09…03-30 is paused, so the
// limit is the same 04-22 as for the open pause, but exact, with a warning.
TEST(ClockPauses, PauseLongerThanTheWindowIsCapped) {
  ReplyInput in = received("2026-03-02");
  in.pauses.push_back(pause(PauseKind::kAgencyOpinion, "2026-03-09", "2026-04-15"));
  auto c = clock_of(in);
  ASSERT_TRUE(c.reply_due);
  EXPECT_FALSE(c.reply_due->provisional);
  EXPECT_EQ(c.reply_due->date, D("2026-04-22"));
  Lines l = lines(*c.reply_due);
  EXPECT_NE(std::find(l.begin(), l.end(),
                      "征求其他机关意见：2026-03-09 至 2026-04-15，但答复期限为 2026-03-30，只暂停至该日，暂停计算 16 "
                      "个工作日（条例第三十三条第二款）"),
            l.end());
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_EQ(c.warnings[0], "征求其他机关意见结束日期 2026-04-15 晚于答复期限 2026-03-30，超出的日子照常计算");
}

// Letter posted 03-09 but delivered 03-11: the window runs from delivery (Art. 32: "自收到征求意见书之日起"),
// 15 working days from 03-11 → 03-12, 13 (2), 16…20 (7), 23…27 (12), 30, 31, 04-01 (15) → 04-01; an answer on
// 03-31 is then inside the window and the whole span 03-09…03-31 (17 working days) is paused.
// d(1)–d(4) 03-03…06, [03-09…31], d(5)–d(7) 04-01…03, 清明 off, d(8)–d(11) 04-07…10, d(12)–d(16) 04-13…17,
// d(17)–d(20) 04-20…23 → 04-23 (Thu).
TEST(ClockPauses, WindowRunsFromDelivery) {
  ReplyInput in = received("2026-03-02");
  Pause p = pause(PauseKind::kThirdPartyOpinion, "2026-03-09", "2026-03-31");
  p.delivered = D("2026-03-11");
  in.pauses.push_back(p);
  auto c = clock_of(in);
  ASSERT_TRUE(c.reply_due);
  EXPECT_EQ(c.pause_windows[0].date, D("2026-04-01"));
  EXPECT_EQ(c.reply_due->date, D("2026-04-23"));
  EXPECT_EQ(c.reply_due->explanation.steps[2].day_number, 17);
  EXPECT_TRUE(c.warnings.empty());
}

// Two consultations overlapping: third party 03-09…03-13, another agency 03-11…03-18. A day is left out once:
// the first removes 5 (03-09…13), the second only 03-16, 17, 18 = 3. Union 03-09…18 = 8 working days.
// d(1)–d(4) 03-03…06, d(5) 03-19, d(6) 03-20, d(7)–d(11) 03-23…27, d(12)–d(16) 03-30…04-03, 清明 off,
// d(17)–d(20) 04-07…10 → 04-10 (Fri).
TEST(ClockPauses, OverlappingPausesCountEachDayOnce) {
  ReplyInput in = received("2026-03-02");
  in.pauses.push_back(pause(PauseKind::kAgencyOpinion, "2026-03-11", "2026-03-18"));
  in.pauses.push_back(pause(PauseKind::kThirdPartyOpinion, "2026-03-09", "2026-03-13"));
  auto c = clock_of(in);
  ASSERT_TRUE(c.reply_due);
  EXPECT_EQ(lines(*c.reply_due),
            (Lines{
                "收到申请：2026-03-02（当面提交，以提交之日为准）",
                "第1个工作日：2026-03-03（星期二）",
                "征求第三方意见：2026-03-09 至 2026-03-13，暂停计算 5 个工作日（条例第三十三条第二款）",
                "征求其他机关意见：2026-03-11 至 2026-03-18，暂停计算 3 个工作日（与此前暂停重叠的日子不重复计算；"
                "条例第三十三条第二款）",
                "第5个工作日：2026-03-19（星期四，暂停结束，恢复计算）",
                "第17个工作日：2026-04-07（跳过 2026-04-04 至 2026-04-06 清明节假期）",
                "答复期限：2026-04-10（星期五，第20个工作日）",
            }));
  // pause_windows follow the input order.
  ASSERT_EQ(c.pause_windows.size(), 2u);
  EXPECT_EQ(c.pause_windows[0].start, D("2026-03-11"));
  EXPECT_EQ(c.pause_windows[1].start, D("2026-03-09"));
}

// A consultation that ended before the supplement restarted the clock has no effect on the restarted limit.
TEST(ClockPauses, PauseBeforeTheRestartHasNoEffect) {
  ReplyInput in = received("2026-03-02");
  in.pauses.push_back(pause(PauseKind::kThirdPartyOpinion, "2026-03-03", "2026-03-04"));
  in.supplement_notice_sent = D("2026-03-05");
  in.supplement_received = D("2026-03-20");
  auto c = clock_of(in);
  ASSERT_TRUE(c.reply_due);
  EXPECT_EQ(c.reply_due->date, D("2026-04-20"));  // as in ClockSupplement.RestartsTheReplyLimit…
  Lines l = lines(*c.reply_due);
  EXPECT_NE(std::find(l.begin(), l.end(), "征求第三方意见：2026-03-03 至 2026-03-04，在本期限起算之前，不影响本期限"),
            l.end());
}

// A pause that starts on the receipt day: the receipt day was not going to be counted, so only 03-03…03-04 (2)
// are removed. d(1) 03-05 … d(20): 03-05, 06 (2), 09…13 (7), 16…20 (12), 23…27 (17), 30, 31, 04-01 (20) → 04-01.
TEST(ClockPauses, PauseFromTheDayOfReceipt) {
  ReplyInput in = received("2026-03-02");
  in.pauses.push_back(pause(PauseKind::kThirdPartyOpinion, "2026-03-02", "2026-03-04"));
  auto c = clock_of(in);
  ASSERT_TRUE(c.reply_due);
  EXPECT_EQ(c.reply_due->date, D("2026-04-01"));
  EXPECT_EQ(lines(*c.reply_due)[1], "征求第三方意见：2026-03-02 至 2026-03-04，暂停计算 2 个工作日（条例第三十三条第二款）");
  EXPECT_EQ(lines(*c.reply_due)[2], "第1个工作日：2026-03-05（星期四，暂停结束，恢复计算）");
}

// A letter sent on the last day still stops the clock on that day: received 03-02, limit 03-30; pause 03-30…03-30
// removes 03-30, so d(20) is 03-31.
TEST(ClockPauses, PauseStartingOnTheLastDayStopsIt) {
  ReplyInput in = received("2026-03-02");
  in.pauses.push_back(pause(PauseKind::kThirdPartyOpinion, "2026-03-30", "2026-03-30"));
  auto c = clock_of(in);
  ASSERT_TRUE(c.reply_due);
  EXPECT_EQ(c.reply_due->date, D("2026-03-31"));
}

TEST(ClockPauses, PauseAfterTheLimitIsAWarning) {
  ReplyInput in = received("2026-03-02");
  in.pauses.push_back(pause(PauseKind::kThirdPartyOpinion, "2026-04-01", "2026-04-03"));
  auto c = clock_of(in);
  ASSERT_TRUE(c.reply_due);
  EXPECT_EQ(c.reply_due->date, D("2026-03-30"));
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_EQ(c.warnings[0], "征求第三方意见于 2026-04-01 开始，此时期限（2026-03-30）已届满，不再暂停计算");
}

TEST(ClockPauses, InconsistentPausesAreRefused) {
  auto code = [](Pause p) {
    ReplyInput in = received("2026-03-02");
    in.pauses.push_back(p);
    auto r = compute_reply_clock(product_calendar(), in);
    return r.ok() ? std::string("ok") : r.error().code;
  };
  EXPECT_EQ(code(pause(PauseKind::kThirdPartyOpinion, "2026-03-01", "2026-03-04")), "invalid_pause");
  EXPECT_EQ(code(pause(PauseKind::kThirdPartyOpinion, "2026-03-05", "2026-03-04")), "invalid_pause");
  EXPECT_EQ(code(pause(PauseKind::kThirdPartyOpinion, "2026-03-05", "2027-06-04")), "invalid_pause");
  Pause early = pause(PauseKind::kThirdPartyOpinion, "2026-03-05", "2026-03-10");
  early.delivered = D("2026-03-04");
  EXPECT_EQ(code(early), "invalid_pause");
  Pause late = pause(PauseKind::kThirdPartyOpinion, "2026-03-05", "2026-03-10");
  late.delivered = D("2026-03-11");
  EXPECT_EQ(code(late), "invalid_pause");
}

TEST(ClockPauses, OpinionDeadlineOnItsOwn) {
  // 15 working days from Fri 2026-02-13: 02-14 (1, 补班), 春节 off, 02-24…27 (5), 02-28 (6, 补班),
  // 03-02…06 (11), 03-09…12 (15) → 03-12 (Thu).
  auto d = opinion_deadline(product_calendar(), D("2026-02-13"));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->date, D("2026-03-12"));
  EXPECT_EQ(d->working_days, 15);
  EXPECT_EQ(pause_kind_name(PauseKind::kAgencyOpinion), "征求其他机关意见");
}

// ---------------------------------------------------------------------------------------------------------------
// Extension (Art. 33)
// ---------------------------------------------------------------------------------------------------------------

// Received Mon 2026-03-02: limit d(20) = 03-30. Extension of 20 approved 03-25 → d(40):
// d(21)–d(24) 03-31…04-03, 清明 off, d(25)–d(28) 04-07…10, d(29)–d(33) 04-13…17, d(34)–d(38) 04-20…24,
// d(39) 04-27, d(40) 04-28 (Tue).
TEST(ClockExtension, TwentyMoreWorkingDays) {
  ReplyInput in = received("2026-03-02");
  in.extension = Extension{D("2026-03-25"), 20};
  auto c = clock_of(in);
  ASSERT_TRUE(c.reply_due);
  ASSERT_TRUE(c.extended_due);
  EXPECT_EQ(c.reply_due->date, D("2026-03-30"));
  EXPECT_EQ(c.extended_due->date, D("2026-04-28"));
  EXPECT_EQ(c.extended_due->working_days, 40);
  EXPECT_EQ(c.effective_due(), &*c.extended_due);
  EXPECT_EQ(lines(*c.extended_due), (Lines{
                                        "收到申请：2026-03-02（当面提交，以提交之日为准）",
                                        "第1个工作日：2026-03-03（星期二）",
                                        "原答复期限：2026-03-30（第20个工作日）",
                                        "延长 20 个工作日：2026-03-25 经政府信息公开工作机构负责人同意，并告知申请人"
                                        "（条例第三十三条）",
                                        "第25个工作日：2026-04-07（跳过 2026-04-04 至 2026-04-06 清明节假期）",
                                        "延长后答复期限：2026-04-28（星期二，第40个工作日）",
                                    }));
  EXPECT_TRUE(c.warnings.empty());
}

// Extension across 劳动节 2026 (05-01…05 off, 补班 Sat 05-09). Received Mon 2026-04-13:
// d(1)–d(4) 04-14…17, d(5)–d(9) 04-20…24, d(10)–d(13) 04-27…30, 05-01…05 off, d(14)–d(16) 05-06…08,
// d(17) 05-09 (Sat, 补班), 05-10 Sun off, d(18)–d(20) 05-11…13 → 05-13 (Wed).
// Extension of 10: d(21)–d(22) 05-14, 15, d(23)–d(27) 05-18…22, d(28)–d(30) 05-25…27 → 05-27 (Wed).
TEST(ClockExtension, ShorterExtensionAcrossLabourDay) {
  ReplyInput in = received("2026-04-13");
  in.extension = Extension{D("2026-05-08"), 10};
  auto c = clock_of(in);
  ASSERT_TRUE(c.extended_due);
  EXPECT_EQ(c.reply_due->date, D("2026-05-13"));
  EXPECT_EQ(c.extended_due->date, D("2026-05-27"));
  Lines l = lines(*c.reply_due);
  EXPECT_NE(std::find(l.begin(), l.end(), "第14个工作日：2026-05-06（跳过 2026-05-01 至 2026-05-05 劳动节假期）"), l.end());
  EXPECT_NE(std::find(l.begin(), l.end(), "调休上班：2026-05-09（星期六，劳动节调休）计入，为第17个工作日"), l.end());
}

TEST(ClockExtension, MoreThanTwentyIsRefused) {
  ReplyInput in = received("2026-03-02");
  in.extension = Extension{D("2026-03-25"), 21};
  auto r = compute_reply_clock(product_calendar(), in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "extension_too_long");
  EXPECT_EQ(r.error().message, "延长答复期限最长不得超过20个工作日（条例第三十三条），申请延长21个工作日");
  EXPECT_EQ(r.error().field, "extension");
}

TEST(ClockExtension, OtherBadExtensionsAreRefused) {
  {
    ReplyInput in = received("2026-03-02");
    in.extension = Extension{D("2026-03-25"), 0};
    EXPECT_EQ(compute_reply_clock(product_calendar(), in).error().code, "invalid_extension");
  }
  {
    ReplyInput in = received("2026-03-02");
    in.extension = Extension{D("2026-03-01"), 5};
    EXPECT_EQ(compute_reply_clock(product_calendar(), in).error().code, "invalid_extension");
  }
  {
    ReplyInput in = received("2026-03-02");
    in.supplement_notice_sent = D("2026-03-04");
    in.extension = Extension{D("2026-03-25"), 5};
    EXPECT_EQ(compute_reply_clock(product_calendar(), in).error().code, "invalid_extension");
  }
}

TEST(ClockExtension, LateApprovalIsAWarning) {
  ReplyInput in = received("2026-03-02");
  in.extension = Extension{D("2026-03-31"), 20};
  auto c = clock_of(in);
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_EQ(c.warnings[0], "延期于 2026-03-31 批准，晚于原答复期限 2026-03-30；延期应在答复期限内决定并告知申请人");
}

// Pause and extension together: pause 03-09…13 moved the limit to 04-07 (ClockPauses.ClosedPause…); 20 more:
// d(21)–d(23) 04-08…10, d(24)–d(28) 04-13…17, d(29)–d(33) 04-20…24, d(34)–d(37) 04-27…30, 05-01…05 off,
// d(38)–d(40) 05-06…08 → 05-08 (Fri).
TEST(ClockExtension, WithAPause) {
  ReplyInput in = received("2026-03-02");
  in.pauses.push_back(pause(PauseKind::kThirdPartyOpinion, "2026-03-09", "2026-03-13"));
  in.extension = Extension{D("2026-04-01"), 20};
  auto c = clock_of(in);
  ASSERT_TRUE(c.extended_due);
  EXPECT_EQ(c.reply_due->date, D("2026-04-07"));
  EXPECT_EQ(c.extended_due->date, D("2026-05-08"));
}

// ---------------------------------------------------------------------------------------------------------------
// Processing fee (国办函〔2020〕109号)
// ---------------------------------------------------------------------------------------------------------------

// Fee notice received Mon 2026-09-21: d(1)–d(3) 09-22…24, 中秋 off, d(4)–d(6) 09-28…30, 国庆 off, d(7) 10-08,
// d(8) 10-09, d(9) 10-10 (Sat, 补班), d(10)–d(14) 10-12…16, d(15)–d(19) 10-19…23, d(20) 10-26 (Mon).
TEST(ClockFee, PaymentWindowIsTwentyWorkingDays) {
  auto d = fee_payment_deadline(product_calendar(), D("2026-09-21"));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(render_lines(d->explanation), (Lines{
                                              "收到收费通知：2026-09-21",
                                              "第1个工作日：2026-09-22（星期二）",
                                              "第4个工作日：2026-09-28（跳过 2026-09-25 至 2026-09-27 中秋节假期）",
                                              "第7个工作日：2026-10-08（跳过 2026-10-01 至 2026-10-07 国庆节假期）",
                                              "调休上班：2026-10-10（星期六，国庆节调休）计入，为第9个工作日",
                                              "缴费期限：2026-10-26（星期一，第20个工作日，逾期未缴纳视为放弃申请）",
                                          }));
}

// Received Mon 2026-09-14; fee notice 09-21, paid 09-30: the span is not counted.
// d(1)–d(4) 09-15…18, d(5) 09-20 (Sun, 补班), [09-21…30 paused: 21, 22, 23, 24, 28, 29, 30 = 7; 中秋 inside],
// 国庆 off, d(6) 10-08, d(7) 10-09, d(8) 10-10 (Sat, 补班), d(9)–d(13) 10-12…16, d(14)–d(18) 10-19…23,
// d(19) 10-26, d(20) 10-27 (Tue).
TEST(ClockFee, FeePeriodIsNotCountedInTheReplyLimit) {
  ReplyInput in = received("2026-09-14");
  in.pauses.push_back(pause(PauseKind::kFeePayment, "2026-09-21", "2026-09-30"));
  auto c = clock_of(in);
  ASSERT_TRUE(c.reply_due);
  EXPECT_EQ(lines(*c.reply_due),
            (Lines{
                "收到申请：2026-09-14（当面提交，以提交之日为准）",
                "第1个工作日：2026-09-15（星期二）",
                "调休上班：2026-09-20（星期日，国庆节调休）计入，为第5个工作日",
                "等待缴纳信息处理费：2026-09-21 至 2026-09-30，暂停计算 7 个工作日（期间含中秋节假期；国办函〔2020〕109号）",
                "第6个工作日：2026-10-08（跳过 2026-10-01 至 2026-10-07 国庆节假期）",
                "调休上班：2026-10-10（星期六，国庆节调休）计入，为第8个工作日",
                "答复期限：2026-10-27（星期二，第20个工作日）",
            }));
  ASSERT_EQ(c.pause_windows.size(), 1u);
  EXPECT_EQ(c.pause_windows[0].date, D("2026-10-26"));
}

// With fee_period_paused off the fee window is still computed but the reply clock runs on:
// d(1)–d(4) 09-15…18, d(5) 09-20, d(6)–d(9) 09-21…24, d(10)–d(12) 09-28…30, d(13) 10-08, d(14) 10-09,
// d(15) 10-10, d(16)–d(20) 10-12…16 → 10-16 (Fri).
TEST(ClockFee, OptionallyTheFeePeriodCounts) {
  ReplyInput in = received("2026-09-14");
  in.pauses.push_back(pause(PauseKind::kFeePayment, "2026-09-21", "2026-09-30"));
  ClockOptions opt;
  opt.fee_period_paused = false;
  auto c = clock_of(in, opt);
  ASSERT_TRUE(c.reply_due);
  EXPECT_EQ(c.reply_due->date, D("2026-10-16"));
  ASSERT_EQ(c.pause_windows.size(), 1u);
  EXPECT_EQ(c.pause_windows[0].date, D("2026-10-26"));
}

// Unpaid so far: assumed paid on the last day of the window (10-26), provisional. Paused: the notice day 09-21
// itself plus the 20 working days of the window = 21.
TEST(ClockFee, UnpaidFeeIsProvisional) {
  ReplyInput in = received("2026-09-14");
  in.pauses.push_back(pause(PauseKind::kFeePayment, "2026-09-21"));
  auto c = clock_of(in);
  ASSERT_TRUE(c.reply_due);
  EXPECT_TRUE(c.reply_due->provisional);
  Lines l = lines(*c.reply_due);
  EXPECT_NE(std::find(l.begin(), l.end(),
                      "等待缴纳信息处理费：2026-09-21 起，尚未缴费，暂按缴费期限 2026-10-26 结束计算，暂停计算 21 "
                      "个工作日（暂定；期间含中秋节、国庆节假期；国办函〔2020〕109号）"),
            l.end());
}

// ---------------------------------------------------------------------------------------------------------------
// Unknown year 2027
// ---------------------------------------------------------------------------------------------------------------

// Received Tue 2026-12-15: d(1)–d(3) 12-16…18, d(4)–d(8) 12-21…25, d(9)–d(12) 12-28…31, then 2027.
TEST(ClockUnknownYear, RefusedByDefault) {
  auto r = compute_reply_clock(product_calendar(), received("2026-12-15"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "calendar_year_unknown");
  EXPECT_NE(r.error().message.find("2027年的节假日安排国务院办公厅尚未公布"), std::string::npos);
  // The supplement notice limit alone (d(7) = 12-24) stays inside 2026 and is fine.
  auto n = supplement_notice_deadline(product_calendar(), D("2026-12-15"), Channel::kInPerson);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->date, D("2026-12-24"));
  EXPECT_FALSE(n->provisional);
}

// Under kAssumeWeekdays: 2027-01-01 (Fri) is assumed a working day, d(13); d(14)–d(18) 01-04…08, d(19) 01-11,
// d(20) 01-12 (Tue) — provisional, with the warning in the explanation and in warnings.
TEST(ClockUnknownYear, AssumedWeekdaysAreProvisionalAndSaySo) {
  ClockOptions opt;
  opt.unknown_years = UnknownYearPolicy::kAssumeWeekdays;
  auto c = clock_of(received("2026-12-15"), opt);
  ASSERT_TRUE(c.reply_due);
  EXPECT_TRUE(c.reply_due->provisional);
  EXPECT_FALSE(c.supplement_notice_due.provisional);
  const std::string warning =
      "2027年的节假日安排尚未公布，自 2027-01-01 起暂按星期一至星期五为工作日计算，结果为暂定，公布后须重新计算";
  EXPECT_EQ(lines(*c.reply_due), (Lines{
                                     "收到申请：2026-12-15（当面提交，以提交之日为准）",
                                     "第1个工作日：2026-12-16（星期三）",
                                     warning,
                                     "答复期限：2027-01-12（星期二，第20个工作日）",
                                 }));
  EXPECT_EQ(c.reply_due->explanation.steps[2].kind, StepKind::kWarning);
  EXPECT_EQ(c.warnings, (Lines{warning}));
}

TEST(ClockUnknownYear, ReceivedOnDec31) {
  // Even the 7-day notice limit runs into 2027.
  auto r = compute_reply_clock(product_calendar(), received("2026-12-31"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "calendar_year_unknown");
}

TEST(ClockUnknownYear, PauseRunningIntoAnUnknownYearIsRefused) {
  // Received 2026-11-02; opinion letter 12-14, answered 2027-01-05: the pause itself needs 2027.
  ReplyInput in = received("2026-11-02");
  in.pauses.push_back(pause(PauseKind::kThirdPartyOpinion, "2026-12-14", "2027-01-05"));
  auto r = compute_reply_clock(product_calendar(), in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "calendar_year_unknown");
}

// A consultation that ended inside 2026 does not need 2027 even though its 15-day window would: the reply limit
// stays exact. Received Mon 2026-11-02; pause A 11-23…11-27 (5 working days):
// d(1)–d(4) 11-03…06, d(5)–d(9) 11-09…13, d(10)–d(14) 11-16…20, [11-23…27], d(15)–d(19) 11-30…12-04,
// d(20) 12-07 (Mon). Pause B 12-21…12-23 is closed, but its window (12-22 … 12-31 is only 8 working days) would
// need 2027: it ended after 2 working days, well inside any window, so the limit does not depend on 2027; B also
// starts after the limit, which is the one warning.
TEST(ClockUnknownYear, ClosedPauseInsideKnownYearsStaysExact) {
  ReplyInput in = received("2026-11-02");
  in.pauses.push_back(pause(PauseKind::kThirdPartyOpinion, "2026-11-23", "2026-11-27"));
  in.pauses.push_back(pause(PauseKind::kThirdPartyOpinion, "2026-12-21", "2026-12-23"));
  auto c = clock_of(in);
  ASSERT_TRUE(c.reply_due);
  EXPECT_EQ(c.reply_due->date, D("2026-12-07"));
  EXPECT_FALSE(c.reply_due->provisional);
  ASSERT_EQ(c.pause_windows.size(), 2u);
  EXPECT_TRUE(c.pause_windows[1].provisional);  // the window shown for reference runs into 2027
  EXPECT_EQ(c.warnings.size(), 1u);
}

// ---------------------------------------------------------------------------------------------------------------
// Options and the generic counter
// ---------------------------------------------------------------------------------------------------------------

// kReceiptDayCounts: a working day of receipt is day 1. Received Mon 2026-03-02: d(1) 03-02, d(2)–d(5) 03-03…06,
// … d(20) 03-27 (Fri), one working day earlier than the default 03-30.
TEST(ClockSettings, ReceiptDayCounts) {
  ClockOptions opt;
  opt.counting = CountingRule::kReceiptDayCounts;
  auto c = clock_of(received("2026-03-02"), opt);
  ASSERT_TRUE(c.reply_due);
  EXPECT_EQ(c.reply_due->date, D("2026-03-27"));
  EXPECT_EQ(lines(*c.reply_due)[1], "第1个工作日：2026-03-02（星期一），收到当日计入");
  // A non-working day of receipt is still not counted: same as the default (ClockReply.ReceivedOnAHoliday).
  auto h = clock_of(received("2026-02-16"), opt);
  EXPECT_EQ(h.reply_due->date, D("2026-03-20"));
}

// Under kReceiptDayCounts a pause that covers the day of receipt keeps that day out of the count and is announced.
// Received Mon 2026-03-02, pause 03-02…03-02: d(1) 03-03, … d(20) 03-30, as under the default rule.
TEST(ClockSettings, ReceiptDayCountsButIsPaused) {
  ClockOptions opt;
  opt.counting = CountingRule::kReceiptDayCounts;
  ReplyInput in = received("2026-03-02");
  in.pauses.push_back(pause(PauseKind::kThirdPartyOpinion, "2026-03-02", "2026-03-02"));
  auto c = clock_of(in, opt);
  ASSERT_TRUE(c.reply_due);
  EXPECT_EQ(c.reply_due->date, D("2026-03-30"));
  EXPECT_EQ(lines(*c.reply_due)[1], "征求第三方意见：2026-03-02，暂停计算 1 个工作日（条例第三十三条第二款）");
  EXPECT_EQ(lines(*c.reply_due)[2], "第1个工作日：2026-03-03（星期二，暂停结束，恢复计算）");
}

TEST(ClockSettings, LimitsAreConfigurable) {
  ClockOptions opt;
  opt.reply_days = 15;          // e.g. a stricter local promise
  opt.max_extension_days = 15;
  opt.supplement_notice_days = 5;
  ReplyInput in = received("2026-03-02");
  in.extension = Extension{D("2026-03-10"), 16};
  EXPECT_EQ(compute_reply_clock(product_calendar(), in, opt).error().code, "extension_too_long");
  in.extension->working_days = 15;
  auto c = clock_of(in, opt);
  EXPECT_EQ(c.reply_due->date, D("2026-03-23"));      // d(15): 03-03…06 (4), 09…13 (9), 16…20 (14), 23 (15)
  EXPECT_EQ(c.extended_due->date, D("2026-04-14"));   // d(30): 24…27 (19), 30…04-03 (24), 07…10 (28), 13, 14 (30)
  EXPECT_EQ(c.supplement_notice_due.date, D("2026-03-09"));
}

// Art. 26 (proactive disclosure within 20 working days of the information being formed), using the generic counter.
TEST(ClockGeneric, WorkingDayDeadlineForOtherRules) {
  auto d = working_day_deadline(product_calendar(), D("2026-09-21"), 20, "信息形成：2026-09-21", "公开期限");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->date, D("2026-10-26"));
  EXPECT_EQ(render_lines(d->explanation).front(), "信息形成：2026-09-21");
  EXPECT_EQ(render_lines(d->explanation).back(), "公开期限：2026-10-26（星期一，第20个工作日）");
  auto zero = working_day_deadline(product_calendar(), D("2026-09-21"), 0, "x", "y");
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.error().code, "invalid_working_days");
}

// Every deadline of 2024–2026 for receipts on every day: the reply limit equals add_working_days(receipt, 20),
// and the explanation always ends with that date.
TEST(ClockGeneric, ReplyLimitAgreesWithTheCalendarForEveryReceiptDay) {
  const auto& cal = product_calendar();
  for (Date d = D("2024-01-01"); d <= D("2026-11-30"); d = d.add_days(1)) {
    auto c = compute_reply_clock(cal, received(d.iso().c_str()));
    ASSERT_TRUE(c.ok()) << d.iso();
    auto expect = cal.add_working_days(d, 20);
    ASSERT_TRUE(expect.ok());
    ASSERT_EQ(c->reply_due->date, *expect) << d.iso();
    ASSERT_EQ(c->supplement_notice_due.date, *cal.add_working_days(d, 7)) << d.iso();
    const Step& last = c->reply_due->explanation.steps.back();
    ASSERT_EQ(last.kind, StepKind::kDeadline);
    ASSERT_EQ(last.date, *expect);
    // Every holiday skipped on the way is named in some step.
    std::set<std::string> named;
    for (auto& s : c->reply_due->explanation.steps) named.insert(s.holidays.begin(), s.holidays.end());
    for (Date x = d.add_days(1); x < *expect; x = x.add_days(1)) {
      auto info = cal.describe(x);
      if (info.kind != DayKind::kHoliday) continue;
      bool found = false;
      for (auto& n : named) found = found || info.name.find(n) != std::string::npos;
      ASSERT_TRUE(found) << d.iso() << " skips " << x.iso() << " " << info.name;
    }
  }
}

}  // namespace
}  // namespace gongkai::calendar
