// One row of a component's table of tunable numbers.
//
// The numbers analysts may change from a risk profile file (docs/risk-profiles.md) live in the
// options structs of the components that use them: the party graph's P3 and P5 thresholds
// (ledger::PartyGraphOptions), the payment rules' strengths and the payment decision's
// thresholds (payments::PaymentRuleOptions). Each component describes every such number once,
// in a constexpr table of these rows, next to the struct. The risk rule catalogue lists the
// rows, so that a profile file is checked against their ranges, and builds the options from
// the checked values through `field` (risk::RuleSettings::MakeOptions): the mapping from a
// name in a file to a member is written once, in the table, for every component.
#ifndef KERUEN_CORE_PARAMETER_TABLE_H_
#define KERUEN_CORE_PARAMETER_TABLE_H_

namespace keruen {

template <typename Options, typename Value>
struct ParameterRow {
  // As a profile file writes them: `rule F1 not_buyer 0.5`. `rule` is a rule id of the
  // red-flag catalogue, or the name of a group of settings that belongs to no single rule
  // ("link", "decision").
  const char* rule;
  const char* name;
  Value default_value;  // the member's own initialiser: each table's test keeps them equal
  Value min_value;      // the range a profile file may set, inclusive
  Value max_value;
  const char* help;  // one line for `keruen risk rules`
  Value Options::*field;
};

}  // namespace keruen

#endif  // KERUEN_CORE_PARAMETER_TABLE_H_
