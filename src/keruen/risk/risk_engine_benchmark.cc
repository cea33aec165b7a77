// End to end through the risk engine, on a simulated month (30 days at 1,000 declarations a
// day, positions off): every party of every declaration screened against all the imported
// sanctions lists (the index, with PartyScreening's per-party cache), every goods item
// classified against the controlled-goods lists, every rule, the virtual warehouse, the party
// graph and the lane. items_per_second is declarations assessed per second.
//
// Named baseline in the same run: the same declarations with each party screened by brute
// force (every listed name scored, Screener::ScreenBruteForce) and no cache, on the first
// kBaselineDeclarations (the whole month would take hours), then the same rules. A breakdown
// runs the rules alone (no screening), and a second month shows the engine once it has run
// for one.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <vector>

#include "keruen/core/paths.h"
#include "keruen/goods/controlled_goods.h"
#include "keruen/risk/risk_engine.h"
#include "keruen/screening/lists/import.h"
#include "keruen/screening/match/screener.h"
#include "keruen/screening/party_screening.h"
#include "keruen/screening/text/name_analyzer.h"
#include "keruen/screening/watchlists.h"
#include "keruen/sim/simulator.h"

namespace keruen::risk {
namespace {

namespace fs = std::filesystem;

constexpr size_t kBaselineDeclarations = 300;

struct World {
  std::vector<Declaration> declarations;
  std::unique_ptr<goods::ControlledGoods> goods;
  std::unique_ptr<screening::NameAnalyzer> analyzer;
  std::vector<screening::ListEntry> entries;  // every list's entries, for fresh screeners
  std::unique_ptr<screening::Screener> screener;
  size_t listed_names = 0;
  std::string error;
};

World Load(int days) {
  World w;
  SimOptions sim;
  sim.seed = 5;
  sim.days = days;
  sim.scale = 1000;
  sim.positions = false;
  auto data = SimulateInMemory(sim);
  if (!data) {
    w.error = data.error().ToString();
    return w;
  }
  w.declarations = std::move(data->declarations);
  auto goods = goods::ControlledGoods::Load(goods::ControlledGoods::DefaultSources());
  if (!goods) {
    w.error = goods.error().ToString();
    return w;
  }
  w.goods = std::make_unique<goods::ControlledGoods>(std::move(*goods));
  const auto shared = SharedDataDir();
  if (!shared) {
    w.error = "no shared data directory: the sanctions lists are needed";
    return w;
  }
  std::vector<screening::ListEntry> entries;
  for (const auto& source : screening::DefaultListSources(fs::path(*shared) / "sanctions")) {
    auto snapshot = screening::ImportList(source.format, source.path);
    if (!snapshot) {
      w.error = snapshot.error().ToString();
      return w;
    }
    for (auto& e : snapshot->entries) entries.push_back(std::move(e));
  }
  auto analyzer = screening::NameAnalyzer::Create(screening::DefaultTranslitDir());
  if (!analyzer) {
    w.error = analyzer.error().ToString();
    return w;
  }
  w.analyzer = std::move(*analyzer);
  w.entries = entries;
  auto screener = screening::Screener::Build(std::move(entries), *w.analyzer);
  if (!screener) {
    w.error = screener.error().ToString();
    return w;
  }
  w.screener = std::move(*screener);
  w.listed_names = w.screener->stats().names;
  return w;
}

World& Shared() {
  static World world = Load(30);
  return world;
}

// Sixty days of the same world, for the second month.
World& TwoMonths() {
  static World world = Load(60);
  return world;
}

// Index screening with the per-party cache, as ingest runs it. Each iteration starts cold: a
// fresh screener (its memo of unlisted words empty), cache and engine, built outside the timed
// region, which first assess the declarations before `from`, untimed; the rest are timed, so
// the cost of filling the memo and the cache with their parties is in the figure.
void TimeAssessments(benchmark::State& state, const World& w, size_t from) {
  SystemClock clock;
  const auto first = w.declarations.begin() + static_cast<ptrdiff_t>(from);
  int64_t red = 0, alerts = 0, queries = 0, screened = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto screener = screening::Screener::Build(w.entries, *w.analyzer);
    if (!screener) return state.SkipWithError(screener.error().ToString().c_str());
    auto screening = std::make_unique<screening::PartyScreening>(**screener, clock);
    auto engine = std::make_unique<RiskEngine>(*w.goods, clock, nullptr, screening.get());
    for (auto it = w.declarations.begin(); it != first; ++it) engine->Assess(*it);
    const int64_t queries_before = screening->queries();
    const int64_t hits_before = screening->cache_hits();
    state.ResumeTiming();
    red = alerts = 0;
    for (auto it = first; it != w.declarations.end(); ++it) {
      const Assessment a = engine->Assess(*it);
      red += a.lane == Lane::kRed;
      alerts += static_cast<int64_t>(a.alerts.size());
    }
    queries = screening->queries() - queries_before;
    screened = queries - (screening->cache_hits() - hits_before);
    // A serving engine lives as long as the process: tearing down its memory is not part of
    // assessing.
    state.PauseTiming();
    engine.reset();
    screening.reset();
    screener->reset();
    state.ResumeTiming();
  }
  const auto timed = static_cast<int64_t>(w.declarations.size() - from);
  state.SetItemsProcessed(state.iterations() * timed);
  state.counters["declarations"] = static_cast<double>(timed);
  state.counters["listed_names"] = static_cast<double>(w.listed_names);
  state.counters["red_share"] = static_cast<double>(red) / static_cast<double>(timed);
  state.counters["alerts"] = static_cast<double>(alerts);
  // Party queries asked, and how many of them reached the index (the distinct identities).
  state.counters["party_queries"] = static_cast<double>(queries);
  state.counters["parties_screened"] = static_cast<double>(screened);
}

void BM_EndToEnd_Month(benchmark::State& state) {
  const World& w = Shared();
  if (!w.error.empty()) return state.SkipWithError(w.error.c_str());
  TimeAssessments(state, w, 0);
}
BENCHMARK(BM_EndToEnd_Month)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// The month after: the engine, screener and cache have already assessed the first 30 days
// (untimed), as a serving engine has, and the next month's declarations are timed. Parties
// met in the first month are remembered; the figure is what a running system sustains.
void BM_EndToEnd_SecondMonth(benchmark::State& state) {
  const World& w = TwoMonths();
  if (!w.error.empty()) return state.SkipWithError(w.error.c_str());
  const Timestamp second_month =
      w.declarations.front().lodged_at + static_cast<Timestamp>(30) * 86400;
  const auto split =
      std::find_if(w.declarations.begin(), w.declarations.end(),
                   [&](const Declaration& d) { return d.lodged_at >= second_month; });
  TimeAssessments(state, w, static_cast<size_t>(split - w.declarations.begin()));
}
BENCHMARK(BM_EndToEnd_SecondMonth)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// The rules, ledger, graph and lanes alone.
void BM_RulesOnly_Month(benchmark::State& state) {
  World& w = Shared();
  if (!w.error.empty()) return state.SkipWithError(w.error.c_str());
  SystemClock clock;
  for (auto _ : state) {
    auto engine = std::make_unique<RiskEngine>(*w.goods, clock);
    for (const Declaration& d : w.declarations) benchmark::DoNotOptimize(engine->Assess(d));
    state.PauseTiming();
    engine.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(w.declarations.size()));
}
BENCHMARK(BM_RulesOnly_Month)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// Baseline: brute-force screening of every party, no cache, then the rules.
void BM_Baseline_BruteForceScreening(benchmark::State& state) {
  World& w = Shared();
  if (!w.error.empty()) return state.SkipWithError(w.error.c_str());
  SystemClock clock;
  const size_t n = std::min(kBaselineDeclarations, w.declarations.size());
  for (auto _ : state) {
    RiskEngine engine(*w.goods, clock);
    for (size_t i = 0; i < n; ++i) {
      for (const screening::PartyQuery& q : screening::PartyQueries(w.declarations[i])) {
        benchmark::DoNotOptimize(w.screener->ScreenBruteForce(q.query));
      }
      benchmark::DoNotOptimize(engine.Assess(w.declarations[i]));
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(n));
}
BENCHMARK(BM_Baseline_BruteForceScreening)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1);

}  // namespace
}  // namespace keruen::risk

BENCHMARK_MAIN();
