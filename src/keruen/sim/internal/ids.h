// National identifiers, bank codes and account numbers for simulated parties, with the
// check digits the issuing systems use, so that documents survive a checksum test like
// real ones (and a planted wrong identifier would be a deliberate choice, not noise).
#ifndef KERUEN_SIM_INTERNAL_IDS_H_
#define KERUEN_SIM_INTERNAL_IDS_H_

#include <optional>
#include <string>
#include <string_view>

#include "keruen/core/time.h"
#include "keruen/sim/internal/random.h"

namespace keruen::sim_internal {

// Check digit of a Kazakh BIN or IIN over its first 11 digits (two weight passes, mod 11),
// or nullopt for the serials the algorithm rejects.
std::optional<char> KzCheckDigit(std::string_view first11);
// Check digit of a 10-digit Russian organisation INN over its first 9 digits.
char RuInnCheckDigit(std::string_view first9);
// Check digit of a 13-digit OGRN over its first 12 digits.
char OgrnCheckDigit(std::string_view first12);
// The two IBAN check digits for `country` and `bban` (ISO 13616, mod 97).
std::string IbanCheckDigits(std::string_view country, std::string_view bban);

// Kazakhstan BIN of a resident legal entity registered in the month of `registered`:
// YYMM, entity type 4, head office 0, five-digit serial, check digit.
std::string KzBin(Date registered, Rng& rng);
// Kazakhstan IIN of a person born on `birth`: YYMMDD, century-and-sex digit, serial, check.
std::string KzIin(Date birth, bool female, Rng& rng);
// Russian INN of an organisation in `region` ("77" Moscow): region, tax office, serial, check.
std::string RuInn(std::string_view region, Rng& rng);
// Russian OGRN of an organisation registered in `year` in `region`.
std::string RuOgrn(int year, std::string_view region, Rng& rng);
// Kyrgyz INN of an organisation: 0, registration date DDMMYYYY, five-digit serial.
std::string KgInn(Date registered, Rng& rng);

// Trade identifiers of a company in an EU member state, consistent with each other
// (Poland's EORI is its VAT number plus "00000", Italy's equals its VAT number...).
struct EuIds {
  std::string eori;
  std::string vat;
};
EuIds EuCompanyIds(std::string_view country, Rng& rng);

// A bank of `country` (its BIC, sometimes with the "XXX" branch code) and an account
// there: an IBAN with valid check digits where the country uses IBAN (Kyrgyzstan gets the
// IBAN-like form Kyrgyz banks print), the national account format elsewhere.
struct BankAccount {
  std::string bic;
  std::string account;  // compact, no spaces
  bool is_iban = false;
};
BankAccount RandomBankAccount(std::string_view country, Rng& rng);

// "DE89370400440532013000" -> "DE89 3704 0044 0532 0130 00".
std::string GroupByFour(std::string_view iban);

}  // namespace keruen::sim_internal

#endif  // KERUEN_SIM_INTERNAL_IDS_H_
