#include "keruen/screening/text/internal/unicode_strings.h"

#include <unicode/utf16.h>

#include "keruen/core/utf8.h"

namespace keruen::screening::text_internal {

std::string Utf32ToUtf8(std::u32string_view utf32) {
  std::string out;
  out.reserve(utf32.size() * 2);
  for (const char32_t c : utf32) AppendUtf8(out, c);
  return out;
}

std::u32string ToUtf32(const icu::UnicodeString& s) {
  std::u32string out;
  out.reserve(static_cast<size_t>(s.length()));
  const char16_t* buffer = s.getBuffer();
  const int32_t length = s.length();
  int32_t i = 0;
  while (i < length) {
    UChar32 c = 0;
    U16_NEXT(buffer, i, length, c);
    out.push_back(static_cast<char32_t>(c));
  }
  return out;
}

icu::UnicodeString FromUtf32(std::u32string_view utf32) {
  return icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(utf32.data()),
                                       static_cast<int32_t>(utf32.size()));
}

}  // namespace keruen::screening::text_internal
