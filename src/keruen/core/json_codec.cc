#include "keruen/core/json_codec.h"

#include <simdjson.h>

#include <cmath>

#include "keruen/core/internal/json_path.h"
#include "keruen/core/json_writer.h"

namespace keruen {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

using Path = core_internal::JsonPath;
constexpr auto TypeName = core_internal::JsonTypeName;

const Path kRoot{};

tl::unexpected<Error> WrongType(const Path& path, std::string_view expected, const element& e) {
  return InvalidArgument(path.str(), "expected " + std::string(expected) + ", found " +
                                         std::string(TypeName(e.type())));
}

Result<std::string> AsString(const element& e, const Path& path) {
  if (!e.is_string()) return WrongType(path, "string", e);
  return std::string(std::string_view(e));
}

Result<double> AsNumber(const element& e, const Path& path) {
  if (!e.is_number()) return WrongType(path, "number", e);
  const double v = double(e);
  if (!std::isfinite(v)) return InvalidArgument(path.str(), "is not a finite number");
  return v;
}

// Field accessors over one JSON object. "Optional" accessors treat a missing field and a
// null as absent; "Required" ones report them.
class ObjectReader {
 public:
  ObjectReader(object obj, const Path& path) : obj_(obj), path_(path) {}

  const Path& path() const { return path_; }
  Path PathOf(std::string_view key) const { return path_.Child(key); }

  // Returns the field, or nullopt when missing or null.
  std::optional<element> Get(std::string_view key) const {
    element e;
    if (obj_.at_key(key).get(e) != simdjson::SUCCESS) return std::nullopt;
    if (e.is_null()) return std::nullopt;
    return e;
  }

  Result<std::string> RequiredString(std::string_view key) const {
    auto e = Get(key);
    if (!e) return InvalidArgument(PathOf(key).str(), "is required");
    auto s = AsString(*e, PathOf(key));
    if (s && s->empty()) return InvalidArgument(PathOf(key).str(), "must not be empty");
    return s;
  }
  Result<std::string> OptionalString(std::string_view key) const {
    auto e = Get(key);
    if (!e) return std::string();
    return AsString(*e, PathOf(key));
  }
  Result<double> OptionalNumber(std::string_view key, double fallback = 0) const {
    auto e = Get(key);
    if (!e) return fallback;
    return AsNumber(*e, PathOf(key));
  }
  Result<double> RequiredNumber(std::string_view key) const {
    auto e = Get(key);
    if (!e) return InvalidArgument(PathOf(key).str(), "is required");
    return AsNumber(*e, PathOf(key));
  }
  Result<std::optional<object>> OptionalObject(std::string_view key) const {
    auto e = Get(key);
    if (!e) return std::optional<object>();
    if (!e->is_object()) return WrongType(PathOf(key), "object", *e);
    return std::optional<object>(object(*e));
  }
  Result<std::optional<simdjson::dom::array>> OptionalArray(std::string_view key) const {
    auto e = Get(key);
    if (!e) return std::optional<simdjson::dom::array>();
    if (!e->is_array()) return WrongType(PathOf(key), "array", *e);
    return std::optional<simdjson::dom::array>(simdjson::dom::array(*e));
  }
  Result<std::optional<Timestamp>> OptionalTimestamp(std::string_view key) const {
    auto s = OptionalString(key);
    if (!s) return tl::unexpected(s.error());
    if (s->empty()) return std::optional<Timestamp>();
    auto t = ParseTimestamp(*s);
    if (!t) return InvalidArgument(PathOf(key).str(), t.error().message);
    return std::optional<Timestamp>(*t);
  }

 private:
  object obj_;
  const Path& path_;
};

#define KERUEN_ASSIGN_OR_RETURN(lhs, expr)                 \
  do {                                                     \
    auto _r = (expr);                                      \
    if (!_r) return tl::unexpected(std::move(_r).error()); \
    lhs = std::move(*_r);                                  \
  } while (0)

Result<Money> ParseMoney(object obj, const Path& path) {
  ObjectReader r(obj, path);
  Money m;
  double amount = 0;
  KERUEN_ASSIGN_OR_RETURN(amount, r.RequiredNumber("amount"));
  if (std::fabs(amount) > 9.0e14) {
    return InvalidArgument(r.PathOf("amount").str(), "is too large");
  }
  m.units = std::llround(amount * Money::kScale);
  KERUEN_ASSIGN_OR_RETURN(m.currency, r.RequiredString("currency"));
  return m;
}

Result<Money> RequiredMoney(const ObjectReader& r, std::string_view key) {
  std::optional<object> obj;
  KERUEN_ASSIGN_OR_RETURN(obj, r.OptionalObject(key));
  const Path path = r.PathOf(key);
  if (!obj) return InvalidArgument(path.str(), "is required");
  return ParseMoney(*obj, path);
}

Result<Party> ParseParty(object obj, const Path& path) {
  ObjectReader r(obj, path);
  Party p;
  KERUEN_ASSIGN_OR_RETURN(p.name, r.RequiredString("name"));
  KERUEN_ASSIGN_OR_RETURN(p.country, r.OptionalString("country"));
  KERUEN_ASSIGN_OR_RETURN(p.address, r.OptionalString("address"));
  std::string registered;
  KERUEN_ASSIGN_OR_RETURN(registered, r.OptionalString("registered_on"));
  if (!registered.empty()) {
    auto d = ParseDate(registered);
    if (!d) return InvalidArgument(r.PathOf("registered_on").str(), d.error().message);
    p.registered_on = *d;
  }
  std::optional<object> ids;
  KERUEN_ASSIGN_OR_RETURN(ids, r.OptionalObject("ids"));
  if (ids) {
    const Path ids_path = r.PathOf("ids");
    for (auto [key, value] : *ids) {
      const Path field = ids_path.Child(key);
      auto kind = ParseIdKind(key);
      if (!kind) {
        return InvalidArgument(field.str(),
                               "unknown identifier kind (expected bin, iin, inn, ogrn, "
                               "eori or vat)");
      }
      if (value.is_null()) continue;
      std::string v;
      KERUEN_ASSIGN_OR_RETURN(v, AsString(value, field));
      p.ids.push_back({*kind, std::move(v)});
    }
  }
  return p;
}

Result<std::optional<Party>> OptionalParty(const ObjectReader& r, std::string_view key) {
  std::optional<object> obj;
  KERUEN_ASSIGN_OR_RETURN(obj, r.OptionalObject(key));
  if (!obj) return std::optional<Party>();
  Party p;
  KERUEN_ASSIGN_OR_RETURN(p, ParseParty(*obj, r.PathOf(key)));
  return std::optional<Party>(std::move(p));
}

Result<std::vector<std::string>> StringArray(const ObjectReader& r, std::string_view key) {
  std::optional<simdjson::dom::array> arr;
  KERUEN_ASSIGN_OR_RETURN(arr, r.OptionalArray(key));
  std::vector<std::string> out;
  if (!arr) return out;
  const Path path = r.PathOf(key);
  size_t i = 0;
  for (element e : *arr) {
    std::string s;
    KERUEN_ASSIGN_OR_RETURN(s, AsString(e, path.Element(i)));
    out.push_back(std::move(s));
    ++i;
  }
  return out;
}

Result<GoodsItem> ParseItem(object obj, const Path& path) {
  ObjectReader r(obj, path);
  GoodsItem it;
  double seq = 0;
  KERUEN_ASSIGN_OR_RETURN(seq, r.OptionalNumber("seq"));
  if (seq != std::floor(seq) || seq < 0 || seq > 1e6) {
    return InvalidArgument(r.PathOf("seq").str(), "must be a whole number");
  }
  it.seq = static_cast<int32_t>(seq);
  // HS codes must be strings: a number would lose leading zeros ("010121"). Whether one
  // is required depends on the declaration kind (validate.h).
  KERUEN_ASSIGN_OR_RETURN(it.hs, r.OptionalString("hs"));
  KERUEN_ASSIGN_OR_RETURN(it.description, r.OptionalString("description"));
  KERUEN_ASSIGN_OR_RETURN(it.quantity, r.OptionalNumber("quantity"));
  KERUEN_ASSIGN_OR_RETURN(it.unit, r.OptionalString("unit"));
  KERUEN_ASSIGN_OR_RETURN(it.net_kg, r.OptionalNumber("net_kg"));
  KERUEN_ASSIGN_OR_RETURN(it.gross_kg, r.OptionalNumber("gross_kg"));
  KERUEN_ASSIGN_OR_RETURN(it.value, RequiredMoney(r, "value"));
  KERUEN_ASSIGN_OR_RETURN(it.origin, r.OptionalString("origin"));
  return it;
}

Result<Declaration> DeclarationFromObject(object obj) {
  ObjectReader r(obj, kRoot);
  Declaration d;
  KERUEN_ASSIGN_OR_RETURN(d.id, r.RequiredString("id"));
  std::string kind;
  KERUEN_ASSIGN_OR_RETURN(kind, r.RequiredString("kind"));
  auto k = ParseDeclarationKind(kind);
  if (!k) {
    return InvalidArgument("kind", "\"" + kind +
                                       "\" is not a declaration kind (import, export, transit, "
                                       "waybill)");
  }
  d.kind = *k;
  std::optional<Timestamp> lodged;
  KERUEN_ASSIGN_OR_RETURN(lodged, r.OptionalTimestamp("lodged_at"));
  if (!lodged) return InvalidArgument("lodged_at", "is required");
  d.lodged_at = *lodged;

  std::optional<Party> declarant;
  KERUEN_ASSIGN_OR_RETURN(declarant, OptionalParty(r, "declarant"));
  if (!declarant) return InvalidArgument("declarant", "is required");
  d.declarant = std::move(*declarant);
  KERUEN_ASSIGN_OR_RETURN(d.consignor, OptionalParty(r, "consignor"));
  KERUEN_ASSIGN_OR_RETURN(d.consignee, OptionalParty(r, "consignee"));
  KERUEN_ASSIGN_OR_RETURN(d.carrier, OptionalParty(r, "carrier"));
  KERUEN_ASSIGN_OR_RETURN(d.country_of_dispatch, r.OptionalString("country_of_dispatch"));
  KERUEN_ASSIGN_OR_RETURN(d.country_of_destination, r.OptionalString("country_of_destination"));

  std::optional<object> itinerary;
  KERUEN_ASSIGN_OR_RETURN(itinerary, r.OptionalObject("itinerary"));
  if (itinerary) {
    const Path path = r.PathOf("itinerary");
    ObjectReader ir(*itinerary, path);
    KERUEN_ASSIGN_OR_RETURN(d.itinerary.entry_post, ir.OptionalString("entry_post"));
    KERUEN_ASSIGN_OR_RETURN(d.itinerary.exit_post, ir.OptionalString("exit_post"));
    KERUEN_ASSIGN_OR_RETURN(d.itinerary.limit_date, ir.OptionalTimestamp("limit_date"));
  }
  std::optional<object> transport;
  KERUEN_ASSIGN_OR_RETURN(transport, r.OptionalObject("transport"));
  if (transport) {
    const Path path = r.PathOf("transport");
    ObjectReader tr(*transport, path);
    KERUEN_ASSIGN_OR_RETURN(d.transport.mode, tr.OptionalString("mode"));
    KERUEN_ASSIGN_OR_RETURN(d.transport.vehicle, tr.OptionalString("vehicle"));
    KERUEN_ASSIGN_OR_RETURN(d.transport.trailer, tr.OptionalString("trailer"));
    KERUEN_ASSIGN_OR_RETURN(d.transport.seals, StringArray(tr, "seals"));
  }
  std::optional<simdjson::dom::array> items;
  KERUEN_ASSIGN_OR_RETURN(items, r.OptionalArray("items"));
  if (!items) return InvalidArgument("items", "is required");
  const Path items_path = r.PathOf("items");
  size_t i = 0;
  for (element e : *items) {
    const Path path = items_path.Element(i++);
    if (!e.is_object()) return WrongType(path, "object", e);
    GoodsItem item;
    KERUEN_ASSIGN_OR_RETURN(item, ParseItem(object(e), path));
    d.items.push_back(std::move(item));
  }
  std::optional<simdjson::dom::array> docs;
  KERUEN_ASSIGN_OR_RETURN(docs, r.OptionalArray("documents"));
  if (docs) {
    const Path docs_path = r.PathOf("documents");
    i = 0;
    for (element e : *docs) {
      const Path path = docs_path.Element(i++);
      if (!e.is_object()) return WrongType(path, "object", e);
      ObjectReader dr(object(e), path);
      DocumentRef ref;
      KERUEN_ASSIGN_OR_RETURN(ref.type, dr.RequiredString("type"));
      KERUEN_ASSIGN_OR_RETURN(ref.ref, dr.RequiredString("ref"));
      d.documents.push_back(std::move(ref));
    }
  }
  return d;
}

Result<PaymentParty> ParsePaymentParty(const ObjectReader& r, std::string_view key) {
  std::optional<object> obj;
  KERUEN_ASSIGN_OR_RETURN(obj, r.OptionalObject(key));
  const Path path = r.PathOf(key);
  if (!obj) return InvalidArgument(path.str(), "is required");
  PaymentParty pp;
  KERUEN_ASSIGN_OR_RETURN(pp.party, ParseParty(*obj, path));
  ObjectReader pr(*obj, path);
  KERUEN_ASSIGN_OR_RETURN(pp.account, pr.OptionalString("account"));
  KERUEN_ASSIGN_OR_RETURN(pp.agent_bic, pr.OptionalString("agent_bic"));
  return pp;
}

Result<Payment> PaymentFromObject(object obj) {
  ObjectReader r(obj, kRoot);
  Payment p;
  KERUEN_ASSIGN_OR_RETURN(p.id, r.RequiredString("id"));
  std::optional<Timestamp> executed;
  KERUEN_ASSIGN_OR_RETURN(executed, r.OptionalTimestamp("executed_at"));
  if (!executed) return InvalidArgument("executed_at", "is required");
  p.executed_at = *executed;
  KERUEN_ASSIGN_OR_RETURN(p.amount, RequiredMoney(r, "amount"));
  KERUEN_ASSIGN_OR_RETURN(p.debtor, ParsePaymentParty(r, "debtor"));
  KERUEN_ASSIGN_OR_RETURN(p.creditor, ParsePaymentParty(r, "creditor"));
  KERUEN_ASSIGN_OR_RETURN(p.intermediary_bics, StringArray(r, "intermediary_bics"));
  KERUEN_ASSIGN_OR_RETURN(p.remittance, r.OptionalString("remittance"));
  KERUEN_ASSIGN_OR_RETURN(p.purpose, r.OptionalString("purpose"));
  return p;
}

#undef KERUEN_ASSIGN_OR_RETURN

// ---- writing ----

void WriteParty(JsonWriter& w, const Party& p, const PaymentParty* bank = nullptr) {
  w.BeginObject().Field("name", p.name);
  if (!p.country.empty()) w.Field("country", p.country);
  if (!p.ids.empty()) {
    w.Key("ids").BeginObject();
    for (const auto& id : p.ids) w.Field(IdKindName(id.kind), id.value);
    w.EndObject();
  }
  if (!p.address.empty()) w.Field("address", p.address);
  if (p.registered_on) w.Field("registered_on", FormatDate(*p.registered_on));
  if (bank != nullptr) {
    if (!bank->account.empty()) w.Field("account", bank->account);
    if (!bank->agent_bic.empty()) w.Field("agent_bic", bank->agent_bic);
  }
  w.EndObject();
}

void WriteMoney(JsonWriter& w, const Money& m) {
  w.BeginObject().Key("amount").Decimal(m.units, Money::kScale).Field("currency", m.currency);
  w.EndObject();
}

void WriteStrings(JsonWriter& w, const std::vector<std::string>& v) {
  w.BeginArray();
  for (const auto& s : v) w.String(s);
  w.EndArray();
}

}  // namespace

struct JsonDocumentParser::Impl {
  simdjson::dom::parser parser;

  template <typename T, typename F>
  Result<T> Parse(std::string_view json, bool padded, F from_object) {
    element doc;
    const auto err = parser.parse(json.data(), json.size(), !padded).get(doc);
    if (err != simdjson::SUCCESS) {
      return ParseError(std::string("malformed JSON: ") + simdjson::error_message(err));
    }
    if (!doc.is_object()) return WrongType(kRoot, "a JSON object", doc);
    return from_object(object(doc));
  }
};

JsonDocumentParser::JsonDocumentParser() : impl_(new Impl) {}
JsonDocumentParser::~JsonDocumentParser() { delete impl_; }

Result<Declaration> JsonDocumentParser::ParseDeclaration(std::string_view json, bool padded) {
  return impl_->Parse<keruen::Declaration>(json, padded, DeclarationFromObject);
}
Result<Payment> JsonDocumentParser::ParsePayment(std::string_view json, bool padded) {
  return impl_->Parse<keruen::Payment>(json, padded, PaymentFromObject);
}

Result<Declaration> ParseDeclarationJson(std::string_view json) {
  thread_local JsonDocumentParser parser;
  return parser.ParseDeclaration(json);
}
Result<Payment> ParsePaymentJson(std::string_view json) {
  thread_local JsonDocumentParser parser;
  return parser.ParsePayment(json);
}

void AppendJson(const Declaration& d, std::string& out) {
  out.reserve(out.size() + 768 + 256 * d.items.size());  // typical sizes: one allocation
  JsonWriter w(out);
  w.BeginObject();
  w.Field("id", d.id).Field("kind", DeclarationKindName(d.kind));
  w.Field("lodged_at", FormatTimestamp(d.lodged_at));
  w.Key("declarant");
  WriteParty(w, d.declarant);
  const std::pair<const char*, const std::optional<Party>*> parties[] = {
      {"consignor", &d.consignor}, {"consignee", &d.consignee}, {"carrier", &d.carrier}};
  for (const auto& [key, party] : parties) {
    if (!party->has_value()) continue;
    w.Key(key);
    WriteParty(w, **party);
  }
  if (!d.country_of_dispatch.empty()) w.Field("country_of_dispatch", d.country_of_dispatch);
  if (!d.country_of_destination.empty()) {
    w.Field("country_of_destination", d.country_of_destination);
  }
  const Itinerary& it = d.itinerary;
  if (!it.entry_post.empty() || !it.exit_post.empty() || it.limit_date) {
    w.Key("itinerary").BeginObject();
    if (!it.entry_post.empty()) w.Field("entry_post", it.entry_post);
    if (!it.exit_post.empty()) w.Field("exit_post", it.exit_post);
    if (it.limit_date) w.Field("limit_date", FormatTimestamp(*it.limit_date));
    w.EndObject();
  }
  const Transport& t = d.transport;
  if (!t.mode.empty() || !t.vehicle.empty() || !t.trailer.empty() || !t.seals.empty()) {
    w.Key("transport").BeginObject();
    if (!t.mode.empty()) w.Field("mode", t.mode);
    if (!t.vehicle.empty()) w.Field("vehicle", t.vehicle);
    if (!t.trailer.empty()) w.Field("trailer", t.trailer);
    if (!t.seals.empty()) {
      w.Key("seals");
      WriteStrings(w, t.seals);
    }
    w.EndObject();
  }
  w.Key("items").BeginArray();
  for (const auto& item : d.items) {
    w.BeginObject().Field("seq", item.seq);
    if (!item.hs.empty()) w.Field("hs", item.hs);
    if (!item.description.empty()) w.Field("description", item.description);
    w.Field("quantity", item.quantity);
    if (!item.unit.empty()) w.Field("unit", item.unit);
    w.Field("net_kg", item.net_kg).Field("gross_kg", item.gross_kg);
    w.Key("value");
    WriteMoney(w, item.value);
    if (!item.origin.empty()) w.Field("origin", item.origin);
    w.EndObject();
  }
  w.EndArray();
  if (!d.documents.empty()) {
    w.Key("documents").BeginArray();
    for (const auto& doc : d.documents) {
      w.BeginObject().Field("type", doc.type).Field("ref", doc.ref).EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
}

void AppendJson(const Payment& p, std::string& out) {
  JsonWriter w(out);
  w.BeginObject();
  w.Field("id", p.id).Field("executed_at", FormatTimestamp(p.executed_at));
  w.Key("amount");
  WriteMoney(w, p.amount);
  w.Key("debtor");
  WriteParty(w, p.debtor.party, &p.debtor);
  w.Key("creditor");
  WriteParty(w, p.creditor.party, &p.creditor);
  if (!p.intermediary_bics.empty()) {
    w.Key("intermediary_bics");
    WriteStrings(w, p.intermediary_bics);
  }
  if (!p.remittance.empty()) w.Field("remittance", p.remittance);
  if (!p.purpose.empty()) w.Field("purpose", p.purpose);
  w.EndObject();
}

void AppendJson(const Movement& m, std::string& out) {
  JsonWriter w(out);
  w.BeginObject().Field("id", m.id).Field("state", MovementStateName(m.state));
  w.Key("seals");
  WriteStrings(w, m.seals);
  if (!m.entry_post_id.empty()) w.Field("entry_post_id", m.entry_post_id);
  if (!m.exit_post_id.empty()) w.Field("exit_post_id", m.exit_post_id);
  if (m.limit_date) w.Field("limit_date", FormatTimestamp(*m.limit_date));
  w.Key("history").BeginArray();
  for (const auto& e : m.history) {
    w.BeginObject().Field("state", MovementStateName(e.state)).Field("at", FormatTimestamp(e.at));
    if (!e.reason.empty()) w.Field("reason", e.reason);
    w.EndObject();
  }
  w.EndArray().EndObject();
}

void AppendJson(const Alert& a, std::string& out) {
  JsonWriter w(out);
  w.BeginObject().Field("id", a.id).Field("rule", a.rule);
  w.Field("severity", SeverityName(a.severity));
  w.Key("subject")
      .BeginObject()
      .Field("type", a.subject.type)
      .Field("id", a.subject.id)
      .EndObject();
  w.Key("evidence").Raw(a.evidence_json.empty() ? std::string_view("{}") : a.evidence_json);
  w.Field("explanation", a.explanation).Field("status", AlertStatusName(a.status));
  w.Field("raised_at", FormatTimestamp(a.raised_at));
  w.EndObject();
}

void AppendJson(const Decision& d, std::string& out) {
  JsonWriter w(out);
  w.BeginObject().Field("id", d.id);
  w.Key("subject")
      .BeginObject()
      .Field("type", d.subject.type)
      .Field("id", d.subject.id)
      .EndObject();
  w.Field("kind", d.kind).Field("outcome", d.outcome);
  w.Key("reasons");
  WriteStrings(w, d.reasons);
  w.Field("decided_by", d.decided_by).Field("decided_at", FormatTimestamp(d.decided_at));
  w.EndObject();
}

}  // namespace keruen
