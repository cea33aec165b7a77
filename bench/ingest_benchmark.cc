// Ingest throughput: JSON Lines of declarations (3 goods items each, shaped like the spec
// example) parsed, validated and stored, each stage measured alone and end to end, next to
// the baselines a developer would reach for first:
//   - parsing: nlohmann::json::parse of the same lines (a DOM build, no model mapping);
//   - storing: one plain INSERT of (id, json) per document into SQLite, no indexes, the
//     least work any SQLite store can do.
// Run through `make bench` (release build); numbers go to the README's performance table.
#include <benchmark/benchmark.h>
#include <simdjson.h>
#include <sqlite3.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "keruen/core/json_codec.h"
#include "keruen/core/validate.h"
#include "keruen/ingest/ingest.h"
#include "keruen/store/sqlite_store.h"

namespace keruen {
namespace {

// Declarations like shared/spec/declaration.example.json with three items and varied ids,
// parties and codes, as JSON Lines.
std::string MakeJsonLines(int n, DeclarationKind kind) {
  std::string out;
  Declaration d;
  d.kind = DeclarationKind::kTransit;
  d.lodged_at = 1772433600;
  d.declarant = {"ТОО «Жибек Транзит Сервис»", "KZ", {{IdKind::kBin, "180940021234"}}, "", {}};
  d.consignor = Party{"Elektronik Handel GmbH",
                      "DE",
                      {{IdKind::kEori, "DE123456789012345"}},
                      "Industriestraße 12, 70565 Stuttgart",
                      {}};
  d.consignee = Party{"ОсОО «Ала-Тоо Электроникс»",
                      "KG",
                      {{IdKind::kInn, "02505202210123"}},
                      "ул. Ибраимова 103, Бишкек",
                      {}};
  d.carrier = Party{"Aktobe Trans Logistic LLP", "KZ", {{IdKind::kBin, "150540007788"}}, "", {}};
  d.country_of_dispatch = "DE";
  d.country_of_destination = "KG";
  d.itinerary = {"Zhaisan", "Kordai", 1772927999};
  d.transport = {"road", "777ABC02", "12XYZ02", {"ENS-KZ-00731942"}};
  d.documents = {{"invoice", "EH-2026-0311"}, {"cmr", "CMR 0049121"}};
  const char* codes[] = {"854231", "850440", "847130", "851762", "903180", "848210"};
  for (int i = 0; i < n; ++i) {
    d.id = "26KZ0101T" + std::to_string(1000000 + i);
    d.kind = kind;
    d.lodged_at = 1772433600 + i * 7;
    d.declarant.ids[0].value = std::to_string(180940000000LL + i % 5000);
    d.items.clear();
    for (int k = 0; k < 3; ++k) {
      GoodsItem it;
      it.seq = k + 1;
      it.hs = codes[(i + k) % 6];
      it.description = "Microcontrollers, 32-bit, in reels";
      it.quantity = 100 + i % 1000;
      it.unit = "pcs";
      it.net_kg = 36.5 + k;
      it.gross_kg = 48.0 + k;
      it.value = {(84000 + i % 977) * Money::kScale, "EUR"};
      it.origin = "MY";
      d.items.push_back(it);
    }
    AppendJson(d, out);
    out.push_back('\n');
  }
  return out;
}

constexpr int kDocs = 20000;

// Transit declarations (each opens a movement), the heavier case.
const std::string& Lines() {
  static const std::string lines = MakeJsonLines(kDocs, DeclarationKind::kTransit);
  return lines;
}

// Import declarations: the same documents without a movement.
const std::string& ImportLines() {
  static const std::string lines = MakeJsonLines(kDocs, DeclarationKind::kImport);
  return lines;
}

template <typename F>
void ForEachLine(const std::string& text, F f) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    f(std::string_view(text).substr(pos, end - pos));
    pos = end + 1;
  }
}

void BM_ParseOnly(benchmark::State& state) {
  const simdjson::padded_string text(Lines());
  JsonDocumentParser parser;
  for (auto _ : state) {
    ForEachLine(Lines(), [&](std::string_view line) {
      const size_t offset = line.data() - Lines().data();
      auto d = parser.ParseDeclaration(std::string_view(text.data() + offset, line.size()), true);
      benchmark::DoNotOptimize(d);
    });
  }
  state.SetItemsProcessed(state.iterations() * kDocs);
  state.SetBytesProcessed(state.iterations() * Lines().size());
}
BENCHMARK(BM_ParseOnly)->Unit(benchmark::kMillisecond);

void BM_ParseAndValidate(benchmark::State& state) {
  const simdjson::padded_string text(Lines());
  JsonDocumentParser parser;
  for (auto _ : state) {
    ForEachLine(Lines(), [&](std::string_view line) {
      const size_t offset = line.data() - Lines().data();
      auto d = parser.ParseDeclaration(std::string_view(text.data() + offset, line.size()), true);
      benchmark::DoNotOptimize(ValidateDeclaration(*d));
    });
  }
  state.SetItemsProcessed(state.iterations() * kDocs);
  state.SetBytesProcessed(state.iterations() * Lines().size());
}
BENCHMARK(BM_ParseAndValidate)->Unit(benchmark::kMillisecond);

void BM_Baseline_NlohmannParse(benchmark::State& state) {
  for (auto _ : state) {
    ForEachLine(Lines(), [&](std::string_view line) {
      benchmark::DoNotOptimize(nlohmann::json::parse(line));
    });
  }
  state.SetItemsProcessed(state.iterations() * kDocs);
  state.SetBytesProcessed(state.iterations() * Lines().size());
}
BENCHMARK(BM_Baseline_NlohmannParse)->Unit(benchmark::kMillisecond);

std::string FreshDbPath(const char* name) {
  const std::string path =
      (std::filesystem::temp_directory_path() / (std::string("keruen-bench-") + name)).string();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return path;
}

// Parse + validate + store into a new database file, one transaction: the CLI's path.
// Argument: 1 for transit declarations (a movement each), 0 for imports.
void BM_IngestIntoSqlite(benchmark::State& state) {
  const std::string& lines = state.range(0) ? Lines() : ImportLines();
  SystemClock clock;
  for (auto _ : state) {
    state.PauseTiming();
    const std::string path = FreshDbPath("ingest.db");
    auto store = SqliteStore::Open(path, clock);
    if (!store) {
      state.SkipWithError(store.error().ToString().c_str());
      return;
    }
    state.ResumeTiming();
    auto report = IngestText(**store, DocumentKind::kDeclaration, lines, {});
    if (!report) state.SkipWithError(report.error().ToString().c_str());
  }
  state.SetItemsProcessed(state.iterations() * kDocs);
  state.SetBytesProcessed(state.iterations() * lines.size());
}
BENCHMARK(BM_IngestIntoSqlite)
    ->ArgName("transit")
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// The same file ingested again: every document is found unchanged.
void BM_ReingestUnchanged(benchmark::State& state) {
  SystemClock clock;
  auto store = SqliteStore::Open(FreshDbPath("reingest.db"), clock);
  if (!store || !IngestText(**store, DocumentKind::kDeclaration, Lines(), {})) {
    state.SkipWithError("setup failed");
    return;
  }
  for (auto _ : state) {
    auto report = IngestText(**store, DocumentKind::kDeclaration, Lines(), {});
    if (!report || report->counts.unchanged != kDocs) state.SkipWithError("not unchanged");
  }
  state.SetItemsProcessed(state.iterations() * kDocs);
}
BENCHMARK(BM_ReingestUnchanged)->Unit(benchmark::kMillisecond)->UseRealTime();

// Baseline: the least a SQLite store can do per document.
void BM_Baseline_SqlitePlainInsert(benchmark::State& state) {
  std::vector<std::pair<std::string, std::string>> docs;
  ForEachLine(Lines(), [&](std::string_view line) {
    docs.emplace_back(std::to_string(docs.size()), std::string(line));
  });
  for (auto _ : state) {
    state.PauseTiming();
    const std::string path = FreshDbPath("plain.db");
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db,
                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                 "CREATE TABLE d(id TEXT PRIMARY KEY, json TEXT)",
                 nullptr, nullptr, nullptr);
    state.ResumeTiming();
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO d VALUES(?,?)", -1, &stmt, nullptr);
    for (const auto& [id, json] : docs) {
      sqlite3_bind_text(stmt, 1, id.data(), static_cast<int>(id.size()), SQLITE_STATIC);
      sqlite3_bind_text(stmt, 2, json.data(), static_cast<int>(json.size()), SQLITE_STATIC);
      sqlite3_step(stmt);
      sqlite3_reset(stmt);
    }
    sqlite3_finalize(stmt);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  state.SetItemsProcessed(state.iterations() * kDocs);
}
BENCHMARK(BM_Baseline_SqlitePlainInsert)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace keruen

BENCHMARK_MAIN();
