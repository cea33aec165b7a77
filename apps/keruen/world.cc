#include "world.h"

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "keruen/core/paths.h"
#include "keruen/ingest/ingest.h"
#include "keruen/screening/lists/import.h"
#include "keruen/screening/watchlists.h"
#include "progress.h"

namespace keruen::cli {

namespace fs = std::filesystem;

Status ImportSharedLists(Store& store, bool verbose) {
  const auto shared = SharedDataDir();
  if (!shared) {
    std::printf("no shared data directory: sanctions lists not imported, parties not screened\n");
    return Ok();
  }
  for (const auto& source : screening::DefaultListSources(fs::path(*shared) / "sanctions")) {
    const auto start = std::chrono::steady_clock::now();
    auto snapshot = screening::ImportList(source.format, source.path);
    if (!snapshot) return tl::unexpected(snapshot.error());
    auto put = screening::StoreSnapshot(store, *snapshot);
    if (!put) return tl::unexpected(put.error());
    if (verbose) {
      std::printf("list %-13s v%d: %zu entries (%s) in %.1f s\n", snapshot->list.c_str(),
                  put->version.version, snapshot->entries.size(),
                  put->created ? "imported" : "unchanged", SecondsSince(start));
    }
  }
  return Ok();
}

Result<WorldRun> IngestWorld(Context& ctx, Store& store, const std::string& dir,
                             const WorldRunOptions& options) {
  WorldRun run;
  const auto begin = std::chrono::steady_clock::now();
  auto engines = OpenIngestEngines(ctx, store, options.engines);
  if (!engines) return tl::unexpected(engines.error());
  if (options.verbose && (*engines)->screener) {
    std::printf("screening index over %zu names\n", (*engines)->screener->screener->stats().names);
  }
  const auto lanes_before = (*engines)->risk->lane_counts();
  for (auto [file, kind] : {std::pair{"declarations.ndjson", DocumentKind::kDeclaration},
                            std::pair{"payments.ndjson", DocumentKind::kPayment}}) {
    const std::string path = (fs::path(dir) / file).string();
    ProgressBar bar(std::string("ingest ") + file);
    IngestOptions ingest = IngestOptionsFor(**engines, path);
    ingest.progress = [&bar](size_t done, size_t total) {
      bar.Update(total ? static_cast<double>(done) / total : 1.0);
    };
    const auto start = std::chrono::steady_clock::now();
    auto report = IngestFile(store, kind, path, ingest);
    bar.Finish();
    if (!report) return tl::unexpected(report.error());
    (kind == DocumentKind::kDeclaration ? run.declarations : run.payments) = report->counts.total();
    if (options.verbose) {
      std::printf("ingested %s: %lld new, %lld amended, %lld unchanged in %.1f s\n", path.c_str(),
                  static_cast<long long>(report->counts.inserted),
                  static_cast<long long>(report->counts.amended),
                  static_cast<long long>(report->counts.unchanged), SecondsSince(start));
    }
  }
  const auto lanes_after = (*engines)->risk->lane_counts();
  for (size_t i = 0; i < 4; ++i) run.lanes[i] = lanes_after[i] - lanes_before[i];
  if (options.verbose) PrintLanes(lanes_after, lanes_before);

  // Seal positions through the movement monitor, as they would have arrived.
  const std::string pings = (fs::path(dir) / "pings.ndjson").string();
  if (options.positions && fs::exists(pings)) {
    const auto start = std::chrono::steady_clock::now();
    auto tracked = ReplayPositionsFile(ctx, store, pings, "ndjson");
    if (!tracked) return tl::unexpected(tracked.error());
    if (options.verbose) {
      std::printf("replayed %s: ", pings.c_str());
      PrintTrackingReport(*tracked);
      std::printf("  in %.1f s\n", SecondsSince(start));
    }
  }
  run.seconds = SecondsSince(begin);
  return run;
}

void PrintDetection(const DetectionReport& report) {
  std::printf("%-26s %-6s %8s %8s %7s %7s %9s\n", "scheme", "rules", "planted", "caught", "recall",
              "alerts", "precision");
  for (const SchemeDetection& d : report.schemes) {
    std::string rules;
    for (const auto& r : d.rules) rules += (rules.empty() ? "" : ",") + r;
    std::printf("%-26s %-6s %8lld %8lld %7.3f %7lld %9.3f\n",
                std::string(SchemeName(d.scheme)).c_str(), rules.c_str(),
                static_cast<long long>(d.planted), static_cast<long long>(d.detected), d.recall(),
                static_cast<long long>(d.alerts), d.precision());
    for (size_t i = 0; i < d.missed.size() && i < 3; ++i) {
      std::printf("      missed: %s\n", d.missed[i].c_str());
    }
  }
}

}  // namespace keruen::cli
