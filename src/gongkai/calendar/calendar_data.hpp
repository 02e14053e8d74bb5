// The calendar as text: Gongkai's own year files (config/calendar/YYYY.json) and the holiday-cn files the seed data
// came in (shared/data/calendar/YYYY.json). Pure: the caller reads the files and passes their text in.
//
// Gongkai's format, one file per year, maintained by administrators when the State Council publishes its autumn
// notice (DOMAIN §4: the calendar is data, not code):
//
//   {
//     "format": "gongkai-calendar/1",
//     "year": 2026,
//     "status": "published",                       // or "pending": notice not yet published, year unknown
//     "sources": [ { "title": "国务院办公厅关于2026年部分节假日安排的通知",
//                    "url": "https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm" } ],
//     "holidays": [ { "name": "春节", "from": "2026-02-15", "to": "2026-02-23" }, … ],   // "to" defaults to "from"
//     "make_up_working_days": [ { "name": "春节", "date": "2026-02-14" }, … ],
//     "note": ""                                    // optional
//   }
//
// Holidays are ranges because that is how the notice states them ("2月15日至23日放假调休，共9天") and how an
// administrator checks them; make-up days are single dates that must be Saturdays or Sundays. Unknown keys are
// refused so that a misspelt key cannot silently drop a holiday.
#pragma once

#include <string>
#include <string_view>

#include "gongkai/calendar/model.hpp"
#include "platform/result.hpp"

namespace gongkai::calendar {

// Parses one Gongkai year file and validates it (validate_notice).
// Errors: "calendar_invalid_json" (not JSON; message has the parser's reason); "calendar_invalid" (wrong shape,
// unknown key, bad date, or a validate_notice failure; the message names the offending entry).
platform::Result<YearNotice> parse_calendar_json(std::string_view text);

// Writes a notice in Gongkai's format, one entry per line, ending with a newline; parse_calendar_json reads it back
// equal. Consecutive holiday ranges are written as given (no merging). Needs: nothing (does not validate).
std::string to_calendar_json(const YearNotice& notice);

// Parses a holiday-cn year file ({year, papers[], days[{name, date, isOffDay}]}), normalising it into a notice:
//   * off days with the same name on consecutive dates become one HolidayRange (dates may include the December
//     before, as in the 2023 file's 2022-12-31);
//   * working days on a Saturday or Sunday become make-up days; working entries on Monday–Friday (the 2020 file's
//     2020-02-03, "正常上班") say nothing a calendar needs and are dropped;
//   * papers become sources with empty titles; a file with neither papers nor days (2027) is an unpublished year.
// Extra keys ("$schema", "$id") are ignored. The result is validated (validate_notice).
// Errors: "calendar_invalid_json"; "calendar_invalid".
platform::Result<YearNotice> parse_holiday_cn_json(std::string_view text);

}  // namespace gongkai::calendar
