// Letter-level helpers the evaluation uses to classify and vary names: case folding, the script
// a name is written in, and its words. Kept apart from text/ on purpose: the evaluation must
// label its pairs without the analysis it is measuring.
#ifndef KERUEN_SCREENING_EVAL_INTERNAL_NAME_TEXT_H_
#define KERUEN_SCREENING_EVAL_INTERNAL_NAME_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace keruen::screening::eval::internal {

// Unicode simple case folding, code point by code point ("АКСЁНОВ" -> "аксёнов").
std::string FoldCase(std::string_view s);

// The script of the letters in `s`: "latin", "cyrillic", "none" (no letters), "mixed" (Latin
// and Cyrillic words together; a stray look-alike letter does not count) or "other" (any other
// script, alone or mixed).
std::string_view ScriptOf(std::string_view s);

// The category of a pair by the scripts of its two names, order-insensitive: "latin-latin",
// "cyrillic-latin", "cyrillic-cyrillic", else "other-script". Cyrillic against Latin is the
// case Kazakh screening lives on, so it gets its own category and recall goal.
std::string ScriptPairCategory(std::string_view a, std::string_view b);

// Words separated by white space, commas and semicolons, as written ("PUTIN, Vladimir" ->
// "PUTIN", "Vladimir").
std::vector<std::string_view> Words(std::string_view s);

// Runs of letters and digits, case-folded ("Zelenodolsk Design Bureau, JSC" -> "zelenodolsk",
// "design", "bureau", "jsc"): what two names "share" when one asks whether they share a word.
std::vector<std::string> FoldedLetterRuns(std::string_view s);

}  // namespace keruen::screening::eval::internal

#endif  // KERUEN_SCREENING_EVAL_INTERNAL_NAME_TEXT_H_
