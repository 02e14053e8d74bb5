// Errors as values. A Result<T> holds either a T or an Error; services return them, handlers turn an Error into a
// 4xx page or JSON body. std::expected is C++23; this is the small part of it the project needs on g++ 12.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace platform {

// What went wrong, for the user: `code` is stable and machine-readable (e.g. "not_found", "invalid_credit_code"),
// `message` is shown to people (Simplified Chinese), `field` names the form field at fault, if any.
struct Error {
  std::string code;
  std::string message;
  std::string field = {};
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT: implicit by design, like std::expected
  Result(Error error) : v_(std::move(error)) {}      // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
  T& operator*() & { return std::get<0>(v_); }
  const T& operator*() const& { return std::get<0>(v_); }

  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Result<void>: success carries nothing.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

inline Error make_error(std::string code, std::string message, std::string field = {}) {
  return Error{std::move(code), std::move(message), std::move(field)};
}

}  // namespace platform
