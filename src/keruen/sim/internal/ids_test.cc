#include "keruen/sim/internal/ids.h"

#include <gtest/gtest.h>

namespace keruen::sim_internal {
namespace {

bool AllDigits(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

TEST(CheckDigitTest, AgreesWithPublishedIdentifiers) {
  // Published BINs of Halyk Bank and Kaspi Bank.
  EXPECT_EQ(KzCheckDigit("94014000038"), '5');
  EXPECT_EQ(KzCheckDigit("97124000131"), '5');
  // Sberbank's INN and OGRN.
  EXPECT_EQ(RuInnCheckDigit("770708389"), '3');
  EXPECT_EQ(OgrnCheckDigit("102770013219"), '5');
  // The IBAN of ISO 13616's example.
  EXPECT_EQ(IbanCheckDigits("DE", "370400440532013000"), "89");
}

TEST(IdentifierTest, KazakhBinEncodesTheRegistrationMonth) {
  Rng rng(1);
  for (int i = 0; i < 200; ++i) {
    const std::string bin = KzBin(DaysFromCivil(2018, 9, 14), rng);
    ASSERT_EQ(bin.size(), 12u);
    ASSERT_TRUE(AllDigits(bin));
    EXPECT_EQ(bin.substr(0, 6), "180940");
    EXPECT_EQ(KzCheckDigit(bin.substr(0, 11)), bin[11]);
  }
}

TEST(IdentifierTest, KazakhIinEncodesBirthAndSex) {
  Rng rng(2);
  const std::string iin = KzIin(DaysFromCivil(1990, 5, 17), /*female=*/true, rng);
  EXPECT_EQ(iin.substr(0, 7), "9005174");
  EXPECT_EQ(KzCheckDigit(iin.substr(0, 11)), iin[11]);
  EXPECT_EQ(KzIin(DaysFromCivil(2001, 1, 2), false, rng).substr(0, 7), "0101025");
}

TEST(IdentifierTest, RussianAndKyrgyzNumbers) {
  Rng rng(3);
  for (int i = 0; i < 100; ++i) {
    const std::string inn = RuInn("56", rng);
    ASSERT_EQ(inn.size(), 10u);
    EXPECT_EQ(inn.substr(0, 2), "56");
    EXPECT_EQ(RuInnCheckDigit(inn.substr(0, 9)), inn[9]);
    const std::string ogrn = RuOgrn(2015, "77", rng);
    ASSERT_EQ(ogrn.size(), 13u);
    EXPECT_EQ(ogrn.substr(0, 5), "11577");
    EXPECT_EQ(OgrnCheckDigit(ogrn.substr(0, 12)), ogrn[12]);
  }
  const std::string kg = KgInn(DaysFromCivil(2022, 5, 25), rng);
  EXPECT_EQ(kg.size(), 14u);
  EXPECT_EQ(kg.substr(0, 9), "025052022");
}

TEST(IdentifierTest, EuIdsAreConsistent) {
  Rng rng(4);
  const EuIds pl = EuCompanyIds("PL", rng);
  EXPECT_EQ(pl.eori, pl.vat + "00000");
  const EuIds it = EuCompanyIds("IT", rng);
  EXPECT_EQ(it.eori, it.vat);
  EXPECT_EQ(it.vat.size(), 13u);
  const EuIds nl = EuCompanyIds("NL", rng);
  EXPECT_EQ(nl.vat, nl.eori + "B01");
  for (const char* c : {"DE", "PL", "IT", "LT", "NL", "CZ", "FI", "AT", "LV"}) {
    const EuIds ids = EuCompanyIds(c, rng);
    EXPECT_LE(ids.eori.size(), 17u) << c;
    EXPECT_LE(ids.vat.size(), 16u) << c;
    EXPECT_EQ(ids.eori.substr(0, 2), c);
  }
}

TEST(BankAccountTest, IbansCarryValidCheckDigits) {
  Rng rng(5);
  for (const char* c :
       {"KZ", "KG", "DE", "PL", "IT", "LT", "NL", "CZ", "FI", "AT", "LV", "TR", "AE"}) {
    const BankAccount a = RandomBankAccount(c, rng);
    ASSERT_TRUE(a.is_iban) << c;
    EXPECT_EQ(a.account.substr(0, 2), c);
    EXPECT_EQ(IbanCheckDigits(c, a.account.substr(4)), a.account.substr(2, 2)) << a.account;
    EXPECT_TRUE(a.bic.size() == 8 || a.bic.size() == 11) << a.bic;
    EXPECT_EQ(a.bic.substr(4, 2), c) << a.bic;
  }
  EXPECT_EQ(RandomBankAccount("KZ", rng).account.size(), 20u);
  EXPECT_EQ(RandomBankAccount("DE", rng).account.size(), 22u);
  EXPECT_EQ(RandomBankAccount("PL", rng).account.size(), 28u);
  const BankAccount ru = RandomBankAccount("RU", rng);
  EXPECT_FALSE(ru.is_iban);
  EXPECT_EQ(ru.account.size(), 20u);
  EXPECT_EQ(GroupByFour("DE89370400440532013000"), "DE89 3704 0044 0532 0130 00");
}

}  // namespace
}  // namespace keruen::sim_internal
