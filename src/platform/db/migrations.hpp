// Versioned schema migrations, embedded in the binary from migrations/NNNN_name.sql.
//
// One file is one migration, applied in a transaction and recorded in schema_migrations with its checksum. The
// same file serves both backends: tokens are translated by the dialect (@ID@, @BIGINT@, @BLOB@), and blocks
// between "-- @sqlite" / "-- @postgresql" and "-- @end" apply to that backend only. Applying is idempotent and
// safe when several processes start at once (PostgreSQL: an advisory lock; SQLite: BEGIN IMMEDIATE).
#pragma once

#include <string>
#include <vector>

#include "platform/db/database.hpp"
#include "platform/result.hpp"

namespace platform::db {

// `sql` rewritten for `backend`: tokens replaced, the other backend's blocks dropped.
std::string translate_sql(Backend backend, const std::string& sql);

struct MigrationReport {
  std::vector<std::string> applied;   // names applied by this call
  int current_version = 0;            // highest version recorded after the call
};

// Applies every embedded migration not yet recorded. Errors: migration_failed (names the file and the driver's
// message; that migration is rolled back), migration_changed (a recorded migration's checksum differs from the
// embedded file: someone edited history), database_newer (the database has versions this binary does not know).
Result<MigrationReport> migrate(Database& db);

}  // namespace platform::db
