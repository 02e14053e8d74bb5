// SQL for the audit log. Append and query only: there is deliberately no update or delete.
#pragma once

#include <soci/soci.h>

#include <vector>

#include "gongkai/audit/model.hpp"

namespace gongkai::audit {

// Appends `e` (its id and, if empty, `at` are filled in) and returns the new id.
long long append(soci::session& s, Entry e);
// Entries matching `q`, newest first, at most q.limit.
std::vector<Entry> find(soci::session& s, const Query& q);

}  // namespace gongkai::audit
