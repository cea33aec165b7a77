// Throughput of the simulator, writing real files (declarations, payments, truth, and with
// positions the seal pings) into a temporary directory.
//
//   keruen_sim_benchmark --benchmark_filter='BM_Simulate/1000/'      # quick
//   keruen_sim_benchmark --benchmark_filter='BM_Simulate/33334/30/0' # 1,000,000 declarations
//
// Arguments: declarations per day, days, positions (0/1). Counters: declarations/s and
// output bytes/s.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "keruen/sim/simulator.h"

namespace keruen {
namespace {

namespace fs = std::filesystem;

void BM_Simulate(benchmark::State& state) {
  SimOptions options;
  options.seed = 2026;
  options.scale = static_cast<int>(state.range(0));
  options.days = static_cast<int>(state.range(1));
  options.positions = state.range(2) != 0;
  const fs::path dir =
      fs::temp_directory_path() / ("keruen_sim_bench_" + std::to_string(::getpid()));
  int64_t declarations = 0, pings = 0, bytes = 0;
  for (auto _ : state) {
    auto summary = Simulate(options, dir.string());
    if (!summary) {
      state.SkipWithError(summary.error().ToString().c_str());
      break;
    }
    declarations += summary->declarations;
    pings += summary->pings;
    state.PauseTiming();
    for (const auto& entry : fs::directory_iterator(dir))
      bytes += static_cast<int64_t>(entry.file_size());
    fs::remove_all(dir);
    state.ResumeTiming();
  }
  state.counters["declarations/s"] =
      benchmark::Counter(static_cast<double>(declarations), benchmark::Counter::kIsRate);
  state.counters["pings/s"] =
      benchmark::Counter(static_cast<double>(pings), benchmark::Counter::kIsRate);
  state.counters["declarations"] =
      benchmark::Counter(static_cast<double>(declarations), benchmark::Counter::kAvgIterations);
  state.SetBytesProcessed(bytes);
}

BENCHMARK(BM_Simulate)
    ->ArgNames({"per_day", "days", "positions"})
    ->Args({1000, 10, 0})
    ->Args({1000, 10, 1})
    ->Unit(benchmark::kMillisecond);
// The deliverable: a million declarations with payments and truth, positions off.
BENCHMARK(BM_Simulate)
    ->ArgNames({"per_day", "days", "positions"})
    ->Args({33334, 30, 0})
    ->Iterations(1)
    ->Unit(benchmark::kSecond);

}  // namespace
}  // namespace keruen

BENCHMARK_MAIN();
