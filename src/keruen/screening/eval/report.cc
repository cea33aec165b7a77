#include "keruen/screening/eval/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "keruen/core/json_writer.h"

namespace keruen::screening::eval {
namespace {

std::string Metric(const std::optional<double>& value, int width = 7) {
  return value ? fmt::format("{:>{}.3f}", *value, width) : fmt::format("{:>{}}", "-", width);
}

std::string_view MetricName(Goal::Metric metric) {
  return metric == Goal::Metric::kRecall ? "recall" : "false_positive_rate";
}

// The one number that says how a category did: recall if it has positives, else how many of
// its negatives alerted.
std::optional<double> Headline(const Counts& counts) {
  return counts.positives > 0 ? counts.Recall() : counts.FalsePositiveRate();
}

// "0.854 (528 of 618)", or "- (0 of 0)".
std::string ShareOf(int64_t part, int64_t whole) {
  return whole > 0
             ? fmt::format("{:.3f} ({} of {})", static_cast<double>(part) / whole, part, whole)
             : fmt::format("- ({} of {})", part, whole);
}

void AppendDataset(std::string& out, const DatasetResult& dataset, double default_threshold) {
  const ThresholdResult* at_default = dataset.At(default_threshold);
  const Counts& total = at_default->overall;
  // The category column fits the longest name, so that a long one (the audit's
  // "cyrillic-latin-other-language") does not push its row's numbers out of line.
  size_t width = 18;
  for (const auto& [name, unused] : at_default->categories) width = std::max(width, name.size());
  const std::string_view items = dataset.queries ? "queries" : "pairs";
  out += fmt::format("\n== {}: {} positive and {} negative {}\n   {}\n", dataset.name,
                     total.positives, total.negatives, items, dataset.source);
  if (dataset.identical_names > 0) {
    out += fmt::format(
        "   {} negative queries are spelled exactly like a listed name; they alert for any name "
        "screener.\n",
        dataset.identical_names);
  }

  out += fmt::format("\n  {:>9}  {:>9} {:>7} {:>7} {:>7}  {:>8} {:>7} {:>12}\n", "threshold",
                     "precision", "recall", "F1", "FP rate", "positive", "missed", "false alarms");
  for (const ThresholdResult& result : dataset.results) {
    const Counts& c = result.overall;
    const bool is_default = &result == at_default;
    out += fmt::format("  {:>1}{:>8.2f}  {:>9} {} {} {}  {:>8} {:>7} {:>12}\n",
                       is_default ? "*" : "", result.threshold, Metric(c.Precision(), 9),
                       Metric(c.Recall()), Metric(c.F1()), Metric(c.FalsePositiveRate()),
                       c.positives, c.positives - c.true_positives, c.false_alarms);
  }

  if (!dataset.false_alarms_by_list.empty()) {
    out += fmt::format("\n  false alarms at {:.2f} by list of the entry hit:", default_threshold);
    for (const auto& [list, count] : dataset.false_alarms_by_list) {
      out += fmt::format(" {} {}", list, count);
    }
    out += '\n';
  }

  out += fmt::format("\n  per category at {:.2f}:\n", default_threshold);
  out += fmt::format("  {:<{}} {:>8} {:>8} {:>7} {:>7} {:>9} {:>7}\n", "category", width,
                     "positive", "negative", "recall", "FP rate", "precision", "F1");
  for (const auto& [name, c] : at_default->categories) {
    out += fmt::format("  {:<{}} {:>8} {:>8} {} {} {} {}\n", name, width, c.positives, c.negatives,
                       Metric(c.Recall()), Metric(c.FalsePositiveRate()), Metric(c.Precision(), 9),
                       Metric(c.F1()));
  }
  if (!at_default->category_groups.empty()) out += '\n';
  for (const auto& [name, c] : at_default->category_groups) {
    // As for a category: recall if the group has positives, else how many negatives alerted.
    out += c.positives > 0
               ? fmt::format("  {}: recall {}\n", name, ShareOf(c.true_positives, c.positives))
               : fmt::format("  {}: FP rate {}\n", name, ShareOf(c.negatives_alerted, c.negatives));
  }

  out += "\n  recall (negative categories: FP rate) per category by threshold:\n";
  out += fmt::format("  {:<{}}", "category", width);
  for (const ThresholdResult& result : dataset.results) {
    out += fmt::format(" {:>5.2f}", result.threshold);
  }
  out += '\n';
  for (const auto& [name, unused] : at_default->categories) {
    out += fmt::format("  {:<{}}", name, width);
    for (const ThresholdResult& result : dataset.results) {
      const std::optional<double> value = Headline(result.categories.at(name));
      out += value ? fmt::format(" {:>5.3f}", *value) : fmt::format(" {:>5}", "-");
    }
    out += '\n';
  }

  if (!dataset.pair_outcomes.empty()) {
    out += fmt::format("\n  pairs at {:.2f}:\n", default_threshold);
    for (const PairOutcome& outcome : dataset.pair_outcomes) {
      const bool pass = (outcome.score >= default_threshold) == outcome.pair.match;
      out += fmt::format("  {} {:.3f}  {} | {}  [{}]\n", pass ? "pass" : "FAIL", outcome.score,
                         outcome.pair.name1, outcome.pair.name2, outcome.pair.category);
    }
  }
  auto examples = [&](std::string_view title, const std::vector<Example>& list) {
    if (list.empty()) return;
    out += fmt::format("\n  {} at {:.2f}:\n", title, default_threshold);
    for (const Example& e : list) {
      out += fmt::format("  {:.3f}  {} | {}  [{}] {}\n", e.score, e.name1, e.name2, e.category,
                         e.note);
    }
  };
  examples("worst misses", dataset.misses);
  examples("worst false alarms", dataset.false_alarms);
}

void WriteMetric(JsonWriter& json, std::string_view key, const std::optional<double>& value) {
  json.Key(key);
  if (value) {
    json.Double(std::round(*value * 1e4) / 1e4);
  } else {
    json.Null();
  }
}

void WriteCounts(JsonWriter& json, const Counts& c) {
  json.BeginObject()
      .Field("positives", c.positives)
      .Field("negatives", c.negatives)
      .Field("true_positives", c.true_positives)
      .Field("false_alarms", c.false_alarms)
      .Field("negatives_alerted", c.negatives_alerted);
  WriteMetric(json, "precision", c.Precision());
  WriteMetric(json, "recall", c.Recall());
  WriteMetric(json, "f1", c.F1());
  WriteMetric(json, "false_positive_rate", c.FalsePositiveRate());
  json.EndObject();
}

void WriteExamples(JsonWriter& json, std::string_view key, const std::vector<Example>& list) {
  json.Key(key).BeginArray();
  for (const Example& e : list) {
    json.BeginObject()
        .Field("name1", e.name1)
        .Field("name2", e.name2)
        .Field("category", e.category);
    WriteMetric(json, "score", e.score);
    json.Field("note", e.note).EndObject();
  }
  json.EndArray();
}

}  // namespace

std::string FormatReportText(const EvalReport& report) {
  std::string out =
      fmt::format("Screening evaluation, default threshold {:.2f}\n", report.default_threshold);
  if (!report.goals.empty()) {
    out += "\ngoals at the default threshold:\n";
    for (const GoalCheck& check : report.goals) {
      const bool recall = check.goal.metric == Goal::Metric::kRecall;
      // False-positive goals are fractions of a percent: print them in percent, so 0.14 %
      // against a 0.1 % goal does not read as "0.001 <= 0.001".
      const std::string actual = recall || !check.actual
                                     ? Metric(check.actual)
                                     : fmt::format("{:.3f} %", *check.actual * 100);
      const std::string target = recall ? fmt::format("{:.3f}", check.goal.target)
                                        : fmt::format("{:.3f} %", check.goal.target * 100);
      out += fmt::format("  {:<22} {:<16} {:<8} {} {:<8}  {:<8}  {}\n", check.goal.dataset,
                         check.goal.category, recall ? "recall" : "FP rate",
                         recall ? ">=" : "<=", target, actual, check.met ? "met" : "NOT MET");
    }
  }
  for (const DatasetResult& dataset : report.datasets) {
    AppendDataset(out, dataset, report.default_threshold);
  }
  return out;
}

std::string FormatReportJson(const EvalReport& report) {
  std::string out;
  JsonWriter json(out);
  json.BeginObject().Field("default_threshold", report.default_threshold);
  json.Key("goals").BeginArray();
  for (const GoalCheck& check : report.goals) {
    json.BeginObject()
        .Field("dataset", check.goal.dataset)
        .Field("category", check.goal.category)
        .Field("metric", MetricName(check.goal.metric))
        .Field("target", check.goal.target);
    WriteMetric(json, "actual", check.actual);
    json.Field("met", check.met).EndObject();
  }
  json.EndArray();
  json.Key("datasets").BeginArray();
  for (const DatasetResult& dataset : report.datasets) {
    json.BeginObject()
        .Field("name", dataset.name)
        .Field("source", dataset.source)
        .Field("kind", dataset.queries ? "queries" : "pairs");
    if (dataset.queries) {
      json.Field("identical_names", dataset.identical_names);
      json.Key("false_alarms_by_list").BeginObject();
      for (const auto& [list, count] : dataset.false_alarms_by_list) json.Field(list, count);
      json.EndObject();
    }
    json.Key("results").BeginArray();
    for (const ThresholdResult& result : dataset.results) {
      json.BeginObject()
          .Field("threshold", result.threshold)
          .Field("default", std::abs(result.threshold - report.default_threshold) < 1e-9);
      json.Key("overall");
      WriteCounts(json, result.overall);
      json.Key("categories").BeginObject();
      for (const auto& [name, counts] : result.categories) {
        json.Key(name);
        WriteCounts(json, counts);
      }
      json.EndObject();
      if (!result.category_groups.empty()) {
        json.Key("category_groups").BeginObject();
        for (const auto& [name, counts] : result.category_groups) {
          json.Key(name);
          WriteCounts(json, counts);
        }
        json.EndObject();
      }
      json.EndObject();
    }
    json.EndArray();
    WriteExamples(json, "misses", dataset.misses);
    WriteExamples(json, "false_alarms", dataset.false_alarms);
    if (!dataset.pair_outcomes.empty()) {
      json.Key("pairs").BeginArray();
      for (const PairOutcome& outcome : dataset.pair_outcomes) {
        json.BeginObject()
            .Field("name1", outcome.pair.name1)
            .Field("name2", outcome.pair.name2)
            .Field("match", outcome.pair.match)
            .Field("category", outcome.pair.category);
        WriteMetric(json, "score", outcome.score);
        json.Field("pass", (outcome.score >= report.default_threshold) == outcome.pair.match)
            .EndObject();
      }
      json.EndArray();
    }
    json.EndObject();
  }
  json.EndArray().EndObject();
  return out;
}

}  // namespace keruen::screening::eval
