#include "cli/disclosure_commands.hpp"

#include <fmt/format.h>

#include <iostream>

namespace cli {

void add_disclosure_commands(CLI::App& app, DisclosureCommands& c) {
  c.ledger = app.add_subcommand("ledger", "The public ledger of publications (公开台账)");
  c.ledger->fallthrough();
  c.ledger->require_subcommand(1);
  c.verify = c.ledger->add_subcommand("verify", "Re-hash every published edition and follow the chain; exit 1 at the first mismatch");
  c.verify->fallthrough();
  c.checkpoint = c.ledger->add_subcommand("checkpoint", "Sign the current head of the ledger (Ed25519 key in the data folder)");
  c.checkpoint->fallthrough();

  c.import = app.add_subcommand("import", "Bulk import");
  c.import->fallthrough();
  c.import->require_subcommand(1);
  c.import_documents = c.import->add_subcommand("documents", "Import published documents from JSON Lines or CSV");
  c.import_documents->fallthrough();
  c.import_documents->add_option("file", c.file, "FILE.jsonl or FILE.csv (fields: id, title, org, date, doc_number, body)")->required();
  c.import_documents->add_option("--unit", c.unit, "Issuing unit: id or exact name (default: the district government)");
  c.import_documents->add_option("--column", c.column, "Column slug to file the documents in")->capture_default_str();
}

namespace {

int verify(gongkai::App& app) {
  long long last_shown = -1;
  auto report = app.disclosure.verify_ledger([&](long long done, long long total) {
    long long pct = total ? done * 100 / total : 100;
    if (pct / 10 != last_shown / 10 || done == total) {
      std::cerr << fmt::format("\r核验台账 [{:<20}] {:>3}%  {}/{}", std::string(static_cast<std::size_t>(pct / 5), '#'), pct, done, total)
                << std::flush;
      last_shown = pct;
    }
  });
  std::cerr << "\n";
  if (report.ok) {
    std::cout << fmt::format("台账完整：{} 条记录、{} 个签名检查点均与存储内容一致。\n", report.entries, report.checkpoints);
    return 0;
  }
  std::cout << fmt::format("台账不一致：第 {} 条。{}\n", report.first_bad_seq, report.problem);
  return 1;
}

}  // namespace

int run_disclosure_commands(const DisclosureCommands& c, gongkai::App& app) {
  if (c.verify->parsed()) return verify(app);
  if (c.checkpoint->parsed()) {
    auto cp = app.disclosure.checkpoint();
    if (!cp) {
      std::cout << "台账自上一个检查点以来没有新记录（或尚无记录），无需签名。\n";
      return 0;
    }
    std::cout << fmt::format("已签名检查点：第 {} 条，链头 {}\n公钥 {}\n签名 {}\n", cp->seq, cp->entry_hash, cp->public_key,
                             cp->signature);
    return 0;
  }
  return 2;
}

}  // namespace cli
