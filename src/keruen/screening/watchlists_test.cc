#include "keruen/screening/watchlists.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keruen/core/paths.h"
#include "keruen/screening/live_screening.h"
#include "keruen/screening/testing/test_lists.h"
#include "keruen/store/sqlite_store.h"

namespace keruen::screening {
namespace {

namespace fs = std::filesystem;
using ::testing::IsEmpty;
using ::testing::SizeIs;

ListSnapshot SnapshotOf(std::vector<ListEntry> entries, const std::string& list = "test") {
  ListSnapshot s;
  s.list = list;
  s.format = ListFormat::kCustomCsv;
  s.source = "test.csv";
  s.content_hash = ContentHash(entries);
  s.entries = std::move(entries);
  return s;
}

class WatchlistsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = SqliteStore::Open(":memory:", clock_);
    ASSERT_TRUE(store.has_value());
    store_ = std::move(*store);
  }
  ManualClock clock_{1'780'000'000};
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(WatchlistsTest, ASnapshotBecomesAVersionOnlyWhenItsContentChanges) {
  const ListSnapshot first = SnapshotOf(testing::TestEntries());
  auto stored = StoreSnapshot(*store_, first);
  ASSERT_TRUE(stored.has_value()) << stored.error().ToString();
  EXPECT_TRUE(stored->created);
  EXPECT_EQ(stored->version.version, 1);
  EXPECT_EQ(stored->version.entry_count, 3);
  EXPECT_EQ(stored->version.format, "csv");

  EXPECT_FALSE(StoreSnapshot(*store_, first).value().created);

  std::vector<ListEntry> changed = testing::TestEntries();
  changed.pop_back();
  auto second = StoreSnapshot(*store_, SnapshotOf(changed));
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->version.version, 2);

  // Reading a version back gives the entries that were stored, field for field.
  auto v1 = LoadListVersion(*store_, stored->version);
  ASSERT_TRUE(v1.has_value()) << v1.error().ToString();
  EXPECT_EQ(v1->entries, first.entries);
  EXPECT_EQ(v1->content_hash, first.content_hash);
  EXPECT_EQ(v1->format, ListFormat::kCustomCsv);
}

TEST_F(WatchlistsTest, CurrentListsAreTheLatestVersionOfEachList) {
  ASSERT_TRUE(StoreSnapshot(*store_, SnapshotOf(testing::TestEntries("a"), "a")).has_value());
  std::vector<ListEntry> fewer = testing::TestEntries("a");
  fewer.resize(1);
  ASSERT_TRUE(StoreSnapshot(*store_, SnapshotOf(fewer, "a")).has_value());
  ASSERT_TRUE(StoreSnapshot(*store_, SnapshotOf(testing::TestEntries("b"), "b")).has_value());
  auto current = LoadCurrentLists(*store_);
  ASSERT_TRUE(current.has_value());
  ASSERT_THAT(current->versions, SizeIs(2));
  EXPECT_EQ(current->versions[0].list, "a");
  EXPECT_EQ(current->versions[0].version, 2);
  EXPECT_THAT(current->entries, SizeIs(1 + 3));
}

TEST_F(WatchlistsTest, NoScreenerWithoutLists) {
  auto loaded = LoadScreener(*store_);
  ASSERT_FALSE(loaded.has_value());
  EXPECT_EQ(loaded.error().code, ErrorCode::kNotFound);
  EXPECT_THAT(loaded.error().message, ::testing::HasSubstr("keruen lists import"));
}

TEST_F(WatchlistsTest, TheDefaultSourcesAreThePublicListsPresent) {
  auto shared = SharedDataDir();
  ASSERT_TRUE(shared.has_value()) << "needs ../shared/data";
  std::vector<ListSource> sources = DefaultListSources(fs::path(*shared) / "sanctions");
  ASSERT_THAT(sources, SizeIs(6));
  for (const ListSource& s : sources) {
    EXPECT_TRUE(fs::exists(s.path)) << s.path;
    auto detected = DetectListFormat(s.path);
    ASSERT_TRUE(detected.has_value()) << s.path << ": " << detected.error().ToString();
    EXPECT_EQ(*detected, s.format) << s.path;
  }
  EXPECT_THAT(DefaultListSources("/nonexistent"), IsEmpty());
}

TEST_F(WatchlistsTest, LiveScreeningFollowsNewListVersionsAfterTheRecheckInterval) {
  LiveScreening live(*store_, clock_, /*recheck_seconds=*/10);
  auto none = live.Get();
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().code, ErrorCode::kNotFound);

  ASSERT_TRUE(StoreSnapshot(*store_, SnapshotOf(testing::TestEntries())).has_value());
  auto first = live.Get();
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  EXPECT_EQ((*first)->loaded.screener->stats().entries, 3u);

  std::vector<ListEntry> more = testing::TestEntries();
  ListEntry extra = more[0];
  extra.id = "T-4";
  more.push_back(extra);
  ASSERT_TRUE(StoreSnapshot(*store_, SnapshotOf(more)).has_value());
  // Within the interval the built screener is reused without looking at the store.
  EXPECT_EQ(live.Get().value().get(), first->get());
  clock_.Advance(11);
  auto second = live.Get();
  ASSERT_TRUE(second.has_value());
  EXPECT_NE(second->get(), first->get());
  EXPECT_EQ((*second)->loaded.screener->stats().entries, 4u);
  // Unchanged lists: the same screener after the next check too.
  clock_.Advance(11);
  EXPECT_EQ(live.Get().value().get(), second->get());
}

}  // namespace
}  // namespace keruen::screening
