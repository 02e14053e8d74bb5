// Mustache templates (kainjow), HTML-escaped by default. Templates live in templates/NAME.mustache (embedded);
// "{{> name}}" includes templates/name.mustache, expanded once when the template is first loaded. Data comes as
// Boost.JSON, the same values the API returns, so a page and its /api/v1 twin share one model.
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <string_view>

namespace platform::render {

// Renders templates/<name>.mustache. Throws std::runtime_error if the template is missing or malformed — a
// programming error that the tests catch, never bad input.
std::string render(std::string_view name, const boost::json::value& data);

// Forgets loaded templates (after the override folder changed).
void clear_cache();

}  // namespace platform::render
