// A micro-cache for anonymous GET responses: a page that many people read at once is rendered once per TTL per
// node. Only responses the application marked as public (no session, no cookie set, status 200) are stored; any
// successful state-changing request on this node empties the cache, and the TTL bounds staleness across nodes.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "platform/http/message.hpp"

namespace platform::http {

class PageCache {
 public:
  explicit PageCache(std::chrono::milliseconds ttl, std::size_t max_entries = 2000) : ttl_(ttl), max_(max_entries) {}
  bool enabled() const { return ttl_.count() > 0; }
  std::optional<Response> get(const std::string& key);
  void put(const std::string& key, const Response& r);
  void clear();

 private:
  struct Entry {
    Response response;
    std::chrono::steady_clock::time_point expires;
  };
  std::chrono::milliseconds ttl_;
  std::size_t max_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace platform::http
