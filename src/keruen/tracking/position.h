// Positions of electronic navigation seals, as they arrive: NDJSON batches in the shape of
// shared/spec/pings.example.ndjson, the OsmAnd HTTP protocol that phone and GPS tracking
// clients speak (so a phone can stand in for a seal), and CSV replays.
//
// Every report is checked before it reaches a movement: coordinates on the globe and not the
// (0, 0) a GPS without a fix sends, a time neither before 2000 nor more than
// kMaxClockSkew ahead of the receiver's clock, a speed and a battery level in range, an EAEU
// event code 01 to 07. A report that fails is refused with the line and field that failed;
// the rest of its batch still counts (a seal's bad fix must not drop the fixes around it).
#ifndef KERUEN_TRACKING_POSITION_H_
#define KERUEN_TRACKING_POSITION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "keruen/core/error.h"
#include "keruen/core/time.h"

namespace keruen::tracking {

// The event codes of the EAEU navigation-seal agreement.
enum class SealEvent : uint8_t {
  kNone = 0,
  kElementBroken = 1,   // 01 seal element (cable) broken
  kHousingBroken = 2,   // 02 seal housing broken
  kRouteDeviation = 3,  // 03 the seal's own route check (over 50 km by default)
  kMalfunction = 4,     // 04
  kLowBattery = 5,      // 05 battery under 15 %
  kSilence = 6,         // 06 no messages for two reporting periods (computed by Keruen too)
  kUnauthorised = 7,    // 07 unauthorised actions
};
// "01".."07"; nullopt for anything else (an empty code is kNone, handled by the parsers).
std::optional<SealEvent> ParseSealEvent(std::string_view code);
std::string_view SealEventCode(SealEvent event);  // "01"; "" for kNone
std::string_view SealEventName(SealEvent event);  // "seal element broken"

struct Position {
  std::string device;  // the seal id, "ENS-KZ-00731942"
  Timestamp ts = 0;
  double lat = 0;
  double lon = 0;
  std::optional<double> speed_kmh;
  std::optional<int> battery_pct;
  SealEvent event = SealEvent::kNone;
  bool operator==(const Position&) const = default;
};

// How far ahead of the receiving clock a report may be stamped: seals' clocks drift, but a
// report from tomorrow is a forged or broken one.
inline constexpr Timestamp kMaxClockSkew = 10 * 60;
// Earlier reports are certainly wrong (a seal with a reset clock reports 1970).
inline constexpr Timestamp kEarliestPosition = 946684800;  // 2000-01-01T00:00:00Z

// The value rules above; the error names the field.
Status ValidatePosition(const Position& p, Timestamp now);

// A report that was refused, and why: `line` is 1-based in its batch (0 for a single
// report), `field` the failing field ("lat", "ts", "" for the whole line).
struct RejectedPosition {
  int64_t line = 0;
  std::string field;
  std::string reason;
  std::string raw;  // the line as received (truncated to 200 bytes)
  bool operator==(const RejectedPosition&) const = default;
};

struct ParsedPositions {
  std::vector<Position> accepted;  // in the order received
  std::vector<RejectedPosition> rejected;
};

// One JSON object per line: {"device","ts","lat","lon","speed_kmh","battery_pct","event"},
// event null or "01".."07"; other fields ignored; blank lines skipped. Not thread-safe: one
// parser per thread (it reuses its buffers).
class PositionParser {
 public:
  PositionParser();
  ~PositionParser();
  PositionParser(const PositionParser&) = delete;
  PositionParser& operator=(const PositionParser&) = delete;

  Result<Position> ParseJson(std::string_view object, Timestamp now);
  // Appends to `out` (which may already hold earlier batches).
  void ParseNdjson(std::string_view text, Timestamp now, ParsedPositions& out);

 private:
  struct Impl;
  Impl* impl_;
};

// CSV with a header naming at least device, ts, lat and lon (speed_kmh, battery_pct and event
// optional, in any order): what a replay of an exported track looks like.
Status ParsePositionsCsv(std::string_view text, Timestamp now, ParsedPositions& out);

// The OsmAnd protocol (Traccar Client and most GPS apps): `id` or `deviceid`; `lat` and `lon`
// or `location=lat,lon`; `timestamp` as Unix seconds or milliseconds, ISO 8601 or
// "yyyy-MM-dd HH:mm:ss" (UTC), the receiving time when absent; `speed` in knots; `batt` in
// percent; Keruen's own `event` with a seal event code. Other keys are ignored. `params` are
// decoded already (api/router.h ParseQueryString).
Result<Position> ParseOsmAnd(const std::vector<std::pair<std::string, std::string>>& params,
                             Timestamp now);

}  // namespace keruen::tracking

#endif  // KERUEN_TRACKING_POSITION_H_
