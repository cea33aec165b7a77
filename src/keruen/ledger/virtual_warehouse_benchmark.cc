// The virtual warehouse at national scale: 10 million goods items of 50,000 companies, each
// trading about 30 of 5,000 HS-6 codes; 60 % imports, 40 % exports of which a quarter go to
// Russia or Belarus.
//
//   BM_BookEntries      booking the items one by one (what ingest does), items per second
//   BM_TopReexporters   the top-20 re-exporters query over the booked balances
//
// `keruen_ledger_benchmark --write-items DIR [N]` writes the same items as DIR/items.csv and
// Keruen's top-20 answer as DIR/keruen_top.csv, for bench/ledger_vs_duckdb.sh, which runs
// the equivalent SQL in DuckDB on that file and compares answers and times.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "keruen/ledger/virtual_warehouse.h"

namespace keruen::ledger {
namespace {

constexpr size_t kItems = 10'000'000;
constexpr int kParties = 50'000;
constexpr int kCodes = 5'000;
constexpr int kCodesPerParty = 30;

// The i-th synthetic item stream, deterministic: calls `f(entry)` for each.
template <typename F>
void ForEachItem(size_t n, F&& f) {
  std::mt19937_64 random(20261129);
  static constexpr const char* kOutCountries[] = {"RU", "BY", "KG", "CN", "UZ", "TR", "AE", "DE"};
  static constexpr const char* kInCountries[] = {"DE", "IT", "CN", "FR", "PL", "TR", "KR", "FI"};
  LedgerEntry e;
  e.unit = "kg";
  char party[24];
  char hs6[8];
  for (size_t i = 0; i < n; ++i) {
    const uint64_t r = random();
    const int p = static_cast<int>(r % kParties);
    // Each company trades its own small set of codes.
    const int code = (p * 7919 + static_cast<int>((r >> 20) % kCodesPerParty) * 131) % kCodes;
    std::snprintf(party, sizeof party, "bin:%012d", p);
    std::snprintf(hs6, sizeof hs6, "%06d", 100000 + code * 179);
    e.party = party;
    e.hs6 = hs6;
    e.flow = (r >> 40) % 10 < 6 ? Flow::kIn : Flow::kOut;
    // Exports: a quarter to Russia or Belarus.
    const uint64_t c = (r >> 44) % 8;
    e.country = e.flow == Flow::kIn ? kInCountries[c] : kOutCountries[c < 2 ? c : 2 + c % 6];
    e.net_kg = static_cast<double>(1 + (r >> 48) % 10'000);
    e.quantity = e.net_kg;
    e.date = static_cast<Date>(19'000 + i * 1'000 / n);  // about three years, in order
    e.declaration = "D" + std::to_string(i / 3);
    e.item = static_cast<int32_t>(i % 3) + 1;
    f(e);
  }
}

VirtualWarehouse& Booked() {
  static VirtualWarehouse* warehouse = [] {
    auto* w = new VirtualWarehouse();
    std::vector<Finding> findings;
    ForEachItem(kItems, [&](const LedgerEntry& e) {
      w->Add(e, findings);
      findings.clear();
    });
    return w;
  }();
  return *warehouse;
}

void BM_BookEntries(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  for (auto _ : state) {
    VirtualWarehouse w;
    std::vector<Finding> findings;
    size_t found = 0;
    ForEachItem(n, [&](const LedgerEntry& e) {
      w.Add(e, findings);
      found += findings.size();
      findings.clear();
    });
    state.counters["balances"] = static_cast<double>(w.balances());
    state.counters["findings"] = static_cast<double>(found);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(n));
}
BENCHMARK(BM_BookEntries)->Arg(10'000'000)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_TopReexporters(benchmark::State& state) {
  const VirtualWarehouse& w = Booked();
  for (auto _ : state) benchmark::DoNotOptimize(w.TopReexporters(20));
  state.counters["balances"] = static_cast<double>(w.balances());
  state.counters["items"] = static_cast<double>(kItems);
}
BENCHMARK(BM_TopReexporters)->Unit(benchmark::kMillisecond);

// --write-items DIR [N]
int WriteItems(const std::string& dir, size_t n) {
  std::ofstream items(dir + "/items.csv");
  if (!items) {
    std::fprintf(stderr, "cannot write %s/items.csv\n", dir.c_str());
    return 1;
  }
  items << "party,hs6,flow,country,net_kg\n";
  VirtualWarehouse w;
  std::vector<Finding> findings;
  std::string line;
  ForEachItem(n, [&](const LedgerEntry& e) {
    line = e.party + ',' + e.hs6 + (e.flow == Flow::kIn ? ",in," : ",out,") + e.country + ',' +
           std::to_string(static_cast<int64_t>(e.net_kg)) + '\n';
    items << line;
    w.Add(e, findings);
    findings.clear();
  });
  std::ofstream top(dir + "/keruen_top.csv");
  top << "party,reexported_kg\n";
  for (const auto& r : w.TopReexporters(20)) {
    top << r.party << ',' << static_cast<int64_t>(r.reexported_to_russia_kg) << '\n';
  }
  return items && top ? 0 : 1;
}

}  // namespace
}  // namespace keruen::ledger

int main(int argc, char** argv) {
  if (argc >= 3 && std::strcmp(argv[1], "--write-items") == 0) {
    const size_t n = argc >= 4 ? std::stoul(argv[3]) : keruen::ledger::kItems;
    return keruen::ledger::WriteItems(argv[2], n);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
