// Small helpers for SQL with many columns: reading a soci::row by position whatever integer type each backend
// reports (SQLite and PostgreSQL describe the same column differently), and binding named parameters whose
// storage outlives the statement, with empty text or nullopt as NULL where the schema allows it.
#pragma once

#include <soci/soci.h>

#include <deque>
#include <optional>
#include <string>

namespace platform::db {

// Column `i` of `r` as text ("" for NULL).
std::string text_at(const soci::row& r, std::size_t i);
// Column `i` as an integer (0 for NULL); accepts any integer type, a double or a numeric string.
long long int_at(const soci::row& r, std::size_t i);
// Column `i` as an integer, nullopt for NULL.
std::optional<long long> opt_int_at(const soci::row& r, std::size_t i);

// Named parameters for one statement: `st.exchange` is called for each as it is added; values are owned here and
// stay valid until the Params is destroyed (keep it alive until the statement has executed).
class Params {
 public:
  explicit Params(soci::statement& st) : st_(st) {}
  Params& text(const std::string& name, std::string value);
  // Empty text is stored as NULL (optional dates, optional codes).
  Params& opt_text(const std::string& name, std::string value);
  Params& integer(const std::string& name, long long value);
  Params& opt_integer(const std::string& name, std::optional<long long> value);

 private:
  soci::statement& st_;
  std::deque<std::string> strings_;
  std::deque<long long> ints_;
  std::deque<soci::indicator> inds_;
  std::deque<std::string> names_;
};

// Runs a SELECT with the parameters `bind(Params&)` adds and calls `each(const soci::row&)` for every row.
template <class Bind, class Each>
void for_each_row(soci::session& s, const std::string& sql, Bind&& bind, Each&& each) {
  soci::row r;
  soci::statement st(s);
  Params p(st);
  bind(p);
  st.exchange(soci::into(r));
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
  st.execute(false);
  while (st.fetch()) each(r);
}

// Prepares and runs `sql` on `st`, whose parameters (and into-targets, e.g. for RETURNING) are already exchanged;
// returns the rows affected.
inline long long run(soci::statement& st, const std::string& sql) {
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
  st.execute(true);
  return st.get_affected_rows();
}

// Runs an INSERT, UPDATE or DELETE with the parameters `bind(Params&)` adds; returns the rows affected.
template <class Bind>
long long execute(soci::session& s, const std::string& sql, Bind&& bind) {
  soci::statement st(s);
  Params p(st);
  bind(p);
  return run(st, sql);
}

}  // namespace platform::db
