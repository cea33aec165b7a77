#include "keruen/risk/declaration_fields.h"

#include <cassert>
#include <cmath>

#include "keruen/risk/risk_engine.h"
#include "keruen/risk/rule_catalogue.h"

namespace keruen::risk {
namespace {

// The fields in schema order. Party fields come in blocks of kPartyFields per role.
enum Field : size_t {
  kKind,
  kLodgedOn,
  kDispatch,
  kDestination,
  kEntryPost,
  kExitPost,
  kTransportMode,
  kValueEur,
  kItems,
  kScore,
  kPartyBase,  // roles x party fields follow
};
enum PartyField : size_t { kName, kCountry, kKey, kBin, kInn, kRegisteredOn, kPartyFields };
constexpr size_t kItemBase = kPartyBase + kPartyRoles.size() * kPartyFields;
enum ItemField : size_t {
  kHs,
  kDescription,
  kOrigin,
  kUnit,
  kCurrency,
  kQuantity,
  kNetKg,
  kGrossKg,
  kItemValueEur,
  kUnitPriceEur,
  kEurPerKg,
  kChplTier,
  kBanned,
  kItemFields
};
constexpr size_t kRuleBase = kItemBase + kItemFields;

ProfileSchema MakeSchema() {
  ProfileSchema s;
  auto add = [&s](std::string name, FieldType type, bool per_item, std::string help) {
    s.fields.push_back({std::move(name), type, per_item, std::move(help)});
  };
  add("kind", FieldType::kText, false, "import, export, transit or waybill");
  add("lodged_on", FieldType::kDate, false, "the day the declaration was lodged");
  add("dispatch", FieldType::kText, false, "country of dispatch (ISO alpha-2)");
  add("destination", FieldType::kText, false, "country of destination: the next leg");
  add("entry_post", FieldType::kText, false, "the itinerary's entry post, as written");
  add("exit_post", FieldType::kText, false, "the itinerary's exit post, as written");
  add("transport.mode", FieldType::kText, false, "road, rail, air, sea...");
  add("value_eur", FieldType::kNumber, false, "the goods' total value in euros");
  add("items", FieldType::kNumber, false, "how many goods items");
  add("score", FieldType::kNumber, false, "the built-in rules' score before profiles");
  for (std::string_view role : kPartyRoles) {
    const std::string r(role);
    add(r + ".name", FieldType::kText, false, "the " + r + "'s name as written");
    add(r + ".country", FieldType::kText, false, "the " + r + "'s country");
    add(r + ".key", FieldType::kText, false,
        "the " + r + "'s ledger key: bin:..., inn:..., else the name");
    add(r + ".bin", FieldType::kText, false, "the " + r + "'s BIN (Kazakhstan)");
    add(r + ".inn", FieldType::kText, false, "the " + r + "'s INN (Russia, Kyrgyzstan)");
    add(r + ".registered_on", FieldType::kDate, false, "the day the " + r + " was registered");
  }
  add("item.hs", FieldType::kText, true, "the item's HS code, 6 to 10 digits");
  add("item.description", FieldType::kText, true, "the goods description");
  add("item.origin", FieldType::kText, true, "country of origin");
  add("item.unit", FieldType::kText, true, "the unit of the quantity");
  add("item.currency", FieldType::kText, true, "the currency of the value");
  add("item.quantity", FieldType::kNumber, true, "the quantity in its unit");
  add("item.net_kg", FieldType::kNumber, true, "net mass");
  add("item.gross_kg", FieldType::kNumber, true, "gross mass");
  add("item.value_eur", FieldType::kNumber, true, "the item's value in euros");
  add("item.unit_price_eur", FieldType::kNumber, true, "euros per unit of quantity");
  add("item.eur_per_kg", FieldType::kNumber, true, "euros per net kg");
  add("item.chpl_tier", FieldType::kText, true,
      "CHPL tier (1, 2, 3.A, 3.B, 4.A, 4.B), else missing");
  add("item.banned", FieldType::kNumber, true,
      "1 when a ban in force covers the code toward the destination, else 0");
  for (const RuleSpec& rule : BuiltInRules()) {
    add("rule." + rule.id, FieldType::kNumber, false,
        rule.id + " " + rule.title + ": its strength, 0 to 1 (0: no hit)");
    s.rules.push_back(rule.id);
  }
  s.params = BuiltInParams();
  return s;
}

}  // namespace

const Party* PartyInRole(const Declaration& d, size_t role) {
  switch (role) {
    case 0:
      return &d.declarant;
    case 1:
      return d.consignor ? &*d.consignor : nullptr;
    case 2:
      return d.consignee ? &*d.consignee : nullptr;
    default:
      return d.carrier ? &*d.carrier : nullptr;
  }
}

const ProfileSchema& RiskProfileSchema() {
  static const ProfileSchema schema = MakeSchema();
  return schema;
}

std::shared_ptr<const ProfileSet> DefaultProfiles() {
  static const std::shared_ptr<const ProfileSet> defaults = [] {
    auto set = ParseProfiles("", "(defaults)", RiskProfileSchema());
    assert(set.has_value() && "an empty profile file is valid");
    return std::make_shared<const ProfileSet>(std::move(*set));
  }();
  return defaults;
}

DeclarationFactSource::DeclarationFactSource(const DeclarationFacts& facts,
                                             const std::vector<RuleHit>& hits, double score)
    : facts_(facts), score_(score), strengths_(BuiltInRules().size(), 0.0) {
  const auto& rules = BuiltInRules();
  for (const RuleHit& hit : hits) {
    for (size_t i = 0; i < rules.size(); ++i) {
      if (rules[i].id == hit.rule) strengths_[i] = std::max(strengths_[i], hit.strength);
    }
  }
}

size_t DeclarationFactSource::item_count() const { return facts_.items.size(); }

std::optional<double> DeclarationFactSource::Number(size_t field, size_t item) const {
  const Declaration& d = *facts_.declaration;
  if (field >= kRuleBase) return strengths_[field - kRuleBase];
  if (field >= kItemBase) {
    if (item >= facts_.items.size()) return std::nullopt;
    const ItemFacts& it = facts_.items[item];
    const GoodsItem& g = *it.item;
    switch (field - kItemBase) {
      case kQuantity:
        return g.quantity;
      case kNetKg:
        return g.net_kg;
      case kGrossKg:
        return g.gross_kg;
      case kItemValueEur:
        return it.value_eur;
      case kUnitPriceEur:
        if (!it.value_eur || g.quantity <= 0) return std::nullopt;
        return *it.value_eur / g.quantity;
      case kEurPerKg:
        if (!it.value_eur || g.net_kg <= 0) return std::nullopt;
        return *it.value_eur / g.net_kg;
      case kBanned:
        for (const goods::Listing& l : it.listings) {
          if (l.list != goods::kChplList && l.in_force &&
              l.BansExportTo(d.country_of_destination)) {
            return 1.0;
          }
        }
        return 0.0;
      default:
        return std::nullopt;
    }
  }
  if (field >= kPartyBase) {
    const Party* p = PartyInRole(d, (field - kPartyBase) / kPartyFields);
    if (p && (field - kPartyBase) % kPartyFields == kRegisteredOn && p->registered_on) {
      return static_cast<double>(*p->registered_on);
    }
    return std::nullopt;
  }
  switch (field) {
    case kLodgedOn:
      return static_cast<double>(facts_.date);
    case kValueEur:
      return facts_.value_eur;
    case kItems:
      return static_cast<double>(d.items.size());
    case kScore:
      return score_;
    default:
      return std::nullopt;
  }
}

std::optional<std::string_view> DeclarationFactSource::Text(size_t field, size_t item) const {
  const Declaration& d = *facts_.declaration;
  if (field >= kRuleBase) return std::nullopt;
  if (field >= kItemBase) {
    if (item >= facts_.items.size()) return std::nullopt;
    const ItemFacts& it = facts_.items[item];
    switch (field - kItemBase) {
      case kHs:
        return std::string_view(it.item->hs);
      case kDescription:
        return std::string_view(it.item->description);
      case kOrigin:
        return std::string_view(it.item->origin);
      case kUnit:
        return std::string_view(it.item->unit);
      case kCurrency:
        return std::string_view(it.item->value.currency);
      case kChplTier:
        if (const goods::Listing* chpl = it.chpl()) return std::string_view(chpl->tier);
        return std::nullopt;
      default:
        return std::nullopt;
    }
  }
  if (field >= kPartyBase) {
    const size_t role = (field - kPartyBase) / kPartyFields;
    const Party* p = PartyInRole(d, role);
    if (!p) return std::nullopt;
    switch ((field - kPartyBase) % kPartyFields) {
      case kName:
        return std::string_view(p->name);
      case kCountry:
        return std::string_view(p->country);
      case kKey:
        return std::string_view(facts_.party_keys[role]);
      case kBin:
        return p->Id(IdKind::kBin);
      case kInn:
        return p->Id(IdKind::kInn);
      default:
        return std::nullopt;
    }
  }
  switch (field) {
    case kKind:
      return DeclarationKindName(d.kind);
    case kDispatch:
      return std::string_view(d.country_of_dispatch);
    case kDestination:
      return std::string_view(d.country_of_destination);
    case kEntryPost:
      return std::string_view(d.itinerary.entry_post);
    case kExitPost:
      return std::string_view(d.itinerary.exit_post);
    case kTransportMode:
      return std::string_view(d.transport.mode);
    default:
      return std::nullopt;
  }
}

}  // namespace keruen::risk
