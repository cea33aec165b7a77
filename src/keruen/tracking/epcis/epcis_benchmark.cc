// Capture throughput on the GS1 and OpenEPCIS examples: parse + validate into EpcisEvents,
// against nlohmann::json::parse of the same bodies (a DOM only, no validation) as the
// baseline. Run a Release build pinned to one core:
//   taskset -c 1 build-rel/src/keruen/tracking/epcis/keruen_tracking_epcis_benchmark
#include <benchmark/benchmark.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "keruen/core/csv.h"
#include "keruen/core/paths.h"
#include "keruen/tracking/epcis/capture.h"

namespace keruen::tracking {
namespace {

struct Corpus {
  std::vector<std::string> bodies;  // valid capture bodies
  size_t bytes = 0;
  size_t events = 0;
};

const Corpus& LoadCorpus() {
  static const Corpus corpus = [] {
    Corpus c;
    auto dir = SharedDataDir();
    if (!dir) return c;
    for (const char* sub :
         {"tracking/epcis/JSON",
          "tracking/epcis-openepcis-test-resources/2.0/EPCIS/JSON/Capture/Documents"}) {
      for (const auto& e :
           std::filesystem::recursive_directory_iterator(std::filesystem::path(*dir) / sub)) {
        const auto ext = e.path().extension();
        if (!e.is_regular_file() || (ext != ".json" && ext != ".jsonld")) continue;
        auto text = ReadFile(e.path().string());
        if (!text) continue;
        auto events = ParseEpcisCapture(*text, 0);
        if (!events) continue;  // query documents are not capture bodies
        c.bytes += text->size();
        c.events += events->size();
        c.bodies.push_back(std::move(*text));
      }
    }
    return c;
  }();
  return corpus;
}

void SetCounters(benchmark::State& state, const Corpus& c) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
  state.counters["events/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * c.events), benchmark::Counter::kIsRate);
  state.counters["documents"] = static_cast<double>(c.bodies.size());
}

void BM_EpcisParseAndValidate(benchmark::State& state) {
  const Corpus& c = LoadCorpus();
  if (c.bodies.empty()) {
    state.SkipWithError("no EPCIS examples found; set KERUEN_DATA_DIR");
    return;
  }
  EpcisParser parser;
  for (auto _ : state) {
    for (const std::string& body : c.bodies) {
      auto events = parser.ParseCapture(body, 0);
      benchmark::DoNotOptimize(events);
    }
  }
  SetCounters(state, c);
}
BENCHMARK(BM_EpcisParseAndValidate);

void BM_NlohmannDomBaseline(benchmark::State& state) {
  const Corpus& c = LoadCorpus();
  if (c.bodies.empty()) {
    state.SkipWithError("no EPCIS examples found; set KERUEN_DATA_DIR");
    return;
  }
  for (auto _ : state) {
    for (const std::string& body : c.bodies) {
      auto doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
      benchmark::DoNotOptimize(doc);
    }
  }
  SetCounters(state, c);
}
BENCHMARK(BM_NlohmannDomBaseline);

}  // namespace
}  // namespace keruen::tracking

BENCHMARK_MAIN();
