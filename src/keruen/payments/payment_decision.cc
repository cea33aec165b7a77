#include "keruen/payments/payment_decision.h"

#include <cstdio>
#include <mutex>
#include <utility>

#include "keruen/core/json_writer.h"

namespace keruen::payments {
namespace {

std::string Strength(double s) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", s);
  return buf;
}

bool IsOpen(AlertStatus s) { return s == AlertStatus::kOpen || s == AlertStatus::kAssigned; }

}  // namespace

Decision PaymentDecision::ToDecision(Timestamp decided_at) const {
  Decision d;
  d.subject = SubjectRef{"payment", payment};
  d.kind = std::string(kPaymentDecisionKind);
  d.outcome = outcome;
  d.reasons = reasons;
  d.decided_by = "engine";
  d.decided_at = decided_at;
  return d;
}

void AppendJson(const PaymentDecision& decision, std::string& out) {
  JsonWriter w(out);
  w.BeginObject();
  w.Field("payment", decision.payment);
  w.Field("outcome", decision.outcome);
  w.Key("reasons").BeginArray();
  for (const std::string& r : decision.reasons) w.String(r);
  w.EndArray();
  w.Key("hits").BeginArray();
  for (const RuleHit& h : decision.hits) {
    w.BeginObject();
    w.Field("rule", h.rule).Field("strength", h.strength);
    w.Field("severity", SeverityName(h.severity));
    w.Field("explanation", h.explanation);
    if (!h.key.empty()) w.Field("declaration", h.key);
    w.Key("evidence").Raw(h.evidence_json);
    w.EndObject();
  }
  w.EndArray();
  w.Key("links").BeginArray();
  for (const LinkSummary& l : decision.links) {
    w.BeginObject().Field("declaration", l.declaration).Field("method", LinkMethodName(l.method));
    if (!l.invoice.empty()) w.Field("invoice", l.invoice);
    w.EndObject();
  }
  w.EndArray();
  w.Key("open_alerts").BeginArray();
  for (const std::string& a : decision.open_alerts) w.String(a);
  w.EndArray();
  w.EndObject();
}

PaymentMonitor::PaymentMonitor(const Clock& clock, Store* store,
                               const screening::PartyScreening* screening,
                               PaymentRuleOptions options)
    : clock_(clock),
      store_(store),
      screening_(screening),
      options_(options),
      index_(options.link()),
      history_(options) {}

void PaymentMonitor::AddDeclaration(const Declaration& d) {
  std::unique_lock lock(mutex_);
  index_.AddDeclaration(d);
}

void PaymentMonitor::RememberPayment(const Payment& p) {
  std::unique_lock lock(mutex_);
  history_.Record(p, index_.Link(p));
}

size_t PaymentMonitor::declarations() const {
  std::shared_lock lock(mutex_);
  return index_.size();
}

int64_t PaymentMonitor::decided(std::string_view outcome) const {
  if (outcome == kRelease) return released_;
  if (outcome == kHold) return held_;
  if (outcome == kBlock) return blocked_;
  return 0;
}

Result<PaymentDecision> PaymentMonitor::Evaluate(
    const Payment& p, std::vector<screening::PartyFinding>* findings_out) const {
  std::vector<screening::PartyFinding> findings;
  if (screening_ != nullptr) findings = screening_->Screen(screening::PartyQueries(p));

  PaymentDecision decision;
  decision.payment = p.id;
  {
    std::shared_lock lock(mutex_);
    const std::vector<PaymentLink> links = index_.Link(p);
    decision.hits = EvaluatePaymentRules(RuleInput{p, links, findings, history_, index_}, options_);
    for (const PaymentLink& l : links) {
      decision.links.push_back(LinkSummary{l.declaration->declaration.id, l.method, l.invoice});
    }
  }

  std::vector<std::string> alert_reasons;
  if (store_ != nullptr) {
    for (const LinkSummary& link : decision.links) {
      AlertQuery q;
      q.subject_type = "declaration";
      q.subject_id = link.declaration;
      q.limit = 100;
      auto alerts = store_->FindAlerts(q);
      if (!alerts) return tl::unexpected(alerts.error());
      for (const Alert& a : alerts->items) {
        if (!IsOpen(a.status) || a.severity < Severity::kHigh) continue;
        decision.open_alerts.push_back(a.id);
        alert_reasons.push_back("declaration " + link.declaration + " has open " +
                                std::string(SeverityName(a.severity)) + " alert " + a.id + " (" +
                                a.rule + "): " + a.explanation);
      }
    }
  }

  bool block = false;
  bool hold = !decision.open_alerts.empty();
  for (const RuleHit& h : decision.hits) {
    if (h.rule == "F5" || (h.rule == "P6" && h.strength >= options_.p6_block_score)) block = true;
    if (h.strength >= options_.hold_threshold) hold = true;
  }
  decision.outcome = std::string(block ? kBlock : hold ? kHold : kRelease);
  for (const RuleHit& h : decision.hits) {
    decision.reasons.push_back(h.rule + " (" + Strength(h.strength) + "): " + h.explanation);
  }
  for (std::string& r : alert_reasons) decision.reasons.push_back(std::move(r));
  for (const LinkSummary& l : decision.links) {
    decision.reasons.push_back("linked to declaration " + l.declaration + " by " +
                               std::string(LinkMethodName(l.method)) +
                               (l.invoice.empty() ? "" : " (invoice " + l.invoice + ")"));
  }
  if (findings_out != nullptr) *findings_out = std::move(findings);
  return decision;
}

Result<PaymentDecision> PaymentMonitor::Decide(const Payment& p) const {
  return Evaluate(p, nullptr);
}

Status PaymentMonitor::OnDeclaration(Transaction&, const Declaration& d) {
  AddDeclaration(d);
  return Ok();
}

Status PaymentMonitor::OnPayment(Transaction& txn, const Payment& p) {
  std::vector<screening::PartyFinding> findings;
  auto decision = Evaluate(p, &findings);
  if (!decision) return tl::unexpected(decision.error());
  const SubjectRef subject{"payment", p.id};
  const Timestamp now = clock_.Now();
  for (const RuleHit& h : decision->hits) {
    // P6 alerts are the screening component's (its ids, its evidence).
    if (h.rule == "P6" || h.strength < options_.alert_threshold) continue;
    // The facts alerted on: the payment, the rule, the declaration it is about.
    const Alert a = risk::AlertOf(subject, h, p.id + '\0' + h.rule + '\0' + h.key, now);
    auto raised = txn.RaiseAlert(a);
    if (!raised) return tl::unexpected(raised.error());
    alerts_raised_ += *raised ? 1 : 0;
  }
  if (screening_ != nullptr && !findings.empty()) {
    auto raised = screening_->RaiseAlerts(txn, subject, findings);
    if (!raised) return tl::unexpected(raised.error());
    alerts_raised_ += *raised;
  }
  auto stored = txn.PutDecision(decision->ToDecision(now));
  if (!stored) return tl::unexpected(stored.error());
  (decision->outcome == kBlock ? blocked_ : decision->outcome == kHold ? held_ : released_)++;
  RememberPayment(p);
  {
    std::lock_guard lock(decided_mutex_);
    if (decided_.size() >= 100000) decided_.clear();
    decided_.push_back(std::move(*decision));
  }
  return Ok();
}

std::vector<PaymentDecision> PaymentMonitor::TakeDecided() {
  std::lock_guard lock(decided_mutex_);
  return std::exchange(decided_, {});
}

Result<LoadCounts> LoadDeclarationIndex(Store& store, PaymentMonitor& monitor) {
  LoadCounts counts;
  auto declarations = ForEachDeclaration(store, [&monitor](const Declaration& d) {
    monitor.AddDeclaration(d);
    return true;
  });
  if (!declarations) return tl::unexpected(declarations.error());
  auto payments = ForEachPayment(store, [&monitor](const Payment& p) {
    monitor.RememberPayment(p);
    return true;
  });
  if (!payments) return tl::unexpected(payments.error());
  counts.declarations = *declarations;
  counts.payments = *payments;
  return counts;
}

Result<std::optional<Decision>> LatestPaymentDecision(Store& store, const std::string& payment_id) {
  auto decisions = store.DecisionsFor(SubjectRef{"payment", payment_id});
  if (!decisions) return tl::unexpected(decisions.error());
  std::optional<Decision> latest;
  for (Decision& d : *decisions) {
    if (d.kind == kPaymentDecisionKind) latest = std::move(d);
  }
  return latest;
}

Result<std::vector<HeldPayment>> HeldPayments(Store& store) {
  std::vector<HeldPayment> held;
  PaymentQuery q;
  q.limit = 1000;
  for (;;) {
    auto page = store.FindPayments(q);
    if (!page) return tl::unexpected(page.error());
    for (Payment& p : page->items) {
      auto latest = LatestPaymentDecision(store, p.id);
      if (!latest) return tl::unexpected(latest.error());
      if (*latest && (*latest)->outcome == kHold) {
        held.push_back(HeldPayment{std::move(p), std::move(**latest)});
      }
    }
    if (page->next.empty()) break;
    q.after = page->next;
  }
  return held;
}

Result<Decision> ReviewHeldPayment(Store& store, const Clock& clock, const std::string& payment_id,
                                   std::string_view outcome, const std::string& analyst,
                                   const std::string& reason) {
  if (outcome != kRelease && outcome != kBlock) {
    return InvalidArgument(
        "outcome", "\"" + std::string(outcome) + "\" is not a review outcome (release or block)");
  }
  if (analyst.empty()) return InvalidArgument("analyst", "who reviews the payment must be named");
  if (reason.empty()) return InvalidArgument("reason", "a review needs a reason");
  auto payment = store.GetPayment(payment_id);
  if (!payment) return tl::unexpected(payment.error());
  if (!*payment) return NotFound("no payment with id " + payment_id);
  auto latest = LatestPaymentDecision(store, payment_id);
  if (!latest) return tl::unexpected(latest.error());
  if (!*latest || (*latest)->outcome != kHold) {
    return MakeError(ErrorCode::kConflict,
                     "payment " + payment_id + " is not held (latest decision: " +
                         (*latest ? (*latest)->outcome + " by " + (*latest)->decided_by + " at " +
                                        FormatTimestamp((*latest)->decided_at)
                                  : std::string("none")) +
                         "); only a held payment is reviewed");
  }
  Decision d;
  d.subject = SubjectRef{"payment", payment_id};
  d.kind = std::string(kPaymentDecisionKind);
  d.outcome = std::string(outcome);
  d.reasons = {reason};
  d.decided_by = analyst;
  d.decided_at = clock.Now();
  auto txn = store.Begin();
  if (!txn) return tl::unexpected(txn.error());
  auto id = (*txn)->PutDecision(d);
  if (!id) return tl::unexpected(id.error());
  if (auto committed = (*txn)->Commit(); !committed) return tl::unexpected(committed.error());
  d.id = *id;
  return d;
}

}  // namespace keruen::payments
