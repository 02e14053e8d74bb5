#include "gongkai/search/highlight.hpp"

#include <algorithm>

#include "gongkai/search/analysis.hpp"
#include "platform/http/message.hpp"

namespace gongkai::search {
namespace {

// ---- highlighting -------------------------------------------------------------------------------------------------

bool is_piece_char(char32_t c) {
  // Letters, digits and CJK: what the analyser keeps (punctuation inside a needle is not highlighted).
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
  if (c >= 0xE000 && c <= 0xF8FF) return false;
  if (c >= 0x3000 && c <= 0x303F && c != 0x3007) return false;
  if (c >= 0xFF00 && c <= 0xFFEF) return false;
  if (c >= 0x2000 && c <= 0x206F) return false;
  return true;
}

std::u32string u32_of(std::string_view s) { return normalise_mapped(s).chars; }

std::string utf8_of(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) {
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
  return out;
}

// The highlightable pieces of normalised needles: runs of letters, digits and CJK.
std::vector<std::u32string> pieces_of(const std::vector<std::string>& needles) {
  std::vector<std::u32string> out;
  for (const auto& n : needles) {
    std::u32string cur;
    for (char32_t c : u32_of(n)) {
      if (is_piece_char(c)) {
        cur += c;
      } else if (!cur.empty()) {
        out.push_back(std::move(cur));
        cur.clear();
      }
    }
    if (!cur.empty()) out.push_back(std::move(cur));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::size_t back_to_lead_byte(std::string_view s, std::size_t i) {
  while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return i;
}

// Byte offset `chars` code points before `pos` (or 0).
std::size_t back_chars(std::string_view s, std::size_t pos, std::size_t chars) {
  while (pos > 0 && chars > 0) {
    --pos;
    pos = back_to_lead_byte(s, pos);
    --chars;
  }
  return pos;
}

std::size_t forward_chars(std::string_view s, std::size_t pos, std::size_t chars) {
  while (pos < s.size() && chars > 0) {
    ++pos;
    while (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) ++pos;
    --chars;
  }
  return pos;
}

}  // namespace

std::string highlight(std::string_view text, const std::vector<std::string>& needles, std::size_t max_chars) {
  auto pieces = pieces_of(needles);
  std::size_t start = 0, end = text.size();
  if (max_chars > 0) {
    // Where the first match is: a byte search finds it when the text is already in normalised form (Simplified,
    // half-width: most of it); otherwise the normalised form of the first 64 KiB is searched.
    std::size_t first = std::string_view::npos;
    for (const auto& p : pieces) {
      std::size_t at = text.find(utf8_of(p));
      if (at < first) first = at;
    }
    if (first == std::string_view::npos) {
      std::string_view head = text.substr(0, back_to_lead_byte(text, std::min<std::size_t>(text.size(), 65536)));
      Mapped m = normalise_mapped(head);
      std::size_t best = std::u32string::npos;
      for (const auto& p : pieces) best = std::min(best, m.chars.find(p));
      if (best != std::u32string::npos) first = m.offsets[best];
    }
    if (first == std::string_view::npos) first = 0;
    start = back_chars(text, first, 30);
    end = forward_chars(text, start, max_chars);
  }
  std::string_view window = text.substr(start, end - start);
  Mapped m = normalise_mapped(window);
  // Matched character ranges, longest needles first, never overlapping.
  std::vector<char> marked(m.chars.size(), 0);
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  for (const auto& p : pieces) {
    for (std::size_t at = m.chars.find(p); at != std::u32string::npos; at = m.chars.find(p, at + 1)) {
      bool free = std::none_of(marked.begin() + at, marked.begin() + at + p.size(), [](char c) { return c; });
      if (!free) continue;
      std::fill(marked.begin() + at, marked.begin() + at + p.size(), 1);
      ranges.emplace_back(at, at + p.size());
    }
  }
  std::sort(ranges.begin(), ranges.end());
  std::string out;
  if (start > 0) out += "…";
  std::size_t pos = 0;  // byte in window
  for (const auto& [a, b] : ranges) {
    std::size_t from = m.offsets[a], to = m.offsets[b];
    if (from < pos || to <= from) continue;
    out += platform::http::html_escape(window.substr(pos, from - pos));
    out += "<mark>" + platform::http::html_escape(window.substr(from, to - from)) + "</mark>";
    pos = to;
  }
  out += platform::http::html_escape(window.substr(pos));
  if (end < text.size()) out += "…";
  return out;
}

}  // namespace gongkai::search
