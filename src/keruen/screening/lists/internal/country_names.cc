#include "keruen/screening/lists/internal/country_names.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <utility>

#include "keruen/core/utf8.h"
#include "keruen/screening/lists/internal/text.h"

namespace keruen::screening::lists_internal {
namespace {

// Spellings the lists use that ICU's English display names do not cover: official UN
// forms, OFAC's inverted forms, former names, abbreviations, and regions the lists name in
// place of their country. A code of "" marks a name that has no ISO code on purpose.
constexpr std::pair<std::string_view, std::string_view> kListSpellings[] = {
    {"Russian Federation", "RU"},
    {"Iran (Islamic Republic of)", "IR"},
    {"Iran, Islamic Republic of", "IR"},
    {"Syrian Arab Republic", "SY"},
    {"Democratic People's Republic of Korea", "KP"},
    {"Korea, Democratic People's Republic of", "KP"},
    {"Korea, North", "KP"},
    {"DPRK", "KP"},
    {"Republic of Korea", "KR"},
    {"Korea, Republic of", "KR"},
    {"Korea, South", "KR"},
    {"ROK", "KR"},
    {"Burma", "MM"},
    {"Myanmar", "MM"},
    {"Türkiye", "TR"},
    {"Kyrgyz Republic", "KG"},
    {"Kirghizia", "KG"},
    {"Czech Republic", "CZ"},
    {"Slovak Republic", "SK"},
    {"United Kingdom of Great Britain and Northern Ireland", "GB"},
    {"Great Britain", "GB"},
    {"UK", "GB"},
    {"England", "GB"},
    {"Scotland", "GB"},
    {"Wales", "GB"},
    {"Northern Ireland", "GB"},
    {"United States of America", "US"},
    {"USA", "US"},
    {"US", "US"},
    {"America", "US"},
    {"UAE", "AE"},
    {"KSA", "SA"},
    {"PRC", "CN"},
    {"People's Republic of China", "CN"},
    {"Crimea", "UA"},
    {"Viet Nam", "VN"},
    {"Lao People's Democratic Republic", "LA"},
    {"Lao PDR", "LA"},
    {"Libyan Arab Jamahiriya", "LY"},
    {"United Republic of Tanzania", "TZ"},
    {"Republic of Moldova", "MD"},
    {"State of Palestine", "PS"},
    {"Palestine", "PS"},
    {"Occupied Palestinian Territory", "PS"},
    {"West Bank", "PS"},
    {"Gaza", "PS"},
    {"Gaza Strip", "PS"},
    {"Congo", "CG"},  // the UN's name for the Republic of the Congo
    {"Republic of the Congo", "CG"},
    {"Republic of Congo", "CG"},
    {"Congo, Republic of the", "CG"},
    {"Democratic Republic of the Congo", "CD"},
    {"Democratic Republic of Congo", "CD"},
    {"Congo, Democratic Republic of the", "CD"},
    {"Congo, Democratic Republic of", "CD"},
    {"DR Congo", "CD"},
    {"DRC", "CD"},
    {"Zaire", "CD"},
    {"Cote d Ivoire", "CI"},
    {"Ivory Coast", "CI"},
    {"Cabo Verde", "CV"},
    {"Swaziland", "SZ"},
    {"East Timor", "TL"},
    {"Macedonia", "MK"},
    {"The former Yugoslav Republic of Macedonia", "MK"},
    {"Former Yugoslav Republic of Macedonia", "MK"},
    {"Holy See", "VA"},
    {"Vatican", "VA"},
    {"Hong Kong", "HK"},
    {"Hong Kong, China", "HK"},
    {"China, Hong Kong Special Administrative Region", "HK"},
    {"Hong Kong Special Administrative Region", "HK"},
    {"Macao", "MO"},
    {"Macau", "MO"},
    {"Macau, China", "MO"},
    {"China, Macao Special Administrative Region", "MO"},
    {"Taiwan, Province of China", "TW"},
    {"Chinese Taipei", "TW"},
    {"Virgin Islands, British", "VG"},
    {"Virgin Islands, U.S.", "VI"},
    {"Holland", "NL"},
    {"Man, Isle of", "IM"},
    {"Saint Vincent and the Grenadines", "VC"},
    {"Bosnia-Herzegovina", "BA"},
    // Names that have no current code; matching them keeps their words from matching a
    // different country ("Netherlands Antilles" is not the Netherlands).
    {"USSR", ""},
    {"Soviet Union", ""},
    {"Former Soviet Union", ""},
    {"Yugoslavia", ""},
    {"Czechoslovakia", ""},
    {"Netherlands Antilles", ""},
    {"Serbia and Montenegro", ""},
};

// Demonyms: the EU annexes mostly give nationality as an adjective. Ambiguous ones
// ("Congolese", "Dominican", "Korean") are left out on purpose.
constexpr std::pair<std::string_view, std::string_view> kDemonyms[] = {
    {"Afghan", "AF"},         {"Albanian", "AL"},      {"Algerian", "DZ"},
    {"American", "US"},       {"Andorran", "AD"},      {"Angolan", "AO"},
    {"Argentine", "AR"},      {"Argentinian", "AR"},   {"Armenian", "AM"},
    {"Australian", "AU"},     {"Austrian", "AT"},      {"Azerbaijani", "AZ"},
    {"Azeri", "AZ"},          {"Bahamian", "BS"},      {"Bahraini", "BH"},
    {"Bangladeshi", "BD"},    {"Barbadian", "BB"},     {"Belarusian", "BY"},
    {"Belarussian", "BY"},    {"Byelorussian", "BY"},  {"Belgian", "BE"},
    {"Belizean", "BZ"},       {"Beninese", "BJ"},      {"Bhutanese", "BT"},
    {"Bolivian", "BO"},       {"Bosnian", "BA"},       {"Botswanan", "BW"},
    {"Brazilian", "BR"},      {"British", "GB"},       {"Bruneian", "BN"},
    {"Bulgarian", "BG"},      {"Burkinabe", "BF"},     {"Burmese", "MM"},
    {"Burundian", "BI"},      {"Cambodian", "KH"},     {"Cameroonian", "CM"},
    {"Canadian", "CA"},       {"Cape Verdean", "CV"},  {"Central African", "CF"},
    {"Chadian", "TD"},        {"Chilean", "CL"},       {"Chinese", "CN"},
    {"Colombian", "CO"},      {"Comorian", "KM"},      {"Costa Rican", "CR"},
    {"Croatian", "HR"},       {"Cuban", "CU"},         {"Cypriot", "CY"},
    {"Czech", "CZ"},          {"Danish", "DK"},        {"Djiboutian", "DJ"},
    {"Dutch", "NL"},          {"Ecuadorian", "EC"},    {"Egyptian", "EG"},
    {"Emirati", "AE"},        {"Eritrean", "ER"},      {"Estonian", "EE"},
    {"Ethiopian", "ET"},      {"Fijian", "FJ"},        {"Filipino", "PH"},
    {"Philippine", "PH"},     {"Finnish", "FI"},       {"French", "FR"},
    {"Gabonese", "GA"},       {"Gambian", "GM"},       {"Georgian", "GE"},
    {"German", "DE"},         {"Ghanaian", "GH"},      {"Greek", "GR"},
    {"Guatemalan", "GT"},     {"Guinean", "GN"},       {"Bissau-Guinean", "GW"},
    {"Guyanese", "GY"},       {"Haitian", "HT"},       {"Honduran", "HN"},
    {"Hungarian", "HU"},      {"Icelandic", "IS"},     {"Indian", "IN"},
    {"Indonesian", "ID"},     {"Iranian", "IR"},       {"Iraqi", "IQ"},
    {"Irish", "IE"},          {"Israeli", "IL"},       {"Italian", "IT"},
    {"Ivorian", "CI"},        {"Jamaican", "JM"},      {"Japanese", "JP"},
    {"Jordanian", "JO"},      {"Kazakh", "KZ"},        {"Kazakhstani", "KZ"},
    {"Kenyan", "KE"},         {"Kosovar", "XK"},       {"Kuwaiti", "KW"},
    {"Kyrgyz", "KG"},         {"Kyrgyzstani", "KG"},   {"Lao", "LA"},
    {"Laotian", "LA"},        {"Latvian", "LV"},       {"Lebanese", "LB"},
    {"Liberian", "LR"},       {"Libyan", "LY"},        {"Liechtensteiner", "LI"},
    {"Lithuanian", "LT"},     {"Luxembourgish", "LU"}, {"Luxembourger", "LU"},
    {"Macedonian", "MK"},     {"Malagasy", "MG"},      {"Malawian", "MW"},
    {"Malaysian", "MY"},      {"Maldivian", "MV"},     {"Malian", "ML"},
    {"Maltese", "MT"},        {"Mauritanian", "MR"},   {"Mauritian", "MU"},
    {"Mexican", "MX"},        {"Moldovan", "MD"},      {"Monegasque", "MC"},
    {"Mongolian", "MN"},      {"Montenegrin", "ME"},   {"Moroccan", "MA"},
    {"Mozambican", "MZ"},     {"Namibian", "NA"},      {"Nepalese", "NP"},
    {"Nepali", "NP"},         {"New Zealander", "NZ"}, {"Nicaraguan", "NI"},
    {"Nigerian", "NG"},       {"Nigerien", "NE"},      {"North Korean", "KP"},
    {"Norwegian", "NO"},      {"Omani", "OM"},         {"Pakistani", "PK"},
    {"Palestinian", "PS"},    {"Panamanian", "PA"},    {"Paraguayan", "PY"},
    {"Peruvian", "PE"},       {"Polish", "PL"},        {"Portuguese", "PT"},
    {"Qatari", "QA"},         {"Romanian", "RO"},      {"Russian", "RU"},
    {"Rwandan", "RW"},        {"Salvadoran", "SV"},    {"Salvadorean", "SV"},
    {"Saudi", "SA"},          {"Saudi Arabian", "SA"}, {"Senegalese", "SN"},
    {"Serbian", "RS"},        {"Seychellois", "SC"},   {"Sierra Leonean", "SL"},
    {"Singaporean", "SG"},    {"Slovak", "SK"},        {"Slovakian", "SK"},
    {"Slovenian", "SI"},      {"Slovene", "SI"},       {"Somali", "SO"},
    {"Somalian", "SO"},       {"South African", "ZA"}, {"South Korean", "KR"},
    {"South Sudanese", "SS"}, {"Spanish", "ES"},       {"Sri Lankan", "LK"},
    {"Sudanese", "SD"},       {"Surinamese", "SR"},    {"Swedish", "SE"},
    {"Swiss", "CH"},          {"Syrian", "SY"},        {"Taiwanese", "TW"},
    {"Tajik", "TJ"},          {"Tajikistani", "TJ"},   {"Tanzanian", "TZ"},
    {"Thai", "TH"},           {"Togolese", "TG"},      {"Trinidadian", "TT"},
    {"Tunisian", "TN"},       {"Turkish", "TR"},       {"Turkmen", "TM"},
    {"Ugandan", "UG"},        {"Ukrainian", "UA"},     {"Uruguayan", "UY"},
    {"Uzbek", "UZ"},          {"Uzbekistani", "UZ"},   {"Venezuelan", "VE"},
    {"Vietnamese", "VN"},     {"Yemeni", "YE"},        {"Zambian", "ZM"},
    {"Zimbabwean", "ZW"},
};

bool IsApostrophe(char32_t cp) { return cp == U'\'' || cp == U'’' || cp == U'ʼ' || cp == U'`'; }

// Lower case without accents: "Côte" -> "cote", "Türkiye" -> "turkiye".
void AppendFolded(std::string& word, char32_t cp, const icu::Normalizer2* nfd) {
  if (cp < 0x80) {
    word.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp));
    return;
  }
  icu::UnicodeString decomposed;
  if (nfd != nullptr && nfd->getDecomposition(static_cast<UChar32>(cp), decomposed)) {
    for (int32_t k = 0; k < decomposed.length();) {
      const UChar32 c = decomposed.char32At(k);
      k += U16_LENGTH(c);
      if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) continue;
      AppendUtf8(word, static_cast<char32_t>(u_tolower(c)));
    }
    return;
  }
  AppendUtf8(word, static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp))));
}

// The words a name is compared by: folded (lower case, no accents, "st" -> "saint").
std::vector<std::string> CountryWords(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) nfd = nullptr;
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    words.push_back(word == "st" ? "saint" : std::move(word));
    word.clear();
  };
  for (size_t i = 0; i < text.size();) {
    const char32_t cp = DecodeUtf8(text, i);
    // Apostrophes and dots join: "People's" -> "peoples", "U.S.A." -> "usa".
    if (IsApostrophe(cp) || cp == U'.') continue;
    if (cp == U'&') {
      flush();
      words.push_back("and");
      continue;
    }
    if (u_isalnum(static_cast<UChar32>(cp))) {
      AppendFolded(word, cp, nfd);
    } else {
      flush();
    }
  }
  flush();
  return words;
}

}  // namespace

const CountryNames& CountryNames::Get() {
  static const CountryNames* const kNames = new CountryNames();
  return *kNames;
}

CountryNames::CountryNames() {
  for (const char* const* c = icu::Locale::getISOCountries(); *c != nullptr; ++c) {
    icu::UnicodeString display;
    icu::Locale("", *c).getDisplayCountry(icu::Locale::getEnglish(), display);
    std::string name;
    display.toUTF8String(name);
    Add(name, *c);
    // "Myanmar (Burma)" is also written "Myanmar"; "Hong Kong SAR China" has its own entry.
    if (const size_t paren = name.find(" ("); paren != std::string::npos) {
      Add(std::string_view(name).substr(0, paren), *c);
    }
  }
  for (const auto& [name, code] : kListSpellings) Add(name, code);
  for (const auto& [name, code] : kDemonyms) Add(name, code);
}

void CountryNames::Add(std::string_view name, std::string_view code) {
  std::vector<std::string> words = CountryWords(name);
  if (words.empty()) return;
  std::string key;
  for (const std::string& w : words) {
    if (!key.empty()) key.push_back(' ');
    key += w;
  }
  by_key_.insert_or_assign(std::move(key), std::string(code));
  max_words_ = std::max(max_words_, words.size());
}

std::vector<std::string> CountryNames::FindAll(std::string_view text) const {
  std::vector<std::string> out;
  const std::vector<std::string> words = CountryWords(text);
  size_t i = 0;
  std::string key;
  while (i < words.size()) {
    size_t matched = 0;
    for (size_t n = std::min(max_words_, words.size() - i); n > 0; --n) {
      key.clear();
      for (size_t k = i; k < i + n; ++k) {
        if (k > i) key.push_back(' ');
        key += words[k];
      }
      if (auto it = by_key_.find(key); it != by_key_.end()) {
        if (!it->second.empty()) AppendUnique(out, it->second);
        matched = n;
        break;
      }
    }
    i += matched == 0 ? 1 : matched;
  }
  return out;
}

const std::vector<std::string>& CountryResolver::Lookup(std::string_view text) {
  text = Trim(text);
  auto it = cache_.find(std::string(text));
  if (it == cache_.end()) {
    it = cache_.emplace(std::string(text), CountryNames::Get().FindAll(text)).first;
  }
  if (it->second.empty() && stats_ != nullptr && !text.empty()) {
    ++stats_->unknown_countries;
    ++stats_->unknown_country_names[it->first];
  }
  return it->second;
}

void CountryResolver::Resolve(std::string_view text, std::vector<std::string>& out) {
  for (const std::string& code : Lookup(text)) AppendUnique(out, code);
}

std::string CountryResolver::ResolveFirst(std::string_view text) {
  const std::vector<std::string>& codes = Lookup(text);
  return codes.empty() ? std::string() : codes.front();
}

}  // namespace keruen::screening::lists_internal
