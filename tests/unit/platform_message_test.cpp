// platform/http/message: cookies (Cookie header parsing, Set-Cookie), html_escape, and the Request helpers built
// on the form parsers.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "platform/http/message.hpp"

namespace platform::http {
namespace {

using namespace std::chrono_literals;

// ---------------------------------------------------------------------------------------------------------------
// parse_cookie_header
// ---------------------------------------------------------------------------------------------------------------

TEST(PlatformCookies, ParsesNameValuePairs) {
  auto c = parse_cookie_header("gk_session=abc123; theme=dark;lang=zh-CN");
  EXPECT_EQ(c.size(), 3u);
  EXPECT_EQ(c.at("gk_session"), "abc123");
  EXPECT_EQ(c.at("theme"), "dark");
  EXPECT_EQ(c.at("lang"), "zh-CN");
}

TEST(PlatformCookies, EmptyAndMalformedParts) {
  EXPECT_TRUE(parse_cookie_header("").empty());
  EXPECT_TRUE(parse_cookie_header(";;; ").empty());
  EXPECT_TRUE(parse_cookie_header("novalue").empty());
  EXPECT_TRUE(parse_cookie_header("=orphan").empty());  // no name
  auto c = parse_cookie_header("a=; b=1; junk; =x;  c = 2 ");
  EXPECT_EQ(c.at("a"), "");
  EXPECT_EQ(c.at("b"), "1");
  EXPECT_EQ(c.count("junk"), 0u);
  // Spaces around the pair are trimmed; the name is taken as sent up to '=' (RFC 6265 has no spaces there).
  EXPECT_EQ(c.count("c "), 1u);
  EXPECT_EQ(c.at("c "), " 2");
}

TEST(PlatformCookies, ValueKeepsEqualsSignsAndLosesQuotes) {
  auto c = parse_cookie_header("t=a=b==; q=\"quoted value\"; one=\"; two=\"\"");
  EXPECT_EQ(c.at("t"), "a=b==");
  EXPECT_EQ(c.at("q"), "quoted value");
  EXPECT_EQ(c.at("one"), "\"");  // a lone quote is not a quoted string
  EXPECT_EQ(c.at("two"), "");
}

TEST(PlatformCookies, FirstOfDuplicateNamesWins) {
  // Browsers send the most specific path first; a later duplicate must not override it.
  auto c = parse_cookie_header("gk_session=first; gk_session=second");
  EXPECT_EQ(c.at("gk_session"), "first");
}

TEST(PlatformCookies, NamesAreCaseSensitive) {
  auto c = parse_cookie_header("SID=1; sid=2");
  EXPECT_EQ(c.at("SID"), "1");
  EXPECT_EQ(c.at("sid"), "2");
}

TEST(PlatformCookies, RequestCookieReadsTheHeader) {
  beast_http::request<beast_http::string_body> raw{Verb::get, "/", 11};
  raw.set(beast_http::field::cookie, "a=1; gk_session=tok");
  Request req(std::move(raw), "10.0.0.1");
  EXPECT_EQ(req.cookie("gk_session"), "tok");
  EXPECT_EQ(req.cookie("a"), "1");
  EXPECT_EQ(req.cookie("missing"), std::nullopt);
  Request none;
  EXPECT_EQ(none.cookie("gk_session"), std::nullopt);
}

// ---------------------------------------------------------------------------------------------------------------
// make_set_cookie
// ---------------------------------------------------------------------------------------------------------------

TEST(PlatformCookies, SetCookieDefaultsToHttpOnlyLaxSessionCookie) {
  EXPECT_EQ(make_set_cookie("gk_session", "tok", {}), "gk_session=tok; Path=/; HttpOnly; SameSite=Lax");
}

TEST(PlatformCookies, SetCookieWithAllOptions) {
  CookieOptions o;
  o.path = "/console";
  o.max_age = 3600s;
  o.secure = true;
  o.same_site = "Strict";
  EXPECT_EQ(make_set_cookie("a", "b", o), "a=b; Path=/console; Max-Age=3600; HttpOnly; Secure; SameSite=Strict");
}

TEST(PlatformCookies, SetCookieDeletionAndOptionalAttributes) {
  CookieOptions del;
  del.max_age = 0s;
  EXPECT_EQ(make_set_cookie("gk_session", "", del), "gk_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
  CookieOptions plain;
  plain.http_only = false;
  plain.same_site = "";
  EXPECT_EQ(make_set_cookie("x", "1", plain), "x=1; Path=/");
}

TEST(PlatformCookies, SetCookieRoundTripsThroughTheParser) {
  std::string sc = make_set_cookie("gk_csrf", "Zm9vYmFy-_", {});
  auto first = sc.substr(0, sc.find(';'));
  EXPECT_EQ(parse_cookie_header(first).at("gk_csrf"), "Zm9vYmFy-_");
}

// ---------------------------------------------------------------------------------------------------------------
// html_escape
// ---------------------------------------------------------------------------------------------------------------

TEST(PlatformHtmlEscape, EscapesTheFiveSpecialCharacters) {
  EXPECT_EQ(html_escape("<script>alert('x')&\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&amp;&quot;&lt;/script&gt;");
  EXPECT_EQ(html_escape("&amp;"), "&amp;amp;");  // never "already escaped"
}

TEST(PlatformHtmlEscape, LeavesOtherTextUntouched) {
  EXPECT_EQ(html_escape(""), "");
  EXPECT_EQ(html_escape("区长信箱 2025/01 — OK"), "区长信箱 2025/01 — OK");
  const std::string bytes("a\0b\xFF\n", 5);
  EXPECT_EQ(html_escape(bytes), bytes);
}

TEST(PlatformHtmlEscape, OutputHasNoMarkupCharacters) {
  std::string all;
  for (int c = 1; c < 128; ++c) all.push_back(static_cast<char>(c));
  std::string out = html_escape(all);
  for (char c : {'<', '>', '"', '\''}) EXPECT_EQ(out.find(c), std::string::npos) << c;
  // Every '&' starts one of the five entities.
  for (std::size_t p = out.find('&'); p != std::string::npos; p = out.find('&', p + 1)) {
    std::string_view rest = std::string_view(out).substr(p);
    EXPECT_TRUE(rest.starts_with("&amp;") || rest.starts_with("&lt;") || rest.starts_with("&gt;") ||
                rest.starts_with("&quot;") || rest.starts_with("&#39;"))
        << rest.substr(0, 8);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Request: target split, query and form
// ---------------------------------------------------------------------------------------------------------------

Request make(Verb verb, std::string target, std::string content_type = {}, std::string body = {}) {
  beast_http::request<beast_http::string_body> raw{verb, target, 11};
  if (!content_type.empty()) raw.set(beast_http::field::content_type, content_type);
  raw.body() = std::move(body);
  raw.prepare_payload();
  return Request(std::move(raw), "127.0.0.1");
}

TEST(PlatformRequest, SplitsPathAndQuery) {
  auto r = make(Verb::get, "/api/v1/units?kind=town&q=%E9%95%87");
  EXPECT_EQ(r.path(), "/api/v1/units");
  EXPECT_EQ(r.query_string(), "kind=town&q=%E9%95%87");
  EXPECT_EQ(r.query().value("q"), "镇");
  EXPECT_TRUE(r.is_api());
  EXPECT_TRUE(r.wants_json());
  EXPECT_TRUE(r.is_safe_method());
  auto bad = make(Verb::get, "/units?q=%ZZ");
  EXPECT_TRUE(bad.query().empty());  // malformed query: no filters
  EXPECT_FALSE(bad.is_api());
}

TEST(PlatformRequest, FormParsesUrlencodedAndMultipart) {
  auto u = make(Verb::post, "/units", "application/x-www-form-urlencoded; charset=UTF-8", "name=%E5%8C%BA&x=1");
  ASSERT_TRUE(u.form().ok());
  EXPECT_EQ(u.form()->fields.value("name"), "区");
  EXPECT_FALSE(u.is_safe_method());

  auto m = make(Verb::post, "/upload", "multipart/form-data; boundary=XyZ",
                "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--\r\n");
  ASSERT_TRUE(m.form().ok());
  EXPECT_EQ(m.form()->fields.value("a"), "1");

  auto j = make(Verb::post, "/api/v1/x", "application/json", "{}");
  ASSERT_FALSE(j.form().ok());
  EXPECT_EQ(j.form().error().code, "unsupported_media_type");

  auto bad = make(Verb::post, "/units", "application/x-www-form-urlencoded", "a=%00");
  ASSERT_FALSE(bad.form().ok());
  EXPECT_EQ(bad.form().error().code, "bad_encoding");
}

}  // namespace
}  // namespace platform::http
