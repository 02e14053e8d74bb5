#include "gongkai/requests/web.hpp"

#include <charconv>
#include <map>

#include "gongkai/requests/notice_web.hpp"
#include "gongkai/requests/service.hpp"
#include "gongkai/web/page.hpp"
#include "platform/http/forms.hpp"
#include "platform/time.hpp"

namespace gongkai::requests {
namespace json = boost::json;
namespace bh = platform::http::beast_http;
using platform::http::Request;
using platform::http::Response;

namespace {

using web::parse_id;
using web::parse_int;
using web::require_login;
using web::no_store;
using web::string_of;

// kainjow treats every string, even an empty one, as true in a section ({{#x}}…{{/x}}): empty strings are
// removed before rendering, so "{{#phone}}" means "has a phone".
json::value pruned(const json::value& v) {
  if (v.is_object()) {
    json::object out;
    for (const auto& [k, x] : v.as_object()) {
      if (x.is_string() && x.as_string().empty()) continue;
      out[k] = pruned(x);
    }
    return out;
  }
  if (v.is_array()) {
    json::array out;
    for (const auto& x : v.as_array()) out.push_back(pruned(x));
    return out;
  }
  return v;
}

Response render(App& app, Request& req, std::string_view name, json::object data, std::string_view title, bool console,
                unsigned status = 200) {
  return no_store(web::page(app, req, name, pruned(data).as_object(), title, console, status));
}

std::map<long long, std::string> unit_names(App& app) {
  std::map<long long, std::string> m;
  for (const auto& u : app.units.all()) m[u.id] = u.f.name;
  return m;
}

// The choices of the application form, with the typed values selected.
void add_application_options(App& app, json::object& data, const json::object& values, const units::Actor* staff) {
  std::vector<std::pair<std::string, std::string>> units{{"", "请选择"}};
  for (const auto& u : app.units.directory()) {
    if (u.f.kind == units::UnitKind::section) continue;
    if (staff && !staff->district_wide() && u.id != staff->unit_id) continue;
    units.emplace_back(std::to_string(u.id), u.f.name);
  }
  data["unit_options"] = web::select_options(units, string_of(values, "unit_id"));
  std::vector<std::pair<std::string, std::string>> types;
  for (auto t : all_applicant_types()) {
    types.emplace_back(std::string(to_string(t)), is_organisation(t) ? "法人或其他组织：" + std::string(label(t)) : std::string(label(t)));
  }
  data["applicant_type_options"] = web::select_options(types, string_of(values, "applicant_type"));
  std::vector<std::pair<std::string, std::string>> ids;
  for (auto t : {IdType::resident_id, IdType::passport, IdType::other_person, IdType::credit_code}) {
    ids.emplace_back(std::string(to_string(t)), std::string(label(t)));
  }
  data["id_type_options"] = web::select_options(ids, string_of(values, "id_type"));
  std::vector<std::pair<std::string, std::string>> deliveries;
  for (auto d : all_deliveries()) deliveries.emplace_back(std::string(to_string(d)), std::string(label(d)));
  data["delivery_options"] = web::select_options(deliveries, string_of(values, "delivery").empty() ? "online" : string_of(values, "delivery"));
}

ApplicationInput application_from(const platform::http::FormData& f) {
  ApplicationInput in;
  in.unit_id = f.value("unit_id");
  in.applicant_type = f.value("applicant_type");
  in.name = f.value("name");
  in.contact_person = f.value("contact_person");
  in.id_type = f.value("id_type");
  in.id_number = f.value("id_number");
  in.phone = f.value("phone");
  in.email = f.value("email");
  in.address = f.value("address");
  in.postcode = f.value("postcode");
  in.description = f.value("description");
  in.doc_no = f.value("doc_no");
  in.purpose = f.value("purpose");
  in.delivery = f.value("delivery");
  return in;
}

json::array lines(const std::string& text) {
  json::array out;
  std::size_t pos = 0;
  while (pos <= text.size() && !text.empty()) {
    std::size_t eol = text.find('\n', pos);
    std::string line = text.substr(pos, eol == std::string::npos ? std::string::npos : eol - pos);
    if (!line.empty()) out.push_back(json::value(line));
    if (eol == std::string::npos) break;
    pos = eol + 1;
  }
  return out;
}

Response application_form(App& app, Request& req, json::object values, const platform::Error* error) {
  json::object data{{"values", values}, {"needs_csrf", true}};
  add_application_options(app, data, values, nullptr);
  unsigned status = 200;
  if (error) {
    json::object err{{"message", error->message}, {"code", error->code}};
    if (!error->field.empty()) err["field_" + error->field] = true;
    data["error"] = err;
    status = web::status_for(*error);
  }
  return render(app, req, "requests/new", std::move(data), "政府信息公开申请", false, status);
}

json::object submitted_data(const Submitted& s, bool staff) {
  return json::object{{"id", s.id},           {"number", s.number}, {"query_code", s.query_code},
                      {"received_on", s.received_on}, {"due_on", s.due_on},
                      {"possible_duplicate", s.possible_duplicate}, {"staff", staff}};
}

json::object public_data(App& app, const PublicView& v) {
  auto names = unit_names(app);
  json::array timeline;
  for (const auto& [at, text] : v.timeline) timeline.push_back(json::object{{"at", at}, {"text", text}});
  json::array explanation = lines(v.due_explanation);
  json::array reply = lines(v.reply_text);
  return json::object{{"number", v.number},
                      {"unit_name", names[v.unit_id]},
                      {"state", to_string(v.state)},
                      {"state_label", v.state_label},
                      {"received_on", v.received_on},
                      {"channel_label", v.channel_label},
                      {"description", v.description},
                      {"doc_no", v.doc_no},
                      {"due_on", v.due_on},
                      {"due_provisional", v.due_provisional},
                      {"explanation", explanation},
                      {"has_explanation", !explanation.empty()},
                      {"awaiting_supplement", v.state == State::awaiting_supplement},
                      {"supplement_items", v.supplement_items},
                      {"supplement_due_on", v.supplement_due_on},
                      {"outcome_label", v.outcome_label},
                      {"reply_paragraphs", reply},
                      {"has_reply", !reply.empty()},
                      {"replied_on", v.replied_on},
                      {"fee_amount", v.fee_amount},
                      {"fee_due_on", v.fee_due_on},
                      {"timeline", timeline},
                      {"paperwork", public_paperwork(app, v)}};
}

Response track_page(App& app, Request& req, json::object data, unsigned status = 200) {
  data["needs_csrf"] = true;
  return render(app, req, "requests/track", std::move(data), "查询申请办理进度", false, status);
}

// ---- the staff case page ----

struct FormSpec {
  const char* date_label = nullptr;  // needs a date
  const char* text_label = nullptr;  // needs a text
  bool assignee = false, kind = false, party = false, outcome = false, fee = false, days = false, due = false;
  const char* hint = nullptr;
  int text_rows = 3;
};

FormSpec spec(Action a) {
  FormSpec s;
  switch (a) {
    case Action::request_supplement:
      s.text_label = "需要补正的内容（一次性告知）";
      s.due = true;
      s.hint = "条例第三十条：申请内容不明确的，应在收到申请之日起 7 个工作日内一次性告知补正事项和合理的补正期限。";
      break;
    case Action::send_supplement_notice: s.date_label = "补正通知发出日期"; break;
    case Action::receive_supplement:
      s.date_label = "收到补正材料日期";
      s.text_label = "补正材料摘要";
      s.hint = "答复期限自收到补正材料之日起重新计算。";
      break;
    case Action::withdraw_no_supplement: s.hint = "补正期限届满后方可办理；按年度报告表三（六）1 统计。"; break;
    case Action::assign: s.assignee = true; break;
    case Action::reassign:
      s.assignee = true;
      s.text_label = "改派理由（必填）";
      break;
    case Action::consult:
      s.kind = s.party = true;
      s.date_label = "征求意见函发出日期";
      s.hint = "征求意见期间不计入答复期限；被征求方应在 15 个工作日内答复（条例第三十二条、第三十四条）。";
      break;
    case Action::receive_opinion:
      s.date_label = "收到意见日期";
      s.text_label = "意见内容";
      break;
    case Action::extend:
      s.days = true;
      s.date_label = "批准日期";
      s.text_label = "延期理由";
      s.hint = "条例第三十三条：经政府信息公开工作机构负责人同意，可延长答复期限，最长不超过 20 个工作日，并告知申请人。";
      break;
    case Action::fee_notice:
      s.fee = true;
      s.date_label = "收费通知发出日期";
      s.hint = "仅在申请数量、频次明显超过合理范围时收费（条例第四十二条）。申请人应在 20 个工作日内缴费，缴费期间不计入答复期限。";
      break;
    case Action::fee_paid: s.date_label = "缴费日期"; break;
    case Action::withdraw_fee_unpaid: s.hint = "缴费期限届满后方可办理；按年度报告表三（六）2 统计。"; break;
    case Action::draft_reply:
      s.outcome = true;
      s.text_label = "答复内容";
      s.text_rows = 8;
      break;
    case Action::return_reply: s.text_label = "退回理由"; break;
    case Action::approve_reply: s.hint = "由政务公开工作机构负责人审核。"; break;
    case Action::send_reply: s.date_label = "答复日期"; break;
    case Action::close_duplicate:
      s.text_label = "认定重复申请的理由";
      s.hint = "条例第三十六条第（六）项：行政机关已就申请人提出的政府信息公开申请作出答复、申请人重复申请公开相同政府信息的，告知申请人不予重复处理。";
      break;
    default: break;
  }
  return s;
}

std::string pause_label(const std::string& kind) {
  if (kind == "agency") return "征求其他机关意见";
  if (kind == "fee") return "等待缴纳信息处理费";
  return "征求第三方意见";
}

Response case_page(App& app, Request& req, const CaseView& v, const platform::Error* error, const std::string& failed_action,
                   json::object values) {
  const auto& c = v.c;
  auto names = unit_names(app);
  std::string csrf = web::csrf_token(app, req);
  json::object app_json{{"name", c.app.name},      {"contact_person", c.app.contact_person}, {"id_number", c.app.id_number},
                        {"phone", c.app.phone},    {"email", c.app.email},                   {"address", c.app.address},
                        {"postcode", c.app.postcode}, {"description", c.app.description},    {"doc_no", c.app.doc_no},
                        {"purpose", c.app.purpose}};
  json::object cj{{"id", c.id},
                  {"number", c.number},
                  {"received_on", c.received_on},
                  {"due_on", c.due_on},
                  {"supplement_notice_due_on", c.supplement_notice_due_on},
                  {"supplement_items", c.supplement_items},
                  {"supplement_due_on", c.supplement_due_on},
                  {"supplement_text", c.supplement_text},
                  {"supplement_received_on", c.supplement_received_on},
                  {"extension_days", c.extension_days > 0 ? std::to_string(c.extension_days) : ""},
                  {"extension_approved_on", c.extension_approved_on},
                  {"extension_reason", c.extension_reason},
                  {"reply_text", c.reply_text},
                  {"app", app_json}};
  json::array handlers;
  for (const auto& [id, name] : v.handlers) {
    handlers.push_back(json::object{{"value", std::to_string(id)}, {"label", name}, {"selected", false}});
  }
  json::array outcomes;
  for (const auto& o : all_outcomes()) {
    if (!o.in_reply) continue;
    outcomes.push_back(json::object{{"value", o.code}, {"label", label(o.outcome)}, {"selected", o.code == c.outcome}});
  }
  json::array forms;
  for (Action a : v.allowed) {
    FormSpec s = spec(a);
    std::string code(to_string(a));
    json::object f{{"code", code},
                   {"label", label(a)},
                   {"id", c.id},
                   {"csrf", csrf},
                   {"version", c.version},
                   {"needs_date", s.date_label != nullptr},
                   {"date_label", s.date_label ? s.date_label : ""},
                   {"needs_text", s.text_label != nullptr},
                   {"text_label", s.text_label ? s.text_label : ""},
                   {"text_rows", s.text_rows},
                   {"needs_assignee", s.assignee},
                   {"handlers", handlers},
                   {"needs_kind", s.kind},
                   {"needs_party", s.party},
                   {"needs_outcome", s.outcome},
                   {"outcomes", outcomes},
                   {"needs_fee", s.fee},
                   {"needs_days", s.days},
                   {"needs_due", s.due},
                   {"hint", s.hint ? s.hint : ""},
                   {"values", code == failed_action ? values : json::object{}}};
    forms.push_back(std::move(f));
  }
  json::array events;
  for (const auto& e : v.events) {
    std::string action_label = e.action == "submit"      ? std::string("收到申请")
                               : e.action == "recompute" ? std::string("按新日历重算期限")
                               : action_from(e.action)   ? std::string(label(*action_from(e.action)))
                                                         : e.action;
    events.push_back(json::object{{"at", platform::utc_iso_to_local_display(e.at)}, {"action_label", action_label},
                                  {"actor_name", e.actor_name}, {"public_text", e.public_text}, {"detail", e.detail}});
  }
  json::array notes;
  for (const auto& n : v.notes) {
    notes.push_back(json::object{{"at", platform::utc_iso_to_local_display(n.at)}, {"actor_name", n.actor_name}, {"body", n.body}});
  }
  auto cal = app.calendar.current();
  json::array pauses;
  for (const auto& p : v.pauses) {
    std::string window;
    if (auto start = calendar::Date::parse(p.start_on)) {
      auto w = p.kind == "fee" ? calendar::fee_payment_deadline(*cal, *start) : calendar::opinion_deadline(*cal, *start);
      if (w) window = w->date.iso();
    }
    pauses.push_back(json::object{{"kind_label", pause_label(p.kind)}, {"party", p.party}, {"start_on", p.start_on},
                                  {"end_on", p.end_on}, {"opinion", p.opinion}, {"window", window}});
  }
  std::string fee;
  if (c.fee_amount > 0) {
    fee = std::to_string(c.fee_amount) + " 元（" + (fee_basis_from(c.fee_basis) ? std::string(label(*fee_basis_from(c.fee_basis))) : "") +
          "，" + std::to_string(c.fee_quantity) + (c.fee_basis == "by_pages" ? " 页" : " 件") + "），通知 " + c.fee_notice_on +
          (c.fee_paid_on.empty() ? "，未缴" : "，" + c.fee_paid_on + " 已缴");
  }
  json::array explanation = lines(c.due_explanation);
  json::object data{{"c", cj},
                    {"unit_name", names[c.unit_id]},
                    {"state_label", label(c.state)},
                    {"channel_label", calendar::channel_name(c.channel)},
                    {"due_label", c.state == State::awaiting_supplement ? "申请人补正期限" : "答复期限"},
                    {"overdue", v.urgency == Urgency::overdue},
                    {"due_soon", v.urgency == Urgency::due_soon},
                    {"provisional", c.due_provisional},
                    {"assignee_name", v.assignee_name},
                    {"duplicate_number", v.duplicate_number},
                    {"applicant_type_label", label(c.app.applicant_type)},
                    {"id_type_label", label(c.app.id_type)},
                    {"delivery_label", label(c.app.delivery)},
                    {"outcome_label", outcome_from(c.outcome) ? label(*outcome_from(c.outcome)) : ""},
                    {"fee", fee},
                    {"explanation", explanation},
                    {"has_explanation", !explanation.empty()},
                    {"pauses", pauses},
                    {"has_pauses", !pauses.empty()},
                    {"forms", forms},
                    {"events", events},
                    {"notes", notes},
                    {"paperwork", case_paperwork(app, req, v)},
                    {"csrf", csrf},
                    {"handling", handling_data(app, req, c.id, csrf, failed_action, values)}};
  unsigned status = 200;
  if (error) {
    data["error"] = json::object{{"message", error->message}, {"code", error->code}};
    status = web::status_for(*error);
  }
  return render(app, req, "console/requests/case", std::move(data), "申请 " + c.number, true, status);
}

json::object queue_json(const QueueItem& q, const std::map<long long, std::string>& names) {
  const auto& c = q.c;
  std::string summary = c.app.description;
  // At most 40 code points in the list.
  std::size_t cut = 0, count = 0;
  while (cut < summary.size() && count < 40) {
    unsigned char ch = static_cast<unsigned char>(summary[cut]);
    cut += ch < 0x80 ? 1 : (ch >> 5) == 6 ? 2 : (ch >> 4) == 14 ? 3 : 4;
    ++count;
  }
  if (cut < summary.size()) summary = summary.substr(0, cut) + "…";
  auto it = names.find(c.unit_id);
  return json::object{{"id", c.id},
                      {"number", c.number},
                      {"unit_id", c.unit_id},
                      {"unit_name", it == names.end() ? "" : it->second},
                      {"summary", summary},
                      {"state", to_string(c.state)},
                      {"state_label", label(c.state)},
                      {"received_on", c.received_on},
                      {"due_on", c.due_on},
                      {"urgency", q.urgency == Urgency::overdue ? "overdue" : q.urgency == Urgency::due_soon ? "due_soon" : "none"},
                      {"overdue", q.urgency == Urgency::overdue},
                      {"due_soon", q.urgency == Urgency::due_soon},
                      {"duplicate", c.duplicate_of.has_value()},
                      {"version", c.version}};
}

Response intake_form(App& app, Request& req, json::object values, const platform::Error* error) {
  auto a = web::actor(req);
  json::object data{{"values", values}};
  add_application_options(app, data, values, &a);
  std::string sel = string_of(values, "channel").empty() ? "in_person" : string_of(values, "channel");
  json::array channels;
  for (auto ch : {calendar::Channel::kInPerson, calendar::Channel::kPost, calendar::Channel::kOrdinaryLetter,
                  calendar::Channel::kFax, calendar::Channel::kOnline}) {
    std::string code(calendar::channel_code(ch));
    channels.push_back(json::object{{"value", code}, {"label", calendar::channel_name(ch)}, {"rule", calendar::receipt_rule(ch)},
                                    {"selected", code == sel}});
  }
  data["channel_options"] = channels;
  unsigned status = 200;
  if (error) {
    json::object err{{"message", error->message}, {"code", error->code}};
    if (!error->field.empty()) err["field_" + error->field] = true;
    data["error"] = err;
    status = web::status_for(*error);
  }
  return render(app, req, "console/requests/new", std::move(data), "登记政府信息公开申请", true, status);
}

json::object typed_values(const Request& req) { return web::form_state(req, nullptr)["values"].as_object(); }

}  // namespace

json::object public_view_json(App& app, const PublicView& v) { return public_data(app, v); }

Response show_case(App& app, Request& req, long long request_id, const platform::Error* error, const std::string& failed_form) {
  auto v = app.requests.get(web::actor(req), request_id);
  if (!v) {
    const auto& e = error ? *error : v.error();
    return web::error_page(app, req, web::status_for(e), e.message, e.code);
  }
  return case_page(app, req, *v, error, failed_form, error ? typed_values(req) : json::object{});
}

void install_web(App& app) {
  // ---- public ----
  app.router.get("/requests/new", [&app](Request& req) {
    json::object values{{"applicant_type", "natural_person"}, {"id_type", "resident_id"}, {"delivery", "online"}};
    if (auto unit = parse_id(req.query().value("unit"))) values["unit_id"] = std::to_string(*unit);
    return application_form(app, req, std::move(values), nullptr);
  });

  app.router.post("/requests", [&app](Request& req) {
    auto r = app.requests.submit_online(application_from(req.form()->fields), web::actor(req));
    if (!r) {
      if (req.wants_json()) return web::error_page(app, req, web::status_for(r.error()), r.error().message, r.error().code);
      return application_form(app, req, typed_values(req), &r.error());
    }
    if (req.wants_json()) {
      return no_store(Response::json(json::serialize(json::object{{"number", r->number}, {"query_code", r->query_code},
                                                                   {"received_on", r->received_on}, {"due_on", r->due_on}}),
                                     201));
    }
    return render(app, req, "requests/submitted", submitted_data(*r, false), "申请已提交", false, 201);
  });

  app.router.get("/requests/track", [&app](Request& req) { return track_page(app, req, json::object{}); });

  app.router.post("/requests/track", [&app](Request& req) {
    const auto& f = req.form()->fields;
    auto v = app.requests.track(f.value("number"), f.value("code"), web::actor(req));
    if (!v) {
      if (req.wants_json()) return web::error_page(app, req, web::status_for(v.error()), v.error().message, v.error().code);
      return track_page(app, req, json::object{{"values", json::object{{"number", f.value("number")}}},
                                               {"error", json::object{{"message", v.error().message}}}},
                        web::status_for(v.error()));
    }
    json::object view = public_data(app, *v);
    if (req.wants_json()) return no_store(Response::json(json::serialize(view)));
    view["code"] = f.value("code");
    view["csrf"] = web::csrf_token(app, req);
    return track_page(app, req, json::object{{"view", view}});
  });

  app.router.post("/requests/track/supplement", [&app](Request& req) {
    const auto& f = req.form()->fields;
    auto v = app.requests.supplement(f.value("number"), f.value("code"), f.value("supplement"), web::actor(req));
    if (!v) {
      const auto& e = v.error();
      if (e.code == "track_failed" || e.code == "throttled") {
        return track_page(app, req, json::object{{"error", json::object{{"message", e.message}}}}, web::status_for(e));
      }
      // Show the case again with the message, keeping what was typed.
      auto again = app.requests.track(f.value("number"), f.value("code"), web::actor(req));
      if (!again) return track_page(app, req, json::object{{"error", json::object{{"message", again.error().message}}}}, 422);
      json::object view = public_data(app, *again);
      view["code"] = f.value("code");
      view["csrf"] = web::csrf_token(app, req);
      view["supplement_error"] = e.message;
      view["supplement_value"] = f.value("supplement");
      return track_page(app, req, json::object{{"view", view}}, web::status_for(e));
    }
    json::object view = public_data(app, *v);
    view["code"] = f.value("code");
    view["csrf"] = web::csrf_token(app, req);
    view["notice"] = "补正材料已提交，答复期限自今日起重新计算。";
    return track_page(app, req, json::object{{"view", view}});
  });

  // ---- staff ----
  app.router.get("/console/requests", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    bool all = req.query().value("all") == "1";
    auto q = app.requests.queue(a, all);
    if (!q) return web::error_page(app, req, web::status_for(q.error()), q.error().message);
    auto names = unit_names(app);
    json::array items;
    for (const auto& item : *q) items.push_back(queue_json(item, names));
    json::object data{{"items", items}, {"empty", items.empty()}, {"include_closed", all}};
    return render(app, req, "console/requests/queue", std::move(data), "依申请公开办理", true);
  });

  app.router.get("/api/v1/requests", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return web::error_page(app, req, 401, "请先登录。", "unauthorized");
    auto q = app.requests.queue(a, req.query().value("all") == "1");
    if (!q) return web::error_page(app, req, web::status_for(q.error()), q.error().message, q.error().code);
    auto names = unit_names(app);
    json::array items;
    for (const auto& item : *q) items.push_back(queue_json(item, names));
    return no_store(Response::json(json::serialize(json::object{{"items", items}, {"count", items.size()}})));
  });

  install_handling_web(app);
  install_applicant_web(app);

  app.router.get("/console/requests/new", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    if (!a.district_wide() && !a.has(units::Role::request_handler)) {
      return web::error_page(app, req, 403, "只有依申请办理人和政务公开办可以登记申请。");
    }
    json::object values{{"applicant_type", "natural_person"}, {"id_type", "resident_id"}, {"delivery", "post"},
                        {"channel", "in_person"}, {"received_on", app.requests.today().iso()},
                        {"unit_id", std::to_string(a.unit_id)}};
    return intake_form(app, req, std::move(values), nullptr);
  });

  app.router.post("/console/requests", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    const auto& f = req.form()->fields;
    auto channel = calendar::parse_channel(f.value("channel"));
    if (!channel) {
      platform::Error e{"invalid_channel", "请选择提交方式。", "channel"};
      return intake_form(app, req, typed_values(req), &e);
    }
    auto r = app.requests.enter(a, application_from(f), *channel, f.value("received_on"));
    if (!r) {
      if (r.error().code == "forbidden") return web::error_page(app, req, 403, r.error().message);
      return intake_form(app, req, typed_values(req), &r.error());
    }
    return render(app, req, "requests/submitted", submitted_data(*r, true), "申请已登记", true, 201);
  });

  app.router.get("/console/requests/{id}", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto id = parse_id(req.param("id"));
    if (!id) return web::error_page(app, req, 404, "申请不存在。");
    auto v = app.requests.get(a, *id);
    if (!v) return web::error_page(app, req, web::status_for(v.error()), v.error().message);
    return case_page(app, req, *v, nullptr, "", {});
  });

  app.router.post("/console/requests/{id}/act", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto id = parse_id(req.param("id"));
    if (!id) return web::error_page(app, req, 404, "申请不存在。");
    const auto& f = req.form()->fields;
    auto action = action_from(f.value("action"));
    if (!action) return web::error_page(app, req, 400, "未知的办理操作。", "invalid_action");
    ActionInput in;
    in.date = f.value("date");
    in.text = f.value("text");
    in.due = f.value("due");
    in.kind = f.value("kind");
    in.party = f.value("party");
    in.outcome = f.value("outcome");
    in.basis = f.value("basis");
    in.quantity = parse_int(f.value("quantity"), 0);
    in.days = parse_int(f.value("days"), 0);
    in.assignee_id = parse_id(f.value("assignee_id"));
    auto r = app.requests.act(a, *id, *action, in, parse_int(f.value("version"), -1));
    if (!r) {
      const auto& e = r.error();
      if (req.wants_json()) return web::error_page(app, req, web::status_for(e), e.message, e.code);
      auto v = app.requests.get(a, *id);
      if (!v) return web::error_page(app, req, web::status_for(e), e.message, e.code);
      return case_page(app, req, *v, &e, std::string(to_string(*action)), typed_values(req));
    }
    if (req.wants_json()) {
      return no_store(Response::json(json::serialize(json::object{{"id", r->id}, {"state", to_string(r->state)},
                                                                  {"due_on", r->due_on}, {"version", r->version}})));
    }
    return web::redirect_with_notice("/console/requests/" + std::to_string(*id), "已办理：" + std::string(label(*action)) + "。");
  });

  app.router.post("/console/requests/{id}/notes", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return require_login(req);
    auto id = parse_id(req.param("id"));
    if (!id) return web::error_page(app, req, 404, "申请不存在。");
    auto r = app.requests.add_note(a, *id, req.form()->fields.value("body"));
    if (!r) {
      const auto& e = r.error();
      auto v = app.requests.get(a, *id);
      if (!v) return web::error_page(app, req, web::status_for(e), e.message, e.code);
      return case_page(app, req, *v, &e, "", {});
    }
    return web::redirect_with_notice("/console/requests/" + std::to_string(*id), "备注已保存。");
  });
}

}  // namespace gongkai::requests
