#include "keruen/ledger/warehouse_loader.h"

namespace keruen::ledger {

Result<int64_t> LoadWarehouse(Store& store, VirtualWarehouse& warehouse,
                              std::vector<Finding>& findings) {
  DeclarationQuery query;
  query.limit = 1000;
  int64_t read = 0;
  for (;;) {
    auto page = store.FindDeclarations(query);
    if (!page) return tl::unexpected(page.error());
    for (const Declaration& d : page->items) {
      for (const LedgerEntry& entry : EntriesOf(d)) warehouse.Add(entry, findings);
    }
    read += static_cast<int64_t>(page->items.size());
    if (page->next.empty()) return read;
    query.after = page->next;
  }
}

}  // namespace keruen::ledger
