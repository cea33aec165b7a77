#include "keruen/sim/internal/parties.h"

#include <gtest/gtest.h>

#include <set>

#include "keruen/sim/internal/text.h"

namespace keruen::sim_internal {
namespace {

bool IsAscii(const std::string& s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

TEST(CompanyFactoryTest, KazakhCompaniesHaveSeveralSpellingsAndAMatchingBin) {
  const CompanyFactory factory(DaysFromCivil(2026, 3, 1));
  Rng rng(11);
  bool saw_cyrillic = false, saw_latin = false;
  for (int i = 0; i < 200; ++i) {
    const Company c = factory.Make("KZ", CompanyRole::kTrader, rng);
    ASSERT_GE(c.spellings.size(), 2u);
    EXPECT_EQ(std::set<std::string>(c.spellings.begin(), c.spellings.end()).size(),
              c.spellings.size());
    for (const std::string& s : c.spellings) (IsAscii(s) ? saw_latin : saw_cyrillic) = true;
    ASSERT_EQ(c.ids.size(), 1u);
    EXPECT_EQ(c.ids[0].kind, IdKind::kBin);
    ASSERT_TRUE(c.registered_on.has_value());
    const CivilDate reg = CivilFromDays(*c.registered_on);
    const int yymm = (reg.year % 100) * 100 + static_cast<int>(reg.month);
    EXPECT_EQ(std::stoi(c.ids[0].value.substr(0, 4)), yymm);
    EXPECT_LT(*c.registered_on, DaysFromCivil(2026, 3, 1));
    EXPECT_FALSE(c.city.empty());
    EXPECT_FALSE(c.bank.bic.empty());
  }
  EXPECT_TRUE(saw_cyrillic);
  EXPECT_TRUE(saw_latin);
}

TEST(CompanyFactoryTest, LegalFormsFollowTheCountry) {
  const CompanyFactory factory(DaysFromCivil(2026, 3, 1));
  Rng rng(12);
  auto any_contains = [](const Company& c, std::string_view needle) {
    for (const auto& s : c.spellings) {
      if (s.find(needle) != std::string::npos) return true;
    }
    return false;
  };
  int kz = 0, kg = 0, de = 0, pl = 0;
  for (int i = 0; i < 100; ++i) {
    const Company k = factory.Make("KZ", CompanyRole::kTrader, rng);
    kz += any_contains(k, "ТОО") || any_contains(k, "TOO") || any_contains(k, "LLP") ||
          any_contains(k, "АО") || any_contains(k, "JSC") || any_contains(k, "ЖШС");
    const Company g = factory.Make("KG", CompanyRole::kTrader, rng);
    kg += any_contains(g, "ОсОО") || any_contains(g, "OsOO") || any_contains(g, "LLC") ||
          any_contains(g, "ОАО") || any_contains(g, "OJSC") || any_contains(g, "Общество");
    de += any_contains(factory.Make("DE", CompanyRole::kTrader, rng), "GMBH") ||
          any_contains(factory.Make("DE", CompanyRole::kTrader, rng), "GmbH");
    const Company p = factory.Make("PL", CompanyRole::kTrader, rng);
    pl +=
        any_contains(p, "o.o.") || any_contains(p, "O.O.") || any_contains(p, "odpowiedzialnością");
    EXPECT_EQ(p.ids.size(), 2u);  // EORI and VAT
  }
  EXPECT_EQ(kz, 100);
  EXPECT_EQ(kg, 100);
  EXPECT_EQ(de, 100);
  EXPECT_EQ(pl, 100);
}

TEST(CompanyFactoryTest, EntrepreneursAreIdentifiedByIin) {
  const CompanyFactory factory(DaysFromCivil(2026, 3, 1));
  Rng rng(13);
  for (int i = 0; i < 50; ++i) {
    const Company c = factory.KzEntrepreneur(rng);
    ASSERT_EQ(c.ids.size(), 1u);
    EXPECT_EQ(c.ids[0].kind, IdKind::kIin);
    EXPECT_EQ(c.ids[0].value.size(), 12u);
    EXPECT_GE(c.spellings.size(), 3u);
  }
}

TEST(CompanyFactoryTest, ShellRegistrationDateIsKept) {
  const CompanyFactory factory(DaysFromCivil(2026, 3, 1));
  Rng rng(14);
  const Company c = factory.KzTraderRegisteredOn(DaysFromCivil(2026, 2, 3), rng);
  EXPECT_EQ(c.registered_on, DaysFromCivil(2026, 2, 3));
  EXPECT_EQ(c.ids[0].value.substr(0, 4), "2602");
}

TEST(DocumentPrefixTest, InitialsWithoutTheLegalForm) {
  EXPECT_EQ(DocumentPrefix("Elektronik Handel GmbH"), "EH");
  EXPECT_EQ(DocumentPrefix("ТОО «Жибек Транзит»"), "ZT");
  EXPECT_EQ(DocumentPrefix("Ulan LLP"), "UL");
  EXPECT_EQ(DocumentPrefix("ООО"), "XX");
}

TEST(PartyRefTest, PrefersTheIdentifier) {
  Party p;
  p.name = "ТОО «Алатау Трейд»";
  EXPECT_EQ(PartyRef(p), "ТОО «Алатау Трейд»");
  p.ids.push_back({IdKind::kBin, "180940021234"});
  EXPECT_EQ(PartyRef(p), "bin:180940021234");
}

TEST(SdnNameTest, ParsesRussianCompanyNames) {
  auto a = ParseSdnCompanyName("OOO RADIOTEKHSNAB");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->core, "RADIOTEKHSNAB");
  EXPECT_EQ(a->form, "LLC");
  auto b = ParseSdnCompanyName("LIMITED LIABILITY COMPANY PROTEY SPETSTEKHNIKA");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->core, "PROTEY SPETSTEKHNIKA");
  auto c = ParseSdnCompanyName("TSENTRKVARTS PAO");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->form, "PJSC");
  EXPECT_FALSE(
      ParseSdnCompanyName("JOINT STOCK COMPANY SPECIAL DESIGN BUREAU OF THE CABLE INDUSTRY"));
  EXPECT_FALSE(ParseSdnCompanyName("BOLDREX"));
  EXPECT_FALSE(ParseSdnCompanyName("OOO"));
}

TEST(SdnNameTest, VariantsDifferFromTheListedSpelling) {
  const SanctionedEntity e = *ParseSdnCompanyName("LIMITED LIABILITY COMPANY KHIMPROM-YUG");
  Rng rng(15);
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string v = SanctionedVariantSpelling(e, rng);
    EXPECT_NE(ToUpper(v), e.listed_name);
    EXPECT_EQ(v.find("KHIMPROM-YUG"), std::string::npos) << v;
    seen.insert(v);
  }
  EXPECT_GE(seen.size(), 4u);  // Cyrillic and respelled Latin forms
}

}  // namespace
}  // namespace keruen::sim_internal
