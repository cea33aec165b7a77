// The fields of a declaration that analysts' profiles may test (`keruen risk fields` lists
// them), and the FactSource that answers them for one assessed declaration.
//
// Parties are fields by role: declarant, consignor, consignee and carrier each offer .name,
// .country, .key (the ledger's party key, "bin:123456789012"), .bin, .inn and .registered_on.
// The built-in rules are fields too: rule.G1 ... rule.F5 give each rule's strength on this
// declaration (0 when it did not fire), and `score` the built-in rules' total, so a profile can
// build on what the catalogue found ("rule.G1 >= 0.5 and destination in KG, UZ").
#ifndef KERUEN_RISK_DECLARATION_FIELDS_H_
#define KERUEN_RISK_DECLARATION_FIELDS_H_

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "keruen/core/model.h"
#include "keruen/risk/profile.h"
#include "keruen/risk/rule_hit.h"

namespace keruen::risk {

struct DeclarationFacts;

// The roles a declaration names parties in, in the order of DeclarationFacts::party_keys and
// of the profile fields (declarant.name ... carrier.registered_on).
inline constexpr std::array<std::string_view, 4> kPartyRoles = {"declarant", "consignor",
                                                                "consignee", "carrier"};
// The party of `d` in kPartyRoles[role], or null when the declaration names none.
const Party* PartyInRole(const Declaration& d, size_t role);

// The fields, the built-in rules' parameters and the rule ids: what profile files are checked
// against.
const ProfileSchema& RiskProfileSchema();

// The profile set of an empty file: every default.
std::shared_ptr<const ProfileSet> DefaultProfiles();

class DeclarationFactSource final : public FactSource {
 public:
  // `facts` and `hits` must outlive this object.
  DeclarationFactSource(const DeclarationFacts& facts, const std::vector<RuleHit>& hits,
                        double score);

  size_t item_count() const override;
  std::optional<double> Number(size_t field, size_t item) const override;
  std::optional<std::string_view> Text(size_t field, size_t item) const override;

 private:
  const DeclarationFacts& facts_;
  double score_;
  std::vector<double> strengths_;  // by rule, in BuiltInRules() order
};

}  // namespace keruen::risk

#endif  // KERUEN_RISK_DECLARATION_FIELDS_H_
