#include "keruen/screening/match/internal/query_variants.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "keruen/core/utf8.h"
#include "keruen/screening/match/similarity.h"

namespace keruen::screening::internal {
namespace {

std::vector<std::string> SplitWords(std::string_view name) {
  std::vector<std::string> words;
  std::string word;
  for (char c : name) {
    if (c == ' ' || c == ',') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::string JoinWords(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

bool IsLetter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0x0410 && c <= 0x044F);
}

char32_t RandomLetterLike(char32_t c, std::mt19937_64& rng) {
  if (c >= 0x0410 && c <= 0x044F) {
    const char32_t base = c >= 0x0430 ? 0x0430 : 0x0410;
    return base + static_cast<char32_t>(rng() % 32);
  }
  const char32_t base = c >= 'a' ? 'a' : 'A';
  return base + static_cast<char32_t>(rng() % 26);
}

std::optional<std::string> Typo(std::string_view name, std::mt19937_64& rng) {
  std::vector<std::string> words = SplitWords(name);
  std::vector<size_t> long_words;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::u32string letters = ToCodePoints(words[i]);
    size_t count = 0;
    for (char32_t c : letters) count += IsLetter(c);
    if (count >= 4 && count == letters.size()) long_words.push_back(i);
  }
  if (long_words.empty()) return std::nullopt;
  std::string& word = words[long_words[rng() % long_words.size()]];
  std::u32string letters = ToCodePoints(word);
  const size_t at = 1 + rng() % (letters.size() - 1);  // keep the first letter
  switch (rng() % 4) {
    case 0: {
      char32_t replacement = RandomLetterLike(letters[at], rng);
      while (replacement == letters[at]) replacement = RandomLetterLike(letters[at], rng);
      letters[at] = replacement;
      break;
    }
    case 1:
      letters.erase(at, 1);
      break;
    case 2:
      letters.insert(letters.begin() + static_cast<std::ptrdiff_t>(at),
                     RandomLetterLike(letters[at], rng));
      break;
    default:
      if (at + 1 < letters.size() && letters[at] != letters[at + 1]) {
        std::swap(letters[at], letters[at + 1]);
      } else {
        letters.erase(at, 1);
      }
  }
  word.clear();
  for (char32_t c : letters) AppendUtf8(word, c);
  return JoinWords(words);
}

}  // namespace

std::optional<std::string> MakeVariant(std::string_view name, Variation variation,
                                       std::mt19937_64& rng) {
  std::vector<std::string> words = SplitWords(name);
  switch (variation) {
    case Variation::kTypo:
      return Typo(name, rng);
    case Variation::kSwap:
      if (words.size() < 2) return std::nullopt;
      std::rotate(words.rbegin(), words.rbegin() + 1, words.rend());
      return JoinWords(words);
    case Variation::kDrop:
      if (words.size() < 3) return std::nullopt;
      words.erase(words.begin() + 1 + static_cast<std::ptrdiff_t>(rng() % (words.size() - 2)));
      return JoinWords(words);
    case Variation::kCyrillic:
      return LatinToCyrillic(name);
  }
  return std::nullopt;
}

std::string LatinToCyrillic(std::string_view name) {
  // Longest romanisations first; a "y" is й after a vowel and ы after a consonant.
  static const std::pair<const char*, const char*> kMulti[] = {
      {"shch", "щ"}, {"sch", "щ"}, {"kh", "х"},  {"zh", "ж"},  {"ch", "ч"},
      {"sh", "ш"},   {"ts", "ц"},  {"ya", "я"},  {"yu", "ю"},  {"yo", "ё"},
      {"ye", "е"},   {"iy", "ий"}, {"yy", "ый"}, {"ks", "кс"},
  };
  static const char* const kSingle[26] = {"а", "б", "ц", "д", "е", "ф",  "г", "х", "и",
                                          "ж", "к", "л", "м", "н", "о",  "п", "к", "р",
                                          "с", "т", "у", "в", "в", "кс", "ы", "з"};
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string out;
  for (size_t i = 0; i < lower.size();) {
    const char c = lower[i];
    if (c < 'a' || c > 'z') {
      out += c == '\'' ? "ь" : std::string(1, c);
      ++i;
      continue;
    }
    bool done = false;
    for (const auto& [latin, cyrillic] : kMulti) {
      if (lower.compare(i, std::char_traits<char>::length(latin), latin) == 0) {
        out += cyrillic;
        i += std::char_traits<char>::length(latin);
        done = true;
        break;
      }
    }
    if (done) continue;
    const bool word_start = i == 0 || lower[i - 1] < 'a' || lower[i - 1] > 'z';
    if (c == 'y') {
      const char prev = word_start ? ' ' : lower[i - 1];
      out += std::string("aeiou").find(prev) != std::string::npos ? "й" : "ы";
    } else if (c == 'e' && word_start) {
      out += "э";
    } else {
      out += kSingle[c - 'a'];
    }
    ++i;
  }
  return out;
}

}  // namespace keruen::screening::internal
