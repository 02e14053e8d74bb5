// libFuzzer target for the 告知书 template language (gongkai/requests/notice_model: fill, check_template,
// paragraphs) and the mail header encoder (platform/mail/message: encode_header, build) on arbitrary bytes.
// Built and run by scripts/fuzz.sh.
//
// Besides the sanitizers, it checks the contracts:
//  * fill either succeeds or fails with template_unclosed / unknown_placeholder — nothing else, never a throw;
//  * a text without "{{" fills to itself; filling with values that contain "{{" never re-expands them;
//  * check_template accepts only what fill with every allowed placeholder accepts;
//  * paragraphs are non-empty and contain no line break;
//  * an encoded header has no CR/LF except CRLF + space folds, and every encoded word is at most 75 characters;
//  * a built message never has a bare LF and its header block never gains a line from the subject.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "gongkai/requests/notice_model.hpp"
#include "platform/mail/message.hpp"

namespace {

#define FUZZ_CHECK(cond)                                                                 \
  do {                                                                                   \
    if (!(cond)) {                                                                       \
      std::fprintf(stderr, "invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      std::abort();                                                                      \
    }                                                                                    \
  } while (0)

namespace nt = gongkai::requests::notice;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  // First byte picks the template key; the rest is the body.
  const auto& keys = nt::template_keys();
  const auto& key = keys[size ? data[0] % keys.size() : 0];
  std::string_view body = size ? in.substr(1) : in;

  std::map<std::string, std::string> vars;
  for (const auto& p : key.placeholders) vars[p] = "{{" + p + "}}值";  // values that look like placeholders
  auto filled = nt::fill(body, vars);
  if (filled) {
    if (body.find("{{") == std::string_view::npos) FUZZ_CHECK(*filled == body);
  } else {
    FUZZ_CHECK(filled.error().code == "template_unclosed" || filled.error().code == "unknown_placeholder");
  }
  auto checked = nt::check_template(key, "标题", body);
  if (checked) FUZZ_CHECK(filled.ok());
  for (const auto& p : nt::paragraphs(body)) {
    FUZZ_CHECK(!p.empty());
    FUZZ_CHECK(p.find('\n') == std::string::npos);
  }

  std::string enc = platform::mail::encode_header(body);
  for (std::size_t i = 0; i < enc.size(); ++i) {
    if (enc[i] == '\r') FUZZ_CHECK(i + 2 < enc.size() && enc[i + 1] == '\n' && enc[i + 2] == ' ');
    if (enc[i] == '\n') FUZZ_CHECK(i > 0 && enc[i - 1] == '\r');
  }
  for (std::size_t pos = enc.find("=?UTF-8?B?"); pos != std::string::npos; pos = enc.find("=?UTF-8?B?", pos + 1)) {
    auto end = enc.find("?=", pos + 10);
    FUZZ_CHECK(end != std::string::npos && end + 2 - pos <= 75);
  }
  platform::mail::Message m;
  m.from = "noreply@gk.example.cn";
  m.to = "a@b.cn";
  m.subject = std::string(body);
  m.body = std::string(body);
  auto built = platform::mail::build(m);
  if (built) {
    const std::string& t = *built;
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t[i] == '\n') FUZZ_CHECK(i > 0 && t[i - 1] == '\r');
    }
    auto head = t.substr(0, t.find("\r\n\r\n"));
    std::size_t lines = 0;
    for (std::size_t p = head.find("\r\n"); p != std::string::npos; p = head.find("\r\n", p + 2)) {
      if (p + 2 < head.size() && head[p + 2] != ' ') ++lines;
    }
    FUZZ_CHECK(lines == 7);  // Date From To Subject Message-ID MIME-Version Content-Type + CTE = 8 lines, 7 breaks
  }
  return 0;
}
