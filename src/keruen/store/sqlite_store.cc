#include "keruen/store/sqlite_store.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>

#include "keruen/core/json_codec.h"
#include "keruen/core/json_writer.h"
#include "keruen/store/internal/document_keys.h"
#include "keruen/store/internal/fold_case.h"
#include "keruen/store/internal/sqlite.h"
#include "keruen/store/internal/status_macros.h"

namespace keruen {
namespace {

using sqlite::Database;
using sqlite::Statement;

constexpr std::string_view kMemoryPath = ":memory:";
constexpr std::chrono::milliseconds kBusyTimeout{5000};
constexpr int kMaxPageSize = 1000;
// Positions are clustered by the hour of their time (migration 4): ts / kSecondsPerHour.
constexpr int64_t kSecondsPerHour = 3600;
// Up to this many goods items matching an HS prefix, a page is built from the matches
// (look each up, sort them); beyond it, by walking the lodging-time index and keeping the
// declarations among the matches, which stops as soon as the page is full. Where the two
// cost the same depends on the store's size; this is the point for about 10^5 to 10^6
// declarations and pages of 100.
constexpr int64_t kSelectiveHsMatches = 2000;

// ---- schema ----

// Migration i takes the schema from version i to version i + 1. Append new steps; never
// edit a released one, since databases in the field have already applied it.
//
// Layout notes. Every table with an INTEGER PRIMARY KEY names it, so VACUUM cannot
// renumber the rows the key tables point to. The key tables are WITHOUT ROWID with the
// looked-up value first: each is then a single b-tree that both stores and indexes the
// pair. They carry no FOREIGN KEY clause: they are derived data that only the put writing
// their document writes, and checking every row cost an eighth of the ingest time. Countries
// are few per document and rarely selective, so they are a column searched by substring
// rather than more key rows. Documents keep their canonical JSON as the stored value; the
// other columns exist for filtering. Enumerations are stored by name so the file reads
// well in the sqlite3 shell and does not depend on the order of C++ enumerators.
constexpr std::string_view kMigrations[] = {
    R"sql(
CREATE TABLE declarations (
  declaration_key INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  lodged_at INTEGER NOT NULL,
  countries TEXT NOT NULL,    -- dispatch, destination and parties': ' DE KG KZ '
  party_names TEXT NOT NULL,  -- case-folded, one per line, for substring search
  version INTEGER NOT NULL,
  stored_at INTEGER NOT NULL,
  source TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  json TEXT NOT NULL
);
-- Pages are listed in (lodged_at, declaration_key) order, the order of this index. Its
-- other columns make it cover every filter that is not a key table, so filtering walks
-- this narrow index and reads the wide rows (their JSON) only for what a page returns.
CREATE INDEX declarations_by_lodged_at
  ON declarations (lodged_at, declaration_key, kind, countries, party_names);

CREATE TABLE declaration_history (
  id TEXT NOT NULL REFERENCES declarations (id),
  version INTEGER NOT NULL,
  stored_at INTEGER NOT NULL,
  source TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (id, version)
) WITHOUT ROWID;

CREATE TABLE declaration_items (
  hs TEXT NOT NULL,
  declaration_key INTEGER NOT NULL,
  position INTEGER NOT NULL,  -- index in the items array
  PRIMARY KEY (hs, declaration_key, position)
) WITHOUT ROWID;

CREATE TABLE declaration_party_ids (
  value TEXT NOT NULL,
  declaration_key INTEGER NOT NULL,
  PRIMARY KEY (value, declaration_key)
) WITHOUT ROWID;

CREATE TABLE payments (
  payment_key INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  executed_at INTEGER NOT NULL,
  currency TEXT NOT NULL,
  countries TEXT NOT NULL,
  party_names TEXT NOT NULL,
  version INTEGER NOT NULL,
  stored_at INTEGER NOT NULL,
  source TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  json TEXT NOT NULL
);
CREATE INDEX payments_by_executed_at
  ON payments (executed_at, payment_key, currency, countries, party_names);

CREATE TABLE payment_history (
  id TEXT NOT NULL REFERENCES payments (id),
  version INTEGER NOT NULL,
  stored_at INTEGER NOT NULL,
  source TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (id, version)
) WITHOUT ROWID;

-- identifiers, accounts and BICs
CREATE TABLE payment_party_keys (
  value TEXT NOT NULL,
  payment_key INTEGER NOT NULL,
  PRIMARY KEY (value, payment_key)
) WITHOUT ROWID;

CREATE TABLE movements (
  id TEXT NOT NULL PRIMARY KEY,
  state TEXT NOT NULL,
  entry_post_id TEXT NOT NULL,
  exit_post_id TEXT NOT NULL,
  limit_date INTEGER
);

CREATE TABLE movement_seals (
  movement_id TEXT NOT NULL REFERENCES movements (id),
  position INTEGER NOT NULL,
  seal TEXT NOT NULL,
  PRIMARY KEY (movement_id, position)
) WITHOUT ROWID;

CREATE TABLE movement_events (
  movement_id TEXT NOT NULL REFERENCES movements (id),
  position INTEGER NOT NULL,
  state TEXT NOT NULL,
  at INTEGER NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (movement_id, position)
) WITHOUT ROWID;

CREATE TABLE alerts (
  alert_key INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  rule TEXT NOT NULL,
  severity TEXT NOT NULL,
  subject_type TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  evidence_json TEXT NOT NULL,
  explanation TEXT NOT NULL,
  status TEXT NOT NULL,
  raised_at INTEGER NOT NULL
);
CREATE INDEX alerts_by_subject ON alerts (subject_id, subject_type);
CREATE INDEX alerts_by_rule ON alerts (rule);

CREATE TABLE decisions (
  decision_key INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  subject_type TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  outcome TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at INTEGER NOT NULL
);
CREATE INDEX decisions_by_subject ON decisions (subject_id, subject_type, decided_at);

CREATE TABLE decision_reasons (
  decision_key INTEGER NOT NULL REFERENCES decisions (decision_key),
  position INTEGER NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (decision_key, position)
) WITHOUT ROWID;

-- the last number handed out for generated ids ("ALR-000001")
CREATE TABLE id_counters (
  name TEXT NOT NULL PRIMARY KEY,
  last INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO id_counters (name, last) VALUES ('alert', 0), ('decision', 0);
)sql",
    R"sql(
CREATE TABLE list_versions (
  list TEXT NOT NULL,
  version INTEGER NOT NULL,
  format TEXT NOT NULL,
  source TEXT NOT NULL,
  published_on TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  entry_count INTEGER NOT NULL,
  imported_at INTEGER NOT NULL,
  PRIMARY KEY (list, version)
) WITHOUT ROWID;

-- one row per distinct entry content, shared by every version that contains it
CREATE TABLE list_entry_contents (
  hash TEXT NOT NULL PRIMARY KEY,
  json TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE list_version_entries (
  list TEXT NOT NULL,
  version INTEGER NOT NULL,
  entry_id TEXT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (list, version, entry_id)
) WITHOUT ROWID;
)sql",
    R"sql(
-- e-seal positions: one row per movement, device and time (a repeated report is dropped).
-- Keyed by movement first, so a movement's track is one range and there is no second index
-- to update for each of the hundreds of thousands of positions a second.
CREATE TABLE positions (
  movement_id TEXT NOT NULL,
  device TEXT NOT NULL,
  ts INTEGER NOT NULL,
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  speed_kmh REAL,
  battery_pct INTEGER,
  event TEXT NOT NULL,
  PRIMARY KEY (movement_id, device, ts)
) WITHOUT ROWID;

CREATE TABLE rejected_positions (
  rejected_key INTEGER PRIMARY KEY,
  received_at INTEGER NOT NULL,
  source TEXT NOT NULL,
  line INTEGER NOT NULL,
  field TEXT NOT NULL,
  reason TEXT NOT NULL,
  raw TEXT NOT NULL
);

CREATE TABLE epcis_events (
  sequence INTEGER PRIMARY KEY,
  record_time INTEGER NOT NULL,
  event_time INTEGER NOT NULL,
  event_type TEXT NOT NULL,
  biz_step TEXT NOT NULL,
  movement_id TEXT NOT NULL,
  post_id TEXT NOT NULL,
  json TEXT NOT NULL
);
CREATE INDEX epcis_events_by_movement ON epcis_events (movement_id, event_time);
)sql",
    R"sql(
-- Positions move to a table clustered by hour first (the hour is ts / 3600, truncated as
-- C++ and SQLite both divide integers). Keyed by movement first, a batch of positions from
-- a thousand moving trucks touched a thousand b-tree leaves, one at the tail of each
-- movement, and every commit wrote each of those 16 KiB pages to the WAL and later to the
-- file again: 1.5 KB of disk writes per position. Positions arrive close to time order, so
-- by hour first a batch lands in the few pages of the current hour.
--
-- A track is one seal's positions within one movement, named by an integer key: rows are
-- short and compared as integers. (hour, track, ts) is as unique as (movement, device, ts),
-- since the hour follows from ts. A movement's positions are then one range per track and
-- hour; track_hours lists those hours, so a read seeks each of them instead of scanning
-- the hours of every other movement.
CREATE TABLE tracks (
  track_key INTEGER PRIMARY KEY,
  movement_id TEXT NOT NULL,
  device TEXT NOT NULL,
  UNIQUE (movement_id, device)
);

CREATE TABLE track_positions (
  hour INTEGER NOT NULL,
  track_key INTEGER NOT NULL,
  ts INTEGER NOT NULL,
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  speed_kmh REAL,
  battery_pct INTEGER,
  event TEXT NOT NULL,
  PRIMARY KEY (hour, track_key, ts)
) WITHOUT ROWID;

CREATE TABLE track_hours (
  track_key INTEGER NOT NULL,
  hour INTEGER NOT NULL,
  PRIMARY KEY (track_key, hour)
) WITHOUT ROWID;

INSERT INTO tracks (movement_id, device)
  SELECT DISTINCT movement_id, device FROM positions ORDER BY movement_id, device;
INSERT INTO track_positions (hour, track_key, ts, lat, lon, speed_kmh, battery_pct, event)
  SELECT p.ts / 3600, t.track_key, p.ts, p.lat, p.lon, p.speed_kmh, p.battery_pct, p.event
  FROM positions p JOIN tracks t ON t.movement_id = p.movement_id AND t.device = p.device;
INSERT INTO track_hours (track_key, hour) SELECT DISTINCT track_key, hour FROM track_positions;
DROP TABLE positions;
)sql",
    R"sql(
-- The audit log: one hash-chained record per decision, list import and alert status change
-- (keruen/audit/audit_chain.h), appended by the transaction that made the change. seq is
-- 1, 2, 3... with no gaps; each hash covers the record and the previous record's hash.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  action TEXT NOT NULL,
  subject_type TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  actor TEXT NOT NULL,
  details_json TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- The newest record's seq and hash, updated with every append: the log alone cannot show
-- that its newest records were cut off. Exactly one row; the genesis hash while empty.
CREATE TABLE audit_head (
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (seq, hash)
  VALUES (0, '0000000000000000000000000000000000000000000000000000000000000000');

-- FindDecisions pages by (decided_at, decision_key), newest first.
CREATE INDEX decisions_by_decided_at ON decisions (decided_at, decision_key);
)sql",
};

constexpr int kSchemaVersion = static_cast<int>(std::size(kMigrations));

// How often the store's thread checkpoints the WAL.
constexpr std::chrono::milliseconds kCheckpointPeriod{500};

Status Configure(Database& db, bool writer, bool in_memory) {
  const int rc = sqlite3_busy_timeout(db.handle(), static_cast<int>(kBusyTimeout.count()));
  if (rc != SQLITE_OK) {
    return tl::unexpected(sqlite::MakeSqliteError(db.handle(), rc, "setting the busy timeout"));
  }
  if (writer) {
    // Takes effect only when the database is created. Ingest writes documents of a couple
    // of kilobytes by the thousand: 16 KiB pages waste less space around them and need a
    // quarter of the page writes (and syscalls) per commit of the 4 KiB default.
    KERUEN_STORE_RETURN_IF_ERROR(db.Exec("PRAGMA page_size = 16384"));
  }
  if (writer && !in_memory) {
    // WAL: readers never block the writer nor see its uncommitted pages, and a commit is
    // one append. The mode is persistent, so this matters on creation; the check catches
    // file systems where WAL is unavailable.
    KERUEN_STORE_ASSIGN_OR_RETURN(Statement mode, db.Prepare("PRAGMA journal_mode = WAL"));
    KERUEN_STORE_ASSIGN_OR_RETURN(const bool row, mode.Step());
    if (!row || mode.Text(0) != "wal") {
      return MakeError(ErrorCode::kIo, "sqlite: cannot switch the database to WAL mode");
    }
  }
  // NORMAL in WAL mode: commits are atomic and survive a process crash; only the fsync at
  // every commit (durability across power loss of the last commits) is traded for speed.
  KERUEN_STORE_RETURN_IF_ERROR(db.Exec("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON"));
  if (writer) {
    // A 64 MiB page cache, against the default 2: an ingest transaction then keeps its
    // pages in memory until commit instead of spilling them to the WAL and rewriting
    // them. And once checkpointed, a WAL grown by a large ingest is cut back to 64 MiB.
    KERUEN_STORE_RETURN_IF_ERROR(
        db.Exec("PRAGMA cache_size = -65536; PRAGMA journal_size_limit = 67108864"));
    // The store's checkpoint thread does this work (SqliteStore::CheckpointLoop).
    if (!in_memory) KERUEN_STORE_RETURN_IF_ERROR(db.Exec("PRAGMA wal_autocheckpoint = 0"));
  } else {
    KERUEN_STORE_RETURN_IF_ERROR(db.Exec("PRAGMA query_only = ON"));
  }
  return Ok();
}

Status Migrate(Database& db, const std::string& path) {
  auto refuse = [&](int64_t version) {
    return MakeError(ErrorCode::kConflict,
                     "database " + path + " has schema version " + std::to_string(version) +
                         ", newer than the versions up to " + std::to_string(kSchemaVersion) +
                         " this build of Keruen knows; open it with a newer Keruen");
  };
  KERUEN_STORE_ASSIGN_OR_RETURN(int64_t version, db.QueryInt("PRAGMA user_version"));
  if (version > kSchemaVersion) return refuse(version);
  if (version == kSchemaVersion) return Ok();

  KERUEN_STORE_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  auto apply = [&]() -> Status {
    // Another process may have migrated between the first look and the write lock.
    KERUEN_STORE_ASSIGN_OR_RETURN(version, db.QueryInt("PRAGMA user_version"));
    if (version > kSchemaVersion) return refuse(version);
    for (int64_t step = version; step < kSchemaVersion; ++step) {
      KERUEN_STORE_RETURN_IF_ERROR(db.Exec(kMigrations[step]));
    }
    KERUEN_STORE_RETURN_IF_ERROR(
        db.Exec("PRAGMA user_version = " + std::to_string(kSchemaVersion)));
    return db.Exec("COMMIT");
  };
  Status applied = apply();
  if (!applied && !db.InAutocommit()) (void)db.Exec("ROLLBACK");
  return applied;
}

// ---- documents ----

enum class KeyChange { kAdd, kRemove };

// The SQL for inserting 1 to kMaxRows rows into a key table in one statement: one
// statement per document instead of one per key. OR IGNORE because a key may repeat (two
// goods items with one HS code) and because, without an abort path, sqlite needs no
// statement journal for a multi-row insert.
class MultiRowInsert {
 public:
  static constexpr size_t kMaxRows = 16;

  // `table` includes its column list: "declaration_party_ids (value, declaration_key)".
  MultiRowInsert(std::string_view table, int columns) {
    std::string row = "(";
    for (int c = 0; c < columns; ++c) row += c == 0 ? "?" : ", ?";
    row += ")";
    for (size_t rows = 1; rows <= kMaxRows; ++rows) {
      sql_[rows] = "INSERT OR IGNORE INTO " + std::string(table) + " VALUES " + row;
      for (size_t r = 1; r < rows; ++r) sql_[rows] += ", " + row;
    }
  }

  // Inserts `count` rows; `bind_row(stmt, first_parameter, row)` binds one of them.
  template <typename BindRow>
  Status Run(Database& db, size_t count, BindRow bind_row) const {
    for (size_t start = 0; start < count; start += kMaxRows) {
      const size_t rows = std::min(kMaxRows, count - start);
      KERUEN_STORE_ASSIGN_OR_RETURN(auto stmt, db.Cached(sql_[rows]));
      int parameter = 1;
      for (size_t r = 0; r < rows; ++r) parameter = bind_row(*stmt, parameter, start + r);
      KERUEN_STORE_RETURN_IF_ERROR(stmt->Run());
    }
    return Ok();
  }

 private:
  std::array<std::string, kMaxRows + 1> sql_;
};

// Adds or removes the (value, document key) rows of a two-column key table.
Status WriteValueKeys(Database& db, const MultiRowInsert& insert, std::string_view remove_sql,
                      int64_t key, const std::vector<std::string_view>& values, KeyChange change) {
  if (change == KeyChange::kAdd) {
    return insert.Run(db, values.size(), [&](Statement& stmt, int parameter, size_t row) {
      stmt.Bind(parameter, values[row]).Bind(parameter + 1, key);
      return parameter + 2;
    });
  }
  if (values.empty()) return Ok();
  KERUEN_STORE_ASSIGN_OR_RETURN(auto stmt, db.Cached(remove_sql));
  for (std::string_view value : values) {
    stmt->Bind(1, value).Bind(2, key);
    KERUEN_STORE_RETURN_IF_ERROR(stmt->Run());
    stmt->Reset();
  }
  return Ok();
}

// What differs between declarations and payments for the generic document code: the SQL
// and the columns beyond the common ones. Statements share a parameter layout: ?1 id (or
// the row key for updates), ?2 stored_at, ?3 source, ?4 content_hash, ?5 json,
// ?6 party_names, ?7 countries, then the table's own columns.
struct DeclarationTable {
  using Document = Declaration;
  using Keys = DeclarationKeys;
  static constexpr std::string_view kNoun = "declaration";
  static constexpr std::string_view kFind =
      "SELECT declaration_key, content_hash FROM declarations WHERE id = ?1";
  static constexpr std::string_view kInsert =
      "INSERT INTO declarations (id, stored_at, source, content_hash, json, party_names, "
      "countries, kind, lodged_at, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1)";
  static constexpr std::string_view kArchive =
      "INSERT INTO declaration_history (id, version, stored_at, source, content_hash, json) "
      "SELECT id, version, stored_at, source, content_hash, json FROM declarations "
      "WHERE declaration_key = ?1";
  static constexpr std::string_view kCurrentJson =
      "SELECT json FROM declarations WHERE declaration_key = ?1";
  static constexpr std::string_view kUpdate =
      "UPDATE declarations SET stored_at = ?2, source = ?3, content_hash = ?4, json = ?5, "
      "party_names = ?6, countries = ?7, kind = ?8, lodged_at = ?9, version = version + 1 "
      "WHERE declaration_key = ?1";
  static constexpr std::string_view kGet =
      "SELECT version, stored_at, source, content_hash, json FROM declarations WHERE id = ?1";
  static constexpr std::string_view kHistory =
      "SELECT version, stored_at, source, content_hash, json FROM declaration_history "
      "WHERE id = ?1 UNION ALL "
      "SELECT version, stored_at, source, content_hash, json FROM declarations WHERE id = ?1 "
      "ORDER BY 1";

  static void BindColumns(Statement& stmt, const Declaration& d) {
    stmt.Bind(8, DeclarationKindName(d.kind)).Bind(9, d.lodged_at);
  }
  static Result<Declaration> Parse(std::string_view json) { return ParseDeclarationJson(json); }

  static Status WriteKeys(Database& db, int64_t key, const DeclarationKeys& keys,
                          KeyChange change) {
    static const MultiRowInsert kAddItems("declaration_items (hs, declaration_key, position)", 3);
    static const MultiRowInsert kAddPartyIds("declaration_party_ids (value, declaration_key)", 2);
    if (change == KeyChange::kAdd) {
      KERUEN_STORE_RETURN_IF_ERROR(
          kAddItems.Run(db, keys.item_hs.size(), [&](Statement& stmt, int parameter, size_t row) {
            stmt.Bind(parameter, keys.item_hs[row]).Bind(parameter + 1, key);
            stmt.Bind(parameter + 2, static_cast<int64_t>(row));
            return parameter + 3;
          }));
    } else if (!keys.item_hs.empty()) {
      KERUEN_STORE_ASSIGN_OR_RETURN(
          auto stmt, db.Cached("DELETE FROM declaration_items "
                               "WHERE hs = ?1 AND declaration_key = ?2 AND position = ?3"));
      for (size_t i = 0; i < keys.item_hs.size(); ++i) {
        stmt->Bind(1, keys.item_hs[i]).Bind(2, key).Bind(3, static_cast<int64_t>(i));
        KERUEN_STORE_RETURN_IF_ERROR(stmt->Run());
        stmt->Reset();
      }
    }
    return WriteValueKeys(
        db, kAddPartyIds,
        "DELETE FROM declaration_party_ids WHERE value = ?1 AND declaration_key = ?2", key,
        keys.party_ids, change);
  }
};

struct PaymentTable {
  using Document = Payment;
  using Keys = PaymentKeys;
  static constexpr std::string_view kNoun = "payment";
  static constexpr std::string_view kFind =
      "SELECT payment_key, content_hash FROM payments WHERE id = ?1";
  static constexpr std::string_view kInsert =
      "INSERT INTO payments (id, stored_at, source, content_hash, json, party_names, "
      "countries, executed_at, currency, version) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1)";
  static constexpr std::string_view kArchive =
      "INSERT INTO payment_history (id, version, stored_at, source, content_hash, json) "
      "SELECT id, version, stored_at, source, content_hash, json FROM payments "
      "WHERE payment_key = ?1";
  static constexpr std::string_view kCurrentJson =
      "SELECT json FROM payments WHERE payment_key = ?1";
  static constexpr std::string_view kUpdate =
      "UPDATE payments SET stored_at = ?2, source = ?3, content_hash = ?4, json = ?5, "
      "party_names = ?6, countries = ?7, executed_at = ?8, currency = ?9, "
      "version = version + 1 WHERE payment_key = ?1";
  static constexpr std::string_view kGet =
      "SELECT version, stored_at, source, content_hash, json FROM payments WHERE id = ?1";
  static constexpr std::string_view kHistory =
      "SELECT version, stored_at, source, content_hash, json FROM payment_history "
      "WHERE id = ?1 UNION ALL "
      "SELECT version, stored_at, source, content_hash, json FROM payments WHERE id = ?1 "
      "ORDER BY 1";

  static void BindColumns(Statement& stmt, const Payment& p) {
    stmt.Bind(8, p.executed_at).Bind(9, p.amount.currency);
  }
  static Result<Payment> Parse(std::string_view json) { return ParsePaymentJson(json); }

  static Status WriteKeys(Database& db, int64_t key, const PaymentKeys& keys, KeyChange change) {
    static const MultiRowInsert kAddPartyKeys("payment_party_keys (value, payment_key)", 2);
    return WriteValueKeys(db, kAddPartyKeys,
                          "DELETE FROM payment_party_keys WHERE value = ?1 AND payment_key = ?2",
                          key, keys.party_keys, change);
  }
};

// Reads a row of (version, stored_at, source, content_hash, json).
template <typename Table>
Result<Versioned<typename Table::Document>> ReadVersion(const Statement& row, std::string_view id) {
  Versioned<typename Table::Document> v;
  v.version = static_cast<int32_t>(row.Int(0));
  v.stored_at = row.Int(1);
  v.source = row.Text(2);
  v.content_hash = row.Text(3);
  auto doc = Table::Parse(row.Text(4));
  if (!doc) {
    return MakeError(ErrorCode::kInternal, "stored " + std::string(Table::kNoun) + " " +
                                               std::string(id) + " version " +
                                               std::to_string(v.version) +
                                               " cannot be read back: " + doc.error().ToString());
  }
  v.value = std::move(*doc);
  return v;
}

// ---- queries ----

// A SELECT assembled from optional conditions, with its parameters in placeholder order.
class SqlQuery {
 public:
  using Param = std::variant<int64_t, std::string>;

  explicit SqlQuery(std::string_view select) : sql_(select) {}

  // Adds `condition`; its '?' placeholders take `params` in order.
  template <typename... P>
  void Where(std::string_view condition, P&&... params) {
    sql_ += conditions_++ == 0 ? " WHERE " : " AND ";
    sql_ += condition;
    (params_.emplace_back(std::forward<P>(params)), ...);
  }
  void Finish(std::string_view order_by, int64_t limit) {
    sql_ += " ORDER BY ";
    sql_ += order_by;
    sql_ += " LIMIT ?";
    params_.emplace_back(limit);
  }

  const std::string& sql() const { return sql_; }
  void BindTo(Statement& stmt) const {
    for (size_t i = 0; i < params_.size(); ++i) {
      const int index = static_cast<int>(i) + 1;
      std::visit([&](const auto& value) { stmt.Bind(index, value); }, params_[i]);
    }
  }

 private:
  std::string sql_;
  int conditions_ = 0;
  std::vector<Param> params_;
};

// Opaque to callers; here "<sort value>:<row key>" of the last row of the previous page,
// or "<row key>" for pages ordered by the key alone.
struct Cursor {
  int64_t sort = 0;
  int64_t key = 0;
};

std::string EncodeCursor(const Cursor& c) {
  return std::to_string(c.sort) + ":" + std::to_string(c.key);
}

tl::unexpected<Error> BadCursor() {
  return InvalidArgument("after", "is not a cursor returned as `next` by a previous page");
}

Result<int64_t> ParseCursorNumber(std::string_view text) {
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return BadCursor();
  return value;
}

Result<Cursor> DecodeCursor(std::string_view text) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos) return BadCursor();
  Cursor c;
  KERUEN_STORE_ASSIGN_OR_RETURN(c.sort, ParseCursorNumber(text.substr(0, colon)));
  KERUEN_STORE_ASSIGN_OR_RETURN(c.key, ParseCursorNumber(text.substr(colon + 1)));
  return c;
}

int64_t PageLimit(int requested) { return std::clamp(requested, 1, kMaxPageSize); }

std::string AsciiUpper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// Conditions every document query shares: the time window, the cursor and the party.
// `party_keys_sql` selects the row keys whose exact-match party keys equal ?.
void AddCommonFilters(SqlQuery& query, std::string_view time_column,
                      const std::optional<Timestamp>& from, const std::optional<Timestamp>& to,
                      const std::optional<Cursor>& after, std::string_view key_column,
                      const std::string& party, std::string_view party_keys_sql) {
  if (from) query.Where(std::string(time_column) + " >= ?", *from);
  if (to) query.Where(std::string(time_column) + " < ?", *to);
  if (after) {
    query.Where("(" + std::string(time_column) + ", " + std::string(key_column) + ") > (?, ?)",
                after->sort, after->key);
  }
  if (!party.empty()) {
    query.Where("(" + std::string(key_column) + " IN (" + std::string(party_keys_sql) +
                    ") OR instr(party_names, ?) > 0)",
                party, FoldCase(party));
  }
}

// Runs a document page query selecting (key, sort value, json), `limit` + 1 rows so the
// presence of a next page is known without another query.
template <typename Table>
Result<Page<typename Table::Document>> RunDocumentPage(Database& db, const SqlQuery& query,
                                                       int64_t limit) {
  KERUEN_STORE_ASSIGN_OR_RETURN(auto stmt, db.Cached(query.sql()));
  query.BindTo(*stmt);
  Page<typename Table::Document> page;
  Cursor last;
  for (;;) {
    KERUEN_STORE_ASSIGN_OR_RETURN(const bool row, stmt->Step());
    if (!row) break;
    if (static_cast<int64_t>(page.items.size()) == limit) {
      page.next = EncodeCursor(last);
      break;
    }
    auto doc = Table::Parse(stmt->Text(2));
    if (!doc) {
      return MakeError(ErrorCode::kInternal, "stored " + std::string(Table::kNoun) +
                                                 " cannot be read back: " + doc.error().ToString());
    }
    page.items.push_back(std::move(*doc));
    last = Cursor{stmt->Int(1), stmt->Int(0)};
  }
  return page;
}

// ---- enumerations stored by name ----

// A stored enumeration name read back with core's parser; an unknown name means the file
// was written by something else, which is reported rather than guessed at.
template <typename E>
Result<E> StoredEnum(std::optional<E> (*parse)(std::string_view), std::string_view name,
                     std::string_view what) {
  if (auto value = parse(name)) return *value;
  return MakeError(ErrorCode::kInternal,
                   "stored " + std::string(what) + " \"" + std::string(name) + "\" is unknown");
}

// Runs several statements on one snapshot: a read transaction unless one is already open
// (in memory, a read may run inside the writer's transaction, which is a snapshot too).
class ReadSnapshot {
 public:
  static Result<ReadSnapshot> Begin(Database& db) {
    if (!db.InAutocommit()) return ReadSnapshot(nullptr);
    KERUEN_STORE_RETURN_IF_ERROR(db.Exec("BEGIN"));
    return ReadSnapshot(&db);
  }
  ReadSnapshot(ReadSnapshot&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
  ReadSnapshot& operator=(ReadSnapshot&&) = delete;
  ~ReadSnapshot() {
    if (db_ != nullptr) (void)db_->Exec("COMMIT");  // nothing was written: cannot fail
  }

 private:
  explicit ReadSnapshot(Database* db) : db_(db) {}
  Database* db_;
};

template <typename Table>
Result<std::optional<Versioned<typename Table::Document>>> GetCurrent(Database& db,
                                                                      const std::string& id) {
  KERUEN_STORE_ASSIGN_OR_RETURN(auto stmt, db.Cached(Table::kGet));
  stmt->Bind(1, id);
  KERUEN_STORE_ASSIGN_OR_RETURN(const bool found, stmt->Step());
  if (!found) return std::nullopt;
  return ReadVersion<Table>(*stmt, id).map([](auto v) { return std::optional(std::move(v)); });
}

// Every remaining row of `stmt`, each made a T by `read(stmt)`.
template <typename T, typename Read>
Result<std::vector<T>> ReadRows(Statement& stmt, Read&& read) {
  std::vector<T> out;
  for (;;) {
    KERUEN_STORE_ASSIGN_OR_RETURN(const bool row, stmt.Step());
    if (!row) return out;
    out.push_back(read(stmt));
  }
}

template <typename Table>
Result<std::vector<Versioned<typename Table::Document>>> GetHistory(Database& db,
                                                                    const std::string& id) {
  KERUEN_STORE_ASSIGN_OR_RETURN(auto stmt, db.Cached(Table::kHistory));
  stmt->Bind(1, id);
  std::vector<Versioned<typename Table::Document>> versions;
  for (;;) {
    KERUEN_STORE_ASSIGN_OR_RETURN(const bool row, stmt->Step());
    if (!row) return versions;
    KERUEN_STORE_ASSIGN_OR_RETURN(auto version, ReadVersion<Table>(*stmt, id));
    versions.push_back(std::move(version));
  }
}

// A list_versions row whose columns are, from 0: version, format, source, published_on,
// content_hash, entry_count, imported_at.
ListVersionInfo ListVersionFromRow(std::string list, const Statement& row) {
  ListVersionInfo v;
  v.list = std::move(list);
  v.version = static_cast<int32_t>(row.Int(0));
  v.format = row.Text(1);
  v.source = row.Text(2);
  v.published_on = row.Text(3);
  v.content_hash = row.Text(4);
  v.entry_count = row.Int(5);
  v.imported_at = row.Int(6);
  return v;
}

// The alert columns every alert read selects, in the order AlertFromRow reads them.
constexpr std::string_view kAlertColumns =
    "id, rule, severity, subject_type, subject_id, evidence_json, explanation, status, raised_at";

// An alert from the kAlertColumns of `row`, starting at column `first`.
Result<Alert> AlertFromRow(const Statement& row, int first) {
  Alert a;
  a.id = row.Text(first);
  a.rule = row.Text(first + 1);
  KERUEN_STORE_ASSIGN_OR_RETURN(a.severity,
                                StoredEnum(ParseSeverity, row.Text(first + 2), "severity"));
  a.subject = SubjectRef{std::string(row.Text(first + 3)), std::string(row.Text(first + 4))};
  a.evidence_json = row.Text(first + 5);
  a.explanation = row.Text(first + 6);
  KERUEN_STORE_ASSIGN_OR_RETURN(a.status,
                                StoredEnum(ParseAlertStatus, row.Text(first + 7), "alert status"));
  a.raised_at = row.Int(first + 8);
  return a;
}

// The details of a list_import audit record: which version of which list, from where.
std::string ListImportDetails(const ListVersionInfo& v) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Field("list", v.list).Field("version", static_cast<int64_t>(v.version));
  w.Field("format", v.format).Field("source", v.source).Field("published_on", v.published_on);
  w.Field("content_hash", v.content_hash).Field("entry_count", v.entry_count).EndObject();
  return out;
}

}  // namespace

// ---- connections ----

struct SqliteStore::Connection {
  explicit Connection(Database database) : db(std::move(database)) {}
  Database db;
  // Taken for each use of `db`: only contended for the in-memory database, where the
  // writer connection also serves reads.
  std::mutex mutex;
};

// A connection lent to one read call: a pooled reader, or the shared in-memory connection
// under its mutex.
class SqliteStore::ReadLease {
 public:
  ReadLease(SqliteStore* pool, std::unique_ptr<Connection> reader)
      : pool_(pool), owned_(std::move(reader)), connection_(owned_.get()) {}
  explicit ReadLease(Connection* shared) : connection_(shared), lock_(shared->mutex) {}
  ReadLease(ReadLease&&) = default;
  ReadLease& operator=(ReadLease&&) = delete;
  ~ReadLease() {
    if (owned_ != nullptr) pool_->ReturnReader(std::move(owned_));
  }

  Database& db() { return connection_->db; }

 private:
  SqliteStore* pool_ = nullptr;
  std::unique_ptr<Connection> owned_;
  Connection* connection_;
  std::unique_lock<std::mutex> lock_;
};

Result<SqliteStore::ReadLease> SqliteStore::AcquireReader() {
  if (in_memory_) return ReadLease(writer_.get());
  {
    std::lock_guard lock(readers_mutex_);
    if (!idle_readers_.empty()) {
      auto reader = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return ReadLease(this, std::move(reader));
    }
  }
  KERUEN_STORE_ASSIGN_OR_RETURN(Database db, Database::Open(path_, SQLITE_OPEN_READWRITE));
  KERUEN_STORE_RETURN_IF_ERROR(Configure(db, /*writer=*/false, /*in_memory=*/false));
  return ReadLease(this, std::make_unique<Connection>(std::move(db)));
}

void SqliteStore::ReturnReader(std::unique_ptr<Connection> reader) {
  std::lock_guard lock(readers_mutex_);
  idle_readers_.push_back(std::move(reader));
}

// ---- the write transaction ----

class SqliteStore::WriteTransaction final : public Transaction {
 public:
  explicit WriteTransaction(SqliteStore& store) : store_(store) {}

  ~WriteTransaction() override {
    if (!open_) return;  // committed
    {
      std::lock_guard guard(store_.writer_->mutex);
      // sqlite may already have rolled back by itself after an I/O error.
      if (!db().InAutocommit()) (void)db().Exec("ROLLBACK");
    }
    Release();
  }

  Result<PutOutcome> PutDeclaration(const Declaration& d, const std::string& source) override {
    return Guarded([&] { return PutDocument<DeclarationTable>(d, source, declaration_keys_); });
  }
  Result<PutOutcome> PutPayment(const Payment& p, const std::string& source) override {
    return Guarded([&] { return PutDocument<PaymentTable>(p, source, payment_keys_); });
  }
  Status PutMovement(const Movement& m) override {
    return Guarded([&] { return WriteMovement(m); });
  }
  Result<std::string> PutAlert(const Alert& a) override {
    return Guarded([&] { return WriteAlert(a); });
  }
  Result<bool> RaiseAlert(const Alert& a) override {
    return Guarded([&] { return InsertAlertIfAbsent(a); });
  }
  Result<std::string> PutDecision(const Decision& d) override {
    return Guarded([&]() -> Result<std::string> {
      KERUEN_STORE_ASSIGN_OR_RETURN(std::string id, WriteDecision(d));
      Decision stored = d;
      stored.id = id;
      KERUEN_STORE_RETURN_IF_ERROR(
          AppendAudit("decision", d.subject, d.decided_by, ToJson(stored)));
      return id;
    });
  }
  Status SetAlertStatus(const std::string& alert_id, AlertStatus status, const std::string& actor,
                        const std::string& reason) override {
    return Guarded([&] { return WriteAlertStatus(alert_id, status, actor, reason); });
  }
  Result<ListPutResult> PutListVersion(const ListVersionInfo& info,
                                       const std::vector<ListEntryRecord>& entries) override {
    return Guarded([&]() -> Result<ListPutResult> {
      KERUEN_STORE_ASSIGN_OR_RETURN(ListPutResult result, WriteListVersion(info, entries));
      if (result.created) {
        KERUEN_STORE_RETURN_IF_ERROR(AppendAudit("list_import", SubjectRef{"list", info.list},
                                                 "import", ListImportDetails(result.version)));
      }
      return result;
    });
  }
  Result<int64_t> PutPositions(const std::vector<PositionRecord>& positions) override {
    return Guarded([&] { return WritePositions(positions); });
  }
  Status PutRejectedPositions(const std::vector<RejectedPositionRecord>& rejected) override {
    return Guarded([&] { return WriteRejectedPositions(rejected); });
  }
  Result<int64_t> PutEpcisEvent(const EpcisEventRecord& event) override {
    return Guarded([&] { return WriteEpcisEvent(event); });
  }

  Status Commit() override {
    std::unique_lock guard(store_.writer_->mutex);
    KERUEN_STORE_RETURN_IF_ERROR(CheckUsable());
    Status committed = db().Exec("COMMIT");
    if (!committed) {
      failed_ = true;
      return committed;
    }
    guard.unlock();
    Release();
    return Ok();
  }

 private:
  Database& db() { return store_.writer_->db; }

  void Release() {
    open_ = false;
    store_.ReleaseWriter();
  }

  Status CheckUsable() {
    if (!open_) {
      return MakeError(ErrorCode::kConflict, "the transaction is already committed");
    }
    if (failed_) {
      return MakeError(ErrorCode::kConflict,
                       "an earlier write in this transaction failed; it can only be rolled back");
    }
    if (db().InAutocommit()) {
      return MakeError(ErrorCode::kIo, "sqlite rolled the transaction back after an error");
    }
    return Ok();
  }

  // Runs one put under the connection mutex. A failed put may have written part of its
  // rows, so it poisons the transaction: nothing more is written and Commit refuses.
  template <typename F>
  auto Guarded(F&& put) -> decltype(put()) {
    std::lock_guard guard(store_.writer_->mutex);
    KERUEN_STORE_RETURN_IF_ERROR(CheckUsable());
    auto result = put();
    if (!result) failed_ = true;
    return result;
  }

  template <typename Table>
  Result<PutOutcome> PutDocument(const typename Table::Document& doc, const std::string& source,
                                 typename Table::Keys& keys) {
    if (doc.id.empty()) return InvalidArgument("id", "is required");
    json_.clear();
    AppendJson(doc, json_);
    const std::string hash = ContentHash(json_);

    std::optional<int64_t> existing;
    {
      KERUEN_STORE_ASSIGN_OR_RETURN(auto find, db().Cached(Table::kFind));
      find->Bind(1, doc.id);
      KERUEN_STORE_ASSIGN_OR_RETURN(const bool found, find->Step());
      if (found) {
        if (find->Text(1) == hash) return PutOutcome::kUnchanged;
        existing = find->Int(0);
      }
    }

    CollectKeys(doc, keys);
    const Timestamp now = store_.clock_.Now();
    auto bind_content = [&](Statement& stmt) {
      stmt.Bind(2, now).Bind(3, source).Bind(4, hash).Bind(5, json_).Bind(6, keys.party_names);
      stmt.Bind(7, keys.countries);
      Table::BindColumns(stmt, doc);
    };

    if (!existing) {
      KERUEN_STORE_ASSIGN_OR_RETURN(auto insert, db().Cached(Table::kInsert));
      insert->Bind(1, doc.id);
      bind_content(*insert);
      KERUEN_STORE_RETURN_IF_ERROR(insert->Run());
      KERUEN_STORE_RETURN_IF_ERROR(
          Table::WriteKeys(db(), db().LastInsertRowid(), keys, KeyChange::kAdd));
      return PutOutcome::kInserted;
    }

    // An amendment: keep the current version in the history, drop the keys it was found
    // by, then overwrite it in place (the row key, and so the paging order, stays).
    KERUEN_STORE_RETURN_IF_ERROR(RemoveKeysOfCurrent<Table>(*existing, doc.id));
    {
      KERUEN_STORE_ASSIGN_OR_RETURN(auto archive, db().Cached(Table::kArchive));
      archive->Bind(1, *existing);
      KERUEN_STORE_RETURN_IF_ERROR(archive->Run());
    }
    {
      KERUEN_STORE_ASSIGN_OR_RETURN(auto update, db().Cached(Table::kUpdate));
      update->Bind(1, *existing);
      bind_content(*update);
      KERUEN_STORE_RETURN_IF_ERROR(update->Run());
    }
    KERUEN_STORE_RETURN_IF_ERROR(Table::WriteKeys(db(), *existing, keys, KeyChange::kAdd));
    return PutOutcome::kAmended;
  }

  // The keys are derived from the stored JSON the same way they were when it was written.
  template <typename Table>
  Status RemoveKeysOfCurrent(int64_t key, const std::string& id) {
    KERUEN_STORE_ASSIGN_OR_RETURN(auto current, db().Cached(Table::kCurrentJson));
    current->Bind(1, key);
    KERUEN_STORE_ASSIGN_OR_RETURN(const bool found, current->Step());
    if (!found) return MakeError(ErrorCode::kInternal, "row of " + id + " vanished");
    auto old = Table::Parse(current->Text(0));
    if (!old) {
      return MakeError(ErrorCode::kInternal, "stored " + std::string(Table::kNoun) + " " + id +
                                                 " cannot be read back: " + old.error().ToString());
    }
    typename Table::Keys old_keys;
    CollectKeys(*old, old_keys);
    return Table::WriteKeys(db(), key, old_keys, KeyChange::kRemove);
  }

  static void BindMovement(Statement& st, const Movement& m) {
    st.Bind(1, m.id).Bind(2, MovementStateName(m.state));
    st.Bind(3, m.entry_post_id).Bind(4, m.exit_post_id);
    if (m.limit_date) {
      st.Bind(5, *m.limit_date);
    } else {
      st.BindNull(5);
    }
  }

  // The key of the track of `device` in `movement_id`, added on its first position.
  Result<int64_t> TrackKey(std::string_view movement_id, std::string_view device) {
    {
      KERUEN_STORE_ASSIGN_OR_RETURN(
          auto find,
          db().Cached("SELECT track_key FROM tracks WHERE movement_id = ?1 AND device = ?2"));
      find->Bind(1, movement_id).Bind(2, device);
      KERUEN_STORE_ASSIGN_OR_RETURN(const bool found, find->Step());
      if (found) return find->Int(0);
    }
    KERUEN_STORE_ASSIGN_OR_RETURN(
        auto insert, db().Cached("INSERT INTO tracks (movement_id, device) VALUES (?1, ?2)"));
    insert->Bind(1, movement_id).Bind(2, device);
    KERUEN_STORE_RETURN_IF_ERROR(insert->Run());
    return db().LastInsertRowid();
  }

  Result<int64_t> WritePositions(const std::vector<PositionRecord>& positions) {
    // A batch holds a few positions of each of many tracks: look each one up once.
    struct TrackName {
      std::string_view movement_id;
      std::string_view device;
      bool operator==(const TrackName&) const = default;
    };
    struct TrackNameHash {
      size_t operator()(const TrackName& t) const {
        const std::hash<std::string_view> hash;
        return hash(t.movement_id) * 31 + hash(t.device);
      }
    };
    std::unordered_map<TrackName, int64_t, TrackNameHash> track_of;
    std::vector<int64_t> keys(positions.size());
    for (size_t i = 0; i < positions.size(); ++i) {
      const PositionRecord& p = positions[i];
      auto [track, fresh] = track_of.try_emplace(TrackName{p.movement_id, p.device}, 0);
      if (fresh) {
        KERUEN_STORE_ASSIGN_OR_RETURN(track->second, TrackKey(p.movement_id, p.device));
      }
      keys[i] = track->second;
    }

    // A repeated report is ignored by the primary key.
    static const MultiRowInsert kAddPositions(
        "track_positions (hour, track_key, ts, lat, lon, speed_kmh, battery_pct, event)", 8);
    int64_t stored = 0;
    for (size_t start = 0; start < positions.size(); start += MultiRowInsert::kMaxRows) {
      const size_t rows = std::min(MultiRowInsert::kMaxRows, positions.size() - start);
      KERUEN_STORE_RETURN_IF_ERROR(
          kAddPositions.Run(db(), rows, [&](Statement& stmt, int parameter, size_t row) {
            const PositionRecord& p = positions[start + row];
            stmt.Bind(parameter, p.ts / kSecondsPerHour).Bind(parameter + 1, keys[start + row]);
            stmt.Bind(parameter + 2, p.ts).Bind(parameter + 3, p.lat).Bind(parameter + 4, p.lon);
            if (p.speed_kmh) {
              stmt.Bind(parameter + 5, *p.speed_kmh);
            } else {
              stmt.BindNull(parameter + 5);
            }
            if (p.battery_pct) {
              stmt.Bind(parameter + 6, static_cast<int64_t>(*p.battery_pct));
            } else {
              stmt.BindNull(parameter + 6);
            }
            stmt.Bind(parameter + 7, p.event);
            return parameter + 8;
          }));
      stored += db().Changes();
    }

    // Every hour the batch has positions in, stored now or before (a repeated report's hour
    // was listed when it was first stored).
    struct TrackHour {
      int64_t track_key;
      int64_t hour;
      bool operator==(const TrackHour&) const = default;
    };
    struct TrackHourHash {
      size_t operator()(const TrackHour& k) const {
        return std::hash<int64_t>()(k.track_key * 1'000'003 + k.hour);
      }
    };
    std::unordered_set<TrackHour, TrackHourHash> hours;
    for (size_t i = 0; i < positions.size(); ++i) {
      hours.insert({keys[i], positions[i].ts / kSecondsPerHour});
    }
    static const MultiRowInsert kAddHours("track_hours (track_key, hour)", 2);
    const std::vector<TrackHour> listed(hours.begin(), hours.end());
    KERUEN_STORE_RETURN_IF_ERROR(
        kAddHours.Run(db(), listed.size(), [&](Statement& stmt, int parameter, size_t row) {
          stmt.Bind(parameter, listed[row].track_key).Bind(parameter + 1, listed[row].hour);
          return parameter + 2;
        }));
    return stored;
  }

  Status WriteRejectedPositions(const std::vector<RejectedPositionRecord>& rejected) {
    KERUEN_STORE_ASSIGN_OR_RETURN(
        auto insert, db().Cached("INSERT INTO rejected_positions (received_at, source, line, "
                                 "field, reason, raw) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    for (const RejectedPositionRecord& r : rejected) {
      insert->Bind(1, r.received_at).Bind(2, r.source).Bind(3, r.line);
      insert->Bind(4, r.field).Bind(5, r.reason).Bind(6, r.raw);
      KERUEN_STORE_RETURN_IF_ERROR(insert->Run());
      insert->Reset();
    }
    return Ok();
  }

  Result<int64_t> WriteEpcisEvent(const EpcisEventRecord& e) {
    KERUEN_STORE_ASSIGN_OR_RETURN(
        auto insert,
        db().Cached("INSERT INTO epcis_events (record_time, event_time, event_type, biz_step, "
                    "movement_id, post_id, json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
    insert->Bind(1, e.record_time).Bind(2, e.event_time).Bind(3, e.event_type);
    insert->Bind(4, e.biz_step).Bind(5, e.movement_id).Bind(6, e.post_id).Bind(7, e.json);
    KERUEN_STORE_RETURN_IF_ERROR(insert->Run());
    return db().LastInsertRowid();
  }

  Status WriteMovement(const Movement& m) {
    if (m.id.empty()) return InvalidArgument("id", "is required");
    // Ingest opens a movement for every new transit: the common case is a new row, which
    // needs no update and no deletion of earlier seals and events.
    bool fresh = false;
    {
      KERUEN_STORE_ASSIGN_OR_RETURN(
          auto insert,
          db().Cached("INSERT INTO movements (id, state, entry_post_id, exit_post_id, limit_date) "
                      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO NOTHING"));
      BindMovement(*insert, m);
      KERUEN_STORE_RETURN_IF_ERROR(insert->Run());
      fresh = db().Changes() == 1;
    }
    if (!fresh) {
      KERUEN_STORE_ASSIGN_OR_RETURN(
          auto update,
          db().Cached("UPDATE movements SET state = ?2, entry_post_id = ?3, exit_post_id = ?4, "
                      "limit_date = ?5 WHERE id = ?1"));
      BindMovement(*update, m);
      KERUEN_STORE_RETURN_IF_ERROR(update->Run());
      KERUEN_STORE_RETURN_IF_ERROR(
          DeleteChildren("DELETE FROM movement_seals WHERE movement_id = ?1", m.id));
      KERUEN_STORE_RETURN_IF_ERROR(
          DeleteChildren("DELETE FROM movement_events WHERE movement_id = ?1", m.id));
    }
    if (!m.seals.empty()) {
      KERUEN_STORE_ASSIGN_OR_RETURN(
          auto insert, db().Cached("INSERT INTO movement_seals (movement_id, position, seal) "
                                   "VALUES (?1, ?2, ?3)"));
      for (size_t i = 0; i < m.seals.size(); ++i) {
        insert->Bind(1, m.id).Bind(2, static_cast<int64_t>(i)).Bind(3, m.seals[i]);
        KERUEN_STORE_RETURN_IF_ERROR(insert->Run());
        insert->Reset();
      }
    }
    if (!m.history.empty()) {
      KERUEN_STORE_ASSIGN_OR_RETURN(
          auto insert,
          db().Cached("INSERT INTO movement_events (movement_id, position, state, at, reason) "
                      "VALUES (?1, ?2, ?3, ?4, ?5)"));
      for (size_t i = 0; i < m.history.size(); ++i) {
        const MovementEvent& e = m.history[i];
        insert->Bind(1, m.id).Bind(2, static_cast<int64_t>(i));
        insert->Bind(3, MovementStateName(e.state)).Bind(4, e.at).Bind(5, e.reason);
        KERUEN_STORE_RETURN_IF_ERROR(insert->Run());
        insert->Reset();
      }
    }
    return Ok();
  }

  template <typename Key>
  Status DeleteChildren(std::string_view sql, const Key& parent) {
    KERUEN_STORE_ASSIGN_OR_RETURN(auto del, db().Cached(sql));
    del->Bind(1, parent);
    return del->Run();
  }

  // The next "<prefix>NNNNNN" from counter `name` that `exists_sql` (?1 = the id) does not
  // find: an id chosen by a caller never collides with a generated one.
  Result<std::string> GenerateId(std::string_view name, std::string_view prefix,
                                 std::string_view exists_sql) {
    for (;;) {
      int64_t number = 0;
      {
        KERUEN_STORE_ASSIGN_OR_RETURN(
            auto next,
            db().Cached("UPDATE id_counters SET last = last + 1 WHERE name = ?1 RETURNING last"));
        next->Bind(1, name);
        KERUEN_STORE_ASSIGN_OR_RETURN(const bool row, next->Step());
        if (!row) return MakeError(ErrorCode::kInternal, "no id counter " + std::string(name));
        number = next->Int(0);
      }
      char digits[24];
      std::snprintf(digits, sizeof digits, "%06lld", static_cast<long long>(number));
      std::string id = std::string(prefix) + digits;
      KERUEN_STORE_ASSIGN_OR_RETURN(auto exists, db().Cached(exists_sql));
      exists->Bind(1, id);
      KERUEN_STORE_ASSIGN_OR_RETURN(const bool taken, exists->Step());
      if (!taken) return id;
    }
  }

  Result<std::string> WriteAlert(const Alert& a) {
    std::string id = a.id;
    if (id.empty()) {
      KERUEN_STORE_ASSIGN_OR_RETURN(
          id, GenerateId("alert", "ALR-", "SELECT 1 FROM alerts WHERE id = ?1"));
    }
    KERUEN_STORE_ASSIGN_OR_RETURN(
        auto upsert,
        db().Cached(
            "INSERT INTO alerts (id, rule, severity, subject_type, subject_id, evidence_json, "
            "explanation, status, raised_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
            "ON CONFLICT (id) DO UPDATE SET rule = excluded.rule, severity = excluded.severity, "
            "subject_type = excluded.subject_type, subject_id = excluded.subject_id, "
            "evidence_json = excluded.evidence_json, explanation = excluded.explanation, "
            "status = excluded.status, raised_at = excluded.raised_at"));
    upsert->Bind(1, id).Bind(2, a.rule).Bind(3, SeverityName(a.severity));
    upsert->Bind(4, a.subject.type).Bind(5, a.subject.id).Bind(6, a.evidence_json);
    upsert->Bind(7, a.explanation).Bind(8, AlertStatusName(a.status)).Bind(9, a.raised_at);
    KERUEN_STORE_RETURN_IF_ERROR(upsert->Run());
    return id;
  }

  Result<bool> InsertAlertIfAbsent(const Alert& a) {
    if (a.id.empty()) return InvalidArgument("id", "is required to raise an alert");
    KERUEN_STORE_ASSIGN_OR_RETURN(
        auto insert,
        db().Cached(
            "INSERT INTO alerts (id, rule, severity, subject_type, subject_id, evidence_json, "
            "explanation, status, raised_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
            "ON CONFLICT (id) DO NOTHING"));
    insert->Bind(1, a.id).Bind(2, a.rule).Bind(3, SeverityName(a.severity));
    insert->Bind(4, a.subject.type).Bind(5, a.subject.id).Bind(6, a.evidence_json);
    insert->Bind(7, a.explanation).Bind(8, AlertStatusName(a.status)).Bind(9, a.raised_at);
    KERUEN_STORE_RETURN_IF_ERROR(insert->Run());
    return db().Changes() == 1;
  }

  Result<std::string> WriteDecision(const Decision& d) {
    std::string id = d.id;
    if (id.empty()) {
      KERUEN_STORE_ASSIGN_OR_RETURN(
          id, GenerateId("decision", "DEC-", "SELECT 1 FROM decisions WHERE id = ?1"));
    }
    int64_t key = 0;
    {
      KERUEN_STORE_ASSIGN_OR_RETURN(
          auto upsert,
          db().Cached("INSERT INTO decisions (id, subject_type, subject_id, kind, outcome, "
                      "decided_by, decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                      "ON CONFLICT (id) DO UPDATE SET subject_type = excluded.subject_type, "
                      "subject_id = excluded.subject_id, kind = excluded.kind, "
                      "outcome = excluded.outcome, decided_by = excluded.decided_by, "
                      "decided_at = excluded.decided_at RETURNING decision_key"));
      upsert->Bind(1, id).Bind(2, d.subject.type).Bind(3, d.subject.id).Bind(4, d.kind);
      upsert->Bind(5, d.outcome).Bind(6, d.decided_by).Bind(7, d.decided_at);
      KERUEN_STORE_ASSIGN_OR_RETURN(const bool row, upsert->Step());
      if (!row) return MakeError(ErrorCode::kInternal, "decision upsert returned no key");
      key = upsert->Int(0);
    }
    KERUEN_STORE_RETURN_IF_ERROR(
        DeleteChildren("DELETE FROM decision_reasons WHERE decision_key = ?1", key));
    if (!d.reasons.empty()) {
      KERUEN_STORE_ASSIGN_OR_RETURN(
          auto insert, db().Cached("INSERT INTO decision_reasons (decision_key, position, "
                                   "reason) VALUES (?1, ?2, ?3)"));
      for (size_t i = 0; i < d.reasons.size(); ++i) {
        insert->Bind(1, key).Bind(2, static_cast<int64_t>(i)).Bind(3, d.reasons[i]);
        KERUEN_STORE_RETURN_IF_ERROR(insert->Run());
        insert->Reset();
      }
    }
    return id;
  }

  Status WriteAlertStatus(const std::string& alert_id, AlertStatus status, const std::string& actor,
                          const std::string& reason) {
    std::string details;
    {
      KERUEN_STORE_ASSIGN_OR_RETURN(
          auto find,
          db().Cached("SELECT status, rule, subject_type, subject_id FROM alerts WHERE id = ?1"));
      find->Bind(1, alert_id);
      KERUEN_STORE_ASSIGN_OR_RETURN(const bool found, find->Step());
      if (!found) return NotFound("no alert " + alert_id);
      if (find->Text(0) == AlertStatusName(status)) return Ok();
      JsonWriter w(details);
      w.BeginObject().Field("alert", alert_id).Field("rule", find->Text(1));
      w.Key("subject").BeginObject().Field("type", find->Text(2)).Field("id", find->Text(3));
      w.EndObject().Field("from", find->Text(0)).Field("to", AlertStatusName(status));
      w.Field("reason", reason).EndObject();
    }
    KERUEN_STORE_ASSIGN_OR_RETURN(auto update,
                                  db().Cached("UPDATE alerts SET status = ?2 WHERE id = ?1"));
    update->Bind(1, alert_id).Bind(2, AlertStatusName(status));
    KERUEN_STORE_RETURN_IF_ERROR(update->Run());
    return AppendAudit("alert_status", SubjectRef{"alert", alert_id}, actor, std::move(details));
  }

  // Appends a record to the audit log, chained to the head, and moves the head to it: both
  // in this transaction, so the record commits or rolls back with the change it records.
  Status AppendAudit(std::string_view action, const SubjectRef& subject, std::string_view actor,
                     std::string details_json) {
    audit::AuditRecord r;
    {
      KERUEN_STORE_ASSIGN_OR_RETURN(auto head, db().Cached("SELECT seq, hash FROM audit_head"));
      KERUEN_STORE_ASSIGN_OR_RETURN(const bool found, head->Step());
      if (!found) return MakeError(ErrorCode::kInternal, "the audit log's head row is missing");
      r.seq = head->Int(0) + 1;
      r.prev_hash = head->Text(1);
    }
    r.at = store_.clock_.Now();
    r.action = action;
    r.subject_type = subject.type;
    r.subject_id = subject.id;
    r.actor = actor;
    r.details_json = std::move(details_json);
    r.hash = audit::RecordHash(r);
    {
      KERUEN_STORE_ASSIGN_OR_RETURN(
          auto insert,
          db().Cached(
              "INSERT INTO audit_log (seq, at, action, subject_type, subject_id, actor, "
              "details_json, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"));
      insert->Bind(1, r.seq).Bind(2, r.at).Bind(3, r.action).Bind(4, r.subject_type);
      insert->Bind(5, r.subject_id).Bind(6, r.actor).Bind(7, r.details_json);
      insert->Bind(8, r.prev_hash).Bind(9, r.hash);
      KERUEN_STORE_RETURN_IF_ERROR(insert->Run());
    }
    KERUEN_STORE_ASSIGN_OR_RETURN(auto move_head,
                                  db().Cached("UPDATE audit_head SET seq = ?1, hash = ?2"));
    move_head->Bind(1, r.seq).Bind(2, r.hash);
    return move_head->Run();
  }

  Result<ListPutResult> WriteListVersion(const ListVersionInfo& info,
                                         const std::vector<ListEntryRecord>& entries) {
    if (info.list.empty()) return InvalidArgument("list", "is required");
    ListPutResult result;
    result.version = info;
    {
      KERUEN_STORE_ASSIGN_OR_RETURN(
          auto latest,
          db().Cached("SELECT version, format, source, published_on, content_hash, entry_count, "
                      "imported_at FROM list_versions WHERE list = ?1 "
                      "ORDER BY version DESC LIMIT 1"));
      latest->Bind(1, info.list);
      KERUEN_STORE_ASSIGN_OR_RETURN(const bool found, latest->Step());
      result.version.version = found ? static_cast<int32_t>(latest->Int(0)) + 1 : 1;
      if (found && latest->Text(4) == info.content_hash) {
        result.version = ListVersionFromRow(info.list, *latest);
        return result;
      }
    }
    result.version.entry_count = static_cast<int64_t>(entries.size());
    result.version.imported_at = store_.clock_.Now();
    {
      KERUEN_STORE_ASSIGN_OR_RETURN(
          auto insert,
          db().Cached("INSERT INTO list_versions (list, version, format, source, published_on, "
                      "content_hash, entry_count, imported_at) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
      const ListVersionInfo& v = result.version;
      insert->Bind(1, v.list).Bind(2, v.version).Bind(3, v.format).Bind(4, v.source);
      insert->Bind(5, v.published_on).Bind(6, v.content_hash).Bind(7, v.entry_count);
      insert->Bind(8, v.imported_at);
      KERUEN_STORE_RETURN_IF_ERROR(insert->Run());
    }
    KERUEN_STORE_ASSIGN_OR_RETURN(
        auto content, db().Cached("INSERT OR IGNORE INTO list_entry_contents (hash, json) "
                                  "VALUES (?1, ?2)"));
    KERUEN_STORE_ASSIGN_OR_RETURN(
        auto member, db().Cached("INSERT INTO list_version_entries (list, version, entry_id, "
                                 "hash) VALUES (?1, ?2, ?3, ?4)"));
    for (const ListEntryRecord& entry : entries) {
      const std::string hash = ContentHash(entry.json);
      content->Bind(1, hash).Bind(2, entry.json);
      KERUEN_STORE_RETURN_IF_ERROR(content->Run());
      content->Reset();
      member->Bind(1, info.list).Bind(2, result.version.version).Bind(3, entry.id).Bind(4, hash);
      Status added = member->Run();
      member->Reset();
      if (!added) {
        return InvalidArgument("entries",
                               "entry id \"" + entry.id + "\" appears twice in list " + info.list);
      }
    }
    result.created = true;
    return result;
  }

  SqliteStore& store_;
  bool open_ = true;  // until committed
  bool failed_ = false;
  // Reused across puts so the hot path does not allocate for them.
  std::string json_;
  DeclarationKeys declaration_keys_;
  PaymentKeys payment_keys_;
};

// ---- the store ----

int SqliteStore::SchemaVersion() { return kSchemaVersion; }

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path,
                                                       const Clock& clock) {
  const bool in_memory = path == kMemoryPath;
  KERUEN_STORE_ASSIGN_OR_RETURN(Database db,
                                Database::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
  KERUEN_STORE_RETURN_IF_ERROR(Configure(db, /*writer=*/true, in_memory));
  KERUEN_STORE_RETURN_IF_ERROR(Migrate(db, path));
  std::unique_ptr<SqliteStore> store(
      new SqliteStore(path, clock, std::make_unique<Connection>(std::move(db))));
  if (!in_memory) {
    KERUEN_STORE_ASSIGN_OR_RETURN(Database checkpointer,
                                  Database::Open(path, SQLITE_OPEN_READWRITE));
    const int rc = sqlite3_busy_timeout(checkpointer.handle(), 1000);
    if (rc != SQLITE_OK) {
      return tl::unexpected(
          sqlite::MakeSqliteError(checkpointer.handle(), rc, "setting the busy timeout"));
    }
    store->checkpointer_ = std::thread(&SqliteStore::CheckpointLoop, store.get(),
                                       std::make_unique<Connection>(std::move(checkpointer)));
  }
  return store;
}

SqliteStore::SqliteStore(std::string path, const Clock& clock, std::unique_ptr<Connection> writer)
    : path_(std::move(path)),
      clock_(clock),
      in_memory_(path_ == kMemoryPath),
      writer_(std::move(writer)) {}

SqliteStore::~SqliteStore() {
  {
    std::lock_guard lock(checkpoint_mutex_);
    stopping_ = true;
  }
  checkpoint_wake_.notify_all();
  if (checkpointer_.joinable()) checkpointer_.join();
}

void SqliteStore::CheckpointLoop(std::unique_ptr<Connection> connection) {
  std::unique_lock lock(checkpoint_mutex_);
  while (!checkpoint_wake_.wait_for(lock, kCheckpointPeriod, [this] { return stopping_; })) {
    lock.unlock();
    // PASSIVE: copies what no reader still needs and never blocks the writer. A failure (a
    // busy file) leaves the pages in the WAL for the next round; nothing is lost.
    (void)connection->db.Exec("PRAGMA wal_checkpoint(PASSIVE)");
    lock.lock();
  }
}

Result<std::unique_ptr<Transaction>> SqliteStore::Begin() {
  {
    std::unique_lock lock(write_mutex_);
    if (write_open_ && write_thread_ == std::this_thread::get_id()) {
      return MakeError(ErrorCode::kConflict,
                       "this thread already has a write transaction open on the store");
    }
    if (!write_released_.wait_for(lock, kBusyTimeout, [&] { return !write_open_; })) {
      return MakeError(ErrorCode::kUnavailable,
                       "another write transaction stayed open longer than the busy timeout");
    }
    write_open_ = true;
    write_thread_ = std::this_thread::get_id();
  }
  Status begun;
  {
    std::lock_guard guard(writer_->mutex);
    begun = writer_->db.Exec("BEGIN IMMEDIATE");
  }
  if (!begun) {
    ReleaseWriter();
    return tl::unexpected(std::move(begun).error());
  }
  return std::make_unique<WriteTransaction>(*this);
}

void SqliteStore::ReleaseWriter() {
  {
    std::lock_guard lock(write_mutex_);
    write_open_ = false;
  }
  write_released_.notify_one();
}

Result<std::optional<Versioned<Declaration>>> SqliteStore::GetDeclaration(const std::string& id) {
  KERUEN_STORE_ASSIGN_OR_RETURN(ReadLease lease, AcquireReader());
  return GetCurrent<DeclarationTable>(lease.db(), id);
}

Result<std::vector<Versioned<Declaration>>> SqliteStore::DeclarationHistory(const std::string& id) {
  KERUEN_STORE_ASSIGN_OR_RETURN(ReadLease lease, AcquireReader());
  return GetHistory<DeclarationTable>(lease.db(), id);
}

Result<std::optional<Versioned<Payment>>> SqliteStore::GetPayment(const std::string& id) {
  KERUEN_STORE_ASSIGN_OR_RETURN(ReadLease lease, AcquireReader());
  return GetCurrent<PaymentTable>(lease.db(), id);
}

Result<std::vector<Versioned<Payment>>> SqliteStore::PaymentHistory(const std::string& id) {
  KERUEN_STORE_ASSIGN_OR_RETURN(ReadLease lease, AcquireReader());
  return GetHistory<PaymentTable>(lease.db(), id);
}

Result<Page<Declaration>> SqliteStore::FindDeclarations(const DeclarationQuery& q) {
  std::optional<Cursor> after;
  if (!q.after.empty()) {
    KERUEN_STORE_ASSIGN_OR_RETURN(after, DecodeCursor(q.after));
  }
  const bool hs_is_digits = std::all_of(q.hs_prefix.begin(), q.hs_prefix.end(),
                                        [](char c) { return c >= '0' && c <= '9'; });
  if (!hs_is_digits) return InvalidArgument("hs_prefix", "must be digits");

  KERUEN_STORE_ASSIGN_OR_RETURN(ReadLease lease, AcquireReader());
  SqlQuery query("SELECT declaration_key, lodged_at, json FROM declarations");
  AddCommonFilters(query, "lodged_at", q.from, q.to, after, "declaration_key", q.party,
                   "SELECT declaration_key FROM declaration_party_ids WHERE value = ?");
  if (q.kind) query.Where("kind = ?", std::string(DeclarationKindName(*q.kind)));
  if (!q.hs_prefix.empty()) {
    // Digits only, so bumping the last one gives the first string past the prefix range
    // ('9' + 1 is ':'), and the range is one seek on the hs key.
    std::string end = q.hs_prefix;
    ++end.back();
    int64_t matches = 0;
    {
      KERUEN_STORE_ASSIGN_OR_RETURN(
          auto count, lease.db().Cached("SELECT count(*) FROM (SELECT 1 FROM declaration_items "
                                        "WHERE hs >= ?1 AND hs < ?2 LIMIT ?3)"));
      count->Bind(1, q.hs_prefix).Bind(2, end).Bind(3, kSelectiveHsMatches);
      KERUEN_STORE_ASSIGN_OR_RETURN(const bool row, count->Step());
      if (row) matches = count->Int(0);
    }
    // The unary + keeps sqlite from driving the query by the matches (see the constant).
    query.Where(matches < kSelectiveHsMatches
                    ? "declaration_key IN (SELECT declaration_key FROM declaration_items "
                      "WHERE hs >= ? AND hs < ?)"
                    : "+declaration_key IN (SELECT declaration_key FROM declaration_items "
                      "WHERE hs >= ? AND hs < ?)",
                q.hs_prefix, std::move(end));
  }
  if (!q.country.empty()) {
    query.Where("instr(countries, ?) > 0", CountryNeedle(AsciiUpper(q.country)));
  }
  const int64_t limit = PageLimit(q.limit);
  query.Finish("lodged_at, declaration_key", limit + 1);
  return RunDocumentPage<DeclarationTable>(lease.db(), query, limit);
}

Result<Page<Payment>> SqliteStore::FindPayments(const PaymentQuery& q) {
  std::optional<Cursor> after;
  if (!q.after.empty()) {
    KERUEN_STORE_ASSIGN_OR_RETURN(after, DecodeCursor(q.after));
  }

  SqlQuery query("SELECT payment_key, executed_at, json FROM payments");
  AddCommonFilters(query, "executed_at", q.from, q.to, after, "payment_key", q.party,
                   "SELECT payment_key FROM payment_party_keys WHERE value = ?");
  if (!q.currency.empty()) query.Where("currency = ?", AsciiUpper(q.currency));
  if (!q.country.empty()) {
    query.Where("instr(countries, ?) > 0", CountryNeedle(AsciiUpper(q.country)));
  }
  const int64_t limit = PageLimit(q.limit);
  query.Finish("executed_at, payment_key", limit + 1);
  KERUEN_STORE_ASSIGN_OR_RETURN(ReadLease lease, AcquireReader());
  return RunDocumentPage<PaymentTable>(lease.db(), query, limit);
}

// One movement with its seals and history, read inside the caller's snapshot.
Result<std::optional<Movement>> ReadMovement(Database& db, const std::string& id) {
  Movement m;
  m.id = id;
  {
    KERUEN_STORE_ASSIGN_OR_RETURN(auto stmt,
                                  db.Cached("SELECT state, entry_post_id, exit_post_id, limit_date "
                                            "FROM movements WHERE id = ?1"));
    stmt->Bind(1, id);
    KERUEN_STORE_ASSIGN_OR_RETURN(const bool found, stmt->Step());
    if (!found) return std::nullopt;
    KERUEN_STORE_ASSIGN_OR_RETURN(m.state, StoredEnum(ParseMovementState, stmt->Text(0), "state"));
    m.entry_post_id = stmt->Text(1);
    m.exit_post_id = stmt->Text(2);
    m.limit_date = stmt->OptionalInt(3);
  }
  {
    KERUEN_STORE_ASSIGN_OR_RETURN(
        auto stmt,
        db.Cached("SELECT seal FROM movement_seals WHERE movement_id = ?1 ORDER BY position"));
    stmt->Bind(1, id);
    for (;;) {
      KERUEN_STORE_ASSIGN_OR_RETURN(const bool row, stmt->Step());
      if (!row) break;
      m.seals.emplace_back(stmt->Text(0));
    }
  }
  KERUEN_STORE_ASSIGN_OR_RETURN(auto stmt,
                                db.Cached("SELECT state, at, reason FROM movement_events "
                                          "WHERE movement_id = ?1 ORDER BY position"));
  stmt->Bind(1, id);
  for (;;) {
    KERUEN_STORE_ASSIGN_OR_RETURN(const bool row, stmt->Step());
    if (!row) break;
    MovementEvent e;
    KERUEN_STORE_ASSIGN_OR_RETURN(e.state, StoredEnum(ParseMovementState, stmt->Text(0), "state"));
    e.at = stmt->Int(1);
    e.reason = stmt->Text(2);
    m.history.push_back(std::move(e));
  }
  return m;
}

Result<std::optional<Movement>> SqliteStore::GetMovement(const std::string& id) {
  KERUEN_STORE_ASSIGN_OR_RETURN(ReadLease lease, AcquireReader());
  Database& db = lease.db();
  KERUEN_STORE_ASSIGN_OR_RETURN(ReadSnapshot snapshot, ReadSnapshot::Begin(db));
  return ReadMovement(db, id);
}

Result<Page<Movement>> SqliteStore::FindMovements(const MovementQuery& q) {
  std::optional<int64_t> after;
  if (!q.after.empty()) {
    KERUEN_STORE_ASSIGN_OR_RETURN(after, ParseCursorNumber(q.after));
  }
  SqlQuery query("SELECT m.rowid, m.id FROM movements m");
  if (q.state) query.Where("m.state = ?", std::string(MovementStateName(*q.state)));
  if (q.alert_rule == "any") {
    query.Where(
        "EXISTS (SELECT 1 FROM alerts a WHERE a.subject_id = m.id AND "
        "a.subject_type = 'movement')");
  } else if (!q.alert_rule.empty()) {
    query.Where(
        "EXISTS (SELECT 1 FROM alerts a WHERE a.subject_id = m.id AND "
        "a.subject_type = 'movement' AND a.rule = ?)",
        q.alert_rule);
  }
  if (after) query.Where("m.rowid > ?", *after);
  const int64_t limit = PageLimit(q.limit);
  query.Finish("m.rowid", limit + 1);
  KERUEN_STORE_ASSIGN_OR_RETURN(ReadLease lease, AcquireReader());
  Database& db = lease.db();
  KERUEN_STORE_ASSIGN_OR_RETURN(ReadSnapshot snapshot, ReadSnapshot::Begin(db));
  std::vector<std::pair<int64_t, std::string>> ids;
  {
    KERUEN_STORE_ASSIGN_OR_RETURN(auto stmt, db.Cached(query.sql()));
    query.BindTo(*stmt);
    for (;;) {
      KERUEN_STORE_ASSIGN_OR_RETURN(const bool row, stmt->Step());
      if (!row) break;
      ids.emplace_back(stmt->Int(0), std::string(stmt->Text(1)));
    }
  }
  Page<Movement> page;
  for (const auto& [key, id] : ids) {
    if (static_cast<int64_t>(page.items.size()) == limit) {
      page.next = std::to_string(ids[static_cast<size_t>(limit) - 1].first);
      break;
    }
    KERUEN_STORE_ASSIGN_OR_RETURN(std::optional<Movement> m, ReadMovement(db, id));
    if (m) page.items.push_back(std::move(*m));
  }
  return page;
}

Result<std::vector<PositionRecord>> SqliteStore::MovementPositions(const std::string& movement_id,
                                                                   int64_t limit) {
  KERUEN_STORE_ASSIGN_OR_RETURN(ReadLease lease, AcquireReader());
  KERUEN_STORE_ASSIGN_OR_RETURN(
      auto stmt,
      lease.db().Cached("SELECT t.device, p.ts, p.lat, p.lon, p.speed_kmh, p.battery_pct, p.event "
                        "FROM tracks t JOIN track_hours h ON h.track_key = t.track_key "
                        "JOIN track_positions p ON p.hour = h.hour AND p.track_key = h.track_key "
                        "WHERE t.movement_id = ?1 ORDER BY p.ts, t.device LIMIT ?2"));
  stmt->Bind(1, movement_id).Bind(2, limit);
  return ReadRows<PositionRecord>(*stmt, [&movement_id](const Statement& row) {
    PositionRecord p;
    p.device = row.Text(0);
    p.ts = row.Int(1);
    p.movement_id = movement_id;
    p.lat = row.Double(2);
    p.lon = row.Double(3);
    if (!row.IsNull(4)) p.speed_kmh = row.Double(4);
    if (!row.IsNull(5)) p.battery_pct = static_cast<int>(row.Int(5));
    p.event = row.Text(6);
    return p;
  });
}

Result<std::vector<RejectedPositionRecord>> SqliteStore::RejectedPositions(int64_t limit) {
  KERUEN_STORE_ASSIGN_OR_RETURN(ReadLease lease, AcquireReader());
  KERUEN_STORE_ASSIGN_OR_RETURN(
      auto stmt, lease.db().Cached("SELECT received_at, source, line, field, reason, raw FROM "
                                   "rejected_positions ORDER BY rejected_key DESC LIMIT ?1"));
  stmt->Bind(1, limit);
  return ReadRows<RejectedPositionRecord>(*stmt, [](const Statement& row) {
    return RejectedPositionRecord{row.Int(0),
                                  std::string(row.Text(1)),
                                  row.Int(2),
                                  std::string(row.Text(3)),
                                  std::string(row.Text(4)),
                                  std::string(row.Text(5))};
  });
}

Result<std::vector<EpcisEventRecord>> SqliteStore::EpcisEvents(int64_t after, int64_t limit) {
  KERUEN_STORE_ASSIGN_OR_RETURN(ReadLease lease, AcquireReader());
  KERUEN_STORE_ASSIGN_OR_RETURN(
      auto stmt, lease.db().Cached("SELECT sequence, record_time, event_time, event_type, "
                                   "biz_step, movement_id, post_id, json FROM epcis_events "
                                   "WHERE sequence > ?1 ORDER BY sequence LIMIT ?2"));
  stmt->Bind(1, after).Bind(2, limit);
  return ReadRows<EpcisEventRecord>(*stmt, [](const Statement& row) {
    return EpcisEventRecord{row.Int(0),
                            row.Int(1),
                            row.Int(2),
                            std::string(row.Text(3)),
                            std::string(row.Text(4)),
                            std::string(row.Text(5)),
                            std::string(row.Text(6)),
                            std::string(row.Text(7))};
  });
}

Result<Page<Alert>> SqliteStore::FindAlerts(const AlertQuery& q) {
  std::optional<int64_t> after;
  if (!q.after.empty()) {
    KERUEN_STORE_ASSIGN_OR_RETURN(after, ParseCursorNumber(q.after));
  }
  SqlQuery query("SELECT alert_key, " + std::string(kAlertColumns) + " FROM alerts");
  if (!q.rule.empty()) query.Where("rule = ?", q.rule);
  if (!q.subject_type.empty()) query.Where("subject_type = ?", q.subject_type);
  if (!q.subject_id.empty()) query.Where("subject_id = ?", q.subject_id);
  if (q.status) query.Where("status = ?", std::string(AlertStatusName(*q.status)));
  if (after) query.Where("alert_key > ?", *after);
  const int64_t limit = PageLimit(q.limit);
  query.Finish("alert_key", limit + 1);

  KERUEN_STORE_ASSIGN_OR_RETURN(ReadLease lease, AcquireReader());
  KERUEN_STORE_ASSIGN_OR_RETURN(auto stmt, lease.db().Cached(query.sql()));
  query.BindTo(*stmt);
  Page<Alert> page;
  int64_t last_key = 0;
  for (;;) {
    KERUEN_STORE_ASSIGN_OR_RETURN(const bool row, stmt->Step());
    if (!row) break;
    if (static_cast<int64_t>(page.items.size()) == limit) {
      page.next = std::to_string(last_key);
      break;
    }
    last_key = stmt->Int(0);
    KERUEN_STORE_ASSIGN_OR_RETURN(Alert a, AlertFromRow(*stmt, 1));
    page.items.push_back(std::move(a));
  }
  return page;
}

Result<std::optional<Alert>> SqliteStore::GetAlert(const std::string& id) {
  KERUEN_STORE_ASSIGN_OR_RETURN(ReadLease lease, AcquireReader());
  KERUEN_STORE_ASSIGN_OR_RETURN(
      auto stmt,
      lease.db().Cached("SELECT " + std::string(kAlertColumns) + " FROM alerts WHERE id = ?1"));
  stmt->Bind(1, id);
  KERUEN_STORE_ASSIGN_OR_RETURN(const bool found, stmt->Step());
  if (!found) return std::nullopt;
  return AlertFromRow(*stmt, 0).map([](Alert a) { return std::optional(std::move(a)); });
}

Result<std::vector<Decision>> SqliteStore::DecisionsFor(const SubjectRef& subject) {
  KERUEN_STORE_ASSIGN_OR_RETURN(ReadLease lease, AcquireReader());
  // One statement, so the decisions and their reasons come from the same snapshot.
  KERUEN_STORE_ASSIGN_OR_RETURN(
      auto stmt, lease.db().Cached(
                     "SELECT d.decision_key, d.id, d.kind, d.outcome, d.decided_by, d.decided_at, "
                     "r.reason FROM decisions d LEFT JOIN decision_reasons r "
                     "ON r.decision_key = d.decision_key "
                     "WHERE d.subject_id = ?1 AND d.subject_type = ?2 "
                     "ORDER BY d.decided_at, d.decision_key, r.position"));
  stmt->Bind(1, subject.id).Bind(2, subject.type);
  std::vector<Decision> decisions;
  int64_t current_key = 0;
  for (;;) {
    KERUEN_STORE_ASSIGN_OR_RETURN(const bool row, stmt->Step());
    if (!row) return decisions;
    if (decisions.empty() || stmt->Int(0) != current_key) {
      current_key = stmt->Int(0);
      Decision d;
      d.id = stmt->Text(1);
      d.subject = subject;
      d.kind = stmt->Text(2);
      d.outcome = stmt->Text(3);
      d.decided_by = stmt->Text(4);
      d.decided_at = stmt->Int(5);
      decisions.push_back(std::move(d));
    }
    if (!stmt->IsNull(6)) decisions.back().reasons.emplace_back(stmt->Text(6));
  }
}

Result<Page<Decision>> SqliteStore::FindDecisions(const DecisionQuery& q) {
  std::optional<Cursor> after;
  if (!q.after.empty()) {
    KERUEN_STORE_ASSIGN_OR_RETURN(after, DecodeCursor(q.after));
  }
  SqlQuery query(
      "SELECT decision_key, decided_at, id, subject_type, subject_id, kind, outcome, decided_by "
      "FROM decisions");
  if (!q.kind.empty()) query.Where("kind = ?", q.kind);
  if (!q.subject_type.empty()) query.Where("subject_type = ?", q.subject_type);
  if (!q.subject_id.empty()) query.Where("subject_id = ?", q.subject_id);
  if (!q.outcome.empty()) query.Where("outcome = ?", q.outcome);
  if (!q.decided_by.empty()) query.Where("decided_by = ?", q.decided_by);
  if (q.from) query.Where("decided_at >= ?", *q.from);
  if (q.to) query.Where("decided_at < ?", *q.to);
  if (after) query.Where("(decided_at, decision_key) < (?, ?)", after->sort, after->key);
  const int64_t limit = PageLimit(q.limit);
  query.Finish("decided_at DESC, decision_key DESC", limit + 1);

  KERUEN_STORE_ASSIGN_OR_RETURN(ReadLease lease, AcquireReader());
  Database& db = lease.db();
  KERUEN_STORE_ASSIGN_OR_RETURN(ReadSnapshot snapshot, ReadSnapshot::Begin(db));
  Page<Decision> page;
  std::vector<int64_t> keys;
  {
    KERUEN_STORE_ASSIGN_OR_RETURN(auto stmt, db.Cached(query.sql()));
    query.BindTo(*stmt);
    for (;;) {
      KERUEN_STORE_ASSIGN_OR_RETURN(const bool row, stmt->Step());
      if (!row) break;
      if (static_cast<int64_t>(page.items.size()) == limit) {
        page.next = EncodeCursor(Cursor{page.items.back().decided_at, keys.back()});
        break;
      }
      keys.push_back(stmt->Int(0));
      Decision d;
      d.decided_at = stmt->Int(1);
      d.id = stmt->Text(2);
      d.subject = SubjectRef{std::string(stmt->Text(3)), std::string(stmt->Text(4))};
      d.kind = stmt->Text(5);
      d.outcome = stmt->Text(6);
      d.decided_by = stmt->Text(7);
      page.items.push_back(std::move(d));
    }
  }
  KERUEN_STORE_ASSIGN_OR_RETURN(
      auto reasons, db.Cached("SELECT reason FROM decision_reasons WHERE decision_key = ?1 "
                              "ORDER BY position"));
  for (size_t i = 0; i < keys.size(); ++i) {
    reasons->Bind(1, keys[i]);
    for (;;) {
      KERUEN_STORE_ASSIGN_OR_RETURN(const bool row, reasons->Step());
      if (!row) break;
      page.items[i].reasons.emplace_back(reasons->Text(0));
    }
    reasons->Reset();
  }
  return page;
}

Result<std::vector<audit::AuditRecord>> SqliteStore::AuditLog(int64_t after_seq, int64_t limit) {
  KERUEN_STORE_ASSIGN_OR_RETURN(ReadLease lease, AcquireReader());
  KERUEN_STORE_ASSIGN_OR_RETURN(
      auto stmt, lease.db().Cached("SELECT seq, at, action, subject_type, subject_id, actor, "
                                   "details_json, prev_hash, hash FROM audit_log "
                                   "WHERE seq > ?1 ORDER BY seq LIMIT ?2"));
  stmt->Bind(1, after_seq).Bind(2, limit);
  return ReadRows<audit::AuditRecord>(*stmt, [](const Statement& row) {
    return audit::AuditRecord{row.Int(0),
                              row.Int(1),
                              std::string(row.Text(2)),
                              std::string(row.Text(3)),
                              std::string(row.Text(4)),
                              std::string(row.Text(5)),
                              std::string(row.Text(6)),
                              std::string(row.Text(7)),
                              std::string(row.Text(8))};
  });
}

Result<AuditHeadInfo> SqliteStore::AuditHead() {
  KERUEN_STORE_ASSIGN_OR_RETURN(ReadLease lease, AcquireReader());
  KERUEN_STORE_ASSIGN_OR_RETURN(auto stmt, lease.db().Cached("SELECT seq, hash FROM audit_head"));
  KERUEN_STORE_ASSIGN_OR_RETURN(const bool found, stmt->Step());
  if (!found) return MakeError(ErrorCode::kInternal, "the audit log's head row is missing");
  AuditHeadInfo head{stmt->Int(0), std::string(stmt->Text(1))};
  KERUEN_STORE_ASSIGN_OR_RETURN(const bool another, stmt->Step());
  if (another) return MakeError(ErrorCode::kInternal, "the audit log has more than one head row");
  return head;
}

Result<std::vector<ListVersionInfo>> SqliteStore::ListVersions(const std::string& list) {
  KERUEN_STORE_ASSIGN_OR_RETURN(ReadLease lease, AcquireReader());
  KERUEN_STORE_ASSIGN_OR_RETURN(
      auto stmt, lease.db().Cached("SELECT version, format, source, published_on, content_hash, "
                                   "entry_count, imported_at, list FROM list_versions "
                                   "WHERE ?1 = '' OR list = ?1 ORDER BY list, version"));
  stmt->Bind(1, list);
  return ReadRows<ListVersionInfo>(*stmt, [](const Statement& row) {
    return ListVersionFromRow(std::string(row.Text(7)), row);
  });
}

Result<std::vector<ListEntryRecord>> SqliteStore::ListEntries(const std::string& list,
                                                              int32_t version) {
  KERUEN_STORE_ASSIGN_OR_RETURN(ReadLease lease, AcquireReader());
  Database& db = lease.db();
  KERUEN_STORE_ASSIGN_OR_RETURN(ReadSnapshot snapshot, ReadSnapshot::Begin(db));
  {
    KERUEN_STORE_ASSIGN_OR_RETURN(
        auto exists, db.Cached("SELECT 1 FROM list_versions WHERE list = ?1 AND version = ?2"));
    exists->Bind(1, list).Bind(2, version);
    KERUEN_STORE_ASSIGN_OR_RETURN(const bool found, exists->Step());
    if (!found) {
      return NotFound("list " + list + " has no version " + std::to_string(version));
    }
  }
  KERUEN_STORE_ASSIGN_OR_RETURN(
      auto stmt, db.Cached("SELECT e.entry_id, c.json FROM list_version_entries e "
                           "JOIN list_entry_contents c ON c.hash = e.hash "
                           "WHERE e.list = ?1 AND e.version = ?2 ORDER BY e.entry_id"));
  stmt->Bind(1, list).Bind(2, version);
  return ReadRows<ListEntryRecord>(*stmt, [](const Statement& row) {
    return ListEntryRecord{std::string(row.Text(0)), std::string(row.Text(1))};
  });
}

Result<StoreStats> SqliteStore::Stats() {
  KERUEN_STORE_ASSIGN_OR_RETURN(ReadLease lease, AcquireReader());
  KERUEN_STORE_ASSIGN_OR_RETURN(auto stmt,
                                lease.db().Cached("SELECT (SELECT count(*) FROM declarations), "
                                                  "(SELECT count(*) FROM declaration_history), "
                                                  "(SELECT count(*) FROM declaration_items), "
                                                  "(SELECT count(*) FROM payments), "
                                                  "(SELECT count(*) FROM movements), "
                                                  "(SELECT count(*) FROM alerts), "
                                                  "(SELECT count(*) FROM decisions), "
                                                  "(SELECT count(*) FROM track_positions), "
                                                  "(SELECT count(*) FROM rejected_positions), "
                                                  "(SELECT count(*) FROM epcis_events)"));
  KERUEN_STORE_ASSIGN_OR_RETURN(const bool row, stmt->Step());
  if (!row) return MakeError(ErrorCode::kInternal, "statistics query returned no row");
  StoreStats s;
  s.declarations = stmt->Int(0);
  s.declaration_versions = stmt->Int(1);
  s.goods_items = stmt->Int(2);
  s.payments = stmt->Int(3);
  s.movements = stmt->Int(4);
  s.alerts = stmt->Int(5);
  s.decisions = stmt->Int(6);
  s.positions = stmt->Int(7);
  s.rejected_positions = stmt->Int(8);
  s.epcis_events = stmt->Int(9);
  return s;
}

}  // namespace keruen
