// ListEntry as JSON, the form in which the store keeps snapshot entries and the API returns
// them, and over which the snapshot content hash is taken.
//
// The form is compact and canonical: keys in a fixed order, empty fields and false flags
// left out, so one entry always serialises to the same bytes.
//
//   {"list":"un","id":"KPi.033","type":"person",
//    "names":[{"full":"Kim Yong Chol","primary":true},{"full":"Kim Young-Cheol","weak":true}],
//    "identifiers":[{"scheme":"passport","value":"472310082","country":"KP"}],
//    "countries":["KP"],"birth_dates":["1946"],"programs":["DPRK"],
//    "listed_on":"2016-03-02","remarks":"...","gender":"male"}
#ifndef KERUEN_SCREENING_LISTS_LIST_ENTRY_JSON_H_
#define KERUEN_SCREENING_LISTS_LIST_ENTRY_JSON_H_

#include <string>
#include <string_view>

#include "keruen/core/error.h"
#include "keruen/core/json_writer.h"
#include "keruen/screening/lists/list_entry.h"

namespace keruen::screening {

// Writes `entry` as one JSON object (the writer may be inside an array or after a key).
void AppendJson(JsonWriter& writer, const ListEntry& entry);

// The entry as a standalone JSON document.
std::string ListEntryToJson(const ListEntry& entry);

// Parses what AppendJson wrote: ParseListEntryJson(ListEntryToJson(e)) == e. Requires
// "list", "id", "type" and at least one name; unknown keys are ignored. Errors name the
// field path ("names[2].full: expected a string").
Result<ListEntry> ParseListEntryJson(std::string_view json);

}  // namespace keruen::screening

#endif  // KERUEN_SCREENING_LISTS_LIST_ENTRY_JSON_H_
