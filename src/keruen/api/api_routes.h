// The Keruen HTTP API, version 1, as a route table over a Store.
//
//   GET  /healthz                                  liveness, version and store counts
//   GET  /api/v1/openapi.json                      the OpenAPI 3.0 description of all this
//   POST /api/v1/declarations                      ingest one document or an NDJSON batch
//   GET  /api/v1/declarations                      list with filters, cursor paging
//   GET  /api/v1/declarations/{id}                 current version + "_meta"
//   GET  /api/v1/declarations/{id}/history         every stored version
//   POST /api/v1/payments, GET /api/v1/payments, /payments/{id}, /payments/{id}/history
//   GET  /api/v1/movements/{id}                    the NCTS-style movement of a declaration
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
// the same transaction, and the answer counts the P6 alerts raised.
#ifndef KERUEN_API_API_ROUTES_H_
#define KERUEN_API_API_ROUTES_H_

#include <mutex>

#include "keruen/api/router.h"
#include "keruen/core/time.h"
#include "keruen/store/store.h"

namespace keruen {

namespace screening {
class LiveScreening;
}

// The engines behind the routes. Null members are engines this process does not run: their
// routes answer 503 and ingest skips them.
struct ApiEngines {
  screening::LiveScreening* screening = nullptr;
};

// Builds the route table. `store`, `clock`, `write_mutex` and the engines must outlive the
// router. Handlers hold `write_mutex` for every write, because a Store admits one write
// transaction at a time; reads run concurrently, as store.h allows.
Router MakeApiRouter(Store& store, const Clock& clock, std::mutex& write_mutex,
                     ApiEngines engines = {});

// Largest page a list route serves (`limit` is 1..kMaxPageSize, default 100).
inline constexpr int kMaxPageSize = 1000;

}  // namespace keruen

#endif  // KERUEN_API_API_ROUTES_H_
