#include "gongkai/disclosure/web.hpp"

#include <charconv>
#include <map>

#include "gongkai/disclosure/to_json.hpp"
#include "gongkai/web/page.hpp"
#include "platform/http/forms.hpp"
#include "platform/time.hpp"

namespace gongkai::disclosure {
namespace json = boost::json;
namespace bh = platform::http::beast_http;
using platform::http::html_escape;
using platform::http::Request;
using platform::http::Response;

namespace {

using web::parse_id;
using web::parse_int;
using web::require_login;

constexpr int kPageSize = 20;

std::map<long long, std::string> unit_names(App& app) {
  std::map<long long, std::string> out;
  for (const auto& u : app.units.all()) out[u.id] = u.f.name;
  return out;
}

// The keyset cursor of list pages: "<last_published_at>_<id>" of the last row shown.
bool apply_cursor(const std::string& after, store::ListQuery& q) {
  if (after.empty()) return true;
  auto us = after.rfind('_');
  if (us == std::string::npos || us != 20) return false;
  auto id = parse_id(std::string_view(after).substr(us + 1));
  if (!id) return false;
  q.after_published_at = after.substr(0, us);
  q.after_id = *id;
  return true;
}

// Lists one page and the link to the next, as template data.
json::object list_page(App& app, store::ListQuery q, const std::string& base_url) {
  q.limit = kPageSize + 1;
  auto rows = app.disclosure.list_public(q);
  bool more = static_cast<int>(rows.size()) > kPageSize;
  if (more) rows.pop_back();
  auto names = unit_names(app);
  json::array items;
  for (const auto& r : rows) items.push_back(listed_json(r, app.disclosure.vocabulary(), names[r.doc.unit_id]));
  json::object out{{"documents", items}, {"empty", items.empty()}, {"count", items.size()}};
  if (more) {
    const auto& last = rows.back();
    std::string sep = base_url.find('?') == std::string::npos ? "?" : "&";
    out["next_url"] = base_url + sep + "after=" + platform::http::percent_encode(last.doc.last_published_at + "_" + std::to_string(last.doc.id));
  }
  if (!q.after_published_at.empty()) out["first_url"] = base_url;
  return out;
}

// The column and its descendants (a parent column lists what its sub-columns hold).
std::vector<long long> subtree(const std::vector<store::Column>& all, long long root) {
  std::vector<long long> out{root};
  for (std::size_t i = 0; i < out.size(); ++i) {
    for (const auto& c : all) {
      if (c.parent_id && *c.parent_id == out[i] && c.active) out.push_back(c.id);
    }
  }
  return out;
}

json::array column_tree(const std::vector<store::Column>& all, std::optional<long long> parent, int depth = 0) {
  json::array out;
  if (depth > 6) return out;
  for (const auto& c : all) {
    if (!c.active || c.parent_id != parent) continue;
    json::object o = column_json(c);
    json::array children = column_tree(all, c.id, depth + 1);
    o["has_children"] = !children.empty();
    o["children"] = std::move(children);
    out.push_back(std::move(o));
  }
  return out;
}

std::string xml_escape(std::string_view s) { return html_escape(s); }

// An Atom feed of published documents (RFC 4287).
Response atom_feed(App& app, Request& req, const std::string& title, const std::string& self_path, store::ListQuery q) {
  q.limit = 50;
  auto rows = app.disclosure.list_public(q);
  std::string host(req.header(bh::field::host));
  std::string base = "http://" + (host.empty() ? std::string("localhost") : host);
  std::string updated = rows.empty() ? "2026-01-01T00:00:00Z" : rows.front().doc.last_published_at;
  std::string x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  x += "<title>" + xml_escape(title) + "</title>\n<id>" + xml_escape(base + self_path) + "</id>\n";
  x += "<link rel=\"self\" href=\"" + xml_escape(base + self_path) + "\"/>\n<updated>" + updated + "</updated>\n";
  for (const auto& r : rows) {
    std::string url = base + "/documents/" + std::to_string(r.doc.id);
    x += "<entry>\n<title>" + xml_escape(r.edition.f.title) + "</title>\n<id>" + xml_escape(url) + "</id>\n";
    x += "<link href=\"" + xml_escape(url) + "\"/>\n<updated>" + r.doc.last_published_at + "</updated>\n";
    x += "<published>" + r.doc.first_published_at + "</published>\n";
    x += "<author><name>" + xml_escape(r.edition.f.issuer_name) + "</name></author>\n";
    if (!r.edition.f.summary.empty()) x += "<summary>" + xml_escape(r.edition.f.summary) + "</summary>\n";
    x += "</entry>\n";
  }
  x += "</feed>\n";
  Response res;
  res.body = std::move(x);
  res.set(bh::field::content_type, "application/atom+xml; charset=utf-8");
  web::allow_public_cache(req);
  return res;
}

}  // namespace

void install_web(App& app) {
  // ---- columns ----
  app.router.get("/columns", [&app](Request& req) {
    auto all = app.disclosure.columns();
    web::allow_public_cache(req);
    return web::page(app, req, "disclosure/columns", json::object{{"columns", column_tree(all, std::nullopt)}}, "信息公开栏目");
  });

  app.router.get("/columns/{slug}", [&app](Request& req) {
    auto all = app.disclosure.columns();
    const store::Column* col = nullptr;
    for (const auto& c : all) {
      if (c.slug == req.param("slug") && c.active) col = &c;
    }
    if (!col) return web::error_page(app, req, 404, "没有这个栏目。您可以从“信息公开栏目”页面查找。");
    store::ListQuery q;
    q.column_ids = subtree(all, col->id);
    if (!apply_cursor(req.query().value("after"), q)) return web::error_page(app, req, 400, "翻页参数无效，请从第一页开始浏览。");
    json::object data = list_page(app, q, "/columns/" + col->slug);
    data["column"] = column_json(*col);
    data["children"] = column_tree(all, col->id);
    data["has_children"] = !data["children"].as_array().empty();
    data["guide"] = col->slug == "guide";
    json::array trail;
    for (std::optional<long long> p = col->parent_id; p;) {
      const store::Column* parent = nullptr;
      for (const auto& c : all) {
        if (c.id == *p) parent = &c;
      }
      if (!parent) break;
      trail.insert(trail.begin(), column_json(*parent));
      p = parent->parent_id;
    }
    data["trail"] = trail;
    web::allow_public_cache(req);
    return web::page(app, req, "disclosure/column", std::move(data), col->name);
  });

  app.router.get("/columns/{slug}/feed.atom", [&app](Request& req) {
    auto all = app.disclosure.columns();
    for (const auto& c : all) {
      if (c.slug == req.param("slug") && c.active) {
        store::ListQuery q;
        q.column_ids = subtree(all, c.id);
        return atom_feed(app, req, c.name, "/columns/" + c.slug + "/feed.atom", q);
      }
    }
    return web::error_page(app, req, 404, "没有这个栏目。");
  });

  // ---- documents ----
  auto document_page = [&app](Request& req, bool print) {
    auto id = parse_id(req.param("id"));
    std::optional<int> edition;
    if (auto e = req.query().value("edition"); !e.empty()) {
      auto n = parse_id(e);
      if (!n || *n > 100000) return web::error_page(app, req, 404, "没有这个版本。");
      edition = static_cast<int>(*n);
    }
    auto doc = id ? app.disclosure.public_document(*id, edition) : std::nullopt;
    if (!doc) {
      return web::error_page(app, req, 404,
                             "没有找到这份政府信息。它可能尚未发布，或网址有误。您可以在“信息公开目录”中按主题、单位或年份查找。");
    }
    json::object data = public_json(*doc, app.disclosure.vocabulary());
    data["print"] = print;
    web::allow_public_cache(req);
    return web::page(app, req, print ? "disclosure/print" : "disclosure/document", std::move(data), doc->edition.f.title);
  };
  // Attachments of a published edition: content-addressed, so a URL always gives the same bytes.
  app.router.get("/documents/{id}/editions/{n}/files/{aid}", [&app](Request& req) {
    auto id = parse_id(req.param("id"));
    auto n = parse_id(req.param("n"));
    auto aid = parse_id(req.param("aid"));
    auto f = (id && n && aid && *n < 100000) ? app.disclosure.public_attachment(*id, static_cast<int>(*n), *aid) : std::nullopt;
    if (!f) return web::error_page(app, req, 404, "没有这个附件。它所属的信息可能已撤回，或网址有误。");
    Response res;
    res.body = std::move(f->bytes);
    res.set(bh::field::content_type, f->mime);
    res.set(bh::field::content_disposition, platform::http::content_disposition("attachment", f->file_name));
    res.set(bh::field::cache_control, "public, max-age=86400");
    return res;
  });
  app.router.get("/documents/{id}", [document_page](Request& req) { return document_page(req, false); });
  app.router.get("/documents/{id}/print", [document_page](Request& req) { return document_page(req, true); });

  // ---- 目录: browsable by topic, unit, year and class ----
  app.router.get("/catalogue", [&app](Request& req) {
    const auto& v = app.disclosure.vocabulary();
    const auto& qs = req.query();
    store::ListQuery q;
    std::string topic = qs.value("topic"), cls = qs.value("class"), year = qs.value("year"), unit = qs.value("unit");
    if (!topic.empty() && Vocabulary::label_of(v.topics, topic).empty()) topic.clear();
    if (!cls.empty() && Vocabulary::label_of(v.classes, cls).empty()) cls.clear();
    if (!(year.size() == 4 && year.find_first_not_of("0123456789") == std::string::npos)) year.clear();
    q.topic = topic;
    q.info_class = cls;
    q.year = year;
    if (auto u = parse_id(unit)) q.unit_id = *u;
    else unit.clear();
    if (!apply_cursor(qs.value("after"), q)) return web::error_page(app, req, 400, "翻页参数无效，请从第一页开始浏览。");
    std::string base = "/catalogue?topic=" + platform::http::percent_encode(topic) + "&class=" +
                       platform::http::percent_encode(cls) + "&year=" + year + "&unit=" + unit;
    json::object data = list_page(app, q, base);
    auto names = unit_names(app);
    auto facet = [&](const std::string& name, const std::string& selected, auto label_of) {
      json::array out;
      for (const auto& [key, n] : app.disclosure.facet_counts(name)) {
        if (key.empty()) continue;
        std::string l = label_of(key);
        if (l.empty()) continue;
        out.push_back(json::object{{"value", key}, {"label", l}, {"count", n}, {"selected", key == selected}});
      }
      return out;
    };
    data["topics"] = facet("topic", topic, [&](const std::string& k) { return Vocabulary::label_of(v.topics, k); });
    data["classes"] = facet("info_class", cls, [&](const std::string& k) { return Vocabulary::label_of(v.classes, k); });
    data["years"] = facet("year", year, [](const std::string& k) { return k + " 年"; });
    data["units"] = facet("unit_id", unit, [&](const std::string& k) {
      auto id = parse_id(k);
      return id ? names[*id] : std::string();
    });
    data["filtered"] = !topic.empty() || !cls.empty() || !year.empty() || !unit.empty();
    data["selected_topic"] = topic;
    data["selected_class"] = cls;
    data["selected_year"] = year;
    data["selected_unit"] = unit;
    web::allow_public_cache(req);
    return web::page(app, req, "disclosure/catalogue", std::move(data), "政府信息公开目录");
  });

  // ---- 指南: generated from the units' disclosure-office details and the guide column ----
  app.router.get("/guide", [&app](Request& req) {
    json::array offices;
    json::value root = nullptr;
    for (const auto& u : app.units.directory()) {
      if (u.f.kind == units::UnitKind::section) continue;
      json::object o{{"id", u.id},
                     {"name", u.f.name},
                     {"office", u.f.disclosure_office},
                     {"address", u.f.disclosure_address.empty() ? u.f.address : u.f.disclosure_address},
                     {"hours", u.f.disclosure_hours.empty() ? u.f.office_hours : u.f.disclosure_hours},
                     {"phone", u.f.disclosure_phone.empty() ? u.f.phone : u.f.disclosure_phone},
                     {"fax", u.f.disclosure_fax.empty() ? u.f.fax : u.f.disclosure_fax},
                     {"email", u.f.disclosure_email.empty() ? u.f.email : u.f.disclosure_email},
                     {"postcode", u.f.disclosure_postcode.empty() ? u.f.postcode : u.f.disclosure_postcode}};
      if (u.f.kind == units::UnitKind::government) root = o;
      else offices.push_back(std::move(o));
    }
    const auto& v = app.disclosure.vocabulary();
    json::array classes;
    for (const auto& c : v.classes) classes.push_back(json::object{{"code", c.code}, {"label", c.label}});
    json::object data{{"root", root}, {"offices", offices}, {"classes", classes}};
    // The openness office's own text of the guide: the latest document in the guide column.
    if (auto col = app.disclosure.column_by_slug("guide")) {
      store::ListQuery q;
      q.column_id = col->id;
      q.limit = 5;
      auto rows = app.disclosure.list_public(q);
      json::array docs;
      for (const auto& r : rows) docs.push_back(json::object{{"id", r.doc.id}, {"title", r.edition.f.title}});
      if (!rows.empty()) {
        data["text_html"] = rows.front().edition.body_html;
        data["text_title"] = rows.front().edition.f.title;
      }
      data["guide_documents"] = docs;
    }
    web::allow_public_cache(req);
    return web::page(app, req, "disclosure/guide", std::move(data), "政府信息公开指南");
  });

  // ---- a unit's documents and feed ----
  app.router.get("/units/{id}/documents", [&app](Request& req) {
    auto id = parse_id(req.param("id"));
    auto unit = id ? app.units.find(*id) : std::nullopt;
    if (!unit) return web::error_page(app, req, 404, "没有这个单位。请从“机构名录”中查找。");
    store::ListQuery q;
    q.unit_id = unit->id;
    if (!apply_cursor(req.query().value("after"), q)) return web::error_page(app, req, 400, "翻页参数无效，请从第一页开始浏览。");
    json::object data = list_page(app, q, "/units/" + std::to_string(unit->id) + "/documents");
    data["unit"] = json::object{{"id", unit->id}, {"name", unit->f.name}};
    web::allow_public_cache(req);
    return web::page(app, req, "disclosure/unit_documents", std::move(data), unit->f.name + "公开的政府信息");
  });
  // The unit's 标准目录, each entry with how many published documents fulfil it.
  app.router.get("/units/{id}/catalogue", [&app](Request& req) {
    auto id = parse_id(req.param("id"));
    auto unit = id ? app.units.find(*id) : std::nullopt;
    if (!unit) return web::error_page(app, req, 404, "没有这个单位。请从“机构名录”中查找。");
    const auto& v = app.disclosure.vocabulary();
    std::map<long long, long long> cited;
    for (auto [entry, n] : app.disclosure.catalogue_citations(unit->id)) cited[entry] = n;
    json::array entries;
    for (const auto& c : app.disclosure.catalogue(unit->id)) {
      entries.push_back(catalogue_entry_json(c, v, cited[c.id]));
    }
    json::object data{{"unit", json::object{{"id", unit->id}, {"name", unit->f.name}}}, {"entries", entries}, {"empty", entries.empty()}};
    web::allow_public_cache(req);
    return web::page(app, req, "disclosure/standard_catalogue", std::move(data), unit->f.name + "政务公开标准目录");
  });
  app.router.get("/units/{id}/feed.atom", [&app](Request& req) {
    auto id = parse_id(req.param("id"));
    auto unit = id ? app.units.find(*id) : std::nullopt;
    if (!unit) return web::error_page(app, req, 404, "没有这个单位。");
    store::ListQuery q;
    q.unit_id = unit->id;
    return atom_feed(app, req, unit->f.name + " 政府信息公开", "/units/" + std::to_string(unit->id) + "/feed.atom", q);
  });

  app.router.get("/sitemap.xml", [&app](Request& req) {
    std::string host(req.header(bh::field::host));
    std::string base = "http://" + (host.empty() ? std::string("localhost") : host);
    std::string x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    for (std::string p : {"/", "/columns", "/catalogue", "/guide", "/units", "/ledger"}) x += "<url><loc>" + xml_escape(base + p) + "</loc></url>\n";
    for (const auto& c : app.disclosure.columns()) {
      if (c.active) x += "<url><loc>" + xml_escape(base + "/columns/" + c.slug) + "</loc></url>\n";
    }
    store::ListQuery q;
    q.limit = 1000;
    q.include_withdrawn = true;
    // Up to 50,000 URLs per sitemap (sitemaps.org); walk the keyset pages.
    for (int n = 0; n < 50;) {
      auto rows = app.disclosure.list_public(q);
      for (const auto& r : rows) {
        x += "<url><loc>" + xml_escape(base + "/documents/" + std::to_string(r.doc.id)) + "</loc><lastmod>" +
             r.doc.last_published_at.substr(0, 10) + "</lastmod></url>\n";
      }
      if (static_cast<int>(rows.size()) < q.limit) break;
      q.after_published_at = rows.back().doc.last_published_at;
      q.after_id = rows.back().doc.id;
      ++n;
    }
    x += "</urlset>\n";
    Response res;
    res.body = std::move(x);
    res.set(bh::field::content_type, "application/xml; charset=utf-8");
    web::allow_public_cache(req);
    return res;
  });

  // ---- the ledger ----
  app.router.get("/ledger", [&app](Request& req) {
    long long before = 0;
    if (auto b = req.query().value("before"); !b.empty()) {
      auto id = parse_id(b);
      if (!id) return web::error_page(app, req, 400, "翻页参数无效。");
      before = *id;
    }
    auto entries = app.disclosure.ledger_page(before, 50);
    json::array items;
    for (const auto& e : entries) items.push_back(ledger_json(e));
    json::array cps;
    for (const auto& c : app.disclosure.checkpoints(5)) cps.push_back(checkpoint_json(c));
    json::object data{{"entries", items}, {"empty", items.empty()}, {"checkpoints", cps}, {"has_checkpoints", !cps.empty()}};
    if (entries.size() == 50 && entries.back().seq > 1) data["next_url"] = "/ledger?before=" + std::to_string(entries.back().seq);
    web::allow_public_cache(req);
    return web::page(app, req, "disclosure/ledger", std::move(data), "公开台账");
  });

  // ---- API ----
  app.router.get("/api/v1/documents", [&app](Request& req) {
    const auto& qs = req.query();
    store::ListQuery q;
    if (auto c = qs.value("column"); !c.empty()) {
      auto col = app.disclosure.column_by_slug(c);
      if (!col) return web::error_page(app, req, 422, "没有这个栏目：" + c, "unknown_column");
      q.column_ids = subtree(app.disclosure.columns(), col->id);
    }
    if (auto u = qs.value("unit"); !u.empty()) {
      auto id = parse_id(u);
      if (!id) return web::error_page(app, req, 422, "unit 应为单位编号。", "invalid_unit");
      q.unit_id = *id;
    }
    q.topic = qs.value("topic");
    q.info_class = qs.value("class");
    q.year = qs.value("year");
    if (!q.year.empty() && !(q.year.size() == 4 && q.year.find_first_not_of("0123456789") == std::string::npos)) {
      return web::error_page(app, req, 422, "year 应为四位年份。", "invalid_year");
    }
    int limit = 20;
    if (auto l = qs.value("limit"); !l.empty()) {
      auto n = parse_id(l);
      if (!n || *n > 100) return web::error_page(app, req, 422, "limit 应为 1 到 100。", "invalid_limit");
      limit = static_cast<int>(*n);
    }
    if (!apply_cursor(qs.value("after"), q)) return web::error_page(app, req, 422, "after 游标无效。", "invalid_cursor");
    q.limit = limit + 1;
    auto rows = app.disclosure.list_public(q);
    bool more = static_cast<int>(rows.size()) > limit;
    if (more) rows.pop_back();
    auto names = unit_names(app);
    json::array items;
    for (const auto& r : rows) items.push_back(listed_json(r, app.disclosure.vocabulary(), names[r.doc.unit_id]));
    json::object body{{"items", items}};
    body["next_cursor"] = more ? json::value(rows.back().doc.last_published_at + "_" + std::to_string(rows.back().doc.id)) : nullptr;
    return Response::json(json::serialize(body));
  });

  app.router.get("/api/v1/documents/{id}", [&app](Request& req) {
    auto id = parse_id(req.param("id"));
    auto doc = id ? app.disclosure.public_document(*id) : std::nullopt;
    if (!doc) return web::error_page(app, req, 404, "没有找到这份政府信息。", "not_found");
    json::object o = public_json(*doc, app.disclosure.vocabulary());
    json::array editions;
    for (const auto& e : doc->editions) editions.push_back(edition_json(e, app.disclosure.vocabulary()));
    o["editions"] = editions;
    return Response::json(json::serialize(o));
  });

  app.router.get("/api/v1/columns", [&app](Request&) {
    json::array items;
    for (const auto& c : app.disclosure.columns()) {
      if (c.active) items.push_back(column_json(c));
    }
    return Response::json(json::serialize(json::object{{"items", items}}));
  });

  app.router.get("/api/v1/ledger", [&app](Request& req) {
    long long after = 0;
    if (auto a = req.query().value("after"); !a.empty()) {
      auto id = parse_id(a);
      if (!id) return web::error_page(app, req, 422, "after 应为台账序号。", "invalid_cursor");
      after = *id;
    }
    auto entries = app.disclosure.ledger_after(after, 500);
    json::array items;
    for (const auto& e : entries) items.push_back(ledger_json(e));
    json::array cps;
    for (const auto& c : app.disclosure.checkpoints(20)) cps.push_back(checkpoint_json(c));
    json::object body{{"items", items}, {"checkpoints", cps}, {"public_key", app.disclosure.public_key_hex()},
                      {"next_after", entries.size() == 500 ? json::value(entries.back().seq) : json::value(nullptr)}};
    return Response::json(json::serialize(body));
  });

  // ---- staff API (bearer token; see units::AccountService::create_api_token) ----
  // JSON errors carry the field at fault: {"error":{"code","message","field"}}.
  auto api_error = [](const platform::Error& e) {
    json::object err{{"code", e.code}, {"message", e.message}};
    if (!e.field.empty()) err["field"] = e.field;
    return Response::json(json::serialize(json::object{{"error", err}}), web::status_for(e));
  };
  auto need_token = [&app](Request& req) -> std::optional<Response> {
    if (req.locals.count("api_token")) return std::nullopt;
    Response r = web::error_page(app, req, 401, "此接口需要工作人员访问令牌（Authorization: Bearer …）。", "unauthorized");
    r.set(bh::field::www_authenticate, "Bearer");
    return r;
  };

  // Creates a draft (and submits it for review with "submit": true). Body: JSON with the editor's fields.
  app.router.post("/api/v1/documents", [&app, api_error, need_token](Request& req) {
    if (auto r = need_token(req)) return *r;
    auto a = web::actor(req);
    boost::system::error_code ec;
    json::value body = json::parse(req.body(), ec);
    if (ec || !body.is_object()) return api_error(platform::make_error("invalid_json", "请求体应为 JSON 对象。"));
    const auto& o = body.as_object();
    auto str = [&](const char* k) -> std::string {
      auto* p = o.if_contains(k);
      return p && p->is_string() ? std::string(p->as_string()) : "";
    };
    EditionFields f;
    f.title = str("title");
    f.summary = str("summary");
    f.body_md = str("body");
    f.issuer_name = str("issuer_name");
    f.doc_no = str("doc_no");
    f.written_on = str("written_on");
    f.formed_on = str("formed_on");
    f.topic = str("topic");
    f.keywords = str("keywords");
    f.effective_on = str("effective_on");
    f.expires_on = str("expires_on");
    f.info_class = str("info_class");
    f.legal_category = str("legal_category");
    f.domain = str("domain");
    if (auto v = str("validity"); !v.empty()) {
      auto x = validity_from(v);
      if (!x) return api_error(platform::make_error("unknown_code", "validity 应为 in_force、expired、repealed 或 amended。", "validity"));
      f.validity = *x;
    }
    if (auto v = str("disclosure_mode"); !v.empty()) {
      auto x = disclosure_mode_from(v);
      if (!x) return api_error(platform::make_error("unknown_code", "disclosure_mode 应为 proactive、on_request 或 withheld。", "disclosure_mode"));
      f.disclosure_mode = *x;
    }
    f.withheld_reason = str("withheld_reason");
    if (auto c = str("column"); !c.empty()) {
      auto col = app.disclosure.column_by_slug(c);
      if (!col) return api_error(platform::make_error("invalid_column", "没有网址名为 " + c + " 的栏目。", "column"));
      f.column_id = col->id;
    }
    long long unit = a.unit_id;
    if (auto* u = o.if_contains("unit_id"); u && u->is_int64()) unit = u->as_int64();
    auto id = app.disclosure.create_draft(a, unit, f);
    if (!id) return api_error(id.error());
    std::string status = "draft";
    if (auto* sub = o.if_contains("submit"); sub && sub->is_bool() && sub->as_bool()) {
      auto r = app.disclosure.submit(a, *id, 1);
      // The draft stays; the answer says why it was not submitted (e.g. personal data to mask in the console).
      if (!r) {
        auto err = r.error();
        json::object e{{"code", err.code}, {"message", err.message}};
        return Response::json(json::serialize(json::object{{"id", *id}, {"status", "draft"}, {"submit_error", e},
                                                             {"console_url", "/console/documents/" + std::to_string(*id)}}),
                              201);
      }
      status = "submitted";
    }
    return Response::json(json::serialize(json::object{{"id", *id}, {"status", status},
                                                       {"console_url", "/console/documents/" + std::to_string(*id)}}),
                          201);
  });

  // Adds an attachment to the draft (multipart/form-data, field "file").
  app.router.post("/api/v1/documents/{id}/attachments", [&app, api_error, need_token](Request& req) {
    if (auto r = need_token(req)) return *r;
    auto a = web::actor(req);
    auto id = parse_id(req.param("id"));
    if (!id) return api_error(platform::make_error("not_found", "文件不存在。"));
    const auto& form = req.form();
    if (!form) return api_error(platform::make_error(form.error().code, form.error().message, "file"));
    const platform::http::UploadedFile* file = nullptr;
    for (const auto& f : form->files) {
      if (f.field == "file") file = &f;
    }
    if (!file) return api_error(platform::make_error("file_empty", "请在 file 字段中上传附件。", "file"));
    auto sd = app.disclosure.staff_document(a, *id);
    if (!sd) return api_error(sd.error());
    auto r = app.disclosure.add_attachment(a, *id, file->filename, file->data, sd->edition.version);
    if (!r) return api_error(r.error());
    return Response::json(json::serialize(json::object{{"attachment_id", *r}}), 201);
  });

  // The token holder's work list: documents of their unit by status of the latest edition.
  app.router.get("/api/v1/staff/documents", [&app, need_token](Request& req) {
    if (auto r = need_token(req)) return *r;
    auto a = web::actor(req);
    std::vector<std::string> statuses;
    if (auto st = req.query().value("status"); !st.empty()) statuses.push_back(st);
    json::array items;
    for (const auto& w : app.disclosure.work(a, statuses, 500)) {
      items.push_back(json::object{{"id", w.doc.id}, {"title", w.edition.f.title}, {"edition_no", w.edition.edition_no},
                                   {"status", to_string(w.edition.status)}, {"state", to_string(w.doc.state)},
                                   {"index_no", w.doc.index_no}, {"updated_at", w.edition.updated_at}});
    }
    return Response::json(json::serialize(json::object{{"items", items}}));
  });

  install_console(app);
}

}  // namespace gongkai::disclosure
