// SQL for columns, documents, editions, attachments, links, personal-data overrides, 索引号 counters and the ledger.
// Functions run inside the caller's transaction.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "gongkai/disclosure/model.hpp"

namespace gongkai::disclosure::store {

struct Column {
  long long id = 0;
  std::optional<long long> parent_id;
  std::string slug, name, description;
  bool required = false;
  std::optional<int> update_interval_days;
  int sort_order = 0;
  bool active = true;
  int version = 1;
  std::string created_at, updated_at;
};
std::vector<Column> list_columns(soci::session& s);
std::optional<Column> find_column(soci::session& s, long long id);
std::optional<Column> find_column_by_slug(soci::session& s, const std::string& slug);
long long insert_column(soci::session& s, const Column& c, const std::string& now);
// False if the version moved on.
bool update_column(soci::session& s, const Column& c, int expected_version, const std::string& now);

struct Document {
  long long id = 0;
  long long unit_id = 0;
  std::optional<long long> column_id;
  std::string index_no;
  DocumentState state = DocumentState::draft;
  std::optional<int> published_edition;
  std::string first_published_at, last_published_at, withdrawn_at, withdrawal_reason, repealed_on, repeal_note;
  std::string source_key;
  long long created_by = 0;
  std::string created_at, updated_at;
  int version = 1;
};
std::optional<Document> find_document(soci::session& s, long long id);
std::optional<Document> find_document_by_source(soci::session& s, const std::string& source_key);
long long insert_document(soci::session& s, const Document& d, const std::string& now);
// Writes the document's mutable columns when the stored version equals `expected_version` (and bumps it).
bool update_document(soci::session& s, const Document& d, int expected_version, const std::string& now);

struct Edition {
  long long id = 0;
  long long document_id = 0;
  int edition_no = 1;
  EditionStatus status = EditionStatus::draft;
  EditionFields f;
  long long author_id = 0, reviewer_id = 0, published_by = 0;
  std::string submitted_at, review_opinion, reviewed_at, rejection_reason;
  bool urgent = false, review_pending = false;
  std::string publish_at, published_at, published_on;
  std::optional<int> working_days_to_publish;
  std::optional<bool> timely;
  std::string body_html, content_hash;
  std::string created_at, updated_at;
  int version = 1;
};
std::optional<Edition> find_edition(soci::session& s, long long document_id, int edition_no);
std::vector<Edition> list_editions(soci::session& s, long long document_id);
// The newest edition (the working copy, or the published one if there is no newer draft).
std::optional<Edition> latest_edition(soci::session& s, long long document_id);
long long insert_edition(soci::session& s, const Edition& e, const std::string& now);
bool update_edition(soci::session& s, const Edition& e, int expected_version, const std::string& now);
// Editions scheduled for publication at or before `now`: (document_id, edition_no).
std::vector<std::pair<long long, int>> due_scheduled(soci::session& s, const std::string& now);

struct Attachment {
  long long id = 0;
  long long edition_id = 0;
  int position = 0;
  std::string file_name, sha256;
  long long size_bytes = 0;
  std::string mime, kind, text, created_at;
};
std::vector<Attachment> list_attachments(soci::session& s, long long edition_id);
long long insert_attachment(soci::session& s, const Attachment& a);
void delete_attachment(soci::session& s, long long edition_id, long long attachment_id);

struct Link {
  long long from_document_id = 0, to_document_id = 0;
  std::string kind;
};
void insert_link(soci::session& s, const Link& l, const std::string& now);
void delete_link(soci::session& s, const Link& l);
// Links from or to the document.
std::vector<Link> links_of(soci::session& s, long long document_id);

struct Override {
  std::string kind, value_hash, masked, reason;
  long long granted_by = 0;
  std::string granted_at;
};
std::vector<Override> list_overrides(soci::session& s, long long document_id);
void insert_override(soci::session& s, long long document_id, const Override& o);

// 标准目录 entries of a unit (all units when nullopt), in their order.
std::vector<CatalogueEntry> list_catalogue(soci::session& s, std::optional<long long> unit_id);
std::optional<CatalogueEntry> find_catalogue_entry(soci::session& s, long long id);
// Inserts or, when (unit, 一级事项, 二级事项) exists, updates. Returns true if inserted.
bool upsert_catalogue_entry(soci::session& s, const CatalogueEntry& e, const std::string& now);
// Published documents citing each entry of the unit: entry id → count.
std::vector<std::pair<long long, long long>> catalogue_citations(soci::session& s, long long unit_id);

// The next serial for (unit, year), reserving it: counters only grow.
long long next_index_serial(soci::session& s, long long unit_id, int year);
bool index_no_taken(soci::session& s, const std::string& index_no);

// The ledger. `lock_head` locks the head row (PostgreSQL: SELECT … FOR UPDATE) so appends are serialised.
struct Head {
  long long seq = 0;
  std::string entry_hash;
};
Head lock_head(soci::session& s);
void append_entry(soci::session& s, const LedgerEntry& e);
// Entries with seq > after_seq, ascending, at most `limit`.
std::vector<LedgerEntry> list_entries(soci::session& s, long long after_seq, int limit);
// Entries newest first with seq < before_seq (0: from the newest).
std::vector<LedgerEntry> list_entries_desc(soci::session& s, long long before_seq, int limit);
std::vector<LedgerEntry> entries_of(soci::session& s, long long document_id);

struct Checkpoint {
  long long id = 0, seq = 0;
  std::string entry_hash, signed_at, public_key, signature;
};
void insert_checkpoint(soci::session& s, const Checkpoint& c);
std::vector<Checkpoint> list_checkpoints(soci::session& s, int limit);

// Public listings: published documents newest first, keyset-paged by (last_published_at, id).
struct ListQuery {
  std::optional<long long> column_id, unit_id;
  std::vector<long long> column_ids;  // any of these (a column and its descendants); used when non-empty
  std::string topic, info_class, year;  // year: of first publication
  std::string after_published_at;     // keyset cursor: rows strictly older than (after_published_at, after_id)
  long long after_id = 0;
  bool include_withdrawn = false;
  int limit = 20;
};
struct Listed {
  Document doc;
  Edition edition;  // the published edition
};
std::vector<Listed> list_public(soci::session& s, const ListQuery& q);
// Ids of every document the public can read (published or repealed; not withdrawn), in id order.
std::vector<long long> public_document_ids(soci::session& s);
// Counts of published documents by a column of the published edition ("topic", "info_class") or of the
// document ("unit_id", "year").
std::vector<std::pair<std::string, long long>> facet_counts(soci::session& s, const std::string& facet);

// Staff listing: documents of a unit (all units when nullopt) in the given edition statuses (any when empty).
struct WorkItem {
  Document doc;
  Edition edition;  // the latest edition
};
std::vector<WorkItem> list_work(soci::session& s, std::optional<long long> unit_id, const std::vector<std::string>& statuses,
                                int limit);

}  // namespace gongkai::disclosure::store
