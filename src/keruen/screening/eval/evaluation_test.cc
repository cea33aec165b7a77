#include "keruen/screening/eval/evaluation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <unordered_map>

#include "keruen/screening/eval/internal/test_support.h"
#include "keruen/screening/eval/list_variants.h"

namespace keruen::screening::eval {
namespace {

using ::testing::DoubleNear;
using ::testing::Optional;

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Scores 1 for names equal but for ASCII case, else 0.
double ExactScorer(std::string_view a, std::string_view b) {
  return AsciiLower(a) == AsciiLower(b) ? 1.0 : 0.0;
}

TEST(CountsTest, ComputesTheRatios) {
  Counts c{4, 6, 3, 2, 2};
  EXPECT_THAT(c.Precision(), Optional(DoubleNear(3.0 / 5, 1e-12)));
  EXPECT_THAT(c.Recall(), Optional(DoubleNear(3.0 / 4, 1e-12)));
  // 2PR/(P+R) = 2 * 0.6 * 0.75 / 1.35.
  EXPECT_THAT(c.F1(), Optional(DoubleNear(2 * 0.6 * 0.75 / 1.35, 1e-12)));
  EXPECT_THAT(c.FalsePositiveRate(), Optional(DoubleNear(2.0 / 6, 1e-12)));

  const Counts empty;
  EXPECT_EQ(empty.Precision(), std::nullopt);
  EXPECT_EQ(empty.Recall(), std::nullopt);
  EXPECT_EQ(empty.F1(), std::nullopt);
  EXPECT_EQ(empty.FalsePositiveRate(), std::nullopt);

  Counts sum = c;
  sum += Counts{1, 1, 1, 0, 0};
  EXPECT_EQ(sum.positives, 5);
  EXPECT_EQ(sum.negatives, 7);
  EXPECT_EQ(sum.true_positives, 4);
  EXPECT_EQ(sum.false_alarms, 2);
}

TEST(ThresholdsTest, DefaultRangeIsSeventyToNinetyEightInSteps) {
  const std::vector<double> t = DefaultThresholds();
  ASSERT_EQ(t.size(), 15u);
  EXPECT_DOUBLE_EQ(t.front(), 0.70);
  EXPECT_DOUBLE_EQ(t[1], 0.72);
  EXPECT_DOUBLE_EQ(t.back(), 0.98);
}

// Five pairs with fixed scores; the expected counts below are worked out by hand.
class HandScoredPairsTest : public ::testing::Test {
 protected:
  HandScoredPairsTest() {
    dataset_.name = "hand";
    dataset_.pairs = {
        {"a1", "a2", true, "typo", ""},            // 0.95
        {"b1", "b2", true, "typo", ""},            // 0.80
        {"c1", "c2", true, "swap", ""},            // 0.65
        {"d1", "d2", false, "hard-negative", ""},  // 0.88
        {"e1", "e2", false, "hard-negative", ""},  // 0.40
    };
    scores_ = {{"a1", 0.95}, {"b1", 0.80}, {"c1", 0.65}, {"d1", 0.88}, {"e1", 0.40}};
    options_.thresholds = {0.90, 0.70};
    options_.default_threshold = 0.85;
  }
  DatasetResult Run() const {
    return EvaluatePairs(
        dataset_,
        [this](std::string_view a, std::string_view) { return scores_.at(std::string(a)); },
        options_);
  }
  PairDataset dataset_;
  std::map<std::string, double> scores_;
  EvalOptions options_;
};

TEST_F(HandScoredPairsTest, CountsEachThresholdOverallAndPerCategory) {
  const DatasetResult result = Run();
  ASSERT_EQ(result.results.size(), 3u);  // 0.70, the default 0.85, 0.90
  EXPECT_DOUBLE_EQ(result.results[0].threshold, 0.70);
  EXPECT_DOUBLE_EQ(result.results[1].threshold, 0.85);
  EXPECT_DOUBLE_EQ(result.results[2].threshold, 0.90);

  // 0.70: a, b alert (c missed); d is a false alarm. P = 2/3, R = 2/3, F1 = 2/3, FPR = 1/2.
  const Counts& low = result.results[0].overall;
  EXPECT_EQ(low.positives, 3);
  EXPECT_EQ(low.negatives, 2);
  EXPECT_EQ(low.true_positives, 2);
  EXPECT_EQ(low.false_alarms, 1);
  EXPECT_THAT(low.Precision(), Optional(DoubleNear(2.0 / 3, 1e-12)));
  EXPECT_THAT(low.Recall(), Optional(DoubleNear(2.0 / 3, 1e-12)));
  EXPECT_THAT(low.F1(), Optional(DoubleNear(2.0 / 3, 1e-12)));
  EXPECT_THAT(low.FalsePositiveRate(), Optional(DoubleNear(0.5, 1e-12)));

  // 0.85: only a; d (0.88) still alerts. P = 1/2, R = 1/3, F1 = 2 * (1/6) / (5/6) = 2/5.
  const Counts& mid = result.results[1].overall;
  EXPECT_THAT(mid.Precision(), Optional(DoubleNear(0.5, 1e-12)));
  EXPECT_THAT(mid.Recall(), Optional(DoubleNear(1.0 / 3, 1e-12)));
  EXPECT_THAT(mid.F1(), Optional(DoubleNear(0.4, 1e-12)));

  // 0.90: only a, no false alarm. P = 1, R = 1/3, F1 = 1/2, FPR = 0.
  const Counts& high = result.results[2].overall;
  EXPECT_THAT(high.Precision(), Optional(DoubleNear(1.0, 1e-12)));
  EXPECT_THAT(high.F1(), Optional(DoubleNear(0.5, 1e-12)));
  EXPECT_THAT(high.FalsePositiveRate(), Optional(DoubleNear(0.0, 1e-12)));

  const auto& categories = result.results[0].categories;
  ASSERT_EQ(categories.size(), 3u);
  EXPECT_THAT(categories.at("typo").Recall(), Optional(DoubleNear(1.0, 1e-12)));
  EXPECT_THAT(categories.at("swap").Recall(), Optional(DoubleNear(0.0, 1e-12)));
  EXPECT_THAT(categories.at("hard-negative").FalsePositiveRate(), Optional(DoubleNear(0.5, 1e-12)));
  EXPECT_EQ(categories.at("hard-negative").Recall(), std::nullopt);
  // A category of negatives only has a precision of 0 when one alerts, none when none does.
  EXPECT_THAT(categories.at("hard-negative").Precision(), Optional(DoubleNear(0.0, 1e-12)));
  EXPECT_EQ(result.results[2].categories.at("hard-negative").Precision(), std::nullopt);
}

TEST_F(HandScoredPairsTest, ListsMissesAndFalseAlarmsAtTheDefault) {
  options_.max_examples = 5;
  const DatasetResult result = Run();
  ASSERT_EQ(result.misses.size(), 2u);
  EXPECT_EQ(result.misses[0].name1, "c1");  // lowest score first
  EXPECT_EQ(result.misses[1].name1, "b1");
  ASSERT_EQ(result.false_alarms.size(), 1u);
  EXPECT_EQ(result.false_alarms[0].name1, "d1");
  EXPECT_DOUBLE_EQ(result.false_alarms[0].score, 0.88);
  EXPECT_TRUE(result.pair_outcomes.empty());

  options_.max_examples = 1;
  EXPECT_EQ(Run().misses.size(), 1u);
  dataset_.report_each_pair = true;
  EXPECT_EQ(Run().pair_outcomes.size(), 5u);
}

TEST(EvaluateQueriesTest, CountsOwnHitsWrongHitsAndAlertedNegatives) {
  QueryDataset dataset;
  dataset.name = "hand-queries";
  for (const auto& [list, id] : {std::pair{"L", "1"}, std::pair{"M", "2"}}) {
    ListEntry entry;
    entry.list = list;
    entry.id = id;
    entry.names.push_back({std::string("Listed ") + id, true, false});
    dataset.watch_list.push_back(entry);
  }
  const EntryKey one{"L", "1"};
  const EntryKey two{"M", "2"};
  dataset.queries = {
      {"q1", "as-written", one}, {"q2", "typo", two},    {"q3", "typo", two},
      {"n1", "negative", {}},    {"n2", "negative", {}}, {"n3", "negative", {}},
  };
  const std::map<std::string, std::vector<ScreenedHit>> hits = {
      {"q1", {{one, 0.95}, {two, 0.75}}},
      {"q2", {{one, 0.80}}},
      {"q3", {{two, 0.72}}},
      {"n1", {{one, 0.71}}},
      {"n2", {}},
      {"n3", {{one, 0.90}, {two, 0.86}}},
  };
  EvalOptions options;
  options.thresholds = {0.70};
  options.default_threshold = 0.85;
  const DatasetResult result = EvaluateQueries(
      dataset, [&](const LabeledQuery& query) { return hits.at(query.name); }, options);
  EXPECT_TRUE(result.queries);
  ASSERT_EQ(result.results.size(), 2u);

  // 0.70: q1 and q3 find their entry, q2 does not. Wrong alerts: q1->2, q2->1, n1->1, n3->1,
  // n3->2 = 5. Negatives alerted: n1, n3. P = 2/7, R = 2/3, F1 = 4/(4+5+1) = 0.4, FPR = 2/3.
  const Counts& low = result.results[0].overall;
  EXPECT_EQ(low.positives, 3);
  EXPECT_EQ(low.negatives, 3);
  EXPECT_EQ(low.true_positives, 2);
  EXPECT_EQ(low.false_alarms, 5);
  EXPECT_EQ(low.negatives_alerted, 2);
  EXPECT_THAT(low.Precision(), Optional(DoubleNear(2.0 / 7, 1e-12)));
  EXPECT_THAT(low.F1(), Optional(DoubleNear(0.4, 1e-12)));
  EXPECT_THAT(low.FalsePositiveRate(), Optional(DoubleNear(2.0 / 3, 1e-12)));

  // 0.85: q1 only; n3's two hits are the only wrong alerts. P = 1/3, R = 1/3, FPR = 1/3.
  const ThresholdResult& mid = result.results[1];
  EXPECT_EQ(mid.overall.true_positives, 1);
  EXPECT_EQ(mid.overall.false_alarms, 2);
  EXPECT_EQ(mid.overall.negatives_alerted, 1);
  EXPECT_EQ(mid.categories.at("as-written").true_positives, 1);
  EXPECT_EQ(mid.categories.at("typo").positives, 2);
  EXPECT_EQ(mid.categories.at("typo").true_positives, 0);
  EXPECT_EQ(mid.categories.at("negative").false_alarms, 2);

  ASSERT_EQ(result.misses.size(), 2u);
  EXPECT_EQ(result.misses[0].name1, "q2");  // its own entry never came back: score 0
  EXPECT_DOUBLE_EQ(result.misses[0].score, 0.0);
  EXPECT_EQ(result.misses[0].name2, "Listed 2");
  EXPECT_EQ(result.misses[1].name1, "q3");
  ASSERT_EQ(result.false_alarms.size(), 1u);
  EXPECT_EQ(result.false_alarms[0].name1, "n3");
  EXPECT_EQ(result.false_alarms[0].name2, "Listed 1");
  EXPECT_EQ(result.false_alarms[0].note, "L/1");
  // At 0.85, n3 wrongly hits one entry of each list.
  EXPECT_EQ(result.false_alarms_by_list, (std::map<std::string, int64_t>{{"L", 1}, {"M", 1}}));
}

TEST(GoalsTest, ChecksRecallAndFalsePositiveRateAtTheDefault) {
  DatasetResult variants;
  variants.name = kListVariantsDataset;
  ThresholdResult at{0.85, {}, {}};
  at.categories["cross-script"] = Counts{100, 0, 96, 0, 0};
  at.categories["translit"] = Counts{100, 0, 90, 0, 0};
  variants.results.push_back(at);
  DatasetResult congress;
  congress.name = kUsCongressDataset;
  ThresholdResult q{0.85, {}, {}};
  q.categories["negative"] = Counts{0, 10000, 0, 7, 5};
  congress.results.push_back(q);

  const std::vector<DatasetResult> results = {variants, congress};
  const std::vector<GoalCheck> checks = CheckGoals(results, DefaultGoals(), 0.85);
  // The public sets were not evaluated, so only three goals apply.
  ASSERT_EQ(checks.size(), 3u);
  EXPECT_EQ(checks[0].goal.category, "cross-script");
  EXPECT_TRUE(checks[0].met);
  EXPECT_EQ(checks[1].goal.category, "translit");
  EXPECT_FALSE(checks[1].met);
  EXPECT_EQ(checks[2].goal.dataset, kUsCongressDataset);
  EXPECT_THAT(checks[2].actual, Optional(DoubleNear(0.0005, 1e-12)));
  EXPECT_TRUE(checks[2].met);
  EXPECT_TRUE(CheckGoals(results, DefaultGoals(), 0.90).empty());
}

TEST(EndToEndTest, ExactScorerOnAnAnalystFile) {
  const auto path = std::filesystem::path(::testing::TempDir()) / "analyst_e2e.csv";
  std::ofstream(path) << "name1,name2,label,category\n"
                         "Ivanov,IVANOV,1,case\n"
                         "Ivanov,Ivanova,1,typo\n"
                         "Petrov,Petrov,0,namesake\n"
                         "Sidorov,Ivanov,0,random\n";
  auto dataset = ReadPairsCsv(path);
  ASSERT_TRUE(dataset.has_value()) << dataset.error().ToString();
  EvalOptions options;
  options.default_threshold = 0.85;
  const DatasetResult result = EvaluatePairs(*dataset, ExactScorer, options);
  ASSERT_EQ(result.results.size(), 16u);  // 0.70, 0.72, ..., 0.98 and the default 0.85
  for (const ThresholdResult& at : result.results) {
    // Scores are 1, 0, 1, 0: one hit, one miss, one false alarm at every threshold.
    EXPECT_THAT(at.overall.Precision(), Optional(DoubleNear(0.5, 1e-12)));
    EXPECT_THAT(at.overall.Recall(), Optional(DoubleNear(0.5, 1e-12)));
    EXPECT_THAT(at.overall.F1(), Optional(DoubleNear(0.5, 1e-12)));
    EXPECT_THAT(at.overall.FalsePositiveRate(), Optional(DoubleNear(0.5, 1e-12)));
  }
}

TEST(EndToEndTest, ExactScorerOnPutinNames) {
  auto dataset = LoadPutinNames(eval_testing::EvalDataDir() / "rigour" / "putin_names.txt");
  ASSERT_TRUE(dataset.has_value()) << dataset.error().ToString();
  const DatasetResult result = EvaluatePairs(*dataset, ExactScorer, EvalOptions{});
  ASSERT_EQ(result.results.size(), 15u);  // the default 0.88 is one of 0.70, 0.72, ..., 0.98
  // Of the 80 forms only "Vladimir Vladimirovich PUTIN" equals the canonical name but for case.
  const ThresholdResult* at = result.At(0.88);
  ASSERT_NE(at, nullptr);
  EXPECT_EQ(at->overall.true_positives, 1);
  EXPECT_THAT(at->overall.Recall(), Optional(DoubleNear(1.0 / 80, 1e-12)));
  EXPECT_THAT(at->overall.Precision(), Optional(DoubleNear(1.0, 1e-12)));
  EXPECT_THAT(at->categories.at("latin-latin").Recall(), Optional(DoubleNear(1.0 / 41, 1e-12)));
  EXPECT_THAT(at->categories.at("cyrillic-latin").Recall(), Optional(DoubleNear(0.0, 1e-12)));
  EXPECT_EQ(result.misses.size(), 10u);
}

TEST(EndToEndTest, ExactScreenerOnUsCongress) {
  auto congress = LoadUsCongressQueries(eval_testing::EvalDataDir() / "yente_candidate_generation");
  ASSERT_TRUE(congress.has_value()) << congress.error().ToString();
  std::unordered_multimap<std::string, EntryKey> index;
  for (const ListEntry& entry : congress->watch_list) {
    index.emplace(AsciiLower(entry.names[0].full), EntryKey{entry.list, entry.id});
  }
  const QueryScreener screener = [&](const LabeledQuery& query) {
    std::vector<ScreenedHit> hits;
    const auto [begin, end] = index.equal_range(AsciiLower(query.name));
    for (auto it = begin; it != end; ++it) hits.push_back({it->second, 1.0});
    return hits;
  };
  const DatasetResult result = EvaluateQueries(*congress, screener, EvalOptions{});
  const ThresholdResult* at = result.At(0.98);
  ASSERT_NE(at, nullptr);
  // Names as written all find themselves; no altered form is spelled like its member.
  EXPECT_THAT(at->categories.at("as-written").Recall(), Optional(DoubleNear(1.0, 1e-12)));
  EXPECT_THAT(at->categories.at("initials").Recall(), Optional(DoubleNear(0.0, 1e-12)));
  EXPECT_THAT(at->categories.at("surname-first").Recall(), Optional(DoubleNear(0.0, 1e-12)));
  // The nine synthetic persons named like a member are the only negatives that alert.
  EXPECT_EQ(at->categories.at("negative").negatives_alerted, 9);
  EXPECT_EQ(result.identical_names, 9);
}

}  // namespace
}  // namespace keruen::screening::eval
