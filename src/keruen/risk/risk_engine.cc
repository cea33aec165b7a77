#include "keruen/risk/risk_engine.h"

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>
#include <set>

#include "keruen/core/decimal_text.h"
#include "keruen/core/exchange_rates.h"
#include "keruen/core/json_writer.h"
#include "keruen/risk/declaration_fields.h"
#include "keruen/risk/internal/description.h"
#include "keruen/screening/party_screening.h"

namespace keruen::risk {
namespace {

bool IsRussiaOrBelarus(std::string_view country) { return country == "RU" || country == "BY"; }

// year * 12 + month - 1: months as consecutive integers.
int MonthIndex(Date date) {
  const CivilDate c = CivilFromDays(date);
  return c.year * 12 + static_cast<int>(c.month) - 1;
}

// HS chapters 84, 85 and 90: machinery, electronics, instruments (rule P2's business line).
bool IsCoreChapter(std::string_view hs6) {
  return hs6.starts_with("84") || hs6.starts_with("85") || hs6.starts_with("90");
}

bool IsListed(const ItemFacts& item) {
  return std::any_of(item.listings.begin(), item.listings.end(),
                     [](const goods::Listing& l) { return l.in_force; });
}

void ItemsArray(JsonWriter& w, const std::vector<const ItemFacts*>& items) {
  w.Key("items").BeginArray();
  for (const ItemFacts* it : items) {
    w.BeginObject();
    w.Field("seq", static_cast<int64_t>(it->item->seq));
    w.Field("hs", it->item->hs);
    w.Field("description", it->item->description);
    if (it->value_eur) w.Field("value_eur", *it->value_eur);
    w.Key("listings").BeginArray();
    for (const goods::Listing& l : it->listings) goods::AppendJson(w, l);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
}

std::vector<int32_t> SeqsOf(const std::vector<const ItemFacts*>& items) {
  std::vector<int32_t> seqs;
  for (const ItemFacts* it : items) seqs.push_back(it->item->seq);
  return seqs;
}

// The index of `role` in kPartyRoles, or kPartyRoles.size() for another role.
size_t RoleIndex(std::string_view role) {
  return static_cast<size_t>(std::find(kPartyRoles.begin(), kPartyRoles.end(), role) -
                             kPartyRoles.begin());
}

static_assert(kPartyRoles[ledger::kDeclarantKey] == "declarant" &&
              kPartyRoles[ledger::kConsignorKey] == "consignor" &&
              kPartyRoles[ledger::kConsigneeKey] == "consignee" &&
              kPartyRoles[ledger::kCarrierKey] == "carrier");

// The role (kPartyRoles index) of the party whose stock a declaration moves: the consignee of
// an import, the consignor of an export or waybill, the declarant of a transit.
size_t TraderRole(DeclarationKind kind) {
  switch (kind) {
    case DeclarationKind::kImport:
      return ledger::kConsigneeKey;
    case DeclarationKind::kExport:
    case DeclarationKind::kWaybill:
      return ledger::kConsignorKey;
    case DeclarationKind::kTransit:
      break;
  }
  return ledger::kDeclarantKey;
}

// "2026Q1": the price rules' window.
std::string QuarterOf(Date date) {
  const CivilDate c = CivilFromDays(date);
  char text[16];
  char* end = std::to_chars(text, text + 12, c.year).ptr;
  *end++ = 'Q';
  *end++ = static_cast<char>('1' + (c.month - 1) / 3);
  return std::string(text, end);
}

// A price rule's hit on one item: full strength, low severity (a price is a reason to look,
// not proof), keyed by the item's code.
RuleHit PriceHit(std::string_view rule, const ItemFacts& it) {
  RuleHit hit;
  hit.rule = std::string(rule);
  hit.strength = 1;
  hit.severity = Severity::kLow;
  hit.items = {it.item->seq};
  hit.key = it.hs6;
  return hit;
}

}  // namespace

// What the engine remembers of a trader (by PartyKey).
struct RiskEngine::TraderHistory {
  Date first_seen = 0;
  std::optional<Date> first_chpl;
  // P2: the last month with chapter 84/85/90 trade, and the month trade in them resumed after
  // a long pause, with the values since.
  std::optional<int> last_core_month;
  std::optional<int> line_change_month;
  double chpl_eur_since_change = 0;
  double eur_since_change = 0;
  // Q5: imports in kg by code and month, and the code-months already found surging.
  StringMap<std::map<int, double>> import_kg;
  std::set<std::pair<std::string, int>> surges;
};

const goods::Listing* ItemFacts::chpl() const {
  for (const goods::Listing& l : listings) {
    if (l.list == goods::kChplList) return &l;
  }
  return nullptr;
}

RiskEngine::RiskEngine(const goods::ControlledGoods& goods, const Clock& clock,
                       std::shared_ptr<const ProfileSet> profiles,
                       const screening::PartyScreening* screening)
    : goods_(goods),
      clock_(clock),
      profiles_(profiles ? std::move(profiles) : DefaultProfiles()),
      settings_(*profiles_),
      screening_(screening),
      lanes_(profiles_->lanes()),
      warehouse_(ledger::VirtualWarehouse::Options{
          .balance_tolerance = settings_.Get("Q1", "balance_tolerance"),
          .min_excess_kg = settings_.Get("Q1", "min_excess_kg"),
          .pass_through_days = static_cast<int>(settings_.Get("Q2", "window_days")),
          .pass_through_quantity = settings_.Get("Q2", "quantity_tolerance")}),
      graph_(settings_.MakeOptions(ledger::PartyGraphParameters())) {}

RiskEngine::~RiskEngine() = default;

void RiskEngine::SetProfiles(std::shared_ptr<const ProfileSet> profiles) {
  profiles_ = profiles ? std::move(profiles) : DefaultProfiles();
  settings_ = RuleSettings(*profiles_);
  lanes_.set_config(profiles_->lanes());
}

DeclarationFacts RiskEngine::FactsOf(const Declaration& d) const {
  DeclarationFacts f;
  f.declaration = &d;
  f.date = DateOf(d.lodged_at);
  const size_t trader_role = TraderRole(d.kind);
  f.trader = PartyInRole(d, trader_role);
  f.party_keys = ledger::PartyKeysOf(d);
  if (f.trader) f.trader_key = f.party_keys[trader_role];
  const std::string quarter = QuarterOf(f.date);
  f.russia_nexus = IsRussiaOrBelarus(d.country_of_destination) ||
                   IsRussiaOrBelarus(d.declarant.country) ||
                   (d.consignor && IsRussiaOrBelarus(d.consignor->country)) ||
                   (d.consignee && IsRussiaOrBelarus(d.consignee->country));
  f.items.reserve(d.items.size());
  for (const GoodsItem& item : d.items) {
    ItemFacts it;
    it.item = &item;
    const auto digits = goods::NormalizeHs(item.hs);
    if (digits && digits->size() >= 6) it.hs6 = digits->substr(0, 6);
    if (!it.hs6.empty()) {
      it.listings = goods_.ClassifyDigits(*digits, f.date);
      it.price_key.reserve(it.hs6.size() + item.origin.size() + quarter.size() + item.unit.size() +
                           3);
      it.price_key.append(it.hs6).append(1, '|').append(item.origin).append(1, '|');
      it.price_key.append(quarter).append(1, '|').append(item.unit);
    }
    it.value_eur = ToEur(item.value);
    if (it.value_eur) f.value_eur += *it.value_eur;
    f.has_chpl = f.has_chpl || it.chpl() != nullptr;
    f.items.push_back(std::move(it));
  }
  const bool remembered = d.consignor && classified_.contains(f.party_keys[ledger::kConsignorKey]);
  f.g5_descriptions =
      d.consignor && (remembered || std::any_of(f.items.begin(), f.items.end(), IsListed));
  if (f.g5_descriptions) {
    // An item's description is read when the consignor's goods are remembered already (G5
    // compares it; Remember forgets it), when the item is listed (Remember keeps it), or after
    // a listed item of this declaration (Remember may forget it again). No other is read.
    bool listed_before = false;
    for (ItemFacts& it : f.items) {
      if (it.hs6.empty()) continue;
      const bool listed = IsListed(it);
      if (remembered || listed || listed_before) {
        it.description_key = internal::NormalizedDescription(it.item->description);
      }
      listed_before = listed_before || listed;
    }
  }
  return f;
}

void RiskEngine::GoodsRules(const DeclarationFacts& f, std::vector<RuleHit>& hits) const {
  const RuleSettings& s = settings_;
  const Declaration& d = *f.declaration;

  // G1: the strongest CHPL item, escalated toward Russia or a diversion-risk country (other
  // than Kazakhstan itself, whose own declarations these are).
  if (s.Enabled("G1") && f.has_chpl) {
    std::string risky_country;
    for (const Party* p : {d.consignor ? &*d.consignor : nullptr,
                           d.consignee ? &*d.consignee : nullptr, &d.declarant}) {
      if (p && p->country != "KZ" && goods_.FindJurisdiction(p->country))
        risky_country = p->country;
    }
    if (d.country_of_destination != "KZ" && goods_.FindJurisdiction(d.country_of_destination)) {
      risky_country = d.country_of_destination;
    }
    const bool escalated = f.russia_nexus || !risky_country.empty();
    std::vector<const ItemFacts*> items;
    const goods::Listing* top = nullptr;
    for (const ItemFacts& it : f.items) {
      if (const goods::Listing* l = it.chpl()) {
        items.push_back(&it);
        if (!top || l->tier_weight > top->tier_weight) top = l;
      }
    }
    RuleHit hit;
    hit.rule = "G1";
    hit.strength =
        top->tier_weight * s.Get("G1", escalated ? "escalated_strength" : "plain_strength");
    hit.severity = escalated && top->tier_weight >= 0.8 ? Severity::kHigh : Severity::kMedium;
    hit.items = SeqsOf(items);
    hit.explanation =
        std::to_string(items.size()) + " item(s) on the CHPL, highest tier " + top->tier + " (" +
        top->code + ")" +
        (f.russia_nexus           ? ", with a Russia or Belarus nexus"
         : !risky_country.empty() ? ", through diversion-risk country " + risky_country
                                  : "");
    JsonWriter w(hit.evidence_json);
    w.BeginObject().Field("tier", top->tier).Field("escalated", escalated);
    if (!risky_country.empty()) w.Field("diversion_risk_country", risky_country);
    ItemsArray(w, items);
    w.EndObject();
    hits.push_back(std::move(hit));
  }

  // G2 and G4: bans toward the next leg.
  const std::string& next_leg = d.country_of_destination;
  if (s.Enabled("G2") && IsRussiaOrBelarus(next_leg)) {
    std::vector<const ItemFacts*> items;
    std::string lists;
    bool national = false;  // a ban of a national list: the law the declaration is under
    for (const ItemFacts& it : f.items) {
      bool listed = false;
      for (const goods::Listing& l : it.listings) {
        if (l.list == goods::kChplList || !l.in_force || l.BansOnlyAboveCeiling() ||
            !l.BansExportTo(next_leg)) {
          continue;
        }
        listed = true;
        national = national || l.list != goods::kEuList;
        if (lists.find(l.list) == std::string::npos) lists += (lists.empty() ? "" : ", ") + l.list;
      }
      if (listed) items.push_back(&it);
    }
    if (!items.empty()) {
      RuleHit hit;
      hit.rule = "G2";
      // The EU's bans bind EU exporters; for a Kazakh declaration they are a diversion red
      // flag, weighed as such, while a national ban is the law itself.
      hit.strength = national ? 1.0 : s.Get("G2", "eu_only_strength");
      hit.severity = national ? Severity::kCritical : Severity::kHigh;
      hit.items = SeqsOf(items);
      hit.explanation = std::to_string(items.size()) + " item(s) banned for export to " + next_leg +
                        " on " + FormatDate(f.date) + " (" + lists + ")";
      JsonWriter w(hit.evidence_json);
      w.BeginObject()
          .Field("destination", next_leg)
          .Field("date", FormatDate(f.date))
          .Field("national_ban", national);
      ItemsArray(w, items);
      w.EndObject();
      hits.push_back(std::move(hit));
    }
  }
  if (s.Enabled("G4") && f.russia_nexus) {
    std::vector<const ItemFacts*> items;
    std::string detail;
    for (const ItemFacts& it : f.items) {
      if (!it.value_eur || it.item->quantity <= 0) continue;
      for (const goods::Listing& l : it.listings) {
        if (!l.in_force || !(l.luxury_ceiling_eur || l.BansOnlyAboveCeiling())) continue;
        const double ceiling = l.luxury_ceiling_eur.value_or(s.Get("G4", "default_ceiling_eur"));
        const double unit_eur = *it.value_eur / it.item->quantity;
        if (unit_eur <= ceiling) continue;
        items.push_back(&it);
        if (detail.empty()) {
          detail = "item " + std::to_string(it.item->seq) + " (" + it.hs6 + ") at EUR " +
                   FormatFixed(unit_eur) + " a unit, ceiling EUR " + FormatFixed(ceiling);
        }
        break;
      }
    }
    if (!items.empty()) {
      RuleHit hit;
      hit.rule = "G4";
      hit.strength = 1;
      hit.severity = Severity::kHigh;
      hit.items = SeqsOf(items);
      hit.explanation =
          std::to_string(items.size()) +
          " luxury item(s) above the ceiling with a Russia or Belarus nexus: " + detail;
      JsonWriter w(hit.evidence_json);
      w.BeginObject().Field("destination", next_leg);
      ItemsArray(w, items);
      w.EndObject();
      hits.push_back(std::move(hit));
    }
  }

  // G5: the same goods of the same consignor, declared under a listed code before, now under
  // an unlisted code of the same heading.
  const auto consignor_goods =
      f.g5_descriptions ? classified_.find(f.party_keys[ledger::kConsignorKey]) : classified_.end();
  if (s.Enabled("G5") && consignor_goods != classified_.end()) {
    const double window = s.Get("G5", "window_days");
    for (const ItemFacts& it : f.items) {
      if (it.hs6.empty() || IsListed(it)) continue;
      const auto before = consignor_goods->second.find(it.description_key);
      if (before == consignor_goods->second.end()) continue;
      const ClassifiedAs& was = before->second;
      if (was.hs6 == it.hs6 || was.hs6.compare(0, 4, it.hs6, 0, 4) != 0 ||
          f.date - was.date > window) {
        continue;
      }
      RuleHit hit;
      hit.rule = "G5";
      hit.strength = 1;
      hit.severity = Severity::kHigh;
      hit.items = {it.item->seq};
      hit.key = it.hs6;
      hit.related_declarations = {was.declaration};
      hit.explanation = "'" + it.item->description + "' from " + d.consignor->name +
                        " was declared under listed " + was.hs6 + " on " + FormatDate(was.date) +
                        " (" + was.declaration + ") and now under unlisted " + it.hs6;
      JsonWriter w(hit.evidence_json);
      w.BeginObject()
          .Field("description", it.item->description)
          .Field("before_hs6", was.hs6)
          .Field("before_date", FormatDate(was.date))
          .Field("before_declaration", was.declaration)
          .Field("now_hs6", it.hs6)
          .EndObject();
      hits.push_back(std::move(hit));
    }
  }
}

void RiskEngine::TraderRules(const DeclarationFacts& f, std::vector<RuleHit>& hits) {
  if (!f.trader || f.declaration->kind == DeclarationKind::kTransit) return;
  const RuleSettings& s = settings_;
  const auto found = traders_.find(f.trader_key);
  const TraderHistory* h = found == traders_.end() ? nullptr : found->second.get();
  const int month = MonthIndex(f.date);

  // P1: a trader registered after the invasion, dealing in CHPL goods.
  if (s.Enabled("P1") && f.has_chpl && f.trader->registered_on &&
      *f.trader->registered_on >= static_cast<Date>(s.Get("P1", "since"))) {
    const Date first_chpl = h && h->first_chpl ? *h->first_chpl : f.date;
    const int64_t days = first_chpl - *f.trader->registered_on;
    const bool strong = days <= s.Get("P1", "strong_within_days");
    RuleHit hit;
    hit.rule = "P1";
    hit.strength = strong ? 1.0 : 0.4;
    hit.severity = strong ? Severity::kHigh : Severity::kLow;
    hit.explanation = f.trader->name + " was registered on " +
                      FormatDate(*f.trader->registered_on) +
                      " and trades CHPL goods; its first CHPL declaration came " +
                      std::to_string(days) + " days later";
    JsonWriter w(hit.evidence_json);
    w.BeginObject()
        .Field("party", f.trader_key)
        .Field("registered_on", FormatDate(*f.trader->registered_on))
        .Field("first_chpl_declaration", FormatDate(first_chpl))
        .Field("days", days)
        .EndObject();
    hits.push_back(std::move(hit));
  }

  // P2: CHPL trade after a long pause in chapters 84, 85 and 90.
  if (s.Enabled("P2") && f.has_chpl && h) {
    const int quiet = static_cast<int>(s.Get("P2", "quiet_months"));
    const bool core_now = std::any_of(f.items.begin(), f.items.end(),
                                      [](const ItemFacts& it) { return IsCoreChapter(it.hs6); });
    std::optional<int> change = h->line_change_month;
    double chpl_eur = h->chpl_eur_since_change, eur = h->eur_since_change;
    const bool resumes =
        core_now && (h->last_core_month ? month - *h->last_core_month >= quiet
                                        : month - MonthIndex(h->first_seen) >= quiet);
    if (resumes) {
      change = month;
      chpl_eur = eur = 0;
    }
    if (change && month - *change < 12) {
      for (const ItemFacts& it : f.items) {
        if (!it.value_eur) continue;
        eur += *it.value_eur;
        if (it.chpl()) chpl_eur += *it.value_eur;
      }
      const double share = eur > 0 ? chpl_eur / eur : 0;
      if (share >= s.Get("P2", "chpl_share")) {
        RuleHit hit;
        hit.rule = "P2";
        hit.strength = 1;
        hit.severity = Severity::kMedium;
        hit.explanation =
            f.trader->name + " had no chapter 84/85/90 trade for " + std::to_string(quiet) +
            " months before " +
            FormatDate(DaysFromCivil(*change / 12, *change % 12 + 1, 1)).substr(0, 7) +
            "; since then CHPL goods are " + FormatFixed(share * 100) + " % of its trade";
        JsonWriter w(hit.evidence_json);
        w.BeginObject()
            .Field("party", f.trader_key)
            .Field("chpl_eur", chpl_eur)
            .Field("total_eur", eur)
            .Field("share", share)
            .EndObject();
        hits.push_back(std::move(hit));
      }
    }
  }

  // Q5: a month's imports of a code far above the trader's average month before.
  if (s.Enabled("Q5") && f.declaration->kind == DeclarationKind::kImport && h) {
    const int min_months = static_cast<int>(s.Get("Q5", "min_months"));
    for (const ItemFacts& it : f.items) {
      const auto by_code = h->import_kg.find(it.hs6);
      if (by_code == h->import_kg.end() || h->surges.count({it.hs6, month})) continue;
      const std::map<int, double>& months = by_code->second;
      const int first = months.begin()->first;
      const int prior_months = month - first;
      if (prior_months < min_months) continue;
      double prior = 0, current = it.item->net_kg;
      for (const auto& [m, kg] : months) (m < month ? prior : current) += kg;
      const double average = prior / prior_months;
      if (average <= 0 || current <= s.Get("Q5", "factor") * average) continue;
      RuleHit hit;
      hit.rule = "Q5";
      hit.strength = 1;
      hit.severity = Severity::kMedium;
      hit.items = {it.item->seq};
      hit.key = it.hs6;
      hit.explanation = f.trader->name + " imported " + FormatFixed(current) + " kg of " + it.hs6 +
                        " this month against " + FormatFixed(average) + " kg a month over the " +
                        std::to_string(prior_months) + " months before";
      JsonWriter w(hit.evidence_json);
      w.BeginObject()
          .Field("party", f.trader_key)
          .Field("hs6", it.hs6)
          .Field("month_kg", current)
          .Field("average_kg", average)
          .Field("months", static_cast<int64_t>(prior_months))
          .EndObject();
      hits.push_back(std::move(hit));
    }
  }
}

std::vector<RiskEngine::ItemSamples> RiskEngine::SamplesOf(const DeclarationFacts& f) {
  std::vector<ItemSamples> samples(f.items.size());
  for (size_t i = 0; i < f.items.size(); ++i) {
    const ItemFacts& it = f.items[i];
    if (!it.value_eur || *it.value_eur <= 0 || it.hs6.empty()) continue;
    auto sample = [](StringMap<std::unique_ptr<internal::RollingSample>>& by_key,
                     std::string_view key) {
      std::unique_ptr<internal::RollingSample>& slot = by_key[key];
      if (!slot) slot = std::make_unique<internal::RollingSample>();
      return slot.get();
    };
    if (it.item->quantity > 0) samples[i].unit = sample(unit_prices_, it.price_key);
    if (it.item->net_kg > 0) samples[i].kg = sample(kg_prices_, it.hs6);
  }
  return samples;
}

void RiskEngine::PriceRules(const DeclarationFacts& f, const std::vector<ItemSamples>& samples,
                            std::vector<RuleHit>& hits) const {
  const RuleSettings& s = settings_;
  const size_t min_samples = static_cast<size_t>(s.Get("Q3", "min_samples"));
  // Read once: the loop below runs for every item.
  const bool q3 = s.Enabled("Q3"), q4 = s.Enabled("Q4"), g5 = s.Enabled("G5");
  const double q3_mads = s.Get("Q3", "mads"), q4_mads = s.Get("Q4", "mads");
  const double max_gross_net = s.Get("Q4", "max_gross_net");
  for (size_t i = 0; i < f.items.size(); ++i) {
    const ItemFacts& it = f.items[i];
    if (!it.value_eur || *it.value_eur <= 0 || it.hs6.empty()) continue;
    const GoodsItem& item = *it.item;
    if (q3 && samples[i].unit) {
      if (auto ref = samples[i].unit->Summary(min_samples)) {
        const double x = std::log(*it.value_eur / item.quantity);
        const double distance = ref->Distance(x);
        if (distance > q3_mads) {
          RuleHit hit = PriceHit("Q3", it);
          hit.explanation = "item " + std::to_string(item.seq) + " (" + it.hs6 + ") at EUR " +
                            FormatFixed(std::exp(x), 2) + " a " + item.unit +
                            " against a median of " + FormatFixed(std::exp(ref->median), 2) + " (" +
                            FormatFixed(distance, 1) + " MADs, " + std::to_string(ref->n) +
                            " prices)";
          JsonWriter w(hit.evidence_json);
          w.BeginObject()
              .Field("hs6", it.hs6)
              .Field("origin", item.origin)
              .Field("quarter", QuarterOf(f.date))
              .Field("unit_price_eur", std::exp(x))
              .Field("median_eur", std::exp(ref->median))
              .Field("mads", distance)
              .Field("samples", static_cast<int64_t>(ref->n))
              .EndObject();
          hits.push_back(std::move(hit));
        }
      }
    }
    // The value per kg against its code's prices, for G5 and Q4.
    std::optional<internal::MedianMad> kg_ref;
    double log_eur_per_kg = 0;
    if (samples[i].kg && (g5 || q4)) {
      log_eur_per_kg = std::log(*it.value_eur / item.net_kg);
      kg_ref = samples[i].kg->Summary(min_samples);
    }
    if (g5 && kg_ref && !IsListed(it)) {
      MisclassifiedByValue(it, log_eur_per_kg, *kg_ref, hits);
    }
    if (q4 && item.net_kg > 0) {
      std::string why;
      if (kg_ref) {
        const double x = log_eur_per_kg;
        const double distance = kg_ref->Distance(x);
        if (distance > q4_mads) {
          why = "EUR " + FormatFixed(std::exp(x), 2) + " a kg against a median of " +
                FormatFixed(std::exp(kg_ref->median), 2) + " (" + FormatFixed(distance, 1) +
                " MADs)";
        }
      }
      if (item.gross_kg > 0 &&
          (item.gross_kg < item.net_kg * 0.99 || item.gross_kg > item.net_kg * max_gross_net)) {
        why += (why.empty() ? "" : "; ") + std::string("gross ") + FormatFixed(item.gross_kg, 1) +
               " kg against net " + FormatFixed(item.net_kg, 1) + " kg";
      }
      if (!why.empty()) {
        RuleHit hit = PriceHit("Q4", it);
        hit.explanation = "item " + std::to_string(item.seq) + " (" + it.hs6 + "): " + why;
        JsonWriter w(hit.evidence_json);
        w.BeginObject()
            .Field("hs6", it.hs6)
            .Field("value_eur", *it.value_eur)
            .Field("net_kg", item.net_kg)
            .Field("gross_kg", item.gross_kg)
            .EndObject();
        hits.push_back(std::move(hit));
      }
    }
  }
}

void RiskEngine::MisclassifiedByValue(const ItemFacts& it, double x,
                                      const internal::MedianMad& declared,
                                      std::vector<RuleHit>& hits) const {
  const RuleSettings& s = settings_;
  const double from_declared = declared.Distance(x);
  if (from_declared <= s.Get("G5", "value_mads")) return;
  const auto listed = listed_by_heading_.find(std::string_view(it.hs6).substr(0, 4));
  if (listed == listed_by_heading_.end()) return;
  const size_t min_samples = static_cast<size_t>(s.Get("Q3", "min_samples"));
  // The listed code of the heading whose prices the item's is most like.
  const std::string* best = nullptr;
  internal::MedianMad best_ref;
  double best_distance = s.Get("G5", "listed_mads");
  for (const std::string& code : listed->second) {
    const auto sample = kg_prices_.find(code);
    if (sample == kg_prices_.end()) continue;
    const auto ref = sample->second->Summary(min_samples);
    if (!ref) continue;
    const double distance = ref->Distance(x);
    if (distance <= best_distance) {
      best = &code;
      best_ref = *ref;
      best_distance = distance;
    }
  }
  if (best == nullptr) return;
  RuleHit hit;
  hit.rule = "G5";
  hit.strength = s.Get("G5", "value_strength");
  hit.severity = Severity::kMedium;
  hit.items = {it.item->seq};
  hit.key = it.hs6 + "~" + *best;
  hit.explanation = "item " + std::to_string(it.item->seq) + " declared under unlisted " + it.hs6 +
                    " at EUR " + FormatFixed(std::exp(x), 2) + " a kg, priced like listed " +
                    *best + " (median EUR " + FormatFixed(std::exp(best_ref.median), 2) + ", " +
                    FormatFixed(best_distance, 1) + " MADs) rather than " + it.hs6 +
                    " (median EUR " + FormatFixed(std::exp(declared.median), 2) + ", " +
                    FormatFixed(from_declared, 1) + " MADs)";
  JsonWriter w(hit.evidence_json);
  w.BeginObject()
      .Field("hs6", it.hs6)
      .Field("eur_per_kg", std::exp(x))
      .Field("declared_median_eur_per_kg", std::exp(declared.median))
      .Field("declared_mads", from_declared)
      .Field("listed_hs6", *best)
      .Field("listed_median_eur_per_kg", std::exp(best_ref.median))
      .Field("listed_mads", best_distance)
      .EndObject();
  hits.push_back(std::move(hit));
}

void RiskEngine::SplitRule(const DeclarationFacts& f, std::vector<RuleHit>& hits) {
  const RuleSettings& s = settings_;
  const Declaration& d = *f.declaration;
  if (!s.Enabled("Q6") || !d.consignor || !d.consignee) return;
  const double threshold = s.Get("Q6", "threshold_eur");
  const bool chpl_only = s.Get("Q6", "chpl_only") != 0;
  const bool counts = f.value_eur < threshold &&
                      f.value_eur >= s.Get("Q6", "near_fraction") * threshold &&
                      (!chpl_only || f.has_chpl);
  if (!counts) return;
  // The consignee by its key; the consignor by its country and the goods by their heading: a
  // foreign seller's name is spelled differently from one document to the next, and the parts
  // of one consignment carry the same goods.
  const std::string heading =
      f.items.empty() || f.items[0].hs6.empty() ? "" : f.items[0].hs6.substr(0, 4);
  std::deque<SplitPart>& parts =
      splits_[f.party_keys[2] + '|' + d.consignor->country + '|' + heading];
  const Timestamp window = static_cast<Timestamp>(s.Get("Q6", "window_days") * 86400);
  while (!parts.empty() && parts.front().at < d.lodged_at - window) parts.pop_front();
  parts.push_back({d.lodged_at, f.value_eur, f.has_chpl, d.id});
  if (static_cast<double>(parts.size()) < s.Get("Q6", "min_parts")) return;
  RuleHit hit;
  hit.rule = "Q6";
  hit.strength = 1;
  hit.severity = Severity::kHigh;
  double total = 0;
  for (const SplitPart& p : parts) {
    total += p.value_eur;
    if (p.declaration != d.id) hit.related_declarations.push_back(p.declaration);
  }
  hit.explanation = std::to_string(parts.size()) + " consignments from " + d.consignor->name +
                    " to " + d.consignee->name + " within " +
                    FormatFixed(s.Get("Q6", "window_days")) + " days, each just under EUR " +
                    FormatFixed(threshold) + ", EUR " + FormatFixed(total) + " in all";
  JsonWriter w(hit.evidence_json);
  w.BeginObject().Field("threshold_eur", threshold).Field("total_eur", total);
  w.Key("parts").BeginArray();
  for (const SplitPart& p : parts) {
    w.BeginObject()
        .Field("declaration", p.declaration)
        .Field("lodged_at", FormatTimestamp(p.at))
        .Field("value_eur", p.value_eur)
        .EndObject();
  }
  w.EndArray().EndObject();
  hits.push_back(std::move(hit));
}

void RiskEngine::LedgerRules(const DeclarationFacts& f, std::vector<RuleHit>& hits) {
  std::vector<ledger::Finding> findings;
  ledger::ForEachEntry(*f.declaration, f.party_keys,
                       [&](const ledger::LedgerEntry& entry) { warehouse_.Add(entry, findings); });
  for (const ledger::Finding& finding : findings) {
    if (!settings_.Enabled(finding.rule)) continue;
    RuleHit hit;
    hit.rule = finding.rule;
    hit.strength = 1;
    hit.severity = finding.rule == "Q2" ? Severity::kHigh : Severity::kMedium;
    hit.key = finding.hs6;
    hit.explanation = finding.explanation;
    for (const std::string& id : finding.declarations) {
      if (id != f.declaration->id) hit.related_declarations.push_back(id);
      hit.key += '|' + id;
    }
    JsonWriter w(hit.evidence_json);
    w.BeginObject()
        .Field("party", finding.party)
        .Field("hs6", finding.hs6)
        .Field("in_kg", finding.in_kg)
        .Field("out_kg", finding.out_kg);
    w.Key("declarations").BeginArray();
    for (const std::string& id : finding.declarations) w.String(id);
    w.EndArray().EndObject();
    hits.push_back(std::move(hit));
  }
}

void RiskEngine::ScreeningRule(const DeclarationFacts& f, std::vector<RuleHit>& hits) {
  if (!screening_ || !settings_.Enabled("P6")) return;
  for (const screening::PartyFinding& finding : screening_->Screen(*f.declaration)) {
    RuleHit hit;
    hit.rule = "P6";
    hit.strength = std::clamp(finding.hit.score, 0.0, 1.0);
    hit.severity = hit.strength >= 0.9 ? Severity::kCritical : Severity::kHigh;
    hit.key = finding.role + '|' + finding.hit.list + '|' + finding.hit.id;
    hit.explanation = "the " + finding.role + " '" + finding.query.name + "' matches " +
                      finding.hit.list + " entry " + finding.hit.id + " '" + finding.hit.caption +
                      "' (score " + FormatFixed(finding.hit.score, 2) + ")";
    JsonWriter w(hit.evidence_json);
    w.BeginObject().Field("role", finding.role).Field("name", finding.query.name).Key("hit");
    screening::AppendJson(w, finding.hit);
    w.EndObject();
    // A sure match marks the party listed in the graph, for P5 on everyone near it.
    if (hit.strength >= 0.9) {
      if (const size_t role = RoleIndex(finding.role);
          role < kPartyRoles.size() && !f.party_keys[role].empty()) {
        graph_.MarkListed(f.party_keys[role], finding.hit.list + " " + finding.hit.id + " '" +
                                                  finding.hit.caption + "'");
      }
    }
    hits.push_back(std::move(hit));
  }
}

void RiskEngine::GraphRules(const DeclarationFacts& f, std::vector<RuleHit>& hits) const {
  const Declaration& d = *f.declaration;
  if (settings_.Enabled("P5")) {
    // Consignor, consignee, declarant; a party in two roles once.
    for (const size_t r : {1, 2, 0}) {
      const Party* party = PartyInRole(d, r);
      if (!party) continue;
      const std::string& key = f.party_keys[r];
      if ((r == 2 && key == f.party_keys[1]) ||
          (r == 0 && (key == f.party_keys[1] || key == f.party_keys[2]))) {
        continue;
      }
      const std::string_view role = kPartyRoles[r];
      const auto path = graph_.NearestListed(key);
      if (!path || path->hops == 0) continue;  // itself listed: P6's
      RuleHit hit;
      hit.rule = "P5";
      hit.strength = path->hops == 1 ? 1.0 : 0.6;
      hit.severity = path->hops == 1 ? Severity::kHigh : Severity::kMedium;
      hit.key = key;
      std::string way;
      for (const ledger::PathStep& step : path->steps) {
        way += std::string(way.empty() ? "" : ", then ") +
               std::string(ledger::LinkKindName(step.kind)) +
               (step.via.empty() ? "" : " '" + step.via + "'") + " to " + step.to;
      }
      hit.explanation = "the " + std::string(role) + " " + party->name + " is " +
                        std::to_string(path->hops) + " hop(s) from listed " + path->listed + " (" +
                        path->why + "): " + way;
      JsonWriter w(hit.evidence_json);
      w.BeginObject()
          .Field("party", key)
          .Field("role", role)
          .Field("listed", path->listed)
          .Field("why", path->why)
          .Field("hops", static_cast<int64_t>(path->hops));
      w.Key("steps").BeginArray();
      for (const ledger::PathStep& step : path->steps) {
        w.BeginObject()
            .Field("from", step.from)
            .Field("to", step.to)
            .Field("kind", ledger::LinkKindName(step.kind))
            .Field("via", step.via);
        w.Key("documents").BeginArray();
        for (const SubjectRef& doc : step.documents) {
          w.BeginObject().Field("type", doc.type).Field("id", doc.id).EndObject();
        }
        w.EndArray().EndObject();
      }
      w.EndArray().EndObject();
      hits.push_back(std::move(hit));
    }
  }
  if (settings_.Enabled("P3") && f.trader) {
    const std::vector<ledger::ShellIndicator> points = graph_.ShellIndicators(f.trader_key);
    if (!points.empty()) {
      RuleHit hit;
      hit.rule = "P3";
      // The catalogue counts four indicators; the documents show two of them (a mass
      // address, one counterparty only), so both together reach the default alert_at.
      hit.strength = std::min(1.0, static_cast<double>(points.size()) / 3.0);
      hit.severity = points.size() > 1 ? Severity::kHigh : Severity::kMedium;
      std::string why;
      for (const ledger::ShellIndicator& p : points) {
        why += (why.empty() ? "" : "; ") + p.explanation;
      }
      hit.explanation = f.trader->name + " shows " + std::to_string(points.size()) +
                        " shell indicator(s): " + why;
      JsonWriter w(hit.evidence_json);
      w.BeginObject().Field("party", f.trader_key);
      w.Key("indicators").BeginArray();
      for (const ledger::ShellIndicator& p : points) {
        w.BeginObject()
            .Field("indicator", p.indicator)
            .Field("via", p.via)
            .Field("count", p.count)
            .Field("explanation", p.explanation)
            .EndObject();
      }
      w.EndArray().EndObject();
      hits.push_back(std::move(hit));
    }
  }
}

Status RiskEngine::OnPayment(Transaction&, const Payment& p) {
  graph_.AddPayment(p);
  return Ok();
}

void RiskEngine::Remember(const DeclarationFacts& f, const std::vector<ItemSamples>& samples) {
  const Declaration& d = *f.declaration;
  // Prices, for Q3 and Q4.
  for (size_t i = 0; i < f.items.size(); ++i) {
    const ItemFacts& it = f.items[i];
    if (samples[i].unit) samples[i].unit->Add(std::log(*it.value_eur / it.item->quantity));
    if (samples[i].kg) {
      samples[i].kg->Add(std::log(*it.value_eur / it.item->net_kg));
      if (IsListed(it)) {
        std::vector<std::string>& codes = listed_by_heading_[std::string_view(it.hs6).substr(0, 4)];
        if (std::find(codes.begin(), codes.end(), it.hs6) == codes.end()) codes.push_back(it.hs6);
      }
    }
  }
  // The listed code a consignor's goods were last declared under, for G5. Goods last declared
  // under an unlisted code are forgotten: G5 looks only for a listed code before, and most
  // goods are never listed, so the memory stays a small fraction of the descriptions seen.
  if (f.g5_descriptions) {
    const std::string& consignor = f.party_keys[ledger::kConsignorKey];
    // The consignor's goods, looked up once: only this consignor's entry is added or dropped
    // below, so the pointer stays valid through the loop.
    const auto found = classified_.find(consignor);
    StringMap<ClassifiedAs>* goods = found == classified_.end() ? nullptr : &found->second;
    for (const ItemFacts& it : f.items) {
      if (it.hs6.empty()) continue;
      if (IsListed(it)) {
        if (!goods) goods = &classified_[consignor];
        (*goods)[it.description_key] = {it.hs6, f.date, d.id};
      } else if (goods) {
        goods->erase(it.description_key);
      }
    }
    if (goods && goods->empty()) classified_.erase(consignor);
  }
  if (!f.trader || d.kind == DeclarationKind::kTransit) return;
  std::unique_ptr<TraderHistory>& slot = traders_[f.trader_key];
  if (!slot) {
    slot = std::make_unique<TraderHistory>();
    slot->first_seen = f.date;
  }
  TraderHistory& h = *slot;
  const int month = MonthIndex(f.date);
  if (f.has_chpl && !h.first_chpl) h.first_chpl = f.date;
  const bool core_now = std::any_of(f.items.begin(), f.items.end(),
                                    [](const ItemFacts& it) { return IsCoreChapter(it.hs6); });
  const int quiet = static_cast<int>(settings_.Get("P2", "quiet_months"));
  if (core_now && (h.last_core_month ? month - *h.last_core_month >= quiet
                                     : month - MonthIndex(h.first_seen) >= quiet)) {
    h.line_change_month = month;
    h.chpl_eur_since_change = h.eur_since_change = 0;
  }
  if (core_now) h.last_core_month = month;
  if (h.line_change_month && month - *h.line_change_month < 12) {
    for (const ItemFacts& it : f.items) {
      if (!it.value_eur) continue;
      h.eur_since_change += *it.value_eur;
      if (it.chpl()) h.chpl_eur_since_change += *it.value_eur;
    }
  }
  if (d.kind == DeclarationKind::kImport) {
    for (const ItemFacts& it : f.items) {
      if (!it.hs6.empty()) h.import_kg[it.hs6][month] += it.item->net_kg;
    }
  }
}

Assessment RiskEngine::Assess(const Declaration& d) {
  const DeclarationFacts f = FactsOf(d);
  Assessment a;
  a.declaration_id = d.id;
  GoodsRules(f, a.hits);
  TraderRules(f, a.hits);
  const std::vector<ItemSamples> samples = SamplesOf(f);
  PriceRules(f, samples, a.hits);
  SplitRule(f, a.hits);
  LedgerRules(f, a.hits);
  graph_.AddDeclaration(d, f.party_keys);
  ScreeningRule(f, a.hits);
  GraphRules(f, a.hits);
  Remember(f, samples);

  const RuleSettings& s = settings_;
  // Catalogue order, so that explanations read the same way every time.
  std::stable_sort(a.hits.begin(), a.hits.end(), [](const RuleHit& x, const RuleHit& y) {
    const RuleSpec* rx = FindRule(x.rule);
    const RuleSpec* ry = FindRule(y.rule);
    return rx < ry;
  });
  for (const RuleHit& hit : a.hits) {
    a.score += s.Get(hit.rule, "weight") * hit.strength;
    if (hit.strength >= s.Get(hit.rule, "alert_at"))
      a.alerts.push_back(AlertOf({"declaration", d.id}, hit,
                                 d.id + '\0' + hit.rule + '\0' + hit.key, clock_.Now()));
  }
  // The analysts' profiles, which see the rules' strengths and score as fields.
  const DeclarationFactSource source(f, a.hits, a.score);
  a.profiles = Evaluate(*profiles_, source, f.date);
  Lane floor = Lane::kGreen;
  std::string floor_reason;
  for (const ProfileMatch& m : a.profiles) {
    a.score += m.score;
    if (m.lane_floor && *m.lane_floor > floor) {
      floor = *m.lane_floor;
      floor_reason = "profile " + m.profile;
    }
  }
  a.score = std::max(a.score, 0.0);
  LaneChoice choice = lanes_.Select(d.id, a.score, floor, floor_reason);
  a.lane = choice.lane;
  a.lane_reasons = std::move(choice.reasons);
  ++assessed_;
  ++lane_counts_[static_cast<int>(a.lane)];
  return a;
}

Status RiskEngine::OnDeclaration(Transaction& txn, const Declaration& d) {
  return RecordAssessment(txn, d, Assess(d), clock_);
}

Status RecordAssessment(Transaction& txn, const Declaration& d, const Assessment& a,
                        const Clock& clock) {
  for (const Alert& alert : a.alerts) {
    if (auto raised = txn.RaiseAlert(alert); !raised) return tl::unexpected(raised.error());
  }
  Decision decision;
  decision.subject = {"declaration", d.id};
  decision.kind = "lane";
  decision.outcome = std::string(LaneName(a.lane));
  decision.reasons = a.lane_reasons;
  for (const RuleHit& hit : a.hits) decision.reasons.push_back(hit.rule + ": " + hit.explanation);
  for (const ProfileMatch& m : a.profiles) {
    decision.reasons.push_back("profile " + m.profile + ": " +
                               (m.reason.empty() ? m.title : m.reason));
  }
  decision.decided_by = "engine";
  decision.decided_at = clock.Now();
  if (auto put = txn.PutDecision(decision); !put) return tl::unexpected(put.error());
  return Ok();
}

}  // namespace keruen::risk
