#include "platform/files/blob_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <optional>
#include <system_error>

#include "platform/crypto.hpp"

namespace platform::files {
namespace {

Error write_failed() { return make_error("blob_write_failed", "文件保存失败，请稍后重试"); }
Error missing() { return make_error("blob_missing", "文件不存在或已被删除"); }

// Reads a whole file; nullopt if it cannot be opened (errno kept).
std::optional<std::string> slurp(const std::filesystem::path& p) {
  int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::string out;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && st.st_size > 0) out.reserve(static_cast<std::size_t>(st.st_size));
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return out;
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool fsync_dir(const std::filesystem::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

// Creates `dir` and its parents, fsyncing each parent whose entry was added, so the folder chain of a new blob is
// as durable as the blob.
bool make_dirs_durable(const std::filesystem::path& dir) {
  std::error_code ec;
  if (std::filesystem::is_directory(dir, ec)) return true;
  if (!dir.has_parent_path() || dir.parent_path() == dir) return false;
  if (!make_dirs_durable(dir.parent_path())) return false;
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) return false;
  return fsync_dir(dir.parent_path());
}

}  // namespace

bool is_sha256_hex(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

BlobStore::BlobStore(std::filesystem::path root) : root_(std::move(root)) {}

std::filesystem::path BlobStore::path_of(const std::string& sha256_hex) const {
  if (!is_sha256_hex(sha256_hex)) return {};
  return root_ / sha256_hex.substr(0, 2) / sha256_hex.substr(2, 2) / sha256_hex;
}

bool BlobStore::exists(const std::string& sha256_hex) const {
  auto p = path_of(sha256_hex);
  std::error_code ec;
  return !p.empty() && std::filesystem::is_regular_file(p, ec);
}

Result<BlobRef> BlobStore::put(std::string_view bytes) {
  BlobRef ref{sha256_hex(bytes), bytes.size()};
  const auto path = path_of(ref.sha256);
  const auto dir = path.parent_path();

  // Already there: nothing to do, unless the stored copy was damaged, which this write then repairs.
  if (auto existing = slurp(path); existing && *existing == bytes) return ref;

  if (!make_dirs_durable(dir)) return write_failed();
  std::string tmpl = (dir / ".tmp-XXXXXX").string();
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0) return write_failed();
  bool ok = write_all(fd, bytes) && ::fchmod(fd, 0644) == 0 && ::fsync(fd) == 0;
  ok = (::close(fd) == 0) && ok;
  if (ok) ok = ::rename(tmpl.c_str(), path.c_str()) == 0;
  if (!ok) {
    ::unlink(tmpl.c_str());
    return write_failed();
  }
  if (!fsync_dir(dir)) return write_failed();  // the rename itself must reach the disk before we acknowledge
  return ref;
}

Result<std::string> BlobStore::read(const std::string& sha256_hex_name) const {
  const auto path = path_of(sha256_hex_name);
  if (path.empty()) return missing();
  auto bytes = slurp(path);
  if (!bytes) return missing();
  if (sha256_hex(*bytes) != sha256_hex_name) {
    return make_error("blob_corrupt", "文件已损坏（内容与校验值不符），请联系系统管理员");
  }
  return std::move(*bytes);
}

}  // namespace platform::files
