// Case folding for "part of a party name (any case)" searches.
//
// Party names arrive in Latin and Cyrillic ("ТОО «Жибек Транзит Сервис»", "Elektronik
// Handel GmbH"); SQLite's own case-insensitivity covers ASCII only. The store therefore
// keeps a folded copy of the names and folds each query the same way, so a substring test
// on the folded forms is a case-insensitive substring test on the names.
#ifndef KERUEN_STORE_INTERNAL_FOLD_CASE_H_
#define KERUEN_STORE_INTERNAL_FOLD_CASE_H_

#include <string>
#include <string_view>

namespace keruen {

// Appends `utf8` with every code point replaced by its Unicode simple case folding (so
// "Ж" and "ж", "Ä" and "ä", "Қ" and "қ" fold alike). Bytes that are not valid UTF-8 are
// copied unchanged.
void AppendFoldedCase(std::string_view utf8, std::string& out);

inline std::string FoldCase(std::string_view utf8) {
  std::string out;
  AppendFoldedCase(utf8, out);
  return out;
}

}  // namespace keruen

#endif  // KERUEN_STORE_INTERNAL_FOLD_CASE_H_
