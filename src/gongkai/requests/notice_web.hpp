// Pages of 告知书 and released files: the notices and the upload form on the staff case page, the notices and
// downloads on the applicant's tracking page (number + query code in a POST body, never in a URL), the PDF
// downloads, and the openness office's template editor (/console/notice-templates).
#pragma once

#include <boost/json.hpp>

#include "gongkai/app.hpp"
#include "gongkai/requests/service.hpp"
#include "platform/http/message.hpp"

namespace gongkai::requests {

void install_notice_web(App& app);

// Template data for the case page ("paperwork": notices, reply preview, released files, upload form).
boost::json::object case_paperwork(App& app, platform::http::Request& req, const CaseView& v);
// Template data for the tracking page: the applicant's notices and released files. `v` comes from a successful
// RequestService::track, so the query code has been checked.
boost::json::object public_paperwork(App& app, const PublicView& v);

}  // namespace gongkai::requests
