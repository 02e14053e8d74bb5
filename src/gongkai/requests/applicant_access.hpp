// "我的申请": an applicant signs in with a one-time link sent to the e-mail address given in the applications, and
// then sees every request made with that address — number, unit, status, due date, the reply — without the query
// codes. No account or password: holding the mailbox is the proof, as with the query code holding the paper.
//
// The service never says whether an address has requests (the answer to a link request is the same either way), the
// link is good once and for `link_valid`, link requests are throttled by client address and by address asked for,
// and only hashes of the link and session tokens are stored.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gongkai/requests/service.hpp"
#include "platform/db/database.hpp"
#include "platform/result.hpp"

namespace gongkai::requests {

struct ApplicantAccessOptions {
  std::chrono::minutes link_valid{30};
  std::chrono::minutes session_valid{120};
  int links_per_address = 5;  // link requests from one client address within `window`
  int links_per_email = 3;    // link requests for one e-mail address within `window`
  std::chrono::minutes window{15};
};

// One line of the applicant's list.
struct MyRequest {
  std::string number, unit_name, description, state_label, received_on, due_on, outcome_label, replied_on;
  bool closed = false;
};

class ApplicantAccess {
 public:
  ApplicantAccess(std::shared_ptr<platform::db::Database> db, RequestService& requests, ApplicantAccessOptions options = {});

  // Delivers the sign-in link: called inside the transaction that stores it, with the address and the link's
  // token (the page is /requests/mine/signin?token=…). The app wires it to the outbox; unset, request_link refuses
  // with "unavailable".
  std::function<void(soci::session&, const std::string& email, const std::string& token)> send_link;

  // Sends a sign-in link to `email` if requests were made with it (and silently nothing otherwise). Errors:
  // invalid_email, throttled, unavailable (no way to send e-mail).
  platform::Result<void> request_link(const std::string& email, const units::Actor& visitor);
  // Redeems a link once: returns a session token for the cookie. Errors: link_invalid (unknown, used or expired).
  platform::Result<std::string> sign_in(const std::string& link_token);
  // The address a session belongs to, or nullopt (unknown or expired).
  std::optional<std::string> signed_in(const std::string& session_token);
  void sign_out(const std::string& session_token);

  // The session's requests, newest first. Errors: signed_out.
  platform::Result<std::vector<MyRequest>> mine(const std::string& session_token);
  // One of them, as the tracking page shows it. Errors: signed_out, not_found (not one of this address's).
  platform::Result<PublicView> view(const std::string& session_token, const std::string& number);

  // Housekeeping: expired links, sessions and old attempts. Returns rows removed.
  int purge_expired();

 private:
  std::shared_ptr<platform::db::Database> db_;
  RequestService& requests_;
  ApplicantAccessOptions options_;
};

}  // namespace gongkai::requests
