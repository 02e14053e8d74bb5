// The public site's frame and the operational endpoints: home page, /healthz, /metrics, robots.txt.
#pragma once

#include "gongkai/app.hpp"

namespace gongkai::site {

void install(App& app);

}  // namespace gongkai::site
