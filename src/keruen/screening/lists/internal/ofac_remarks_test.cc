#include "keruen/screening/lists/internal/ofac_remarks.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keruen/screening/lists/internal/test_support.h"

namespace keruen::screening::lists_internal {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;

TEST(ParseOfacRemarks, Phrases) {
  ImportStats stats;
  CountryResolver countries(&stats);
  ListEntry e;
  e.type = EntityType::kPerson;
  ParseOfacRemarks(
      "DOB circa 1951; alt. DOB 1960 to 1961; nationality Korea, North; citizen Kazakhstan; "
      "Gender Female; Passport G025057 issued 23 Jun 1999 expires 05 Feb 2004; alt. Passport "
      "D366 871 (Jordan); National ID No. 700504300999 (Kazakhstan); a.k.a. 'SMITH, Jo'; "
      "a.k.a. 'TRUNCAT",
      countries, e);
  EXPECT_THAT(e.birth_dates, ElementsAre("1951", "1960", "1961"));
  EXPECT_THAT(e.countries, ElementsAre("KP", "KZ"));
  EXPECT_EQ(e.gender, "female");
  EXPECT_THAT(e.identifiers, ElementsAre(ListIdentifier{"passport", "G025057", ""},
                                         ListIdentifier{"passport", "D366 871", "JO"},
                                         ListIdentifier{"iin", "700504300999", "KZ"}));
  EXPECT_THAT(e.names, ElementsAre(ListName{"SMITH, Jo", false, true}));  // the cut one is left
}

TEST(ParseOfacRemarks, CompanyRegisters) {
  ImportStats stats;
  CountryResolver countries(&stats);
  ListEntry e;
  e.type = EntityType::kOrganization;
  ParseOfacRemarks(
      "Tax ID No. 7707083893 (Russia); Registration Number 1027700132195 (Russia); Government "
      "Gazette Number 00032537 (Russia); SWIFT/BIC SABRRUMM; Legal Entity Number "
      "253400WSS48YWMBUA688; Identification Number IMO 5342883; Organization Established Date "
      "1991.",
      countries, e);
  EXPECT_THAT(e.identifiers, ElementsAre(ListIdentifier{"inn", "7707083893", "RU"},
                                         ListIdentifier{"ogrn", "1027700132195", "RU"},
                                         ListIdentifier{"okpo", "00032537", "RU"},
                                         ListIdentifier{"bic", "SABRRUMM", ""},
                                         ListIdentifier{"lei", "253400WSS48YWMBUA688", ""},
                                         ListIdentifier{"imo", "IMO 5342883", ""}));
  EXPECT_TRUE(e.birth_dates.empty());
}

}  // namespace
}  // namespace keruen::screening::lists_internal
