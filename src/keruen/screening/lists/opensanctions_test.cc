// OpenSanctions FollowTheMoney JSON lines: the real samples and hand-written ones.
#include "keruen/screening/lists/internal/test_support.h"

namespace keruen::screening::lists_testing {
namespace {

TEST(OpenSanctionsImport, RealSamplesKeepOnlyTargets) {
  const auto& list = Imported(ListFormat::kOpenSanctions, "opensanctions_ftm");
  // zala: 6 Person and 8 Company targets (3 companies are target:false); t1: 4 Person and 2
  // Organization targets. The catalogue index in the same folder is not an entity file.
  EXPECT_EQ(list.snapshot.entries.size(), 20u);
  EXPECT_EQ(list.stats.files, 2);
  // zala: Maria Aleksandrovna Osetrova, innCode 183116181362, birthDate 1988-01-07,
  // nationality ru, name in Cyrillic "Мария Александровна Осетрова".
  const ListEntry* p = FindEntry(list.snapshot, "NK-2Tbri3s6GgNtAwsSXh4qpL");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->Caption(), "Maria Aleksandrovna Osetrova");
  EXPECT_THAT(p->identifiers, Contains(ListIdentifier{"inn", "183116181362", "RU"}));
  EXPECT_EQ(p->birth_dates, std::vector<std::string>{"1988-01-07"});
  EXPECT_THAT(p->countries, Contains("RU"));
  EXPECT_THAT(p->names, Contains(ListName{"Мария Александровна Осетрова", true, false}));
  EXPECT_EQ(p->gender, "female");
}

TEST(OpenSanctionsImport, SanctionsAndPassportsAttachToTheirEntity) {
  ScratchDir dir("ftm_links");
  const auto file = dir.Write(
      "x.ftm.json",
      R"({"id":"p1","schema":"Person","caption":"Ivan Petrov","target":true,)"
      R"("properties":{"name":["Ivan Petrov"],"weakAlias":["Vanya"],"nationality":["kz"],)"
      R"("birthDate":["1970-02"],"idNumber":["700101300123"]},"last_seen":"2024-05-01T10:00:00"})"
      "\n"
      R"({"id":"s1","schema":"Sanction","properties":{"entity":["p1"],"programId":["KZ-AFM"],)"
      R"("listingDate":["2021-03-04"]}})"
      "\n\n"
      R"({"id":"d1","schema":"Passport","properties":{"holder":["p1"],"number":["N1234567"],)"
      R"("country":["kz"]}})"
      "\n"
      R"({"id":"c1","schema":"Company","properties":{"name":["Related LLP"]},"target":false})"
      "\n");
  ImportStats stats;
  auto r = ImportList(ListFormat::kOpenSanctions, file, {}, &stats);
  ASSERT_TRUE(r) << r.error().ToString();
  ASSERT_EQ(r->entries.size(), 1u);
  const ListEntry& e = r->entries[0];
  EXPECT_THAT(e.programs, Contains("KZ-AFM"));
  EXPECT_EQ(e.listed_on, "2021-03-04");
  EXPECT_THAT(e.identifiers, Contains(ListIdentifier{"passport", "N1234567", "KZ"}));
  // A Kazakh person's 12-digit id number is an IIN.
  EXPECT_THAT(e.identifiers, Contains(ListIdentifier{"iin", "700101300123", "KZ"}));
  EXPECT_THAT(e.names, Contains(ListName{"Vanya", false, true}));
  EXPECT_EQ(e.birth_dates, std::vector<std::string>{"1970-02"});
  EXPECT_EQ(stats.skipped_entities, 1);
  EXPECT_EQ(r->published_on, "2024-05-01");
}

TEST(OpenSanctionsImport, BrokenLinesAreRefusedWithTheirLine) {
  const std::vector<BrokenFile> cases = {
      {"malformed JSON", "{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{}}\n{\"id\":\n",
       "x.ftm.json:2: malformed JSON"},
      {"property not an array",
       "{\"id\":\"a\",\"schema\":\"Person\",\"target\":true,\"properties\":{\"name\":\"A\"}}\n",
       "x.ftm.json:1: properties.name: expected an array"},
      {"no id", "\n{\"schema\":\"Person\"}\n", "x.ftm.json:2: id:"},
      {"target without a name",
       "{\"id\":\"a\",\"schema\":\"Person\",\"target\":true,\"properties\":{}}\n",
       "x.ftm.json:1: properties.name: the entity has no name"},
      {"non-UTF-8", "{\"id\":\"a\",\"schema\":\"Person\",\"caption\":\"\xC0\xAF\"}\n",
       "x.ftm.json:1: invalid UTF-8"},
  };
  ExpectEachRefused(ListFormat::kOpenSanctions, "x.ftm.json", cases);
}

}  // namespace
}  // namespace keruen::screening::lists_testing
