// Notifications: what the outbox holds and the rules for delivering it. Pure.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace gongkai::notify {

enum class Channel { email, sms };
std::string_view to_string(Channel c);
std::optional<Channel> channel_from(std::string_view s);
std::string_view label(Channel c);  // 电子邮件, 短信

enum class Status { pending, sent, failed };
std::string_view to_string(Status s);
std::optional<Status> status_from(std::string_view s);
std::string_view label(Status s);  // 待发送, 已发送, 发送失败

// A message to write into the outbox.
struct Draft {
  Channel channel = Channel::email;
  std::string recipient, subject, body;
  std::string template_name;           // a request step code, or "due_soon"
  std::string ref_type;                // "request"
  std::optional<long long> ref_id;
  std::string ref_label;               // the request number
  std::optional<long long> unit_id;
  std::string dedup_key;               // "" for none
};

// Delivery attempts before a message is given up (status failed); staff can still retry it.
inline constexpr int kMaxAttempts = 8;
// Wait after the n-th failed attempt (n ≥ 1): 1, 2, 4, 8 … minutes, at most 6 hours.
std::chrono::seconds backoff(int attempts);

// For staff pages: "wa***@example.cn", "138****8000"; the rest of a short value is starred.
std::string mask_recipient(std::string_view recipient);

// A mainland mobile number (11 digits starting with 1), for the SMS channel.
bool mobile_number(std::string_view phone);

}  // namespace gongkai::notify
