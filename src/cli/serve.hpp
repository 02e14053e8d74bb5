// `gongkai serve`: options and the server's assembly (database, app, static files, micro-cache, scheduler).
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "platform/db/database.hpp"
#include "platform/result.hpp"

namespace cli {

struct Common {
  std::string data = "./var";
  std::string database;
  std::string assets;
};

struct ServeOptions {
  std::string address = "127.0.0.1";
  int port = 8080;
  unsigned io_threads = 1;
  unsigned workers = 4;
  std::size_t db_pool = 0;  // 0: workers + 2
  std::size_t body_limit_mb = 64;
  int request_timeout = 30;
  int idle_timeout = 15;
  std::size_t max_connections = 10000;
  bool trust_proxy = false;
  bool secure_cookies = false;
  int page_cache_seconds = 1;
  int search_cache = 256;
  long long search_exact_up_to = 2000;
  int search_sample = 128;
  bool access_log = true;
  std::string port_file;  // write the bound port here (tests start on port 0)
  // Notifications (outbox): SMTP relay and sender; empty smtp_host leaves e-mail pending.
  std::string smtp_host, smtp_user, smtp_password, smtp_tls = "try";
  int smtp_port = 25;
  std::string mail_from = "noreply@localhost", mail_from_name, public_url;
  int outbox_interval = 15;  // seconds between delivery runs
};

void add_serve_options(CLI::App& cmd, ServeOptions& o);
int run_serve(const Common& common, const ServeOptions& o);
// Opens the database (creating the data folder for SQLite) and applies migrations.
platform::Result<std::shared_ptr<platform::db::Database>> open_database(const Common& c, std::size_t pool);

}  // namespace cli
