#include "keruen/screening/match/screener.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "keruen/core/json_writer.h"
#include "keruen/core/paths.h"

namespace keruen::screening {
namespace {

using ::testing::HasSubstr;

const NameAnalyzer& Analyzer() {
  static const std::unique_ptr<NameAnalyzer> analyzer = [] {
    const std::string data = SharedDataDir().value_or("");
    auto created = NameAnalyzer::Create(data + "/sanctions/translit/iuliia");
    EXPECT_TRUE(created.has_value());
    return std::move(*created);
  }();
  return *analyzer;
}

ListEntry Entry(std::string list, std::string id, EntityType type, std::vector<ListName> names) {
  ListEntry e;
  e.list = std::move(list);
  e.id = std::move(id);
  e.type = type;
  e.names = std::move(names);
  e.programs = {"TEST-PROGRAM"};
  return e;
}

// A small list with the shapes real lists have, plus filler companies that make "trading",
// "group", "international" and "corp" as common as they are in OFAC's list.
std::vector<ListEntry> TestList() {
  std::vector<ListEntry> entries;
  ListEntry shcherbakov = Entry("ofac_sdn", "1001", EntityType::kPerson,
                                {{"SHCHERBAKOV, Aleksandr Vladimirovich", true, false}});
  shcherbakov.countries = {"RU"};
  shcherbakov.birth_dates = {"1965-03-12"};
  entries.push_back(shcherbakov);

  ListEntry romashka = Entry("eu", "EU.2001", EntityType::kOrganization,
                             {{"ROMASHKA OOO", true, false}, {"ООО «Ромашка»", false, false}});
  romashka.identifiers = {{"inn", "7701234567", "RU"}};
  romashka.countries = {"RU"};
  entries.push_back(romashka);

  entries.push_back(Entry("ofac_sdn", "1003", EntityType::kPerson,
                          {{"PUTIN, Vladimir Vladimirovich", true, false}}));
  entries.push_back(
      Entry("uk", "RUS9999", EntityType::kPerson, {{"John Michael SMITHERSON", true, false}}));
  entries.push_back(
      Entry("kz_afm", "KZ-17", EntityType::kPerson, {{"Жақсыбеков Нұрлан", true, false}}));
  entries.push_back(Entry("un", "QDi.500", EntityType::kPerson, {{"Irina VOLKOVA", true, false}}));
  entries.push_back(
      Entry("uk", "RUS5000", EntityType::kPerson,
            {{"Olga Petrovna KOZLOVA", true, false}, {"Irina VOLKOVA", false, true}}));
  ListEntry vessel = Entry("ofac_sdn", "1008", EntityType::kVessel, {{"SEA STAR", true, false}});
  vessel.identifiers = {{"imo", "IMO 9562233", ""}};
  entries.push_back(vessel);

  const char* const kWords[] = {"Aldan",   "Baikal", "Chukotka", "Dvina",  "Elbrus",
                                "Fergana", "Gobi",   "Hotan",    "Irtysh", "Jambyl",
                                "Kolyma",  "Ladoga", "Mezen",    "Narym",  "Onega",
                                "Pechora", "Ryazan", "Sayan",    "Tobol",  "Ural"};
  const char* const kPatterns[] = {"{} TRADING LLC", "{} GROUP", "{} INTERNATIONAL CORP",
                                   "{} TRADING GROUP", "{} INTERNATIONAL TRADING"};
  int n = 0;
  for (const char* word : kWords) {
    for (const char* pattern : kPatterns) {
      std::string name = pattern;
      name.replace(name.find("{}"), 2, word);
      entries.push_back(Entry("filler", "F" + std::to_string(++n), EntityType::kOrganization,
                              {{name, true, false}}));
    }
  }
  return entries;
}

const Screener& TestScreener() {
  static const std::unique_ptr<Screener> screener = [] {
    auto built = Screener::Build(TestList(), Analyzer());
    EXPECT_TRUE(built.has_value()) << built.error().ToString();
    return std::move(*built);
  }();
  return *screener;
}

std::vector<Hit> Screen(const std::string& name) {
  ScreeningQuery query;
  query.name = name;
  return TestScreener().Screen(query);
}

const Hit* FindHit(const std::vector<Hit>& hits, const std::string& id) {
  for (const Hit& hit : hits) {
    if (hit.id == id) return &hit;
  }
  return nullptr;
}

TEST(ScreenerTest, CyrillicQueryFindsLatinListName) {
  const auto hits = Screen("Щербаков Александр Владимирович");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].id, "1001");
  EXPECT_EQ(hits[0].list, "ofac_sdn");
  EXPECT_EQ(hits[0].decision, Decision::kName);
  EXPECT_EQ(hits[0].name.list_scheme, "latin");
  EXPECT_NE(hits[0].name.query_scheme, "latin");  // one of the romanisations of the query
  EXPECT_GE(hits[0].score, kDefaultThreshold);
}

TEST(ScreenerTest, LatinQueryFindsCyrillicListName) {
  const auto hits = Screen("Nurlan Zhaksybekov");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].id, "KZ-17");
  EXPECT_EQ(hits[0].matched_name, "Жақсыбеков Нұрлан");
  EXPECT_EQ(hits[0].name.query_scheme, "latin");
}

// The EU and UK lists write Ukrainians and Belarusians in their own language's romanisation;
// a Russian-language document writes the Russian given name. A listed name already in Russian
// has no "names" form, so the query's "names" form has to meet its BGN form.
TEST(ScreenerTest, UkrainianAndBelarusianGivenNamesInLatinFindTheRussianListedName) {
  auto built = Screener::Build(
      {Entry("kz_afm", "KZ-31", EntityType::kPerson, {{"Азаров Николай Янович", true, false}}),
       Entry("kz_afm", "KZ-32", EntityType::kPerson,
             {{"Макей Владимир Владимирович", true, false}})},
      Analyzer());
  ASSERT_TRUE(built.has_value());
  auto best = [&](const char* name) {
    const std::vector<Hit> hits = (*built)->Screen({.name = name}, {.threshold = 0.3});
    return hits.empty() ? std::string("none") : hits[0].id + "/" + hits[0].name.query_scheme;
  };
  EXPECT_EQ(best("Mykola Azarov"), "KZ-31/names");
  EXPECT_EQ(best("Uladzimir Makei"), "KZ-32/names");
  for (const char* name : {"Mykola Azarov", "Uladzimir Makei"}) {
    const std::vector<Hit> hits = (*built)->Screen({.name = name});
    ASSERT_EQ(hits.size(), 1u) << name;
    EXPECT_GE(hits[0].score, kDefaultThreshold) << name;
  }
  // A surname alone with another given name stays a partial match.
  const std::vector<Hit> other = (*built)->Screen({.name = "Petro Azarov"});
  EXPECT_TRUE(other.empty());
}

TEST(ScreenerTest, LegalFormsInEitherScriptDoNotMatter) {
  for (const std::string query : {"ТОО «Ромашка»", "Romashka LLC", "ООО Ромашка", "ROMASHKA"}) {
    SCOPED_TRACE(query);
    const auto hits = Screen(query);
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(hits[0].id, "EU.2001");
    EXPECT_DOUBLE_EQ(hits[0].name_score, 1.0);
  }
}

TEST(ScreenerTest, WordOrderAndMissingPatronymicDoNotMatter) {
  const auto hits = Screen("Aleksandr Shcherbakov");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].id, "1001");
  EXPECT_DOUBLE_EQ(hits[0].name_score, 1.0);
  const auto& tokens = hits[0].name.tokens;
  EXPECT_TRUE(std::any_of(tokens.begin(), tokens.end(), [](const TokenPair& t) {
    return t.list_token == "vladimirovich" && t.kind == TokenPairKind::kOptional;
  }));
}

TEST(ScreenerTest, DroppedMiddleNameStillMatchesButCosts) {
  const auto hits = Screen("John Smitherson");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].id, "RUS9999");
  EXPECT_LT(hits[0].name_score, 1.0);
  const auto& tokens = hits[0].name.tokens;
  auto michael = std::find_if(tokens.begin(), tokens.end(),
                              [](const TokenPair& t) { return t.list_token == "michael"; });
  ASSERT_NE(michael, tokens.end());
  EXPECT_EQ(michael->kind, TokenPairKind::kUnpaired);
  EXPECT_GT(michael->weight, 0.0);
}

TEST(ScreenerTest, InitialsMatchFirstLetters) {
  const auto hits = Screen("V. V. Putin");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].id, "1003");
  const auto& tokens = hits[0].name.tokens;
  EXPECT_TRUE(std::any_of(tokens.begin(), tokens.end(), [](const TokenPair& t) {
    return t.kind == TokenPairKind::kInitial && t.query_token == "v" && t.list_token == "vladimir";
  }));
  // Initials are weaker evidence than the full name.
  const auto full = Screen("Vladimir Putin");
  ASSERT_FALSE(full.empty());
  EXPECT_LT(hits[0].name_score, full[0].name_score);
}

TEST(ScreenerTest, TypoStillMatchesWithLowerSimilarity) {
  const auto hits = Screen("Aleksandr Shcherbakof");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].id, "1001");
  EXPECT_LT(hits[0].name_score, 1.0);
  const auto& tokens = hits[0].name.tokens;
  auto pair = std::find_if(tokens.begin(), tokens.end(),
                           [](const TokenPair& t) { return t.query_token == "shcherbakof"; });
  ASSERT_NE(pair, tokens.end());
  EXPECT_EQ(pair->list_token, "shcherbakov");
  EXPECT_GT(pair->similarity, 0.9);
  EXPECT_LT(pair->similarity, 1.0);
}

TEST(ScreenerTest, CommonWordsAloneNeverHit) {
  for (const std::string query : {"CORP", "LLC", "TRADING", "Trading LLC", "International Corp",
                                  "Group", "Trading Group LLC", "ООО Трейдинг"}) {
    SCOPED_TRACE(query);
    EXPECT_TRUE(Screen(query).empty());
  }
  // ... while a rare word with them does.
  const auto hits = Screen("Kolyma Trading LLC");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].caption, "Kolyma TRADING LLC");
}

// Many listed persons share "Vladimir" and "Smith"; one is Putin.
TEST(ScreenerTest, TitleAndRareSurnameFindTheListedPerson) {
  std::vector<ListEntry> entries = {Entry("ofac_sdn", "1003", EntityType::kPerson,
                                          {{"PUTIN, Vladimir Vladimirovich", true, false}})};
  const char* const kSurnames[] = {"Aldanov", "Baikalov", "Dvinin",  "Elbrusov", "Gobin",
                                   "Hotanov", "Irtyshev", "Kolymin", "Ladogin",  "Mezenov"};
  int n = 0;
  for (const char* surname : kSurnames) {
    entries.push_back(Entry("un", "V" + std::to_string(++n), EntityType::kPerson,
                            {{std::string("Vladimir ") + surname, true, false}}));
    entries.push_back(Entry("un", "S" + std::to_string(n), EntityType::kPerson,
                            {{std::string(surname).substr(0, 4) + "o SMITH", true, false}}));
  }
  auto screener = Screener::Build(entries, Analyzer());
  ASSERT_TRUE(screener.has_value()) << screener.error().ToString();
  auto screen = [&](const std::string& name) {
    return (*screener)->Screen(ScreeningQuery{.name = name});
  };
  // The surname alone leaves the listed given name unexplained: no hit.
  EXPECT_TRUE(screen("Путин").empty());
  for (const std::string query : {"Президент Путин", "President Putin", "Presidente Putin"}) {
    SCOPED_TRACE(query);
    const auto hits = screen(query);
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].id, "1003");
    EXPECT_TRUE(hits[0].name.surname_reference);
    EXPECT_THAT(ExplainHit(hits[0]), HasSubstr("title and surname: putin~putin"));
  }
  // Asked again after the title, the surname alone still hits nothing.
  EXPECT_TRUE(screen("Путин").empty());
  // A surname many listed persons share names none of them.
  EXPECT_TRUE(screen("Mr Smith").empty());
}

// Arabic, Persian and Hebrew write no short vowels: "بوتين" is "bwtyn", read as "putin".
TEST(ScreenerTest, ArabicPersianAndHebrewQueriesFindLatinListNames) {
  for (const std::string query : {"فلاديمير بوتين", "ولادیمیر پوتین", "ולדימיר פוטין"}) {
    SCOPED_TRACE(query);
    const auto hits = Screen(query);
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(hits[0].id, "1003");
    EXPECT_GE(hits[0].score, kDefaultThreshold);
    const auto brute = TestScreener().ScreenBruteForce(ScreeningQuery{.name = query});
    ASSERT_FALSE(brute.empty());
    EXPECT_DOUBLE_EQ(brute[0].score, hits[0].score);
  }
  // The same letters typed in Latin are no Arabic: "bwtyn" is not "putin".
  EXPECT_TRUE(Screen("Fladymyr Bwtyn").empty());
}

// A listed Arabic alias's romanisation that is also a Latin name's word ("nasr") does not
// keep an Arabic query from reading the Latin name.
TEST(ScreenerTest, AnArabicAliasSpellingALatinWordLeavesItReadable) {
  auto screener = Screener::Build(
      {Entry("un", "U1", EntityType::kPerson, {{"Sara MANSOUR", true, false}}),
       Entry("un", "U2", EntityType::kPerson, {{"سارا منصر", true, false}}),  // "sara mnsr"
       Entry("un", "U3", EntityType::kPerson, {{"Ali KAZEMI", true, false}})},
      Analyzer());
  ASSERT_TRUE(screener.has_value()) << screener.error().ToString();
  const auto hits = (*screener)->Screen(ScreeningQuery{.name = "سارة منصور"});
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].id, "U1");
  EXPECT_GE(hits[0].score, kDefaultThreshold);
}

// A title before a company's name makes no surname of its word, even against a name of
// unknown type, where a title and a surname would be read as one.
TEST(ScreenerTest, ATitleBeforeAnOrganisationsNameMakesNoSurnameReference) {
  auto screener = Screener::Build(
      {Entry("kz", "K1", EntityType::kUnknown, {{"Romashka Vostok", true, false}})}, Analyzer());
  ASSERT_TRUE(screener.has_value()) << screener.error().ToString();
  const auto company =
      (*screener)->Screen(ScreeningQuery{.name = "President Romashka LLC"}, {.threshold = 0.3});
  ASSERT_EQ(company.size(), 1u);
  EXPECT_FALSE(company[0].name.surname_reference);
  const auto person =
      (*screener)->Screen(ScreeningQuery{.name = "President Romashka"}, {.threshold = 0.3});
  ASSERT_EQ(person.size(), 1u);
  EXPECT_TRUE(person[0].name.surname_reference);
  EXPECT_GT(person[0].score, company[0].score);
}

// The other way round a Latin query is not read into a listed Arabic alias's vowelless
// letters: "Curbelo" is not "کربلا" (krbla, Karbala), which the lists also spell in Latin.
TEST(ScreenerTest, LatinQueriesAreNotReadIntoListedArabicLetters) {
  auto screener = Screener::Build(
      {Entry("eu", "EU.3001", EntityType::kOrganization, {{"کربلا", true, false}})}, Analyzer());
  ASSERT_TRUE(screener.has_value()) << screener.error().ToString();
  EXPECT_TRUE((*screener)->Screen(ScreeningQuery{.name = "Curbelo"}).empty());
  EXPECT_TRUE((*screener)->ScreenBruteForce(ScreeningQuery{.name = "Curbelo"}).empty());
  EXPECT_EQ((*screener)->Screen(ScreeningQuery{.name = "کربلا"}).size(), 1u);
}

TEST(ScreenerTest, UnknownNameDoesNotHit) {
  EXPECT_TRUE(Screen("Ingeborg Abrahamsen").empty());
  EXPECT_TRUE(Screen("Sergei Ivanov").empty());
}

TEST(ScreenerTest, IdentifierMatchDecidesAlone) {
  ScreeningQuery query;
  query.name = "Completely Different Name";
  query.identifiers = {{"inn", "7701 234 567"}};
  const auto hits = TestScreener().Screen(query);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].id, "EU.2001");
  EXPECT_EQ(hits[0].decision, Decision::kIdentifier);
  EXPECT_DOUBLE_EQ(hits[0].score, 1.0);
  ASSERT_TRUE(hits[0].identifier.has_value());
  EXPECT_EQ(hits[0].identifier->scheme, "inn");
  EXPECT_EQ(hits[0].identifier->list_value, "7701234567");
  EXPECT_LT(hits[0].name_score, kDefaultThreshold);

  ScreeningQuery vessel;
  vessel.identifiers = {{"imo", "9562233"}};
  const auto vessel_hits = TestScreener().Screen(vessel);
  ASSERT_EQ(vessel_hits.size(), 1u);
  EXPECT_EQ(vessel_hits[0].id, "1008");
  // Another scheme with the same digits is not a match.
  vessel.identifiers = {{"inn", "9562233"}};
  EXPECT_TRUE(TestScreener().Screen(vessel).empty());
}

TEST(ScreenerTest, AnotherValueOfTheSameIdentifierSaysANamesake) {
  // EU.2001 is listed with INN 7701234567. The same name with another INN is a namesake:
  // the score drops by the identifier penalty; an identifier of another scheme says nothing.
  ScreeningQuery named;
  named.name = "ООО «Ромашка»";
  const auto by_name = TestScreener().Screen(named);
  const Hit* plain = FindHit(by_name, "EU.2001");
  ASSERT_NE(plain, nullptr);
  EXPECT_DOUBLE_EQ(plain->identifier_adjustment, 0);

  ScreeningQuery other_inn = named;
  other_inn.identifiers = {{"inn", "7709999999"}};
  const std::vector<Hit> namesake_hits = TestScreener().Screen(other_inn, {.threshold = 0.5});
  const Hit* namesake = FindHit(namesake_hits, "EU.2001");
  ASSERT_NE(namesake, nullptr);
  EXPECT_DOUBLE_EQ(namesake->identifier_adjustment, -0.25);
  EXPECT_NEAR(namesake->score, plain->score - 0.25, 1e-9);
  EXPECT_NE(ExplainHit(*namesake).find("identifier -0.25"), std::string::npos)
      << ExplainHit(*namesake);

  // Another Russian register (an OGRN where the list gives an INN) does not contradict it...
  ScreeningQuery other_scheme = named;
  other_scheme.country = "RU";
  other_scheme.identifiers = {{"ogrn", "1027700000000"}};
  const std::vector<Hit> unrelated_hits = TestScreener().Screen(other_scheme);
  const Hit* unrelated = FindHit(unrelated_hits, "EU.2001");
  ASSERT_NE(unrelated, nullptr);
  EXPECT_DOUBLE_EQ(unrelated->identifier_adjustment, 0);
  // ...but a company in Kazakhstan's register is not the Russian one.
  ScreeningQuery kazakh = named;
  kazakh.country = "KZ";
  kazakh.identifiers = {{"bin", "100140012345"}};
  const std::vector<Hit> namesake_abroad_hits = TestScreener().Screen(kazakh, {.threshold = 0.5});
  const Hit* namesake_abroad = FindHit(namesake_abroad_hits, "EU.2001");
  ASSERT_NE(namesake_abroad, nullptr);
  EXPECT_DOUBLE_EQ(namesake_abroad->identifier_adjustment, -0.25);
  // A query with no register number is not penalised.
  ScreeningQuery bare = named;
  bare.country = "KZ";
  const std::vector<Hit> unregistered_hits = TestScreener().Screen(bare, {.threshold = 0.5});
  const Hit* unregistered = FindHit(unregistered_hits, "EU.2001");
  ASSERT_NE(unregistered, nullptr);
  EXPECT_DOUBLE_EQ(unregistered->identifier_adjustment, 0);
}

TEST(ScreenerTest, AnOrganisationListedInAnotherCountryOnlyIsAnotherCompany) {
  // Listed without a register number, in Russia only.
  ListEntry listed =
      Entry("eu", "EU.3001", EntityType::kOrganization, {{"LLC Mashimport", true, false}});
  listed.countries = {"RU"};
  auto built = Screener::Build({listed}, Analyzer());
  ASSERT_TRUE(built.has_value());
  auto adjustment = [&](const char* country, std::vector<QueryIdentifier> ids) {
    ScreeningQuery q;
    q.name = "ТОО «Машимпорт»";
    q.country = country;
    q.identifiers = std::move(ids);
    const std::vector<Hit> hits = (*built)->Screen(q, {.threshold = 0.3});
    EXPECT_EQ(hits.size(), 1u) << country;
    return hits.empty() ? 1.0 : hits[0].identifier_adjustment;
  };
  EXPECT_DOUBLE_EQ(adjustment("KZ", {{"bin", "100140012345"}}), -0.25);  // registered in KZ
  EXPECT_DOUBLE_EQ(adjustment("RU", {{"inn", "7701234567"}}), 0);        // could be it
  EXPECT_DOUBLE_EQ(adjustment("KZ", {}), 0);  // no register number: nothing contradicts
}

TEST(ScreenerTest, CountryAndBirthDateMoveTheScoreTheRightWay) {
  ScreeningQuery query;
  query.name = "Aleksandr Shcherbakof";  // a typo, so the score has room to rise
  const double plain = TestScreener().Screen(query).at(0).score;

  query.country = "RU";
  const Hit same_country = TestScreener().Screen(query).at(0);
  EXPECT_GT(same_country.country_adjustment, 0);
  EXPECT_GT(same_country.score, plain);

  query.country = "de";
  const auto other_country = TestScreener().Screen(query, {.threshold = 0.5});
  ASSERT_FALSE(other_country.empty());
  EXPECT_LT(other_country[0].country_adjustment, 0);
  EXPECT_LT(other_country[0].score, plain);

  query.country.clear();
  query.birth_date = "1965";
  const Hit same_year = TestScreener().Screen(query).at(0);
  EXPECT_GT(same_year.birth_date_adjustment, 0);
  query.birth_date = "1965-03-12";
  const Hit same_day = TestScreener().Screen(query).at(0);
  EXPECT_GT(same_day.birth_date_adjustment, same_year.birth_date_adjustment);
  query.birth_date = "1971-03-12";
  const auto other_year = TestScreener().Screen(query, {.threshold = 0.5});
  ASSERT_FALSE(other_year.empty());
  EXPECT_LT(other_year[0].birth_date_adjustment, 0);
  EXPECT_LT(other_year[0].score, plain);
}

TEST(ScreenerTest, WeakAliasScoresLower) {
  const auto hits = Screen("Irina Volkova");
  const Hit* strong = FindHit(hits, "QDi.500");
  const Hit* weak = FindHit(hits, "RUS5000");
  ASSERT_NE(strong, nullptr);
  ASSERT_NE(weak, nullptr);
  EXPECT_FALSE(strong->matched_name_weak);
  EXPECT_TRUE(weak->matched_name_weak);
  EXPECT_EQ(weak->matched_name, "Irina VOLKOVA");
  EXPECT_DOUBLE_EQ(weak->name_score, strong->name_score);
  EXPECT_LT(weak->weak_alias_penalty, 0);
  EXPECT_LT(weak->score, strong->score);
  EXPECT_EQ(weak->caption, "Olga Petrovna KOZLOVA");
}

TEST(ScreenerTest, EntityTypeMismatchCostsALittle) {
  ScreeningQuery query;
  query.name = "Aleksandr Shcherbakov";
  const Hit as_person = TestScreener().Screen(query).at(0);
  query.type = EntityType::kOrganization;
  const Hit as_company = TestScreener().Screen(query).at(0);
  EXPECT_EQ(as_person.type_penalty, 0);
  EXPECT_LT(as_company.type_penalty, 0);
  EXPECT_LT(as_company.score, as_person.score);
}

// The false alerts the simulated Kazakh trade raised: one-word company names against listed
// names one letter away, or against a person's nickname.
TEST(ScreenerTest, OneWordCompanyNamesDoNotHitLookalikes) {
  std::vector<ListEntry> entries = TestList();
  entries.push_back(
      Entry("ofac_sdn", "2001", EntityType::kOrganization, {{"ATLAS HOLDING", true, false}}));
  entries.push_back(
      Entry("ofac_sdn", "2002", EntityType::kOrganization, {{"JSC Atlas", true, false}}));
  entries.push_back(
      Entry("ofac_sdn", "2003", EntityType::kOrganization, {{"RAMAN COMPANY", true, false}}));
  entries.push_back(Entry("uk", "2004", EntityType::kOrganization, {{"MULAN", true, false}}));
  entries.push_back(Entry("ofac_sdn", "2005", EntityType::kVessel, {{"OLGA", true, false}}));
  entries.push_back(Entry("eu", "2006", EntityType::kOrganization, {{"Altair", true, false}}));
  entries.push_back(Entry("ofac_sdn", "2007", EntityType::kPerson,
                          {{"GAZIEV, Tarkhan Ismailovich", true, false}, {"Sever", false, true}}));
  entries.push_back(Entry("ofac_sdn", "2008", EntityType::kOrganization,
                          {{"KHOLDINGOVAYA KOMPANIYA INTERROS OOO", true, false}}));
  auto built = Screener::Build(std::move(entries), Analyzer());
  ASSERT_TRUE(built.has_value()) << built.error().ToString();
  const Screener& screener = **built;
  for (const char* name : {"АО «Алаш Холдинг»", "ТОО «Алаш»", "ТОО «Арман»", "ТОО «Ұлан»",
                           "ООО «Волга»", "ООО \"Север\""}) {
    ScreeningQuery query;
    query.name = name;
    query.country = "KZ";
    for (const Hit& hit : screener.Screen(query)) {
      ADD_FAILURE() << name << ": " << ExplainHit(hit);
    }
  }
  // The listed subjects themselves are still found, the nickname's owner by name.
  for (const char* name :
       {"Atlas Holding", "ТОО «Атлас»", "Raman Company", "Gaziev Tarkhan",
        "Холдинговая компания Интеррос ООО", "Kholdingovaya Kompaniya Interross LLC"}) {
    ScreeningQuery query;
    query.name = name;
    EXPECT_FALSE(screener.Screen(query).empty()) << name;
  }
}

TEST(ScreenerTest, LimitAndThresholdApply) {
  ScreeningQuery query;
  query.name = "Irina Volkova";
  EXPECT_EQ(TestScreener().Screen(query, {.threshold = kDefaultThreshold, .limit = 1}).size(), 1u);
  EXPECT_TRUE(TestScreener().Screen(query, {.threshold = 1.01, .limit = 10}).empty());
}

TEST(ScreenerTest, ExplainsInJsonAndInOneLine) {
  const auto hits = Screen("ООО Ромашка");
  ASSERT_FALSE(hits.empty());
  const std::string line = ExplainHit(hits[0]);
  EXPECT_THAT(line, HasSubstr("of eu EU.2001"));
  EXPECT_THAT(line, HasSubstr("romashka~romashka 1.00"));
  EXPECT_THAT(line, HasSubstr("(name)"));

  std::string out;
  JsonWriter writer(out);
  AppendJson(writer, hits[0]);
  const auto json = nlohmann::json::parse(out);
  EXPECT_EQ(json["list"], "eu");
  EXPECT_EQ(json["id"], "EU.2001");
  EXPECT_EQ(json["decision"], "name");
  EXPECT_EQ(json["programs"][0], "TEST-PROGRAM");
  EXPECT_EQ(json["comparison"]["tokens"][0]["query"], "romashka");
  EXPECT_EQ(json["comparison"]["tokens"][0]["kind"], "paired");
  EXPECT_TRUE(json["identifier"].is_null());
  EXPECT_DOUBLE_EQ(json["score_parts"]["name_score"].get<double>(), hits[0].name_score);
  EXPECT_DOUBLE_EQ(json["score"].get<double>(), hits[0].score);
}

TEST(ScreenerTest, ScoreNamesComparesTwoNames) {
  const PairScore same = TestScreener().ScoreNames("Щербаков Александр", "SHCHERBAKOV, Aleksandr");
  EXPECT_EQ(same.decision, Decision::kName);
  EXPECT_DOUBLE_EQ(same.score, 1.0);
  EXPECT_THAT(ExplainPair(same), HasSubstr("shcherbakov~shcherbakov"));
  const PairScore different = TestScreener().ScoreNames("Ivanov Petr", "SHCHERBAKOV, Aleksandr");
  EXPECT_EQ(different.decision, Decision::kNoMatch);
  EXPECT_EQ(different.score, 0.0);
  std::string out;
  JsonWriter writer(out);
  AppendJson(writer, same);
  EXPECT_EQ(nlohmann::json::parse(out)["decision"], "name");
}

TEST(ScreenerTest, ValidatesQueries) {
  ScreeningQuery query;
  EXPECT_FALSE(ValidateQuery(query).has_value());  // neither name nor identifier
  query.name = "Romashka";
  EXPECT_TRUE(ValidateQuery(query).has_value());
  query.country = "XX";
  EXPECT_EQ(ValidateQuery(query).error().field, "country");
  query.country = "kz";
  query.birth_date = "12.03.1965";
  EXPECT_EQ(ValidateQuery(query).error().field, "birth_date");
  query.birth_date = "1965-03";
  query.identifiers = {{"shoe_size", "42"}};
  EXPECT_EQ(ValidateQuery(query).error().field, "identifiers[0].scheme");
  query.identifiers = {{"inn", "n/a"}};
  EXPECT_EQ(ValidateQuery(query).error().field, "identifiers[0].value");
  query.identifiers = {{"INN", "7701234567"}};
  EXPECT_TRUE(ValidateQuery(query).has_value());
}

TEST(ScreenerTest, RejectsEntriesWithoutNamesAndDuplicateIds) {
  std::vector<ListEntry> nameless = {Entry("eu", "1", EntityType::kPerson, {})};
  auto built = Screener::Build(nameless, Analyzer());
  ASSERT_FALSE(built.has_value());
  EXPECT_EQ(built.error().field, "entries[0].names");

  std::vector<ListEntry> duplicate = {
      Entry("eu", "1", EntityType::kPerson, {{"A B", true, false}}),
      Entry("eu", "1", EntityType::kPerson, {{"C D", true, false}})};
  built = Screener::Build(duplicate, Analyzer());
  ASSERT_FALSE(built.has_value());
  EXPECT_EQ(built.error().field, "entries[1].id");
}

// A screener remembers the words of queries its lists lack (prepared_query.h): a query whose
// words were seen before gets the hits it got when they were new, in whatever order the
// queries come.
TEST(ScreenerTest, RememberedWordsGiveTheSameHits) {
  const std::vector<std::string> names = {"Щербакоф Александр", "Romashkka LLC",       "V. Puttin",
                                          "Irena Volkova",      "Kolyma Gruop Tradin", "Sea Starr",
                                          "Smitherson Jonh",    "Nobody Known"};
  auto explained = [](const Screener& screener, const std::string& name) {
    std::vector<std::string> out;
    for (const Hit& hit : screener.Screen(ScreeningQuery{.name = name})) {
      out.push_back(hit.id + " " + ExplainHit(hit));
    }
    return out;
  };
  auto forwards = Screener::Build(TestList(), Analyzer());
  auto backwards = Screener::Build(TestList(), Analyzer());
  ASSERT_TRUE(forwards.has_value() && backwards.has_value());
  std::vector<std::vector<std::string>> cold(names.size());
  for (size_t i = 0; i < names.size(); ++i) cold[i] = explained(**forwards, names[i]);
  for (size_t i = names.size(); i-- > 0;) {
    EXPECT_EQ(explained(**backwards, names[i]), cold[i]) << names[i];
  }
  for (size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(explained(**forwards, names[i]), cold[i]) << names[i];
  }
  EXPECT_FALSE(cold[1].empty());  // "Romashkka" is found though the lists lack the word
}

// Every hit of `query` on `screener`, with its explanation, as one line each.
std::vector<std::string> ExplainedHits(const Screener& screener, const ScreeningQuery& query,
                                       const ScreenOptions& options = {}) {
  std::vector<std::string> out;
  for (const Hit& hit : screener.Screen(query, options)) {
    out.push_back(hit.id + " " + std::to_string(hit.score) + " " + ExplainHit(hit));
  }
  return out;
}

// A screener remembers the names a query's forms scored (screener.cc): queries that analyse
// alike but differ in country, identifiers or birth date get, one after the other, the hits
// each gets from a screener that never saw the others.
TEST(ScreenerTest, QueriesAnalysedAlikeGetTheHitsEachGetsCold) {
  const std::vector<ScreeningQuery> queries = {
      {.name = "ООО «Ромашка»", .country = "RU"},
      {.name = "ооо \"РОМАШКА\"", .country = "KZ"},
      {.name = "Romashka LLC", .identifiers = {{"inn", "7701234567"}}},
      {.name = "ROMASHKA, LLC", .identifiers = {{"inn", "7709999999"}}},
      {.name = "SHCHERBAKOV Aleksandr", .birth_date = "1965-03-12"},
      {.name = "shcherbakov, aleksandr", .birth_date = "1970"},
      {.name = "Sea Star", .identifiers = {{"imo", "9562233"}}, .type = EntityType::kVessel},
      {.name = "SEA-STAR", .type = EntityType::kOrganization},
  };
  auto warm = Screener::Build(TestList(), Analyzer());
  ASSERT_TRUE(warm.has_value());
  std::vector<std::vector<std::string>> cold;
  for (const ScreeningQuery& query : queries) {
    auto fresh = Screener::Build(TestList(), Analyzer());
    ASSERT_TRUE(fresh.has_value());
    cold.push_back(ExplainedHits(**fresh, query));
    EXPECT_EQ(ExplainedHits(**warm, query), cold.back()) << query.name;
  }
  // Each pair analyses alike, so only the first of each was scored...
  EXPECT_EQ((*warm)->stats().remembered_names, 4u);
  // ...and the second got hits of its own.
  EXPECT_FALSE(cold[0].empty());
  EXPECT_NE(cold[0], cold[1]);
  EXPECT_NE(cold[2], cold[3]);
  EXPECT_NE(cold[4], cold[5]);
  EXPECT_NE(cold[6], cold[7]);
  // Asked again, in the other order, nothing changes.
  for (size_t i = queries.size(); i-- > 0;) {
    EXPECT_EQ(ExplainedHits(**warm, queries[i]), cold[i]) << queries[i].name;
  }
  EXPECT_EQ((*warm)->stats().remembered_names, 4u);
}

// What the scoring reads of a query keys what is remembered: an initial is not the word with
// the same letters, and a lower threshold finds candidates a higher one left out.
TEST(ScreenerTest, QueriesScoredDifferentlyAreRememberedApart) {
  std::vector<ListEntry> entries = TestList();
  entries.push_back(
      Entry("un", "QDi.777", EntityType::kPerson, {{"Yuliya KOZLOVSKAYA", true, false}}));
  const ScreeningQuery initial{.name = "Yu. Kozlovskaya"};
  const ScreeningQuery word{.name = "Yu Kozlovskaya"};
  const ScreeningQuery surname{.name = "Kozlovskaya"};
  const ScreenOptions low{.threshold = 0.6};
  auto cold = [&](const ScreeningQuery& query, const ScreenOptions& options) {
    auto fresh = Screener::Build(entries, Analyzer());
    EXPECT_TRUE(fresh.has_value());
    return ExplainedHits(**fresh, query, options);
  };
  const std::vector<std::string> cold_initial = cold(initial, {});
  const std::vector<std::string> cold_word = cold(word, {});
  const std::vector<std::string> cold_surname = cold(surname, {});
  const std::vector<std::string> cold_low = cold(surname, low);
  ASSERT_NE(cold_initial, cold_word);
  ASSERT_NE(cold_surname, cold_low);

  auto warm = Screener::Build(entries, Analyzer());
  ASSERT_TRUE(warm.has_value());
  EXPECT_EQ(ExplainedHits(**warm, initial), cold_initial);
  EXPECT_EQ(ExplainedHits(**warm, word), cold_word);
  EXPECT_EQ(ExplainedHits(**warm, surname), cold_surname);
  EXPECT_EQ(ExplainedHits(**warm, surname, low), cold_low);
  EXPECT_EQ((*warm)->stats().remembered_names, 4u);
}

TEST(ScreenerTest, ConcurrentQueriesGiveTheSameAnswers) {
  const std::vector<std::string> names = {"Щербаков Александр", "Romashka LLC", "V. Putin",
                                          "Irina Volkova",      "Kolyma Group", "Nobody Known"};
  std::vector<std::vector<std::string>> expected;
  for (const std::string& name : names) {
    std::vector<std::string> ids;
    for (const Hit& hit : Screen(name)) ids.push_back(hit.id + ExplainHit(hit));
    expected.push_back(ids);
  }
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 50; ++round) {
        const size_t i = static_cast<size_t>(round + t) % names.size();
        std::vector<std::string> ids;
        for (const Hit& hit : Screen(names[i])) ids.push_back(hit.id + ExplainHit(hit));
        mismatches[t] += ids != expected[i];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace keruen::screening
