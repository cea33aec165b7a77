// What the movement monitor asks about the world, behind an interface: the real answers come
// from the committed reference geography (tracking/geo: country polygons, road corridors,
// border posts; MakeReferenceGeography), tests answer with a few straight lines.
#ifndef KERUEN_TRACKING_GEOGRAPHY_H_
#define KERUEN_TRACKING_GEOGRAPHY_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "keruen/core/error.h"
#include "keruen/core/model.h"
#include "keruen/core/reference.h"

namespace keruen::tracking {

// Where a position lies relative to an approved route.
struct RouteProbe {
  double distance_km = 0;  // to the nearest point of the route
  double progress_km = 0;  // along the route to that point
};

// The approved route of a movement: the road corridor from its entry post to its exit post,
// or, for an export (sealed inland, no entry post), from where its truck starts.
class ApprovedRoute {
 public:
  virtual ~ApprovedRoute() = default;
  // `hint` carries the nearest segment from one call to the next, so that a truck moving
  // along the route costs a constant time per position; start it at 0.
  virtual RouteProbe Probe(double lat, double lon, size_t& hint) const = 0;
  virtual double LengthKm() const = 0;
  // The route's points as (lat, lon), for maps.
  virtual std::vector<std::pair<double, double>> Points() const = 0;
};

class Geography {
 public:
  virtual ~Geography() = default;
  // ISO 3166-1 alpha-2 of the country at the point among Kazakhstan and its neighbours, ""
  // elsewhere. Called for every position: must be fast.
  virtual std::string_view CountryAt(double lat, double lon) const = 0;
  // Distance to `country`'s territory, 0 inside it.
  virtual double DistanceToCountryKm(double lat, double lon, std::string_view country) const = 0;
  // The approved route between two border posts (ids as in data/border_posts.csv); an error
  // when either post is unknown or has no coordinates.
  virtual Result<std::shared_ptr<const ApprovedRoute>> RouteBetween(
      std::string_view from_post, std::string_view to_post) const = 0;
  // The approved route of a movement with no entry post: from the point where its truck
  // starts (its first position) to its exit post, the point joined to the roads as a post
  // off the corridors is (the nearest corridor towns, by straight connectors). An error when the
  // post is unknown or has no coordinates. Not cached: every truck starts somewhere else.
  virtual Result<std::shared_ptr<const ApprovedRoute>> RouteFrom(
      double lat, double lon, std::string_view to_post) const = 0;
  // A border post within `km` of the point, or null.
  virtual const BorderPost* PostNear(double lat, double lon, double km) const = 0;
  // Whether a truck standing here is where trucks stand: a border post or a town on a
  // corridor (rest areas, bonded zones and terminals are there).
  virtual bool IsRestArea(double lat, double lon) const = 0;
  virtual const BorderPosts& posts() const = 0;
};

// The approved route of `movement` as the monitor applies it: from its entry post to its exit
// post; for a movement that declares no entry post (an export), from `first_position` (its
// first one, when it has any) to its exit post. Null when it has neither, or when the posts
// are unknown: the movement then has no route to deviate from.
std::shared_ptr<const ApprovedRoute> ApprovedRouteOf(
    const Geography& geography, const Movement& movement,
    std::optional<std::pair<double, double>> first_position);

// The geography of the committed reference tables (data/border_posts.csv, data/corridors.csv,
// data/countries.csv).
Result<std::unique_ptr<Geography>> MakeReferenceGeography();

}  // namespace keruen::tracking

#endif  // KERUEN_TRACKING_GEOGRAPHY_H_
