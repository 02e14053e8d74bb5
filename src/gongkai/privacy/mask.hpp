// Masking of personal data before publication, per DOMAIN §8 (e.g. lists of subsidy or relief recipients):
//
//   resident ID   110105********002X   keep the first 6 and the last 4 characters (GB 11643 address code, check)
//   mobile        138****8000          keep the first 3 and the last 4 digits of the national number
//   bank card     622202*********0123  keep the first 6 (the IIN, ISO/IEC 7812) and the last 4 digits
//   e-mail        z***@example.com     keep the first character of the local part and the domain
//   name          张*  /  张*明         2 characters: keep the first; 3 or more: keep the first and the last
//
// Common rules:
//  * Pure functions; they accept any bytes (invalid UTF-8 included) and never fail or read out of bounds.
//  * Work on UTF-8 code points, not bytes: every masked code point becomes one ASCII '*' (so a full-width digit,
//    3 bytes, becomes 1 byte). An invalid byte counts as one code point.
//  * The number maskers count only "significant" characters — ASCII and full-width digits and letters — and leave
//    everything else (separators such as ' ' and '-', a leading '+') in place: "138 0013 8000" -> "138 **** 8000".
//  * Fail safe: if the input is too short to keep both ends and still hide something, every significant
//    character is masked. The output never reveals more than the rule above.
//  * The maskers do not validate: mask_resident_id("123456789012345678") masks a number that is no valid ID.
//    Validate with identifiers.hpp, or let scan() decide what to mask.
#pragma once

#include <string>
#include <string_view>

#include "gongkai/privacy/scanner.hpp"

namespace gongkai::privacy {

// Keeps the first 6 and last 4 significant characters: "11010519491231002X" -> "110105********002X".
std::string mask_resident_id(std::string_view id);

// Keeps the first 3 and last 4 digits of the national number; a country prefix (13 digits starting 86, 15 digits
// starting 0086, with or without '+') is kept as written: "+86 138-0013-8000" -> "+86 138-****-8000".
std::string mask_mobile(std::string_view mobile);

// Keeps the first 6 and last 4 digits: "6222021234567890128" -> "622202*********0128".
std::string mask_bank_card(std::string_view card);

// The first code point of the local part, then "***" (always three, hiding the length), then '@' and the domain:
// "zhangsan@example.com" -> "z***@example.com". The split is at the last '@'. Without '@' (or with an empty local
// part) the result is "***" followed by "@domain" if there is one. The domain is kept as written (163.com stays
// 163.com) except that numbers in it which scan() would report are masked too: "a@13800138000.cn" ->
// "a***@138****8000.cn".
std::string mask_email(std::string_view email);

// A personal name, by code point: 1 -> "*"; 2 -> first + "*" (张三 -> 张*); 3 or more -> first, one '*' per middle
// code point, last (张小明 -> 张*明, 欧阳娜娜 -> 欧**娜). Whitespace and the name separators '·' (U+00B7),
// '•' (U+2022) and '・' (U+30FB) are kept in place and not counted: 买买提·艾力 -> 买**·*力.
// Empty input gives empty output.
std::string mask_name(std::string_view name);

// Dispatches on the kind: mask_resident_id, mask_mobile, mask_bank_card or mask_email.
std::string mask(PiiKind kind, std::string_view text);

// `text` with every finding of scan(text) replaced by its `masked` form; everything else byte-for-byte unchanged.
// The result is never longer than text.size() + 3 × (number of e-mail findings).
std::string mask_all(std::string_view text);

}  // namespace gongkai::privacy
