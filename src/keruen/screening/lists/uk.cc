// The UK Sanctions List as normalised tables (one row per subject in subjects.csv, and
// subject_names/_identifiers/_dobs/_countries.csv joined on unique_id). The unique_id's
// letters name the UK regime ("RUS0001": Russia), which becomes the programme "UK-RUS".
// The tables come from one export, so a row for an unknown unique_id is an error.
#include <filesystem>
#include <unordered_map>

#include "keruen/core/reference.h"
#include "keruen/screening/lists/internal/csv_rows.h"
#include "keruen/screening/lists/internal/dates.h"
#include "keruen/screening/lists/internal/entries.h"
#include "keruen/screening/lists/internal/identifier_text.h"
#include "keruen/screening/lists/internal/importers.h"
#include "keruen/screening/lists/internal/text.h"

namespace keruen::screening::lists_internal {
namespace {

namespace fs = std::filesystem;

// "31/12/2020" -> "2020-12-31"; "" when the text is not such a date.
std::string DayMonthYear(std::string_view s) {
  if (s.size() != 10 || s[2] != '/' || s[5] != '/') return {};
  std::string iso = std::string(s.substr(6, 4)) + "-" + std::string(s.substr(3, 2)) + "-" +
                    std::string(s.substr(0, 2));
  return IsPartialIsoDate(iso) ? iso : std::string();
}

// Column positions of one table, looked up by name from its header.
class Columns {
 public:
  explicit Columns(std::vector<std::string_view> required) : required_(std::move(required)) {}

  Status Bind(const CsvHeader& header) {
    index_.clear();
    for (std::string_view name : required_) {
      const int i = header.Column(name);
      if (i < 0) return InvalidArgument(std::string(name), "required column is missing");
      index_.push_back(static_cast<size_t>(i));
    }
    return Ok();
  }
  // The trimmed cell of the k-th required column.
  std::string_view operator()(const std::vector<std::string>& row, size_t k) const {
    return Trim(row[index_[k]]);
  }

 private:
  std::vector<std::string_view> required_;
  std::vector<size_t> index_;
};

class UkImport {
 public:
  UkImport(fs::path dir, ImportContext& context) : dir_(std::move(dir)), context_(context) {}

  Result<ListSnapshot> Run() {
    for (std::string_view f : {"subjects.csv", "subject_names.csv", "subject_identifiers.csv",
                               "subject_dobs.csv", "subject_countries.csv"}) {
      if (std::error_code ec; !fs::is_regular_file(dir_ / f, ec)) {
        return NotFound((dir_ / f).string() + ": file not found (the UK list is five tables)");
      }
    }
    // Countries before identifiers: the subject's country tells registers apart.
    for (Status (UkImport::*read)() :
         {&UkImport::ReadSubjects, &UkImport::ReadNames, &UkImport::ReadCountries,
          &UkImport::ReadDobs, &UkImport::ReadIdentifiers}) {
      if (Status s = (this->*read)(); !s) return tl::unexpected(s.error());
    }
    ListSnapshot snapshot;
    snapshot.source = dir_.string();
    snapshot.published_on = latest_update_;
    for (size_t i = 0; i < entries_.size(); ++i) {
      if (entries_[i].names.empty()) {
        return tl::unexpected(RecordError((dir_ / "subjects.csv").string(), subject_lines_[i],
                                          "unique_id",
                                          entries_[i].id + " has no row in subject_names.csv"));
      }
    }
    snapshot.entries = std::move(entries_);
    return snapshot;
  }

 private:
  // Reads `file`, binding `columns`, and calls `row(entry, fields, line)` for each row.
  template <typename F>
  Status ReadTable(std::string_view file, Columns& columns, F row) {
    const fs::path path = dir_ / file;
    const std::string source = path.string();
    return ReadCsvWithHeader(
        path, context_.stats, [&](const CsvHeader& h) { return columns.Bind(h); },
        [&](std::vector<std::string>& f, int64_t line) -> Status {
          const std::string_view id = columns(f, 0);
          auto it = by_id_.find(std::string(id));
          if (it == by_id_.end()) {
            return tl::unexpected(RecordError(
                source, line, "unique_id", "\"" + std::string(id) + "\" is not in subjects.csv"));
          }
          auto s = row(entries_[it->second], f, line);
          if (!s) return tl::unexpected(s.error().WithSource(source, line));
          return Ok();
        });
  }

  Status ReadSubjects() {
    Columns c({"unique_id", "subject_type", "date_designated", "last_updated"});
    const fs::path path = dir_ / "subjects.csv";
    const std::string source = path.string();
    return ReadCsvWithHeader(
        path, context_.stats, [&](const CsvHeader& h) { return c.Bind(h); },
        [&](std::vector<std::string>& f, int64_t line) -> Status {
          auto fail = [&](std::string field, std::string message) {
            return Status(tl::unexpected(RecordError(source, line, field, message)));
          };
          ListEntry e;
          e.list = context_.list_id;
          e.id = std::string(c(f, 0));
          if (e.id.empty()) return fail("unique_id", "is empty");
          if (!by_id_.emplace(e.id, entries_.size()).second) {
            return fail("unique_id", e.id + " is listed twice");
          }
          const std::string_view type = c(f, 1);
          if (type == "individual") {
            e.type = EntityType::kPerson;
          } else if (type == "entity") {
            e.type = EntityType::kOrganization;
          } else if (type == "ship") {
            e.type = EntityType::kVessel;
          } else {
            return fail("subject_type", "unknown type \"" + std::string(type) + "\"");
          }
          if (const std::string_view d = c(f, 2); !d.empty()) {
            e.listed_on = DayMonthYear(d);
            if (e.listed_on.empty())
              return fail("date_designated", "\"" + std::string(d) + "\" is not DD/MM/YYYY");
          }
          if (const std::string_view d = c(f, 3); !d.empty()) {
            const std::string iso = DayMonthYear(d);
            if (iso.empty())
              return fail("last_updated", "\"" + std::string(d) + "\" is not DD/MM/YYYY");
            if (iso > latest_update_) latest_update_ = iso;
          }
          size_t letters = 0;
          while (letters < e.id.size() && e.id[letters] >= 'A' && e.id[letters] <= 'Z') {
            ++letters;
          }
          if (letters > 0) e.programs.push_back("UK-" + e.id.substr(0, letters));
          entries_.push_back(std::move(e));
          subject_lines_.push_back(line);
          return Ok();
        });
  }

  // name_type: primary, primary_variation or alias; alias_strength: good_quality_aka or
  // low_quality_aka (weak).
  Status ReadNames() {
    Columns c({"unique_id", "name_type", "alias_strength", "full_name"});
    return ReadTable("subject_names.csv", c, [&](ListEntry& e, auto& f, int64_t) -> Status {
      const std::string_view full = c(f, 3);
      if (full.empty()) return InvalidArgument("full_name", "is empty");
      AddName(e, full, c(f, 1) == "primary", c(f, 2) == "low_quality_aka");
      return Ok();
    });
  }

  // Nationality and address countries; country of birth is left out, as for other lists.
  Status ReadCountries() {
    Columns c({"unique_id", "raw_value", "country_type", "iso"});
    return ReadTable("subject_countries.csv", c, [&](ListEntry& e, auto& f, int64_t) -> Status {
      if (c(f, 2) == "birth") return Ok();
      const std::string_view iso = c(f, 3);
      if (IsCountryCode(iso)) {
        AppendUnique(e.countries, std::string(iso));
      } else {
        context_.countries.Resolve(c(f, 1), e.countries);
      }
      return Ok();
    });
  }

  Status ReadDobs() {
    Columns c({"unique_id", "year", "month", "day"});
    return ReadTable("subject_dobs.csv", c, [&](ListEntry& e, auto& f, int64_t) -> Status {
      std::string date(c(f, 1));
      if (!c(f, 2).empty()) date += "-" + std::string(c(f, 2));
      if (!c(f, 2).empty() && !c(f, 3).empty()) date += "-" + std::string(c(f, 3));
      if (!IsPartialIsoDate(date)) {
        return InvalidArgument("year", "\"" + date + "\" is not a date");
      }
      AppendUnique(e.birth_dates, std::move(date));
      return Ok();
    });
  }

  // identifier_type: passport, national, imo, business_registration_numbers (prose such as
  // "INN: 9731115927 OGRN: 1237700391774").
  Status ReadIdentifiers() {
    Columns c({"unique_id", "raw_value", "identifier_type", "additional_info"});
    return ReadTable("subject_identifiers.csv", c, [&](ListEntry& e, auto& f, int64_t) -> Status {
      const std::string_view raw = c(f, 1);
      const std::string_view kind = c(f, 2);
      const std::vector<std::string> mentioned = CountryNames::Get().FindAll(c(f, 3));
      const std::string issuer = mentioned.empty() ? "" : mentioned.front();
      if (kind == "passport") {
        AddIdentifier(e, "passport", raw, issuer);
      } else if (kind == "national") {
        AddIdentifier(e, RefineScheme("national_id", raw, issuer, e.type), raw, issuer);
      } else if (kind == "imo") {
        AddIdentifier(e, "imo", raw, "");
      } else if (kind == "business_registration_numbers") {
        const std::string home = e.countries.size() == 1 ? e.countries.front() : issuer;
        for (const ListIdentifier& id : ExtractRegistryNumbers(raw, "registration", home, e.type)) {
          AddIdentifier(e, id.scheme, id.value, id.country);
        }
      } else {
        return InvalidArgument("identifier_type", "unknown type \"" + std::string(kind) + "\"");
      }
      return Ok();
    });
  }

  fs::path dir_;
  ImportContext& context_;
  std::vector<ListEntry> entries_;
  std::vector<int64_t> subject_lines_;
  std::unordered_map<std::string, size_t> by_id_;
  std::string latest_update_;
};

}  // namespace

Result<ListSnapshot> ImportUk(const fs::path& path, ImportContext& context) {
  std::error_code ec;
  UkImport import(fs::is_directory(path, ec) ? path : path.parent_path(), context);
  return import.Run();
}

}  // namespace keruen::screening::lists_internal
