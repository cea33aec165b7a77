#include "keruen/risk/rule_catalogue.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <string>

#include "keruen/core/time.h"
#include "keruen/ledger/party_graph.h"
#include "keruen/payments/payment_decision.h"
#include "keruen/payments/testing/fixtures.h"
#include "keruen/risk/declaration_fields.h"

namespace keruen::risk {
namespace {

using payments::testing::kDay;
using payments::testing::kMonday;
using ::testing::HasSubstr;

const RuleParam* FindParam(std::string_view rule, std::string_view name) {
  const auto& params = BuiltInParams();
  auto it = std::find_if(params.begin(), params.end(),
                         [&](const RuleParam& p) { return p.rule == rule && p.name == name; });
  return it == params.end() ? nullptr : &*it;
}

// The engines' tables are listed whole, with the defaults and ranges of the options structs.
template <typename Options, typename Value>
void ExpectListed(std::span<const ParameterRow<Options, Value>> rows) {
  const Options defaults;
  for (const ParameterRow<Options, Value>& row : rows) {
    SCOPED_TRACE(std::string(row.rule) + "." + row.name);
    const RuleParam* p = FindParam(row.rule, row.name);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->default_value, static_cast<double>(defaults.*row.field));
    EXPECT_EQ(p->min, static_cast<double>(row.min_value));
    EXPECT_EQ(p->max, static_cast<double>(row.max_value));
    EXPECT_EQ(p->help, row.help);
  }
}

TEST(RuleCatalogueTest, ListsThePartyGraphAndPaymentParameters) {
  ExpectListed(ledger::PartyGraphParameters());
  ExpectListed(payments::PaymentRuleParameters());
  // The F rules' own numbers sit under their rule ids, next to enabled / weight / alert_at.
  ASSERT_NE(FindParam("F1", "not_buyer"), nullptr);
  ASSERT_NE(FindParam("F1", "weight"), nullptr);
  EXPECT_NE(FindParam("decision", "hold_threshold"), nullptr);
  EXPECT_NE(FindParam("link", "amount_tolerance"), nullptr);
  // The groups that are no rules are neither rules nor fields of a profile condition.
  EXPECT_EQ(FindRule("decision"), nullptr);
  EXPECT_EQ(FindParam("decision", "enabled"), nullptr);
  for (const FieldSpec& f : RiskProfileSchema().fields) EXPECT_NE(f.name, "rule.decision");
}

TEST(RuleCatalogueTest, DefaultSettingsMakeTheDefaultOptions) {
  const RuleSettings defaults;
  const payments::PaymentRuleOptions options =
      defaults.MakeOptions(payments::PaymentRuleParameters());
  for (const payments::PaymentRuleParameter& row : payments::PaymentRuleParameters()) {
    EXPECT_EQ(options.*row.field, payments::PaymentRuleOptions{}.*row.field) << row.name;
  }
  const ledger::PartyGraphOptions graph = defaults.MakeOptions(ledger::PartyGraphParameters());
  EXPECT_EQ(graph.max_hops, ledger::PartyGraphOptions{}.max_hops);
  EXPECT_EQ(graph.hub_address_firms, ledger::PartyGraphOptions{}.hub_address_firms);
}

TEST(RuleCatalogueTest, ProfileLinesSetThePaymentOptions) {
  auto set = ParseProfiles(
      "rule F1 not_buyer 0.5\n"
      "rule DECISION hold_threshold 0.8   # case does not matter, as for rule ids\n"
      "rule link days_after 90\n"
      "rule P5 max_hops 3\n",
      "t.krp", RiskProfileSchema());
  ASSERT_TRUE(set.has_value()) << set.error().message;
  const RuleSettings settings(*set);
  const auto options = settings.MakeOptions(payments::PaymentRuleParameters());
  EXPECT_EQ(options.f1_not_buyer, 0.5);
  EXPECT_EQ(options.hold_threshold, 0.8);
  EXPECT_EQ(options.link_days_after, 90);
  EXPECT_EQ(options.link().days_after, 90);
  EXPECT_EQ(options.f1_high_risk_country, payments::PaymentRuleOptions{}.f1_high_risk_country);
  EXPECT_EQ(settings.MakeOptions(ledger::PartyGraphParameters()).max_hops, 3);
}

TEST(RuleCatalogueTest, BadPaymentSettingsAreRefusedWithLineAndReason) {
  struct Bad {
    std::string text;
    std::string error;
  };
  const Bad cases[] = {
      {"rule F1 not_buyer 0.5\nrule F1 not_buyer 1.5\n",
       "t.krp:2:9: F1.not_buyer is already set on line 1"},
      {"\nrule F1 not_buyer 1.5\n", "t.krp:2:19: parameter F1.not_buyer must be between 0 and 1"},
      {"rule decision hold_threshold -0.1\n",
       "t.krp:1:30: parameter decision.hold_threshold must be between 0 and 1"},
      {"rule F2 accounts_min 1\n",
       "t.krp:1:22: parameter F2.accounts_min must be between 2 and 100"},
      {"rule F1 not_buyr 0.5\n",
       "t.krp:1:9: rule F1 has no parameter \"not_buyr\" (did you mean \"not_buyer\"?)"},
      {"rule link amount_tolerance many\n",
       "t.krp:1:28: expected a number for link.amount_tolerance"},
      // A group of settings is not a rule: it cannot be switched off.
      {"rule decision enabled no\n",
       "t.krp:1:15: rule decision has no parameter \"enabled\"; its parameters: hold_threshold, "
       "alert_threshold, p6_block_score"},
      {"rule decisions hold_threshold 0.7\n",
       "t.krp:1:6: unknown rule \"decisions\" (did you mean \"decision\"?)"},
  };
  for (const Bad& bad : cases) {
    auto set = ParseProfiles(bad.text, "t.krp", RiskProfileSchema());
    ASSERT_FALSE(set.has_value()) << bad.text;
    EXPECT_EQ(set.error().message, bad.error) << bad.text;
  }
}

// The payment monitor's decision, as the product builds it from a profile file.
class ProfiledMonitorTest : public ::testing::Test {
 protected:
  // The options the profile `text` sets (through a file, as the commands read it). The file
  // is the test's own: ctest runs this fixture's tests in parallel processes.
  payments::PaymentRuleOptions Options(const std::string& text) {
    const std::string path = ::testing::TempDir() + "/payments_" +
                             ::testing::UnitTest::GetInstance()->current_test_info()->name() +
                             ".krp";
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
    auto options = LoadPaymentRuleOptions(path);
    EXPECT_TRUE(options.has_value()) << options.error().message;
    return options.value_or(payments::PaymentRuleOptions{});
  }

  // The outcome for `p` of a monitor that knows the usual import (invoice EH-2026-0311).
  std::string Outcome(const payments::PaymentRuleOptions& options, const Payment& p) {
    payments::PaymentMonitor monitor(clock_, nullptr, nullptr, options);
    monitor.AddDeclaration(payments::testing::EuImport());
    auto decision = monitor.Decide(p);
    EXPECT_TRUE(decision.has_value());
    return decision ? decision->outcome : "";
  }

  ManualClock clock_{kMonday + 30 * kDay};
};

// A Hong Kong company pays the German seller for the Kazakh importer's goods: F1.
Payment ThirdPartyPayment() {
  return payments::testing::MakePayment("P-HK", kMonday + kDay, payments::testing::HkPayer(),
                                        "HSBCHKHHHKH", payments::testing::EuSeller(), "COBADEFFXXX",
                                        84000, "EUR",
                                        "Payment for invoice EH-2026-0311 on behalf of Dostyk");
}

// The importer pays the seller an amount no declaration explains: F4's weak "unlinked".
Payment UnlinkedPayment() {
  return payments::testing::ImportPayment("P-SVC", 60000, "Service contract March");
}

TEST_F(ProfiledMonitorTest, WithoutAFileTheDefaultsDecide) {
  auto defaults = LoadPaymentRuleOptions("");
  ASSERT_TRUE(defaults.has_value());
  EXPECT_EQ(Outcome(*defaults, ThirdPartyPayment()), "hold");
  EXPECT_EQ(Outcome(*defaults, UnlinkedPayment()), "release");
}

TEST_F(ProfiledMonitorTest, AHigherHoldThresholdReleasesTheThirdPartyPayment) {
  EXPECT_EQ(Outcome(Options("rule decision hold_threshold 0.95\n"), ThirdPartyPayment()),
            "release");
}

TEST_F(ProfiledMonitorTest, WeakerF1StrengthsReleaseTheThirdPartyPayment) {
  const auto options = Options("rule F1 not_buyer 0.2\nrule F1 high_risk_country 0.2\n");
  EXPECT_EQ(Outcome(options, ThirdPartyPayment()), "release");
}

TEST_F(ProfiledMonitorTest, SwitchingF1OffReleasesTheThirdPartyPayment) {
  const auto options = Options("rule F1 enabled no\n");
  EXPECT_EQ(options.disabled_rules, std::vector<std::string>{"F1"});
  EXPECT_EQ(Outcome(options, ThirdPartyPayment()), "release");
  // Another rule switched off leaves F1 to hold it.
  EXPECT_EQ(Outcome(Options("rule F3 enabled no\n"), ThirdPartyPayment()), "hold");
}

TEST_F(ProfiledMonitorTest, AStrongerUnlinkedWeightHoldsTheUnlinkedPayment) {
  EXPECT_EQ(Outcome(Options("rule F4 unlinked 0.7\n"), UnlinkedPayment()), "hold");
}

TEST_F(ProfiledMonitorTest, AWiderLinkToleranceLinksThePayment) {
  // EUR 60,000 is 29 % short of the invoice's 84,000: within a 30 % tolerance the payment is
  // linked to the import by parties and amount, so F4's unlinked strength no longer holds it.
  const auto options = Options("rule link amount_tolerance 0.3\nrule F4 unlinked 0.7\n");
  EXPECT_EQ(Outcome(options, UnlinkedPayment()), "release");
}

TEST_F(ProfiledMonitorTest, AFileWithMistakesGivesNoOptions) {
  const std::string path = ::testing::TempDir() + "/bad-payments.krp";
  std::ofstream(path, std::ios::binary | std::ios::trunc) << "rule F4 unlinked 7\n";
  auto options = LoadPaymentRuleOptions(path);
  ASSERT_FALSE(options.has_value());
  EXPECT_THAT(options.error().message,
              HasSubstr(path + ":1:18: parameter F4.unlinked must be between 0 and 1"));
}

}  // namespace
}  // namespace keruen::risk
