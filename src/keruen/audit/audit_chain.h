// The audit log's hash chain: every decision Keruen takes or records (a lane, a payment hold,
// an analyst's disposition, a list import) is appended as a record whose hash covers the
// record and the previous record's hash. Editing, reordering or deleting any record breaks
// the chain from that point on, and `keruen audit verify` says where.
//
// The chain alone cannot see the newest records being cut off (the rest still links up), so
// the store also keeps the head (the last sequence number and hash) in a separate table,
// written in the same transaction; `keruen audit head` prints it so that it can be kept
// elsewhere (a ticket, a printout, another system) and compared later. Someone able to rewrite
// the whole database and the head can forge a consistent history; an anchor kept outside
// cannot be rewritten that way.
#ifndef KERUEN_AUDIT_AUDIT_CHAIN_H_
#define KERUEN_AUDIT_AUDIT_CHAIN_H_

#include <cstdint>
#include <optional>
#include <string>

#include "keruen/core/time.h"

namespace keruen::audit {

struct AuditRecord {
  int64_t seq = 0;  // 1, 2, 3... with no gaps
  Timestamp at = 0;
  std::string action;  // "decision", "list_import", ...
  std::string subject_type;
  std::string subject_id;
  std::string actor;         // "engine", an analyst id, or the command that imported
  std::string details_json;  // the decision or import as JSON
  std::string prev_hash;     // the previous record's hash; kGenesisHash for the first
  std::string hash;          // RecordHash(*this)
};

// The prev_hash of record 1: 64 zeros.
extern const char kGenesisHash[];

// SHA-256 (hex) over prev_hash and every other field but `hash`, each length-prefixed so that
// no two different records serialise alike.
std::string RecordHash(const AuditRecord& record);

// Checks records one at a time, in sequence order, as they are read from the store.
class ChainVerifier {
 public:
  // False once a record does not follow from the previous one; problem() says why.
  bool Add(const AuditRecord& record);
  // After the last record: false when the chain does not end at `head_seq` / `head_hash`.
  bool Finish(int64_t head_seq, const std::string& head_hash);

  int64_t checked() const { return checked_; }
  // Whether every record so far followed from the one before it (and, after Finish, the
  // chain ended at the head).
  bool intact() const { return problem_.empty(); }
  // The sequence number at which the chain broke (0 while intact; also 0 when an empty log
  // disagrees with its head), and why ("record 7 was edited: ...").
  int64_t broken_at() const { return broken_at_; }
  const std::string& problem() const { return problem_; }

 private:
  bool Fail(int64_t seq, std::string problem);

  int64_t checked_ = 0;
  int64_t last_seq_ = 0;
  std::string last_hash_ = kGenesisHash;
  int64_t broken_at_ = 0;
  std::string problem_;
};

}  // namespace keruen::audit

#endif  // KERUEN_AUDIT_AUDIT_CHAIN_H_
