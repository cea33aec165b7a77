#include "keruen/core/exchange_rates.h"

#include <gtest/gtest.h>

namespace keruen {
namespace {

Money Amount(double amount, const char* currency) {
  return Money{static_cast<int64_t>(amount * Money::kScale), currency};
}

TEST(ExchangeRates, EurosStayEuros) { EXPECT_DOUBLE_EQ(*ToEur(Amount(300, "EUR")), 300); }

TEST(ExchangeRates, ConvertsThroughTheDollar) {
  // 1.08 USD buy one euro, so 108 USD are 100 EUR.
  EXPECT_NEAR(*ToEur(Amount(108, "USD")), 100, 1e-9);
  // A rouble is worth far less than a euro, a pound more.
  EXPECT_LT(*ToEur(Amount(1000, "RUB")), 20);
  EXPECT_GT(*ToEur(Amount(100, "GBP")), 100);
}

TEST(ExchangeRates, UnknownCurrencyHasNoRate) {
  EXPECT_FALSE(UsdPerUnit("XYZ").has_value());
  EXPECT_FALSE(ToEur(Amount(1, "eur")).has_value());  // codes are upper case
}

}  // namespace
}  // namespace keruen
