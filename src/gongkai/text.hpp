// Small text helpers the domain shares (UTF-8 aware where it matters).
#pragma once

#include <string>
#include <string_view>

namespace gongkai {

// Removes ASCII white space and the ideographic space (U+3000) from both ends.
std::string trim(std::string_view s);
// Number of code points in valid UTF-8 (bytes that are not continuation bytes).
std::size_t utf8_length(std::string_view s);
// ASCII letters lower-cased; every other byte (UTF-8 included) unchanged.
std::string ascii_lower(std::string_view s);

}  // namespace gongkai
