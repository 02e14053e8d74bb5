// Use cases of search: keeping the index in step with what is public (in the same transaction as the change),
// answering queries with filters, facets, snippets and search-after pagination, rebuilding the index, and the
// search log for the openness office (frequent and zero-result searches; no personal data).
#pragma once

#include <soci/soci.h>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "gongkai/disclosure/service.hpp"
#include "gongkai/search/highlight.hpp"
#include "gongkai/search/store.hpp"
#include "gongkai/units/service.hpp"
#include "platform/db/database.hpp"
#include "platform/result.hpp"

namespace gongkai::search {

// What a visitor asks, as typed into the form or the API (validated by search()).
struct SearchRequest {
  std::string q;
  std::string unit, column;              // ids
  std::string info_class, topic;         // codes of config/disclosure.json
  std::string year_from, year_to;        // 成文 year (else the year first published)
  std::string validity;                  // in_force | expired | repealed | amended
  std::string kind;                      // document
  std::string sort;                      // relevance (default) | date
  std::string after;                     // the next_cursor of the previous page
  int limit = 20;                        // 1..50
};

struct ResultItem {
  std::string kind, kind_label, url;
  long long record_id = 0;
  std::string title_html, snippet_html;  // escaped, with <mark> around matched text
  std::string title, doc_no, index_no, unit_name, published_on, validity, validity_label;
};

struct FacetValue {
  std::string value, label;
  long long count = 0;
  bool selected = false;
};
struct Facet {
  std::string name, label;  // name = the request field it sets
  std::vector<FacetValue> values;
};

// A way forward when a query found nothing: a shorter query, or the same one without filters.
struct Suggestion {
  std::string text;  // in Chinese
  std::string q;     // the query to run
  bool drop_filters = false;
  long long count = -1;  // results it would give (-1 unknown)
};

struct Results {
  std::vector<ResultItem> items;
  long long total = 0;  // -1 on pages after the first (counted there)
  std::vector<Facet> facets;
  std::string next_cursor;  // empty on the last page
  std::vector<std::string> ignored;
  std::vector<Suggestion> suggestions;
  bool filtered = false;
  bool relaxed = false;  // nothing contained the whole query: these contain parts of it (see search::relaxed)
  // More matches than one search visits (SearchBounds): `total` and the facet counts are estimates, and the hits
  // are the best of `ranked_among` matches — the newest, a sample spread over the index, and exact-title matches.
  bool estimated = false;
  long long ranked_among = 0;
  int took_ms = 0;
};

struct ReindexReport {
  long long indexed = 0, removed = 0;
};

struct OptimizeReport {
  store::IndexShape before, after;
  long long steps = 0;  // transactions
};

struct LogReport {
  std::string from, to;  // YYYY-MM-DD (Beijing dates), inclusive
  long long searches = 0;
  std::vector<store::QueryCount> frequent, zero_results;
};

// How much of the index one search may read. A query with at most `exact_up_to` matches is answered exactly:
// every match ranked and counted. Beyond, a common term in a large index, reading every match would take seconds
// (SQLite at 1,000,000 documents; PostgreSQL at 100,000: bench/README.md), so the search reads a fixed amount
// (store::bounded with `sampling`) and says its counts are estimates.
struct SearchBounds {
  long long exact_up_to = 2000;  // 0: always exact
  store::Sampling sampling;
};

class ResultCache;  // recent answers, valid while the index's generation stands (service.cpp)

class SearchService {
 public:
  // `cache_entries`: how many recent answers (a page of hits with its facet counts) are kept for repeated
  // searches; they are dropped whenever the index changes, on any node (0: no cache).
  SearchService(std::shared_ptr<platform::db::Database> db, units::UnitService& units,
                disclosure::DisclosureService& disclosure, std::size_t cache_entries = 256, SearchBounds bounds = {});
  ~SearchService();

  // Brings the document's entry in line with what the public may see — its published edition with attachments, or
  // nothing when it is not (or no longer) public. Runs inside the caller's transaction.
  void index_document(soci::session& s, long long document_id);

  // Errors: the query errors of parse_query (empty_query, query_too_long, too_many_terms, only_exclusions,
  // nothing_searchable), invalid_filter (field named), invalid_cursor.
  platform::Result<Results> search(const SearchRequest& r);

  // Brings every public record's entry in line, a batch per transaction (the server keeps answering), and removes
  // entries of records no longer public; an entry whose text is unchanged keeps its full-text rows.
  // `progress(done, total)` is called as it goes.
  ReindexReport reindex(const std::function<void(long long, long long)>& progress = {});

  // When the index's tokens were made by another analyser (an upgrade that changed the analyser or OpenCC's data:
  // store::analyser differs from analyser_fingerprint()), makes them again from the stored text, in one
  // transaction; writes to the index are refused until then. Run at start, before serving. Returns how many entries
  // were re-analysed (0: the index was current). The rebuilt index is then merged into one segment (optimize()),
  // still before serving: the rebuild leaves it in many.
  long long ensure_analyser(const std::function<void(long long, long long)>& progress = {});

  // Merges the full-text index into one segment (see store::merge_step) after a bulk load, a reindex or a rebuild,
  // in transactions of about 2,000 pages each, so the server keeps answering and publishing; what other processes
  // write meanwhile is merged next time. `progress(done, total)` counts pages, estimated from the index's size.
  // PostgreSQL: one transaction that empties the GIN index's pending list and refreshes the statistics.
  OptimizeReport optimize(const std::function<void(long long, long long)>& progress = {});
  // How many segments and pages the full-text index has now (see store::IndexShape).
  store::IndexShape index_shape();

  // Frequent and zero-result searches between two dates. Errors: forbidden (the openness office and system
  // administrators only), invalid_date.
  platform::Result<LogReport> log_report(const units::Actor& actor, const std::string& from, const std::string& to);
  // Writes the buffered log lines (they are kept in memory for up to two seconds to spare a write per search).
  void flush_log();

 private:
  void log(store::LogLine line);

  std::shared_ptr<platform::db::Database> db_;
  units::UnitService& units_;
  disclosure::DisclosureService& disclosure_;
  SearchBounds bounds_;
  std::mutex log_mu_;
  std::vector<store::LogLine> log_buffer_;
  std::chrono::steady_clock::time_point last_flush_ = std::chrono::steady_clock::now();
  std::unique_ptr<ResultCache> cache_;
};

}  // namespace gongkai::search
