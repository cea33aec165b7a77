#include "keruen/risk/rule_hit.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace keruen::risk {
namespace {

RuleHit Hit(std::string evidence, std::vector<std::string> related) {
  RuleHit hit;
  hit.rule = "Q2";
  hit.strength = 1;
  hit.severity = Severity::kHigh;
  hit.explanation = "passed through";
  hit.evidence_json = std::move(evidence);
  hit.related_declarations = std::move(related);
  return hit;
}

TEST(AlertOf, IdComesFromTheRuleAndTheFacts) {
  const RuleHit hit = Hit(R"({"hs6":"854231"})", {});
  const Alert a = AlertOf({"declaration", "E-1"}, hit, "E-1|854231", 100);
  EXPECT_EQ(a.id.substr(0, 3), "Q2-");
  EXPECT_EQ(a.id.size(), 3u + 16u);
  EXPECT_EQ(AlertOf({"declaration", "E-1"}, hit, "E-1|854231", 200).id, a.id);
  EXPECT_NE(AlertOf({"declaration", "E-1"}, hit, "E-1|854232", 100).id, a.id);
  EXPECT_EQ(a.rule, "Q2");
  EXPECT_EQ(a.severity, Severity::kHigh);
  EXPECT_EQ(a.subject.id, "E-1");
  EXPECT_EQ(a.raised_at, 100);
  EXPECT_EQ(a.evidence_json, hit.evidence_json);
}

TEST(AlertOf, RelatedDeclarationsJoinTheEvidence) {
  const Alert a =
      AlertOf({"declaration", "E-1"}, Hit(R"({"hs6":"854231","in_kg":5})", {"I-1", "I-2"}), "f", 0);
  const auto evidence = nlohmann::json::parse(a.evidence_json);
  EXPECT_EQ(evidence.at("related_declarations"), (nlohmann::json{"I-1", "I-2"}));
  EXPECT_EQ(evidence.at("hs6"), "854231");
  EXPECT_EQ(evidence.at("in_kg"), 5);
  // An empty object and no evidence at all stay valid JSON.
  EXPECT_EQ(nlohmann::json::parse(
                AlertOf({"declaration", "E-1"}, Hit("{}", {"I-1"}), "f", 0).evidence_json)
                .size(),
            1u);
  EXPECT_EQ(
      nlohmann::json::parse(AlertOf({"declaration", "E-1"}, Hit("", {"I-1"}), "f", 0).evidence_json)
          .at("related_declarations")
          .size(),
      1u);
}

}  // namespace
}  // namespace keruen::risk
