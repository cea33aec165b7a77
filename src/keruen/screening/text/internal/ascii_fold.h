// Latin letters folded to ASCII the way ICU's Latin-ASCII transliterator folds them
// ("š" -> "s", "ß" -> "ss", "æ" -> "ae", "ł" -> "l", "ä" -> "a", "ə" -> "e"), from a table
// computed once from ICU at start-up: folding a word then costs one lookup per letter
// instead of an ICU transliteration (about 3 µs a name), and the table is immutable, so
// any number of threads can share it.
//
// German "ä" -> "a" (not "ae"): one rule for every language, so "Müller" and a Turkish
// "Müller" both give "muller"; "Mueller" is one edit away and left to the matcher.
#ifndef KERUEN_SCREENING_TEXT_INTERNAL_ASCII_FOLD_H_
#define KERUEN_SCREENING_TEXT_INTERNAL_ASCII_FOLD_H_

#include <string>
#include <string_view>
#include <unordered_map>

#include "keruen/core/error.h"

namespace keruen::screening::text_internal {

class AsciiFolder {
 public:
  // Fails only when ICU lacks the Latin-ASCII transliterator.
  static Result<AsciiFolder> Create();

  // Appends the ASCII fold of `text` (UTF-8, lower case): ASCII is copied, Latin letters
  // are folded, combining marks and letters without an ASCII fold (other scripts) dropped.
  void Append(std::string_view text, std::string& out) const;
  // The fold of one lower-case code point that is not ASCII; empty when it has none.
  std::string_view Fold(char32_t c) const;

 private:
  std::unordered_map<char32_t, std::string> table_;
};

}  // namespace keruen::screening::text_internal

#endif  // KERUEN_SCREENING_TEXT_INTERNAL_ASCII_FOLD_H_
