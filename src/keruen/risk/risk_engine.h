// The risk engine: every declaration scored against the red-flag catalogue and sent to a lane,
// with the reasons.
//
// What it weighs, per declaration (rule ids of shared/reference/detection-rules.md):
// - its goods against the controlled-goods lists: G1 (CHPL, by tier, escalated toward RU/BY
//   or a diversion-risk country), G2 (EU-sanctioned code or national ban, in force, toward
//   RU/BY), G4 (luxury good above its ceiling, RU/BY nexus), G5 (the same goods of the same
//   supplier moved from a listed code to an unlisted neighbour, or an unlisted item priced per
//   kg like a listed code of its heading and unlike its own);
// - its trader's history as the engine has seen it: P1 (registered after 2022-02-24 and
//   trading CHPL goods; full strength when that starts within 180 days of registration), P2
//   (CHPL trade after a long pause in chapters 84/85/90), Q5 (a month's imports of a code far
//   above the trader's usual month), Q6 (a consignment split in parts each just under a value
//   threshold);
// - prices against what the market declared before: Q3 (unit price), Q4 (value per kg, gross
//   against net mass);
// - the virtual warehouse (ledger/): Q1 (exports beyond imports) and Q2 (pass-through to
//   Russia), booked as the declaration comes in;
// - sanctions screening of every party (P6), when a PartyScreening is given;
// - the party graph (ledger/party_graph.h): P3 (shell indicators of the trader) and P5 (a party
//   within reach of a listed one through shared addresses, identifiers or trade; the parties
//   P6 finds listed are marked in the graph as they are found).
// The tracking rules (T1-T5) and the payment rules (F1-F5) are raised by their own engines
// later in a declaration's life (positions and payments come after lodging); they reach the
// declaration through its case (cases.h), and a profile may weigh them when a declaration is
// assessed again (`keruen risk explain`).
//
// The score is the sum over hits of the rule's weight times the hit's strength, plus what the
// analysts' profiles that match add (profile.h; they see the rules' strengths as fields); the
// lane follows from the score, the floors profiles set and the selection rates (lanes.h), all
// of which the profile file configures.
//
// Order matters: the engine remembers what it assessed (traders, prices, the ledger), so it
// must see declarations in lodging order, each once; an amendment is assessed as it comes.
// Not thread-safe: one engine per ingest stream.
#ifndef KERUEN_RISK_RISK_ENGINE_H_
#define KERUEN_RISK_RISK_ENGINE_H_

#include <array>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "keruen/core/model.h"
#include "keruen/core/string_map.h"
#include "keruen/core/time.h"
#include "keruen/goods/controlled_goods.h"
#include "keruen/ingest/ingest.h"
#include "keruen/ledger/party_graph.h"
#include "keruen/ledger/virtual_warehouse.h"
#include "keruen/risk/internal/robust_stats.h"
#include "keruen/risk/lanes.h"
#include "keruen/risk/profile.h"
#include "keruen/risk/rule_catalogue.h"
#include "keruen/risk/rule_hit.h"

namespace keruen::screening {
class PartyScreening;
}

namespace keruen::risk {

// One goods item as the rules see it.
struct ItemFacts {
  const GoodsItem* item = nullptr;
  std::string hs6;  // the first six digits; empty when the code is not valid
  std::vector<goods::Listing> listings;
  std::optional<double> value_eur;  // nullopt when the currency has no rate
  // Made once per item, since several rules and the engine's memory look them up: the goods
  // description as G5 compares it ("Laptop  computers, 15\"" -> "laptop computers 15"), and
  // the key of Q3's price sample (hs6|origin|quarter|unit). Empty without a valid code; the
  // description also when G5 cannot need it (DeclarationFacts::g5_descriptions).
  std::string description_key;
  std::string price_key;
  const goods::Listing* chpl() const;
};

// What the rules know of a declaration before they run.
struct DeclarationFacts {
  const Declaration* declaration = nullptr;
  Date date = 0;
  // Whose stock the goods move: the consignee of an import, the consignor of an export or
  // waybill; for a transit, the declarant (the one answerable for it). Null when missing.
  const Party* trader = nullptr;
  std::string trader_key;  // ledger::PartyKey(*trader)
  // ledger::PartyKey of the declarant, consignor, consignee and carrier, in that order (empty
  // for a party missing): the ledger, the graph and the rules all name parties by it.
  ledger::DeclarationPartyKeys party_keys;
  // Goods going to Russia or Belarus next, or any party there.
  bool russia_nexus = false;
  std::vector<ItemFacts> items;
  double value_eur = 0;  // items with a known rate
  bool has_chpl = false;
  // Whether description keys were made: only when the consignor has goods remembered under a
  // listed code or an item is listed now, and then only for the items G5 and its memory read
  // (FactsOf says which). Normalising every description was the costliest part of the facts.
  bool g5_descriptions = false;
};

struct Assessment {
  std::string declaration_id;
  double score = 0;
  Lane lane = Lane::kGreen;
  std::vector<std::string> lane_reasons;
  std::vector<RuleHit> hits;           // catalogue order
  std::vector<ProfileMatch> profiles;  // the analysts' profiles that matched, in file order
  // The hits that reach their rule's alert_at, as alerts (ids derived from the facts).
  std::vector<Alert> alerts;
};

class RiskEngine final : public IngestListener {
 public:
  // `goods` and `clock` must outlive the engine; `profiles` null means every default
  // (DefaultProfiles()); `screening` (P6) may be null. The ledger's Q1 and Q2 thresholds are
  // read here, once: a profile reloaded later changes them from the next start.
  RiskEngine(const goods::ControlledGoods& goods, const Clock& clock,
             std::shared_ptr<const ProfileSet> profiles = nullptr,
             const screening::PartyScreening* screening = nullptr);
  ~RiskEngine() override;

  // Scores `d` and chooses its lane, then remembers it (history, prices, ledger).
  Assessment Assess(const Declaration& d);

  // IngestListener: assesses each declaration stored, raises its alerts (rules G, P1-P2, Q)
  // and records its lane as a Decision ("lane", decided_by "engine"), in the ingest
  // transaction. Payments are the payment monitor's.
  Status OnDeclaration(Transaction& txn, const Declaration& d) override;
  // Payments are the payment monitor's; the engine only learns the trade ties they show.
  Status OnPayment(Transaction&, const Payment& p) override;

  // The facts the rules start from (for explanations and profile fields).
  DeclarationFacts FactsOf(const Declaration& d) const;

  // The screening that answers P6 from the next declaration on (null: none).
  void SetScreening(const screening::PartyScreening* screening) { screening_ = screening; }
  // Takes a reloaded profile set (ProfileWatcher) from the next declaration on.
  void SetProfiles(std::shared_ptr<const ProfileSet> profiles);
  const ProfileSet& profiles() const { return *profiles_; }
  const RuleSettings& settings() const { return settings_; }
  const Clock& clock() const { return clock_; }
  const ledger::VirtualWarehouse& warehouse() const { return warehouse_; }
  const ledger::PartyGraph& graph() const { return graph_; }
  int64_t assessed() const { return assessed_; }
  std::array<int64_t, 4> lane_counts() const { return lane_counts_; }

 private:
  struct TraderHistory;
  struct SplitPart {
    Timestamp at;
    double value_eur;
    bool chpl;
    std::string declaration;
  };
  struct ClassifiedAs {  // a listed code goods were declared under
    std::string hs6;
    Date date;
    std::string declaration;
  };
  // An item's price samples (Q3 by unit, Q4 by kg), found or made once per item: the price
  // rules read them before the item is remembered, then Remember adds its prices. Null when
  // the item has no price of that kind.
  struct ItemSamples {
    internal::RollingSample* unit = nullptr;
    internal::RollingSample* kg = nullptr;
  };
  std::vector<ItemSamples> SamplesOf(const DeclarationFacts& f);

  void GoodsRules(const DeclarationFacts& f, std::vector<RuleHit>& hits) const;
  void TraderRules(const DeclarationFacts& f, std::vector<RuleHit>& hits);
  void PriceRules(const DeclarationFacts& f, const std::vector<ItemSamples>& samples,
                  std::vector<RuleHit>& hits) const;
  // G5's other half: an unlisted item whose value per kg (log EUR, `x`) is far from its own
  // code's prices (`declared`) and close to those of a listed code of the same heading.
  void MisclassifiedByValue(const ItemFacts& it, double x, const internal::MedianMad& declared,
                            std::vector<RuleHit>& hits) const;
  void SplitRule(const DeclarationFacts& f, std::vector<RuleHit>& hits);
  void LedgerRules(const DeclarationFacts& f, std::vector<RuleHit>& hits);
  void ScreeningRule(const DeclarationFacts& f, std::vector<RuleHit>& hits);
  void GraphRules(const DeclarationFacts& f, std::vector<RuleHit>& hits) const;
  void Remember(const DeclarationFacts& f, const std::vector<ItemSamples>& samples);

  const goods::ControlledGoods& goods_;
  const Clock& clock_;
  std::shared_ptr<const ProfileSet> profiles_;
  RuleSettings settings_;
  const screening::PartyScreening* screening_;
  LaneSelector lanes_;
  ledger::VirtualWarehouse warehouse_;
  ledger::PartyGraph graph_;
  // The engine's memory, keyed by strings and read for every item of every declaration: open
  // addressing, looked up by string_view without allocating.
  StringMap<std::unique_ptr<TraderHistory>> traders_;
  // Price samples by Q3's key and by HS-6 (Q4), each held by pointer so that an item's stays
  // where it is while the declaration's other items add theirs.
  StringMap<std::unique_ptr<internal::RollingSample>> unit_prices_;
  StringMap<std::unique_ptr<internal::RollingSample>> kg_prices_;
  StringMap<std::deque<SplitPart>> splits_;  // Q6: consignee, consignor country, heading
  // G5: consignor -> description -> the listed code its goods were last declared under. A
  // consignor with none has no entry.
  StringMap<StringMap<ClassifiedAs>> classified_;
  // G5: the listed codes of each heading (HS-4) priced so far (Q4's samples hold their prices).
  StringMap<std::vector<std::string>> listed_by_heading_;
  int64_t assessed_ = 0;
  std::array<int64_t, 4> lane_counts_{};
};

// Writes what an assessment decided, in `txn`: its alerts (RaiseAlert: the same facts never
// twice) and its lane as a Decision ("lane", decided_by "engine", the reasons and each rule's
// explanation).
Status RecordAssessment(Transaction& txn, const Declaration& d, const Assessment& a,
                        const Clock& clock);

}  // namespace keruen::risk

#endif  // KERUEN_RISK_RISK_ENGINE_H_
