#include "keruen/screening/eval/pair_datasets.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "keruen/core/csv.h"
#include "keruen/core/paths.h"
#include "keruen/screening/eval/internal/test_support.h"

namespace keruen::screening::eval {
namespace {

using ::testing::HasSubstr;

std::filesystem::path WriteTemp(const std::string& name, const std::string& content) {
  const std::filesystem::path path = std::filesystem::path(::testing::TempDir()) / name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

std::map<std::string, int> CountByCategory(const PairDataset& dataset, bool match) {
  std::map<std::string, int> out;
  for (const LabeledPair& pair : dataset.pairs) {
    if (pair.match == match) ++out[pair.category];
  }
  return out;
}

TEST(WatchmanTest, LoadsTheTwentyTwoPositivePairs) {
  auto dataset =
      LoadWatchmanCrossScript(eval_testing::EvalDataDir() / "watchman" / "cross_script_pairs.csv");
  ASSERT_TRUE(dataset.has_value()) << dataset.error().ToString();
  EXPECT_EQ(dataset->name, kWatchmanDataset);
  EXPECT_TRUE(dataset->report_each_pair);
  ASSERT_EQ(dataset->pairs.size(), 22u);
  for (const LabeledPair& pair : dataset->pairs) EXPECT_TRUE(pair.match) << pair.name1;
  // The file's Cyrillic section: Путин, Иванов, Петров, Медведев. Everything else is another
  // script against Latin.
  EXPECT_EQ(CountByCategory(*dataset, true),
            (std::map<std::string, int>{{"cyrillic-latin", 4}, {"other-script", 18}}));
  const LabeledPair& putin = dataset->pairs[4];
  EXPECT_EQ(putin.name1, "Владимир Путин");
  EXPECT_EQ(putin.name2, "Vladimir Putin");
  EXPECT_THAT(putin.note, HasSubstr("Russian name transliteration"));
  EXPECT_THAT(putin.note, HasSubstr("0.95"));
}

TEST(WatchmanTest, ReportsABadScoreWithLineAndField) {
  const auto path = WriteTemp("watchman_bad.csv",
                              "# Query,Expected Match,Min Score,Description\n"
                              "Иван Иванов,Ivan Ivanov,0.95,ok\n"
                              "\n"
                              "Пётр Петров,Pyotr Petrov,high,not a number\n");
  auto dataset = LoadWatchmanCrossScript(path);
  ASSERT_FALSE(dataset.has_value());
  EXPECT_EQ(dataset.error().source, path.string());
  EXPECT_EQ(dataset.error().line, 4);
  EXPECT_EQ(dataset.error().field, "Min Score");
}

TEST(WatchmanTest, ReportsAMissingFieldWithLine) {
  const auto path =
      WriteTemp("watchman_short.csv", "Иван Иванов,Ivan Ivanov,0.95,ok\nПётр,Pyotr\n");
  auto dataset = LoadWatchmanCrossScript(path);
  ASSERT_FALSE(dataset.has_value());
  EXPECT_EQ(dataset.error().line, 2);
  EXPECT_THAT(dataset.error().message, HasSubstr("expected 4 fields"));
}

TEST(PutinNamesTest, PairsEveryFormWithTheCanonicalName) {
  auto dataset = LoadPutinNames(eval_testing::EvalDataDir() / "rigour" / "putin_names.txt");
  ASSERT_TRUE(dataset.has_value()) << dataset.error().ToString();
  // 81 lines, one of them the canonical spelling itself.
  ASSERT_EQ(dataset->pairs.size(), 80u);
  for (const LabeledPair& pair : dataset->pairs) {
    EXPECT_TRUE(pair.match);
    EXPECT_EQ(pair.name2, kPutinCanonical);
    EXPECT_NE(pair.name1, kPutinCanonical);
  }
  // Counted by script with Python's unicodedata: 17 Cyrillic lines, 42 Latin (one canonical).
  EXPECT_EQ(CountByCategory(*dataset, true),
            (std::map<std::string, int>{
                {"cyrillic-latin", 17}, {"latin-latin", 41}, {"other-script", 22}}));
}

TEST(EquivalencesTest, LoadsGroupsWithPositivesAndSampledNegatives) {
  const auto path =
      eval_testing::EvalDataDir() / "rigour" / "person_name_equivalences_excerpt_motiva.txt";
  auto dataset = LoadNameEquivalences(path, 7);
  ASSERT_TRUE(dataset.has_value()) << dataset.error().ToString();
  // 1,000 groups, 2,665 forms; sum over groups of n(n-1)/2 is 4,085.
  int positives = 0;
  for (const LabeledPair& pair : dataset->pairs) positives += pair.match ? 1 : 0;
  EXPECT_EQ(positives, 4085);
  const std::map<std::string, int> negatives = CountByCategory(*dataset, false);
  // At most one hard Latin, one hard Cyrillic and one random negative per group.
  EXPECT_GT(negatives.at("hard-negative"), 500);
  EXPECT_LE(negatives.at("hard-negative"), 2000);
  EXPECT_GT(negatives.at("random-negative"), 900);
  EXPECT_LE(negatives.at("random-negative"), 1000);

  // No negative is also a positive pair, and no negative pairs two forms of one group.
  std::set<std::pair<std::string, std::string>> positive_pairs;
  for (const LabeledPair& pair : dataset->pairs) {
    if (!pair.match) continue;
    positive_pairs.emplace(pair.name1, pair.name2);
    positive_pairs.emplace(pair.name2, pair.name1);
  }
  for (const LabeledPair& pair : dataset->pairs) {
    if (pair.match) continue;
    EXPECT_FALSE(positive_pairs.contains({pair.name1, pair.name2}))
        << pair.name1 << " / " << pair.name2;
    EXPECT_NE(pair.name1, pair.name2);
  }
  // Latin hard negatives start with the same two letters.
  for (const LabeledPair& pair : dataset->pairs) {
    if (pair.category != "hard-negative" || pair.name1.front() < 'a' || pair.name1.front() > 'z') {
      continue;
    }
    EXPECT_EQ(pair.name1.substr(0, 2), pair.name2.substr(0, 2));
  }
}

TEST(EquivalencesTest, SamplingIsDeterministicPerSeed) {
  const auto path =
      eval_testing::EvalDataDir() / "rigour" / "person_name_equivalences_excerpt_motiva.txt";
  auto a = LoadNameEquivalences(path, 1);
  auto b = LoadNameEquivalences(path, 1);
  auto c = LoadNameEquivalences(path, 2);
  ASSERT_TRUE(a && b && c);
  auto names = [](const PairDataset& d) {
    std::vector<std::string> out;
    for (const LabeledPair& p : d.pairs) out.push_back(p.name1 + "|" + p.name2 + "|" + p.category);
    return out;
  };
  EXPECT_EQ(names(*a), names(*b));
  EXPECT_NE(names(*a), names(*c));
}

TEST(EquivalencesTest, ReportsMalformedLinesWithLine) {
  auto missing_arrow =
      LoadNameEquivalences(WriteTemp("eq_arrow.txt", "ivanov, иванов => Q1\npetrov, петров Q2\n"));
  ASSERT_FALSE(missing_arrow.has_value());
  EXPECT_EQ(missing_arrow.error().line, 2);
  EXPECT_THAT(missing_arrow.error().message, HasSubstr("=>"));

  auto empty_form =
      LoadNameEquivalences(WriteTemp("eq_empty.txt", "# groups\nivanov, , иванов => Q1\n"));
  ASSERT_FALSE(empty_form.has_value());
  EXPECT_EQ(empty_form.error().line, 2);
  EXPECT_EQ(empty_form.error().field, "forms[1]");

  auto empty_id = LoadNameEquivalences(WriteTemp("eq_id.txt", "ivanov, иванов =>  \n"));
  ASSERT_FALSE(empty_id.has_value());
  EXPECT_EQ(empty_id.error().field, "id");
}

// Two groups: a patronymic with its feminine and Ukrainian forms, and a name whose group holds
// another name (written Cyrillic first, so the audit must not depend on the order of forms).
constexpr char kAuditedGroups[] =
    "nikolaevich, nikolaevna, николаевич, николаевна, миколайович => Q1\n"
    "осама, усама, osama, rqyane zai => Q2\n";

PairDataset AuditedGroups() {
  auto dataset = LoadNameEquivalences(WriteTemp("audited_groups.txt", kAuditedGroups));
  EXPECT_TRUE(dataset.has_value()) << dataset.error().ToString();
  return dataset.value_or(PairDataset{});
}

// The category of the positive pair of `a` and `b`, in either order; empty when there is none.
std::string CategoryOf(const PairDataset& dataset, std::string_view a, std::string_view b) {
  for (const LabeledPair& pair : dataset.pairs) {
    if (pair.match &&
        ((pair.name1 == a && pair.name2 == b) || (pair.name1 == b && pair.name2 == a))) {
      return pair.category;
    }
  }
  return {};
}

std::vector<std::string> Categories(const PairDataset& dataset) {
  std::vector<std::string> out;
  for (const LabeledPair& pair : dataset.pairs) out.push_back(pair.category);
  return out;
}

constexpr char kAuditHeader[] =
    "# kinds: transcription, other-gender, other-language, other-name\n"
    "latin,cyrillic,kind,reason\n";

TEST(CyrillicLatinAuditTest, MovesTheListedPairsToTheirKindAndKeepsTheWholeAsAGroup) {
  PairDataset dataset = AuditedGroups();
  const int cyrillic_latin_before = CountByCategory(dataset, true)["cyrillic-latin"];
  const auto audit =
      WriteTemp("audit.csv", std::string(kAuditHeader) +
                                 "nikolaevich,николаевна,other-gender,masculine\n"
                                 "# Q1 in Ukrainian\n"
                                 "nikolaevna , миколайович,other-language,Ukrainian\n"
                                 "rqyane zai,осама,other-name,\"another, name\"\n"
                                 "osama,усама,transcription,English and Russian\n");
  const Status applied = ApplyCyrillicLatinAudit(audit, dataset);
  ASSERT_TRUE(applied.has_value()) << applied.error().ToString();

  EXPECT_EQ(CategoryOf(dataset, "nikolaevich", "николаевна"), "cyrillic-latin-other-gender");
  EXPECT_EQ(CategoryOf(dataset, "nikolaevna", "миколайович"), "cyrillic-latin-other-language");
  EXPECT_EQ(CategoryOf(dataset, "осама", "rqyane zai"), "cyrillic-latin-other-name");
  EXPECT_EQ(CategoryOf(dataset, "osama", "усама"), "cyrillic-latin-transcription");
  // Pairs the audit does not name are spellings and stay where they were.
  EXPECT_EQ(CategoryOf(dataset, "nikolaevich", "николаевич"), "cyrillic-latin");
  EXPECT_EQ(CategoryOf(dataset, "nikolaevich", "миколайович"), "cyrillic-latin");
  EXPECT_EQ(CategoryOf(dataset, "osama", "осама"), "cyrillic-latin");
  EXPECT_EQ(CategoryOf(dataset, "nikolaevich", "nikolaevna"), "latin-latin");
  std::map<std::string, int> positives = CountByCategory(dataset, true);
  EXPECT_EQ(positives["cyrillic-latin"], cyrillic_latin_before - 4);
  EXPECT_EQ(positives["cyrillic-latin-transcription"], 1);
  EXPECT_EQ(positives["cyrillic-latin-other-gender"], 1);
  EXPECT_EQ(positives["cyrillic-latin-other-language"], 1);
  EXPECT_EQ(positives["cyrillic-latin-other-name"], 1);

  ASSERT_EQ(dataset.category_groups.size(), 2u);
  EXPECT_EQ(dataset.category_groups[0].name, kSpellingsGroup);
  EXPECT_THAT(dataset.category_groups[0].categories,
              ::testing::UnorderedElementsAre("cyrillic-latin", "cyrillic-latin-transcription"));
  EXPECT_EQ(dataset.category_groups[1].name, kAllCyrillicLatinGroup);
  EXPECT_THAT(dataset.category_groups[1].categories,
              ::testing::UnorderedElementsAre(
                  "cyrillic-latin", "cyrillic-latin-transcription", "cyrillic-latin-other-gender",
                  "cyrillic-latin-other-language", "cyrillic-latin-other-name"));
}

TEST(CyrillicLatinAuditTest, RefusesAMalformedRowWithFileLineAndFieldAndChangesNothing) {
  const PairDataset original = AuditedGroups();
  struct Case {
    std::string rows;
    int64_t line;
    std::string field;
  };
  const Case cases[] = {
      {"nikolaevich,николаевна,gender,masculine\n", 3, "kind"},
      {"николаевна,nikolaevich,other-gender,columns swapped\n", 3, "latin"},
      {"nikolaevich,nikolaevna,other-gender,both Latin\n", 3, "cyrillic"},
      {"nikolaevich,николаевна,other-gender,masculine\nnikolaevna,николаевич,other-gender, \n", 4,
       "reason"},
      {"nikolaevich,николаевна,other-gender\n", 3, ""},  // a field short
  };
  for (const Case& c : cases) {
    const auto audit = WriteTemp("bad_audit.csv", kAuditHeader + c.rows);
    PairDataset dataset = original;
    const Status applied = ApplyCyrillicLatinAudit(audit, dataset);
    ASSERT_FALSE(applied.has_value()) << c.rows;
    EXPECT_EQ(applied.error().source, audit.string()) << c.rows;
    EXPECT_EQ(applied.error().line, c.line) << c.rows;
    EXPECT_EQ(applied.error().field, c.field) << c.rows;
    EXPECT_EQ(Categories(dataset), Categories(original)) << c.rows;
    EXPECT_TRUE(dataset.category_groups.empty()) << c.rows;
  }

  PairDataset dataset = original;
  const Status no_header = ApplyCyrillicLatinAudit(
      WriteTemp("no_header.csv", "nikolaevich,николаевна,other-gender,m\n"), dataset);
  ASSERT_FALSE(no_header.has_value());
  EXPECT_EQ(no_header.error().field, "latin");
}

TEST(CyrillicLatinAuditTest, RefusesAPairTheSetDoesNotHold) {
  const PairDataset original = AuditedGroups();
  // A typo, two forms of different groups, a pair that is not Cyrillic-Latin, and a pair
  // listed twice: none may pass silently.
  struct Case {
    std::string rows;
    int64_t line;
    std::string message;
  };
  const Case cases[] = {
      {"nikolaevich,николаевна,other-gender,ok\nnikolaevic,николаевич,other-gender,typo\n", 4,
       "nikolaevic / николаевич is not a cyrillic-latin pair"},
      {"osama,николаевна,other-name,two groups\n", 3, "osama / николаевна is not"},
      {"nikolaevich,николаевна,other-gender,m\nnikolaevich,николаевна,other-language,again\n", 4,
       "already on line 3"},
  };
  for (const Case& c : cases) {
    const auto audit = WriteTemp("unknown_pair.csv", kAuditHeader + c.rows);
    PairDataset dataset = original;
    const Status applied = ApplyCyrillicLatinAudit(audit, dataset);
    ASSERT_FALSE(applied.has_value()) << c.rows;
    EXPECT_EQ(applied.error().source, audit.string());
    EXPECT_EQ(applied.error().line, c.line);
    EXPECT_THAT(applied.error().message, HasSubstr(c.message));
    EXPECT_EQ(Categories(dataset), Categories(original));
  }
}

// The committed audit against the rigour file: every row names a pair of the set (else the
// load fails), each moves exactly one pair, and the four categories together still hold every
// Cyrillic-Latin positive.
TEST(CyrillicLatinAuditTest, TheCommittedAuditSplitsTheRigourCyrillicLatinPairs) {
  const auto rigour =
      eval_testing::EvalDataDir() / "rigour" / "person_name_equivalences_excerpt_motiva.txt";
  auto unaudited = LoadNameEquivalences(rigour);
  ASSERT_TRUE(unaudited.has_value()) << unaudited.error().ToString();
  auto sets = LoadPublicPairSets(eval_testing::EvalDataDir());
  ASSERT_TRUE(sets.has_value()) << sets.error().ToString();
  const PairDataset& audited = sets->at(2);
  ASSERT_EQ(audited.name, kEquivalencesDataset);

  auto audit = ReadCsvTable(RepoDataPath(std::string(kEquivalencesAuditFile)));
  ASSERT_TRUE(audit.has_value()) << audit.error().ToString();
  std::map<std::string, int> positives = CountByCategory(audited, true);
  const int cyrillic_latin = CountByCategory(*unaudited, true)["cyrillic-latin"];
  int moved = 0;
  for (std::string_view kind : kAuditKinds) {
    const int count = positives["cyrillic-latin-" + std::string(kind)];
    EXPECT_GT(count, 0) << kind;
    moved += count;
  }
  EXPECT_EQ(moved, static_cast<int>(audit->rows.size()));
  EXPECT_EQ(positives["cyrillic-latin"] + moved, cyrillic_latin);

  // docs/screening.md §10's examples of each kind, and spellings that must stay.
  EXPECT_EQ(CategoryOf(audited, "nikolaevich", "николаевна"), "cyrillic-latin-other-gender");
  EXPECT_EQ(CategoryOf(audited, "musilova", "музиль"), "cyrillic-latin-other-gender");
  EXPECT_EQ(CategoryOf(audited, "nikolaevich", "миколайович"), "cyrillic-latin-other-language");
  EXPECT_EQ(CategoryOf(audited, "senyavin", "сянявін"), "cyrillic-latin-other-language");
  EXPECT_EQ(CategoryOf(audited, "prokopovych", "прокофьевич"), "cyrillic-latin-other-name");
  EXPECT_EQ(CategoryOf(audited, "senyavin", "сенявин"), "cyrillic-latin");
  EXPECT_EQ(CategoryOf(audited, "coleman", "коулман"), "cyrillic-latin-transcription");
  EXPECT_EQ(CategoryOf(audited, "fröhlich", "фрёлих"), "cyrillic-latin-transcription");
  EXPECT_EQ(CategoryOf(audited, "gerda", "герда"), "cyrillic-latin");  // letter by letter
  EXPECT_EQ(CategoryOf(audited, "zadorozhnyi", "задорожний"), "cyrillic-latin");
}

TEST(PublicPairSetsTest, LoadsAllThree) {
  auto sets = LoadPublicPairSets(eval_testing::EvalDataDir());
  ASSERT_TRUE(sets.has_value()) << sets.error().ToString();
  ASSERT_EQ(sets->size(), 3u);
  EXPECT_EQ((*sets)[0].name, kWatchmanDataset);
  EXPECT_EQ((*sets)[1].name, kPutinDataset);
  EXPECT_EQ((*sets)[2].name, kEquivalencesDataset);
}

TEST(PairsCsvTest, RoundTripsAwkwardNames) {
  PairDataset dataset{"analyst", "test", {}, false};
  dataset.pairs = {
      {"ТОО \"Казахстан, Темир\"", "Kazakhstan Temir LLP", true, "legal-form", "eu/1"},
      {"#hash first", " leading space", false, "hard-negative", "line\nbreak"},
      {"Plain", "Name", true, "typo", ""},
  };
  const auto path = std::filesystem::path(::testing::TempDir()) / "analyst.csv";
  ASSERT_TRUE(WritePairsCsv(dataset, path).has_value());
  auto read = ReadPairsCsv(path);
  ASSERT_TRUE(read.has_value()) << read.error().ToString();
  EXPECT_EQ(read->name, "analyst");
  ASSERT_EQ(read->pairs.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    const LabeledPair& want = dataset.pairs[i];
    const LabeledPair& got = read->pairs[i];
    EXPECT_EQ(got.name1, want.name1);
    // Names are trimmed on reading: an analyst's stray space is not part of a name.
    EXPECT_EQ(got.name2, i == 1 ? "leading space" : want.name2);
    EXPECT_EQ(got.match, want.match);
    EXPECT_EQ(got.category, want.category);
    EXPECT_EQ(got.note, want.note);
  }
}

TEST(PairsCsvTest, ReadsFilesWithoutANoteColumn) {
  auto read =
      ReadPairsCsv(WriteTemp("four.csv", "category,label,name1,name2\ntypo,1,Ivanov,Ivanof\n"));
  ASSERT_TRUE(read.has_value()) << read.error().ToString();
  ASSERT_EQ(read->pairs.size(), 1u);
  EXPECT_EQ(read->pairs[0].name1, "Ivanov");
  EXPECT_EQ(read->pairs[0].name2, "Ivanof");
  EXPECT_TRUE(read->pairs[0].match);
}

TEST(PairsCsvTest, ReportsBadLabelsAndMissingColumns) {
  const auto bad_label =
      WriteTemp("bad_label.csv", "name1,name2,label,category\nA,B,1,typo\nC,D,yes,typo\n");
  auto read = ReadPairsCsv(bad_label);
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().source, bad_label.string());
  EXPECT_EQ(read.error().line, 3);
  EXPECT_EQ(read.error().field, "label");

  auto missing = ReadPairsCsv(WriteTemp("missing.csv", "name1,name2,label\nA,B,1\n"));
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().field, "category");

  auto empty_name = ReadPairsCsv(WriteTemp("empty.csv", "name1,name2,label,category\n,B,1,x\n"));
  ASSERT_FALSE(empty_name.has_value());
  EXPECT_EQ(empty_name.error().line, 2);
  EXPECT_EQ(empty_name.error().field, "name1");
}

}  // namespace
}  // namespace keruen::screening::eval
