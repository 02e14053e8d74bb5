// Hand-written, linear-time scanner for personal identifiers. See scanner.hpp for what is found and why.
//
// Two passes over the bytes, each linear:
//  1. numbers: tokenise into maximal digit runs (ASCII and full-width), note which runs are joined by a single
//     separator, then try a fixed set of patterns at each run with bounded look-ahead (at most 5 runs);
//  2. e-mail addresses: cut the text into maximal runs of address characters and examine each run once.
// Number findings inside an e-mail finding are then dropped.
#include "gongkai/privacy/scanner.hpp"

#include <array>
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "gongkai/privacy/chars.hpp"
#include "gongkai/privacy/identifiers.hpp"
#include "gongkai/privacy/mask.hpp"

namespace gongkai::privacy {

using detail::Sym;
using detail::sym_at;
using detail::sym_before;

std::string_view pii_kind_label(PiiKind kind) {
  switch (kind) {
    case PiiKind::kResidentId:
      return "身份证号";
    case PiiKind::kMobile:
      return "手机号";
    case PiiKind::kBankCard:
      return "银行卡号";
    case PiiKind::kEmail:
      return "电子邮箱";
  }
  return "个人信息";
}

std::string_view pii_kind_code(PiiKind kind) {
  switch (kind) {
    case PiiKind::kResidentId:
      return "resident_id";
    case PiiKind::kMobile:
      return "mobile";
    case PiiKind::kBankCard:
      return "bank_card";
    case PiiKind::kEmail:
      return "email";
  }
  return "unknown";
}

namespace {

// The scanner has no clock: birth dates up to the end of 2099 are accepted (the syntax pre-filter in
// pii_formats.md allows centuries 18, 19 and 20).
constexpr std::chrono::year_month_day kLatestBirth{std::chrono::year{2099}, std::chrono::December,
                                                   std::chrono::day{31}};

constexpr std::size_t kMaxKept = 19;  // longest number any pattern needs from a single run

struct Run {
  std::size_t begin = 0;  // first byte of the first digit
  std::size_t end = 0;    // one past the last digit
  std::size_t x_end = 0;  // one past a directly following X/x (== end if none)
  std::size_t count = 0;  // number of digits (may exceed kMaxKept; then `digits` holds only the first ones)
  std::array<char, kMaxKept> digits{};
  bool has_x = false;
  char link = 0;  // separator joining this run to the next: ' ', '-', 'F' (full-width hyphen), or 0
  std::string_view view() const { return {digits.data(), count < kMaxKept ? count : kMaxKept}; }
};

// A number finding, and where its digits proper begin: after a country-code prefix ("0086 ", "+86 "), if any.
struct NumberHit {
  Finding finding;
  std::size_t core_begin = 0;
};

class NumberScanner {
 public:
  explicit NumberScanner(std::string_view s) : s_(s) {}

  std::vector<NumberHit> run() {
    std::size_t i = 0;
    while (has(i)) {
      if (const std::size_t used = try_grouped(i); used > 0) {
        i += used;
      } else {
        try_single(i);
        ++i;
      }
    }
    return std::move(out_);
  }

 private:
  // Runs are produced lazily into a ring buffer: the matchers look at most one run back and five ahead, so
  // memory stays constant however many numbers the text holds.
  static constexpr std::size_t kWindow = 8;

  bool has(std::size_t idx) {
    while (produced_ <= idx && next_run(&ring_[produced_ % kWindow])) ++produced_;
    return idx < produced_;
  }

  // Precondition: has(idx) was true and idx + kWindow > produced_ (always so for the indices used below).
  const Run& at(std::size_t idx) const { return ring_[idx % kWindow]; }

  // Tokenises the next maximal digit run from pos_ on. Returns false at the end of the input.
  bool next_run(Run* out) {
    const std::size_t n = s_.size();
    detail::SymAt a;
    while (pos_ < n && (a = sym_at(s_, pos_)).sym != Sym::kDigit) pos_ += a.len;
    if (pos_ >= n) return false;
    Run r;
    r.begin = pos_;
    while (pos_ < n && (a = sym_at(s_, pos_)).sym == Sym::kDigit) {
      if (r.count < kMaxKept) r.digits[r.count] = a.ascii;
      ++r.count;
      pos_ += a.len;
    }
    r.end = r.x_end = pos_;
    if (pos_ < n) {
      a = sym_at(s_, pos_);
      if (a.sym == Sym::kLetter && (a.ascii == 'X' || a.ascii == 'x')) {
        r.has_x = true;
        r.x_end = pos_ + a.len;
      } else if (a.sym == Sym::kSep && pos_ + a.len < n && sym_at(s_, pos_ + a.len).sym == Sym::kDigit) {
        // Exactly one separator, then the next run begins.
        r.link = a.len == 3 ? 'F' : a.ascii;
      }
    }
    *out = r;
    return true;
  }

  // Nothing number-like directly before byte b: no letter, digit or '*', and not the fraction of a decimal.
  bool left_ok(std::size_t b) const {
    if (b == 0) return true;
    const detail::SymAt prev = sym_before(s_, b);
    if (prev.sym == Sym::kDigit || prev.sym == Sym::kLetter || prev.sym == Sym::kStar) return false;
    if (prev.sym == Sym::kDot) {
      const std::size_t b2 = b - prev.len;
      if (b2 > 0 && sym_before(s_, b2).sym == Sym::kDigit) return false;
    }
    return true;
  }

  // Nothing number-like directly from byte e on: no letter, digit or '*', and no decimal fraction.
  bool right_ok(std::size_t e) const {
    if (e >= s_.size()) return true;
    const detail::SymAt next = sym_at(s_, e);
    if (next.sym == Sym::kDigit || next.sym == Sym::kLetter || next.sym == Sym::kStar) return false;
    if (next.sym == Sym::kDot) {
      const std::size_t e2 = e + next.len;
      if (e2 < s_.size() && sym_at(s_, e2).sym == Sym::kDigit) return false;
    }
    return true;
  }

  // A separator and then a digit from byte e on: the number continues as a further group.
  bool followed_by_group(std::size_t e) const {
    if (e >= s_.size()) return false;
    const detail::SymAt a = sym_at(s_, e);
    return a.sym == Sym::kSep && e + a.len < s_.size() && sym_at(s_, e + a.len).sym == Sym::kDigit;
  }

  // Start of the finding: includes a '+' directly before a run that begins with the 86 country code.
  std::size_t begin_with_plus(const Run& r) const {
    if (r.begin > 0) {
      const detail::SymAt prev = sym_before(s_, r.begin);
      if (prev.sym == Sym::kPlus) return r.begin - prev.len;
    }
    return r.begin;
  }

  void emit(PiiKind kind, std::size_t begin, std::size_t end, std::string value, std::size_t core_begin = 0) {
    NumberHit h;
    h.finding.kind = kind;
    h.finding.offset = begin;
    h.finding.length = end - begin;
    h.finding.text = std::string(s_.substr(begin, end - begin));
    h.finding.value = std::move(value);
    h.core_begin = core_begin > begin ? core_begin : begin;
    out_.push_back(std::move(h));
  }

  // 18 characters: checksum-valid ID -> finding. Returns true if the number is shaped like an ID (valid or not),
  // so that callers do not reinterpret it as something else.
  bool try_resident_id(const std::string& ascii18, std::size_t begin, std::size_t end) {
    if (!detail::resident_id18_shape_ok(ascii18, kLatestBirth)) return false;
    std::string id = ascii18;
    if (id[17] == 'x') id[17] = 'X';
    if (resident_id_check_char(std::string_view(id).substr(0, 17)) == id[17])
      emit(PiiKind::kResidentId, begin, end, std::move(id));
    return true;
  }

  // A single run, bounded by non-number characters on both sides.
  void try_single(std::size_t i) {
    const Run& r = at(i);
    if (r.count > kMaxKept) return;
    if (!left_ok(r.begin) || !right_ok(r.x_end)) return;
    const std::string d(r.view());
    if (r.has_x) {
      if (r.count == 17) try_resident_id(d + 'X', r.begin, r.x_end);
      return;
    }
    switch (r.count) {
      case 11:
        if (is_mobile_block(d)) emit(PiiKind::kMobile, mobile_begin(i), r.end, d, r.begin);
        return;
      case 13:
        if (d.compare(0, 2, "86") == 0 && is_mobile_block(d.substr(2)))
          emit(PiiKind::kMobile, begin_with_plus(r), r.end, d.substr(2));
        return;
      case 15:
        if (d.compare(0, 4, "0086") == 0 && is_mobile_block(d.substr(4)))
          emit(PiiKind::kMobile, r.begin, r.end, d.substr(4));
        return;
      case 18:
        if (try_resident_id(d, r.begin, r.end)) return;
        if (passes_luhn(d) && !is_valid_credit_code(d)) emit(PiiKind::kBankCard, r.begin, r.end, d);
        return;
      case 16:
      case 17:
      case 19:
        if (passes_luhn(d)) emit(PiiKind::kBankCard, r.begin, r.end, d);
        return;
      default:
        return;
    }
  }

  // Start of an 11-digit mobile run i: includes a country-code group "86 " / "0086-" (and a '+' before 86) that
  // stands directly before it, on its own.
  std::size_t mobile_begin(std::size_t i) const {
    const Run& r = at(i);
    if (i == 0) return r.begin;
    const Run& p = at(i - 1);
    if (p.link == 0 || (p.view() != "86" && p.view() != "0086")) return r.begin;
    if (!left_ok(p.begin) || (i >= 2 && joined(at(i - 2), p))) return r.begin;
    return p.view() == "86" ? begin_with_plus(p) : p.begin;
  }

  // Runs a and b (consecutive) belong to one grouped number: one separator between them, and both short enough
  // to be a group (the longest group of any pattern is 8 digits). A run of 9 or more digits is a number of its
  // own, so it ends a chain: "13800138000 6222 0212 3456 7890 128" is a mobile and a card.
  static bool joined(const Run& a, const Run& b) { return a.link != 0 && a.count <= 8 && b.count <= 8; }

  // A chain of 2–5 runs joined by single separators, starting at run i, taken as a whole. Returns the number of
  // runs consumed (0 if no grouped pattern matched).
  std::size_t try_grouped(std::size_t i) {
    if (at(i).count > 8) return 0;
    if (i > 0 && joined(at(i - 1), at(i))) return 0;  // not the start of a chain
    std::size_t k = 1;
    // (a link implies that a next run exists)
    while (k <= 5 && at(i + k - 1).link != 0 && has(i + k) && joined(at(i + k - 1), at(i + k))) ++k;
    if (k < 2 || k > 5) return 0;
    std::array<Run, 5> g;
    for (std::size_t j = 0; j < k; ++j) g[j] = at(i + j);
    const Run& last = g[k - 1];
    if (!left_ok(g[0].begin) || !right_ok(last.x_end)) return 0;

    std::array<std::size_t, 5> len{};
    for (std::size_t j = 0; j < k; ++j) len[j] = g[j].count;
    const auto links_equal = [&](std::size_t from) {
      for (std::size_t j = from + 1; j + 1 < k; ++j)
        if (g[j].link != g[from].link) return false;
      return true;
    };
    const auto concat = [&](std::size_t from) {
      std::string d;
      for (std::size_t j = from; j < k; ++j) d += g[j].view();
      return d;
    };

    if (last.has_x) {  // only an ID may end in X: 6-8-3X, and not followed by a further group
      if (followed_by_group(last.x_end)) return 0;
      if (k == 3 && len[0] == 6 && len[1] == 8 && len[2] == 3 && links_equal(0) &&
          try_resident_id(concat(0) + 'X', g[0].begin, last.x_end))
        return k;
      return 0;
    }
    // Resident ID 6-8-4.
    if (k == 3 && len[0] == 6 && len[1] == 8 && len[2] == 4 && links_equal(0)) {
      if (try_resident_id(concat(0), g[0].begin, last.end)) return k;
      return 0;
    }
    // Mobile 3-4-4, optionally after a country-code group 86 / 0086. (86 / 0086 before 11 digits in one run is
    // handled by try_single.)
    const std::string first(g[0].view());
    const bool prefix = first == "86" || first == "0086";
    const std::size_t body = prefix ? 1 : 0;
    if (k - body == 3 && len[body] == 3 && len[body + 1] == 4 && len[body + 2] == 4 && links_equal(body)) {
      const std::string d = concat(body);
      if (is_mobile_block(d)) {
        emit(PiiKind::kMobile, first == "86" ? begin_with_plus(g[0]) : g[0].begin, last.end, d, g[body].begin);
        return k;
      }
      return 0;
    }
    // Bank card 4-4-4-4 or 4-4-4-4-(1..3): 16 to 19 digits.
    if ((k == 4 || k == 5) && len[0] == 4 && len[1] == 4 && len[2] == 4 && len[3] == 4 &&
        (k == 4 || (len[4] >= 1 && len[4] <= 3)) && links_equal(0)) {
      const std::string d = concat(0);
      if (passes_luhn(d)) {
        emit(PiiKind::kBankCard, g[0].begin, last.end, d);
        return k;
      }
    }
    return 0;
  }

  std::string_view s_;
  std::size_t pos_ = 0;       // tokeniser position
  std::size_t produced_ = 0;  // runs tokenised so far
  std::array<Run, kWindow> ring_{};
  std::vector<NumberHit> out_;
};

// Characters of an address as it appears in running text: the atext subset real addresses use, '.', and '@'.
// (The domain allows only letters, digits, '.' and '-'; is_valid_email checks that.)
bool is_address_char(char c) {
  return detail::is_ascii_digit(c) || detail::is_ascii_upper(c) || detail::is_ascii_lower(c) || c == '.' ||
         c == '_' || c == '%' || c == '+' || c == '-' || c == '@';
}

// Start of the longest suffix of s[from, at) that is a valid local part (RFC 5322 dot-atom, at most 64
// characters), or `at` if there is none. "x..zhang@" -> "zhang@"; a local part ending in '.' has none.
std::size_t local_start(std::string_view s, std::size_t from, std::size_t at) {
  if (at == from || s[at - 1] == '.') return at;
  std::size_t start = at - from > 64 ? at - 64 : from;
  for (std::size_t i = at - 1; i > start; --i) {
    if (s[i] == '.' && s[i - 1] == '.') {
      start = i + 1;
      break;
    }
  }
  while (start < at && s[start] == '.') ++start;
  return start;
}

// End of the domain after the '@' at `at`, within s[at + 1, to): trailing '.' and '-' belong to the sentence.
std::size_t domain_end(std::string_view s, std::size_t at, std::size_t to) {
  while (to > at + 1 && (s[to - 1] == '.' || s[to - 1] == '-')) --to;
  return to;
}

// E-mail addresses. The text is cut into maximal runs of address characters ("tokens"), each examined once, so
// this is linear. A token with one '@' yields the address made of the longest valid local-part suffix before it
// and the domain after it, if that is a valid address. A token with several '@' (a@b.cn@c.cn) cannot be split
// into addresses unambiguously: if any '@' in it has a valid address around it, the whole token is one finding,
// masked as a whole. This keeps mask_all idempotent: nothing it leaves behind is found by a second scan.
std::vector<Finding> scan_emails(std::string_view s) {
  std::vector<Finding> out;
  const auto emit = [&](std::size_t b, std::size_t e) {
    Finding f;
    f.kind = PiiKind::kEmail;
    f.offset = b;
    f.length = e - b;
    f.text = std::string(s.substr(b, e - b));
    f.value = f.text;
    out.push_back(std::move(f));
  };
  const auto address_at = [&](std::size_t from, std::size_t at, std::size_t to) {
    const std::size_t l = local_start(s, from, at);
    if (l == at) return false;
    const std::size_t r = domain_end(s, at, to);
    return is_valid_email(s.substr(l, r - l));
  };
  std::size_t p = 0;
  while (p < s.size()) {
    if (!is_address_char(s[p])) {
      ++p;
      continue;
    }
    const std::size_t b = p;
    std::size_t ats = 0;
    std::size_t first_at = 0;
    for (; p < s.size() && is_address_char(s[p]); ++p) {
      if (s[p] == '@' && ats++ == 0) first_at = p;
    }
    const std::size_t e = p;
    if (ats == 1) {
      if (address_at(b, first_at, e)) emit(local_start(s, b, first_at), domain_end(s, first_at, e));
    } else if (ats > 1) {
      bool any = false;
      for (std::size_t from = b, at = first_at; at < e && !any;) {
        std::size_t next = at + 1;
        while (next < e && s[next] != '@') ++next;
        any = address_at(from, at, next);
        from = at + 1;
        at = next;
      }
      if (any) {
        std::size_t tb = b;
        while (tb < e && s[tb] == '.') ++tb;
        emit(tb, domain_end(s, tb, e));
      }
    }
  }
  return out;
}

}  // namespace

std::vector<Finding> scan(std::string_view utf8_text) {
  std::vector<NumberHit> numbers = NumberScanner(utf8_text).run();
  std::vector<Finding> emails = scan_emails(utf8_text);
  const auto end_of = [](const Finding& f) { return f.offset + f.length; };

  // Merge by offset (both lists are sorted and non-overlapping). A number overlapping an e-mail finding is part
  // of it and dropped -- unless only its country-code prefix does ("y@c.cn@0086 13800138000"): then it is kept
  // without the prefix. A number overlaps only a bounded number of e-mails, so this stays linear.
  std::vector<Finding> out;
  out.reserve(numbers.size() + emails.size());
  std::size_t e = 0;
  for (NumberHit& h : numbers) {
    Finding& f = h.finding;
    while (e < emails.size() && end_of(emails[e]) <= f.offset) out.push_back(std::move(emails[e++]));
    bool covered = false;
    std::size_t begin = f.offset;
    for (std::size_t k = e; k < emails.size() && emails[k].offset < end_of(f); ++k) {
      if (end_of(emails[k]) <= h.core_begin) {
        begin = h.core_begin;
      } else {
        covered = true;
      }
    }
    if (covered) continue;
    if (begin != f.offset) {
      f.length = end_of(f) - begin;
      f.offset = begin;
      f.text = std::string(utf8_text.substr(f.offset, f.length));
      while (e < emails.size() && end_of(emails[e]) <= f.offset) out.push_back(std::move(emails[e++]));
    }
    out.push_back(std::move(f));
  }
  while (e < emails.size()) out.push_back(std::move(emails[e++]));
  for (Finding& f : out) f.masked = mask(f.kind, f.text);
  return out;
}

}  // namespace gongkai::privacy
