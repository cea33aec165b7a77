#include "keruen/store/sqlite_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "keruen/core/json_codec.h"
#include "keruen/core/paths.h"
#include "keruen/store/internal/sqlite.h"

namespace keruen {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr Timestamp kNow = 1772870400;  // 2026-03-07T08:00:00Z

Timestamp At(const char* iso) { return *ParseTimestamp(iso); }

std::string ReadSpecFile(const std::string& name) {
  const auto data = SharedDataDir();
  EXPECT_TRUE(data.has_value()) << "shared data directory not found";
  if (!data) return {};
  std::ifstream in(*data + "/../spec/" + name);
  EXPECT_TRUE(in.good()) << "cannot read spec file " << name;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

Declaration SpecDeclaration() {
  auto d = ParseDeclarationJson(ReadSpecFile("declaration.example.json"));
  EXPECT_TRUE(d.has_value()) << d.error().ToString();
  return d.value_or(Declaration{});
}

Payment SpecPayment() {
  auto p = ParsePaymentJson(ReadSpecFile("payment.example.json"));
  EXPECT_TRUE(p.has_value()) << p.error().ToString();
  return p.value_or(Payment{});
}

Party MakeParty(std::string name, std::string country, IdKind kind, std::string id) {
  Party p;
  p.name = std::move(name);
  p.country = std::move(country);
  p.ids.push_back({kind, std::move(id)});
  return p;
}

GoodsItem MakeItem(int32_t seq, std::string hs) {
  GoodsItem item;
  item.seq = seq;
  item.hs = std::move(hs);
  item.quantity = 10;
  item.unit = "pcs";
  item.net_kg = 5;
  item.gross_kg = 6;
  item.value = Money{1000 * Money::kScale, "USD"};
  return item;
}

// A small declaration for tests that need many of them.
Declaration MakeDeclaration(const std::string& id, Timestamp lodged_at,
                            std::vector<std::string> hs_codes) {
  Declaration d;
  d.id = id;
  d.kind = DeclarationKind::kImport;
  d.lodged_at = lodged_at;
  d.declarant = MakeParty("Test Importer LLP", "KZ", IdKind::kBin, "990000000001");
  d.country_of_dispatch = "CN";
  d.country_of_destination = "KZ";
  for (size_t i = 0; i < hs_codes.size(); ++i) {
    d.items.push_back(MakeItem(static_cast<int32_t>(i + 1), hs_codes[i]));
  }
  return d;
}

std::vector<std::string> Ids(const std::vector<Declaration>& docs) {
  std::vector<std::string> ids;
  for (const auto& d : docs) ids.push_back(d.id);
  return ids;
}
std::vector<std::string> Ids(const std::vector<Payment>& docs) {
  std::vector<std::string> ids;
  for (const auto& p : docs) ids.push_back(p.id);
  return ids;
}
std::vector<std::string> Ids(const std::vector<Alert>& alerts) {
  std::vector<std::string> ids;
  for (const auto& a : alerts) ids.push_back(a.id);
  return ids;
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = SqliteStore::Open(":memory:", clock_);
    ASSERT_TRUE(store.has_value()) << store.error().ToString();
    store_ = std::move(*store);
  }

  void TearDown() override {
    store_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  // A fresh directory for file databases, removed after the test.
  std::string TempDir() {
    if (dir_.empty()) {
      std::string pattern = ::testing::TempDir() + "keruen_store_XXXXXX";
      char* made = mkdtemp(pattern.data());
      EXPECT_NE(made, nullptr);
      dir_ = pattern;
    }
    return dir_;
  }

  // Puts every document in one committed transaction, expecting each outcome.
  void PutAll(Store& store, const std::vector<Declaration>& docs,
              PutOutcome expected = PutOutcome::kInserted, const std::string& source = "test") {
    auto txn = store.Begin();
    ASSERT_TRUE(txn.has_value()) << txn.error().ToString();
    for (const auto& d : docs) {
      auto outcome = (*txn)->PutDeclaration(d, source);
      ASSERT_TRUE(outcome.has_value()) << outcome.error().ToString();
      EXPECT_EQ(*outcome, expected) << d.id;
    }
    auto committed = (*txn)->Commit();
    ASSERT_TRUE(committed.has_value()) << committed.error().ToString();
  }
  void PutAll(const std::vector<Declaration>& docs, PutOutcome expected = PutOutcome::kInserted,
              const std::string& source = "test") {
    PutAll(*store_, docs, expected, source);
  }

  void PutPayments(const std::vector<Payment>& docs) {
    auto txn = store_->Begin();
    ASSERT_TRUE(txn.has_value()) << txn.error().ToString();
    for (const auto& p : docs) {
      auto outcome = (*txn)->PutPayment(p, "payments.ndjson");
      ASSERT_TRUE(outcome.has_value()) << outcome.error().ToString();
    }
    ASSERT_TRUE((*txn)->Commit().has_value());
  }

  std::vector<std::string> FindIds(DeclarationQuery q) {
    auto page = store_->FindDeclarations(q);
    EXPECT_TRUE(page.has_value()) << page.error().ToString();
    if (!page) return {};
    EXPECT_THAT(page->next, IsEmpty());
    return Ids(page->items);
  }

  StoreStats GetStats() {
    auto stats = store_->Stats();
    EXPECT_TRUE(stats.has_value()) << stats.error().ToString();
    return stats.value_or(StoreStats{});
  }

  ManualClock clock_{kNow};
  std::unique_ptr<SqliteStore> store_;
  std::string dir_;
};

// ---- documents ----

TEST_F(SqliteStoreTest, RoundTripsTheSpecDeclaration) {
  const Declaration spec = SpecDeclaration();
  ASSERT_EQ(spec.id, "26KZ0101T0004217");
  PutAll({spec}, PutOutcome::kInserted, "declarations.ndjson");

  auto got = store_->GetDeclaration(spec.id);
  ASSERT_TRUE(got.has_value()) << got.error().ToString();
  ASSERT_TRUE(got->has_value());
  const Versioned<Declaration>& v = **got;
  EXPECT_EQ(v.value, spec);
  EXPECT_EQ(v.version, 1);
  EXPECT_EQ(v.stored_at, kNow);
  EXPECT_EQ(v.source, "declarations.ndjson");
  const std::string json = ToJson(spec);
  char expected_hash[17];
  std::snprintf(expected_hash, sizeof expected_hash, "%016llx",
                static_cast<unsigned long long>(XXH3_64bits(json.data(), json.size())));
  EXPECT_EQ(v.content_hash, expected_hash);

  auto missing = store_->GetDeclaration("26KZ0101T0000000");
  ASSERT_TRUE(missing.has_value());
  EXPECT_FALSE(missing->has_value());
}

TEST_F(SqliteStoreTest, RoundTripsTheSpecPayment) {
  const Payment spec = SpecPayment();
  ASSERT_EQ(spec.id, "KZ-PMT-2026-000918273");
  PutPayments({spec});
  auto got = store_->GetPayment(spec.id);
  ASSERT_TRUE(got.has_value()) << got.error().ToString();
  ASSERT_TRUE(got->has_value());
  EXPECT_EQ((*got)->value, spec);
  EXPECT_EQ((*got)->version, 1);
  EXPECT_EQ((*got)->source, "payments.ndjson");
  EXPECT_EQ(GetStats().payments, 1);
}

TEST_F(SqliteStoreTest, PuttingTheSameContentAgainChangesNothing) {
  const Declaration spec = SpecDeclaration();
  PutAll({spec}, PutOutcome::kInserted, "first.ndjson");
  clock_.Advance(3600);
  PutAll({spec}, PutOutcome::kUnchanged, "second.ndjson");

  auto got = store_->GetDeclaration(spec.id);
  ASSERT_TRUE(got.has_value() && got->has_value());
  EXPECT_EQ((*got)->version, 1);
  EXPECT_EQ((*got)->stored_at, kNow);
  EXPECT_EQ((*got)->source, "first.ndjson");
  auto history = store_->DeclarationHistory(spec.id);
  ASSERT_TRUE(history.has_value());
  EXPECT_EQ(history->size(), 1u);
  const StoreStats stats = GetStats();
  EXPECT_EQ(stats.declarations, 1);
  EXPECT_EQ(stats.declaration_versions, 0);
  EXPECT_EQ(stats.goods_items, 2);
}

TEST_F(SqliteStoreTest, NewContentForAKnownIdIsAnAmendmentWithHistory) {
  const Declaration original = SpecDeclaration();
  PutAll({original}, PutOutcome::kInserted, "v1.ndjson");

  Declaration amended = original;
  amended.items[0].hs = "850760";  // was 854231
  amended.items[1].value.units += 100 * Money::kScale;
  amended.declarant.ids[0].value = "180940029999";
  clock_.Advance(7200);
  PutAll({amended}, PutOutcome::kAmended, "v2.ndjson");

  auto got = store_->GetDeclaration(original.id);
  ASSERT_TRUE(got.has_value() && got->has_value());
  EXPECT_EQ((*got)->value, amended);
  EXPECT_EQ((*got)->version, 2);
  EXPECT_EQ((*got)->stored_at, kNow + 7200);
  EXPECT_EQ((*got)->source, "v2.ndjson");

  auto history = store_->DeclarationHistory(original.id);
  ASSERT_TRUE(history.has_value()) << history.error().ToString();
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].version, 1);
  EXPECT_EQ((*history)[0].value, original);
  EXPECT_EQ((*history)[0].source, "v1.ndjson");
  EXPECT_EQ((*history)[0].stored_at, kNow);
  EXPECT_EQ((*history)[1].version, 2);
  EXPECT_EQ((*history)[1].value, amended);
  EXPECT_NE((*history)[0].content_hash, (*history)[1].content_hash);

  // The search keys follow the current version only.
  EXPECT_THAT(FindIds({.hs_prefix = "854231"}), IsEmpty());
  EXPECT_THAT(FindIds({.hs_prefix = "8507"}), ElementsAre(original.id));
  EXPECT_THAT(FindIds({.party = "180940021234"}), IsEmpty());
  EXPECT_THAT(FindIds({.party = "180940029999"}), ElementsAre(original.id));

  // Amending back to the first content is a third version, not "unchanged".
  PutAll({original}, PutOutcome::kAmended);
  const StoreStats stats = GetStats();
  EXPECT_EQ(stats.declarations, 1);
  EXPECT_EQ(stats.declaration_versions, 2);
  EXPECT_EQ(stats.goods_items, 2);
  auto third = store_->GetDeclaration(original.id);
  ASSERT_TRUE(third.has_value() && third->has_value());
  EXPECT_EQ((*third)->version, 3);
  EXPECT_THAT(FindIds({.hs_prefix = "854231"}), ElementsAre(original.id));
}

TEST_F(SqliteStoreTest, PaymentAmendmentKeepsHistory) {
  const Payment original = SpecPayment();
  PutPayments({original});
  Payment amended = original;
  amended.creditor.account = "DE02 1001 0010 0006 8201 01";
  PutPayments({amended});

  auto history = store_->PaymentHistory(original.id);
  ASSERT_TRUE(history.has_value()) << history.error().ToString();
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].value, original);
  EXPECT_EQ((*history)[1].value, amended);
  EXPECT_EQ((*history)[1].version, 2);

  auto by_old = store_->FindPayments({.party = "DE89 3704 0044 0532 0130 00"});
  ASSERT_TRUE(by_old.has_value());
  EXPECT_THAT(by_old->items, IsEmpty());
  auto by_new = store_->FindPayments({.party = "DE02 1001 0010 0006 8201 01"});
  ASSERT_TRUE(by_new.has_value());
  EXPECT_THAT(Ids(by_new->items), ElementsAre(original.id));
}

// ---- transactions ----

TEST_F(SqliteStoreTest, TransactionDestroyedWithoutCommitRollsBack) {
  {
    auto txn = store_->Begin();
    ASSERT_TRUE(txn.has_value()) << txn.error().ToString();
    ASSERT_TRUE((*txn)->PutDeclaration(SpecDeclaration(), "x").has_value());
    ASSERT_TRUE((*txn)->PutPayment(SpecPayment(), "x").has_value());
    ASSERT_TRUE((*txn)->PutAlert(Alert{.rule = "T1"}).has_value());
  }
  const StoreStats stats = GetStats();
  EXPECT_EQ(stats.declarations, 0);
  EXPECT_EQ(stats.goods_items, 0);
  EXPECT_EQ(stats.payments, 0);
  EXPECT_EQ(stats.alerts, 0);
  // The store is usable again, and the rolled-back id counter is handed out again.
  auto txn = store_->Begin();
  ASSERT_TRUE(txn.has_value()) << txn.error().ToString();
  auto id = (*txn)->PutAlert(Alert{.rule = "T1"});
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(*id, "ALR-000001");
  EXPECT_TRUE((*txn)->Commit().has_value());
}

TEST_F(SqliteStoreTest, ACommittedTransactionTakesNoMoreWrites) {
  auto txn = store_->Begin();
  ASSERT_TRUE(txn.has_value());
  ASSERT_TRUE((*txn)->Commit().has_value());
  auto put = (*txn)->PutDeclaration(SpecDeclaration(), "x");
  ASSERT_FALSE(put.has_value());
  EXPECT_EQ(put.error().code, ErrorCode::kConflict);
  EXPECT_FALSE((*txn)->Commit().has_value());
  EXPECT_EQ(GetStats().declarations, 0);
  // The write lock was released at commit, while the object still lives.
  auto next = store_->Begin();
  EXPECT_TRUE(next.has_value()) << next.error().ToString();
}

TEST_F(SqliteStoreTest, AFailedPutMakesTheTransactionRollBackOnly) {
  auto txn = store_->Begin();
  ASSERT_TRUE(txn.has_value());
  ASSERT_TRUE((*txn)->PutDeclaration(SpecDeclaration(), "x").has_value());
  Declaration no_id = SpecDeclaration();
  no_id.id.clear();
  auto bad = (*txn)->PutDeclaration(no_id, "x");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.error().field, "id");
  auto commit = (*txn)->Commit();
  ASSERT_FALSE(commit.has_value());
  EXPECT_THAT(commit.error().message, HasSubstr("rolled back"));
  txn->reset();
  EXPECT_EQ(GetStats().declarations, 0);
}

TEST_F(SqliteStoreTest, ASecondTransactionOnTheSameThreadIsRefused) {
  auto first = store_->Begin();
  ASSERT_TRUE(first.has_value());
  auto second = store_->Begin();
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().code, ErrorCode::kConflict);
}

// ---- declaration queries ----

class DeclarationQueryTest : public SqliteStoreTest {
 protected:
  void SetUp() override {
    SqliteStoreTest::SetUp();
    spec_ = SpecDeclaration();  // transit DE->KG, lodged 2026-03-02, hs 854231 and 850440

    Declaration import =
        MakeDeclaration("26KZ0101I0000001", At("2026-03-05T00:00:00Z"), {"870323", "870324"});
    import.declarant = MakeParty("ТОО «Қазақ Темір Импорт»", "KZ", IdKind::kBin, "111111111111");
    import.carrier = MakeParty("UAB Baltic Cargo", "LT", IdKind::kVat, "LT100001234567");

    Declaration exp =
        MakeDeclaration("26KZ0101E0000001", At("2026-02-10T12:00:00Z"), {"270900", "854232"});
    exp.kind = DeclarationKind::kExport;
    exp.declarant = MakeParty("Kazakh Oil LLP", "KZ", IdKind::kBin, "222222222222");
    exp.consignee = MakeParty("ООО «Волга Трейд»", "RU", IdKind::kInn, "7701234567");
    exp.country_of_dispatch = "KZ";
    exp.country_of_destination = "RU";
    PutAll({spec_, import, exp});
  }

  Declaration spec_;
};

TEST_F(DeclarationQueryTest, NoFilterListsEverythingByLodgingTime) {
  EXPECT_THAT(FindIds({}), ElementsAre("26KZ0101E0000001", "26KZ0101T0004217", "26KZ0101I0000001"));
}

TEST_F(DeclarationQueryTest, PartyMatchesAnIdentifierExactly) {
  EXPECT_THAT(FindIds({.party = "180940021234"}), ElementsAre(spec_.id));       // declarant BIN
  EXPECT_THAT(FindIds({.party = "150540007788"}), ElementsAre(spec_.id));       // carrier BIN
  EXPECT_THAT(FindIds({.party = "DE123456789012345"}), ElementsAre(spec_.id));  // EORI
  EXPECT_THAT(FindIds({.party = "7701234567"}), ElementsAre("26KZ0101E0000001"));
  EXPECT_THAT(FindIds({.party = "18094002123"}), IsEmpty());  // a prefix is not the id
}

TEST_F(DeclarationQueryTest, PartyMatchesPartOfANameInAnyCase) {
  // Cyrillic, in a case different from the stored "ТОО «Жибек Транзит Сервис»".
  EXPECT_THAT(FindIds({.party = "жИБЕК тРАНЗИТ"}), ElementsAre(spec_.id));
  EXPECT_THAT(FindIds({.party = "ала-тоо"}), ElementsAre(spec_.id));  // the consignee
  // Kazakh letters outside the Russian alphabet fold too.
  EXPECT_THAT(FindIds({.party = "ҚАЗАҚ ТЕМІР"}), ElementsAre("26KZ0101I0000001"));
  EXPECT_THAT(FindIds({.party = "волга"}), ElementsAre("26KZ0101E0000001"));
  // Latin, with a non-ASCII letter in the address being irrelevant to the name.
  EXPECT_THAT(FindIds({.party = "ELEKTRONIK handel"}), ElementsAre(spec_.id));
  EXPECT_THAT(FindIds({.party = "baltic"}), ElementsAre("26KZ0101I0000001"));
  EXPECT_THAT(FindIds({.party = "llp"}), ElementsAre("26KZ0101E0000001", spec_.id));
  EXPECT_THAT(FindIds({.party = "Shanghai"}), IsEmpty());
}

TEST_F(DeclarationQueryTest, HsPrefixMatchesAnyItem) {
  EXPECT_THAT(FindIds({.hs_prefix = "8542"}), ElementsAre("26KZ0101E0000001", spec_.id));
  EXPECT_THAT(FindIds({.hs_prefix = "854231"}), ElementsAre(spec_.id));
  EXPECT_THAT(FindIds({.hs_prefix = "85"}), ElementsAre("26KZ0101E0000001", spec_.id));
  EXPECT_THAT(FindIds({.hs_prefix = "8703"}), ElementsAre("26KZ0101I0000001"));
  EXPECT_THAT(FindIds({.hs_prefix = "2709"}), ElementsAre("26KZ0101E0000001"));
  EXPECT_THAT(FindIds({.hs_prefix = "9"}), IsEmpty());
  EXPECT_THAT(FindIds({.hs_prefix = "8542319"}), IsEmpty());

  auto bad = store_->FindDeclarations({.hs_prefix = "85%"});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field, "hs_prefix");
}

TEST_F(DeclarationQueryTest, DateRangeIsHalfOpen) {
  EXPECT_THAT(FindIds({.from = At("2026-03-01T00:00:00Z"), .to = At("2026-03-05T00:00:00Z")}),
              ElementsAre(spec_.id));
  EXPECT_THAT(FindIds({.from = At("2026-03-05T00:00:00Z")}), ElementsAre("26KZ0101I0000001"));
  EXPECT_THAT(FindIds({.to = At("2026-03-02T06:40:00Z")}), ElementsAre("26KZ0101E0000001"));
  EXPECT_THAT(FindIds({.from = At("2026-03-02T06:40:00Z"), .to = At("2026-03-02T06:40:01Z")}),
              ElementsAre(spec_.id));
}

TEST_F(DeclarationQueryTest, KindFilters) {
  EXPECT_THAT(FindIds({.kind = DeclarationKind::kExport}), ElementsAre("26KZ0101E0000001"));
  EXPECT_THAT(FindIds({.kind = DeclarationKind::kTransit}), ElementsAre(spec_.id));
  EXPECT_THAT(FindIds({.kind = DeclarationKind::kWaybill}), IsEmpty());
}

TEST_F(DeclarationQueryTest, CountryIsDispatchDestinationOrAnyParty) {
  EXPECT_THAT(FindIds({.country = "KG"}), ElementsAre(spec_.id));  // destination
  EXPECT_THAT(FindIds({.country = "de"}), ElementsAre(spec_.id));  // dispatch, any case
  EXPECT_THAT(FindIds({.country = "CN"}), ElementsAre("26KZ0101I0000001"));
  EXPECT_THAT(FindIds({.country = "LT"}), ElementsAre("26KZ0101I0000001"));  // carrier only
  EXPECT_THAT(FindIds({.country = "RU"}), ElementsAre("26KZ0101E0000001"));
  EXPECT_THAT(FindIds({.country = "IR"}), IsEmpty());
}

TEST_F(DeclarationQueryTest, FiltersCombine) {
  EXPECT_THAT(FindIds({.kind = DeclarationKind::kImport, .country = "KZ"}),
              ElementsAre("26KZ0101I0000001"));
  EXPECT_THAT(FindIds({.party = "llp", .hs_prefix = "8542", .country = "KG"}),
              ElementsAre(spec_.id));
  EXPECT_THAT(FindIds({.party = "llp", .hs_prefix = "2709", .to = At("2026-01-01T00:00:00Z")}),
              IsEmpty());
}

// ---- paging ----

TEST_F(SqliteStoreTest, PagesCoverEveryDeclarationOnceInOrder) {
  std::vector<Declaration> docs;
  for (int i = 0; i < 250; ++i) {
    // Many share a lodging time, so the order must break ties consistently.
    const Timestamp lodged = At("2026-01-01T00:00:00Z") + (i * 7 % 50) * 3600;
    docs.push_back(MakeDeclaration("D" + std::to_string(1000 + i), lodged,
                                   {i % 2 == 0 ? "854231" : "870323"}));
  }
  PutAll(docs);

  auto collect = [&](DeclarationQuery q, int* pages) {
    std::vector<Declaration> all;
    *pages = 0;
    for (;;) {
      auto page = store_->FindDeclarations(q);
      EXPECT_TRUE(page.has_value()) << page.error().ToString();
      if (!page) break;
      ++*pages;
      EXPECT_LE(static_cast<int>(page->items.size()), q.limit);
      all.insert(all.end(), page->items.begin(), page->items.end());
      if (page->next.empty()) break;
      EXPECT_EQ(static_cast<int>(page->items.size()), q.limit);
      q.after = page->next;
    }
    return all;
  };

  int pages = 0;
  std::vector<Declaration> all = collect({.limit = 40}, &pages);
  EXPECT_EQ(pages, 7);
  ASSERT_EQ(all.size(), 250u);
  const std::vector<std::string> ids = Ids(all);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 250u);
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end(), [](const auto& a, const auto& b) {
    return a.lodged_at < b.lodged_at;
  }));

  // With a filter, and a page size that divides the matches exactly: no empty last page.
  std::vector<Declaration> filtered = collect({.hs_prefix = "8542", .limit = 25}, &pages);
  EXPECT_EQ(pages, 5);
  ASSERT_EQ(filtered.size(), 125u);
  for (const auto& d : filtered) EXPECT_EQ(d.items[0].hs, "854231");
  const std::vector<std::string> filtered_ids = Ids(filtered);
  EXPECT_EQ(std::set<std::string>(filtered_ids.begin(), filtered_ids.end()).size(), 125u);
}

// A prefix matching thousands of goods items is answered by walking the lodging-time
// index instead of sorting the matches; the pages must be the same either way.
TEST_F(SqliteStoreTest, PagesForABroadHsPrefix) {
  std::vector<Declaration> docs;
  for (int i = 0; i < 2600; ++i) {
    const bool vehicle = i % 50 == 0;
    docs.push_back(MakeDeclaration("D" + std::to_string(i), kNow + (i * 37 % 100) * 60,
                                   {vehicle ? "870323" : "854231", "854232"}));
  }
  PutAll(docs);
  for (const auto& [prefix, expected] :
       std::vector<std::pair<std::string, size_t>>{{"8542", 2600}, {"8703", 52}, {"85423", 2600}}) {
    std::set<std::string> seen;
    Timestamp last = 0;
    DeclarationQuery q{.hs_prefix = prefix, .limit = 700};
    for (;;) {
      auto page = store_->FindDeclarations(q);
      ASSERT_TRUE(page.has_value()) << page.error().ToString();
      for (const auto& d : page->items) {
        EXPECT_TRUE(seen.insert(d.id).second) << d.id;
        EXPECT_GE(d.lodged_at, last);
        last = d.lodged_at;
      }
      if (page->next.empty()) break;
      q.after = page->next;
    }
    EXPECT_EQ(seen.size(), expected) << prefix;
  }
}

TEST_F(SqliteStoreTest, PageSizeIsClampedAndBadCursorsAreRejected) {
  std::vector<Declaration> docs;
  for (int i = 0; i < 1005; ++i) {
    docs.push_back(MakeDeclaration("D" + std::to_string(i), kNow + i, {"010121"}));
  }
  PutAll(docs);
  auto big = store_->FindDeclarations({.limit = 5000});
  ASSERT_TRUE(big.has_value());
  EXPECT_EQ(big->items.size(), 1000u);
  EXPECT_FALSE(big->next.empty());
  auto rest = store_->FindDeclarations({.limit = 5000, .after = big->next});
  ASSERT_TRUE(rest.has_value());
  EXPECT_EQ(rest->items.size(), 5u);
  EXPECT_TRUE(rest->next.empty());

  auto tiny = store_->FindDeclarations({.limit = 0});
  ASSERT_TRUE(tiny.has_value());
  EXPECT_EQ(tiny->items.size(), 1u);

  for (const char* cursor : {"garbage", "12", "1:x", ":", "1:2:3"}) {
    auto bad = store_->FindDeclarations({.after = cursor});
    ASSERT_FALSE(bad.has_value()) << cursor;
    EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(bad.error().field, "after");
  }
}

// ---- payment queries ----

TEST_F(SqliteStoreTest, PaymentFilters) {
  const Payment spec = SpecPayment();  // KG debtor -> DE creditor, EUR, 2026-03-04
  Payment other;
  other.id = "KZ-PMT-2026-000000002";
  other.executed_at = At("2026-03-10T09:00:00Z");
  other.amount = Money{5000 * Money::kScale, "USD"};
  other.debtor.party = MakeParty("ТОО «Степной Ветер»", "KZ", IdKind::kBin, "333333333333");
  other.debtor.account = "KZ86125KZT5004100100";
  other.debtor.agent_bic = "HSBKKZKX";
  other.creditor.party = MakeParty("Shenzhen Parts Co", "CN", IdKind::kVat, "CN9999");
  other.creditor.account = "CN00112233";
  other.creditor.agent_bic = "BKCHCNBJ";
  PutPayments({spec, other});

  auto find = [&](PaymentQuery q) {
    auto page = store_->FindPayments(q);
    EXPECT_TRUE(page.has_value()) << page.error().ToString();
    return page ? Ids(page->items) : std::vector<std::string>{};
  };
  EXPECT_THAT(find({}), ElementsAre(spec.id, other.id));
  EXPECT_THAT(find({.party = "02505202210123"}), ElementsAre(spec.id));  // INN
  EXPECT_THAT(find({.party = "KG45 1180 0000 0012 3456 78"}), ElementsAre(spec.id));
  EXPECT_THAT(find({.party = "COBADEFFXXX"}), ElementsAre(spec.id));  // agent BIC
  EXPECT_THAT(find({.party = "HSBCHKHHHKH"}), ElementsAre(spec.id));  // intermediary
  EXPECT_THAT(find({.party = "HSBKKZKX"}), ElementsAre(other.id));
  EXPECT_THAT(find({.party = "СТЕПНОЙ"}), ElementsAre(other.id));
  EXPECT_THAT(find({.party = "elektronik"}), ElementsAre(spec.id));
  EXPECT_THAT(find({.party = "COBADEFF"}), IsEmpty());  // BICs match exactly
  EXPECT_THAT(find({.country = "de"}), ElementsAre(spec.id));
  EXPECT_THAT(find({.country = "KZ"}), ElementsAre(other.id));
  EXPECT_THAT(find({.currency = "eur"}), ElementsAre(spec.id));
  EXPECT_THAT(find({.country = "CN", .currency = "USD"}), ElementsAre(other.id));
  EXPECT_THAT(find({.from = At("2026-03-05T00:00:00Z")}), ElementsAre(other.id));
  EXPECT_THAT(find({.to = At("2026-03-05T00:00:00Z")}), ElementsAre(spec.id));

  auto first = store_->FindPayments({.limit = 1});
  ASSERT_TRUE(first.has_value());
  EXPECT_THAT(Ids(first->items), ElementsAre(spec.id));
  auto second = store_->FindPayments({.limit = 1, .after = first->next});
  ASSERT_TRUE(second.has_value());
  EXPECT_THAT(Ids(second->items), ElementsAre(other.id));
  EXPECT_TRUE(second->next.empty());
}

// ---- movements, alerts, decisions ----

TEST_F(SqliteStoreTest, MovementPutReplaces) {
  Movement m;
  m.id = "26KZ0101T0004217";
  m.state = MovementState::kReleased;
  m.seals = {"ENS-KZ-00731942", "ENS-KZ-00731943"};
  m.entry_post_id = "KZ-ZHAISAN";
  m.limit_date = At("2026-03-07T23:59:59Z");
  m.history = {{MovementState::kLodged, At("2026-03-02T06:40:00Z"), ""},
               {MovementState::kReleased, At("2026-03-02T08:00:00Z"), "documents checked"}};
  {
    auto txn = store_->Begin();
    ASSERT_TRUE(txn.has_value());
    ASSERT_TRUE((*txn)->PutMovement(m).has_value());
    ASSERT_TRUE((*txn)->Commit().has_value());
  }
  auto got = store_->GetMovement(m.id);
  ASSERT_TRUE(got.has_value()) << got.error().ToString();
  ASSERT_TRUE(got->has_value());
  EXPECT_EQ(**got, m);

  Movement next = m;
  next.state = MovementState::kEntered;
  next.seals = {"ENS-KZ-00731942"};
  next.exit_post_id = "KZ-KORDAI";
  next.limit_date.reset();
  next.history.push_back({MovementState::kEntered, At("2026-03-03T10:00:00Z"), ""});
  {
    auto txn = store_->Begin();
    ASSERT_TRUE(txn.has_value());
    ASSERT_TRUE((*txn)->PutMovement(next).has_value());
    ASSERT_TRUE((*txn)->Commit().has_value());
  }
  got = store_->GetMovement(m.id);
  ASSERT_TRUE(got.has_value() && got->has_value());
  EXPECT_EQ(**got, next);
  EXPECT_EQ(GetStats().movements, 1);

  auto missing = store_->GetMovement("nope");
  ASSERT_TRUE(missing.has_value());
  EXPECT_FALSE(missing->has_value());
}

TEST_F(SqliteStoreTest, PositionsAreKeptOncePerDeviceAndTimeInTimeOrder) {
  const std::vector<PositionRecord> batch = {
      {"S-1", 200, "M-1", 50.1, 56.2, 70.0, 96, ""},
      {"S-1", 100, "M-1", 50.0, 56.1, std::nullopt, std::nullopt, "01"},
      {"S-2", 150, "M-2", 43.2, 76.9, 0.0, 10, ""},
  };
  {
    auto txn = store_->Begin();
    ASSERT_TRUE(txn.has_value());
    auto stored = (*txn)->PutPositions(batch);
    ASSERT_TRUE(stored.has_value()) << stored.error().ToString();
    EXPECT_EQ(*stored, 3);
    // The same report again, and one new one.
    auto again = (*txn)->PutPositions({batch[0], {"S-1", 300, "M-1", 50.2, 56.3, {}, {}, ""}});
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(*again, 1);
    ASSERT_TRUE((*txn)->PutRejectedPositions({{kNow, "api", 7, "lat", "not a latitude", "{}"}}));
    ASSERT_TRUE((*txn)->Commit().has_value());
  }
  auto track = store_->MovementPositions("M-1", 10);
  ASSERT_TRUE(track.has_value()) << track.error().ToString();
  ASSERT_EQ(track->size(), 3u);
  EXPECT_EQ((*track)[0], batch[1]);
  EXPECT_EQ((*track)[1], batch[0]);
  EXPECT_EQ((*track)[2].ts, 300);
  EXPECT_EQ(store_->MovementPositions("M-1", 1)->size(), 1u);
  auto rejected = store_->RejectedPositions(10);
  ASSERT_TRUE(rejected.has_value());
  ASSERT_EQ(rejected->size(), 1u);
  EXPECT_EQ((*rejected)[0].field, "lat");
  EXPECT_EQ((*rejected)[0].line, 7);
  EXPECT_EQ(GetStats().positions, 4);
  EXPECT_EQ(GetStats().rejected_positions, 1);
}

TEST_F(SqliteStoreTest, PositionsOfSeveralSealsAndHoursComeBackInTimeOrder) {
  // Two seals of one movement, reports spread over three hours and stored out of order in
  // two transactions, beside another movement's reports in the same hours.
  const std::vector<PositionRecord> first = {
      {"S-2", kNow + 7300, "M-1", 50.3, 56.4, 60.0, 80, ""},
      {"S-1", kNow + 10, "M-1", 50.0, 56.1, 55.0, 90, "01"},
      {"S-9", kNow + 20, "M-2", 43.0, 76.0, {}, {}, ""},
      {"S-1", kNow + 3700, "M-1", 50.1, 56.2, {}, {}, ""},
  };
  const std::vector<PositionRecord> second = {
      {"S-2", kNow + 10, "M-1", 50.0, 56.1, 55.0, 90, ""},
      {"S-1", kNow + 7300, "M-1", 50.3, 56.4, 61.0, 81, "03"},
      {"S-9", kNow + 3700, "M-2", 43.1, 76.1, {}, {}, ""},
  };
  for (const auto* batch : {&first, &second}) {
    auto txn = store_->Begin();
    ASSERT_TRUE(txn.has_value());
    auto stored = (*txn)->PutPositions(*batch);
    ASSERT_TRUE(stored.has_value()) << stored.error().ToString();
    EXPECT_EQ(*stored, static_cast<int64_t>(batch->size()));
    ASSERT_TRUE((*txn)->Commit().has_value());
  }
  auto track = store_->MovementPositions("M-1", 100);
  ASSERT_TRUE(track.has_value()) << track.error().ToString();
  // By time, then by seal.
  EXPECT_THAT(*track, ElementsAre(first[1], second[0], first[3], second[1], first[0]));
  EXPECT_EQ(store_->MovementPositions("M-1", 2).value_or(std::vector<PositionRecord>{}),
            (std::vector<PositionRecord>{first[1], second[0]}));
  EXPECT_THAT(store_->MovementPositions("M-2", 100).value_or(std::vector<PositionRecord>{}),
              ElementsAre(first[2], second[2]));
}

TEST_F(SqliteStoreTest, APositionRepeatedInALaterTransactionIsNotStoredTwice) {
  const PositionRecord p{"S-1", kNow, "M-1", 50.0, 56.1, 70.0, 96, ""};
  for (int64_t expected : {1, 0}) {
    auto txn = store_->Begin();
    ASSERT_TRUE(txn.has_value());
    // The same report again, changed: the first one stored is kept.
    PositionRecord sent = p;
    if (expected == 0) sent.lat = 51.0;
    auto stored = (*txn)->PutPositions({sent, sent});
    ASSERT_TRUE(stored.has_value()) << stored.error().ToString();
    EXPECT_EQ(*stored, expected);
    ASSERT_TRUE((*txn)->Commit().has_value());
  }
  // The same seal and time in another movement is another report.
  {
    auto txn = store_->Begin();
    ASSERT_TRUE(txn.has_value());
    PositionRecord other = p;
    other.movement_id = "M-2";
    EXPECT_EQ((*txn)->PutPositions({other}).value_or(-1), 1);
    ASSERT_TRUE((*txn)->Commit().has_value());
  }
  auto track = store_->MovementPositions("M-1", 10);
  ASSERT_TRUE(track.has_value());
  ASSERT_EQ(track->size(), 1u);
  EXPECT_EQ((*track)[0], p);
  EXPECT_EQ(GetStats().positions, 2);
}

TEST_F(SqliteStoreTest, PositionsOfATransactionRolledBackAreNotKept) {
  {
    auto txn = store_->Begin();
    ASSERT_TRUE(txn.has_value());
    ASSERT_TRUE((*txn)->PutPositions({{"S-1", kNow, "M-1", 50.0, 56.1, {}, {}, ""}}));
  }  // destroyed without Commit
  EXPECT_THAT(store_->MovementPositions("M-1", 10).value_or(std::vector<PositionRecord>{{}}),
              IsEmpty());
  EXPECT_EQ(GetStats().positions, 0);
  auto txn = store_->Begin();
  ASSERT_TRUE(txn.has_value());
  EXPECT_EQ((*txn)->PutPositions({{"S-1", kNow, "M-1", 50.0, 56.1, {}, {}, ""}}).value_or(-1), 1);
  ASSERT_TRUE((*txn)->Commit().has_value());
  EXPECT_EQ(store_->MovementPositions("M-1", 10).value_or(std::vector<PositionRecord>{}).size(),
            1u);
}

TEST_F(SqliteStoreTest, EpcisEventsGetSequencesInCaptureOrder) {
  auto txn = store_->Begin();
  ASSERT_TRUE(txn.has_value());
  auto first = (*txn)->PutEpcisEvent({0, kNow, kNow - 60, "ObjectEvent", "arriving", "M-1",
                                      "KZ-BCP-044", R"({"type":"ObjectEvent"})"});
  auto second = (*txn)->PutEpcisEvent(
      {0, kNow, kNow - 30, "ObjectEvent", "departing", "", "", R"({"type":"ObjectEvent"})"});
  ASSERT_TRUE(first.has_value() && second.has_value());
  EXPECT_LT(*first, *second);
  ASSERT_TRUE((*txn)->Commit().has_value());
  auto all = store_->EpcisEvents(0, 10);
  ASSERT_TRUE(all.has_value());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].biz_step, "arriving");
  EXPECT_EQ((*all)[0].post_id, "KZ-BCP-044");
  auto later = store_->EpcisEvents(*first, 10);
  ASSERT_TRUE(later.has_value());
  ASSERT_EQ(later->size(), 1u);
  EXPECT_EQ((*later)[0].sequence, *second);
}

TEST_F(SqliteStoreTest, MovementsFilterByStateAndAlertRuleAndPage) {
  {
    auto txn = store_->Begin();
    ASSERT_TRUE(txn.has_value());
    for (int i = 1; i <= 5; ++i) {
      Movement m;
      m.id = "M-" + std::to_string(i);
      m.state = i <= 3 ? MovementState::kEntered : MovementState::kDiverted;
      m.history = {{m.state, kNow, ""}};
      ASSERT_TRUE((*txn)->PutMovement(m).has_value());
    }
    ASSERT_TRUE((*txn)->RaiseAlert({.id = "T1-M-4-country-RU",
                                    .rule = "T1",
                                    .subject = {"movement", "M-4"},
                                    .evidence_json = "{}",
                                    .raised_at = kNow}));
    ASSERT_TRUE((*txn)->RaiseAlert({.id = "T3-M-2-deviation-1",
                                    .rule = "T3",
                                    .subject = {"movement", "M-2"},
                                    .evidence_json = "{}",
                                    .raised_at = kNow}));
    ASSERT_TRUE((*txn)->Commit().has_value());
  }
  auto ids = [&](MovementQuery q) {
    std::vector<std::string> out;
    auto page = store_->FindMovements(q);
    EXPECT_TRUE(page.has_value()) << page.error().ToString();
    for (const Movement& m : page->items) out.push_back(m.id);
    return out;
  };
  EXPECT_EQ(ids({}), (std::vector<std::string>{"M-1", "M-2", "M-3", "M-4", "M-5"}));
  EXPECT_EQ(ids({.state = MovementState::kDiverted}), (std::vector<std::string>{"M-4", "M-5"}));
  EXPECT_EQ(ids({.alert_rule = "T1"}), (std::vector<std::string>{"M-4"}));
  EXPECT_EQ(ids({.alert_rule = "any"}), (std::vector<std::string>{"M-2", "M-4"}));
  EXPECT_EQ(ids({.state = MovementState::kEntered, .alert_rule = "any"}),
            (std::vector<std::string>{"M-2"}));
  auto first = store_->FindMovements({.limit = 2});
  ASSERT_TRUE(first.has_value());
  ASSERT_EQ(first->items.size(), 2u);
  ASSERT_FALSE(first->next.empty());
  EXPECT_EQ(ids({.limit = 2, .after = first->next}), (std::vector<std::string>{"M-3", "M-4"}));
  EXPECT_EQ(first->items[0].history.size(), 1u);
}

TEST_F(SqliteStoreTest, AlertsGetIdsAndFilter) {
  auto txn = store_->Begin();
  ASSERT_TRUE(txn.has_value());
  Alert a{.rule = "S1",
          .severity = Severity::kHigh,
          .subject = {"declaration", "26KZ0101T0004217"},
          .evidence_json = R"({"list":"EU","entry":"EU.123"})",
          .explanation = "The consignee matches a sanctions list entry.",
          .raised_at = kNow};
  auto first = (*txn)->PutAlert(a);
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  EXPECT_EQ(*first, "ALR-000001");
  Alert b = a;
  b.rule = "T1";
  b.severity = Severity::kMedium;
  b.subject = {"movement", "26KZ0101T0004217"};
  EXPECT_EQ((*txn)->PutAlert(b).value_or(""), "ALR-000002");
  Alert chosen = a;
  chosen.id = "ALR-000003";  // a caller-chosen id in the generated range
  EXPECT_EQ((*txn)->PutAlert(chosen).value_or(""), "ALR-000003");
  EXPECT_EQ((*txn)->PutAlert(b).value_or(""), "ALR-000004");
  ASSERT_TRUE((*txn)->Commit().has_value());

  auto find = [&](AlertQuery q) {
    auto page = store_->FindAlerts(q);
    EXPECT_TRUE(page.has_value()) << page.error().ToString();
    return page ? Ids(page->items) : std::vector<std::string>{};
  };
  EXPECT_THAT(find({}), ElementsAre("ALR-000001", "ALR-000002", "ALR-000003", "ALR-000004"));
  EXPECT_THAT(find({.rule = "T1"}), ElementsAre("ALR-000002", "ALR-000004"));
  EXPECT_THAT(find({.subject_type = "declaration", .subject_id = "26KZ0101T0004217"}),
              ElementsAre("ALR-000001", "ALR-000003"));
  EXPECT_THAT(find({.subject_type = "payment"}), IsEmpty());

  auto page = store_->FindAlerts({.rule = "S1", .limit = 1});
  ASSERT_TRUE(page.has_value());
  ASSERT_EQ(page->items.size(), 1u);
  Alert stored = page->items[0];
  EXPECT_EQ(stored.evidence_json, a.evidence_json);
  stored.id.clear();
  EXPECT_EQ(stored, a);
  auto next = store_->FindAlerts({.rule = "S1", .limit = 1, .after = page->next});
  ASSERT_TRUE(next.has_value());
  EXPECT_THAT(Ids(next->items), ElementsAre("ALR-000003"));
  EXPECT_TRUE(next->next.empty());

  // Putting a known id updates it in place.
  auto update = store_->Begin();
  ASSERT_TRUE(update.has_value());
  Alert closed = a;
  closed.id = "ALR-000001";
  closed.status = AlertStatus::kFalsePositive;
  EXPECT_EQ((*update)->PutAlert(closed).value_or(""), "ALR-000001");
  ASSERT_TRUE((*update)->Commit().has_value());
  EXPECT_THAT(find({.status = AlertStatus::kFalsePositive}), ElementsAre("ALR-000001"));
  EXPECT_THAT(find({.status = AlertStatus::kOpen}),
              ElementsAre("ALR-000002", "ALR-000003", "ALR-000004"));
  EXPECT_EQ(GetStats().alerts, 4);
}

TEST_F(SqliteStoreTest, RaisingAnAlertAgainLeavesTheStoredOneAsItIs) {
  Alert a{.id = "P6-abc",
          .rule = "P6",
          .severity = Severity::kHigh,
          .subject = {"declaration", "D-1"},
          .evidence_json = R"({"list":"eu"})",
          .explanation = "first",
          .raised_at = kNow};
  {
    auto txn = store_->Begin();
    ASSERT_TRUE(txn.has_value());
    EXPECT_TRUE((*txn)->RaiseAlert(a).value_or(false));
    Alert worked = a;
    worked.status = AlertStatus::kFalsePositive;  // an analyst's disposition
    ASSERT_TRUE((*txn)->PutAlert(worked).has_value());
    ASSERT_TRUE((*txn)->Commit().has_value());
  }
  auto txn = store_->Begin();
  ASSERT_TRUE(txn.has_value());
  Alert again = a;
  again.explanation = "second";
  auto raised = (*txn)->RaiseAlert(again);
  ASSERT_TRUE(raised.has_value()) << raised.error().ToString();
  EXPECT_FALSE(*raised);
  Alert unnamed = a;
  unnamed.id.clear();
  EXPECT_FALSE((*txn)->RaiseAlert(unnamed).has_value());
  txn->reset();
  auto page = store_->FindAlerts(AlertQuery{.subject_id = "D-1"});
  ASSERT_TRUE(page.has_value());
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].status, AlertStatus::kFalsePositive);
  EXPECT_EQ(page->items[0].explanation, "first");
}

TEST_F(SqliteStoreTest, DecisionsForASubjectInDecisionOrder) {
  const SubjectRef subject{"declaration", "26KZ0101T0004217"};
  Decision lane{.subject = subject,
                .kind = "lane",
                .outcome = "yellow",
                .reasons = {"T1: dual-use HS 854231", "new consignee"},
                .decided_by = "engine",
                .decided_at = kNow + 60};
  Decision earlier{.subject = subject,
                   .kind = "lane",
                   .outcome = "green",
                   .decided_by = "engine",
                   .decided_at = kNow};
  Decision elsewhere{.subject = {"payment", "26KZ0101T0004217"},
                     .kind = "payment",
                     .outcome = "hold",
                     .reasons = {"x"},
                     .decided_by = "analyst-7",
                     .decided_at = kNow};
  auto txn = store_->Begin();
  ASSERT_TRUE(txn.has_value());
  EXPECT_EQ((*txn)->PutDecision(lane).value_or(""), "DEC-000001");
  EXPECT_EQ((*txn)->PutDecision(earlier).value_or(""), "DEC-000002");
  EXPECT_EQ((*txn)->PutDecision(elsewhere).value_or(""), "DEC-000003");
  ASSERT_TRUE((*txn)->Commit().has_value());

  auto got = store_->DecisionsFor(subject);
  ASSERT_TRUE(got.has_value()) << got.error().ToString();
  ASSERT_EQ(got->size(), 2u);
  earlier.id = "DEC-000002";
  lane.id = "DEC-000001";
  EXPECT_EQ((*got)[0], earlier);
  EXPECT_EQ((*got)[1], lane);

  // Replacing a decision replaces its reasons.
  Decision revised = lane;
  revised.outcome = "red";
  revised.reasons = {"analyst review"};
  auto again = store_->Begin();
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ((*again)->PutDecision(revised).value_or(""), "DEC-000001");
  ASSERT_TRUE((*again)->Commit().has_value());
  got = store_->DecisionsFor(subject);
  ASSERT_TRUE(got.has_value());
  ASSERT_EQ(got->size(), 2u);
  EXPECT_EQ((*got)[1], revised);
  EXPECT_EQ(GetStats().decisions, 3);

  auto none = store_->DecisionsFor({"party", "nobody"});
  ASSERT_TRUE(none.has_value());
  EXPECT_THAT(*none, IsEmpty());
}

TEST_F(SqliteStoreTest, GetAlertReturnsTheStoredAlertOrNothing) {
  Alert a{.id = "S1-abc",
          .rule = "S1",
          .severity = Severity::kHigh,
          .subject = {"declaration", "D-1"},
          .evidence_json = R"({"list":"eu"})",
          .explanation = "The consignee matches a sanctions list entry.",
          .status = AlertStatus::kAssigned,
          .raised_at = kNow};
  auto txn = store_->Begin();
  ASSERT_TRUE(txn.has_value());
  ASSERT_TRUE((*txn)->RaiseAlert(a).value_or(false));
  ASSERT_TRUE((*txn)->Commit().has_value());
  auto got = store_->GetAlert("S1-abc");
  ASSERT_TRUE(got.has_value()) << got.error().ToString();
  ASSERT_TRUE(got->has_value());
  EXPECT_EQ(**got, a);
  auto missing = store_->GetAlert("S1-other");
  ASSERT_TRUE(missing.has_value());
  EXPECT_FALSE(missing->has_value());
}

TEST_F(SqliteStoreTest, FindDecisionsFiltersAndPagesNewestFirst) {
  auto decision = [](std::string subject, std::string kind, std::string outcome, std::string by,
                     Timestamp at) {
    return Decision{.subject = {kind == "payment" ? "payment" : "declaration", std::move(subject)},
                    .kind = std::move(kind),
                    .outcome = std::move(outcome),
                    .reasons = {"r1", "r2"},
                    .decided_by = std::move(by),
                    .decided_at = at};
  };
  const std::vector<Decision> decisions = {
      decision("D-1", "lane", "green", "engine", kNow),               // DEC-000001
      decision("P-1", "payment", "hold", "engine", kNow + 10),        // DEC-000002
      decision("D-2", "lane", "red", "analyst-7", kNow + 10),         // DEC-000003
      decision("D-1", "lane", "yellow", "analyst-7", kNow + 20),      // DEC-000004
      decision("P-2", "payment", "release", "analyst-7", kNow + 30),  // DEC-000005
  };
  auto txn = store_->Begin();
  ASSERT_TRUE(txn.has_value());
  for (const Decision& d : decisions) ASSERT_TRUE((*txn)->PutDecision(d).has_value());
  ASSERT_TRUE((*txn)->Commit().has_value());

  auto find = [&](DecisionQuery q) {
    auto page = store_->FindDecisions(q);
    EXPECT_TRUE(page.has_value()) << page.error().ToString();
    std::vector<std::string> ids;
    if (!page) return ids;
    EXPECT_THAT(page->next, IsEmpty());
    for (const Decision& d : page->items) ids.push_back(d.id);
    return ids;
  };
  // Ties on decided_at: the one stored last comes first.
  EXPECT_THAT(find({}),
              ElementsAre("DEC-000005", "DEC-000004", "DEC-000003", "DEC-000002", "DEC-000001"));
  EXPECT_THAT(find({.kind = "payment"}), ElementsAre("DEC-000005", "DEC-000002"));
  EXPECT_THAT(find({.subject_type = "declaration", .subject_id = "D-1"}),
              ElementsAre("DEC-000004", "DEC-000001"));
  EXPECT_THAT(find({.outcome = "red"}), ElementsAre("DEC-000003"));
  EXPECT_THAT(find({.decided_by = "analyst-7", .from = kNow + 10, .to = kNow + 30}),
              ElementsAre("DEC-000004", "DEC-000003"));
  EXPECT_THAT(find({.subject_id = "nobody"}), IsEmpty());

  // Pages of two cover every decision once, in the same order, with their reasons.
  std::vector<std::string> paged;
  DecisionQuery q{.limit = 2};
  for (int pages = 0; pages < 10; ++pages) {
    auto page = store_->FindDecisions(q);
    ASSERT_TRUE(page.has_value()) << page.error().ToString();
    for (const Decision& d : page->items) {
      paged.push_back(d.id);
      EXPECT_THAT(d.reasons, ElementsAre("r1", "r2")) << d.id;
    }
    if (page->next.empty()) break;
    q.after = page->next;
  }
  EXPECT_THAT(paged,
              ElementsAre("DEC-000005", "DEC-000004", "DEC-000003", "DEC-000002", "DEC-000001"));
  auto first = store_->FindDecisions({.kind = "payment", .limit = 1});
  ASSERT_TRUE(first.has_value());
  ASSERT_EQ(first->items.size(), 1u);
  Decision expected = decisions[4];
  expected.id = "DEC-000005";
  EXPECT_EQ(first->items[0], expected);

  auto bad = store_->FindDecisions({.after = "DEC-000003"});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
}

// ---- the audit log ----

ListVersionInfo ListInfo(std::string list, std::string hash) {
  return ListVersionInfo{.list = std::move(list),
                         .format = "csv",
                         .source = "kz.csv",
                         .published_on = "2026-11-01",
                         .content_hash = std::move(hash)};
}

// The whole audit log, failing the test when it cannot be read.
std::vector<audit::AuditRecord> WholeAuditLog(Store& store) {
  auto log = store.AuditLog(0, 1000);
  EXPECT_TRUE(log.has_value()) << log.error().ToString();
  return log.value_or(std::vector<audit::AuditRecord>{});
}

TEST_F(SqliteStoreTest, AFreshStoreHasAnEmptyAuditLogAtTheGenesisHash) {
  EXPECT_THAT(WholeAuditLog(*store_), IsEmpty());
  auto head = store_->AuditHead();
  ASSERT_TRUE(head.has_value()) << head.error().ToString();
  EXPECT_EQ(head->seq, 0);
  EXPECT_EQ(head->hash, audit::kGenesisHash);
}

TEST_F(SqliteStoreTest, DecisionsAndListImportsAreAppendedToAChainedAuditLog) {
  {
    auto txn = store_->Begin();
    ASSERT_TRUE(txn.has_value());
    ASSERT_TRUE((*txn)
                    ->PutDecision({.subject = {"payment", "P-1"},
                                   .kind = "payment",
                                   .outcome = "hold",
                                   .reasons = {"S1: debtor matches EU.123"},
                                   .decided_by = "engine",
                                   .decided_at = kNow})
                    .has_value());
    ASSERT_TRUE((*txn)->PutListVersion(ListInfo("kz", "h1"), {{"KZ-1", "{}"}}).has_value());
    ASSERT_TRUE((*txn)->Commit().has_value());
  }
  clock_.Advance(60);
  {
    auto txn = store_->Begin();
    ASSERT_TRUE(txn.has_value());
    // Unchanged content creates no version, and so no record.
    auto same = (*txn)->PutListVersion(ListInfo("kz", "h1"), {{"KZ-1", "{}"}});
    ASSERT_TRUE(same.has_value());
    EXPECT_FALSE(same->created);
    ASSERT_TRUE((*txn)
                    ->PutDecision({.id = "DEC-X",
                                   .subject = {"declaration", "D-9"},
                                   .kind = "lane",
                                   .outcome = "red",
                                   .decided_by = "analyst-7",
                                   .decided_at = kNow})
                    .has_value());
    ASSERT_TRUE(
        (*txn)->PutListVersion(ListInfo("kz", "h2"), {{"KZ-1", "{}"}, {"KZ-2", "{}"}}).has_value());
    ASSERT_TRUE((*txn)->Commit().has_value());
  }

  const auto log = WholeAuditLog(*store_);
  ASSERT_EQ(log.size(), 4u);
  EXPECT_EQ(log[0].action, "decision");
  EXPECT_EQ(log[0].subject_type, "payment");
  EXPECT_EQ(log[0].subject_id, "P-1");
  EXPECT_EQ(log[0].actor, "engine");
  EXPECT_EQ(log[0].at, kNow);
  EXPECT_THAT(log[0].details_json, HasSubstr(R"("id":"DEC-000001")"));
  EXPECT_THAT(log[0].details_json, HasSubstr(R"("outcome":"hold")"));
  EXPECT_THAT(log[0].details_json, HasSubstr("S1: debtor matches EU.123"));
  EXPECT_EQ(log[1].action, "list_import");
  EXPECT_EQ(log[1].subject_type, "list");
  EXPECT_EQ(log[1].subject_id, "kz");
  EXPECT_EQ(log[1].actor, "import");
  EXPECT_THAT(log[1].details_json, HasSubstr(R"("version":1)"));
  EXPECT_THAT(log[1].details_json, HasSubstr(R"("content_hash":"h1")"));
  EXPECT_THAT(log[1].details_json, HasSubstr(R"("entry_count":1)"));
  EXPECT_THAT(log[1].details_json, HasSubstr(R"("source":"kz.csv")"));
  EXPECT_THAT(log[1].details_json, HasSubstr(R"("format":"csv")"));
  EXPECT_EQ(log[2].actor, "analyst-7");
  EXPECT_EQ(log[2].subject_id, "D-9");
  EXPECT_EQ(log[2].at, kNow + 60);
  EXPECT_THAT(log[2].details_json, HasSubstr(R"("id":"DEC-X")"));
  EXPECT_THAT(log[3].details_json, HasSubstr(R"("version":2)"));
  EXPECT_THAT(log[3].details_json, HasSubstr(R"("entry_count":2)"));

  // Numbered from 1 without gaps, each linked to the one before, ending at the head.
  std::string prev = audit::kGenesisHash;
  for (size_t i = 0; i < log.size(); ++i) {
    EXPECT_EQ(log[i].seq, static_cast<int64_t>(i) + 1);
    EXPECT_EQ(log[i].prev_hash, prev);
    EXPECT_EQ(log[i].hash, audit::RecordHash(log[i]));
    prev = log[i].hash;
  }
  auto head = store_->AuditHead();
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->seq, 4);
  EXPECT_EQ(head->hash, log[3].hash);

  // Paging by sequence number.
  auto page = store_->AuditLog(1, 2);
  ASSERT_TRUE(page.has_value());
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].seq, 2);
  EXPECT_EQ((*page)[1].hash, log[2].hash);
  EXPECT_THAT(store_->AuditLog(4, 10).value_or(std::vector<audit::AuditRecord>(1)), IsEmpty());
}

TEST_F(SqliteStoreTest, AlertStatusChangesAreStoredAndAudited) {
  Alert a{.id = "P6-abc",
          .rule = "P6",
          .subject = {"declaration", "D-1"},
          .evidence_json = "{}",
          .explanation = "x",
          .raised_at = kNow};
  {
    auto txn = store_->Begin();
    ASSERT_TRUE(txn.has_value());
    ASSERT_TRUE((*txn)->RaiseAlert(a).value_or(false));
    ASSERT_TRUE((*txn)->Commit().has_value());
  }
  EXPECT_THAT(WholeAuditLog(*store_),
              IsEmpty());  // raising is the engine's finding, not a decision

  auto txn = store_->Begin();
  ASSERT_TRUE(txn.has_value());
  auto set = (*txn)->SetAlertStatus("P6-abc", AlertStatus::kFalsePositive, "analyst-7",
                                    "other birth date");
  ASSERT_TRUE(set.has_value()) << set.error().ToString();
  // The status it already has: nothing to record.
  ASSERT_TRUE((*txn)
                  ->SetAlertStatus("P6-abc", AlertStatus::kFalsePositive, "analyst-8", "again")
                  .has_value());
  ASSERT_TRUE((*txn)->Commit().has_value());
  EXPECT_EQ(store_->GetAlert("P6-abc").value_or(std::nullopt).value_or(Alert{}).status,
            AlertStatus::kFalsePositive);
  const auto log = WholeAuditLog(*store_);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].action, "alert_status");
  EXPECT_EQ(log[0].subject_type, "alert");
  EXPECT_EQ(log[0].subject_id, "P6-abc");
  EXPECT_EQ(log[0].actor, "analyst-7");
  EXPECT_THAT(log[0].details_json, HasSubstr(R"("from":"open")"));
  EXPECT_THAT(log[0].details_json, HasSubstr(R"("to":"false_positive")"));
  EXPECT_THAT(log[0].details_json, HasSubstr(R"("reason":"other birth date")"));
  EXPECT_THAT(log[0].details_json, HasSubstr(R"("id":"D-1")"));

  auto again = store_->Begin();
  ASSERT_TRUE(again.has_value());
  auto missing = (*again)->SetAlertStatus("P6-none", AlertStatus::kClosed, "analyst-7", "");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_THAT(missing.error().message, HasSubstr("P6-none"));
}

TEST_F(SqliteStoreTest, ARolledBackTransactionLeavesNoAuditRecord) {
  {
    auto txn = store_->Begin();
    ASSERT_TRUE(txn.has_value());
    ASSERT_TRUE((*txn)->RaiseAlert({.id = "A-1", .rule = "S1"}).value_or(false));
    ASSERT_TRUE((*txn)->Commit().has_value());
  }
  {
    auto txn = store_->Begin();
    ASSERT_TRUE(txn.has_value());
    ASSERT_TRUE(
        (*txn)->PutDecision({.subject = {"payment", "P-1"}, .kind = "payment"}).has_value());
    ASSERT_TRUE((*txn)->PutListVersion(ListInfo("kz", "h1"), {}).has_value());
    ASSERT_TRUE((*txn)->SetAlertStatus("A-1", AlertStatus::kClosed, "a", "").has_value());
    EXPECT_EQ(WholeAuditLog(*store_).size(), 3u);  // in memory a read sees the open transaction
  }                                                // destroyed without Commit
  EXPECT_THAT(WholeAuditLog(*store_), IsEmpty());
  EXPECT_EQ(store_->AuditHead().value_or(AuditHeadInfo{}).seq, 0);
  EXPECT_EQ(store_->GetAlert("A-1").value_or(std::nullopt).value_or(Alert{}).status,
            AlertStatus::kOpen);

  // The next committed record is number 1, chained to the genesis hash.
  auto txn = store_->Begin();
  ASSERT_TRUE(txn.has_value());
  ASSERT_TRUE((*txn)->PutDecision({.subject = {"payment", "P-2"}, .kind = "payment"}).has_value());
  ASSERT_TRUE((*txn)->Commit().has_value());
  const auto log = WholeAuditLog(*store_);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].seq, 1);
  EXPECT_EQ(log[0].subject_id, "P-2");
  EXPECT_EQ(log[0].prev_hash, audit::kGenesisHash);
}

// ---- files, migrations, crashes ----

TEST_F(SqliteStoreTest, AFileDatabaseKeepsItsDataAcrossReopening) {
  const std::string path = TempDir() + "/keruen.db";
  const Declaration spec = SpecDeclaration();
  {
    auto store = SqliteStore::Open(path, clock_);
    ASSERT_TRUE(store.has_value()) << store.error().ToString();
    auto txn = (*store)->Begin();
    ASSERT_TRUE(txn.has_value());
    ASSERT_TRUE((*txn)->PutDeclaration(spec, "a").has_value());
    ASSERT_TRUE((*txn)->PutPayment(SpecPayment(), "a").has_value());
    ASSERT_TRUE((*txn)->PutMovement(Movement{.id = spec.id}).has_value());
    ASSERT_TRUE((*txn)->PutAlert(Alert{.rule = "S1"}).has_value());
    ASSERT_TRUE((*txn)->PutDecision(Decision{.subject = {"declaration", spec.id}}).has_value());
    ASSERT_TRUE((*txn)->Commit().has_value());
  }
  auto store = SqliteStore::Open(path, clock_);
  ASSERT_TRUE(store.has_value()) << store.error().ToString();
  auto got = (*store)->GetDeclaration(spec.id);
  ASSERT_TRUE(got.has_value() && got->has_value());
  EXPECT_EQ((*got)->value, spec);
  auto stats = (*store)->Stats();
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ(stats->declarations, 1);
  EXPECT_EQ(stats->goods_items, 2);
  EXPECT_EQ(stats->payments, 1);
  EXPECT_EQ(stats->movements, 1);
  EXPECT_EQ(stats->alerts, 1);
  EXPECT_EQ(stats->decisions, 1);
  // Generated ids continue where they stopped.
  auto txn = (*store)->Begin();
  ASSERT_TRUE(txn.has_value());
  EXPECT_EQ((*txn)->PutAlert(Alert{.rule = "S1"}).value_or(""), "ALR-000002");
}

TEST_F(SqliteStoreTest, FileDatabaseReadersSeeOnlyCommittedData) {
  auto store = SqliteStore::Open(TempDir() + "/keruen.db", clock_);
  ASSERT_TRUE(store.has_value()) << store.error().ToString();
  const Declaration spec = SpecDeclaration();
  auto txn = (*store)->Begin();
  ASSERT_TRUE(txn.has_value());
  ASSERT_TRUE((*txn)->PutDeclaration(spec, "a").has_value());
  auto before = (*store)->GetDeclaration(spec.id);
  ASSERT_TRUE(before.has_value()) << before.error().ToString();
  EXPECT_FALSE(before->has_value());
  ASSERT_TRUE((*txn)->Commit().has_value());
  auto after = (*store)->GetDeclaration(spec.id);
  ASSERT_TRUE(after.has_value());
  EXPECT_TRUE(after->has_value());
}

// Readers on other threads run beside a writer; a second writer waits for the first.
TEST_F(SqliteStoreTest, FileDatabaseServesThreadsConcurrently) {
  auto opened = SqliteStore::Open(TempDir() + "/keruen.db", clock_);
  ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
  SqliteStore& store = **opened;
  std::atomic<bool> writing{true};
  std::atomic<int> read_errors{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      do {
        auto page = store.FindDeclarations({.hs_prefix = "8542", .limit = 20});
        auto stats = store.Stats();
        if (!page || !stats) ++read_errors;
      } while (writing.load());
    });
  }
  auto first = store.Begin();
  ASSERT_TRUE(first.has_value());
  std::thread second_writer([&] {
    auto second = store.Begin();  // waits until the first commits
    if (!second) return;
    for (int i = 0; i < 100; ++i) {
      (void)(*second)->PutDeclaration(MakeDeclaration("B" + std::to_string(i), kNow, {"854231"}),
                                      "b");
    }
    (void)(*second)->Commit();
  });
  for (int i = 0; i < 100; ++i) {
    ASSERT_TRUE(
        (*first)
            ->PutDeclaration(MakeDeclaration("A" + std::to_string(i), kNow, {"854231"}), "a")
            .has_value());
  }
  ASSERT_TRUE((*first)->Commit().has_value());
  second_writer.join();
  writing.store(false);
  for (auto& reader : readers) reader.join();
  EXPECT_EQ(read_errors.load(), 0);
  auto stats = store.Stats();
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ(stats->declarations, 200);
}

// ---- watch lists ----

TEST_F(SqliteStoreTest, ListVersionsAreNumberedAndUnchangedContentIsNotStoredTwice) {
  const std::vector<ListEntryRecord> v1 = {{"KZ-1", R"({"id":"KZ-1","name":"A"})"},
                                           {"KZ-2", R"({"id":"KZ-2","name":"B"})"}};
  const std::vector<ListEntryRecord> v2 = {{"KZ-2", R"({"id":"KZ-2","name":"B"})"},
                                           {"KZ-3", R"({"id":"KZ-3","name":"C"})"}};
  auto put = [&](const ListVersionInfo& info, const std::vector<ListEntryRecord>& entries) {
    auto txn = store_->Begin();
    EXPECT_TRUE(txn.has_value());
    auto result = (*txn)->PutListVersion(info, entries);
    EXPECT_TRUE(result.has_value()) << result.error().ToString();
    EXPECT_TRUE((*txn)->Commit().has_value());
    return result.value_or(ListPutResult{});
  };
  ListPutResult first = put(ListInfo("kz", "h1"), v1);
  EXPECT_TRUE(first.created);
  EXPECT_EQ(first.version.version, 1);
  EXPECT_EQ(first.version.entry_count, 2);
  EXPECT_EQ(first.version.imported_at, kNow);
  clock_.Advance(60);
  ListPutResult again = put(ListInfo("kz", "h1"), v1);
  EXPECT_FALSE(again.created);
  EXPECT_EQ(again.version.version, 1);
  EXPECT_EQ(again.version.imported_at, kNow);  // the stored version, not a new one
  ListPutResult second = put(ListInfo("kz", "h2"), v2);
  EXPECT_TRUE(second.created);
  EXPECT_EQ(second.version.version, 2);
  ListPutResult other = put(ListInfo("un", "h1"), v1);
  EXPECT_EQ(other.version.version, 1);  // numbering is per list

  auto all = store_->ListVersions("");
  ASSERT_TRUE(all.has_value());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].list, "kz");
  EXPECT_EQ((*all)[1].version, 2);
  EXPECT_EQ((*all)[1].content_hash, "h2");
  EXPECT_EQ((*all)[1].imported_at, kNow + 60);
  EXPECT_EQ((*all)[2].list, "un");
  EXPECT_EQ(store_->ListVersions("kz").value_or(std::vector<ListVersionInfo>{}).size(), 2u);

  auto entries = store_->ListEntries("kz", 1);
  ASSERT_TRUE(entries.has_value());
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].id, "KZ-1");
  EXPECT_EQ((*entries)[1].json, v1[1].json);
  auto latest = store_->ListEntries("kz", 2);
  ASSERT_TRUE(latest.has_value());
  EXPECT_EQ((*latest)[1].id, "KZ-3");
  auto missing = store_->ListEntries("kz", 3);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_F(SqliteStoreTest, AListVersionWithADuplicateEntryIdIsRefusedWhole) {
  auto txn = store_->Begin();
  ASSERT_TRUE(txn.has_value());
  auto refused = (*txn)->PutListVersion(ListInfo("kz", "h"), {{"KZ-1", "{}"}, {"KZ-1", "{}"}});
  ASSERT_FALSE(refused.has_value());
  EXPECT_THAT(refused.error().message, HasSubstr("KZ-1"));
  EXPECT_FALSE((*txn)->Commit().has_value());
  txn->reset();
  EXPECT_THAT(store_->ListVersions("kz").value_or(std::vector<ListVersionInfo>{{}}), IsEmpty());
}

TEST_F(SqliteStoreTest, ADatabaseOfTheFirstSchemaIsMigratedKeepingItsData) {
  const std::string path = TempDir() + "/keruen.db";
  {
    auto store = SqliteStore::Open(path, clock_);
    ASSERT_TRUE(store.has_value());
    PutAll(**store, {MakeDeclaration("D-1", kNow, {"847130"})});
  }
  {  // make it look like a database written before watch lists existed
    auto db = sqlite::Database::Open(path, SQLITE_OPEN_READWRITE);
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE(db->Exec("DROP TABLE list_versions; DROP TABLE list_entry_contents; "
                         "DROP TABLE list_version_entries; DROP TABLE tracks; "
                         "DROP TABLE track_positions; DROP TABLE track_hours; "
                         "DROP TABLE rejected_positions; DROP TABLE epcis_events; "
                         "DROP TABLE audit_log; DROP TABLE audit_head; "
                         "DROP INDEX decisions_by_decided_at; PRAGMA user_version = 1")
                    .has_value());
  }
  auto store = SqliteStore::Open(path, clock_);
  ASSERT_TRUE(store.has_value()) << store.error().ToString();
  EXPECT_TRUE((*store)->GetDeclaration("D-1").value_or(std::nullopt).has_value());
  EXPECT_THAT((*store)->ListVersions("").value_or(std::vector<ListVersionInfo>{{}}), IsEmpty());
  EXPECT_THAT((*store)->EpcisEvents(0, 10).value_or(std::vector<EpcisEventRecord>{{}}), IsEmpty());
}

TEST_F(SqliteStoreTest, PositionsOfADatabaseOfTheThirdSchemaAreMigrated) {
  const std::string path = TempDir() + "/keruen.db";
  ASSERT_TRUE(SqliteStore::Open(path, clock_).has_value());
  {  // make it look like a database of schema 3, with positions keyed by movement first
    auto db = sqlite::Database::Open(path, SQLITE_OPEN_READWRITE);
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE(db->Exec("DROP TABLE audit_log; DROP TABLE audit_head; "
                         "DROP INDEX decisions_by_decided_at; "
                         "DROP TABLE tracks; DROP TABLE track_positions; DROP TABLE track_hours; "
                         "CREATE TABLE positions (movement_id TEXT NOT NULL, device TEXT NOT "
                         "NULL, ts INTEGER NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL, "
                         "speed_kmh REAL, battery_pct INTEGER, event TEXT NOT NULL, PRIMARY KEY "
                         "(movement_id, device, ts)) WITHOUT ROWID; "
                         "INSERT INTO positions VALUES "
                         "('M-1', 'S-1', 1772870400, 50.0, 56.1, NULL, NULL, '01'), "
                         "('M-1', 'S-1', 1772877600, 50.2, 56.3, 70.5, 96, ''), "
                         "('M-1', 'S-2', 1772870460, 50.1, 56.2, 0.0, 10, ''), "
                         "('M-2', 'S-1', 1772870400, 43.0, 76.0, NULL, NULL, ''); "
                         "PRAGMA user_version = 3")
                    .has_value());
  }
  auto store = SqliteStore::Open(path, clock_);
  ASSERT_TRUE(store.has_value()) << store.error().ToString();
  auto track = (*store)->MovementPositions("M-1", 10);
  ASSERT_TRUE(track.has_value()) << track.error().ToString();
  ASSERT_EQ(track->size(), 3u);
  EXPECT_EQ((*track)[0], (PositionRecord{"S-1", 1772870400, "M-1", 50.0, 56.1, {}, {}, "01"}));
  EXPECT_EQ((*track)[1], (PositionRecord{"S-2", 1772870460, "M-1", 50.1, 56.2, 0.0, 10, ""}));
  EXPECT_EQ((*track)[2], (PositionRecord{"S-1", 1772877600, "M-1", 50.2, 56.3, 70.5, 96, ""}));
  EXPECT_EQ((*store)->MovementPositions("M-2", 10).value_or(std::vector<PositionRecord>{}).size(),
            1u);
  // A migrated report sent again is still recognised; a new one of a migrated seal is kept.
  auto txn = (*store)->Begin();
  ASSERT_TRUE(txn.has_value());
  auto stored = (*txn)->PutPositions({(*track)[1], {"S-2", 1772870520, "M-1", 50, 56, {}, {}, ""}});
  ASSERT_TRUE(stored.has_value()) << stored.error().ToString();
  EXPECT_EQ(*stored, 1);
  ASSERT_TRUE((*txn)->Commit().has_value());
  EXPECT_EQ((*store)->Stats().value_or(StoreStats{}).positions, 5);
  auto db = sqlite::Database::Open(path, SQLITE_OPEN_READONLY);
  ASSERT_TRUE(db.has_value());
  EXPECT_EQ(
      db->QueryInt("SELECT count(*) FROM sqlite_schema WHERE name = 'positions'").value_or(-1), 0);
}

TEST_F(SqliteStoreTest, ADatabaseOfTheFourthSchemaKeepsItsDataAndStartsTheAuditChain) {
  const std::string path = TempDir() + "/keruen.db";
  {
    auto store = SqliteStore::Open(path, clock_);
    ASSERT_TRUE(store.has_value());
    auto txn = (*store)->Begin();
    ASSERT_TRUE(txn.has_value());
    ASSERT_TRUE(
        (*txn)->PutDecision({.subject = {"payment", "P-1"}, .kind = "payment"}).has_value());
    ASSERT_TRUE((*txn)->PutListVersion(ListInfo("kz", "h1"), {{"KZ-1", "{}"}}).has_value());
    ASSERT_TRUE((*txn)->Commit().has_value());
  }
  {  // make it look like a database written before the audit log existed
    auto db = sqlite::Database::Open(path, SQLITE_OPEN_READWRITE);
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE(db->Exec("DROP TABLE audit_log; DROP TABLE audit_head; "
                         "DROP INDEX decisions_by_decided_at; PRAGMA user_version = 4")
                    .has_value());
  }
  auto store = SqliteStore::Open(path, clock_);
  ASSERT_TRUE(store.has_value()) << store.error().ToString();
  EXPECT_EQ((*store)->DecisionsFor({"payment", "P-1"}).value_or(std::vector<Decision>{}).size(),
            1u);
  EXPECT_EQ((*store)->ListVersions("kz").value_or(std::vector<ListVersionInfo>{}).size(), 1u);
  EXPECT_EQ((*store)->FindDecisions({}).value_or(Page<Decision>{}).items.size(), 1u);
  // What was stored before was never logged: the chain starts empty, at the genesis hash.
  EXPECT_THAT(WholeAuditLog(**store), IsEmpty());
  auto head = (*store)->AuditHead();
  ASSERT_TRUE(head.has_value()) << head.error().ToString();
  EXPECT_EQ(head->seq, 0);
  EXPECT_EQ(head->hash, audit::kGenesisHash);

  auto txn = (*store)->Begin();
  ASSERT_TRUE(txn.has_value());
  ASSERT_TRUE((*txn)->PutDecision({.subject = {"payment", "P-2"}, .kind = "payment"}).has_value());
  ASSERT_TRUE((*txn)->Commit().has_value());
  const auto log = WholeAuditLog(**store);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].seq, 1);
  EXPECT_EQ(log[0].prev_hash, audit::kGenesisHash);
  EXPECT_EQ((*store)->AuditHead().value_or(AuditHeadInfo{}).hash, log[0].hash);
}

TEST_F(SqliteStoreTest, TheAuditLogRefusesUpdatesAndDeletes) {
  const std::string path = TempDir() + "/keruen.db";
  {
    auto store = SqliteStore::Open(path, clock_);
    ASSERT_TRUE(store.has_value());
    auto txn = (*store)->Begin();
    ASSERT_TRUE(txn.has_value());
    ASSERT_TRUE(
        (*txn)->PutDecision({.subject = {"payment", "P-1"}, .kind = "payment"}).has_value());
    ASSERT_TRUE((*txn)->Commit().has_value());
  }
  auto db = sqlite::Database::Open(path, SQLITE_OPEN_READWRITE);
  ASSERT_TRUE(db.has_value());
  auto edited = db->Exec("UPDATE audit_log SET actor = 'someone else'");
  ASSERT_FALSE(edited.has_value());
  EXPECT_THAT(edited.error().message, HasSubstr("append-only"));
  EXPECT_FALSE(db->Exec("DELETE FROM audit_log").has_value());
  EXPECT_EQ(db->QueryInt("SELECT count(*) FROM audit_log WHERE actor = 'engine' OR actor = ''")
                .value_or(-1),
            1);
}

TEST_F(SqliteStoreTest, MigrationsRecordTheSchemaVersion) {
  const std::string path = TempDir() + "/keruen.db";
  ASSERT_TRUE(SqliteStore::Open(path, clock_).has_value());
  ASSERT_TRUE(SqliteStore::Open(path, clock_).has_value());  // already current
  auto db = sqlite::Database::Open(path, SQLITE_OPEN_READWRITE);
  ASSERT_TRUE(db.has_value());
  EXPECT_EQ(db->QueryInt("PRAGMA user_version").value_or(-1), SqliteStore::SchemaVersion());
  EXPECT_GE(SqliteStore::SchemaVersion(), 1);
}

TEST_F(SqliteStoreTest, ADatabaseFromANewerBuildIsRefused) {
  const std::string path = TempDir() + "/keruen.db";
  ASSERT_TRUE(SqliteStore::Open(path, clock_).has_value());
  {
    auto db = sqlite::Database::Open(path, SQLITE_OPEN_READWRITE);
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE(
        db->Exec("PRAGMA user_version = " + std::to_string(SqliteStore::SchemaVersion() + 1))
            .has_value());
  }
  auto refused = SqliteStore::Open(path, clock_);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_THAT(refused.error().message, HasSubstr("newer"));
  EXPECT_THAT(refused.error().message, HasSubstr(path));
}

TEST_F(SqliteStoreTest, AFileThatIsNotADatabaseIsReported) {
  const std::string path = TempDir() + "/notes.txt";
  std::ofstream(path) << std::string(4096, 'x');
  auto opened = SqliteStore::Open(path, clock_);
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, ErrorCode::kIo);
}

// An ingest killed midway (here: SIGKILL while its transaction holds thousands of
// uncommitted declarations, many already spilled to the WAL file) leaves the store exactly
// as the last commit left it, and structurally sound.
TEST_F(SqliteStoreTest, KillingAnIngestMidwayLeavesTheStoreConsistent) {
  const std::string path = TempDir() + "/keruen.db";
  {
    auto store = SqliteStore::Open(path, clock_);
    ASSERT_TRUE(store.has_value()) << store.error().ToString();
    std::vector<Declaration> committed;
    for (int i = 0; i < 10; ++i) {
      committed.push_back(MakeDeclaration("C" + std::to_string(i), kNow, {"854231"}));
    }
    PutAll(**store, committed);
  }

  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  const pid_t child = fork();
  ASSERT_NE(child, -1);
  if (child == 0) {
    // The child: ingest without end, telling the parent once uncommitted pages have
    // spilled from the page cache into the WAL file.
    close(ready[0]);
    auto store = SqliteStore::Open(path, clock_);
    if (!store) _exit(2);
    auto txn = (*store)->Begin();
    if (!txn) _exit(3);
    Declaration d = SpecDeclaration();
    for (int i = 0;; ++i) {
      d.id = "K" + std::to_string(i);
      if (!(*txn)->PutDeclaration(d, "killed").has_value()) _exit(4);
      if (i % 1000 != 999) continue;
      std::error_code ec;
      if (fs::file_size(path + "-wal", ec) > (1u << 20)) {
        if (write(ready[1], "x", 1) != 1) _exit(5);
        pause();  // wait for the SIGKILL
      }
      if (i > 1000000) _exit(6);
    }
  }
  close(ready[1]);
  char byte = 0;
  ASSERT_EQ(read(ready[0], &byte, 1), 1) << "the child failed before writing";
  close(ready[0]);
  ASSERT_EQ(kill(child, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

  // The uncommitted pages did reach the file, so recovery had something to discard.
  ASSERT_GT(fs::file_size(path + "-wal"), 1u << 20);

  auto store = SqliteStore::Open(path, clock_);
  ASSERT_TRUE(store.has_value()) << store.error().ToString();
  auto stats = (*store)->Stats();
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ(stats->declarations, 10);
  EXPECT_EQ(stats->goods_items, 10);
  auto killed = (*store)->GetDeclaration("K0");
  ASSERT_TRUE(killed.has_value());
  EXPECT_FALSE(killed->has_value());
  auto db = sqlite::Database::Open(path, SQLITE_OPEN_READWRITE);
  ASSERT_TRUE(db.has_value());
  auto check = db->Prepare("PRAGMA integrity_check");
  ASSERT_TRUE(check.has_value());
  ASSERT_TRUE(check->Step().value_or(false));
  EXPECT_EQ(check->Text(0), "ok");
  // And the store takes new writes.
  PutAll(**store, {SpecDeclaration()});
}

}  // namespace
}  // namespace keruen
