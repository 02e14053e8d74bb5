#include "platform/http/server.hpp"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <list>
#include <mutex>
#include <spdlog/spdlog.h>

#include "platform/errors.hpp"
#include <thread>

#include "platform/crypto.hpp"

namespace platform::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;
constexpr auto as_tuple = asio::as_tuple(asio::use_awaitable);

struct Server::Impl {
  ServerOptions opt;
  App app;
  Fast fast;
  ErrorPage error_page;
  Finish finish;

  asio::io_context ioc;
  asio::thread_pool workers;
  tcp::acceptor acceptor{ioc};
  asio::signal_set signals{ioc};
  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> connections{0};
  std::atomic<std::uint64_t> request_seq{0};
  std::string id_prefix = random_token(4);

  // Open connections, so that stop() can close the idle ones. Guarded by mu.
  struct Conn {
    beast::tcp_stream* stream;
    std::atomic<bool> idle{true};
  };
  std::mutex mu;
  std::list<Conn*> conns;

  explicit Impl(ServerOptions o) : opt(std::move(o)), workers(std::max(1u, opt.worker_threads)) {}

  std::string next_request_id() {
    return id_prefix + "-" + std::to_string(request_seq.fetch_add(1, std::memory_order_relaxed) + 1);
  }

  awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), as_tuple);
      if (ec) {
        if (stopping || ec == asio::error::operation_aborted) co_return;
        spdlog::warn("accept failed: {}", ec.message());
        continue;
      }
      asio::co_spawn(socket.get_executor(), session(std::move(socket)), asio::detached);
    }
  }

  Response respond_error(Request& req, unsigned status, std::string_view msg) {
    try {
      return error_page(req, status, msg);
    } catch (...) {
      return Response::text(std::string(msg), status);
    }
  }

  awaitable<bool> write(beast::tcp_stream& stream, Request& req, Response& res, bool keep_alive) {
    if (finish) finish(req, res);
    beast_http::response<beast_http::string_body> out{static_cast<beast_http::status>(res.status), 11};
    for (const auto& f : res.headers) out.insert(f.name(), f.name_string(), f.value());  // no name lookup per header
    out.set(beast_http::field::server, "gongkai");
    out.keep_alive(keep_alive);
    const bool head = req.method() == Verb::head;
    if (head) {
      out.content_length(res.body.size());
    } else {
      out.body() = std::move(res.body);
      out.prepare_payload();
    }
    stream.expires_after(opt.request_timeout);
    beast_http::response_serializer<beast_http::string_body> sr{out};
    if (head) {
      auto [ec, n] = co_await beast_http::async_write_header(stream, sr, as_tuple);
      co_return !ec;
    }
    auto [ec, n] = co_await beast_http::async_write(stream, sr, as_tuple);
    co_return !ec;
  }

  std::string client_address(const tcp::socket& s, const Request* req) {
    if (req && opt.trust_proxy) {
      std::string_view real = req->header("X-Real-IP");
      if (!real.empty()) return std::string(real.substr(0, 64));
      std::string_view xff = req->header("X-Forwarded-For");
      if (!xff.empty()) {
        auto comma = xff.find(',');
        std::string_view first = xff.substr(0, comma);
        while (!first.empty() && first.back() == ' ') first.remove_suffix(1);
        return std::string(first.substr(0, 64));
      }
    }
    beast::error_code ec;
    auto ep = s.remote_endpoint(ec);
    return ec ? std::string("unknown") : ep.address().to_string();
  }

  awaitable<void> session(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    Conn conn{&stream};
    {
      std::lock_guard lk(mu);
      conns.push_back(&conn);
    }
    std::size_t open = connections.fetch_add(1) + 1;
    struct Guard {
      Impl* self;
      Conn* c;
      ~Guard() {
        std::lock_guard lk(self->mu);
        self->conns.remove(c);
        self->connections.fetch_sub(1);
      }
    } guard{this, &conn};

    beast::flat_buffer buffer;
    if (open > opt.max_connections) {
      Request req;
      req.request_id = next_request_id();
      Response r = respond_error(req, 503, "服务器繁忙，请稍后再试。");
      r.set(beast_http::field::retry_after, "5");
      co_await write(stream, req, r, false);
      stream.socket().shutdown(tcp::socket::shutdown_send);
      co_return;
    }

    for (;;) {
      conn.idle = true;
      if (stopping) break;
      beast_http::request_parser<beast_http::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(opt.header_limit));
      parser.body_limit(opt.body_limit);

      // Wait for the first bytes of the next request with the idle timeout, then give the whole request the
      // request timeout, so a slow client that trickles bytes is dropped.
      stream.expires_after(buffer.size() ? opt.request_timeout : opt.idle_timeout);
      if (buffer.size() == 0) {
        auto [ec0, n0] = co_await stream.async_read_some(buffer.prepare(4096), as_tuple);
        if (ec0) break;
        buffer.commit(n0);
      }
      conn.idle = false;
      stream.expires_after(opt.request_timeout);
      auto [ec, n] = co_await beast_http::async_read(stream, buffer, parser, as_tuple);
      if (ec == beast_http::error::end_of_stream || ec == asio::error::eof || ec == beast::error::timeout ||
          ec == asio::error::operation_aborted || ec == asio::error::connection_reset) {
        break;
      }
      if (ec) {
        Request req;
        // A Content-Length over the limit fails while the header completes, so look at the target too.
        if (parser.is_header_done() || !parser.get().target().empty()) {
          // The header was read (the body is too large or broken): answer in the request's terms (JSON for /api/).
          beast_http::request<beast_http::string_body> head;
          head.base() = parser.get().base();
          req = Request(std::move(head), "");
          req.set_remote_addr(client_address(stream.socket(), &req));
        }
        req.request_id = next_request_id();
        unsigned status = 400;
        std::string_view msg = "请求格式无效。";
        if (ec == beast_http::error::body_limit) { status = 413; msg = "提交的内容超过了大小限制。"; }
        else if (ec == beast_http::error::header_limit) { status = 431; msg = "请求头过大。"; }
        req.route = "(" + std::to_string(status) + ")";
        Response r = respond_error(req, status, msg);
        co_await write(stream, req, r, false);
        break;
      }

      Request req(parser.release(), "");
      req.request_id = next_request_id();
      req.set_remote_addr(client_address(stream.socket(), &req));
      Response res;
      bool answered = false;
      if (fast) {
        try {
          if (auto r = fast(req)) {
            res = std::move(*r);
            answered = true;
          }
        } catch (const std::exception& e) {
          spdlog::error("request {} failed on the fast path: {}", req.request_id, platform::loggable(e));
        }
      }
      if (!answered) {
        // Run the application on the worker pool; resume here, on this connection's strand, with its answer.
        res = co_await asio::co_spawn(
            workers,
            [this, &req]() -> awaitable<Response> {
              try {
                co_return app(req);
              } catch (const std::exception& e) {
                spdlog::error("request {} failed: {}", req.request_id, platform::loggable(e));
                co_return respond_error(req, 500, "服务器内部错误，请稍后再试。");
              }
            },
            use_awaitable);
      }
      bool keep = req.keep_alive() && !stopping;
      if (!co_await write(stream, req, res, keep)) break;
      if (!keep) break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  void begin_stop() {
    if (stopping.exchange(true)) return;
    asio::post(ioc, [this] {
      beast::error_code ec;
      acceptor.close(ec);
      signals.cancel(ec);
      // Close connections that wait for a next request; busy ones finish their response and then close.
      std::lock_guard lk(mu);
      for (Conn* c : conns) {
        if (c->idle) asio::post(c->stream->get_executor(), [s = c->stream] { s->cancel(); });
      }
    });
  }
};

Server::Server(ServerOptions options, App app, Fast fast, ErrorPage error_page, Finish finish)
    : impl_(std::make_unique<Impl>(std::move(options))) {
  impl_->app = std::move(app);
  impl_->fast = std::move(fast);
  impl_->error_page = std::move(error_page);
  impl_->finish = std::move(finish);
}

Server::~Server() {
  impl_->workers.join();
}

Result<std::uint16_t> Server::listen() {
  auto& a = impl_->acceptor;
  beast::error_code ec;
  auto addr = asio::ip::make_address(impl_->opt.address, ec);
  if (ec) return make_error("listen_failed", "监听地址无效：" + impl_->opt.address);
  tcp::endpoint ep{addr, impl_->opt.port};
  a.open(ep.protocol(), ec);
  if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(ep, ec);
  if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return make_error("listen_failed", "无法监听 " + impl_->opt.address + ":" + std::to_string(impl_->opt.port) + "：" + ec.message());
  return a.local_endpoint().port();
}

void Server::run() {
  auto& im = *impl_;
  if (im.opt.handle_signals) {
    im.signals.add(SIGINT);
    im.signals.add(SIGTERM);
    im.signals.async_wait([this](const beast::error_code& ec, int sig) {
      if (ec) return;
      spdlog::info("signal {} received: finishing requests in flight, then stopping", sig);
      impl_->begin_stop();
    });
  }
  asio::co_spawn(im.ioc, im.accept_loop(), asio::detached);

  // A watchdog ends the io_context once stopping and drained (or the grace period ran out).
  std::thread watchdog([&im] {
    while (!im.stopping) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    auto deadline = std::chrono::steady_clock::now() + im.opt.shutdown_grace;
    while (im.connections > 0 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (im.connections > 0) spdlog::warn("{} connections still open after the grace period", im.connections.load());
    im.ioc.stop();
  });

  std::vector<std::thread> threads;
  for (unsigned i = 1; i < std::max(1u, im.opt.io_threads); ++i) threads.emplace_back([&im] { im.ioc.run(); });
  im.ioc.run();
  for (auto& t : threads) t.join();
  im.stopping = true;
  watchdog.join();
  im.workers.join();
}

void Server::stop() { impl_->begin_stop(); }

std::uint16_t Server::port() const {
  beast::error_code ec;
  auto ep = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : ep.port();
}

std::size_t Server::open_connections() const { return impl_->connections; }

}  // namespace platform::http
