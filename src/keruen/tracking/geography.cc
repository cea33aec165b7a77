#include "keruen/tracking/geography.h"

namespace keruen::tracking {

std::shared_ptr<const ApprovedRoute> ApprovedRouteOf(
    const Geography& geography, const Movement& movement,
    std::optional<std::pair<double, double>> first_position) {
  const std::string& from = movement.entry_post_id;
  const std::string& to = movement.exit_post_id;
  if (to.empty() || from == to) return nullptr;
  if (!from.empty()) {
    auto route = geography.RouteBetween(from, to);
    return route ? *route : nullptr;
  }
  if (!first_position) return nullptr;
  auto route = geography.RouteFrom(first_position->first, first_position->second, to);
  return route ? *route : nullptr;
}

}  // namespace keruen::tracking
