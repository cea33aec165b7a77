#include "keruen/screening/match/internal/token_keys.h"

#include <xxhash.h>

namespace keruen::screening::internal {

uint64_t KeyHash(KeyKind kind, std::u32string_view text) {
  return XXH3_64bits_withSeed(text.data(), text.size() * sizeof(char32_t),
                              static_cast<uint64_t>(kind) + 1);
}

std::u32string Skeleton(std::u32string_view token) {
  std::u32string out;
  auto emit = [&out](char32_t c) {
    if (out.empty() || out.back() != c) out.push_back(c);  // doubled letters fold
  };
  auto at = [&token](size_t i) -> char32_t { return i < token.size() ? token[i] : 0; };
  for (size_t i = 0; i < token.size();) {
    const char32_t c = token[i];
    const char32_t next = at(i + 1);
    // Digraphs first: the sounds Cyrillic writes with one letter (щ ш ч ж х ф).
    if (c == 's' && next == 'h' && at(i + 2) == 'c' && at(i + 3) == 'h') {
      emit('S');
      i += 4;
    } else if (c == 's' && next == 'c' && at(i + 2) == 'h') {
      emit('S');
      i += 3;
    } else if (c == 't' && next == 'c' && at(i + 2) == 'h') {
      emit('C');
      i += 3;
    } else if (c == 's' && next == 'h') {
      emit('S');
      i += 2;
    } else if (c == 'c' && next == 'h') {
      emit('C');
      i += 2;
    } else if (c == 'z' && next == 'h') {
      emit('Z');
      i += 2;
    } else if ((c == 'k' && next == 'h') || (c == 'g' && next == 'h')) {
      emit(c == 'k' ? 'h' : 'g');
      i += 2;
    } else if (c == 'p' && next == 'h') {
      emit('f');
      i += 2;
    } else if (c == 'c' && next == 'k') {
      emit('k');
      i += 2;
    } else {
      switch (c) {
        case 'a':
        case 'e':
        case 'i':
        case 'o':
        case 'u':
        case 'y':
        case 'j':
          break;  // vowels and the semivowel romanisations disagree on most
        case 'x':
          emit('k');
          emit('s');
          break;
        case 'c':
        case 'q':
          emit('k');
          break;
        case 'w':
          emit('v');
          break;
        default:
          emit(c);
      }
      ++i;
    }
  }
  return out;
}

uint64_t SkeletonKey(std::u32string_view token) {
  const std::u32string skeleton = Skeleton(token);
  return skeleton.size() >= kMinSkeletonLength ? KeyHash(KeyKind::kSkeleton, skeleton) : 0;
}

}  // namespace keruen::screening::internal
