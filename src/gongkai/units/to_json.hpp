// JSON shapes of units and accounts: the API returns them, the audit log stores them as before/after, and pages
// render from them. Accounts never include the password hash.
#pragma once

#include <boost/json.hpp>

#include "gongkai/units/model.hpp"
#include "gongkai/units/store.hpp"

namespace gongkai::units {

boost::json::object to_json(const Unit& u);
boost::json::object to_json(const store::UserRecord& u);

}  // namespace gongkai::units
