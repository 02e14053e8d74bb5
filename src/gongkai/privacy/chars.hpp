// Internal to gongkai/privacy: byte-level character classes shared by the validators, the scanner and the maskers.
// Not part of the module's contract; other modules must not include this header.
//
// Everything here works on raw bytes and never reads outside [0, s.size()), so it is safe on invalid UTF-8.
// The only non-ASCII characters recognised are the full-width forms of the Halfwidth and Fullwidth Forms block
// (U+FF01..U+FF5E, encoded EF BC 81..EF BD 9E), which Chinese text uses for digits and letters.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace gongkai::privacy::detail {

// One decoded code point. `valid` is false for a byte that does not start a well-formed UTF-8 sequence
// (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF); such a byte counts as one code point of length 1.
struct CodePoint {
  char32_t cp = 0;
  std::size_t len = 1;
  bool valid = false;
};

inline CodePoint decode_utf8(std::string_view s, std::size_t pos) {
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const std::size_t n = s.size();
  const unsigned char c0 = b(pos);
  if (c0 < 0x80) return {c0, 1, true};
  std::size_t len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (c0 >= 0xC2 && c0 <= 0xDF) {
    len = 2, cp = c0 & 0x1F, min = 0x80;
  } else if (c0 >= 0xE0 && c0 <= 0xEF) {
    len = 3, cp = c0 & 0x0F, min = 0x800;
  } else if (c0 >= 0xF0 && c0 <= 0xF4) {
    len = 4, cp = c0 & 0x07, min = 0x10000;
  } else {
    return {0xFFFD, 1, false};
  }
  if (pos + len > n) return {0xFFFD, 1, false};
  for (std::size_t i = 1; i < len; ++i) {
    const unsigned char c = b(pos + i);
    if ((c & 0xC0) != 0x80) return {0xFFFD, 1, false};
    cp = (cp << 6) | (c & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0xFFFD, 1, false};
  return {cp, len, true};
}

// Number of code points in `s`, counting each invalid byte as one.
inline std::size_t count_code_points(std::string_view s) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size(); i += decode_utf8(s, i).len) ++count;
  return count;
}

// Classes of the characters the scanner cares about. Each is recognised in its ASCII and its full-width form.
enum class Sym : std::uint8_t {
  kOther,
  kDigit,   // 0-9, ０-９ (U+FF10..U+FF19)
  kLetter,  // A-Z a-z, Ａ-Ｚ ａ-ｚ (U+FF21..U+FF3A, U+FF41..U+FF5A); includes X/x
  kSep,     // ' ', '-', '－' (U+FF0D): separators people put inside long numbers
  kDot,     // '.', '．' (U+FF0E)
  kPlus,    // '+', '＋' (U+FF0B)
  kStar,    // '*', '＊' (U+FF0A): what masking leaves; digits touching it are the remnant of a masked number
};

struct SymAt {
  Sym sym = Sym::kOther;
  std::size_t len = 1;   // bytes
  char ascii = 0;        // the ASCII equivalent ('0'..'9', upper/lower letter, ' ', '-', '.', '+'); 0 for kOther
};

inline SymAt classify_ascii(unsigned char c) {
  if (c >= '0' && c <= '9') return {Sym::kDigit, 1, static_cast<char>(c)};
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return {Sym::kLetter, 1, static_cast<char>(c)};
  if (c == ' ' || c == '-') return {Sym::kSep, 1, static_cast<char>(c)};
  if (c == '.') return {Sym::kDot, 1, '.'};
  if (c == '+') return {Sym::kPlus, 1, '+'};
  if (c == '*') return {Sym::kStar, 1, '*'};
  return {Sym::kOther, 1, 0};
}

// U+FF01..U+FF5E map to ASCII 0x21..0x7E. Returns the ASCII equivalent of the 3-byte full-width form at
// s[pos..pos+3), or 0 if there is none.
inline char fullwidth_ascii_at(std::string_view s, std::size_t pos) {
  if (pos + 3 > s.size()) return 0;
  const auto c0 = static_cast<unsigned char>(s[pos]);
  const auto c1 = static_cast<unsigned char>(s[pos + 1]);
  const auto c2 = static_cast<unsigned char>(s[pos + 2]);
  if (c0 != 0xEF || (c2 & 0xC0) != 0x80) return 0;
  if (c1 == 0xBC && c2 >= 0x81) return static_cast<char>(0x21 + (c2 - 0x81));         // U+FF01..U+FF3F
  if (c1 == 0xBD && c2 <= 0x9E) return static_cast<char>(0x21 + 0x3F + (c2 - 0x80));  // U+FF40..U+FF5E
  return 0;
}

// The class of the character starting at s[pos] (pos < s.size()).
inline SymAt sym_at(std::string_view s, std::size_t pos) {
  const auto c = static_cast<unsigned char>(s[pos]);
  if (c < 0x80) return classify_ascii(c);
  if (const char a = fullwidth_ascii_at(s, pos); a != 0) {
    SymAt r = classify_ascii(static_cast<unsigned char>(a));
    if (r.sym == Sym::kSep && a != '-') return {Sym::kOther, 3, 0};
    r.len = 3;
    return r;
  }
  return {Sym::kOther, 1, 0};
}

// The class of the character ending just before s[pos] (pos > 0). Looks at one ASCII byte or one 3-byte
// full-width form; any other preceding character is kOther. Unambiguous, because the last byte of a multi-byte
// sequence is never ASCII.
inline SymAt sym_before(std::string_view s, std::size_t pos) {
  const auto c = static_cast<unsigned char>(s[pos - 1]);
  if (c < 0x80) return classify_ascii(c);
  if (pos >= 3) {
    const SymAt r = sym_at(s, pos - 3);
    if (r.len == 3) return r;
  }
  return {Sym::kOther, 1, 0};
}

inline bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
inline bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

inline std::string_view trim_ascii_space(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

// The code point at s[pos] as text fit to quote in a user-facing message: the character itself if it is valid,
// printable UTF-8, otherwise empty (never echo control characters or broken bytes).
inline std::string quotable_char_at(std::string_view s, std::size_t pos) {
  const CodePoint cp = decode_utf8(s, pos);
  if (!cp.valid || cp.cp < 0x20 || cp.cp == 0x7F || (cp.cp >= 0x80 && cp.cp < 0xA0)) return {};
  return std::string(s.substr(pos, cp.len));
}

// "“text”" if `text` is short, valid, printable UTF-8 that is safe to quote back in a message; otherwise "".
inline std::string quoted(std::string_view text) {
  if (text.empty() || count_code_points(text) > 64) return {};
  for (std::size_t i = 0; i < text.size();) {
    const std::string one = quotable_char_at(text, i);
    if (one.empty()) return {};
    i += one.size();
  }
  return "“" + std::string(text) + "”";
}

// Defined in identifiers.cpp, used by the scanner: is this 18-character number (17 ASCII digits + digit/X) shaped
// like a resident ID — province prefix and birth date (1800..latest) valid — regardless of its check character?
bool resident_id18_shape_ok(std::string_view s18, std::chrono::year_month_day latest);

}  // namespace gongkai::privacy::detail
