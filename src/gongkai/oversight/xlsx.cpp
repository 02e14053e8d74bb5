#include "gongkai/oversight/xlsx.hpp"

#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "gongkai/oversight/service.hpp"
#include "platform/crypto.hpp"

namespace gongkai::oversight {

namespace json = boost::json;

namespace {

long long num(const json::object& o, std::string_view k) {
  auto it = o.find(k);
  if (it == o.end()) return 0;
  if (it->value().is_int64()) return it->value().as_int64();
  if (it->value().is_uint64()) return static_cast<long long>(it->value().as_uint64());
  return 0;
}

// A table heading: bold, boxed, wrapped, centred both ways.
lxw_format* heading_format(lxw_workbook* wb) {
  lxw_format* f = workbook_add_format(wb);
  format_set_bold(f);
  format_set_border(f, LXW_BORDER_THIN);
  format_set_align(f, LXW_ALIGN_CENTER);
  format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap(f);
  return f;
}

// A boxed table cell, with a number format when given one.
lxw_format* cell_format(lxw_workbook* wb, const char* num_format = nullptr) {
  lxw_format* f = workbook_add_format(wb);
  format_set_border(f, LXW_BORDER_THIN);
  if (num_format) format_set_num_format(f, num_format);
  return f;
}

// libxlsxwriter 1.1.4 writes to a file only: a private temporary file, read back and removed.
std::filesystem::path temporary_path() {
  return std::filesystem::temp_directory_path() / ("gongkai-" + platform::random_token(12) + ".xlsx");
}

platform::Result<std::string> close_and_read(lxw_workbook* wb, const std::filesystem::path& path) {
  lxw_error err = workbook_close(wb);
  std::error_code ec;
  if (err != LXW_NO_ERROR) {
    std::filesystem::remove(path, ec);
    return platform::make_error("xlsx_failed", "无法生成 Excel 文件。");
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::filesystem::remove(path, ec);
  if (!in) return platform::make_error("xlsx_failed", "无法生成 Excel 文件。");
  return ss.str();
}

}  // namespace

platform::Result<std::string> report_xlsx(const json::object& f, const std::string& title, const std::string& s1,
                                          const std::string& s5, const std::string& s6) {
  auto path = temporary_path();
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return platform::make_error("xlsx_failed", "无法生成 Excel 文件。");
  lxw_worksheet* ws = workbook_add_worksheet(wb, "年度报告");
  lxw_format* h1 = workbook_add_format(wb);
  format_set_bold(h1);
  format_set_font_size(h1, 16);
  format_set_align(h1, LXW_ALIGN_CENTER);
  lxw_format* h2 = workbook_add_format(wb);
  format_set_bold(h2);
  format_set_font_size(h2, 12);
  lxw_format* head = heading_format(wb);
  lxw_format* cellf = cell_format(wb);
  format_set_text_wrap(cellf);
  lxw_format* numf = cell_format(wb);
  format_set_align(numf, LXW_ALIGN_CENTER);
  lxw_format* text = workbook_add_format(wb);
  format_set_text_wrap(text);
  format_set_align(text, LXW_ALIGN_VERTICAL_TOP);

  worksheet_set_column(ws, 0, 0, 30, nullptr);
  worksheet_set_column(ws, 1, 1, 34, nullptr);
  worksheet_set_column(ws, 2, 16, 10, nullptr);

  lxw_row_t r = 0;
  worksheet_merge_range(ws, r, 0, r, 9, title.c_str(), h1);
  r += 2;
  auto section = [&](const char* heading, const std::string& body) {
    worksheet_write_string(ws, r++, 0, heading, h2);
    worksheet_merge_range(ws, r, 0, r, 9, body.c_str(), text);
    worksheet_set_row(ws, r, 15.0 * std::max<std::size_t>(2, body.size() / 120 + 1), nullptr);
    r += 2;
  };
  section("一、总体情况", s1);

  // Table 二.
  worksheet_write_string(ws, r++, 0, "二、主动公开政府信息情况", h2);
  const auto& t2 = f.at("table2").as_object();
  worksheet_merge_range(ws, r, 0, r, 1, "第二十条第（一）项", head);
  worksheet_write_string(ws, r, 2, "本年制发件数", head);
  worksheet_write_string(ws, r, 3, "本年废止件数", head);
  worksheet_write_string(ws, r, 4, "现行有效件数", head);
  ++r;
  for (auto [label, key] : {std::pair{"规章", "rules"}, std::pair{"行政规范性文件", "normative"}}) {
    const auto& row = t2.at(key).as_object();
    worksheet_merge_range(ws, r, 0, r, 1, label, cellf);
    worksheet_write_number(ws, r, 2, static_cast<double>(num(row, "issued")), numf);
    worksheet_write_number(ws, r, 3, static_cast<double>(num(row, "repealed")), numf);
    worksheet_write_number(ws, r, 4, static_cast<double>(num(row, "in_force")), numf);
    ++r;
  }
  auto block = [&](const char* item, const char* col, std::vector<std::pair<const char*, std::string>> rows) {
    worksheet_merge_range(ws, r, 0, r, 1, item, head);
    worksheet_merge_range(ws, r, 2, r, 4, col, head);
    ++r;
    for (const auto& [label, value] : rows) {
      worksheet_merge_range(ws, r, 0, r, 1, label, cellf);
      worksheet_merge_range(ws, r, 2, r, 4, value.c_str(), numf);
      ++r;
    }
  };
  block("第二十条第（五）项", "本年处理决定数量", {{"行政许可", std::to_string(num(t2, "licensing"))}});
  block("第二十条第（六）项", "本年处理决定数量",
        {{"行政处罚", std::to_string(num(t2, "penalty"))}, {"行政强制", std::to_string(num(t2, "coercion"))}});
  // The amount stays the exact decimal text (万元), never a binary float.
  block("第二十条第（八）项", "本年收费金额（单位：万元）", {{"行政事业性收费", std::string(t2.at("fees_wanyuan").as_string())}});
  ++r;

  // Table 三: two heading rows as printed.
  worksheet_write_string(ws, r++, 0, "三、收到和处理政府信息公开申请情况", h2);
  worksheet_merge_range(ws, r, 0, r + 2, 1, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", head);
  worksheet_merge_range(ws, r, 2, r, 8, "申请人情况", head);
  worksheet_merge_range(ws, r + 1, 2, r + 2, 2, "自然人", head);
  worksheet_merge_range(ws, r + 1, 3, r + 1, 7, "法人或其他组织", head);
  const char* orgs[] = {"商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"};
  for (int i = 0; i < 5; ++i) worksheet_write_string(ws, r + 2, 3 + i, orgs[i], head);
  worksheet_merge_range(ws, r + 1, 8, r + 2, 8, "总计", head);
  r += 3;
  for (const auto& rv : f.at("table3").as_object().at("rows").as_array()) {
    const auto& row = rv.as_object();
    std::string label(row.at("label").as_string());
    worksheet_merge_range(ws, r, 0, r, 1, label.c_str(), cellf);
    if (row.at("cells").is_array()) {
      int c = 2;
      for (const auto& v : row.at("cells").as_array()) worksheet_write_number(ws, r, c++, static_cast<double>(v.to_number<long long>()), numf);
    } else {
      for (int c = 2; c <= 8; ++c) worksheet_write_blank(ws, r, c, cellf);
    }
    ++r;
  }
  ++r;

  // Table 四: 15 columns.
  worksheet_write_string(ws, r++, 0, "四、政府信息公开行政复议、行政诉讼情况", h2);
  worksheet_merge_range(ws, r, 0, r + 1, 4, "行政复议", head);
  worksheet_merge_range(ws, r, 5, r, 14, "行政诉讼", head);
  worksheet_merge_range(ws, r + 1, 5, r + 1, 9, "未经复议直接起诉", head);
  worksheet_merge_range(ws, r + 1, 10, r + 1, 14, "复议后起诉", head);
  r += 2;
  const char* results[] = {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"};
  for (int g = 0; g < 3; ++g) {
    for (int i = 0; i < 5; ++i) worksheet_write_string(ws, r, g * 5 + i, results[i], head);
  }
  ++r;
  const auto& t4 = f.at("table4").as_object();
  int c = 0;
  for (const char* key : {"review", "litigation_direct", "litigation_after_review"}) {
    const auto& g = t4.at(key).as_object();
    for (const char* k : {"upheld", "corrected", "other", "pending", "total"}) {
      worksheet_write_number(ws, r, c++, static_cast<double>(num(g, k)), numf);
    }
  }
  r += 2;
  section("五、存在的主要问题及改进情况", s5);
  section("六、其他需要报告的事项", s6);

  return close_and_read(wb, path);
}

platform::Result<std::string> indicators_xlsx(const Dashboard& d) {
  auto path = temporary_path();
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return platform::make_error("xlsx_failed", "无法生成 Excel 文件。");
  lxw_format* title = workbook_add_format(wb);
  format_set_bold(title);
  format_set_font_size(title, 14);
  lxw_format* head = heading_format(wb);
  lxw_format* name = cell_format(wb);
  lxw_format* count = cell_format(wb, "0");
  lxw_format* percent = cell_format(wb, "0.0%");
  lxw_format* decimal = cell_format(wb, "0.0");
  lxw_format* none = cell_format(wb);
  format_set_align(none, LXW_ALIGN_CENTER);
  lxw_format* wrap = workbook_add_format(wb);
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  const std::string period = d.from.iso() + " 至 " + d.to.iso();
  const auto& defs = indicator_definitions();

  // 指标: one row per unit, the district first, as on the dashboard.
  lxw_worksheet* ws = workbook_add_worksheet(wb, "指标");
  worksheet_write_string(ws, 0, 0, ("监督检查指标（" + period + "）").c_str(), title);
  worksheet_set_column(ws, 0, 0, 28, nullptr);
  worksheet_set_column(ws, 1, static_cast<lxw_col_t>(defs.size() + 1), 12, nullptr);
  worksheet_set_row(ws, 2, 48, nullptr);
  worksheet_write_string(ws, 2, 0, "单位", head);
  lxw_col_t c = 1;
  for (const auto& def : defs) worksheet_write_string(ws, 2, c++, std::string(def.label).c_str(), head);
  worksheet_write_string(ws, 2, c, "考核得分", head);
  lxw_row_t r = 3;
  for (const auto& row : d.rows) {
    worksheet_write_string(ws, r, 0, (row.unit_name + (row.district ? "（全区）" : "")).c_str(), name);
    c = 1;
    for (const auto& i : row.indicators) {
      const auto* def = definition_of(i.code);
      if (def && def->district_only && !row.district) {
        worksheet_write_string(ws, r, c++, "—", none);
      } else if (i.code == "timely") {
        if (i.share) worksheet_write_number(ws, r, c++, *i.share, percent);
        else worksheet_write_string(ws, r, c++, "—", none);
      } else if (i.code == "median_days") {
        if (i.value) worksheet_write_number(ws, r, c++, *i.value, decimal);
        else worksheet_write_string(ws, r, c++, "—", none);
      } else {
        worksheet_write_number(ws, r, c++, static_cast<double>(i.count), count);
      }
    }
    worksheet_write_number(ws, r, c, row.score, decimal);
    ++r;
  }
  worksheet_freeze_panes(ws, 3, 1);

  // 趋势: the table, and the same line chart as the dashboard.
  lxw_worksheet* ts = workbook_add_worksheet(wb, "趋势");
  std::string scope = d.rows.empty() ? std::string() : d.rows.front().unit_name;
  worksheet_write_string(ts, 0, 0, (scope + " 趋势（" + period + "）").c_str(), title);
  worksheet_set_column(ts, 0, 4, 14, nullptr);
  const char* columns[] = {"期间", "主动公开信息", "其中按时公开", "收到申请", "办结申请"};
  for (lxw_col_t k = 0; k < 5; ++k) worksheet_write_string(ts, 2, k, columns[k], head);
  r = 3;
  for (const auto& t : d.trend) {
    worksheet_write_string(ts, r, 0, t.period.c_str(), name);
    worksheet_write_number(ts, r, 1, static_cast<double>(t.published), count);
    worksheet_write_number(ts, r, 2, static_cast<double>(t.published_timely), count);
    worksheet_write_number(ts, r, 3, static_cast<double>(t.received), count);
    worksheet_write_number(ts, r, 4, static_cast<double>(t.closed), count);
    ++r;
  }
  if (!d.trend.empty()) {
    lxw_chart* chart = workbook_add_chart(wb, LXW_CHART_LINE);
    const lxw_row_t last = static_cast<lxw_row_t>(2 + d.trend.size());
    for (lxw_col_t k = 1; k < 5; ++k) {
      lxw_chart_series* s = chart_add_series(chart, nullptr, nullptr);
      chart_series_set_categories(s, "趋势", 3, 0, last, 0);
      chart_series_set_values(s, "趋势", 3, k, last, k);
      chart_series_set_name_range(s, "趋势", 2, k);
    }
    chart_title_set_name(chart, "按期间统计");
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options placement{};
    placement.x_scale = 1.6;
    placement.y_scale = 1.3;
    worksheet_insert_chart_opt(ts, 2, 6, chart, &placement);
  }

  // 指标说明
  lxw_worksheet* ds = workbook_add_worksheet(wb, "指标说明");
  worksheet_set_column(ds, 0, 0, 24, nullptr);
  worksheet_set_column(ds, 1, 1, 90, nullptr);
  worksheet_write_string(ds, 0, 0, "指标", head);
  worksheet_write_string(ds, 0, 1, "含义", head);
  r = 1;
  for (const auto& def : defs) {
    worksheet_write_string(ds, r, 0, (std::string(def.label) + (def.district_only ? "（仅全区）" : "")).c_str(), wrap);
    worksheet_write_string(ds, r, 1, std::string(def.definition).c_str(), wrap);
    ++r;
  }
  return close_and_read(wb, path);
}

}  // namespace gongkai::oversight
