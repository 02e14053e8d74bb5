// Masking of personal data. See mask.hpp for the rules (DOMAIN §8).
#include "gongkai/privacy/mask.hpp"

#include <cstddef>
#include <string>
#include <string_view>

#include "gongkai/privacy/chars.hpp"
#include "gongkai/privacy/scanner.hpp"

namespace gongkai::privacy {

namespace {

using detail::decode_utf8;
using detail::Sym;

// A significant character of a number: ASCII or full-width digit or letter. Sets *ascii to its ASCII form.
bool significant_at(std::string_view s, std::size_t pos, std::size_t len, char* ascii) {
  const detail::SymAt a = detail::sym_at(s, pos);
  if (a.len != len) return false;  // e.g. an invalid byte that merely starts like a full-width form
  if (a.sym != Sym::kDigit && a.sym != Sym::kLetter) return false;
  if (ascii != nullptr) *ascii = a.ascii;
  return true;
}

// Keeps the first `keep_first` and the last `keep_last` significant characters and replaces the others with '*';
// everything that is not significant is copied. If nothing would be hidden, hides every significant character.
std::string mask_middle(std::string_view s, std::size_t keep_first, std::size_t keep_last) {
  std::size_t total = 0;
  for (std::size_t pos = 0; pos < s.size();) {
    const std::size_t len = decode_utf8(s, pos).len;
    if (significant_at(s, pos, len, nullptr)) ++total;
    pos += len;
  }
  if (total <= keep_first + keep_last) keep_first = keep_last = 0;
  std::string out;
  out.reserve(s.size());
  std::size_t k = 0;
  for (std::size_t pos = 0; pos < s.size();) {
    const std::size_t len = decode_utf8(s, pos).len;
    if (significant_at(s, pos, len, nullptr)) {
      if (k < keep_first || k >= total - keep_last) {
        out.append(s.substr(pos, len));
      } else {
        out.push_back('*');
      }
      ++k;
    } else {
      out.append(s.substr(pos, len));
    }
    pos += len;
  }
  return out;
}

// Separators inside a personal name that are kept and not counted.
bool is_name_separator(char32_t cp) {
  return cp == U' ' || cp == U'\t' || cp == U'\n' || cp == U'\r' || cp == 0x3000 || cp == 0x00B7 || cp == 0x2022 ||
         cp == 0x30FB;
}

}  // namespace

std::string mask_resident_id(std::string_view id) { return mask_middle(id, 6, 4); }

std::string mask_mobile(std::string_view mobile) {
  std::string digits;
  for (std::size_t pos = 0; pos < mobile.size() && digits.size() <= 15;) {
    const std::size_t len = decode_utf8(mobile, pos).len;
    char c = 0;
    if (significant_at(mobile, pos, len, &c)) digits.push_back(c);
    pos += len;
  }
  std::size_t prefix = 0;
  if (digits.size() == 13 && digits.compare(0, 2, "86") == 0) prefix = 2;
  if (digits.size() == 15 && digits.compare(0, 4, "0086") == 0) prefix = 4;
  return mask_middle(mobile, prefix + 3, 4);
}

std::string mask_bank_card(std::string_view card) { return mask_middle(card, 6, 4); }

std::string mask_email(std::string_view email) {
  const auto at = email.rfind('@');
  const std::string_view local = at == std::string_view::npos ? email : email.substr(0, at);
  std::string out;
  if (at != std::string_view::npos && !local.empty()) {
    const std::size_t len = decode_utf8(local, 0).len;
    out.append(local.substr(0, len));
  }
  out += "***";
  if (at != std::string_view::npos) {
    out.push_back('@');
    // The domain is kept, except for personal numbers hidden in it (a@13800138000.cn): the local part is gone
    // once masked, so a later scan would see them on their own. Ordinary domains (163.com) are unchanged.
    out += mask_all(email.substr(at + 1));
  }
  return out;
}

std::string mask_name(std::string_view name) {
  std::size_t total = 0;
  for (std::size_t pos = 0; pos < name.size();) {
    const auto cp = decode_utf8(name, pos);
    if (!cp.valid || !is_name_separator(cp.cp)) ++total;
    pos += cp.len;
  }
  std::string out;
  out.reserve(name.size());
  std::size_t k = 0;
  for (std::size_t pos = 0; pos < name.size();) {
    const auto cp = decode_utf8(name, pos);
    if (cp.valid && is_name_separator(cp.cp)) {
      out.append(name.substr(pos, cp.len));
    } else {
      const bool keep = total >= 2 && (k == 0 || (total >= 3 && k == total - 1));
      if (keep) {
        out.append(name.substr(pos, cp.len));
      } else {
        out.push_back('*');
      }
      ++k;
    }
    pos += cp.len;
  }
  return out;
}

std::string mask(PiiKind kind, std::string_view text) {
  switch (kind) {
    case PiiKind::kResidentId:
      return mask_resident_id(text);
    case PiiKind::kMobile:
      return mask_mobile(text);
    case PiiKind::kBankCard:
      return mask_bank_card(text);
    case PiiKind::kEmail:
      return mask_email(text);
  }
  return std::string(text.size(), '*');
}

std::string mask_all(std::string_view text) {
  const std::vector<Finding> findings = scan(text);
  if (findings.empty()) return std::string(text);
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  for (const Finding& f : findings) {
    out.append(text.substr(pos, f.offset - pos));
    out += f.masked;
    pos = f.offset + f.length;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace gongkai::privacy
