// libFuzzer target for platform/http/router's RouteTable::match: a realistic route table (literals, {id}
// parameters, {path*} rest parameters, several methods per path, trailing-slash twins) against arbitrary methods
// and raw paths. Built and run by scripts/fuzz.sh (sources: router.cpp, forms.cpp, message.cpp, errors.cpp).
//
// Input layout: byte 0 picks the method (GET, HEAD, POST, PUT, DELETE, PATCH, or — for other values — the bytes up
// to the first '\n' are the method); the rest is the raw path.
//
// Besides the sanitizers, it checks the contract of router.hpp:
//  * match is deterministic;
//  * found ⇒ the route's method is the request's (or GET for HEAD); every parameter is non-empty valid UTF-8
//    without control characters; no parameter contains '/' except a rest parameter; no parameter nor piece of a
//    rest parameter is "." or ".."; a rest parameter has no empty piece except possibly a trailing one; the pattern
//    with its parameters filled in is exactly the path decoded segment by segment; no route with more literal
//    segments also matches;
//  * method_not_allowed ⇒ an Allow list of distinct methods of routes matching the path, none of them the request's;
//  * bad_path exactly when the path is empty, relative, longer than 4096 bytes, or has a segment that does not
//    decode or decodes to ".", "..", invalid UTF-8, a control character, '/' or '\';
//  * otherwise (not_found), no route matches the path with any method.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "platform/http/forms.hpp"
#include "platform/http/router.hpp"

namespace {

using namespace platform::http;
using Kind = RouteMatch::Kind;

#define FUZZ_CHECK(cond)                                                                 \
  do {                                                                                   \
    if (!(cond)) {                                                                       \
      std::fprintf(stderr, "invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      std::abort();                                                                      \
    }                                                                                    \
  } while (0)

struct Spec {
  const char* method;
  const char* pattern;
};

const std::vector<Spec> kRoutes = {
    {"GET", "/"},
    {"GET", "/healthz"},
    {"GET", "/metrics"},
    {"GET", "/search"},
    {"GET", "/units"},
    {"GET", "/units/"},
    {"POST", "/units"},
    {"GET", "/units/new"},
    {"GET", "/units/{id}"},
    {"POST", "/units/{id}"},
    {"GET", "/units/{id}/edit"},
    {"POST", "/units/{id}/edit"},
    {"GET", "/api/v1/units"},
    {"GET", "/api/v1/units/{id}"},
    {"PUT", "/api/v1/units/{id}"},
    {"DELETE", "/api/v1/units/{id}"},
    {"GET", "/documents/{doc}/editions/{edition}"},
    {"GET", "/documents/{doc}/editions/latest"},
    {"GET", "/static/{path*}"},
    {"GET", "/files/{year}/{rest*}"},
    {"GET", "/console/audit"},
    {"POST", "/console/users/{id}/password"},
    {"GET", "/mailbox/letters/{no}"},
    {"POST", "/mailbox/letters/{no}/rating"},
    {"GET", "/{lang}/about"},
};

const RouteTable& table() {
  static const RouteTable t = [] {
    RouteTable r;
    for (const auto& s : kRoutes) r.add(s.method, s.pattern);
    return r;
  }();
  return t;
}

bool reference_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len;
    char32_t cp;
    if (c < 0x80) len = 1, cp = c;
    else if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07;
    else return false;
    if (i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

bool clean_text(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7F) return false;
  }
  return reference_utf8(s);
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  for (;;) {
    std::size_t k = s.find(sep, pos);
    out.push_back(s.substr(pos, k == std::string_view::npos ? std::string_view::npos : k - pos));
    if (k == std::string_view::npos) return out;
    pos = k + 1;
  }
}

bool is_param(std::string_view s) { return s.size() > 2 && s.front() == '{' && s.back() == '}'; }
bool is_rest(std::string_view s) { return is_param(s) && s[s.size() - 2] == '*'; }
std::string param_name(std::string_view s) { return std::string(s.substr(1, s.size() - (is_rest(s) ? 3 : 2))); }

// The raw path's segments, each decoded; nullopt if the path is not acceptable (the reference for bad_path).
std::optional<std::vector<std::string>> decoded_segments(std::string_view raw) {
  if (raw.empty() || raw.front() != '/' || raw.size() > 4096) return std::nullopt;
  std::vector<std::string> out;
  for (auto seg : split(raw.substr(1), '/')) {
    auto d = percent_decode(seg, false);
    if (!d) return std::nullopt;
    if (!d->empty()) {
      if (*d == "." || *d == "..") return std::nullopt;
      if (d->find('/') != std::string::npos || d->find('\\') != std::string::npos) return std::nullopt;
      if (!clean_text(*d)) return std::nullopt;
    }
    out.push_back(std::move(*d));
  }
  return out;
}

// Whether `pattern` matches the decoded segments (a reference matcher), filling `params`.
bool reference_match(std::string_view pattern, const std::vector<std::string>& segs,
                     std::map<std::string, std::string, std::less<>>* params) {
  auto ps = split(pattern.substr(1), '/');
  std::size_t k = 0;
  for (; k < ps.size(); ++k) {
    if (is_rest(ps[k])) {
      if (k >= segs.size()) return false;
      std::string rest;
      for (std::size_t j = k; j < segs.size(); ++j) {
        if (segs[j].empty() && j + 1 < segs.size()) return false;
        if (j > k) rest += '/';
        rest += segs[j];
      }
      if (rest.empty()) return false;
      if (params) (*params)[param_name(ps[k])] = rest;
      return true;
    }
    if (k >= segs.size()) return false;
    if (is_param(ps[k])) {
      if (segs[k].empty()) return false;
      if (params) (*params)[param_name(ps[k])] = segs[k];
    } else if (ps[k] != segs[k]) {
      return false;
    }
  }
  return k == segs.size();
}

int literal_count(std::string_view pattern) {
  int n = 0;
  for (auto s : split(pattern.substr(1), '/')) n += is_param(s) ? 0 : 1;
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const char* kMethods[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"};
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string method;
  if (data[0] < 6 * 40) {
    method = kMethods[data[0] % 6];
  } else {
    auto nl = rest.find('\n');
    method = std::string(rest.substr(0, nl));
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
  }
  const std::string_view path = rest;
  const RouteTable& t = table();

  const RouteMatch m = t.match(method, path);
  const RouteMatch again = t.match(method, path);
  FUZZ_CHECK(m.kind == again.kind && m.route == again.route && m.params == again.params && m.allow == again.allow);

  const auto segs = decoded_segments(path);
  FUZZ_CHECK((m.kind == Kind::bad_path) == !segs.has_value());
  if (!segs) {
    FUZZ_CHECK(m.route == -1 && m.params.empty());
    return 0;
  }
  const bool head = method == "HEAD";
  auto method_ok = [&](const char* route_method) { return method == route_method || (head && std::string_view(route_method) == "GET"); };

  switch (m.kind) {
    case Kind::found: {
      FUZZ_CHECK(m.route >= 0 && static_cast<std::size_t>(m.route) < kRoutes.size());
      const Spec& spec = kRoutes[m.route];
      FUZZ_CHECK(m.pattern == spec.pattern);
      FUZZ_CHECK(method_ok(spec.method));
      std::map<std::string, std::string, std::less<>> expected;
      FUZZ_CHECK(reference_match(spec.pattern, *segs, &expected));
      FUZZ_CHECK(expected == m.params);
      std::set<std::string> rest_names;
      for (auto s : split(std::string_view(spec.pattern).substr(1), '/')) {
        if (is_rest(s)) rest_names.insert(param_name(s));
      }
      for (const auto& [name, value] : m.params) {
        FUZZ_CHECK(!value.empty());
        FUZZ_CHECK(clean_text(value));
        FUZZ_CHECK(value.find('\\') == std::string::npos);
        const bool rest_param = rest_names.count(name) != 0;
        if (!rest_param) FUZZ_CHECK(value.find('/') == std::string::npos);
        auto pieces = split(value, '/');
        for (std::size_t i = 0; i < pieces.size(); ++i) {
          FUZZ_CHECK(pieces[i] != "." && pieces[i] != "..");
          if (i + 1 < pieces.size()) FUZZ_CHECK(!pieces[i].empty());
        }
      }
      // The pattern with its parameters filled in is the decoded path.
      std::string rebuilt;
      for (auto s : split(std::string_view(spec.pattern).substr(1), '/')) {
        rebuilt += '/';
        rebuilt += is_param(s) ? m.params.at(param_name(s)) : std::string(s);
      }
      std::string decoded;
      for (const auto& s : *segs) decoded += "/" + s;
      FUZZ_CHECK(rebuilt == decoded);
      // Literal segments win: no allowed route with more literals matches too.
      for (std::size_t i = 0; i < kRoutes.size(); ++i) {
        if (method_ok(kRoutes[i].method) && reference_match(kRoutes[i].pattern, *segs, nullptr)) {
          FUZZ_CHECK(literal_count(kRoutes[i].pattern) <= literal_count(spec.pattern));
        }
      }
      break;
    }
    case Kind::method_not_allowed: {
      FUZZ_CHECK(m.route == -1 && m.params.empty());
      FUZZ_CHECK(!m.allow.empty());
      std::set<std::string> listed;
      for (auto a : split(m.allow, ',')) {
        if (!a.empty() && a.front() == ' ') a.remove_prefix(1);
        FUZZ_CHECK(listed.insert(std::string(a)).second);
      }
      std::set<std::string> matching;
      for (const auto& s : kRoutes) {
        if (reference_match(s.pattern, *segs, nullptr)) {
          FUZZ_CHECK(!method_ok(s.method));
          matching.insert(s.method);
        }
      }
      FUZZ_CHECK(listed == matching);
      break;
    }
    case Kind::not_found:
      FUZZ_CHECK(m.route == -1 && m.params.empty() && m.allow.empty());
      for (const auto& s : kRoutes) FUZZ_CHECK(!reference_match(s.pattern, *segs, nullptr));
      break;
    case Kind::bad_path:
      FUZZ_CHECK(false);  // handled above
  }
  return 0;
}
