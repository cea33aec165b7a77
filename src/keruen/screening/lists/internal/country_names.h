// Country names as sanctions lists write them, to ISO 3166 alpha-2 codes.
//
// Only OpenSanctions and the UK tables give codes; OFAC, the UN and the EU write names, each
// its own way: "Russian Federation", "Korea, North", "Iran (Islamic Republic of)", and the
// EU mostly demonyms in prose ("(a) German, (b) Moroccan", "Ukrainian, Russian (...)").
// The table is ICU's English names of every region plus the list spellings and demonyms
// ICU does not know. Free text is matched word by word, longest name first, so "Guinea-
// Bissau" is not read as Guinea and "Democratic Republic of the Congo" not as Congo.
#ifndef KERUEN_SCREENING_LISTS_INTERNAL_COUNTRY_NAMES_H_
#define KERUEN_SCREENING_LISTS_INTERNAL_COUNTRY_NAMES_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "keruen/screening/lists/import.h"

namespace keruen::screening::lists_internal {

class CountryNames {
 public:
  // The table, built on first use; immutable afterwards and safe to share between threads.
  static const CountryNames& Get();

  // Every country `text` names, in order and without repeats. Empty when none is known.
  std::vector<std::string> FindAll(std::string_view text) const;

 private:
  CountryNames();
  void Add(std::string_view name, std::string_view code);

  // Key: the name's words, folded (lower case, no accents, "st" -> "saint"), joined by one
  // space. Value: the code, or "" for names that are known not to have one ("USSR"), which
  // keeps their words from matching something else.
  std::unordered_map<std::string, std::string> by_key_;
  size_t max_words_ = 1;
};

// One import's view of the table: remembers answers (lists repeat the same few hundred
// values thousands of times) and counts values nothing was found for into `stats`.
class CountryResolver {
 public:
  explicit CountryResolver(ImportStats* stats) : stats_(stats) {}

  // Appends the codes `text` names to `out`, skipping codes already there.
  void Resolve(std::string_view text, std::vector<std::string>& out);
  // The first code `text` names, or "".
  std::string ResolveFirst(std::string_view text);

 private:
  const std::vector<std::string>& Lookup(std::string_view text);

  ImportStats* stats_;
  std::unordered_map<std::string, std::vector<std::string>> cache_;
};

}  // namespace keruen::screening::lists_internal

#endif  // KERUEN_SCREENING_LISTS_INTERNAL_COUNTRY_NAMES_H_
