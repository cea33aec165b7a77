#include "keruen/risk/internal/description.h"

#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace keruen::risk::internal {

namespace {

// What each byte becomes: itself, lower-cased, or 0 for a separator.
constexpr std::array<char, 256> kKept = [] {
  std::array<char, 256> kept{};
  for (int ch = 0; ch < 256; ++ch) {
    const bool digit = ch >= '0' && ch <= '9';
    const bool letter = (ch | 0x20) >= 'a' && (ch | 0x20) <= 'z';
    if (digit || letter || ch >= 0x80) kept[ch] = static_cast<char>(letter ? ch | 0x20 : ch);
  }
  return kept;
}();

}  // namespace

std::string NormalizedDescription(std::string_view text) {
  // Written in place into a buffer as long as the text and one block more. Every byte written
  // stands for a byte read (a space for the separator run before it), so the write position
  // never passes the read position, and a sixteen-byte store there stays inside the buffer.
  std::string out(text.size() + 16, '\0');
  size_t n = 0, i = 0;
  bool space = false;  // a separator was read since the last byte kept
#if defined(__SSE2__)
  // Descriptions are words, single spaces and punctuation followed by a space ("circuits:
  // processors and controllers, whether or not..."). A block that starts with a kept byte is
  // its own output, lower-cased, up to the first byte that is neither kept nor a lone space;
  // the separator run from there is skipped byte by byte (it is short), and the next block
  // starts after it. The last block is read from a copy padded with separators.
  const __m128i before_a = _mm_set1_epi8('a' - 1), after_z = _mm_set1_epi8('z' + 1);
  const __m128i before_0 = _mm_set1_epi8('0' - 1), after_9 = _mm_set1_epi8('9' + 1);
  const __m128i case_bit = _mm_set1_epi8(0x20), blank = _mm_set1_epi8(' ');
  while (i < text.size()) {
    if (kKept[static_cast<unsigned char>(text[i])] == 0) {
      space = true;
      ++i;
      continue;
    }
    __m128i bytes;
    if (i + 16 <= text.size()) {
      bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    } else {
      alignas(16) char last[16] = {};
      std::memcpy(last, text.data() + i, text.size() - i);
      bytes = _mm_load_si128(reinterpret_cast<const __m128i*>(last));
    }
    // Signed compares: bytes of 0x80 and above are negative, so neither letter nor digit.
    const __m128i folded = _mm_or_si128(bytes, case_bit);
    const __m128i letter =
        _mm_and_si128(_mm_cmpgt_epi8(folded, before_a), _mm_cmpgt_epi8(after_z, folded));
    const __m128i digit =
        _mm_and_si128(_mm_cmpgt_epi8(bytes, before_0), _mm_cmpgt_epi8(after_9, bytes));
    const unsigned kept = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(letter, digit)) |
                                                _mm_movemask_epi8(bytes));
    const unsigned blanks = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, blank)));
    // The first byte that is neither kept nor a space, or the second of two spaces.
    const unsigned broken = (~(kept | blanks) & 0xFFFFu) | ((blanks & (blanks >> 1)) << 1);
    const size_t length = broken == 0 ? 16 : static_cast<size_t>(__builtin_ctz(broken));
    if (space && n > 0) out[n++] = ' ';
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out.data() + n),
                     _mm_or_si128(bytes, _mm_and_si128(letter, case_bit)));
    // A space ending the run joins the separators after it.
    space = ((blanks >> (length - 1)) & 1u) != 0;
    n += length - (space ? 1 : 0);
    i += length;
  }
#else
  for (; i < text.size(); ++i) {
    const char kept = kKept[static_cast<unsigned char>(text[i])];
    if (kept == 0) {
      space = true;
      continue;
    }
    if (space && n > 0) out[n++] = ' ';
    space = false;
    out[n++] = kept;
  }
#endif
  out.resize(n);
  return out;
}

}  // namespace keruen::risk::internal
