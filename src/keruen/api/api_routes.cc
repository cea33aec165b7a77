#include "keruen/api/api_routes.h"

#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "keruen/api/openapi.h"
#include "keruen/api/problem.h"
#include "keruen/cases/case_story.h"
#include "keruen/cases/cases.h"
#include "keruen/core/json_codec.h"
#include "keruen/core/json_writer.h"
#include "keruen/core/reference.h"
#include "keruen/ingest/ingest.h"
#include "keruen/payments/pacs008.h"
#include "keruen/payments/payment_decision.h"
#include "keruen/risk/risk_service.h"
#include "keruen/screening/live_screening.h"
#include "keruen/screening/screening_json.h"
#include "keruen/screening/watchlists.h"
#include "keruen/tracking/epcis/epcis.h"
#include "keruen/tracking/position.h"
#include "keruen/tracking/tracking_service.h"

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

// "T1", "P6": a rule id of shared/reference/detection-rules.md.
bool IsRuleId(std::string_view id) {
  return id.size() >= 2 && id.size() <= 4 && std::isupper(static_cast<unsigned char>(id[0])) &&
         id.find_first_not_of("0123456789", 1) == std::string_view::npos;
}

// Percent-encodes everything but unreserved characters (RFC 3986), for ids in links.
std::string EscapePathSegment(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    }
  }
  return out;
}

// Opens a GeoJSON Point feature; the caller writes "properties" and closes the feature.
void WritePoint(JsonWriter& w, double lon, double lat) {
  w.BeginObject().Field("type", "Feature");
  w.Key("geometry").BeginObject().Field("type", "Point");
  w.Key("coordinates").BeginArray().Double(lon).Double(lat).EndArray().EndObject();
}

// Where an alert happened: the "position" object of its evidence (monitor.h), when it has
// one.
struct EvidencePosition {
  double lat = 0;
  double lon = 0;
  std::string ts;
};

std::optional<EvidencePosition> EvidencePositionOf(std::string_view evidence_json) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element position;
  if (parser.parse(evidence_json.data(), evidence_json.size())["position"].get(position) !=
      simdjson::SUCCESS) {
    return std::nullopt;
  }
  EvidencePosition at;
  if (position["lat"].get(at.lat) != simdjson::SUCCESS ||
      position["lon"].get(at.lon) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  std::string_view ts;
  if (position["ts"].get(ts) == simdjson::SUCCESS) at.ts = std::string(ts);
  return at;
}

// The event as captured, made a capture body of its own: the @context of its capture is
// folded in when the event did not carry one (events of an EPCISDocument share the
// document's). Stored so, a row can be parsed back by the capture parser alone.
std::string WithOwnContext(const tracking::EpcisEvent& e) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element context;
  if (e.context_json.empty() ||
      parser.parse(e.json.data(), e.json.size())["@context"].get(context) == simdjson::SUCCESS) {
    return e.json;
  }
  return "{\"@context\":" + e.context_json + "," + e.json.substr(1);
}

std::optional<tracking::CheckpointStep> StepOf(tracking::Checkpoint checkpoint) {
  switch (checkpoint) {
    case tracking::Checkpoint::kArrived:
      return tracking::CheckpointStep::kArriving;
    case tracking::Checkpoint::kDeparted:
      return tracking::CheckpointStep::kDeparting;
    case tracking::Checkpoint::kInspected:
      return tracking::CheckpointStep::kInspecting;
    case tracking::Checkpoint::kNone:
      return std::nullopt;
  }
  return std::nullopt;
}

// An error as the EPCIS REST binding types it ("epcisException:ValidationException"), in the
// same RFC 7807 shape as every other problem of this API; always 400.
HttpResponse EpcisProblem(const RouteRequest& req, std::string_view exception, const Error& error) {
  HttpResponse r;
  r.status = 400;
  r.content_type = std::string(kProblemType);
  JsonWriter w(r.body);
  w.BeginObject();
  w.Field("type", "epcisException:" + std::string(exception));
  w.Field("title", exception == "ValidationException" ? "Invalid EPCIS document"
                                                      : "Invalid query parameter");
  w.Field("status", 400);
  w.Field("detail", error.field.empty() ? error.message : error.field + ": " + error.message);
  w.Field("instance", req.path);
  if (!error.field.empty()) w.Field("field", error.field);
  w.EndObject();
  return r;
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
    const bool xml_reader = kind == DocumentKind::kDeclaration || engines_.payments != nullptr;
    const bool accepted = type == kJsonType || type == kNdjsonType || (xml && xml_reader);
    if (!accepted) {
      Problem p;
      p.kind = ProblemKind::kUnsupportedMediaType;
      p.instance = req.path;
      p.detail =
          "Content-Type must be application/json (one document) or application/x-ndjson "
          "(one document a line)" +
          std::string(kind == DocumentKind::kDeclaration
                          ? " or application/xml (one NCTS CC015C message)"
                      : xml_reader ? " or application/xml (one ISO 20022 pacs.008 message)"
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
    // Transit and export declarations bind their seals to the monitor as they are stored.
    if (engines_.tracking != nullptr) options.listeners.push_back(engines_.tracking);
    // Every declaration gets its rules, score and lane before the answer goes back, every
    // payment its decision.
    if (engines_.risk != nullptr) options.listeners.push_back(engines_.risk);
    if (engines_.payments != nullptr) {
      options.listeners.push_back(engines_.payments);
      options.payment_xml = payments::ParsePacs008;
    }
    Result<IngestReport> report;
    int64_t alerts_raised = 0;
    std::vector<risk::RiskService::LaneOutcome> lanes;
    std::vector<payments::PaymentDecision> decided;
    {
      std::lock_guard<std::mutex> lock(write_mutex_);
      const int64_t before = screening ? screening->parties->alerts_raised() : 0;
      if (engines_.risk != nullptr) {
        engines_.risk->SetScreening(screening ? screening->parties.get() : nullptr);
        engines_.risk->TakeLanes();  // drop what the last failed ingest left
      }
      if (engines_.payments != nullptr) {
        engines_.payments->SetScreening(screening ? screening->parties.get() : nullptr);
        engines_.payments->TakeDecided();
      }
      report = IngestText(store_, kind, req.http.body, options);
      if (screening) alerts_raised = screening->parties->alerts_raised() - before;
      if (engines_.risk != nullptr) lanes = engines_.risk->TakeLanes();
      if (engines_.payments != nullptr) decided = engines_.payments->TakeDecided();
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
    if (kind == DocumentKind::kDeclaration && engines_.risk != nullptr) {
      w.Key("lanes").BeginArray();
      for (const auto& lane : lanes) {
        w.BeginObject()
            .Field("declaration", lane.declaration)
            .Field("lane", risk::LaneName(lane.lane))
            .Field("score", lane.score);
        w.Key("rules").BeginArray();
        for (const std::string& rule : lane.rules) w.String(rule);
        w.EndArray().EndObject();
      }
      w.EndArray();
    }
    if (kind == DocumentKind::kPayment && engines_.payments != nullptr) {
      w.Key("decisions").BeginArray();
      for (const payments::PaymentDecision& d : decided) {
        std::string json;
        payments::AppendJson(d, json);
        w.Raw(json);
      }
      w.EndArray();
    }
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

  HttpResponse FindDecisions(const RouteRequest& req) const {
    DecisionQuery q;
    q.kind = req.Query("kind");
    q.subject_type = req.Query("subject_type");
    q.subject_id = req.Query("subject_id");
    q.outcome = req.Query("outcome");
    q.decided_by = req.Query("decided_by");
    auto from = TimestampParam(req, "from");
    if (from.problem) return *from.problem;
    auto to = TimestampParam(req, "to");
    if (to.problem) return *to.problem;
    if (auto p = CheckRange(req, from.value, to.value)) return *p;
    q.from = from.value;
    q.to = to.value;
    auto limit = LimitParam(req);
    if (limit.problem) return *limit.problem;
    q.limit = limit.value.value_or(q.limit);
    q.after = req.Query("after");
    auto page = store_.FindDecisions(q);
    if (!page) return FindProblem(req, page.error());
    return PageResponse(*page);
  }

  HttpResponse ListCases(const RouteRequest& req) const {
    cases::CaseFilter filter;
    filter.status = req.Query("status");
    if (!filter.status.empty() && filter.status != "open" && filter.status != "assigned" &&
        filter.status != "true_positive" && filter.status != "false_positive") {
      return BadParameter(req, "status",
                          "\"" + filter.status +
                              "\" is not a case status (open, assigned, true_positive, "
                              "false_positive)");
    }
    filter.rule = req.Query("rule");
    filter.assignee = req.Query("assignee");
    filter.document = req.Query("document");
    auto limit = LimitParam(req);
    if (limit.problem) return *limit.problem;
    auto all = cases::BuildCases(store_, filter);
    if (!all) return ErrorProblem(req, all.error());
    const size_t n = std::min(all->size(), static_cast<size_t>(limit.value.value_or(100)));
    std::string body;
    JsonWriter w(body);
    w.BeginObject().Field("total", static_cast<int64_t>(all->size())).Key("items").BeginArray();
    for (size_t i = 0; i < n; ++i) cases::AppendJson(w, (*all)[i], false);
    w.EndArray().EndObject();
    return JsonResponse(200, std::move(body));
  }

  HttpResponse GetCase(const RouteRequest& req) const {
    if (engines_.risk == nullptr) return RiskUnavailable(req);
    auto c = cases::GetCase(store_, req.PathParam("id"));
    if (!c)
      return c.error().code == ErrorCode::kNotFound ? NotFoundProblem(req, "case")
                                                    : ErrorProblem(req, c.error());
    auto story = cases::TellStory(store_, *c, engines_.risk->goods(),
                                  [this](const std::string& party, const std::string& hs6) {
                                    return engines_.risk->Balance(party, hs6);
                                  });
    if (!story) return ErrorProblem(req, story.error());
    std::string body;
    JsonWriter w(body);
    cases::AppendJson(w, *story);
    return JsonResponse(200, std::move(body));
  }

  HttpResponse PartyLedger(const RouteRequest& req) const {
    if (engines_.risk == nullptr) return RiskUnavailable(req);
    const std::string party(req.PathParam("id"));
    const std::string hs(req.Query("hs"));
    if (hs.find_first_not_of("0123456789") != std::string::npos) {
      return BadParameter(req, "hs", "\"" + hs + "\" is not an HS code prefix (digits)");
    }
    const auto balances = engines_.risk->PartyBalances(party, hs);
    if (balances.empty()) return NotFoundProblem(req, "party in the ledger");
    std::string body;
    JsonWriter w(body);
    w.BeginObject().Field("party", party).Key("balances").BeginArray();
    for (const auto& [hs6, b] : balances) {
      w.BeginObject()
          .Field("hs6", hs6)
          .Field("in_kg", b.in_kg)
          .Field("out_kg", b.out_kg)
          .Field("out_to_russia_kg", b.out_to_russia_kg)
          .Field("excess_kg", b.excess_kg())
          .Field("unit", b.unit);
      if (!b.unit.empty())
        w.Field("in_quantity", b.in_quantity).Field("out_quantity", b.out_quantity);
      w.Field("in_declarations", b.in_declarations)
          .Field("out_declarations", b.out_declarations)
          .Field("first", FormatDate(b.first))
          .Field("last", FormatDate(b.last))
          .EndObject();
    }
    w.EndArray().EndObject();
    return JsonResponse(200, std::move(body));
  }

  static HttpResponse RiskUnavailable(const RouteRequest& req) {
    Problem p;
    p.kind = ProblemKind::kUnavailable;
    p.instance = req.path;
    p.detail = "the risk engine is not running in this server";
    return ProblemResponse(p);
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

  // --- Transit tracking -------------------------------------------------------------------

  HttpResponse PostPositions(const RouteRequest& req) const {
    if (engines_.tracking == nullptr) return TrackingUnavailable(req);
    const std::string type = MediaType(req.http.content_type);
    const bool csv = type == "text/csv";
    if (type != kNdjsonType && !csv) {
      Problem p;
      p.kind = ProblemKind::kUnsupportedMediaType;
      p.instance = req.path;
      p.detail =
          "Content-Type must be application/x-ndjson (one position a line, as "
          "shared/spec/pings.example.ndjson) or text/csv (a header naming device, ts, lat, lon), "
          "not \"" +
          std::string(req.http.content_type) + "\"";
      return ProblemResponse(p);
    }
    // The parser keeps its buffers between batches; one per server thread.
    thread_local tracking::PositionParser parser;
    tracking::ParsedPositions parsed;
    const Timestamp now = clock_.Now();
    if (csv) {
      if (auto ok = tracking::ParsePositionsCsv(req.http.body, now, parsed); !ok) {
        return ErrorProblem(req, ok.error());  // the header itself is unusable
      }
    } else {
      parser.ParseNdjson(req.http.body, now, parsed);
    }
    Result<tracking::TrackingReport> report;
    {
      std::lock_guard<std::mutex> lock(write_mutex_);
      report = engines_.tracking->Ingest(parsed, "api");
    }
    if (!report) return ErrorProblem(req, report.error());
    std::string body;
    JsonWriter w(body);
    w.BeginObject();
    w.Field("accepted", report->accepted).Field("late", report->late);
    w.Field("duplicates", report->duplicates).Field("rejected", report->rejected);
    // The refusals that are not line errors: positions from seals bound to no movement.
    w.Field("unknown_devices", report->rejected - static_cast<int64_t>(parsed.rejected.size()));
    w.Field("alerts_raised", report->alerts_raised);
    w.Field("state_changes", report->state_changes);
    w.Key("alert_ids").BeginArray();
    for (const std::string& id : report->alert_ids) w.String(id);
    w.EndArray();
    w.Key("errors").BeginArray();
    const size_t listed =
        std::min(parsed.rejected.size(), static_cast<size_t>(kMaxListedPositionErrors));
    for (size_t i = 0; i < listed; ++i) {
      const tracking::RejectedPosition& r = parsed.rejected[i];
      w.BeginObject().Field("line", r.line).Field("field", r.field).Field("reason", r.reason);
      w.EndObject();
    }
    w.EndArray();
    w.Field("errors_truncated", listed < parsed.rejected.size());
    w.EndObject();
    return JsonResponse(200, std::move(body));
  }

  // The OsmAnd protocol: the report is in the query string, or in a form body.
  HttpResponse OsmAnd(const RouteRequest& req) const {
    if (engines_.tracking == nullptr) return TrackingUnavailable(req);
    std::vector<std::pair<std::string, std::string>> params = req.query;
    if (req.http.method == "POST" && !req.http.body.empty()) {
      if (MediaType(req.http.content_type) != "application/x-www-form-urlencoded") {
        return OsmAndRefusal(
            "send the report in the query string or as "
            "application/x-www-form-urlencoded");
      }
      auto form = ParseQueryString(req.http.body);
      if (!form) return OsmAndRefusal(form.error().field + ": " + form.error().message);
      params.insert(params.end(), form->begin(), form->end());
    }
    const Timestamp now = clock_.Now();
    tracking::ParsedPositions parsed;
    auto position = tracking::ParseOsmAnd(params, now);
    if (position) {
      parsed.accepted.push_back(std::move(*position));
    } else {
      // Kept as refused like any bad line, with the report as received.
      std::string raw(req.http.target);
      if (!req.http.body.empty()) raw += " " + std::string(req.http.body);
      raw.resize(std::min<size_t>(raw.size(), 200));
      parsed.rejected.push_back(
          {0, position.error().field, position.error().message, std::move(raw)});
    }
    Result<tracking::TrackingReport> report;
    {
      std::lock_guard<std::mutex> lock(write_mutex_);
      report = engines_.tracking->Ingest(parsed, "osmand");
    }
    if (!report) return ErrorProblem(req, report.error());
    if (!position) return OsmAndRefusal(position.error().ToString());
    if (report->rejected > 0) {
      return OsmAndRefusal("unknown device " + parsed.accepted.front().device +
                           ": no movement under seal monitoring uses it");
    }
    HttpResponse r;
    r.content_type = "text/plain";
    return r;  // accepted, late or a repeat: Traccar must not resend any of them
  }

  HttpResponse FindMovements(const RouteRequest& req) const {
    MovementQuery q;
    if (const std::string_view state = req.Query("state"); !state.empty()) {
      q.state = ParseMovementState(state);
      if (!q.state) {
        return BadParameter(req, "state",
                            "\"" + std::string(state) +
                                "\" is not a movement state (lodged, released, entered, exited, "
                                "discharged, overdue, diverted)");
      }
    }
    q.alert_rule = req.Query("alert");
    if (!q.alert_rule.empty() && q.alert_rule != "any" && !IsRuleId(q.alert_rule)) {
      return BadParameter(req, "alert",
                          "\"" + q.alert_rule + "\" is not a rule id (T1) or \"any\"");
    }
    auto limit = LimitParam(req);
    if (limit.problem) return *limit.problem;
    q.limit = limit.value.value_or(q.limit);
    q.after = req.Query("after");
    auto page = store_.FindMovements(q);
    if (!page) return FindProblem(req, page.error());
    std::string body;
    JsonWriter w(body);
    w.BeginObject().Key("items").BeginArray();
    for (const Movement& m : page->items) w.Raw(MovementWithSummary(m));
    w.EndArray().Key("next");
    if (page->next.empty()) {
      w.Null();
    } else {
      w.String(page->next);
    }
    w.EndObject();
    return JsonResponse(200, std::move(body));
  }

  HttpResponse GetMovement(const RouteRequest& req) const {
    const std::string& id = req.PathParam("id");
    auto found = store_.GetMovement(id);
    if (!found) return ErrorProblem(req, found.error());
    if (!*found) return NotFoundProblem(req, "movement");
    auto alerts = MovementAlerts(id);
    if (!alerts) return ErrorProblem(req, alerts.error());
    std::string body = MovementWithSummary(**found);
    body.pop_back();  // the object's closing '}'
    body += ",\"alerts\":[";
    for (size_t i = 0; i < alerts->size(); ++i) {
      if (i > 0) body.push_back(',');
      AppendJson((*alerts)[i], body);
    }
    body += "],\"links\":";
    JsonWriter links(body);
    const std::string escaped = EscapePathSegment(id);
    links.BeginObject();
    links.Field("track", "/api/v1/movements/" + escaped + "/track.geojson");
    links.Field("epcis_events", "/epcis/events?movement=" + escaped);
    links.EndObject();
    body.push_back('}');
    return JsonResponse(200, std::move(body));
  }

  // GeoJSON (RFC 7946): coordinates are [lon, lat].
  HttpResponse Track(const RouteRequest& req) const {
    const std::string& id = req.PathParam("id");
    auto found = store_.GetMovement(id);
    if (!found) return ErrorProblem(req, found.error());
    if (!*found) return NotFoundProblem(req, "movement");
    auto positions = store_.MovementPositions(id, kMaxTrackPositions + 1);
    if (!positions) return ErrorProblem(req, positions.error());
    const bool truncated = static_cast<int64_t>(positions->size()) > kMaxTrackPositions;
    if (truncated) positions->resize(kMaxTrackPositions);
    auto alerts = MovementAlerts(id);
    if (!alerts) return ErrorProblem(req, alerts.error());

    std::string body;
    JsonWriter w(body);
    w.BeginObject().Field("type", "FeatureCollection");
    w.Key("features").BeginArray();
    // A LineString needs two positions (RFC 7946 3.1.4); a single one shows as its Point.
    if (positions->size() >= 2) {
      w.BeginObject().Field("type", "Feature");
      w.Key("geometry").BeginObject().Field("type", "LineString").Key("coordinates").BeginArray();
      for (const PositionRecord& p : *positions)
        w.BeginArray().Double(p.lon).Double(p.lat).EndArray();
      w.EndArray().EndObject();
      w.Key("properties").BeginObject().Field("kind", "track").Field("movement", id);
      w.Field("positions", static_cast<int64_t>(positions->size()));
      w.Field("first", FormatTimestamp(positions->front().ts));
      w.Field("last", FormatTimestamp(positions->back().ts));
      w.Field("truncated", truncated);
      w.EndObject().EndObject();
    }
    for (const PositionRecord& p : *positions) {
      if (p.event.empty() && positions->size() != 1) continue;
      WritePoint(w, p.lon, p.lat);
      w.Key("properties").BeginObject();
      w.Field("kind", p.event.empty() ? "position" : "seal_event");
      w.Field("device", p.device).Field("ts", FormatTimestamp(p.ts));
      if (!p.event.empty()) {
        w.Field("event", p.event);
        if (auto event = tracking::ParseSealEvent(p.event)) {
          w.Field("event_name", tracking::SealEventName(*event));
        }
      }
      w.EndObject().EndObject();
    }
    for (const Alert& a : *alerts) {
      const std::optional<EvidencePosition> at = EvidencePositionOf(a.evidence_json);
      if (!at) continue;  // an alert about time passing has no place
      WritePoint(w, at->lon, at->lat);
      w.Key("properties").BeginObject().Field("kind", "alert").Field("alert_id", a.id);
      w.Field("rule", a.rule).Field("severity", SeverityName(a.severity));
      if (!at->ts.empty()) w.Field("ts", at->ts);
      w.Field("explanation", a.explanation);
      w.EndObject().EndObject();
    }
    // The approved route, when the movement has one.
    const Movement& m = **found;
    std::optional<std::pair<double, double>> start;
    if (!positions->empty()) start.emplace(positions->front().lat, positions->front().lon);
    if (const auto route = engines_.tracking == nullptr
                               ? nullptr
                               : ApprovedRouteOf(engines_.tracking->geography(), m, start)) {
      w.BeginObject().Field("type", "Feature");
      w.Key("geometry").BeginObject().Field("type", "LineString").Key("coordinates").BeginArray();
      for (const auto& [lat, lon] : route->Points())
        w.BeginArray().Double(lon).Double(lat).EndArray();
      w.EndArray().EndObject();
      w.Key("properties").BeginObject().Field("kind", "route");
      // An export's route starts where its truck did.
      w.Field("from", m.entry_post_id.empty() ? std::string("first position") : m.entry_post_id);
      w.Field("to", m.exit_post_id).Field("length_km", route->LengthKm()).EndObject().EndObject();
    }
    w.EndArray();
    w.Key("properties").BeginObject().Field("movement", id);
    w.Field("state", MovementStateName((*found)->state));
    w.Field("entry_post", (*found)->entry_post_id).Field("exit_post", (*found)->exit_post_id);
    w.EndObject();
    w.EndObject();
    HttpResponse r = JsonResponse(200, std::move(body));
    r.content_type = "application/geo+json";
    return r;
  }

  HttpResponse EpcisCapture(const RouteRequest& req) const {
    if (engines_.tracking == nullptr) return TrackingUnavailable(req);
    const std::string type = MediaType(req.http.content_type);
    if (type != kJsonType && type != "application/ld+json") {
      Problem p;
      p.kind = ProblemKind::kUnsupportedMediaType;
      p.instance = req.path;
      p.detail =
          "Content-Type must be application/json or application/ld+json (EPCIS 2.0 "
          "JSON-LD), not \"" +
          std::string(req.http.content_type) + "\"";
      return ProblemResponse(p);
    }
    thread_local tracking::EpcisParser parser;
    const Timestamp now = clock_.Now();
    auto events = parser.ParseCapture(req.http.body, now);
    if (!events) return EpcisProblem(req, "ValidationException", events.error());

    struct Stored {
      int64_t sequence = 0;
      std::vector<std::string> movements;
      std::optional<std::string> post;
      tracking::Checkpoint checkpoint = tracking::Checkpoint::kNone;
    };
    std::vector<Stored> stored;
    stored.reserve(events->size());
    struct Applied {
      std::string movement, post;
      tracking::Checkpoint checkpoint;
      std::optional<std::string> refused;  // why the checkpoint did not apply
    };
    std::vector<Applied> applied;
    tracking::TrackingReport checkpoints;
    {
      std::lock_guard<std::mutex> lock(write_mutex_);
      auto txn = store_.Begin();
      if (!txn) return ErrorProblem(req, txn.error());
      for (const tracking::EpcisEvent& e : *events) {
        Stored s;
        s.movements = tracking::MovementIdsOf(e);
        s.post = tracking::PostIdOf(e);
        s.checkpoint = tracking::CheckpointOf(e);
        EpcisEventRecord record;
        record.record_time = e.record_time;
        record.event_time = e.event_time;
        record.event_type = std::string(tracking::EpcisEventTypeName(e.type));
        record.biz_step = e.biz_step;
        if (!s.movements.empty()) record.movement_id = s.movements.front();
        record.post_id = s.post.value_or("");
        record.json = WithOwnContext(e);
        auto sequence = (*txn)->PutEpcisEvent(record);
        if (!sequence) return ErrorProblem(req, sequence.error());
        s.sequence = *sequence;
        stored.push_back(std::move(s));
      }
      if (auto committed = (*txn)->Commit(); !committed) {
        return ErrorProblem(req, committed.error());
      }
      // Checkpoints after the events are stored: each is its own transaction in the service.
      for (size_t i = 0; i < stored.size(); ++i) {
        const Stored& s = stored[i];
        const std::optional<tracking::CheckpointStep> step = StepOf(s.checkpoint);
        if (!step || !s.post) continue;
        for (const std::string& movement : s.movements) {
          Applied a{movement, *s.post, s.checkpoint, std::nullopt};
          auto report =
              engines_.tracking->Checkpoint(movement, *s.post, *step, (*events)[i].event_time);
          if (report) {
            checkpoints.Add(*report);
          } else if (report.error().code == ErrorCode::kNotFound ||
                     report.error().code == ErrorCode::kInvalidArgument) {
            a.refused = report.error().ToString();  // a movement or post Keruen does not follow
          } else {
            return ErrorProblem(req, report.error());
          }
          applied.push_back(std::move(a));
        }
      }
    }
    std::string body;
    JsonWriter w(body);
    w.BeginObject();
    // The sequence of the capture's first event; null when its event list was empty.
    w.Key("captureID");
    if (stored.empty()) {
      w.Null();
    } else {
      w.String(std::to_string(stored.front().sequence));
    }
    w.Field("eventCount", static_cast<int64_t>(stored.size()));
    w.Key("events").BeginArray();
    for (const Stored& s : stored) {
      w.BeginObject().Field("sequence", s.sequence);
      w.Key("movements").BeginArray();
      for (const std::string& m : s.movements) w.String(m);
      w.EndArray();
      w.Key("post");
      if (s.post) {
        w.String(*s.post);
      } else {
        w.Null();
      }
      w.Field("checkpoint", tracking::CheckpointName(s.checkpoint));
      w.EndObject();
    }
    w.EndArray();
    w.Key("checkpoints").BeginArray();
    for (const Applied& a : applied) {
      w.BeginObject().Field("movement", a.movement).Field("post", a.post);
      w.Field("checkpoint", tracking::CheckpointName(a.checkpoint));
      w.Field("applied", !a.refused.has_value());
      if (a.refused) w.Field("reason", *a.refused);
      w.EndObject();
    }
    w.EndArray();
    w.Field("alerts_raised", checkpoints.alerts_raised);
    w.Field("state_changes", checkpoints.state_changes);
    w.Key("alert_ids").BeginArray();
    for (const std::string& id : checkpoints.alert_ids) w.String(id);
    w.EndArray();
    w.EndObject();
    HttpResponse r = JsonResponse(202, std::move(body));
    r.headers.emplace_back("GS1-EPCIS-Version", "2.0.0");
    return r;
  }

  HttpResponse EpcisEvents(const RouteRequest& req) const {
    tracking::EpcisQueryParams params(req.query.begin(), req.query.end());
    auto query = tracking::ParseEpcisQuery(params);
    if (!query) return EpcisProblem(req, "QueryParameterException", query.error());
    thread_local tracking::EpcisParser parser;
    std::vector<tracking::EpcisEvent> page;
    std::optional<tracking::EpcisCursor> last;  // of the last event on the page
    bool more = false;
    int64_t after = query->after ? static_cast<int64_t>(query->after->sequence) : 0;
    constexpr int64_t kScanChunk = 1000;
    while (!more) {
      auto records = store_.EpcisEvents(after, kScanChunk);
      if (!records) return ErrorProblem(req, records.error());
      for (const EpcisEventRecord& record : *records) {
        after = record.sequence;
        // Every row was validated when captured; failing now means the row was altered.
        auto parsed = parser.ParseCapture(record.json, record.record_time);
        if (!parsed || parsed->size() != 1) {
          return ErrorProblem(req,
                              MakeError(ErrorCode::kInternal, "stored EPCIS event " +
                                                                  std::to_string(record.sequence) +
                                                                  " no longer parses")
                                  .value());
        }
        if (!tracking::Matches(parsed->front(), *query)) continue;
        if (static_cast<int>(page.size()) == query->per_page) {
          more = true;
          break;
        }
        page.push_back(std::move(parsed->front()));
        last = tracking::EpcisCursor{record.record_time, static_cast<uint64_t>(record.sequence)};
      }
      if (static_cast<int64_t>(records->size()) < kScanChunk) break;
    }
    std::string body;
    tracking::AppendQueryDocumentJson(page, clock_.Now(), body);
    HttpResponse r = JsonResponse(200, std::move(body));
    r.content_type = "application/ld+json";
    r.headers.emplace_back("GS1-EPCIS-Version", "2.0.0");
    if (more && last) {
      // The REST binding's paging: the same query with the token, as a Link header.
      const std::string_view target = req.http.target;
      const size_t question = target.find('?');
      std::string next = req.path + "?";
      if (question != std::string_view::npos) {
        std::string_view rest = target.substr(question + 1);
        while (!rest.empty()) {
          const size_t amp = rest.find('&');
          const std::string_view piece = rest.substr(0, amp);
          rest.remove_prefix(amp == std::string_view::npos ? rest.size() : amp + 1);
          if (piece.empty() || piece.substr(0, piece.find('=')) == "nextPageToken") continue;
          next += std::string(piece) + "&";
        }
      }
      next += "nextPageToken=" + tracking::EncodeEpcisPageToken(*last);
      r.headers.emplace_back("Link", "<" + next + ">; rel=\"next\"");
    }
    return r;
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

  HttpResponse TrackingUnavailable(const RouteRequest& req) const {
    Problem p;
    p.kind = ProblemKind::kUnavailable;
    p.instance = req.path;
    p.detail = "transit tracking does not run in this server";
    return ProblemResponse(p);
  }

  // Traccar clients show the body of a refusal; a short line of text is what they expect.
  static HttpResponse OsmAndRefusal(std::string reason) {
    HttpResponse r;
    r.status = 400;
    r.content_type = "text/plain";
    r.body = std::move(reason) + "\n";
    return r;
  }

  // The movement's JSON with the monitor's summary added as "summary" when it is followed.
  std::string MovementWithSummary(const Movement& m) const {
    std::string out = ToJson(m);
    if (engines_.tracking == nullptr) return out;
    const auto summary = engines_.tracking->SummaryOf(m.id);
    if (!summary) return out;
    out.pop_back();  // the object's closing '}'
    out += ",\"summary\":";
    JsonWriter w(out);
    w.BeginObject().Field("positions", summary->positions);
    if (summary->positions > 0) {
      w.Field("first_ts", FormatTimestamp(summary->first));
      w.Field("last_ts", FormatTimestamp(summary->last));
      w.Field("last_lat", summary->last_lat).Field("last_lon", summary->last_lon);
      w.Field("last_country", summary->last_country);
    }
    w.Field("max_distance_km", summary->max_distance_km).Field("route_km", summary->route_km);
    w.EndObject();
    out.push_back('}');
    return out;
  }

  // Every alert about a movement (the monitor raises a handful per movement at most).
  Result<std::vector<Alert>> MovementAlerts(const std::string& id) const {
    AlertQuery q;
    q.subject_type = "movement";
    q.subject_id = id;
    q.limit = kMaxPageSize;
    std::vector<Alert> alerts;
    for (;;) {
      auto page = store_.FindAlerts(q);
      if (!page) return tl::unexpected(page.error());
      for (Alert& a : page->items) alerts.push_back(std::move(a));
      if (page->next.empty()) return alerts;
      q.after = page->next;
    }
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

  r.Add("GET", "/api/v1/movements", {"state", "alert", "limit", "after"},
        [h](const RouteRequest& q) { return h->FindMovements(q); });
  r.Add("GET", "/api/v1/movements/{id}", {},
        [h](const RouteRequest& q) { return h->GetMovement(q); });
  r.Add("GET", "/api/v1/movements/{id}/track.geojson", {},
        [h](const RouteRequest& q) { return h->Track(q); });
  r.Add("POST", "/api/v1/positions", {},
        [h](const RouteRequest& q) { return h->PostPositions(q); });
  // The keys OsmAnd clients send (Traccar Client: id, timestamp, lat, lon, speed, bearing,
  // altitude, accuracy, batt, charge...); the router refuses any other.
  const std::vector<std::string> osmand_keys = {
      "id",    "deviceid", "timestamp", "lat",      "lon",      "location",
      "speed", "bearing",  "heading",   "altitude", "accuracy", "hdop",
      "batt",  "charge",   "valid",     "motion",   "event",    "driverUniqueId"};
  r.Add("GET", "/osmand", osmand_keys, [h](const RouteRequest& q) { return h->OsmAnd(q); });
  r.Add("POST", "/osmand", osmand_keys, [h](const RouteRequest& q) { return h->OsmAnd(q); });
  r.Add("POST", "/epcis/capture", {}, [h](const RouteRequest& q) { return h->EpcisCapture(q); });
  r.Add("GET", "/epcis/events",
        {"eventType", "GE_eventTime", "LT_eventTime", "GE_recordTime", "LT_recordTime", "EQ_action",
         "EQ_bizStep", "EQ_disposition", "EQ_readPoint", "EQ_bizLocation", "MATCH_epc",
         "MATCH_anyEPC", "movement", "seal", "post", "perPage", "nextPageToken"},
        [h](const RouteRequest& q) { return h->EpcisEvents(q); });
  r.Add("GET", "/api/v1/alerts", {"rule", "status", "subject_type", "subject_id", "limit", "after"},
        [h](const RouteRequest& q) { return h->FindAlerts(q); });
  r.Add("GET", "/api/v1/decisions",
        {"kind", "subject_type", "subject_id", "outcome", "decided_by", "from", "to", "limit",
         "after"},
        [h](const RouteRequest& q) { return h->FindDecisions(q); });
  r.Add("GET", "/api/v1/cases", {"status", "rule", "assignee", "document", "limit"},
        [h](const RouteRequest& q) { return h->ListCases(q); });
  r.Add("GET", "/api/v1/cases/{id}", {}, [h](const RouteRequest& q) { return h->GetCase(q); });
  r.Add("GET", "/api/v1/parties/{id}/ledger", {"hs"},
        [h](const RouteRequest& q) { return h->PartyLedger(q); });
  r.Add("POST", "/api/v1/screen", {}, [h](const RouteRequest& q) { return h->Screen(q); });
  r.Add("GET", "/api/v1/lists", {"list", "all"},
        [h](const RouteRequest& q) { return h->Lists(q); });
  return r;
}

}  // namespace keruen
