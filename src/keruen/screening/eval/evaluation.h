// Precision, recall and F1 of a screener over labelled pairs and query datasets, at a range of
// thresholds, overall and per category.
//
// The screener comes in as callbacks, so this library measures whatever the matcher is today
// (and a baseline or an experiment next to it) without depending on its API:
//   PairScorer    scores two names in [0,1] (pair datasets);
//   QueryScreener screens one query against an index the caller built (query datasets).
#ifndef KERUEN_SCREENING_EVAL_EVALUATION_H_
#define KERUEN_SCREENING_EVAL_EVALUATION_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "keruen/screening/eval/pair_datasets.h"
#include "keruen/screening/eval/query_datasets.h"

namespace keruen::screening::eval {

using PairScorer = std::function<double(std::string_view a, std::string_view b)>;

// One entry found by screening a name, with its score in [0,1].
struct ScreenedHit {
  EntryKey entry;
  double score = 0;
};
// Must return every hit scoring at least the lowest threshold evaluated (0.70 by default);
// hits below a threshold are ignored at that threshold, so returning more is harmless.
using QueryScreener = std::function<std::vector<ScreenedHit>(const LabeledQuery& query)>;

// What a screener decided at one threshold. An item is a pair or a query; an alert is a pair
// scoring at or above the threshold, or a query's hit at or above it.
struct Counts {
  int64_t positives = 0;          // items that must alert (pairs of one subject, variants)
  int64_t negatives = 0;          // items that must not
  int64_t true_positives = 0;     // positives that alerted (queries: on their own entry)
  int64_t false_alarms = 0;       // wrong alerts: negative pairs, hits on another entry
  int64_t negatives_alerted = 0;  // negatives with at least one alert

  // nullopt where the ratio is 0/0 (no alerts, no positives...), which the report prints as "-".
  std::optional<double> Precision() const;  // true_positives / (true_positives + false_alarms)
  std::optional<double> Recall() const;     // true_positives / positives
  std::optional<double> F1() const;         // harmonic mean of the two
  std::optional<double> FalsePositiveRate() const;  // negatives_alerted / negatives
  Counts& operator+=(const Counts& other);
};

struct ThresholdResult {
  double threshold = 0;
  Counts overall;
  std::map<std::string, Counts> categories;
  // The dataset's category groups (PairDataset::category_groups), each the sum of its
  // categories, by group name.
  std::map<std::string, Counts> category_groups;
};

// An item worth a look: a positive that did not alert or a negative that did.
struct Example {
  std::string name1;
  std::string name2;  // the other name, or for queries the expected / wrongly hit entry
  std::string category;
  double score = 0;  // the pair's score; for a missed query the best score of its own entry
                     // (0 when not returned), for a false alarm the hit's score
  std::string note;
};

struct PairOutcome {
  LabeledPair pair;
  double score = 0;
};

struct DatasetResult {
  std::string name;
  std::string source;
  bool queries = false;  // a query dataset, not pairs
  // One per evaluated threshold, ascending; the default threshold is always among them.
  std::vector<ThresholdResult> results;
  // At the default threshold, worst first, at most EvalOptions::max_examples of each.
  std::vector<Example> misses;
  std::vector<Example> false_alarms;
  // Every pair with its score, for datasets that ask for it (report_each_pair).
  std::vector<PairOutcome> pair_outcomes;
  int64_t identical_names = 0;  // query datasets: see QueryDataset::identical_names
  // Query datasets: the wrong alerts at the default threshold by the list of the entry hit, to
  // tell namesakes within the watch list ("us_congress") from hits on the sanctions lists.
  std::map<std::string, int64_t> false_alarms_by_list;

  // The result at `threshold`, or null if it was not evaluated.
  const ThresholdResult* At(double threshold) const;
};

// 0.70, 0.72, ..., 0.98.
std::vector<double> DefaultThresholds();

struct EvalOptions {
  std::vector<double> thresholds = DefaultThresholds();
  // The threshold the screener alerts at, reported in detail (categories, examples, goals).
  // Callers pass the matcher's configured value; this copy of match/screener.h's
  // kDefaultThreshold only keeps a forgotten setting from reporting at a meaningless 0.
  double default_threshold = 0.88;
  size_t max_examples = 10;
};

// A pair of a Latin name and a name in another script (Arabic, Hebrew, Han..., not Cyrillic)
// is scored with the other name first, as the query: screening meets such names as queries,
// the lists writing theirs in Latin too, and the scorer reads an Arabic query's vowelless
// letters, not a listed one's (match/internal/token_similarity.h).
DatasetResult EvaluatePairs(const PairDataset& dataset, const PairScorer& scorer,
                            const EvalOptions& options);
DatasetResult EvaluateQueries(const QueryDataset& dataset, const QueryScreener& screener,
                              const EvalOptions& options);

// A stated quality goal for one category of one dataset, checked at the default threshold.
struct Goal {
  std::string dataset;
  std::string category;
  enum class Metric { kRecall, kFalsePositiveRate } metric = Metric::kRecall;
  double target = 0;  // recall must be >= target; a false-positive rate <= target
};

struct GoalCheck {
  Goal goal;
  std::optional<double> actual;  // nullopt: the category had no items
  bool met = false;
};

// Cross-script recall >= 0.95 wherever Cyrillic meets Latin (generated "cross-script" and
// "translit", the public sets' "cyrillic-latin"); US Congress negatives alerted <= 0.1 %.
std::vector<Goal> DefaultGoals();

// The goals whose dataset and category were evaluated.
std::vector<GoalCheck> CheckGoals(std::span<const DatasetResult> results,
                                  std::span<const Goal> goals, double default_threshold);

// Everything the report printers need.
struct EvalReport {
  double default_threshold = 0;
  std::vector<DatasetResult> datasets;
  std::vector<GoalCheck> goals;
};

}  // namespace keruen::screening::eval

#endif  // KERUEN_SCREENING_EVAL_EVALUATION_H_
