// Staff pages of 主动公开: the document list, the editor, review and publication, and column management.
#include <charconv>
#include <cstdio>

#include "gongkai/disclosure/to_json.hpp"
#include "gongkai/disclosure/web.hpp"
#include "gongkai/text.hpp"
#include "gongkai/web/page.hpp"
#include "platform/files/inspect.hpp"
#include "platform/files/xlsx_reader.hpp"
#include "platform/http/forms.hpp"
#include "platform/text/csv.hpp"
#include "platform/time.hpp"

namespace gongkai::disclosure {
namespace json = boost::json;
using platform::http::Request;
using platform::http::Response;

namespace {

using web::parse_id;
using web::parse_int;
using web::require_login;

bool is_staff(const units::Actor& a) {
  using units::Role;
  return a.has(Role::editor) || a.has(Role::reviewer) || a.has(Role::supervisor);
}

EditionFields fields_from_form(const platform::http::FormData& f) {
  EditionFields e;
  e.column_id = parse_id(f.value("column_id"));
  e.title = f.value("title");
  e.summary = f.value("summary");
  e.body_md = f.value("body_md");
  e.issuer_name = f.value("issuer_name");
  e.doc_no = f.value("doc_no");
  e.written_on = f.value("written_on");
  e.formed_on = f.value("formed_on");
  e.topic = f.value("topic");
  e.keywords = f.value("keywords");
  e.validity = validity_from(f.value("validity")).value_or(Validity::in_force);
  e.effective_on = f.value("effective_on");
  e.expires_on = f.value("expires_on");
  e.disclosure_mode = disclosure_mode_from(f.value("disclosure_mode")).value_or(DisclosureMode::proactive);
  e.withheld_reason = f.value("withheld_reason");
  e.info_class = f.value("info_class");
  e.legal_category = f.value("legal_category");
  e.domain = f.value("domain");
  e.change_kind = change_kind_from(f.value("change_kind")).value_or(ChangeKind::major);
  e.change_note = f.value("change_note");
  e.catalogue_entry_id = parse_id(f.value("catalogue_entry_id"));
  return e;
}

json::object values_of(const EditionFields& f, int version) {
  return json::object{{"column_id", f.column_id ? std::to_string(*f.column_id) : ""},
                      {"title", f.title},
                      {"summary", f.summary},
                      {"body_md", f.body_md},
                      {"issuer_name", f.issuer_name},
                      {"doc_no", f.doc_no},
                      {"written_on", f.written_on},
                      {"formed_on", f.formed_on},
                      {"topic", f.topic},
                      {"keywords", f.keywords},
                      {"validity", to_string(f.validity)},
                      {"effective_on", f.effective_on},
                      {"expires_on", f.expires_on},
                      {"disclosure_mode", to_string(f.disclosure_mode)},
                      {"withheld_reason", f.withheld_reason},
                      {"info_class", f.info_class},
                      {"legal_category", f.legal_category},
                      {"domain", f.domain},
                      {"change_kind", to_string(f.change_kind)},
                      {"change_note", f.change_note},
                      {"catalogue_entry_id", f.catalogue_entry_id ? std::to_string(*f.catalogue_entry_id) : ""},
                      {"version", std::to_string(version)}};
}

std::string value_in(const json::object& values, const char* key) {
  auto* v = values.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : "";
}

// The select options of the editor, marked with what `values` holds.
void add_choices(App& app, const units::Actor& a, json::object& data, const json::object& values, long long unit_id) {
  const auto& v = app.disclosure.vocabulary();
  json::array entries;
  for (const auto& c : app.disclosure.catalogue(unit_id)) {
    std::string id = std::to_string(c.id);
    entries.push_back(json::object{{"id", id}, {"name", c.item_l1 + (c.item_l2.empty() ? "" : " › " + c.item_l2)},
                                   {"selected", id == value_in(values, "catalogue_entry_id")}});
  }
  data["catalogue_entries"] = entries;
  data["topics"] = options_json(v.topics, value_in(values, "topic"));
  data["classes"] = options_json(v.classes, value_in(values, "info_class"));
  data["legal_categories"] = options_json(v.legal_categories, value_in(values, "legal_category"));
  data["domains"] = options_json(v.domains, value_in(values, "domain"));
  json::array validities, modes, kinds;
  for (auto x : {Validity::in_force, Validity::expired, Validity::repealed, Validity::amended}) {
    validities.push_back(json::object{{"code", to_string(x)}, {"label", label(x)}, {"selected", to_string(x) == value_in(values, "validity")}});
  }
  for (auto x : {DisclosureMode::proactive, DisclosureMode::on_request, DisclosureMode::withheld}) {
    modes.push_back(json::object{{"code", to_string(x)}, {"label", label(x)}, {"selected", to_string(x) == value_in(values, "disclosure_mode")}});
  }
  for (auto x : {ChangeKind::major, ChangeKind::minor}) {
    kinds.push_back(json::object{{"code", to_string(x)}, {"label", label(x)}, {"selected", to_string(x) == value_in(values, "change_kind")}});
  }
  data["validities"] = validities;
  data["modes"] = modes;
  data["change_kinds"] = kinds;
  json::array cols;
  auto all = app.disclosure.columns();
  // Each column under its full path ("法定主动公开内容 › 政策文件"), parents before children.
  std::function<void(std::optional<long long>, const std::string&, int)> walk = [&](std::optional<long long> parent,
                                                                                  const std::string& prefix, int depth) {
    for (const auto& c : all) {
      if (c.parent_id != parent || !c.active || depth > 6) continue;
      std::string id = std::to_string(c.id);
      std::string path = prefix.empty() ? c.name : prefix + " › " + c.name;
      cols.push_back(json::object{{"id", id}, {"name", path}, {"selected", id == value_in(values, "column_id")}});
      walk(c.id, path, depth + 1);
    }
  };
  walk(std::nullopt, "", 0);
  data["columns"] = cols;
  if (a.has(units::Role::supervisor)) {
    json::array unit_opts;
    std::string selected = value_in(values, "unit_id");
    for (const auto& u : app.units.directory()) {
      if (u.f.kind == units::UnitKind::section) continue;
      std::string id = std::to_string(u.id);
      unit_opts.push_back(json::object{{"id", id}, {"name", u.f.name}, {"selected", id == selected}});
    }
    data["units"] = unit_opts;
    data["choose_unit"] = true;
  }
}

store::Column column_from_form(const platform::http::FormData& f) {
  store::Column c;
  c.parent_id = parse_id(f.value("parent_id"));
  c.slug = f.value("slug");
  c.name = f.value("name");
  c.description = f.value("description");
  if (auto d = parse_id(f.value("update_interval_days"))) c.update_interval_days = static_cast<int>(std::min(*d, 100000LL));
  c.sort_order = std::max(0, parse_int(f.value("sort_order"), 0));
  return c;
}

json::object error_json(const platform::Error& e) {
  json::object err{{"message", e.message}, {"code", e.code}};
  if (!e.field.empty()) err["field_" + e.field] = true;
  return err;
}

// The converted UTC ISO time of a datetime-local value in Beijing time ("2026-12-01T09:30"), or "" if invalid.
std::string beijing_local_to_utc(const std::string& local) {
  if (local.size() != 16 || local[10] != 'T' || local[13] != ':') return "";
  auto d = calendar::Date::parse(local.substr(0, 10));
  int hh = 0, mm = 0;
  if (!d || std::sscanf(local.c_str() + 11, "%2d:%2d", &hh, &mm) != 2 || hh > 23 || mm > 59) return "";
  int minutes = hh * 60 + mm - 8 * 60;
  calendar::Date day = *d;
  if (minutes < 0) {
    minutes += 24 * 60;
    day = calendar::Date::from_days(day.days_since_epoch() - 1);
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:00Z", day.iso().c_str(), minutes / 60, minutes % 60);
  return buf;
}

const std::vector<std::pair<std::string, std::string>>& views() {
  static const std::vector<std::pair<std::string, std::string>> v = {
      {"drafts", "草稿"}, {"review", "待审核"}, {"approved", "待发布"}, {"published", "已发布"}, {"all", "全部"}};
  return v;
}

std::vector<std::string> statuses_of(const std::string& view) {
  if (view == "drafts") return {"draft"};
  if (view == "review") return {"submitted"};
  if (view == "approved") return {"approved", "scheduled"};
  if (view == "published") return {"published"};
  return {};
}

}  // namespace

// The document page for staff: the editor, or the review and publication actions the state allows.
static Response document_console(App& app, Request& req, long long id, const platform::Error* error,
                                 std::optional<json::object> typed) {
  auto a = web::actor(req);
  auto sd = app.disclosure.staff_document(a, id);
  if (!sd) return web::error_page(app, req, web::status_for(sd.error()), sd.error().message);
  const auto& e = sd->edition;
  const auto& v = app.disclosure.vocabulary();
  WorkflowContext ctx{sd->doc.unit_id, e.author_id, e.urgent ? e.published_by : 0};
  auto can = [&](Action x) { return may(a, x, ctx).ok() && edition_transition(e.status, x).ok(); };
  json::object values = typed ? *typed : values_of(e.f, e.version);
  // After a conflict the form keeps what this person typed; it now carries the current version, so saving again is a
  // deliberate choice made after reading the notice (the other person's text is in the edition history and audit).
  if (typed && error && error->code == "stale_version") values["version"] = std::to_string(e.version);
  json::object data{{"id", sd->doc.id},
                    {"unit_name", sd->unit_name},
                    {"index_no", sd->doc.index_no},
                    {"doc_state", to_string(sd->doc.state)},
                    {"doc_state_label", label(sd->doc.state)},
                    {"doc_version", sd->doc.version},
                    {"edition", edition_json(e, v)},
                    {"edition_version", e.version},
                    {"values", values},
                    {"is_new_edition", e.edition_no > 1},
                    {"rejection_reason", e.rejection_reason},
                    {"review_opinion", e.review_opinion},
                    {"urgent", e.urgent},
                    {"review_pending", e.review_pending},
                    {"publish_at_display", e.publish_at.empty() ? "" : platform::utc_iso_to_local_display(e.publish_at)},
                    {"timely", e.timely ? json::value(*e.timely) : json::value(nullptr)},
                    {"working_days", e.working_days_to_publish ? json::value(*e.working_days_to_publish) : json::value(nullptr)},
                    {"public_url", sd->doc.published_edition ? "/documents/" + std::to_string(sd->doc.id) : ""}};
  bool editable = can(Action::save) && sd->doc.state != DocumentState::withdrawn && sd->doc.state != DocumentState::repealed;
  data["editable"] = editable;
  data["can_submit"] = can(Action::submit);
  data["can_recall"] = can(Action::recall);
  data["can_review"] = e.status == EditionStatus::submitted && may(a, Action::approve, ctx).ok();
  data["self_review"] = e.status == EditionStatus::submitted && may(a, Action::approve, ctx).error().code == "self_review";
  data["can_publish"] = can(Action::publish) && e.status == EditionStatus::approved;
  data["can_unschedule"] = can(Action::unschedule);
  data["can_urgent"] = can(Action::urgent_publish);
  data["can_post_review"] = e.review_pending && may(a, Action::post_review, ctx).ok();
  bool published = sd->doc.state == DocumentState::published;
  data["can_new_edition"] = published && e.status == EditionStatus::published && may(a, Action::new_edition, ctx).ok();
  data["can_withdraw"] = published && may(a, Action::withdraw, ctx).ok();
  data["withdrawn"] = sd->doc.state == DocumentState::withdrawn;
  data["withdrawal_reason"] = sd->doc.withdrawal_reason;
  data["repealed"] = sd->doc.state == DocumentState::repealed;
  data["repealed_on"] = sd->doc.repealed_on;
  // Personal-data findings, each in place, with one-click masking and (for reviewers) an override with a reason.
  json::array findings;
  int open = 0;
  bool reviewer = may(a, Action::approve, {sd->doc.unit_id, e.author_id ? e.author_id : sd->doc.created_by, 0}).ok();
  for (const auto& f : sd->findings) {
    if (!f.overridden) ++open;
    findings.push_back(json::object{{"field_label", f.field_label},
                                    {"kind", privacy::pii_kind_code(f.finding.kind)},
                                    {"kind_label", f.finding.label()},
                                    {"masked", f.finding.masked},
                                    {"context", f.context},
                                    {"value_hash", f.value_hash},
                                    {"overridden", f.overridden},
                                    {"override_reason", f.override_reason},
                                    {"in_attachment", f.field.starts_with("attachment:")},
                                    {"can_override", reviewer && !f.overridden}});
  }
  data["findings"] = findings;
  data["has_findings"] = !findings.empty();
  data["open_findings"] = open;
  data["can_mask"] = open > 0 && editable;
  json::array editions;
  for (auto it = sd->editions.rbegin(); it != sd->editions.rend(); ++it) editions.push_back(edition_json(*it, v));
  data["editions"] = editions;
  json::array links;
  for (const auto& l : sd->links) {
    bool outgoing = l.from_document_id == sd->doc.id;
    links.push_back(json::object{{"other", outgoing ? l.to_document_id : l.from_document_id},
                                 {"kind", l.kind},
                                 {"label", l.kind == "interprets" ? (outgoing ? "本文件解读了" : "本文件的解读") : "相关文件"},
                                 {"outgoing", outgoing}});
  }
  data["links"] = links;
  json::array attachments;
  for (const auto& at : sd->attachments) {
    attachments.push_back(json::object{{"id", at.id}, {"name", at.file_name}, {"kind_label", platform::files::kind_label(at.kind)},
                                       {"size_kb", (at.size_bytes + 1023) / 1024}, {"no_text", at.text.empty()},
                                       {"url", "/console/documents/" + std::to_string(sd->doc.id) + "/files/" + std::to_string(at.id)},
                                       {"remove_url", "/console/documents/" + std::to_string(sd->doc.id) + "/attachments/" +
                                                          std::to_string(at.id) + "/remove"}});
  }
  data["attachments"] = attachments;
  data["has_attachments"] = !attachments.empty();
  data["can_link"] = may(a, Action::save, ctx).ok();
  add_choices(app, a, data, values, sd->doc.unit_id);
  if (error) data["error"] = error_json(*error);
  unsigned status = error ? web::status_for(*error) : 200;
  return web::page(app, req, "console/document", std::move(data), e.f.title, true, status);
}

void install_console(App& app) {
  app.router.get("/console/documents", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    if (!is_staff(a)) return web::error_page(app, req, 403, "只有信息员、审核人和政务公开办可以管理政府信息。");
    std::string view = req.query().value("view");
    if (view.empty()) view = a.has(units::Role::reviewer) && !a.has(units::Role::editor) ? "review" : "drafts";
    bool known = false;
    json::array tabs;
    for (const auto& [code, name] : views()) {
      known = known || code == view;
      tabs.push_back(json::object{{"code", code}, {"label", name}, {"current", code == view}});
    }
    if (!known) view = "all";
    const auto& v = app.disclosure.vocabulary();
    json::array items;
    std::map<long long, std::string> names;
    for (const auto& u : app.units.all()) names[u.id] = u.f.name;
    for (const auto& w : app.disclosure.work(a, statuses_of(view), 200)) {
      json::object o = edition_json(w.edition, v);
      o["id"] = w.doc.id;
      o["index_no"] = w.doc.index_no;
      o["unit_name"] = names[w.doc.unit_id];
      o["doc_state_label"] = label(w.doc.state);
      o["updated_display"] = platform::utc_iso_to_local_display(w.edition.updated_at);
      o["review_pending"] = w.edition.review_pending;
      items.push_back(std::move(o));
    }
    json::object data{{"tabs", tabs}, {"documents", items}, {"empty", items.empty()}, {"view", view},
                      {"can_create", a.has(units::Role::editor) || a.has(units::Role::supervisor)}};
    return web::page(app, req, "console/documents", std::move(data), "政府信息管理", true);
  });

  app.router.get("/console/documents/new", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    if (!(a.has(units::Role::editor) || a.has(units::Role::supervisor))) {
      return web::error_page(app, req, 403, "只有信息员和政务公开办可以起草政府信息。");
    }
    json::object values = values_of(EditionFields{}, 0);
    values["unit_id"] = std::to_string(a.unit_id);
    values["formed_on"] = platform::local_date_today();
    json::object data{{"values", values}, {"is_new", true}};
    add_choices(app, a, data, values, a.unit_id);
    return web::page(app, req, "console/document_new", std::move(data), "起草政府信息", true);
  });

  app.router.post("/console/documents", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    const auto& form = req.form()->fields;
    long long unit = a.unit_id;
    if (a.has(units::Role::supervisor)) unit = parse_id(form.value("unit_id")).value_or(0);
    auto r = app.disclosure.create_draft(a, unit, fields_from_form(form));
    if (!r) {
      json::object values = web::form_state(req, nullptr)["values"].as_object();
      json::object data{{"values", values}, {"is_new", true}, {"error", error_json(r.error())}};
      add_choices(app, a, data, values, unit);
      return web::page(app, req, "console/document_new", std::move(data), "起草政府信息", true, web::status_for(r.error()));
    }
    return web::redirect_with_notice("/console/documents/" + std::to_string(*r), "草稿已保存。");
  });

  app.router.get("/console/documents/{id}", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto id = parse_id(req.param("id"));
    if (!id) return web::error_page(app, req, 404, "文件不存在。");
    return document_console(app, req, *id, nullptr, std::nullopt);
  });

  // Every workflow action posts to /console/documents/{id}/{action}; errors come back on the document page with
  // what the person typed.
  app.router.post("/console/documents/{id}/{action}", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto id = parse_id(req.param("id"));
    if (!id) return web::error_page(app, req, 404, "文件不存在。");
    const auto& f = req.form()->fields;
    std::string action = req.param("action");
    int version = parse_int(f.value("version"), -1);
    int doc_version = parse_int(f.value("doc_version"), -1);
    std::string notice;
    platform::Result<void> r;
    if (action == "save") {
      r = app.disclosure.save_draft(a, *id, fields_from_form(f), version);
      notice = "已保存。";
    } else if (action == "submit") {
      // Saving and submitting in one step: the editor's last changes are what the reviewer sees.
      r = app.disclosure.save_draft(a, *id, fields_from_form(f), version);
      if (r) r = app.disclosure.submit(a, *id, version + 1);
      notice = "已提交审核。";
    } else if (action == "recall") {
      r = app.disclosure.recall(a, *id, version);
      notice = "已撤回提交，可继续修改。";
    } else if (action == "approve") {
      r = app.disclosure.approve(a, *id, f.value("opinion"), version);
      notice = "审核通过。";
    } else if (action == "reject") {
      r = app.disclosure.reject(a, *id, f.value("reason"), version);
      notice = "已退回修改。";
    } else if (action == "publish") {
      std::string when = f.value("publish_at");
      if (when.empty()) {
        r = app.disclosure.publish(a, *id, version);
        notice = "已发布。";
      } else {
        std::string utc = beijing_local_to_utc(when);
        r = app.disclosure.schedule(a, *id, utc.empty() ? "invalid" : utc, version);
        notice = "已设定定时发布。";
      }
    } else if (action == "unschedule") {
      r = app.disclosure.unschedule(a, *id, version);
      notice = "已取消定时发布。";
    } else if (action == "urgent") {
      r = app.disclosure.urgent_publish(a, *id, f.value("reason"), version);
      notice = "已紧急发布，须在事后完成审核。";
    } else if (action == "post-review") {
      r = app.disclosure.post_review(a, *id, f.value("opinion"), version);
      notice = "事后审核已完成。";
    } else if (action == "new-edition") {
      auto n = app.disclosure.new_edition(a, *id);
      if (!n) r = n.error();
      notice = "已创建新版本草稿，公众仍看到当前发布的版本。";
    } else if (action == "withdraw") {
      r = app.disclosure.withdraw(a, *id, f.value("reason"), doc_version);
      notice = "已撤回，原网址显示撤回理由。";
    } else if (action == "repeal") {
      r = app.disclosure.repeal(a, *id, f.value("repealed_on"), f.value("note"), doc_version);
      notice = "已登记废止。";
    } else if (action == "mask") {
      auto n = app.disclosure.mask_findings(a, *id, version);
      if (!n) r = n.error();
      else notice = "已遮盖 " + std::to_string(*n) + " 处个人信息。";
    } else if (action == "override") {
      r = app.disclosure.override_finding(a, *id, f.value("kind"), f.value("value_hash"), f.value("reason"));
      notice = "已记录保留理由。";
    } else if (action == "link") {
      auto other = parse_id(f.value("to_id"));
      std::string kind = f.value("kind");
      if (!other) r = platform::make_error("not_found", "请填写要关联的文件编号。", "to_id");
      else if (f.value("direction") == "from") r = app.disclosure.link(a, *other, *id, kind);
      else r = app.disclosure.link(a, *id, *other, kind);
      notice = "已关联。";
    } else if (action == "unlink") {
      auto other = parse_id(f.value("other"));
      if (!other) r = platform::make_error("not_found", "关联不存在。");
      else if (f.value("outgoing") == "1") r = app.disclosure.unlink(a, *id, *other, f.value("kind"));
      else r = app.disclosure.unlink(a, *other, *id, f.value("kind"));
      notice = "已取消关联。";
    } else {
      return web::error_page(app, req, 404, "没有这个操作。");
    }
    if (!r) {
      std::optional<json::object> typed;
      if (action == "save" || action == "submit") typed = web::form_state(req, nullptr)["values"].as_object();
      return document_console(app, req, *id, &r.error(), typed);
    }
    return web::redirect_with_notice("/console/documents/" + std::to_string(*id), notice);
  });

  // Attachments: a multipart form with the file and the edition's version.
  app.router.post("/console/documents/{id}/attachments", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto id = parse_id(req.param("id"));
    if (!id) return web::error_page(app, req, 404, "文件不存在。");
    const auto& form = *req.form();
    const platform::http::UploadedFile* file = nullptr;
    for (const auto& f : form.files) {
      if (f.field == "file" && !(f.filename.empty() && f.data.empty())) file = &f;
    }
    platform::Result<long long> r = platform::make_error("file_empty", "请选择要上传的附件。", "file");
    if (file) r = app.disclosure.add_attachment(a, *id, file->filename, file->data, parse_int(form.fields.value("version"), -1));
    if (!r) return document_console(app, req, *id, &r.error(), std::nullopt);
    return web::redirect_with_notice("/console/documents/" + std::to_string(*id), "附件已上传。");
  });

  app.router.post("/console/documents/{id}/attachments/{aid}/remove", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto id = parse_id(req.param("id"));
    auto aid = parse_id(req.param("aid"));
    if (!id || !aid) return web::error_page(app, req, 404, "附件不存在。");
    auto r = app.disclosure.remove_attachment(a, *id, *aid, parse_int(req.form()->fields.value("version"), -1));
    if (!r) return document_console(app, req, *id, &r.error(), std::nullopt);
    return web::redirect_with_notice("/console/documents/" + std::to_string(*id), "附件已删除。");
  });

  app.router.get("/console/documents/{id}/files/{aid}", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto id = parse_id(req.param("id"));
    auto aid = parse_id(req.param("aid"));
    if (!id || !aid) return web::error_page(app, req, 404, "附件不存在。");
    auto f = app.disclosure.staff_attachment(a, *id, *aid);
    if (!f) return web::error_page(app, req, web::status_for(f.error()), f.error().message);
    Response res;
    res.body = std::move(f->bytes);
    res.set(platform::http::beast_http::field::content_type, f->mime);
    res.set(platform::http::beast_http::field::content_disposition, platform::http::content_disposition("attachment", f->file_name));
    return res;
  });

  // ---- 标准目录 ----
  auto catalogue_page = [&app](Request& req, long long unit_id, json::object extra, unsigned status) {
    auto a = web::actor(req);
    const auto& v = app.disclosure.vocabulary();
    std::map<long long, long long> cited;
    for (auto [id, n] : app.disclosure.catalogue_citations(unit_id)) cited[id] = n;
    json::array entries;
    for (const auto& c : app.disclosure.catalogue(unit_id)) {
      entries.push_back(catalogue_entry_json(c, v, cited[c.id]));
    }
    json::array unit_opts;
    std::string unit_name;
    for (const auto& u : app.units.directory()) {
      if (u.f.kind == units::UnitKind::section) continue;
      if (u.id == unit_id) unit_name = u.f.name;
      unit_opts.push_back(json::object{{"id", u.id}, {"name", u.f.name}, {"selected", u.id == unit_id}});
    }
    json::object data{{"entries", entries}, {"empty", entries.empty()}, {"units", unit_opts}, {"unit_id", unit_id},
                      {"unit_name", unit_name}, {"choose_unit", a.has(units::Role::supervisor)},
                      {"can_import", a.has(units::Role::supervisor) || (a.has(units::Role::unit_admin) && a.unit_id == unit_id)}};
    for (auto& [k, val] : extra) data[k] = val;
    return web::page(app, req, "console/catalogue", std::move(data), "标准目录", true, status);
  };

  app.router.get("/console/catalogue", [&app, catalogue_page](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    long long unit = a.unit_id;
    if (a.has(units::Role::supervisor)) unit = parse_id(req.query().value("unit")).value_or(a.unit_id);
    return catalogue_page(req, unit, {}, 200);
  });

  // The import: CSV (UTF-8) or XLSX, first row the standard catalogue's headings.
  app.router.post("/console/catalogue/import", [&app, catalogue_page](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    const auto& form = *req.form();
    long long unit = a.has(units::Role::supervisor) ? parse_id(form.fields.value("unit_id")).value_or(0) : a.unit_id;
    const platform::http::UploadedFile* file = nullptr;
    for (const auto& f : form.files) {
      if (f.field == "file" && !f.data.empty()) file = &f;
    }
    auto fail = [&](const platform::Error& e) {
      return catalogue_page(req, unit, json::object{{"error", error_json(e)}}, web::status_for(e));
    };
    if (!file) return fail(platform::make_error("file_empty", "请选择要导入的 CSV 或 XLSX 文件。", "file"));
    std::string name = ascii_lower(file->filename);
    platform::Result<std::vector<std::vector<std::string>>> rows = platform::make_error("", "");
    if (name.ends_with(".xlsx")) {
      rows = platform::files::read_xlsx_rows(file->data);
    } else if (name.ends_with(".csv")) {
      rows = platform::text::parse_csv(file->data);
      if (!rows) rows = platform::make_error(rows.error().code, rows.error().message + "（CSV 须为 UTF-8 编码；在 Excel 中请“另存为 CSV UTF-8”。）", "file");
    } else {
      return fail(platform::make_error("file_type_not_allowed", "标准目录只能从 .csv 或 .xlsx 文件导入。", "file"));
    }
    if (!rows) {
      auto e = rows.error();
      e.field = "file";
      return fail(e);
    }
    auto r = app.disclosure.import_catalogue(a, unit, *rows);
    if (!r) return fail(r.error());
    json::array problems;
    for (const auto& p : r->problems) problems.push_back(json::object{{"row", p.row}, {"message", p.message}});
    json::object result{{"created", r->created}, {"updated", r->updated}, {"problems", problems},
                        {"has_problems", !problems.empty()}};
    return catalogue_page(req, unit, json::object{{"result", result}}, 200);
  });

  // ---- columns ----
  auto columns_page = [&app](Request& req, const platform::Error* error) {
    auto a = web::actor(req);
    json::array items;
    auto all = app.disclosure.columns();
    for (const auto& c : all) {
      json::object o = column_json(c);
      for (const auto& p : all) {
        if (c.parent_id && p.id == *c.parent_id) o["parent_name"] = p.name;
      }
      items.push_back(std::move(o));
    }
    json::array parents;
    for (const auto& c : all) parents.push_back(json::object{{"id", c.id}, {"name", c.name}});
    json::object data{{"columns", items}, {"parents", parents}, {"can_manage", a.district_wide()}};
    json::object st = web::form_state(req, error);
    data["values"] = st["values"];
    if (error) data["error"] = st["error"];
    return web::page(app, req, "console/columns", std::move(data), "栏目管理", true, error ? web::status_for(*error) : 200);
  };

  app.router.get("/console/columns", [&app, columns_page](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    if (!is_staff(a) && !a.district_wide()) return web::error_page(app, req, 403, "您没有权限查看栏目管理。");
    return columns_page(req, nullptr);
  });

  app.router.post("/console/columns", [&app, columns_page](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto r = app.disclosure.create_column(a, column_from_form(req.form()->fields));
    if (!r) return columns_page(req, &r.error());
    return web::redirect_with_notice("/console/columns", "栏目已创建。");
  });

  app.router.post("/console/columns/{id}", [&app, columns_page](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto id = parse_id(req.param("id"));
    if (!id) return web::error_page(app, req, 404, "栏目不存在。");
    const auto& f = req.form()->fields;
    store::Column c = column_from_form(f);
    c.id = *id;
    c.active = f.value("active") != "0";
    auto r = app.disclosure.update_column(a, c, parse_int(f.value("version"), -1));
    if (!r) return columns_page(req, &r.error());
    return web::redirect_with_notice("/console/columns", "栏目已保存。");
  });
}

}  // namespace gongkai::disclosure
