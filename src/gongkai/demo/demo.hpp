// `gongkai demo`: a believable district to explore and test against — a district government, 27 departments,
// 9 towns and sub-districts with valid credit codes (GB 32100 check characters), contacts, functions, leaders and
// disclosure-office details, a few sections, and one demo account per role. Idempotent: running it again adds
// only what is missing and changes nothing that exists.
#pragma once

#include <string>
#include <vector>

#include "gongkai/app.hpp"
#include "platform/result.hpp"

namespace gongkai::demo {

struct DemoAccount {
  std::string username, password, role_label, unit_name;
};

struct DemoReport {
  int units_created = 0;
  int users_created = 0;
  int documents_created = 0;
  std::vector<DemoAccount> accounts;  // every demo account, created now or before
};

platform::Result<DemoReport> seed(App& app);

// The 主动公开 part of the demo (disclosure_demo.cpp): columns under 法定主动公开内容 and documents at each stage
// of the workflow. Returns how many documents it created (0 if they exist already).
platform::Result<int> seed_documents(App& app);

}  // namespace gongkai::demo
