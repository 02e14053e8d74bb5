// Search: the analyser, the query language, highlighting, and the exactness of the index on both backends — for
// hundreds of strings drawn from the real documents, in Simplified and in Traditional script, the documents found
// are exactly those whose normalised text contains the string.
#include <gtest/gtest.h>
#include <opencc/opencc.h>

#include <boost/json.hpp>
#include <fstream>
#include <map>
#include <random>
#include <limits>
#include <set>

#include "gongkai/search/analysis.hpp"
#include "gongkai/search/query.hpp"
#include "gongkai/search/service.hpp"
#include "gongkai/search/store.hpp"
#include "platform/assets.hpp"
#include "platform/db/migrations.hpp"
#include "platform/db/rows.hpp"
#include "platform_test_db.hpp"

namespace gongkai::search {
namespace {

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& t : v) {
    if (!out.empty()) out += ' ';
    out += t == kSeparatorToken ? "|" : t;
  }
  return out;
}

// ---- the analyser ---------------------------------------------------------------------------------------------------

TEST(SearchAnalysis, NormaliseFoldsWidthCaseAndScript) {
  EXPECT_EQ(normalise("政務公開"), "政务公开");
  EXPECT_EQ(normalise("ＧＤＰ增長１２３"), "gdp增长123");
  EXPECT_EQ(normalise("HeLLo"), "hello");
  EXPECT_EQ(normalise("國務院辦公廳關於"), "国务院办公厅关于");
  EXPECT_EQ(normalise(""), "");
  // Idempotent.
  EXPECT_EQ(normalise(normalise("臺灣後來發現")), normalise("臺灣後來發現"));
  // Invalid UTF-8 does not throw; it becomes a replacement character.
  EXPECT_NO_THROW(normalise(std::string("\xff\xfe abc \xe4\xb8", 9)));
}

TEST(SearchAnalysis, DocumentNumbersInTheFormsPeopleType) {
  const std::string canonical = normalise("国办发〔2017〕47号");
  EXPECT_EQ(canonical, "国办发〔2017〕47号");
  EXPECT_EQ(normalise("国办发[2017]47号"), canonical);
  EXPECT_EQ(normalise("国办发［2017］47号"), canonical);
  EXPECT_EQ(normalise("国办发（2017）47号"), canonical);
  EXPECT_EQ(normalise("国办发(2017)47号"), canonical);
  EXPECT_EQ(normalise("国办发【2017】47号"), canonical);
  EXPECT_EQ(normalise("国办发2017年47号"), canonical);
  EXPECT_EQ(normalise("國辦發〔2017〕47號"), canonical);
  EXPECT_EQ(normalise("国办发 [ 2017 ] 47 号"), canonical);
  // Not a document number: left alone.
  EXPECT_EQ(normalise("2017年4月"), "2017年4月");
  EXPECT_EQ(normalise("第2017号"), "第2017号");
}

TEST(SearchAnalysis, BigramsWithTheUnigramOfTheLastCharacterAndSeparators) {
  EXPECT_EQ(joined(tokens("政务公开")), "政务 务公 公开 开");
  EXPECT_EQ(joined(tokens("税")), "税");
  EXPECT_EQ(joined(tokens("政务，公开")), "政务 务 | 公开 开");
  EXPECT_EQ(joined(tokens("2017年4月")), "2017 年 4 月");
  EXPECT_EQ(joined(tokens("hello world")), "hello world");
  EXPECT_EQ(joined(tokens("gdp 增长")), "gdp | 增长 长");
  EXPECT_EQ(joined(tokens("...")), "");
  // The private-use separator itself in text is punctuation, never a token.
  EXPECT_EQ(joined(tokens(std::string("a") + std::string(kSeparatorToken) + "b")), "a b");
  std::string longword(100, 'x');
  EXPECT_EQ(tokens(longword).front().size(), kMaxWordChars);
}

TEST(SearchAnalysis, TermTokensLeaveOpenWhatTheDocumentMayContinue) {
  auto t = term_tokens("政务公开");
  EXPECT_EQ(joined(t.tokens), "政务 务公 公开");
  EXPECT_FALSE(t.prefix_last);
  t = term_tokens("税");
  EXPECT_EQ(joined(t.tokens), "税");
  EXPECT_TRUE(t.prefix_last);
  t = term_tokens("2017年");
  EXPECT_EQ(joined(t.tokens), "2017 年");
  EXPECT_TRUE(t.prefix_last);
  t = term_tokens("公开2018");
  EXPECT_EQ(joined(t.tokens), "公开 开 2018");
  t = term_tokens("，，");
  EXPECT_TRUE(t.tokens.empty());
}

TEST(SearchAnalysis, TitleKeysIgnoreScriptWidthAndPunctuation) {
  EXPECT_EQ(title_key("中华人民共和国政府信息公开条例"), title_key("《中華人民共和國政府信息公開條例》"));
  EXPECT_EQ(title_key("关于 ＧＤＰ 的通知。"), "关于gdp的通知");
  EXPECT_NE(title_key("土地管理法"), title_key("土地管理法实施条例"));
  auto q = parse_query("中華人民共和國 政府信息公開條例 -草案");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->title_key, title_key("中华人民共和国政府信息公开条例"));
}

// ---- the query language ---------------------------------------------------------------------------------------

TEST(SearchQuery, TermsPhrasesExclusionsAndOr) {
  auto q = parse_query("政务公开 \"信息 公开\" -征求 公示 OR 公告");
  ASSERT_TRUE(q.ok()) << q.error().message;
  ASSERT_EQ(q->all_of.size(), 3u);
  EXPECT_EQ(q->all_of[0][0].text, "政务公开");
  EXPECT_EQ(joined(q->all_of[1][0].tokens.tokens), "信息 息 | 公开");
  ASSERT_EQ(q->all_of[2].size(), 2u);
  ASSERT_EQ(q->none_of.size(), 1u);
  EXPECT_EQ(to_fts5(*q), "((\"政务 务公 公开\") AND (\"信息 息 \xEE\x80\x80 公开\") AND (\"公示\" OR \"公告\")) NOT \"征求\"");
  EXPECT_EQ(to_tsquery(q->all_of[1][0]), "'信息' <-> '息' <2> '公开'");
  auto single = parse_query("税");
  ASSERT_TRUE(single.ok());
  EXPECT_EQ(to_fts5(*single), "(\"税\"*)");
  EXPECT_EQ(to_tsquery(single->all_of[0][0]), "'税':*");
  // Chinese quotation marks and full-width minus.
  auto cn = parse_query("“政府信息” －依申请");
  ASSERT_TRUE(cn.ok());
  EXPECT_EQ(cn->all_of.size(), 1u);
  EXPECT_EQ(cn->none_of.size(), 1u);
}

TEST(SearchQuery, UnusableQueriesAreExplained) {
  EXPECT_EQ(parse_query("").error().code, "empty_query");
  EXPECT_EQ(parse_query("   \u3000 ").error().code, "empty_query");
  EXPECT_EQ(parse_query("-公开").error().code, "only_exclusions");
  EXPECT_EQ(parse_query("，。！").error().code, "nothing_searchable");
  EXPECT_EQ(parse_query(std::string(201, 'a')).error().code, "query_too_long");
  std::string many;
  for (int i = 0; i < 17; ++i) many += "词" + std::to_string(i) + " ";
  EXPECT_EQ(parse_query(many).error().code, "too_many_terms");
  auto q = parse_query("公开 ！！");
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->ignored.size(), 1u);
  // Quotes inside the query cannot break out of an FTS5 string.
  auto inj = parse_query("a\"b OR c");
  ASSERT_TRUE(inj.ok());
  EXPECT_EQ(to_fts5(*inj).find("\"\""), std::string::npos);
}

TEST(SearchHighlight, MarksMatchesAndEscapesEverythingElse) {
  EXPECT_EQ(highlight("关于<b>政务公开</b>的通知", {"政务公开"}, 0), "关于&lt;b&gt;<mark>政务公开</mark>&lt;/b&gt;的通知");
  // Traditional text, Simplified needle: the original characters are kept inside the mark.
  EXPECT_EQ(highlight("推進政務公開工作", {"政务公开"}, 0), "推進<mark>政務公開</mark>工作");
  EXPECT_EQ(highlight("ＧＤＰ增长", {"gdp"}, 0), "<mark>ＧＤＰ</mark>增长");
  // A window around the first match, with ellipses.
  std::string body(200, 'x');
  body += "关键词";
  body += std::string(200, 'y');
  std::string snip = highlight(body, {"关键词"}, 60);
  EXPECT_NE(snip.find("<mark>关键词</mark>"), std::string::npos);
  EXPECT_EQ(snip.rfind("…", 0), 0u);
  EXPECT_LT(snip.size(), 200u);
}

// ---- exactness on both backends ---------------------------------------------------------------------------------

struct SourceDoc {
  std::string title, body;
};

std::vector<SourceDoc> load_documents(std::size_t limit) {
  std::vector<SourceDoc> out;
  std::ifstream in(std::string(GONGKAI_SHARED_DATA_DIR) + "/documents/lawrefbook_sample_200.jsonl");
  std::string line;
  while (out.size() < limit && std::getline(in, line)) {
    auto v = boost::json::parse(line).as_object();
    out.push_back({std::string(v["title"].as_string()), std::string(v["body"].as_string())});
  }
  return out;
}

bool is_han_at(const std::u32string& s, std::size_t i) { return s[i] >= 0x4E00 && s[i] <= 0x9FFF; }

std::string utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

class SearchExactnessTest : public gongkai_test::DbTest {};

// An entry of a document published on 2026-01-01 in unit 1; tests change what they need before store::put.
store::Entry entry(long long record_id, std::string title, std::string body) {
  store::Entry e;
  e.kind = "document";
  e.record_id = record_id;
  e.unit_id = 1;
  e.published_at = "2026-01-01T00:00:00Z";
  e.year = 2026;
  e.validity = "in_force";
  e.title = std::move(title);
  e.body = std::move(body);
  return e;
}

void put_entry(soci::session& s, long long record_id, std::string title, std::string body) {
  store::put(s, entry(record_id, std::move(title), std::move(body)), "2026-01-01T00:00:00Z");
}

// The record ids a query finds (all of them, relevance order).
std::vector<long long> found_ids(soci::session& s, const std::string& query) {
  auto q = parse_query(query);
  EXPECT_TRUE(q.ok()) << query;
  std::vector<long long> out;
  if (!q.ok()) return out;
  store::Filters f;
  f.today = "2026-06-01";
  for (const auto& h : store::search(s, *q, f, store::Sort::relevance, std::nullopt, 100000)) {
    out.push_back(h.entry.record_id);
  }
  return out;
}

TEST_P(SearchExactnessTest, ResultSetEqualsTheDocumentsContainingTheString) {
  auto docs = load_documents(200);
  ASSERT_GE(docs.size(), 100u) << "../shared/data/documents is missing";
  std::vector<std::string> norm_title, norm_body;
  db_->write([&](soci::session& s) {
    for (std::size_t i = 0; i < docs.size(); ++i) {
      norm_title.push_back(normalise(docs[i].title));
      norm_body.push_back(normalise(docs[i].body));
      put_entry(s, static_cast<long long>(i + 1), docs[i].title, docs[i].body);
    }
  });

  // 150 strings of 2–12 Han characters from random places of random documents; each also in Traditional script.
  std::mt19937 rng(4242);
  std::vector<std::string> simplified;
  while (simplified.size() < 150) {
    const auto& d = docs[rng() % docs.size()];
    std::u32string body = normalise_mapped(rng() % 5 == 0 ? d.title : d.body).chars;
    if (body.size() < 20) continue;
    std::size_t at = rng() % (body.size() - 12);
    std::size_t len = 2 + rng() % 11;
    if (at + len > body.size()) continue;
    bool all_han = true;
    for (std::size_t k = at; k < at + len; ++k) all_han = all_han && is_han_at(body, k);
    if (!all_han) continue;
    simplified.push_back(utf8(body.substr(at, len)));
  }
  opencc_t s2t = opencc_open("s2t.json");
  ASSERT_NE(s2t, reinterpret_cast<opencc_t>(-1));
  std::vector<std::string> strings = simplified;
  int differing = 0;
  for (const auto& s : simplified) {
    char* t = opencc_convert_utf8(s2t, s.data(), s.size());
    strings.emplace_back(t);
    if (strings.back() != s) ++differing;
    opencc_convert_utf8_free(t);
  }
  opencc_close(s2t);
  EXPECT_GT(differing, 50) << "the Traditional strings should mostly differ from the Simplified ones";

  int checked = 0;
  long long total_found = 0;
  db_->read([&](soci::session& s) {
    for (const auto& str : strings) {
      auto q = parse_query("\"" + str + "\"");
      ASSERT_TRUE(q.ok()) << str;
      std::string needle = normalise(str);
      std::set<long long> expected;
      for (std::size_t i = 0; i < docs.size(); ++i) {
        if (norm_title[i].find(needle) != std::string::npos || norm_body[i].find(needle) != std::string::npos) {
          expected.insert(static_cast<long long>(i + 1));
        }
      }
      std::set<long long> found;
      store::Filters f;
      f.today = "2026-06-01";
      for (const auto& h : store::search(s, *q, f, store::Sort::relevance, std::nullopt, 100000)) {
        found.insert(h.entry.record_id);
      }
      EXPECT_EQ(found, expected) << "string " << str << " (normalised " << needle << ")";
      EXPECT_EQ(static_cast<std::size_t>(store::total_of(store::match_facets(s, *q, f))), expected.size()) << str;
      EXPECT_FALSE(expected.empty()) << str << " was drawn from a document, so some document contains it";
      total_found += static_cast<long long>(found.size());
      ++checked;
    }
  });
  EXPECT_EQ(checked, 300);
  EXPECT_GT(total_found, 300);
}

TEST_P(SearchExactnessTest, WithdrawnEntriesDisappearAndKeysetPagesCoverEverythingOnce) {
  db_->write([&](soci::session& s) {
    for (int i = 1; i <= 45; ++i) {
      auto e = entry(i, i % 2 ? "关于政务公开工作的通知" : "政务公开", "正文 " + std::to_string(i));
      e.unit_id = i % 3 + 1;
      e.published_at = "2026-01-" + std::string(i % 28 + 1 < 10 ? "0" : "") + std::to_string(i % 28 + 1) + "T00:00:00Z";
      e.year = 2020 + i % 5;
      store::put(s, e, "2026-01-01T00:00:00Z");
    }
    store::remove(s, "document", 7);
  });
  auto q = parse_query("政务公开");
  ASSERT_TRUE(q.ok());
  store::Filters f;
  f.today = "2026-06-01";
  for (auto sort : {store::Sort::relevance, store::Sort::date}) {
    std::set<long long> seen;
    std::optional<store::Cursor> after;
    int pages = 0;
    while (true) {
      auto hits = db_->read([&](soci::session& s) { return store::search(s, *q, f, sort, after, 10); });
      if (hits.empty()) break;
      ++pages;

      for (const auto& h : hits) EXPECT_TRUE(seen.insert(h.entry.record_id).second) << "seen twice: " << h.entry.record_id;
      after = store::Cursor{hits.back().score, hits.back().entry.published_at, hits.back().entry.id};
      ASSERT_LT(pages, 10);
    }
    EXPECT_EQ(seen.size(), 44u);
    EXPECT_FALSE(seen.count(7));
  }
  // Filters: a unit and a year range.
  f.unit_ids = {2};
  f.year_from = 2021;
  f.year_to = 2022;
  auto hits = db_->read([&](soci::session& s) { return store::search(s, *q, f, store::Sort::relevance, std::nullopt, 100); });
  for (const auto& h : hits) {
    EXPECT_EQ(h.entry.unit_id, 2);
    EXPECT_GE(h.entry.year, 2021);
    EXPECT_LE(h.entry.year, 2022);
  }
  EXPECT_FALSE(hits.empty());
}

TEST_P(SearchExactnessTest, AnExactTitleRanksFirstAndAnUntitledEntryGetsNoBoost) {
  db_->write([&](soci::session& s) {
    put_entry(s, 1, "关于进一步加强政务公开工作的意见", "政务公开 政务公开 政务公开 政务公开");
    put_entry(s, 2, "政务公开条例", "正文");  // the title, as typed in Traditional script below
    put_entry(s, 3, "", "只在正文里提到一次政务的条目");
    put_entry(s, 4, "公开目录", "政务公开 政务 公开 政务公开 政务 公开 目录 政务公开");
  });
  store::Filters f;
  f.today = "2026-06-01";
  auto q = parse_query("政務公開條例");
  ASSERT_TRUE(q.ok());
  auto hits = db_->read([&](soci::session& s) { return store::search(s, *q, f, store::Sort::relevance, std::nullopt, 10); });
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits.front().entry.record_id, 2);
  // The relaxed form of a question keeps the typed key; an untitled entry that matches one bigram stays behind the
  // entries that match many (it once jumped ahead of everything: an empty key equalled its empty title).
  auto question = parse_query("政务公开目录哪里查");
  ASSERT_TRUE(question.ok());
  auto loose = relaxed(*question);
  ASSERT_TRUE(loose.has_value());
  EXPECT_EQ(loose->title_key, question->title_key);
  loose->title_key.clear();
  hits = db_->read([&](soci::session& s) { return store::search(s, *loose, f, store::Sort::relevance, std::nullopt, 10); });
  ASSERT_GE(hits.size(), 2u);
  EXPECT_NE(hits.front().entry.record_id, 3);
  EXPECT_EQ(hits.back().entry.record_id, 3);
}

// Cached answers are valid while the generation stands: it must rise with every change of the index, once the
// change is committed, and with nothing else.
TEST_P(SearchExactnessTest, TheGenerationRisesWithEveryChangeOfTheIndexAndNothingElse) {
  auto generation = [&] { return db_->read([](soci::session& s) { return store::generation(s); }); };
  auto put = [&](long long id, const std::string& title) {
    db_->write([&](soci::session& s) { put_entry(s, id, title, ""); });
  };
  long long g0 = generation();
  put(1, "政务公开");
  long long g1 = generation();
  EXPECT_GT(g1, g0);
  put(1, "政务公开（修订）");  // the same entry again
  long long g2 = generation();
  EXPECT_GT(g2, g1);
  auto q = parse_query("政务公开");
  ASSERT_TRUE(q.ok());
  store::Filters f;
  f.today = "2026-06-01";
  db_->read([&](soci::session& s) { store::search(s, *q, f, store::Sort::relevance, std::nullopt, 10); });
  EXPECT_EQ(generation(), g2) << "a search changes nothing";
  db_->write([&](soci::session& s) { store::remove(s, "document", 99); });
  EXPECT_EQ(generation(), g2) << "removing what is not indexed changes nothing";
  db_->write([&](soci::session& s) { store::remove(s, "document", 1); });
  EXPECT_GT(generation(), g2);
  // A change rolled back leaves the generation where it was.
  long long g3 = generation();
  EXPECT_THROW(db_->write([&](soci::session& s) {
                 put_entry(s, 2, "不会留下", "");
                 throw std::runtime_error("rolled back");
               }),
               std::runtime_error);
  EXPECT_EQ(generation(), g3);
}

// SQLite: the FTS5 index holds exactly the tokens of the current entries, no more (a delete told the wrong tokens
// leaves the old ones behind, which a search hides by joining to the entries) and no fewer. FTS5's own
// integrity-check cannot tell for a contentless table.
void expect_fulltext_is_exactly_the_entries(soci::session& s) {
  if (s.get_backend_name() != "sqlite3") return;
  std::map<long long, long long> expected, actual;
  soci::rowset<soci::row> entries = (s.prepare << "SELECT e.id, e.title, e.doc_no, e.index_no, b.body FROM search_entries e "
                                                  "JOIN search_bodies b ON b.entry_id = e.id");
  for (const auto& r : entries) {
    auto n = tokens(normalise(platform::db::text_at(r, 1))).size() +
             tokens(normalise(platform::db::text_at(r, 2) + " " + platform::db::text_at(r, 3))).size() +
             tokens(normalise(platform::db::text_at(r, 4))).size();
    if (n) expected[platform::db::int_at(r, 0)] = static_cast<long long>(n);
  }
  s << "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_fts_instances USING fts5vocab(main, search_fts, 'instance')";
  soci::rowset<soci::row> held = (s.prepare << "SELECT doc, COUNT(*) FROM temp.search_fts_instances GROUP BY doc");
  for (const auto& r : held) actual[platform::db::int_at(r, 0)] = platform::db::int_at(r, 1);
  EXPECT_EQ(actual, expected) << "entry id → tokens in the full-text index";
}

// The SQLite index keeps no copy of its tokens: a changed or withdrawn entry's old tokens are made again from its
// stored text and taken out. Whatever was said before must stop matching, and the index must stay consistent.
TEST_P(SearchExactnessTest, ARevisedOrWithdrawnEntryNoLongerMatchesItsOldText) {
  db_->write([&](soci::session& s) {
    put_entry(s, 1, "關於城市綠化的規定", "第一条 为了促进城市绿化事业的发展，制定本规定。国办发〔2017〕47号");
    put_entry(s, 2, "关于城市绿化的通知", "各区县绿化工作");
    auto e = entry(3, "其他", "无关正文");
    e.doc_no = "区府发〔2026〕3号";
    e.index_no = "11110000-2026-00003";
    store::put(s, e, "2026-01-01T00:00:00Z");
  });
  db_->read([&](soci::session& s) {
    EXPECT_EQ(found_ids(s, "\"城市绿化事业\""), std::vector<long long>{1});
    EXPECT_EQ(found_ids(s, "区府发[2026]3号"), std::vector<long long>{3});
  });
  db_->write([&](soci::session& s) {
    put_entry(s, 1, "关于城市绿化的规定（修订）", "第一条 为了改善生态环境，制定本规定。");
    put_entry(s, 2, "关于城市绿化的通知", "各区县绿化工作");  // unchanged: keeps its rows
    auto e = entry(3, "其他", "无关正文");
    e.doc_no = "区府发〔2026〕4号";
    store::put(s, e, "2026-01-01T00:00:00Z");
  });
  db_->read([&](soci::session& s) {
    EXPECT_TRUE(found_ids(s, "\"城市绿化事业\"").empty()) << "the old body still matched";
    EXPECT_TRUE(found_ids(s, "国办发〔2017〕47号").empty());
    EXPECT_TRUE(found_ids(s, "区府发[2026]3号").empty()) << "the old 文号 still matched";
    EXPECT_TRUE(found_ids(s, "11110000-2026-00003").empty()) << "the old 索引号 still matched";
    EXPECT_EQ(found_ids(s, "改善生态环境"), std::vector<long long>{1});
    EXPECT_EQ(found_ids(s, "区府发2026年4号"), std::vector<long long>{3});
    auto both = found_ids(s, "城市绿化");
    EXPECT_EQ(std::set<long long>(both.begin(), both.end()), (std::set<long long>{1, 2}));
    // Alternatives are looked up together (one tsquery on PostgreSQL), exclusions apart.
    auto either = found_ids(s, "改善生态环境 OR 区县绿化");
    EXPECT_EQ(std::set<long long>(either.begin(), either.end()), (std::set<long long>{1, 2}));
    EXPECT_EQ(found_ids(s, "城市绿化 -通知"), std::vector<long long>{1});
    EXPECT_EQ(found_ids(s, "城市绿化 改善生态环境 OR 无关"), std::vector<long long>{1});
  });
  db_->write([&](soci::session& s) { expect_fulltext_is_exactly_the_entries(s); });
  db_->write([&](soci::session& s) { store::remove(s, "document", 1); });
  db_->read([&](soci::session& s) {
    EXPECT_TRUE(found_ids(s, "改善生态环境").empty());
    EXPECT_EQ(found_ids(s, "城市绿化"), std::vector<long long>{2});
  });
  db_->write([&](soci::session& s) { expect_fulltext_is_exactly_the_entries(s); });
}

// An index analysed by another analyser (an upgrade changed it, or OpenCC's data) takes no writes — on SQLite they
// would take out tokens that are not there — until it has been made again from the stored text.
TEST_P(SearchExactnessTest, AnotherAnalysersIndexIsRebuiltBeforeItTakesWrites) {
  db_->write([&](soci::session& s) {
    put_entry(s, 1, "政务公开条例", "第一条 为了保障公民依法获取政府信息");
    put_entry(s, 2, "城市绿化条例", "第一条 为了促进城市绿化事业的发展");
  });
  EXPECT_EQ(db_->read([](soci::session& s) { return store::analyser(s); }), analyser_fingerprint());
  db_->write([](soci::session& s) { s << "UPDATE search_state SET analyser = 'analyser 0; unicode 1.0.0' WHERE id = 1"; });
  EXPECT_THROW(db_->write([](soci::session& s) { put_entry(s, 3, "新的条目", "正文"); }), std::runtime_error);
  EXPECT_THROW(db_->write([](soci::session& s) { store::remove(s, "document", 1); }), std::runtime_error);
  long long total = 0;
  db_->write([&](soci::session& s) { store::reanalyse_all(s, [&](long long, long long t) { total = t; }); });
  EXPECT_EQ(total, 2);
  db_->read([&](soci::session& s) {
    EXPECT_EQ(store::analyser(s), analyser_fingerprint());
    EXPECT_EQ(found_ids(s, "政務公開"), std::vector<long long>{1});
    EXPECT_EQ(found_ids(s, "\"城市绿化事业\""), std::vector<long long>{2});
    EXPECT_TRUE(found_ids(s, "新的条目").empty()) << "the refused write left nothing";
  });
  db_->write([](soci::session& s) {
    store::remove(s, "document", 1);
    put_entry(s, 3, "新的条目", "正文");
  });
  db_->read([&](soci::session& s) {
    EXPECT_TRUE(found_ids(s, "政务公开").empty());
    EXPECT_EQ(found_ids(s, "新的条目"), std::vector<long long>{3});
  });
  db_->write([&](soci::session& s) { expect_fulltext_is_exactly_the_entries(s); });
}

// The merge of the full-text index (SearchService::optimize's steps) changes how it is stored, never what it
// answers: the same hits in the same order with the same scores and counts, every entry's tokens still there, and
// a write after it found at once. On SQLite the index ends in one segment; on PostgreSQL the step empties the GIN
// index's pending list.
TEST_P(SearchExactnessTest, MergingTheIndexIntoOneSegmentChangesNoAnswer) {
  auto docs = load_documents(120);
  ASSERT_GE(docs.size(), 100u);
  // A transaction per ten entries: SQLite writes a segment at every commit and merges only four at a time.
  for (std::size_t k = 0; k < docs.size(); k += 10) {
    db_->write([&](soci::session& s) {
      for (std::size_t i = k; i < std::min(docs.size(), k + 10); ++i) {
        put_entry(s, static_cast<long long>(i + 1), docs[i].title, docs[i].body);
      }
    });
  }
  db_->write([](soci::session& s) { store::remove(s, "document", 7); });  // a deletion for the merge to fold in
  const bool sqlite = db_->is_sqlite();
  const std::vector<std::string> queries = {"条例", "人民政府", "\"法律责任\"", "管理 -罚款", "公开 OR 公示", "國務院", "第一条"};
  auto answers = [&] {
    std::vector<std::string> out;
    db_->read([&](soci::session& s) {
      store::Filters f;
      f.today = "2026-06-01";
      for (const auto& text : queries) {
        auto q = parse_query(text);
        EXPECT_TRUE(q.ok()) << text;
        if (!q.ok()) continue;
        std::string line = text + ":";
        for (const auto& h : store::search(s, *q, f, store::Sort::relevance, std::nullopt, 100000)) {
          line += " " + std::to_string(h.entry.record_id) + "@" + std::to_string(h.score);
        }
        line += " total " + std::to_string(store::total_of(store::match_facets(s, *q, f)));
        out.push_back(line);
      }
    });
    return out;
  };
  auto before = answers();
  auto shape = db_->read([](soci::session& s) { return store::index_shape(s); });
  if (sqlite) {
    EXPECT_GT(shape.segments, 1) << "several commits leave several segments";
  }
  EXPECT_GT(shape.pages, 0);

  // As SearchService::optimize does it: small steps, each in its own transaction, until one finds nothing to do.
  int steps = 0;
  for (bool more = true, first = true; more && steps < 1000; first = false, ++steps) {
    more = db_->write([&](soci::session& s) { return store::merge_step(s, 16, first); });
  }
  EXPECT_LT(steps, 1000);
  if (sqlite) {
    EXPECT_GT(steps, 1) << "a budget of 16 pages takes several steps";
  }
  shape = db_->read([](soci::session& s) { return store::index_shape(s); });
  if (sqlite) {
    EXPECT_EQ(shape.segments, 1);
  }
  EXPECT_EQ(answers(), before);
  db_->write([&](soci::session& s) { expect_fulltext_is_exactly_the_entries(s); });

  // Merging a merged index does nothing; a new entry lands in a segment of its own and is found at once.
  EXPECT_FALSE(db_->write([](soci::session& s) { return store::merge_step(s, 16, true); }));
  db_->write([](soci::session& s) { put_entry(s, 1000, "新发布的条目", "合并以后写入的正文"); });
  db_->read([&](soci::session& s) {
    EXPECT_EQ(found_ids(s, "合并以后"), std::vector<long long>{1000});
    if (sqlite) {
      EXPECT_EQ(store::index_shape(s).segments, 2);
    }
  });
}

// ---- searches with more matches than one search visits ----------------------------------------------------------

// When the sample holds every match, estimate() is search(): the same hits in the same order with the same scores
// (gongkai_bm25 given exact frequencies is bm25(); a one-phrase query's scores are all scaled alike), the same count and facet counts, on every page, by relevance
// and by date, with filters, OR and exclusions.
// SQLite samples with store::sample; PostgreSQL through store::bounded, which lists the matches loosely through GIN
// and checks the candidates exactly.
class SearchBoundedTest : public gongkai_test::DbTest {};

bool on_postgresql(soci::session& s) { return s.get_backend_name() == "postgresql"; }

// A page of the sample as the service shows it: the hits after `after`, and the sample's counts.
struct Estimated {
  std::vector<store::Hit> hits;
  std::vector<store::MatchFacets> groups;
  long long total = 0, candidates = 0;
};
Estimated estimate(soci::session& s, const ParsedQuery& q, const store::Filters& f, store::Sort sort,
                   const std::optional<store::Cursor>& after, int limit, const store::Sampling& sampling) {
  // With a bound of 0 PostgreSQL's bounded() always samples (or answers exactly when nothing matches).
  auto smp = on_postgresql(s) ? store::bounded(s, q, f, sort, 0, sampling) : store::sample(s, q, f, sort, sampling);
  return Estimated{store::sample_page(s, smp, sort, after, limit), smp.groups, smp.total,
                   static_cast<long long>(smp.candidates.size())};
}

TEST_P(SearchBoundedTest, AnEstimateOfASampleHoldingEveryMatchIsTheExactAnswer) {
  auto docs = load_documents(120);
  ASSERT_GE(docs.size(), 100u);
  db_->write([&](soci::session& s) {
    for (std::size_t i = 0; i < docs.size(); ++i) {
      auto e = entry(static_cast<long long>(i + 1), docs[i].title, docs[i].body);
      e.unit_id = static_cast<long long>(i % 3 + 1);
      e.year = 2020 + static_cast<int>(i % 5);
      e.published_at = "2026-0" + std::to_string(i % 9 + 1) + "-01T00:00:00Z";  // ties: the id decides
      store::put(s, e, "2026-01-01T00:00:00Z");
    }
  });
  store::Sampling everything{4, 1000, 10};
  int compared = 0;
  // 法 and 法 人民政府: a one-character term is a prefix (法*), read from the prefix index like a token.
  for (const std::string& query :
       std::vector<std::string>{"规定", "人民政府 管理", "\"国务院\" OR 办法 -罚款", docs[7].title, "法", "法 人民政府"}) {
    auto q = parse_query(query);
    ASSERT_TRUE(q.ok()) << query;
    const bool single = q->all_of.size() == 1 && q->all_of[0].size() == 1;
    for (bool filtered : {false, true}) {
      store::Filters f;
      f.today = "2026-06-01";
      if (filtered) {
        f.unit_ids = {2, 3};
        f.year_from = 2021;
      }
      for (auto sort : {store::Sort::relevance, store::Sort::date}) {
        std::optional<store::Cursor> after, after_estimated;  // each walk with its own cursor (its own scores)
        for (int page = 0; page < 20; ++page) {
          auto [exact, estimated] = db_->read([&](soci::session& s) {
            return std::pair{store::search(s, *q, f, sort, after, 7),
                             estimate(s, *q, f, sort, after_estimated, 7, everything)};
          });
          ASSERT_EQ(estimated.hits.size(), exact.size()) << query << " page " << page;
          for (std::size_t k = 0; k < exact.size(); ++k) {
            EXPECT_EQ(estimated.hits[k].entry.id, exact[k].entry.id) << query << " page " << page << " #" << k;
            // One phrase: its IDF is not estimated, as it scales every score alike (the order is the test).
            if (single) continue;
            // search() hands its scores over as SQLite's printf('%!.17g') text, whose conversion is good to about
            // 15 digits (the cursor's ties allow 1e-9).
            EXPECT_NEAR(estimated.hits[k].score, exact[k].score, std::abs(exact[k].score) * 1e-12)
                << query << " page " << page << " #" << k;
          }
          if (page == 0) {
            auto groups = db_->read([&](soci::session& s) { return store::match_facets(s, *q, f); });
            EXPECT_EQ(estimated.total, store::total_of(groups)) << query;
            std::map<std::pair<long long, int>, long long> want, got;
            for (const auto& g : groups) want[{g.unit_id, g.year}] += g.count;
            for (const auto& g : estimated.groups) got[{g.unit_id, g.year}] += g.count;
            EXPECT_EQ(got, want) << query;
          }
          if (exact.empty()) break;
          ++compared;
          after = store::Cursor{exact.back().score, exact.back().entry.published_at, exact.back().entry.id};
          const auto& last = estimated.hits.back();
          after_estimated = store::Cursor{last.score, last.entry.published_at, last.entry.id};
        }
      }
    }
  }
  EXPECT_GT(compared, 40);
}

// Below the bound the matches are read once: the same matches as search(), counted into the same facet groups as
// match_facets(), and by date the same pages with the same cursors — with filters, OR and exclusions. Their number
// is a lone phrase's document frequency, with which search() scores as bm25() does.
TEST_P(SearchBoundedTest, EveryMatchUpToTheBoundIsCountedAndPagedByDateAsTheExactSearchDoes) {
  auto docs = load_documents(150);
  ASSERT_GE(docs.size(), 100u);
  db_->write([&](soci::session& s) {
    for (std::size_t i = 0; i < docs.size(); ++i) {
      auto e = entry(static_cast<long long>(i + 1), docs[i].title, docs[i].body);
      e.unit_id = static_cast<long long>(i % 3 + 1);
      e.year = 2020 + static_cast<int>(i % 5);
      e.validity = i % 4 == 0 ? "repealed" : "in_force";
      e.published_at = "2026-0" + std::to_string(i % 9 + 1) + "-1" + std::to_string(i % 7) + "T08:00:00Z";
      store::put(s, e, "2026-01-01T00:00:00Z");
    }
  });
  auto key = [](const store::MatchFacets& m) {
    return std::to_string(m.unit_id) + "|" + std::to_string(m.column_id.value_or(0)) + "|" + m.kind + "|" +
           m.info_class + "|" + m.topic + "|" + m.validity + "|" + m.expires_on + "|" + m.repealed_on + "|" +
           std::to_string(m.year) + "|" + std::to_string(m.count);
  };
  int compared = 0, lone = 0;
  for (const std::string text : {"条例", "人民政府", "\"法律责任\"", "管理 -罚款", "公开 OR 公示", "國務院", "法"}) {
    auto q = parse_query(text);
    ASSERT_TRUE(q.ok()) << text;
    for (int filtered = 0; filtered < 2; ++filtered) {
      store::Filters f;
      f.today = "2026-06-01";
      if (filtered) {
        f.unit_ids = {2, 3};
        f.year_from = 2021;
      }
      db_->read([&](soci::session& s) {
        auto exact = store::match_facets(s, *q, f);
        const long long total = store::total_of(exact);
        if (total == 0) return;
        // SQLite: matches_up_to; PostgreSQL: bounded(), exact at most at the bound.
        auto up_to = [&](long long cap, store::Sort sort) -> std::optional<store::Sample> {
          if (!on_postgresql(s)) return store::matches_up_to(s, *q, f, cap);
          auto b = store::bounded(s, *q, f, sort, cap, {});
          if (!b.exact) return std::nullopt;
          return b;
        };
        auto every = up_to(100000, store::Sort::date);
        ASSERT_TRUE(every) << text;
        EXPECT_EQ(every->total, total) << text;
        std::multiset<std::string> want, got;
        for (const auto& m : exact) want.insert(key(m));
        for (const auto& m : every->groups) got.insert(key(m));
        EXPECT_EQ(got, want) << text << (filtered ? " (filtered)" : "");
        EXPECT_FALSE(up_to(total - 1, store::Sort::date)) << text;
        EXPECT_TRUE(up_to(total, store::Sort::date)) << text;
        if (on_postgresql(s)) {
          // PostgreSQL scores every match as search() does: by relevance the same pages with the same scores.
          auto ranked = up_to(total, store::Sort::relevance);
          ASSERT_TRUE(ranked && ranked->scored) << text;
          auto want_all = store::search(s, *q, f, store::Sort::relevance, std::nullopt, 100000);
          auto got_all = store::sample_page(s, *ranked, store::Sort::relevance, std::nullopt, 100000);
          ASSERT_EQ(got_all.size(), want_all.size()) << text;
          for (std::size_t k = 0; k < want_all.size(); ++k) {
            EXPECT_EQ(got_all[k].entry.id, want_all[k].entry.id) << text << " #" << k;
            EXPECT_NEAR(got_all[k].score, want_all[k].score, std::abs(want_all[k].score) * 1e-12) << text << " #" << k;
          }
        }
        // A lone phrase unfiltered: its document frequency is the number of matches, and given it search() ranks
        // with the same scores, to the bit, as when bm25() counts it.
        if (!on_postgresql(s) && !filtered && q->all_of.size() == 1 && q->all_of[0].size() == 1 && q->none_of.empty()) {
          auto counted = store::search(s, *q, f, store::Sort::relevance, std::nullopt, 100000);
          auto given = store::search(s, *q, f, store::Sort::relevance, std::nullopt, 100000,
                                     {static_cast<double>(total)});
          ASSERT_EQ(given.size(), counted.size()) << text;
          for (std::size_t k = 0; k < given.size(); ++k) {
            EXPECT_EQ(given[k].entry.id, counted[k].entry.id) << text << " #" << k;
            EXPECT_EQ(given[k].score, counted[k].score) << text << " #" << k;
          }
          ++lone;
        }
        // Page by page, by date, 7 at a time.
        std::optional<store::Cursor> after;
        for (int page = 0; page < 100; ++page) {
          auto want_page = store::search(s, *q, f, store::Sort::date, after, 7);
          auto got_page = store::sample_page(s, *every, store::Sort::date, after, 7);
          ASSERT_EQ(got_page.size(), want_page.size()) << text << " page " << page;
          for (std::size_t k = 0; k < want_page.size(); ++k) {
            EXPECT_EQ(got_page[k].entry.id, want_page[k].entry.id) << text << " page " << page;
            EXPECT_EQ(got_page[k].entry.body, want_page[k].entry.body);
          }
          if (want_page.size() < 7) break;
          const auto& last = want_page.back();
          after = store::Cursor{last.score, last.entry.published_at, last.entry.id};
        }
        ++compared;
      });
    }
  }
  EXPECT_GE(compared, 10);
  if (db_->is_sqlite()) {
    EXPECT_GE(lone, 4);
  }
}

// An operator may raise the bound far above the default: the matches are then read by key a few thousand at a time,
// and every one is still counted.
TEST_P(SearchBoundedTest, AHighBoundCountsEveryMatchThoughTheyAreReadByKeyInChunks) {
  db_->write([&](soci::session& s) {
    for (int i = 1; i <= 4500; ++i) {
      auto e = entry(i, i % 3 ? "城市绿化通知" : "道路养护通知", "");
      e.unit_id = i % 2 + 1;
      store::put(s, e, "2026-01-01T00:00:00Z");
    }
  });
  auto q = parse_query("绿化");
  ASSERT_TRUE(q.ok());
  store::Filters f;
  f.today = "2026-06-01";
  db_->read([&](soci::session& s) {
    auto up_to = [&](long long cap) -> std::optional<store::Sample> {
      if (!on_postgresql(s)) return store::matches_up_to(s, *q, f, cap);
      auto b = store::bounded(s, *q, f, store::Sort::date, cap, {});
      if (!b.exact) return std::nullopt;
      return b;
    };
    auto every = up_to(std::numeric_limits<long long>::max());
    ASSERT_TRUE(every);
    EXPECT_EQ(every->total, 3000);
    std::set<long long> ids;
    for (const auto& c : every->candidates) ids.insert(c.id);
    EXPECT_EQ(ids.size(), 3000u);
    EXPECT_EQ(store::total_of(every->groups), 3000);
    EXPECT_EQ(every->groups.size(), 2u) << "units 1 and 2";
    EXPECT_FALSE(up_to(2999));
  });
}

// Beyond the sample: counts are estimated from it (here within a few percent, the matches being evenly spread),
// every hit is a match, the pages go through the candidates once each in order, and an entry whose whole title
// is the query is first although no slice of the sample reached it.
TEST_P(SearchBoundedTest, BeyondTheSampleCountsAreEstimatedAndTheExactTitleStillRanksFirst) {
  db_->write([&](soci::session& s) {
    for (int i = 1; i <= 400; ++i) {
      // Every other entry mentions 城市绿化; entry 395 is titled exactly that, late in a slice no sample reaches.
      std::string title = i == 395 ? "城市绿化" : i % 2 ? "关于城市绿化工作的通知" : "关于道路养护的通知";
      auto e = entry(i, title, i % 2 ? "做好城市绿化和园林管理" : "道路养护");
      e.unit_id = i % 4 + 1;
      e.published_at = "2026-01-" + std::string(i % 28 + 1 < 10 ? "0" : "") + std::to_string(i % 28 + 1) + "T00:00:00Z";
      store::put(s, e, "2026-01-01T00:00:00Z");
    }
  });
  auto q = parse_query("城市绿化");
  ASSERT_TRUE(q.ok());
  store::Filters f;
  f.today = "2026-06-01";
  store::Sampling small{8, 10, 6};
  auto est = db_->read([&](soci::session& s) {
    if (on_postgresql(s)) {
      EXPECT_FALSE(store::bounded(s, *q, f, store::Sort::date, 199, small).exact) << "200 matches are more than 199";
      auto every = store::bounded(s, *q, f, store::Sort::date, 200, small);
      EXPECT_TRUE(every.exact && every.total == 200 && every.candidates.size() == 200u);
    } else {
      EXPECT_FALSE(store::matches_up_to(s, *q, f, 199)) << "200 matches are more than 199";
      auto every = store::matches_up_to(s, *q, f, 200);
      EXPECT_TRUE(every && every->total == 200 && every->candidates.size() == 200u);
    }
    return estimate(s, *q, f, store::Sort::relevance, std::nullopt, 5, small);
  });
  EXPECT_NEAR(static_cast<double>(est.total), 200.0, 20.0);
  long long sum = 0;
  for (const auto& g : est.groups) {
    sum += g.count;
    EXPECT_TRUE(g.unit_id == 2 || g.unit_id == 4) << "odd ids are in units 2 and 4 only";
    EXPECT_NEAR(static_cast<double>(g.count), 100.0, 20.0);
  }
  EXPECT_NEAR(static_cast<double>(sum), 200.0, 20.0);
  ASSERT_FALSE(est.hits.empty());
  EXPECT_EQ(est.hits.front().entry.record_id, 395);
  if (db_->is_sqlite()) {
    // 8 slices × 10 + the 6 newest + the exact title, some of them the same entries.
    EXPECT_GT(est.candidates, 40);
    EXPECT_LE(est.candidates, 8 * 10 + 6 + 1);
  } else {
    // A quarter: 8 runs × 2 + the newest + the exact title (and a ninth run of the remainder).
    EXPECT_GT(est.candidates, 12);
    EXPECT_LE(est.candidates, 9 * 2 + 1 + 1);
  }

  for (auto sort : {store::Sort::relevance, store::Sort::date}) {
    std::set<long long> seen;
    std::optional<store::Cursor> after;
    std::optional<store::Hit> previous;
    for (int page = 0; page < 100; ++page) {
      auto e = db_->read([&](soci::session& s) { return estimate(s, *q, f, sort, after, 9, small); });
      if (e.hits.empty()) break;
      for (const auto& h : e.hits) {
        EXPECT_EQ(h.entry.record_id % 2 == 1 || h.entry.record_id == 395, true) << h.entry.record_id << " is no match";
        EXPECT_TRUE(seen.insert(h.entry.id).second) << "seen twice: " << h.entry.record_id;
        if (previous && sort == store::Sort::date) {
          EXPECT_GE(previous->entry.published_at, h.entry.published_at);
        }
        if (previous && sort == store::Sort::relevance) {
          EXPECT_LE(previous->score, h.score);
        }
        previous = h;
      }
      after = store::Cursor{e.hits.back().score, e.hits.back().entry.published_at, e.hits.back().entry.id};
    }
    EXPECT_EQ(static_cast<long long>(seen.size()), est.candidates);
  }
}

// PostgreSQL lists the matches by each phrase's lexemes (GIN alone), which also finds entries holding them apart. A
// rare phrase whose characters are common is still found exactly: when too few sampled entries hold the phrase
// itself, every listed entry is checked. On SQLite FTS5 finds phrases itself.
TEST_P(SearchBoundedTest, ARarePhraseOfCommonCharactersIsFoundExactlyAboveTheBound) {
  db_->write([&](soci::session& s) {
    for (int i = 1; i <= 400; ++i) {
      // 城市, 市绿 and 绿化 in every entry, apart; 城市绿化 itself in three.
      std::string body = i % 150 == 7 ? "推进城市绿化工作" : "城市规划。市绿地管理。绿化养护";
      store::put(s, entry(i, "通知" + std::to_string(i), body), "2026-01-01T00:00:00Z");
    }
  });
  auto q = parse_query("城市绿化");
  ASSERT_TRUE(q.ok());
  store::Filters f;
  f.today = "2026-06-01";
  for (auto sort : {store::Sort::relevance, store::Sort::date}) {
    auto got = db_->read([&](soci::session& s) { return store::bounded(s, *q, f, sort, 100, {}); });
    EXPECT_TRUE(got.exact);
    EXPECT_EQ(got.total, 3);
    std::set<long long> ids;
    for (const auto& c : got.candidates) ids.insert(c.id);
    std::set<long long> want;
    db_->read([&](soci::session& s) {
      for (const auto& h : store::search(s, *q, f, sort, std::nullopt, 1000)) want.insert(h.entry.id);
    });
    EXPECT_EQ(ids, want);
    EXPECT_EQ(ids.size(), 3u);
  }
}

TEST(SearchAnalysis, TheFingerprintNamesTheCodeUnicodeAndOpenCCData) {
  std::string f = analyser_fingerprint();
  EXPECT_EQ(f, analyser_fingerprint());
  EXPECT_NE(f.find("analyser " + std::to_string(kAnalyserVersion)), std::string::npos) << f;
  EXPECT_NE(f.find("unicode "), std::string::npos) << f;
  EXPECT_NE(f.find("opencc t2s "), std::string::npos) << f;
}

// Migration 0058 gave SQLite's full-text index a one-character prefix index. A contentless index cannot be copied
// into another, so an upgraded database gets an empty one and a stamp that is no analyser's: it takes no writes
// and is rebuilt from the stored text (by SearchService::ensure_analyser when a process starts) before it answers.
TEST_P(SearchBoundedTest, ThePrefixIndexMigrationEmptiesTheIndexAndTheRebuildFindsEverythingAgain) {
  if (!db_->is_sqlite()) GTEST_SKIP() << "SQLite's full-text index";
  db_->read([](soci::session& s) {
    EXPECT_EQ(store::analyser(s), "") << "migrated without entries: nothing to rebuild, no stamp";
    std::string table;
    s << "SELECT sql FROM sqlite_master WHERE name = 'search_fts'", soci::into(table);
    EXPECT_NE(table.find("prefix = '1'"), std::string::npos) << table;
  });
  db_->write([](soci::session& s) {
    put_entry(s, 1, "税收征收管理法", "纳税人应当依法纳税");
    put_entry(s, 2, "城市绿化条例", "第一条 为了促进城市绿化事业的发展");
  });
  auto sql = platform::assets::read("migrations/0058_search_prefix_index.sql");
  ASSERT_TRUE(sql);
  db_->write([&](soci::session& s) { db_->exec_script(s, platform::db::translate_sql(db_->backend(), *sql)); });
  db_->read([&](soci::session& s) {
    std::string stamp = store::analyser(s);
    EXPECT_FALSE(stamp.empty());
    EXPECT_NE(stamp, analyser_fingerprint()) << "ensure_analyser rebuilds exactly such an index";
    EXPECT_TRUE(found_ids(s, "税").empty()) << "the new index starts empty";
  });
  EXPECT_THROW(db_->write([](soci::session& s) { put_entry(s, 3, "新的条目", "正文"); }), std::runtime_error);
  db_->write([](soci::session& s) { store::reanalyse_all(s, {}); });
  db_->read([&](soci::session& s) {
    EXPECT_EQ(store::analyser(s), analyser_fingerprint());
    EXPECT_EQ(found_ids(s, "税"), std::vector<long long>{1});
    EXPECT_EQ(found_ids(s, "稅"), std::vector<long long>{1}) << "Traditional";
    EXPECT_EQ(found_ids(s, "绿"), std::vector<long long>{2});
    EXPECT_EQ(found_ids(s, "\"依法纳税\""), std::vector<long long>{1});
  });
  db_->write([&](soci::session& s) {
    put_entry(s, 3, "新的条目", "正文");
    expect_fulltext_is_exactly_the_entries(s);
  });
}

GONGKAI_DB_TEST_SUITE(SearchExactnessTest);
GONGKAI_DB_TEST_SUITE(SearchBoundedTest);

}  // namespace
}  // namespace gongkai::search
