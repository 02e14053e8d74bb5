// libFuzzer target for document bodies (src/platform/render/markdown.cpp): any bytes render without a crash, and
// the HTML never carries raw HTML tags from the input nor a javascript: link (safe mode).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "platform/render/markdown.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::string html = platform::render::markdown_to_html(in);
  if (html.find("<script") != std::string::npos || html.find("<iframe") != std::string::npos ||
      html.find("href=\"javascript:") != std::string::npos || html.find("src=\"javascript:") != std::string::npos) {
    __builtin_trap();
  }
  (void)platform::render::markdown_to_text(in);
  return 0;
}
