#include "platform/http/page_cache.hpp"

namespace platform::http {

std::optional<Response> PageCache::get(const std::string& key) {
  if (!enabled()) return std::nullopt;
  std::lock_guard lk(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  if (std::chrono::steady_clock::now() > it->second.expires) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second.response;
}

void PageCache::put(const std::string& key, const Response& r) {
  if (!enabled()) return;
  std::lock_guard lk(mu_);
  if (entries_.size() >= max_) entries_.clear();
  entries_[key] = Entry{r, std::chrono::steady_clock::now() + ttl_};
}

void PageCache::clear() {
  std::lock_guard lk(mu_);
  entries_.clear();
}

}  // namespace platform::http
