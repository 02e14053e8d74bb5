// Pages and API of search: the public results page /search (works without JavaScript: filters and facets are links
// and a plain form), GET /api/v1/search (the same as JSON), and the openness office's search statistics
// /console/search-log (most frequent and zero-result searches of a period).
#pragma once

#include "gongkai/app.hpp"

namespace gongkai::search {

void install_web(App& app);

}  // namespace gongkai::search
