#include "platform/http/message.hpp"

namespace platform::http {

Request::Request(beast_http::request<beast_http::string_body> raw, std::string remote_addr)
    : raw_(std::move(raw)), remote_addr_(std::move(remote_addr)) {
  std::string_view t = raw_.target();
  auto q = t.find('?');
  path_ = std::string(t.substr(0, q));
  if (q != std::string_view::npos) query_ = std::string(t.substr(q + 1));
}

std::string_view Request::header(beast_http::field f) const {
  auto it = raw_.find(f);
  return it == raw_.end() ? std::string_view{} : std::string_view(it->value());
}

std::string_view Request::header(std::string_view name) const {
  auto it = raw_.find(name);
  return it == raw_.end() ? std::string_view{} : std::string_view(it->value());
}

bool Request::wants_json() const {
  return is_api() || header(beast_http::field::accept).starts_with("application/json");
}

bool Request::is_safe_method() const {
  auto m = method();
  return m == Verb::get || m == Verb::head || m == Verb::options;
}

const FormData& Request::query() const {
  if (!query_cache_) {
    auto parsed = parse_urlencoded(query_, 200);
    query_cache_ = parsed.ok() ? std::move(parsed).value() : FormData{};
  }
  return *query_cache_;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  auto cookies = parse_cookie_header(header(beast_http::field::cookie));
  auto it = cookies.find(name);
  if (it == cookies.end()) return std::nullopt;
  return it->second;
}

const Result<MultipartForm>& Request::form() const {
  if (!form_cache_) {
    std::string_view ct = header(beast_http::field::content_type);
    if (ct.empty() || ct.starts_with("application/x-www-form-urlencoded")) {
      auto f = parse_urlencoded(raw_.body());
      if (f.ok()) form_cache_.emplace(MultipartForm{std::move(f).value(), {}});
      else form_cache_.emplace(f.error());
    } else if (auto b = multipart_boundary(ct)) {
      form_cache_.emplace(parse_multipart(raw_.body(), *b));
    } else {
      form_cache_.emplace(make_error("unsupported_media_type", "不支持的提交格式。"));
    }
  }
  return *form_cache_;
}

std::string Request::param(std::string_view name) const {
  auto it = params.find(name);
  return it == params.end() ? std::string{} : it->second;
}

namespace {
Response with_body(std::string body, unsigned status, std::string_view content_type) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.headers.set(beast_http::field::content_type, content_type);
  return r;
}
}  // namespace

Response Response::html(std::string body, unsigned status) {
  return with_body(std::move(body), status, "text/html; charset=utf-8");
}

Response Response::text(std::string body, unsigned status) {
  return with_body(std::move(body), status, "text/plain; charset=utf-8");
}

Response Response::json(std::string body, unsigned status) {
  return with_body(std::move(body), status, "application/json; charset=utf-8");
}

Response Response::redirect(std::string_view location, unsigned status) {
  Response r;
  r.status = status;
  r.headers.set(beast_http::field::location, location);
  return r;
}

std::string_view Response::get(beast_http::field f) const {
  auto it = headers.find(f);
  return it == headers.end() ? std::string_view{} : std::string_view(it->value());
}

std::string make_set_cookie(std::string_view name, std::string_view value, const CookieOptions& opt) {
  std::string s;
  s.append(name).append("=").append(value).append("; Path=").append(opt.path);
  if (opt.max_age) s.append("; Max-Age=").append(std::to_string(opt.max_age->count()));
  if (opt.http_only) s.append("; HttpOnly");
  if (opt.secure) s.append("; Secure");
  if (!opt.same_site.empty()) s.append("; SameSite=").append(opt.same_site);
  return s;
}

std::map<std::string, std::string, std::less<>> parse_cookie_header(std::string_view header) {
  std::map<std::string, std::string, std::less<>> out;
  std::size_t pos = 0;
  while (pos < header.size()) {
    std::size_t semi = header.find(';', pos);
    std::string_view part = header.substr(pos, semi == std::string_view::npos ? std::string_view::npos : semi - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    std::size_t eq = part.find('=');
    if (eq != std::string_view::npos && eq > 0) {
      std::string_view v = part.substr(eq + 1);
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      out.emplace(std::string(part.substr(0, eq)), std::string(v));
    }
    if (semi == std::string_view::npos) break;
    pos = semi + 1;
  }
  return out;
}

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string content_disposition(std::string_view kind, std::string_view utf8_name) {
  std::string out = kind == "inline" ? "inline" : "attachment";
  if (utf8_name.empty()) return out;
  std::string ascii;
  bool in_run = false;  // a run of non-ASCII bytes (one or more characters) becomes one '_'
  for (unsigned char c : utf8_name) {
    if (c >= 0x80) {
      if (!in_run) ascii.push_back('_');
      in_run = true;
      continue;
    }
    in_run = false;
    ascii.push_back(c < 0x20 || c == 0x7F || c == '"' || c == '\\' ? '_' : static_cast<char>(c));
  }
  out += "; filename=\"" + ascii + "\"";
  out += "; filename*=UTF-8''" + percent_encode(utf8_name);
  return out;
}

}  // namespace platform::http
