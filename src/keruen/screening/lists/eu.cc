// The EU annexes as transcribed by OpenSanctions (eu/journal_sanctions, FORMAT.md there):
// one CSV per framework act (consolidated/) or amending act (amendments/), one row per
// designated subject per legal context (programme, annex, measure).
//
// A subject listed under several programmes or annexes has several rows and no common id:
// `recordId` is the entry number within one annex and is often empty. Rows are therefore
// merged on what identifies the subject itself: entity type, case-folded name and the set
// of birth dates. The entry id is derived from that key (16 hex digits of its SHA-256), so
// it stays the same across imports as long as the subject's name and birth dates do.
// Namesakes with different birth dates stay apart; a subject whose birth date is added in a
// later act shows as removed and added in a diff, which a reviewer sees at once.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <unordered_map>

#include "keruen/core/sha256.h"
#include "keruen/screening/lists/internal/csv_rows.h"
#include "keruen/screening/lists/internal/dates.h"
#include "keruen/screening/lists/internal/entries.h"
#include "keruen/screening/lists/internal/identifier_text.h"
#include "keruen/screening/lists/internal/importers.h"
#include "keruen/screening/lists/internal/text.h"

namespace keruen::screening::lists_internal {
namespace {

namespace fs = std::filesystem;

Result<EntityType> TypeOfSchema(std::string_view schema) {
  if (schema == "Person") return EntityType::kPerson;
  if (schema == "LegalEntity" || schema == "Organization" || schema == "Company") {
    return EntityType::kOrganization;
  }
  if (schema == "Vessel") return EntityType::kVessel;
  if (schema == "Asset") return EntityType::kUnknown;  // facilities, zones, crypto-assets
  return InvalidArgument("schema", "unknown schema \"" + std::string(schema) + "\"");
}

std::string StableId(std::string_view key) { return Sha256Hex(key).substr(0, 16); }

bool HasEuHeader(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string line;
  std::getline(in, line);
  if (StartsWith(line, "\xEF\xBB\xBF")) line.erase(0, 3);
  return StartsWith(line, "celex,") || StartsWith(line, "amendedCelex,");
}

// Identifier columns and the register each names. Russian registers are Russian whatever
// the row says; the generic ones are refined from the subject's country.
struct IdColumn {
  std::string_view column;
  std::string_view scheme;
  bool registry_text;  // prose with numbers: run through ExtractRegistryNumbers
};

constexpr IdColumn kIdColumns[] = {
    {"innCode", "inn", true},
    {"ogrnCode", "ogrn", true},
    {"kppCode", "kpp", true},
    {"okpoCode", "okpo", true},
    {"taxNumber", "tax", true},
    {"registrationNumber", "registration", true},
    {"imoNumber", "imo", true},
    {"mmsi", "mmsi", false},
    {"swiftBic", "bic", false},
    {"leiCode", "lei", false},
    {"passportNumber", "passport", false},
    {"idNumber", "national_id", false},
};

constexpr std::string_view kCountryColumns[] = {"nationality", "jurisdiction", "flag", "country"};

// The multi-valued columns the importer reads (names, dates, countries, identifiers...).
constexpr std::string_view kMultiValuedColumns[] = {"alias",          "weakAlias",
                                                    "previousName",   "birthDate",
                                                    "nationality",    "jurisdiction",
                                                    "flag",           "country",
                                                    "innCode",        "ogrnCode",
                                                    "kppCode",        "okpoCode",
                                                    "taxNumber",      "registrationNumber",
                                                    "imoNumber",      "mmsi",
                                                    "swiftBic",       "leiCode",
                                                    "passportNumber", "idNumber",
                                                    "gender",         "notes"};

// A passport or id cell often continues with prose: "E590976 (Tunisian passport issued on
// 19.6.1987 ...)". The number is what precedes it.
std::string_view LeadingValue(std::string_view v) {
  for (std::string_view stop : {" (", ",", " issued", " valid"}) {
    v = v.substr(0, v.find(stop));
  }
  return Trim(v);
}

class EuImport {
 public:
  explicit EuImport(ImportContext& context) : context_(context) {}

  Status AddFile(const fs::path& file) {
    const std::string source = file.string();
    auto on_header = [&](const CsvHeader& header) -> Status {
      for (std::string_view required : {"schema", "name", "programKey"}) {
        if (header.Column(required) < 0) {
          return InvalidArgument(std::string(required), "required column is missing");
        }
      }
      if (header.Column("celex") < 0 && header.Column("amendedCelex") < 0) {
        return InvalidArgument("celex", "required column is missing (celex or amendedCelex)");
      }
      header_ = header;
      return Ok();
    };
    return ReadCsvWithHeader(
        file, context_.stats, on_header,
        [&](std::vector<std::string>& f, int64_t line) { return Row(f, source, line); });
  }

  std::vector<ListEntry> TakeEntries() {
    std::vector<ListEntry> out;
    out.reserve(subjects_.size());
    for (Subject& s : subjects_) {
      for (std::string& r : s.remarks) {
        if (!s.entry.remarks.empty()) s.entry.remarks += "\n";
        s.entry.remarks += r;
      }
      out.push_back(std::move(s.entry));
    }
    return out;
  }

  const std::string& latest_start_date() const { return latest_start_date_; }

 private:
  struct Subject {
    ListEntry entry;
    std::vector<std::string> remarks;
  };

  Status Row(const std::vector<std::string>& f, const std::string& source, int64_t line) {
    auto fail = [&](const Error& e) { return Status(tl::unexpected(e.WithSource(source, line))); };
    auto type = TypeOfSchema(header_.Cell(f, "schema"));
    if (!type) return fail(type.error());
    const std::string_view name = header_.Cell(f, "name");
    if (name.empty()) return fail(InvalidArgument("name", "is empty").value());
    const std::string_view program = header_.Cell(f, "programKey");
    if (program.empty()) return fail(InvalidArgument("programKey", "is empty").value());

    // Every entity column but name may hold several values; the ones read are split here
    // (and refused when a quote is left open). Prose columns (address, position...) are not
    // screened and are left alone.
    std::unordered_map<std::string_view, std::vector<std::string>> cells;
    for (std::string_view column : kMultiValuedColumns) {
      auto values = header_.CellValues(f, column);
      if (!values) return fail(values.error());
      cells.emplace(column, std::move(*values));
    }
    auto cell = [&](std::string_view column) -> const std::vector<std::string>& {
      return cells.at(column);
    };

    std::vector<std::string> birth_dates;
    for (const std::string& v : cell("birthDate")) {
      for (std::string& d : ExtractDates(v)) AppendUnique(birth_dates, std::move(d));
    }
    std::vector<std::string> sorted_dates = birth_dates;
    std::sort(sorted_dates.begin(), sorted_dates.end());
    std::string key(EntityTypeName(*type));
    key += '\x1f';
    key += FoldedKey(name);
    for (const std::string& d : sorted_dates) key += '\x1f' + d;

    Subject* s;
    if (auto it = by_key_.find(key); it != by_key_.end()) {
      s = &subjects_[it->second];
      ++context_.stats.merged_rows;
    } else {
      by_key_.emplace(key, subjects_.size());
      subjects_.emplace_back();
      s = &subjects_.back();
      s->entry.list = context_.list_id;
      s->entry.id = StableId(key);
      s->entry.type = *type;
      s->entry.birth_dates = std::move(birth_dates);
    }
    ListEntry& e = s->entry;
    AddName(e, name, /*primary=*/true, /*weak=*/false);
    for (const std::string& v : cell("alias")) AddName(e, v, false, false);
    for (const std::string& v : cell("previousName")) AddName(e, v, false, false);
    for (const std::string& v : cell("weakAlias")) AddName(e, v, false, true);
    AppendUnique(e.programs, std::string(program));
    for (std::string_view column : kCountryColumns) {
      for (const std::string& v : cell(column)) context_.countries.Resolve(v, e.countries);
    }
    const std::string home = e.countries.size() == 1 ? e.countries.front() : "";
    for (const IdColumn& c : kIdColumns) {
      for (const std::string& v : cell(c.column)) {
        if (c.registry_text) {
          for (const ListIdentifier& id : ExtractRegistryNumbers(v, c.scheme, home, e.type)) {
            AddIdentifier(e, id.scheme, id.value, id.country);
          }
        } else {
          const std::string_view scheme = c.scheme == "national_id" && e.type != EntityType::kPerson
                                              ? "registration"
                                              : c.scheme;
          AddIdentifier(e, scheme, LeadingValue(v), "");
        }
      }
    }
    for (const std::string& v : cell("gender")) {
      const std::string g = AsciiLower(v);
      if (g == "male" || g == "female") e.gender = g;
    }
    AppendUnique(s->remarks, std::string(header_.Cell(f, "reason")));
    for (const std::string& v : cell("notes")) AppendUnique(s->remarks, v);
    // The earliest designation date is the listing date; the latest tells how recent the
    // transcription is. An amending act cannot designate after the year it was adopted in
    // (its CELEX number's year), so a later date is a typo and does not date the list.
    const std::string_view act = header_.Cell(f, "amendmentCelex");
    const std::string act_year = act.size() >= 5 ? std::string(act.substr(1, 4)) : "";
    for (std::string& d : ExtractDates(header_.Cell(f, "startDate"))) {
      if (d.size() != 10) continue;
      if (e.listed_on.empty() || d < e.listed_on) e.listed_on = d;
      const bool plausible = act_year.empty() || d.substr(0, 4) <= act_year;
      if (plausible && d > latest_start_date_) latest_start_date_ = d;
    }
    return Ok();
  }

  ImportContext& context_;
  CsvHeader header_;
  std::vector<Subject> subjects_;
  std::unordered_map<std::string, size_t> by_key_;
  std::string latest_start_date_;
};

}  // namespace

Result<ListSnapshot> ImportEu(const fs::path& path, ImportContext& context) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    for (auto it = fs::recursive_directory_iterator(path, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file(ec) && it->path().extension() == ".csv" && HasEuHeader(it->path())) {
        files.push_back(it->path());
      }
    }
    if (ec) return IoError(path.string() + ": " + ec.message());
    if (files.empty()) return NotFound(path.string() + ": no EU annex CSV files in this folder");
    std::sort(files.begin(), files.end());  // a fixed order gives a fixed name order
  } else {
    files.push_back(path);
  }
  EuImport import(context);
  for (const fs::path& file : files) {
    if (auto s = import.AddFile(file); !s) return tl::unexpected(s.error());
  }
  ListSnapshot snapshot;
  snapshot.source = path.string();
  snapshot.published_on = import.latest_start_date();
  snapshot.entries = import.TakeEntries();
  return snapshot;
}

}  // namespace keruen::screening::lists_internal
