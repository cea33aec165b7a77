// The money rules of the red-flag catalogue (shared/reference/detection-rules.md, section E),
// applied to one payment and the declarations it is linked to.
//
//   F1 third-party payer  the payer is not the declaration's buyer (consignee or declarant),
//                         and/or pays from a third country: the payer's country or its bank's
//                         is neither the buyer's nor the seller's. HK, AE, TR and RU weigh
//                         more: they are where diverted payments for Russia are made from. A
//                         payer in the buyer's country whose name differs while either side
//                         lacks identifiers is weak evidence: names vary between scripts
//                         (深圳华宇电子 / Shenzhen Huayu Electronics) and nothing proves
//                         it is someone else.
//   F2 payment route      a Russian or Belarusian bank anywhere on the route (BIC letters 5-6:
//                         debtor's, creditor's or an intermediary's); RUB or CNY paying goods
//                         of EU origin; full prepayment before lodging by a payer never seen;
//                         one payer paying one payee into 3 or more different accounts within
//                         90 days (the frequent changes of beneficiary account that keep a
//                         receiving account ahead of the banks' blocks). Netting leaves no
//                         payment to see and is not covered.
//   F3 circular flow      a Russian payer pays a Kazakh trader, and that trader pays an EU
//                         supplier an amount within 10 % within 30 days, while it exports goods
//                         to Russia or Belarus in that time: the "Eurasian roundabout".
//   F4 invoice mismatch   the payments that cite an invoice add up to more than its total by
//                         over 10 % (a 30 % prepayment plus the balance adds up to the total and
//                         never fires); a payment linked to no declaration is a weak reason,
//                         never enough alone to hold it: most unlinked payments are services.
//   F5 listed bank        a bank on the route (any agent or intermediary BIC) is on a
//                         sanctions list (the screening hits whose role is a bank).
//   P6 sanctions hit      the payer or the payee matches a list entry (screening).
// Amounts are compared in euros with the fixed table of core/exchange_rates.h.
//
// Every number is a parameter with a name, a default and help (PaymentRuleParameters), so an
// analyst's profile file can change it; strengths are in [0, 1] and a rule's parts combine as
// independent evidence: 1 - (1 - a)(1 - b).
#ifndef KERUEN_PAYMENTS_PAYMENT_RULES_H_
#define KERUEN_PAYMENTS_PAYMENT_RULES_H_

#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "keruen/core/model.h"
#include "keruen/core/parameter_table.h"
#include "keruen/payments/payment_links.h"
#include "keruen/risk/rule_hit.h"
#include "keruen/screening/party_screening.h"

namespace keruen::payments {

struct PaymentRuleOptions {
  // Linking (see payment_links.h).
  double link_amount_tolerance = 0.10;
  double link_days_before = 30;
  double link_days_after = 60;
  // F1
  double f1_not_buyer = 0.7;
  double f1_unverified = 0.3;
  double f1_high_risk_country = 0.6;
  double f1_other_country = 0.4;
  // F2
  double f2_russian_bank = 0.4;
  double f2_currency = 0.6;
  double f2_new_payer_prepayment = 0.5;
  double f2_prepayment_share = 0.9;
  double f2_account_changes = 0.4;
  double f2_accounts_min = 3;
  double f2_accounts_days = 90;
  // F3
  double f3_strength = 0.8;
  double f3_amount_tolerance = 0.10;
  double f3_days = 30;
  // F4
  double f4_mismatch = 0.10;
  double f4_strength = 0.6;
  double f4_unlinked = 0.2;
  // Decisions (payment_decision.h)
  double hold_threshold = 0.6;
  double alert_threshold = 0.5;
  double p6_block_score = 0.95;
  // The rules (F1-F5, P6) a profile switched off (`rule F1 enabled no`): their hits are
  // dropped. Not a table row: `enabled` is every catalogue rule's own parameter.
  std::vector<std::string> disabled_rules;

  LinkOptions link() const;
};

// Every member of PaymentRuleOptions as profile files set it: under its rule ("rule F4
// mismatch 0.2"), or, for the numbers that belong to no single rule, under "link" (linking)
// and "decision" (the decision's thresholds). The risk rule catalogue lists them and builds
// the monitor's options from a profile's values (risk::LoadPaymentRuleOptions).
using PaymentRuleParameter = ParameterRow<PaymentRuleOptions, double>;
std::span<const PaymentRuleParameter> PaymentRuleParameters();

// What the rules remember of earlier payments: amounts paid per declaration (F4), when each
// payer was first seen (F2), the accounts each payer paid each payee into (F2), and the flows
// through Kazakh traders (F3). Recording a payment id again replaces what it recorded, at the
// cost of what that payment touched. Not thread-safe: the PaymentMonitor guards it.
class PaymentHistory {
 public:
  // `options.f2_accounts_days` is the F2 window PayeeAccounts is asked about: older account
  // uses are forgotten, so what is kept per relationship is bounded by the accounts used
  // within it, however long the run. Likewise `options.f3_days` for the flows F3 pairs: a
  // trader's flows older than that before its newest one are forgotten.
  explicit PaymentHistory(const PaymentRuleOptions& options = {});

  void Record(const Payment& p, const std::vector<PaymentLink>& links);

  // Euros paid by the recorded payments other than `except_payment` that cite an invoice of
  // `declaration_id`. Constant time: a running total per declaration.
  double PaidEur(const std::string& declaration_id, const std::string& except_payment) const;
  // Whether a payer with one of `keys` made a recorded payment before `at` (other than
  // `payment_id`).
  bool SeenPayer(const std::vector<std::string>& keys, Timestamp at,
                 const std::string& payment_id) const;

  struct Flow {
    std::string payment_id;
    std::string counterparty;  // the other party's name
    std::string country;       // the other party's country
    double eur = 0;
    Timestamp at = 0;
  };
  // Payments into a Kazakh party from Russia or Belarus, and from it to the EU, by party key:
  // those within the F3 window before the party's newest flow of the same direction. Exact
  // for any payment dated at or after the flows recorded (payments come in time order); a
  // payment dated earlier may miss a leg, let go since, that it would have paired with.
  std::vector<Flow> Incoming(const std::vector<std::string>& keys) const;
  std::vector<Flow> Outgoing(const std::vector<std::string>& keys) const;

  // The distinct accounts (CompactIdentifier) paid into by the recorded payments other than
  // `except_payment`, executed in [from, to], between a payer and a payee with one of the
  // relationship `keys` ("<payer key>|<payee key>", PartyMatchKeys); ordered by their latest
  // use in that window, oldest first. Exact for a window of at most the F2 window that ends
  // at or after the relationship's recorded payments (payments come in time order); for an
  // earlier window it may miss an account used since, whose earlier uses were let go.
  std::vector<std::string> PayeeAccounts(const std::vector<std::string>& keys, Timestamp from,
                                         Timestamp to, const std::string& except_payment) const;

  size_t payments() const { return recorded_.size(); }
  // The account uses kept for PayeeAccounts, over all relationships.
  size_t account_uses() const;

 private:
  struct FirstSeen {
    Timestamp at;
    std::string payment_id;
  };
  struct Paid {
    double eur = 0;                                      // the sum of by_payment
    std::unordered_map<std::string, double> by_payment;  // payment id -> euros
  };
  struct AccountUse {
    std::string payment_id;
    Timestamp at;
  };
  // One account of a payee, with its latest use and the latest by another payment (what
  // answers when the latest is the payment being decided again): at most kKeptUses, latest
  // first.
  struct PayeeAccount {
    std::string account;  // CompactIdentifier
    std::vector<AccountUse> uses;
  };
  static constexpr size_t kKeptUses = 2;
  // What a payment recorded, to take it back when it is recorded again.
  struct Recorded {
    std::vector<std::string> declarations;   // in paid_
    std::vector<std::string> flow_keys;      // in incoming_ or outgoing_
    bool incoming = false;                   // which of the two
    std::vector<std::string> relationships;  // in payee_accounts_
  };
  void Forget(const std::string& payment_id, const Recorded& recorded);

  Timestamp accounts_window_;                   // seconds
  Timestamp flows_window_;                      // seconds
  std::unordered_map<std::string, Paid> paid_;  // by declaration id
  std::unordered_map<std::string, FirstSeen> first_seen_;
  std::unordered_map<std::string, std::vector<Flow>> incoming_, outgoing_;
  // Per relationship key, the accounts used within the F2 window of its latest payment.
  std::unordered_map<std::string, std::vector<PayeeAccount>> payee_accounts_;
  std::unordered_map<std::string, Recorded> recorded_;  // by payment id
};

// One rule's finding on a payment.
// What a rule found on a payment (risk/rule_hit.h, shared with the risk engine): its
// `related_declarations` hold the linked declaration it is about, and its `key` that
// declaration's id (what tells two hits of one rule on one payment apart).
using RuleHit = risk::RuleHit;

struct RuleInput {
  const Payment& payment;
  const std::vector<PaymentLink>& links;
  // Screening findings for PartyQueries(payment); empty when not screened.
  const std::vector<screening::PartyFinding>& findings;
  const PaymentHistory& history;
  const DeclarationIndex& index;
};

// Every hit of F1-F5 and P6, strongest first.
std::vector<RuleHit> EvaluatePaymentRules(const RuleInput& input,
                                          const PaymentRuleOptions& options);

// The country of a BIC (its letters 5-6), empty when it is too short.
std::string_view BicCountry(std::string_view bic);

}  // namespace keruen::payments

#endif  // KERUEN_PAYMENTS_PAYMENT_RULES_H_
