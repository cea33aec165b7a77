#include "keruen/core/reference.h"

#include <unicode/locid.h>
#include <unicode/ucurr.h>

#include <charconv>
#include <cstdint>
#include <unordered_set>

#include "keruen/core/csv.h"
#include "keruen/core/paths.h"
#include "keruen/core/utf8.h"

namespace keruen {
namespace {

std::unordered_set<std::string> LoadCountries() {
  std::unordered_set<std::string> out;
  for (const char* const* c = icu::Locale::getISOCountries(); *c != nullptr; ++c) {
    out.insert(*c);
  }
  return out;
}

std::unordered_set<std::string> LoadCurrencies() {
  std::unordered_set<std::string> out;
  UErrorCode status = U_ZERO_ERROR;
  UEnumeration* e = ucurr_openISOCurrencies(UCURR_COMMON | UCURR_NON_DEPRECATED, &status);
  if (U_FAILURE(status)) return out;
  int32_t len = 0;
  while (const char* code = uenum_next(e, &len, &status)) {
    if (U_FAILURE(status)) break;
    out.emplace(code, static_cast<size_t>(len));
  }
  uenum_close(e);
  return out;
}

// A plain transliteration of Russian and Kazakh Cyrillic, lower case; enough for keys.
std::string_view CyrillicToLatin(char32_t cp) {
  static constexpr std::string_view kBasic[32] = {
      "a", "b", "v", "g", "d", "e",  "zh", "z",  "i",  "i",    "k", "l", "m", "n", "o",  "p",
      "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "",  "y", "",  "e", "yu", "ya"};
  if (cp >= 0x0410 && cp <= 0x042F) return kBasic[cp - 0x0410];
  if (cp >= 0x0430 && cp <= 0x044F) return kBasic[cp - 0x0430];
  switch (cp) {
    case 0x0401:
    case 0x0451:
      return "e";  // Ё
    case 0x04D8:
    case 0x04D9:
      return "a";  // Ә
    case 0x0492:
    case 0x0493:
      return "g";  // Ғ
    case 0x049A:
    case 0x049B:
      return "k";  // Қ
    case 0x04A2:
    case 0x04A3:
      return "n";  // Ң
    case 0x04E8:
    case 0x04E9:
      return "o";  // Ө
    case 0x04B0:
    case 0x04B1:
      return "u";  // Ұ
    case 0x04AE:
    case 0x04AF:
      return "u";  // Ү
    case 0x04BA:
    case 0x04BB:
      return "h";  // Һ
    case 0x0406:
    case 0x0456:
      return "i";  // І
    default:
      return {};
  }
}

std::optional<double> ParseDouble(const std::string& s) {
  if (s.empty()) return std::nullopt;
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

bool IsCountryCode(std::string_view code) {
  static const std::unordered_set<std::string> kCountries = LoadCountries();
  return code.size() == 2 && kCountries.count(std::string(code)) > 0;
}

bool IsCurrencyCode(std::string_view code) {
  static const std::unordered_set<std::string> kCurrencies = LoadCurrencies();
  return code.size() == 3 && kCurrencies.count(std::string(code)) > 0;
}

std::string LooseNameKey(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (size_t i = 0; i < name.size();) {
    const char32_t cp = DecodeUtf8(name, i);
    if (cp < 0x80) {
      char c = static_cast<char>(cp);
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
    } else {
      out += CyrillicToLatin(cp);
    }
  }
  // Fold what transliterations disagree on: y/j/i, and a doubled letter.
  std::string folded;
  folded.reserve(out.size());
  for (char c : out) {
    if (c == 'y' || c == 'j') c = 'i';
    if (!folded.empty() && folded.back() == c) continue;
    folded.push_back(c);
  }
  return folded;
}

Result<BorderPosts> BorderPosts::Load(const std::string& csv_path) {
  auto table = ReadCsvTable(csv_path);
  if (!table) return tl::unexpected(table.error());
  const int c_id = table->Column("id"), c_name = table->Column("name"),
            c_ru = table->Column("name_ru"), c_nside = table->Column("neighbour_side_name"),
            c_nb = table->Column("neighbour_iso2"), c_lat = table->Column("lat"),
            c_lon = table->Column("lon"), c_alias = table->Column("aliases");
  for (int c : {c_id, c_name, c_ru, c_nside, c_nb, c_lat, c_lon, c_alias}) {
    if (c < 0) return ParseError(csv_path + ": missing a required column in the header");
  }
  BorderPosts posts;
  for (size_t r = 0; r < table->rows.size(); ++r) {
    const auto& row = table->rows[r];
    BorderPost p;
    p.id = row[c_id];
    p.name = row[c_name];
    p.name_ru = row[c_ru];
    p.neighbour_side_name = row[c_nside];
    p.neighbour = row[c_nb];
    p.lat = ParseDouble(row[c_lat]);
    p.lon = ParseDouble(row[c_lon]);
    if (p.id.empty() || p.name.empty() || p.lat.has_value() != p.lon.has_value()) {
      return tl::unexpected(Error{ErrorCode::kParse,
                                  "a post needs an id, a name and both or "
                                  "neither of lat and lon",
                                  {},
                                  csv_path,
                                  table->lines[r]});
    }
    std::string_view aliases = row[c_alias];
    while (!aliases.empty()) {
      const size_t semi = aliases.find(';');
      std::string_view a = aliases.substr(0, semi);
      if (!a.empty()) p.aliases.emplace_back(a);
      aliases = semi == std::string_view::npos ? std::string_view{} : aliases.substr(semi + 1);
    }
    const size_t index = posts.posts_.size();
    auto add = [&](const std::string& spelling) {
      if (spelling.empty()) return;
      posts.by_exact_.emplace(spelling, index);
      posts.by_key_.emplace(LooseNameKey(spelling), index);
    };
    add(p.id);
    add(p.name);
    add(p.name_ru);
    for (const auto& a : p.aliases) add(a);
    posts.posts_.push_back(std::move(p));
  }
  return posts;
}

Result<BorderPosts> BorderPosts::LoadDefault() { return Load(RepoDataPath("border_posts.csv")); }

const BorderPost* BorderPosts::Resolve(std::string_view name) const {
  if (auto it = by_exact_.find(std::string(name)); it != by_exact_.end()) {
    return &posts_[it->second];
  }
  const std::string key = LooseNameKey(name);
  if (key.empty()) return nullptr;
  if (auto it = by_key_.find(key); it != by_key_.end()) return &posts_[it->second];
  return nullptr;
}

const BorderPost* BorderPosts::FindById(std::string_view id) const {
  for (const auto& p : posts_) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

}  // namespace keruen
