// The mirror report over the shared files (KZ, 13,111 Eurostat rows, 2,873 national rows),
// against a naive report that re-scans the Eurostat table for each partner and year.
#include <benchmark/benchmark.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "keruen/core/csv.h"
#include "keruen/goods/mirror/mirror_gap.h"

namespace keruen::goods {
namespace {

MirrorSources SourcesOrDie() {
  const MirrorSources sources = MirrorSources::Default();
  if (sources.eurostat_csv.empty()) {
    std::fprintf(stderr, "shared data not found (set KERUEN_DATA_DIR)\n");
    std::exit(1);
  }
  return sources;
}

// Loading both files and comparing, as `keruen report mirror` does.
void BM_LoadAndCompute(benchmark::State& state) {
  const MirrorSources sources = SourcesOrDie();
  for (auto _ : state) {
    auto data = LoadMirrorData(sources, "KZ");
    if (!data) state.SkipWithError(data.error().ToString().c_str());
    MirrorReport report = ComputeMirrorGaps(*data);
    benchmark::DoNotOptimize(report.rows.data());
  }
}
BENCHMARK(BM_LoadAndCompute)->Unit(benchmark::kMillisecond);

// The comparison alone, on loaded data.
void BM_ComputeOnly(benchmark::State& state) {
  auto data = LoadMirrorData(SourcesOrDie(), "KZ");
  if (!data) return state.SkipWithError(data.error().ToString().c_str());
  for (auto _ : state) {
    MirrorReport report = ComputeMirrorGaps(*data);
    benchmark::DoNotOptimize(report.rows.data());
  }
}
BENCHMARK(BM_ComputeOnly)->Unit(benchmark::kMicrosecond);

double Number(const std::string& text) {
  double value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

// The naive way: read both tables, then for each national row of a KZ partner that is an EU
// reporter, scan every Eurostat row for that reporter's exports to KZ in that year.
void BM_NaiveRescan(benchmark::State& state) {
  const MirrorSources sources = SourcesOrDie();
  for (auto _ : state) {
    auto eurostat = ReadCsvTable(sources.eurostat_csv);
    auto national = ReadCsvTable(sources.national_csv);
    if (!eurostat || !national) return state.SkipWithError("cannot read the files");
    double checksum = 0;
    for (const auto& imported : national->rows) {  // reporter,partner,flow,year,value_eur
      if (imported[0] != "Kazakhstan") continue;
      const std::string& name = imported[1] == "European Union - 27 countries (from 2020)"
                                    ? std::string("EU27_2020")
                                    : imported[1];
      double exported = 0;
      int months = 0;
      // reporter_code,reporter,partner_code,partner,flow,period,value_eur
      for (const auto& row : eurostat->rows) {
        if (row[1] == name && row[2] == "KZ" && row[4] == "EXPORT" &&
            row[5].compare(0, 4, imported[3]) == 0) {
          exported += Number(row[6]);
          ++months;
        }
      }
      if (months == 12 && exported > 0) checksum += (exported - Number(imported[4])) / exported;
    }
    benchmark::DoNotOptimize(checksum);
  }
}
BENCHMARK(BM_NaiveRescan)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace keruen::goods

BENCHMARK_MAIN();
