#include "keruen/payments/payment_rules.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <unordered_set>

#include "keruen/core/exchange_rates.h"
#include "keruen/core/json_writer.h"

namespace keruen::payments {
namespace {

constexpr int64_t kDay = 86400;

// Every field of PaymentRuleOptions, with its meaning. The defaults here are the struct's own
// (a test keeps them equal).
constexpr PaymentRuleParameter kParameters[] = {
    {"link", "amount_tolerance", 0.10, 0, 1,
     "Without an invoice ref, a payment links to a declaration of its payee whose invoice total "
     "is within this share of the amount",
     &PaymentRuleOptions::link_amount_tolerance},
    {"link", "days_before", 30, 0, 3650,
     "...and that is lodged at most this many days after the payment (prepayment)",
     &PaymentRuleOptions::link_days_before},
    {"link", "days_after", 60, 0, 3650, "...or at most this many days before it",
     &PaymentRuleOptions::link_days_after},
    {"F1", "not_buyer", 0.7, 0, 1, "Strength when the payer is not the declaration's buyer",
     &PaymentRuleOptions::f1_not_buyer},
    {"F1", "unverified", 0.3, 0, 1,
     "Strength when the payer's name differs from the buyer's in the buyer's own country and "
     "one of them has no identifier to compare",
     &PaymentRuleOptions::f1_unverified},
    {"F1", "high_risk_country", 0.6, 0, 1,
     "Strength when the payer or its bank is in HK, AE, TR or RU and neither trading party is",
     &PaymentRuleOptions::f1_high_risk_country},
    {"F1", "other_country", 0.4, 0, 1,
     "Strength when the payer or its bank is in any other country than the buyer's and the "
     "seller's",
     &PaymentRuleOptions::f1_other_country},
    {"F2", "russian_bank", 0.4, 0, 1,
     "Strength when a bank on the route (debtor's, creditor's, intermediary) is Russian or "
     "Belarusian",
     &PaymentRuleOptions::f2_russian_bank},
    {"F2", "currency", 0.6, 0, 1, "Strength when RUB or CNY pays goods of EU origin",
     &PaymentRuleOptions::f2_currency},
    {"F2", "new_payer_prepayment", 0.5, 0, 1,
     "Strength when a payer never seen before pays the whole invoice before lodging",
     &PaymentRuleOptions::f2_new_payer_prepayment},
    {"F2", "prepayment_share", 0.9, 0, 1,
     "Share of the invoice total a payment before lodging must reach to count as full "
     "prepayment",
     &PaymentRuleOptions::f2_prepayment_share},
    {"F2", "account_changes", 0.4, 0, 1,
     "Strength when one payer paid one payee into accounts_min or more different accounts "
     "within accounts_days",
     &PaymentRuleOptions::f2_account_changes},
    {"F2", "accounts_min", 3, 2, 100,
     "How many different accounts of one payee (this payment's included) count as frequent "
     "changes",
     &PaymentRuleOptions::f2_accounts_min},
    {"F2", "accounts_days", 90, 0, 3650, "The window, in days before the payment, for accounts_min",
     &PaymentRuleOptions::f2_accounts_days},
    {"F3", "strength", 0.8, 0, 1, "Strength of a circular flow", &PaymentRuleOptions::f3_strength},
    {"F3", "amount_tolerance", 0.10, 0, 1,
     "The two legs of a circular flow differ by at most this share of the larger",
     &PaymentRuleOptions::f3_amount_tolerance},
    {"F3", "days", 30, 0, 3650,
     "The two legs, and the export to Russia, lie within this many days of each other",
     &PaymentRuleOptions::f3_days},
    {"F4", "mismatch", 0.10, 0, 10,
     "The payments citing an invoice may exceed its total by this share before F4 fires",
     &PaymentRuleOptions::f4_mismatch},
    {"F4", "strength", 0.6, 0, 1,
     "Strength of an excess just over the mismatch; it grows with the excess (up to 0.95)",
     &PaymentRuleOptions::f4_strength},
    {"F4", "unlinked", 0.2, 0, 1,
     "Strength when a payment is linked to no declaration (weak: services and advances are "
     "unlinked too)",
     &PaymentRuleOptions::f4_unlinked},
    {"decision", "hold_threshold", 0.6, 0, 1,
     "A payment is held when a hit of F1-F4 or P6 reaches this strength",
     &PaymentRuleOptions::hold_threshold},
    {"decision", "alert_threshold", 0.5, 0, 1,
     "Hits of at least this strength raise an alert; weaker ones are only reasons",
     &PaymentRuleOptions::alert_threshold},
    {"decision", "p6_block_score", 0.95, 0, 1,
     "A sanctions hit on the payer or payee at this score (or by identifier) blocks the "
     "payment; a weaker one holds it",
     &PaymentRuleOptions::p6_block_score},
};

bool IsEu(std::string_view c) {
  static const std::unordered_set<std::string_view> kEu = {
      "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
      "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"};
  return kEu.contains(c);
}

bool IsRuBy(std::string_view c) { return c == "RU" || c == "BY"; }

// Keys of one payer paying one payee: an account change is read within that relationship,
// where the payer's bank sees it. Payees with the same name (two firms called "Techno Trade")
// are paid by different customers into their own accounts, which is no change at all.
std::vector<std::string> RelationshipKeys(const Payment& p) {
  std::vector<std::string> keys;
  const std::vector<std::string> payee = PartyMatchKeys(p.creditor.party);
  for (const std::string& payer : PartyMatchKeys(p.debtor.party)) {
    for (const std::string& key : payee) keys.push_back(payer + "|" + key);
  }
  return keys;
}

// Where payments for Russian buyers are routed from (FinCEN/BIS, OFSI).
bool IsHighRiskPayerCountry(std::string_view c) {
  return c == "HK" || c == "AE" || c == "TR" || c == "RU";
}

double Combine(double a, double b) { return 1.0 - (1.0 - a) * (1.0 - b); }

Severity SeverityFor(double strength) {
  if (strength >= 0.8) return Severity::kHigh;
  if (strength >= 0.5) return Severity::kMedium;
  if (strength >= 0.3) return Severity::kLow;
  return Severity::kInfo;
}

double Eur(const Money& m) { return ToEur(m).value_or(0.0); }

std::string Amount(const Money& m) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f %s", m.amount(), m.currency.c_str());
  return buf;
}

std::string Eur0(double eur) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "EUR %.0f", eur);
  return buf;
}

std::string Fixed(double v, const char* format) {
  char buf[48];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

std::string Quoted(const Party& p) {
  return "'" + p.name + "'" + (p.country.empty() ? "" : " (" + p.country + ")");
}

void MoneyField(JsonWriter& w, std::string_view key, const Money& m) {
  w.Key(key).BeginObject();
  w.Key("amount").Decimal(m.units, Money::kScale);
  w.Field("currency", m.currency);
  w.EndObject();
}

void LinkFields(JsonWriter& w, const PaymentLink& link) {
  w.Field("declaration", link.declaration->declaration.id);
  w.Field("link", LinkMethodName(link.method));
  if (!link.invoice.empty()) w.Field("invoice", link.invoice);
}

RuleHit MakeHit(std::string rule, double strength, std::string explanation, std::string evidence,
                std::string declaration = {}) {
  RuleHit hit;
  hit.rule = std::move(rule);
  hit.strength = std::min(1.0, strength);
  hit.severity = SeverityFor(hit.strength);
  hit.explanation = std::move(explanation);
  hit.evidence_json = std::move(evidence);
  if (!declaration.empty()) {
    hit.key = declaration;
    hit.related_declarations.push_back(std::move(declaration));
  }
  return hit;
}

void RuleF1(const RuleInput& in, const PaymentRuleOptions& o, std::vector<RuleHit>& hits) {
  const Payment& p = in.payment;
  for (const PaymentLink& link : in.links) {
    const IndexedDeclaration& d = *link.declaration;
    const Party& buyer = d.buyer();
    const std::string seller_country =
        d.declaration.consignor ? d.declaration.consignor->country : "";
    auto third = [&](std::string_view c) {
      return !c.empty() && c != buyer.country && c != seller_country;
    };
    const std::string_view payer_country = p.debtor.party.country;
    const std::string_view bank_country = BicCountry(p.debtor.agent_bic);
    const std::string_view third_country = third(payer_country)  ? payer_country
                                           : third(bank_country) ? bank_country
                                                                 : "";
    const bool unverified = p.debtor.party.country == buyer.country &&
                            (p.debtor.party.ids.empty() || buyer.ids.empty());
    const double party_part = link.debtor_is_buyer ? 0.0
                              : unverified         ? o.f1_unverified
                                                   : o.f1_not_buyer;
    const double country_part = third_country.empty()                   ? 0.0
                                : IsHighRiskPayerCountry(third_country) ? o.f1_high_risk_country
                                                                        : o.f1_other_country;
    const double strength = Combine(party_part, country_part);
    if (strength <= 0) continue;
    std::string why = "Payment " + p.id + " of " + Amount(p.amount) + " for declaration " +
                      d.declaration.id + " is paid by " + Quoted(p.debtor.party);
    if (!link.debtor_is_buyer) {
      why += unverified ? ", a name that differs from its buyer " + Quoted(buyer) +
                              " with no identifier to tell"
                        : ", who is not its buyer " + Quoted(buyer);
    }
    if (!third_country.empty()) {
      why += std::string(link.debtor_is_buyer ? "" : ",") + " from " + std::string(third_country) +
             " (" + (third(payer_country) ? "payer" : "payer's bank " + p.debtor.agent_bic) +
             "), a third country to buyer " + buyer.country + " and seller " + seller_country;
    }
    std::string evidence;
    JsonWriter w(evidence);
    w.BeginObject();
    w.Field("payment", p.id);
    LinkFields(w, link);
    w.Key("payer").BeginObject().Field("name", p.debtor.party.name);
    w.Field("country", p.debtor.party.country).Field("bic", p.debtor.agent_bic).EndObject();
    w.Key("buyer").BeginObject().Field("name", buyer.name).Field("country", buyer.country);
    w.EndObject();
    w.Field("seller_country", seller_country);
    w.Field("payer_is_buyer", link.debtor_is_buyer);
    w.Field("third_country", third_country);
    w.EndObject();
    hits.push_back(MakeHit("F1", strength, why + ".", std::move(evidence), d.declaration.id));
  }
}

void RuleF2(const RuleInput& in, const PaymentRuleOptions& o, std::vector<RuleHit>& hits) {
  const Payment& p = in.payment;
  double strength = 0;
  std::vector<std::string> parts;
  std::string evidence;
  JsonWriter w(evidence);
  w.BeginObject();
  w.Field("payment", p.id);

  std::vector<std::pair<std::string, std::string>> banks;  // (role, BIC)
  auto check_bank = [&](const char* role, const std::string& bic) {
    if (IsRuBy(BicCountry(bic))) banks.emplace_back(role, bic);
  };
  check_bank("debtor_bank", p.debtor.agent_bic);
  check_bank("creditor_bank", p.creditor.agent_bic);
  for (const std::string& bic : p.intermediary_bics) check_bank("intermediary_bank", bic);
  if (!banks.empty()) {
    strength = Combine(strength, o.f2_russian_bank);
    std::string list;
    w.Key("russian_banks").BeginArray();
    for (const auto& [role, bic] : banks) {
      w.BeginObject().Field("role", role).Field("bic", bic).EndObject();
      list += (list.empty() ? "" : ", ") + bic;
    }
    w.EndArray();
    parts.push_back("a Russian or Belarusian bank on the route (" + list + ")");
  }

  const std::string& ccy = p.amount.currency;
  std::string eu_declaration;
  std::string eu_origin;
  if (ccy == "RUB" || ccy == "CNY") {
    for (const PaymentLink& link : in.links) {
      for (const GoodsItem& item : link.declaration->declaration.items) {
        if (IsEu(item.origin)) {
          eu_declaration = link.declaration->declaration.id;
          eu_origin = item.origin;
          break;
        }
      }
      if (!eu_declaration.empty()) break;
    }
  }
  if (!eu_declaration.empty()) {
    strength = Combine(strength, o.f2_currency);
    w.Field("currency", ccy).Field("eu_origin", eu_origin).Field("declaration", eu_declaration);
    parts.push_back(ccy + " paying goods of EU origin (" + eu_origin + ") in declaration " +
                    eu_declaration);
  }

  const std::vector<std::string> payer_keys = PartyMatchKeys(p.debtor.party);
  for (const PaymentLink& link : in.links) {
    const IndexedDeclaration& d = *link.declaration;
    const double total = Eur(d.invoice_total);
    if (p.executed_at >= d.declaration.lodged_at || total <= 0) continue;
    if (Eur(p.amount) < o.f2_prepayment_share * total) continue;
    if (in.history.SeenPayer(payer_keys, p.executed_at, p.id)) continue;
    strength = Combine(strength, o.f2_new_payer_prepayment);
    w.Key("new_payer_prepayment").BeginObject();
    w.Field("declaration", d.declaration.id);
    w.Field("paid_eur", Eur(p.amount)).Field("invoice_eur", total);
    w.Field("days_before_lodging",
            static_cast<int64_t>((d.declaration.lodged_at - p.executed_at) / kDay));
    w.EndObject();
    parts.push_back("full prepayment (" + Eur0(Eur(p.amount)) + " of " + Eur0(total) +
                    ") before declaration " + d.declaration.id + " by a payer never seen before");
    break;
  }

  const std::string account = CompactIdentifier(p.creditor.account);
  if (!account.empty()) {
    std::vector<std::string> accounts = in.history.PayeeAccounts(
        RelationshipKeys(p), p.executed_at - static_cast<Timestamp>(o.f2_accounts_days * kDay),
        p.executed_at, p.id);
    if (std::find(accounts.begin(), accounts.end(), account) == accounts.end()) {
      accounts.push_back(account);
    }
    if (static_cast<double>(accounts.size()) >= o.f2_accounts_min) {
      strength = Combine(strength, o.f2_account_changes);
      w.Key("payee_accounts").BeginArray();
      for (const std::string& a : accounts) w.String(a);
      w.EndArray();
      parts.push_back("its payer paid " + p.creditor.party.name + " into " +
                      std::to_string(accounts.size()) + " different accounts within " +
                      std::to_string(static_cast<int64_t>(o.f2_accounts_days)) + " days");
    }
  }
  w.EndObject();
  if (parts.empty()) return;
  std::string why = "Payment " + p.id + " of " + Amount(p.amount) + " shows ";
  for (size_t i = 0; i < parts.size(); ++i) {
    why += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
  }
  hits.push_back(MakeHit("F2", strength, why + ".", std::move(evidence),
                         in.links.empty() ? "" : in.links.front().declaration->declaration.id));
}

void RuleF3(const RuleInput& in, const PaymentRuleOptions& o, std::vector<RuleHit>& hits) {
  const Payment& p = in.payment;
  const std::string& from = p.debtor.party.country;
  const std::string& to = p.creditor.party.country;
  const bool inbound = IsRuBy(from) && to == "KZ";  // RU payer -> KZ trader
  const bool outbound = from == "KZ" && IsEu(to);   // KZ trader -> EU supplier
  if (!inbound && !outbound) return;
  const Party& trader = inbound ? p.creditor.party : p.debtor.party;
  const std::vector<std::string> keys = PartyMatchKeys(trader);
  const double eur = Eur(p.amount);
  if (eur <= 0) return;
  const int64_t window = static_cast<int64_t>(o.f3_days * kDay);
  for (const PaymentHistory::Flow& leg :
       inbound ? in.history.Outgoing(keys) : in.history.Incoming(keys)) {
    if (leg.payment_id == p.id) continue;
    if (std::abs(leg.at - p.executed_at) > window) continue;
    const double gap = std::abs(leg.eur - eur) / std::max(leg.eur, eur);
    if (gap > o.f3_amount_tolerance) continue;
    const Timestamp first = std::min(leg.at, p.executed_at);
    const Timestamp last = std::max(leg.at, p.executed_at);
    const IndexedDeclaration* export_to_russia = nullptr;
    for (const std::string& key : keys) {
      for (const IndexedDeclaration* d : in.index.ExportsOf(key)) {
        if (IsRuBy(d->declaration.country_of_destination) &&
            d->declaration.lodged_at >= first - window &&
            d->declaration.lodged_at <= last + window) {
          export_to_russia = d;
          break;
        }
      }
      if (export_to_russia) break;
    }
    if (export_to_russia == nullptr) continue;
    const std::string& russian = inbound ? from : leg.country;
    const std::string& supplier = inbound ? leg.country : to;
    const std::string why =
        "Circular flow through " + Quoted(trader) + ": " + Eur0(inbound ? eur : leg.eur) +
        " in from " + russian + " and " + Eur0(inbound ? leg.eur : eur) + " out to " + supplier +
        " (" + Fixed(gap * 100, "%.1f") + " % apart, " + std::to_string((last - first) / kDay) +
        " days apart, payments " +
        (inbound ? p.id + " and " + leg.payment_id : leg.payment_id + " and " + p.id) +
        "), while it exported goods to " + export_to_russia->declaration.country_of_destination +
        " in declaration " + export_to_russia->declaration.id + ".";
    std::string evidence;
    JsonWriter w(evidence);
    w.BeginObject();
    w.Field("payment", p.id);
    w.Field("other_leg", leg.payment_id);
    w.Field("trader", trader.name);
    w.Field("in_eur", inbound ? eur : leg.eur).Field("out_eur", inbound ? leg.eur : eur);
    w.Field("amount_gap", gap);
    w.Field("days_apart", static_cast<int64_t>((last - first) / kDay));
    w.Field("export_declaration", export_to_russia->declaration.id);
    w.EndObject();
    hits.push_back(
        MakeHit("F3", o.f3_strength, why, std::move(evidence), export_to_russia->declaration.id));
    return;
  }
}

void RuleF4(const RuleInput& in, const PaymentRuleOptions& o, std::vector<RuleHit>& hits) {
  const Payment& p = in.payment;
  if (in.links.empty()) {
    std::string evidence;
    JsonWriter(evidence).BeginObject().Field("payment", p.id).Field("linked", false).EndObject();
    hits.push_back(MakeHit("F4", o.f4_unlinked,
                           "Payment " + p.id + " of " + Amount(p.amount) +
                               " is linked to no declaration (no invoice ref in '" + p.remittance +
                               "', no declaration of the payee with that amount).",
                           std::move(evidence)));
    return;
  }
  for (const PaymentLink& link : in.links) {
    if (link.method != LinkMethod::kInvoiceRef) continue;
    const IndexedDeclaration& d = *link.declaration;
    const double total = Eur(d.invoice_total);
    if (total <= 0) continue;
    const double before = in.history.PaidEur(d.declaration.id, p.id);
    const double paid = before + Eur(p.amount);
    const double excess = paid / total - 1.0;
    if (excess <= o.f4_mismatch) continue;
    const double strength = std::min(0.95, o.f4_strength + (excess - o.f4_mismatch));
    std::string evidence;
    JsonWriter w(evidence);
    w.BeginObject();
    w.Field("payment", p.id);
    LinkFields(w, link);
    MoneyField(w, "invoice_total", d.invoice_total);
    w.Field("invoice_eur", total).Field("paid_before_eur", before).Field("paid_eur", paid);
    w.Field("excess", excess);
    w.EndObject();
    hits.push_back(MakeHit("F4", strength,
                           "Payments citing invoice " + link.invoice + " of declaration " +
                               d.declaration.id + " add up to " + Eur0(paid) + ", " +
                               Fixed(excess * 100, "%.0f") + " % over its total of " + Eur0(total) +
                               " (" + Amount(d.invoice_total) + ").",
                           std::move(evidence), d.declaration.id));
  }
}

// F5 from the bank findings, P6 from the party findings.
void RulesFromScreening(const RuleInput& in, std::vector<RuleHit>& hits) {
  for (const screening::PartyFinding& f : in.findings) {
    const bool bank = f.role.ends_with("_bank");
    const screening::Hit& hit = f.hit;
    const bool by_id = hit.decision == screening::Decision::kIdentifier;
    std::string evidence;
    JsonWriter w(evidence);
    w.BeginObject();
    w.Field("payment", in.payment.id);
    w.Field("role", f.role);
    if (bank && !f.query.identifiers.empty()) w.Field("bic", f.query.identifiers.front().value);
    if (!bank) w.Field("name", f.query.name);
    w.Field("list", hit.list).Field("entry", hit.id).Field("caption", hit.caption);
    w.Field("score", hit.score).Field("by_identifier", by_id);
    w.EndObject();
    std::string role(f.role);
    std::replace(role.begin(), role.end(), '_', ' ');
    if (bank) {
      RuleHit h = MakeHit(
          "F5", 1.0,
          "The " + role + " " +
              (f.query.identifiers.empty() ? std::string("?") : f.query.identifiers.front().value) +
              " of payment " + in.payment.id + " is listed: " + hit.list + " entry " + hit.id +
              " '" + hit.caption + "'.",
          std::move(evidence));
      h.severity = Severity::kCritical;
      hits.push_back(std::move(h));
    } else {
      RuleHit h =
          MakeHit("P6", by_id ? 1.0 : hit.score,
                  "The " + role + " '" + f.query.name + "' of payment " + in.payment.id +
                      " matches " + hit.list + " entry " + hit.id + " '" + hit.caption + "' (" +
                      (by_id ? "by identifier" : "score " + Fixed(hit.score, "%.2f")) + ").",
                  std::move(evidence));
      h.severity = by_id               ? Severity::kCritical
                   : hit.score >= 0.95 ? Severity::kHigh
                                       : Severity::kMedium;
      hits.push_back(std::move(h));
    }
  }
}

}  // namespace

LinkOptions PaymentRuleOptions::link() const {
  LinkOptions l;
  l.amount_tolerance = link_amount_tolerance;
  l.days_before = static_cast<int>(link_days_before);
  l.days_after = static_cast<int>(link_days_after);
  return l;
}

std::span<const PaymentRuleParameter> PaymentRuleParameters() { return kParameters; }

std::string_view BicCountry(std::string_view bic) {
  return bic.size() >= 6 ? bic.substr(4, 2) : std::string_view();
}

PaymentHistory::PaymentHistory(const PaymentRuleOptions& options)
    : accounts_window_(static_cast<Timestamp>(options.f2_accounts_days * kDay)),
      flows_window_(static_cast<Timestamp>(options.f3_days * kDay)) {}

void PaymentHistory::Forget(const std::string& payment_id, const Recorded& recorded) {
  for (const std::string& d : recorded.declarations) {
    auto it = paid_.find(d);
    if (it == paid_.end()) continue;
    auto payment = it->second.by_payment.find(payment_id);
    if (payment == it->second.by_payment.end()) continue;
    it->second.eur -= payment->second;
    it->second.by_payment.erase(payment);
    if (it->second.by_payment.empty()) paid_.erase(it);
  }
  auto& flows = recorded.incoming ? incoming_ : outgoing_;
  for (const std::string& key : recorded.flow_keys) {
    auto it = flows.find(key);
    if (it == flows.end()) continue;
    std::erase_if(it->second, [&](const Flow& f) { return f.payment_id == payment_id; });
    if (it->second.empty()) flows.erase(it);
  }
  for (const std::string& key : recorded.relationships) {
    auto it = payee_accounts_.find(key);
    if (it == payee_accounts_.end()) continue;
    for (PayeeAccount& a : it->second) {
      std::erase_if(a.uses, [&](const AccountUse& u) { return u.payment_id == payment_id; });
    }
    std::erase_if(it->second, [](const PayeeAccount& a) { return a.uses.empty(); });
    if (it->second.empty()) payee_accounts_.erase(it);
  }
}

void PaymentHistory::Record(const Payment& p, const std::vector<PaymentLink>& links) {
  auto [entry, first_time] = recorded_.try_emplace(p.id);
  Recorded& recorded = entry->second;
  if (!first_time) Forget(p.id, recorded);
  recorded = Recorded{};
  const double eur = Eur(p.amount);
  for (const PaymentLink& link : links) {
    if (link.method != LinkMethod::kInvoiceRef) continue;
    const std::string& id = link.declaration->declaration.id;
    Paid& paid = paid_[id];
    auto [it, inserted] = paid.by_payment.try_emplace(p.id, eur);
    if (!inserted) continue;  // linked twice (Link gives each declaration once)
    paid.eur += eur;
    recorded.declarations.push_back(id);
  }
  for (const std::string& key : PartyMatchKeys(p.debtor.party)) {
    auto [it, inserted] = first_seen_.try_emplace(key, FirstSeen{p.executed_at, p.id});
    if (!inserted && p.executed_at < it->second.at) it->second = FirstSeen{p.executed_at, p.id};
  }
  if (std::string account = CompactIdentifier(p.creditor.account); !account.empty()) {
    // An account whose latest use is older than the window before this payment cannot count
    // for this payment or any later one: it is let go.
    const Timestamp oldest = p.executed_at - accounts_window_;
    for (std::string& key : RelationshipKeys(p)) {
      std::vector<PayeeAccount>& accounts = payee_accounts_[key];
      auto it = std::find_if(accounts.begin(), accounts.end(),
                             [&](const PayeeAccount& a) { return a.account == account; });
      if (it == accounts.end()) it = accounts.insert(accounts.end(), PayeeAccount{account, {}});
      auto later = std::find_if(it->uses.begin(), it->uses.end(),
                                [&p](const AccountUse& u) { return u.at < p.executed_at; });
      it->uses.insert(later, AccountUse{p.id, p.executed_at});
      if (it->uses.size() > kKeptUses) it->uses.pop_back();
      std::erase_if(accounts,
                    [oldest](const PayeeAccount& a) { return a.uses.front().at < oldest; });
      recorded.relationships.push_back(std::move(key));
    }
  }
  const std::string& from = p.debtor.party.country;
  const std::string& to = p.creditor.party.country;
  // A flow can pair only with a payment within the F3 window of it: one older than that
  // before the newest flow of its trader cannot pair with this payment or any later one.
  auto add_flow = [&](std::vector<Flow>& flows, Flow flow) {
    flows.push_back(std::move(flow));
    Timestamp newest = flows.front().at;
    for (const Flow& f : flows) newest = std::max(newest, f.at);
    std::erase_if(flows, [&](const Flow& f) { return f.at < newest - flows_window_; });
  };
  if (IsRuBy(from) && to == "KZ") {
    recorded.incoming = true;
    for (std::string& key : PartyMatchKeys(p.creditor.party)) {
      add_flow(incoming_[key], Flow{p.id, p.debtor.party.name, from, eur, p.executed_at});
      recorded.flow_keys.push_back(std::move(key));
    }
  } else if (from == "KZ" && IsEu(to)) {
    for (std::string& key : PartyMatchKeys(p.debtor.party)) {
      add_flow(outgoing_[key], Flow{p.id, p.creditor.party.name, to, eur, p.executed_at});
      recorded.flow_keys.push_back(std::move(key));
    }
  }
}

double PaymentHistory::PaidEur(const std::string& declaration_id,
                               const std::string& except_payment) const {
  auto it = paid_.find(declaration_id);
  if (it == paid_.end()) return 0;
  const Paid& paid = it->second;
  auto except = paid.by_payment.find(except_payment);
  if (except == paid.by_payment.end()) return paid.eur;
  // Exactly 0 when it is the only one, not the rounding left by a subtraction.
  return paid.by_payment.size() == 1 ? 0 : paid.eur - except->second;
}

bool PaymentHistory::SeenPayer(const std::vector<std::string>& keys, Timestamp at,
                               const std::string& payment_id) const {
  for (const std::string& key : keys) {
    auto it = first_seen_.find(key);
    if (it == first_seen_.end()) continue;
    if (it->second.at < at || (it->second.at == at && it->second.payment_id != payment_id)) {
      return true;
    }
  }
  return false;
}

namespace {
std::vector<PaymentHistory::Flow> Collect(
    const std::unordered_map<std::string, std::vector<PaymentHistory::Flow>>& flows,
    const std::vector<std::string>& keys) {
  std::vector<PaymentHistory::Flow> out;
  for (const std::string& key : keys) {
    auto it = flows.find(key);
    if (it == flows.end()) continue;
    for (const PaymentHistory::Flow& f : it->second) {
      const bool seen = std::any_of(out.begin(), out.end(), [&](const PaymentHistory::Flow& g) {
        return g.payment_id == f.payment_id;
      });
      if (!seen) out.push_back(f);
    }
  }
  return out;
}
}  // namespace

std::vector<PaymentHistory::Flow> PaymentHistory::Incoming(
    const std::vector<std::string>& keys) const {
  return Collect(incoming_, keys);
}

std::vector<PaymentHistory::Flow> PaymentHistory::Outgoing(
    const std::vector<std::string>& keys) const {
  return Collect(outgoing_, keys);
}

std::vector<std::string> PaymentHistory::PayeeAccounts(const std::vector<std::string>& keys,
                                                       Timestamp from, Timestamp to,
                                                       const std::string& except_payment) const {
  std::vector<std::pair<Timestamp, std::string>> found;  // latest use in the window, account
  for (const std::string& key : keys) {
    auto it = payee_accounts_.find(key);
    if (it == payee_accounts_.end()) continue;
    for (const PayeeAccount& a : it->second) {
      // The uses are latest first: the first one in the window is the account's latest there.
      auto use = std::find_if(a.uses.begin(), a.uses.end(), [&](const AccountUse& u) {
        return u.payment_id != except_payment && u.at >= from && u.at <= to;
      });
      if (use == a.uses.end()) continue;
      auto seen = std::find_if(found.begin(), found.end(),
                               [&a](const auto& f) { return f.second == a.account; });
      if (seen == found.end()) {
        found.emplace_back(use->at, a.account);
      } else {
        seen->first = std::max(seen->first, use->at);
      }
    }
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> out;
  out.reserve(found.size());
  for (auto& [at, account] : found) out.push_back(std::move(account));
  return out;
}

size_t PaymentHistory::account_uses() const {
  size_t n = 0;
  for (const auto& [key, accounts] : payee_accounts_) {
    for (const PayeeAccount& a : accounts) n += a.uses.size();
  }
  return n;
}

std::vector<RuleHit> EvaluatePaymentRules(const RuleInput& input,
                                          const PaymentRuleOptions& options) {
  std::vector<RuleHit> hits;
  RuleF1(input, options, hits);
  RuleF2(input, options, hits);
  RuleF3(input, options, hits);
  RuleF4(input, options, hits);
  RulesFromScreening(input, hits);
  std::erase_if(hits, [&](const RuleHit& hit) {
    return std::find(options.disabled_rules.begin(), options.disabled_rules.end(), hit.rule) !=
           options.disabled_rules.end();
  });
  std::stable_sort(hits.begin(), hits.end(),
                   [](const RuleHit& a, const RuleHit& b) { return a.strength > b.strength; });
  return hits;
}

}  // namespace keruen::payments
