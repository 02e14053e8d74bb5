// Pages and API of 主动公开. Public: /columns, /documents/{id}, /catalogue, /guide, /ledger, feeds, sitemap.xml and
// /api/v1/{documents,columns,ledger}. Staff: /console/documents (drafting, review, publication) and
// /console/columns.
#pragma once

#include "gongkai/app.hpp"

namespace gongkai::disclosure {

void install_web(App& app);          // public pages, feeds and the API (web.cpp)
void install_console(App& app);      // staff pages (console.cpp); install_web calls it

}  // namespace gongkai::disclosure
