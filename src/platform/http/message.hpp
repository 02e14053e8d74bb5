// The request and response that handlers see. A thin layer over Boost.Beast's messages: the server fills a
// Request, a handler returns a Response; nothing here does I/O.
#pragma once

#include <any>
#include <boost/beast/http.hpp>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "platform/http/forms.hpp"

namespace platform::http {

namespace beast_http = boost::beast::http;
using Verb = beast_http::verb;

class Request {
 public:
  Request() = default;
  Request(beast_http::request<beast_http::string_body> raw, std::string remote_addr);

  Verb method() const { return raw_.method(); }
  std::string_view method_string() const { return raw_.method_string(); }
  std::string_view target() const { return raw_.target(); }
  const std::string& path() const { return path_; }          // raw (still percent-encoded) path, no query
  std::string_view query_string() const { return query_; }
  std::string_view header(beast_http::field f) const;
  std::string_view header(std::string_view name) const;
  const std::string& body() const { return raw_.body(); }
  bool keep_alive() const { return raw_.keep_alive(); }
  const std::string& remote_addr() const { return remote_addr_; }
  void set_remote_addr(std::string a) { remote_addr_ = std::move(a); }
  bool is_api() const { return path_.starts_with("/api/"); }
  bool wants_json() const;
  bool is_safe_method() const;   // GET, HEAD, OPTIONS: never change state

  // Query parameters; a malformed query string yields an empty set (handlers treat it as "no filters").
  const FormData& query() const;
  // Cookie by name from the Cookie header; nullopt if absent.
  std::optional<std::string> cookie(std::string_view name) const;

  // The form body of a POST (urlencoded or multipart), parsed once. Errors as parse_urlencoded/parse_multipart,
  // or unsupported_media_type.
  const Result<MultipartForm>& form() const;

  // Path parameters filled by the router ({id} in "/units/{id}"), already percent-decoded.
  std::map<std::string, std::string, std::less<>> params;
  std::string param(std::string_view name) const;

  // Set by the server and middleware.
  std::string request_id;
  std::string route;       // the pattern that matched, e.g. "/units/{id}"; used for metrics
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  std::unordered_map<std::string, std::any> locals;  // per-request state of upper layers (session, user)

 private:
  beast_http::request<beast_http::string_body> raw_;
  std::string remote_addr_;
  std::string path_;
  std::string query_;
  mutable std::optional<FormData> query_cache_;
  mutable std::optional<Result<MultipartForm>> form_cache_;
};

struct Response {
  unsigned status = 200;
  beast_http::fields headers;
  std::string body;

  static Response html(std::string body, unsigned status = 200);
  static Response text(std::string body, unsigned status = 200);
  static Response json(std::string body, unsigned status = 200);
  static Response redirect(std::string_view location, unsigned status = 303);
  void set(beast_http::field f, std::string_view value) { headers.set(f, value); }
  void set(std::string_view name, std::string_view value) { headers.set(name, value); }
  std::string_view get(beast_http::field f) const;
};

// Set-Cookie value. Sessions use http_only and SameSite=Lax; `secure` when served over TLS.
struct CookieOptions {
  std::string path = "/";
  std::optional<std::chrono::seconds> max_age;  // nullopt: session cookie; 0s: delete
  bool http_only = true;
  bool secure = false;
  std::string same_site = "Lax";
};
std::string make_set_cookie(std::string_view name, std::string_view value, const CookieOptions& opt);

// Parses a Cookie header into name/value pairs (later duplicates ignored).
std::map<std::string, std::string, std::less<>> parse_cookie_header(std::string_view header);

// Content-Disposition value for a download (RFC 6266): `kind` "inline" or (anything else) "attachment", with an ASCII
// fallback `filename="..."` for old clients (non-ASCII runs, quotes, backslashes and controls become '_') and the
// real name as `filename*=UTF-8''<percent-encoded>` (RFC 5987/8187), which every current browser prefers.
// `utf8_name` should already be a safe name (files::safe_file_name); an empty name gives the bare kind.
std::string content_disposition(std::string_view kind, std::string_view utf8_name);

// Escapes text for HTML element content and attribute values.
std::string html_escape(std::string_view s);

}  // namespace platform::http
