// SQL of search, inside the caller's transaction: entries with their full-text rows (SQLite FTS5, or PostgreSQL
// tsvector passages with a GIN index), the ranked and filtered query with keyset pagination, and the search log.
#pragma once

#include <soci/soci.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "gongkai/search/query.hpp"

namespace gongkai::search::store {

struct Entry {
  long long id = 0;
  std::string kind;  // document
  long long record_id = 0, unit_id = 0;
  std::optional<long long> column_id;
  std::string info_class, topic, validity, expires_on, repealed_on, published_at;
  int year = 0;
  std::string title, doc_no, index_no, body;
};

// Writes the entry (replacing the one for the same kind and record) and its full-text rows, analysing its text
// (unchanged text keeps its rows); the index's generation rises with it (a trigger, at commit on PostgreSQL).
// Returns its id. Throws std::runtime_error, changing nothing, when the index carries another analyser's stamp
// (see reanalyse_all); an unstamped index takes this process's analyser_fingerprint().
long long put(soci::session& s, const Entry& e, const std::string& now);
// Removes the entry of the record and its full-text rows, raising the generation (nothing if there is none).
// Throws as put() does on another analyser's stamp.
void remove(soci::session& s, const std::string& kind, long long record_id);
// The fingerprint of the analyser that made the index's tokens ('' before any write stamped it).
std::string analyser(soci::session& s);
// Makes every entry's full-text rows again from its stored text with this process's analyser and stamps the index
// with its fingerprint, in the caller's transaction (on SQLite the old tokens can only go all at once). `progress`
// gets (done, total) after each batch of entries.
void reanalyse_all(soci::session& s, const std::function<void(long long, long long)>& progress = {});
// Empties the index: entries, bodies, facet groups and full-text rows (benchmarks start from nothing).
void clear(soci::session& s);
// The index's generation in the caller's snapshot: it rises whenever any entry changes (put, remove), on any node.
long long generation(soci::session& s);
// Forgets the facet groups no entry points to any more (after a reindex).
void prune_facet_groups(soci::session& s);
// Record ids of every entry of `kind` (reindex removes those whose record is no longer public).
std::vector<long long> record_ids(soci::session& s, const std::string& kind);

struct Filters {
  std::string kind;
  std::vector<long long> unit_ids, column_ids;  // any of (empty: all)
  std::string info_class, topic;
  std::string validity;  // effective validity on `today`: in_force | expired | repealed | amended ('' all)
  int year_from = 0, year_to = 0;
  std::string today;  // YYYY-MM-DD

  // Whether nothing narrows the matches (`today` alone does not).
  bool empty() const {
    return kind.empty() && unit_ids.empty() && column_ids.empty() && info_class.empty() && topic.empty() &&
           validity.empty() && year_from == 0 && year_to == 0;
  }
};

enum class Sort { relevance, date };

// Where the previous page ended (search-after): the last hit's score, publication time and entry id.
struct Cursor {
  double score = 0;
  std::string published_at;
  long long entry_id = 0;
};

struct Hit {
  Entry entry;
  double score = 0;  // lower ranks higher (negated relevance)
};

// The facet values of every match (for the counts beside the filters).
// The matches grouped by everything a facet counts: `count` matches share these values.
struct MatchFacets {
  long long unit_id = 0;
  std::optional<long long> column_id;
  std::string kind, info_class, topic, validity, expires_on, repealed_on;
  int year = 0;
  long long count = 0;
};
// The number of matches in `groups`.
long long total_of(const std::vector<MatchFacets>& groups);

// At most `limit` hits after `after`, best first (relevance: score, then newer, then higher id; date: newer first).
// `frequencies` (SQLite): each phrase's document frequency in the whole index, in to_fts5's order of phrases, when
// the caller knows it exactly; the scores are then bm25()'s to the bit, without bm25() reading each phrase's whole
// doclist to count it. Empty: bm25() counts.
std::vector<Hit> search(soci::session& s, const ParsedQuery& q, const Filters& f, Sort sort,
                        const std::optional<Cursor>& after, int limit, const std::vector<double>& frequencies = {});
// Every match (with the filters), grouped in the database for the total and the facet counts: the groups are few
// (units × columns × classes × years …) where the matches may be a whole corpus.
std::vector<MatchFacets> match_facets(soci::session& s, const ParsedQuery& q, const Filters& f);

// ---- searches with more matches than one search may visit --------------------------------------------------------
// The exact search above reads every match: BM25 for each, every match counted into the facets. At 1,000,000
// documents a common term matches nearly all of them and that takes seconds (PostgreSQL: 22-27 s for 政府 at
// 100,000, each match's tsvectors read out of TOAST). Above a bound the service takes bounded()'s sample instead,
// which ranks a fixed number of matches whatever the size of the index.

// How much of the index a sample reads: `stripes` equal slices of the entry ids, the first `per_stripe` matches
// of each (a systematic sample of the matches, spread over the whole index), plus the `newest` most recently
// indexed matches. PostgreSQL reads a quarter of that (see bounded()).
struct Sampling {
  int stripes = 16;
  int per_stripe = 128;
  int newest = 512;
};

// A match the sample read, with what ranks it.
struct Candidate {
  long long id = 0;
  double score = 0;  // as search()'s: smaller ranks higher (0 when unscored)
  std::string published_at;
};

struct Sample {
  std::vector<Candidate> candidates;  // distinct matches: the sample, the newest, exact-title matches
  std::vector<MatchFacets> groups;    // counts estimated from the sample (exact where a slice held fewer matches)
  long long total = 0;                // estimated number of matches: the sum of the groups' counts
  bool exact = false;                 // the candidates are every match; the groups and the total are exact
  bool scored = false;                // the candidates carry their scores (by relevance): sample_page() ranks them
};

// Every match when there are at most `cap` (exact), else a sample of them with estimated counts, for a search by
// `sort`. The bound's test and the answer come from one reading of the matches where the backend allows.
//  * SQLite: matches_up_to(), then sample() beyond the bound. Every match is unscored (search() ranks them, told a
//    lone phrase's frequency by the service).
//  * PostgreSQL: the matches are listed through the GIN index alone, each phrase loosened to all of its lexemes
//    (no tsvector is read out of TOAST to check their positions), with a window that keeps a systematic sample;
//    the listed candidates are then checked exactly and scored as search() scores them, over their own passages.
//    When the loose listing holds more than `cap` but too few of its sampled entries hold the phrases themselves
//    to estimate from (a rare phrase of common characters), every loose match is checked, in id order.
Sample bounded(soci::session& s, const ParsedQuery& q, const Filters& f, Sort sort, long long cap,
               const Sampling& sampling);

// SQLite only. Reads the candidates — every entry whose whole title is the query, the `newest` most recently
// indexed matches and the sample — scored by the same BM25 as search() (each phrase's document frequency is itself
// estimated from a sample of its own matches), or not at all when sorting by date. Counts are estimated per slice:
// a slice's matches over the ids its first `per_stripe` matches spanned, times the slice's width; a slice with
// fewer matches is counted exactly.
Sample sample(soci::session& s, const ParsedQuery& q, const Filters& f, Sort sort, const Sampling& sampling);

// SQLite only. Every match (with the filters) when there are at most `cap`: each as a candidate (score 0: for
// sorting by date), with the facet groups counted exactly, as match_facets() counts them; nullopt when more match.
// Reads at most cap + 1 matches from the full-text index, then the entries of at most `cap` by their keys. This is
// the bound's test and the exact answer's counts in one reading of the matches.
std::optional<Sample> matches_up_to(soci::session& s, const ParsedQuery& q, const Filters& f, long long cap);

// The page of at most `limit` candidates after `after` (the cursor as search() reads it), best first: a sample is
// paged through with the same cursors as the exact search.
std::vector<Hit> sample_page(soci::session& s, const Sample& sample, Sort sort, const std::optional<Cursor>& after,
                             int limit);

// ---- keeping the full-text index compact ------------------------------------------------------------------------
// SQLite: FTS5 keeps its index as segments and merges a few of them at a time as writes add more (loading 100,000
// documents leaves 13). A search looks every one of its terms up in every segment, so after a bulk load, a reindex
// or a rebuild one merged segment answers the slowest searches a third sooner in-process, and the p95 through HTTP
// 8 % sooner (bench/README.md).
// PostgreSQL: the GIN index's pending list (fast updates put new entries there; every search scans it).

struct IndexShape {
  long long segments = 0;  // SQLite: FTS5 segments; PostgreSQL: 1
  long long pages = 0;     // SQLite: pages of the FTS5 index (about 4 KB each); PostgreSQL: pages of the GIN index
};
IndexShape index_shape(soci::session& s);

// One step of merging the index into one segment, in the caller's transaction: SQLite FTS5 'merge', writing about
// `pages` pages. The `first` step puts every segment on one level; later steps carry that merge on, even when
// writes add segments meanwhile (they join the next merge, not this one). Returns whether the step found work:
// false once nothing is left to merge. PostgreSQL: moves the GIN index's pending entries into the index and
// refreshes the planner's statistics, all in one step (returns false).
bool merge_step(soci::session& s, int pages, bool first);

// ---- the search log ----
struct LogLine {
  std::string searched_at, query, filters;
  long long results = 0;
  int took_ms = 0;
};
void append_log(soci::session& s, const std::vector<LogLine>& lines);
struct QueryCount {
  std::string query;
  long long searches = 0;
  long long min_results = 0;  // the fewest results any of these searches had
  std::string last_at;
};
// The most frequent queries between two UTC instants; `zero_only` keeps those whose searches found nothing.
std::vector<QueryCount> frequent_queries(soci::session& s, const std::string& from, const std::string& to, bool zero_only,
                                         int limit);
long long log_count(soci::session& s, const std::string& from, const std::string& to);

}  // namespace gongkai::search::store
