// Hash maps and sets keyed by strings, looked up by std::string_view without allocating.
//
// The engines (risk, ledger, party graph) keep their memory in maps keyed by party keys, HS
// codes and price keys, and look several of them up for every goods item of every declaration.
// std::unordered_map allocates a node per entry and chases a pointer per lookup; Abseil's
// open-addressing tables (Debian's libabsl-dev) keep entries inline. Debian builds Abseil with
// its own absl::string_view, so its default string hash does not take a std::string_view:
// these functors do, which makes lookups by a view heterogeneous (no temporary std::string).
//
// Like any open-addressing table, an insert may move every value: hold no pointer or
// reference into one across an insert.
#ifndef KERUEN_CORE_STRING_MAP_H_
#define KERUEN_CORE_STRING_MAP_H_

#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"

namespace keruen {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const {
    return absl::Hash<absl::string_view>{}(absl::string_view(s.data(), s.size()));
  }
};

struct StringEq {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const { return a == b; }
};

template <typename Value>
using StringMap = absl::flat_hash_map<std::string, Value, StringHash, StringEq>;
using StringSet = absl::flat_hash_set<std::string, StringHash, StringEq>;

}  // namespace keruen

#endif  // KERUEN_CORE_STRING_MAP_H_
