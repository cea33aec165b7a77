// Transport-free HTTP messages: what a route handler sees and returns.
//
// The server (server.h) converts Boost.Beast messages to and from these, so the route table
// and every handler can be exercised in tests without sockets, and nothing above the server
// depends on Beast.
#ifndef KERUEN_API_HTTP_H_
#define KERUEN_API_HTTP_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace keruen {

// A request as received. Views point into the transport's buffers and live as long as the
// call that receives them.
struct HttpRequest {
  std::string_view method;        // "GET", "POST", ...
  std::string_view target;        // origin-form: "/api/v1/declarations?kind=transit"
  std::string_view content_type;  // the Content-Type header as sent, empty when absent
  std::string_view body;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  // Extra headers (Allow, ETag, ...). Content-Type and Content-Length are set by the server.
  std::vector<std::pair<std::string, std::string>> headers;
};

inline constexpr std::string_view kJsonType = "application/json";
inline constexpr std::string_view kNdjsonType = "application/x-ndjson";
inline constexpr std::string_view kXmlType = "application/xml";
inline constexpr std::string_view kProblemType = "application/problem+json";

}  // namespace keruen

#endif  // KERUEN_API_HTTP_H_
