// Pages and API of 依申请公开: the public application form, the confirmation with number and query code, the
// tracking page (with the online supplement form), the staff queue, intake form and case page; the public
// statistics and the handling records of handling.hpp (handling_web.cpp).
#pragma once

#include <boost/json.hpp>
#include <string>

#include "gongkai/app.hpp"

namespace gongkai::requests {

void install_web(App& app);

// The parts of handling.hpp (appeals, co-handling, the sensitive record, splitting, Art. 44 drafts, statistics):
// their routes, and what they add to the staff case page.
void install_handling_web(App& app);
// The case page's data for those parts (under "handling"); `failed_form` and `values` re-show a refused form.
boost::json::object handling_data(App& app, platform::http::Request& req, long long request_id, const std::string& csrf,
                                  const std::string& failed_form, const boost::json::object& values);
// "我的申请" (applicant_access.hpp): the sign-in link, the applicant's list and cases (mine_web.cpp).
void install_applicant_web(App& app);
// What the tracking page shows of a request (templates/requests/track.mustache's "view").
boost::json::object public_view_json(App& app, const PublicView& v);
// The staff case page, with `error` shown (nullptr: none) and the refused form `failed_form` refilled from the request.
platform::http::Response show_case(App& app, platform::http::Request& req, long long request_id,
                                   const platform::Error* error, const std::string& failed_form);

}  // namespace gongkai::requests
