#include "keruen/api/server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "keruen/api/api_routes.h"
#include "keruen/api/problem.h"

namespace keruen {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

// After an error answer with an unread body, how long and how much of the rest of the
// upload is read and dropped before closing, so the client reads the answer rather than
// a connection reset.
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr size_t kLingerBytes = size_t{4} << 20;
// Pause before accepting again after an accept error (e.g. out of file descriptors).
constexpr auto kAcceptRetryDelay = std::chrono::milliseconds(100);

// RFC 9110 IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT".
std::string HttpDate(Timestamp t) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t time = static_cast<std::time_t>(t);
  std::tm tm{};
  if (gmtime_r(&time, &tm) == nullptr) return {};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

class Session;

// What every connection of one server shares.
struct ServerState {
  const Router& router;
  const Clock& clock;
  const ApiServerOptions& options;

  // Set once by Shutdown; read by sessions deciding whether to serve another request.
  std::atomic<bool> stopping{false};
  // Live sessions, so Shutdown can reach the idle ones. Registration and `stopping` share
  // the mutex: a session either registers before Shutdown looks, or sees `stopping`.
  std::mutex sessions_mutex;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
};

// One connection: reads requests one after the other (keep-alive), routes each and writes
// the answer. All its work runs on its strand.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, ServerState& state) : stream_(std::move(socket)), state_(state) {}

  ~Session() {
    std::lock_guard<std::mutex> lock(state_.sessions_mutex);
    state_.sessions.erase(this);
  }

  // Registers with the server and starts reading; closes at once when it is stopping.
  void Start() {
    {
      std::lock_guard<std::mutex> lock(state_.sessions_mutex);
      if (!state_.stopping) state_.sessions.emplace(this, weak_from_this());
    }
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->ReadHeader(); });
  }

  // Closes the connection if it is between requests; a request in progress is finished.
  void Stop() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->phase_ == Phase::kAwaitingHeader || self->phase_ == Phase::kDraining) {
        self->Close();
      }
    });
  }

 private:
  enum class Phase { kAwaitingHeader, kReadingBody, kHandling, kWriting, kDraining, kClosed };

  void ReadHeader() {
    if (state_.stopping) return Close();
    phase_ = Phase::kAwaitingHeader;
    parser_.emplace();
    parser_->body_limit(state_.options.max_body_bytes);
    stream_.expires_after(state_.options.header_timeout);
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    if (phase_ == Phase::kClosed) return;  // Stop closed it as the header arrived
    if (ec) return OnReadError(ec);
    phase_ = Phase::kReadingBody;
    if (parser_->is_done()) return Handle();
    const auto& header = parser_->get();
    if (beast::iequals(header[http::field::expect], "100-continue")) {
      continue_ = {http::status::continue_, header.version()};
      stream_.expires_after(state_.options.write_timeout);
      http::async_write(stream_, continue_,
                        [self = shared_from_this()](beast::error_code ec, size_t) {
                          if (ec) return self->Close();
                          self->ReadBody();
                        });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    stream_.expires_after(state_.options.body_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) {
                       if (ec) return self->OnReadError(ec);
                       self->Handle();
                     });
  }

  // The client closed, timed out, or sent something that is not HTTP.
  void OnReadError(beast::error_code ec) {
    if (phase_ == Phase::kClosed) return;
    Problem problem;
    if (parser_) {
      // Filled in as far as parsing got: the target is known even when a header was bad.
      const std::string_view target = parser_->get().target();
      problem.instance = std::string(target.substr(0, target.find('?')));
    }
    if (ec == http::error::body_limit) {
      problem.kind = ProblemKind::kPayloadTooLarge;
      problem.detail =
          "the body is larger than " + std::to_string(state_.options.max_body_bytes) + " bytes";
    } else if (ec == http::error::header_limit) {
      problem.kind = ProblemKind::kBadRequest;
      problem.detail = "the request headers are too large";
    } else if (ec.category() == beast::http::make_error_code(http::error::bad_target).category() &&
               ec != http::error::end_of_stream && ec != http::error::partial_message) {
      problem.kind = ProblemKind::kBadRequest;
      problem.detail = "not a valid HTTP/1.1 request: " + ec.message();
    } else {
      return Close();  // end of stream, reset, timeout or cancelled by Stop
    }
    Respond(ProblemResponse(problem), /*version=*/11, /*keep_alive=*/false, /*drain=*/true);
  }

  void Handle() {
    phase_ = Phase::kHandling;
    const auto& req = parser_->get();
    const std::string_view content_type = req[http::field::content_type];
    const HttpRequest request{req.method_string(), req.target(), content_type, req.body()};
    HttpResponse response;
    try {
      response = state_.router.Dispatch(request);
    } catch (const std::exception& e) {  // e.g. bad_alloc building an answer
      Problem problem;
      problem.kind = ProblemKind::kInternal;
      problem.detail = std::string("unexpected failure: ") + e.what();
      problem.instance = std::string(req.target().substr(0, req.target().find('?')));
      response = ProblemResponse(problem);
    }
    Respond(std::move(response), req.version(), req.keep_alive() && !state_.stopping,
            /*drain=*/false);
  }

  void Respond(HttpResponse response, unsigned version, bool keep_alive, bool drain) {
    phase_ = Phase::kWriting;
    parser_.reset();  // the request's body is no longer needed
    response_ = {};
    response_.version(version);
    response_.result(static_cast<unsigned>(response.status));
    response_.set(http::field::server, "keruen/" KERUEN_VERSION);
    response_.set(http::field::date, HttpDate(state_.clock.Now()));
    response_.set(http::field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) response_.set(name, value);
    response_.keep_alive(keep_alive);
    response_.body() = std::move(response.body);
    response_.prepare_payload();
    stream_.expires_after(state_.options.write_timeout);
    http::async_write(stream_, response_,
                      [self = shared_from_this(), keep_alive, drain](beast::error_code ec, size_t) {
                        if (ec) return self->Close();
                        if (keep_alive) return self->ReadHeader();
                        if (drain) return self->Drain();
                        self->Close();
                      });
  }

  // Half-closes and reads what the client is still sending, for a while, then closes.
  void Drain() {
    phase_ = Phase::kDraining;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(kLingerTime);
    DrainSome();
  }

  void DrainSome() {
    stream_.async_read_some(asio::buffer(drain_buffer_),
                            [self = shared_from_this()](beast::error_code ec, size_t n) {
                              self->drained_ += n;
                              if (ec || self->drained_ > kLingerBytes) return self->Close();
                              self->DrainSome();
                            });
  }

  void Close() {
    if (phase_ == Phase::kClosed) return;
    phase_ = Phase::kClosed;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  ServerState& state_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::empty_body> continue_;
  http::response<http::string_body> response_;
  std::array<char, 16384> drain_buffer_;
  size_t drained_ = 0;
  Phase phase_ = Phase::kAwaitingHeader;
};

}  // namespace

struct ApiServer::Impl {
  Impl(Store& store, const Clock& clock, ApiServerOptions opts, ApiEngines engines)
      : options(std::move(opts)),
        router(MakeApiRouter(store, clock, write_mutex, engines)),
        state{router, clock, options},
        acceptor(asio::make_strand(io)),
        accept_retry(acceptor.get_executor()) {}

  void Accept() {
    acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
      if (!acceptor.is_open()) return;  // closed by Shutdown
      if (ec) {
        // Transient (a client gave up, descriptors ran out): try again shortly.
        accept_retry.expires_after(kAcceptRetryDelay);
        accept_retry.async_wait([this](beast::error_code wait_ec) {
          if (!wait_ec && acceptor.is_open()) Accept();
        });
        return;
      }
      std::make_shared<Session>(std::move(socket), state)->Start();
      Accept();
    });
  }

  void RunThread() {
    // A handler that throws would otherwise take the process down; report and go on.
    while (true) {
      try {
        io.run();
        return;
      } catch (const std::exception& e) {
        std::fprintf(stderr, "keruen api: unexpected exception in the I/O loop: %s\n", e.what());
      }
    }
  }

  ApiServerOptions options;
  std::mutex write_mutex;
  Router router;
  ServerState state;
  // Destroyed before `state`: pending handlers own sessions, which unregister from it.
  asio::io_context io;
  tcp::acceptor acceptor;  // on its own strand; touched only from there once started
  asio::steady_timer accept_retry;
  std::atomic<uint16_t> port{0};
  bool started = false;  // guarded by lifecycle_mutex
  std::mutex lifecycle_mutex;
  std::mutex wait_mutex;  // serialises joining the pool
  std::vector<std::thread> threads;
};

ApiServer::ApiServer(Store& store, const Clock& clock, ApiServerOptions options, ApiEngines engines)
    : impl_(std::make_unique<Impl>(store, clock, std::move(options), engines)) {}

ApiServer::~ApiServer() { Stop(); }

Status ApiServer::Start() {
  Impl& s = *impl_;
  std::lock_guard<std::mutex> lock(s.lifecycle_mutex);
  if (s.started || s.state.stopping) {
    return MakeError(ErrorCode::kUnavailable, "the server was already started");
  }
  const std::string where = s.options.bind_address + ":" + std::to_string(s.options.port);
  beast::error_code ec;
  tcp::resolver resolver(s.io);
  const auto endpoints =
      resolver.resolve(s.options.bind_address, std::to_string(s.options.port),
                       tcp::resolver::numeric_service | tcp::resolver::passive, ec);
  if (ec || endpoints.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "cannot resolve bind address " + s.options.bind_address + ": " + ec.message(),
                     "bind_address");
  }
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  auto fail = [&](std::string_view step) {
    beast::error_code ignored;
    s.acceptor.close(ignored);
    return MakeError(ErrorCode::kUnavailable,
                     "cannot " + std::string(step) + " " + where + ": " + ec.message());
  };
  s.acceptor.open(endpoint.protocol(), ec);
  if (ec) return fail("open a socket for");
  s.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (ec) return fail("configure");
  s.acceptor.bind(endpoint, ec);
  if (ec) return fail("bind");
  s.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return fail("listen on");
  s.port = s.acceptor.local_endpoint(ec).port();
  if (ec) return fail("read the bound port of");

  s.started = true;
  s.Accept();
  const unsigned n = s.options.threads > 0 ? static_cast<unsigned>(s.options.threads)
                                           : std::max(1u, std::thread::hardware_concurrency());
  for (unsigned i = 0; i < n; ++i) s.threads.emplace_back([&s] { s.RunThread(); });
  return Ok();
}

uint16_t ApiServer::port() const { return impl_->port; }

void ApiServer::Shutdown() {
  Impl& s = *impl_;
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard<std::mutex> lock(s.state.sessions_mutex);
    if (s.state.stopping.exchange(true)) return;
    for (auto& [raw, weak] : s.state.sessions) {
      if (auto session = weak.lock()) live.push_back(std::move(session));
    }
  }
  asio::post(s.acceptor.get_executor(), [&s] {
    beast::error_code ignored;
    s.acceptor.close(ignored);
    s.accept_retry.cancel();
  });
  for (const auto& session : live) session->Stop();
}

void ApiServer::Wait() {
  std::lock_guard<std::mutex> lock(impl_->wait_mutex);
  for (std::thread& t : impl_->threads) {
    if (t.joinable()) t.join();
  }
}

void ApiServer::Stop() {
  Shutdown();
  Wait();
}

const Router& ApiServer::router() const { return impl_->router; }

std::mutex& ApiServer::write_mutex() { return impl_->write_mutex; }

int RunUntilSignal(ApiServer& server, const std::function<void()>& on_ready) {
  asio::io_context io;
  asio::signal_set signals(io, SIGINT, SIGTERM);
  int received = 0;
  signals.async_wait([&](const beast::error_code& ec, int signal) {
    if (!ec) received = signal;
    server.Shutdown();
  });
  // When the server stops for another reason, stop waiting for a signal.
  std::thread waiter([&] {
    server.Wait();
    asio::post(io, [&] { signals.cancel(); });
  });
  if (on_ready) on_ready();
  io.run();
  waiter.join();
  return received;
}

}  // namespace keruen
