#include "keruen/sim/internal/roads.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <queue>

#include "keruen/core/csv.h"

namespace keruen::sim_internal {
namespace {

constexpr double kEarthRadiusKm = 6371.0;
constexpr double kPi = 3.14159265358979323846;
constexpr double kKmPerDegLat = kEarthRadiusKm * kPi / 180.0;

double Radians(double deg) { return deg * kPi / 180.0; }

std::optional<double> ParseNumber(const std::string& s) {
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

constexpr double kMaxLocalRoadKm = 300;

}  // namespace

double DistanceKm(GeoPoint a, GeoPoint b) {
  const double dlat = Radians(b.lat - a.lat);
  const double dlon = Radians(b.lon - a.lon);
  const double h =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(Radians(a.lat)) * std::cos(Radians(b.lat)) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

double DistanceToPolylineKm(GeoPoint p, std::span<const GeoPoint> line) {
  const double kx = kKmPerDegLat * std::cos(Radians(p.lat));
  double best = std::numeric_limits<double>::infinity();
  if (line.size() == 1) return DistanceKm(p, line[0]);
  for (size_t i = 0; i + 1 < line.size(); ++i) {
    const double ax = (line[i].lon - p.lon) * kx, ay = (line[i].lat - p.lat) * kKmPerDegLat;
    const double bx = (line[i + 1].lon - p.lon) * kx, by = (line[i + 1].lat - p.lat) * kKmPerDegLat;
    const double dx = bx - ax, dy = by - ay;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? -(ax * dx + ay * dy) / len2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    const double cx = ax + t * dx, cy = ay + t * dy;
    best = std::min(best, std::sqrt(cx * cx + cy * cy));
  }
  return best;
}

GeoPoint Offset(GeoPoint p, double north_km, double east_km) {
  return GeoPoint{p.lat + north_km / kKmPerDegLat,
                  p.lon + east_km / (kKmPerDegLat * std::cos(Radians(p.lat)))};
}

Route::Route(std::vector<GeoPoint> points, std::vector<bool> towns) : points_(std::move(points)) {
  cum_km_.reserve(points_.size());
  double km = 0;
  for (size_t i = 0; i < points_.size(); ++i) {
    if (i > 0) km += DistanceKm(points_[i - 1], points_[i]);
    cum_km_.push_back(km);
    if (i < towns.size() && towns[i]) town_km_.push_back(km);
  }
}

Route::Place Route::Locate(double km) const {
  Place out;
  if (points_.empty()) return out;
  if (points_.size() == 1) {
    out.at = points_[0];
    return out;
  }
  km = std::clamp(km, 0.0, length_km());
  size_t i =
      static_cast<size_t>(std::upper_bound(cum_km_.begin(), cum_km_.end(), km) - cum_km_.begin());
  i = std::clamp<size_t>(i, 1, points_.size() - 1);
  const GeoPoint a = points_[i - 1], b = points_[i];
  const double seg = cum_km_[i] - cum_km_[i - 1];
  const double t = seg > 0 ? (km - cum_km_[i - 1]) / seg : 0;
  out.at = GeoPoint{a.lat + t * (b.lat - a.lat), a.lon + t * (b.lon - a.lon)};
  const double north = (b.lat - a.lat) * kKmPerDegLat;
  const double east = (b.lon - a.lon) * kKmPerDegLat * std::cos(Radians(a.lat));
  const double norm = std::hypot(north, east);
  if (norm > 0) {
    out.north = north / norm;
    out.east = east / norm;
  }
  return out;
}

Result<RoadNetwork> RoadNetwork::Load(const std::string& corridors_csv, const BorderPosts& posts) {
  auto table = ReadCsvTable(corridors_csv);
  if (!table) return tl::unexpected(table.error());
  const int c_corridor = table->Column("corridor_id"), c_waypoint = table->Column("waypoint"),
            c_country = table->Column("country"), c_post = table->Column("post_id"),
            c_lat = table->Column("lat"), c_lon = table->Column("lon"),
            c_seq = table->Column("seq");
  for (int c : {c_corridor, c_waypoint, c_country, c_post, c_lat, c_lon, c_seq}) {
    if (c < 0) return ParseError(corridors_csv + ": missing a required column in the header");
  }
  RoadNetwork net;
  std::map<std::string, size_t> by_key;  // post id or town name -> node
  auto node_for = [&](const std::string& key, Node node) {
    auto [it, inserted] = by_key.emplace(key, net.nodes_.size());
    if (inserted) {
      net.nodes_.push_back(std::move(node));
      net.edges_.emplace_back();
    }
    return it->second;
  };
  // Consecutive rows of a corridor that are both in Kazakhstan (or a post) are joined.
  constexpr size_t kNone = static_cast<size_t>(-1);
  std::string previous_corridor;
  size_t previous_node = kNone;
  for (size_t r = 0; r < table->rows.size(); ++r) {
    const auto& row = table->rows[r];
    auto error = [&](std::string message) {
      return tl::unexpected(
          Error{ErrorCode::kParse, std::move(message), {}, corridors_csv, table->lines[r]});
    };
    const auto lat = ParseNumber(row[c_lat]), lon = ParseNumber(row[c_lon]);
    if (!lat || !lon) return error("lat and lon must be numbers");
    if (row[c_corridor] != previous_corridor) previous_node = kNone;
    previous_corridor = row[c_corridor];
    size_t node = kNone;
    if (!row[c_post].empty()) {
      const BorderPost* post = posts.FindById(row[c_post]);
      if (post == nullptr) return error("unknown border post id \"" + row[c_post] + "\"");
      node = node_for(post->id, Node{post->name, post->id, GeoPoint{*lat, *lon}});
    } else if (row[c_country] == "KZ") {
      node = node_for(row[c_waypoint], Node{row[c_waypoint], "", GeoPoint{*lat, *lon}});
    }
    if (node != kNone && previous_node != kNone) net.AddEdge(previous_node, node);
    previous_node = node;
  }
  // Posts no corridor reaches: a local road to the nearest town.
  for (const BorderPost& post : posts.all()) {
    if (!post.lat || net.PostNode(post.id)) continue;
    const GeoPoint at{*post.lat, *post.lon};
    std::optional<size_t> nearest;
    double best = kMaxLocalRoadKm;
    for (size_t i = 0; i < net.nodes_.size(); ++i) {
      if (!net.nodes_[i].post_id.empty()) continue;
      const double d = DistanceKm(at, net.nodes_[i].at);
      if (d < best) {
        best = d;
        nearest = i;
      }
    }
    if (!nearest) continue;
    const size_t node = node_for(post.id, Node{post.name, post.id, at});
    net.AddEdge(node, *nearest);
  }
  return net;
}

void RoadNetwork::AddEdge(size_t a, size_t b) {
  if (a == b) return;
  for (const auto& [n, km] : edges_[a]) {
    if (n == b) return;
  }
  const double km = DistanceKm(nodes_[a].at, nodes_[b].at);
  edges_[a].emplace_back(b, km);
  edges_[b].emplace_back(a, km);
}

std::optional<size_t> RoadNetwork::PostNode(std::string_view post_id) const {
  for (size_t i = 0; i < nodes_.size(); ++i) {
    if (nodes_[i].post_id == post_id) return i;
  }
  return std::nullopt;
}

std::optional<size_t> RoadNetwork::TownNode(std::string_view waypoint) const {
  for (size_t i = 0; i < nodes_.size(); ++i) {
    if (nodes_[i].post_id.empty() && nodes_[i].name == waypoint) return i;
  }
  return std::nullopt;
}

const Route* RoadNetwork::Path(size_t from, size_t to) {
  auto [it, inserted] = cache_.try_emplace({from, to});
  if (!inserted) return it->second ? &*it->second : nullptr;
  const size_t n = nodes_.size();
  std::vector<double> dist(n, std::numeric_limits<double>::infinity());
  std::vector<size_t> prev(n, n);
  using Item = std::pair<double, size_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
  dist[from] = 0;
  queue.emplace(0, from);
  while (!queue.empty()) {
    const auto [d, u] = queue.top();
    queue.pop();
    if (d > dist[u]) continue;
    if (u == to) break;
    if (u != from && !nodes_[u].post_id.empty()) continue;  // posts end routes
    for (const auto& [v, km] : edges_[u]) {
      if (d + km < dist[v]) {
        dist[v] = d + km;
        prev[v] = u;
        queue.emplace(dist[v], v);
      }
    }
  }
  if (from != to && prev[to] == n) return nullptr;
  std::vector<size_t> order;
  for (size_t v = to; v != n; v = prev[v]) {
    order.push_back(v);
    if (v == from) break;
  }
  std::reverse(order.begin(), order.end());
  std::vector<GeoPoint> points;
  std::vector<bool> towns;
  for (size_t v : order) {
    points.push_back(nodes_[v].at);
    towns.push_back(nodes_[v].post_id.empty());
  }
  it->second = Route(std::move(points), std::move(towns));
  return &*it->second;
}

std::optional<double> RoadNetwork::PathKm(size_t from, size_t to) {
  const Route* r = Path(from, to);
  if (r == nullptr) return std::nullopt;
  return r->length_km();
}

}  // namespace keruen::sim_internal
