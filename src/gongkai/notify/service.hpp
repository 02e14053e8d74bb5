// The outbox: messages are written inside the transaction of the change they report (enqueue) and delivered
// afterwards (deliver_due, the scheduler job notify.deliver): e-mail over SMTP (platform/mail), SMS through an
// SmsSender (log-only by default). A failed delivery is retried with backoff (model: backoff, kMaxAttempts); a 5xx
// refusal or the last attempt marks it failed. Staff with a district-wide role (sysadmin, supervisor) list the
// deliveries and retry failed ones.
//
// Requests: follow_requests() registers a step hook on RequestService that writes a message for every step that
// concerns the applicant (a timeline event with public text: registered, 补正 notice, supplement received,
// consultation, extension, fee notice, reply sent, deemed withdrawn …), by e-mail when the applicant gave an
// address and by SMS when they gave a mobile number. remind_due_soon() writes one reminder per case and due date
// to the handling unit's disclosure-office e-mail when the reply is due soon.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gongkai/notify/model.hpp"
#include "gongkai/notify/store.hpp"
#include "gongkai/requests/service.hpp"
#include "gongkai/units/model.hpp"
#include "platform/db/database.hpp"
#include "platform/mail/smtp.hpp"
#include "platform/result.hpp"

namespace gongkai::notify {

struct OutboxOptions {
  platform::mail::SmtpOptions smtp;      // smtp.host empty: e-mail stays pending (shown to staff as not configured)
  std::string from = "noreply@localhost";  // envelope and From address
  std::string from_name;                 // From display name; empty: the district's name
  std::string public_url;                // "https://gk.example.gov.cn", for the tracking link in messages
};

// An SMS gateway. Implementations must not log the phone number or the text (personal data).
class SmsSender {
 public:
  virtual ~SmsSender() = default;
  // Errors: any; field "permanent" when retrying cannot help.
  virtual platform::Result<void> send(const store::Row& message) = 0;
};

// The default: writes one log line per message with the request number and the template, nothing personal.
class LogOnlySms : public SmsSender {
 public:
  platform::Result<void> send(const store::Row& message) override;
};

class Outbox {
 public:
  Outbox(std::shared_ptr<platform::db::Database> db, OutboxOptions options, std::unique_ptr<SmsSender> sms = nullptr);

  // Writes `d` inside the caller's transaction (nothing is sent before that transaction commits). Returns the id,
  // or nullopt when a message with the same dedup key exists.
  std::optional<long long> enqueue(soci::session& s, const Draft& d);

  // Delivers up to `limit` due messages, one at a time, each outside any transaction; returns how many were sent.
  // E-mail waits while SMTP is not configured.
  int deliver_due(int limit = 50);

  // Staff: the latest deliveries (failed ones only with `status`), and the counts. Errors: forbidden.
  platform::Result<std::vector<store::Row>> list(const units::Actor& actor, std::optional<Status> status, int limit = 200);
  platform::Result<store::Counts> counts(const units::Actor& actor);
  // Staff: makes a message due again and tries it at once; returns it as it is afterwards (audited). Errors:
  // forbidden, not_found, already_sent.
  platform::Result<store::Row> retry(const units::Actor& actor, long long id);

  // The "我的申请" sign-in link (requests::ApplicantAccess::send_link), written in the caller's transaction. The link
  // is a secret: once the message is sent or given up, its body is replaced in the outbox (the database keeps only
  // hashes of link tokens).
  void send_applicant_link(soci::session& s, const std::string& email, const std::string& token);

  // Follows disclosure requests (see above). Call once while the App is built.
  void follow_requests(requests::RequestService& requests);
  // Writes due-soon reminders for open requests; returns how many were written. For the scheduler.
  int remind_due_soon(requests::RequestService& requests);

  const OutboxOptions& options() const { return options_; }

 private:
  // Sends one message and records the outcome. Returns true when sent.
  bool deliver(const store::Row& m);
  platform::Result<void> on_request_step(soci::session& s, const requests::Step& step);

  std::shared_ptr<platform::db::Database> db_;
  OutboxOptions options_;
  std::unique_ptr<SmsSender> sms_;
};

}  // namespace gongkai::notify
