// libFuzzer target for gongkai/privacy: scan, mask_all, the maskers and the validators on arbitrary bytes
// (invalid UTF-8 included). Build and run:
//   clang++-14 -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -I src \
//       fuzz/privacy_scan_fuzz.cpp src/gongkai/privacy/*.cpp -o /tmp/pf && /tmp/pf -max_total_time=30
// Besides "no crash, no out-of-bounds read" (the sanitizers), it checks the contracts of the headers:
//  * findings lie inside the input, are non-empty, sorted and non-overlapping; text == input[offset, +length);
//  * each finding's value is genuine for its kind (check character, allocated block, Luhn, e-mail syntax) and
//    `masked` is mask(kind, text);
//  * mask_all is exactly the input with each finding replaced by its masked form, is no longer than the input plus
//    3 bytes per e-mail, and leaves nothing for a second scan to find;
//  * validators: error messages are valid UTF-8 with the documented code; normalised values are fixed points;
//  * mask_name keeps the number of code points and keeps valid UTF-8 valid.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "gongkai/privacy/identifiers.hpp"
#include "gongkai/privacy/mask.hpp"
#include "gongkai/privacy/scanner.hpp"

namespace {

using namespace gongkai::privacy;

#define FUZZ_CHECK(cond)                                                        \
  do {                                                                          \
    if (!(cond)) {                                                              \
      std::fprintf(stderr, "invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      std::abort();                                                             \
    }                                                                           \
  } while (0)

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    char32_t cp = 0;
    if (c < 0x80) {
      len = 1, cp = c;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2, cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3, cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

template <class R>
void check_error(const R& r, std::string_view code) {
  if (r.ok()) return;
  FUZZ_CHECK(r.error().code == code);
  FUZZ_CHECK(!r.error().message.empty());
  FUZZ_CHECK(valid_utf8(r.error().message));
}

void check_validators(std::string_view s) {
  constexpr std::chrono::year_month_day today{std::chrono::year{2025}, std::chrono::June, std::chrono::day{1}};

  const auto id = parse_resident_id(s, today);
  check_error(id, "invalid_resident_id");
  if (id.ok()) {
    FUZZ_CHECK(id->number.size() == 18);
    FUZZ_CHECK(resident_id_check_char(std::string_view(id->number).substr(0, 17)) == id->number[17]);
    const auto again = parse_resident_id(id->number, today);
    FUZZ_CHECK(again.ok() && again->number == id->number);
  }
  FUZZ_CHECK(is_valid_resident_id(s, today) == id.ok());

  const auto mobile = normalize_mobile(s);
  check_error(mobile, "invalid_mobile");
  if (mobile.ok()) FUZZ_CHECK(is_mobile_block(*mobile) && normalize_mobile(*mobile).ok());

  const auto credit = normalize_credit_code(s);
  check_error(credit, "invalid_credit_code");
  if (credit.ok()) {
    FUZZ_CHECK(credit->size() == 18);
    FUZZ_CHECK(credit_code_check_char(std::string_view(*credit).substr(0, 17)) == (*credit)[17]);
    const auto again = normalize_credit_code(*credit);
    FUZZ_CHECK(again.ok() && *again == *credit);
  }
  FUZZ_CHECK(is_valid_credit_code(s) == credit.ok());
  if (s.size() >= 17) (void)credit_code_check_char(s.substr(0, 17));

  const auto card = normalize_bank_card(s);
  check_error(card, "invalid_bank_card");
  if (card.ok()) FUZZ_CHECK(passes_luhn(*card) && card->size() >= 16 && card->size() <= 19);

  const auto email = normalize_email(s);
  check_error(email, "invalid_email");
  if (email.ok()) {
    const auto again = normalize_email(*email);
    FUZZ_CHECK(again.ok() && *again == *email);
  }
  FUZZ_CHECK(is_valid_email(s) == email.ok());
}

void check_value(const Finding& f) {
  switch (f.kind) {
    case PiiKind::kResidentId:
      FUZZ_CHECK(f.value.size() == 18);
      FUZZ_CHECK(resident_id_check_char(std::string_view(f.value).substr(0, 17)) == f.value[17]);
      break;
    case PiiKind::kMobile:
      FUZZ_CHECK(is_mobile_block(f.value));
      break;
    case PiiKind::kBankCard:
      FUZZ_CHECK(f.value.size() >= 16 && f.value.size() <= 19 && passes_luhn(f.value));
      break;
    case PiiKind::kEmail:
      FUZZ_CHECK(f.value == f.text);
      FUZZ_CHECK(f.text.find('@') != std::string::npos);
      // One '@': a valid address. Several: a run of addresses masked as a whole (scanner.hpp).
      if (f.text.find('@') == f.text.rfind('@')) FUZZ_CHECK(is_valid_email(f.value));
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  // ---- scan
  const std::vector<Finding> findings = scan(text);
  std::size_t prev_end = 0;
  std::size_t emails = 0;
  std::string expected;
  for (const Finding& f : findings) {
    FUZZ_CHECK(f.length > 0);
    FUZZ_CHECK(f.offset <= text.size() && f.length <= text.size() - f.offset);
    FUZZ_CHECK(f.offset >= prev_end);
    FUZZ_CHECK(text.substr(f.offset, f.length) == f.text);
    FUZZ_CHECK(f.masked == mask(f.kind, f.text));
    FUZZ_CHECK(!f.label().empty());
    check_value(f);
    expected.append(text.substr(prev_end, f.offset - prev_end));
    expected += f.masked;
    prev_end = f.offset + f.length;
    emails += f.kind == PiiKind::kEmail ? 1 : 0;
  }
  expected.append(text.substr(prev_end));

  // ---- mask_all
  const std::string masked = mask_all(text);
  FUZZ_CHECK(masked == expected);
  FUZZ_CHECK(masked.size() <= text.size() + 3 * emails);
  if (findings.empty()) FUZZ_CHECK(masked == text);
  FUZZ_CHECK(scan(masked).empty());

  // ---- the maskers and validators on the raw bytes
  for (PiiKind kind : {PiiKind::kResidentId, PiiKind::kMobile, PiiKind::kBankCard}) {
    const std::string m = mask(kind, text);
    FUZZ_CHECK(m.size() <= text.size());
    if (valid_utf8(text)) FUZZ_CHECK(valid_utf8(m));
  }
  const std::string me = mask_email(text);
  FUZZ_CHECK(me.size() <= text.size() + 3);
  const std::string name = mask_name(text);
  if (valid_utf8(text)) {
    FUZZ_CHECK(valid_utf8(name));
    FUZZ_CHECK(code_points(name) == code_points(text));
    FUZZ_CHECK(valid_utf8(me));
  }
  if (size <= 512) check_validators(text);
  return 0;
}
