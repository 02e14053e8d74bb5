#include "gongkai/requests/notice_model.hpp"

#include <algorithm>

#include "gongkai/requests/model.hpp"
#include "gongkai/text.hpp"
#include "platform/http/forms.hpp"

namespace gongkai::requests::notice {

using platform::make_error;

std::string_view to_string(Kind k) {
  switch (k) {
    case Kind::reply: return "reply";
    case Kind::supplement: return "supplement";
    case Kind::consult: return "consult";
  }
  return "reply";
}

std::optional<Kind> kind_from(std::string_view s) {
  for (Kind k : {Kind::reply, Kind::supplement, Kind::consult}) {
    if (to_string(k) == s) return k;
  }
  return std::nullopt;
}

std::string_view label(Kind k) {
  switch (k) {
    case Kind::reply: return "答复告知书";
    case Kind::supplement: return "补正告知书";
    case Kind::consult: return "征求意见函";
  }
  return "";
}

const std::vector<TemplateKey>& template_keys() {
  static const std::vector<TemplateKey> keys = [] {
    std::vector<TemplateKey> out;
    const std::vector<std::string> reply{"applicant", "request_number", "received_on", "description", "doc_no",
                                         "unit",      "outcome",        "outcome_item", "basis",      "reply_text",
                                         "remedies",  "issued_on",      "notice_no"};
    for (const auto& o : all_outcomes()) {
      if (!o.in_reply) continue;
      out.push_back({"reply." + std::string(o.code), "答复告知书：" + requests::label(o.outcome), reply});
    }
    out.push_back({"remedies", "救济途径（答复告知书中的 {{remedies}}）", {"review_body", "court", "unit", "district"}});
    out.push_back({"review_body", "行政复议机关名称", {"district", "unit"}});
    out.push_back({"court", "行政诉讼管辖法院名称", {"district", "district_court", "unit"}});
    out.push_back({"supplement", "补正告知书（条例第三十条）",
                   {"applicant", "request_number", "received_on", "description", "doc_no", "supplement_items",
                    "supplement_due_on", "unit", "issued_on", "notice_no"}});
    out.push_back({"consult", "征求意见函（条例第三十二条、第三十四条）",
                   {"party", "request_number", "received_on", "description", "doc_no", "opinion_due_on", "unit",
                    "issued_on", "notice_no"}});
    return out;
  }();
  return keys;
}

const TemplateKey* find_key(std::string_view key) {
  for (const auto& k : template_keys()) {
    if (k.key == key) return &k;
  }
  return nullptr;
}

std::string template_key_for(Kind kind, std::string_view outcome_code) {
  if (kind == Kind::reply) return "reply." + std::string(outcome_code);
  return std::string(to_string(kind));
}

namespace {

bool name_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

// Walks `text`, calling on_text for literal runs and on_name for placeholders. Errors: template_unclosed.
template <class Text, class Name>
Result<void> scan(std::string_view text, Text on_text, Name on_name) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t open = text.find("{{", pos);
    if (open == std::string_view::npos) {
      on_text(text.substr(pos));
      break;
    }
    on_text(text.substr(pos, open - pos));
    std::size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) {
      return make_error("template_unclosed", "模板中的“{{”缺少对应的“}}”。", "body");
    }
    std::string_view raw = text.substr(open + 2, close - open - 2);
    // Spaces inside the braces are allowed ("{{ applicant }}").
    while (!raw.empty() && raw.front() == ' ') raw.remove_prefix(1);
    while (!raw.empty() && raw.back() == ' ') raw.remove_suffix(1);
    if (raw.empty() || !std::all_of(raw.begin(), raw.end(), name_char)) {
      std::string shown(raw.substr(0, 40));
      return make_error("unknown_placeholder", "模板中的占位符“{{" + shown + "}}”无法识别。", "body");
    }
    auto r = on_name(raw);
    if (!r) return r;
    pos = close + 2;
  }
  return {};
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : "、") + ("{{" + x + "}}");
  return out;
}

}  // namespace

Result<void> check_template(const TemplateKey& key, std::string_view title, std::string_view body) {
  if (!platform::http::valid_utf8(title) || !platform::http::valid_utf8(body)) return make_error("invalid_template", "模板含有无效字符。", "body");
  if (trim(title).empty()) return make_error("required", "请填写标题。", "title");
  if (trim(body).empty()) return make_error("required", "请填写模板正文。", "body");
  if (utf8_length(title) > 100) return make_error("too_long", "标题不能超过 100 个字。", "title");
  if (utf8_length(body) > 10000) return make_error("too_long", "模板正文不能超过 10000 个字。", "body");
  return scan(
      body, [](std::string_view) {},
      [&](std::string_view name) -> Result<void> {
        if (std::find(key.placeholders.begin(), key.placeholders.end(), name) == key.placeholders.end()) {
          return make_error("unknown_placeholder",
                            "此模板不能使用占位符“{{" + std::string(name) + "}}”。可用的占位符：" + join(key.placeholders) + "。",
                            "body");
        }
        return {};
      });
}

Result<std::string> fill(std::string_view text, const std::map<std::string, std::string>& vars) {
  std::string out;
  auto r = scan(
      text, [&](std::string_view t) { out.append(t); },
      [&](std::string_view name) -> Result<void> {
        auto it = vars.find(std::string(name));
        if (it == vars.end()) {
          return make_error("unknown_placeholder", "模板中的占位符“{{" + std::string(name) + "}}”没有对应的内容。", "body");
        }
        out += it->second;
        return {};
      });
  if (!r) return r.error();
  return out;
}

std::string format_notice_no(std::string_view unit_name, Kind kind, int year, long long serial) {
  std::string word = kind == Kind::reply ? "答复" : kind == Kind::supplement ? "补正" : "征求意见";
  return std::string(unit_name) + "政府信息公开" + word + "〔" + std::to_string(year) + "〕" + std::to_string(serial) + "号";
}

std::string chinese_date(calendar::Date d) {
  return std::to_string(d.year()) + "年" + std::to_string(d.month()) + "月" + std::to_string(d.day()) + "日";
}

std::string cite(std::string_view basis) {
  std::string s(basis);
  auto pos = s.find("条例");
  if (pos != std::string::npos) s.replace(pos, std::string_view("条例").size(), "《中华人民共和国政府信息公开条例》");
  return s;
}

std::string default_court(std::string_view government_name) {
  std::string s(government_name);
  const std::string gov = "人民政府";
  if (s.size() > gov.size() && s.compare(s.size() - gov.size(), gov.size(), gov) == 0) {
    return s.substr(0, s.size() - gov.size()) + "人民法院";
  }
  return s + "所在地人民法院";
}

std::vector<std::string> paragraphs(std::string_view text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t eol = text.find('\n', pos);
    std::string line = trim(text.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) out.push_back(line);
    if (eol == std::string_view::npos) break;
    pos = eol + 1;
  }
  return out;
}

}  // namespace gongkai::requests::notice
