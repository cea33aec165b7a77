// OFAC's legacy CSV files: the SDN list (sdn.csv, alt.csv, add.csv, sdn_comments.csv) and
// the consolidated non-SDN list (cons_prim.csv, cons_alt.csv, cons_add.csv,
// cons_comments.csv), which share one layout. The files have no header; "-0-" stands for
// an empty cell; rows are joined on ent_num.
#include <filesystem>
#include <unordered_map>
#include <vector>

#include "keruen/screening/lists/internal/csv_rows.h"
#include "keruen/screening/lists/internal/entries.h"
#include "keruen/screening/lists/internal/importers.h"
#include "keruen/screening/lists/internal/ofac_remarks.h"
#include "keruen/screening/lists/internal/text.h"

namespace keruen::screening::lists_internal {
namespace {

namespace fs = std::filesystem;

struct OfacFileNames {
  std::string_view main, alt, add, comments;
};

constexpr OfacFileNames kSdnFiles{"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"};
constexpr OfacFileNames kConsolidatedFiles{"cons_prim.csv", "cons_alt.csv", "cons_add.csv",
                                           "cons_comments.csv"};

// The legacy format cuts Remarks at 1000 characters and continues them in the comments
// file. A comment row for a remark shorter than that belongs to another version of the list.
constexpr size_t kRemarksLimit = 1000;

// Column positions in the main file.
enum MainColumn : size_t {
  kEntNum,
  kName,
  kType,
  kProgram,
  kTitle,
  kCallSign,
  kVesselType,
  kTonnage,
  kGrt,
  kVesselFlag,
  kVesselOwner,
  kRemarks,
  kMainColumns
};

std::string_view Cell(const std::string& field) {
  std::string_view v = Trim(field);
  return v == "-0-" ? std::string_view() : v;
}

Result<EntityType> TypeOf(std::string_view sdn_type, const std::string& source, int64_t line) {
  if (sdn_type.empty()) return EntityType::kOrganization;
  if (sdn_type == "individual") return EntityType::kPerson;
  if (sdn_type == "vessel") return EntityType::kVessel;
  if (sdn_type == "aircraft") return EntityType::kAircraft;
  return tl::unexpected(
      RecordError(source, line, "SDN_Type", "unknown type \"" + std::string(sdn_type) + "\""));
}

// "RUSSIA-EO14024] [UKRAINE-EO13662": the cell is the inside of "[A] [B]".
void AddPrograms(std::string_view cell, std::vector<std::string>& out) {
  size_t start = 0;
  while (start <= cell.size()) {
    size_t end = cell.find(']', start);
    if (end == std::string_view::npos) end = cell.size();
    std::string_view program = cell.substr(start, end - start);
    while (!program.empty() && (program.front() == '[' || program.front() == ' ')) {
      program.remove_prefix(1);
    }
    program = Trim(program);
    if (!program.empty()) AppendUnique(out, std::string(program));
    start = end + 1;
  }
}

struct Subject {
  ListEntry entry;
  int64_t line = 0;  // in the main file
  std::string remarks;
  std::vector<std::string> address_countries;
};

class OfacImport {
 public:
  OfacImport(fs::path dir, const OfacFileNames& files, ImportContext& context)
      : dir_(std::move(dir)), files_(files), context_(context) {}

  Result<std::vector<ListEntry>> Run() {
    for (std::string_view required : {files_.main, files_.alt, files_.add}) {
      if (!fs::is_regular_file(dir_ / required)) {
        return NotFound((dir_ / required).string() + ": file not found (an OFAC list needs " +
                        std::string(files_.main) + ", " + std::string(files_.alt) + " and " +
                        std::string(files_.add) + ")");
      }
    }
    if (auto s = ReadMain(); !s) return tl::unexpected(s.error());
    if (auto s = ReadAliases(); !s) return tl::unexpected(s.error());
    if (auto s = ReadAddresses(); !s) return tl::unexpected(s.error());
    if (fs::is_regular_file(dir_ / files_.comments)) {
      if (auto s = ReadComments(); !s) return tl::unexpected(s.error());
    }
    std::vector<ListEntry> entries;
    entries.reserve(subjects_.size());
    for (Subject& s : subjects_) {
      ParseOfacRemarks(s.remarks, context_.countries, s.entry);
      for (std::string& c : s.address_countries) AppendUnique(s.entry.countries, std::move(c));
      s.entry.remarks = std::move(s.remarks);
      entries.push_back(std::move(s.entry));
    }
    return entries;
  }

 private:
  // The subject a companion row belongs to, or null (counted) when the main file lacks it.
  Result<Subject*> Owner(const std::string& ent_num_field, const fs::path& file, int64_t line) {
    const std::string_view ent_num = Trim(ent_num_field);
    if (!IsAllDigits(ent_num)) {
      return tl::unexpected(RecordError(file.string(), line, "ent_num",
                                        "is not a number: \"" + std::string(ent_num) + "\""));
    }
    auto it = by_ent_num_.find(std::string(ent_num));
    if (it == by_ent_num_.end()) {
      ++context_.stats.orphan_rows;
      return static_cast<Subject*>(nullptr);
    }
    return &subjects_[it->second];
  }

  Status ReadMain() {
    const fs::path file = dir_ / files_.main;
    const std::string source = file.string();
    return ReadCsvRows(file, kMainColumns, context_.stats, [&](auto& f, int64_t line) {
      const std::string_view ent_num = Trim(f[kEntNum]);
      if (!IsAllDigits(ent_num)) {
        return Status(tl::unexpected(RecordError(
            source, line, "ent_num", "is not a number: \"" + std::string(ent_num) + "\"")));
      }
      if (auto it = by_ent_num_.find(std::string(ent_num)); it != by_ent_num_.end()) {
        return Status(
            tl::unexpected(RecordError(source, line, "ent_num",
                                       std::string(ent_num) + " is listed twice (first on line " +
                                           std::to_string(subjects_[it->second].line) + ")")));
      }
      const std::string_view name = Cell(f[kName]);
      if (name.empty())
        return Status(tl::unexpected(RecordError(source, line, "SDN_Name", "is empty")));
      auto type = TypeOf(Cell(f[kType]), source, line);
      if (!type) return Status(tl::unexpected(type.error()));
      Subject s;
      s.line = line;
      s.entry.list = context_.list_id;
      s.entry.id = std::string(ent_num);
      s.entry.type = *type;
      AddName(s.entry, name, /*primary=*/true, /*weak=*/false);
      AddPrograms(Cell(f[kProgram]), s.entry.programs);
      if (std::string_view flag = Cell(f[kVesselFlag]); !flag.empty()) {
        context_.countries.Resolve(flag, s.entry.countries);
      }
      s.remarks = std::string(Cell(f[kRemarks]));
      by_ent_num_.emplace(s.entry.id, subjects_.size());
      subjects_.push_back(std::move(s));
      return Ok();
    });
  }

  // ent_num, alt_num, alt_type (aka, fka, nka), alt_name, remarks
  Status ReadAliases() {
    const fs::path file = dir_ / files_.alt;
    return ReadCsvRows(file, 5, context_.stats, [&](auto& f, int64_t line) {
      auto owner = Owner(f[0], file, line);
      if (!owner) return Status(tl::unexpected(owner.error()));
      if (*owner == nullptr) return Ok();
      const std::string_view name = Cell(f[3]);
      if (name.empty()) {
        return Status(tl::unexpected(RecordError(file.string(), line, "alt_name", "is empty")));
      }
      AddName((*owner)->entry, name, /*primary=*/false, /*weak=*/false);
      return Ok();
    });
  }

  // ent_num, add_num, address, city/state/postal code, country, remarks
  Status ReadAddresses() {
    const fs::path file = dir_ / files_.add;
    return ReadCsvRows(file, 6, context_.stats, [&](auto& f, int64_t line) {
      auto owner = Owner(f[0], file, line);
      if (!owner) return Status(tl::unexpected(owner.error()));
      if (*owner == nullptr) return Ok();
      if (std::string_view country = Cell(f[4]); !country.empty()) {
        context_.countries.Resolve(country, (*owner)->address_countries);
      }
      return Ok();
    });
  }

  // ent_num, the rest of Remarks
  Status ReadComments() {
    const fs::path file = dir_ / files_.comments;
    return ReadCsvRows(file, 2, context_.stats, [&](auto& f, int64_t line) {
      auto owner = Owner(f[0], file, line);
      if (!owner) return Status(tl::unexpected(owner.error()));
      if (*owner == nullptr) return Ok();
      if ((*owner)->remarks.size() < kRemarksLimit) {
        ++context_.stats.orphan_rows;
        return Ok();
      }
      (*owner)->remarks += Cell(f[1]);
      return Ok();
    });
  }

  fs::path dir_;
  OfacFileNames files_;
  ImportContext& context_;
  std::vector<Subject> subjects_;
  std::unordered_map<std::string, size_t> by_ent_num_;
};

}  // namespace

Result<ListSnapshot> ImportOfac(const fs::path& path, bool consolidated, ImportContext& context) {
  const fs::path dir = fs::is_directory(path) ? path : path.parent_path();
  OfacImport import(dir, consolidated ? kConsolidatedFiles : kSdnFiles, context);
  auto entries = import.Run();
  if (!entries) return tl::unexpected(entries.error());
  ListSnapshot snapshot;
  snapshot.source = dir.string();
  snapshot.entries = std::move(*entries);
  return snapshot;  // the legacy CSV states no publication date
}

}  // namespace keruen::screening::lists_internal
