// `gongkai ledger verify|checkpoint` and `gongkai import documents FILE`: the command-line side of 主动公开.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "gongkai/app.hpp"

namespace cli {

struct DisclosureCommands {
  CLI::App* ledger = nullptr;
  CLI::App* verify = nullptr;
  CLI::App* checkpoint = nullptr;
  CLI::App* import = nullptr;
  CLI::App* import_documents = nullptr;
  std::string file, unit, column = "statutory";
  bool parsed() const { return ledger->parsed() || import->parsed(); }
};

// Declares the subcommands on `app`.
void add_disclosure_commands(CLI::App& app, DisclosureCommands& c);
// Runs whichever of them was given; returns the process exit code (verify: 1 when the ledger does not match).
int run_disclosure_commands(const DisclosureCommands& c, gongkai::App& app);

}  // namespace cli
