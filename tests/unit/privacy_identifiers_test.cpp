// Validators of gongkai/privacy/identifiers.hpp: the standards' own samples, every failure mode, and property
// checks of the check-character algorithms against independent re-derivations of their definitions.
#include "gongkai/privacy/identifiers.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace gongkai::privacy;
using std::chrono::year_month_day;

constexpr year_month_day kToday{std::chrono::year{2025}, std::chrono::June, std::chrono::day{1}};

year_month_day ymd(int y, unsigned m, unsigned d) {
  return year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

// GB 11643 check character re-derived from the definition (not the lookup table): W_i = 2^(18-i) mod 11 and the
// check value a_1 (X = 10) satisfies Σ_{i=1}^{18} a_i·W_i ≡ 1 (mod 11), with W_1 = 1 for the check position.
char id_check_by_definition(std::string_view first17) {
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    int w = 1;
    for (int k = 0; k < 17 - i; ++k) w = (w * 2) % 11;  // 2^(17-i) for 0-based i == 2^(18-(i+1))
    sum += (first17[static_cast<std::size_t>(i)] - '0') * w;
  }
  for (int a = 0; a <= 10; ++a)
    if ((sum + a) % 11 == 1) return a == 10 ? 'X' : static_cast<char>('0' + a);
  return '?';
}

std::string with_id_check(std::string first17) {
  first17.push_back(id_check_by_definition(first17));
  return first17;
}

constexpr std::string_view kCreditSet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

// GB 32100: weights 3^(i-1) mod 31; the check value c satisfies Σ v_i·W_i + c ≡ 0 (mod 31).
bool credit_code_sum_ok(std::string_view code18) {
  int sum = 0;
  int w = 1;
  for (std::size_t i = 0; i < 18; ++i) {
    const auto v = kCreditSet.find(code18[i]);
    if (v == std::string_view::npos) return false;
    sum += static_cast<int>(v) * (i == 17 ? 1 : w);
    w = (w * 3) % 31;
  }
  return sum % 31 == 0;
}

// Luhn check digit appended, computed independently of the library.
std::string with_luhn(std::string body) {
  for (char c = '0'; c <= '9'; ++c) {
    std::string s = body + c;
    int sum = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      int d = s[s.size() - 1 - i] - '0';
      if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    if (sum % 10 == 0) return s;
  }
  return body;
}

// ============================================================================================ resident ID

TEST(PrivacyResidentId, SampleNumbersFromTheStandard) {
  auto a = parse_resident_id("11010519491231002X", kToday);
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_EQ(a->number, "11010519491231002X");
  EXPECT_EQ(a->address_code, "110105");
  EXPECT_EQ(a->birth_date, ymd(1949, 12, 31));
  EXPECT_FALSE(a->male);  // sequence 002: even
  EXPECT_FALSE(a->legacy);

  auto b = parse_resident_id("440524188001010014", kToday);
  ASSERT_TRUE(b.ok()) << b.error().message;
  EXPECT_EQ(b->birth_date, ymd(1880, 1, 1));
  EXPECT_TRUE(b->male);  // sequence 001: odd
}

TEST(PrivacyResidentId, CheckCharOfTheSamples) {
  EXPECT_EQ(resident_id_check_char("11010519491231002"), 'X');  // r = 2
  EXPECT_EQ(resident_id_check_char("44052418800101001"), '4');
}

TEST(PrivacyResidentId, CheckCharRejectsBadInput) {
  EXPECT_EQ(resident_id_check_char(""), '\0');
  EXPECT_EQ(resident_id_check_char("1101051949123100"), '\0');    // 16
  EXPECT_EQ(resident_id_check_char("110105194912310021"), '\0');  // 18
  EXPECT_EQ(resident_id_check_char("1101051949123100X"), '\0');
  EXPECT_EQ(resident_id_check_char("11010519491231 02"), '\0');
}

TEST(PrivacyResidentId, CheckCharAgreesWithTheDefinitionOnRandomNumbers) {
  std::mt19937 rng(11643);
  std::uniform_int_distribution<int> digit(0, 9);
  std::vector<int> seen(11, 0);
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    for (int i = 0; i < 17; ++i) s.push_back(static_cast<char>('0' + digit(rng)));
    const char c = resident_id_check_char(s);
    ASSERT_EQ(c, id_check_by_definition(s)) << s;
    ++seen[c == 'X' ? 10 : c - '0'];
  }
  for (int v = 0; v <= 10; ++v) EXPECT_GT(seen[static_cast<std::size_t>(v)], 0) << "check value " << v;
}

TEST(PrivacyResidentId, LowercaseXIsNormalised) {
  auto r = parse_resident_id("11010519491231002x", kToday);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->number, "11010519491231002X");
}

TEST(PrivacyResidentId, SurroundingWhitespaceIsIgnored) {
  auto r = parse_resident_id(" \t11010519491231002X\r\n", kToday);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->number, "11010519491231002X");
}

TEST(PrivacyResidentId, WrongCheckCharacterSaysWhatItShouldBe) {
  auto r = parse_resident_id("110105194912310021", kToday);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "invalid_resident_id");
  EXPECT_NE(r.error().message.find("校验码错误"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("第18位应为“X”，实际为“1”"), std::string::npos) << r.error().message;
  EXPECT_FALSE(is_valid_resident_id("440524188001010015", kToday));
  EXPECT_FALSE(is_valid_resident_id("44052418800101001X", kToday));
}

TEST(PrivacyResidentId, EverySingleDigitChangeIsDetected) {
  // MOD 11-2 detects all single-character substitutions.
  const std::string good = "11010519491231002X";
  for (std::size_t i = 0; i < 17; ++i) {
    for (char c = '0'; c <= '9'; ++c) {
      if (c == good[i]) continue;
      std::string bad = good;
      bad[i] = c;
      const auto r = parse_resident_id(bad, kToday);
      if (r.ok()) ADD_FAILURE() << bad << " accepted";
    }
  }
}

TEST(PrivacyResidentId, LengthErrors) {
  for (std::string_view s : {"1101051949123100", "11010519491231002", "11010519491231002X1", "1",
                             "1101051949123100211"}) {
    auto r = parse_resident_id(s, kToday);
    ASSERT_FALSE(r.ok()) << s;
    EXPECT_EQ(r.error().code, "invalid_resident_id");
    EXPECT_NE(r.error().message.find("应为18位（旧版为15位），实际为" + std::to_string(s.size()) + "位"),
              std::string::npos)
        << r.error().message;
  }
  auto empty = parse_resident_id("   ", kToday);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().message, "身份证号不能为空");
}

TEST(PrivacyResidentId, LengthCountsCharactersNotBytes) {
  auto r = parse_resident_id("身份证号码", kToday);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("实际为5位"), std::string::npos) << r.error().message;
}

TEST(PrivacyResidentId, IllegalCharacterErrorsNameThePosition) {
  struct Case {
    std::string input;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"1101051949X231002X", "第11位“X”"},
      {"11010519491231002Y", "第18位“Y”"},
      {"1101051949123100２X", "第17位“２”"},  // a full-width digit is one character, and not accepted here
      {"11010519491231-02X", "第15位“-”"},
      {"11010549123100X", "第15位“X”"},  // no check character on legacy numbers
  };
  for (const auto& c : cases) {
    auto r = parse_resident_id(c.input, kToday);
    ASSERT_FALSE(r.ok()) << c.input;
    EXPECT_EQ(r.error().code, "invalid_resident_id");
    EXPECT_NE(r.error().message.find(c.expected), std::string::npos) << r.error().message;
  }
  auto legacy = parse_resident_id("11010549123100X", kToday);
  EXPECT_NE(legacy.error().message.find("15位身份证号只能由数字组成"), std::string::npos);
}

TEST(PrivacyResidentId, BrokenBytesAreNotEchoed) {
  const std::string input = std::string("1101051949123100") + "\xff" + "X";
  auto r = parse_resident_id(input, kToday);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(is_valid_utf8(r.error().message)) << r.error().message;
  EXPECT_NE(r.error().message.find("第17位字符不合法"), std::string::npos) << r.error().message;
  auto ctrl = parse_resident_id(std::string("1101051949123100\x01X", 18), kToday);
  ASSERT_FALSE(ctrl.ok());
  EXPECT_NE(ctrl.error().message.find("第17位字符不合法"), std::string::npos) << ctrl.error().message;
}

TEST(PrivacyResidentId, ProvincePrefixes) {
  const std::vector<int> valid = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42,
                                  43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65};
  for (int p = 0; p <= 99; ++p) {
    const std::string pp = (p < 10 ? "0" : "") + std::to_string(p);
    const std::string id = with_id_check(pp + "010519800101001");
    const bool expected = std::find(valid.begin(), valid.end(), p) != valid.end();
    auto r = parse_resident_id(id, kToday);
    EXPECT_EQ(r.ok(), expected) << id;
    if (!r.ok() && p != 81 && p != 82 && p != 83) {
      EXPECT_NE(r.error().message.find("前两位“" + pp + "”不是有效的省级行政区划代码"), std::string::npos)
          << r.error().message;
    }
  }
}

TEST(PrivacyResidentId, ResidencePermitsOfHongKongMacaoTaiwan) {
  for (std::string_view code : {"810000", "820000", "830000"}) {
    const std::string id = with_id_check(std::string(code) + "19800101001");
    auto r = parse_resident_id(id, kToday);
    ASSERT_TRUE(r.ok()) << id << ": " << r.error().message;
    EXPECT_EQ(r->address_code, code);
  }
  for (std::string_view code : {"810100", "820001", "831000", "710000"}) {
    const std::string id = with_id_check(std::string(code) + "19800101001");
    EXPECT_FALSE(is_valid_resident_id(id, kToday)) << id;
  }
  auto r = parse_resident_id(with_id_check("81010019800101001"), kToday);
  EXPECT_NE(r.error().message.find("810000、820000或830000"), std::string::npos) << r.error().message;
  EXPECT_FALSE(is_valid_resident_id("810000800101001", kToday));  // no permits before 2018, so no legacy form
}

TEST(PrivacyResidentId, BirthDateMustBeARealDate) {
  const auto id = [](std::string_view date) { return with_id_check("110105" + std::string(date) + "002"); };
  EXPECT_TRUE(is_valid_resident_id(id("20000229"), kToday));   // divisible by 400: leap
  EXPECT_TRUE(is_valid_resident_id(id("20040229"), kToday));   // divisible by 4: leap
  EXPECT_FALSE(is_valid_resident_id(id("19000229"), kToday));  // divisible by 100: not leap
  EXPECT_FALSE(is_valid_resident_id(id("20230229"), kToday));
  EXPECT_FALSE(is_valid_resident_id(id("19800431"), kToday));
  EXPECT_FALSE(is_valid_resident_id(id("19801301"), kToday));
  EXPECT_FALSE(is_valid_resident_id(id("19800001"), kToday));
  EXPECT_FALSE(is_valid_resident_id(id("19800100"), kToday));
  EXPECT_FALSE(is_valid_resident_id(id("19800132"), kToday));
  EXPECT_TRUE(is_valid_resident_id(id("19801231"), kToday));
  EXPECT_TRUE(is_valid_resident_id(id("18000101"), kToday));
  EXPECT_FALSE(is_valid_resident_id(id("17991231"), kToday));
  EXPECT_FALSE(is_valid_resident_id(id("00000000"), kToday));

  auto r = parse_resident_id(id("19800230"), kToday);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("出生日期“19800230”不是有效日期"), std::string::npos) << r.error().message;
  auto old = parse_resident_id(id("17991231"), kToday);
  EXPECT_NE(old.error().message.find("早于1800年"), std::string::npos) << old.error().message;
}

TEST(PrivacyResidentId, BirthDateNotInTheFuture) {
  const std::string born_today = with_id_check("11010520250601002");
  const std::string born_tomorrow = with_id_check("11010520250602002");
  EXPECT_TRUE(is_valid_resident_id(born_today, kToday));
  auto r = parse_resident_id(born_tomorrow, kToday);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("晚于今天"), std::string::npos) << r.error().message;
  EXPECT_TRUE(is_valid_resident_id(born_tomorrow, ymd(2025, 6, 2)));  // "today" is the caller's
}

TEST(PrivacyResidentId, Legacy15DigitNumbersAreUpgraded) {
  auto r = parse_resident_id("110105491231002", kToday);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->legacy);
  EXPECT_EQ(r->number, "11010519491231002X");  // the 18-digit sample is the upgrade of this one
  EXPECT_EQ(r->birth_date, ymd(1949, 12, 31));
  EXPECT_FALSE(r->male);

  auto b = parse_resident_id("440524800101001", kToday);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->number, with_id_check("44052419800101001"));
  EXPECT_TRUE(b->male);
}

TEST(PrivacyResidentId, Legacy15DigitFailures) {
  EXPECT_FALSE(is_valid_resident_id("110105490230002", kToday));  // 1949-02-30
  EXPECT_FALSE(is_valid_resident_id("990105491231002", kToday));  // province 99
  auto r = parse_resident_id("110105491331002", kToday);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("出生日期“491331”不是有效日期"), std::string::npos) << r.error().message;
}

// ============================================================================================ mobile

TEST(PrivacyMobile, AcceptedSpellings) {
  for (std::string_view s : {"13800138000", "+8613800138000", "+86 13800138000", "+86-13800138000",
                             "+86 138 0013 8000", "+86-138-0013-8000", "8613800138000", "86 138 0013 8000",
                             "008613800138000", "0086 13800138000", "0086-138-0013-8000", "138 0013 8000",
                             "138-0013-8000", "  13800138000\n"}) {
    auto r = normalize_mobile(s);
    ASSERT_TRUE(r.ok()) << s << ": " << r.error().message;
    EXPECT_EQ(*r, "13800138000") << s;
    EXPECT_TRUE(is_valid_mobile(s));
  }
}

TEST(PrivacyMobile, AllocatedBlocks) {
  // pii_formats.md §2 (VincentSit/ChinaMobilePhoneNumberRegex): voice/SMS, MVNO and data-only blocks.
  for (std::string_view p : {"130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "145", "147",
                             "149", "150", "151", "152", "153", "155", "156", "157", "158", "159", "162", "165",
                             "166", "167", "170", "171", "172", "173", "175", "176", "177", "178", "179", "180",
                             "181", "182", "183", "184", "185", "186", "187", "188", "189", "190", "191", "192",
                             "193", "195", "196", "197", "198", "199"}) {
    const std::string number = std::string(p) + "00138000";
    EXPECT_TRUE(is_mobile_block(number)) << number;
    EXPECT_TRUE(is_valid_mobile(number)) << number;
  }
  for (std::string_view p : {"17400", "17405", "17406", "17409", "17410", "17411", "17412", "17490", "17499"})
    EXPECT_TRUE(is_mobile_block(std::string(p) + "123456")) << p;
}

TEST(PrivacyMobile, UnallocatedBlocks) {
  for (std::string_view p : {"100", "110", "120", "123", "140", "141", "142", "143", "144", "146", "148", "154",
                             "160", "161", "163", "164", "168", "169", "194"}) {
    const std::string number = std::string(p) + "00138000";
    auto r = normalize_mobile(number);
    ASSERT_FALSE(r.ok()) << number;
    EXPECT_EQ(r.error().code, "invalid_mobile");
    EXPECT_NE(r.error().message.find("号段“" + std::string(p) + "”不是已分配的大陆手机号段"), std::string::npos)
        << r.error().message;
  }
  for (std::string_view p : {"17413", "17419", "17420", "17450", "17480"})
    EXPECT_FALSE(is_mobile_block(std::string(p) + "123456")) << p;
}

TEST(PrivacyMobile, IsMobileBlockWantsExactlyElevenDigits) {
  EXPECT_FALSE(is_mobile_block(""));
  EXPECT_FALSE(is_mobile_block("1380013800"));
  EXPECT_FALSE(is_mobile_block("138001380000"));
  EXPECT_FALSE(is_mobile_block("138 0013 800"));
  EXPECT_FALSE(is_mobile_block("8613800138000"));
}

TEST(PrivacyMobile, Failures) {
  struct Case {
    std::string input;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"", "手机号不能为空"},
      {"1380013800", "应为11位数字，实际为10位"},
      {"138001380001", "应为11位数字，实际为12位"},
      {"10086", "实际为5位"},
      {"23800138000", "手机号应以1开头"},
      {"+13800138000", "应为+86加11位号码"},
      {"+008613800138000", "应为+86加11位号码"},
      {"138--0013-8000", "空格或连字符位置不对"},
      {"-13800138000", "空格或连字符位置不对"},
      {"13800138000-", "空格或连字符位置不对"},
      {"138.0013.8000", "第4位“.”不合法"},
      {"１３８００１３８０００", "第1位“１”不合法"},
      {"138001380OO", "第10位“O”不合法"},
      {"(+86)13800138000", "第1位“(”不合法"},
  };
  for (const auto& c : cases) {
    auto r = normalize_mobile(c.input);
    ASSERT_FALSE(r.ok()) << c.input;
    EXPECT_EQ(r.error().code, "invalid_mobile");
    EXPECT_NE(r.error().message.find(c.expected), std::string::npos) << c.input << ": " << r.error().message;
    EXPECT_FALSE(is_valid_mobile(c.input));
  }
}

// ============================================================================================ credit code

TEST(PrivacyCreditCode, PublishedCodes) {
  for (std::string_view s : {"91350100M000100Y43", "91110000802100433B"}) {
    auto r = normalize_credit_code(s);
    ASSERT_TRUE(r.ok()) << s << ": " << r.error().message;
    EXPECT_EQ(*r, s);
    EXPECT_TRUE(is_valid_credit_code(s));
    EXPECT_TRUE(credit_code_sum_ok(s));
  }
  EXPECT_EQ(credit_code_check_char("91350100M000100Y4"), '3');
  EXPECT_EQ(credit_code_check_char("91110000802100433"), 'B');
}

TEST(PrivacyCreditCode, LowerCaseAndWhitespaceAreNormalised) {
  auto r = normalize_credit_code("  91350100m000100y43\t");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(*r, "91350100M000100Y43");
  EXPECT_EQ(credit_code_check_char("91350100m000100y4"), '3');
}

TEST(PrivacyCreditCode, CheckCharRejectsBadInput) {
  EXPECT_EQ(credit_code_check_char(""), '\0');
  EXPECT_EQ(credit_code_check_char("91350100M000100Y"), '\0');    // 16
  EXPECT_EQ(credit_code_check_char("91350100M000100Y43"), '\0');  // 18
  for (char bad : {'I', 'O', 'S', 'V', 'Z', 'i', 'o', 's', 'v', 'z', '-', ' ', '*'}) {
    std::string s = "91350100M000100Y4";
    s[8] = bad;
    EXPECT_EQ(credit_code_check_char(s), '\0') << s;
  }
  EXPECT_EQ(credit_code_check_char("91350100中000100"), '\0');  // 17 bytes, not 17 characters of the set
}

TEST(PrivacyCreditCode, CheckCharAgreesWithTheDefinition) {
  std::mt19937 rng(32100);
  std::uniform_int_distribution<std::size_t> pick(0, kCreditSet.size() - 1);
  std::string seen;
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    for (int i = 0; i < 17; ++i) s.push_back(kCreditSet[pick(rng)]);
    const char c = credit_code_check_char(s);
    ASSERT_NE(c, '\0') << s;
    ASSERT_TRUE(credit_code_sum_ok(s + c)) << s + c;
    ASSERT_TRUE(is_valid_credit_code(s + c)) << s + c;
    if (seen.find(c) == std::string::npos) seen.push_back(c);
  }
  EXPECT_EQ(seen.size(), 31u) << "every character of the set occurs as a check character";
}

TEST(PrivacyCreditCode, GeneratesValidDemoCodes) {
  // How the demo data makes codes: authority 9 (工商), type 1 (企业), area 110108 (海淀区), a 9-character
  // organisation code, then the check character.
  for (std::string_view org : {"MA01ABCD0", "MA01ABCD1", "123456789", "MA7XQ3LL2"}) {
    const std::string first17 = "91110108" + std::string(org);
    const char c = credit_code_check_char(first17);
    ASSERT_NE(c, '\0') << first17;
    EXPECT_TRUE(is_valid_credit_code(first17 + c)) << first17 + c;
  }
}

TEST(PrivacyCreditCode, EverySingleCharacterChangeIsDetected) {
  const std::string good = "91350100M000100Y43";
  for (std::size_t i = 0; i < 18; ++i) {
    for (char c : kCreditSet) {
      if (c == good[i]) continue;
      std::string bad = good;
      bad[i] = c;
      if (is_valid_credit_code(bad)) ADD_FAILURE() << bad << " accepted";
    }
  }
}

TEST(PrivacyCreditCode, Errors) {
  struct Case {
    std::string input;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"", "统一社会信用代码不能为空"},
      {" \t ", "统一社会信用代码不能为空"},
      {"91350100M000100Y4", "统一社会信用代码应为18位，实际为17位"},
      {"91350100M000100Y433", "统一社会信用代码应为18位，实际为19位"},
      {"统一社会信用代码", "统一社会信用代码应为18位，实际为8位"},
      {"91350100M000100Y44", "统一社会信用代码校验码错误：第18位应为“3”，实际为“4”"},
      {"91110000802100433C", "第18位应为“B”，实际为“C”"},
      {"91350100I000100Y43", "统一社会信用代码第9位“I”不合法：只能使用数字和除I、O、S、V、Z以外的大写英文字母"},
      {"91350100O000100Y43", "第9位“O”不合法"},
      {"91350100S000100Y43", "第9位“S”不合法"},
      {"91350100V000100Y43", "第9位“V”不合法"},
      {"91350100Z000100Y43", "第9位“Z”不合法"},
      {"91350100o000100Y43", "第9位“o”不合法"},
      {"91350100-000100Y43", "第9位“-”不合法"},
      {"91350100 000100Y43", "第9位“ ”不合法"},
      {"91350100Ｍ000100Y43", "第9位“Ｍ”不合法"},  // full-width letter: one character, not accepted
      {"91350100中000100Y43", "第9位“中”不合法"},
  };
  for (const auto& c : cases) {
    auto r = normalize_credit_code(c.input);
    ASSERT_FALSE(r.ok()) << c.input;
    EXPECT_EQ(r.error().code, "invalid_credit_code");
    EXPECT_NE(r.error().message.find(c.expected), std::string::npos) << c.input << ": " << r.error().message;
    EXPECT_TRUE(r.error().field.empty());
    EXPECT_FALSE(is_valid_credit_code(c.input));
  }
}

TEST(PrivacyCreditCode, BrokenBytesAreNotEchoed) {
  const std::string input = std::string("91350100") + "\xc3" + "000100Y4" + "\x80";  // 18 "characters"
  auto r = normalize_credit_code(input);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(is_valid_utf8(r.error().message)) << r.error().message;
  EXPECT_NE(r.error().message.find("第9位字符不合法"), std::string::npos) << r.error().message;
}

// ============================================================================================ bank card

TEST(PrivacyBankCard, Luhn) {
  EXPECT_TRUE(passes_luhn("79927398713"));  // the textbook example (ISO/IEC 7812-1 Annex B)
  for (char c = '0'; c <= '9'; ++c) {
    if (c != '3') {
      EXPECT_FALSE(passes_luhn(std::string("7992739871") + c));
    }
  }
  EXPECT_TRUE(passes_luhn("0"));
  EXPECT_FALSE(passes_luhn(""));
  EXPECT_FALSE(passes_luhn("7992739871a"));
  EXPECT_FALSE(passes_luhn("79927 398713"));
}

TEST(PrivacyBankCard, ValidCards) {
  for (std::string_view s : {"4111111111111111", "6222021234567890128"}) {
    auto r = normalize_bank_card(s);
    ASSERT_TRUE(r.ok()) << s << ": " << r.error().message;
    EXPECT_EQ(*r, s);
  }
  for (std::size_t len = 16; len <= 19; ++len) {
    const std::string card = with_luhn("62" + std::string(len - 3, '7'));
    ASSERT_EQ(card.size(), len);
    EXPECT_TRUE(is_valid_bank_card(card)) << card;
  }
  auto grouped = normalize_bank_card("6222 0212 3456 7890 128");
  ASSERT_TRUE(grouped.ok());
  EXPECT_EQ(*grouped, "6222021234567890128");
  EXPECT_TRUE(is_valid_bank_card("4111-1111-1111-1111"));
}

TEST(PrivacyBankCard, Errors) {
  struct Case {
    std::string input;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"", "银行卡号不能为空"},
      {with_luhn("62220212345678"), "应为16至19位数字，实际为15位"},
      {with_luhn("6222021234567890123"), "应为16至19位数字，实际为20位"},
      {"4111111111111112", "校验位（Luhn）错误"},
      {"6222021234567890129", "校验位（Luhn）错误"},
      {"4111 1111 1111 111a", "第19位“a”不合法"},
      {"4111  1111 1111 1111", "空格或连字符位置不对"},
      {"+4111111111111111", "第1位“+”不合法"},
  };
  for (const auto& c : cases) {
    auto r = normalize_bank_card(c.input);
    ASSERT_FALSE(r.ok()) << c.input;
    EXPECT_EQ(r.error().code, "invalid_bank_card");
    EXPECT_NE(r.error().message.find(c.expected), std::string::npos) << c.input << ": " << r.error().message;
    EXPECT_FALSE(is_valid_bank_card(c.input));
  }
}

// ============================================================================================ e-mail

TEST(PrivacyEmail, ValidAddresses) {
  for (std::string_view s : {"zhangsan@example.com", "a@b.cn", "zhang.san+gov@mail.example.gov.cn",
                             "x_y-z%1@sub-domain.example.org", "o'brien@example.ie", "user@example.xn--fiqs8s",
                             "1234567@qq.com"}) {
    EXPECT_TRUE(is_valid_email(s)) << s << ": " << normalize_email(s).error().message;
  }
  auto r = normalize_email("  Zhang.San@Mail.EXAMPLE.Com ");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "Zhang.San@mail.example.com");  // the local part keeps its case (RFC 5321 §2.4)
}

TEST(PrivacyEmail, Errors) {
  struct Case {
    std::string input;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"", "电子邮箱不能为空"},
      {"zhangsan.example.com", "缺少“@”"},
      {"a@b@example.com", "只能包含一个“@”"},
      {"@example.com", "用户名不能为空"},
      {std::string(65, 'a') + "@example.com", "不能超过64个字符"},
      {"张三@example.com", "不允许的字符“张”"},
      {"a b@example.com", "不允许的字符“ ”"},
      {".a@example.com", "“.”不能在开头、结尾或连续出现"},
      {"a.@example.com", "“.”不能在开头、结尾或连续出现"},
      {"a..b@example.com", "“.”不能在开头、结尾或连续出现"},
      {"a@", "域名不能为空"},
      {"a@" + std::string(250, 'b') + ".com", "域名过长"},
      {"a@" + std::string(64, 'b') + ".com", "每一段应为1至63个"},
      {"a@example..com", "每一段应为1至63个"},
      {"a@-example.com", "每一段应为1至63个"},
      {"a@example-.com", "每一段应为1至63个"},
      {"a@.example.com", "每一段应为1至63个"},
      {"a@example.com.", "每一段应为1至63个"},
      {"a@exa_mple.com", "只能使用英文字母、数字、连字符和“.”"},
      {"a@[192.168.0.1]", "只能使用英文字母、数字、连字符和“.”"},
      {"a@例子.com", "只能使用英文字母、数字、连字符和“.”"},
      {"a@localhost", "应至少包含一个“.”"},
      {"a@example.c", "顶级域名应为至少两个英文字母"},
      {"a@example.123", "顶级域名应为至少两个英文字母"},
      {"a@example.c1", "顶级域名应为至少两个英文字母"},
      {"a@example.xn--", "每一段应为1至63个"},
  };
  for (const auto& c : cases) {
    auto r = normalize_email(c.input);
    ASSERT_FALSE(r.ok()) << c.input;
    EXPECT_EQ(r.error().code, "invalid_email");
    EXPECT_NE(r.error().message.find(c.expected), std::string::npos) << c.input << ": " << r.error().message;
    EXPECT_TRUE(is_valid_utf8(r.error().message));
    EXPECT_FALSE(is_valid_email(c.input));
  }
  auto broken = normalize_email("a\xff@example.com");
  ASSERT_FALSE(broken.ok());
  EXPECT_TRUE(is_valid_utf8(broken.error().message)) << broken.error().message;
  auto broken_domain = normalize_email("a@exa\xffmple.com");
  ASSERT_FALSE(broken_domain.ok());
  EXPECT_TRUE(is_valid_utf8(broken_domain.error().message)) << broken_domain.error().message;
}

TEST(PrivacyEmail, LimitsAreInclusive) {
  EXPECT_TRUE(is_valid_email(std::string(64, 'a') + "@example.com"));
  EXPECT_TRUE(is_valid_email("a@" + std::string(63, 'b') + ".com"));
  std::string domain;
  while (domain.size() + 64 <= 253) domain += std::string(63, 'c') + ".";
  domain += std::string(253 - domain.size() - 3, 'd') + ".cn";
  ASSERT_EQ(domain.size(), 253u);
  EXPECT_TRUE(is_valid_email("a@" + domain)) << normalize_email("a@" + domain).error().message;
}

}  // namespace
