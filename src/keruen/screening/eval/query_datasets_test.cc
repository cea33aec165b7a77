#include "keruen/screening/eval/query_datasets.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "keruen/core/edit_distance.h"
#include "keruen/screening/eval/internal/test_support.h"

namespace keruen::screening::eval {
namespace {

using ::testing::Contains;
using ::testing::Pair;

std::filesystem::path BenchmarkDir() {
  return eval_testing::EvalDataDir() / "yente_candidate_generation";
}

// The queries aimed at the watch-list entry `id`, by category.
std::map<std::string, std::string> QueriesOf(const QueryDataset& dataset, const std::string& id) {
  std::map<std::string, std::string> out;
  for (const LabeledQuery& q : dataset.queries) {
    if (q.expected && q.expected->id == id) out[q.category] = q.name;
  }
  return out;
}

class UsCongressTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = LoadUsCongressQueries(BenchmarkDir());
    ASSERT_TRUE(loaded.has_value()) << loaded.error().ToString();
    dataset_ = new QueryDataset(std::move(*loaded));
  }
  static void TearDownTestSuite() {
    delete dataset_;
    dataset_ = nullptr;
  }
  static QueryDataset* dataset_;
};
QueryDataset* UsCongressTest::dataset_ = nullptr;

TEST_F(UsCongressTest, BuildsTheWatchListAndAllNegatives) {
  ASSERT_NE(dataset_, nullptr);
  EXPECT_EQ(dataset_->name, kUsCongressDataset);
  ASSERT_EQ(dataset_->watch_list.size(), 1254u);
  const ListEntry& first = dataset_->watch_list.front();
  EXPECT_EQ(first.list, kUsCongressList);
  EXPECT_EQ(first.id, "1");
  EXPECT_EQ(first.type, EntityType::kPerson);
  ASSERT_EQ(first.names.size(), 1u);
  EXPECT_EQ(first.names[0].full, "Jennifer L. McClellan");
  EXPECT_TRUE(first.names[0].primary);
  EXPECT_EQ(first.birth_dates, std::vector<std::string>{"1972"});

  // Every query is a person with its file's birth date: a member's year, a synthetic
  // person's full date (negatives_us.csv line 2: "Ingeborg Abrahamsen", 1972-11-21).
  EXPECT_EQ(dataset_->queries.front().birth_date, "1972");
  std::map<std::string, int> by_category;
  for (const LabeledQuery& q : dataset_->queries) {
    ++by_category[q.category];
    EXPECT_EQ(q.expected.has_value(), q.category != kNegativeQuery) << q.name;
    EXPECT_EQ(q.type, EntityType::kPerson) << q.name;
    if (q.name == "Ingeborg Abrahamsen") {
      EXPECT_EQ(q.birth_date, "1972-11-21");
    }
  }
  EXPECT_EQ(by_category[std::string(kNegativeQuery)], 50000);
  EXPECT_EQ(by_category[std::string(kAsWritten)], 1254);
  // 773 members have two words and 481 more; only the latter have a middle name to drop.
  EXPECT_EQ(by_category[std::string(kSurnameFirst)], 1254);
  EXPECT_GT(by_category[std::string(kDropMiddleName)], 0);
  EXPECT_LE(by_category[std::string(kDropMiddleName)], 481);
  EXPECT_GT(by_category[std::string(kTypoQuery)], 1000);
  // Counted with Python: nine synthetic persons share a member's name ("David Scott").
  EXPECT_EQ(dataset_->identical_names, 9);
}

TEST_F(UsCongressTest, DerivesTheAlteredForms) {
  ASSERT_NE(dataset_, nullptr);
  const auto mcclellan = QueriesOf(*dataset_, "1");
  EXPECT_THAT(mcclellan, Contains(Pair("as-written", "Jennifer L. McClellan")));
  EXPECT_THAT(mcclellan, Contains(Pair("initials", "J. L. McClellan")));
  EXPECT_THAT(mcclellan, Contains(Pair("drop-middle", "Jennifer McClellan")));
  EXPECT_THAT(mcclellan, Contains(Pair("surname-first", "McClellan Jennifer L.")));
  ASSERT_TRUE(mcclellan.contains("typo"));
  EXPECT_EQ(ByteEditDistance(mcclellan.at("typo"), "Jennifer L. McClellan"), 1u);

  // Nicknames and suffixes stay in the name as written and out of the altered forms.
  for (const ListEntry& entry : dataset_->watch_list) {
    const std::string& name = entry.names[0].full;
    if (name == "Earl L. \"Buddy\" Carter") {
      const auto queries = QueriesOf(*dataset_, entry.id);
      EXPECT_THAT(queries, Contains(Pair("initials", "E. L. Carter")));
      EXPECT_THAT(queries, Contains(Pair("drop-middle", "Earl Carter")));
    }
    if (name == "Donald M. Payne, Jr.") {
      EXPECT_THAT(QueriesOf(*dataset_, entry.id),
                  Contains(Pair("surname-first", "Payne Donald M.")));
    }
    if (name == "Jake Auchincloss") {
      const auto queries = QueriesOf(*dataset_, entry.id);
      EXPECT_FALSE(queries.contains("drop-middle"));
      EXPECT_THAT(queries, Contains(Pair("initials", "J. Auchincloss")));
    }
  }
}

TEST(UsCongressOptionsTest, LimitsNegativesAndVariesTyposWithTheSeed) {
  auto a = LoadUsCongressQueries(BenchmarkDir(), {1, 100});
  auto b = LoadUsCongressQueries(BenchmarkDir(), {1, 100});
  auto c = LoadUsCongressQueries(BenchmarkDir(), {2, 100});
  ASSERT_TRUE(a && b && c);
  auto names = [](const QueryDataset& dataset) {
    std::vector<std::string> out;
    for (const LabeledQuery& q : dataset.queries) out.push_back(q.name);
    return out;
  };
  EXPECT_EQ(names(*a), names(*b));
  EXPECT_NE(names(*a), names(*c));
  int negatives = 0;
  for (const LabeledQuery& q : a->queries) negatives += q.expected ? 0 : 1;
  EXPECT_EQ(negatives, 100);
  EXPECT_EQ(a->queries.back().name, "Jeff Christina Smith");  // line 101 of the file
}

TEST(UsCongressErrorsTest, ReportsAMissingColumnAndAnEmptyName) {
  const auto dir = std::filesystem::path(::testing::TempDir()) / "congress_bad";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "positives_us_congress_untreated.csv") << "name,date_of_birth\nA B,1970\n";
  std::ofstream(dir / "negatives_us.csv") << "full_name\nC D\n";
  auto missing = LoadUsCongressQueries(dir);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().field, "full_name");
  EXPECT_EQ(missing.error().line, 1);

  std::ofstream(dir / "positives_us_congress_untreated.csv") << "full_name\nA B\n\"\"\n";
  auto empty = LoadUsCongressQueries(dir);
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().line, 3);
  EXPECT_EQ(empty.error().field, "full_name");
  EXPECT_EQ(empty.error().source, (dir / "positives_us_congress_untreated.csv").string());

  std::ofstream(dir / "positives_us_congress_untreated.csv") << "full_name\nA B\n";
  std::ofstream(dir / "negatives_us.csv") << "full_name,gender\nC D,male\nE F\n";
  auto ragged = LoadUsCongressQueries(dir);
  ASSERT_FALSE(ragged.has_value());
  EXPECT_EQ(ragged.error().line, 3);
  EXPECT_EQ(ragged.error().source, (dir / "negatives_us.csv").string());
}

}  // namespace
}  // namespace keruen::screening::eval
