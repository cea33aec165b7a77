// "Is this position at a border post?" for every e-seal position: the nearest post of
// data/border_posts.csv within a given distance, cheap enough to ask a million times a second.
#ifndef KERUEN_TRACKING_GEO_POST_LOCATOR_H_
#define KERUEN_TRACKING_GEO_POST_LOCATOR_H_

#include <vector>

#include "keruen/core/reference.h"
#include "keruen/tracking/geo/geodesy.h"

namespace keruen::tracking {

class PostLocator {
 public:
  // Indexes the posts that have coordinates. `posts` must outlive the locator (the returned
  // pointers point into it).
  explicit PostLocator(const BorderPosts& posts);

  // The post nearest to `p` among those within `max_km` (great-circle), or nullptr. When
  // `distance_km` is not null it receives that post's distance.
  const BorderPost* NearestPost(LatLon p, double max_km, double* distance_km = nullptr) const;

 private:
  struct Entry {
    LatLon position;
    const BorderPost* post;
  };
  std::vector<Entry> entries_;
};

}  // namespace keruen::tracking

#endif  // KERUEN_TRACKING_GEO_POST_LOCATOR_H_
