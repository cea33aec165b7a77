#include "keruen/screening/eval/internal/variants.h"

#include <unicode/uchar.h>
#include <xxhash.h>

#include <array>
#include <cctype>
#include <span>
#include <unordered_set>
#include <vector>

#include "keruen/core/utf8.h"
#include "keruen/screening/eval/internal/name_text.h"

namespace keruen::screening::eval::internal {
namespace {

// The evaluation's own ground truth for legal forms: spellings of one form, Latin and Cyrillic,
// abbreviated and written out, as they occur in the EU, UK and Kazakh registers. Deliberately
// not text/'s table: a generated pair must be a positive whatever the analyzer recognises.
const std::vector<std::vector<std::string_view>>& LegalForms() {
  static const std::vector<std::vector<std::string_view>> kForms = {
      {"LLC", "OOO", "ООО", "Limited Liability Company",
       "Общество с ограниченной ответственностью"},
      {"LLP", "TOO", "ТОО", "Limited Liability Partnership",
       "Товарищество с ограниченной ответственностью"},
      {"JSC", "AO", "АО", "АҚ", "Joint Stock Company", "Акционерное общество"},
      {"PJSC", "PAO", "ПАО", "Public Joint Stock Company", "Публичное акционерное общество"},
      {"CJSC", "ZAO", "ЗАО", "Closed Joint Stock Company", "Закрытое акционерное общество"},
      {"OJSC", "OAO", "ОАО", "Open Joint Stock Company", "Открытое акционерное общество"},
      {"FSUE", "FGUP", "ФГУП", "Federal State Unitary Enterprise",
       "Федеральное государственное унитарное предприятие"},
  };
  return kForms;
}

// A run of letters or digits in a name, with its place in the bytes.
struct Run {
  std::string folded;
  size_t begin = 0;
  size_t end = 0;
  bool upper = true;  // every letter is upper case
};

std::vector<Run> Runs(std::string_view s) {
  std::vector<Run> out;
  bool in_run = false;
  for (size_t i = 0; i < s.size();) {
    const size_t at = i;
    const auto cp = static_cast<UChar32>(DecodeUtf8(s, i));
    if (!u_isalnum(cp)) {
      in_run = false;
      continue;
    }
    if (!in_run) out.push_back(Run{{}, at, at, true});
    in_run = true;
    Run& run = out.back();
    AppendUtf8(run.folded, static_cast<char32_t>(u_foldCase(cp, U_FOLD_CASE_DEFAULT)));
    run.end = i;
    if (u_isalpha(cp) && !u_isupper(cp)) run.upper = false;
  }
  return out;
}

// LegalForms() split into folded words, computed once.
const std::vector<std::vector<std::vector<std::string>>>& LegalFormWords() {
  static const std::vector<std::vector<std::vector<std::string>>> kWords = [] {
    std::vector<std::vector<std::vector<std::string>>> out;
    for (const auto& group : LegalForms()) {
      auto& spellings = out.emplace_back();
      for (std::string_view spelling : group) {
        auto& words = spellings.emplace_back();
        for (Run& run : Runs(spelling)) words.push_back(std::move(run.folded));
      }
    }
    return out;
  }();
  return kWords;
}

std::string Join(std::span<const std::string_view> words) {
  std::string out;
  for (std::string_view w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

// Trims spaces and commas at both ends and collapses inner runs of spaces.
std::string Tidy(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == ',')) out.pop_back();
  size_t start = 0;
  while (start < out.size() && (out[start] == ' ' || out[start] == ',')) ++start;
  return out.substr(start);
}

struct LegalFormMatch {
  size_t group = 0;
  size_t spelling = 0;
  size_t first_run = 0;
  size_t begin = 0;  // bytes
  size_t end = 0;
};

// The leftmost (then longest) legal form written in `runs`.
std::optional<LegalFormMatch> FindLegalForm(const std::vector<Run>& runs) {
  const auto& forms = LegalFormWords();
  for (size_t r = 0; r < runs.size(); ++r) {
    std::optional<LegalFormMatch> best;
    size_t best_words = 0;
    for (size_t g = 0; g < forms.size(); ++g) {
      for (size_t k = 0; k < forms[g].size(); ++k) {
        const std::vector<std::string>& words = forms[g][k];
        if (words.size() <= best_words || r + words.size() > runs.size()) continue;
        bool match = true;
        for (size_t w = 0; w < words.size() && match; ++w) match = runs[r + w].folded == words[w];
        // An abbreviation counts only in capitals, so "Me Too" keeps its "Too".
        if (match && words.size() == 1 && !runs[r].upper) match = false;
        if (!match) continue;
        best = LegalFormMatch{g, k, r, runs[r].begin, runs[r + words.size() - 1].end};
        best_words = words.size();
      }
    }
    if (best) return best;
  }
  return std::nullopt;
}

}  // namespace

uint64_t KeyedHash(uint64_t seed, std::initializer_list<std::string_view> parts) {
  std::string joined;
  for (std::string_view part : parts) {
    joined += part;
    joined += '\x1f';
  }
  return XXH3_64bits_withSeed(joined.data(), joined.size(), seed);
}

uint64_t Rng::Next() {
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::optional<std::string> Typo(std::string_view name, Rng& rng) {
  // Words of ASCII letters only: an edit inside a multi-byte letter would not be one letter, and
  // a word like "Vladímir" is left alone rather than cut at its "í".
  std::vector<std::pair<size_t, size_t>> words;  // [begin, end) in bytes
  size_t word_begin = 0;
  bool in_word = false;
  bool ascii = true;
  auto close_word = [&](size_t at) {
    if (in_word && ascii && at - word_begin >= 5) words.emplace_back(word_begin, at);
    in_word = false;
  };
  for (size_t i = 0; i < name.size();) {
    const size_t at = i;
    if (!u_isalpha(static_cast<UChar32>(DecodeUtf8(name, i)))) {
      close_word(at);
      continue;
    }
    if (!in_word) {
      word_begin = at;
      ascii = true;
      in_word = true;
    }
    ascii = ascii && i - at == 1;
  }
  close_word(name.size());
  if (words.empty()) return std::nullopt;

  const auto [first, end] = words[rng.Below(words.size())];
  const size_t length = end - first;
  auto is_upper = [&](size_t at) { return std::isupper(static_cast<unsigned char>(name[at])); };
  auto random_letter = [&rng](bool upper, char avoid) {
    char c;
    do {
      c = static_cast<char>('a' + rng.Below(26));
    } while (c == std::tolower(static_cast<unsigned char>(avoid)));
    return upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
  };
  std::string out(name);
  switch (rng.Below(3)) {
    case 0: {  // substitute
      const size_t at = first + rng.Below(length);
      out[at] = random_letter(is_upper(at), name[at]);
      break;
    }
    case 1: {  // insert, in the case of the letter it lands before (or after, at the end)
      const size_t at = first + rng.Below(length + 1);
      out.insert(out.begin() + static_cast<std::ptrdiff_t>(at),
                 random_letter(is_upper(at < end ? at : end - 1), '\0'));
      break;
    }
    default:  // delete
      out.erase(first + rng.Below(length), 1);
      break;
  }
  return out;
}

std::optional<std::string> SwapWordOrder(std::string_view name) {
  const size_t comma = name.find(',');
  if (comma != std::string_view::npos && name.find(',', comma + 1) == std::string_view::npos) {
    const std::vector<std::string_view> surname = Words(name.substr(0, comma));
    const std::vector<std::string_view> given = Words(name.substr(comma + 1));
    if (surname.empty() || given.empty()) return std::nullopt;
    return Join(given) + " " + Join(surname);
  }
  const std::vector<std::string_view> words = Words(name);
  if (words.size() < 2) return std::nullopt;
  std::vector<std::string_view> swapped{words.back()};
  swapped.insert(swapped.end(), words.begin(), words.end() - 1);
  return Join(swapped);
}

std::optional<std::string> DropMiddleNames(std::string_view name) {
  const size_t comma = name.find(',');
  if (comma != std::string_view::npos && name.find(',', comma + 1) == std::string_view::npos) {
    const std::vector<std::string_view> surname = Words(name.substr(0, comma));
    const std::vector<std::string_view> given = Words(name.substr(comma + 1));
    if (surname.empty() || given.size() < 2) return std::nullopt;
    return Join(surname) + ", " + std::string(given.front());
  }
  const std::vector<std::string_view> words = Words(name);
  if (words.size() < 3) return std::nullopt;
  return std::string(words.front()) + " " + std::string(words.back());
}

std::string ChangeLegalForm(std::string_view name, Rng& rng) {
  const auto& forms = LegalForms();
  const std::optional<LegalFormMatch> found = FindLegalForm(Runs(name));
  if (!found) {
    const auto& group = forms[rng.Below(forms.size())];
    const std::string spelling(group[rng.Below(group.size())]);
    return rng.Below(2) == 0 ? spelling + " " + std::string(name)
                             : std::string(name) + " " + spelling;
  }
  const auto& group = forms[found->group];
  size_t pick = rng.Below(group.size() - 1);
  if (pick >= found->spelling) ++pick;  // any spelling but the one written
  const std::string spelling(group[pick]);
  const std::string before(name.substr(0, found->begin));
  const std::string after(name.substr(found->end));
  if (rng.Below(2) == 0) return before + spelling + after;
  const std::string rest = Tidy(before + " " + after);
  return found->first_run == 0 ? rest + " " + spelling : spelling + " " + rest;
}

bool IsLegalFormWord(std::string_view folded_word) {
  static const std::unordered_set<std::string> kWords = [] {
    std::unordered_set<std::string> out;
    for (const auto& group : LegalFormWords()) {
      for (const auto& spelling : group) out.insert(spelling.begin(), spelling.end());
    }
    return out;
  }();
  return kWords.contains(std::string(folded_word));
}

}  // namespace keruen::screening::eval::internal
