#include "gongkai/requests/handling.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <map>

#include "gongkai/audit/service.hpp"
#include "gongkai/requests/handling_store.hpp"
#include "gongkai/text.hpp"
#include "platform/time.hpp"

namespace gongkai::requests {

using calendar::Date;
using platform::make_error;
using platform::Result;
namespace json = boost::json;

// ---- pure ----

std::string_view to_string(AppealKind k) { return k == AppealKind::review ? "review" : "litigation"; }
std::optional<AppealKind> appeal_kind_from(std::string_view s) {
  if (s == "review") return AppealKind::review;
  if (s == "litigation") return AppealKind::litigation;
  return std::nullopt;
}
std::string_view label(AppealKind k) { return k == AppealKind::review ? "行政复议" : "行政诉讼"; }

std::string_view to_string(AppealResult r) {
  switch (r) {
    case AppealResult::upheld: return "upheld";
    case AppealResult::corrected: return "corrected";
    case AppealResult::other: return "other";
    case AppealResult::pending: return "pending";
  }
  return "pending";
}
std::optional<AppealResult> appeal_result_from(std::string_view s) {
  for (auto r : {AppealResult::upheld, AppealResult::corrected, AppealResult::other, AppealResult::pending}) {
    if (to_string(r) == s) return r;
  }
  return std::nullopt;
}
std::string_view label(AppealResult r) {
  switch (r) {
    case AppealResult::upheld: return "结果维持";
    case AppealResult::corrected: return "结果纠正";
    case AppealResult::other: return "其他结果";
    case AppealResult::pending: return "尚未审结";
  }
  return "尚未审结";
}

namespace {

Result<std::string> required_text(const std::string& raw, const char* what, const char* field, std::size_t max) {
  std::string t = trim(raw);
  if (t.empty()) return make_error("required", std::string("请填写") + what + "。", field);
  if (utf8_length(t) > max) {
    return make_error("too_long", std::string(what) + "不能超过 " + std::to_string(max) + " 个字。", field);
  }
  return t;
}

Result<Date> date_field(const std::string& raw, const char* what, const char* field) {
  auto d = Date::parse(trim(raw));
  if (!d) return make_error("invalid_date", std::string(what) + "应为“年-月-日”格式的日期，例如 2026-03-02。", field);
  return *d;
}

}  // namespace

Result<Appeal> validate_appeal(const AppealInput& in, Date received_on, Date today) {
  Appeal a;
  auto kind = appeal_kind_from(trim(in.kind));
  if (!kind) return make_error("invalid_choice", "请选择行政复议或行政诉讼。", "kind");
  a.kind = *kind;
  a.after_review = a.kind == AppealKind::litigation && (in.after_review == "1" || in.after_review == "on");
  if (a.kind == AppealKind::review && (in.after_review == "1" || in.after_review == "on")) {
    return make_error("invalid_choice", "“复议后起诉”只适用于行政诉讼。", "after_review");
  }
  auto filed = date_field(in.filed_on, a.kind == AppealKind::review ? "申请复议日期" : "起诉日期", "filed_on");
  if (!filed) return filed.error();
  if (*filed < received_on) {
    return make_error("invalid_date", "复议或诉讼不能早于收到申请的日期（" + received_on.iso() + "）。", "filed_on");
  }
  if (*filed > today) return make_error("invalid_date", "日期不能晚于今天（" + today.iso() + "）。", "filed_on");
  a.filed_on = filed->iso();
  auto authority = required_text(in.authority, a.kind == AppealKind::review ? "复议机关" : "受理法院", "authority", 200);
  if (!authority) return authority.error();
  a.authority = *authority;
  auto result = appeal_result_from(trim(in.result).empty() ? "pending" : trim(in.result));
  if (!result) return make_error("invalid_choice", "请选择审理结果。", "result");
  a.result = *result;
  if (a.result == AppealResult::pending) {
    if (!trim(in.decided_on).empty()) {
      return make_error("invalid_choice", "尚未审结的案件不应填写审结日期；已审结的，请选择结果。", "decided_on");
    }
  } else {
    auto decided = date_field(in.decided_on, "审结日期", "decided_on");
    if (!decided) return decided.error();
    if (*decided < *filed) return make_error("invalid_date", "审结日期不能早于" + a.filed_on + "。", "decided_on");
    if (*decided > today) return make_error("invalid_date", "审结日期不能晚于今天（" + today.iso() + "）。", "decided_on");
    a.decided_on = decided->iso();
  }
  a.note = trim(in.note);
  if (utf8_length(a.note) > 2000) return make_error("too_long", "说明不能超过 2000 个字。", "note");
  return a;
}

std::optional<double> median(std::vector<int> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  std::size_t n = values.size();
  double m = n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
  return std::floor(m * 10 + 0.5) / 10;
}

// ---- the service ----

namespace {

Error forbidden(std::string what) { return make_error("forbidden", "您没有权限" + std::move(what) + "。"); }
Error not_found() { return make_error("not_found", "申请不存在。"); }
Error stale() { return make_error("stale_version", "在您操作期间，其他人已修改了此记录。请查看最新内容后再操作。"); }

std::optional<long long> by(const units::Actor& a) { return a.user_id ? std::optional<long long>(a.user_id) : std::nullopt; }
std::string actor_name(const units::Actor& a) { return a.display_name.empty() ? a.username : a.display_name; }

// The lead unit's handlers and the district-wide roles act on the case itself (the same rule as the main line).
bool may_handle(const units::Actor& actor, const store::Case& c) { return may_act(actor, Action::accept, c.unit_id); }

bool released_information(const store::Case& c) {
  return (c.state == State::replied || c.state == State::archived) &&
         (c.outcome == to_string(Outcome::disclose) || c.outcome == to_string(Outcome::partial));
}

// A timeline entry; `public_text` is shown to the applicant ('' for staff-only steps).
void event(soci::session& s, const units::Actor& actor, const store::Case& c, const std::string& action,
           const std::string& public_text, const std::string& detail) {
  store::EventRow e;
  e.request_id = c.id;
  e.at = platform::now_utc_iso();
  if (actor.user_id) e.actor_id = actor.user_id;
  e.actor_name = actor_name(actor);
  e.action = action;
  e.from_state = e.to_state = std::string(to_string(c.state));
  e.public_text = public_text;
  e.detail = detail;
  store::insert_event(s, e);
}

std::string appeal_json(const Appeal& a) {
  return json::serialize(json::object{{"request_id", a.request_id},
                                      {"kind", to_string(a.kind)},
                                      {"after_review", a.after_review},
                                      {"filed_on", a.filed_on},
                                      {"authority", a.authority},
                                      {"result", to_string(a.result)},
                                      {"decided_on", a.decided_on},
                                      {"version", a.version}});
}

std::string local_date_of(const std::string& utc_iso) {
  std::string shown = platform::utc_iso_to_local_display(utc_iso);
  return shown.size() >= 10 ? shown.substr(0, 10) : shown;
}

}  // namespace

HandlingService::HandlingService(std::shared_ptr<platform::db::Database> db, calendar::CalendarService& calendar,
                                 disclosure::DisclosureService& disclosure, RequestService& requests)
    : db_(std::move(db)), calendar_(calendar), disclosure_(disclosure), requests_(requests) {}

Result<HandlingRecords> HandlingService::records(const units::Actor& actor, long long request_id) {
  return db_->read([&](soci::session& s) -> Result<HandlingRecords> {
    auto c = store::find_case(s, request_id);
    if (!c) return not_found();
    if (!may_view(actor, c->unit_id)) return forbidden("查看该申请");
    HandlingRecords r;
    r.appeals = store::appeals_of(s, request_id);
    r.cohandlers = store::cohandlers_of(s, request_id);
    r.sensitivity = store::sensitivity_of(s, request_id);
    if (auto parent = store::split_parent(s, request_id)) {
      if (auto p = store::find_case(s, *parent)) r.split_from_number = p->number;
    }
    for (long long child : store::split_children(s, request_id)) {
      if (auto ch = store::find_case(s, child)) r.split_into.emplace_back(ch->id, ch->number);
    }
    r.drafts = store::proactive_drafts_of(s, request_id);
    r.may_handle = may_handle(actor, *c);
    r.may_sign_off = actor.has(units::Role::supervisor);
    r.may_split = r.may_handle && (c->state == State::registered || c->state == State::supplemented);
    r.may_cohandle = r.may_handle && !is_closed(c->state) && c->state != State::reply_approved &&
                     c->state != State::awaiting_supplement && c->state != State::supplement_requested;
    r.may_draft_proactive = r.may_handle && released_information(*c);
    if (r.may_cohandle) {
      for (auto& [id, name] : store::units_taking_requests(s)) {
        if (id == c->unit_id) continue;
        bool asked = std::any_of(r.cohandlers.begin(), r.cohandlers.end(), [&](const Cohandler& x) { return x.unit_id == id; });
        if (!asked) r.cohandler_choices.emplace_back(id, std::move(name));
      }
    }
    return r;
  });
}

// ---- review and litigation ----

Result<long long> HandlingService::record_appeal(const units::Actor& actor, long long request_id, const AppealInput& in) {
  Date today = requests_.today();
  return db_->write([&](soci::session& s) -> Result<long long> {
    auto c = store::find_case(s, request_id);
    if (!c) return not_found();
    if (!may_handle(actor, *c)) return forbidden("登记该申请的复议或诉讼");
    auto a = validate_appeal(in, *Date::parse(c->received_on), today);
    if (!a) return a.error();
    a->request_id = request_id;
    std::string now = platform::now_utc_iso();
    a->id = store::insert_appeal(s, *a, by(actor), now);
    event(s, actor, *c, "appeal", "",
          "登记" + std::string(label(a->kind)) + (a->after_review ? "（复议后起诉）" : "") + "：" + a->authority + "，" +
              a->filed_on + "，" + std::string(label(a->result)));
    audit::record(s, actor, {"request.appeal", "request_appeal", std::to_string(a->id), c->number, c->unit_id, "",
                             appeal_json(*a)});
    return a->id;
  });
}

Result<void> HandlingService::update_appeal(const units::Actor& actor, long long appeal_id, const AppealInput& in,
                                            int expected_version) {
  Date today = requests_.today();
  return db_->write([&](soci::session& s) -> Result<void> {
    auto before = store::find_appeal(s, appeal_id);
    if (!before) return make_error("not_found", "复议或诉讼记录不存在。");
    auto c = store::find_case(s, before->request_id);
    if (!c) return not_found();
    if (!may_handle(actor, *c)) return forbidden("修改该申请的复议或诉讼记录");
    if (before->version != expected_version) return stale();
    auto a = validate_appeal(in, *Date::parse(c->received_on), today);
    if (!a) return a.error();
    a->id = appeal_id;
    a->request_id = before->request_id;
    if (!store::update_appeal(s, *a, expected_version, platform::now_utc_iso())) return stale();
    a->version = expected_version + 1;
    event(s, actor, *c, "appeal", "",
          std::string(label(a->kind)) + "（" + a->authority + "）：" + std::string(label(a->result)) +
              (a->decided_on.empty() ? "" : "，" + a->decided_on + " 审结"));
    audit::record(s, actor, {"request.appeal_update", "request_appeal", std::to_string(appeal_id), c->number, c->unit_id,
                             appeal_json(*before), appeal_json(*a)});
    return {};
  });
}

// ---- co-handling ----

Result<void> HandlingService::ask_cohandling(const units::Actor& actor, long long request_id, long long unit_id,
                                             const std::string& question_in) {
  auto question = required_text(question_in, "请会办单位协助的事项", "question", 2000);
  if (!question) return question.error();
  return db_->write([&](soci::session& s) -> Result<void> {
    auto c = store::find_case(s, request_id);
    if (!c) return not_found();
    if (!may_handle(actor, *c)) return forbidden("为该申请发起会办");
    if (is_closed(c->state) || c->state == State::reply_approved) {
      return make_error("invalid_transition", "答复已审核或已办结，不能再发起会办。");
    }
    if (unit_id == c->unit_id) return make_error("invalid_unit", "会办单位不能是主办单位本身。", "unit_id");
    auto units = store::units_taking_requests(s);
    if (std::none_of(units.begin(), units.end(), [&](const auto& u) { return u.first == unit_id; })) return make_error("invalid_unit", "请选择会办单位（部门或镇街）。", "unit_id");
    if (store::cohandler(s, request_id, unit_id)) return make_error("duplicate", "已经请该单位会办。", "unit_id");
    Cohandler x;
    x.request_id = request_id;
    x.unit_id = unit_id;
    x.asked_on = requests_.today().iso();
    x.question = *question;
    store::insert_cohandler(s, x, by(actor));
    auto asked = store::cohandler(s, request_id, unit_id);
    event(s, actor, *c, "cohandle", "", "请" + (asked ? asked->unit_name : std::string("会办单位")) + "会办：" + *question);
    audit::record(s, actor, {"request.cohandle", "request", std::to_string(request_id), c->number, c->unit_id, "",
                             json::serialize(json::object{{"cohandling_unit_id", unit_id}})});
    return {};
  });
}

namespace {
CohandlingView cohandling_view(soci::session& s, const store::Case& c, const Cohandler& mine) {
  CohandlingView v;
  v.request_id = c.id;
  v.number = c.number;
  v.lead_unit_name = store::unit_names(s)[c.unit_id];
  v.description = c.app.description;
  v.doc_no = c.app.doc_no;
  v.received_on = c.received_on;
  v.due_on = is_closed(c.state) ? "" : c.due_on;
  v.state_label = std::string(label(c.state));
  v.mine = mine;
  return v;
}
}  // namespace

Result<std::vector<CohandlingView>> HandlingService::cohandling_queue(const units::Actor& actor) {
  if (!actor.has(units::Role::request_handler)) return forbidden("查看会办事项");
  return db_->read([&](soci::session& s) -> Result<std::vector<CohandlingView>> {
    std::vector<CohandlingView> out;
    for (long long id : store::cohandled_by(s, actor.unit_id)) {
      auto c = store::find_case(s, id);
      auto mine = store::cohandler(s, id, actor.unit_id);
      if (c && mine) out.push_back(cohandling_view(s, *c, *mine));
    }
    return out;
  });
}

Result<CohandlingView> HandlingService::cohandling(const units::Actor& actor, long long request_id) {
  return db_->read([&](soci::session& s) -> Result<CohandlingView> {
    auto c = store::find_case(s, request_id);
    if (!c) return not_found();
    auto mine = store::cohandler(s, request_id, actor.unit_id);
    if (!mine || !actor.has(units::Role::request_handler)) return forbidden("查看该会办事项");
    return cohandling_view(s, *c, *mine);
  });
}

Result<void> HandlingService::answer_cohandling(const units::Actor& actor, long long request_id, const std::string& text_in,
                                                int expected_version) {
  auto text = required_text(text_in, "会办意见", "text", 10000);
  if (!text) return text.error();
  return db_->write([&](soci::session& s) -> Result<void> {
    auto c = store::find_case(s, request_id);
    if (!c) return not_found();
    auto mine = store::cohandler(s, request_id, actor.unit_id);
    if (!mine || !actor.has(units::Role::request_handler)) return forbidden("答复该会办事项");
    if (is_closed(c->state)) return make_error("invalid_transition", "该申请已办结，不能再提交会办意见。");
    if (mine->version != expected_version) return stale();
    Cohandler x = *mine;
    x.contribution = *text;
    x.answered_on = requests_.today().iso();
    if (!store::update_cohandler_answer(s, x, by(actor), expected_version)) return stale();
    event(s, actor, *c, "cohandle_answer", "", mine->unit_name + "提交会办意见：" + *text);
    audit::record(s, actor, {"request.cohandle_answer", "request", std::to_string(request_id), c->number, actor.unit_id,
                             "", ""});
    return {};
  });
}

// ---- sensitive requests ----

Result<void> HandlingService::flag_sensitive(const units::Actor& actor, long long request_id, const std::string& reason_in) {
  auto reason = required_text(reason_in, "认定为敏感申请的理由", "reason", 1000);
  if (!reason) return reason.error();
  return db_->write([&](soci::session& s) -> Result<void> {
    auto c = store::find_case(s, request_id);
    if (!c) return not_found();
    if (!may_handle(actor, *c)) return forbidden("标记该申请");
    if (is_closed(c->state)) return make_error("invalid_transition", "该申请已办结。");
    if (store::sensitivity_of(s, request_id)) return make_error("duplicate", "该申请已标记为敏感申请。");
    store::insert_sensitivity(s, request_id, *reason, by(actor), platform::now_utc_iso());
    event(s, actor, *c, "flag_sensitive", "", "标记为敏感申请：" + *reason);
    audit::record(s, actor, {"request.flag_sensitive", "request", std::to_string(request_id), c->number, c->unit_id, "", ""});
    return {};
  });
}

Result<void> HandlingService::record_talk(const units::Actor& actor, long long request_id, const std::string& date,
                                          const std::string& way_in, const std::string& record_in) {
  auto record = required_text(record_in, "沟通情况", "record", 5000);
  if (!record) return record.error();
  auto way = required_text(way_in, "沟通方式", "way", 50);
  if (!way) return way.error();
  Date today = requests_.today();
  return db_->write([&](soci::session& s) -> Result<void> {
    auto c = store::find_case(s, request_id);
    if (!c) return not_found();
    if (!may_handle(actor, *c)) return forbidden("记录与申请人的沟通");
    if (!store::sensitivity_of(s, request_id)) return make_error("invalid_transition", "该申请未标记为敏感申请。");
    Date on = today;
    if (!trim(date).empty()) {
      auto d = date_field(date, "沟通日期", "talk_on");
      if (!d) return d.error();
      on = *d;
    }
    if (on > today) return make_error("invalid_date", "沟通日期不能晚于今天。", "talk_on");
    if (on < *Date::parse(c->received_on)) return make_error("invalid_date", "沟通日期不能早于收到申请的日期。", "talk_on");
    store::update_talk(s, request_id, on.iso(), *way, *record);
    event(s, actor, *c, "talk", "", on.iso() + " 与申请人沟通（" + *way + "）");
    audit::record(s, actor, {"request.talk", "request", std::to_string(request_id), c->number, c->unit_id, "", ""});
    return {};
  });
}

Result<void> HandlingService::sign_off_sensitive(const units::Actor& actor, long long request_id, const std::string& opinion_in) {
  if (!actor.has(units::Role::supervisor)) {
    return make_error("forbidden", "敏感申请须由政务公开工作机构负责人（政务公开办）审签。");
  }
  auto opinion = required_text(opinion_in, "审签意见", "opinion", 2000);
  if (!opinion) return opinion.error();
  return db_->write([&](soci::session& s) -> Result<void> {
    auto c = store::find_case(s, request_id);
    if (!c) return not_found();
    auto sens = store::sensitivity_of(s, request_id);
    if (!sens) return make_error("invalid_transition", "该申请未标记为敏感申请。");
    if (!sens->talked()) return make_error("invalid_transition", "请先记录与申请人的沟通情况，再审签。");
    store::update_sign_off(s, request_id, by(actor), platform::now_utc_iso(), *opinion);
    event(s, actor, *c, "sign_off_sensitive", "", "政务公开办审签：" + *opinion);
    audit::record(s, actor, {"request.sign_off_sensitive", "request", std::to_string(request_id), c->number, c->unit_id, "", ""});
    return {};
  });
}

// ---- 条例 Art. 44 ----

Result<long long> HandlingService::draft_proactive(const units::Actor& actor, long long request_id, const std::string& title,
                                                   const std::string& body, std::optional<long long> column_id) {
  auto c = db_->read([&](soci::session& s) { return store::find_case(s, request_id); });
  if (!c) return not_found();
  if (!may_handle(actor, *c)) return forbidden("将该申请公开的信息转为主动公开");
  if (!released_information(*c)) {
    return make_error("invalid_transition", "只有已答复“予以公开”或“部分公开”的申请，才能把公开的信息转为主动公开（条例第四十四条）。");
  }
  disclosure::EditionFields f;
  f.column_id = column_id;
  f.title = trim(title);
  f.body_md = body;
  f.disclosure_mode = disclosure::DisclosureMode::proactive;
  f.summary = "依申请公开的政府信息，经审查转为主动公开（条例第四十四条）。";
  // The handler drafts in the request's unit without being its 信息员: the draft still goes through the unit's
  // confidentiality review before anything is published, so acting as the unit's drafter is safe and audited.
  units::Actor drafter = actor;
  drafter.roles.insert(units::Role::editor);
  drafter.unit_id = c->unit_id;
  auto doc = disclosure_.create_draft(drafter, c->unit_id, f);
  if (!doc) return doc.error();
  db_->write([&](soci::session& s) {
    store::insert_proactive_draft(s, request_id, *doc, by(actor), platform::now_utc_iso());
    event(s, actor, *c, "proactive_draft", "", "已将公开的信息转为主动公开草稿（文档 " + std::to_string(*doc) + "），待审核后发布");
    audit::record(s, actor, {"request.proactive_draft", "request", std::to_string(request_id), c->number, c->unit_id, "",
                             json::serialize(json::object{{"document_id", *doc}})});
  });
  return *doc;
}

// ---- public statistics ----

Result<PublicStatistics> HandlingService::statistics(int year) {
  int this_year = requests_.today().year();
  if (year < 2000 || year > this_year + 1) {
    return make_error("invalid_date", "请选择 2000 年至 " + std::to_string(this_year) + " 年之间的年份。", "year");
  }
  std::string first = std::to_string(year) + "-01-01", last = std::to_string(year) + "-12-31";
  auto rows = db_->read([&](soci::session& s) { return store::statistics_rows(s, last); });
  auto names = db_->read([&](soci::session& s) { return store::unit_names(s); });
  auto cal = calendar_.current();

  // The seven groups of table 三 section 三 and 总计.
  PublicStatistics out;
  out.year = year;
  for (const auto& o : all_outcomes()) {
    std::string g(o.group);
    if (std::find(out.groups.begin(), out.groups.end(), g) == out.groups.end()) out.groups.push_back(g);
  }
  out.groups.push_back("总计");
  std::size_t total_col = out.groups.size() - 1;

  std::map<long long, UnitStatistics> per_unit;
  std::map<long long, std::vector<int>> days;
  std::vector<int> all_days;
  auto blank = [&](long long unit) {
    UnitStatistics u;
    u.unit_id = unit;
    u.unit_name = unit ? names[unit] : "全区";
    u.by_group.assign(out.groups.size(), 0);
    return u;
  };
  out.district = blank(0);
  for (const auto& r : rows) {
    auto& u = per_unit.try_emplace(r.unit_id, blank(r.unit_id)).first->second;
    // Replied and duplicate-closed cases carry their reply date; a deemed withdrawal the day it was recorded.
    std::string closed_on = !r.replied_on.empty() ? r.replied_on : r.closed_on.empty() ? "" : local_date_of(r.closed_on);
    auto st = state_from(r.state);
    bool closed = st && is_closed(*st);
    if (closed && closed_on.empty()) closed_on = r.received_on;
    bool closed_by_end = closed && closed_on <= last;
    bool closed_before = closed && closed_on < first;
    if (closed_before) continue;
    if (r.received_on >= first) {
      ++u.received;
      ++out.district.received;
    }
    if (closed_by_end) {
      ++u.closed;
      ++out.district.closed;
      if (auto o = outcome_from(r.outcome)) {
        std::string g(info(*o).group);
        auto it = std::find(out.groups.begin(), out.groups.end(), g);
        std::size_t col = static_cast<std::size_t>(it - out.groups.begin());
        ++u.by_group[col];
        ++out.district.by_group[col];
      }
      ++u.by_group[total_col];
      ++out.district.by_group[total_col];
      if (!r.replied_on.empty()) {
        auto from = Date::parse(r.received_on), to = Date::parse(r.replied_on);
        if (from && to && *from <= *to) {
          if (auto n = cal->count_working_days(*from, *to)) {
            days[r.unit_id].push_back(*n);
            all_days.push_back(*n);
          }
        }
      }
    } else {
      ++u.open;
      ++out.district.open;
    }
  }
  for (auto& [id, u] : per_unit) {
    u.median_working_days = median(days[id]);
    if (u.received + u.closed + u.open > 0) out.units.push_back(std::move(u));
  }
  out.district.median_working_days = median(all_days);
  std::sort(out.units.begin(), out.units.end(), [](const UnitStatistics& a, const UnitStatistics& b) {
    return a.received != b.received ? a.received > b.received : a.unit_name < b.unit_name;
  });
  return out;
}

}  // namespace gongkai::requests
