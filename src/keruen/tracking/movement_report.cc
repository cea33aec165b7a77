#include "keruen/tracking/movement_report.h"

#include <algorithm>
#include <cstdio>

#include "keruen/core/json_codec.h"
#include "keruen/core/json_writer.h"

namespace keruen::tracking {

namespace {

void AppendPosition(JsonWriter& json, const PositionRecord& p) {
  json.BeginObject().Field("device", p.device).Field("ts", FormatTimestamp(p.ts));
  json.Field("lat", p.lat).Field("lon", p.lon);
  if (p.speed_kmh) json.Field("speed_kmh", *p.speed_kmh);
  if (p.battery_pct) json.Field("battery_pct", *p.battery_pct);
  if (!p.event.empty()) json.Field("event", p.event);
  json.EndObject();
}

std::string Place(const PositionRecord& p) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "%s at %.4f, %.4f", FormatTimestamp(p.ts).c_str(), p.lat, p.lon);
  return buf;
}

}  // namespace

Result<std::optional<MovementReport>> BuildMovementReport(Store& store, const Geography& geography,
                                                          const std::string& movement_id,
                                                          int64_t max_positions) {
  auto movement = store.GetMovement(movement_id);
  if (!movement) return tl::unexpected(movement.error());
  if (!*movement) return std::nullopt;
  MovementReport report;
  report.movement = std::move(**movement);
  auto positions = store.MovementPositions(movement_id, max_positions);
  if (!positions) return tl::unexpected(positions.error());
  TrackSummary& track = report.track;
  track.positions = static_cast<int64_t>(positions->size());
  std::optional<std::pair<double, double>> start;
  if (!positions->empty()) start.emplace(positions->front().lat, positions->front().lon);
  const std::shared_ptr<const ApprovedRoute> route =
      ApprovedRouteOf(geography, report.movement, start);
  if (route) track.route_km = route->LengthKm();
  size_t hint = 0;
  for (const PositionRecord& p : *positions) {
    if (route)
      track.max_route_km =
          std::max(track.max_route_km, route->Probe(p.lat, p.lon, hint).distance_km);
    if (!p.event.empty()) track.seal_events.push_back(p);
  }
  if (!positions->empty()) {
    track.first = positions->front();
    track.last = positions->back();
    track.last_country = std::string(geography.CountryAt(track.last->lat, track.last->lon));
  }
  AlertQuery q;
  q.subject_type = "movement";
  q.subject_id = movement_id;
  q.limit = 1000;
  auto alerts = store.FindAlerts(q);
  if (!alerts) return tl::unexpected(alerts.error());
  report.alerts = std::move(alerts->items);
  std::sort(report.alerts.begin(), report.alerts.end(),
            [](const Alert& a, const Alert& b) { return a.raised_at < b.raised_at; });
  return report;
}

void AppendJson(const MovementReport& report, std::string& out) {
  JsonWriter json(out);
  json.BeginObject().Key("movement").Raw(ToJson(report.movement));
  const TrackSummary& t = report.track;
  json.Key("track").BeginObject().Field("positions", t.positions);
  if (t.first) AppendPosition(json.Key("first"), *t.first);
  if (t.last) AppendPosition(json.Key("last"), *t.last);
  if (!t.last_country.empty()) json.Field("last_country", t.last_country);
  if (t.route_km > 0) {
    json.Field("route_km", t.route_km).Field("max_distance_from_route_km", t.max_route_km);
  }
  json.Key("seal_events").BeginArray();
  for (const PositionRecord& p : t.seal_events) AppendPosition(json, p);
  json.EndArray().EndObject();
  json.Key("alerts").BeginArray();
  for (const Alert& a : report.alerts) json.Raw(ToJson(a));
  json.EndArray().EndObject();
}

std::string FormatMovementReport(const MovementReport& report) {
  const Movement& m = report.movement;
  std::string out = "movement " + m.id + ": " + std::string(MovementStateName(m.state));
  if (!m.entry_post_id.empty() || !m.exit_post_id.empty()) {
    out += ", " + (m.entry_post_id.empty() ? "?" : m.entry_post_id) + " -> " +
           (m.exit_post_id.empty() ? "?" : m.exit_post_id);
  }
  if (m.limit_date) out += ", limit " + FormatTimestamp(*m.limit_date);
  if (!m.seals.empty()) {
    out += ", seals";
    for (const std::string& s : m.seals) out += " " + s;
  }
  out += "\n\ntimeline:\n";
  for (const MovementEvent& e : m.history) {
    out += "  " + FormatTimestamp(e.at) + "  " + std::string(MovementStateName(e.state));
    if (!e.reason.empty()) out += "  (" + e.reason + ")";
    out += "\n";
  }
  const TrackSummary& t = report.track;
  out += "\nposition reports: " + std::to_string(t.positions) + "\n";
  if (t.first) out += "  first " + Place(*t.first) + "\n";
  if (t.last) {
    out += "  last  " + Place(*t.last) +
           (t.last_country.empty() ? "" : " (" + t.last_country + ")") + "\n";
  }
  if (t.route_km > 0) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "  approved route %.0f km; farthest position %.1f km from it\n",
                  t.route_km, t.max_route_km);
    out += buf;
  }
  for (const PositionRecord& p : t.seal_events)
    out += "  seal event " + p.event + " " + Place(p) + "\n";
  out += "\nalerts: " + std::to_string(report.alerts.size()) + "\n";
  for (const Alert& a : report.alerts) {
    out += "  " + FormatTimestamp(a.raised_at) + "  " + a.rule + " " +
           std::string(SeverityName(a.severity)) + "  " + a.explanation + "\n";
  }
  return out;
}

}  // namespace keruen::tracking
