#include "keruen/screening/lists/identifiers.h"

#include <gtest/gtest.h>

#include "keruen/screening/lists/internal/test_support.h"

namespace keruen::screening {
namespace {

TEST(NormalizeIdentifier, NumericRegistersKeepDigitsOnly) {
  EXPECT_EQ(NormalizeIdentifier("imo", "IMO 9562233"), "9562233");
  EXPECT_EQ(NormalizeIdentifier("imo", "9562233"), "9562233");
  EXPECT_EQ(NormalizeIdentifier("inn", "INN: 7731-339-867"), "7731339867");
  EXPECT_EQ(NormalizeIdentifier("bin", " 990 140 000 017 "), "990140000017");
  EXPECT_EQ(NormalizeIdentifier("ogrn", "ОГРН 1027700132195."), "1027700132195");
  EXPECT_EQ(NormalizeIdentifier("mmsi", "MMSI"), "");
}

TEST(NormalizeIdentifier, DocumentsKeepLettersInUpperCase) {
  EXPECT_EQ(NormalizeIdentifier("passport", "D366 871"), "D366871");
  EXPECT_EQ(NormalizeIdentifier("passport", "No. ab-12.34"), "AB1234");
  EXPECT_EQ(NormalizeIdentifier("national_id", "№ 123456"), "123456");
  EXPECT_EQ(NormalizeIdentifier("tax", "#  9113100033607322xk"), "9113100033607322XK");
  // A Cyrillic letter that looks Latin is the Latin letter.
  EXPECT_EQ(NormalizeIdentifier("passport", "АВ 123"), NormalizeIdentifier("passport", "AB123"));
  EXPECT_EQ(NormalizeIdentifier("passport", "ф-529191"), "Ф529191");
}

TEST(NormalizeIdentifier, BicHeadOfficeBranchIsDropped) {
  EXPECT_EQ(NormalizeIdentifier("bic", "sabr ru mm xxx"), "SABRRUMM");
  EXPECT_EQ(NormalizeIdentifier("bic", "SABRRUMM"), "SABRRUMM");
  EXPECT_EQ(NormalizeIdentifier("bic", "SABRRUMM012"), "SABRRUMM012");
}

TEST(IsKnownIdentifierScheme, Schemes) {
  EXPECT_TRUE(IsKnownIdentifierScheme("bin"));
  EXPECT_TRUE(IsKnownIdentifierScheme("national_id"));
  EXPECT_FALSE(IsKnownIdentifierScheme("BIN"));
  EXPECT_FALSE(IsKnownIdentifierScheme("vat"));
}

}  // namespace
}  // namespace keruen::screening
