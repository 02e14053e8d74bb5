// Hot functions of publication, on the real documents of shared/data: the personal-data scan that gates every
// submission and publication, the Markdown rendering of a body, and the ledger's content hash.
//   cmake -B build-bench -DGONGKAI_BUILD_BENCH=ON -DCMAKE_BUILD_TYPE=Release && ninja -C build-bench disclosure_bench
//   build-bench/disclosure_bench
#include <benchmark/benchmark.h>

#include <boost/json.hpp>
#include <fstream>
#include <string>
#include <vector>

#include "gongkai/disclosure/model.hpp"
#include "gongkai/privacy/scanner.hpp"
#include "platform/crypto.hpp"
#include "platform/render/markdown.hpp"

namespace {

// The bodies of the first 200 documents of the sample (about 2 MB of Chinese legal text).
const std::vector<std::string>& bodies() {
  static const std::vector<std::string> out = [] {
    std::vector<std::string> v;
    std::ifstream in(GONGKAI_SHARED_DATA_DIR "/documents/lawrefbook_sample_200.jsonl");
    std::string line;
    while (std::getline(in, line)) {
      auto o = boost::json::parse(line).as_object();
      v.emplace_back(o.at("body").as_string());
    }
    return v;
  }();
  return out;
}

std::size_t total_bytes() {
  std::size_t n = 0;
  for (const auto& b : bodies()) n += b.size();
  return n;
}

void BM_PrivacyScan(benchmark::State& state) {
  for (auto _ : state) {
    for (const auto& b : bodies()) benchmark::DoNotOptimize(gongkai::privacy::scan(b));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * total_bytes()));
}
BENCHMARK(BM_PrivacyScan)->Unit(benchmark::kMillisecond);

void BM_MarkdownToHtml(benchmark::State& state) {
  for (auto _ : state) {
    for (const auto& b : bodies()) benchmark::DoNotOptimize(platform::render::markdown_to_html(b));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * total_bytes()));
}
BENCHMARK(BM_MarkdownToHtml)->Unit(benchmark::kMillisecond);

void BM_ContentHash(benchmark::State& state) {
  platform::crypto_init();
  for (auto _ : state) {
    for (const auto& b : bodies()) {
      gongkai::disclosure::LedgerContent c;
      c.document_id = 1;
      c.edition_no = 1;
      c.fields.title = "标题";
      c.fields.body_md = b;
      benchmark::DoNotOptimize(gongkai::disclosure::content_hash(c));
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * total_bytes()));
}
BENCHMARK(BM_ContentHash)->Unit(benchmark::kMillisecond);

}  // namespace
