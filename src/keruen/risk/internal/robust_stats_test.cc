#include "keruen/risk/internal/robust_stats.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace keruen::risk::internal
