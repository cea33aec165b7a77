// Which country a position lies in, among Kazakhstan and its neighbours, and how far a
// position is from a country.
//
// The tracking engine asks this for every e-seal position (a million a second on one core),
// so CountryAt answers from a precomputed grid: a cell that no border crosses holds its
// country, and only the cells a border crosses test the few edges that cross them.
// Polygons come from data/countries.csv, a simplified copy of Natural Earth's 10m country
// borders (docs/tracking-geography.md: Kazakhstan's borders are within ~1 km of the source).
#ifndef KERUEN_TRACKING_GEO_COUNTRY_MAP_H_
#define KERUEN_TRACKING_GEO_COUNTRY_MAP_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "keruen/core/error.h"
#include "keruen/tracking/geo/geodesy.h"

namespace keruen::tracking {

class CountryMap {
 public:
  // Reads a table with header iso2,polygon,ring,points ('#' lines are comments). `points` is
  // "lat lon;lat lon;..." (at least 3 points, ring closed implicitly); ring 0 is a polygon's
  // outer boundary and rings 1.. its holes. At most 8 countries. Errors name file:line and
  // the field (e.g. "points[12].lat").
  static Result<CountryMap> Load(const std::string& path);
  // The committed table, RepoDataPath("countries.csv").
  static Result<CountryMap> LoadDefault();

  // ISO 3166-1 alpha-2 code of the country containing `p`, "" when none of the loaded
  // countries does. `p` must satisfy IsValidLatLon. Where two simplified polygons overlap
  // (rare, tiny), the country listed first in the table wins (Kazakhstan in the committed
  // table). The view points into this map.
  std::string_view CountryAt(LatLon p) const;

  // The same answer computed by testing every polygon (even-odd rule, skipping runs of 16
  // edges whose bounding box cannot be crossed), without the grid. Microseconds; it is the
  // reference the grid is tested and benchmarked against.
  std::string_view CountryAtBruteForce(LatLon p) const;

  // 0 when `p` lies in `iso2`, otherwise the distance in km to the nearest point of that
  // country's boundary (for "within 100 km of the Russian border"). Infinity when `iso2`
  // is not in the map. Measured in a local projection around `p` and refined with the
  // great-circle distance to the nearest point found: within ~1% up to a few hundred km.
  double DistanceToCountryKm(LatLon p, std::string_view iso2) const;

  // The countries in the map, in table order.
  const std::vector<std::string>& countries() const { return countries_; }

 private:
  // One polygon edge, x = lon and y = lat in degrees; `bit` is 1 << country index.
  struct Edge {
    double ax, ay, bx, by;
    uint8_t bit;
  };
  // A run of consecutive edges of one ring with their bounding box, for pruning.
  struct Chunk {
    double min_x, min_y, max_x, max_y;
    uint32_t first, count;
  };
  // A grid cell crossed by a border: the countries containing its reference point and the
  // edges that touch the cell.
  struct BoundaryCell {
    double ref_x, ref_y;
    uint32_t first, count;
    uint8_t ref_mask;
  };

  CountryMap() = default;
  void BuildGrid();
  uint8_t MaskBruteForce(double x, double y) const;
  uint8_t MaskAt(LatLon p) const;
  std::string_view NameOf(uint8_t mask) const;

  std::vector<std::string> countries_;
  std::vector<Edge> edges_;                 // all edges, ring after ring
  std::vector<std::vector<Chunk>> chunks_;  // per country

  // The grid covers lon [-180, 180] and lat [grid_y0_, grid_y0_ + rows_ * cell size).
  double grid_y0_ = 0;
  int rows_ = 0, cols_ = 0;
  // Per cell: the country mask when no border crosses it, or kBoundary | boundary index.
  std::vector<uint32_t> cells_;
  std::vector<BoundaryCell> boundary_;
  std::vector<Edge> cell_edges_;  // copies of the edges touching each boundary cell
};

}  // namespace keruen::tracking

#endif  // KERUEN_TRACKING_GEO_COUNTRY_MAP_H_
