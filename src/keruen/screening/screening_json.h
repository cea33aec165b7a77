// Screening queries and results as JSON: the body of POST /api/v1/screen, the lines of
// `keruen screen --batch`, and what both answer. One codec, so the CLI and the API accept and
// print exactly the same shapes.
//
// A query:  {"name": "ООО Ромашка", "country": "RU", "birth_date": "1970-05",
//            "type": "organization", "identifiers": [{"scheme": "inn", "value": "7701..."}]}
// Only "name" or one identifier is required. A request is one query or
// {"queries": [query, ...]} with at most kMaxQueriesPerRequest of them.
#ifndef KERUEN_SCREENING_SCREENING_JSON_H_
#define KERUEN_SCREENING_SCREENING_JSON_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "keruen/core/error.h"
#include "keruen/core/json_writer.h"
#include "keruen/screening/match/screener.h"

namespace keruen::screening {

inline constexpr size_t kMaxQueriesPerRequest = 1000;

// One query object. Errors name the field ("identifiers[0].scheme: ...").
Result<ScreeningQuery> ParseScreeningQueryJson(std::string_view json);
// One query, or {"queries": [...]}; field paths are prefixed with "queries[i]".
Result<std::vector<ScreeningQuery>> ParseScreeningRequestJson(std::string_view json);

void AppendJson(JsonWriter& writer, const ScreeningQuery& query);
// {"query": {...}, "hits": [...]} (hits as hit.h writes them).
void AppendScreeningResult(JsonWriter& writer, const ScreeningQuery& query,
                           const std::vector<Hit>& hits);

}  // namespace keruen::screening

#endif  // KERUEN_SCREENING_SCREENING_JSON_H_
