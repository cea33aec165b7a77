// EU annex transcriptions (OpenSanctions CSV): the real folder, row merging, broken files.
#include <algorithm>

#include "keruen/screening/lists/internal/test_support.h"

namespace keruen::screening::lists_testing {
namespace {

using ::testing::UnorderedElementsAre;

const ListEntry* FindByName(const ListSnapshot& s, std::string_view name) {
  for (const ListEntry& e : s.entries) {
    for (const ListName& n : e.names) {
      if (n.full == name) return &e;
    }
  }
  return nullptr;
}

TEST(EuImport, RealFolder) {
  const auto& list = Imported(ListFormat::kEu, "eu/journal_sanctions");
  // PROVENANCE: ~8,017 consolidated + 417 amendment rows; rows of one subject merge.
  EXPECT_EQ(list.stats.records, 8434);
  EXPECT_EQ(static_cast<int64_t>(list.snapshot.entries.size()) + list.stats.merged_rows, 8434);
  EXPECT_GT(list.stats.merged_rows, 0);
  EXPECT_EQ(list.stats.files, 56);  // 45 consolidated + 11 amendment files
  EXPECT_FALSE(list.snapshot.published_on.empty());
}

TEST(EuImport, CyrillicAliasAndRussianRegisters) {
  const auto& list = Imported(ListFormat::kEu, "eu/journal_sanctions");
  // amendments/32026R1843.csv: JSC NPK SEVERNAYA ZARYA, alias "...; АО НПК СЕВЕРНАЯ ЗАРЯ; ...",
  // innCode 7802064795, ogrnCode 1027801543626.
  const ListEntry* e = FindByName(list.snapshot, "АО НПК СЕВЕРНАЯ ЗАРЯ");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->Caption(), "JSC NPK SEVERNAYA ZARYA");
  EXPECT_EQ(e->type, EntityType::kOrganization);
  EXPECT_THAT(e->identifiers, Contains(ListIdentifier{"inn", "7802064795", "RU"}));
  EXPECT_THAT(e->identifiers, Contains(ListIdentifier{"ogrn", "1027801543626", "RU"}));
  EXPECT_THAT(e->programs, Contains("EU-UKR"));
}

TEST(EuImport, OneSubjectUnderTwoProgrammesIsOneEntry) {
  const auto& list = Imported(ListFormat::kEu, "eu/journal_sanctions");
  // 32014R0269.csv (EU-UKR, born "22.8.1960") and 32018R1542.csv (EU-CHEM, born
  // "22 August 1960") both list Sergei Ivanovich MENYAILO.
  const auto count =
      std::count_if(list.snapshot.entries.begin(), list.snapshot.entries.end(),
                    [](const ListEntry& e) { return e.Caption() == "Sergei Ivanovich MENYAILO"; });
  EXPECT_EQ(count, 1);
  const ListEntry* e = FindByName(list.snapshot, "Sergei Ivanovich MENYAILO");
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->programs, UnorderedElementsAre("EU-UKR", "EU-CHEM"));
  EXPECT_EQ(e->birth_dates, std::vector<std::string>{"1960-08-22"});
  EXPECT_THAT(e->names, Contains(ListName{"Сергей Иванович МЕНЯЙЛО", false, false}));
  EXPECT_EQ(e->listed_on, "2014-04-29");  // the earlier of 29.4.2014 and 15.10.2020
}

const std::string kHeader =
    "celex,recordId,programKey,annex,measure,startDate,reason,schema,name,alias,weakAlias,"
    "previousName,country,nationality,jurisdiction,birthDate,birthPlace,position,"
    "passportNumber,gender,appearance,ethnicity,fatherName,motherName,incorporationDate,"
    "legalForm,sector,registrationNumber,taxNumber,idNumber,innCode,ogrnCode,kppCode,okpoCode,"
    "leiCode,swiftBic,ticker,imoNumber,mmsi,flag,address,phone,email,website,notes\n";

// `value` as one CSV field: quoted, inner quotes doubled.
std::string CsvQuote(const std::string& value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// A row of kHeader's 45 columns from the few that matter here.
std::string Row(const std::string& program, const std::string& schema, const std::string& name,
                const std::string& alias, const std::string& birth, const std::string& country,
                const std::string& start = "1.2.2020") {
  std::vector<std::string> f(45);
  f[0] = "32014R0269";
  f[2] = program;
  f[4] = "Asset freeze";
  f[5] = start;
  f[7] = schema;
  f[8] = name;
  f[9] = alias;
  f[13] = country;
  f[15] = birth;
  std::string out;
  for (size_t i = 0; i < f.size(); ++i) {
    if (i > 0) out += ',';
    out += f[i];
  }
  return out + "\n";
}

TEST(EuImport, MergesRowsAndSplitsMultiValuedCells) {
  ScratchDir dir("eu_merge");
  dir.Write("consolidated/32014R0269.csv",
            kHeader +
                Row("EU-UKR", "Person", "Ivan PETROV",
                    CsvQuote("\"Ivan; Petrov\"; \"Иван \"\"Ваня\"\" Петров\"; I. Petrov"),
                    "1.2.1970", "Russian") +
                Row("EU-RUS", "Person", "Ivan Petrov", "", "1 February 1970",
                    "\"(a) Russian, (b) Kazakh\"", "3.3.2022") +
                Row("EU-RUS", "Person", "Ivan Petrov", "", "1975", "Russian") +
                Row("EU-RUS", "Company", "Ivan Petrov", "", "", "Russian"));
  ImportStats stats;
  auto r = ImportList(ListFormat::kEu, dir.path(), {}, &stats);
  ASSERT_TRUE(r) << r.error().ToString();
  // Same person twice (dates written two ways), a namesake born 1975, and a company.
  EXPECT_EQ(r->entries.size(), 3u);
  EXPECT_EQ(stats.merged_rows, 1);
  const ListEntry* ivan = FindByName(*r, "Иван \"Ваня\" Петров");
  ASSERT_NE(ivan, nullptr);
  EXPECT_THAT(ivan->programs, UnorderedElementsAre("EU-UKR", "EU-RUS"));
  EXPECT_THAT(ivan->names, Contains(ListName{"Ivan; Petrov", false, false}));
  EXPECT_THAT(ivan->names, Contains(ListName{"I. Petrov", false, false}));
  EXPECT_THAT(ivan->countries, UnorderedElementsAre("RU", "KZ"));
  EXPECT_EQ(ivan->listed_on, "2020-02-01");
  EXPECT_EQ(r->published_on, "2022-03-03");
  // The id is derived from the subject, not the row order: importing again gives the same.
  auto again = ImportList(ListFormat::kEu, dir.path());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->entries, r->entries);
}

TEST(EuImport, BrokenFilesAreRefusedWithTheirLine) {
  const std::vector<BrokenFile> cases = {
      {"missing schema column", "celex,recordId,programKey,name\n32014R0269,1,EU-UKR,X\n",
       "x.csv:1: schema: required column is missing"},
      {"empty name",
       kHeader + Row("EU-UKR", "Person", "A", "", "", "") + Row("EU-UKR", "Person", "", "", "", ""),
       "x.csv:3: name: is empty"},
      {"unknown schema", kHeader + Row("EU-UKR", "Robot", "A", "", "", ""),
       "x.csv:2: schema: unknown schema"},
      {"unterminated quote in a cell",
       kHeader + Row("EU-UKR", "Person", "A", "\"\"\"Foo; Bar\"", "", ""),
       "x.csv:2: alias: unterminated quote"},
      {"wrong column count", kHeader + "32014R0269,1,EU-UKR\n", "x.csv:2: expected 45 fields"},
      {"truncated row", kHeader + Row("EU-UKR", "Person", "A", "", "", "") + "32014R0269,2,\"EU",
       "x.csv:3: unterminated quoted field"},
      {"non-UTF-8", kHeader + Row("EU-UKR", "Person", "A\xFF", "", "", ""),
       "x.csv:2: invalid UTF-8"},
  };
  ExpectEachRefused(ListFormat::kEu, "x.csv", cases);
}

}  // namespace
}  // namespace keruen::screening::lists_testing
