#include "cli/commands.hpp"

#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <optional>
#include <utility>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <termios.h>
#include <unistd.h>

#include "cli/serve.hpp"
#include "gongkai/app.hpp"
#include "cli/disclosure_commands.hpp"
#include "platform/progress.hpp"
#include "gongkai/demo/demo.hpp"
#include "platform/assets.hpp"
#include "platform/crypto.hpp"
#include "platform/db/migrations.hpp"
#include "platform/time.hpp"

namespace cli {
namespace fs = std::filesystem;

namespace {

std::string database_url(const Common& c) {
  if (!c.database.empty()) return c.database;
  return "sqlite:" + (fs::path(c.data) / "gongkai.db").string();
}

}  // namespace

platform::Result<std::shared_ptr<platform::db::Database>> open_database(const Common& c, std::size_t pool) {
  if (c.database.empty()) {
    std::error_code ec;
    fs::create_directories(c.data, ec);
    if (ec) return platform::make_error("data_dir", "无法创建数据目录 " + c.data + "：" + ec.message());
  }
  auto db = platform::db::Database::open({database_url(c), pool});
  if (!db) return db.error();
  auto m = platform::db::migrate(**db);
  if (!m) return m.error();
  return db;
}

namespace {

std::string read_password_from_terminal(const std::string& prompt) {
  std::cerr << prompt << std::flush;
  termios old{};
  bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
  if (tty) {
    termios t = old;
    t.c_lflag &= ~ECHO;
    tcsetattr(STDIN_FILENO, TCSANOW, &t);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
  }
  return line;
}

gongkai::AppOptions app_options(const Common& c) {
  gongkai::AppOptions o;
  o.data_dir = c.data;
  return o;
}

int fail(const platform::Error& e) {
  std::cerr << "错误：" << e.message << " (" << e.code << ")\n";
  return 1;
}

// Runs `work(progress)` with a progress bar named `label` on stderr (shown from the first report of the total);
// returns what it returned and the seconds it took.
template <class Work>
auto with_progress_bar(const std::string& label, Work&& work) {
  std::optional<platform::ProgressBar> bar;
  long long shown = 0;
  auto started = std::chrono::steady_clock::now();
  auto result = work([&](long long done, long long total) {
    if (!bar) bar.emplace(label, static_cast<std::uint64_t>(total));
    bar->advance(static_cast<std::uint64_t>(done - shown));
    shown = done;
  });
  if (bar) bar->finish();
  return std::pair{std::move(result), std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()};
}

}  // namespace

int run(int argc, char** argv) {
  if (!platform::crypto_init()) {
    std::cerr << "libsodium 初始化失败\n";
    return 1;
  }
  auto logger = spdlog::stderr_logger_mt("gongkai");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l %v");

  CLI::App app{"gongkai — 政务公开平台 (open-government platform)"};
  app.set_config("--config", "", "Read options from this file (key = value lines, e.g. port = 8080)");
  app.require_subcommand(1);
  Common common;
  app.add_option("--data", common.data, "Data folder (SQLite database, files, keys)")->envname("GONGKAI_DATA")->capture_default_str();
  app.add_option("--database", common.database,
                 "Database URL: postgresql://user:pass@host/db, or sqlite:/path/file.db (default: <data>/gongkai.db)")
      ->envname("GONGKAI_DATABASE");
  app.add_option("--assets", common.assets, "Read templates and static files from this folder first (development)")
      ->envname("GONGKAI_ASSETS");
  std::string log_level = "info";
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error or off")->envname("GONGKAI_LOG_LEVEL")->capture_default_str();

  ServeOptions serve;
  auto* serve_cmd = app.add_subcommand("serve", "Run the web server");
  serve_cmd->fallthrough();  // `gongkai serve --data X` works as well as `gongkai --data X serve`
  add_serve_options(*serve_cmd, serve);

  app.add_subcommand("migrate", "Apply database migrations and exit")->fallthrough();

  auto* init_cmd = app.add_subcommand("init", "Start a real deployment: the district government unit and its first system administrator");
  init_cmd->fallthrough();
  std::string i_district, i_code, i_admin, i_admin_name, i_password;
  init_cmd->add_option("--district", i_district, "The government's full name, e.g. 临江区人民政府")->required();
  init_cmd->add_option("--credit-code", i_code, "Its 统一社会信用代码 (optional)");
  init_cmd->add_option("--admin", i_admin, "Username of the first system administrator")->required();
  init_cmd->add_option("--admin-name", i_admin_name, "That person's name")->required();
  init_cmd->add_option("--password", i_password, "Initial password (else GONGKAI_PASSWORD, else asked); must be changed at first login");

  app.add_subcommand("demo", "Create the demo district and demo accounts (idempotent)")->fallthrough();

  auto* user_cmd = app.add_subcommand("user", "Manage staff accounts");
  user_cmd->fallthrough();
  user_cmd->require_subcommand(1);
  auto* user_add = user_cmd->add_subcommand("add", "Create a staff account");
  user_add->fallthrough();
  std::string u_name, u_display, u_unit, u_password;
  std::vector<std::string> u_roles;
  bool u_no_change = false;
  user_add->add_option("--username", u_name, "Login name (3-32 of a-z 0-9 . _ -)")->required();
  user_add->add_option("--name", u_display, "Person's name as shown (姓名)")->required();
  user_add->add_option("--unit", u_unit, "Unit id or exact name")->required();
  user_add->add_option("--role", u_roles,
                       "Role, repeatable: editor reviewer request_handler mailbox_handler unit_admin supervisor sysadmin")
      ->required();
  user_add->add_option("--password", u_password, "Initial password (else GONGKAI_PASSWORD, else asked on the terminal)");
  user_add->add_flag("--no-change-required", u_no_change, "Do not require a password change at first login");

  DisclosureCommands disclosure_cmds;
  add_disclosure_commands(app, disclosure_cmds);

  auto* search_cmd = app.add_subcommand("search", "The full-text search index");
  search_cmd->fallthrough();
  search_cmd->require_subcommand(1);
  auto* reindex_cmd = search_cmd->add_subcommand("reindex", "Rebuild the index of every public record (the server keeps answering)");
  reindex_cmd->fallthrough();
  auto* optimize_cmd = search_cmd->add_subcommand(
      "optimize", "Merge the full-text index into one segment after a bulk load or reindex (the server keeps answering)");
  optimize_cmd->fallthrough();

  auto* backup_cmd = app.add_subcommand("backup", "Write a consistent copy of the SQLite database");
  backup_cmd->fallthrough();
  std::string backup_out;
  backup_cmd->add_option("--out", backup_out, "Destination file (default: <data>/backups/gongkai-<time>.db)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  spdlog::set_level(spdlog::level::from_str(log_level));
  if (!common.assets.empty()) platform::assets::set_override_dir(common.assets);

  if (serve_cmd->parsed()) return run_serve(common, serve);

  auto db = open_database(common, 2);
  if (!db) return fail(db.error());

  if (app.got_subcommand("migrate")) {
    std::cout << "数据库已是最新结构（" << (*db)->display_url() << "）。\n";
    return 0;
  }

  if (disclosure_cmds.parsed()) {
    gongkai::App a(*db, app_options(common));
    return run_disclosure_commands(disclosure_cmds, a);
  }

  if (reindex_cmd->parsed()) {
    gongkai::App a(*db, app_options(common));
    auto [r, seconds] = with_progress_bar("重建检索索引", [&](const auto& progress) { return a.search.reindex(progress); });
    std::cout << fmt::format("检索索引已重建：{} 条公开信息，移除 {} 条已不公开的，用时 {:.1f} 秒。\n", r.indexed, r.removed, seconds);
    if ((*db)->is_sqlite()) {
      auto shape = a.search.index_shape();
      if (shape.segments > 4) {
        std::cout << fmt::format("全文索引现分为 {} 段；运行 gongkai search optimize 可合并为一段，检索更快。\n", shape.segments);
      }
    }
    return 0;
  }

  if (optimize_cmd->parsed()) {
    gongkai::App a(*db, app_options(common));
    auto [r, seconds] = with_progress_bar("合并检索索引", [&](const auto& progress) { return a.search.optimize(progress); });
    if ((*db)->is_sqlite()) {
      std::cout << fmt::format("检索索引已合并：{} 段 → {} 段（约 {} 页），{} 次提交，用时 {:.1f} 秒。\n", r.before.segments,
                               r.after.segments, r.after.pages, r.steps, seconds);
    } else {
      std::cout << fmt::format("检索索引已整理：GIN 索引的待合并条目已并入，统计信息已更新，用时 {:.1f} 秒。\n", seconds);
    }
    return 0;
  }

  if (app.got_subcommand("demo")) {
    gongkai::App a(*db, app_options(common));
    auto r = gongkai::demo::seed(a);
    if (!r) return fail(r.error());
    std::cout << fmt::format("演示数据已就绪：新建单位 {} 个、账号 {} 个、政府信息 {} 条（已存在的保持不变）。\n", r->units_created, r->users_created, r->documents_created);
    std::cout << "演示账号（仅供演示，请勿用于生产环境）：\n";
    for (const auto& acc : r->accounts) {
      std::cout << fmt::format("  {:<12} 密码 {:<24} {}（{}）\n", acc.username, acc.password, acc.role_label, acc.unit_name);
    }
    return 0;
  }

  if (init_cmd->parsed()) {
    gongkai::App a(*db, app_options(common));
    if (a.units.root()) return fail(platform::make_error("exists", "组织树已存在（" + a.units.root()->f.name + "），无需初始化。"));
    gongkai::units::UnitFields root;
    root.kind = gongkai::units::UnitKind::government;
    root.name = i_district;
    root.credit_code = i_code;
    auto cli_actor = gongkai::units::command_line_actor();
    auto unit = a.units.create(cli_actor, root);
    if (!unit) return fail(unit.error());
    gongkai::units::NewUser nu;
    nu.username = i_admin;
    nu.display_name = i_admin_name;
    nu.unit_id = *unit;
    nu.roles = {gongkai::units::Role::sysadmin, gongkai::units::Role::supervisor};
    nu.password = i_password;
    if (nu.password.empty()) {
      if (const char* env = std::getenv("GONGKAI_PASSWORD")) nu.password = env;
    }
    if (nu.password.empty()) nu.password = read_password_from_terminal("初始密码：");
    auto user = a.accounts.create_user(cli_actor, nu);
    if (!user) return fail(user.error());
    std::cout << "已创建 " << i_district << " 和系统管理员 " << nu.username << "。请登录 /console，首次登录须修改密码，然后在“单位管理”中建立部门和镇街。\n";
    return 0;
  }

  if (user_add->parsed()) {
    gongkai::App a(*db, app_options(common));
    gongkai::units::NewUser nu;
    nu.username = u_name;
    nu.display_name = u_display;
    nu.must_change_password = !u_no_change;
    for (const auto& r : u_roles) {
      auto role = gongkai::units::role_from(r);
      if (!role) return fail(platform::make_error("invalid_role", "未知角色：" + r));
      nu.roles.insert(*role);
    }
    long long unit_id = 0;
    try {
      std::size_t pos = 0;
      unit_id = std::stoll(u_unit, &pos);
      if (pos != u_unit.size()) unit_id = 0;
    } catch (...) {
    }
    if (!unit_id) {
      for (const auto& u : a.units.all()) {
        if (u.f.name == u_unit || u.f.short_name == u_unit) unit_id = u.id;
      }
    }
    if (!unit_id) return fail(platform::make_error("invalid_unit", "找不到单位：" + u_unit));
    nu.unit_id = unit_id;
    nu.password = u_password;
    if (nu.password.empty()) {
      if (const char* env = std::getenv("GONGKAI_PASSWORD")) nu.password = env;
    }
    if (nu.password.empty()) nu.password = read_password_from_terminal("初始密码：");
    auto r = a.accounts.create_user(gongkai::units::command_line_actor(), nu);
    if (!r) return fail(r.error());
    std::cout << "账号已创建：" << nu.username << "（编号 " << *r << "）\n";
    return 0;
  }

  if (backup_cmd->parsed()) {
    if (!(*db)->is_sqlite()) {
      std::cerr << "PostgreSQL 数据库请使用 pg_dump 备份，例如：\n  pg_dump --format=custom --file=gongkai.dump \"$GONGKAI_DATABASE\"\n"
                   "详见 docs/OPERATIONS.md。\n";
      return 2;
    }
    if (backup_out.empty()) {
      std::string stamp = platform::now_utc_iso();
      for (char& ch : stamp) {
        if (ch == ':') ch = '-';
      }
      fs::create_directories(fs::path(common.data) / "backups");
      backup_out = (fs::path(common.data) / "backups" / ("gongkai-" + stamp + ".db")).string();
    }
    if (fs::exists(backup_out)) return fail(platform::make_error("exists", "目标文件已存在：" + backup_out));
    auto r = (*db)->backup_sqlite(backup_out);
    if (!r) return fail(r.error());
    std::cout << "备份完成：" << backup_out << "\n";
    return 0;
  }
  return 0;
}

}  // namespace cli
