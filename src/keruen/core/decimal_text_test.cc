#include "keruen/core/decimal_text.h"

#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <cstdio>
#include <random>

namespace keruen {
namespace {

std::string Printf(double value, int decimals) {
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

TEST(FormatFixedTest, WritesWhatPrintfWrites) {
  // Halfway cases (printf rounds the binary value, 0.125 exactly to even), negatives, zero,
  // negative zero, large and tiny values.
  for (const double v : {0.0, -0.0, 0.5, 1.5, 2.5, 0.125, 0.375, -2.5, 72.4999, 1234.5, 1e15 + 0.5,
                         123456789.987654321, 1e-7, -1e-7, 9.995, DBL_MAX, -DBL_MAX, DBL_MIN}) {
    for (int decimals = 0; decimals <= 4; ++decimals) {
      EXPECT_EQ(FormatFixed(v, decimals), Printf(v, decimals)) << v << " " << decimals;
    }
  }
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> exponent(-6, 12);
  for (int i = 0; i < 20000; ++i) {
    const double v = std::pow(10.0, exponent(random)) * (i % 2 ? -1 : 1);
    const int decimals = i % 4;
    ASSERT_EQ(FormatFixed(v, decimals), Printf(v, decimals)) << v << " " << decimals;
  }
}

TEST(FormatFixedTest, WritesInfinitiesAndNanAsPrintfDoes) {
  EXPECT_EQ(FormatFixed(INFINITY, 1), Printf(INFINITY, 1));
  EXPECT_EQ(FormatFixed(-INFINITY, 0), Printf(-INFINITY, 0));
  EXPECT_EQ(FormatFixed(NAN, 2), Printf(NAN, 2));
}

}  // namespace
}  // namespace keruen
