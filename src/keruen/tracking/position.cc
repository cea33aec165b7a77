#include "keruen/tracking/position.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "keruen/core/csv.h"

namespace keruen::tracking {

namespace {

constexpr std::string_view kEventNames[] = {"",
                                            "seal element broken",
                                            "seal housing broken",
                                            "route deviation reported by the seal",
                                            "seal malfunction",
                                            "seal battery under 15 %",
                                            "no messages for two reporting periods",
                                            "unauthorised actions"};
constexpr std::string_view kEventCodes[] = {"", "01", "02", "03", "04", "05", "06", "07"};
constexpr double kKnotKmh = 1.852;
constexpr double kMaxSpeedKmh = 300;  // a truck, or a seal moved by plane: refuse
constexpr size_t kMaxRawBytes = 200;

Error FieldError(std::string field, std::string message) {
  return Error{ErrorCode::kInvalidArgument, std::move(message), std::move(field), "", 0};
}

std::string Truncated(std::string_view raw) {
  return std::string(raw.substr(0, std::min(raw.size(), kMaxRawBytes)));
}

std::optional<double> ParseDouble(std::string_view text) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<int64_t> ParseInteger(std::string_view text) {
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Unix seconds or milliseconds (told apart by size: milliseconds pass 10^11 in 1973),
// ISO 8601, or "yyyy-MM-dd HH:mm:ss".
Result<Timestamp> ParseAnyTimestamp(std::string_view text) {
  if (auto number = ParseInteger(text)) return *number > 100'000'000'000 ? *number / 1000 : *number;
  return ParseTimestamp(text);
}

Result<SealEvent> EventField(std::string_view code) {
  if (code.empty()) return SealEvent::kNone;
  if (auto event = ParseSealEvent(code)) return *event;
  return tl::unexpected(
      FieldError("event", "\"" + std::string(code) + "\" is not an EAEU seal event code 01 to 07"));
}

RejectedPosition Rejection(int64_t line, const Error& error, std::string_view raw) {
  return RejectedPosition{line, error.field, error.message, Truncated(raw)};
}

}  // namespace

std::optional<SealEvent> ParseSealEvent(std::string_view code) {
  for (size_t i = 1; i < std::size(kEventCodes); ++i) {
    if (code == kEventCodes[i]) return static_cast<SealEvent>(i);
  }
  return std::nullopt;
}

std::string_view SealEventCode(SealEvent event) { return kEventCodes[static_cast<size_t>(event)]; }
std::string_view SealEventName(SealEvent event) { return kEventNames[static_cast<size_t>(event)]; }

Status ValidatePosition(const Position& p, Timestamp now) {
  if (p.device.empty()) return tl::unexpected(FieldError("device", "empty"));
  if (!std::isfinite(p.lat) || p.lat < -90 || p.lat > 90) {
    return tl::unexpected(FieldError("lat", "not a latitude in [-90, 90]"));
  }
  if (!std::isfinite(p.lon) || p.lon < -180 || p.lon > 180) {
    return tl::unexpected(FieldError("lon", "not a longitude in [-180, 180]"));
  }
  if (p.lat == 0 && p.lon == 0) {
    return tl::unexpected(FieldError("lat", "0, 0 is what a receiver without a fix reports"));
  }
  if (p.ts < kEarliestPosition) {
    return tl::unexpected(FieldError("ts", FormatTimestamp(p.ts) + " is before 2000"));
  }
  if (p.ts > now + kMaxClockSkew) {
    return tl::unexpected(FieldError(
        "ts", FormatTimestamp(p.ts) + " is in the future (now " + FormatTimestamp(now) + ")"));
  }
  if (p.speed_kmh &&
      (!std::isfinite(*p.speed_kmh) || *p.speed_kmh < 0 || *p.speed_kmh > kMaxSpeedKmh)) {
    return tl::unexpected(FieldError("speed_kmh", "not a road speed in [0, 300] km/h"));
  }
  if (p.battery_pct && (*p.battery_pct < 0 || *p.battery_pct > 100)) {
    return tl::unexpected(FieldError("battery_pct", "not a percentage"));
  }
  return {};
}

struct PositionParser::Impl {
  simdjson::dom::parser parser;
};

PositionParser::PositionParser() : impl_(new Impl) {}
PositionParser::~PositionParser() { delete impl_; }

Result<Position> PositionParser::ParseJson(std::string_view object, Timestamp now) {
  simdjson::dom::element root;
  if (auto error = impl_->parser.parse(object.data(), object.size()).get(root)) {
    return tl::unexpected(
        FieldError("", std::string("not JSON: ") + simdjson::error_message(error)));
  }
  simdjson::dom::object fields;
  if (root.get(fields)) return tl::unexpected(FieldError("", "not a JSON object"));
  Position p;
  std::string_view text;
  if (fields["device"].get(text)) {
    return tl::unexpected(FieldError("device", "missing or not a string"));
  }
  p.device = std::string(text);
  if (fields["ts"].get(text)) return tl::unexpected(FieldError("ts", "missing or not a string"));
  auto ts = ParseTimestamp(text);
  if (!ts) return tl::unexpected(FieldError("ts", ts.error().message));
  p.ts = *ts;
  for (auto [name, target] : {std::pair{"lat", &p.lat}, std::pair{"lon", &p.lon}}) {
    if (fields[name].get(*target)) {
      return tl::unexpected(FieldError(name, "missing or not a number"));
    }
  }
  simdjson::dom::element value;
  if (!fields["speed_kmh"].get(value) && !value.is_null()) {
    double speed = 0;
    if (value.get(speed)) return tl::unexpected(FieldError("speed_kmh", "not a number"));
    p.speed_kmh = speed;
  }
  if (!fields["battery_pct"].get(value) && !value.is_null()) {
    int64_t battery = 0;
    if (value.get(battery)) return tl::unexpected(FieldError("battery_pct", "not an integer"));
    p.battery_pct = static_cast<int>(std::clamp<int64_t>(battery, -1, 101));
  }
  if (!fields["event"].get(value) && !value.is_null()) {
    if (value.get(text)) return tl::unexpected(FieldError("event", "not a string"));
    auto event = EventField(text);
    if (!event) return tl::unexpected(event.error());
    p.event = *event;
  }
  if (auto valid = ValidatePosition(p, now); !valid) return tl::unexpected(valid.error());
  return p;
}

void PositionParser::ParseNdjson(std::string_view text, Timestamp now, ParsedPositions& out) {
  int64_t line = 0;
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    std::string_view row = text.substr(begin, end - begin);
    begin = end + 1;
    ++line;
    if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
    if (row.find_first_not_of(" \t") == std::string_view::npos) continue;
    auto parsed = ParseJson(row, now);
    if (parsed) {
      out.accepted.push_back(std::move(*parsed));
    } else {
      out.rejected.push_back(Rejection(line, parsed.error(), row));
    }
  }
}

Status ParsePositionsCsv(std::string_view text, Timestamp now, ParsedPositions& out) {
  CsvReader reader(text);
  std::vector<std::string> header;
  auto has_header = reader.Next(header);
  if (!has_header) return tl::unexpected(has_header.error());
  if (!*has_header) return {};
  auto column = [&header](std::string_view name) {
    const auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? -1 : static_cast<int>(it - header.begin());
  };
  const int device = column("device"), ts = column("ts"), lat = column("lat"), lon = column("lon"),
            speed = column("speed_kmh"), battery = column("battery_pct"), event = column("event");
  for (auto [index, name] : {std::pair{device, "device"}, std::pair{ts, "ts"},
                             std::pair{lat, "lat"}, std::pair{lon, "lon"}}) {
    if (index < 0) {
      return tl::unexpected(Error{ErrorCode::kParse, "missing column", std::string(name), "", 1});
    }
  }
  std::vector<std::string> fields;
  while (true) {
    auto more = reader.Next(fields);
    if (!more) return tl::unexpected(more.error());
    if (!*more) break;
    const int64_t line = reader.record_line();
    std::string raw;
    for (const std::string& f : fields) raw += (raw.empty() ? "" : ",") + f;
    auto fail = [&](std::string field, std::string reason) {
      out.rejected.push_back({line, std::move(field), std::move(reason), Truncated(raw)});
    };
    if (fields.size() != header.size()) {
      fail("", "expected " + std::to_string(header.size()) + " fields, found " +
                   std::to_string(fields.size()));
      continue;
    }
    Position p;
    p.device = fields[device];
    auto when = ParseAnyTimestamp(fields[ts]);
    if (!when) {
      fail("ts", when.error().message);
      continue;
    }
    p.ts = *when;
    const auto la = ParseDouble(fields[lat]);
    const auto lo = ParseDouble(fields[lon]);
    if (!la || !lo) {
      fail(la ? "lon" : "lat", "not a number");
      continue;
    }
    p.lat = *la;
    p.lon = *lo;
    if (speed >= 0 && !fields[speed].empty()) {
      p.speed_kmh = ParseDouble(fields[speed]);
      if (!p.speed_kmh) {
        fail("speed_kmh", "not a number");
        continue;
      }
    }
    if (battery >= 0 && !fields[battery].empty()) {
      const auto pct = ParseInteger(fields[battery]);
      if (!pct) {
        fail("battery_pct", "not an integer");
        continue;
      }
      p.battery_pct = static_cast<int>(std::clamp<int64_t>(*pct, -1, 101));
    }
    if (event >= 0) {
      auto code = EventField(fields[event]);
      if (!code) {
        fail("event", code.error().message);
        continue;
      }
      p.event = *code;
    }
    if (auto valid = ValidatePosition(p, now); !valid) {
      fail(valid.error().field, valid.error().message);
      continue;
    }
    out.accepted.push_back(std::move(p));
  }
  return {};
}

Result<Position> ParseOsmAnd(const std::vector<std::pair<std::string, std::string>>& params,
                             Timestamp now) {
  auto get = [&params](std::string_view key) -> const std::string* {
    for (const auto& [k, v] : params) {
      if (k == key) return &v;
    }
    return nullptr;
  };
  Position p;
  const std::string* id = get("id");
  if (id == nullptr) id = get("deviceid");
  if (id == nullptr || id->empty()) return tl::unexpected(FieldError("id", "missing"));
  p.device = *id;
  const std::string* lat = get("lat");
  const std::string* lon = get("lon");
  std::optional<double> la, lo;
  if (lat != nullptr && lon != nullptr) {
    la = ParseDouble(*lat);
    lo = ParseDouble(*lon);
  } else if (const std::string* location = get("location")) {
    const size_t comma = location->find(',');
    if (comma != std::string::npos) {
      la = ParseDouble(std::string_view(*location).substr(0, comma));
      lo = ParseDouble(std::string_view(*location).substr(comma + 1));
    }
  } else {
    return tl::unexpected(FieldError("lat", "missing (lat and lon, or location=lat,lon)"));
  }
  if (!la) return tl::unexpected(FieldError("lat", "not a number"));
  if (!lo) return tl::unexpected(FieldError("lon", "not a number"));
  p.lat = *la;
  p.lon = *lo;
  p.ts = now;
  if (const std::string* ts = get("timestamp")) {
    auto when = ParseAnyTimestamp(*ts);
    if (!when) return tl::unexpected(FieldError("timestamp", when.error().message));
    p.ts = *when;
  }
  if (const std::string* speed = get("speed"); speed != nullptr && !speed->empty()) {
    const auto knots = ParseDouble(*speed);
    if (!knots) return tl::unexpected(FieldError("speed", "not a number"));
    p.speed_kmh = *knots * kKnotKmh;
  }
  if (const std::string* batt = get("batt"); batt != nullptr && !batt->empty()) {
    const auto pct = ParseDouble(*batt);
    if (!pct) return tl::unexpected(FieldError("batt", "not a number"));
    p.battery_pct = static_cast<int>(std::lround(std::clamp(*pct, -1.0, 101.0)));
  }
  if (const std::string* event = get("event")) {
    auto code = EventField(*event);
    if (!code) return tl::unexpected(code.error());
    p.event = *code;
  }
  if (auto valid = ValidatePosition(p, now); !valid) return tl::unexpected(valid.error());
  return p;
}

}  // namespace keruen::tracking
