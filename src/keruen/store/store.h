// The Store: where Keruen keeps what it has seen and decided.
//
// Engines and interfaces talk to this interface only. The embedded implementation is
// SQLite (sqlite_store.h); a PostgreSQL one can follow without touching callers.
//
// Writes go through a Transaction so that ingesting a file is all-or-nothing: open one,
// put every document, then Commit. A Transaction destroyed without Commit rolls back.
// Only one write transaction is open at a time per Store; reads may run concurrently from
// other threads (each implementation documents how).
//
// Idempotence: each document is stored in its canonical JSON form with a content hash.
// Putting a document whose id is known with the same hash changes nothing; with a
// different hash it is an amendment: the new content becomes current and the old one is
// kept in the history with its version number.
#ifndef KERUEN_STORE_STORE_H_
#define KERUEN_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "keruen/audit/audit_chain.h"
#include "keruen/core/error.h"
#include "keruen/core/model.h"

namespace keruen {

// What a put did with one document.
enum class PutOutcome { kInserted, kAmended, kUnchanged };

struct PutCounts {
  int64_t inserted = 0;
  int64_t amended = 0;
  int64_t unchanged = 0;
  void Add(PutOutcome o) {
    (o == PutOutcome::kInserted ? inserted : o == PutOutcome::kAmended ? amended : unchanged)++;
  }
  int64_t total() const { return inserted + amended + unchanged; }
};

// A stored version of a document.
template <typename T>
struct Versioned {
  T value;
  int32_t version = 1;       // 1 for the first content, +1 per amendment
  Timestamp stored_at = 0;   // when this version was stored (store clock)
  std::string source;        // file name or "api"
  std::string content_hash;  // hex of the canonical JSON's hash
};

// Filters for listing declarations. Empty fields do not filter.
struct DeclarationQuery {
  std::string party;      // any identifier value (exact) or part of a party name (any case)
  std::string hs_prefix;  // digits; matches items whose HS code starts with it
  std::optional<Timestamp> from, to;  // lodged_at in [from, to)
  std::optional<DeclarationKind> kind;
  std::string country;  // dispatch or destination country, or any party's country
  int limit = 100;      // at most 1000
  std::string after;    // cursor from the previous page's `next`
};

struct PaymentQuery {
  std::string party;                  // identifier, account, BIC (exact) or part of a name
  std::optional<Timestamp> from, to;  // executed_at in [from, to)
  std::string country;
  std::string currency;
  int limit = 100;
  std::string after;
};

struct AlertQuery {
  std::string rule;
  std::string subject_type;
  std::string subject_id;
  std::optional<AlertStatus> status;
  int limit = 100;
  std::string after;
};

// Filters for listing decisions (what the engine and analysts decided, across subjects, for
// review and for `keruen cases`). Empty fields do not filter. Pages run newest first, by
// decided_at then the order stored: a reviewer starts from what was decided last.
struct DecisionQuery {
  std::string kind;  // "lane", "payment", "disposition"
  std::string subject_type;
  std::string subject_id;
  std::string outcome;
  std::string decided_by;
  std::optional<Timestamp> from, to;  // decided_at in [from, to)
  int limit = 100;                    // at most 1000
  std::string after;                  // cursor from the previous page's `next`
};

// The newest audit record's sequence number and hash (0 and audit::kGenesisHash while the log
// is empty). Kept apart from the log so that cutting off the newest records shows, and
// printed by `keruen audit head` so that a copy can be kept outside the database.
struct AuditHeadInfo {
  int64_t seq = 0;
  std::string hash;
};

// A seal position as stored: the tracking component parses and checks it, the store keeps it
// with the movement it was bound to. (movement, device, ts) is unique: a repeated report is
// dropped.
struct PositionRecord {
  std::string device;
  Timestamp ts = 0;
  std::string movement_id;
  double lat = 0;
  double lon = 0;
  std::optional<double> speed_kmh;
  std::optional<int> battery_pct;
  std::string event;  // "" or an EAEU seal event code "01".."07"
  bool operator==(const PositionRecord&) const = default;
};

// A report that was refused (malformed, unknown seal), kept with its reason so that no input
// disappears without a trace.
struct RejectedPositionRecord {
  Timestamp received_at = 0;
  std::string source;  // file name, "api", "osmand"
  int64_t line = 0;
  std::string field;
  std::string reason;
  std::string raw;
};

// A captured EPCIS event with the fields the queries filter on; `json` is the event as
// captured. `sequence` is assigned by the store, in capture order.
struct EpcisEventRecord {
  int64_t sequence = 0;
  Timestamp record_time = 0;
  Timestamp event_time = 0;
  std::string event_type;
  std::string biz_step;
  std::string movement_id;  // "" when it names no movement
  std::string post_id;      // "" when at no known post
  std::string json;
};

struct MovementQuery {
  std::optional<MovementState> state;
  std::string alert_rule;  // movements with an alert of this rule ("T1"), "any" for any rule
  int limit = 100;
  std::string after;
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::string next;  // cursor for the next page; empty on the last page
};

// One imported version of a watch list (a sanctions list, a national list). The store keeps
// entries as opaque JSON: their shape belongs to the screening component, and versions are
// what `keruen lists diff` and continuous screening compare.
struct ListVersionInfo {
  std::string list;          // list id, e.g. "ofac_sdn"
  int32_t version = 0;       // 1, 2, ... per list, assigned by the store
  std::string format;        // the importer used, e.g. "ofac-sdn"
  std::string source;        // the file or folder imported
  std::string published_on;  // the list's own date when it states one
  std::string content_hash;  // over the entries: equal hashes mean equal content
  int64_t entry_count = 0;
  Timestamp imported_at = 0;  // store clock
};

struct ListEntryRecord {
  std::string id;    // the entry's id within its list
  std::string json;  // the entry, as the screening component serialises it
};

struct ListPutResult {
  ListVersionInfo version;  // the stored version (new, or the unchanged latest)
  bool created = false;     // false when the latest version already had this content
};

struct StoreStats {
  int64_t declarations = 0;
  int64_t declaration_versions = 0;  // amendments kept in history
  int64_t goods_items = 0;
  int64_t payments = 0;
  int64_t movements = 0;
  int64_t alerts = 0;
  int64_t decisions = 0;
  int64_t positions = 0;
  int64_t rejected_positions = 0;
  int64_t epcis_events = 0;
};

class Transaction {
 public:
  virtual ~Transaction() = default;  // rolls back unless committed

  virtual Result<PutOutcome> PutDeclaration(const Declaration& d, const std::string& source) = 0;
  virtual Result<PutOutcome> PutPayment(const Payment& p, const std::string& source) = 0;
  // Movements are state, not documents: a put replaces the stored one.
  virtual Status PutMovement(const Movement& m) = 0;
  // Assigns an id when `a.id` is empty; returns the id.
  virtual Result<std::string> PutAlert(const Alert& a) = 0;
  // Stores `a` (whose id the caller derives from the facts alerted on) unless an alert with
  // that id exists, which is left as it is: an analyst may be working on it, and the same
  // facts seen again must not reopen it. Returns whether `a` was stored.
  virtual Result<bool> RaiseAlert(const Alert& a) = 0;
  // Every put is appended to the audit log (action "decision"), replacing an id included.
  virtual Result<std::string> PutDecision(const Decision& d) = 0;
  // An analyst (or the engine, as `actor`) moves an alert through its workflow. The change is
  // appended to the audit log (action "alert_status", with the old and new status and
  // `reason`) so that who closed what, and why, cannot be rewritten quietly. kNotFound when no
  // alert has that id; setting the status the alert already has writes nothing.
  virtual Status SetAlertStatus(const std::string& alert_id, AlertStatus status,
                                const std::string& actor, const std::string& reason) = 0;
  // Stores `entries` as the next version of `info.list`, unless the list's latest version
  // has the same content hash: then nothing is written and that version is returned.
  // `info.version` and `info.imported_at` are assigned by the store. A created version is
  // appended to the audit log (action "list_import"): screening results depend on it.
  virtual Result<ListPutResult> PutListVersion(const ListVersionInfo& info,
                                               const std::vector<ListEntryRecord>& entries) = 0;
  // Stores the positions not stored yet (by movement, device and time); returns how many were
  // new.
  virtual Result<int64_t> PutPositions(const std::vector<PositionRecord>& positions) = 0;
  virtual Status PutRejectedPositions(const std::vector<RejectedPositionRecord>& rejected) = 0;
  // Assigns and returns the sequence.
  virtual Result<int64_t> PutEpcisEvent(const EpcisEventRecord& event) = 0;

  virtual Status Commit() = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  virtual Result<std::unique_ptr<Transaction>> Begin() = 0;

  virtual Result<std::optional<Versioned<Declaration>>> GetDeclaration(const std::string& id) = 0;
  // Every version, oldest first (the current one last).
  virtual Result<std::vector<Versioned<Declaration>>> DeclarationHistory(const std::string& id) = 0;
  virtual Result<Page<Declaration>> FindDeclarations(const DeclarationQuery& q) = 0;

  virtual Result<std::optional<Versioned<Payment>>> GetPayment(const std::string& id) = 0;
  virtual Result<std::vector<Versioned<Payment>>> PaymentHistory(const std::string& id) = 0;
  virtual Result<Page<Payment>> FindPayments(const PaymentQuery& q) = 0;

  virtual Result<std::optional<Movement>> GetMovement(const std::string& id) = 0;
  virtual Result<Page<Movement>> FindMovements(const MovementQuery& q) = 0;
  // The positions of a movement in time order, at most `limit` (the first ones).
  virtual Result<std::vector<PositionRecord>> MovementPositions(const std::string& movement_id,
                                                                int64_t limit) = 0;
  virtual Result<std::vector<RejectedPositionRecord>> RejectedPositions(int64_t limit) = 0;
  // Every captured EPCIS event with a sequence above `after`, in capture order.
  virtual Result<std::vector<EpcisEventRecord>> EpcisEvents(int64_t after, int64_t limit) = 0;
  virtual Result<Page<Alert>> FindAlerts(const AlertQuery& q) = 0;
  // One alert, for the case view and before changing its status.
  virtual Result<std::optional<Alert>> GetAlert(const std::string& id) = 0;
  virtual Result<std::vector<Decision>> DecisionsFor(const SubjectRef& subject) = 0;
  // Decisions across subjects (a day's holds, one analyst's dispositions), for review.
  virtual Result<Page<Decision>> FindDecisions(const DecisionQuery& q) = 0;

  // The audit log's records with a sequence number above `after_seq`, in sequence order, at
  // most `limit`: `keruen audit verify` reads the whole log this way, page by page.
  virtual Result<std::vector<audit::AuditRecord>> AuditLog(int64_t after_seq, int64_t limit) = 0;
  virtual Result<AuditHeadInfo> AuditHead() = 0;

  // Every stored version of `list`, or of all lists when it is empty; by list, oldest first.
  virtual Result<std::vector<ListVersionInfo>> ListVersions(const std::string& list) = 0;
  // The entries of one version, ordered by id; kNotFound when there is no such version.
  virtual Result<std::vector<ListEntryRecord>> ListEntries(const std::string& list,
                                                           int32_t version) = 0;

  virtual Result<StoreStats> Stats() = 0;
};

// Every stored declaration (current versions) in lodging order, and every payment in order of
// execution, a page at a time: the pass that loads an engine's memory from the store. `visit`
// returns false to stop early. Returns how many documents were visited.
Result<int64_t> ForEachDeclaration(Store& store,
                                   const std::function<bool(const Declaration&)>& visit);
Result<int64_t> ForEachPayment(Store& store, const std::function<bool(const Payment&)>& visit);

}  // namespace keruen

#endif  // KERUEN_STORE_STORE_H_
