// A small HTTP router: method + path pattern -> handler, independent of the transport.
//
// Patterns are absolute paths whose segments are literals or `{name}` parameters
// ("/api/v1/declarations/{id}/history"); a parameter matches one non-empty segment,
// percent-decoded, so ids may contain any character (a '/' as %2F). Each route also names
// the query parameters it accepts: the router rejects any other with a 400 problem, so a
// typo (`?contry=KZ`) is reported instead of silently returning unfiltered results, and the
// route table is the complete description the OpenAPI document is checked against.
//
// Dispatch answers what HTTP requires when no handler applies: 404 for an unknown path,
// 405 with an Allow header when the path exists for other methods, 400 for an undecodable
// target. Handlers return problems themselves for their own failures.
#ifndef KERUEN_API_ROUTER_H_
#define KERUEN_API_ROUTER_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "keruen/api/http.h"
#include "keruen/core/error.h"

namespace keruen {

// A request matched to a route: the decoded path and its parameters.
struct RouteRequest {
  const HttpRequest& http;
  std::string path;  // the target without its query string, as sent
  std::vector<std::pair<std::string, std::string>> path_params;
  std::vector<std::pair<std::string, std::string>> query;  // decoded, each name at most once

  // The value of path parameter `name`; the route's pattern guarantees it exists.
  const std::string& PathParam(std::string_view name) const;
  // The value of query parameter `name`; empty when absent or given empty (`?party=`), as
  // an empty filter means "no filter".
  std::string_view Query(std::string_view name) const;
};

using RouteHandler = std::function<HttpResponse(const RouteRequest&)>;

// One entry of the route table, as listed for documentation and tests.
struct RouteSpec {
  std::string method;
  std::string pattern;
  std::vector<std::string> query_params;
};

class Router {
 public:
  // Adds a route. `pattern` must start with '/' and be unique per method (an internal
  // invariant, asserted).
  void Add(std::string method, std::string pattern, std::vector<std::string> query_params,
           RouteHandler handler);

  // Routes `request`; never throws a handler's exception onwards (answers 500 instead).
  HttpResponse Dispatch(const HttpRequest& request) const;

  // The route table in the order routes were added.
  std::vector<RouteSpec> Routes() const;

 private:
  struct Route {
    RouteSpec spec;
    std::vector<std::string> segments;  // "{id}" for parameters
    RouteHandler handler;
  };
  std::vector<Route> routes_;
};

// Splits a query string ("a=1&b=x%20y") into decoded name/value pairs in order; '+' means
// a space. Fails on a bad percent escape, naming the parameter.
Result<std::vector<std::pair<std::string, std::string>>> ParseQueryString(std::string_view query);

// Decodes %XX escapes; with `plus_is_space`, '+' becomes ' ' (query strings only).
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);

}  // namespace keruen

#endif  // KERUEN_API_ROUTER_H_
