// platform/http/router: RouteTable (pure matching) and Router (middleware chain, errors).
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "platform/http/router.hpp"

namespace platform::http {
namespace {

using Kind = RouteMatch::Kind;

class PlatformRouteTable : public ::testing::Test {
 protected:
  void SetUp() override {
    // Added in an order where parameters come first, so precedence cannot be insertion order.
    unit_id = t.add("GET", "/units/{id}");
    unit_new = t.add("GET", "/units/new");
    units_get = t.add("GET", "/units");
    units_post = t.add("POST", "/units");
    units_slash = t.add("GET", "/units/");
    unit_post = t.add("POST", "/units/{id}");
    root = t.add("GET", "/");
    statics = t.add("GET", "/static/{path*}");
    edition = t.add("GET", "/documents/{doc}/editions/{edition}");
    edition_latest = t.add("GET", "/documents/{doc}/editions/latest");
    del = t.add("DELETE", "/items/{id}");
    put = t.add("PUT", "/items/{id}");
    files = t.add("GET", "/files/{year}/{rest*}");
  }
  RouteTable t;
  int unit_id, unit_new, units_get, units_post, units_slash, unit_post, root, statics, edition, edition_latest, del,
      put, files;
};

TEST_F(PlatformRouteTable, LiteralSegmentsBeatParameters) {
  auto m = t.match("GET", "/units/new");
  ASSERT_EQ(m.kind, Kind::found);
  EXPECT_EQ(m.route, unit_new);
  EXPECT_EQ(m.pattern, "/units/new");
  EXPECT_TRUE(m.params.empty());

  m = t.match("GET", "/units/42");
  ASSERT_EQ(m.kind, Kind::found);
  EXPECT_EQ(m.route, unit_id);
  EXPECT_EQ(m.pattern, "/units/{id}");
  EXPECT_EQ(m.params.at("id"), "42");

  m = t.match("GET", "/documents/7/editions/latest");
  ASSERT_EQ(m.kind, Kind::found);
  EXPECT_EQ(m.route, edition_latest);
  EXPECT_EQ(m.params.at("doc"), "7");
  EXPECT_EQ(m.params.count("edition"), 0u);

  m = t.match("GET", "/documents/7/editions/3");
  ASSERT_EQ(m.kind, Kind::found);
  EXPECT_EQ(m.route, edition);
  EXPECT_EQ(m.params.at("doc"), "7");
  EXPECT_EQ(m.params.at("edition"), "3");
}

TEST_F(PlatformRouteTable, ParametersArePercentDecodedPerSegment) {
  auto m = t.match("GET", "/units/%E4%B8%AD%E6%96%87");
  ASSERT_EQ(m.kind, Kind::found);
  EXPECT_EQ(m.params.at("id"), "中文");
  m = t.match("GET", "/units/a+b%20c");
  ASSERT_EQ(m.kind, Kind::found);
  EXPECT_EQ(m.params.at("id"), "a+b c");  // '+' is not a space in paths
  m = t.match("GET", "/units/%6Eew");      // an encoded literal still matches the literal
  ASSERT_EQ(m.kind, Kind::found);
  EXPECT_EQ(m.route, unit_new);
}

TEST_F(PlatformRouteTable, RestParameterTakesTheRemainingPath) {
  auto m = t.match("GET", "/static/css/site.css");
  ASSERT_EQ(m.kind, Kind::found);
  EXPECT_EQ(m.route, statics);
  EXPECT_EQ(m.params.at("path"), "css/site.css");

  m = t.match("GET", "/static/favicon.svg");
  ASSERT_EQ(m.kind, Kind::found);
  EXPECT_EQ(m.params.at("path"), "favicon.svg");

  m = t.match("GET", "/static/%E5%9B%BE/a%20b.png");
  ASSERT_EQ(m.kind, Kind::found);
  EXPECT_EQ(m.params.at("path"), "图/a b.png");

  m = t.match("GET", "/files/2025/a/b/c.pdf");
  ASSERT_EQ(m.kind, Kind::found);
  EXPECT_EQ(m.route, files);
  EXPECT_EQ(m.params.at("year"), "2025");
  EXPECT_EQ(m.params.at("rest"), "a/b/c.pdf");
}

TEST_F(PlatformRouteTable, RestParameterNeedsAtLeastOneNonEmptySegmentAndNoEmptyInner) {
  EXPECT_EQ(t.match("GET", "/static").kind, Kind::not_found);
  EXPECT_EQ(t.match("GET", "/static/").kind, Kind::not_found);
  EXPECT_EQ(t.match("GET", "/static/a//b").kind, Kind::not_found);
  EXPECT_EQ(t.match("GET", "/static//a").kind, Kind::not_found);
  EXPECT_EQ(t.match("GET", "/files/2025").kind, Kind::not_found);
  EXPECT_EQ(t.match("GET", "/files/2025/").kind, Kind::not_found);
}

TEST_F(PlatformRouteTable, HeadIsAnsweredByGetRoutes) {
  auto m = t.match("HEAD", "/units/9");
  ASSERT_EQ(m.kind, Kind::found);
  EXPECT_EQ(m.route, unit_id);
  m = t.match("HEAD", "/static/css/site.css");
  ASSERT_EQ(m.kind, Kind::found);
  EXPECT_EQ(m.route, statics);
  // HEAD on a path that only has non-GET routes is a 405.
  m = t.match("HEAD", "/items/1");
  ASSERT_EQ(m.kind, Kind::method_not_allowed);
  EXPECT_EQ(m.allow, "DELETE, PUT");
}

TEST_F(PlatformRouteTable, MethodNotAllowedListsTheAllowedMethods) {
  auto m = t.match("DELETE", "/units");
  ASSERT_EQ(m.kind, Kind::method_not_allowed);
  EXPECT_EQ(m.allow, "GET, POST");
  EXPECT_EQ(m.route, -1);
  EXPECT_TRUE(m.params.empty());

  m = t.match("PATCH", "/units/5");  // both GET /units/{id} and POST /units/{id} match the path
  ASSERT_EQ(m.kind, Kind::method_not_allowed);
  EXPECT_EQ(m.allow, "GET, POST");

  m = t.match("POST", "/units/new");  // the literal is GET-only, but POST /units/{id} takes "new"
  ASSERT_EQ(m.kind, Kind::found);
  EXPECT_EQ(m.route, unit_post);
  EXPECT_EQ(m.params.at("id"), "new");

  m = t.match("POST", "/static/x.css");
  ASSERT_EQ(m.kind, Kind::method_not_allowed);
  EXPECT_EQ(m.allow, "GET");

  m = t.match("GET", "/items/3");
  ASSERT_EQ(m.kind, Kind::method_not_allowed);
  EXPECT_EQ(m.allow, "DELETE, PUT");

  // Methods are case-sensitive (RFC 9110 §9.1).
  EXPECT_EQ(t.match("get", "/units").kind, Kind::method_not_allowed);
}

TEST_F(PlatformRouteTable, UnknownPathsAreNotFound) {
  for (const char* p : {"/nope", "/units/1/2", "/units/1/edit", "/documents/1/editions", "//", "/units//",
                        "/units//1", "/UNITS"}) {
    auto m = t.match("GET", p);
    EXPECT_EQ(m.kind, Kind::not_found) << p;
    EXPECT_EQ(m.route, -1) << p;
    EXPECT_TRUE(m.allow.empty()) << p;
  }
}

TEST_F(PlatformRouteTable, TrailingSlashIsSignificant) {
  auto a = t.match("GET", "/units");
  auto b = t.match("GET", "/units/");
  ASSERT_EQ(a.kind, Kind::found);
  ASSERT_EQ(b.kind, Kind::found);
  EXPECT_EQ(a.route, units_get);
  EXPECT_EQ(b.route, units_slash);
  EXPECT_EQ(t.match("POST", "/units/").kind, Kind::method_not_allowed);  // "/units/" is GET only
  EXPECT_EQ(t.match("GET", "/units/5/").kind, Kind::not_found);
  auto r = t.match("GET", "/");
  ASSERT_EQ(r.kind, Kind::found);
  EXPECT_EQ(r.route, root);

  RouteTable only;
  only.add("GET", "/a");
  EXPECT_EQ(only.match("GET", "/a/").kind, Kind::not_found);
  EXPECT_EQ(only.match("GET", "/").kind, Kind::not_found);
}

TEST_F(PlatformRouteTable, DotSegmentsAreBadPaths) {
  for (const char* p : {"/.", "/..", "/units/.", "/units/..", "/static/../etc/passwd", "/static/./a.css",
                        "/static/css/..", "/a/./b", "/%2E", "/%2e%2E", "/static/%2e%2e/x", "/units/%2E"}) {
    auto m = t.match("GET", p);
    EXPECT_EQ(m.kind, Kind::bad_path) << p;
    EXPECT_TRUE(m.params.empty()) << p;
  }
  // Dots inside a segment are fine.
  auto m = t.match("GET", "/static/.well-known");
  ASSERT_EQ(m.kind, Kind::found);
  EXPECT_EQ(m.params.at("path"), ".well-known");
  m = t.match("GET", "/units/...");
  ASSERT_EQ(m.kind, Kind::found);
  EXPECT_EQ(m.params.at("id"), "...");
}

TEST_F(PlatformRouteTable, EncodedSlashesNulControlsAndInvalidUtf8AreBadPaths) {
  for (const char* p : {"/units/a%2Fb", "/units/a%2fb", "/static/a%2F..%2Fb", "/units/a%5Cb", "/units/%00",
                        "/units/a%00b", "/static/x%00.css", "/units/%01", "/units/%1F", "/units/%7F",
                        "/units/%0A", "/units/%C0%80", "/units/%ED%A0%80", "/units/%FF", "/units/%E4%B8",
                        "/units/%F4%90%80%80", "/units/%", "/units/%zz", "/units/%4"}) {
    EXPECT_EQ(t.match("GET", p).kind, Kind::bad_path) << p;
  }
  EXPECT_EQ(t.match("GET", std::string("/units/a\0b", 10)).kind, Kind::bad_path);
  EXPECT_EQ(t.match("GET", "/units/\x01").kind, Kind::bad_path);
  EXPECT_EQ(t.match("GET", "/units/\xFF").kind, Kind::bad_path);
  // A bad path is bad whatever the method, and even if no route would match it.
  EXPECT_EQ(t.match("DELETE", "/nowhere/%00").kind, Kind::bad_path);
}

TEST_F(PlatformRouteTable, PathsMustBeAbsoluteAndOfReasonableLength) {
  EXPECT_EQ(t.match("GET", "").kind, Kind::bad_path);
  EXPECT_EQ(t.match("GET", "units").kind, Kind::bad_path);
  EXPECT_EQ(t.match("GET", "*").kind, Kind::bad_path);
  EXPECT_EQ(t.match("GET", "http://example.org/units").kind, Kind::bad_path);
  std::string longest = "/static/" + std::string(4096 - 8, 'a');
  ASSERT_EQ(longest.size(), 4096u);
  EXPECT_EQ(t.match("GET", longest).kind, Kind::found);
  EXPECT_EQ(t.match("GET", longest + "a").kind, Kind::bad_path);
}

TEST(PlatformRouteTableEmpty, NothingMatchesAnEmptyTable) {
  RouteTable t;
  EXPECT_EQ(t.match("GET", "/").kind, Kind::not_found);
  EXPECT_EQ(t.match("GET", "/..").kind, Kind::bad_path);
}

// ---------------------------------------------------------------------------------------------------------------
// Router: middleware and error handling
// ---------------------------------------------------------------------------------------------------------------

Request make_request(Verb verb, const std::string& target) {
  beast_http::request<beast_http::string_body> raw{verb, target, 11};
  return Request(std::move(raw), "127.0.0.1");
}

class PlatformRouter : public ::testing::Test {
 protected:
  void SetUp() override {
    router.on_error([this](Request& req, unsigned status, std::string_view message) {
      errors.push_back(status);
      auto r = Response::text(std::string(message), status);
      r.set("X-Error-Route", req.route);
      return r;
    });
    router.get("/units/{id}", [this](Request& req) {
      trace.push_back("handler " + req.param("id"));
      return Response::text("unit " + req.param("id") + " via " + req.route);
    });
    router.post("/units", [](Request&) { return Response::redirect("/units/1"); });
    router.get("/boom", [](Request&) -> Response { throw std::runtime_error("secret internal detail"); });
  }
  Router router;
  std::vector<std::string> trace;
  std::vector<unsigned> errors;
};

TEST_F(PlatformRouter, RunsTheHandlerWithDecodedParameters) {
  auto req = make_request(Verb::get, "/units/%E4%B8%AD?x=1");
  Response r = router.handle(req);
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.body, "unit 中 via /units/{id}");
  EXPECT_EQ(req.route, "/units/{id}");
  EXPECT_EQ(req.param("id"), "中");
  EXPECT_EQ(req.param("missing"), "");
  EXPECT_EQ(req.query().value("x"), "1");
  EXPECT_TRUE(errors.empty());
}

TEST_F(PlatformRouter, MiddlewareRunsInOrderOutermostFirst) {
  for (const char* name : {"a", "b", "c"}) {
    router.use([this, name](Request& req, const Handler& next) {
      trace.push_back(std::string(name) + " before");
      Response r = next(req);
      trace.push_back(std::string(name) + " after");
      r.set(std::string("X-") + name, "1");
      return r;
    });
  }
  auto req = make_request(Verb::get, "/units/7");
  Response r = router.handle(req);
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(trace, (std::vector<std::string>{"a before", "b before", "c before", "handler 7", "c after", "b after",
                                             "a after"}));
  EXPECT_EQ(r.headers["X-a"], "1");
  EXPECT_EQ(r.headers["X-c"], "1");
}

TEST_F(PlatformRouter, MiddlewareSeesUnmatchedRequestsAndMayShortCircuit) {
  router.use([this](Request& req, const Handler& next) {
    trace.push_back("outer " + req.path());
    return next(req);
  });
  router.use([this](Request& req, const Handler& next) {
    if (req.path() == "/units/secret") return Response::text("denied", 403);
    return next(req);
  });
  auto denied = make_request(Verb::get, "/units/secret");
  Response r = router.handle(denied);
  EXPECT_EQ(r.status, 403u);
  EXPECT_EQ(trace, (std::vector<std::string>{"outer /units/secret"}));  // handler never ran

  trace.clear();
  auto missing = make_request(Verb::get, "/nowhere");
  r = router.handle(missing);
  EXPECT_EQ(r.status, 404u);
  EXPECT_EQ(trace, (std::vector<std::string>{"outer /nowhere"}));
  EXPECT_EQ(missing.route, "(404)");
}

TEST_F(PlatformRouter, RoutingErrorsGoThroughOnError) {
  auto nf = make_request(Verb::get, "/nowhere");
  Response r = router.handle(nf);
  EXPECT_EQ(r.status, 404u);
  EXPECT_FALSE(r.body.empty());
  EXPECT_EQ(r.headers["X-Error-Route"], "(404)");

  auto na = make_request(Verb::delete_, "/units");
  r = router.handle(na);
  EXPECT_EQ(r.status, 405u);
  EXPECT_EQ(r.get(beast_http::field::allow), "POST");
  EXPECT_EQ(na.route, "(405)");

  auto bad = make_request(Verb::get, "/units/..%2F");
  r = router.handle(bad);
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(bad.route, "(400)");

  auto head = make_request(Verb::head, "/units/3");
  r = router.handle(head);
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(errors, (std::vector<unsigned>{404, 405, 400}));
}

TEST_F(PlatformRouter, HandlerExceptionBecomes500WithoutDetails) {
  auto req = make_request(Verb::get, "/boom");
  Response r;
  ASSERT_NO_THROW(r = router.handle(req));
  EXPECT_EQ(r.status, 500u);
  EXPECT_EQ(r.body.find("secret internal detail"), std::string::npos);
  EXPECT_EQ(errors, (std::vector<unsigned>{500}));
}

TEST_F(PlatformRouter, MiddlewareExceptionBecomes500AndOuterMiddlewareIsUnwound) {
  router.use([this](Request& req, const Handler& next) {
    trace.push_back("outer");
    return next(req);
  });
  router.use([](Request&, const Handler&) -> Response { throw std::logic_error("middleware failed"); });
  auto req = make_request(Verb::get, "/units/1");
  Response r;
  ASSERT_NO_THROW(r = router.handle(req));
  EXPECT_EQ(r.status, 500u);
  EXPECT_EQ(trace, (std::vector<std::string>{"outer"}));
  EXPECT_EQ(errors, (std::vector<unsigned>{500}));
}

}  // namespace
}  // namespace platform::http
