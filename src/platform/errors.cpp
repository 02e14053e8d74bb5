#include "platform/errors.hpp"

#include <soci/error.h>

namespace platform {

std::string loggable(const std::exception& e) {
  std::string msg;
  if (const auto* se = dynamic_cast<const soci::soci_error*>(&e)) {
    msg = se->get_error_message();
  } else {
    msg = e.what();
  }
  // Drop anything after a context marker and keep one short line.
  for (const char* marker : {" while executing", " while preparing", " while "}) {
    if (auto p = msg.find(marker); p != std::string::npos) msg.resize(p);
  }
  if (auto nl = msg.find('\n'); nl != std::string::npos) msg.resize(nl);
  if (msg.size() > 300) msg.resize(300);
  return msg;
}

}  // namespace platform
