// The built-in rules of the risk engine and their settings.
//
// Rule ids and texts are those of the red-flag catalogue (shared/reference/detection-rules.md).
// Every rule has three settings that analysts may change from a profile file: `enabled`
// (1 or 0), `weight` (the points a full-strength hit adds to a declaration's score) and
// `alert_at` (the strength from which a hit becomes an alert; above 1 means never: the rule
// then only weighs in the score). Some rules have thresholds of their own (Q6's `min_parts`...).
// Defaults follow the catalogue; where this engine departs from it, the parameter's help text
// says so and why.
//
// The parameters of the other engines' rules are listed here too, from those engines' own
// tables (core/parameter_table.h), so that one profile file tunes them all: the party graph's
// (P3, P5) and the payment monitor's (F1-F4, and two groups of settings that belong to no
// single rule: "link", how a payment is linked to the declarations it pays, and "decision",
// the thresholds of release / hold / block). A file sets those like any rule's parameter
// (`rule decision hold_threshold 0.7`) but cannot switch the groups off: they are not rules.
#ifndef KERUEN_RISK_RULE_CATALOGUE_H_
#define KERUEN_RISK_RULE_CATALOGUE_H_

#include <array>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "keruen/core/error.h"
#include "keruen/core/parameter_table.h"
#include "keruen/payments/payment_rules.h"
#include "keruen/risk/profile.h"

namespace keruen::risk {

// Where a rule's facts come from.
enum class RuleSource {
  kGoods,      // the controlled-goods lists (G1, G2, G4, G5)
  kHistory,    // what the engine has seen of a trader or a price before (P1, P2, Q3-Q6)
  kLedger,     // the virtual warehouse (Q1, Q2)
  kGraph,      // the party graph (P3, P5)
  kScreening,  // the sanctions lists (P6)
  kTracking,   // the movement monitor's alerts on the declaration's movement (T1-T5)
  kPayments,   // the payment monitor's alerts on payments linked to it (F1-F5)
};
std::string_view RuleSourceName(RuleSource source);

struct RuleSpec {
  std::string id;
  std::string title;
  RuleSource source;
};

// A rule parameter, as profile files set it (profile.h).
using RuleParam = ParamSpec;

// Every built-in rule, in catalogue order.
const std::vector<RuleSpec>& BuiltInRules();
// Every parameter of every built-in rule, including each rule's enabled / weight / alert_at.
const std::vector<RuleParam>& BuiltInParams();
const RuleSpec* FindRule(std::string_view id);

// The values in force, read once from a profile set (its file's `rule` lines, else the
// defaults) so that the rules look them up cheaply on every declaration.
class RuleSettings {
 public:
  RuleSettings();  // every default
  explicit RuleSettings(const ProfileSet& profiles);

  // The value of a parameter the catalogue declares; asserts that it does (a typo in the
  // engine is a bug; a typo in a profile file is caught when the file is parsed).
  double Get(std::string_view rule, std::string_view name) const;
  bool Enabled(std::string_view rule) const;

  // An engine's options with every parameter of its table at the value in force here, the
  // way the engines are configured from a profile file: e.g.
  // MakeOptions(ledger::PartyGraphParameters()). Every row must be in BuiltInParams().
  template <typename Options, typename Value>
  Options MakeOptions(std::span<const ParameterRow<Options, Value>> rows) const {
    Options options;
    for (const ParameterRow<Options, Value>& row : rows) {
      options.*row.field = static_cast<Value>(Get(row.rule, row.name));
    }
    return options;
  }

 private:
  // The rules read dozens of values per declaration, so a lookup hashes nothing: a rule id
  // of a letter and a digit ("G1", "Q3") indexes `by_rule_id_` directly, any other group
  // ("link", "decision") is found among a few, and a group's few names are compared in
  // catalogue order ("enabled", "weight", "alert_at" first).
  struct Group {
    std::string rule;
    // Its "enabled" value, kept apart from `values`: asked for by every rule on every
    // declaration (reading it from `values` cost 1.2 % more of the rules' instructions).
    bool enabled = true;
    std::vector<std::pair<std::string, double>> values;
  };
  void Set(std::string_view rule, std::string_view name, double value);
  int GroupIndex(std::string_view rule) const;  // into groups_, -1 for none

  std::vector<Group> groups_;
  static constexpr size_t kRuleIds = 26 * 10;
  std::array<int16_t, kRuleIds> by_rule_id_;  // index into groups_, -1 for none
};

// The payment monitor's options as `settings` set them: its table's rows, and the payment
// rules (F1-F5, P6) switched off.
payments::PaymentRuleOptions PaymentOptions(const RuleSettings& settings);

// The payment monitor's options as the profile file at `path` sets them (its F1-F4, `link`
// and `decision` lines; the defaults for the rest), or every default when `path` is empty.
// Fails with the file's mistakes, as LoadProfiles does. The monitor takes its options when it
// is built: a file reloaded later changes them from the next start (docs/payments.md).
Result<payments::PaymentRuleOptions> LoadPaymentRuleOptions(const std::string& path);

}  // namespace keruen::risk

#endif  // KERUEN_RISK_RULE_CATALOGUE_H_
