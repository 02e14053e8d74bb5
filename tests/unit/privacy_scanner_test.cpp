// The personal-data scanner (gongkai/privacy/scanner.hpp): what it finds, where, and — just as important — what
// it leaves alone, checked on synthetic cases and on real law texts from shared/data/documents.
#include "gongkai/privacy/scanner.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "gongkai/privacy/identifiers.hpp"
#include "gongkai/privacy/mask.hpp"

#ifndef GONGKAI_SHARED_DATA_DIR
#define GONGKAI_SHARED_DATA_DIR "/work/shared/data"
#endif

namespace {

using namespace gongkai::privacy;

constexpr std::string_view kId = "11010519491231002X";  // GB 11643 sample
constexpr std::string_view kId2 = "440524188001010014";  // GB 11643 sample

// ----------------------------------------------------------------------------------------------- helpers

std::string with_id_check(std::string first17) {
  first17.push_back(resident_id_check_char(first17));
  return first17;
}

std::string with_luhn(std::string body) {
  for (char c = '0'; c <= '9'; ++c)
    if (passes_luhn(body + c)) return body + c;
  return body;
}

std::vector<PiiKind> kinds(const std::vector<Finding>& fs) {
  std::vector<PiiKind> out;
  for (const auto& f : fs) out.push_back(f.kind);
  return out;
}

// The one finding in `text`, which must be of `kind` and cover exactly `expected` (first occurrence).
void expect_single(std::string_view text, PiiKind kind, std::string_view expected) {
  const auto fs = scan(text);
  ASSERT_EQ(fs.size(), 1u) << text;
  EXPECT_EQ(fs[0].kind, kind) << text;
  EXPECT_EQ(fs[0].offset, text.find(expected)) << text;
  EXPECT_EQ(fs[0].length, expected.size()) << text;
  EXPECT_EQ(fs[0].text, expected) << text;
}

void expect_none(std::string_view text) {
  const auto fs = scan(text);
  EXPECT_TRUE(fs.empty()) << text << " -> first finding: " << (fs.empty() ? "" : fs[0].text) << " ("
                          << (fs.empty() ? "" : fs[0].label()) << ")";
}

// ----------------------------------------------------------------------------------------------- kinds

TEST(PrivacyScanner, KindLabelsAndCodes) {
  EXPECT_EQ(pii_kind_label(PiiKind::kResidentId), "身份证号");
  EXPECT_EQ(pii_kind_label(PiiKind::kMobile), "手机号");
  EXPECT_EQ(pii_kind_label(PiiKind::kBankCard), "银行卡号");
  EXPECT_EQ(pii_kind_label(PiiKind::kEmail), "电子邮箱");
  EXPECT_EQ(pii_kind_code(PiiKind::kResidentId), "resident_id");
  EXPECT_EQ(pii_kind_code(PiiKind::kMobile), "mobile");
  EXPECT_EQ(pii_kind_code(PiiKind::kBankCard), "bank_card");
  EXPECT_EQ(pii_kind_code(PiiKind::kEmail), "email");
  Finding f;
  f.kind = PiiKind::kMobile;
  EXPECT_EQ(f.label(), "手机号");
}

TEST(PrivacyScanner, EmptyAndPlainText) {
  expect_none("");
  expect_none("第一条 为了规范政府信息公开工作，制定本条例。");
}

// ----------------------------------------------------------------------------------------------- resident ID

TEST(PrivacyScanner, FindsResidentIdWithOffsetsAndMask) {
  const std::string text = "申请人张三，身份证号" + std::string(kId) + "，住址略。";
  const auto fs = scan(text);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].kind, PiiKind::kResidentId);
  EXPECT_EQ(fs[0].label(), "身份证号");
  EXPECT_EQ(fs[0].offset, std::string("申请人张三，身份证号").size());
  EXPECT_EQ(fs[0].length, 18u);
  EXPECT_EQ(fs[0].text, kId);
  EXPECT_EQ(fs[0].value, kId);
  EXPECT_EQ(fs[0].masked, "110105********002X");
  expect_single("身份证：" + std::string(kId2), PiiKind::kResidentId, kId2);
}

TEST(PrivacyScanner, ResidentIdTouchingChineseOnBothSides) {
  expect_single("张三" + std::string(kId) + "男", PiiKind::kResidentId, kId);
  expect_single("号码" + std::string(kId2) + "的", PiiKind::kResidentId, kId2);
  expect_single(std::string(kId), PiiKind::kResidentId, kId);                // whole text
  expect_single("（" + std::string(kId) + "）", PiiKind::kResidentId, kId);  // full-width brackets
  expect_single("ID:" + std::string(kId) + ";", PiiKind::kResidentId, kId);
}

TEST(PrivacyScanner, LowercaseXIsFoundAndNormalisedInValue) {
  const auto fs = scan("身份证号11010519491231002x。");
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].text, "11010519491231002x");
  EXPECT_EQ(fs[0].value, "11010519491231002X");
  EXPECT_EQ(fs[0].masked, "110105********002x");
}

TEST(PrivacyScanner, ResidentIdInsideLongerRunsIsNotMatched) {
  const std::string id(kId);
  const std::string id2(kId2);
  expect_none("1" + id);            // a digit before
  expect_none(id + "1");            // a digit after the X
  expect_none("9" + id2);
  expect_none("编号" + id2 + "7号");  // 19 digits (not Luhn-valid either)
  expect_none("A" + id);            // letters are part of a code
  expect_none(id + "A");
  expect_none(id + "X");
  expect_none("No" + id2);
  expect_none("１" + id);           // a full-width digit counts as a digit
  expect_none(id2 + "５");
  expect_none("3." + id2);          // the fraction of a decimal
  expect_none(id2 + ".5");
  const auto fs = scan("0" + id2 + "0");  // 20 digits
  EXPECT_TRUE(fs.empty());
}

TEST(PrivacyScanner, WrongCheckDigitIsNotFlaggedAtAll) {
  expect_none("身份证号110105194912310021，");
  expect_none("身份证号440524188001010015，");
  // An ID-shaped number whose check digit is wrong but which happens to pass Luhn is not a bank card either.
  int tested = 0;
  for (int seq = 0; seq < 1000 && tested < 5; ++seq) {
    const std::string first17 = "32010619850710" + std::to_string(1000 + seq).substr(1);
    const char good = resident_id_check_char(first17);
    for (char c = '0'; c <= '9'; ++c) {
      const std::string number = first17 + c;
      if (c != good && passes_luhn(number)) {
        expect_none("证件号码" + number + "。");
        ++tested;
      }
    }
  }
  EXPECT_EQ(tested, 5);
}

TEST(PrivacyScanner, ResidentIdDateAndProvinceRules) {
  expect_none("号" + with_id_check("99010519800101001") + "号");  // no such province
  expect_none("号" + with_id_check("11010519800230001") + "号");  // 30 February
  expect_none("号" + with_id_check("11010517991231001") + "号");  // before 1800
  expect_none("号" + with_id_check("11010521000101001") + "号");  // after 2099: the scanner's horizon
  const std::string permit = with_id_check("81000019800101001");
  expect_single("居住证" + permit, PiiKind::kResidentId, permit);
  const std::string future = with_id_check("11010520990101001");
  expect_single("号" + future, PiiKind::kResidentId, future);  // no clock: any date up to 2099
}

TEST(PrivacyScanner, Legacy15DigitNumbersAreNotReported) {
  ASSERT_TRUE(is_valid_resident_id("110105491231002", std::chrono::year_month_day{std::chrono::year{2025},
                                                                                 std::chrono::January,
                                                                                 std::chrono::day{1}}));
  expect_none("身份证号110105491231002，");
}

TEST(PrivacyScanner, GroupedResidentId) {
  expect_single("身份证号 110105 19491231 002X。", PiiKind::kResidentId, "110105 19491231 002X");
  expect_single("身份证号 440524-18800101-0014。", PiiKind::kResidentId, "440524-18800101-0014");
  const auto fs = scan("110105 19491231 002X");
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].value, kId);
  EXPECT_EQ(fs[0].masked, "110105 ******** 002X");
  expect_none("110105 19491231-002X");         // mixed separators
  expect_none("110105  19491231 002X");        // double space: separate numbers
  expect_none("110105 19491231 002X 3");       // a further group
  expect_none("7 110105 19491231 0014");       // a group before
}

TEST(PrivacyScanner, FullWidthDigits) {
  const std::string fw = "１１０１０５１９４９１２３１００２Ｘ";
  const std::string text = "身份证号" + fw + "。";
  const auto fs = scan(text);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].kind, PiiKind::kResidentId);
  EXPECT_EQ(fs[0].offset, std::string("身份证号").size());
  EXPECT_EQ(fs[0].length, fw.size());
  EXPECT_EQ(fs[0].length, 54u);
  EXPECT_EQ(fs[0].text, fw);
  EXPECT_EQ(fs[0].value, kId);
  EXPECT_EQ(fs[0].masked, "１１０１０５********００２Ｘ");

  expect_single("身份证号１１０１０５１９４９１２３１００２ｘ", PiiKind::kResidentId,
                "１１０１０５１９４９１２３１００２ｘ");
  // Mixed widths, as produced by some input methods.
  expect_single("证号１１０１０５19491231００２X", PiiKind::kResidentId, "１１０１０５19491231００２X");
  expect_single("电话１３８００１３８０００", PiiKind::kMobile, "１３８００１３８０００");
  expect_single("电话１３８－００１３－８０００", PiiKind::kMobile, "１３８－００１３－８０００");
  expect_none("编号１" + std::string(kId));
  expect_none("编号" + std::string(kId) + "Ａ");
}

// ----------------------------------------------------------------------------------------------- mobile

TEST(PrivacyScanner, FindsMobileNumbers) {
  expect_single("联系电话：13800138000。", PiiKind::kMobile, "13800138000");
  expect_single("手机13800138000", PiiKind::kMobile, "13800138000");
  expect_single("电话13800138000.", PiiKind::kMobile, "13800138000");  // full stop, not a decimal
  expect_single("电话13800138000 2021年", PiiKind::kMobile, "13800138000");
  expect_single("电话 138 0013 8000。", PiiKind::kMobile, "138 0013 8000");
  expect_single("电话 138-0013-8000。", PiiKind::kMobile, "138-0013-8000");
  expect_single("电话 138 0013 8000，2021年", PiiKind::kMobile, "138 0013 8000");
  expect_single("tel:+8613800138000;", PiiKind::kMobile, "+8613800138000");
  expect_single("电话8613800138000", PiiKind::kMobile, "8613800138000");
  expect_single("电话+86 13800138000", PiiKind::kMobile, "+86 13800138000");
  expect_single("电话+86-138-0013-8000", PiiKind::kMobile, "+86-138-0013-8000");
  expect_single("电话 86 138 0013 8000", PiiKind::kMobile, "86 138 0013 8000");
  expect_single("电话 008613800138000", PiiKind::kMobile, "008613800138000");
  expect_single("电话 0086 138 0013 8000", PiiKind::kMobile, "0086 138 0013 8000");
  expect_single("电话＋８６１３８００１３８０００", PiiKind::kMobile, "＋８６１３８００１３８０００");
  const auto fs = scan("电话+86 138-0013-8000");
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].value, "13800138000");
  EXPECT_EQ(fs[0].masked, "+86 138-****-8000");
}

TEST(PrivacyScanner, ElevenDigitNumbersThatAreNotMobiles) {
  expect_none("编号12345678901");  // 12x: no such block
  expect_none("编号10000000000");
  expect_none("编号19412345678");  // 194 unallocated
  expect_none("编号15412345678");  // 154 unallocated
  expect_none("编号14012345678");
  expect_none("编号17413123456");  // 1741[3-9] unallocated
  expect_none("编号23800138000");
  expect_none("编号00000000000");
  expect_none("编号138001380001");   // 12 digits
  expect_none("编号1380013800");     // 10 digits
  expect_none("金额13800138000.50元");  // a decimal
  expect_none("订单A13800138000");
  expect_none("138 0013-8000");      // mixed separators
  expect_none("138 0013 8000 1");    // a further group
  expect_none("5 138 0013 8000");    // a group before
  expect_none("138  0013  8000");    // double spaces
  expect_none("+1 138 0013 8000");
}

TEST(PrivacyScanner, SpaceSeparatedTableRow) {
  // A plain-text table: name, ID, mobile, grouped card, grouped mobile, all separated by single spaces.
  const std::string row =
      "张三 11010519491231002X 13800138000 6222 0212 3456 7890 128 13900139000 139 0013 9000 +86 13700137000";
  const auto fs = scan(row);
  ASSERT_EQ(fs.size(), 6u) << row;
  EXPECT_EQ(fs[0].text, "11010519491231002X");
  EXPECT_EQ(fs[1].text, "13800138000");
  EXPECT_EQ(fs[2].text, "6222 0212 3456 7890 128");
  EXPECT_EQ(fs[3].text, "13900139000");
  EXPECT_EQ(fs[4].text, "139 0013 9000");
  EXPECT_EQ(fs[5].text, "+86 13700137000");
  EXPECT_EQ(fs[5].value, "13700137000");
  // A bare "86" right after another group may belong to it: the mobile is found, without the prefix.
  expect_single("7 86 13800138000", PiiKind::kMobile, "13800138000");
  expect_single("139 0013 9000 86 13700137000", PiiKind::kMobile, "13700137000");
}

// ----------------------------------------------------------------------------------------------- bank card

TEST(PrivacyScanner, FindsBankCards) {
  expect_single("卡号6222021234567890128，", PiiKind::kBankCard, "6222021234567890128");
  expect_single("卡号4111111111111111", PiiKind::kBankCard, "4111111111111111");
  const std::string c17 = with_luhn("6228480402564890");
  expect_single("卡号" + c17, PiiKind::kBankCard, c17);
  expect_single("卡号 6222 0212 3456 7890 128。", PiiKind::kBankCard, "6222 0212 3456 7890 128");
  expect_single("卡号 4111-1111-1111-1111。", PiiKind::kBankCard, "4111-1111-1111-1111");
  const auto fs = scan("卡号6222021234567890128");
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].label(), "银行卡号");
  EXPECT_EQ(fs[0].masked, "622202*********0128");
}

TEST(PrivacyScanner, BankCardFailures) {
  expect_none("卡号6222021234567890129");  // Luhn fails
  expect_none("卡号4111111111111112");
  expect_none("编号" + with_luhn("62220212345678"));        // 15 digits
  expect_none("编号" + with_luhn("6222021234567890123"));   // 20 digits
  expect_none("卡号 6222 0212 3456 7890 128 5");            // a further group
  expect_none("卡号 62220 2123 4567 8901 28");              // not grouped by four
  expect_none("卡号 6222 0212-3456 7890 128");              // mixed separators
  // 4-4-4-4-4 is 20 digits: no card, even when Luhn-valid (found by the fuzzer).
  const std::string twenty = with_luhn("6222021234567890123");
  ASSERT_EQ(twenty.size(), 20u);
  expect_none("卡号 " + twenty.substr(0, 4) + " " + twenty.substr(4, 4) + " " + twenty.substr(8, 4) + " " +
              twenty.substr(12, 4) + " " + twenty.substr(16, 4));
}

TEST(PrivacyScanner, ValidIdThatAlsoPassesLuhnIsReportedOnceAsId) {
  std::string both;
  for (int seq = 100; seq < 1000 && both.empty(); ++seq) {
    const std::string id = with_id_check("32010619850710" + std::to_string(seq));
    if (id.size() == 18 && id.back() != 'X' && passes_luhn(id)) both = id;
  }
  ASSERT_FALSE(both.empty());
  const auto fs = scan("号码" + both + "。");
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].kind, PiiKind::kResidentId);
}

TEST(PrivacyScanner, AllDigitCreditCodeIsNotABankCard) {
  // Organisation codes are public. Find an all-digit GB 32100 code that also passes Luhn.
  std::string code;
  for (int n = 100000000; n < 100010000 && code.empty(); ++n) {
    const std::string first17 = "91110108" + std::to_string(n);
    const char c = credit_code_check_char(first17);
    if (c >= '0' && c <= '9' && passes_luhn(first17 + c)) code = first17 + c;
  }
  ASSERT_FALSE(code.empty());
  ASSERT_TRUE(is_valid_credit_code(code));
  expect_none("统一社会信用代码：" + code + "。");
}

// ----------------------------------------------------------------------------------------------- e-mail

TEST(PrivacyScanner, FindsEmailAddresses) {
  expect_single("邮箱：zhangsan@example.com。", PiiKind::kEmail, "zhangsan@example.com");
  expect_single("邮箱zhang.san+gov@mail.example.gov.cn，", PiiKind::kEmail, "zhang.san+gov@mail.example.gov.cn");
  expect_single("请发送至 zhangsan@example.com.", PiiKind::kEmail, "zhangsan@example.com");  // sentence dot
  expect_single("(zhangsan@example.com)", PiiKind::kEmail, "zhangsan@example.com");
  expect_single("邮箱.zhangsan@example.com-", PiiKind::kEmail, "zhangsan@example.com");
  const auto fs = scan("邮箱：zhangsan@example.com");
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].label(), "电子邮箱");
  EXPECT_EQ(fs[0].value, "zhangsan@example.com");
  EXPECT_EQ(fs[0].masked, "z***@example.com");
}

TEST(PrivacyScanner, EmailFailures) {
  expect_none("a@b");
  expect_none("@example.com");
  expect_none("zhangsan@");
  expect_none("zhangsan@example");
  expect_none("zhangsan@example.c");
  expect_none("张三@例子.中国");
  expect_none("@@@");
  expect_none("微博@政务公开");
}

TEST(PrivacyScanner, NumbersInsideAnEmailBelongToTheEmail) {
  expect_single("邮箱13800138000@163.com。", PiiKind::kEmail, "13800138000@163.com");
  expect_single("邮箱" + std::string(kId) + "@example.com", PiiKind::kEmail, std::string(kId) + "@example.com");
}

TEST(PrivacyScanner, SeveralEmails) {
  const auto fs = scan("a@b.cn,c@d.cn;e@f.cn");
  ASSERT_EQ(fs.size(), 3u);
  EXPECT_EQ(fs[0].text, "a@b.cn");
  EXPECT_EQ(fs[1].text, "c@d.cn");
  EXPECT_EQ(fs[2].text, "e@f.cn");
}

TEST(PrivacyScanner, EmailLocalPartIsTheLongestValidSuffix) {
  expect_single("x..zhangsan@example.com", PiiKind::kEmail, "zhangsan@example.com");
  const std::string long_local = std::string(70, 'a') + "@example.com";
  expect_single(long_local, PiiKind::kEmail, long_local.substr(6));  // at most 64 characters
  expect_none("zhangsan.@example.com");                               // a local part cannot end in '.'
}

TEST(PrivacyScanner, AddressesRunTogetherAreOneFinding) {
  // Found by the fuzzer: masking "p@4oooo.op" used to expose "4oooo.op@4o.OB" to a second scan.
  expect_single("邮箱p@4oooo.op@4o.OB。", PiiKind::kEmail, "p@4oooo.op@4o.OB");
  const auto fs = scan("a@b.cn@c.cn");
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].masked, "a***@c.cn");
  EXPECT_TRUE(scan(mask_all("邮箱p@4oooo.op@4o.OB。")).empty());
  expect_none("@@@");
  expect_none("a@b@c");  // no valid address anywhere in it
}

TEST(PrivacyScanner, DigitsTouchingAStarAreAlreadyMasked) {
  expect_none("138****8000");
  expect_none("110105********002X");
  expect_none("*13800138000");
  expect_none("13800138000＊");
  // Found by the fuzzer: the kept "8000" of a masked mobile must not become the first group of a card.
  std::string card;
  for (int n = 0; n < 1000 && card.empty(); ++n) {
    const std::string c = with_luhn("8000" + std::to_string(622282123456000 + n).substr(0, 14));
    if (c.size() == 19) card = c;
  }
  ASSERT_EQ(card.size(), 19u);
  const std::string rest = card.substr(4, 4) + " " + card.substr(8, 4) + " " + card.substr(12, 4) + " " + card.substr(16);
  const std::string text = "13800138000 " + rest;  // the mobile is followed by groups that are no card
  expect_single(text, PiiKind::kMobile, "13800138000");
  EXPECT_TRUE(scan(mask_all(text)).empty()) << mask_all(text);
}

TEST(PrivacyScanner, MobileWhosePrefixEndsAnAddressRunKeepsItsDigits) {
  // Found by the fuzzer: "0086" ends the address run, so only the 11 digits are the mobile.
  const std::string text = "y@c.cw.cwn@0086 13882222222。";
  const auto fs = scan(text);
  ASSERT_EQ(fs.size(), 2u);
  EXPECT_EQ(fs[0].kind, PiiKind::kEmail);
  EXPECT_EQ(fs[0].text, "y@c.cw.cwn@0086");
  EXPECT_EQ(fs[1].kind, PiiKind::kMobile);
  EXPECT_EQ(fs[1].text, "13882222222");
  EXPECT_EQ(fs[1].offset, text.find("13882222222"));
  EXPECT_EQ(mask_all(text), "y***@0086 138****2222。");
  EXPECT_TRUE(scan(mask_all(text)).empty());
  const auto apart = scan("a@b.cn 0086 13882222222");  // a separate address: the prefix stays with the mobile
  ASSERT_EQ(apart.size(), 2u);
  EXPECT_EQ(apart[1].text, "0086 13882222222");
}

TEST(PrivacyScanner, MaskingANumberNeverCompletesAnAddress) {
  // The mobile is found (it is bounded by '.'), the run as a whole is no address (doubled '.' and a digit TLD).
  for (std::string_view s : {"x..13800138000.y@c.cn1", "a@b.cn.13800138000", "a@b.cn-13800138000"}) {
    const std::string once = mask_all(s);
    EXPECT_TRUE(scan(once).empty()) << s << " -> " << once;
  }
}

// ----------------------------------------------------------------------------------------------- ordinary numbers

TEST(PrivacyScanner, OrdinaryNumbersAreNotFlagged) {
  for (std::string_view s : {
           "国办发〔2017〕47号",
           "国务院令第306号",
           "法释〔2021〕1号",
           "2017年12月31日",
           "2017-12-31",
           "20171231",
           "2017.12.31",
           "12,345,678.90元",
           "1234567890123.45元",
           "人民币壹拾贰万元（120000.00元）",
           "索引号：000014349/2017-00123",
           "邮政编码100017",
           "电话010-12345678",
           "(0571)87654321",
           "12345",
           "ISBN 978-7-5093-1234-5",
           "第11010519491231002条",  // wrong length for anything: 17 digits, not Luhn-valid
           "统一社会信用代码91350100M000100Y43",
           "统一社会信用代码91110000802100433B",
           "3.1415926535897932384626",
           "0.000000000000000001",
           "1e18",
       }) {
    expect_none(s);
  }
}

TEST(PrivacyScanner, RandomNumbersWithWrongCheckDigitsAreNeverIds) {
  std::mt19937 rng(20250601);
  std::uniform_int_distribution<int> digit(0, 9);
  for (int n = 0; n < 5000; ++n) {
    std::string first17 = "11010519800101";
    for (int i = 0; i < 3; ++i) first17.push_back(static_cast<char>('0' + digit(rng)));
    const char good = resident_id_check_char(first17);
    for (char c : std::string("0123456789X")) {
      if (c == good) continue;
      const auto fs = scan("号码" + first17 + c + "，");
      for (const auto& f : fs) ASSERT_NE(f.kind, PiiKind::kResidentId) << first17 + c;
      ASSERT_TRUE(fs.empty()) << first17 + c << " flagged as " << fs[0].label();
    }
  }
}

// ----------------------------------------------------------------------------------------------- structure

TEST(PrivacyScanner, MixedDocumentSortedAndNonOverlapping) {
  const std::string text =
      "低保对象公示：张三，身份证号" + std::string(kId) + "，电话13800138000，卡号6222021234567890128；" +
      "李四，身份证号" + std::string(kId2) + "，邮箱lisi@example.com，电话+86 139 0013 9000。";
  const auto fs = scan(text);
  ASSERT_EQ(fs.size(), 6u);
  EXPECT_EQ(kinds(fs), (std::vector<PiiKind>{PiiKind::kResidentId, PiiKind::kMobile, PiiKind::kBankCard,
                                             PiiKind::kResidentId, PiiKind::kEmail, PiiKind::kMobile}));
  for (std::size_t i = 0; i < fs.size(); ++i) {
    EXPECT_EQ(text.substr(fs[i].offset, fs[i].length), fs[i].text);
    EXPECT_EQ(fs[i].masked, mask(fs[i].kind, fs[i].text));
    if (i > 0) {
      EXPECT_LE(fs[i - 1].offset + fs[i - 1].length, fs[i].offset);
    }
  }
}

TEST(PrivacyScanner, InvalidUtf8IsHarmless) {
  expect_single("\xff" "13800138000" "\xfe", PiiKind::kMobile, "13800138000");
  expect_single("\xe4\xb8" "13800138000", PiiKind::kMobile, "13800138000");  // truncated 3-byte sequence
  expect_none("\xef\xbc");                                                   // truncated full-width digit
  expect_none("1380013800\xef\xbc");
  expect_none(std::string("138001\0" "38000", 12));
  const std::string nul_inside = std::string("电话") + std::string(1, '\0') + "13800138000";
  expect_single(nul_inside, PiiKind::kMobile, "13800138000");
}

TEST(PrivacyScanner, AdversarialInputsFinishQuickly) {
  // Linear-time smoke test: each of these is 2 MB; a quadratic scanner would take minutes.
  for (std::string_view unit : {"1", "1 ", "1-", "12 ", "1.", "1X", "a@", "@a.", "a.", "１", "x@example.com ",
                                "1234 ", "13800138000,"}) {
    std::string s;
    while (s.size() < (2u << 20)) s += unit;
    const auto fs = scan(s);
    for (std::size_t i = 1; i < fs.size(); ++i) ASSERT_LE(fs[i - 1].offset + fs[i - 1].length, fs[i].offset);
  }
}

// ----------------------------------------------------------------------------------------------- real law texts

struct LawDocument {
  std::string title;
  std::string body;
};

std::vector<LawDocument> load_law_documents(std::size_t limit) {
  std::vector<LawDocument> docs;
  std::ifstream in(std::string(GONGKAI_SHARED_DATA_DIR) + "/documents/lawrefbook_sample_200.jsonl");
  std::string line;
  while (docs.size() < limit && std::getline(in, line)) {
    const boost::json::object obj = boost::json::parse(line).as_object();
    docs.push_back({std::string(obj.at("title").as_string()), std::string(obj.at("body").as_string())});
  }
  return docs;
}

TEST(PrivacyScannerLawTexts, NoPersonalDataFlaggedInLawTexts) {
  const auto docs = load_law_documents(200);
  ASSERT_EQ(docs.size(), 200u) << "expected " GONGKAI_SHARED_DATA_DIR "/documents/lawrefbook_sample_200.jsonl";
  std::size_t bytes = 0;
  for (const auto& doc : docs) {
    bytes += doc.body.size();
    for (const auto& f : scan(doc.body)) {
      // The corpus holds no personal data. Should a future sample flag something, it must at least be genuine:
      // the same validators must accept it.
      ADD_FAILURE() << doc.title << ": " << f.label() << " " << f.text;
      switch (f.kind) {
        case PiiKind::kResidentId:
          EXPECT_EQ(resident_id_check_char(f.value.substr(0, 17)), f.value[17]) << f.text;
          break;
        case PiiKind::kBankCard:
          EXPECT_TRUE(passes_luhn(f.value)) << f.text;
          break;
        case PiiKind::kMobile:
          EXPECT_TRUE(is_mobile_block(f.value)) << f.text;
          break;
        case PiiKind::kEmail:
          EXPECT_TRUE(is_valid_email(f.value)) << f.text;
          break;
      }
    }
    EXPECT_EQ(mask_all(doc.body), doc.body) << doc.title;
  }
  EXPECT_GT(bytes, 500000u);
}

TEST(PrivacyScannerLawTexts, PlantedIdentifiersAreFoundExactlyInRealText) {
  // Recall on real text: plant identifiers into the law texts, glued to the surrounding Chinese, and check that
  // exactly they are found, at the right byte offsets.
  const auto docs = load_law_documents(200);
  ASSERT_EQ(docs.size(), 200u);
  const std::string id(kId);
  const std::string planted_sentence =
      "申请人王某，身份证号" + std::string(kId2) + "，联系电话138-0013-8000，邮箱wang@example.com。";
  std::size_t planted = 0;
  for (const auto& doc : docs) {
    // 1. A whole sentence at the paragraph break nearest the middle.
    std::string text = doc.body;
    std::size_t at = text.find("\n\n", text.size() / 2);
    if (at == std::string::npos) at = text.size();
    text.insert(at, planted_sentence);
    // 2. An ID glued between two Chinese characters: right after the first "，" that is not followed by a digit
    //    (or at the start). After "，2013年" it would be part of a longer digit run, and rightly not found.
    const std::string kComma = "，";
    std::size_t comma = text.find(kComma);
    while (comma != std::string::npos && comma + kComma.size() < text.size() &&
           text[comma + kComma.size()] >= '0' && text[comma + kComma.size()] <= '9')
      comma = text.find(kComma, comma + 1);
    comma = comma == std::string::npos || comma > at ? 0 : comma + kComma.size();
    text.insert(comma, id);
    const std::size_t sentence = at + id.size();

    const auto fs = scan(text);
    ASSERT_EQ(fs.size(), 4u) << doc.title;
    EXPECT_EQ(fs[0].kind, PiiKind::kResidentId);
    EXPECT_EQ(fs[0].offset, comma);
    EXPECT_EQ(fs[0].text, id);
    EXPECT_EQ(fs[1].offset, sentence + planted_sentence.find(kId2));
    EXPECT_EQ(fs[1].kind, PiiKind::kResidentId);
    EXPECT_EQ(fs[2].offset, sentence + planted_sentence.find("138-0013-8000"));
    EXPECT_EQ(fs[2].kind, PiiKind::kMobile);
    EXPECT_EQ(fs[3].offset, sentence + planted_sentence.find("wang@example.com"));
    EXPECT_EQ(fs[3].kind, PiiKind::kEmail);

    const std::string masked = mask_all(text);
    EXPECT_EQ(masked.find(id), std::string::npos);
    EXPECT_EQ(masked.find(kId2), std::string::npos);
    EXPECT_EQ(masked.find("138-0013-8000"), std::string::npos);
    EXPECT_EQ(masked.find("wang@"), std::string::npos);
    EXPECT_NE(masked.find("440524********0014"), std::string::npos);
    EXPECT_TRUE(scan(masked).empty());
    planted += fs.size();
  }
  EXPECT_EQ(planted, 800u);
}

}  // namespace
