// What a rule found on one declaration: the red flag, how strongly the facts show it, and the
// facts themselves, so that a lane, an alert or a case can say why.
#ifndef KERUEN_RISK_RULE_HIT_H_
#define KERUEN_RISK_RULE_HIT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "keruen/core/model.h"

namespace keruen::risk {

struct RuleHit {
  std::string rule;  // catalogue id: "G1", "Q6"...
  // How strongly the facts show the red flag, 0 to 1. The declaration's score adds the rule's
  // weight times this; an alert is raised when it reaches the rule's `alert_at`.
  double strength = 0;
  Severity severity = Severity::kMedium;
  std::string explanation;     // one sentence with the numbers
  std::string evidence_json;   // a JSON object with the facts
  std::vector<int32_t> items;  // the goods items concerned (seq), when the rule is about items
  // Other documents the finding rests on (the import a pass-through re-exports, the earlier
  // parts of a split consignment): cases join them to this declaration's story.
  std::vector<std::string> related_declarations;
  // Distinguishes two hits of one rule on one declaration (an HS code, a party): part of the
  // alert id, so that the same facts seen again never raise a second alert.
  std::string key;
};

// The alert a hit raises on `subject`. Its id is the rule and a hash of `facts` (the subject and
// whatever tells two hits of the rule apart), so the same facts seen again give the same id and
// Transaction::RaiseAlert leaves the first one, and an analyst's work on it, alone. The
// evidence carries the hit's related declarations as a top-level "related_declarations"
// array, where cases look for them (cases/cases.h).
Alert AlertOf(const SubjectRef& subject, const RuleHit& hit, std::string_view facts,
              Timestamp raised_at);

}  // namespace keruen::risk

#endif  // KERUEN_RISK_RULE_HIT_H_
