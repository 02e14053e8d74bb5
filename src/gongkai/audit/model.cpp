#include "gongkai/audit/model.hpp"

#include <map>

namespace gongkai::audit {

std::string action_label(const std::string& action) {
  static const std::map<std::string, std::string> labels = {
      {"unit.create", "新建单位"},         {"unit.update", "修改单位信息"},     {"user.create", "新建账号"},
      {"user.update", "修改账号"},         {"user.password", "修改密码"},       {"user.password_reset", "重置密码"},
      {"user.login", "登录"},              {"user.logout", "退出登录"},         {"user.login_failed", "登录失败"},
      {"user.login_locked", "登录被限制"}, {"system.demo", "生成演示数据"},
      {"calendar.import", "导入工作日历"},
  };
  auto it = labels.find(action);
  if (it != labels.end()) return it->second;
  // 依申请公开 (requests/): one entry per transition of its state machine.
  static const std::map<std::string, std::string> request_labels = {
      {"request.submit", "网上提交申请"}, {"request.enter", "登记申请"}, {"request.note", "添加内部备注"},
      {"request.request_supplement", "拟发补正通知"}, {"request.cancel_supplement", "撤销补正"},
      {"request.send_supplement_notice", "发出补正通知"}, {"request.receive_supplement", "收到补正材料"},
      {"request.withdraw_no_supplement", "逾期未补正，视为撤回"}, {"request.accept", "受理申请"},
      {"request.assign", "分办申请"}, {"request.reassign", "改派办理人"}, {"request.start_work", "开始办理"},
      {"request.consult", "征求意见"}, {"request.receive_opinion", "收到意见"}, {"request.extend", "延长答复期限"},
      {"request.fee_notice", "发出收费通知"}, {"request.fee_paid", "已缴费"},
      {"request.withdraw_fee_unpaid", "逾期未缴费，视为撤回"}, {"request.draft_reply", "拟写答复"},
      {"request.return_reply", "退回修改答复"}, {"request.approve_reply", "审核通过答复"},
      {"request.send_reply", "发出答复"}, {"request.close_duplicate", "按重复申请办结"}, {"request.archive", "归档申请"},
      {"request.recompute", "按新日历重算期限"},
  };
  auto r = request_labels.find(action);
  return r == request_labels.end() ? action : r->second;
}

}  // namespace gongkai::audit
