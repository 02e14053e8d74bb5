#include "gongkai/demo/oversight_demo.hpp"

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
  return created;
}

}  // namespace gongkai::demo
