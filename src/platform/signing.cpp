#include "platform/signing.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <vector>

namespace platform {
namespace {

std::string to_hex(const unsigned char* p, std::size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), p, n);
  out.pop_back();
  return out;
}

bool from_hex(std::string_view hex, std::vector<unsigned char>& out, std::size_t expected) {
  out.assign(expected, 0);
  std::size_t len = 0;
  if (hex.size() != expected * 2) return false;
  return sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &len, nullptr) == 0 && len == expected;
}

Result<void> write_private(const std::filesystem::path& path, const std::string& content) {
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return make_error("signing_key", "无法写入台账签名密钥文件 " + path.string() + "。");
  bool ok = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    return make_error("signing_key", "无法写入台账签名密钥文件 " + path.string() + "。");
  }
  int dir = ::open(path.parent_path().empty() ? "." : path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return {};
}

}  // namespace

Result<SigningKey> load_or_create_signing_key(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    std::ifstream in(path);
    std::string secret;
    in >> secret;
    std::vector<unsigned char> sk;
    if (!from_hex(secret, sk, crypto_sign_SECRETKEYBYTES)) {
      return make_error("signing_key", "台账签名密钥文件 " + path.string() + " 格式不正确。");
    }
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    crypto_sign_ed25519_sk_to_pk(pk, sk.data());
    return SigningKey{to_hex(pk, sizeof pk), secret};
  }
  if (!path.parent_path().empty()) std::filesystem::create_directories(path.parent_path(), ec);
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk, sk);
  SigningKey key{to_hex(pk, sizeof pk), to_hex(sk, sizeof sk)};
  sodium_memzero(sk, sizeof sk);
  if (auto r = write_private(path, key.secret_hex + "\n"); !r) return r.error();
  return key;
}

std::string sign_hex(const SigningKey& key, std::string_view message) {
  std::vector<unsigned char> sk;
  if (!from_hex(key.secret_hex, sk, crypto_sign_SECRETKEYBYTES)) return {};
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(), sk.data());
  sodium_memzero(sk.data(), sk.size());
  return to_hex(sig, sizeof sig);
}

bool verify_signature(std::string_view public_hex, std::string_view message, std::string_view signature_hex) {
  std::vector<unsigned char> pk, sig;
  if (!from_hex(public_hex, pk, crypto_sign_PUBLICKEYBYTES) || !from_hex(signature_hex, sig, crypto_sign_BYTES)) {
    return false;
  }
  return crypto_sign_verify_detached(sig.data(), reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                     pk.data()) == 0;
}

}  // namespace platform
