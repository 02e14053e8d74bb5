// Snippets and highlighted titles for search results (pure).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gongkai::search {

// The text around the first match in `text`, at most `max_chars` characters (about 30 before the match), HTML-escaped
// with <mark> around every match of `needles` (normalised strings; their letters, digits and CJK characters are
// matched against the normalised form of the text, so Traditional or full-width text is marked in its own
// characters). `max_chars` 0 keeps the whole text. Never splits a UTF-8 sequence.
std::string highlight(std::string_view text, const std::vector<std::string>& needles, std::size_t max_chars);

}  // namespace gongkai::search
