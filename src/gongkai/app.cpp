#include "gongkai/app.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <mutex>

#include "gongkai/audit/web.hpp"
#include "gongkai/calendar/web.hpp"
#include "gongkai/disclosure/web.hpp"
#include "gongkai/notify/web.hpp"
#include "gongkai/requests/notice_web.hpp"
#include "gongkai/oversight/web.hpp"
#include "gongkai/requests/web.hpp"
#include "gongkai/search/web.hpp"
#include "gongkai/site/web.hpp"
#include "gongkai/units/web.hpp"
#include "gongkai/web/page.hpp"
#include "platform/crypto.hpp"
#include "platform/db/settings.hpp"
#include "platform/http/forms.hpp"

namespace gongkai {

using platform::http::Handler;
using platform::http::Request;
using platform::http::Response;
namespace bh = platform::http::beast_http;

App::App(std::shared_ptr<platform::db::Database> database, AppOptions opts)
    : db(std::move(database)), options(opts), units(db), accounts(db), audit(db), calendar(db),
      disclosure(db, units, calendar, opts.data_dir), requests(db, calendar), handling(db, calendar, disclosure, requests), applicants(db, requests),
      notices(db, requests, calendar, opts.data_dir), outbox(db, opts.outbox),
      oversight(db, units, disclosure, calendar), search(db, units, disclosure, static_cast<std::size_t>(std::max(0, opts.search_cache_entries)),
             search::SearchBounds{std::max(0LL, opts.search_exact_up_to),
                                  search::store::Sampling{16, std::max(1, opts.search_sample), 4 * std::max(1, opts.search_sample)}}) {
  disclosure.on_public_change = [this](soci::session& s, long long document_id) { search.index_document(s, document_id); };
  // Before anything writes to the search index: tokens made by another analyser are made again (an upgrade).
  auto started = std::chrono::steady_clock::now();
  long long reanalysed = search.ensure_analyser([](long long done, long long total) {
    if (done == total || done % 5000 == 0) spdlog::info("检索索引：用当前文本分析器重建全文索引 {}/{}", done, total);
  });
  if (reanalysed > 0) {
    spdlog::info("检索索引：{} 条的全文索引已按当前文本分析器（{}）重建并合并，用时 {:.1f} 秒", reanalysed,
                 search::analyser_fingerprint(),
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  }
  outbox.follow_requests(requests);
  // Without a mail server the link could never arrive: the 我的申请 page then says e-mail is not available.
  if (opts.outbox.smtp.configured()) {
    applicants.send_link = [this](soci::session& s, const std::string& email, const std::string& token) {
      outbox.send_applicant_link(s, email, token);
    };
  }
  csrf_secret = db->write([](soci::session& s) {
    return platform::db::put_setting_if_absent(s, "csrf_secret", platform::random_token(32));
  });
}

namespace {

// The district's name for page headers: the root unit's name, re-read at most every few seconds.
class SiteName {
 public:
  std::string get(App& app) {
    std::lock_guard lk(mu_);
    auto now = std::chrono::steady_clock::now();
    if (now - loaded_ > std::chrono::seconds(5) || name_.empty()) {
      auto root = app.units.root();
      name_ = root ? root->f.name : "政府信息公开平台";
      loaded_ = now;
    }
    return name_;
  }

 private:
  std::mutex mu_;
  std::string name_;
  std::chrono::steady_clock::time_point loaded_;
};

}  // namespace

void install_routes(App& app) {
  auto site_name = std::make_shared<SiteName>();

  // 1. Identify the visitor: session cookie → actor. Unknown or expired sessions are simply anonymous.
  app.router.use([&app, site_name](Request& req, const Handler& next) -> Response {
    req.locals["site_name"] = site_name->get(app);
    // Programs doing bulk work send a staff API token instead of cookies, to /api/ only. The token acts as its
    // owner; cookies are ignored on such a request, and there is no CSRF to check because no browser sends it.
    if (std::string_view auth = req.header(bh::field::authorization); !auth.empty() && req.is_api()) {
      constexpr std::string_view kBearer = "Bearer ";
      auto a = auth.starts_with(kBearer) ? app.accounts.authenticate_api_token(std::string(auth.substr(kBearer.size())))
                                         : std::nullopt;
      if (!a) {
        Response r = web::error_page(app, req, 401, "访问令牌无效、已撤销或已过期。", "invalid_token");
        r.set(bh::field::www_authenticate, "Bearer");
        return r;
      }
      req.locals["actor"] = *a;
      req.locals["api_token"] = true;
      return next(req);
    }
    bool must_change = false;
    bool had_session_cookie = false;
    if (auto token = req.cookie(web::kSessionCookie); token && !token->empty()) {
      had_session_cookie = true;
      if (auto a = app.accounts.authenticate(*token, &must_change)) {
        req.locals["actor"] = *a;
        req.locals["session_id"] = units::AccountService::session_id(*token);
        req.locals["session_token"] = *token;
        req.locals["must_change_password"] = must_change;
      }
    }
    // Staff whose password must change go to the password page first.
    if (must_change && req.path().starts_with("/console") && req.path() != "/console/password") {
      return Response::redirect("/console/password");
    }
    Response res = next(req);
    if (auto it = req.locals.find("new_csrf_cookie"); it != req.locals.end()) {
      platform::http::CookieOptions opt;
      opt.secure = app.options.secure_cookies;
      res.headers.insert(bh::field::set_cookie,
                         platform::http::make_set_cookie(web::kCsrfCookie, std::any_cast<const std::string&>(it->second), opt));
    }
    if (req.locals.count("clear_notice")) {
      platform::http::CookieOptions opt;
      opt.max_age = std::chrono::seconds(0);
      res.headers.insert(bh::field::set_cookie, platform::http::make_set_cookie("gk_notice", "", opt));
    }
    if (had_session_cookie && !req.locals.count("actor") && !req.locals.count("session_token_set")) {
      // The cookie names a session that no longer exists: remove it so the visitor is plainly anonymous.
      platform::http::CookieOptions opt;
      opt.max_age = std::chrono::seconds(0);
      opt.secure = app.options.secure_cookies;
      res.headers.insert(bh::field::set_cookie, platform::http::make_set_cookie(web::kSessionCookie, "", opt));
    }
    return res;
  });

  // 2. CSRF: every state-changing request carries the token of its session (or of the visitor's CSRF cookie), and,
  // when the browser says where it comes from, comes from this site.
  app.router.use([&app](Request& req, const Handler& next) -> Response {
    if (req.is_safe_method() || req.locals.count("api_token")) return next(req);
    std::string_view origin = req.header(bh::field::origin);
    std::string_view host = req.header(bh::field::host);
    if (!origin.empty() && origin != "null") {
      auto scheme_end = origin.find("://");
      std::string_view origin_host = scheme_end == std::string_view::npos ? origin : origin.substr(scheme_end + 3);
      if (origin_host != host) {
        return web::error_page(app, req, 403, "请求来源与本站不符，已拒绝。", "csrf_failed");
      }
    }
    if (!web::csrf_valid(app, req)) {
      const auto& form = req.form();
      if (!form.ok() && form.error().code != "unsupported_media_type") {
        return web::error_page(app, req, 400, form.error().message, form.error().code);
      }
      return web::error_page(app, req, 403, "页面已过期或表单校验失败，请返回上一页刷新后重新提交。", "csrf_failed");
    }
    // A form that does not parse (bad UTF-8, broken multipart) is refused before any handler sees it, and so is a
    // body in a format no handler reads (handlers take their input from req.form()): 415, not a 500 later.
    if (const auto& form = req.form(); !form.ok()) {
      unsigned status = form.error().code == "unsupported_media_type" ? 415 : 400;
      return web::error_page(app, req, status, form.error().message, form.error().code);
    }
    return next(req);
  });

  app.router.on_error([&app](Request& req, unsigned status, std::string_view message) {
    return web::error_page(app, req, status, message);
  });

  site::install(app);
  units::install_web(app);
  audit::install_web(app);
  calendar::install_web(app);
  disclosure::install_web(app);
  requests::install_web(app);
  requests::install_notice_web(app);
  notify::install_web(app);
  oversight::install_web(app);
  search::install_web(app);
}

}  // namespace gongkai
