// What changed between two versions of one list: the review queue after an import.
//
// Entries are matched by (list, id). An entry whose id appears only in `after` was added (a
// new designation, to screen past traffic against), one only in `before` was removed
// (delisted), and one in both whose content differs was changed (new alias, new passport).
#ifndef KERUEN_SCREENING_LISTS_DIFF_H_
#define KERUEN_SCREENING_LISTS_DIFF_H_

#include <vector>

#include "keruen/screening/lists/list_entry.h"

namespace keruen::screening {

struct ChangedEntry {
  ListEntry before;
  ListEntry after;
};

struct ListDiff {
  std::vector<ListEntry> added;
  std::vector<ListEntry> removed;
  std::vector<ChangedEntry> changed;
  bool empty() const { return added.empty() && removed.empty() && changed.empty(); }
};

// Each part comes sorted by (list, id), whatever order the snapshots hold their entries in.
ListDiff DiffSnapshots(const ListSnapshot& before, const ListSnapshot& after);

}  // namespace keruen::screening

#endif  // KERUEN_SCREENING_LISTS_DIFF_H_
