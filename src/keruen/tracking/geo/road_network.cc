#include "keruen/tracking/geo/road_network.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>
#include <tuple>
#include <utility>

#include "keruen/core/csv.h"
#include "keruen/core/paths.h"
#include "keruen/tracking/geo/internal/numbers.h"

namespace keruen::tracking {
namespace {

constexpr std::string_view kKazakhstan = "KZ";
}  // namespace

Result<RoadNetwork> RoadNetwork::Load(const std::string& corridors_csv, const BorderPosts& posts) {
  auto table = ReadCsvTable(corridors_csv);
  if (!table) return tl::unexpected(table.error());
  const char* const kColumns[] = {"corridor_id", "seq", "waypoint", "country",
                                  "post_id",     "lat", "lon"};
  int col[7];
  for (int i = 0; i < 7; ++i) {
    col[i] = table->Column(kColumns[i]);
    if (col[i] < 0) {
      return TableValueError(corridors_csv, 1, kColumns[i], "missing column in the header");
    }
  }
  const int c_id = col[0], c_seq = col[1], c_name = col[2], c_country = col[3], c_post = col[4],
            c_lat = col[5], c_lon = col[6];

  RoadNetwork net;
  std::unordered_map<std::string, size_t> node_of_post;
  std::unordered_map<std::string, std::vector<size_t>> nodes_of_name;  // by LooseNameKey
  std::string corridor;  // corridor of the previous row
  int last_seq = 0;
  size_t previous = SIZE_MAX;  // node of the previous row when it was Kazakh
  for (size_t r = 0; r < table->rows.size(); ++r) {
    const auto& row = table->rows[r];
    const int64_t line = table->lines[r];
    if (row[c_id].empty()) return TableValueError(corridors_csv, line, "corridor_id", "empty");
    if (row[c_name].empty()) return TableValueError(corridors_csv, line, "waypoint", "empty");
    const auto seq = internal::ParseCount(row[c_seq]);
    if (!seq) return TableValueError(corridors_csv, line, "seq", "not a non-negative integer");
    if (!IsCountryCode(row[c_country])) {
      return TableValueError(corridors_csv, line, "country", "not an ISO 3166-1 code");
    }
    const auto lat = internal::ParseDecimal(row[c_lat]);
    const auto lon = internal::ParseDecimal(row[c_lon]);
    if (!lat || *lat < -90 || *lat > 90) {
      return TableValueError(corridors_csv, line, "lat", "not a latitude in [-90, 90]");
    }
    if (!lon || *lon < -180 || *lon > 180) {
      return TableValueError(corridors_csv, line, "lon", "not a longitude in [-180, 180]");
    }
    const std::string& post_id = row[c_post];
    if (!post_id.empty() && posts.FindById(post_id) == nullptr) {
      return TableValueError(corridors_csv, line, "post_id",
                             "unknown border post '" + post_id + "'");
    }
    if (row[c_id] != corridor) {
      corridor = row[c_id];
      if (std::find(net.corridor_ids_.begin(), net.corridor_ids_.end(), corridor) !=
          net.corridor_ids_.end()) {
        return TableValueError(corridors_csv, line, "corridor_id",
                               "corridor '" + corridor + "' continues after other corridors' rows");
      }
      net.corridor_ids_.push_back(corridor);
      last_seq = 0;
      previous = SIZE_MAX;
    }
    if (*seq <= last_seq) {
      return TableValueError(corridors_csv, line, "seq", "not increasing within the corridor");
    }
    last_seq = *seq;
    if (row[c_country] != kKazakhstan) {
      previous = SIZE_MAX;
      continue;
    }

    const LatLon position{*lat, *lon};
    size_t node = SIZE_MAX;
    if (!post_id.empty()) {
      if (auto it = node_of_post.find(post_id); it != node_of_post.end()) node = it->second;
    } else {
      for (size_t candidate : nodes_of_name[LooseNameKey(row[c_name])]) {
        if (DistanceKm(net.nodes_[candidate].position, position) <= kMergeKm) node = candidate;
      }
    }
    if (node == SIZE_MAX) {
      node = net.nodes_.size();
      net.nodes_.push_back(Node{row[c_name], position, post_id});
      net.arcs_.emplace_back();
      if (!post_id.empty()) node_of_post.emplace(post_id, node);
      nodes_of_name[LooseNameKey(row[c_name])].push_back(node);
    }
    if (previous != SIZE_MAX && previous != node) {
      const double km = DistanceKm(net.nodes_[previous].position, net.nodes_[node].position);
      const size_t corridor_index = net.corridor_ids_.size() - 1;
      net.arcs_[previous].push_back(Arc{node, km, corridor_index});
      net.arcs_[node].push_back(Arc{previous, km, corridor_index});
    }
    previous = node;
  }
  if (net.nodes_.empty()) {
    return tl::unexpected(
        Error{ErrorCode::kParse, "no Kazakh waypoints in the table", {}, corridors_csv, 0});
  }
  net.LinkDisconnectedParts();

  for (const BorderPost& post : posts.all()) {
    Endpoint entry{post.name, {}, RoutePointKind::kPost, {}};
    if (post.lat && post.lon) {
      entry.position = LatLon{*post.lat, *post.lon};
      if (auto it = node_of_post.find(post.id); it != node_of_post.end()) {
        entry.attachments.push_back(Attachment{it->second, 0});
      } else {
        entry.attachments = net.NearestAttachments(entry.position);
      }
    }
    net.posts_.emplace(post.id, std::move(entry));
  }
  return net;
}

std::vector<RoadNetwork::Attachment> RoadNetwork::NearestAttachments(LatLon p) const {
  std::vector<Attachment> near;
  for (size_t n = 0; n < nodes_.size(); ++n) {
    if (nodes_[n].post_id.empty()) near.push_back(Attachment{n, DistanceKm(p, nodes_[n].position)});
  }
  std::sort(near.begin(), near.end(),
            [](const Attachment& a, const Attachment& b) { return a.km < b.km; });
  size_t keep = 1;
  while (keep < std::min(kMaxConnectors, near.size()) &&
         near[keep].km <= near[0].km + kConnectorSlackKm) {
    ++keep;
  }
  near.resize(keep);
  return near;
}

// Kruskal over the parts: take node pairs by increasing distance and link a pair whenever
// its nodes are in different parts; this adds the shortest set of links joining them all.
void RoadNetwork::LinkDisconnectedParts() {
  std::vector<size_t> part(nodes_.size());
  for (size_t n = 0; n < nodes_.size(); ++n) part[n] = n;
  const auto find = [&](size_t n) {
    while (part[n] != n) n = part[n] = part[part[n]];
    return n;
  };
  for (size_t n = 0; n < nodes_.size(); ++n) {
    for (const Arc& arc : arcs_[n]) part[find(n)] = find(arc.to);
  }
  std::vector<std::tuple<double, size_t, size_t>> pairs;
  for (size_t a = 0; a < nodes_.size(); ++a) {
    for (size_t b = a + 1; b < nodes_.size(); ++b) {
      if (find(a) != find(b)) {
        pairs.emplace_back(DistanceKm(nodes_[a].position, nodes_[b].position), a, b);
      }
    }
  }
  std::sort(pairs.begin(), pairs.end());
  for (const auto& [km, a, b] : pairs) {
    if (find(a) == find(b)) continue;
    part[find(a)] = find(b);
    arcs_[a].push_back(Arc{b, km, kLink});
    arcs_[b].push_back(Arc{a, km, kLink});
  }
}

Result<RoadNetwork> RoadNetwork::LoadDefault(const BorderPosts& posts) {
  return Load(RepoDataPath("corridors.csv"), posts);
}

Result<const RoadNetwork::Endpoint*> RoadNetwork::PostEnd(std::string_view id) const {
  const auto it = posts_.find(std::string(id));
  if (it == posts_.end()) return NotFound("unknown border post '" + std::string(id) + "'");
  if (it->second.attachments.empty()) {
    return InvalidArgument("post_id", "border post '" + std::string(id) + "' (" + it->second.name +
                                          ") has no known coordinates");
  }
  return &it->second;
}

Result<Route> RoadNetwork::RouteBetween(std::string_view from_post_id,
                                        std::string_view to_post_id) const {
  auto from = PostEnd(from_post_id);
  if (!from) return tl::unexpected(from.error());
  auto to = PostEnd(to_post_id);
  if (!to) return tl::unexpected(to.error());
  if (*from == *to) {
    return InvalidArgument("post_id",
                           "entry and exit are the same post '" + std::string(from_post_id) + "'");
  }
  return ShortestRoute(**from, **to, from_post_id, to_post_id);
}

Result<Route> RoadNetwork::RouteFromTown(std::string_view town, std::string_view to_post_id) const {
  auto to = PostEnd(to_post_id);
  if (!to) return tl::unexpected(to.error());
  for (size_t n = 0; n < nodes_.size(); ++n) {
    if (nodes_[n].post_id.empty() && nodes_[n].name == town) {
      const Endpoint from{nodes_[n].name, nodes_[n].position, RoutePointKind::kTown, {{n, 0}}};
      return ShortestRoute(from, **to, town, to_post_id);
    }
  }
  return NotFound("no town '" + std::string(town) + "' on the road corridors");
}

Result<Route> RoadNetwork::RouteFromPosition(LatLon start, std::string_view to_post_id) const {
  if (!IsValidLatLon(start)) return InvalidArgument("start", "not a valid latitude and longitude");
  auto to = PostEnd(to_post_id);
  if (!to) return tl::unexpected(to.error());
  const Endpoint from{"start", start, RoutePointKind::kOther, NearestAttachments(start)};
  return ShortestRoute(from, **to, "the start position", to_post_id);
}

Result<Route> RoadNetwork::ShortestRoute(const Endpoint& from, const Endpoint& to,
                                         std::string_view from_label,
                                         std::string_view to_label) const {
  // Dijkstra from every node `from` attaches to, starting at its connector length.
  constexpr double kInf = std::numeric_limits<double>::infinity();
  std::vector<double> dist(nodes_.size(), kInf);
  std::vector<const Arc*> via(nodes_.size(), nullptr);
  std::vector<size_t> parent(nodes_.size(), SIZE_MAX);
  using Item = std::pair<double, size_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
  for (const Attachment& a : from.attachments) {
    if (a.km < dist[a.node]) {
      dist[a.node] = a.km;
      queue.emplace(a.km, a.node);
    }
  }
  while (!queue.empty()) {
    const auto [d, n] = queue.top();
    queue.pop();
    if (d > dist[n]) continue;
    for (const Arc& arc : arcs_[n]) {
      if (d + arc.km < dist[arc.to]) {
        dist[arc.to] = d + arc.km;
        via[arc.to] = &arc;
        parent[arc.to] = n;
        queue.emplace(dist[arc.to], arc.to);
      }
    }
  }
  const Attachment* end = nullptr;
  for (const Attachment& a : to.attachments) {
    if (end == nullptr || dist[a.node] + a.km < dist[end->node] + end->km) end = &a;
  }
  if (dist[end->node] == kInf) {
    return InvalidArgument("post_id", "no road joins '" + std::string(from_label) + "' and '" +
                                          std::string(to_label) + "'");
  }

  std::vector<size_t> path;
  for (size_t n = end->node; n != SIZE_MAX; n = parent[n]) path.push_back(n);
  std::reverse(path.begin(), path.end());
  std::vector<RoutePoint> points;
  double connector_km = 0;
  // An end attached at 0 km is its node; any other is joined to it by a straight connector.
  if (dist[path.front()] > 0) {
    points.push_back(RoutePoint{from.name, from.position, from.kind});
    connector_km += dist[path.front()];
  }
  std::vector<std::string> corridors;
  for (size_t n : path) {
    points.push_back(
        RoutePoint{nodes_[n].name, nodes_[n].position,
                   nodes_[n].post_id.empty() ? RoutePointKind::kTown : RoutePointKind::kPost});
    if (via[n] != nullptr && via[n]->corridor == kLink) {
      connector_km += via[n]->km;
    } else if (via[n] != nullptr) {
      const std::string& id = corridor_ids_[via[n]->corridor];
      if (corridors.empty() || corridors.back() != id) corridors.push_back(id);
    }
  }
  if (end->km > 0) {
    points.push_back(RoutePoint{to.name, to.position, to.kind});
    connector_km += end->km;
  }
  return Route(std::move(points), std::move(corridors), connector_km);
}

}  // namespace keruen::tracking
