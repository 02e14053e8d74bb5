#include "platform/assets.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace platform::assets_data {
struct Entry {
  const char* name;
  std::string_view data;
};
extern const Entry kEntries[];
}  // namespace platform::assets_data

namespace platform::assets {
namespace {
std::string g_override;
}

void set_override_dir(std::string dir) { g_override = std::move(dir); }

std::optional<std::string> read(std::string_view name) {
  if (name.find("..") != std::string_view::npos) return std::nullopt;
  if (!g_override.empty()) {
    std::ifstream in(g_override + "/" + std::string(name), std::ios::binary);
    if (in) {
      std::ostringstream ss;
      ss << in.rdbuf();
      return ss.str();
    }
  }
  for (const auto* e = assets_data::kEntries; e->name; ++e) {
    if (name == e->name) return std::string(e->data);
  }
  return std::nullopt;
}

std::vector<std::string> list(std::string_view prefix) {
  std::vector<std::string> out;
  for (const auto* e = assets_data::kEntries; e->name; ++e) {
    if (std::string_view(e->name).starts_with(prefix)) out.emplace_back(e->name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace platform::assets
