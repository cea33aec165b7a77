#include "keruen/screening/eval/report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>

namespace keruen::screening::eval {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The thresholds every report here is evaluated at: 0.70 and the default 0.85.
EvalOptions TwoThresholds() {
  EvalOptions options;
  options.thresholds = {0.70};
  options.default_threshold = 0.85;
  return options;
}

// A report at TwoThresholds() of one dataset's result.
EvalReport ReportOf(DatasetResult result) {
  EvalReport report;
  report.default_threshold = TwoThresholds().default_threshold;
  report.datasets.push_back(std::move(result));
  return report;
}

// Two positives (0.95, 0.60) and one negative (0.90) of a small curated set, at 0.70 and the
// default 0.85: both thresholds give P = 1/2, R = 1/2, F1 = 1/2, FPR = 1.
EvalReport SmallReport() {
  PairDataset dataset{"curated", "hand", {}, true};
  dataset.pairs = {
      {"Иван Иванов", "Ivan Ivanov", true, "cyrillic-latin", ""},
      {"Пётр Петров", "Pyotr Petrov", true, "cyrillic-latin", ""},
      {"Ivan Petrov", "Ivan Ivanov", false, "hard-negative", "namesakes"},
  };
  const std::map<std::string, double> scores = {
      {"Иван Иванов", 0.95}, {"Пётр Петров", 0.60}, {"Ivan Petrov", 0.90}};
  EvalReport report = ReportOf(EvaluatePairs(
      dataset, [&](std::string_view a, std::string_view) { return scores.at(std::string(a)); },
      TwoThresholds()));
  report.goals.push_back({{"curated", "cyrillic-latin", Goal::Metric::kRecall, 0.95}, 0.5, false});
  return report;
}

TEST(ReportJsonTest, WritesEveryThresholdWithRoundedMetricsAndNulls) {
  const nlohmann::json json = nlohmann::json::parse(FormatReportJson(SmallReport()));
  EXPECT_EQ(json["default_threshold"], 0.85);
  ASSERT_EQ(json["goals"].size(), 1u);
  EXPECT_EQ(json["goals"][0]["metric"], "recall");
  EXPECT_EQ(json["goals"][0]["met"], false);

  const nlohmann::json& dataset = json["datasets"][0];
  EXPECT_EQ(dataset["name"], "curated");
  EXPECT_EQ(dataset["kind"], "pairs");
  EXPECT_FALSE(dataset.contains("identical_names"));
  ASSERT_EQ(dataset["results"].size(), 2u);
  EXPECT_EQ(dataset["results"][0]["threshold"], 0.7);
  EXPECT_EQ(dataset["results"][0]["default"], false);
  EXPECT_EQ(dataset["results"][1]["default"], true);
  const nlohmann::json& overall = dataset["results"][1]["overall"];
  EXPECT_EQ(overall["positives"], 2);
  EXPECT_EQ(overall["true_positives"], 1);
  EXPECT_EQ(overall["false_alarms"], 1);
  EXPECT_EQ(overall["precision"], 0.5);
  EXPECT_EQ(overall["false_positive_rate"], 1.0);
  // The positives-only category has no false-positive rate: null, not 0.
  const nlohmann::json& cyrillic = dataset["results"][1]["categories"]["cyrillic-latin"];
  EXPECT_TRUE(cyrillic["false_positive_rate"].is_null());
  EXPECT_EQ(cyrillic["recall"], 0.5);

  ASSERT_EQ(dataset["pairs"].size(), 3u);
  EXPECT_EQ(dataset["pairs"][0]["pass"], true);
  EXPECT_EQ(dataset["pairs"][1]["pass"], false);
  EXPECT_EQ(dataset["pairs"][2]["pass"], false);
  EXPECT_EQ(dataset["pairs"][2]["score"], 0.9);
  ASSERT_EQ(dataset["misses"].size(), 1u);
  EXPECT_EQ(dataset["misses"][0]["name1"], "Пётр Петров");
  ASSERT_EQ(dataset["false_alarms"].size(), 1u);
  EXPECT_EQ(dataset["false_alarms"][0]["note"], "namesakes");
}

TEST(ReportJsonTest, RoundsToFourDecimals) {
  EvalReport report = SmallReport();
  report.datasets[0].results[0].overall = Counts{3, 0, 2, 0, 0};  // recall 2/3
  const nlohmann::json json = nlohmann::json::parse(FormatReportJson(report));
  EXPECT_EQ(json["datasets"][0]["results"][0]["overall"]["recall"], 0.6667);
}

TEST(ReportJsonTest, QueryDatasetsCarryTheirFalseAlarmsByList) {
  QueryDataset queries;
  queries.name = "queries";
  queries.identical_names = 1;
  queries.queries = {{"Ivan Ivanov", "negative", std::nullopt}};
  const EvalReport report = ReportOf(EvaluateQueries(
      queries,
      [](const LabeledQuery&) {
        return std::vector<ScreenedHit>{{{"ofac_sdn", "1"}, 0.9}, {{"eu", "7"}, 0.8}};
      },
      TwoThresholds()));
  const nlohmann::json json = nlohmann::json::parse(FormatReportJson(report));
  const nlohmann::json& dataset = json["datasets"][0];
  EXPECT_EQ(dataset["kind"], "queries");
  EXPECT_EQ(dataset["identical_names"], 1);
  EXPECT_EQ(dataset["false_alarms_by_list"], nlohmann::json({{"ofac_sdn", 1}}));
  EXPECT_EQ(dataset["results"][0]["overall"]["false_alarms"], 2);  // at 0.70 both hits count
  EXPECT_FALSE(dataset.contains("pairs"));
  EXPECT_THAT(FormatReportText(report),
              HasSubstr("false alarms at 0.85 by list of the entry hit: ofac_sdn 1"));
}

TEST(ReportTextTest, MarksTheDefaultAndShowsPairsGoalsAndExamples) {
  const std::string text = FormatReportText(SmallReport());
  EXPECT_THAT(text, HasSubstr("default threshold 0.85"));
  EXPECT_THAT(text, HasSubstr("NOT MET"));
  EXPECT_THAT(text, HasSubstr("== curated: 2 positive and 1 negative pairs"));
  // The default's row is starred, the other is not.
  EXPECT_THAT(text, HasSubstr("*    0.85"));
  EXPECT_THAT(text, Not(HasSubstr("*    0.70")));
  EXPECT_THAT(text, HasSubstr("pass 0.950  Иван Иванов | Ivan Ivanov"));
  EXPECT_THAT(text, HasSubstr("FAIL 0.600  Пётр Петров | Pyotr Petrov"));
  EXPECT_THAT(text, HasSubstr("FAIL 0.900  Ivan Petrov | Ivan Ivanov"));
  EXPECT_THAT(text, HasSubstr("worst misses at 0.85"));
  EXPECT_THAT(text, HasSubstr("worst false alarms at 0.85"));
  // A category of positives has no false-positive rate: printed as "-".
  EXPECT_THAT(text, HasSubstr("cyrillic-latin            2        0   0.500       -"));
}

// Three Cyrillic-Latin positives split by an audit, two spellings (0.95 and 0.80) and a gender
// form (0.60), grouped back together: at 0.70 the group finds 2 of 3, at 0.85 1 of 3.
EvalReport SplitCategoryReport() {
  PairDataset dataset{"equivalences", "rigour", {}, false};
  dataset.pairs = {
      {"николаевич", "nikolaevich", true, "cyrillic-latin", ""},
      {"николаевна", "nikolaevna", true, "cyrillic-latin", ""},
      {"николаевна", "nikolaevich", true, "cyrillic-latin-other-gender", ""},
  };
  dataset.category_groups = {
      {"all cyrillic-latin", {"cyrillic-latin", "cyrillic-latin-other-gender"}}};
  const std::map<std::string, double> scores = {{"николаевич|nikolaevich", 0.95},
                                                {"николаевна|nikolaevna", 0.80},
                                                {"николаевна|nikolaevich", 0.60}};
  return ReportOf(EvaluatePairs(
      dataset,
      [&](std::string_view a, std::string_view b) {
        return scores.at(std::string(a) + "|" + std::string(b));
      },
      TwoThresholds()));
}

TEST(ReportTextTest, PrintsEachCategoryGroupUnderTheCategories) {
  const std::string text = FormatReportText(SplitCategoryReport());
  EXPECT_THAT(text, HasSubstr("\n  all cyrillic-latin: recall 0.333 (1 of 3)\n"));
  // Only at the default threshold: the 0.70 figure (2 of 3) is in the JSON.
  EXPECT_THAT(text, Not(HasSubstr("(2 of 3)")));
}

TEST(ReportTextTest, WidensTheCategoryColumnToTheLongestName) {
  const std::string text = FormatReportText(SplitCategoryReport());
  // Every row of the per-category table has the same fixed-width columns after the name, so
  // the rows are as long as each other when the names are padded to the longest.
  auto row = [&](std::string_view category) {
    const size_t begin = text.find("\n  " + std::string(category) + " ");
    EXPECT_NE(begin, std::string::npos) << category;
    return text.substr(begin + 1, text.find('\n', begin + 1) - begin - 1);
  };
  EXPECT_EQ(row("cyrillic-latin").size(), row("cyrillic-latin-other-gender").size());
  EXPECT_EQ(row("category").size(), row("cyrillic-latin").size());
}

TEST(ReportJsonTest, WritesCategoryGroupsAtEveryThreshold) {
  const nlohmann::json json = nlohmann::json::parse(FormatReportJson(SplitCategoryReport()));
  const nlohmann::json& results = json["datasets"][0]["results"];
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0]["category_groups"]["all cyrillic-latin"]["true_positives"], 2);
  EXPECT_EQ(results[1]["category_groups"]["all cyrillic-latin"]["true_positives"], 1);
  EXPECT_EQ(results[1]["category_groups"]["all cyrillic-latin"]["positives"], 3);
  EXPECT_EQ(results[1]["category_groups"]["all cyrillic-latin"]["recall"], 0.3333);
  // Sets without groups do not carry the key.
  const nlohmann::json plain = nlohmann::json::parse(FormatReportJson(SmallReport()));
  EXPECT_FALSE(plain["datasets"][0]["results"][0].contains("category_groups"));
}

}  // namespace
}  // namespace keruen::screening::eval
