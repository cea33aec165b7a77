#include "keruen/audit/audit_chain.h"

#include <utility>

#include "keruen/core/sha256.h"

namespace keruen::audit {

const char kGenesisHash[] = "0000000000000000000000000000000000000000000000000000000000000000";

std::string RecordHash(const AuditRecord& r) {
  Sha256 hash;
  auto field = [&hash](std::string_view value) {
    hash.Update(std::to_string(value.size()));
    hash.Update(":");
    hash.Update(value);
  };
  field(r.prev_hash);
  field(std::to_string(r.seq));
  field(std::to_string(r.at));
  field(r.action);
  field(r.subject_type);
  field(r.subject_id);
  field(r.actor);
  field(r.details_json);
  return hash.HexDigest();
}

bool ChainVerifier::Fail(int64_t seq, std::string problem) {
  broken_at_ = seq;
  problem_ = std::move(problem);
  return false;
}

bool ChainVerifier::Add(const AuditRecord& r) {
  if (!intact()) return false;
  if (r.seq == last_seq_ + 2) {
    return Fail(r.seq - 1, "record " + std::to_string(r.seq - 1) + " is missing");
  }
  if (r.seq > last_seq_ + 2) {
    return Fail(last_seq_ + 1, "records " + std::to_string(last_seq_ + 1) + " to " +
                                   std::to_string(r.seq - 1) + " are missing");
  }
  if (r.seq != last_seq_ + 1) {
    return Fail(r.seq, "record " + std::to_string(r.seq) + " is out of order after " +
                           std::to_string(last_seq_));
  }
  if (r.prev_hash != last_hash_) {
    return Fail(r.seq, "record " + std::to_string(r.seq) +
                           " does not follow the record before it (its previous hash is " +
                           r.prev_hash.substr(0, 12) + "..., the chain says " +
                           last_hash_.substr(0, 12) + "...): a record was replaced or reordered");
  }
  if (RecordHash(r) != r.hash) {
    return Fail(r.seq, "record " + std::to_string(r.seq) +
                           " was edited: its content no longer matches its hash");
  }
  ++checked_;
  last_seq_ = r.seq;
  last_hash_ = r.hash;
  return true;
}

bool ChainVerifier::Finish(int64_t head_seq, const std::string& head_hash) {
  if (!intact()) return false;
  if (head_seq > last_seq_) {
    return Fail(last_seq_ + 1, "the log ends at record " + std::to_string(last_seq_) +
                                   " but the head says " + std::to_string(head_seq) +
                                   ": the newest records were deleted");
  }
  if (head_seq < last_seq_) {
    return Fail(head_seq + 1, "the log goes on past the head: record " +
                                  std::to_string(head_seq + 1) + " was added after it");
  }
  if (head_hash != last_hash_) {
    return Fail(last_seq_, "record " + std::to_string(last_seq_) +
                               "'s hash differs from the head's: the record or the head was "
                               "rewritten");
  }
  return true;
}

}  // namespace keruen::audit
