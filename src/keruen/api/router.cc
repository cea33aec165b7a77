#include "keruen/api/router.h"

#include <algorithm>
#include <cassert>
#include <exception>

#include "keruen/api/problem.h"

namespace keruen {
namespace {

bool IsParameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// "/a/b/c" -> {"a", "b", "c"}; "/" -> {""}; keeps empty segments so "/a//b" and "/a/"
// do not match "/a/b" or "/a".
std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> segments;
  path.remove_prefix(1);  // the leading '/'
  while (true) {
    const size_t slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string Join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "none" : out;
}

}  // namespace

std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;  // needs two hex digits
      const int hi = HexValue(text[i + 1]), lo = HexValue(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

Result<std::vector<std::pair<std::string, std::string>>> ParseQueryString(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view piece = query.substr(0, amp);
    query.remove_prefix(amp == std::string_view::npos ? query.size() : amp + 1);
    if (piece.empty()) continue;  // "a=1&&b=2"
    const size_t eq = piece.find('=');
    auto name = PercentDecode(piece.substr(0, eq), true);
    if (!name) return InvalidArgument(std::string(piece.substr(0, eq)), "bad percent escape");
    std::optional<std::string> value =
        eq == std::string_view::npos ? std::string() : PercentDecode(piece.substr(eq + 1), true);
    if (!value) return InvalidArgument(*name, "bad percent escape in the value");
    params.emplace_back(std::move(*name), std::move(*value));
  }
  return params;
}

const std::string& RouteRequest::PathParam(std::string_view name) const {
  for (const auto& [n, v] : path_params) {
    if (n == name) return v;
  }
  assert(false && "path parameter not in the route's pattern");
  static const std::string kEmpty;
  return kEmpty;
}

std::string_view RouteRequest::Query(std::string_view name) const {
  for (const auto& [n, v] : query) {
    if (n == name) return v;
  }
  return {};
}

void Router::Add(std::string method, std::string pattern, std::vector<std::string> query_params,
                 RouteHandler handler) {
  assert(!pattern.empty() && pattern.front() == '/');
  Route route;
  for (std::string_view segment : SplitPath(pattern)) route.segments.emplace_back(segment);
  for ([[maybe_unused]] const Route& other : routes_) {
    assert(!(other.spec.method == method && other.spec.pattern == pattern));
  }
  route.spec = {std::move(method), std::move(pattern), std::move(query_params)};
  route.handler = std::move(handler);
  routes_.push_back(std::move(route));
}

std::vector<RouteSpec> Router::Routes() const {
  std::vector<RouteSpec> specs;
  for (const Route& r : routes_) specs.push_back(r.spec);
  return specs;
}

HttpResponse Router::Dispatch(const HttpRequest& request) const {
  const std::string_view target = request.target;
  const size_t question = target.find('?');
  const std::string_view raw_path = target.substr(0, question);
  Problem problem;
  problem.instance = std::string(raw_path);
  if (raw_path.empty() || raw_path.front() != '/') {
    problem.kind = ProblemKind::kBadRequest;
    problem.detail = "the request target must be an absolute path";
    return ProblemResponse(problem);
  }

  // Decode each segment after splitting, so an encoded '/' stays inside its segment.
  std::vector<std::string> segments;
  for (std::string_view raw : SplitPath(raw_path)) {
    auto decoded = PercentDecode(raw, false);
    if (!decoded) {
      problem.kind = ProblemKind::kBadRequest;
      problem.detail = "bad percent escape in the path";
      return ProblemResponse(problem);
    }
    segments.push_back(std::move(*decoded));
  }

  const Route* match = nullptr;
  std::vector<std::string> allowed;  // methods of routes whose pattern matches the path
  std::vector<std::pair<std::string, std::string>> path_params;
  for (const Route& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    std::vector<std::pair<std::string, std::string>> params;
    bool matches = true;
    for (size_t i = 0; i < segments.size() && matches; ++i) {
      const std::string& s = route.segments[i];
      if (IsParameter(s)) {
        if (segments[i].empty())
          matches = false;
        else
          params.emplace_back(s.substr(1, s.size() - 2), segments[i]);
      } else {
        matches = s == segments[i];
      }
    }
    if (!matches) continue;
    if (route.spec.method == request.method && match == nullptr) {
      match = &route;
      path_params = std::move(params);
    }
    if (std::find(allowed.begin(), allowed.end(), route.spec.method) == allowed.end()) {
      allowed.push_back(route.spec.method);
    }
  }
  if (match == nullptr) {
    if (allowed.empty()) {
      problem.kind = ProblemKind::kNotFound;
      problem.detail = "no route for " + std::string(raw_path);
      return ProblemResponse(problem);
    }
    std::sort(allowed.begin(), allowed.end());
    problem.kind = ProblemKind::kMethodNotAllowed;
    problem.detail =
        std::string(request.method) + " is not allowed here (allowed: " + Join(allowed) + ")";
    HttpResponse response = ProblemResponse(problem);
    std::string allow;
    for (const auto& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
    response.headers.emplace_back("Allow", std::move(allow));
    return response;
  }

  auto query = ParseQueryString(question == std::string_view::npos ? std::string_view()
                                                                   : target.substr(question + 1));
  if (!query) {
    problem.kind = ProblemKind::kInvalidParameter;
    problem.field = query.error().field;
    problem.detail = query.error().field + ": " + query.error().message;
    return ProblemResponse(problem);
  }
  const std::vector<std::string>& accepted = match->spec.query_params;
  for (size_t i = 0; i < query->size(); ++i) {
    const std::string& name = (*query)[i].first;
    problem.kind = ProblemKind::kInvalidParameter;
    problem.field = name;
    if (std::find(accepted.begin(), accepted.end(), name) == accepted.end()) {
      problem.detail =
          "unknown query parameter \"" + name + "\" (accepted: " + Join(accepted) + ")";
      return ProblemResponse(problem);
    }
    for (size_t j = 0; j < i; ++j) {
      if ((*query)[j].first == name) {
        problem.detail = "query parameter \"" + name + "\" is given more than once";
        return ProblemResponse(problem);
      }
    }
  }

  const RouteRequest route_request{request, std::string(raw_path), std::move(path_params),
                                   std::move(*query)};
  try {
    return match->handler(route_request);
  } catch (const std::exception& e) {
    problem.kind = ProblemKind::kInternal;
    problem.field.clear();
    problem.detail = std::string("unexpected failure: ") + e.what();
    return ProblemResponse(problem);
  }
}

}  // namespace keruen
