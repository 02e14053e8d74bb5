#include "platform/http/router.hpp"

#include <spdlog/spdlog.h>

#include "platform/errors.hpp"

namespace platform::http {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t pos = 1;
  while (pos <= path.size()) {
    std::size_t slash = path.find('/', pos);
    std::string_view seg = path.substr(pos, slash == std::string_view::npos ? std::string_view::npos : slash - pos);
    out.push_back(seg);
    if (slash == std::string_view::npos) break;
    pos = slash + 1;
  }
  // "/" is one empty segment; "/units/" ends with an empty segment that matters ("/units/" != "/units").
  return out;
}

bool is_param(const std::string& s) { return s.size() > 2 && s.front() == '{' && s.back() == '}'; }
bool is_rest(const std::string& s) { return is_param(s) && s[s.size() - 2] == '*'; }
std::string param_name(const std::string& s) { return s.substr(1, s.size() - (is_rest(s) ? 3 : 2)); }

bool acceptable_segment(const std::string& s) {
  if (s == "." || s == "..") return false;
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f || c == '/' || c == '\\') return false;
  }
  return valid_utf8(s);
}

}  // namespace

int RouteTable::add(std::string method, std::string pattern) {
  Route r;
  r.method = std::move(method);
  for (auto seg : split_path(pattern)) {
    r.segments.emplace_back(seg);
    if (!is_param(r.segments.back())) ++r.literal_count;
  }
  r.pattern = std::move(pattern);
  routes_.push_back(std::move(r));
  return static_cast<int>(routes_.size()) - 1;
}

RouteMatch RouteTable::match(std::string_view method, std::string_view raw_path) const {
  RouteMatch result;
  if (raw_path.empty() || raw_path.front() != '/' || raw_path.size() > 4096) {
    result.kind = RouteMatch::Kind::bad_path;
    return result;
  }
  auto raw_segments = split_path(raw_path);
  std::vector<std::string> segs;
  segs.reserve(raw_segments.size());
  for (auto rs : raw_segments) {
    auto d = percent_decode(rs, false);
    if (!d || (!d->empty() && !acceptable_segment(*d))) {
      result.kind = RouteMatch::Kind::bad_path;
      return result;
    }
    segs.push_back(std::move(*d));
  }

  const bool head = method == "HEAD";
  int best = -1, best_literals = -1;
  std::map<std::string, std::string, std::less<>> best_params;
  std::string allow;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const Route& r = routes_[i];
    std::map<std::string, std::string, std::less<>> params;
    bool ok = true;
    std::size_t k = 0;
    for (; k < r.segments.size(); ++k) {
      const std::string& ps = r.segments[k];
      if (is_rest(ps)) {
        if (k >= segs.size()) { ok = false; break; }
        std::string rest;
        for (std::size_t j = k; j < segs.size(); ++j) {
          if (segs[j].empty() && j + 1 < segs.size()) { ok = false; break; }  // "a//b" is never a file path
          if (j > k) rest += '/';
          rest += segs[j];
        }
        if (!ok || rest.empty()) { ok = false; break; }
        params[param_name(ps)] = std::move(rest);
        k = segs.size();
        break;
      }
      if (k >= segs.size()) { ok = false; break; }
      if (is_param(ps)) {
        if (segs[k].empty()) { ok = false; break; }
        params[param_name(ps)] = segs[k];
      } else if (ps != segs[k]) {
        ok = false;
        break;
      }
    }
    if (!ok || k != segs.size()) continue;
    bool method_ok = r.method == method || (head && r.method == "GET");
    if (!method_ok) {
      if (allow.find(r.method) == std::string::npos) allow += (allow.empty() ? "" : ", ") + r.method;
      continue;
    }
    if (r.literal_count > best_literals) {
      best = static_cast<int>(i);
      best_literals = r.literal_count;
      best_params = std::move(params);
    }
  }
  if (best >= 0) {
    result.kind = RouteMatch::Kind::found;
    result.route = best;
    result.pattern = routes_[best].pattern;
    result.params = std::move(best_params);
  } else if (!allow.empty()) {
    result.kind = RouteMatch::Kind::method_not_allowed;
    result.allow = std::move(allow);
  }
  return result;
}

void Router::add(std::string method, std::string pattern, Handler h) {
  table_.add(std::move(method), std::move(pattern));
  handlers_.push_back(std::move(h));
}

Response Router::dispatch(Request& req) const {
  RouteMatch m = table_.match(req.method_string(), req.path());
  switch (m.kind) {
    case RouteMatch::Kind::found:
      req.route = m.pattern;
      req.params = std::move(m.params);
      return handlers_[m.route](req);
    case RouteMatch::Kind::method_not_allowed: {
      req.route = "(405)";
      Response r = error_(req, 405, "此地址不支持该请求方法。");
      r.set(beast_http::field::allow, m.allow);
      return r;
    }
    case RouteMatch::Kind::bad_path:
      req.route = "(400)";
      return error_(req, 400, "请求的地址无效。");
    case RouteMatch::Kind::not_found:
      break;
  }
  req.route = "(404)";
  return error_(req, 404, "您访问的页面不存在，可能已被移动或地址有误。");
}

Response Router::handle(Request& req) const {
  // Build the chain from the innermost (dispatch) outwards. Handlers are std::function; building the chain per
  // request costs a few allocations, cheap beside any handler that renders a page.
  std::size_t n = middleware_.size();
  std::function<Response(Request&, std::size_t)> run = [&](Request& r, std::size_t i) -> Response {
    if (i == n) return dispatch(r);
    Handler next = [&run, i](Request& rr) { return run(rr, i + 1); };
    return middleware_[i](r, next);
  };
  try {
    return run(req, 0);
  } catch (const std::exception& e) {
    spdlog::error("request {} failed: {}", req.request_id, platform::loggable(e));
    return error_(req, 500, "服务器内部错误，请稍后再试。");
  }
}

}  // namespace platform::http
