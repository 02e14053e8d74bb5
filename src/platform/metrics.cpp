#include "platform/metrics.hpp"

#include <array>
#include <fmt/format.h>
#include <map>
#include <mutex>
#include <tuple>
#include <vector>

namespace platform::metrics {
namespace {

constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

struct Histogram {
  std::array<std::uint64_t, kBuckets.size()> counts{};
  std::uint64_t count = 0;
  double sum = 0;
};

struct Gauge {
  std::string name, help;
  std::function<double()> value;
};

std::mutex mu;
std::map<std::tuple<std::string, std::string, unsigned>, std::uint64_t, std::less<>> requests;
std::map<std::string, Histogram, std::less<>> latency;  // by route
std::vector<Gauge> gauges;

std::string label(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') { out += "\\n"; continue; }
    out.push_back(c);
  }
  return out;
}

}  // namespace

void record_request(std::string_view method, std::string_view route, unsigned status, double seconds) {
  std::lock_guard lk(mu);
  auto key = std::make_tuple(std::string(method), std::string(route), status);
  ++requests[key];
  auto it = latency.find(route);
  if (it == latency.end()) it = latency.emplace(std::string(route), Histogram{}).first;
  Histogram& h = it->second;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.counts[i];
  }
  ++h.count;
  h.sum += seconds;
}

void add_gauge(std::string name, std::string help, std::function<double()> value) {
  std::lock_guard lk(mu);
  gauges.push_back(Gauge{std::move(name), std::move(help), std::move(value)});
}

std::string exposition() {
  std::vector<Gauge> gs;
  std::string out;
  {
    std::lock_guard lk(mu);
    out += "# HELP gongkai_http_requests_total HTTP requests by method, route pattern and status.\n";
    out += "# TYPE gongkai_http_requests_total counter\n";
    for (const auto& [k, n] : requests) {
      out += fmt::format("gongkai_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                         label(std::get<0>(k)), label(std::get<1>(k)), std::get<2>(k), n);
    }
    out += "# HELP gongkai_http_request_duration_seconds Time from a request's last byte to its response.\n";
    out += "# TYPE gongkai_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency) {
      for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        out += fmt::format("gongkai_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", label(route),
                           kBuckets[i], h.counts[i]);
      }
      out += fmt::format("gongkai_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", label(route), h.count);
      out += fmt::format("gongkai_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", label(route), h.sum);
      out += fmt::format("gongkai_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", label(route), h.count);
    }
    gs = gauges;
  }
  for (const auto& g : gs) {
    out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n{} {}\n", g.name, g.help, g.name, g.name, g.value());
  }
  return out;
}

}  // namespace platform::metrics
