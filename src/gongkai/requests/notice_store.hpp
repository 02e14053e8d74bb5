// SQL for 告知书 templates, numbered notices and released files (migration 0030). Functions run inside the
// caller's transaction; the notice service decides what may change.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "gongkai/requests/notice_model.hpp"

namespace gongkai::requests::notice::store {

struct TemplateRow {
  long long id = 0;
  std::string key, title, body, created_at, created_by_name;
  int version = 0;
};
// The newest saved version of `key`, if any (the shipped default otherwise).
std::optional<TemplateRow> latest_template(soci::session& s, const std::string& key);
// Every saved version of `key`, newest first.
std::vector<TemplateRow> template_versions(soci::session& s, const std::string& key);
// Adds version latest + 1 and returns it.
int insert_template(soci::session& s, const std::string& key, const std::string& title, const std::string& body,
                    std::optional<long long> user_id, const std::string& at);

// The next serial of `unit_id`, `year` and `kind`; serials only grow (a sent notice keeps its number forever).
long long next_serial(soci::session& s, long long unit_id, int year, const std::string& kind);

struct NoticeRow {
  long long id = 0, request_id = 0, unit_id = 0, serial = 0;
  std::string kind;
  int year = 0;
  std::string notice_no, title, body, issuer, issued_on, template_key, created_at;
  int template_version = 0;
};
long long insert_notice(soci::session& s, const NoticeRow& n);
std::vector<NoticeRow> notices_of(soci::session& s, long long request_id);
std::optional<NoticeRow> find_notice(soci::session& s, long long id);

struct FileRow {
  long long id = 0, request_id = 0, size_bytes = 0;
  std::string file_name, sha256, mime, kind, added_at, released_on;
  std::optional<long long> added_by;
};
long long insert_file(soci::session& s, const FileRow& f);
std::vector<FileRow> files_of(soci::session& s, long long request_id);
std::optional<FileRow> find_file(soci::session& s, long long id);
// Removes a file not yet released. Returns false if it was released (or missing).
bool delete_unreleased_file(soci::session& s, long long id);
// Marks every file of the request not yet released as released on `date`. Returns how many.
int release_files(soci::session& s, long long request_id, const std::string& date);

}  // namespace gongkai::requests::notice::store
