// libFuzzer target for the oversight parsers: the annual report's typed amounts (万元, exact decimal) never crash,
// and every accepted amount survives format → parse unchanged (no rounding anywhere); a 标准目录 公开时限 text
// always reads as a limit with sane bounds (no overflow, a period of at least a month).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "gongkai/oversight/indicators.hpp"
#include "gongkai/oversight/model.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  using Kind = gongkai::oversight::TimeLimit::Kind;
  auto limit = gongkai::oversight::parse_time_limit(in);
  if (limit.amount < 0 || limit.interval_days < 0) std::abort();
  if (limit.kind == Kind::every && limit.interval_days < 31) std::abort();
  if (limit.kind != Kind::every && limit.interval_days != 0) std::abort();
  auto v = gongkai::oversight::parse_wanyuan(in);
  if (!v.ok()) return 0;
  if (*v < 0) std::abort();
  auto again = gongkai::oversight::parse_wanyuan(gongkai::oversight::format_wanyuan(*v));
  if (!again.ok() || *again != *v) std::abort();
  return 0;
}
