#include "gongkai/units/web.hpp"

#include <charconv>

#include "gongkai/units/to_json.hpp"
#include "gongkai/web/page.hpp"
#include "platform/http/forms.hpp"
#include "platform/time.hpp"

namespace gongkai::units {
namespace json = boost::json;
namespace bh = platform::http::beast_http;
using platform::http::Request;
using platform::http::Response;

namespace {

using web::parse_id;
using web::parse_int;
using web::require_login;

// Only paths on this site, so a crafted link cannot send a person elsewhere after signing in.
std::string safe_next(const std::string& next) {
  if (next.size() > 1 && next[0] == '/' && next[1] != '/' && next[1] != '\\' && next.find("://") == std::string::npos) return next;
  return "/console";
}

json::object unit_summary(const Unit& u) {
  return json::object{{"id", u.id}, {"name", u.f.name}, {"kind", to_string(u.f.kind)}, {"kind_label", label(u.f.kind)},
                      {"short_name", u.f.short_name}};
}

// The public view of a unit: everything on its page, plus its sections and the chain up to the root.
json::object public_unit(const Unit& u, const std::vector<Unit>& all) {
  json::object o = to_json(u);
  json::array children;
  for (const auto& c : all) {
    if (c.f.parent_id && *c.f.parent_id == u.id) children.push_back(unit_summary(c));
  }
  o["children"] = children;
  o["has_children"] = !children.empty();
  if (u.f.parent_id) {
    for (const auto& p : all) {
      if (p.id == *u.f.parent_id) o["parent"] = unit_summary(p);
    }
  }
  // Paragraphs of the functions text, so the template can mark them up without raw HTML.
  json::array paras;
  std::size_t pos = 0;
  const std::string& f = u.f.functions;
  while (pos < f.size()) {
    std::size_t eol = f.find('\n', pos);
    std::string line = f.substr(pos, eol == std::string::npos ? std::string::npos : eol - pos);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) paras.push_back(json::value(line));
    if (eol == std::string::npos) break;
    pos = eol + 1;
  }
  o["function_paragraphs"] = paras;
  o["has_leaders"] = !u.f.leaders.empty();
  o["has_disclosure_office"] = !u.f.disclosure_office.empty() || !u.f.disclosure_phone.empty();
  return o;
}

UnitFields fields_from_form(const platform::http::FormData& f, const std::optional<Unit>& current) {
  UnitFields u = current ? current->f : UnitFields{};
  u.parent_id = parse_id(f.value("parent_id"));
  if (auto k = unit_kind_from(f.value("kind"))) u.kind = *k;
  u.name = f.value("name");
  u.short_name = f.value("short_name");
  u.credit_code = f.value("credit_code");
  u.address = f.value("address");
  u.postcode = f.value("postcode");
  u.office_hours = f.value("office_hours");
  u.phone = f.value("phone");
  u.fax = f.value("fax");
  u.email = f.value("email");
  u.website = f.value("website");
  u.head_name = f.value("head_name");
  u.head_title = f.value("head_title");
  u.leaders = parse_leaders(f.value("leaders"));
  u.functions = f.value("functions");
  u.disclosure_office = f.value("disclosure_office");
  u.disclosure_address = f.value("disclosure_address");
  u.disclosure_hours = f.value("disclosure_hours");
  u.disclosure_phone = f.value("disclosure_phone");
  u.disclosure_fax = f.value("disclosure_fax");
  u.disclosure_email = f.value("disclosure_email");
  u.disclosure_postcode = f.value("disclosure_postcode");
  u.sort_order = parse_int(f.value("sort_order"), 0);
  // The form sends a hidden active=0 before the checkbox's active=1, so the last value decides (as for a checked box);
  // a client that sends no "active" at all leaves the unit active.
  auto active = f.all("active");
  u.active = active.empty() || active.back() == "1";
  return u;
}

json::object unit_form_values(const Unit& u) {
  json::object v = to_json(u);
  v["parent_id"] = u.f.parent_id ? std::to_string(*u.f.parent_id) : "";
  v["leaders"] = format_leaders(u.f.leaders);
  v["disclosure_office"] = u.f.disclosure_office;
  v["disclosure_address"] = u.f.disclosure_address;
  v["disclosure_hours"] = u.f.disclosure_hours;
  v["disclosure_phone"] = u.f.disclosure_phone;
  v["disclosure_fax"] = u.f.disclosure_fax;
  v["disclosure_email"] = u.f.disclosure_email;
  v["disclosure_postcode"] = u.f.disclosure_postcode;
  v["active"] = u.f.active ? "1" : "0";
  v["sort_order"] = std::to_string(u.f.sort_order);
  v["version"] = std::to_string(u.version);
  return v;
}

// The unit form, for new and existing units, with options marked as selected.
Response unit_form(App& app, Request& req, const std::optional<Unit>& unit, json::object values, const platform::Error* error) {
  auto a = web::actor(req);
  auto all = app.units.all();
  std::string parent = values.contains("parent_id") && values["parent_id"].is_string() ? std::string(values["parent_id"].as_string()) : "";
  std::string kind = values.contains("kind") && values["kind"].is_string() ? std::string(values["kind"].as_string()) : "department";
  json::array parents;
  for (const auto& u : all) {
    if (unit && u.id == unit->id) continue;
    if (u.f.kind == UnitKind::section) continue;
    std::string id = std::to_string(u.id);
    parents.push_back(json::object{{"id", id}, {"name", u.f.name}, {"kind_label", label(u.f.kind)}, {"selected", id == parent}});
  }
  json::array kinds;
  for (auto k : {UnitKind::government, UnitKind::department, UnitKind::town, UnitKind::section}) {
    kinds.push_back(json::object{{"value", to_string(k)}, {"label", label(k)}, {"selected", to_string(k) == kind}});
  }
  json::object data{{"values", values}, {"parents", parents}, {"kinds", kinds}, {"is_new", !unit},
                    {"can_move", a.district_wide()}, {"active_checked", !values.contains("active") || values["active"] == "1"}};
  if (unit) {
    data["unit_id"] = unit->id;
    data["action"] = "/console/units/" + std::to_string(unit->id);
  } else {
    data["action"] = "/console/units";
  }
  unsigned status = 200;
  if (error) {
    json::object err{{"message", error->message}, {"code", error->code}};
    if (!error->field.empty()) err["field_" + error->field] = true;
    data["error"] = err;
    status = web::status_for(*error);
  }
  return web::page(app, req, "console/unit_form", std::move(data), unit ? "编辑单位：" + unit->f.name : "新建单位", true, status);
}

json::object form_values(const Request& req) {
  auto st = web::form_state(req, nullptr);
  return st["values"].as_object();
}

json::array role_options(const std::set<Role>& selected, const Actor& a) {
  json::array out;
  for (Role r : all_roles()) {
    bool grantable = a.has(Role::sysadmin) || (r != Role::supervisor && r != Role::sysadmin);
    out.push_back(json::object{{"value", to_string(r)}, {"label", label(r)}, {"checked", selected.count(r) > 0},
                               {"disabled", !grantable}});
  }
  return out;
}

std::set<Role> roles_from_form(const platform::http::FormData& f) {
  std::set<Role> roles;
  for (const auto& v : f.all("roles")) {
    if (auto r = role_from(v)) roles.insert(*r);
  }
  return roles;
}

}  // namespace

void install_web(App& app) {
  // ---- public ----
  app.router.get("/units", [&app](Request& req) {
    auto all = app.units.directory();
    json::array groups;
    for (auto kind : {UnitKind::department, UnitKind::town}) {
      json::array items;
      for (const auto& u : all) {
        if (u.f.kind != kind) continue;
        items.push_back(json::object{{"id", u.id}, {"name", u.f.name}, {"phone", u.f.phone}, {"address", u.f.address},
                                     {"office_hours", u.f.office_hours}});
      }
      groups.push_back(json::object{{"label", kind == UnitKind::department ? "区政府部门" : "镇（街道）"},
                                    {"items", items}, {"count", items.size()}, {"empty", items.empty()}});
    }
    web::allow_public_cache(req);
    return web::page(app, req, "units", json::object{{"groups", groups}, {"empty", all.empty()}}, "机构名录");
  });

  app.router.get("/units/{id}", [&app](Request& req) {
    auto id = parse_id(req.param("id"));
    auto unit = id ? app.units.find(*id) : std::nullopt;
    if (!unit) return web::error_page(app, req, 404, "没有找到这个单位。它可能已被撤销或合并，请从机构名录中查找。");
    auto all = app.units.directory();
    json::object data{{"unit", public_unit(*unit, all)}};
    auto a = web::actor(req);
    if (a.signed_in() && app.units.may_edit(a, unit->id)) data["edit_url"] = "/console/units/" + std::to_string(unit->id) + "/edit";
    else web::allow_public_cache(req);
    return web::page(app, req, "unit", std::move(data), unit->f.name);
  });

  app.router.get("/api/v1/units", [&app](Request&) {
    json::array items;
    for (const auto& u : app.units.directory()) items.push_back(to_json(u));
    return Response::json(json::serialize(json::object{{"items", items}, {"count", items.size()}}));
  });

  app.router.get("/api/v1/units/{id}", [&app](Request& req) {
    auto id = parse_id(req.param("id"));
    auto unit = id ? app.units.find(*id) : std::nullopt;
    if (!unit) return web::error_page(app, req, 404, "单位不存在。", "not_found");
    return Response::json(json::serialize(public_unit(*unit, app.units.directory())));
  });

  // ---- sign in / out ----
  app.router.get("/login", [&app](Request& req) {
    if (web::actor(req).signed_in()) return Response::redirect("/console");
    json::object data{{"next", req.query().value("next")}, {"needs_csrf", true}};
    return web::page(app, req, "login", std::move(data), "工作人员登录");
  });

  app.router.post("/login", [&app](Request& req) {
    const auto& f = req.form()->fields;
    auto result = app.accounts.login(f.value("username"), f.value("password"), req.remote_addr(), req.request_id);
    if (!result) {
      json::object data{{"next", f.value("next")}, {"needs_csrf", true}, {"username", f.value("username")},
                        {"error", json::object{{"message", result.error().message}}}};
      return web::page(app, req, "login", std::move(data), "工作人员登录", false, web::status_for(result.error()) == 429 ? 429 : 401);
    }
    Response r = Response::redirect(result->must_change_password ? "/console/password" : safe_next(f.value("next")));
    platform::http::CookieOptions opt;
    opt.secure = app.options.secure_cookies;
    r.headers.insert(bh::field::set_cookie, platform::http::make_set_cookie(web::kSessionCookie, result->session_token, opt));
    req.locals["session_token_set"] = true;
    return r;
  });

  app.router.post("/logout", [&app](Request& req) {
    auto a = web::actor(req);
    if (auto it = req.locals.find("session_token"); it != req.locals.end()) {
      app.accounts.logout(std::any_cast<const std::string&>(it->second), a);
    }
    Response r = web::redirect_with_notice("/", "您已安全退出。");
    platform::http::CookieOptions opt;
    opt.max_age = std::chrono::seconds(0);
    opt.secure = app.options.secure_cookies;
    r.headers.insert(bh::field::set_cookie, platform::http::make_set_cookie(web::kSessionCookie, "", opt));
    return r;
  });

  // ---- console ----
  app.router.get("/console", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto unit = app.units.find(a.unit_id, true);
    json::object data{{"unit_name", unit ? unit->f.name : ""},
                      {"unit_id", a.unit_id},
                      {"can_manage_units", a.district_wide() || a.has(Role::unit_admin)},
                      {"can_manage_users", a.has(Role::sysadmin) || a.has(Role::unit_admin)},
                      {"can_view_audit", may_view_audit(a)}};
    return web::page(app, req, "console/home", std::move(data), "工作台", true);
  });

  // Staff API tokens: created here, shown once, revoked here; used as "Authorization: Bearer …" on /api/v1.
  auto tokens_page = [&app](Request& req, json::object extra, unsigned status) {
    auto a = web::actor(req);
    json::array items;
    std::string now = platform::now_utc_iso();
    for (const auto& t : app.accounts.api_tokens(a)) {
      std::string state = !t.revoked_at.empty() ? "已撤销" : t.expires_at < now ? "已过期" : "有效";
      items.push_back(json::object{{"id", t.id}, {"name", t.name}, {"created", platform::utc_iso_to_local_display(t.created_at)},
                                   {"expires", platform::utc_iso_to_local_display(t.expires_at)},
                                   {"last_used", t.last_used_at.empty() ? "从未使用" : platform::utc_iso_to_local_display(t.last_used_at)},
                                   {"state", state}, {"live", state == "有效"}});
    }
    json::object data{{"tokens", items}, {"empty", items.empty()}};
    for (auto& [k, v] : extra) data[k] = v;
    return web::page(app, req, "console/tokens", std::move(data), "访问令牌", true, status);
  };

  app.router.get("/console/tokens", [tokens_page](Request& req) {
    if (!web::actor(req).signed_in()) return require_login(req);
    return tokens_page(req, {}, 200);
  });

  app.router.post("/console/tokens", [&app, tokens_page](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    const auto& f = req.form()->fields;
    auto r = app.accounts.create_api_token(a, f.value("name"), parse_int(f.value("days"), 0));
    if (!r) {
      json::object st = web::form_state(req, &r.error());
      return tokens_page(req, json::object{{"error", st["error"]}, {"values", st["values"]}}, web::status_for(r.error()));
    }
    // The token itself appears on this one response and nowhere else (no redirect that could be replayed).
    Response res = tokens_page(req, json::object{{"new_token", r->token}, {"new_expires", platform::utc_iso_to_local_display(r->expires_at)}}, 200);
    res.set(bh::field::cache_control, "no-store");
    return res;
  });

  app.router.post("/console/tokens/{id}/revoke", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto id = parse_id(req.param("id"));
    auto r = id ? app.accounts.revoke_api_token(a, *id) : platform::Result<void>(platform::make_error("not_found", "没有这个令牌。"));
    if (!r) return web::error_page(app, req, web::status_for(r.error()), r.error().message);
    return web::redirect_with_notice("/console/tokens", "令牌已撤销，使用它的程序将无法再访问。");
  });

  app.router.get("/console/password", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    bool must = req.locals.count("must_change_password") && std::any_cast<bool>(req.locals.at("must_change_password"));
    return web::page(app, req, "console/password", json::object{{"must_change", must}}, "修改密码", true);
  });

  app.router.post("/console/password", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    const auto& f = req.form()->fields;
    if (f.value("password") != f.value("password_confirm")) {
      platform::Error e{"mismatch", "两次输入的新密码不一致。", "password_confirm"};
      return web::page(app, req, "console/password", json::object{{"error", json::object{{"message", e.message}}}}, "修改密码", true, 422);
    }
    auto token = std::any_cast<const std::string&>(req.locals.at("session_token"));
    auto r = app.accounts.change_password(a, token, f.value("old_password"), f.value("password"));
    if (!r) {
      return web::page(app, req, "console/password", json::object{{"error", json::object{{"message", r.error().message}}}},
                       "修改密码", true, 422);
    }
    return web::redirect_with_notice("/console", "密码已修改。");
  });

  app.router.get("/console/units", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    json::array rows;
    for (const auto& u : app.units.all()) {
      int depth = u.f.kind == UnitKind::government ? 0 : (u.f.kind == UnitKind::section ? 2 : 1);
      bool editable = app.units.may_edit(a, u.id);
      rows.push_back(json::object{{"id", u.id}, {"name", u.f.name}, {"kind_label", label(u.f.kind)}, {"depth", depth},
                                  {"indent", depth == 1 ? "indent-1" : (depth == 2 ? "indent-2" : "")},
                                  {"credit_code", u.f.credit_code}, {"active", u.f.active}, {"editable", editable},
                                  {"updated_at", platform::utc_iso_to_local_display(u.updated_at)}});
    }
    json::object data{{"units", rows}, {"can_create", a.district_wide() || a.has(Role::unit_admin)}};
    return web::page(app, req, "console/units", std::move(data), "单位管理", true);
  });

  app.router.get("/console/units/new", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    json::object values{{"parent_id", req.query().value("parent", a.district_wide() ? "" : std::to_string(a.unit_id))},
                        {"kind", a.district_wide() ? "department" : "section"}, {"active", "1"}};
    if (values["parent_id"] == "") {
      if (auto root = app.units.root()) values["parent_id"] = std::to_string(root->id);
    }
    return unit_form(app, req, std::nullopt, std::move(values), nullptr);
  });

  app.router.post("/console/units", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto fields = fields_from_form(req.form()->fields, std::nullopt);
    auto r = app.units.create(a, fields);
    if (!r) {
      if (r.error().code == "forbidden") return web::error_page(app, req, 403, r.error().message);
      return unit_form(app, req, std::nullopt, form_values(req), &r.error());
    }
    if (req.wants_json()) return Response::json(json::serialize(json::object{{"id", *r}}), 201);
    return web::redirect_with_notice("/console/units/" + std::to_string(*r) + "/edit", "单位已创建。");
  });

  app.router.get("/console/units/{id}/edit", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto id = parse_id(req.param("id"));
    auto unit = id ? app.units.find(*id, true) : std::nullopt;
    if (!unit) return web::error_page(app, req, 404, "单位不存在。");
    if (!app.units.may_edit(a, unit->id)) return web::error_page(app, req, 403, "您没有权限修改该单位。");
    return unit_form(app, req, unit, unit_form_values(*unit), nullptr);
  });

  app.router.post("/console/units/{id}", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto id = parse_id(req.param("id"));
    auto unit = id ? app.units.find(*id, true) : std::nullopt;
    if (!unit) return web::error_page(app, req, 404, "单位不存在。");
    const auto& f = req.form()->fields;
    int version = parse_int(f.value("version"), -1);
    auto r = app.units.update(a, unit->id, fields_from_form(f, unit), version);
    if (!r) {
      if (r.error().code == "forbidden" || r.error().code == "not_found") {
        return web::error_page(app, req, web::status_for(r.error()), r.error().message);
      }
      json::object values = form_values(req);
      if (r.error().code == "stale_version") {
        // Keep what the person typed, but show the current version number so a deliberate resubmit can win.
        auto fresh = app.units.find(unit->id, true);
        if (fresh) values["version"] = std::to_string(fresh->version);
      }
      return unit_form(app, req, unit, std::move(values), &r.error());
    }
    if (req.wants_json()) return Response::json(json::serialize(to_json(*r)));
    return web::redirect_with_notice("/console/units/" + std::to_string(unit->id) + "/edit", "已保存。");
  });

  // ---- accounts ----
  app.router.get("/console/users", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto users = app.accounts.list_users(a);
    if (!users) return web::error_page(app, req, 403, users.error().message);
    std::map<long long, std::string> unit_names;
    for (const auto& u : app.units.all()) unit_names[u.id] = u.f.name;
    json::array rows;
    for (const auto& u : *users) {
      json::array roles;
      for (Role r : u.roles) roles.push_back(json::value(label(r)));
      rows.push_back(json::object{{"id", u.id}, {"username", u.username}, {"display_name", u.display_name},
                                  {"unit_name", unit_names[u.unit_id]}, {"roles", roles}, {"disabled", u.disabled},
                                  {"last_login_at", u.last_login_at.empty() ? "从未登录" : platform::utc_iso_to_local_display(u.last_login_at)}});
    }
    return web::page(app, req, "console/users", json::object{{"users", rows}, {"empty", rows.empty()}}, "账号管理", true);
  });

  auto user_form = [&app](Request& req, std::optional<store::UserRecord> user, json::object values, const platform::Error* error) {
    auto a = web::actor(req);
    std::set<Role> selected;
    if (user) selected = user->roles;
    if (values.contains("roles_from_form")) selected = roles_from_form(req.form()->fields);
    std::string unit_sel = values.contains("unit_id") && values["unit_id"].is_string() ? std::string(values["unit_id"].as_string())
                                                                                        : std::to_string(a.unit_id);
    json::array units;
    for (const auto& u : app.units.all()) {
      if (!a.has(Role::sysadmin) && u.id != a.unit_id) continue;
      std::string id = std::to_string(u.id);
      units.push_back(json::object{{"id", id}, {"name", u.f.name}, {"selected", id == unit_sel}});
    }
    json::object data{{"values", values}, {"roles", role_options(selected, a)}, {"units", units}, {"is_new", !user}};
    if (user) {
      data["user_id"] = user->id;
      data["username"] = user->username;
      data["disabled_checked"] = user->disabled;
    }
    unsigned status = 200;
    if (error) {
      json::object err{{"message", error->message}};
      if (!error->field.empty()) err["field_" + error->field] = true;
      data["error"] = err;
      status = web::status_for(*error);
    }
    return web::page(app, req, "console/user_form", std::move(data), user ? "账号：" + user->username : "新建账号", true, status);
  };

  app.router.get("/console/users/new", [&app, user_form](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    if (!a.has(Role::sysadmin) && !a.has(Role::unit_admin)) return web::error_page(app, req, 403, "您没有权限新建账号。");
    return user_form(req, std::nullopt, json::object{}, nullptr);
  });

  app.router.post("/console/users", [&app, user_form](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    const auto& f = req.form()->fields;
    NewUser nu;
    nu.username = f.value("username");
    nu.display_name = f.value("display_name");
    nu.password = f.value("password");
    nu.unit_id = parse_id(f.value("unit_id")).value_or(0);
    nu.roles = roles_from_form(f);
    nu.must_change_password = true;
    auto r = app.accounts.create_user(a, nu);
    if (!r) {
      if (r.error().code == "forbidden") return web::error_page(app, req, 403, r.error().message);
      json::object values = form_values(req);
      values["roles_from_form"] = true;
      return user_form(req, std::nullopt, std::move(values), &r.error());
    }
    return web::redirect_with_notice("/console/users", "账号已创建，首次登录时须修改密码。");
  });

  app.router.get("/console/users/{id}", [&app, user_form](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto id = parse_id(req.param("id"));
    if (!id) return web::error_page(app, req, 404, "账号不存在。");
    auto user = app.accounts.get_user(a, *id);
    if (!user) return web::error_page(app, req, web::status_for(user.error()), user.error().message);
    json::object values{{"display_name", user->display_name}, {"version", std::to_string(user->version)},
                        {"unit_id", std::to_string(user->unit_id)}};
    return user_form(req, *user, std::move(values), nullptr);
  });

  app.router.post("/console/users/{id}", [&app, user_form](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto id = parse_id(req.param("id"));
    if (!id) return web::error_page(app, req, 404, "账号不存在。");
    auto user = app.accounts.get_user(a, *id);
    if (!user) return web::error_page(app, req, web::status_for(user.error()), user.error().message);
    const auto& f = req.form()->fields;
    platform::Result<void> r = platform::Result<void>();
    if (f.has("new_password")) {
      r = app.accounts.reset_password(a, *id, f.value("new_password"));
      if (r) return web::redirect_with_notice("/console/users/" + std::to_string(*id), "密码已重置，该用户下次登录时须修改密码。");
    } else {
      r = app.accounts.update_user(a, *id, f.value("display_name"), roles_from_form(f), f.value("disabled") == "1",
                                   parse_int(f.value("version"), -1));
      if (r) return web::redirect_with_notice("/console/users/" + std::to_string(*id), "已保存。");
    }
    if (r.error().code == "forbidden") return web::error_page(app, req, 403, r.error().message);
    json::object values = form_values(req);
    values["roles_from_form"] = !f.has("new_password");
    values["unit_id"] = std::to_string(user->unit_id);
    if (!values.contains("version")) values["version"] = std::to_string(user->version);
    return user_form(req, *user, std::move(values), &r.error());
  });
}

}  // namespace gongkai::units
