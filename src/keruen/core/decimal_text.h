// Numbers written for people in explanations and reasons ("score 72", "EUR 1234.50").
//
// FormatFixed writes what printf("%.*f") writes (the standard defines std::to_chars with a
// precision that way) without printf's format parsing and locale machinery, which cost more
// than a thousand instructions a number: every declaration's lane reason and many rule
// explanations carry numbers.
#ifndef KERUEN_CORE_DECIMAL_TEXT_H_
#define KERUEN_CORE_DECIMAL_TEXT_H_

#include <string>

namespace keruen {

// `value` with `decimals` digits after the point (0 to 17), rounded as printf rounds;
// "inf", "-inf" or "nan" for those values.
std::string FormatFixed(double value, int decimals = 0);

}  // namespace keruen

#endif  // KERUEN_CORE_DECIMAL_TEXT_H_
