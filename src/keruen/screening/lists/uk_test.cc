// UK Sanctions List tables: the real export, and broken copies.
#include <algorithm>

#include "keruen/screening/lists/internal/test_support.h"

namespace keruen::screening::lists_testing {
namespace {

TEST(UkImport, RealTables) {
  const auto& list = Imported(ListFormat::kUk, "uk");
  EXPECT_EQ(list.snapshot.entries.size(), 6046u);       // PROVENANCE: subjects.csv, 6,046 rows
  EXPECT_EQ(list.snapshot.published_on, "2026-04-29");  // latest last_updated
  size_t weak = 0;
  for (const ListEntry& e : list.snapshot.entries) {
    weak += std::count_if(e.names.begin(), e.names.end(), [](const ListName& n) { return n.weak; });
  }
  // subject_names.csv has 605 low_quality_aka rows (599 alias + 6 primary_variation).
  EXPECT_EQ(weak, 605u);
}

TEST(UkImport, KnownSubjects) {
  const auto& list = Imported(ListFormat::kUk, "uk");
  // subject_dobs.csv: 0002,AFG0006,1967,01,01,exact / 0008,AFG0006,1969,06,04 / 0000,AFG0006,
  // 1968,,,year_only. subjects.csv: AFG0006 ... date_designated 25/01/2001.
  const ListEntry* afg = FindEntry(list.snapshot, "AFG0006");
  ASSERT_NE(afg, nullptr);
  EXPECT_EQ(afg->type, EntityType::kPerson);
  EXPECT_THAT(afg->birth_dates, Contains("1967-01-01"));
  EXPECT_THAT(afg->birth_dates, Contains("1969-06-04"));
  EXPECT_THAT(afg->birth_dates, Contains("1968"));
  EXPECT_THAT(afg->programs, ::testing::ElementsAre("UK-AFG"));
  EXPECT_EQ(afg->listed_on, "2001-01-25");
  // subjects.csv: RUS0001,individual,,12944,31/12/2020,09/04/2025; names include
  // "Dmitry Konstantinovich Kiselyov" (primary).
  const ListEntry* rus = FindEntry(list.snapshot, "RUS0001");
  ASSERT_NE(rus, nullptr);
  EXPECT_EQ(rus->Caption(), "Dmitry Konstantinovich Kiselyov");
  EXPECT_EQ(rus->listed_on, "2020-12-31");
  EXPECT_THAT(rus->countries, Contains("RU"));
}

TEST(UkImport, RegistryNumbersInProse) {
  ScratchDir dir("uk_numbers");
  dir.Write("subjects.csv",
            "unique_id,subject_type,un_reference_number,ofsi_group_id,date_designated,"
            "last_updated\nRUS9001,entity,,1,01/02/2022,03/04/2024\n");
  dir.Write("subject_names.csv",
            "name_id,unique_id,name_type,alias_strength,full_name\n"
            "1,RUS9001,primary,,OOO ROMASHKA\n2,RUS9001,alias,low_quality_aka,ROMASHKA\n");
  dir.Write(
      "subject_identifiers.csv",
      "id,unique_id,ofsi_group_id,raw_value,identifier_type,additional_info\n"
      "1,RUS9001,1,\"INN - 0274051744 OGRN - 1020202554558 \",business_registration_numbers,\n"
      "2,RUS9001,1,7731339867 ,business_registration_numbers,\n");
  dir.Write("subject_dobs.csv", "dob_id,unique_id,year,month,day,precision,parse_issues\n");
  dir.Write("subject_countries.csv",
            "id,unique_id,raw_value,country_type,iso,resolution_method,iso_available\n"
            "1,RUS9001,Russia,address,RU,direct,True\n");
  auto r = ImportList(ListFormat::kUk, dir.path());
  ASSERT_TRUE(r) << r.error().ToString();
  ASSERT_EQ(r->entries.size(), 1u);
  const ListEntry& e = r->entries[0];
  EXPECT_THAT(e.identifiers, Contains(ListIdentifier{"inn", "0274051744", "RU"}));
  EXPECT_THAT(e.identifiers, Contains(ListIdentifier{"ogrn", "1020202554558", "RU"}));
  // An unlabelled 10-digit number of a Russian subject is its INN.
  EXPECT_THAT(e.identifiers, Contains(ListIdentifier{"inn", "7731339867", "RU"}));
  EXPECT_THAT(e.names, Contains(ListName{"ROMASHKA", false, true}));
  EXPECT_EQ(r->published_on, "2024-04-03");

  dir.Write("subject_names.csv",
            "name_id,unique_id,name_type,alias_strength,full_name\n"
            "1,RUS9001,primary,,OOO ROMASHKA\n2,RUS9002,alias,,X\n");
  auto orphan = ImportList(ListFormat::kUk, dir.path());
  ASSERT_FALSE(orphan);
  EXPECT_THAT(orphan.error().ToString(),
              HasSubstr("subject_names.csv:3: unique_id: \"RUS9002\" is not in subjects.csv"));

  dir.Write("subject_names.csv", "name_id,unique_id,name_type,alias_strength\n");
  auto missing = ImportList(ListFormat::kUk, dir.path());
  ASSERT_FALSE(missing);
  EXPECT_THAT(missing.error().ToString(),
              HasSubstr("subject_names.csv:1: full_name: required column is missing"));

  dir.Write("subject_names.csv",
            "name_id,unique_id,name_type,alias_strength,full_name\n1,RUS9001,primary,,X\n");
  dir.Write("subjects.csv",
            "unique_id,subject_type,un_reference_number,ofsi_group_id,date_designated,"
            "last_updated\nRUS9001,entity,,1,2022-02-01,03/04/2024\n");
  auto bad_date = ImportList(ListFormat::kUk, dir.path());
  ASSERT_FALSE(bad_date);
  EXPECT_THAT(bad_date.error().ToString(), HasSubstr("subjects.csv:2: date_designated:"));
}

}  // namespace
}  // namespace keruen::screening::lists_testing
