#include "keruen/tracking/geo/country_map.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numbers>
#include <utility>

#include "keruen/core/csv.h"
#include "keruen/core/paths.h"
#include "keruen/core/reference.h"
#include "keruen/tracking/geo/internal/numbers.h"
#include "keruen/tracking/geo/internal/planar.h"

namespace keruen::tracking {
namespace {

// 0.25 degree cells: a border crosses ~8% of the cells of Kazakhstan's bounding box and a
// crossed cell holds ~6 edges on average (1 km simplification leaves a vertex every few km).
constexpr double kCellDegrees = 0.25;
constexpr double kInvCell = 1.0 / kCellDegrees;
constexpr uint32_t kBoundary = 0x80000000u;
// Where in its cell the reference point sits: off-centre by odd fractions so that it
// practically never falls exactly on a vertex or an edge of the (4-decimal) polygons.
constexpr double kRefX = 0.513717, kRefY = 0.487123;
constexpr int kMaxCountries = 8;
constexpr uint32_t kChunkEdges = 16;
// Parses "lat lon;lat lon;..." into `out` (x = lon, y = lat).
Status ParsePoints(std::string_view text, std::vector<std::pair<double, double>>& out) {
  out.clear();
  while (!text.empty()) {
    const size_t semi = text.find(';');
    const std::string_view pair = text.substr(0, semi);
    text = semi == std::string_view::npos ? std::string_view{} : text.substr(semi + 1);
    const std::string field = "points[" + std::to_string(out.size()) + "]";
    const size_t space = pair.find(' ');
    if (space == std::string_view::npos) {
      return InvalidArgument(field, "expected 'lat lon', got '" + std::string(pair) + "'");
    }
    const auto lat = internal::ParseDecimal(pair.substr(0, space));
    const auto lon = internal::ParseDecimal(pair.substr(space + 1));
    if (!lat || *lat < -90 || *lat > 90) {
      return InvalidArgument(field + ".lat", "not a latitude in [-90, 90]");
    }
    if (!lon || *lon < -180 || *lon > 180) {
      return InvalidArgument(field + ".lon", "not a longitude in [-180, 180]");
    }
    out.emplace_back(*lon, *lat);
  }
  if (out.size() < 3) return InvalidArgument("points", "a ring needs at least 3 points");
  return Ok();
}

}  // namespace

Result<CountryMap> CountryMap::Load(const std::string& path) {
  auto table = ReadCsvTable(path);
  if (!table) return tl::unexpected(table.error());
  const int c_iso = table->Column("iso2"), c_poly = table->Column("polygon"),
            c_ring = table->Column("ring"), c_points = table->Column("points");
  if (c_iso < 0 || c_poly < 0 || c_ring < 0 || c_points < 0) {
    return tl::unexpected(Error{
        ErrorCode::kParse, "header must have the columns iso2,polygon,ring,points", {}, path, 1});
  }
  CountryMap map;
  std::vector<std::pair<double, double>> points;
  for (size_t r = 0; r < table->rows.size(); ++r) {
    const auto& row = table->rows[r];
    const int64_t line = table->lines[r];
    const std::string& iso2 = row[c_iso];
    if (!IsCountryCode(iso2)) return TableValueError(path, line, "iso2", "not an ISO 3166-1 code");
    if (!internal::ParseCount(row[c_poly])) {
      return TableValueError(path, line, "polygon", "not a non-negative integer");
    }
    if (!internal::ParseCount(row[c_ring])) {
      return TableValueError(path, line, "ring", "not a non-negative integer");
    }
    if (Status s = ParsePoints(row[c_points], points); !s) {
      return tl::unexpected(s.error().WithSource(path, line));
    }
    auto it = std::find(map.countries_.begin(), map.countries_.end(), iso2);
    if (it == map.countries_.end()) {
      if (map.countries_.size() == kMaxCountries) {
        return TableValueError(path, line, "iso2", "more than 8 countries in one map");
      }
      map.countries_.push_back(iso2);
      map.chunks_.emplace_back();
      it = map.countries_.end() - 1;
    }
    const size_t country = static_cast<size_t>(it - map.countries_.begin());
    const uint8_t bit = static_cast<uint8_t>(1u << country);
    const uint32_t ring_first = static_cast<uint32_t>(map.edges_.size());
    const uint32_t ring_end = ring_first + static_cast<uint32_t>(points.size());
    for (size_t i = 0; i < points.size(); ++i) {
      const auto [ax, ay] = points[i];
      const auto [bx, by] = points[(i + 1) % points.size()];
      map.edges_.push_back(Edge{ax, ay, bx, by, bit});
    }
    for (uint32_t first = ring_first; first < ring_end; first += kChunkEdges) {
      Chunk chunk{180, 90, -180, -90, first, std::min(kChunkEdges, ring_end - first)};
      for (uint32_t e = first; e < first + chunk.count; ++e) {
        const Edge& edge = map.edges_[e];
        chunk.min_x = std::min({chunk.min_x, edge.ax, edge.bx});
        chunk.max_x = std::max({chunk.max_x, edge.ax, edge.bx});
        chunk.min_y = std::min({chunk.min_y, edge.ay, edge.by});
        chunk.max_y = std::max({chunk.max_y, edge.ay, edge.by});
      }
      map.chunks_[country].push_back(chunk);
    }
  }
  if (map.edges_.empty()) {
    return tl::unexpected(Error{ErrorCode::kParse, "no polygons in the table", {}, path, 0});
  }
  map.BuildGrid();
  return map;
}

Result<CountryMap> CountryMap::LoadDefault() { return Load(RepoDataPath("countries.csv")); }

// Even-odd rule with a ray towards +x; an edge counts when y is in [min(ay,by), max(ay,by)).
// The grid below reuses exactly this crossing computation so both agree bit for bit.
uint8_t CountryMap::MaskBruteForce(double x, double y) const {
  uint8_t mask = 0;
  for (const auto& chunks : chunks_) {
    for (const Chunk& ch : chunks) {
      if (y < ch.min_y || y > ch.max_y || x > ch.max_x) continue;
      for (uint32_t i = ch.first; i < ch.first + ch.count; ++i) {
        const Edge& e = edges_[i];
        if ((e.ay > y) != (e.by > y)) {
          const double cx = e.ax + (y - e.ay) * (e.bx - e.ax) / (e.by - e.ay);
          if (x < cx) mask ^= e.bit;
        }
      }
    }
  }
  return mask;
}

void CountryMap::BuildGrid() {
  double min_y = 90, max_y = -90;
  for (const Edge& e : edges_) {
    min_y = std::min(min_y, e.ay);
    max_y = std::max(max_y, e.ay);
  }
  grid_y0_ = std::floor(min_y * kInvCell) * kCellDegrees;
  rows_ = static_cast<int>(std::floor((max_y - grid_y0_) * kInvCell)) + 1;
  cols_ = static_cast<int>(360 * kInvCell);
  const auto col_of = [&](double x) {
    return std::clamp(static_cast<int>(std::floor((x + 180) * kInvCell)), 0, cols_ - 1);
  };
  const auto row_of = [&](double y) {
    return std::clamp(static_cast<int>(std::floor((y - grid_y0_) * kInvCell)), 0, rows_ - 1);
  };

  // Edges per cell (by the edge's bounding box: a superset of the cells it touches), as CSR.
  const size_t n_cells = static_cast<size_t>(rows_) * cols_;
  std::vector<uint32_t> start(n_cells + 1, 0);
  auto for_each_cell = [&](const Edge& e, auto&& fn) {
    const int c0 = col_of(std::min(e.ax, e.bx)), c1 = col_of(std::max(e.ax, e.bx));
    const int r0 = row_of(std::min(e.ay, e.by)), r1 = row_of(std::max(e.ay, e.by));
    for (int r = r0; r <= r1; ++r) {
      for (int c = c0; c <= c1; ++c) fn(static_cast<size_t>(r) * cols_ + c);
    }
  };
  for (const Edge& e : edges_) for_each_cell(e, [&](size_t cell) { ++start[cell + 1]; });
  for (size_t i = 0; i < n_cells; ++i) start[i + 1] += start[i];
  std::vector<uint32_t> edge_of(start.back());
  std::vector<uint32_t> fill(start.begin(), start.end() - 1);
  for (uint32_t i = 0; i < edges_.size(); ++i) {
    for_each_cell(edges_[i], [&](size_t cell) { edge_of[fill[cell]++] = i; });
  }

  // Reference masks, one sweep per row: the crossings of the row's reference line sorted
  // from east to west give each cell's reference point its mask in one pass.
  cells_.assign(n_cells, 0);
  std::vector<std::pair<double, uint8_t>> crossings;
  for (int r = 0; r < rows_; ++r) {
    const double ref_y = grid_y0_ + (r + kRefY) * kCellDegrees;
    crossings.clear();
    for (const Edge& e : edges_) {
      if ((e.ay > ref_y) != (e.by > ref_y)) {
        crossings.emplace_back(e.ax + (ref_y - e.ay) * (e.bx - e.ax) / (e.by - e.ay), e.bit);
      }
    }
    std::sort(crossings.begin(), crossings.end(),
              [](const auto& a, const auto& b) { return a.first > b.first; });
    size_t next = 0;
    uint8_t mask = 0;
    for (int c = cols_ - 1; c >= 0; --c) {
      const double ref_x = -180 + (c + kRefX) * kCellDegrees;
      while (next < crossings.size() && ref_x < crossings[next].first) {
        mask ^= crossings[next++].second;
      }
      const size_t cell = static_cast<size_t>(r) * cols_ + c;
      if (start[cell] == start[cell + 1]) {
        cells_[cell] = mask;
        continue;
      }
      cells_[cell] = kBoundary | static_cast<uint32_t>(boundary_.size());
      boundary_.push_back(BoundaryCell{ref_x, ref_y, static_cast<uint32_t>(cell_edges_.size()),
                                       start[cell + 1] - start[cell], mask});
      for (uint32_t k = start[cell]; k < start[cell + 1]; ++k) {
        cell_edges_.push_back(edges_[edge_of[k]]);
      }
    }
  }
}

// Starts from the cell's reference point (whose mask is known) and walks to `p` in two legs,
// flipping a country's bit at every edge crossed: horizontally from p to the reference
// point's x (the same crossing test as MaskBruteForce, so it agrees exactly), then vertically
// at that x to the reference point. Both legs stay inside the cell, so only its edges matter.
uint8_t CountryMap::MaskAt(LatLon p) const {
  const double x = p.lon, y = p.lat;
  const double fy = (y - grid_y0_) * kInvCell;
  // Also answers "" (rather than indexing out of range) for invalid input such as NaN.
  if (!(fy >= 0 && fy < rows_) || !(x >= -180 && x <= 180)) return 0;
  const int c = std::min(static_cast<int>((x + 180) * kInvCell), cols_ - 1);
  const uint32_t cell = cells_[static_cast<size_t>(static_cast<int>(fy)) * cols_ + c];
  if (!(cell & kBoundary)) return static_cast<uint8_t>(cell);
  const BoundaryCell& b = boundary_[cell & ~kBoundary];
  uint8_t mask = b.ref_mask;
  const Edge* e = cell_edges_.data() + b.first;
  for (const Edge* end = e + b.count; e != end; ++e) {
    if ((e->ay > y) != (e->by > y)) {
      const double cx = e->ax + (y - e->ay) * (e->bx - e->ax) / (e->by - e->ay);
      if ((x < cx) != (b.ref_x < cx)) mask ^= e->bit;
    }
    if ((e->ax > b.ref_x) != (e->bx > b.ref_x)) {
      const double cy = e->ay + (b.ref_x - e->ax) * (e->by - e->ay) / (e->bx - e->ax);
      if ((y < cy) != (b.ref_y < cy)) mask ^= e->bit;
    }
  }
  return mask;
}

std::string_view CountryMap::NameOf(uint8_t mask) const {
  return mask == 0 ? std::string_view{} : std::string_view(countries_[std::countr_zero(mask)]);
}

std::string_view CountryMap::CountryAt(LatLon p) const { return NameOf(MaskAt(p)); }

std::string_view CountryMap::CountryAtBruteForce(LatLon p) const {
  return NameOf(MaskBruteForce(p.lon, p.lat));
}

double CountryMap::DistanceToCountryKm(LatLon p, std::string_view iso2) const {
  const auto it = std::find(countries_.begin(), countries_.end(), iso2);
  if (it == countries_.end()) return std::numeric_limits<double>::infinity();
  const size_t country = static_cast<size_t>(it - countries_.begin());
  if (MaskAt(p) & (1u << country)) return 0;

  // Local projection around p, in km: X = dlon * kx, Y = dlat * ky.
  const double ky = internal::kKmPerDegree;
  const double kx = ky * std::cos(p.lat * std::numbers::pi / 180);
  const std::vector<Chunk>& chunks = chunks_[country];
  auto lower_bound2 = [&](const Chunk& ch) {
    const double dx = std::max({ch.min_x - p.lon, 0.0, p.lon - ch.max_x}) * kx;
    const double dy = std::max({ch.min_y - p.lat, 0.0, p.lat - ch.max_y}) * ky;
    return dx * dx + dy * dy;
  };
  double best2 = std::numeric_limits<double>::infinity();
  LatLon nearest = p;
  auto scan = [&](const Chunk& ch) {
    for (uint32_t i = ch.first; i < ch.first + ch.count; ++i) {
      const Edge& e = edges_[i];
      double t = 0;
      const double d2 = internal::SegmentDistance2((e.ax - p.lon) * kx, (e.ay - p.lat) * ky,
                                                   (e.bx - p.lon) * kx, (e.by - p.lat) * ky, &t);
      if (d2 < best2) {
        best2 = d2;
        nearest = LatLon{e.ay + t * (e.by - e.ay), e.ax + t * (e.bx - e.ax)};
      }
    }
  };
  // Scan the chunk whose box is nearest first, so the bound prunes nearly all others.
  size_t first = 0;
  double first_bound2 = std::numeric_limits<double>::infinity();
  for (size_t i = 0; i < chunks.size(); ++i) {
    if (const double b2 = lower_bound2(chunks[i]); b2 < first_bound2) {
      first_bound2 = b2;
      first = i;
    }
  }
  scan(chunks[first]);
  for (size_t i = 0; i < chunks.size(); ++i) {
    if (i != first && lower_bound2(chunks[i]) < best2) scan(chunks[i]);
  }
  return DistanceKm(p, nearest);
}

}  // namespace keruen::tracking
