// Small plane-geometry helpers for the local equirectangular projections used by the
// distance queries: near a reference latitude, (lon * cos(lat0), lat) scaled to km is a
// plane in which distances up to a few hundred km are within ~1% of the sphere's.
#ifndef KERUEN_TRACKING_GEO_INTERNAL_PLANAR_H_
#define KERUEN_TRACKING_GEO_INTERNAL_PLANAR_H_

#include <algorithm>
#include <numbers>

#include "keruen/tracking/geo/geodesy.h"

namespace keruen::tracking::internal {

inline constexpr double kKmPerDegree = kEarthRadiusKm * std::numbers::pi / 180.0;

// Squared distance from the origin to the segment a-b, and in `*t` the position (0..1) of
// the segment's point nearest to the origin.
inline double SegmentDistance2(double ax, double ay, double bx, double by, double* t) {
  const double dx = bx - ax, dy = by - ay;
  const double length2 = dx * dx + dy * dy;
  double s = length2 > 0 ? -(ax * dx + ay * dy) / length2 : 0.0;
  s = std::clamp(s, 0.0, 1.0);
  *t = s;
  const double x = ax + s * dx, y = ay + s * dy;
  return x * x + y * y;
}

}  // namespace keruen::tracking::internal

#endif  // KERUEN_TRACKING_GEO_INTERNAL_PLANAR_H_
