// `gongkai demo`, oversight: last year's entered Table 二 counts (行政许可, 行政处罚, 行政强制, 行政事业性收费) for a
// few departments with draft annual reports, and one inspection with a rectification notice to 区教育局, so the
// annual-report and inspection pages have something to show. Only what is missing is added (idempotent).
#pragma once

#include "gongkai/app.hpp"
#include "platform/result.hpp"

namespace gongkai::demo {

// Returns how many units got counts entered now (0 when they exist already).
platform::Result<int> seed_oversight(App& app);

}  // namespace gongkai::demo
