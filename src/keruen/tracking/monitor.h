// The movement monitor: follows every movement under seal from its positions and checkpoint
// events, drives its state (NCTS: released -> entered -> exited -> discharged, or overdue,
// diverted) and raises an alert the moment a position shows something wrong.
//
// States: the first position releases the movement and puts it under way (entered); leaving
// Kazakhstan for the declared country (a position abroad, an EPCIS "departing" at the exit
// post, or the seals falling silent at a post, where they are removed) exits it, and with no
// high or critical finding discharges it; silent at a post facing another country than
// declared is a wrong exit (T1); Russia when declared
// elsewhere diverts it; the limit date passing under way makes it overdue.
//
// Rules (ids of shared/reference/detection-rules.md; every threshold in MonitorConfig):
//   T1 ghost transit  a movement declared to leave for another country is in Russia (or
//                     Belarus), or leaves Kazakhstan through a post facing another country
//                     than declared, or is never closed (silent past its limit date).
//   T2 overdue        not exited by its limit date; or under way longer than
//                     overdue_factor x the expected time (route km / km_per_day + a border
//                     allowance).
//   T3 deviation      more than corridor_km from the approved route (one alert per excursion:
//                     back within the corridor, a later excursion alerts again; an export,
//                     with no entry post, is approved the road from its first position to its
//                     exit post); standing
//                     still longer than stop_threshold_s away from posts and towns (a daily
//                     rest, begun in the evening or night or after 8 h of driving, may last
//                     daily_rest_s).
//   T4 seal           the seal reports event 01-07; 06 is also raised by Keruen itself when a
//                     seal under way is silent for two reporting periods. Severity is raised
//                     to critical within near_border_km of Russia or during a stop.
//   T5 transit time   exited faster than max_plausible_kmh over the part of the route driven.
// Each alert carries its evidence (the position, distances, times, thresholds) as JSON, and
// an id made of the movement and the finding ("T3-<movement>-deviation-1"), so storing it
// twice stores it once.
//
// Positions: a duplicate (same seal, same time as one already seen) is dropped; a late one
// (older than the seal's last) still counts for the rules that do not depend on order
// (deviation, country, seal events) but never moves the state or the stop clock back. A
// position from a seal bound to no movement is refused as unknown.
//
// Memory is a few hundred bytes per movement (no track is kept: the store keeps positions),
// so 100,000 concurrent movements fit in tens of megabytes. Not thread-safe: one monitor per
// thread or a lock around it.
#ifndef KERUEN_TRACKING_MONITOR_H_
#define KERUEN_TRACKING_MONITOR_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "keruen/core/json_writer.h"
#include "keruen/core/model.h"
#include "keruen/core/time.h"
#include "keruen/tracking/geography.h"
#include "keruen/tracking/position.h"

namespace keruen::tracking {

struct MonitorConfig {
  double corridor_km = 50;                // T3: the EAEU default distance from the route
  Timestamp stop_threshold_s = 6 * 3600;  // T3: unplanned stop
  double stop_radius_km = 1.0;            // moving less than this is standing still
  Timestamp reporting_period_s = 1800;    // T4 06: silence for two of these
  double near_border_km = 100;            // T4: severity near a Russian crossing
  double post_radius_km = 10;             // a position this near a post is at the post
  // Roads run along the border (Almaty-Shymkent by Kordai, Uralsk-Aktobe by Russia), corridor
  // legs are straight between waypoints and the borders are simplified: a position abroad
  // counts only this far from Kazakhstan (a truck leaving at a post and falling silent there
  // is seen leaving anyway).
  double border_tolerance_km = 15;
  // A stop that starts in the evening or the night (17:00-07:00 Kazakhstan time, UTC+5) is the
  // driver's daily rest: unplanned only beyond this.
  Timestamp daily_rest_s = 12 * 3600;
  double km_per_day = 500;                         // T2: expected progress...
  Timestamp border_allowance_s = 24 * 3600;        // ...plus the queues at both ends
  double overdue_factor = 1.5;                     // T2
  Timestamp never_closed_after_s = 3 * 24 * 3600;  // T1: silent this long past the limit
  double max_plausible_kmh = 110;                  // T5: average over the route
};

// A movement as the monitor receives it: the store's record and the country its declaration
// says the goods leave Kazakhstan for (the exit post's neighbour, else the destination).
struct MovementBinding {
  Movement movement;
  std::string destination;  // ISO 3166-1 alpha-2
  Timestamp lodged_at = 0;
};

// A state the monitor moved a movement to, for the caller to store (AdvanceMovement has
// already been applied to the movement the monitor holds).
struct StateChange {
  std::string movement_id;
  MovementState to = MovementState::kLodged;
  Timestamp at = 0;
  std::string reason;
};

// What positions, checkpoint events and ticks produced; the caller stores it and clears it.
struct MonitorOutput {
  std::vector<Alert> alerts;
  std::vector<StateChange> changes;
  void Clear() {
    alerts.clear();
    changes.clear();
  }
};

enum class PositionOutcome {
  kAccepted,
  kLate,           // accepted, older than the seal's last position
  kDuplicate,      // dropped
  kUnknownDevice,  // refused: no movement is bound to this seal
};

// A checkpoint event at a border post (EPCIS arriving, departing, inspecting).
enum class CheckpointStep { kArriving, kDeparting, kInspecting };

class MovementMonitor {
 public:
  MovementMonitor(const Geography& geography, MonitorConfig config = {});
  ~MovementMonitor();
  MovementMonitor(const MovementMonitor&) = delete;
  MovementMonitor& operator=(const MovementMonitor&) = delete;

  // Starts following `binding` (again: a rebind replaces the movement's facts but keeps
  // what was seen). Seals already bound to another movement move to this one. Fails only
  // when the route between its posts cannot be built for a reason other than a post
  // without coordinates (then the movement is followed without the deviation rule). A
  // movement with an exit post but no entry post (an export) gets its route at its first
  // accepted position: from there to the exit post (Geography::RouteFrom).
  Status Bind(const MovementBinding& binding);
  bool IsBound(std::string_view movement_id) const;

  PositionOutcome Ingest(const Position& p, MonitorOutput& out);
  // A checkpoint event for a movement at a post.
  Status Checkpoint(std::string_view movement_id, std::string_view post_id, CheckpointStep step,
                    Timestamp at, MonitorOutput& out);
  // Time passing with no position: silence (T4 06), overdue (T2), never closed (T1).
  void Tick(Timestamp now, MonitorOutput& out);

  // The movement as the monitor holds it, or null.
  const Movement* Find(std::string_view movement_id) const;
  // The movement a seal is bound to, or null.
  const Movement* MovementOfDevice(std::string_view device) const;

  struct Summary {
    int64_t positions = 0;
    Timestamp first = 0;
    Timestamp last = 0;
    double last_lat = 0;
    double last_lon = 0;
    std::string last_country;
    double max_distance_km = 0;  // from the approved route, over accepted positions
    double route_km = 0;         // 0 when no route
  };
  // What the monitor saw of a movement (null when not bound).
  const Summary* SummaryOf(std::string_view movement_id) const;
  size_t movement_count() const;
  const MonitorConfig& config() const { return config_; }

 private:
  struct Tracked;
  // Appends an alert whose evidence holds the movement's facts, `at` and what `evidence`
  // writes into the same JSON object.
  void Raise(Tracked& t, std::string rule, std::string finding, Severity severity,
             const Position* at, std::string explanation,
             const std::function<void(JsonWriter&)>& evidence, Timestamp when, MonitorOutput& out);
  void Advance(Tracked& t, MovementState to, Timestamp at, std::string reason, MonitorOutput& out);
  // Leaves Kazakhstan for `country` at `post` (null when none is near) at `at`: T1 when the
  // country is not the declared one, T5 when faster than a truck, then exited (and
  // discharged when nothing serious was found). `p` is the position that showed it, if any.
  void Exit(Tracked& t, std::string_view country, const BorderPost* post, Timestamp at,
            const Position* p, const std::string& how, MonitorOutput& out);
  // The longest a stop may last before it is unplanned: longer for the daily rest (begun in
  // the evening or night, or after a day's driving).
  Timestamp StopThreshold(const Tracked& t) const;
  // An exited movement with no high or critical finding is discharged at once; the others
  // wait at exited for an analyst.
  void Discharge(Tracked& t, Timestamp at, MonitorOutput& out);
  // The route of a movement with no entry post, from its start to its exit post.
  Status RouteFromStart(Tracked& t);

  const Geography& geography_;
  MonitorConfig config_;
  std::vector<std::unique_ptr<Tracked>> tracked_;
  std::unordered_map<std::string, size_t> by_movement_;
  std::unordered_map<std::string, size_t> by_device_;
};

}  // namespace keruen::tracking

#endif  // KERUEN_TRACKING_MONITOR_H_
