#include "keruen/tracking/epcis/capture.h"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>

#include "keruen/core/internal/json_path.h"
#include "keruen/tracking/epcis/internal/cbv.h"

namespace keruen::tracking {
namespace {

using internal::CanonicalCbvValue;
using internal::CbvVocabulary;
using internal::IsUri;
using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

using Path = core_internal::JsonPath;
constexpr auto TypeName = core_internal::JsonTypeName;

// Stores a parsed value in `target`, or passes its error on.
template <typename T, typename U>
Status AssignTo(Result<T> parsed, U& target) {
  if (!parsed) return tl::unexpected(parsed.error());
  target = std::move(*parsed);
  return {};
}

tl::unexpected<Error> Fail(const Path& path, std::string message) {
  return InvalidArgument(path.str(), std::move(message));
}

tl::unexpected<Error> WrongType(const Path& path, std::string_view expected, element e) {
  return Fail(path,
              "expected " + std::string(expected) + ", found " + std::string(TypeName(e.type())));
}

std::string Quoted(std::string_view s) {
  // Messages quote the sender's value; long values are cut so an error stays readable.
  constexpr size_t kMax = 80;
  std::string out = "\"";
  out.append(s.substr(0, kMax));
  if (s.size() > kMax) out += "...";
  out += '"';
  return out;
}

Result<std::string_view> StringAt(element e, const Path& path) {
  std::string_view s;
  if (e.get_string().get(s) != simdjson::SUCCESS) return WrongType(path, "string", e);
  return s;
}

Result<std::string> UriAt(element e, const Path& path) {
  auto s = StringAt(e, path);
  if (!s) return tl::unexpected(s.error());
  if (!IsUri(*s)) return Fail(path, Quoted(*s) + " is not a URI");
  return std::string(*s);
}

Result<array> ArrayAt(element e, const Path& path) {
  array a;
  if (e.get_array().get(a) != simdjson::SUCCESS) return WrongType(path, "array", e);
  return a;
}

Result<object> ObjectAt(element e, const Path& path) {
  object o;
  if (e.get_object().get(o) != simdjson::SUCCESS) return WrongType(path, "object", e);
  return o;
}

Status UriListAt(element e, const Path& path, std::vector<std::string>& out) {
  auto a = ArrayAt(e, path);
  if (!a) return tl::unexpected(a.error());
  size_t i = 0;
  for (element item : *a) {
    auto uri = UriAt(item, path.Element(i++));
    if (!uri) return tl::unexpected(uri.error());
    out.push_back(std::move(*uri));
  }
  return Ok();
}

// RFC 3339 date-time: ParseTimestamp also takes forms without an offset, which the
// schema's "date-time" format does not, so the offset is checked here first.
bool HasRfc3339Offset(std::string_view s) {
  if (!s.empty() && (s.back() == 'Z' || s.back() == 'z')) return true;
  if (s.size() < 6) return false;
  const std::string_view tail = s.substr(s.size() - 6);
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  return (tail[0] == '+' || tail[0] == '-') && digit(tail[1]) && digit(tail[2]) && tail[3] == ':' &&
         digit(tail[4]) && digit(tail[5]);
}

Result<Timestamp> DateTimeAt(element e, const Path& path) {
  auto s = StringAt(e, path);
  if (!s) return tl::unexpected(s.error());
  std::optional<Timestamp> t;
  if (HasRfc3339Offset(*s)) {
    if (auto parsed = ParseTimestamp(*s)) t = *parsed;
  }
  if (!t) {
    return Fail(path,
                Quoted(*s) + " is not an RFC 3339 date-time (e.g. 2026-03-02T06:40:00.000+06:00)");
  }
  return *t;
}

// "+hh:mm" or "-hh:mm" from -14:00 to +14:00, as the schema's pattern says.
bool IsTimeZoneOffset(std::string_view s) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (s.size() != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':') return false;
  if (!digit(s[1]) || !digit(s[2]) || !digit(s[4]) || !digit(s[5])) return false;
  const int hours = (s[1] - '0') * 10 + (s[2] - '0');
  const int minutes = (s[4] - '0') * 10 + (s[5] - '0');
  return minutes <= 59 && (hours <= 13 || (hours == 14 && minutes == 0));
}

Result<std::string> VocabularyAt(element e, const Path& path, CbvVocabulary vocabulary) {
  auto s = StringAt(e, path);
  if (!s) return tl::unexpected(s.error());
  auto canonical = CanonicalCbvValue(vocabulary, *s);
  if (!canonical) return Fail(path, canonical.error().message);
  return canonical;
}

// Objects whose extra members are extensions: those must be namespaced (a URI or a
// CURIE such as "example:field"), which is how EPCIS tells an extension from a typo.
Status CheckExtensionKey(std::string_view key, const Path& path, std::string_view what) {
  if (IsUri(key)) return Ok();
  return Fail(path.Child(key), "is not a field of " + std::string(what) +
                                   " (extension fields need a namespace prefix, "
                                   "e.g. \"example:" +
                                   std::string(key) + "\")");
}

// @context: a URI, an object of prefix definitions, or an array of those. Returns whether
// it names the standard EPCIS context.
Result<bool> CheckContext(element e, const Path& path) {
  auto check_item = [&](element item, const Path& p) -> Result<bool> {
    if (item.is_object()) return false;
    auto url = UriAt(item, p);
    if (!url) return Fail(p, "expected a context URL or an object of prefix definitions");
    return IsStandardEpcisContext(*url);
  };
  if (!e.is_array()) return check_item(e, path);
  bool standard = false;
  size_t i = 0;
  for (element item : array(e)) {
    auto s = check_item(item, path.Element(i++));
    if (!s) return s;
    standard = standard || *s;
  }
  return standard;
}

Status RequireStandardContext(std::optional<element> context, const Path& path) {
  if (!context) {
    return Fail(path.Child("@context"),
                "is required (JSON-LD; name " + std::string(kEpcisContextUrl) + ")");
  }
  auto standard = CheckContext(*context, path.Child("@context"));
  if (!standard) return tl::unexpected(standard.error());
  if (!*standard) {
    return Fail(path.Child("@context"),
                "must name the EPCIS 2.0 context " + std::string(kEpcisContextUrl));
  }
  return Ok();
}

std::optional<element> Member(object o, std::string_view key) {
  element e;
  if (o.at_key(key).get(e) != simdjson::SUCCESS) return std::nullopt;
  return e;
}

// Calls `each(o, p)` for every element of the array `e` at `path`, each of which must be an
// object at its own path `p`; `count`, when given, receives how many there were.
Status ForEachObjectIn(element e, const Path& path,
                       const std::function<Status(object, const Path&)>& each,
                       size_t* count = nullptr) {
  auto a = ArrayAt(e, path);
  if (!a) return tl::unexpected(a.error());
  size_t i = 0;
  for (element item : *a) {
    const Path p = path.Element(i++);
    auto o = ObjectAt(item, p);
    if (!o) return tl::unexpected(o.error());
    if (auto ok = each(*o, p); !ok) return ok;
  }
  if (count != nullptr) *count = i;
  return Ok();
}

Status ParseQuantityList(element e, const Path& path, std::vector<EpcisQuantity>& out,
                         size_t& count) {
  return ForEachObjectIn(
      e, path,
      [&](object o, const Path& p) -> Status {
        EpcisQuantity q;
        bool has_class = false;
        for (auto [key, value] : o) {
          if (key == "epcClass") {
            auto uri = UriAt(value, p.Child(key));
            if (!uri) return tl::unexpected(uri.error());
            q.epc_class = std::move(*uri);
            has_class = true;
          } else if (key == "quantity") {
            double d;
            if (value.get_double().get(d) != simdjson::SUCCESS) {
              return WrongType(p.Child(key), "number", value);
            }
            if (!std::isfinite(d) || d < 0) return Fail(p.Child(key), "must be a number >= 0");
            q.quantity = d;
          } else if (key == "uom") {
            auto s = StringAt(value, p.Child(key));
            if (!s) return tl::unexpected(s.error());
            const bool ok =
                (s->size() == 2 || s->size() == 3) && std::all_of(s->begin(), s->end(), [](char c) {
                  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
                });
            if (!ok) return Fail(p.Child(key), Quoted(*s) + " is not a UN/ECE rec. 20 unit code");
            q.uom = std::string(*s);
          } else {
            return Fail(p.Child(key),
                        "is not a field of a quantity element "
                        "(epcClass, quantity, uom)");
          }
        }
        if (!has_class) return Fail(p.Child("epcClass"), "is required");
        out.push_back(std::move(q));
        return Ok();
      },
      &count);
}

Status ParseBizTransactions(element e, const Path& path, std::vector<EpcisBizTransaction>& out) {
  return ForEachObjectIn(e, path, [&](object o, const Path& p) -> Status {
    EpcisBizTransaction t;
    bool has_id = false;
    for (auto [key, value] : o) {
      if (key == "type") {
        auto type = VocabularyAt(value, p.Child(key), CbvVocabulary::kBizTransactionType);
        if (!type) return tl::unexpected(type.error());
        t.type = std::move(*type);
      } else if (key == "bizTransaction") {
        auto uri = UriAt(value, p.Child(key));
        if (!uri) return tl::unexpected(uri.error());
        t.id = std::move(*uri);
        has_id = true;
      } else {
        return Fail(p.Child(key),
                    "is not a field of a business transaction (type, bizTransaction)");
      }
    }
    if (!has_id) return Fail(p.Child("bizTransaction"), "is required");
    out.push_back(std::move(t));
    return Ok();
  });
}

// sourceList ("source") or destinationList ("destination").
Status ParseSourceDestList(element e, const Path& path, std::string_view id_key,
                           std::vector<EpcisSourceDest>& out) {
  return ForEachObjectIn(e, path, [&](object o, const Path& p) -> Status {
    EpcisSourceDest sd;
    bool has_type = false, has_id = false;
    for (auto [key, value] : o) {
      if (key == "type") {
        auto type = VocabularyAt(value, p.Child(key), CbvVocabulary::kSourceDestType);
        if (!type) return tl::unexpected(type.error());
        sd.type = std::move(*type);
        has_type = true;
      } else if (key == id_key) {
        auto uri = UriAt(value, p.Child(key));
        if (!uri) return tl::unexpected(uri.error());
        sd.id = std::move(*uri);
        has_id = true;
      } else {
        return Fail(p.Child(key), "is not a field here (type, " + std::string(id_key) + ")");
      }
    }
    if (!has_type) return Fail(p.Child("type"), "is required");
    if (!has_id) return Fail(p.Child(id_key), "is required");
    out.push_back(std::move(sd));
    return Ok();
  });
}

// readPoint / bizLocation: {"id": URI, extensions...}.
Result<std::string> ParseLocation(element e, const Path& path) {
  auto o = ObjectAt(e, path);
  if (!o) return tl::unexpected(o.error());
  std::optional<std::string> id;
  for (auto [key, value] : *o) {
    if (key == "id") {
      auto uri = UriAt(value, path.Child(key));
      if (!uri) return tl::unexpected(uri.error());
      id = std::move(*uri);
    } else if (auto s = CheckExtensionKey(key, path, "a location"); !s) {
      return tl::unexpected(s.error());
    }
  }
  if (!id) return Fail(path.Child("id"), "is required");
  return std::move(*id);
}

Result<EpcisErrorDeclaration> ParseErrorDeclaration(element e, const Path& path) {
  auto o = ObjectAt(e, path);
  if (!o) return tl::unexpected(o.error());
  EpcisErrorDeclaration d;
  bool has_time = false;
  for (auto [key, value] : *o) {
    const Path p = path.Child(key);
    if (key == "declarationTime") {
      auto t = DateTimeAt(value, p);
      if (!t) return tl::unexpected(t.error());
      d.declaration_time = *t;
      has_time = true;
    } else if (key == "reason") {
      auto r = VocabularyAt(value, p, CbvVocabulary::kErrorReason);
      if (!r) return tl::unexpected(r.error());
      d.reason = std::move(*r);
    } else if (key == "correctiveEventIDs") {
      if (auto s = UriListAt(value, p, d.corrective_event_ids); !s) {
        return tl::unexpected(s.error());
      }
    } else if (auto s = CheckExtensionKey(key, path, "an error declaration"); !s) {
      return tl::unexpected(s.error());
    }
  }
  if (!has_time) return Fail(path.Child("declarationTime"), "is required");
  return d;
}

Status ParseCertificationInfo(element e, const Path& path, std::vector<std::string>& out) {
  if (e.is_array()) return UriListAt(e, path, out);
  auto uri = UriAt(e, path);
  if (!uri) return Fail(path, "expected a URI or an array of URIs");
  out.push_back(std::move(*uri));
  return Ok();
}

Status CheckPersistentDisposition(element e, const Path& path) {
  auto o = ObjectAt(e, path);
  if (!o) return tl::unexpected(o.error());
  bool any = false;
  for (auto [key, value] : *o) {
    const Path p = path.Child(key);
    if (key != "set" && key != "unset") return Fail(p, "is not a field here (set, unset)");
    auto a = ArrayAt(value, p);
    if (!a) return tl::unexpected(a.error());
    if (a->size() == 0) return Fail(p, "must not be empty");
    size_t i = 0;
    for (element item : *a) {
      auto d = VocabularyAt(item, p.Element(i++), CbvVocabulary::kDisposition);
      if (!d) return tl::unexpected(d.error());
    }
    any = true;
  }
  if (!any) return Fail(path, "needs \"set\" or \"unset\"");
  return Ok();
}

// Sensor data is kept as JSON, but its shape is checked: each element needs a non-empty
// sensorReport whose entries have a type, and extensions must be namespaced.
Status CheckSensorElementList(element e, const Path& path, size_t& count) {
  return ForEachObjectIn(
      e, path,
      [&](object o, const Path& p) -> Status {
        bool has_report = false;
        for (auto [key, value] : o) {
          const Path kp = p.Child(key);
          if (key == "sensorMetadata") {
            if (auto m = ObjectAt(value, kp); !m) return tl::unexpected(m.error());
          } else if (key == "sensorReport") {
            auto reports = ArrayAt(value, kp);
            if (!reports) return tl::unexpected(reports.error());
            if (reports->size() == 0) return Fail(kp, "must not be empty");
            size_t j = 0;
            for (element report : *reports) {
              const Path rp = kp.Element(j++);
              auto r = ObjectAt(report, rp);
              if (!r) return tl::unexpected(r.error());
              // EPCIS 2.0 section 7.3.8: a report says what it measured, or an exception.
              if (!Member(*r, "type") && !Member(*r, "exception")) {
                return Fail(rp.Child("type"), "is required");
              }
            }
            has_report = true;
          } else if (auto s = CheckExtensionKey(key, p, "a sensor element"); !s) {
            return tl::unexpected(s.error());
          }
        }
        if (!has_report) return Fail(p.Child("sensorReport"), "is required");
        return Ok();
      },
      &count);
}

Status CheckIlmd(element e, const Path& path) {
  auto o = ObjectAt(e, path);
  if (!o) return tl::unexpected(o.error());
  for (auto [key, value] : *o) {
    if (auto s = CheckExtensionKey(key, path, "ilmd (instance/lot master data)"); !s) {
      return tl::unexpected(s.error());
    }
  }
  return Ok();
}

// The fields an event may have, and which event types may have each (EPCIS 2.0 JSON
// Schema, schemas/*Event-JSON-Schema.json).
enum class Field {
  kContext,
  kType,
  kEventTime,
  kRecordTime,
  kTimeZoneOffset,
  kEventId,
  kCertificationInfo,
  kErrorDeclaration,
  kAction,
  kBizStep,
  kDisposition,
  kPersistentDisposition,
  kReadPoint,
  kBizLocation,
  kEpcList,
  kChildEpcs,
  kParentId,
  kInputEpcs,
  kOutputEpcs,
  kQuantityList,
  kChildQuantityList,
  kInputQuantityList,
  kOutputQuantityList,
  kTransformationId,
  kBizTransactionList,
  kSourceList,
  kDestinationList,
  kSensorElementList,
  kIlmd,
};

constexpr unsigned Bit(EpcisEventType t) { return 1u << static_cast<unsigned>(t); }
constexpr unsigned kObj = Bit(EpcisEventType::kObject);
constexpr unsigned kAgg = Bit(EpcisEventType::kAggregation);
constexpr unsigned kTxn = Bit(EpcisEventType::kTransaction);
constexpr unsigned kTrf = Bit(EpcisEventType::kTransformation);
constexpr unsigned kAsc = Bit(EpcisEventType::kAssociation);
constexpr unsigned kAllTypes = kObj | kAgg | kTxn | kTrf | kAsc;

struct FieldSpec {
  std::string_view name;
  Field field;
  unsigned types;
};

// persistentDisposition is allowed on every type: EPCIS 2.0 section 7.4 gives it to all
// events, and the OpenEPCIS valid examples use it on AggregationEvent, which the
// schema's per-type list forgets.
constexpr std::array<FieldSpec, 29> kFields = {{
    {"@context", Field::kContext, kAllTypes},
    {"type", Field::kType, kAllTypes},
    {"eventTime", Field::kEventTime, kAllTypes},
    {"recordTime", Field::kRecordTime, kAllTypes},
    {"eventTimeZoneOffset", Field::kTimeZoneOffset, kAllTypes},
    {"eventID", Field::kEventId, kAllTypes},
    {"certificationInfo", Field::kCertificationInfo, kAllTypes},
    {"errorDeclaration", Field::kErrorDeclaration, kAllTypes},
    {"action", Field::kAction, kAllTypes & ~kTrf},
    {"bizStep", Field::kBizStep, kAllTypes},
    {"disposition", Field::kDisposition, kAllTypes},
    {"persistentDisposition", Field::kPersistentDisposition, kAllTypes},
    {"readPoint", Field::kReadPoint, kAllTypes},
    {"bizLocation", Field::kBizLocation, kAllTypes},
    {"epcList", Field::kEpcList, kObj | kTxn},
    {"childEPCs", Field::kChildEpcs, kAgg | kAsc},
    {"parentID", Field::kParentId, kAgg | kTxn | kAsc},
    {"inputEPCList", Field::kInputEpcs, kTrf},
    {"outputEPCList", Field::kOutputEpcs, kTrf},
    {"quantityList", Field::kQuantityList, kObj | kTxn},
    {"childQuantityList", Field::kChildQuantityList, kAgg | kAsc},
    {"inputQuantityList", Field::kInputQuantityList, kTrf},
    {"outputQuantityList", Field::kOutputQuantityList, kTrf},
    {"transformationID", Field::kTransformationId, kTrf},
    {"bizTransactionList", Field::kBizTransactionList, kAllTypes},
    {"sourceList", Field::kSourceList, kAllTypes},
    {"destinationList", Field::kDestinationList, kAllTypes},
    {"sensorElementList", Field::kSensorElementList, kAllTypes},
    {"ilmd", Field::kIlmd, kObj | kTrf},
}};

const FieldSpec* FindField(std::string_view name) {
  for (const FieldSpec& f : kFields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

// What the required-field rules need to know once all members have been read.
struct Seen {
  bool event_time = false, time_zone_offset = false, action = false, epc_list = false,
       transformation_id = false, read_point = false, ilmd = false, biz_transaction_list = false;
  size_t quantities = 0, child_quantities = 0, input_quantities = 0, output_quantities = 0,
         sensor_elements = 0;
};

Status CheckRequired(const EpcisEvent& ev, const Seen& seen, const Path& path) {
  if (!seen.event_time) return Fail(path.Child("eventTime"), "is required");
  if (!seen.time_zone_offset) return Fail(path.Child("eventTimeZoneOffset"), "is required");
  const std::string type_name(EpcisEventTypeName(ev.type));
  if (ev.type != EpcisEventType::kTransformation && !seen.action) {
    return Fail(path.Child("action"), "is required for " + type_name);
  }
  const bool deleting = ev.action == EpcisAction::kDelete;
  switch (ev.type) {
    case EpcisEventType::kObject:
      if (!seen.epc_list && seen.quantities == 0 &&
          !(seen.sensor_elements > 0 && seen.read_point)) {
        return Fail(path,
                    "ObjectEvent needs epcList, a non-empty quantityList, or "
                    "sensorElementList with readPoint");
      }
      if (seen.ilmd && ev.action != EpcisAction::kAdd) {
        return Fail(path.Child("ilmd"), "is only allowed with action ADD");
      }
      break;
    case EpcisEventType::kAssociation:
      if (ev.parent_id.empty()) return Fail(path.Child("parentID"), "is required for " + type_name);
      [[fallthrough]];
    case EpcisEventType::kAggregation:
      if (ev.child_epcs.empty() && seen.child_quantities == 0 && !deleting) {
        return Fail(path, type_name +
                              " needs a non-empty childEPCs or childQuantityList "
                              "(unless action is DELETE)");
      }
      break;
    case EpcisEventType::kTransaction:
      if (!seen.biz_transaction_list || ev.biz_transactions.empty()) {
        return Fail(path.Child("bizTransactionList"), "is required (non-empty) for " + type_name);
      }
      if (!seen.epc_list && seen.quantities == 0 && !deleting) {
        return Fail(path,
                    "TransactionEvent needs epcList or a non-empty quantityList "
                    "(unless action is DELETE)");
      }
      break;
    case EpcisEventType::kTransformation: {
      const bool inputs = !ev.input_epcs.empty() || seen.input_quantities > 0;
      const bool outputs = !ev.output_epcs.empty() || seen.output_quantities > 0;
      if (!(inputs && outputs) && !(seen.transformation_id && (inputs || outputs))) {
        return Fail(path,
                    "TransformationEvent needs inputs and outputs, or a "
                    "transformationID with inputs or outputs");
      }
      break;
    }
  }
  return Ok();
}

Status ParseEvent(element e, const Path& path, EpcisEvent& ev) {
  auto o = ObjectAt(e, path);
  if (!o) return tl::unexpected(o.error());
  auto type_element = Member(*o, "type");
  if (!type_element) return Fail(path.Child("type"), "is required");
  auto type_name = StringAt(*type_element, path.Child("type"));
  if (!type_name) return tl::unexpected(type_name.error());
  auto type = ParseEpcisEventType(*type_name);
  if (!type) {
    return Fail(path.Child("type"),
                "unknown event type " + Quoted(*type_name) +
                    " (ObjectEvent, AggregationEvent, TransactionEvent, TransformationEvent, "
                    "AssociationEvent)");
  }
  ev.type = *type;

  Seen seen;
  for (auto [key, value] : *o) {
    const Path p = path.Child(key);
    const FieldSpec* spec = FindField(key);
    if (spec == nullptr) {
      if (auto s = CheckExtensionKey(key, path, "an EPCIS event"); !s) return s;
      continue;  // a namespaced extension: kept in the event's JSON only
    }
    if ((spec->types & Bit(ev.type)) == 0) {
      return Fail(p, "is not a field of " + std::string(*type_name));
    }
    Status status = Ok();
    switch (spec->field) {
      case Field::kContext:
        if (auto c = CheckContext(value, p); !c) status = tl::unexpected(c.error());
        break;
      case Field::kType:
        break;  // read above
      case Field::kEventTime:
        if (auto t = DateTimeAt(value, p)) {
          ev.event_time = *t;
          seen.event_time = true;
        } else {
          status = tl::unexpected(t.error());
        }
        break;
      case Field::kRecordTime:
        // Validated but not used: the repository, not the sender, says when it recorded.
        if (auto t = DateTimeAt(value, p); !t) status = tl::unexpected(t.error());
        break;
      case Field::kTimeZoneOffset:
        if (auto s = StringAt(value, p); !s) {
          status = tl::unexpected(s.error());
        } else if (!IsTimeZoneOffset(*s)) {
          status = Fail(p, Quoted(*s) + " is not a timezone offset (+hh:mm, -14:00..+14:00)");
        } else {
          ev.event_time_zone_offset = std::string(*s);
          seen.time_zone_offset = true;
        }
        break;
      case Field::kEventId:
        status = AssignTo(UriAt(value, p), ev.event_id);
        break;
      case Field::kCertificationInfo:
        status = ParseCertificationInfo(value, p, ev.certification_info);
        break;
      case Field::kErrorDeclaration:
        status = AssignTo(ParseErrorDeclaration(value, p), ev.error_declaration);
        break;
      case Field::kAction: {
        auto s = StringAt(value, p);
        if (!s) {
          status = tl::unexpected(s.error());
        } else if (auto action = ParseEpcisAction(*s)) {
          ev.action = *action;
          seen.action = true;
        } else {
          status = Fail(p, Quoted(*s) + " is not an action (ADD, OBSERVE, DELETE)");
        }
        break;
      }
      case Field::kBizStep:
        status = AssignTo(VocabularyAt(value, p, CbvVocabulary::kBizStep), ev.biz_step);
        break;
      case Field::kDisposition:
        status = AssignTo(VocabularyAt(value, p, CbvVocabulary::kDisposition), ev.disposition);
        break;
      case Field::kPersistentDisposition:
        status = CheckPersistentDisposition(value, p);
        break;
      case Field::kReadPoint:
        if (auto id = ParseLocation(value, p)) {
          ev.read_point = std::move(*id);
          seen.read_point = true;
        } else {
          status = tl::unexpected(id.error());
        }
        break;
      case Field::kBizLocation:
        status = AssignTo(ParseLocation(value, p), ev.biz_location);
        break;
      case Field::kEpcList:
        status = UriListAt(value, p, ev.epc_list);
        seen.epc_list = true;
        break;
      case Field::kChildEpcs:
        status = UriListAt(value, p, ev.child_epcs);
        break;
      case Field::kInputEpcs:
        status = UriListAt(value, p, ev.input_epcs);
        break;
      case Field::kOutputEpcs:
        status = UriListAt(value, p, ev.output_epcs);
        break;
      case Field::kParentId:
        status = AssignTo(UriAt(value, p), ev.parent_id);
        break;
      case Field::kTransformationId:
        if (auto u = UriAt(value, p); !u) {
          status = tl::unexpected(u.error());
        } else {
          seen.transformation_id = true;
        }
        break;
      case Field::kQuantityList:
        status = ParseQuantityList(value, p, ev.quantities, seen.quantities);
        break;
      case Field::kChildQuantityList:
        status = ParseQuantityList(value, p, ev.quantities, seen.child_quantities);
        break;
      case Field::kInputQuantityList:
        status = ParseQuantityList(value, p, ev.quantities, seen.input_quantities);
        break;
      case Field::kOutputQuantityList:
        status = ParseQuantityList(value, p, ev.quantities, seen.output_quantities);
        break;
      case Field::kBizTransactionList:
        status = ParseBizTransactions(value, p, ev.biz_transactions);
        seen.biz_transaction_list = true;
        break;
      case Field::kSourceList:
        status = ParseSourceDestList(value, p, "source", ev.sources);
        break;
      case Field::kDestinationList:
        status = ParseSourceDestList(value, p, "destination", ev.destinations);
        break;
      case Field::kSensorElementList:
        status = CheckSensorElementList(value, p, seen.sensor_elements);
        if (status) ev.sensor_element_list_json = simdjson::minify(value);
        break;
      case Field::kIlmd:
        status = CheckIlmd(value, p);
        seen.ilmd = true;
        break;
    }
    if (!status) return status;
  }
  if (auto s = CheckRequired(ev, seen, path); !s) return s;
  ev.json = simdjson::minify(e);
  return Ok();
}

constexpr std::array<std::string_view, 10> kDocumentFields = {
    "@context",           "id",     "type",     "schemaVersion", "creationDate",
    "instanceIdentifier", "sender", "receiver", "epcisHeader",   "epcisBody"};

// The members every EPCIS document (capture or query) has around its body.
Status CheckDocumentHeader(object doc, const Path& root) {
  for (auto [key, value] : doc) {
    if (std::find(kDocumentFields.begin(), kDocumentFields.end(), key) == kDocumentFields.end()) {
      if (auto s = CheckExtensionKey(key, root, "an EPCIS document"); !s) return s;
    }
  }
  if (auto s = RequireStandardContext(Member(doc, "@context"), root); !s) return s;
  auto version = Member(doc, "schemaVersion");
  if (!version) return Fail(root.Child("schemaVersion"), "is required");
  auto v = StringAt(*version, root.Child("schemaVersion"));
  if (!v) return tl::unexpected(v.error());
  const bool version_ok = !v->empty() && std::isdigit(static_cast<unsigned char>(v->front())) &&
                          std::isdigit(static_cast<unsigned char>(v->back())) &&
                          std::all_of(v->begin(), v->end(),
                                      [](char c) { return (c >= '0' && c <= '9') || c == '.'; }) &&
                          v->find("..") == std::string_view::npos;
  if (!version_ok) return Fail(root.Child("schemaVersion"), Quoted(*v) + " is not a version");
  auto created = Member(doc, "creationDate");
  if (!created) return Fail(root.Child("creationDate"), "is required");
  if (auto t = DateTimeAt(*created, root.Child("creationDate")); !t) {
    return tl::unexpected(t.error());
  }
  if (auto header = Member(doc, "epcisHeader")) {
    if (auto h = ObjectAt(*header, root.Child("epcisHeader")); !h) {
      return tl::unexpected(h.error());
    }
  }
  return Ok();
}

Result<std::vector<EpcisEvent>> ParseEventList(element list, const Path& path,
                                               const std::string& context_json,
                                               Timestamp record_time) {
  auto a = ArrayAt(list, path);
  if (!a) return tl::unexpected(a.error());
  std::vector<EpcisEvent> events;
  events.reserve(a->size());
  size_t i = 0;
  for (element item : *a) {
    EpcisEvent ev;
    if (auto s = ParseEvent(item, path.Element(i++), ev); !s) return tl::unexpected(s.error());
    ev.record_time = record_time;
    ev.context_json = context_json;
    events.push_back(std::move(ev));
  }
  return events;
}

// Follows `keys` from `start`, reporting the first missing or non-object step.
Result<element> Descend(element start, const Path& start_path,
                        std::initializer_list<std::string_view> keys, std::vector<Path>& paths) {
  element current = start;
  paths.clear();
  paths.reserve(keys.size());
  const Path* parent = &start_path;
  for (std::string_view key : keys) {
    paths.push_back(parent->Child(key));
    const Path& p = paths.back();
    auto o = ObjectAt(current, *parent);
    if (!o) return tl::unexpected(o.error());
    auto next = Member(*o, key);
    if (!next) return Fail(p, "is required");
    current = *next;
    parent = &p;
  }
  return current;
}

enum class BodyKind { kCapture, kQueryDocument };

Result<std::vector<EpcisEvent>> ParseBody(simdjson::dom::parser& parser, std::string_view body,
                                          Timestamp record_time, BodyKind kind) {
  element root;
  if (auto err = parser.parse(body.data(), body.size(), true).get(root); err) {
    return ParseError("body is not valid JSON: " + std::string(simdjson::error_message(err)));
  }
  const Path kRoot{};
  auto doc = ObjectAt(root, kRoot);
  if (!doc) return Fail(kRoot, "the body must be a JSON object (an EPCIS document or event)");
  auto type_element = Member(*doc, "type");
  if (!type_element) return Fail(kRoot.Child("type"), "is required");
  auto type = StringAt(*type_element, kRoot.Child("type"));
  if (!type) return tl::unexpected(type.error());

  if (kind == BodyKind::kQueryDocument) {
    if (*type != "EPCISQueryDocument") {
      return Fail(kRoot.Child("type"), "expected \"EPCISQueryDocument\", found " + Quoted(*type));
    }
    if (auto s = CheckDocumentHeader(*doc, kRoot); !s) return tl::unexpected(s.error());
    // The Path frames must outlive the error messages built from them.
    std::vector<Path> paths, list_paths;
    auto results = Descend(root, kRoot, {"epcisBody", "queryResults"}, paths);
    if (!results) return tl::unexpected(results.error());
    auto results_object = ObjectAt(*results, paths.back());
    if (!results_object) return tl::unexpected(results_object.error());
    if (!Member(*results_object, "queryName")) {
      return Fail(paths.back().Child("queryName"), "is required");
    }
    auto list = Descend(*results, paths.back(), {"resultsBody", "eventList"}, list_paths);
    if (!list) return tl::unexpected(list.error());
    return ParseEventList(*list, list_paths.back(), simdjson::minify(*Member(*doc, "@context")),
                          record_time);
  }

  if (*type == "EPCISDocument") {
    if (auto s = CheckDocumentHeader(*doc, kRoot); !s) return tl::unexpected(s.error());
    std::vector<Path> paths;
    auto list = Descend(root, kRoot, {"epcisBody", "eventList"}, paths);
    if (!list) return tl::unexpected(list.error());
    return ParseEventList(*list, paths.back(), simdjson::minify(*Member(*doc, "@context")),
                          record_time);
  }
  if (*type == "EPCISQueryDocument") {
    return Fail(kRoot.Child("type"),
                "an EPCISQueryDocument is a query result; capture takes an EPCISDocument or "
                "a single event");
  }
  // A single event: it must carry its own @context.
  if (ParseEpcisEventType(*type)) {
    if (auto s = RequireStandardContext(Member(*doc, "@context"), kRoot); !s) {
      return tl::unexpected(s.error());
    }
  }
  EpcisEvent ev;
  if (auto s = ParseEvent(root, kRoot, ev); !s) return tl::unexpected(s.error());
  ev.record_time = record_time;
  ev.context_json = simdjson::minify(*Member(*doc, "@context"));
  std::vector<EpcisEvent> events;
  events.push_back(std::move(ev));
  return events;
}

}  // namespace

bool IsStandardEpcisContext(std::string_view url) {
  constexpr std::string_view kPrefix = "https://ref.gs1.org/standards/epcis/";
  constexpr std::string_view kSuffix = "epcis-context.jsonld";
  return url.size() >= kPrefix.size() + kSuffix.size() &&
         url.substr(0, kPrefix.size()) == kPrefix &&
         url.substr(url.size() - kSuffix.size()) == kSuffix;
}

struct EpcisParser::Impl {
  simdjson::dom::parser parser;
};

EpcisParser::EpcisParser() : impl_(std::make_unique<Impl>()) {}
EpcisParser::~EpcisParser() = default;

Result<std::vector<EpcisEvent>> EpcisParser::ParseCapture(std::string_view body,
                                                          Timestamp record_time) {
  return ParseBody(impl_->parser, body, record_time, BodyKind::kCapture);
}

Result<std::vector<EpcisEvent>> EpcisParser::ParseQueryDocument(std::string_view body,
                                                                Timestamp record_time) {
  return ParseBody(impl_->parser, body, record_time, BodyKind::kQueryDocument);
}

Result<std::vector<EpcisEvent>> ParseEpcisCapture(std::string_view body, Timestamp record_time) {
  EpcisParser parser;
  return parser.ParseCapture(body, record_time);
}

Result<std::vector<EpcisEvent>> ParseEpcisQueryDocument(std::string_view body,
                                                        Timestamp record_time) {
  EpcisParser parser;
  return parser.ParseQueryDocument(body, record_time);
}

}  // namespace keruen::tracking
