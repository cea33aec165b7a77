#include "keruen/sim/internal/roads.h"

#include <gtest/gtest.h>

#include "keruen/core/paths.h"

namespace keruen::sim_internal {
namespace {

class RoadNetworkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto posts = BorderPosts::LoadDefault();
    ASSERT_TRUE(posts) << posts.error().ToString();
    posts_ = std::move(*posts);
    auto net = RoadNetwork::Load(RepoDataPath("corridors.csv"), posts_);
    ASSERT_TRUE(net) << net.error().ToString();
    net_ = std::move(*net);
  }
  GeoPoint Town(std::string_view name) { return net_.nodes()[*net_.TownNode(name)].at; }

  BorderPosts posts_;
  RoadNetwork net_;
};

TEST_F(RoadNetworkTest, KhorgosToTashkentRoadRunsThroughAlmatyAndShymkent) {
  const Route* r = net_.Path(*net_.PostNode("KZ-BCP-040"), *net_.PostNode("KZ-BCP-047"));
  ASSERT_NE(r, nullptr);
  EXPECT_GT(r->length_km(), 900);
  EXPECT_LT(r->length_km(), 1400);
  EXPECT_LT(DistanceToPolylineKm(Town("Almaty"), r->points()), 1.0);
  EXPECT_LT(DistanceToPolylineKm(Town("Shymkent"), r->points()), 1.0);
  EXPECT_LT(DistanceKm(r->points().front(), GeoPoint{44.1574, 80.4023}), 0.01);
  EXPECT_LT(DistanceKm(r->points().back(), GeoPoint{41.4717, 69.3586}), 0.01);
}

TEST_F(RoadNetworkTest, ZhaisanToKordaiFollowsTheWesternCorridor) {
  const Route* r = net_.Path(*net_.PostNode("KZ-BCP-008"), *net_.PostNode("KZ-BCP-044"));
  ASSERT_NE(r, nullptr);
  for (const char* town : {"Aktobe", "Kyzylorda", "Shymkent", "Taraz"}) {
    EXPECT_LT(DistanceToPolylineKm(Town(town), r->points()), 1.0) << town;
  }
  // About 2,300 km by road; straight lines between waypoints make it a little shorter.
  EXPECT_GT(r->length_km(), 1700);
  EXPECT_LT(r->length_km(), 2600);
}

TEST_F(RoadNetworkTest, DostykIsReachableAndPostsOnlyEndRoutes) {
  const size_t dostyk = *net_.PostNode("KZ-BCP-037");
  const Route* r = net_.Path(dostyk, *net_.PostNode("KZ-BCP-044"));
  ASSERT_NE(r, nullptr);
  // No border post inside a route: its inner points are all towns.
  for (size_t i = 1; i + 1 < r->points().size(); ++i) {
    for (const BorderPost& p : posts_.all()) {
      if (!p.lat) continue;
      EXPECT_GT(DistanceKm(r->points()[i], GeoPoint{*p.lat, *p.lon}), 0.5) << p.name;
    }
  }
}

TEST_F(RoadNetworkTest, OffCorridorPostsJoinByLocalRoad) {
  // Aisha-Bibi has no corridor; it joins at Taraz.
  const auto aisha = net_.PostNode("KZ-BCP-041");
  ASSERT_TRUE(aisha);
  EXPECT_TRUE(net_.PathKm(*net_.TownNode("Almaty"), *aisha));
  // Posts without coordinates are not on the network.
  EXPECT_FALSE(net_.PostNode("KZ-BCP-001"));
}

TEST(GeoTest, DistancesAndOffsets) {
  EXPECT_NEAR(DistanceKm({43.2775, 76.8958}, {51.1472, 71.4222}), 970, 15);  // Almaty-Astana
  const GeoPoint p = Offset({45, 70}, 10, 0);
  EXPECT_NEAR(DistanceKm({45, 70}, p), 10, 0.05);
  const GeoPoint line[] = {{45, 69}, {45, 71}};
  EXPECT_NEAR(DistanceToPolylineKm(p, line), 10, 0.1);
  EXPECT_NEAR(DistanceToPolylineKm(Offset({45, 71}, 0, 20), line), 20, 0.2);
}

TEST(RouteTest, LocatesPointsAndDirection) {
  const Route r({{45, 70}, {46, 70}}, {false, true});
  EXPECT_NEAR(r.length_km(), 111.2, 0.5);
  const Route::Place mid = r.Locate(r.length_km() / 2);
  EXPECT_NEAR(mid.at.lat, 45.5, 1e-6);
  EXPECT_NEAR(mid.north, 1, 1e-9);
  EXPECT_NEAR(mid.east, 0, 1e-9);
  EXPECT_EQ(r.town_km().size(), 1u);
  EXPECT_NEAR(r.Locate(1e9).at.lat, 46, 1e-9);
}

}  // namespace
}  // namespace keruen::sim_internal
