#include "keruen/risk/risk_engine.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "keruen/core/paths.h"
#include "keruen/risk/declaration_fields.h"
#include "keruen/screening/match/screener.h"
#include "keruen/screening/party_screening.h"
#include "keruen/screening/testing/test_lists.h"
#include "keruen/screening/text/name_analyzer.h"
#include "keruen/store/sqlite_store.h"

namespace keruen::risk {
namespace {

namespace fs = std::filesystem;

// The public tables (the EU's bans come from the shared data) and a national list banning salt
// (HS 2501) to Russia, so that G2 is seen with a national list too.
const goods::ControlledGoods& Goods() {
  static const goods::ControlledGoods goods = [] {
    // One file per process: ctest runs the tests of this binary in parallel processes.
    const fs::path national = fs::temp_directory_path() /
                              ("keruen_risk_test_national_" + std::to_string(::getpid()) + ".csv");
    {
      std::ofstream out(national);
      out << "list,hs,from,destinations,note\n"
             "kz_test_ban,2501,2023-10-21,RU BY,salt (a test listing)\n";
    }
    goods::ControlledGoods::Sources sources = goods::ControlledGoods::DefaultSources();
    sources.national_csvs = {national.string()};
    auto loaded = goods::ControlledGoods::Load(sources);
    fs::remove(national);
    if (!loaded) {
      std::fprintf(stderr, "cannot load the controlled-goods lists: %s\n",
                   loaded.error().ToString().c_str());
      std::abort();  // every test here needs them
    }
    return std::move(*loaded);
  }();
  return goods;
}

Timestamp At(int y, unsigned m, unsigned d) {
  return static_cast<Timestamp>(DaysFromCivil(y, m, d)) * 86400 + 10 * 3600;
}

Party Company(std::string name, std::string country, std::string bin = {},
              std::optional<Date> registered = std::nullopt) {
  Party p;
  p.name = std::move(name);
  p.country = std::move(country);
  if (!bin.empty()) p.ids.push_back({p.country == "KZ" ? IdKind::kBin : IdKind::kInn, bin});
  p.registered_on = registered;
  return p;
}

GoodsItem Item(std::string hs, double eur, double net_kg, double quantity = 1,
               std::string description = "goods") {
  GoodsItem item;
  item.seq = 1;
  item.hs = std::move(hs);
  item.description = std::move(description);
  item.quantity = quantity;
  item.unit = "pcs";
  item.net_kg = net_kg;
  item.gross_kg = net_kg * 1.1;
  item.value = {static_cast<int64_t>(eur * Money::kScale), "EUR"};
  item.origin = "DE";
  return item;
}

const Party kKzTrader = Company("Dala Trade LLP", "KZ", "100140012345", DaysFromCivil(2010, 5, 1));
const Party kDeSeller = Company("Elektronik Handel GmbH", "DE");
const Party kRuBuyer = Company("OOO Vostok", "RU", "7701000001");

Declaration Import(std::string id, Timestamp at, std::vector<GoodsItem> items,
                   const Party& consignee = kKzTrader, const Party& consignor = kDeSeller) {
  Declaration d;
  d.id = std::move(id);
  d.kind = DeclarationKind::kImport;
  d.lodged_at = at;
  d.declarant = consignee;
  d.consignor = consignor;
  d.consignee = consignee;
  d.country_of_dispatch = consignor.country;
  d.country_of_destination = "KZ";
  for (size_t i = 0; i < items.size(); ++i) items[i].seq = static_cast<int32_t>(i + 1);
  d.items = std::move(items);
  return d;
}

Declaration Export(std::string id, Timestamp at, std::vector<GoodsItem> items,
                   std::string destination = "RU", const Party& consignor = kKzTrader) {
  Declaration d = Import(std::move(id), at, std::move(items), kRuBuyer, consignor);
  d.kind = DeclarationKind::kExport;
  d.declarant = consignor;
  d.country_of_dispatch = "KZ";
  d.country_of_destination = destination;
  d.consignee->country = destination;
  return d;
}

const RuleHit* HitOf(const Assessment& a, std::string_view rule) {
  for (const RuleHit& h : a.hits) {
    if (h.rule == rule) return &h;
  }
  return nullptr;
}

bool Alerted(const Assessment& a, std::string_view rule) {
  return std::any_of(a.alerts.begin(), a.alerts.end(),
                     [&](const Alert& al) { return al.rule == rule; });
}

// A profile file's set; the test fails on a file with mistakes.
std::shared_ptr<const ProfileSet> Profiles(std::string_view text) {
  auto set = ParseProfiles(text, "test.krp", RiskProfileSchema());
  EXPECT_TRUE(set.has_value()) << set.error().message;
  return set ? std::make_shared<const ProfileSet>(std::move(*set)) : DefaultProfiles();
}

// Lanes by score alone, so that a test sees what the criteria chose.
std::shared_ptr<const ProfileSet> NoRandomLanes(std::string_view more = {}) {
  return Profiles("lanes\n  random at least 0 % to yellow\nend\n" + std::string(more));
}

class RiskEngineTest : public ::testing::Test {
 protected:
  ManualClock clock_{At(2026, 3, 1)};
  RiskEngine engine_{Goods(), clock_, NoRandomLanes()};
};

TEST_F(RiskEngineTest, G1WeighsChplByTierAndEscalatesTowardRussia) {
  // Integrated circuits (tier 1) imported from Germany: a hit that only scores.
  const Assessment in = engine_.Assess(Import("I1", At(2026, 3, 2), {Item("85423190", 5000, 2)}));
  const RuleHit* plain = HitOf(in, "G1");
  ASSERT_NE(plain, nullptr);
  EXPECT_DOUBLE_EQ(plain->strength, 0.4);
  EXPECT_FALSE(Alerted(in, "G1"));
  // The same goods leaving for Russia: full strength, an alert, the item named.
  const Assessment out = engine_.Assess(Export("E1", At(2026, 3, 3), {Item("85423190", 5000, 2)}));
  const RuleHit* escalated = HitOf(out, "G1");
  ASSERT_NE(escalated, nullptr);
  EXPECT_DOUBLE_EQ(escalated->strength, 1.0);
  EXPECT_TRUE(Alerted(out, "G1"));
  EXPECT_EQ(escalated->items, std::vector<int32_t>{1});
  EXPECT_TRUE(nlohmann::json::parse(escalated->evidence_json).at("escalated").get<bool>());
  // Furniture is on no list.
  EXPECT_EQ(HitOf(engine_.Assess(Export("E2", At(2026, 3, 3), {Item("94036010", 500, 30)})), "G1"),
            nullptr);
}

TEST_F(RiskEngineTest, G2BansInForceTowardRussiaOnly) {
  // Laptops (8471.30) are on the EU's bans toward Russia since 2022: a red flag for a Kazakh
  // export, weighed for a documentary check. (At EUR 600 a laptop stays under its luxury
  // ceiling of EUR 750: no G4.)
  const Assessment ru = engine_.Assess(Export("E1", At(2026, 3, 2), {Item("84713000", 600, 3)}));
  const RuleHit* g2 = HitOf(ru, "G2");
  ASSERT_NE(g2, nullptr);
  EXPECT_DOUBLE_EQ(g2->strength, 0.6);
  EXPECT_EQ(g2->severity, Severity::kHigh);
  EXPECT_NE(g2->explanation.find("eu_833"), std::string::npos);
  EXPECT_FALSE(Alerted(ru, "G2"));
  EXPECT_EQ(ru.lane, Lane::kYellow);
  // To Kyrgyzstan the ban does not apply (G1 and the lanes may still look at it).
  EXPECT_EQ(
      HitOf(engine_.Assess(Export("E2", At(2026, 3, 2), {Item("84713000", 900, 3)}, "KG")), "G2"),
      nullptr);
  // Before the listing there was no ban.
  EXPECT_EQ(HitOf(engine_.Assess(Export("E3", At(2021, 6, 1), {Item("84713000", 900, 3)})), "G2"),
            nullptr);
}

TEST_F(RiskEngineTest, G2NationalListsWorkTheSameWay) {
  // Kazakhstan's own ban is the law: full strength, an alert, a physical examination.
  const Assessment salt = engine_.Assess(Export("E1", At(2026, 3, 2), {Item("250100", 100, 1000)}));
  ASSERT_NE(HitOf(salt, "G2"), nullptr);
  EXPECT_NE(HitOf(salt, "G2")->explanation.find("kz_test_ban"), std::string::npos);
  EXPECT_DOUBLE_EQ(HitOf(salt, "G2")->strength, 1.0);
  EXPECT_EQ(HitOf(salt, "G2")->severity, Severity::kCritical);
  EXPECT_TRUE(Alerted(salt, "G2"));
  EXPECT_EQ(salt.lane, Lane::kRed);
  // Before the national listing's date: no ban.
  EXPECT_EQ(HitOf(engine_.Assess(Export("E2", At(2023, 10, 1), {Item("250100", 100, 1000)})), "G2"),
            nullptr);
}

TEST_F(RiskEngineTest, G4LuxuryAboveTheCeilingOnly) {
  // Pure-bred horses: luxury, banned toward Russia above EUR 300 a head.
  const Assessment dear =
      engine_.Assess(Export("E1", At(2026, 3, 2), {Item("010121", 10000, 900, 2)}));
  ASSERT_NE(HitOf(dear, "G4"), nullptr);
  EXPECT_NE(HitOf(dear, "G4")->explanation.find("ceiling EUR 300"), std::string::npos);
  EXPECT_EQ(HitOf(dear, "G2"), nullptr);  // a luxury ban is G4's, by price
  EXPECT_EQ(
      HitOf(engine_.Assess(Export("E2", At(2026, 3, 2), {Item("010121", 400, 900, 2)})), "G4"),
      nullptr);
  // Above the ceiling but to Kyrgyzstan, with no Russian party: no nexus.
  EXPECT_EQ(
      HitOf(engine_.Assess(Export("E3", At(2026, 3, 2), {Item("010121", 10000, 900, 2)}, "KG")),
            "G4"),
      nullptr);
}

TEST_F(RiskEngineTest, G5SameGoodsMovedToAnUnlistedNeighbour) {
  // Plastic fittings declared under listed 3926.90, then the same under unlisted 3926.10.
  engine_.Assess(Import("I1", At(2026, 3, 2), {Item("392690", 800, 50, 100, "Plastic fittings")}));
  const Assessment moved = engine_.Assess(
      Import("I2", At(2026, 4, 1), {Item("392610", 800, 50, 100, "plastic  FITTINGS")}));
  const RuleHit* g5 = HitOf(moved, "G5");
  ASSERT_NE(g5, nullptr);
  EXPECT_EQ(g5->related_declarations, std::vector<std::string>{"I1"});
  // Another supplier's goods under the unlisted code are not a move.
  const Party other = Company("Kunststoff AG", "AT");
  EXPECT_EQ(HitOf(engine_.Assess(Import("I3", At(2026, 4, 2),
                                        {Item("392610", 800, 50, 100, "Plastic fittings")},
                                        kKzTrader, other)),
                  "G5"),
            nullptr);
}

TEST_F(RiskEngineTest, G5ComparesWithTheCodeTheGoodsWereLastDeclaredUnder) {
  auto fittings = [&](const char* id, int day, const char* hs) {
    return engine_.Assess(
        Import(id, At(2026, 3, day), {Item(hs, 800, 50, 100, "Plastic fittings")}));
  };
  fittings("I1", 2, "392690");                                   // listed
  EXPECT_NE(HitOf(fittings("I2", 3, "392610"), "G5"), nullptr);  // moved
  // Last declared under the unlisted code: declaring them there again moves nothing.
  EXPECT_EQ(HitOf(fittings("I3", 4, "392610"), "G5"), nullptr);
  fittings("I4", 5, "392690");  // listed again
  const Assessment moved_again = fittings("I5", 6, "392610");
  const RuleHit* g5 = HitOf(moved_again, "G5");
  ASSERT_NE(g5, nullptr);
  EXPECT_EQ(g5->related_declarations, std::vector<std::string>{"I4"});
}

// Within one declaration the items are remembered in order, as if declared one after the
// other: a listed item then the same goods unlisted leaves them last declared unlisted; the
// other way round leaves them listed. (The engine reads descriptions only where it must.)
TEST_F(RiskEngineTest, G5RemembersTheItemsOfOneDeclarationInOrder) {
  auto fittings = [](const char* hs) { return Item(hs, 800, 50, 100, "Plastic fittings"); };
  engine_.Assess(Import("I1", At(2026, 3, 2), {fittings("392690"), fittings("392610")}));
  EXPECT_EQ(HitOf(engine_.Assess(Import("I2", At(2026, 3, 3), {fittings("392610")})), "G5"),
            nullptr);

  const Party other = Company("Kunststoff AG", "AT");
  engine_.Assess(
      Import("J1", At(2026, 3, 2), {fittings("392610"), fittings("392690")}, kKzTrader, other));
  const Assessment moved =
      engine_.Assess(Import("J2", At(2026, 3, 3), {fittings("392610")}, kKzTrader, other));
  const RuleHit* g5 = HitOf(moved, "G5");
  ASSERT_NE(g5, nullptr);
  EXPECT_EQ(g5->related_declarations, std::vector<std::string>{"J1"});
}

TEST_F(RiskEngineTest, G5ValuePerKgOfAListedNeighbour) {
  // The market's prices: unlisted 3926.10 at about EUR 10 a kg, listed 3926.90 at about 200.
  for (int i = 0; i < 25; ++i) {
    engine_.Assess(Import("U" + std::to_string(i), At(2026, 3, 2),
                          {Item("392610", 1000 + 10 * i, 100, 1, "hygienic articles")}));
    engine_.Assess(Import("L" + std::to_string(i), At(2026, 3, 2),
                          {Item("392690", 20000 + 200 * i, 100, 1, "fittings")}));
  }
  auto g5_of = [&](const std::string& id, double eur) {
    const Assessment a =
        engine_.Assess(Import(id, At(2026, 3, 3), {Item("392610", eur, 100, 1, "articles")}));
    const RuleHit* hit = HitOf(a, "G5");
    return hit == nullptr ? std::optional<RuleHit>() : std::optional<RuleHit>(*hit);
  };
  // EUR 220 a kg under 3926.10: the price of 3926.90.
  const std::optional<RuleHit> priced_like_listed = g5_of("X1", 22000);
  ASSERT_TRUE(priced_like_listed.has_value());
  EXPECT_DOUBLE_EQ(priced_like_listed->strength, 0.6);
  EXPECT_EQ(priced_like_listed->key, "392610~392690");
  EXPECT_EQ(nlohmann::json::parse(priced_like_listed->evidence_json).at("listed_hs6"), "392690");
  EXPECT_NE(priced_like_listed->explanation.find("priced like listed 392690"), std::string::npos);
  // Its own code's price, or a price like neither code's: no G5.
  EXPECT_FALSE(g5_of("X2", 1050).has_value());
  EXPECT_FALSE(g5_of("X3", 6000).has_value());
  // Declared under the listed code itself: nothing misclassified.
  EXPECT_EQ(HitOf(engine_.Assess(Import("X4", At(2026, 3, 3), {Item("392690", 20500, 100)})), "G5"),
            nullptr);
}

TEST_F(RiskEngineTest, P1NewTraderStrongWhenChplStartsSoonAfterRegistration) {
  const Party shell = Company("Jana Shell LLP", "KZ", "260140099999", DaysFromCivil(2026, 1, 20));
  const Assessment a =
      engine_.Assess(Import("I1", At(2026, 3, 2), {Item("85423190", 50000, 5)}, shell));
  ASSERT_NE(HitOf(a, "P1"), nullptr);
  EXPECT_DOUBLE_EQ(HitOf(a, "P1")->strength, 1.0);
  EXPECT_TRUE(Alerted(a, "P1"));
  // Registered after 2022 but trading for years before this CHPL deal: weak, no alert.
  const Party older = Company("Orta LLP", "KZ", "230140011111", DaysFromCivil(2023, 1, 10));
  const Assessment b =
      engine_.Assess(Import("I2", At(2026, 3, 2), {Item("85423190", 50000, 5)}, older));
  ASSERT_NE(HitOf(b, "P1"), nullptr);
  EXPECT_DOUBLE_EQ(HitOf(b, "P1")->strength, 0.4);
  EXPECT_FALSE(Alerted(b, "P1"));
  // Registered in 2010: not new.
  EXPECT_EQ(HitOf(engine_.Assess(Import("I3", At(2026, 3, 2), {Item("85423190", 50000, 5)})), "P1"),
            nullptr);
}

TEST_F(RiskEngineTest, P2ChplAfterALongPauseInMachinery) {
  // Two and a half years of plastics, then integrated circuits.
  for (int m = 0; m < 30; ++m) {
    engine_.Assess(Import("I" + std::to_string(m), At(2023 + m / 12, m % 12 + 1, 5),
                          {Item("392610", 1000, 100)}));
  }
  const Assessment change =
      engine_.Assess(Import("C1", At(2025, 8, 5), {Item("85423190", 5000, 2)}));
  EXPECT_NE(HitOf(change, "P2"), nullptr);
  // A trader in machinery all along has not changed its line.
  const Party steady = Company("Steady LLP", "KZ", "100140054321", DaysFromCivil(2005, 1, 1));
  for (int m = 0; m < 30; ++m) {
    engine_.Assess(Import("S" + std::to_string(m), At(2023 + m / 12, m % 12 + 1, 5),
                          {Item("848180", 1000, 100)}, steady));
  }
  EXPECT_EQ(
      HitOf(engine_.Assess(Import("S99", At(2025, 8, 5), {Item("85423190", 5000, 2)}, steady)),
            "P2"),
      nullptr);
}

TEST_F(RiskEngineTest, Q2PassThroughNamesTheImport) {
  engine_.Assess(Import("I1", At(2026, 3, 2), {Item("85423190", 50000, 1000)}));
  const Assessment out =
      engine_.Assess(Export("E1", At(2026, 3, 6), {Item("85423190", 60000, 950)}));
  const RuleHit* q2 = HitOf(out, "Q2");
  ASSERT_NE(q2, nullptr);
  EXPECT_EQ(q2->related_declarations, std::vector<std::string>{"I1"});
  EXPECT_TRUE(Alerted(out, "Q2"));
  // The same export to Kyrgyzstan is no pass-through to Russia.
  RiskEngine fresh(Goods(), clock_, NoRandomLanes());
  fresh.Assess(Import("I1", At(2026, 3, 2), {Item("85423190", 50000, 1000)}));
  EXPECT_EQ(
      HitOf(fresh.Assess(Export("E1", At(2026, 3, 6), {Item("85423190", 60000, 950)}, "KG")), "Q2"),
      nullptr);
}

TEST_F(RiskEngineTest, Q1ExportsBeyondImports) {
  engine_.Assess(Import("I1", At(2026, 3, 2), {Item("392610", 5000, 100)}));
  const Assessment out =
      engine_.Assess(Export("E1", At(2026, 3, 20), {Item("392610", 9000, 300)}, "KG"));
  EXPECT_NE(HitOf(out, "Q1"), nullptr);
  EXPECT_EQ(
      HitOf(engine_.Assess(Export("E2", At(2026, 3, 20), {Item("392690", 9000, 30)}, "KG")), "Q1"),
      nullptr);  // nothing of 3926.90 was imported: taken for its maker
}

TEST_F(RiskEngineTest, Q3UnitPriceFarFromTheMarket) {
  for (int i = 0; i < 40; ++i) {
    engine_.Assess(Import("I" + std::to_string(i), At(2026, 3, 2),
                          {Item("392610", 1000 * (1 + 0.02 * (i % 5)), 100, 100)}));
  }
  const Assessment cheap =
      engine_.Assess(Import("C", At(2026, 3, 3), {Item("392610", 50, 100, 100)}));
  ASSERT_NE(HitOf(cheap, "Q3"), nullptr);
  EXPECT_FALSE(Alerted(cheap, "Q3"));  // scores only, by default
  EXPECT_EQ(
      HitOf(engine_.Assess(Import("N", At(2026, 3, 3), {Item("392610", 1030, 100, 100)})), "Q3"),
      nullptr);
}

TEST_F(RiskEngineTest, Q4GrossBelowNetIsImplausible) {
  GoodsItem odd = Item("392610", 1000, 100);
  odd.gross_kg = 60;
  EXPECT_NE(HitOf(engine_.Assess(Import("I1", At(2026, 3, 2), {odd})), "Q4"), nullptr);
  EXPECT_EQ(HitOf(engine_.Assess(Import("I2", At(2026, 3, 2), {Item("392610", 1000, 100)})), "Q4"),
            nullptr);
}

TEST_F(RiskEngineTest, Q5ImportSurge) {
  for (int m = 1; m <= 4; ++m) {
    engine_.Assess(Import("I" + std::to_string(m), At(2025, m, 10), {Item("392610", 1000, 100)}));
  }
  EXPECT_EQ(HitOf(engine_.Assess(Import("N", At(2025, 5, 10), {Item("392610", 1500, 150)})), "Q5"),
            nullptr);
  EXPECT_NE(HitOf(engine_.Assess(Import("S", At(2025, 5, 12), {Item("392610", 9000, 900)})), "Q5"),
            nullptr);
}

TEST_F(RiskEngineTest, Q6SplitShipmentsJustUnderTheThreshold) {
  Assessment last;
  for (int i = 0; i < 3; ++i) {
    last = engine_.Assess(
        Import("P" + std::to_string(i), At(2026, 3, 2) + i * 1200, {Item("392610", 9600, 100)}));
    if (i < 2) {
      EXPECT_EQ(HitOf(last, "Q6"), nullptr) << i;
    }
  }
  const RuleHit* q6 = HitOf(last, "Q6");
  ASSERT_NE(q6, nullptr);
  EXPECT_EQ(q6->related_declarations, (std::vector<std::string>{"P0", "P1"}));
  // Three small consignments, far under the threshold, are ordinary trade.
  const Party buyer = Company("Small LLP", "KZ", "100140077777", DaysFromCivil(2001, 1, 1));
  for (int i = 0; i < 3; ++i) {
    last = engine_.Assess(Import("S" + std::to_string(i), At(2026, 3, 2) + i * 1200,
                                 {Item("392610", 3000, 100)}, buyer));
  }
  EXPECT_EQ(HitOf(last, "Q6"), nullptr);
}

TEST_F(RiskEngineTest, P6ScreensEveryParty) {
  auto analyzer = screening::NameAnalyzer::Create(screening::DefaultTranslitDir());
  ASSERT_TRUE(analyzer.has_value()) << analyzer.error().ToString();
  auto screener = screening::Screener::Build(screening::testing::TestEntries(), **analyzer);
  ASSERT_TRUE(screener.has_value());
  screening::PartyScreening screening(**screener, clock_);
  RiskEngine engine(Goods(), clock_, NoRandomLanes(), &screening);
  const Party listed = Company("ООО «Ромашка Технологии»", "RU", "7701234567");
  const Assessment hit =
      engine.Assess(Export("E1", At(2026, 3, 2), {Item("392610", 100, 1)}, "RU"));
  EXPECT_EQ(HitOf(hit, "P6"), nullptr);
  Declaration d = Export("E2", At(2026, 3, 2), {Item("392610", 100, 1)});
  d.consignee = listed;
  const Assessment listed_hit = engine.Assess(d);
  ASSERT_NE(HitOf(listed_hit, "P6"), nullptr);
  EXPECT_EQ(listed_hit.lane, Lane::kRed);
  EXPECT_FALSE(Alerted(listed_hit, "P6"));  // the screening listener raises P6 alerts itself
}

TEST_F(RiskEngineTest, P5NearAPartyTheScreeningFoundListed) {
  auto analyzer = screening::NameAnalyzer::Create(screening::DefaultTranslitDir());
  ASSERT_TRUE(analyzer.has_value()) << analyzer.error().ToString();
  auto screener = screening::Screener::Build(screening::testing::TestEntries(), **analyzer);
  ASSERT_TRUE(screener.has_value());
  screening::PartyScreening screening(**screener, clock_);
  RiskEngine engine(Goods(), clock_, NoRandomLanes(), &screening);
  // Dala Trade sells to a listed company: P6 marks it listed in the graph.
  Declaration first = Export("E1", At(2026, 3, 2), {Item("392610", 100, 1)});
  first.consignee = Company("ООО «Ромашка Технологии»", "RU", "7701234567");
  ASSERT_NE(HitOf(engine.Assess(first), "P6"), nullptr);
  // Its next export, to an unlisted buyer, has a direct counterparty of a listed party.
  const Assessment next = engine.Assess(Export("E2", At(2026, 3, 9), {Item("392610", 100, 1)}));
  const RuleHit* p5 = HitOf(next, "P5");
  ASSERT_NE(p5, nullptr);
  EXPECT_EQ(nlohmann::json::parse(p5->evidence_json).at("hops"), 1);
  EXPECT_NE(p5->explanation.find("Dala Trade"), std::string::npos) << p5->explanation;
  // A trader with no tie to it is not near.
  const Party stranger = Company("Stranger LLP", "KZ", "100140066666", DaysFromCivil(2004, 1, 1));
  Declaration far = Export("E3", At(2026, 3, 9), {Item("392610", 100, 1)}, "RU", stranger);
  far.consignee = Company("OOO Zapad", "RU", "7701000009");
  EXPECT_EQ(HitOf(engine.Assess(far), "P5"), nullptr);
}

TEST_F(RiskEngineTest, P3ShellIndicatorsOfTheTrader) {
  // Ten firms registered at one address import from the same seller; the tenth shows a mass
  // address, and five imports from one counterparty only add the second point.
  Assessment last;
  for (int i = 0; i < 10; ++i) {
    Party firm = Company("Firm " + std::to_string(i), "KZ", "1001400100" + std::to_string(10 + i),
                         DaysFromCivil(2015, 1, 1));
    firm.address = "г. Алматы, ул. Абая, д. 12";
    last = engine_.Assess(
        Import("M" + std::to_string(i), At(2026, 3, 2), {Item("392610", 100, 1)}, firm));
  }
  ASSERT_NE(HitOf(last, "P3"), nullptr);
  EXPECT_NEAR(HitOf(last, "P3")->strength, 1.0 / 3, 1e-9);
  Party shell = Company("Firm 9", "KZ", "100140010019", DaysFromCivil(2015, 1, 1));
  shell.address = "г. Алматы, ул. Абая, д. 12";
  for (int i = 0; i < 5; ++i) {
    last = engine_.Assess(
        Import("S" + std::to_string(i), At(2026, 3, 3), {Item("392610", 100, 1)}, shell));
  }
  ASSERT_NE(HitOf(last, "P3"), nullptr);
  EXPECT_NEAR(HitOf(last, "P3")->strength, 2.0 / 3, 1e-9);
  EXPECT_TRUE(Alerted(last, "P3"));
  // A firm alone at its address with several counterparties shows none.
  EXPECT_EQ(HitOf(engine_.Assess(Import("X", At(2026, 3, 3), {Item("392610", 100, 1)})), "P3"),
            nullptr);
}

TEST_F(RiskEngineTest, ProfileFilesSetTheRulesParameters) {
  // Out of range, unknown rules and parameters are the profile parser's to refuse.
  for (const char* bad : {"rule G2 weight -1\n", "rule G9 weight 1\n", "rule G2 colour 1\n"}) {
    EXPECT_FALSE(ParseProfiles(bad, "bad.krp", RiskProfileSchema()).has_value()) << bad;
  }
  RiskEngine split(Goods(), clock_, NoRandomLanes("rule Q6 min_parts 2\n"));
  split.Assess(Import("P0", At(2026, 3, 2), {Item("392610", 9600, 100)}));
  EXPECT_NE(
      HitOf(split.Assess(Import("P1", At(2026, 3, 2) + 600, {Item("392610", 9600, 100)})), "Q6"),
      nullptr);
  RiskEngine engine(Goods(), clock_, NoRandomLanes("rule G2 enabled no\n"));
  EXPECT_EQ(HitOf(engine.Assess(Export("E1", At(2026, 3, 2), {Item("84713000", 900, 3)})), "G2"),
            nullptr);
}

TEST_F(RiskEngineTest, ProfilesSeeFieldsAndRuleStrengthsAndRaiseTheLane) {
  RiskEngine engine(Goods(), clock_, NoRandomLanes(R"(
profile chpl-to-central-asia "CHPL goods toward Kyrgyzstan"
  when destination in KG
   and rule.G1 >= 0.5
   and item.hs starts with 8542
   and consignor.bin = 100140012345
  score +15
  lane at least red
  reason "the pattern of 2023-24 re-exports"
end
)"));
  const Assessment kg =
      engine.Assess(Export("E1", At(2026, 3, 2), {Item("85423190", 500, 1)}, "KG"));
  ASSERT_EQ(kg.profiles.size(), 1u);
  EXPECT_EQ(kg.profiles[0].profile, "chpl-to-central-asia");
  EXPECT_EQ(kg.lane, Lane::kRed);
  EXPECT_TRUE(std::any_of(kg.lane_reasons.begin(), kg.lane_reasons.end(), [](const std::string& r) {
    return r.find("profile chpl-to-central-asia") != std::string::npos;
  }));
  // The same goods to Kazakhstan's other neighbour: the profile does not match.
  const Assessment uz =
      engine.Assess(Export("E2", At(2026, 3, 2), {Item("85423190", 500, 1)}, "UZ"));
  EXPECT_TRUE(uz.profiles.empty());
  EXPECT_NE(uz.lane, Lane::kRed);
  // A reloaded set takes effect from the next declaration.
  engine.SetProfiles(NoRandomLanes());
  EXPECT_TRUE(engine.Assess(Export("E3", At(2026, 3, 2), {Item("85423190", 500, 1)}, "KG"))
                  .profiles.empty());
}

TEST_F(RiskEngineTest, EveryFieldOfTheSchemaAnswers) {
  // One profile per field, each testing that the field is present, over a declaration that
  // fills every field: each profile must match, so each field reaches its value.
  std::string text;
  for (const FieldSpec& field : RiskProfileSchema().fields) {
    std::string name = field.name;
    std::replace(name.begin(), name.end(), '.', '-');
    text += "profile f-" + name + "\n  when " + field.name + " is present\n  score +1\nend\n";
  }
  RiskEngine engine(Goods(), clock_, NoRandomLanes(text));
  Party full = Company("Full LLP", "KZ", "100140012345", DaysFromCivil(2012, 1, 1));
  full.ids.push_back({IdKind::kInn, "7701000002"});
  Declaration d = Export("E1", At(2026, 3, 2), {Item("85423190", 500, 10)});
  d.declarant = full;
  d.consignor = d.consignee = d.carrier = full;
  d.transport.mode = "road";
  d.itinerary.entry_post = "Khorgos";
  d.itinerary.exit_post = "Zhaisan";
  const Assessment a = engine.Assess(d);
  std::set<std::string> matched;
  for (const ProfileMatch& m : a.profiles) matched.insert(m.profile);
  for (const FieldSpec& field : RiskProfileSchema().fields) {
    std::string name = field.name;
    std::replace(name.begin(), name.end(), '.', '-');
    EXPECT_EQ(matched.count("f-" + name), 1u) << field.name;
  }
}

TEST_F(RiskEngineTest, ListenerRecordsTheLaneAndRaisesAlertsOnce) {
  auto store = SqliteStore::Open(":memory:", clock_);
  ASSERT_TRUE(store.has_value());
  const Declaration d = Export("E1", At(2026, 3, 2), {Item("250100", 100, 1000)});
  for (int round = 0; round < 2; ++round) {
    RiskEngine engine(Goods(), clock_, NoRandomLanes());
    auto txn = (*store)->Begin();
    ASSERT_TRUE(txn.has_value());
    ASSERT_TRUE((*txn)->PutDeclaration(d, "test").has_value());
    ASSERT_TRUE(engine.OnDeclaration(**txn, d).has_value());
    ASSERT_TRUE((*txn)->Commit().has_value());
  }
  auto decisions = (*store)->DecisionsFor({"declaration", "E1"});
  ASSERT_TRUE(decisions.has_value());
  ASSERT_FALSE(decisions->empty());
  EXPECT_EQ(decisions->back().kind, "lane");
  EXPECT_EQ(decisions->back().outcome, "red");
  EXPECT_TRUE(std::any_of(decisions->back().reasons.begin(), decisions->back().reasons.end(),
                          [](const std::string& r) { return r.starts_with("G2: "); }));
  AlertQuery q;
  q.rule = "G2";
  auto alerts = (*store)->FindAlerts(q);
  ASSERT_TRUE(alerts.has_value());
  EXPECT_EQ(alerts->items.size(), 1u);  // the same facts twice raise one alert
}

}  // namespace
}  // namespace keruen::risk
