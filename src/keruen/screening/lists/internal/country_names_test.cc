#include "keruen/screening/lists/internal/country_names.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace keruen::screening::lists_internal {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> Find(std::string_view text) { return CountryNames::Get().FindAll(text); }

TEST(CountryNames, IcuNamesAndListSpellings) {
  EXPECT_THAT(Find("Kazakhstan"), ElementsAre("KZ"));
  EXPECT_THAT(Find("Russian Federation"), ElementsAre("RU"));
  EXPECT_THAT(Find("Iran (Islamic Republic of)"), ElementsAre("IR"));
  EXPECT_THAT(Find("Syrian Arab Republic"), ElementsAre("SY"));
  EXPECT_THAT(Find("Democratic People's Republic of Korea"), ElementsAre("KP"));
  EXPECT_THAT(Find("Democratic People’s Republic of Korea (DPRK)"), ElementsAre("KP"));
  EXPECT_THAT(Find("Korea, North"), ElementsAre("KP"));
  EXPECT_THAT(Find("Burma"), ElementsAre("MM"));
  EXPECT_THAT(Find("Türkiye"), ElementsAre("TR"));
  EXPECT_THAT(Find("Kyrgyz Republic"), ElementsAre("KG"));
  EXPECT_THAT(Find("Czechia"), ElementsAre("CZ"));
  EXPECT_THAT(Find("United Kingdom of Great Britain and Northern Ireland"), ElementsAre("GB"));
  EXPECT_THAT(Find("Crimea"), ElementsAre("UA"));
  EXPECT_THAT(Find("Cote d'Ivoire"), ElementsAre("CI"));
  EXPECT_THAT(Find("St. Kitts and Nevis"), ElementsAre("KN"));
  EXPECT_THAT(Find("China, Hong Kong Special Administrative Region"), ElementsAre("HK"));
}

TEST(CountryNames, LongestNameWins) {
  EXPECT_THAT(Find("Guinea-Bissau"), ElementsAre("GW"));
  EXPECT_THAT(Find("Democratic Republic of the Congo"), ElementsAre("CD"));
  EXPECT_THAT(Find("Congo, Democratic Republic of the"), ElementsAre("CD"));
  EXPECT_THAT(Find("Congo"), ElementsAre("CG"));
  EXPECT_THAT(Find("Papua New Guinea"), ElementsAre("PG"));
  EXPECT_THAT(Find("Netherlands Antilles"), IsEmpty());  // no code, and not the Netherlands
}

TEST(CountryNames, DemonymsInProse) {
  EXPECT_THAT(Find("(a) German, (b) Moroccan"), ElementsAre("DE", "MA"));
  EXPECT_THAT(Find("Ukrainian, Russian (the Union does not recognise passports issued by the "
                   "Russian Federation in Crimea)"),
              ElementsAre("UA", "RU"));
  EXPECT_THAT(Find("Myanmar/Burma"), ElementsAre("MM"));
  EXPECT_THAT(Find("Syrian/Iranian"), ElementsAre("SY", "IR"));
  EXPECT_THAT(Find("Italian since 1990"), ElementsAre("IT"));
  EXPECT_THAT(Find("Congolese"), IsEmpty());  // which Congo is not said
  EXPECT_THAT(Find("Атлантида"), IsEmpty());
}

TEST(CountryResolver, CountsUnknownValues) {
  ImportStats stats;
  CountryResolver resolver(&stats);
  std::vector<std::string> out;
  resolver.Resolve("Kazakhstan", out);
  resolver.Resolve("Kazakhstan", out);
  resolver.Resolve("Jalisco", out);
  resolver.Resolve("Jalisco", out);
  EXPECT_THAT(out, ElementsAre("KZ"));
  EXPECT_EQ(stats.unknown_countries, 2);
  EXPECT_EQ(stats.unknown_country_names.at("Jalisco"), 2);
  EXPECT_EQ(resolver.ResolveFirst("Russia"), "RU");
}

}  // namespace
}  // namespace keruen::screening::lists_internal
