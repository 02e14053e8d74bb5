#include "gongkai/notify/model.hpp"

#include <algorithm>

namespace gongkai::notify {

std::string_view to_string(Channel c) { return c == Channel::email ? "email" : "sms"; }
std::optional<Channel> channel_from(std::string_view s) {
  if (s == "email") return Channel::email;
  if (s == "sms") return Channel::sms;
  return std::nullopt;
}
std::string_view label(Channel c) { return c == Channel::email ? "电子邮件" : "短信"; }

std::string_view to_string(Status s) {
  switch (s) {
    case Status::pending: return "pending";
    case Status::sent: return "sent";
    case Status::failed: return "failed";
  }
  return "pending";
}
std::optional<Status> status_from(std::string_view s) {
  for (Status x : {Status::pending, Status::sent, Status::failed}) {
    if (to_string(x) == s) return x;
  }
  return std::nullopt;
}
std::string_view label(Status s) {
  switch (s) {
    case Status::pending: return "待发送";
    case Status::sent: return "已发送";
    case Status::failed: return "发送失败";
  }
  return "";
}

std::chrono::seconds backoff(int attempts) {
  int n = std::clamp(attempts, 1, 20);
  long long minutes = 1LL << std::min(n - 1, 9);
  return std::chrono::seconds(std::min<long long>(minutes * 60, 6 * 3600));
}

std::string mask_recipient(std::string_view r) {
  auto at = r.find('@');
  if (at != std::string_view::npos) {
    std::string local(r.substr(0, at));
    std::string kept = local.substr(0, local.size() > 2 ? 2 : 1);
    return kept + "***" + std::string(r.substr(at));
  }
  if (r.size() >= 7) return std::string(r.substr(0, 3)) + std::string(r.size() - 7, '*') + std::string(r.substr(r.size() - 4));
  return std::string(r.size(), '*');
}

bool mobile_number(std::string_view p) {
  return p.size() == 11 && p[0] == '1' && std::all_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace gongkai::notify
