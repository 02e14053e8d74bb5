// What every page handler shares: the signed-in actor, CSRF tokens, rendering into the site layout, form errors,
// and error pages (HTML for people, JSON for the API), all in Simplified Chinese.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <vector>
#include <string>
#include <string_view>

#include "gongkai/app.hpp"
#include "gongkai/units/model.hpp"
#include "platform/http/message.hpp"
#include "platform/result.hpp"

namespace gongkai::web {

using platform::http::Request;
using platform::http::Response;

inline constexpr const char* kSessionCookie = "gk_session";
inline constexpr const char* kCsrfCookie = "gk_csrf";

// The actor behind this request (anonymous if nobody is signed in), with address and request id for the audit.
units::Actor actor(const Request& req);
// The CSRF token to put in forms (hidden field "_csrf"); creates the visitor's CSRF cookie if needed.
std::string csrf_token(const App& app, Request& req);
// True if the request carries the right token (form field "_csrf" or header X-CSRF-Token).
bool csrf_valid(const App& app, const Request& req);

// Renders templates/<name>.mustache inside the layout. `data` gets "page_title", "user", "csrf", "console" etc.
// added. `console` selects the staff console's navigation.
Response page(App& app, Request& req, std::string_view name, boost::json::object data, std::string_view title,
              bool console = false, unsigned status = 200);

// An error for people (HTML page with a way onward) or programs (JSON {"error":{"code","message"}}), by request.
Response error_page(App& app, Request& req, unsigned status, std::string_view message, std::string_view code = {});
// Maps a service Error to a status: forbidden 403, not_found 404, stale_version 409, throttled 429, others 422.
unsigned status_for(const platform::Error& e);

// Form helpers: the submitted value of every field (to re-fill the form after an error) and the error keyed by
// field, as template data: {"values": {...}, "error": {"message", "field_<name>": true}}.
boost::json::object form_state(const Request& req, const platform::Error* error);

// Redirect with a one-time notice shown on the next page ("已保存").
Response redirect_with_notice(std::string_view location, std::string_view notice);

// A positive record id from a path or form value ("12"), or nullopt for anything else ("", "0", "-1", "1x").
std::optional<long long> parse_id(std::string_view s);
// A whole integer, or `fallback` if `s` is not one (an optimistic-locking version, a count of days).
int parse_int(std::string_view s, int fallback);
// The sign-in page, coming back to this path afterwards.
Response require_login(const Request& req);

// `r` marked Cache-Control: no-store — pages with personal data or a secret (a query code) in them.
Response no_store(Response r);
// Data for a <select>: [{value, label, selected}] from (value, label) pairs, `selected` marked.
boost::json::array select_options(const std::vector<std::pair<std::string, std::string>>& pairs, std::string_view selected);
// o[key] when it is a string, else "".
std::string string_of(const boost::json::object& o, std::string_view key);

// Marks the response of this request as shareable for anonymous visitors (the micro-cache may keep it).
void allow_public_cache(Request& req);

}  // namespace gongkai::web
