#include "platform/db/rows.hpp"

#include <charconv>
#include <cmath>

namespace platform::db {

std::string text_at(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return {};
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_string: return r.get<std::string>(i);
    case soci::dt_integer: return std::to_string(r.get<int>(i));
    case soci::dt_long_long: return std::to_string(r.get<long long>(i));
    case soci::dt_unsigned_long_long: return std::to_string(r.get<unsigned long long>(i));
    case soci::dt_double: return std::to_string(r.get<double>(i));
    default: return r.get<std::string>(i);
  }
}

long long int_at(const soci::row& r, std::size_t i) { return opt_int_at(r, i).value_or(0); }

std::optional<long long> opt_int_at(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer: return r.get<int>(i);
    case soci::dt_long_long: return r.get<long long>(i);
    case soci::dt_unsigned_long_long: return static_cast<long long>(r.get<unsigned long long>(i));
    case soci::dt_double: return std::llround(r.get<double>(i));
    case soci::dt_string: {
      const std::string s = r.get<std::string>(i);
      long long v = 0;
      auto res = std::from_chars(s.data(), s.data() + s.size(), v);
      if (res.ec != std::errc{}) return std::nullopt;
      return v;
    }
    default: return std::nullopt;
  }
}

Params& Params::text(const std::string& name, std::string value) {
  names_.push_back(name);
  strings_.push_back(std::move(value));
  st_.exchange(soci::use(strings_.back(), names_.back()));
  return *this;
}

Params& Params::opt_text(const std::string& name, std::string value) {
  names_.push_back(name);
  inds_.push_back(value.empty() ? soci::i_null : soci::i_ok);
  strings_.push_back(std::move(value));
  st_.exchange(soci::use(strings_.back(), inds_.back(), names_.back()));
  return *this;
}

Params& Params::integer(const std::string& name, long long value) {
  names_.push_back(name);
  ints_.push_back(value);
  st_.exchange(soci::use(ints_.back(), names_.back()));
  return *this;
}

Params& Params::opt_integer(const std::string& name, std::optional<long long> value) {
  names_.push_back(name);
  inds_.push_back(value ? soci::i_ok : soci::i_null);
  ints_.push_back(value.value_or(0));
  st_.exchange(soci::use(ints_.back(), inds_.back(), names_.back()));
  return *this;
}

}  // namespace platform::db
