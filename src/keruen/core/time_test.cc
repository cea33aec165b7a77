#include "keruen/core/time.h"

#include <gtest/gtest.h>

namespace keruen {
namespace {

TEST(TimeTest, ParsesUtcTimestamp) {
  auto t = ParseTimestamp("2026-03-02T06:40:00Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(*t, 1772433600);
  EXPECT_EQ(FormatTimestamp(*t), "2026-03-02T06:40:00Z");
}

TEST(TimeTest, AppliesOffsetsAndFractions) {
  EXPECT_EQ(*ParseTimestamp("2026-03-02T12:40:00+06:00"), *ParseTimestamp("2026-03-02T06:40:00Z"));
  EXPECT_EQ(*ParseTimestamp("2026-03-02T06:40:00.123Z"), *ParseTimestamp("2026-03-02T06:40:00Z"));
  EXPECT_EQ(*ParseTimestamp("2026-03-02 06:40:00"), *ParseTimestamp("2026-03-02T06:40:00Z"));
  EXPECT_EQ(*ParseTimestamp("2026-03-02T01:40:00-0500"), *ParseTimestamp("2026-03-02T06:40:00Z"));
}

TEST(TimeTest, RefusesImpossibleValues) {
  for (const char* bad :
       {"2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-03-02T24:00:00Z", "2026-03-02",
        "yesterday", "2026-03-02T06:40:00Q", "2026-03-02T06:40:00+6"}) {
    EXPECT_FALSE(ParseTimestamp(bad).has_value()) << bad;
  }
}

TEST(TimeTest, DatesRoundTripAcrossLeapYears) {
  EXPECT_EQ(*ParseDate("1970-01-01"), 0);
  EXPECT_EQ(FormatDate(*ParseDate("2024-02-29")), "2024-02-29");
  EXPECT_FALSE(ParseDate("2023-02-29").has_value());
  EXPECT_EQ(DateOf(*ParseTimestamp("2024-02-29T23:59:59Z")), *ParseDate("2024-02-29"));
  EXPECT_EQ(DateOf(-1), -1);
  EXPECT_EQ(FormatTimestamp(-1), "1969-12-31T23:59:59Z");
}

TEST(TimeTest, CivilFromDaysInvertsDaysFromCivil) {
  for (Date d : {DaysFromCivil(1970, 1, 1), DaysFromCivil(2024, 2, 29), DaysFromCivil(2026, 12, 31),
                 DaysFromCivil(1900, 3, 1)}) {
    const CivilDate c = CivilFromDays(d);
    EXPECT_EQ(DaysFromCivil(c.year, c.month, c.day), d);
  }
  const CivilDate c = CivilFromDays(DaysFromCivil(2026, 3, 1));
  EXPECT_EQ(c.year, 2026);
  EXPECT_EQ(c.month, 3u);
  EXPECT_EQ(c.day, 1u);
}

TEST(TimeTest, ManualClockMovesOnlyWhenTold) {
  ManualClock clock(100);
  EXPECT_EQ(clock.Now(), 100);
  clock.Advance(50);
  EXPECT_EQ(clock.Now(), 150);
  clock.Set(7);
  EXPECT_EQ(clock.Now(), 7);
}

}  // namespace
}  // namespace keruen
