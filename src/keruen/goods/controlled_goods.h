// The controlled-goods lists, and what a goods item is on.
//
// Four kinds of list decide whether goods leaving for Russia are a concern:
// - the Common High Priority List (CHPL): 50 HS-6 codes the EU, US, UK and Japan watch most,
//   in tiers 1 (integrated circuits) to 4.B (machine tools and the like). It bans nothing by
//   itself; it says how hard to look (rule G1 weighs a hit by its tier).
// - the EU's Reg. 833/2014 export bans toward Russia by HS-6 code (HS 2017), each with the
//   date it was listed, the end of its wind-down (contracts concluded before could still be
//   executed until then), a luxury price ceiling for Annex XVIII goods and the annexes it
//   falls under (rules G2, G4).
// - national lists in a plain CSV (below): Kazakhstan's ban on exporting 106 dual-use goods to
//   Russia (October 2023) goes in that way, as does any in-house watch list.
// - the diversion-risk jurisdictions: countries the FinCEN/BIS, DOJ and UK OTSI texts name as
//   transshipment points, and the EAEU members (G1 escalates when a party sits in one).
//
// Codes: declarations carry HS 2022 codes of 6 to 10 digits. The CHPL is in HS 2022; the EU
// table is in HS 2017. An HS 2022 code is looked up in the EU table through the CHPL's own
// HS 2017 equivalents where it gives one (8548.00 -> 8548.90, 8807.30 -> 8803.30...), else as
// the same six digits: most subheadings did not change in 2022. A code new in HS 2022 that
// the CHPL does not map finds no EU listing; the WCO's HS 2017-2022 correlation table is the
// production source for the rest (docs/goods.md).
//
// National list CSV (header required; '#' lines are comments):
//   list,hs,from,destinations,note
//   kz_dual_use_ru,8471,2023-10-21,RU BY,"computers: Kazakhstan's dual-use export ban"
// `list` names the list (letters, digits, '_' and '-'); `hs` is a code or prefix of 2 to 10
// digits (dots and spaces allowed); `from` the date the listing applies (YYYY-MM-DD);
// `destinations` the ISO alpha-2 countries exports to which it bans, separated by spaces or
// ';' (empty: every destination); `note` is free text. A file with any bad row is refused whole,
// the error naming its file, line and column.
#ifndef KERUEN_GOODS_CONTROLLED_GOODS_H_
#define KERUEN_GOODS_CONTROLLED_GOODS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "keruen/core/error.h"
#include "keruen/core/json_writer.h"
#include "keruen/core/string_map.h"
#include "keruen/core/time.h"

namespace keruen::goods {

// List ids as they appear in listings, alerts and the CLI.
inline constexpr std::string_view kChplList = "chpl";
inline constexpr std::string_view kEuList = "eu_833";

// One list a goods item is on.
struct Listing {
  std::string list;  // kChplList, kEuList or a national list's id
  std::string code;  // the listed code or prefix that matched, digits only
  // CHPL: the tier ("1", "2", "3.A", "3.B", "4.A", "4.B") and its G1 weight (1 -> 1.0,
  // 2 -> 0.8, 3 -> 0.6, 4 -> 0.5); empty and 0 for the other lists.
  std::string tier;
  double tier_weight = 0;
  // EU: the date the code was listed and the end of its wind-down; national lists: `from`.
  // CHPL listings have neither: the list is a priority, not a ban.
  std::optional<Date> listed_on;
  std::optional<Date> applies_from;
  // Whether the ban applies on the date asked about (always true for the CHPL).
  bool in_force = true;
  std::optional<double> luxury_ceiling_eur;  // EU Annex XVIII goods
  bool partially_exempt = false;             // EU: some goods under the code are exempt
  // EU: the annex categories (dual_use, industrial_cap, luxury, military_tech, aviation,
  // firearms, oil_exploration, oil_refining); national lists: the note.
  std::vector<std::string> categories;
  // The destinations exports to which the listing bans (EU: RU and BY); empty: any.
  std::vector<std::string> destinations;
  std::string description;  // CHPL: the subheading's text

  // True when exporting to `country` (ISO alpha-2) on the date classified is banned.
  bool BansExportTo(std::string_view country) const;
  // True when the ban covers only goods worth more than the luxury ceiling a unit: the code is
  // listed as a luxury good and under no other annex (a laptop, 8471.30, is luxury above
  // EUR 750 but also dual-use, so banned whatever its price).
  bool BansOnlyAboveCeiling() const;
};

// A country the transshipment texts name.
struct Jurisdiction {
  std::string iso2;
  std::string name;
  bool fincen_bis_2022 = false;  // FinCEN/BIS alert of June 2022: common transshipment points
  bool us_2023 = false;          // DOJ/Commerce/Treasury note of March 2023
  bool uk_otsi_2025 = false;     // UK OTSI elevated-risk list, January 2025
  bool eaeu_member = false;
};

class ControlledGoods {
 public:
  // Where the lists are read from. Empty paths are skipped (a list not loaded is reported by
  // counts(), never taken as "nothing is listed").
  struct Sources {
    std::string chpl_csv;           // columns hs6, tier[, description, hs2017_equivalent]
    std::string eu_csv;             // the Chupilkin et al. HS 2017 table
    std::string jurisdictions_csv;  // country, iso2, the four 0/1 flags
    std::vector<std::string> national_csvs;
  };
  // The public tables: <shared>/goods/ when the shared data exists, else the CHPL committed in
  // data/chpl.csv alone.
  static Sources DefaultSources();

  static Result<ControlledGoods> Load(const Sources& sources);

  // Every list the code (HS 2022, 6 to 10 digits; dots and spaces ignored) is on, with
  // `in_force` evaluated on `on`; CHPL first, then the EU, then national lists in file order.
  // An invalid code is on no list.
  std::vector<Listing> Classify(std::string_view hs, Date on) const;
  // The same for a code already normalised (NormalizeHs's digits), which the risk engine has
  // made for every goods item anyway.
  std::vector<Listing> ClassifyDigits(std::string_view digits, Date on) const;

  // The jurisdiction entry of an ISO alpha-2 country, or null when no text names it.
  const Jurisdiction* FindJurisdiction(std::string_view iso2) const;

  struct Counts {
    size_t chpl = 0;
    size_t eu_sanctioned = 0;  // codes the EU table flags as sanctioned
    size_t national = 0;       // rows of all national lists
    size_t jurisdictions = 0;
  };
  Counts counts() const;
  // The ids of the national lists loaded, in file order.
  std::vector<std::string> national_lists() const;

 private:
  struct ChplRow {
    std::string hs6;
    std::string tier;
    std::string description;
  };
  struct EuRow {
    Date listed_on = 0;
    Date wind_down = 0;
    bool partially_exempt = false;
    std::optional<double> luxury_ceiling_eur;
    std::vector<std::string> categories;
  };
  struct NationalRow {
    std::string list;
    std::string prefix;
    Date from = 0;
    std::vector<std::string> destinations;
    std::string note;
  };

  Status LoadChpl(const std::string& path);
  Status LoadEu(const std::string& path);
  Status LoadJurisdictions(const std::string& path);
  Status LoadNational(const std::string& path);

  // Classify looks codes and their prefixes up by view, without building a string for each
  // (it runs for every goods item).
  template <typename T>
  using CodeMap = StringMap<T>;

  CodeMap<ChplRow> chpl_;           // by HS-6 (HS 2022)
  CodeMap<std::string> to_hs2017_;  // HS 2022 -> HS 2017, where they differ
  CodeMap<EuRow> eu_;               // sanctioned codes by HS-6 (HS 2017)
  std::vector<NationalRow> national_;
  CodeMap<std::vector<size_t>> national_by_prefix_;
  // Bit n is set when some national prefix has n digits: most lengths have none, and Classify
  // skips their lookups.
  uint32_t national_prefix_lengths_ = 0;
  std::unordered_map<std::string, Jurisdiction> jurisdictions_;
};

// {"list":..., "code":..., "tier":..., "tier_weight":..., "listed_on":..., "applies_from":...,
//  "in_force":..., "luxury_ceiling_eur":..., "partially_exempt":..., "categories":[...],
//  "destinations":[...], "description":...}; absent values are null or empty.
void AppendJson(JsonWriter& writer, const Listing& listing);

// One line for people: "chpl 854231 tier 1 (weight 1.0): Electronic integrated circuits...",
// "eu_833 854231 listed 2022-02-25, applies from 2022-05-01 (in force): dual_use, ...;
// bans exports to BY RU".
std::string DescribeListing(const Listing& listing);

// The digits of an HS code as written ("8542.31.00" -> "85423100"), or nullopt when it holds
// anything but digits, dots and spaces, or fewer than 2 or more than 10 digits.
std::optional<std::string> NormalizeHs(std::string_view hs);

}  // namespace keruen::goods

#endif  // KERUEN_GOODS_CONTROLLED_GOODS_H_
