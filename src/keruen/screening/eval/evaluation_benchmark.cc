// The evaluation's own cost, so that `keruen eval screening` stays a command one runs after
// every matcher change: loading the public sets and the US Congress queries, generating the
// list-variant set from the EU and UN lists, and scoring with a trivial scorer (exact match),
// which leaves only the evaluation's bookkeeping to measure. The real scorer's cost is the
// matcher's benchmark.
#include <benchmark/benchmark.h>

#include <unordered_map>

#include "keruen/core/paths.h"
#include "keruen/screening/eval/evaluation.h"
#include "keruen/screening/eval/list_variants.h"
#include "keruen/screening/eval/pair_datasets.h"
#include "keruen/screening/eval/query_datasets.h"
#include "keruen/screening/lists/import.h"

namespace keruen::screening::eval {
namespace {

std::filesystem::path SanctionsDir() {
  return std::filesystem::path(SharedDataDir().value_or("../shared/data")) / "sanctions";
}

double ExactScorer(std::string_view a, std::string_view b) { return a == b ? 1.0 : 0.0; }

void BM_LoadPublicPairSets(benchmark::State& state) {
  for (auto _ : state) {
    auto sets = LoadPublicPairSets(SanctionsDir() / "eval");
    if (!sets) {
      state.SkipWithError(sets.error().ToString().c_str());
      break;
    }
    benchmark::DoNotOptimize(sets);
  }
}
BENCHMARK(BM_LoadPublicPairSets)->Unit(benchmark::kMillisecond);

void BM_LoadUsCongressQueries(benchmark::State& state) {
  for (auto _ : state) {
    auto congress = LoadUsCongressQueries(SanctionsDir() / "eval" / "yente_candidate_generation");
    if (!congress) {
      state.SkipWithError(congress.error().ToString().c_str());
      break;
    }
    benchmark::DoNotOptimize(congress);
  }
}
BENCHMARK(BM_LoadUsCongressQueries)->Unit(benchmark::kMillisecond);

// From the EU transcriptions and the UN list: 9,300 entries, most Cyrillic aliases.
void BM_GenerateListVariants(benchmark::State& state) {
  std::vector<ListEntry> entries;
  for (const auto& [format, path] :
       {std::pair{ListFormat::kEu, SanctionsDir() / "eu" / "journal_sanctions"},
        std::pair{ListFormat::kUn, SanctionsDir() / "un" / "UN_consolidated.xml"}}) {
    auto snapshot = ImportList(format, path);
    if (!snapshot) {
      state.SkipWithError(snapshot.error().ToString().c_str());
      return;
    }
    entries.insert(entries.end(), snapshot->entries.begin(), snapshot->entries.end());
  }
  auto analyzer = NameAnalyzer::Create(SanctionsDir() / "translit" / "iuliia");
  if (!analyzer) {
    state.SkipWithError(analyzer.error().ToString().c_str());
    return;
  }
  size_t pairs = 0;
  for (auto _ : state) {
    auto dataset = GenerateListVariants(entries, **analyzer);
    if (!dataset) {
      state.SkipWithError(dataset.error().ToString().c_str());
      break;
    }
    pairs = dataset->pairs.size();
  }
  state.counters["entries"] = static_cast<double>(entries.size());
  state.counters["pairs"] = static_cast<double>(pairs);
}
BENCHMARK(BM_GenerateListVariants)->Unit(benchmark::kMillisecond);

// The 6,146 pairs of the equivalence groups at 15 thresholds.
void BM_EvaluatePairs(benchmark::State& state) {
  auto dataset = LoadNameEquivalences(SanctionsDir() / "eval" / "rigour" /
                                      "person_name_equivalences_excerpt_motiva.txt");
  if (!dataset) {
    state.SkipWithError(dataset.error().ToString().c_str());
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(EvaluatePairs(*dataset, ExactScorer, {}));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(dataset->pairs.size()));
}
BENCHMARK(BM_EvaluatePairs)->Unit(benchmark::kMillisecond);

// The 56,000 US Congress queries against an exact-name screener.
void BM_EvaluateQueries(benchmark::State& state) {
  auto congress = LoadUsCongressQueries(SanctionsDir() / "eval" / "yente_candidate_generation");
  if (!congress) {
    state.SkipWithError(congress.error().ToString().c_str());
    return;
  }
  std::unordered_multimap<std::string, EntryKey> index;
  for (const ListEntry& entry : congress->watch_list) {
    index.emplace(entry.names[0].full, EntryKey{entry.list, entry.id});
  }
  const QueryScreener screener = [&](const LabeledQuery& query) {
    std::vector<ScreenedHit> hits;
    const auto [begin, end] = index.equal_range(query.name);
    for (auto it = begin; it != end; ++it) hits.push_back({it->second, 1.0});
    return hits;
  };
  for (auto _ : state) benchmark::DoNotOptimize(EvaluateQueries(*congress, screener, {}));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(congress->queries.size()));
}
BENCHMARK(BM_EvaluateQueries)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace keruen::screening::eval

BENCHMARK_MAIN();
