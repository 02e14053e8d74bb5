#include "platform/files/zip.hpp"

#include <zip.h>

#include <algorithm>
#include <cstring>
#include <optional>

namespace platform::files {
namespace {

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
           return lower(x) == lower(y);
         });
}

Error invalid(std::string detail) { return make_error("zip_invalid", "压缩文件已损坏或格式不正确：" + detail); }
Error too_large() {
  return make_error("zip_too_large", "压缩文件解压后过大或包含的文件过多，已拒绝处理");
}

}  // namespace

struct ZipReader::Impl {
  zip_t* archive = nullptr;
  ZipLimits limits;
  std::vector<std::string> names;
  std::vector<std::uint64_t> sizes;
  std::uint64_t read_so_far = 0;

  ~Impl() {
    if (archive) zip_discard(archive);  // read-only: nothing to write back
  }

  std::optional<std::size_t> find(std::string_view name) const {
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (iequal(names[i], name)) return i;
    }
    return std::nullopt;
  }
};

ZipReader::ZipReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ZipReader::ZipReader(ZipReader&&) noexcept = default;
ZipReader& ZipReader::operator=(ZipReader&&) noexcept = default;
ZipReader::~ZipReader() = default;

Result<ZipReader> ZipReader::open(std::string_view bytes, ZipLimits limits) {
  if (bytes.size() < 22) return invalid("文件过短");  // smaller than an empty archive's end record
  zip_error_t err;
  zip_error_init(&err);
  // freep = 0: libzip reads the caller's buffer in place, no copy.
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) {
    zip_error_fini(&err);
    return invalid("无法读取");
  }
  // ZIP_CHECKCONS: compare the local headers with the central directory, so a doctored archive fails here
  // rather than half-way through reading.
  zip_t* archive = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
  if (!archive) {
    zip_source_free(src);
    zip_error_fini(&err);
    return invalid("不是有效的 ZIP 结构");
  }
  zip_error_fini(&err);
  auto impl = std::make_unique<Impl>();
  impl->archive = archive;
  impl->limits = limits;

  const zip_int64_t n = zip_get_num_entries(archive, 0);
  if (n < 0) return invalid("目录无法读取");
  if (static_cast<std::uint64_t>(n) > limits.max_entries) return too_large();
  std::uint64_t total = 0;
  impl->names.reserve(static_cast<std::size_t>(n));
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME) ||
        !(st.valid & ZIP_STAT_SIZE)) {
      return invalid("目录项无法读取");
    }
    total += st.size;
    if (st.size > limits.max_total_bytes || total > limits.max_total_bytes) return too_large();
    impl->names.emplace_back(st.name);
    impl->sizes.push_back(st.size);
  }
  return ZipReader(std::move(impl));
}

const std::vector<std::string>& ZipReader::names() const { return impl_->names; }

bool ZipReader::has(std::string_view name) const { return impl_->find(name).has_value(); }

bool ZipReader::has_prefix(std::string_view prefix) const {
  return std::any_of(impl_->names.begin(), impl_->names.end(), [&](const std::string& n) {
    return n.size() >= prefix.size() && iequal(std::string_view(n).substr(0, prefix.size()), prefix);
  });
}

Result<std::string> ZipReader::read(std::string_view name) {
  auto idx = impl_->find(name);
  if (!idx) {
    return make_error("zip_entry_missing", "压缩文件中缺少“" + std::string(name) + "”");
  }
  const std::uint64_t declared = impl_->sizes[*idx];
  if (impl_->read_so_far + declared > impl_->limits.max_total_bytes) return too_large();
  zip_file_t* f = zip_fopen_index(impl_->archive, *idx, 0);
  if (!f) return invalid("无法打开“" + std::string(name) + "”（可能已加密）");
  std::string out;
  out.resize(static_cast<std::size_t>(declared));
  std::uint64_t got = 0;
  bool failed = false;
  // Read up to the declared size, then try one more byte: an entry that inflates past what it declared is a lie
  // (and the classic way to slip past a size check).
  while (got < declared) {
    zip_int64_t r = zip_fread(f, out.data() + got, declared - got);
    if (r < 0) { failed = true; break; }
    if (r == 0) break;
    got += static_cast<std::uint64_t>(r);
  }
  if (!failed && got == declared) {
    char extra;
    zip_int64_t r = zip_fread(f, &extra, 1);  // also makes libzip check the CRC at the end of the stream
    if (r != 0) failed = true;
  }
  zip_fclose(f);
  if (failed || got != declared) return invalid("“" + std::string(name) + "”的数据有误");
  impl_->read_so_far += declared;
  return out;
}

}  // namespace platform::files
