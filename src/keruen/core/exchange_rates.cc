#include "keruen/core/exchange_rates.h"

#include <array>
#include <utility>

namespace keruen {
namespace {

// Early-2024 rates, rounded: USD per unit.
constexpr std::array<std::pair<std::string_view, double>, 14> kUsdPerUnit = {{
    {"USD", 1.0},
    {"EUR", 1.08},
    {"CNY", 0.138},
    {"RUB", 0.011},
    {"KZT", 0.00198},
    {"KGS", 0.0112},
    {"UZS", 0.00008},
    {"TRY", 0.032},
    {"AED", 0.2723},
    {"HKD", 0.128},
    {"GBP", 1.27},
    {"CHF", 1.14},
    {"JPY", 0.0068},
    {"BYN", 0.31},
}};

}  // namespace

std::optional<double> UsdPerUnit(std::string_view currency) {
  for (const auto& [code, rate] : kUsdPerUnit) {
    if (code == currency) return rate;
  }
  return std::nullopt;
}

std::optional<double> ToEur(const Money& money) {
  const auto usd = UsdPerUnit(money.currency);
  if (!usd) return std::nullopt;
  return money.amount() * *usd / *UsdPerUnit("EUR");
}

}  // namespace keruen
