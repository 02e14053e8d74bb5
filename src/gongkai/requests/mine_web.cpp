// "我的申请": the e-mail sign-in link and the applicant's pages (applicant_access.hpp). The session lives in its own
// cookie, gk_applicant, unrelated to staff sessions; every page here is personal, so none is stored by a cache.
#include "gongkai/requests/applicant_access.hpp"
#include "gongkai/requests/web.hpp"
#include "gongkai/web/page.hpp"
#include "platform/http/forms.hpp"

namespace gongkai::requests {
namespace json = boost::json;
namespace bh = platform::http::beast_http;
using platform::http::Request;
using platform::http::Response;
using web::no_store;

namespace {

constexpr std::string_view kCookie = "gk_applicant";

std::string session_of(const Request& req) {
  auto c = req.cookie(kCookie);
  return c ? std::string(*c) : std::string();
}

Response mine_page(App& app, Request& req, json::object data, unsigned status = 200) {
  data["csrf"] = web::csrf_token(app, req);
  data["needs_csrf"] = true;
  return no_store(web::page(app, req, "requests/mine", std::move(data), "我的申请", false, status));
}

Response set_cookie(App& app, Response r, const std::string& value, bool clear) {
  platform::http::CookieOptions opt;
  opt.secure = app.options.secure_cookies;
  if (clear) opt.max_age = std::chrono::seconds(0);
  r.headers.insert(bh::field::set_cookie, platform::http::make_set_cookie(kCookie, value, opt));
  return r;
}

// The tracking view of one of the applicant's requests, with the supplement form posting back here.
Response case_view(App& app, Request& req, const PublicView& v, json::object extra, unsigned status = 200) {
  json::object view = public_view_json(app, v);
  view["mine"] = true;
  view["csrf"] = web::csrf_token(app, req);
  for (auto& [k, x] : extra) view[k] = x;
  return no_store(web::page(app, req, "requests/track", json::object{{"view", view}, {"needs_csrf", true}},
                            "申请 " + v.number, false, status));
}

}  // namespace

void install_applicant_web(App& app) {
  app.router.get("/requests/mine", [&app](Request& req) {
    std::string session = session_of(req);
    if (session.empty() || !app.applicants.signed_in(session)) return mine_page(app, req, json::object{});
    auto list = app.applicants.mine(session);
    if (!list) return mine_page(app, req, json::object{});
    json::array items;
    for (const auto& m : *list) {
      items.push_back(json::object{{"number", m.number},
                                   {"unit_name", m.unit_name},
                                   {"description", m.description},
                                   {"state_label", m.state_label},
                                   {"received_on", m.received_on},
                                   {"due_on", m.due_on},
                                   {"outcome_label", m.outcome_label},
                                   {"replied_on", m.replied_on},
                                   {"closed", m.closed}});
    }
    return mine_page(app, req, json::object{{"signed_in", true}, {"items", items}, {"empty", items.empty()}});
  });

  app.router.post("/requests/mine/link", [&app](Request& req) {
    const auto& f = req.form()->fields;
    auto r = app.applicants.request_link(f.value("email"), web::actor(req));
    if (!r) {
      unsigned status = r.error().code == "unavailable" ? 503 : web::status_for(r.error());
      return mine_page(app, req,
                       json::object{{"error", json::object{{"message", r.error().message}}}, {"email", f.value("email")}},
                       status);
    }
    // The same answer whether or not the address has requests.
    return mine_page(app, req, json::object{{"sent", true}});
  });

  // The link in the e-mail opens a page with a button: mail scanners that follow links do not use it up.
  app.router.get("/requests/mine/signin", [&app](Request& req) {
    std::string token = req.query().value("token");
    return mine_page(app, req, json::object{{"confirm", true}, {"token", token}});
  });

  app.router.post("/requests/mine/signin", [&app](Request& req) {
    auto session = app.applicants.sign_in(req.form()->fields.value("token"));
    if (!session) {
      return mine_page(app, req, json::object{{"error", json::object{{"message", session.error().message}}}}, 422);
    }
    return set_cookie(app, web::redirect_with_notice("/requests/mine", "已登录，以下是您用该邮箱提交的全部申请。"), *session, false);
  });

  app.router.post("/requests/mine/signout", [&app](Request& req) {
    app.applicants.sign_out(session_of(req));
    return set_cookie(app, web::redirect_with_notice("/requests/mine", "已退出。"), "", true);
  });

  app.router.get("/requests/mine/{number}", [&app](Request& req) {
    auto v = app.applicants.view(session_of(req), req.param("number"));
    if (!v) {
      if (v.error().code == "signed_out") return Response::redirect("/requests/mine");
      return web::error_page(app, req, 404, v.error().message, v.error().code);
    }
    return case_view(app, req, *v, json::object{});
  });

  app.router.post("/requests/mine/{number}/supplement", [&app](Request& req) {
    std::string session = session_of(req);
    auto email = app.applicants.signed_in(session);
    if (!email) return Response::redirect("/requests/mine");
    const auto& f = req.form()->fields;
    auto v = app.requests.supplement_for_email(req.param("number"), *email, f.value("supplement"), web::actor(req));
    if (!v) {
      const auto& e = v.error();
      auto again = app.applicants.view(session, req.param("number"));
      if (!again) return web::error_page(app, req, web::status_for(e), e.message, e.code);
      return case_view(app, req, *again,
                       json::object{{"supplement_error", e.message}, {"supplement_value", f.value("supplement")}},
                       web::status_for(e));
    }
    return case_view(app, req, *v, json::object{{"notice", "补正材料已提交，答复期限自今日起重新计算。"}});
  });
}

}  // namespace gongkai::requests
