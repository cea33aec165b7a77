// report: statistics over the shared trade files. `report mirror` is detection rule S1, the
// gap between what EU members say they exported to a country and what it says it imported.
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands.h"
#include "keruen/core/json_writer.h"
#include "keruen/goods/mirror/mirror_gap.h"

namespace keruen::cli {
namespace {

// 1234567.8 -> "1,234,568"; "-" when absent.
std::string Euros(const std::optional<double>& value) {
  if (!value) return "-";
  std::string digits = std::to_string(static_cast<long long>(*value + 0.5));
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(i, ",");
  return digits;
}

std::string Percent(const std::optional<double>& value) {
  if (!value) return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%+.1f %%", *value);
  return text;
}

void OptionalNumber(JsonWriter& w, std::string_view key, const std::optional<double>& value) {
  w.Key(key);
  if (value) {
    w.Double(*value);
  } else {
    w.Null();
  }
}

void PrintJson(const goods::MirrorData& data, const goods::MirrorReport& report) {
  std::string out;
  JsonWriter w(out);
  const goods::MirrorOptions& o = report.options;
  w.BeginObject()
      .Field("rule", "S1")
      .Field("importer", data.importer)
      .Field("importer_name", data.importer_name)
      .Field("baseline_first_year", o.baseline_first_year)
      .Field("baseline_last_year", o.baseline_last_year)
      .Field("jump_points", o.jump_points)
      .Field("level_percent", o.level_percent);
  w.Key("years").BeginArray();
  for (int year : report.years) w.Int(year);
  w.EndArray().Key("rows").BeginArray();
  for (const goods::MirrorRow& row : report.rows) {
    w.BeginObject()
        .Field("partner", row.exporter)
        .Field("partner_name", row.exporter_name)
        .Field("hs", row.hs)
        .Field("year", row.year);
    OptionalNumber(w, "exports_eur", row.exports_eur);
    w.Field("export_months", row.export_months);
    OptionalNumber(w, "imports_eur", row.imports_eur);
    OptionalNumber(w, "gap_percent", row.gap_percent);
    OptionalNumber(w, "baseline_percent", row.baseline_percent);
    w.Field("flag", row.flagged())
        .Field("jump", row.jump)
        .Field("high", row.high)
        .Field("reason", row.note)
        .EndObject();
  }
  w.EndArray().Key("partners_without_imports").BeginArray();
  for (const std::string& code : report.exporters_without_imports) w.String(code);
  w.EndArray().Key("partners_without_exports").BeginArray();
  for (const std::string& code : report.importers_without_exports) w.String(code);
  w.EndArray().Key("unmapped_partner_names").BeginArray();
  for (const std::string& name : data.unmapped_partners) w.String(name);
  w.EndArray().EndObject();
  std::printf("%s\n", out.c_str());
}

void PrintTable(const goods::MirrorData& data, const goods::MirrorReport& report) {
  const goods::MirrorOptions& o = report.options;
  const char* c = data.importer.c_str();
  std::printf("Mirror gap (rule S1): EU-reported exports to %s (%s) against %s-reported imports\n",
              c, data.importer_name.c_str(), c);
  std::printf(
      "gap = (exports - imports) / exports; baseline = the gap over %d-%d pooled; flag when "
      "gap - baseline > %.0f points (after %d) or gap > %.0f %%\n\n",
      o.baseline_first_year, o.baseline_last_year, o.jump_points, o.baseline_last_year,
      o.level_percent);
  std::printf("%-10s %-15s %-4s %-6s %16s %16s %9s %9s %-4s  %s\n", "partner", "name", "year", "hs",
              "EU exports EUR", (std::string(c) + " imports EUR").c_str(), "gap", "baseline",
              "flag", "reason");
  size_t flagged = 0;
  for (const goods::MirrorRow& row : report.rows) {
    flagged += row.flagged();
    std::printf("%-10s %-15s %-4d %-6s %16s %16s %9s %9s %-4s  %s\n", row.exporter.c_str(),
                row.exporter_name.c_str(), row.year, row.hs.c_str(), Euros(row.exports_eur).c_str(),
                Euros(row.imports_eur).c_str(), Percent(row.gap_percent).c_str(),
                Percent(row.baseline_percent).c_str(), row.flagged() ? "FLAG" : "",
                row.note.c_str());
  }
  std::printf("\nflagged: %zu of %zu partner-years\n", flagged, report.rows.size());
  auto list = [](const std::vector<std::string>& items) {
    std::string text;
    for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
    return text;
  };
  if (!report.exporters_without_imports.empty()) {
    std::printf("not compared, no %s-reported imports from: %s\n", c,
                list(report.exporters_without_imports).c_str());
  }
  if (!report.importers_without_exports.empty()) {
    std::printf("not compared, no EU-reported exports from: %s\n",
                list(report.importers_without_exports).c_str());
  }
  if (!data.unmapped_partners.empty()) {
    std::printf("not compared, %s partner names that are no EU reporter (%zu): %s\n", c,
                data.unmapped_partners.size(), list(data.unmapped_partners).c_str());
  }
  std::printf(
      "data: total goods only (no HS breakdown); %s imports are in EUR converted from USD at "
      "fixed yearly rates\n",
      c);
}

}  // namespace

void AddReportCommand(CLI::App& app, Context& ctx) {
  auto* report_cmd = app.add_subcommand("report", "Statistics over the shared trade files");
  report_cmd->require_subcommand(1);
  struct Args {
    std::string country = "KZ";
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  auto* mirror = report_cmd->add_subcommand(
      "mirror",
      "Rule S1, the mirror gap: EU-reported exports to a country against the imports it "
      "reports, per EU partner and year, flagging the partners whose gap jumped. Reads "
      "goods/eurostat_eu_trade_*.csv and goods/national_imports_by_partner_*.csv in the data "
      "directory (--data-dir)");
  mirror
      ->add_option("--country", args->country,
                   "The importing country whose statistics are compared (KZ, KG, AM or UZ)")
      ->capture_default_str();
  mirror->add_flag("--json", args->json, "One JSON document instead of the table");
  mirror->callback([&ctx, args] {
    const goods::MirrorSources sources = goods::MirrorSources::Default();
    if (sources.eurostat_csv.empty()) {
      return ctx.Fail("shared data directory not found: set --data-dir or KERUEN_DATA_DIR");
    }
    auto data = goods::LoadMirrorData(sources, args->country);
    if (!data) {
      // A country the files do not have is a usage error; a bad file is a data error.
      return ctx.Fail(data.error(), data.error().field == "country" ? 2 : 1);
    }
    const goods::MirrorReport report = goods::ComputeMirrorGaps(*data);
    if (args->json) {
      PrintJson(*data, report);
    } else {
      PrintTable(*data, report);
    }
  });
}

}  // namespace keruen::cli
