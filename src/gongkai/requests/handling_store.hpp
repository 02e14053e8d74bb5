// SQL for handling.hpp. Functions run inside the caller's transaction; the service decides what may change.
#pragma once

#include <soci/soci.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gongkai/requests/handling.hpp"

namespace gongkai::requests::store {

long long insert_appeal(soci::session& s, const Appeal& a, std::optional<long long> by, const std::string& now);
// Writes the record when its version is `expected_version` (then version + 1). False when stale.
bool update_appeal(soci::session& s, const Appeal& a, int expected_version, const std::string& now);
std::optional<Appeal> find_appeal(soci::session& s, long long id);
std::vector<Appeal> appeals_of(soci::session& s, long long request_id);

void insert_cohandler(soci::session& s, const Cohandler& c, std::optional<long long> by);
bool update_cohandler_answer(soci::session& s, const Cohandler& c, std::optional<long long> by, int expected_version);
std::vector<Cohandler> cohandlers_of(soci::session& s, long long request_id);
std::optional<Cohandler> cohandler(soci::session& s, long long request_id, long long unit_id);
// Request ids that `unit_id` is asked to contribute to.
std::vector<long long> cohandled_by(soci::session& s, long long unit_id);
// Units asked and not yet answered.
int unanswered_cohandlers(soci::session& s, long long request_id);

std::optional<Sensitivity> sensitivity_of(soci::session& s, long long request_id);
void insert_sensitivity(soci::session& s, long long request_id, const std::string& reason, std::optional<long long> by,
                        const std::string& now);
void update_talk(soci::session& s, long long request_id, const std::string& on, const std::string& way,
                 const std::string& record);
void update_sign_off(soci::session& s, long long request_id, std::optional<long long> by, const std::string& at,
                     const std::string& opinion);

// The matter a request asks for, narrowed when it is split (the rest of the case is written by update_case).
void update_description(soci::session& s, long long request_id, const std::string& description);
void insert_split(soci::session& s, long long parent_id, long long child_id, const std::string& now);
std::optional<long long> split_parent(soci::session& s, long long child_id);
std::vector<long long> split_children(soci::session& s, long long parent_id);

void insert_proactive_draft(soci::session& s, long long request_id, long long document_id, std::optional<long long> by,
                            const std::string& now);
std::vector<ProactiveDraft> proactive_drafts_of(soci::session& s, long long request_id);

// 国办函〔2020〕109号 按件计收: which application of the same applicant to the same unit in the calendar month of
// `received_on` this one is (1-based; earlier receipt first, then earlier id).
int nth_application_in_month(soci::session& s, const std::string& applicant_hash, long long unit_id,
                             const std::string& received_on, long long id);

// Units a request can be addressed to (active departments and towns, not sections): (id, name) in directory order.
// Reads the units tables read-only; the units capability owns them.
std::vector<std::pair<long long, std::string>> units_taking_requests(soci::session& s);
std::map<long long, std::string> unit_names(soci::session& s);

// ---- "我的申请" (applicant_access.hpp): tokens are stored as hashes ----
// Link requests since `since` (UTC ISO) from `address` and for `email_hash`.
std::pair<int, int> count_link_attempts(soci::session& s, const std::string& address, const std::string& email_hash,
                                        const std::string& since);
void insert_link_attempt(soci::session& s, const std::string& at, const std::string& address, const std::string& email_hash);
void insert_applicant_link(soci::session& s, const std::string& token_hash, const std::string& email,
                           const std::string& now, const std::string& expires);
// Marks an unused, unexpired link used and returns its address; nullopt if there is none.
std::optional<std::string> redeem_applicant_link(soci::session& s, const std::string& token_hash, const std::string& now);
void insert_applicant_session(soci::session& s, const std::string& token_hash, const std::string& email,
                              const std::string& now, const std::string& expires);
std::optional<std::string> applicant_session_email(soci::session& s, const std::string& token_hash, const std::string& now);
void delete_applicant_session(soci::session& s, const std::string& token_hash);
// Expired links and sessions, attempts before `attempts_before`. Returns rows removed.
int purge_applicant_access(soci::session& s, const std::string& now, const std::string& attempts_before);

// For the public statistics: every request received on or before `last_day`, reduced to what the statistics need (no personal data is read).
struct StatisticsRow {
  long long unit_id = 0;
  std::string received_on, state, outcome, replied_on, closed_on;
};
std::vector<StatisticsRow> statistics_rows(soci::session& s, const std::string& last_day);

}  // namespace gongkai::requests::store
