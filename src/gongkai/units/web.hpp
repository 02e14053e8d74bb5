// Pages and API for units and accounts: the public unit directory and unit pages, /api/v1/units, sign-in and
// sign-out, and the staff console's unit and account management.
#pragma once

#include "gongkai/app.hpp"

namespace gongkai::units {

void install_web(App& app);

}  // namespace gongkai::units
