// Pages and API of the annual report: the openness office's list of reports with their statutory deadlines
// (/console/reports), one report with its tables, check and edit forms (/console/reports/annual?unit=&year=), its
// XLSX export, and GET /api/v1/reports/annual?unit=&year= (the numbers as JSON).
#pragma once

#include "gongkai/app.hpp"

namespace gongkai::oversight {

void install_web(App& app);

}  // namespace gongkai::oversight
