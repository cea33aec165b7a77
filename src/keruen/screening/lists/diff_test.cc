#include "keruen/screening/lists/diff.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "keruen/screening/lists/internal/test_support.h"

namespace keruen::screening {
namespace {

using lists_testing::Imported;

ListEntry Entry(std::string id, std::string name) {
  ListEntry e;
  e.list = "x";
  e.id = std::move(id);
  e.names.push_back(ListName{std::move(name), true, false});
  return e;
}

TEST(DiffSnapshots, AddedRemovedChanged) {
  ListSnapshot before, after;
  before.entries = {Entry("3", "C"), Entry("1", "A"), Entry("2", "B")};
  after.entries = {Entry("4", "D"), Entry("2", "B"), Entry("1", "A2")};
  const ListDiff d = DiffSnapshots(before, after);
  ASSERT_EQ(d.added.size(), 1u);
  EXPECT_EQ(d.added[0].id, "4");
  ASSERT_EQ(d.removed.size(), 1u);
  EXPECT_EQ(d.removed[0].id, "3");
  ASSERT_EQ(d.changed.size(), 1u);
  EXPECT_EQ(d.changed[0].before.Caption(), "A");
  EXPECT_EQ(d.changed[0].after.Caption(), "A2");
  EXPECT_TRUE(DiffSnapshots(after, after).empty());
}

TEST(DiffSnapshots, OfacJuly2021ToMay2024) {
  const auto& before = Imported(ListFormat::kOfacSdn, "ofac/2021-07-consistent").snapshot;
  const auto& after = Imported(ListFormat::kOfacSdn, "ofac/latest").snapshot;
  const ListDiff d = DiffSnapshots(before, after);
  // Counted from the files: 6,870 ent_nums of May 2024 are not in July 2021 (4,348 of them
  // with RUSSIA-EO14024 in their programmes, one as BPI-RUSSIA-EO14024; the programme had 6
  // rows in 2021); 881 of July 2021 are gone.
  EXPECT_EQ(d.added.size(), 6870u);
  EXPECT_EQ(d.removed.size(), 881u);
  const auto russia = std::count_if(d.added.begin(), d.added.end(), [](const ListEntry& e) {
    return std::any_of(e.programs.begin(), e.programs.end(), [](const std::string& p) {
      return p.find("RUSSIA-EO14024") != std::string::npos;
    });
  });
  EXPECT_EQ(russia, 4348);
  EXPECT_LE(d.changed.size(), before.entries.size() - d.removed.size());
  EXPECT_GT(d.changed.size(), 0u);  // e.g. entries that gained RUSSIA-EO14024
}

}  // namespace
}  // namespace keruen::screening
