#include "platform/render/templates.hpp"

#include <boost/json.hpp>
#include <kainjow/mustache.hpp>
#include <map>
#include <memory>
#include <stdexcept>

#include "platform/assets.hpp"

namespace platform::render {
namespace km = kainjow::mustache;
namespace {

std::string load_source(std::string_view name, int depth) {
  if (depth > 8) throw std::runtime_error("template includes nest too deeply: " + std::string(name));
  auto src = assets::read("templates/" + std::string(name) + ".mustache");
  if (!src) throw std::runtime_error("template not found: " + std::string(name));
  std::string out;
  std::size_t pos = 0;
  for (;;) {
    std::size_t open = src->find("{{>", pos);
    if (open == std::string::npos) break;
    std::size_t close = src->find("}}", open);
    if (close == std::string::npos) break;
    std::string inner = src->substr(open + 3, close - open - 3);
    while (!inner.empty() && inner.front() == ' ') inner.erase(0, 1);
    while (!inner.empty() && inner.back() == ' ') inner.pop_back();
    out.append(*src, pos, open - pos);
    out += load_source(inner, depth + 1);
    pos = close + 2;
  }
  out.append(*src, pos, std::string::npos);
  return out;
}

km::data to_data(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::object: {
      km::data d{km::data::type::object};
      for (const auto& [k, val] : v.get_object()) d.set(std::string(k), to_data(val));
      return d;
    }
    case boost::json::kind::array: {
      km::data d{km::data::type::list};
      for (const auto& val : v.get_array()) d.push_back(to_data(val));
      return d;
    }
    case boost::json::kind::string:
      // An empty string is false, as in the Mustache spec's view of "falsey" values, so {{#field}}…{{/field}} hides
      // the surrounding markup of an empty field (kainjow treats every string as true); it still renders as "".
      if (v.get_string().empty()) return km::data{km::data::type::bool_false};
      return km::data{std::string(v.get_string())};
    case boost::json::kind::bool_:
      return v.get_bool() ? km::data{km::data::type::bool_true} : km::data{km::data::type::bool_false};
    case boost::json::kind::int64:
      return km::data{std::to_string(v.get_int64())};
    case boost::json::kind::uint64:
      return km::data{std::to_string(v.get_uint64())};
    case boost::json::kind::double_: {
      std::string s = boost::json::serialize(v);
      return km::data{s};
    }
    case boost::json::kind::null:
    default:
      return km::data{km::data::type::bool_false};
  }
}

// Parsed templates per thread: kainjow's render is not const, so each worker keeps its own copies.
thread_local std::map<std::string, std::unique_ptr<km::mustache>, std::less<>> t_cache;
std::atomic<unsigned> g_generation{0};
thread_local unsigned t_generation = 0;

}  // namespace

std::string render(std::string_view name, const boost::json::value& data) {
  if (t_generation != g_generation.load()) {
    t_cache.clear();
    t_generation = g_generation.load();
  }
  auto it = t_cache.find(name);
  if (it == t_cache.end()) {
    auto t = std::make_unique<km::mustache>(load_source(name, 0));
    if (!t->is_valid()) throw std::runtime_error("template " + std::string(name) + ": " + t->error_message());
    it = t_cache.emplace(std::string(name), std::move(t)).first;
  }
  return it->second->render(to_data(data));
}

void clear_cache() { g_generation.fetch_add(1); }

}  // namespace platform::render
