// The sanctions-list model every importer produces and the matcher indexes.
//
// Lists differ wildly in shape (OFAC's three joined CSVs, the UN's XML, the EU's annex rows,
// the UK's normalised tables, OpenSanctions' FollowTheMoney graph), so importers reduce each to
// the same flat record: one `ListEntry` per designated subject, with every name it is known
// by, its identifiers, countries and birth dates. Nothing in here is list-specific, which is
// what lets one index answer for all lists and one diff compare any two versions.
#ifndef KERUEN_SCREENING_LISTS_LIST_ENTRY_H_
#define KERUEN_SCREENING_LISTS_LIST_ENTRY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keruen::screening {

enum class EntityType { kPerson, kOrganization, kVessel, kAircraft, kUnknown };
std::string_view EntityTypeName(EntityType type);  // "person", "organization", ...
std::optional<EntityType> ParseEntityType(std::string_view name);

// One name a subject is listed under. Lists mark some aliases "weak" (OFAC "weak aka", UK
// "alias_strength: low", OpenSanctions `weakAlias`): they are kept, because a hit on one is
// still worth a look, but they are scored lower.
struct ListName {
  std::string full;  // as written in the list, any script
  bool primary = false;
  bool weak = false;
  bool operator==(const ListName&) const = default;
};

// An identifier that, when it matches exactly, decides the match on its own.
// `scheme` is lower case: "inn", "ogrn", "bin", "iin", "kpp", "okpo", "imo", "mmsi", "bic",
// "lei", "passport", "national_id", "registration", "tax", "other".
struct ListIdentifier {
  std::string scheme;
  std::string value;    // as listed; compare with NormalizeIdentifier (lists/identifiers.h)
  std::string country;  // ISO 3166 alpha-2 of the issuer, empty when unknown
  bool operator==(const ListIdentifier&) const = default;
};

struct ListEntry {
  std::string list;  // the list id: "ofac_sdn", "ofac_cons", "un", "eu", "uk", "opensanctions",
                     // or the id given to a custom CSV list
  std::string id;    // the subject's id within that list (OFAC ent_num, UN reference, ...)
  EntityType type = EntityType::kUnknown;
  std::vector<ListName> names;  // at least one; the first primary name is the caption
  std::vector<ListIdentifier> identifiers;
  std::vector<std::string> countries;    // ISO 3166 alpha-2: nationality, citizenship, address
  std::vector<std::string> birth_dates;  // "YYYY", "YYYY-MM" or "YYYY-MM-DD"
  std::vector<std::string> programs;     // sanction programmes ("RUSSIA-EO14024", "EU-UKR")
  std::string listed_on;                 // "YYYY-MM-DD" when known
  std::string remarks;
  // "male" or "female" when the list states it: a cheap way to tell namesakes apart.
  std::string gender;
  bool operator==(const ListEntry&) const = default;

  // The name shown for the entry: the first primary name, else the first name.
  const std::string& Caption() const;
};

// The lists Keruen can import. `kCustomCsv` is the simple format for national and in-house
// lists (for example Kazakhstan's own), documented in docs/lists.md.
enum class ListFormat {
  kOfacSdn,           // sdn.csv + alt.csv + add.csv (+ sdn_comments.csv) in one folder
  kOfacConsolidated,  // cons_prim.csv + cons_alt.csv + cons_add.csv (+ cons_comments.csv)
  kUn,                // UN Security Council consolidated XML
  kEu,                // OpenSanctions transcription CSVs of EU annexes (a folder or one file)
  kUk,                // UK Sanctions List normalised tables (subjects.csv, subject_names.csv, ...)
  kOpenSanctions,     // FollowTheMoney entities, one JSON object a line
  kCustomCsv,
};
std::string_view ListFormatName(ListFormat format);  // "ofac-sdn", "ofac-cons", "un", ...
std::optional<ListFormat> ParseListFormat(std::string_view name);

// One imported version of one list. The content hash is over the entries in canonical form,
// so re-importing unchanged files yields the same hash and no new version.
struct ListSnapshot {
  std::string list;  // list id, as in ListEntry::list
  ListFormat format = ListFormat::kCustomCsv;
  std::string source;        // the path or URL imported
  std::string published_on;  // the list's own date when it states one, else empty
  std::string content_hash;  // hex SHA-256 of the canonical entries
  std::vector<ListEntry> entries;
};

}  // namespace keruen::screening

#endif  // KERUEN_SCREENING_LISTS_LIST_ENTRY_H_
