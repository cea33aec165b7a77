#include "keruen/core/csv.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace keruen {

Result<bool> CsvReader::Next(std::vector<std::string>& fields) {
  fields.clear();
  // Skip comment lines and blank lines between records.
  while (pos_ < text_.size()) {
    const bool blank = text_[pos_] == '\n' || text_[pos_] == '\r';
    if (!blank && (comment_ == '\0' || text_[pos_] != comment_)) break;
    while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
    if (pos_ < text_.size()) {
      ++pos_;
      ++line_;
    }
  }
  if (pos_ >= text_.size()) return false;
  record_line_ = line_;
  std::string field;
  bool in_quotes = false;
  bool was_quoted = false;
  while (pos_ < text_.size()) {
    const char c = text_[pos_++];
    if (in_quotes) {
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') {
          field.push_back('"');
          ++pos_;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line_;
        field.push_back(c);
      }
      continue;
    }
    if (c == '"' && field.empty() && !was_quoted) {
      in_quotes = true;
      was_quoted = true;
    } else if (c == delimiter_) {
      fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
    } else if (c == '\n') {
      ++line_;
      break;
    } else if (c == '\r') {
      // part of CRLF
    } else {
      field.push_back(c);
    }
  }
  if (in_quotes) {
    return tl::unexpected<Error>(
        Error{ErrorCode::kParse, "unterminated quoted field", {}, {}, record_line_});
  }
  fields.push_back(std::move(field));
  return true;
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot open " + path);
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return IoError("cannot read " + path);
  return std::move(buf).str();
}

Status WriteFileAtomically(const std::string& path, std::string_view text) {
  const std::string temporary = path + ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) {
      std::filesystem::remove(temporary);
      return IoError("cannot write " + temporary);
    }
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    std::filesystem::remove(temporary);
    return IoError("cannot write " + path + ": " + ec.message());
  }
  return Ok();
}

int CsvTable::Column(std::string_view name) const {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return static_cast<int>(i);
  }
  return -1;
}

Status ForEachTsvRow(std::string_view tsv, const std::string& source, std::string_view header,
                     const std::function<Status(std::vector<std::string>& fields)>& row) {
  CsvReader reader(tsv, '\t', '#');
  std::vector<std::string> fields;
  for (bool first = true;; first = false) {
    auto more = reader.Next(fields);
    if (!more) return tl::unexpected(more.error().WithSource(source, more.error().line));
    if (!*more) return {};
    if (first && !fields.empty() && fields[0] == header) continue;
    if (auto ok = row(fields); !ok) {
      return tl::unexpected(ok.error().WithSource(source, reader.record_line()));
    }
  }
}

Result<CsvTable> ReadCsvTable(const std::string& path, char delimiter, char comment) {
  auto text = ReadFile(path);
  if (!text) return tl::unexpected(text.error());
  CsvReader reader(*text, delimiter, comment);
  CsvTable table;
  std::vector<std::string> fields;
  bool first = true;
  while (true) {
    auto more = reader.Next(fields);
    if (!more) return tl::unexpected(more.error().WithSource(path, more.error().line));
    if (!*more) break;
    if (first) {
      table.header = fields;
      first = false;
      continue;
    }
    if (fields.size() != table.header.size()) {
      return tl::unexpected(Error{ErrorCode::kParse,
                                  "expected " + std::to_string(table.header.size()) +
                                      " fields, found " + std::to_string(fields.size()),
                                  {},
                                  path,
                                  reader.record_line()});
    }
    table.rows.push_back(fields);
    table.lines.push_back(reader.record_line());
  }
  if (first) return ParseError(path + ": empty file, expected a header row");
  return table;
}

Result<std::vector<int>> CsvTable::RequireColumns(
    const std::string& source, std::initializer_list<std::string_view> names) const {
  std::vector<int> columns;
  for (std::string_view name : names) {
    const int c = Column(name);
    if (c < 0) return TableValueError(source, 0, std::string(name), "missing column");
    columns.push_back(c);
  }
  return columns;
}

tl::unexpected<Error> TableValueError(const std::string& source, int64_t line, std::string field,
                                      std::string message) {
  return tl::unexpected(
      Error{ErrorCode::kInvalidArgument, std::move(message), std::move(field), source, line});
}

}  // namespace keruen
