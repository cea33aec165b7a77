#include "keruen/ledger/warehouse_loader.h"

namespace keruen::ledger {

Result<int64_t> LoadWarehouse(Store& store, VirtualWarehouse& warehouse,
                              std::vector<Finding>& findings) {
  return ForEachDeclaration(store, [&](const Declaration& d) {
    for (const LedgerEntry& entry : EntriesOf(d)) warehouse.Add(entry, findings);
    return true;
  });
}

}  // namespace keruen::ledger
