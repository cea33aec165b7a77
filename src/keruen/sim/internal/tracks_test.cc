#include "keruen/sim/internal/tracks.h"

#include <gtest/gtest.h>

#include <map>

#include "keruen/tracking/geo/geodesy.h"

namespace keruen::sim_internal {
namespace {

using tracking::DistanceKm;
using tracking::LatLon;
using tracking::RoutePointKind;

constexpr Timestamp kStart = 1772352000;  // 2026-03-01T08:00:00Z

// A 1,100 km route north to south through two towns.
Route LongRoute() {
  return Route({{"start", {54, 60}, RoutePointKind::kPost},
                {"town 1", {50, 60}, RoutePointKind::kTown},
                {"town 2", {47, 60}, RoutePointKind::kTown},
                {"end", {44, 60}, RoutePointKind::kPost}});
}

TEST(DriveTrackTest, ReportsFollowTheRouteAtRoadSpeeds) {
  TrackPlan plan{.route = LongRoute()};
  plan.start = kStart;
  plan.start_wait_s = 1800;
  plan.end_wait_s = 4 * 3600;
  plan.devices = {"ENS-KZ-00000001", "ENS-KZ-00000002"};
  Rng rng(21);
  std::vector<SealPing> pings;
  const Timestamp end = DriveTrack(plan, TrackSampling{300, 1800}, rng, pings);
  std::map<std::string, std::vector<SealPing>> by_device;
  for (const SealPing& p : pings) by_device[p.device].push_back(p);
  ASSERT_EQ(by_device.size(), 2u);
  for (const auto& [device, track] : by_device) {
    ASSERT_GT(track.size(), 200u);
    EXPECT_LT(DistanceKm({track.front().lat, track.front().lon}, {54, 60}), 1.0);
    EXPECT_LT(DistanceKm({track.back().lat, track.back().lon}, {44, 60}), 0.1);
    EXPECT_EQ(track.back().ts, end);
    double rested_s = 0;
    for (size_t i = 1; i < track.size(); ++i) {
      const double dt = static_cast<double>(track[i].ts - track[i - 1].ts);
      ASSERT_GT(dt, 0) << device;
      ASSERT_LE(dt, 1800) << device;
      const double km =
          DistanceKm({track[i - 1].lat, track[i - 1].lon}, {track[i].lat, track[i].lon});
      EXPECT_LT(km / dt * 3600, 100) << "at " << i;
      if (track[i - 1].speed_kmh == 0 && km < 0.05) rested_s += dt;
    }
    // 1,100 km takes two driving days: at least one night's rest and the waits.
    EXPECT_GT(rested_s, 8 * 3600);
    EXPECT_GT(end - kStart, 16 * 3600);
    EXPECT_LT(end - kStart, 60 * 3600);
  }
}

TEST(DriveTrackTest, PlannedStopReportsItsEvent) {
  TrackPlan plan{.route = LongRoute()};
  plan.start = kStart;
  plan.stops = {{600, 7200, "01"}};
  plan.devices = {"ENS-KZ-00000003"};
  Rng rng(22);
  std::vector<SealPing> pings;
  DriveTrack(plan, TrackSampling{300, 1800}, rng, pings);
  int events = 0;
  for (const SealPing& p : pings) {
    if (p.event != "01") continue;
    ++events;
    EXPECT_LT(DistanceKm({p.lat, p.lon}, plan.route.Locate(600).position), 2.0);
  }
  EXPECT_EQ(events, 1);
}

TEST(WithDetourTest, LeavesTheRouteAndComesBack) {
  const Route route = LongRoute();
  double apex_km = 0;
  const Route detour = WithDetour(route, 500, 100, 40, /*to_left=*/true, &apex_km);
  const LatLon apex = detour.Locate(apex_km).position;
  EXPECT_NEAR(route.DistanceKm(apex), 100, 2);
  // Heading south, left is east.
  EXPECT_GT(apex.lon, 60.5);
  EXPECT_LT(DistanceKm(detour.points().back().position, route.points().back().position), 1e-6);
  // The far point is where the truck unloads: it slows there as in a town.
  int towns_at_apex = 0;
  for (size_t i = 0; i < detour.points().size(); ++i) {
    if (detour.KmAt(i) == apex_km && detour.points()[i].kind == RoutePointKind::kTown) {
      ++towns_at_apex;
    }
  }
  EXPECT_EQ(towns_at_apex, 1);
  EXPECT_GT(detour.length_km(), route.length_km() + 150);
}

}  // namespace
}  // namespace keruen::sim_internal
