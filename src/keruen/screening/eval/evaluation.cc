#include "keruen/screening/eval/evaluation.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "keruen/screening/eval/internal/name_text.h"
#include "keruen/screening/eval/list_variants.h"

namespace keruen::screening::eval {
namespace {

std::optional<double> Ratio(int64_t numerator, int64_t denominator) {
  if (denominator == 0) return std::nullopt;
  return static_cast<double>(numerator) / static_cast<double>(denominator);
}

bool SameThreshold(double a, double b) { return std::abs(a - b) < 1e-9; }

// The evaluated thresholds: the requested ones and the default, ascending, without repeats.
std::vector<double> Thresholds(const EvalOptions& options) {
  std::vector<double> out = options.thresholds;
  out.push_back(options.default_threshold);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end(), SameThreshold), out.end());
  return out;
}

// Items grouped by category, counted per threshold: `tally(item, threshold, counts)` adds one
// item's outcome to its category's counts.
class Tally {
 public:
  Tally(const EvalOptions& options, std::vector<std::string> category_of_item)
      : thresholds_(Thresholds(options)) {
    for (std::string& category : category_of_item) {
      auto [it, added] = index_.try_emplace(std::move(category), names_.size());
      if (added) names_.push_back(it->first);
      item_category_.push_back(it->second);
    }
  }

  template <typename AddItem>
  std::vector<ThresholdResult> Results(AddItem add_item) const {
    std::vector<ThresholdResult> out;
    for (const double threshold : thresholds_) {
      std::vector<Counts> counts(names_.size());
      for (size_t item = 0; item < item_category_.size(); ++item) {
        add_item(item, threshold, counts[item_category_[item]]);
      }
      ThresholdResult result{threshold, {}, {}};
      for (size_t c = 0; c < names_.size(); ++c) {
        result.overall += counts[c];
        result.categories.emplace(names_[c], counts[c]);
      }
      out.push_back(std::move(result));
    }
    return out;
  }

 private:
  std::vector<double> thresholds_;
  std::unordered_map<std::string, size_t> index_;
  std::vector<std::string> names_;
  std::vector<size_t> item_category_;
};

// Keeps the `limit` examples that sort first under `worse`, in that order.
template <typename Worse>
std::vector<Example> Worst(std::vector<Example> examples, size_t limit, Worse worse) {
  std::stable_sort(examples.begin(), examples.end(), worse);
  if (examples.size() > limit) examples.resize(limit);
  return examples;
}

bool LowerScore(const Example& a, const Example& b) { return a.score < b.score; }
bool HigherScore(const Example& a, const Example& b) { return a.score > b.score; }

std::string KeyText(const EntryKey& key) { return key.list + "/" + key.id; }

}  // namespace

std::optional<double> Counts::Precision() const {
  return Ratio(true_positives, true_positives + false_alarms);
}
std::optional<double> Counts::Recall() const { return Ratio(true_positives, positives); }
std::optional<double> Counts::F1() const {
  // 2PR / (P + R) = 2TP / (2TP + FP + FN); defined whenever there is a positive or an alert.
  const int64_t missed = positives - true_positives;
  return Ratio(2 * true_positives, 2 * true_positives + false_alarms + missed);
}
std::optional<double> Counts::FalsePositiveRate() const {
  return Ratio(negatives_alerted, negatives);
}
Counts& Counts::operator+=(const Counts& other) {
  positives += other.positives;
  negatives += other.negatives;
  true_positives += other.true_positives;
  false_alarms += other.false_alarms;
  negatives_alerted += other.negatives_alerted;
  return *this;
}

const ThresholdResult* DatasetResult::At(double threshold) const {
  for (const ThresholdResult& result : results) {
    if (SameThreshold(result.threshold, threshold)) return &result;
  }
  return nullptr;
}

std::vector<double> DefaultThresholds() {
  std::vector<double> out;
  for (int percent = 70; percent <= 98; percent += 2) out.push_back(percent / 100.0);
  return out;
}

DatasetResult EvaluatePairs(const PairDataset& dataset, const PairScorer& scorer,
                            const EvalOptions& options) {
  std::vector<double> scores;
  std::vector<std::string> categories;
  scores.reserve(dataset.pairs.size());
  for (const LabeledPair& pair : dataset.pairs) {
    const bool other_first =
        internal::ScriptOf(pair.name1) == "latin" && internal::ScriptOf(pair.name2) == "other";
    scores.push_back(other_first ? scorer(pair.name2, pair.name1) : scorer(pair.name1, pair.name2));
    categories.push_back(pair.category);
  }
  DatasetResult result;
  result.name = dataset.name;
  result.source = dataset.source;
  result.results = Tally(options, std::move(categories))
                       .Results([&](size_t i, double threshold, Counts& counts) {
                         const bool alert = scores[i] >= threshold;
                         if (dataset.pairs[i].match) {
                           ++counts.positives;
                           counts.true_positives += alert ? 1 : 0;
                         } else {
                           ++counts.negatives;
                           counts.false_alarms += alert ? 1 : 0;
                           counts.negatives_alerted += alert ? 1 : 0;
                         }
                       });
  for (ThresholdResult& at : result.results) {
    for (const CategoryGroup& group : dataset.category_groups) {
      Counts& sum = at.category_groups[group.name];
      for (const std::string& category : group.categories) {
        const auto it = at.categories.find(category);
        if (it != at.categories.end()) sum += it->second;
      }
    }
  }

  std::vector<Example> misses;
  std::vector<Example> false_alarms;
  for (size_t i = 0; i < dataset.pairs.size(); ++i) {
    const LabeledPair& pair = dataset.pairs[i];
    const bool alert = scores[i] >= options.default_threshold;
    if (pair.match == alert) continue;
    (alert ? false_alarms : misses)
        .push_back({pair.name1, pair.name2, pair.category, scores[i], pair.note});
  }
  result.misses = Worst(std::move(misses), options.max_examples, LowerScore);
  result.false_alarms = Worst(std::move(false_alarms), options.max_examples, HigherScore);
  if (dataset.report_each_pair) {
    for (size_t i = 0; i < dataset.pairs.size(); ++i) {
      result.pair_outcomes.push_back({dataset.pairs[i], scores[i]});
    }
  }
  return result;
}

DatasetResult EvaluateQueries(const QueryDataset& dataset, const QueryScreener& screener,
                              const EvalOptions& options) {
  // Per query: the best score of its own entry, and the scores of every other entry it hit
  // (in `wrong`, from wrong_begin[q] to wrong_begin[q + 1]).
  const size_t n = dataset.queries.size();
  std::vector<std::optional<double>> own(n);
  std::vector<double> wrong;
  std::vector<std::string> wrong_list;  // the list of each wrong hit
  std::vector<size_t> wrong_begin{0};
  std::vector<std::optional<ScreenedHit>> worst_wrong(n);
  std::vector<std::string> categories;
  for (size_t q = 0; q < n; ++q) {
    const LabeledQuery& query = dataset.queries[q];
    categories.push_back(query.category);
    for (ScreenedHit& hit : screener(query)) {
      if (query.expected && hit.entry == *query.expected) {
        own[q] = std::max(own[q].value_or(hit.score), hit.score);
        continue;
      }
      wrong.push_back(hit.score);
      wrong_list.push_back(hit.entry.list);
      if (!worst_wrong[q] || hit.score > worst_wrong[q]->score) worst_wrong[q] = std::move(hit);
    }
    wrong_begin.push_back(wrong.size());
  }

  DatasetResult result;
  result.name = dataset.name;
  result.source = dataset.source;
  result.queries = true;
  result.identical_names = dataset.identical_names;
  result.results = Tally(options, std::move(categories))
                       .Results([&](size_t q, double threshold, Counts& counts) {
                         int64_t wrong_alerts = 0;
                         for (size_t i = wrong_begin[q]; i < wrong_begin[q + 1]; ++i) {
                           wrong_alerts += wrong[i] >= threshold ? 1 : 0;
                         }
                         counts.false_alarms += wrong_alerts;
                         if (dataset.queries[q].expected) {
                           ++counts.positives;
                           counts.true_positives += own[q] && *own[q] >= threshold ? 1 : 0;
                         } else {
                           ++counts.negatives;
                           counts.negatives_alerted += wrong_alerts > 0 ? 1 : 0;
                         }
                       });

  for (size_t i = 0; i < wrong.size(); ++i) {
    if (wrong[i] >= options.default_threshold) ++result.false_alarms_by_list[wrong_list[i]];
  }

  std::unordered_map<std::string, const std::string*> caption;
  for (const ListEntry& entry : dataset.watch_list) {
    if (!entry.names.empty()) caption[entry.list + "/" + entry.id] = &entry.names.front().full;
  }
  auto name_of = [&](const EntryKey& key) {
    const auto it = caption.find(KeyText(key));
    return it == caption.end() ? KeyText(key) : *it->second;
  };
  std::vector<Example> misses;
  std::vector<Example> false_alarms;
  for (size_t q = 0; q < n; ++q) {
    const LabeledQuery& query = dataset.queries[q];
    if (query.expected && own[q].value_or(0) < options.default_threshold) {
      misses.push_back({query.name, name_of(*query.expected), query.category, own[q].value_or(0),
                        KeyText(*query.expected)});
    }
    if (worst_wrong[q] && worst_wrong[q]->score >= options.default_threshold) {
      false_alarms.push_back({query.name, name_of(worst_wrong[q]->entry), query.category,
                              worst_wrong[q]->score, KeyText(worst_wrong[q]->entry)});
    }
  }
  result.misses = Worst(std::move(misses), options.max_examples, LowerScore);
  result.false_alarms = Worst(std::move(false_alarms), options.max_examples, HigherScore);
  return result;
}

std::vector<Goal> DefaultGoals() {
  using Metric = Goal::Metric;
  return {
      {std::string(kListVariantsDataset), std::string(kCrossScript), Metric::kRecall, 0.95},
      {std::string(kListVariantsDataset), std::string(kTranslit), Metric::kRecall, 0.95},
      {std::string(kWatchmanDataset), std::string(kCyrillicLatin), Metric::kRecall, 0.95},
      {std::string(kPutinDataset), std::string(kCyrillicLatin), Metric::kRecall, 0.95},
      {std::string(kEquivalencesDataset), std::string(kCyrillicLatin), Metric::kRecall, 0.95},
      {std::string(kUsCongressDataset), std::string(kNegativeQuery), Metric::kFalsePositiveRate,
       0.001},
  };
}

std::vector<GoalCheck> CheckGoals(std::span<const DatasetResult> results,
                                  std::span<const Goal> goals, double default_threshold) {
  std::vector<GoalCheck> out;
  for (const Goal& goal : goals) {
    for (const DatasetResult& dataset : results) {
      if (dataset.name != goal.dataset) continue;
      const ThresholdResult* at = dataset.At(default_threshold);
      if (at == nullptr) continue;
      const auto it = at->categories.find(goal.category);
      if (it == at->categories.end()) continue;
      GoalCheck check{goal, {}, false};
      if (goal.metric == Goal::Metric::kRecall) {
        check.actual = it->second.Recall();
        check.met = check.actual && *check.actual >= goal.target;
      } else {
        check.actual = it->second.FalsePositiveRate();
        check.met = check.actual && *check.actual <= goal.target;
      }
      out.push_back(std::move(check));
    }
  }
  return out;
}

}  // namespace keruen::screening::eval
