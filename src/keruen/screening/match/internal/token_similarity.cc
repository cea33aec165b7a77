#include "keruen/screening/match/internal/token_similarity.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "keruen/screening/match/internal/token_keys.h"
#include "keruen/screening/match/similarity.h"

namespace keruen::screening::internal {

uint64_t LetterMask(std::u32string_view token) {
  uint64_t mask = 0;
  for (char32_t c : token) mask |= uint64_t{1} << (c % 64);
  return mask;
}

TokenView MakeTokenView(std::u32string_view text) {
  return {text, MakeSpellingKeys(text), LetterMask(text), HasDigit(text)};
}

namespace {

// An upper bound of JaroWinklerSimilarity(a, b): letters of one token whose bit the other's
// mask lacks cannot be matched, and transpositions can only lower the score.
double JaroWinklerUpperBound(const TokenView& a, const TokenView& b) {
  size_t a_unmatched = 0, b_unmatched = 0;
  for (char32_t c : a.text) a_unmatched += (b.letters >> (c % 64) & 1) == 0;
  for (char32_t c : b.text) b_unmatched += (a.letters >> (c % 64) & 1) == 0;
  const double la = static_cast<double>(a.text.size());
  const double lb = static_cast<double>(b.text.size());
  const double common =
      std::min(la - static_cast<double>(a_unmatched), lb - static_cast<double>(b_unmatched));
  if (common <= 0) return 0.0;
  const double jaro = (common / la + common / lb + 1.0) / 3.0;
  size_t prefix = 0;
  while (prefix < 4 && prefix < a.text.size() && prefix < b.text.size() &&
         a.text[prefix] == b.text[prefix]) {
    ++prefix;
  }
  return jaro + static_cast<double>(prefix) * 0.1 * (1.0 - jaro);
}

// True when `a` becomes `b` by swapping two adjacent letters.
bool IsAdjacentTransposition(std::u32string_view a, std::u32string_view b) {
  if (a.size() != b.size()) return false;
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
         a.substr(i + 2) == b.substr(i + 2);
}

bool IsVowel(char32_t c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// True when `a` and `b` differ only in a final vowel, added, dropped or changed: "roberto" and
// "robert", "antonia" and "antonio", "ivanova" and "ivanov". Between two words the lists hold
// that is another person's name (a language's or a gender's form), not a misspelling.
bool DifferInFinalVowel(std::u32string_view a, std::u32string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() == a.size() + 1) return IsVowel(b.back()) && b.starts_with(a);
  return a.size() == b.size() && !a.empty() && IsVowel(a.back()) && IsVowel(b.back()) &&
         a.substr(0, a.size() - 1) == b.substr(0, b.size() - 1);
}

// The rules for words of at most kMaxShortWordLength letters (token_similarity.h): the same
// first letter, give or take a leading "y"; and, when the shorter word has fewer than
// kMaxShortWordLength letters, the same skeleton (of three letters or more) or two neighbours
// swapped ("olag" for "olga"). A consonant changed or a letter inserted or deleted makes
// another word ("aksu"/"aksh", a Kazakh town and an Albanian army; "alas"/"atlas"), unless it
// is a romanisation's digraph (the vowels romanisations add, "ilyas"/"iliyas", share a
// romanisation key and never get here). From five letters up a consonant may differ and a
// letter go missing, as in typos ("putin"/"puten", "scot" for "scott"), at the price of
// pairing "altai" with "altair".
bool ShortPairAllowed(std::u32string_view a, std::u32string_view b, bool same_skeleton) {
  auto initial = [](std::u32string_view t) { return t.size() > 1 && t[0] == 'y' ? t[1] : t[0]; };
  if (a[0] != b[0] && initial(a) != initial(b)) return false;
  return same_skeleton || IsAdjacentTransposition(a, b) ||
         std::min(a.size(), b.size()) >= kMaxShortWordLength;
}

bool IsVowelOrY(char32_t c) { return IsVowel(c) || c == 'y'; }

// Whether `token` has a vowel: one without is an abbreviation ("srk", "npc", "vtb").
bool HasVowel(std::u32string_view token) {
  return std::any_of(token.begin(), token.end(), IsVowelOrY);
}

// TokenSimilarity for tokens that are neither equal nor romanisations of one word.
double SpellingSimilarity(const TokenView& a, const TokenView& b) {
  // The cheap conditions first: most pairs a lookup or a brute force meets fail them.
  // An abbreviation is all skeleton: "srk" would share "sark"'s and "sirok"'s. It pairs by
  // skeleton only with another abbreviation.
  const bool same_skeleton = a.keys.SameSkeleton(b.keys) && HasVowel(a.text) == HasVowel(b.text);
  if (a.in_dictionary || b.in_dictionary) {
    if (!same_skeleton || DifferInFinalVowel(a.text, b.text)) return 0.0;
  }
  const size_t shorter = std::min(a.text.size(), b.text.size());
  const size_t longer = std::max(a.text.size(), b.text.size());
  const bool one_edit_possible =
      shorter >= kMinFuzzyLength && longer <= kMaxDeletionKeyLength && longer - shorter <= 1;
  if (!same_skeleton && !one_edit_possible) return 0.0;
  if (shorter <= kMaxShortWordLength && !ShortPairAllowed(a.text, b.text, same_skeleton)) {
    return 0.0;
  }
  if (JaroWinklerUpperBound(a, b) < kMinTokenSimilarity) return 0.0;
  const double similarity = JaroWinklerSimilarity(a.text, b.text);
  if (similarity < kMinTokenSimilarity) return 0.0;
  if (same_skeleton || BoundedLevenshtein(a.text, b.text, 1) <= 1) return similarity;
  return IsAdjacentTransposition(a.text, b.text) ? similarity : 0.0;
}

// The length of the consonant (or consonant digraph) a Latin word has at `i`: the digraphs
// romanisations write for one sound, and a doubled letter (Arabic writes a doubled consonant
// once).
size_t LatinConsonantLength(std::u32string_view text, size_t i) {
  const char32_t c = text[i];
  const char32_t next = i + 1 < text.size() ? text[i + 1] : 0;
  if (next == 'h' && (c == 'k' || c == 's' || c == 'c' || c == 'z' || c == 'g' || c == 't' ||
                      c == 'd' || c == 'p')) {
    return 2;
  }
  return next == c ? 2 : 1;
}

// Whether an abjad letter's consonant `reading` (ReadAbjadLetter) may be written as the Latin
// consonant `latin` (as LatinConsonantLength spans it): the letters Skeleton writes alike, but
// for "w", which only the abjad's "w" (also v) writes: "fdl" is not "woodall".
bool SameConsonant(std::u32string_view reading, std::u32string_view latin) {
  auto base = [](std::u32string_view s) -> std::u32string_view {
    if (s.size() == 2 && s[0] == s[1]) s = s.substr(0, 1);
    if (s == U"kh") return U"h";  // Skeleton's "kh"/"h": "khaled", "haled"
    if (s == U"gh") return U"g";
    if (s == U"ph") return U"f";
    if (s == U"c" || s == U"q" || s == U"ck") return U"k";
    return s;
  };
  const std::u32string_view l = base(latin);
  if (reading == U"w") return l == U"w" || l == U"v";
  return l != U"w" && base(reading) == l;
}

// Whether the vowelless `abjad` can be read as the Latin `latin`, letter by letter: each
// written consonant as a Latin consonant (SameConsonant, the readings MakeAbjadSkeletons
// lists), each "a" (alif, a long a) as Latin vowels with an a, e or o, each "w" and "y" as a
// consonant ("v" or "w", "y") or as Latin vowels with an u or o, an i, e or y (a long u or i),
// each "e" (ع, א, ע: NameToken::abjad) as Latin vowels or, but first, as nothing, a final "h"
// also as nothing or t; Latin vowels after a written letter are the short vowels the script
// leaves out, but for a final i, o or u, which it writes. So "hsn" is "hasan" and "hassan"
// but "hsyn" not "hasan", "ahsan" not "hasan" (its alif is a vowel before the h), "hmydy"
// not "ahmad", "nsr" (Nasser) neither "ansari" nor "nasri"; "ezh" (عزة) is "izzat".
bool AbjadReads(std::u32string_view abjad, std::u32string_view latin) {
  const size_t na = abjad.size(), nl = latin.size();
  // reach[i * (nl + 1) + j]: the first i abjad letters read as the first j Latin letters.
  thread_local std::vector<char> reach;
  reach.assign((na + 1) * (nl + 1), 0);
  auto at = [&](size_t i, size_t j) -> char& { return reach[i * (nl + 1) + j]; };
  at(0, 0) = 1;
  for (size_t i = 0; i <= na; ++i) {
    for (size_t j = 0; j <= nl; ++j) {
      if (!at(i, j)) continue;
      // An unwritten short vowel, after a written letter: a word that begins with a vowel
      // begins with a letter that writes it, and one that ends with i, o or u ends with the
      // letter that writes it ("nsr" is not "nasri").
      if (i > 0 && j < nl && IsVowelOrY(latin[j]) &&
          (i < na || latin[j] == 'a' || latin[j] == 'e')) {
        at(i, j + 1) = 1;
      }
      if (i == na) continue;
      const char32_t c = abjad[i];
      if (c == 'e') {
        // ع, א or ע (the analyser's "e"): Latin vowels of any kind, or none but at the start.
        if (i > 0) at(i + 1, j) = 1;
        for (size_t k = j; k < nl && IsVowelOrY(latin[k]); ++k) at(i + 1, k + 1) = 1;
        continue;
      }
      if (c == 'a' || c == 'w' || c == 'y') {
        // A long vowel: Latin vowels, among them the one the letter writes (any vowel for an
        // alif that begins the word, as in "ibrahim", "ehsan").
        bool written = false;
        for (size_t k = j; k < nl && IsVowelOrY(latin[k]); ++k) {
          const char32_t v = latin[k];
          written = written || (c == 'a' && (i == 0 || v == 'a' || v == 'e' || v == 'o')) ||
                    (c == 'w' && (v == 'u' || v == 'o')) ||
                    (c == 'y' && (v == 'i' || v == 'e' || v == 'y'));
          if (written) at(i + 1, k + 1) = 1;
        }
        if (c == 'a') continue;
      }
      // The letter's consonant readings, or nothing (a final "h"), against the next Latin
      // consonant, as a digraph or a doubled letter or alone ("zh" may be z and h).
      const AbjadLetter letter = ReadAbjadLetter(abjad, i);
      const size_t ll =
          j < nl && !(IsVowelOrY(latin[j]) && latin[j] != 'y') ? LatinConsonantLength(latin, j) : 0;
      for (size_t r = 0; r < letter.count; ++r) {
        const std::u32string_view reading = letter.readings[r];
        if (reading.empty()) {
          at(i + letter.length, j) = 1;
          continue;
        }
        if (IsVowel(reading[0])) continue;  // the long vowel above
        for (const size_t length : {ll, size_t{1}}) {
          if (length > 0 && j + length <= nl && SameConsonant(reading, latin.substr(j, length))) {
            at(i + letter.length, j + length) = 1;
          }
        }
      }
    }
  }
  return at(na, nl) != 0;
}

// kAbjadSimilarity when the Latin `latin` has a vowel, a skeleton `abjad` may stand for,
// and `abjad` reads as it letter by letter (AbjadReads); else 0. The skeletons of the last
// abjad word asked about are remembered: a query's word is compared with many tokens in a row.
double AbjadSimilarity(const TokenView& abjad, const TokenView& latin) {
  if (!HasVowel(latin.text) || abjad.text.size() > kMaxAbjadLength ||
      latin.text.size() > kMaxAbjadLength) {
    return 0.0;
  }
  thread_local std::u32string last_text;
  thread_local AbjadSkeletons last_skeletons;
  if (abjad.text != last_text) {
    last_text = abjad.text;
    last_skeletons = MakeAbjadSkeletons(abjad.text);
  }
  // A Latin word without a skeleton key may have a short one, worth working out only when
  // the abjad word has one too.
  const uint64_t key = latin.keys.skeleton != 0   ? latin.keys.skeleton
                       : last_skeletons.has_short ? AbjadSkeletonKey(latin.text)
                                                  : 0;
  if (!last_skeletons.Contains(key)) return 0.0;
  return AbjadReads(abjad.text, latin.text) ? kAbjadSimilarity : 0.0;
}

double LatinSimilarity(const TokenView& a, const TokenView& b) {
  if (a.keys.SameRomanisation(b.keys)) {
    return std::max(kRomanisationSimilarity, JaroWinklerSimilarity(a.text, b.text));
  }
  const double similarity = SpellingSimilarity(a, b);
  return a.keys.SamePatronymic(b.keys) ? std::max(similarity, kPatronymicSimilarity) : similarity;
}

}  // namespace

double TokenSimilarity(const TokenView& a, const TokenView& b) {
  if (a.text == b.text) return a.text.empty() ? 0.0 : 1.0;
  if (a.has_digit || b.has_digit) return 0.0;
  const double similarity = LatinSimilarity(a, b);
  return a.abjad && !b.abjad ? std::max(similarity, AbjadSimilarity(a, b)) : similarity;
}

}  // namespace keruen::screening::internal
