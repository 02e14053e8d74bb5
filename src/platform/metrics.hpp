// Request metrics in the Prometheus text format: requests by route pattern and status, a latency histogram, and
// gauges that upper layers register (database pool, open connections). Thread-safe; recording costs one short lock.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace platform::metrics {

// Records one finished request. `route` is the matched pattern (never the raw path: no personal data, bounded
// label set).
void record_request(std::string_view method, std::string_view route, unsigned status, double seconds);

// Adds a gauge evaluated at scrape time.
void add_gauge(std::string name, std::string help, std::function<double()> value);

// The whole exposition, "text/plain; version=0.0.4".
std::string exposition();

}  // namespace platform::metrics
