#include "keruen/tracking/geo/geodesy.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>

namespace keruen::tracking {
namespace {

TEST(DistanceKmTest, QuarterOfTheEquatorIsAQuarterCircumference) {
  // Analytic: a quarter great circle is pi/2 * R.
  EXPECT_NEAR(DistanceKm({0, 0}, {0, 90}), std::numbers::pi / 2 * 6371.0088, 1e-6);
}

TEST(DistanceKmTest, OneDegreeOfLatitude) {
  // pi * R / 180 = 111.195 km on any meridian.
  EXPECT_NEAR(DistanceKm({51, 71}, {52, 71}), 111.19508, 1e-4);
}

TEST(DistanceKmTest, RosettaCodeHaversineExample) {
  // Rosetta Code "Haversine formula": Nashville BNA (36.12, -86.67) to Los Angeles LAX
  // (33.94, -118.40) is 2887.2599506 km with R = 6372.8 km; scaled to R = 6371.0088 km.
  EXPECT_NEAR(DistanceKm({36.12, -86.67}, {33.94, -118.40}), 2887.2599506 * 6371.0088 / 6372.8,
              1e-3);
}

TEST(DistanceKmTest, AlmatyToAstana) {
  // City points of cities.csv; 967.16 km computed independently with Python's math module
  // (haversine, R = 6371.0088); published great-circle figures give ~970 km.
  EXPECT_NEAR(DistanceKm({43.2775, 76.8958}, {51.1472, 71.4222}), 967.16, 0.01);
}

TEST(DistanceKmTest, SymmetricAndZeroForTheSamePoint) {
  const LatLon a{43.2775, 76.8958}, b{42.3167, 69.5958};
  EXPECT_DOUBLE_EQ(DistanceKm(a, b), DistanceKm(b, a));
  EXPECT_EQ(DistanceKm(a, a), 0);
  // Tiny distances stay accurate: 1e-5 degree of latitude is 1.11 m.
  EXPECT_NEAR(DistanceKm(a, {a.lat + 1e-5, a.lon}), 0.00111195, 1e-7);
}

TEST(IsValidLatLonTest, RangesAndNonFinite) {
  EXPECT_TRUE(IsValidLatLon({43.2, 76.9}));
  EXPECT_TRUE(IsValidLatLon({-90, -180}));
  EXPECT_TRUE(IsValidLatLon({90, 180}));
  EXPECT_FALSE(IsValidLatLon({90.0001, 0}));
  EXPECT_FALSE(IsValidLatLon({0, -180.5}));
  EXPECT_FALSE(IsValidLatLon({std::nan(""), 0}));
  EXPECT_FALSE(IsValidLatLon({0, std::numeric_limits<double>::infinity()}));
}

TEST(OffsetKmTest, MovesByTheGivenDistancesNorthAndEast) {
  const LatLon p{45, 70};
  EXPECT_NEAR(DistanceKm(p, OffsetKm(p, 10, 0)), 10, 0.01);
  EXPECT_NEAR(DistanceKm(p, OffsetKm(p, 0, -20)), 20, 0.02);
  EXPECT_NEAR(DistanceKm(p, OffsetKm(p, 30, 40)), 50, 0.2);
  EXPECT_GT(OffsetKm(p, 10, 0).lat, p.lat);
  EXPECT_DOUBLE_EQ(OffsetKm(p, 10, 0).lon, p.lon);
  EXPECT_LT(OffsetKm(p, 0, -20).lon, p.lon);
  EXPECT_DOUBLE_EQ(OffsetKm(p, 0, -20).lat, p.lat);
}

}  // namespace
}  // namespace keruen::tracking
