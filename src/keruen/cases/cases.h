// Cases: one per story, not one per symptom.
//
// The engines raise alerts on single documents: T1 on a movement, G2 on a declaration, Q2 on an
// export with its import behind it, F1 on a payment, P6 on whichever document names a listed
// party. A case joins every alert that shares a document, directly or through the documents an
// alert rests on (a Q2 pass-through names the import and the export; a split shipment names
// its parts; a payment alert names the declarations the payment pays). A movement is its
// declaration. So the truck, the declaration's goods and lists, the ledger finding and the
// money end up in one case, with the evidence of each rule.
//
// Alerts name the documents they rest on in their evidence: a top-level
// "related_declarations" (or "linked_declarations") array of declaration ids, and
// "related_payments" of payment ids.
//
// Cases are computed from the store's alerts and decisions, not stored: a new alert joins its
// story the moment it is raised. A case's id is "CASE-" followed by the id of its first alert,
// so it stays while the story grows (when two stories merge, the older id stays).
//
// Work on a case is recorded in the store: assignment and disposition are Decisions on the
// subject {"case", id} and each of its alerts' status is set; both are audited.
//
// Feedback: an alert an analyst closed as a false positive clears its facts. A later alert on
// the same facts (the same party matching the same list entry, or the same rule on the same
// party for the party rules P1, P3, P5) is shown as suppressed and opens no case.
#ifndef KERUEN_CASES_CASES_H_
#define KERUEN_CASES_CASES_H_

#include <string>
#include <vector>

#include "keruen/core/error.h"
#include "keruen/core/model.h"
#include "keruen/store/store.h"

namespace keruen::cases {

enum class CaseStatus { kOpen, kAssigned, kTruePositive, kFalsePositive };
std::string_view CaseStatusName(CaseStatus status);  // "open", "assigned", ...

struct Case {
  std::string id;
  CaseStatus status = CaseStatus::kOpen;
  std::string assignee;                 // the latest assignment, empty when none
  Severity severity = Severity::kInfo;  // the highest of its alerts
  // Higher first in the queue: severity, then how many different rules agree.
  int priority = 0;
  std::vector<std::string> declarations;  // sorted
  std::vector<std::string> payments;      // sorted
  std::vector<std::string> rules;         // distinct, sorted
  std::vector<Alert> alerts;              // in the order they were raised
  std::vector<Alert> suppressed;          // alerts on facts an analyst cleared before
  Timestamp opened_at = 0;                // the first alert's time
  Timestamp updated_at = 0;               // the latest alert's time
  std::string summary;                    // one line: rules and documents
};

struct CaseFilter {
  std::string status;    // a CaseStatusName, or empty for all
  std::string assignee;  // exact
  std::string rule;      // cases with an alert of this rule
  std::string document;  // cases about this declaration or payment
};

// Every case in the store, highest priority first (then newest first).
Result<std::vector<Case>> BuildCases(Store& store, const CaseFilter& filter = {});
// One case, or kNotFound.
Result<Case> GetCase(Store& store, const std::string& case_id);

// Assigns a case to an analyst: its open alerts become assigned.
Result<Case> AssignCase(Store& store, const std::string& case_id, const std::string& analyst,
                        const Clock& clock);
// Closes a case as a true or false positive ("true_positive" / "false_positive"); a false
// positive needs a reason. Every alert of the case takes the outcome.
Result<Case> DisposeCase(Store& store, const std::string& case_id, const std::string& outcome,
                         const std::string& analyst, const std::string& reason, const Clock& clock);

}  // namespace keruen::cases

#endif  // KERUEN_CASES_CASES_H_
