// Positions on the Earth and the distances between them, as the tracking engine uses them.
//
// Every e-seal position is checked against borders, posts and routes that are a few to a few
// thousand kilometres away, so a spherical Earth is accurate enough (the haversine distance
// differs from the ellipsoidal one by at most ~0.5%) and much cheaper than an ellipsoid.
#ifndef KERUEN_TRACKING_GEO_GEODESY_H_
#define KERUEN_TRACKING_GEO_GEODESY_H_

namespace keruen::tracking {

// WGS84 latitude and longitude in degrees (north and east positive).
struct LatLon {
  double lat = 0;
  double lon = 0;
};

// Mean Earth radius (IUGG R1), the radius that makes the sphere's distances closest to the
// ellipsoid's on average.
inline constexpr double kEarthRadiusKm = 6371.0088;

// Great-circle distance in km (haversine formula; stable for tiny distances too).
double DistanceKm(LatLon a, LatLon b);

// True when both coordinates are finite numbers, lat in [-90, 90] and lon in [-180, 180].
// Devices report garbage (NaN, 0/0 fixes, swapped axes beyond range); callers check this
// before any other query, which all assume valid input.
bool IsValidLatLon(LatLon p);

// `p` moved `north_km` north and `east_km` east (negative: south, west), in the local
// equirectangular plane around `p`: exact enough for the few to few hundred km of a detour or
// a lateral wobble, not for crossing a continent or a pole.
LatLon OffsetKm(LatLon p, double north_km, double east_km);

}  // namespace keruen::tracking

#endif  // KERUEN_TRACKING_GEO_GEODESY_H_
