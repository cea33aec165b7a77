#include "keruen/sim/internal/listed_names.h"

#include <gtest/gtest.h>

#include <set>

#include "keruen/sim/internal/parties.h"

namespace keruen::sim_internal {
namespace {

screening::ListEntry Organization(std::string id, std::string name) {
  screening::ListEntry e;
  e.list = "test";
  e.id = std::move(id);
  e.type = screening::EntityType::kOrganization;
  e.names.push_back({std::move(name), true, false});
  return e;
}

std::unique_ptr<ListedNames> MustBuild(std::vector<screening::ListEntry> entries) {
  auto listed = ListedNames::Build(std::move(entries), screening::DefaultTranslitDir());
  EXPECT_TRUE(listed) << listed.error().ToString();
  return std::move(*listed);
}

TEST(ListedNamesTest, FindsTheListedNameInOtherScriptsAndLegalForms) {
  const auto listed = MustBuild({Organization("1", "MASHIMPORT OOO")});
  EXPECT_TRUE(listed->IsListedName("MASHIMPORT OOO", ""));
  EXPECT_TRUE(listed->IsListedName("ТОО «Машимпорт»", "KZ"));
  EXPECT_TRUE(listed->IsListedName("Mashimport LLP", "KZ"));
  EXPECT_FALSE(listed->IsListedName("ТОО «Жибек Транзит»", "KZ"));
  // Resembling is not being: a word more, or a word spelt otherwise.
  EXPECT_FALSE(listed->IsListedName("ТОО «Машимпорт Транзит»", "KZ"));
  EXPECT_FALSE(listed->IsListedName("Mashimpex LLP", "KZ"));
  EXPECT_EQ(listed->entries(), 1u);
  EXPECT_EQ(listed->lists(), "test");
}

// The factory's own names, put on a list, are never handed out again.
TEST(ListedNamesTest, TheFactoryRedrawsCompaniesWhoseNamesScreenAsListed) {
  const Date today = DaysFromCivil(2026, 3, 1);
  const CompanyFactory plain(today);
  Rng plain_rng(21);
  std::vector<screening::ListEntry> entries;
  for (int i = 0; i < 40; ++i) {
    for (const char* country : {"KZ", "RU", "DE"}) {
      const Company c = plain.Make(country, CompanyRole::kTrader, plain_rng);
      entries.push_back(Organization(std::to_string(entries.size()), c.spellings[0]));
    }
    entries.push_back(
        Organization(std::to_string(entries.size()), plain.KzEntrepreneur(plain_rng).spellings[0]));
  }
  const auto listed = MustBuild(std::move(entries));

  // The same draws again, now screened: the listed companies come up and are drawn again.
  const CompanyFactory factory(today, listed.get());
  Rng rng(21);
  for (int i = 0; i < 40; ++i) {
    for (const char* country : {"KZ", "RU", "DE"}) {
      const Company c = factory.Make(country, CompanyRole::kTrader, rng);
      for (const std::string& s : c.spellings) EXPECT_FALSE(listed->IsListedName(s, country)) << s;
    }
    for (const std::string& s : factory.KzEntrepreneur(rng).spellings) {
      EXPECT_FALSE(listed->IsListedName(s, "KZ")) << s;
    }
  }
  EXPECT_GT(factory.redrawn(), 0);
  EXPECT_EQ(factory.kept_listed(), 0);
}

// Screening draws nothing from the generator's stream: a list that holds none of its names
// leaves the world as it was without lists.
TEST(ListedNamesTest, NamesThatDoNotScreenAreKeptAsDrawn) {
  const Date today = DaysFromCivil(2026, 3, 1);
  const auto listed = MustBuild({Organization("1", "QWERTYUIOP ZXCVBNM HOLDING")});
  const CompanyFactory plain(today), screened(today, listed.get());
  Rng plain_rng(5), screened_rng(5);
  for (int i = 0; i < 30; ++i) {
    EXPECT_EQ(plain.Make("KZ", CompanyRole::kTrader, plain_rng).spellings,
              screened.Make("KZ", CompanyRole::kTrader, screened_rng).spellings);
  }
  EXPECT_EQ(screened.redrawn(), 0);
}

}  // namespace
}  // namespace keruen::sim_internal
