// Geography for the simulated trucks: great-circle distances, routes as polylines, and the
// road network of Kazakhstan built from the committed corridor table (data/corridors.csv,
// waypoints of the Asian Highway and Western Europe-Western China corridors) and the border
// posts (data/border_posts.csv). Routes run from border post (or a city) to border post
// along the corridors, so simulated tracks follow the real roads' waypoints.
#ifndef KERUEN_SIM_INTERNAL_ROADS_H_
#define KERUEN_SIM_INTERNAL_ROADS_H_

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "keruen/core/error.h"
#include "keruen/core/reference.h"

namespace keruen::sim_internal {

struct GeoPoint {
  double lat = 0;
  double lon = 0;
};

// Great-circle (haversine) distance on a 6371 km sphere.
double DistanceKm(GeoPoint a, GeoPoint b);
// Distance from `p` to the polyline `line` (at least one point), in km; segments are
// treated as straight in a local equirectangular projection, which is accurate to well
// under 1 % at the lengths involved.
double DistanceToPolylineKm(GeoPoint p, std::span<const GeoPoint> line);
// `p` moved `north_km` north and `east_km` east.
GeoPoint Offset(GeoPoint p, double north_km, double east_km);

// A polyline with its length and the places along it where traffic slows (towns).
class Route {
 public:
  Route() = default;
  // `towns[i]` says whether points[i] is a town (as opposed to a border post or a bend).
  Route(std::vector<GeoPoint> points, std::vector<bool> towns);

  const std::vector<GeoPoint>& points() const { return points_; }
  double length_km() const { return cum_km_.empty() ? 0 : cum_km_.back(); }
  // Distances along the route of the towns it passes.
  const std::vector<double>& town_km() const { return town_km_; }
  // Distance along the route of points()[i].
  double KmAt(size_t i) const { return cum_km_[i]; }

  // The point `km` along the route (clamped to its ends), and the unit direction of
  // travel there as (north, east) components.
  struct Place {
    GeoPoint at;
    double north = 0, east = 0;
  };
  Place Locate(double km) const;

 private:
  std::vector<GeoPoint> points_;
  std::vector<double> cum_km_;
  std::vector<double> town_km_;
};

class RoadNetwork {
 public:
  struct Node {
    std::string name;     // waypoint name ("Almaty") or post name ("Kordai")
    std::string post_id;  // border post id, empty for towns
    GeoPoint at;
  };

  // Reads the corridor table; `posts` supplies the post coordinates and lets posts that no
  // corridor reaches join the network by a local road to the nearest town (within 300 km).
  static Result<RoadNetwork> Load(const std::string& corridors_csv, const BorderPosts& posts);

  const std::vector<Node>& nodes() const { return nodes_; }
  // Node of a border post id or a town waypoint name; nullopt when not on the network.
  std::optional<size_t> PostNode(std::string_view post_id) const;
  std::optional<size_t> TownNode(std::string_view waypoint) const;

  // The shortest road from node `from` to node `to`; border posts are only ever ends of a
  // route (passing one would leave the country). Nullopt when `to` cannot be reached.
  // Results are cached: the network is small and the same routes are driven all day.
  const Route* Path(size_t from, size_t to);
  // The length of that route, or nullopt.
  std::optional<double> PathKm(size_t from, size_t to);

 private:
  void AddEdge(size_t a, size_t b);

  std::vector<Node> nodes_;
  std::vector<std::vector<std::pair<size_t, double>>> edges_;  // neighbour, km
  std::map<std::pair<size_t, size_t>, std::optional<Route>> cache_;
};

}  // namespace keruen::sim_internal

#endif  // KERUEN_SIM_INTERNAL_ROADS_H_
