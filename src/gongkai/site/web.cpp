#include "gongkai/site/web.hpp"

#include <map>

#include "gongkai/disclosure/to_json.hpp"
#include "gongkai/units/to_json.hpp"
#include "gongkai/web/page.hpp"
#include "platform/assets.hpp"
#include "platform/metrics.hpp"

namespace gongkai::site {
namespace json = boost::json;
using platform::http::Request;
using platform::http::Response;

void install(App& app) {
  app.router.get("/", [&app](Request& req) {
    auto units = app.units.directory();
    json::array departments, towns;
    json::value root = nullptr;
    for (const auto& u : units) {
      json::object o{{"id", u.id}, {"name", u.f.name}, {"short_name", u.f.short_name}};
      if (u.f.kind == units::UnitKind::department) departments.push_back(o);
      else if (u.f.kind == units::UnitKind::town) towns.push_back(o);
      else if (u.f.kind == units::UnitKind::government) root = units::to_json(u);
    }
    json::object data{{"root", root},
                      {"departments", departments},
                      {"towns", towns},
                      {"department_count", departments.size()},
                      {"town_count", towns.size()},
                      {"empty", units.empty()}};
    // The latest publications and the first-level columns (and their children) of 主动公开.
    std::map<long long, std::string> names;
    for (const auto& u : units) names[u.id] = u.f.name;
    disclosure::store::ListQuery q;
    q.limit = 10;
    json::array latest;
    for (const auto& l : app.disclosure.list_public(q)) {
      latest.push_back(disclosure::listed_json(l, app.disclosure.vocabulary(), names[l.doc.unit_id]));
    }
    data["no_documents"] = latest.empty();
    data["latest"] = std::move(latest);
    // First-level columns, and the 专题 (special topics): the sub-columns of the column whose address is "topics".
    json::array columns, topics;
    auto all_columns = app.disclosure.columns();
    std::optional<long long> topics_id;
    for (const auto& c : all_columns) {
      if (c.active && c.slug == "topics") topics_id = c.id;
    }
    for (const auto& c : all_columns) {
      if (!c.active) continue;
      if (!c.parent_id) columns.push_back(disclosure::column_json(c));
      else if (topics_id && *c.parent_id == *topics_id) topics.push_back(disclosure::column_json(c));
    }
    data["columns"] = std::move(columns);
    data["has_topics"] = !topics.empty();
    data["topics"] = std::move(topics);
    web::allow_public_cache(req);
    return web::page(app, req, "home", std::move(data), "首页");
  });

  // Liveness and readiness in one: 200 when the database answers, 503 when it does not (a proxy takes the node
  // out of rotation).
  app.router.get("/healthz", [&app](Request&) {
    bool db_ok = app.db->ping();
    json::object body{{"status", db_ok ? "ok" : "unavailable"},
                      {"database", db_ok ? "ok" : "unreachable"},
                      {"backend", app.db->is_sqlite() ? "sqlite" : "postgresql"}};
    Response r = Response::json(json::serialize(body), db_ok ? 200 : 503);
    r.set(platform::http::beast_http::field::cache_control, "no-store");
    return r;
  });

  app.router.get("/metrics", [](Request&) {
    Response r = Response::text(platform::metrics::exposition());
    r.set(platform::http::beast_http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
    return r;
  });

  app.router.get("/api/v1/openapi.json", [](Request&) {
    auto doc = platform::assets::read("static/api/openapi.json");
    return Response::json(doc ? *doc : "{}");
  });

  app.router.get("/robots.txt", [](Request&) {
    return Response::text("User-agent: *\nDisallow: /console/\nDisallow: /login\n");
  });
}

}  // namespace gongkai::site
