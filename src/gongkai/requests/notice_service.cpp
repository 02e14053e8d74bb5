#include "gongkai/requests/notice_service.hpp"

#include <boost/json.hpp>
#include <filesystem>
#include <stdexcept>

#include "gongkai/audit/service.hpp"
#include "gongkai/text.hpp"
#include "platform/assets.hpp"
#include "platform/files/inspect.hpp"
#include "platform/time.hpp"

namespace gongkai::requests {

using calendar::Date;
using platform::make_error;
using platform::Result;
namespace json = boost::json;
namespace ns = notice::store;

namespace {

Error forbidden(std::string what) { return make_error("forbidden", "您没有权限" + std::move(what) + "。"); }

std::string unit_name(soci::session& s, long long unit_id) {
  std::string name;
  soci::indicator ind = soci::i_null;
  s << "SELECT name FROM units WHERE id = :id", soci::use(unit_id), soci::into(name, ind);
  return ind == soci::i_ok ? name : std::string();
}

// The district government: the root of the organisation tree (its name goes into the default remedies).
std::string district_name(soci::session& s) {
  std::string name;
  soci::indicator ind = soci::i_null;
  s << "SELECT name FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1", soci::into(name, ind);
  return ind == soci::i_ok ? name : std::string();
}

std::string cn_date(const std::string& iso) {
  auto d = Date::parse(iso);
  return d ? notice::chinese_date(*d) : iso;
}

bool sends_files(State s) { return s == State::working || s == State::reply_drafted || s == State::reply_approved; }

}  // namespace

NoticeService::NoticeService(std::shared_ptr<platform::db::Database> db, RequestService& requests,
                             calendar::CalendarService& calendar, const std::string& data_dir)
    : db_(std::move(db)), requests_(requests), calendar_(calendar), blobs_(std::filesystem::path(data_dir) / "blobs") {
  auto text = platform::assets::read("config/notice_templates.json");
  if (!text) throw std::runtime_error("config/notice_templates.json is missing");
  json::value v = json::parse(*text);
  for (const auto& k : notice::template_keys()) {
    const auto* t = v.at("templates").as_object().if_contains(k.key);
    if (!t) throw std::runtime_error("config/notice_templates.json has no template " + k.key);
    notice::Template d{k.key, std::string(t->at("title").as_string()), std::string(t->at("body").as_string()), 0};
    if (auto ok = notice::check_template(k, d.title, d.body); !ok) {
      throw std::runtime_error("config/notice_templates.json, " + k.key + ": " + ok.error().message);
    }
    defaults_[k.key] = d;
  }
  requests_.on_step([this](soci::session& s, const units::Actor& actor, const Step& step) { return on_step(s, actor, step); });
}

notice::Template NoticeService::current_template(soci::session& s, const std::string& key) {
  if (auto row = ns::latest_template(s, key)) return notice::Template{row->key, row->title, row->body, row->version};
  return defaults_.at(key);
}

// ---- composing ----

Result<ns::NoticeRow> NoticeService::compose(soci::session& s, notice::Kind kind, const store::Case& c, Date issued_on,
                                             bool number_it) {
  std::string unit = unit_name(s, c.unit_id);
  std::string district = district_name(s);
  std::map<std::string, std::string> vars{{"applicant", c.app.name},
                                          {"request_number", c.number},
                                          {"received_on", cn_date(c.received_on)},
                                          {"description", c.app.description},
                                          {"doc_no", c.app.doc_no},
                                          {"unit", unit},
                                          {"district", district},
                                          {"district_court", notice::default_court(district)},
                                          {"issued_on", notice::chinese_date(issued_on)},
                                          {"notice_no", ""}};
  ns::NoticeRow n;
  n.request_id = c.id;
  n.kind = std::string(notice::to_string(kind));
  n.unit_id = c.unit_id;
  n.year = issued_on.year();
  n.issuer = unit;
  n.issued_on = issued_on.iso();
  if (number_it) {
    n.serial = ns::next_serial(s, c.unit_id, n.year, n.kind);
    n.notice_no = notice::format_notice_no(unit, kind, n.year, n.serial);
    vars["notice_no"] = n.notice_no;
  }
  std::string key;
  switch (kind) {
    case notice::Kind::reply: {
      auto o = outcome_from(c.outcome);
      if (!o || !info(*o).in_reply) return make_error("no_reply_draft", "尚未拟定答复类型，无法生成答复告知书。");
      key = notice::template_key_for(kind, c.outcome);
      vars["outcome"] = label(*o);
      vars["outcome_item"] = info(*o).item.empty() ? std::string(info(*o).group) : std::string(info(*o).item).substr(2);
      vars["basis"] = notice::cite(info(*o).basis);
      vars["reply_text"] = c.reply_text;
      // The bodies named in the remedies are templates too, so each district names its own.
      auto review = notice::fill(current_template(s, "review_body").body, vars);
      if (!review) return review.error();
      auto court = notice::fill(current_template(s, "court").body, vars);
      if (!court) return court.error();
      auto remedies = notice::fill(current_template(s, "remedies").body,
                                   {{"review_body", trim(*review)}, {"court", trim(*court)}, {"unit", unit}, {"district", district}});
      if (!remedies) return remedies.error();
      vars["remedies"] = *remedies;
      break;
    }
    case notice::Kind::supplement:
      key = "supplement";
      vars["supplement_items"] = c.supplement_items;
      vars["supplement_due_on"] = cn_date(c.supplement_due_on);
      break;
    case notice::Kind::consult: {
      key = "consult";
      auto pauses = store::pauses_of(s, c.id);
      const store::PauseRow* last = nullptr;
      for (const auto& p : pauses) {
        if (p.kind != "fee") last = &p;
      }
      if (!last) return make_error("not_found", "没有征求意见记录。");
      vars["party"] = last->party;
      auto start = Date::parse(last->start_on);
      std::string due;
      if (start) {
        if (auto w = calendar::opinion_deadline(*calendar_.current(), *start)) due = notice::chinese_date(w->date);
      }
      vars["opinion_due_on"] = due.empty() ? "收到本函之日起十五个工作日内" : due;
      break;
    }
  }
  notice::Template t = current_template(s, key);
  auto body = notice::fill(t.body, vars);
  if (!body) return body.error();
  auto title = notice::fill(t.title, vars);
  if (!title) return title.error();
  n.title = trim(*title);
  std::string joined;
  for (const auto& p : notice::paragraphs(*body)) joined += (joined.empty() ? "" : "\n") + p;
  n.body = joined;
  n.template_key = key;
  n.template_version = t.version;
  n.created_at = platform::now_utc_iso();
  return n;
}

notice::NoticeText NoticeService::text_of(const ns::NoticeRow& n) {
  return notice::NoticeText{n.title, n.notice_no, n.issuer, n.issued_on, notice::paragraphs(n.body)};
}

Result<void> NoticeService::on_step(soci::session& s, const units::Actor& actor, const Step& step) {
  std::optional<notice::Kind> kind;
  std::string issued;
  if (step.action == to_string(Action::send_reply)) {
    kind = notice::Kind::reply;
    issued = step.after.replied_on;
  } else if (step.action == to_string(Action::send_supplement_notice)) {
    kind = notice::Kind::supplement;
    issued = step.after.supplement_notice_on;
  } else if (step.action == to_string(Action::consult)) {
    kind = notice::Kind::consult;
    auto pauses = store::pauses_of(s, step.after.id);
    for (const auto& p : pauses) {
      if (p.kind != "fee") issued = p.start_on;
    }
  }
  if (!kind) return {};
  auto day = Date::parse(issued);
  if (!day) return day.error();
  auto n = compose(s, *kind, step.after, *day, true);
  if (!n) return n.error();
  n->id = ns::insert_notice(s, *n);
  int released = 0;
  // The files go out with the reply and are frozen with it (条例 Art. 36 (二), 37).
  if (*kind == notice::Kind::reply) released = ns::release_files(s, step.after.id, issued);
  audit::record(s, actor,
                {"request.notice_issue", "request", std::to_string(step.after.id), step.after.number, step.after.unit_id, "",
                 json::serialize(json::object{{"notice_id", n->id}, {"kind", n->kind}, {"notice_no", n->notice_no},
                                              {"template", n->template_key}, {"template_version", n->template_version},
                                              {"files_released", released}})});
  return {};
}

// ---- templates ----

Result<std::vector<NoticeService::TemplateView>> NoticeService::templates(const units::Actor& actor) {
  if (!actor.district_wide()) return forbidden("查看告知书模板");
  return db_->read([&](soci::session& s) {
    std::vector<TemplateView> out;
    for (const auto& k : notice::template_keys()) out.push_back(TemplateView{k, current_template(s, k.key), {}});
    return out;
  });
}

Result<NoticeService::TemplateView> NoticeService::template_of(const units::Actor& actor, const std::string& key) {
  if (!actor.district_wide()) return forbidden("查看告知书模板");
  const auto* k = notice::find_key(key);
  if (!k) return make_error("not_found", "模板不存在。");
  return db_->read([&](soci::session& s) { return TemplateView{*k, current_template(s, key), ns::template_versions(s, key)}; });
}

Result<int> NoticeService::save_template(const units::Actor& actor, const std::string& key, const std::string& title_in,
                                         const std::string& body_in) {
  // The openness office owns the wording of the district's letters.
  if (!actor.has(units::Role::supervisor)) return forbidden("修改告知书模板（仅政务公开办）");
  const auto* k = notice::find_key(key);
  if (!k) return make_error("not_found", "模板不存在。");
  std::string title = trim(title_in), body = trim(body_in);
  if (auto ok = notice::check_template(*k, title, body); !ok) return ok.error();
  return db_->write([&](soci::session& s) -> Result<int> {
    auto before = current_template(s, key);
    if (before.title == title && before.body == body) return make_error("unchanged", "模板内容没有变化。");
    int version = ns::insert_template(s, key, title, body, actor.user_id ? std::optional<long long>(actor.user_id) : std::nullopt,
                                      platform::now_utc_iso());
    audit::record(s, actor,
                  {"notice_template.save", "notice_template", key, k->label, std::nullopt,
                   json::serialize(json::object{{"version", before.version}, {"title", before.title}, {"body", before.body}}),
                   json::serialize(json::object{{"version", version}, {"title", title}, {"body", body}})});
    return version;
  });
}

// ---- a case ----

Result<store::Case> NoticeService::load_viewable(soci::session& s, const units::Actor& actor, long long request_id) {
  auto c = store::find_case(s, request_id);
  if (!c) return make_error("not_found", "申请不存在。");
  if (!may_view(actor, c->unit_id)) return forbidden("查看该申请");
  return *c;
}

Result<notice::NoticeText> NoticeService::reply_preview(const units::Actor& actor, long long request_id) {
  Date today = requests_.today();
  return db_->read([&](soci::session& s) -> Result<notice::NoticeText> {
    auto c = load_viewable(s, actor, request_id);
    if (!c) return c.error();
    auto n = compose(s, notice::Kind::reply, *c, today, false);
    if (!n) return n.error();
    return text_of(*n);
  });
}

Result<std::vector<ns::NoticeRow>> NoticeService::notices(const units::Actor& actor, long long request_id) {
  return db_->read([&](soci::session& s) -> Result<std::vector<ns::NoticeRow>> {
    auto c = load_viewable(s, actor, request_id);
    if (!c) return c.error();
    return ns::notices_of(s, request_id);
  });
}

Result<Download> NoticeService::notice_pdf(const units::Actor& actor, long long request_id, std::optional<long long> notice_id) {
  notice::NoticeText text;
  std::string name;
  if (notice_id) {
    auto n = db_->read([&](soci::session& s) -> Result<ns::NoticeRow> {
      auto c = load_viewable(s, actor, request_id);
      if (!c) return c.error();
      auto n = ns::find_notice(s, *notice_id);
      if (!n || n->request_id != request_id) return make_error("not_found", "告知书不存在。");
      return *n;
    });
    if (!n) return n.error();
    text = text_of(*n);
    name = n->notice_no + ".pdf";
  } else {
    auto p = reply_preview(actor, request_id);
    if (!p) return p.error();
    text = *p;
    name = "答复告知书（草稿）.pdf";
  }
  auto pdf = notice::to_pdf(text);
  if (!pdf) return pdf.error();
  return Download{name, "application/pdf", std::move(*pdf)};
}

// ---- released files ----

Result<long long> NoticeService::add_file(const units::Actor& actor, long long request_id, const std::string& file_name,
                                          std::string_view bytes) {
  // Checked and stored before the transaction: the blob store is idempotent, so a refused change leaves at most an
  // unreferenced blob, never a reference without its file (as for disclosure attachments).
  auto info = platform::files::inspect_upload(file_name, bytes, kMaxFileBytes);
  if (!info) return info.error();
  // Permission first, so a stranger cannot fill the blob store through this form.
  auto allowed = db_->read([&](soci::session& s) -> Result<store::Case> {
    auto c = store::find_case(s, request_id);
    if (!c) return make_error("not_found", "申请不存在。");
    if (!may_act(actor, Action::draft_reply, c->unit_id)) return forbidden("为该申请提供文件");
    return *c;
  });
  if (!allowed) return allowed.error();
  auto blob = blobs_.put(bytes);
  if (!blob) return blob.error();
  return db_->write([&](soci::session& s) -> Result<long long> {
    auto c = store::find_case(s, request_id);
    if (!c) return make_error("not_found", "申请不存在。");
    if (!may_act(actor, Action::draft_reply, c->unit_id)) return forbidden("为该申请提供文件");
    if (!sends_files(c->state)) {
      return make_error("files_frozen", "只有在办理中、答复已拟稿或已审核时才能添加随答复提供的文件（当前状态：" +
                                            std::string(label(c->state)) + "）。", "file");
    }
    auto existing = ns::files_of(s, request_id);
    if (existing.size() >= kMaxFiles) return make_error("too_many_files", "每件申请最多提供 30 个文件。", "file");
    ns::FileRow f;
    f.request_id = request_id;
    f.file_name = info->safe_name;
    f.sha256 = blob->sha256;
    f.size_bytes = static_cast<long long>(blob->size);
    f.mime = info->mime;
    f.kind = info->kind;
    if (actor.user_id) f.added_by = actor.user_id;
    f.added_at = platform::now_utc_iso();
    f.id = ns::insert_file(s, f);
    audit::record(s, actor,
                  {"request.file_add", "request", std::to_string(request_id), c->number, c->unit_id, "",
                   json::serialize(json::object{{"file_id", f.id}, {"file_name", f.file_name}, {"sha256", f.sha256},
                                                {"size", f.size_bytes}, {"kind", f.kind}})});
    return f.id;
  });
}

Result<void> NoticeService::remove_file(const units::Actor& actor, long long request_id, long long file_id) {
  return db_->write([&](soci::session& s) -> Result<void> {
    auto c = store::find_case(s, request_id);
    if (!c) return make_error("not_found", "申请不存在。");
    if (!may_act(actor, Action::draft_reply, c->unit_id)) return forbidden("删除该申请的文件");
    auto f = ns::find_file(s, file_id);
    if (!f || f->request_id != request_id) return make_error("not_found", "文件不存在。");
    if (!f->released_on.empty() || !ns::delete_unreleased_file(s, file_id)) {
      return make_error("files_frozen", "文件已随答复提供给申请人，不能删除。");
    }
    audit::record(s, actor,
                  {"request.file_remove", "request", std::to_string(request_id), c->number, c->unit_id,
                   json::serialize(json::object{{"file_id", f->id}, {"file_name", f->file_name}, {"sha256", f->sha256}}), ""});
    return {};
  });
}

Result<std::vector<ns::FileRow>> NoticeService::files(const units::Actor& actor, long long request_id) {
  return db_->read([&](soci::session& s) -> Result<std::vector<ns::FileRow>> {
    auto c = load_viewable(s, actor, request_id);
    if (!c) return c.error();
    return ns::files_of(s, request_id);
  });
}

Result<Download> NoticeService::staff_file(const units::Actor& actor, long long request_id, long long file_id) {
  auto f = db_->read([&](soci::session& s) -> Result<ns::FileRow> {
    auto c = load_viewable(s, actor, request_id);
    if (!c) return c.error();
    auto f = ns::find_file(s, file_id);
    if (!f || f->request_id != request_id) return make_error("not_found", "文件不存在。");
    return *f;
  });
  if (!f) return f.error();
  auto bytes = blobs_.read(f->sha256);
  if (!bytes) return bytes.error();
  return Download{f->file_name, f->mime, std::move(*bytes)};
}

// ---- the applicant ----

NoticeService::ForApplicant NoticeService::for_view(const PublicView& view) { return for_number(view.number, true); }

NoticeService::ForApplicant NoticeService::for_number(const std::string& number, bool mask_name) {
  return db_->read([&](soci::session& s) {
    ForApplicant out;
    auto c = store::find_by_number(s, number);
    if (!c) return out;
    const std::string& name = c->app.name;
    for (auto& n : ns::notices_of(s, c->id)) {
      // The 征求意见函 goes to the third party, not to the applicant.
      if (n.kind == "consult") continue;
      // A one-character "name" would garble the text; names shorter than two characters are not replaced.
      if (mask_name && utf8_length(name) >= 2) {
        for (auto pos = n.body.find(name); pos != std::string::npos; pos = n.body.find(name, pos + 1)) {
          n.body.replace(pos, name.size(), "申请人");
        }
      }
      out.notices.push_back(std::move(n));
    }
    for (auto& f : ns::files_of(s, c->id)) {
      if (!f.released_on.empty()) out.files.push_back(std::move(f));
    }
    return out;
  });
}

Result<Download> NoticeService::applicant_notice_pdf(const std::string& number, const std::string& code, long long notice_id,
                                                     const units::Actor& visitor) {
  auto v = requests_.track(number, code, visitor);
  if (!v) return v.error();
  for (const auto& n : for_number(v->number, false).notices) {
    if (n.id != notice_id) continue;
    auto pdf = notice::to_pdf(text_of(n));
    if (!pdf) return pdf.error();
    return Download{n.notice_no + ".pdf", "application/pdf", std::move(*pdf)};
  }
  return make_error("not_found", "告知书不存在。");
}

Result<Download> NoticeService::applicant_file(const std::string& number, const std::string& code, long long file_id,
                                               const units::Actor& visitor) {
  auto v = requests_.track(number, code, visitor);
  if (!v) return v.error();
  for (const auto& f : for_number(v->number, false).files) {
    if (f.id != file_id) continue;
    auto bytes = blobs_.read(f.sha256);
    if (!bytes) return bytes.error();
    return Download{f.file_name, f.mime, std::move(*bytes)};
  }
  return make_error("not_found", "文件不存在。");
}

}  // namespace gongkai::requests
