#include "keruen/sim/detection.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "keruen/store/sqlite_store.h"

namespace keruen {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::string TempFile(const std::string& name, const std::string& text) {
  const fs::path path = fs::path(::testing::TempDir()) /
                        ("keruen_detection_" + std::to_string(getpid()) + "_" + name);
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

std::vector<TruthRecord> SampleTruth() {
  TruthRecord a{.scheme = Scheme::kSanctionedPartyVariant,
                .declarations = {"D-1"},
                .payments = {"P-1"},
                .parties = {"OOO X"},
                .note = "listed consignor"};
  TruthRecord b{
      .scheme = Scheme::kSanctionedPartyVariant, .declarations = {"D-2"}, .note = "second"};
  TruthRecord c{.scheme = Scheme::kGhostTransit, .declarations = {"D-3"}, .devices = {"S-1"}};
  return {a, b, c};
}

TEST(DetectionTest, TruthFilesReadBackWhatTheSimulatorWrites) {
  std::string text;
  for (const TruthRecord& t : SampleTruth()) {
    AppendJson(t, text);
    text += "\n";
  }
  auto read = ReadTruthFile(TempFile("truth.jsonl", text + "\n"));
  ASSERT_TRUE(read.has_value()) << read.error().ToString();
  EXPECT_EQ(*read, SampleTruth());
}

TEST(DetectionTest, ABadTruthLineIsReportedWithItsLine) {
  std::string text;
  AppendJson(SampleTruth()[0], text);
  text += "\n{\"scheme\":\"teleportation\",\"records\":{}}\n";
  auto read = ReadTruthFile(TempFile("bad.jsonl", text));
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().line, 2);
  EXPECT_THAT(read.error().message, HasSubstr("teleportation"));
}

TEST(DetectionTest, CountsDetectedInstancesAndUnexplainedAlerts) {
  ManualClock clock(1'780'000'000);
  auto store = SqliteStore::Open(":memory:", clock);
  ASSERT_TRUE(store.has_value());
  {
    auto txn = (*store)->Begin();
    ASSERT_TRUE(txn.has_value());
    // Caught on the payment of the first instance; a P6 alert elsewhere; a rule not checked.
    for (auto [rule, subject] : {std::pair{"P6", "P-1"}, {"P6", "D-9"}, {"T1", "D-3"}}) {
      Alert a{.rule = rule, .subject = {"declaration", subject}};
      ASSERT_TRUE((*txn)->PutAlert(a).has_value());
    }
    ASSERT_TRUE((*txn)->Commit().has_value());
  }
  auto report = CheckDetection(**store, SampleTruth(), {{Scheme::kSanctionedPartyVariant, {"P6"}}});
  ASSERT_TRUE(report.has_value()) << report.error().ToString();
  ASSERT_EQ(report->schemes.size(), 1u);
  EXPECT_EQ(report->schemes[0].planted, 2);
  EXPECT_EQ(report->schemes[0].detected, 1);
  EXPECT_THAT(report->schemes[0].missed, ::testing::ElementsAre("second"));
  EXPECT_EQ(report->alerts_by_rule.at("P6"), 2);
  EXPECT_EQ(report->alerts_by_rule.at("T1"), 1);
  EXPECT_EQ(report->unexplained_by_rule.at("P6"), 1);
  EXPECT_EQ(report->unexplained_by_rule.count("T1"), 0u);  // T1 was not checked
}

}  // namespace
}  // namespace keruen
