#include "keruen/screening/lists/internal/dates.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace keruen::screening::lists_internal {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(ExtractDates, ShapesTheListsUse) {
  EXPECT_THAT(ExtractDates("10 Dec 1948"), ElementsAre("1948-12-10"));
  EXPECT_THAT(ExtractDates("circa 1951"), ElementsAre("1951"));
  EXPECT_THAT(ExtractDates("1960 to 1962"), ElementsAre("1960", "1961", "1962"));
  EXPECT_THAT(ExtractDates("Between 1977 and 1982"),
              ElementsAre("1977", "1978", "1979", "1980", "1981", "1982"));
  EXPECT_THAT(ExtractDates("16.6.1938"), ElementsAre("1938-06-16"));
  EXPECT_THAT(ExtractDates("(a) 1.5.1972, (b) 16.9.1973"), ElementsAre("1972-05-01", "1973-09-16"));
  EXPECT_THAT(ExtractDates("Nov. 1973"), ElementsAre("1973-11"));
  EXPECT_THAT(ExtractDates("8 Oct.1970"), ElementsAre("1970-10-08"));
  EXPECT_THAT(ExtractDates("1959/1960"), ElementsAre("1959", "1960"));
  EXPECT_THAT(ExtractDates("1965 or 1966"), ElementsAre("1965", "1966"));
  EXPECT_THAT(ExtractDates("1964-07-17"), ElementsAre("1964-07-17"));
  EXPECT_THAT(ExtractDates("22 August 1960; 22.8.1960"), ElementsAre("1960-08-22"));
  EXPECT_THAT(ExtractDates("December 5, 1970"), ElementsAre("1970-12-05"));
  EXPECT_THAT(ExtractDates("1900 to 1950"), ElementsAre("1900", "1950"));  // too wide to list
}

TEST(ExtractDates, NonDatesAndImpossibleDays) {
  EXPECT_THAT(ExtractDates("1343 (Iranian Hijri calendar)"), IsEmpty());
  EXPECT_THAT(ExtractDates("passport 12345678"), IsEmpty());
  EXPECT_THAT(ExtractDates("30.2.1970"), ElementsAre("1970-02"));  // no 30 February
  EXPECT_THAT(ExtractDates("29 Feb 1972"), ElementsAre("1972-02-29"));
}

TEST(IsPartialIsoDate, Shapes) {
  EXPECT_TRUE(IsPartialIsoDate("1970"));
  EXPECT_TRUE(IsPartialIsoDate("1970-02"));
  EXPECT_TRUE(IsPartialIsoDate("2000-02-29"));
  EXPECT_FALSE(IsPartialIsoDate("1900-02-29"));
  EXPECT_FALSE(IsPartialIsoDate("1970-13"));
  EXPECT_FALSE(IsPartialIsoDate("70-01-01"));
  EXPECT_FALSE(IsPartialIsoDate("1970/01/01"));
}

}  // namespace
}  // namespace keruen::screening::lists_internal
