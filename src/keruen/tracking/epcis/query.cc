#include "keruen/tracking/epcis/query.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <functional>

#include "keruen/tracking/epcis/capture.h"
#include "keruen/tracking/epcis/internal/cbv.h"

namespace keruen::tracking {
namespace {

using internal::CanonicalCbvValue;
using internal::CbvVocabulary;
using internal::IsUri;

constexpr std::string_view kTokenPrefix = "kq1.";

std::string Hex(uint64_t v) {
  char buf[16];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, 16);
  return std::string(buf, end);
}

std::optional<uint64_t> ParseHex(std::string_view s) {
  if (s.empty() || s.size() > 16) return std::nullopt;
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 16);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// Splits a pipe-delimited list; every element must be non-empty.
Result<std::vector<std::string_view>> SplitList(std::string_view name, std::string_view value) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    const size_t bar = value.find('|', start);
    const std::string_view item =
        value.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
    if (item.empty()) {
      return InvalidArgument(std::string(name), "empty value (lists are separated by '|')");
    }
    out.push_back(item);
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return out;
}

// Ids of Keruen's own URNs (binding.h): letters, digits, '.', '_', '-'.
bool IsPlainId(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

std::string Quoted(std::string_view s) { return "\"" + std::string(s.substr(0, 80)) + "\""; }

using Handler = std::function<Status(std::string_view name, std::string_view value, EpcisQuery& q,
                                     const SglnPostTable* sglns)>;

Status ParseTime(std::string_view name, std::string_view value, std::optional<Timestamp>& out) {
  // Same rule as eventTime in a capture: RFC 3339 with an explicit offset.
  const bool has_offset =
      !value.empty() &&
      (value.back() == 'Z' || value.back() == 'z' ||
       (value.size() >= 6 && (value[value.size() - 6] == '+' || value[value.size() - 6] == '-')));
  auto t = ParseTimestamp(value);
  if (!has_offset || !t) {
    return InvalidArgument(std::string(name), Quoted(value) +
                                                  " is not an RFC 3339 date-time "
                                                  "(e.g. 2026-03-02T06:40:00+06:00)");
  }
  out = *t;
  return Ok();
}

Status ParseUris(std::string_view name, std::string_view value, std::vector<std::string>& out) {
  auto items = SplitList(name, value);
  if (!items) return tl::unexpected(items.error());
  for (std::string_view item : *items) {
    if (!IsUri(item)) return InvalidArgument(std::string(name), Quoted(item) + " is not a URI");
    out.emplace_back(item);
  }
  return Ok();
}

Status ParseVocabulary(std::string_view name, std::string_view value, CbvVocabulary vocabulary,
                       std::vector<std::string>& out) {
  auto items = SplitList(name, value);
  if (!items) return tl::unexpected(items.error());
  for (std::string_view item : *items) {
    auto canonical = CanonicalCbvValue(vocabulary, item);
    if (!canonical) return InvalidArgument(std::string(name), canonical.error().message);
    out.push_back(std::move(*canonical));
  }
  return Ok();
}

Status ParseIds(std::string_view name, std::string_view value, std::vector<std::string>& out) {
  auto items = SplitList(name, value);
  if (!items) return tl::unexpected(items.error());
  for (std::string_view item : *items) {
    if (!IsPlainId(item)) {
      return InvalidArgument(std::string(name),
                             Quoted(item) + " is not an id (letters, digits, '.', '_', '-')");
    }
    out.emplace_back(item);
  }
  return Ok();
}

const std::map<std::string_view, Handler>& Handlers() {
  static const std::map<std::string_view, Handler> handlers{
      {"eventType",
       [](auto name, auto value, EpcisQuery& q, auto) -> Status {
         auto items = SplitList(name, value);
         if (!items) return tl::unexpected(items.error());
         for (std::string_view item : *items) {
           auto type = ParseEpcisEventType(item);
           if (!type) {
             return InvalidArgument(std::string(name), Quoted(item) + " is not an event type");
           }
           q.event_types.push_back(*type);
         }
         return Ok();
       }},
      {"GE_eventTime",
       [](auto n, auto v, EpcisQuery& q, auto) { return ParseTime(n, v, q.ge_event_time); }},
      {"LT_eventTime",
       [](auto n, auto v, EpcisQuery& q, auto) { return ParseTime(n, v, q.lt_event_time); }},
      {"GE_recordTime",
       [](auto n, auto v, EpcisQuery& q, auto) { return ParseTime(n, v, q.ge_record_time); }},
      {"LT_recordTime",
       [](auto n, auto v, EpcisQuery& q, auto) { return ParseTime(n, v, q.lt_record_time); }},
      {"EQ_action",
       [](auto name, auto value, EpcisQuery& q, auto) -> Status {
         auto items = SplitList(name, value);
         if (!items) return tl::unexpected(items.error());
         for (std::string_view item : *items) {
           auto action = ParseEpcisAction(item);
           if (!action) {
             return InvalidArgument(std::string(name),
                                    Quoted(item) + " is not an action (ADD, OBSERVE, DELETE)");
           }
           q.actions.push_back(*action);
         }
         return Ok();
       }},
      {"EQ_bizStep",
       [](auto n, auto v, EpcisQuery& q, auto) {
         return ParseVocabulary(n, v, CbvVocabulary::kBizStep, q.biz_steps);
       }},
      {"EQ_disposition",
       [](auto n, auto v, EpcisQuery& q, auto) {
         return ParseVocabulary(n, v, CbvVocabulary::kDisposition, q.dispositions);
       }},
      {"EQ_readPoint",
       [](auto n, auto v, EpcisQuery& q, auto) { return ParseUris(n, v, q.read_points); }},
      {"EQ_bizLocation",
       [](auto n, auto v, EpcisQuery& q, auto) { return ParseUris(n, v, q.biz_locations); }},
      {"MATCH_epc", [](auto n, auto v, EpcisQuery& q, auto) { return ParseUris(n, v, q.epcs); }},
      {"MATCH_anyEPC",
       [](auto n, auto v, EpcisQuery& q, auto) { return ParseUris(n, v, q.any_epcs); }},
      {"movement", [](auto n, auto v, EpcisQuery& q, auto) { return ParseIds(n, v, q.movements); }},
      {"seal", [](auto n, auto v, EpcisQuery& q, auto) { return ParseIds(n, v, q.seals); }},
      {"post",
       [](auto name, auto value, EpcisQuery& q, const SglnPostTable* sglns) -> Status {
         std::vector<std::string> posts;
         if (auto s = ParseIds(name, value, posts); !s) return s;
         for (const std::string& post : posts) {
           q.post_locations.push_back(std::string(kPostUrnPrefix) + post);
           if (sglns == nullptr) continue;
           for (std::string& sgln : sglns->SglnsOf(post)) q.post_locations.push_back(sgln);
         }
         return Ok();
       }},
      {"perPage",
       [](auto name, auto value, EpcisQuery& q, auto) -> Status {
         int n = 0;
         auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
         if (ec != std::errc() || end != value.data() + value.size() || n < 1 ||
             n > kMaxEpcisPageSize) {
           return InvalidArgument(std::string(name), Quoted(value) + " is not a page size (1.." +
                                                         std::to_string(kMaxEpcisPageSize) + ")");
         }
         q.per_page = n;
         return Ok();
       }},
      {"nextPageToken",
       [](auto name, auto value, EpcisQuery& q, auto) -> Status {
         auto cursor = DecodeEpcisPageToken(value);
         if (!cursor) return InvalidArgument(std::string(name), cursor.error().message);
         q.after = *cursor;
         return Ok();
       }},
  };
  return handlers;
}

bool Contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool AnyIn(const std::vector<std::string>& values, const std::vector<std::string>& wanted) {
  return std::any_of(values.begin(), values.end(),
                     [&](const std::string& v) { return Contains(wanted, v); });
}

}  // namespace

std::string EncodeEpcisPageToken(const EpcisCursor& cursor) {
  return std::string(kTokenPrefix) + Hex(static_cast<uint64_t>(cursor.record_time)) + "." +
         Hex(cursor.sequence);
}

Result<EpcisCursor> DecodeEpcisPageToken(std::string_view token) {
  auto bad = [] { return InvalidArgument({}, "is not a page token this server issued"); };
  if (token.substr(0, kTokenPrefix.size()) != kTokenPrefix) return bad();
  const std::string_view rest = token.substr(kTokenPrefix.size());
  const size_t dot = rest.find('.');
  if (dot == std::string_view::npos) return bad();
  auto record_time = ParseHex(rest.substr(0, dot));
  auto sequence = ParseHex(rest.substr(dot + 1));
  if (!record_time || !sequence) return bad();
  return EpcisCursor{static_cast<Timestamp>(*record_time), *sequence};
}

Result<EpcisQuery> ParseEpcisQuery(const EpcisQueryParams& params, const SglnPostTable* sglns) {
  EpcisQuery q;
  const auto& handlers = Handlers();
  for (const auto& [name, value] : params) {
    auto it = handlers.find(name);
    if (it == handlers.end()) {
      std::string supported;
      for (const auto& [known, handler] : handlers) {
        if (!supported.empty()) supported += ", ";
        supported += known;
      }
      return InvalidArgument(
          name, "is not a query parameter Keruen supports (supported: " + supported + ")");
    }
    if (value.empty()) return InvalidArgument(name, "must not be empty");
    if (auto s = it->second(name, value, q, sglns); !s) return tl::unexpected(s.error());
  }
  return q;
}

bool Matches(const EpcisEvent& e, const EpcisQuery& q) {
  if (!q.event_types.empty() &&
      std::find(q.event_types.begin(), q.event_types.end(), e.type) == q.event_types.end()) {
    return false;
  }
  if (q.ge_event_time && e.event_time < *q.ge_event_time) return false;
  if (q.lt_event_time && e.event_time >= *q.lt_event_time) return false;
  if (q.ge_record_time && e.record_time < *q.ge_record_time) return false;
  if (q.lt_record_time && e.record_time >= *q.lt_record_time) return false;
  if (!q.actions.empty() &&
      std::find(q.actions.begin(), q.actions.end(), e.action) == q.actions.end()) {
    return false;
  }
  // EQ_ parameters match only events that have the field (EPCIS 2.0 section 8.2.7.1).
  if (!q.biz_steps.empty() && (e.biz_step.empty() || !Contains(q.biz_steps, e.biz_step))) {
    return false;
  }
  if (!q.dispositions.empty() &&
      (e.disposition.empty() || !Contains(q.dispositions, e.disposition))) {
    return false;
  }
  if (!q.read_points.empty() && (e.read_point.empty() || !Contains(q.read_points, e.read_point))) {
    return false;
  }
  if (!q.biz_locations.empty() &&
      (e.biz_location.empty() || !Contains(q.biz_locations, e.biz_location))) {
    return false;
  }
  if (!q.epcs.empty() && !AnyIn(e.epc_list, q.epcs) && !AnyIn(e.child_epcs, q.epcs)) {
    return false;
  }
  if (!q.any_epcs.empty() && !AnyIn(e.epc_list, q.any_epcs) && !AnyIn(e.child_epcs, q.any_epcs) &&
      !AnyIn(e.input_epcs, q.any_epcs) && !AnyIn(e.output_epcs, q.any_epcs) &&
      (e.parent_id.empty() || !Contains(q.any_epcs, e.parent_id))) {
    return false;
  }
  if (!q.movements.empty() && !AnyIn(MovementIdsOf(e), q.movements)) return false;
  if (!q.seals.empty() && !AnyIn(SealIdsOf(e), q.seals)) return false;
  if (!q.post_locations.empty() &&
      !(!e.read_point.empty() && Contains(q.post_locations, e.read_point)) &&
      !(!e.biz_location.empty() && Contains(q.post_locations, e.biz_location))) {
    return false;
  }
  return true;
}

void AppendQueryDocumentJson(std::span<const EpcisEvent> events, Timestamp creation_date,
                             JsonWriter& w) {
  // The contexts the events came with, each entry once, the standard one first. Events of
  // one capture share a context, so each distinct context_json is parsed once.
  std::vector<std::string> seen_contexts;
  std::vector<std::string> entries;
  simdjson::dom::parser parser;
  for (const EpcisEvent& e : events) {
    if (e.context_json.empty() || Contains(seen_contexts, e.context_json)) continue;
    seen_contexts.push_back(e.context_json);
    simdjson::dom::element context;
    // context_json was produced by the capture's own minifier; a failure here would mean
    // a corrupted store row, and the event still carries its own JSON, so skip it.
    if (parser.parse(e.context_json).get(context) != simdjson::SUCCESS) continue;
    auto add = [&](simdjson::dom::element item) {
      // Every spelling of the standard context is written once, as kEpcisContextUrl.
      std::string_view url;
      if (item.get_string().get(url) == simdjson::SUCCESS && IsStandardEpcisContext(url)) return;
      std::string text = simdjson::minify(item);
      if (!Contains(entries, text)) entries.push_back(std::move(text));
    };
    if (context.is_array()) {
      for (simdjson::dom::element item : simdjson::dom::array(context)) add(item);
    } else {
      add(context);
    }
  }
  w.BeginObject();
  w.Key("@context").BeginArray().String(kEpcisContextUrl);
  for (const std::string& entry : entries) w.Raw(entry);
  w.EndArray();
  w.Field("type", "EPCISQueryDocument");
  w.Field("schemaVersion", "2.0");
  w.Field("creationDate", FormatTimestamp(creation_date));
  w.Key("epcisBody").BeginObject();
  w.Key("queryResults").BeginObject();
  w.Field("queryName", "SimpleEventQuery");
  w.Key("resultsBody").BeginObject();
  w.Key("eventList").BeginArray();
  for (const EpcisEvent& e : events) w.Raw(e.json);
  w.EndArray();
  w.EndObject();
  w.EndObject();
  w.EndObject();
  w.EndObject();
}

void AppendQueryDocumentJson(std::span<const EpcisEvent> events, Timestamp creation_date,
                             std::string& out) {
  JsonWriter w(out);
  AppendQueryDocumentJson(events, creation_date, w);
}

}  // namespace keruen::tracking
