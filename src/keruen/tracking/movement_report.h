// What an officer looks at for one movement: its timeline of states, what its seals reported
// (how many positions, from when to when, where it was last, how far it strayed from the
// approved route, which seal events) and the alerts raised on it. Built from the store, so it
// answers for movements the running monitor does not hold.
#ifndef KERUEN_TRACKING_MOVEMENT_REPORT_H_
#define KERUEN_TRACKING_MOVEMENT_REPORT_H_

#include <optional>
#include <string>
#include <vector>

#include "keruen/core/model.h"
#include "keruen/store/store.h"
#include "keruen/tracking/geography.h"

namespace keruen::tracking {

struct TrackSummary {
  int64_t positions = 0;
  std::optional<PositionRecord> first;
  std::optional<PositionRecord> last;
  std::string last_country;                 // CountryAt of the last position
  double max_route_km = 0;                  // the farthest position from the approved route
  double route_km = 0;                      // the approved route's length; 0 when it has none
  std::vector<PositionRecord> seal_events;  // positions that reported an event
};

struct MovementReport {
  Movement movement;
  TrackSummary track;
  std::vector<Alert> alerts;
};

// Nullopt when the store has no such movement. Reads at most `max_positions` positions.
Result<std::optional<MovementReport>> BuildMovementReport(Store& store, const Geography& geography,
                                                          const std::string& movement_id,
                                                          int64_t max_positions = 1'000'000);

// {"movement": {...}, "track": {...}, "alerts": [...]}.
void AppendJson(const MovementReport& report, std::string& out);
// The same for a person: the timeline, the track in a few lines, the alerts.
std::string FormatMovementReport(const MovementReport& report);

}  // namespace keruen::tracking

#endif  // KERUEN_TRACKING_MOVEMENT_REPORT_H_
