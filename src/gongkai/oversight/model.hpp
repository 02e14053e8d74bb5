// 监督检查 and the annual report (政府信息公开工作年度报告): the report's tables as pure functions of facts the store
// reads from the documents and requests tables. No I/O, no clock.
//
// Law and format (DOMAIN §5; 条例 Art. 49, 50; 国办公开办函〔2021〕30号):
//   Table 二  规章 and 行政规范性文件 issued, repealed, in force (第二十条第（一）项); 行政许可 (（五）), 行政处罚 and
//            行政强制 (（六）) decisions; 行政事业性收费 amount in 万元 (（八）).
//   Table 三  requests by applicant (seven columns), rows 一 to 四 with the 21 outcome rows of 三; the check
//            一 + 二 = 三（七） + 四 must hold in every column.
//   Table 四  行政复议 and 行政诉讼 (direct, after review): 维持 | 纠正 | 其他 | 尚未审结 | 总计, 15 columns.
// Due by 31 January for a unit and 31 March for the government (the district) (Art. 49).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gongkai/calendar/model.hpp"
#include "platform/result.hpp"

namespace gongkai::oversight {

using platform::Error;
using platform::Result;

// ---------------------------------------------------------------------------------------------------------------
// Money: 万元 as an exact decimal
// ---------------------------------------------------------------------------------------------------------------

// Amounts are kept as integer 分 (1 万元 = 1,000,000 分): never floating point.
// Parses a 万元 amount typed by a person ("12.5", "0.0035", "3"; at most 6 decimals, not negative, full-width
// digits and a leading/trailing space accepted). Errors: invalid_amount (Chinese message).
Result<long long> parse_wanyuan(std::string_view text);
// 分 → 万元 text with as many decimals as needed (at least none): 12500000 → "12.5", 0 → "0", 3500 → "0.0035".
std::string format_wanyuan(long long fen);
// 元 (whole) → text, for 信息处理费 in section 六.
std::string format_yuan(long long yuan);

// ---------------------------------------------------------------------------------------------------------------
// Table 二
// ---------------------------------------------------------------------------------------------------------------

// A published (or repealed) document of category 第二十条（一）, as the store reads it.
struct DocumentFact {
  long long id = 0;
  long long unit_id = 0;
  std::string title;
  std::string state;            // published | repealed | withdrawn | draft
  std::string doc_no;           // 文号 of the published edition
  std::string legal_category;   // "art20-01" for 第二十条（一）
  std::string written_on;       // 成文日期
  std::string first_published_on;  // local date of first publication
  std::string validity;         // declared: in_force | expired | repealed | amended
  std::string expires_on;
  std::string repealed_on;      // the document's recorded repeal
};

enum class Regulation { rule, normative };  // 规章, 行政规范性文件
// Which row of Table 二 a document counts in, or nullopt. The vocabulary has one category for 第二十条（一）
// ("行政法规、规章和规范性文件"); within it a 规章 is told by its 文号: 规章 are promulgated by order ("…人民政府令
// 第N号", 《规章制定程序条例》第二十七条), so a 文号 containing "令" is a 规章 and every other document of the
// category is a 行政规范性文件. Withdrawn and draft documents never count (they were never validly issued).
std::optional<Regulation> regulation_of(const DocumentFact& d);

// The counts entered per unit and year until a services capability supplies them.
struct EnteredCounts {
  long long licensing = 0, penalty = 0, coercion = 0;
  long long fees_fen = 0;
};

struct RegulationRow {
  long long issued = 0, repealed = 0, in_force = 0;
};
struct Table2 {
  RegulationRow rules, normative;
  EnteredCounts entered;
};

// Issued in `year`: 成文日期 in the year (the first publication date when no 成文日期 was recorded). Repealed in
// `year`: the document's repeal date in the year. In force: issued by 31 December and, as of that day, in force by
// disclosure::effective_validity's rule (not repealed, not past its expiry date, declared 有效). Documents are
// counted where they are, the entered counts are taken as given (summed by the caller for a district).
Table2 compute_table2(const std::vector<DocumentFact>& docs, const EnteredCounts& entered, int year);

// ---------------------------------------------------------------------------------------------------------------
// Table 三
// ---------------------------------------------------------------------------------------------------------------

// One request as the report sees it. closed_on: the local date the case was closed (reply sent, deemed withdrawn,
// closed as a repeat) — the store takes replied_on, else the first closing event's date.
struct RequestFact {
  long long id = 0;
  std::string number;
  long long unit_id = 0;
  std::string applicant_type;  // requests::ApplicantType code
  std::string state;           // requests::State code
  std::string received_on;
  std::string outcome;         // requests::Outcome code ('' while none)
  std::string closed_on;
  long long fee_amount = 0;    // yuan
  std::string fee_paid_on;
};

constexpr int kTable3Columns = 7;  // 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计
constexpr int kOutcomeRows = 21;   // requests::all_outcomes(), in that order
using Counts7 = std::array<long long, kTable3Columns>;

struct Table3 {
  Counts7 received{};                          // 一、本年新收
  Counts7 carried_in{};                        // 二、上年结转
  std::array<Counts7, kOutcomeRows> outcome{}; // 三、（一）…（六）3
  Counts7 total{};                             // 三（七）总计
  Counts7 carried_out{};                       // 四、结转下年度继续办理
  // 一 + 二 = 三（七） + 四 per column.
  std::array<bool, kTable3Columns> check_ok{};
  bool ok() const;
};

// A request that makes the two sides of the check differ, and why (Chinese).
struct Mismatch {
  long long request_id = 0;
  std::string number;
  long long unit_id = 0;
  int column = 0;     // 0..5
  int left = 0;       // what it adds to 一 + 二
  int right = 0;      // what it adds to 三（七） + 四
  std::string reason;
};

// For `year`: 一 received in the year; 二 received before it and not closed before 1 January; 三 closed in the year
// with its outcome row; 四 received by 31 December and not closed by then. A closed case without an outcome row or
// a closing date, a closing date before receipt, or an unknown applicant type breaks the check and is listed.
struct Table3Result {
  Table3 table;
  std::vector<Mismatch> mismatches;
};
Table3Result compute_table3(const std::vector<RequestFact>& requests, int year);

// The column of an applicant type code (0..5), or nullopt for an unknown code.
std::optional<int> applicant_column(std::string_view applicant_type);
std::string_view column_label(int column);  // 自然人 … 其他, 总计 (6)

// 信息处理费 collected in the year (fee_paid_on in the year), in yuan — section 六.
long long fees_collected(const std::vector<RequestFact>& requests, int year);

// ---------------------------------------------------------------------------------------------------------------
// Table 四
// ---------------------------------------------------------------------------------------------------------------

// A row of request_appeals (migration 0011), with its request's unit.
struct AppealFact {
  long long id = 0;
  long long request_id = 0;
  long long unit_id = 0;
  std::string kind;          // review | litigation
  bool after_review = false; // litigation: 复议后起诉
  std::string filed_on;
  std::string result;        // upheld | corrected | other | pending
  std::string decided_on;    // '' while undecided
};

enum class AppealResult { upheld, corrected, other, pending };
struct AppealCounts {
  long long upheld = 0, corrected = 0, other = 0, pending = 0, total = 0;
};
struct Table4 {
  AppealCounts review, litigation_direct, litigation_after_review;
};

// Which appeals a year's Table 四 counts, and with which result: those filed in the year, plus those filed earlier
// and still undecided on 1 January (decided_on empty or on/after 1 January) — the cases the year dealt with. The
// result is as of 31 December: one decided after 31 December, or recorded without a decision date, or still
// 'pending', counts as 尚未审结. An appeal with an unknown kind or result is refused by the store's caller
// (compute_table4 reports it in `problems`).
struct Table4Result {
  Table4 table;
  std::vector<std::string> problems;  // Chinese, one per unusable record
};
Table4Result compute_table4(const std::vector<AppealFact>& appeals, int year);

// ---------------------------------------------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------------------------------------------

enum class ReportStatus { draft, published };
std::string_view to_string(ReportStatus s);
std::optional<ReportStatus> report_status_from(std::string_view s);

// Everything computed for one unit (or the district) and one year.
struct Figures {
  int year = 0;
  long long unit_id = 0;
  std::string unit_name;
  bool district = false;       // the government's report: its own and all its units' figures
  Table2 table2;
  Table3Result table3;
  Table4Result table4;
  bool appeals_available = true;  // false while request_appeals does not exist (before migration 0011)
  long long fees_collected_yuan = 0;
};

// Whether the report may be published: every column's check holds, no unusable appeal record, and the appeals
// table exists. Error check_failed with a Chinese message naming the failing columns and each request that makes
// the difference.
Result<void> check_publishable(const Figures& f);

// The statutory deadline for the report on `year`: 31 January (unit) or 31 March (district) of the next year.
calendar::Date report_deadline(int year, bool district);

// The prefilled text of section 六 (信息处理费 collected, 国办函〔2020〕109号).
std::string default_section6(long long fees_yuan);

// The published document's body (Markdown with GFM tables, the official layout): sections 一 to 六 with tables
// 二, 三, 四.
std::string report_markdown(const Figures& f, const std::string& section1, const std::string& section5,
                            const std::string& section6);

// Labels exactly as DOMAIN §5 prints them.
struct Table3Row {
  std::string label;   // "一、本年新收政府信息公开申请数量", "（三）不予公开 1.属于国家秘密" is split below
  std::string group;   // for outcome rows: "（三）不予公开"; '' otherwise
  std::string item;    // for outcome rows: "1.属于国家秘密"; '' otherwise
  const Counts7* counts = nullptr;
};
// Rows in the official order: 一, 二, 三 (heading, no counts), the 21 outcome rows, （七）总计, 四.
std::vector<Table3Row> table3_rows(const Table3& t);

}  // namespace gongkai::oversight
