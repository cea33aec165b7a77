// The lists Keruen screens against, as versions kept in the store.
//
// Importing a list (lists/import.h) gives a snapshot; storing it makes it the list's next
// version unless its content is unchanged. Whoever screens (the CLI, the server, the
// continuous re-screen) builds its Screener from the latest version of every stored list,
// so all of them answer from the same data and a list update reaches all of them.
#ifndef KERUEN_SCREENING_WATCHLISTS_H_
#define KERUEN_SCREENING_WATCHLISTS_H_

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "keruen/core/error.h"
#include "keruen/screening/lists/import.h"
#include "keruen/screening/lists/list_entry.h"
#include "keruen/screening/match/screener.h"
#include "keruen/screening/text/name_analyzer.h"
#include "keruen/store/store.h"

namespace keruen::screening {

struct ListSource {
  ListFormat format;
  std::filesystem::path path;
};

// The public lists under `sanctions_dir` (../shared/data/sanctions) that `keruen lists
// import` reads when given no path: OFAC SDN and consolidated, UN, EU, UK, OpenSanctions.
// Only those present are returned.
std::vector<ListSource> DefaultListSources(const std::filesystem::path& sanctions_dir);

// Stores `snapshot` as the next version of its list (or finds it unchanged).
Result<ListPutResult> StoreSnapshot(Store& store, const ListSnapshot& snapshot);

// Reads one stored version back as a snapshot (for diffs).
Result<ListSnapshot> LoadListVersion(Store& store, const ListVersionInfo& version);

// The latest version of each list in `versions`, which come as Store::ListVersions gives them
// (by list, oldest first).
std::vector<ListVersionInfo> LatestVersions(const std::vector<ListVersionInfo>& versions);

// The latest version of every stored list.
struct CurrentLists {
  std::vector<ListVersionInfo> versions;
  std::vector<ListEntry> entries;
};
Result<CurrentLists> LoadCurrentLists(Store& store);

// Identifies a set of list versions: equal strings mean the same lists in the same versions,
// so a long-running server can tell when to rebuild its screener.
std::string VersionsFingerprint(const std::vector<ListVersionInfo>& versions);

// A ready screener over the store's current lists, with the analyzer it needs.
struct LoadedScreener {
  std::unique_ptr<NameAnalyzer> analyzer;
  std::unique_ptr<Screener> screener;
  std::vector<ListVersionInfo> versions;
  std::string fingerprint;
};
// Fails with kNotFound when the store holds no list ("run keruen lists import").
Result<LoadedScreener> LoadScreener(Store& store);

}  // namespace keruen::screening

#endif  // KERUEN_SCREENING_WATCHLISTS_H_
