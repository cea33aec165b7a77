// The HTTP server behind `keruen serve`: Boost.Beast over Asio, serving the routes of
// api_routes.h.
//
// Threads: a pool runs one io_context; each connection is served on its own strand, and a
// request's handler runs to completion on a pool thread (store calls block), so up to
// `threads` requests are handled at once. Writes to the store are serialised by a mutex
// (api_routes.h); reads run concurrently, as the SQLite store's read pool allows.
//
// Limits: a body over `max_body_bytes` is answered 413 as soon as its Content-Length shows
// it (or when a chunked body passes the limit) and the connection is closed after the
// rest of the upload is drained for a moment, so the client sees the answer instead of a
// reset. `Expect: 100-continue` is honoured, so curl uploads do not stall. Slow or idle
// clients are cut off by the timeouts.
//
// Stopping is graceful: the listener closes, idle keep-alive connections close, and
// requests whose headers have arrived are finished and answered (with Connection: close)
// before the pool exits.
#ifndef KERUEN_API_SERVER_H_
#define KERUEN_API_SERVER_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "keruen/api/api_routes.h"
#include "keruen/api/router.h"
#include "keruen/core/error.h"
#include "keruen/core/time.h"
#include "keruen/store/store.h"

namespace keruen {

struct ApiServerOptions {
  // Loopback by default: exposing the API on a network is a deliberate choice.
  std::string bind_address = "127.0.0.1";  // an IP address or a host name
  uint16_t port = 8080;                    // 0 picks a free port; see ApiServer::port()
  size_t max_body_bytes = size_t{64} << 20;
  int threads = 0;  // 0: one per hardware thread
  // From the end of the previous response (or the connection) to the end of the headers.
  std::chrono::milliseconds header_timeout = std::chrono::seconds(30);
  // To receive the whole body once the headers are in.
  std::chrono::milliseconds body_timeout = std::chrono::seconds(120);
  // To send a whole response to a client that is not reading.
  std::chrono::milliseconds write_timeout = std::chrono::seconds(60);
};

class ApiServer {
 public:
  // `store` and `clock` must outlive the server. The clock stamps the Date header and
  // /healthz, so a simulated clock shows through.
  ApiServer(Store& store, const Clock& clock, ApiServerOptions options = {},
            ApiEngines engines = {});
  ~ApiServer();  // Stop()
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // Binds, listens and starts the thread pool; returns once the server accepts
  // connections. Fails (kUnavailable) when the address cannot be bound, or when the server
  // was started or shut down before.
  Status Start();

  // The bound port (the one picked when options.port was 0); 0 before Start.
  uint16_t port() const;

  // Begins a graceful stop and returns at once. Safe from any thread, more than once.
  void Shutdown();
  // Blocks until the server has stopped (after Shutdown); returns at once if not started.
  void Wait();
  // Shutdown() and Wait().
  void Stop();

  // The routes served, for documentation and tests.
  const Router& router() const;

  // The mutex the routes hold around every store write (api_routes.h). A writer running
  // beside the server (tracking's periodic Tick) holds it too, so that one lock order,
  // this mutex first, covers every write path.
  std::mutex& write_mutex();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Serves until SIGINT or SIGTERM arrives, then stops `server` gracefully and returns the
// signal number; returns 0 if the server stops for another reason first. `server` must be
// started. `on_ready` runs once the signal handlers are installed (a good moment to tell a
// supervisor the server is up: an earlier signal would kill the process outright).
int RunUntilSignal(ApiServer& server, const std::function<void()>& on_ready = {});

}  // namespace keruen

#endif  // KERUEN_API_SERVER_H_
