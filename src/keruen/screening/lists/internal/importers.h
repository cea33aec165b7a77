// One reader per list format (ofac.cc, un.cc, eu.cc, uk.cc, opensanctions.cc,
// custom_csv.cc). Each returns its entries in any order with the list id of `context` set,
// plus the snapshot fields it knows (source, published_on); import.cc sorts, hashes and
// fills in the rest. Each refuses the whole list on the first broken record.
#ifndef KERUEN_SCREENING_LISTS_INTERNAL_IMPORTERS_H_
#define KERUEN_SCREENING_LISTS_INTERNAL_IMPORTERS_H_

#include <filesystem>

#include "keruen/core/error.h"
#include "keruen/screening/lists/internal/entries.h"
#include "keruen/screening/lists/list_entry.h"

namespace keruen::screening::lists_internal {

// `consolidated`: the non-SDN list (cons_*.csv) instead of the SDN list (sdn.csv, ...).
Result<ListSnapshot> ImportOfac(const std::filesystem::path& path, bool consolidated,
                                ImportContext& context);
Result<ListSnapshot> ImportUn(const std::filesystem::path& path, ImportContext& context);
Result<ListSnapshot> ImportEu(const std::filesystem::path& path, ImportContext& context);
Result<ListSnapshot> ImportUk(const std::filesystem::path& path, ImportContext& context);
Result<ListSnapshot> ImportOpenSanctions(const std::filesystem::path& path, ImportContext& context);
Result<ListSnapshot> ImportCustomCsv(const std::filesystem::path& path, ImportContext& context);

// Reads a whole text file, refusing bytes that are not UTF-8 (with the line they are on);
// a byte order mark and a trailing DOS end-of-file mark are dropped.
Result<std::string> ReadListFile(const std::filesystem::path& path, ImportStats& stats);

}  // namespace keruen::screening::lists_internal

#endif  // KERUEN_SCREENING_LISTS_INTERNAL_IMPORTERS_H_
