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
#include "keruen/core/paths.h"
#include "keruen/ingest/ingest.h"
#include "keruen/ledger/virtual_warehouse.h"
#include "keruen/ledger/warehouse_loader.h"
#include "keruen/screening/lists/import.h"
#include "keruen/screening/party_screening.h"
#include "keruen/screening/watchlists.h"
#include "keruen/sim/detection.h"
#include "keruen/sim/simulator.h"
#include "progress.h"

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
    std::optional<screening::LoadedScreener> screener;
    std::unique_ptr<screening::PartyScreening> party_screening;
    if (auto shared = SharedDataDir()) {
      for (const auto& source : screening::DefaultListSources(fs::path(*shared) / "sanctions")) {
        const auto start = std::chrono::steady_clock::now();
        auto snapshot = screening::ImportList(source.format, source.path);
        if (!snapshot) return ctx.Fail(snapshot.error());
        auto put = screening::StoreSnapshot(**store, *snapshot);
        if (!put) return ctx.Fail(put.error());
        std::printf("list %-13s v%d: %zu entries (%s) in %.1f s\n", snapshot->list.c_str(),
                    put->version.version, snapshot->entries.size(),
                    put->created ? "imported" : "unchanged", SecondsSince(start));
      }
      const auto start = std::chrono::steady_clock::now();
      auto loaded = screening::LoadScreener(**store);
      if (!loaded) return ctx.Fail(loaded.error());
      screener = std::move(*loaded);
      party_screening = std::make_unique<screening::PartyScreening>(*screener->screener, ctx.clock);
      std::printf("screening index over %zu names built in %.1f s\n",
                  screener->screener->stats().names, SecondsSince(start));
    } else {
      std::printf("no shared data directory: sanctions lists not imported, parties not screened\n");
    }

    for (auto [file, kind] : {std::pair{"declarations.ndjson", DocumentKind::kDeclaration},
                              std::pair{"payments.ndjson", DocumentKind::kPayment}}) {
      const std::string path = (fs::path(args->out_dir) / file).string();
      ProgressBar bar(std::string("ingest ") + file);
      IngestOptions options;
      options.progress = [&bar](size_t done, size_t total) {
        bar.Update(total ? static_cast<double>(done) / total : 1.0);
      };
      if (party_screening) options.listeners.push_back(party_screening.get());
      const auto start = std::chrono::steady_clock::now();
      auto report = IngestFile(**store, kind, path, options);
      bar.Finish();
      if (!report) return ctx.Fail(report.error());
      std::printf("ingested %s: %lld new, %lld amended, %lld unchanged in %.1f s\n", path.c_str(),
                  static_cast<long long>(report->counts.inserted),
                  static_cast<long long>(report->counts.amended),
                  static_cast<long long>(report->counts.unchanged), SecondsSince(start));
    }

    // Seal positions through the movement monitor, as they would have arrived.
    const std::string pings = (fs::path(args->out_dir) / "pings.ndjson").string();
    if (args->sim.positions && fs::exists(pings)) {
      const auto start = std::chrono::steady_clock::now();
      auto tracked = ReplayPositionsFile(ctx, **store, pings, "ndjson");
      if (!tracked) return ctx.Fail(tracked.error());
      std::printf("replayed %s: ", pings.c_str());
      PrintTrackingReport(*tracked);
      std::printf("  in %.1f s\n", SecondsSince(start));
    }

    auto stats = (*store)->Stats();
    if (!stats) return ctx.Fail(stats.error());
    std::printf(
        "\nstore %s: %lld declarations (%lld goods items, %lld amendments), %lld payments, "
        "%lld movements, %lld alerts\n",
        ctx.db.c_str(), static_cast<long long>(stats->declarations),
        static_cast<long long>(stats->goods_items),
        static_cast<long long>(stats->declaration_versions),
        static_cast<long long>(stats->payments), static_cast<long long>(stats->movements),
        static_cast<long long>(stats->alerts));
    std::printf("declarations by kind:");
    for (DeclarationKind k : {DeclarationKind::kImport, DeclarationKind::kExport,
                              DeclarationKind::kTransit, DeclarationKind::kWaybill}) {
      std::printf(" %s %lld", std::string(DeclarationKindName(k)).c_str(),
                  static_cast<long long>(summary->declarations_by_kind[static_cast<int>(k)]));
    }
    std::printf("\nplanted schemes (ground truth in %s/truth.jsonl):\n", args->out_dir.c_str());
    for (Scheme s : kAllSchemes) {
      std::printf("  %-26s %lld\n", std::string(SchemeName(s)).c_str(),
                  static_cast<long long>(summary->scheme_instances[static_cast<int>(s)]));
    }
    auto truth = ReadTruthFile((fs::path(args->out_dir) / "truth.jsonl").string());
    if (!truth) return ctx.Fail(truth.error());
    // Which rules answer which planted scheme, as the engines land.
    const std::map<Scheme, std::vector<std::string>> rules = {
        // A ghost transit also leaves its declared route (T3) on the way to Russia.
        {Scheme::kGhostTransit, {"T1", "T3"}},
        {Scheme::kSanctionedPartyVariant, {std::string(screening::kSanctionsHitRule)}},
        {Scheme::kSealBreach, {"T4"}},
        {Scheme::kRouteDeviation, {"T3"}}};
    auto detection = CheckDetection(**store, *truth, rules);
    if (!detection) return ctx.Fail(detection.error());
    std::printf("\nalerts by rule:");
    if (detection->alerts_by_rule.empty()) std::printf(" none");
    for (const auto& [rule, count] : detection->alerts_by_rule) {
      std::printf(" %s %lld", rule.c_str(), static_cast<long long>(count));
    }
    std::printf("\ndetection against the planted truth (engines built so far):\n");
    for (const SchemeDetection& d : detection->schemes) {
      std::string rule_names;
      for (const auto& r : d.rules) rule_names += (rule_names.empty() ? "" : ",") + r;
      const auto unexplained = detection->unexplained_by_rule.find(d.rules.front());
      std::printf("  %-26s %-4s caught %lld of %lld planted; %lld other alerts of the rule\n",
                  std::string(SchemeName(d.scheme)).c_str(), rule_names.c_str(),
                  static_cast<long long>(d.detected), static_cast<long long>(d.planted),
                  static_cast<long long>(unexplained == detection->unexplained_by_rule.end()
                                             ? 0
                                             : unexplained->second));
      for (size_t i = 0; i < d.missed.size() && i < 3; ++i) {
        std::printf("      missed: %s\n", d.missed[i].c_str());
      }
    }
    // The virtual warehouse's findings (computed here, not stored as alerts yet): an instance
    // is caught when a finding names one of its declarations (Q2) or its trader (Q1).
    ledger::VirtualWarehouse warehouse;
    std::vector<ledger::Finding> findings;
    if (auto read = ledger::LoadWarehouse(**store, warehouse, findings); !read) {
      return ctx.Fail(read.error());
    }
    for (const auto& [scheme, rule] : {std::pair{Scheme::kPassThroughReexport, "Q2"},
                                       std::pair{Scheme::kQuantityImbalance, "Q1"}}) {
      int64_t planted = 0, caught = 0;
      std::set<const ledger::Finding*> explained;
      for (const TruthRecord& t : *truth) {
        if (t.scheme != scheme) continue;
        ++planted;
        bool hit = false;
        for (const ledger::Finding& f : findings) {
          if (f.rule != rule) continue;
          const bool names_it =
              std::find(t.parties.begin(), t.parties.end(), f.party) != t.parties.end() &&
              (rule == std::string_view("Q1") ||
               std::any_of(f.declarations.begin(), f.declarations.end(), [&](const auto& id) {
                 return std::find(t.declarations.begin(), t.declarations.end(), id) !=
                        t.declarations.end();
               }));
          if (names_it) {
            hit = true;
            explained.insert(&f);
          }
        }
        caught += hit ? 1 : 0;
      }
      const auto of_rule = std::count_if(findings.begin(), findings.end(),
                                         [&](const ledger::Finding& f) { return f.rule == rule; });
      std::printf("  %-26s %-4s caught %lld of %lld planted; %lld other findings of the rule\n",
                  std::string(SchemeName(scheme)).c_str(), rule, static_cast<long long>(caught),
                  static_cast<long long>(planted),
                  static_cast<long long>(of_rule - static_cast<int64_t>(explained.size())));
    }
    std::printf(
        "  (the payment rules and the rest of the re-export rules are still to come: their "
        "schemes are not measured yet)\n");
    std::printf(
        "\nlook at: %s (database), %s/ (simulated files); try `keruen --db %s show "
        "declaration ID` or `show movement ID`\n",
        ctx.db.c_str(), args->out_dir.c_str(), ctx.db.c_str());
    if (args->serve) {
      ServeStore(**store, ctx.clock, args->bind, args->port, 0, 64, ctx);
    }
  });
}

}  // namespace keruen::cli
