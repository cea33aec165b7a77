// Which words of a name are patronymics, the part lists and clerks most often leave out.
//
// Two kinds:
// - Slavic and attached Turkic ones: "Vladimirovich", "Ivanovna", "Volodymyrovych", "Ilyich",
//   "Abishuly", "Aliyevna"... recognised by their ending with at least three letters before
//   it. Surnames share these endings ("Abramovich", "Shushkevich", "Friedrich"), so one is
//   flagged only in a name of three or more words (initials not counted), never as the
//   first word (where Russian word order puts the surname), and only the first candidate:
//   "Abramovich Roman Arkadyevich" flags "Arkadyevich", "Roman Arkadyevich Abramovich"
//   flags "Arkadyevich". A Latin "-ich" after "r" or "w" (Heinrich, Greenwich) is not one.
// - Turkic particles written apart: "Abish uly", "Heydar oglu", "Ахмед кызы" flag the
//   particle and the father's name before it.
#ifndef KERUEN_SCREENING_TEXT_INTERNAL_PATRONYMICS_H_
#define KERUEN_SCREENING_TEXT_INTERNAL_PATRONYMICS_H_

#include <string_view>
#include <vector>

#include "keruen/screening/text/name_analyzer.h"

namespace keruen::screening::text_internal {

// `keys` are the words of a name (Latin folded to ASCII, Cyrillic lower case as written);
// `words` holds one token per key, `initial` set for the initials and `patronymic` clear.
// Sets `patronymic` for the patronymics (only the flags are read: texts may be empty).
void FindPatronymics(const std::vector<std::string_view>& keys, std::vector<NameToken>& words);

}  // namespace keruen::screening::text_internal

#endif  // KERUEN_SCREENING_TEXT_INTERNAL_PATRONYMICS_H_
