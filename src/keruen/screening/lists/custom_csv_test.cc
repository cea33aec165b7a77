// The custom CSV format for national and in-house lists (docs/lists.md).
#include <filesystem>

#include "keruen/screening/lists/internal/test_support.h"

namespace keruen::screening::lists_testing {
namespace {

using ::testing::ElementsAre;

const std::filesystem::path kExample =
    std::filesystem::path(KERUEN_SOURCE_DIR) / "docs" / "examples" / "kz-national-list.csv";

TEST(CustomCsvImport, DocumentedExample) {
  ImportListOptions options;
  options.list_id = "kz_test";
  auto r = ImportList(ListFormat::kCustomCsv, kExample, options);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->list, "kz_test");
  ASSERT_EQ(r->entries.size(), 3u);
  const ListEntry* person = FindEntry(*r, "KZ-TEST-002");
  ASSERT_NE(person, nullptr);
  EXPECT_EQ(person->list, "kz_test");
  EXPECT_EQ(person->type, EntityType::kPerson);
  EXPECT_EQ(person->Caption(), "Testov, Ivan Ivanovich");
  EXPECT_THAT(person->names, Contains(ListName{"Тестов Иван Иванович", false, false}));
  EXPECT_THAT(person->birth_dates, ElementsAre("1970-05-04", "1971"));
  EXPECT_THAT(person->identifiers, Contains(ListIdentifier{"iin", "700504300999", "KZ"}));
  EXPECT_THAT(person->identifiers, Contains(ListIdentifier{"passport", "N00000001", ""}));
  EXPECT_EQ(person->listed_on, "2024-01-15");
  const ListEntry* company = FindEntry(*r, "KZ-TEST-001");
  ASSERT_NE(company, nullptr);
  EXPECT_THAT(company->countries, ElementsAre("KZ", "RU"));
  EXPECT_THAT(company->identifiers, Contains(ListIdentifier{"bin", "990140000017", "KZ"}));
}

TEST(CustomCsvImport, OnlyIdAndNameAreRequired) {
  ScratchDir dir("custom_minimal");
  ImportListOptions options;
  options.list_id = "inhouse";
  auto r = ImportList(ListFormat::kCustomCsv,
                      dir.Write("l.csv", "\xEF\xBB\xBFname,id\r\nAcme,1\r\n\"Beta, Gamma\",2\r\n"),
                      options);
  ASSERT_TRUE(r) << r.error().ToString();
  ASSERT_EQ(r->entries.size(), 2u);
  EXPECT_EQ(r->entries[1].Caption(), "Beta, Gamma");
  EXPECT_EQ(r->entries[1].type, EntityType::kUnknown);
}

TEST(CustomCsvImport, NeedsAListId) {
  auto r = ImportList(ListFormat::kCustomCsv, kExample);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "list_id");
  ImportListOptions bad;
  bad.list_id = "KZ list";
  EXPECT_FALSE(ImportList(ListFormat::kCustomCsv, kExample, bad));
}

TEST(CustomCsvImport, BrokenRowsAreRefusedWithTheirLineAndField) {
  const std::string header = "id,name,type,countries,birth_dates,identifiers,listed_on\n";
  const std::vector<BrokenFile> cases = {
      {"missing name column", "id,type\n1,person\n", "l.csv:1: name: required column is missing"},
      {"unknown column", "id,name,alias\n1,A,B\n", "l.csv:1: alias: unknown column"},
      {"empty name", header + "1,A,,,,,\n2,,,,,,\n", "l.csv:3: name: is empty"},
      {"duplicate id", header + "1,A,,,,,\n1,B,,,,,\n", "l.csv:3: id: 1 is listed twice"},
      {"unknown type", header + "1,A,robot,,,,\n", "l.csv:2: type:"},
      {"bad country", header + "1,A,,Atlantis,,,\n", "l.csv:2: countries:"},
      {"bad birth date", header + "1,A,,,1970-13-01,,\n", "l.csv:2: birth_dates:"},
      {"bad identifier", header + "1,A,,,,vat:123,\n", "l.csv:2: identifiers:"},
      {"bad listing date", header + "1,A,,,,,15.01.2024\n", "l.csv:2: listed_on:"},
      {"wrong column count", header + "1,A\n", "l.csv:2: expected 7 fields, found 2"},
      {"unterminated quote", header + "1,A,,,,,\n2,\"B,,,,,\n", "l.csv:3: unterminated"},
      {"non-UTF-8", header + "1,A,,,,,\n2,\xE2\x82,,,,,\n", "l.csv:3: invalid UTF-8"},
  };
  ImportListOptions options;
  options.list_id = "inhouse";
  ExpectEachRefused(ListFormat::kCustomCsv, "l.csv", cases, options);
}

}  // namespace
}  // namespace keruen::screening::lists_testing
