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
  return it == labels.end() ? action : it->second;
}

}  // namespace gongkai::audit
