#include "keruen/screening/screening_json.h"

#include <simdjson.h>

#include <string>

namespace keruen::screening {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

Result<std::string> StringField(object obj, std::string_view key, const std::string& path) {
  element value;
  if (obj.at_key(key).get(value) != simdjson::SUCCESS || value.is_null()) return std::string();
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS) {
    return InvalidArgument(path + std::string(key), "expected a string");
  }
  return std::string(text);
}

Result<ScreeningQuery> QueryFrom(element doc, const std::string& prefix) {
  object obj;
  if (doc.get_object().get(obj) != simdjson::SUCCESS) {
    return InvalidArgument(prefix.empty() ? "" : prefix.substr(0, prefix.size() - 1),
                           "expected an object");
  }
  ScreeningQuery q;
  auto name = StringField(obj, "name", prefix);
  if (!name) return tl::unexpected(name.error());
  q.name = std::move(*name);
  auto country = StringField(obj, "country", prefix);
  if (!country) return tl::unexpected(country.error());
  q.country = std::move(*country);
  auto birth = StringField(obj, "birth_date", prefix);
  if (!birth) return tl::unexpected(birth.error());
  q.birth_date = std::move(*birth);
  auto type = StringField(obj, "type", prefix);
  if (!type) return tl::unexpected(type.error());
  if (!type->empty()) {
    auto parsed = ParseEntityType(*type);
    if (!parsed) {
      return InvalidArgument(prefix + "type", "\"" + *type +
                                                  "\" is not person, organization, vessel, "
                                                  "aircraft or unknown");
    }
    q.type = *parsed;
  }
  element ids;
  if (obj.at_key("identifiers").get(ids) == simdjson::SUCCESS && !ids.is_null()) {
    simdjson::dom::array array;
    if (ids.get_array().get(array) != simdjson::SUCCESS) {
      return InvalidArgument(prefix + "identifiers", "expected an array");
    }
    size_t i = 0;
    for (element id : array) {
      const std::string path = prefix + "identifiers[" + std::to_string(i++) + "].";
      object id_obj;
      if (id.get_object().get(id_obj) != simdjson::SUCCESS) {
        return InvalidArgument(path.substr(0, path.size() - 1), "expected an object");
      }
      auto scheme = StringField(id_obj, "scheme", path);
      if (!scheme) return tl::unexpected(scheme.error());
      auto value = StringField(id_obj, "value", path);
      if (!value) return tl::unexpected(value.error());
      if (scheme->empty()) return InvalidArgument(path + "scheme", "is required");
      if (value->empty()) return InvalidArgument(path + "value", "is required");
      q.identifiers.push_back(QueryIdentifier{std::move(*scheme), std::move(*value)});
    }
  }
  if (q.name.empty() && q.identifiers.empty()) {
    return InvalidArgument(prefix + "name", "a name or an identifier is required");
  }
  if (auto valid = ValidateQuery(q); !valid) {
    return tl::unexpected(
        valid.error().WithFieldPrefix(prefix.empty() ? "" : prefix.substr(0, prefix.size() - 1)));
  }
  return q;
}

Result<element> ParseDocument(simdjson::dom::parser& parser, std::string_view json) {
  element doc;
  if (auto error = parser.parse(json.data(), json.size()).get(doc); error) {
    return ParseError(std::string("not valid JSON: ") + simdjson::error_message(error));
  }
  return doc;
}

}  // namespace

Result<ScreeningQuery> ParseScreeningQueryJson(std::string_view json) {
  simdjson::dom::parser parser;
  auto doc = ParseDocument(parser, json);
  if (!doc) return tl::unexpected(doc.error());
  return QueryFrom(*doc, "");
}

Result<std::vector<ScreeningQuery>> ParseScreeningRequestJson(std::string_view json) {
  simdjson::dom::parser parser;
  auto doc = ParseDocument(parser, json);
  if (!doc) return tl::unexpected(doc.error());
  element list;
  if (!doc->is_object() || doc->at_key("queries").get(list) != simdjson::SUCCESS) {
    auto one = QueryFrom(*doc, "");
    if (!one) return tl::unexpected(one.error());
    return std::vector<ScreeningQuery>{std::move(*one)};
  }
  simdjson::dom::array array;
  if (list.get_array().get(array) != simdjson::SUCCESS) {
    return InvalidArgument("queries", "expected an array");
  }
  if (array.size() == 0) return InvalidArgument("queries", "is empty");
  if (array.size() > kMaxQueriesPerRequest) {
    return InvalidArgument("queries", std::to_string(array.size()) + " queries; at most " +
                                          std::to_string(kMaxQueriesPerRequest) + " per request");
  }
  std::vector<ScreeningQuery> queries;
  size_t i = 0;
  for (element item : array) {
    auto q = QueryFrom(item, "queries[" + std::to_string(i++) + "].");
    if (!q) return tl::unexpected(q.error());
    queries.push_back(std::move(*q));
  }
  return queries;
}

void AppendJson(JsonWriter& w, const ScreeningQuery& q) {
  w.BeginObject();
  w.Field("name", q.name);
  if (!q.country.empty()) w.Field("country", q.country);
  if (!q.birth_date.empty()) w.Field("birth_date", q.birth_date);
  if (q.type != EntityType::kUnknown) w.Field("type", EntityTypeName(q.type));
  if (!q.identifiers.empty()) {
    w.Key("identifiers").BeginArray();
    for (const QueryIdentifier& id : q.identifiers) {
      w.BeginObject().Field("scheme", id.scheme).Field("value", id.value).EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
}

void AppendScreeningResult(JsonWriter& w, const ScreeningQuery& query,
                           const std::vector<Hit>& hits) {
  w.BeginObject();
  w.Key("query");
  AppendJson(w, query);
  w.Key("hits").BeginArray();
  for (const Hit& hit : hits) AppendJson(w, hit);
  w.EndArray();
  w.EndObject();
}

}  // namespace keruen::screening
