#include "keruen/screening/lists/internal/ofac_remarks.h"

#include <algorithm>

#include "keruen/screening/lists/internal/dates.h"
#include "keruen/screening/lists/internal/entries.h"
#include "keruen/screening/lists/internal/text.h"

namespace keruen::screening::lists_internal {
namespace {

// How a labelled number in Remarks is filed. kIdentification ("Identification Number") is
// OFAC's catch-all: an IMO number for vessels, a national id for people, a registration
// number for companies.
enum class Kind {
  kTax,
  kRegistration,
  kGazette,
  kNationalId,
  kPassport,
  kIdentification,
  kImo,
  kMmsi,
  kBic,
  kLei
};

struct Label {
  std::string_view text;
  Kind kind;
};

// The labels OFAC uses for identifiers, longest first where one is a prefix of another.
constexpr Label kLabels[] = {
    {"Tax ID No.", Kind::kTax},
    {"NIT #", Kind::kTax},
    {"RUC #", Kind::kTax},
    {"R.F.C. #", Kind::kTax},
    {"R.F.C.", Kind::kTax},
    {"RFC", Kind::kTax},
    {"RIF #", Kind::kTax},
    {"C.U.I.T.", Kind::kTax},
    {"V.A.T. Number", Kind::kTax},
    {"US FEIN", Kind::kTax},
    {"Italian Fiscal Code", Kind::kTax},
    {"RTN", Kind::kTax},
    {"Business Registration Number", Kind::kRegistration},
    {"Business Registration Document #", Kind::kRegistration},
    {"Registration Number", Kind::kRegistration},
    {"Registration ID", Kind::kRegistration},
    {"UK Company Number", Kind::kRegistration},
    {"Company Number", Kind::kRegistration},
    {"Commercial Registry Number", Kind::kRegistration},
    {"C.R. No.", Kind::kRegistration},
    {"Folio Mercantil No.", Kind::kRegistration},
    {"Matricula Mercantil No", Kind::kRegistration},
    {"Unified Social Credit Code (USCC)", Kind::kRegistration},
    {"United Social Credit Code Certificate (USCCC)", Kind::kRegistration},
    {"Economic Register Number (CBLS)", Kind::kRegistration},
    {"Trade License No.", Kind::kRegistration},
    {"Chamber of Commerce Number", Kind::kRegistration},
    {"Certificate of Incorporation Number", Kind::kRegistration},
    {"Enterprise Number", Kind::kRegistration},
    {"Central Registration System Number", Kind::kRegistration},
    {"Government Gazette Number", Kind::kGazette},
    {"National ID No.", Kind::kNationalId},
    {"Cedula No.", Kind::kNationalId},
    {"D.N.I.", Kind::kNationalId},
    {"C.U.R.P. #", Kind::kNationalId},
    {"C.U.R.P.", Kind::kNationalId},
    {"Personal ID Card", Kind::kNationalId},
    {"Turkish Identification Number", Kind::kNationalId},
    {"Citizen's Card Number", Kind::kNationalId},
    {"Kenyan ID No.", Kind::kNationalId},
    {"Tazkira National ID Card", Kind::kNationalId},
    {"Numero de Identidad", Kind::kNationalId},
    {"SSN", Kind::kNationalId},
    {"Diplomatic Passport", Kind::kPassport},
    {"Passport", Kind::kPassport},
    {"Identification Number", Kind::kIdentification},
    {"Vessel Registration Identification", Kind::kImo},
    {"MMSI", Kind::kMmsi},
    {"SWIFT/BIC", Kind::kBic},
    {"Legal Entity Number", Kind::kLei},
};

bool HasDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "G025057 issued 23 Jun 1999 expires 05 Feb 2004" -> "G025057"; "AO 2879097 (Italy)" ->
// "AO 2879097" with the parenthesis's content in `country_text`.
std::string_view SplitValue(std::string_view rest, std::string_view& country_text) {
  country_text = {};
  size_t end = rest.size();
  if (const size_t paren = rest.find(" ("); paren != std::string_view::npos) {
    const size_t close = rest.find(')', paren);
    if (close != std::string_view::npos) country_text = rest.substr(paren + 2, close - paren - 2);
    end = paren;
  }
  for (std::string_view stop : {" issued", " expires", " Expiration", " Issue Date", " Date"}) {
    end = std::min(end, rest.substr(0, end).find(stop));
  }
  std::string_view value = Trim(rest.substr(0, end));
  while (!value.empty() && (value.back() == '.' || value.back() == ',')) value.remove_suffix(1);
  return value;
}

void AddLabelled(Kind kind, std::string_view rest, CountryResolver& countries, ListEntry& entry) {
  std::string_view country_text;
  const std::string_view value = SplitValue(rest, country_text);
  // A SWIFT/BIC code may be all letters; every other identifier has digits.
  if (!HasDigit(value) && !(kind == Kind::kBic && value.size() >= 8)) return;
  const std::string country =
      country_text.empty() ? std::string() : countries.ResolveFirst(country_text);
  std::string_view scheme;
  switch (kind) {
    case Kind::kTax:
      scheme = "tax";
      break;
    case Kind::kRegistration:
      scheme = "registration";
      break;
    case Kind::kGazette:  // the Russian OKPO code, in OFAC's words
      scheme = country == "RU" ? "okpo" : "registration";
      break;
    case Kind::kNationalId:
      scheme = "national_id";
      break;
    case Kind::kPassport:
      scheme = "passport";
      break;
    case Kind::kIdentification:
      if (StartsWith(value, "IMO")) {
        scheme = "imo";
      } else {
        scheme = entry.type == EntityType::kPerson ? "national_id" : "registration";
      }
      break;
    case Kind::kImo:
      scheme = StartsWith(value, "IMO") ? "imo" : "other";
      break;
    case Kind::kMmsi:
      scheme = "mmsi";
      break;
    case Kind::kBic:
      scheme = "bic";
      break;
    case Kind::kLei:
      scheme = "lei";
      break;
  }
  AddIdentifier(entry, RefineScheme(scheme, value, country, entry.type), value, country);
}

// "a.k.a. 'BNC'" -> BNC. Parts cut short by OFAC's 1000-character limit have no closing
// quote; their alias is incomplete and left out.
void AddAlias(std::string_view phrase, ListEntry& entry) {
  const size_t open = phrase.find('\'');
  const size_t close = phrase.rfind('\'');
  if (open == std::string_view::npos || close <= open) return;
  AddName(entry, phrase.substr(open + 1, close - open - 1), /*primary=*/false, /*weak=*/true);
}

void ParsePhrase(std::string_view phrase, CountryResolver& countries, ListEntry& entry) {
  if (StartsWith(phrase, "alt. ")) phrase.remove_prefix(5);
  if (StartsWith(phrase, "a.k.a. ") || StartsWith(phrase, "f.k.a. ") ||
      StartsWith(phrase, "n.k.a. ")) {
    AddAlias(phrase, entry);
    return;
  }
  // Trailing full stops end the whole remark, not the value.
  while (!phrase.empty() && phrase.back() == '.') phrase.remove_suffix(1);
  if (StartsWith(phrase, "DOB ")) {
    for (std::string& d : ExtractDates(phrase.substr(4))) {
      AppendUnique(entry.birth_dates, std::move(d));
    }
    return;
  }
  for (std::string_view label : {"nationality ", "citizen "}) {
    if (StartsWith(phrase, label)) {
      countries.Resolve(phrase.substr(label.size()), entry.countries);
      return;
    }
  }
  if (phrase == "Gender Male") {
    entry.gender = "male";
    return;
  }
  if (phrase == "Gender Female") {
    entry.gender = "female";
    return;
  }
  for (const Label& label : kLabels) {
    if (phrase.size() > label.text.size() && StartsWith(phrase, label.text) &&
        phrase[label.text.size()] == ' ') {
      AddLabelled(label.kind, phrase.substr(label.text.size() + 1), countries, entry);
      return;
    }
  }
}

}  // namespace

void ParseOfacRemarks(std::string_view remarks, CountryResolver& countries, ListEntry& entry) {
  size_t start = 0;
  while (start <= remarks.size()) {
    size_t end = remarks.find(';', start);
    if (end == std::string_view::npos) end = remarks.size();
    const std::string_view phrase = Trim(remarks.substr(start, end - start));
    if (!phrase.empty()) ParsePhrase(phrase, countries, entry);
    start = end + 1;
  }
}

}  // namespace keruen::screening::lists_internal
