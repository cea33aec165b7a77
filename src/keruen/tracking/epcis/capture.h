// The EPCIS 2.0 capture interface: a JSON-LD body in, validated events out.
//
// A border post (or a seal operator's platform) posts either an EPCISDocument, whose
// epcisBody.eventList holds the events, or one bare event. Validation follows the EPCIS
// 2.0 JSON Schema (required fields per event type, CBV vocabularies, URIs, timezone
// offsets, namespaced extension fields) and names the path of the first problem,
// e.g. "epcisBody.eventList[2].eventTime: is required". A capture is all-or-nothing: one
// bad event refuses the whole body, so a post never has to work out which half arrived.
//
// JSON-LD is not expanded and nothing is fetched: the @context must name the standard
// EPCIS context URL, and extra prefixes it declares are accepted as they are.
#ifndef KERUEN_TRACKING_EPCIS_CAPTURE_H_
#define KERUEN_TRACKING_EPCIS_CAPTURE_H_

#include <memory>
#include <string_view>
#include <vector>

#include "keruen/core/error.h"
#include "keruen/core/time.h"
#include "keruen/tracking/epcis/event.h"

namespace keruen::tracking {

// The EPCIS 2.0 JSON-LD context URL the examples and Keruen's output use.
inline constexpr std::string_view kEpcisContextUrl =
    "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

// True for kEpcisContextUrl and the other spellings GS1 publishes it under
// ("https://ref.gs1.org/standards/epcis/epcis-context.jsonld").
bool IsStandardEpcisContext(std::string_view url);

// Parses and validates a capture body. Every event gets `record_time`. Never crashes or
// throws on any input: malformed JSON, wrong types and invalid values all come back as an
// Error whose `field` is the JSON path of the problem.
Result<std::vector<EpcisEvent>> ParseEpcisCapture(std::string_view body, Timestamp record_time);

// The events of an EPCISQueryDocument (epcisBody.queryResults.resultsBody.eventList), as
// another repository, or Keruen's own query interface, answers. Same validation.
Result<std::vector<EpcisEvent>> ParseEpcisQueryDocument(std::string_view body,
                                                        Timestamp record_time);

// Keeps one JSON parser (and its buffers) across bodies, for servers and benchmarks that
// parse many. Not thread-safe: one per thread.
class EpcisParser {
 public:
  EpcisParser();
  ~EpcisParser();
  EpcisParser(const EpcisParser&) = delete;
  EpcisParser& operator=(const EpcisParser&) = delete;

  Result<std::vector<EpcisEvent>> ParseCapture(std::string_view body, Timestamp record_time);
  Result<std::vector<EpcisEvent>> ParseQueryDocument(std::string_view body, Timestamp record_time);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace keruen::tracking

#endif  // KERUEN_TRACKING_EPCIS_CAPTURE_H_
