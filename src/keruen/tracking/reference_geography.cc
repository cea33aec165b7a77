// The Geography of the committed reference tables, on top of tracking/geo.
#include <charconv>
#include <map>
#include <mutex>

#include "keruen/core/csv.h"
#include "keruen/core/paths.h"
#include "keruen/tracking/geo/country_map.h"
#include "keruen/tracking/geo/post_locator.h"
#include "keruen/tracking/geo/road_network.h"
#include "keruen/tracking/geography.h"

namespace keruen::tracking {

namespace {

// A town on a corridor (not a post) this near is where trucks rest.
constexpr double kTownRadiusKm = 10;

class RouteAdapter : public ApprovedRoute {
 public:
  explicit RouteAdapter(Route route) : route_(std::move(route)) {}
  RouteProbe Probe(double lat, double lon, size_t& hint) const override {
    const RouteMatch m = route_.Match({lat, lon}, &hint);
    return {m.distance_km, m.progress_km};
  }
  double LengthKm() const override { return route_.length_km(); }
  std::vector<std::pair<double, double>> Points() const override {
    std::vector<std::pair<double, double>> points;
    for (const RoutePoint& p : route_.points()) points.emplace_back(p.position.lat, p.position.lon);
    return points;
  }

 private:
  Route route_;
};

class ReferenceGeography : public Geography {
 public:
  ReferenceGeography(BorderPosts posts, CountryMap countries, RoadNetwork roads,
                     std::vector<LatLon> towns)
      : posts_(std::move(posts)),
        countries_(std::move(countries)),
        roads_(std::move(roads)),
        locator_(posts_),
        towns_(std::move(towns)) {}

  std::string_view CountryAt(double lat, double lon) const override {
    return countries_.CountryAt({lat, lon});
  }
  double DistanceToCountryKm(double lat, double lon, std::string_view country) const override {
    return countries_.DistanceToCountryKm({lat, lon}, country);
  }
  Result<std::shared_ptr<const ApprovedRoute>> RouteBetween(
      std::string_view from_post, std::string_view to_post) const override {
    const std::string key = std::string(from_post) + '>' + std::string(to_post);
    std::lock_guard lock(mutex_);
    if (auto it = routes_.find(key); it != routes_.end()) return it->second;
    auto route = roads_.RouteBetween(from_post, to_post);
    if (!route) return tl::unexpected(route.error());
    auto shared = std::make_shared<const RouteAdapter>(std::move(*route));
    routes_.emplace(key, shared);
    return shared;
  }
  Result<std::shared_ptr<const ApprovedRoute>> RouteFrom(double lat, double lon,
                                                         std::string_view to_post) const override {
    auto route = roads_.RouteFromPosition({lat, lon}, to_post);
    if (!route) return tl::unexpected(route.error());
    return std::make_shared<const RouteAdapter>(std::move(*route));
  }
  const BorderPost* PostNear(double lat, double lon, double km) const override {
    return locator_.NearestPost({lat, lon}, km);
  }
  bool IsRestArea(double lat, double lon) const override {
    if (locator_.NearestPost({lat, lon}, kTownRadiusKm) != nullptr) return true;
    for (const LatLon& town : towns_) {
      if (DistanceKm(town, {lat, lon}) <= kTownRadiusKm) return true;
    }
    return false;
  }
  const BorderPosts& posts() const override { return posts_; }

 private:
  BorderPosts posts_;
  CountryMap countries_;
  RoadNetwork roads_;
  PostLocator locator_;  // points into posts_
  std::vector<LatLon> towns_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::shared_ptr<const ApprovedRoute>> routes_;
};

// The corridor waypoints that are towns (not border posts): where trucks stop for the night.
Result<std::vector<LatLon>> CorridorTowns() {
  auto table = ReadCsvTable(RepoDataPath("corridors.csv"));
  if (!table) return tl::unexpected(table.error());
  const int post = table->Column("post_id"), lat = table->Column("lat"), lon = table->Column("lon");
  if (post < 0 || lat < 0 || lon < 0) {
    return tl::unexpected(ParseError("missing column post_id, lat or lon")
                              .value()
                              .WithSource(RepoDataPath("corridors.csv"), 1));
  }
  std::vector<LatLon> towns;
  for (const auto& row : table->rows) {
    LatLon town;
    const auto [lat_end, lat_error] =
        std::from_chars(row[lat].data(), row[lat].data() + row[lat].size(), town.lat);
    const auto [lon_end, lon_error] =
        std::from_chars(row[lon].data(), row[lon].data() + row[lon].size(), town.lon);
    // RoadNetwork::Load has checked the table: a row that does not parse is not a town.
    if (!row[post].empty() || lat_error != std::errc() || lon_error != std::errc()) continue;
    towns.push_back(town);
  }
  return towns;
}

}  // namespace

Result<std::unique_ptr<Geography>> MakeReferenceGeography() {
  auto posts = BorderPosts::LoadDefault();
  if (!posts) return tl::unexpected(posts.error());
  auto countries = CountryMap::LoadDefault();
  if (!countries) return tl::unexpected(countries.error());
  auto roads = RoadNetwork::LoadDefault(*posts);
  if (!roads) return tl::unexpected(roads.error());
  auto towns = CorridorTowns();
  if (!towns) return tl::unexpected(towns.error());
  return std::unique_ptr<Geography>(new ReferenceGeography(std::move(*posts), std::move(*countries),
                                                           std::move(*roads), std::move(*towns)));
}

}  // namespace keruen::tracking
