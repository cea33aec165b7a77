// track: seal positions through the movement monitor (replay of a recorded file, and the
// positions refused so far).
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>

#include "commands.h"
#include "keruen/core/csv.h"
#include "keruen/tracking/geography.h"
#include "keruen/tracking/tracking_service.h"
#include "progress.h"

namespace keruen::cli {

Result<tracking::TrackingReport> ReplayPositionsFile(Context& ctx, Store& store,
                                                     const std::string& path,
                                                     const std::string& format) {
  auto geography = tracking::MakeReferenceGeography();
  if (!geography) return tl::unexpected(geography.error());
  tracking::TrackingService service(store, **geography, ctx.clock);
  auto bound = service.Restore();
  if (!bound) return tl::unexpected(bound.error());
  auto text = ReadFile(path);
  if (!text) return tl::unexpected(text.error());
  const bool csv = format == "csv" || (format == "auto" && path.ends_with(".csv"));
  tracking::ParsedPositions parsed;
  if (csv) {
    if (auto ok = tracking::ParsePositionsCsv(*text, ctx.clock.Now(), parsed); !ok) {
      return tl::unexpected(ok.error().WithSource(path, ok.error().line));
    }
  } else {
    tracking::PositionParser parser;
    parser.ParseNdjson(*text, ctx.clock.Now(), parsed);
  }
  std::fprintf(stderr, "%lld movements under seal monitoring; %zu positions read, %zu refused\n",
               static_cast<long long>(*bound), parsed.accepted.size(), parsed.rejected.size());
  ProgressBar bar("replay " + path);
  auto report = tracking::ReplayPositions(service, std::move(parsed), path, 10'000,
                                          [&bar](double done) { bar.Update(done); });
  bar.Finish();
  return report;
}

void PrintTrackingReport(const tracking::TrackingReport& r) {
  std::printf(
      "positions: %lld accepted (%lld late, %lld new to the store), %lld duplicates dropped, "
      "%lld refused\n",
      static_cast<long long>(r.accepted), static_cast<long long>(r.late),
      static_cast<long long>(r.stored), static_cast<long long>(r.duplicates),
      static_cast<long long>(r.rejected));
  std::map<std::string, int64_t> by_rule;
  for (const std::string& id : r.alert_ids) ++by_rule[id.substr(0, id.find('-'))];
  std::printf("movement state changes: %lld; alerts raised: %lld",
              static_cast<long long>(r.state_changes), static_cast<long long>(r.alerts_raised));
  for (const auto& [rule, n] : by_rule)
    std::printf(" %s %lld", rule.c_str(), static_cast<long long>(n));
  std::printf("\n");
}

void AddTrackCommand(CLI::App& app, Context& ctx) {
  auto* track = app.add_subcommand("track", "Electronic-seal positions and the movement monitor");
  track->require_subcommand(1);
  struct Args {
    std::string file;
    std::string format = "auto";
    int64_t limit = 20;
  };
  auto args = std::make_shared<Args>();
  auto* replay = track->add_subcommand(
      "replay",
      "Feed a recorded positions file (NDJSON as shared/spec/pings.example.ndjson, or CSV with "
      "device,ts,lat,lon[,speed_kmh,battery_pct,event]) through the monitor, in time order; "
      "stores the positions, refused lines, alerts and movement states");
  replay->add_option("file", args->file, "Positions file")->required()->check(CLI::ExistingFile);
  replay->add_option("--format", args->format, "ndjson, csv, or auto (by extension)")
      ->check(CLI::IsMember({"auto", "ndjson", "csv"}))
      ->capture_default_str();
  replay->callback([&ctx, args] {
    auto store = ctx.OpenStore();
    if (!store) return ctx.Fail(store.error());
    const auto start = std::chrono::steady_clock::now();
    auto report = ReplayPositionsFile(ctx, **store, args->file, args->format);
    if (!report) return ctx.Fail(report.error());
    PrintTrackingReport(*report);
    const double secs = SecondsSince(start);
    std::printf("in %.1f s (%.0f positions/s)\n", secs,
                secs > 0 ? static_cast<double>(report->accepted) / secs : 0.0);
  });
  auto* rejected = track->add_subcommand("rejected", "The latest positions refused, and why");
  rejected->add_option("--limit", args->limit, "How many")->capture_default_str();
  rejected->callback([&ctx, args] {
    auto store = ctx.OpenStore();
    if (!store) return ctx.Fail(store.error());
    auto rows = (*store)->RejectedPositions(args->limit);
    if (!rows) return ctx.Fail(rows.error());
    for (const RejectedPositionRecord& r : *rows) {
      std::printf("%s  %s:%lld  %s: %s  | %s\n", FormatTimestamp(r.received_at).c_str(),
                  r.source.c_str(), static_cast<long long>(r.line),
                  r.field.empty() ? "line" : r.field.c_str(), r.reason.c_str(), r.raw.c_str());
    }
    if (rows->empty()) std::printf("no refused positions\n");
  });
}

}  // namespace keruen::cli
