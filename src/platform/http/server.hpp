// HTTP/1.1 server on Boost.Beast and Asio C++20 coroutines.
//
// Network threads only parse and write; every application handler runs on a separate worker pool, so database
// work never blocks the network. A non-blocking `fast` handler (static files, micro-cached pages) may answer on the
// network thread first. Limits: header size (431), body size (413), whole-request time (slow clients dropped),
// idle keep-alive time, and the number of open connections (503 beyond it). Stop (SIGTERM/SIGINT or stop()):
// the listener closes, idle connections close, requests in flight finish and get "Connection: close", then run()
// returns; nothing is cut off mid-response unless the grace period runs out.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "platform/http/message.hpp"
#include "platform/result.hpp"

namespace platform::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;                   // 0: any free port (see Server::port())
  unsigned io_threads = 1;
  unsigned worker_threads = 4;
  std::size_t header_limit = 16 * 1024;
  std::size_t body_limit = 64 * 1024 * 1024;
  std::chrono::seconds request_timeout{30};    // from the first byte of a request to its last
  std::chrono::seconds idle_timeout{15};       // keep-alive wait for the next request
  std::chrono::seconds shutdown_grace{20};
  std::size_t max_connections = 10000;
  bool trust_proxy = false;                    // take the client address from X-Forwarded-For / X-Real-IP
  bool handle_signals = true;                  // stop on SIGTERM and SIGINT
};

class Server {
 public:
  using App = std::function<Response(Request&)>;
  using Fast = std::function<std::optional<Response>(Request&)>;
  // Builds an error response (status, Chinese message) for failures found before any handler ran.
  using ErrorPage = std::function<Response(Request&, unsigned status, std::string_view message)>;
  // Sees every response before it is written: security headers, access log, metrics.
  using Finish = std::function<void(const Request&, Response&)>;

  Server(ServerOptions options, App app, Fast fast, ErrorPage error_page, Finish finish);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. Error "listen_failed" with the system's reason (port in use, permission).
  Result<std::uint16_t> listen();
  // Serves until stopped, then drains. Call after listen().
  void run();
  // Asks the server to stop (thread-safe, idempotent).
  void stop();
  std::uint16_t port() const;
  std::size_t open_connections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace platform::http
