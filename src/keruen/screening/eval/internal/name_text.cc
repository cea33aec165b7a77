#include "keruen/screening/eval/internal/name_text.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>

#include "keruen/core/utf8.h"

namespace keruen::screening::eval::internal {

std::string FoldCase(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const char32_t cp = DecodeUtf8(s, i);
    AppendUtf8(out,
               static_cast<char32_t>(u_foldCase(static_cast<UChar32>(cp), U_FOLD_CASE_DEFAULT)));
  }
  return out;
}

std::string_view ScriptOf(std::string_view s) {
  int latin = 0;
  int cyrillic = 0;
  bool other = false;
  for (size_t i = 0; i < s.size();) {
    const auto cp = static_cast<UChar32>(DecodeUtf8(s, i));
    if (!u_isalpha(cp)) continue;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(cp, &status);
    if (U_FAILURE(status) || script == USCRIPT_COMMON || script == USCRIPT_INHERITED) continue;
    if (script == USCRIPT_LATIN) {
      ++latin;
    } else if (script == USCRIPT_CYRILLIC) {
      ++cyrillic;
    } else {
      other = true;
    }
  }
  if (other) return "other";
  // A stray look-alike does not make a name mixed: the EU writes Ukrainian "Сергiй" with a
  // Latin i. Mixed means both scripts carry words, as in "Sergei AKSENOV (Сергей АКСЁНОВ)".
  if (latin > 0 && cyrillic > 0 && 5 * std::min(latin, cyrillic) > latin + cyrillic) {
    return "mixed";
  }
  if (latin > cyrillic) return "latin";
  if (cyrillic > 0) return "cyrillic";
  return "none";
}

std::string ScriptPairCategory(std::string_view a, std::string_view b) {
  const std::string_view sa = ScriptOf(a);
  const std::string_view sb = ScriptOf(b);
  if (sa == "latin" && sb == "latin") return "latin-latin";
  if (sa == "cyrillic" && sb == "cyrillic") return "cyrillic-cyrillic";
  if ((sa == "cyrillic" && sb == "latin") || (sa == "latin" && sb == "cyrillic")) {
    return "cyrillic-latin";
  }
  return "other-script";
}

std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == ' ' || s[i] == '\t' || s[i] == ',' || s[i] == ';') {
      if (i > start) out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

std::vector<std::string> FoldedLetterRuns(std::string_view s) {
  std::vector<std::string> out;
  std::string run;
  for (size_t i = 0; i < s.size();) {
    const auto cp = static_cast<UChar32>(DecodeUtf8(s, i));
    if (u_isalnum(cp)) {
      AppendUtf8(run, static_cast<char32_t>(u_foldCase(cp, U_FOLD_CASE_DEFAULT)));
    } else if (!run.empty()) {
      out.push_back(std::move(run));
      run.clear();
    }
  }
  if (!run.empty()) out.push_back(std::move(run));
  return out;
}

}  // namespace keruen::screening::eval::internal
