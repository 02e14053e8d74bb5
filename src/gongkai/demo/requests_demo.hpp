// `gongkai demo`, disclosure requests: a handful of requests in various states, so the queue, the case page and the
// tracking page have something to show. Only when there are no requests at all (idempotent).
#pragma once

#include "gongkai/app.hpp"
#include "platform/result.hpp"

namespace gongkai::demo {

// Returns the number of requests created (0 when requests already exist).
platform::Result<int> seed_requests(App& app);

}  // namespace gongkai::demo
