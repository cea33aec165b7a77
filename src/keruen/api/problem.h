// Errors as RFC 7807 problem details (`application/problem+json`).
//
// Every error the API returns has the same shape, so clients handle one format:
//   {"type": "urn:keruen:problem:invalid-document", "title": "Invalid document",
//    "status": 422, "detail": "...", "instance": "/api/v1/declarations",
//    "field": "items[0].hs", "line": 2, "source": "api"}
// `type` is a stable identifier clients may switch on; `title` is its human summary and
// does not vary between occurrences; `detail` explains this occurrence. The extensions
// `field` (path inside the document or name of the query parameter), `line` (1-based line
// of an NDJSON body) and `source` appear only when known.
#ifndef KERUEN_API_PROBLEM_H_
#define KERUEN_API_PROBLEM_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "keruen/api/http.h"
#include "keruen/core/error.h"

namespace keruen {

// The kinds of problem the API reports. Each has a fixed status, type URI and title.
enum class ProblemKind {
  kBadRequest,            // 400: the HTTP message itself is unusable
  kMalformedDocument,     // 400: the body is not well-formed JSON (or XML)
  kInvalidParameter,      // 400: a path or query parameter has a bad value or is unknown
  kNotFound,              // 404: no such route or resource
  kMethodNotAllowed,      // 405
  kConflict,              // 409: contradicts stored state
  kPayloadTooLarge,       // 413
  kUnsupportedMediaType,  // 415
  kInvalidDocument,       // 422: well-formed JSON that fails parsing into the model or validation
  kInternal,              // 500
  kUnavailable,           // 503: the store cannot be used right now
};

int ProblemStatus(ProblemKind kind);
// "urn:keruen:problem:invalid-document": the identifier clients switch on.
std::string ProblemTypeUri(ProblemKind kind);

struct Problem {
  ProblemKind kind = ProblemKind::kInternal;
  std::string detail;
  std::string instance;  // the request path the problem occurred on
  std::string field;
  int64_t line = 0;  // 0 when unknown
  std::string source;
};

// The response carrying `problem` as application/problem+json.
HttpResponse ProblemResponse(const Problem& problem);

// The problem for an error from the core, store or ingest: parse errors are 400, values
// that fail validation 422, missing things 404, conflicts 409, store trouble 503. The
// error's field, line and source carry over.
Problem ProblemFromError(const Error& error, std::string_view instance);

}  // namespace keruen

#endif  // KERUEN_API_PROBLEM_H_
