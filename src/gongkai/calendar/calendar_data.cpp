#include "gongkai/calendar/calendar_data.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <initializer_list>

namespace gongkai::calendar {

namespace {

namespace json = boost::json;
using platform::make_error;
using platform::Result;

constexpr std::string_view kFormat = "gongkai-calendar/1";

platform::Error shape(const std::string& where, const std::string& what) {
  return make_error("calendar_invalid", "日历文件格式错误：" + where + " " + what);
}

Result<json::value> parse_json(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(json::string_view(text.data(), text.size()), ec);
  if (ec) return make_error("calendar_invalid_json", "日历文件不是有效的 JSON：" + ec.message());
  return v;
}

Result<const json::object*> as_object(const json::value& v, const std::string& where) {
  if (!v.is_object()) return shape(where, "应为对象");
  return &v.as_object();
}

Result<void> only_keys(const json::object& o, std::initializer_list<std::string_view> allowed,
                       const std::string& where) {
  for (auto& kv : o) {
    std::string_view k(kv.key().data(), kv.key().size());
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
      return shape(where, "含有未知字段“" + std::string(k) + "”");
    }
  }
  return {};
}

Result<std::string> get_string(const json::object& o, std::string_view key, const std::string& where,
                               bool required = true) {
  auto* v = o.if_contains(json::string_view(key.data(), key.size()));
  if (!v) {
    if (required) return shape(where, "缺少字段“" + std::string(key) + "”");
    return std::string();
  }
  if (!v->is_string()) return shape(where + "." + std::string(key), "应为字符串");
  return std::string(v->as_string().c_str(), v->as_string().size());
}

Result<Date> get_date(const json::object& o, std::string_view key, const std::string& where) {
  auto s = get_string(o, key, where);
  if (!s) return s.error();
  auto d = Date::parse(*s);
  if (!d) return shape(where + "." + std::string(key), d.error().message);
  return *d;
}

Result<int> get_year(const json::object& o) {
  auto* v = o.if_contains("year");
  if (!v) return shape("顶层", "缺少字段“year”");
  if (v->is_int64()) return static_cast<int>(std::clamp<std::int64_t>(v->as_int64(), -1, 100000));
  if (v->is_uint64()) return static_cast<int>(std::min<std::uint64_t>(v->as_uint64(), 100000));
  // holiday-cn's schema says "number": accept 2026.0 but not 2026.5.
  if (v->is_double() && v->as_double() == static_cast<double>(static_cast<int>(v->as_double()))) {
    return static_cast<int>(v->as_double());
  }
  return shape("year", "应为整数");
}

Result<const json::array*> get_array(const json::object& o, std::string_view key, const std::string& where,
                                     bool required = true) {
  static const json::array kEmpty;
  auto* v = o.if_contains(json::string_view(key.data(), key.size()));
  if (!v) {
    if (required) return shape(where, "缺少字段“" + std::string(key) + "”");
    return &kEmpty;
  }
  if (!v->is_array()) return shape(std::string(key), "应为数组");
  return &v->as_array();
}

std::string quoted(std::string_view s) { return json::serialize(json::value(json::string_view(s.data(), s.size()))); }

}  // namespace

Result<YearNotice> parse_calendar_json(std::string_view text) {
  auto root_v = parse_json(text);
  if (!root_v) return root_v.error();
  auto root = as_object(*root_v, "顶层");
  if (!root) return root.error();
  const json::object& o = **root;
  if (auto r = only_keys(o, {"format", "year", "status", "sources", "holidays", "make_up_working_days", "note"}, "顶层");
      !r) {
    return r.error();
  }
  auto format = get_string(o, "format", "顶层");
  if (!format) return format.error();
  if (*format != kFormat) return shape("format", "应为“" + std::string(kFormat) + "”，收到“" + *format + "”");

  YearNotice n;
  auto year = get_year(o);
  if (!year) return year.error();
  n.year = *year;
  auto status = get_string(o, "status", "顶层");
  if (!status) return status.error();
  if (*status == "published") {
    n.published = true;
  } else if (*status == "pending") {
    n.published = false;
  } else {
    return shape("status", "应为“published”（已公布）或“pending”（尚未公布），收到“" + *status + "”");
  }
  auto note = get_string(o, "note", "顶层", false);
  if (!note) return note.error();
  n.note = *note;

  auto sources = get_array(o, "sources", "顶层");
  if (!sources) return sources.error();
  for (std::size_t i = 0; i < (*sources)->size(); ++i) {
    std::string where = "sources[" + std::to_string(i) + "]";
    auto e = as_object((**sources)[i], where);
    if (!e) return e.error();
    if (auto r = only_keys(**e, {"title", "url"}, where); !r) return r.error();
    auto title = get_string(**e, "title", where, false);
    if (!title) return title.error();
    auto url = get_string(**e, "url", where);
    if (!url) return url.error();
    n.sources.push_back({*title, *url});
  }

  auto holidays = get_array(o, "holidays", "顶层");
  if (!holidays) return holidays.error();
  for (std::size_t i = 0; i < (*holidays)->size(); ++i) {
    std::string where = "holidays[" + std::to_string(i) + "]";
    auto e = as_object((**holidays)[i], where);
    if (!e) return e.error();
    if (auto r = only_keys(**e, {"name", "from", "to"}, where); !r) return r.error();
    auto name = get_string(**e, "name", where);
    if (!name) return name.error();
    auto from = get_date(**e, "from", where);
    if (!from) return from.error();
    Date to = *from;
    if ((*e)->contains("to")) {
      auto t = get_date(**e, "to", where);
      if (!t) return t.error();
      to = *t;
    }
    n.holidays.push_back({*name, *from, to});
  }

  auto makeups = get_array(o, "make_up_working_days", "顶层");
  if (!makeups) return makeups.error();
  for (std::size_t i = 0; i < (*makeups)->size(); ++i) {
    std::string where = "make_up_working_days[" + std::to_string(i) + "]";
    auto e = as_object((**makeups)[i], where);
    if (!e) return e.error();
    if (auto r = only_keys(**e, {"name", "date"}, where); !r) return r.error();
    auto name = get_string(**e, "name", where);
    if (!name) return name.error();
    auto date = get_date(**e, "date", where);
    if (!date) return date.error();
    n.make_up_days.push_back({*name, *date});
  }

  if (auto v = validate_notice(n); !v) return v.error();
  return n;
}

std::string to_calendar_json(const YearNotice& n) {
  std::string out = "{\n";
  out += "  \"format\": " + quoted(kFormat) + ",\n";
  out += "  \"year\": " + std::to_string(n.year) + ",\n";
  out += "  \"status\": " + quoted(n.published ? "published" : "pending") + ",\n";
  auto list = [&](std::string_view key, std::size_t count, auto&& item) {
    out += "  \"" + std::string(key) + "\": [";
    if (count == 0) {
      out += "],\n";
      return;
    }
    out += "\n";
    for (std::size_t i = 0; i < count; ++i) {
      out += "    " + item(i) + (i + 1 < count ? ",\n" : "\n");
    }
    out += "  ],\n";
  };
  list("sources", n.sources.size(), [&](std::size_t i) {
    return "{\"title\": " + quoted(n.sources[i].title) + ", \"url\": " + quoted(n.sources[i].url) + "}";
  });
  list("holidays", n.holidays.size(), [&](std::size_t i) {
    const auto& h = n.holidays[i];
    return "{\"name\": " + quoted(h.name) + ", \"from\": \"" + h.first.iso() + "\", \"to\": \"" + h.last.iso() + "\"}";
  });
  list("make_up_working_days", n.make_up_days.size(), [&](std::size_t i) {
    const auto& m = n.make_up_days[i];
    return "{\"name\": " + quoted(m.name) + ", \"date\": \"" + m.date.iso() + "\"}";
  });
  out += "  \"note\": " + quoted(n.note) + "\n";
  out += "}\n";
  return out;
}

Result<YearNotice> parse_holiday_cn_json(std::string_view text) {
  auto root_v = parse_json(text);
  if (!root_v) return root_v.error();
  auto root = as_object(*root_v, "顶层");
  if (!root) return root.error();
  const json::object& o = **root;

  YearNotice n;
  auto year = get_year(o);
  if (!year) return year.error();
  n.year = *year;

  auto papers = get_array(o, "papers", "顶层");
  if (!papers) return papers.error();
  for (std::size_t i = 0; i < (*papers)->size(); ++i) {
    const auto& p = (**papers)[i];
    if (!p.is_string()) return shape("papers[" + std::to_string(i) + "]", "应为字符串");
    n.sources.push_back({"", std::string(p.as_string().c_str(), p.as_string().size())});
  }

  struct Entry {
    std::string name;
    Date date;
    bool off;
  };
  std::vector<Entry> entries;
  auto days = get_array(o, "days", "顶层");
  if (!days) return days.error();
  for (std::size_t i = 0; i < (*days)->size(); ++i) {
    std::string where = "days[" + std::to_string(i) + "]";
    auto e = as_object((**days)[i], where);
    if (!e) return e.error();
    auto name = get_string(**e, "name", where);
    if (!name) return name.error();
    auto date = get_date(**e, "date", where);
    if (!date) return date.error();
    auto* off = (*e)->if_contains("isOffDay");
    if (!off || !off->is_bool()) return shape(where + ".isOffDay", "应为 true 或 false");
    entries.push_back({*name, *date, off->as_bool()});
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.date < b.date; });

  for (const auto& e : entries) {
    if (e.off) {
      if (!n.holidays.empty() && n.holidays.back().name == e.name && n.holidays.back().last.add_days(1) == e.date) {
        n.holidays.back().last = e.date;
      } else {
        n.holidays.push_back({e.name, e.date, e.date});
      }
    } else if (e.date.is_weekend()) {
      n.make_up_days.push_back({e.name, e.date});
    }
  }
  n.published = !n.sources.empty() || !entries.empty();

  if (auto v = validate_notice(n); !v) return v.error();
  return n;
}

}  // namespace gongkai::calendar
