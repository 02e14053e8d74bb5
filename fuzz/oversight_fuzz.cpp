// libFuzzer target for the annual report's parser of typed amounts (万元, exact decimal): never crashes, and every
// accepted amount survives format → parse unchanged (no rounding anywhere).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "gongkai/oversight/model.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto v = gongkai::oversight::parse_wanyuan(in);
  if (!v.ok()) return 0;
  if (*v < 0) std::abort();
  auto again = gongkai::oversight::parse_wanyuan(gongkai::oversight::format_wanyuan(*v));
  if (!again.ok() || *again != *v) std::abort();
  return 0;
}
