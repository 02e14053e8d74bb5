// The `gongkai` command line: serve, migrate, init, demo, user add, backup. Configuration comes from flags, then
// a config file (--config, INI/TOML "key = value", serve options under [serve]), then GONGKAI_* environment
// variables (CLI11 2.1 reads the file before the environment), then defaults.
#pragma once

namespace cli {

// Parses arguments and runs the chosen subcommand; returns the process exit code.
int run(int argc, char** argv);

}  // namespace cli
