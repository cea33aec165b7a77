// Dates as sanctions lists print them, turned into the partial ISO dates ListEntry keeps.
//
// Lists write birth dates every way there is: "10 Dec 1948", "circa 1951", "1960 to 1962",
// "16.6.1938", "(a) 1.5.1972, (b) 16.9.1973", "Between 1977 and 1982", "Nov. 1973". The
// matcher only compares years, months and days, so everything is reduced to "YYYY",
// "YYYY-MM" or "YYYY-MM-DD" and the wording ("circa", "or") is dropped.
#ifndef KERUEN_SCREENING_LISTS_INTERNAL_DATES_H_
#define KERUEN_SCREENING_LISTS_INTERNAL_DATES_H_

#include <string>
#include <string_view>
#include <vector>

namespace keruen::screening::lists_internal {

// True for "YYYY", "YYYY-MM" or "YYYY-MM-DD" naming a real calendar day or month.
bool IsPartialIsoDate(std::string_view s);

// Every date `text` mentions, in order, without repeats. A year range ("1960 to 1962",
// "between 1977 and 1982") gives each year when it spans at most ten, else its two ends.
// Years outside 1800-2100 are ignored (Hijri years, numbers that are not dates).
std::vector<std::string> ExtractDates(std::string_view text);

}  // namespace keruen::screening::lists_internal

#endif  // KERUEN_SCREENING_LISTS_INTERNAL_DATES_H_
