// Checking an upload before it is stored: what the bytes are (by content, with libmagic and a look inside zips),
// whether that type is allowed, whether the name's extension agrees, and a file name safe to send back.
// Thread-safe (libmagic handles are per thread).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "platform/result.hpp"

namespace platform::files {

struct FileInfo {
  std::string mime;       // canonical type for the kind, e.g. "application/pdf", "image/jpeg"
  std::string kind;       // pdf, doc, docx, xls, xlsx, ofd, png, jpeg, gif
  std::string extension;  // canonical extension of the kind, without the dot: pdf … "jpg" for jpeg
  std::string safe_name;  // see safe_file_name; gets ".<extension>" appended when the name had no extension
};

// Identifies an upload by its content and checks it against its name. Allowed: PDF, Word (.doc, .docx),
// Excel (.xls, .xlsx), OFD (a zip with OFD.xml at its root), PNG, JPEG, GIF. docx, xlsx and OFD are told apart by
// their zip entries ([Content_Types].xml with word/ or xl/; OFD.xml), .doc and .xls by libmagic's reading of the
// compound file's streams. The name's extension (case-insensitive; .jpg/.jpeg/.jpe/.jfif for JPEG) must name the
// same kind; a name without an extension is accepted.
// Checks, in order, and errors (field "file" for all):
//   invalid_file_name      not UTF-8, or nothing left after safe_file_name cleans it;
//   file_empty             no bytes;
//   file_too_large         more than max_bytes;
//   file_type_not_allowed  the content is none of the allowed types (an executable, HTML, a script, a plain zip…);
//   file_type_mismatch     the content is allowed but the extension says otherwise (a PDF named .docx, a PNG
//                          named .exe);
//   file_check_failed      libmagic could not be loaded (a broken installation; a server error, not the user's).
Result<FileInfo> inspect_upload(std::string_view file_name, std::string_view bytes, std::uint64_t max_bytes);

// The file name a browser sent, made safe to store and to put in Content-Disposition: the last path component
// (after '/' or '\'), without C0/C1 control characters and bidirectional overrides (which make "exe.pdf" of
// "fdp.exe"), with \ / : * ? " < > | replaced by '_', without leading/trailing spaces and dots, at most 120
// characters (code points; the extension is kept when the stem is shortened). Empty if `name` is not valid UTF-8
// or nothing is left.
std::string safe_file_name(std::string_view name);

// Display name of a kind for messages: "PDF 文档", "Word 文档（.docx）", "PNG 图片"… ("未知类型" if unknown).
std::string kind_label(std::string_view kind);

}  // namespace platform::files
