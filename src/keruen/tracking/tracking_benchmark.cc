// Transit tracking on a realistic stream: the simulated world's seal positions (a month at
// 1000 declarations a day, trucks on the real corridors, with planted ghost transits, seal
// breaches and route deviations), in the order they arrive (time order across seals).
//
//   BM_Pipeline_ParseAndMonitor      NDJSON batches parsed and through the monitor (goal:
//                                    1,000,000 positions/s on one core)
//   BM_Pipeline_MonitorOnly          the same, positions parsed beforehand
//   BM_Pipeline_ParseOnly            PositionParser alone
//   BM_Baseline_NlohmannParse        nlohmann::json::parse of the same lines (DOM only)
//   BM_Store_TrackingService         TrackingService::Ingest into a new SQLite file, batches of
//                                    10,000 (goal: 200,000 positions/s)
//   BM_Baseline_SqlitePlainInsert    the same rows INSERTed into a table with no index: the
//                                    ceiling of any SQLite store
//   BM_Memory_ConcurrentMovements    100,000 movements bound in one monitor (goal: <= 1 GB)
//   BM_Detection_SimulatedWorld      recall of the planted schemes, whether each alert came at
//                                    the first position that shows the scheme, and the alerts
//                                    on clean movements (one iteration; a correctness report
//                                    with counters, printed to stderr when something is off)
//
// The world is generated once, on first use, and is not timed.
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "keruen/core/movement.h"
#include "keruen/sim/simulator.h"
#include "keruen/store/sqlite_store.h"
#include "keruen/tracking/geography.h"
#include "keruen/tracking/monitor.h"
#include "keruen/tracking/position.h"
#include "keruen/tracking/tracking_service.h"

namespace keruen::tracking {
namespace {

namespace fs = std::filesystem;

constexpr size_t kBatch = 10000;
// Positions stored by the store benchmarks: the first ones of the stream in time order.
constexpr size_t kStoredPositions = 1000000;
constexpr int kConcurrentMovements = 100000;
constexpr int kPositionsPerSyntheticMovement = 3;
// The replay ticks the monitor (silence, overdue) this often in stream time.
constexpr Timestamp kTickEvery = 300;

struct World {
  std::string error;  // non-empty when the world could not be built
  std::unique_ptr<Geography> geography;
  SimData sim;
  std::vector<MovementBinding> bindings;
  std::vector<const Declaration*> travelling;  // the declarations of `bindings`
  std::string ndjson;                          // the pings in time order, one a line
  std::vector<std::string_view> batches;       // kBatch lines each
  std::vector<std::string_view> lines;
  std::vector<Position> positions;  // `ndjson` parsed, same order
  Timestamp now = 0;                // a receiving clock after the last ping
};

const World& GetWorld() {
  static const World* world = [] {
    auto* w = new World;
    auto geography = MakeReferenceGeography();
    if (!geography) {
      w->error = geography.error().ToString();
      return w;
    }
    w->geography = std::move(*geography);
    SimOptions options;
    options.seed = 2026;
    options.days = 30;
    options.scale = 1000;
    options.positions = true;
    auto sim = SimulateInMemory(options);
    if (!sim) {
      w->error = sim.error().ToString();
      return w;
    }
    w->sim = std::move(*sim);
    const BorderPosts& posts = w->geography->posts();
    for (const Declaration& d : w->sim.declarations) {
      if (!DeclarationHasMovement(d)) continue;
      MovementBinding b;
      b.movement = MovementForDeclaration(d, posts);
      b.destination = DestinationOf(d, posts);
      b.lodged_at = d.lodged_at;
      w->bindings.push_back(std::move(b));
      w->travelling.push_back(&d);
    }
    std::vector<size_t> order(w->sim.pings.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return w->sim.pings[a].ts < w->sim.pings[b].ts; });
    std::vector<size_t> line_ends;
    line_ends.reserve(order.size());
    for (size_t i : order) {
      AppendJson(w->sim.pings[i], w->ndjson);
      w->ndjson += '\n';
      line_ends.push_back(w->ndjson.size());
      w->now = std::max(w->now, w->sim.pings[i].ts);
    }
    w->now += 3600;
    const std::string_view text = w->ndjson;
    size_t begin = 0;
    for (size_t i = 0; i < line_ends.size(); ++i) {
      w->lines.push_back(text.substr(begin, line_ends[i] - begin - 1));
      if ((i + 1) % kBatch == 0 || i + 1 == line_ends.size()) {
        const size_t first_line = i - i % kBatch;
        const size_t batch_begin = first_line == 0 ? 0 : line_ends[first_line - 1];
        w->batches.push_back(text.substr(batch_begin, line_ends[i] - batch_begin));
      }
      begin = line_ends[i];
    }
    PositionParser parser;
    ParsedPositions parsed;
    parser.ParseNdjson(text, w->now, parsed);
    if (!parsed.rejected.empty()) {
      w->error = "a simulated ping was refused: " + parsed.rejected[0].reason + " in " +
                 parsed.rejected[0].raw;
      return w;
    }
    w->positions = std::move(parsed.accepted);
    return w;
  }();
  return *world;
}

// A monitor following every transit and export movement of the world; null, with `state`
// (when given) skipped with the reason, when a movement cannot be bound.
std::unique_ptr<MovementMonitor> BoundMonitor(const World& w, benchmark::State* state = nullptr) {
  auto monitor = std::make_unique<MovementMonitor>(*w.geography);
  for (const MovementBinding& b : w.bindings) {
    if (!monitor->Bind(b)) {
      if (state != nullptr) state->SkipWithError("a movement could not be bound");
      return nullptr;
    }
  }
  return monitor;
}

bool WorldReady(benchmark::State& state, const World& w) {
  if (w.error.empty()) return true;
  state.SkipWithError(w.error.c_str());
  return false;
}

// --- Memory of concurrent movements ----------------------------------------------------

int64_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  int64_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * ::sysconf(_SC_PAGESIZE);
}

// Bytes the allocator has handed out and not had back (RSS alone misses allocations that
// reuse memory freed earlier in the process).
int64_t HeapInUse() {
  const struct mallinfo2 m = mallinfo2();
  return static_cast<int64_t>(m.uordblks + m.hblkhd);
}

// Runs first (registered before the world is generated), so RSS grows from a small process.
void BM_Memory_ConcurrentMovements(benchmark::State& state) {
  auto geography = MakeReferenceGeography();
  if (!geography) {
    state.SkipWithError(geography.error().ToString().c_str());
    return;
  }
  const Geography& geo = **geography;
  // Every ordered pair of distinct posts with coordinates and a route; the routes are built
  // (and cached by the geography) before measuring: they are shared by all movements.
  std::vector<std::pair<const BorderPost*, const BorderPost*>> pairs;
  for (const BorderPost& a : geo.posts().all()) {
    for (const BorderPost& b : geo.posts().all()) {
      if (&a == &b || !a.lat || !b.lat) continue;
      if (geo.RouteBetween(a.id, b.id)) pairs.emplace_back(&a, &b);
    }
  }
  if (pairs.empty()) {
    state.SkipWithError("no route between posts");
    return;
  }
  const Timestamp start = 1772323200;  // 2026-03-01
  int64_t rss = 0, heap = 0;
  for (auto _ : state) {
    const int64_t rss_before = ResidentBytes();
    const int64_t heap_before = HeapInUse();
    MovementMonitor monitor(geo);
    MonitorOutput out;
    char id[32];
    for (int i = 0; i < kConcurrentMovements; ++i) {
      const auto [entry, exit] = pairs[static_cast<size_t>(i) % pairs.size()];
      MovementBinding b;
      std::snprintf(id, sizeof id, "25KZ%08dT", i);
      b.movement.id = id;
      std::snprintf(id, sizeof id, "ENS-KZ-%08d", i);
      b.movement.seals = {id};
      b.movement.entry_post_id = entry->id;
      b.movement.exit_post_id = exit->id;
      b.movement.limit_date = start + 8 * 86400;
      b.destination = exit->neighbour;
      b.lodged_at = start;
      if (auto bound = monitor.Bind(b); !bound) {
        state.SkipWithError(bound.error().ToString().c_str());
        return;
      }
      // A few positions leaving the entry post towards the exit post.
      for (int k = 1; k <= kPositionsPerSyntheticMovement; ++k) {
        const double f = 0.01 * k;
        Position p;
        p.device = id;
        p.ts = start + 300 * k;
        p.lat = *entry->lat + f * (*exit->lat - *entry->lat);
        p.lon = *entry->lon + f * (*exit->lon - *entry->lon);
        p.speed_kmh = 60;
        p.battery_pct = 90;
        monitor.Ingest(p, out);
      }
      out.Clear();
    }
    rss = ResidentBytes() - rss_before;
    heap = HeapInUse() - heap_before;
    benchmark::DoNotOptimize(monitor.movement_count());
  }
  state.SetItemsProcessed(state.iterations() * kConcurrentMovements);
  state.counters["movements"] = kConcurrentMovements;
  state.counters["post_pairs"] = static_cast<double>(pairs.size());
  state.counters["rss_growth_MB"] = static_cast<double>(rss) / (1 << 20);
  state.counters["rss_B_per_movement"] = static_cast<double>(rss) / kConcurrentMovements;
  state.counters["heap_growth_MB"] = static_cast<double>(heap) / (1 << 20);
  state.counters["heap_B_per_movement"] = static_cast<double>(heap) / kConcurrentMovements;
}
BENCHMARK(BM_Memory_ConcurrentMovements)->Iterations(1)->Unit(benchmark::kMillisecond);

// --- The detection pipeline in memory -------------------------------------------------

void BM_Pipeline_ParseAndMonitor(benchmark::State& state) {
  const World& w = GetWorld();
  if (!WorldReady(state, w)) return;
  std::unique_ptr<MovementMonitor> monitor;
  int64_t alerts = 0;
  for (auto _ : state) {
    state.PauseTiming();
    monitor = BoundMonitor(w, &state);
    if (monitor == nullptr) return;
    state.ResumeTiming();
    PositionParser parser;
    ParsedPositions parsed;
    MonitorOutput out;
    for (std::string_view batch : w.batches) {
      parsed.accepted.clear();
      parsed.rejected.clear();
      parser.ParseNdjson(batch, w.now, parsed);
      for (const Position& p : parsed.accepted) monitor->Ingest(p, out);
      alerts += static_cast<int64_t>(out.alerts.size());
      out.Clear();
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(w.positions.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(w.ndjson.size()));
  state.counters["positions"] = static_cast<double>(w.positions.size());
  state.counters["movements"] = static_cast<double>(w.bindings.size());
  state.counters["alerts"] =
      benchmark::Counter(static_cast<double>(alerts), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_Pipeline_ParseAndMonitor)->Unit(benchmark::kMillisecond);

void BM_Pipeline_MonitorOnly(benchmark::State& state) {
  const World& w = GetWorld();
  if (!WorldReady(state, w)) return;
  std::unique_ptr<MovementMonitor> monitor;
  for (auto _ : state) {
    state.PauseTiming();
    monitor = BoundMonitor(w, &state);
    if (monitor == nullptr) return;
    state.ResumeTiming();
    MonitorOutput out;
    for (size_t i = 0; i < w.positions.size(); ++i) {
      monitor->Ingest(w.positions[i], out);
      if (i % kBatch == kBatch - 1) out.Clear();
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(w.positions.size()));
}
BENCHMARK(BM_Pipeline_MonitorOnly)->Unit(benchmark::kMillisecond);

void BM_Pipeline_ParseOnly(benchmark::State& state) {
  const World& w = GetWorld();
  if (!WorldReady(state, w)) return;
  for (auto _ : state) {
    PositionParser parser;
    ParsedPositions parsed;
    for (std::string_view batch : w.batches) {
      parsed.accepted.clear();
      parser.ParseNdjson(batch, w.now, parsed);
      benchmark::DoNotOptimize(parsed.accepted.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(w.positions.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(w.ndjson.size()));
}
BENCHMARK(BM_Pipeline_ParseOnly)->Unit(benchmark::kMillisecond);

// Baseline for parsing: a general JSON DOM of each line, no checks, no mapping to Position.
void BM_Baseline_NlohmannParse(benchmark::State& state) {
  const World& w = GetWorld();
  if (!WorldReady(state, w)) return;
  for (auto _ : state) {
    for (std::string_view line : w.lines) benchmark::DoNotOptimize(nlohmann::json::parse(line));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(w.lines.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(w.ndjson.size()));
}
BENCHMARK(BM_Baseline_NlohmannParse)->Unit(benchmark::kMillisecond);

// --- Durable into the embedded store ---------------------------------------------------

std::string FreshDbPath(const std::string& name) {
  const fs::path path = fs::temp_directory_path() /
                        ("keruen_tracking_bench_" + std::to_string(::getpid()) + "_" + name);
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
  return path.string();
}

void RemoveDb(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
}

// The first kStoredPositions positions of the stream, in batches of kBatch.
const std::vector<ParsedPositions>& StoredBatches() {
  static const std::vector<ParsedPositions> batches = [] {
    const World& w = GetWorld();
    std::vector<ParsedPositions> out;
    const size_t n = std::min(kStoredPositions, w.positions.size());
    for (size_t i = 0; i < n; i += kBatch) {
      ParsedPositions batch;
      batch.accepted.assign(w.positions.begin() + static_cast<ptrdiff_t>(i),
                            w.positions.begin() + static_cast<ptrdiff_t>(std::min(n, i + kBatch)));
      out.push_back(std::move(batch));
    }
    return out;
  }();
  return batches;
}

void BM_Store_TrackingService(benchmark::State& state) {
  const World& w = GetWorld();
  if (!WorldReady(state, w)) return;
  const auto& batches = StoredBatches();
  ManualClock clock(w.now);
  int64_t stored = 0, alerts = 0;
  std::string path;
  for (auto _ : state) {
    state.PauseTiming();
    path = FreshDbPath("service.db");
    auto store = SqliteStore::Open(path, clock);
    if (!store) {
      state.SkipWithError(store.error().ToString().c_str());
      break;
    }
    auto service = std::make_unique<TrackingService>(**store, *w.geography, clock);
    for (const Declaration* d : w.travelling) {
      if (auto bound = service->Bind(*d); !bound) {
        state.SkipWithError(bound.error().ToString().c_str());
        return;
      }
    }
    state.ResumeTiming();
    for (const ParsedPositions& batch : batches) {
      auto report = service->Ingest(batch, "benchmark");
      if (!report) {
        state.SkipWithError(report.error().ToString().c_str());
        return;
      }
      stored += report->accepted;
      alerts += report->alerts_raised;
    }
    state.PauseTiming();
    service.reset();
    store->reset();
    RemoveDb(path);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(stored);
  state.counters["batch"] = static_cast<double>(kBatch);
  state.counters["alerts"] =
      benchmark::Counter(static_cast<double>(alerts), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_Store_TrackingService)->Unit(benchmark::kMillisecond)->UseRealTime();

// The ceiling: the same rows, one transaction per batch, into a table with no index, with
// the store's durability settings (WAL, synchronous=NORMAL).
void BM_Baseline_SqlitePlainInsert(benchmark::State& state) {
  const World& w = GetWorld();
  if (!WorldReady(state, w)) return;
  const auto& batches = StoredBatches();
  std::unordered_map<std::string, std::string> movement_of;
  for (const MovementBinding& b : w.bindings) {
    for (const std::string& seal : b.movement.seals) movement_of[seal] = b.movement.id;
  }
  int64_t stored = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const std::string path = FreshDbPath("plain.db");
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db,
                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                 "CREATE TABLE positions(device TEXT, ts INTEGER, movement_id TEXT, lat REAL, "
                 "lon REAL, speed_kmh REAL, battery_pct INTEGER, event TEXT)",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO positions VALUES(?,?,?,?,?,?,?,?)", -1, &stmt, nullptr);
    state.ResumeTiming();
    for (const ParsedPositions& batch : batches) {
      sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
      for (const Position& p : batch.accepted) {
        const std::string& movement = movement_of[p.device];
        const std::string_view event = SealEventCode(p.event);
        sqlite3_bind_text(stmt, 1, p.device.data(), static_cast<int>(p.device.size()),
                          SQLITE_STATIC);
        sqlite3_bind_int64(stmt, 2, p.ts);
        sqlite3_bind_text(stmt, 3, movement.data(), static_cast<int>(movement.size()),
                          SQLITE_STATIC);
        sqlite3_bind_double(stmt, 4, p.lat);
        sqlite3_bind_double(stmt, 5, p.lon);
        if (p.speed_kmh) {
          sqlite3_bind_double(stmt, 6, *p.speed_kmh);
        } else {
          sqlite3_bind_null(stmt, 6);
        }
        if (p.battery_pct) {
          sqlite3_bind_int(stmt, 7, *p.battery_pct);
        } else {
          sqlite3_bind_null(stmt, 7);
        }
        sqlite3_bind_text(stmt, 8, event.data(), static_cast<int>(event.size()), SQLITE_STATIC);
        if (sqlite3_step(stmt) == SQLITE_DONE) ++stored;
        sqlite3_reset(stmt);
      }
      sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
    state.PauseTiming();
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    RemoveDb(path);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(stored);
  state.counters["batch"] = static_cast<double>(kBatch);
}
BENCHMARK(BM_Baseline_SqlitePlainInsert)->Unit(benchmark::kMillisecond)->UseRealTime();

// --- Detection on the simulated world --------------------------------------------------

// "T3 deviation", "T4 06", "T1 country-RU": the rule and the finding of an alert id
// ("T3-<movement>-deviation-2"), without the excursion or silence number.
std::string AlertKind(const Alert& a) {
  std::string finding = a.id.substr(a.rule.size() + 1 + a.subject.id.size() + 1);
  const size_t dash = finding.rfind('-');
  if (dash != std::string::npos &&
      finding.find_first_not_of("0123456789", dash + 1) == std::string::npos) {
    finding.resize(dash);
  }
  return a.rule + " " + finding;
}

struct Replay {
  std::map<std::string, std::vector<Alert>> alerts;  // by movement, in the order raised
  int64_t unknown_device = 0;                        // positions of seals bound to nothing
  int64_t late = 0;
  int64_t duplicate = 0;
};

Replay ReplayWorld(const World& w) {
  Replay r;
  auto monitor = BoundMonitor(w);
  if (monitor == nullptr) return r;
  MonitorOutput out;
  Timestamp next_tick = 0;
  auto collect = [&] {
    for (Alert& a : out.alerts) r.alerts[a.subject.id].push_back(std::move(a));
    out.Clear();
  };
  for (const Position& p : w.positions) {
    if (next_tick == 0) next_tick = p.ts + kTickEvery;
    while (p.ts >= next_tick) {
      monitor->Tick(next_tick, out);
      next_tick += kTickEvery;
    }
    switch (monitor->Ingest(p, out)) {
      case PositionOutcome::kAccepted:
        break;
      case PositionOutcome::kLate:
        ++r.late;
        break;
      case PositionOutcome::kDuplicate:
        ++r.duplicate;
        break;
      case PositionOutcome::kUnknownDevice:
        ++r.unknown_device;
        break;
    }
    collect();
  }
  monitor->Tick(w.now, out);
  collect();
  return r;
}

// The first position that shows an instance, computed from the positions and the geography
// only (not from the monitor): for a ghost transit the first in Russia, or at a Russia-facing
// post not its own, after one in Kazakhstan; for a seal breach the first with event 01 or 02, for a
// deviation the first beyond the corridor distance from the approved route.
const Position* FirstShowing(const World& w, Scheme scheme, const std::vector<size_t>& track,
                             const MovementBinding& b, double corridor_km) {
  std::shared_ptr<const ApprovedRoute> route;
  if (scheme == Scheme::kRouteDeviation) {
    auto r = w.geography->RouteBetween(b.movement.entry_post_id, b.movement.exit_post_id);
    if (!r) return nullptr;
    route = *r;
  }
  bool been_in_kz = false;
  for (size_t i : track) {
    const Position& p = w.positions[i];
    switch (scheme) {
      case Scheme::kGhostTransit: {
        // A truck that enters from Russia waits on the Russian side of its entry post: that
        // shows nothing. Russia after Kazakhstan does, and so does a Russia-facing post that is
        // neither its entry nor its exit (ghost trucks hand in their seals there).
        const std::string_view country = w.geography->CountryAt(p.lat, p.lon);
        if (country == "RU" && been_in_kz) return &p;
        const BorderPost* post =
            w.geography->PostNear(p.lat, p.lon, MonitorConfig{}.post_radius_km);
        if (been_in_kz && post != nullptr && post->neighbour == "RU" &&
            post->id != b.movement.entry_post_id && post->id != b.movement.exit_post_id) {
          return &p;
        }
        been_in_kz = been_in_kz || country == "KZ";
        break;
      }
      case Scheme::kSealBreach:
        if (p.event == SealEvent::kElementBroken || p.event == SealEvent::kHousingBroken) {
          return &p;
        }
        break;
      case Scheme::kRouteDeviation: {
        size_t fresh = 0;  // no history: the nearest point of the whole route
        if (route->Probe(p.lat, p.lon, fresh).distance_km > corridor_km) return &p;
        break;
      }
      default:
        return nullptr;
    }
  }
  return nullptr;
}

bool AlertAnswers(Scheme scheme, const Alert& a, const Position* first) {
  switch (scheme) {
    case Scheme::kGhostTransit:
      return a.rule == "T1";
    case Scheme::kSealBreach:
      return a.rule == "T4" && first != nullptr &&
             a.id.ends_with("-" + std::string(SealEventCode(first->event)));
    case Scheme::kRouteDeviation:
      return a.rule == "T3" && a.id.find("deviation") != std::string::npos;
    default:
      return false;
  }
}

void PrintTrack(const World& w, const std::vector<size_t>& track, const Position* around,
                const MovementBinding& b) {
  size_t at = 0;
  for (size_t k = 0; k < track.size(); ++k) {
    if (&w.positions[track[k]] == around) at = k;
  }
  const size_t lo = at > 3 ? at - 3 : 0;
  const size_t hi = std::min(track.size(), at + 4);
  auto route = w.geography->RouteBetween(b.movement.entry_post_id, b.movement.exit_post_id);
  for (size_t k = lo; k < hi; ++k) {
    const Position& p = w.positions[track[k]];
    size_t fresh = 0;
    const double km = route ? (*route)->Probe(p.lat, p.lon, fresh).distance_km : -1;
    std::fprintf(stderr, "    %s %s %.4f,%.4f %s route_km=%.1f event=%s%s\n", p.device.c_str(),
                 FormatTimestamp(p.ts).c_str(), p.lat, p.lon,
                 std::string(w.geography->CountryAt(p.lat, p.lon)).c_str(), km,
                 std::string(SealEventCode(p.event)).c_str(), k == at ? "  <==" : "");
  }
}

void BM_Detection_SimulatedWorld(benchmark::State& state) {
  const World& w = GetWorld();
  if (!WorldReady(state, w)) return;
  Replay replay;
  for (auto _ : state) replay = ReplayWorld(w);

  const double corridor_km = MonitorConfig{}.corridor_km;
  std::unordered_map<std::string, const MovementBinding*> binding_of;
  std::unordered_map<std::string, std::string> movement_of_device;
  for (const MovementBinding& b : w.bindings) {
    binding_of[b.movement.id] = &b;
    for (const std::string& seal : b.movement.seals) movement_of_device[seal] = b.movement.id;
  }
  std::unordered_map<std::string, std::vector<size_t>> track_of;  // movement -> positions
  for (size_t i = 0; i < w.positions.size(); ++i) {
    auto it = movement_of_device.find(w.positions[i].device);
    if (it != movement_of_device.end()) track_of[it->second].push_back(i);
  }

  const Scheme checked[] = {Scheme::kGhostTransit, Scheme::kSealBreach, Scheme::kRouteDeviation};
  std::set<std::string> planted_movements;    // of any checked scheme
  std::set<std::string> deviation_explained;  // route deviations and ghosts
  for (const TruthRecord& t : w.sim.truth) {
    if (std::find(std::begin(checked), std::end(checked), t.scheme) == std::end(checked)) continue;
    for (const std::string& id : t.declarations) {
      planted_movements.insert(id);
      if (t.scheme != Scheme::kSealBreach) deviation_explained.insert(id);
    }
  }

  int examples = 0;
  for (Scheme scheme : checked) {
    const std::string name(SchemeName(scheme));
    int64_t planted = 0, detected = 0, at_first = 0, no_showing = 0;
    for (const TruthRecord& t : w.sim.truth) {
      if (t.scheme != scheme) continue;
      for (const std::string& id : t.declarations) {
        auto b = binding_of.find(id);
        if (b == binding_of.end()) continue;  // a declaration of the instance that travels not
        ++planted;
        static const std::vector<size_t> kNoTrack;
        auto tr = track_of.find(id);
        const std::vector<size_t>& track = tr == track_of.end() ? kNoTrack : tr->second;
        const Position* first = FirstShowing(w, scheme, track, *b->second, corridor_km);
        if (first == nullptr) ++no_showing;
        const Alert* alert = nullptr;
        if (auto a = replay.alerts.find(id); a != replay.alerts.end()) {
          for (const Alert& candidate : a->second) {
            if (AlertAnswers(scheme, candidate, first) &&
                (alert == nullptr || candidate.raised_at < alert->raised_at)) {
              alert = &candidate;
            }
          }
        }
        if (alert != nullptr) ++detected;
        const bool timely = alert != nullptr && first != nullptr && alert->raised_at == first->ts;
        if (timely) ++at_first;
        if (!timely && (alert == nullptr || first != nullptr) && examples < 12) {
          ++examples;
          std::fprintf(
              stderr, "[%s] movement %s (%s -> %s, destination %s): %s; first showing %s\n",
              name.c_str(), id.c_str(), b->second->movement.entry_post_id.c_str(),
              b->second->movement.exit_post_id.c_str(), b->second->destination.c_str(),
              alert == nullptr
                  ? "no alert"
                  : ("alert " + alert->id + " at " + FormatTimestamp(alert->raised_at)).c_str(),
              first == nullptr ? "none" : FormatTimestamp(first->ts).c_str());
          if (first != nullptr) PrintTrack(w, track, first, *b->second);
        }
      }
    }
    state.counters[name + "_planted"] = static_cast<double>(planted);
    state.counters[name + "_detected"] = static_cast<double>(detected);
    state.counters[name + "_at_first_position"] = static_cast<double>(at_first);
    state.counters[name + "_not_in_track"] = static_cast<double>(no_showing);
  }

  // Alerts on movements with no planted tracking scheme.
  std::map<std::string, int64_t> clean_by_kind;
  int64_t false_deviations = 0, clean_with_alerts = 0;
  for (const auto& [movement, alerts] : replay.alerts) {
    if (!deviation_explained.contains(movement)) {
      for (const Alert& a : alerts) {
        if (a.id.find("deviation") == std::string::npos) continue;
        ++false_deviations;
        if (examples < 20) {
          ++examples;
          const MovementBinding& b = *binding_of.at(movement);
          std::fprintf(stderr, "[false deviation] %s (%s -> %s): %s\n", movement.c_str(),
                       b.movement.entry_post_id.c_str(), b.movement.exit_post_id.c_str(),
                       a.explanation.c_str());
          const auto& track = track_of[movement];
          const Position* at = nullptr;
          for (size_t i : track) {
            if (w.positions[i].ts == a.raised_at) at = &w.positions[i];
          }
          if (at != nullptr) PrintTrack(w, track, at, b);
        }
      }
    }
    if (planted_movements.contains(movement)) continue;
    if (!alerts.empty()) ++clean_with_alerts;
    for (const Alert& a : alerts) {
      // Two examples of each kind, for whoever reads why clean movements alert.
      if (++clean_by_kind[AlertKind(a)] <= 2) {
        const MovementBinding& b = *binding_of.at(movement);
        std::fprintf(stderr, "[clean %s] %s -> %s, destination %s: %s\n", AlertKind(a).c_str(),
                     b.movement.entry_post_id.c_str(), b.movement.exit_post_id.c_str(),
                     b.destination.c_str(), a.explanation.c_str());
        const auto& track = track_of[movement];
        for (size_t i : track) {
          const Position& p = w.positions[i];
          if (p.ts != a.raised_at && i != track.back()) continue;
          const BorderPost* post = w.geography->PostNear(p.lat, p.lon, 15);
          std::fprintf(stderr, "    %s %s %.4f,%.4f in %s, %.1f km from KZ, post %s\n",
                       p.ts == a.raised_at ? "at alert" : "last position",
                       FormatTimestamp(p.ts).c_str(), p.lat, p.lon,
                       std::string(w.geography->CountryAt(p.lat, p.lon)).c_str(),
                       w.geography->DistanceToCountryKm(p.lat, p.lon, "KZ"),
                       post != nullptr ? post->id.c_str() : "none");
        }
      }
    }
  }
  std::map<std::string, int64_t> false_deviation_pairs;
  for (const auto& [movement, alerts] : replay.alerts) {
    if (deviation_explained.contains(movement)) continue;
    const MovementBinding& b = *binding_of.at(movement);
    for (const Alert& a : alerts) {
      if (a.id.find("deviation") != std::string::npos) {
        ++false_deviation_pairs[b.movement.entry_post_id + " -> " + b.movement.exit_post_id];
      }
    }
  }
  for (const auto& [pair, n] : false_deviation_pairs) {
    std::fprintf(stderr, "[false deviations by route] %s: %lld\n", pair.c_str(),
                 static_cast<long long>(n));
  }
  state.counters["positions_unknown_device"] = static_cast<double>(replay.unknown_device);
  state.counters["positions_late"] = static_cast<double>(replay.late);
  state.counters["positions_duplicate"] = static_cast<double>(replay.duplicate);
  state.counters["false_deviation_alerts"] = static_cast<double>(false_deviations);
  state.counters["movements"] = static_cast<double>(w.bindings.size());
  state.counters["movements_with_positions"] = static_cast<double>(track_of.size());
  state.counters["clean_movements_with_alerts"] = static_cast<double>(clean_with_alerts);
  for (const auto& [kind, n] : clean_by_kind) {
    std::string key = "clean " + kind;
    std::replace(key.begin(), key.end(), ' ', '_');
    state.counters[key] = static_cast<double>(n);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(w.positions.size()));
}
BENCHMARK(BM_Detection_SimulatedWorld)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace keruen::tracking

BENCHMARK_MAIN();
