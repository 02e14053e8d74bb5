// Parsing what browsers send: percent-encoding, query strings and urlencoded bodies, multipart/form-data.
// Pure functions over bytes, fuzzed in fuzz/forms_fuzz.cpp. Every decoded name and value is valid UTF-8 without
// NUL or other C0 controls except tab, CR and LF; anything else is refused as a whole, so nothing half-parsed
// reaches a service.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"

namespace platform::http {

// True if `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
bool valid_utf8(std::string_view s);

// Decodes %XX escapes; with `plus_is_space` (forms and query strings) '+' becomes ' '. nullopt on a bad escape.
std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space);

// Percent-encodes everything except RFC 3986 unreserved characters.
std::string percent_encode(std::string_view s);

// Ordered name/value pairs. A name may repeat (checkboxes); `get` returns the first.
class FormData {
 public:
  void add(std::string name, std::string value);
  const std::string* get(std::string_view name) const;
  std::string value(std::string_view name, std::string_view fallback = {}) const;
  std::vector<std::string> all(std::string_view name) const;
  bool has(std::string_view name) const { return get(name) != nullptr; }
  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }
  bool empty() const { return items_.empty(); }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

// Parses `a=1&b=%E4%B8%AD`. Errors: bad_encoding (malformed escape, invalid UTF-8 or control characters),
// too_many_fields (more than `max_fields`).
Result<FormData> parse_urlencoded(std::string_view body, std::size_t max_fields = 1000);

// One uploaded file of a multipart form.
struct UploadedFile {
  std::string field;         // form field name
  std::string filename;      // as the browser sent it (UTF-8), never trusted as a path
  std::string content_type;  // as the browser sent it; check the content itself before trusting it
  std::string data;
};

struct MultipartForm {
  FormData fields;
  std::vector<UploadedFile> files;
};

// Extracts the boundary parameter of a `multipart/form-data; boundary=...` Content-Type; nullopt if absent/invalid.
std::optional<std::string> multipart_boundary(std::string_view content_type);

// Parses a multipart/form-data body (RFC 7578). Errors: bad_multipart (structure), bad_encoding (non-UTF-8 names or
// field values), too_many_fields.
Result<MultipartForm> parse_multipart(std::string_view body, std::string_view boundary, std::size_t max_parts = 200);

}  // namespace platform::http
