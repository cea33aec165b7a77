// Release, hold or block: the decision on each payment, in time for the bank to act.
//
// For a payment the monitor links it to the declarations it pays (payment_links.h), screens
// its parties and banks (optional PartyScreening), runs F1-F5 and P6 (payment_rules.h) and
// looks at the open alerts of the linked declarations. Then:
//   block    a bank on the route is listed (F5), or the payer or payee matches a sanctions
//            entry by identifier or at `p6_block_score` (P6);
//   hold     a hit of F1-F4 or a weaker P6 hit reaches `hold_threshold`, or a linked
//            declaration has an open alert of high or critical severity;
//   release  otherwise.
// The reasons list every hit (weak ones too, marked by their strength), the open alerts and
// the links, so whoever reviews a hold sees why at once.
//
// Two paths. Decide() answers without writing or remembering anything: the API calls it in a
// bank's release path (index lookups and cached screening; the only I/O is the store query for
// the alerts of linked declarations). As an IngestListener the monitor decides each payment
// stored new or amended inside the ingest transaction: it raises the alerts (ids derived from
// payment, rule and declaration, so a re-ingest never duplicates them; P6 ones through
// PartyScreening, with its ids), records a Decision (kind "payment", decided_by "engine") and
// remembers the payment for later ones (F2's new payers, F3's legs, F4's sums). Declarations
// ingested through it are indexed. What it remembers is not rolled back with a failed
// transaction: a refused batch may leave its payments counted in F4 sums until restart.
//
// A held payment is released or blocked only by an analyst (ReviewHeldPayment), never
// silently: the review is refused unless the latest decision on the payment is a hold.
//
// Thread-safe: Decide may run on many threads while one ingest feeds the monitor.
#ifndef KERUEN_PAYMENTS_PAYMENT_DECISION_H_
#define KERUEN_PAYMENTS_PAYMENT_DECISION_H_

#include <atomic>
#include <cstdint>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "keruen/core/error.h"
#include "keruen/core/model.h"
#include "keruen/core/time.h"
#include "keruen/ingest/ingest.h"
#include "keruen/payments/payment_links.h"
#include "keruen/payments/payment_rules.h"
#include "keruen/screening/party_screening.h"
#include "keruen/store/store.h"

namespace keruen::payments {

inline constexpr std::string_view kPaymentDecisionKind = "payment";
inline constexpr std::string_view kRelease = "release";
inline constexpr std::string_view kHold = "hold";
inline constexpr std::string_view kBlock = "block";

struct LinkSummary {
  std::string declaration;
  LinkMethod method = LinkMethod::kInvoiceRef;
  std::string invoice;
};

struct PaymentDecision {
  std::string payment;
  std::string outcome;  // kRelease, kHold or kBlock
  std::vector<std::string> reasons;
  std::vector<RuleHit> hits;  // strongest first
  std::vector<LinkSummary> links;
  std::vector<std::string> open_alerts;  // ids of high alerts open on linked declarations

  // The Decision to store: kind "payment", decided_by "engine".
  Decision ToDecision(Timestamp decided_at) const;
};

// The decision as JSON (the CLI's --json and the API's answer): payment, outcome, reasons,
// hits (rule, strength, severity, explanation, evidence), links, open_alerts.
void AppendJson(const PaymentDecision& decision, std::string& out);

class PaymentMonitor final : public IngestListener {
 public:
  // `store` (may be null: no look at declaration alerts) and `screening` (may be null: no
  // screening, so no F5 or P6) must outlive the monitor, as must `clock`.
  PaymentMonitor(const Clock& clock, Store* store, const screening::PartyScreening* screening,
                 PaymentRuleOptions options = {});

  void AddDeclaration(const Declaration& d);
  // Remembers a payment decided earlier (start-up), without deciding it again.
  void RememberPayment(const Payment& p);

  // The decision on `p` given what is known now; writes and remembers nothing. Fails only
  // when the store cannot be read.
  Result<PaymentDecision> Decide(const Payment& p) const;

  // IngestListener.
  Status OnDeclaration(Transaction& txn, const Declaration& d) override;
  Status OnPayment(Transaction& txn, const Payment& p) override;

  // The screening that answers P6 and F5 from now on (a server's follows list updates). Not
  // while an ingest or a Decide runs: the server calls it under its write lock.
  void SetScreening(const screening::PartyScreening* screening) { screening_ = screening; }

  // The decisions OnPayment took since the last call, in order: what an API answer reports.
  std::vector<PaymentDecision> TakeDecided();

  const PaymentRuleOptions& options() const { return options_; }
  size_t declarations() const;
  int64_t decided(std::string_view outcome) const;
  int64_t alerts_raised() const { return alerts_raised_; }

 private:
  Result<PaymentDecision> Evaluate(const Payment& p,
                                   std::vector<screening::PartyFinding>* findings) const;

  const Clock& clock_;
  Store* store_;
  const screening::PartyScreening* screening_;
  PaymentRuleOptions options_;
  mutable std::shared_mutex mutex_;  // guards index_ and history_
  DeclarationIndex index_;
  PaymentHistory history_;
  std::atomic<int64_t> released_{0}, held_{0}, blocked_{0}, alerts_raised_{0};
  std::mutex decided_mutex_;
  std::vector<PaymentDecision> decided_;  // bounded: a caller that never takes keeps the latest
};

// Fills `monitor` from the store: every declaration into the index, then every payment into
// its memory (oldest first). Returns how many of each were read.
struct LoadCounts {
  int64_t declarations = 0;
  int64_t payments = 0;
};
Result<LoadCounts> LoadDeclarationIndex(Store& store, PaymentMonitor& monitor);

// The latest payment decision on `payment_id`, or nullopt when it has none.
Result<std::optional<Decision>> LatestPaymentDecision(Store& store, const std::string& payment_id);

// The payments whose latest payment decision is a hold, oldest payment first, with that
// decision. Reads every stored payment's decisions: meant for the CLI and small stores.
struct HeldPayment {
  Payment payment;
  Decision decision;
};
Result<std::vector<HeldPayment>> HeldPayments(Store& store);

// An analyst releases ("release") or blocks ("block") a held payment, with a reason. Refused
// with kNotFound for an unknown payment, kConflict when its latest decision is not a hold, and
// kInvalidArgument for another outcome or an empty analyst or reason. Returns the stored
// decision.
Result<Decision> ReviewHeldPayment(Store& store, const Clock& clock, const std::string& payment_id,
                                   std::string_view outcome, const std::string& analyst,
                                   const std::string& reason);

}  // namespace keruen::payments

#endif  // KERUEN_PAYMENTS_PAYMENT_DECISION_H_
