// Fixed reference exchange rates, so that rule thresholds written in euros (a luxury ceiling of
// EUR 300, a split-shipment threshold of EUR 10,000) apply to values declared in any currency.
//
// Why fixed: a threshold compares orders of magnitude, and the same declaration must give the
// same verdict whenever it is assessed again. The rates are those of early 2024, rounded
// (ECB euro reference rates and the National Bank of Kazakhstan's official rates); the
// simulator prices its goods with the same table, so the simulated world and the rules agree.
// A deployment that needs daily rates replaces this table, not the rules.
#ifndef KERUEN_CORE_EXCHANGE_RATES_H_
#define KERUEN_CORE_EXCHANGE_RATES_H_

#include <optional>
#include <string_view>

#include "keruen/core/model.h"

namespace keruen {

// US dollars for one unit of `currency` (ISO 4217, upper case), or nullopt when the table
// does not know it.
std::optional<double> UsdPerUnit(std::string_view currency);

// `money` in euros, or nullopt when its currency is unknown.
std::optional<double> ToEur(const Money& money);

}  // namespace keruen

#endif  // KERUEN_CORE_EXCHANGE_RATES_H_
