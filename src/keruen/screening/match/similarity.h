// String similarity on Unicode code points, the two measures the matcher compares name tokens
// with.
//
// Both work on code points rather than bytes so that a Cyrillic or accented letter counts as
// one letter, exactly like in the reference implementation analysts know (python jellyfish):
// the tests compare every result against it. Inputs are already-analysed tokens, so no
// normalisation happens here.
#ifndef KERUEN_SCREENING_MATCH_SIMILARITY_H_
#define KERUEN_SCREENING_MATCH_SIMILARITY_H_

#include <string>
#include <string_view>

namespace keruen::screening {

// Jaro similarity in [0, 1]; 0 when either string is empty (also when both are).
double JaroSimilarity(std::u32string_view a, std::u32string_view b);

// Jaro-Winkler similarity in [0, 1] with the standard parameters: when the Jaro similarity
// exceeds 0.7, it is raised by 0.1 per common leading code point, counting at most 4. Equals
// jellyfish.jaro_winkler_similarity(a, b) (without long_tolerance). Name spellings diverge
// more at the end than at the start, which is why the prefix is rewarded.
double JaroWinklerSimilarity(std::u32string_view a, std::u32string_view b);

// The Levenshtein distance (insertions, deletions, substitutions of code points) when it is at
// most `bound`, otherwise any value greater than `bound`. Work is limited to the diagonal band
// of width 2 * bound + 1 and stops as soon as the bound cannot be met, so asking "within 2
// edits?" of two long tokens costs a few dozen steps. `bound` < 0 is treated as 0.
int BoundedLevenshtein(std::u32string_view a, std::u32string_view b, int bound);

// The exact Levenshtein distance (jellyfish.levenshtein_distance).
int LevenshteinDistance(std::u32string_view a, std::u32string_view b);

}  // namespace keruen::screening

#endif  // KERUEN_SCREENING_MATCH_SIMILARITY_H_
