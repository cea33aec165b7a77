#include "keruen/risk/lanes.h"

#include <gtest/gtest.h>

#include <string>

namespace keruen::risk {
namespace {

LaneConfig NoRandom() {
  LaneConfig c;
  c.random_rate = 0;
  return c;
}

TEST(Lanes, NamesRoundTrip) {
  for (Lane lane : kAllLanes) EXPECT_EQ(ParseLane(LaneName(lane)), lane);
  EXPECT_FALSE(ParseLane("purple").has_value());
}

TEST(Lanes, ScoreSelectsTheStrictestLaneReached) {
  LaneSelector s(NoRandom());
  EXPECT_EQ(s.Select("a", 10).lane, Lane::kGreen);
  EXPECT_EQ(s.Select("b", 25).lane, Lane::kBlue);
  EXPECT_EQ(s.Select("c", 40).lane, Lane::kYellow);
  const LaneChoice red = s.Select("d", 95);
  EXPECT_EQ(red.lane, Lane::kRed);
  ASSERT_FALSE(red.reasons.empty());
  EXPECT_NE(red.reasons[0].find("red threshold 80"), std::string::npos) << red.reasons[0];
}

TEST(Lanes, FloorRaisesButNeverLowers) {
  LaneSelector s(NoRandom());
  const LaneChoice raised = s.Select("a", 0, Lane::kRed, "profile electronics-ru");
  EXPECT_EQ(raised.lane, Lane::kRed);
  EXPECT_NE(raised.reasons.back().find("profile electronics-ru"), std::string::npos);
  EXPECT_EQ(s.Select("b", 95, Lane::kYellow).lane, Lane::kRed);
}

TEST(Lanes, MinimumRandomRateIsKeptAndRepeatable) {
  LaneConfig c = NoRandom();
  c.random_rate = 0.05;
  LaneSelector s(c);
  int picked = 0;
  for (int i = 0; i < 20000; ++i) {
    if (s.Select("D" + std::to_string(i), 0).lane == Lane::kYellow) ++picked;
  }
  EXPECT_NEAR(picked / 20000.0, 0.05, 0.01);
  // The same declaration gets the same lane from another selector: the draw is a hash.
  LaneSelector again(c);
  for (int i = 0; i < 200; ++i) {
    const std::string id = "D" + std::to_string(i);
    EXPECT_EQ(LaneSelector(c).Select(id, 0).lane, again.Select(id, 0).lane) << id;
  }
}

TEST(Lanes, ExpectedRatesTopUpStrictestFirst) {
  LaneConfig c = NoRandom();
  c.red_rate = 0.01;
  c.yellow_rate = 0.10;
  LaneSelector s(c);
  int red = 0, yellow = 0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    const Lane lane = s.Select("D" + std::to_string(i), 0).lane;
    red += lane == Lane::kRed;
    yellow += lane == Lane::kYellow;
  }
  EXPECT_NEAR(red / double(n), 0.01, 0.005);
  EXPECT_NEAR(yellow / double(n), 0.10, 0.02);
}

TEST(Lanes, ExpectedRateIsAFloorNotACap) {
  LaneConfig c = NoRandom();
  c.red_rate = 0.01;
  LaneSelector s(c);
  // Every declaration scores red: none is moved out of red to keep to 1 %.
  for (int i = 0; i < 500; ++i) EXPECT_EQ(s.Select("D" + std::to_string(i), 100).lane, Lane::kRed);
  EXPECT_EQ(s.recent_counts()[static_cast<int>(Lane::kRed)], 500);
}

}  // namespace
}  // namespace keruen::risk
