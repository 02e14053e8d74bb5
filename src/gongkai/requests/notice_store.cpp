#include "gongkai/requests/notice_store.hpp"

#include "platform/db/rows.hpp"

namespace gongkai::requests::notice::store {

using platform::db::int_at;
using platform::db::opt_int_at;
using platform::db::Params;
using platform::db::run;
using platform::db::text_at;

namespace {


const char* kTemplateCols =
    "t.id, t.tkey, t.version, t.title, t.body, t.created_at, COALESCE(u.display_name, '') FROM notice_templates t "
    "LEFT JOIN users u ON u.id = t.created_by";

TemplateRow template_row(const soci::row& r) {
  return TemplateRow{int_at(r, 0), text_at(r, 1), text_at(r, 3), text_at(r, 4), text_at(r, 5), text_at(r, 6),
                     static_cast<int>(int_at(r, 2))};
}

const char* kNoticeCols =
    "id, request_id, kind, unit_id, year, serial, notice_no, title, body, issuer, issued_on, template_key, "
    "template_version, created_at FROM request_notices";

NoticeRow notice_row(const soci::row& r) {
  NoticeRow n;
  n.id = int_at(r, 0);
  n.request_id = int_at(r, 1);
  n.kind = text_at(r, 2);
  n.unit_id = int_at(r, 3);
  n.year = static_cast<int>(int_at(r, 4));
  n.serial = int_at(r, 5);
  n.notice_no = text_at(r, 6);
  n.title = text_at(r, 7);
  n.body = text_at(r, 8);
  n.issuer = text_at(r, 9);
  n.issued_on = text_at(r, 10);
  n.template_key = text_at(r, 11);
  n.template_version = static_cast<int>(int_at(r, 12));
  n.created_at = text_at(r, 13);
  return n;
}

const char* kFileCols =
    "id, request_id, file_name, sha256, size_bytes, mime, kind, added_by, added_at, released_on FROM request_files";

FileRow file_row(const soci::row& r) {
  FileRow f;
  f.id = int_at(r, 0);
  f.request_id = int_at(r, 1);
  f.file_name = text_at(r, 2);
  f.sha256 = text_at(r, 3);
  f.size_bytes = int_at(r, 4);
  f.mime = text_at(r, 5);
  f.kind = text_at(r, 6);
  f.added_by = opt_int_at(r, 7);
  f.added_at = text_at(r, 8);
  f.released_on = text_at(r, 9);
  return f;
}

}  // namespace

std::optional<TemplateRow> latest_template(soci::session& s, const std::string& key) {
  std::optional<TemplateRow> out;
  platform::db::for_each_row(s, std::string("SELECT ") + kTemplateCols + " WHERE t.tkey = :k ORDER BY t.version DESC LIMIT 1",
        [&](Params& p) { p.text("k", key); }, [&](const soci::row& r) { out = template_row(r); });
  return out;
}

std::vector<TemplateRow> template_versions(soci::session& s, const std::string& key) {
  std::vector<TemplateRow> out;
  platform::db::for_each_row(s, std::string("SELECT ") + kTemplateCols + " WHERE t.tkey = :k ORDER BY t.version DESC",
        [&](Params& p) { p.text("k", key); }, [&](const soci::row& r) { out.push_back(template_row(r)); });
  return out;
}

int insert_template(soci::session& s, const std::string& key, const std::string& title, const std::string& body,
                    std::optional<long long> user_id, const std::string& at) {
  auto latest = latest_template(s, key);
  int version = latest ? latest->version + 1 : 1;
  soci::statement st(s);
  Params p(st);
  p.text("k", key).integer("v", version).text("t", title).text("b", body).text("at", at).opt_integer("u", user_id);
  // The unique (tkey, version) index refuses a second writer of the same version; the caller's transaction fails
  // and nothing is half-saved.
  run(st, "INSERT INTO notice_templates (tkey, version, title, body, created_at, created_by) VALUES (:k, :v, :t, :b, :at, :u)");
  return version;
}

long long next_serial(soci::session& s, long long unit_id, int year, const std::string& kind) {
  // UPDATE first: on PostgreSQL it takes the row lock, so two handlers of one unit get different serials (as for
  // the disclosure index number).
  long long serial = 0;
  soci::indicator ind = soci::i_null;
  s << "UPDATE notice_counters SET last_serial = last_serial + 1 WHERE unit_id = :u AND year = :y AND kind = :k "
       "RETURNING last_serial",
      soci::use(unit_id, "u"), soci::use(year, "y"), soci::use(kind, "k"), soci::into(serial, ind);
  if (ind == soci::i_ok && s.got_data()) return serial;
  s << "INSERT INTO notice_counters (unit_id, year, kind, last_serial) VALUES (:u, :y, :k, 1)", soci::use(unit_id, "u"),
      soci::use(year, "y"), soci::use(kind, "k");
  return 1;
}

long long insert_notice(soci::session& s, const NoticeRow& n) {
  long long id = 0;
  soci::statement st(s);
  Params p(st);
  p.integer("r", n.request_id).text("k", n.kind).integer("u", n.unit_id).integer("y", n.year).integer("s", n.serial)
      .text("no", n.notice_no).text("t", n.title).text("b", n.body).text("i", n.issuer).text("on", n.issued_on)
      .text("tk", n.template_key).integer("tv", n.template_version).text("at", n.created_at);
  st.exchange(soci::into(id));
  run(st,
      "INSERT INTO request_notices (request_id, kind, unit_id, year, serial, notice_no, title, body, issuer, issued_on, "
      "template_key, template_version, created_at) VALUES (:r, :k, :u, :y, :s, :no, :t, :b, :i, :on, :tk, :tv, :at) "
      "RETURNING id");
  return id;
}

std::vector<NoticeRow> notices_of(soci::session& s, long long request_id) {
  std::vector<NoticeRow> out;
  platform::db::for_each_row(s, std::string("SELECT ") + kNoticeCols + " WHERE request_id = :r ORDER BY id",
        [&](Params& p) { p.integer("r", request_id); }, [&](const soci::row& r) { out.push_back(notice_row(r)); });
  return out;
}

std::optional<NoticeRow> find_notice(soci::session& s, long long id) {
  std::optional<NoticeRow> out;
  platform::db::for_each_row(s, std::string("SELECT ") + kNoticeCols + " WHERE id = :id", [&](Params& p) { p.integer("id", id); },
        [&](const soci::row& r) { out = notice_row(r); });
  return out;
}

long long insert_file(soci::session& s, const FileRow& f) {
  long long id = 0;
  soci::statement st(s);
  Params p(st);
  p.integer("r", f.request_id).text("n", f.file_name).text("sha", f.sha256).integer("size", f.size_bytes)
      .text("mime", f.mime).text("kind", f.kind).opt_integer("by", f.added_by).text("at", f.added_at);
  st.exchange(soci::into(id));
  run(st,
      "INSERT INTO request_files (request_id, file_name, sha256, size_bytes, mime, kind, added_by, added_at) "
      "VALUES (:r, :n, :sha, :size, :mime, :kind, :by, :at) RETURNING id");
  return id;
}

std::vector<FileRow> files_of(soci::session& s, long long request_id) {
  std::vector<FileRow> out;
  platform::db::for_each_row(s, std::string("SELECT ") + kFileCols + " WHERE request_id = :r ORDER BY id",
        [&](Params& p) { p.integer("r", request_id); }, [&](const soci::row& r) { out.push_back(file_row(r)); });
  return out;
}

std::optional<FileRow> find_file(soci::session& s, long long id) {
  std::optional<FileRow> out;
  platform::db::for_each_row(s, std::string("SELECT ") + kFileCols + " WHERE id = :id", [&](Params& p) { p.integer("id", id); },
        [&](const soci::row& r) { out = file_row(r); });
  return out;
}

bool delete_unreleased_file(soci::session& s, long long id) {
  soci::statement st(s);
  Params p(st);
  p.integer("id", id);
  return run(st, "DELETE FROM request_files WHERE id = :id AND released_on = ''") == 1;
}

int release_files(soci::session& s, long long request_id, const std::string& date) {
  soci::statement st(s);
  Params p(st);
  p.integer("r", request_id).text("d", date);
  return static_cast<int>(run(st, "UPDATE request_files SET released_on = :d WHERE request_id = :r AND released_on = ''"));
}

}  // namespace gongkai::requests::notice::store
