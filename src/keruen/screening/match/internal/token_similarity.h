// When two name tokens count as the same word, and how similar they are.
//
// Two spellings of one Cyrillic word in different romanisation schemes (the same
// romanisation key, token_keys.h) are the same word, at least kRomanisationSimilarity
// similar, whatever the edit distance: "yurii" and "yury", "nikolaevič" and "nikolayevich".
//
// Two patronymics of one name (the same patronymic stem, token_keys.h) are at least
// kPatronymicSimilarity similar, whatever their gender or language: "nikolaevich" and
// "nikolaevna", "andreevich" and "andriyovych", "pavlovitj" and "pavlovich". The female
// patronymic of a man's father's name is not his, but it is the same name: lists and
// declarations confuse the two, and the other words of a name tell the persons apart.
//
// Jaro-Winkler alone is too generous for names: it scores "ivanov" and "ivashov" 0.92 on the
// strength of the shared prefix. A pair therefore also has to be close in one of two ways:
// - one edit (a letter substituted, inserted or deleted, or two neighbours swapped: "atrem"
//   for "artem"), which keeps typos;
// - the same consonant skeleton (token_keys.h), which keeps romanisation variants that are
//   several edits apart ("aleksandr"/"alexander", "hussein"/"husain").
// Edits do not relate words of fewer than four letters: "li" and "lin", "jia" and "jian",
// "al" and "ali" are different names. A short word (kMaxShortWordLength letters or fewer on
// one side) is one edit away from many other words, and a one-word company name rests on it
// alone, so such a pair also needs
// - the same first letter ("arman"/"raman", "ulan"/"mulan", "olga"/"volga" are other names),
//   a leading "y" aside ("elena"/"yelena", "egor"/"yegor": the romanisations of "е");
// - when the shorter word has four letters or fewer, the same consonant skeleton or two
//   neighbours swapped ("olag"): a consonant changed or a letter inserted makes another word
//   ("aksu"/"aksh", "alas"/"atlas", "john"/"johan"). From five letters a consonant may differ
//   or a letter be missing, as in typos ("putin"/"puten", "scot"/"scott"), so "altai"/"altair"
//   pair.
// A word without a vowel is an abbreviation ("srk", "vtb"): it shares a skeleton with many
// words ("sark", "sirok") and pairs by skeleton only with another abbreviation.
// Tokens with digits must be equal: "7" and "8" in "Plant No. 7" are different plants.
//
// A query word the lists themselves hold (TokenView::in_dictionary) is taken for that word,
// not for a typo of another: "ronald" does not pair with "donald", "mary" with "mark", "johan"
// with "john", "steven" with "steve". Such a word pairs only with its romanisation variants and
// with words of its skeleton ("aleksandr" with "alexander", "muhammad" with "mohammed") that
// are more than another final vowel ("roberto" is not "robert", "antonia" not "antonio").
//
// A query's abjad word (romanised from Arabic or Hebrew script, TokenView::abjad) also pairs
// with a Latin word that has a vowel, one of the consonant skeletons the abjad word may stand
// for (MakeAbjadSkeletons) and the abjad word's letters in their places (its long vowels as
// vowels: "bwtyn"/"putin", "fladymyr"/"vladimir", "mhmwd"/"mahmoud", "dwd"/"david", not
// "hsyn"/"hasan"), at kAbjadSimilarity. The script does not write short vowels, so such a pair
// says less than a Latin one: "mhmd" is "muhammad", "mohamed" and "mahmud" alike; the name's
// other words tell them apart. Only that way round: a Latin query word is not compared with
// the vowelless romanisation of a listed Arabic alias ("curbelo" with "krbla", Karbala), which
// the lists also give in Latin letters.
//
// These are exactly the pairs the index's lookup keys find (token_keys.h), which is what lets
// the index find every dictionary word a query word resembles.
#ifndef KERUEN_SCREENING_MATCH_INTERNAL_TOKEN_SIMILARITY_H_
#define KERUEN_SCREENING_MATCH_INTERNAL_TOKEN_SIMILARITY_H_

#include <cstdint>
#include <string_view>

#include "keruen/screening/match/internal/token_keys.h"

namespace keruen::screening::internal {

// Below this Jaro-Winkler similarity two tokens are different words.
inline constexpr double kMinTokenSimilarity = 0.85;
// The least similarity of two romanisations of one word (a romanisation key in common).
inline constexpr double kRomanisationSimilarity = 0.95;
// The least similarity of two patronymics of one name.
inline constexpr double kPatronymicSimilarity = 0.9;
// The similarity of an abjad word and a Latin word of one of its skeletons.
inline constexpr double kAbjadSimilarity = 0.9;
// Longer words are not read letter by letter (no name has such words; it bounds the work).
inline constexpr size_t kMaxAbjadLength = 40;
// Shorter words match only when equal (or of the same skeleton).
inline constexpr size_t kMinFuzzyLength = 4;
// Pairs whose shorter word is at most this long follow the short-word rules above.
inline constexpr size_t kMaxShortWordLength = 5;

// A token with what the comparison needs precomputed.
struct TokenView {
  std::u32string_view text;
  SpellingKeys keys;     // MakeSpellingKeys(text)
  uint64_t letters = 0;  // LetterMask(text)
  bool has_digit = false;
  // A query word spelled exactly like a dictionary token (set by PrepareName).
  bool in_dictionary = false;
  // A word romanised from an abjad (NameToken::abjad; set by PrepareName).
  bool abjad = false;
};

// Bit (c mod 64) set for every code point c of the token. Two tokens can only have as many
// letters in common as one's letters whose bits the other has, which bounds Jaro-Winkler
// from above in a few steps: most pairs of a brute-force search are rejected that way.
uint64_t LetterMask(std::u32string_view token);
// A TokenView of `text` with the precomputed fields filled in (`in_dictionary` false).
TokenView MakeTokenView(std::u32string_view text);

// The Jaro-Winkler similarity of query word `a` and listed word `b` when they pass the rules
// above, else 0. 1 exactly when the tokens are equal. Symmetric but for abjad words.
double TokenSimilarity(const TokenView& a, const TokenView& b);

}  // namespace keruen::screening::internal

#endif  // KERUEN_SCREENING_MATCH_INTERNAL_TOKEN_SIMILARITY_H_
