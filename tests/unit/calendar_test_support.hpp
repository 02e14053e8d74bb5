// Shared helpers for the calendar and clock tests: locating the repository, reading the calendar files, and a
// short way to write dates. Tests may read files; the product code under test may not.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>

#include "gongkai/calendar/calendar_data.hpp"
#include "gongkai/calendar/model.hpp"

// The build passes these; the fallbacks let a file be compiled on its own on the development machine.
#ifndef GONGKAI_SOURCE_DIR
#define GONGKAI_SOURCE_DIR "/work/main"
#endif
#ifndef GONGKAI_SHARED_DATA_DIR
#define GONGKAI_SHARED_DATA_DIR "/work/shared/data"
#endif

namespace gongkai::calendar::testing {

inline std::filesystem::path source_dir() { return GONGKAI_SOURCE_DIR; }
inline std::filesystem::path shared_data_dir() { return GONGKAI_SHARED_DATA_DIR; }

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  if (!f) {
    std::cerr << "cannot read " << p << "\n";
    std::abort();
  }
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// A date literal for tests: aborts on a typo rather than testing the wrong thing.
inline Date D(std::string_view iso) {
  auto d = Date::parse(iso);
  if (!d) {
    std::cerr << "bad test date " << iso << "\n";
    std::abort();
  }
  return *d;
}

// The product's own calendar, config/calendar/2020.json … 2027.json, loaded once.
inline const WorkdayCalendar& product_calendar() {
  static const WorkdayCalendar cal = [] {
    std::vector<YearNotice> notices;
    for (int y = 2020; y <= 2027; ++y) {
      auto n = parse_calendar_json(read_text(source_dir() / "config/calendar" / (std::to_string(y) + ".json")));
      if (!n) {
        std::cerr << "config/calendar/" << y << ".json: " << n.error().message << "\n";
        std::abort();
      }
      notices.push_back(std::move(*n));
    }
    auto c = WorkdayCalendar::build(std::move(notices));
    if (!c) {
      std::cerr << c.error().message << "\n";
      std::abort();
    }
    return std::move(*c);
  }();
  return cal;
}

}  // namespace gongkai::calendar::testing
