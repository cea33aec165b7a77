#include "keruen/tracking/geo/route.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <numbers>
#include <utility>

#include "keruen/tracking/geo/internal/planar.h"

namespace keruen::tracking {
namespace {

// Segments searched around the hint: a truck reporting every few minutes moves at most a
// segment or two between fixes.
constexpr size_t kWindowBack = 2, kWindowAhead = 3;

}  // namespace

Route::Route(std::vector<RoutePoint> points, std::vector<std::string> corridor_ids,
             double connector_km)
    : points_(std::move(points)),
      corridor_ids_(std::move(corridor_ids)),
      connector_km_(connector_km) {
  assert(!points_.empty());
  constexpr double ky = internal::kKmPerDegree;
  for (size_t i = 0; i + 1 < points_.size(); ++i) {
    const LatLon a = points_[i].position, b = points_[i + 1].position;
    const double kx = ky * std::cos((a.lat + b.lat) / 2 * std::numbers::pi / 180);
    const double km = tracking::DistanceKm(a, b);
    segments_.push_back(
        Segment{a.lat, a.lon, kx, (b.lon - a.lon) * kx, (b.lat - a.lat) * ky, length_km_, km});
    length_km_ += km;
  }
}

double Route::KmAt(size_t i) const {
  assert(i < points_.size());
  return i < segments_.size() ? segments_[i].start_km : length_km_;
}

RouteLocation Route::Locate(double km) const {
  RouteLocation out{points_[0].position};
  if (segments_.empty()) return out;
  km = std::clamp(km, 0.0, length_km_);
  // The last segment starting at or before `km`.
  const auto after = std::upper_bound(segments_.begin(), segments_.end(), km,
                                      [](double k, const Segment& s) { return k < s.start_km; });
  const size_t i = static_cast<size_t>(after - segments_.begin()) - 1;
  const Segment& s = segments_[i];
  const double t = s.length_km > 0 ? std::clamp((km - s.start_km) / s.length_km, 0.0, 1.0) : 0.0;
  const LatLon a = points_[i].position, b = points_[i + 1].position;
  out.position = LatLon{a.lat + t * (b.lat - a.lat), a.lon + t * (b.lon - a.lon)};
  const double norm = std::hypot(s.dx, s.dy);
  if (norm > 0) {
    out.north = s.dy / norm;
    out.east = s.dx / norm;
  }
  return out;
}

void Route::MatchSegment(size_t i, LatLon p, RouteMatch& best, double& best2) const {
  const Segment& s = segments_[i];
  // Origin at p: the segment runs from (ax, ay) to (ax + dx, ay + dy).
  const double ax = (s.lon - p.lon) * s.kx;
  const double ay = (s.lat - p.lat) * internal::kKmPerDegree;
  double t = 0;
  const double d2 = internal::SegmentDistance2(ax, ay, ax + s.dx, ay + s.dy, &t);
  if (d2 < best2) {
    best2 = d2;
    best.segment = i;
    best.progress_km = s.start_km + t * s.length_km;
  }
}

RouteMatch Route::Match(LatLon p, size_t* segment_hint) const {
  RouteMatch best;
  if (segments_.empty()) {
    best.distance_km = tracking::DistanceKm(p, points_[0].position);
    return best;
  }
  double best2 = std::numeric_limits<double>::infinity();
  bool found = false;
  if (segment_hint != nullptr) {
    const size_t hint = std::min(*segment_hint, segments_.size() - 1);
    const size_t lo = hint > kWindowBack ? hint - kWindowBack : 0;
    const size_t hi = std::min(segments_.size(), hint + kWindowAhead + 1);
    for (size_t i = lo; i < hi; ++i) MatchSegment(i, p, best, best2);
    found = best2 <= kLocalMatchKm * kLocalMatchKm;
  }
  if (!found) {
    best2 = std::numeric_limits<double>::infinity();
    for (size_t i = 0; i < segments_.size(); ++i) MatchSegment(i, p, best, best2);
  }
  if (segment_hint != nullptr) *segment_hint = best.segment;
  best.distance_km = std::sqrt(best2);
  return best;
}

}  // namespace keruen::tracking
