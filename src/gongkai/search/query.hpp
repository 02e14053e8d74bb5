// The query language of the search box, parsed into phrases of analysed tokens (pure).
//
//   政务公开 信息           both terms (AND); each term is a phrase: its characters must appear together
//   "政府 信息公开"          a quoted phrase (also “…”), spaces inside kept as a gap
//   -征求意见               excluded (also －)
//   公开 OR 公示            either (also |)
//   国办发[2017]47号        文号 in any of the forms people type (see analysis.hpp)
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gongkai/search/analysis.hpp"
#include "platform/result.hpp"

namespace gongkai::search {

// One phrase: tokens that must stand consecutively in one field of a document.
struct Phrase {
  TermTokens tokens;
  std::string text;        // as typed
  std::string normalised;  // for highlighting
};

struct ParsedQuery {
  std::vector<std::vector<Phrase>> all_of;  // every group must match; a group matches when any of its phrases does
  std::vector<Phrase> none_of;              // no phrase may match
  std::vector<std::string> ignored;         // terms dropped because nothing in them is searchable (punctuation)
  std::string title_key;                    // title_key() of the positive terms together: a title equal to it ranks first

  // Normalised strings of the positive phrases, longest first (for <mark>).
  std::vector<std::string> highlights() const;
};

inline constexpr std::size_t kMaxQueryChars = 200;
inline constexpr std::size_t kMaxPhrases = 16;

// Errors (messages in Chinese, for the visitor): empty_query (nothing typed), query_too_long, too_many_terms,
// only_exclusions (every term starts with -), nothing_searchable (only punctuation or symbols).
platform::Result<ParsedQuery> parse_query(std::string_view text);

// The query relaxed for when nothing contains all of it: any token of its positive phrases (bigrams, words), ranked
// by BM25 — how a question typed in full ("政府信息公开申请要多久答复") still finds the documents that answer it.
// The exclusions stay. nullopt when there is nothing to relax (a single token).
std::optional<ParsedQuery> relaxed(const ParsedQuery& q);

// The query as SQLite FTS5 MATCH syntax (every token double-quoted; prefix as "…"*).
std::string to_fts5(const ParsedQuery& q);
std::string fts5_phrase(const Phrase& p);
// One phrase as a PostgreSQL tsquery literal ('a' <-> 'b' <2> 'c':*); a separator token widens the distance.
std::string to_tsquery(const Phrase& p);

}  // namespace gongkai::search
