#include "keruen/audit/audit_chain.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace keruen::audit {
namespace {

using ::testing::HasSubstr;

std::vector<AuditRecord> Chain(int n) {
  std::vector<AuditRecord> records;
  std::string prev = kGenesisHash;
  for (int i = 1; i <= n; ++i) {
    AuditRecord r;
    r.seq = i;
    r.at = 1'700'000'000 + i;
    r.action = "decision";
    r.subject_type = "declaration";
    r.subject_id = "D" + std::to_string(i);
    r.actor = "engine";
    r.details_json = R"({"outcome":"green"})";
    r.prev_hash = prev;
    r.hash = RecordHash(r);
    prev = r.hash;
    records.push_back(r);
  }
  return records;
}

// Verifies `records` against a head at the last original record (seq 5 of Chain(5)).
ChainVerifier Verify(const std::vector<AuditRecord>& records, int64_t head_seq,
                     const std::string& head_hash) {
  ChainVerifier v;
  for (const AuditRecord& r : records) {
    if (!v.Add(r)) break;
  }
  v.Finish(head_seq, head_hash);
  return v;
}

TEST(AuditChainTest, AnUntouchedChainVerifies) {
  const auto chain = Chain(5);
  ChainVerifier v = Verify(chain, 5, chain.back().hash);
  EXPECT_TRUE(v.intact()) << v.problem();
  EXPECT_EQ(v.broken_at(), 0);
  EXPECT_EQ(v.checked(), 5);
  ChainVerifier empty;
  EXPECT_TRUE(empty.Finish(0, kGenesisHash));
}

TEST(AuditChainTest, EveryFieldIsCovered) {
  const AuditRecord base = Chain(1)[0];
  for (auto edit : std::vector<void (*)(AuditRecord&)>{
           [](AuditRecord& r) { r.at += 1; }, [](AuditRecord& r) { r.action = "decisioN"; },
           [](AuditRecord& r) { r.subject_type = "payment"; },
           [](AuditRecord& r) { r.subject_id = "D2"; }, [](AuditRecord& r) { r.actor = "analyst"; },
           [](AuditRecord& r) { r.details_json = R"({"outcome":"red"})"; }}) {
    AuditRecord edited = base;
    edit(edited);
    EXPECT_NE(RecordHash(edited), base.hash);
  }
  // Length prefixes: moving a character from one field to the next changes the hash.
  AuditRecord shifted = base;
  shifted.subject_type = "declarationD";
  shifted.subject_id = "1";
  EXPECT_NE(RecordHash(shifted), base.hash);
}

TEST(AuditChainTest, AnEditedRecordIsNamed) {
  auto chain = Chain(5);
  chain[2].details_json = R"({"outcome":"red"})";
  ChainVerifier v = Verify(chain, 5, chain.back().hash);
  EXPECT_EQ(v.broken_at(), 3);
  EXPECT_THAT(v.problem(), HasSubstr("record 3 was edited"));
}

TEST(AuditChainTest, AnEditedRecordWithARecomputedHashBreaksTheNextLink) {
  auto chain = Chain(5);
  chain[2].details_json = R"({"outcome":"red"})";
  chain[2].hash = RecordHash(chain[2]);
  ChainVerifier v = Verify(chain, 5, chain.back().hash);
  EXPECT_EQ(v.broken_at(), 4);
  EXPECT_THAT(v.problem(), HasSubstr("does not follow"));
}

TEST(AuditChainTest, DeletedAndReorderedRecordsAreNamed) {
  auto deleted = Chain(5);
  deleted.erase(deleted.begin() + 1);
  ChainVerifier v = Verify(deleted, 5, Chain(5).back().hash);
  EXPECT_FALSE(v.intact());
  EXPECT_EQ(v.broken_at(), 2);
  EXPECT_THAT(v.problem(), HasSubstr("record 2 is missing"));

  auto two_deleted = Chain(5);
  two_deleted.erase(two_deleted.begin() + 1, two_deleted.begin() + 3);
  v = Verify(two_deleted, 5, Chain(5).back().hash);
  EXPECT_EQ(v.broken_at(), 2);
  EXPECT_THAT(v.problem(), HasSubstr("records 2 to 3 are missing"));

  // Two records swapped by their sequence numbers, read back in sequence order.
  auto swapped = Chain(5);
  std::swap(swapped[1], swapped[2]);
  std::swap(swapped[1].seq, swapped[2].seq);
  v = Verify(swapped, 5, Chain(5).back().hash);
  EXPECT_EQ(v.broken_at(), 2);
  EXPECT_THAT(v.problem(), HasSubstr("record 2 does not follow"));

  // Read out of sequence order (a reader that does not sort).
  auto repeated = Chain(3);
  repeated.push_back(repeated[1]);
  v = Verify(repeated, 3, repeated[2].hash);
  EXPECT_EQ(v.broken_at(), 2);
  EXPECT_THAT(v.problem(), HasSubstr("record 2 is out of order after 3"));

  // Renumbered after a deletion: the sequence holds, the links do not.
  auto renumbered = Chain(5);
  renumbered.erase(renumbered.begin() + 1);
  for (size_t i = 0; i < renumbered.size(); ++i) renumbered[i].seq = static_cast<int64_t>(i) + 1;
  v = Verify(renumbered, 4, renumbered.back().hash);
  EXPECT_EQ(v.broken_at(), 2);
}

TEST(AuditChainTest, CuttingOffTheNewestRecordsIsCaughtByTheHead) {
  const auto full = Chain(5);
  auto cut = full;
  cut.resize(3);
  ChainVerifier v = Verify(cut, 5, full.back().hash);
  EXPECT_EQ(v.broken_at(), 4);
  EXPECT_THAT(v.problem(), HasSubstr("the newest records were deleted"));
}

TEST(AuditChainTest, RecordsPastTheHeadAndAForeignHeadAreCaught) {
  const auto full = Chain(5);
  ChainVerifier v = Verify(full, 3, full[2].hash);
  EXPECT_FALSE(v.intact());
  EXPECT_EQ(v.broken_at(), 4);
  EXPECT_THAT(v.problem(), HasSubstr("past the head"));

  // The last record rewritten with a recomputed hash: only the head can tell.
  auto rewritten = full;
  rewritten[4].actor = "someone else";
  rewritten[4].hash = RecordHash(rewritten[4]);
  v = Verify(rewritten, 5, full.back().hash);
  EXPECT_EQ(v.broken_at(), 5);
  EXPECT_THAT(v.problem(), HasSubstr("differs from the head"));

  // An empty log whose head is not the genesis hash is not intact, though no record broke.
  ChainVerifier empty;
  EXPECT_FALSE(empty.Finish(0, full[0].hash));
  EXPECT_FALSE(empty.intact());
}

}  // namespace
}  // namespace keruen::audit
