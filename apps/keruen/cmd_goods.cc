// goods: the controlled-goods lists (CHPL, EU Reg. 833/2014 bans, national lists) and what a
// code is on.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "keruen/core/json_writer.h"
#include "keruen/goods/controlled_goods.h"

namespace keruen::cli {

void AddGoodsCommand(CLI::App& app, Context& ctx) {
  auto* goods_cmd = app.add_subcommand(
      "goods",
      "Controlled-goods lists: the CHPL, the EU's HS-6 bans toward Russia, national lists");
  goods_cmd->require_subcommand(1);
  struct Args {
    std::vector<std::string> codes;
    std::string date;
    std::string to;
    std::vector<std::string> national;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  auto load = [&ctx, args]() -> std::unique_ptr<goods::ControlledGoods> {
    goods::ControlledGoods::Sources sources = goods::ControlledGoods::DefaultSources();
    sources.national_csvs = args->national;
    auto loaded = goods::ControlledGoods::Load(sources);
    if (!loaded) {
      ctx.Fail(loaded.error());
      return nullptr;
    }
    return std::make_unique<goods::ControlledGoods>(std::move(*loaded));
  };
  auto national_option = [args](CLI::App* cmd) {
    cmd->add_option("--national", args->national,
                    "A national or in-house list CSV (list,hs,from,destinations,note); repeatable")
        ->check(CLI::ExistingFile);
  };

  auto* classify = goods_cmd->add_subcommand(
      "classify",
      "Which lists HS codes are on, which CHPL tier, since when, and whether the ban "
      "applies on a date");
  classify->add_option("codes", args->codes, "HS 2022 codes of 6 to 10 digits (dots allowed)")
      ->required();
  classify->add_option("--date", args->date, "The date to evaluate bans on (default: today)");
  classify->add_option("--to", args->to,
                       "Destination country (ISO alpha-2): say whether export is banned");
  classify->add_flag("--json", args->json, "One JSON object per code");
  national_option(classify);
  classify->callback([&ctx, args, load] {
    Date on = DateOf(ctx.clock.Now());
    if (!args->date.empty()) {
      auto parsed = ParseDate(args->date);
      if (!parsed) return ctx.Fail(parsed.error().WithFieldPrefix("--date"), 2);
      on = *parsed;
    }
    auto catalogue = load();
    if (!catalogue) return;
    for (const std::string& code : args->codes) {
      if (!goods::NormalizeHs(code) || goods::NormalizeHs(code)->size() < 6) {
        return ctx.Fail(
            InvalidArgument("codes", "'" + code + "' is not an HS code of 6 to 10 digits").value(),
            2);
      }
    }
    for (const std::string& code : args->codes) {
      const std::vector<goods::Listing> listings = catalogue->Classify(code, on);
      std::vector<const goods::Listing*> banning;
      for (const goods::Listing& l : listings) {
        if (!args->to.empty() && l.BansExportTo(args->to)) banning.push_back(&l);
      }
      if (args->json) {
        std::string out;
        JsonWriter w(out);
        w.BeginObject().Field("code", code).Field("date", FormatDate(on)).Key("listings");
        w.BeginArray();
        for (const goods::Listing& l : listings) goods::AppendJson(w, l);
        w.EndArray();
        if (!args->to.empty()) {
          w.Field("destination", args->to).Key("export_banned_by").BeginArray();
          for (const goods::Listing* l : banning) w.String(l->list);
          w.EndArray();
        }
        w.EndObject();
        std::printf("%s\n", out.c_str());
        continue;
      }
      std::printf("%s on %s: on %zu list%s\n", code.c_str(), FormatDate(on).c_str(),
                  listings.size(), listings.size() == 1 ? "" : "s");
      for (const goods::Listing& l : listings) {
        std::printf("  %s\n", goods::DescribeListing(l).c_str());
      }
      if (!args->to.empty()) {
        std::string by;
        for (const goods::Listing* l : banning) {
          by += (by.empty() ? "" : ", ") + l->list;
          if (l->BansOnlyAboveCeiling()) {
            char ceiling[48];
            std::snprintf(ceiling, sizeof ceiling, " (above EUR %.0f a unit)",
                          *l->luxury_ceiling_eur);
            by += ceiling;
          }
        }
        std::printf("  export to %s: %s\n", args->to.c_str(),
                    banning.empty() ? "not banned by these lists" : ("BANNED by " + by).c_str());
      }
    }
  });

  auto* lists = goods_cmd->add_subcommand("lists", "The lists loaded and their sizes");
  national_option(lists);
  lists->callback([&ctx, load] {
    auto catalogue = load();
    if (!catalogue) return;
    const goods::ControlledGoods::Sources sources = goods::ControlledGoods::DefaultSources();
    const goods::ControlledGoods::Counts counts = catalogue->counts();
    auto source = [](const std::string& path) { return path.empty() ? "(not loaded)" : path; };
    std::printf("chpl        %4zu codes           %s\n", counts.chpl,
                source(sources.chpl_csv).c_str());
    std::printf("eu_833      %4zu codes (HS 2017) %s\n", counts.eu_sanctioned,
                source(sources.eu_csv).c_str());
    std::printf("countries   %4zu                 %s\n", counts.jurisdictions,
                source(sources.jurisdictions_csv).c_str());
    for (const std::string& id : catalogue->national_lists()) {
      std::printf("%-11s national list\n", id.c_str());
    }
    std::printf("national    %4zu rows\n", counts.national);
  });
}

}  // namespace keruen::cli
