// An approved route: the polyline a truck is expected to follow from its entry post to its
// exit post, and the two questions the tracking engine asks about every position on it:
// how far off the road is the truck, and how far along the road has it come. The simulator
// drives its trucks along the same routes (sim/internal/tracks.h), hence Locate and the
// kinds of points: its trucks slow down through towns and near posts.
#ifndef KERUEN_TRACKING_GEO_ROUTE_H_
#define KERUEN_TRACKING_GEO_ROUTE_H_

#include <cstddef>
#include <string>
#include <vector>

#include "keruen/tracking/geo/geodesy.h"

namespace keruen::tracking {

// What a point of a route is. Every Kazakh waypoint of data/corridors.csv that is not a
// border post is a town (the table lists corridors town by town).
enum class RoutePointKind {
  kTown,
  kPost,
  kOther,  // anything else: a truck's start position, the far point of a simulated detour
};

struct RoutePoint {
  std::string name;  // waypoint or post name, for messages ("Almaty"); may be empty
  LatLon position;
  RoutePointKind kind = RoutePointKind::kOther;
};

// A place on a route: the point some km along it and the direction of travel there.
struct RouteLocation {
  LatLon position;
  // Unit vector of the direction of travel, as its north and east components; (0, 0) on a
  // one-point route or a zero-length segment.
  double north = 0;
  double east = 0;
};

// Where a position lies relative to a route.
struct RouteMatch {
  double distance_km = 0;  // to the nearest point of the polyline
  double progress_km = 0;  // along the route, from its start to that nearest point
  size_t segment = 0;      // index of the segment holding that point (points[i] -> [i+1])
};

class Route {
 public:
  // `points` must not be empty (a one-point route is that point). `corridor_ids` are the
  // road corridors the route follows, in order; `connector_km` is the length of its parts
  // that follow no corridor: straight lines to posts off the corridors, or between corridors
  // that share no waypoint (0 when it is all corridor).
  explicit Route(std::vector<RoutePoint> points, std::vector<std::string> corridor_ids = {},
                 double connector_km = 0);

  const std::vector<RoutePoint>& points() const { return points_; }
  const std::vector<std::string>& corridor_ids() const { return corridor_ids_; }
  double length_km() const { return length_km_; }
  double connector_km() const { return connector_km_; }
  // Distance along the route from its start to points()[i].
  double KmAt(size_t i) const;

  // The point `km` along the route (clamped to its ends), interpolated linearly in lat/lon
  // between the two points around it, and the direction of the segment it lies on.
  RouteLocation Locate(double km) const;

  // The nearest point of the route to `p`. Each segment is measured in its own local
  // equirectangular projection (within ~1% for points up to a few hundred km away).
  //
  // `segment_hint` makes a moving truck O(1): when not null it holds the segment matched for
  // the truck's previous position and receives the new one. Only a few segments around the
  // hint are searched, and their best is taken when it is within kLocalMatchKm; otherwise
  // (a jump, or a truck far off the road) every segment is searched. So with a hint, where the
  // route passes within kLocalMatchKm of itself the match continues the truck's own
  // stretch instead of jumping to the other one, which is what following a truck needs.
  RouteMatch Match(LatLon p, size_t* segment_hint = nullptr) const;

  double DistanceKm(LatLon p, size_t* segment_hint = nullptr) const {
    return Match(p, segment_hint).distance_km;
  }
  // Progress along the route; a truck whose progress decreases is going back (a U-turn).
  double ProgressKm(LatLon p) const { return Match(p).progress_km; }

  static constexpr double kLocalMatchKm = 10.0;

 private:
  // Segment points[i] -> points[i+1] projected around points[i] at the segment's mean
  // latitude: x = dlon * kx, y = dlat * ky (km).
  struct Segment {
    double lat, lon, kx, dx, dy, start_km, length_km;
  };
  void MatchSegment(size_t i, LatLon p, RouteMatch& best, double& best2) const;

  std::vector<RoutePoint> points_;
  std::vector<std::string> corridor_ids_;
  std::vector<Segment> segments_;
  double length_km_ = 0;
  double connector_km_ = 0;
};

}  // namespace keruen::tracking

#endif  // KERUEN_TRACKING_GEO_ROUTE_H_
