// OpenSanctions FollowTheMoney entities, one JSON object a line:
//   {"id":"NK-...","schema":"Person","caption":"...","target":true,
//    "properties":{"name":["..."],"innCode":["..."],"nationality":["ru"],...}, ...}
//
// Persons, companies, organisations, legal entities, vessels and airplanes that are sanction
// targets become entries. Sanction entities add their programme and listing date to the
// entity they name; Passport and Identification entities add their number to their holder.
// Everything else (addresses, ownership, family links) is not screened and is skipped.
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "keruen/core/reference.h"
#include "keruen/screening/lists/internal/dates.h"
#include "keruen/screening/lists/internal/entries.h"
#include "keruen/screening/lists/internal/importers.h"
#include "keruen/screening/lists/internal/text.h"

namespace keruen::screening::lists_internal {
namespace {

namespace fs = std::filesystem;
using Properties = std::unordered_map<std::string, std::vector<std::string>>;

std::optional<EntityType> ScreenedType(std::string_view schema) {
  if (schema == "Person") return EntityType::kPerson;
  if (schema == "Company" || schema == "Organization" || schema == "LegalEntity" ||
      schema == "PublicBody") {
    return EntityType::kOrganization;
  }
  if (schema == "Vessel") return EntityType::kVessel;
  if (schema == "Airplane") return EntityType::kAircraft;
  return std::nullopt;
}

// Identifier properties and the register each names (see list_entry.h for schemes).
constexpr std::pair<std::string_view, std::string_view> kIdProperties[] = {
    {"innCode", "inn"},
    {"ogrnCode", "ogrn"},
    {"kppCode", "kpp"},
    {"okpoCode", "okpo"},
    {"taxNumber", "tax"},
    {"registrationNumber", "registration"},
    {"imoNumber", "imo"},
    {"mmsi", "mmsi"},
    {"swiftBic", "bic"},
    {"leiCode", "lei"},
    {"passportNumber", "passport"},
    {"idNumber", "national_id"},
};

// "2022-03-15T10:00:00" -> "2022-03-15"; partial dates kept; "" for anything else.
std::string IsoPrefix(std::string_view s) {
  for (size_t n : {size_t{10}, size_t{7}, size_t{4}}) {
    if (s.size() >= n && IsPartialIsoDate(s.substr(0, n)) &&
        (s.size() == n || n == 10 || s[n] == 'T')) {
      return std::string(s.substr(0, n));
    }
  }
  return {};
}

struct Link {
  std::vector<std::string> programs;
  std::string listed_on;
  std::vector<ListIdentifier> documents;
};

class FtmImport {
 public:
  explicit FtmImport(ImportContext& context) : context_(context) {}

  Status AddFile(const fs::path& file) {
    auto text = ReadListFile(file, context_.stats);
    if (!text) return tl::unexpected(text.error());
    const std::string source = file.string();
    std::string_view rest = *text;
    int64_t line = 0;
    while (!rest.empty()) {
      const size_t end = rest.find('\n');
      const std::string_view raw = rest.substr(0, end);
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
      ++line;
      if (Trim(raw).empty()) continue;
      ++context_.stats.records;
      if (auto s = Line(raw, source, line); !s) return s;
    }
    return Ok();
  }

  std::vector<ListEntry> Finish() {
    std::vector<ListEntry> out;
    out.reserve(targets_.size());
    for (ListEntry& e : targets_) {
      if (auto it = links_.find(e.id); it != links_.end()) {
        for (const std::string& p : it->second.programs) AppendUnique(e.programs, p);
        if (!it->second.listed_on.empty() &&
            (e.listed_on.empty() || it->second.listed_on < e.listed_on)) {
          e.listed_on = it->second.listed_on;
        }
        for (const ListIdentifier& d : it->second.documents) {
          AddIdentifier(e, RefineScheme(d.scheme, d.value, d.country, e.type), d.value, d.country);
        }
      }
      out.push_back(std::move(e));
    }
    return out;
  }

  const std::string& latest_seen() const { return latest_seen_; }

 private:
  // One line, checked for shape: ids and schema are strings, properties arrays of strings.
  struct Entity {
    std::string id, schema, caption;
    std::optional<bool> target;
    Properties props;

    const std::vector<std::string>& Values(std::string_view key) const {
      static const std::vector<std::string> kNone;
      auto it = props.find(std::string(key));
      return it == props.end() ? kNone : it->second;
    }
  };

  Status Line(std::string_view json, const std::string& source, int64_t line) {
    auto entity = Parse(json);
    if (!entity) return tl::unexpected(entity.error().WithSource(source, line));
    if (entity->schema == "Sanction") {
      AddSanction(*entity);
    } else if (entity->schema == "Passport" || entity->schema == "Identification") {
      AddDocument(*entity);
    } else if (auto s = AddTarget(*entity); !s) {
      return tl::unexpected(s.error().WithSource(source, line));
    }
    return Ok();
  }

  Result<Entity> Parse(std::string_view json) {
    simdjson::dom::element doc;
    if (auto err = parser_.parse(json.data(), json.size(), true).get(doc); err) {
      return ParseError(std::string("malformed JSON: ") + simdjson::error_message(err));
    }
    simdjson::dom::object obj;
    if (doc.get(obj) != simdjson::SUCCESS) return InvalidArgument("", "expected a JSON object");
    Entity e;
    std::string_view text;
    if (obj["id"].get(text) != simdjson::SUCCESS || Trim(text).empty()) {
      return InvalidArgument("id", "a string id is required");
    }
    e.id = std::string(Trim(text));
    if (obj["schema"].get(text) != simdjson::SUCCESS) {
      return InvalidArgument("schema", "a string schema is required");
    }
    e.schema = std::string(text);
    if (simdjson::dom::element c; obj["caption"].get(c) == simdjson::SUCCESS) {
      if (c.get(text) != simdjson::SUCCESS) return InvalidArgument("caption", "expected a string");
      e.caption = std::string(text);
    }
    if (simdjson::dom::element t; obj["target"].get(t) == simdjson::SUCCESS) {
      bool b;
      if (t.get(b) != simdjson::SUCCESS) return InvalidArgument("target", "expected a boolean");
      e.target = b;
    }
    for (std::string_view key : {"last_seen", "last_change"}) {
      if (obj[key].get(text) == simdjson::SUCCESS) {
        const std::string date = IsoPrefix(text);
        if (date.size() == 10 && date > latest_seen_) latest_seen_ = date;
      }
    }
    simdjson::dom::element p;
    if (obj["properties"].get(p) != simdjson::SUCCESS) return e;
    simdjson::dom::object po;
    if (p.get(po) != simdjson::SUCCESS) return InvalidArgument("properties", "expected an object");
    for (auto field : po) {
      const std::string key(field.key);
      simdjson::dom::array values;
      if (field.value.get(values) != simdjson::SUCCESS) {
        return InvalidArgument("properties." + key, "expected an array of strings");
      }
      std::vector<std::string>& out = e.props[key];
      size_t i = 0;
      for (simdjson::dom::element v : values) {
        if (v.get(text) != simdjson::SUCCESS) {
          return InvalidArgument("properties." + key + "[" + std::to_string(i) + "]",
                                 "expected a string");
        }
        ++i;
        if (!Trim(text).empty()) out.emplace_back(Trim(text));
      }
    }
    return e;
  }

  // A Sanction names the entity it applies to, its programme and its dates.
  void AddSanction(const Entity& sanction) {
    const auto& program_ids = sanction.Values("programId");
    const auto& programs = program_ids.empty() ? sanction.Values("program") : program_ids;
    for (const std::string& holder : sanction.Values("entity")) {
      Link& link = links_[holder];
      for (const std::string& p : programs) AppendUnique(link.programs, p);
      for (std::string_view key : {"listingDate", "startDate"}) {
        for (const std::string& d : sanction.Values(key)) {
          const std::string date = IsoPrefix(d);
          if (date.size() == 10 && (link.listed_on.empty() || date < link.listed_on)) {
            link.listed_on = date;
          }
        }
      }
    }
  }

  void AddDocument(const Entity& document) {
    const std::string scheme = document.schema == "Passport" ? "passport" : "national_id";
    const std::string country = CodeOf(document.Values("country"));
    for (const std::string& holder : document.Values("holder")) {
      for (std::string_view key : {"number", "passportNumber"}) {
        for (const std::string& n : document.Values(key)) {
          links_[holder].documents.push_back(ListIdentifier{scheme, n, country});
        }
      }
    }
  }

  Status AddTarget(const Entity& entity) {
    const std::optional<EntityType> type = ScreenedType(entity.schema);
    const auto& topics = entity.Values("topics");
    const bool sanctioned = std::any_of(topics.begin(), topics.end(), [](const std::string& t) {
      return StartsWith(t, "sanction");
    });
    if (!type || !(entity.target ? *entity.target : sanctioned)) {
      ++context_.stats.skipped_entities;
      return Ok();
    }
    if (!ids_.insert(entity.id).second)
      return InvalidArgument("id", entity.id + " is listed twice");

    ListEntry e;
    e.list = context_.list_id;
    e.id = entity.id;
    e.type = *type;
    AddName(e, entity.caption, /*primary=*/true, /*weak=*/false);
    for (const std::string& n : entity.Values("name")) AddName(e, n, true, false);
    for (const std::string& n : entity.Values("alias")) AddName(e, n, false, false);
    for (const std::string& n : entity.Values("previousName")) AddName(e, n, false, false);
    for (const std::string& n : entity.Values("weakAlias")) AddName(e, n, false, true);
    if (e.names.empty()) return InvalidArgument("properties.name", "the entity has no name");
    for (std::string_view key : {"nationality", "citizenship", "jurisdiction", "country", "flag"}) {
      for (const std::string& c : entity.Values(key)) {
        if (const std::string upper = AsciiUpper(c); IsCountryCode(upper)) {
          AppendUnique(e.countries, upper);
        } else {
          context_.countries.Resolve(c, e.countries);
        }
      }
    }
    const std::string home = e.countries.size() == 1 ? e.countries.front() : "";
    for (const auto& [key, scheme] : kIdProperties) {
      for (const std::string& v : entity.Values(key)) {
        std::string_view s = scheme;
        if (s == "national_id" && e.type != EntityType::kPerson) s = "registration";
        const std::string_view register_country = RegisterCountry(s);
        const std::string issuer = register_country.empty() ? home : std::string(register_country);
        const std::string refined = RefineScheme(s, v, issuer, e.type);
        AddIdentifier(e, refined, v, RegisterCountry(refined));
      }
    }
    for (const std::string& d : entity.Values("birthDate")) {
      if (std::string iso = IsoPrefix(d); !iso.empty()) {
        AppendUnique(e.birth_dates, std::move(iso));
      } else {
        for (std::string& x : ExtractDates(d)) AppendUnique(e.birth_dates, std::move(x));
      }
    }
    for (const std::string& p : entity.Values("programId")) AppendUnique(e.programs, p);
    for (const std::string& g : entity.Values("gender")) {
      if (g == "male" || g == "female") e.gender = g;
    }
    for (const std::string& n : entity.Values("notes")) {
      if (!e.remarks.empty()) e.remarks += "\n";
      e.remarks += n;
    }
    targets_.push_back(std::move(e));
    return Ok();
  }

  // The first value that is an ISO code (FtM writes them in lower case).
  static std::string CodeOf(const std::vector<std::string>& values) {
    for (const std::string& v : values) {
      if (std::string upper = AsciiUpper(v); IsCountryCode(upper)) return upper;
    }
    return {};
  }

  ImportContext& context_;
  simdjson::dom::parser parser_;
  std::vector<ListEntry> targets_;
  std::unordered_map<std::string, Link> links_;
  std::unordered_set<std::string> ids_;
  std::string latest_seen_;
};

}  // namespace

Result<ListSnapshot> ImportOpenSanctions(const fs::path& path, ImportContext& context) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    for (auto it = fs::directory_iterator(path, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
      if (it->is_regular_file(ec) && EndsWith(it->path().filename().string(), ".ftm.json")) {
        files.push_back(it->path());
      }
    }
    if (ec) return IoError(path.string() + ": " + ec.message());
    if (files.empty()) return NotFound(path.string() + ": no *.ftm.json files in this folder");
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(path);
  }
  FtmImport import(context);
  for (const fs::path& f : files) {
    if (auto s = import.AddFile(f); !s) return tl::unexpected(s.error());
  }
  ListSnapshot snapshot;
  snapshot.source = path.string();
  snapshot.published_on = import.latest_seen();
  snapshot.entries = import.Finish();
  return snapshot;
}

}  // namespace keruen::screening::lists_internal
