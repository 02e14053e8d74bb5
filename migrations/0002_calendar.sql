-- 工作日历: holiday and 调休 arrangements per year as the openness office imported them. The product ships the
-- State Council notices it knew at release (config/calendar/*.json); a row here replaces the shipped year, so the
-- office can load next year's notice the day it is published without an upgrade.
CREATE TABLE calendar_years (
  year         INTEGER PRIMARY KEY,
  notice_json  TEXT NOT NULL,     -- gongkai-calendar/1 format
  imported_at  TEXT NOT NULL,
  imported_by  TEXT NOT NULL
);
