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
//   doubled letters, not a letter repeated across a vowel). "Aleksandr" and "Alexander", "Muhammad"
//   and "Mohammed", "Yevgeniy" and "Evgeny" share a skeleton although they are two or three edits
//   apart.
// - a romanisation key: the spelling with vowels kept but every way the schemes write one
//   Cyrillic sound written one way (RomanisedSpelling below). Two tokens with the same key are
//   the same Cyrillic word romanised twice: "yurii" and "yury", "mixajlovna" (GOST 16876) and
//   "mikhaylovna" (BGN), "nikolaevič" and "nikolayevich", "balickijj" and "balytskiy",
//   "chevtchenko" (French) and "shevchenko", "urwanzew" (German) and "urvantsev". Such
//   pairs can be several edits and even a skeleton apart, and are as good as equal.
// - a sibilant key, the romanisation key with з and с, ж and ш merged, by which a German
//   spelling ("nebensja", "sadoroschnyj") meets the others (SibilantSpelling below).
// - the exact token, for finding a word's own entry.
#ifndef KERUEN_SCREENING_MATCH_INTERNAL_TOKEN_KEYS_H_
#define KERUEN_SCREENING_MATCH_INTERNAL_TOKEN_KEYS_H_

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace keruen::screening::internal {

enum class KeyKind : uint8_t {
  kExact,          // the token itself
  kVariant,        // the token itself or the token with one code point deleted
  kSkeleton,       // the consonant skeleton
  kRomanised,      // the romanisation key
  kPatronymic,     // the stem of a patronymic
  kShortSkeleton,  // a two-letter consonant skeleton, which only abjad words look up
};

// Variants shorter than this are not keys: two-letter fragments are shared by thousands of
// unrelated tokens and would only produce noise.
inline constexpr size_t kMinDeletionKeyLength = 3;
// Skeletons shorter than this are neither keys nor evidence: "mr" is the skeleton of "moura",
// "moreau" and "amir".
inline constexpr size_t kMinSkeletonLength = 3;

// Romanisation keys shorter than this are not keys: "ian" is "Yan" and "Ian", "li" is "Li"
// and "Ly".
inline constexpr size_t kMinRomanisedLength = 4;

uint64_t KeyHash(KeyKind kind, std::u32string_view text);

// Whether `token` has an ASCII digit: such tokens get no spelling or abjad keys ("7" and "8"
// in "Plant No. 7" are different plants).
bool HasDigit(std::u32string_view token);

std::u32string Skeleton(std::u32string_view token);
// KeyHash of the skeleton, or 0 when the skeleton is shorter than kMinSkeletonLength.
uint64_t SkeletonKey(std::u32string_view token);

// How a romanisation key reads the letters the schemes disagree on most.
enum class Reading : uint8_t {
  // "x" is "ks" ("maxim" = "maksim"), a lone "h" is "kh" ("ahmed" = "akhmed"), "ch" is ч.
  kPlain,
  // "x" is "kh", as GOST 16876 and ISO 9 write х ("mixail" = "mikhail"), and a lone "h" is
  // "g", as Ukrainian and Belarusian write г ("serhiy" = "sergiy", "hleb" = "gleb").
  kSlavic,
  // French (the MVD 310 scheme of Russian passports before 1997): "ch" is ш, "chtch" щ, "j" ж
  // and a final "e" is mute ("chevtchenko" = "shevchenko", "majouga" = "mazhuga").
  kFrench,
  // German: "ch" is х, "z" ц, "dsch" дж ("choldingowaya" = "kholdingovaya", "urwanzew" =
  // "urvantsev", "menedschment" = "menedzhment"); "dj" is д and й, not дж ("djakowa" =
  // "dyakova", "najdjonow" = "naydyonov").
  kGerman,
  // Dutch and Scandinavian: "oe" is у, "tj" and "tsj" ч, "sj" ш, "zj" ж, "ch" х
  // ("ljoebomyra" = "lyubomira", "vjatjeslavovitj" = "vyacheslavovich").
  kDutch,
};
inline constexpr size_t kReadings = 5;

// `token` (lower case, any Latin letters) with the differences between romanisation schemes
// folded away. Letters with diacritics become the digraphs the other schemes write
// ("č" -> "ch", "ŝ" -> "shch", "û" -> "yu", "ë" -> "yo"); apostrophes, soft and hard signs and
// combining marks go; then each sound is written one way: "shch"/"sch"/"shh"/"sh" as one
// letter, "tch"/"ch"/"cz" as another, "zh", "kh", "ts"/"tz"/"c" (but "c" before a, o, u, l, r
// is "k"), "dzh"/"dj", "ph" as "f", "w" as "v", "q" as "k", "y"/"j" as "i", "ou" as "u", the
// French "gu" before e or i as "g"; an "i" (or "y", "j") before "e" goes ("yevgeniy" =
// "evgeniy", "nikolayevich" = "nikolaevich"), "io" before a consonant is "e" (ё: "fyodor" =
// "fedor", "semyon" = "semen"); doubled letters fold; a final "-off" or "-eff" is the "-ов",
// "-ев" of French and English spellings ("baidakoff" = "baydakov"). `reading` decides the rest.
std::u32string RomanisedSpelling(std::u32string_view token, Reading reading);

// A patronymic's stem: what is left of `token` without its patronymic ending, in `reading`
// with the linking vowel dropped, or empty when the token has no such ending. The male and
// female patronymics of one name share it ("nikolaevich", "nikolayevna", Polish
// "nikołajewicz", Swedish "nikolajevitj", Hungarian "nyikolajevics" and Catalan
// "nikolàievitx" all give "nikol"), and so do the Ukrainian "-ivna" and the Russian "-evna"
// of one stem ("ihorivna" and "igorevna" in the Slavic reading). Stems shorter than three
// letters are empty.
std::u32string PatronymicStem(std::u32string_view token, Reading reading);
// The readings a patronymic stem is keyed in: plain ("aleksandr" = "alexandr") and Slavic
// ("ihor" = "igor").
inline constexpr size_t kPatronymicReadings = 2;

// German transcription writes з and с alike ("s", с also "ss" between vowels), and ж and ш
// alike ("sch"): "sadoroschnyj" is задорожный, "nebensja" небензя, "saborsski" заборский. Such
// a spelling cannot be read back into one Cyrillic word, so it is compared with the others
// with their sibilants merged: RomanisedSpelling (in the German reading for the German
// spelling, the plain one for the other) with "z" as "s" and "zh" as "sh". Only a spelling that
// shows German transcription is compared that way (GermanSpelling), so "zakharov" and
// "sakharov" stay two names while the German "sacharow" pairs with both, as it should.
std::u32string SibilantSpelling(std::u32string_view token);
// Whether `token` shows German transcription: a "w", "sch", "ss" between letters, or a "j"
// before a vowel ("ja", "ju", "jo", "je" for я, ю, ё, е).
bool GermanSpelling(std::u32string_view token);

// The keys a token is found under besides its own spelling and its one-edit variants.
struct SpellingKeys {
  uint64_t skeleton = 0;  // SkeletonKey, 0 when too short
  // KeyHash of RomanisedSpelling in each Reading; 0 when too short, and for the other
  // readings when the token has none of their letters or reads as in an earlier one.
  uint64_t romanised[kReadings] = {};
  // KeyHash of PatronymicStem in the plain and the Slavic reading; 0 for words that are not
  // patronymics, and for the Slavic reading when it gives the plain one's stem.
  uint64_t patronymic[kPatronymicReadings] = {};
  // KeyHash(kRomanised, SibilantSpelling), 0 when too short; `german`: GermanSpelling(token).
  uint64_t sibilants = 0;
  bool german = false;

  bool SameSkeleton(const SpellingKeys& other) const {
    return skeleton != 0 && skeleton == other.skeleton;
  }
  // True when some reading of one token gives some reading of the other, or when one is a
  // German spelling with the other's sibilant spelling.
  bool SameRomanisation(const SpellingKeys& other) const {
    return AnyShared(romanised, other.romanised) ||
           (sibilants != 0 && sibilants == other.sibilants && (german || other.german));
  }
  // True when both are patronymics of one name, whatever their gender or language.
  bool SamePatronymic(const SpellingKeys& other) const {
    return AnyShared(patronymic, other.patronymic);
  }

 private:
  // Whether a set key of `mine` is among `theirs`.
  static bool AnyShared(std::span<const uint64_t> mine, std::span<const uint64_t> theirs) {
    for (uint64_t key : mine) {
      if (key != 0 && std::find(theirs.begin(), theirs.end(), key) != theirs.end()) return true;
    }
    return false;
  }
};

// No keys for tokens with digits: "7" and "8" in "Plant No. 7" are different plants.
SpellingKeys MakeSpellingKeys(std::u32string_view token);

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

// Calls `f(key)` for each of `keys` that is set. The sibilant spelling is hashed like the
// romanisation keys, so it is a key of its own only for the few tokens where it differs from
// all of them (a "z" or "zh" in the word): a German spelling and the other token find each
// other under it, and pairs it brings together that are not German spellings fail
// TokenSimilarity.
template <typename F>
void ForEachSpellingKey(const SpellingKeys& keys, F&& f) {
  if (keys.skeleton != 0) f(keys.skeleton);
  for (uint64_t key : keys.romanised) {
    if (key != 0) f(key);
  }
  if (keys.sibilants != 0 && std::find(std::begin(keys.romanised), std::end(keys.romanised),
                                       keys.sibilants) == std::end(keys.romanised)) {
    f(keys.sibilants);
  }
  for (uint64_t key : keys.patronymic) {
    if (key != 0) f(key);
  }
}

// The skeletons a vowelless romanisation of an Arabic or Hebrew word (NameToken::abjad) may
// stand for in a Latin spelling. Such a word writes consonants and long vowels: "w" and "y"
// are consonants or the vowels u, o, i, e ("bwtyn" is "putin", "dwd" is "david", "wldymyr"
// "vladimir"), and the letters Arabic lacks are written with their neighbours ("b" for p,
// "f" for v: "fladymyr"; Hebrew's "p" is also f). So each "w" is read as v or as a vowel,
// "b" also as p, "f" as v, "p" as f, "q" as g ("qasim", "gasim"), "th" as s or t ("uthman",
// "usman"), "dh" as z or d, and a final "h" (ه, and ة, which the analyser writes so) also as
// nothing or t ("-ah", "-a", "-at": "ezh" is "izzat"). Each reading's Skeleton, when long
// enough to be a key, is one of the keys. Readings are tried with the last letters' choices
// changing fastest, the written letters first: of a long word with many such letters only the
// first 4 * kMaxAbjadSkeletons readings are tried, and kMaxAbjadSkeletons keys kept.
inline constexpr size_t kMaxAbjadSkeletons = 16;

// The abjad letter (or digraph) `token` has at `i` and what a Latin spelling may write for it,
// the written letter first: a consonant or digraph, a vowel for a long vowel ("u" of "w"), or
// nothing (a final "h"). MakeAbjadSkeletons spells every reading; the letter-by-letter match
// (token_similarity.cc) pairs the consonant readings with Latin letters.
struct AbjadLetter {
  size_t length = 1;  // letters of `token` it spans
  std::u32string_view readings[3];
  size_t count = 1;
};
AbjadLetter ReadAbjadLetter(std::u32string_view token, size_t i);

struct AbjadSkeletons {
  uint64_t keys[kMaxAbjadSkeletons] = {};  // AbjadSkeletonKey of the readings, distinct
  size_t count = 0;
  bool has_short = false;  // some key is a kShortSkeleton one
  bool Contains(uint64_t key) const {
    return key != 0 && std::find(keys, keys + count, key) != keys + count;
  }
};
AbjadSkeletons MakeAbjadSkeletons(std::u32string_view token);
// The key of a spelling's skeleton in AbjadSkeletons: SkeletonKey from kMinSkeletonLength
// letters; from two, a kShortSkeleton key ("sm": "usama", "osama", "sami"), since the Arabic
// names of two consonants are many ("usama", "aisha", "omar", "musa"); 0 for a shorter
// skeleton or a spelling with digits.
uint64_t AbjadSkeletonKey(std::u32string_view spelling);

// Calls `f(key)` for every key under which a dictionary token within one edit (or with the
// same skeleton or romanisation key) of `token` is stored: the token's variants and its
// spelling keys. For an abjad word (`abjad`), also the skeletons it may stand for.
template <typename F>
void ForEachQueryKey(std::u32string_view token, const SpellingKeys& keys, F&& f,
                     bool abjad = false) {
  f(KeyHash(HasVariantKeys(token) ? KeyKind::kVariant : KeyKind::kExact, token));
  ForEachDeletion(token, f);
  ForEachSpellingKey(keys, f);
  if (abjad) {
    const AbjadSkeletons skeletons = MakeAbjadSkeletons(token);
    for (size_t i = 0; i < skeletons.count; ++i) {
      if (skeletons.keys[i] != keys.skeleton) f(skeletons.keys[i]);
    }
  }
}

// Calls `f(key)` for every key a dictionary token is stored under; `keys` are
// MakeSpellingKeys(token).
template <typename F>
void ForEachIndexKey(std::u32string_view token, const SpellingKeys& keys, F&& f) {
  f(KeyHash(KeyKind::kExact, token));
  if (HasVariantKeys(token)) f(KeyHash(KeyKind::kVariant, token));
  ForEachDeletion(token, f);
  ForEachSpellingKey(keys, f);
  if (keys.skeleton == 0) {
    if (const uint64_t key = AbjadSkeletonKey(token); key != 0) f(key);  // a short skeleton
  }
}

// The most keys ForEachQueryKey produces.
inline constexpr size_t kMaxQueryKeys =
    1 + kMaxDeletionKeyLength + 1 + kReadings + kPatronymicReadings + 1 + kMaxAbjadSkeletons;

}  // namespace keruen::screening::internal

#endif  // KERUEN_SCREENING_MATCH_INTERNAL_TOKEN_KEYS_H_
