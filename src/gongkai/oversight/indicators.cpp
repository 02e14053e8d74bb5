#include "gongkai/oversight/indicators.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <boost/json.hpp>
#include <set>

namespace gongkai::oversight {

using calendar::Date;
using platform::make_error;
namespace json = boost::json;

namespace {

std::optional<Date> date_of(const std::string& s) {
  if (s.empty()) return std::nullopt;
  auto d = Date::parse(s);
  if (!d) return std::nullopt;
  return *d;
}

bool within(const std::string& s, Date from, Date to) {
  auto d = date_of(s);
  return d && *d >= from && *d <= to;
}

}  // namespace

platform::Result<IndicatorConfig> parse_indicator_config(std::string_view text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return make_error("invalid_config", "config/oversight.json 不是有效的 JSON 对象。");
  const auto& o = v.as_object();
  if (!o.contains("format") || o.at("format") != "gongkai-oversight/1") {
    return make_error("invalid_config", "config/oversight.json 的 format 应为 gongkai-oversight/1。");
  }
  IndicatorConfig c;
  auto int_field = [&](const char* k, int& out, int lo, int hi) -> platform::Result<void> {
    if (!o.contains(k)) return {};
    if (!o.at(k).is_int64() || o.at(k).as_int64() < lo || o.at(k).as_int64() > hi) {
      return make_error("invalid_config", std::string("config/oversight.json 的 ") + k + " 应为 " + std::to_string(lo) +
                                              "–" + std::to_string(hi) + " 的整数。");
    }
    out = static_cast<int>(o.at(k).as_int64());
    return {};
  };
  if (auto r = int_field("publish_within_working_days", c.publish_within_working_days, 1, 365); !r) return r.error();
  if (auto r = int_field("stale_columns_fail_count", c.stale_columns_fail_count, 1, 1000); !r) return r.error();
  if (o.contains("weights")) {
    if (!o.at("weights").is_object()) return make_error("invalid_config", "config/oversight.json 的 weights 应为对象。");
    c.weights.clear();
    for (const auto& [k, w] : o.at("weights").as_object()) {
      std::string key(k);
      if (key != "timely" && key != "validity" && key != "interpretation" && key != "catalogue" && key != "requests_on_time") {
        return make_error("invalid_config", "config/oversight.json 的权重“" + key + "”不是可计分的指标。");
      }
      if (!w.is_number() || w.to_number<double>() < 0) return make_error("invalid_config", "权重“" + key + "”应为非负数。");
      c.weights[key] = w.to_number<double>();
    }
  }
  return c;
}

namespace {

// A number written in Arabic digits or in Chinese (七, 十五, 二十, 一百二十) at the start of `s`; the bytes it took.
std::optional<std::pair<int, std::size_t>> leading_number(std::string_view s) {
  std::size_t i = 0;
  int v = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9' && v < 100000) v = v * 10 + (s[i++] - '0');
  if (i > 0) return std::pair{v, i};
  static const std::pair<std::string_view, int> digits[] = {{"零", 0}, {"一", 1}, {"二", 2}, {"两", 2}, {"三", 3},
                                                            {"四", 4}, {"五", 5}, {"六", 6}, {"七", 7}, {"八", 8},
                                                            {"九", 9}};
  int total = 0, pending = -1;
  bool any = false;
  while (i < s.size() && total < 100000) {  // the cap keeps a long run of 九百九百… from overflowing
    std::string_view rest = s.substr(i);
    bool matched = false;
    for (const auto& [w, d] : digits) {
      if (rest.starts_with(w)) {
        pending = d;
        i += w.size();
        matched = any = true;
        break;
      }
    }
    if (matched) continue;
    if (rest.starts_with("百")) {
      total += (pending < 0 ? 1 : pending) * 100;
    } else if (rest.starts_with("十")) {
      total += (pending < 0 ? 1 : pending) * 10;
    } else {
      break;
    }
    pending = -1;
    any = true;
    i += 3;  // 百 and 十 are three bytes in UTF-8
  }
  if (!any) return std::nullopt;
  if (pending > 0) total += pending;
  return std::pair{total, i};
}

}  // namespace

TimeLimit parse_time_limit(std::string_view text) {
  TimeLimit t;
  // The first number followed by 个工作日 / 工作日 / 日 / 天 (个 optional).
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto n = leading_number(text.substr(i));
    if (!n) continue;
    std::string_view rest = text.substr(i + n->second);
    if (rest.starts_with("个")) rest.remove_prefix(3);
    if (rest.starts_with("工作日")) {
      t.kind = TimeLimit::Kind::working_days;
      t.amount = n->first;
      break;
    }
    if (rest.starts_with("日") || rest.starts_with("天")) {
      t.kind = TimeLimit::Kind::days;
      t.amount = n->first;
      break;
    }
    i += n->second - 1;
  }
  auto has = [&](std::string_view w) { return text.find(w) != std::string_view::npos; };
  int interval = 0;
  if (has("每月") || has("按月") || has("月度") || has("每个月")) interval = 31;
  else if (has("季度") || has("每季") || has("按季")) interval = 92;
  else if (has("半年")) interval = 183;
  else if (has("每年") || has("按年") || has("年度") || has("每一年")) interval = 366;
  if (interval > 0) {
    int grace = t.kind == TimeLimit::Kind::working_days ? (t.amount * 7 + 4) / 5 : t.kind == TimeLimit::Kind::days ? t.amount : 0;
    t.kind = TimeLimit::Kind::every;
    t.amount = grace;
    t.interval_days = interval + grace;
  }
  return t;
}

const std::vector<IndicatorDefinition>& indicator_definitions() {
  static const std::vector<IndicatorDefinition> v = {
      {"published", "主动公开信息数", "期间内首次发布的政府信息件数（按发布日期）。"},
      {"timely", "20个工作日内公开率", "期间内首次发布、记录了信息形成日期的政府信息中，自形成之日起 20 个工作日内发布的比例（条例第二十六条）；下钻列出超期发布的。"},
      {"stale_columns", "超期未更新栏目", "设定了更新周期、截至期末最后一次发布已超过该周期的栏目（国办秘函〔2019〕19号；达到配置的栏目数即不合格）。", true},
      {"empty_columns", "空白栏目", "截至期末没有任何已发布信息的在用栏目（空白栏目即不合格）。", true},
      {"validity", "过期仍标“有效”", "截至期末仍标注为“有效”、但失效日期已过的已发布文件：应标注为“失效”或发布新版本。"},
      {"no_interpretation", "政策文件缺解读", "已发布的政策文件类第二十条（一）项文件，没有任何政策解读与之关联（解读应与政策同步发布并双向关联）。"},
      {"unlinked_interpretation", "解读未关联政策", "标题含“解读”的已发布信息，没有关联到它所解读的政策文件。"},
      {"catalogue_empty", "标准目录事项无信息", "本单位标准目录中尚无任何已发布信息对应的事项。"},
      {"catalogue_late", "标准目录事项未按时限公开", "按事项写明的“公开时限”检查：写明“N个工作日内”或“N日内”的，期间内对应的信息自形成之日起超过该时限才发布；写明“每月”“每季度”“每半年”“每年”的，截至期末距最近一次对应信息发布已超过该周期（加上写明的天数）。“长期公开”“实时”等无法检查的时限不计。"},
      {"requests_received", "收到申请", "期间内收到的政府信息公开申请件数。"},
      {"requests_closed", "办结申请", "期间内答复、视为撤回或按重复申请办结的件数。"},
      {"requests_open", "期末未办结", "期末仍在办理的申请件数。"},
      {"requests_overdue", "超期未答复", "期末仍在办理、且当前答复期限已早于期末的申请（条例第三十三条）。"},
      {"median_days", "答复用时中位数（工作日）", "期间内办结的申请，自收到之日至办结之日的工作日数的中位数。"},
      {"overrides", "个人信息审查豁免", "期间内审核人认定“不属于需遮盖的个人信息”而放行的发现数（应逐项说明理由）。"},
  };
  return v;
}

const IndicatorDefinition* definition_of(std::string_view code) {
  for (const auto& d : indicator_definitions()) {
    if (d.code == code) return &d;
  }
  return nullptr;
}

const Indicator* UnitIndicators::find(std::string_view code) const {
  for (const auto& i : indicators) {
    if (i.code == code) return &i;
  }
  return nullptr;
}

UnitIndicators compute_indicators(const Facts& f, const std::vector<long long>& unit_ids, Date from, Date to,
                                  const IndicatorConfig& config, bool district) {
  std::set<long long> scope(unit_ids.begin(), unit_ids.end());
  UnitIndicators u;
  u.district = district;
  // References into u.indicators are taken below: the capacity must hold them all, so no push_back reallocates.
  u.indicators.reserve(indicator_definitions().size());
  auto add = [&](const char* code) -> Indicator& {
    u.indicators.push_back(Indicator{code});
    return u.indicators.back();
  };
  Indicator& published = add("published");
  Indicator& timely = add("timely");
  long long timely_known = 0, timely_yes = 0;
  for (const auto& p : f.published) {
    if (!scope.count(p.unit_id) || !within(p.published_on, from, to)) continue;
    ++published.count;
    published.records.push_back({"document", p.document_id, p.unit_id, p.title, p.published_on});
    if (p.timely) {
      ++timely_known;
      if (*p.timely) ++timely_yes;
      else timely.records.push_back({"document", p.document_id, p.unit_id, p.title, p.published_on});
    }
  }
  timely.count = timely_known - timely_yes;
  if (timely_known) timely.share = static_cast<double>(timely_yes) / static_cast<double>(timely_known);

  Indicator& stale = add("stale_columns");
  Indicator& empty = add("empty_columns");
  if (district) {
    // The store gives each column's last publication on or before `to`.
    for (const auto& c : f.columns) {
      auto last = date_of(c.last_published_on);
      if (!last) {
        empty.records.push_back({"column", c.id, 0, c.name, ""});
      } else if (c.update_interval_days && to.days_since_epoch() - last->days_since_epoch() > *c.update_interval_days) {
        stale.records.push_back({"column", c.id, 0, c.name, c.last_published_on});
      }
    }
    stale.count = static_cast<long long>(stale.records.size());
    empty.count = static_cast<long long>(empty.records.size());
  }

  Indicator& validity = add("validity");
  long long declared_valid = 0;
  for (const auto& v : f.validity) {
    if (!scope.count(v.unit_id)) continue;
    ++declared_valid;
    auto e = date_of(v.expires_on);
    if (!e || *e >= to) continue;
    validity.records.push_back({"document", v.document_id, v.unit_id, v.title, v.expires_on});
  }
  validity.count = static_cast<long long>(validity.records.size());

  Indicator& no_interp = add("no_interpretation");
  Indicator& unlinked = add("unlinked_interpretation");
  long long policies = 0;
  for (const auto& p : f.policies) {
    if (!scope.count(p.unit_id)) continue;
    if (p.info_class == "policy" && p.legal_category == "art20-01" && !p.is_interpretation) {
      ++policies;
      if (!p.interpreted) no_interp.records.push_back({"document", p.document_id, p.unit_id, p.title, ""});
    }
    if (p.is_interpretation && !p.links_to_policy) unlinked.records.push_back({"document", p.document_id, p.unit_id, p.title, ""});
  }
  no_interp.count = static_cast<long long>(no_interp.records.size());
  unlinked.count = static_cast<long long>(unlinked.records.size());

  Indicator& cat = add("catalogue_empty");
  Indicator& cat_late = add("catalogue_late");
  long long entries = 0;
  for (const auto& c : f.catalogue) {
    if (!scope.count(c.unit_id)) continue;
    ++entries;
    if (c.documents == 0) {
      cat.records.push_back({"catalogue", c.entry_id, c.unit_id, c.label, ""});
      continue;
    }
    auto limit = parse_time_limit(c.time_limit);
    std::string late_on;  // the date that makes the entry late
    switch (limit.kind) {
      case TimeLimit::Kind::none:
        break;
      case TimeLimit::Kind::working_days:
      case TimeLimit::Kind::days:
        for (const auto& p : c.in_period) {
          std::optional<int> took = p.working_days;
          if (limit.kind == TimeLimit::Kind::days) {
            auto a = date_of(p.formed_on), b = date_of(p.published_on);
            took = a && b ? std::optional<int>(static_cast<int>(b->days_since_epoch() - a->days_since_epoch()))
                          : std::nullopt;
          }
          if (took && *took > limit.amount) late_on = p.published_on;
        }
        break;
      case TimeLimit::Kind::every: {
        auto last = date_of(c.last_published_on);
        if (!last || to.days_since_epoch() - last->days_since_epoch() > limit.interval_days) {
          late_on = c.last_published_on.empty() ? to.iso() : c.last_published_on;
        }
        break;
      }
    }
    if (!late_on.empty()) {
      cat_late.records.push_back({"catalogue", c.entry_id, c.unit_id, c.label + "（时限：" + c.time_limit + "）", late_on});
    }
  }
  cat.count = static_cast<long long>(cat.records.size());
  cat_late.count = static_cast<long long>(cat_late.records.size());

  Indicator& received = add("requests_received");
  Indicator& closed = add("requests_closed");
  Indicator& open = add("requests_open");
  Indicator& overdue = add("requests_overdue");
  Indicator& median = add("median_days");
  std::vector<int> days;
  for (const auto& r : f.requests) {
    if (!scope.count(r.unit_id)) continue;
    auto rec = date_of(r.received_on);
    auto cl = date_of(r.closed_on);
    Record x{"request", r.id, r.unit_id, r.number, r.received_on};
    if (rec && *rec >= from && *rec <= to) received.records.push_back(x);
    if (cl && *cl >= from && *cl <= to) {
      closed.records.push_back({"request", r.id, r.unit_id, r.number, r.closed_on});
      if (r.working_days_to_close) days.push_back(*r.working_days_to_close);
    }
    bool open_at_end = rec && *rec <= to && !(cl && *cl <= to);
    if (open_at_end) {
      open.records.push_back(x);
      auto due = date_of(r.due_on);
      if (!cl && due && *due < to) overdue.records.push_back({"request", r.id, r.unit_id, r.number, r.due_on});
    }
  }
  received.count = static_cast<long long>(received.records.size());
  closed.count = static_cast<long long>(closed.records.size());
  open.count = static_cast<long long>(open.records.size());
  overdue.count = static_cast<long long>(overdue.records.size());
  median.records = closed.records;
  if (!days.empty()) {
    std::sort(days.begin(), days.end());
    std::size_t n = days.size();
    median.value = n % 2 ? days[n / 2] : (days[n / 2 - 1] + days[n / 2]) / 2.0;
  }
  median.count = static_cast<long long>(days.size());

  Indicator& overrides = add("overrides");
  for (const auto& o : f.overrides) {
    if (!scope.count(o.unit_id) || !within(o.granted_on, from, to)) continue;
    overrides.records.push_back({"document", o.document_id, o.unit_id, o.title, o.granted_on});
  }
  overrides.count = static_cast<long long>(overrides.records.size());

  // The assessment score: each scored indicator gives a part in [0, 1]; nothing to assess counts as full marks.
  auto part = [](long long bad, long long base) { return base <= 0 ? 1.0 : 1.0 - std::min(1.0, double(bad) / double(base)); };
  std::map<std::string, double> parts = {
      {"timely", timely.share.value_or(1.0)},
      {"validity", part(validity.count, declared_valid)},
      {"interpretation", part(no_interp.count, policies)},
      {"catalogue", part(cat.count + cat_late.count, entries)},
      {"requests_on_time", part(overdue.count, open.count + closed.count)},
  };
  double total = 0, weight = 0;
  for (const auto& [k, w] : config.weights) {
    auto it = parts.find(k);
    if (it == parts.end()) continue;
    total += w * it->second;
    weight += w;
  }
  u.score = weight > 0 ? 100.0 * total / weight : 0;
  return u;
}

std::vector<TrendPoint> compute_trend(const Facts& f, const std::vector<long long>& unit_ids, Date from, Date to) {
  std::vector<TrendPoint> out;
  if (to < from) return out;
  const int months = (to.year() - from.year()) * 12 + (to.month() - from.month()) + 1;
  const bool by_year = months > 36;
  auto key_of = [&](int y, int m) {
    char buf[16];
    if (by_year) std::snprintf(buf, sizeof buf, "%04d", y);
    else std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
    return std::string(buf);
  };
  std::map<std::string, std::size_t> slot;
  for (int y = from.year(), m = from.month(); y < to.year() || (y == to.year() && m <= to.month());) {
    auto k = key_of(y, m);
    if (!slot.contains(k)) {
      slot.emplace(k, out.size());
      out.push_back(TrendPoint{k});
    }
    if (++m > 12) {
      m = 1;
      ++y;
    }
  }
  std::set<long long> scope(unit_ids.begin(), unit_ids.end());
  auto point = [&](const std::string& day) -> TrendPoint* {
    auto d = date_of(day);
    if (!d || *d < from || to < *d) return nullptr;
    return &out[slot.at(key_of(d->year(), d->month()))];
  };
  for (const auto& p : f.published) {
    if (!scope.contains(p.unit_id)) continue;
    if (auto* t = point(p.published_on)) {
      ++t->published;
      if (p.timely.value_or(false)) ++t->published_timely;
    }
  }
  for (const auto& r : f.requests) {
    if (!scope.contains(r.unit_id)) continue;
    if (auto* t = point(r.received_on)) ++t->received;
    if (auto* t = point(r.closed_on)) ++t->closed;
  }
  return out;
}

}  // namespace gongkai::oversight
