#include "keruen/screening/lists/diff.h"

#include <algorithm>

namespace keruen::screening {
namespace {

bool Less(const ListEntry* a, const ListEntry* b) {
  return a->list != b->list ? a->list < b->list : a->id < b->id;
}

std::vector<const ListEntry*> Sorted(const std::vector<ListEntry>& entries) {
  std::vector<const ListEntry*> out;
  out.reserve(entries.size());
  for (const ListEntry& e : entries) out.push_back(&e);
  std::sort(out.begin(), out.end(), Less);
  return out;
}

}  // namespace

ListDiff DiffSnapshots(const ListSnapshot& before, const ListSnapshot& after) {
  const std::vector<const ListEntry*> a = Sorted(before.entries);
  const std::vector<const ListEntry*> b = Sorted(after.entries);
  ListDiff diff;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && Less(a[i], b[j]))) {
      diff.removed.push_back(*a[i++]);
    } else if (i == a.size() || Less(b[j], a[i])) {
      diff.added.push_back(*b[j++]);
    } else {
      if (!(*a[i] == *b[j])) diff.changed.push_back(ChangedEntry{*a[i], *b[j]});
      ++i;
      ++j;
    }
  }
  return diff;
}

}  // namespace keruen::screening
