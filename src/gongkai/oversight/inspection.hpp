// 检查 and 整改: an inspection's findings and their life, as pure rules (DOMAIN §2).
//   recorded --notify(deadline)--> notified --answer--> answered --close--> closed
//                                                     answered --reopen(new deadline)--> reopened --answer--> answered
// Only the openness office records, notifies, closes and reopens; only the unit (its administrator) answers.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "gongkai/calendar/model.hpp"
#include "platform/result.hpp"

namespace gongkai::oversight {

enum class FindingStatus { recorded, notified, answered, closed, reopened };
enum class FindingAction { notify, answer, close, reopen };

std::string_view to_string(FindingStatus s);
std::optional<FindingStatus> finding_status_from(std::string_view s);
std::string_view label(FindingStatus s);  // 已记录, 已发整改通知, 单位已答复, 已销号, 已重新整改
std::optional<FindingAction> finding_action_from(std::string_view s);

// The status after `a`, or invalid_transition (Chinese message).
platform::Result<FindingStatus> next_status(FindingStatus s, FindingAction a);

// A rectification is overdue when the unit owes an answer (notified or reopened) and the deadline has passed.
bool rectification_overdue(FindingStatus s, const std::string& rectify_by, calendar::Date today);

// Evidence must be a path on this site (so it links to the records behind the finding): starts with /console/,
// /documents/, /columns/ or /units/, at most 500 characters, no spaces or control characters. '' is allowed.
// Errors: invalid_evidence.
platform::Result<std::string> validate_evidence(std::string_view text);

}  // namespace gongkai::oversight
