// Masking rules of DOMAIN §8 (gongkai/privacy/mask.hpp), on code points, and mask_all over mixed text.
#include "gongkai/privacy/mask.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "gongkai/privacy/identifiers.hpp"
#include "gongkai/privacy/scanner.hpp"

namespace {

using namespace gongkai::privacy;

// ----------------------------------------------------------------------------------------------- resident ID

TEST(PrivacyMask, ResidentIdKeepsFirstSixAndLastFour) {
  EXPECT_EQ(mask_resident_id("11010519491231002X"), "110105********002X");  // the example in DOMAIN §8
  EXPECT_EQ(mask_resident_id("440524188001010014"), "440524********0014");
  EXPECT_EQ(mask_resident_id("11010519491231002x"), "110105********002x");
  EXPECT_EQ(mask_resident_id("110105 19491231 002X"), "110105 ******** 002X");
  EXPECT_EQ(mask_resident_id("１１０１０５１９４９１２３１００２Ｘ"), "１１０１０５********００２Ｘ");
  EXPECT_EQ(mask_resident_id("110105491231002"), "110105*****1002");  // legacy 15 digits
}

TEST(PrivacyMask, TooShortToKeepAnythingMasksEverything) {
  EXPECT_EQ(mask_resident_id(""), "");
  EXPECT_EQ(mask_resident_id("1234"), "****");
  EXPECT_EQ(mask_resident_id("1234567890"), "**********");  // 6 + 4 would hide nothing
  EXPECT_EQ(mask_resident_id("12345678901"), "123456*8901");
  EXPECT_EQ(mask_mobile("1380013"), "*******");
  EXPECT_EQ(mask_bank_card("622202-0128"), "******-****");
}

// ----------------------------------------------------------------------------------------------- mobile

TEST(PrivacyMask, MobileKeepsFirstThreeAndLastFour) {
  EXPECT_EQ(mask_mobile("13800138000"), "138****8000");  // the example in DOMAIN §8
  EXPECT_EQ(mask_mobile("138 0013 8000"), "138 **** 8000");
  EXPECT_EQ(mask_mobile("138-0013-8000"), "138-****-8000");
  EXPECT_EQ(mask_mobile("１３８００１３８０００"), "１３８****８０００");
}

TEST(PrivacyMask, MobileCountryPrefixIsKept) {
  EXPECT_EQ(mask_mobile("+8613800138000"), "+86138****8000");
  EXPECT_EQ(mask_mobile("8613800138000"), "86138****8000");
  EXPECT_EQ(mask_mobile("+86 138-0013-8000"), "+86 138-****-8000");
  EXPECT_EQ(mask_mobile("008613800138000"), "0086138****8000");
  EXPECT_EQ(mask_mobile("0086 138 0013 8000"), "0086 138 **** 8000");
  EXPECT_EQ(mask_mobile("＋８６１３８００１３８０００"), "＋８６１３８****８０００");
}

// ----------------------------------------------------------------------------------------------- bank card

TEST(PrivacyMask, BankCardKeepsFirstSixAndLastFour) {
  EXPECT_EQ(mask_bank_card("6222021234567890128"), "622202*********0128");
  EXPECT_EQ(mask_bank_card("4111111111111111"), "411111******1111");
  EXPECT_EQ(mask_bank_card("6222 0212 3456 7890 128"), "6222 02** **** ***0 128");
  EXPECT_EQ(mask_bank_card("4111-1111-1111-1111"), "4111-11**-****-1111");
}

// ----------------------------------------------------------------------------------------------- e-mail

TEST(PrivacyMask, EmailKeepsFirstCharacterAndDomain) {
  EXPECT_EQ(mask_email("zhangsan@example.com"), "z***@example.com");
  EXPECT_EQ(mask_email("z@example.com"), "z***@example.com");  // always three stars: length is hidden
  EXPECT_EQ(mask_email("Zhang.San+gov@mail.example.gov.cn"), "Z***@mail.example.gov.cn");
  EXPECT_EQ(mask_email("张三@example.com"), "张***@example.com");  // by code point, not byte
  EXPECT_EQ(mask_email("a@b@example.com"), "a***@example.com");  // split at the last '@'
  EXPECT_EQ(mask_email("@example.com"), "***@example.com");
  EXPECT_EQ(mask_email("zhangsan"), "***");
  EXPECT_EQ(mask_email(""), "***");
}

TEST(PrivacyMask, EmailDomainKeepsOrdinaryNumbersButNotPersonalOnes) {
  EXPECT_EQ(mask_email("zhangsan@163.com"), "z***@163.com");
  EXPECT_EQ(mask_email("zhangsan@139.com"), "z***@139.com");
  EXPECT_EQ(mask_email("a@13800138000.cn"), "a***@138****8000.cn");
  // Found by the fuzzer: a Luhn-valid label used to surface as a bank card once the local part was masked.
  const std::string text = "aexample.com@1010519491231002.Xcccn?";
  ASSERT_TRUE(passes_luhn("1010519491231002"));
  const std::string masked = mask_all(text);
  EXPECT_EQ(masked, "a***@101051******1002.Xcccn?");
  EXPECT_TRUE(scan(masked).empty());
}

// ----------------------------------------------------------------------------------------------- names

TEST(PrivacyMask, Names) {
  EXPECT_EQ(mask_name("张三"), "张*");    // DOMAIN §8
  EXPECT_EQ(mask_name("张小明"), "张*明");
  EXPECT_EQ(mask_name("欧阳娜娜"), "欧**娜");
  EXPECT_EQ(mask_name("司马相如君"), "司***君");
  EXPECT_EQ(mask_name("张"), "*");
  EXPECT_EQ(mask_name(""), "");
  EXPECT_EQ(mask_name("买买提·艾力"), "买**·*力");
  EXPECT_EQ(mask_name("阿依古丽•买买提"), "阿***•**提");
  EXPECT_EQ(mask_name("John Smith"), "J*** ****h");
  EXPECT_EQ(mask_name("𠮷田"), "𠮷*");  // a 4-byte code point is one character
}

TEST(PrivacyMask, NameOnInvalidUtf8CountsBytesAsCharacters) {
  EXPECT_EQ(mask_name("\xff\xfe"), "\xff*");
  EXPECT_EQ(mask_name("张\xe4\xb8明"), "张**明");  // a truncated sequence: two broken bytes
}

// ----------------------------------------------------------------------------------------------- dispatch

TEST(PrivacyMask, DispatchOnKind) {
  EXPECT_EQ(mask(PiiKind::kResidentId, "11010519491231002X"), "110105********002X");
  EXPECT_EQ(mask(PiiKind::kMobile, "13800138000"), "138****8000");
  EXPECT_EQ(mask(PiiKind::kBankCard, "6222021234567890128"), "622202*********0128");
  EXPECT_EQ(mask(PiiKind::kEmail, "zhangsan@example.com"), "z***@example.com");
}

// ----------------------------------------------------------------------------------------------- mask_all

TEST(PrivacyMask, MaskAllReplacesEveryFinding) {
  const std::string text =
      "2024年第三季度低保对象公示\n"
      "1. 张*，身份证号11010519491231002X，电话13800138000，开户行卡号6222021234567890128；\n"
      "2. 李*，身份证号440524188001010014，邮箱lisi@example.com，电话+86 139-0013-9000。\n"
      "依据国办发〔2017〕47号，公示期2024年10月1日至10月7日。";
  const std::string expected =
      "2024年第三季度低保对象公示\n"
      "1. 张*，身份证号110105********002X，电话138****8000，开户行卡号622202*********0128；\n"
      "2. 李*，身份证号440524********0014，邮箱l***@example.com，电话+86 139-****-9000。\n"
      "依据国办发〔2017〕47号，公示期2024年10月1日至10月7日。";
  EXPECT_EQ(mask_all(text), expected);
}

TEST(PrivacyMask, MaskAllLeavesCleanTextByteForByte) {
  for (std::string_view s : {"", "第一条 为了保障公民、法人和其他组织依法获取政府信息，制定本条例。",
                             "国办发〔2017〕47号 2017-12-31 12,345.67元", "\xff\xfe\xef\xbc",
                             "统一社会信用代码91350100M000100Y43"}) {
    EXPECT_EQ(mask_all(s), s);
  }
}

TEST(PrivacyMask, MaskAllIsIdempotentAndHidesEverything) {
  const std::string text =
      "张三11010519491231002X男，１３８００１３８０００，卡号 6222 0212 3456 7890 128，"
      "13800138000@163.com，身份证 440524-18800101-0014。";
  const std::string once = mask_all(text);
  EXPECT_TRUE(scan(once).empty()) << once;
  EXPECT_EQ(mask_all(once), once);
  for (std::string_view secret : {"19491231", "0013", "１３８００", "0212 3456 7890", "138001", "18800101"})
    EXPECT_EQ(once.find(secret), std::string::npos) << secret << " in " << once;
  EXPECT_NE(once.find("张三110105********002X男"), std::string::npos) << once;
  EXPECT_NE(once.find("１３８****８０００"), std::string::npos) << once;
  EXPECT_NE(once.find("1***@163.com"), std::string::npos) << once;
}

TEST(PrivacyMask, MaskAllLengthBound) {
  // Masking never grows the text, except by the three stars of each e-mail.
  const std::string text = "a@b.cn、z@example.com、11010519491231002X、１３８００１３８０００";
  const auto findings = scan(text);
  std::size_t emails = 0;
  for (const auto& f : findings) emails += f.kind == PiiKind::kEmail ? 1 : 0;
  EXPECT_EQ(emails, 2u);
  const std::string masked = mask_all(text);
  EXPECT_LE(masked.size(), text.size() + 3 * emails);
  EXPECT_EQ(masked, "a***@b.cn、z***@example.com、110105********002X、１３８****８０００");
}

}  // namespace
