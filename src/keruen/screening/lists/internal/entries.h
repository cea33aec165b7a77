// Building ListEntry records: what every importer does the same way.
#ifndef KERUEN_SCREENING_LISTS_INTERNAL_ENTRIES_H_
#define KERUEN_SCREENING_LISTS_INTERNAL_ENTRIES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "keruen/core/error.h"
#include "keruen/screening/lists/import.h"
#include "keruen/screening/lists/internal/country_names.h"
#include "keruen/screening/lists/list_entry.h"

namespace keruen::screening::lists_internal {

// What an importer is given besides its path.
struct ImportContext {
  std::string list_id;
  ImportStats& stats;
  CountryResolver countries;

  ImportContext(std::string id, ImportStats& s) : list_id(std::move(id)), stats(s), countries(&s) {}
};

// Adds a name (trimmed) unless the entry has it already; a name listed twice keeps the
// stronger reading (primary over alias, strong over weak).
void AddName(ListEntry& entry, std::string_view full, bool primary, bool weak);

// Adds an identifier unless one with the same scheme and normalised value is there; an
// identifier with nothing identifying left after normalisation is dropped.
void AddIdentifier(ListEntry& entry, std::string_view scheme, std::string_view value,
                   std::string_view country);

// A generic "tax" / "registration" / "national_id" number made specific where the issuing
// country's register is known from the number's length: Russia's INN (10 or 12 digits) and
// OGRN (13 or 15), Kazakhstan's BIN (organisations) and IIN (people), both 12 digits. The
// matcher compares declaration INNs and BINs against these.
std::string RefineScheme(std::string_view scheme, std::string_view value, std::string_view country,
                         EntityType type);

// The country whose register a scheme names: "RU" for inn/ogrn/kpp/okpo, "KZ" for bin/iin,
// "" for schemes every country has.
std::string_view RegisterCountry(std::string_view scheme);

// An error about one field of one record: "source:line: field: message".
Error RecordError(const std::string& source, int64_t line, std::string field, std::string message);

}  // namespace keruen::screening::lists_internal

#endif  // KERUEN_SCREENING_LISTS_INTERNAL_ENTRIES_H_
