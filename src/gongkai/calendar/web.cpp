#include "gongkai/calendar/web.hpp"

#include <charconv>

#include "gongkai/calendar/model.hpp"
#include "gongkai/web/page.hpp"
#include "platform/time.hpp"

namespace gongkai::calendar {
namespace json = boost::json;
using platform::Error;
using platform::make_error;
using platform::Result;
using platform::http::Request;
using platform::http::Response;

namespace {

std::string_view step_kind_code(StepKind k) {
  switch (k) {
    case StepKind::kStart: return "start";
    case StepKind::kNote: return "note";
    case StepKind::kRestart: return "restart";
    case StepKind::kDay: return "day";
    case StepKind::kPause: return "pause";
    case StepKind::kExtension: return "extension";
    case StepKind::kDeadline: return "deadline";
    case StepKind::kWarning: return "warning";
  }
  return "note";
}

json::object deadline_json(const Deadline& d) {
  json::array steps, lines;
  for (const auto& s : d.explanation.steps) {
    json::object o{{"kind", step_kind_code(s.kind)}, {"text", s.text}, {"date", s.date.iso()}};
    if (s.until) o["until"] = s.until->iso();
    if (s.day_number) o["day_number"] = s.day_number;
    if (!s.holidays.empty()) {
      json::array h;
      for (const auto& x : s.holidays) h.push_back(json::value(x));
      o["holidays"] = h;
    }
    steps.push_back(o);
    lines.push_back(json::value(s.text));
  }
  return json::object{{"date", d.date.iso()},
                      {"weekday", weekday_name(d.date.weekday())},
                      {"start", d.start.iso()},
                      {"working_days", d.working_days},
                      {"provisional", d.provisional},
                      {"explanation", lines},
                      {"steps", steps}};
}

Result<Date> date_param(const platform::http::FormData& q, std::string_view name, std::string_view label) {
  std::string v = q.value(name);
  auto d = Date::parse(v);
  if (!d) return make_error("invalid_date", std::string(label) + "应为有效日期，格式 YYYY-MM-DD。", std::string(name));
  return *d;
}

struct CalcInput {
  ReplyInput input;
  bool has_input = false;
};

// Reads the calculator's parameters (the same for the page and the API). Errors name the field at fault.
Result<ReplyInput> read_input(const platform::http::FormData& q) {
  ReplyInput in;
  auto received = date_param(q, "received", "收到申请日期");
  if (!received) return received.error();
  in.received = *received;
  auto channel = parse_channel(q.value("channel", "online"));
  if (!channel) return make_error("invalid_channel", "提交方式无效。", "channel");
  in.channel = *channel;
  if (!q.value("supplement_notice").empty()) {
    auto d = date_param(q, "supplement_notice", "补正告知日期");
    if (!d) return d.error();
    in.supplement_notice_sent = *d;
  }
  if (!q.value("supplement_received").empty()) {
    auto d = date_param(q, "supplement_received", "收到补正日期");
    if (!d) return d.error();
    in.supplement_received = *d;
    if (!in.supplement_notice_sent) in.supplement_notice_sent = in.received;
  }
  auto starts = q.all("pause_start");
  auto ends = q.all("pause_end");
  auto kinds = q.all("pause_kind");
  if (starts.size() > 10) return make_error("invalid_pause", "暂停计算的时段最多 10 个。", "pause_start");
  for (std::size_t i = 0; i < starts.size(); ++i) {
    if (starts[i].empty()) continue;
    Pause p;
    auto s = Date::parse(starts[i]);
    if (!s) return make_error("invalid_date", "暂停开始日期应为有效日期，格式 YYYY-MM-DD。", "pause_start");
    p.start = *s;
    if (i < ends.size() && !ends[i].empty()) {
      auto e = Date::parse(ends[i]);
      if (!e) return make_error("invalid_date", "暂停结束日期应为有效日期，格式 YYYY-MM-DD。", "pause_end");
      p.end = *e;
    }
    std::string kind = i < kinds.size() ? kinds[i] : "third_party";
    p.kind = kind == "agency" ? PauseKind::kAgencyOpinion : kind == "fee" ? PauseKind::kFeePayment : PauseKind::kThirdPartyOpinion;
    in.pauses.push_back(p);
  }
  if (!q.value("extension").empty() && q.value("extension") != "0") {
    std::string v = q.value("extension");
    int n = 0;
    auto r = std::from_chars(v.data(), v.data() + v.size(), n);
    if (r.ec != std::errc{} || r.ptr != v.data() + v.size()) {
      return make_error("invalid_extension", "延长的工作日数应为 1 至 20 的整数。", "extension");
    }
    Extension ext;
    ext.working_days = n;
    ext.approved_on = in.supplement_received.value_or(in.received);
    if (!q.value("extension_approved").empty()) {
      auto d = date_param(q, "extension_approved", "延期批准日期");
      if (!d) return d.error();
      ext.approved_on = *d;
    }
    in.extension = ext;
  }
  return in;
}

json::object clock_json(const ReplyInput& in, const ReplyClock& c) {
  json::object o{{"received", in.received.iso()},
                 {"channel", channel_code(in.channel)},
                 {"channel_name", channel_name(in.channel)},
                 {"receipt_rule", receipt_rule(in.channel)},
                 {"status", c.status == ReplyStatus::kRunning ? "running" : "awaiting_supplement"},
                 {"awaiting_supplement", c.status == ReplyStatus::kAwaitingSupplement},
                 {"supplement_notice_due", deadline_json(c.supplement_notice_due)}};
  if (c.reply_due) o["reply_due"] = deadline_json(*c.reply_due);
  if (c.extended_due) o["extended_due"] = deadline_json(*c.extended_due);
  if (const Deadline* d = c.effective_due()) o["due"] = deadline_json(*d);
  json::array w;
  for (const auto& x : c.warnings) w.push_back(json::value(x));
  o["warnings"] = w;
  return o;
}

json::object day_json(const DayInfo& info) {
  std::string_view kind = info.kind == DayKind::kWorkday ? "workday"
                          : info.kind == DayKind::kWeekend ? "weekend"
                          : info.kind == DayKind::kHoliday ? "holiday" : "make_up_workday";
  return json::object{{"date", info.date.iso()}, {"weekday", weekday_name(info.date.weekday())}, {"working", info.working()},
                      {"kind", kind}, {"name", info.name}, {"year_known", info.year_known}, {"label", day_label(info)}};
}

json::array channel_options(std::string_view selected) {
  json::array out;
  for (auto c : {Channel::kOnline, Channel::kInPerson, Channel::kPost, Channel::kOrdinaryLetter, Channel::kFax}) {
    out.push_back(json::object{{"value", channel_code(c)}, {"label", channel_name(c)}, {"rule", receipt_rule(c)},
                               {"selected", channel_code(c) == selected}});
  }
  return out;
}

json::object year_json(const WorkdayCalendar& cal, int year) {
  json::object o{{"year", year}, {"known", cal.is_year_known(year)}};
  const YearNotice* n = cal.notice(year);
  json::array holidays, makeups, sources;
  if (n) {
    for (const auto& h : n->holidays) {
      int days = days_between(h.first, h.last) + 1;
      holidays.push_back(json::object{{"name", h.name}, {"from", h.first.iso()}, {"to", h.last.iso()}, {"days", days}});
    }
    for (const auto& m : n->make_up_days) {
      makeups.push_back(json::object{{"name", m.name}, {"date", m.date.iso()}, {"weekday", weekday_name(m.date.weekday())}});
    }
    for (const auto& s : n->sources) sources.push_back(json::object{{"title", s.title}, {"url", s.url}});
    o["note"] = n->note;
  }
  o["holidays"] = holidays;
  o["make_up_days"] = makeups;
  o["sources"] = sources;
  o["empty"] = holidays.empty() && makeups.empty();
  return o;
}

}  // namespace

void install_web(App& app) {
  app.router.get("/api/v1/calendar/workday", [&app](Request& req) {
    auto d = date_param(req.query(), "date", "日期");
    if (!d) return web::error_page(app, req, 400, d.error().message, d.error().code);
    return Response::json(json::serialize(day_json(app.calendar.current()->describe(*d))));
  });

  app.router.get("/api/v1/calendar/deadline", [&app](Request& req) {
    auto in = read_input(req.query());
    if (!in) return web::error_page(app, req, 400, in.error().message, in.error().code);
    auto clock = compute_reply_clock(*app.calendar.current(), *in);
    if (!clock) return web::error_page(app, req, 422, clock.error().message, clock.error().code);
    return Response::json(json::serialize(clock_json(*in, *clock)));
  });

  app.router.get("/calendar", [&app](Request& req) {
    auto cal = app.calendar.current();
    const auto& q = req.query();
    std::string today = platform::local_date_today();
    int year = std::atoi(today.substr(0, 4).c_str());
    if (auto y = q.value("year"); y.size() == 4) {
      int v = std::atoi(y.c_str());
      if (v >= 2000 && v <= 2100) year = v;
    }
    json::array years;
    for (int y : cal->years()) {
      years.push_back(json::object{{"year", y}, {"selected", y == year}, {"known", cal->is_year_known(y)}});
    }
    json::object data{{"year", year_json(*cal, year)}, {"years", years}, {"today", today}};
    json::object values;
    for (const char* k : {"received", "channel", "supplement_notice", "supplement_received", "extension", "extension_approved"}) {
      values[k] = q.value(k);
    }
    auto starts = q.all("pause_start"), ends = q.all("pause_end");
    values["pause_start"] = starts.empty() ? "" : starts[0];
    values["pause_end"] = ends.empty() ? "" : ends[0];
    if (values["received"] == "") values["received"] = today;
    data["values"] = values;
    data["channels"] = channel_options(q.value("channel", "online"));
    if (q.has("received")) {
      auto in = read_input(q);
      if (!in) {
        data["error"] = json::object{{"message", in.error().message}, {"field_" + in.error().field, true}};
      } else if (auto clock = compute_reply_clock(*cal, *in); !clock) {
        data["error"] = json::object{{"message", clock.error().message}};
      } else {
        data["result"] = clock_json(*in, *clock);
      }
    }
    unsigned status = data.contains("error") ? 422 : 200;
    if (status == 200) web::allow_public_cache(req);
    return web::page(app, req, "calendar", std::move(data), "答复期限计算器与工作日历", false, status);
  });

  app.router.get("/console/calendar", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return Response::redirect("/login?next=/console/calendar");
    json::array rows;
    for (const auto& y : app.calendar.years()) {
      json::array sources;
      for (const auto& s : y.sources) sources.push_back(json::object{{"title", s.title}, {"url", s.url}});
      rows.push_back(json::object{{"year", y.year}, {"published", y.published}, {"imported", y.imported},
                                  {"imported_at", y.imported_at.empty() ? "" : platform::utc_iso_to_local_display(y.imported_at)},
                                  {"imported_by", y.imported_by}, {"holidays", y.holidays}, {"make_up_days", y.make_up_days},
                                  {"sources", sources}, {"note", y.note}});
    }
    return web::page(app, req, "console/calendar", json::object{{"years", rows}, {"can_import", a.district_wide()}},
                     "工作日历", true);
  });

  app.router.post("/console/calendar", [&app](Request& req) {
    auto a = web::actor(req);
    if (!a.signed_in()) return Response::redirect("/login?next=/console/calendar");
    const auto& form = *req.form();
    std::string text = form.fields.value("notice_json");
    for (const auto& f : form.files) {
      if (f.field == "notice_file" && !f.data.empty()) text = f.data;
    }
    auto r = app.calendar.import_year(a, text);
    if (!r) {
      if (r.error().code == "forbidden") return web::error_page(app, req, 403, r.error().message);
      json::array rows;
      return web::page(app, req, "console/calendar",
                       json::object{{"years", rows}, {"can_import", a.district_wide()},
                                    {"error", json::object{{"message", r.error().message}}},
                                    {"notice_json", form.fields.value("notice_json")}},
                       "工作日历", true, 422);
    }
    // DOMAIN §4: open deadlines are recomputed at once, each change audited.
    auto changed = app.requests.recompute_open(a);
    return web::redirect_with_notice("/console/calendar",
                                     std::to_string(*r) + "年工作日历已导入。" +
                                         (changed ? "已按新日历重新计算 " + std::to_string(*changed) + " 件办理中申请的期限。"
                                                  : std::string("进行中的办理期限将按新日历计算。")));
  });
}

}  // namespace gongkai::calendar
