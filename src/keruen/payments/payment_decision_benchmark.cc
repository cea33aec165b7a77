// Decide() over a simulated month of payments, and linking with the index against linking by
// scanning every declaration, in one run. Counters p50_us / p99_us are the latency percentiles
// of single calls measured inside the loop.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include "keruen/payments/payment_decision.h"
#include "keruen/payments/payment_links.h"
#include "keruen/sim/simulator.h"

namespace keruen::payments {
namespace {

struct World {
  SimData data;
  ManualClock clock{0};
  std::unique_ptr<PaymentMonitor> monitor;
  std::unique_ptr<DeclarationIndex> index;
};

// One simulated month at 300 declarations a day (about 9,000 declarations), the monitor fed
// with every declaration: what a bank's release path would face.
const World& TheWorld() {
  static World* world = [] {
    auto* w = new World;
    SimOptions options;
    options.seed = 11;
    options.days = 30;
    options.scale = 300;
    options.positions = false;
    options.shared_data_dir = "";
    auto data = SimulateInMemory(options);
    if (!data) {
      std::fprintf(stderr, "simulation failed: %s\n", data.error().ToString().c_str());
      std::exit(1);
    }
    w->data = std::move(*data);
    w->monitor = std::make_unique<PaymentMonitor>(w->clock, nullptr, nullptr);
    w->index = std::make_unique<DeclarationIndex>();
    for (const Declaration& d : w->data.declarations) {
      w->monitor->AddDeclaration(d);
      w->index->AddDeclaration(d);
    }
    return w;
  }();
  return *world;
}

template <typename F>
void TimePerPayment(benchmark::State& state, F call) {
  const World& w = TheWorld();
  const auto& payments = w.data.payments;
  std::vector<double> micros;
  micros.reserve(1 << 16);
  size_t i = 0;
  for (auto _ : state) {
    const Payment& p = payments[i++ % payments.size()];
    const auto start = std::chrono::steady_clock::now();
    call(w, p);
    micros.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
            .count());
  }
  std::sort(micros.begin(), micros.end());
  if (!micros.empty()) {
    state.counters["p50_us"] = micros[micros.size() / 2];
    state.counters["p99_us"] = micros[std::min(micros.size() - 1, micros.size() * 99 / 100)];
  }
  state.counters["declarations"] = static_cast<double>(w.data.declarations.size());
  state.counters["payments"] = static_cast<double>(payments.size());
  state.SetItemsProcessed(state.iterations());
}

void BM_Decide(benchmark::State& state) {
  TimePerPayment(state, [](const World& w, const Payment& p) {
    auto decision = w.monitor->Decide(p);
    benchmark::DoNotOptimize(decision);
  });
}
BENCHMARK(BM_Decide);

void BM_LinkIndexed(benchmark::State& state) {
  TimePerPayment(state, [](const World& w, const Payment& p) {
    auto links = w.index->Link(p);
    benchmark::DoNotOptimize(links);
  });
}
BENCHMARK(BM_LinkIndexed);

void BM_LinkByScanning(benchmark::State& state) {
  TimePerPayment(state, [](const World& w, const Payment& p) {
    auto links = w.index->LinkByScanning(p);
    benchmark::DoNotOptimize(links);
  });
}
BENCHMARK(BM_LinkByScanning);

}  // namespace
}  // namespace keruen::payments

BENCHMARK_MAIN();
