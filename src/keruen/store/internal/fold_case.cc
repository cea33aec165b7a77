#include "keruen/store/internal/fold_case.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>

namespace keruen {

void AppendFoldedCase(std::string_view utf8, std::string& out) {
  out.reserve(out.size() + utf8.size());
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t length = static_cast<int32_t>(utf8.size());
  int32_t i = 0;
  while (i < length) {
    const uint8_t byte = s[i];
    if (byte < 0x80) {  // ASCII, by far the most common: no decoding needed
      out.push_back(static_cast<char>(byte >= 'A' && byte <= 'Z' ? byte + ('a' - 'A') : byte));
      ++i;
      continue;
    }
    // Most names are Kazakh or Russian: fold the basic Cyrillic letters (U+0400 to U+045F,
    // two bytes) without asking ICU.
    if ((byte == 0xD0 || byte == 0xD1) && i + 1 < length && (s[i + 1] & 0xC0) == 0x80) {
      const UChar32 c = ((byte & 0x1F) << 6) | (s[i + 1] & 0x3F);
      if (c <= 0x45F) {
        // Ѐ..Џ -> ѐ..џ, А..Я -> а..я; the rest of the block is lower case already.
        const UChar32 lower = c < 0x410 ? c + 0x50 : c < 0x430 ? c + 0x20 : c;
        out.push_back(static_cast<char>(0xC0 | (lower >> 6)));
        out.push_back(static_cast<char>(0x80 | (lower & 0x3F)));
        i += 2;
        continue;
      }
    }
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c < 0) {  // ill-formed: keep the bytes as they were
      out.append(utf8.data() + start, static_cast<size_t>(i - start));
      continue;
    }
    const UChar32 folded = u_foldCase(c, U_FOLD_CASE_DEFAULT);
    uint8_t buffer[U8_MAX_LENGTH];
    int32_t written = 0;
    U8_APPEND_UNSAFE(buffer, written, folded);
    out.append(reinterpret_cast<const char*>(buffer), static_cast<size_t>(written));
  }
}

}  // namespace keruen
