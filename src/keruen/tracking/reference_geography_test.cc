#include <gtest/gtest.h>

#include "keruen/tracking/geography.h"

namespace keruen::tracking {
namespace {

class ReferenceGeographyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto made = MakeReferenceGeography();
    ASSERT_TRUE(made.has_value()) << made.error().ToString();
    geography_ = made->release();
  }
  static void TearDownTestSuite() { delete geography_; }
  static Geography* geography_;
};
Geography* ReferenceGeographyTest::geography_ = nullptr;

TEST_F(ReferenceGeographyTest, CountriesPostsAndTowns) {
  ASSERT_NE(geography_, nullptr);
  EXPECT_EQ(geography_->CountryAt(43.2389, 76.8897), "KZ");  // Almaty
  EXPECT_EQ(geography_->CountryAt(55.7558, 37.6173), "RU");  // Moscow
  EXPECT_EQ(geography_->CountryAt(42.8746, 74.5698), "KG");  // Bishkek
  EXPECT_EQ(geography_->CountryAt(48.8566, 2.3522), "");     // Paris: outside the map
  EXPECT_EQ(geography_->DistanceToCountryKm(55.7558, 37.6173, "RU"), 0);
  // Oral is about 50-70 km from the Russian border; Almaty far from it.
  EXPECT_LT(geography_->DistanceToCountryKm(51.2333, 51.3667, "RU"), 100);
  EXPECT_GT(geography_->DistanceToCountryKm(43.2389, 76.8897, "RU"), 500);
  const BorderPost* kordai = geography_->PostNear(43.03, 74.71, 5);
  ASSERT_NE(kordai, nullptr);
  EXPECT_EQ(kordai->id, "KZ-BCP-044");
  EXPECT_EQ(geography_->PostNear(47.0, 70.0, 5), nullptr);
  EXPECT_TRUE(geography_->IsRestArea(43.2389, 76.8897));  // Almaty
  EXPECT_FALSE(geography_->IsRestArea(46.5, 72.0));       // the Betpak-Dala steppe
}

TEST_F(ReferenceGeographyTest, RoutesFollowTheCorridorsAndAreShared) {
  ASSERT_NE(geography_, nullptr);
  // Nur Zholy (China) to Kordai (Kyrgyzstan) runs through Almaty.
  auto route = geography_->RouteBetween("KZ-BCP-040", "KZ-BCP-044");
  ASSERT_TRUE(route.has_value()) << route.error().ToString();
  size_t hint = 0;
  EXPECT_LT((*route)->Probe(43.2389, 76.8897, hint).distance_km, 30);
  EXPECT_GT((*route)->LengthKm(), 450);  // waypoint to waypoint, shorter than the road
  EXPECT_LT((*route)->LengthKm(), 900);
  EXPECT_GT((*route)->Probe(46.5, 72.0, hint).distance_km, 200);
  auto again = geography_->RouteBetween("KZ-BCP-040", "KZ-BCP-044");
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(route->get(), again->get());
  EXPECT_FALSE(geography_->RouteBetween("KZ-BCP-040", "KZ-BCP-999").has_value());
}

TEST_F(ReferenceGeographyTest, AnExportsRouteRunsFromWhereItsTruckStarts) {
  ASSERT_NE(geography_, nullptr);
  // A truck sealed at an Almaty terminal, 8 km off the waypoint, bound for Kordai: its route
  // starts there and runs through the corridor to the post.
  auto route = geography_->RouteFrom(43.35, 76.95, "KZ-BCP-044");
  ASSERT_TRUE(route.has_value()) << route.error().ToString();
  const auto points = (*route)->Points();
  EXPECT_EQ(points.front(), std::make_pair(43.35, 76.95));
  EXPECT_NEAR(points.back().first, 43.0254, 1e-3);  // Kordai border crossing
  size_t hint = 0;
  EXPECT_NEAR((*route)->Probe(43.35, 76.95, hint).distance_km, 0, 1e-6);
  EXPECT_LT((*route)->Probe(43.0388, 74.7129, hint).distance_km, 1);  // Kordai town
  EXPECT_GT((*route)->LengthKm(), 150);
  EXPECT_LT((*route)->LengthKm(), 350);
  EXPECT_FALSE(geography_->RouteFrom(43.35, 76.95, "KZ-BCP-999").has_value());
  EXPECT_FALSE(geography_->RouteFrom(43.35, 76.95, "KZ-BCP-001").has_value());  // no coordinates
}

TEST_F(ReferenceGeographyTest, AMovementsApprovedRouteIsTheOneTheMonitorApplies) {
  ASSERT_NE(geography_, nullptr);
  Movement transit;
  transit.entry_post_id = "KZ-BCP-040";
  transit.exit_post_id = "KZ-BCP-044";
  const auto between = ApprovedRouteOf(*geography_, transit, std::nullopt);
  ASSERT_NE(between, nullptr);
  EXPECT_EQ(between.get(), geography_->RouteBetween("KZ-BCP-040", "KZ-BCP-044")->get());

  Movement exported;
  exported.exit_post_id = "KZ-BCP-044";
  EXPECT_EQ(ApprovedRouteOf(*geography_, exported, std::nullopt), nullptr);  // no position yet
  const auto from_start = ApprovedRouteOf(*geography_, exported, std::make_pair(43.35, 76.95));
  ASSERT_NE(from_start, nullptr);
  EXPECT_EQ(from_start->Points().front(), std::make_pair(43.35, 76.95));

  Movement nowhere;
  nowhere.entry_post_id = "KZ-BCP-040";
  EXPECT_EQ(ApprovedRouteOf(*geography_, nowhere, std::make_pair(43.35, 76.95)), nullptr);
  nowhere.exit_post_id = "KZ-BCP-999";
  EXPECT_EQ(ApprovedRouteOf(*geography_, nowhere, std::nullopt), nullptr);
}

}  // namespace
}  // namespace keruen::tracking
