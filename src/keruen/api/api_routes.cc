#include "keruen/api/api_routes.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <memory>

#include "keruen/api/openapi.h"
#include "keruen/api/problem.h"
#include "keruen/core/json_codec.h"
#include "keruen/core/json_writer.h"
#include "keruen/core/reference.h"
#include "keruen/ingest/ingest.h"
#include "keruen/screening/live_screening.h"
#include "keruen/screening/screening_json.h"
#include "keruen/screening/watchlists.h"

namespace keruen {
namespace {

HttpResponse JsonResponse(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

HttpResponse BadParameter(const RouteRequest& req, std::string name, std::string detail) {
  Problem p;
  p.kind = ProblemKind::kInvalidParameter;
  p.instance = req.path;
  p.detail = name + ": " + std::move(detail);
  p.field = std::move(name);
  return ProblemResponse(p);
}

HttpResponse NotFoundProblem(const RouteRequest& req, std::string_view what) {
  Problem p;
  p.kind = ProblemKind::kNotFound;
  p.instance = req.path;
  p.detail = "no " + std::string(what) + " \"" + req.PathParam("id") + "\"";
  return ProblemResponse(p);
}

HttpResponse ErrorProblem(const RouteRequest& req, const Error& error) {
  return ProblemResponse(ProblemFromError(error, req.path));
}

// Query values arrive as text; each parser returns the value or a 400 response naming the
// parameter. A Parsed is "absent" when the parameter was not given.
template <typename T>
struct Parsed {
  std::optional<T> value;
  std::optional<HttpResponse> problem;
};

Parsed<Timestamp> TimestampParam(const RouteRequest& req, std::string_view name) {
  const std::string_view text = req.Query(name);
  if (text.empty()) return {};
  if (auto t = ParseTimestamp(text)) return {*t, std::nullopt};
  if (auto d = ParseDate(text)) return {StartOfDate(*d), std::nullopt};
  std::string detail = "\"" + std::string(text) +
                       "\" is not an ISO 8601 timestamp (2026-03-02T06:40:00Z) or date "
                       "(2026-03-02)";
  // A '+' of an offset that was not percent-encoded arrives as a space.
  if (text.find(' ') != std::string_view::npos) detail += "; encode '+' as %2B";
  return {std::nullopt, BadParameter(req, std::string(name), std::move(detail))};
}

Parsed<int> LimitParam(const RouteRequest& req) {
  const std::string_view text = req.Query("limit");
  if (text.empty()) return {};
  int limit = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), limit);
  if (ec != std::errc() || end != text.data() + text.size() || limit < 1 || limit > kMaxPageSize) {
    return {std::nullopt,
            BadParameter(req, "limit",
                         "\"" + std::string(text) + "\" is not a whole number from 1 to " +
                             std::to_string(kMaxPageSize))};
  }
  return {limit, std::nullopt};
}

// Country and currency codes are matched upper case; "kz" is accepted as "KZ".
Parsed<std::string> CodeParam(const RouteRequest& req, std::string_view name,
                              bool (*is_valid)(std::string_view), std::string_view what) {
  std::string code(req.Query(name));
  if (code.empty()) return {};
  for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (!is_valid(code)) {
    return {std::nullopt,
            BadParameter(req, std::string(name),
                         "\"" + std::string(req.Query(name)) + "\" is not " + std::string(what))};
  }
  return {std::move(code), std::nullopt};
}

// Checks that `to` comes after `from` when both are given.
std::optional<HttpResponse> CheckRange(const RouteRequest& req,
                                       const std::optional<Timestamp>& from,
                                       const std::optional<Timestamp>& to) {
  if (from && to && *to <= *from) {
    return BadParameter(req, "to", "must be later than from (the range is [from, to))");
  }
  return std::nullopt;
}

// Errors from a Find* call: a bad cursor is the caller's fault, anything else the store's.
HttpResponse FindProblem(const RouteRequest& req, const Error& error) {
  if (error.code == ErrorCode::kInvalidArgument) {
    return BadParameter(req, error.field.empty() ? "after" : error.field, error.message);
  }
  return ErrorProblem(req, error);
}

template <typename T>
HttpResponse PageResponse(const Page<T>& page) {
  std::string body;
  JsonWriter w(body);
  w.BeginObject().Key("items").BeginArray();
  std::string item;
  for (const T& value : page.items) {
    item.clear();
    AppendJson(value, item);
    w.Raw(item);
  }
  w.EndArray().Key("next");
  if (page.next.empty()) {
    w.Null();
  } else {
    w.String(page.next);
  }
  w.EndObject();
  return JsonResponse(200, std::move(body));
}

template <typename T>
void WriteMeta(JsonWriter& w, const Versioned<T>& v) {
  w.BeginObject();
  w.Field("version", static_cast<int64_t>(v.version));
  w.Field("stored_at", FormatTimestamp(v.stored_at));
  w.Field("source", v.source);
  w.Field("content_hash", v.content_hash);
  w.EndObject();
}

// The canonical document with "_meta" appended as its last member.
template <typename T>
HttpResponse VersionedResponse(const Versioned<T>& v) {
  std::string body;
  AppendJson(v.value, body);
  body.pop_back();  // the document's closing '}'
  body += ",\"_meta\":";
  JsonWriter meta(body);
  WriteMeta(meta, v);
  body.push_back('}');
  HttpResponse r = JsonResponse(200, std::move(body));
  r.headers.emplace_back("ETag", "\"" + v.content_hash + "\"");
  return r;
}

template <typename T>
HttpResponse HistoryResponse(const std::string& id, const std::vector<Versioned<T>>& versions) {
  std::string body;
  JsonWriter w(body);
  w.BeginObject().Field("id", id).Key("versions").BeginArray();
  std::string doc;
  for (const Versioned<T>& v : versions) {
    doc.clear();
    AppendJson(v.value, doc);
    w.BeginObject();
    w.Field("version", static_cast<int64_t>(v.version));
    w.Field("stored_at", FormatTimestamp(v.stored_at));
    w.Field("source", v.source);
    w.Field("content_hash", v.content_hash);
    w.Key("document").Raw(doc);
    w.EndObject();
  }
  w.EndArray().EndObject();
  return JsonResponse(200, std::move(body));
}

// The media type without parameters, lower case: "Application/JSON; charset=utf-8" ->
// "application/json".
std::string MediaType(std::string_view content_type) {
  std::string type(content_type.substr(0, content_type.find(';')));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
  const size_t start = type.find_first_not_of(" \t");
  type.erase(0, start == std::string::npos ? type.size() : start);
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type;
}

class Handlers {
 public:
  Handlers(Store& store, const Clock& clock, std::mutex& write_mutex, ApiEngines engines)
      : store_(store), clock_(clock), write_mutex_(write_mutex), engines_(engines) {}

  HttpResponse Health(const RouteRequest& req) const {
    auto stats = store_.Stats();
    if (!stats) return ErrorProblem(req, stats.error());
    std::string body;
    JsonWriter w(body);
    w.BeginObject().Field("status", "ok").Field("version", KERUEN_VERSION);
    w.Field("time", FormatTimestamp(clock_.Now()));
    w.Key("store").BeginObject();
    w.Field("declarations", stats->declarations);
    w.Field("declaration_versions", stats->declaration_versions);
    w.Field("goods_items", stats->goods_items);
    w.Field("payments", stats->payments);
    w.Field("movements", stats->movements);
    w.Field("alerts", stats->alerts);
    w.Field("decisions", stats->decisions);
    w.EndObject().EndObject();
    return JsonResponse(200, std::move(body));
  }

  HttpResponse Ingest(const RouteRequest& req, DocumentKind kind) const {
    // The Content-Type says which format the body is in; IngestText tells them apart by the
    // first character, so a body contradicting its type is stopped here rather than being
    // read as the other format.
    const std::string type = MediaType(req.http.content_type);
    const bool xml = type == kXmlType || type == "text/xml";
    const bool accepted =
        type == kJsonType || type == kNdjsonType || (xml && kind == DocumentKind::kDeclaration);
    if (!accepted) {
      Problem p;
      p.kind = ProblemKind::kUnsupportedMediaType;
      p.instance = req.path;
      p.detail =
          "Content-Type must be application/json (one document) or application/x-ndjson "
          "(one document a line)" +
          std::string(kind == DocumentKind::kDeclaration
                          ? " or application/xml (one NCTS CC015C message)"
                          : "") +
          ", not \"" + std::string(req.http.content_type) + "\"";
      return ProblemResponse(p);
    }
    const size_t start = req.http.body.find_first_not_of(" \t\r\n");
    const bool looks_xml = start != std::string_view::npos && req.http.body[start] == '<';
    if (xml != looks_xml) {
      Problem p;
      p.kind = ProblemKind::kMalformedDocument;
      p.instance = req.path;
      if (start != std::string_view::npos) {
        p.line = 1 + std::count(req.http.body.begin(), req.http.body.begin() + start, '\n');
      }
      p.detail = xml ? "Content-Type is " + type + " but the body is not an XML document"
                     : "Content-Type is " + type +
                           " but the body starts with '<' (send XML as "
                           "application/xml)";
      return ProblemResponse(p);
    }
    IngestOptions options;
    options.source = "api";
    // Screening on ingest, when lists are imported (NotFound: none are, nothing to screen).
    std::shared_ptr<screening::LiveScreening::Current> screening;
    if (engines_.screening != nullptr) {
      auto current = engines_.screening->Get();
      if (current) {
        screening = *current;
        options.listeners.push_back(screening->parties.get());
      } else if (current.error().code != ErrorCode::kNotFound) {
        return ErrorProblem(req, current.error());
      }
    }
    Result<IngestReport> report;
    int64_t alerts_raised = 0;
    {
      std::lock_guard<std::mutex> lock(write_mutex_);
      const int64_t before = screening ? screening->parties->alerts_raised() : 0;
      report = IngestText(store_, kind, req.http.body, options);
      if (screening) alerts_raised = screening->parties->alerts_raised() - before;
    }
    if (!report) return ErrorProblem(req, report.error());
    const PutCounts& c = report->counts;
    std::string body;
    JsonWriter w(body);
    w.BeginObject();
    w.Field("inserted", c.inserted).Field("amended", c.amended).Field("unchanged", c.unchanged);
    if (kind == DocumentKind::kDeclaration) {
      w.Field("movements_opened", report->movements_opened);
    }
    w.Field("screened", screening != nullptr);
    w.Field("alerts_raised", alerts_raised);
    w.EndObject();
    return JsonResponse(c.inserted + c.amended > 0 ? 201 : 200, std::move(body));
  }

  HttpResponse GetDeclaration(const RouteRequest& req) const {
    auto found = store_.GetDeclaration(req.PathParam("id"));
    if (!found) return ErrorProblem(req, found.error());
    if (!*found) return NotFoundProblem(req, "declaration");
    return VersionedResponse(**found);
  }

  HttpResponse DeclarationHistory(const RouteRequest& req) const {
    auto versions = store_.DeclarationHistory(req.PathParam("id"));
    if (!versions) return ErrorProblem(req, versions.error());
    if (versions->empty()) return NotFoundProblem(req, "declaration");
    return HistoryResponse(req.PathParam("id"), *versions);
  }

  // The filters declaration and payment searches share: from, to, country, limit, after.
  // Returns the problem answer for the first bad one.
  template <typename Query>
  static std::optional<HttpResponse> ReadSharedFilters(const RouteRequest& req, Query& q) {
    auto from = TimestampParam(req, "from");
    if (from.problem) return from.problem;
    auto to = TimestampParam(req, "to");
    if (to.problem) return to.problem;
    if (auto p = CheckRange(req, from.value, to.value)) return p;
    q.from = from.value;
    q.to = to.value;
    auto country = CodeParam(req, "country", IsCountryCode, "an ISO 3166-1 alpha-2 country code");
    if (country.problem) return country.problem;
    q.country = country.value.value_or("");
    auto limit = LimitParam(req);
    if (limit.problem) return limit.problem;
    q.limit = limit.value.value_or(q.limit);
    q.after = req.Query("after");
    return std::nullopt;
  }

  HttpResponse FindDeclarations(const RouteRequest& req) const {
    DeclarationQuery q;
    q.party = req.Query("party");
    q.hs_prefix = req.Query("hs");
    if (q.hs_prefix.size() > 10 ||
        q.hs_prefix.find_first_not_of("0123456789") != std::string::npos) {
      return BadParameter(req, "hs", "\"" + q.hs_prefix + "\" is not 1 to 10 digits");
    }
    if (const std::string_view kind = req.Query("kind"); !kind.empty()) {
      q.kind = ParseDeclarationKind(kind);
      if (!q.kind) {
        return BadParameter(req, "kind",
                            "\"" + std::string(kind) +
                                "\" is not a declaration kind (import, export, transit, waybill)");
      }
    }
    if (auto problem = ReadSharedFilters(req, q)) return *problem;
    auto page = store_.FindDeclarations(q);
    if (!page) return FindProblem(req, page.error());
    return PageResponse(*page);
  }

  HttpResponse GetPayment(const RouteRequest& req) const {
    auto found = store_.GetPayment(req.PathParam("id"));
    if (!found) return ErrorProblem(req, found.error());
    if (!*found) return NotFoundProblem(req, "payment");
    return VersionedResponse(**found);
  }

  HttpResponse PaymentHistory(const RouteRequest& req) const {
    auto versions = store_.PaymentHistory(req.PathParam("id"));
    if (!versions) return ErrorProblem(req, versions.error());
    if (versions->empty()) return NotFoundProblem(req, "payment");
    return HistoryResponse(req.PathParam("id"), *versions);
  }

  HttpResponse FindPayments(const RouteRequest& req) const {
    PaymentQuery q;
    q.party = req.Query("party");
    auto currency = CodeParam(req, "currency", IsCurrencyCode, "an ISO 4217 currency code");
    if (currency.problem) return *currency.problem;
    q.currency = currency.value.value_or("");
    if (auto problem = ReadSharedFilters(req, q)) return *problem;
    auto page = store_.FindPayments(q);
    if (!page) return FindProblem(req, page.error());
    return PageResponse(*page);
  }

  HttpResponse GetMovement(const RouteRequest& req) const {
    auto found = store_.GetMovement(req.PathParam("id"));
    if (!found) return ErrorProblem(req, found.error());
    if (!*found) return NotFoundProblem(req, "movement");
    return JsonResponse(200, ToJson(**found));
  }

  HttpResponse FindAlerts(const RouteRequest& req) const {
    AlertQuery q;
    q.rule = req.Query("rule");
    q.subject_type = req.Query("subject_type");
    if (!q.subject_type.empty() && q.subject_type != "declaration" && q.subject_type != "payment" &&
        q.subject_type != "movement" && q.subject_type != "party") {
      return BadParameter(req, "subject_type",
                          "\"" + q.subject_type +
                              "\" is not a subject type (declaration, payment, movement, party)");
    }
    q.subject_id = req.Query("subject_id");
    if (const std::string_view status = req.Query("status"); !status.empty()) {
      q.status = ParseAlertStatus(status);
      if (!q.status) {
        return BadParameter(req, "status",
                            "\"" + std::string(status) +
                                "\" is not an alert status (open, assigned, true_positive, "
                                "false_positive, closed)");
      }
    }
    auto limit = LimitParam(req);
    if (limit.problem) return *limit.problem;
    q.limit = limit.value.value_or(q.limit);
    q.after = req.Query("after");
    auto page = store_.FindAlerts(q);
    if (!page) return FindProblem(req, page.error());
    return PageResponse(*page);
  }

  HttpResponse Screen(const RouteRequest& req) const {
    if (MediaType(req.http.content_type) != kJsonType) {
      Problem p;
      p.kind = ProblemKind::kUnsupportedMediaType;
      p.instance = req.path;
      p.detail = "Content-Type must be application/json";
      return ProblemResponse(p);
    }
    auto queries = screening::ParseScreeningRequestJson(req.http.body);
    if (!queries) return ErrorProblem(req, queries.error());
    auto current = CurrentScreening(req);
    if (!current.value) return *current.problem;
    const screening::Screener& screener = *(*current.value)->loaded.screener;
    std::string body;
    JsonWriter w(body);
    w.BeginObject();
    w.Key("lists").BeginArray();
    for (const ListVersionInfo& v : (*current.value)->loaded.versions) {
      w.BeginObject().Field("list", v.list).Field("version", v.version).EndObject();
    }
    w.EndArray();
    w.Field("threshold", screening::kDefaultThreshold);
    w.Key("results").BeginArray();
    for (const screening::ScreeningQuery& q : *queries) {
      screening::AppendScreeningResult(w, q, screener.Screen(q));
    }
    w.EndArray().EndObject();
    return JsonResponse(200, std::move(body));
  }

  HttpResponse Lists(const RouteRequest& req) const {
    auto versions = store_.ListVersions(std::string(req.Query("list")));
    if (!versions) return ErrorProblem(req, versions.error());
    const bool all = req.Query("all") == "true";
    std::string body;
    JsonWriter w(body);
    w.BeginObject().Key("items").BeginArray();
    for (const ListVersionInfo& v : all ? *versions : screening::LatestVersions(*versions)) {
      w.BeginObject().Field("list", v.list).Field("version", v.version);
      w.Field("format", v.format).Field("source", v.source);
      w.Field("published_on", v.published_on).Field("content_hash", v.content_hash);
      w.Field("entry_count", v.entry_count).Field("imported_at", FormatTimestamp(v.imported_at));
      w.EndObject();
    }
    w.EndArray().EndObject();
    return JsonResponse(200, std::move(body));
  }

 private:
  Parsed<std::shared_ptr<screening::LiveScreening::Current>> CurrentScreening(
      const RouteRequest& req) const {
    Problem p;
    p.instance = req.path;
    p.kind = ProblemKind::kUnavailable;
    if (engines_.screening == nullptr) {
      p.detail = "screening does not run in this server";
      return {std::nullopt, ProblemResponse(p)};
    }
    auto current = engines_.screening->Get();
    if (current) return {*current, std::nullopt};
    if (current.error().code != ErrorCode::kNotFound) {
      return {std::nullopt, ErrorProblem(req, current.error())};
    }
    p.kind = ProblemKind::kConflict;
    p.detail = current.error().message;
    return {std::nullopt, ProblemResponse(p)};
  }

  Store& store_;
  const Clock& clock_;
  std::mutex& write_mutex_;
  ApiEngines engines_;
};

}  // namespace

Router MakeApiRouter(Store& store, const Clock& clock, std::mutex& write_mutex,
                     ApiEngines engines) {
  // Shared by every handler; lives as long as the longest-lived copy of the router.
  auto h = std::make_shared<const Handlers>(store, clock, write_mutex, engines);
  Router r;
  r.Add("GET", "/healthz", {}, [h](const RouteRequest& q) { return h->Health(q); });
  r.Add("GET", "/api/v1/openapi.json", {},
        [](const RouteRequest&) { return JsonResponse(200, std::string(OpenApiDocument())); });

  r.Add("POST", "/api/v1/declarations", {},
        [h](const RouteRequest& q) { return h->Ingest(q, DocumentKind::kDeclaration); });
  r.Add("GET", "/api/v1/declarations",
        {"party", "hs", "from", "to", "kind", "country", "limit", "after"},
        [h](const RouteRequest& q) { return h->FindDeclarations(q); });
  r.Add("GET", "/api/v1/declarations/{id}", {},
        [h](const RouteRequest& q) { return h->GetDeclaration(q); });
  r.Add("GET", "/api/v1/declarations/{id}/history", {},
        [h](const RouteRequest& q) { return h->DeclarationHistory(q); });

  r.Add("POST", "/api/v1/payments", {},
        [h](const RouteRequest& q) { return h->Ingest(q, DocumentKind::kPayment); });
  r.Add("GET", "/api/v1/payments", {"party", "from", "to", "country", "currency", "limit", "after"},
        [h](const RouteRequest& q) { return h->FindPayments(q); });
  r.Add("GET", "/api/v1/payments/{id}", {},
        [h](const RouteRequest& q) { return h->GetPayment(q); });
  r.Add("GET", "/api/v1/payments/{id}/history", {},
        [h](const RouteRequest& q) { return h->PaymentHistory(q); });

  r.Add("GET", "/api/v1/movements/{id}", {},
        [h](const RouteRequest& q) { return h->GetMovement(q); });
  r.Add("GET", "/api/v1/alerts", {"rule", "status", "subject_type", "subject_id", "limit", "after"},
        [h](const RouteRequest& q) { return h->FindAlerts(q); });
  r.Add("POST", "/api/v1/screen", {}, [h](const RouteRequest& q) { return h->Screen(q); });
  r.Add("GET", "/api/v1/lists", {"list", "all"},
        [h](const RouteRequest& q) { return h->Lists(q); });
  return r;
}

}  // namespace keruen
