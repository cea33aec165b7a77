#include "keruen/core/validate.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keruen/core/json_codec.h"

namespace keruen {
namespace {

using ::testing::HasSubstr;

Declaration Valid() {
  Declaration d;
  d.id = "D1";
  d.kind = DeclarationKind::kExport;
  d.lodged_at = 1000;
  d.declarant = {"ТОО «Алатау»", "KZ", {{IdKind::kBin, "180940021234"}}, "", std::nullopt};
  d.country_of_dispatch = "KZ";
  d.country_of_destination = "RU";
  GoodsItem it;
  it.seq = 1;
  it.hs = "854231";
  it.quantity = 10;
  it.net_kg = 1;
  it.gross_kg = 2;
  it.value = {100 * Money::kScale, "EUR"};
  d.items = {it};
  return d;
}

TEST(ValidateTest, AcceptsAValidDeclaration) { EXPECT_TRUE(ValidateDeclaration(Valid()).empty()); }

TEST(ValidateTest, RefusesFiveDigitHsCode) {
  Declaration d = Valid();
  d.items[0].hs = "85423";
  auto problems = ValidateDeclaration(d);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].ToString(), "items[0].hs: \"85423\" is not 6-10 digits");
}

TEST(ValidateTest, RefusesUnknownCurrencyAndCountry) {
  Declaration d = Valid();
  d.items[0].value.currency = "XYZ";
  d.country_of_destination = "RX";
  auto problems = ValidateDeclaration(d);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].field, "country_of_destination");
  EXPECT_EQ(problems[1].field, "items[0].value.currency");
  EXPECT_THAT(problems[1].message, HasSubstr("ISO 4217"));
}

TEST(ValidateTest, ChecksIdentifierFormats) {
  Declaration d = Valid();
  d.declarant.ids = {{IdKind::kBin, "12345"}, {IdKind::kOgrn, "1027700132195"}};
  auto problems = ValidateDeclaration(d);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, "declarant.ids.bin");
}

TEST(ValidateTest, ChecksMassesSequenceAndLimitDate) {
  Declaration d = Valid();
  d.items.push_back(d.items[0]);
  d.items[1].net_kg = 5;
  d.itinerary.limit_date = 10;
  auto problems = ValidateDeclaration(d);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].field, "itinerary.limit_date");
  EXPECT_EQ(problems[1].field, "items[1].seq");
  EXPECT_EQ(problems[2].field, "items[1].net_kg");
}

TEST(ValidateTest, HsCodeIsOptionalOnlyInTransit) {
  Declaration d = Valid();
  d.items[0].hs.clear();
  auto problems = ValidateDeclaration(d);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].ToString(), "items[0].hs: is required");
  d.kind = DeclarationKind::kTransit;
  EXPECT_TRUE(ValidateDeclaration(d).empty());
}

TEST(ValidateTest, AcceptsNorthernIrelandEori) {
  Declaration d = Valid();
  d.declarant.ids = {{IdKind::kEori, "XI985524247819"}};
  EXPECT_TRUE(ValidateDeclaration(d).empty());
  d.declarant.ids = {{IdKind::kEori, "QQ985524247819"}};
  EXPECT_EQ(ValidateDeclaration(d).size(), 1u);
}

TEST(ValidateTest, RequiresItems) {
  Declaration d = Valid();
  d.items.clear();
  EXPECT_EQ(CheckDeclaration(d).error().field, "items");
}

TEST(ValidateTest, ChecksPaymentBicsAndAmount) {
  Payment p;
  p.id = "P1";
  p.amount = {0, "EUR"};
  p.debtor.party.name = "A";
  p.creditor.party.name = "B";
  p.debtor.agent_bic = "KICBKG22";
  p.creditor.agent_bic = "NOTABIC";
  p.intermediary_bics = {"HSBCHKHHHKH", "HSBCZZHHHKH"};
  auto problems = ValidatePayment(p);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].field, "amount.amount");
  EXPECT_EQ(problems[1].field, "creditor.agent_bic");
  EXPECT_EQ(problems[2].field, "intermediary_bics[1]");
}

}  // namespace
}  // namespace keruen
