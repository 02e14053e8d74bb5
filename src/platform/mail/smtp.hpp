// Sending one message over SMTP with libcurl (smtp:// with optional or required STARTTLS, smtps:// for TLS from the
// first byte, AUTH when a user name is set). Blocking; call it from a job thread, never from a request handler's
// hot path. Thread-safe (one curl handle per call).
#pragma once

#include <chrono>
#include <string>

#include "platform/result.hpp"

namespace platform::mail {

enum class Tls {
  none,      // plain SMTP (a relay on the same host or network)
  try_starttls,  // STARTTLS when the server offers it, else plain
  starttls,  // STARTTLS required
  implicit,  // TLS from the first byte (smtps, usually port 465)
};

struct SmtpOptions {
  std::string host;  // empty: e-mail is not configured
  int port = 25;
  Tls tls = Tls::try_starttls;
  std::string username, password;  // AUTH when username is set
  std::string helo;                // EHLO name; empty: curl's default
  std::chrono::seconds timeout{30};
  bool configured() const { return !host.empty(); }
};

// Parses "none" | "try" | "starttls" | "tls". nullopt-like: returns false on anything else.
bool parse_tls(const std::string& s, Tls& out);

// What the SMTP server said when it refused (or what failed before it could answer).
struct SendFailure {
  bool permanent = false;  // a 5xx reply to the envelope or data: retrying will not help
  int smtp_code = 0;       // the last reply code, 0 if none (connection failed)
  std::string detail;      // for the outbox's staff page; never contains the message body
};

// Sends `message` (from platform::mail::build) from `envelope_from` to `rcpt`. Errors: smtp_not_configured,
// smtp_failed (Error::message holds SendFailure::detail; permanent failures have field "permanent").
Result<void> send(const SmtpOptions& options, const std::string& envelope_from, const std::string& rcpt,
                  const std::string& message);

}  // namespace platform::mail
