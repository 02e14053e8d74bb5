// Reading zip archives held in memory (docx, xlsx and OFD are all zips), with limits so that an upload cannot make
// the server inflate gigabytes: a cap on the number of entries and on the total uncompressed size, checked against
// the sizes the archive declares when it is opened and again against the bytes actually inflated. Built on libzip.
// Not thread-safe: one reader per thread (readers are cheap; the bytes are not copied).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"

namespace platform::files {

struct ZipLimits {
  std::size_t max_entries = 10'000;
  std::uint64_t max_total_bytes = 64ull << 20;  // sum of every entry's uncompressed size, and of all reads
};

class ZipReader {
 public:
  // Opens the archive in `bytes`, which must outlive the reader. Errors: zip_invalid (not a zip, truncated,
  // inconsistent central directory), zip_too_large (more entries, or more declared uncompressed bytes, than
  // `limits` allow).
  static Result<ZipReader> open(std::string_view bytes, ZipLimits limits = {});

  ZipReader(ZipReader&&) noexcept;
  ZipReader& operator=(ZipReader&&) noexcept;
  ~ZipReader();

  // Entry names in archive order (folders included, as "word/" etc. when the archive stores them).
  const std::vector<std::string>& names() const;
  // True if an entry of this name exists; ASCII case-insensitive, as OPC part names are (ECMA-376-2 §6.2.2.3).
  bool has(std::string_view name) const;
  // True if some entry's name starts with `prefix` (ASCII case-insensitive).
  bool has_prefix(std::string_view prefix) const;

  // The whole uncompressed content of an entry. Errors: zip_entry_missing; zip_invalid (bad data, CRC mismatch,
  // encrypted entry, more data than declared); zip_too_large (the reads so far would exceed max_total_bytes).
  Result<std::string> read(std::string_view name);

 private:
  struct Impl;
  explicit ZipReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace platform::files
