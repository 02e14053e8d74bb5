#include "gongkai/search/service.hpp"

#include <algorithm>
#include <charconv>
#include <list>
#include <map>
#include <set>
#include <unordered_map>

#include "gongkai/calendar/model.hpp"
#include "gongkai/privacy/mask.hpp"
#include "gongkai/text.hpp"
#include "platform/http/message.hpp"
#include "platform/render/markdown.hpp"
#include "platform/time.hpp"

namespace gongkai::search {
namespace {

using platform::make_error;
using platform::Result;

constexpr const char* kDocument = "document";
constexpr int kBatch = 200;

std::string local_date(const std::string& utc_iso) {
  std::string d = platform::utc_iso_to_local_display(utc_iso);
  return d.size() >= 10 ? d.substr(0, 10) : d;
}

int year_of(const std::string& date) {
  int y = 0;
  if (date.size() >= 4) std::from_chars(date.data(), date.data() + 4, y);
  return y;
}

std::optional<long long> parse_id(std::string_view s) {
  long long v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

// The cache key of a request: everything that decides what fetch() returns. `today` is in it because the validity
// filter and facet read the validity of today.
std::string cache_key(const std::string& q, const store::Filters& f, store::Sort sort, const std::string& after, int limit) {
  std::string k;
  auto add = [&](std::string_view v) {
    k += v;
    k += '\x1f';
  };
  auto ids = [&](const std::vector<long long>& v) {
    std::string out;
    for (long long id : v) out += std::to_string(id) + ",";
    add(out);
  };
  add(q);
  add(f.kind);
  ids(f.unit_ids);
  ids(f.column_ids);
  add(f.info_class);
  add(f.topic);
  add(std::to_string(f.year_from) + "-" + std::to_string(f.year_to));
  add(f.validity);
  add(f.today);
  add(sort == store::Sort::date ? "date" : "relevance");
  add(after);
  add(std::to_string(limit));
  return k;
}

}  // namespace

// What the database answered for one request, with the snippets already cut (bodies are not kept).
struct Fetched {
  struct Hit {
    store::Entry entry;  // body empty
    std::string title_html, snippet_html;
  };
  std::vector<Hit> hits;
  std::vector<store::MatchFacets> matches;  // first pages only
  std::vector<Suggestion> suggestions;
  std::string next_cursor;
  bool relaxed = false;
  long long estimated_total = 0;  // > 0: more matches than a search visits; this many, estimated
  long long ranked_among = 0;     // then: how many of them were ranked
};

// The answers of recent searches, each valid at one generation of the index (store::generation). Seeing a newer
// generation drops them all; an answer computed in an older snapshot than the newest seen is not kept. Least
// recently used answers go first beyond `capacity` (0: no cache).
class ResultCache {
 public:
  explicit ResultCache(std::size_t capacity) : capacity_(capacity) {}

  std::shared_ptr<const Fetched> get(const std::string& key, long long generation) {
    if (capacity_ == 0) return nullptr;
    std::lock_guard lk(mu_);
    if (generation != generation_) {
      if (generation > generation_) drop_all(generation);
      return nullptr;
    }
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second);
    return it->second->second;
  }

  void put(const std::string& key, long long generation, std::shared_ptr<const Fetched> value) {
    if (capacity_ == 0) return;
    std::lock_guard lk(mu_);
    if (generation < generation_) return;
    if (generation > generation_) drop_all(generation);
    if (auto it = index_.find(key); it != index_.end()) {
      it->second->second = std::move(value);
      order_.splice(order_.begin(), order_, it->second);
      return;
    }
    order_.emplace_front(key, std::move(value));
    index_[key] = order_.begin();
    while (order_.size() > capacity_) {
      index_.erase(order_.back().first);
      order_.pop_back();
    }
  }

 private:
  void drop_all(long long generation) {
    order_.clear();
    index_.clear();
    generation_ = generation;
  }

  using Item = std::pair<std::string, std::shared_ptr<const Fetched>>;
  std::size_t capacity_;
  std::mutex mu_;
  long long generation_ = -1;
  std::list<Item> order_;
  std::unordered_map<std::string, std::list<Item>::iterator> index_;
};

namespace {

// One search in the caller's snapshot: exact (every match ranked and counted) up to bounds.exact_up_to matches,
// estimated beyond (store::bounded: a sample ranked, the counts estimated).
struct Searcher {
  soci::session& s;
  const store::Filters& f;
  store::Sort sort;
  const SearchBounds& bounds;

  // With a bound: every match when there are at most the bound (read once, for the bound's test and the exact
  // counts), else a sample (store::bounded). Without one: search() and match_facets() then.
  // Reading the sample first and counting only when it could not tell was measured too on SQLite (100,000
  // documents, bench/README.md): it spares common terms the count (人民代表大会常务委员会 36.7 → 32.4 ms) but reads a
  // query just under the bound twice over (消费者权益保护, 1,950 matches: 28.5 → 52.7 ms), and such queries make the p95.
  std::optional<store::Sample> bounded(const ParsedQuery& q, const store::Filters& filters, store::Sort order) const {
    if (bounds.exact_up_to <= 0) return std::nullopt;
    return store::bounded(s, q, filters, order, bounds.exact_up_to, bounds.sampling);
  }
  // The page after `after` (and, on first pages, the facet groups of the matches).
  void page(const ParsedQuery& q, const std::optional<store::Cursor>& after, int limit, Fetched& out,
            std::vector<store::Hit>& hits) const {
    auto b = bounded(q, f, sort);
    if (!b) {
      hits = store::search(s, q, f, sort, after, limit);
      if (!after) out.matches = store::match_facets(s, q, f);
      return;
    }
    if (b->exact && sort == store::Sort::relevance && !b->scored) {
      // SQLite: every match is at hand, unscored; search() ranks them (exact BM25). A lone phrase without filters
      // or exclusions is found in exactly the documents that match: its document frequency is their number, which
      // spares bm25() reading the phrase's matches a second time to count them.
      std::vector<double> frequencies;
      if (q.all_of.size() == 1 && q.all_of[0].size() == 1 && q.none_of.empty() && f.empty()) {
        frequencies.push_back(static_cast<double>(b->total));
      }
      hits = store::search(s, q, f, sort, after, limit, frequencies);
    } else {
      hits = store::sample_page(s, *b, sort, after, limit);
    }
    if (!after) out.matches = std::move(b->groups);
    if (!b->exact) {
      out.estimated_total = std::max(b->total, bounds.exact_up_to + 1);
      out.ranked_among = static_cast<long long>(b->candidates.size());
    }
  }
  // How many entries match (estimated beyond the bound: a suggestion's count; by date, so nothing is ranked).
  long long count(const ParsedQuery& q, const store::Filters& filters) const {
    auto b = bounded(q, filters, store::Sort::date);
    if (!b) return store::total_of(store::match_facets(s, q, filters));
    return b->exact ? b->total : std::max(b->total, bounds.exact_up_to + 1);
  }
};

// The hits of a page, the facet counts of the matches (first pages) and the suggestions when nothing matched, in
// the caller's snapshot. Errors: invalid_cursor (a relaxed cursor for a query that has no relaxed form).
Result<std::shared_ptr<Fetched>> fetch(const Searcher& searcher, const ParsedQuery& q,
                                       const std::optional<store::Cursor>& after, bool after_relaxed, int limit,
                                       const std::string& typed, bool filtered) {
  const store::Filters& f = searcher.f;
  auto out = std::make_shared<Fetched>();
  std::vector<store::Hit> hits;
  ParsedQuery effective_query = q;
  if (after) {
    // A further page: only the hits after the cursor. The total and the facets were on the first page; counting
    // every match again for each page is what would make deep pages slow.
    if (after_relaxed) {
      auto loose = relaxed(q);
      if (!loose) return make_error("invalid_cursor", "翻页参数无效，请从第一页重新查看结果。", "after");
      effective_query = std::move(*loose);
      out->relaxed = true;
    }
    searcher.page(effective_query, after, limit + 1, *out, hits);
  } else {
    searcher.page(q, std::nullopt, limit + 1, *out, hits);
    if (out->matches.empty()) {
      // Suggestions: each term alone, and the query without its filters.
      if (q.all_of.size() + q.none_of.size() > 1) {
        for (const auto& group : q.all_of) {
          ParsedQuery one;
          one.all_of.push_back(group);
          long long n = searcher.count(one, f);
          if (n == 0) continue;
          std::string text;
          for (const auto& p : group) text += (text.empty() ? "" : " OR ") + p.text;
          out->suggestions.push_back({"只查“" + text + "”", text, false, n});
        }
      }
      if (filtered) {
        store::Filters none;
        none.today = f.today;
        long long n = searcher.count(q, none);
        if (n > 0) out->suggestions.push_back({"去掉筛选条件", typed, true, n});
      }
      // A question typed in full: rank the documents holding parts of it, and say so.
      if (auto loose = relaxed(q)) {
        Fetched loose_out;
        std::vector<store::Hit> loose_hits;
        searcher.page(*loose, std::nullopt, limit + 1, loose_out, loose_hits);
        if (!loose_out.matches.empty()) {
          out->relaxed = true;
          effective_query = std::move(*loose);
          hits = std::move(loose_hits);
          out->matches = std::move(loose_out.matches);
          out->estimated_total = loose_out.estimated_total;
          out->ranked_among = loose_out.ranked_among;
        }
      }
    }
  }
  if (static_cast<int>(hits.size()) > limit) {
    hits.pop_back();
    const auto& last = hits.back();
    char buf[40];
    auto res = std::to_chars(buf, buf + sizeof buf, last.score);
    out->next_cursor = std::string(buf, res.ptr) + "~" + last.entry.published_at + "~" +
                       std::to_string(last.entry.id) + (out->relaxed ? "~r" : "");
  }
  auto needles = effective_query.highlights();
  for (auto& h : hits) {
    Fetched::Hit fh;
    fh.title_html = highlight(h.entry.title, needles, 0);
    fh.snippet_html = highlight(h.entry.body, needles, 120);
    fh.entry = std::move(h.entry);
    fh.entry.body.clear();
    fh.entry.body.shrink_to_fit();
    out->hits.push_back(std::move(fh));
  }
  return out;
}

}  // namespace

SearchService::SearchService(std::shared_ptr<platform::db::Database> db, units::UnitService& units,
                             disclosure::DisclosureService& disclosure, std::size_t cache_entries, SearchBounds bounds)
    : db_(std::move(db)),
      units_(units),
      disclosure_(disclosure),
      bounds_(bounds),
      cache_(std::make_unique<ResultCache>(cache_entries)) {}

SearchService::~SearchService() = default;

void SearchService::index_document(soci::session& s, long long document_id) {
  namespace ds = disclosure::store;
  auto doc = ds::find_document(s, document_id);
  bool is_public = doc && doc->published_edition &&
                   (doc->state == disclosure::DocumentState::published || doc->state == disclosure::DocumentState::repealed);
  std::optional<ds::Edition> e;
  if (is_public) e = ds::find_edition(s, document_id, *doc->published_edition);
  if (!e || e->f.disclosure_mode != disclosure::DisclosureMode::proactive) {
    store::remove(s, kDocument, document_id);
    return;
  }
  store::Entry en;
  en.kind = kDocument;
  en.record_id = doc->id;
  en.unit_id = doc->unit_id;
  en.column_id = doc->column_id;
  en.info_class = e->f.info_class;
  en.topic = e->f.topic;
  en.validity = std::string(disclosure::to_string(e->f.validity));
  en.expires_on = e->f.expires_on;
  en.repealed_on = doc->repealed_on;
  en.published_at = doc->last_published_at;
  en.year = year_of(!e->f.written_on.empty() ? e->f.written_on : local_date(doc->first_published_at));
  en.title = e->f.title;
  en.doc_no = e->f.doc_no;
  en.index_no = doc->index_no;
  en.body = e->f.summary;
  std::string body_text = platform::render::markdown_to_text(e->f.body_md);
  if (!body_text.empty()) en.body += (en.body.empty() ? "" : "\n") + body_text;
  for (const auto& a : ds::list_attachments(s, e->id)) {
    if (a.text.empty()) continue;
    en.body += "\n附件《" + a.file_name + "》\n" + a.text;
  }
  store::put(s, en, platform::now_utc_iso());
}

Result<Results> SearchService::search(const SearchRequest& r) {
  auto started = std::chrono::steady_clock::now();
  auto parsed = parse_query(r.q);
  if (!parsed) return parsed.error();
  const ParsedQuery& q = *parsed;

  // ---- filters ----
  store::Filters f;
  f.today = platform::local_date_today();
  auto units = units_.all();
  auto columns = disclosure_.columns();
  const auto& vocab = disclosure_.vocabulary();
  if (!r.unit.empty()) {
    auto id = parse_id(r.unit);
    if (!id || std::none_of(units.begin(), units.end(), [&](const auto& u) { return u.id == *id; })) {
      return make_error("invalid_filter", "没有这个单位，请从列表中选择。", "unit");
    }
    // The unit and the units under it.
    f.unit_ids.push_back(*id);
    for (std::size_t k = 0; k < f.unit_ids.size(); ++k) {
      for (const auto& u : units) {
        if (u.f.parent_id && *u.f.parent_id == f.unit_ids[k]) f.unit_ids.push_back(u.id);
      }
    }
  }
  if (!r.column.empty()) {
    auto id = parse_id(r.column);
    if (!id || std::none_of(columns.begin(), columns.end(), [&](const auto& c) { return c.id == *id; })) {
      return make_error("invalid_filter", "没有这个栏目，请从列表中选择。", "column");
    }
    f.column_ids.push_back(*id);
    for (std::size_t k = 0; k < f.column_ids.size(); ++k) {
      for (const auto& c : columns) {
        if (c.parent_id && *c.parent_id == f.column_ids[k]) f.column_ids.push_back(c.id);
      }
    }
  }
  if (!r.info_class.empty()) {
    if (disclosure::Vocabulary::label_of(vocab.classes, r.info_class).empty()) {
      return make_error("invalid_filter", "没有这个信息类别。", "info_class");
    }
    f.info_class = r.info_class;
  }
  if (!r.topic.empty()) {
    if (disclosure::Vocabulary::label_of(vocab.topics, r.topic).empty()) {
      return make_error("invalid_filter", "没有这个主题分类。", "topic");
    }
    f.topic = r.topic;
  }
  auto year = [&](const std::string& s, const char* field, int& out) -> Result<void> {
    if (s.empty()) return {};
    int y = 0;
    auto res = std::from_chars(s.data(), s.data() + s.size(), y);
    if (res.ec != std::errc() || res.ptr != s.data() + s.size() || y < 1949 || y > 2100) {
      return make_error("invalid_filter", "年份应为 1949 到 2100 之间的四位数字。", field);
    }
    out = y;
    return {};
  };
  if (auto y = year(r.year_from, "year_from", f.year_from); !y) return y.error();
  if (auto y = year(r.year_to, "year_to", f.year_to); !y) return y.error();
  if (f.year_from && f.year_to && f.year_from > f.year_to) std::swap(f.year_from, f.year_to);
  if (!r.validity.empty()) {
    if (!disclosure::validity_from(r.validity)) return make_error("invalid_filter", "没有这个时效性选项。", "validity");
    f.validity = r.validity;
  }
  if (!r.kind.empty()) {
    if (r.kind != kDocument) return make_error("invalid_filter", "没有这类信息。", "kind");
    f.kind = r.kind;
  }
  store::Sort sort = store::Sort::relevance;
  if (r.sort == "date") {
    sort = store::Sort::date;
  } else if (!r.sort.empty() && r.sort != "relevance") {
    return make_error("invalid_filter", "排序方式只能是“相关度”或“日期”。", "sort");
  }
  std::optional<store::Cursor> after;
  bool after_relaxed = false;
  if (!r.after.empty()) {
    // "<score>~<published_at>~<entry id>", with "~r" when the pages are those of the relaxed query.
    std::string ra = r.after;
    if (ra.ends_with("~r")) {
      after_relaxed = true;
      ra.resize(ra.size() - 2);
    }
    auto a = ra.find('~'), b = ra.rfind('~');
    store::Cursor c;
    bool ok = a != std::string::npos && b != a;
    if (ok) {
      std::string_view sc = std::string_view(ra).substr(0, a);
      auto res = std::from_chars(sc.data(), sc.data() + sc.size(), c.score);
      ok = res.ec == std::errc() && res.ptr == sc.data() + sc.size();
      c.published_at = ra.substr(a + 1, b - a - 1);
      auto id = parse_id(std::string_view(ra).substr(b + 1));
      ok = ok && id && c.published_at.size() == 20;
      if (id) c.entry_id = *id;
    }
    if (!ok) return make_error("invalid_cursor", "翻页参数无效，请从第一页重新查看结果。", "after");
    after = c;
  }
  const int limit = std::clamp(r.limit, 1, 50);
  bool filtered = !f.unit_ids.empty() || !f.column_ids.empty() || !f.info_class.empty() || !f.topic.empty() ||
                  f.year_from || f.year_to || !f.validity.empty() || !f.kind.empty();

  // ---- the query, the facets and the way forward, in one snapshot (or the cached answer of that snapshot) ----
  Results out;
  out.filtered = filtered;
  out.ignored = q.ignored;
  std::string key = cache_key(r.q, f, sort, r.after, limit);
  auto fetched = db_->read([&](soci::session& s) -> Result<std::shared_ptr<const Fetched>> {
    long long generation = store::generation(s);
    if (auto hit = cache_->get(key, generation)) return hit;
    Searcher searcher{s, f, sort, bounds_};
    auto fresh = fetch(searcher, q, after, after_relaxed, limit, r.q, filtered);
    if (!fresh) return fresh.error();
    std::shared_ptr<const Fetched> shared = std::move(*fresh);
    cache_->put(key, generation, shared);
    return shared;
  });
  if (!fetched) return fetched.error();
  const Fetched& got = **fetched;
  out.relaxed = got.relaxed;
  out.suggestions = got.suggestions;
  out.total = after ? -1 : got.estimated_total > 0 ? got.estimated_total : store::total_of(got.matches);
  out.estimated = got.estimated_total > 0;
  out.ranked_among = got.ranked_among;
  out.next_cursor = got.next_cursor;

  std::map<long long, std::string> unit_names;
  for (const auto& u : units) unit_names[u.id] = u.f.name;
  std::map<long long, std::string> column_names;
  for (const auto& c : columns) column_names[c.id] = c.name;
  auto today = calendar::Date::parse(f.today);
  auto effective = [&](const std::string& validity, const std::string& expires_on, const std::string& repealed_on) {
    auto v = disclosure::validity_from(validity).value_or(disclosure::Validity::in_force);
    return today ? disclosure::effective_validity(v, expires_on, repealed_on, *today) : v;
  };

  for (const auto& h : got.hits) {
    ResultItem it;
    it.kind = h.entry.kind;
    it.kind_label = "政府信息";
    it.record_id = h.entry.record_id;
    it.url = "/documents/" + std::to_string(h.entry.record_id);
    it.title = h.entry.title;
    it.title_html = h.title_html;
    it.snippet_html = h.snippet_html;
    it.doc_no = h.entry.doc_no;
    it.index_no = h.entry.index_no;
    it.unit_name = unit_names[h.entry.unit_id];
    it.published_on = local_date(h.entry.published_at);
    auto v = effective(h.entry.validity, h.entry.expires_on, h.entry.repealed_on);
    it.validity = std::string(disclosure::to_string(v));
    it.validity_label = std::string(disclosure::label(v));
    out.items.push_back(std::move(it));
  }

  // ---- facet counts of the matches ----
  std::map<long long, long long> by_unit, by_column;
  std::map<std::string, long long> by_class, by_topic, by_validity, by_kind;
  std::map<int, long long, std::greater<>> by_year;
  for (const auto& m : got.matches) {
    by_unit[m.unit_id] += m.count;
    if (m.column_id) by_column[*m.column_id] += m.count;
    if (!m.info_class.empty()) by_class[m.info_class] += m.count;
    if (!m.topic.empty()) by_topic[m.topic] += m.count;
    if (m.year) by_year[m.year] += m.count;
    by_validity[std::string(disclosure::to_string(effective(m.validity, m.expires_on, m.repealed_on)))] += m.count;
    by_kind[m.kind] += m.count;
  }
  auto sorted = [](std::vector<FacetValue> v) {
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.count > b.count; });
    return v;
  };
  Facet fu{"unit", "发布单位", {}};
  for (const auto& [id, n] : by_unit) fu.values.push_back({std::to_string(id), unit_names[id], n, r.unit == std::to_string(id)});
  fu.values = sorted(std::move(fu.values));
  Facet fc{"column", "栏目", {}};
  for (const auto& [id, n] : by_column) fc.values.push_back({std::to_string(id), column_names[id], n, r.column == std::to_string(id)});
  fc.values = sorted(std::move(fc.values));
  Facet fcl{"info_class", "信息类别", {}};
  for (const auto& [code, n] : by_class) fcl.values.push_back({code, disclosure::Vocabulary::label_of(vocab.classes, code), n, r.info_class == code});
  fcl.values = sorted(std::move(fcl.values));
  Facet ft{"topic", "主题分类", {}};
  for (const auto& [code, n] : by_topic) ft.values.push_back({code, disclosure::Vocabulary::label_of(vocab.topics, code), n, r.topic == code});
  ft.values = sorted(std::move(ft.values));
  Facet fy{"year", "年份", {}};
  for (const auto& [y, n] : by_year) {
    std::string ys = std::to_string(y);
    fy.values.push_back({ys, ys + "年", n, r.year_from == ys && r.year_to == ys});
  }
  Facet fv{"validity", "时效性", {}};
  for (const auto& [code, n] : by_validity) {
    fv.values.push_back({code, std::string(disclosure::label(*disclosure::validity_from(code))), n, r.validity == code});
  }
  fv.values = sorted(std::move(fv.values));
  Facet fk{"kind", "信息种类", {}};
  for (const auto& [code, n] : by_kind) fk.values.push_back({code, "政府信息", n, r.kind == code});
  out.facets = {fu, fc, fcl, ft, fy, fv, fk};

  out.took_ms = static_cast<int>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count());

  // ---- the log: what was asked (personal numbers masked), never who ----
  if (!after) {
    std::string filters;
    auto add = [&](const char* name, const std::string& v) {
      if (!v.empty()) filters += std::string(filters.empty() ? "" : "&") + name + "=" + v;
    };
    add("unit", r.unit);
    add("column", r.column);
    add("info_class", r.info_class);
    add("topic", r.topic);
    add("year_from", r.year_from);
    add("year_to", r.year_to);
    add("validity", r.validity);
    add("kind", r.kind);
    log({platform::now_utc_iso(), privacy::mask_all(trim(r.q)), filters, out.total, out.took_ms});
  }
  return out;
}

void SearchService::log(store::LogLine line) {
  std::vector<store::LogLine> batch;
  {
    std::lock_guard lk(log_mu_);
    log_buffer_.push_back(std::move(line));
    auto now = std::chrono::steady_clock::now();
    if (log_buffer_.size() < 64 && now - last_flush_ < std::chrono::seconds(2)) return;
    batch.swap(log_buffer_);
    last_flush_ = now;
  }
  db_->write([&](soci::session& s) { store::append_log(s, batch); });
}

void SearchService::flush_log() {
  std::vector<store::LogLine> batch;
  {
    std::lock_guard lk(log_mu_);
    batch.swap(log_buffer_);
    last_flush_ = std::chrono::steady_clock::now();
  }
  if (!batch.empty()) db_->write([&](soci::session& s) { store::append_log(s, batch); });
}

ReindexReport SearchService::reindex(const std::function<void(long long, long long)>& progress) {
  ReindexReport report;
  auto ids = db_->read([](soci::session& s) { return disclosure::store::public_document_ids(s); });
  auto indexed = db_->read([](soci::session& s) { return store::record_ids(s, kDocument); });
  std::set<long long> keep(ids.begin(), ids.end());
  std::vector<long long> stale;
  for (long long id : indexed) {
    if (!keep.count(id)) stale.push_back(id);
  }
  const long long total = static_cast<long long>(ids.size() + stale.size());
  long long done = 0;
  for (std::size_t k = 0; k < ids.size(); k += kBatch) {
    db_->write([&](soci::session& s) {
      for (std::size_t j = k; j < std::min(ids.size(), k + kBatch); ++j) index_document(s, ids[j]);
    });
    done += static_cast<long long>(std::min<std::size_t>(kBatch, ids.size() - k));
    if (progress) progress(done, total);
  }
  report.indexed = static_cast<long long>(ids.size());
  db_->write([&](soci::session& s) {
    for (long long id : stale) index_document(s, id);  // not public any more: removes the entry
    store::prune_facet_groups(s);
  });
  report.removed = static_cast<long long>(stale.size());
  if (progress) progress(total, total);
  return report;
}

OptimizeReport SearchService::optimize(const std::function<void(long long, long long)>& progress) {
  // About 8 MB written per transaction, a fifth of a second (100,000 documents: 278 steps in 52 s): no
  // publication waits longer than that for the write lock (busy_timeout is 10 s).
  constexpr int kPagesPerStep = 2000;
  OptimizeReport report;
  report.before = index_shape();
  const long long total = std::max<long long>(1, report.before.pages);
  long long done = 0;
  for (bool more = true, first = true; more; first = false) {
    more = db_->write([&](soci::session& s) { return store::merge_step(s, kPagesPerStep, first); });
    ++report.steps;
    done = more ? std::min(total - 1, done + kPagesPerStep) : total;
    if (progress) progress(done, total);
  }
  report.after = index_shape();
  return report;
}

store::IndexShape SearchService::index_shape() {
  return db_->read([](soci::session& s) { return store::index_shape(s); });
}

long long SearchService::ensure_analyser(const std::function<void(long long, long long)>& progress) {
  std::string stamp = db_->read([](soci::session& s) { return store::analyser(s); });
  if (stamp.empty() || stamp == analyser_fingerprint()) return 0;
  long long done = 0;
  db_->write([&](soci::session& s) {
    if (store::analyser(s) == analyser_fingerprint()) return;  // another process got there first
    store::reanalyse_all(s, [&](long long d, long long total) {
      done = d;
      if (progress) progress(d, total);
    });
  });
  if (done > 0) optimize();
  return done;
}

Result<LogReport> SearchService::log_report(const units::Actor& actor, const std::string& from, const std::string& to) {
  if (!actor.district_wide()) return make_error("forbidden", "只有政务公开办和系统管理员可以查看检索统计。");
  auto f = calendar::Date::parse(from);
  if (!f) return make_error("invalid_date", "请填写有效的开始日期，例如 2026-01-01。", "from");
  auto t = calendar::Date::parse(to);
  if (!t) return make_error("invalid_date", "请填写有效的结束日期，例如 2026-12-31。", "to");
  if (*t < *f) std::swap(f, t);
  flush_log();
  LogReport r;
  r.from = f->iso();
  r.to = t->iso();
  // Beijing dates → UTC instants: local midnight is 16:00 UTC of the day before.
  std::string from_utc = f->add_days(-1).iso() + "T16:00:00Z";
  std::string to_utc = t->iso() + "T16:00:00Z";
  db_->read([&](soci::session& s) {
    r.searches = store::log_count(s, from_utc, to_utc);
    r.frequent = store::frequent_queries(s, from_utc, to_utc, false, 50);
    r.zero_results = store::frequent_queries(s, from_utc, to_utc, true, 50);
  });
  return r;
}

}  // namespace gongkai::search
