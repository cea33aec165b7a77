#include "keruen/payments/payment_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "keruen/core/exchange_rates.h"
#include "keruen/core/time.h"
#include "keruen/payments/testing/fixtures.h"
#include "keruen/screening/testing/test_screener.h"

namespace keruen::payments {
namespace {

using testing::EuImport;
using ::testing::HasSubstr;
using testing::ImportPayment;
using testing::kDay;
using testing::kMonday;
using testing::MakePayment;

// Runs the rules on `p` over `index` and `history`; returns the hits of `rule`.
class RulesTest : public ::testing::Test {
 protected:
  std::vector<RuleHit> Hits(const Payment& p, const std::string& rule,
                            const std::vector<screening::PartyFinding>& findings = {}) {
    const auto links = index_.Link(p);
    std::vector<RuleHit> out;
    for (RuleHit& h :
         EvaluatePaymentRules(RuleInput{p, links, findings, history_, index_}, options_)) {
      if (h.rule == rule) out.push_back(std::move(h));
    }
    return out;
  }
  void Record(const Payment& p) { history_.Record(p, index_.Link(p)); }

  PaymentRuleOptions options_;
  DeclarationIndex index_;
  PaymentHistory history_;
};

TEST_F(RulesTest, F1FiresOnAThirdPartyPayerFromHongKong) {
  index_.AddDeclaration(EuImport());
  const Payment p = MakePayment("P", kMonday + kDay, testing::HkPayer(), "HSBCHKHHHKH",
                                testing::EuSeller(), "COBADEFFXXX", 84000, "EUR",
                                "Payment for invoice EH-2026-0311 on behalf of Dostyk Impeks");
  const auto hits = Hits(p, "F1");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_DOUBLE_EQ(hits[0].strength, 1 - (1 - 0.7) * (1 - 0.6));
  EXPECT_EQ(hits[0].related_declarations, std::vector<std::string>{"I-1"});
  EXPECT_THAT(hits[0].explanation, HasSubstr("not its buyer"));
  EXPECT_THAT(hits[0].explanation, HasSubstr("from HK"));
  const auto evidence = nlohmann::json::parse(hits[0].evidence_json);
  EXPECT_EQ(evidence["third_country"], "HK");
  EXPECT_EQ(evidence["payer_is_buyer"], false);
}

TEST_F(RulesTest, F1CountsTheBuyersBankCountry) {
  index_.AddDeclaration(EuImport());
  // The buyer itself pays, but from a bank in the UAE.
  const Payment p =
      MakePayment("P", kMonday + kDay, testing::KzImporter(), "EBILAEAD", testing::EuSeller(),
                  "COBADEFFXXX", 84000, "EUR", "Invoice EH-2026-0311");
  const auto hits = Hits(p, "F1");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_DOUBLE_EQ(hits[0].strength, 0.6);
  EXPECT_THAT(hits[0].explanation, HasSubstr("EBILAEAD"));
}

TEST_F(RulesTest, F1WeakWhenOnlyTheNameDiffersAtHome) {
  Declaration d = EuImport();
  d.consignee = Party{.name = "深圳华宇电子科技有限公司", .country = "CN"};
  d.declarant = *d.consignee;
  index_.AddDeclaration(d);
  const Payment p = MakePayment(
      "P", kMonday + kDay, Party{.name = "Shenzhen Huayu Electronics", .country = "CN"}, "BKCHCNBJ",
      testing::EuSeller(), "COBADEFFXXX", 84000, "EUR", "Invoice EH-2026-0311");
  const auto hits = Hits(p, "F1");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_DOUBLE_EQ(hits[0].strength, 0.3);
  EXPECT_THAT(hits[0].explanation, HasSubstr("no identifier to tell"));
}

TEST_F(RulesTest, F1SilentWhenTheBuyerPaysFromHome) {
  index_.AddDeclaration(EuImport());
  EXPECT_TRUE(Hits(ImportPayment("P", 84000, "Invoice EH-2026-0311"), "F1").empty());
}

TEST_F(RulesTest, F2FiresOnRussianBankAndRublesForEuGoods) {
  index_.AddDeclaration(testing::RuExport("E-1", kMonday, "DE"));
  const Payment p =
      MakePayment("P", kMonday + 5 * kDay, testing::RuBuyer(), "SABRRUMM", testing::KzExporter(),
                  "HSBKKZKX", 5'000'000, "RUB", "Оплата по счету ZT-00417");
  const auto hits = Hits(p, "F2");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_DOUBLE_EQ(hits[0].strength, 1 - (1 - 0.4) * (1 - 0.6));
  EXPECT_THAT(hits[0].explanation, HasSubstr("SABRRUMM"));
  EXPECT_THAT(hits[0].explanation, HasSubstr("EU origin (DE)"));
}

TEST_F(RulesTest, F2RussianBankAloneIsWeak) {
  index_.AddDeclaration(testing::RuExport("E-1", kMonday, "KZ"));
  const Payment p =
      MakePayment("P", kMonday + 5 * kDay, testing::RuBuyer(), "SABRRUMM", testing::KzExporter(),
                  "HSBKKZKX", 5'000'000, "RUB", "Оплата по счету ZT-00417");
  const auto hits = Hits(p, "F2");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_LT(hits[0].strength, options_.hold_threshold);
}

TEST_F(RulesTest, F2SilentOnAnOrdinaryEuroPayment) {
  index_.AddDeclaration(EuImport());
  EXPECT_TRUE(Hits(ImportPayment("P", 84000, "Invoice EH-2026-0311"), "F2").empty());
}

TEST_F(RulesTest, F2FullPrepaymentByANewPayer) {
  index_.AddDeclaration(EuImport("I-1", kMonday + 10 * kDay));
  const Payment prepay = ImportPayment("P", 84000, "Invoice EH-2026-0311", kMonday);
  auto hits = Hits(prepay, "F2");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_DOUBLE_EQ(hits[0].strength, 0.5);
  EXPECT_THAT(hits[0].explanation, HasSubstr("never seen before"));
  // The same payer with an earlier payment on record is a known customer.
  Record(ImportPayment("EARLIER", 100, "services", kMonday - 20 * kDay));
  EXPECT_TRUE(Hits(prepay, "F2").empty());
  // A 30 % prepayment is not full prepayment.
  PaymentHistory empty;
  std::swap(history_, empty);
  EXPECT_TRUE(Hits(ImportPayment("P", 25200, "Prepayment 30% invoice EH-2026-0311", kMonday), "F2")
                  .empty());
}

// The seller paid for EuImport into `account`, `days` after Monday.
Payment PaymentInto(const std::string& id, const std::string& account, int days) {
  Payment p = ImportPayment(id, 1000, "services", kMonday + days * kDay);
  p.creditor.account = account;
  return p;
}

TEST_F(RulesTest, F2FiresWhenThePayeeKeepsChangingAccounts) {
  Record(PaymentInto("A", "DE89 3704 0044 0532 0130 00", 0));
  Record(PaymentInto("B", "DE12 5001 0517 0648 4898 90", 20));
  const auto hits = Hits(PaymentInto("C", "DE02 1203 0000 0000 2020 51", 40), "F2");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_DOUBLE_EQ(hits[0].strength, 0.4);
  EXPECT_THAT(hits[0].explanation, HasSubstr("3 different accounts within 90 days"));
  const auto evidence = nlohmann::json::parse(hits[0].evidence_json);
  EXPECT_EQ(evidence["payee_accounts"].size(), 3u);
}

TEST_F(RulesTest, F2SilentOnOneAccountHoweverWrittenAndOnOldAccounts) {
  // One account, printed in groups and in lower case: no change at all.
  Record(PaymentInto("A", "DE89 3704 0044 0532 0130 00", 0));
  Record(PaymentInto("B", "de89370400440532013000", 10));
  EXPECT_TRUE(Hits(PaymentInto("C", "DE89370400440532013000", 20), "F2").empty());
  // Two accounts before the 90 days and one now: changes over years are ordinary.
  PaymentHistory empty;
  std::swap(history_, empty);
  Record(PaymentInto("A", "DE12 5001 0517 0648 4898 90", 0));
  Record(PaymentInto("B", "DE02 1203 0000 0000 2020 51", 1));
  EXPECT_TRUE(Hits(PaymentInto("C", "DE89 3704 0044 0532 0130 00", 100), "F2").empty());
  // Recording a payment again replaces the account it recorded.
  std::swap(history_, empty);
  Record(PaymentInto("A", "DE12 5001 0517 0648 4898 90", 0));
  Record(PaymentInto("A", "DE89 3704 0044 0532 0130 00", 0));
  Record(PaymentInto("B", "DE02 1203 0000 0000 2020 51", 5));
  EXPECT_TRUE(Hits(PaymentInto("C", "DE89 3704 0044 0532 0130 00", 10), "F2").empty());
}

class CircularFlowTest : public RulesTest {
 protected:
  void SetUp() override {
    // The euro legs below are priced from this one with the fixed rates.
    in_ = MakePayment("IN", kMonday, testing::RuBuyer(), "SABRRUMM", testing::KzExporter(),
                      "HSBKKZKX", 1'000'000, "RUB", "Оплата по договору 12/26");
  }
  Payment Out(double eur, Timestamp at) {
    return MakePayment("OUT", at, testing::KzExporter(), "HSBKKZKX", testing::EuSeller(),
                       "COBADEFFXXX", eur, "EUR", "Invoice EH-2026-0999");
  }
  double InEur() const { return *ToEur(in_.amount); }
  Payment in_;
};

TEST_F(CircularFlowTest, F3FiresOnRussiaKazakhstanEuWithExport) {
  index_.AddDeclaration(testing::RuExport("E-RU", kMonday + 5 * kDay));
  Record(in_);
  const auto hits = Hits(Out(InEur() * 1.05, kMonday + 12 * kDay), "F3");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_DOUBLE_EQ(hits[0].strength, 0.8);
  EXPECT_EQ(hits[0].related_declarations, std::vector<std::string>{"E-RU"});
  EXPECT_THAT(hits[0].explanation, HasSubstr("IN and OUT"));
  const auto evidence = nlohmann::json::parse(hits[0].evidence_json);
  EXPECT_EQ(evidence["days_apart"], 12);
}

TEST_F(CircularFlowTest, F3FiresWhicheverLegComesSecond) {
  index_.AddDeclaration(testing::RuExport("E-RU", kMonday + 5 * kDay));
  Record(Out(InEur() * 0.95, kMonday - 3 * kDay));
  EXPECT_EQ(Hits(in_, "F3").size(), 1u);
}

TEST_F(CircularFlowTest, F3SilentWithoutExportOrWithDifferentAmounts) {
  Record(in_);
  EXPECT_TRUE(Hits(Out(InEur(), kMonday + 12 * kDay), "F3").empty());  // no goods to Russia
  index_.AddDeclaration(testing::RuExport("E-RU", kMonday + 5 * kDay));
  EXPECT_TRUE(Hits(Out(InEur() * 1.3, kMonday + 12 * kDay), "F3").empty());
  EXPECT_TRUE(Hits(Out(InEur(), kMonday + 45 * kDay), "F3").empty());
}

TEST_F(RulesTest, F4PrepaymentAndBalanceAddUpToTheInvoice) {
  index_.AddDeclaration(EuImport());
  Record(ImportPayment("PRE", 25200, "Prepayment 30% invoice EH-2026-0311", kMonday - kDay));
  EXPECT_TRUE(
      Hits(ImportPayment("BAL", 58800, "Окончательный расчет по инвойсу EH-2026-0311"), "F4")
          .empty());
}

TEST_F(RulesTest, F4FiresWhenPaymentsExceedTheInvoice) {
  index_.AddDeclaration(EuImport());
  Record(ImportPayment("FIRST", 84000, "Invoice EH-2026-0311"));
  const auto hits = Hits(ImportPayment("AGAIN", 42000, "INV EH-2026-0311"), "F4");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_DOUBLE_EQ(hits[0].strength, std::min(0.95, 0.6 + (0.5 - 0.1)));
  EXPECT_THAT(hits[0].explanation, HasSubstr("EUR 126000"));
  EXPECT_THAT(hits[0].explanation, HasSubstr("50 % over"));
  // Deciding the first payment again does not count it twice.
  EXPECT_TRUE(Hits(ImportPayment("FIRST", 84000, "Invoice EH-2026-0311"), "F4").empty());
}

TEST_F(RulesTest, F4UnlinkedIsWeak) {
  const auto hits = Hits(ImportPayment("P", 500, "consulting services"), "F4");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_DOUBLE_EQ(hits[0].strength, 0.2);
  EXPECT_LT(hits[0].strength, options_.hold_threshold);
  EXPECT_LT(hits[0].strength, options_.alert_threshold);
}

class ScreenedRulesTest : public RulesTest {
 protected:
  void SetUp() override {
    screening_ =
        std::make_unique<screening::PartyScreening>(screening::testing::TestListScreener(), clock_);
  }
  std::vector<RuleHit> Screened(const Payment& p, const std::string& rule) {
    return Hits(p, rule, screening_->Screen(screening::PartyQueries(p)));
  }
  ManualClock clock_{kMonday};
  std::unique_ptr<screening::PartyScreening> screening_;
};

TEST_F(ScreenedRulesTest, F5FiresOnAListedIntermediary) {
  Payment p = ImportPayment("P", 84000, "Invoice EH-2026-0311");
  p.intermediary_bics = {"PRMSRUMMXXX"};
  const auto hits = Screened(p, "F5");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].severity, Severity::kCritical);
  EXPECT_THAT(hits[0].explanation, HasSubstr("intermediary bank PRMSRUMMXXX"));
  EXPECT_THAT(hits[0].explanation, HasSubstr("T-3"));
}

TEST_F(ScreenedRulesTest, F5AndP6SilentOnCleanBanksAndParties) {
  const Payment p = ImportPayment("P", 84000, "Invoice EH-2026-0311");
  EXPECT_TRUE(Screened(p, "F5").empty());
  EXPECT_TRUE(Screened(p, "P6").empty());
}

TEST_F(ScreenedRulesTest, P6FiresOnAListedPayer) {
  const Payment p = MakePayment("P", kMonday,
                                Party{.name = "ООО «Ромашка Технологии»",
                                      .country = "RU",
                                      .ids = {{IdKind::kInn, "7701234567"}}},
                                "SABRRUMM", testing::KzExporter(), "HSBKKZKX", 10, "RUB", "x");
  const auto hits = Screened(p, "P6");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_DOUBLE_EQ(hits[0].strength, 1.0);
  EXPECT_THAT(hits[0].explanation, HasSubstr("by identifier"));
}

TEST(PaymentRuleParametersTest, TableDefaultsAreTheOptionDefaults) {
  const PaymentRuleOptions defaults;
  std::vector<double PaymentRuleOptions::*> fields;
  for (const PaymentRuleParameter& p : PaymentRuleParameters()) {
    SCOPED_TRACE(std::string(p.rule) + "." + std::string(p.name));
    EXPECT_DOUBLE_EQ(defaults.*p.field, p.default_value);
    EXPECT_LE(p.min_value, p.default_value);
    EXPECT_LE(p.default_value, p.max_value);
    EXPECT_STRNE(p.help, "");
    EXPECT_EQ(std::find(fields.begin(), fields.end(), p.field), fields.end())
        << "two rows set the same member";
    fields.push_back(p.field);
  }
  // One row for each of the struct's numbers (every member but disabled_rules is a double).
  EXPECT_EQ(fields.size(),
            (sizeof(PaymentRuleOptions) - sizeof(std::vector<std::string>)) / sizeof(double));
}

// The relationship keys PayeeAccounts is asked about for a payment from `payer` to `payee`.
std::vector<std::string> RelationshipKeysOf(const Party& payer, const Party& payee) {
  std::vector<std::string> keys;
  for (const std::string& a : PartyMatchKeys(payer)) {
    for (const std::string& b : PartyMatchKeys(payee)) keys.push_back(a + "|" + b);
  }
  return keys;
}

// What PayeeAccounts should answer, from every payment made: the accounts used in [from, to]
// by payments other than `except`, by their latest use there, oldest first.
std::vector<std::string> AccountsByHand(const std::vector<Payment>& made, Timestamp from,
                                        Timestamp to, const std::string& except) {
  std::map<std::string, Timestamp> latest;
  for (const Payment& p : made) {
    if (p.id == except || p.executed_at < from || p.executed_at > to) continue;
    Timestamp& at = latest[CompactIdentifier(p.creditor.account)];
    at = std::max(at, p.executed_at);
  }
  std::vector<std::pair<Timestamp, std::string>> order;
  for (const auto& [account, at] : latest) order.emplace_back(at, account);
  std::sort(order.begin(), order.end());
  std::vector<std::string> out;
  for (const auto& [at, account] : order) out.push_back(account);
  return out;
}

// Five years of daily payments from one payer to one payee, the account changing every 30
// days and the first account coming back every 45th day: the accounts of the last 90 days are
// found, after each payment and when deciding it again, and what is kept stays that of 90 days.
TEST(PaymentHistoryTest, KeepsOnlyTheAccountsTheWindowNeeds) {
  const PaymentRuleOptions options;
  const Timestamp window = static_cast<Timestamp>(options.f2_accounts_days * kDay);
  PaymentHistory history(options);
  const std::vector<std::string> keys =
      RelationshipKeysOf(testing::KzImporter(), testing::EuSeller());
  std::vector<Payment> made;
  size_t most_kept = 0;
  for (int day = 0; day < 5 * 365; ++day) {
    Payment p = ImportPayment("P" + std::to_string(day), 1000, "services", kMonday + day * kDay);
    p.creditor.account = "DE00 " + std::to_string(day % 45 == 0 ? 0 : day / 30);
    const Timestamp at = p.executed_at;
    ASSERT_EQ(history.PayeeAccounts(keys, at - window, at, p.id),
              AccountsByHand(made, at - window, at, p.id))
        << "before " << p.id;
    history.Record(p, {});
    made.push_back(p);
    ASSERT_EQ(history.PayeeAccounts(keys, at - window, at, p.id),
              AccountsByHand(made, at - window, at, p.id))
        << "deciding " << p.id << " again";
    ASSERT_EQ(history.PayeeAccounts(keys, at - window, at, ""),
              AccountsByHand(made, at - window, at, ""))
        << "after " << p.id;
    most_kept = std::max(most_kept, history.account_uses());
  }
  // Within 90 days at most 4 rotating accounts and the first one, two uses each, per key.
  EXPECT_LE(most_kept, keys.size() * 5 * 2);
  EXPECT_EQ(history.payments(), made.size());
}

// Two years of daily Russian payments into one Kazakh trader: what F3 may pair a new payment
// with is every flow within its window of the newest, and no more is kept.
TEST(PaymentHistoryTest, KeepsOnlyTheFlowsTheF3WindowNeeds) {
  const PaymentRuleOptions options;
  const Timestamp window = static_cast<Timestamp>(options.f3_days * kDay);
  PaymentHistory history(options);
  const std::vector<std::string> keys = PartyMatchKeys(testing::KzExporter());
  for (int day = 0; day < 2 * 365; ++day) {
    const Timestamp at = kMonday + day * kDay;
    history.Record(MakePayment("IN" + std::to_string(day), at, testing::RuBuyer(), "SABRRUMM",
                               testing::KzExporter(), "HSBKKZKX", 100'000, "RUB", "contract"),
                   {});
    const std::vector<PaymentHistory::Flow> flows = history.Incoming(keys);
    // Days day - 30 .. day: every one of them, each once.
    ASSERT_EQ(flows.size(), static_cast<size_t>(std::min<Timestamp>(day, window / kDay) + 1))
        << "after day " << day;
    for (const PaymentHistory::Flow& f : flows) {
      EXPECT_GE(f.at, at - window);
      EXPECT_LE(f.at, at);
    }
  }
  EXPECT_TRUE(history.Outgoing(keys).empty());
}

TEST(PaymentHistoryTest, RecordingAgainReplacesWhatThePaymentRecorded) {
  DeclarationIndex index;
  index.AddDeclaration(EuImport("I-1"));
  Declaration other = EuImport("I-2");
  other.documents = {{"invoice", "EH-2026-0999"}};
  index.AddDeclaration(other);
  PaymentHistory history;
  auto record = [&](const Payment& p) { history.Record(p, index.Link(p)); };
  auto into = [](Payment p, const std::string& account) {
    p.creditor.account = account;
    return p;
  };
  const std::vector<std::string> keys =
      RelationshipKeysOf(testing::KzImporter(), testing::EuSeller());
  const Timestamp from = kMonday - 90 * kDay, to = kMonday + 90 * kDay;

  record(into(ImportPayment("A", 1000, "Invoice EH-2026-0311", kMonday), "DE01"));
  record(into(ImportPayment("B", 84000, "Invoice EH-2026-0311", kMonday + kDay), "DE01"));
  EXPECT_DOUBLE_EQ(history.PaidEur("I-1", ""), 85000);
  EXPECT_DOUBLE_EQ(history.PaidEur("I-1", "B"), 1000);
  EXPECT_EQ(history.PayeeAccounts(keys, from, to, ""), std::vector<std::string>{"DE01"});

  // B was for the other invoice, of another amount, into another account.
  record(into(ImportPayment("B", 5000, "Invoice EH-2026-0999", kMonday + kDay), "DE02"));
  EXPECT_DOUBLE_EQ(history.PaidEur("I-1", ""), 1000);
  EXPECT_DOUBLE_EQ(history.PaidEur("I-2", ""), 5000);
  EXPECT_DOUBLE_EQ(history.PaidEur("I-1", "A"), 0);
  // DE01 is still used, by A.
  EXPECT_EQ(history.PayeeAccounts(keys, from, to, ""), (std::vector<std::string>{"DE01", "DE02"}));
  EXPECT_EQ(history.PayeeAccounts(keys, from, to, "B"), std::vector<std::string>{"DE01"});
  EXPECT_EQ(history.PayeeAccounts(keys, from, to, "A"), std::vector<std::string>{"DE02"});
  EXPECT_EQ(history.payments(), 2u);

  // A flow through a Kazakh trader, recorded again as another flow.
  const std::vector<std::string> trader = PartyMatchKeys(testing::KzExporter());
  const Payment in = MakePayment("IN", kMonday, testing::RuBuyer(), "SABRRUMM",
                                 testing::KzExporter(), "HSBKKZKX", 1000, "EUR", "12/26");
  record(in);
  ASSERT_EQ(history.Incoming(trader).size(), 1u);
  const Payment out = MakePayment("IN", kMonday, testing::KzExporter(), "HSBKKZKX",
                                  testing::EuSeller(), "COBADEFFXXX", 2000, "EUR", "12/26");
  record(out);
  EXPECT_TRUE(history.Incoming(trader).empty());
  const auto outgoing = history.Outgoing(trader);
  ASSERT_EQ(outgoing.size(), 1u);
  EXPECT_DOUBLE_EQ(outgoing[0].eur, 2000);
  record(in);
  EXPECT_EQ(history.Incoming(trader).size(), 1u);
  EXPECT_TRUE(history.Outgoing(trader).empty());
}

TEST(BicCountryTest, LettersFiveAndSix) {
  EXPECT_EQ(BicCountry("SABRRUMM"), "RU");
  EXPECT_EQ(BicCountry("COBADEFFXXX"), "DE");
  EXPECT_EQ(BicCountry("ABC"), "");
}

}  // namespace
}  // namespace keruen::payments
