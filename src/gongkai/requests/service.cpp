#include "gongkai/requests/service.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "gongkai/audit/service.hpp"
#include "gongkai/requests/handling_store.hpp"
#include "gongkai/text.hpp"
#include "platform/crypto.hpp"
#include "platform/time.hpp"

namespace gongkai::requests {

using calendar::Date;
using platform::make_error;
using platform::Result;
namespace json = boost::json;

namespace {

Error forbidden(std::string what) { return make_error("forbidden", "您没有权限" + std::move(what) + "。"); }

Error stale() {
  return make_error("stale_version", "在您操作期间，其他人已处理了此申请。请查看最新状态后再操作。");
}

// Random bytes from libsodium (through the base64url token: each character's 6-bit value is uniform).
std::string entropy(std::size_t n) {
  static constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string token = platform::random_token(n);
  std::string out;
  for (char c : token) {
    auto pos = alphabet.find(c);
    if (pos != std::string_view::npos) out.push_back(static_cast<char>(pos));
  }
  return out;
}

std::string code_hash(const std::string& normalized_code) { return platform::sha256_hex("gongkai-query-code:" + normalized_code); }
std::string applicant_hash(const Application& a) { return platform::sha256_hex("gongkai-applicant:" + applicant_key(a)); }

std::chrono::year_month_day ymd(Date d) {
  return {std::chrono::year{d.year()}, std::chrono::month{static_cast<unsigned>(d.month())},
          std::chrono::day{static_cast<unsigned>(d.day())}};
}

std::optional<Date> parse_opt(const std::string& s) {
  if (s.empty()) return std::nullopt;
  auto d = Date::parse(s);
  if (!d) return std::nullopt;
  return *d;
}

// A date a person entered: empty means today; never in the future, never before `not_before`.
Result<Date> entered_date(const std::string& text, Date today, std::optional<Date> not_before, const char* what) {
  Date d = today;
  if (!trim(text).empty()) {
    auto p = Date::parse(trim(text));
    if (!p) return make_error("invalid_date", std::string(what) + "应为“年-月-日”格式的日期，例如 2026-03-02。", "date");
    d = *p;
  }
  if (d > today) return make_error("invalid_date", std::string(what) + "不能晚于今天（" + today.iso() + "）。", "date");
  if (not_before && d < *not_before) {
    return make_error("invalid_date", std::string(what) + "不能早于 " + not_before->iso() + "。", "date");
  }
  return d;
}

Result<std::string> required_text(const std::string& raw, const char* what, std::size_t max = 5000) {
  std::string t = trim(raw);
  if (t.empty()) return make_error("required", std::string("请填写") + what + "。", "text");
  if (utf8_length(t) > max) return make_error("too_long", std::string(what) + "不能超过 " + std::to_string(max) + " 个字。", "text");
  return t;
}

// The non-personal facts of a case, for the audit log.
std::string audit_json(const store::Case& c) {
  json::object o{{"number", c.number},
                 {"state", to_string(c.state)},
                 {"unit_id", c.unit_id},
                 {"received_on", c.received_on},
                 {"due_on", c.due_on},
                 {"extension_days", c.extension_days},
                 {"fee_amount", c.fee_amount},
                 {"outcome", c.outcome},
                 {"version", c.version}};
  o["assignee_id"] = c.assignee_id ? json::value(*c.assignee_id) : json::value(nullptr);
  return json::serialize(o);
}

calendar::PauseKind pause_kind(const std::string& k) {
  if (k == "agency") return calendar::PauseKind::kAgencyOpinion;
  if (k == "fee") return calendar::PauseKind::kFeePayment;
  return calendar::PauseKind::kThirdPartyOpinion;
}

std::optional<store::PauseRow*> open_pause(std::vector<store::PauseRow>& pauses, bool fee) {
  for (auto it = pauses.rbegin(); it != pauses.rend(); ++it) {
    if (it->end_on.empty() && ((it->kind == "fee") == fee)) return &*it;
  }
  return std::nullopt;
}

}  // namespace

Result<void> recompute_due(const calendar::WorkdayCalendar& cal, store::Case& c, const std::vector<store::PauseRow>& pauses,
                           const calendar::ClockOptions& options) {
  calendar::ReplyInput in;
  auto received = Date::parse(c.received_on);
  if (!received) return received.error();
  in.received = *received;
  in.channel = c.channel;
  in.supplement_notice_sent = parse_opt(c.supplement_notice_on);
  in.supplement_received = parse_opt(c.supplement_received_on);
  for (const auto& p : pauses) {
    calendar::Pause x;
    x.kind = pause_kind(p.kind);
    auto start = Date::parse(p.start_on);
    if (!start) return start.error();
    x.start = *start;
    x.delivered = parse_opt(p.delivered_on);
    x.end = parse_opt(p.end_on);
    in.pauses.push_back(x);
  }
  if (c.extension_days > 0) {
    auto approved = parse_opt(c.extension_approved_on);
    in.extension = calendar::Extension{approved.value_or(in.received), c.extension_days};
  }
  auto clock = calendar::compute_reply_clock(cal, in, options);
  if (!clock) return clock.error();
  c.supplement_notice_due_on = clock->supplement_notice_due.date.iso();
  if (const auto* due = clock->effective_due()) {
    c.due_on = due->date.iso();
    c.due_explanation = calendar::render_text(due->explanation);
    c.due_provisional = due->provisional;
  } else {
    // Awaiting the supplement (Art. 30): nothing is due from the agency; the applicant's deadline is what matters.
    c.due_on = c.supplement_due_on;
    c.due_explanation = calendar::receipt_line(in.received, in.channel) + "\n已于 " + c.supplement_notice_on +
                        " 发出补正通知，答复期限自收到补正材料之日起重新计算（条例第三十条）。\n申请人补正期限：" +
                        c.supplement_due_on + "。";
    c.due_provisional = false;
  }
  return {};
}

RequestService::RequestService(std::shared_ptr<platform::db::Database> db, calendar::CalendarService& calendar,
                               RequestOptions options)
    : db_(std::move(db)), calendar_(calendar), options_(std::move(options)) {
  today = [] { return *Date::parse(platform::local_date_today()); };
}

// ---- intake ----

Result<Submitted> RequestService::create(const units::Actor& actor, const ApplicationInput& in, calendar::Channel channel,
                                         Date received, bool staff) {
  Date now = today();
  auto valid = validate_application(in, ymd(now));
  if (!valid) return valid.error();
  const Application& a = *valid;
  if (staff && !may_view(actor, a.unit_id)) return forbidden("为该单位登记申请");
  auto cal = calendar_.current();
  return db_->write([&](soci::session& s) -> Result<Submitted> {
    // The unit must exist and be active (a public form could name any id).
    int active = 0;
    soci::indicator ind = soci::i_null;
    s << "SELECT active FROM units WHERE id = :id", soci::use(a.unit_id), soci::into(active, ind);
    if (ind != soci::i_ok || active == 0) return make_error("invalid_unit", "请选择受理申请的机关。", "unit_id");

    store::Case c;
    c.unit_id = a.unit_id;
    c.app = a;
    c.channel = channel;
    c.received_on = received.iso();
    c.state = State::registered;
    c.applicant_hash = applicant_hash(a);
    if (staff) c.entered_by = actor.user_id ? std::optional<long long>(actor.user_id) : std::nullopt;
    do {
      c.number = make_request_number(now.year(), entropy(12));
    } while (store::number_taken(s, c.number));
    std::string code = make_query_code(entropy(16));
    c.query_hash = code_hash(code);
    // The duplicate rule: same applicant, same unit, near-identical description within the configured period.
    std::string since = platform::to_utc_iso(std::chrono::system_clock::now() - std::chrono::hours(24) * options_.duplicate_days);
    for (const auto& earlier : store::same_applicant(s, c.applicant_hash, c.unit_id, since)) {
      if (near_identical(earlier.app.description, a.description, options_.duplicate_threshold)) {
        c.duplicate_of = earlier.id;
        break;
      }
    }
    auto due = recompute_due(*cal, c, {}, options_.clock);
    if (!due) return due.error();
    std::string at = platform::now_utc_iso();
    c.id = store::insert_case(s, c, at);
    store::EventRow e;
    e.request_id = c.id;
    e.at = at;
    if (actor.user_id) e.actor_id = actor.user_id;
    e.actor_name = staff ? actor.display_name : "申请人";
    e.action = "submit";
    e.to_state = to_string(State::registered);
    e.public_text = std::string("收到申请（") + std::string(calendar::channel_name(channel)) + "），收到日期 " + c.received_on + "。";
    e.detail = c.duplicate_of ? "可能与本单位此前收到的同一申请人的申请重复，请核对。" : "";
    store::insert_event(s, e);
    if (auto h = run_hooks(s, actor, Step{"submit", c, c, e}); !h) return h.error();
    units::Actor who = actor;
    if (!staff) who.display_name = "申请人（网上提交）";
    audit::record(s, who, {staff ? "request.enter" : "request.submit", "request", std::to_string(c.id), c.number, c.unit_id,
                           "", audit_json(c)});
    return Submitted{c.id, c.number, code, c.received_on, c.due_on, c.duplicate_of.has_value()};
  });
}

Result<Submitted> RequestService::submit_online(const ApplicationInput& in, const units::Actor& visitor) {
  // 条例 Art. 31 (三): an application over the internet is received on the day both sides confirm — here, the
  // day the form is submitted and the number is issued.
  return create(visitor, in, calendar::Channel::kOnline, today(), false);
}

Result<Submitted> RequestService::enter(const units::Actor& staff, const ApplicationInput& in, calendar::Channel channel,
                                        const std::string& received_on) {
  if (!staff.signed_in()) return forbidden("登记申请");
  auto d = entered_date(received_on, today(), std::nullopt, "收到申请日期");
  if (!d) {
    auto e = d.error();
    e.field = "received_on";
    return e;
  }
  return create(staff, in, channel, *d, true);
}

// ---- staff views ----

Result<std::vector<QueueItem>> RequestService::queue(const units::Actor& actor, bool include_closed) {
  if (!actor.district_wide() && !actor.has(units::Role::request_handler)) return forbidden("查看依申请公开办理队列");
  auto cases = db_->read([&](soci::session& s) {
    return store::list_cases(s, actor.district_wide() ? std::nullopt : std::optional<long long>(actor.unit_id), include_closed);
  });
  auto cal = calendar_.current();
  Date now = today();
  std::vector<QueueItem> out;
  for (auto& c : cases) {
    QueueItem q{std::move(c), Urgency::none};
    if (!is_closed(q.c.state)) {
      if (auto due = parse_opt(q.c.due_on)) q.urgency = urgency(*cal, now, *due, options_.due_soon_working_days);
    }
    out.push_back(std::move(q));
  }
  return out;
}

Result<CaseView> RequestService::get(const units::Actor& actor, long long id) {
  auto view = db_->read([&](soci::session& s) -> Result<CaseView> {
    auto c = store::find_case(s, id);
    if (!c) return make_error("not_found", "申请不存在。");
    if (!may_view(actor, c->unit_id)) return forbidden("查看该申请");
    CaseView v;
    v.c = *c;
    v.pauses = store::pauses_of(s, id);
    v.events = store::events_of(s, id);
    v.notes = store::notes_of(s, id);
    v.handlers = store::handlers_of_unit(s, c->unit_id);
    if (c->assignee_id) v.assignee_name = store::display_name_of(s, *c->assignee_id);
    if (c->duplicate_of) {
      if (auto d = store::find_case(s, *c->duplicate_of)) v.duplicate_number = d->number;
    }
    return v;
  });
  if (!view) return view;
  for (Action a : actions_from(view->c.state)) {
    if (may_act(actor, a, view->c.unit_id)) view->allowed.push_back(a);
  }
  if (!is_closed(view->c.state)) {
    if (auto due = parse_opt(view->c.due_on)) {
      view->urgency = urgency(*calendar_.current(), today(), *due, options_.due_soon_working_days);
    }
  }
  return view;
}

// ---- transitions ----

Result<store::Case> RequestService::act(const units::Actor& actor, long long id, Action action, const ActionInput& in,
                                        int expected_version) {
  auto cal = calendar_.current();
  Date now = today();
  return db_->write([&](soci::session& s) -> Result<store::Case> {
    auto found = store::find_case(s, id);
    if (!found) return make_error("not_found", "申请不存在。");
    store::Case before = *found;
    if (!may_act(actor, action, before.unit_id)) {
      if (transition(action).who == Who::supervisor) {
        return make_error("forbidden", "“" + std::string(label(action)) + "”须由政务公开工作机构负责人（政务公开办）审批。");
      }
      return forbidden("办理该申请");
    }
    if (before.version != expected_version) return stale();
    auto next = next_state(before.state, action);
    if (!next) return next.error();

    store::Case c = before;
    c.state = *next;
    auto pauses = store::pauses_of(s, id);
    Date received = *Date::parse(before.received_on);
    std::string public_text, detail;

    switch (action) {
      case Action::request_supplement: {
        // Art. 30: one notice listing what to supplement and a reasonable deadline.
        auto items = required_text(in.text, "需要补正的内容");
        if (!items) return items.error();
        auto due = Date::parse(trim(in.due));
        if (!due) return make_error("invalid_date", "请填写补正期限（年-月-日）。", "due");
        if (*due <= now) return make_error("invalid_date", "补正期限应晚于今天。", "due");
        c.supplement_items = *items;
        c.supplement_due_on = due->iso();
        detail = "需补正：" + *items + "；补正期限 " + c.supplement_due_on;
        break;
      }
      case Action::cancel_supplement:
        c.supplement_items.clear();
        c.supplement_due_on.clear();
        break;
      case Action::send_supplement_notice: {
        auto d = entered_date(in.date, now, received, "补正通知发出日期");
        if (!d) return d.error();
        if (Date::parse(c.supplement_due_on).ok() && *Date::parse(c.supplement_due_on) <= *d) {
          return make_error("invalid_date", "补正期限（" + c.supplement_due_on + "）已过，请撤销补正后重新拟定期限。", "date");
        }
        c.supplement_notice_on = d->iso();
        public_text = "已于 " + c.supplement_notice_on + " 发出补正通知，请在 " + c.supplement_due_on +
                      " 前补正：" + c.supplement_items + "（条例第三十条）";
        break;
      }
      case Action::receive_supplement: {
        auto d = entered_date(in.date, now, parse_opt(c.supplement_notice_on), "收到补正材料日期");
        if (!d) return d.error();
        c.supplement_received_on = d->iso();
        c.supplement_text = trim(in.text);
        public_text = "已于 " + c.supplement_received_on + " 收到补正材料，答复期限自该日起重新计算（条例第三十条）。";
        break;
      }
      case Action::withdraw_no_supplement: {
        auto due = parse_opt(c.supplement_due_on);
        if (due && now <= *due) {
          return make_error("too_early", "补正期限（" + c.supplement_due_on + "）尚未届满，不能视为撤回。");
        }
        c.outcome = std::string(to_string(Outcome::other_no_supplement));
        public_text = "申请人无正当理由逾期未补正，视为放弃申请，本机关不再处理（条例第三十条）。";
        break;
      }
      case Action::accept:
        public_text = "已受理。";
        break;
      case Action::assign:
      case Action::reassign: {
        if (!in.assignee_id) return make_error("required", "请选择办理人。", "assignee_id");
        auto handlers = store::handlers_of_unit(s, c.unit_id);
        auto it = std::find_if(handlers.begin(), handlers.end(), [&](const auto& h) { return h.first == *in.assignee_id; });
        if (it == handlers.end()) return make_error("invalid_choice", "办理人须是本单位的依申请办理人。", "assignee_id");
        if (action == Action::reassign) {
          // Reassignment needs a reason.
          auto reason = required_text(in.text, "改派理由", 500);
          if (!reason) return reason.error();
          if (c.assignee_id == in.assignee_id) return make_error("invalid_choice", "新办理人与原办理人相同。", "assignee_id");
          detail = "改派给 " + it->second + "，理由：" + *reason;
        } else {
          detail = "分办给 " + it->second;
        }
        c.assignee_id = in.assignee_id;
        break;
      }
      case Action::start_work:
        public_text = "正在办理。";
        break;
      case Action::consult: {
        if (in.kind != "third_party" && in.kind != "agency") {
          return make_error("invalid_choice", "请选择征求第三方意见或征求其他机关意见。", "kind");
        }
        auto party = required_text(in.party, in.kind == "agency" ? "被征求意见的机关" : "第三方名称", 200);
        if (!party) {
          auto e = party.error();
          e.field = "party";
          return e;
        }
        auto d = entered_date(in.date, now, received, "征求意见函发出日期");
        if (!d) return d.error();
        store::PauseRow p;
        p.request_id = id;
        p.kind = in.kind;
        p.party = *party;
        p.start_on = d->iso();
        pauses.push_back(p);
        store::insert_pause(s, p);
        auto window = calendar::opinion_deadline(*cal, *d, options_.clock);
        detail = "征求" + *party + "意见" + (window ? "，答复期限 " + window->date.iso() : std::string());
        public_text = in.kind == "agency"
                          ? "正在征求其他机关意见，征求意见所需时间不计入答复期限（条例第三十四条）。"
                          : "正在征求第三方意见，征求意见所需时间不计入答复期限（条例第三十二条）。";
        break;
      }
      case Action::receive_opinion: {
        auto open = open_pause(pauses, false);
        if (!open) return make_error("invalid_transition", "没有正在进行的征求意见。");
        auto opinion = required_text(in.text, "意见内容");
        if (!opinion) return opinion.error();
        auto d = entered_date(in.date, now, parse_opt((*open)->start_on), "收到意见日期");
        if (!d) return d.error();
        (*open)->end_on = d->iso();
        (*open)->opinion = *opinion;
        store::update_pause(s, **open);
        detail = (*open)->party + "意见：" + *opinion;
        public_text = "征求意见结束，继续办理。";
        break;
      }
      case Action::extend: {
        // Art. 33: at most 20 more working days, approved by the head of the disclosure office, applicant told.
        if (c.extension_days > 0) return make_error("already_extended", "答复期限已延长过一次，不能再次延长（条例第三十三条）。");
        if (in.days < 1 || in.days > options_.clock.max_extension_days) {
          return make_error("invalid_choice", "延长期限应为 1 至 " + std::to_string(options_.clock.max_extension_days) +
                                                  " 个工作日（条例第三十三条）。", "days");
        }
        auto reason = required_text(in.text, "延期理由", 500);
        if (!reason) return reason.error();
        auto d = entered_date(in.date, now, received, "批准延期日期");
        if (!d) return d.error();
        c.extension_days = in.days;
        c.extension_approved_on = d->iso();
        c.extension_reason = *reason;
        public_text = "经政府信息公开工作机构负责人同意，答复期限延长 " + std::to_string(in.days) + " 个工作日（条例第三十三条）。理由：" + *reason;
        break;
      }
      case Action::fee_notice: {
        // 条例 Art. 42, 国办函〔2020〕109号: one basis per application, never both.
        auto basis = fee_basis_from(in.basis);
        if (!basis) return make_error("invalid_choice", "请选择计费方式（按件或按量）。", "basis");
        // By count, the band is the applicant's nth application to this agency in the calendar month of this one
        // (109号: 同一申请人一个自然月内累计申请) — counted from the records, not typed.
        int quantity = *basis == FeeBasis::by_count
                           ? store::nth_application_in_month(s, c.applicant_hash, c.unit_id, c.received_on, c.id)
                           : in.quantity;
        if (quantity < 1 || quantity > 100000) return make_error("invalid_choice", "请填写页数。", "quantity");
        long long amount = *basis == FeeBasis::by_count ? fee_by_count(quantity) : fee_by_pages(quantity);
        if (amount == 0) {
          return make_error("fee_zero", *basis == FeeBasis::by_count
                                            ? "该申请是申请人本月向本机关提出的第 " + std::to_string(quantity) +
                                                  " 件申请，按国办函〔2020〕109号的标准不收费（本月第 10 件以内）。"
                                            : std::string("按国办函〔2020〕109号的标准，30 页以内不收费。"),
                            "quantity");
        }
        auto d = entered_date(in.date, now, received, "收费通知发出日期");
        if (!d) return d.error();
        c.fee_basis = std::string(to_string(*basis));
        c.fee_quantity = quantity;
        c.fee_amount = amount;
        c.fee_notice_on = d->iso();
        c.fee_paid_on.clear();
        store::PauseRow p;
        p.request_id = id;
        p.kind = "fee";
        p.party = "申请人";
        p.start_on = c.fee_notice_on;
        pauses.push_back(p);
        store::insert_pause(s, p);
        auto window = calendar::fee_payment_deadline(*cal, *d, options_.clock);
        public_text = "已发出收费通知：信息处理费 " + std::to_string(amount) + " 元（" + std::string(label(*basis)) + "）" +
                      (window ? "，请在 " + window->date.iso() + " 前缴纳，逾期视为放弃申请" : std::string()) +
                      "（条例第四十二条）。";
        break;
      }
      case Action::fee_paid: {
        auto open = open_pause(pauses, true);
        auto d = entered_date(in.date, now, parse_opt(c.fee_notice_on), "缴费日期");
        if (!d) return d.error();
        if (open) {
          (*open)->end_on = d->iso();
          store::update_pause(s, **open);
        }
        c.fee_paid_on = d->iso();
        public_text = "已收到信息处理费，继续办理。";
        break;
      }
      case Action::withdraw_fee_unpaid: {
        auto notice = parse_opt(c.fee_notice_on);
        if (notice) {
          auto window = calendar::fee_payment_deadline(*cal, *notice, options_.clock);
          if (window && now <= window->date) {
            return make_error("too_early", "缴费期限（" + window->date.iso() + "）尚未届满，不能视为撤回。");
          }
        }
        // Close the fee pause at the end of its window (the clock caps it anyway).
        if (auto open = open_pause(pauses, true)) {
          (*open)->end_on = now.iso();
          store::update_pause(s, **open);
        }
        c.outcome = std::string(to_string(Outcome::other_fee_unpaid));
        public_text = "申请人逾期未缴纳信息处理费，视为放弃申请，本机关不再处理。";
        break;
      }
      case Action::draft_reply: {
        auto o = outcome_from(in.outcome);
        if (!o || !info(*o).in_reply) return make_error("invalid_choice", "请选择答复类型。", "outcome");
        auto text = required_text(in.text, "答复内容", 20000);
        if (!text) return text.error();
        c.outcome = std::string(to_string(*o));
        c.reply_text = *text;
        detail = "答复类型：" + label(*o);
        break;
      }
      case Action::return_reply: {
        auto reason = required_text(in.text, "退回理由", 1000);
        if (!reason) return reason.error();
        detail = "退回理由：" + *reason;
        break;
      }
      case Action::approve_reply: {
        // One unified reply (会办): every co-handling unit has contributed before the lead unit's reply is signed off.
        if (int waiting = store::unanswered_cohandlers(s, id); waiting > 0) {
          return make_error("cohandling_open", "还有 " + std::to_string(waiting) + " 个会办单位未提交意见，答复应汇总各会办单位意见后再审核。");
        }
        // A sensitive request is approved only after the talk with the applicant and the openness office's sign-off.
        if (auto sens = store::sensitivity_of(s, id)) {
          if (!sens->talked()) return make_error("sensitive_unresolved", "敏感申请须先记录与申请人的沟通情况。");
          if (!sens->signed_off()) return make_error("sensitive_unresolved", "敏感申请须先经政务公开办审签。");
        }
        detail = "答复类型：" + (outcome_from(c.outcome) ? label(*outcome_from(c.outcome)) : c.outcome);
        break;
      }
      case Action::send_reply: {
        auto d = entered_date(in.date, now, received, "答复日期");
        if (!d) return d.error();
        c.replied_on = d->iso();
        public_text = "已于 " + c.replied_on + " 答复：" + (outcome_from(c.outcome) ? label(*outcome_from(c.outcome)) : c.outcome) + "。";
        break;
      }
      case Action::close_duplicate: {
        // 条例 Art. 36 (六): a repeated application for the same information need not be processed again.
        auto reason = required_text(in.text, "认定重复申请的理由", 1000);
        if (!reason) return reason.error();
        c.outcome = std::string(to_string(Outcome::not_processed_repeat));
        c.reply_text = *reason;
        c.replied_on = now.iso();
        detail = *reason;
        public_text = "经核实属于重复申请，本机关不再重复处理（条例第三十六条第（六）项）。";
        break;
      }
      case Action::archive:
        break;
    }

    auto due = recompute_due(*cal, c, pauses, options_.clock);
    if (!due) {
      auto e = due.error();
      if (e.field.empty()) e.field = "date";
      return e;
    }
    if (c.due_on != before.due_on && !c.due_on.empty()) {
      detail += std::string(detail.empty() ? "" : "；") + "期限 " + (before.due_on.empty() ? "—" : before.due_on) + " → " + c.due_on;
    }
    std::string at = platform::now_utc_iso();
    if (!store::update_case(s, c, expected_version, at)) return stale();
    c.version = expected_version + 1;
    c.updated_at = at;
    store::EventRow e;
    e.request_id = id;
    e.at = at;
    if (actor.user_id) e.actor_id = actor.user_id;
    e.actor_name = actor.display_name.empty() ? actor.username : actor.display_name;
    e.action = std::string(to_string(action));
    e.from_state = std::string(to_string(before.state));
    e.to_state = std::string(to_string(c.state));
    e.public_text = public_text;
    e.detail = detail;
    store::insert_event(s, e);
    if (auto h = run_hooks(s, actor, Step{std::string(to_string(action)), before, c, e}); !h) return h.error();
    audit::record(s, actor, {"request." + std::string(to_string(action)), "request", std::to_string(id), c.number, c.unit_id,
                             audit_json(before), audit_json(c)});
    return c;
  });
}

Result<std::vector<std::pair<long long, std::string>>> RequestService::split(const units::Actor& actor, long long id,
                                                                             const std::vector<std::string>& matters,
                                                                             int expected_version) {
  std::vector<std::string> items;
  for (const auto& m : matters) {
    std::string t = trim(m);
    if (t.empty()) continue;
    if (utf8_length(t) > 5000) return make_error("too_long", "每项事项不能超过 5000 个字。", "matters");
    if (utf8_length(t) < 6) {
      return make_error("description_too_short", "每项事项请描述得具体一些（至少 6 个字）：“" + t + "”。", "matters");
    }
    items.push_back(std::move(t));
  }
  if (items.size() < 2) return make_error("required", "请至少填写两项事项（每行一项）：第一项留在本申请，其余各项分别成为新申请。", "matters");
  if (items.size() > 20) return make_error("too_long", "一次最多拆分为 20 件申请。", "matters");
  auto cal = calendar_.current();
  using Out = std::vector<std::pair<long long, std::string>>;
  return db_->write([&](soci::session& s) -> Result<Out> {
    auto found = store::find_case(s, id);
    if (!found) return make_error("not_found", "申请不存在。");
    if (!may_act(actor, Action::accept, found->unit_id)) return forbidden("拆分该申请");
    if (found->state != State::registered && found->state != State::supplemented) {
      return make_error("invalid_transition", "只有受理前的申请可以拆分（当前状态：" + std::string(label(found->state)) + "）。");
    }
    if (found->version != expected_version) return stale();
    store::Case parent = *found;
    parent.app.description = items[0];
    std::string at = platform::now_utc_iso();
    if (!store::update_case(s, parent, expected_version, at)) return stale();
    store::update_description(s, parent.id, parent.app.description);
    parent.version = expected_version + 1;
    Out children;
    std::string numbers = parent.number + "（本申请）";
    for (std::size_t i = 1; i < items.size(); ++i) {
      store::Case child = parent;
      child.id = 0;
      child.app.description = items[i];
      child.duplicate_of.reset();
      child.assignee_id.reset();
      if (actor.user_id) child.entered_by = actor.user_id;
      do {
        child.number = make_request_number(today().year(), entropy(12));
      } while (store::number_taken(s, child.number));
      // The same query code follows every part: the applicant was given one code for one application.
      child.query_hash = parent.query_hash;
      auto due = recompute_due(*cal, child, {}, options_.clock);
      if (!due) return due.error();
      child.id = store::insert_case(s, child, at);
      store::insert_split(s, parent.id, child.id, at);
      store::EventRow e;
      e.request_id = child.id;
      e.at = at;
      if (actor.user_id) e.actor_id = actor.user_id;
      e.actor_name = actor.display_name.empty() ? actor.username : actor.display_name;
      e.action = "split";
      e.to_state = std::string(to_string(child.state));
      e.public_text = "按“一事一申请”原则由申请 " + parent.number + " 拆分而来，收到日期仍为 " + child.received_on +
                      "，可使用原查询码查询。";
      store::insert_event(s, e);
      audit::record(s, actor, {"request.split", "request", std::to_string(child.id), child.number, child.unit_id, "",
                               audit_json(child)});
      children.emplace_back(child.id, child.number);
      numbers += "、" + child.number;
    }
    store::EventRow e;
    e.request_id = parent.id;
    e.at = at;
    if (actor.user_id) e.actor_id = actor.user_id;
    e.actor_name = actor.display_name.empty() ? actor.username : actor.display_name;
    e.action = "split";
    e.from_state = e.to_state = std::string(to_string(parent.state));
    e.public_text = "按“一事一申请”原则，本申请拆分为 " + std::to_string(items.size()) + " 件：" + numbers +
                    "。各件均按原收到日期计算期限，可使用原查询码查询。";
    e.detail = "本申请保留：" + items[0];
    store::insert_event(s, e);
    audit::record(s, actor, {"request.split", "request", std::to_string(parent.id), parent.number, parent.unit_id,
                             audit_json(*found), audit_json(parent)});
    return children;
  });
}

Result<void> RequestService::add_note(const units::Actor& actor, long long id, const std::string& body) {
  auto text = required_text(body, "备注内容", 5000);
  if (!text) return text.error();
  return db_->write([&](soci::session& s) -> Result<void> {
    auto c = store::find_case(s, id);
    if (!c) return make_error("not_found", "申请不存在。");
    if (!may_view(actor, c->unit_id)) return forbidden("为该申请添加备注");
    store::NoteRow n;
    n.request_id = id;
    n.at = platform::now_utc_iso();
    if (actor.user_id) n.actor_id = actor.user_id;
    n.actor_name = actor.display_name.empty() ? actor.username : actor.display_name;
    n.body = *text;
    store::insert_note(s, n);
    audit::record(s, actor, {"request.note", "request", std::to_string(id), c->number, c->unit_id, "", ""});
    return {};
  });
}

// ---- the applicant ----

Result<store::Case> RequestService::verify(soci::session& s, const std::string& number_in, const std::string& code_in,
                                           const units::Actor& visitor) {
  auto now = std::chrono::system_clock::now();
  std::string since = platform::to_utc_iso(now - options_.track_window);
  auto number = normalize_request_number(number_in);
  auto code = normalize_query_code(code_in);
  std::string key = number ? *number : std::string("(invalid)");
  if (store::count_track_failures_from(s, visitor.address, since) >= options_.track_failures_per_address ||
      store::count_track_failures_for(s, key, since) >= options_.track_failures_per_number) {
    return make_error("throttled", "查询失败次数过多，请 " + std::to_string(options_.track_window.count()) +
                                       " 分钟后再试。如遗失查询码，请联系受理机关。");
  }
  std::optional<store::Case> c;
  if (number && code) c = store::find_by_number(s, *number);
  bool ok = c && platform::constant_time_equal(c->query_hash, code_hash(*code));
  store::add_track_attempt(s, platform::to_utc_iso(now), visitor.address, key, ok);
  if (!ok) return make_error("track_failed", "申请编号或查询码不正确，请核对后重新输入。");
  return *c;
}

PublicView RequestService::public_view(soci::session& s, const store::Case& c) {
  PublicView v;
  v.number = c.number;
  v.state = c.state;
  v.state_label = std::string(label(c.state));
  v.received_on = c.received_on;
  v.channel_label = std::string(calendar::channel_name(c.channel));
  v.unit_id = c.unit_id;
  v.description = c.app.description;
  v.doc_no = c.app.doc_no;
  if (!is_closed(c.state)) {
    v.due_on = c.due_on;
    v.due_explanation = c.due_explanation;
    v.due_provisional = c.due_provisional;
  }
  if (c.state == State::awaiting_supplement) {
    v.supplement_items = c.supplement_items;
    v.supplement_due_on = c.supplement_due_on;
  }
  if (c.state == State::awaiting_fee) {
    v.fee_amount = std::to_string(c.fee_amount);
    if (auto notice = parse_opt(c.fee_notice_on)) {
      if (auto w = calendar::fee_payment_deadline(*calendar_.current(), *notice, options_.clock)) v.fee_due_on = w->date.iso();
    }
  }
  bool answered = c.state == State::replied || c.state == State::archived || c.state == State::closed_duplicate ||
                  c.state == State::deemed_withdrawn;
  if (answered && !c.outcome.empty()) {
    if (auto o = outcome_from(c.outcome)) v.outcome_label = label(*o);
    if (c.state != State::deemed_withdrawn) v.reply_text = c.reply_text;
    v.replied_on = c.replied_on;
  }
  for (const auto& e : store::events_of(s, c.id)) {
    if (!e.public_text.empty()) v.timeline.emplace_back(platform::utc_iso_to_local_display(e.at), e.public_text);
  }
  return v;
}

Result<PublicView> RequestService::track(const std::string& number, const std::string& code, const units::Actor& visitor) {
  // Every attempt is recorded for throttling, so the check commits even when it fails: the transaction returns a
  // wrapper, not a Result (a Result holding an error would roll back).
  struct Out {
    Result<PublicView> r;
  };
  Out out = db_->write([&](soci::session& s) -> Out {
    auto c = verify(s, number, code, visitor);
    if (!c) return Out{c.error()};
    return Out{public_view(s, *c)};
  });
  return std::move(out.r);
}

Result<PublicView> RequestService::supplement(const std::string& number, const std::string& code, const std::string& text,
                                              const units::Actor& visitor) {
  auto body = required_text(text, "补正内容");
  if (!body) return body.error();
  struct Checked {
    Result<store::Case> r;
  };
  Checked checked = db_->write([&](soci::session& s) { return Checked{verify(s, number, code, visitor)}; });
  if (!checked.r) return checked.r.error();
  return apply_supplement(checked.r->id, *body, visitor);
}

Result<PublicView> RequestService::supplement_for_email(const std::string& number, const std::string& email,
                                                        const std::string& text, const units::Actor& visitor) {
  auto body = required_text(text, "补正内容");
  if (!body) return body.error();
  auto n = normalize_request_number(number);
  auto found = db_->read([&](soci::session& s) { return n ? store::find_by_number(s, *n) : std::nullopt; });
  if (!found || email.empty() || ascii_lower(found->app.email) != ascii_lower(email)) {
    return make_error("not_found", "没有找到这件申请。");
  }
  return apply_supplement(found->id, *body, visitor);
}

Result<PublicView> RequestService::apply_supplement(long long id, const std::string& body, const units::Actor& visitor) {
  Date now = today();
  auto cal = calendar_.current();
  return db_->write([&](soci::session& s) -> Result<PublicView> {
    auto found = store::find_case(s, id);
    if (!found) return make_error("not_found", "申请不存在。");
    store::Case before = *found;
    auto next = next_state(before.state, Action::receive_supplement);
    if (!next) return make_error("invalid_transition", "此申请当前不需要补正（状态：" + std::string(label(before.state)) + "）。");
    store::Case c = before;
    c.state = *next;
    // Art. 30: the reply limit counts from the day the supplemented application is received.
    c.supplement_received_on = now.iso();
    c.supplement_text = body;
    auto pauses = store::pauses_of(s, c.id);
    auto due = recompute_due(*cal, c, pauses, options_.clock);
    if (!due) return due.error();
    std::string at = platform::now_utc_iso();
    if (!store::update_case(s, c, before.version, at)) return stale();
    c.version = before.version + 1;
    store::EventRow e;
    e.request_id = c.id;
    e.at = at;
    e.actor_name = "申请人";
    e.action = std::string(to_string(Action::receive_supplement));
    e.from_state = std::string(to_string(before.state));
    e.to_state = std::string(to_string(c.state));
    e.public_text = "已于 " + c.supplement_received_on + " 收到网上提交的补正材料，答复期限自该日起重新计算（条例第三十条）。";
    e.detail = "期限 → " + c.due_on;
    store::insert_event(s, e);
    if (auto h = run_hooks(s, visitor, Step{e.action, before, c, e}); !h) return h.error();
    units::Actor who = visitor;
    who.display_name = "申请人（网上补正）";
    audit::record(s, who, {"request.receive_supplement", "request", std::to_string(c.id), c.number, c.unit_id,
                           audit_json(before), audit_json(c)});
    return public_view(s, c);
  });
}

Result<PublicView> RequestService::view_for_email(const std::string& number, const std::string& email) {
  return db_->read([&](soci::session& s) -> Result<PublicView> {
    auto n = normalize_request_number(number);
    std::optional<store::Case> c;
    if (n) c = store::find_by_number(s, *n);
    if (!c || ascii_lower(c->app.email) != ascii_lower(email) || email.empty()) {
      return make_error("not_found", "没有找到这件申请。");
    }
    return public_view(s, *c);
  });
}

Result<int> RequestService::recompute_open(const units::Actor& actor) {
  if (!actor.district_wide()) return forbidden("重新计算办理期限");
  auto cal = calendar_.current();
  return db_->write([&](soci::session& s) -> Result<int> {
    int changed = 0;
    for (const auto& before : store::list_cases(s, std::nullopt, false)) {
      store::Case c = before;
      if (!recompute_due(*cal, c, store::pauses_of(s, c.id), options_.clock)) continue;  // facts unchanged: stays valid
      if (c.due_on == before.due_on && c.due_explanation == before.due_explanation &&
          c.due_provisional == before.due_provisional) {
        continue;
      }
      std::string at = platform::now_utc_iso();
      if (!store::update_case(s, c, before.version, at)) return stale();
      c.version = before.version + 1;
      store::EventRow e;
      e.request_id = c.id;
      e.at = at;
      if (actor.user_id) e.actor_id = actor.user_id;
      e.actor_name = actor.display_name.empty() ? actor.username : actor.display_name;
      e.action = "recompute";
      e.from_state = e.to_state = std::string(to_string(c.state));
      if (c.due_on != before.due_on) {
        e.public_text = "因工作日历调整，期限由 " + before.due_on + " 调整为 " + c.due_on + "。";
      }
      e.detail = "按新工作日历重新计算期限：" + before.due_on + " → " + c.due_on;
      store::insert_event(s, e);
      if (auto h = run_hooks(s, actor, Step{"recompute", before, c, e}); !h) return h.error();
      audit::record(s, actor, {"request.recompute", "request", std::to_string(c.id), c.number, c.unit_id, audit_json(before),
                               audit_json(c)});
      ++changed;
    }
    return changed;
  });
}

Result<void> RequestService::run_hooks(soci::session& s, const units::Actor& actor, const Step& step) {
  for (const auto& hook : hooks_) {
    if (auto r = hook(s, actor, step); !r) return r;
  }
  return {};
}

int RequestService::purge_expired() {
  std::string before = platform::to_utc_iso(std::chrono::system_clock::now() - std::chrono::hours(24));
  return db_->write([&](soci::session& s) { return store::purge_track_attempts(s, before); });
}

}  // namespace gongkai::requests
