// Validators for personal and organisational identifiers. See identifiers.hpp for the contracts and
// shared/data/pii/pii_formats.md for the facts.
#include "gongkai/privacy/identifiers.hpp"

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "gongkai/privacy/chars.hpp"

namespace gongkai::privacy {

using detail::count_code_points;
using detail::decode_utf8;
using detail::is_ascii_digit;
using detail::quotable_char_at;
using detail::quoted;
using detail::trim_ascii_space;
using platform::make_error;
using platform::Result;

namespace {

// "第N位“c”" or "第N位字符" when the character must not be echoed.
std::string position_and_char(std::size_t position, std::string_view s, std::size_t byte_pos) {
  const std::string c = quotable_char_at(s, byte_pos);
  std::string out = "第" + std::to_string(position) + "位";
  out += c.empty() ? std::string("字符") : "“" + c + "”";
  return out;
}

int two_digits(std::string_view s, std::size_t pos) { return (s[pos] - '0') * 10 + (s[pos + 1] - '0'); }

int four_digits(std::string_view s, std::size_t pos) { return two_digits(s, pos) * 100 + two_digits(s, pos + 2); }

// ------------------------------------------------------------------------------------------------ resident ID

constexpr std::string_view kIdCode = "invalid_resident_id";

// GB 11643-1999 via GB/T 2260: province-level prefixes of the mainland.
bool mainland_province(int p) {
  return (p >= 11 && p <= 15) || (p >= 21 && p <= 23) || (p >= 31 && p <= 37) || (p >= 41 && p <= 46) ||
         (p >= 50 && p <= 54) || (p >= 61 && p <= 65);
}

// Residence permits for Hong Kong, Macao and Taiwan residents (港澳台居民居住证申领发放办法, 2018).
bool residence_permit_province(int p) { return p == 81 || p == 82 || p == 83; }

std::chrono::year_month_day make_date(int y, int m, int d) {
  return std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                     std::chrono::day{static_cast<unsigned>(d)}};
}

// Checks the address and birth-date parts of an all-digit 18- or 15-character number. `date_pos`/`year` locate
// the birth date: for 18 characters YYYYMMDD at 6, for 15 characters YYMMDD at 6 with the century given.
// Returns an empty string when fine, else the error message.
std::string check_address_and_date(std::string_view s, bool legacy, std::chrono::year_month_day latest,
                                   std::chrono::year_month_day* birth) {
  const int province = two_digits(s, 0);
  if (residence_permit_province(province) && !legacy) {
    if (s.substr(2, 4) != "0000") return "港澳台居民居住证号码的地址码应为810000、820000或830000";
  } else if (!mainland_province(province)) {
    return "身份证号前两位“" + std::string(s.substr(0, 2)) + "”不是有效的省级行政区划代码";
  }
  const int year = legacy ? 1900 + two_digits(s, 6) : four_digits(s, 6);
  const std::size_t md = legacy ? 8 : 10;
  const auto date = make_date(year, two_digits(s, md), two_digits(s, md + 2));
  const std::string shown(s.substr(6, legacy ? 6 : 8));
  if (!date.ok()) return "身份证号中的出生日期“" + shown + "”不是有效日期";
  if (year < 1800) return "身份证号中的出生日期“" + shown + "”早于1800年";
  if (date > latest) return "身份证号中的出生日期“" + shown + "”晚于今天";
  if (birth != nullptr) *birth = date;
  return {};
}

// ------------------------------------------------------------------------------------------------ separators

// Collects the ASCII digits of `s`, which may have an optional leading '+' (if allow_plus) and single spaces or
// hyphens between digits. On failure returns false and sets `message` (using `what` as the noun).
bool collect_digits(std::string_view s, bool allow_plus, std::string_view what, std::string* digits, bool* plus,
                    std::string* message) {
  std::size_t pos = 0;
  *plus = false;
  if (allow_plus && !s.empty() && s[0] == '+') {
    *plus = true;
    pos = 1;
  }
  bool after_sep = true;  // a separator may not come first
  std::size_t position = pos;  // 1-based code-point position of the current character, minus one
  while (pos < s.size()) {
    const char c = s[pos];
    ++position;
    if (is_ascii_digit(c)) {
      digits->push_back(c);
      after_sep = false;
    } else if (c == ' ' || c == '-') {
      if (after_sep) {
        *message = std::string(what) + "中的空格或连字符位置不对：只能单个出现在数字之间";
        return false;
      }
      after_sep = true;
    } else {
      *message = std::string(what) + position_and_char(position, s, pos) + "不合法：只能包含数字" +
                 (allow_plus ? "、开头的“+”号" : "") + "以及数字之间的空格或连字符";
      return false;
    }
    pos += decode_utf8(s, pos).len;
  }
  if (after_sep && !digits->empty()) {
    *message = std::string(what) + "中的空格或连字符位置不对：只能单个出现在数字之间";
    return false;
  }
  return true;
}

// ------------------------------------------------------------------------------------------------ credit code

constexpr std::string_view kCreditCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";  // GB 32100-2015 表1
constexpr std::array<int, 17> kCreditWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

int credit_value(char c) {
  if (detail::is_ascii_lower(c)) c = static_cast<char>(c - 'a' + 'A');
  const auto i = kCreditCharset.find(c);
  return i == std::string_view::npos ? -1 : static_cast<int>(i);
}

char to_upper_ascii(char c) { return detail::is_ascii_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

// ------------------------------------------------------------------------------------------------ e-mail

bool is_atext(char c) {
  // RFC 5322 §3.2.3 atext
  if (is_ascii_digit(c) || detail::is_ascii_upper(c) || detail::is_ascii_lower(c)) return true;
  return std::string_view("!#$%&'*+/=?^_`{|}~-").find(c) != std::string_view::npos;
}

bool is_ldh(char c) {
  return is_ascii_digit(c) || detail::is_ascii_upper(c) || detail::is_ascii_lower(c) || c == '-';
}

bool is_alpha(char c) { return detail::is_ascii_upper(c) || detail::is_ascii_lower(c); }

}  // namespace

namespace detail {

bool resident_id18_shape_ok(std::string_view s, std::chrono::year_month_day latest) {
  if (s.size() != 18) return false;
  for (std::size_t i = 0; i < 17; ++i)
    if (!is_ascii_digit(s[i])) return false;
  const char last = s[17];
  if (!is_ascii_digit(last) && last != 'X' && last != 'x') return false;
  return check_address_and_date(s, false, latest, nullptr).empty();
}

}  // namespace detail

// ================================================================================================ resident ID

char resident_id_check_char(std::string_view first17) {
  // ISO 7064:1983 MOD 11-2, as specified in GB 11643-1999 §8.
  static constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr std::string_view kChecks = "10X98765432";
  if (first17.size() != 17) return '\0';
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    if (!is_ascii_digit(first17[i])) return '\0';
    sum += (first17[i] - '0') * kWeights[i];
  }
  return kChecks[static_cast<std::size_t>(sum % 11)];
}

Result<ResidentId> parse_resident_id(std::string_view text, std::chrono::year_month_day today) {
  const std::string_view s = trim_ascii_space(text);
  if (s.empty()) return make_error(std::string(kIdCode), "身份证号不能为空");
  const std::size_t n = count_code_points(s);
  if (n != 18 && n != 15) {
    return make_error(std::string(kIdCode),
                      "身份证号应为18位（旧版为15位），实际为" + std::to_string(n) + "位");
  }
  const bool legacy = n == 15;
  std::size_t position = 0;
  for (std::size_t pos = 0; pos < s.size(); pos += decode_utf8(s, pos).len) {
    ++position;
    const char c = s[pos];
    const bool ok = is_ascii_digit(c) || (!legacy && position == 18 && (c == 'X' || c == 'x'));
    if (!ok) {
      return make_error(std::string(kIdCode),
                        "身份证号" + position_and_char(position, s, pos) +
                            (legacy ? "不合法：15位身份证号只能由数字组成"
                                    : "不合法：前17位只能是数字，第18位只能是数字或X"));
    }
  }
  // All characters are ASCII from here on, so bytes == code points.
  ResidentId id;
  if (std::string m = check_address_and_date(s, legacy, today, &id.birth_date); !m.empty())
    return make_error(std::string(kIdCode), std::move(m));

  std::string number;
  if (legacy) {
    // GB 11643-1999 附录: upgrade by inserting the century and appending the check character.
    number = std::string(s.substr(0, 6)) + "19" + std::string(s.substr(6, 9));
    number.push_back(resident_id_check_char(number));
  } else {
    number = std::string(s);
    number[17] = to_upper_ascii(number[17]);
    const char expected = resident_id_check_char(std::string_view(number).substr(0, 17));
    if (number[17] != expected) {
      return make_error(std::string(kIdCode), std::string("身份证号校验码错误：第18位应为“") + expected +
                                                  "”，实际为“" + number[17] + "”");
    }
  }
  id.address_code = number.substr(0, 6);
  id.male = (number[16] - '0') % 2 == 1;
  id.legacy = legacy;
  id.number = std::move(number);
  return id;
}

bool is_valid_resident_id(std::string_view text, std::chrono::year_month_day today) {
  return parse_resident_id(text, today).ok();
}

// ================================================================================================ mobile

bool is_mobile_block(std::string_view d) {
  // ChinaMobilePhoneNumberRegex (VincentSit, MIT), "all voice/SMS and data-only numbers":
  // 1(?:3\d{3}|4[57]\d{2}|5[^4\D]\d{2}|8\d{3}|7(?:[0-35-9]\d{2}|4(?:0\d|1[0-2]|9\d))|9[0-35-9]\d{2}|6[2567]\d{2}|
  //   4[579]\d{2})\d{6}
  if (d.size() != 11) return false;
  for (char c : d)
    if (!is_ascii_digit(c)) return false;
  if (d[0] != '1') return false;
  const char a = d[1];
  const char b = d[2];
  switch (a) {
    case '3':
    case '8':
      return true;
    case '4':
      return b == '5' || b == '7' || b == '9';
    case '5':
    case '9':
      return b != '4';
    case '6':
      return b == '2' || b == '5' || b == '6' || b == '7';
    case '7':
      if (b != '4') return true;
      // 174: 1740x (telecom 00–05, emergency 06–09), 1741[0-2] (emergency 10–12), 1749x (maritime satellite).
      return d[3] == '0' || d[3] == '9' || (d[3] == '1' && d[4] >= '0' && d[4] <= '2');
    default:
      return false;
  }
}

Result<std::string> normalize_mobile(std::string_view text) {
  constexpr std::string_view kCode = "invalid_mobile";
  const std::string_view s = trim_ascii_space(text);
  if (s.empty()) return make_error(std::string(kCode), "手机号不能为空");
  std::string digits;
  bool plus = false;
  std::string message;
  if (!collect_digits(s, true, "手机号", &digits, &plus, &message)) return make_error(std::string(kCode), message);
  if (plus) {
    if (digits.size() != 13 || digits.compare(0, 2, "86") != 0)
      return make_error(std::string(kCode), "以“+”开头的手机号应为+86加11位号码");
    digits.erase(0, 2);
  } else if (digits.size() == 13 && digits.compare(0, 2, "86") == 0) {
    digits.erase(0, 2);
  } else if (digits.size() == 15 && digits.compare(0, 4, "0086") == 0) {
    digits.erase(0, 4);
  }
  if (digits.size() != 11)
    return make_error(std::string(kCode), "手机号应为11位数字，实际为" + std::to_string(digits.size()) + "位");
  if (digits[0] != '1') return make_error(std::string(kCode), "手机号应以1开头");
  if (!is_mobile_block(digits))
    return make_error(std::string(kCode), "号段“" + digits.substr(0, 3) + "”不是已分配的大陆手机号段");
  return digits;
}

bool is_valid_mobile(std::string_view text) { return normalize_mobile(text).ok(); }

// ================================================================================================ credit code

char credit_code_check_char(std::string_view first17) {
  if (first17.size() != 17) return '\0';
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    const int v = credit_value(first17[i]);
    if (v < 0) return '\0';
    sum += v * kCreditWeights[i];
  }
  return kCreditCharset[static_cast<std::size_t>((31 - sum % 31) % 31)];
}

Result<std::string> normalize_credit_code(std::string_view text) {
  constexpr std::string_view kCode = "invalid_credit_code";
  const std::string_view s = trim_ascii_space(text);
  if (s.empty()) return make_error(std::string(kCode), "统一社会信用代码不能为空");
  const std::size_t n = count_code_points(s);
  if (n != 18)
    return make_error(std::string(kCode), "统一社会信用代码应为18位，实际为" + std::to_string(n) + "位");
  std::size_t position = 0;
  for (std::size_t pos = 0; pos < s.size(); pos += decode_utf8(s, pos).len) {
    ++position;
    if (credit_value(s[pos]) < 0 || static_cast<unsigned char>(s[pos]) >= 0x80) {
      return make_error(std::string(kCode), "统一社会信用代码" + position_and_char(position, s, pos) +
                                                "不合法：只能使用数字和除I、O、S、V、Z以外的大写英文字母");
    }
  }
  std::string code(s);
  for (char& c : code) c = to_upper_ascii(c);
  const char expected = credit_code_check_char(std::string_view(code).substr(0, 17));
  if (code[17] != expected) {
    return make_error(std::string(kCode), std::string("统一社会信用代码校验码错误：第18位应为“") + expected +
                                              "”，实际为“" + code[17] + "”");
  }
  return code;
}

bool is_valid_credit_code(std::string_view text) { return normalize_credit_code(text).ok(); }

// ================================================================================================ bank card

bool passes_luhn(std::string_view digits) {
  if (digits.empty()) return false;
  int sum = 0;
  bool twice = false;  // the rightmost digit (check digit) is not doubled
  for (std::size_t i = digits.size(); i-- > 0;) {
    if (!is_ascii_digit(digits[i])) return false;
    int d = digits[i] - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

Result<std::string> normalize_bank_card(std::string_view text) {
  constexpr std::string_view kCode = "invalid_bank_card";
  const std::string_view s = trim_ascii_space(text);
  if (s.empty()) return make_error(std::string(kCode), "银行卡号不能为空");
  std::string digits;
  bool plus = false;
  std::string message;
  if (!collect_digits(s, false, "银行卡号", &digits, &plus, &message)) return make_error(std::string(kCode), message);
  if (digits.size() < 16 || digits.size() > 19) {
    return make_error(std::string(kCode),
                      "银行卡号应为16至19位数字，实际为" + std::to_string(digits.size()) + "位");
  }
  if (!passes_luhn(digits)) return make_error(std::string(kCode), "银行卡号校验位（Luhn）错误，请核对号码");
  return digits;
}

bool is_valid_bank_card(std::string_view text) { return normalize_bank_card(text).ok(); }

// ================================================================================================ e-mail

namespace {

enum class EmailProblem {
  kNone, kEmpty, kNoAt, kManyAt, kLocalEmpty, kLocalLong, kLocalChar, kLocalDots,
  kDomainEmpty, kDomainLong, kLabel, kLabelChar, kOneLabel, kTld,
};

// The checks of normalize_email without building messages (the scanner calls this for every candidate).
// For kLocalChar, *where is the byte offset of the offending character.
EmailProblem check_email(std::string_view s, std::size_t* where) {
  if (s.empty()) return EmailProblem::kEmpty;
  const auto at = s.find('@');
  if (at == std::string_view::npos) return EmailProblem::kNoAt;
  if (s.find('@', at + 1) != std::string_view::npos) return EmailProblem::kManyAt;
  const std::string_view local = s.substr(0, at);
  const std::string_view domain = s.substr(at + 1);

  if (local.empty()) return EmailProblem::kLocalEmpty;
  if (local.size() > 64) return EmailProblem::kLocalLong;
  for (std::size_t pos = 0; pos < local.size(); ++pos) {
    if (local[pos] != '.' && !is_atext(local[pos])) {
      *where = pos;
      return EmailProblem::kLocalChar;
    }
  }
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos)
    return EmailProblem::kLocalDots;

  if (domain.empty()) return EmailProblem::kDomainEmpty;
  if (domain.size() > 253) return EmailProblem::kDomainLong;
  std::size_t labels = 0;
  std::string_view last_label;
  for (std::size_t start = 0;;) {
    const auto dot = domain.find('.', start);
    const std::string_view label =
        domain.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
      return EmailProblem::kLabel;
    for (char c : label)
      if (!is_ldh(c)) return EmailProblem::kLabelChar;
    ++labels;
    last_label = label;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (labels < 2) return EmailProblem::kOneLabel;
  const bool idna = last_label.size() > 4 && (last_label[0] == 'x' || last_label[0] == 'X') &&
                    (last_label[1] == 'n' || last_label[1] == 'N') && last_label[2] == '-' && last_label[3] == '-';
  bool alpha = last_label.size() >= 2;
  for (char c : last_label) alpha = alpha && is_alpha(c);
  if (!alpha && !idna) return EmailProblem::kTld;
  return EmailProblem::kNone;
}

std::string email_message(EmailProblem problem, std::string_view s, std::size_t where) {
  const auto at = s.find('@');
  const std::string_view domain = at == std::string_view::npos ? std::string_view() : s.substr(at + 1);
  const std::string bad_domain = "电子邮箱域名" + quoted(domain) + "不合法";
  switch (problem) {
    case EmailProblem::kNone:
      return {};
    case EmailProblem::kEmpty:
      return "电子邮箱不能为空";
    case EmailProblem::kNoAt:
      return "电子邮箱缺少“@”";
    case EmailProblem::kManyAt:
      return "电子邮箱只能包含一个“@”";
    case EmailProblem::kLocalEmpty:
      return "电子邮箱“@”前的用户名不能为空";
    case EmailProblem::kLocalLong:
      return "电子邮箱用户名不能超过64个字符";
    case EmailProblem::kLocalChar: {
      const std::string q = quotable_char_at(s, where);
      return "电子邮箱用户名中含有不允许的字符" + (q.empty() ? q : "“" + q + "”") +
             "：只能使用英文字母、数字和常见符号";
    }
    case EmailProblem::kLocalDots:
      return "电子邮箱用户名中的“.”不能在开头、结尾或连续出现";
    case EmailProblem::kDomainEmpty:
      return "电子邮箱“@”后的域名不能为空";
    case EmailProblem::kDomainLong:
      return "电子邮箱域名过长（最多253个字符）";
    case EmailProblem::kLabel:
      return bad_domain + "：每一段应为1至63个字母、数字或连字符，且不以连字符开头或结尾";
    case EmailProblem::kLabelChar:
      return bad_domain + "：只能使用英文字母、数字、连字符和“.”";
    case EmailProblem::kOneLabel:
      return bad_domain + "：应至少包含一个“.”，如 example.com";
    case EmailProblem::kTld:
      return bad_domain + "：顶级域名应为至少两个英文字母";
  }
  return "电子邮箱格式不正确";
}

}  // namespace

Result<std::string> normalize_email(std::string_view text) {
  const std::string_view s = trim_ascii_space(text);
  std::size_t where = 0;
  if (const EmailProblem problem = check_email(s, &where); problem != EmailProblem::kNone)
    return make_error("invalid_email", email_message(problem, s, where));
  const auto at = s.find('@');
  std::string out(s.substr(0, at + 1));
  for (char c : s.substr(at + 1)) out.push_back(detail::is_ascii_upper(c) ? static_cast<char>(c - 'A' + 'a') : c);
  return out;
}

bool is_valid_email(std::string_view text) {
  std::size_t where = 0;
  return check_email(trim_ascii_space(text), &where) == EmailProblem::kNone;
}

}  // namespace gongkai::privacy
