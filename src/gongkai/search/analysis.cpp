#include "gongkai/search/analysis.hpp"

#include <opencc/opencc.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

namespace gongkai::search {
namespace {

// ---- UTF-8 ----------------------------------------------------------------------------------------------------

// Decodes the code point at s[i] and advances i; invalid or truncated sequences give U+FFFD and advance one byte.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) { ++i; return c; }
  int len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
  if (len == 0 || i + len > s.size()) { ++i; return 0xFFFD; }
  char32_t cp = c & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) { ++i; return 0xFFFD; }
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) { ++i; return 0xFFFD; }
  i += len;
  return cp;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// ---- character classes ------------------------------------------------------------------------------------------

bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x323AF) || c == 0x3007;
}

enum class CharClass { other, cjk, word };

CharClass classify(char32_t c) {
  if (c < 0x80) {
    return ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ? CharClass::word
                                                                                           : CharClass::other;
  }
  if (is_han(c) || (c >= 0x3040 && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF) ||
      (c >= 0x3130 && c <= 0x318F)) {
    return CharClass::cjk;
  }
  if (c >= 0xE000 && c <= 0xF8FF) return CharClass::other;  // private use: never a token (kSeparatorToken is one)
  return u_isalnum(static_cast<UChar32>(c)) ? CharClass::word : CharClass::other;
}

// ---- Traditional → Simplified, one code point at a time ---------------------------------------------------------

struct T2S {
  std::vector<char32_t> bmp;  // index: code point; 0 = unchanged
  std::unordered_map<char32_t, char32_t> astral;

  char32_t map(char32_t c) const {
    if (c < 0x10000) {
      char32_t m = bmp[c];
      return m ? m : c;
    }
    auto it = astral.find(c);
    return it == astral.end() ? c : it->second;
  }
};

const T2S& t2s() {
  static const T2S table = [] {
    T2S t;
    t.bmp.assign(0x10000, 0);
    opencc_t od = opencc_open("t2s.json");
    if (od == reinterpret_cast<opencc_t>(-1)) od = opencc_open("/usr/share/opencc/t2s.json");
    if (od == reinterpret_cast<opencc_t>(-1)) {
      throw std::runtime_error("OpenCC 的繁简转换配置 t2s.json 无法加载（需要 Debian 软件包 opencc / libopencc1.1）");
    }
    // Every candidate character on its own line, converted in one call: no dictionary entry spans a line break, so
    // each line is converted alone — the character-level mapping, independent of context.
    std::vector<char32_t> candidates;
    auto add_range = [&](char32_t lo, char32_t hi) {
      for (char32_t c = lo; c <= hi; ++c) candidates.push_back(c);
    };
    add_range(0x2E80, 0x2FDF);
    add_range(0x3400, 0x4DBF);
    add_range(0x4E00, 0x9FFF);
    add_range(0xF900, 0xFAFF);
    add_range(0x20000, 0x2A6DF);
    add_range(0x2A700, 0x2EBEF);
    add_range(0x2F800, 0x2FA1F);
    std::string input;
    input.reserve(candidates.size() * 5);
    for (char32_t c : candidates) {
      append_utf8(input, c);
      input += '\n';
    }
    char* converted = opencc_convert_utf8(od, input.data(), input.size());
    std::string output = converted ? converted : "";
    if (converted) opencc_convert_utf8_free(converted);
    opencc_close(od);
    std::size_t pos = 0;
    std::unordered_map<char32_t, char32_t> raw;
    for (char32_t c : candidates) {
      std::size_t nl = output.find('\n', pos);
      if (nl == std::string::npos) break;
      std::string_view line(output.data() + pos, nl - pos);
      pos = nl + 1;
      std::size_t i = 0;
      if (line.empty()) continue;
      char32_t m = next_code_point(line, i);
      if (i == line.size() && m != c && m != 0xFFFD) raw[c] = m;  // one code point to one code point only
    }
    // Close the mapping (a → b and b → c gives a → c), so normalising twice changes nothing more.
    for (auto& [from, to] : raw) {
      for (int hop = 0; hop < 4; ++hop) {
        auto it = raw.find(to);
        if (it == raw.end() || it->second == to) break;
        to = it->second;
      }
      if (from < 0x10000) {
        t.bmp[from] = to;
      } else {
        t.astral[from] = to;
      }
    }
    return t;
  }();
  return table;
}

const icu::Normalizer2& nfkc_casefold() {
  static const icu::Normalizer2* n = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* p = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status) || !p) throw std::runtime_error("ICU 的 NFKC 规范化数据无法加载");
    return p;
  }();
  return *n;
}

bool is_ascii_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_open_bracket(char32_t c) { return c == '[' || c == '(' || c == 0x3014 || c == 0x3010 || c == 0x3016; }
bool is_close_bracket(char32_t c) { return c == ']' || c == ')' || c == 0x3015 || c == 0x3011 || c == 0x3017; }

// 文号 in the forms people type → 机关代字〔年份〕序号号 (GB/T 9704 writes the year in 六角括号).
std::u32string canonical_document_numbers(const std::u32string& in) {
  std::u32string out;
  out.reserve(in.size());
  std::size_t i = 0;
  const std::size_t n = in.size();
  while (i < n) {
    char32_t c = in[i];
    out += c;
    ++i;
    if (!is_han(c) || i >= n) continue;
    std::size_t j = i;
    auto skip_spaces = [&] {
      while (j < n && in[j] == ' ') ++j;
    };
    skip_spaces();
    if (j >= n) continue;
    bool bracketed = is_open_bracket(in[j]);
    if (bracketed) ++j;
    skip_spaces();
    std::size_t year_start = j;
    while (j < n && is_ascii_digit(in[j]) && j - year_start < 5) ++j;
    if (j - year_start != 4) continue;
    std::size_t year_end = j;
    skip_spaces();
    if (j >= n) continue;
    if (bracketed ? !(is_close_bracket(in[j]) || in[j] == U'年') : in[j] != U'年') continue;
    ++j;
    skip_spaces();
    std::size_t no_start = j;
    while (j < n && is_ascii_digit(in[j]) && j - no_start < 7) ++j;
    std::size_t no_end = j;
    if (no_end == no_start || no_end - no_start > 6) continue;
    skip_spaces();
    if (j >= n || in[j] != U'号') continue;
    out += U'〔';
    out.append(in, year_start, year_end - year_start);
    out += U'〕';
    out.append(in, no_start, no_end - no_start);
    out += U'号';
    i = j + 1;
  }
  return out;
}

// One CJK run or word, as the tokenizer sees it.
struct Run {
  CharClass kind = CharClass::other;
  std::u32string chars;
  bool gap_before = false;  // other characters stood between this run and the previous one
};

std::vector<Run> runs_of(std::string_view normalised) {
  std::vector<Run> runs;
  Run current;
  bool gap = false;
  auto flush = [&] {
    if (current.chars.empty()) return;
    current.gap_before = gap && !runs.empty();
    runs.push_back(std::move(current));
    current = Run{};
    gap = false;
  };
  std::size_t i = 0;
  while (i < normalised.size()) {
    char32_t c = next_code_point(normalised, i);
    CharClass k = classify(c);
    if (k == CharClass::other) {
      flush();
      gap = true;
      continue;
    }
    if (k != current.kind) flush();
    current.kind = k;
    current.chars += c;
  }
  flush();
  return runs;
}

std::string utf8_of(const char32_t* p, std::size_t n) {
  std::string s;
  for (std::size_t k = 0; k < n; ++k) append_utf8(s, p[k]);
  return s;
}

// Emits a run's tokens. `final_unigram`: the unigram of a multi-character CJK run's last character.
void emit(const Run& r, bool final_unigram, std::vector<std::string>& out) {
  if (r.kind == CharClass::word) {
    out.push_back(utf8_of(r.chars.data(), std::min(r.chars.size(), kMaxWordChars)));
    return;
  }
  const std::size_t n = r.chars.size();
  if (n == 1) {
    out.push_back(utf8_of(r.chars.data(), 1));
    return;
  }
  for (std::size_t k = 0; k + 1 < n; ++k) out.push_back(utf8_of(r.chars.data() + k, 2));
  if (final_unigram) out.push_back(utf8_of(r.chars.data() + n - 1, 1));
}

bool separated(const std::vector<Run>& runs, std::size_t k) {
  return k > 0 && runs[k].gap_before && (runs[k].kind == CharClass::cjk || runs[k - 1].kind == CharClass::cjk);
}

}  // namespace

char32_t to_simplified(char32_t c) { return t2s().map(c); }

std::string analyser_fingerprint() {
  static const std::string fingerprint = [] {
    // FNV-1a over each file's name and bytes: a changed dictionary (a Debian update of libopencc-data) changes it.
    std::uint64_t h = 0xcbf29ce484222325ULL;
    auto mix = [&](std::string_view bytes) {
      for (unsigned char c : bytes) {
        h ^= c;
        h *= 0x100000001b3ULL;
      }
    };
    for (const char* name : {"t2s.json", "TSPhrases.ocd2", "TSCharacters.ocd2"}) {
      mix(name);
      std::ifstream in(std::string("/usr/share/opencc/") + name, std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      mix(bytes);
      mix(std::to_string(bytes.size()));
    }
    UVersionInfo unicode;
    u_getUnicodeVersion(unicode);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return "analyser " + std::to_string(kAnalyserVersion) + "; unicode " + std::to_string(unicode[0]) + "." +
           std::to_string(unicode[1]) + "." + std::to_string(unicode[2]) + "; opencc t2s " + hex;
  }();
  return fingerprint;
}

std::string title_key(std::string_view text) {
  std::string n = normalise(text), out;
  std::size_t i = 0;
  while (i < n.size()) {
    std::size_t at = i;
    char32_t c = next_code_point(n, i);
    if (classify(c) != CharClass::other) out.append(n, at, i - at);
  }
  return out;
}

std::string normalise(std::string_view text) {
  const T2S& table = t2s();
  icu::UnicodeString src = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString folded = nfkc_casefold().normalize(src, status);
  if (U_FAILURE(status)) folded = src;
  std::u32string chars;
  chars.reserve(static_cast<std::size_t>(folded.length()));
  for (int32_t k = 0; k < folded.length();) {
    UChar32 c = folded.char32At(k);
    chars += static_cast<char32_t>(c);
    k += U16_LENGTH(c);
  }
  std::u32string canonical = canonical_document_numbers(chars);
  std::string out;
  out.reserve(text.size());
  for (char32_t c : canonical) append_utf8(out, table.map(c));
  return out;
}

Mapped normalise_mapped(std::string_view text) {
  const T2S& table = t2s();
  Mapped m;
  m.chars.reserve(text.size() / 2);
  m.offsets.reserve(text.size() / 2 + 1);
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t at = i;
    char32_t c = next_code_point(text, i);
    if (c < 0x80) {
      m.chars += (c >= 'A' && c <= 'Z') ? c + 32 : c;
      m.offsets.push_back(at);
      continue;
    }
    if (c >= 0x4E00 && c <= 0x9FFF) {  // unified ideographs are NFKC-stable
      m.chars += table.map(c);
      m.offsets.push_back(at);
      continue;
    }
    icu::UnicodeString one(static_cast<UChar32>(c));
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString folded = nfkc_casefold().normalize(one, status);
    if (U_FAILURE(status)) folded = one;
    for (int32_t k = 0; k < folded.length();) {
      UChar32 f = folded.char32At(k);
      m.chars += table.map(static_cast<char32_t>(f));
      m.offsets.push_back(at);
      k += U16_LENGTH(f);
    }
  }
  m.offsets.push_back(text.size());
  return m;
}

std::vector<std::string> tokens(std::string_view normalised) {
  std::vector<std::string> out;
  auto runs = runs_of(normalised);
  for (std::size_t k = 0; k < runs.size(); ++k) {
    if (separated(runs, k)) out.emplace_back(kSeparatorToken);
    emit(runs[k], true, out);
  }
  return out;
}

TermTokens term_tokens(std::string_view normalised_term) {
  TermTokens t;
  auto runs = runs_of(normalised_term);
  for (std::size_t k = 0; k < runs.size(); ++k) {
    if (separated(runs, k)) t.tokens.emplace_back(kSeparatorToken);
    bool last = k + 1 == runs.size();
    // The document's run may go on past the end of the term: no final unigram for the last run, and a
    // one-character last run may be the first half of a bigram.
    emit(runs[k], !last, t.tokens);
    if (last && runs[k].kind == CharClass::cjk && runs[k].chars.size() == 1) t.prefix_last = true;
  }
  return t;
}

}  // namespace gongkai::search
