#include "gongkai/demo/oversight_demo.hpp"

#include <algorithm>

namespace gongkai::demo {

platform::Result<int> seed_oversight(App& app) {
  units::Actor office = units::command_line_actor();
  office.roles.insert(units::Role::supervisor);
  const int year = app.oversight.today().year() - 1;
  // Believable figures for a district department: {licensing, penalty, coercion, fees in 万元 (exact decimal)}.
  const oversight::CountsInput figures[] = {
      {"1260", "85", "6", "35.42"}, {"412", "230", "18", "12.5"}, {"96", "12", "0", "0.86"},
      {"2310", "540", "41", "128.0375"}, {"0", "3", "0", "0"},
  };
  int created = 0;
  std::size_t i = 0;
  for (const auto& u : app.units.all()) {
    if (i >= std::size(figures)) break;
    if (u.f.kind != units::UnitKind::department) continue;
    auto v = app.oversight.report(office, u.id, year);
    if (!v) return v.error();
    const auto& fig = figures[i++];
    if (v->own_counts || v->status == oversight::ReportStatus::published) continue;
    if (auto r = app.oversight.save_counts(office, u.id, year, fig); !r) return r.error();
    ++created;
    if (v->version == 0) {
      auto r = app.oversight.save_texts(
          office, u.id, year,
          "本年度，" + u.f.name + "认真贯彻落实《中华人民共和国政府信息公开条例》，围绕重点领域加强主动公开，依法办理政府信息公开申请。",
          "个别栏目更新不够及时，政策解读形式较单一。下一年度将建立栏目更新提醒机制，丰富图解、问答等解读形式。",
          v->section6, 0);
      if (!r) return r.error();
    }
  }
  // One inspection of three departments, with a finding for 区教育局 under a rectification notice.
  auto existing = app.oversight.inspections(office);
  if (existing && existing->empty()) {
    std::vector<long long> ids;
    long long edu = 0;
    for (const auto& u : app.units.all()) {
      if (u.f.kind != units::UnitKind::department || ids.size() >= 3) continue;
      ids.push_back(u.id);
    }
    for (const auto& u : app.units.all()) {
      if (u.f.name == "区教育局") {
        edu = u.id;
        if (std::find(ids.begin(), ids.end(), u.id) == ids.end()) ids.push_back(u.id);
      }
    }
    const auto today = app.oversight.today();
    oversight::InspectionInput in{std::to_string(today.year()) + "年政务公开第一季度检查", "网站栏目更新、政策解读、依申请公开办理时限",
                                  std::to_string(today.year()) + "-01-01", today.iso(), today.add_days(30).iso(), ids};
    auto id = app.oversight.open_inspection(office, in);
    if (!id) return id.error();
    if (edu) {
      auto f = app.oversight.add_finding(office, *id, edu, "“政策解读”栏目超过6个月未更新，部分政策文件未同步发布解读。",
                                         "/console/oversight/records?unit=" + std::to_string(edu) + "&indicator=no_interpretation");
      if (!f) return f.error();
      if (auto r = app.oversight.act_on_finding(office, *f, oversight::FindingAction::notify, "", today.add_days(15).iso(), 1); !r) {
        return r.error();
      }
    }
  }
  return created;
}

}  // namespace gongkai::demo
