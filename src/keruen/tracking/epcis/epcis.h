// GS1 EPCIS 2.0 checkpoint events for Keruen's border posts: the one header to include.
//
//   capture.h    ParseEpcisCapture: a POST /epcis/capture body -> validated EpcisEvents
//   event.h      EpcisEvent: the indexed fields plus the event's JSON as captured
//   binding.h    MovementIdsOf / SealIdsOf / PostIdOf / CheckpointOf: Keruen's URN forms
//   query.h      ParseEpcisQuery / Matches / AppendQueryDocumentJson: GET /epcis/events
//   event_log.h  EpcisEventLog: an in-memory repository with paging
//
// The library does no HTTP and no storage; docs/epcis.md is the user-facing description.
#ifndef KERUEN_TRACKING_EPCIS_EPCIS_H_
#define KERUEN_TRACKING_EPCIS_EPCIS_H_

#include "keruen/tracking/epcis/binding.h"    // IWYU pragma: export
#include "keruen/tracking/epcis/capture.h"    // IWYU pragma: export
#include "keruen/tracking/epcis/event.h"      // IWYU pragma: export
#include "keruen/tracking/epcis/event_log.h"  // IWYU pragma: export
#include "keruen/tracking/epcis/query.h"      // IWYU pragma: export

#endif  // KERUEN_TRACKING_EPCIS_EPCIS_H_
