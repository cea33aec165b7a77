// Test helpers: names as the analyser would give them for plain Latin text, and an index over
// them, so index and query tests need no NameAnalyzer (nor ICU and the transliteration tables).
#ifndef KERUEN_SCREENING_MATCH_INTERNAL_TESTING_LATIN_NAMES_H_
#define KERUEN_SCREENING_MATCH_INTERNAL_TESTING_LATIN_NAMES_H_

#include <sstream>
#include <string>
#include <vector>

#include "keruen/screening/match/internal/name_index.h"

namespace keruen::screening::internal::testing {

// One "latin" form with the words of `text`; a one-letter word is an initial.
inline AnalyzedName LatinWords(const std::string& text) {
  AnalyzedName name;
  NameForm form;
  form.scheme = "latin";
  std::istringstream words(text);
  std::string word;
  while (words >> word) form.tokens.push_back({word, word.size() == 1, false});
  if (!form.tokens.empty()) name.forms.push_back(form);
  return name;
}

// An index of `names`, the i-th as organisation name i of entry 0.
inline NameIndex IndexOfLatinNames(const std::vector<std::string>& names) {
  NameIndexBuilder builder;
  for (size_t i = 0; i < names.size(); ++i) {
    builder.Add(static_cast<uint32_t>(i), 0, EntityType::kOrganization, LatinWords(names[i]));
  }
  return builder.Build();
}

}  // namespace keruen::screening::internal::testing

#endif  // KERUEN_SCREENING_MATCH_INTERNAL_TESTING_LATIN_NAMES_H_
