// init, ingest and show: the commands that put documents in the store and read them back.
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "engines.h"
#include "keruen/core/json_codec.h"
#include "keruen/ingest/ingest.h"
#include "keruen/screening/party_screening.h"
#include "keruen/screening/watchlists.h"
#include "keruen/tracking/geography.h"
#include "keruen/tracking/movement_report.h"
#include "progress.h"

namespace keruen::cli {
namespace {

std::string Megabytes(size_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return buf;
}

void PrintPretty(const std::string& json) {
  std::printf("%s\n", nlohmann::json::parse(json).dump(2).c_str());
}

// Prints the current version of a document and the list of all its versions. Fails the
// command (exit 2) when there is none; returns whether it printed.
template <typename T>
bool PrintHistory(Context& ctx, const Result<std::vector<Versioned<T>>>& history,
                  const std::string& kind, const std::string& id) {
  if (!history) {
    ctx.Fail(history.error());
    return false;
  }
  if (history->empty()) {
    ctx.Fail("no " + kind + " with id " + id, 2);
    return false;
  }
  PrintPretty(ToJson(history->back().value));
  std::printf("versions:\n");
  for (const auto& v : *history) {
    std::printf("  version %d  stored %s  from %s  hash %s\n", v.version,
                FormatTimestamp(v.stored_at).c_str(), v.source.c_str(), v.content_hash.c_str());
  }
  return true;
}

}  // namespace

void AddInitCommand(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("init", "Create the database (or bring its schema up to date)");
  cmd->callback([&ctx] {
    auto store = ctx.OpenStore();
    if (!store) return ctx.Fail(store.error());
    std::printf("database ready: %s\n", ctx.db.c_str());
  });
}

void AddIngestCommand(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "ingest",
      "Load documents: JSON Lines or one JSON document per file. Each file is all-or-nothing: "
      "on an error nothing from that file is stored");
  cmd->require_subcommand(1);
  struct Args {
    std::vector<std::string> files;
    EngineOptions engines;
  };
  auto args = std::make_shared<Args>();
  for (auto [name, kind] : {std::pair{"declarations", DocumentKind::kDeclaration},
                            std::pair{"payments", DocumentKind::kPayment}}) {
    auto* sub = cmd->add_subcommand(name, std::string("Ingest ") + name + " files");
    sub->add_option("files", args->files, "Files to ingest")->required()->check(CLI::ExistingFile);
    sub->add_flag("!--no-screen", args->engines.screen,
                  "Do not screen the parties against the imported sanctions lists");
    sub->add_option("--profiles", args->engines.profiles,
                    "Analysts' risk profile file (default: the built-in rules' defaults)")
        ->check(CLI::ExistingFile);
    sub->callback([&ctx, args, kind = kind, name = std::string(name)] {
      auto store = ctx.OpenStore();
      if (!store) return ctx.Fail(store.error());
      // Every party is screened on the way in when lists are imported (P6 alerts), and every
      // declaration gets its rules, score and lane.
      auto engines = OpenIngestEngines(ctx, **store, args->engines);
      if (!engines) return ctx.Fail(engines.error());
      const screening::PartyScreening* party_screening = (*engines)->party_screening.get();
      for (const auto& file : args->files) {
        ProgressBar bar("ingest " + file);
        IngestOptions options = IngestOptionsFor(**engines, file);
        const int64_t alerts_before = party_screening ? party_screening->alerts_raised() : 0;
        const auto lanes_before = (*engines)->risk->lane_counts();
        options.progress = [&bar](size_t done, size_t total) {
          bar.Update(total ? static_cast<double>(done) / total : 1.0, Megabytes(done));
        };
        const auto start = std::chrono::steady_clock::now();
        auto report = IngestFile(**store, kind, file, options);
        bar.Finish();
        if (!report) {
          ctx.Fail(report.error());
          std::fprintf(stderr, "keruen: nothing from %s was stored\n", file.c_str());
          return;
        }
        const double secs = SecondsSince(start);
        const PutCounts& c = report->counts;
        std::printf("%s: %lld %s (%lld new, %lld amended, %lld unchanged)", file.c_str(),
                    static_cast<long long>(c.total()), name.c_str(),
                    static_cast<long long>(c.inserted), static_cast<long long>(c.amended),
                    static_cast<long long>(c.unchanged));
        if (report->movements_opened > 0) {
          std::printf(", %lld movements opened", static_cast<long long>(report->movements_opened));
        }
        if (party_screening) {
          std::printf(", %lld sanctions alerts",
                      static_cast<long long>(party_screening->alerts_raised() - alerts_before));
        }
        std::printf(" in %.2f s\n", secs);
        PrintLanes((*engines)->risk->lane_counts(), lanes_before);
        if (kind == DocumentKind::kPayment) {
          const payments::PaymentMonitor& m = *(*engines)->payments;
          std::printf("payments decided: %lld released, %lld held, %lld blocked\n",
                      static_cast<long long>(m.decided(payments::kRelease)),
                      static_cast<long long>(m.decided(payments::kHold)),
                      static_cast<long long>(m.decided(payments::kBlock)));
        }
      }
    });
  }
}

void AddShowCommand(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("show", "Print a stored document with its version history");
  cmd->require_subcommand(1);
  auto id = std::make_shared<std::string>();
  auto* decl = cmd->add_subcommand("declaration", "Show a declaration");
  decl->add_option("id", *id, "Declaration id")->required();
  decl->callback([&ctx, id] {
    auto store = ctx.OpenStore();
    if (!store) return ctx.Fail(store.error());
    if (!PrintHistory(ctx, (*store)->DeclarationHistory(*id), "declaration", *id)) return;
    auto movement = (*store)->GetMovement(*id);
    if (movement && *movement) {
      std::printf("movement: %s\n", std::string(MovementStateName((*movement)->state)).c_str());
    }
  });
  auto* pay = cmd->add_subcommand("payment", "Show a payment");
  pay->add_option("id", *id, "Payment id")->required();
  pay->callback([&ctx, id] {
    auto store = ctx.OpenStore();
    if (!store) return ctx.Fail(store.error());
    PrintHistory(ctx, (*store)->PaymentHistory(*id), "payment", *id);
  });
  auto* mov = cmd->add_subcommand(
      "movement",
      "Show the movement of a transit or export: its timeline of states, what its seals "
      "reported and its alerts");
  mov->add_option("id", *id, "Declaration id")->required();
  auto as_json = std::make_shared<bool>(false);
  mov->add_flag("--json", *as_json, "Print JSON instead of text");
  mov->callback([&ctx, id, as_json] {
    auto store = ctx.OpenStore();
    if (!store) return ctx.Fail(store.error());
    auto geography = tracking::MakeReferenceGeography();
    if (!geography) return ctx.Fail(geography.error());
    auto report = tracking::BuildMovementReport(**store, **geography, *id);
    if (!report) return ctx.Fail(report.error());
    if (!*report) return ctx.Fail("no movement with id " + *id, 2);
    if (*as_json) {
      std::string json;
      tracking::AppendJson(**report, json);
      PrintPretty(json);
    } else {
      std::fputs(tracking::FormatMovementReport(**report).c_str(), stdout);
    }
  });
}

}  // namespace keruen::cli
