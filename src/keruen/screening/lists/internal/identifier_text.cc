#include "keruen/screening/lists/internal/identifier_text.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <optional>

#include "keruen/core/utf8.h"
#include "keruen/screening/lists/internal/entries.h"
#include "keruen/screening/lists/internal/text.h"

namespace keruen::screening::lists_internal {
namespace {

// Numbers shorter than this are list item markers, day numbers or years, not identifiers.
constexpr size_t kMinLength = 5;

struct Label {
  std::string_view word;  // lower case
  std::string_view scheme;
  std::string_view country;  // the register's country, "" for generic labels
};

constexpr Label kLabels[] = {
    {"inn", "inn", "RU"},
    {"инн", "inn", "RU"},
    {"ogrn", "ogrn", "RU"},
    {"огрн", "ogrn", "RU"},
    {"ogrnip", "ogrn", "RU"},
    {"огрнип", "ogrn", "RU"},
    {"psrn", "ogrn", "RU"},
    {"srn", "ogrn", "RU"},
    {"kpp", "kpp", "RU"},
    {"кпп", "kpp", "RU"},
    {"okpo", "okpo", "RU"},
    {"окпо", "okpo", "RU"},
    {"bin", "bin", "KZ"},
    {"бин", "bin", "KZ"},
    {"iin", "iin", "KZ"},
    {"иин", "iin", "KZ"},
    {"unp", "tax", "BY"},
    {"унп", "tax", "BY"},
    {"унн", "tax", "BY"},
    {"imo", "imo", ""},
    {"tin", "tax", ""},
    {"tax", "tax", ""},
    {"taxpayer", "tax", ""},
    {"uscc", "registration", "CN"},
    {"registration", "registration", ""},
};

bool IsGeneric(std::string_view scheme) {
  return scheme == "tax" || scheme == "registration" || scheme == "national_id" ||
         scheme == "other";
}

bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Whether a number of this shape can belong to the register.
bool Fits(std::string_view scheme, std::string_view number) {
  const size_t n = number.size();
  const bool digits = AllDigits(number);
  if (scheme == "inn") return digits && (n == 10 || n == 12);
  if (scheme == "ogrn") return digits && (n == 13 || n == 15);
  if (scheme == "kpp") return digits && n == 9;
  if (scheme == "okpo") return digits && (n == 8 || n == 10);
  if (scheme == "bin" || scheme == "iin") return digits && n == 12;
  if (scheme == "imo") return digits && n == 7;
  return true;
}

// The Russian register a bare number of this length belongs to, for a Russian subject.
std::string_view RussianRegisterByLength(std::string_view number) {
  if (!AllDigits(number)) return {};
  switch (number.size()) {
    case 10:
    case 12:
      return "inn";
    case 13:
    case 15:
      return "ogrn";
    case 9:
      return "kpp";
    case 8:
      return "okpo";
    default:
      return {};
  }
}

struct Token {
  std::string text;  // numbers upper case, words lower case
  bool number = false;
  size_t begin = 0, end = 0;               // byte range in the text
  size_t first_group = 0, last_group = 0;  // digit-group lengths, for "1 121 402"
};

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < text.size()) {
    const size_t start = i;
    size_t next = i;
    const char32_t cp = DecodeUtf8(text, next);
    if (!u_isalnum(static_cast<UChar32>(cp))) {
      i = next;
      continue;
    }
    Token t;
    t.begin = start;
    bool has_digit = false;
    while (i < text.size()) {
      size_t j = i;
      const char32_t c = DecodeUtf8(text, j);
      if (!u_isalnum(static_cast<UChar32>(c))) break;
      has_digit = has_digit || (c >= U'0' && c <= U'9');
      AppendUtf8(t.text, static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))));
      i = j;
    }
    t.end = i;
    t.number = has_digit;
    if (!t.number) {
      out.push_back(std::move(t));
      continue;
    }
    t.text = AsciiUpper(t.text);
    t.first_group = t.last_group = t.text.size();
    if (!out.empty() && out.back().number && AllDigits(out.back().text) && AllDigits(t.text)) {
      Token& prev = out.back();
      const std::string_view gap = text.substr(prev.end, t.begin - prev.end);
      const bool thousands =
          gap == " " && t.text.size() == 3 && prev.first_group <= 3 && prev.last_group <= 3;
      if (thousands || gap == "-") {
        prev.text += t.text;
        prev.end = t.end;
        prev.last_group = t.text.size();
        continue;
      }
    }
    out.push_back(std::move(t));
  }
  return out;
}

const Label* LabelOf(const Token& t) {
  if (t.number) return nullptr;
  for (const Label& l : kLabels) {
    if (l.word == t.text) return &l;
  }
  return nullptr;
}

// The label among tokens [from, to) that names a specific register, else a generic one.
const Label* BestLabel(const std::vector<Token>& tokens, size_t from, size_t to) {
  const Label* generic = nullptr;
  for (size_t k = from; k < to; ++k) {
    const Label* l = LabelOf(tokens[k]);
    if (l == nullptr) continue;
    if (!IsGeneric(l->scheme)) return l;
    if (generic == nullptr) generic = l;
  }
  return generic;
}

}  // namespace

std::vector<ListIdentifier> ExtractRegistryNumbers(std::string_view text, std::string_view scheme,
                                                   std::string_view country, EntityType type) {
  std::vector<ListIdentifier> out;
  const std::vector<Token> tokens = Tokenize(text);
  size_t window_start = 0;  // labels after the previous number belong to the next one
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!tokens[i].number) continue;
    const Token& number = tokens[i];
    const size_t before = window_start;
    window_start = i + 1;
    if (number.text.size() < kMinLength) continue;
    size_t next_number = i + 1;
    while (next_number < tokens.size() && !tokens[next_number].number) ++next_number;
    // A label just before the number wins; else one just after it, "7735043966 (INN)".
    const Label* label = BestLabel(tokens, before, i);
    if (label == nullptr) label = BestLabel(tokens, i + 1, next_number);

    std::string chosen(scheme);
    std::string issuer(country.empty() ? RegisterCountry(scheme) : country);
    if (label != nullptr && Fits(label->scheme, number.text)) {
      chosen = std::string(label->scheme);
      if (!label->country.empty()) issuer = std::string(label->country);
    }
    if (!Fits(chosen, number.text))
      chosen = IsGeneric(scheme) ? std::string(scheme) : "registration";
    if (IsGeneric(chosen) && issuer == "RU" && label == nullptr) {
      if (std::string_view guess = RussianRegisterByLength(number.text); !guess.empty()) {
        chosen = std::string(guess);
      }
    }
    chosen = RefineScheme(chosen, number.text, issuer, type);
    if (issuer.empty()) issuer = std::string(RegisterCountry(chosen));
    out.push_back(ListIdentifier{chosen, number.text, issuer});
  }
  return out;
}

}  // namespace keruen::screening::lists_internal
