// `keruen risk` and `keruen cases` on the spec's example declaration: a profile file checked
// with its mistakes' places, a lane explained rule by rule, the case the alerts make, an
// analyst's work on it, and the audit log that records that work.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "cli_support.h"

namespace keruen::testing {
namespace {

using ::testing::HasSubstr;

class RiskCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir("risk_cli");
    db_ = dir_ + "/k.db";
    auto r = RunKeruen({"--db", db_, "ingest", "declarations", "--no-screen",
                        SpecPath("declaration.example.json")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_THAT(r.out, HasSubstr("lanes:"));
  }

  // The id of the only case.
  std::string OnlyCase() {
    auto r = RunKeruen({"--db", db_, "cases", "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const auto list = nlohmann::json::parse(r.out);
    EXPECT_EQ(list.at("total"), 1);
    return list.at("cases").at(0).at("id");
  }

  std::string dir_, db_;
};

TEST_F(RiskCliTest, CheckRefusesAProfileFileWithItsMistakesPlaces) {
  const std::string bad = dir_ + "/bad.krp";
  WriteText(bad, "profile p1\n  when destinaton in RU\n  score +10\nend\nrule Q6 min_parts 500\n");
  auto r = RunKeruen({"risk", "check", bad});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("bad.krp:2:8: unknown field \"destinaton\""));
  EXPECT_THAT(r.err, HasSubstr("bad.krp:5:"));
  EXPECT_THAT(r.err, HasSubstr("nothing in it takes effect"));

  r = RunKeruen({"risk", "check", "src/keruen/risk/testdata/example.krp"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("6 profiles"));
  EXPECT_THAT(r.out, HasSubstr("chpl-electronics-to-russia"));
}

TEST_F(RiskCliTest, ExplainShowsEachRuleAndTheRecordedLane) {
  auto r = RunKeruen({"--db", db_, "risk", "explain", "26KZ0101T0004217", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto explained = nlohmann::json::parse(r.out);
  // Integrated circuits (CHPL tier 1) in transit to Kyrgyzstan, a diversion-risk country.
  bool g1 = false;
  for (const auto& rule : explained.at("rules")) g1 |= rule.at("rule") == "G1";
  EXPECT_TRUE(g1) << r.out;
  // The lane ingest recorded is the one explained again.
  ASSERT_EQ(explained.at("recorded").size(), 1u);
  EXPECT_EQ(explained.at("recorded")[0].at("outcome"), explained.at("lane"));

  // A profile can raise the lane; the explanation names it.
  const std::string profiles = dir_ + "/p.krp";
  WriteText(profiles,
            "profile ic-to-kg \"Integrated circuits toward Kyrgyzstan\"\n"
            "  when destination in KG\n   and item.hs starts with 8542\n"
            "  lane at least red\nend\n");
  r = RunKeruen({"--db", db_, "risk", "explain", "26KZ0101T0004217", "--profiles", profiles});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("lane red"));
  EXPECT_THAT(r.out, HasSubstr("profile ic-to-kg sets the lane at least red"));

  r = RunKeruen({"--db", db_, "risk", "explain", "NO-SUCH"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("no declaration NO-SUCH"));
}

TEST_F(RiskCliTest, ACaseIsWorkedAndTheWorkIsAudited) {
  const std::string id = OnlyCase();
  auto r = RunKeruen({"--db", db_, "cases", "show", id});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("declaration 26KZ0101T0004217"));
  EXPECT_THAT(r.out, HasSubstr("on chpl 854231"));

  r = RunKeruen({"--db", db_, "cases", "assign", id, "--analyst", "aigerim"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunKeruen({"--db", db_, "cases", "--status", "assigned"});
  EXPECT_THAT(r.out, HasSubstr("[aigerim]"));
  // A false positive needs a reason.
  r = RunKeruen(
      {"--db", db_, "cases", "close", id, "--outcome", "false_positive", "--analyst", "aigerim"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("reason"));
  r = RunKeruen({"--db", db_, "cases", "close", id, "--outcome", "false_positive", "--analyst",
                 "aigerim", "--reason", "licensed parts for a Bishkek assembler"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("false_positive"));

  // The lane, the assignment and the disposition are in the audit log, which holds together.
  r = RunKeruen({"--db", db_, "audit", "log", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"assignment\""));
  EXPECT_THAT(r.out, HasSubstr("\"disposition\""));
  r = RunKeruen({"--db", db_, "audit", "verify"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("audit log intact"));
}

}  // namespace
}  // namespace keruen::testing
