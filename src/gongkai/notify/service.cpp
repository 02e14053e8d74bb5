#include "gongkai/notify/service.hpp"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include "gongkai/audit/service.hpp"
#include "platform/mail/message.hpp"
#include "platform/time.hpp"

namespace gongkai::notify {

using platform::make_error;
using platform::Result;
namespace json = boost::json;

namespace {

std::string at_offset(std::chrono::seconds s) { return platform::to_utc_iso(std::chrono::system_clock::now() + s); }

std::string one_value(soci::session& s, const std::string& sql, long long id) {
  std::string v;
  soci::indicator ind = soci::i_null;
  s << sql, soci::use(id), soci::into(v, ind);
  return ind == soci::i_ok ? v : std::string();
}

std::string district_name(soci::session& s) {
  std::string name;
  soci::indicator ind = soci::i_null;
  s << "SELECT name FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1", soci::into(name, ind);
  return ind == soci::i_ok ? name : std::string();
}

// What the subject line says for a step.
std::string headline(const std::string& action) {
  using requests::Action;
  auto a = requests::action_from(action);
  if (action == "submit") return "已收到您的申请";
  if (action == "recompute") return "办理期限调整";
  if (!a) return "办理进度";
  switch (*a) {
    case Action::send_supplement_notice: return "请补正申请";
    case Action::receive_supplement: return "已收到补正材料";
    case Action::consult: return "征求意见，期限顺延";
    case Action::receive_opinion: return "征求意见结束";
    case Action::extend: return "答复期限延长";
    case Action::fee_notice: return "信息处理费缴纳通知";
    case Action::fee_paid: return "已收到信息处理费";
    case Action::withdraw_no_supplement:
    case Action::withdraw_fee_unpaid: return "申请视为撤回";
    case Action::send_reply: return "已作出答复";
    case Action::close_duplicate: return "重复申请不予重复处理";
    default: return std::string(requests::label(*a));
  }
}

bool permanent(const platform::Error& e) { return e.field == "permanent"; }

constexpr const char* kApplicantLink = "applicant_link";

}  // namespace

Result<void> LogOnlySms::send(const store::Row& m) {
  // Never the phone number or the text: the request number and what the message is about are enough to audit.
  spdlog::info("sms (log only, no gateway configured): message {} for request {} ({})", m.id, m.d.ref_label, m.d.template_name);
  return {};
}

Outbox::Outbox(std::shared_ptr<platform::db::Database> db, OutboxOptions options, std::unique_ptr<SmsSender> sms)
    : db_(std::move(db)), options_(std::move(options)), sms_(sms ? std::move(sms) : std::make_unique<LogOnlySms>()) {}

std::optional<long long> Outbox::enqueue(soci::session& s, const Draft& d) { return store::insert(s, d, platform::now_utc_iso()); }

bool Outbox::deliver(const store::Row& m) {
  if (m.d.channel == Channel::email && !options_.smtp.configured()) return false;
  // Claim the attempt (a lease as long as the SMTP timeout plus a margin), so a staff retry and the job never
  // send the same message twice.
  std::string district;
  bool claimed = db_->write([&](soci::session& s) {
    district = district_name(s);
    return store::claim(s, m.id, m.next_attempt_at, at_offset(options_.smtp.timeout + std::chrono::seconds(60)));
  });
  if (!claimed) return false;
  int attempts = m.attempts + 1;
  Result<void> r;
  std::string message_id;
  if (m.d.channel == Channel::email) {
    platform::mail::Message msg;
    msg.from = options_.from;
    msg.from_name = options_.from_name.empty() ? district : options_.from_name;
    msg.to = m.d.recipient;
    msg.subject = m.d.subject;
    msg.body = m.d.body;
    msg.message_id = message_id = platform::mail::make_message_id(platform::mail::domain_of(options_.from));
    auto text = platform::mail::build(msg);
    if (!text) {
      r = platform::make_error(text.error().code, text.error().message, "permanent");
    } else {
      r = platform::mail::send(options_.smtp, options_.from, m.d.recipient, *text);
    }
  } else {
    r = sms_->send(m);
  }
  db_->write([&](soci::session& s) {
    std::string now = platform::now_utc_iso();
    bool done = true;
    if (r) {
      store::mark_sent(s, m.id, attempts, now, message_id);
    } else {
      bool give_up = permanent(r.error()) || attempts >= kMaxAttempts;
      store::mark_failure(s, m.id, attempts, give_up ? Status::failed : Status::pending,
                          give_up ? now : at_offset(backoff(attempts)), r.error().message);
      done = give_up;
    }
    if (done && m.d.template_name == kApplicantLink) store::redact_body(s, m.id, "（登录链接已删除）");
    return 0;
  });
  if (!r) {
    // The request number and the error; never the recipient.
    spdlog::warn("outbox: message {} ({} for {}) attempt {} failed: {}", m.id, to_string(m.d.channel), m.d.ref_label, attempts,
                 r.error().message);
  }
  return r.ok();
}

int Outbox::deliver_due(int limit) {
  auto due = db_->read([&](soci::session& s) { return store::due(s, platform::now_utc_iso(), limit); });
  int sent = 0;
  for (const auto& m : due) sent += deliver(m) ? 1 : 0;
  return sent;
}

Result<std::vector<store::Row>> Outbox::list(const units::Actor& actor, std::optional<Status> status, int limit) {
  if (!actor.district_wide()) return make_error("forbidden", "只有系统管理员和政务公开办可以查看消息发送记录。");
  return db_->read([&](soci::session& s) { return store::list(s, status, limit); });
}

Result<store::Counts> Outbox::counts(const units::Actor& actor) {
  if (!actor.district_wide()) return make_error("forbidden", "只有系统管理员和政务公开办可以查看消息发送记录。");
  return db_->read([&](soci::session& s) { return store::counts(s); });
}

Result<store::Row> Outbox::retry(const units::Actor& actor, long long id) {
  if (!actor.district_wide()) return make_error("forbidden", "只有系统管理员和政务公开办可以重新发送消息。");
  auto m = db_->write([&](soci::session& s) -> Result<store::Row> {
    auto m = store::find(s, id);
    if (!m) return make_error("not_found", "消息不存在。");
    if (m->status == Status::sent) return make_error("already_sent", "该消息已发送，无需重发。");
    std::string now = platform::now_utc_iso();
    store::reset_for_retry(s, id, now);
    audit::record(s, actor,
                  {"outbox.retry", "outbox", std::to_string(id), m->d.ref_label, m->d.unit_id,
                   json::serialize(json::object{{"status", to_string(m->status)}, {"attempts", m->attempts}}), ""});
    m->status = Status::pending;
    m->next_attempt_at = now;
    return *m;
  });
  if (!m) return m;
  deliver(*m);
  auto after = db_->read([&](soci::session& s) { return store::find(s, id); });
  if (!after) return make_error("not_found", "消息不存在。");
  return *after;
}

// ---- disclosure requests ----

void Outbox::follow_requests(requests::RequestService& requests) {
  requests.on_step([this](soci::session& s, const units::Actor&, const requests::Step& step) { return on_request_step(s, step); });
}

Result<void> Outbox::on_request_step(soci::session& s, const requests::Step& step) {
  // A step concerns the applicant exactly when it has a text for the applicant's timeline.
  if (step.event.public_text.empty()) return {};
  const auto& c = step.after;
  std::string unit = one_value(s, "SELECT name FROM units WHERE id = :id", c.unit_id);
  std::string district = district_name(s);
  std::string head = headline(step.action);
  Draft d;
  d.template_name = step.action;
  d.ref_type = "request";
  d.ref_id = c.id;
  d.ref_label = c.number;
  d.unit_id = c.unit_id;
  // No name in the message: it may be read by others on a shared device, and the number identifies the case.
  std::string track = options_.public_url.empty() ? std::string("本网站的“查询申请办理进度”页面")
                                                  : options_.public_url + "/requests/track";
  std::string body = "您好：\n\n您向" + unit + "提出的政府信息公开申请（申请编号：" + c.number + "）有新的进展：\n\n" +
                     step.event.public_text + "\n";
  if (!requests::is_closed(c.state) && !c.due_on.empty()) {
    body += "\n" + std::string(c.state == requests::State::awaiting_supplement ? "补正期限：" : "当前答复期限：") + c.due_on + "\n";
  }
  if (step.action == to_string(requests::Action::send_reply)) {
    body += "\n答复告知书和随答复提供的文件可在查询页面查看和下载。\n";
  }
  body += "\n请凭申请编号和查询码在" + track + "查看详情。查询码只在提交申请时显示一次，本邮件不包含查询码。\n\n本邮件由系统自动发送，请勿直接回复。\n" +
          (district.empty() ? unit : district) + "\n";
  if (platform::mail::plain_address(c.app.email)) {
    d.channel = Channel::email;
    d.recipient = c.app.email;
    d.subject = "政府信息公开申请 " + c.number + "：" + head;
    d.body = body;
    enqueue(s, d);
  }
  if (mobile_number(c.app.phone)) {
    d.channel = Channel::sms;
    d.recipient = c.app.phone;
    d.subject = head;
    d.body = "【" + (district.empty() ? unit : district) + "】您的政府信息公开申请 " + c.number + "：" + head + "。请凭申请编号和查询码在网站查询。";
    enqueue(s, d);
  }
  return {};
}

void Outbox::send_applicant_link(soci::session& s, const std::string& email, const std::string& token) {
  std::string district = district_name(s);
  std::string base = options_.public_url;  // empty: a path the applicant opens on the site they used
  Draft d;
  d.channel = Channel::email;
  d.recipient = email;
  d.template_name = kApplicantLink;
  d.subject = "登录“我的申请”";
  d.body = "您好：\n\n请在 30 分钟内打开以下链接，查看用此邮箱提交的政府信息公开申请（链接只能使用一次）：\n\n" + base +
           "/requests/mine/signin?token=" + token +
           "\n\n如果不是您本人操作，请忽略本邮件。\n\n本邮件由系统自动发送，请勿直接回复。\n" + district + "\n";
  enqueue(s, d);
}

int Outbox::remind_due_soon(requests::RequestService& requests) {
  auto system = units::command_line_actor();
  system.display_name = "到期提醒";
  auto q = requests.queue(system, false);
  if (!q) return 0;
  return db_->write([&](soci::session& s) {
    int written = 0;
    for (const auto& item : *q) {
      if (item.urgency != requests::Urgency::due_soon && item.urgency != requests::Urgency::overdue) continue;
      const auto& c = item.c;
      // While the applicant is to act (supplement, fee), the date is theirs, not the handler's.
      if (c.state == requests::State::awaiting_supplement || c.state == requests::State::awaiting_fee) continue;
      std::string to = one_value(s, "SELECT disclosure_email FROM units WHERE id = :id", c.unit_id);
      if (!platform::mail::plain_address(to)) to = one_value(s, "SELECT email FROM units WHERE id = :id", c.unit_id);
      if (!platform::mail::plain_address(to)) continue;
      bool overdue = item.urgency == requests::Urgency::overdue;
      Draft d;
      d.channel = Channel::email;
      d.recipient = to;
      d.template_name = overdue ? "overdue" : "due_soon";
      d.ref_type = "request";
      d.ref_id = c.id;
      d.ref_label = c.number;
      d.unit_id = c.unit_id;
      // Once per case, due date and kind: a moved date reminds again.
      d.dedup_key = d.template_name + ":" + std::to_string(c.id) + ":" + c.due_on;
      d.subject = std::string(overdue ? "已超期" : "即将到期") + "：政府信息公开申请 " + c.number + "（期限 " + c.due_on + "）";
      d.body = "政府信息公开申请 " + c.number + "（" + std::string(requests::label(c.state)) + "）的" +
               std::string("答复期限") + "为 " + c.due_on + "，" +
               (overdue ? "已超过期限" : "即将到期") + "。请登录工作台 /console/requests/" + std::to_string(c.id) +
               " 办理（条例第三十三条）。\n\n本邮件由系统自动发送。\n";
      if (enqueue(s, d)) ++written;
    }
    return written;
  });
}

}  // namespace gongkai::notify
