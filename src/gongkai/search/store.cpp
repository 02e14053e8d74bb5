#include "gongkai/search/store.hpp"

#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <stdexcept>
#include <unordered_set>

#include "platform/db/rows.hpp"

namespace gongkai::search::store {
namespace {

using platform::db::execute;
using platform::db::for_each_row;
using platform::db::int_at;
using platform::db::opt_int_at;
using platform::db::Params;
using platform::db::text_at;

bool is_pg(soci::session& s) { return s.get_backend_name() == "postgresql"; }

// The analysed tokens of an entry's three weighted fields: title, 文号 with 索引号, body.
struct Analysed {
  std::vector<std::string> title, doc_no, body;
};

std::string joined(const std::vector<std::string>& tokens) {
  std::string out;
  std::size_t n = 0;
  for (const auto& t : tokens) n += t.size() + 1;
  out.reserve(n);
  for (const auto& t : tokens) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

// ---- PostgreSQL passages ----------------------------------------------------------------------------------------

// Body tokens per passage. Small enough that no token comes near PostgreSQL's 256 stored positions per lexeme in one
// tsvector (more are dropped silently, which would lose phrase matches), far below its 16,383 position cap.
constexpr std::size_t kPassageTokens = 2048;
constexpr std::size_t kPassageOverlap = 64;

struct TsvBuilder {
  std::map<std::string, std::string> positions;  // lexeme → "1A,5A,9"
  int next = 1;
  long long tokens = 0;  // positions taken by a lexeme (BM25's passage length)

  // Adds tokens from the next position; a separator token only takes its place (no lexeme).
  void add(const std::vector<std::string>& toks, std::size_t from, std::size_t to, char weight) {
    for (std::size_t k = from; k < to; ++k, ++next) {
      if (toks[k] == kSeparatorToken) continue;
      ++tokens;
      std::string& p = positions[toks[k]];
      if (!p.empty()) p += ',';
      p += std::to_string(next);
      if (weight != 'D') p += weight;
    }
  }
  void gap() { next += 2; }

  std::string literal() const {
    std::string out;
    for (const auto& [lexeme, pos] : positions) {
      if (!out.empty()) out += ' ';
      out += '\'';
      for (char c : lexeme) {
        if (c == '\'') out += '\'';
        if (c == '\\') out += '\\';
        out += c;
      }
      out += "':";
      out += pos;
    }
    return out;
  }
};

struct Passage {
  std::string tsv;  // tsvector literal
  long long tokens = 0;
};

std::vector<Passage> passages(const Analysed& a) {
  std::vector<Passage> out;
  TsvBuilder first;
  first.add(a.title, 0, a.title.size(), 'A');
  first.gap();
  first.add(a.doc_no, 0, a.doc_no.size(), 'B');
  first.gap();
  std::size_t end = std::min(a.body.size(), kPassageTokens);
  first.add(a.body, 0, end, 'D');
  out.push_back({first.literal(), first.tokens});
  while (end < a.body.size()) {
    std::size_t start = end - kPassageOverlap;
    end = std::min(a.body.size(), start + kPassageTokens);
    TsvBuilder p;
    p.add(a.body, start, end, 'D');
    out.push_back({p.literal(), p.tokens});
  }
  return out;
}

// ---- the query --------------------------------------------------------------------------------------------------

std::string id_list(const std::vector<long long>& ids) {
  std::string out;
  for (long long id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out;
}

// Named text parameters collected while the SQL is assembled.
struct Binds {
  std::vector<std::pair<std::string, std::string>> texts;
  std::vector<std::pair<std::string, long long>> ints;
  std::string text(std::string value) {
    std::string name = "t" + std::to_string(texts.size());
    texts.emplace_back(name, std::move(value));
    return ":" + name;
  }
  std::string integer(long long value) {
    std::string name = "i" + std::to_string(ints.size());
    ints.emplace_back(name, value);
    return ":" + name;
  }
  void apply(Params& p) const {
    for (const auto& [n, v] : texts) p.text(n, v);
    for (const auto& [n, v] : ints) p.integer(n, v);
  }
};

std::string filter_sql(const Filters& f, Binds& b) {
  std::string w;
  if (!f.kind.empty()) w += " AND e.kind = " + b.text(f.kind);
  if (!f.unit_ids.empty()) w += " AND e.unit_id IN (" + id_list(f.unit_ids) + ")";
  if (!f.column_ids.empty()) w += " AND e.column_id IN (" + id_list(f.column_ids) + ")";
  if (!f.info_class.empty()) w += " AND e.info_class = " + b.text(f.info_class);
  if (!f.topic.empty()) w += " AND e.topic = " + b.text(f.topic);
  if (f.year_from) w += " AND e.year >= " + b.integer(f.year_from);
  if (f.year_to) w += " AND e.year <= " + b.integer(f.year_to);
  if (!f.validity.empty()) {
    // The validity shown today (disclosure::effective_validity): repeal first, then expiry, then as declared.
    std::string today = b.text(f.today);
    std::string repealed = "(e.validity = 'repealed' OR (e.repealed_on <> '' AND e.repealed_on <= " + today + "))";
    std::string expired = "(e.validity = 'expired' OR (e.expires_on <> '' AND e.expires_on < " + today + "))";
    if (f.validity == "repealed") {
      w += " AND " + repealed;
    } else if (f.validity == "expired") {
      w += " AND NOT " + repealed + " AND " + expired;
    } else {
      w += " AND NOT " + repealed + " AND NOT " + expired + " AND e.validity = " + b.text(f.validity);
    }
  }
  return w;
}

// One tsquery matching a passage that matches any of `phrases` (each already a tsquery literal; an empty one, which
// matches nothing, is left out: "()" is no tsquery).
std::string any_of(const std::vector<std::string>& phrases) {
  std::string out;
  for (const auto& p : phrases) {
    if (!p.empty()) out += (out.empty() ? "(" : " | (") + p + ")";
  }
  return out;
}

// PostgreSQL: the entries matching the query, as conditions on e.id (each group of alternatives is looked up in the
// passages separately, so the terms of a query may sit in different passages of one document). A group is one
// lookup with its alternatives OR-ed in one tsquery, not one per alternative: a question relaxed to its 19 bigrams
// took 19 scans of the passages, each reading every tsvector out of TOAST (130 ms on CMRC's 1,104 passages).
std::string pg_match_sql(const ParsedQuery& q, Binds& b) {
  auto in = [&](const std::string& tsquery) {
    return "e.id IN (SELECT entry_id FROM search_passages WHERE tsv @@ CAST(" + b.text(tsquery) + " AS tsquery))";
  };
  std::string w;
  for (const auto& group : q.all_of) {
    std::vector<std::string> alternatives;
    for (const auto& p : group) alternatives.push_back(to_tsquery(p));
    w += " AND " + in(any_of(alternatives));
  }
  for (const auto& p : q.none_of) w += " AND NOT " + in(to_tsquery(p));
  return w;
}

// PostgreSQL: a phrase's lexemes, all required, their positions ignored ('政府' & '府信' & '信息' for 政府信息). GIN
// answers it from the index alone, where a phrase (<->) makes PostgreSQL read every candidate's tsvector out of
// TOAST to check the positions (人民代表大会常务委员会 at 100,000 documents: 29 ms against 391 ms). It matches every
// passage the phrase matches, and a few where the lexemes stand apart. Empty when the phrase has no lexeme.
std::string loose_tsquery(const Phrase& p) {
  std::string out;
  const auto& toks = p.tokens.tokens;
  for (std::size_t k = 0; k < toks.size(); ++k) {
    if (toks[k] == kSeparatorToken) continue;
    if (!out.empty()) out += " & ";
    out += '\'';
    for (char c : toks[k]) {
      if (c == '\'' || c == '\\') out += '\\';
      out += c;
    }
    out += '\'';
    if (k + 1 == toks.size() && p.tokens.prefix_last) out += ":*";
  }
  return out;
}

// Whether the loose form of the phrase is the phrase itself (one lexeme, or none).
bool loose_is_exact(const Phrase& p) {
  return std::count_if(p.tokens.tokens.begin(), p.tokens.tokens.end(),
                       [](const std::string& t) { return t != kSeparatorToken; }) <= 1;
}

// PostgreSQL: has the rest of the caller's transaction read passages through the GIN index. The planner's costs
// know nothing of TOAST: a term in most passages looks cheapest to find by scanning the small heap, which reads
// every tsvector out of TOAST to test it (政府 at 100,000 documents: 2.3 s, against 75 ms through the index). A
// search's bitmaps and hashes of entry ids get the memory to stay exact at 1,000,000 documents. JIT is off: the
// penalty that steers the planner off sequential scans inflates every cost past jit_above_cost, and compiling
// took 190 ms of a statement that runs in 1 ms.
void prefer_gin(soci::session& s) {
  for_each_row(s,
               "SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true), "
               "set_config('work_mem', '64MB', true)",
               [](Params&) {}, [](const soci::row&) {});
}

std::string score_text(double v) {
  char buf[40];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

constexpr const char* kEntryColumns =
    "e.id, e.kind, e.record_id, e.unit_id, e.column_id, e.info_class, e.topic, e.validity, e.expires_on, "
    "e.repealed_on, e.published_at, e.year, e.title, e.doc_no, e.index_no, b.body";

Entry entry_of(const soci::row& r, std::size_t at) {
  Entry e;
  e.id = int_at(r, at);
  e.kind = text_at(r, at + 1);
  e.record_id = int_at(r, at + 2);
  e.unit_id = int_at(r, at + 3);
  e.column_id = opt_int_at(r, at + 4);
  e.info_class = text_at(r, at + 5);
  e.topic = text_at(r, at + 6);
  e.validity = text_at(r, at + 7);
  e.expires_on = text_at(r, at + 8);
  e.repealed_on = text_at(r, at + 9);
  e.published_at = text_at(r, at + 10);
  e.year = static_cast<int>(int_at(r, at + 11));
  e.title = text_at(r, at + 12);
  e.doc_no = text_at(r, at + 13);
  e.index_no = text_at(r, at + 14);
  e.body = text_at(r, at + 15);
  return e;
}

// A computed score: SQLite reports expressions without a declared type as text, PostgreSQL as a double.
double double_at(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return 0;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_double: return r.get<double>(i);
    case soci::dt_string: {
      std::string t = r.get<std::string>(i);
      double v = 0;
      std::from_chars(t.data(), t.data() + t.size(), v);
      return v;
    }
    default: return static_cast<double>(int_at(r, i));
  }
}

// BM25 on PostgreSQL, shaped as SQLite's FTS5 computes it (k1 1.2, b 0.75), since PostgreSQL has none: ts_rank has
// no inverse document frequency (a question relaxed to its bigrams was ranked by its commonest ones: MRR@10 0.944 on
// CMRC) and divides by 1 + ln length only (0.966). Each phrase's IDF, ln((N − df + ½)/(df + ½)), comes from its
// passage count through the GIN index, all phrases in one statement; N and the average passage length are exact
// below 100,000 passages and estimated above (the planner's row count, a 1 % sample), where counting would cost
// more than the ranking. The frequency f of a phrase is ts_rank's weighted, saturating count (normalisation 0),
// scaled so that one body occurrence is 1 and one in the title 10 (文号 8), as the FTS5 column weights; it then
// saturates against the passage's length over the average: f·(k1 + 1)/(f + k1·(1 − b + b·len/avg)). Counting the
// exact frequency from the tsvector's positions instead (unnest) ranked no better (MRR@10 0.9804 against 0.9803)
// and took 20 % longer. Returns the score expression over `d.t` (the passage's tsvector) and `p.tokens`.
std::string pg_bm25(soci::session& s, const ParsedQuery& q, Binds& b) {
  std::vector<const Phrase*> phrases;
  for (const auto& group : q.all_of) {
    for (const auto& p : group) {
      const auto& toks = p.tokens.tokens;
      if (std::any_of(toks.begin(), toks.end(), [](const std::string& t) { return t != kSeparatorToken; })) {
        phrases.push_back(&p);
      }
    }
  }
  if (phrases.empty()) return "0.0";
  // N and the average length from the small heap (no tsvector read).
  double n = 0, avgdl = 0;
  for_each_row(
      s,
      "SELECT CASE WHEN c.reltuples > 100000 THEN c.reltuples ELSE (SELECT count(*) FROM search_passages) END, "
      "CASE WHEN c.reltuples > 100000 THEN (SELECT avg(tokens) FROM search_passages TABLESAMPLE SYSTEM (1) "
      "REPEATABLE (0)) ELSE (SELECT avg(tokens) FROM search_passages) END FROM pg_class c WHERE c.oid = "
      "CAST('search_passages' AS regclass)",
      [](Params&) {}, [&](const soci::row& r) {
        n = double_at(r, 0);
        avgdl = double_at(r, 1);
      });
  // Each phrase's passage count, from the GIN index alone (its loose form: no tsvector read to check positions;
  // the count of a one-lexeme phrase is exact, a longer phrase's includes the few passages holding its lexemes
  // apart). Counting the phrases themselves read every matching passage's tsvector: 2.3 s for 政府 at 100,000
  // documents. A lone phrase's IDF scales every score alike and changes no order: it is not counted.
  std::vector<double> df(phrases.size(), 0);
  if (phrases.size() > 1) {
    Binds counts;
    std::string sql = "SELECT 0";
    for (const auto* p : phrases) {
      sql += ", (SELECT count(*) FROM search_passages WHERE tsv @@ CAST(" + counts.text(loose_tsquery(*p)) +
             " AS tsquery))";
    }
    prefer_gin(s);
    for_each_row(s, sql, [&](Params& p) { counts.apply(p); }, [&](const soci::row& r) {
      for (std::size_t k = 0; k < phrases.size(); ++k) df[k] = double_at(r, k + 1);
    });
  }
  const std::string norm = "1.2 * (0.25 + 0.75 * p.tokens / " + score_text(std::max(avgdl, 1.0)) + ")";
  std::string score;
  for (std::size_t k = 0; k < phrases.size(); ++k) {
    double idf = std::log((n - df[k] + 0.5) / (df[k] + 0.5));
    if (!(idf > 1e-6)) idf = 1e-6;  // in more than half the passages: still counts, a little (as FTS5)
    std::string f = "(16.4493406685 * ts_rank('{0.1, 0.2, 0.8, 1.0}', d.t, CAST(" + b.text(to_tsquery(*phrases[k])) +
                    " AS tsquery), 0))";
    if (!score.empty()) score += " + ";
    // f·2.2/(f + norm) written with f once (ts_rank is not computed twice); no occurrence (an OR) scores 0.
    score += score_text(idf) + " * COALESCE(2.2 / (1 + " + norm + " / NULLIF(" + f + ", 0)), 0)";
  }
  return score;
}

}  // namespace

namespace {

// The one place an entry's text becomes tokens: indexing, taking an entry out of the SQLite index again and
// re-analysing after an analyser change must all cut the same text the same way.
Analysed analysed_of(const Entry& e) {
  return {tokens(normalise(e.title)), tokens(normalise(e.doc_no + " " + e.index_no)), tokens(normalise(e.body))};
}

// The stored entry of a record with its body (the text its tokens were made from).
std::optional<Entry> stored(soci::session& s, const std::string& kind, long long record_id) {
  std::optional<Entry> out;
  for_each_row(
      s,
      std::string("SELECT ") + kEntryColumns +
          " FROM search_entries e LEFT JOIN search_bodies b ON b.entry_id = e.id WHERE e.kind = :k AND e.record_id = :r",
      [&](Params& p) { p.text("k", kind).integer("r", record_id); }, [&](const soci::row& r) { out = entry_of(r, 0); });
  return out;
}

bool same_text(const Entry& a, const Entry& b) {
  return a.title == b.title && a.doc_no == b.doc_no && a.index_no == b.index_no && a.body == b.body;
}

// Every write checks that the index was analysed by this process's analyser: the SQLite index keeps no copy of its
// tokens (contentless FTS5, migration 0056) and takes an entry out by being told its tokens again, which only this
// analyser's fingerprint guarantees. An unstamped index (empty, or made before the stamp) takes this analyser's.
void check_analyser(soci::session& s) {
  std::string stamp = analyser(s);
  if (stamp == analyser_fingerprint()) return;
  if (!stamp.empty()) {
    throw std::runtime_error("检索索引由另一版本的文本分析器建立（" + stamp + "，本程序为 " + analyser_fingerprint() +
                             "）：请重启服务，启动时会用当前分析器重建全文索引。");
  }
  execute(s, "UPDATE search_state SET analyser = :a WHERE id = 1", [&](Params& p) { p.text("a", analyser_fingerprint()); });
}

// The entry's full-text rows. SQLite: FTS5 'delete' is told the tokens the row was inserted with.
void write_fulltext(soci::session& s, long long id, const Entry& e) {
  Analysed a = analysed_of(e);
  if (is_pg(s)) {
    execute(s, "DELETE FROM search_passages WHERE entry_id = :id", [&](Params& p) { p.integer("id", id); });
    auto ps = passages(a);
    for (std::size_t k = 0; k < ps.size(); ++k) {
      execute(s,
              "INSERT INTO search_passages (entry_id, passage_no, tsv, tokens) VALUES (:id, :n, CAST(:t AS tsvector), "
              ":l)",
              [&](Params& p) {
                p.integer("id", id).integer("n", static_cast<long long>(k)).text("t", ps[k].tsv).integer("l", ps[k].tokens);
              });
    }
    return;
  }
  execute(s, "INSERT INTO search_fts (rowid, title, doc_no, body) VALUES (:id, :t, :d, :b)", [&](Params& p) {
    p.integer("id", id).text("t", joined(a.title)).text("d", joined(a.doc_no)).text("b", joined(a.body));
  });
}

void remove_fulltext(soci::session& s, const Entry& old) {
  if (is_pg(s)) {
    execute(s, "DELETE FROM search_passages WHERE entry_id = :id", [&](Params& p) { p.integer("id", old.id); });
    return;
  }
  Analysed a = analysed_of(old);
  execute(s, "INSERT INTO search_fts (search_fts, rowid, title, doc_no, body) VALUES ('delete', :id, :t, :d, :b)",
          [&](Params& p) {
            p.integer("id", old.id).text("t", joined(a.title)).text("d", joined(a.doc_no)).text("b", joined(a.body));
          });
}

}  // namespace

long long put(soci::session& s, const Entry& e, const std::string& now) {
  check_analyser(s);
  std::optional<Entry> old = stored(s, e.kind, e.record_id);
  // The entry's facet group: its combination of facet values, created the first time it is seen.
  auto group_values = [&](Params& p) {
    p.integer("u", e.unit_id)
        .integer("c", e.column_id.value_or(0))
        .text("k", e.kind)
        .text("cl", e.info_class)
        .text("tp", e.topic)
        .text("v", e.validity)
        .text("ex", e.expires_on)
        .text("re", e.repealed_on)
        .integer("y", e.year);
  };
  execute(s,
          "INSERT INTO search_facet_groups (unit_id, column_id, kind, info_class, topic, validity, expires_on, "
          "repealed_on, year) VALUES (:u, :c, :k, :cl, :tp, :v, :ex, :re, :y) ON CONFLICT DO NOTHING",
          group_values);
  long long group = 0;
  for_each_row(
      s,
      "SELECT id FROM search_facet_groups WHERE unit_id = :u AND column_id = :c AND kind = :k AND info_class = :cl AND "
      "topic = :tp AND validity = :v AND expires_on = :ex AND repealed_on = :re AND year = :y",
      group_values, [&](const soci::row& r) { group = int_at(r, 0); });
  long long id = 0;
  {
    soci::statement st(s);
    Params p(st);
    p.text("k", e.kind)
        .integer("r", e.record_id)
        .integer("u", e.unit_id)
        .opt_integer("c", e.column_id)
        .text("cl", e.info_class)
        .text("tp", e.topic)
        .text("v", e.validity)
        .text("ex", e.expires_on)
        .text("re", e.repealed_on)
        .text("pa", e.published_at)
        .integer("y", e.year)
        .text("ti", e.title)
        .text("tk", title_key(e.title))
        .text("dn", e.doc_no)
        .text("ix", e.index_no)
        .integer("fg", group)
        .text("now", now);
    st.exchange(soci::into(id));
    platform::db::run(st,
                      "INSERT INTO search_entries (kind, record_id, unit_id, column_id, info_class, topic, validity, "
                      "expires_on, repealed_on, published_at, year, title, title_key, doc_no, index_no, facet_group, "
                      "indexed_at) VALUES (:k, :r, :u, :c, :cl, :tp, :v, :ex, :re, :pa, :y, :ti, :tk, :dn, :ix, :fg, :now) "
                      "ON CONFLICT (kind, record_id) DO UPDATE SET unit_id = excluded.unit_id, column_id = "
                      "excluded.column_id, info_class = excluded.info_class, topic = excluded.topic, validity = "
                      "excluded.validity, expires_on = excluded.expires_on, repealed_on = excluded.repealed_on, "
                      "published_at = excluded.published_at, year = excluded.year, title = excluded.title, title_key = "
                      "excluded.title_key, doc_no = "
                      "excluded.doc_no, index_no = excluded.index_no, facet_group = excluded.facet_group, indexed_at = "
                      "excluded.indexed_at RETURNING id");
  }
  execute(s,
          "INSERT INTO search_bodies (entry_id, body) VALUES (:id, :b) ON CONFLICT (entry_id) DO UPDATE SET body = "
          "excluded.body",
          [&](Params& p) { p.integer("id", id).text("b", e.body); });
  // Unchanged text keeps its full-text rows (a reindex re-puts every public record; most have not changed).
  if (old && same_text(*old, e)) return id;
  if (old) remove_fulltext(s, *old);
  write_fulltext(s, id, e);
  return id;
}

void remove(soci::session& s, const std::string& kind, long long record_id) {
  check_analyser(s);
  std::optional<Entry> old = stored(s, kind, record_id);
  if (!old) return;
  remove_fulltext(s, *old);
  execute(s, "DELETE FROM search_bodies WHERE entry_id = :id", [&](Params& p) { p.integer("id", old->id); });
  execute(s, "DELETE FROM search_entries WHERE id = :id", [&](Params& p) { p.integer("id", old->id); });
}

std::string analyser(soci::session& s) {
  std::string a;
  for_each_row(s, "SELECT analyser FROM search_state WHERE id = 1", [](Params&) {},
               [&](const soci::row& r) { a = text_at(r, 0); });
  return a;
}

void reanalyse_all(soci::session& s, const std::function<void(long long, long long)>& progress) {
  long long total = 0;
  for_each_row(s, "SELECT COUNT(*) FROM search_entries", [](Params&) {}, [&](const soci::row& r) { total = int_at(r, 0); });
  // SQLite: the old tokens cannot be told again (the analyser that made them is gone), so the whole FTS5 index goes.
  if (!is_pg(s)) execute(s, "INSERT INTO search_fts (search_fts) VALUES ('delete-all')", [](Params&) {});
  long long done = 0, after = 0;
  for (;;) {
    std::vector<Entry> batch;
    for_each_row(
        s,
        std::string("SELECT ") + kEntryColumns +
            " FROM search_entries e LEFT JOIN search_bodies b ON b.entry_id = e.id WHERE e.id > :a ORDER BY e.id LIMIT 500",
        [&](Params& p) { p.integer("a", after); }, [&](const soci::row& r) { batch.push_back(entry_of(r, 0)); });
    if (batch.empty()) break;
    for (const auto& e : batch) write_fulltext(s, e.id, e);
    after = batch.back().id;
    done += static_cast<long long>(batch.size());
    if (progress) progress(done, total);
  }
  execute(s, "UPDATE search_state SET analyser = :a WHERE id = 1", [&](Params& p) { p.text("a", analyser_fingerprint()); });
}

void clear(soci::session& s) {
  if (is_pg(s)) {
    execute(s, "DELETE FROM search_passages", [](Params&) {});
  } else {
    execute(s, "INSERT INTO search_fts (search_fts) VALUES ('delete-all')", [](Params&) {});
  }
  execute(s, "DELETE FROM search_bodies", [](Params&) {});
  execute(s, "DELETE FROM search_entries", [](Params&) {});
  execute(s, "DELETE FROM search_facet_groups", [](Params&) {});
}

void prune_facet_groups(soci::session& s) {
  // NOT IN over one pass of the entries (a hashed set on both backends), not a probe of the entries per group.
  execute(s, "DELETE FROM search_facet_groups WHERE id NOT IN (SELECT DISTINCT facet_group FROM search_entries)",
          [](Params&) {});
}

long long generation(soci::session& s) {
  long long g = 0;
  for_each_row(s, "SELECT generation FROM search_state WHERE id = 1", [](Params&) {},
               [&](const soci::row& r) { g = int_at(r, 0); });
  return g;
}

std::vector<long long> record_ids(soci::session& s, const std::string& kind) {
  std::vector<long long> out;
  for_each_row(
      s, "SELECT record_id FROM search_entries WHERE kind = :k ORDER BY record_id", [&](Params& p) { p.text("k", kind); },
      [&](const soci::row& r) { out.push_back(int_at(r, 0)); });
  return out;
}

namespace {

// Relevance: a document whose whole title is the query comes first (known-item search: people type titles). An
// empty key (a query of punctuation, or the relaxed form of a question) boosts nothing: untitled entries must not
// jump ahead of every real match. Subtracted from a score (smaller ranks higher).
std::string exact_title_boost(const ParsedQuery& q, Binds& b) {
  if (q.title_key.empty()) return "0.0";
  return "(CASE WHEN e.title_key = " + b.text(q.title_key) + " THEN 1000000.0 ELSE 0.0 END)";
}

void ensure_rank_function(soci::session& s);  // gongkai_bm25, below

// PostgreSQL: the score of entry `e` (as search() ranks it: smaller first) — its best passage's BM25, as a double
// (ts_rank is a float4) so that the score the cursor carries is the one compared, less the exact title's boost.
// Only passages holding a phrase count (one holding a phrase's lexemes apart scores with ts_rank, which ignores
// positions). Each tsvector is copied out of TOAST once (the concatenation, kept from being inlined by OFFSET 0),
// not once per ts_rank call.
std::string pg_score(soci::session& s, const ParsedQuery& q, Binds& b) {
  std::vector<std::string> phrases;
  for (const auto& group : q.all_of) {
    for (const auto& p : group) phrases.push_back(to_tsquery(p));
  }
  std::string any = any_of(phrases);
  if (any.empty()) return "CAST(0.0 AS DOUBLE PRECISION) - " + exact_title_boost(q, b);
  return "CAST(-COALESCE((SELECT MAX(" + pg_bm25(s, q, b) + ") FROM search_passages p CROSS JOIN LATERAL (SELECT p.tsv || "
         "CAST('' AS tsvector) AS t OFFSET 0) d WHERE p.entry_id = e.id AND d.t @@ CAST(" + b.text(any) +
         " AS tsquery)), 0) AS DOUBLE PRECISION) - " + exact_title_boost(q, b);
}

// SELECT id, score, published_at (and the columns `more` adds: ", e.x AS x") of every match, with the filters.
// `frequencies`: SQLite, every phrase's document frequency when the caller knows it (see search()).
std::string ranked_sql(soci::session& s, const ParsedQuery& q, const Filters& f, Sort sort, Binds& b,
                       const std::string& more = "", const std::vector<double>& frequencies = {}) {
  if (is_pg(s)) {
    prefer_gin(s);
    std::string score = sort == Sort::relevance ? pg_score(s, q, b) : "0.0";
    return "SELECT e.id AS id, " + score + " AS score, e.published_at AS published_at" + more +
           " FROM search_entries e WHERE 1 = 1" + pg_match_sql(q, b) + filter_sql(f, b);
  }
  // bm25 column weights: title 10, 文号/索引号 8, body 1 (smaller is better). CROSS JOIN keeps the full-text index
  // the outer loop: with a unit filter the planner once drove from the unit index and asked FTS5 for each of its
  // rows (2.3 s for 规定 in one unit of 20,000 documents, against 50 ms).
  std::string score = "0.0";
  if (sort == Sort::relevance && frequencies.empty()) {
    score = "bm25(search_fts, 10.0, 8.0, 1.0) - " + exact_title_boost(q, b);
  } else if (sort == Sort::relevance) {
    ensure_rank_function(s);
    std::string dfs;
    for (double df : frequencies) dfs += ", " + score_text(df);
    score = "gongkai_bm25(search_fts, 10.0, 8.0, 1.0" + dfs + ") - " + exact_title_boost(q, b);
  }
  return "SELECT e.id AS id, " + score + " AS score, e.published_at AS published_at" + more +
         " FROM search_fts CROSS JOIN search_entries e ON e.id = search_fts.rowid WHERE search_fts MATCH " +
         b.text(to_fts5(q)) + filter_sql(f, b);
}

std::string page_order(Sort sort) {
  return sort == Sort::date ? " ORDER BY m.published_at DESC, m.id DESC"
                            : " ORDER BY m.score, m.published_at DESC, m.id DESC";
}

// The entries (bodies included) of a page of (id, score), in its order: the ranking carries only ids and scores.
std::vector<Hit> hits_of(soci::session& s, const std::vector<std::pair<long long, double>>& ids) {
  std::vector<Hit> hits;
  if (ids.empty()) return hits;
  std::vector<long long> only;
  for (const auto& [id, _] : ids) only.push_back(id);
  std::map<long long, Entry> entries;
  for_each_row(
      s, std::string("SELECT ") + kEntryColumns + " FROM search_entries e LEFT JOIN search_bodies b ON b.entry_id = e.id "
             "WHERE e.id IN (" + id_list(only) + ")",
      [](Params&) {}, [&](const soci::row& r) {
        Entry e = entry_of(r, 0);
        entries.emplace(e.id, std::move(e));
      });
  for (const auto& [id, score] : ids) {
    auto it = entries.find(id);
    if (it != entries.end()) hits.push_back(Hit{std::move(it->second), score});
  }
  return hits;
}

MatchFacets facets_of(const soci::row& r, std::size_t at) {
  MatchFacets m;
  m.unit_id = int_at(r, at);
  m.column_id = opt_int_at(r, at + 1);
  m.kind = text_at(r, at + 2);
  m.info_class = text_at(r, at + 3);
  m.topic = text_at(r, at + 4);
  m.validity = text_at(r, at + 5);
  m.expires_on = text_at(r, at + 6);
  m.repealed_on = text_at(r, at + 7);
  m.year = static_cast<int>(int_at(r, at + 8));
  m.count = int_at(r, at + 9);
  return m;
}

}  // namespace

std::vector<Hit> search(soci::session& s, const ParsedQuery& q, const Filters& f, Sort sort,
                        const std::optional<Cursor>& after, int limit, const std::vector<double>& frequencies) {
  Binds b;
  std::string ranked = ranked_sql(s, q, f, sort, b, "", is_pg(s) ? std::vector<double>{} : frequencies);
  std::string cursor;
  if (after) {
    std::string pa = b.text(after->published_at);
    std::string id = b.integer(after->entry_id);
    std::string newer = "(m.published_at < " + pa + " OR (m.published_at = " + pa + " AND m.id < " + id + "))";
    if (sort == Sort::date) {
      cursor = " WHERE " + newer;
    } else {
      // Ties are scores equal within a relative 1e-9: the score makes a round trip through text (the cursor in
      // the URL, the drivers), which may move its last digit, while real differences in BM25 are far larger.
      double eps = std::max(std::abs(after->score) * 1e-9, 1e-300);
      auto as_real = [&](double v) {
        return "CAST(" + b.text(score_text(v)) + (is_pg(s) ? " AS DOUBLE PRECISION)" : " AS REAL)");
      };
      std::string lo = as_real(after->score - eps), hi = as_real(after->score + eps);
      cursor = " WHERE (m.score > " + hi + " OR (m.score >= " + lo + " AND m.score <= " + hi + " AND " + newer + "))";
    }
  }
  // SQLite hands a computed REAL over as text with 15 digits: print all 17, so the cursor holds the exact score.
  std::string score_col = is_pg(s) ? "m.score" : "printf('%!.17g', m.score)";
  std::string sql = "SELECT m.id, " + score_col + " FROM (" + ranked + ") m" + cursor + page_order(sort) + " LIMIT " +
                    b.integer(limit);
  std::vector<std::pair<long long, double>> ids;
  for_each_row(s, sql, [&](Params& p) { b.apply(p); },
               [&](const soci::row& r) { ids.emplace_back(int_at(r, 0), double_at(r, 1)); });
  return hits_of(s, ids);
}

std::vector<MatchFacets> match_facets(soci::session& s, const ParsedQuery& q, const Filters& f) {
  // Counted by facet group (one integer per match), then the few groups joined to their values.
  Binds b;
  std::string sql = "SELECT g.unit_id, NULLIF(g.column_id, 0), g.kind, g.info_class, g.topic, g.validity, g.expires_on, "
                    "g.repealed_on, g.year, c.n FROM (SELECT m.facet_group AS fg, COUNT(*) AS n FROM (" +
                    ranked_sql(s, q, f, Sort::date, b, ", e.facet_group AS facet_group") +
                    ") m GROUP BY m.facet_group) c JOIN search_facet_groups g ON g.id = c.fg";
  std::vector<MatchFacets> out;
  for_each_row(s, sql, [&](Params& p) { b.apply(p); }, [&](const soci::row& r) { out.push_back(facets_of(r, 0)); });
  return out;
}

long long total_of(const std::vector<MatchFacets>& groups) {
  long long n = 0;
  for (const auto& g : groups) n += g.count;
  return n;
}

// ---- searches with more matches than one search may visit ------------------------------------------------------

namespace {
using namespace sqlite_api;  // SOCI wraps SQLite's C API (FTS5's included) in this namespace

struct RankData {
  std::vector<double> idf, freq;
  double avgdl = 1;
};

// gongkai_bm25(search_fts, w_title, w_doc_no, w_body, df_0, df_1, …): FTS5's bm25() — k1 1.2, b 0.75, column
// weights, IDF ln((N − df + ½)/(df + ½)) clamped at 1e-6, length against the average — with each phrase's document
// frequency given rather than counted. bm25() counts it by reading the phrase's whole doclist once per statement:
// at 1,000,000 documents that alone takes longer than a search may. Given exact frequencies, it scores as bm25()
// does (store_test compares them row by row).
void rank_function(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int n, sqlite3_value** v) {
  auto* d = static_cast<RankData*>(api->xGetAuxdata(fts, 0));
  const int phrases = api->xPhraseCount(fts);
  int rc = SQLITE_OK;
  if (!d) {
    auto fresh = std::make_unique<RankData>();
    sqlite3_int64 rows = 0, tokens = 0;
    rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
    if (rc != SQLITE_OK) return sqlite3_result_error_code(ctx, rc);
    if (rows > 0 && tokens > 0) fresh->avgdl = static_cast<double>(tokens) / static_cast<double>(rows);
    for (int i = 0; i < phrases; ++i) {
      double df = 3 + i < n ? sqlite3_value_double(v[3 + i]) : 0;
      double idf = std::log((static_cast<double>(rows) - df + 0.5) / (df + 0.5));
      fresh->idf.push_back(idf > 0.0 ? idf : 1e-6);
    }
    fresh->freq.assign(static_cast<std::size_t>(phrases), 0.0);
    d = fresh.get();
    // On failure SQLite has already deleted it.
    rc = api->xSetAuxdata(fts, fresh.release(), [](void* p) { delete static_cast<RankData*>(p); });
    if (rc != SQLITE_OK) return sqlite3_result_error_code(ctx, rc);
  }
  std::fill(d->freq.begin(), d->freq.end(), 0.0);
  int inst = 0;
  rc = api->xInstCount(fts, &inst);
  for (int i = 0; rc == SQLITE_OK && i < inst; ++i) {
    int phrase = 0, column = 0, offset = 0;
    rc = api->xInst(fts, i, &phrase, &column, &offset);
    if (rc == SQLITE_OK && phrase >= 0 && phrase < phrases) {
      d->freq[static_cast<std::size_t>(phrase)] += column < 3 && column < n ? sqlite3_value_double(v[column]) : 1.0;
    }
  }
  int length = 0;
  if (rc == SQLITE_OK) rc = api->xColumnSize(fts, -1, &length);
  if (rc != SQLITE_OK) return sqlite3_result_error_code(ctx, rc);
  // Written as fts5_aux.c writes it, so that equal inputs give bit-equal scores.
  const double k1 = 1.2, b = 0.75;
  const double norm = k1 * (1 - b + b * length / d->avgdl);
  double score = 0;
  for (std::size_t i = 0; i < d->freq.size(); ++i) score += d->idf[i] * ((d->freq[i] * (k1 + 1.0)) / (d->freq[i] + norm));
  sqlite3_result_double(ctx, -score);
}

// Registers gongkai_bm25 on the session's connection the first time it is needed there; a scalar marker function
// tells whether this connection has it (one prepare, a few microseconds).
void ensure_rank_function(soci::session& s) {
  sqlite3* db = static_cast<soci::sqlite3_session_backend*>(s.get_backend())->conn_;
  sqlite3_stmt* st = nullptr;
  int rc = sqlite3_prepare_v2(db, "SELECT gongkai_bm25_ready()", -1, &st, nullptr);
  sqlite3_finalize(st);
  if (rc == SQLITE_OK) return;
  fts5_api* api = nullptr;
  st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) == SQLITE_OK) {
    sqlite3_bind_pointer(st, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(st);
  }
  sqlite3_finalize(st);
  if (!api || api->iVersion < 2 || api->xCreateFunction(api, "gongkai_bm25", nullptr, &rank_function, nullptr) != SQLITE_OK ||
      sqlite3_create_function_v2(
          db, "gongkai_bm25_ready", 0, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
          [](sqlite3_context* c, int, sqlite3_value**) { sqlite3_result_int(c, 1); }, nullptr, nullptr, nullptr) != SQLITE_OK) {
    throw std::runtime_error("无法在 SQLite 连接上注册检索排序函数（需要 FTS5）");
  }
}

// Runs a statement of the sample on the session's SQLite connection directly: SOCI's dynamic rows cost about
// 2.5 µs a row (every value converted through text), as much as ranking it, over thousands of sampled rows.
class RawRow {
 public:
  explicit RawRow(sqlite3_stmt* st) : st_(st) {}
  long long integer(int i) const { return sqlite3_column_int64(st_, i); }
  double real(int i) const { return sqlite3_column_double(st_, i); }
  std::string text(int i) const {
    const auto* p = sqlite3_column_text(st_, i);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(st_, i)))
             : std::string();
  }

 private:
  sqlite3_stmt* st_;
};

template <class F>
void raw_rows(soci::session& s, const std::string& sql, const Binds& b, F&& fn) {
  sqlite3* db = static_cast<soci::sqlite3_session_backend*>(s.get_backend())->conn_;
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &raw, nullptr) != SQLITE_OK) {
    std::string why = sqlite3_errmsg(db);
    sqlite3_finalize(raw);
    throw std::runtime_error("search sample: " + why);
  }
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> st(raw, sqlite3_finalize);
  for (const auto& [name, value] : b.texts) {
    int i = sqlite3_bind_parameter_index(raw, (":" + name).c_str());
    if (i > 0) sqlite3_bind_text(raw, i, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  }
  for (const auto& [name, value] : b.ints) {
    int i = sqlite3_bind_parameter_index(raw, (":" + name).c_str());
    if (i > 0) sqlite3_bind_int64(raw, i, value);
  }
  RawRow row(raw);
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW) fn(row);
  if (rc != SQLITE_DONE) throw std::runtime_error(std::string("search sample: ") + sqlite3_errmsg(db));
}

// A slice [lo, hi) of the entry ids and what the sample found in it: `found` matches, the last at id `last`.
struct Stripe {
  long long lo = 0, hi = 0, found = 0, last = 0;
};

std::vector<Stripe> stripes_over(long long lo, long long hi, int n) {
  std::vector<Stripe> out;
  long long width = std::max<long long>(1, (hi - lo + n) / n);
  for (long long a = lo; a <= hi; a += width) out.push_back(Stripe{a, std::min(hi + 1, a + width), 0, 0});
  return out;
}

// The slice's matches: exact when it held fewer than `per` of them; else the `per` found over the ids they spanned,
// times the slice's width (matches are spread evenly enough over ids for a count shown as "about").
double stripe_estimate(const Stripe& st, int per) {
  if (st.found < per) return static_cast<double>(st.found);
  return static_cast<double>(per) * static_cast<double>(st.hi - st.lo) / static_cast<double>(st.last - st.lo + 1);
}

// The ids of the index's entries, lowest and highest (nothing when it is empty).
std::optional<std::pair<long long, long long>> id_span(soci::session& s) {
  std::optional<std::pair<long long, long long>> out;
  // Two subqueries: SQLite reads one end of the primary key for a lone MIN() or MAX(), but scans the whole table
  // for both in one select (160 ms at 1,000,000 entries).
  for_each_row(s, "SELECT (SELECT MIN(id) FROM search_entries), (SELECT MAX(id) FROM search_entries)", [](Params&) {},
               [&](const soci::row& r) {
    if (r.get_indicator(0) != soci::i_null) out.emplace(int_at(r, 0), int_at(r, 1));
  });
  return out;
}

// One arm of a UNION ALL: the first `per` matches (in id order) within [lo, hi) selected by `select`.
std::string slice_sql(const std::string& select, const std::string& where, long long k, long long lo, long long hi,
                      int per) {
  return "SELECT * FROM (SELECT " + std::to_string(k) + " AS k, " + select + where + " AND search_fts.rowid >= " +
         std::to_string(lo) + " AND search_fts.rowid < " + std::to_string(hi) + " ORDER BY search_fts.rowid LIMIT " +
         std::to_string(per) + ")";
}

// A phrase's document frequency, estimated from a sample of its matches in `stripes` slices of the ids.
double phrase_frequency(soci::session& s, const Phrase& p, long long lo, long long hi, int stripes, int per) {
  Binds b;
  std::string match = b.text(fts5_phrase(p));
  auto slices = stripes_over(lo, hi, stripes);
  std::string sql;
  for (std::size_t k = 0; k < slices.size(); ++k) {
    if (!sql.empty()) sql += " UNION ALL ";
    sql += slice_sql("search_fts.rowid AS r FROM search_fts", " WHERE search_fts MATCH " + match,
                     static_cast<long long>(k), slices[k].lo, slices[k].hi, per);
  }
  raw_rows(s, sql, b, [&](const RawRow& r) {
    auto& st = slices[static_cast<std::size_t>(r.integer(0))];
    ++st.found;
    st.last = std::max(st.last, r.integer(1));
  });
  double df = 0;
  for (const auto& st : slices) df += stripe_estimate(st, per);
  return df;
}

// The facet groups of `counts` (group id → matches), each with its count rounded (at least 1: a group the sample
// saw has a match).
std::vector<MatchFacets> facet_groups(soci::session& s, const std::map<long long, double>& counts) {
  std::vector<MatchFacets> out;
  if (counts.empty()) return out;
  std::vector<long long> ids;
  for (const auto& [g, _] : counts) ids.push_back(g);
  for_each_row(s,
               "SELECT unit_id, NULLIF(column_id, 0), kind, info_class, topic, validity, expires_on, repealed_on, year, id "
               "FROM search_facet_groups WHERE id IN (" + id_list(ids) + ")",
               [](Params&) {}, [&](const soci::row& r) {
                 MatchFacets m = facets_of(r, 0);  // its count column is the group's id here
                 m.count = std::max<long long>(1, std::llround(counts.at(int_at(r, 9))));
                 out.push_back(std::move(m));
               });
  return out;
}

// Whether `c` comes after the cursor in the page order (as search()'s SQL decides it, ties within 1e-9).
bool after_cursor(const Candidate& c, const Cursor& a, Sort sort) {
  bool newer_later = c.published_at < a.published_at || (c.published_at == a.published_at && c.id < a.entry_id);
  if (sort == Sort::date) return newer_later;
  double eps = std::max(std::abs(a.score) * 1e-9, 1e-300);
  if (c.score > a.score + eps) return true;
  return c.score >= a.score - eps && c.score <= a.score + eps && newer_later;
}

}  // namespace

Sample sample(soci::session& s, const ParsedQuery& q, const Filters& f, Sort sort, const Sampling& sampling) {
  if (is_pg(s)) throw std::logic_error("store::sample is SQLite's");
  Sample out;
  out.scored = sort == Sort::relevance;
  auto span = id_span(s);
  if (!span) return out;
  const auto [lo, hi] = *span;
  const int per = std::max(1, sampling.per_stripe);
  ensure_rank_function(s);

  Binds b;
  std::string score = "0.0";
  if (sort == Sort::relevance) {
    // Each phrase's document frequency (in to_fts5's order of phrases; excluded ones never occur in a match). With
    // one phrase its IDF only scales every score alike, which changes no order: it is not estimated (0).
    std::size_t positive = 0;
    for (const auto& group : q.all_of) positive += group.size();
    std::string dfs;
    for (const auto& group : q.all_of) {
      for (const auto& p : group) dfs += ", " + score_text(positive > 1 ? phrase_frequency(s, p, lo, hi, 16, 32) : 0.0);
    }
    for (std::size_t k = 0; k < q.none_of.size(); ++k) dfs += ", 0.0";
    score = "gongkai_bm25(search_fts, 10.0, 8.0, 1.0" + dfs + ") - " + exact_title_boost(q, b);
  }
  const std::string match = b.text(to_fts5(q));
  const std::string select = "e.id AS id, " + score + " AS score, e.published_at AS published_at, e.facet_group AS fg "
                             "FROM search_fts CROSS JOIN search_entries e ON e.id = search_fts.rowid";
  const std::string where = " WHERE search_fts MATCH " + match + filter_sql(f, b);
  auto slices = stripes_over(lo, hi, std::max(1, sampling.stripes));
  std::string sql;
  for (std::size_t k = 0; k < slices.size(); ++k) {
    if (!sql.empty()) sql += " UNION ALL ";
    sql += slice_sql(select, where, static_cast<long long>(k), slices[k].lo, slices[k].hi, per);
  }
  // The most recently indexed matches (recent editions are preferred on ties, and sorting by date needs them), and
  // every entry whose whole title is the query (known-item search: it ranks first, as in search()).
  sql += " UNION ALL SELECT * FROM (SELECT -1 AS k, " + select + where + " ORDER BY search_fts.rowid DESC LIMIT " +
         std::to_string(std::max(0, sampling.newest)) + ")";
  if (!q.title_key.empty()) {
    sql += " UNION ALL SELECT * FROM (SELECT -2 AS k, " + select + where +
           " AND search_fts.rowid IN (SELECT id FROM search_entries WHERE title_key = " + b.text(q.title_key) + "))";
  }
  std::vector<Candidate>& candidates = out.candidates;
  std::unordered_set<long long> seen;
  std::vector<std::pair<std::size_t, long long>> sampled;  // (slice, facet group) of every sampled match
  raw_rows(s, sql, b, [&](const RawRow& r) {
    long long k = r.integer(0), id = r.integer(1);
    if (k >= 0) {
      auto& st = slices[static_cast<std::size_t>(k)];
      ++st.found;
      st.last = std::max(st.last, id);
      sampled.emplace_back(static_cast<std::size_t>(k), r.integer(4));
    }
    if (seen.insert(id).second) candidates.push_back(Candidate{id, r.real(2), r.text(3)});
  });

  // Counts: each sampled match stands for its slice's estimate over what the slice gave.
  std::vector<double> weight(slices.size(), 0);
  double total = 0;
  for (std::size_t k = 0; k < slices.size(); ++k) {
    double e = stripe_estimate(slices[k], per);
    total += e;
    if (slices[k].found > 0) weight[k] = e / static_cast<double>(slices[k].found);
  }
  std::map<long long, double> by_group;
  for (const auto& [k, g] : sampled) by_group[g] += weight[k];
  out.groups = facet_groups(s, by_group);
  out.total = std::llround(total);
  return out;
}

std::optional<Sample> matches_up_to(soci::session& s, const ParsedQuery& q, const Filters& f, long long cap) {
  if (is_pg(s)) throw std::logic_error("store::matches_up_to is SQLite's");
  Binds b;
  const std::string match = b.text(to_fts5(q));
  const std::string filters = filter_sql(f, b);
  // Without filters the entries are not joined: beyond the bound (the common case at scale) only the full-text
  // index is read.
  std::string sql = filters.empty() ? "SELECT search_fts.rowid FROM search_fts WHERE search_fts MATCH " + match
                                    : "SELECT e.id FROM search_fts CROSS JOIN search_entries e ON e.id = search_fts.rowid "
                                      "WHERE search_fts MATCH " + match + filters;
  cap = std::max(0LL, cap);
  sql += " LIMIT " + std::to_string(cap < std::numeric_limits<long long>::max() ? cap + 1 : cap);
  std::vector<long long> ids;
  raw_rows(s, sql, b, [&](const RawRow& r) { ids.push_back(r.integer(0)); });
  if (static_cast<long long>(ids.size()) > cap) return std::nullopt;
  Sample out;
  std::map<long long, double> by_group;
  // By key, a few thousand at a time (an operator may set a bound far above the default).
  constexpr std::size_t kChunk = 4096;
  for (std::size_t k = 0; k < ids.size(); k += kChunk) {
    std::vector<long long> chunk(ids.begin() + static_cast<std::ptrdiff_t>(k),
                                 ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), k + kChunk)));
    raw_rows(s, "SELECT id, published_at, facet_group FROM search_entries WHERE id IN (" + id_list(chunk) + ")", Binds{},
             [&](const RawRow& r) {
               out.candidates.push_back(Candidate{r.integer(0), 0.0, r.text(1)});
               by_group[r.integer(2)] += 1;
             });
  }
  out.groups = facet_groups(s, by_group);
  out.total = static_cast<long long>(out.candidates.size());
  out.exact = true;
  return out;
}

namespace {

// PostgreSQL: SELECT entry_id … of the entries holding, in some passage, the lexemes of one of each group's phrases
// (their loose form) and no excluded phrase (exactly: loosened, an exclusion would drop entries that match),
// through the GIN index alone, one bitmap per group intersected. A superset of the matches. Nothing when a group has
// nothing to look up (then nothing matches).
std::optional<std::string> pg_loose_entries_sql(const ParsedQuery& q, Binds& b) {
  std::string sql;
  for (const auto& group : q.all_of) {
    std::vector<std::string> alternatives;
    for (const auto& p : group) alternatives.push_back(loose_tsquery(p));
    std::string any = any_of(alternatives);
    if (any.empty()) return std::nullopt;
    if (!sql.empty()) sql += " INTERSECT ";
    sql += "SELECT entry_id FROM search_passages WHERE tsv @@ CAST(" + b.text(any) + " AS tsquery)";
  }
  if (sql.empty()) return std::nullopt;
  for (const auto& p : q.none_of) {
    std::string x = to_tsquery(p);
    if (!x.empty()) sql += " EXCEPT SELECT entry_id FROM search_passages WHERE tsv @@ CAST(" + b.text(x) + " AS tsquery)";
  }
  return sql;
}

struct Checked {
  Candidate candidate;
  long long facet_group = 0;
};

// PostgreSQL: those of `ids` that match the query exactly (phrases with their positions; the filters were applied
// when they were listed), scored as search() scores them when sorting by relevance, with their facet groups. Each
// passage's tsvector is read out of TOAST once (copied: the OFFSET 0 keeps the concatenation from being inlined
// into every use) and every test and ts_rank runs on the copy.
//  * `every_passage`: for a query of one group without exclusions or filters, every loose match (`ids` unused);
//    the passages to read are then exactly those the GIN index gives for the group's loose form (消费者权益保护 at
//    100,000 documents: 2,510 passages, where its 1,950 entries have 11,450).
//  * Otherwise each entry's passages are read by key, 4,096 entries at a time: a phrase's matches through GIN would
//    be every candidate passage in the index, each checked (280 ms for 人民代表大会常务委员会), and the planner,
//    which puts a phrase at one row, does just that.
std::vector<Checked> pg_check(soci::session& s, const ParsedQuery& q, Sort sort, const std::vector<long long>& ids,
                              bool every_passage) {
  std::vector<Checked> out;
  if (ids.empty() && !every_passage) return out;
  Binds b;
  std::vector<std::string> positive;
  for (const auto& group : q.all_of) {
    for (const auto& p : group) positive.push_back(to_tsquery(p));
  }
  const std::string any = any_of(positive);
  if (any.empty()) return out;
  const std::string any_bind = b.text(any);
  const std::string best = sort == Sort::relevance ? "MAX(CASE WHEN d.t @@ CAST(" + any_bind + " AS tsquery) THEN " +
                                                         pg_bm25(s, q, b) + " END)"
                                                   : "0.0";
  const std::string score = "CAST(-COALESCE(x.best, 0) AS DOUBLE PRECISION) - " + exact_title_boost(q, b);
  const std::string copy = " FROM search_passages p CROSS JOIN LATERAL (SELECT p.tsv || CAST('' AS tsvector) AS t "
                           "OFFSET 0) d";
  auto row = [&](const soci::row& r) {
    out.push_back(Checked{Candidate{int_at(r, 0), double_at(r, 1), text_at(r, 2)}, int_at(r, 3)});
  };
  if (every_passage) {
    std::vector<std::string> loose;
    for (const auto& p : q.all_of.at(0)) loose.push_back(loose_tsquery(p));
    const std::string sql = "SELECT e.id, " + score + ", e.published_at, e.facet_group FROM (SELECT p.entry_id, " + best +
                            " AS best, bool_or(d.t @@ CAST(" + any_bind + " AS tsquery)) AS matched" + copy +
                            " WHERE p.tsv @@ CAST(" + b.text(any_of(loose)) +
                            " AS tsquery) GROUP BY p.entry_id) x JOIN search_entries e ON e.id = x.entry_id WHERE x.matched";
    prefer_gin(s);
    for_each_row(s, sql, [&](Params& p) { b.apply(p); }, row);
    return out;
  }
  // Every group holds in some passage, no exclusion in any.
  std::string flags, where;
  for (std::size_t g = 0; g < q.all_of.size(); ++g) {
    std::vector<std::string> alternatives;
    for (const auto& p : q.all_of[g]) alternatives.push_back(to_tsquery(p));
    std::string name = "m" + std::to_string(g);
    flags += ", bool_or(d.t @@ CAST(" + b.text(any_of(alternatives)) + " AS tsquery)) AS " + name;
    where += " AND COALESCE(x." + name + ", false)";
  }
  for (std::size_t k = 0; k < q.none_of.size(); ++k) {
    std::string x = to_tsquery(q.none_of[k]);
    if (x.empty()) continue;
    std::string name = "x" + std::to_string(k);
    flags += ", bool_or(d.t @@ CAST(" + b.text(x) + " AS tsquery)) AS " + name;
    where += " AND NOT COALESCE(x." + name + ", false)";
  }
  const std::string head = "SELECT e.id, " + score + ", e.published_at, e.facet_group FROM search_entries e CROSS JOIN "
                           "LATERAL (SELECT " + best + " AS best" + flags + copy + " WHERE p.entry_id = e.id) x WHERE 1 = 1" +
                           where + " AND e.id IN (";
  constexpr std::size_t kChunk = 4096;
  for (std::size_t k = 0; k < ids.size(); k += kChunk) {
    std::vector<long long> chunk(ids.begin() + static_cast<std::ptrdiff_t>(k),
                                 ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), k + kChunk)));
    for_each_row(s, head + id_list(chunk) + ")", [&](Params& p) { b.apply(p); }, row);
  }
  return out;
}

// Every checked match as the exact answer.
Sample exact_answer(soci::session& s, std::vector<Checked> matches, Sort sort) {
  Sample out;
  out.exact = true;
  out.scored = sort == Sort::relevance;
  std::map<long long, double> by_group;
  for (auto& m : matches) {
    by_group[m.facet_group] += 1;
    out.candidates.push_back(std::move(m.candidate));
  }
  out.groups = facet_groups(s, by_group);
  out.total = static_cast<long long>(out.candidates.size());
  return out;
}

// See bounded(). A quarter of `sampling`: each candidate costs its passages' tsvectors out of TOAST (about 30 µs
// each, a few per entry), where SQLite reads a candidate's postings from the index it is walking.
Sample pg_bounded(soci::session& s, const ParsedQuery& q, const Filters& f, Sort sort, long long cap,
                  const Sampling& sampling) {
  prefer_gin(s);
  cap = std::max(0LL, cap);
  Binds b;
  auto loose = pg_loose_entries_sql(q, b);
  if (!loose) return exact_answer(s, {}, sort);
  const std::string listed = "FROM search_entries e WHERE e.id IN (" + *loose + ")" + filter_sql(f, b);
  const long long stripes = std::max(1, sampling.stripes);
  const long long per = std::max(1, sampling.per_stripe / 4);
  const long long newest = std::max(0, sampling.newest / 4);
  // One pass over the loose matches, in the database: their number, every one when at most the bound, else the
  // first `per` of each of `stripes` equal runs of them in id order (a sample spread over the index, in runs as
  // SQLite's slices: a single step would alias with any period in the ids) and the newest (the highest ids: most
  // recently indexed).
  const std::string sql = "SELECT x.id, x.r, x.n FROM (SELECT e.id AS id, row_number() OVER (ORDER BY e.id) AS r, "
                          "count(*) OVER () AS n " + listed + ") x WHERE x.n <= " + b.integer(cap) +
                          " OR (x.r - 1) % GREATEST(1, x.n / " + b.integer(stripes) + ") < " + b.integer(per) +
                          " OR x.r > x.n - " + b.integer(newest);
  long long n = 0;
  std::vector<long long> ids;
  std::unordered_set<long long> systematic;
  for_each_row(s, sql, [&](Params& p) { b.apply(p); }, [&](const soci::row& r) {
    n = int_at(r, 2);
    ids.push_back(int_at(r, 0));
    if ((int_at(r, 1) - 1) % std::max(1LL, n / stripes) < per) systematic.insert(ids.back());
  });
  const bool one_group = q.all_of.size() == 1 && q.none_of.empty() && f.empty();
  if (n <= cap) return exact_answer(s, pg_check(s, q, sort, ids, one_group), sort);
  bool loose_exact = true;
  for (const auto& group : q.all_of) {
    for (const auto& p : group) loose_exact = loose_exact && loose_is_exact(p);
  }
  // Every loose match checked: for one group unfiltered only the passages holding its lexemes, straight from GIN
  // (突发事件应对 at 100,000 documents: 0.6 s entry by entry, 2,400 loose matches); else entry by entry in id order,
  // stopping once more than `stop` match.
  auto check_all = [&](long long stop) {
    if (one_group) return pg_check(s, q, sort, {}, true);
    std::vector<long long> every;
    for_each_row(s, "SELECT e.id " + listed + " ORDER BY e.id", [&](Params& p) { b.apply(p); },
                 [&](const soci::row& r) { every.push_back(int_at(r, 0)); });
    std::vector<Checked> matches;
    constexpr std::size_t kChunk = 4096;
    for (std::size_t k = 0; k < every.size() && static_cast<long long>(matches.size()) <= stop; k += kChunk) {
      std::vector<long long> chunk(every.begin() + static_cast<std::ptrdiff_t>(k),
                                   every.begin() + static_cast<std::ptrdiff_t>(std::min(every.size(), k + kChunk)));
      for (auto& c : pg_check(s, q, sort, chunk, false)) matches.push_back(std::move(c));
    }
    return matches;
  };
  if (!loose_exact && n <= cap + cap / 4) {
    // A quarter above the bound loosely: the sample could not tell which side of the bound the matches are (see
    // below), and checking them all answers exactly — shown as beyond the bound when more than it match (every one
    // ranked and counted). Further above, the sample is cheaper (野生动物, 3,100: 133 against 503 ms).
    auto matches = check_all(std::numeric_limits<long long>::max());
    const bool over = static_cast<long long>(matches.size()) > cap;
    Sample out = exact_answer(s, std::move(matches), sort);
    out.exact = !over;
    return out;
  }

  // Beyond the bound: the sample, the newest and every entry whose whole title is the query (it ranks first).
  if (!q.title_key.empty()) {
    Binds t;
    std::unordered_set<long long> have(ids.begin(), ids.end());
    for_each_row(s, "SELECT e.id FROM search_entries e WHERE e.title_key = " + t.text(q.title_key) + filter_sql(f, t),
                 [&](Params& p) { t.apply(p); }, [&](const soci::row& r) {
                   if (have.insert(int_at(r, 0)).second) ids.push_back(int_at(r, 0));
                 });
  }
  auto checked = pg_check(s, q, sort, ids, false);
  long long verified = 0;
  for (const auto& c : checked) verified += systematic.count(c.candidate.id) ? 1 : 0;
  const double share = systematic.empty() ? 0.0 : static_cast<double>(verified) / static_cast<double>(systematic.size());
  const double estimate = loose_exact ? static_cast<double>(n) : static_cast<double>(n) * share;
  if (!loose_exact && (verified < 16 || estimate <= 1.25 * static_cast<double>(cap))) {
    // Too few of the sampled entries hold the phrases themselves to estimate from (a rare phrase of common
    // characters), or perhaps no more than the bound: check the loose matches until more than the bound match,
    // or every one is checked. Sixteen or more sampled matches put the estimate within a few percent.
    auto matches = check_all(cap);
    if (static_cast<long long>(matches.size()) <= cap) return exact_answer(s, std::move(matches), sort);
  }
  Sample out;
  out.scored = sort == Sort::relevance;
  std::map<long long, double> by_group;
  const double weight = verified > 0 ? estimate / static_cast<double>(verified) : 0.0;
  for (auto& c : checked) {
    if (systematic.count(c.candidate.id)) by_group[c.facet_group] += weight;
    out.candidates.push_back(std::move(c.candidate));
  }
  out.groups = facet_groups(s, by_group);
  out.total = std::llround(estimate);
  return out;
}

}  // namespace

Sample bounded(soci::session& s, const ParsedQuery& q, const Filters& f, Sort sort, long long cap,
               const Sampling& sampling) {
  if (is_pg(s)) return pg_bounded(s, q, f, sort, cap, sampling);
  if (auto every = matches_up_to(s, q, f, cap)) return std::move(*every);
  return sample(s, q, f, sort, sampling);
}

std::vector<Hit> sample_page(soci::session& s, const Sample& sample, Sort sort, const std::optional<Cursor>& after,
                             int limit) {
  if (limit <= 0) return {};
  std::vector<Candidate> candidates = sample.candidates;
  auto before = [&](const Candidate& x, const Candidate& y) {
    if (sort == Sort::relevance && x.score != y.score) return x.score < y.score;
    if (x.published_at != y.published_at) return x.published_at > y.published_at;
    return x.id > y.id;
  };
  if (after) std::erase_if(candidates, [&](const Candidate& c) { return !after_cursor(c, *after, sort); });
  std::size_t n = std::min(candidates.size(), static_cast<std::size_t>(limit));
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(n), candidates.end(), before);
  std::vector<std::pair<long long, double>> page;
  for (std::size_t k = 0; k < n; ++k) page.emplace_back(candidates[k].id, candidates[k].score);
  return hits_of(s, page);
}

IndexShape index_shape(soci::session& s) {
  IndexShape out;
  if (is_pg(s)) {
    out.segments = 1;
    for_each_row(s, "SELECT pg_relation_size('search_passages_tsv') / 8192", [](Params&) {},
                 [&](const soci::row& r) { out.pages = int_at(r, 0); });
    return out;
  }
  // Every segment has rows in the index of its leaves (search_fts_idx: one per leaf page that starts a term), and
  // every page of the FTS5 index (leaves, doclist indexes, the structure record) is a row of search_fts_data.
  for_each_row(s, "SELECT (SELECT COUNT(DISTINCT segid) FROM search_fts_idx), (SELECT COUNT(*) FROM search_fts_data)",
               [](Params&) {}, [&](const soci::row& r) {
                 out.segments = int_at(r, 0);
                 out.pages = int_at(r, 1);
               });
  return out;
}

bool merge_step(soci::session& s, int pages, bool first) {
  if (is_pg(s)) {
    for_each_row(s, "SELECT gin_clean_pending_list('search_passages_tsv')", [](Params&) {}, [](const soci::row&) {});
    execute(s, "ANALYZE search_passages", [](Params&) {});
    execute(s, "ANALYZE search_entries", [](Params&) {});
    return false;
  }
  // A negative budget merges every segment, as 'optimize' would but a step at a time; a positive one carries the
  // merge under way on. The command itself counts as one change: two or more mean that pages were written (FTS5's
  // documentation gives this as the test for an incremental optimize being complete).
  long long before = 0, after = 0;
  for_each_row(s, "SELECT total_changes()", [](Params&) {}, [&](const soci::row& r) { before = int_at(r, 0); });
  execute(s, "INSERT INTO search_fts (search_fts, rank) VALUES ('merge', :n)",
          [&](Params& p) { p.integer("n", first ? -std::max(1, pages) : std::max(1, pages)); });
  for_each_row(s, "SELECT total_changes()", [](Params&) {}, [&](const soci::row& r) { after = int_at(r, 0); });
  return after - before >= 2;
}

void append_log(soci::session& s, const std::vector<LogLine>& lines) {
  for (const auto& l : lines) {
    execute(s,
            "INSERT INTO search_log (searched_at, query, filters, results, took_ms) VALUES (:a, :q, :f, :r, :t)",
            [&](Params& p) {
              p.text("a", l.searched_at).text("q", l.query).text("f", l.filters).integer("r", l.results).integer("t", l.took_ms);
            });
  }
}

std::vector<QueryCount> frequent_queries(soci::session& s, const std::string& from, const std::string& to, bool zero_only,
                                         int limit) {
  std::vector<QueryCount> out;
  std::string having = zero_only ? " HAVING MAX(results) = 0" : "";
  for_each_row(
      s,
      "SELECT query, COUNT(*), MAX(searched_at), MIN(results) FROM search_log WHERE searched_at >= :f AND searched_at "
      "< :t GROUP BY query" +
          having + " ORDER BY COUNT(*) DESC, MAX(searched_at) DESC LIMIT :n",
      [&](Params& p) { p.text("f", from).text("t", to).integer("n", limit); },
      [&](const soci::row& r) {
        out.push_back(QueryCount{text_at(r, 0), int_at(r, 1), int_at(r, 3), text_at(r, 2)});
      });
  return out;
}

long long log_count(soci::session& s, const std::string& from, const std::string& to) {
  long long n = 0;
  for_each_row(
      s, "SELECT COUNT(*) FROM search_log WHERE searched_at >= :f AND searched_at < :t",
      [&](Params& p) { p.text("f", from).text("t", to); }, [&](const soci::row& r) { n = int_at(r, 0); });
  return n;
}

}  // namespace gongkai::search::store
