#include "keruen/screening/lists/internal/csv_rows.h"

#include "keruen/core/csv.h"
#include "keruen/screening/lists/internal/importers.h"
#include "keruen/screening/lists/internal/text.h"

namespace keruen::screening::lists_internal {
namespace {

// Calls `fn(fields, line, is_first)` for every record of the file.
Status ForEachRecord(const std::filesystem::path& path, ImportStats& stats,
                     const std::function<Status(std::vector<std::string>&, int64_t, bool)>& fn) {
  auto text = ReadListFile(path, stats);
  if (!text) return tl::unexpected(text.error());
  const std::string source = path.string();
  CsvReader reader(*text);
  std::vector<std::string> fields;
  bool first = true;
  while (true) {
    auto more = reader.Next(fields);
    if (!more) return tl::unexpected(more.error().WithSource(source, more.error().line));
    if (!*more) break;
    if (auto s = fn(fields, reader.record_line(), first); !s) return s;
    first = false;
  }
  return Ok();
}

Error FieldCountError(const std::filesystem::path& path, int64_t line, size_t expected,
                      size_t found) {
  return Error{ErrorCode::kParse,
               "expected " + std::to_string(expected) + " fields, found " + std::to_string(found),
               {},
               path.string(),
               line};
}

}  // namespace

Status ReadCsvRows(const std::filesystem::path& path, size_t columns, ImportStats& stats,
                   const CsvRowFn& row) {
  return ForEachRecord(path, stats, [&](std::vector<std::string>& fields, int64_t line, bool) {
    ++stats.records;
    if (fields.size() != columns) {
      return Status(tl::unexpected(FieldCountError(path, line, columns, fields.size())));
    }
    return row(fields, line);
  });
}

int CsvHeader::Column(std::string_view name) const {
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<int>(i);
  }
  return -1;
}

std::string_view CsvHeader::Cell(const std::vector<std::string>& fields,
                                 std::string_view name) const {
  const int i = Column(name);
  return i < 0 ? std::string_view() : Trim(fields[static_cast<size_t>(i)]);
}

Result<std::vector<std::string>> CsvHeader::CellValues(const std::vector<std::string>& fields,
                                                       std::string_view name) const {
  auto values = SplitMultiValue(Cell(fields, name));
  if (!values) return tl::unexpected(values.error().WithFieldPrefix(name));
  return values;
}

Status ReadCsvWithHeader(const std::filesystem::path& path, ImportStats& stats,
                         const std::function<Status(const CsvHeader&)>& header,
                         const CsvRowFn& row) {
  CsvHeader columns;
  bool seen_header = false;
  auto status =
      ForEachRecord(path, stats, [&](std::vector<std::string>& fields, int64_t line, bool first) {
        if (first) {
          columns.names = fields;
          seen_header = true;
          auto s = header(columns);
          if (!s) return Status(tl::unexpected(s.error().WithSource(path.string(), line)));
          return Ok();
        }
        ++stats.records;
        if (fields.size() != columns.names.size()) {
          return Status(
              tl::unexpected(FieldCountError(path, line, columns.names.size(), fields.size())));
        }
        return row(fields, line);
      });
  if (!status) return status;
  if (!seen_header) {
    return tl::unexpected(
        Error{ErrorCode::kParse, "empty file, expected a header row", {}, path.string(), 1});
  }
  return Ok();
}

}  // namespace keruen::screening::lists_internal
