#include "platform/http/forms.hpp"

#include <algorithm>
#include <cctype>

namespace platform::http {
namespace {

int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Text a person typed: valid UTF-8 and no control characters other than tab, CR, LF.
bool acceptable_text(std::string_view s) {
  for (unsigned char c : s) {
    if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f) return false;
  }
  return valid_utf8(s);
}

Error bad_encoding() { return make_error("bad_encoding", "提交的内容编码无效（须为 UTF-8），请检查后重新提交。"); }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return std::tolower((unsigned char)x) == std::tolower((unsigned char)y); });
}

// Returns the value of parameter `name` in a header value like `form-data; name="a"; filename="b.pdf"`.
// Handles quoted strings with backslash escapes, and RFC 5987 `filename*=UTF-8''...`.
std::optional<std::string> header_param(std::string_view header, std::string_view name) {
  std::size_t i = header.find(';');
  while (i != std::string_view::npos && i < header.size()) {
    ++i;
    while (i < header.size() && (header[i] == ' ' || header[i] == '\t')) ++i;
    std::size_t eq = header.find('=', i);
    if (eq == std::string_view::npos) return std::nullopt;
    std::string_view key = trim(header.substr(i, eq - i));
    std::size_t j = eq + 1;
    std::string value;
    if (j < header.size() && header[j] == '"') {
      ++j;
      while (j < header.size() && header[j] != '"') {
        if (header[j] == '\\' && j + 1 < header.size()) ++j;
        value.push_back(header[j++]);
      }
      if (j >= header.size()) return std::nullopt;  // unterminated quote
      ++j;
      i = header.find(';', j);
    } else {
      std::size_t end = header.find(';', j);
      value = std::string(trim(header.substr(j, end == std::string_view::npos ? std::string_view::npos : end - j)));
      i = end;
    }
    // An extended parameter ("filename*") is always decoded, whether asked for by its own name or by the plain one.
    const bool extended = !key.empty() && key.back() == '*';
    if (!extended && iequals(key, name)) return value;
    if (extended && (iequals(key, name) || (key.size() == name.size() + 1 && iequals(key.substr(0, name.size()), name)))) {
      // RFC 5987: charset'lang'pct-encoded
      auto q1 = value.find('\'');
      auto q2 = q1 == std::string::npos ? q1 : value.find('\'', q1 + 1);
      if (q2 != std::string::npos && iequals(std::string_view(value).substr(0, q1), "utf-8")) {
        if (auto d = percent_decode(std::string_view(value).substr(q2 + 1), false)) return *d;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

bool valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    unsigned char c = *p;
    if (c < 0x80) { ++p; continue; }
    int n;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; if (c < 0xC2) return false; }
    else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; if (c > 0xF4) return false; }
    else return false;
    if (end - p <= n) return false;
    for (int k = 1; k <= n; ++k) {
      if ((p[k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[k] & 0x3F);
    }
    if (n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) return false;
    if (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) return false;
    p += n + 1;
  }
  return true;
}

std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size()) return std::nullopt;  // needs two hex digits after '%'
      int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string percent_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() * 3);
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

void FormData::add(std::string name, std::string value) { items_.emplace_back(std::move(name), std::move(value)); }

const std::string* FormData::get(std::string_view name) const {
  for (const auto& [k, v] : items_) {
    if (k == name) return &v;
  }
  return nullptr;
}

std::string FormData::value(std::string_view name, std::string_view fallback) const {
  const auto* v = get(name);
  return v ? *v : std::string(fallback);
}

std::vector<std::string> FormData::all(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : items_) {
    if (k == name) out.push_back(v);
  }
  return out;
}

Result<FormData> parse_urlencoded(std::string_view body, std::size_t max_fields) {
  FormData form;
  std::size_t start = 0;
  while (start <= body.size()) {
    std::size_t amp = body.find('&', start);
    std::string_view pair = body.substr(start, amp == std::string_view::npos ? std::string_view::npos : amp - start);
    if (!pair.empty()) {
      if (form.items().size() >= max_fields) return make_error("too_many_fields", "提交的字段过多。");
      std::size_t eq = pair.find('=');
      auto name = percent_decode(pair.substr(0, eq), true);
      auto value = percent_decode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1), true);
      if (!name || !value || !acceptable_text(*name) || !acceptable_text(*value)) return bad_encoding();
      form.add(std::move(*name), std::move(*value));
    }
    if (amp == std::string_view::npos) break;
    start = amp + 1;
  }
  return form;
}

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  std::size_t semi = content_type.find(';');
  if (!iequals(trim(content_type.substr(0, semi)), "multipart/form-data")) return std::nullopt;
  auto b = header_param(content_type, "boundary");
  if (!b || b->empty() || b->size() > 200) return std::nullopt;
  return b;
}

Result<MultipartForm> parse_multipart(std::string_view body, std::string_view boundary, std::size_t max_parts) {
  const Error bad = make_error("bad_multipart", "上传的表单格式无效，请重新提交。");
  if (boundary.empty()) return bad;
  const std::string delim = "--" + std::string(boundary);
  MultipartForm out;

  // The body starts with the first delimiter (a preamble before it is allowed and ignored).
  std::size_t pos = body.find(delim);
  if (pos == std::string_view::npos) return bad;
  pos += delim.size();
  std::size_t parts = 0;
  for (;;) {
    if (body.substr(pos, 2) == "--") return out;  // closing delimiter
    if (body.substr(pos, 2) != "\r\n") return bad;
    pos += 2;
    std::size_t header_end = body.find("\r\n\r\n", pos);
    if (header_end == std::string_view::npos) return bad;
    std::string_view headers = body.substr(pos, header_end - pos + 2);
    std::size_t data_start = header_end + 4;
    std::size_t next = body.find("\r\n" + delim, data_start);
    if (next == std::string_view::npos) return bad;
    if (++parts > max_parts) return make_error("too_many_fields", "提交的字段过多。");

    std::string disposition, content_type;
    std::size_t hp = 0;
    while (hp < headers.size()) {
      std::size_t eol = headers.find("\r\n", hp);
      if (eol == std::string_view::npos) break;
      std::string_view line = headers.substr(hp, eol - hp);
      hp = eol + 2;
      std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) return bad;
      std::string_view key = trim(line.substr(0, colon));
      std::string_view val = trim(line.substr(colon + 1));
      if (iequals(key, "content-disposition")) disposition = val;
      else if (iequals(key, "content-type")) content_type = val;
    }
    if (!iequals(trim(std::string_view(disposition).substr(0, disposition.find(';'))), "form-data")) return bad;
    auto name = header_param(disposition, "name");
    if (!name) return bad;  // every part must be named (RFC 7578 §4.2)
    if (!acceptable_text(*name)) return bad_encoding();
    std::string_view data = body.substr(data_start, next - data_start);
    auto filename = header_param(disposition, "filename*");
    if (!filename) filename = header_param(disposition, "filename");
    if (filename) {
      if (!acceptable_text(*filename)) return bad_encoding();
      // An empty file input is sent with filename="" and no content: it is "no file", not a file.
      if (!filename->empty() || !data.empty()) {
        out.files.push_back(UploadedFile{*name, *filename, content_type, std::string(data)});
      }
    } else {
      if (!acceptable_text(data)) return bad_encoding();
      out.fields.add(*name, std::string(data));
    }
    pos = next + 2 + delim.size();
  }
}

}  // namespace platform::http
