#include "platform/db/settings.hpp"

namespace platform::db {

std::string get_setting(soci::session& s, const std::string& key) {
  std::string value;
  soci::indicator ind = soci::i_null;
  s << "SELECT value FROM settings WHERE key = :k", soci::use(key), soci::into(value, ind);
  return ind == soci::i_ok ? value : std::string{};
}

std::string put_setting_if_absent(soci::session& s, const std::string& key, const std::string& value) {
  s << "INSERT INTO settings (key, value) VALUES (:k, :v) ON CONFLICT (key) DO NOTHING", soci::use(key), soci::use(value);
  return get_setting(s, key);
}

}  // namespace platform::db
