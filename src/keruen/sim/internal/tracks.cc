#include "keruen/sim/internal/tracks.h"

#include <algorithm>
#include <cmath>

#include "keruen/tracking/geo/geodesy.h"

namespace keruen::sim_internal {
namespace {

using tracking::LatLon;
using tracking::RouteLocation;
using tracking::RoutePoint;
using tracking::RoutePointKind;

constexpr double kChunkS = 600;  // driving is planned in ten-minute stretches
constexpr double kHour = 3600;
constexpr double kTownRadiusKm = 6;    // slow down this close to a town centre
constexpr double kPostRadiusKm = 3;    // and near the posts at either end
constexpr double kNoiseDeg = 0.00004;  // about 4 m of GPS noise
constexpr double kTwoPi = 6.28318530717958647692;

// Where the truck is along the route, as a function of time: linear between knots.
struct Knot {
  double t;  // seconds since plan.start
  double km;
};

struct Movement {
  std::vector<Knot> knots;
  std::vector<std::pair<double, std::string>> events;  // seconds since start, code
};

// Distances along `route` of the towns it passes, in increasing order.
std::vector<double> TownKm(const Route& route) {
  std::vector<double> km;
  for (size_t i = 0; i < route.points().size(); ++i) {
    if (route.points()[i].kind == RoutePointKind::kTown) km.push_back(route.KmAt(i));
  }
  return km;
}

Movement Plan(const TrackPlan& plan, Rng& rng) {
  Movement m;
  const double length = plan.route.length_km();
  const std::vector<double> towns = TownKm(plan.route);
  double t = 0, km = 0;
  m.knots.push_back({t, km});
  auto stand = [&](double seconds) {
    t += seconds;
    m.knots.push_back({t, km});
  };
  stand(plan.start_wait_s);
  const double cruise = rng.Uniform(66, 82);
  double since_break = 0, today = 0;
  double daily_limit = rng.Uniform(9, 10) * kHour;
  size_t next_stop = 0;
  while (km < length - 1e-9) {
    double speed = cruise + rng.Uniform(-6, 8);
    const auto town = std::lower_bound(towns.begin(), towns.end(), km - kTownRadiusKm);
    if (town != towns.end() && *town <= km + kTownRadiusKm) speed = rng.Uniform(35, 50);
    if (km < kPostRadiusKm || length - km < kPostRadiusKm) speed = rng.Uniform(20, 35);
    double next = km + speed * kChunkS / kHour;
    bool at_stop = false;
    if (next_stop < plan.stops.size() && plan.stops[next_stop].km <= next) {
      next = std::max(km, plan.stops[next_stop].km);
      at_stop = true;
    }
    next = std::min(next, length);
    const double seconds = (next - km) / speed * kHour;
    t += seconds;
    km = next;
    m.knots.push_back({t, km});
    since_break += seconds;
    today += seconds;
    if (at_stop) {
      const PlannedStop& stop = plan.stops[next_stop++];
      if (!stop.event.empty()) m.events.emplace_back(t, stop.event);
      stand(stop.duration_s);
      since_break = 0;
    }
    if (km >= length) break;
    if (today >= daily_limit) {
      stand(rng.Uniform(8, 10) * kHour);
      today = since_break = 0;
      daily_limit = rng.Uniform(9, 10) * kHour;
    } else if (since_break >= 4.5 * kHour) {
      stand(rng.Uniform(30, 50) * 60);
      since_break = 0;
    }
  }
  stand(plan.end_wait_s);
  return m;
}

}  // namespace

Timestamp DriveTrack(const TrackPlan& plan, const TrackSampling& sampling, Rng& rng,
                     std::vector<SealPing>& out) {
  const Movement m = Plan(plan, rng);
  const double end = m.knots.back().t;
  const double length = plan.route.length_km();
  // The road is not the straight line between waypoints: a gentle lateral wave of up to a
  // kilometre or so, fading out at both ends, keeps tracks from looking ruled.
  const double wave_km = rng.Uniform(0.3, 1.2);
  const double wavelength_km = rng.Uniform(25, 60);
  const double wave_phase = rng.Uniform(0, kTwoPi);
  for (const std::string& device : plan.devices) {
    const double battery_start = rng.Uniform(78, 100);
    const double drain_per_hour = rng.Uniform(0.25, 0.5);
    bool low_battery_reported = false;
    size_t k = 0;  // knot segment index: knots[k].t <= t < knots[k+1].t
    Timestamp last_ts = plan.start - 1;
    // Reports the position at `t` (seconds since start); returns whether the truck moves.
    auto emit = [&](double t, std::string event) {
      while (k + 2 < m.knots.size() && m.knots[k + 1].t <= t) ++k;
      const Knot& a = m.knots[k];
      const Knot& b = m.knots[k + 1];
      const double dt = b.t - a.t;
      const double km = dt > 0 ? a.km + (b.km - a.km) * std::clamp((t - a.t) / dt, 0.0, 1.0) : b.km;
      const double speed = dt > 0 ? (b.km - a.km) / dt * kHour : 0;
      const RouteLocation place = plan.route.Locate(km);
      const double fade = std::clamp(std::min(km, length - km) / 5.0, 0.0, 1.0);
      const double lateral = fade * wave_km * std::sin(kTwoPi * km / wavelength_km + wave_phase);
      const LatLon at =
          tracking::OffsetKm(place.position, -place.east * lateral, place.north * lateral);
      SealPing p;
      p.device = device;
      p.ts = std::max(plan.start + static_cast<Timestamp>(std::llround(t)), last_ts + 1);
      last_ts = p.ts;
      p.lat = at.lat + rng.Uniform(-kNoiseDeg, kNoiseDeg);
      p.lon = at.lon + rng.Uniform(-kNoiseDeg, kNoiseDeg);
      p.speed_kmh =
          speed > 0.5 ? std::max(1, static_cast<int>(std::lround(speed + rng.Uniform(-3, 3)))) : 0;
      const double battery = battery_start - drain_per_hour * t / kHour;
      p.battery_pct = std::max(1, static_cast<int>(battery));
      if (event.empty() && battery < 15 && !low_battery_reported) {
        event = "05";  // battery below 15 %
        low_battery_reported = true;
      }
      p.event = std::move(event);
      out.push_back(std::move(p));
      return speed > 0.5;
    };
    double t = rng.Uniform(0, sampling.ping_interval_s);
    size_t next_event = 0;
    while (true) {
      const double due = std::min(t, end);
      for (; next_event < m.events.size() && m.events[next_event].first <= due; ++next_event) {
        emit(m.events[next_event].first, m.events[next_event].second);
      }
      if (t >= end) break;
      const bool moving = emit(t, {});
      double next = t + (moving ? sampling.ping_interval_s : sampling.parked_ping_interval_s);
      if (!moving) {
        // A truck that drives off reports on the moving schedule from then on.
        for (size_t j = k + 1; j + 1 < m.knots.size() && m.knots[j].t < next; ++j) {
          if (m.knots[j + 1].km > m.knots[j].km) {
            next = std::min(next, m.knots[j].t + sampling.ping_interval_s / 2.0);
            break;
          }
        }
      }
      t = next;
    }
    emit(end, {});  // the last report, at the end of the route
  }
  return plan.start + static_cast<Timestamp>(std::llround(end));
}

Route WithDetour(const Route& route, double at_km, double away_km, double rejoin_after_km,
                 bool to_left, double* apex_km) {
  const double length = route.length_km();
  at_km = std::clamp(at_km, 0.0, length);
  const double rejoin_km = std::clamp(at_km + rejoin_after_km, at_km, length);
  const RouteLocation leave = route.Locate(at_km);
  const RouteLocation back = route.Locate(rejoin_km);
  const RouteLocation middle = route.Locate((at_km + rejoin_km) / 2);
  const double side = to_left ? 1 : -1;
  // Left of the direction of travel (north, east) is (east, -north) rotated: (-east, north).
  const LatLon apex = tracking::OffsetKm(middle.position, side * middle.east * away_km,
                                         -side * middle.north * away_km);
  std::vector<RoutePoint> points;
  const auto& original = route.points();
  size_t i = 0;
  for (; i < original.size() && route.KmAt(i) < at_km; ++i) points.push_back(original[i]);
  points.push_back(RoutePoint{"", leave.position, RoutePointKind::kOther});
  // An unloading place: the truck slows there as in a town.
  points.push_back(RoutePoint{"detour", apex, RoutePointKind::kTown});
  const size_t apex_index = points.size() - 1;
  points.push_back(RoutePoint{"", back.position, RoutePointKind::kOther});
  for (; i < original.size(); ++i) {
    if (route.KmAt(i) > rejoin_km) points.push_back(original[i]);
  }
  Route detoured(std::move(points));
  *apex_km = detoured.KmAt(apex_index);
  return detoured;
}

}  // namespace keruen::sim_internal
