// Serves the embedded static/ folder (CSS, scripts, images, fonts) with validators and caching headers:
// ETag (content hash), Last-Modified (build), Cache-Control, conditional GET (304) and single byte ranges (206/416).
// Lookups never touch the file system at run time unless an asset override folder is set.
#pragma once

#include <optional>
#include <string>

#include "platform/http/message.hpp"

namespace platform::http {

class StaticFiles {
 public:
  // `url_prefix` like "/static/"; files are the embedded assets under "static/".
  explicit StaticFiles(std::string url_prefix);
  // A response for a GET/HEAD under the prefix, or nullopt if the request is not for a static file.
  // Unknown files under the prefix get nullopt too, so the router's helpful 404 page answers.
  std::optional<Response> serve(const Request& req) const;

 private:
  struct File {
    std::string body;
    std::string etag;
    std::string content_type;
  };
  std::string prefix_;
  std::string last_modified_;
  std::map<std::string, File, std::less<>> files_;
};

// Content type for a file name by its extension (used for static files only; uploads are checked by content).
std::string content_type_for(std::string_view name);

}  // namespace platform::http
