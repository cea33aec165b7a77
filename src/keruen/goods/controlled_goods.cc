#include "keruen/goods/controlled_goods.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <utility>

#include "keruen/core/csv.h"
#include "keruen/core/decimal_text.h"
#include "keruen/core/paths.h"
#include "keruen/core/reference.h"

namespace keruen::goods {

namespace {

// The G1 weight of a CHPL tier ("3.A" weighs as tier 3).
double TierWeight(std::string_view tier) {
  switch (tier.empty() ? '\0' : tier[0]) {
    case '1':
      return 1.0;
    case '2':
      return 0.8;
    case '3':
      return 0.6;
    case '4':
      return 0.5;
    default:
      return 0;
  }
}

bool IsKnownTier(std::string_view tier) {
  static constexpr std::string_view kTiers[] = {"1", "2", "3.A", "3.B", "4.A", "4.B"};
  return std::find(std::begin(kTiers), std::end(kTiers), tier) != std::end(kTiers);
}

Result<bool> ParseFlag(std::string_view text) {
  if (text == "1") return true;
  if (text == "0" || text.empty()) return false;
  return InvalidArgument("", "expected 0 or 1, got '" + std::string(text) + "'");
}

bool IsListId(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

// Countries separated by spaces or ';'.
std::vector<std::string> SplitCountries(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  for (char c : text) {
    if (c == ' ' || c == ';' || c == ',') {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

}  // namespace

void AppendJson(JsonWriter& w, const Listing& l) {
  auto optional_date = [&w](std::string_view key, const std::optional<Date>& date) {
    w.Key(key);
    if (date) {
      w.String(FormatDate(*date));
    } else {
      w.Null();
    }
  };
  auto strings = [&w](std::string_view key, const std::vector<std::string>& values) {
    w.Key(key).BeginArray();
    for (const std::string& v : values) w.String(v);
    w.EndArray();
  };
  w.BeginObject().Field("list", l.list).Field("code", l.code).Field("tier", l.tier);
  w.Field("tier_weight", l.tier_weight);
  optional_date("listed_on", l.listed_on);
  optional_date("applies_from", l.applies_from);
  w.Field("in_force", l.in_force).Key("luxury_ceiling_eur");
  if (l.luxury_ceiling_eur) {
    w.Double(*l.luxury_ceiling_eur);
  } else {
    w.Null();
  }
  w.Field("partially_exempt", l.partially_exempt);
  strings("categories", l.categories);
  strings("destinations", l.destinations);
  w.Field("description", l.description).EndObject();
}

std::string DescribeListing(const Listing& l) {
  std::string out = l.list + " " + l.code;
  if (!l.tier.empty()) {
    out += " tier " + l.tier + " (weight " + FormatFixed(l.tier_weight, 1) + ")";
  }
  if (l.listed_on) out += " listed " + FormatDate(*l.listed_on);
  if (l.applies_from) {
    out += std::string(l.listed_on ? "," : "") + " applies from " + FormatDate(*l.applies_from) +
           (l.in_force ? " (in force)" : " (not yet in force)");
  }
  if (!l.description.empty()) out += ": " + l.description;
  if (!l.categories.empty()) {
    out += ": ";
    for (size_t i = 0; i < l.categories.size(); ++i) out += (i ? ", " : "") + l.categories[i];
  }
  if (l.partially_exempt) out += " (partly exempt)";
  if (l.luxury_ceiling_eur) {
    out += "; luxury above EUR " + FormatFixed(*l.luxury_ceiling_eur) + " a unit";
  }
  if (l.list != kChplList) {
    out += "; bans exports to ";
    if (l.destinations.empty()) out += "every country";
    for (size_t i = 0; i < l.destinations.size(); ++i) out += (i ? " " : "") + l.destinations[i];
  }
  return out;
}

std::optional<std::string> NormalizeHs(std::string_view hs) {
  std::string digits;
  for (char c : hs) {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c != '.' && c != ' ') {
      return std::nullopt;
    }
  }
  if (digits.size() < 2 || digits.size() > 10) return std::nullopt;
  return digits;
}

bool Listing::BansExportTo(std::string_view country) const {
  if (list == kChplList || !in_force) return false;
  return destinations.empty() ||
         std::find(destinations.begin(), destinations.end(), country) != destinations.end();
}

bool Listing::BansOnlyAboveCeiling() const {
  return luxury_ceiling_eur.has_value() && categories.size() == 1 && categories[0] == "luxury";
}

ControlledGoods::Sources ControlledGoods::DefaultSources() {
  Sources sources;
  if (const auto shared = SharedDataDir();
      shared && std::filesystem::exists(*shared + "/goods/chpl_common_high_priority_items.csv")) {
    const std::string dir = *shared + "/goods/";
    sources.chpl_csv = dir + "chpl_common_high_priority_items.csv";
    sources.eu_csv = dir + "eu_sanctions_hs6_chupilkin_et_al.csv";
    sources.jurisdictions_csv = dir + "diversion_risk_jurisdictions.csv";
  } else {
    sources.chpl_csv = RepoDataPath("chpl.csv");
  }
  return sources;
}

Result<ControlledGoods> ControlledGoods::Load(const Sources& sources) {
  ControlledGoods goods;
  if (!sources.chpl_csv.empty()) {
    if (auto s = goods.LoadChpl(sources.chpl_csv); !s) return tl::unexpected(s.error());
  }
  if (!sources.eu_csv.empty()) {
    if (auto s = goods.LoadEu(sources.eu_csv); !s) return tl::unexpected(s.error());
  }
  if (!sources.jurisdictions_csv.empty()) {
    if (auto s = goods.LoadJurisdictions(sources.jurisdictions_csv); !s) {
      return tl::unexpected(s.error());
    }
  }
  for (const std::string& path : sources.national_csvs) {
    if (auto s = goods.LoadNational(path); !s) return tl::unexpected(s.error());
  }
  return goods;
}

Status ControlledGoods::LoadChpl(const std::string& path) {
  auto table = ReadCsvTable(path);
  if (!table) return tl::unexpected(table.error());
  auto columns = table->RequireColumns(path, {"hs6", "tier"});
  if (!columns) return tl::unexpected(columns.error());
  const int description =
      std::max(table->Column("description"), table->Column("hs2022_subheading_description"));
  const int hs2017 = table->Column("hs2017_equivalent");
  for (size_t r = 0; r < table->rows.size(); ++r) {
    const auto& row = table->rows[r];
    const std::string& hs6 = row[(*columns)[0]];
    const std::string& tier = row[(*columns)[1]];
    if (hs6.size() != 6 || NormalizeHs(hs6) != hs6) {
      return TableValueError(path, table->lines[r], "hs6",
                             "expected six digits, got '" + hs6 + "'");
    }
    if (!IsKnownTier(tier)) {
      return TableValueError(path, table->lines[r], "tier",
                             "expected 1, 2, 3.A, 3.B, 4.A or 4.B, got '" + tier + "'");
    }
    if (!chpl_.try_emplace(hs6, ChplRow{hs6, tier, description >= 0 ? row[description] : ""})
             .second) {
      return TableValueError(path, table->lines[r], "hs6", "code " + hs6 + " listed twice");
    }
    if (hs2017 >= 0 && !row[hs2017].empty() && row[hs2017] != hs6) {
      const std::string& old_code = row[hs2017];
      if (old_code.size() != 6 || NormalizeHs(old_code) != old_code) {
        return TableValueError(path, table->lines[r], "hs2017_equivalent",
                               "expected six digits, got '" + old_code + "'");
      }
      to_hs2017_[hs6] = old_code;
    }
  }
  return Ok();
}

Status ControlledGoods::LoadEu(const std::string& path) {
  auto table = ReadCsvTable(path);
  if (!table) return tl::unexpected(table.error());
  auto columns =
      table->RequireColumns(path, {"hs6_hs2017", "sanction_date", "wind_down_date",
                                   "partially_exempt", "luxury_max_price_eur", "eu_sanctioned"});
  if (!columns) return tl::unexpected(columns.error());
  static constexpr std::string_view kCategories[] = {
      "dual_use", "industrial_cap", "luxury",          "military_tech",
      "aviation", "firearms",       "oil_exploration", "oil_refining"};
  std::vector<int> category_columns;
  for (std::string_view category : kCategories) {
    category_columns.push_back(table->Column(category));
  }
  for (size_t r = 0; r < table->rows.size(); ++r) {
    const auto& row = table->rows[r];
    const std::string& hs6 = row[(*columns)[0]];
    if (hs6.size() != 6 || NormalizeHs(hs6) != hs6) {
      return TableValueError(path, table->lines[r], "hs6_hs2017",
                             "expected six digits, got '" + hs6 + "'");
    }
    auto sanctioned = ParseFlag(row[(*columns)[5]]);
    if (!sanctioned)
      return TableValueError(path, table->lines[r], "eu_sanctioned", sanctioned.error().message);
    if (!*sanctioned) continue;
    EuRow eu;
    auto listed = ParseDate(row[(*columns)[1]]);
    if (!listed)
      return TableValueError(path, table->lines[r], "sanction_date", listed.error().message);
    eu.listed_on = *listed;
    eu.wind_down = eu.listed_on;
    if (!row[(*columns)[2]].empty()) {
      auto wind_down = ParseDate(row[(*columns)[2]]);
      if (!wind_down)
        return TableValueError(path, table->lines[r], "wind_down_date", wind_down.error().message);
      // 81 rows of the public table end the wind-down before the sanction date; a ban cannot
      // apply before its listing, so the later date counts (docs/goods.md).
      eu.wind_down = std::max(*wind_down, eu.listed_on);
    }
    auto exempt = ParseFlag(row[(*columns)[3]]);
    if (!exempt)
      return TableValueError(path, table->lines[r], "partially_exempt", exempt.error().message);
    eu.partially_exempt = *exempt;
    for (size_t c = 0; c < category_columns.size(); ++c) {
      if (category_columns[c] < 0) continue;
      auto flag = ParseFlag(row[category_columns[c]]);
      if (!flag)
        return TableValueError(path, table->lines[r], std::string(kCategories[c]),
                               flag.error().message);
      if (*flag) eu.categories.emplace_back(kCategories[c]);
    }
    // The ceiling only means something for luxury goods; the table fills it for all.
    const std::string& ceiling = row[(*columns)[4]];
    if (!ceiling.empty() &&
        std::find(eu.categories.begin(), eu.categories.end(), "luxury") != eu.categories.end()) {
      double value = 0;
      const auto [end, ec] =
          std::from_chars(ceiling.data(), ceiling.data() + ceiling.size(), value);
      if (ec != std::errc() || end != ceiling.data() + ceiling.size() || value < 0) {
        return TableValueError(path, table->lines[r], "luxury_max_price_eur",
                               "expected an amount in EUR, got '" + ceiling + "'");
      }
      eu.luxury_ceiling_eur = value;
    }
    if (!eu_.try_emplace(hs6, std::move(eu)).second) {
      return TableValueError(path, table->lines[r], "hs6_hs2017", "code " + hs6 + " listed twice");
    }
  }
  return Ok();
}

Status ControlledGoods::LoadJurisdictions(const std::string& path) {
  auto table = ReadCsvTable(path);
  if (!table) return tl::unexpected(table.error());
  auto columns = table->RequireColumns(
      path, {"country", "iso2", "fincen_bis_2022_transshipment_point", "doj_bis_ofac_2023_added",
             "uk_otsi_2025_elevated_risk", "eaeu_member"});
  if (!columns) return tl::unexpected(columns.error());
  static constexpr std::string_view kFlags[] = {"fincen_bis_2022_transshipment_point",
                                                "doj_bis_ofac_2023_added",
                                                "uk_otsi_2025_elevated_risk", "eaeu_member"};
  for (size_t r = 0; r < table->rows.size(); ++r) {
    const auto& row = table->rows[r];
    Jurisdiction j;
    j.name = row[(*columns)[0]];
    j.iso2 = row[(*columns)[1]];
    if (!IsCountryCode(j.iso2)) {
      return TableValueError(path, table->lines[r], "iso2",
                             "not an ISO 3166 alpha-2 code: '" + j.iso2 + "'");
    }
    bool* flags[] = {&j.fincen_bis_2022, &j.us_2023, &j.uk_otsi_2025, &j.eaeu_member};
    for (size_t f = 0; f < 4; ++f) {
      auto flag = ParseFlag(row[(*columns)[2 + f]]);
      if (!flag)
        return TableValueError(path, table->lines[r], std::string(kFlags[f]), flag.error().message);
      *flags[f] = *flag;
    }
    const std::string iso2 = j.iso2;
    if (!jurisdictions_.try_emplace(iso2, std::move(j)).second) {
      return TableValueError(path, table->lines[r], "iso2", iso2 + " listed twice");
    }
  }
  return Ok();
}

Status ControlledGoods::LoadNational(const std::string& path) {
  auto table = ReadCsvTable(path);
  if (!table) return tl::unexpected(table.error());
  auto columns = table->RequireColumns(path, {"list", "hs", "from", "destinations", "note"});
  if (!columns) return tl::unexpected(columns.error());
  std::vector<NationalRow> rows;
  for (size_t r = 0; r < table->rows.size(); ++r) {
    const auto& row = table->rows[r];
    NationalRow n;
    n.list = row[(*columns)[0]];
    if (!IsListId(n.list)) {
      return TableValueError(path, table->lines[r], "list",
                             "expected letters, digits, '_' or '-', got '" + n.list + "'");
    }
    if (n.list == kChplList || n.list == kEuList) {
      return TableValueError(path, table->lines[r], "list",
                             "'" + n.list + "' is reserved for the public list");
    }
    auto prefix = NormalizeHs(row[(*columns)[1]]);
    if (!prefix) {
      return TableValueError(
          path, table->lines[r], "hs",
          "expected an HS code or prefix of 2 to 10 digits, got '" + row[(*columns)[1]] + "'");
    }
    n.prefix = std::move(*prefix);
    auto from = ParseDate(row[(*columns)[2]]);
    if (!from) return TableValueError(path, table->lines[r], "from", from.error().message);
    n.from = *from;
    n.destinations = SplitCountries(row[(*columns)[3]]);
    for (const std::string& country : n.destinations) {
      if (!IsCountryCode(country)) {
        return TableValueError(path, table->lines[r], "destinations",
                               "not an ISO 3166 alpha-2 code: '" + country + "'");
      }
    }
    n.note = row[(*columns)[4]];
    rows.push_back(std::move(n));
  }
  // Only a file without errors changes the catalogue.
  for (NationalRow& row : rows) {
    national_by_prefix_[row.prefix].push_back(national_.size());
    national_prefix_lengths_ |= 1u << row.prefix.size();
    national_.push_back(std::move(row));
  }
  return Ok();
}

std::vector<Listing> ControlledGoods::Classify(std::string_view hs, Date on) const {
  const auto code = NormalizeHs(hs);
  return code ? ClassifyDigits(*code, on) : std::vector<Listing>();
}

std::vector<Listing> ControlledGoods::ClassifyDigits(std::string_view code, Date on) const {
  std::vector<Listing> out;
  if (code.size() < 6) return out;
  const std::string_view hs6 = code.substr(0, 6);

  if (const auto it = chpl_.find(hs6); it != chpl_.end()) {
    Listing l;
    l.list = std::string(kChplList);
    l.code = hs6;
    l.tier = it->second.tier;
    l.tier_weight = TierWeight(it->second.tier);
    l.description = it->second.description;
    out.push_back(std::move(l));
  }

  const auto renamed = to_hs2017_.find(hs6);
  const std::string_view hs2017 =
      renamed == to_hs2017_.end() ? hs6 : std::string_view(renamed->second);
  if (const auto it = eu_.find(hs2017); it != eu_.end()) {
    const EuRow& eu = it->second;
    Listing l;
    l.list = std::string(kEuList);
    l.code = hs2017;
    l.listed_on = eu.listed_on;
    l.applies_from = eu.wind_down;
    l.in_force = on >= eu.wind_down;
    l.luxury_ceiling_eur = eu.luxury_ceiling_eur;
    l.partially_exempt = eu.partially_exempt;
    l.categories = eu.categories;
    l.destinations = {"BY", "RU"};
    out.push_back(std::move(l));
  }

  std::vector<size_t> national;
  for (size_t length = 2; length <= code.size(); ++length) {
    if ((national_prefix_lengths_ & (1u << length)) == 0) continue;
    const auto it = national_by_prefix_.find(code.substr(0, length));
    if (it != national_by_prefix_.end()) {
      national.insert(national.end(), it->second.begin(), it->second.end());
    }
  }
  std::sort(national.begin(), national.end());
  for (size_t i : national) {
    const NationalRow& n = national_[i];
    Listing l;
    l.list = n.list;
    l.code = n.prefix;
    l.applies_from = n.from;
    l.in_force = on >= n.from;
    if (!n.note.empty()) l.categories = {n.note};
    l.destinations = n.destinations;
    out.push_back(std::move(l));
  }
  return out;
}

const Jurisdiction* ControlledGoods::FindJurisdiction(std::string_view iso2) const {
  const auto it = jurisdictions_.find(std::string(iso2));
  return it == jurisdictions_.end() ? nullptr : &it->second;
}

ControlledGoods::Counts ControlledGoods::counts() const {
  return {chpl_.size(), eu_.size(), national_.size(), jurisdictions_.size()};
}

std::vector<std::string> ControlledGoods::national_lists() const {
  std::vector<std::string> lists;
  for (const NationalRow& row : national_) {
    if (std::find(lists.begin(), lists.end(), row.list) == lists.end()) lists.push_back(row.list);
  }
  return lists;
}

}  // namespace keruen::goods
