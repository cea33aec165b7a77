// Row-by-row reading of list CSV files, with the checks every CSV importer needs: UTF-8,
// the same field count on every row, and the line each row starts on for error messages.
#ifndef KERUEN_SCREENING_LISTS_INTERNAL_CSV_ROWS_H_
#define KERUEN_SCREENING_LISTS_INTERNAL_CSV_ROWS_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "keruen/core/error.h"
#include "keruen/screening/lists/import.h"

namespace keruen::screening::lists_internal {

using CsvRowFn = std::function<Status(std::vector<std::string>& fields, int64_t line)>;

// Headerless files (OFAC's): every row must have `columns` fields.
Status ReadCsvRows(const std::filesystem::path& path, size_t columns, ImportStats& stats,
                   const CsvRowFn& row);

struct CsvHeader {
  std::vector<std::string> names;
  // Index of column `name`, or -1.
  int Column(std::string_view name) const;
  // The trimmed cell of column `name` in a row of the file; "" when the file has no such
  // column, which importers treat like an empty cell (optional columns may be left out).
  std::string_view Cell(const std::vector<std::string>& fields, std::string_view name) const;
  // That cell split into its ';'-separated values (SplitMultiValue); an error names the column.
  Result<std::vector<std::string>> CellValues(const std::vector<std::string>& fields,
                                              std::string_view name) const;
};

// Files whose first row names the columns: `header` sees it first (and may refuse it), then
// `row` each data row, which must have as many fields as the header.
Status ReadCsvWithHeader(const std::filesystem::path& path, ImportStats& stats,
                         const std::function<Status(const CsvHeader&)>& header,
                         const CsvRowFn& row);

}  // namespace keruen::screening::lists_internal

#endif  // KERUEN_SCREENING_LISTS_INTERNAL_CSV_ROWS_H_
