#include "gongkai/oversight/inspection.hpp"

#include "gongkai/text.hpp"

namespace gongkai::oversight {

using platform::make_error;

namespace {
struct Named {
  FindingStatus s;
  std::string_view code, label;
};
const Named kStatuses[] = {
    {FindingStatus::recorded, "recorded", "已记录"},   {FindingStatus::notified, "notified", "已发整改通知"},
    {FindingStatus::answered, "answered", "单位已答复"}, {FindingStatus::closed, "closed", "已销号"},
    {FindingStatus::reopened, "reopened", "已重新整改"},
};
}  // namespace

std::string_view to_string(FindingStatus s) {
  for (const auto& n : kStatuses) if (n.s == s) return n.code;
  return "";
}
std::optional<FindingStatus> finding_status_from(std::string_view s) {
  for (const auto& n : kStatuses) if (n.code == s) return n.s;
  return std::nullopt;
}
std::string_view label(FindingStatus s) {
  for (const auto& n : kStatuses) if (n.s == s) return n.label;
  return "";
}
std::optional<FindingAction> finding_action_from(std::string_view s) {
  if (s == "notify") return FindingAction::notify;
  if (s == "answer") return FindingAction::answer;
  if (s == "close") return FindingAction::close;
  if (s == "reopen") return FindingAction::reopen;
  return std::nullopt;
}

platform::Result<FindingStatus> next_status(FindingStatus s, FindingAction a) {
  using S = FindingStatus;
  switch (a) {
    case FindingAction::notify: if (s == S::recorded) return S::notified; break;
    case FindingAction::answer: if (s == S::notified || s == S::reopened) return S::answered; break;
    case FindingAction::close: if (s == S::answered) return S::closed; break;
    case FindingAction::reopen: if (s == S::answered || s == S::closed) return S::reopened; break;
  }
  return make_error("invalid_transition", "该问题当前为“" + std::string(label(s)) + "”，不能进行这一操作。");
}

bool rectification_overdue(FindingStatus s, const std::string& rectify_by, calendar::Date today) {
  if (s != FindingStatus::notified && s != FindingStatus::reopened) return false;
  auto d = calendar::Date::parse(rectify_by);
  return d && today > *d;
}

platform::Result<std::string> validate_evidence(std::string_view raw) {
  std::string t = trim(raw);
  if (t.empty()) return t;
  bool ok = t.size() <= 500 && (t.rfind("/console/", 0) == 0 || t.rfind("/documents/", 0) == 0 ||
                                t.rfind("/columns/", 0) == 0 || t.rfind("/units/", 0) == 0);
  for (unsigned char c : t) {
    if (c <= 0x20 || c == 0x7f || c == '"' || c == '<' || c == '>' || c == '\\') ok = false;
  }
  if (!ok) return make_error("invalid_evidence", "证据链接应为本站页面地址，以 /console/、/documents/、/columns/ 或 /units/ 开头。", "evidence");
  return t;
}

}  // namespace gongkai::oversight
