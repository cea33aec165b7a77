// The simulated world: a deterministic generator of customs declarations, payments and
// electronic-seal positions for goods crossing Kazakhstan, with planted evasion schemes and
// their ground truth, so the engines can be run, measured and demonstrated without real
// data.
//
// One seed and one set of options name one world: the same inputs give byte-identical
// files on any machine with the same reference data (the generator draws from its own
// fixed PRNG, never from <random> distributions or the clock).
//
// What it writes into the output directory (each file written under a temporary name and
// renamed when complete, so a failed run leaves no half-written file):
//   declarations.ndjson  one declaration a line, in the shape of shared/spec
//                        declaration.example.json, ordered by lodged_at;
//   payments.ndjson      one payment a line (payment.example.json), ordered by executed_at;
//   pings.ndjson         electronic-seal positions (pings.example.ndjson), grouped by
//                        device, each device's pings in time order;
//   truth.jsonl          one planted scheme instance a line (see TruthRecord);
//   summary.json         the options, the seed, the reference data used and the counts.
//
// The world: parties in Kazakhstan, Russia, Kyrgyzstan, Uzbekistan, China and the EU (and
// payers in Hong Kong, the UAE and Turkey) whose names vary between documents as they do in
// life (ТОО «Жибек Транзит» / TOO "Zhibek Tranzit" / Zhibek Transit LLP), real HS codes,
// the real road border posts, and trucks that follow the real road corridors at road
// speeds, rest at night and queue at borders. With the shared sanctions lists present, no
// clean party is a namesake of a listed subject: a generated company one of whose spellings
// is, word for word, a name the screening engine hits on (at its default threshold, against
// every list it reads) is drawn again (internal/listed_names.h). Names that only resemble a
// listed one stay, so the engine's hits on them are measured as its false positives.
#ifndef KERUEN_SIM_SIMULATOR_H_
#define KERUEN_SIM_SIMULATOR_H_

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "keruen/core/error.h"
#include "keruen/core/model.h"
#include "keruen/core/time.h"

namespace keruen {

// The evasion schemes the simulator plants. Each instance is recorded in truth.jsonl.
enum class Scheme {
  kGhostTransit,            // transit declared to KG/UZ; the truck leaves towards Russia
  kPassThroughReexport,     // CHPL goods imported from the EU, exported to Russia days later
  kQuantityImbalance,       // a company exports more of an HS code than it imports
  kNewShellTrader,          // registered weeks before large CHPL trade
  kThirdPartyPayer,         // the invoice is paid from Hong Kong, the UAE or Turkey
  kSanctionedPartyVariant,  // a sanctions-list entity under a transliteration variant
  kSealBreach,              // the seal reports event 01 or 02 on the way
  kRouteDeviation,          // the track leaves the corridor by more than 50 km and returns
  kSplitShipments,          // one consignment declared in parts just under a value threshold
};
inline constexpr size_t kSchemeCount = 9;
inline constexpr Scheme kAllSchemes[kSchemeCount] = {
    Scheme::kGhostTransit,   Scheme::kPassThroughReexport, Scheme::kQuantityImbalance,
    Scheme::kNewShellTrader, Scheme::kThirdPartyPayer,     Scheme::kSanctionedPartyVariant,
    Scheme::kSealBreach,     Scheme::kRouteDeviation,      Scheme::kSplitShipments};
// "ghost_transit", "pass_through_reexport", ... (the names truth.jsonl uses).
std::string_view SchemeName(Scheme scheme);
std::optional<Scheme> ParseScheme(std::string_view name);

struct SimOptions {
  uint64_t seed = 1;
  int days = 30;
  // About this many declarations per simulated day (weekdays more, Sundays fewer); schemes
  // add a few percent on top.
  int scale = 1000;
  Date start = DaysFromCivil(2026, 3, 1);
  // Electronic-seal positions for road transit and export movements. Off, the ghost transit,
  // seal breach and route deviation schemes are skipped: only positions show them.
  bool positions = true;
  // Seconds between seal reports while the truck moves...
  int ping_interval_s = 300;
  // ...and while it stands (rest, queue), when seals report less often to save battery
  // (never more often than while moving: the larger of the two applies).
  int parked_ping_interval_s = 1800;
  // For each scheme (index = the Scheme value), the chance that a generated consignment is
  // an instance of it instead of clean trade (defaults 0.2-0.5 % each; at most 1 in all).
  std::array<double, kSchemeCount> scheme_rates = DefaultSchemeRates();
  // The value, in euros, under which split shipments keep each part.
  double split_threshold_eur = 10000;
  // Where the shared reference data is: nullopt finds it with SharedDataDir(), an empty
  // string uses only the committed tables in data/ (no sanctions scheme then).
  std::optional<std::string> shared_data_dir;
  // Keep listed names off clean companies (the world comment above). It reads and indexes
  // every shared sanctions list once per process: about a second in a release build, far
  // longer under sanitizers, which is why tests of other things turn it off.
  bool screen_clean_names = true;

  static std::array<double, kSchemeCount> DefaultSchemeRates();
};

// Checks the options (positive days and scale, rates in [0, 1], ...).
Status ValidateSimOptions(const SimOptions& options);

// One position report of an electronic navigation seal (shared/spec/pings.example.ndjson).
struct SealPing {
  std::string device;  // "ENS-KZ-00731942"
  Timestamp ts = 0;
  double lat = 0, lon = 0;
  int speed_kmh = 0;
  int battery_pct = 0;
  std::string event;  // empty, or an EAEU seal event code ("01" seal element broken, ...)
  bool operator==(const SealPing&) const = default;
};

// One planted scheme instance and the records that show it. Parties are named as
// "<id kind>:<value>" ("bin:180940021234") when they carry an identifier, else by the name
// as written in the documents.
struct TruthRecord {
  Scheme scheme = Scheme::kGhostTransit;
  std::vector<std::string> declarations;  // declaration ids
  std::vector<std::string> payments;      // payment ids
  std::vector<std::string> devices;       // seal ids with pings in pings.ndjson
  std::vector<std::string> parties;
  std::string note;  // one sentence for a person
  bool operator==(const TruthRecord&) const = default;
};

struct SimSummary {
  SimOptions options;
  std::array<int64_t, 4> declarations_by_kind{};  // index = DeclarationKind
  int64_t declarations = 0;
  int64_t payments = 0;
  int64_t pings = 0;
  int64_t devices = 0;  // seals that reported
  std::array<int64_t, kSchemeCount> scheme_instances{};
  std::vector<std::string> notes;  // e.g. why a scheme was skipped
  std::string hs_source;           // which HS table the goods came from
  std::string sanctions_source;    // the list the sanctioned names came from, or empty
  // The lists every clean company's names were checked against ("eu, ofac_cons, ..."),
  // empty when none was found, and how many generated companies were drawn again because
  // one of their spellings is a listed name: the clean world holds no namesake of a listed
  // subject, which its ground truth could not honestly call clean.
  std::string name_screening_lists;
  int64_t clean_names_redrawn = 0;
};

// Generates the world described by `options` into `out_dir` (created when missing).
// `progress`, when set, is called with the fraction of simulated days done.
Result<SimSummary> Simulate(const SimOptions& options, const std::string& out_dir,
                            std::function<void(double fraction)> progress = nullptr);

// The same world, kept in memory (for tests and small demonstrations): the records in the
// order the files would hold them.
struct SimData {
  std::vector<Declaration> declarations;
  std::vector<Payment> payments;
  std::vector<SealPing> pings;
  std::vector<TruthRecord> truth;
  SimSummary summary;
};
Result<SimData> SimulateInMemory(const SimOptions& options);

// The JSON lines of the output files.
void AppendJson(const SealPing& ping, std::string& out);
void AppendJson(const TruthRecord& truth, std::string& out);
void AppendJson(const SimSummary& summary, std::string& out);

}  // namespace keruen

#endif  // KERUEN_SIM_SIMULATOR_H_
