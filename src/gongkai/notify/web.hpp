// Staff pages of the outbox: /console/outbox (deliveries, failures first on request, retry) and /api/v1/outbox.
#pragma once

#include "gongkai/app.hpp"

namespace gongkai::notify {

void install_web(App& app);

}  // namespace gongkai::notify
