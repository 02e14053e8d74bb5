#include "gongkai/demo/requests_demo.hpp"

#include <functional>

#include "gongkai/privacy/identifiers.hpp"

namespace gongkai::demo {

namespace {

using requests::Action;
using requests::ActionInput;

std::string resident_id(const std::string& first17) { return first17 + privacy::resident_id_check_char(first17); }

}  // namespace

platform::Result<int> seed_requests(App& app) {
  // The command line acting for the openness office (sign-off included).
  units::Actor cli = units::command_line_actor();
  cli.roles.insert(units::Role::supervisor);
  auto existing = app.requests.queue(cli, true);
  if (!existing) return existing.error();
  if (!existing->empty()) return 0;

  long long office = 0, education = 0;
  for (const auto& u : app.units.all()) {
    if (u.f.name == "区人民政府办公室") office = u.id;
    if (u.f.name == "区教育局") education = u.id;
  }
  if (office == 0 || education == 0) return 0;
  calendar::Date today = app.requests.today();

  struct Demo {
    long long unit;
    const char* name;
    const char* id17;
    const char* description;
    calendar::Channel channel;
    int days_ago;  // calendar days before today that the application was received
    std::vector<Action> steps;
  };
  const std::vector<Demo> demos = {
      {office, "周明远", "33010219850312001", "2025年本区老旧小区改造项目清单及各项目资金安排", calendar::Channel::kOnline, 0, {}},
      {office, "吴晓燕", "33010619900521002", "临江区2025年政府投资项目年度计划（全文）", calendar::Channel::kInPerson, 26,
       {Action::accept, Action::assign, Action::start_work}},
      {office, "郑国强", "33010519781105003", "关于城东片区道路拓宽工程征收补偿方案的文件", calendar::Channel::kPost, 8,
       {Action::request_supplement, Action::send_supplement_notice}},
      {office, "孙丽华", "33010419921230004", "2025年区政府与临江环保科技有限公司签订的特许经营协议", calendar::Channel::kFax, 12,
       {Action::accept, Action::assign, Action::start_work, Action::consult}},
      {office, "钱志伟", "33010319670818005", "2024年度区本级部门预算执行情况报告", calendar::Channel::kOnline, 20,
       {Action::accept, Action::assign, Action::start_work, Action::draft_reply, Action::approve_reply, Action::send_reply}},
      {education, "冯雪梅", "33010819880214006", "2025年秋季学期义务教育阶段学区划分方案", calendar::Channel::kOrdinaryLetter, 2,
       {}},
  };
  int created = 0;
  std::vector<long long> ids;
  for (const auto& d : demos) {
    requests::ApplicationInput in;
    in.unit_id = std::to_string(d.unit);
    in.applicant_type = "natural_person";
    in.name = d.name;
    in.id_type = "resident_id";
    in.id_number = resident_id(d.id17);
    in.phone = "13800138000";
    in.email = "applicant" + std::to_string(created + 1) + "@example.cn";
    in.description = d.description;
    in.delivery = "email";
    calendar::Date received = today.add_days(-d.days_ago);
    auto r = d.channel == calendar::Channel::kOnline && d.days_ago == 0
                 ? app.requests.submit_online(in, cli)
                 : app.requests.enter(cli, in, d.channel, received.iso());
    if (!r) return r.error();
    ++created;
    ids.push_back(r->id);
    // Each step a day after the previous one (never after today).
    calendar::Date when = received;
    for (Action a : d.steps) {
      auto view = app.requests.get(cli, r->id);
      if (!view) return view.error();
      if (when < today) when = when.add_days(1);
      ActionInput step;
      step.date = when.iso();
      switch (a) {
        case Action::request_supplement:
          step.text = "请写明所需文件涉及的具体路段名称或项目名称。";
          step.due = today.add_days(10).iso();
          break;
        case Action::assign:
          if (view->handlers.empty()) return created;
          step.assignee_id = view->handlers.front().first;
          break;
        case Action::consult:
          step.kind = "third_party";
          step.party = "临江环保科技有限公司";
          break;
        case Action::draft_reply:
          step.outcome = "disclose";
          step.text = "您申请的《2024年度区本级部门预算执行情况报告》已主动公开，现随本告知书提供电子版。";
          break;
        default: break;
      }
      auto done = app.requests.act(cli, r->id, a, step, view->c.version);
      if (!done) return done.error();
    }
  }
  // The investment plan needs the education bureau's part (会办); the concession agreement is sensitive; the
  // budget reply is under administrative review.
  if (auto r = app.handling.ask_cohandling(cli, ids[1], education, "请提供本局2025年学校建设类政府投资项目的计划安排，并说明能否公开。"); !r) {
    return r.error();
  }
  if (auto r = app.handling.flag_sensitive(cli, ids[3], "涉及特许经营企业的商业信息，且申请人与企业存在纠纷。"); !r) return r.error();
  requests::AppealInput review{"review", "", today.add_days(-1).iso(), "临江区人民政府", "pending", "", "申请人认为答复未提供附表"};
  if (auto r = app.handling.record_appeal(cli, ids[4], review); !r) return r.error();
  return created;
}

}  // namespace gongkai::demo
