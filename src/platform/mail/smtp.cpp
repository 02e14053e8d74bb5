#include "platform/mail/smtp.hpp"

#include <curl/curl.h>

#include <cstring>
#include <memory>
#include <mutex>

namespace platform::mail {

bool parse_tls(const std::string& s, Tls& out) {
  if (s == "none") out = Tls::none;
  else if (s == "try") out = Tls::try_starttls;
  else if (s == "starttls") out = Tls::starttls;
  else if (s == "tls") out = Tls::implicit;
  else return false;
  return true;
}

namespace {

struct Reader {
  const std::string* data;
  std::size_t pos = 0;
};

size_t read_cb(char* buffer, size_t size, size_t nitems, void* userdata) {
  auto* r = static_cast<Reader*>(userdata);
  size_t room = size * nitems;
  size_t n = std::min(room, r->data->size() - r->pos);
  std::memcpy(buffer, r->data->data() + r->pos, n);
  r->pos += n;
  return n;
}

struct CurlFree {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct ListFree {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

Result<void> send(const SmtpOptions& o, const std::string& envelope_from, const std::string& rcpt, const std::string& message) {
  if (!o.configured()) return make_error("smtp_not_configured", "未配置邮件服务器（--smtp-host）。");
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
  if (!curl) return make_error("smtp_failed", "无法初始化邮件发送（libcurl）。");
  CURL* c = curl.get();
  std::string url = std::string(o.tls == Tls::implicit ? "smtps://" : "smtp://") + o.host + ":" + std::to_string(o.port);
  if (!o.helo.empty()) url += "/" + o.helo;
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  switch (o.tls) {
    case Tls::none: curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_NONE)); break;
    case Tls::try_starttls: curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY)); break;
    case Tls::starttls:
    case Tls::implicit: curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL)); break;
  }
  if (!o.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, o.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, o.password.c_str());
  }
  std::string from = "<" + envelope_from + ">";
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  std::unique_ptr<curl_slist, ListFree> rcpts(curl_slist_append(nullptr, ("<" + rcpt + ">").c_str()));
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpts.get());
  Reader reader{&message};
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
  curl_easy_setopt(c, CURLOPT_READDATA, &reader);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(o.timeout.count()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(std::min<long long>(o.timeout.count(), 15)));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  CURLcode rc = curl_easy_perform(c);
  if (rc == CURLE_OK) return {};
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  std::string detail = std::string(curl_easy_strerror(rc)) + (errbuf[0] ? std::string(": ") + errbuf : std::string());
  if (code) detail += " (SMTP " + std::to_string(code) + ")";
  bool permanent = code >= 500 && code < 600;
  return make_error("smtp_failed", detail, permanent ? "permanent" : "");
}

}  // namespace platform::mail
