// Keruen's own CSV format for national and in-house lists (docs/lists.md):
//   id,name,type,aliases,countries,birth_dates,identifiers,programs,listed_on,remarks
// Only id and name are required, as columns and as values; the other columns may be left
// out. Multi-valued cells separate values with ';'. The format is ours, so it is checked
// strictly: an unknown column, type, country, date or identifier scheme is an error.
#include <algorithm>
#include <filesystem>
#include <unordered_set>

#include "keruen/core/reference.h"
#include "keruen/screening/lists/identifiers.h"
#include "keruen/screening/lists/internal/country_names.h"
#include "keruen/screening/lists/internal/csv_rows.h"
#include "keruen/screening/lists/internal/dates.h"
#include "keruen/screening/lists/internal/entries.h"
#include "keruen/screening/lists/internal/importers.h"
#include "keruen/screening/lists/internal/text.h"

namespace keruen::screening::lists_internal {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kColumns[] = {"id",        "name",        "type",        "aliases",
                                         "countries", "birth_dates", "identifiers", "programs",
                                         "listed_on", "remarks"};

class CustomImport {
 public:
  explicit CustomImport(ImportContext& context) : context_(context) {}

  Status Header(const CsvHeader& header) {
    for (const std::string& name : header.names) {
      if (std::find(std::begin(kColumns), std::end(kColumns), name) == std::end(kColumns)) {
        return InvalidArgument(name,
                               "unknown column (expected some of id,name,type,aliases,"
                               "countries,birth_dates,identifiers,programs,listed_on,"
                               "remarks)");
      }
    }
    for (std::string_view required : {"id", "name"}) {
      if (header.Column(required) < 0) {
        return InvalidArgument(std::string(required), "required column is missing");
      }
    }
    header_ = header;
    return Ok();
  }

  Status Row(const std::vector<std::string>& f) {
    ListEntry e;
    e.list = context_.list_id;
    e.id = std::string(header_.Cell(f, "id"));
    if (e.id.empty()) return InvalidArgument("id", "is empty");
    if (!ids_.insert(e.id).second) return InvalidArgument("id", e.id + " is listed twice");
    const std::string_view name = header_.Cell(f, "name");
    if (name.empty()) return InvalidArgument("name", "is empty");
    AddName(e, name, /*primary=*/true, /*weak=*/false);
    if (const std::string_view type = header_.Cell(f, "type"); !type.empty()) {
      const std::optional<EntityType> t = ParseEntityType(AsciiLower(type));
      if (!t) {
        return InvalidArgument("type", "\"" + std::string(type) +
                                           "\" is not person, organization, vessel, aircraft "
                                           "or unknown");
      }
      e.type = *t;
    }
    auto aliases = header_.CellValues(f, "aliases");
    if (!aliases) return tl::unexpected(aliases.error());
    for (const std::string& a : *aliases) AddName(e, a, false, false);

    auto countries = header_.CellValues(f, "countries");
    if (!countries) return tl::unexpected(countries.error());
    for (const std::string& c : *countries) {
      if (const std::string upper = AsciiUpper(c); IsCountryCode(upper)) {
        AppendUnique(e.countries, upper);
        continue;
      }
      const std::vector<std::string> found = CountryNames::Get().FindAll(c);
      if (found.empty()) {
        return InvalidArgument("countries", "\"" + c + "\" is not a country code or name");
      }
      for (const std::string& code : found) AppendUnique(e.countries, code);
    }

    auto dates = header_.CellValues(f, "birth_dates");
    if (!dates) return tl::unexpected(dates.error());
    for (const std::string& d : *dates) {
      if (!IsPartialIsoDate(d)) {
        return InvalidArgument("birth_dates", "\"" + d + "\" is not YYYY, YYYY-MM or YYYY-MM-DD");
      }
      AppendUnique(e.birth_dates, d);
    }

    auto ids = header_.CellValues(f, "identifiers");
    if (!ids) return tl::unexpected(ids.error());
    for (const std::string& id : *ids) {
      const size_t colon = id.find(':');
      const std::string scheme =
          colon == std::string::npos ? std::string() : AsciiLower(Trim(id.substr(0, colon)));
      const std::string_view value = colon == std::string::npos
                                         ? std::string_view()
                                         : Trim(std::string_view(id).substr(colon + 1));
      if (!IsKnownIdentifierScheme(scheme) || value.empty()) {
        return InvalidArgument("identifiers",
                               "\"" + id +
                                   "\" is not scheme:value with a known scheme (inn, "
                                   "ogrn, bin, iin, kpp, okpo, imo, mmsi, bic, lei, "
                                   "passport, national_id, registration, tax, other)");
      }
      if (NormalizeIdentifier(scheme, value).empty()) {
        return InvalidArgument("identifiers", "\"" + id + "\" has no identifying characters");
      }
      AddIdentifier(e, scheme, value, RegisterCountry(scheme));
    }

    auto programs = header_.CellValues(f, "programs");
    if (!programs) return tl::unexpected(programs.error());
    for (const std::string& p : *programs) AppendUnique(e.programs, p);

    if (const std::string_view listed = header_.Cell(f, "listed_on"); !listed.empty()) {
      if (listed.size() != 10 || !IsPartialIsoDate(listed)) {
        return InvalidArgument("listed_on", "\"" + std::string(listed) + "\" is not YYYY-MM-DD");
      }
      e.listed_on = std::string(listed);
    }
    e.remarks = std::string(header_.Cell(f, "remarks"));
    entries_.push_back(std::move(e));
    return Ok();
  }

  std::vector<ListEntry> TakeEntries() { return std::move(entries_); }

 private:
  ImportContext& context_;
  CsvHeader header_;
  std::unordered_set<std::string> ids_;
  std::vector<ListEntry> entries_;
};

}  // namespace

Result<ListSnapshot> ImportCustomCsv(const fs::path& path, ImportContext& context) {
  CustomImport import(context);
  const std::string source = path.string();
  auto status = ReadCsvWithHeader(
      path, context.stats, [&](const CsvHeader& h) { return import.Header(h); },
      [&](std::vector<std::string>& f, int64_t line) -> Status {
        if (auto s = import.Row(f); !s) return tl::unexpected(s.error().WithSource(source, line));
        return Ok();
      });
  if (!status) return tl::unexpected(status.error());
  ListSnapshot snapshot;
  snapshot.source = source;
  snapshot.entries = import.TakeEntries();
  return snapshot;
}

}  // namespace keruen::screening::lists_internal
