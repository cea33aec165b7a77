#include "keruen/tracking/geo/route.h"

#include <gtest/gtest.h>

namespace keruen::tracking {
namespace {

// Along the equator every degree is pi * R / 180 = 111.19508 km, on the line and off it.
constexpr double kDeg = 111.19508;

Route EquatorRoute() {
  return Route({{"A", {0, 0}}, {"B", {0, 1}}, {"C", {0, 2}}, {"D", {0, 3}}}, {"X"});
}

TEST(RouteTest, LengthAndPoints) {
  const Route route = EquatorRoute();
  EXPECT_NEAR(route.length_km(), 3 * kDeg, 1e-3);
  ASSERT_EQ(route.points().size(), 4u);
  EXPECT_EQ(route.points()[2].name, "C");
  EXPECT_EQ(route.corridor_ids(), std::vector<std::string>{"X"});
  EXPECT_EQ(route.connector_km(), 0);
}

TEST(RouteTest, DistanceAndProgress) {
  const Route route = EquatorRoute();
  EXPECT_NEAR(route.DistanceKm({0, 1}), 0, 1e-9);
  EXPECT_NEAR(route.DistanceKm({0.5, 1.5}), 0.5 * kDeg, 0.01);
  EXPECT_NEAR(route.DistanceKm({-0.2, 2.25}), 0.2 * kDeg, 0.01);
  EXPECT_NEAR(route.ProgressKm({0.5, 1.5}), 1.5 * kDeg, 0.01);
  // Before the start and past the end the nearest points are the ends.
  EXPECT_NEAR(route.DistanceKm({0, -1}), kDeg, 0.01);
  EXPECT_NEAR(route.ProgressKm({0, -1}), 0, 1e-9);
  EXPECT_NEAR(route.ProgressKm({0.1, 4}), route.length_km(), 1e-9);
  const RouteMatch m = route.Match({0.3, 2.6});
  EXPECT_EQ(m.segment, 2u);
}

TEST(RouteTest, HintFollowsAMovingTruckAndAgreesWithTheFullSearch) {
  const Route route = EquatorRoute();
  size_t hint = 0;
  double last_progress = -1;
  for (double lon = 0; lon <= 3; lon += 0.05) {
    const LatLon p{0.02, lon};
    const RouteMatch full = route.Match(p);
    const RouteMatch local = route.Match(p, &hint);
    EXPECT_DOUBLE_EQ(local.distance_km, full.distance_km);
    EXPECT_DOUBLE_EQ(local.progress_km, full.progress_km);
    EXPECT_EQ(hint, local.segment);
    EXPECT_GT(local.progress_km, last_progress);  // going forward
    last_progress = local.progress_km;
  }
  EXPECT_EQ(hint, 2u);
  // A jump far from the hinted stretch falls back to the full search.
  hint = 0;
  EXPECT_NEAR(route.DistanceKm({0.5, 2.5}, &hint), 0.5 * kDeg, 0.01);
  EXPECT_EQ(hint, 2u);
  // A stale hint beyond the last segment is clamped, not read out of range.
  hint = 99;
  EXPECT_NEAR(route.DistanceKm({0, 0.5}, &hint), 0, 1e-9);
  EXPECT_EQ(hint, 0u);
}

TEST(RouteTest, KmAtAndLocateWalkTheRoute) {
  const Route route = EquatorRoute();
  EXPECT_EQ(route.KmAt(0), 0);
  EXPECT_NEAR(route.KmAt(2), 2 * kDeg, 1e-3);
  EXPECT_NEAR(route.KmAt(3), route.length_km(), 1e-9);
  const RouteLocation mid = route.Locate(1.5 * kDeg);
  EXPECT_NEAR(mid.position.lat, 0, 1e-9);
  EXPECT_NEAR(mid.position.lon, 1.5, 1e-6);
  EXPECT_NEAR(mid.north, 0, 1e-9);  // eastwards along the equator
  EXPECT_NEAR(mid.east, 1, 1e-9);
  // At a point the segment starting there gives the direction; beyond the ends, the ends.
  EXPECT_NEAR(route.Locate(kDeg).position.lon, 1, 1e-6);
  EXPECT_NEAR(route.Locate(-5).position.lon, 0, 1e-9);
  EXPECT_NEAR(route.Locate(1e9).position.lon, 3, 1e-9);
  EXPECT_NEAR(route.Locate(1e9).east, 1, 1e-9);
}

TEST(RouteTest, LocateGivesTheDirectionOfTravelOnABentRoute) {
  // North along the meridian, then west along the 1st parallel.
  const Route route({{"A", {0, 10}}, {"B", {1, 10}}, {"C", {1, 9}, RoutePointKind::kTown}});
  const RouteLocation north = route.Locate(kDeg / 2);
  EXPECT_NEAR(north.position.lat, 0.5, 1e-6);
  EXPECT_NEAR(north.north, 1, 1e-9);
  EXPECT_NEAR(north.east, 0, 1e-9);
  const RouteLocation west = route.Locate(route.length_km() - 1);
  EXPECT_NEAR(west.north, 0, 1e-9);
  EXPECT_NEAR(west.east, -1, 1e-9);
  EXPECT_LT(DistanceKm(west.position, {1, 9}), 1.01);
  EXPECT_EQ(route.points()[2].kind, RoutePointKind::kTown);
  EXPECT_EQ(route.points()[0].kind, RoutePointKind::kOther);
}

TEST(RouteTest, OnePointRoute) {
  const Route route({{"P", {0, 0}}});
  EXPECT_EQ(route.length_km(), 0);
  EXPECT_EQ(route.KmAt(0), 0);
  EXPECT_NEAR(route.Locate(10).position.lon, 0, 1e-12);
  EXPECT_EQ(route.Locate(10).north, 0);
  EXPECT_NEAR(route.DistanceKm({0, 1}), kDeg, 1e-3);
  size_t hint = 5;
  EXPECT_NEAR(route.DistanceKm({1, 0}, &hint), kDeg, 1e-3);
}

}  // namespace
}  // namespace keruen::tracking
