// The application: services over one database, and the HTTP routes that call them. Built once per process by
// `gongkai serve`; tests build it the same way against a fresh database.
#pragma once

#include <memory>
#include <string>

#include "gongkai/audit/service.hpp"
#include "gongkai/calendar/service.hpp"
#include "gongkai/disclosure/service.hpp"
#include "gongkai/notify/service.hpp"
#include "gongkai/requests/notice_service.hpp"
#include "gongkai/requests/applicant_access.hpp"
#include "gongkai/requests/handling.hpp"
#include "gongkai/oversight/service.hpp"
#include "gongkai/requests/service.hpp"
#include "gongkai/search/service.hpp"
#include "gongkai/units/service.hpp"
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"

namespace gongkai {

struct AppOptions {
  bool secure_cookies = false;     // behind TLS: cookies get Secure, responses get HSTS
  int page_cache_seconds = 1;      // anonymous public pages are micro-cached this long (0: off)
  int search_cache_entries = 256;  // recent search answers kept until the index changes (0: off)
  long long search_exact_up_to = 2000;  // matches a search ranks and counts exactly; beyond, estimated (0: always)
  int search_sample = 128;              // beyond: matches read from each slice of the index (store::Sampling)
  std::string data_dir = "./var";  // files that are not in the database: blobs, the ledger's signing key
  notify::OutboxOptions outbox;    // SMTP and the sender of notifications
};

struct App {
  App(std::shared_ptr<platform::db::Database> db, AppOptions options);

  std::shared_ptr<platform::db::Database> db;
  AppOptions options;
  units::UnitService units;
  units::AccountService accounts;
  audit::AuditService audit;
  calendar::CalendarService calendar;
  disclosure::DisclosureService disclosure;
  requests::RequestService requests;
  requests::HandlingService handling;
  requests::ApplicantAccess applicants;
  requests::NoticeService notices;  // 告知书 and released files; hooks into requests
  notify::Outbox outbox;            // notifications; follows requests, sends the applicants' sign-in links
  oversight::OversightService oversight;
  search::SearchService search;     // kept in step with disclosure through disclosure.on_public_change
  std::string csrf_secret;   // shared by every node through the settings table

  platform::http::Router router;
};

// Registers every route and middleware on app.router.
void install_routes(App& app);

}  // namespace gongkai
