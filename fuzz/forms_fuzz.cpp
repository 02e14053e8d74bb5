// libFuzzer target for platform/http/forms and the cookie parser: percent_decode, valid_utf8, parse_urlencoded,
// multipart_boundary, parse_multipart (boundary taken from the first bytes of the input) and parse_cookie_header,
// on arbitrary bytes. Built and run by scripts/fuzz.sh (sources: forms.cpp, message.cpp).
//
// Input layout: byte 0 = n; the next n % 71 bytes are the multipart boundary; the rest is the body. Every other
// parser gets the whole input.
//
// Besides the sanitizers, it checks the contracts of forms.hpp:
//  * valid_utf8 agrees with an independent decoder written here;
//  * percent_decode never grows its input, is the identity on text without '%' (and '+', for forms), and undoes
//    percent_encode for any bytes;
//  * when parse_urlencoded / parse_multipart succeed, every name, value and file name is valid UTF-8 without
//    C0 controls other than tab, CR, LF (nor DEL); field counts respect the limit; file data is a slice of the body;
//  * a boundary from multipart_boundary is non-empty and at most 200 bytes;
//  * cookie names are non-empty and no name or value contains ';'.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "platform/http/forms.hpp"
#include "platform/http/message.hpp"

namespace {

using namespace platform::http;

#define FUZZ_CHECK(cond)                                                                 \
  do {                                                                                   \
    if (!(cond)) {                                                                       \
      std::fprintf(stderr, "invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      std::abort();                                                                      \
    }                                                                                    \
  } while (0)

// Reference UTF-8 check (RFC 3629 table 3), written independently of forms.cpp.
bool reference_utf8(std::string_view s) {
  std::size_t i = 0;
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  auto cont = [&](std::size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
    return k < s.size() && at(k) >= lo && at(k) <= hi;
  };
  while (i < s.size()) {
    unsigned c = at(i);
    if (c <= 0x7F) {
      i += 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
      if (!cont(i + 1)) return false;
      i += 2;
    } else if (c == 0xE0) {
      if (!cont(i + 1, 0xA0, 0xBF) || !cont(i + 2)) return false;
      i += 3;
    } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
      if (!cont(i + 1) || !cont(i + 2)) return false;
      i += 3;
    } else if (c == 0xED) {
      if (!cont(i + 1, 0x80, 0x9F) || !cont(i + 2)) return false;
      i += 3;
    } else if (c == 0xF0) {
      if (!cont(i + 1, 0x90, 0xBF) || !cont(i + 2) || !cont(i + 3)) return false;
      i += 4;
    } else if (c >= 0xF1 && c <= 0xF3) {
      if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return false;
      i += 4;
    } else if (c == 0xF4) {
      if (!cont(i + 1, 0x80, 0x8F) || !cont(i + 2) || !cont(i + 3)) return false;
      i += 4;
    } else {
      return false;
    }
  }
  return true;
}

// What forms.hpp promises for every decoded name and value.
bool acceptable(std::string_view s) {
  for (unsigned char c : s) {
    if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F) return false;
  }
  return reference_utf8(s);
}

bool is_slice_of(std::string_view part, std::string_view whole) {
  return whole.find(part) != std::string_view::npos;
}

void check_percent(std::string_view in) {
  for (bool plus : {false, true}) {
    auto d = percent_decode(in, plus);
    if (!d) {
      FUZZ_CHECK(in.find('%') != std::string_view::npos);  // only escapes can be bad
      continue;
    }
    FUZZ_CHECK(d->size() <= in.size());
    const bool plain = in.find('%') == std::string_view::npos && (!plus || in.find('+') == std::string_view::npos);
    if (plain) FUZZ_CHECK(*d == in);
  }
  const std::string enc = percent_encode(in);
  FUZZ_CHECK(enc.size() >= in.size() && enc.size() <= 3 * in.size());
  for (unsigned char c : enc) {
    FUZZ_CHECK(c > 0x20 && c < 0x7F && c != '+' && c != '/' && c != '&' && c != '=');
  }
  FUZZ_CHECK(percent_decode(enc, false) == in);
  FUZZ_CHECK(percent_decode(enc, true) == in);
}

void check_urlencoded(std::string_view in) {
  for (std::size_t limit : {std::size_t(3), std::size_t(1000)}) {
    auto r = parse_urlencoded(in, limit);
    if (!r.ok()) {
      FUZZ_CHECK(r.error().code == "bad_encoding" || r.error().code == "too_many_fields");
      FUZZ_CHECK(!r.error().message.empty() && reference_utf8(r.error().message));
      continue;
    }
    FUZZ_CHECK(r->items().size() <= limit);
    for (const auto& [k, v] : r->items()) {
      FUZZ_CHECK(acceptable(k));
      FUZZ_CHECK(acceptable(v));
      FUZZ_CHECK(r->has(k));
      FUZZ_CHECK(!r->all(k).empty());
    }
    if (!r->items().empty()) FUZZ_CHECK(*r->get(r->items()[0].first) == r->items()[0].second);
  }
}

void check_multipart(std::string_view body, std::string_view boundary) {
  auto r = parse_multipart(body, boundary, 20);
  if (!r.ok()) {
    const auto& c = r.error().code;
    FUZZ_CHECK(c == "bad_multipart" || c == "bad_encoding" || c == "too_many_fields");
    FUZZ_CHECK(!r.error().message.empty() && reference_utf8(r.error().message));
    return;
  }
  FUZZ_CHECK(!boundary.empty());
  FUZZ_CHECK(body.find("--" + std::string(boundary)) != std::string_view::npos);
  FUZZ_CHECK(r->fields.items().size() + r->files.size() <= 20);
  for (const auto& [k, v] : r->fields.items()) {
    FUZZ_CHECK(acceptable(k));
    FUZZ_CHECK(acceptable(v));
    FUZZ_CHECK(is_slice_of(v, body));
  }
  for (const auto& f : r->files) {
    FUZZ_CHECK(acceptable(f.field));
    FUZZ_CHECK(acceptable(f.filename));
    FUZZ_CHECK(!f.filename.empty() || !f.data.empty());  // an empty file input is no file
    FUZZ_CHECK(is_slice_of(f.data, body));
    FUZZ_CHECK(is_slice_of(f.content_type, body));
  }
}

void check_boundary(std::string_view content_type) {
  auto b = multipart_boundary(content_type);
  if (!b) return;
  FUZZ_CHECK(!b->empty() && b->size() <= 200);
}

void check_cookies(std::string_view header) {
  auto c = parse_cookie_header(header);
  std::size_t semis = 0;
  for (char ch : header) semis += ch == ';';
  FUZZ_CHECK(c.size() <= semis + 1);
  for (const auto& [k, v] : c) {
    FUZZ_CHECK(!k.empty());
    FUZZ_CHECK(k.find(';') == std::string::npos && v.find(';') == std::string::npos);
    FUZZ_CHECK(k.front() != ' ');
    FUZZ_CHECK(k.find('=') == std::string::npos);
    FUZZ_CHECK(is_slice_of(k, header) && is_slice_of(v, header));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);

  FUZZ_CHECK(valid_utf8(in) == reference_utf8(in));
  check_percent(in);
  check_urlencoded(in);
  check_boundary(in);
  check_cookies(in);
  check_boundary("multipart/form-data; boundary=" + std::string(in));

  if (!in.empty()) {
    const std::size_t n = std::min<std::size_t>(static_cast<unsigned char>(in[0]) % 71, in.size() - 1);
    const std::string_view boundary = in.substr(1, n);
    const std::string_view body = in.substr(1 + n);
    check_multipart(body, boundary);
  }
  return 0;
}
