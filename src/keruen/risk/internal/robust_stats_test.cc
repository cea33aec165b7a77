#include "keruen/risk/internal/robust_stats.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <random>
#include <vector>

namespace keruen::risk::internal {
namespace {

TEST(RollingSample, MedianAndScaledMad) {
  RollingSample s;
  for (double x : {1.0, 2.0, 3.0, 4.0, 100.0}) s.Add(x);
  const auto summary = s.Summary(5);
  ASSERT_TRUE(summary.has_value());
  EXPECT_DOUBLE_EQ(summary->median, 3.0);  // the outlier does not drag it
  // |x - 3| = 2 1 0 1 97: median 1, scaled to a standard deviation.
  EXPECT_DOUBLE_EQ(summary->mad, 1.4826);
  EXPECT_EQ(summary->n, 5u);
}

TEST(MedianMad, DistanceInScaledMadsWithAFloorOnTheSpread) {
  const MedianMad wide{.median = 10, .mad = 2, .n = 20};
  EXPECT_DOUBLE_EQ(wide.Distance(16), 3);
  EXPECT_DOUBLE_EQ(wide.Distance(4), 3);
  const MedianMad flat{.median = 1, .mad = 0, .n = 20};  // identical prices
  EXPECT_DOUBLE_EQ(flat.Distance(1.1), 0.1 / MedianMad::kMinSpread);
}

TEST(RollingSample, EvenCountAveragesTheMiddleTwo) {
  RollingSample s;
  for (double x : {4.0, 1.0, 3.0, 2.0}) s.Add(x);
  EXPECT_DOUBLE_EQ(s.Summary(1)->median, 2.5);
}

TEST(RollingSample, NoSummaryBelowTheMinimum) {
  RollingSample s;
  EXPECT_FALSE(s.Summary(1).has_value());
  s.Add(1);
  EXPECT_FALSE(s.Summary(2).has_value());
  EXPECT_TRUE(s.Summary(1).has_value());
}

TEST(RollingSample, KeepsOnlyTheLatestValues) {
  RollingSample s(3);
  for (double x : {100.0, 100.0, 100.0, 1.0, 2.0, 3.0}) s.Add(x);
  EXPECT_EQ(s.size(), 3u);
  EXPECT_DOUBLE_EQ(s.Summary(3)->median, 2.0);
}

// The median of a sorted copy, the textbook way.
double SortedMedian(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t mid = v.size() / 2;
  return v.size() % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

TEST(RollingSample, AgreesWithSortingTheWindowAfterEveryValue) {
  // Repeated values (rounded draws) and an even and odd window both occur.
  // Capacities 255 and 256 are the engine's size, with log-normal prices as it sees them.
  for (const size_t capacity : {1u, 2u, 7u, 16u, 255u, 256u}) {
    RollingSample s(capacity);
    std::deque<double> window;
    std::mt19937 rng(11);
    std::uniform_int_distribution<int> draw(0, 40);
    std::lognormal_distribution<double> price(3.0, 1.2);
    for (int i = 0; i < 1000; ++i) {
      const double x = capacity < 255 ? draw(rng) / 4.0 : std::log(price(rng));
      s.Add(x);
      window.push_back(x);
      if (window.size() > capacity) window.pop_front();
      const std::vector<double> values(window.begin(), window.end());
      const double median = SortedMedian(values);
      std::vector<double> deviations;
      for (double v : values) deviations.push_back(std::fabs(v - median));
      const auto summary = s.Summary(1);
      ASSERT_TRUE(summary.has_value());
      ASSERT_EQ(summary->n, values.size());
      ASSERT_DOUBLE_EQ(summary->median, median) << "after value " << i;
      ASSERT_DOUBLE_EQ(summary->mad, 1.4826 * SortedMedian(deviations)) << "after value " << i;
    }
  }
}

}  // namespace
}  // namespace keruen::risk::internal
