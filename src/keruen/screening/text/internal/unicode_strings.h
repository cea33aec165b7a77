// Conversions between the three encodings this component meets: UTF-8 (names in and out),
// UTF-16 (ICU) and UTF-32 (letter-by-letter rules, where a letter is one element).
#ifndef KERUEN_SCREENING_TEXT_INTERNAL_UNICODE_STRINGS_H_
#define KERUEN_SCREENING_TEXT_INTERNAL_UNICODE_STRINGS_H_

#include <unicode/unistr.h>

#include <string>
#include <string_view>

namespace keruen::screening::text_internal {

std::string Utf32ToUtf8(std::u32string_view utf32);
std::u32string ToUtf32(const icu::UnicodeString& s);
icu::UnicodeString FromUtf32(std::u32string_view utf32);

}  // namespace keruen::screening::text_internal

#endif  // KERUEN_SCREENING_TEXT_INTERNAL_UNICODE_STRINGS_H_
