#include "keruen/goods/mirror/mirror_gap.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <initializer_list>
#include <iterator>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "keruen/core/csv.h"
#include "keruen/core/paths.h"

namespace keruen::goods {
namespace {

constexpr std::string_view kEurostatFile =
    "eurostat_eu_trade_caucasus_central_asia_russia_monthly_2019_2024.csv";
constexpr std::string_view kNationalFile =
    "national_imports_by_partner_yearly_KZ_KG_AM_UZ_2019_2023.csv";

// The national statistics name the EU aggregate in Eurostat's words, while the Eurostat
// file names it by its code.
constexpr std::pair<std::string_view, std::string_view> kNameAliases[] = {
    {"European Union - 27 countries (from 2020)", "EU27_2020"},
};

// A trade value: a finite, non-negative decimal number.
std::optional<double> ParseValue(std::string_view text) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() ||
      !std::isfinite(value) || value < 0) {
    return std::nullopt;
  }
  return value;
}

// A four-digit year.
std::optional<int> ParseYear(std::string_view text) {
  int year = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (text.size() != 4 || ec != std::errc() || end != text.data() + text.size() || year < 1900) {
    return std::nullopt;
  }
  return year;
}

// "YYYY-MM" -> year and month (1-12).
std::optional<std::pair<int, int>> ParsePeriod(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  const auto year = ParseYear(text.substr(0, 4));
  int month = 0;
  const auto [end, ec] = std::from_chars(text.data() + 5, text.data() + 7, month);
  if (!year || ec != std::errc() || end != text.data() + 7 || month < 1 || month > 12) {
    return std::nullopt;
  }
  return std::make_pair(*year, month);
}

// The Eurostat side: code/name pairs, and the importer's EXPORT months summed per reporter.
struct EurostatSide {
  std::map<std::string, std::string> reporter_names;  // code -> name
  std::map<std::string, std::string> partner_names;   // code -> name
  struct Year {
    double value = 0;
    uint16_t month_mask = 0;  // bit m-1 set once month m is summed
  };
  std::map<std::pair<std::string, int>, Year> exports;  // (reporter, year)
};

Result<EurostatSide> ReadEurostat(const std::string& path, std::string_view country) {
  auto table = ReadCsvTable(path);
  if (!table) return tl::unexpected(table.error());
  auto columns = table->RequireColumns(path, {"reporter_code", "reporter", "partner_code",
                                              "partner", "flow", "period", "value_eur"});
  if (!columns) return tl::unexpected(columns.error());
  const auto [reporter_code, reporter, partner_code, partner, flow, period, value] =
      std::make_tuple((*columns)[0], (*columns)[1], (*columns)[2], (*columns)[3], (*columns)[4],
                      (*columns)[5], (*columns)[6]);
  EurostatSide side;
  for (size_t r = 0; r < table->rows.size(); ++r) {
    const std::vector<std::string>& row = table->rows[r];
    if (row[reporter_code].empty())
      return TableValueError(path, table->lines[r], "reporter_code", "empty");
    if (row[partner_code].empty())
      return TableValueError(path, table->lines[r], "partner_code", "empty");
    if (row[flow] != "EXPORT" && row[flow] != "IMPORT") {
      return TableValueError(path, table->lines[r], "flow",
                             "expected EXPORT or IMPORT, got '" + row[flow] + "'");
    }
    const auto month = ParsePeriod(row[period]);
    if (!month) {
      return TableValueError(path, table->lines[r], "period",
                             "expected YYYY-MM, got '" + row[period] + "'");
    }
    const auto eur = ParseValue(row[value]);
    if (!eur) {
      return TableValueError(path, table->lines[r], "value_eur",
                             "expected a non-negative number, got '" + row[value] + "'");
    }
    side.reporter_names.try_emplace(row[reporter_code], row[reporter]);
    side.partner_names.try_emplace(row[partner_code], row[partner]);
    if (row[partner_code] != country || row[flow] != "EXPORT") continue;
    EurostatSide::Year& year = side.exports[{row[reporter_code], month->first}];
    const uint16_t bit = uint16_t(1u << (month->second - 1));
    if (year.month_mask & bit) {
      return TableValueError(path, table->lines[r], "period",
                             row[reporter_code] + " exports to " + row[partner_code] + " in " +
                                 row[period] + " are given twice");
    }
    year.month_mask |= bit;
    year.value += *eur;
  }
  return side;
}

// The national side: the importer's yearly imports by partner code, and the unmapped names.
struct NationalSide {
  std::map<std::pair<std::string, int>, double> imports;  // (partner code, year)
  std::set<std::string> unmapped;
};

Result<NationalSide> ReadNational(const std::string& path, const std::string& importer_name,
                                  const std::map<std::string, std::string>& code_of_name) {
  auto table = ReadCsvTable(path);
  if (!table) return tl::unexpected(table.error());
  auto columns = table->RequireColumns(path, {"reporter", "partner", "flow", "year", "value_eur"});
  if (!columns) return tl::unexpected(columns.error());
  const auto [reporter, partner, flow, year_column, value] =
      std::make_tuple((*columns)[0], (*columns)[1], (*columns)[2], (*columns)[3], (*columns)[4]);
  NationalSide side;
  bool importer_seen = false;
  std::map<std::pair<std::string, int>, int64_t> line_of;  // (partner name, year) -> line
  for (size_t r = 0; r < table->rows.size(); ++r) {
    const std::vector<std::string>& row = table->rows[r];
    if (row[partner].empty()) return TableValueError(path, table->lines[r], "partner", "empty");
    const auto year = ParseYear(row[year_column]);
    if (!year) {
      return TableValueError(path, table->lines[r], "year",
                             "expected a four-digit year, got '" + row[year_column] + "'");
    }
    const auto eur = ParseValue(row[value]);
    if (!eur) {
      return TableValueError(path, table->lines[r], "value_eur",
                             "expected a non-negative number, got '" + row[value] + "'");
    }
    if (row[reporter] != importer_name || row[flow] != "IMPORT") continue;
    importer_seen = true;
    if (auto [it, fresh] = line_of.try_emplace({row[partner], *year}, table->lines[r]); !fresh) {
      return TableValueError(path, table->lines[r], "partner",
                             row[partner] + " " + row[year_column] + " already given on line " +
                                 std::to_string(it->second));
    }
    const auto code = code_of_name.find(row[partner]);
    if (code == code_of_name.end()) {
      side.unmapped.insert(row[partner]);
      continue;
    }
    side.imports[{code->second, *year}] = *eur;
  }
  if (!importer_seen) {
    return tl::unexpected(
        NotFound("no IMPORT rows reported by '" + importer_name + "'").value().WithSource(path, 0));
  }
  return side;
}

// Aggregates ("EU27_2020", "EU") before member states, then by code.
bool ExporterBefore(const std::string& a, const std::string& b) {
  const bool a_aggregate = a.size() != 2, b_aggregate = b.size() != 2;
  if (a_aggregate != b_aggregate) return a_aggregate;
  return a < b;
}

// One side's records of one exporter/importer/HS code, by year.
using ByYear = std::map<int, const TradeFlow*>;
using FlowKey = std::tuple<std::string, std::string, std::string>;  // exporter, importer, hs

std::map<FlowKey, ByYear> IndexFlows(const std::vector<TradeFlow>& flows) {
  std::map<FlowKey, ByYear> index;
  for (const TradeFlow& f : flows) index[{f.exporter, f.importer, f.hs}][f.year] = &f;
  return index;
}

const TradeFlow* Find(const ByYear& by_year, int year) {
  const auto it = by_year.find(year);
  return it == by_year.end() ? nullptr : it->second;
}

// The pooled gap over the baseline years, or why there is none.
struct Baseline {
  std::optional<double> percent;
  std::string missing;
};

Baseline ComputeBaseline(const ByYear& exports, const ByYear& imports,
                         const MirrorOptions& options) {
  double exported = 0, imported = 0;
  for (int year = options.baseline_first_year; year <= options.baseline_last_year; ++year) {
    const TradeFlow* e = Find(exports, year);
    const TradeFlow* i = Find(imports, year);
    if (!e || !i || e->months < 12) {
      return {std::nullopt, std::to_string(year) + (!e   ? " has no exports"
                                                    : !i ? " has no imports"
                                                         : " is incomplete")};
    }
    exported += e->value_eur;
    imported += i->value_eur;
  }
  if (exported <= 0) return {std::nullopt, "no exports in the baseline years"};
  return {100 * (exported - imported) / exported, {}};
}

MirrorRow CompareYear(const TradeFlow* e, const TradeFlow* i, const Baseline& baseline,
                      const MirrorOptions& options) {
  MirrorRow row;
  row.baseline_percent = baseline.percent;
  if (e) {
    row.exports_eur = e->value_eur;
    row.export_months = e->months;
  }
  if (i) row.imports_eur = i->value_eur;
  if (!e) {
    row.note = "no exports reported";
  } else if (e->months < 12) {
    row.note = "incomplete: " + std::to_string(e->months) + " of 12 months of exports";
  } else if (!i) {
    row.note = "no imports reported";
  } else if (e->value_eur <= 0) {
    row.note = "exports are zero";
  }
  if (!row.note.empty()) return row;

  const double gap = 100 * (e->value_eur - i->value_eur) / e->value_eur;
  row.gap_percent = gap;
  const bool after_baseline = e->year > options.baseline_last_year;
  row.jump = after_baseline && baseline.percent && gap - *baseline.percent > options.jump_points;
  row.high = gap > options.level_percent;
  char text[160];
  if (row.jump) {
    std::snprintf(text, sizeof text, "rose %.1f points over the %d-%d level",
                  gap - *baseline.percent, options.baseline_first_year, options.baseline_last_year);
    row.note = text;
  }
  if (row.high) {
    std::snprintf(text, sizeof text, "above %.0f %%", options.level_percent);
    row.note += (row.note.empty() ? "" : "; ") + std::string(text);
  }
  if (!row.flagged() && after_baseline && !baseline.percent) {
    row.note = "no baseline: " + baseline.missing;
  }
  return row;
}

}  // namespace

MirrorSources MirrorSources::Default() {
  MirrorSources sources;
  if (const auto shared = SharedDataDir()) {
    sources.eurostat_csv = *shared + "/goods/" + std::string(kEurostatFile);
    sources.national_csv = *shared + "/goods/" + std::string(kNationalFile);
  }
  return sources;
}

Result<MirrorData> LoadMirrorData(const MirrorSources& sources, std::string_view country) {
  auto eurostat = ReadEurostat(sources.eurostat_csv, country);
  if (!eurostat) return tl::unexpected(eurostat.error());
  const auto importer = eurostat->partner_names.find(std::string(country));
  if (importer == eurostat->partner_names.end()) {
    std::string known;
    for (const auto& [code, name] : eurostat->partner_names) known += " " + code;
    return InvalidArgument("country", "'" + std::string(country) + "' is not a partner in " +
                                          sources.eurostat_csv + " (has" + known + ")");
  }

  std::map<std::string, std::string> code_of_name;
  for (const auto& [code, name] : eurostat->reporter_names) code_of_name.try_emplace(name, code);
  for (const auto& [name, code] : kNameAliases) {
    if (eurostat->reporter_names.count(std::string(code))) {
      code_of_name.try_emplace(std::string(name), std::string(code));
    }
  }
  auto national = ReadNational(sources.national_csv, importer->second, code_of_name);
  if (!national) return tl::unexpected(national.error());

  MirrorData data;
  data.importer = std::string(country);
  data.importer_name = importer->second;
  for (const auto& [key, year] : eurostat->exports) {
    data.exports.push_back({key.first, data.importer, std::string(kAllGoods), key.second,
                            year.value, std::popcount(year.month_mask)});
  }
  for (const auto& [key, value] : national->imports) {
    data.imports.push_back({key.first, data.importer, std::string(kAllGoods), key.second, value});
  }
  data.exporter_names.assign(eurostat->reporter_names.begin(), eurostat->reporter_names.end());
  data.unmapped_partners.assign(national->unmapped.begin(), national->unmapped.end());
  return data;
}

MirrorReport ComputeMirrorGaps(const MirrorData& data, const MirrorOptions& options) {
  MirrorReport report;
  report.options = options;
  const std::map<FlowKey, ByYear> exports = IndexFlows(data.exports);
  const std::map<FlowKey, ByYear> imports = IndexFlows(data.imports);

  std::set<int> export_years, import_years;
  for (const TradeFlow& f : data.exports) export_years.insert(f.year);
  for (const TradeFlow& f : data.imports) import_years.insert(f.year);
  std::set_intersection(export_years.begin(), export_years.end(), import_years.begin(),
                        import_years.end(), std::back_inserter(report.years));

  std::set<std::string> without_imports, without_exports;
  for (const auto& [key, by_year] : exports) {
    if (!imports.count(key)) without_imports.insert(std::get<0>(key));
  }
  for (const auto& [key, by_year] : imports) {
    if (!exports.count(key)) without_exports.insert(std::get<0>(key));
  }
  report.exporters_without_imports.assign(without_imports.begin(), without_imports.end());
  report.importers_without_exports.assign(without_exports.begin(), without_exports.end());

  const std::map<std::string, std::string> names(data.exporter_names.begin(),
                                                 data.exporter_names.end());
  for (const auto& [key, export_years_of_key] : exports) {
    const auto import_it = imports.find(key);
    if (import_it == imports.end()) continue;
    const Baseline baseline = ComputeBaseline(export_years_of_key, import_it->second, options);
    for (int year : report.years) {
      MirrorRow row = CompareYear(Find(export_years_of_key, year), Find(import_it->second, year),
                                  baseline, options);
      std::tie(row.exporter, row.importer, row.hs) = key;
      const auto name = names.find(row.exporter);
      row.exporter_name = name == names.end() ? row.exporter : name->second;
      row.year = year;
      report.rows.push_back(std::move(row));
    }
  }
  std::stable_sort(report.rows.begin(), report.rows.end(),
                   [](const MirrorRow& a, const MirrorRow& b) {
                     if (a.exporter != b.exporter) return ExporterBefore(a.exporter, b.exporter);
                     return std::tie(a.importer, a.hs, a.year) < std::tie(b.importer, b.hs, b.year);
                   });
  return report;
}

}  // namespace keruen::goods
