// The given-name table (text/given_names.tsv): East Slavic given names in their Russian,
// Ukrainian and Belarusian forms, with the patronymics derived from the male ones. The analyser
// uses it to write a name's given names and patronymics one way ("names" form,
// name_analyzer.h), so that a Belarusian "Аляксандр Аляксандравіч" meets a Russian
// "Александр Александрович".
#ifndef KERUEN_SCREENING_TEXT_INTERNAL_GIVEN_NAMES_H_
#define KERUEN_SCREENING_TEXT_INTERNAL_GIVEN_NAMES_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "keruen/core/error.h"

namespace keruen::screening::text_internal {

// The text of given_names.tsv, compiled in (generated from the file by CMake).
extern const char kGivenNamesTsv[];

enum class GivenNameKind : uint8_t { kName, kMalePatronymic, kFemalePatronymic };
inline constexpr size_t kGivenNameKinds = 3;

enum class SlavicLanguage : uint8_t { kRussian, kUkrainian, kBelarusian };

struct GivenNameSpelling {
  std::string text;  // lower case: Cyrillic, or ASCII for the table's conventional spellings
  GivenNameKind kind = GivenNameKind::kName;
  size_t group = 0;  // the name's line among the table's names
  bool latin = false;
};

struct GivenNameTable {
  // Every spelling of every name and patronymic (a spelling may repeat within a group).
  std::vector<GivenNameSpelling> spellings;
  // Per group and kind the spelling that stands for all of them, in Cyrillic: the first
  // Russian one (empty for the patronymics of female names).
  std::vector<std::array<std::string, kGivenNameKinds>> canonical;
};

// Parses the table; errors name `source`, the line and the column.
Result<GivenNameTable> ParseGivenNames(std::string_view tsv, const std::string& source);

// The regular patronymics of male name `name` (lower-case Cyrillic) in `language`, male and
// female: "александр" -> "александрович", "александровна"; "юрий" -> "юрьевич", "юриевич",
// "юрьевна", "юриевна"; Ukrainian "олексій" -> "олексійович", "олексіївна"; Belarusian
// "уладзімір" -> "уладзіміравіч", "уладзіміраўна". Names ending in "а" or "я" ("никита",
// "ілля") have irregular ones and give none.
std::vector<std::pair<std::string, GivenNameKind>> DerivePatronymics(SlavicLanguage language,
                                                                     std::string_view name);

}  // namespace keruen::screening::text_internal

#endif  // KERUEN_SCREENING_TEXT_INTERNAL_GIVEN_NAMES_H_
