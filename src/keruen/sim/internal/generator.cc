#include "keruen/sim/internal/generator.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <map>

#include "keruen/sim/internal/goods.h"
#include "keruen/sim/internal/parties.h"
#include "keruen/sim/internal/random.h"
#include "keruen/sim/internal/text.h"
#include "keruen/sim/internal/tracks.h"

namespace keruen::sim_internal {
namespace {

constexpr int64_t kDay = 86400;
constexpr int64_t kHour = 3600;

// ---- places ----

struct PostWeight {
  const char* id;
  double weight;
};
// Where road imports enter, by the country they come from.
constexpr PostWeight kEntryFromCn[] = {{"KZ-BCP-040", 45},
                                       {"KZ-BCP-037", 25},
                                       {"KZ-BCP-036", 10},
                                       {"KZ-BCP-038", 10},
                                       {"KZ-BCP-039", 10}};
constexpr PostWeight kEntryFromRu[] = {{"KZ-BCP-008", 15}, {"KZ-BCP-023", 12}, {"KZ-BCP-013", 10},
                                       {"KZ-BCP-015", 8},  {"KZ-BCP-009", 8},  {"KZ-BCP-019", 8},
                                       {"KZ-BCP-024", 5},  {"KZ-BCP-005", 6},  {"KZ-BCP-027", 6},
                                       {"KZ-BCP-006", 4},  {"KZ-BCP-020", 4},  {"KZ-BCP-002", 4},
                                       {"KZ-BCP-029", 4},  {"KZ-BCP-003", 3},  {"KZ-BCP-025", 3}};
// European goods come by road through Russia.
constexpr PostWeight kEntryFromEu[] = {{"KZ-BCP-008", 30},
                                       {"KZ-BCP-023", 25},
                                       {"KZ-BCP-013", 20},
                                       {"KZ-BCP-019", 15},
                                       {"KZ-BCP-015", 10}};
constexpr PostWeight kEntryFromKg[] = {{"KZ-BCP-044", 50},
                                       {"KZ-BCP-041", 15},
                                       {"KZ-BCP-046", 15},
                                       {"KZ-BCP-043", 5},
                                       {"KZ-BCP-045", 15}};
constexpr PostWeight kEntryFromUz[] = {
    {"KZ-BCP-047", 50}, {"KZ-BCP-031", 20}, {"KZ-BCP-032", 15}, {"KZ-BCP-034", 15}};

// Where road exports leave: the post nearest (by road) to the exporter's city among these.
constexpr const char* kExitToRu[] = {"KZ-BCP-008", "KZ-BCP-023", "KZ-BCP-013",
                                     "KZ-BCP-015", "KZ-BCP-009", "KZ-BCP-019",
                                     "KZ-BCP-024", "KZ-BCP-005", "KZ-BCP-027"};
constexpr const char* kExitToCn[] = {"KZ-BCP-040", "KZ-BCP-037", "KZ-BCP-036"};
constexpr const char* kExitToKg[] = {"KZ-BCP-044", "KZ-BCP-046", "KZ-BCP-041"};
constexpr const char* kExitToUz[] = {"KZ-BCP-047", "KZ-BCP-034", "KZ-BCP-031"};

// Transit lanes: entry post, exit post, where the goods come from ("RUEU": Russia or the
// EU through Russia), where they go, and the share of transit traffic.
struct TransitLane {
  const char* entry;
  const char* exit;
  const char* from;
  const char* to;
  double weight;
};
constexpr TransitLane kTransitLanes[] = {
    {"KZ-BCP-040", "KZ-BCP-047", "CN", "UZ", 14},  // Khorgos - Almaty - Shymkent - Tashkent
    {"KZ-BCP-040", "KZ-BCP-044", "CN", "KG", 10},  // Khorgos - Almaty - Kordai - Bishkek
    {"KZ-BCP-037", "KZ-BCP-047", "CN", "UZ", 5},   // Dostyk - Taldykorgan - Almaty - ...
    {"KZ-BCP-037", "KZ-BCP-044", "CN", "KG", 4},
    {"KZ-BCP-040", "KZ-BCP-008", "CN", "RU", 8},  // the Western Europe - Western China road
    {"KZ-BCP-037", "KZ-BCP-005", "CN", "RU", 4},  // Dostyk - Ayagoz - Semey - Rubtsovsk
    {"KZ-BCP-036", "KZ-BCP-005", "CN", "RU", 3},
    {"KZ-BCP-008", "KZ-BCP-044", "RUEU", "KG", 8},  // Orenburg - Aktobe - Kyzylorda - Kordai
    {"KZ-BCP-008", "KZ-BCP-047", "RUEU", "UZ", 8},
    {"KZ-BCP-023", "KZ-BCP-034", "RUEU", "UZ", 5},  // Samara - Oral - Atyrau - Beyneu
    {"KZ-BCP-019", "KZ-BCP-034", "RU", "UZ", 3},    // Astrakhan - Atyrau - Beyneu
    {"KZ-BCP-013", "KZ-BCP-046", "RUEU", "KG", 4},  // Troitsk - Kostanay - Astana - Shu
    {"KZ-BCP-024", "KZ-BCP-047", "RU", "UZ", 3},
    {"KZ-BCP-015", "KZ-BCP-046", "RU", "KG", 2},
    {"KZ-BCP-047", "KZ-BCP-008", "UZ", "RU", 5},
    {"KZ-BCP-044", "KZ-BCP-008", "KG", "RU", 3},
    {"KZ-BCP-034", "KZ-BCP-019", "UZ", "RU", 2},
};

constexpr const char* kEuCountries[] = {"DE", "PL", "IT", "LT", "NL", "CZ", "FI", "AT", "LV"};
constexpr double kEuWeights[] = {30, 15, 15, 8, 10, 8, 4, 6, 4};

// Two-digit vehicle registration regions of Kazakhstan.
constexpr const char* kKzPlateRegions[] = {"01", "02", "03", "04", "05", "06", "07", "08", "09",
                                           "10", "11", "12", "13", "14", "15", "16", "17", "18"};

std::string Pad(int64_t v, int width) {
  std::string s = std::to_string(v);
  if (static_cast<int>(s.size()) < width) s.insert(0, static_cast<size_t>(width) - s.size(), '0');
  return s;
}

std::string Letters(Rng& rng, int n, std::string_view alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ") {
  std::string out;
  for (int i = 0; i < n; ++i) out.push_back(alphabet[rng.Int(0, alphabet.size() - 1)]);
  return out;
}

// Russian plates use the twelve Cyrillic letters that look Latin; documents write them in
// either script.
std::string RuPlateLetters(Rng& rng, int n, bool cyrillic) {
  static constexpr std::string_view kLatin = "ABEKMHOPCTYX";
  static constexpr const char* kCyrillic[] = {"А", "В", "Е", "К", "М", "Н",
                                              "О", "Р", "С", "Т", "У", "Х"};
  std::string out;
  for (int i = 0; i < n; ++i) {
    const auto k = static_cast<size_t>(rng.Int(0, 11));
    out += cyrillic ? std::string(kCyrillic[k]) : std::string(1, kLatin[k]);
  }
  return out;
}

std::string DottedDate(Timestamp t) {
  const CivilDate c = CivilFromDays(DateOf(t));
  return Pad(c.day, 2) + "." + Pad(c.month, 2) + "." + std::to_string(c.year);
}

// ---- the generator ----

struct Deal {
  std::string declaration_id;
  int day = 0;
  Timestamp lodged_at = 0;
  const Company* consignor = nullptr;
  const Company* consignee = nullptr;
  Party consignor_party, consignee_party;  // as written in the declaration
  Money total;
  std::string invoice;
  std::vector<std::string> seals;
};

// Everything a declaration needs; Declare() turns it into one.
struct DeclSpec {
  DeclarationKind kind = DeclarationKind::kImport;
  int day = 0;
  Timestamp lodged_at = 0;
  const Company* declarant = nullptr;
  const Company* consignor = nullptr;
  const Company* consignee = nullptr;
  const Company* carrier = nullptr;                    // null for rail and air
  std::string consignor_spelling, consignee_spelling;  // empty: pick one
  std::string dispatch, destination;
  std::string mode = "road";
  std::string entry_post, exit_post;  // post ids, empty when none
  std::vector<GoodsItem> items;
  int seal_count = 0;
  double route_km = 0;  // > 0: give the movement a limit date for this distance
  std::string office;
};

struct Pools {
  std::vector<Company> kz_importers, kz_exporters, kz_forwarders, kz_carriers;
  std::vector<Company> ru, kg, uz, cn, eu;
  std::map<std::string, std::vector<Company>, std::less<>> foreign_carriers;
  std::map<std::string, std::vector<Company>, std::less<>> offshore;
};

class Generator {
 public:
  Generator(const SimOptions& options, ReferenceData& data, RecordSink& sink)
      : o_(options),
        data_(data),
        sink_(sink),
        rng_(options.seed),
        factory_(options.start, data.listed_names.get()) {
    summary_.options = options;
    summary_.hs_source = data.hs_source;
    summary_.sanctions_source = data.sanctions_source;
    if (data.listed_names) summary_.name_screening_lists = data.listed_names->lists();
  }

  Result<SimSummary> Run(const std::function<void(double)>& progress);

 private:
  // setup
  Status Setup();
  void BuildPools();
  std::vector<std::string> PostSpellings(const BorderPost& post) const;

  // time
  int LastDay() const { return o_.days - 1; }
  Timestamp DayStart(int day) const { return StartOfDate(o_.start + day); }
  Timestamp BusinessTime(int day) {
    return DayStart(day) + rng_.Int(3 * kHour, 15 * kHour);  // 08:00-20:00 Almaty time
  }
  Timestamp AnyTime(int day) { return DayStart(day) + rng_.Int(0, kDay - 1); }
  int Later(int day, int lo, int hi) {
    return std::min(LastDay(), day + static_cast<int>(rng_.Int(lo, hi)));
  }

  // emitting
  void Emit(const Declaration& d, int day);
  // Returns the payment id when the payment falls inside the simulated period.
  std::optional<std::string> EmitPayment(const Payment& p);
  void EmitTruth(TruthRecord t);
  void EmitPings(const std::vector<SealPing>& pings);

  // building blocks
  const Company& Active(const std::vector<Company>& pool) {
    const double u = rng_.Uniform();
    return pool[static_cast<size_t>(u * u * static_cast<double>(pool.size()))];
  }
  const Company& Partner(std::string_view country);
  const Company& Carrier(std::string_view country_hint);
  std::string Currency(std::string_view seller_country, std::string_view buyer_country);
  std::string Origin(std::string_view consignor_country);
  TradeFlow FlowFor(DeclarationKind kind, std::string_view partner_country,
                    std::string_view from_country);
  std::vector<GoodsItem> RandomItems(TradeFlow flow, std::string_view currency,
                                     std::string_view consignor_country, std::string_view mode);
  std::string PickPost(std::span<const PostWeight> posts);
  // The post of `posts` nearest to `city` by road (Setup has checked that every one is
  // reachable).
  std::string NearestExit(std::string_view city, std::span<const char* const> posts);
  // The road from a border post or a town (a corridor waypoint, as KzCity::waypoint names it)
  // `from` to the border post `to`, built on first use and kept: the same few hundred roads
  // are driven all month.
  const Result<Route>& Road(const std::string& from, const std::string& to);
  std::string PostWritten(const std::string& post_id);
  std::string Office(const std::string& post_id, const std::string& city) const;
  std::string Plate(std::string_view country);
  std::string Trailer(std::string_view country);
  std::string InvoiceRef(const Company& seller, Timestamp at);
  std::string NewSeal();
  Deal Declare(DeclSpec spec);
  // `creditor_spelling` empty: the payer's bank writes the consignor as it likes.
  std::optional<std::string> Pay(const Deal& deal, const Company& debtor,
                                 const std::string& debtor_spelling,
                                 const std::string& creditor_spelling, Timestamp at,
                                 std::optional<Money> amount, std::string_view remittance_kind);
  // Pays a deal the usual way: prepayment and balance, or one payment after delivery.
  std::vector<std::string> PayUsually(const Deal& deal, double odds);
  // Drives `route` from `start` with the seals of `deal`; returns the pings (empty when
  // positions are off).
  std::vector<SealPing> Drive(const Route& route, Timestamp start, double start_wait_s,
                              std::vector<PlannedStop> stops,
                              const std::vector<std::string>& seals);

  // clean trade
  void CleanImport(int day);
  void CleanExport(int day);
  void CleanTransit(int day);
  void CleanWaybill(int day);
  Deal ExportDeal(int day, const Company& exporter, const Company& buyer,
                  std::vector<GoodsItem> items, bool by_road, std::vector<SealPing>* pings);
  struct TransitPlan {
    Deal deal;
    const Route* declared = nullptr;
    const TransitLane* lane = nullptr;
  };
  TransitPlan DeclareTransit(int day, const TransitLane& lane);

  // schemes
  void Plant(Scheme scheme, int day);
  void GhostTransit(int day);
  void PassThroughReexport(int day);
  void QuantityImbalance(int day);
  void NewShellTrader(int day);
  void ThirdPartyPayer(int day);
  void SanctionedPartyVariant(int day);
  void SealBreach(int day);
  void RouteDeviation(int day);
  void SplitShipments(int day);

  const SimOptions& o_;
  ReferenceData& data_;
  RecordSink& sink_;
  Rng rng_;
  CompanyFactory factory_;
  Pools pools_;
  SimSummary summary_;
  std::optional<Error> error_;

  std::map<std::string, std::vector<std::string>, std::less<>> post_spellings_;
  std::map<std::pair<std::string, std::string>, Result<Route>> roads_;
  std::map<std::pair<std::string, const void*>, std::string> nearest_exit_;
  std::vector<std::string> ru_posts_;  // ids of the posts on the Russian border
  std::array<bool, kSchemeCount> scheme_enabled_{};
  int64_t declaration_serial_[4] = {0, 0, 0, 0};
  int64_t payment_serial_ = 0;
  int64_t invoice_serial_ = 0;
  int64_t seal_serial_ = 0;
  int current_day_ = 0;  // the day being generated; earlier days are written out
};

// ---- setup ----

std::vector<std::string> Generator::PostSpellings(const BorderPost& post) const {
  std::vector<std::string> candidates = {post.name, post.name_ru};
  for (const auto& a : post.aliases) candidates.push_back(a);
  candidates.push_back(ToUpper(post.name));
  candidates.push_back(ToUpper(post.name_ru));
  auto replaced = [](std::string s, std::string_view from, std::string_view to) {
    const size_t pos = s.find(from);
    if (pos != std::string::npos) s.replace(pos, from.size(), to);
    return s;
  };
  candidates.push_back(replaced(post.name, "ai", "ay"));
  candidates.push_back(replaced(post.name, "ay", "ai"));
  candidates.push_back(replaced(post.name, "Zh", "J"));
  candidates.push_back(replaced(post.name, " ", "-"));
  candidates.push_back(replaced(post.name, "-", " "));
  std::vector<std::string> out;
  for (const std::string& c : candidates) {
    if (c.empty() || std::find(out.begin(), out.end(), c) != out.end()) continue;
    if (data_.posts.Resolve(c) == &post) out.push_back(c);
  }
  return out;
}

Status Generator::Setup() {
  for (const BorderPost& post : data_.posts.all()) post_spellings_[post.id] = PostSpellings(post);
  // Every road a clean movement may take must exist: transit lanes, and exports from each
  // city to each post of the exit lists.
  for (const TransitLane& lane : kTransitLanes) {
    if (const auto& road = Road(lane.entry, lane.exit); !road) {
      return tl::unexpected(road.error().WithFieldPrefix("transit lane"));
    }
  }
  for (const KzCity& city : KzCities()) {
    for (auto list :
         {std::span<const char* const>(kExitToRu), std::span<const char* const>(kExitToCn),
          std::span<const char* const>(kExitToKg), std::span<const char* const>(kExitToUz)}) {
      for (const char* exit : list) {
        if (const auto& road = Road(city.waypoint, exit); !road) {
          return tl::unexpected(road.error().WithFieldPrefix("export road"));
        }
      }
    }
  }
  for (const BorderPost& post : data_.posts.all()) {
    if (post.neighbour == "RU" && post.lat) ru_posts_.push_back(post.id);
  }
  for (Scheme s : kAllSchemes) scheme_enabled_[static_cast<size_t>(s)] = true;
  if (!o_.positions) {
    for (Scheme s : {Scheme::kGhostTransit, Scheme::kSealBreach, Scheme::kRouteDeviation}) {
      scheme_enabled_[static_cast<size_t>(s)] = false;
      summary_.notes.push_back(std::string(SchemeName(s)) +
                               " skipped: positions are disabled and only positions show it");
    }
  }
  if (data_.sanctioned.empty()) {
    scheme_enabled_[static_cast<size_t>(Scheme::kSanctionedPartyVariant)] = false;
    summary_.notes.push_back(
        "sanctioned_party_variant skipped: no sanctions list (shared "
        "sanctions/ofac/latest/sdn.csv) "
        "was found");
  }
  BuildPools();
  return Ok();
}

void Generator::BuildPools() {
  const double s = o_.scale;
  auto fill = [&](std::vector<Company>& pool, std::string_view country, CompanyRole role,
                  double n) {
    for (int i = 0; i < static_cast<int>(n); ++i)
      pool.push_back(factory_.Make(country, role, rng_));
  };
  fill(pools_.kz_importers, "KZ", CompanyRole::kTrader, 150 + s * 0.4);
  fill(pools_.kz_exporters, "KZ", CompanyRole::kTrader, 60 + s * 0.12);
  fill(pools_.kz_forwarders, "KZ", CompanyRole::kForwarder, 20 + s * 0.02);
  for (int i = 0; i < static_cast<int>(60 + s * 0.06); ++i) {
    pools_.kz_carriers.push_back(rng_.Chance(0.5)
                                     ? factory_.KzEntrepreneur(rng_)
                                     : factory_.Make("KZ", CompanyRole::kCarrier, rng_));
  }
  fill(pools_.ru, "RU", CompanyRole::kTrader, 120 + s * 0.25);
  fill(pools_.kg, "KG", CompanyRole::kTrader, 40 + s * 0.05);
  fill(pools_.uz, "UZ", CompanyRole::kTrader, 40 + s * 0.05);
  fill(pools_.cn, "CN", CompanyRole::kTrader, 100 + s * 0.2);
  for (int i = 0; i < static_cast<int>(100 + s * 0.2); ++i) {
    pools_.eu.push_back(
        factory_.Make(kEuCountries[rng_.Weighted(kEuWeights)], CompanyRole::kTrader, rng_));
  }
  for (const char* country : {"RU", "KG", "UZ", "LT", "PL", "TR"}) {
    fill(pools_.foreign_carriers[country], country, CompanyRole::kCarrier, 10 + s * 0.01);
  }
  for (const char* country : {"HK", "AE", "TR"}) {
    for (int i = 0; i < static_cast<int>(10 + s * 0.005); ++i) {
      pools_.offshore[country].push_back(factory_.OffshoreTrader(country, rng_));
    }
  }
}

// ---- emitting ----

void Generator::Emit(const Declaration& d, int day) {
  if (error_) return;
  ++summary_.declarations;
  ++summary_.declarations_by_kind[static_cast<size_t>(d.kind)];
  if (auto st = sink_.Add(d, day); !st) error_ = st.error();
}

std::optional<std::string> Generator::EmitPayment(const Payment& p) {
  const int day = static_cast<int>((p.executed_at - DayStart(0)) / kDay);
  assert(day >= current_day_ && "payments are never dated on a day already written");
  if (day > LastDay()) return std::nullopt;  // not paid yet when the simulation ends
  if (error_) return std::nullopt;
  ++summary_.payments;
  if (auto st = sink_.Add(p, day); !st) error_ = st.error();
  return p.id;
}

void Generator::EmitTruth(TruthRecord t) {
  if (error_) return;
  ++summary_.scheme_instances[static_cast<size_t>(t.scheme)];
  if (auto st = sink_.Add(t); !st) error_ = st.error();
}

void Generator::EmitPings(const std::vector<SealPing>& pings) {
  if (error_ || pings.empty()) return;
  summary_.pings += static_cast<int64_t>(pings.size());
  for (size_t i = 0; i < pings.size(); ++i) {
    if (i == 0 || pings[i].device != pings[i - 1].device) ++summary_.devices;
  }
  if (auto st = sink_.Add(std::span<const SealPing>(pings)); !st) error_ = st.error();
}

// ---- building blocks ----

const Company& Generator::Partner(std::string_view country) {
  if (country == "RU") return Active(pools_.ru);
  if (country == "KG") return Active(pools_.kg);
  if (country == "UZ") return Active(pools_.uz);
  if (country == "CN") return Active(pools_.cn);
  return Active(pools_.eu);
}

const Company& Generator::Carrier(std::string_view country_hint) {
  if (rng_.Chance(0.45)) return Active(pools_.kz_carriers);
  if (country_hint == "EU") return Active(pools_.foreign_carriers[rng_.Chance(0.6) ? "LT" : "PL"]);
  if (country_hint == "RU" || country_hint == "KG" || country_hint == "UZ") {
    return Active(pools_.foreign_carriers.find(country_hint)->second);
  }
  if (rng_.Chance(0.15)) return Active(pools_.foreign_carriers["TR"]);
  return Active(pools_.kz_carriers);
}

std::string Generator::Currency(std::string_view seller, std::string_view buyer) {
  const bool seller_eu =
      seller != "KZ" && seller != "RU" && seller != "KG" && seller != "UZ" && seller != "CN";
  if (seller_eu) return rng_.Chance(0.85) ? "EUR" : "USD";
  if (seller == "CN") return rng_.Chance(0.6) ? "USD" : "CNY";
  if (seller == "RU") return std::array{"RUB", "USD", "CNY"}[rng_.Weighted({60, 25, 15})];
  if (seller == "KG" || seller == "UZ")
    return std::array{"USD", "KZT", "RUB"}[rng_.Weighted({70, 20, 10})];
  // Kazakh sellers
  if (buyer == "RU") return std::array{"RUB", "USD", "KZT"}[rng_.Weighted({45, 40, 15})];
  if (buyer == "CN") return rng_.Chance(0.6) ? "USD" : "CNY";
  if (buyer == "KG" || buyer == "UZ") return rng_.Chance(0.5) ? "USD" : "KZT";
  return rng_.Chance(0.5) ? "USD" : "EUR";
}

std::string Generator::Origin(std::string_view consignor_country) {
  const std::string c(consignor_country);
  if (c == "CN") return rng_.Chance(0.95) ? "CN" : (rng_.Chance(0.5) ? "VN" : "MY");
  if (c == "RU") return rng_.Chance(0.8) ? "RU" : std::array{"BY", "CN", "TR"}[rng_.Int(0, 2)];
  if (c == "KG") return rng_.Chance(0.8) ? "KG" : "CN";
  if (c == "UZ") return rng_.Chance(0.9) ? "UZ" : "TR";
  if (c == "KZ") return rng_.Chance(0.95) ? "KZ" : "RU";
  if (rng_.Chance(0.65)) return c;  // EU member state
  return std::array{"CN", "US", "JP", "KR", "MY", "TW", "VN", "CH", "GB"}[rng_.Int(0, 8)];
}

TradeFlow Generator::FlowFor(DeclarationKind kind, std::string_view partner,
                             std::string_view from) {
  const bool central_asia = partner == "KG" || partner == "UZ";
  if (kind == DeclarationKind::kTransit) {
    if (from == "CN") return TradeFlow::kTransitCn;
    if (from == "RU") return TradeFlow::kTransitRu;
    if (from == "KG" || from == "UZ") return TradeFlow::kTransitCentralAsia;
    return TradeFlow::kTransitEu;
  }
  if (kind == DeclarationKind::kExport) {
    if (partner == "RU") return TradeFlow::kExportRu;
    if (partner == "CN") return TradeFlow::kExportCn;
    if (central_asia) return TradeFlow::kExportCentralAsia;
    return TradeFlow::kExportEu;
  }
  if (partner == "RU") return TradeFlow::kImportRu;
  if (partner == "CN") return TradeFlow::kImportCn;
  if (central_asia) return TradeFlow::kImportCentralAsia;
  return TradeFlow::kImportEu;
}

std::vector<GoodsItem> Generator::RandomItems(TradeFlow flow, std::string_view currency,
                                              std::string_view consignor_country,
                                              std::string_view mode) {
  const size_t n = 1 + rng_.Weighted({40, 25, 15, 12, 8});
  const double capacity_kg = mode == "air" ? 1500 : mode == "rail" ? 60000 : 20000;
  std::vector<GoodsItem> items;
  for (size_t i = 0; i < n; ++i) {
    const HsCode& hs = data_.goods.Random(flow, rng_);
    const Lot lot = data_.goods.DrawLot(hs, rng_);
    const double usd = rng_.LogUniform(2000, 120000);
    const double quantity = GoodsCatalog::QuantityFor(
        lot, usd, capacity_kg / static_cast<double>(n) * rng_.Uniform(0.6, 1.0));
    GoodsItem item =
        data_.goods.Item(lot, quantity, 1.0, currency, Origin(consignor_country), rng_);
    item.seq = static_cast<int32_t>(i + 1);
    items.push_back(std::move(item));
  }
  return items;
}

std::string Generator::PickPost(std::span<const PostWeight> posts) {
  std::vector<double> w;
  for (const PostWeight& p : posts) w.push_back(p.weight);
  return posts[rng_.Weighted(w)].id;
}

const Result<Route>& Generator::Road(const std::string& from, const std::string& to) {
  auto it = roads_.find({from, to});
  if (it == roads_.end()) {
    it = roads_
             .emplace(std::pair(from, to), data_.posts.FindById(from) != nullptr
                                               ? data_.roads.RouteBetween(from, to)
                                               : data_.roads.RouteFromTown(from, to))
             .first;
  }
  return it->second;
}

std::string Generator::NearestExit(std::string_view city, std::span<const char* const> posts) {
  auto key = std::make_pair(std::string(city), static_cast<const void*>(posts.data()));
  if (auto it = nearest_exit_.find(key); it != nearest_exit_.end()) return it->second;
  std::string best;
  double best_km = 1e18;
  for (const char* id : posts) {
    const auto& road = Road(std::string(city), id);
    if (road->length_km() < best_km) {
      best_km = road->length_km();
      best = id;
    }
  }
  nearest_exit_[key] = best;
  return best;
}

std::string Generator::PostWritten(const std::string& post_id) {
  const std::vector<std::string>& spellings = post_spellings_.find(post_id)->second;
  const size_t n = spellings.size();
  if (n == 1 || rng_.Chance(0.5)) return spellings[0];
  if (n >= 2 && rng_.Chance(0.4)) return spellings[1];
  return spellings[static_cast<size_t>(rng_.Int(0, static_cast<int64_t>(n) - 1))];
}

std::string Generator::Office(const std::string& post_id, const std::string& city) const {
  if (!post_id.empty()) return "9" + post_id.substr(post_id.size() - 3);  // border customs post
  int i = 1;
  for (const KzCity& c : KzCities()) {
    if (city == c.waypoint) return Pad(i, 2) + "01";  // the regional customs office
    ++i;
  }
  return "0001";
}

std::string Generator::Plate(std::string_view country) {
  if (country == "KZ") {
    return rng_.Digits(3) + Letters(rng_, 3) +
           kKzPlateRegions[rng_.Int(0, std::size(kKzPlateRegions) - 1)];
  }
  if (country == "RU") {
    const bool cyr = rng_.Chance(0.4);
    return RuPlateLetters(rng_, 1, cyr) + rng_.Digits(3) + RuPlateLetters(rng_, 2, cyr) +
           std::array{"56", "74", "174", "64", "164", "63", "163", "55",
                      "22", "30", "45",  "66", "196", "77", "777"}[rng_.Int(0, 14)];
  }
  if (country == "KG") return Pad(rng_.Int(1, 9), 2) + "KG" + rng_.Digits(3) + Letters(rng_, 3);
  if (country == "UZ")
    return Pad(rng_.Int(1, 95), 2) + Letters(rng_, 1) + rng_.Digits(3) + Letters(rng_, 2);
  if (country == "LT") return Letters(rng_, 3) + rng_.Digits(3);
  if (country == "PL")
    return std::array{"WGM", "WPR", "LU", "PO", "DW", "SK"}[rng_.Int(0, 5)] + rng_.Digits(5);
  if (country == "TR") return Pad(rng_.Int(1, 81), 2) + Letters(rng_, 3) + rng_.Digits(3);
  return Letters(rng_, 2) + rng_.Digits(4);
}

std::string Generator::Trailer(std::string_view country) {
  if (country == "KZ")
    return rng_.Digits(2) + Letters(rng_, 3) +
           kKzPlateRegions[rng_.Int(0, std::size(kKzPlateRegions) - 1)];
  if (country == "RU") {
    const bool cyr = rng_.Chance(0.4);
    return RuPlateLetters(rng_, 2, cyr) + rng_.Digits(4) +
           std::array{"56", "74", "64", "63", "55"}[rng_.Int(0, 4)];
  }
  if (country == "KG") return Pad(rng_.Int(1, 9), 2) + "KG" + rng_.Digits(4);
  if (country == "UZ") return Pad(rng_.Int(1, 95), 2) + rng_.Digits(4) + Letters(rng_, 1);
  return Letters(rng_, 2) + rng_.Digits(3);
}

std::string Generator::InvoiceRef(const Company& seller, Timestamp at) {
  const int64_t n = ++invoice_serial_;
  const CivilDate c = CivilFromDays(DateOf(at));
  const std::string& prefix = seller.document_prefix;
  const std::string& country = seller.country;
  if (country == "CN")
    return prefix + std::to_string(c.year) + Pad(c.month, 2) + Pad(c.day, 2) + Pad(n % 1000, 3);
  if (country == "RU")
    return rng_.Chance(0.4) ? "УТ-" + Pad(n % 1000000, 6)
                            : Pad(n % 10000, 4) + "/" + Pad(c.year % 100, 2);
  if (country == "KZ")
    return rng_.Chance(0.3) ? "СФ-" + Pad(n % 100000, 5) : prefix + "-" + Pad(n % 100000, 5);
  if (country == "KG" || country == "UZ") return Pad(n % 10000, 4);
  if (country == "TR" || country == "AE" || country == "HK")
    return "INV-" + std::to_string(c.year) + Pad(n % 100000, 5);
  return prefix + "-" + std::to_string(c.year) + "-" + Pad(n % 10000, 4);
}

std::string Generator::NewSeal() {
  // A bijection of the serial onto eight digits (48271 is coprime with 10^8), so seal ids
  // are unique without looking sequential.
  const int64_t n = ++seal_serial_;
  return "ENS-KZ-" + Pad((n * 48271 + 731942) % 100000000, 8);
}

Deal Generator::Declare(DeclSpec spec) {
  Declaration d;
  static constexpr char kKindLetter[4] = {'I', 'E', 'T', 'W'};
  const size_t kind = static_cast<size_t>(spec.kind);
  const CivilDate c = CivilFromDays(DateOf(spec.lodged_at));
  d.id = Pad(c.year % 100, 2) + "KZ" + spec.office + kKindLetter[kind] +
         Pad(++declaration_serial_[kind], 7);
  d.kind = spec.kind;
  d.lodged_at = spec.lodged_at;
  d.declarant = ToParty(*spec.declarant, rng_);
  Deal deal;
  deal.consignor = spec.consignor;
  deal.consignee = spec.consignee;
  deal.consignor_party =
      ToParty(*spec.consignor, spec.consignor_spelling.empty() ? PickSpelling(*spec.consignor, rng_)
                                                               : spec.consignor_spelling);
  deal.consignee_party =
      ToParty(*spec.consignee, spec.consignee_spelling.empty() ? PickSpelling(*spec.consignee, rng_)
                                                               : spec.consignee_spelling);
  // The declarant is often one of the trading parties: write it as the document does.
  if (spec.declarant == spec.consignor) d.declarant = deal.consignor_party;
  if (spec.declarant == spec.consignee) d.declarant = deal.consignee_party;
  d.consignor = deal.consignor_party;
  d.consignee = deal.consignee_party;
  if (spec.carrier != nullptr) d.carrier = ToParty(*spec.carrier, rng_);
  d.country_of_dispatch = spec.dispatch;
  d.country_of_destination = spec.destination;
  if (!spec.entry_post.empty()) d.itinerary.entry_post = PostWritten(spec.entry_post);
  if (!spec.exit_post.empty()) d.itinerary.exit_post = PostWritten(spec.exit_post);
  if (spec.route_km > 0) {
    // Customs set the transit time from the distance, with a margin.
    const int days = static_cast<int>(std::ceil(spec.route_km / 450.0)) + 2;
    d.itinerary.limit_date = StartOfDate(DateOf(spec.lodged_at) + days) + kDay - 1;
  }
  d.transport.mode = spec.mode;
  const std::string carrier_country = spec.carrier != nullptr ? spec.carrier->country : "KZ";
  if (spec.mode == "road") {
    d.transport.vehicle = Plate(carrier_country);
    d.transport.trailer = Trailer(carrier_country);
  } else if (spec.mode == "rail") {
    d.transport.vehicle = rng_.Chance(0.7) ? "6" + rng_.Digits(7) : "5" + rng_.Digits(7);
  } else {
    d.transport.vehicle = std::array{"KC", "CZ", "SU", "TK", "LH"}[rng_.Int(0, 4)] +
                          std::to_string(rng_.Int(100, 999));
  }
  for (int i = 0; i < spec.seal_count; ++i) d.transport.seals.push_back(NewSeal());
  d.items = std::move(spec.items);
  deal.total.currency = d.items.front().value.currency;
  for (const GoodsItem& it : d.items) deal.total.units += it.value.units;
  deal.invoice = InvoiceRef(*spec.consignor, spec.lodged_at - rng_.Int(0, 5) * kDay);
  d.documents.push_back({"invoice", deal.invoice});
  if (spec.mode == "road") d.documents.push_back({"cmr", "CMR " + rng_.Digits(7)});
  if (spec.mode == "rail") d.documents.push_back({"smgs", "СМГС " + rng_.Digits(8)});
  if (spec.mode == "air") d.documents.push_back({"awb", "465-" + rng_.Digits(8)});
  if (rng_.Chance(0.3)) {
    d.documents.push_back(
        {"contract", Pad(rng_.Int(1, 250), 2) + "/" + Pad(c.year % 100 - rng_.Int(0, 2), 2)});
  }
  deal.declaration_id = d.id;
  deal.day = spec.day;
  deal.lodged_at = d.lodged_at;
  deal.seals = d.transport.seals;
  Emit(d, spec.day);
  return deal;
}

std::optional<std::string> Generator::Pay(const Deal& deal, const Company& debtor,
                                          const std::string& debtor_spelling,
                                          const std::string& creditor_spelling, Timestamp at,
                                          std::optional<Money> amount,
                                          std::string_view remittance_kind) {
  Payment p;
  const CivilDate c = CivilFromDays(DateOf(at));
  p.id = "KZ-PMT-" + std::to_string(c.year) + "-" + Pad(++payment_serial_, 9);
  p.executed_at = at;
  p.amount = amount ? *amount : deal.total;
  auto account = [&](const Company& company) {
    return company.bank.is_iban && rng_.Chance(0.6) ? GroupByFour(company.bank.account)
                                                    : company.bank.account;
  };
  p.debtor.party = ToParty(debtor, debtor_spelling);
  p.debtor.party.address.clear();  // banks carry names, ids and accounts, not addresses
  p.debtor.party.registered_on.reset();
  p.debtor.account = account(debtor);
  p.debtor.agent_bic = debtor.bank.bic;
  p.creditor.party =
      ToParty(*deal.consignor,
              creditor_spelling.empty() ? PickSpelling(*deal.consignor, rng_) : creditor_spelling);
  p.creditor.party.address.clear();
  p.creditor.party.registered_on.reset();
  p.creditor.account = account(*deal.consignor);
  p.creditor.agent_bic = deal.consignor->bank.bic;
  const std::string& currency = p.amount.currency;
  if (currency == "USD" && rng_.Chance(0.7)) {
    p.intermediary_bics.push_back(std::array{"CITIUS33", "IRVTUS3N", "CHASUS33"}[rng_.Int(0, 2)]);
  } else if (currency == "EUR" && rng_.Chance(0.4)) {
    p.intermediary_bics.push_back(
        std::array{"COBADEFFXXX", "RZBAATWW", "DEUTDEFF"}[rng_.Int(0, 2)]);
  } else if (currency == "CNY" && rng_.Chance(0.5)) {
    p.intermediary_bics.push_back("BKCHCNBJ");
  }
  if (debtor.country == "HK" || debtor.country == "AE" || debtor.country == "TR") {
    if (rng_.Chance(0.5))
      p.intermediary_bics.push_back(
          std::array{"HSBCHKHHHKH", "SCBLAEAD", "RZBAATWW"}[rng_.Int(0, 2)]);
  }
  const std::string& ref = deal.invoice;
  const std::string date = DottedDate(deal.lodged_at);
  if (remittance_kind == "prepayment") {
    p.remittance =
        rng_.Chance(0.5) ? "Prepayment 30% invoice " + ref : "Предоплата 30% по инвойсу " + ref;
  } else if (remittance_kind == "balance") {
    p.remittance = rng_.Chance(0.5) ? "Final payment invoice " + ref
                                    : "Окончательный расчет по инвойсу " + ref;
  } else if (remittance_kind == "on_behalf") {
    p.remittance = "Payment for invoice " + ref + " on behalf of " + deal.consignee_party.name;
  } else {
    switch (rng_.Int(0, 4)) {
      case 0:
        p.remittance = "Invoice " + ref;
        break;
      case 1:
        p.remittance = "INV " + ref;
        break;
      case 2:
        p.remittance = "Payment for goods, invoice " + ref + " dd " + date;
        break;
      case 3:
        p.remittance = "Оплата по счету " + ref + " от " + date;
        break;
      default:
        p.remittance = "/INV/" + ref + "/" + FormatDate(DateOf(deal.lodged_at));
        break;
    }
  }
  p.purpose = rng_.Chance(0.85) ? "GDDS" : "GDSV";
  return EmitPayment(p);
}

std::vector<std::string> Generator::PayUsually(const Deal& deal, double odds) {
  std::vector<std::string> ids;
  if (!rng_.Chance(odds)) return ids;
  const Company& debtor = *deal.consignee;
  const std::string& spelling = PickSpelling(debtor, rng_);
  if (rng_.Chance(0.2)) {
    // 30 % on the invoice before shipping, the balance after delivery.
    Money pre = deal.total;
    pre.units = pre.units * 3 / 10 / 100 * 100;
    Money rest = deal.total;
    rest.units -= pre.units;
    // Paid days before lodging, but not on a day already written out.
    Timestamp pre_at = deal.lodged_at - rng_.Int(1, 6) * kDay + rng_.Int(0, 8 * kHour);
    if (pre_at < DayStart(current_day_)) {
      pre_at = DayStart(current_day_) +
               static_cast<Timestamp>((deal.lodged_at - DayStart(current_day_)) * rng_.Uniform());
    }
    if (pre.units > 0) {
      if (auto id = Pay(deal, debtor, spelling, {}, pre_at, pre, "prepayment")) ids.push_back(*id);
    }
    if (auto id = Pay(deal, debtor, spelling, {}, deal.lodged_at + rng_.Int(2, 25) * kDay, rest,
                      "balance")) {
      ids.push_back(*id);
    }
    return ids;
  }
  if (auto id = Pay(deal, debtor, spelling, {}, deal.lodged_at + rng_.Int(kHour, 20 * kDay),
                    std::nullopt, "invoice")) {
    ids.push_back(*id);
  }
  return ids;
}

std::vector<SealPing> Generator::Drive(const Route& route, Timestamp start, double start_wait_s,
                                       std::vector<PlannedStop> stops,
                                       const std::vector<std::string>& seals) {
  std::vector<SealPing> pings;
  // Its own stream: how many numbers a track draws (or whether positions are on at all)
  // must not shift the rest of the world.
  Rng track_rng = rng_.Fork(static_cast<uint64_t>(seal_serial_));
  if (!o_.positions) return pings;
  TrackPlan plan{.route = route};
  plan.start = start;
  plan.start_wait_s = start_wait_s;
  plan.end_wait_s = track_rng.Uniform(1, 10) * kHour;  // the queue at the exit post
  plan.stops = std::move(stops);
  plan.devices = seals;
  DriveTrack(
      plan,
      TrackSampling{o_.ping_interval_s, std::max(o_.ping_interval_s, o_.parked_ping_interval_s)},
      track_rng, pings);
  EmitPings(pings);
  return pings;
}

// ---- clean trade ----

void Generator::CleanImport(int day) {
  const std::string from =
      std::array{"CN", "RU", "EU", "KG", "UZ"}[rng_.Weighted({35, 30, 20, 8, 7})];
  const Company& seller = Partner(from);
  const Company& buyer = Active(pools_.kz_importers);
  DeclSpec s;
  s.kind = DeclarationKind::kImport;
  s.day = day;
  s.lodged_at = BusinessTime(day);
  s.consignor = &seller;
  s.consignee = &buyer;
  s.declarant = rng_.Chance(0.55) ? &buyer : &Active(pools_.kz_forwarders);
  s.dispatch = seller.country;
  s.destination = "KZ";
  const double road = from == "EU" ? 0.55 : from == "CN" ? 0.65 : from == "RU" ? 0.7 : 0.88;
  s.mode = rng_.Chance(road) ? "road" : (rng_.Chance(0.8) ? "rail" : "air");
  if (s.mode == "road") {
    s.carrier = &Carrier(from);
    s.entry_post = PickPost(from == "CN"   ? std::span<const PostWeight>(kEntryFromCn)
                            : from == "RU" ? std::span<const PostWeight>(kEntryFromRu)
                            : from == "EU" ? std::span<const PostWeight>(kEntryFromEu)
                            : from == "KG" ? std::span<const PostWeight>(kEntryFromKg)
                                           : std::span<const PostWeight>(kEntryFromUz));
  }
  s.office = Office(s.entry_post, buyer.city);
  const std::string currency = Currency(seller.country, "KZ");
  s.items = RandomItems(FlowFor(s.kind, seller.country, seller.country), currency, seller.country,
                        s.mode);
  const Deal deal = Declare(std::move(s));
  PayUsually(deal, 0.85);
}

Deal Generator::ExportDeal(int day, const Company& exporter, const Company& buyer,
                           std::vector<GoodsItem> items, bool by_road,
                           std::vector<SealPing>* pings) {
  DeclSpec s;
  s.kind = DeclarationKind::kExport;
  s.day = day;
  s.lodged_at = BusinessTime(day);
  s.consignor = &exporter;
  s.consignee = &buyer;
  s.declarant = rng_.Chance(0.6) ? &exporter : &Active(pools_.kz_forwarders);
  s.dispatch = "KZ";
  s.destination = buyer.country;
  s.mode = by_road ? "road" : (rng_.Chance(0.9) ? "rail" : "air");
  s.office = Office("", exporter.city);
  s.items = std::move(items);
  const Route* route = nullptr;
  if (by_road) {
    std::span<const char* const> exits = kExitToRu;
    if (buyer.country == "CN") exits = kExitToCn;
    if (buyer.country == "KG") exits = kExitToKg;
    if (buyer.country == "UZ") exits = kExitToUz;
    s.exit_post = NearestExit(exporter.city, exits);
    route = &*Road(exporter.city, s.exit_post);
    s.route_km = route->length_km();
    s.seal_count = rng_.Chance(0.75) ? 1 : 2;
    s.carrier = &Carrier(buyer.country);
  }
  const Deal deal = Declare(std::move(s));
  if (route != nullptr) {
    // Sealed after release at the inland customs office, then driven to the border.
    std::vector<SealPing> track = Drive(*route, deal.lodged_at + rng_.Int(1 * kHour, 4 * kHour),
                                        rng_.Uniform(0.25, 1) * kHour, {}, deal.seals);
    if (pings != nullptr) *pings = std::move(track);
  }
  return deal;
}

void Generator::CleanExport(int day) {
  const std::string to =
      std::array{"RU", "CN", "UZ", "KG", "EU"}[rng_.Weighted({40, 20, 15, 12, 13})];
  const Company& exporter = Active(pools_.kz_exporters);
  const Company& buyer = Partner(to);
  const double road = to == "RU" ? 0.55 : to == "CN" ? 0.45 : to == "EU" ? 0.0 : 0.8;
  const bool by_road = rng_.Chance(road);
  const std::string currency = Currency("KZ", buyer.country);
  std::vector<GoodsItem> items = RandomItems(FlowFor(DeclarationKind::kExport, buyer.country, "KZ"),
                                             currency, "KZ", by_road ? "road" : "rail");
  const Deal deal = ExportDeal(day, exporter, buyer, std::move(items), by_road, nullptr);
  PayUsually(deal, 0.85);
}

Generator::TransitPlan Generator::DeclareTransit(int day, const TransitLane& lane) {
  std::string from = lane.from;
  if (from == "RUEU") from = rng_.Chance(0.6) ? "RU" : "EU";
  const Company& seller = Partner(from);
  const Company& buyer = Partner(lane.to);
  const Route* declared = &*Road(lane.entry, lane.exit);
  DeclSpec s;
  s.kind = DeclarationKind::kTransit;
  s.day = day;
  s.lodged_at = AnyTime(day);  // border posts work around the clock
  s.consignor = &seller;
  s.consignee = &buyer;
  s.declarant = &Active(pools_.kz_forwarders);
  s.carrier = &Carrier(rng_.Chance(0.5) ? from : std::string(lane.to));
  s.dispatch = seller.country;
  s.destination = buyer.country;
  s.mode = "road";
  s.entry_post = lane.entry;
  s.exit_post = lane.exit;
  s.route_km = declared->length_km();
  s.seal_count = rng_.Chance(0.7) ? 1 : 2;
  s.office = Office(lane.entry, "");
  const std::string currency = Currency(seller.country, buyer.country);
  s.items = RandomItems(FlowFor(s.kind, buyer.country, from), currency, seller.country, "road");
  TransitPlan plan;
  plan.deal = Declare(std::move(s));
  plan.declared = declared;
  plan.lane = &lane;
  return plan;
}

void Generator::CleanTransit(int day) {
  std::vector<double> w;
  for (const TransitLane& l : kTransitLanes) w.push_back(l.weight);
  const TransitLane& lane = kTransitLanes[rng_.Weighted(w)];
  const TransitPlan plan = DeclareTransit(day, lane);
  Drive(*plan.declared, plan.deal.lodged_at + rng_.Int(kHour / 2, 2 * kHour),
        rng_.Uniform(0.2, 1) * kHour, {}, plan.deal.seals);
  PayUsually(plan.deal, 0.3);
}

void Generator::CleanWaybill(int day) {
  const bool to_russia = rng_.Chance(0.6);
  const Company& kz = to_russia ? Active(pools_.kz_exporters) : Active(pools_.kz_importers);
  const Company& ru = Active(pools_.ru);
  DeclSpec s;
  s.kind = DeclarationKind::kWaybill;
  s.day = day;
  s.lodged_at = BusinessTime(day);
  s.consignor = to_russia ? &kz : &ru;
  s.consignee = to_russia ? &ru : &kz;
  s.declarant = s.consignor;  // the seller issues the accompanying waybill
  s.carrier = &Carrier("RU");
  s.dispatch = s.consignor->country;
  s.destination = s.consignee->country;
  s.mode = "road";
  const std::string post = PickPost(kEntryFromRu);
  if (to_russia) {
    s.exit_post = post;
  } else {
    s.entry_post = post;
  }
  s.office = Office("", kz.city);
  const std::string currency = Currency(s.consignor->country, s.consignee->country);
  s.items = RandomItems(to_russia ? TradeFlow::kExportRu : TradeFlow::kImportRu, currency,
                        s.consignor->country, "road");
  const Deal deal = Declare(std::move(s));
  PayUsually(deal, 0.85);
}

// ---- schemes ----

void Generator::GhostTransit(int day) {
  std::vector<double> w;
  for (const TransitLane& l : kTransitLanes) {
    const std::string_view to = l.to;
    w.push_back(to == "KG" || to == "UZ" ? l.weight : 0);
  }
  const TransitLane& lane = kTransitLanes[rng_.Weighted(w)];
  const TransitPlan plan = DeclareTransit(day, lane);
  // The truck heads for one of the Russian posts nearest its entry instead.
  std::vector<std::pair<double, const std::string*>> candidates;
  for (const std::string& post : ru_posts_) {
    if (post == lane.entry) continue;
    const auto& road = Road(lane.entry, post);
    if (road) candidates.emplace_back(road->length_km(), &post);
  }
  std::sort(candidates.begin(), candidates.end());
  const size_t pick = static_cast<size_t>(rng_.Int(0, std::min<int64_t>(3, candidates.size()) - 1));
  const BorderPost& ghost_exit = *data_.posts.FindById(*candidates[pick].second);
  const std::vector<SealPing> pings =
      Drive(*Road(lane.entry, ghost_exit.id), plan.deal.lodged_at + rng_.Int(kHour / 2, 2 * kHour),
            rng_.Uniform(0.2, 1) * kHour, {}, plan.deal.seals);
  const BorderPost* declared_exit = data_.posts.FindById(lane.exit);
  TruthRecord t;
  t.scheme = Scheme::kGhostTransit;
  t.declarations = {plan.deal.declaration_id};
  t.devices = plan.deal.seals;
  t.parties = {PartyRef(plan.deal.consignee_party), PartyRef(plan.deal.consignor_party)};
  t.note = "transit declared to exit at " + declared_exit->name + " (" + declared_exit->neighbour +
           "); the truck drove to " + ghost_exit.name + " (RU, " + ghost_exit.id + ") instead";
  EmitTruth(std::move(t));
}

void Generator::PassThroughReexport(int day) {
  const Company& kz = Active(pools_.kz_importers);
  const Company& eu = Active(pools_.eu);
  const Company& ru = Active(pools_.ru);
  // Import: CHPL goods from the EU.
  const size_t n = static_cast<size_t>(rng_.Int(1, 3));
  std::vector<Lot> lots;
  std::vector<GoodsItem> imported;
  for (size_t i = 0; i < n; ++i) {
    lots.push_back(data_.goods.DrawLot(data_.goods.RandomChpl(rng_), rng_));
    const double quantity =
        GoodsCatalog::QuantityFor(lots.back(), rng_.LogUniform(20000, 250000), 6000);
    GoodsItem item = data_.goods.Item(lots.back(), quantity, 1.0, "EUR",
                                      std::array{"US", "MY", "TW", "CN", "DE", "JP",
                                                 "KR"}[rng_.Weighted({25, 15, 15, 15, 10, 10, 10})],
                                      rng_);
    item.seq = static_cast<int32_t>(i + 1);
    imported.push_back(std::move(item));
  }
  DeclSpec s;
  s.kind = DeclarationKind::kImport;
  s.day = day;
  s.lodged_at = BusinessTime(day);
  s.consignor = &eu;
  s.consignee = &kz;
  s.declarant = rng_.Chance(0.5) ? &kz : &Active(pools_.kz_forwarders);
  s.dispatch = eu.country;
  s.destination = "KZ";
  s.mode = rng_.Chance(0.6) ? "road" : "air";
  if (s.mode == "road") {
    s.carrier = &Carrier("EU");
    s.entry_post = PickPost(kEntryFromEu);
  }
  s.office = Office(s.entry_post, kz.city);
  s.items = imported;
  const Deal import = Declare(std::move(s));
  TruthRecord t;
  t.scheme = Scheme::kPassThroughReexport;
  t.payments = PayUsually(import, 1.0);
  // Export to Russia within days, at about the same quantity, marked up.
  const int export_day = Later(day, 2, 10);
  std::vector<GoodsItem> exported;
  const double markup = rng_.Uniform(1.1, 1.4);
  const std::string currency = rng_.Chance(0.6) ? "USD" : "RUB";
  for (size_t i = 0; i < n; ++i) {
    double quantity = imported[i].quantity * rng_.Uniform(0.9, 1.0);
    quantity =
        lots[i].unit == "kg" ? std::round(quantity * 10) / 10 : std::max(1.0, std::round(quantity));
    GoodsItem item =
        data_.goods.Item(lots[i], quantity, markup, currency, imported[i].origin, rng_);
    item.seq = static_cast<int32_t>(i + 1);
    exported.push_back(std::move(item));
  }
  std::vector<SealPing> pings;
  const Deal exp = ExportDeal(export_day, kz, ru, std::move(exported), true, &pings);
  for (std::string& id : PayUsually(exp, 1.0)) t.payments.push_back(std::move(id));
  t.declarations = {import.declaration_id, exp.declaration_id};
  if (!pings.empty()) t.devices = exp.seals;
  t.parties = {PartyRef(import.consignee_party), PartyRef(import.consignor_party),
               PartyRef(exp.consignee_party)};
  t.note = "CHPL goods (" + imported[0].hs + (n > 1 ? " and others" : "") + ") imported from " +
           eu.country + " on " + FormatDate(DateOf(import.lodged_at)) + " and exported to RU on " +
           FormatDate(DateOf(exp.lodged_at)) + " at 90-100 % of the quantity";
  EmitTruth(std::move(t));
}

void Generator::QuantityImbalance(int day) {
  const Company& kz = Active(pools_.kz_importers);
  const bool chpl = rng_.Chance(0.5);
  const HsCode& hs =
      chpl ? data_.goods.RandomChpl(rng_)
           : data_.goods.Random(rng_.Chance(0.5) ? TradeFlow::kImportEu : TradeFlow::kImportCn,
                                rng_);
  const Lot lot = data_.goods.DrawLot(hs, rng_);
  const Company& seller = rng_.Chance(0.5) ? Active(pools_.eu) : Active(pools_.cn);
  const double imported_qty = GoodsCatalog::QuantityFor(lot, rng_.LogUniform(10000, 80000), 8000);
  DeclSpec s;
  s.kind = DeclarationKind::kImport;
  s.day = day;
  s.lodged_at = BusinessTime(day);
  s.consignor = &seller;
  s.consignee = &kz;
  s.declarant = &kz;
  s.dispatch = seller.country;
  s.destination = "KZ";
  s.mode = "road";
  s.carrier = &Carrier(seller.country == "CN" ? "CN" : "EU");
  s.entry_post = PickPost(seller.country == "CN" ? std::span<const PostWeight>(kEntryFromCn)
                                                 : std::span<const PostWeight>(kEntryFromEu));
  s.office = Office(s.entry_post, kz.city);
  const std::string import_currency = Currency(seller.country, "KZ");
  GoodsItem item =
      data_.goods.Item(lot, imported_qty, 1.0, import_currency, Origin(seller.country), rng_);
  item.seq = 1;
  s.items = {item};
  const Deal import = Declare(std::move(s));
  PayUsually(import, 0.9);
  TruthRecord t;
  t.scheme = Scheme::kQuantityImbalance;
  t.declarations = {import.declaration_id};
  // Exports of the same code over the following weeks, several times what came in.
  const int exports = static_cast<int>(rng_.Int(3, 5));
  const double target = imported_qty * rng_.Uniform(2.5, 6.0);
  double exported_qty = 0;
  for (int i = 0; i < exports; ++i) {
    double q = target / exports * rng_.Uniform(0.8, 1.2);
    q = lot.unit == "kg" ? std::round(q * 10) / 10 : std::max(1.0, std::round(q));
    exported_qty += q;
    const Company& buyer = rng_.Chance(0.7) ? Active(pools_.ru) : Active(pools_.kg);
    const std::string currency = Currency("KZ", buyer.country);
    GoodsItem out = data_.goods.Item(lot, q, rng_.Uniform(1.05, 1.3), currency, item.origin, rng_);
    out.seq = 1;
    const Deal exp = ExportDeal(Later(day, 1, 20), kz, buyer, {out}, rng_.Chance(0.5), nullptr);
    PayUsually(exp, 0.8);
    t.declarations.push_back(exp.declaration_id);
  }
  t.parties = {PartyRef(import.consignee_party)};
  char note[256];
  std::snprintf(note, sizeof note, "imported %.10g %s of %s, exported %.10g %s in %d declarations",
                imported_qty, lot.unit.c_str(), hs.code.c_str(), exported_qty, lot.unit.c_str(),
                exports);
  t.note = note;
  EmitTruth(std::move(t));
}

void Generator::NewShellTrader(int day) {
  const Date registered = o_.start + day - static_cast<Date>(rng_.Int(14, 42));
  const Company shell = factory_.KzTraderRegisteredOn(registered, rng_);
  TruthRecord t;
  t.scheme = Scheme::kNewShellTrader;
  double total_usd = 0;
  const int imports = static_cast<int>(rng_.Int(1, 2));
  int last_import_day = day;
  std::vector<std::pair<Lot, double>> stock;
  std::string party_ref;
  for (int i = 0; i < imports; ++i) {
    const int d = i == 0 ? day : Later(day, 1, 5);
    last_import_day = std::max(last_import_day, d);
    const size_t kind = rng_.Weighted({50, 30, 20});
    const Company& seller = kind == 0   ? Active(pools_.cn)
                            : kind == 1 ? Active(pools_.eu)
                                        : Active(pools_.offshore[rng_.Chance(0.5) ? "AE" : "TR"]);
    DeclSpec s;
    s.kind = DeclarationKind::kImport;
    s.day = d;
    s.lodged_at = BusinessTime(d);
    s.consignor = &seller;
    s.consignee = &shell;
    s.declarant = &Active(pools_.kz_forwarders);
    s.dispatch = seller.country;
    s.destination = "KZ";
    s.mode = rng_.Chance(0.5) ? "air" : "road";
    if (s.mode == "road") {
      s.carrier = &Carrier(kind == 0 ? "CN" : "EU");
      s.entry_post = PickPost(kind == 0 ? std::span<const PostWeight>(kEntryFromCn)
                                        : std::span<const PostWeight>(kEntryFromEu));
    }
    s.office = Office(s.entry_post, shell.city);
    const std::string currency = seller.country == "CN" ? "USD" : Currency(seller.country, "KZ");
    // At most five kinds of goods in all, so that one export can carry them all.
    const int n = std::min(static_cast<int>(rng_.Int(1, 3)), 5 - static_cast<int>(stock.size()));
    for (int k = 0; k < n; ++k) {
      const Lot lot = data_.goods.DrawLot(data_.goods.RandomChpl(rng_), rng_);
      const double q = GoodsCatalog::QuantityFor(lot, rng_.LogUniform(100000, 600000), 4000);
      GoodsItem item = data_.goods.Item(lot, q, 1.0, currency,
                                        Origin(seller.country == "DE" ? "US" : "CN"), rng_);
      item.seq = k + 1;
      total_usd += MoneyToUsd(item.value);
      stock.emplace_back(lot, q);
      s.items.push_back(std::move(item));
    }
    const Deal deal = Declare(std::move(s));
    party_ref = PartyRef(deal.consignee_party);
    t.declarations.push_back(deal.declaration_id);
    for (std::string& id : PayUsually(deal, 1.0)) t.payments.push_back(std::move(id));
  }
  const int exports = static_cast<int>(rng_.Int(1, 3));
  for (int i = 0; i < exports; ++i) {
    const Company& buyer = Active(pools_.ru);
    const std::string currency = rng_.Chance(0.5) ? "USD" : "RUB";
    std::vector<GoodsItem> items;
    for (size_t k = 0; k < stock.size(); ++k) {
      if (k % static_cast<size_t>(exports) != static_cast<size_t>(i)) continue;
      const auto& [lot, q] = stock[k];
      double part = q * rng_.Uniform(0.85, 1.0);
      part = lot.unit == "kg" ? std::round(part * 10) / 10 : std::max(1.0, std::round(part));
      GoodsItem item = data_.goods.Item(lot, part, rng_.Uniform(1.1, 1.5), currency, "CN", rng_);
      item.seq = static_cast<int32_t>(items.size() + 1);
      total_usd += MoneyToUsd(item.value);
      items.push_back(std::move(item));
    }
    if (items.empty()) continue;
    const Deal exp = ExportDeal(Later(last_import_day, 1, 7), shell, buyer, std::move(items),
                                rng_.Chance(0.7), nullptr);
    t.declarations.push_back(exp.declaration_id);
    for (std::string& id : PayUsually(exp, 1.0)) t.payments.push_back(std::move(id));
  }
  t.parties = {party_ref};
  char note[256];
  std::snprintf(note, sizeof note,
                "registered on %s, %d days before its first declaration; CHPL trade worth about "
                "%.0f USD",
                FormatDate(registered).c_str(), o_.start + day - registered, total_usd);
  t.note = note;
  EmitTruth(std::move(t));
}

void Generator::ThirdPartyPayer(int day) {
  const std::string country = std::array{"HK", "AE", "TR"}[rng_.Int(0, 2)];
  const Company& payer = Active(pools_.offshore[country]);
  Deal deal;
  if (rng_.Chance(0.7)) {
    // A Kazakh export to Russia paid from a third country.
    const Company& exporter = Active(pools_.kz_exporters);
    const Company& buyer = Active(pools_.ru);
    const std::string currency = rng_.Chance(0.7) ? "USD" : "CNY";
    const bool by_road = rng_.Chance(0.6);
    std::vector<GoodsItem> items =
        RandomItems(rng_.Chance(0.5) ? TradeFlow::kExportRu : TradeFlow::kImportEu, currency, "KZ",
                    by_road ? "road" : "rail");
    deal = ExportDeal(day, exporter, buyer, std::move(items), by_road, nullptr);
  } else {
    const Company& seller = rng_.Chance(0.5) ? Active(pools_.cn) : Active(pools_.eu);
    const Company& buyer = Active(pools_.kz_importers);
    DeclSpec s;
    s.kind = DeclarationKind::kImport;
    s.day = day;
    s.lodged_at = BusinessTime(day);
    s.consignor = &seller;
    s.consignee = &buyer;
    s.declarant = &buyer;
    s.dispatch = seller.country;
    s.destination = "KZ";
    s.mode = "rail";
    s.office = Office("", buyer.city);
    const std::string currency = Currency(seller.country, "KZ");
    s.items = RandomItems(FlowFor(s.kind, seller.country, seller.country), currency, seller.country,
                          "rail");
    deal = Declare(std::move(s));
  }
  const Timestamp at = deal.lodged_at + rng_.Int(kHour, 12 * kDay);
  const Timestamp end = DayStart(LastDay()) + kDay - 1;
  const std::string payer_spelling = PickSpelling(payer, rng_);
  const auto payment = Pay(deal, payer, payer_spelling, {}, std::min(at, end), std::nullopt,
                           rng_.Chance(0.3) ? "on_behalf" : "invoice");
  TruthRecord t;
  t.scheme = Scheme::kThirdPartyPayer;
  t.declarations = {deal.declaration_id};
  if (payment) t.payments = {*payment};
  t.parties = {PartyRef(ToParty(payer, payer_spelling)), PartyRef(deal.consignee_party)};
  t.note = "invoice " + deal.invoice + " for goods consigned to " + deal.consignee_party.name +
           " was paid by " + payer_spelling + " (" + country + ")";
  EmitTruth(std::move(t));
}

void Generator::SanctionedPartyVariant(int day) {
  const SanctionedEntity& entity = rng_.Pick(data_.sanctioned);
  Company listed;
  listed.country = "RU";
  listed.spellings = {SanctionedVariantSpelling(entity, rng_)};
  const std::string second = SanctionedVariantSpelling(entity, rng_);
  if (second != listed.spellings[0]) listed.spellings.push_back(second);
  const bool with_ids = rng_.Chance(0.5) && !entity.inn.empty();
  if (with_ids) {
    listed.ids.push_back({IdKind::kInn, entity.inn});
    if (!entity.ogrn.empty()) listed.ids.push_back({IdKind::kOgrn, entity.ogrn});
  }
  listed.bank = RandomBankAccount("RU", rng_);
  listed.document_prefix = DocumentPrefix(listed.spellings[0]);
  TruthRecord t;
  t.scheme = Scheme::kSanctionedPartyVariant;
  Deal deal;
  std::string paid_as;  // the spelling the payment uses
  if (rng_.Chance(0.75)) {
    const Company& exporter = Active(pools_.kz_exporters);
    const std::string currency = Currency("KZ", "RU");
    const bool by_road = rng_.Chance(0.6);
    std::vector<GoodsItem> items =
        RandomItems(rng_.Chance(0.5) ? TradeFlow::kExportRu : TradeFlow::kImportEu, currency, "KZ",
                    by_road ? "road" : "rail");
    deal = ExportDeal(day, exporter, listed, std::move(items), by_road, nullptr);
    const Timestamp end = DayStart(LastDay()) + kDay - 1;
    paid_as = PickSpelling(listed, rng_);
    if (auto id = Pay(deal, listed, paid_as, {},
                      std::min(end, deal.lodged_at + rng_.Int(kHour, 10 * kDay)), std::nullopt,
                      "invoice")) {
      t.payments.push_back(*id);
    }
  } else {
    const Company& buyer = Active(pools_.kz_importers);
    DeclSpec s;
    s.kind = DeclarationKind::kImport;
    s.day = day;
    s.lodged_at = BusinessTime(day);
    s.consignor = &listed;
    s.consignee = &buyer;
    s.declarant = &buyer;
    s.carrier = &Carrier("RU");
    s.dispatch = "RU";
    s.destination = "KZ";
    s.mode = "road";
    s.entry_post = PickPost(kEntryFromRu);
    s.office = Office(s.entry_post, buyer.city);
    const std::string currency = Currency("RU", "KZ");
    s.items = RandomItems(TradeFlow::kImportRu, currency, "RU", "road");
    deal = Declare(std::move(s));
    const Timestamp end = DayStart(LastDay()) + kDay - 1;
    paid_as = PickSpelling(listed, rng_);
    if (auto id = Pay(deal, buyer, PickSpelling(buyer, rng_), paid_as,
                      std::min(end, deal.lodged_at + rng_.Int(kHour, 10 * kDay)), std::nullopt,
                      "invoice")) {
      t.payments.push_back(*id);
    }
  }
  t.declarations = {deal.declaration_id};
  const Party& written = deal.consignor == &listed ? deal.consignor_party : deal.consignee_party;
  t.parties = {PartyRef(written)};
  if (!t.payments.empty()) {
    const std::string paid_ref = PartyRef(ToParty(listed, paid_as));
    if (paid_ref != t.parties[0]) t.parties.push_back(paid_ref);
  }
  t.note = entity.list_ref + " \"" + entity.listed_name + "\" written as \"" + written.name + "\"" +
           (with_ids ? " with its listed INN" : " without identifiers");
  EmitTruth(std::move(t));
}

void Generator::SealBreach(int day) {
  std::vector<double> w;
  for (const TransitLane& l : kTransitLanes) w.push_back(l.weight);
  const TransitPlan plan = DeclareTransit(day, kTransitLanes[rng_.Weighted(w)]);
  const double length = plan.declared->length_km();
  PlannedStop stop;
  stop.km = length * rng_.Uniform(0.3, 0.8);
  stop.duration_s = rng_.Uniform(0.5, 3) * kHour;
  stop.event = rng_.Chance(0.7) ? "01" : "02";
  const std::vector<SealPing> pings =
      Drive(*plan.declared, plan.deal.lodged_at + rng_.Int(kHour / 2, 2 * kHour),
            rng_.Uniform(0.2, 1) * kHour, {stop}, plan.deal.seals);
  TruthRecord t;
  t.scheme = Scheme::kSealBreach;
  t.declarations = {plan.deal.declaration_id};
  t.devices = plan.deal.seals;
  t.parties = {PartyRef(plan.deal.consignee_party)};
  std::string when;
  for (const SealPing& p : pings) {
    if (p.event == stop.event) {
      char buf[160];
      std::snprintf(buf, sizeof buf, " at %s near %.4f, %.4f", FormatTimestamp(p.ts).c_str(), p.lat,
                    p.lon);
      when = buf;
      break;
    }
  }
  t.note = "seal event " + stop.event +
           (stop.event == "01" ? " (seal element broken)" : " (housing broken)") + when +
           ", during an unplanned stop";
  EmitTruth(std::move(t));
  PayUsually(plan.deal, 0.3);
}

void Generator::RouteDeviation(int day) {
  // Long lanes only, so the detour fits between the ends.
  std::vector<double> w;
  for (const TransitLane& l : kTransitLanes) {
    w.push_back(Road(l.entry, l.exit)->length_km() > 400 ? l.weight : 0);
  }
  const TransitPlan plan = DeclareTransit(day, kTransitLanes[rng_.Weighted(w)]);
  const Route& declared = *plan.declared;
  const double length = declared.length_km();
  double apex_km = 0, away = 0;
  std::optional<Route> detoured;
  // Where the road bends the far point can end up nearer another part of the route: push
  // it further out until it is well clear.
  for (int attempt = 0; attempt < 8 && away <= 60; ++attempt) {
    detoured =
        WithDetour(declared, length * rng_.Uniform(0.25, 0.6), rng_.Uniform(70, 150) + 25 * attempt,
                   rng_.Uniform(20, 60), rng_.Chance(0.5), &apex_km);
    away = declared.DistanceKm(detoured->Locate(apex_km).position);
  }
  if (away <= 60) {  // no clear detour on this road: the truck keeps to it
    Drive(declared, plan.deal.lodged_at + rng_.Int(kHour / 2, 2 * kHour),
          rng_.Uniform(0.2, 1) * kHour, {}, plan.deal.seals);
    return;
  }
  PlannedStop stop;
  stop.km = apex_km;
  stop.duration_s = rng_.Uniform(1, 4) * kHour;
  Drive(*detoured, plan.deal.lodged_at + rng_.Int(kHour / 2, 2 * kHour),
        rng_.Uniform(0.2, 1) * kHour, {stop}, plan.deal.seals);
  TruthRecord t;
  t.scheme = Scheme::kRouteDeviation;
  t.declarations = {plan.deal.declaration_id};
  t.devices = plan.deal.seals;
  t.parties = {PartyRef(plan.deal.consignee_party)};
  char note[200];
  std::snprintf(note, sizeof note,
                "the truck left the declared route, stood %.1f h at a point %.0f km from it and "
                "came back",
                stop.duration_s / kHour, away);
  t.note = note;
  EmitTruth(std::move(t));
  PayUsually(plan.deal, 0.3);
}

void Generator::SplitShipments(int day) {
  const std::string from = std::array{"CN", "EU", "RU"}[rng_.Weighted({50, 30, 20})];
  const Company& seller = Partner(from);
  const Company& buyer = Active(pools_.kz_importers);
  const std::string currency = Currency(seller.country, "KZ");
  const double threshold_usd = o_.split_threshold_eur * UsdPerUnit("EUR");
  // Goods cheap enough per unit that a part can sit just under the threshold.
  const TradeFlow flow = FlowFor(DeclarationKind::kImport, seller.country, seller.country);
  Lot lot = data_.goods.DrawLot(data_.goods.Random(flow, rng_), rng_);
  while (lot.usd_per_unit >= threshold_usd / 20) {
    lot = data_.goods.DrawLot(data_.goods.Random(flow, rng_), rng_);
  }
  const int parts = static_cast<int>(rng_.Int(3, 5));
  const Timestamp first = BusinessTime(day);
  const std::string entry = PickPost(from == "CN"   ? std::span<const PostWeight>(kEntryFromCn)
                                     : from == "EU" ? std::span<const PostWeight>(kEntryFromEu)
                                                    : std::span<const PostWeight>(kEntryFromRu));
  const Company& carrier = Carrier(from);
  const std::string origin = Origin(seller.country);
  TruthRecord t;
  t.scheme = Scheme::kSplitShipments;
  std::string vehicle, trailer;
  double min_eur = 1e18, max_eur = 0;
  for (int i = 0; i < parts; ++i) {
    // Just under the threshold, leaving room for rounding to whole units.
    const double usd = threshold_usd * rng_.Uniform(0.9, 0.99);
    double q = lot.unit == "kg" ? std::floor(usd / lot.usd_per_unit * 10) / 10
                                : std::floor(usd / lot.usd_per_unit);
    q = std::max(q, lot.unit == "kg" ? 0.1 : 1.0);
    DeclSpec s;
    s.kind = DeclarationKind::kImport;
    s.day = day;
    s.lodged_at = first + i * rng_.Int(5 * 60, 40 * 60);
    s.consignor = &seller;
    s.consignee = &buyer;
    s.declarant = &buyer;
    s.carrier = &carrier;
    s.dispatch = seller.country;
    s.destination = "KZ";
    s.mode = "road";
    s.entry_post = entry;
    s.office = Office(entry, buyer.city);
    GoodsItem item = data_.goods.Item(lot, q, 1.0, currency, origin, rng_);
    item.seq = 1;
    // Keep each part under the threshold whatever the currency rounding did.
    while (MoneyToUsd(item.value) >= threshold_usd && q > 1) {
      q -= 1;
      item = data_.goods.Item(lot, q, 1.0, currency, origin, rng_);
      item.seq = 1;
    }
    const double eur = MoneyToUsd(item.value) / UsdPerUnit("EUR");
    min_eur = std::min(min_eur, eur);
    max_eur = std::max(max_eur, eur);
    s.items = {item};
    Deal deal = Declare(std::move(s));
    t.declarations.push_back(deal.declaration_id);
    for (std::string& id : PayUsually(deal, 0.9)) t.payments.push_back(std::move(id));
    if (i == 0) t.parties = {PartyRef(deal.consignee_party), PartyRef(deal.consignor_party)};
  }
  char note[220];
  std::snprintf(note, sizeof note,
                "one consignment of %s declared in %d parts of %.0f-%.0f EUR each, under the %.0f "
                "EUR threshold, within hours at one post",
                lot.hs->code.c_str(), parts, min_eur, max_eur, o_.split_threshold_eur);
  t.note = note;
  EmitTruth(std::move(t));
}

// ---- the run ----

void Generator::Plant(Scheme scheme, int day) {
  switch (scheme) {
    case Scheme::kGhostTransit:
      return GhostTransit(day);
    case Scheme::kPassThroughReexport:
      return PassThroughReexport(day);
    case Scheme::kQuantityImbalance:
      return QuantityImbalance(day);
    case Scheme::kNewShellTrader:
      return NewShellTrader(day);
    case Scheme::kThirdPartyPayer:
      return ThirdPartyPayer(day);
    case Scheme::kSanctionedPartyVariant:
      return SanctionedPartyVariant(day);
    case Scheme::kSealBreach:
      return SealBreach(day);
    case Scheme::kRouteDeviation:
      return RouteDeviation(day);
    case Scheme::kSplitShipments:
      return SplitShipments(day);
  }
}

Result<SimSummary> Generator::Run(const std::function<void(double)>& progress) {
  if (auto st = Setup(); !st) return tl::unexpected(st.error());
  // Weekday profile (Monday first) with mean 1: offices and brokers work weekdays.
  static constexpr double kWeekday[7] = {1.12, 1.12, 1.12, 1.12, 1.12, 0.75, 0.65};
  for (int day = 0; day < o_.days; ++day) {
    current_day_ = day;
    const Date date = o_.start + day;
    const int weekday = static_cast<int>(((date % 7) + 7 + 3) % 7);  // 1970-01-01 was a Thursday
    const int64_t slots = std::llround(o_.scale * kWeekday[weekday]);
    for (int64_t slot = 0; slot < slots && !error_; ++slot) {
      double u = rng_.Uniform();
      bool planted = false;
      for (size_t s = 0; s < kSchemeCount; ++s) {
        if (u < o_.scheme_rates[s]) {
          if (scheme_enabled_[s]) {
            Plant(static_cast<Scheme>(s), day);
            planted = true;
          }
          break;
        }
        u -= o_.scheme_rates[s];
      }
      if (planted) continue;
      switch (rng_.Weighted({38, 25, 22, 15})) {
        case 0:
          CleanImport(day);
          break;
        case 1:
          CleanExport(day);
          break;
        case 2:
          CleanTransit(day);
          break;
        default:
          CleanWaybill(day);
          break;
      }
    }
    if (error_) return tl::unexpected(*error_);
    if (auto st = sink_.EndDay(day); !st) return tl::unexpected(st.error());
    if (progress) progress(static_cast<double>(day + 1) / o_.days);
  }
  summary_.clean_names_redrawn = factory_.redrawn();
  if (factory_.kept_listed() > 0) {
    summary_.notes.push_back(std::to_string(factory_.kept_listed()) +
                             " clean companies kept a listed name: every one of " +
                             std::to_string(CompanyFactory::kMaxDraws) +
                             " draws had one (their alerts count as false positives)");
  }
  return summary_;
}

}  // namespace

Result<SimSummary> Generate(const SimOptions& options, ReferenceData& data, RecordSink& sink,
                            const std::function<void(double)>& progress) {
  Generator generator(options, data, sink);
  return generator.Run(progress);
}

}  // namespace keruen::sim_internal
