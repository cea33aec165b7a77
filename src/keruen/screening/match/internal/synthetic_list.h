// A large list for scale tests, made from realistic name parts: the words of the real lists'
// names and the first and last names of the 50,000 synthetic persons the evaluation uses as
// non-matches, recombined. Word frequencies follow their sources, so common words stay common
// and the index meets the same skew as on real lists, a hundred times larger.
#ifndef KERUEN_SCREENING_MATCH_INTERNAL_SYNTHETIC_LIST_H_
#define KERUEN_SCREENING_MATCH_INTERNAL_SYNTHETIC_LIST_H_

#include <cstdint>
#include <string>
#include <vector>

#include "keruen/core/error.h"
#include "keruen/screening/lists/list_entry.h"

namespace keruen::screening::internal {

struct NameParts {
  std::vector<std::string> first_names;  // one entry per occurrence, so frequent names repeat
  std::vector<std::string> last_names;
  std::vector<std::string> person_words;        // words of listed persons' names
  std::vector<std::string> organization_words;  // words of listed organisations' names
};

// First and last names from a CSV with columns first_name and last_name
// (eval/yente_candidate_generation/negatives_us.csv), words from `entries`' names.
Result<NameParts> CollectNameParts(const std::vector<ListEntry>& entries,
                                   const std::string& people_csv);

// `count` entries of list "synthetic", ids "syn-1"...: two thirds persons (first name, an
// occasional middle name, last name; some with a birth date), one third organisations (two or
// three listed words, sometimes a legal form); one entry in ten has an alias.
std::vector<ListEntry> MakeSyntheticList(const NameParts& parts, size_t count, uint64_t seed);

}  // namespace keruen::screening::internal

#endif  // KERUEN_SCREENING_MATCH_INTERNAL_SYNTHETIC_LIST_H_
