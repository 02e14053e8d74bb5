// Routes requests by method and path pattern, and runs a middleware chain around the handler.
// Patterns are literal segments and parameters: "/units/{id}", "/static/{path*}" (the last, starred parameter takes
// the rest of the path). Literal segments win over parameters, so "/units/new" beats "/units/{id}".
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/http/message.hpp"

namespace platform::http {

using Handler = std::function<Response(Request&)>;
using Middleware = std::function<Response(Request&, const Handler& next)>;

// The result of matching a path against the route table, without running anything (pure; fuzzed).
struct RouteMatch {
  enum class Kind { found, not_found, method_not_allowed, bad_path } kind = Kind::not_found;
  int route = -1;                                             // index into the table, when found
  std::string pattern;                                        // the matched pattern
  std::map<std::string, std::string, std::less<>> params;     // decoded path parameters
  std::string allow;                                          // for 405: "GET, POST"
};

class RouteTable {
 public:
  // Adds a route; returns its index. `method` is "GET", "POST", ... HEAD is answered by GET routes.
  int add(std::string method, std::string pattern);
  // Matches a raw request path (percent-encoded, no query). Segments are decoded one by one after splitting, so
  // "%2F" never creates a segment; a segment that decodes to invalid UTF-8, a control character, "." or ".." is a
  // bad_path (400).
  RouteMatch match(std::string_view method, std::string_view raw_path) const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;  // "{name}" and "{name*}" are parameters
    int literal_count = 0;
  };
  std::vector<Route> routes_;
};

class Router {
 public:
  void get(std::string pattern, Handler h) { add("GET", std::move(pattern), std::move(h)); }
  void post(std::string pattern, Handler h) { add("POST", std::move(pattern), std::move(h)); }
  void add(std::string method, std::string pattern, Handler h);
  // Middleware runs in the order added, outermost first, around every request (matched or not).
  void use(Middleware m) { middleware_.push_back(std::move(m)); }
  // Called for 404/405/400 outcomes of routing; gets the status and a message in Chinese.
  void on_error(std::function<Response(Request&, unsigned status, std::string_view message)> f) { error_ = std::move(f); }

  // Routes and runs the request through middleware and handler. Never throws: an exception from a handler becomes
  // a 500 page through on_error (its message is logged by the caller, never shown).
  Response handle(Request& req) const;

 private:
  Response dispatch(Request& req) const;
  RouteTable table_;
  std::vector<Handler> handlers_;
  std::vector<Middleware> middleware_;
  std::function<Response(Request&, unsigned, std::string_view)> error_;
};

}  // namespace platform::http
