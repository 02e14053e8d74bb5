#include "platform/files/inspect.hpp"

#include <magic.h>

#include <array>
#include <optional>

#include "platform/files/zip.hpp"
#include "platform/http/forms.hpp"

namespace platform::files {
namespace {

struct KindInfo {
  std::string_view kind, mime, extension, label;
};

constexpr std::array<KindInfo, 9> kKinds{{
    {"pdf", "application/pdf", "pdf", "PDF 文档"},
    {"doc", "application/msword", "doc", "Word 文档（.doc）"},
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "Word 文档（.docx）"},
    {"xls", "application/vnd.ms-excel", "xls", "Excel 表格（.xls）"},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", "Excel 表格（.xlsx）"},
    {"ofd", "application/ofd", "ofd", "OFD 版式文档"},
    {"png", "image/png", "png", "PNG 图片"},
    {"jpeg", "image/jpeg", "jpg", "JPEG 图片"},
    {"gif", "image/gif", "gif", "GIF 图片"},
}};

const KindInfo* find_kind(std::string_view kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return &k;
  }
  return nullptr;
}

// Extension (lower-case, no dot) → kind.
std::optional<std::string_view> kind_of_extension(std::string_view ext) {
  if (ext == "jpg" || ext == "jpeg" || ext == "jpe" || ext == "jfif") return "jpeg";
  for (const auto& k : kKinds) {
    if (k.extension == ext) return k.kind;
  }
  return std::nullopt;
}

constexpr std::uint64_t kMiB = 1024 * 1024;

Error error(std::string code, std::string message) { return make_error(std::move(code), std::move(message), "file"); }

// libmagic handles must not be shared between threads; loading the database costs a few milliseconds, so each
// thread keeps one for its lifetime.
class MagicHandle {
 public:
  MagicHandle() {
    cookie_ = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
    if (cookie_ && magic_load(cookie_, nullptr) != 0) {
      magic_close(cookie_);
      cookie_ = nullptr;
    }
  }
  ~MagicHandle() {
    if (cookie_) magic_close(cookie_);
  }
  MagicHandle(const MagicHandle&) = delete;
  MagicHandle& operator=(const MagicHandle&) = delete;
  std::optional<std::string> mime(std::string_view bytes) {
    if (!cookie_) return std::nullopt;
    const char* m = magic_buffer(cookie_, bytes.data(), bytes.size());
    if (!m) return std::nullopt;
    return std::string(m);
  }

 private:
  magic_t cookie_ = nullptr;
};

// docx, xlsx or ofd by the zip's entries; nullopt for any other zip (or a broken one).
std::optional<std::string_view> zip_kind(std::string_view bytes) {
  auto zip = ZipReader::open(bytes);
  if (!zip) return std::nullopt;
  if (zip->has("OFD.xml")) return "ofd";
  if (zip->has("[Content_Types].xml")) {
    if (zip->has_prefix("word/")) return "docx";
    if (zip->has_prefix("xl/")) return "xlsx";
  }
  return std::nullopt;
}

std::optional<std::string_view> kind_of_mime(std::string_view mime, std::string_view bytes) {
  if (mime == "application/pdf") return "pdf";
  if (mime == "image/png") return "png";
  if (mime == "image/jpeg") return "jpeg";
  if (mime == "image/gif") return "gif";
  if (mime == "application/msword") return "doc";
  if (mime == "application/vnd.ms-excel") return "xls";
  // Zips: libmagic names OOXML only when [Content_Types].xml is the first entry, and knows nothing of OFD, so look
  // inside whatever starts like a zip.
  if (bytes.starts_with(std::string_view("PK\x03\x04", 4))) return zip_kind(bytes);
  return std::nullopt;
}

// Number of code points of valid UTF-8.
std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// The first `n` code points of valid UTF-8.
std::string_view first_code_points(std::string_view s, std::size_t n) {
  std::size_t i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (n == 0) break;
      --n;
    }
  }
  return s.substr(0, i);
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::string safe_file_name(std::string_view name) {
  if (!http::valid_utf8(name)) return {};
  auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);

  std::string out;
  for (std::size_t i = 0; i < name.size();) {
    const auto c = static_cast<unsigned char>(name[i]);
    std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    std::string_view ch = name.substr(i, len);
    i += len;
    // Decode to a code point to test the ranges.
    char32_t cp = c;
    if (len > 1) {
      cp = c & (0xFF >> (len + 1));
      for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(ch[k]) & 0x3F);
    }
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) continue;              // C0, DEL, C1
    if (cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||            // bidi marks, embeddings,
        (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF) {                             // isolates; BOM
      continue;
    }
    if (std::string_view("\\/:*?\"<>|").find(static_cast<char>(cp)) != std::string_view::npos && cp < 0x80) {
      out.push_back('_');
      continue;
    }
    out.append(ch);
  }
  auto trim = [](char c) { return c == ' ' || c == '.'; };
  while (!out.empty() && trim(out.back())) out.pop_back();
  std::size_t start = 0;
  while (start < out.size() && trim(out[start])) ++start;
  out.erase(0, start);

  constexpr std::size_t kMax = 120;
  if (code_points(out) > kMax) {
    auto dot = out.rfind('.');
    std::string ext = dot != std::string::npos && out.size() - dot <= 17 ? out.substr(dot) : std::string();
    std::string stem = std::string(first_code_points(out, kMax - code_points(ext)));
    if (!ext.empty() && stem.size() > dot) stem.resize(dot);  // never cut into the extension
    while (!stem.empty() && trim(stem.back())) stem.pop_back();
    out = stem + ext;
  }
  return out;
}

std::string kind_label(std::string_view kind) {
  const auto* k = find_kind(kind);
  return k ? std::string(k->label) : "未知类型";
}

Result<FileInfo> inspect_upload(std::string_view file_name, std::string_view bytes, std::uint64_t max_bytes) {
  std::string safe = safe_file_name(file_name);
  if (safe.empty()) return error("invalid_file_name", "文件名无效，请修改文件名后重新上传");
  if (bytes.empty()) return error("file_empty", "文件是空的，请检查后重新上传");
  if (bytes.size() > max_bytes) {
    std::string limit = max_bytes >= kMiB ? std::to_string(max_bytes / kMiB) + " MB"
                                          : std::to_string(max_bytes / 1024) + " KB";
    return error("file_too_large", "文件过大：每个文件不能超过 " + limit);
  }

  thread_local MagicHandle magic;
  auto mime = magic.mime(bytes);
  if (!mime) return error("file_check_failed", "暂时无法检查文件类型，请稍后重试");
  auto kind = kind_of_mime(*mime, bytes);
  if (!kind) {
    return error("file_type_not_allowed",
                 "不支持这种文件：只能上传 PDF、Word（.doc、.docx）、Excel（.xls、.xlsx）、OFD、PNG、JPEG 或 GIF 文件");
  }
  const KindInfo& info = *find_kind(*kind);

  std::string ext;
  if (auto dot = safe.rfind('.'); dot != std::string::npos) ext = lower_ascii(std::string_view(safe).substr(dot + 1));
  if (ext.empty()) {
    safe += ".";
    safe += info.extension;
  } else if (kind_of_extension(ext) != *kind) {
    return error("file_type_mismatch", "文件扩展名“." + ext + "”与文件内容不符：文件实际是" +
                                           std::string(info.label) + "，请检查后重新上传");
  }
  return FileInfo{std::string(info.mime), std::string(info.kind), std::string(info.extension), std::move(safe)};
}

}  // namespace platform::files
