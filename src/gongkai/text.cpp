#include "gongkai/text.hpp"

namespace gongkai {

std::string trim(std::string_view s) {
  auto is_space_at_front = [&](std::string_view v) -> std::size_t {
    if (v.empty()) return 0;
    unsigned char c = v.front();
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
    if (v.starts_with("\u3000")) return 3;
    return 0;
  };
  auto is_space_at_back = [&](std::string_view v) -> std::size_t {
    if (v.empty()) return 0;
    unsigned char c = v.back();
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
    if (v.ends_with("\u3000")) return 3;
    return 0;
  };
  while (std::size_t n = is_space_at_front(s)) s.remove_prefix(n);
  while (std::size_t n = is_space_at_back(s)) s.remove_suffix(n);
  return std::string(s);
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace gongkai
