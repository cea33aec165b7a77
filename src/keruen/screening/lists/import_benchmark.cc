// Importing every real list in shared/data/sanctions: entries per second for each, and the
// time for all of them together (the goal: well under 2 s in a release build).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>

#include "keruen/core/paths.h"
#include "keruen/screening/lists/import.h"

namespace keruen::screening {
namespace {

struct RealList {
  const char* name;
  ListFormat format;
  const char* path;  // under sanctions/
};

constexpr RealList kLists[] = {
    {"ofac_sdn", ListFormat::kOfacSdn, "ofac/latest"},
    {"ofac_sdn_2021", ListFormat::kOfacSdn, "ofac/2021-07-consistent"},
    {"ofac_cons", ListFormat::kOfacConsolidated, "ofac/non_sdn"},
    {"un", ListFormat::kUn, "un/UN_consolidated.xml"},
    {"eu", ListFormat::kEu, "eu/journal_sanctions"},
    {"uk", ListFormat::kUk, "uk"},
    {"opensanctions", ListFormat::kOpenSanctions, "opensanctions_ftm"},
};

std::filesystem::path PathOf(const RealList& list) {
  return std::filesystem::path(SharedDataDir().value_or("")) / "sanctions" / list.path;
}

void BM_ImportList(benchmark::State& state, const RealList* list) {
  int64_t entries = 0, names = 0;
  for (auto _ : state) {
    auto snapshot = ImportList(list->format, PathOf(*list));
    if (!snapshot) {
      state.SkipWithError(snapshot.error().ToString().c_str());
      return;
    }
    entries = static_cast<int64_t>(snapshot->entries.size());
    names = 0;
    for (const ListEntry& e : snapshot->entries) names += static_cast<int64_t>(e.names.size());
    benchmark::DoNotOptimize(snapshot->content_hash);
  }
  state.SetItemsProcessed(state.iterations() * entries);
  state.counters["entries"] = static_cast<double>(entries);
  state.counters["names"] = static_cast<double>(names);
}

void BM_ImportAllLists(benchmark::State& state) {
  int64_t entries = 0;
  for (auto _ : state) {
    entries = 0;
    for (const RealList& list : kLists) {
      auto snapshot = ImportList(list.format, PathOf(list));
      if (!snapshot) {
        state.SkipWithError(snapshot.error().ToString().c_str());
        return;
      }
      entries += static_cast<int64_t>(snapshot->entries.size());
    }
  }
  state.SetItemsProcessed(state.iterations() * entries);
  state.counters["entries"] = static_cast<double>(entries);
}

const bool kRegistered = [] {
  for (const RealList& list : kLists) {
    benchmark::RegisterBenchmark((std::string("BM_ImportList/") + list.name).c_str(), BM_ImportList,
                                 &list)
        ->Unit(benchmark::kMillisecond);
  }
  // A few iterations: one takes about half a second, and a single one is at the mercy of
  // whatever else the machine is doing.
  benchmark::RegisterBenchmark("BM_ImportAllLists", BM_ImportAllLists)
      ->Unit(benchmark::kMillisecond)
      ->Iterations(5);
  return true;
}();

}  // namespace
}  // namespace keruen::screening

BENCHMARK_MAIN();
