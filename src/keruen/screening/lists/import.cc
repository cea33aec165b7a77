#include "keruen/screening/lists/import.h"

#include <algorithm>
#include <exception>
#include <filesystem>
#include <fstream>

#include "keruen/core/csv.h"
#include "keruen/core/json_writer.h"
#include "keruen/core/sha256.h"
#include "keruen/screening/lists/internal/dates.h"
#include "keruen/screening/lists/internal/importers.h"
#include "keruen/screening/lists/internal/text.h"
#include "keruen/screening/lists/list_entry_json.h"

namespace keruen::screening {
namespace {

namespace fs = std::filesystem;
using lists_internal::EndsWith;
using lists_internal::StartsWith;

std::string_view DefaultListId(ListFormat format) {
  switch (format) {
    case ListFormat::kOfacSdn:
      return "ofac_sdn";
    case ListFormat::kOfacConsolidated:
      return "ofac_cons";
    case ListFormat::kUn:
      return "un";
    case ListFormat::kEu:
      return "eu";
    case ListFormat::kUk:
      return "uk";
    case ListFormat::kOpenSanctions:
      return "opensanctions";
    case ListFormat::kCustomCsv:
      return "";
  }
  return "";
}

// List ids end up in URLs, file names and SQL rows: keep them plain.
bool IsValidListId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

Result<ListSnapshot> Dispatch(ListFormat format, const fs::path& path,
                              lists_internal::ImportContext& context) {
  switch (format) {
    case ListFormat::kOfacSdn:
      return lists_internal::ImportOfac(path, /*consolidated=*/false, context);
    case ListFormat::kOfacConsolidated:
      return lists_internal::ImportOfac(path, /*consolidated=*/true, context);
    case ListFormat::kUn:
      return lists_internal::ImportUn(path, context);
    case ListFormat::kEu:
      return lists_internal::ImportEu(path, context);
    case ListFormat::kUk:
      return lists_internal::ImportUk(path, context);
    case ListFormat::kOpenSanctions:
      return lists_internal::ImportOpenSanctions(path, context);
    case ListFormat::kCustomCsv:
      return lists_internal::ImportCustomCsv(path, context);
  }
  return MakeError(ErrorCode::kInternal, "unknown list format");
}

bool ByListAndId(const ListEntry* a, const ListEntry* b) {
  return a->list != b->list ? a->list < b->list : a->id < b->id;
}

// The first kilobytes of a file, enough to recognise its format.
std::string Head(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  return std::string(lists_internal::StripFileMarks(head));
}

std::string_view FirstLine(std::string_view text) {
  const size_t end = text.find('\n');
  std::string_view line = text.substr(0, end);
  if (EndsWith(line, "\r")) line.remove_suffix(1);
  return line;
}

bool IsEuHeader(std::string_view line) {
  return StartsWith(line, "celex,recordId,programKey,") ||
         StartsWith(line, "amendedCelex,amendmentCelex,recordId,programKey,");
}

bool IsCustomHeader(std::string_view line) {
  CsvReader reader(line);
  std::vector<std::string> fields;
  auto more = reader.Next(fields);
  if (!more || !*more) return false;
  static constexpr std::string_view kColumns[] = {
      "id",          "name",        "type",     "aliases",   "countries",
      "birth_dates", "identifiers", "programs", "listed_on", "remarks"};
  bool id = false, name = false;
  for (const std::string& f : fields) {
    if (std::find(std::begin(kColumns), std::end(kColumns), f) == std::end(kColumns)) {
      return false;
    }
    id = id || f == "id";
    name = name || f == "name";
  }
  return id && name;
}

std::optional<ListFormat> DetectFile(const fs::path& path) {
  const std::string name = path.filename().string();
  for (std::string_view n : {"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"}) {
    if (name == n) return ListFormat::kOfacSdn;
  }
  for (std::string_view n :
       {"cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv"}) {
    if (name == n) return ListFormat::kOfacConsolidated;
  }
  if (name == "subjects.csv" || StartsWith(name, "subject_")) return ListFormat::kUk;
  const std::string head = Head(path);
  const std::string_view line = FirstLine(head);
  if (head.find("<CONSOLIDATED_LIST") != std::string::npos) return ListFormat::kUn;
  if (IsEuHeader(line)) return ListFormat::kEu;
  if (StartsWith(line, "{") && line.find("\"schema\"") != std::string_view::npos &&
      line.find("\"properties\"") != std::string_view::npos) {
    return ListFormat::kOpenSanctions;
  }
  if (IsCustomHeader(line)) return ListFormat::kCustomCsv;
  return std::nullopt;
}

Result<ListFormat> DetectFolder(const fs::path& dir) {
  std::error_code ec;
  for (std::string_view n : {"sdn.csv", "cons_prim.csv", "subjects.csv"}) {
    if (fs::is_regular_file(dir / n, ec)) return *DetectFile(dir / n);
  }
  // Otherwise the folder holds files of one other format (EU annex CSVs, possibly in
  // consolidated/ and amendments/ subfolders; FtM files; the UN XML).
  std::optional<ListFormat> found;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it.depth() > 1) it.disable_recursion_pending();
    if (!it->is_regular_file(ec)) continue;
    const fs::path& p = it->path();
    const std::string ext = p.extension().string();
    if (ext != ".csv" && ext != ".json" && ext != ".xml") continue;
    const std::optional<ListFormat> f = DetectFile(p);
    if (!f || f == ListFormat::kCustomCsv) continue;
    if (found && *found != *f) {
      return InvalidArgument("", dir.string() + " holds lists of several formats (" +
                                     std::string(ListFormatName(*found)) + ", " +
                                     std::string(ListFormatName(*f)) + "); point at one");
    }
    found = f;
  }
  if (ec) return IoError(dir.string() + ": " + ec.message());
  if (!found) return NotFound(dir.string() + ": no sanctions list recognised in this folder");
  return *found;
}

}  // namespace

namespace lists_internal {

Result<std::string> ReadListFile(const fs::path& path, ImportStats& stats) {
  auto text = ReadFile(path.string());
  if (!text) return text;
  ++stats.files;
  if (auto s = CheckUtf8(*text, path.string()); !s) return tl::unexpected(s.error());
  // The marks hold no newline, so line numbers stay those of the file.
  const std::string_view body = StripFileMarks(*text);
  if (body.size() != text->size()) *text = std::string(body);
  return text;
}

}  // namespace lists_internal

std::string ContentHash(const std::vector<ListEntry>& entries) {
  std::vector<const ListEntry*> order;
  order.reserve(entries.size());
  for (const ListEntry& e : entries) order.push_back(&e);
  std::sort(order.begin(), order.end(), ByListAndId);

  Sha256 hash;
  std::string buffer;
  for (const ListEntry* e : order) {
    buffer.clear();
    JsonWriter w(buffer);
    AppendJson(w, *e);
    buffer.push_back('\n');
    hash.Update(buffer);
  }
  return hash.HexDigest();
}

Result<ListSnapshot> ImportList(ListFormat format, const fs::path& path,
                                const ImportListOptions& options, ImportStats* stats) {
  ImportStats local_stats;
  ImportStats& st = stats != nullptr ? *stats : local_stats;
  st = ImportStats{};
  const std::string list_id =
      options.list_id.empty() ? std::string(DefaultListId(format)) : options.list_id;
  if (list_id.empty()) {
    return InvalidArgument("list_id", "a custom CSV list needs a list id (e.g. \"kz_afm\")");
  }
  if (!IsValidListId(list_id)) {
    return InvalidArgument("list_id", "\"" + list_id +
                                          "\" is not a list id (lower-case letters, digits, "
                                          "'_' and '-', at most 64)");
  }
  if (!options.published_on.empty() && (options.published_on.size() != 10 ||
                                        !lists_internal::IsPartialIsoDate(options.published_on))) {
    return InvalidArgument("published_on",
                           "\"" + options.published_on + "\" is not a date (YYYY-MM-DD)");
  }
  std::error_code ec;
  if (!fs::exists(path, ec)) return NotFound(path.string() + ": no such file or folder");

  Result<ListSnapshot> snapshot = MakeError(ErrorCode::kInternal, "not imported");
  try {
    lists_internal::ImportContext context(list_id, st);
    snapshot = Dispatch(format, path, context);
  } catch (const std::exception& e) {
    // Only the standard library throws here (file system errors, allocation failure).
    return MakeError(ErrorCode::kIo, path.string() + ": " + e.what());
  }
  if (!snapshot) return snapshot;

  std::vector<ListEntry>& entries = snapshot->entries;
  std::sort(entries.begin(), entries.end(),
            [](const ListEntry& a, const ListEntry& b) { return ByListAndId(&a, &b); });
  for (size_t i = 1; i < entries.size(); ++i) {
    if (entries[i].id == entries[i - 1].id) {
      return MakeError(ErrorCode::kInternal,
                       path.string() + ": two entries share the id " + entries[i].id);
    }
  }
  snapshot->list = list_id;
  snapshot->format = format;
  if (snapshot->source.empty()) snapshot->source = path.string();
  if (!options.published_on.empty()) snapshot->published_on = options.published_on;
  snapshot->content_hash = ContentHash(entries);
  return snapshot;
}

Result<ListFormat> DetectListFormat(const fs::path& path) {
  std::error_code ec;
  try {
    if (fs::is_directory(path, ec)) return DetectFolder(path);
    if (!fs::is_regular_file(path, ec)) {
      return NotFound(path.string() + ": no such file or folder");
    }
    if (auto f = DetectFile(path)) return *f;
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kIo, path.string() + ": " + e.what());
  }
  return InvalidArgument("", path.string() +
                                 ": not a sanctions list format Keruen knows "
                                 "(see docs/lists.md)");
}

}  // namespace keruen::screening
