#include "keruen/core/decimal_text.h"

#include <algorithm>
#include <charconv>

namespace keruen {

std::string FormatFixed(double value, int decimals) {
  // The longest fixed text of a double: 309 integer digits, a sign, a point and the decimals.
  char buf[352];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed,
                                       std::clamp(decimals, 0, 17));
  return ec == std::errc() ? std::string(buf, end) : std::string();
}

}  // namespace keruen
