#include "keruen/cases/cases.h"

#include <gtest/gtest.h>

#include "keruen/store/sqlite_store.h"

namespace keruen::cases {
namespace {

class CasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = SqliteStore::Open(":memory:", clock_);
    ASSERT_TRUE(store.has_value());
    store_ = std::move(*store);
  }

  void Raise(std::string id, std::string rule, std::string type, std::string subject,
             std::string evidence = "{}", Severity severity = Severity::kHigh) {
    Alert a;
    a.id = std::move(id);
    a.rule = std::move(rule);
    a.severity = severity;
    a.subject = {std::move(type), std::move(subject)};
    a.evidence_json = std::move(evidence);
    a.explanation = "test";
    a.raised_at = clock_.Now();
    clock_.Advance(60);
    auto txn = store_->Begin();
    ASSERT_TRUE(txn.has_value());
    ASSERT_TRUE((*txn)->RaiseAlert(a).has_value());
    ASSERT_TRUE((*txn)->Commit().has_value());
  }

  std::vector<Case> All() {
    auto cases = BuildCases(*store_);
    EXPECT_TRUE(cases.has_value()) << cases.error().message;
    return cases ? *cases : std::vector<Case>{};
  }

  ManualClock clock_{1772323200};
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(CasesTest, OneStoryJoinsTruckGoodsLedgerAndMoney) {
  Raise("G2-a", "G2", "declaration", "EXP-1", "{}", Severity::kCritical);
  Raise("T1-a", "T1", "movement", "EXP-1");
  // The pass-through rests on the import and the export.
  Raise("Q2-a", "Q2", "declaration", "EXP-1", R"({"related_declarations":["IMP-1"]})");
  // The import's payment, paid by a third party.
  Raise("F1-a", "F1", "payment", "PMT-1", R"({"linked_declarations":["IMP-1"]})");
  // Someone else's story.
  Raise("G1-b", "G1", "declaration", "EXP-9", "{}", Severity::kMedium);

  const std::vector<Case> cases = All();
  ASSERT_EQ(cases.size(), 2u);
  const Case& story = cases[0];  // critical first
  EXPECT_EQ(story.id, "CASE-G2-a");
  EXPECT_EQ(story.declarations, (std::vector<std::string>{"EXP-1", "IMP-1"}));
  EXPECT_EQ(story.payments, std::vector<std::string>{"PMT-1"});
  EXPECT_EQ(story.rules, (std::vector<std::string>{"F1", "G2", "Q2", "T1"}));
  EXPECT_EQ(story.alerts.size(), 4u);
  EXPECT_EQ(story.severity, Severity::kCritical);
  EXPECT_EQ(cases[1].declarations, std::vector<std::string>{"EXP-9"});
  EXPECT_GT(story.priority, cases[1].priority);
}

TEST_F(CasesTest, CaseIdStaysWhenTheStoryGrows) {
  Raise("G2-a", "G2", "declaration", "EXP-1");
  const std::string id = All().at(0).id;
  Raise("T3-a", "T3", "movement", "EXP-1");
  ASSERT_EQ(All().size(), 1u);
  EXPECT_EQ(All()[0].id, id);
}

TEST_F(CasesTest, FiltersByStatusRuleAndDocument) {
  Raise("G2-a", "G2", "declaration", "EXP-1");
  Raise("G1-b", "G1", "declaration", "EXP-9");
  EXPECT_EQ(BuildCases(*store_, {.rule = "G1"})->size(), 1u);
  EXPECT_EQ(BuildCases(*store_, {.document = "EXP-1"})->at(0).id, "CASE-G2-a");
  EXPECT_EQ(BuildCases(*store_, {.status = "assigned"})->size(), 0u);
}

TEST_F(CasesTest, AssignAndDisposeAreRecorded) {
  Raise("G2-a", "G2", "declaration", "EXP-1");
  Raise("T1-a", "T1", "movement", "EXP-1");
  auto assigned = AssignCase(*store_, "CASE-G2-a", "aigerim", clock_);
  ASSERT_TRUE(assigned.has_value()) << assigned.error().message;
  EXPECT_EQ(assigned->status, CaseStatus::kAssigned);
  EXPECT_EQ(assigned->assignee, "aigerim");
  EXPECT_EQ(store_->GetAlert("T1-a")->value().status, AlertStatus::kAssigned);

  // A false positive needs a reason; an unknown outcome is refused.
  EXPECT_FALSE(DisposeCase(*store_, "CASE-G2-a", "false_positive", "aigerim", "", clock_));
  EXPECT_FALSE(DisposeCase(*store_, "CASE-G2-a", "maybe", "aigerim", "x", clock_));
  auto closed = DisposeCase(*store_, "CASE-G2-a", "true_positive", "aigerim", "seized", clock_);
  ASSERT_TRUE(closed.has_value()) << closed.error().message;
  EXPECT_EQ(closed->status, CaseStatus::kTruePositive);
  EXPECT_EQ(store_->GetAlert("G2-a")->value().status, AlertStatus::kTruePositive);
  // Both steps are decisions on the case.
  auto decisions = store_->DecisionsFor({"case", "CASE-G2-a"});
  ASSERT_TRUE(decisions.has_value());
  ASSERT_EQ(decisions->size(), 2u);
  EXPECT_EQ((*decisions)[1].outcome, "true_positive");
  EXPECT_EQ((*decisions)[1].decided_by, "aigerim");
  // A closed case is not reassigned; an unknown case is not found.
  EXPECT_FALSE(AssignCase(*store_, "CASE-G2-a", "bolat", clock_));
  EXPECT_EQ(AssignCase(*store_, "CASE-nope", "bolat", clock_).error().code, ErrorCode::kNotFound);
}

TEST_F(CasesTest, ClearedFalsePositiveStopsRealertingOnTheSameFacts) {
  const std::string listed_hit =
      R"({"role":"consignee","party":{"name":"Romashka"},"hit":{"list":"ofac_sdn","id":"123"}})";
  Raise("P6-a", "P6", "declaration", "D-1", listed_hit);
  ASSERT_TRUE(DisposeCase(*store_, "CASE-P6-a", "false_positive", "bolat",
                          "a namesake: different INN", clock_));
  // The same party matching the same entry on a later declaration opens no case...
  Raise("P6-b", "P6", "declaration", "D-2", listed_hit);
  // ...but another listed entry does.
  Raise("P6-c", "P6", "declaration", "D-3",
        R"({"role":"consignee","party":{"name":"Romashka"},"hit":{"list":"ofac_sdn","id":"999"}})");
  std::vector<Case> open = *BuildCases(*store_, {.status = "open"});
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].id, "CASE-P6-c");
  bool suppressed_seen = false;
  for (const Case& c : All()) {
    for (const Alert& a : c.suppressed) suppressed_seen |= a.id == "P6-b";
  }
  EXPECT_FALSE(suppressed_seen);  // D-2's only alert is suppressed: it has no case at all
  EXPECT_EQ(All().size(), 2u);    // the cleared one and D-3's
}

}  // namespace
}  // namespace keruen::cases
