// Cost of analysing one name, by kind of name, and of analysing a list's worth of names.
//
// Each case analyses the same name over and over on one thread, so the per-thread ICU
// transliterators are warm (as they are in a server after its first query). BM_AnalyzeList
// runs the primary names of the OFAC SDN list (about 15,000, 9% non-ASCII) once per
// iteration: items_per_second is names per second for an index build on one core.
//
//   cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release
//   ninja -C build-release keruen_screening_text_benchmark
//   taskset -c 1 build-release/src/keruen/screening/text/keruen_screening_text_benchmark
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "keruen/core/csv.h"
#include "keruen/core/paths.h"
#include "keruen/screening/text/name_analyzer.h"

namespace keruen::screening {
namespace {

const NameAnalyzer& Analyzer() {
  static const std::unique_ptr<NameAnalyzer> analyzer = [] {
    auto created = NameAnalyzer::Create(DefaultTranslitDir());
    if (!created) {
      std::fprintf(stderr, "%s\n", created.error().ToString().c_str());
      std::exit(1);
    }
    return std::move(*created);
  }();
  return *analyzer;
}

void Analyze(benchmark::State& state, const char* name) {
  const NameAnalyzer& analyzer = Analyzer();
  size_t forms = 0;
  for (auto _ : state) {
    AnalyzedName analyzed = analyzer.Analyze(name);
    forms = analyzed.forms.size();
    benchmark::DoNotOptimize(analyzed);
  }
  state.counters["forms"] = static_cast<double>(forms);
}

BENCHMARK_CAPTURE(Analyze, LatinCompany, "KAZAKHSTAN TEMIR ZHOLY NATIONAL COMPANY JSC");
BENCHMARK_CAPTURE(Analyze, LatinPerson, "PUTIN, Vladimir Vladimirovich");
BENCHMARK_CAPTURE(Analyze, LatinDiacritics, "Ščerbakov Müller Łódź GmbH");
BENCHMARK_CAPTURE(Analyze, RussianPerson, "Путин Владимир Владимирович");
BENCHMARK_CAPTURE(Analyze, KazakhCompany, "ТОО «Қазақстан темір жолы»");
BENCHMARK_CAPTURE(Analyze, Chinese, "习近平");

// The OFAC SDN names (second column of sdn.csv).
std::vector<std::string> SdnNames() {
  std::vector<std::string> names;
  const std::optional<std::string> shared = SharedDataDir();
  if (!shared) return names;
  auto text = ReadFile(*shared + "/sanctions/ofac/latest/sdn.csv");
  if (!text) return names;
  CsvReader reader(*text);
  std::vector<std::string> fields;
  while (reader.Next(fields).value_or(false)) {
    if (fields.size() > 1) names.push_back(fields[1]);
  }
  return names;
}

void BM_AnalyzeList(benchmark::State& state) {
  const NameAnalyzer& analyzer = Analyzer();
  const std::vector<std::string> names = SdnNames();
  if (names.empty()) {
    state.SkipWithError("no sanctions/ofac/latest/sdn.csv in the shared data");
    return;
  }
  for (auto _ : state) {
    for (const std::string& name : names) benchmark::DoNotOptimize(analyzer.Analyze(name));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(names.size()));
}
BENCHMARK(BM_AnalyzeList)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace keruen::screening

BENCHMARK_MAIN();
