#include "keruen/tracking/geo/geodesy.h"

#include <cmath>
#include <numbers>

namespace keruen::tracking {

double DistanceKm(LatLon a, LatLon b) {
  constexpr double kRad = std::numbers::pi / 180.0;
  const double dlat = (b.lat - a.lat) * kRad;
  const double dlon = (b.lon - a.lon) * kRad;
  const double s_lat = std::sin(dlat / 2);
  const double s_lon = std::sin(dlon / 2);
  const double h = s_lat * s_lat + std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * s_lon * s_lon;
  return 2 * kEarthRadiusKm * std::asin(std::sqrt(std::fmin(1.0, h)));
}

bool IsValidLatLon(LatLon p) {
  return std::isfinite(p.lat) && std::isfinite(p.lon) && p.lat >= -90 && p.lat <= 90 &&
         p.lon >= -180 && p.lon <= 180;
}

LatLon OffsetKm(LatLon p, double north_km, double east_km) {
  constexpr double kKmPerDegree = kEarthRadiusKm * std::numbers::pi / 180.0;
  return LatLon{p.lat + north_km / kKmPerDegree,
                p.lon + east_km / (kKmPerDegree * std::cos(p.lat * std::numbers::pi / 180.0))};
}

}  // namespace keruen::tracking
