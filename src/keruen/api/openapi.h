// The OpenAPI 3.0 description of the HTTP API, served at /api/v1/openapi.json.
//
// It is written by hand in openapi.json beside this file (a document meant to be read and
// reviewed as such) and embedded at build time, so the binary needs no data files. A test
// checks it against the router's route table, so it cannot drift from the code.
#ifndef KERUEN_API_OPENAPI_H_
#define KERUEN_API_OPENAPI_H_

#include <string_view>

namespace keruen {

// The document's text, as in src/keruen/api/openapi.json.
std::string_view OpenApiDocument();

}  // namespace keruen

#endif  // KERUEN_API_OPENAPI_H_
