#include "keruen/screening/party_screening.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "keruen/screening/testing/test_lists.h"
#include "keruen/screening/watchlists.h"
#include "keruen/store/sqlite_store.h"

namespace keruen::screening {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr Timestamp kNow = 1'780'000'000;

Declaration ImportFrom(const std::string& id, Party consignor) {
  Declaration d;
  d.id = id;
  d.kind = DeclarationKind::kImport;
  d.lodged_at = kNow;
  d.declarant = Party{
      .name = "ТОО «Достык Импэкс»", .country = "KZ", .ids = {{IdKind::kBin, "180340012345"}}};
  d.consignor = std::move(consignor);
  d.consignee = d.declarant;
  d.country_of_dispatch = "RU";
  d.country_of_destination = "KZ";
  GoodsItem item;
  item.seq = 1;
  item.hs = "854231";
  item.description = "processors";
  item.quantity = 10;
  item.unit = "pcs";
  item.net_kg = 1;
  item.gross_kg = 2;
  item.value = Money{10'000'000, "EUR"};
  d.items = {item};
  return d;
}

class PartyScreeningTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto analyzer = NameAnalyzer::Create(DefaultTranslitDir());
    ASSERT_TRUE(analyzer.has_value()) << analyzer.error().ToString();
    analyzer_ = std::move(*analyzer);
    auto screener = Screener::Build(testing::TestEntries(), *analyzer_);
    ASSERT_TRUE(screener.has_value()) << screener.error().ToString();
    screener_ = std::move(*screener);
    auto store = SqliteStore::Open(":memory:", clock_);
    ASSERT_TRUE(store.has_value());
    store_ = std::move(*store);
    screening_ = std::make_unique<PartyScreening>(*screener_, clock_);
  }

  std::vector<Alert> Alerts() {
    auto page = store_->FindAlerts(AlertQuery{.limit = 1000});
    EXPECT_TRUE(page.has_value());
    return page ? page->items : std::vector<Alert>{};
  }

  // Puts `d` and lets the screening see it, as ingest does.
  void Ingest(const Declaration& d) {
    auto txn = store_->Begin();
    ASSERT_TRUE(txn.has_value());
    ASSERT_TRUE((*txn)->PutDeclaration(d, "test").has_value());
    auto screened = screening_->OnDeclaration(**txn, d);
    ASSERT_TRUE(screened.has_value()) << screened.error().ToString();
    ASSERT_TRUE((*txn)->Commit().has_value());
  }

  ManualClock clock_{kNow};
  std::unique_ptr<NameAnalyzer> analyzer_;
  std::unique_ptr<Screener> screener_;
  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<PartyScreening> screening_;
};

TEST(PartyQueriesTest, EveryPartyOfADeclarationWithItsIdentifiersUnderListSchemes) {
  Declaration d =
      ImportFrom("D-1", Party{.name = "Romashka",
                              .country = "RU",
                              .ids = {{IdKind::kInn, "7701234567"}, {IdKind::kVat, "RU7701"}}});
  d.carrier = Party{.name = "Trans LLP", .country = "KZ"};
  std::vector<PartyQuery> queries = PartyQueries(d);
  std::vector<std::string> roles;
  for (const auto& q : queries) roles.push_back(q.role);
  EXPECT_THAT(roles, ElementsAre("declarant", "consignor", "consignee", "carrier"));
  ASSERT_EQ(queries[1].query.identifiers.size(), 2u);
  EXPECT_EQ(queries[1].query.identifiers[0].scheme, "inn");
  EXPECT_EQ(queries[1].query.identifiers[1].scheme, "tax");  // VAT numbers are tax ids
  EXPECT_EQ(queries[0].query.identifiers[0].scheme, "bin");
  EXPECT_EQ(queries[1].query.country, "RU");
}

TEST(PartyQueriesTest, APaymentsBanksAreScreenedByBicIncludingTheHeadOfficeForm) {
  Payment p;
  p.id = "P-1";
  p.debtor.party.name = "Payer";
  p.debtor.agent_bic = "PRMSRUMMXXX";
  p.creditor.party.name = "Payee";
  p.creditor.agent_bic = "HSBCHKHH";
  p.intermediary_bics = {"DEUTDEFF"};
  std::vector<PartyQuery> queries = PartyQueries(p);
  std::vector<std::string> roles;
  for (const auto& q : queries) roles.push_back(q.role);
  EXPECT_THAT(roles, ElementsAre("debtor", "creditor", "debtor_bank", "creditor_bank",
                                 "intermediary_bank"));
  ASSERT_EQ(queries[2].query.identifiers.size(), 2u);
  EXPECT_EQ(queries[2].query.identifiers[1].value, "PRMSRUMM");
  EXPECT_EQ(queries[3].query.identifiers.size(), 1u);
  EXPECT_THAT(queries[2].query.name, IsEmpty());
}

TEST_F(PartyScreeningTest, AListedConsignorRaisesOneExplainedAlert) {
  Ingest(ImportFrom("D-1", Party{.name = "ООО Ромашка Технологии", .country = "RU"}));
  std::vector<Alert> alerts = Alerts();
  ASSERT_EQ(alerts.size(), 1u);
  const Alert& a = alerts[0];
  EXPECT_EQ(a.rule, "P6");
  EXPECT_EQ(a.subject, (SubjectRef{"declaration", "D-1"}));
  EXPECT_THAT(a.id, ::testing::StartsWith("P6-"));
  EXPECT_EQ(a.raised_at, kNow);
  EXPECT_THAT(a.explanation, HasSubstr("Consignor"));
  EXPECT_THAT(a.explanation, HasSubstr("T-1"));
  auto evidence = nlohmann::json::parse(a.evidence_json);
  EXPECT_EQ(evidence["role"], "consignor");
  EXPECT_EQ(evidence["party"]["name"], "ООО Ромашка Технологии");
  EXPECT_EQ(evidence["hit"]["list"], "test");
  EXPECT_EQ(evidence["hit"]["id"], "T-1");
  EXPECT_GE(evidence["hit"]["score"].get<double>(), kDefaultThreshold);
}

TEST_F(PartyScreeningTest, AnIdentifierMatchIsCriticalWhateverTheName) {
  Ingest(ImportFrom("D-2", Party{.name = "Completely Different Name",
                                 .country = "RU",
                                 .ids = {{IdKind::kInn, "7701234567"}}}));
  std::vector<Alert> alerts = Alerts();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].severity, Severity::kCritical);
  EXPECT_EQ(nlohmann::json::parse(alerts[0].evidence_json)["hit"]["decision"], "identifier");
}

TEST_F(PartyScreeningTest, CleanPartiesRaiseNothing) {
  Ingest(ImportFrom("D-3", Party{.name = "Siemens Healthineers AG", .country = "DE"}));
  EXPECT_THAT(Alerts(), IsEmpty());
  EXPECT_EQ(screening_->alerts_raised(), 0);
}

TEST_F(PartyScreeningTest, TheSameFactsSeenAgainDoNotAlertTwice) {
  const Declaration d =
      ImportFrom("D-4", Party{.name = "Romashka Tekhnologii OOO", .country = "RU"});
  Ingest(d);
  ASSERT_EQ(screening_->alerts_raised(), 1);
  Declaration amended = d;
  amended.items[0].quantity = 20;  // an amendment: screened again, same finding
  Ingest(amended);
  EXPECT_EQ(screening_->alerts_raised(), 1);
  EXPECT_EQ(Alerts().size(), 1u);
  // The consignor's result was cached; the declarant was screened twice as well.
  EXPECT_GE(screening_->cache_hits(), 2);
}

// The cache tells queries apart by every part Screen reads, an identifier's spelling
// included (each spelling is answered with its own hits, whose explanation quotes it); what
// it answers is what the screener answers.
TEST_F(PartyScreeningTest, TheCacheKeepsApartQueriesThatDifferInAnyPart) {
  const ScreeningQuery base{
      .name = "Romashka Tekhnologii OOO", .country = "RU", .identifiers = {{"inn", "7701234567"}}};
  auto explained = [](const std::vector<Hit>& hits) {
    std::vector<std::string> out;
    for (const Hit& hit : hits) out.push_back(hit.id + " " + ExplainHit(hit));
    return out;
  };
  auto check = [&](const ScreeningQuery& query, int64_t cache_hits) {
    std::vector<Hit> found;
    for (const PartyFinding& f : screening_->Screen({PartyQuery{"consignor", query}})) {
      found.push_back(f.hit);
    }
    EXPECT_EQ(explained(found), explained(screener_->Screen(query))) << query.name;
    EXPECT_EQ(screening_->cache_hits(), cache_hits) << query.name;
  };
  check(base, 0);
  ScreeningQuery spaced = base;
  spaced.identifiers[0].value = "7701 234 567";
  check(spaced, 0);
  ScreeningQuery other = base;
  other.name = "Romashka Tekhnologii";
  check(other, 0);
  other = base;
  other.country = "KZ";
  check(other, 0);
  other = base;
  other.birth_date = "1990";
  check(other, 0);
  other = base;
  other.type = EntityType::kPerson;
  check(other, 0);
  other = base;
  other.identifiers[0].value = "7701234568";
  check(other, 0);
  other = base;
  other.identifiers.push_back({"ogrn", "1027700000000"});
  check(other, 0);
  // One value cannot pass for two identifiers, nor two for one.
  other = base;
  other.identifiers = {{"inn", "7701234567\x1finn:10:7701234567"}};
  check(other, 0);
  other = base;
  other.identifiers.push_back(base.identifiers[0]);
  check(other, 0);
  check(base, 1);
  check(spaced, 2);
  EXPECT_EQ(screening_->queries(), 12);
}

// Screening a declaration directly finds what screening its PartyQueries finds, counts the
// same queries, and shares the cache with them: cold or warm, in either order.
TEST_F(PartyScreeningTest, ADeclarationScreensAsItsPartyQueries) {
  std::vector<Declaration> declarations = {
      ImportFrom("D-1", Party{.name = "ООО Ромашка Технологии", .country = "RU"}),
      ImportFrom("D-2", Party{.name = "Completely Different Name",
                              .country = "RU",
                              .ids = {{IdKind::kInn, "7701 234 567"}, {IdKind::kVat, "RU7701"}}}),
      ImportFrom("D-3", Party{.name = "Siemens Healthineers AG", .country = "DE"}),
      ImportFrom("D-4", Party{.ids = {{IdKind::kInn, "7701234567"}}}),
  };
  declarations[0].carrier = Party{.name = "Иван Петрович Сидоров", .country = "RU"};
  declarations[2].consignee.reset();
  declarations[3].declarant = Party{};  // names no one: not screened
  auto lines = [](const std::vector<PartyFinding>& findings) {
    std::vector<std::string> out;
    for (const PartyFinding& f : findings) {
      std::string line = f.role + "|" + f.query.name + "|" + f.query.country + "|" +
                         f.query.birth_date + "|" + std::string(EntityTypeName(f.query.type));
      for (const QueryIdentifier& id : f.query.identifiers)
        line += "|" + id.scheme + ":" + id.value;
      out.push_back(line + "|" + f.hit.id + " " + ExplainHit(f.hit));
    }
    return out;
  };
  PartyScreening by_queries(*screener_, clock_);
  PartyScreening direct(*screener_, clock_);
  PartyScreening mixed(*screener_, clock_);
  size_t findings = 0;
  for (int round = 0; round < 2; ++round) {
    for (const Declaration& d : declarations) {
      const std::vector<std::string> expected = lines(by_queries.Screen(PartyQueries(d)));
      findings += expected.size();
      EXPECT_EQ(lines(direct.Screen(d)), expected) << d.id << " round " << round;
      // The cache filled one way answers the other.
      EXPECT_EQ(round == 0 ? lines(mixed.Screen(d)) : lines(mixed.Screen(PartyQueries(d))),
                expected)
          << d.id << " round " << round;
    }
  }
  EXPECT_EQ(findings, 8u);  // in each round D-1's consignor and carrier, D-2's and D-4's consignor
  EXPECT_EQ(direct.queries(), by_queries.queries());
  EXPECT_EQ(direct.cache_hits(), by_queries.cache_hits());
  EXPECT_EQ(mixed.cache_hits(), by_queries.cache_hits());
  EXPECT_GT(direct.cache_hits(), direct.queries() / 2);
}

// The cache grows past its first table and still answers every query it has seen, with the
// hits the screener gave.
TEST_F(PartyScreeningTest, TheCacheGrowsAndKeepsEveryAnswer) {
  std::vector<PartyQuery> parties;
  for (int i = 0; i < 1500; ++i) {
    ScreeningQuery query{.name = "Party " + std::to_string(i), .country = "KZ"};
    if (i % 100 == 7) {  // listed; told apart by a date the listed company lacks
      query.name = "ООО Ромашка Технологии";
      query.birth_date = std::to_string(1000 + i);
    }
    if (i % 100 == 9) query.identifiers = {{"inn", "7701234567"}};
    parties.push_back(PartyQuery{"consignor", query});
  }
  auto lines = [](const std::vector<PartyFinding>& findings) {
    std::vector<std::string> out;
    for (const PartyFinding& f : findings) out.push_back(f.query.name + " " + ExplainHit(f.hit));
    return out;
  };
  const std::vector<std::string> cold = lines(screening_->Screen(parties));
  EXPECT_EQ(screening_->cache_hits(), 0);
  EXPECT_EQ(cold.size(), 30u);  // 15 listed names and 15 listed identifiers
  EXPECT_EQ(lines(screening_->Screen(parties)), cold);
  EXPECT_EQ(screening_->cache_hits(), 1500);
  EXPECT_EQ(screening_->queries(), 3000);
}

TEST_F(PartyScreeningTest, APaymentThroughAListedBankAlertsOnTheBankRole) {
  Payment p;
  p.id = "P-9";
  p.executed_at = kNow;
  p.amount = Money{1'000'000, "USD"};
  p.debtor.party = Party{.name = "Dostyk Impex LLP", .country = "KZ"};
  p.creditor.party = Party{.name = "Shenzhen Trade Co Ltd", .country = "CN"};
  p.creditor.agent_bic = "PRMSRUMMXXX";
  auto txn = store_->Begin();
  ASSERT_TRUE(txn.has_value());
  ASSERT_TRUE((*txn)->PutPayment(p, "test").has_value());
  ASSERT_TRUE(screening_->OnPayment(**txn, p).has_value());
  ASSERT_TRUE((*txn)->Commit().has_value());
  std::vector<Alert> alerts = Alerts();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].subject, (SubjectRef{"payment", "P-9"}));
  EXPECT_EQ(nlohmann::json::parse(alerts[0].evidence_json)["role"], "creditor_bank");
  EXPECT_THAT(alerts[0].explanation, HasSubstr("BIC PRMSRUMMXXX"));
}

TEST_F(PartyScreeningTest, RescreeningFindsWhatWasStoredBeforeTheListAndOnlyOnce) {
  // Stored without screening, as before the list was imported.
  auto txn = store_->Begin();
  ASSERT_TRUE(txn.has_value());
  ASSERT_TRUE(
      (*txn)
          ->PutDeclaration(
              ImportFrom("D-5", Party{.name = "Иван Петрович Сидоров", .country = "RU"}), "old")
          .has_value());
  ASSERT_TRUE(
      (*txn)
          ->PutDeclaration(ImportFrom("D-6", Party{.name = "Bosch GmbH", .country = "DE"}), "old")
          .has_value());
  ASSERT_TRUE((*txn)->Commit().has_value());
  txn->reset();

  int64_t last_progress = 0;
  auto report = RescreenStore(*store_, *screening_, [&](int64_t done) { last_progress = done; });
  ASSERT_TRUE(report.has_value()) << report.error().ToString();
  EXPECT_EQ(report->declarations, 2);
  EXPECT_EQ(report->alerts_raised, 1);
  EXPECT_EQ(last_progress, 2);
  std::vector<Alert> alerts = Alerts();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].subject.id, "D-5");

  auto again = RescreenStore(*store_, *screening_);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->findings, 1);
  EXPECT_EQ(again->alerts_raised, 0);
}

}  // namespace
}  // namespace keruen::screening
