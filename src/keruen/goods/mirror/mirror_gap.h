// The mirror gap (detection rule S1): how far what partners say they exported to a country
// runs above what that country says it imported from them.
//
// The same shipment is recorded twice: by the exporting country as an export and by the
// importing country as an import. The two figures never agree exactly (CIF/FOB valuation,
// timing, exchange rates), but the difference is stable from year to year. When goods
// declared as bound for Kazakhstan never enter Kazakhstan's books — re-exported to Russia
// in transit, or "ghost" transit — the exporter's figure keeps rising while the importer's
// does not, and the gap jumps. The rule compares each year's gap with the gap over the
// baseline years (2019-2021, before the 2022 sanctions) and flags a jump or a gap that is
// large by itself.
//
// The computation works on `TradeFlow` records keyed by exporter, importer, HS code and
// year, so HS-level mirror data (UN Comtrade, the production source) plugs in by producing
// records with real HS codes. The loader here reads the two shared files, which hold total
// goods only, and fills the HS code with `kAllGoods`.
#ifndef KERUEN_GOODS_MIRROR_MIRROR_GAP_H_
#define KERUEN_GOODS_MIRROR_MIRROR_GAP_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "keruen/core/error.h"

namespace keruen::goods {

// The HS code of a record that covers all goods.
inline constexpr std::string_view kAllGoods = "TOTAL";

// One year of trade from `exporter` to `importer`, as ONE of the two sides reports it.
struct TradeFlow {
  std::string exporter;  // Eurostat reporter code: "DE", "EU27_2020"
  std::string importer;  // ISO 3166-1 alpha-2: "KZ"
  std::string hs;        // HS code, or kAllGoods
  int year = 0;
  double value_eur = 0;
  // How many months `value_eur` sums. Monthly sources may lack months; such a year is
  // reported as incomplete instead of being compared as if it were whole.
  int months = 12;
};

// Both sides of the mirror for one importing country.
struct MirrorData {
  std::string importer;            // "KZ"
  std::string importer_name;       // "Kazakhstan"
  std::vector<TradeFlow> exports;  // as the exporters report them
  std::vector<TradeFlow> imports;  // as the importer reports them
  // Display names of the exporter codes, sorted by code ({"AT", "Austria"}, ...).
  std::vector<std::pair<std::string, std::string>> exporter_names;
  // Partner names in the importer's statistics that match no exporter code (non-EU
  // countries, regional aggregates such as "World"): not compared, but reported.
  std::vector<std::string> unmapped_partners;
};

// The shared files: Eurostat's monthly EU exports and the importers' yearly statistics.
struct MirrorSources {
  std::string eurostat_csv;
  std::string national_csv;

  // The files in <SharedDataDir()>/goods/ (empty paths when no shared data is found).
  static MirrorSources Default();
};

// Reads the two files for importer `country` ("KZ", "KG", "AM" or "UZ": any partner code of
// the Eurostat file that the national file has as a reporter). Eurostat EXPORT months are
// summed per reporter and year; the national file's partner names are mapped to Eurostat
// reporter codes through the code/name pairs of the Eurostat file, plus "European Union -
// 27 countries (from 2020)" for EU27_2020. A malformed row is refused with file, line and
// column; a month given twice is refused too.
Result<MirrorData> LoadMirrorData(const MirrorSources& sources, std::string_view country);

struct MirrorOptions {
  // Baseline: the gap over the summed values of these years (pooled, so a big year weighs
  // more than in a mean of yearly gaps).
  int baseline_first_year = 2019;
  int baseline_last_year = 2021;
  // Flag a year after the baseline whose gap exceeds the baseline by more than this...
  double jump_points = 20;
  // ...or any year whose gap exceeds this level (both in percent).
  double level_percent = 50;
};

// One exporter, importer, HS code and year.
struct MirrorRow {
  std::string exporter;
  std::string exporter_name;
  std::string importer;
  std::string hs;
  int year = 0;
  std::optional<double> exports_eur;  // absent when the exporter reports nothing that year
  int export_months = 0;
  std::optional<double> imports_eur;  // absent when the importer reports nothing that year
  // (exports − imports) / exports in percent; absent when a side is missing or incomplete
  // or exports are zero (`note` says which).
  std::optional<double> gap_percent;
  std::optional<double> baseline_percent;  // absent when a baseline year cannot be compared
  bool jump = false;  // gap − baseline > jump_points (years after the baseline only)
  bool high = false;  // gap > level_percent
  std::string note;   // why the row is flagged, or why a figure is missing
  bool flagged() const { return jump || high; }
};

struct MirrorReport {
  MirrorOptions options;
  std::vector<int> years;  // the years both sides cover, ascending
  // Rows sorted by exporter (aggregates such as EU27_2020 first), HS code, then year.
  std::vector<MirrorRow> rows;
  // Exporter codes that report exports but have no counterpart in the importer's figures
  // ("EU", the changing-composition aggregate), and the reverse: not compared.
  std::vector<std::string> exporters_without_imports;
  std::vector<std::string> importers_without_exports;
};

// Compares the two sides for every exporter/HS code both report, over the years both cover.
MirrorReport ComputeMirrorGaps(const MirrorData& data, const MirrorOptions& options = {});

}  // namespace keruen::goods

#endif  // KERUEN_GOODS_MIRROR_MIRROR_GAP_H_
