// Registry numbers written as prose: "INN: 9731115927 OGRN: 1237700391774",
// "Russia TIN- 3528000597", "6441013942 / 644101001", "7735043966 (Tax ID/INN)",
// "(УНН/ИНН): 190950894 (Belarus), 7704734000/770301001 (Russia)".
//
// The UK's business registration numbers and the EU annexes' tax and registration cells
// look like that. Exact identifier matching needs each number on its own, with the register
// it belongs to; this finds the numbers, and takes the register from the label next to a
// number when its length fits that register, else from the cell's column and the country.
#ifndef KERUEN_SCREENING_LISTS_INTERNAL_IDENTIFIER_TEXT_H_
#define KERUEN_SCREENING_LISTS_INTERNAL_IDENTIFIER_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

#include "keruen/screening/lists/list_entry.h"

namespace keruen::screening::lists_internal {

// Every number in `text`. `scheme` is what the column says the numbers are ("registration",
// "tax", "inn", ...); `country` (ISO alpha-2 or "") is where the subject is registered, used
// to tell Russian INN/OGRN/KPP/OKPO and Kazakh BIN/IIN apart by length when no label does.
// Digit groups separated by single spaces in threes ("1 121 402 000 213") are one number.
std::vector<ListIdentifier> ExtractRegistryNumbers(std::string_view text, std::string_view scheme,
                                                   std::string_view country, EntityType type);

}  // namespace keruen::screening::lists_internal

#endif  // KERUEN_SCREENING_LISTS_INTERNAL_IDENTIFIER_TEXT_H_
