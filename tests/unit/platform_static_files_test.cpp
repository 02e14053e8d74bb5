// platform/http/static_files: the embedded static/ folder with ETag, conditional GET and byte ranges.
// Uses the real embedded assets (static/css/site.css, static/favicon.svg are compiled into the binary).
#include <gtest/gtest.h>

#include <string>

#include "platform/assets.hpp"
#include "platform/http/static_files.hpp"

namespace platform::http {
namespace {

using Headers = std::vector<std::pair<beast_http::field, std::string>>;

Request make(Verb verb, const std::string& target, const Headers& headers = {}) {
  beast_http::request<beast_http::string_body> raw{verb, target, 11};
  for (const auto& [f, v] : headers) raw.set(f, v);
  return Request(std::move(raw), "127.0.0.1");
}

class PlatformStaticFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    auto body = assets::read("static/css/site.css");
    ASSERT_TRUE(body.has_value()) << "static/css/site.css is not embedded";
    css = *body;
    ASSERT_GT(css.size(), 20u);
    auto r = files.serve(make(Verb::get, "/static/css/site.css"));
    ASSERT_TRUE(r.has_value());
    etag = std::string(r->get(beast_http::field::etag));
    last_modified = std::string(r->get(beast_http::field::last_modified));
  }
  std::optional<Response> get(const Headers& h = {}, const std::string& path = "/static/css/site.css") {
    return files.serve(make(Verb::get, path, h));
  }

  StaticFiles files{"/static/"};
  std::string css, etag, last_modified;
};

TEST_F(PlatformStaticFiles, ServesEmbeddedFilesWithCachingHeaders) {
  auto r = get();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200u);
  EXPECT_EQ(r->body, css);
  EXPECT_EQ(r->get(beast_http::field::content_type), "text/css; charset=utf-8");
  EXPECT_EQ(r->get(beast_http::field::accept_ranges), "bytes");
  EXPECT_EQ(r->get(beast_http::field::cache_control), "public, max-age=3600");
  EXPECT_TRUE(last_modified.ends_with(" GMT")) << last_modified;
  // A strong validator: a quoted hash of the content.
  ASSERT_EQ(etag.size(), 34u);
  EXPECT_EQ(etag.front(), '"');
  EXPECT_EQ(etag.back(), '"');
  EXPECT_EQ(etag.find_first_not_of("0123456789abcdef", 1), 33u);

  auto svg = get({}, "/static/favicon.svg");
  ASSERT_TRUE(svg);
  EXPECT_EQ(svg->status, 200u);
  EXPECT_EQ(svg->get(beast_http::field::content_type), "image/svg+xml");
  EXPECT_EQ(svg->body, *assets::read("static/favicon.svg"));
  EXPECT_NE(svg->get(beast_http::field::etag), etag);  // different content, different tag

  // The same file always gets the same tag (a second instance computes it again).
  StaticFiles again("/static/");
  EXPECT_EQ(again.serve(make(Verb::get, "/static/css/site.css"))->get(beast_http::field::etag), etag);
}

TEST_F(PlatformStaticFiles, HeadIsServedLikeGet) {
  auto r = files.serve(make(Verb::head, "/static/css/site.css"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200u);
  EXPECT_EQ(r->get(beast_http::field::etag), etag);
}

TEST_F(PlatformStaticFiles, IfNoneMatchGives304) {
  for (const std::string& inm : {etag, std::string("*"), "W/" + etag, "\"other\", " + etag}) {
    auto r = get({{beast_http::field::if_none_match, inm}});
    ASSERT_TRUE(r) << inm;
    EXPECT_EQ(r->status, 304u) << inm;
    EXPECT_TRUE(r->body.empty()) << inm;
    EXPECT_EQ(r->get(beast_http::field::etag), etag);
  }
  auto changed = get({{beast_http::field::if_none_match, "\"0123456789abcdef0123456789abcdef\""}});
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->status, 200u);
  EXPECT_EQ(changed->body, css);
}

TEST_F(PlatformStaticFiles, IfModifiedSinceGives304UnlessIfNoneMatchIsPresent) {
  auto r = get({{beast_http::field::if_modified_since, last_modified}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 304u);
  EXPECT_TRUE(r->body.empty());
  // If-None-Match takes precedence (RFC 9110 §13.2.2): a non-matching tag means the full file.
  auto both = get({{beast_http::field::if_modified_since, last_modified}, {beast_http::field::if_none_match, "\"x\""}});
  ASSERT_TRUE(both);
  EXPECT_EQ(both->status, 200u);
  auto old = get({{beast_http::field::if_modified_since, "Thu, 01 Jan 1970 00:00:00 GMT"}});
  ASSERT_TRUE(old);
  EXPECT_EQ(old->status, 200u);
}

TEST_F(PlatformStaticFiles, SingleByteRangesGive206) {
  const std::string size = std::to_string(css.size());
  auto r = get({{beast_http::field::range, "bytes=0-9"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 206u);
  EXPECT_EQ(r->body, css.substr(0, 10));
  EXPECT_EQ(r->get(beast_http::field::content_range), "bytes 0-9/" + size);

  r = get({{beast_http::field::range, "bytes=5-"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 206u);
  EXPECT_EQ(r->body, css.substr(5));
  EXPECT_EQ(r->get(beast_http::field::content_range), "bytes 5-" + std::to_string(css.size() - 1) + "/" + size);

  r = get({{beast_http::field::range, "bytes=-7"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 206u);
  EXPECT_EQ(r->body, css.substr(css.size() - 7));

  r = get({{beast_http::field::range, "bytes=3-3"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 206u);
  EXPECT_EQ(r->body, css.substr(3, 1));

  // A last position past the end is clipped; a suffix longer than the file is the whole file.
  r = get({{beast_http::field::range, "bytes=10-99999999"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 206u);
  EXPECT_EQ(r->body, css.substr(10));
  r = get({{beast_http::field::range, "bytes=-99999999"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 206u);
  EXPECT_EQ(r->body, css);
  EXPECT_EQ(r->get(beast_http::field::content_range), "bytes 0-" + std::to_string(css.size() - 1) + "/" + size);
}

TEST_F(PlatformStaticFiles, UnsatisfiableRangesGive416) {
  const std::string size = std::to_string(css.size());
  for (const std::string& range : {"bytes=" + size + "-", "bytes=" + size + "-" + std::to_string(css.size() + 10),
                                   std::string("bytes=-0"), std::string("bytes=99999999-")}) {
    auto r = get({{beast_http::field::range, range}});
    ASSERT_TRUE(r) << range;
    EXPECT_EQ(r->status, 416u) << range;
    EXPECT_TRUE(r->body.empty()) << range;
    EXPECT_EQ(r->get(beast_http::field::content_range), "bytes */" + size) << range;
  }
}

TEST_F(PlatformStaticFiles, RangesThatAreNotSingleByteRangesGetTheWholeFile) {
  for (const char* range : {"bytes=0-1,4-5", "items=0-5", "bytes=5", "bytes=", "0-5"}) {
    auto r = get({{beast_http::field::range, range}});
    ASSERT_TRUE(r) << range;
    EXPECT_EQ(r->status, 200u) << range;
    EXPECT_EQ(r->body, css) << range;
  }
}

TEST_F(PlatformStaticFiles, IfRangeMustMatchTheCurrentTag) {
  auto same = get({{beast_http::field::range, "bytes=0-3"}, {beast_http::field::if_range, etag}});
  ASSERT_TRUE(same);
  EXPECT_EQ(same->status, 206u);
  EXPECT_EQ(same->body, css.substr(0, 4));
  auto stale = get({{beast_http::field::range, "bytes=0-3"}, {beast_http::field::if_range, "\"stale\""}});
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 200u);
  EXPECT_EQ(stale->body, css);
}

TEST_F(PlatformStaticFiles, UnknownOrSuspiciousRequestsFallThroughToTheRouter) {
  for (const char* path : {"/static/nope.css", "/static/", "/static", "/static/css", "/static/css/",
                           "/static/../static/css/site.css", "/static/css/../css/site.css", "/static/css%2Fsite.css",
                           "/static/css/site%2Ecss", "/other/css/site.css", "/", "/static/CSS/site.css",
                           "/static//css/site.css"}) {
    EXPECT_FALSE(get({}, path).has_value()) << path;
  }
  EXPECT_FALSE(files.serve(make(Verb::post, "/static/css/site.css")).has_value());
  EXPECT_FALSE(files.serve(make(Verb::delete_, "/static/css/site.css")).has_value());
  // The query string is not part of the file name.
  auto q = get({}, "/static/css/site.css?v=123");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->status, 200u);
}

TEST(PlatformStaticContentTypes, ByExtension) {
  EXPECT_EQ(content_type_for("a.css"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_for("x/y/app.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("m.mjs"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("i.svg"), "image/svg+xml");
  EXPECT_EQ(content_type_for("i.png"), "image/png");
  EXPECT_EQ(content_type_for("i.jpeg"), "image/jpeg");
  EXPECT_EQ(content_type_for("f.woff2"), "font/woff2");
  EXPECT_EQ(content_type_for("d.json"), "application/json");
  EXPECT_EQ(content_type_for("README"), "application/octet-stream");
  EXPECT_EQ(content_type_for("archive.tar.gz"), "application/octet-stream");
  EXPECT_EQ(content_type_for("x.CSS"), "application/octet-stream");  // names in static/ are lower-case
}

}  // namespace
}  // namespace platform::http
