#include "keruen/tracking/geo/country_map.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <iostream>
#include <random>

#include "keruen/core/csv.h"
#include "keruen/core/paths.h"

namespace keruen::tracking {
namespace {

using ::testing::HasSubstr;

const CountryMap& Map() {
  static const CountryMap* map = [] {
    auto loaded = CountryMap::LoadDefault();
    EXPECT_TRUE(loaded) << loaded.error().ToString();
    return loaded ? new CountryMap(std::move(*loaded)) : nullptr;
  }();
  return *map;
}

TEST(CountryMapTest, LoadsTheSevenCountries) {
  EXPECT_THAT(Map().countries(),
              ::testing::UnorderedElementsAre("KZ", "RU", "CN", "KG", "UZ", "TM", "TJ"));
  EXPECT_EQ(Map().countries().front(), "KZ");  // wins where simplified polygons overlap
}

TEST(CountryMapTest, KnownPlaces) {
  EXPECT_EQ(Map().CountryAt({43.2775, 76.8958}), "KZ");   // Almaty
  EXPECT_EQ(Map().CountryAt({51.1472, 71.4222}), "KZ");   // Astana
  EXPECT_EQ(Map().CountryAt({45.6167, 63.3167}), "KZ");   // Baikonur (a hole in the source)
  EXPECT_EQ(Map().CountryAt({55.7558, 37.6173}), "RU");   // Moscow
  EXPECT_EQ(Map().CountryAt({43.1155, 131.8855}), "RU");  // Vladivostok
  EXPECT_EQ(Map().CountryAt({55.0300, 82.9200}), "RU");   // Novosibirsk
  EXPECT_EQ(Map().CountryAt({39.9042, 116.4074}), "CN");  // Beijing
  EXPECT_EQ(Map().CountryAt({42.8747, 74.6122}), "KG");   // Bishkek
  EXPECT_EQ(Map().CountryAt({41.3111, 69.2797}), "UZ");   // Tashkent
  EXPECT_EQ(Map().CountryAt({38.5598, 68.7870}), "TJ");   // Dushanbe
  EXPECT_EQ(Map().CountryAt({37.9601, 58.3261}), "TM");   // Ashgabat
  // Sokh, an Uzbek enclave inside Kyrgyzstan (a hole in KG's polygon).
  EXPECT_EQ(Map().CountryAt({39.96, 71.13}), "UZ");
}

TEST(CountryMapTest, PointsOutsideTheNeighbourhoodAreEmpty) {
  EXPECT_EQ(Map().CountryAt({41.7151, 44.8271}), "");  // Tbilisi
  EXPECT_EQ(Map().CountryAt({35.6892, 51.3890}), "");  // Tehran
  EXPECT_EQ(Map().CountryAt({47.9, 106.9}), "");       // Ulaanbaatar
  EXPECT_EQ(Map().CountryAt({43.0, 50.0}), "");        // Caspian Sea
  EXPECT_EQ(Map().CountryAt({0, 0}), "");
  EXPECT_EQ(Map().CountryAt({std::nan(""), 70}), "");  // invalid input is not a crash
  EXPECT_EQ(Map().CountryAt({50, std::nan("")}), "");
  EXPECT_EQ(Map().CountryAt({-90, -180}), "");
  EXPECT_EQ(Map().CountryAt({90, 180}), "");
  EXPECT_EQ(Map().CountryAt({64.8, -147.7}), "");  // Fairbanks, beyond the antimeridian
  // Chukotka east of the antimeridian (checked against the source GeoJSON in Python).
  EXPECT_EQ(Map().CountryAt({68.5, -178.0}), "RU");
}

// Every city of the shared cities table is in its listed country, except a few within a
// few km of a border, where the simplified (and the source's 1:10m) lines may put it across.
TEST(CountryMapTest, CitiesOfTheSharedTable) {
  const auto dir = SharedDataDir();
  ASSERT_TRUE(dir.has_value()) << "shared data directory not found";
  auto table = ReadCsvTable(*dir + "/tracking/geo/cities.csv");
  ASSERT_TRUE(table) << table.error().ToString();
  const int c_name = table->Column("name"), c_iso = table->Column("country_iso2"),
            c_lat = table->Column("lat"), c_lon = table->Column("lon");
  int agree = 0, near_border = 0;
  std::string across;
  for (const auto& row : table->rows) {
    const LatLon p{std::stod(row[c_lat]), std::stod(row[c_lon])};
    const std::string& expected = row[c_iso];
    if (Map().CountryAt(p) == expected) {
      ++agree;
      continue;
    }
    ++near_border;
    across +=
        " " + row[c_name] + " (" + expected + ", found '" + std::string(Map().CountryAt(p)) + "')";
    EXPECT_LE(Map().DistanceToCountryKm(p, expected), 5.0)
        << row[c_name] << " is in " << Map().CountryAt(p) << ", not " << expected;
  }
  EXPECT_EQ(agree + near_border, 219);
  EXPECT_LE(near_border, 5);
  std::cout << "cities: " << agree << " in their country, " << near_border
            << " across a border within 5 km:" << across << "\n";
}

// The grid answers exactly as testing every polygon does.
TEST(CountryMapTest, GridAgreesWithBruteForce) {
  std::mt19937_64 rng(20240601);
  std::uniform_real_distribution<double> lat(38, 58), lon(44, 90);
  std::uniform_real_distribution<double> any_lat(-90, 90), any_lon(-180, 180);
  int differ = 0;
  for (int i = 0; i < 100000; ++i) {
    const LatLon p = i % 10 == 0 ? LatLon{any_lat(rng), any_lon(rng)} : LatLon{lat(rng), lon(rng)};
    if (Map().CountryAt(p) != Map().CountryAtBruteForce(p)) {
      ++differ;
      ADD_FAILURE() << "differ at " << p.lat << "," << p.lon;
      if (differ > 10) break;
    }
  }
  EXPECT_EQ(differ, 0);
}

TEST(CountryMapTest, DistanceToCountry) {
  // Expected: the distance to the unsimplified Natural Earth 10m boundary
  // (kz_neighbours_ne10m.geojson), computed independently in Python by densifying its
  // edges every 200 m and taking the nearest haversine distance. Tolerance 2 km: the
  // simplification moves Kazakhstan's borders by at most ~1 km.
  EXPECT_NEAR(Map().DistanceToCountryKm({54.8833, 69.1667}, "RU"), 45.35, 2);  // Petropavl
  EXPECT_NEAR(Map().DistanceToCountryKm({51.2225, 51.3725}, "RU"), 27.16, 2);  // Oral
  EXPECT_NEAR(Map().DistanceToCountryKm({53.2, 63.62}, "RU"), 101.41, 2);      // Kostanay
  EXPECT_NEAR(Map().DistanceToCountryKm({43.2775, 76.8958}, "KG"), 32.51, 2);  // Almaty
  EXPECT_NEAR(Map().DistanceToCountryKm({43.2775, 76.8958}, "CN"), 242.05, 5);
  EXPECT_NEAR(Map().DistanceToCountryKm({42.3167, 69.5958}, "UZ"), 65.51, 2);  // Shymkent
  EXPECT_EQ(Map().DistanceToCountryKm({43.2775, 76.8958}, "KZ"), 0);
  EXPECT_EQ(Map().DistanceToCountryKm({55.7558, 37.6173}, "RU"), 0);
  EXPECT_GT(Map().DistanceToCountryKm({55.7558, 37.6173}, "KZ"), 500);  // Moscow
  EXPECT_EQ(Map().DistanceToCountryKm({43.2775, 76.8958}, "MN"), HUGE_VAL);
}

class CountryMapFileTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& text) {
    const std::string path = ::testing::TempDir() + "/countries_" +
                             ::testing::UnitTest::GetInstance()->current_test_info()->name() +
                             ".csv";
    std::ofstream(path) << text;
    return path;
  }
};

TEST_F(CountryMapFileTest, SmallTableWithAHole) {
  // A 10x10 degree square of KZ with a 2x2 hole, and the hole filled by KG.
  const std::string path = Write(
      "# test\niso2,polygon,ring,points\n"
      "KZ,0,0,40 50;40 60;50 60;50 50\n"
      "KZ,0,1,44 54;44 56;46 56;46 54\n"
      "KG,0,0,44 54;44 56;46 56;46 54\n");
  auto map = CountryMap::Load(path);
  ASSERT_TRUE(map) << map.error().ToString();
  EXPECT_EQ(map->CountryAt({41, 51}), "KZ");
  EXPECT_EQ(map->CountryAt({45, 55}), "KG");
  EXPECT_EQ(map->CountryAt({51, 55}), "");
  EXPECT_EQ(map->CountryAt({45, 49.9}), "");
  // From the hole's centre the nearest KZ boundary is the hole's side 1 degree of longitude
  // away: asin(cos 45 * sin 1 deg) * R = 78.62 km.
  EXPECT_NEAR(map->DistanceToCountryKm({45, 55}, "KZ"), 78.62, 0.5);
  EXPECT_NEAR(map->DistanceToCountryKm({45, 60.5}, "KZ"), 0.5 * 111.195 * std::cos(0.7854), 0.5);
}

TEST_F(CountryMapFileTest, ErrorsNameFileLineAndField) {
  struct Case {
    std::string row;
    std::string field;
    std::string message;
  };
  const Case cases[] = {
      {"KZ,0,0,40 50;95 60;50 60", "points[1].lat", "latitude"},
      {"KZ,0,0,40 50;40 60;50 190", "points[2].lon", "longitude"},
      {"KZ,0,0,40 50;40,60;50 60", "", "fields"},
      {"KZ,0,0,40 50;4060;50 60", "points[1]", "lat lon"},
      {"KZ,0,0,40 50;40 60", "points", "at least 3"},
      {"XX,0,0,40 50;40 60;50 60", "iso2", "ISO"},
      {"KZ,a,0,40 50;40 60;50 60", "polygon", "integer"},
      {"KZ,0,-1,40 50;40 60;50 60", "ring", "integer"},
      {"KZ,0,0,40 50;40 6x;50 60", "points[1].lon", "longitude"},
  };
  for (const Case& c : cases) {
    const std::string path =
        Write("# comment\niso2,polygon,ring,points\nKZ,0,0,0 0;0 1;1 1\n" + c.row + "\n");
    auto map = CountryMap::Load(path);
    ASSERT_FALSE(map) << c.row;
    EXPECT_EQ(map.error().source, path) << c.row;
    EXPECT_EQ(map.error().line, 4) << c.row;
    if (!c.field.empty()) {
      EXPECT_EQ(map.error().field, c.field) << c.row;
    }
    EXPECT_THAT(map.error().ToString(), HasSubstr(c.message)) << c.row;
  }
  auto missing = CountryMap::Load(::testing::TempDir() + "/no_such_countries.csv");
  EXPECT_FALSE(missing);
  auto no_header = CountryMap::Load(Write("iso2,points\nKZ,0 0;0 1;1 1\n"));
  ASSERT_FALSE(no_header);
  EXPECT_THAT(no_header.error().ToString(), HasSubstr("iso2,polygon,ring,points"));
}

}  // namespace
}  // namespace keruen::tracking
