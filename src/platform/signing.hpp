// Ed25519 signatures (libsodium) for statements anyone may check later with only the public key, such as the
// public ledger's checkpoints. Keys and signatures travel as lower-case hex.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "platform/result.hpp"

namespace platform {

struct SigningKey {
  std::string public_hex;  // 32 bytes
  std::string secret_hex;  // 64 bytes (libsodium's seed + public key)
};

// Reads the key in `path`, or creates one there (mode 0600, written to a temporary file, fsync'd, renamed) if the
// file does not exist. Errors: signing_key (unreadable, malformed, or not writable; the message says which).
Result<SigningKey> load_or_create_signing_key(const std::filesystem::path& path);

// The detached signature of `message`, hex.
std::string sign_hex(const SigningKey& key, std::string_view message);

// True if `signature_hex` is `public_hex`'s valid signature of `message`.
bool verify_signature(std::string_view public_hex, std::string_view message, std::string_view signature_hex);

}  // namespace platform
