// The audit log's staff page (/console/audit), filterable, newest first, keyset-paged.
#pragma once

#include "gongkai/app.hpp"

namespace gongkai::audit {

void install_web(App& app);

}  // namespace gongkai::audit
