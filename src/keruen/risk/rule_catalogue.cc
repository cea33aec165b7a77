#include "keruen/risk/rule_catalogue.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <iterator>
#include <span>

#include "keruen/ledger/party_graph.h"
#include "keruen/risk/declaration_fields.h"

namespace keruen::risk {
namespace {

// Each rule's weight and alert threshold, then its own parameters.
struct RuleDefaults {
  const char* id;
  const char* title;
  RuleSource source;
  double weight;
  double alert_at;
};

constexpr RuleDefaults kRules[] = {
    {"G1", "CHPL hit", RuleSource::kGoods, 30, 0.8},
    {"G2", "EU-sanctioned or nationally banned code toward Russia or Belarus", RuleSource::kGoods,
     100, 0.8},
    {"G4", "Luxury good above its price ceiling with a Russia or Belarus nexus", RuleSource::kGoods,
     60, 0.5},
    {"G5", "Misclassification: goods moved to an unlisted neighbour, or priced like a listed one",
     RuleSource::kGoods, 50, 0.5},
    {"P1", "New trader in high-priority goods", RuleSource::kHistory, 35, 1.0},
    {"P2", "Change of business line into high-priority goods", RuleSource::kHistory, 30, 0.5},
    {"P3", "Shell indicators", RuleSource::kGraph, 20, 0.66},
    {"P5", "Near a listed party", RuleSource::kGraph, 50, 0.5},
    {"P6", "Sanctions list hit", RuleSource::kScreening, 100, 2.0},
    {"Q1", "Quantity balance: exports beyond imports", RuleSource::kLedger, 50, 0.5},
    {"Q2", "Pass-through to Russia", RuleSource::kLedger, 70, 0.5},
    {"Q3", "Unit price far from the market", RuleSource::kHistory, 20, 1.1},
    {"Q4", "Value per kg or gross/net ratio implausible", RuleSource::kHistory, 15, 1.1},
    {"Q5", "Import surge", RuleSource::kHistory, 25, 0.5},
    {"Q6", "Split shipments under a threshold", RuleSource::kHistory, 60, 0.5},
    {"T1", "Ghost transit", RuleSource::kTracking, 100, 2.0},
    {"T2", "Overdue transit", RuleSource::kTracking, 30, 2.0},
    {"T3", "Route deviation", RuleSource::kTracking, 60, 2.0},
    {"T4", "Seal integrity or silence", RuleSource::kTracking, 60, 2.0},
    {"T5", "Abnormal transit time", RuleSource::kTracking, 20, 2.0},
    {"F1", "Third-party payer", RuleSource::kPayments, 40, 2.0},
    {"F2", "Payment route", RuleSource::kPayments, 25, 2.0},
    {"F3", "Circular flow", RuleSource::kPayments, 60, 2.0},
    {"F4", "Invoice mismatch", RuleSource::kPayments, 25, 2.0},
    {"F5", "Listed bank", RuleSource::kPayments, 100, 2.0},
};

struct OwnParam {
  const char* rule;
  const char* name;
  double value, min, max;
  const char* help;
};

constexpr OwnParam kOwnParams[] = {
    {"G1", "escalated_strength", 1.0, 0, 1,
     "Strength of a tier-1 hit when the goods go to RU/BY or a party sits in a diversion-risk "
     "country; a tier's weight scales it"},
    {"G1", "plain_strength", 0.4, 0, 1, "Strength of a tier-1 hit without that escalation"},
    {"G2", "eu_only_strength", 0.6, 0, 1,
     "Strength of a hit on the EU's bans alone (they bind EU exporters; a national list's ban is "
     "1): at the default weight a documentary check, not an examination, unless other rules add "
     "to it"},
    {"G4", "default_ceiling_eur", 300, 0, 1e9,
     "Ceiling per unit when the listing names none (EUR 300 for most luxury goods)"},
    {"G5", "window_days", 90, 1, 3650,
     "A move of the same goods from a listed to an unlisted code counts within this many days"},
    {"G5", "value_mads", 4, 0.5, 100,
     "An unlisted item's value per kg this many scaled MADs from its own code's median..."},
    {"G5", "listed_mads", 2, 0.1, 100,
     "...and within this many of a listed code of the same heading points to that code"},
    {"G5", "value_strength", 0.6, 0, 1,
     "Strength of a hit by value per kg (a move of the same goods is 1)"},
    {"P1", "since", 19047, 0, 1e6,
     "Traders registered on or after this day (days since 1970; 19047 = 2022-02-24) are new"},
    {"P1", "strong_within_days", 180, 1, 3650,
     "Full strength when the first high-priority declaration comes within this many days of "
     "registration; otherwise 0.4"},
    {"P2", "quiet_months", 24, 1, 120, "Months with no chapter 84/85/90 trade before the change"},
    {"P2", "chpl_share", 0.30, 0, 1, "Share of high-priority goods by value over 12 months"},
    {"Q1", "balance_tolerance", 0.05, 0, 10,
     "Exports may exceed imports by this share before it is a finding (catalogue: 5 to 10 %)"},
    {"Q1", "min_excess_kg", 10, 0, 1e9, "...and by at least this many kg"},
    {"Q2", "window_days", 30, 1, 365, "Days between the import and the export to Russia"},
    {"Q2", "quantity_tolerance", 0.2, 0, 1, "How far the two quantities may differ, as a share"},
    {"Q3", "mads", 3, 0.5, 100, "Distance from the median log price, in scaled MADs"},
    {"Q3", "min_samples", 20, 3, 100000, "Prices seen before a code has a reference"},
    {"Q4", "mads", 4, 0.5, 100, "Distance from the median log value per kg, in scaled MADs"},
    {"Q4", "max_gross_net", 3, 1, 100, "Gross mass above this many times the net is implausible"},
    {"Q5", "factor", 3, 1, 1000, "A month above this many times the average month is a surge"},
    {"Q5", "min_months", 3, 1, 120, "Months of history before a surge can be judged"},
    {"Q6", "min_parts", 3, 2, 100,
     "Consignments of one consignor to one consignee, each just under the threshold, that make "
     "a split (the catalogue says 5 CHPL consignments in 30 days; the simulated schemes split "
     "into 3 to 5 parts of any goods within hours, which the defaults here catch)"},
    {"Q6", "window_days", 7, 1, 365, "Days within which the parts fall"},
    {"Q6", "threshold_eur", 10000, 1, 1e12, "The internal value threshold the parts stay under"},
    {"Q6", "near_fraction", 0.8, 0, 1,
     "A part counts when its value is at least this fraction of the threshold"},
    {"Q6", "chpl_only", 0, 0, 1, "1: count only consignments of high-priority goods"},
};

template <typename Options, typename Value>
RuleParam ParamOf(const ParameterRow<Options, Value>& row) {
  return {row.rule,
          row.name,
          static_cast<double>(row.default_value),
          static_cast<double>(row.min_value),
          static_cast<double>(row.max_value),
          row.help};
}

// Appends the rows of an engine's table that belong to `rule`, in table order.
template <typename Options, typename Value>
void AppendRows(std::span<const ParameterRow<Options, Value>> rows, std::string_view rule,
                std::vector<RuleParam>& out) {
  for (const ParameterRow<Options, Value>& row : rows) {
    if (row.rule == rule) out.push_back(ParamOf(row));
  }
}

bool IsRule(std::string_view id) {
  return std::any_of(std::begin(kRules), std::end(kRules),
                     [id](const RuleDefaults& r) { return r.id == id; });
}

// A rule id of one capital letter and one digit ("G1") as an index below
// RuleSettings::kRuleIds, or -1 for any other group name.
int RuleIdIndex(std::string_view rule) {
  if (rule.size() != 2 || rule[0] < 'A' || rule[0] > 'Z' || rule[1] < '0' || rule[1] > '9') {
    return -1;
  }
  return (rule[0] - 'A') * 10 + (rule[1] - '0');
}

}  // namespace

std::string_view RuleSourceName(RuleSource source) {
  switch (source) {
    case RuleSource::kGoods:
      return "goods";
    case RuleSource::kHistory:
      return "history";
    case RuleSource::kLedger:
      return "ledger";
    case RuleSource::kGraph:
      return "graph";
    case RuleSource::kScreening:
      return "screening";
    case RuleSource::kTracking:
      return "tracking";
    case RuleSource::kPayments:
      return "payments";
  }
  return "?";
}

const std::vector<RuleSpec>& BuiltInRules() {
  static const std::vector<RuleSpec> rules = [] {
    std::vector<RuleSpec> out;
    for (const RuleDefaults& r : kRules) out.push_back({r.id, r.title, r.source});
    return out;
  }();
  return rules;
}

const std::vector<RuleParam>& BuiltInParams() {
  static const std::vector<RuleParam> params = [] {
    std::vector<RuleParam> out;
    for (const RuleDefaults& r : kRules) {
      out.push_back({r.id, "enabled", 1, 0, 1, "1: the rule runs; 0: it is off"});
      out.push_back({r.id, "weight", r.weight, 0, 1000,
                     "Points a full-strength hit adds to the declaration's score"});
      out.push_back({r.id, "alert_at", r.alert_at, 0, 2,
                     "Strength from which a hit raises an alert (above 1: never; the rule "
                     "only scores)"});
      AppendRows(ledger::PartyGraphParameters(), r.id, out);
      AppendRows(payments::PaymentRuleParameters(), r.id, out);
      for (const OwnParam& p : kOwnParams) {
        if (std::string_view(p.rule) == r.id)
          out.push_back({p.rule, p.name, p.value, p.min, p.max, p.help});
      }
    }
    // The payment settings that belong to no rule ("link", "decision"), in table order.
    for (const payments::PaymentRuleParameter& p : payments::PaymentRuleParameters()) {
      if (!IsRule(p.rule)) out.push_back(ParamOf(p));
    }
    return out;
  }();
  return params;
}

const RuleSpec* FindRule(std::string_view id) {
  for (const RuleSpec& r : BuiltInRules()) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

RuleSettings::RuleSettings() {
  by_rule_id_.fill(-1);
  for (const RuleParam& p : BuiltInParams()) Set(p.rule, p.name, p.default_value);
}

RuleSettings::RuleSettings(const ProfileSet& profiles) {
  by_rule_id_.fill(-1);
  for (const RuleParam& p : BuiltInParams()) Set(p.rule, p.name, profiles.Param(p.rule, p.name));
}

void RuleSettings::Set(std::string_view rule, std::string_view name, double value) {
  int g = GroupIndex(rule);
  if (g < 0) {
    g = static_cast<int>(groups_.size());
    if (const int id = RuleIdIndex(rule); id >= 0) {
      by_rule_id_[static_cast<size_t>(id)] = static_cast<int16_t>(g);
    }
    groups_.push_back(Group{std::string(rule), {}});
  }
  Group& group = groups_[static_cast<size_t>(g)];
  if (name == "enabled") group.enabled = value != 0;
  for (auto& [known, v] : group.values) {
    if (known == name) {
      v = value;
      return;
    }
  }
  group.values.emplace_back(std::string(name), value);
}

int RuleSettings::GroupIndex(std::string_view rule) const {
  if (const int id = RuleIdIndex(rule); id >= 0) return by_rule_id_[static_cast<size_t>(id)];
  for (size_t g = 0; g < groups_.size(); ++g) {
    if (groups_[g].rule == rule) return static_cast<int>(g);
  }
  return -1;
}

payments::PaymentRuleOptions PaymentOptions(const RuleSettings& settings) {
  payments::PaymentRuleOptions options = settings.MakeOptions(payments::PaymentRuleParameters());
  for (const RuleDefaults& r : kRules) {
    const bool payment_rule = r.source == RuleSource::kPayments || std::string_view(r.id) == "P6";
    if (payment_rule && !settings.Enabled(r.id)) options.disabled_rules.emplace_back(r.id);
  }
  return options;
}

Result<payments::PaymentRuleOptions> LoadPaymentRuleOptions(const std::string& path) {
  if (path.empty()) return PaymentOptions(RuleSettings());
  auto profiles = LoadProfiles(path, RiskProfileSchema());
  if (!profiles) return tl::unexpected(profiles.error());
  return PaymentOptions(RuleSettings(*profiles));
}

bool RuleSettings::Enabled(std::string_view rule) const {
  const int g = GroupIndex(rule);
  assert(g >= 0 && "the engine asked for a rule the catalogue does not declare");
  return g >= 0 && groups_[static_cast<size_t>(g)].enabled;
}

double RuleSettings::Get(std::string_view rule, std::string_view name) const {
  if (const int g = GroupIndex(rule); g >= 0) {
    for (const auto& [known, value] : groups_[static_cast<size_t>(g)].values) {
      if (known == name) return value;
    }
  }
  assert(false && "the engine asked for a parameter the catalogue does not declare");
  return 0;
}

}  // namespace keruen::risk
