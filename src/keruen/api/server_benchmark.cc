// End-to-end ingestion over loopback: a client posts NDJSON batches of declarations to a
// real ApiServer backed by a SqliteStore on a temporary file, on one keep-alive
// connection. items_per_second is declarations stored per second, including HTTP, JSON
// parsing, validation, the SQLite transaction and its commit.
//
// BM_PostPositionBatch does the same for e-seal positions (POST /api/v1/positions): a
// server running transit tracking over the reference geography follows kTrackedMovements
// transit movements, each under its own seal, and every batch carries the next positions of
// all of them. items_per_second is positions through HTTP, parsing and validation, the
// movement monitor's rules and the SQLite transaction storing them.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "keruen/api/internal/test_client.h"
#include "keruen/api/internal/test_support.h"
#include "keruen/api/server.h"
#include "keruen/payments/payment_decision.h"
#include "keruen/risk/risk_service.h"
#include "keruen/tracking/geography.h"
#include "keruen/tracking/tracking_service.h"

namespace keruen {
namespace {

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
    client = std::make_unique<api_testing::Client>(server->port());
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
    return client->Post("/api/v1/declarations", std::move(body), "application/x-ndjson").status;
  }

  SystemClock clock;
  api_testing::TempStore temp;
  std::string error;
  std::string example_line;
  size_t id_at = 0;
  int64_t next_id = 0;
  std::unique_ptr<ApiServer> server;
  std::unique_ptr<api_testing::Client> client;
};

Fixture& Shared() {
  static Fixture fixture;
  return fixture;
}

// Times `post` of batches of `n` documents, each built by `batch(n)` outside the timing;
// false, with the benchmark skipped, when an answer is not `expected`.
template <typename MakeBatch, typename PostBatch>
bool TimeBatchPosts(benchmark::State& state, int n, MakeBatch&& batch, PostBatch&& post,
                    int expected, const char* error) {
  for (auto _ : state) {
    state.PauseTiming();
    std::string body = batch(n);
    state.ResumeTiming();
    if (static_cast<int>(post(std::move(body))) != expected) {
      state.SkipWithError(error);
      return false;
    }
  }
  return true;
}

void BM_PostDeclarationBatch(benchmark::State& state) {
  Fixture& f = Shared();
  if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
  const int n = static_cast<int>(state.range(0));
  if (!TimeBatchPosts(
          state, n, [&f](int k) { return f.Batch(k); },
          [&f](std::string body) { return f.Post(std::move(body)); }, 201,
          "POST was not answered 201")) {
    return;
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
    if (f.client->Get(target).status != 200) return state.SkipWithError("GET was not answered 200");
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GetDeclaration)->UseRealTime();

// A server with the risk engine and the payment monitor: each declaration posted gets its rules
// and lane, each payment its link and decision, before the answer. BM_DecideDeclaration and
// BM_DecidePayment post one document a request and report the latency percentiles (the
// release path: a customs post or a bank waits for this answer).
struct DecisionFixture {
  DecisionFixture() : temp(clock) {
    if (temp.get() == nullptr) {
      error = "cannot open a store: " + temp.error();
      return;
    }
    auto d = nlohmann::json::parse(api_testing::ReadSpecFile("declaration.example.json"), nullptr,
                                   false);
    auto p =
        nlohmann::json::parse(api_testing::ReadSpecFile("payment.example.json"), nullptr, false);
    if (!d.is_object() || !p.is_object()) {
      error = "cannot read shared/spec examples";
      return;
    }
    declaration = std::move(d);
    payment = std::move(p);
    auto risk_service = risk::RiskService::Open(*temp.get(), clock, {});
    if (!risk_service) {
      error = risk_service.error().ToString();
      return;
    }
    risk = std::move(*risk_service);
    monitor = std::make_unique<payments::PaymentMonitor>(clock, temp.get(), nullptr);
    ApiServerOptions options;
    options.port = 0;
    options.threads = 2;
    server = std::make_unique<ApiServer>(*temp.get(), clock, options,
                                         ApiEngines{.risk = risk.get(), .payments = monitor.get()});
    if (auto s = server->Start(); !s) {
      error = s.error().ToString();
      return;
    }
    client = std::make_unique<api_testing::Client>(server->port());
  }
  SystemClock clock;
  api_testing::TempStore temp;
  std::string error;
  nlohmann::json declaration, payment;
  int64_t next_id = 0;
  std::unique_ptr<risk::RiskService> risk;
  std::unique_ptr<payments::PaymentMonitor> monitor;
  std::unique_ptr<ApiServer> server;
  std::unique_ptr<api_testing::Client> client;
};

DecisionFixture& Decisions() {
  static DecisionFixture fixture;
  return fixture;
}

// Posts one document a request to `path`, `make(i)` building it outside the timing; the
// latency of each request goes into p50_us / p99_us.
template <typename Make>
void TimeSinglePosts(benchmark::State& state, const char* path, Make&& make) {
  DecisionFixture& f = Decisions();
  if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
  std::vector<double> micros;
  for (auto _ : state) {
    state.PauseTiming();
    std::string body = make(f.next_id++);
    state.ResumeTiming();
    const auto start = std::chrono::steady_clock::now();
    const unsigned status = f.client->Post(path, std::move(body), "application/json").status;
    micros.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
            .count());
    if (status != 201) return state.SkipWithError("POST was not answered 201");
  }
  std::sort(micros.begin(), micros.end());
  auto at = [&](double q) { return micros[static_cast<size_t>(q * (micros.size() - 1))]; };
  state.counters["p50_us"] = at(0.5);
  state.counters["p99_us"] = at(0.99);
  state.SetItemsProcessed(state.iterations());
}

void BM_DecideDeclaration(benchmark::State& state) {
  TimeSinglePosts(state, "/api/v1/declarations", [](int64_t i) {
    nlohmann::json d = Decisions().declaration;
    d["id"] = "DEC-" + std::to_string(i);
    return d.dump();
  });
}
BENCHMARK(BM_DecideDeclaration)->UseRealTime()->Iterations(3000);

void BM_DecidePayment(benchmark::State& state) {
  TimeSinglePosts(state, "/api/v1/payments", [](int64_t i) {
    nlohmann::json p = Decisions().payment;
    p["id"] = "PMT-" + std::to_string(i);
    return p.dump();
  });
}
BENCHMARK(BM_DecidePayment)->UseRealTime()->Iterations(3000);

constexpr int kTrackedMovements = 200;

// A server with tracking, following kTrackedMovements transits declared through the API.
struct TrackingFixture {
  TrackingFixture() : temp(clock) {
    if (temp.get() == nullptr) {
      error = "cannot open a store: " + temp.error();
      return;
    }
    auto loaded = tracking::MakeReferenceGeography();
    if (!loaded) {
      error = loaded.error().ToString();
      return;
    }
    geography = std::move(*loaded);
    service = std::make_unique<tracking::TrackingService>(*temp.get(), *geography, clock);
    ApiServerOptions options;
    options.port = 0;
    options.threads = 2;
    server = std::make_unique<ApiServer>(*temp.get(), clock, options,
                                         ApiEngines{.tracking = service.get()});
    if (auto s = server->Start(); !s) {
      error = s.error().ToString();
      return;
    }
    client = std::make_unique<api_testing::Client>(server->port());
    const auto example = nlohmann::json::parse(
        api_testing::ReadSpecFile("declaration.example.json"), nullptr, false);
    if (!example.is_object()) {
      error = "cannot read shared/spec/declaration.example.json";
      return;
    }
    std::string declarations;
    for (int i = 0; i < kTrackedMovements; ++i) {
      // Lodged before the first position, due long after the last one.
      nlohmann::json d = api_testing::DeclarationVariant(example, i, "transit");
      d["lodged_at"] = "2026-03-01T00:00:00Z";
      d["itinerary"]["limit_date"] = "2026-03-31T00:00:00Z";
      d["transport"]["seals"] = {"BENCH-SEAL-" + std::to_string(i)};
      declarations += d.dump() + "\n";
    }
    if (Post("/api/v1/declarations", "application/x-ndjson", std::move(declarations)) != 201) {
      error = "the declarations were not stored";
    }
  }

  // `n` positions: the next report of each seal in turn, a minute apart per seal, wandering
  // a few kilometres along the road east of the Zhaisan post (the declarations' entry).
  std::string Batch(int n) {
    std::string batch;
    char line[256];
    for (int i = 0; i < n; ++i, ++next) {
      const int64_t seal = next % kTrackedMovements;
      const int64_t step = next / kTrackedMovements;
      const Timestamp ts = kFirstPosition + 60 * step;
      const double wobble = static_cast<double>(step % 50) * 0.002;
      std::snprintf(line, sizeof line,
                    "{\"device\":\"BENCH-SEAL-%lld\",\"ts\":\"%s\",\"lat\":%.5f,\"lon\":%.5f,"
                    "\"speed_kmh\":%d,\"battery_pct\":90,\"event\":null}\n",
                    static_cast<long long>(seal), FormatTimestamp(ts).c_str(), 50.845 - wobble / 4,
                    56.20 + wobble, 40 + static_cast<int>(step % 30));
      batch += line;
    }
    return batch;
  }

  unsigned Post(const std::string& target, std::string_view type, std::string body) {
    api_testing::Reply reply = client->Post(target, std::move(body), type);
    last_body = std::move(reply.body);
    return static_cast<unsigned>(reply.status);
  }

  // 2026-03-01T02:00:00Z, after every declaration of the fixture was lodged; the clock is
  // ahead of every position a run sends (a million positions span 3.5 days).
  static constexpr Timestamp kFirstPosition = 1772330400;
  ManualClock clock{kFirstPosition + 30 * 86400};
  api_testing::TempStore temp;
  std::string error;
  std::unique_ptr<tracking::Geography> geography;
  std::unique_ptr<tracking::TrackingService> service;
  std::unique_ptr<ApiServer> server;
  std::unique_ptr<api_testing::Client> client;
  std::string last_body;
  int64_t next = 0;
};

TrackingFixture& SharedTracking() {
  static TrackingFixture fixture;
  return fixture;
}

void BM_PostPositionBatch(benchmark::State& state) {
  TrackingFixture& f = SharedTracking();
  if (!f.error.empty()) return state.SkipWithError(f.error.c_str());
  const int n = static_cast<int>(state.range(0));
  if (!TimeBatchPosts(
          state, n, [&f](int k) { return f.Batch(k); },
          [&f](std::string body) {
            return f.Post("/api/v1/positions", "application/x-ndjson", std::move(body));
          },
          200, "POST /api/v1/positions was not answered 200")) {
    return;
  }
  // Every position must have been taken: a refused one would make the rate meaningless.
  const auto answer = nlohmann::json::parse(f.last_body, nullptr, false);
  if (!answer.is_object() || answer["accepted"] != n) {
    return state.SkipWithError(("positions were refused: " + f.last_body).c_str());
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_PostPositionBatch)->Arg(1000)->Arg(5000)->UseRealTime();

}  // namespace
}  // namespace keruen

BENCHMARK_MAIN();
