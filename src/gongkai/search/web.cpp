#include "gongkai/search/web.hpp"

#include <map>

#include "gongkai/web/page.hpp"
#include "platform/http/forms.hpp"
#include "platform/time.hpp"

namespace gongkai::search {
namespace json = boost::json;
using platform::http::percent_encode;
using platform::http::Request;
using platform::http::Response;

namespace {

// The request fields that make a search, in URL order.
constexpr const char* kFields[] = {"q", "unit", "column", "info_class", "topic", "year_from", "year_to", "validity",
                                   "kind", "sort"};

SearchRequest request_of(const Request& req) {
  const auto& qs = req.query();
  SearchRequest r;
  r.q = qs.value("q");
  r.unit = qs.value("unit");
  r.column = qs.value("column");
  r.info_class = qs.value("info_class");
  r.topic = qs.value("topic");
  r.year_from = qs.value("year_from");
  r.year_to = qs.value("year_to");
  r.validity = qs.value("validity");
  r.kind = qs.value("kind");
  r.sort = qs.value("sort");
  r.after = qs.value("after");
  r.limit = web::parse_int(qs.value("limit"), 20);
  return r;
}

std::map<std::string, std::string> params_of(const SearchRequest& r) {
  return {{"q", r.q},           {"unit", r.unit},         {"column", r.column},     {"info_class", r.info_class},
          {"topic", r.topic},   {"year_from", r.year_from}, {"year_to", r.year_to}, {"validity", r.validity},
          {"kind", r.kind},     {"sort", r.sort}};
}

std::string url_of(const std::map<std::string, std::string>& p, const std::string& after = "") {
  std::string out = "/search";
  char sep = '?';
  for (const char* f : kFields) {
    auto it = p.find(f);
    if (it == p.end() || it->second.empty()) continue;
    out += sep;
    out += std::string(f) + "=" + percent_encode(it->second);
    sep = '&';
  }
  if (!after.empty()) out += std::string(1, sep) + "after=" + percent_encode(after);
  return out;
}

json::object item_json(const ResultItem& it) {
  return json::object{{"kind", it.kind},
                      {"kind_label", it.kind_label},
                      {"record_id", it.record_id},
                      {"url", it.url},
                      {"title", it.title},
                      {"title_html", it.title_html},
                      {"snippet_html", it.snippet_html},
                      {"doc_no", it.doc_no},
                      {"index_no", it.index_no},
                      {"unit", it.unit_name},
                      {"published_on", it.published_on},
                      {"validity", it.validity},
                      {"validity_label", it.validity_label},
                      {"validity_in_force", it.validity == "in_force"}};
}

// Facets as template data: each value links to the current search with that filter set (or cleared when set).
json::array facets_json(const Results& res, const SearchRequest& r, bool links) {
  json::array out;
  auto base = params_of(r);
  for (const auto& f : res.facets) {
    if (f.values.empty()) continue;
    if (f.name == "kind" && f.values.size() < 2) continue;  // one kind of record so far: nothing to choose
    json::array values;
    int shown = 0;
    for (const auto& v : f.values) {
      if (links && ++shown > 12 && !v.selected) continue;
      json::object o{{"value", v.value}, {"label", v.label.empty() ? v.value : v.label}, {"count", v.count},
                     {"selected", v.selected}};
      if (links) {
        auto p = base;
        if (f.name == "year") {
          p["year_from"] = v.selected ? "" : v.value;
          p["year_to"] = v.selected ? "" : v.value;
        } else {
          p[f.name] = v.selected ? "" : v.value;
        }
        o["url"] = url_of(p);
      }
      values.push_back(std::move(o));
    }
    out.push_back(json::object{{"name", f.name}, {"label", f.label}, {"values", std::move(values)}});
  }
  return out;
}

json::array suggestions_json(const Results& res, const SearchRequest& r) {
  json::array out;
  for (const auto& s : res.suggestions) {
    std::map<std::string, std::string> p = s.drop_filters ? std::map<std::string, std::string>{{"q", s.q}} : params_of(r);
    p["q"] = s.q;
    out.push_back(json::object{{"text", s.text}, {"q", s.q}, {"count", s.count}, {"url", url_of(p)}});
  }
  return out;
}

// What the visitor chose, as removable chips.
json::array chosen_filters(const Results& res, const SearchRequest& r) {
  json::array out;
  auto base = params_of(r);
  auto label_in = [&](const std::string& facet, const std::string& value) -> std::string {
    for (const auto& f : res.facets) {
      if (f.name != facet) continue;
      for (const auto& v : f.values) {
        if (v.value == value) return v.label;
      }
    }
    return value;
  };
  auto chip = [&](const std::string& label, std::initializer_list<const char*> clear) {
    auto p = base;
    for (const char* c : clear) p[c] = "";
    out.push_back(json::object{{"label", label}, {"url", url_of(p)}});
  };
  if (!r.unit.empty()) chip("单位：" + label_in("unit", r.unit), {"unit"});
  if (!r.column.empty()) chip("栏目：" + label_in("column", r.column), {"column"});
  if (!r.info_class.empty()) chip("类别：" + label_in("info_class", r.info_class), {"info_class"});
  if (!r.topic.empty()) chip("主题：" + label_in("topic", r.topic), {"topic"});
  if (!r.year_from.empty() || !r.year_to.empty()) {
    std::string y = r.year_from == r.year_to ? r.year_from + "年"
                                              : (r.year_from.empty() ? "" : r.year_from + "年") + "至" +
                                                    (r.year_to.empty() ? "" : r.year_to + "年");
    chip("年份：" + y, {"year_from", "year_to"});
  }
  if (!r.validity.empty()) chip("时效性：" + label_in("validity", r.validity), {"validity"});
  return out;
}

std::string today() { return platform::local_date_today(); }

}  // namespace

void install_web(App& app) {
  app.router.get("/search", [&app](Request& req) {
    SearchRequest r = request_of(req);
    json::object data{{"q", r.q},
                      {"sort_date", r.sort == "date"},
                      {"year_from", r.year_from},
                      {"year_to", r.year_to},
                      {"hidden", json::array{}}};
    json::array hidden;
    for (const char* f : {"unit", "column", "info_class", "topic", "validity", "kind"}) {
      auto v = params_of(r)[f];
      if (!v.empty()) hidden.push_back(json::object{{"name", f}, {"value", v}});
    }
    data["hidden"] = std::move(hidden);
    if (r.q.empty() && r.after.empty()) {
      data["start"] = true;  // the search page itself, nothing asked yet
      return web::page(app, req, "search/results", std::move(data), "站内搜索");
    }
    auto res = app.search.search(r);
    if (!res) {
      data["error"] = res.error().message;
      data["error_field"] = res.error().field;
      unsigned status = res.error().code == "invalid_filter" || res.error().code == "invalid_cursor" ? 400 : 200;
      return web::page(app, req, "search/results", std::move(data), "站内搜索", false, status);
    }
    json::array items;
    for (const auto& it : res->items) items.push_back(item_json(it));
    data["items"] = std::move(items);
    if (res->total >= 0) data["total"] = res->total;
    data["estimated"] = res->estimated;
    if (res->estimated) data["ranked_among"] = res->ranked_among;
    data["took_ms"] = res->took_ms;
    data["empty"] = res->items.empty();
    data["relaxed"] = res->relaxed;
    data["facets"] = facets_json(*res, r, true);
    data["chosen"] = chosen_filters(*res, r);
    data["has_chosen"] = !data["chosen"].as_array().empty();
    data["suggestions"] = suggestions_json(*res, r);
    data["has_suggestions"] = !data["suggestions"].as_array().empty();
    if (!res->ignored.empty()) {
      std::string ignored;
      for (const auto& i : res->ignored) ignored += (ignored.empty() ? "" : "、") + i;
      data["ignored"] = ignored;
    }
    if (!res->next_cursor.empty()) data["next_url"] = url_of(params_of(r), res->next_cursor);
    if (!r.after.empty()) data["first_url"] = url_of(params_of(r));
    auto p = params_of(r);
    p["sort"] = "";
    data["relevance_url"] = url_of(p);
    p["sort"] = "date";
    data["date_url"] = url_of(p);
    return web::page(app, req, "search/results", std::move(data), r.q + " - 站内搜索");
  });

  app.router.get("/api/v1/search", [&app](Request& req) {
    SearchRequest r = request_of(req);
    auto res = app.search.search(r);
    if (!res) {
      unsigned status = 400;  // every search error is about the request itself
      return web::error_page(app, req, status, res.error().message, res.error().code);
    }
    json::array items;
    for (const auto& it : res->items) items.push_back(item_json(it));
    json::object out{{"query", r.q},
                     {"total", res->total >= 0 ? json::value(res->total) : json::value(nullptr)},
                     {"items", std::move(items)},
                     {"facets", facets_json(*res, r, false)},
                     {"next_cursor", res->next_cursor.empty() ? json::value(nullptr) : json::value(res->next_cursor)},
                     {"suggestions", suggestions_json(*res, r)},
                     {"relaxed", res->relaxed},
                     {"estimated", res->estimated},
                     {"ranked_among", res->estimated ? json::value(res->ranked_among) : json::value(nullptr)},
                     {"took_ms", res->took_ms}};
    return Response::json(json::serialize(out));
  });

  // The openness office's view of what people look for (热点) and what they could not find.
  app.router.get("/console/search-log", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return web::require_login(req);
    std::string to = req.query().value("to");
    std::string from = req.query().value("from");
    if (to.empty()) to = today();
    if (from.empty()) {
      auto t = calendar::Date::parse(to);
      from = t ? t->add_days(-29).iso() : to;
    }
    auto rep = app.search.log_report(a, from, to);
    if (!rep) return web::error_page(app, req, web::status_for(rep.error()), rep.error().message, rep.error().code);
    auto rows = [](const std::vector<store::QueryCount>& v) {
      json::array out;
      int rank = 0;
      for (const auto& q : v) {
        out.push_back(json::object{{"rank", ++rank},
                                   {"query", q.query},
                                   {"searches", q.searches},
                                   {"min_results", q.min_results},
                                   {"last_at", platform::utc_iso_to_local_display(q.last_at)},
                                   {"url", "/search?q=" + percent_encode(q.query)}});
      }
      return out;
    };
    json::object data{{"from", rep->from},
                      {"to", rep->to},
                      {"searches", rep->searches},
                      {"frequent", rows(rep->frequent)},
                      {"zero", rows(rep->zero_results)},
                      {"no_frequent", rep->frequent.empty()},
                      {"no_zero", rep->zero_results.empty()}};
    return web::no_store(web::page(app, req, "console/search_log", std::move(data), "检索统计", true));
  });
}

}  // namespace gongkai::search
