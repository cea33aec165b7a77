// Thin RAII wrappers over the raw sqlite3 C API, reporting failures as Result/Status.
//
// Only what the store needs: a connection (`Database`) that owns its prepared statements
// and caches them by SQL text, so a statement is compiled once per connection and reused
// for every call; and a `Statement` with chainable binds, step and typed column access.
//
// A cached statement is handed out as a `StatementRef`, which resets the statement and
// clears its bindings when it goes out of scope. That matters beyond tidiness: a statement
// left mid-step keeps its read snapshot open, which in WAL mode hides later commits from
// that connection and blocks checkpoints.
//
// A Database is not thread-safe: one thread at a time (connections are opened with
// SQLITE_OPEN_NOMUTEX; callers serialise).
#ifndef KERUEN_STORE_INTERNAL_SQLITE_H_
#define KERUEN_STORE_INTERNAL_SQLITE_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "keruen/core/error.h"

namespace keruen::sqlite {

// The Error for a failed sqlite call on `db`, mapping the result code to an ErrorCode
// (busy/locked -> kUnavailable, constraint -> kConflict, I/O and corruption -> kIo).
Error MakeSqliteError(sqlite3* db, int rc, std::string_view what);

class Statement {
 public:
  Statement(sqlite3_stmt* stmt, sqlite3* db) : stmt_(stmt), db_(db) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binds are 1-based like sqlite's. A failed bind is remembered and reported by the
  // next Step/Run, so binds can be chained without checking each one.
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  Statement& Bind(int index, double value);
  // Text is bound without copying: it must stay alive until the statement is reset.
  Statement& Bind(int index, std::string_view text);
  Statement& BindNull(int index);

  // Advances: true when a row is available, false when the statement is done.
  Result<bool> Step();
  // Steps to completion, ignoring any rows (for INSERT/UPDATE/DELETE).
  Status Run();
  void Reset();

  bool IsNull(int column) const;
  int64_t Int(int column) const;
  double Double(int column) const;
  // Valid until the next Step or Reset.
  std::string_view Text(int column) const;
  std::optional<int64_t> OptionalInt(int column) const;

 private:
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;
  int bind_error_ = SQLITE_OK;
};

// A borrowed cached statement; resets it (and clears bindings) on destruction.
class StatementRef {
 public:
  explicit StatementRef(Statement* stmt) : stmt_(stmt) {}
  StatementRef(StatementRef&& other) noexcept : stmt_(other.stmt_) { other.stmt_ = nullptr; }
  StatementRef& operator=(StatementRef&&) = delete;
  StatementRef(const StatementRef&) = delete;
  ~StatementRef();

  Statement* operator->() const { return stmt_; }
  Statement& operator*() const { return *stmt_; }

 private:
  Statement* stmt_;
};

class Database {
 public:
  // `flags` are SQLITE_OPEN_* flags; SQLITE_OPEN_NOMUTEX is always added.
  static Result<Database> Open(const std::string& path, int flags);

  Database(Database&& other) noexcept;
  Database& operator=(Database&&) = delete;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  sqlite3* handle() const { return db_; }

  // Runs one or more statements that return nothing of interest (DDL, PRAGMA, BEGIN).
  Status Exec(std::string_view sql);
  // A statement compiled for this call only.
  Result<Statement> Prepare(std::string_view sql);
  // The statement for `sql`, compiled on first use and reused afterwards.
  Result<StatementRef> Cached(std::string_view sql);

  // The single integer a query like "PRAGMA user_version" returns.
  Result<int64_t> QueryInt(std::string_view sql);

  // False while a transaction is open (sqlite3_get_autocommit is 0).
  bool InAutocommit() const;
  // The rowid of the last row this connection inserted.
  int64_t LastInsertRowid() const;
  // Rows changed by the last INSERT, UPDATE or DELETE (0 when an INSERT was ignored).
  int64_t Changes() const;

 private:
  explicit Database(sqlite3* db) : db_(db) {}

  // Lets the cache be searched with a string_view without building a std::string.
  struct SqlHash {
    using is_transparent = void;
    size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
  };

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<Statement>, SqlHash, std::equal_to<>> cache_;
};

}  // namespace keruen::sqlite

#endif  // KERUEN_STORE_INTERNAL_SQLITE_H_
