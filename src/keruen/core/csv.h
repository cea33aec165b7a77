// A small RFC 4180 CSV reader: quoted fields, doubled quotes, newlines inside quotes,
// CRLF or LF. It reports the line each record starts on so errors can name it. Used for the
// committed reference tables and, later, the list importers.
#ifndef KERUEN_CORE_CSV_H_
#define KERUEN_CORE_CSV_H_

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "keruen/core/error.h"

namespace keruen {

class CsvReader {
 public:
  // `text` must outlive the reader. `comment` (if not '\0') marks whole-line comments.
  explicit CsvReader(std::string_view text, char delimiter = ',', char comment = '\0')
      : text_(text), delimiter_(delimiter), comment_(comment) {}

  // Reads the next record into `fields`. Returns false at the end of input, and an error
  // (with the line) on an unterminated quote.
  Result<bool> Next(std::vector<std::string>& fields);
  // The 1-based line on which the last record returned by Next started.
  int64_t record_line() const { return record_line_; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  int64_t line_ = 1;
  int64_t record_line_ = 0;
  char delimiter_;
  char comment_;
};

// Calls `row(fields)` for each record of a tab-separated table with '#' comment lines (the
// tables compiled into the binary), skipping a first record whose first field is `header`.
// An error `row` returns, or a malformed record, is located at `source` and the record's line.
Status ForEachTsvRow(std::string_view tsv, const std::string& source, std::string_view header,
                     const std::function<Status(std::vector<std::string>& fields)>& row);

// Reads a whole file into memory.
Result<std::string> ReadFile(const std::string& path);

// Writes `text` to `path` through "<path>.partial" renamed into place, so that a reader (or a
// run that fails midway) never sees half a file.
Status WriteFileAtomically(const std::string& path, std::string_view text);

// A table with a header row: find columns by name.
struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<int64_t> lines;  // the source line of each row

  // Index of column `name`, or -1.
  int Column(std::string_view name) const;
  // The indices of columns `names`, in order, or an error naming `source` and the first one
  // missing.
  Result<std::vector<int>> RequireColumns(const std::string& source,
                                          std::initializer_list<std::string_view> names) const;
};

// The error for a bad value in a table: `message` about `field`, located at `source`:`line`.
tl::unexpected<Error> TableValueError(const std::string& source, int64_t line, std::string field,
                                      std::string message);

// Reads a CSV file with a header row; every row must have the header's field count.
Result<CsvTable> ReadCsvTable(const std::string& path, char delimiter = ',', char comment = '#');

}  // namespace keruen

#endif  // KERUEN_CORE_CSV_H_
