// ledger: the virtual warehouse over the stored declarations (balances per company and HS-6,
// the top re-exporters to Russia, the Q1 and Q2 findings).
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "keruen/ledger/virtual_warehouse.h"
#include "keruen/ledger/warehouse_loader.h"

namespace keruen::cli {

namespace {

struct LoadedLedger {
  ledger::VirtualWarehouse warehouse;
  std::vector<ledger::Finding> findings;
  int64_t declarations = 0;
};

Result<std::unique_ptr<LoadedLedger>> LoadLedger(Context& ctx) {
  auto store = ctx.OpenStore();
  if (!store) return tl::unexpected(store.error());
  auto loaded = std::make_unique<LoadedLedger>();
  auto read = ledger::LoadWarehouse(**store, loaded->warehouse, loaded->findings);
  if (!read) return tl::unexpected(read.error());
  loaded->declarations = *read;
  return loaded;
}

}  // namespace

void AddLedgerCommand(CLI::App& app, Context& ctx) {
  auto* ledger_cmd = app.add_subcommand(
      "ledger", "The virtual warehouse: per company and HS-6 code, what came in and what went out");
  ledger_cmd->require_subcommand(1);
  struct Args {
    std::string party;
    std::string hs;
    std::string rule;
    size_t limit = 20;
  };
  auto args = std::make_shared<Args>();

  auto* show = ledger_cmd->add_subcommand(
      "show", "A company's balances by HS-6 code, and the Q1/Q2 findings about it");
  show->add_option("party", args->party,
                   "The company as the ledger names it: bin:180940021234 (or iin:, inn:, ...), "
                   "else its name as written")
      ->required();
  show->add_option("--hs", args->hs, "Only codes starting with these digits");
  show->callback([&ctx, args] {
    auto loaded = LoadLedger(ctx);
    if (!loaded) return ctx.Fail(loaded.error());
    const auto balances = (*loaded)->warehouse.PartyBalances(args->party, args->hs);
    if (balances.empty()) {
      return ctx.Fail(NotFound("no goods of " + args->party +
                               (args->hs.empty() ? "" : " under HS " + args->hs) + " in the " +
                               std::to_string((*loaded)->declarations) + " stored declarations")
                          .value());
    }
    std::printf("%-8s %12s %12s %12s %12s %6s %6s  %s\n", "hs6", "in kg", "out kg", "to RU/BY kg",
                "balance kg", "in", "out", "unit");
    for (const auto& [hs6, b] : balances) {
      std::printf(
          "%-8s %12.0f %12.0f %12.0f %12.0f %6lld %6lld  %s\n", hs6.c_str(), b.in_kg, b.out_kg,
          b.out_to_russia_kg, b.in_kg - b.out_kg, static_cast<long long>(b.in_declarations),
          static_cast<long long>(b.out_declarations), b.unit.empty() ? "(mixed)" : b.unit.c_str());
    }
    for (const ledger::Finding& f : (*loaded)->findings) {
      if (f.party == args->party && f.hs6.starts_with(args->hs)) {
        std::printf("%s: %s\n", f.rule.c_str(), f.explanation.c_str());
      }
    }
  });

  auto* top = ledger_cmd->add_subcommand(
      "top",
      "The companies that passed the most goods on to Russia or Belarus (what came in and "
      "left for them, kg)");
  top->add_option("--limit", args->limit, "How many")->capture_default_str();
  top->add_option("--hs", args->hs, "Only codes starting with these digits");
  top->callback([&ctx, args] {
    auto loaded = LoadLedger(ctx);
    if (!loaded) return ctx.Fail(loaded.error());
    const auto rows = (*loaded)->warehouse.TopReexporters(args->limit, args->hs);
    std::printf("%-28s %14s %14s %14s %6s\n", "party", "re-exported kg", "in kg", "to RU/BY kg",
                "codes");
    for (const auto& r : rows) {
      std::printf("%-28s %14.0f %14.0f %14.0f %6zu\n", r.party.c_str(), r.reexported_to_russia_kg,
                  r.in_kg, r.out_to_russia_kg, r.codes);
    }
    std::printf("(%zu companies with something re-exported; %lld declarations read)\n", rows.size(),
                static_cast<long long>((*loaded)->declarations));
  });

  auto* findings = ledger_cmd->add_subcommand(
      "findings", "Q1 (exports beyond imports) and Q2 (pass-through to Russia) over the store");
  findings->add_option("--rule", args->rule, "Q1 or Q2")->check(CLI::IsMember({"Q1", "Q2"}));
  findings->callback([&ctx, args] {
    auto loaded = LoadLedger(ctx);
    if (!loaded) return ctx.Fail(loaded.error());
    size_t shown = 0;
    for (const ledger::Finding& f : (*loaded)->findings) {
      if (!args->rule.empty() && f.rule != args->rule) continue;
      std::printf("%s %s %s: %s\n", f.rule.c_str(), f.party.c_str(), f.hs6.c_str(),
                  f.explanation.c_str());
      ++shown;
    }
    std::printf("(%zu findings over %lld declarations)\n", shown,
                static_cast<long long>((*loaded)->declarations));
  });
}

}  // namespace keruen::cli
