#include "keruen/ledger/virtual_warehouse.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace keruen::ledger {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

Date Day(const char* text) { return *ParseDate(text); }

LedgerEntry Entry(const std::string& party, Flow flow, double kg, const char* date,
                  const std::string& country, const std::string& declaration,
                  const std::string& hs6 = "854231") {
  LedgerEntry e;
  e.party = party;
  e.hs6 = hs6;
  e.flow = flow;
  e.quantity = kg * 10;
  e.unit = "pcs";
  e.net_kg = kg;
  e.date = Day(date);
  e.country = country;
  e.declaration = declaration;
  return e;
}

std::vector<Finding> AddAll(VirtualWarehouse& w, const std::vector<LedgerEntry>& entries) {
  std::vector<Finding> findings;
  for (const LedgerEntry& e : entries) w.Add(e, findings);
  return findings;
}

// The findings of one rule.
std::vector<Finding> Of(const std::string& rule, const std::vector<Finding>& findings) {
  std::vector<Finding> out;
  for (const Finding& f : findings) {
    if (f.rule == rule) out.push_back(f);
  }
  return out;
}

TEST(PartyKeyTest, PrefersTheBinThenOtherIdentifiersThenTheName) {
  Party p;
  p.name = "ТОО «Альфа»";
  EXPECT_EQ(PartyKey(p), "ТОО «Альфа»");
  p.ids = {{IdKind::kVat, "DE123"}, {IdKind::kBin, "180940021234"}};
  EXPECT_EQ(PartyKey(p), "bin:180940021234");
  p.ids = {{IdKind::kInn, "7707083893"}};
  EXPECT_EQ(PartyKey(p), "inn:7707083893");
  // The first identifier of a kind stands for it; an empty one passes to the next kind.
  p.ids = {
      {IdKind::kOgrn, "1027700132195"}, {IdKind::kInn, "7707083893"}, {IdKind::kInn, "7736050003"}};
  EXPECT_EQ(PartyKey(p), "inn:7707083893");
  p.ids = {{IdKind::kBin, ""}, {IdKind::kEori, "DE1234567"}, {IdKind::kBin, "180940021234"}};
  EXPECT_EQ(PartyKey(p), "eori:DE1234567");
}

TEST(PartyKeyTest, KeysOfADeclarationByRole) {
  Declaration d;
  d.declarant.name = "Broker LLP";
  d.consignee = Party{};
  d.consignee->ids = {{IdKind::kBin, "180940021234"}};
  d.carrier = Party{};
  d.carrier->name = "Trans LLP";
  const DeclarationPartyKeys keys = PartyKeysOf(d);
  EXPECT_EQ(keys[kDeclarantKey], "Broker LLP");
  EXPECT_EQ(keys[kConsignorKey], "");
  EXPECT_EQ(keys[kConsigneeKey], "bin:180940021234");
  EXPECT_EQ(keys[kCarrierKey], "Trans LLP");
}

TEST(EntriesOfTest, ImportsBookTheConsigneeExportsTheConsignorTransitsNobody) {
  Declaration d;
  d.id = "D1";
  d.lodged_at = StartOfDate(Day("2024-03-01"));
  d.consignor = Party{"Siemens AG", "DE", {{IdKind::kEori, "DE1"}}, "", std::nullopt};
  d.consignee = Party{"Alfa", "KZ", {{IdKind::kBin, "111"}}, "", std::nullopt};
  d.country_of_dispatch = "DE";
  d.country_of_destination = "KZ";
  d.items = {GoodsItem{1, "8542310000", "cpu", 100, "pcs", 2.5, 3, {}, "DE"},
             GoodsItem{2, "8542", "no subheading", 1, "pcs", 1, 1, {}, ""}};
  d.kind = DeclarationKind::kImport;
  std::vector<LedgerEntry> entries = EntriesOf(d);
  ASSERT_EQ(entries.size(), 1u);  // the four-digit code books nothing
  EXPECT_EQ(entries[0].party, "bin:111");
  EXPECT_EQ(entries[0].hs6, "854231");
  EXPECT_EQ(entries[0].flow, Flow::kIn);
  EXPECT_EQ(entries[0].country, "DE");
  EXPECT_EQ(entries[0].date, Day("2024-03-01"));

  d.kind = DeclarationKind::kWaybill;
  d.country_of_destination = "RU";
  entries = EntriesOf(d);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].party, "eori:DE1");
  EXPECT_EQ(entries[0].flow, Flow::kOut);
  EXPECT_EQ(entries[0].country, "RU");

  d.kind = DeclarationKind::kTransit;
  EXPECT_THAT(EntriesOf(d), IsEmpty());
  d.kind = DeclarationKind::kImport;
  d.consignee.reset();
  EXPECT_THAT(EntriesOf(d), IsEmpty());
}

TEST(VirtualWarehouseTest, KeepsRunningBalancesPerCompanyAndCode) {
  VirtualWarehouse w;
  AddAll(w, {Entry("bin:1", Flow::kIn, 100, "2024-01-10", "DE", "I1"),
             Entry("bin:1", Flow::kOut, 40, "2024-02-10", "RU", "E1"),
             Entry("bin:1", Flow::kOut, 30, "2024-02-20", "KG", "E2"),
             Entry("bin:1", Flow::kIn, 5, "2024-01-05", "DE", "I2", "847130")});
  const Balance* b = w.Find("bin:1", "854231");
  ASSERT_NE(b, nullptr);
  EXPECT_DOUBLE_EQ(b->in_kg, 100);
  EXPECT_DOUBLE_EQ(b->out_kg, 70);
  EXPECT_DOUBLE_EQ(b->out_to_russia_kg, 40);
  EXPECT_DOUBLE_EQ(b->reexported_to_russia_kg(), 40);
  EXPECT_DOUBLE_EQ(b->excess_kg(), -30);
  EXPECT_DOUBLE_EQ(b->in_quantity, 1000);
  EXPECT_EQ(b->unit, "pcs");
  EXPECT_EQ(b->in_declarations, 1);
  EXPECT_EQ(b->out_declarations, 2);
  EXPECT_EQ(b->first, Day("2024-01-10"));
  EXPECT_EQ(b->last, Day("2024-02-20"));
  EXPECT_EQ(w.Find("bin:1", "999999"), nullptr);
  EXPECT_EQ(w.Find("bin:2", "854231"), nullptr);

  const auto balances = w.PartyBalances("bin:1");
  ASSERT_EQ(balances.size(), 2u);
  EXPECT_EQ(balances[0].first, "847130");
  EXPECT_EQ(balances[1].first, "854231");
  EXPECT_EQ(w.PartyBalances("bin:1", "8542").size(), 1u);
  EXPECT_EQ(w.balances(), 2u);
  EXPECT_EQ(w.parties(), 1u);
}

TEST(VirtualWarehouseTest, MixedUnitsLeaveOnlyKilograms) {
  VirtualWarehouse w;
  LedgerEntry a = Entry("bin:1", Flow::kIn, 10, "2024-01-01", "DE", "I1");
  LedgerEntry b = Entry("bin:1", Flow::kIn, 10, "2024-01-02", "DE", "I2");
  b.unit = "kg";
  AddAll(w, {a, b});
  EXPECT_EQ(w.Find("bin:1", "854231")->unit, "");
  EXPECT_DOUBLE_EQ(w.Find("bin:1", "854231")->in_kg, 20);
}

TEST(VirtualWarehouseTest, QuantityBalanceFiresOnceWhenExportsExceedImports) {
  VirtualWarehouse w;
  std::vector<Finding> findings =
      AddAll(w, {Entry("bin:1", Flow::kIn, 100, "2024-01-10", "DE", "I1"),
                 Entry("bin:1", Flow::kOut, 104, "2024-02-10", "KG", "E1")});
  EXPECT_THAT(findings, IsEmpty());  // within the 5 % tolerance
  findings = AddAll(w, {Entry("bin:1", Flow::kOut, 20, "2024-02-11", "KG", "E2")});
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "Q1");
  EXPECT_EQ(findings[0].party, "bin:1");
  EXPECT_DOUBLE_EQ(findings[0].out_kg, 124);
  EXPECT_THAT(findings[0].explanation, HasSubstr("exported 124 kg of HS 854231 against 100 kg"));
  // Once per company and code.
  EXPECT_THAT(AddAll(w, {Entry("bin:1", Flow::kOut, 50, "2024-02-12", "KG", "E3")}), IsEmpty());
  // Tiny excesses are noise, whatever the ratio.
  VirtualWarehouse small;
  EXPECT_THAT(AddAll(small, {Entry("bin:2", Flow::kIn, 1, "2024-02-01", "DE", "I4"),
                             Entry("bin:2", Flow::kOut, 5, "2024-02-12", "KG", "E4")}),
              IsEmpty());
  // A company that never imported the code makes it: no balance to break.
  VirtualWarehouse maker;
  EXPECT_THAT(AddAll(maker, {Entry("bin:3", Flow::kOut, 5000, "2024-02-12", "RU", "E5")}),
              IsEmpty());
}

TEST(VirtualWarehouseTest, PassThroughPairsAnImportWithASimilarExportToRussiaWithinTheWindow) {
  VirtualWarehouse w;
  std::vector<Finding> findings =
      AddAll(w, {Entry("bin:1", Flow::kIn, 500, "2024-03-01", "DE", "I1"),
                 Entry("bin:1", Flow::kOut, 450, "2024-03-12", "RU", "E1")});
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "Q2");
  EXPECT_THAT(findings[0].declarations, ElementsAre("I1", "E1"));
  EXPECT_THAT(findings[0].explanation, HasSubstr("11 days later"));

  // Too late, too different in quantity, or not to Russia or Belarus: no finding.
  VirtualWarehouse late;
  EXPECT_THAT(AddAll(late, {Entry("bin:1", Flow::kIn, 500, "2024-03-01", "DE", "I1"),
                            Entry("bin:1", Flow::kOut, 500, "2024-04-15", "RU", "E1")}),
              IsEmpty());
  VirtualWarehouse different;
  EXPECT_THAT(AddAll(different, {Entry("bin:1", Flow::kIn, 500, "2024-03-01", "DE", "I1"),
                                 Entry("bin:1", Flow::kOut, 200, "2024-03-05", "RU", "E1")}),
              IsEmpty());
  VirtualWarehouse elsewhere;
  EXPECT_THAT(AddAll(elsewhere, {Entry("bin:1", Flow::kIn, 500, "2024-03-01", "DE", "I1"),
                                 Entry("bin:1", Flow::kOut, 500, "2024-03-05", "KG", "E1")}),
              IsEmpty());
  // Another company's or another code's import does not count.
  VirtualWarehouse other;
  EXPECT_THAT(
      Of("Q2", AddAll(other, {Entry("bin:2", Flow::kIn, 500, "2024-03-01", "DE", "I1"),
                              Entry("bin:1", Flow::kOut, 500, "2024-03-05", "BY", "E1"),
                              Entry("bin:1", Flow::kIn, 500, "2024-03-01", "DE", "I2", "847130")})),
      IsEmpty());
}

TEST(VirtualWarehouseTest, PassThroughIsFoundWhenTheExportArrivesFirst) {
  VirtualWarehouse w;
  std::vector<Finding> findings =
      Of("Q2", AddAll(w, {Entry("bin:1", Flow::kOut, 480, "2024-03-12", "BY", "E1"),
                          Entry("bin:1", Flow::kIn, 500, "2024-03-01", "DE", "I1")}));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "Q2");
  EXPECT_THAT(findings[0].declarations, ElementsAre("I1", "E1"));
}

TEST(VirtualWarehouseTest, TopReexportersRankWhatCameInAndLeftForRussia) {
  VirtualWarehouse w;
  AddAll(w, {Entry("bin:1", Flow::kIn, 100, "2024-01-01", "DE", "A"),
             Entry("bin:1", Flow::kOut, 300, "2024-01-05", "RU", "B"),  // capped at 100 in
             Entry("bin:2", Flow::kIn, 500, "2024-01-01", "DE", "C"),
             Entry("bin:2", Flow::kOut, 250, "2024-01-05", "BY", "D"),
             Entry("bin:2", Flow::kIn, 50, "2024-01-01", "IT", "E", "847130"),
             Entry("bin:2", Flow::kOut, 50, "2024-01-05", "RU", "F", "847130"),
             Entry("bin:3", Flow::kIn, 900, "2024-01-01", "DE", "G"),
             Entry("bin:3", Flow::kOut, 900, "2024-01-05", "KG", "H")});  // not to Russia
  const auto top = w.TopReexporters(10);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].party, "bin:2");
  EXPECT_DOUBLE_EQ(top[0].reexported_to_russia_kg, 300);
  EXPECT_EQ(top[0].codes, 2u);
  EXPECT_EQ(top[1].party, "bin:1");
  EXPECT_DOUBLE_EQ(top[1].reexported_to_russia_kg, 100);
  EXPECT_EQ(w.TopReexporters(1).size(), 1u);
  const auto chips = w.TopReexporters(10, "8542");
  ASSERT_EQ(chips.size(), 2u);
  EXPECT_DOUBLE_EQ(chips[0].reexported_to_russia_kg, 250);
}

}  // namespace
}  // namespace keruen::ledger
