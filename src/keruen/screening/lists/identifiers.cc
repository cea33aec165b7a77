#include "keruen/screening/lists/identifiers.h"

#include <unicode/uchar.h>

#include <array>

#include "keruen/core/utf8.h"

namespace keruen::screening {
namespace {

constexpr std::array<std::string_view, 15> kSchemes = {
    "inn", "ogrn", "bin",      "iin",         "kpp",          "okpo", "imo",  "mmsi",
    "bic", "lei",  "passport", "national_id", "registration", "tax",  "other"};

// Registers whose numbers are digits only; anything else in the value is a label or a
// separator.
bool IsNumericScheme(std::string_view scheme) {
  return scheme == "inn" || scheme == "ogrn" || scheme == "bin" || scheme == "iin" ||
         scheme == "kpp" || scheme == "okpo" || scheme == "imo" || scheme == "mmsi";
}

// Cyrillic capitals that look like Latin ones. Passport and registration numbers typed on a
// Russian keyboard mix the two scripts, and a reader cannot tell "А123" from "A123".
char32_t LatinLookalike(char32_t cp) {
  switch (cp) {
    case U'А':
      return U'A';
    case U'В':
      return U'B';
    case U'Е':
      return U'E';
    case U'К':
      return U'K';
    case U'М':
      return U'M';
    case U'Н':
      return U'H';
    case U'О':
      return U'O';
    case U'Р':
      return U'P';
    case U'С':
      return U'C';
    case U'Т':
      return U'T';
    case U'У':
      return U'Y';
    case U'Х':
      return U'X';
    default:
      return cp;
  }
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Drops one leading "No.", "Nr.", "N°", "№" or "#" (and the spaces after it): labels, not
// part of the number.
std::string_view DropNumberLabel(std::string_view v) {
  while (!v.empty() && IsSpace(v.front())) v.remove_prefix(1);
  static constexpr std::string_view kLabels[] = {"No.", "NO.", "no.", "Nr.", "NR.",
                                                 "N°",  "№",   "#",   "No ", "NO "};
  for (std::string_view label : kLabels) {
    if (v.substr(0, label.size()) == label) {
      v.remove_prefix(label.size());
      while (!v.empty() && IsSpace(v.front())) v.remove_prefix(1);
      return v;
    }
  }
  return v;
}

}  // namespace

bool IsKnownIdentifierScheme(std::string_view scheme) {
  for (std::string_view s : kSchemes) {
    if (s == scheme) return true;
  }
  return false;
}

std::string NormalizeIdentifier(std::string_view scheme, std::string_view value) {
  std::string out;
  out.reserve(value.size());
  if (IsNumericScheme(scheme)) {
    for (char c : value) {
      if (c >= '0' && c <= '9') out.push_back(c);
    }
    return out;
  }
  value = DropNumberLabel(value);
  for (size_t i = 0; i < value.size();) {
    const unsigned char b = static_cast<unsigned char>(value[i]);
    if (b < 0x80) {
      ++i;
      if (b >= 'a' && b <= 'z') {
        out.push_back(static_cast<char>(b - 'a' + 'A'));
      } else if ((b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')) {
        out.push_back(static_cast<char>(b));
      }
      continue;
    }
    const char32_t cp = DecodeUtf8(value, i);
    if (!u_isalnum(static_cast<UChar32>(cp))) continue;
    AppendUtf8(out, LatinLookalike(static_cast<char32_t>(u_toupper(static_cast<UChar32>(cp)))));
  }
  if (scheme == "bic" && out.size() == 11 && out.compare(8, 3, "XXX") == 0) out.resize(8);
  return out;
}

}  // namespace keruen::screening
