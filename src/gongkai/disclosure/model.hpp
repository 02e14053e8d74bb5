// 主动公开 (proactive disclosure): documents, their editions and official metadata, the publishing workflow, and
// the hashes of the public ledger. Pure types and rules; no I/O. The service applies them in transactions.
//
// Law and practice (DOMAIN §2):
//   条例 Art. 26  publish within 20 working days of the information being formed or changed;
//   条例 Art. 17  "先审查、后公开": every item passes confidentiality review before publication;
//   条例 Art. 12  the catalogue (目录) holds at least 索引, 名称, 内容概述, 生成日期;
//   索引号        no national format: default {统一社会信用代码}/{YYYY}-{NNNNN}, serial per unit per year, configurable.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gongkai/calendar/model.hpp"
#include "gongkai/units/model.hpp"
#include "platform/result.hpp"

namespace gongkai::disclosure {

using platform::Error;
using platform::Result;

// The public life of a document.
enum class DocumentState { draft, published, withdrawn, repealed };
// Where an edition is in the workflow. published: the edition the public sees; superseded: an older published one.
enum class EditionStatus { draft, submitted, approved, scheduled, published, superseded };
// 有效性 as declared by the unit; the validity shown also depends on dates and repeal (effective_validity).
enum class Validity { in_force, expired, repealed, amended };
// 公文公开属性 (decided when the document is drafted; 不予公开 needs a reason).
enum class DisclosureMode { proactive, on_request, withheld };
// A major change gets a public change note; a minor one (typo) does not need one.
enum class ChangeKind { major, minor };

std::string_view to_string(DocumentState s);
std::string_view to_string(EditionStatus s);
std::string_view to_string(Validity v);
std::string_view to_string(DisclosureMode m);
std::string_view to_string(ChangeKind k);
std::optional<DocumentState> document_state_from(std::string_view s);
std::optional<EditionStatus> edition_status_from(std::string_view s);
std::optional<Validity> validity_from(std::string_view s);
std::optional<DisclosureMode> disclosure_mode_from(std::string_view s);
std::optional<ChangeKind> change_kind_from(std::string_view s);
std::string_view label(DocumentState s);   // 草稿 / 已发布 / 已撤回 / 已废止
std::string_view label(EditionStatus s);   // 草稿 / 待审核 / 审核通过 / 定时发布 / 已发布 / 已被新版本取代
std::string_view label(Validity v);        // 有效 / 失效 / 废止 / 已修订
std::string_view label(DisclosureMode m);  // 主动公开 / 依申请公开 / 不予公开
std::string_view label(ChangeKind k);      // 重要修改 / 一般修改

// What an editor writes: the metadata of one edition.
struct EditionFields {
  std::optional<long long> column_id;  // the document's column (kept on the document)
  std::string title, summary, body_md;
  std::string issuer_name;             // 发布机构 as printed; empty: the issuing unit's name
  std::string doc_no;                  // 文号, e.g. 国办发〔2017〕47号
  std::string written_on, formed_on;   // 成文日期, 信息形成日期 (YYYY-MM-DD or empty)
  std::string topic, keywords;         // 主题分类 code, 主题词
  Validity validity = Validity::in_force;
  std::string effective_on, expires_on;
  DisclosureMode disclosure_mode = DisclosureMode::proactive;
  std::string withheld_reason;
  std::string info_class, legal_category, domain;  // codes from config/disclosure.json
  std::optional<long long> catalogue_entry_id;
  ChangeKind change_kind = ChangeKind::major;
  std::string change_note;
};

// The code lists editors choose from (config/disclosure.json, "gongkai-disclosure/1").
struct CodeLabel {
  std::string code, label;
};
struct Vocabulary {
  std::string index_no_pattern = "{credit_code}/{YYYY}-{NNNNN}";
  int publish_within_working_days = 20;
  std::vector<CodeLabel> topics, classes, legal_categories, domains;
  // The label of `code` in `list`, or "" if unknown.
  static std::string label_of(const std::vector<CodeLabel>& list, std::string_view code);
};
// Errors: invalid_json, invalid_vocabulary (the message names what is wrong).
Result<Vocabulary> parse_vocabulary(std::string_view json_text);

// Checks and normalises an edition's fields (trimmed text, dates parsed). Errors name the field: required (title),
// too_long, invalid_date, date_order (written after formed, expiry before effect), unknown_code (topic, class,
// category, domain not in the vocabulary), withheld_reason_required (不予公开 without a reason),
// change_note_required (a major change to a published document needs a public note; `is_new_edition`).
Result<EditionFields> validate_edition(EditionFields f, const Vocabulary& v, bool is_new_edition);

// The validity the public sees today: 废止 if the document was repealed (repealed_on ≤ today), 失效 once the expiry
// date has passed (expires_on < today) even if nobody changed the record, otherwise the declared validity.
Validity effective_validity(Validity declared, const std::string& expires_on, const std::string& repealed_on,
                            calendar::Date today);

// ---------------------------------------------------------------------------------------------------------------
// The workflow
// ---------------------------------------------------------------------------------------------------------------

// draft → submit → submitted → approve → approved → publish → published (or schedule → scheduled → publish)
//                             ↘ reject → draft          ↖ unschedule ↙
// submitted → recall → draft (the author takes it back before review)
// draft | submitted → urgent_publish (supervisor only) → published, flagged review_pending until post_review
// published document → new_edition → a new draft edition (the public keeps seeing the published one)
// published document → withdraw (public reason) → withdrawn; → repeal (date) → repealed
enum class Action {
  save, submit, recall, approve, reject, publish, schedule, unschedule, urgent_publish, post_review,
  new_edition, withdraw, repeal
};
std::string_view to_string(Action a);
std::string_view label(Action a);  // 保存 / 提交审核 / 撤回提交 / 审核通过 / 退回修改 / 发布 / 定时发布 / ...

// The edition status after `a`, or error invalid_transition (in Chinese, naming the current status) if `a` is not
// allowed from `from`. Document-level actions (new_edition, withdraw, repeal) are checked by document_transition.
Result<EditionStatus> edition_transition(EditionStatus from, Action a);
// The document state after `a` (publish, urgent_publish: draft → published; withdraw, repeal: published → …;
// new_edition: published stays published). Error invalid_transition otherwise.
Result<DocumentState> document_transition(DocumentState from, Action a);

// Who is asking, about which document: for permission checks.
struct WorkflowContext {
  long long unit_id = 0;              // the document's issuing unit
  long long author_id = 0;            // who submitted the edition (0 if never submitted)
  long long urgent_publisher_id = 0;  // who published it urgently (for post_review)
};
// Whether `actor` may do `a` here. Editors of the unit (or the openness office) write; reviewers of the unit (or the
// office) review, publish, withdraw and repeal; only a supervisor publishes urgently. The reviewer is never the
// author (条例 Art. 17 review is a second pair of eyes). Errors: forbidden, self_review.
Result<void> may(const units::Actor& actor, Action a, const WorkflowContext& ctx);

// ---------------------------------------------------------------------------------------------------------------
// 索引号 and timeliness
// ---------------------------------------------------------------------------------------------------------------

// Formats an index number from `pattern`: {credit_code}, {unit_id}, {YYYY}, and {N…} (the serial, zero-padded to
// as many digits as N's). Errors: invalid_index_pattern (no serial token, unknown token, unbalanced braces),
// credit_code_required (the pattern uses {credit_code} and the unit has none).
Result<std::string> format_index_no(std::string_view pattern, std::string_view credit_code, long long unit_id,
                                    int year, long long serial);

// Whether publication on `published_on` kept the Art. 26 limit for information formed on `formed_on`.
struct Timeliness {
  std::optional<int> working_days;  // working days from formed_on (exclusive) to published_on (inclusive)
  std::optional<bool> timely;       // nullopt when unknown (no formation date, or a year without a notice)
};
Timeliness timeliness(const calendar::WorkdayCalendar& cal, const std::string& formed_on,
                      calendar::Date published_on, int limit_working_days);

// ---------------------------------------------------------------------------------------------------------------
// 标准目录 (the unit's standard catalogue, DOMAIN §2)
// ---------------------------------------------------------------------------------------------------------------

struct CatalogueEntry {
  long long id = 0;
  long long unit_id = 0;
  std::string domain;      // 领域 code (config/disclosure.json), may be empty
  std::string item_l1;     // 一级事项 (required)
  std::string item_l2;     // 二级事项
  std::string content;     // 公开内容（要素）
  std::string basis;       // 公开依据
  std::string time_limit;  // 公开时限
  std::string subject;     // 公开主体
  std::string channels;    // 公开渠道和载体
  std::string audience;    // 公开对象: 全社会 / 特定群众
  std::string mode;        // 公开方式: 主动 / 依申请
  std::string level;       // 公开层级: 区级 / 乡、村级
  int sort_order = 0;
};

// A row of an imported catalogue that could not be read, with its 1-based row number in the file.
struct RowProblem {
  int row = 0;
  std::string message;
};
struct ParsedCatalogue {
  std::vector<CatalogueEntry> entries;
  std::vector<RowProblem> problems;
};
// Reads a catalogue table (from CSV or XLSX): the first row names the columns in Chinese (一级事项, 二级事项,
// 公开内容（要素）or 公开内容, 公开依据, 公开时限, 公开主体, 公开渠道和载体 or 公开渠道, 公开对象, 公开方式, 公开层级,
// 领域; full-width or ASCII brackets, surrounding spaces ignored). A 领域 may be given by name or code. Rows without
// 一级事项 are reported, as are unknown 领域, a 公开对象 other than 全社会/特定群众 and a 公开方式 other than 主动/依申请;
// blank rows are skipped; a later row with the same 一级/二级事项 replaces an earlier one. Error
// catalogue_header when 一级事项 has no column.
Result<ParsedCatalogue> parse_catalogue(const std::vector<std::vector<std::string>>& rows, const Vocabulary& v);

// ---------------------------------------------------------------------------------------------------------------
// The ledger
// ---------------------------------------------------------------------------------------------------------------

// What the ledger hashes for one edition: every public field, in a canonical text (one "key=value" line per field,
// values with \ and newlines escaped), then the attachments as "attachment=<sha256> <size> <name>".
struct LedgerAttachment {
  std::string sha256;
  long long size = 0;
  std::string file_name;
};
struct LedgerContent {
  long long document_id = 0;
  int edition_no = 0;
  std::string index_no;
  EditionFields fields;  // issuer_name is frozen at publication, so a later renaming of the unit changes nothing
  std::string published_at;
  std::vector<LedgerAttachment> attachments;
};
std::string canonical_text(const LedgerContent& c);
// sha256 hex of canonical_text.
std::string content_hash(const LedgerContent& c);
// The hash of a withdrawal or repeal: the document and the public reason or date.
std::string state_change_hash(long long document_id, std::string_view action, std::string_view detail);

struct LedgerEntry {
  long long seq = 0;
  std::string at, action;
  long long document_id = 0;
  int edition_no = 0;
  std::string index_no, title, content_hash, prev_hash, entry_hash;
};
// sha256 hex over the entry's fields and the previous entry's hash: changing any earlier entry changes every
// later entry_hash.
std::string entry_hash(const LedgerEntry& e);
// The zero hash that the first entry chains to.
inline constexpr std::string_view kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";
// What a checkpoint signs.
std::string checkpoint_message(long long seq, std::string_view entry_hash, std::string_view signed_at);

}  // namespace gongkai::disclosure
