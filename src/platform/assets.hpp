// Read-only files the binary carries: migrations, templates, static files and shipped configuration.
// They are compiled in (cmake/embed_assets.cmake), so one binary is the whole installation. For development an
// override folder may be set: a file found there wins over the embedded copy, so templates can be edited live.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace platform::assets {

// Sets the folder searched before the embedded files (empty: embedded only). Call before serving.
void set_override_dir(std::string dir);

// The content of `name` (a path relative to the repository root, e.g. "templates/layout.mustache"), or nullopt.
std::optional<std::string> read(std::string_view name);

// Names of embedded assets that start with `prefix`, sorted.
std::vector<std::string> list(std::string_view prefix);

}  // namespace platform::assets
