#include "gongkai/units/to_json.hpp"

namespace gongkai::units {
namespace json = boost::json;

json::object to_json(const Unit& u) {
  json::array leaders;
  for (const auto& l : u.f.leaders) leaders.push_back(json::object{{"name", l.name}, {"title", l.title}, {"duties", l.duties}});
  json::object o{
      {"id", u.id},
      {"parent_id", u.f.parent_id ? json::value(*u.f.parent_id) : json::value(nullptr)},
      {"kind", to_string(u.f.kind)},
      {"kind_label", label(u.f.kind)},
      {"name", u.f.name},
      {"short_name", u.f.short_name},
      {"credit_code", u.f.credit_code},
      {"address", u.f.address},
      {"postcode", u.f.postcode},
      {"office_hours", u.f.office_hours},
      {"phone", u.f.phone},
      {"fax", u.f.fax},
      {"email", u.f.email},
      {"website", u.f.website},
      {"head_name", u.f.head_name},
      {"head_title", u.f.head_title},
      {"leaders", leaders},
      {"functions", u.f.functions},
      {"disclosure_office",
       json::object{{"name", u.f.disclosure_office},
                    {"address", u.f.disclosure_address},
                    {"hours", u.f.disclosure_hours},
                    {"phone", u.f.disclosure_phone},
                    {"fax", u.f.disclosure_fax},
                    {"email", u.f.disclosure_email},
                    {"postcode", u.f.disclosure_postcode}}},
      {"sort_order", u.f.sort_order},
      {"active", u.f.active},
      {"version", u.version},
      {"updated_at", u.updated_at},
  };
  return o;
}

json::object to_json(const store::UserRecord& u) {
  json::array roles;
  for (Role r : u.roles) roles.push_back(json::value(to_string(r)));
  return json::object{{"id", u.id},
                      {"username", u.username},
                      {"display_name", u.display_name},
                      {"unit_id", u.unit_id},
                      {"roles", roles},
                      {"disabled", u.disabled},
                      {"must_change_password", u.must_change_password},
                      {"version", u.version}};
}

}  // namespace gongkai::units
