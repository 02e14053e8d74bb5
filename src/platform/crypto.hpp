// Small wrappers over libsodium: random tokens, hashes, keyed MACs and Argon2id password hashes.
// All functions are thread-safe; init() must run once before any of them (the CLI does it first thing).
#pragma once

#include <string>
#include <string_view>

namespace platform {

// Initialises libsodium. Returns false if the library cannot be used (the process must not continue).
bool crypto_init();

// `bytes` random bytes as URL-safe base64 without padding.
std::string random_token(std::size_t bytes = 32);

// Lower-case hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

// Lower-case hex keyed BLAKE2b-256 of `data` (a MAC; key of any length, hashed to 32 bytes first).
std::string keyed_hash_hex(std::string_view key, std::string_view data);

// Constant-time equality of two strings (length may leak, contents do not).
bool constant_time_equal(std::string_view a, std::string_view b);

// Argon2id password hash in the PHC string format ("$argon2id$v=19$..."), interactive limits.
// Returns an empty string if the system could not allocate the memory Argon2 needs.
std::string password_hash(std::string_view password);

// True if `password` matches the PHC string `hash`.
bool password_verify(std::string_view hash, std::string_view password);

}  // namespace platform
