#include "gongkai/oversight/service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "gongkai/audit/service.hpp"
#include "gongkai/oversight/pdf.hpp"
#include "gongkai/oversight/xlsx.hpp"
#include "gongkai/text.hpp"
#include "platform/assets.hpp"
#include "platform/time.hpp"

namespace gongkai::oversight {

using calendar::Date;
using platform::make_error;
using platform::Result;
using units::Role;
namespace json = boost::json;

namespace {

Error forbidden(std::string what) { return make_error("forbidden", "您没有权限" + std::move(what) + "。"); }

Error stale() { return make_error("stale_version", "在您操作期间，其他人已修改了此报告。请刷新页面后再操作。"); }

Error frozen() { return make_error("report_published", "该年度报告已发布，内容已冻结，不能再修改。"); }

std::string source_key(long long unit_id, int year) {
  return "annual-report:" + std::to_string(unit_id) + ":" + std::to_string(year);
}

Result<long long> parse_count(const std::string& raw, const char* field, const char* what) {
  std::string t = trim(raw);
  if (t.empty()) return 0LL;
  if (t.size() > 8 || t.find_first_not_of("0123456789") != std::string::npos) {
    return make_error("invalid_count", std::string(what) + "应为不超过 99999999 的非负整数。", field);
  }
  return std::stoll(t);
}

json::object appeal_json(const AppealCounts& a) {
  return {{"upheld", a.upheld}, {"corrected", a.corrected}, {"other", a.other}, {"pending", a.pending}, {"total", a.total}};
}

json::object regulation_json(const RegulationRow& r) {
  return {{"issued", r.issued}, {"repealed", r.repealed}, {"in_force", r.in_force}};
}

}  // namespace

std::string to_json(const Figures& f) {
  json::object o;
  o["unit_id"] = f.unit_id;
  o["unit_name"] = f.unit_name;
  o["year"] = f.year;
  o["district"] = f.district;
  json::object t2;
  t2["rules"] = regulation_json(f.table2.rules);
  t2["normative"] = regulation_json(f.table2.normative);
  t2["licensing"] = f.table2.entered.licensing;
  t2["penalty"] = f.table2.entered.penalty;
  t2["coercion"] = f.table2.entered.coercion;
  // 万元 as an exact decimal string (never a JSON float).
  t2["fees_wanyuan"] = format_wanyuan(f.table2.entered.fees_fen);
  o["table2"] = std::move(t2);

  json::object t3;
  json::array cols;
  for (int c = 0; c < kTable3Columns; ++c) cols.push_back(json::string(column_label(c)));
  t3["columns"] = std::move(cols);
  json::array rows;
  for (const auto& row : table3_rows(f.table3.table)) {
    json::object r{{"label", row.label}};
    if (row.counts) {
      json::array cells;
      for (auto v : *row.counts) cells.push_back(v);
      r["cells"] = std::move(cells);
    } else {
      r["cells"] = nullptr;
    }
    rows.push_back(std::move(r));
  }
  t3["rows"] = std::move(rows);
  json::array check;
  const auto& t = f.table3.table;
  for (int c = 0; c < kTable3Columns; ++c) {
    check.push_back(json::object{{"column", column_label(c)},
                                 {"left", t.received[c] + t.carried_in[c]},
                                 {"right", t.total[c] + t.carried_out[c]},
                                 {"ok", t.check_ok[c]}});
  }
  t3["check"] = std::move(check);
  json::array mism;
  for (const auto& m : f.table3.mismatches) {
    mism.push_back(json::object{{"request_id", m.request_id}, {"number", m.number}, {"unit_id", m.unit_id},
                                {"column", column_label(m.column)}, {"left", m.left}, {"right", m.right},
                                {"reason", m.reason}});
  }
  t3["mismatches"] = std::move(mism);
  o["table3"] = std::move(t3);

  json::object t4;
  t4["available"] = f.appeals_available;
  t4["review"] = appeal_json(f.table4.table.review);
  t4["litigation_direct"] = appeal_json(f.table4.table.litigation_direct);
  t4["litigation_after_review"] = appeal_json(f.table4.table.litigation_after_review);
  json::array probs;
  for (const auto& p : f.table4.problems) probs.push_back(json::string(p));
  t4["problems"] = std::move(probs);
  o["table4"] = std::move(t4);
  o["fees_collected_yuan"] = f.fees_collected_yuan;
  auto ok = check_publishable(f);
  o["publishable"] = ok.ok();
  o["problem"] = ok.ok() ? "" : ok.error().message;
  return json::serialize(o);
}

OversightService::OversightService(std::shared_ptr<platform::db::Database> db, units::UnitService& units,
                                   disclosure::DisclosureService& disclosure, calendar::CalendarService& calendar)
    : db_(std::move(db)), units_(units), disclosure_(disclosure), calendar_(calendar) {
  today = [] { return *Date::parse(platform::local_date_today()); };
  auto text = platform::assets::read("config/oversight.json");
  auto c = text ? parse_indicator_config(*text) : Result<IndicatorConfig>(make_error("invalid_config", "缺少 config/oversight.json"));
  if (!c) throw std::runtime_error("config/oversight.json: " + c.error().message);
  config_ = *c;
}

Result<std::pair<Date, Date>> OversightService::period(const std::string& from_text, const std::string& to_text) {
  Date to = today();
  if (!trim(to_text).empty()) {
    auto t = Date::parse(trim(to_text));
    if (!t) return make_error("invalid_date", "截止日期应为“年-月-日”格式，例如 2026-03-31。", "to");
    to = *t;
  }
  Date from = *Date::from_ymd(to.year(), 1, 1);
  if (!trim(from_text).empty()) {
    auto f = Date::parse(trim(from_text));
    if (!f) return make_error("invalid_date", "起始日期应为“年-月-日”格式，例如 2026-01-01。", "from");
    from = *f;
  }
  if (from > to) return make_error("date_order", "起始日期不能晚于截止日期。", "from");
  if (to.days_since_epoch() - from.days_since_epoch() > 366 * 10) return make_error("date_order", "统计期间不能超过十年。", "from");
  return std::pair{from, to};
}

namespace {

// Working days from receipt to closing on the calendar in force (the same calendar the reply clock uses).
void fill_working_days(Facts& f, const calendar::WorkdayCalendar& cal) {
  for (auto& r : f.requests) {
    auto a = Date::parse(r.received_on);
    auto b = r.closed_on.empty() ? Result<Date>(make_error("none", "")) : Date::parse(r.closed_on);
    if (!a || !b || *b < *a) continue;
    auto n = cal.count_working_days(*a, *b);
    if (n) r.working_days_to_close = *n;
  }
}

}  // namespace

Result<Dashboard> OversightService::dashboard(const units::Actor& actor, const std::string& from, const std::string& to) {
  if (!actor.district_wide() && !actor.has(Role::unit_admin)) return forbidden("查看监督检查指标");
  auto p = period(from, to);
  if (!p) return p.error();
  Dashboard d;
  d.from = p->first;
  d.to = p->second;
  d.config = config_;
  auto cal = calendar_.current();
  db_->read([&](soci::session& s) {
    auto facts = store::indicator_facts(s, d.from.iso(), d.to.iso());
    fill_working_days(facts, *cal);
    auto all = store::units(s);
    for (const auto& u : all) {
      if (!u.active || u.kind == "section") continue;
      if (!actor.district_wide() && u.id != actor.unit_id) continue;
      auto ids = store::subtree(all, u.id);
      bool district = u.kind == "government";
      if (district || (!actor.district_wide() && d.trend.empty())) d.trend = compute_trend(facts, ids, d.from, d.to);
      auto row = compute_indicators(facts, ids, d.from, d.to, config_, district);
      row.unit_id = u.id;
      row.unit_name = u.name;
      d.rows.push_back(std::move(row));
    }
  });
  std::stable_sort(d.rows.begin(), d.rows.end(), [](const auto& a, const auto& b) { return a.district > b.district; });
  for (const auto& r : d.rows) {
    if (!r.district) continue;
    d.stale_columns_fail = r.find("stale_columns")->count >= config_.stale_columns_fail_count || r.find("empty_columns")->count > 0;
  }
  if (actor.district_wide()) {
    auto l = list(actor, today().year() - 1);
    if (l) d.deadlines = std::move(*l);
  }
  return d;
}

Result<UnitIndicators> OversightService::unit_indicators(const units::Actor& actor, long long unit_id,
                                                        const std::string& from, const std::string& to) {
  if (!may_view(actor, unit_id)) return forbidden("查看该单位的监督检查指标");
  auto p = period(from, to);
  if (!p) return p.error();
  auto cal = calendar_.current();
  return db_->read([&](soci::session& s) -> Result<UnitIndicators> {
    auto all = store::units(s);
    auto ids = store::subtree(all, unit_id);
    if (ids.empty()) return make_error("invalid_unit", "单位不存在。", "unit");
    auto facts = store::indicator_facts(s, p->first.iso(), p->second.iso());
    fill_working_days(facts, *cal);
    bool district = false;
    std::string name;
    for (const auto& u : all) {
      if (u.id == unit_id) {
        district = u.kind == "government";
        name = u.name;
      }
    }
    auto r = compute_indicators(facts, ids, p->first, p->second, config_, district);
    r.unit_id = unit_id;
    r.unit_name = name;
    return r;
  });
}

Result<void> OversightService::check_year(int year) const {
  // The 条例 took effect on 1 May 2008; a report on a year that has not begun makes no sense.
  if (year < 2008 || year > today().year()) {
    return make_error("invalid_year", "年度应在 2008 年至 " + std::to_string(today().year()) + " 年之间。", "year");
  }
  return {};
}

bool OversightService::may_view(const units::Actor& actor, long long unit_id) const {
  if (actor.district_wide()) return true;
  return actor.has(Role::unit_admin) && actor.unit_id == unit_id;
}

Result<Figures> OversightService::figures_locked(soci::session& s, long long unit_id, int year) {
  if (auto y = check_year(year); !y) return y.error();
  auto all = store::units(s);
  auto ids = store::subtree(all, unit_id);
  if (ids.empty()) return make_error("invalid_unit", "单位不存在。", "unit");
  Figures f;
  f.year = year;
  f.unit_id = unit_id;
  for (const auto& u : all) {
    if (u.id == unit_id) {
      f.unit_name = u.name;
      f.district = u.kind == "government";
    }
  }
  const std::string end = std::to_string(year) + "-12-31";
  f.table2 = compute_table2(store::regulation_documents(s, ids, end), store::entered_counts(s, ids, year), year);
  auto reqs = store::request_facts(s, ids, end);
  f.table3 = compute_table3(reqs, year);
  f.fees_collected_yuan = fees_collected(reqs, year);
  f.appeals_available = store::appeals_table_exists(s);
  if (f.appeals_available) f.table4 = compute_table4(store::appeal_facts(s, ids, end), year);
  return f;
}

Result<Figures> OversightService::figures(long long unit_id, int year) {
  return db_->read([&](soci::session& s) { return figures_locked(s, unit_id, year); });
}

Result<ReportView> OversightService::report(const units::Actor& actor, long long unit_id, int year) {
  if (!may_view(actor, unit_id)) return forbidden("查看该单位的年度报告");
  return db_->read([&](soci::session& s) -> Result<ReportView> {
    auto f = figures_locked(s, unit_id, year);
    if (!f) return f.error();
    ReportView v;
    v.unit_id = unit_id;
    v.unit_name = f->unit_name;
    v.year = year;
    v.district = f->district;
    v.figures = *f;
    v.deadline = report_deadline(year, f->district);
    v.own_counts = store::own_counts(s, unit_id, year);
    v.may_edit = may_view(actor, unit_id);
    v.may_publish = actor.has(Role::supervisor);
    if (auto r = store::find_report(s, unit_id, year)) {
      v.status = r->status;
      v.section1 = r->section1;
      v.section5 = r->section5;
      v.section6 = r->section6;
      v.version = r->version;
      v.document_id = r->document_id;
      v.published_at = r->published_at;
      v.figures_json = r->status == ReportStatus::published ? r->snapshot_json : to_json(*f);
    } else {
      v.section6 = default_section6(f->fees_collected_yuan);
      v.figures_json = to_json(*f);
    }
    if (v.status == ReportStatus::published) v.may_edit = v.may_publish = false;
    return v;
  });
}

Result<std::string> OversightService::figures_json(const units::Actor& actor, long long unit_id, int year) {
  return db_->read([&](soci::session& s) -> Result<std::string> {
    if (auto y = check_year(year); !y) return y.error();
    auto r = store::find_report(s, unit_id, year);
    if (r && r->status == ReportStatus::published) return r->snapshot_json;
    if (!may_view(actor, unit_id)) {
      return make_error("not_found", "该单位 " + std::to_string(year) + " 年度的政府信息公开工作年度报告尚未发布。");
    }
    auto f = figures_locked(s, unit_id, year);
    if (!f) return f.error();
    return to_json(*f);
  });
}

Result<void> OversightService::save_texts(const units::Actor& actor, long long unit_id, int year, const std::string& s1,
                                          const std::string& s5, const std::string& s6, int expected_version) {
  if (!may_view(actor, unit_id)) return forbidden("编辑该单位的年度报告");
  if (auto y = check_year(year); !y) return y.error();
  for (const auto* t : {&s1, &s5, &s6}) {
    if (utf8_length(*t) > 20000) return make_error("too_long", "每一部分不能超过 20000 个字。", "section1");
  }
  return db_->write([&](soci::session& s) -> Result<void> {
    if (store::subtree(store::units(s), unit_id).empty()) return make_error("invalid_unit", "单位不存在。", "unit");
    std::string now = platform::now_utc_iso();
    auto r = store::find_report(s, unit_id, year);
    store::Report before;
    if (!r) {
      if (expected_version != 0) return stale();
      store::Report n;
      n.unit_id = unit_id;
      n.year = year;
      n.section1 = trim(s1);
      n.section5 = trim(s5);
      n.section6 = trim(s6);
      n.id = store::insert_report(s, n, now);
      r = n;
    } else {
      if (r->status == ReportStatus::published) return frozen();
      if (r->version != expected_version) return stale();
      before = *r;
      r->section1 = trim(s1);
      r->section5 = trim(s5);
      r->section6 = trim(s6);
      if (!store::update_texts(s, *r, expected_version, now)) return stale();
    }
    json::object after{{"year", year}, {"section1_chars", utf8_length(r->section1)},
                       {"section5_chars", utf8_length(r->section5)}, {"section6", r->section6}};
    audit::record(s, actor, {"annual_report.save", "annual_report", std::to_string(r->id),
                             std::to_string(year) + "年度报告", unit_id, "", json::serialize(after)});
    return {};
  });
}

Result<void> OversightService::save_counts(const units::Actor& actor, long long unit_id, int year, const CountsInput& in) {
  if (!may_view(actor, unit_id)) return forbidden("填报该单位的年度报告数据");
  if (auto y = check_year(year); !y) return y.error();
  EnteredCounts c;
  auto l = parse_count(in.licensing, "licensing", "行政许可处理决定数量");
  if (!l) return l.error();
  auto p = parse_count(in.penalty, "penalty", "行政处罚处理决定数量");
  if (!p) return p.error();
  auto k = parse_count(in.coercion, "coercion", "行政强制处理决定数量");
  if (!k) return k.error();
  auto f = parse_wanyuan(in.fees_wanyuan);
  if (!f) return f.error();
  c = {*l, *p, *k, *f};
  return db_->write([&](soci::session& s) -> Result<void> {
    auto all = store::units(s);
    if (store::subtree(all, unit_id).empty()) return make_error("invalid_unit", "单位不存在。", "unit");
    // The counts feed this unit's report and those above it; none of those may be published already.
    for (std::optional<long long> id = unit_id; id;) {
      auto r = store::find_report(s, *id, year);
      if (r && r->status == ReportStatus::published) return frozen();
      std::optional<long long> parent;
      for (const auto& u : all) {
        if (u.id == *id) parent = u.parent_id;
      }
      id = parent;
    }
    auto before = store::own_counts(s, unit_id, year);
    auto to_obj = [](const EnteredCounts& x) {
      return json::serialize(json::object{{"licensing", x.licensing}, {"penalty", x.penalty}, {"coercion", x.coercion},
                                          {"fees_wanyuan", format_wanyuan(x.fees_fen)}});
    };
    store::put_counts(s, unit_id, year, c, actor.user_id, platform::now_utc_iso());
    audit::record(s, actor, {"annual_report.counts", "annual_report_counts", std::to_string(unit_id) + ":" + std::to_string(year),
                             std::to_string(year) + "年度表二填报数据", unit_id, before ? to_obj(*before) : "", to_obj(c)});
    return {};
  });
}

// ---- inspections ----

namespace {

Result<std::string> required_text(const std::string& raw, const char* what, std::size_t max, const char* field) {
  std::string t = trim(raw);
  if (t.empty()) return make_error("required", std::string("请填写") + what + "。", field);
  if (utf8_length(t) > max) return make_error("too_long", std::string(what) + "不能超过 " + std::to_string(max) + " 个字。", field);
  return t;
}

Result<Date> required_date(const std::string& raw, const char* what, const char* field) {
  auto d = Date::parse(trim(raw));
  if (!d) return make_error("invalid_date", std::string(what) + "应为“年-月-日”格式的日期，例如 2026-03-02。", field);
  return *d;
}

std::string finding_json(const store::Finding& f) {
  return json::serialize(json::object{{"status", to_string(f.status)}, {"rectify_by", f.rectify_by},
                                      {"answered_on", f.answered_on}, {"closed_on", f.closed_on}, {"version", f.version}});
}

}  // namespace

Result<long long> OversightService::open_inspection(const units::Actor& actor, const InspectionInput& in) {
  if (!actor.has(Role::supervisor)) return forbidden("开展检查（仅政务公开办）");
  auto title = required_text(in.title, "检查名称", 200, "title");
  if (!title) return title.error();
  if (utf8_length(in.scope) > 5000) return make_error("too_long", "检查范围不能超过 5000 个字。", "scope");
  auto from = required_date(in.period_from, "检查期间起始日期", "period_from");
  if (!from) return from.error();
  auto to = required_date(in.period_to, "检查期间截止日期", "period_to");
  if (!to) return to.error();
  if (*from > *to) return make_error("date_order", "检查期间的起始日期不能晚于截止日期。", "period_from");
  auto due = required_date(in.due_on, "完成期限", "due_on");
  if (!due) return due.error();
  if (in.unit_ids.empty()) return make_error("invalid_unit", "请至少选择一个被检查单位。", "unit_ids");
  return db_->write([&](soci::session& s) -> Result<long long> {
    auto all = store::units(s);
    for (long long u : in.unit_ids) {
      if (store::subtree(all, u).empty()) return make_error("invalid_unit", "被检查单位不存在。", "unit_ids");
    }
    store::Inspection i{0, *title, trim(in.scope), from->iso(), to->iso(), due->iso(), "", {}};
    std::set<long long> uniq(in.unit_ids.begin(), in.unit_ids.end());
    i.unit_ids.assign(uniq.begin(), uniq.end());
    i.id = store::insert_inspection(s, i, actor.user_id, platform::now_utc_iso());
    json::array units;
    for (auto u : i.unit_ids) units.push_back(u);
    audit::record(s, actor, {"inspection.open", "inspection", std::to_string(i.id), i.title, std::nullopt, "",
                             json::serialize(json::object{{"period_from", i.period_from}, {"period_to", i.period_to},
                                                          {"due_on", i.due_on}, {"units", units}})});
    return i.id;
  });
}

Result<std::vector<store::Inspection>> OversightService::inspections(const units::Actor& actor) {
  if (!actor.district_wide() && !actor.has(Role::unit_admin)) return forbidden("查看检查");
  return db_->read([&](soci::session& s) -> Result<std::vector<store::Inspection>> {
    auto all = store::inspections(s);
    if (actor.district_wide()) return all;
    std::vector<store::Inspection> mine;
    for (auto& i : all) {
      if (std::find(i.unit_ids.begin(), i.unit_ids.end(), actor.unit_id) != i.unit_ids.end()) mine.push_back(std::move(i));
    }
    return mine;
  });
}

Result<InspectionView> OversightService::inspection(const units::Actor& actor, long long id) {
  if (!actor.district_wide() && !actor.has(Role::unit_admin)) return forbidden("查看检查");
  return db_->read([&](soci::session& s) -> Result<InspectionView> {
    auto i = store::find_inspection(s, id);
    if (!i) return make_error("not_found", "检查不存在。");
    bool office = actor.district_wide();
    if (!office && std::find(i->unit_ids.begin(), i->unit_ids.end(), actor.unit_id) == i->unit_ids.end()) {
      return make_error("not_found", "检查不存在。");
    }
    std::map<long long, std::string> names;
    for (const auto& u : store::units(s)) names[u.id] = u.name;
    InspectionView v;
    v.i = *i;
    for (auto u : i->unit_ids) v.units.emplace_back(u, names[u]);
    for (auto& f : store::findings(s, id)) {
      if (!office && f.unit_id != actor.unit_id) continue;
      bool overdue = rectification_overdue(f.status, f.rectify_by, today());
      v.findings.push_back({std::move(f), names[f.unit_id], overdue});
    }
    return v;
  });
}

Result<long long> OversightService::add_finding(const units::Actor& actor, long long inspection_id, long long unit_id,
                                               const std::string& description, const std::string& evidence) {
  if (!actor.has(Role::supervisor)) return forbidden("记录检查发现的问题（仅政务公开办）");
  auto d = required_text(description, "问题描述", 5000, "description");
  if (!d) return d.error();
  auto e = validate_evidence(evidence);
  if (!e) return e.error();
  return db_->write([&](soci::session& s) -> Result<long long> {
    auto i = store::find_inspection(s, inspection_id);
    if (!i) return make_error("not_found", "检查不存在。");
    if (std::find(i->unit_ids.begin(), i->unit_ids.end(), unit_id) == i->unit_ids.end()) {
      return make_error("invalid_unit", "该单位不在本次检查范围内。", "unit_id");
    }
    store::Finding f;
    f.inspection_id = inspection_id;
    f.unit_id = unit_id;
    f.description = *d;
    f.evidence = *e;
    f.id = store::insert_finding(s, f, platform::now_utc_iso());
    audit::record(s, actor, {"inspection.finding", "inspection_finding", std::to_string(f.id), i->title, unit_id, "",
                             json::serialize(json::object{{"inspection_id", inspection_id}, {"evidence", f.evidence}})});
    return f.id;
  });
}

Result<void> OversightService::act_on_finding(const units::Actor& actor, long long finding_id, FindingAction action,
                                              const std::string& text, const std::string& date, int expected_version) {
  return db_->write([&](soci::session& s) -> Result<void> {
    auto f = store::find_finding(s, finding_id);
    if (!f) return make_error("not_found", "问题不存在。");
    // The unit answers its own notices; the office does everything else.
    if (action == FindingAction::answer) {
      if (!(actor.has(Role::unit_admin) && actor.unit_id == f->unit_id)) return forbidden("答复该单位的整改通知");
    } else if (!actor.has(Role::supervisor)) {
      return forbidden("处理检查发现的问题（仅政务公开办）");
    }
    auto next = next_status(f->status, action);
    if (!next) return next.error();
    if (f->version != expected_version) return stale();
    const auto before = *f;
    const Date now = today();
    switch (action) {
      case FindingAction::notify:
      case FindingAction::reopen: {
        auto d = required_date(date, "整改期限", "date");
        if (!d) return d.error();
        if (*d <= now) return make_error("invalid_date", "整改期限应晚于今天（" + now.iso() + "）。", "date");
        if (action == FindingAction::reopen) {
          auto why = required_text(text, "重新整改的理由", 2000, "text");
          if (!why) return why.error();
          f->decision_note = *why;
          f->closed_on.clear();
        }
        f->rectify_by = d->iso();
        f->notified_on = now.iso();
        break;
      }
      case FindingAction::answer: {
        auto a = required_text(text, "整改情况", 5000, "text");
        if (!a) return a.error();
        f->answer = *a;
        f->answered_on = now.iso();
        f->answered_by = actor.user_id;
        break;
      }
      case FindingAction::close:
        if (utf8_length(text) > 2000) return make_error("too_long", "销号意见不能超过 2000 个字。", "text");
        f->decision_note = trim(text);
        f->closed_on = now.iso();
        break;
    }
    f->status = *next;
    if (!store::update_finding(s, *f, expected_version, platform::now_utc_iso())) return stale();
    std::string act = action == FindingAction::notify ? "notify" : action == FindingAction::answer ? "answer" :
                      action == FindingAction::close ? "close" : "reopen";
    audit::record(s, actor, {"inspection.finding." + act, "inspection_finding", std::to_string(f->id),
                             "检查问题 #" + std::to_string(f->id), f->unit_id, finding_json(before), finding_json(*f)});
    return {};
  });
}

std::vector<FindingView> OversightService::overdue_rectifications(const units::Actor& actor) {
  std::vector<FindingView> out;
  if (!actor.district_wide() && !actor.has(Role::unit_admin)) return out;
  db_->read([&](soci::session& s) {
    std::map<long long, std::string> names;
    for (const auto& u : store::units(s)) names[u.id] = u.name;
    for (auto& f : store::findings(s, 0)) {
      if (!actor.district_wide() && f.unit_id != actor.unit_id) continue;
      if (!rectification_overdue(f.status, f.rectify_by, today())) continue;
      out.push_back({std::move(f), names[f.unit_id], true});
    }
  });
  return out;
}

Result<std::vector<ReportListItem>> OversightService::list(const units::Actor& actor, int year) {
  if (!actor.district_wide()) return forbidden("查看全区的年度报告");
  if (auto y = check_year(year); !y) return y.error();
  return db_->read([&](soci::session& s) -> Result<std::vector<ReportListItem>> {
    std::map<long long, store::Report> by_unit;
    for (auto& r : store::reports_of_year(s, year)) by_unit[r.unit_id] = std::move(r);
    std::vector<ReportListItem> out;
    for (const auto& u : store::units(s)) {
      if (!u.active || u.kind == "section") continue;  // a section reports through its department
      ReportListItem i;
      i.unit_id = u.id;
      i.unit_name = u.name;
      i.district = u.kind == "government";
      i.deadline = report_deadline(year, i.district);
      auto it = by_unit.find(u.id);
      if (it != by_unit.end()) {
        i.started = true;
        i.status = it->second.status;
      }
      i.overdue = i.status != ReportStatus::published && today() > i.deadline;
      out.push_back(std::move(i));
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.district > b.district; });
    return out;
  });
}

Result<ReportFile> OversightService::xlsx(const units::Actor& actor, long long unit_id, int year) {
  auto v = report(actor, unit_id, year);
  if (!v) return v.error();
  std::string title = v->unit_name + std::to_string(year) + "年政府信息公开工作年度报告";
  auto bytes = report_xlsx(json::parse(v->figures_json).as_object(), title, v->section1, v->section5, v->section6);
  if (!bytes) return bytes.error();
  return ReportFile{title + ".xlsx", std::move(*bytes)};
}

Result<ReportFile> OversightService::pdf(const units::Actor& actor, long long unit_id, int year) {
  auto v = report(actor, unit_id, year);
  if (!v) return v.error();
  std::string title = v->unit_name + std::to_string(year) + "年政府信息公开工作年度报告";
  auto bytes = report_pdf(json::parse(v->figures_json).as_object(), title, v->section1, v->section5, v->section6);
  if (!bytes) return bytes.error();
  return ReportFile{title + ".pdf", std::move(*bytes)};
}

Result<long long> OversightService::publish(const units::Actor& actor, long long unit_id, int year, int expected_version) {
  if (!actor.has(Role::supervisor)) return forbidden("发布年度报告（仅政务公开办）");
  // Step 1: the figures and the draft, read together.
  struct Draft {
    Figures f;
    store::Report r;
  };
  auto draft = db_->read([&](soci::session& s) -> Result<Draft> {
    auto f = figures_locked(s, unit_id, year);
    if (!f) return f.error();
    auto r = store::find_report(s, unit_id, year);
    if (!r) return make_error("stale_version", "请先保存报告的文字部分（一、五、六）再发布。");
    if (r->status == ReportStatus::published) return frozen();
    if (r->version != expected_version) return stale();
    return Draft{std::move(*f), std::move(*r)};
  });
  if (!draft) return draft.error();
  // 一 + 二 = 三（七） + 四 in every column (DOMAIN §5): a report that does not add up is not published.
  if (auto ok = check_publishable(draft->f); !ok) return ok.error();
  auto column = disclosure_.column_by_slug("annual-reports");
  if (!column) return make_error("column_missing", "未找到“政府信息公开年报”栏目，无法发布。");

  // Step 2: the document, through the disclosure capability (privacy gate, 索引号, ledger entry).
  disclosure::EditionFields e;
  e.column_id = column->id;
  e.title = draft->f.unit_name + std::to_string(year) + "年政府信息公开工作年度报告";
  e.summary = "依据《中华人民共和国政府信息公开条例》第四十九条、第五十条编制的" + std::to_string(year) + "年度报告。";
  e.body_md = report_markdown(draft->f, draft->r.section1, draft->r.section5, draft->r.section6);
  std::string today_iso = today().iso();
  e.written_on = today_iso;
  e.formed_on = today_iso;
  e.keywords = "政府信息公开 年度报告";
  e.legal_category = "art20-15";
  std::string snapshot = to_json(draft->f);
  auto created = disclosure_.import_published(actor, unit_id, source_key(unit_id, year), e);
  if (!created) return created.error();

  // Step 3: freeze the report with the figures it was published with.
  return db_->write([&](soci::session& s) -> Result<long long> {
    auto doc = disclosure::store::find_document_by_source(s, source_key(unit_id, year));
    if (!doc) return make_error("not_found", "发布的文件未找到。");
    if (!store::mark_published(s, draft->r.id, snapshot, doc->id, actor.user_id, platform::now_utc_iso(), expected_version)) {
      return stale();
    }
    json::object after{{"year", year}, {"document_id", doc->id}, {"index_no", doc->index_no}};
    audit::record(s, actor, {"annual_report.publish", "annual_report", std::to_string(draft->r.id),
                             e.title, unit_id, "", json::serialize(after)});
    return doc->id;
  });
}

}  // namespace gongkai::oversight
