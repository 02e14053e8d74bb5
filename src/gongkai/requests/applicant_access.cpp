#include "gongkai/requests/applicant_access.hpp"

#include "gongkai/privacy/identifiers.hpp"
#include "gongkai/requests/handling_store.hpp"
#include "gongkai/text.hpp"
#include "platform/crypto.hpp"
#include "platform/time.hpp"

namespace gongkai::requests {

using platform::make_error;
using platform::Result;

namespace {

std::string token_hash(const std::string& token) { return platform::sha256_hex("gongkai-applicant-token:" + token); }
std::string email_hash(const std::string& email) { return platform::sha256_hex("gongkai-applicant-email:" + email); }
std::string utc_in(std::chrono::minutes m) { return platform::to_utc_iso(std::chrono::system_clock::now() + m); }
bool plausible_token(const std::string& t) { return !t.empty() && t.size() <= 200; }

Error signed_out() { return make_error("signed_out", "登录已过期，请重新获取登录链接。"); }

}  // namespace

ApplicantAccess::ApplicantAccess(std::shared_ptr<platform::db::Database> db, RequestService& requests,
                                 ApplicantAccessOptions options)
    : db_(std::move(db)), requests_(requests), options_(options) {}

Result<void> ApplicantAccess::request_link(const std::string& email_in, const units::Actor& visitor) {
  auto normalized = privacy::normalize_email(trim(email_in));
  if (!normalized) return make_error("invalid_email", "请填写正确的电子邮箱地址，例如 name@example.cn。", "email");
  std::string email = ascii_lower(*normalized);
  if (!send_link) return make_error("unavailable", "本网站暂未开通邮件服务，请凭申请编号和查询码查询。");
  struct Out {
    Result<void> r;
  };
  // Every request is recorded for throttling, so the transaction commits even when it refuses.
  Out out = db_->write([&](soci::session& s) -> Out {
    std::string now = platform::now_utc_iso(), hash = email_hash(email);
    auto [from_address, for_email] = store::count_link_attempts(s, visitor.address, hash, utc_in(-options_.window));
    if (from_address >= options_.links_per_address || for_email >= options_.links_per_email) {
      return Out{make_error("throttled", "请求登录链接过于频繁，请 " + std::to_string(options_.window.count()) + " 分钟后再试。")};
    }
    store::insert_link_attempt(s, now, visitor.address, hash);
    // Nothing is sent to an address without requests; the answer is the same, so it says nothing about them.
    if (store::cases_by_email(s, email).empty()) return Out{{}};
    std::string token = platform::random_token(32);
    store::insert_applicant_link(s, token_hash(token), email, now, utc_in(options_.link_valid));
    send_link(s, email, token);
    return Out{{}};
  });
  return std::move(out.r);
}

Result<std::string> ApplicantAccess::sign_in(const std::string& link_token) {
  if (!plausible_token(link_token)) return make_error("link_invalid", "登录链接无效、已使用或已过期，请重新获取。");
  return db_->write([&](soci::session& s) -> Result<std::string> {
    std::string now = platform::now_utc_iso();
    auto email = store::redeem_applicant_link(s, token_hash(link_token), now);
    if (!email) return make_error("link_invalid", "登录链接无效、已使用或已过期，请重新获取。");
    std::string session = platform::random_token(32);
    store::insert_applicant_session(s, token_hash(session), *email, now, utc_in(options_.session_valid));
    return session;
  });
}

std::optional<std::string> ApplicantAccess::signed_in(const std::string& session_token) {
  if (!plausible_token(session_token)) return std::nullopt;
  return db_->read([&](soci::session& s) {
    return store::applicant_session_email(s, token_hash(session_token), platform::now_utc_iso());
  });
}

void ApplicantAccess::sign_out(const std::string& session_token) {
  if (!plausible_token(session_token)) return;
  db_->write([&](soci::session& s) { store::delete_applicant_session(s, token_hash(session_token)); });
}

Result<std::vector<MyRequest>> ApplicantAccess::mine(const std::string& session_token) {
  auto email = signed_in(session_token);
  if (!email) return signed_out();
  return db_->read([&](soci::session& s) -> Result<std::vector<MyRequest>> {
    auto names = store::unit_names(s);
    std::vector<MyRequest> out;
    for (const auto& c : store::cases_by_email(s, *email)) {
      MyRequest m;
      m.number = c.number;
      m.unit_name = names[c.unit_id];
      m.description = c.app.description;
      m.state_label = std::string(label(c.state));
      m.received_on = c.received_on;
      m.closed = is_closed(c.state);
      if (m.closed) {
        if (auto o = outcome_from(c.outcome)) m.outcome_label = label(*o);
        m.replied_on = c.replied_on;
      } else {
        m.due_on = c.due_on;
      }
      out.push_back(std::move(m));
    }
    return out;
  });
}

Result<PublicView> ApplicantAccess::view(const std::string& session_token, const std::string& number) {
  auto email = signed_in(session_token);
  if (!email) return signed_out();
  return requests_.view_for_email(number, *email);
}

int ApplicantAccess::purge_expired() {
  std::string before = platform::to_utc_iso(std::chrono::system_clock::now() - std::chrono::hours(24));
  return db_->write([&](soci::session& s) { return store::purge_applicant_access(s, platform::now_utc_iso(), before); });
}

}  // namespace gongkai::requests
