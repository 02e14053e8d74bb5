#include "gongkai/disclosure/service.hpp"

#include <boost/json.hpp>
#include <map>
#include <set>
#include <spdlog/spdlog.h>

#include "gongkai/audit/service.hpp"
#include "gongkai/privacy/mask.hpp"
#include "gongkai/text.hpp"
#include "platform/assets.hpp"
#include "platform/crypto.hpp"
#include "platform/db/settings.hpp"
#include "platform/files/inspect.hpp"
#include "platform/files/text_extract.hpp"
#include "platform/render/markdown.hpp"
#include "platform/signing.hpp"
#include "platform/time.hpp"

namespace gongkai::disclosure {

namespace json = boost::json;
using platform::make_error;
using platform::Result;

namespace {

Error not_found() { return make_error("not_found", "文件不存在或已被删除。"); }
Error stale() {
  return make_error("stale_version", "在您操作期间，其他人已修改了此文件。请查看最新状态后再操作；如您正在编辑，您填写的内容已保留在表单中，再次保存将以您的内容为准。");
}

// What the audit log keeps of an edition: the metadata and a hash of the body (the body itself is in the edition).
json::object audit_json(const store::Document& d, const store::Edition& e) {
  return json::object{{"document_id", d.id},
                      {"state", to_string(d.state)},
                      {"index_no", d.index_no},
                      {"column_id", d.column_id ? json::value(*d.column_id) : json::value(nullptr)},
                      {"edition_no", e.edition_no},
                      {"status", to_string(e.status)},
                      {"title", e.f.title},
                      {"doc_no", e.f.doc_no},
                      {"written_on", e.f.written_on},
                      {"formed_on", e.f.formed_on},
                      {"topic", e.f.topic},
                      {"validity", to_string(e.f.validity)},
                      {"disclosure_mode", to_string(e.f.disclosure_mode)},
                      {"body_sha256", platform::sha256_hex(e.f.body_md)},
                      {"urgent", e.urgent},
                      {"review_pending", e.review_pending}};
}

void audit_change(soci::session& s, const units::Actor& actor, const std::string& action, const store::Document& before_doc,
                  const std::optional<store::Edition>& before_ed, const store::Document& after_doc,
                  const store::Edition& after_ed) {
  audit::record(s, actor,
                {action, "document", std::to_string(after_doc.id), after_ed.f.title, after_doc.unit_id,
                 before_ed ? json::serialize(audit_json(before_doc, *before_ed)) : "",
                 json::serialize(audit_json(after_doc, after_ed))});
}

// The local (UTC+8) calendar date of a stored UTC timestamp.
calendar::Date local_date_of(const std::string& utc_iso) {
  std::string local = platform::utc_iso_to_local_display(utc_iso);
  auto d = calendar::Date::parse(local.substr(0, 10));
  return d ? *d : calendar::Date{};
}

LedgerContent ledger_content(const store::Document& d, const store::Edition& e,
                             const std::vector<store::Attachment>& attachments) {
  LedgerContent c;
  c.document_id = d.id;
  c.edition_no = e.edition_no;
  c.index_no = d.index_no;
  c.fields = e.f;
  c.fields.column_id.reset();
  c.published_at = e.published_at;
  for (const auto& a : attachments) c.attachments.push_back({a.sha256, a.size_bytes, a.file_name});
  return c;
}

std::string context_around(std::string_view text, const privacy::Finding& f) {
  // Up to ~12 bytes either side, cut at UTF-8 boundaries, with the finding masked so the page never repeats it.
  auto start = f.offset > 12 ? f.offset - 12 : 0;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  auto end = std::min(text.size(), f.offset + f.length + 12);
  while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  std::string before(text.substr(start, f.offset - start));
  std::string after(text.substr(f.offset + f.length, end - f.offset - f.length));
  return privacy::mask_all(before) + "【" + f.masked + "】" + privacy::mask_all(after);
}

std::string value_hash(const privacy::Finding& f) {
  return platform::sha256_hex(std::string(privacy::pii_kind_code(f.kind)) + ":" + f.value);
}

Error privacy_blocked(const std::vector<PrivacyFinding>& findings) {
  // Counted per kind, in the kinds' own order (身份证号, 手机号, 银行卡号, 电子邮箱).
  std::map<privacy::PiiKind, int> counts;
  for (const auto& f : findings) {
    if (!f.overridden) counts[f.finding.kind]++;
  }
  std::string what;
  for (const auto& [kind, n] : counts) {
    what += (what.empty() ? "" : "、") + std::string(privacy::pii_kind_label(kind)) + " " + std::to_string(n) + " 处";
  }
  return make_error("personal_data_found",
                    "文件中含有未处理的个人信息（" + what + "）。请逐项遮盖，或由审核人说明理由后保留。");
}

bool has_open_findings(const std::vector<PrivacyFinding>& findings) {
  for (const auto& f : findings) {
    if (!f.overridden) return true;
  }
  return false;
}

}  // namespace

DisclosureService::DisclosureService(std::shared_ptr<platform::db::Database> db, units::UnitService& units,
                                     calendar::CalendarService& calendar, std::filesystem::path data_dir)
    : db_(std::move(db)), units_(units), calendar_(calendar), data_dir_(std::move(data_dir)), blobs_(data_dir_ / "blobs") {
  auto text = platform::assets::read("config/disclosure.json");
  auto v = text ? parse_vocabulary(*text) : Result<Vocabulary>(make_error("invalid_vocabulary", "缺少 config/disclosure.json"));
  if (!v) throw std::runtime_error("config/disclosure.json: " + v.error().message);
  vocabulary_ = std::move(*v);
}

std::string DisclosureService::unit_name(long long unit_id) {
  auto u = units_.find(unit_id, true);
  return u ? u->f.name : "";
}

// ---- columns ----------------------------------------------------------------------------------------------------

std::vector<store::Column> DisclosureService::columns() {
  return db_->read([](soci::session& s) { return store::list_columns(s); });
}

std::optional<store::Column> DisclosureService::column_by_slug(const std::string& slug) {
  return db_->read([&](soci::session& s) { return store::find_column_by_slug(s, slug); });
}

namespace {
Result<store::Column> validate_column(soci::session& s, store::Column c) {
  c.name = trim(c.name);
  c.slug = trim(c.slug);
  c.description = trim(c.description);
  if (c.name.empty()) return make_error("required", "请填写栏目名称。", "name");
  if (utf8_length(c.name) > 60) return make_error("too_long", "栏目名称不能超过 60 个字符。", "name");
  bool slug_ok = !c.slug.empty() && c.slug.size() <= 60;
  for (char ch : c.slug) {
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-')) slug_ok = false;
  }
  if (!slug_ok) return make_error("invalid_slug", "栏目网址名只能由小写字母、数字和连字符组成（最多 60 个）。", "slug");
  if (auto other = store::find_column_by_slug(s, c.slug); other && other->id != c.id) {
    return make_error("duplicate_slug", "已有栏目使用这个网址名。", "slug");
  }
  if (c.parent_id) {
    // Walk up from the parent: it must exist and the column must not end up under itself.
    std::optional<long long> p = c.parent_id;
    int depth = 0;
    while (p) {
      if (*p == c.id && c.id != 0) return make_error("invalid_parent", "栏目不能移动到自己或自己的下级之下。", "parent_id");
      auto parent = store::find_column(s, *p);
      if (!parent) return make_error("invalid_parent", "上级栏目不存在。", "parent_id");
      p = parent->parent_id;
      if (++depth > 20) return make_error("invalid_parent", "栏目层级过深。", "parent_id");
    }
  }
  if (c.update_interval_days && (*c.update_interval_days < 1 || *c.update_interval_days > 3660)) {
    return make_error("invalid_interval", "更新周期应在 1 到 3660 天之间。", "update_interval_days");
  }
  return c;
}

json::object column_json(const store::Column& c) {
  return json::object{{"id", c.id}, {"slug", c.slug}, {"name", c.name}, {"parent_id", c.parent_id ? json::value(*c.parent_id) : nullptr},
                      {"update_interval_days", c.update_interval_days ? json::value(*c.update_interval_days) : nullptr},
                      {"active", c.active}, {"sort_order", c.sort_order}};
}
}  // namespace

Result<long long> DisclosureService::create_column(const units::Actor& actor, store::Column c) {
  if (!actor.district_wide()) return make_error("forbidden", "只有政务公开办和系统管理员可以管理栏目。");
  return db_->write([&](soci::session& s) -> Result<long long> {
    c.id = 0;
    auto v = validate_column(s, std::move(c));
    if (!v) return v.error();
    v->required = false;
    long long id = store::insert_column(s, *v, platform::now_utc_iso());
    v->id = id;
    audit::record(s, actor, {"column.create", "column", std::to_string(id), v->name, std::nullopt, "",
                             json::serialize(column_json(*v))});
    return id;
  });
}

Result<void> DisclosureService::update_column(const units::Actor& actor, store::Column c, int expected_version) {
  if (!actor.district_wide()) return make_error("forbidden", "只有政务公开办和系统管理员可以管理栏目。");
  return db_->write([&](soci::session& s) -> Result<void> {
    auto before = store::find_column(s, c.id);
    if (!before) return make_error("not_found", "栏目不存在。");
    // The four statutory columns stay first-level, keep their address and cannot be switched off.
    if (before->required) {
      c.parent_id.reset();
      c.slug = before->slug;
      c.active = true;
    }
    c.required = before->required;
    auto v = validate_column(s, std::move(c));
    if (!v) return v.error();
    if (!store::update_column(s, *v, expected_version, platform::now_utc_iso())) {
      return make_error("stale_version", "在您编辑期间，其他人已保存了此栏目的修改。请刷新后重试。");
    }
    audit::record(s, actor, {"column.update", "column", std::to_string(v->id), v->name, std::nullopt,
                             json::serialize(column_json(*before)), json::serialize(column_json(*v))});
    return {};
  });
}

// ---- drafting ---------------------------------------------------------------------------------------------------

Result<long long> DisclosureService::create_draft(const units::Actor& actor, long long unit_id, EditionFields f) {
  auto unit = units_.find(unit_id);
  if (!unit) return make_error("invalid_unit", "请选择发布机构（单位）。", "unit_id");
  if (auto r = may(actor, Action::save, {unit_id, 0, 0}); !r) return r.error();
  auto valid = validate_edition(std::move(f), vocabulary_, false);
  if (!valid) return valid.error();
  return db_->write([&](soci::session& s) -> Result<long long> {
    if (valid->column_id && !store::find_column(s, *valid->column_id)) {
      return make_error("invalid_column", "所选栏目不存在。", "column_id");
    }
    if (valid->catalogue_entry_id) {
      auto entry = store::find_catalogue_entry(s, *valid->catalogue_entry_id);
      if (!entry || entry->unit_id != unit_id) return make_error("invalid_catalogue_entry", "所选标准目录事项不属于本单位。", "catalogue_entry_id");
    }
    std::string now = platform::now_utc_iso();
    store::Document d;
    d.unit_id = unit_id;
    d.column_id = valid->column_id;
    d.state = DocumentState::draft;
    d.created_by = actor.user_id;
    d.id = store::insert_document(s, d, now);
    store::Edition e;
    e.document_id = d.id;
    e.edition_no = 1;
    e.status = EditionStatus::draft;
    e.f = *valid;
    e.id = store::insert_edition(s, e, now);
    audit_change(s, actor, "document.create", d, std::nullopt, d, e);
    return d.id;
  });
}

Result<void> DisclosureService::save_draft(const units::Actor& actor, long long document_id, EditionFields f,
                                           int expected_version) {
  return db_->write([&](soci::session& s) -> Result<void> {
    auto doc = store::find_document(s, document_id);
    auto e = doc ? store::latest_edition(s, document_id) : std::nullopt;
    if (!doc || !e) return not_found();
    if (auto r = may(actor, Action::save, {doc->unit_id, 0, 0}); !r) return r.error();
    if (auto r = edition_transition(e->status, Action::save); !r) return r.error();
    if (e->version != expected_version) return stale();
    auto valid = validate_edition(std::move(f), vocabulary_, e->edition_no > 1);
    if (!valid) return valid.error();
    if (valid->column_id && !store::find_column(s, *valid->column_id)) {
      return make_error("invalid_column", "所选栏目不存在。", "column_id");
    }
    if (valid->catalogue_entry_id) {
      auto entry = store::find_catalogue_entry(s, *valid->catalogue_entry_id);
      if (!entry || entry->unit_id != doc->unit_id) {
        return make_error("invalid_catalogue_entry", "所选标准目录事项不属于本单位。", "catalogue_entry_id");
      }
    }
    auto before_doc = *doc;
    auto before = *e;
    e->f = *valid;
    std::string now = platform::now_utc_iso();
    if (!store::update_edition(s, *e, expected_version, now)) return stale();
    if (doc->column_id != valid->column_id) {
      doc->column_id = valid->column_id;
      if (!store::update_document(s, *doc, doc->version, now)) return stale();
    }
    audit_change(s, actor, "document.save", before_doc, before, *doc, *e);
    return {};
  });
}

std::vector<PrivacyFinding> DisclosureService::findings_of(soci::session& s, const store::Document& doc,
                                                           const store::Edition& e) {
  std::set<std::string> overridden;
  std::map<std::string, std::string> reasons;
  for (const auto& o : store::list_overrides(s, doc.id)) {
    overridden.insert(o.kind + ":" + o.value_hash);
    reasons[o.kind + ":" + o.value_hash] = o.reason;
  }
  std::vector<PrivacyFinding> out;
  auto scan_field = [&](const std::string& field, const std::string& label, const std::string& text) {
    for (auto& f : privacy::scan(text)) {
      PrivacyFinding pf;
      pf.field = field;
      pf.field_label = label;
      pf.context = context_around(text, f);
      pf.value_hash = value_hash(f);
      std::string key = std::string(privacy::pii_kind_code(f.kind)) + ":" + pf.value_hash;
      pf.overridden = overridden.count(key) > 0;
      if (pf.overridden) pf.override_reason = reasons[key];
      pf.finding = std::move(f);
      out.push_back(std::move(pf));
    }
  };
  scan_field("title", "标题", e.f.title);
  scan_field("summary", "内容概述", e.f.summary);
  scan_field("doc_no", "文号", e.f.doc_no);
  scan_field("keywords", "主题词", e.f.keywords);
  scan_field("body_md", "正文", e.f.body_md);
  for (const auto& a : store::list_attachments(s, e.id)) {
    scan_field("attachment:" + std::to_string(a.id), "附件《" + a.file_name + "》", a.text);
  }
  return out;
}

namespace {
// Loads the document and its latest edition, checks the permission and the transition, and the version.
struct Loaded {
  store::Document doc;
  store::Edition edition;
};
Result<Loaded> load_for(soci::session& s, const units::Actor& actor, long long document_id, Action a,
                        std::optional<int> expected_version) {
  auto doc = store::find_document(s, document_id);
  auto e = doc ? store::latest_edition(s, document_id) : std::nullopt;
  if (!doc || !e) return not_found();
  WorkflowContext ctx{doc->unit_id, e->author_id, e->urgent ? e->published_by : 0};
  if (auto r = may(actor, a, ctx); !r) return r.error();
  if (auto r = edition_transition(e->status, a); !r) return r.error();
  if (auto r = document_transition(doc->state, a); !r) return r.error();
  if (expected_version && e->version != *expected_version) return stale();
  return Loaded{*doc, *e};
}
}  // namespace

Result<void> DisclosureService::submit(const units::Actor& actor, long long document_id, int expected_version) {
  return db_->write([&](soci::session& s) -> Result<void> {
    auto l = load_for(s, actor, document_id, Action::submit, expected_version);
    if (!l) return l.error();
    auto findings = findings_of(s, l->doc, l->edition);
    if (has_open_findings(findings)) return privacy_blocked(findings);
    auto before = l->edition;
    l->edition.status = EditionStatus::submitted;
    l->edition.author_id = actor.user_id;
    std::string now = platform::now_utc_iso();
    l->edition.submitted_at = now;
    l->edition.rejection_reason.clear();
    if (!store::update_edition(s, l->edition, expected_version, now)) return stale();
    audit_change(s, actor, "document.submit", l->doc, before, l->doc, l->edition);
    return {};
  });
}

Result<void> DisclosureService::recall(const units::Actor& actor, long long document_id, int expected_version) {
  return db_->write([&](soci::session& s) -> Result<void> {
    auto l = load_for(s, actor, document_id, Action::recall, expected_version);
    if (!l) return l.error();
    auto before = l->edition;
    l->edition.status = EditionStatus::draft;
    if (!store::update_edition(s, l->edition, expected_version, platform::now_utc_iso())) return stale();
    audit_change(s, actor, "document.recall", l->doc, before, l->doc, l->edition);
    return {};
  });
}

Result<void> DisclosureService::approve(const units::Actor& actor, long long document_id, const std::string& opinion,
                                        int expected_version) {
  std::string text = trim(opinion);
  if (text.empty()) return make_error("required", "请填写保密审查意见。", "opinion");
  if (utf8_length(text) > 2000) return make_error("too_long", "审查意见不能超过 2000 个字符。", "opinion");
  return db_->write([&](soci::session& s) -> Result<void> {
    auto l = load_for(s, actor, document_id, Action::approve, expected_version);
    if (!l) return l.error();
    auto before = l->edition;
    std::string now = platform::now_utc_iso();
    l->edition.status = EditionStatus::approved;
    l->edition.reviewer_id = actor.user_id;
    l->edition.review_opinion = text;
    l->edition.reviewed_at = now;
    if (!store::update_edition(s, l->edition, expected_version, now)) return stale();
    audit_change(s, actor, "document.approve", l->doc, before, l->doc, l->edition);
    return {};
  });
}

Result<void> DisclosureService::reject(const units::Actor& actor, long long document_id, const std::string& reason,
                                       int expected_version) {
  std::string text = trim(reason);
  if (text.empty()) return make_error("required", "请填写退回理由。", "reason");
  if (utf8_length(text) > 2000) return make_error("too_long", "退回理由不能超过 2000 个字符。", "reason");
  return db_->write([&](soci::session& s) -> Result<void> {
    auto l = load_for(s, actor, document_id, Action::reject, expected_version);
    if (!l) return l.error();
    auto before = l->edition;
    std::string now = platform::now_utc_iso();
    l->edition.status = EditionStatus::draft;
    l->edition.reviewer_id = actor.user_id;
    l->edition.rejection_reason = text;
    l->edition.reviewed_at = now;
    if (!store::update_edition(s, l->edition, expected_version, now)) return stale();
    audit_change(s, actor, "document.reject", l->doc, before, l->doc, l->edition);
    return {};
  });
}

// Publishes `e` (approved, scheduled, or urgently from a draft) of `doc`: index number on first publication,
// timeliness, rendered body, the previous edition superseded, the ledger entry, the audit entry.
Result<void> DisclosureService::publish_locked(soci::session& s, const units::Actor& actor, store::Document& doc,
                                               store::Edition& e, const std::string& action, bool scheduled_run) {
  // 公文公开属性: only information marked 主动公开 goes on the portal; 依申请公开 is released on request and 不予公开
  // not at all (the draft keeps the decision and its reason on record).
  if (e.f.disclosure_mode != DisclosureMode::proactive) {
    return make_error("not_proactive", "该文件的公开属性为“" + std::string(label(e.f.disclosure_mode)) +
                                           "”，不能主动发布。如需主动公开，请先将公开属性改为“主动公开”。", "disclosure_mode");
  }
  auto findings = findings_of(s, doc, e);
  if (has_open_findings(findings)) return privacy_blocked(findings);
  const auto before_doc = doc;
  const auto before_ed = e;
  std::string now = platform::now_utc_iso();
  calendar::Date today = local_date_of(now);
  auto unit = units_.find(doc.unit_id, true);
  if (!unit) return make_error("invalid_unit", "发布机构不存在。");
  if (doc.index_no.empty()) {
    std::string pattern = platform::db::get_setting(s, "disclosure.index_no_pattern");
    if (pattern.empty()) pattern = vocabulary_.index_no_pattern;
    long long serial = store::next_index_serial(s, doc.unit_id, today.year());
    auto no = format_index_no(pattern, unit->f.credit_code, doc.unit_id, today.year(), serial);
    if (!no) return no.error();
    // A hand-made pattern could collide with an imported number: take the next serial rather than fail.
    while (store::index_no_taken(s, *no)) {
      serial = store::next_index_serial(s, doc.unit_id, today.year());
      no = format_index_no(pattern, unit->f.credit_code, doc.unit_id, today.year(), serial);
      if (!no) return no.error();
    }
    doc.index_no = *no;
  }
  if (e.f.issuer_name.empty()) e.f.issuer_name = unit->f.name;
  e.status = EditionStatus::published;
  e.published_at = now;
  e.published_on = today.iso();
  e.published_by = scheduled_run ? e.published_by : actor.user_id;
  auto t = timeliness(*calendar_.current(), e.f.formed_on, today, vocabulary_.publish_within_working_days);
  e.working_days_to_publish = t.working_days;
  e.timely = t.timely;
  e.body_html = platform::render::markdown_to_html(e.f.body_md);
  auto attachments = store::list_attachments(s, e.id);
  e.content_hash = content_hash(ledger_content(doc, e, attachments));
  if (!store::update_edition(s, e, e.version, now)) return stale();
  e.version += 1;
  bool first = !doc.published_edition.has_value();
  if (!first) {
    if (auto old = store::find_edition(s, doc.id, *doc.published_edition); old && old->id != e.id) {
      old->status = EditionStatus::superseded;
      if (!store::update_edition(s, *old, old->version, now)) return stale();
    }
  }
  doc.state = DocumentState::published;
  doc.published_edition = e.edition_no;
  if (first) doc.first_published_at = now;
  doc.last_published_at = now;
  if (!store::update_document(s, doc, doc.version, now)) return stale();
  doc.version += 1;

  auto head = store::lock_head(s);
  LedgerEntry entry;
  entry.seq = head.seq + 1;
  entry.at = now;
  entry.action = first ? "publish" : "new_edition";
  entry.document_id = doc.id;
  entry.edition_no = e.edition_no;
  entry.index_no = doc.index_no;
  entry.title = e.f.title;
  entry.content_hash = e.content_hash;
  entry.prev_hash = head.entry_hash;
  entry.entry_hash = entry_hash(entry);
  store::append_entry(s, entry);
  audit_change(s, actor, action, before_doc, before_ed, doc, e);
  if (on_public_change) on_public_change(s, doc.id);
  return {};
}

Result<void> DisclosureService::publish(const units::Actor& actor, long long document_id, int expected_version) {
  return db_->write([&](soci::session& s) -> Result<void> {
    auto l = load_for(s, actor, document_id, Action::publish, expected_version);
    if (!l) return l.error();
    return publish_locked(s, actor, l->doc, l->edition, "document.publish", false);
  });
}

Result<void> DisclosureService::schedule(const units::Actor& actor, long long document_id, const std::string& publish_at,
                                         int expected_version) {
  // publish_at arrives as a UTC ISO timestamp; it must be in the future and within a year.
  std::string now = platform::now_utc_iso();
  if (publish_at.size() != 20 || publish_at[10] != 'T' || publish_at.back() != 'Z' || !calendar::Date::parse(publish_at.substr(0, 10))) {
    return make_error("invalid_time", "请填写有效的定时发布时间。", "publish_at");
  }
  if (publish_at <= now) return make_error("invalid_time", "定时发布时间必须晚于现在。", "publish_at");
  return db_->write([&](soci::session& s) -> Result<void> {
    auto l = load_for(s, actor, document_id, Action::schedule, expected_version);
    if (!l) return l.error();
    if (l->edition.f.disclosure_mode != DisclosureMode::proactive) {
      return make_error("not_proactive", "该文件的公开属性不是“主动公开”，不能定时发布。", "disclosure_mode");
    }
    auto findings = findings_of(s, l->doc, l->edition);
    if (has_open_findings(findings)) return privacy_blocked(findings);
    auto before = l->edition;
    l->edition.status = EditionStatus::scheduled;
    l->edition.publish_at = publish_at;
    l->edition.published_by = actor.user_id;
    if (!store::update_edition(s, l->edition, expected_version, now)) return stale();
    audit_change(s, actor, "document.schedule", l->doc, before, l->doc, l->edition);
    return {};
  });
}

Result<void> DisclosureService::unschedule(const units::Actor& actor, long long document_id, int expected_version) {
  return db_->write([&](soci::session& s) -> Result<void> {
    auto l = load_for(s, actor, document_id, Action::unschedule, expected_version);
    if (!l) return l.error();
    auto before = l->edition;
    l->edition.status = EditionStatus::approved;
    l->edition.publish_at.clear();
    l->edition.published_by = 0;
    if (!store::update_edition(s, l->edition, expected_version, platform::now_utc_iso())) return stale();
    audit_change(s, actor, "document.unschedule", l->doc, before, l->doc, l->edition);
    return {};
  });
}

Result<void> DisclosureService::urgent_publish(const units::Actor& actor, long long document_id, const std::string& reason,
                                               int expected_version) {
  std::string text = trim(reason);
  if (text.empty()) return make_error("required", "请说明紧急发布的理由。", "reason");
  return db_->write([&](soci::session& s) -> Result<void> {
    auto l = load_for(s, actor, document_id, Action::urgent_publish, expected_version);
    if (!l) return l.error();
    l->edition.urgent = true;
    l->edition.review_pending = true;
    l->edition.review_opinion = "紧急发布理由：" + text;
    if (l->edition.author_id == 0) l->edition.author_id = actor.user_id;
    return publish_locked(s, actor, l->doc, l->edition, "document.urgent_publish", false);
  });
}

Result<void> DisclosureService::post_review(const units::Actor& actor, long long document_id, const std::string& opinion,
                                            int expected_version) {
  std::string text = trim(opinion);
  if (text.empty()) return make_error("required", "请填写事后审查意见。", "opinion");
  return db_->write([&](soci::session& s) -> Result<void> {
    auto l = load_for(s, actor, document_id, Action::post_review, expected_version);
    if (!l) return l.error();
    if (!l->edition.review_pending) {
      return make_error("invalid_transition", "该版本不是待事后审核的紧急发布。");
    }
    auto before = l->edition;
    std::string now = platform::now_utc_iso();
    l->edition.review_pending = false;
    l->edition.reviewer_id = actor.user_id;
    l->edition.reviewed_at = now;
    // The published opinion field is frozen with the edition; the post-review opinion lives in the audit entry.
    if (!store::update_edition(s, l->edition, expected_version, now)) return stale();
    audit::record(s, actor,
                  {"document.post_review", "document", std::to_string(l->doc.id), l->edition.f.title, l->doc.unit_id,
                   json::serialize(audit_json(l->doc, before)),
                   json::serialize(json::object{{"review_pending", false}, {"opinion", text}})});
    return {};
  });
}

Result<int> DisclosureService::new_edition(const units::Actor& actor, long long document_id) {
  return db_->write([&](soci::session& s) -> Result<int> {
    auto doc = store::find_document(s, document_id);
    auto latest = doc ? store::latest_edition(s, document_id) : std::nullopt;
    if (!doc || !latest) return not_found();
    if (auto r = may(actor, Action::new_edition, {doc->unit_id, 0, 0}); !r) return r.error();
    if (auto r = document_transition(doc->state, Action::new_edition); !r) return r.error();
    if (latest->status != EditionStatus::published) {
      return make_error("invalid_transition", "该文件已有正在编辑或审核中的新版本（第 " + std::to_string(latest->edition_no) + " 版）。");
    }
    std::string now = platform::now_utc_iso();
    store::Edition e;
    e.document_id = doc->id;
    e.edition_no = latest->edition_no + 1;
    e.status = EditionStatus::draft;
    e.f = latest->f;
    e.f.change_kind = ChangeKind::major;
    e.f.change_note.clear();
    e.id = store::insert_edition(s, e, now);
    for (auto a : store::list_attachments(s, latest->id)) {
      a.edition_id = e.id;
      store::insert_attachment(s, a);
    }
    audit_change(s, actor, "document.new_edition", *doc, *latest, *doc, e);
    return e.edition_no;
  });
}

Result<void> DisclosureService::withdraw(const units::Actor& actor, long long document_id, const std::string& reason,
                                         int document_version) {
  std::string text = trim(reason);
  if (text.empty()) return make_error("required", "请填写公开的撤回理由，它将显示在原网址上。", "reason");
  if (utf8_length(text) > 1000) return make_error("too_long", "撤回理由不能超过 1000 个字符。", "reason");
  return db_->write([&](soci::session& s) -> Result<void> {
    auto doc = store::find_document(s, document_id);
    if (!doc || !doc->published_edition) return doc ? Result<void>(make_error("invalid_transition", "未发布的文件不能撤回。")) : not_found();
    auto e = store::find_edition(s, document_id, *doc->published_edition);
    if (!e) return not_found();
    if (auto r = may(actor, Action::withdraw, {doc->unit_id, 0, 0}); !r) return r.error();
    if (auto r = document_transition(doc->state, Action::withdraw); !r) return r.error();
    if (doc->version != document_version) return stale();
    // Personal data in the withdrawal reason would be published too.
    if (!privacy::scan(text).empty()) {
      return make_error("personal_data_found", "撤回理由中含有个人信息，请删除后再提交。", "reason");
    }
    auto before = *doc;
    std::string now = platform::now_utc_iso();
    doc->state = DocumentState::withdrawn;
    doc->withdrawn_at = now;
    doc->withdrawal_reason = text;
    if (!store::update_document(s, *doc, document_version, now)) return stale();
    auto head = store::lock_head(s);
    LedgerEntry entry{head.seq + 1, now, "withdraw", doc->id, e->edition_no, doc->index_no, e->f.title,
                      state_change_hash(doc->id, "withdraw", text), head.entry_hash, ""};
    entry.entry_hash = entry_hash(entry);
    store::append_entry(s, entry);
    audit_change(s, actor, "document.withdraw", before, *e, *doc, *e);
    if (on_public_change) on_public_change(s, doc->id);
    return {};
  });
}

Result<void> DisclosureService::repeal(const units::Actor& actor, long long document_id, const std::string& repealed_on,
                                       const std::string& note, int document_version) {
  auto date = calendar::Date::parse(trim(repealed_on));
  if (!date) return make_error("invalid_date", "请填写有效的废止日期，例如 2026-03-01。", "repealed_on");
  std::string text = trim(note);
  if (utf8_length(text) > 1000) return make_error("too_long", "废止说明不能超过 1000 个字符。", "note");
  return db_->write([&](soci::session& s) -> Result<void> {
    auto doc = store::find_document(s, document_id);
    if (!doc || !doc->published_edition) return doc ? Result<void>(make_error("invalid_transition", "未发布的文件不能废止。")) : not_found();
    auto e = store::find_edition(s, document_id, *doc->published_edition);
    if (!e) return not_found();
    if (auto r = may(actor, Action::repeal, {doc->unit_id, 0, 0}); !r) return r.error();
    if (auto r = document_transition(doc->state, Action::repeal); !r) return r.error();
    if (doc->version != document_version) return stale();
    if (!privacy::scan(text).empty()) {
      return make_error("personal_data_found", "废止说明中含有个人信息，请删除后再提交。", "note");
    }
    auto before = *doc;
    std::string now = platform::now_utc_iso();
    doc->state = DocumentState::repealed;
    doc->repealed_on = date->iso();
    doc->repeal_note = text;
    if (!store::update_document(s, *doc, document_version, now)) return stale();
    auto head = store::lock_head(s);
    LedgerEntry entry{head.seq + 1, now, "repeal", doc->id, e->edition_no, doc->index_no, e->f.title,
                      state_change_hash(doc->id, "repeal", doc->repealed_on + "\n" + text), head.entry_hash, ""};
    entry.entry_hash = entry_hash(entry);
    store::append_entry(s, entry);
    audit_change(s, actor, "document.repeal", before, *e, *doc, *e);
    if (on_public_change) on_public_change(s, doc->id);
    return {};
  });
}

// ---- the personal-data gate -------------------------------------------------------------------------------------

Result<int> DisclosureService::mask_findings(const units::Actor& actor, long long document_id, int expected_version) {
  return db_->write([&](soci::session& s) -> Result<int> {
    auto l = load_for(s, actor, document_id, Action::save, expected_version);
    if (!l) return l.error();
    auto before = l->edition;
    int masked = 0;
    for (std::string* field : {&l->edition.f.title, &l->edition.f.summary, &l->edition.f.doc_no,
                               &l->edition.f.keywords, &l->edition.f.body_md}) {
      masked += static_cast<int>(privacy::scan(*field).size());
      *field = privacy::mask_all(*field);
    }
    if (masked == 0) return 0;
    if (!store::update_edition(s, l->edition, expected_version, platform::now_utc_iso())) return stale();
    audit_change(s, actor, "document.mask_personal_data", l->doc, before, l->doc, l->edition);
    return masked;
  });
}

Result<void> DisclosureService::override_finding(const units::Actor& actor, long long document_id, const std::string& kind,
                                                 const std::string& hash, const std::string& reason) {
  std::string text = trim(reason);
  if (text.empty()) return make_error("required", "保留个人信息须记录理由。", "reason");
  return db_->write([&](soci::session& s) -> Result<void> {
    auto doc = store::find_document(s, document_id);
    auto e = doc ? store::latest_edition(s, document_id) : std::nullopt;
    if (!doc || !e) return not_found();
    // Only a reviewer decides, and never the person whose draft it is.
    WorkflowContext ctx{doc->unit_id, e->author_id ? e->author_id : doc->created_by, 0};
    if (auto r = may(actor, Action::approve, ctx); !r) return r.error();
    for (const auto& f : findings_of(s, *doc, *e)) {
      if (std::string(privacy::pii_kind_code(f.finding.kind)) != kind || value_hash(f.finding) != hash) continue;
      if (f.overridden) return {};
      store::Override o{kind, hash, f.finding.masked, text, actor.user_id, platform::now_utc_iso()};
      store::insert_override(s, doc->id, o);
      audit::record(s, actor,
                    {"document.privacy_override", "document", std::to_string(doc->id), e->f.title, doc->unit_id, "",
                     json::serialize(json::object{{"kind", kind}, {"masked", f.finding.masked}, {"reason", text}})});
      return {};
    }
    return make_error("not_found", "没有找到这条个人信息，可能已被遮盖。");
  });
}

// ---- attachments ------------------------------------------------------------------------------------------------

Result<long long> DisclosureService::add_attachment(const units::Actor& actor, long long document_id,
                                                    const std::string& file_name, std::string_view bytes,
                                                    int expected_version) {
  // Check and store the bytes before the transaction: the blob store is idempotent, so a refused change leaves at
  // most an unreferenced blob, never a reference without its file.
  auto info = platform::files::inspect_upload(file_name, bytes, kMaxAttachmentBytes);
  if (!info) return info.error();
  auto text = platform::files::extract_text(info->kind, bytes);
  // A file whose text cannot be read is still accepted (scanned images are common), but never silently: the
  // personal-data gate cannot see inside it, so the reviewer is told on the document page.
  std::string extracted = text ? *text : "";
  auto blob = blobs_.put(bytes);
  if (!blob) return blob.error();
  return db_->write([&](soci::session& s) -> Result<long long> {
    auto l = load_for(s, actor, document_id, Action::save, expected_version);
    if (!l) return l.error();
    auto existing = store::list_attachments(s, l->edition.id);
    if (existing.size() >= 30) return make_error("too_many_attachments", "每个版本最多 30 个附件。", "file");
    store::Attachment a;
    a.edition_id = l->edition.id;
    a.position = existing.empty() ? 1 : existing.back().position + 1;
    a.file_name = info->safe_name;
    a.sha256 = blob->sha256;
    a.size_bytes = static_cast<long long>(blob->size);
    a.mime = info->mime;
    a.kind = info->kind;
    a.text = extracted;
    a.created_at = platform::now_utc_iso();
    a.id = store::insert_attachment(s, a);
    // The edition changed: its version moves on, so a form opened before the upload cannot overwrite it unseen.
    if (!store::update_edition(s, l->edition, expected_version, a.created_at)) return stale();
    audit::record(s, actor,
                  {"document.attachment_add", "document", std::to_string(document_id), l->edition.f.title,
                   l->doc.unit_id, "",
                   json::serialize(json::object{{"file_name", a.file_name}, {"sha256", a.sha256}, {"size", a.size_bytes},
                                                {"kind", a.kind}, {"text_extracted", text.ok()}})});
    return a.id;
  });
}

Result<void> DisclosureService::remove_attachment(const units::Actor& actor, long long document_id, long long attachment_id,
                                                  int expected_version) {
  return db_->write([&](soci::session& s) -> Result<void> {
    auto l = load_for(s, actor, document_id, Action::save, expected_version);
    if (!l) return l.error();
    std::optional<store::Attachment> found;
    for (const auto& a : store::list_attachments(s, l->edition.id)) {
      if (a.id == attachment_id) found = a;
    }
    if (!found) return make_error("not_found", "附件不存在。");
    // Only the draft edition's row goes; the blob stays, since published editions may share it.
    store::delete_attachment(s, l->edition.id, attachment_id);
    if (!store::update_edition(s, l->edition, expected_version, platform::now_utc_iso())) return stale();
    audit::record(s, actor,
                  {"document.attachment_remove", "document", std::to_string(document_id), l->edition.f.title,
                   l->doc.unit_id, json::serialize(json::object{{"file_name", found->file_name}, {"sha256", found->sha256}}),
                   ""});
    return {};
  });
}

std::optional<DisclosureService::FileDownload> DisclosureService::public_attachment(long long document_id, int edition_no,
                                                                                    long long attachment_id) {
  auto a = db_->read([&](soci::session& s) -> std::optional<store::Attachment> {
    auto doc = store::find_document(s, document_id);
    if (!doc || !doc->published_edition || doc->state == DocumentState::withdrawn) return std::nullopt;
    auto e = store::find_edition(s, document_id, edition_no);
    if (!e || (e->status != EditionStatus::published && e->status != EditionStatus::superseded)) return std::nullopt;
    for (const auto& x : store::list_attachments(s, e->id)) {
      if (x.id == attachment_id) return x;
    }
    return std::nullopt;
  });
  if (!a) return std::nullopt;
  auto bytes = blobs_.read(a->sha256);
  if (!bytes) {
    spdlog::error("attachment {} of document {}: {}", a->id, document_id, bytes.error().code);
    return std::nullopt;
  }
  return FileDownload{a->file_name, a->mime, std::move(*bytes)};
}

Result<DisclosureService::FileDownload> DisclosureService::staff_attachment(const units::Actor& actor, long long document_id,
                                                                            long long attachment_id) {
  auto a = db_->read([&](soci::session& s) -> Result<store::Attachment> {
    auto doc = store::find_document(s, document_id);
    if (!doc) return not_found();
    if (!may(actor, Action::save, {doc->unit_id, 0, 0}) && !may(actor, Action::publish, {doc->unit_id, 0, 0})) {
      return make_error("forbidden", "您没有权限查看其他单位的文件。");
    }
    for (const auto& e : store::list_editions(s, document_id)) {
      for (const auto& x : store::list_attachments(s, e.id)) {
        if (x.id == attachment_id) return x;
      }
    }
    return make_error("not_found", "附件不存在。");
  });
  if (!a) return a.error();
  auto bytes = blobs_.read(a->sha256);
  if (!bytes) return bytes.error();
  return FileDownload{a->file_name, a->mime, std::move(*bytes)};
}

// ---- 标准目录 -----------------------------------------------------------------------------------------------------

std::vector<CatalogueEntry> DisclosureService::catalogue(std::optional<long long> unit_id) {
  return db_->read([&](soci::session& s) { return store::list_catalogue(s, unit_id); });
}

std::vector<std::pair<long long, long long>> DisclosureService::catalogue_citations(long long unit_id) {
  return db_->read([&](soci::session& s) { return store::catalogue_citations(s, unit_id); });
}

Result<DisclosureService::CatalogueImport> DisclosureService::import_catalogue(const units::Actor& actor, long long unit_id,
                                                                               const std::vector<std::vector<std::string>>& rows) {
  if (!actor.has(units::Role::supervisor) && !(actor.has(units::Role::unit_admin) && actor.unit_id == unit_id) &&
      !actor.system) {
    return make_error("forbidden", "只有本单位管理员或政务公开办可以导入标准目录。");
  }
  auto unit = units_.find(unit_id);
  if (!unit) return make_error("invalid_unit", "请选择单位。", "unit_id");
  auto parsed = parse_catalogue(rows, vocabulary_);
  if (!parsed) return parsed.error();
  return db_->write([&](soci::session& s) -> Result<CatalogueImport> {
    CatalogueImport out;
    out.problems = parsed->problems;
    std::string now = platform::now_utc_iso();
    for (auto e : parsed->entries) {
      e.unit_id = unit_id;
      if (store::upsert_catalogue_entry(s, e, now)) ++out.created;
      else ++out.updated;
    }
    audit::record(s, actor,
                  {"catalogue.import", "unit", std::to_string(unit_id), unit->f.name, unit_id, "",
                   json::serialize(json::object{{"created", out.created}, {"updated", out.updated},
                                                {"rejected_rows", out.problems.size()}})});
    return out;
  });
}

// ---- links ------------------------------------------------------------------------------------------------------

Result<void> DisclosureService::link(const units::Actor& actor, long long from_id, long long to_id, const std::string& kind) {
  if (kind != "interprets" && kind != "related") return make_error("invalid_link", "未知的关联类型。");
  if (from_id == to_id) return make_error("invalid_link", "文件不能关联自己。", "to_id");
  return db_->write([&](soci::session& s) -> Result<void> {
    auto from = store::find_document(s, from_id);
    auto to = store::find_document(s, to_id);
    if (!from) return not_found();
    if (!to) return make_error("not_found", "要关联的文件不存在，请核对文件编号。", "to_id");
    if (auto r = may(actor, Action::save, {from->unit_id, 0, 0}); !r) return r.error();
    for (const auto& l : store::links_of(s, from_id)) {
      if (l.from_document_id == from_id && l.to_document_id == to_id && l.kind == kind) return {};
    }
    store::insert_link(s, {from_id, to_id, kind}, platform::now_utc_iso());
    audit::record(s, actor, {"document.link", "document", std::to_string(from_id), "", from->unit_id, "",
                             json::serialize(json::object{{"to", to_id}, {"kind", kind}})});
    return {};
  });
}

Result<void> DisclosureService::unlink(const units::Actor& actor, long long from_id, long long to_id, const std::string& kind) {
  return db_->write([&](soci::session& s) -> Result<void> {
    auto from = store::find_document(s, from_id);
    if (!from) return not_found();
    if (auto r = may(actor, Action::save, {from->unit_id, 0, 0}); !r) return r.error();
    store::delete_link(s, {from_id, to_id, kind});
    audit::record(s, actor, {"document.unlink", "document", std::to_string(from_id), "", from->unit_id,
                             json::serialize(json::object{{"to", to_id}, {"kind", kind}}), ""});
    return {};
  });
}

// ---- reading ----------------------------------------------------------------------------------------------------

Result<StaffDocument> DisclosureService::staff_document(const units::Actor& actor, long long document_id) {
  auto out = db_->read([&](soci::session& s) -> Result<StaffDocument> {
    auto doc = store::find_document(s, document_id);
    if (!doc) return not_found();
    if (!may(actor, Action::save, {doc->unit_id, 0, 0}) && !may(actor, Action::publish, {doc->unit_id, 0, 0})) {
      return make_error("forbidden", "您没有权限查看其他单位的文件草稿。");
    }
    StaffDocument sd;
    sd.doc = *doc;
    sd.editions = store::list_editions(s, document_id);
    if (sd.editions.empty()) return not_found();
    for (auto& e : sd.editions) e.f.column_id = doc->column_id;  // the column is the document's, shown on its edition
    sd.edition = sd.editions.back();
    for (const auto& e : sd.editions) {
      if (doc->published_edition && e.edition_no == *doc->published_edition) sd.published = e;
    }
    sd.attachments = store::list_attachments(s, sd.edition.id);
    sd.findings = findings_of(s, *doc, sd.edition);
    sd.links = store::links_of(s, document_id);
    return sd;
  });
  if (out) out->unit_name = unit_name(out->doc.unit_id);
  return out;
}

std::vector<store::WorkItem> DisclosureService::work(const units::Actor& actor, const std::vector<std::string>& statuses,
                                                     int limit) {
  std::optional<long long> unit;
  if (!actor.has(units::Role::supervisor)) unit = actor.unit_id;
  return db_->read([&](soci::session& s) { return store::list_work(s, unit, statuses, limit); });
}

std::optional<PublicDocument> DisclosureService::public_document(long long document_id, std::optional<int> edition_no) {
  auto out = db_->read([&](soci::session& s) -> std::optional<PublicDocument> {
    auto doc = store::find_document(s, document_id);
    if (!doc || !doc->published_edition) return std::nullopt;
    PublicDocument p;
    p.doc = *doc;
    for (auto& e : store::list_editions(s, document_id)) {
      if (e.status == EditionStatus::published || e.status == EditionStatus::superseded) p.editions.push_back(std::move(e));
    }
    int want = edition_no.value_or(*doc->published_edition);
    bool found = false;
    for (const auto& e : p.editions) {
      if (e.edition_no == want) {
        p.edition = e;
        found = true;
      }
    }
    if (!found) return std::nullopt;
    p.is_current = want == *doc->published_edition;
    p.attachments = store::list_attachments(s, p.edition.id);
    for (const auto& l : store::links_of(s, document_id)) {
      bool outgoing = l.from_document_id == document_id;
      long long other = outgoing ? l.to_document_id : l.from_document_id;
      auto od = store::find_document(s, other);
      if (!od || !od->published_edition || od->state == DocumentState::draft) continue;
      auto oe = store::find_edition(s, other, *od->published_edition);
      if (!oe) continue;
      p.related.push_back({other, oe->f.title, l.kind, outgoing ? "to" : "from"});
    }
    p.ledger = store::entries_of(s, document_id);
    if (doc->column_id) p.column = store::find_column(s, *doc->column_id);
    if (p.edition.f.catalogue_entry_id) {
      if (auto c = store::find_catalogue_entry(s, *p.edition.f.catalogue_entry_id)) {
        p.catalogue_item = c->item_l1 + (c->item_l2.empty() ? "" : " › " + c->item_l2);
      }
    }
    return p;
  });
  if (out) {
    out->unit_name = unit_name(out->doc.unit_id);
    auto today = calendar::Date::parse(platform::local_date_today());
    out->validity = effective_validity(out->edition.f.validity, out->edition.f.expires_on, out->doc.repealed_on,
                                       today ? *today : calendar::Date{});
  }
  return out;
}

std::vector<store::Listed> DisclosureService::list_public(const store::ListQuery& q) {
  return db_->read([&](soci::session& s) { return store::list_public(s, q); });
}

std::vector<std::pair<std::string, long long>> DisclosureService::facet_counts(const std::string& facet) {
  return db_->read([&](soci::session& s) { return store::facet_counts(s, facet); });
}

// ---- scheduled work ---------------------------------------------------------------------------------------------

int DisclosureService::publish_due() {
  auto due = db_->read([](soci::session& s) { return store::due_scheduled(s, platform::now_utc_iso()); });
  int published = 0;
  units::Actor scheduler;
  scheduler.system = true;
  scheduler.username = "scheduler";
  scheduler.display_name = "定时发布";
  for (auto [doc_id, edition_no] : due) {
    auto r = db_->write([&](soci::session& s) -> Result<void> {
      auto doc = store::find_document(s, doc_id);
      auto e = doc ? store::find_edition(s, doc_id, edition_no) : std::nullopt;
      if (!doc || !e || e->status != EditionStatus::scheduled) return {};  // someone unscheduled it meanwhile
      return publish_locked(s, scheduler, *doc, *e, "document.publish_scheduled", true);
    });
    if (r) ++published;
    else spdlog::warn("scheduled publication of document {} edition {} refused: {}", doc_id, edition_no, r.error().code);
  }
  return published;
}

// ---- the ledger -------------------------------------------------------------------------------------------------

std::vector<LedgerEntry> DisclosureService::ledger_page(long long before_seq, int limit) {
  return db_->read([&](soci::session& s) { return store::list_entries_desc(s, before_seq, limit); });
}

std::vector<LedgerEntry> DisclosureService::ledger_after(long long after_seq, int limit) {
  return db_->read([&](soci::session& s) { return store::list_entries(s, after_seq, limit); });
}

std::vector<store::Checkpoint> DisclosureService::checkpoints(int limit) {
  return db_->read([&](soci::session& s) { return store::list_checkpoints(s, limit); });
}

std::string DisclosureService::public_key_hex() {
  auto key = platform::load_or_create_signing_key(data_dir_ / "ledger.key");
  return key ? key->public_hex : "";
}

std::optional<store::Checkpoint> DisclosureService::checkpoint() {
  auto key = platform::load_or_create_signing_key(data_dir_ / "ledger.key");
  if (!key) {
    spdlog::error("ledger checkpoint: {}", key.error().message);
    return std::nullopt;
  }
  return db_->write([&](soci::session& s) -> std::optional<store::Checkpoint> {
    auto head = store::lock_head(s);
    if (head.seq == 0) return std::nullopt;
    auto last = store::list_checkpoints(s, 1);
    if (!last.empty() && last.front().seq == head.seq) return std::nullopt;
    store::Checkpoint c;
    c.seq = head.seq;
    c.entry_hash = head.entry_hash;
    c.signed_at = platform::now_utc_iso();
    c.public_key = key->public_hex;
    c.signature = platform::sign_hex(*key, checkpoint_message(c.seq, c.entry_hash, c.signed_at));
    store::insert_checkpoint(s, c);
    return c;
  });
}

VerifyReport DisclosureService::verify_ledger(const std::function<void(long long, long long)>& progress) {
  return db_->read([&](soci::session& s) {
    VerifyReport rep;
    auto head = store::lock_head(s);
    long long total = head.seq;
    std::string prev(kGenesisHash);
    long long expected_seq = 0;
    std::map<long long, std::string> hash_at;
    auto fail = [&](long long seq, std::string why) {
      if (rep.ok) {
        rep.ok = false;
        rep.first_bad_seq = seq;
        rep.problem = std::move(why);
      }
    };
    long long after = 0;
    while (rep.ok) {
      auto page = store::list_entries(s, after, 500);
      if (page.empty()) break;
      for (const auto& e : page) {
        after = e.seq;
        ++expected_seq;
        ++rep.entries;
        std::string where = "第 " + std::to_string(e.seq) + " 条（文件 " + std::to_string(e.document_id) + "，第 " +
                            std::to_string(e.edition_no) + " 版）";
        if (e.seq != expected_seq) fail(e.seq, "台账序号不连续：缺少第 " + std::to_string(expected_seq) + " 条。");
        else if (e.prev_hash != prev) fail(e.seq, where + "的前一条哈希与链不符：此前的台账被改动过。");
        else if (entry_hash(e) != e.entry_hash) fail(e.seq, where + "的条目哈希不符：台账条目本身被改动过。");
        else {
          auto doc = store::find_document(s, e.document_id);
          auto ed = doc ? store::find_edition(s, e.document_id, e.edition_no) : std::nullopt;
          if (!doc || !ed) {
            fail(e.seq, where + "对应的文件或版本已不存在。");
          } else if (e.action == "publish" || e.action == "new_edition") {
            auto attachments = store::list_attachments(s, ed->id);
            auto c = content_hash(ledger_content(*doc, *ed, attachments));
            if (c != e.content_hash || ed->content_hash != e.content_hash) {
              fail(e.seq, where + "的内容与发布时的哈希不符：已发布的内容在应用之外被改动过。");
            }
            // The files themselves: each is re-read and re-hashed against the name the ledger holds.
            for (const auto& a : attachments) {
              if (!rep.ok) break;
              if (auto bytes = blobs_.read(a.sha256); !bytes) {
                fail(e.seq, where + "的附件《" + a.file_name + "》" +
                                (bytes.error().code == "blob_missing" ? "文件缺失。" : "文件内容与哈希不符，已被改动或损坏。"));
              }
            }
          } else if (e.action == "withdraw") {
            if (state_change_hash(doc->id, "withdraw", doc->withdrawal_reason) != e.content_hash) {
              fail(e.seq, where + "的撤回理由与台账不符。");
            }
          } else if (e.action == "repeal") {
            if (state_change_hash(doc->id, "repeal", doc->repealed_on + "\n" + doc->repeal_note) != e.content_hash) {
              fail(e.seq, where + "的废止日期或说明与台账不符。");
            }
          } else {
            fail(e.seq, where + "的动作“" + e.action + "”无法识别。");
          }
        }
        hash_at[e.seq] = e.entry_hash;
        prev = e.entry_hash;
        if (progress) progress(rep.entries, total);
        if (!rep.ok) break;
      }
    }
    if (rep.ok && (expected_seq != head.seq || prev != head.entry_hash)) {
      fail(expected_seq + 1, "台账末尾与记录的链头不符：有条目被删除或追加在应用之外。");
    }
    for (const auto& c : store::list_checkpoints(s, 100000)) {
      ++rep.checkpoints;
      if (!platform::verify_signature(c.public_key, checkpoint_message(c.seq, c.entry_hash, c.signed_at), c.signature)) {
        fail(c.seq, "第 " + std::to_string(c.id) + " 个签名检查点的签名无效。");
      } else if (rep.ok && hash_at.count(c.seq) && hash_at[c.seq] != c.entry_hash) {
        fail(c.seq, "第 " + std::to_string(c.id) + " 个签名检查点与第 " + std::to_string(c.seq) + " 条台账不符：历史被改写过。");
      }
    }
    return rep;
  });
}

// ---- import -----------------------------------------------------------------------------------------------------

Result<bool> DisclosureService::import_one_locked(soci::session& s, const units::Actor& actor, long long unit_id,
                                                 const std::string& source_key, const EditionFields& f) {
  if (store::find_document_by_source(s, source_key)) return false;
  std::string now = platform::now_utc_iso();
  store::Document d;
  d.unit_id = unit_id;
  d.column_id = f.column_id;
  d.state = DocumentState::draft;
  d.source_key = source_key;
  d.created_by = actor.user_id;
  d.id = store::insert_document(s, d, now);
  store::Edition e;
  e.document_id = d.id;
  e.edition_no = 1;
  e.status = EditionStatus::approved;
  e.f = f;
  e.review_opinion = "批量导入（gongkai import documents）";
  e.id = store::insert_edition(s, e, now);
  e.version = 1;
  // Imported material was published elsewhere before; the personal-data gate still applies.
  if (auto r = publish_locked(s, actor, d, e, "document.import", false); !r) return r.error();
  return true;
}

Result<bool> DisclosureService::import_published(const units::Actor& actor, long long unit_id, const std::string& source_key,
                                                 EditionFields f) {
  auto valid = validate_edition(std::move(f), vocabulary_, false);
  if (!valid) return valid.error();
  return db_->write([&](soci::session& s) { return import_one_locked(s, actor, unit_id, source_key, *valid); });
}

std::vector<Result<bool>> DisclosureService::import_published_many(const units::Actor& actor, long long unit_id,
                                                                   const std::vector<ImportItem>& items) {
  std::vector<Result<bool>> out;
  std::vector<std::optional<EditionFields>> valid;
  for (const auto& item : items) {
    auto v = validate_edition(item.fields, vocabulary_, false);
    out.push_back(v ? Result<bool>(false) : Result<bool>(v.error()));
    valid.push_back(v ? std::optional<EditionFields>(std::move(*v)) : std::nullopt);
  }
  db_->write([&](soci::session& s) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!valid[i]) continue;
      s << "SAVEPOINT import_item";
      out[i] = import_one_locked(s, actor, unit_id, items[i].source_key, *valid[i]);
      if (!out[i]) s << "ROLLBACK TO SAVEPOINT import_item";
      s << "RELEASE SAVEPOINT import_item";
    }
  });
  return out;
}

}  // namespace gongkai::disclosure
