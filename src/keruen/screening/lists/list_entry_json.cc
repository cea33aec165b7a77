#include "keruen/screening/lists/list_entry_json.h"

#include <simdjson.h>

#include <utility>
#include <vector>

namespace keruen::screening {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

void StringArray(JsonWriter& w, std::string_view key, const std::vector<std::string>& values) {
  if (values.empty()) return;
  w.Key(key).BeginArray();
  for (const std::string& v : values) w.String(v);
  w.EndArray();
}

void OptionalString(JsonWriter& w, std::string_view key, const std::string& value) {
  if (!value.empty()) w.Field(key, value);
}

tl::unexpected<Error> Expected(const std::string& path, std::string_view what) {
  return InvalidArgument(path, "expected " + std::string(what));
}

Result<std::string> ReadString(const element& e, const std::string& path) {
  std::string_view s;
  if (e.get(s) != simdjson::SUCCESS) return Expected(path, "a string");
  return std::string(s);
}

// A missing key leaves `out` as it is; a key of the wrong type is an error.
Status OptionalStringField(const object& obj, std::string_view key, const std::string& path,
                           std::string& out) {
  element e;
  if (obj.at_key(key).get(e) != simdjson::SUCCESS) return Ok();
  auto s = ReadString(e, path);
  if (!s) return tl::unexpected(s.error());
  out = std::move(*s);
  return Ok();
}

Status RequiredStringField(const object& obj, std::string_view key, std::string& out) {
  element e;
  if (obj.at_key(key).get(e) != simdjson::SUCCESS) {
    return InvalidArgument(std::string(key), "is required");
  }
  auto s = ReadString(e, std::string(key));
  if (!s) return tl::unexpected(s.error());
  out = std::move(*s);
  return Ok();
}

Status OptionalBoolField(const object& obj, std::string_view key, const std::string& path,
                         bool& out) {
  element e;
  if (obj.at_key(key).get(e) != simdjson::SUCCESS) return Ok();
  if (e.get(out) != simdjson::SUCCESS) return Expected(path, "a boolean");
  return Ok();
}

// Calls `read(element, path)` for each element of the array under `key`, if present.
template <typename F>
Status ForEachElement(const object& obj, std::string_view key, F read) {
  element e;
  if (obj.at_key(key).get(e) != simdjson::SUCCESS) return Ok();
  array arr;
  if (e.get(arr) != simdjson::SUCCESS) return Expected(std::string(key), "an array");
  size_t i = 0;
  for (element item : arr) {
    const std::string path = std::string(key) + "[" + std::to_string(i++) + "]";
    if (auto s = read(item, path); !s) return s;
  }
  return Ok();
}

Status ReadStrings(const object& obj, std::string_view key, std::vector<std::string>& out) {
  return ForEachElement(obj, key, [&](const element& item, const std::string& path) -> Status {
    auto s = ReadString(item, path);
    if (!s) return tl::unexpected(s.error());
    out.push_back(std::move(*s));
    return Ok();
  });
}

Result<ListEntry> EntryFromObject(const object& obj) {
  ListEntry entry;
  if (auto s = RequiredStringField(obj, "list", entry.list); !s) return tl::unexpected(s.error());
  if (auto s = RequiredStringField(obj, "id", entry.id); !s) return tl::unexpected(s.error());
  std::string type;
  if (auto s = RequiredStringField(obj, "type", type); !s) return tl::unexpected(s.error());
  const std::optional<EntityType> parsed_type = ParseEntityType(type);
  if (!parsed_type) return InvalidArgument("type", "unknown entity type \"" + type + "\"");
  entry.type = *parsed_type;

  auto names = ForEachElement(obj, "names", [&](const element& item, const std::string& path) {
    object name_obj;
    if (item.get(name_obj) != simdjson::SUCCESS) return Status(Expected(path, "an object"));
    ListName name;
    element full;
    if (name_obj.at_key("full").get(full) != simdjson::SUCCESS) {
      return Status(InvalidArgument(path + ".full", "is required"));
    }
    auto s = ReadString(full, path + ".full");
    if (!s) return Status(tl::unexpected(s.error()));
    name.full = std::move(*s);
    if (auto b = OptionalBoolField(name_obj, "primary", path + ".primary", name.primary); !b) {
      return b;
    }
    if (auto b = OptionalBoolField(name_obj, "weak", path + ".weak", name.weak); !b) return b;
    entry.names.push_back(std::move(name));
    return Ok();
  });
  if (!names) return tl::unexpected(names.error());
  if (entry.names.empty()) return InvalidArgument("names", "at least one name is required");

  auto ids = ForEachElement(obj, "identifiers", [&](const element& item, const std::string& path) {
    object id_obj;
    if (item.get(id_obj) != simdjson::SUCCESS) return Status(Expected(path, "an object"));
    ListIdentifier id;
    if (auto s = OptionalStringField(id_obj, "scheme", path + ".scheme", id.scheme); !s) return s;
    if (auto s = OptionalStringField(id_obj, "value", path + ".value", id.value); !s) return s;
    if (auto s = OptionalStringField(id_obj, "country", path + ".country", id.country); !s) {
      return s;
    }
    if (id.scheme.empty() || id.value.empty()) {
      return Status(InvalidArgument(path, "an identifier needs a scheme and a value"));
    }
    entry.identifiers.push_back(std::move(id));
    return Ok();
  });
  if (!ids) return tl::unexpected(ids.error());

  for (auto [key, out] :
       {std::pair<std::string_view, std::vector<std::string>*>{"countries", &entry.countries},
        {"birth_dates", &entry.birth_dates},
        {"programs", &entry.programs}}) {
    if (auto s = ReadStrings(obj, key, *out); !s) return tl::unexpected(s.error());
  }
  for (auto [key, out] : {std::pair<std::string_view, std::string*>{"listed_on", &entry.listed_on},
                          {"remarks", &entry.remarks},
                          {"gender", &entry.gender}}) {
    if (auto s = OptionalStringField(obj, key, std::string(key), *out); !s) {
      return tl::unexpected(s.error());
    }
  }
  return entry;
}

}  // namespace

void AppendJson(JsonWriter& w, const ListEntry& entry) {
  w.BeginObject();
  w.Field("list", entry.list).Field("id", entry.id).Field("type", EntityTypeName(entry.type));
  w.Key("names").BeginArray();
  for (const ListName& n : entry.names) {
    w.BeginObject().Field("full", n.full);
    if (n.primary) w.Field("primary", true);
    if (n.weak) w.Field("weak", true);
    w.EndObject();
  }
  w.EndArray();
  if (!entry.identifiers.empty()) {
    w.Key("identifiers").BeginArray();
    for (const ListIdentifier& id : entry.identifiers) {
      w.BeginObject().Field("scheme", id.scheme).Field("value", id.value);
      OptionalString(w, "country", id.country);
      w.EndObject();
    }
    w.EndArray();
  }
  StringArray(w, "countries", entry.countries);
  StringArray(w, "birth_dates", entry.birth_dates);
  StringArray(w, "programs", entry.programs);
  OptionalString(w, "listed_on", entry.listed_on);
  OptionalString(w, "remarks", entry.remarks);
  OptionalString(w, "gender", entry.gender);
  w.EndObject();
}

std::string ListEntryToJson(const ListEntry& entry) {
  std::string out;
  JsonWriter w(out);
  AppendJson(w, entry);
  return out;
}

Result<ListEntry> ParseListEntryJson(std::string_view json) {
  thread_local simdjson::dom::parser parser;
  element doc;
  const auto err = parser.parse(json.data(), json.size(), /*realloc_if_needed=*/true).get(doc);
  if (err != simdjson::SUCCESS) {
    return ParseError(std::string("malformed JSON: ") + simdjson::error_message(err));
  }
  object obj;
  if (doc.get(obj) != simdjson::SUCCESS) return Expected("", "a JSON object");
  return EntryFromObject(obj);
}

}  // namespace keruen::screening
