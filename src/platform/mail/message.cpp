#include "platform/mail/message.hpp"

#include <atomic>
#include <ctime>

#include "platform/crypto.hpp"
#include "platform/http/forms.hpp"

namespace platform::mail {

std::string base64(std::string_view bytes, std::size_t line) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string plain;
  plain.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  auto byte = [&](std::size_t k) { return static_cast<unsigned>(static_cast<unsigned char>(bytes[k])); };
  for (; i + 3 <= bytes.size(); i += 3) {
    unsigned v = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
    plain += kAlphabet[(v >> 18) & 63];
    plain += kAlphabet[(v >> 12) & 63];
    plain += kAlphabet[(v >> 6) & 63];
    plain += kAlphabet[v & 63];
  }
  if (bytes.size() - i == 1) {
    unsigned v = byte(i) << 16;
    plain += kAlphabet[(v >> 18) & 63];
    plain += kAlphabet[(v >> 12) & 63];
    plain += "==";
  } else if (bytes.size() - i == 2) {
    unsigned v = (byte(i) << 16) | (byte(i + 1) << 8);
    plain += kAlphabet[(v >> 18) & 63];
    plain += kAlphabet[(v >> 12) & 63];
    plain += kAlphabet[(v >> 6) & 63];
    plain += '=';
  }
  if (line == 0) return plain;
  std::string out;
  for (std::size_t p = 0; p < plain.size(); p += line) {
    if (p) out += "\r\n";
    out += plain.substr(p, line);
  }
  return out;
}

namespace {

bool printable_ascii(std::string_view s) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u > 0x7e) return false;
  }
  return true;
}

// Length of the UTF-8 sequence starting with `lead` (1 for anything that is not a lead byte).
std::size_t seq_len(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

}  // namespace

std::string encode_header(std::string_view utf8) {
  // Plain ASCII needs no encoding unless it is too long for a line or looks like an encoded word.
  if (printable_ascii(utf8) && utf8.size() <= 76 && utf8.find("=?") == std::string_view::npos) return std::string(utf8);
  // "=?UTF-8?B?" + text + "?=" ≤ 75 characters: 63 characters of base64 → at most 45 bytes of text per word (RFC 2047
  // §2); whole UTF-8 sequences only (§5: an encoded word must hold whole characters).
  constexpr std::size_t kMaxBytes = 45;
  std::string out;
  std::size_t i = 0;
  while (i < utf8.size()) {
    std::size_t end = i;
    while (end < utf8.size()) {
      std::size_t n = seq_len(static_cast<unsigned char>(utf8[end]));
      if (end + n > utf8.size()) n = utf8.size() - end;
      if (end - i + n > kMaxBytes) break;
      end += n;
    }
    if (end == i) end = std::min(utf8.size(), i + kMaxBytes);
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(utf8.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string rfc5322_date(std::chrono::system_clock::time_point t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday, kMonths[tm.tm_mon],
                tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::string make_message_id(std::string_view domain) {
  static std::atomic<unsigned long long> seq{0};
  auto now = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  std::string token = platform::random_token(12);
  for (char& c : token) {
    if (c == '_') c = '.';  // '-', '.' and alphanumerics are dot-atom text
  }
  return "<" + token + "." + std::to_string(now) + "." + std::to_string(++seq) + "@" + std::string(domain) + ">";
}

std::string domain_of(std::string_view address) {
  auto at = address.rfind('@');
  if (at == std::string_view::npos || at + 1 >= address.size()) return "localhost";
  return std::string(address.substr(at + 1));
}

bool plain_address(std::string_view a) {
  if (a.empty() || a.size() > 254) return false;
  auto at = a.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= a.size() || a.find('@', at + 1) != std::string_view::npos) return false;
  for (char c : a) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' || c == '(' || c == ')' ||
        c == '\\' || c == '[' || c == ']' || c == ':') {
      return false;
    }
  }
  return true;
}

Result<std::string> build(const Message& m) {
  if (!plain_address(m.from) || !plain_address(m.to)) {
    return make_error("invalid_address", "邮件地址无效。");
  }
  if (!platform::http::valid_utf8(m.subject) || !platform::http::valid_utf8(m.body) || !platform::http::valid_utf8(m.from_name)) {
    return make_error("invalid_text", "邮件内容含有无效字符。");
  }
  // Normalise line ends to CRLF so the base64 body decodes to the text as the applicant should read it.
  std::string body;
  body.reserve(m.body.size() + m.body.size() / 40);
  for (std::size_t i = 0; i < m.body.size(); ++i) {
    if (m.body[i] == '\r') continue;
    if (m.body[i] == '\n') body += "\r\n";
    else body += m.body[i];
  }
  std::string out;
  std::string from_name = m.from_name;
  for (char& c : from_name) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  std::string subject = m.subject;
  for (char& c : subject) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  out += "Date: " + rfc5322_date(m.date) + "\r\n";
  std::string display;
  if (!from_name.empty()) {
    display = encode_header(from_name);
    if (display.rfind("=?", 0) != 0) {
      // Plain ASCII: a quoted string, so commas and the like stay part of the name.
      std::string q = "\"";
      for (char c : from_name) {
        if (c == '"' || c == '\\') q += '\\';
        q += c;
      }
      display = q + "\"";
    }
    display += " ";
  }
  out += "From: " + display + "<" + m.from + ">\r\n";
  out += "To: <" + m.to + ">\r\n";
  out += "Subject: " + encode_header(subject) + "\r\n";
  out += "Message-ID: " + (m.message_id.empty() ? make_message_id(domain_of(m.from)) : m.message_id) + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += "\r\n";
  out += base64(body, 76);
  out += "\r\n";
  return out;
}

}  // namespace platform::mail
