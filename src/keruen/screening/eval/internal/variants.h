// The ways a clerk writes a listed name differently, each a pure function of the name (and of a
// seeded random source where a choice is made), so a generated evaluation set is the same on
// every machine and every run.
#ifndef KERUEN_SCREENING_EVAL_INTERNAL_VARIANTS_H_
#define KERUEN_SCREENING_EVAL_INTERNAL_VARIANTS_H_

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace keruen::screening::eval::internal {

// A 64-bit hash of `parts` (joined with a separator) under `seed`. Used to order candidates and
// to seed per-item random sources, so that adding one list entry leaves every other entry's
// variants unchanged.
uint64_t KeyedHash(uint64_t seed, std::initializer_list<std::string_view> parts);

// SplitMix64: tiny, fast and, unlike the standard distributions, identical on every platform.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next();
  // Uniform in [0, n); n must be positive. The modulo bias (< n / 2^64) is irrelevant here.
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }

 private:
  uint64_t state_;
};

// One edit in one word of at least five ASCII letters: a letter substituted (by a different
// one), inserted or deleted, keeping the word's case. nullopt when no word is long enough.
std::optional<std::string> Typo(std::string_view name, Rng& rng);

// The same words in another order: "LAST, First Middle" -> "First Middle LAST"; otherwise the
// last word moves to the front ("Sergey AKSYONOV" -> "AKSYONOV Sergey"). nullopt for one word.
std::optional<std::string> SwapWordOrder(std::string_view name);

// Only the first given name and the surname: "Sergey Valeryevich AKSYONOV" -> "Sergey AKSYONOV",
// "AKSYONOV, Sergey Valeryevich" -> "AKSYONOV, Sergey". nullopt below three words.
std::optional<std::string> DropMiddleNames(std::string_view name);

// The legal form respelled, often in the other script, and sometimes moved to the other end
// ("LLC Stanki Optom" -> "Stanki Optom ООО"); a legal form added when the name has none.
std::string ChangeLegalForm(std::string_view name, Rng& rng);

// Whether a case-folded word belongs to a legal form ("llc", "ооо", "joint", "company"...): such
// words make two companies share a word without making them alike.
bool IsLegalFormWord(std::string_view folded_word);

}  // namespace keruen::screening::eval::internal

#endif  // KERUEN_SCREENING_EVAL_INTERNAL_VARIANTS_H_
