// libFuzzer target for the parsers of 主动公开 (src/gongkai/disclosure/model.cpp). The first byte picks one:
//   0: parse_vocabulary (the code-list configuration)      1: format_index_no (an administrator's pattern)
//   2: parse_catalogue  (rows of an imported table)        3: validate_edition (every text field from the input)
// Each must return a value or an Error for any bytes: no crash, no sanitizer report, no exception.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gongkai/disclosure/model.hpp"

using namespace gongkai::disclosure;

namespace {

const Vocabulary& vocabulary() {
  static const Vocabulary v = [] {
    Vocabulary x;
    x.topics = {{"11", "科技、教育"}, {"22", "其他"}};
    x.classes = {{"policy", "政策文件类"}};
    x.legal_categories = {{"art20-01", "第二十条（一）"}};
    x.domains = {{"d24", "义务教育"}, {"d25", "卫生健康"}};
    return x;
  }();
  return v;
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.emplace_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 4) {
    case 0: {
      auto v = parse_vocabulary(in);
      if (v) (void)Vocabulary::label_of(v->topics, "01");
      break;
    }
    case 1: {
      auto r = format_index_no(in, "11330100MB0000001X", 7, 2026, 123);
      if (r && r->empty() && !in.empty()) __builtin_trap();  // a pattern with a serial never formats to nothing
      break;
    }
    case 2: {
      std::vector<std::vector<std::string>> rows;
      for (const auto& line : split(in, '\n')) rows.push_back(split(line, '\t'));
      auto p = parse_catalogue(rows, vocabulary());
      if (p) {
        for (const auto& e : p->entries) {
          if (e.item_l1.empty()) __builtin_trap();  // entries always have 一级事项
        }
      }
      break;
    }
    case 3: {
      auto parts = split(in, '\x1f');
      parts.resize(12);
      EditionFields f;
      f.title = parts[0];
      f.summary = parts[1];
      f.body_md = parts[2];
      f.doc_no = parts[3];
      f.written_on = parts[4];
      f.formed_on = parts[5];
      f.effective_on = parts[6];
      f.expires_on = parts[7];
      f.topic = parts[8];
      f.domain = parts[9];
      f.withheld_reason = parts[10];
      f.change_note = parts[11];
      f.disclosure_mode = parts[10].size() % 2 ? DisclosureMode::withheld : DisclosureMode::proactive;
      auto r = validate_edition(f, vocabulary(), parts[11].size() % 2 == 1);
      if (r && r->title.empty()) __builtin_trap();  // a valid edition has a title
      LedgerContent c;
      c.fields = r ? *r : f;
      (void)content_hash(c);
      break;
    }
  }
  return 0;
}
