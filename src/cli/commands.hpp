// The `gongkai` command line: serve, migrate, demo, user add, backup. Configuration comes from flags, then
// GONGKAI_* environment variables, then a config file (--config, INI/TOML "key = value").
#pragma once

namespace cli {

// Parses arguments and runs the chosen subcommand; returns the process exit code.
int run(int argc, char** argv);

}  // namespace cli
