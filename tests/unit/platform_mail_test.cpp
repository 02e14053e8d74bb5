// platform/mail/message: RFC 2047 subjects (whole UTF-8 characters per encoded word, ≤ 75 characters), base64
// bodies in 76-character lines, Date and Message-ID, CRLF only, and refusal of addresses that could inject headers.
#include <gtest/gtest.h>

#include <regex>

#include "platform/mail/message.hpp"
#include "platform/mail/smtp.hpp"

namespace platform::mail {
namespace {

std::string unbase64(std::string_view s) {
  static const std::string a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int bits = 0;
  unsigned v = 0;
  for (char c : s) {
    auto p = a.find(c);
    if (p == std::string::npos) continue;
    v = (v << 6) | static_cast<unsigned>(p);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((v >> bits) & 0xFF));
    }
  }
  return out;
}

TEST(MailTest, Base64KnownValues) {
  EXPECT_EQ(base64(""), "");
  EXPECT_EQ(base64("f"), "Zg==");
  EXPECT_EQ(base64("fo"), "Zm8=");
  EXPECT_EQ(base64("foo"), "Zm9v");
  EXPECT_EQ(base64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64("政务"), "5pS/5Yqh");
  std::string long_text(200, 'x');
  auto lines = base64(long_text, 76);
  for (std::size_t start = 0; start < lines.size();) {
    auto eol = lines.find("\r\n", start);
    auto len = (eol == std::string::npos ? lines.size() : eol) - start;
    EXPECT_LE(len, 76u);
    if (eol == std::string::npos) break;
    start = eol + 2;
  }
  EXPECT_EQ(unbase64(lines), long_text);
}

TEST(MailTest, SubjectsAreEncodedWordsOfWholeCharacters) {
  EXPECT_EQ(encode_header("Plain ASCII"), "Plain ASCII");
  std::string subject = "政府信息公开申请 2026-7K3M9XAQ：已作出答复（条例第三十六条）——请凭申请编号和查询码查看详情";
  std::string enc = encode_header(subject);
  std::regex word("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]*)\\?=");
  std::string decoded;
  std::size_t words = 0;
  for (auto it = std::sregex_iterator(enc.begin(), enc.end(), word); it != std::sregex_iterator(); ++it) {
    EXPECT_LE(it->str().size(), 75u);
    std::string part = unbase64((*it)[1].str());
    // Every word decodes to complete UTF-8 characters (RFC 2047 §5).
    unsigned char last_lead = 0;
    for (std::size_t i = 0; i < part.size();) {
      last_lead = static_cast<unsigned char>(part[i]);
      std::size_t n = last_lead >= 0xF0 ? 4 : last_lead >= 0xE0 ? 3 : last_lead >= 0xC0 ? 2 : 1;
      ASSERT_LE(i + n, part.size()) << "a character split between words";
      i += n;
    }
    decoded += part;
    ++words;
  }
  EXPECT_GE(words, 2u);
  EXPECT_EQ(decoded, subject);
  EXPECT_EQ(enc.find('\n'), enc.find("\r\n ") + 1) << "folded with CRLF + space";
}

TEST(MailTest, BuildsAWellFormedMessage) {
  Message m;
  m.from = "noreply@gk.example.cn";
  m.from_name = "临江区人民政府";
  m.to = "wang@example.cn";
  m.subject = "申请 2026-ABCD：已收到";
  m.body = "您好：\n\n第一行\n第二行\n";
  m.date = std::chrono::system_clock::from_time_t(1795865504);  // 2026-11-28 11:31:44 UTC, a Saturday
  auto r = build(m);
  ASSERT_TRUE(r.ok()) << r.error().message;
  const std::string& t = *r;
  EXPECT_NE(t.find("Date: Sat, 28 Nov 2026 11:31:44 +0000\r\n"), std::string::npos) << t;
  EXPECT_NE(t.find("From: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(t.find(" <noreply@gk.example.cn>\r\n"), std::string::npos);
  EXPECT_NE(t.find("To: <wang@example.cn>\r\n"), std::string::npos);
  EXPECT_TRUE(std::regex_search(t, std::regex("Message-ID: <[A-Za-z0-9.-]+@gk\\.example\\.cn>\r\n")));
  EXPECT_NE(t.find("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"),
            std::string::npos);
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '\n') ASSERT_TRUE(i > 0 && t[i - 1] == '\r') << "bare LF at " << i;
  }
  auto body = unbase64(t.substr(t.find("\r\n\r\n") + 4));
  EXPECT_EQ(body, "您好：\r\n\r\n第一行\r\n第二行\r\n");
  Message ascii = m;
  ascii.from_name = "Gov, \"Office\"";
  auto a = build(ascii);
  ASSERT_TRUE(a.ok());
  EXPECT_NE(a->find("From: \"Gov, \\\"Office\\\"\" <noreply@gk.example.cn>"), std::string::npos) << *a;
}

TEST(MailTest, RefusesAddressesThatCouldInjectHeaders) {
  EXPECT_TRUE(plain_address("a.b-c+d@example.cn"));
  for (const char* bad : {"", "no-at", "a@", "@b", "a@b@c", "a b@c.cn", "a@b.cn\r\nBcc: x@y.cn", "<a@b.cn>", "a,b@c.cn", "a@b.cn;"}) {
    EXPECT_FALSE(plain_address(bad)) << bad;
  }
  Message m;
  m.from = "noreply@gk.example.cn";
  m.to = "x@y.cn\r\nBcc: all@z.cn";
  auto r = build(m);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "invalid_address");
  m.to = "x@y.cn";
  m.subject = "line\r\nBcc: all@z.cn";
  auto s = build(m);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->find("\r\nBcc:"), std::string::npos) << "a newline in the subject never starts a header";
}

TEST(MailTest, MessageIdsAreUniqueAndTlsModesParse) {
  EXPECT_NE(make_message_id("a.cn"), make_message_id("a.cn"));
  EXPECT_EQ(domain_of("x@gov.cn"), "gov.cn");
  Tls t = Tls::none;
  EXPECT_TRUE(parse_tls("starttls", t));
  EXPECT_EQ(t, Tls::starttls);
  EXPECT_TRUE(parse_tls("tls", t));
  EXPECT_EQ(t, Tls::implicit);
  EXPECT_FALSE(parse_tls("ssl", t));
  SmtpOptions none;
  auto r = send(none, "a@b.cn", "c@d.cn", "x");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "smtp_not_configured");
}

TEST(MailTest, UnreachableServerIsATemporaryFailure) {
  SmtpOptions o;
  o.host = "127.0.0.1";
  o.port = 1;  // nothing listens on port 1
  o.tls = Tls::none;
  o.timeout = std::chrono::seconds(5);
  auto r = send(o, "a@b.cn", "c@d.cn", "Subject: x\r\n\r\nx\r\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "smtp_failed");
  EXPECT_NE(r.error().field, "permanent");
}

}  // namespace
}  // namespace platform::mail
