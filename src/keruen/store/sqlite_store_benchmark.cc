// Ingest and query throughput of the SQLite store.
//
// The declarations look like shared/spec/declaration.example.json with three goods items:
// four parties (declarant, consignor, consignee, carrier) with identifiers, names in
// Cyrillic and Latin, a seal and two documents (about 1.4 kB of canonical JSON each).
// For the ingest cases items_per_second is declarations per second: each iteration writes
// one transaction into a fresh database with every index the queries use, timed from
// Begin through Commit (which in WAL mode includes the automatic checkpoint). Opening the
// store and closing it are not timed. Real time is reported because a file database
// spends part of its time waiting for the disk.
//
//   cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release
//   ninja -C build-release keruen_store_benchmark
//   build-release/src/keruen/store/keruen_store_benchmark
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "keruen/core/json_codec.h"
#include "keruen/store/sqlite_store.h"

namespace keruen {
namespace {

constexpr Timestamp kStart = 1772400000;  // 2026-03-01T21:20:00Z

Party MakeParty(std::mt19937_64& rng, const char* form, const char* country, IdKind kind) {
  static const char* const kNames[] = {"Жибек",  "Ала-Тоо", "Steppe", "Қазақ", "Volga",
                                       "Baltic", "Алтын",   "Orient", "Темір", "Silk"};
  Party p;
  p.name = std::string(form) + " «" + kNames[rng() % 10] + " " + kNames[rng() % 10] + " " +
           std::to_string(rng() % 5000) + "»";
  p.country = country;
  p.ids.push_back({kind, std::to_string(100000000000ULL + rng() % 900000000000ULL)});
  return p;
}

std::vector<Declaration> MakeDeclarations(int count) {
  static const char* const kHs[] = {"854231", "850440", "847130", "870323", "880240",
                                    "271019", "300490", "940360", "620342", "841810"};
  static const char* const kCountries[] = {"DE", "CN", "TR", "KG", "UZ", "RU", "AE", "IT"};
  std::mt19937_64 rng(42);
  std::vector<Declaration> out;
  out.reserve(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) {
    Declaration d;
    char id[32];
    std::snprintf(id, sizeof id, "26KZ0101T%07d", i);
    d.id = id;
    d.kind = DeclarationKind::kTransit;
    d.lodged_at = kStart + static_cast<Timestamp>(rng() % (90 * 86400));
    d.declarant = MakeParty(rng, "ТОО", "KZ", IdKind::kBin);
    d.consignor = MakeParty(rng, "GmbH", kCountries[rng() % 8], IdKind::kEori);
    d.consignee = MakeParty(rng, "ОсОО", kCountries[rng() % 8], IdKind::kInn);
    d.carrier = MakeParty(rng, "LLP", "KZ", IdKind::kBin);
    d.consignor->address = "Industriestraße 12, 70565 Stuttgart";
    d.country_of_dispatch = d.consignor->country;
    d.country_of_destination = d.consignee->country;
    d.itinerary = {"Zhaisan", "Kordai", d.lodged_at + 5 * 86400};
    d.transport = {"road", "777ABC02", "12XYZ02", {"ENS-KZ-" + std::to_string(731942 + i)}};
    for (int seq = 1; seq <= 3; ++seq) {
      GoodsItem item;
      item.seq = seq;
      item.hs = kHs[rng() % 10];
      item.description = "Goods line " + std::to_string(seq);
      item.quantity = static_cast<double>(rng() % 10000 + 1);
      item.unit = "pcs";
      item.net_kg = static_cast<double>(rng() % 5000) / 10;
      item.gross_kg = item.net_kg + 12.5;
      item.value = Money{static_cast<int64_t>(rng() % 100000000) * 100, "EUR"};
      item.origin = kCountries[rng() % 8];
      d.items.push_back(std::move(item));
    }
    d.documents = {{"invoice", "INV-" + std::to_string(i)}, {"cmr", "CMR " + std::to_string(i)}};
    out.push_back(std::move(d));
  }
  return out;
}

// A database path in the temporary directory, with any previous files removed.
std::string FreshDatabasePath() {
  const std::string path =
      (std::filesystem::temp_directory_path() / "keruen_store_benchmark.db").string();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return path;
}

std::unique_ptr<SqliteStore> OpenStore(bool on_disk, const Clock& clock) {
  auto store = SqliteStore::Open(on_disk ? FreshDatabasePath() : ":memory:", clock);
  if (!store) {
    std::fprintf(stderr, "%s\n", store.error().ToString().c_str());
    std::abort();
  }
  return std::move(*store);
}

void PutAll(Store& store, const std::vector<Declaration>& docs, benchmark::State& state) {
  auto txn = store.Begin();
  if (!txn) {
    state.SkipWithError(txn.error().ToString().c_str());
    return;
  }
  for (const Declaration& d : docs) {
    if (auto r = (*txn)->PutDeclaration(d, "bench"); !r) {
      state.SkipWithError(r.error().ToString().c_str());
      return;
    }
  }
  if (auto r = (*txn)->Commit(); !r) state.SkipWithError(r.error().ToString().c_str());
}

// Arguments: declarations per transaction, database on disk (1) or in memory (0).
void BM_PutNewDeclarations(benchmark::State& state) {
  const auto docs = MakeDeclarations(static_cast<int>(state.range(0)));
  ManualClock clock(kStart);
  for (auto _ : state) {
    state.PauseTiming();
    auto store = OpenStore(state.range(1) != 0, clock);
    state.ResumeTiming();
    PutAll(*store, docs, state);
    state.PauseTiming();
    store.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_PutNewDeclarations)
    ->ArgNames({"decls", "disk"})
    ->Args({50000, 0})
    ->Args({50000, 1})
    ->Args({200000, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// Re-ingesting declarations already stored: one lookup and a hash compare each.
void BM_PutUnchangedDeclarations(benchmark::State& state) {
  const auto docs = MakeDeclarations(static_cast<int>(state.range(0)));
  ManualClock clock(kStart);
  auto store = OpenStore(true, clock);
  PutAll(*store, docs, state);
  for (auto _ : state) PutAll(*store, docs, state);
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_PutUnchangedDeclarations)
    ->ArgNames({"decls"})
    ->Arg(50000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// JSON Lines text to stored declarations: parse each line, then put it.
void BM_ParseAndPutNdjson(benchmark::State& state) {
  std::string text;
  for (const Declaration& d : MakeDeclarations(static_cast<int>(state.range(0)))) {
    AppendJson(d, text);
    text.push_back('\n');
  }
  const size_t length = text.size();
  text.append(kJsonPadding, ' ');  // lets the parser read the text in place
  ManualClock clock(kStart);
  JsonDocumentParser parser;
  for (auto _ : state) {
    state.PauseTiming();
    auto store = OpenStore(true, clock);
    state.ResumeTiming();
    auto txn = store->Begin();
    if (!txn) {
      state.SkipWithError(txn.error().ToString().c_str());
      break;
    }
    for (size_t start = 0; start < length;) {
      const size_t end = text.find('\n', start);
      auto d = parser.ParseDeclaration(std::string_view(text).substr(start, end - start), true);
      if (!d) {
        state.SkipWithError(d.error().ToString().c_str());
        break;
      }
      if (auto r = (*txn)->PutDeclaration(*d, "bench.ndjson"); !r) {
        state.SkipWithError(r.error().ToString().c_str());
        break;
      }
      start = end + 1;
    }
    if (state.error_occurred()) break;
    if (auto r = (*txn)->Commit(); !r) state.SkipWithError(r.error().ToString().c_str());
    state.PauseTiming();
    txn->reset();
    store.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(length));
}
BENCHMARK(BM_ParseAndPutNdjson)
    ->ArgNames({"decls"})
    ->Arg(50000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

const std::vector<Declaration>& QueryDeclarations() {
  static const auto docs = MakeDeclarations(100000);
  return docs;
}

// One page of 100 from a file store of 100,000 declarations; items_per_second is queries
// and `found` the size of the page.
void RunQuery(benchmark::State& state, const DeclarationQuery& query) {
  static ManualClock clock(kStart);
  static std::unique_ptr<SqliteStore> store = [] {
    auto s = OpenStore(true, clock);
    auto txn = s->Begin();
    if (!txn) std::abort();
    for (const Declaration& d : QueryDeclarations()) {
      if (!(*txn)->PutDeclaration(d, "bench")) std::abort();
    }
    if (!(*txn)->Commit()) std::abort();
    return s;
  }();
  size_t found = 0;
  for (auto _ : state) {
    auto page = store->FindDeclarations(query);
    if (!page) {
      state.SkipWithError(page.error().ToString().c_str());
      break;
    }
    found = page->items.size();
    benchmark::DoNotOptimize(page);
  }
  state.counters["found"] = static_cast<double>(found);
  state.SetItemsProcessed(state.iterations());
}

// A name part in about 1% of the declarations: the walk stops once the page is full.
void BM_FindByPartyName(benchmark::State& state) { RunQuery(state, {.party = "алтын жибек"}); }
// A name in none: the whole index is walked.
void BM_FindByRareName(benchmark::State& state) { RunQuery(state, {.party = "nowhere ltd"}); }
// One declaration's BIN: the identifier matches exactly, but names are still searched.
void BM_FindByBin(benchmark::State& state) {
  RunQuery(state, {.party = QueryDeclarations()[500].declarant.ids[0].value});
}
// A prefix of one of ten HS codes: a quarter of the declarations match.
void BM_FindByHsPrefix(benchmark::State& state) { RunQuery(state, {.hs_prefix = "8542"}); }
void BM_FindByCountryAndDate(benchmark::State& state) {
  RunQuery(state, {.from = kStart + 30 * 86400, .to = kStart + 31 * 86400, .country = "TR"});
}
BENCHMARK(BM_FindByPartyName)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_FindByRareName)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_FindByBin)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_FindByHsPrefix)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_FindByCountryAndDate)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace keruen

BENCHMARK_MAIN();
