// One Cyrillic-to-Latin scheme from the iuliia project (nalgeon/iuliia, MIT), read from its
// JSON table, and the rule engine those tables are written for.
//
// A table maps single letters ("mapping"), and overrides them by context: the letter before
// ("prev_mapping": "ъе" -> "ye"; a one-letter key means "at the start of a word"), the
// letter after ("next_mapping": "тс" -> "t·"; one letter means "at the end of a word") and
// a word's last two letters ("ending_mapping": "ий" -> "y", only in words of three letters
// or more). The engine follows the reference implementation: words end at whitespace and at
// , . : ; ? ! ( ) " ', the previous-letter rule wins over the next-letter rule, which wins
// over the plain letter, and letters the table lacks are copied unchanged. It works on lower
// case only (the tables are lower case; the reference derives capitalised rules from them).
#ifndef KERUEN_SCREENING_TEXT_INTERNAL_IULIIA_SCHEMA_H_
#define KERUEN_SCREENING_TEXT_INTERNAL_IULIIA_SCHEMA_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "keruen/core/error.h"

namespace keruen::screening::text_internal {

class IuliiaSchema {
 public:
  // Reads one table; errors name the file and the offending field.
  static Result<IuliiaSchema> Load(const std::filesystem::path& file);
  static Result<IuliiaSchema> Parse(std::string_view json);

  const std::string& name() const { return name_; }  // "icao_doc_9303", "gost_779", ...
  // The table's own examples: (Cyrillic, Latin) as written in the file.
  const std::vector<std::pair<std::string, std::string>>& samples() const { return samples_; }

  // Appends the transliteration of lower-case `text` (whole sentences) to `out`.
  void TranslateText(std::u32string_view text, std::u32string& out) const;
  // Appends the transliteration of one lower-case word (no separators in it).
  void TranslateWord(std::u32string_view word, std::u32string& out) const;

 private:
  static uint64_t Key(char32_t a, char32_t b) { return (uint64_t{a} << 32) | b; }

  std::string name_;
  std::unordered_map<char32_t, std::u32string> letters_;
  std::unordered_map<uint64_t, std::u32string> after_;   // (previous or 0, letter)
  std::unordered_map<uint64_t, std::u32string> before_;  // (letter, next or 0)
  std::unordered_map<uint64_t, std::u32string> ending_;  // (second last, last)
  std::vector<std::pair<std::string, std::string>> samples_;
};

}  // namespace keruen::screening::text_internal

#endif  // KERUEN_SCREENING_TEXT_INTERNAL_IULIIA_SCHEMA_H_
