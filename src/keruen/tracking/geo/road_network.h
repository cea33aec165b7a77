// The road corridors of Kazakhstan as a graph, and the approved route of a movement: the
// shortest road path from its entry post to its exit post.
//
// Nodes are the Kazakh waypoints of data/corridors.csv (a waypoint shared by several
// corridors is one node: same post id, or same name within kMergeKm); edges join consecutive
// Kazakh waypoints of a corridor, weighted by great-circle length. Foreign waypoints are read
// and checked but left out of the graph: a transit from entry post to exit post stays in
// Kazakhstan, and a corridor that leaves it (AH5 through Bishkek) must not short-cut across.
// A post that is on no corridor is joined to its nearest Kazakh towns (waypoints that are not
// posts) by straight connectors, used only as the first or last leg of a route. Corridors that
// share no waypoint with the rest (AH68 Usharal-Dostyk) are joined to it by the shortest straight
// links between the parts, so that every pair of posts has a route. Routes report how many
// of their km are such straight lines (docs/tracking-geography.md).
#ifndef KERUEN_TRACKING_GEO_ROAD_NETWORK_H_
#define KERUEN_TRACKING_GEO_ROAD_NETWORK_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "keruen/core/error.h"
#include "keruen/core/reference.h"
#include "keruen/tracking/geo/geodesy.h"
#include "keruen/tracking/geo/route.h"

namespace keruen::tracking {

class RoadNetwork {
 public:
  // Reads the corridors table (header corridor_id,name,seq,waypoint,country,post_id,lat,lon;
  // '#' lines are comments); every post_id must be a post of `posts`. Errors name file:line
  // and the field. `posts` is only read during the call.
  static Result<RoadNetwork> Load(const std::string& corridors_csv, const BorderPosts& posts);
  // The committed table, RepoDataPath("corridors.csv").
  static Result<RoadNetwork> LoadDefault(const BorderPosts& posts);

  // The shortest route by road from one post to another (ids as in data/border_posts.csv).
  // NotFound for an unknown id; InvalidArgument for a post without coordinates, for the same
  // post twice, and when no road joins them.
  Result<Route> RouteBetween(std::string_view from_post_id, std::string_view to_post_id) const;
  // The shortest route from a town of the graph (a Kazakh waypoint that is not a post, named
  // as in the table: "Almaty") to a post; exports are sealed inland and driven to the border.
  // NotFound when no such town; errors about the post as RouteBetween.
  Result<Route> RouteFromTown(std::string_view town, std::string_view to_post_id) const;
  // The shortest route from any position to a post, the position joined to the graph the way
  // a post off the corridors is (below); the route starts with the position itself unless it
  // is a node. For exports, whose truck's first position stands in for the entry post they do
  // not have. InvalidArgument for a position that fails IsValidLatLon.
  Result<Route> RouteFromPosition(LatLon start, std::string_view to_post_id) const;

  // Two waypoints with the same name closer than this are the same place.
  static constexpr double kMergeKm = 5.0;
  // A post off every corridor is joined to its nearest town waypoint and to the next nearest
  // ones at most kConnectorSlackKm further away (up to kMaxConnectors in all): a post between
  // two roads may be left either way, but a long straight line must not short-cut the roads.
  // Never to another post: a straight line from post to post runs along the border or across
  // it (Auyl - Ube cuts through Russia).
  static constexpr double kConnectorSlackKm = 25.0;
  static constexpr size_t kMaxConnectors = 3;

 private:
  struct Node {
    std::string name;
    LatLon position;
    std::string post_id;
  };
  struct Arc {
    size_t to;
    double km;
    size_t corridor;  // index into corridor_ids_, kLink for a link between graph parts
  };
  static constexpr size_t kLink = SIZE_MAX;
  void LinkDisconnectedParts();
  // How an end of a route joins the graph: the node, and the connector length (0 when the
  // end is that node).
  struct Attachment {
    size_t node;
    double km;
  };
  // An end of a route: a post, a town or a position.
  struct Endpoint {
    std::string name;
    LatLon position;
    RoutePointKind kind;
    std::vector<Attachment> attachments;
  };
  // The nearest town node and the next nearest ones within kConnectorSlackKm more, at most
  // kMaxConnectors.
  std::vector<Attachment> NearestAttachments(LatLon p) const;
  // Dijkstra from `from`'s attachments to `to`'s; the labels name the ends in errors.
  Result<Route> ShortestRoute(const Endpoint& from, const Endpoint& to, std::string_view from_label,
                              std::string_view to_label) const;
  // The post `id` as an end of a route, or why it cannot be one.
  Result<const Endpoint*> PostEnd(std::string_view id) const;

  std::vector<Node> nodes_;
  std::vector<std::vector<Arc>> arcs_;
  std::vector<std::string> corridor_ids_;
  // Posts with coordinates by id; posts without coordinates are listed with no attachments
  // so that the error can say why.
  std::unordered_map<std::string, Endpoint> posts_;
};

}  // namespace keruen::tracking

#endif  // KERUEN_TRACKING_GEO_ROAD_NETWORK_H_
