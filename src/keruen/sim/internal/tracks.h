// Trucks on the road: turns a route and a departure into the position reports of the
// electronic seals on the truck.
//
// The truck drives in ten-minute stretches at 60-90 km/h on open road and 35-50 km/h
// through towns, takes a 30-50 minute break after 4.5 hours at the wheel and an 8-10 hour
// rest after 9-10 hours of driving a day (the EU/AETR driving-time rules that carriers on
// these roads work to), and waits at the start (customs release) and at the exit post
// (border queue). Planned stops (an unloading during a detour, a seal tampered with) are
// inserted where a scheme asks for them. Each seal then samples that movement: every
// `ping_interval_s` while moving, every `parked_ping_interval_s` while standing, each on its
// own phase, with a few metres of GPS noise and a battery that runs down.
#ifndef KERUEN_SIM_INTERNAL_TRACKS_H_
#define KERUEN_SIM_INTERNAL_TRACKS_H_

#include <string>
#include <vector>

#include "keruen/core/time.h"
#include "keruen/sim/internal/random.h"
#include "keruen/sim/simulator.h"
#include "keruen/tracking/geo/route.h"

namespace keruen::sim_internal {

struct PlannedStop {
  double km = 0;          // where along the route
  double duration_s = 0;  // how long the truck stands there
  std::string event;      // seal event code reported when the stop begins, or empty
};

// Routes are the tracking engine's (the road network of data/corridors.csv), so simulated
// trucks drive the roads the engine expects them on.
using tracking::Route;

struct TrackPlan {
  Route route;
  Timestamp start = 0;  // seals switched on
  double start_wait_s = 0;
  double end_wait_s = 0;
  std::vector<PlannedStop> stops;  // in increasing km
  std::vector<std::string> devices;
};

struct TrackSampling {
  int ping_interval_s = 300;
  int parked_ping_interval_s = 1800;
};

// Appends the pings of every device of `plan` to `out` (device by device, each in time
// order) and returns when the truck reached the end of the route and the seals went off.
Timestamp DriveTrack(const TrackPlan& plan, const TrackSampling& sampling, Rng& rng,
                     std::vector<SealPing>& out);

// `route` with a detour: the truck leaves it `at_km` along, drives to a point `away_km`
// to one side, and rejoins it `rejoin_after_km` further on. Returns the new route and, in
// `apex_km`, how far along the new route the far point is.
Route WithDetour(const Route& route, double at_km, double away_km, double rejoin_after_km,
                 bool to_left, double* apex_km);

}  // namespace keruen::sim_internal

#endif  // KERUEN_SIM_INTERNAL_TRACKS_H_
