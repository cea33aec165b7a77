// Strict number parsing for the geography tables: the whole field must be the number.
#ifndef KERUEN_TRACKING_GEO_INTERNAL_NUMBERS_H_
#define KERUEN_TRACKING_GEO_INTERNAL_NUMBERS_H_

#include <optional>
#include <string_view>

namespace keruen::tracking::internal {

// A decimal number such as "43.2775" or "-0.5"; nullopt for empty, partial or non-finite text.
std::optional<double> ParseDecimal(std::string_view text);
// A non-negative integer such as "12"; nullopt otherwise.
std::optional<int> ParseCount(std::string_view text);

}  // namespace keruen::tracking::internal

#endif  // KERUEN_TRACKING_GEO_INTERNAL_NUMBERS_H_
