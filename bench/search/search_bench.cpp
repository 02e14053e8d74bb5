// Search on real data, for bench/search/run.sh. Quality, through the product's own search path (SearchService::search: AND of the query's
// phrases, relaxed to any of its bigrams when nothing holds them all, BM25 ranking):
//   * CMRC 2018 (../shared/data/retrieval/cmrc2018): 1,104 passages, 4,221 questions, one relevant passage each —
//     MRR@10 and Recall@10;
//   * known item (../shared/data/documents/lawrefbook_sample_2000.jsonl): each document's title converted to
//     Traditional script (OpenCC s2t) must find that document first (or a document with the identical title).
// Usage: search_bench [--db URL] [--set cmrc|known|all] [--limit N]   (default: a temporary SQLite file)
//        search_bench --db URL --set load --copies K   the 2,000 documents K times (copy k > 0 has "（副本k）" in its
//                                                       title), for the speed runs, then merges the index into one
//                                                       segment (gongkai search optimize); prints both times
//        search_bench --db URL --set profile --q QUERY [--q …]   where each query's time goes, step by step, on an
//                                                       index loaded earlier (nothing is cleared; the median of 7 runs)
#include <opencc/opencc.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "gongkai/app.hpp"
#include "gongkai/search/analysis.hpp"
#include "gongkai/search/highlight.hpp"
#include "gongkai/search/store.hpp"
#include "platform/crypto.hpp"
#include "platform/db/migrations.hpp"
#include "platform/progress.hpp"
#include "platform/time.hpp"

namespace {

namespace search = gongkai::search;
const std::string kData = GONGKAI_SHARED_DATA_DIR;

struct Doc {
  std::string key, title, body;
};

void load(gongkai::App& app, const std::vector<Doc>& docs) {
  platform::ProgressBar bar("索引", docs.size());
  for (std::size_t k = 0; k < docs.size(); k += 200) {
    app.db->write([&](soci::session& s) {
      for (std::size_t i = k; i < std::min(docs.size(), k + 200); ++i) {
        search::store::Entry e;
        e.kind = "document";
        e.record_id = static_cast<long long>(i + 1);
        e.unit_id = 1;
        e.published_at = "2026-01-01T00:00:00Z";
        e.year = 2026;
        e.validity = "in_force";
        e.title = docs[i].title;
        e.body = docs[i].body;
        search::store::put(s, e, "2026-01-01T00:00:00Z");
      }
    });
    bar.advance(std::min<std::size_t>(200, docs.size() - k));
  }
  bar.finish();
}

std::vector<long long> ranked(gongkai::App& app, const std::string& q, int n, bool* relaxed = nullptr) {
  search::SearchRequest r;
  r.q = q;
  r.limit = n;
  auto res = app.search.search(r);
  std::vector<long long> out;
  if (!res) return out;
  if (relaxed) *relaxed = res->relaxed;
  for (const auto& it : res->items) out.push_back(it.record_id);
  return out;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * (v.size() - 1) + 0.5))];
}

std::vector<Doc> read_documents(std::size_t limit) {
  std::vector<Doc> docs;
  std::ifstream in(kData + "/documents/lawrefbook_sample_2000.jsonl");
  for (std::string line; std::getline(in, line) && docs.size() < limit;) {
    auto o = boost::json::parse(line).as_object();
    docs.push_back({std::string(o["id"].as_string()), std::string(o["title"].as_string()), std::string(o["body"].as_string())});
  }
  return docs;
}

// The corpus `copies` times, with the years spread so that year filters select parts of it.
void load_copies(gongkai::App& app, int copies) {
  auto base = read_documents(1000000);
  std::size_t total = base.size() * static_cast<std::size_t>(copies);
  std::printf("Loading %zu documents (the %zu real ones, %d times)\n", total, base.size(), copies);
  platform::ProgressBar bar("索引", total);
  auto t0 = std::chrono::steady_clock::now();
  long long id = 0;
  for (int c = 0; c < copies; ++c) {
    for (std::size_t k = 0; k < base.size(); k += 200) {
      app.db->write([&](soci::session& s) {
        for (std::size_t i = k; i < std::min(base.size(), k + 200); ++i) {
          ++id;
          search::store::Entry e;
          e.kind = "document";
          e.record_id = id;
          e.unit_id = 1 + static_cast<long long>(i % 7);
          e.published_at = "2026-01-01T00:00:00Z";
          e.published_at[3] = static_cast<char>('0' + id % 7);  // 2020..2026
          e.year = 2020 + static_cast<int>(id % 7);
          e.validity = id % 10 == 0 ? "repealed" : "in_force";
          e.title = c == 0 ? base[i].title : base[i].title + "（副本" + std::to_string(c) + "）";
          e.body = base[i].body;
          search::store::put(s, e, "2026-01-01T00:00:00Z");
        }
      });
      bar.advance(std::min<std::size_t>(200, base.size() - k));
    }
  }
  bar.finish();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("Built the index of %lld documents in %.1f s (%.0f documents/s)\n", id, seconds, static_cast<double>(id) / seconds);
  // As an operator would after a bulk load (gongkai search optimize).
  std::optional<platform::ProgressBar> merge_bar;
  long long shown = 0;
  t0 = std::chrono::steady_clock::now();
  auto merged = app.search.optimize([&](long long done, long long all) {
    if (!merge_bar) merge_bar.emplace("合并", static_cast<std::uint64_t>(all));
    merge_bar->advance(static_cast<std::uint64_t>(done - shown));
    shown = done;
  });
  if (merge_bar) merge_bar->finish();
  std::printf("Merged the index from %lld segments into %lld (%lld pages) in %.1f s\n", merged.before.segments,
              merged.after.segments, merged.after.pages,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
}

void cmrc(gongkai::App& app, std::size_t limit) {
  std::vector<Doc> docs;
  std::map<std::string, long long> id_of;
  std::ifstream in(kData + "/retrieval/cmrc2018/corpus.jsonl");
  for (std::string line; std::getline(in, line);) {
    auto o = boost::json::parse(line).as_object();
    docs.push_back({std::string(o["id"].as_string()), std::string(o["title"].as_string()), std::string(o["text"].as_string())});
    id_of[docs.back().key] = static_cast<long long>(docs.size());
  }
  auto t0 = std::chrono::steady_clock::now();
  load(app, docs);
  double build = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::map<std::string, long long> relevant;
  std::ifstream qr(kData + "/retrieval/cmrc2018/qrels.tsv");
  for (std::string line; std::getline(qr, line);) {
    std::istringstream ls(line);
    std::string qid, zero, doc, rel;
    std::getline(ls, qid, '\t');
    std::getline(ls, zero, '\t');
    std::getline(ls, doc, '\t');
    std::getline(ls, rel, '\t');
    if (rel != "0") relevant[qid] = id_of[doc];
  }
  std::ifstream qs(kData + "/retrieval/cmrc2018/queries.tsv");
  double mrr = 0;
  long long recalled = 0, n = 0, relaxed_n = 0;
  std::vector<double> ms;
  for (std::string line; std::getline(qs, line) && static_cast<std::size_t>(n) < limit;) {
    auto tab = line.find('\t');
    std::string qid = line.substr(0, tab), text = line.substr(tab + 1);
    auto t = std::chrono::steady_clock::now();
    bool relaxed = false;
    auto top = ranked(app, text, 10, &relaxed);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count());
    relaxed_n += relaxed;
    ++n;
    for (std::size_t k = 0; k < top.size(); ++k) {
      if (top[k] == relevant[qid]) {
        mrr += 1.0 / static_cast<double>(k + 1);
        ++recalled;
        break;
      }
    }
  }
  std::printf("CMRC2018 (%s): %zu passages indexed in %.1f s; %lld questions (%lld answered by the relaxed query)\n",
              app.db->is_sqlite() ? "SQLite FTS5" : "PostgreSQL tsvector", docs.size(), build, n, relaxed_n);
  std::printf("  MRR@10 %.4f   Recall@10 %.4f   per query p50 %.1f ms  p95 %.1f ms  p99 %.1f ms (one thread, snippets included)\n",
              mrr / static_cast<double>(n), static_cast<double>(recalled) / static_cast<double>(n), percentile(ms, 0.5),
              percentile(ms, 0.95), percentile(ms, 0.99));
}

void known_item(gongkai::App& app, std::size_t limit) {
  auto docs = read_documents(limit);
  load(app, docs);
  std::map<std::string, int> same_title;
  for (const auto& d : docs) ++same_title[search::normalise(d.title)];
  opencc_t s2t = opencc_open("s2t.json");
  long long first = 0, first_or_same = 0, differs = 0;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    char* t = opencc_convert_utf8(s2t, docs[i].title.data(), docs[i].title.size());
    std::string trad = t;
    opencc_convert_utf8_free(t);
    differs += trad != docs[i].title;
    auto top = ranked(app, trad, 1);
    if (!top.empty() && top[0] == static_cast<long long>(i + 1)) {
      ++first;
      ++first_or_same;
    } else if (!top.empty() && search::normalise(docs[top[0] - 1].title) == search::normalise(docs[i].title)) {
      ++first_or_same;
    }
  }
  opencc_close(s2t);
  std::printf("Known item (%s): %zu documents, titles in Traditional script (%lld differ from the Simplified)\n",
              app.db->is_sqlite() ? "SQLite FTS5" : "PostgreSQL tsvector", docs.size(), differs);
  std::printf("  found first: %.2f %%   first or a document with the identical title: %.2f %%\n",
              100.0 * static_cast<double>(first) / static_cast<double>(docs.size()),
              100.0 * static_cast<double>(first_or_same) / static_cast<double>(docs.size()));
}

// The steps of one search, each timed alone (the median of 7, warm): the bound's count, the exact ranking and facets, the
// sample and its page, the snippets, and the whole service call (cache off).
void profile(gongkai::App& app, const std::vector<std::string>& queries) {
  namespace store = search::store;
  const int runs = std::getenv("RUNS") ? std::atoi(std::getenv("RUNS")) : 7;
  auto best = [&](auto&& fn) {
    std::vector<double> ms;
    for (int k = 0; k < runs; ++k) {
      auto t = std::chrono::steady_clock::now();
      fn();
      ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count());
    }
    return percentile(ms, 0.5);
  };
  store::Filters f;
  f.today = platform::local_date_today();
  for (const auto& text : queries) {
    auto q = search::parse_query(text);
    if (!q) {
      std::printf("%s: %s\n", text.c_str(), q.error().message.c_str());
      continue;
    }
    std::printf("%s\n", text.c_str());
    app.db->read([&](soci::session& s) {
      if (!app.db->is_sqlite()) {
        // PostgreSQL: one reading of the matches decides and answers (store::bounded).
        store::Sample smp;
        std::printf("  bounded (relevance)     %8.2f ms\n",
                    best([&] { smp = store::bounded(s, *q, f, store::Sort::relevance, 2000, {}); }));
        std::printf("  bounded (date)          %8.2f ms\n",
                    best([&] { store::bounded(s, *q, f, store::Sort::date, 2000, {}); }));
        std::vector<store::Hit> hits;
        std::printf("  sample_page             %8.2f ms (%zu candidates, %s %lld matches)\n",
                    best([&] { hits = store::sample_page(s, smp, store::Sort::relevance, std::nullopt, 21); }),
                    smp.candidates.size(), smp.exact ? "exactly" : "about", smp.total);
        if (smp.exact) {
          std::printf("  search (relevance)      %8.2f ms\n",
                      best([&] { store::search(s, *q, f, store::Sort::relevance, std::nullopt, 21); }));
        }
        return;
      }
      bool over = false;
      {
        std::printf("  matches_up_to(2000)     %8.2f ms\n", best([&] { over = !store::matches_up_to(s, *q, f, 2000); }));
      }
      if (!over) {
        std::vector<store::Hit> hits;
        std::printf("  search (relevance)      %8.2f ms\n",
                    best([&] { hits = store::search(s, *q, f, store::Sort::relevance, std::nullopt, 21); }));
        std::printf("  search (date)           %8.2f ms\n",
                    best([&] { store::search(s, *q, f, store::Sort::date, std::nullopt, 21); }));
        long long n = 0;
        double took = best([&] { n = store::total_of(store::match_facets(s, *q, f)); });
        std::printf("  match_facets            %8.2f ms (%lld matches)\n", took, n);
        auto needles = q->highlights();
        std::printf("  snippets of the page    %8.2f ms\n", best([&] {
                      for (const auto& h : hits) search::highlight(h.entry.body, needles, 120);
                    }));
      } else {
        store::Sample smp;
        std::printf("  sample (relevance)      %8.2f ms\n",
                    best([&] { smp = store::sample(s, *q, f, store::Sort::relevance, {}); }));
        std::printf("  sample (date)           %8.2f ms\n", best([&] { store::sample(s, *q, f, store::Sort::date, {}); }));
        std::vector<store::Hit> hits;
        std::printf("  sample_page             %8.2f ms (%zu candidates, about %lld matches)\n",
                    best([&] { hits = store::sample_page(s, smp, store::Sort::relevance, std::nullopt, 21); }),
                    smp.candidates.size(), smp.total);
        auto needles = q->highlights();
        std::printf("  snippets of the page    %8.2f ms\n", best([&] {
                      for (const auto& h : hits) search::highlight(h.entry.body, needles, 120);
                    }));
      }
    });
    search::SearchRequest r;
    r.q = text;
    std::vector<double> all;
    for (int k = 0; k < runs; ++k) {
      auto t = std::chrono::steady_clock::now();
      (void)app.search.search(r);
      all.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count());
    }
    std::printf("  SearchService::search   %8.2f ms (p90 %.2f ms)\n", percentile(all, 0.5), percentile(all, 0.9));
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string url, set = "all";
  std::size_t limit = 1000000;
  int copies = 1;
  std::vector<std::string> queries;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--db") url = argv[i + 1];
    if (a == "--set") set = argv[i + 1];
    if (a == "--limit") limit = std::stoul(argv[i + 1]);
    if (a == "--copies") copies = std::stoi(argv[i + 1]);
    if (a == "--q") queries.push_back(argv[i + 1]);
  }
  platform::crypto_init();
  auto run = [&](const std::string& which) {
    std::string u = url;
    std::string file;
    if (u.empty()) {
      file = (std::filesystem::temp_directory_path() / ("search_bench_" + which + ".db")).string();
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file + suffix);
      u = "sqlite:" + file;
    }
    auto db = platform::db::Database::open({u, 4});
    if (!db) {
      std::cerr << db.error().message << "\n";
      std::exit(1);
    }
    if (!platform::db::migrate(**db).ok()) std::exit(1);
    (*db)->write([](soci::session& s) {
      s << "DELETE FROM search_log";
      search::store::clear(s);
    });
    gongkai::AppOptions o;
    o.data_dir = std::filesystem::temp_directory_path() / "search_bench_data";
    gongkai::App app(*db, o);
    if (which == "cmrc") cmrc(app, limit);
    if (which == "known") known_item(app, limit);
    if (which == "load") load_copies(app, copies);
  };
  if (set == "profile") {
    auto db = platform::db::Database::open({url, 1});
    if (!db) {
      std::cerr << db.error().message << "\n";
      return 1;
    }
    gongkai::AppOptions o;
    o.data_dir = std::filesystem::temp_directory_path() / "search_bench_data";
    o.search_cache_entries = 0;
    gongkai::App app(*db, o);
    profile(app, queries);
    return 0;
  }
  if (set == "load") {
    run("load");
    return 0;
  }
  if (set == "cmrc" || set == "all") run("cmrc");
  if (set == "known" || set == "all") run("known");
  return 0;
}
