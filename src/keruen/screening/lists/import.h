// Importing sanctions lists: files in, one ListSnapshot out.
//
// Every list Keruen screens against arrives in its publisher's own shape (see ListFormat in
// list_entry.h and docs/lists.md). `ImportList` reads one list version and reduces it to
// ListEntry records. The import is all-or-nothing: screening against half a list would
// silently miss designations, so a broken row or element refuses the whole import with an
// error naming "file:line: field: reason". Oddities that do not make the list unreadable
// (an alias row for a subject the main table lacks, a country name no ISO code is known for)
// are counted in ImportStats instead and the import goes on.
#ifndef KERUEN_SCREENING_LISTS_IMPORT_H_
#define KERUEN_SCREENING_LISTS_IMPORT_H_

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "keruen/core/error.h"
#include "keruen/screening/lists/list_entry.h"

namespace keruen::screening {

struct ImportListOptions {
  // The list id every entry gets (ListEntry::list). Empty means the format's own id:
  // "ofac_sdn", "ofac_cons", "un", "eu", "uk", "opensanctions". Required for kCustomCsv,
  // which has no natural id (e.g. "kz_afm" for a national list).
  std::string list_id;
  // The list's publication date ("YYYY-MM-DD") when the caller knows it better than the
  // files do, for instance from the download's metadata. Empty keeps what the list states.
  std::string published_on;
};

// What an import met that was not worth refusing the list for; for logs and for the
// operator's import report.
struct ImportStats {
  int64_t files = 0;    // files read
  int64_t records = 0;  // rows, XML elements or JSON lines read
  // Rows of OFAC's alias/address/comment tables whose ent_num is not in the main table:
  // expected when the tables were downloaded on different days.
  int64_t orphan_rows = 0;
  // EU rows folded into an entry seen before (the same subject under another programme).
  int64_t merged_rows = 0;
  // OpenSanctions entities left out: not sanction targets, or not a screened schema.
  int64_t skipped_entities = 0;
  // Country values no ISO 3166 code was found for; the value is left out of `countries`.
  int64_t unknown_countries = 0;
  std::map<std::string, int64_t> unknown_country_names;  // value as written -> occurrences
};

// Reads the list at `path`, in `format`:
// - kOfacSdn / kOfacConsolidated: the folder holding sdn.csv (cons_prim.csv) and its
//   alt/add/comments companions, or the main file itself;
// - kUn: the consolidated XML file;
// - kEu: one transcription CSV, or a folder (searched recursively) of them;
// - kUk: the folder of the normalised tables, or its subjects.csv;
// - kOpenSanctions: one FollowTheMoney JSON-lines file, or a folder of *.ftm.json files;
// - kCustomCsv: one CSV file (docs/lists.md).
// Entries come sorted by (list, id), with `content_hash` set. `stats` may be null.
Result<ListSnapshot> ImportList(ListFormat format, const std::filesystem::path& path,
                                const ImportListOptions& options = {},
                                ImportStats* stats = nullptr);

// Tells which format the file or folder at `path` holds, from file names and a look at the
// content, so users can point at a download without naming its format.
Result<ListFormat> DetectListFormat(const std::filesystem::path& path);

// Hex SHA-256 over the entries in canonical form (list_entry_json.h), taken in (list, id)
// order whatever order `entries` is in: equal for two imports of unchanged files, different
// as soon as one field of one entry differs.
std::string ContentHash(const std::vector<ListEntry>& entries);

}  // namespace keruen::screening

#endif  // KERUEN_SCREENING_LISTS_IMPORT_H_
