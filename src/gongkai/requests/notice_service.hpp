// 告知书 and released files of disclosure requests: use cases. Notices are issued by RequestService steps (a step
// hook, inside the step's transaction): the reply notice when the reply is sent (条例 Art. 36–39; with the
// released files frozen), the 补正告知书 when the supplement notice is sent (Art. 30), the 征求意见函 when a third
// party or agency is consulted (Art. 32, 34). Each is rendered from the template in force, numbered per unit, year
// and kind, and stored frozen: what was sent is never overwritten.
//
// Who: templates are edited by the openness office (supervisor) and read by district-wide roles; notices and
// files of a case are for those who may view it (requests::may_view) and files are added by those who may act on
// it; the applicant reads the reply and supplement notices and downloads released files with number + query code
// (through RequestService::track, so the same throttle applies). Released files are never public or indexed.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gongkai/calendar/service.hpp"
#include "gongkai/requests/notice_model.hpp"
#include "gongkai/requests/notice_store.hpp"
#include "gongkai/requests/service.hpp"
#include "platform/db/database.hpp"
#include "platform/files/blob_store.hpp"
#include "platform/result.hpp"

namespace gongkai::requests {

struct Download {
  std::string file_name, mime, bytes;
};

class NoticeService {
 public:
  // Registers the step hook on `requests`; both must outlive nothing else (the App owns them).
  // Reads the shipped defaults from config/notice_templates.json (throws std::runtime_error if it is missing or
  // malformed — a broken build, caught by the tests).
  NoticeService(std::shared_ptr<platform::db::Database> db, RequestService& requests, calendar::CalendarService& calendar,
                const std::string& data_dir);

  static constexpr std::uint64_t kMaxFileBytes = 50ull * 1024 * 1024;
  static constexpr std::size_t kMaxFiles = 30;

  // ---- templates (console) ----
  struct TemplateView {
    notice::TemplateKey key;
    notice::Template current;                        // version 0: the shipped default
    std::vector<notice::store::TemplateRow> history;  // saved versions, newest first
  };
  // Every template, current version. Errors: forbidden (not district-wide).
  platform::Result<std::vector<TemplateView>> templates(const units::Actor& actor);
  // One template with its history. Errors: forbidden, not_found (no such key).
  platform::Result<TemplateView> template_of(const units::Actor& actor, const std::string& key);
  // Saves a new version (audited, old versions kept). Errors: forbidden (supervisor only), not_found, the
  // notice::check_template errors, unchanged (same title and body as the current version).
  platform::Result<int> save_template(const units::Actor& actor, const std::string& key, const std::string& title,
                                      const std::string& body);

  // ---- a case's notices (staff) ----
  // The reply notice as it would be sent now (no number yet), from the drafted outcome and reply text.
  // Errors: forbidden, not_found, no_reply_draft (no outcome drafted yet), the template's errors.
  platform::Result<notice::NoticeText> reply_preview(const units::Actor& actor, long long request_id);
  // Notices issued for the case, oldest first. Errors: forbidden, not_found.
  platform::Result<std::vector<notice::store::NoticeRow>> notices(const units::Actor& actor, long long request_id);
  // A sent notice, or the reply preview (notice_id nullopt), as PDF. Errors: forbidden, not_found, pdf errors.
  platform::Result<Download> notice_pdf(const units::Actor& actor, long long request_id, std::optional<long long> notice_id);

  // ---- released files (staff) ----
  // Errors: forbidden (may not act on the case), not_found, files_frozen (the reply was sent), too_many_files,
  // the upload checks (platform::files::inspect_upload), blob_write_failed.
  platform::Result<long long> add_file(const units::Actor& actor, long long request_id, const std::string& file_name,
                                       std::string_view bytes);
  // Errors: forbidden, not_found, files_frozen (released with the reply).
  platform::Result<void> remove_file(const units::Actor& actor, long long request_id, long long file_id);
  platform::Result<std::vector<notice::store::FileRow>> files(const units::Actor& actor, long long request_id);
  platform::Result<Download> staff_file(const units::Actor& actor, long long request_id, long long file_id);

  // ---- the applicant ----
  struct ForApplicant {
    std::vector<notice::store::NoticeRow> notices;    // reply and supplement notices
    std::vector<notice::store::FileRow> files;         // released files only
  };
  // What the applicant may read, for a view obtained through RequestService::track (which checked the code).
  // The tracking page carries no personal data (whoever holds the code may see it), so the applicant's name in
  // the notices' text is replaced by "申请人" here; the PDF download keeps the letter as sent.
  ForApplicant for_view(const PublicView& view);
  // Downloads with number + query code (checked and throttled by RequestService::track). Errors: those of track;
  // not_found (no such notice or released file of this request).
  platform::Result<Download> applicant_notice_pdf(const std::string& number, const std::string& code, long long notice_id,
                                                  const units::Actor& visitor);
  platform::Result<Download> applicant_file(const std::string& number, const std::string& code, long long file_id,
                                            const units::Actor& visitor);

  // The text of a notice as stored.
  static notice::NoticeText text_of(const notice::store::NoticeRow& n);

 private:
  ForApplicant for_number(const std::string& number, bool mask_name);
  platform::Result<void> on_step(soci::session& s, const units::Actor& actor, const Step& step);
  platform::Result<notice::store::NoticeRow> compose(soci::session& s, notice::Kind kind, const store::Case& c,
                                                     calendar::Date issued_on, bool number_it);
  notice::Template current_template(soci::session& s, const std::string& key);
  platform::Result<store::Case> load_viewable(soci::session& s, const units::Actor& actor, long long request_id);

  std::shared_ptr<platform::db::Database> db_;
  RequestService& requests_;
  calendar::CalendarService& calendar_;
  platform::files::BlobStore blobs_;
  std::map<std::string, notice::Template> defaults_;
};

}  // namespace gongkai::requests
