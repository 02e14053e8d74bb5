// Routes of handling.hpp: review and litigation records, co-handling, the sensitive record, splitting, Art. 44
// drafts (on the staff case page and the co-handling pages) and the public statistics.
#include <sstream>

#include "gongkai/requests/handling.hpp"
#include "gongkai/requests/web.hpp"
#include "gongkai/web/page.hpp"
#include "platform/http/forms.hpp"
#include "platform/time.hpp"

namespace gongkai::requests {
namespace json = boost::json;
namespace bh = platform::http::beast_http;
using platform::http::Request;
using platform::http::Response;
using web::parse_id;
using web::parse_int;
using web::require_login;
using web::no_store;
using web::select_options;
using web::string_of;

namespace {

json::array kind_choices(const std::string& selected) {
  return select_options({{"review", "行政复议"}, {"litigation", "行政诉讼"}}, selected);
}

json::array result_choices(const std::string& selected) {
  std::vector<std::pair<std::string, std::string>> v;
  for (auto r : {AppealResult::pending, AppealResult::upheld, AppealResult::corrected, AppealResult::other}) {
    v.emplace_back(std::string(to_string(r)), std::string(label(r)));
  }
  return select_options(v, selected.empty() ? "pending" : selected);
}

AppealInput appeal_input(const platform::http::FormData& f) {
  AppealInput in;
  in.kind = f.value("kind");
  in.after_review = f.value("after_review");
  in.filed_on = f.value("filed_on");
  in.authority = f.value("authority");
  in.result = f.value("result");
  in.decided_on = f.value("decided_on");
  in.note = f.value("note");
  return in;
}

// After a POST: back to the case page with a notice, or the page again with the error and the typed values.
Response done(App& app, Request& req, long long id, const platform::Result<void>& r, const std::string& form,
              const std::string& notice) {
  if (!r) {
    if (req.wants_json()) return web::error_page(app, req, web::status_for(r.error()), r.error().message, r.error().code);
    return show_case(app, req, id, &r.error(), form);
  }
  if (req.wants_json()) return no_store(Response::json(R"({"ok":true})"));
  return web::redirect_with_notice("/console/requests/" + std::to_string(id), notice);
}

template <typename T>
platform::Result<void> as_void(const platform::Result<T>& r) {
  if (!r) return r.error();
  return {};
}

json::object cohandling_json(const CohandlingView& v) {
  return json::object{{"request_id", v.request_id},
                      {"number", v.number},
                      {"lead_unit_name", v.lead_unit_name},
                      {"description", v.description},
                      {"doc_no", v.doc_no},
                      {"received_on", v.received_on},
                      {"due_on", v.due_on},
                      {"state_label", v.state_label},
                      {"asked_on", v.mine.asked_on},
                      {"question", v.mine.question},
                      {"contribution", v.mine.contribution},
                      {"answered_on", v.mine.answered_on},
                      {"answered", !v.mine.answered_on.empty()},
                      {"version", v.mine.version}};
}

json::object statistics_row(const UnitStatistics& u) {
  json::array groups;
  for (int n : u.by_group) groups.push_back(n);
  std::ostringstream median;
  if (u.median_working_days) median << *u.median_working_days;
  return json::object{{"unit_id", u.unit_id},
                      {"unit_name", u.unit_name},
                      {"received", u.received},
                      {"closed", u.closed},
                      {"open", u.open},
                      {"median_working_days", u.median_working_days ? json::value(*u.median_working_days) : json::value(nullptr)},
                      {"median_text", u.median_working_days ? median.str() : "—"},
                      {"by_group", groups}};
}

json::object statistics_json(const PublicStatistics& s) {
  json::array groups, units, chart;
  for (const auto& g : s.groups) groups.push_back(json::value(g));
  for (const auto& u : s.units) units.push_back(statistics_row(u));
  // Bars for the district's outcomes (CSS widths; readable without JavaScript, the numbers are in the table).
  int total = s.district.by_group.empty() ? 0 : s.district.by_group.back();
  for (std::size_t i = 0; i + 1 < s.groups.size(); ++i) {
    int n = s.district.by_group[i];
    int pct = total ? static_cast<int>((n * 1000LL / total + 5) / 10) : 0;
    chart.push_back(json::object{{"label", s.groups[i]}, {"count", n}, {"percent", pct}});
  }
  return json::object{{"year", s.year}, {"groups", groups}, {"district", statistics_row(s.district)},
                      {"units", units}, {"chart", chart}, {"empty", units.empty()}};
}

}  // namespace

json::object handling_data(App& app, Request& req, long long request_id, const std::string& csrf, const std::string& failed_form,
                           const json::object& values) {
  auto r = app.handling.records(web::actor(req), request_id);
  if (!r) return json::object{};
  auto v = [&](const char* form) { return failed_form == form ? values : json::object{}; };
  json::array appeals;
  for (const auto& a : r->appeals) {
    appeals.push_back(json::object{{"id", a.id},
                                   {"kind_label", label(a.kind)},
                                   {"kind", to_string(a.kind)},
                                   {"after_review", a.after_review},
                                   {"filed_on", a.filed_on},
                                   {"authority", a.authority},
                                   {"result_label", label(a.result)},
                                   {"pending", a.result == AppealResult::pending},
                                   {"decided_on", a.decided_on},
                                   {"note", a.note},
                                   {"version", a.version},
                                   {"results", result_choices(std::string(to_string(a.result)))}});
  }
  json::array cohandlers;
  for (const auto& c : r->cohandlers) {
    cohandlers.push_back(json::object{{"unit_name", c.unit_name},
                                      {"asked_on", c.asked_on},
                                      {"question", c.question},
                                      {"contribution", c.contribution},
                                      {"answered_on", c.answered_on},
                                      {"answered_by_name", c.answered_by_name}});
  }
  std::vector<std::pair<std::string, std::string>> units;
  for (const auto& [id, name] : r->cohandler_choices) units.emplace_back(std::to_string(id), name);
  json::object out{{"csrf", csrf},
                   {"id", request_id},
                   {"appeals", appeals},
                   {"has_appeals", !appeals.empty()},
                   {"kinds", kind_choices(string_of(v("appeal"), "kind"))},
                   {"results", result_choices(string_of(v("appeal"), "result"))},
                   {"appeal_values", v("appeal")},
                   {"cohandlers", cohandlers},
                   {"has_cohandlers", !cohandlers.empty()},
                   {"cohandler_choices", select_options(units, string_of(v("cohandle"), "unit_id"))},
                   {"cohandle_values", v("cohandle")},
                   {"may_handle", r->may_handle},
                   {"may_sign_off", r->may_sign_off},
                   {"may_split", r->may_split},
                   {"may_cohandle", r->may_cohandle && !units.empty()},
                   {"may_draft_proactive", r->may_draft_proactive},
                   {"split_values", v("split")},
                   {"sensitive_values", v("sensitive")},
                   {"proactive_values", v("proactive")}};
  if (r->sensitivity) {
    const auto& s = *r->sensitivity;
    out["sensitivity"] = json::object{{"reason", s.reason},
                                      {"flagged_by_name", s.flagged_by_name},
                                      {"flagged_at", platform::utc_iso_to_local_display(s.flagged_at)},
                                      {"talk_on", s.talk_on},
                                      {"talk_way", s.talk_way},
                                      {"talk_record", s.talk_record},
                                      {"talked", s.talked()},
                                      {"signed_off", s.signed_off()},
                                      {"signed_off_by_name", s.signed_off_by_name},
                                      {"signed_off_at", s.signed_off_at.empty() ? "" : platform::utc_iso_to_local_display(s.signed_off_at)},
                                      {"sign_off_opinion", s.sign_off_opinion},
                                      {"may_sign_off", r->may_sign_off && s.talked() && !s.signed_off()},
                                      {"may_talk", r->may_handle && !s.signed_off()}};
  }
  if (r->split_from_number) out["split_from_number"] = *r->split_from_number;
  json::array split_into;
  for (const auto& [id, number] : r->split_into) split_into.push_back(json::object{{"id", id}, {"number", number}});
  out["split_into"] = split_into;
  out["has_split_into"] = !split_into.empty();
  json::array drafts;
  for (const auto& d : r->drafts) {
    drafts.push_back(json::object{{"document_id", d.document_id}, {"title", d.title},
                                  {"created_at", platform::utc_iso_to_local_display(d.created_at)},
                                  {"created_by_name", d.created_by_name}});
  }
  out["drafts"] = drafts;
  out["has_drafts"] = !drafts.empty();
  std::vector<std::pair<std::string, std::string>> columns{{"", "（由信息员选择栏目）"}};
  for (const auto& c : app.disclosure.columns()) columns.emplace_back(std::to_string(c.id), c.name);
  out["columns"] = select_options(columns, string_of(v("proactive"), "column_id"));
  return out;
}

void install_handling_web(App& app) {
  // ---- public statistics: counts only, no personal data ----
  auto year_of = [&app](Request& req) {
    auto y = req.query().value("year");
    return y.empty() ? app.requests.today().year() : parse_int(y, -1);
  };
  app.router.get("/requests/statistics", [&app, year_of](Request& req) {
    auto s = app.handling.statistics(year_of(req));
    if (!s) return web::error_page(app, req, web::status_for(s.error()), s.error().message, s.error().code);
    json::object data = statistics_json(*s);
    json::array years;
    int now = app.requests.today().year();
    for (int y = now; y >= now - 5; --y) years.push_back(json::object{{"year", y}, {"selected", y == s->year}});
    data["years"] = years;
    return web::page(app, req, "requests/statistics", std::move(data), "依申请公开统计", false);
  });
  app.router.get("/api/v1/requests/statistics", [&app, year_of](Request& req) {
    auto s = app.handling.statistics(year_of(req));
    if (!s) return web::error_page(app, req, web::status_for(s.error()), s.error().message, s.error().code);
    json::object out = statistics_json(*s);
    out.erase("chart");
    out.erase("empty");
    return Response::json(json::serialize(out));
  });

  // ---- review and litigation ----
  app.router.post("/console/requests/{id}/appeals", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto id = parse_id(req.param("id"));
    if (!id) return web::error_page(app, req, 404, "申请不存在。");
    auto r = app.handling.record_appeal(a, *id, appeal_input(req.form()->fields));
    return done(app, req, *id, as_void(r), "appeal", "已登记复议或诉讼。");
  });
  app.router.post("/console/requests/{id}/appeals/{appeal}", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto id = parse_id(req.param("id"));
    auto appeal = parse_id(req.param("appeal"));
    if (!id || !appeal) return web::error_page(app, req, 404, "记录不存在。");
    const auto& f = req.form()->fields;
    auto r = app.handling.update_appeal(a, *appeal, appeal_input(f), parse_int(f.value("version"), -1));
    return done(app, req, *id, r, "appeal-" + std::to_string(*appeal), "复议或诉讼记录已更新。");
  });

  // ---- co-handling ----
  app.router.post("/console/requests/{id}/cohandlers", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto id = parse_id(req.param("id"));
    if (!id) return web::error_page(app, req, 404, "申请不存在。");
    const auto& f = req.form()->fields;
    auto unit = parse_id(f.value("unit_id"));
    platform::Result<void> r = unit ? app.handling.ask_cohandling(a, *id, *unit, f.value("question"))
                                    : platform::Result<void>(platform::Error{"invalid_unit", "请选择会办单位。", "unit_id"});
    return done(app, req, *id, r, "cohandle", "已请求会办。");
  });
  app.router.get("/console/cohandling", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto q = app.handling.cohandling_queue(a);
    if (!q) return web::error_page(app, req, web::status_for(q.error()), q.error().message, q.error().code);
    json::array items;
    for (const auto& v : *q) items.push_back(cohandling_json(v));
    if (req.wants_json()) return no_store(Response::json(json::serialize(json::object{{"items", items}})));
    json::object data{{"items", items}, {"empty", items.empty()}};
    return no_store(web::page(app, req, "console/requests/cohandling", std::move(data), "会办事项", true));
  });
  auto cohandling_page = [](App& app, Request& req, long long id, const platform::Error* error) {
    auto v = app.handling.cohandling(web::actor(req), id);
    if (!v) return web::error_page(app, req, web::status_for(v.error()), v.error().message, v.error().code);
    json::object data{{"item", cohandling_json(*v)}, {"csrf", web::csrf_token(app, req)}};
    unsigned status = 200;
    if (error) {
      data["error"] = json::object{{"message", error->message}};
      data["text"] = req.form() ? req.form()->fields.value("text") : "";
      status = web::status_for(*error);
    }
    return no_store(web::page(app, req, "console/requests/cohandle", std::move(data), "会办 " + v->number, true, status));
  };
  app.router.get("/console/cohandling/{id}", [&app, cohandling_page](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto id = parse_id(req.param("id"));
    if (!id) return web::error_page(app, req, 404, "会办事项不存在。");
    return cohandling_page(app, req, *id, nullptr);
  });
  app.router.post("/console/cohandling/{id}", [&app, cohandling_page](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto id = parse_id(req.param("id"));
    if (!id) return web::error_page(app, req, 404, "会办事项不存在。");
    const auto& f = req.form()->fields;
    auto r = app.handling.answer_cohandling(a, *id, f.value("text"), parse_int(f.value("version"), -1));
    if (!r) {
      if (req.wants_json()) return web::error_page(app, req, web::status_for(r.error()), r.error().message, r.error().code);
      return cohandling_page(app, req, *id, &r.error());
    }
    return web::redirect_with_notice("/console/cohandling", "会办意见已提交。");
  });

  // ---- sensitive requests ----
  app.router.post("/console/requests/{id}/sensitive", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto id = parse_id(req.param("id"));
    if (!id) return web::error_page(app, req, 404, "申请不存在。");
    const auto& f = req.form()->fields;
    std::string step = f.value("step");
    platform::Result<void> r;
    std::string notice;
    if (step == "flag") {
      r = app.handling.flag_sensitive(a, *id, f.value("reason"));
      notice = "已标记为敏感申请。";
    } else if (step == "talk") {
      r = app.handling.record_talk(a, *id, f.value("talk_on"), f.value("way"), f.value("record"));
      notice = "沟通情况已记录。";
    } else if (step == "sign_off") {
      r = app.handling.sign_off_sensitive(a, *id, f.value("opinion"));
      notice = "已审签。";
    } else {
      r = platform::Error{"invalid_action", "未知的操作。"};
    }
    return done(app, req, *id, r, "sensitive", notice);
  });

  // ---- splitting ----
  app.router.post("/console/requests/{id}/split", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto id = parse_id(req.param("id"));
    if (!id) return web::error_page(app, req, 404, "申请不存在。");
    const auto& f = req.form()->fields;
    std::vector<std::string> matters;
    std::istringstream lines(f.value("matters"));
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      matters.push_back(line);
    }
    auto r = app.requests.split(a, *id, matters, parse_int(f.value("version"), -1));
    std::string notice;
    if (r) {
      notice = "已拆分为 " + std::to_string(r->size() + 1) + " 件申请。";
      if (req.wants_json()) {
        json::array out;
        for (const auto& [cid, number] : *r) out.push_back(json::object{{"id", cid}, {"number", number}});
        return no_store(Response::json(json::serialize(json::object{{"created", out}})));
      }
    }
    return done(app, req, *id, as_void(r), "split", notice);
  });

  // ---- 条例 Art. 44 ----
  app.router.post("/console/requests/{id}/proactive", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto id = parse_id(req.param("id"));
    if (!id) return web::error_page(app, req, 404, "申请不存在。");
    const auto& f = req.form()->fields;
    auto r = app.handling.draft_proactive(a, *id, f.value("title"), f.value("body"), parse_id(f.value("column_id")));
    return done(app, req, *id, as_void(r), "proactive",
                r ? "已生成主动公开草稿（文档 " + std::to_string(*r) + "），请信息员完善后提交审核。" : "");
  });
}

}  // namespace gongkai::requests
