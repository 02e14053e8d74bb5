#include "gongkai/oversight/model.hpp"

#include <algorithm>
#include <map>

#include "gongkai/disclosure/model.hpp"
#include "gongkai/requests/model.hpp"
#include "gongkai/text.hpp"

namespace gongkai::oversight {

using calendar::Date;
using platform::make_error;

namespace {

std::optional<Date> date_of(const std::string& s) {
  if (s.empty()) return std::nullopt;
  auto d = Date::parse(s);
  if (!d) return std::nullopt;
  return *d;
}

Date jan1(int year) { return *Date::from_ymd(year, 1, 1); }
Date dec31(int year) { return *Date::from_ymd(year, 12, 31); }
bool in_year(const std::optional<Date>& d, int year) { return d && d->year() == year; }

}  // namespace

// ---- money ----

Result<long long> parse_wanyuan(std::string_view raw) {
  // Full-width digits and point (typed with a Chinese input method) become ASCII first.
  std::string t;
  std::string s = trim(raw);
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0xEF && i + 2 < s.size()) {
      unsigned char b1 = static_cast<unsigned char>(s[i + 1]), b2 = static_cast<unsigned char>(s[i + 2]);
      if (b1 == 0xBC && b2 >= 0x90 && b2 <= 0x99) {  // ０..９ U+FF10..FF19
        t.push_back(static_cast<char>('0' + (b2 - 0x90)));
        i += 3;
        continue;
      }
      if (b1 == 0xBC && b2 == 0x8E) {  // ． U+FF0E
        t.push_back('.');
        i += 3;
        continue;
      }
    }
    t.push_back(s[i]);
    ++i;
  }
  auto bad = [&] {
    return make_error("invalid_amount", "金额应为以万元为单位的非负数，最多六位小数，例如 12.5 或 0.0035。", "fees");
  };
  if (t.empty()) return 0LL;
  auto dot = t.find('.');
  std::string whole = t.substr(0, dot), frac = dot == std::string::npos ? "" : t.substr(dot + 1);
  if (whole.empty() && frac.empty()) return bad();
  if (whole.empty()) whole = "0";
  if (dot != std::string::npos && frac.empty()) return bad();
  if (frac.size() > 6 || whole.size() > 9) return bad();
  for (char c : whole) if (c < '0' || c > '9') return bad();
  for (char c : frac) if (c < '0' || c > '9') return bad();
  while (frac.size() < 6) frac.push_back('0');
  return std::stoll(whole) * 1000000LL + std::stoll(frac);
}

std::string format_wanyuan(long long fen) {
  bool neg = fen < 0;
  unsigned long long v = neg ? static_cast<unsigned long long>(-fen) : static_cast<unsigned long long>(fen);
  std::string whole = std::to_string(v / 1000000ULL);
  std::string frac = std::to_string(v % 1000000ULL);
  frac.insert(0, 6 - frac.size(), '0');
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  return (neg ? "-" : "") + whole + (frac.empty() ? "" : "." + frac);
}

std::string format_yuan(long long yuan) { return std::to_string(yuan); }

// ---- Table 二 ----

std::optional<Regulation> regulation_of(const DocumentFact& d) {
  if (d.legal_category != "art20-01") return std::nullopt;
  if (d.state != "published" && d.state != "repealed") return std::nullopt;
  return d.doc_no.find("令") != std::string::npos ? Regulation::rule : Regulation::normative;
}

Table2 compute_table2(const std::vector<DocumentFact>& docs, const EnteredCounts& entered, int year) {
  Table2 t;
  t.entered = entered;
  const Date end = dec31(year);
  for (const auto& d : docs) {
    auto kind = regulation_of(d);
    if (!kind) continue;
    RegulationRow& row = *kind == Regulation::rule ? t.rules : t.normative;
    auto issued = date_of(d.written_on);
    if (!issued) issued = date_of(d.first_published_on);
    if (in_year(issued, year)) ++row.issued;
    if (in_year(date_of(d.repealed_on), year)) ++row.repealed;
    if (issued && *issued <= end) {
      auto declared = disclosure::validity_from(d.validity).value_or(disclosure::Validity::in_force);
      if (disclosure::effective_validity(declared, d.expires_on, d.repealed_on, end) == disclosure::Validity::in_force) {
        ++row.in_force;
      }
    }
  }
  return t;
}

// ---- Table 三 ----

std::optional<int> applicant_column(std::string_view applicant_type) {
  auto t = requests::applicant_type_from(applicant_type);
  if (!t) return std::nullopt;
  const auto& all = requests::all_applicant_types();
  return static_cast<int>(std::find(all.begin(), all.end(), *t) - all.begin());
}

std::string_view column_label(int column) {
  if (column >= 0 && column < 6) return requests::label(requests::all_applicant_types()[column]);
  return "总计";
}

bool Table3::ok() const {
  return std::all_of(check_ok.begin(), check_ok.end(), [](bool b) { return b; });
}

Table3Result compute_table3(const std::vector<RequestFact>& rs, int year) {
  Table3Result out;
  Table3& t = out.table;
  const Date start = jan1(year), end = dec31(year);
  const auto& outcomes = requests::all_outcomes();
  for (const auto& r : rs) {
    auto col = applicant_column(r.applicant_type);
    auto received = date_of(r.received_on);
    auto state = requests::state_from(r.state);
    bool closed = state && requests::is_closed(*state);
    auto closed_on = closed ? date_of(r.closed_on) : std::nullopt;
    auto outcome = requests::outcome_from(r.outcome);

    bool is_new = in_year(received, year);
    // Not closed before 1 January: a closed case with no known closing date counts as open here (and is then
    // reported, because it can appear nowhere on the right-hand side).
    bool carried_in = received && *received < start && !(closed_on && *closed_on < start);
    bool resulted = closed_on && closed_on->year() == year && outcome.has_value();
    // Open on 31 December: received by then and not closed by then (closed with no known date: not open; it is
    // reported below).
    bool carried_out = received && *received <= end && (!closed || (closed_on && *closed_on > end));

    int left = (is_new ? 1 : 0) + (carried_in ? 1 : 0);
    int right = (resulted ? 1 : 0) + (carried_out ? 1 : 0);
    bool relevant = left || right || (closed_on && closed_on->year() == year);
    if (!relevant) continue;

    std::string reason;
    if (!col) reason = "申请人类型“" + r.applicant_type + "”不是表三的任何一栏";
    else if (!state) reason = "办理状态“" + r.state + "”无法识别";
    else if (!received) reason = "收到申请日期“" + r.received_on + "”无效";
    else if (closed && !date_of(r.closed_on)) reason = "已办结（" + std::string(requests::label(*state)) + "），但没有答复或办结日期";
    else if (closed && closed_on && *closed_on < *received) reason = "办结日期 " + r.closed_on + " 早于收到申请日期 " + r.received_on;
    else if (closed && closed_on && closed_on->year() == year && !outcome) {
      reason = "已于 " + r.closed_on + " 办结（" + std::string(requests::label(*state)) + "），但办理结果" +
               (r.outcome.empty() ? "未记录" : "“" + r.outcome + "”不是表三的任何一行");
    }

    // Listed when the two sides differ, and also when the record is inconsistent although it balances (closed
    // before it was received): the report must not rest on it either way.
    if (!col || left != right || !reason.empty()) {
      Mismatch m{r.id, r.number, r.unit_id, col.value_or(5), left, right, reason};
      if (m.reason.empty()) m.reason = "计入一、二的次数（" + std::to_string(left) + "）与计入三（七）、四的次数（" + std::to_string(right) + "）不同";
      out.mismatches.push_back(std::move(m));
    }
    if (!col) continue;  // an unknown column: listed above, counted nowhere
    int c = *col;
    auto add = [&](Counts7& row) {
      ++row[c];
      ++row[6];
    };
    if (is_new) add(t.received);
    if (carried_in) add(t.carried_in);
    if (resulted) {
      auto idx = std::find_if(outcomes.begin(), outcomes.end(), [&](const auto& i) { return i.outcome == *outcome; }) - outcomes.begin();
      add(t.outcome[idx]);
      add(t.total);
    }
    if (carried_out) add(t.carried_out);
  }
  for (int c = 0; c < kTable3Columns; ++c) {
    t.check_ok[c] = t.received[c] + t.carried_in[c] == t.total[c] + t.carried_out[c];
  }
  return out;
}

long long fees_collected(const std::vector<RequestFact>& rs, int year) {
  long long sum = 0;
  for (const auto& r : rs) {
    if (in_year(date_of(r.fee_paid_on), year)) sum += r.fee_amount;
  }
  return sum;
}

// ---- Table 四 ----

Table4Result compute_table4(const std::vector<AppealFact>& appeals, int year) {
  Table4Result out;
  const Date start = jan1(year), end = dec31(year);
  for (const auto& a : appeals) {
    auto filed = date_of(a.filed_on);
    auto decided = date_of(a.decided_on);
    std::string what = "第 " + std::to_string(a.id) + " 条复议诉讼记录";
    if (!filed) {
      out.problems.push_back(what + "的申请（起诉）日期“" + a.filed_on + "”无效");
      continue;
    }
    if (!a.decided_on.empty() && !decided) {
      out.problems.push_back(what + "的审结日期“" + a.decided_on + "”无效");
      continue;
    }
    // Counted in `year`: filed in the year, or filed earlier and not decided before 1 January.
    bool counted = filed->year() == year || (*filed < start && !(decided && *decided < start));
    if (!counted) continue;
    AppealCounts* group = nullptr;
    if (a.kind == "review") group = &out.table.review;
    else if (a.kind == "litigation") group = a.after_review ? &out.table.litigation_after_review : &out.table.litigation_direct;
    if (!group) {
      out.problems.push_back(what + "的类型“" + a.kind + "”无法识别");
      continue;
    }
    if (a.result != "upheld" && a.result != "corrected" && a.result != "other" && a.result != "pending") {
      out.problems.push_back(what + "的结果“" + a.result + "”无法识别");
      continue;
    }
    // The result as of 31 December: a decision recorded without its date, or dated after the year, is not yet
    // known at the year's end.
    bool decided_by_end = a.result != "pending" && decided && *decided <= end;
    if (!decided_by_end) ++group->pending;
    else if (a.result == "upheld") ++group->upheld;
    else if (a.result == "corrected") ++group->corrected;
    else ++group->other;
    ++group->total;
  }
  return out;
}

// ---- the report ----

std::string_view to_string(ReportStatus s) { return s == ReportStatus::draft ? "draft" : "published"; }
std::optional<ReportStatus> report_status_from(std::string_view s) {
  if (s == "draft") return ReportStatus::draft;
  if (s == "published") return ReportStatus::published;
  return std::nullopt;
}

Result<void> check_publishable(const Figures& f) {
  std::string msg;
  const auto& t = f.table3.table;
  if (!t.ok() || !f.table3.mismatches.empty()) {
    msg += t.ok() ? "表三各栏虽然相等，但所依据的申请记录不一致" : "表三的校验“一 + 二 = 三（七） + 四”不成立：";
    bool first = true;
    for (int c = 0; c < kTable3Columns; ++c) {
      if (t.check_ok[c]) continue;
      msg += (first ? "" : "；") + std::string(column_label(c)) + "栏 " + std::to_string(t.received[c]) + " + " +
             std::to_string(t.carried_in[c]) + " ≠ " + std::to_string(t.total[c]) + " + " + std::to_string(t.carried_out[c]);
      first = false;
    }
    msg += "。造成差异的申请：";
    for (std::size_t i = 0; i < f.table3.mismatches.size(); ++i) {
      const auto& m = f.table3.mismatches[i];
      msg += (i ? "；" : "") + m.number + "（" + m.reason + "）";
    }
    msg += "。请先更正这些申请的办理记录。";
  }
  if (!f.appeals_available) msg += "复议诉讼记录表尚未建立（需要迁移 0011），表四无法生成。";
  if (!f.table4.problems.empty()) {
    msg += "表四有无法统计的记录：";
    for (std::size_t i = 0; i < f.table4.problems.size(); ++i) msg += (i ? "；" : "") + f.table4.problems[i];
    msg += "。";
  }
  if (!msg.empty()) return make_error("check_failed", msg);
  return {};
}

calendar::Date report_deadline(int year, bool district) {
  return *Date::from_ymd(year + 1, district ? 3 : 1, 31);
}

std::string default_section6(long long fees_yuan) {
  if (fees_yuan == 0) return "本年度未收取信息处理费。";
  return "本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费 " + format_yuan(fees_yuan) + " 元。";
}

std::vector<Table3Row> table3_rows(const Table3& t) {
  std::vector<Table3Row> rows;
  rows.push_back({"一、本年新收政府信息公开申请数量", "", "", &t.received});
  rows.push_back({"二、上年结转政府信息公开申请数量", "", "", &t.carried_in});
  rows.push_back({"三、本年度办理结果", "", "", nullptr});
  const auto& outcomes = requests::all_outcomes();
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    const auto& o = outcomes[i];
    std::string label = o.item.empty() ? std::string(o.group) : std::string(o.group) + " " + std::string(o.item);
    rows.push_back({label, std::string(o.group), std::string(o.item), &t.outcome[i]});
  }
  rows.push_back({"（七）总计", "", "", &t.total});
  rows.push_back({"四、结转下年度继续办理", "", "", &t.carried_out});
  return rows;
}

namespace {

std::string cell(long long v) { return std::to_string(v); }

// Markdown table cells must not contain '|' or line breaks.
std::string md_text(const std::string& s) {
  std::string o;
  for (char c : s) o += c == '|' ? std::string("｜") : std::string(1, c);
  return o;
}

void appeal_cells(std::string& md, const AppealCounts& a) {
  md += " " + cell(a.upheld) + " | " + cell(a.corrected) + " | " + cell(a.other) + " | " + cell(a.pending) + " | " +
        cell(a.total) + " |";
}

}  // namespace

std::string report_markdown(const Figures& f, const std::string& s1, const std::string& s5, const std::string& s6) {
  std::string md;
  md += "## 一、总体情况\n\n" + s1 + "\n\n";
  md += "## 二、主动公开政府信息情况\n\n";
  md += "| 第二十条第（一）项 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n";
  md += "| 规章 | " + cell(f.table2.rules.issued) + " | " + cell(f.table2.rules.repealed) + " | " + cell(f.table2.rules.in_force) + " |\n";
  md += "| 行政规范性文件 | " + cell(f.table2.normative.issued) + " | " + cell(f.table2.normative.repealed) + " | " +
        cell(f.table2.normative.in_force) + " |\n\n";
  md += "| 第二十条第（五）项 | 本年处理决定数量 |\n|---|---|\n| 行政许可 | " + cell(f.table2.entered.licensing) + " |\n\n";
  md += "| 第二十条第（六）项 | 本年处理决定数量 |\n|---|---|\n| 行政处罚 | " + cell(f.table2.entered.penalty) +
        " |\n| 行政强制 | " + cell(f.table2.entered.coercion) + " |\n\n";
  md += "| 第二十条第（八）项 | 本年收费金额（单位：万元） |\n|---|---|\n| 行政事业性收费 | " +
        format_wanyuan(f.table2.entered.fees_fen) + " |\n\n";

  md += "## 三、收到和处理政府信息公开申请情况\n\n";
  md += "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | "
        "法律服务机构 | 其他 | 总计 |\n|---|---|---|---|---|---|---|---|\n";
  for (const auto& row : table3_rows(f.table3.table)) {
    md += "| " + md_text(row.label) + " |";
    for (int c = 0; c < kTable3Columns; ++c) md += row.counts ? " " + cell((*row.counts)[c]) + " |" : "  |";
    md += "\n";
  }
  md += "\n法人或其他组织：商业企业、科研机构、社会公益组织、法律服务机构、其他。\n\n";

  md += "## 四、政府信息公开行政复议、行政诉讼情况\n\n";
  md += "| 行政复议 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | "
        "复议后起诉 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n";
  md += "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n|";
  appeal_cells(md, f.table4.table.review);
  appeal_cells(md, f.table4.table.litigation_direct);
  appeal_cells(md, f.table4.table.litigation_after_review);
  md += "\n\n";
  md += "## 五、存在的主要问题及改进情况\n\n" + s5 + "\n\n";
  md += "## 六、其他需要报告的事项\n\n" + s6 + "\n";
  return md;
}

}  // namespace gongkai::oversight
