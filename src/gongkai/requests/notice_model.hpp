// 告知书: the letters of a disclosure request, as data. Pure: no I/O.
//
//   reply       政府信息公开申请答复告知书 — one template per outcome a reply may use (the rows of section 三 of table 三,
//               requests::OutcomeInfo::in_reply), citing the legal basis (条例 Art. 36–39, OutcomeInfo::basis) and the
//               applicant's remedies (条例 Art. 51: 行政复议 within 60 days, 行政诉讼 within 6 months; the bodies are
//               templates "review_body" and "court", so a district sets its own).
//   supplement  补正告知书 (条例 Art. 30): what to supplement and by when.
//   consult     征求意见函 (条例 Art. 32, 34): to a third party or a co-producing agency, 15 working days.
//
// Templates are plain text with placeholders "{{name}}" (ASCII letters and '_'); every other character is
// literal, so an office can write any Chinese text. One line is one paragraph. The first line is the salutation.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gongkai/calendar/model.hpp"
#include "platform/result.hpp"

namespace gongkai::requests::notice {

using platform::Result;

enum class Kind { reply, supplement, consult };
std::string_view to_string(Kind k);
std::optional<Kind> kind_from(std::string_view s);
std::string_view label(Kind k);  // 答复告知书, 补正告知书, 征求意见函

// The editable templates: "reply.<outcome code>" for every outcome a reply may use, "remedies", "review_body",
// "court", "supplement", "consult".
struct TemplateKey {
  std::string key;
  std::string label;                      // for the console list
  std::vector<std::string> placeholders;  // what the template may use
};
const std::vector<TemplateKey>& template_keys();
const TemplateKey* find_key(std::string_view key);
// The template a notice of `kind` uses ("reply.<outcome>" for replies).
std::string template_key_for(Kind kind, std::string_view outcome_code);

// A template as edited. version 0 is the shipped default.
struct Template {
  std::string key, title, body;
  int version = 0;
};

// Checks a template before it is saved. Errors: required (empty title or body), too_long (title > 100 or body >
// 10,000 characters), template_unclosed ("{{" without "}}"), unknown_placeholder (names the placeholder and the
// allowed ones), invalid_template (not UTF-8).
Result<void> check_template(const TemplateKey& key, std::string_view title, std::string_view body);

// Replaces every "{{name}}" by vars[name]. Errors: template_unclosed, unknown_placeholder (a name not in `vars`).
// Never throws; output is at most the input plus the values.
Result<std::string> fill(std::string_view text, const std::map<std::string, std::string>& vars);

// "区教育局政府信息公开答复〔2026〕3号": unit, kind, year, the unit's serial for that kind and year.
std::string format_notice_no(std::string_view unit_name, Kind kind, int year, long long serial);
// "2026年3月2日".
std::string chinese_date(calendar::Date d);
// The legal basis as cited in a letter: "条例第三十七条" → "《中华人民共和国政府信息公开条例》第三十七条".
std::string cite(std::string_view basis);
// The court of a district, for the default "court" template: "临江区人民政府" → "临江区人民法院".
std::string default_court(std::string_view government_name);

// A notice as sent (or as a draft: notice_no empty).
struct NoticeText {
  std::string title, notice_no, issuer, issued_on;  // issued_on 'YYYY-MM-DD'
  std::vector<std::string> paragraphs;               // the first is the salutation
};
// Splits filled text into paragraphs (one per line, blank lines dropped, spaces trimmed).
std::vector<std::string> paragraphs(std::string_view text);
// The notice as a PDF (A4, Noto Serif CJK, title, number, body with first-line indent, issuer and date at the
// right, page numbers). Errors: those of platform::render::PdfDocument::render.
Result<std::string> to_pdf(const NoticeText& n);

}  // namespace gongkai::requests::notice
