// Validators for the identifiers the platform has to recognise: resident identity numbers, mainland mobile numbers,
// unified social credit codes, bank card numbers and e-mail addresses. Facts and sources are collected in
// shared/data/pii/pii_formats.md; each function below cites the standard it implements.
//
// Conventions, common to every function in this header:
//  * Pure: no I/O, no clock, no locale. Anything that depends on the date takes `today` as a parameter.
//  * Input is a UTF-8 string as typed by a person. Leading and trailing ASCII whitespace is ignored; anything
//    else that the format does not allow is an error. Full-width characters (０-９, Ａ-Ｚ) are NOT accepted here:
//    run the input through NFKC first (platform/text) if a form may receive them. The scanner (scanner.hpp)
//    does accept them in running text.
//  * `normalize_*` / `parse_*` return the canonical form or a platform::Error whose `code` is stable
//    (`invalid_resident_id`, `invalid_mobile`, `invalid_credit_code`, `invalid_bank_card`, `invalid_email`) and
//    whose `message` tells a person, in Simplified Chinese, what exactly is wrong. `field` is left empty: the
//    caller knows which form field it validated.
//  * `is_valid_*(s)` is exactly `normalize_*(s).ok()` (or `parse_*`), for callers that only need a yes/no.
//  * Error messages are always valid UTF-8, even when the input is not.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "platform/result.hpp"

namespace gongkai::privacy {

// ---------------------------------------------------------------------------------------------------------------
// Resident identity number (公民身份号码), GB 11643-1999.
//
// 18 characters `AAAAAA YYYYMMDD SSS C`:
//  * AAAAAA: address code (GB/T 2260). Only the two-digit province prefix is checked, because codes of abolished
//    divisions stay valid on old cards: 11–15, 21–23, 31–37, 41–46, 50–54, 61–65. Residence permits for Hong Kong,
//    Macao and Taiwan residents (港澳台居民居住证, since 2018) use the same format with exactly 810000, 820000 or
//    830000; any other 81xxxx/82xxxx/83xxxx is rejected. 71 (Taiwan in GB/T 2260) is not used on ID numbers and is
//    rejected.
//  * YYYYMMDD: date of birth, a real Gregorian date, year 1800 or later, not after `today`.
//  * SSS: sequence code; odd for men, even for women.
//  * C: check character, ISO 7064:1983 MOD 11-2 (weights 2^(18-i) mod 11; remainder r -> "10X98765432"[r]).
//    'X' is allowed only here; a lowercase 'x' is accepted and normalised to 'X'.
//
// Legacy 15-digit numbers (GB 11643-1989, issued before 1999): `AAAAAA YYMMDD SSS`, no check digit, century
// assumed to be 19 (the 1989 standard's 996–999 sequence codes for centenarians are not given special treatment).
// They are recognised and upgraded as GB 11643-1999 prescribes: insert "19" before YYMMDD, append the check
// character. Only mainland province prefixes are valid on them.
// ---------------------------------------------------------------------------------------------------------------

struct ResidentId {
  std::string number;                   // canonical 18 characters, upper-case 'X'; upgraded if the input was legacy
  bool legacy = false;                  // the input was a 15-digit number
  std::string address_code;             // the six-digit address code
  std::chrono::year_month_day birth_date{};
  bool male = false;                    // sequence code odd
};

// The ISO 7064 MOD 11-2 check character ('0'..'9' or 'X') for the first 17 digits of an 18-character number.
// Returns '\0' unless `first17` is exactly 17 ASCII digits.
char resident_id_check_char(std::string_view first17);

// Parses and validates an 18-character or legacy 15-digit number. Errors (code "invalid_resident_id"): empty;
// wrong length; illegal character (with its position); unknown province prefix; residence-permit code other than
// 810000/820000/830000; birth date not a real date, before 1800 or after `today`; wrong check character (the
// message says which character it should be).
platform::Result<ResidentId> parse_resident_id(std::string_view text, std::chrono::year_month_day today);

// parse_resident_id(text, today).ok()
bool is_valid_resident_id(std::string_view text, std::chrono::year_month_day today);

// ---------------------------------------------------------------------------------------------------------------
// Mainland mobile number (11 digits starting with 1).
//
// Accepted spellings: an optional country prefix "+86", "86" or "0086", optionally followed by one space or
// hyphen, then the 11 digits, which may contain single spaces or hyphens between digits (138 0013 8000,
// 138-0013-8000). The number must lie in a block allocated for voice/SMS or data-only use, per the pattern in
// VincentSit/ChinaMobilePhoneNumberRegex (MIT, 2020-05): 13x, 145/147/149, 15x except 154, 162/165/166/167,
// 170–173, 1740x, 1741[0-2], 1749x, 175–179, 18x, 19x except 194. 13-digit IoT numbers are not mobiles here.
// Since 2019 number portability (携号转网) means the block no longer tells the carrier, so none is reported.
// ---------------------------------------------------------------------------------------------------------------

// Returns the 11-digit national number, without prefix or separators. Errors (code "invalid_mobile"): empty;
// illegal character; misplaced separator; wrong number of digits; "+" without 86; unallocated number block.
platform::Result<std::string> normalize_mobile(std::string_view text);

// normalize_mobile(text).ok()
bool is_valid_mobile(std::string_view text);

// True iff `digits` is exactly 11 ASCII digits in an allocated block (see above). No prefix, no separators.
bool is_mobile_block(std::string_view digits);

// ---------------------------------------------------------------------------------------------------------------
// Unified social credit code (统一社会信用代码), GB 32100-2015, for legal persons and other organisations.
//
// 18 characters from the 31-character set "0123456789ABCDEFGHJKLMNPQRTUWXY" (no I, O, S, V, Z):
// registration authority (1) + organisation type (1) + area code (6) + organisation code, GB 11714 (9) + check (1).
// Check character: weights 3^(i-1) mod 31 (1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28), S = Σ value×weight,
// C = (31 − S mod 31) mod 31, mapped back through the set. Only the character set and the check character are
// validated; the authority, type and area codes are not looked up.
//
// Organisation codes identify organisations, not people: they are published openly and are not personal data.
// ---------------------------------------------------------------------------------------------------------------

// Returns the canonical code: the input without surrounding whitespace, lower-case letters upper-cased.
// Errors (code "invalid_credit_code"), with a Chinese message saying what is wrong:
//   empty                  统一社会信用代码不能为空
//   length                 统一社会信用代码应为18位，实际为N位                 (N counts characters, not bytes)
//   illegal character      统一社会信用代码第N位“c”不合法：只能使用数字和除I、O、S、V、Z以外的大写英文字母
//   check character        统一社会信用代码校验码错误：第18位应为“X”，实际为“Y”
platform::Result<std::string> normalize_credit_code(std::string_view text);

// normalize_credit_code(text).ok()
bool is_valid_credit_code(std::string_view text);

// The GB 32100 check character for the first 17 characters (lower case accepted), e.g. for generating valid demo
// codes. Returns '\0' unless `first17` is exactly 17 characters of the code set.
char credit_code_check_char(std::string_view first17);

// ---------------------------------------------------------------------------------------------------------------
// Bank card number (银行卡号): 16–19 digits (ISO/IEC 7812 PAN lengths used by Chinese cards) whose last digit is the
// Luhn (mod 10, ISO/IEC 7812-1 Annex B) check digit. Single spaces or hyphens between digits are accepted
// (6222 0212 3456 7890 128). The issuer (IIN) is not checked.
// ---------------------------------------------------------------------------------------------------------------

// Returns the digits without separators. Errors (code "invalid_bank_card"): empty; illegal character; misplaced
// separator; not 16–19 digits; Luhn check fails.
platform::Result<std::string> normalize_bank_card(std::string_view text);

// normalize_bank_card(text).ok()
bool is_valid_bank_card(std::string_view text);

// True iff `digits` is non-empty, all ASCII digits, and passes the Luhn check (any length).
bool passes_luhn(std::string_view digits);

// ---------------------------------------------------------------------------------------------------------------
// E-mail address: the common "dot-atom" subset of RFC 5322 §3.4.1 that people actually type, ASCII only:
//  * local part: 1–64 characters of A-Z a-z 0-9 and ! # $ % & ' * + / = ? ^ _ ` { | } ~ - and '.', with no leading,
//    trailing or doubled '.' (quoted local parts and internationalised addresses, RFC 6531, are not accepted);
//  * domain: at most 253 characters, two or more labels separated by '.', each 1–63 characters of letters, digits
//    and '-' not starting or ending with '-' (RFC 1035); the last label (TLD) is letters only, at least 2, or an
//    IDNA "xn--" label. IP-literal domains are not accepted.
// ---------------------------------------------------------------------------------------------------------------

// Returns the address with the domain lower-cased (the local part keeps its case: RFC 5321 §2.4). Errors (code
// "invalid_email"): empty; no '@' or more than one; bad local part; bad domain.
platform::Result<std::string> normalize_email(std::string_view text);

// normalize_email(text).ok()
bool is_valid_email(std::string_view text);

}  // namespace gongkai::privacy
