#include "keruen/screening/eval/list_variants.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "keruen/core/edit_distance.h"
#include "keruen/screening/eval/internal/test_support.h"
#include "keruen/screening/lists/import.h"

namespace keruen::screening::eval {
namespace {

using ::testing::AnyOf;
using ::testing::HasSubstr;

ListEntry Entry(std::string list, std::string id, EntityType type,
                std::vector<std::pair<std::string, bool>> names) {
  ListEntry entry;
  entry.list = std::move(list);
  entry.id = std::move(id);
  entry.type = type;
  for (auto& [full, primary] : names) entry.names.push_back({std::move(full), primary, false});
  return entry;
}

// Entries shaped like the EU, UN and Kazakh ones: Cyrillic aliases (one with the EU's Latin "i"
// in Ukrainian), a Latin name with its Cyrillic original in brackets, an Arabic original, legal
// forms in both scripts, and persons sharing words.
std::vector<ListEntry> SampleEntries() {
  const EntityType person = EntityType::kPerson;
  const EntityType company = EntityType::kOrganization;
  return {
      Entry("eu", "1", person,
            {{"Sergey Valeryevich AKSYONOV", true},
             {"Sergei Valerievich AKSENOV (Сергей Валерьевич АКСЁНОВ)", false},
             {"Сергiй Валерiйович АКСЬОНОВ", false}}),
      Entry("eu", "2", person,
            {{"Vladimir Andreevich KONSTANTINOV", true},
             {"Владимир Андреевич КОНСТАНТИНОВ", false},
             {"Хмурый", false}}),
      Entry("eu", "3", company,
            {{"LLC Stanki Optom", true}, {"Stanki LLC", false}, {"ООО Станки Оптом", false}}),
      Entry("eu", "4", company, {{"Zelenodolsk Design Bureau, JSC", true}}),
      Entry("eu", "5", company, {{"Novaport Holding", true}, {"ООО Новопорт Холдинг", false}}),
      Entry("eu", "6", person,
            {{"Vladimir Nikolaevich PETROV", true}, {"Владимир Николаевич ПЕТРОВ", false}}),
      Entry("eu", "7", person, {{"Andrei Vladimirovich IVANOV", true}}),
      Entry("eu", "8", company, {{"Stanki Torg Holding", true}}),
      Entry("eu", "10", person,
            {{"Igor Aleksandrovich KORNET", true},
             {"Игорь Александрович КОРНЕТ / Iгор Олександрович КОРНЕТ", false}}),
      Entry("un", "QDi.001", person, {{"ABDUL GHANI BARADAR", true}, {"عبد الغنی برادر", false}}),
      Entry("kz", "9", company,
            {{"Kazakhstan Temir Zholy LLP", true}, {"ТОО Казахстан Темир Жолы", false}}),
  };
}

struct AnalyzerHolder {
  AnalyzerHolder() {
    auto created = NameAnalyzer::Create(eval_testing::SanctionsDataDir() / "translit" / "iuliia");
    EXPECT_TRUE(created.has_value()) << created.error().ToString();
    if (created) analyzer = std::move(*created);
  }
  std::unique_ptr<NameAnalyzer> analyzer;
};

const NameAnalyzer& Analyzer() {
  static const AnalyzerHolder* const holder = new AnalyzerHolder();
  EXPECT_NE(holder->analyzer, nullptr);
  return *holder->analyzer;
}

std::vector<std::string> Rows(const PairDataset& dataset) {
  std::vector<std::string> out;
  for (const LabeledPair& p : dataset.pairs) {
    out.push_back(p.name1 + "|" + p.name2 + "|" + (p.match ? "1" : "0") + "|" + p.category + "|" +
                  p.note);
  }
  return out;
}

// Words as split by white space and commas.
std::multiset<std::string> WordsOf(std::string_view s) {
  std::multiset<std::string> out;
  std::string word;
  for (char c : std::string(s) + " ") {
    if (c == ' ' || c == ',') {
      if (!word.empty()) out.insert(word);
      word.clear();
    } else {
      word += c;
    }
  }
  return out;
}

bool HasCyrillic(std::string_view s) {
  // Cyrillic letters are encoded with lead bytes 0xD0-0xD3.
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b >= 0xD0 && b <= 0xD3;
  });
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(ListVariantsTest, SameSeedSameSetWhateverTheEntryOrder) {
  const std::vector<ListEntry> entries = SampleEntries();
  auto a = GenerateListVariants(entries, Analyzer(), {});
  auto b = GenerateListVariants(entries, Analyzer(), {});
  std::vector<ListEntry> reversed(entries.rbegin(), entries.rend());
  auto c = GenerateListVariants(reversed, Analyzer(), {});
  ListVariantOptions other_seed;
  other_seed.seed = 2;
  auto d = GenerateListVariants(entries, Analyzer(), other_seed);
  ASSERT_TRUE(a && b && c && d) << a.error().ToString();
  EXPECT_EQ(a->name, kListVariantsDataset);
  EXPECT_FALSE(a->pairs.empty());
  EXPECT_EQ(Rows(*a), Rows(*b));
  EXPECT_EQ(Rows(*a), Rows(*c));
  EXPECT_NE(Rows(*a), Rows(*d));
}

TEST(ListVariantsTest, EveryCategoryIsPresentAndLabelled) {
  auto dataset = GenerateListVariants(SampleEntries(), Analyzer(), {});
  ASSERT_TRUE(dataset.has_value()) << dataset.error().ToString();
  std::map<std::string, int> count;
  for (const LabeledPair& pair : dataset->pairs) {
    ++count[pair.category];
    const bool negative = pair.category == kHardNegative || pair.category == kRandomNegative;
    EXPECT_EQ(pair.match, !negative) << pair.category;
    EXPECT_NE(pair.name1, pair.name2);
  }
  for (std::string_view category :
       {kCrossScript, kTranslit, kCrossScriptOrg, kTranslitOrg, kOtherScript, kTypo, kSwap,
        kDropMiddle, kLegalForm, kHardNegative, kRandomNegative}) {
    EXPECT_GT(count[std::string(category)], 0) << category;
  }
}

TEST(ListVariantsTest, VariantsAreWhatTheirCategorySays) {
  auto dataset = GenerateListVariants(SampleEntries(), Analyzer(), {});
  ASSERT_TRUE(dataset.has_value()) << dataset.error().ToString();
  for (const LabeledPair& pair : dataset->pairs) {
    SCOPED_TRACE(pair.name1 + " | " + pair.name2 + " [" + pair.category + "]");
    if (pair.category == kTypo) {
      EXPECT_EQ(ByteEditDistance(pair.name1, pair.name2), 1u);
    } else if (pair.category == kSwap) {
      EXPECT_EQ(WordsOf(pair.name1), WordsOf(pair.name2));
    } else if (pair.category == kDropMiddle) {
      const auto dropped = WordsOf(pair.name1);
      const auto full = WordsOf(pair.name2);
      EXPECT_EQ(dropped.size(), 2u);
      EXPECT_TRUE(std::includes(full.begin(), full.end(), dropped.begin(), dropped.end()));
    } else if (pair.category == kCrossScript || pair.category == kCrossScriptOrg) {
      EXPECT_TRUE(HasCyrillic(pair.name1));
      EXPECT_FALSE(HasCyrillic(pair.name2));
      // Persons and organisations are kept apart.
      EXPECT_EQ(pair.category == kCrossScript,
                pair.name2.find("Stanki") == std::string::npos &&
                    pair.name2.find("Novaport") == std::string::npos &&
                    pair.name2.find("Kazakhstan") == std::string::npos);
    } else if (pair.category == kTranslit || pair.category == kTranslitOrg) {
      EXPECT_FALSE(HasCyrillic(pair.name1));
      EXPECT_NE(Lower(pair.name1), Lower(pair.name2));
      EXPECT_THAT(pair.note, HasSubstr(" "));  // "eu/2 <scheme>"
    } else if (pair.category == kOtherScript) {
      EXPECT_EQ(pair.name1, "عبد الغنی برادر");
      EXPECT_EQ(pair.name2, "ABDUL GHANI BARADAR");
    } else if (pair.category == kLegalForm) {
      EXPECT_THAT(pair.name1,
                  AnyOf(HasSubstr("LLC"), HasSubstr("OOO"), HasSubstr("ООО"), HasSubstr("LLP"),
                        HasSubstr("TOO"), HasSubstr("ТОО"), HasSubstr("JSC"), HasSubstr("AO"),
                        HasSubstr("АО"), HasSubstr("АҚ"), HasSubstr("Company"),
                        HasSubstr("Partnership"), HasSubstr("общество"),
                        HasSubstr("ответственностью"), HasSubstr("FSUE"), HasSubstr("FGUP"),
                        HasSubstr("ФГУП"), HasSubstr("Enterprise"), HasSubstr("предприятие")));
    } else if (pair.category == kHardNegative) {
      // Same list and type, a shared word: here "Vladimir", "Stanki" or "Holding".
      EXPECT_THAT(pair.note, HasSubstr("eu/"));
      std::set<std::string> shared;
      const auto a = WordsOf(Lower(pair.name1));
      const auto b = WordsOf(Lower(pair.name2));
      std::set_intersection(a.begin(), a.end(), b.begin(), b.end(),
                            std::inserter(shared, shared.begin()));
      EXPECT_FALSE(shared.empty());
    }
  }
}

TEST(ListVariantsTest, CrossScriptPairsSplitTwoSpellingsAndSkipNicknames) {
  auto dataset = GenerateListVariants(SampleEntries(), Analyzer(), {});
  ASSERT_TRUE(dataset.has_value()) << dataset.error().ToString();
  std::map<std::string, std::set<std::string>> originals;  // entry -> Cyrillic names paired
  for (const LabeledPair& pair : dataset->pairs) {
    if (pair.category != kCrossScript) continue;
    originals[pair.note].insert(pair.name1);
    if (pair.note == "eu/1") {
      EXPECT_EQ(pair.name2, "Sergey Valeryevich AKSYONOV");
    }
  }
  // The bracketed original and the Ukrainian alias (written with a Latin "i", as the EU does).
  EXPECT_EQ(originals["eu/1"],
            (std::set<std::string>{"Сергей Валерьевич АКСЁНОВ", "Сергiй Валерiйович АКСЬОНОВ"}));
  EXPECT_EQ(originals["eu/10"],
            (std::set<std::string>{"Игорь Александрович КОРНЕТ", "Iгор Олександрович КОРНЕТ"}));
  // A one-word alias of a person is a nickname, not a spelling of the name.
  EXPECT_EQ(originals["eu/2"], (std::set<std::string>{"Владимир Андреевич КОНСТАНТИНОВ"}));
}

TEST(ListVariantsTest, CapsEachCategory) {
  ListVariantOptions options;
  options.max_pairs_per_category = 1;
  auto dataset = GenerateListVariants(SampleEntries(), Analyzer(), options);
  ASSERT_TRUE(dataset.has_value()) << dataset.error().ToString();
  std::map<std::string, int> count;
  for (const LabeledPair& pair : dataset->pairs) ++count[pair.category];
  EXPECT_EQ(count.size(), 11u);
  for (const auto& [category, n] : count) EXPECT_EQ(n, 1) << category;
}

// The EU's Ukraine annex (persons and companies with Cyrillic aliases) and the UN list (Arabic
// originals), as imported by lists/.
TEST(ListVariantsTest, RealListsGiveEveryCategoryAndHonestVariants) {
  const std::filesystem::path sanctions = eval_testing::SanctionsDataDir();
  std::vector<ListEntry> entries;
  for (const auto& [format, path] :
       {std::pair{ListFormat::kEu, sanctions / "eu/journal_sanctions/consolidated/32014R0269.csv"},
        std::pair{ListFormat::kUn, sanctions / "un/UN_consolidated.xml"}}) {
    auto snapshot = ImportList(format, path);
    ASSERT_TRUE(snapshot.has_value()) << snapshot.error().ToString();
    entries.insert(entries.end(), snapshot->entries.begin(), snapshot->entries.end());
  }
  ListVariantOptions options;
  options.max_pairs_per_category = 300;
  auto dataset = GenerateListVariants(entries, Analyzer(), options);
  auto again = GenerateListVariants(entries, Analyzer(), options);
  ASSERT_TRUE(dataset && again);
  EXPECT_EQ(Rows(*dataset), Rows(*again));
  EXPECT_THAT(dataset->source, HasSubstr("eu un (seed 1)"));

  std::map<std::string, int> count;
  for (const LabeledPair& pair : dataset->pairs) {
    ++count[pair.category];
    SCOPED_TRACE(pair.name1 + " | " + pair.name2);
    if (pair.category == kTypo) {
      EXPECT_EQ(ByteEditDistance(pair.name1, pair.name2), 1u);
    } else if (pair.category == kSwap) {
      EXPECT_EQ(WordsOf(pair.name1), WordsOf(pair.name2));
    } else if (pair.category == kCrossScript) {
      EXPECT_TRUE(HasCyrillic(pair.name1));
    }
  }
  // The annex has well over 300 persons and companies with Cyrillic names.
  for (std::string_view category :
       {kCrossScript, kTranslit, kCrossScriptOrg, kTranslitOrg, kTypo, kSwap, kDropMiddle,
        kLegalForm, kHardNegative, kRandomNegative}) {
    EXPECT_EQ(count[std::string(category)], 300) << category;
  }
  EXPECT_GT(count[std::string(kOtherScript)], 0);
}

}  // namespace
}  // namespace keruen::screening::eval
