#include "keruen/sim/internal/world.h"

#include <filesystem>

#include "keruen/core/csv.h"
#include "keruen/core/paths.h"

namespace keruen::sim_internal {
namespace {

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

// The digits right after `label` in `remarks` when followed by " (Russia)", else empty.
std::string RussianNumberAfter(std::string_view remarks, std::string_view label, size_t digits) {
  size_t pos = 0;
  while ((pos = remarks.find(label, pos)) != std::string_view::npos) {
    pos += label.size();
    size_t end = pos;
    while (end < remarks.size() && remarks[end] >= '0' && remarks[end] <= '9') ++end;
    if (end - pos == digits && remarks.substr(end, 9) == " (Russia)") {
      return std::string(remarks.substr(pos, digits));
    }
  }
  return {};
}

Result<std::vector<HsCode>> LoadChpl(const std::string& path) {
  auto table = ReadCsvTable(path);
  if (!table) return tl::unexpected(table.error());
  const int c_hs = table->Column("hs6"), c_desc = table->Column("description");
  if (c_hs < 0 || c_desc < 0) return ParseError(path + ": needs columns hs6 and description");
  std::vector<HsCode> out;
  for (const auto& row : table->rows) out.push_back({row[c_hs], row[c_desc]});
  return out;
}

}  // namespace

Result<std::vector<HsCode>> LoadHsCodes(const std::string& path) {
  auto table = ReadCsvTable(path);
  if (!table) return tl::unexpected(table.error());
  const int c_code = table->Column("hscode"), c_desc = table->Column("description"),
            c_level = table->Column("level");
  if (c_code < 0 || c_desc < 0) return ParseError(path + ": needs columns hscode and description");
  std::vector<HsCode> out;
  for (size_t r = 0; r < table->rows.size(); ++r) {
    const auto& row = table->rows[r];
    if (c_level >= 0 && row[c_level] != "6") continue;
    const std::string& code = row[c_code];
    if (code.size() != 6 || code.find_first_not_of("0123456789") != std::string::npos) {
      return tl::unexpected(Error{ErrorCode::kParse, "\"" + code + "\" is not a six-digit HS code",
                                  "hscode", path, table->lines[r]});
    }
    out.push_back({code, row[c_desc]});
  }
  return out;
}

Result<std::vector<SanctionedEntity>> LoadSdnRussianCompanies(const std::string& path) {
  auto text = ReadFile(path);
  if (!text) return tl::unexpected(text.error());
  CsvReader reader(*text);
  std::vector<std::string> fields;
  std::vector<SanctionedEntity> out;
  while (true) {
    auto more = reader.Next(fields);
    if (!more) return tl::unexpected(more.error().WithSource(path, reader.record_line()));
    if (!*more) break;
    if (fields.size() < 12) continue;
    if (Trim(fields[2]) != "-0-") continue;  // individuals, vessels and aircraft are typed
    if (fields[3].find("RUSSIA-EO14024") == std::string::npos) continue;
    const std::string& remarks = fields[11];
    if (remarks.find("(Russia)") == std::string::npos) continue;
    auto entity = ParseSdnCompanyName(Trim(fields[1]));
    if (!entity) continue;
    entity->list_ref = "OFAC SDN " + Trim(fields[0]);
    entity->inn = RussianNumberAfter(remarks, "Tax ID No. ", 10);
    entity->ogrn = RussianNumberAfter(remarks, "Registration Number ", 13);
    if (entity->ogrn.empty()) entity->ogrn = RussianNumberAfter(remarks, "Registration ID ", 13);
    out.push_back(std::move(*entity));
  }
  return out;
}

Result<ReferenceData> LoadReferenceData(const std::string& shared_dir, bool listed_names) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::string hs_path = RepoDataPath("hs_sim.csv");
  std::string hs_source = "data/hs_sim.csv (committed subset of HS 2022)";
  if (!shared_dir.empty()) {
    const fs::path shared_hs = fs::path(shared_dir) / "hs" / "harmonized-system.csv";
    if (fs::exists(shared_hs, ec)) {
      hs_path = shared_hs.string();
      hs_source = "shared hs/harmonized-system.csv (HS 2022, level-6 codes)";
    }
  }
  auto hs = LoadHsCodes(hs_path);
  if (!hs) return tl::unexpected(hs.error());
  auto chpl = LoadChpl(RepoDataPath("chpl.csv"));
  if (!chpl) return tl::unexpected(chpl.error());
  auto goods = GoodsCatalog::Make(std::move(*hs), std::move(*chpl));
  if (!goods) return tl::unexpected(goods.error());
  auto posts = BorderPosts::LoadDefault();
  if (!posts) return tl::unexpected(posts.error());
  auto roads = tracking::RoadNetwork::LoadDefault(*posts);
  if (!roads) return tl::unexpected(roads.error());
  ReferenceData data{
      std::move(*goods), std::move(hs_source), std::move(*posts), std::move(*roads), {}, {}, {}};
  if (!shared_dir.empty()) {
    const fs::path sdn = fs::path(shared_dir) / "sanctions" / "ofac" / "latest" / "sdn.csv";
    if (fs::exists(sdn, ec)) {
      auto entities = LoadSdnRussianCompanies(sdn.string());
      if (!entities) return tl::unexpected(entities.error());
      data.sanctioned = std::move(*entities);
      data.sanctions_source = "shared sanctions/ofac/latest/sdn.csv (OFAC SDN, RUSSIA-EO14024)";
    }
    if (listed_names) {
      auto listed = ListedNames::LoadShared(shared_dir);
      if (!listed) return tl::unexpected(listed.error());
      data.listed_names = std::move(*listed);
    }
  }
  return data;
}

}  // namespace keruen::sim_internal
