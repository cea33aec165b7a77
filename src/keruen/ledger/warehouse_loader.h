// Fills a virtual warehouse from the declarations already stored.
#ifndef KERUEN_LEDGER_WAREHOUSE_LOADER_H_
#define KERUEN_LEDGER_WAREHOUSE_LOADER_H_

#include <vector>

#include "keruen/core/error.h"
#include "keruen/ledger/virtual_warehouse.h"
#include "keruen/store/store.h"

namespace keruen::ledger {

// Books the entries of every stored declaration (current versions, in the order the store
// pages them: by lodging time) into `warehouse`, appending the findings they raise to
// `findings`. Returns how many declarations were read.
Result<int64_t> LoadWarehouse(Store& store, VirtualWarehouse& warehouse,
                              std::vector<Finding>& findings);

}  // namespace keruen::ledger

#endif  // KERUEN_LEDGER_WAREHOUSE_LOADER_H_
