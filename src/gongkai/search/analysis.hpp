// The one text analyser of search, used for indexing and for querying, so that a query finds exactly the documents
// whose normalised text contains it.
//
// normalise: Unicode NFKC with case folding (full-width → half-width, lower case), document numbers in one
// canonical form (国办发[2017]47号, 国办发（2017）47号 and 国办发2017年47号 all become 国办发〔2017〕47号), then
// Traditional → Simplified character by character with OpenCC's t2s tables. Character by character, not phrase by
// phrase: a phrase-level conversion depends on the neighbouring characters, so a substring could convert differently
// from the text around it and exact substring search would break.
//
// tokens: CJK runs (Han, kana, hangul) become overlapping bigrams, followed by a unigram of the run's last character
// (the only token of a one-character run); Latin letters and digits form words. Between two runs that were not
// adjacent in the text, when either is CJK, a separator token keeps phrases from matching across punctuation.
//
// Document and query are both cut this way; the query side (term_tokens) leaves out what a longer run in the
// document would not have at that place, and asks for a prefix where a one-character run ends the term.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gongkai::search {

// Never produced from text (U+E000 is a private-use character, which tokens() treats as punctuation).
inline constexpr std::string_view kSeparatorToken = "\xEE\x80\x80";
// Longest Latin/digit word kept (longer ones are cut here, the same way in documents and queries).
inline constexpr std::size_t kMaxWordChars = 48;

// The normalised form of UTF-8 text (invalid bytes become U+FFFD). Thread-safe; the first call loads the t2s table.
std::string normalise(std::string_view text);

// The normalised form and, for each code point of it, the byte offset in `text` of the code point it came from, plus
// one final entry (text.size()). Used to put <mark> around matches in the original text. Works code point by code
// point (NFKC of each alone), which differs from normalise() only for combining sequences and document numbers.
struct Mapped {
  std::u32string chars;
  std::vector<std::size_t> offsets;
};
Mapped normalise_mapped(std::string_view text);

// The tokens of normalised text, in order, with kSeparatorToken where runs were apart.
std::vector<std::string> tokens(std::string_view normalised);

// The tokens that must appear consecutively in a document for it to contain the normalised term; `prefix_last`
// when the last token is a single CJK character that may begin a longer token. Empty when the term has nothing
// searchable (only punctuation).
struct TermTokens {
  std::vector<std::string> tokens;
  bool prefix_last = false;
};
TermTokens term_tokens(std::string_view normalised_term);

// The normalised text with only its letters, digits and CJK characters: equal keys mean the same title whatever
// the script, width, spacing and punctuation (an exact title match ranks first).
std::string title_key(std::string_view text);

// Traditional → Simplified of one code point (itself when there is nothing to convert).
char32_t to_simplified(char32_t c);

// Names what the analyser's output depends on: the version of this code (kAnalyserVersion, raised by any change to
// normalise() or tokens()), ICU's Unicode version (NFKC and case folding) and the bytes of OpenCC's t2s
// configuration and dictionaries. Equal fingerprints turn equal text into equal tokens, which the SQLite index relies
// on to take an entry's tokens out again (it keeps no copy of them). Cheap: reads about 60 KB once per process.
inline constexpr int kAnalyserVersion = 1;
std::string analyser_fingerprint();

}  // namespace gongkai::search
