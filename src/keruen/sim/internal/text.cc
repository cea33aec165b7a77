#include "keruen/sim/internal/text.h"

#include "keruen/core/utf8.h"

namespace keruen::sim_internal {
namespace {

// Lower-case Cyrillic letter for `cp`, or 0 when `cp` is not a Cyrillic letter we know.
char32_t CyrillicLower(char32_t cp) {
  if (cp >= 0x0410 && cp <= 0x042F) return cp + 0x20;
  if (cp >= 0x0430 && cp <= 0x044F) return cp;
  if (cp == 0x0401 || cp == 0x0451) return 0x0451;  // Ё
  if (cp == 0x0406 || cp == 0x0456) return 0x0456;  // І
  switch (cp) {
    case 0x04D8:
    case 0x04D9:
      return 0x04D9;  // Ә
    case 0x0492:
    case 0x0493:
      return 0x0493;  // Ғ
    case 0x049A:
    case 0x049B:
      return 0x049B;  // Қ
    case 0x04A2:
    case 0x04A3:
      return 0x04A3;  // Ң
    case 0x04E8:
    case 0x04E9:
      return 0x04E9;  // Ө
    case 0x04B0:
    case 0x04B1:
      return 0x04B1;  // Ұ
    case 0x04AE:
    case 0x04AF:
      return 0x04AF;  // Ү
    case 0x04BA:
    case 0x04BB:
      return 0x04BB;  // Һ
    default:
      return 0;
  }
}

char32_t LowerCp(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 0x20;
  if (cp >= 0x0100 && cp <= 0x0137 && cp % 2 == 0) return cp + 1;
  if (cp >= 0x0139 && cp <= 0x0148 && cp % 2 == 1) return cp + 1;
  if (cp >= 0x014A && cp <= 0x0177 && cp % 2 == 0) return cp + 1;
  if (cp >= 0x0179 && cp <= 0x017E && cp % 2 == 1) return cp + 1;
  if (cp == 0x0130) return 'i';  // Turkish dotted capital I
  if (const char32_t c = CyrillicLower(cp); c != 0) return c;
  return cp;
}

char32_t UpperCp(char32_t cp) {
  if (cp >= 'a' && cp <= 'z') return cp - 32;
  if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) return cp - 0x20;
  if (cp >= 0x0100 && cp <= 0x0137 && cp % 2 == 1) return cp - 1;
  if (cp >= 0x0139 && cp <= 0x0148 && cp % 2 == 0) return cp - 1;
  if (cp >= 0x014A && cp <= 0x0177 && cp % 2 == 1) return cp - 1;
  if (cp >= 0x0179 && cp <= 0x017E && cp % 2 == 0) return cp - 1;
  if (cp == 0x0131) return 'I';  // Turkish dotless i
  if (cp >= 0x0430 && cp <= 0x044F) return cp - 0x20;
  if (cp == 0x0451) return 0x0401;
  if (cp == 0x0456) return 0x0406;
  switch (cp) {
    case 0x04D9:
    case 0x0493:
    case 0x049B:
    case 0x04A3:
    case 0x04E9:
    case 0x04B1:
    case 0x04AF:
    case 0x04BB:
      return cp - 1;
    default:
      return cp;
  }
}

bool IsUpperLetter(char32_t cp) { return LowerCp(cp) != cp; }
bool IsLowerLetter(char32_t cp) { return UpperCp(cp) != cp; }
bool IsLetter(char32_t cp) { return IsUpperLetter(cp) || IsLowerLetter(cp); }

// Romanization of one lower-case Cyrillic letter; `after_vowel_or_start` selects the
// BGN/PCGN "ye" form of е and ё.
std::string_view RomanizeLetter(char32_t lower, Romanization scheme, bool after_vowel_or_start) {
  // а..я in alphabetical order, per scheme.
  static constexpr std::string_view kBgn[32] = {
      "a", "b", "v", "g", "d", "e",  "zh", "z",  "i",  "y",    "k", "l", "m", "n", "o",  "p",
      "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "",  "y", "",  "e", "yu", "ya"};
  static constexpr std::string_view kIcao[32] = {
      "a", "b", "v", "g", "d", "e",  "zh", "z",  "i",  "i",    "k",  "l", "m", "n", "o",  "p",
      "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "ie", "y", "",  "e", "iu", "ia"};
  static constexpr std::string_view kKazakh[32] = {
      "a", "b", "v", "g", "d", "e", "j",  "z",  "i",  "i",    "k", "l", "m", "n", "o",  "p",
      "r", "s", "t", "u", "f", "h", "ts", "ch", "sh", "shch", "",  "y", "",  "e", "iu", "ia"};
  if (lower >= 0x0430 && lower <= 0x044F) {
    const size_t i = lower - 0x0430;
    switch (scheme) {
      case Romanization::kBgnPcgn:
        if (lower == 0x0435 && after_vowel_or_start) return "ye";
        return kBgn[i];
      case Romanization::kIcao:
        return kIcao[i];
      case Romanization::kKazakhLatin:
        return kKazakh[i];
    }
  }
  const bool bgn = scheme == Romanization::kBgnPcgn;
  const bool kaz = scheme == Romanization::kKazakhLatin;
  switch (lower) {
    case 0x0451:
      return bgn ? (after_vowel_or_start ? "yo" : "e") : kaz ? "io" : "e";  // ё
    case 0x0456:
      return "i";  // і
    case 0x04D9:
      return "a";  // ә
    case 0x0493:
      return bgn ? "gh" : "g";  // ғ
    case 0x049B:
      return bgn || kaz ? "q" : "k";  // қ
    case 0x04A3:
      return bgn ? "ng" : "n";  // ң
    case 0x04E9:
      return "o";  // ө
    case 0x04B1:
      return "u";  // ұ
    case 0x04AF:
      return "u";  // ү
    case 0x04BB:
      return "h";  // һ
    default:
      return {};
  }
}

bool IsCyrillicVowelOrSign(char32_t lower) {
  switch (lower) {
    case 0x0430:
    case 0x0435:
    case 0x0451:
    case 0x0438:
    case 0x0439:
    case 0x043E:
    case 0x0443:
    case 0x044A:
    case 0x044B:
    case 0x044C:
    case 0x044D:
    case 0x044E:
    case 0x044F:
    case 0x04D9:
    case 0x04E9:
    case 0x04B1:
    case 0x04AF:
    case 0x0456:
      return true;
    default:
      return false;
  }
}

bool IsAsciiVowel(char c) {
  return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' || c == 'Y';
}

}  // namespace

std::string Romanize(std::string_view text, Romanization scheme) {
  const std::u32string cps = ToCodePoints(text);
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < cps.size(); ++i) {
    const char32_t cp = cps[i];
    const char32_t lower = CyrillicLower(cp);
    if (lower == 0) {
      AppendUtf8(out, cp);
      continue;
    }
    const char32_t prev = i > 0 ? cps[i - 1] : 0;
    const char32_t prev_lower = prev != 0 ? CyrillicLower(prev) : 0;
    const bool after_vowel_or_start =
        !IsLetter(prev) || (prev_lower != 0 && IsCyrillicVowelOrSign(prev_lower));
    const std::string_view roman = RomanizeLetter(lower, scheme, after_vowel_or_start);
    if (roman.empty()) continue;
    if (lower == cp) {
      out += roman;
      continue;
    }
    const char32_t next = i + 1 < cps.size() ? cps[i + 1] : 0;
    const bool all_caps = IsUpperLetter(next) || (IsUpperLetter(prev) && !IsLowerLetter(next));
    for (size_t k = 0; k < roman.size(); ++k) {
      const char c = roman[k];
      out.push_back(all_caps || k == 0 ? static_cast<char>(c - 'a' + 'A') : c);
    }
  }
  return out;
}

std::string CyrillicFromRomanized(std::string_view latin) {
  std::string u;
  for (char c : latin) u.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c);
  auto starts = [&](size_t i, std::string_view p) { return u.compare(i, p.size(), p) == 0; };
  auto is_letter = [&](size_t i) { return i < u.size() && u[i] >= 'A' && u[i] <= 'Z'; };
  std::string out;
  bool word_start = true;
  auto emit = [&](std::string_view lower_utf8) {
    // Every Cyrillic lower-case letter here is two UTF-8 bytes; capitalise word initials.
    if (word_start) {
      size_t k = 0;
      const char32_t cp = DecodeUtf8(lower_utf8, k);
      AppendUtf8(out, UpperCp(cp));
      out.append(lower_utf8.substr(k));
    } else {
      out.append(lower_utf8);
    }
    word_start = false;
  };
  for (size_t i = 0; i < u.size();) {
    if (!is_letter(i)) {
      out.push_back(u[i]);
      word_start = !(u[i] >= '0' && u[i] <= '9');
      ++i;
      continue;
    }
    const bool at_start = i == 0 || !is_letter(i - 1);
    const bool prev_vowel = !at_start && IsAsciiVowel(u[i - 1]);
    struct Rule {
      std::string_view latin, cyrillic;
    };
    static constexpr Rule kDigraphs[] = {{"SHCH", "щ"}, {"ZH", "ж"}, {"KH", "х"}, {"TS", "ц"},
                                         {"CH", "ч"},   {"SH", "ш"}, {"YU", "ю"}, {"YA", "я"},
                                         {"YO", "ё"},   {"YE", "е"}};
    bool matched = false;
    for (const Rule& r : kDigraphs) {
      if (starts(i, r.latin)) {
        emit(r.cyrillic == "ё" ? std::string_view("е") : r.cyrillic);
        i += r.latin.size();
        matched = true;
        break;
      }
    }
    if (matched) continue;
    const char c = u[i];
    if (c == 'Y') {
      emit(prev_vowel ? std::string_view("й") : std::string_view("ы"));
      ++i;
      continue;
    }
    if (c == 'E') {
      emit(at_start || prev_vowel ? std::string_view("э") : std::string_view("е"));
      ++i;
      continue;
    }
    static constexpr std::string_view kSingle[26] = {"а",  "б", "к", "д", "е", "ф",  "г", "х", "и",
                                                     "дж", "к", "л", "м", "н", "о",  "п", "к", "р",
                                                     "с",  "т", "у", "в", "в", "кс", "ы", "з"};
    emit(kSingle[c - 'A']);
    ++i;
  }
  return out;
}

std::string ToUpper(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) AppendUtf8(out, UpperCp(DecodeUtf8(text, i)));
  return out;
}

std::string ToLower(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) AppendUtf8(out, LowerCp(DecodeUtf8(text, i)));
  return out;
}

std::string ToTitle(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool start = true;
  for (size_t i = 0; i < text.size();) {
    const char32_t cp = DecodeUtf8(text, i);
    AppendUtf8(out, start ? UpperCp(cp) : LowerCp(cp));
    start = !IsLetter(cp) && !(cp >= '0' && cp <= '9') && cp != '\'';
  }
  return out;
}

std::string FoldToAscii(std::string_view text) {
  struct Fold {
    char32_t cp;
    const char* ascii;
  };
  static constexpr Fold kFolds[] = {
      {0xE4, "ae"}, {0xC4, "Ae"}, {0xF6, "oe"}, {0xD6, "Oe"}, {0xFC, "ue"}, {0xDC, "Ue"},
      {0xDF, "ss"}, {0xE1, "a"},  {0xE9, "e"},  {0xED, "i"},  {0xF3, "o"},  {0xFA, "u"},
      {0xFD, "y"},  {0xE7, "c"},  {0xC7, "C"},  {0x142, "l"}, {0x141, "L"}, {0x105, "a"},
      {0x119, "e"}, {0x15B, "s"}, {0x15A, "S"}, {0x17A, "z"}, {0x17C, "z"}, {0x17B, "Z"},
      {0x144, "n"}, {0x107, "c"}, {0x11B, "e"}, {0x159, "r"}, {0x161, "s"}, {0x160, "S"},
      {0x10D, "c"}, {0x10C, "C"}, {0x17E, "z"}, {0x17D, "Z"}, {0x16F, "u"}, {0x12B, "i"},
      {0x101, "a"}, {0x113, "e"}, {0x146, "n"}, {0x13C, "l"}, {0x137, "k"}, {0x123, "g"},
      {0x16B, "u"}, {0x131, "i"}, {0x130, "I"}, {0x15F, "s"}, {0x15E, "S"}, {0x11F, "g"},
      {0x117, "e"}, {0x173, "u"}, {0x12F, "i"}};
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const char32_t cp = DecodeUtf8(text, i);
    const char* folded = nullptr;
    for (const Fold& f : kFolds) {
      if (f.cp == cp) {
        folded = f.ascii;
        break;
      }
    }
    if (folded != nullptr) {
      out += folded;
    } else {
      AppendUtf8(out, cp);
    }
  }
  return out;
}

}  // namespace keruen::sim_internal
