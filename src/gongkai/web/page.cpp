#include "gongkai/web/page.hpp"

#include <charconv>

#include "gongkai/units/model.hpp"
#include "platform/crypto.hpp"
#include "platform/http/forms.hpp"
#include "platform/render/templates.hpp"

namespace gongkai::web {
namespace json = boost::json;
namespace bh = platform::http::beast_http;

units::Actor actor(const Request& req) {
  units::Actor a;
  auto it = req.locals.find("actor");
  if (it != req.locals.end()) a = std::any_cast<const units::Actor&>(it->second);
  a.address = req.remote_addr();
  a.request_id = req.request_id;
  return a;
}

namespace {

std::string token_for(const App& app, std::string_view basis) { return platform::keyed_hash_hex(app.csrf_secret, basis); }

// The basis a CSRF token is bound to: the session if signed in, else the visitor's CSRF cookie.
std::string csrf_basis(const Request& req) {
  auto it = req.locals.find("session_id");
  if (it != req.locals.end()) return "session:" + std::any_cast<const std::string&>(it->second);
  auto nc = req.locals.find("new_csrf_cookie");
  if (nc != req.locals.end()) return "anon:" + std::any_cast<const std::string&>(nc->second);
  if (auto c = req.cookie(kCsrfCookie); c && !c->empty() && c->size() < 100) return "anon:" + *c;
  return {};
}

}  // namespace

std::string csrf_token(const App& app, Request& req) {
  std::string basis = csrf_basis(req);
  if (basis.empty()) {
    std::string value = platform::random_token(24);
    req.locals["new_csrf_cookie"] = value;
    basis = "anon:" + value;
  }
  return token_for(app, basis);
}

bool csrf_valid(const App& app, const Request& req) {
  std::string basis = csrf_basis(req);
  if (basis.empty() || req.locals.count("new_csrf_cookie")) return false;
  std::string sent(req.header("X-CSRF-Token"));
  if (sent.empty()) {
    const auto& form = req.form();
    if (form.ok()) sent = form->fields.value("_csrf");
  }
  return !sent.empty() && platform::constant_time_equal(sent, token_for(app, basis));
}

unsigned status_for(const platform::Error& e) {
  if (e.code == "forbidden") return 403;
  if (e.code == "invalid_token") return 401;
  if (e.code == "not_found") return 404;
  if (e.code == "stale_version") return 409;
  if (e.code == "throttled") return 429;
  return 422;
}

json::object form_state(const Request& req, const platform::Error* error) {
  json::object values;
  const auto& form = req.form();
  if (form.ok()) {
    for (const auto& [k, v] : form->fields.items()) {
      if (k == "_csrf" || k.find("password") != std::string::npos) continue;  // never echo secrets back
      values[k] = v;
    }
  }
  json::object out{{"values", values}};
  if (error) {
    json::object err{{"message", error->message}, {"code", error->code}};
    if (!error->field.empty()) err["field_" + error->field] = true;
    out["error"] = err;
  }
  return out;
}

Response redirect_with_notice(std::string_view location, std::string_view notice) {
  Response r = Response::redirect(location);
  platform::http::CookieOptions opt;
  opt.max_age = std::chrono::seconds(60);
  r.headers.insert(bh::field::set_cookie, platform::http::make_set_cookie("gk_notice", platform::http::percent_encode(notice), opt));
  return r;
}

Response no_store(Response r) {
  r.set(bh::field::cache_control, "no-store");
  return r;
}

json::array select_options(const std::vector<std::pair<std::string, std::string>>& pairs, std::string_view selected) {
  json::array out;
  for (const auto& [value, label] : pairs) {
    out.push_back(json::object{{"value", value}, {"label", label}, {"selected", value == selected}});
  }
  return out;
}

std::string string_of(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : std::string();
}

std::optional<long long> parse_id(std::string_view s) {
  long long v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || r.ec != std::errc{} || r.ptr != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

int parse_int(std::string_view s, int fallback) {
  int v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  return (!s.empty() && r.ec == std::errc{} && r.ptr == s.data() + s.size()) ? v : fallback;
}

Response require_login(const Request& req) {
  return Response::redirect("/login?next=" + platform::http::percent_encode(req.path()));
}

void allow_public_cache(Request& req) { req.locals["public_cache"] = true; }

Response page(App& app, Request& req, std::string_view name, json::object data, std::string_view title, bool console,
              unsigned status) {
  units::Actor a = actor(req);
  json::object layout;
  std::string site_name = "政府信息公开平台";
  if (auto it = req.locals.find("site_name"); it != req.locals.end()) site_name = std::any_cast<const std::string&>(it->second);
  layout["site_name"] = site_name;
  layout["page_title"] = title;
  layout["console"] = console;
  layout["path"] = req.path();
  if (a.user_id) {
    json::array roles;
    for (auto r : a.roles) roles.push_back(json::value(units::label(r)));
    layout["user"] = json::object{{"display_name", a.display_name},
                                  {"username", a.username},
                                  {"roles", roles},
                                  {"supervisor", a.district_wide()},
                                  {"unit_admin", a.has(units::Role::unit_admin)},
                                  {"sysadmin", a.has(units::Role::sysadmin)}};
    layout["csrf"] = csrf_token(app, req);
  }
  if (auto notice = req.cookie("gk_notice")) {
    if (auto text = platform::http::percent_decode(*notice, false); text && platform::http::valid_utf8(*text)) {
      layout["notice"] = *text;
      req.locals["clear_notice"] = true;
    }
  }
  if (!data.contains("csrf") && (console || data.contains("needs_csrf"))) data["csrf"] = csrf_token(app, req);
  if (a.user_id && !data.contains("csrf")) data["csrf"] = layout["csrf"];
  for (const auto& [k, v] : layout) {
    if (!data.contains(k)) data[k] = v;
  }
  std::string content = platform::render::render(name, data);
  layout["content"] = content;
  if (data.contains("csrf")) layout["csrf"] = data["csrf"];
  Response r = Response::html(platform::render::render("layout", layout), status);
  return r;
}

Response error_page(App& app, Request& req, unsigned status, std::string_view message, std::string_view code) {
  std::string c(code);
  if (c.empty()) {
    switch (status) {
      case 400: c = "bad_request"; break;
      case 401: c = "unauthorized"; break;
      case 403: c = "forbidden"; break;
      case 404: c = "not_found"; break;
      case 405: c = "method_not_allowed"; break;
      case 409: c = "conflict"; break;
      case 413: c = "payload_too_large"; break;
      case 422: c = "invalid"; break;
      case 429: c = "too_many_requests"; break;
      case 431: c = "header_too_large"; break;
      case 503: c = "unavailable"; break;
      default: c = status >= 500 ? "internal_error" : "error";
    }
  }
  if (req.wants_json()) {
    json::object body{{"error", json::object{{"code", c}, {"message", message}}}};
    return Response::json(json::serialize(body), status);
  }
  static const std::map<unsigned, std::string> titles = {
      {400, "请求无效"},       {401, "需要身份验证"},   {403, "没有权限"},           {404, "页面不存在"},   {405, "请求方法不支持"},
      {409, "内容已被修改"},   {413, "提交内容过大"},       {415, "不支持的提交格式"}, {422, "无法处理"},
      {429, "请求过于频繁"},
      {431, "请求头过大"},     {500, "服务器内部错误"},     {503, "服务暂不可用"},
  };
  auto t = titles.find(status);
  std::string title = t == titles.end() ? "出错了" : t->second;
  json::object data{{"status", status}, {"title", title}, {"message", message},
                    {"not_found", status == 404}, {"forbidden", status == 403}};
  try {
    return page(app, req, "error", std::move(data), title, false, status);
  } catch (const std::exception&) {
    return Response::html("<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>" + title +
                              "</title><main><h1>" + title + "</h1><p>" +
                              platform::http::html_escape(message) + "</p><p><a href=\"/\">返回首页</a></p></main></html>",
                          status);
  }
}

}  // namespace gongkai::web
