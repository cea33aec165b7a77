#include "keruen/sim/internal/ids.h"

#include <cassert>

namespace keruen::sim_internal {
namespace {

std::string TwoDigits(int v) {
  v = ((v % 100) + 100) % 100;
  return {static_cast<char>('0' + v / 10), static_cast<char>('0' + v % 10)};
}

// A BIC and the bank code its IBANs carry (empty where the country has no IBAN).
struct Bank {
  const char* country;
  const char* bic;
  const char* code;
};

// Banks that trade finance between these countries actually passes through. The Russian
// ones are foreign-owned banks not on the US SDN list, so clean traffic does not touch a
// listed bank by accident.
constexpr Bank kBanks[] = {
    {"KZ", "HSBKKZKX", "601"},        {"KZ", "CASPKZKA", "722"},
    {"KZ", "IRTYKZKA", "965"},        {"KZ", "KCJBKZKX", "856"},
    {"KZ", "TSESKZKA", "998"},        {"KZ", "EURIKZKA", "948"},
    {"KZ", "KSNVKZKA", "551"},        {"RU", "RZBMRUMM", ""},
    {"RU", "IMBKRUMM", ""},           {"RU", "CITIRUMX", ""},
    {"RU", "OTPVRUMM", ""},           {"KG", "KICBKG22", "128"},
    {"KG", "DEMIKG22", "118"},        {"KG", "OPTIKG22", "109"},
    {"UZ", "NBFAUZ2X", ""},           {"UZ", "KACHUZ22", ""},
    {"UZ", "HAMKUZ22", ""},           {"CN", "BKCHCNBJ", ""},
    {"CN", "ICBKCNBJ", ""},           {"CN", "PCBCCNBJ", ""},
    {"CN", "ABOCCNBJ", ""},           {"CN", "COMMCNSH", ""},
    {"DE", "COBADEFF", "37040044"},   {"DE", "DEUTDEFF", "50070010"},
    {"DE", "HYVEDEMM", "70020270"},   {"PL", "PKOPPLPW", "10201026"},
    {"PL", "BPKOPLPW", "10205561"},   {"PL", "INGBPLPW", "10501012"},
    {"IT", "UNCRITMM", "0200801600"}, {"IT", "BCITITMM", "0306901600"},
    {"LT", "HABALT22", "73000"},      {"LT", "CBVILT2X", "70440"},
    {"NL", "INGBNL2A", "INGB"},       {"NL", "ABNANL2A", "ABNA"},
    {"NL", "RABONL2U", "RABO"},       {"CZ", "KOMBCZPP", "0100"},
    {"CZ", "CEKOCZPP", "0300"},       {"FI", "NDEAFIHH", "166"},
    {"FI", "OKOYFIHH", "500"},        {"AT", "RZBAATWW", "31000"},
    {"AT", "BKAUATWW", "12000"},      {"LV", "HABALV22", "HABA"},
    {"LV", "PARXLV22", "PARX"},       {"TR", "TCZBTR2A", "00010"},
    {"TR", "ISBKTRIS", "00064"},      {"TR", "AKBKTRIS", "00046"},
    {"AE", "EBILAEAD", "026"},        {"AE", "NBADAEAA", "035"},
    {"AE", "ADCBAEAA", "030"},        {"HK", "HSBCHKHH", ""},
    {"HK", "BKCHHKHH", ""},           {"HK", "SCBLHKHH", ""},
    {"HK", "DBSSHKHH", ""},
};

// The part of an IBAN after the bank code, per country (total BBAN lengths per ISO 13616).
std::string BbanAfterCode(std::string_view country, Rng& rng) {
  if (country == "KZ" || country == "KG") return rng.Digits(13);
  if (country == "DE") return rng.Digits(10);
  if (country == "PL") return rng.Digits(16);
  if (country == "IT") return rng.Digits(12);  // after CIN + ABI + CAB
  if (country == "LT") return rng.Digits(11);
  if (country == "NL") return rng.Digits(10);
  if (country == "CZ") return rng.Digits(16);
  if (country == "FI") return rng.Digits(11);
  if (country == "AT") return rng.Digits(11);
  if (country == "LV") return rng.Digits(13);
  if (country == "TR") return "0" + rng.Digits(16);
  if (country == "AE") return rng.Digits(16);
  return {};
}

std::string NationalAccount(std::string_view country, Rng& rng) {
  if (country == "RU") return "40702810" + rng.Digits(12);  // settlement account in roubles
  if (country == "UZ") return "20208000" + rng.Digits(12);
  if (country == "CN") return rng.Digits(static_cast<int>(rng.Int(16, 19)));
  if (country == "HK") return rng.Digits(12);
  return rng.Digits(16);
}

}  // namespace

std::optional<char> KzCheckDigit(std::string_view first11) {
  assert(first11.size() == 11);
  int sum = 0;
  for (int i = 0; i < 11; ++i) sum += (i + 1) * (first11[i] - '0');
  int check = sum % 11;
  if (check == 10) {
    static constexpr int kSecond[11] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};
    sum = 0;
    for (int i = 0; i < 11; ++i) sum += kSecond[i] * (first11[i] - '0');
    check = sum % 11;
    if (check == 10) return std::nullopt;
  }
  return static_cast<char>('0' + check);
}

char RuInnCheckDigit(std::string_view first9) {
  assert(first9.size() == 9);
  static constexpr int kWeights[9] = {2, 4, 10, 3, 5, 9, 4, 6, 8};
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += kWeights[i] * (first9[i] - '0');
  return static_cast<char>('0' + sum % 11 % 10);
}

char OgrnCheckDigit(std::string_view first12) {
  assert(first12.size() == 12);
  uint64_t n = 0;
  for (char c : first12) n = n * 10 + static_cast<uint64_t>(c - '0');
  return static_cast<char>('0' + static_cast<int>(n % 11 % 10));
}

std::string IbanCheckDigits(std::string_view country, std::string_view bban) {
  // Move the country code and "00" to the end, read letters as 10..35, take mod 97.
  std::string rearranged(bban);
  rearranged += country;
  rearranged += "00";
  int mod = 0;
  for (char c : rearranged) {
    if (c >= '0' && c <= '9') {
      mod = (mod * 10 + (c - '0')) % 97;
    } else {
      const int v = (c >= 'a' ? c - 'a' : c - 'A') + 10;
      mod = (mod * 100 + v) % 97;
    }
  }
  return TwoDigits(98 - mod);
}

std::string KzBin(Date registered, Rng& rng) {
  const CivilDate c = CivilFromDays(registered);
  while (true) {
    const std::string first11 =
        TwoDigits(c.year) + TwoDigits(static_cast<int>(c.month)) + "40" + rng.Digits(5);
    if (auto check = KzCheckDigit(first11)) return first11 + *check;
  }
}

std::string KzIin(Date birth, bool female, Rng& rng) {
  const CivilDate c = CivilFromDays(birth);
  const int century_sex = (c.year >= 2000 ? 5 : 3) + (female ? 1 : 0);
  while (true) {
    const std::string first11 = TwoDigits(c.year) + TwoDigits(static_cast<int>(c.month)) +
                                TwoDigits(static_cast<int>(c.day)) + std::to_string(century_sex) +
                                rng.Digits(4);
    if (auto check = KzCheckDigit(first11)) return first11 + *check;
  }
}

std::string RuInn(std::string_view region, Rng& rng) {
  const std::string first9 =
      std::string(region) + TwoDigits(static_cast<int>(rng.Int(1, 51))) + rng.Digits(5);
  return first9 + RuInnCheckDigit(first9);
}

std::string RuOgrn(int year, std::string_view region, Rng& rng) {
  const std::string first12 = "1" + TwoDigits(year) + std::string(region) +
                              TwoDigits(static_cast<int>(rng.Int(1, 51))) + rng.Digits(5);
  return first12 + OgrnCheckDigit(first12);
}

std::string KgInn(Date registered, Rng& rng) {
  const CivilDate c = CivilFromDays(registered);
  return "0" + TwoDigits(static_cast<int>(c.day)) + TwoDigits(static_cast<int>(c.month)) +
         std::to_string(c.year) + rng.Digits(5);
}

EuIds EuCompanyIds(std::string_view country, Rng& rng) {
  const std::string cc(country);
  if (country == "DE") {
    return {cc + rng.Digits(static_cast<int>(rng.Int(7, 15))), cc + rng.Digits(9)};
  }
  if (country == "PL") {
    // NIP: weights 6 5 7 2 3 4 5 6 7, mod 11, 10 is not issued.
    static constexpr int kWeights[9] = {6, 5, 7, 2, 3, 4, 5, 6, 7};
    while (true) {
      const std::string first9 = rng.Digits(9);
      int sum = 0;
      for (int i = 0; i < 9; ++i) sum += kWeights[i] * (first9[i] - '0');
      if (sum % 11 == 10) continue;
      const std::string nip = first9 + static_cast<char>('0' + sum % 11);
      return {cc + nip + "00000", cc + nip};
    }
  }
  if (country == "IT") {
    const std::string piva = rng.Digits(11);
    return {cc + piva, cc + piva};
  }
  if (country == "NL") {
    const std::string core = rng.Digits(9);
    return {cc + core, cc + core + "B01"};
  }
  if (country == "AT") return {"ATEOS" + rng.Digits(10), "ATU" + rng.Digits(8)};
  if (country == "LV") {
    const std::string reg = "4" + rng.Digits(10);
    return {cc + reg, cc + reg};
  }
  if (country == "LT") return {cc + rng.Digits(9), cc + rng.Digits(9)};
  // CZ (IČO) and FI (Y-tunnus): eight digits used for both.
  const std::string core = rng.Digits(8);
  return {cc + core, cc + core};
}

BankAccount RandomBankAccount(std::string_view country, Rng& rng) {
  const Bank* candidates[16];
  size_t n = 0;
  for (const Bank& b : kBanks) {
    if (country == b.country && n < std::size(candidates)) candidates[n++] = &b;
  }
  assert(n > 0 && "every simulated country has banks in kBanks");
  BankAccount out;
  const Bank& bank = *candidates[rng.Int(0, static_cast<int64_t>(n) - 1)];
  out.bic = bank.bic;
  if (out.bic.size() == 8 && rng.Chance(0.3)) out.bic += "XXX";
  const std::string code = bank.code;
  if (code.empty()) {
    out.account = NationalAccount(country, rng);
    return out;
  }
  std::string bban =
      country == "IT" ? std::string(1, static_cast<char>('A' + rng.Int(0, 25))) + code : code;
  bban += BbanAfterCode(country, rng);
  out.account = std::string(country) + IbanCheckDigits(country, bban) + bban;
  out.is_iban = true;
  return out;
}

std::string GroupByFour(std::string_view iban) {
  std::string out;
  out.reserve(iban.size() + iban.size() / 4);
  for (size_t i = 0; i < iban.size(); ++i) {
    if (i > 0 && i % 4 == 0) out.push_back(' ');
    out.push_back(iban[i]);
  }
  return out;
}

}  // namespace keruen::sim_internal
