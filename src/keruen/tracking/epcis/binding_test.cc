#include "keruen/tracking/epcis/binding.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "keruen/core/csv.h"
#include "keruen/core/reference.h"
#include "keruen/tracking/epcis/capture.h"

namespace keruen::tracking {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

EpcisEvent Parse(const std::string& fields) {
  const std::string body =
      R"({"@context": "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
      "eventTime": "2026-03-02T06:40:00Z", "eventTimeZoneOffset": "+06:00", )" +
      fields + "}";
  auto events = ParseEpcisCapture(body, 0);
  EXPECT_TRUE(events.has_value()) << (events ? "" : events.error().ToString());
  return events && !events->empty() ? (*events)[0] : EpcisEvent{};
}

TEST(EpcisBindingTest, MovementsAndSealsFromEveryIdentifierList) {
  const EpcisEvent e = Parse(R"("type": "ObjectEvent", "action": "OBSERVE",
      "epcList": ["urn:keruen:declaration:26KZ0001", "urn:keruen:seal:ES-1",
                  "urn:epc:id:sgtin:0614141.107346.2017", "urn:keruen:declaration:26KZ0001"],
      "quantityList": [{"epcClass": "urn:keruen:declaration:26KZ0002"}],
      "bizTransactionList": [
        {"type": "urn:keruen:btt:declaration", "bizTransaction": "urn:epcglobal:cbv:bt:4870001000005:26KZ0003"},
        {"type": "po", "bizTransaction": "urn:epcglobal:cbv:bt:4870001000005:PO-9"},
        {"type": "desadv", "bizTransaction": "urn:epcglobal:cbv:bt:4870001000005:26KZ0004"},
        {"bizTransaction": "urn:keruen:declaration:26KZ0005"}])");
  // Duplicates once; a purchase order is not a declaration.
  EXPECT_THAT(MovementIdsOf(e),
              ElementsAre("26KZ0001", "26KZ0002", "26KZ0003", "26KZ0004", "26KZ0005"));
  EXPECT_THAT(SealIdsOf(e), ElementsAre("ES-1"));
}

TEST(EpcisBindingTest, AggregationOfDeclarationUnderSeal) {
  const EpcisEvent e = Parse(R"("type": "AggregationEvent", "action": "ADD",
      "parentID": "urn:keruen:seal:ES-77", "childEPCs": ["urn:keruen:declaration:D-1"])");
  EXPECT_THAT(MovementIdsOf(e), ElementsAre("D-1"));
  EXPECT_THAT(SealIdsOf(e), ElementsAre("ES-77"));
}

TEST(EpcisBindingTest, NoKeruenIdentifiersMeansNoMovement) {
  const EpcisEvent e = Parse(R"("type": "ObjectEvent", "action": "OBSERVE",
      "epcList": ["urn:keruen:declaration:", "urn:keruen:declaration:bad%20id",
                  "urn:keruen:sealed:ES-1"])");
  EXPECT_THAT(MovementIdsOf(e), IsEmpty());
  EXPECT_THAT(SealIdsOf(e), IsEmpty());
}

TEST(EpcisBindingTest, PostFromPostUrnOrMappedSgln) {
  SglnPostTable sglns;
  ASSERT_TRUE(sglns.Add("urn:epc:id:sgln:4870001.00044.0", "KZ-BCP-044").has_value());
  EXPECT_FALSE(sglns.Add("4870001.00044.0", "KZ-BCP-044").has_value());

  const EpcisEvent by_urn = Parse(R"("type": "ObjectEvent", "action": "OBSERVE", "epcList": [],
      "readPoint": {"id": "urn:keruen:post:KZ-BCP-044"})");
  EXPECT_EQ(PostIdOf(by_urn), "KZ-BCP-044");

  const EpcisEvent by_sgln = Parse(R"("type": "ObjectEvent", "action": "OBSERVE", "epcList": [],
      "readPoint": {"id": "urn:epc:id:sgln:4870001.00044.0"})");
  EXPECT_EQ(PostIdOf(by_sgln), std::nullopt);  // no table: an SGLN means nothing
  EXPECT_EQ(PostIdOf(by_sgln, &sglns), "KZ-BCP-044");

  // bizLocation wins over readPoint.
  const EpcisEvent both = Parse(R"("type": "ObjectEvent", "action": "OBSERVE", "epcList": [],
      "readPoint": {"id": "urn:keruen:post:KZ-BCP-001"},
      "bizLocation": {"id": "urn:keruen:post:KZ-BCP-002"})");
  EXPECT_EQ(PostIdOf(both), "KZ-BCP-002");

  const EpcisEvent unknown = Parse(R"("type": "ObjectEvent", "action": "OBSERVE", "epcList": [],
      "readPoint": {"id": "urn:epc:id:sgln:9999999.00001.0"})");
  EXPECT_EQ(PostIdOf(unknown, &sglns), std::nullopt);
}

TEST(EpcisBindingTest, DocumentedPostIdIsARealPost) {
  // docs/epcis.md uses KZ-BCP-044 in its examples.
  auto posts = BorderPosts::LoadDefault();
  ASSERT_TRUE(posts.has_value()) << posts.error().ToString();
  EXPECT_NE(posts->FindById("KZ-BCP-044"), nullptr);
}

TEST(EpcisBindingTest, SglnTableLoadsCsvAndReportsTheBadLine) {
  const std::string dir = ::testing::TempDir();
  const std::string good = dir + "/epcis_sgln_good.csv";
  const std::string bad = dir + "/epcis_sgln_bad.csv";
  ASSERT_TRUE(WriteFileAtomically(good,
                                  "# test table\nsgln,post_id\n"
                                  "urn:epc:id:sgln:4870001.00044.0,KZ-BCP-044\n"
                                  "urn:epc:id:sgln:4870001.00044.1,KZ-BCP-044\n")
                  .has_value());
  ASSERT_TRUE(WriteFileAtomically(bad,
                                  "sgln,post_id\nurn:epc:id:sgln:1.2.3,KZ-BCP-001\n"
                                  "not-an-sgln,KZ-BCP-002\n")
                  .has_value());
  auto table = SglnPostTable::Load(good);
  ASSERT_TRUE(table.has_value()) << table.error().ToString();
  ASSERT_NE(table->Find("urn:epc:id:sgln:4870001.00044.1"), nullptr);
  EXPECT_EQ(*table->Find("urn:epc:id:sgln:4870001.00044.1"), "KZ-BCP-044");
  EXPECT_THAT(table->SglnsOf("KZ-BCP-044"),
              ElementsAre("urn:epc:id:sgln:4870001.00044.0", "urn:epc:id:sgln:4870001.00044.1"));
  auto refused = SglnPostTable::Load(bad);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().line, 3);
  EXPECT_EQ(refused.error().field, "sgln");
  std::remove(good.c_str());
  std::remove(bad.c_str());
}

TEST(EpcisBindingTest, CheckpointFromBizStepInAnySpelling) {
  auto step = [](const std::string& biz_step) {
    return CheckpointOf(Parse(R"("type": "ObjectEvent", "action": "OBSERVE", "epcList": [],
        "bizStep": ")" + biz_step +
                              "\""));
  };
  EXPECT_EQ(step("arriving"), Checkpoint::kArrived);
  EXPECT_EQ(step("urn:epcglobal:cbv:bizstep:arriving"), Checkpoint::kArrived);
  EXPECT_EQ(step("https://ref.gs1.org/cbv/BizStep-departing"), Checkpoint::kDeparted);
  EXPECT_EQ(step("inspecting"), Checkpoint::kInspected);
  EXPECT_EQ(step("shipping"), Checkpoint::kNone);
  EXPECT_EQ(step("https://example.com/bizStep/arriving"), Checkpoint::kNone);
  EXPECT_EQ(CheckpointName(Checkpoint::kDeparted), "departed");
}

}  // namespace
}  // namespace keruen::tracking
