// Internet mail messages (RFC 5322 + MIME, RFC 2045–2047) for plain-text notifications in UTF-8: the Subject as
// RFC 2047 encoded words, the body base64 in 76-character lines, Date and Message-ID, CRLF line ends. No
// attachments: notifications point to the site, where the documents are.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "platform/result.hpp"

namespace platform::mail {

struct Message {
  std::string from;          // "noreply@gov.example.cn"
  std::string from_name;     // display name, any UTF-8 ("临江区人民政府"); encoded as needed
  std::string to;            // one address
  std::string subject;       // any UTF-8
  std::string body;          // plain text, UTF-8; '\n' or "\r\n" line ends
  std::string message_id;    // "<…@…>"; make_message_id() when empty
  std::chrono::system_clock::time_point date = std::chrono::system_clock::now();
};

// Base64 (RFC 4648) of `bytes`, broken into lines of at most `line` characters joined by CRLF (0: one line).
std::string base64(std::string_view bytes, std::size_t line = 0);
// A header value: ASCII text without controls stays as is; anything else becomes RFC 2047 "B" encoded words
// ("=?UTF-8?B?…?="), each at most 75 characters and never splitting a UTF-8 sequence, folded with CRLF + space.
std::string encode_header(std::string_view utf8);
// "Sat, 28 Nov 2026 11:21:44 +0000" (RFC 5322 §3.3, UTC).
std::string rfc5322_date(std::chrono::system_clock::time_point t);
// "<random.timestamp@domain>", unique per call.
std::string make_message_id(std::string_view domain);
// The part after '@' ("localhost" if there is none).
std::string domain_of(std::string_view address);
// True for a plain address "local@domain" without spaces, controls, angle brackets or commas (what we accept as a
// recipient: header injection is impossible with it).
bool plain_address(std::string_view address);

// The whole message, ready for SMTP DATA (CRLF line ends, no bare LF). Errors: invalid_address (from or to is
// not plain_address), invalid_text (not UTF-8).
Result<std::string> build(const Message& m);

}  // namespace platform::mail
