// End-to-end ingestion over loopback: a client posts NDJSON batches of declarations to a
// real ApiServer backed by a SqliteStore on a temporary file, on one keep-alive
// connection. items_per_second is declarations stored per second, including HTTP, JSON
// parsing, validation, the SQLite transaction and its commit.
#include <benchmark/benchmark.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "keruen/api/internal/test_support.h"
#include "keruen/api/server.h"

namespace keruen {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

// One server and connection for the whole run.
struct Fixture {
  Fixture() : temp(clock) {
    if (temp.get() == nullptr) {
      error = "cannot open a store: " + temp.error();
      return;
    }
    const auto example = nlohmann::json::parse(
        api_testing::ReadSpecFile("declaration.example.json"), nullptr, false);
    if (!example.is_object()) {
      error = "cannot read shared/spec/declaration.example.json";
      return;
    }
    example_line = example.dump();
    const std::string old_id = "\"26KZ0101T0004217\"";
    id_at = example_line.find(old_id);
    example_line.replace(id_at, old_id.size(), "\"\"");
    ++id_at;  // just inside the empty id's quotes

    ApiServerOptions options;
    options.port = 0;
    options.threads = 2;
    server = std::make_unique<ApiServer>(*temp.get(), clock, options);
    if (auto s = server->Start(); !s) {
      error = s.error().ToString();
      return;
    }
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server->port()));
  }

  // `n` lines of the example with ids never used before.
  std::string Batch(int n) {
    std::string batch;
    for (int i = 0; i < n; ++i) {
      std::string line = example_line;
      line.insert(id_at, "BENCH-" + std::to_string(next_id++));
      batch += line;
      batch += '\n';
    }
    return batch;
  }

  // Posts and returns the status.
  unsigned Post(std::string body) {
    http::request<http::string_body> req{http::verb::post, "/api/v1/declarations", 11};
    req.set(http::field::host, "127.0.0.1");
    req.set(http::field::content_type, "application/x-ndjson");
    req.body() = std::move(body);
    req.prepare_payload();
    http::write(socket, req);
    http::response<http::string_body> res;
    http::read(socket, buffer, res);
    return res.result_int();
  }

  unsigned Get(const std::string& target) {
    http::request<http::empty_body> req{http::verb::get, target, 11};
    req.set(http::field::host, "127.0.0.1");
    http::write(socket, req);
    http::response<http::string_body> res;
    http::read(socket, buffer, res);
    return res.result_int();
  }

  SystemClock clock;
  api_testing::TempStore temp;
  std::string error;
  std::string example_line;
  size_t id_at = 0;
  int64_t next_id = 0;
  std::unique_ptr<ApiServer> server;
  asio::io_context io;
  tcp::socket socket{io};
  beast::flat_buffer buffer;
};

Fixture& Shared() {
  static Fixture fixture;
  return fixture;
}

void BM_PostDeclarationBatch(benchmark::State& state) {
  Fixture& f = Shared();
  if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
  const int n = static_cast<int>(state.range(0));
  for (auto _ : state) {
    state.PauseTiming();
    std::string batch = f.Batch(n);
    state.ResumeTiming();
    if (f.Post(std::move(batch)) != 201) return state.SkipWithError("POST was not answered 201");
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_PostDeclarationBatch)->Arg(1)->Arg(100)->Arg(1000)->UseRealTime();

void BM_GetDeclaration(benchmark::State& state) {
  Fixture& f = Shared();
  if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
  if (f.Post(f.Batch(1)) != 201) return state.SkipWithError("POST was not answered 201");
  const std::string target = "/api/v1/declarations/BENCH-" + std::to_string(f.next_id - 1);
  for (auto _ : state) {
    if (f.Get(target) != 200) return state.SkipWithError("GET was not answered 200");
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GetDeclaration)->UseRealTime();

}  // namespace
}  // namespace keruen

BENCHMARK_MAIN();
