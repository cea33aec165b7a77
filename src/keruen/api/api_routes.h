// The Keruen HTTP API, version 1, as a route table over a Store.
//
//   GET  /healthz                                  liveness, version and store counts
//   GET  /api/v1/openapi.json                      the OpenAPI 3.0 description of all this
//   POST /api/v1/declarations                      ingest one document or an NDJSON batch
//   GET  /api/v1/declarations                      list with filters, cursor paging
//   GET  /api/v1/declarations/{id}                 current version + "_meta"
//   GET  /api/v1/declarations/{id}/history         every stored version
//   POST /api/v1/payments, GET /api/v1/payments, /payments/{id}, /payments/{id}/history
//   GET  /api/v1/movements                         movements by state / alert rule, paged
//   GET  /api/v1/movements/{id}                    a movement, its monitor summary, its alerts
//   GET  /api/v1/movements/{id}/track.geojson      its positions, seal events and alert places
//   POST /api/v1/positions                         e-seal positions (NDJSON or CSV)
//   GET|POST /osmand                               one position, OsmAnd protocol (Traccar)
//   POST /epcis/capture                            EPCIS 2.0 checkpoint events (docs/epcis.md)
//   GET  /epcis/events                             EPCIS 2.0 query, as an EPCISQueryDocument
//   GET  /api/v1/alerts                            alerts with filters, cursor paging
//   POST /api/v1/screen                            screen one party or up to 1000
//   GET  /api/v1/lists                             the imported sanctions lists (versions)
//
// Documents are answered in the store's canonical JSON (the bytes it hashes). A single
// document carries its storage facts in an added "_meta" object ({version, stored_at,
// source, content_hash}) and its content hash as the ETag, so one GET gives a client
// everything without a second header-parsing path. Lists answer {"items": [...], "next":
// cursor or null}; pass `next` back as `after` for the following page.
//
// Ingestion takes application/json (one document), application/x-ndjson (a batch) and, for
// declarations, application/xml (one NCTS CC015C message). It is all-or-nothing
// (ingest.h): the first bad document answers 400 (malformed) or 422 (fails the model or
// validation) naming its line and field, and nothing of the batch is stored. 201 when
// something was inserted or amended, 200 when every document was already stored unchanged.
// When sanctions lists are imported, every party of every document stored is screened in
// the same transaction, and the answer counts the P6 alerts raised. When tracking runs,
// every transit or export declaration stored binds its seals to the monitor in the same way.
//
// Positions are not documents: a batch is NOT all-or-nothing. Each bad line (malformed, out
// of range, from a seal bound to no movement) is refused on its own and stored as rejected
// with its reason, the rest counts, and the answer is 200 with the counts and the first 100
// line errors. OsmAnd answers as Traccar expects: 200 with an empty body, or 400 with a short
// reason for a malformed report or a device bound to no movement.
//
// EPCIS follows the REST binding of the standard where it is practical: capture answers 202
// with a capture id (there is no capture-job resource: a capture is validated and stored
// before the answer, so there is no job to poll), errors are RFC 7807 problems typed
// "epcisException:ValidationException" or "...:QueryParameterException" naming the field. A
// capture is validated as a whole before anything is stored; its events are then stored in
// one transaction, and each event naming a movement at a post with bizStep arriving,
// departing or inspecting is applied to that movement as a checkpoint. Events are stored
// with the @context of their capture folded in, so each stored row is a capture body on its
// own; the query answers them so (an event-level @context is valid JSON-LD). The query scans
// every stored event in capture order and filters with the EPCIS library's matcher: linear
// in the events stored, which is fine for the few thousand checkpoint events a day of
// Kazakhstan's posts; an index on the stored movement/post columns is the next step.
#ifndef KERUEN_API_API_ROUTES_H_
#define KERUEN_API_API_ROUTES_H_

#include <cstdint>
#include <mutex>

#include "keruen/api/router.h"
#include "keruen/core/time.h"
#include "keruen/store/store.h"

namespace keruen {

namespace screening {
class LiveScreening;
}
namespace payments {
class PaymentMonitor;
}
namespace risk {
class RiskService;
}
namespace tracking {
class TrackingService;
}

// The engines behind the routes. Null members are engines this process does not run: their
// routes answer 503 and ingest skips them.
struct ApiEngines {
  screening::LiveScreening* screening = nullptr;
  // Positions, OsmAnd and EPCIS capture answer 503 without it; movements are then served
  // without the monitor's summary.
  tracking::TrackingService* tracking = nullptr;
  // Lanes for declarations (their answer lists them), the live ledger and the cases' stories;
  // without it declarations are stored unassessed and the ledger route answers 503.
  risk::RiskService* risk = nullptr;
  // Payments get their decision (release / hold / block) before the answer goes back, and
  // pacs.008 XML is accepted; without it payments are stored undecided.
  payments::PaymentMonitor* payments = nullptr;
};

// Builds the route table. `store`, `clock`, `write_mutex` and the engines must outlive the
// router. Handlers hold `write_mutex` for every write, because a Store admits one write
// transaction at a time; reads run concurrently, as store.h allows.
Router MakeApiRouter(Store& store, const Clock& clock, std::mutex& write_mutex,
                     ApiEngines engines = {});

// Largest page a list route serves (`limit` is 1..kMaxPageSize, default 100).
inline constexpr int kMaxPageSize = 1000;
// At most this many line errors are listed in a positions answer (all are stored).
inline constexpr int kMaxListedPositionErrors = 100;
// A track answers at most this many positions (the first ones); its "truncated" says so.
inline constexpr int64_t kMaxTrackPositions = 100000;

}  // namespace keruen

#endif  // KERUEN_API_API_ROUTES_H_
