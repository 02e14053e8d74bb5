#include "gongkai/requests/notice_web.hpp"

#include "gongkai/web/page.hpp"
#include "platform/files/inspect.hpp"
#include "platform/time.hpp"

namespace gongkai::requests {
namespace json = boost::json;
namespace bh = platform::http::beast_http;
using platform::http::Request;
using platform::http::Response;
using web::no_store;
using web::parse_id;
using web::require_login;

namespace {

// A file for the person who asked, never for search engines or shared caches.
Response download(Download d) {
  Response res;
  res.body = std::move(d.bytes);
  res.set(bh::field::content_type, d.mime);
  res.set(bh::field::content_disposition, platform::http::content_disposition("attachment", d.file_name));
  res.headers.set("X-Robots-Tag", "noindex, nofollow");
  return no_store(std::move(res));
}

json::array paragraphs_json(const std::vector<std::string>& ps) {
  json::array out;
  for (const auto& p : ps) out.push_back(json::value(p));
  return out;
}

json::object notice_json(const notice::store::NoticeRow& n, const std::string& pdf_url) {
  auto t = NoticeService::text_of(n);
  auto kind = notice::kind_from(n.kind);
  return json::object{{"id", n.id},
                      {"kind", n.kind},
                      {"kind_label", kind ? notice::label(*kind) : ""},
                      {"notice_no", n.notice_no},
                      {"title", t.title},
                      {"paragraphs", paragraphs_json(t.paragraphs)},
                      {"issuer", t.issuer},
                      {"issued_on", n.issued_on},
                      {"pdf_url", pdf_url}};
}

json::object file_json(const notice::store::FileRow& f) {
  return json::object{{"id", f.id},
                      {"name", f.file_name},
                      {"kind_label", platform::files::kind_label(f.kind)},
                      {"size_kb", (f.size_bytes + 1023) / 1024},
                      {"released_on", f.released_on},
                      {"released", !f.released_on.empty()}};
}

Response templates_page(App& app, Request& req, const std::string& key, const platform::Error* error, json::object values) {
  auto a = web::actor(req);
  auto v = app.notices.template_of(a, key);
  if (!v) return web::error_page(app, req, web::status_for(v.error()), v.error().message);
  json::array placeholders;
  for (const auto& p : v->key.placeholders) placeholders.push_back(json::value("{{" + p + "}}"));
  json::array history;
  for (const auto& h : v->history) {
    history.push_back(json::object{{"version", h.version}, {"at", platform::utc_iso_to_local_display(h.created_at)},
                                   {"by", h.created_by_name}, {"title", h.title}, {"body", h.body}});
  }
  if (values.empty()) values = json::object{{"title", v->current.title}, {"body", v->current.body}};
  json::object data{{"key", v->key.key},
                    {"label", v->key.label},
                    {"version", v->current.version},
                    {"is_default", v->current.version == 0},
                    {"placeholders", placeholders},
                    {"history", history},
                    {"has_history", !history.empty()},
                    {"may_edit", a.has(units::Role::supervisor)},
                    {"values", values},
                    {"csrf", web::csrf_token(app, req)}};
  unsigned status = 200;
  if (error) {
    data["error"] = json::object{{"message", error->message}};
    status = web::status_for(*error);
  }
  return no_store(web::page(app, req, "console/notice_template", std::move(data), "告知书模板：" + v->key.label, true, status));
}

}  // namespace

json::object case_paperwork(App& app, Request& req, const CaseView& v) {
  auto a = web::actor(req);
  std::string base = "/console/requests/" + std::to_string(v.c.id);
  json::object out{{"id", v.c.id}, {"csrf", web::csrf_token(app, req)}};
  json::array notices;
  if (auto ns = app.notices.notices(a, v.c.id)) {
    for (const auto& n : *ns) notices.push_back(notice_json(n, base + "/notices/" + std::to_string(n.id) + "/pdf"));
  }
  out["notices"] = notices;
  out["has_notices"] = !notices.empty();
  // The reply notice as it will be sent, while the reply is drafted or awaiting sign-off.
  if (v.c.state == State::reply_drafted || v.c.state == State::reply_approved) {
    auto p = app.notices.reply_preview(a, v.c.id);
    if (p) {
      out["preview"] = json::object{{"title", p->title}, {"paragraphs", paragraphs_json(p->paragraphs)}, {"issuer", p->issuer},
                                    {"pdf_url", base + "/reply-preview/pdf"}};
    } else {
      out["preview_error"] = p.error().message;
    }
  }
  json::array files;
  bool may_edit_files = may_act(a, Action::draft_reply, v.c.unit_id) &&
                        (v.c.state == State::working || v.c.state == State::reply_drafted || v.c.state == State::reply_approved);
  if (auto fs = app.notices.files(a, v.c.id)) {
    for (const auto& f : *fs) {
      auto j = file_json(f);
      j["url"] = base + "/files/" + std::to_string(f.id);
      j["remove_url"] = base + "/files/" + std::to_string(f.id) + "/remove";
      j["removable"] = may_edit_files && f.released_on.empty();
      files.push_back(j);
    }
  }
  out["files"] = files;
  out["has_files"] = !files.empty();
  out["may_upload"] = may_edit_files;
  return out;
}

json::object public_paperwork(App& app, const PublicView& v) {
  auto mine = app.notices.for_view(v);
  json::array notices, files;
  for (const auto& n : mine.notices) notices.push_back(notice_json(n, "/requests/track/notices/" + std::to_string(n.id) + "/pdf"));
  for (const auto& f : mine.files) {
    auto j = file_json(f);
    j["url"] = "/requests/track/files/" + std::to_string(f.id);
    files.push_back(j);
  }
  return json::object{{"notices", notices}, {"has_notices", !notices.empty()}, {"files", files}, {"has_files", !files.empty()}};
}

void install_notice_web(App& app) {
  // ---- staff: notices and files of a case ----
  app.router.get("/console/requests/{id}/notices/{nid}/pdf", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto id = parse_id(req.param("id"));
    auto nid = parse_id(req.param("nid"));
    if (!id || !nid) return web::error_page(app, req, 404, "告知书不存在。");
    auto d = app.notices.notice_pdf(a, *id, *nid);
    if (!d) return web::error_page(app, req, web::status_for(d.error()), d.error().message);
    return download(std::move(*d));
  });

  app.router.get("/console/requests/{id}/reply-preview/pdf", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto id = parse_id(req.param("id"));
    if (!id) return web::error_page(app, req, 404, "申请不存在。");
    auto d = app.notices.notice_pdf(a, *id, std::nullopt);
    if (!d) return web::error_page(app, req, web::status_for(d.error()), d.error().message);
    return download(std::move(*d));
  });

  app.router.post("/console/requests/{id}/files", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto id = parse_id(req.param("id"));
    if (!id) return web::error_page(app, req, 404, "申请不存在。");
    const platform::http::UploadedFile* file = nullptr;
    for (const auto& f : req.form()->files) {
      if (f.field == "file" && !(f.filename.empty() && f.data.empty())) file = &f;
    }
    platform::Result<long long> r = platform::make_error("file_empty", "请选择要上传的文件。", "file");
    if (file) r = app.notices.add_file(a, *id, file->filename, file->data);
    if (!r) return web::error_page(app, req, web::status_for(r.error()), "文件未能上传：" + r.error().message, r.error().code);
    return web::redirect_with_notice("/console/requests/" + std::to_string(*id) + "#paperwork", "文件已上传，将随答复提供给申请人。");
  });

  app.router.post("/console/requests/{id}/files/{fid}/remove", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto id = parse_id(req.param("id"));
    auto fid = parse_id(req.param("fid"));
    if (!id || !fid) return web::error_page(app, req, 404, "文件不存在。");
    auto r = app.notices.remove_file(a, *id, *fid);
    if (!r) return web::error_page(app, req, web::status_for(r.error()), r.error().message, r.error().code);
    return web::redirect_with_notice("/console/requests/" + std::to_string(*id) + "#paperwork", "文件已删除。");
  });

  app.router.get("/console/requests/{id}/files/{fid}", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto id = parse_id(req.param("id"));
    auto fid = parse_id(req.param("fid"));
    if (!id || !fid) return web::error_page(app, req, 404, "文件不存在。");
    auto d = app.notices.staff_file(a, *id, *fid);
    if (!d) return web::error_page(app, req, web::status_for(d.error()), d.error().message);
    return download(std::move(*d));
  });

  // ---- the applicant: number + query code in the POST body (never in a URL, so never in logs or history) ----
  app.router.post("/requests/track/notices/{nid}/pdf", [&app](Request& req) {
    auto nid = parse_id(req.param("nid"));
    if (!nid) return web::error_page(app, req, 404, "告知书不存在。");
    const auto& f = req.form()->fields;
    auto d = app.notices.applicant_notice_pdf(f.value("number"), f.value("code"), *nid, web::actor(req));
    if (!d) return web::error_page(app, req, web::status_for(d.error()), d.error().message, d.error().code);
    return download(std::move(*d));
  });

  app.router.post("/requests/track/files/{fid}", [&app](Request& req) {
    auto fid = parse_id(req.param("fid"));
    if (!fid) return web::error_page(app, req, 404, "文件不存在。");
    const auto& f = req.form()->fields;
    auto d = app.notices.applicant_file(f.value("number"), f.value("code"), *fid, web::actor(req));
    if (!d) return web::error_page(app, req, web::status_for(d.error()), d.error().message, d.error().code);
    return download(std::move(*d));
  });

  // ---- the openness office: templates ----
  app.router.get("/console/notice-templates", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto ts = app.notices.templates(a);
    if (!ts) return web::error_page(app, req, web::status_for(ts.error()), ts.error().message);
    json::array items;
    for (const auto& t : *ts) {
      items.push_back(json::object{{"key", t.key.key}, {"label", t.key.label}, {"title", t.current.title},
                                   {"version", t.current.version}, {"is_default", t.current.version == 0}});
    }
    return no_store(web::page(app, req, "console/notice_templates", json::object{{"items", items}}, "告知书模板", true));
  });

  app.router.get("/console/notice-templates/{key}", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    return templates_page(app, req, std::string(req.param("key")), nullptr, {});
  });

  app.router.post("/console/notice-templates/{key}", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    std::string key(req.param("key"));
    const auto& f = req.form()->fields;
    auto r = app.notices.save_template(a, key, f.value("title"), f.value("body"));
    if (!r) {
      if (r.error().code == "forbidden" || r.error().code == "not_found") {
        return web::error_page(app, req, web::status_for(r.error()), r.error().message);
      }
      return templates_page(app, req, key, &r.error(), json::object{{"title", f.value("title")}, {"body", f.value("body")}});
    }
    return web::redirect_with_notice("/console/notice-templates/" + key, "模板已保存为第 " + std::to_string(*r) + " 版。");
  });
}

}  // namespace gongkai::requests
