// Classifying goods items: the catalogue's hash lookups against a brute-force scan of every
// listed code, on the public lists and a mix of codes where one item in ten is listed.
//
//   BM_Classify            ControlledGoods::Classify, items per second
//   BM_ClassifyBruteForce  the same answers by comparing the code with every listed code
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "keruen/core/csv.h"
#include "keruen/goods/controlled_goods.h"

namespace keruen::goods {
namespace {

struct Fixture {
  ControlledGoods goods;
  std::vector<std::string> listed;  // every code of the CHPL and EU tables
  std::vector<std::string> codes;   // the queries
};

const Fixture& GetFixture() {
  static const Fixture fixture = [] {
    Fixture f;
    const ControlledGoods::Sources sources = ControlledGoods::DefaultSources();
    f.goods = *ControlledGoods::Load(sources);
    for (const std::string& path : {sources.chpl_csv, sources.eu_csv}) {
      if (path.empty()) continue;
      auto table = ReadCsvTable(path);
      for (const auto& row : table->rows) f.listed.push_back(row[0]);
    }
    std::mt19937 random(7);
    std::uniform_int_distribution<int> digit(0, 9);
    for (int i = 0; i < 100000; ++i) {
      if (i % 10 == 0) {
        f.codes.push_back(f.listed[random() % f.listed.size()] + "00");
      } else {
        std::string code = "0";
        for (int d = 0; d < 9; ++d) code += static_cast<char>('0' + digit(random));
        f.codes.push_back(code);
      }
    }
    return f;
  }();
  return fixture;
}

void BM_Classify(benchmark::State& state) {
  const Fixture& f = GetFixture();
  const Date on = *ParseDate("2023-06-01");
  size_t listings = 0;
  for (auto _ : state) {
    for (const std::string& code : f.codes) listings += f.goods.Classify(code, on).size();
  }
  benchmark::DoNotOptimize(listings);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(f.codes.size()));
}
BENCHMARK(BM_Classify)->Unit(benchmark::kMillisecond);

void BM_ClassifyBruteForce(benchmark::State& state) {
  const Fixture& f = GetFixture();
  size_t hits = 0;
  for (auto _ : state) {
    for (const std::string& code : f.codes) {
      for (const std::string& listed : f.listed) hits += code.compare(0, 6, listed) == 0;
    }
  }
  benchmark::DoNotOptimize(hits);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(f.codes.size()));
}
BENCHMARK(BM_ClassifyBruteForce)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace keruen::goods

BENCHMARK_MAIN();
