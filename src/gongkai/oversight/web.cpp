#include "gongkai/oversight/web.hpp"

#include "gongkai/oversight/inspection.hpp"
#include "gongkai/oversight/service.hpp"
#include "gongkai/oversight/xlsx.hpp"
#include "gongkai/web/page.hpp"
#include "platform/http/forms.hpp"
#include "platform/text/csv.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace gongkai::oversight {
namespace json = boost::json;
namespace bh = platform::http::beast_http;
using platform::http::Request;
using platform::http::Response;

namespace {

using web::parse_id;
using web::parse_int;
using web::require_login;
using web::no_store;

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
  data["pdf_url"] = "/console/reports/annual.pdf?unit=" + std::to_string(unit) + "&year=" + std::to_string(year);
  data["prev_year"] = year - 1;
  data["next_year"] = year + 1;
  data["form"] = web::form_state(req, error);
  if (error) data["error"] = json::object{{"message", error->message}};
  return no_store(web::page(app, req, "console/reports/annual", std::move(data),
                            v->unit_name + std::to_string(year) + "年政府信息公开工作年度报告", true, status));
}

std::string record_url(const Record& r) {
  if (r.kind == "document") return "/console/documents/" + std::to_string(r.id);
  if (r.kind == "request") return "/console/requests/" + std::to_string(r.id);
  if (r.kind == "catalogue") return "/console/catalogue?unit=" + std::to_string(r.unit_id);
  return "/console/columns";
}

// The figure as shown: a share as a percentage, a median with one decimal, else the count.
std::string shown(const Indicator& i) {
  char buf[32];
  if (i.code == "timely") {
    if (!i.share) return "—";
    std::snprintf(buf, sizeof buf, "%.1f%%", *i.share * 100.0);
    return buf;
  }
  if (i.code == "median_days") {
    if (!i.value) return "—";
    std::snprintf(buf, sizeof buf, "%.1f", *i.value);
    return buf;
  }
  return std::to_string(i.count);
}

std::string score_text(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string period_query(const Dashboard& d) { return "from=" + d.from.iso() + "&to=" + d.to.iso(); }

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

  app.router.get("/console/reports/annual.pdf", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto unit = parse_id(req.query().value("unit"));
    if (!unit) return web::error_page(app, req, 404, "请选择单位。");
    int year = year_of(app, req.query().value("year"));
    auto x = app.oversight.pdf(a, *unit, year);
    if (!x) return web::error_page(app, req, web::status_for(x.error()), x.error().message, x.error().code);
    Response r;
    r.body = std::move(x->bytes);
    r.set(bh::field::content_type, "application/pdf");
    r.set(bh::field::content_disposition, platform::http::content_disposition("attachment", x->file_name));
    return no_store(std::move(r));
  });

  // ---- indicators: the dashboard (no JavaScript needed: every number is a link to its records) ----
  app.router.get("/console/oversight", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto d = app.oversight.dashboard(a, req.query().value("from"), req.query().value("to"));
    if (!d) {
      if (d.error().code == "forbidden") return web::error_page(app, req, 403, d.error().message);
      auto p = app.oversight.period("", "");
      json::object data{{"error", json::object{{"message", d.error().message}}}, {"from", p->first.iso()}, {"to", p->second.iso()},
                        {"rows", json::array{}}, {"definitions", json::array{}}};
      return no_store(web::page(app, req, "console/oversight/dashboard", std::move(data), "监督检查", true, 422));
    }
    json::array heads, defs, rows;
    for (const auto& def : indicator_definitions()) {
      heads.push_back(json::object{{"label", def.label}});
      defs.push_back(json::object{{"label", def.label}, {"definition", def.definition}, {"district_only", def.district_only}});
    }
    for (const auto& r : d->rows) {
      json::array cells;
      for (const auto& i : r.indicators) {
        const auto* def = definition_of(i.code);
        bool na = def && def->district_only && !r.district;
        cells.push_back(json::object{{"value", na ? "—" : shown(i)},
                                     {"link", !na && !i.records.empty()},
                                     {"url", "/console/oversight/records?unit=" + std::to_string(r.unit_id) +
                                                 "&indicator=" + i.code + "&" + period_query(*d)},
                                     {"label", std::string(def ? def->label : "") + "：" + r.unit_name}});
      }
      rows.push_back(json::object{{"unit_name", r.unit_name}, {"district", r.district}, {"cells", cells},
                                  {"score", score_text(r.score)}});
    }
    json::array deadlines;
    for (const auto& l : d->deadlines) {
      if (l.status == ReportStatus::published) continue;
      deadlines.push_back(json::object{{"unit_name", l.unit_name}, {"deadline", l.deadline.iso()}, {"overdue", l.overdue},
                                       {"url", report_url(l.unit_id, l.deadline.year() - 1)},
                                       {"status", l.started ? "草稿" : "未开始"}});
    }
    json::array weights;
    for (const auto& [k, w] : d->config.weights) {
      const auto* def = definition_of(k == "interpretation" ? "no_interpretation" : k == "catalogue" ? "catalogue_empty" :
                                      k == "requests_on_time" ? "requests_overdue" : k);
      weights.push_back(json::object{{"label", def ? def->label : k}, {"weight", score_text(w)}});
    }
    json::array rectifications;
    for (const auto& f : app.oversight.overdue_rectifications(a)) {
      rectifications.push_back(json::object{{"inspection_id", f.f.inspection_id}, {"unit_name", f.unit_name},
                                            {"description", f.f.description}, {"rectify_by", f.f.rectify_by}});
    }
    // The charts: the figures as data-chart JSON for static/js/charts.js; the same numbers are in the tables.
    json::array periods, published, timely, received, closed, trend_rows;
    for (const auto& t : d->trend) {
      periods.push_back(json::string(t.period));
      published.push_back(t.published);
      timely.push_back(t.published_timely);
      received.push_back(t.received);
      closed.push_back(t.closed);
      trend_rows.push_back(json::object{{"period", t.period}, {"published", t.published}, {"timely", t.published_timely},
                                        {"received", t.received}, {"closed", t.closed}});
    }
    auto series = [](const char* name, json::array values) {
      return json::object{{"name", name}, {"values", std::move(values)}};
    };
    json::object trend_chart{{"kind", "line"}, {"categories", periods},
                             {"series", json::array{series("主动公开信息", published), series("其中按时公开", timely),
                                                    series("收到申请", received), series("办结申请", closed)}}};
    std::vector<const UnitIndicators*> ranked;
    for (const auto& r : d->rows) {
      if (!r.district) ranked.push_back(&r);
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto* a, const auto* b) { return a->score > b->score; });
    json::array unit_names, scores, timely_shares;
    for (const auto* r : ranked) {
      unit_names.push_back(json::string(r->unit_name));
      scores.push_back(std::round(r->score * 10.0) / 10.0);
      const auto* t = r->find("timely");
      if (t && t->share) timely_shares.push_back(std::round(*t->share * 1000.0) / 10.0);
      else timely_shares.push_back(nullptr);
    }
    json::object ranking_chart{{"kind", "bar"}, {"categories", unit_names}, {"max", 100},
                               {"series", json::array{series("考核得分", scores), series("20个工作日内公开率（%）", timely_shares)}}};
    json::object data{{"from", d->from.iso()}, {"to", d->to.iso()}, {"heads", heads}, {"rows", rows},
                      {"trend_chart", json::serialize(trend_chart)}, {"trend", trend_rows},
                      {"trend_by", !d->trend.empty() && d->trend.front().period.size() == 4 ? "年" : "月"},
                      {"trend_scope", d->rows.empty() ? std::string() : d->rows.front().unit_name},
                      {"has_ranking", ranked.size() >= 2}, {"ranking_chart", json::serialize(ranking_chart)},
                      {"xlsx_url", "/console/oversight.xlsx?" + period_query(*d)},
                      {"rectifications", rectifications}, {"has_rectifications", !rectifications.empty()},
                      {"definitions", defs}, {"deadlines", deadlines}, {"has_deadlines", !deadlines.empty()},
                      {"report_year", app.oversight.today().year() - 1}, {"office", a.district_wide()},
                      {"columns_fail", d->stale_columns_fail}, {"fail_count", d->config.stale_columns_fail_count},
                      {"weights", weights}, {"csv_url", "/console/oversight.csv?" + period_query(*d)}};
    return no_store(web::page(app, req, "console/oversight/dashboard", std::move(data), "监督检查", true));
  });

  app.router.get("/console/oversight/records", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto unit = parse_id(req.query().value("unit"));
    if (!unit) return web::error_page(app, req, 404, "请选择单位。");
    std::string code(req.query().value("indicator"));
    const auto* def = definition_of(code);
    if (!def) return web::error_page(app, req, 404, "没有这个指标。");
    auto u = app.oversight.unit_indicators(a, *unit, req.query().value("from"), req.query().value("to"));
    if (!u) return web::error_page(app, req, web::status_for(u.error()), u.error().message);
    const auto* ind = u->find(code);
    json::array recs;
    for (const auto& r : ind->records) {
      recs.push_back(json::object{{"label", r.label}, {"url", record_url(r)}, {"date", r.date},
                                  {"kind", r.kind == "document" ? "政府信息" : r.kind == "request" ? "申请" :
                                           r.kind == "catalogue" ? "标准目录事项" : "栏目"}});
    }
    auto p = app.oversight.period(std::string(req.query().value("from")), std::string(req.query().value("to")));
    json::object data{{"unit_name", u->unit_name}, {"label", def->label}, {"definition", def->definition},
                      {"value", shown(*ind)}, {"records", recs}, {"empty", recs.empty()},
                      {"from", p->first.iso()}, {"to", p->second.iso()}};
    return no_store(web::page(app, req, "console/oversight/records", std::move(data),
                              std::string(def->label) + " · " + u->unit_name, true));
  });

  app.router.get("/console/oversight.csv", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto d = app.oversight.dashboard(a, req.query().value("from"), req.query().value("to"));
    if (!d) return web::error_page(app, req, web::status_for(d.error()), d.error().message, d.error().code);
    platform::text::CsvWriter w;
    std::vector<std::string> head{"单位"};
    for (const auto& def : indicator_definitions()) head.emplace_back(def.label);
    head.emplace_back("考核得分");
    w.row(head);
    for (const auto& r : d->rows) {
      std::vector<std::string> row{r.unit_name};
      for (const auto& i : r.indicators) {
        const auto* def = definition_of(i.code);
        row.push_back(def && def->district_only && !r.district ? "" : shown(i));
      }
      row.push_back(score_text(r.score));
      w.row(row);
    }
    Response r;
    r.body = w.take();
    r.set(bh::field::content_type, "text/csv; charset=utf-8");
    r.set(bh::field::content_disposition,
          platform::http::content_disposition("attachment", "监督检查指标_" + d->from.iso() + "_" + d->to.iso() + ".csv"));
    return no_store(std::move(r));
  });

  app.router.get("/console/oversight.xlsx", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto d = app.oversight.dashboard(a, req.query().value("from"), req.query().value("to"));
    if (!d) return web::error_page(app, req, web::status_for(d.error()), d.error().message, d.error().code);
    auto bytes = indicators_xlsx(*d);
    if (!bytes) return web::error_page(app, req, 500, bytes.error().message, bytes.error().code);
    Response r;
    r.body = std::move(*bytes);
    r.set(bh::field::content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    r.set(bh::field::content_disposition,
          platform::http::content_disposition("attachment", "监督检查指标_" + d->from.iso() + "_" + d->to.iso() + ".xlsx"));
    return no_store(std::move(r));
  });

  // ---- inspections (检查) and rectification (整改) ----
  auto inspection_page = [&app](Request& req, const units::Actor& a, long long id, const platform::Error* error,
                                unsigned status) {
    auto v = app.oversight.inspection(a, id);
    if (!v) return web::error_page(app, req, web::status_for(v.error()), v.error().message);
    bool office = a.has(units::Role::supervisor);
    json::array units, findings;
    for (const auto& [uid, name] : v->units) units.push_back(json::object{{"id", uid}, {"name", name}});
    for (const auto& fv : v->findings) {
      const auto& f = fv.f;
      bool may_answer = !office && (f.status == FindingStatus::notified || f.status == FindingStatus::reopened) &&
                        a.has(units::Role::unit_admin) && a.unit_id == f.unit_id;
      findings.push_back(json::object{
          {"id", f.id}, {"inspection_id", f.inspection_id}, {"unit_name", fv.unit_name}, {"description", f.description}, {"evidence", f.evidence},
          {"status", label(f.status)}, {"rectify_by", f.rectify_by}, {"answer", f.answer}, {"answered_on", f.answered_on},
          {"decision_note", f.decision_note}, {"overdue", fv.overdue}, {"version", f.version},
          {"may_notify", office && f.status == FindingStatus::recorded},
          {"may_close", office && f.status == FindingStatus::answered},
          {"may_reopen", office && (f.status == FindingStatus::answered || f.status == FindingStatus::closed)},
          {"may_answer", may_answer}});
    }
    json::object data{{"id", v->i.id}, {"title", v->i.title}, {"scope", v->i.scope}, {"period_from", v->i.period_from},
                      {"period_to", v->i.period_to}, {"due_on", v->i.due_on}, {"units", units}, {"findings", findings},
                      {"empty", findings.empty()}, {"office", office}, {"form", web::form_state(req, error)}};
    if (error) data["error"] = json::object{{"message", error->message}};
    return no_store(web::page(app, req, "console/oversight/inspection", std::move(data), v->i.title, true, status));
  };

  app.router.get("/console/inspections", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto list = app.oversight.inspections(a);
    if (!list) return web::error_page(app, req, web::status_for(list.error()), list.error().message);
    json::array items, unit_opts;
    for (const auto& i : *list) {
      items.push_back(json::object{{"id", i.id}, {"title", i.title}, {"period", i.period_from + " 至 " + i.period_to},
                                   {"due_on", i.due_on}, {"units", i.unit_ids.size()}});
    }
    for (const auto& u : app.units.all()) {
      if (u.f.kind == units::UnitKind::section) continue;
      unit_opts.push_back(json::object{{"id", u.id}, {"name", u.f.name}});
    }
    json::array overdue;
    for (const auto& f : app.oversight.overdue_rectifications(a)) {
      overdue.push_back(json::object{{"inspection_id", f.f.inspection_id}, {"unit_name", f.unit_name},
                                     {"description", f.f.description}, {"rectify_by", f.f.rectify_by}});
    }
    json::object data{{"items", items}, {"empty", items.empty()}, {"office", a.has(units::Role::supervisor)},
                      {"unit_options", unit_opts}, {"overdue", overdue}, {"has_overdue", !overdue.empty()}};
    return no_store(web::page(app, req, "console/oversight/inspections", std::move(data), "检查与整改", true));
  });

  app.router.post("/console/inspections", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    const auto& f = req.form()->fields;
    InspectionInput in{f.value("title"), f.value("scope"), f.value("period_from"), f.value("period_to"), f.value("due_on"), {}};
    for (const auto& u : f.all("unit_ids")) {
      auto id = parse_id(u);
      if (!id) return web::error_page(app, req, 422, "被检查单位无效。", "invalid_unit");
      in.unit_ids.push_back(*id);
    }
    auto r = app.oversight.open_inspection(a, in);
    if (!r) return web::error_page(app, req, web::status_for(r.error()), r.error().message, r.error().code);
    return web::redirect_with_notice("/console/inspections/" + std::to_string(*r), "检查已开启。");
  });

  app.router.get("/console/inspections/{id}", [&app, inspection_page](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto id = parse_id(req.param("id"));
    if (!id) return web::error_page(app, req, 404, "检查不存在。");
    return inspection_page(req, a, *id, nullptr, 200);
  });

  app.router.post("/console/inspections/{id}/findings", [&app, inspection_page](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto id = parse_id(req.param("id"));
    if (!id) return web::error_page(app, req, 404, "检查不存在。");
    const auto& f = req.form()->fields;
    auto unit = parse_id(f.value("unit_id"));
    auto r = app.oversight.add_finding(a, *id, unit.value_or(0), f.value("description"), f.value("evidence"));
    if (!r) {
      if (r.error().code == "forbidden" || r.error().code == "not_found") {
        return web::error_page(app, req, web::status_for(r.error()), r.error().message, r.error().code);
      }
      return inspection_page(req, a, *id, &r.error(), web::status_for(r.error()));
    }
    return web::redirect_with_notice("/console/inspections/" + std::to_string(*id), "问题已记录。");
  });

  app.router.post("/console/inspections/{id}/findings/{fid}", [&app, inspection_page](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto id = parse_id(req.param("id"));
    auto fid = parse_id(req.param("fid"));
    if (!id || !fid) return web::error_page(app, req, 404, "问题不存在。");
    const auto& f = req.form()->fields;
    auto action = finding_action_from(f.value("action"));
    if (!action) return web::error_page(app, req, 400, "未知的操作。", "invalid_action");
    auto r = app.oversight.act_on_finding(a, *fid, *action, f.value("text"), f.value("date"), parse_int(f.value("version"), -1));
    if (!r) {
      if (r.error().code == "forbidden" || r.error().code == "not_found") {
        return web::error_page(app, req, web::status_for(r.error()), r.error().message, r.error().code);
      }
      return inspection_page(req, a, *id, &r.error(), web::status_for(r.error()));
    }
    return web::redirect_with_notice("/console/inspections/" + std::to_string(*id), "已保存。");
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
