// simulate and demo: generate the simulated world; the demo also ingests and serves it.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <utility>

#include "commands.h"
#include "keruen/cases/cases.h"
#include "keruen/sim/detection.h"
#include "keruen/sim/simulator.h"
#include "progress.h"
#include "world.h"

namespace keruen::cli {
namespace {

namespace fs = std::filesystem;

// Options that need parsing beyond CLI11's conversions, applied after the parse.
struct SimExtras {
  std::string start;
  std::vector<std::string> rates;  // "scheme=rate"
};

Status ApplySimExtras(const SimExtras& extras, SimOptions& o) {
  if (!extras.start.empty()) {
    auto date = ParseDate(extras.start);
    if (!date) return InvalidArgument("--start", date.error().message);
    o.start = *date;
  }
  for (const auto& r : extras.rates) {
    const size_t eq = r.find('=');
    const auto scheme = ParseScheme(r.substr(0, eq));
    if (eq == std::string::npos || !scheme) {
      return InvalidArgument("--rate", "\"" + r +
                                           "\" is not SCHEME=RATE with a scheme of truth.jsonl "
                                           "(e.g. ghost_transit=0.05)");
    }
    char* end = nullptr;
    const double rate = std::strtod(r.c_str() + eq + 1, &end);
    if (end == r.c_str() + eq + 1 || *end != '\0') {
      return InvalidArgument("--rate", "\"" + r.substr(eq + 1) + "\" is not a number");
    }
    o.scheme_rates[static_cast<size_t>(*scheme)] = rate;
  }
  return ValidateSimOptions(o);
}

void AddSimOptions(CLI::App* cmd, SimOptions& o, std::string& out_dir, SimExtras& extras) {
  cmd->add_option("--start", extras.start, "First simulated day, YYYY-MM-DD (default 2026-03-01)");
  cmd->add_option("--rate", extras.rates,
                  "Planting rate of a scheme, SCHEME=RATE (repeatable), e.g. ghost_transit=0.05");
  cmd->add_option("--seed", o.seed, "Seed: the same seed gives the same world")
      ->capture_default_str();
  cmd->add_option("--days", o.days, "Simulated days")
      ->capture_default_str()
      ->check(CLI::Range(1, 3660));
  cmd->add_option("--scale", o.scale, "About this many declarations per day")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000000));
  cmd->add_option("--out", out_dir, "Output directory")->capture_default_str();
  cmd->add_flag("--positions,!--no-positions", o.positions,
                "Generate electronic-seal positions (needed for the tracking schemes)")
      ->capture_default_str();
  cmd->add_flag("!--allow-listed-names", o.screen_clean_names,
                "Let clean companies keep a generated name that is a listed subject's (the "
                "sanctions lists are then not read to check: faster, but P6 alerts on such "
                "namesakes count as false positives)");
  cmd->add_option("--ping-interval", o.ping_interval_s,
                  "Seconds between positions of a moving truck")
      ->capture_default_str()
      ->check(CLI::Range(10, 86400));
}

Result<SimSummary> RunSimulation(const SimOptions& options, const std::string& out_dir) {
  ProgressBar bar("simulate");
  const auto start = std::chrono::steady_clock::now();
  auto summary = Simulate(options, out_dir, [&bar](double f) { bar.Update(f); });
  bar.Finish();
  if (!summary) return summary;
  const double secs = SecondsSince(start);
  std::printf(
      "simulated %d days at scale %d (seed %llu) in %.1f s: %lld declarations, %lld "
      "payments, %lld positions from %lld seals -> %s\n",
      options.days, options.scale, static_cast<unsigned long long>(options.seed), secs,
      static_cast<long long>(summary->declarations), static_cast<long long>(summary->payments),
      static_cast<long long>(summary->pings), static_cast<long long>(summary->devices),
      out_dir.c_str());
  for (const auto& note : summary->notes) std::printf("  note: %s\n", note.c_str());
  return summary;
}

struct DemoArgs {
  SimOptions sim;
  SimExtras extras;
  std::string out_dir = "keruen-demo";
  std::string bind = "127.0.0.1";
  int port = 8080;
  bool serve = true;
  bool fresh = false;
  std::string profiles;
};

}  // namespace

void AddSimulateCommand(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<SimOptions>();
  auto extras = std::make_shared<SimExtras>();
  auto out_dir = std::make_shared<std::string>("sim-out");
  auto* cmd = app.add_subcommand(
      "simulate",
      "Generate a simulated world: declarations, payments, seal positions and the ground truth "
      "of planted schemes (truth.jsonl)");
  AddSimOptions(cmd, *options, *out_dir, *extras);
  cmd->callback([&ctx, options, extras, out_dir] {
    if (auto s = ApplySimExtras(*extras, *options); !s) return ctx.Fail(s.error());
    if (auto r = RunSimulation(*options, *out_dir); !r) ctx.Fail(r.error());
  });
}

void AddDemoCommand(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<DemoArgs>();
  auto* cmd = app.add_subcommand(
      "demo", "Simulate a month, ingest it, run every engine, print a summary, then serve the API");
  AddSimOptions(cmd, args->sim, args->out_dir, args->extras);
  cmd->add_option("--bind", args->bind, "Address the API listens on")->capture_default_str();
  cmd->add_option("--port", args->port, "API port (0 picks a free one)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_flag("--serve,!--no-serve", args->serve, "Serve the API after the summary")
      ->capture_default_str();
  cmd->add_flag("--fresh", args->fresh, "Start from an empty database");
  cmd->add_option("--profiles", args->profiles,
                  "Analysts' risk profile file (default: the built-in rules' defaults)")
      ->check(CLI::ExistingFile);
  cmd->callback([&ctx, args] {
    if (auto s = ApplySimExtras(args->extras, args->sim); !s) return ctx.Fail(s.error());
    if (args->fresh) {
      for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(ctx.db + suffix);
    }
    auto summary = RunSimulation(args->sim, args->out_dir);
    if (!summary) return ctx.Fail(summary.error());
    auto store = ctx.OpenStore();
    if (!store) return ctx.Fail(store.error());

    // Sanctions lists first, so that every party is screened as it comes in.
    if (auto imported = ImportSharedLists(**store, true); !imported) {
      return ctx.Fail(imported.error());
    }
    WorldRunOptions run_options;
    run_options.positions = args->sim.positions;
    run_options.engines.profiles = args->profiles;
    auto run = IngestWorld(ctx, **store, args->out_dir, run_options);
    if (!run) return ctx.Fail(run.error());

    auto stats = (*store)->Stats();
    if (!stats) return ctx.Fail(stats.error());
    std::printf(
        "\nstore %s: %lld declarations (%lld goods items, %lld amendments), %lld payments, "
        "%lld movements, %lld alerts, %lld decisions\n",
        ctx.db.c_str(), static_cast<long long>(stats->declarations),
        static_cast<long long>(stats->goods_items),
        static_cast<long long>(stats->declaration_versions),
        static_cast<long long>(stats->payments), static_cast<long long>(stats->movements),
        static_cast<long long>(stats->alerts), static_cast<long long>(stats->decisions));
    std::printf("declarations by kind:");
    for (DeclarationKind k : {DeclarationKind::kImport, DeclarationKind::kExport,
                              DeclarationKind::kTransit, DeclarationKind::kWaybill}) {
      std::printf(" %s %lld", std::string(DeclarationKindName(k)).c_str(),
                  static_cast<long long>(summary->declarations_by_kind[static_cast<int>(k)]));
    }
    auto truth = ReadTruthFile((fs::path(args->out_dir) / "truth.jsonl").string());
    if (!truth) return ctx.Fail(truth.error());
    auto detection = CheckDetection(**store, *truth, DefaultSchemeRules());
    if (!detection) return ctx.Fail(detection.error());
    std::printf("\nalerts by rule:");
    if (detection->alerts_by_rule.empty()) std::printf(" none");
    for (const auto& [rule, count] : detection->alerts_by_rule) {
      std::printf(" %s %lld", rule.c_str(), static_cast<long long>(count));
    }
    std::printf("\n\ndetection against the planted truth (%s/truth.jsonl):\n",
                args->out_dir.c_str());
    PrintDetection(*detection);

    // The queue: one case per story.
    auto queue = cases::BuildCases(**store);
    if (!queue) return ctx.Fail(queue.error());
    std::printf("\n%zu cases; the first five of the queue:\n", queue->size());
    for (size_t i = 0; i < queue->size() && i < 5; ++i) {
      const cases::Case& c = (*queue)[i];
      std::printf("  %-22s %-8s %s\n", c.id.c_str(), std::string(SeverityName(c.severity)).c_str(),
                  c.summary.c_str());
    }
    if (!queue->empty()) {
      std::printf("  the whole story of one: keruen --db %s cases show %s\n", ctx.db.c_str(),
                  queue->front().id.c_str());
    }
    std::printf(
        "\nlook at: %s (database), %s/ (simulated files); try `keruen --db %s show "
        "declaration ID` or `show movement ID`\n",
        ctx.db.c_str(), args->out_dir.c_str(), ctx.db.c_str());
    if (args->serve) {
      ServeStore(**store, ctx.clock, args->bind, args->port, 0, 64, args->profiles, ctx);
    }
  });
}

}  // namespace keruen::cli
