// Key/value settings shared by every node (table settings), e.g. the server secret that signs CSRF tokens.
#pragma once

#include <soci/soci.h>

#include <string>

namespace platform::db {

// The value for `key`, or "" if unset.
std::string get_setting(soci::session& s, const std::string& key);
// Stores `value` unless the key already has one (the first writer wins, so nodes agree); returns the stored value.
std::string put_setting_if_absent(soci::session& s, const std::string& key, const std::string& value);

}  // namespace platform::db
