// gongkai: one binary for the server and every administrative command. See `gongkai --help`.
#include "cli/commands.hpp"

int main(int argc, char** argv) { return cli::run(argc, argv); }
