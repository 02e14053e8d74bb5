// Finds personal identifiers in running text, so that they can be masked before anything is published
// (DOMAIN §8). Pure: no I/O, no clock, no global state; safe to call from any thread.
//
// What is found (validators and standards: identifiers.hpp):
//  * 身份证号  resident ID numbers of 18 characters whose check character (GB 11643-1999, ISO 7064 MOD 11-2) is
//             right, whose province prefix is valid and whose birth date is a real date in 1800–2099 (the scanner
//             has no clock, so "not in the future" is not checked). Legacy 15-digit numbers are NOT reported: they
//             carry no check digit, so too many ordinary numbers would look like one. An 18-character number that
//             is shaped like an ID (valid province and date) but has a wrong check character is not reported at
//             all — in particular not as a bank card.
//  * 手机号    mainland mobile numbers in an allocated block, with optional +86 / 86 / 0086 prefix (a leading '+'
//             is part of the finding).
//  * 银行卡号  16–19-digit numbers passing the Luhn check, unless the number is an ID number (above) or a valid
//             all-digit unified social credit code (GB 32100; organisation codes are public, not personal data).
//  * 电子邮箱  e-mail addresses, validated with is_valid_email. Addresses are looked for in maximal runs of the
//             characters A-Z a-z 0-9 . _ % + - @ (so Chinese text, spaces and other punctuation end them). In a run
//             with one '@', the finding is the longest valid local part before it (at most 64 characters, no
//             leading or doubled '.') and the domain after it, without a trailing '.' or '-' (sentence
//             punctuation). A run with several '@' (a@b.cn@c.cn) cannot be split into addresses reliably: if any
//             of its '@' has a valid address around it, the whole run is one finding (its `value` is then not a
//             single valid address) and is masked as a whole.
//
// Not found: personal names, addresses and dates of birth (free text: they need NER or dictionaries, see
// pii_formats.md §4), landline numbers (also used by offices, which publish them), legacy 15-digit IDs (above).
// Note that one in ten arbitrary 16–19-digit numbers passes Luhn, so a long order or account number of another
// kind is reported as a bank card one time in ten; for masking before publication that errs on the safe side.
//
// Number syntax. A number is a maximal run of digits; it must not touch an ASCII or full-width letter or digit
// on either side, nor a '*' (digits next to '*' are what is left of an already masked number), nor continue as a
// decimal ("13800138000.5"). Chinese characters, punctuation and spaces are boundaries, so an ID number touching
// Chinese text on both sides is found, and a valid ID inside a longer digit run is not. An ID may end in X or x. Numbers written in groups are recognised when the groups are
// separated by one ' ', '-' or '－' and the grouping is the usual one: ID 6-8-4, mobile 3-4-4 (after an optional
// prefix group 86/0086), bank card 4-4-4-4 with an optional last group of 1–3 digits; a country-code group may
// also stand before an unbroken 11-digit mobile (+86 13800138000). A grouped number must use one separator
// throughout its groups and must not be followed or preceded by a further group of up to 8 digits joined by a
// separator (a longer grouped number is something else: "138 0013 8000 2021" is not a mobile). A run of 9 or more
// digits is always a number of its own, so "13800138000 6222 0212 3456 7890 128" is a mobile and a bank card.
//
// Full-width digits and letters (０-９, Ｘ, ｘ, Ａ-Ｚ; U+FF10.., as typed with Chinese input methods) are treated
// exactly like their ASCII forms, and may be mixed with them. No other Unicode digits (Arabic-Indic, Chinese
// numerals 一二三) are recognised, and no NFKC normalisation is done: offsets always refer to the input bytes.
//
// Robustness. `scan` accepts arbitrary bytes, including invalid UTF-8: it never reads out of bounds and never
// throws (other than std::bad_alloc). It is linear in the input size: every byte is examined a bounded number of
// times. Only ASCII and the 3-byte full-width forms are interpreted; any other byte is just a boundary.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gongkai::privacy {

enum class PiiKind {
  kResidentId,  // 身份证号
  kMobile,      // 手机号
  kBankCard,    // 银行卡号
  kEmail,       // 电子邮箱
};

// The Chinese label shown to people: 身份证号, 手机号, 银行卡号, 电子邮箱.
std::string_view pii_kind_label(PiiKind kind);

// A stable machine name: resident_id, mobile, bank_card, email.
std::string_view pii_kind_code(PiiKind kind);

struct Finding {
  PiiKind kind = PiiKind::kResidentId;
  std::size_t offset = 0;  // byte offset in the scanned text
  std::size_t length = 0;  // byte length; text == input.substr(offset, length)
  std::string text;        // the matched bytes, exactly as in the input (may contain full-width digits, separators)
  std::string value;       // canonical form: ASCII digits (ID with upper-case X; mobile without prefix or
                           // separators), or the e-mail text as written
  std::string masked;      // mask(kind, text): what mask_all puts in place of `text`

  std::string_view label() const { return pii_kind_label(kind); }
};

// All findings in `utf8_text`, sorted by offset, non-overlapping. E-mail addresses take precedence over numbers
// inside them (13800138000@163.com is one e-mail finding).
//
// Masking all findings (mask_all) leaves nothing that a second scan would find: kept digits stay separated by
// '*', and a masked number never completes an address (kept digits would end its domain, and a top-level domain
// must be letters).
std::vector<Finding> scan(std::string_view utf8_text);

}  // namespace gongkai::privacy
