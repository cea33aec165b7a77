// Lookup keys that let the index find a dictionary token from a misspelt or differently
// romanised query token without comparing it to every token.
//
// Keys are hashed to 64 bits (a collision only costs one extra comparison, because every
// token found is verified with TokenSimilarity):
// - variant keys (the "symmetric delete" method): a token and every spelling of it with one
//   letter deleted, all under one kind of key. Two tokens share a variant key exactly when
//   they differ by at most one insertion, deletion, substitution or adjacent transposition:
//   typos. A query looks up its own variants only, one probe each.
// - a consonant skeleton: vowels dropped, and the letters and digraphs that romanisations of
//   one sound disagree on folded together ("x"/"ks", "shch"/"sch", "kh"/"h", "w"/"v", "c"/"k",
//   doubled letters). "Aleksandr" and "Alexander", "Muhammad" and "Mohammed", "Yevgeniy" and
//   "Evgeny" share a skeleton although they are two or three edits apart.
// - the exact token, for finding a word's own entry.
#ifndef KERUEN_SCREENING_MATCH_INTERNAL_TOKEN_KEYS_H_
#define KERUEN_SCREENING_MATCH_INTERNAL_TOKEN_KEYS_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace keruen::screening::internal {

enum class KeyKind : uint8_t {
  kExact,     // the token itself
  kVariant,   // the token itself or the token with one code point deleted
  kSkeleton,  // the consonant skeleton
};

// Variants shorter than this are not keys: two-letter fragments are shared by thousands of
// unrelated tokens and would only produce noise.
inline constexpr size_t kMinDeletionKeyLength = 3;
// Skeletons shorter than this are neither keys nor evidence: "mr" is the skeleton of "moura",
// "moreau" and "amir".
inline constexpr size_t kMinSkeletonLength = 3;

uint64_t KeyHash(KeyKind kind, std::u32string_view text);

std::u32string Skeleton(std::u32string_view token);
// KeyHash of the skeleton, or 0 when the skeleton is shorter than kMinSkeletonLength.
uint64_t SkeletonKey(std::u32string_view token);

// Tokens longer than this get no variant keys (no name has such words; it bounds the work).
inline constexpr size_t kMaxDeletionKeyLength = 40;

// Calls `f(key)` with the variant key of every deletion of one code point from `token`, when
// the deletions are long enough to be keys.
template <typename F>
void ForEachDeletion(std::u32string_view token, F&& f) {
  if (token.size() <= kMinDeletionKeyLength || token.size() > kMaxDeletionKeyLength) return;
  char32_t variant[kMaxDeletionKeyLength];
  for (size_t i = 0; i < token.size(); ++i) {
    size_t n = 0;
    for (size_t j = 0; j < token.size(); ++j) {
      if (j != i) variant[n++] = token[j];
    }
    f(KeyHash(KeyKind::kVariant, std::u32string_view(variant, n)));
  }
}

inline bool HasVariantKeys(std::u32string_view token) {
  return token.size() >= kMinDeletionKeyLength && token.size() <= kMaxDeletionKeyLength;
}

// Calls `f(key)` for every key a dictionary token is stored under; `skeleton_key` is
// SkeletonKey(token), 0 when the skeleton is too short to be a key.
template <typename F>
void ForEachIndexKey(std::u32string_view token, uint64_t skeleton_key, F&& f) {
  f(KeyHash(KeyKind::kExact, token));
  if (HasVariantKeys(token)) f(KeyHash(KeyKind::kVariant, token));
  ForEachDeletion(token, f);
  if (skeleton_key != 0) f(skeleton_key);
}

// Calls `f(key)` for every key under which a dictionary token within one edit (or with the
// same skeleton) of `token` is stored: the token's variants and its skeleton.
template <typename F>
void ForEachQueryKey(std::u32string_view token, uint64_t skeleton_key, F&& f) {
  f(KeyHash(HasVariantKeys(token) ? KeyKind::kVariant : KeyKind::kExact, token));
  ForEachDeletion(token, f);
  if (skeleton_key != 0) f(skeleton_key);
}

}  // namespace keruen::screening::internal

#endif  // KERUEN_SCREENING_MATCH_INTERNAL_TOKEN_KEYS_H_
