#include "keruen/tracking/geo/post_locator.h"

#include <cmath>

#include "keruen/tracking/geo/internal/planar.h"

namespace keruen::tracking {

PostLocator::PostLocator(const BorderPosts& posts) {
  for (const BorderPost& post : posts.all()) {
    if (post.lat && post.lon) entries_.push_back(Entry{LatLon{*post.lat, *post.lon}, &post});
  }
}

const BorderPost* PostLocator::NearestPost(LatLon p, double max_km, double* distance_km) const {
  // A degree of latitude is kKmPerDegree everywhere, so posts further than max_km in latitude
  // alone are skipped before the (costlier) great-circle distance.
  const double max_dlat = max_km / internal::kKmPerDegree;
  const BorderPost* best = nullptr;
  double best_km = max_km;
  for (const Entry& e : entries_) {
    if (std::fabs(e.position.lat - p.lat) > max_dlat) continue;
    const double km = DistanceKm(p, e.position);
    if (km <= best_km) {
      best_km = km;
      best = e.post;
    }
  }
  if (best != nullptr && distance_km != nullptr) *distance_km = best_km;
  return best;
}

}  // namespace keruen::tracking
