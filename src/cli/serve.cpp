#include "cli/serve.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include "gongkai/app.hpp"
#include "platform/crypto.hpp"
#include "platform/http/page_cache.hpp"
#include "platform/http/server.hpp"
#include "platform/http/static_files.hpp"
#include "platform/jobs/scheduler.hpp"
#include "platform/mail/smtp.hpp"
#include "platform/metrics.hpp"

namespace cli {
namespace http = platform::http;
namespace bh = http::beast_http;

void add_serve_options(CLI::App& cmd, ServeOptions& o) {
  cmd.add_option("--address", o.address, "Address to listen on")->envname("GONGKAI_ADDRESS")->capture_default_str();
  cmd.add_option("--port", o.port, "Port to listen on (0: any free port)")->envname("GONGKAI_PORT")->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd.add_option("--io-threads", o.io_threads, "Network threads")->envname("GONGKAI_IO_THREADS")->capture_default_str()
      ->check(CLI::Range(1, 64));
  cmd.add_option("--workers", o.workers, "Worker threads for handlers and database work")->envname("GONGKAI_WORKERS")
      ->capture_default_str()->check(CLI::Range(1, 256));
  cmd.add_option("--db-pool", o.db_pool, "Database connections (default: workers + 2)")->envname("GONGKAI_DB_POOL");
  cmd.add_option("--body-limit-mb", o.body_limit_mb, "Largest request body in MiB (413 beyond)")->envname("GONGKAI_BODY_LIMIT_MB")
      ->capture_default_str();
  cmd.add_option("--request-timeout", o.request_timeout, "Seconds a client has to send one request")
      ->envname("GONGKAI_REQUEST_TIMEOUT")->capture_default_str();
  cmd.add_option("--idle-timeout", o.idle_timeout, "Seconds an idle keep-alive connection stays open")
      ->envname("GONGKAI_IDLE_TIMEOUT")->capture_default_str();
  cmd.add_option("--max-connections", o.max_connections, "Open connections before new ones get 503")
      ->envname("GONGKAI_MAX_CONNECTIONS")->capture_default_str();
  cmd.add_flag("--trust-proxy", o.trust_proxy, "Take the client address from X-Real-IP/X-Forwarded-For (behind nginx)")
      ->envname("GONGKAI_TRUST_PROXY");
  cmd.add_flag("--secure-cookies", o.secure_cookies, "Mark cookies Secure and send HSTS (served over HTTPS)")
      ->envname("GONGKAI_SECURE_COOKIES");
  cmd.add_option("--page-cache-seconds", o.page_cache_seconds, "Micro-cache anonymous public pages this long (0: off)")
      ->envname("GONGKAI_PAGE_CACHE_SECONDS")->capture_default_str();
  cmd.add_option("--search-cache", o.search_cache, "Recent search answers kept until the index changes (0: off)")
      ->envname("GONGKAI_SEARCH_CACHE")->capture_default_str()->check(CLI::Range(0, 100000));
  cmd.add_option("--search-exact-up-to", o.search_exact_up_to,
                 "Matches a search ranks and counts exactly; beyond, it ranks a sample and estimates the counts "
                 "(0: always exact)")
      ->envname("GONGKAI_SEARCH_EXACT_UP_TO")->capture_default_str()->check(CLI::Range(0LL, 100000000LL));
  cmd.add_option("--search-sample", o.search_sample,
                 "Beyond --search-exact-up-to: matches read from each of 16 slices of the index (and 4 times as many "
                 "newest ones; PostgreSQL reads a quarter); more ranks and counts better and takes longer")
      ->envname("GONGKAI_SEARCH_SAMPLE")->capture_default_str()->check(CLI::Range(1, 100000));
  cmd.add_option("--access-log", o.access_log, "One log line per request (true/false)")->envname("GONGKAI_ACCESS_LOG")
      ->capture_default_str();
  cmd.add_option("--port-file", o.port_file, "Write the bound port to this file once listening");
  cmd.add_option("--smtp-host", o.smtp_host, "SMTP server for notifications (empty: e-mail is not sent)")
      ->envname("GONGKAI_SMTP_HOST");
  cmd.add_option("--smtp-port", o.smtp_port, "SMTP port")->envname("GONGKAI_SMTP_PORT")->capture_default_str()
      ->check(CLI::Range(1, 65535));
  cmd.add_option("--smtp-tls", o.smtp_tls, "none | try (STARTTLS when offered) | starttls (required) | tls (smtps)")
      ->envname("GONGKAI_SMTP_TLS")->capture_default_str()->check(CLI::IsMember({"none", "try", "starttls", "tls"}));
  cmd.add_option("--smtp-user", o.smtp_user, "SMTP AUTH user name (empty: no AUTH)")->envname("GONGKAI_SMTP_USER");
  cmd.add_option("--smtp-password", o.smtp_password, "SMTP AUTH password (prefer the environment variable)")
      ->envname("GONGKAI_SMTP_PASSWORD");
  cmd.add_option("--mail-from", o.mail_from, "Sender address of notifications")->envname("GONGKAI_MAIL_FROM")
      ->capture_default_str();
  cmd.add_option("--mail-from-name", o.mail_from_name, "Sender name (default: the district's name)")
      ->envname("GONGKAI_MAIL_FROM_NAME");
  cmd.add_option("--public-url", o.public_url, "Public address of the site, for links in notifications")
      ->envname("GONGKAI_PUBLIC_URL");
  cmd.add_option("--outbox-interval", o.outbox_interval, "Seconds between notification delivery runs")
      ->envname("GONGKAI_OUTBOX_INTERVAL")->capture_default_str()->check(CLI::Range(1, 3600));
}

namespace {

void security_headers(http::Response& r, bool secure) {
  auto set_default_name = [&](std::string_view name, std::string_view v) {
    if (r.headers.find(name) == r.headers.end()) r.headers.set(name, v);
  };
  set_default_name("Content-Security-Policy",
              "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
              "base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
  r.headers.set("X-Content-Type-Options", "nosniff");
  r.headers.set("X-Frame-Options", "DENY");
  r.headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  r.headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  r.headers.set("Cross-Origin-Opener-Policy", "same-origin");
  if (secure) r.headers.set(bh::field::strict_transport_security, "max-age=31536000");
}

}  // namespace

int run_serve(const Common& common, const ServeOptions& o) {
  std::size_t pool = o.db_pool ? o.db_pool : o.workers + 2;
  auto db = open_database(common, pool);
  if (!db) {
    spdlog::error("{}", db.error().message);
    return 1;
  }
  spdlog::info("database: {}", (*db)->display_url());

  gongkai::AppOptions app_opts;
  app_opts.secure_cookies = o.secure_cookies;
  app_opts.page_cache_seconds = o.page_cache_seconds;
  app_opts.search_cache_entries = o.search_cache;
  app_opts.search_exact_up_to = o.search_exact_up_to;
  app_opts.search_sample = o.search_sample;
  app_opts.data_dir = common.data;
  app_opts.outbox.smtp.host = o.smtp_host;
  app_opts.outbox.smtp.port = o.smtp_port;
  platform::mail::parse_tls(o.smtp_tls, app_opts.outbox.smtp.tls);
  app_opts.outbox.smtp.username = o.smtp_user;
  app_opts.outbox.smtp.password = o.smtp_password;
  app_opts.outbox.from = o.mail_from;
  app_opts.outbox.from_name = o.mail_from_name;
  app_opts.outbox.public_url = o.public_url;
  while (!app_opts.outbox.public_url.empty() && app_opts.outbox.public_url.back() == '/') app_opts.outbox.public_url.pop_back();
  gongkai::App app(*db, app_opts);
  gongkai::install_routes(app);

  http::StaticFiles statics("/static/");
  http::PageCache cache(std::chrono::seconds(std::max(0, o.page_cache_seconds)));

  platform::metrics::add_gauge("gongkai_db_pool_size", "Database connections in the pool.",
                               [d = *db] { return static_cast<double>(d->stats().size); });
  platform::metrics::add_gauge("gongkai_db_pool_in_use", "Database connections lent out now.",
                               [d = *db] { return static_cast<double>(d->stats().in_use); });
  platform::metrics::add_gauge("gongkai_db_pool_waits_total", "Times a request waited for a free connection.",
                               [d = *db] { return static_cast<double>(d->stats().waited); });

  http::ServerOptions so;
  so.address = o.address;
  so.port = static_cast<std::uint16_t>(o.port);
  so.io_threads = o.io_threads;
  so.worker_threads = o.workers;
  so.body_limit = o.body_limit_mb * 1024 * 1024;
  so.request_timeout = std::chrono::seconds(o.request_timeout);
  so.idle_timeout = std::chrono::seconds(o.idle_timeout);
  so.max_connections = o.max_connections;
  so.trust_proxy = o.trust_proxy;

  auto is_anonymous_get = [](const http::Request& req) {
    return (req.method() == http::Verb::get || req.method() == http::Verb::head) &&
           !req.cookie("gk_session") && !req.cookie("gk_notice");
  };

  // Static files and micro-cached pages are answered on the network thread, without a hop to the workers.
  auto fast = [&](http::Request& req) -> std::optional<http::Response> {
    if (auto r = statics.serve(req)) {
      req.route = "/static/{path*}";
      return r;
    }
    if (cache.enabled() && is_anonymous_get(req)) {
      if (auto r = cache.get(std::string(req.target()))) {
        req.route = "(cached)";
        return r;
      }
    }
    return std::nullopt;
  };

  auto early_error = [&app](http::Request& req, unsigned status, std::string_view message) {
    http::Response r;
    std::string title = status == 413 ? "提交内容过大" : status == 431 ? "请求头过大" : status == 503 ? "服务暂不可用" : "请求无效";
    if (req.path().starts_with("/api/")) {
      boost::json::object body{{"error", boost::json::object{{"code", status == 413 ? "payload_too_large"
                                                                  : status == 431 ? "header_too_large"
                                                                  : status == 503 ? "unavailable" : "bad_request"},
                                                                 {"message", message}}}};
      r = http::Response::json(boost::json::serialize(body), status);
    } else {
      r = http::Response::html("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + title +
                               "</title><link rel=\"stylesheet\" href=\"/static/css/site.css\"></head><body><main id=\"main\" class=\"wrap\">"
                               "<section class=\"error-page\"><p class=\"error-code\">" + std::to_string(status) + "</p><h1>" + title +
                               "</h1><p>" + http::html_escape(message) + "</p><p><a href=\"/\">返回首页</a></p></section></main></body></html>",
                               status);
    }
    (void)app;
    return r;
  };

  auto finish = [&](const http::Request& req, http::Response& res) {
    // A micro-cached page was stored after this decoration: its headers are final, so a hit skips straight to the
    // metrics and the log (the hot path of a busy public page).
    if (req.route != "(cached)") {
      security_headers(res, o.secure_cookies);
      bool has_cookie = res.headers.find(bh::field::set_cookie) != res.headers.end();
      if (res.headers.find(bh::field::cache_control) == res.headers.end()) {
        bool personal = req.cookie("gk_session").has_value() || has_cookie || req.path().starts_with("/console");
        res.headers.set(bh::field::cache_control, personal ? "no-store" : "no-cache");
      }
      if (req.locals.count("public_cache") && res.status == 200 && !has_cookie && is_anonymous_get(req)) {
        cache.put(std::string(req.target()), res);
      }
    }
    if (!req.is_safe_method() && res.status < 400) cache.clear();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - req.started).count();
    platform::metrics::record_request(req.method_string(), req.route.empty() ? "(none)" : req.route, res.status, seconds);
    if (o.access_log) {
      // Path only: query strings may carry what people typed (names, numbers) and never enter the log.
      spdlog::info("access rid={} addr={} method={} path={} route={} status={} bytes={} ms={:.2f}", req.request_id,
                   req.remote_addr(), req.method_string(), req.path().substr(0, 200), req.route, res.status, res.body.size(),
                   seconds * 1000);
    }
  };

  http::Server server(so, [&app](http::Request& req) { return app.router.handle(req); }, fast, early_error, finish);
  auto port = server.listen();
  if (!port) {
    spdlog::error("{}", port.error().message);
    return 1;
  }
  if (!o.port_file.empty()) {
    std::ofstream(o.port_file + ".tmp") << *port << "\n";
    std::rename((o.port_file + ".tmp").c_str(), o.port_file.c_str());
  }

  platform::jobs::Scheduler scheduler(*db, platform::random_token(6) + "-" + std::to_string(getpid()));
  scheduler.every("accounts.purge_expired", std::chrono::minutes(10), [&app] {
    int n = app.accounts.purge_expired();
    if (n) spdlog::info("removed {} expired sessions and old login attempts", n);
  });
  scheduler.every("requests.purge_expired", std::chrono::minutes(30), [&app] {
    app.requests.purge_expired();
    app.applicants.purge_expired();
  });
  scheduler.every("disclosure.publish_scheduled", std::chrono::seconds(30), [&app] {
    if (int n = app.disclosure.publish_due()) spdlog::info("scheduled publication: {} document(s) published", n);
  });
  scheduler.every("disclosure.ledger_checkpoint", std::chrono::hours(1), [&app] { app.disclosure.checkpoint(); });
  scheduler.every("notify.deliver", std::chrono::seconds(o.outbox_interval), [&app] { app.outbox.deliver_due(); });
  scheduler.every("requests.remind_due_soon", std::chrono::hours(1), [&app] { app.outbox.remind_due_soon(app.requests); });
  scheduler.start();

  spdlog::info("gongkai {} listening on http://{}:{} ({} io thread(s), {} workers, db pool {})", GONGKAI_VERSION, o.address,
               *port, o.io_threads, o.workers, pool);
  server.run();
  scheduler.stop();
  app.search.flush_log();  // the last searches of this node reach the log
  spdlog::info("stopped cleanly");
  return 0;
}

}  // namespace cli
