#include "keruen/screening/lists/internal/identifier_text.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keruen/screening/lists/internal/test_support.h"

namespace keruen::screening::lists_internal {
namespace {

using ::testing::ElementsAre;

using Ids = std::vector<ListIdentifier>;

TEST(ExtractRegistryNumbers, LabelsDecide) {
  EXPECT_THAT(ExtractRegistryNumbers("INN: 9731115927 OGRN: 1237700391774", "registration", "",
                                     EntityType::kOrganization),
              ElementsAre(ListIdentifier{"inn", "9731115927", "RU"},
                          ListIdentifier{"ogrn", "1237700391774", "RU"}));
  EXPECT_THAT(ExtractRegistryNumbers("7735043966 (Tax ID/INN)", "registration", "",
                                     EntityType::kOrganization),
              ElementsAre(ListIdentifier{"inn", "7735043966", "RU"}));
  EXPECT_THAT(ExtractRegistryNumbers("Russia TIN- 3528000597", "registration", "RU",
                                     EntityType::kOrganization),
              ElementsAre(ListIdentifier{"inn", "3528000597", "RU"}));
}

TEST(ExtractRegistryNumbers, LengthDecidesForRussianSubjects) {
  EXPECT_THAT(
      ExtractRegistryNumbers("6441013942 / 644101001", "inn", "", EntityType::kOrganization),
      ElementsAre(ListIdentifier{"inn", "6441013942", "RU"},
                  ListIdentifier{"kpp", "644101001", "RU"}));
  EXPECT_THAT(ExtractRegistryNumbers("1 121 402 000 213", "ogrn", "", EntityType::kOrganization),
              ElementsAre(ListIdentifier{"ogrn", "1121402000213", "RU"}));
  EXPECT_THAT(
      ExtractRegistryNumbers("1021601627090 on 25.11.2002", "ogrn", "", EntityType::kOrganization),
      ElementsAre(ListIdentifier{"ogrn", "1021601627090", "RU"}));
}

TEST(ExtractRegistryNumbers, KazakhAndOtherNumbers) {
  EXPECT_THAT(
      ExtractRegistryNumbers("110140012405", "registration", "KZ", EntityType::kOrganization),
      ElementsAre(ListIdentifier{"bin", "110140012405", "KZ"}));
  EXPECT_THAT(ExtractRegistryNumbers("USCC: 91410105554232989X", "registration", "",
                                     EntityType::kOrganization),
              ElementsAre(ListIdentifier{"registration", "91410105554232989X", "CN"}));
  EXPECT_THAT(ExtractRegistryNumbers("(1) 12", "registration", "", EntityType::kOrganization),
              ElementsAre());
}

}  // namespace
}  // namespace keruen::screening::lists_internal
