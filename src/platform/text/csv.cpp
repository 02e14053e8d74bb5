#include "platform/text/csv.hpp"

#include "platform/http/forms.hpp"

namespace platform::text {

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
}

bool CsvReader::fail(int line, std::string message, Error* err) {
  failed_ = true;
  line_ = line;
  pos_ = text_.size();
  Error e = make_error("csv_invalid", "第 " + std::to_string(line) + " 行：" + std::move(message));
  if (err) *err = std::move(e);
  return false;
}

bool CsvReader::next(std::vector<std::string>& row, Error* err) {
  row.clear();
  if (failed_) return false;
  // Skip blank lines.
  while (pos_ < text_.size()) {
    if (text_[pos_] == '\n') {
      ++pos_;
      ++next_line_;
    } else if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') {
      pos_ += 2;
      ++next_line_;
    } else {
      break;
    }
  }
  if (pos_ >= text_.size()) return false;

  const std::size_t start = pos_;
  const int start_line = next_line_;
  std::string field;
  bool end_of_record = false;
  while (!end_of_record) {
    field.clear();
    if (pos_ < text_.size() && text_[pos_] == '"') {
      // Quoted field: runs to the next quote that is not doubled.
      const int quote_line = next_line_;
      ++pos_;
      for (;;) {
        if (pos_ >= text_.size()) return fail(quote_line, "引号没有闭合（从这一行开始的字段缺少结尾的 \"）", err);
        char c = text_[pos_];
        if (c == '"') {
          if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
            field.push_back('"');
            pos_ += 2;
            continue;
          }
          ++pos_;
          break;
        }
        if (c == '\n') ++next_line_;
        field.push_back(c);
        ++pos_;
      }
      // After the closing quote: a separator, a line end or the end of the text.
      if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' &&
          !(text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n')) {
        return fail(next_line_, "引号后面有多余的字符（字段中的引号要写成两个 \"\"）", err);
      }
    } else {
      while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' &&
             !(text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n')) {
        field.push_back(text_[pos_]);
        ++pos_;
      }
    }
    row.push_back(std::move(field));
    field = std::string();
    if (pos_ >= text_.size()) {
      end_of_record = true;
    } else if (text_[pos_] == ',') {
      ++pos_;
    } else {
      pos_ += text_[pos_] == '\r' ? 2 : 1;
      ++next_line_;
      end_of_record = true;
    }
  }

  // Check the record's bytes; UTF-8 sequences never contain '\n', so the bad line can be found line by line.
  std::string_view raw = text_.substr(start, pos_ - start);
  if (!http::valid_utf8(raw)) {
    int line = start_line;
    std::size_t from = 0;
    for (;;) {
      std::size_t nl = raw.find('\n', from);
      std::string_view part = raw.substr(from, nl == std::string_view::npos ? std::string_view::npos : nl - from);
      if (!http::valid_utf8(part) || nl == std::string_view::npos) break;
      from = nl + 1;
      ++line;
    }
    return fail(line, "不是有效的 UTF-8 文本（如果是用 Excel 保存的，请另存为“CSV UTF-8”格式）", err);
  }
  line_ = start_line;
  return true;
}

Result<std::vector<std::vector<std::string>>> parse_csv(std::string_view text) {
  CsvReader reader(text);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  Error err;
  while (reader.next(row, &err)) rows.push_back(std::move(row));
  if (reader.failed()) return err;
  return rows;
}

std::string csv_escape(std::string_view field) {
  const bool quote = field.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!field.empty() && (field.front() == ' ' || field.back() == ' '));
  if (!quote) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

namespace {

// True if a spreadsheet would read `s` as a formula. "-12.5" and "+86" are numbers and stay as they are.
bool looks_like_formula(std::string_view s) {
  if (s.empty()) return false;
  const char c = s.front();
  if (c == '=' || c == '@' || c == '\t' || c == '\r') return true;
  if (c == '+' || c == '-') {
    for (std::size_t i = 1; i < s.size(); ++i) {
      if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == ' ')) return true;
    }
    return false;
  }
  return false;
}

}  // namespace

CsvWriter::CsvWriter(Options options) : options_(options) {
  if (options_.bom) out_ = "\xEF\xBB\xBF";
}

void CsvWriter::row(const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out_.push_back(',');
    if (options_.guard_formulas && looks_like_formula(fields[i])) {
      out_ += csv_escape("'" + fields[i]);
    } else {
      out_ += csv_escape(fields[i]);
    }
  }
  out_ += "\r\n";
}

}  // namespace platform::text
