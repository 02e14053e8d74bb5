// Use cases of 主动公开: columns, drafting, review, publication, new editions, withdrawal and repeal, the
// personal-data gate, and the public ledger. Each public function is one transaction with its permission check and
// its audit entry; handlers call these and never the store.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gongkai/calendar/service.hpp"
#include "gongkai/disclosure/model.hpp"
#include "gongkai/disclosure/store.hpp"
#include "gongkai/privacy/scanner.hpp"
#include "gongkai/units/service.hpp"
#include "platform/db/database.hpp"
#include "platform/files/blob_store.hpp"
#include "platform/result.hpp"

namespace gongkai::disclosure {

// A personal-data finding in a document, located by field, with whether a reviewer has overridden it.
struct PrivacyFinding {
  std::string field;        // title | summary | body_md | keywords | doc_no | attachment:<id>
  std::string field_label;  // 标题 / 内容概述 / 正文 / 附件《…》
  privacy::Finding finding;
  std::string value_hash;   // identifies the finding for override_finding without repeating its value
  std::string context;      // a few characters either side, with the finding masked (safe to show and log)
  bool overridden = false;
  std::string override_reason;
};

// Everything staff see about a document.
struct StaffDocument {
  store::Document doc;
  store::Edition edition;                    // the latest edition (working copy or published)
  std::optional<store::Edition> published;   // the edition the public sees, if any
  std::vector<store::Edition> editions;
  std::vector<store::Attachment> attachments;  // of the latest edition
  std::vector<PrivacyFinding> findings;        // in the latest edition
  std::vector<store::Link> links;
  std::string unit_name;
};

// Everything the public page shows.
struct PublicDocument {
  store::Document doc;
  store::Edition edition;                      // the published (or requested older) edition
  bool is_current = true;                      // false when an older edition is shown
  std::vector<store::Edition> editions;        // published and superseded ones, for the history
  std::vector<store::Attachment> attachments;
  struct Related {
    long long id = 0;
    std::string title, kind, direction;  // direction: "to" (this interprets that) | "from" (that interprets this)
  };
  std::vector<Related> related;
  std::vector<LedgerEntry> ledger;
  std::string unit_name;
  std::optional<store::Column> column;
  std::string catalogue_item;                  // the 标准目录 entry the edition fulfils ("一级 › 二级"), if any
  Validity validity = Validity::in_force;      // as shown today (effective_validity)
};

struct VerifyReport {
  long long entries = 0;
  long long checkpoints = 0;
  bool ok = true;
  long long first_bad_seq = 0;  // 0 if all good
  std::string problem;          // in Chinese: which entry and what does not match
};

class DisclosureService {
 public:
  // `data_dir` holds the ledger's signing key (ledger.key, created on first use).
  DisclosureService(std::shared_ptr<platform::db::Database> db, units::UnitService& units,
                    calendar::CalendarService& calendar, std::filesystem::path data_dir);

  const Vocabulary& vocabulary() const { return vocabulary_; }

  // Called inside the transaction of every change to what the public sees of a document (publication, new
  // edition, withdrawal, repeal), so search never shows a withdrawn edition nor misses a published one.
  std::function<void(soci::session&, long long document_id)> on_public_change;

  // ---- columns ----
  std::vector<store::Column> columns();
  std::optional<store::Column> column_by_slug(const std::string& slug);
  // Errors: forbidden (only the openness office and system administrators), required, invalid_slug, duplicate_slug,
  // invalid_parent, stale_version.
  platform::Result<long long> create_column(const units::Actor& actor, store::Column c);
  platform::Result<void> update_column(const units::Actor& actor, store::Column c, int expected_version);

  // ---- drafting and the workflow (expected_version is the latest edition's version) ----
  // A new document in `unit_id` with its first draft edition. Errors: forbidden, validate_edition's errors,
  // invalid_column, invalid_unit.
  platform::Result<long long> create_draft(const units::Actor& actor, long long unit_id, EditionFields f);
  // Saves the draft edition. Errors: forbidden, not_found, invalid_transition (not a draft), stale_version, the
  // validation errors.
  platform::Result<void> save_draft(const units::Actor& actor, long long document_id, EditionFields f, int expected_version);
  // Submits for review after the personal-data gate. Errors: as save_draft, personal_data_found.
  platform::Result<void> submit(const units::Actor& actor, long long document_id, int expected_version);
  platform::Result<void> recall(const units::Actor& actor, long long document_id, int expected_version);
  // 保密审查. Errors: forbidden, self_review, invalid_transition, stale_version, required (opinion / reason).
  platform::Result<void> approve(const units::Actor& actor, long long document_id, const std::string& opinion,
                                 int expected_version);
  platform::Result<void> reject(const units::Actor& actor, long long document_id, const std::string& reason,
                                int expected_version);
  // Publishes the approved edition now (the personal-data gate runs again). Errors: as approve,
  // personal_data_found, credit_code_required, invalid_index_pattern.
  platform::Result<void> publish(const units::Actor& actor, long long document_id, int expected_version);
  // Schedules the approved edition for `publish_at` (UTC ISO, in the future). Errors: as publish, invalid_time.
  platform::Result<void> schedule(const units::Actor& actor, long long document_id, const std::string& publish_at,
                                  int expected_version);
  platform::Result<void> unschedule(const units::Actor& actor, long long document_id, int expected_version);
  // Publication without prior review (supervisor only), flagged until post_review. `reason` is required.
  platform::Result<void> urgent_publish(const units::Actor& actor, long long document_id, const std::string& reason,
                                        int expected_version);
  platform::Result<void> post_review(const units::Actor& actor, long long document_id, const std::string& opinion,
                                     int expected_version);
  // Opens a new draft edition from the published one. Returns its edition number. Errors: forbidden,
  // invalid_transition (not published, or a newer edition is already in progress).
  platform::Result<int> new_edition(const units::Actor& actor, long long document_id);
  // Withdraws a published document; the reason stays readable at its address. Errors: forbidden, required,
  // invalid_transition, stale_version (document version).
  platform::Result<void> withdraw(const units::Actor& actor, long long document_id, const std::string& reason,
                                  int document_version);
  // Records the repeal (废止) with its date. Errors: as withdraw, invalid_date.
  platform::Result<void> repeal(const units::Actor& actor, long long document_id, const std::string& repealed_on,
                                const std::string& note, int document_version);

  // ---- the personal-data gate ----
  // Replaces every finding in the draft's text fields by its masked form (attachments cannot be masked here).
  // Returns how many were masked. Errors: as save_draft.
  platform::Result<int> mask_findings(const units::Actor& actor, long long document_id, int expected_version);
  // A reviewer's decision that a finding (identified by kind and canonical value) may stand. Errors: forbidden,
  // self_review (not by the author), required (reason), not_found (no such finding).
  platform::Result<void> override_finding(const units::Actor& actor, long long document_id, const std::string& kind,
                                          const std::string& value_hash, const std::string& reason);

  // ---- attachments ----
  // Largest attachment accepted (the server's body limit answers 413 before this for bigger requests).
  static constexpr std::uint64_t kMaxAttachmentBytes = 50ull * 1024 * 1024;
  // Adds a file to the draft edition: type checked by content, stored content-addressed, text extracted (PDF,
  // Word, Excel, OFD) for the personal-data gate and for search. Errors: as save_draft, the upload errors of
  // platform::files::inspect_upload (file_type_not_allowed, file_type_mismatch, file_too_large, file_empty,
  // invalid_file_name), too_many_attachments, blob_write_failed.
  platform::Result<long long> add_attachment(const units::Actor& actor, long long document_id, const std::string& file_name,
                                             std::string_view bytes, int expected_version);
  platform::Result<void> remove_attachment(const units::Actor& actor, long long document_id, long long attachment_id,
                                           int expected_version);
  struct FileDownload {
    std::string file_name, mime;
    std::string bytes;
  };
  // A file of a published edition (not of a withdrawn document). nullopt if there is none to show.
  std::optional<FileDownload> public_attachment(long long document_id, int edition_no, long long attachment_id);
  // A file of any edition, for staff who may see the document. Errors: forbidden, not_found, blob_missing/corrupt.
  platform::Result<FileDownload> staff_attachment(const units::Actor& actor, long long document_id, long long attachment_id);

  // ---- 标准目录 ----
  std::vector<CatalogueEntry> catalogue(std::optional<long long> unit_id);
  // Published documents citing each entry of the unit (entry id → count), for the catalogue page and oversight.
  std::vector<std::pair<long long, long long>> catalogue_citations(long long unit_id);
  struct CatalogueImport {
    int created = 0, updated = 0;
    std::vector<RowProblem> problems;  // rows not imported, with their row numbers
  };
  // Imports the unit's catalogue from a table's rows (CSV or XLSX, first row headings): entries are added or updated
  // by 一级/二级事项; bad rows are reported and the others imported. Errors: forbidden (the unit's administrator or
  // the openness office), invalid_unit, catalogue_header.
  platform::Result<CatalogueImport> import_catalogue(const units::Actor& actor, long long unit_id,
                                                     const std::vector<std::vector<std::string>>& rows);

  // ---- related documents ----
  // `from` interprets (or relates to) `to`. Errors: forbidden, not_found, invalid_link (self, unknown kind).
  platform::Result<void> link(const units::Actor& actor, long long from_id, long long to_id, const std::string& kind);
  platform::Result<void> unlink(const units::Actor& actor, long long from_id, long long to_id, const std::string& kind);

  // ---- reading ----
  // Errors: forbidden (not an editor/reviewer of the unit nor the office), not_found.
  platform::Result<StaffDocument> staff_document(const units::Actor& actor, long long document_id);
  // The actor's work: documents of their unit (all for the office) whose latest edition is in `statuses`.
  std::vector<store::WorkItem> work(const units::Actor& actor, const std::vector<std::string>& statuses, int limit = 100);
  // A published, repealed or withdrawn document as the public sees it; `edition_no` picks an older edition.
  std::optional<PublicDocument> public_document(long long document_id, std::optional<int> edition_no = std::nullopt);
  std::vector<store::Listed> list_public(const store::ListQuery& q);
  std::vector<std::pair<std::string, long long>> facet_counts(const std::string& facet);

  // ---- scheduled work ----
  // Publishes scheduled editions whose time has come. Returns how many were published.
  int publish_due();

  // ---- the ledger ----
  std::vector<LedgerEntry> ledger_page(long long before_seq, int limit);
  std::vector<LedgerEntry> ledger_after(long long after_seq, int limit);
  std::vector<store::Checkpoint> checkpoints(int limit);
  // Signs the current head if it moved since the last checkpoint. Returns the checkpoint (nullopt: nothing new).
  std::optional<store::Checkpoint> checkpoint();
  // Re-hashes every stored edition and state change against its entry, follows the chain, and checks every
  // checkpoint's signature. `progress(done, total)` is called as it goes.
  VerifyReport verify_ledger(const std::function<void(long long, long long)>& progress = {});
  // The site's public key (hex), for people who keep checkpoints.
  std::string public_key_hex();

  // ---- import (gongkai import documents) ----
  // Creates or skips a published document identified by `source_key` in one transaction: the first edition goes
  // straight to published as the command line (no review, flagged as imported in the audit). Returns true if
  // created, false if it already existed. Errors: the validation errors, credit_code_required.
  platform::Result<bool> import_published(const units::Actor& actor, long long unit_id, const std::string& source_key,
                                          EditionFields f);
  // The same for many records in one transaction (one fsync for the batch): each record inside a savepoint, so a
  // refused record is rolled back alone and reported in its place in the result.
  struct ImportItem {
    std::string source_key;
    EditionFields fields;
  };
  std::vector<platform::Result<bool>> import_published_many(const units::Actor& actor, long long unit_id,
                                                            const std::vector<ImportItem>& items);

 private:
  platform::Result<void> publish_locked(soci::session& s, const units::Actor& actor, store::Document& doc,
                                        store::Edition& e, const std::string& action, bool scheduled_run);
  platform::Result<bool> import_one_locked(soci::session& s, const units::Actor& actor, long long unit_id,
                                           const std::string& source_key, const EditionFields& f);
  std::vector<PrivacyFinding> findings_of(soci::session& s, const store::Document& doc, const store::Edition& e);
  std::string unit_name(long long unit_id);

  std::shared_ptr<platform::db::Database> db_;
  units::UnitService& units_;
  calendar::CalendarService& calendar_;
  std::filesystem::path data_dir_;
  platform::files::BlobStore blobs_;
  Vocabulary vocabulary_;
};

}  // namespace gongkai::disclosure
