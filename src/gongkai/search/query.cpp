#include "gongkai/search/query.hpp"

#include <algorithm>

#include "gongkai/text.hpp"

namespace gongkai::search {
namespace {

using platform::make_error;

struct Item {
  std::string text;
  bool quoted = false, negated = false;
};

bool starts_with_at(std::string_view s, std::size_t i, std::string_view what) { return s.substr(i, what.size()) == what; }

// Length in bytes of a quotation mark at s[i] (", “, ”, ＂), or 0.
std::size_t quote_at(std::string_view s, std::size_t i) {
  if (s[i] == '"') return 1;
  for (std::string_view q : {"\u201C", "\u201D", "\uFF02"}) {
    if (starts_with_at(s, i, q)) return q.size();
  }
  return 0;
}

std::size_t space_at(std::string_view s, std::size_t i) {
  char c = s[i];
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
  if (starts_with_at(s, i, "\u3000")) return 3;
  return 0;
}

std::size_t minus_at(std::string_view s, std::size_t i) {
  if (s[i] == '-') return 1;
  if (starts_with_at(s, i, "\uFF0D")) return 3;
  return 0;
}

std::vector<Item> split(std::string_view s) {
  std::vector<Item> items;
  std::size_t i = 0;
  while (i < s.size()) {
    if (std::size_t n = space_at(s, i)) {
      i += n;
      continue;
    }
    Item item;
    if (std::size_t n = minus_at(s, i); n && i + n < s.size() && !space_at(s, i + n)) {
      item.negated = true;
      i += n;
    }
    if (std::size_t q = quote_at(s, i)) {
      item.quoted = true;
      i += q;
      std::size_t start = i;
      while (i < s.size() && !quote_at(s, i)) ++i;
      item.text = std::string(s.substr(start, i - start));
      if (i < s.size()) i += quote_at(s, i);
    } else {
      std::size_t start = i;
      while (i < s.size() && !space_at(s, i) && !quote_at(s, i)) ++i;
      item.text = std::string(s.substr(start, i - start));
    }
    items.push_back(std::move(item));
  }
  return items;
}

std::string quoted_token(std::string_view t) {
  // Tokens hold letters, digits, CJK and the separator only; quotes are doubled all the same.
  std::string out = "\"";
  for (char c : t) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::vector<std::string> ParsedQuery::highlights() const {
  std::vector<std::string> out;
  for (const auto& group : all_of) {
    for (const auto& p : group) {
      if (!p.normalised.empty()) out.push_back(p.normalised);
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

platform::Result<ParsedQuery> parse_query(std::string_view text) {
  std::string trimmed = trim(text);
  if (trimmed.empty()) return make_error("empty_query", "请输入要查找的内容，例如文件标题中的几个字或文号。", "q");
  if (utf8_length(trimmed) > kMaxQueryChars) {
    return make_error("query_too_long", "查询内容过长（最多 200 个字），请只保留最能说明问题的几个词。", "q");
  }
  ParsedQuery q;
  bool pending_or = false;
  std::size_t phrases = 0;
  for (auto& item : split(trimmed)) {
    if (!item.quoted && !item.negated && (item.text == "OR" || item.text == "|" || item.text == "或")) {
      pending_or = !q.all_of.empty();
      continue;
    }
    Phrase p;
    p.text = item.text;
    p.normalised = normalise(item.text);
    p.tokens = term_tokens(p.normalised);
    if (p.tokens.tokens.empty()) {
      if (!item.text.empty()) q.ignored.push_back(item.text);
      pending_or = false;
      continue;
    }
    if (++phrases > kMaxPhrases) {
      return make_error("too_many_terms", "查询的词语过多（最多 16 个），请精简后再试。", "q");
    }
    if (item.negated) {
      q.none_of.push_back(std::move(p));
      continue;
    }
    q.title_key += title_key(p.text);
    if (pending_or) {
      q.all_of.back().push_back(std::move(p));
    } else {
      q.all_of.push_back({std::move(p)});
    }
    pending_or = false;
  }
  if (q.all_of.empty()) {
    if (!q.none_of.empty()) {
      return make_error("only_exclusions", "只有排除词（以“-”开头）无法查询，请至少输入一个要查找的词。", "q");
    }
    return make_error("nothing_searchable", "查询内容只有标点或符号，请输入文字、数字或文号。", "q");
  }
  return q;
}

std::optional<ParsedQuery> relaxed(const ParsedQuery& q) {
  ParsedQuery out;
  out.none_of = q.none_of;
  out.title_key = q.title_key;
  std::vector<Phrase> any;
  std::vector<std::string> seen;
  for (const auto& group : q.all_of) {
    for (const auto& p : group) {
      const auto& toks = p.tokens.tokens;
      for (std::size_t k = 0; k < toks.size(); ++k) {
        if (toks[k] == kSeparatorToken || std::find(seen.begin(), seen.end(), toks[k]) != seen.end()) continue;
        seen.push_back(toks[k]);
        Phrase one;
        one.tokens.tokens = {toks[k]};
        one.tokens.prefix_last = p.tokens.prefix_last && k + 1 == toks.size();
        one.text = toks[k];
        one.normalised = toks[k];
        any.push_back(std::move(one));
      }
    }
  }
  if (any.size() < 2) return std::nullopt;
  out.all_of.push_back(std::move(any));
  return out;
}

std::string fts5_phrase(const Phrase& p) {
  std::string out;
  for (const auto& t : p.tokens.tokens) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  out = quoted_token(out);
  if (p.tokens.prefix_last) out += '*';
  return out;
}

std::string to_fts5(const ParsedQuery& q) {
  std::string out;
  for (const auto& group : q.all_of) {
    if (!out.empty()) out += " AND ";
    out += '(';
    for (std::size_t k = 0; k < group.size(); ++k) {
      if (k) out += " OR ";
      out += fts5_phrase(group[k]);
    }
    out += ')';
  }
  if (!q.none_of.empty()) {
    out = "(" + out + ")";
    for (const auto& p : q.none_of) out += " NOT " + fts5_phrase(p);
  }
  return out;
}

std::string to_tsquery(const Phrase& p) {
  std::string out;
  int distance = 1;
  bool first = true;
  const auto& toks = p.tokens.tokens;
  for (std::size_t k = 0; k < toks.size(); ++k) {
    if (toks[k] == kSeparatorToken) {
      ++distance;  // the document skips a position where runs were apart
      continue;
    }
    if (!first) out += distance == 1 ? " <-> " : " <" + std::to_string(distance) + "> ";
    std::string lexeme = "'";
    for (char c : toks[k]) {
      if (c == '\'' || c == '\\') lexeme += '\\';
      lexeme += c;
    }
    out += lexeme + "'";
    if (k + 1 == toks.size() && p.tokens.prefix_last) out += ":*";
    first = false;
    distance = 1;
  }
  return out;
}

}  // namespace gongkai::search
