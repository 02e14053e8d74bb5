// The public deadline calculator (/calendar), the calendar API (/api/v1/calendar/deadline, /api/v1/calendar/workday)
// and the openness office's calendar import (/console/calendar).
#pragma once

#include "gongkai/app.hpp"

namespace gongkai::calendar {

void install_web(App& app);

}  // namespace gongkai::calendar
