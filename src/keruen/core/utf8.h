// UTF-8 code points in and out, for the few places that work letter by letter (name keys,
// transliteration in the simulator). Malformed input decodes to U+FFFD and never reads
// past the end.
#ifndef KERUEN_CORE_UTF8_H_
#define KERUEN_CORE_UTF8_H_

#include <string>
#include <string_view>

namespace keruen {

// Decodes one code point at `i`, advancing `i`; U+FFFD on malformed input.
char32_t DecodeUtf8(std::string_view s, size_t& i);
void AppendUtf8(std::string& out, char32_t cp);

// Appends the code points of `utf8` to `out` (whose capacity a caller may reuse).
void AppendCodePoints(std::string_view utf8, std::u32string& out);
// The code points of `utf8`.
std::u32string ToCodePoints(std::string_view utf8);

}  // namespace keruen

#endif  // KERUEN_CORE_UTF8_H_
