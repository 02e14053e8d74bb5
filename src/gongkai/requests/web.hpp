// Pages and API of 依申请公开: the public application form, the confirmation with number and query code, the
// tracking page (with the online supplement form), the staff queue, intake form and case page.
#pragma once

#include "gongkai/app.hpp"

namespace gongkai::requests {

void install_web(App& app);

}  // namespace gongkai::requests
