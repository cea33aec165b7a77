// One spelling for identifiers, so that an exact comparison is exact in meaning.
//
// Lists and declarations write the same number many ways: "IMO 9562233" and "9562233",
// "INN: 7731339867" and "7731339867", "D366 871" and "D366871", "HNRBBY2XXXX" and "HNRBBY2X".
// A match on an identifier decides a screening result on its own, so both sides are reduced
// to one canonical form first and then compared byte for byte.
#ifndef KERUEN_SCREENING_LISTS_IDENTIFIERS_H_
#define KERUEN_SCREENING_LISTS_IDENTIFIERS_H_

#include <string>
#include <string_view>

namespace keruen::screening {

// The canonical form of `value` for `scheme` (a ListIdentifier scheme, lower case):
// - numeric registers ("inn", "ogrn", "bin", "iin", "kpp", "okpo", "imo", "mmsi"): the digits
//   only, so labels ("IMO", "INN:", "No."), spaces and dashes vanish;
// - "bic": upper-case letters and digits, and the branch code "XXX" (head office) dropped,
//   so the 8- and 11-character forms of one bank agree;
// - everything else (passports, national ids, tax and registration numbers): upper case, a
//   leading label such as "No.", "#" or "№" dropped, and only letters and digits kept.
// Returns an empty string when nothing identifying is left; callers must not treat two
// empty results as a match.
std::string NormalizeIdentifier(std::string_view scheme, std::string_view value);

// True for the schemes list_entry.h documents ("inn", "ogrn", ..., "other").
bool IsKnownIdentifierScheme(std::string_view scheme);

}  // namespace keruen::screening

#endif  // KERUEN_SCREENING_LISTS_IDENTIFIERS_H_
