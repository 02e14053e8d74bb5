#include "gongkai/notify/web.hpp"

#include "gongkai/web/page.hpp"
#include "platform/time.hpp"

namespace gongkai::notify {
namespace json = boost::json;
namespace bh = platform::http::beast_http;
using platform::http::Request;
using platform::http::Response;

namespace {

json::object row_json(const store::Row& m) {
  return json::object{{"id", m.id},
                      {"channel", to_string(m.d.channel)},
                      {"channel_label", label(m.d.channel)},
                      {"recipient", mask_recipient(m.d.recipient)},  // personal data: masked even for staff
                      {"subject", m.d.subject},
                      {"template", m.d.template_name},
                      {"request_number", m.d.ref_label},
                      {"request_id", m.d.ref_id ? json::value(*m.d.ref_id) : json::value(nullptr)},
                      {"status", to_string(m.status)},
                      {"status_label", label(m.status)},
                      {"failed", m.status == Status::failed},
                      {"retrying", m.status == Status::pending && m.attempts > 0},
                      {"may_retry", m.status != Status::sent},
                      {"attempts", m.attempts},
                      {"last_error", m.last_error},
                      {"created_at", platform::utc_iso_to_local_display(m.created_at)},
                      {"sent_at", m.sent_at.empty() ? "" : platform::utc_iso_to_local_display(m.sent_at)},
                      {"next_attempt_at", m.status == Status::pending ? platform::utc_iso_to_local_display(m.next_attempt_at) : ""}};
}

std::optional<Status> status_filter(const Request& req) { return status_from(req.query().value("status")); }

}  // namespace

void install_web(App& app) {
  app.router.get("/console/outbox", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return web::require_login(req);
    auto filter = status_filter(req);
    auto rows = app.outbox.list(a, filter);
    if (!rows) return web::error_page(app, req, web::status_for(rows.error()), rows.error().message);
    auto counts = app.outbox.counts(a);
    json::array items;
    std::string csrf = web::csrf_token(app, req);
    for (const auto& m : *rows) {
      auto j = row_json(m);
      j["csrf"] = csrf;
      items.push_back(j);
    }
    json::object data{{"items", items},
                      {"empty", items.empty()},
                      {"filter_failed", filter == Status::failed},
                      {"filter_pending", filter == Status::pending},
                      {"smtp_configured", app.outbox.options().smtp.configured()},
                      {"smtp_host", app.outbox.options().smtp.host},
                      {"pending", counts ? counts->pending : 0},
                      {"retrying", counts ? counts->retrying : 0},
                      {"sent", counts ? counts->sent : 0},
                      {"failed", counts ? counts->failed : 0}};
    return web::no_store(web::page(app, req, "console/outbox", std::move(data), "消息发送记录", true));
  });

  app.router.post("/console/outbox/{id}/retry", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return web::require_login(req);
    auto id = web::parse_id(req.param("id"));
    if (!id) return web::error_page(app, req, 404, "消息不存在。");
    auto r = app.outbox.retry(a, *id);
    if (!r) {
      if (req.wants_json()) return web::error_page(app, req, web::status_for(r.error()), r.error().message, r.error().code);
      return web::error_page(app, req, web::status_for(r.error()), r.error().message);
    }
    if (req.wants_json()) return Response::json(json::serialize(row_json(*r)));
    std::string notice = r->status == Status::sent ? "消息已重新发送。" : "重新发送未成功：" + r->last_error;
    return web::redirect_with_notice("/console/outbox", notice);
  });

  app.router.get("/api/v1/outbox", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return web::error_page(app, req, 401, "请先登录。", "unauthorized");
    auto rows = app.outbox.list(a, status_filter(req));
    if (!rows) return web::error_page(app, req, web::status_for(rows.error()), rows.error().message, rows.error().code);
    json::array items;
    for (const auto& m : *rows) items.push_back(row_json(m));
    return web::no_store(Response::json(json::serialize(json::object{{"items", items}, {"count", items.size()}})));
  });
}

}  // namespace gongkai::notify
