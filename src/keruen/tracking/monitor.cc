#include "keruen/tracking/monitor.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "keruen/core/json_writer.h"
#include "keruen/core/movement.h"

namespace keruen::tracking {

namespace {

constexpr double kEarthRadiusKm = 6371.0088;
constexpr double kPi = 3.14159265358979323846;
// Back within this share of the corridor distance, an excursion is over (no flapping at the
// edge of the corridor).
constexpr double kReturnShare = 0.8;
// A seal event during a stop this long makes it critical.
constexpr Timestamp kStopForSeverity = 15 * 60;
// A stop this long is a rest: the driving day starts again after it.
constexpr Timestamp kLongStop = 3 * 3600;
// After this much driving a stop is the daily rest the AETR driving-time rules require.
constexpr Timestamp kDrivingDay = 8 * 3600;

double HaversineKm(double lat1, double lon1, double lat2, double lon2) {
  const double to_rad = kPi / 180;
  const double dlat = (lat2 - lat1) * to_rad;
  const double dlon = (lon2 - lon1) * to_rad;
  const double a =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(lat1 * to_rad) * std::cos(lat2 * to_rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(a)));
}

bool IsUnderWay(MovementState s) {
  return s == MovementState::kReleased || s == MovementState::kEntered ||
         s == MovementState::kOverdue;
}

bool IsClosed(MovementState s) {
  return s == MovementState::kExited || s == MovementState::kDischarged;
}

std::string Km(double km) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f km", km);
  return buf;
}

std::string Hours(Timestamp seconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f h", static_cast<double>(seconds) / 3600);
  return buf;
}

std::string LatLonText(double lat, double lon) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4f, %.4f", lat, lon);
  return buf;
}

std::string Where(const Position& p) {
  return FormatTimestamp(p.ts) + " at " + LatLonText(p.lat, p.lon);
}

Severity SealEventSeverity(SealEvent e) {
  switch (e) {
    case SealEvent::kElementBroken:
    case SealEvent::kHousingBroken:
    case SealEvent::kUnauthorised:
      return Severity::kHigh;
    default:
      return Severity::kMedium;
  }
}

}  // namespace

struct MovementMonitor::Tracked {
  Movement movement;
  std::string destination;
  Timestamp lodged_at = 0;
  std::shared_ptr<const ApprovedRoute> route;
  size_t hint = 0;
  Summary summary;
  // The last time of each seal of the movement, for duplicates and late positions.
  std::vector<std::pair<std::string, Timestamp>> device_last;
  bool been_in_kz = false;
  bool off_route = false;
  int excursions = 0;
  // Standing still: where and since when.
  double stop_lat = 0, stop_lon = 0;
  Timestamp stop_since = 0;
  bool stop_alerted = false;
  int stops = 0;
  bool silent = false;
  int silences = 0;
  uint32_t seal_events_raised = 0;  // bit per SealEvent
  bool ghost_raised = false;
  bool overdue_raised = false;
  bool slow_raised = false;
  bool not_closed_raised = false;
  bool serious = false;                   // an alert of high or critical severity was raised
  const BorderPost* last_post = nullptr;  // the post the newest position is at, if any
  Timestamp in_kz_since = 0;              // the first position in Kazakhstan
  // Abroad (beyond the border tolerance) since, and where: an exit once it lasts.
  Timestamp abroad_since = 0;
  std::string abroad_country;
  // Driving time since the last long stop, and at the start of the current stop (AETR: a
  // stop after a day's driving is the driver's daily rest).
  Timestamp driving_s = 0;
  Timestamp driving_at_stop = 0;
  double max_progress_km = 0;  // the farthest along the approved route a position has come
  // An export's route starts at its first accepted position, kept for a rebind.
  bool route_from_start = false;
  bool has_start = false;
  double start_lat = 0, start_lon = 0;
};

MovementMonitor::MovementMonitor(const Geography& geography, MonitorConfig config)
    : geography_(geography), config_(config) {}
MovementMonitor::~MovementMonitor() = default;

Status MovementMonitor::Bind(const MovementBinding& binding) {
  const std::string& id = binding.movement.id;
  auto [it, inserted] = by_movement_.try_emplace(id, tracked_.size());
  if (inserted) tracked_.push_back(std::make_unique<Tracked>());
  Tracked& t = *tracked_[it->second];
  // A rebind keeps what positions established (the state, the summary).
  const MovementState state = inserted ? binding.movement.state : t.movement.state;
  std::vector<MovementEvent> history =
      inserted ? binding.movement.history : std::move(t.movement.history);
  t.movement = binding.movement;
  t.movement.state = state;
  t.movement.history = std::move(history);
  t.destination = binding.destination;
  t.lodged_at = binding.lodged_at;
  t.route.reset();
  t.summary.route_km = 0;
  const auto& posts = geography_.posts();
  const BorderPost* entry = posts.FindById(t.movement.entry_post_id);
  const BorderPost* exit = posts.FindById(t.movement.exit_post_id);
  t.route_from_start = t.movement.entry_post_id.empty() && exit != nullptr && exit->lat;
  if (entry != nullptr && exit != nullptr && entry->lat && exit->lat && entry != exit) {
    auto route = geography_.RouteBetween(entry->id, exit->id);
    if (!route) return tl::unexpected(route.error().WithFieldPrefix("movement " + id));
    t.route = std::move(*route);
    t.summary.route_km = t.route->LengthKm();
  } else if (t.route_from_start && t.has_start) {
    if (auto built = RouteFromStart(t); !built) return built;
  }
  for (const std::string& seal : t.movement.seals) {
    by_device_[seal] = it->second;
    const bool known = std::any_of(t.device_last.begin(), t.device_last.end(),
                                   [&](const auto& d) { return d.first == seal; });
    if (!known) t.device_last.emplace_back(seal, 0);
  }
  return {};
}

bool MovementMonitor::IsBound(std::string_view movement_id) const {
  return by_movement_.contains(std::string(movement_id));
}

const Movement* MovementMonitor::Find(std::string_view movement_id) const {
  const auto it = by_movement_.find(std::string(movement_id));
  return it == by_movement_.end() ? nullptr : &tracked_[it->second]->movement;
}

const Movement* MovementMonitor::MovementOfDevice(std::string_view device) const {
  const auto it = by_device_.find(std::string(device));
  return it == by_device_.end() ? nullptr : &tracked_[it->second]->movement;
}

const MovementMonitor::Summary* MovementMonitor::SummaryOf(std::string_view movement_id) const {
  const auto it = by_movement_.find(std::string(movement_id));
  return it == by_movement_.end() ? nullptr : &tracked_[it->second]->summary;
}

size_t MovementMonitor::movement_count() const { return tracked_.size(); }

void MovementMonitor::Raise(Tracked& t, std::string rule, std::string finding, Severity severity,
                            const Position* at, std::string explanation,
                            const std::function<void(JsonWriter&)>& evidence, Timestamp when,
                            MonitorOutput& out) {
  t.serious = t.serious || severity >= Severity::kHigh;
  Alert a;
  a.id = rule + "-" + t.movement.id + "-" + finding;
  a.rule = rule;
  a.severity = severity;
  a.subject = {"movement", t.movement.id};
  a.explanation = std::move(explanation);
  a.raised_at = when;
  JsonWriter json(a.evidence_json);
  json.BeginObject().Field("movement", t.movement.id).Field("finding", finding);
  if (!t.movement.entry_post_id.empty()) json.Field("entry_post", t.movement.entry_post_id);
  if (!t.movement.exit_post_id.empty()) json.Field("exit_post", t.movement.exit_post_id);
  if (!t.destination.empty()) json.Field("destination", t.destination);
  if (at != nullptr) {
    json.Key("position").BeginObject();
    json.Field("device", at->device).Field("ts", FormatTimestamp(at->ts));
    json.Field("lat", at->lat).Field("lon", at->lon);
    if (at->speed_kmh) json.Field("speed_kmh", *at->speed_kmh);
    if (at->event != SealEvent::kNone) json.Field("event", SealEventCode(at->event));
    json.EndObject();
  }
  evidence(json);
  json.EndObject();
  out.alerts.push_back(std::move(a));
}

void MovementMonitor::Advance(Tracked& t, MovementState to, Timestamp at, std::string reason,
                              MonitorOutput& out) {
  if (t.movement.state == to) return;
  // Legal by construction of the rules; a refusal means the movement was already past this
  // state (an exited movement is not diverted by a late position), so it is ignored.
  if (!AdvanceMovement(t.movement, to, at, reason)) return;
  out.changes.push_back({t.movement.id, to, at, std::move(reason)});
}

void MovementMonitor::Exit(Tracked& t, std::string_view country, const BorderPost* post,
                           Timestamp at, const Position* p, const std::string& how,
                           MonitorOutput& out) {
  const std::string post_text = post != nullptr ? post->name + " (" + post->id + ")" : "no post";
  if (!t.destination.empty() && !country.empty() && country != t.destination) {
    const auto evidence = [&](JsonWriter& json) {
      json.Field("left_for", country).Field("declared", t.destination);
      if (post != nullptr) json.Field("post", post->id);
    };
    Raise(t, "T1", "exit", Severity::kCritical, p,
          "Movement " + t.movement.id + " declared to leave for " + t.destination +
              " left Kazakhstan for " + std::string(country) + " at " + post_text + " (" + how +
              ", " + FormatTimestamp(at) + ")",
          evidence, at, out);
  }
  Advance(t, MovementState::kExited, at, how + " at " + post_text, out);
  // Speed over the part of the route actually driven (a truck that turns off early has not
  // crossed the route).
  if (t.route && t.in_kz_since != 0 && t.in_kz_since < at && t.max_progress_km > 0) {
    const double hours = static_cast<double>(at - t.in_kz_since) / 3600;
    const double kmh = t.max_progress_km / hours;
    if (kmh > config_.max_plausible_kmh) {
      const auto evidence = [&](JsonWriter& json) {
        json.Field("route_km", t.summary.route_km).Field("driven_km", t.max_progress_km);
        json.Field("hours", hours).Field("average_kmh", kmh);
        json.Field("max_plausible_kmh", config_.max_plausible_kmh);
      };
      Raise(t, "T5", "too-fast", Severity::kHigh, p,
            "Movement " + t.movement.id + " drove " + Km(t.max_progress_km) + " of its " +
                Km(t.summary.route_km) + " route in " + Hours(at - t.in_kz_since) +
                ": faster than a truck can (seal or truck swapped?)",
            evidence, at, out);
    }
  }
  Discharge(t, at, out);
}

Timestamp MovementMonitor::StopThreshold(const Tracked& t) const {
  constexpr Timestamp kKazakhstanUtcOffset = 5 * 3600;
  const int64_t hour = ((t.stop_since + kKazakhstanUtcOffset) % 86400) / 3600;
  const bool evening = hour >= 17 || hour < 7;
  const bool day_driven = t.driving_at_stop >= kDrivingDay;
  return evening || day_driven ? std::max(config_.stop_threshold_s, config_.daily_rest_s)
                               : config_.stop_threshold_s;
}

Status MovementMonitor::RouteFromStart(Tracked& t) {
  auto route = geography_.RouteFrom(t.start_lat, t.start_lon, t.movement.exit_post_id);
  if (!route) return tl::unexpected(route.error().WithFieldPrefix("movement " + t.movement.id));
  t.route = std::move(*route);
  t.summary.route_km = t.route->LengthKm();
  return {};
}

void MovementMonitor::Discharge(Tracked& t, Timestamp at, MonitorOutput& out) {
  if (t.movement.state == MovementState::kExited && !t.serious) {
    Advance(t, MovementState::kDischarged, at, "exit confirmed, no finding of the rules", out);
  }
}

PositionOutcome MovementMonitor::Ingest(const Position& p, MonitorOutput& out) {
  const auto found = by_device_.find(p.device);
  if (found == by_device_.end()) return PositionOutcome::kUnknownDevice;
  Tracked& t = *tracked_[found->second];
  auto device = std::find_if(t.device_last.begin(), t.device_last.end(),
                             [&](const auto& d) { return d.first == p.device; });
  if (device->second == p.ts) return PositionOutcome::kDuplicate;
  const bool late = p.ts < device->second;
  if (!late) device->second = p.ts;

  Summary& s = t.summary;
  const bool newest = p.ts >= s.last;
  const Timestamp previous_ts = s.last;
  // Abroad only clearly beyond the border (border_tolerance_km); a truck that leaves at a
  // post and falls silent there is seen leaving by Tick.
  const std::string_view mapped_country = geography_.CountryAt(p.lat, p.lon);
  std::string_view country = mapped_country;
  if (!country.empty() && country != "KZ" &&
      geography_.DistanceToCountryKm(p.lat, p.lon, "KZ") <= config_.border_tolerance_km) {
    country = "KZ";
  }
  const BorderPost* post =
      newest ? geography_.PostNear(p.lat, p.lon, config_.post_radius_km) : nullptr;

  // An export's route, from its first position. The exit post has coordinates (Bind checked),
  // so only a broken geography fails here; the movement is then followed without a route,
  // like one whose posts have no coordinates.
  if (t.route_from_start && !t.has_start) {
    t.has_start = true;
    t.start_lat = p.lat;
    t.start_lon = p.lon;
    if (!RouteFromStart(t)) t.route_from_start = false;
  }

  // Where the position is against the approved route (none: no route to leave).
  const std::optional<RouteProbe> probe =
      t.route ? std::optional<RouteProbe>(t.route->Probe(p.lat, p.lon, t.hint)) : std::nullopt;
  const bool off_route_here = probe && probe->distance_km > config_.corridor_km;
  // Within the tolerance the map cannot tell a road along the border from a crossing, except
  // where the road cannot be the reason: a truck on the Russian (or Belarusian) side at a post
  // that faces Russia and is neither its entry nor its exit post has crossed there, and so has
  // one already off its approved route (clean trucks near the border are on it).
  const bool russian_side = mapped_country == "RU" || mapped_country == "BY";
  const bool at_other_post = post != nullptr && post->id != t.movement.entry_post_id &&
                             post->id != t.movement.exit_post_id;
  if (russian_side && ((at_other_post && mapped_country == post->neighbour) || off_route_here)) {
    country = mapped_country;
  }
  // At a crossing into Russia or Belarus that is not its own and is off its route (farther
  // from the route than a post's reach, so not a post the road passes): heading out there, on
  // either side of the line (ghost trucks that hand in their seals at the post never report
  // from Russia).
  const BorderPost* russian_post = at_other_post && probe &&
                                           probe->distance_km > config_.post_radius_km &&
                                           (post->neighbour == "RU" || post->neighbour == "BY")
                                       ? post
                                       : nullptr;
  ++s.positions;
  if (s.first == 0 || p.ts < s.first) s.first = p.ts;
  if (newest) {
    s.last = p.ts;
    s.last_lat = p.lat;
    s.last_lon = p.lon;
    s.last_country = std::string(country);
  }

  // The state, from in-order positions only.
  if (newest) {
    t.silent = false;
    t.last_post = post;
    if (t.movement.state == MovementState::kLodged) {
      Advance(t, MovementState::kReleased, p.ts, "first seal position", out);
    }
    if (t.movement.state == MovementState::kReleased) {
      Advance(t, MovementState::kEntered, p.ts,
              "under way: first position in " + std::string(country.empty() ? "?" : country), out);
    }
    if (country == "KZ") {
      t.been_in_kz = true;
      if (t.in_kz_since == 0) t.in_kz_since = p.ts;
      t.abroad_since = 0;
    } else if (t.been_in_kz && !country.empty() && IsUnderWay(t.movement.state)) {
      // Roads pass through neighbours (AH5 through Bishkek, the Kordai-Merke leg across a
      // Kyrgyz bulge): a stay in the declared country is an exit; elsewhere (Russia aside,
      // which is T1 at once) the truck is passing through, unless its seals fall silent there
      // (Tick).
      if (t.abroad_since == 0 || country != t.abroad_country) {
        t.abroad_since = p.ts;
        t.abroad_country = std::string(country);
      }
      if (country == t.destination && p.ts - t.abroad_since >= 2 * config_.reporting_period_s) {
        Exit(t, country, nullptr, t.abroad_since, &p, "in " + std::string(country) + " since", out);
      }
    }
  }

  // Ghost transit: in Russia (or Belarus), or off its route at a crossing into them, when
  // declared elsewhere.
  const std::string_view ghost_country = country == "RU" || country == "BY" ? country
                                         : russian_post != nullptr
                                             ? std::string_view(russian_post->neighbour)
                                             : std::string_view();
  if (!ghost_country.empty() && !t.destination.empty() && ghost_country != t.destination &&
      !t.ghost_raised) {
    t.ghost_raised = true;
    const std::string where = country == ghost_country
                                  ? "in " + std::string(ghost_country)
                                  : "off its route at " + russian_post->name + " (" +
                                        russian_post->id + "), a crossing into " +
                                        std::string(ghost_country);
    const auto evidence = [&](JsonWriter& json) {
      json.Field("country", ghost_country).Field("declared", t.destination);
      if (country != ghost_country) json.Field("post", russian_post->id);
    };
    Raise(t, "T1", "country-" + std::string(ghost_country), Severity::kCritical, &p,
          "Transit " + t.movement.id + " declared to leave for " + t.destination + " is " + where +
              " on " + Where(p),
          evidence, p.ts, out);
    Advance(t, MovementState::kDiverted, p.ts, where + ", declared for " + t.destination, out);
  }

  // Route deviation.
  if (probe) {
    s.max_distance_km = std::max(s.max_distance_km, probe->distance_km);
    if (probe->distance_km <= config_.corridor_km) {
      t.max_progress_km = std::max(t.max_progress_km, probe->progress_km);
    }
    if (probe->distance_km > config_.corridor_km && !t.off_route) {
      t.off_route = true;
      ++t.excursions;
      const auto evidence = [&](JsonWriter& json) {
        json.Field("distance_km", probe->distance_km).Field("corridor_km", config_.corridor_km);
        json.Field("route_km", probe->progress_km).Field("route_length_km", t.route->LengthKm());
        if (t.route_from_start) {
          json.Key("route_start").BeginObject();
          json.Field("lat", t.start_lat).Field("lon", t.start_lon).EndObject();
        }
      };
      Raise(t, "T3", "deviation-" + std::to_string(t.excursions), Severity::kHigh, &p,
            "Movement " + t.movement.id + " is " + Km(probe->distance_km) +
                " from its approved route " +
                (t.route_from_start ? "from its start to " : t.movement.entry_post_id + " -> ") +
                t.movement.exit_post_id + " (corridor " + Km(config_.corridor_km) + ") on " +
                Where(p),
            evidence, p.ts, out);
    } else if (!late && probe->distance_km <= config_.corridor_km * kReturnShare) {
      t.off_route = false;
    }
  }

  // Unplanned stops, from in-order positions.
  if (newest) {
    const bool moving = p.speed_kmh && *p.speed_kmh > 5;
    if (t.stop_since == 0 || moving ||
        HaversineKm(t.stop_lat, t.stop_lon, p.lat, p.lon) > config_.stop_radius_km) {
      if (t.stop_since != 0) {
        // A long stop was a rest: the driving day starts again; else the time since the last
        // position was driving (gaps of silence count at most one reporting period).
        const Timestamp stood = previous_ts - t.stop_since;
        if (stood >= kLongStop) t.driving_s = 0;
        t.driving_s += std::min(p.ts - previous_ts, config_.reporting_period_s);
      }
      t.stop_lat = p.lat;
      t.stop_lon = p.lon;
      t.stop_since = p.ts;
      t.stop_alerted = false;
      t.driving_at_stop = t.driving_s;
    } else if (!t.stop_alerted && p.ts - t.stop_since >= StopThreshold(t) &&
               IsUnderWay(t.movement.state) && !geography_.IsRestArea(p.lat, p.lon)) {
      t.stop_alerted = true;
      ++t.stops;
      const auto evidence = [&](JsonWriter& json) {
        json.Field("standing_since", FormatTimestamp(t.stop_since))
            .Field("hours", static_cast<double>(p.ts - t.stop_since) / 3600)
            .Field("threshold_hours", static_cast<double>(config_.stop_threshold_s) / 3600);
      };
      Raise(t, "T3", "stop-" + std::to_string(t.stops), Severity::kMedium, &p,
            "Movement " + t.movement.id + " has stood " + Hours(p.ts - t.stop_since) +
                " away from posts and towns, since " + FormatTimestamp(t.stop_since) + " at " +
                LatLonText(t.stop_lat, t.stop_lon),
            evidence, p.ts, out);
    }
  }

  // Seal events.
  if (p.event != SealEvent::kNone) {
    const uint32_t bit = 1u << static_cast<unsigned>(p.event);
    if ((t.seal_events_raised & bit) == 0) {
      t.seal_events_raised |= bit;
      const double to_russia = geography_.DistanceToCountryKm(p.lat, p.lon, "RU");
      const bool standing = !late && t.stop_since != 0 && p.ts - t.stop_since >= kStopForSeverity;
      const bool critical = to_russia < config_.near_border_km || standing;
      const auto evidence = [&](JsonWriter& json) {
        json.Field("event", SealEventCode(p.event)).Field("meaning", SealEventName(p.event));
        json.Field("km_to_russia", to_russia).Field("standing", standing);
      };
      std::string why;
      if (to_russia < config_.near_border_km) why += ", " + Km(to_russia) + " from Russia";
      if (standing) why += ", during a stop";
      Raise(t, "T4", std::string(SealEventCode(p.event)),
            critical ? Severity::kCritical : SealEventSeverity(p.event), &p,
            "Seal " + p.device + " of movement " + t.movement.id + " reported " +
                std::string(SealEventCode(p.event)) + " (" + std::string(SealEventName(p.event)) +
                ") on " + Where(p) + why,
            evidence, p.ts, out);
    }
  }
  return late ? PositionOutcome::kLate : PositionOutcome::kAccepted;
}

Status MovementMonitor::Checkpoint(std::string_view movement_id, std::string_view post_id,
                                   CheckpointStep step, Timestamp at, MonitorOutput& out) {
  const auto found = by_movement_.find(std::string(movement_id));
  if (found == by_movement_.end()) {
    return MakeError(ErrorCode::kNotFound,
                     "movement " + std::string(movement_id) + " is not under seal monitoring");
  }
  Tracked& t = *tracked_[found->second];
  const BorderPost* post = geography_.posts().FindById(post_id);
  if (post == nullptr) return InvalidArgument("post", "unknown post " + std::string(post_id));
  const std::string where = post->name + " (" + post->id + ")";
  switch (step) {
    case CheckpointStep::kArriving:
    case CheckpointStep::kInspecting:
      if (t.movement.state == MovementState::kLodged) {
        Advance(t, MovementState::kReleased, at, "checkpoint at " + where, out);
      }
      if (t.movement.state == MovementState::kReleased) {
        Advance(t, MovementState::kEntered, at, "arrived at " + where, out);
      }
      break;
    case CheckpointStep::kDeparting:
      if (post->id == t.movement.entry_post_id || IsClosed(t.movement.state)) break;
      if (t.movement.state == MovementState::kLodged) {
        Advance(t, MovementState::kReleased, at, "checkpoint at " + where, out);
      }
      Exit(t, post->neighbour, post, at, nullptr, "departed", out);
      break;
  }
  return {};
}

void MovementMonitor::Tick(Timestamp now, MonitorOutput& out) {
  for (const auto& tracked : tracked_) {
    Tracked& t = *tracked;
    const MovementState state = t.movement.state;
    if (IsClosed(state)) continue;
    // Abroad (not in Russia) and silent: it left.
    if (IsUnderWay(state) && t.abroad_since != 0 &&
        now - t.summary.last > 2 * config_.reporting_period_s) {
      Exit(t, t.abroad_country, nullptr, t.abroad_since, nullptr,
           "in " + t.abroad_country + " since", out);
      continue;
    }
    // Silent at a post (not the entry post): the seals were removed on leaving.
    if (IsUnderWay(state) && t.last_post != nullptr && t.summary.last != 0 &&
        now - t.summary.last > 2 * config_.reporting_period_s &&
        t.last_post->id != t.movement.entry_post_id) {
      Exit(t, t.last_post->neighbour, t.last_post, t.summary.last, nullptr,
           "seals silent since at the post", out);
      continue;
    }
    // Silence: a seal under way that stopped reporting.
    if (IsUnderWay(state) && t.summary.last != 0 && !t.silent &&
        now - t.summary.last > 2 * config_.reporting_period_s) {
      t.silent = true;
      ++t.silences;
      const auto evidence = [&](JsonWriter& json) {
        json.Field("last_position", FormatTimestamp(t.summary.last))
            .Field("silent_hours", static_cast<double>(now - t.summary.last) / 3600)
            .Field("reporting_period_s", config_.reporting_period_s)
            .Field("lat", t.summary.last_lat)
            .Field("lon", t.summary.last_lon);
      };
      const double to_russia =
          geography_.DistanceToCountryKm(t.summary.last_lat, t.summary.last_lon, "RU");
      Raise(t, "T4", "06-" + std::to_string(t.silences),
            to_russia < config_.near_border_km ? Severity::kCritical : Severity::kHigh, nullptr,
            "The seals of movement " + t.movement.id + " have been silent for " +
                Hours(now - t.summary.last) + " since " + FormatTimestamp(t.summary.last) +
                (to_russia < config_.near_border_km ? ", " + Km(to_russia) + " from Russia" : ""),
            evidence, now, out);
    }
    // Overdue: the limit date passed before exit.
    if (t.movement.limit_date && now > *t.movement.limit_date && !t.overdue_raised &&
        state != MovementState::kLodged) {
      t.overdue_raised = true;
      const auto evidence = [&](JsonWriter& json) {
        json.Field("limit_date", FormatTimestamp(*t.movement.limit_date));
      };
      Raise(t, "T2", "overdue", Severity::kHigh, nullptr,
            "Movement " + t.movement.id + " has not left Kazakhstan by its limit date " +
                FormatTimestamp(*t.movement.limit_date),
            evidence, now, out);
      Advance(t, MovementState::kOverdue, now, "limit date passed before exit", out);
    }
    // Slow: under way much longer than the route takes.
    if (t.route && IsUnderWay(state) && t.in_kz_since != 0 && !t.slow_raised) {
      const double expected_s = t.summary.route_km / config_.km_per_day * 86400 +
                                static_cast<double>(config_.border_allowance_s);
      const double elapsed = static_cast<double>(now - t.in_kz_since);
      if (elapsed > config_.overdue_factor * expected_s) {
        t.slow_raised = true;
        const auto evidence = [&](JsonWriter& json) {
          json.Field("elapsed_hours", elapsed / 3600).Field("expected_hours", expected_s / 3600);
          json.Field("factor", config_.overdue_factor);
        };
        Raise(t, "T2", "slow", Severity::kMedium, nullptr,
              "Movement " + t.movement.id + " has been under way " + Hours(now - t.in_kz_since) +
                  " for a " + Km(t.summary.route_km) + " route (expected " +
                  Hours(static_cast<Timestamp>(expected_s)) + ")",
              evidence, now, out);
      }
    }
    // Never closed: silent long past the limit date.
    if (t.movement.limit_date && now > *t.movement.limit_date + config_.never_closed_after_s &&
        !t.not_closed_raised && state != MovementState::kLodged) {
      t.not_closed_raised = true;
      const auto evidence = [&](JsonWriter& json) {
        json.Field("limit_date", FormatTimestamp(*t.movement.limit_date));
        if (t.summary.last != 0) json.Field("last_position", FormatTimestamp(t.summary.last));
      };
      Raise(t, "T1", "not-closed", Severity::kCritical, nullptr,
            "Movement " + t.movement.id + " was never closed: limit date " +
                FormatTimestamp(*t.movement.limit_date) + ", last position " +
                (t.summary.last != 0 ? FormatTimestamp(t.summary.last) : "none"),
            evidence, now, out);
    }
  }
}

}  // namespace keruen::tracking
