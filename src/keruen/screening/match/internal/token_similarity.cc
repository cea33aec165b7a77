#include "keruen/screening/match/internal/token_similarity.h"

#include <algorithm>
#include <utility>

#include "keruen/screening/match/internal/token_keys.h"
#include "keruen/screening/match/similarity.h"

namespace keruen::screening::internal {

bool HasDigit(std::u32string_view token) {
  return std::any_of(token.begin(), token.end(), [](char32_t c) { return c >= '0' && c <= '9'; });
}

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

// Whether `token` has a vowel: one without is an abbreviation ("srk", "npc", "vtb").
bool HasVowel(std::u32string_view token) {
  return std::any_of(token.begin(), token.end(), [](char32_t c) { return IsVowel(c) || c == 'y'; });
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

}  // namespace

double TokenSimilarity(const TokenView& a, const TokenView& b) {
  if (a.text == b.text) return a.text.empty() ? 0.0 : 1.0;
  if (a.has_digit || b.has_digit) return 0.0;
  if (a.keys.SameRomanisation(b.keys)) {
    return std::max(kRomanisationSimilarity, JaroWinklerSimilarity(a.text, b.text));
  }
  const double similarity = SpellingSimilarity(a, b);
  return a.keys.SamePatronymic(b.keys) ? std::max(similarity, kPatronymicSimilarity) : similarity;
}

}  // namespace keruen::screening::internal
