// What OFAC's legacy CSV hides in its Remarks column.
//
// The legacy sdn.csv has no columns for birth dates, nationality or identifiers; they are
// written into Remarks as "; "-separated phrases: "DOB 28 Sep 1973; nationality Russia;
// Gender Male; Tax ID No. 773407989940 (Russia); a.k.a. 'BNC'." The weak aliases ("a.k.a."
// inside Remarks; the strong ones are in alt.csv) live there too. This turns those phrases
// into ListEntry fields; phrases it does not know stay only in `remarks`.
#ifndef KERUEN_SCREENING_LISTS_INTERNAL_OFAC_REMARKS_H_
#define KERUEN_SCREENING_LISTS_INTERNAL_OFAC_REMARKS_H_

#include <string_view>

#include "keruen/screening/lists/internal/country_names.h"
#include "keruen/screening/lists/list_entry.h"

namespace keruen::screening::lists_internal {

// Adds what `remarks` states to `entry`: weak aliases, birth dates, nationality and
// citizenship countries, gender, and identifiers (tax, registration, passport, national id,
// IMO, MMSI, SWIFT/BIC, LEI). `entry.type` must be set already: it decides whether a
// Kazakh 12-digit number is a BIN (organisations) or an IIN (people).
void ParseOfacRemarks(std::string_view remarks, CountryResolver& countries, ListEntry& entry);

}  // namespace keruen::screening::lists_internal

#endif  // KERUEN_SCREENING_LISTS_INTERNAL_OFAC_REMARKS_H_
