// The embedded Store: one SQLite database file (or a private in-memory database).
//
// Documents (declarations, payments) are kept as canonical JSON with their content hash,
// next to a few columns and key tables that exist only so the queries of store.h can use
// indexes: the HS codes of the goods items, the exact-match keys of the parties, their
// countries, and a case-folded copy of the party names for substring search. Amendments
// move the previous version to a history table. Movements, alerts and decisions are rows.
// Watch-list versions list their entries by (id, content hash); an entry's JSON is stored once
// per distinct content, so a new version of a large list costs only what changed.
// Positions are clustered by the hour of their time, then by track (one seal in one
// movement, an integer key): live positions arrive close to time order, so a batch from a
// thousand trucks writes the few pages of the current hour instead of one page per truck.
// A movement's positions are read hour by hour through the list of hours each track has.
//
// Query details store.h leaves open: a payment party's exact-match keys are its
// identifiers, account and agent BIC, and the payment's intermediary BICs; a payment's
// countries are its debtor's and creditor's. Country and currency filters ignore case. An
// `hs_prefix` that is not all digits, and an `after` that is not a cursor, are
// kInvalidArgument errors.
//
// Durability and consistency: WAL journal with synchronous=NORMAL, so a commit is atomic
// and survives a crash of the process (the WAL is checkpointed by a thread of the store, not
// by the commit that happens to fill it); a power loss may forget the last commits but never
// leaves a half-written one. A killed ingest therefore leaves the store as it was before
// its transaction began.
//
// A put that fails may have written part of its rows, so it leaves its transaction able
// only to roll back: later puts and Commit fail, and destruction discards everything.
//
// Concurrency: one write Transaction at a time per store (Begin waits up to the busy
// timeout for the previous one to finish, and fails at once when the calling thread itself
// holds the open one); other processes are kept out by SQLite's write lock. Reads use a
// pool of separate read-only connections, so they run concurrently with each other and
// with the writer and see only committed data. The exception is ":memory:", where an
// in-memory database exists in one connection only: there reads and writes take turns on
// that connection and a read sees the open transaction's uncommitted writes.
//
// Pages list documents in a fixed order so keyset paging never skips or repeats one:
// declarations by lodged_at, payments by executed_at, alerts in the order they were first
// stored, decisions by decided_at newest first; ties in the order stored (for decisions, the
// last stored first).
//
// The audit log (migration 5) is a table of hash-chained records and a one-row head table,
// both written by the same transaction as the put they record, so a rolled-back put leaves no
// record and a committed one always has its record. Triggers refuse UPDATE and DELETE on the
// log: the store's own code cannot change history by mistake (someone with the file can drop
// them, which is what the chain is for). A database migrated from schema 4 starts an empty
// chain: what was stored before was never logged and is not vouched for.
//
// Schema versions: `PRAGMA user_version` holds the number of migrations applied. Open
// applies the missing ones in one transaction and refuses a database written by a newer
// build, rather than misreading it.
#ifndef KERUEN_STORE_SQLITE_STORE_H_
#define KERUEN_STORE_SQLITE_STORE_H_

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "keruen/core/time.h"
#include "keruen/store/store.h"

namespace keruen {

class SqliteStore final : public Store {
 public:
  // The schema version this build creates and understands.
  static int SchemaVersion();

  // Opens the database at `path`, creating it when missing, or a private in-memory
  // database for ":memory:". `clock` stamps stored versions; it must outlive the store.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path, const Clock& clock);

  // Transactions must not outlive the store that began them.
  ~SqliteStore() override;

  Result<std::unique_ptr<Transaction>> Begin() override;

  Result<std::optional<Versioned<Declaration>>> GetDeclaration(const std::string& id) override;
  Result<std::vector<Versioned<Declaration>>> DeclarationHistory(const std::string& id) override;
  Result<Page<Declaration>> FindDeclarations(const DeclarationQuery& q) override;

  Result<std::optional<Versioned<Payment>>> GetPayment(const std::string& id) override;
  Result<std::vector<Versioned<Payment>>> PaymentHistory(const std::string& id) override;
  Result<Page<Payment>> FindPayments(const PaymentQuery& q) override;

  Result<std::optional<Movement>> GetMovement(const std::string& id) override;
  Result<Page<Movement>> FindMovements(const MovementQuery& q) override;
  Result<std::vector<PositionRecord>> MovementPositions(const std::string& movement_id,
                                                        int64_t limit) override;
  Result<std::vector<RejectedPositionRecord>> RejectedPositions(int64_t limit) override;
  Result<std::vector<EpcisEventRecord>> EpcisEvents(int64_t after, int64_t limit) override;
  Result<Page<Alert>> FindAlerts(const AlertQuery& q) override;
  Result<std::optional<Alert>> GetAlert(const std::string& id) override;
  Result<std::vector<Decision>> DecisionsFor(const SubjectRef& subject) override;
  Result<Page<Decision>> FindDecisions(const DecisionQuery& q) override;

  Result<std::vector<audit::AuditRecord>> AuditLog(int64_t after_seq, int64_t limit) override;
  Result<AuditHeadInfo> AuditHead() override;

  Result<std::vector<ListVersionInfo>> ListVersions(const std::string& list) override;
  Result<std::vector<ListEntryRecord>> ListEntries(const std::string& list,
                                                   int32_t version) override;

  Result<StoreStats> Stats() override;

 private:
  struct Connection;
  class ReadLease;
  class WriteTransaction;

  SqliteStore(std::string path, const Clock& clock, std::unique_ptr<Connection> writer);

  Result<ReadLease> AcquireReader();
  void ReturnReader(std::unique_ptr<Connection> reader);
  // Ends the open write transaction's claim on the writer and wakes a waiting Begin.
  void ReleaseWriter();

  const std::string path_;
  const Clock& clock_;
  const bool in_memory_;
  // The connection write transactions use (and, in memory, every read as well).
  std::unique_ptr<Connection> writer_;
  // Whether a write transaction is open (from Begin until Commit or destruction), and
  // which thread began it.
  std::mutex write_mutex_;
  std::condition_variable write_released_;
  bool write_open_ = false;
  std::thread::id write_thread_;
  std::mutex readers_mutex_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;

  // Checkpoints the WAL into the database file from a thread of its own, every
  // kCheckpointPeriod, so that a commit never waits for the fsyncs of a checkpoint (on disk
  // they made one request in fifty take 25 ms). File databases only.
  void CheckpointLoop(std::unique_ptr<Connection> connection);
  std::mutex checkpoint_mutex_;
  std::condition_variable checkpoint_wake_;
  bool stopping_ = false;
  std::thread checkpointer_;  // last: started once the members it uses exist
};

}  // namespace keruen

#endif  // KERUEN_STORE_SQLITE_STORE_H_
