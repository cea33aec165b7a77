#include "keruen/tracking/position.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "keruen/core/csv.h"
#include "keruen/core/paths.h"

namespace keruen::tracking {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;

const Timestamp kNow = 1772496000;  // 2026-03-03T00:00:00Z

TEST(PositionTest, ParsesTheSpecExample) {
  auto text =
      ReadFile(SharedDataDir().value_or("../shared/data") + "/../spec/pings.example.ndjson");
  ASSERT_TRUE(text.has_value()) << text.error().ToString();
  PositionParser parser;
  ParsedPositions parsed;
  parser.ParseNdjson(*text, kNow, parsed);
  EXPECT_TRUE(parsed.rejected.empty()) << parsed.rejected[0].reason;
  ASSERT_GE(parsed.accepted.size(), 3u);
  const Position& third = parsed.accepted[2];
  EXPECT_EQ(third.device, "ENS-KZ-00731942");
  EXPECT_EQ(FormatTimestamp(third.ts), "2026-03-02T09:10:00Z");
  EXPECT_DOUBLE_EQ(third.lat, 50.8337);
  EXPECT_DOUBLE_EQ(third.lon, 56.2548);
  EXPECT_EQ(third.speed_kmh, 72);
  EXPECT_EQ(third.battery_pct, 96);
  EXPECT_EQ(third.event, SealEvent::kElementBroken);
  EXPECT_EQ(parsed.accepted[0].event, SealEvent::kNone);
}

TEST(PositionTest, RefusesBadLinesWithTheirLineAndFieldAndKeepsTheRest) {
  const std::string batch =
      R"({"device":"S1","ts":"2026-03-02T09:00:00Z","lat":50.1,"lon":56.2})"
      "\n"
      R"({"device":"S1","ts":"2026-03-02T09:05:00Z","lat":95,"lon":56.2})"
      "\n\n"
      R"({"device":"S1","ts":"2027-01-01T00:00:00Z","lat":50.1,"lon":56.2})"
      "\n"
      R"({"device":"S1","ts":"2026-03-02T09:10:00Z","lat":50.1,"lon":56.2,"event":"09"})"
      "\n"
      R"({"device":"S1","ts":"2026-03-02T09:15:00Z","lat":0,"lon":0})"
      "\n"
      "not json\n"
      R"({"device":"S1","lat":50.1,"lon":56.2})"
      "\n"
      R"({"device":"S1","ts":"2026-03-02T09:20:00Z","lat":50.2,"lon":56.3,"speed_kmh":null})"
      "\n";
  PositionParser parser;
  ParsedPositions parsed;
  parser.ParseNdjson(batch, kNow, parsed);
  ASSERT_EQ(parsed.accepted.size(), 2u);
  EXPECT_EQ(parsed.accepted[1].lat, 50.2);
  EXPECT_FALSE(parsed.accepted[1].speed_kmh.has_value());
  std::vector<std::pair<int64_t, std::string>> where;
  for (const RejectedPosition& r : parsed.rejected) where.emplace_back(r.line, r.field);
  EXPECT_THAT(where, ElementsAre(std::pair<int64_t, std::string>{2, "lat"},
                                 std::pair<int64_t, std::string>{4, "ts"},
                                 std::pair<int64_t, std::string>{5, "event"},
                                 std::pair<int64_t, std::string>{6, "lat"},
                                 std::pair<int64_t, std::string>{7, ""},
                                 std::pair<int64_t, std::string>{8, "ts"}));
  EXPECT_THAT(parsed.rejected[1].reason, HasSubstr("future"));
  EXPECT_EQ(parsed.rejected[4].raw, "not json");
}

TEST(PositionTest, ParsesCsvReplaysWithColumnsInAnyOrder) {
  const std::string csv =
      "lat,lon,device,ts,event\n"
      "50.1,56.2,S1,2026-03-02T09:00:00Z,\n"
      "50.2,56.3,S1,1772442300,02\n"
      "x,56.3,S1,2026-03-02T09:10:00Z,\n"
      "50.2,56.3,S1\n";
  ParsedPositions parsed;
  ASSERT_TRUE(ParsePositionsCsv(csv, kNow, parsed).has_value());
  ASSERT_EQ(parsed.accepted.size(), 2u);
  EXPECT_EQ(parsed.accepted[1].ts, 1772442300);
  EXPECT_EQ(parsed.accepted[1].event, SealEvent::kHousingBroken);
  ASSERT_EQ(parsed.rejected.size(), 2u);
  EXPECT_EQ(parsed.rejected[0].line, 4);
  EXPECT_EQ(parsed.rejected[0].field, "lat");
  EXPECT_EQ(parsed.rejected[1].line, 5);
  ParsedPositions none;
  auto missing = ParsePositionsCsv("device,lat,lon\n", kNow, none);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().field, "ts");
}

TEST(PositionTest, OsmAndProtocol) {
  // Traccar Client: speed in knots, timestamp in seconds.
  auto p = ParseOsmAnd({{"id", "PHONE-1"},
                        {"lat", "43.2389"},
                        {"lon", "76.8897"},
                        {"timestamp", "1772442000"},
                        {"speed", "10"},
                        {"batt", "87.5"},
                        {"bearing", "90"}},
                       kNow);
  ASSERT_TRUE(p.has_value()) << p.error().ToString();
  EXPECT_EQ(p->device, "PHONE-1");
  EXPECT_EQ(p->ts, 1772442000);
  EXPECT_DOUBLE_EQ(*p->speed_kmh, 18.52);
  EXPECT_EQ(p->battery_pct, 88);
  // deviceid, location=lat,lon, milliseconds, a date with a space, and Keruen's event key.
  auto q = ParseOsmAnd({{"deviceid", "PHONE-2"},
                        {"location", "43.2,76.9"},
                        {"timestamp", "1772442000123"},
                        {"event", "05"}},
                       kNow);
  ASSERT_TRUE(q.has_value()) << q.error().ToString();
  EXPECT_EQ(q->ts, 1772442000);
  EXPECT_EQ(q->event, SealEvent::kLowBattery);
  auto r = ParseOsmAnd(
      {{"id", "P"}, {"lat", "43.2"}, {"lon", "76.9"}, {"timestamp", "2026-03-02 09:00:00"}}, kNow);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(FormatTimestamp(r->ts), "2026-03-02T09:00:00Z");
  // No timestamp: the receiving time.
  auto now = ParseOsmAnd({{"id", "P"}, {"lat", "43.2"}, {"lon", "76.9"}}, kNow);
  ASSERT_TRUE(now.has_value());
  EXPECT_EQ(now->ts, kNow);
  // Errors name the parameter.
  EXPECT_EQ(ParseOsmAnd({{"lat", "1"}, {"lon", "2"}}, kNow).error().field, "id");
  EXPECT_EQ(ParseOsmAnd({{"id", "P"}, {"lat", "abc"}, {"lon", "2"}}, kNow).error().field, "lat");
  EXPECT_EQ(
      ParseOsmAnd({{"id", "P"}, {"lat", "1"}, {"lon", "2"}, {"speed", "fast"}}, kNow).error().field,
      "speed");
  EXPECT_EQ(ParseOsmAnd({{"id", "P"}, {"lat", "1"}, {"lon", "200"}}, kNow).error().field, "lon");
}

TEST(PositionTest, SealEventCodes) {
  EXPECT_EQ(ParseSealEvent("06"), SealEvent::kSilence);
  EXPECT_EQ(ParseSealEvent("6"), std::nullopt);
  EXPECT_EQ(ParseSealEvent("00"), std::nullopt);
  EXPECT_EQ(SealEventCode(SealEvent::kUnauthorised), "07");
  EXPECT_EQ(SealEventName(SealEvent::kLowBattery), "seal battery under 15 %");
}

}  // namespace
}  // namespace keruen::tracking
