// Deterministic misspellings of listed names, for the matcher's recall test and benchmark:
// what a clerk typing a name from a passport or an invoice produces. (The evaluation in
// screening/eval/ has a richer generator; the matcher cannot depend on it, eval depends on
// the matcher.)
#ifndef KERUEN_SCREENING_MATCH_INTERNAL_QUERY_VARIANTS_H_
#define KERUEN_SCREENING_MATCH_INTERNAL_QUERY_VARIANTS_H_

#include <optional>
#include <random>
#include <string>
#include <string_view>

namespace keruen::screening::internal {

enum class Variation {
  kTypo,      // one letter substituted, deleted, inserted or two swapped, in a word of 4+
  kSwap,      // the last word moved to the front
  kDrop,      // a middle word left out (names of three words or more)
  kCyrillic,  // a Latin name of Russian origin written back in Cyrillic
};
inline constexpr Variation kAllVariations[] = {Variation::kTypo, Variation::kSwap, Variation::kDrop,
                                               Variation::kCyrillic};

// The variant of `name`, or nullopt when the name does not allow it (a one-word name cannot be
// swapped). Choices come from `rng`, so a seeded generator repeats the same variants.
std::optional<std::string> MakeVariant(std::string_view name, Variation variation,
                                       std::mt19937_64& rng);

// Lower-case Cyrillic for a romanised Russian name, undoing BGN/PCGN-style romanisation
// ("SHCHERBAKOV, Aleksandr" -> "щербаков, александр"). Punctuation and digits are kept.
std::string LatinToCyrillic(std::string_view name);

}  // namespace keruen::screening::internal

#endif  // KERUEN_SCREENING_MATCH_INTERNAL_QUERY_VARIANTS_H_
