#include "platform/http/static_files.hpp"

#include <charconv>
#include <ctime>

#include "platform/assets.hpp"
#include "platform/crypto.hpp"

namespace platform::http {

std::string content_type_for(std::string_view name) {
  auto dot = name.rfind('.');
  std::string_view ext = dot == std::string_view::npos ? "" : name.substr(dot + 1);
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "json") return "application/json";
  if (ext == "txt") return "text/plain; charset=utf-8";
  if (ext == "html") return "text/html; charset=utf-8";
  return "application/octet-stream";
}

namespace {
std::string http_date(std::time_t t) {
  char buf[64];
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}
}  // namespace

StaticFiles::StaticFiles(std::string url_prefix) : prefix_(std::move(url_prefix)) {
  last_modified_ = http_date(std::time(nullptr));
  for (const auto& name : assets::list("static/")) {
    auto body = assets::read(name);
    if (!body) continue;
    File f;
    f.etag = "\"" + sha256_hex(*body).substr(0, 32) + "\"";
    f.content_type = content_type_for(name);
    f.body = std::move(*body);
    files_.emplace(name.substr(7), std::move(f));
  }
}

std::optional<Response> StaticFiles::serve(const Request& req) const {
  if (!req.path().starts_with(prefix_)) return std::nullopt;
  if (req.method() != Verb::get && req.method() != Verb::head) return std::nullopt;
  std::string_view rel = std::string_view(req.path()).substr(prefix_.size());
  // Only plain names reach the table; anything encoded or with dot segments falls through to the router (404/400).
  if (rel.find('%') != std::string_view::npos || rel.find("..") != std::string_view::npos) return std::nullopt;
  auto it = files_.find(rel);
  if (it == files_.end()) return std::nullopt;
  const File& f = it->second;

  Response r;
  r.set(beast_http::field::content_type, f.content_type);
  r.set(beast_http::field::etag, f.etag);
  r.set(beast_http::field::last_modified, last_modified_);
  r.set(beast_http::field::cache_control, "public, max-age=3600");
  r.set(beast_http::field::accept_ranges, "bytes");

  std::string_view inm = req.header(beast_http::field::if_none_match);
  if (!inm.empty() && (inm == f.etag || inm == "*" || inm.find(f.etag) != std::string_view::npos)) {
    r.status = 304;
    return r;
  }
  if (inm.empty() && req.header(beast_http::field::if_modified_since) == last_modified_) {
    r.status = 304;
    return r;
  }

  std::string_view range = req.header(beast_http::field::range);
  std::string_view if_range = req.header(beast_http::field::if_range);
  if (!range.empty() && (if_range.empty() || if_range == f.etag) && range.starts_with("bytes=") &&
      range.find(',') == std::string_view::npos) {
    // One range: "bytes=a-b", "bytes=a-" or "bytes=-n". Multiple ranges are answered with the whole file.
    std::string_view spec = range.substr(6);
    auto dash = spec.find('-');
    const std::size_t size = f.body.size();
    std::size_t first = 0, last = size ? size - 1 : 0;
    bool ok = dash != std::string_view::npos;
    if (ok) {
      std::string_view a = spec.substr(0, dash), b = spec.substr(dash + 1);
      std::size_t x = 0, y = 0;
      auto pa = std::from_chars(a.data(), a.data() + a.size(), x);
      auto pb = std::from_chars(b.data(), b.data() + b.size(), y);
      bool has_a = !a.empty() && pa.ec == std::errc{} && pa.ptr == a.data() + a.size();
      bool has_b = !b.empty() && pb.ec == std::errc{} && pb.ptr == b.data() + b.size();
      if (has_a && (b.empty() || has_b)) {
        first = x;
        if (has_b) last = std::min(y, last);
        ok = has_b ? x <= y : true;
      } else if (a.empty() && has_b && y > 0) {
        first = y >= size ? 0 : size - y;
      } else {
        ok = false;
      }
    }
    if (ok && first < size) {
      r.status = 206;
      r.set(beast_http::field::content_range,
            "bytes " + std::to_string(first) + "-" + std::to_string(last) + "/" + std::to_string(size));
      r.body = f.body.substr(first, last - first + 1);
      return r;
    }
    if (ok || dash != std::string_view::npos) {
      r.status = 416;
      r.set(beast_http::field::content_range, "bytes */" + std::to_string(size));
      return r;
    }
  }
  r.body = f.body;
  return r;
}

}  // namespace platform::http
