// The Levenshtein distance over bytes, for short ASCII words: "did you mean" suggestions and
// test checks on generated typos. (Names in any script go through
// screening/match/similarity.h, which counts code points.)
#ifndef KERUEN_CORE_EDIT_DISTANCE_H_
#define KERUEN_CORE_EDIT_DISTANCE_H_

#include <cstddef>
#include <string_view>

namespace keruen {

size_t ByteEditDistance(std::string_view a, std::string_view b);

}  // namespace keruen

#endif  // KERUEN_CORE_EDIT_DISTANCE_H_
