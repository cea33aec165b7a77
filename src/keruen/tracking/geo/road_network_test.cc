#include "keruen/tracking/geo/road_network.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <numbers>

namespace keruen::tracking {
namespace {

using ::testing::HasSubstr;

struct Fixture {
  BorderPosts posts;
  RoadNetwork network;
};

const Fixture& Data() {
  static const Fixture* data = [] {
    auto posts = BorderPosts::LoadDefault();
    EXPECT_TRUE(posts) << posts.error().ToString();
    auto network = RoadNetwork::LoadDefault(*posts);
    EXPECT_TRUE(network) << network.error().ToString();
    return new Fixture{std::move(*posts), std::move(*network)};
  }();
  return *data;
}

std::vector<std::string> Names(const Route& route) {
  std::vector<std::string> names;
  for (const RoutePoint& p : route.points()) names.push_back(p.name);
  return names;
}

// The point `km` away from `from` on initial bearing `bearing_deg` (spherical "destination
// point" formula, Movable Type Scripts / Ed Williams' Aviation Formulary).
LatLon Destination(LatLon from, double bearing_deg, double km) {
  const double r = std::numbers::pi / 180, d = km / 6371.0088, th = bearing_deg * r;
  const double lat1 = from.lat * r, lon1 = from.lon * r;
  const double lat2 =
      std::asin(std::sin(lat1) * std::cos(d) + std::cos(lat1) * std::sin(d) * std::cos(th));
  const double lon2 = lon1 + std::atan2(std::sin(th) * std::sin(d) * std::cos(lat1),
                                        std::cos(d) - std::sin(lat1) * std::sin(lat2));
  return {lat2 / r, lon2 / r};
}

double Bearing(LatLon a, LatLon b) {
  const double r = std::numbers::pi / 180;
  const double y = std::sin((b.lon - a.lon) * r) * std::cos(b.lat * r);
  const double x = std::cos(a.lat * r) * std::sin(b.lat * r) -
                   std::sin(a.lat * r) * std::cos(b.lat * r) * std::cos((b.lon - a.lon) * r);
  return std::atan2(y, x) / r;
}

TEST(RoadNetworkTest, KhorgosToZhaisanPassesAlmatyAndAktobe) {
  auto route = Data().network.RouteBetween("KZ-BCP-040", "KZ-BCP-008");
  ASSERT_TRUE(route) << route.error().ToString();
  const auto names = Names(*route);
  EXPECT_EQ(names.front(), "Nur Zholy border crossing");
  EXPECT_EQ(names.back(), "Zhaisan border crossing");
  EXPECT_THAT(names,
              ::testing::IsSupersetOf({"Almaty", "Taraz", "Shymkent", "Kyzylorda", "Aktobe"}));
  EXPECT_EQ(route->connector_km(), 0);
  EXPECT_FALSE(route->corridor_ids().empty());
  // Longer than the straight line, shorter than twice it.
  const double straight = DistanceKm({44.1574, 80.4023}, {50.8564, 56.1465});
  EXPECT_GT(route->length_km(), straight);
  EXPECT_LT(route->length_km(), 2 * straight);
}

TEST(RoadNetworkTest, KordaiToZhibekZholyStaysInKazakhstan) {
  auto route = Data().network.RouteBetween("KZ-BCP-044", "KZ-BCP-047");
  ASSERT_TRUE(route) << route.error().ToString();
  const auto names = Names(*route);
  EXPECT_EQ(names.front(), "Kordai border crossing");
  EXPECT_EQ(names.back(), "Zhibek Zholy border crossing");
  EXPECT_THAT(names, ::testing::IsSupersetOf({"Taraz", "Shymkent"}));
  EXPECT_THAT(names, ::testing::Not(::testing::Contains("Bishkek")));
}

TEST(RoadNetworkTest, RoutePointsAreOnTheRouteAndAnOffsetPointIsOff) {
  auto route = Data().network.RouteBetween("KZ-BCP-044", "KZ-BCP-047");
  ASSERT_TRUE(route);
  for (const RoutePoint& p : route->points()) {
    EXPECT_NEAR(route->DistanceKm(p.position), 0, 1e-6) << p.name;
  }
  EXPECT_NEAR(route->ProgressKm(route->points().back().position), route->length_km(), 1e-6);
  // 60 km off the middle of the longest segment, at right angles to it.
  size_t longest = 0;
  for (size_t i = 0; i + 1 < route->points().size(); ++i) {
    if (DistanceKm(route->points()[i].position, route->points()[i + 1].position) >
        DistanceKm(route->points()[longest].position, route->points()[longest + 1].position)) {
      longest = i;
    }
  }
  const LatLon a = route->points()[longest].position, b = route->points()[longest + 1].position;
  const LatLon mid = Destination(a, Bearing(a, b), DistanceKm(a, b) / 2);
  EXPECT_NEAR(route->DistanceKm(mid), 0, 0.5);
  const LatLon off = Destination(mid, Bearing(a, b) + 90, 60);
  EXPECT_NEAR(route->DistanceKm(off), 60, 1.0);
}

TEST(RoadNetworkTest, PostOffTheCorridorsUsesAConnector) {
  // Aisha-Bibi is on no corridor; it joins at Taraz, 16 km away.
  auto route = Data().network.RouteBetween("KZ-BCP-041", "KZ-BCP-044");
  ASSERT_TRUE(route) << route.error().ToString();
  EXPECT_EQ(route->points().front().name, "Aisha-Bibi");
  EXPECT_GT(route->connector_km(), 10);
  EXPECT_LT(route->connector_km(), 30);
  EXPECT_EQ(route->points().back().name, "Kordai border crossing");
}

TEST(RoadNetworkTest, KhorgosToTashkentRunsThroughAlmatyAndShymkent) {
  auto route = Data().network.RouteBetween("KZ-BCP-040", "KZ-BCP-047");
  ASSERT_TRUE(route) << route.error().ToString();
  EXPECT_THAT(Names(*route), ::testing::IsSupersetOf({"Almaty", "Shymkent"}));
  // About 1,150 km by road (Khorgos - Almaty 330, Almaty - Shymkent 690, Shymkent - Zhibek
  // Zholy 120); straight lines between waypoints make it a little shorter.
  EXPECT_GT(route->length_km(), 900);
  EXPECT_LT(route->length_km(), 1400);
  EXPECT_EQ(route->points().front().kind, RoutePointKind::kPost);
  EXPECT_EQ(route->points().back().kind, RoutePointKind::kPost);
  EXPECT_LT(DistanceKm(route->points().front().position, {44.1574, 80.4023}), 0.01);
  EXPECT_LT(DistanceKm(route->points().back().position, {41.4717, 69.3586}), 0.01);
}

TEST(RoadNetworkTest, ExportsLeaveFromATown) {
  auto route = Data().network.RouteFromTown("Almaty", "KZ-BCP-044");
  ASSERT_TRUE(route) << route.error().ToString();
  EXPECT_EQ(route->points().front().name, "Almaty");
  EXPECT_EQ(route->points().front().kind, RoutePointKind::kTown);
  EXPECT_EQ(route->points().back().name, "Kordai border crossing");
  EXPECT_EQ(route->connector_km(), 0);
  // Almaty - Kordai is about 250 km by road; straight lines between waypoints are shorter.
  EXPECT_GT(route->length_km(), 150);
  EXPECT_LT(route->length_km(), 300);
  // A town that is not on the network, and a post that is not a town.
  EXPECT_EQ(Data().network.RouteFromTown("Atlantis", "KZ-BCP-044").error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(Data().network.RouteFromTown("Kordai border crossing", "KZ-BCP-040").error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(Data().network.RouteFromTown("Almaty", "KZ-BCP-999").error().code,
            ErrorCode::kNotFound);
}

TEST(RoadNetworkTest, ARouteFromAPositionJoinsTheRoadLikeAnOffCorridorPost) {
  // 30 km south of Taraz, on no corridor.
  const auto taraz = Data().network.RouteFromTown("Taraz", "KZ-BCP-047");
  ASSERT_TRUE(taraz);
  const LatLon start = Destination(taraz->points().front().position, 180, 30);
  auto route = Data().network.RouteFromPosition(start, "KZ-BCP-047");
  ASSERT_TRUE(route) << route.error().ToString();
  EXPECT_EQ(route->points().front().kind, RoutePointKind::kOther);
  EXPECT_NEAR(route->points().front().position.lat, start.lat, 1e-12);
  EXPECT_EQ(route->points()[1].name, "Taraz");
  EXPECT_NEAR(route->connector_km(), 30, 0.1);
  EXPECT_NEAR(route->length_km(), taraz->length_km() + 30, 0.1);
  // A position on a node is that node: no connector.
  auto on_node = Data().network.RouteFromPosition(taraz->points().front().position, "KZ-BCP-047");
  ASSERT_TRUE(on_node);
  EXPECT_EQ(on_node->points().front().name, "Taraz");
  EXPECT_EQ(on_node->connector_km(), 0);
  EXPECT_NEAR(on_node->length_km(), taraz->length_km(), 1e-9);
  EXPECT_EQ(Data().network.RouteFromPosition(start, "KZ-BCP-001").error().code,
            ErrorCode::kInvalidArgument);  // Akbalshyk has no coordinates
  EXPECT_EQ(Data().network.RouteFromPosition({std::nan(""), 70}, "KZ-BCP-047").error().code,
            ErrorCode::kInvalidArgument);
}

TEST(RoadNetworkTest, EveryPairOfPostsWithCoordinatesHasARoute) {
  int pairs = 0;
  for (const BorderPost& from : Data().posts.all()) {
    for (const BorderPost& to : Data().posts.all()) {
      if (&from == &to || !from.lat || !to.lat) continue;
      auto route = Data().network.RouteBetween(from.id, to.id);
      ASSERT_TRUE(route) << from.id << " -> " << to.id << ": " << route.error().ToString();
      const double straight = DistanceKm({*from.lat, *from.lon}, {*to.lat, *to.lon});
      EXPECT_GE(route->length_km(), straight - 1e-6) << from.id << " -> " << to.id;
      EXPECT_NEAR(route->DistanceKm({*from.lat, *from.lon}), 0, 1e-6);
      EXPECT_NEAR(route->DistanceKm({*to.lat, *to.lon}), 0, 1e-6);
      // A route does not run through a post (that would leave the country): connectors join
      // posts to towns only, and though the graph does not forbid passing a post on a
      // corridor, no shortest route on the committed table does.
      const auto& points = route->points();
      for (size_t i = 1; i + 1 < points.size(); ++i) {
        EXPECT_EQ(points[i].kind, RoutePointKind::kTown)
            << from.id << " -> " << to.id << " passes " << points[i].name;
      }
      ++pairs;
    }
  }
  EXPECT_EQ(pairs, 41 * 40);  // 41 of the 47 posts have coordinates
}

TEST(RoadNetworkTest, ClearErrors) {
  auto unknown = Data().network.RouteBetween("KZ-BCP-999", "KZ-BCP-044");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  auto no_coordinates = Data().network.RouteBetween("KZ-BCP-044", "KZ-BCP-001");
  ASSERT_FALSE(no_coordinates);
  EXPECT_THAT(no_coordinates.error().message, HasSubstr("no known coordinates"));
  auto same = Data().network.RouteBetween("KZ-BCP-044", "KZ-BCP-044");
  ASSERT_FALSE(same);
  EXPECT_EQ(same.error().code, ErrorCode::kInvalidArgument);
}

TEST(RoadNetworkTest, MalformedCorridorsNameFileLineAndField) {
  const std::string header = "# test\ncorridor_id,name,seq,waypoint,country,post_id,lat,lon\n";
  const std::string good = "C1,Test,1,Almaty,KZ,,43.2775,76.8958\n";
  struct Case {
    std::string row;
    std::string field;
  };
  const Case cases[] = {
      {"C1,Test,2,Taraz,KZ,,142.9,71.3667", "lat"},
      {"C1,Test,2,Taraz,KZ,,42.9,", "lon"},
      {"C1,Test,1,Taraz,KZ,,42.9,71.3667", "seq"},
      {"C1,Test,2,Taraz,XX,,42.9,71.3667", "country"},
      {"C1,Test,2,Taraz,KZ,KZ-BCP-999,42.9,71.3667", "post_id"},
      {"C1,Test,2,,KZ,,42.9,71.3667", "waypoint"},
  };
  int n = 0;
  for (const Case& c : cases) {
    const std::string path = ::testing::TempDir() + "/corridors_" + std::to_string(n++) + ".csv";
    std::ofstream(path) << header << good << c.row << "\n";
    auto network = RoadNetwork::Load(path, Data().posts);
    ASSERT_FALSE(network) << c.row;
    EXPECT_EQ(network.error().source, path);
    EXPECT_EQ(network.error().line, 4) << c.row;
    EXPECT_EQ(network.error().field, c.field) << c.row;
  }
}

}  // namespace
}  // namespace keruen::tracking
