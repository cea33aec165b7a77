// A labelled pair set generated from real list entries: the ways a declaration, a payment or a
// clerk writes a listed name differently (other transliterations, typos, word order, dropped
// patronymics, legal forms in the other script), and pairs of different entries that must not
// match. Public sets have few Kazakh and Russian company names; this one is built from the lists
// Keruen actually screens against.
//
// Deterministic: the same entries and seed give the same pairs on every machine, in the same
// order, whatever order the entries come in; each entry's variants depend only on the seed and
// the entry, so a list update changes only the pairs of entries that changed.
#ifndef KERUEN_SCREENING_EVAL_LIST_VARIANTS_H_
#define KERUEN_SCREENING_EVAL_LIST_VARIANTS_H_

#include <cstdint>
#include <span>
#include <string_view>

#include "keruen/core/error.h"
#include "keruen/screening/eval/pair_datasets.h"
#include "keruen/screening/lists/list_entry.h"
#include "keruen/screening/text/name_analyzer.h"

namespace keruen::screening::eval {

inline constexpr std::string_view kListVariantsDataset = "list-variants";

// Categories of the generated pairs. Each positive pairs a variant with the entry's Latin name
// (its first primary Latin name, else its first Latin name); a Cyrillic name and its
// spellings with the Latin name that writes it (the closest to its plain BGN romanisation),
// and with none when no Latin name comes close. Names holding two spellings are split first:
// "A / B" into A and B, "Latin (Cyrillic)" into its two scripts.
// Positives:
// Persons: a Cyrillic name of the entry (EU aliases, UN originals) against its Latin name.
// One-word Cyrillic aliases of persons are left out: they are noms de guerre ("Хмурый").
inline constexpr std::string_view kCrossScript = "cross-script";
// Persons: a Cyrillic name in another transliteration scheme (NameAnalyzer::Transliterate).
inline constexpr std::string_view kTranslit = "translit";
// The same two for organisations, vessels and the rest, reported apart: their Cyrillic names
// are often translations ("Фонд Перспективных Исследований" for "Foundation for Advanced
// Studies") that no name matcher can pair, and would hide the persons' recall.
inline constexpr std::string_view kCrossScriptOrg = "cross-script-org";
inline constexpr std::string_view kTranslitOrg = "translit-org";
// Persons: an Arabic, Chinese, Korean... name of the entry against its Latin name.
inline constexpr std::string_view kOtherScript = "other-script";
inline constexpr std::string_view kTypo = "typo";  // one edit in a word of >= 5 letters
inline constexpr std::string_view kSwap = "swap";  // persons: word order changed
inline constexpr std::string_view kDropMiddle = "drop-middle";  // persons: first + last only
// Organisations: "LLC" -> "ООО", "ТОО" -> "LLP", moved to the other end, or added; applied to
// the Latin name or to a Cyrillic one (the pair is then variant against that Cyrillic name).
inline constexpr std::string_view kLegalForm = "legal-form";
// Negatives:
// Two entries of the same list and type whose Latin names share a word (not a legal form),
// neither name's words a subset of the other's: what screening must tell apart.
inline constexpr std::string_view kHardNegative = "hard-negative";
// Two entries whose names share no word but legal forms.
inline constexpr std::string_view kRandomNegative = "random-negative";

struct ListVariantOptions {
  uint64_t seed = 1;
  // Per category, so that the many persons' typos do not drown the few Cyrillic companies.
  size_t max_pairs_per_category = 1000;
  // Other Latin spellings per Cyrillic name (one per scheme at most).
  size_t spellings_per_name = 2;
};

// `analyzer` provides the transliteration schemes. Fails only if a scheme it lists fails.
Result<PairDataset> GenerateListVariants(std::span<const ListEntry> entries,
                                         const NameAnalyzer& analyzer,
                                         const ListVariantOptions& options = {});

}  // namespace keruen::screening::eval

#endif  // KERUEN_SCREENING_EVAL_LIST_VARIANTS_H_
