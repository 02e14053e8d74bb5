// Content-addressed file store: each blob is a file named by the SHA-256 of its bytes, under
// <root>/ab/cd/<64 hex digits>. Identical uploads are stored once; a blob never changes after it is written, so
// backups can copy the folder incrementally and nodes sharing it (NFS) never see a half-written file.
//
// Durability: put() writes a temporary file in the target folder, fsyncs it, renames it into place and fsyncs the
// folder, so once put() returns, the blob survives a killed process or a power cut; a crash before that leaves at
// most a stray ".tmp-*" file, never a partial blob under its final name.
// Thread-safe and safe across processes (rename is atomic; two writers of the same bytes write the same file).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "platform/result.hpp"

namespace platform::files {

struct BlobRef {
  std::string sha256;  // lower-case hex, 64 characters
  std::uint64_t size = 0;
};

class BlobStore {
 public:
  // `root` is created on first put() if missing (the server passes <data>/blobs).
  explicit BlobStore(std::filesystem::path root);

  // Stores `bytes` and returns their address. Storing bytes already present writes nothing (a stored copy that
  // does not match its name is replaced). Errors: blob_write_failed (disk full, permissions…; logged by the
  // caller, nothing partial is left under the final name).
  Result<BlobRef> put(std::string_view bytes);

  // The bytes stored under `sha256_hex`, checked against it. Errors: blob_missing (no such blob, or not a valid
  // 64-hex-digit name), blob_corrupt (the file's content no longer matches its hash: disk or operator damage).
  Result<std::string> read(const std::string& sha256_hex) const;

  // Where the blob lives (whether or not it exists); an empty path if `sha256_hex` is not 64 lower-case hex digits,
  // so a crafted name can never point outside the root.
  std::filesystem::path path_of(const std::string& sha256_hex) const;

  // True if a file exists under that name (its content is not checked).
  bool exists(const std::string& sha256_hex) const;

  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
};

// True if `s` is 64 lower-case hex digits.
bool is_sha256_hex(std::string_view s);

}  // namespace platform::files
