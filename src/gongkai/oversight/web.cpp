#include "gongkai/oversight/web.hpp"

#include "gongkai/oversight/service.hpp"
#include "gongkai/web/page.hpp"
#include "platform/http/forms.hpp"

namespace gongkai::oversight {
namespace json = boost::json;
namespace bh = platform::http::beast_http;
using platform::http::Request;
using platform::http::Response;

namespace {

using web::parse_id;
using web::parse_int;
using web::require_login;

Response no_store(Response r) {
  r.set(bh::field::cache_control, "no-store");
  return r;
}

// The year a report is usually worked on: the previous calendar year.
int default_year(App& app) { return app.oversight.today().year() - 1; }

int year_of(App& app, std::string_view s) { return parse_int(s, default_year(app)); }

std::string report_url(long long unit, int year) {
  return "/console/reports/annual?unit=" + std::to_string(unit) + "&year=" + std::to_string(year);
}

json::value field(const json::object& o, std::string_view k) {
  auto it = o.find(k);
  return it == o.end() ? json::value(nullptr) : it->value();
}

// Template data for the tables, from the figures JSON (live for a draft, the snapshot for a published report, so
// both render alike).
json::object tables_data(const json::object& f) {
  json::object d;
  d["table2"] = field(f, "table2");
  const auto& t3 = f.at("table3").as_object();
  json::array rows;
  for (const auto& r : t3.at("rows").as_array()) {
    const auto& ro = r.as_object();
    json::object row{{"label", ro.at("label")}};
    if (ro.at("cells").is_null()) {
      row["heading"] = true;
    } else {
      json::array cells;
      for (const auto& c : ro.at("cells").as_array()) cells.push_back(json::object{{"v", c}});
      row["cells"] = std::move(cells);
    }
    rows.push_back(std::move(row));
  }
  d["table3_rows"] = std::move(rows);
  json::array check;
  bool all_ok = true;
  for (const auto& c : t3.at("check").as_array()) {
    json::object co = c.as_object();
    if (!co.at("ok").as_bool()) all_ok = false;
    check.push_back(std::move(co));
  }
  d["check"] = std::move(check);
  d["check_ok"] = all_ok;
  json::array mism;
  for (const auto& m : t3.at("mismatches").as_array()) mism.push_back(m);
  d["mismatches"] = mism;
  d["has_mismatches"] = !mism.empty();
  d["table4"] = field(f, "table4");
  d["fees_collected_yuan"] = field(f, "fees_collected_yuan");
  d["publishable"] = field(f, "publishable");
  std::string problem = f.contains("problem") ? std::string(f.at("problem").as_string()) : "";
  if (!problem.empty()) d["problem"] = problem;
  return d;
}

Response report_page(App& app, Request& req, const units::Actor& a, long long unit, int year,
                     const platform::Error* error, unsigned status = 200) {
  auto v = app.oversight.report(a, unit, year);
  if (!v) return web::error_page(app, req, web::status_for(v.error()), v.error().message);
  auto figures = json::parse(v->figures_json).as_object();
  json::object data = tables_data(figures);
  data["unit_id"] = unit;
  data["unit_name"] = v->unit_name;
  data["year"] = year;
  data["district"] = v->district;
  data["published"] = v->status == ReportStatus::published;
  data["published_at"] = v->published_at;
  if (v->document_id) data["document_id"] = *v->document_id;
  data["deadline"] = v->deadline.iso();
  data["overdue"] = v->status == ReportStatus::draft && app.oversight.today() > v->deadline;
  data["version"] = v->version;
  data["has_draft"] = v->version > 0;
  data["section1"] = v->section1;
  data["section5"] = v->section5;
  data["section6"] = v->section6;
  data["may_edit"] = v->may_edit;
  data["may_publish"] = v->may_publish;
  EnteredCounts own = v->own_counts.value_or(EnteredCounts{});
  data["counts"] = json::object{{"licensing", own.licensing},
                                {"penalty", own.penalty},
                                {"coercion", own.coercion},
                                {"fees", format_wanyuan(own.fees_fen)}};
  data["api_url"] = "/api/v1/reports/annual?unit=" + std::to_string(unit) + "&year=" + std::to_string(year);
  data["xlsx_url"] = "/console/reports/annual.xlsx?unit=" + std::to_string(unit) + "&year=" + std::to_string(year);
  data["prev_year"] = year - 1;
  data["next_year"] = year + 1;
  data["form"] = web::form_state(req, error);
  if (error) data["error"] = json::object{{"message", error->message}};
  return no_store(web::page(app, req, "console/reports/annual", std::move(data),
                            v->unit_name + std::to_string(year) + "年政府信息公开工作年度报告", true, status));
}

}  // namespace

void install_web(App& app) {
  // The list: every unit's report for a year, with its deadline (31 January; the district's 31 March).
  app.router.get("/console/reports", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    int year = year_of(app, req.query().value("year"));
    if (!a.district_wide()) {
      if (!a.has(units::Role::unit_admin)) return web::error_page(app, req, 403, "只有政务公开办和单位管理员可以查看年度报告。");
      return Response::redirect(report_url(a.unit_id, year));
    }
    auto reports = app.oversight.list(a, year);
    if (!reports) return web::error_page(app, req, web::status_for(reports.error()), reports.error().message);
    json::array items;
    for (const auto& r : *reports) {
      items.push_back(json::object{{"unit_id", r.unit_id},
                                   {"unit_name", r.unit_name},
                                   {"district", r.district},
                                   {"url", report_url(r.unit_id, year)},
                                   {"status", r.status == ReportStatus::published ? "已发布" : (r.started ? "草稿" : "未开始")},
                                   {"published", r.status == ReportStatus::published},
                                   {"deadline", r.deadline.iso()},
                                   {"overdue", r.overdue}});
    }
    json::object data{{"year", year}, {"items", items}, {"empty", items.empty()}, {"prev_year", year - 1},
                      {"next_year", year + 1}};
    return no_store(web::page(app, req, "console/reports/index", std::move(data), "政府信息公开工作年度报告", true));
  });

  app.router.get("/console/reports/annual", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto unit = parse_id(req.query().value("unit"));
    if (!unit) return web::error_page(app, req, 404, "请选择单位。");
    return report_page(app, req, a, *unit, year_of(app, req.query().value("year")), nullptr);
  });

  auto post = [&app](const char* path, auto&& act, const char* notice) {
    app.router.post(path, [&app, act, notice](Request& req) {
      auto a = web::actor(req);
      if (!a.signed_in()) return require_login(req);
      const auto& f = req.form()->fields;
      auto unit = parse_id(f.value("unit"));
      if (!unit) return web::error_page(app, req, 404, "请选择单位。");
      int year = parse_int(f.value("year"), 0);
      platform::Result<void> r = act(app, a, *unit, year, f);
      if (!r) {
        const auto& e = r.error();
        if (req.wants_json() || e.code == "forbidden" || e.code == "invalid_year" || e.code == "invalid_unit") {
          return web::error_page(app, req, web::status_for(e), e.message, e.code);
        }
        return report_page(app, req, a, *unit, year, &e, web::status_for(e));
      }
      return web::redirect_with_notice(report_url(*unit, year), notice);
    });
  };
  post("/console/reports/annual/texts",
       [](App& app, const units::Actor& a, long long unit, int year, const platform::http::FormData& f) {
         return app.oversight.save_texts(a, unit, year, f.value("section1"), f.value("section5"), f.value("section6"),
                                         parse_int(f.value("version"), -1));
       },
       "报告文字已保存。");
  post("/console/reports/annual/counts",
       [](App& app, const units::Actor& a, long long unit, int year, const platform::http::FormData& f) {
         return app.oversight.save_counts(a, unit, year,
                                          {f.value("licensing"), f.value("penalty"), f.value("coercion"), f.value("fees")});
       },
       "表二填报数据已保存。");
  post("/console/reports/annual/publish",
       [](App& app, const units::Actor& a, long long unit, int year, const platform::http::FormData& f) -> platform::Result<void> {
         auto r = app.oversight.publish(a, unit, year, parse_int(f.value("version"), -1));
         if (!r) return r.error();
         return {};
       },
       "年度报告已发布到“政府信息公开年报”栏目。");

  app.router.get("/console/reports/annual.xlsx", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto unit = parse_id(req.query().value("unit"));
    if (!unit) return web::error_page(app, req, 404, "请选择单位。");
    int year = year_of(app, req.query().value("year"));
    auto x = app.oversight.xlsx(a, *unit, year);
    if (!x) return web::error_page(app, req, web::status_for(x.error()), x.error().message, x.error().code);
    Response r;
    r.body = std::move(x->bytes);
    r.set(bh::field::content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    r.set(bh::field::content_disposition, platform::http::content_disposition("attachment", x->file_name));
    return no_store(std::move(r));
  });

  // The numbers as JSON: published reports for anybody, drafts for the office and the unit's administrator.
  app.router.get("/api/v1/reports/annual", [&app](Request& req) {
    auto a = web::actor(req);
    auto unit = parse_id(req.query().value("unit"));
    if (!unit) return web::error_page(app, req, 400, "参数 unit 应为单位编号。", "invalid_unit");
    std::string ys(req.query().value("year"));
    int year = parse_int(ys, -1);
    if (year < 0) return web::error_page(app, req, 400, "参数 year 应为年度，例如 2025。", "invalid_year");
    auto j = app.oversight.figures_json(a, *unit, year);
    if (!j) return web::error_page(app, req, web::status_for(j.error()), j.error().message, j.error().code);
    return no_store(Response::json(*j));
  });
}

}  // namespace gongkai::oversight
