// libFuzzer target for search: the analyser (normalise, tokens, term_tokens), the query parser and its FTS5 and
// tsquery renderings, and highlighting, on arbitrary bytes. Built and run by scripts/fuzz.sh.
//
// Besides the sanitizers, it checks:
//  * normalise is idempotent and gives valid UTF-8; no token is empty or contains a space;
//  * a parsed query renders to FTS5 with balanced double quotes (every token stays inside its string) and to
//    tsquery with balanced single quotes;
//  * a document always contains itself: the term tokens of any text appear consecutively in the text's own tokens;
//  * highlight never emits a raw '<' other than <mark> and </mark>.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "gongkai/search/analysis.hpp"
#include "gongkai/search/highlight.hpp"
#include "gongkai/search/query.hpp"

namespace {

#define FUZZ_CHECK(cond)                                                                 \
  do {                                                                                   \
    if (!(cond)) {                                                                       \
      std::fprintf(stderr, "invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      std::abort();                                                                      \
    }                                                                                    \
  } while (0)

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (int k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

bool contains_run(const std::vector<std::string>& hay, const std::vector<std::string>& needle, bool prefix_last) {
  if (needle.empty()) return true;
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    bool ok = true;
    for (std::size_t k = 0; k < needle.size() && ok; ++k) {
      bool last = k + 1 == needle.size();
      ok = (last && prefix_last) ? hay[i + k].starts_with(needle[k]) : hay[i + k] == needle[k];
    }
    if (ok) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::string n = gongkai::search::normalise(in);
  FUZZ_CHECK(valid_utf8(n));
  FUZZ_CHECK(gongkai::search::normalise(n) == n);
  auto toks = gongkai::search::tokens(n);
  for (const auto& t : toks) {
    FUZZ_CHECK(!t.empty());
    FUZZ_CHECK(t.find(' ') == std::string::npos);
  }
  auto term = gongkai::search::term_tokens(n);
  FUZZ_CHECK(contains_run(toks, term.tokens, term.prefix_last));

  auto q = gongkai::search::parse_query(in);
  if (q.ok()) {
    FUZZ_CHECK(!q->all_of.empty());
    std::string fts = gongkai::search::to_fts5(*q);
    std::size_t quotes = 0;
    for (char c : fts) quotes += c == '"';
    FUZZ_CHECK(quotes % 2 == 0);
    for (const auto& g : q->all_of) {
      for (const auto& p : g) {
        std::string ts = gongkai::search::to_tsquery(p);
        std::size_t sq = 0;
        for (std::size_t i = 0; i < ts.size(); ++i) {
          if (ts[i] == '\\') { ++i; continue; }
          sq += ts[i] == '\'';
        }
        FUZZ_CHECK(sq % 2 == 0);
      }
    }
    (void)gongkai::search::relaxed(*q);
    std::string h = gongkai::search::highlight(in, q->highlights(), 40);
    FUZZ_CHECK(valid_utf8(h) || !valid_utf8(in));
    for (std::size_t p = h.find('<'); p != std::string::npos; p = h.find('<', p + 1)) {
      std::string_view rest = std::string_view(h).substr(p);
      FUZZ_CHECK(rest.starts_with("<mark>") || rest.starts_with("</mark>"));
    }
  }
  return 0;
}
