// The EPCIS 2.0 query interface, as a monitoring centre uses it: the REST binding's
// query parameters (GET /events?EQ_bizStep=arriving&...) turned into a filter, the filter
// applied to events, and the answer written as an EPCISQueryDocument.
//
// Only the parameters listed in docs/epcis.md are supported. Any other parameter is an
// error naming it, as the REST binding asks (a QueryParameterException), rather than being
// ignored: a typo such as GE_eventDate must not silently widen the answer.
#ifndef KERUEN_TRACKING_EPCIS_QUERY_H_
#define KERUEN_TRACKING_EPCIS_QUERY_H_

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "keruen/core/error.h"
#include "keruen/core/json_writer.h"
#include "keruen/core/time.h"
#include "keruen/tracking/epcis/binding.h"
#include "keruen/tracking/epcis/event.h"

namespace keruen::tracking {

inline constexpr int kDefaultEpcisPageSize = 100;
inline constexpr int kMaxEpcisPageSize = 1000;

// Where a page ended: events are served in capture order, (record_time, sequence), and the
// next page starts after this one.
struct EpcisCursor {
  Timestamp record_time = 0;
  uint64_t sequence = 0;
  bool operator==(const EpcisCursor&) const = default;
};

// The nextPageToken of the REST binding. Opaque to clients; it encodes an EpcisCursor.
std::string EncodeEpcisPageToken(const EpcisCursor& cursor);
Result<EpcisCursor> DecodeEpcisPageToken(std::string_view token);

// A parsed query. Every list is an OR of its values; the lists are ANDed; an empty list or
// an absent bound does not constrain.
struct EpcisQuery {
  std::vector<EpcisEventType> event_types;                // eventType
  std::optional<Timestamp> ge_event_time, lt_event_time;  // GE_/LT_eventTime
  std::optional<Timestamp> ge_record_time, lt_record_time;
  std::vector<EpcisAction> actions;        // EQ_action
  std::vector<std::string> biz_steps;      // EQ_bizStep, canonical (internal/cbv.h)
  std::vector<std::string> dispositions;   // EQ_disposition, canonical
  std::vector<std::string> read_points;    // EQ_readPoint
  std::vector<std::string> biz_locations;  // EQ_bizLocation
  std::vector<std::string> epcs;           // MATCH_epc: epcList or childEPCs
  std::vector<std::string> any_epcs;       // MATCH_anyEPC: also parentID, input/output EPCs
  std::vector<std::string> movements;      // movement: MovementIdsOf (binding.h)
  std::vector<std::string> seals;          // seal: SealIdsOf
  // post: the location URIs that stand for the requested posts (urn:keruen:post:<id> and
  // the SGLNs mapped to it), matched against readPoint and bizLocation.
  std::vector<std::string> post_locations;

  int per_page = kDefaultEpcisPageSize;  // perPage, 1..kMaxEpcisPageSize
  std::optional<EpcisCursor> after;      // nextPageToken
};

// Query-string parameters, already percent-decoded, one value per name; list values are
// pipe-delimited as in the REST binding ("eventType=ObjectEvent|AggregationEvent").
using EpcisQueryParams = std::map<std::string, std::string, std::less<>>;

// Parses `params`. An unknown or malformed parameter is an InvalidArgument whose field is
// the parameter name. `sglns` adds the SGLNs of a requested post to post_locations.
Result<EpcisQuery> ParseEpcisQuery(const EpcisQueryParams& params,
                                   const SglnPostTable* sglns = nullptr);

// True when `event` passes every filter of `query` (perPage and the cursor are paging,
// applied by whoever holds the events in order, e.g. EpcisEventLog).
bool Matches(const EpcisEvent& event, const EpcisQuery& query);

// Writes an EPCISQueryDocument holding `events` exactly as captured, with an @context made
// of the standard context and every other context entry the events came with.
void AppendQueryDocumentJson(std::span<const EpcisEvent> events, Timestamp creation_date,
                             JsonWriter& writer);
void AppendQueryDocumentJson(std::span<const EpcisEvent> events, Timestamp creation_date,
                             std::string& out);

}  // namespace keruen::tracking

#endif  // KERUEN_TRACKING_EPCIS_QUERY_H_
