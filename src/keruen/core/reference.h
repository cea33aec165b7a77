// Reference facts the core checks documents against: ISO 3166-1 country codes and ISO 4217
// currency codes (both from ICU's tables, so no list is kept by hand), and Kazakhstan's
// road border posts (from the committed table data/border_posts.csv).
//
// Border posts are written many ways in real documents: "Kordai", "Korday", "Кордай",
// "Nur Zholy" or "Khorgos". `BorderPosts::Resolve` maps any of those to one post.
#ifndef KERUEN_CORE_REFERENCE_H_
#define KERUEN_CORE_REFERENCE_H_

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "keruen/core/error.h"

namespace keruen {

// True for an assigned ISO 3166-1 alpha-2 code in upper case ("KZ").
bool IsCountryCode(std::string_view code);
// True for an active ISO 4217 alphabetic code in upper case ("EUR").
bool IsCurrencyCode(std::string_view code);

struct BorderPost {
  std::string id;    // "KZ-BCP-044"
  std::string name;  // Latin name of the Kazakh side, "Kordai"
  std::string name_ru;
  std::string neighbour_side_name;  // "Ak-Zhol"
  std::string neighbour;            // ISO 3166-1 alpha-2 of the country it faces
  std::optional<double> lat, lon;   // absent for the few posts without known coordinates
  std::vector<std::string> aliases;
};

class BorderPosts {
 public:
  // Reads the CSV table (header: id,name,name_ru,neighbour_side_name,neighbour_iso2,lat,lon,
  // coord_precision,aliases; lines starting with '#' are comments).
  static Result<BorderPosts> Load(const std::string& csv_path);
  // The committed table, found with RepoDataPath("border_posts.csv").
  static Result<BorderPosts> LoadDefault();

  // Finds the post a name refers to, in any of its spellings or scripts.
  const BorderPost* Resolve(std::string_view name) const;
  const BorderPost* FindById(std::string_view id) const;
  const std::vector<BorderPost>& all() const { return posts_; }

 private:
  std::vector<BorderPost> posts_;
  std::unordered_map<std::string, size_t> by_exact_;  // every spelling as written
  std::unordered_map<std::string, size_t> by_key_;    // loose keys (see LooseNameKey)
};

// A spelling-insensitive key for place names: Cyrillic transliterated, lower case, letters
// and digits only, and the vowels and glides that spellings disagree on folded
// ("Korday", "Kordai", "Кордай" -> "kordai").
std::string LooseNameKey(std::string_view name);

}  // namespace keruen

#endif  // KERUEN_CORE_REFERENCE_H_
