// What of an exception may enter the log. Database errors can carry the statement and its bound values as context
// (SOCI adds "while executing ... with :name=value"), and bound values may be personal data of applicants or
// letter writers — so only the driver's own message is kept, shortened.
#pragma once

#include <exception>
#include <string>

namespace platform {

std::string loggable(const std::exception& e);

}  // namespace platform
