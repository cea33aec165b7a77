#include "keruen/ledger/party_graph.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "keruen/core/time.h"
#include "keruen/store/sqlite_store.h"

namespace keruen::ledger {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

Party Firm(std::string name, std::string address, std::vector<Identifier> ids = {}) {
  Party p;
  p.name = std::move(name);
  p.country = "KZ";
  p.address = std::move(address);
  p.ids = std::move(ids);
  return p;
}

Declaration Trade(std::string id, const Party& consignor, const Party& consignee) {
  Declaration d;
  d.id = std::move(id);
  d.kind = DeclarationKind::kExport;
  d.declarant = consignor;
  d.consignor = consignor;
  d.consignee = consignee;
  return d;
}

// A declaration that only shows `party` (as declarant), so its address and identifiers are seen
// without any trade tie.
Declaration Seen(std::string id, const Party& party) {
  Declaration d;
  d.id = std::move(id);
  d.declarant = party;
  return d;
}

SubjectRef Decl(std::string id) { return SubjectRef{"declaration", std::move(id)}; }

TEST(NormalizeAddressTest, SpellingsOfOneAddressAgree) {
  const std::string key = NormalizeAddress("ул. Абая, д. 12, г. Алматы");
  EXPECT_FALSE(key.empty());
  EXPECT_EQ(NormalizeAddress("УЛИЦА  АБАЯ 12 Алматы"), key);
  EXPECT_EQ(NormalizeAddress("Абая ул., 12, Алматы"), key);
  EXPECT_EQ(NormalizeAddress("Абая 12, Алматы"), key);
  EXPECT_EQ(NormalizeAddress("Абая, дом 12, город Алматы"), key);
  EXPECT_EQ(NormalizeAddress("Abay str. 12, Almaty"), NormalizeAddress("ABAI STREET 12 ALMATY"));
  EXPECT_EQ(NormalizeAddress("Industriestraße 5, 70565 Stuttgart"),
            NormalizeAddress("Industriestrasse 5, 70565 Stuttgart"));
  EXPECT_EQ(NormalizeAddress("Atatürk Cad. No:12, İstanbul"),
            NormalizeAddress("Ataturk Caddesi 12, Istanbul"));
}

TEST(NormalizeAddressTest, DifferentBuildingsDiffer) {
  EXPECT_NE(NormalizeAddress("ул. Абая 12, Алматы"), NormalizeAddress("ул. Абая 1, Алматы"));
  EXPECT_NE(NormalizeAddress("ул. Абая 11, Алматы"), NormalizeAddress("ул. Абая 1, Алматы"));
  EXPECT_NE(NormalizeAddress("ул. Абая 12, офис 5"), NormalizeAddress("ул. Абая 5, офис 12"));
}

TEST(NormalizeAddressTest, VagueAddressesAreNoJoinKey) {
  EXPECT_EQ(NormalizeAddress(""), "");
  EXPECT_EQ(NormalizeAddress("г. Алматы"), "");
  EXPECT_EQ(NormalizeAddress("д. 12"), "");
  EXPECT_EQ(NormalizeAddress("«—»"), "");
}

TEST(PartyGraphTest, DifferentlySpelledAddressesJoin) {
  PartyGraph g;
  g.AddDeclaration(Seen("D1", Firm("ТОО «Алатау Трейд»", "ул. Абая, д. 12, г. Алматы")));
  g.AddDeclaration(Seen("D2", Firm("Listed LLC", "АБАЯ УЛ 12 АЛМАТЫ")));
  g.MarkListed("Listed LLC", "OFAC SDN 1");
  auto path = g.NearestListed("ТОО «Алатау Трейд»");
  ASSERT_TRUE(path.has_value());
  EXPECT_EQ(path->listed, "Listed LLC");
  EXPECT_EQ(path->why, "OFAC SDN 1");
  EXPECT_EQ(path->hops, 1);
  ASSERT_EQ(path->steps.size(), 1u);
  EXPECT_EQ(path->steps[0].kind, LinkKind::kAddress);
  EXPECT_EQ(path->steps[0].via, "ул. Абая, д. 12, г. Алматы");  // as first written
  EXPECT_THAT(path->steps[0].documents, ElementsAre(Decl("D1"), Decl("D2")));
}

TEST(PartyGraphTest, KeysSharingAnIdentifierValueJoin) {
  PartyGraph g;
  // One company, written once with its BIN and once with the same number as an INN.
  g.AddDeclaration(Seen("D1", Firm("Zhibek", "", {{IdKind::kBin, "180940021234"}})));
  g.AddDeclaration(Seen("D2", Firm("Жибек", "", {{IdKind::kInn, "180940021234"}})));
  g.MarkListed("bin:180940021234", "list hit");
  auto path = g.NearestListed("inn:180940021234");
  ASSERT_TRUE(path.has_value());
  EXPECT_EQ(path->hops, 1);
  EXPECT_EQ(path->steps[0].kind, LinkKind::kIdentifier);
  EXPECT_EQ(path->steps[0].via, "180940021234");
  EXPECT_THAT(path->steps[0].documents, ElementsAre(Decl("D2"), Decl("D1")));
}

TEST(PartyGraphTest, PlaceholderIdentifiersDoNotJoin) {
  PartyGraph g;
  g.AddDeclaration(Seen("D1", Firm("A", "", {{IdKind::kInn, "0000000000"}})));
  g.AddDeclaration(Seen("D2", Firm("B", "", {{IdKind::kVat, "0000000000"}})));
  g.MarkListed("inn:0000000000", "list hit");
  EXPECT_FALSE(g.NearestListed("vat:0000000000").has_value());
}

TEST(PartyGraphTest, ListedKeyMarkedBeforeAnyDocumentJoinsByItsValue) {
  PartyGraph g;
  g.MarkListed("inn:7707083893", "OFAC SDN 2");
  // Written with the OGRN first, so its key differs, but it carries the listed INN value.
  g.AddDeclaration(
      Seen("D1", Firm("ООО Радиотехснаб", "",
                      {{IdKind::kOgrn, "1027700132195"}, {IdKind::kVat, "7707083893"}})));
  g.AddDeclaration(Seen("D2", Firm("ООО «Радиотехснаб»", "", {{IdKind::kInn, "7707083893"}})));
  ASSERT_NE(g.Find("inn:7707083893"), nullptr);
  EXPECT_EQ(g.Find("inn:7707083893")->name, "ООО «Радиотехснаб»");
  EXPECT_TRUE(g.Find("inn:7707083893")->listed);
  auto path = g.NearestListed("ogrn:1027700132195");
  ASSERT_TRUE(path.has_value());
  EXPECT_EQ(path->listed, "inn:7707083893");
  EXPECT_EQ(path->hops, 1);
  EXPECT_THAT(path->steps[0].documents,
              ElementsAre(Decl("D1"), SubjectRef{"party", "inn:7707083893"}));
}

TEST(PartyGraphTest, ListedPartyIsAtDistanceZero) {
  PartyGraph g;
  g.AddDeclaration(Seen("D1", Firm("L", "ул. Абая 12, Алматы")));
  g.MarkListed("L", "hit");
  auto path = g.NearestListed("L");
  ASSERT_TRUE(path.has_value());
  EXPECT_EQ(path->listed, "L");
  EXPECT_EQ(path->hops, 0);
  EXPECT_THAT(path->steps, IsEmpty());
}

TEST(PartyGraphTest, UnknownPartyHasNoPath) {
  PartyGraph g;
  g.MarkListed("L", "hit");
  EXPECT_FALSE(g.NearestListed("nobody").has_value());
}

// A -address- B -identifier- C -address- L
class ChainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    g_.AddDeclaration(Seen("DA", Firm("A", "ул. Абая 1, Алматы")));
    g_.AddDeclaration(
        Seen("DB", Firm("B", "Abay str. 1, Almaty", {{IdKind::kBin, "111111111112"}})));
    g_.AddDeclaration(
        Seen("DB2", Firm("B", "ул. Абая 1, Алматы", {{IdKind::kBin, "111111111112"}})));
    g_.AddDeclaration(
        Seen("DC", Firm("C", "пр. Достык 7, Алматы", {{IdKind::kVat, "111111111112"}})));
    g_.AddDeclaration(Seen("DL", Firm("L", "Достык пр 7 Алматы")));
    g_.MarkListed("L", "hit");
  }
  PartyGraph g_;
};

TEST_F(ChainTest, DistanceOneAndTwoButNotThree) {
  auto c = g_.NearestListed("vat:111111111112");
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->hops, 1);
  auto b = g_.NearestListed("bin:111111111112");
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->hops, 2);
  EXPECT_FALSE(g_.NearestListed("A").has_value());
  auto a = g_.NearestListed("A", 3);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->hops, 3);
}

TEST_F(ChainTest, PathNamesEveryTieAndItsDocuments) {
  auto a = g_.NearestListed("A", 3);
  ASSERT_TRUE(a.has_value());
  ASSERT_EQ(a->steps.size(), 3u);
  const PathStep& s0 = a->steps[0];
  EXPECT_EQ(s0.from, "A");
  EXPECT_EQ(s0.to, "bin:111111111112");
  EXPECT_EQ(s0.kind, LinkKind::kAddress);
  EXPECT_EQ(s0.via, "ул. Абая 1, Алматы");
  EXPECT_THAT(s0.documents, ElementsAre(Decl("DA"), Decl("DB2")));
  const PathStep& s1 = a->steps[1];
  EXPECT_EQ(s1.from, "bin:111111111112");
  EXPECT_EQ(s1.to, "vat:111111111112");
  EXPECT_EQ(s1.kind, LinkKind::kIdentifier);
  EXPECT_EQ(s1.via, "111111111112");
  EXPECT_THAT(s1.documents, ElementsAre(Decl("DB"), Decl("DC")));
  const PathStep& s2 = a->steps[2];
  EXPECT_EQ(s2.to, "L");
  EXPECT_EQ(s2.kind, LinkKind::kAddress);
  EXPECT_EQ(s2.via, "пр. Достык 7, Алматы");
  EXPECT_THAT(s2.documents, ElementsAre(Decl("DC"), Decl("DL")));
}

TEST(PartyGraphTest, TradeTiesCountForOneHopOnly) {
  const Party listed = Firm("L", "");
  const Party x = Firm("X", "ул. Абая 3, Алматы");
  const Party y = Firm("Y", "");
  const Party z = Firm("Z", "Абая 3 Алматы");
  PartyGraphOptions defaults;
  PartyGraphOptions longer;
  longer.trade_link_max_hops = 2;
  for (const PartyGraphOptions& options : {defaults, longer}) {
    PartyGraph g(options);
    g.AddDeclaration(Trade("D1", listed, x));
    g.AddDeclaration(Trade("D2", y, x));
    g.AddDeclaration(Seen("D3", z));
    g.MarkListed("L", "hit");
    auto px = g.NearestListed("X");
    ASSERT_TRUE(px.has_value());
    EXPECT_EQ(px->hops, 1);
    EXPECT_EQ(px->steps[0].kind, LinkKind::kTrade);
    EXPECT_EQ(px->steps[0].via, "");
    EXPECT_THAT(px->steps[0].documents, ElementsAre(Decl("D1")));
    if (options.trade_link_max_hops == 1) {
      EXPECT_FALSE(g.NearestListed("Y").has_value());  // a counterparty's counterparty
      EXPECT_FALSE(g.NearestListed("Z").has_value());  // an address-mate of a counterparty
    } else {
      ASSERT_TRUE(g.NearestListed("Y").has_value());
      EXPECT_EQ(g.NearestListed("Y")->hops, 2);
      ASSERT_TRUE(g.NearestListed("Z").has_value());
      EXPECT_EQ(g.NearestListed("Z")->hops, 2);
    }
  }
}

// NearestListed keeps, per party, whether a listed party may be within two hops, updated as
// ties and listings arrive: the answer must not depend on whether the listing came before or
// after the ties, nor on a query asked in between.
TEST(PartyGraphTest, TiesAddedAfterTheListingAreFollowed) {
  PartyGraph g;
  g.MarkListed("L", "hit");
  g.AddDeclaration(Seen("D1", Firm("X", "ул. Абая 5, Алматы")));
  EXPECT_FALSE(g.NearestListed("X").has_value());
  // M shows up at L's address (one hop), then at X's (X two hops away).
  g.AddDeclaration(Seen("D2", Firm("L", "пр. Достык 9, Алматы")));
  g.AddDeclaration(Seen("D3", Firm("M", "Достык 9 Алматы")));
  EXPECT_FALSE(g.NearestListed("X").has_value());
  g.AddDeclaration(Seen("D4", Firm("M", "Абая 5 Алматы")));
  auto x = g.NearestListed("X");
  ASSERT_TRUE(x.has_value());
  EXPECT_EQ(x->hops, 2);
  EXPECT_EQ(x->listed, "L");
  // A party joining X's address later is two hops away as well, through M.
  g.AddDeclaration(Seen("D5", Firm("Y", "ул. Абая, 5, Алматы")));
  auto y = g.NearestListed("Y");
  ASSERT_TRUE(y.has_value());
  EXPECT_EQ(y->hops, 2);
  // V shares an address with Z, Z an identifier value with W; W is listed only afterwards.
  g.AddDeclaration(Seen("D6", Firm("V", "ул. Сейфуллина 9, Алматы")));
  g.AddDeclaration(Seen("D7", Firm("Z", "Сейфуллина 9 Алматы", {{IdKind::kBin, "222222222223"}})));
  g.AddDeclaration(Seen("D8", Firm("W", "", {{IdKind::kInn, "222222222223"}})));
  EXPECT_FALSE(g.NearestListed("V").has_value());
  g.MarkListed("inn:222222222223", "hit");
  EXPECT_FALSE(g.NearestListed("V", 1).has_value());
  auto v = g.NearestListed("V");
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->hops, 2);
  EXPECT_EQ(v->listed, "inn:222222222223");
}

TEST(PartyGraphTest, DeclarantAndCarrierAreNoTradeTie) {
  PartyGraph g;
  Declaration d = Trade("D1", Firm("L", ""), Firm("C", ""));
  d.declarant = Firm("Forwarder", "");
  d.carrier = Firm("Carrier", "");
  g.AddDeclaration(d);
  g.MarkListed("L", "hit");
  EXPECT_TRUE(g.NearestListed("C").has_value());
  EXPECT_FALSE(g.NearestListed("Forwarder").has_value());
  EXPECT_FALSE(g.NearestListed("Carrier").has_value());
  ASSERT_NE(g.Find("Forwarder"), nullptr);
  EXPECT_EQ(g.Find("Forwarder")->declarations, 0);
}

TEST(PartyGraphTest, PaymentsTieDebtorAndCreditor) {
  PartyGraph g;
  Payment p;
  p.id = "P1";
  p.debtor.party = Firm("Payer", "");
  p.creditor.party = Firm("L", "");
  g.AddPayment(p);
  g.MarkListed("L", "hit");
  auto path = g.NearestListed("Payer");
  ASSERT_TRUE(path.has_value());
  EXPECT_THAT(path->steps[0].documents, ElementsAre(SubjectRef{"payment", "P1"}));
  EXPECT_EQ(g.Find("Payer")->payments, 1);
}

// `firms` firms at one address, the first of them listed.
PartyGraph SharedAddress(int firms) {
  PartyGraph g;
  for (int i = 0; i < firms; ++i) {
    g.AddDeclaration(Seen("D" + std::to_string(i),
                          Firm("F" + std::to_string(i),
                               i % 2 ? "ул. Складская 9, Алматы" : "Складская ул. 9 Алматы")));
  }
  g.MarkListed("F0", "hit");
  return g;
}

TEST(PartyGraphTest, CrowdedAddressIsNotFollowed) {
  const PartyGraph nine = SharedAddress(9);
  ASSERT_TRUE(nine.NearestListed("F5").has_value());
  EXPECT_EQ(nine.NearestListed("F5")->hops, 1);
  const PartyGraph ten = SharedAddress(10);
  EXPECT_FALSE(ten.NearestListed("F5").has_value());
}

TEST(PartyGraphTest, MassRegistrationAddressScoresP3) {
  const PartyGraph nine = SharedAddress(9);
  EXPECT_THAT(nine.ShellIndicators("F5"), IsEmpty());
  const PartyGraph ten = SharedAddress(10);
  const auto points = ten.ShellIndicators("F5");
  ASSERT_EQ(points.size(), 1u);
  EXPECT_EQ(points[0].indicator, "mass_registration_address");
  EXPECT_EQ(points[0].count, 10);
  EXPECT_EQ(points[0].via, "Складская ул. 9 Алматы");  // as F0 wrote it first
  EXPECT_EQ(points[0].document, Decl("D5"));
  EXPECT_THAT(points[0].explanation, HasSubstr("10 firms"));
}

TEST(PartyGraphTest, OneCounterpartyScoresP3AfterEnoughDeclarations) {
  const Party shell = Firm("Shell", "");
  const Party buyer = Firm("Buyer", "");
  PartyGraph g;
  for (int i = 0; i < 4; ++i) g.AddDeclaration(Trade("D" + std::to_string(i), shell, buyer));
  EXPECT_THAT(g.ShellIndicators("Shell"), IsEmpty());  // four: not enough yet
  g.AddDeclaration(Trade("D4", shell, buyer));
  auto points = g.ShellIndicators("Shell");
  ASSERT_EQ(points.size(), 1u);
  EXPECT_EQ(points[0].indicator, "one_counterparty");
  EXPECT_EQ(points[0].via, "Buyer");
  EXPECT_EQ(points[0].count, 5);
  EXPECT_EQ(points[0].document, Decl("D0"));
  EXPECT_THAT(points[0].explanation, HasSubstr("5 declarations"));
  // A payment from someone else is a second counterparty.
  Payment p;
  p.id = "P1";
  p.debtor.party = Firm("Offshore", "");
  p.creditor.party = shell;
  g.AddPayment(p);
  EXPECT_THAT(g.ShellIndicators("Shell"), IsEmpty());
}

TEST(PartyGraphTest, DocumentSeenAgainCountsOnce) {
  const Party shell = Firm("Shell", "");
  const Party buyer = Firm("Buyer", "");
  PartyGraph g;
  for (int i = 0; i < 5; ++i) g.AddDeclaration(Trade("D1", shell, buyer));
  EXPECT_EQ(g.Find("Shell")->declarations, 1);
  EXPECT_EQ(g.trade_links(), 1u);
  EXPECT_THAT(g.ShellIndicators("Shell"), IsEmpty());
}

TEST(PartyGraphTest, NearestOfSeveralIsTheSmallestKeyAtTheLeastDistance) {
  PartyGraph g;
  g.AddDeclaration(Trade("D1", Firm("Zeta", ""), Firm("X", "")));
  g.AddDeclaration(Trade("D2", Firm("Alpha", ""), Firm("X", "")));
  g.AddDeclaration(Seen("D3", Firm("X", "ул. Абая 4, Алматы")));
  g.AddDeclaration(Seen("D4", Firm("Aardvark", "ул. Абая 4, Алматы")));
  g.MarkListed("Zeta", "hit");
  g.MarkListed("Alpha", "hit");
  g.MarkListed("Aardvark", "hit");
  auto path = g.NearestListed("X");
  ASSERT_TRUE(path.has_value());
  EXPECT_EQ(path->listed, "Aardvark");
}

// The distance the catalogue defines, by brute force over the test's own record of the ties:
// the fewest ties to a listed party, where a path using a trade tie may be at most
// trade_link_max_hops long and an address shared by hub_address_firms firms is no tie; of the
// listed parties at that distance, the smallest key.
struct NaiveGraph {
  PartyGraphOptions options;
  std::map<int, std::set<int>> address_members;  // address -> firms seen with it
  std::set<std::pair<int, int>> trades;
  std::set<int> listed;
  std::vector<int> address_of;  // per firm, -1 for none

  std::optional<std::pair<int, int>> Nearest(int start, int limit) const {  // (hops, firm)
    if (listed.count(start)) return std::pair{0, start};
    // Reached firms by whether their path used a trade tie, depth by depth.
    std::set<std::pair<int, bool>> seen = {{start, false}}, frontier = seen;
    for (int depth = 0; depth < limit && !frontier.empty(); ++depth) {
      std::set<std::pair<int, bool>> next;
      for (const auto& [firm, traded] : frontier) {
        if (traded && depth >= options.trade_link_max_hops) continue;
        const int address = address_of[firm];
        const auto group = address_members.find(address);
        if (address >= 0 && group != address_members.end() && group->second.count(firm) != 0 &&
            static_cast<int>(group->second.size()) < options.hub_address_firms) {
          for (const int mate : group->second) next.insert({mate, traded});
        }
        if (depth + 1 <= options.trade_link_max_hops) {
          for (const auto& [a, b] : trades) {
            if (a == firm) next.insert({b, true});
            if (b == firm) next.insert({a, true});
          }
        }
      }
      std::optional<int> best;
      for (const auto& [firm, traded] : next) {
        if (listed.count(firm) && (!best || std::to_string(firm) < std::to_string(*best))) {
          best = firm;
        }
      }
      if (best) return std::pair{depth + 1, *best};
      frontier.clear();
      for (const auto& state : next) {
        if (seen.insert(state).second) frontier.insert(state);
      }
    }
    return std::nullopt;
  }
};

// NearestListed prunes its search (groups without a listed member and parties without a
// listed tie are not walked at the last step) and remembers parties with no listed party
// near: on random graphs, with listings and queries between the documents, it must agree with
// the brute force at every reach.
TEST(PartyGraphTest, AgreesWithABruteForceSearchOnRandomGraphs) {
  constexpr int kFirms = 30;
  for (const int trade_hops : {1, 2}) {
    for (uint32_t seed = 1; seed <= 40; ++seed) {
      std::mt19937 rng(seed);
      NaiveGraph naive;
      naive.options.trade_link_max_hops = trade_hops;
      PartyGraph g(naive.options);
      std::vector<Party> firms;
      for (int i = 0; i < kFirms; ++i) {
        // Address 0 is crowded (about a third of the firms), 1-5 small; some firms have none.
        const int address = rng() % 3 == 0 ? 0 : static_cast<int>(rng() % 7) - 1;
        naive.address_of.push_back(address);
        firms.push_back(
            Firm(std::to_string(i),
                 address < 0 ? "" : "ул. Абая " + std::to_string(address + 1) + ", Алматы"));
      }
      auto see = [&](int firm) {
        if (naive.address_of[firm] >= 0) naive.address_members[naive.address_of[firm]].insert(firm);
      };
      for (int step = 0; step < 150; ++step) {
        const int op = static_cast<int>(rng() % 20);
        const int a = static_cast<int>(rng() % kFirms), b = static_cast<int>(rng() % kFirms);
        const std::string id = "D" + std::to_string(step);
        if (op < 9) {
          g.AddDeclaration(Trade(id, firms[a], firms[b]));
          see(a);
          see(b);
          if (a != b) naive.trades.insert({std::min(a, b), std::max(a, b)});
        } else if (op < 13) {
          g.AddDeclaration(Seen(id, firms[a]));
          see(a);
        } else if (op < 15) {
          g.MarkListed(std::to_string(a), "hit");
          naive.listed.insert(a);
        } else {
          for (const int limit : {1, 2, 3}) {
            const auto expected = naive.Nearest(a, limit);
            const auto found = limit == naive.options.max_hops
                                   ? g.NearestListed(std::to_string(a))
                                   : g.NearestListed(std::to_string(a), limit);
            const std::string where = "seed " + std::to_string(seed) + ", trade hops " +
                                      std::to_string(trade_hops) + ", step " +
                                      std::to_string(step) + ", firm " + std::to_string(a) +
                                      ", reach " + std::to_string(limit);
            if (!expected) {
              // A party never seen is unknown to the graph: no path either way.
              EXPECT_FALSE(found.has_value()) << where;
              continue;
            }
            ASSERT_TRUE(found.has_value()) << where;
            EXPECT_EQ(found->hops, expected->first) << where;
            EXPECT_EQ(found->listed, std::to_string(expected->second)) << where;
            EXPECT_EQ(found->steps.size(), static_cast<size_t>(found->hops)) << where;
          }
        }
      }
    }
  }
}

TEST(PartyGraphParametersTest, TableDefaultsAreTheOptionDefaults) {
  const PartyGraphOptions defaults;
  ASSERT_EQ(PartyGraphParameters().size(), 5u);
  for (const PartyGraphParameter& p : PartyGraphParameters()) {
    EXPECT_EQ(defaults.*p.field, p.default_value) << p.name;
    EXPECT_GE(p.default_value, p.min_value) << p.name;
    EXPECT_THAT(std::string(p.rule), ::testing::AnyOf("P3", "P5"));
    EXPECT_STRNE(p.help, "");
  }
}

TEST(LoadPartyGraphTest, ReadsStoredDeclarationsAndPayments) {
  ManualClock clock(1'780'000'000);
  auto store = SqliteStore::Open(":memory:", clock);
  ASSERT_TRUE(store.has_value()) << store.error().ToString();
  const Party kz = Firm("ТОО «Алатау»", "ул. Абая 12, Алматы", {{IdKind::kBin, "180940021234"}});
  Party ru = Firm("ООО «Восток»", "", {{IdKind::kInn, "7707083893"}});
  ru.country = "RU";
  {
    auto txn = (*store)->Begin();
    ASSERT_TRUE(txn.has_value());
    Declaration d = Trade("D-1", kz, ru);
    d.lodged_at = 1'780'000'000;
    d.country_of_dispatch = "KZ";
    d.country_of_destination = "RU";
    ASSERT_TRUE((*txn)->PutDeclaration(d, "test").has_value());
    Payment p;
    p.id = "P-1";
    p.executed_at = 1'780'000'100;
    p.amount = Money{100 * Money::kScale, "EUR"};
    p.debtor.party = Firm("Offshore Ltd", "");
    p.creditor.party = kz;
    ASSERT_TRUE((*txn)->PutPayment(p, "test").has_value());
    ASSERT_TRUE((*txn)->Commit().has_value());
  }
  PartyGraph g;
  auto read = LoadPartyGraph(**store, g);
  ASSERT_TRUE(read.has_value()) << read.error().ToString();
  EXPECT_EQ(*read, 2);
  g.MarkListed("inn:7707083893", "hit");
  auto path = g.NearestListed("bin:180940021234");
  ASSERT_TRUE(path.has_value());
  EXPECT_THAT(path->steps[0].documents, ElementsAre(Decl("D-1")));
  ASSERT_NE(g.Find("Offshore Ltd"), nullptr);
  EXPECT_EQ(g.Find("Offshore Ltd")->payments, 1);
  EXPECT_EQ(g.trade_links(), 2u);
}

}  // namespace
}  // namespace keruen::ledger
