// Field paths for errors about JSON input ("items[1].value.currency",
// "epcisBody.eventList[2].eventTime"), shared by the parsers of the domain documents
// (json_codec.cc) and of EPCIS capture (tracking/epcis).
#ifndef KERUEN_CORE_INTERNAL_JSON_PATH_H_
#define KERUEN_CORE_INTERNAL_JSON_PATH_H_

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace keruen::core_internal {

// "array", "object", "number", "string", "boolean", "null": what a document had instead.
inline std::string_view JsonTypeName(simdjson::dom::element_type t) {
  using simdjson::dom::element_type;
  switch (t) {
    case element_type::ARRAY:
      return "array";
    case element_type::OBJECT:
      return "object";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
      return "number";
    case element_type::STRING:
      return "string";
    case element_type::BOOL:
      return "boolean";
    case element_type::NULL_VALUE:
      return "null";
  }
  return "value";
}

// Where a value sits in the document, as a chain of stack frames that is turned into text
// only when an error names it: building path strings for every field read was a third of the
// parse time.
struct JsonPath {
  const JsonPath* parent = nullptr;
  std::string_view key;  // empty for an array element or the root
  int64_t index = -1;    // >= 0 for an array element

  JsonPath Child(std::string_view k) const { return JsonPath{this, k, -1}; }
  JsonPath Element(size_t i) const { return JsonPath{this, {}, static_cast<int64_t>(i)}; }

  std::string str() const {
    std::string out = parent ? parent->str() : std::string();
    if (index >= 0) {
      out += "[" + std::to_string(index) + "]";
    } else if (!key.empty()) {
      if (!out.empty()) out += '.';
      out += key;
    }
    return out;
  }
};

}  // namespace keruen::core_internal

#endif  // KERUEN_CORE_INTERNAL_JSON_PATH_H_
