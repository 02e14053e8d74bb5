#include "gongkai/oversight/pdf.hpp"

#include "platform/render/pdf.hpp"

namespace gongkai::oversight {

namespace json = boost::json;
using platform::render::Align;
using platform::render::PdfDocument;

namespace {

std::string num(const json::object& o, std::string_view k) {
  auto it = o.find(k);
  if (it == o.end()) return "0";
  if (it->value().is_int64()) return std::to_string(it->value().as_int64());
  if (it->value().is_uint64()) return std::to_string(it->value().as_uint64());
  if (it->value().is_string()) return std::string(it->value().as_string());
  return "0";
}

void section(PdfDocument& doc, const char* heading, const std::string& body) {
  doc.heading(heading);
  doc.paragraph(body.empty() ? "（无）" : body, {.first_line_indent_em = 2});
}

}  // namespace

platform::Result<std::string> report_pdf(const json::object& f, const std::string& title, const std::string& s1,
                                         const std::string& s5, const std::string& s6) {
  platform::render::PageSetup setup;
  setup.pdf_title = title;
  setup.body_pt = 12;
  setup.page_number_format = "第 {page} 页 共 {pages} 页";
  PdfDocument doc(setup);
  doc.title(title);
  section(doc, "一、总体情况", s1);

  // Table 二.
  doc.heading("二、主动公开政府信息情况");
  const auto& t2 = f.at("table2").as_object();
  std::vector<std::vector<std::string>> rows;
  for (auto [label, key] : {std::pair{"规章", "rules"}, std::pair{"行政规范性文件", "normative"}}) {
    const auto& row = t2.at(key).as_object();
    rows.push_back({label, num(row, "issued"), num(row, "repealed"), num(row, "in_force")});
  }
  doc.table({{"第二十条第（一）项", "本年制发件数", "本年废止件数", "现行有效件数"}}, rows, {0.4, 0.2, 0.2, 0.2}, 10.5);
  doc.space(6);
  doc.table({{"第二十条第（五）项", "本年处理决定数量"}}, {{"行政许可", num(t2, "licensing")}}, {0.4, 0.6}, 10.5);
  doc.space(6);
  doc.table({{"第二十条第（六）项", "本年处理决定数量"}},
            {{"行政处罚", num(t2, "penalty")}, {"行政强制", num(t2, "coercion")}}, {0.4, 0.6}, 10.5);
  doc.space(6);
  // The amount stays the exact decimal text (万元).
  doc.table({{"第二十条第（八）项", "本年收费金额（单位：万元）"}}, {{"行政事业性收费", num(t2, "fees_wanyuan")}},
            {0.4, 0.6}, 10.5);

  // Table 三.
  doc.heading("三、收到和处理政府信息公开申请情况");
  std::vector<std::vector<std::string>> t3;
  for (const auto& rv : f.at("table3").as_object().at("rows").as_array()) {
    const auto& row = rv.as_object();
    std::vector<std::string> line{std::string(row.at("label").as_string())};
    if (row.at("cells").is_array()) {
      for (const auto& v : row.at("cells").as_array()) line.push_back(std::to_string(v.to_number<long long>()));
    }
    t3.push_back(std::move(line));
  }
  doc.table({{"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况：自然人",
              "法人或其他组织：商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"}},
            t3, {0.37, 0.09, 0.09, 0.09, 0.09, 0.09, 0.09, 0.09}, 9);

  // Table 四.
  doc.heading("四、政府信息公开行政复议、行政诉讼情况");
  const auto& t4 = f.at("table4").as_object();
  std::vector<std::vector<std::string>> t4rows;
  for (auto [label, key] : {std::pair{"行政复议", "review"}, std::pair{"行政诉讼：未经复议直接起诉", "litigation_direct"},
                            std::pair{"行政诉讼：复议后起诉", "litigation_after_review"}}) {
    const auto& g = t4.at(key).as_object();
    t4rows.push_back({label, num(g, "upheld"), num(g, "corrected"), num(g, "other"), num(g, "pending"), num(g, "total")});
  }
  doc.table({{"", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}}, t4rows, {0.3, 0.14, 0.14, 0.14, 0.14, 0.14}, 10.5);

  section(doc, "五、存在的主要问题及改进情况", s5);
  section(doc, "六、其他需要报告的事项", s6);
  return doc.render();
}

}  // namespace gongkai::oversight
