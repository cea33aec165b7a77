// OFAC legacy CSV: the real SDN and non-SDN files, and broken copies of their layout.
#include <algorithm>

#include "keruen/screening/lists/internal/test_support.h"

namespace keruen::screening::lists_testing {
namespace {

bool HasName(const ListEntry& e, std::string_view full, bool weak) {
  return std::any_of(e.names.begin(), e.names.end(),
                     [&](const ListName& n) { return n.full == full && n.weak == weak; });
}

bool HasIdentifier(const ListEntry& e, std::string_view scheme, std::string_view value,
                   std::string_view country) {
  return std::any_of(e.identifiers.begin(), e.identifiers.end(), [&](const ListIdentifier& i) {
    return i.scheme == scheme && i.value == value && i.country == country;
  });
}

TEST(OfacImport, LatestSdnHasEveryRowOfTheMainTable) {
  const auto& list = Imported(ListFormat::kOfacSdn, "ofac/latest");
  // PROVENANCE: ~14,965 entries, 4,440 tagged RUSSIA-EO14024 (one of them as
  // BPI-RUSSIA-EO14024, a programme of its own).
  EXPECT_EQ(list.snapshot.entries.size(), 14965u);
  auto tagged = [&](std::string_view program) {
    return std::count_if(
        list.snapshot.entries.begin(), list.snapshot.entries.end(), [&](const ListEntry& e) {
          return std::find(e.programs.begin(), e.programs.end(), program) != e.programs.end();
        });
  };
  EXPECT_EQ(tagged("RUSSIA-EO14024"), 4439);
  EXPECT_EQ(tagged("BPI-RUSSIA-EO14024"), 1);
  EXPECT_EQ(list.snapshot.list, "ofac_sdn");
  EXPECT_EQ(list.snapshot.published_on, "");  // the legacy CSV states no date
  // alt.csv and add.csv are of a later date than sdn.csv: their rows for later
  // designations are counted, not refused.
  EXPECT_GT(list.stats.orphan_rows, 1000);
}

TEST(OfacImport, RemarksGiveIdentifiersDatesAndCountries) {
  const auto& list = Imported(ListFormat::kOfacSdn, "ofac/latest");
  // sdn.csv: 15892,"PROKOPENKO, Ivan Pavlovitch","individual",... "DOB 28 Sep 1973; ...
  // nationality Russia; alt. nationality Ukraine; ... Gender Male; Tax ID No. 773407989940
  // (Russia)."
  const ListEntry* p = FindEntry(list.snapshot, "15892");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->type, EntityType::kPerson);
  EXPECT_EQ(p->Caption(), "PROKOPENKO, Ivan Pavlovitch");
  EXPECT_TRUE(HasIdentifier(*p, "inn", "773407989940", "RU"));
  EXPECT_EQ(p->birth_dates, std::vector<std::string>{"1973-09-28"});
  EXPECT_THAT(p->countries, Contains("RU"));
  EXPECT_THAT(p->countries, Contains("UA"));
  EXPECT_EQ(p->gender, "male");
  EXPECT_THAT(p->programs, ::testing::ElementsAre("MAGNIT", "RUSSIA-EO14024"));

  // 17018 Sberbank: "SWIFT/BIC SABRRUMM; ... Tax ID No. 7707083893 (Russia); Registration
  // Number 1027700132195 (Russia)"; alt.csv: 17018,26102,"aka","SBERBANK ROSSII".
  const ListEntry* bank = FindEntry(list.snapshot, "17018");
  ASSERT_NE(bank, nullptr);
  EXPECT_EQ(bank->type, EntityType::kOrganization);
  EXPECT_TRUE(HasIdentifier(*bank, "inn", "7707083893", "RU"));
  EXPECT_TRUE(HasIdentifier(*bank, "ogrn", "1027700132195", "RU"));
  EXPECT_TRUE(HasIdentifier(*bank, "bic", "SABRRUMM", ""));
  EXPECT_TRUE(HasName(*bank, "SBERBANK ROSSII", /*weak=*/false));

  // 36427: "Registration Number 110140012405 (Kazakhstan)": a Kazakh company's BIN.
  const ListEntry* kz = FindEntry(list.snapshot, "36427");
  ASSERT_NE(kz, nullptr);
  EXPECT_TRUE(HasIdentifier(*kz, "bin", "110140012405", "KZ"));
}

TEST(OfacImport, AliasesInRemarksAreWeakAndVesselsKeepTheirImo) {
  const auto& list = Imported(ListFormat::kOfacSdn, "ofac/latest");
  // 306,"BANCO NACIONAL DE CUBA",... "a.k.a. 'BNC'." and alt.csv "NATIONAL BANK OF CUBA".
  const ListEntry* bank = FindEntry(list.snapshot, "306");
  ASSERT_NE(bank, nullptr);
  EXPECT_TRUE(HasName(*bank, "BNC", /*weak=*/true));
  EXPECT_TRUE(HasName(*bank, "NATIONAL BANK OF CUBA", /*weak=*/false));
  // 4243,"EBANO","vessel",... Vess_flag "Panama", "Vessel Registration Identification IMO
  // 7406784; f.k.a. 'ANA I'".
  const ListEntry* vessel = FindEntry(list.snapshot, "4243");
  ASSERT_NE(vessel, nullptr);
  EXPECT_EQ(vessel->type, EntityType::kVessel);
  EXPECT_TRUE(HasIdentifier(*vessel, "imo", "IMO 7406784", ""));
  EXPECT_TRUE(HasName(*vessel, "ANA I", /*weak=*/true));
  EXPECT_THAT(vessel->countries, Contains("PA"));
}

TEST(OfacImport, ConsolidatedNonSdnList) {
  const auto& list = Imported(ListFormat::kOfacConsolidated, "ofac/non_sdn");
  EXPECT_EQ(list.snapshot.entries.size(), 442u);  // PROVENANCE: ~442 rows
  EXPECT_EQ(list.snapshot.list, "ofac_cons");
  size_t aliases = 0;
  for (const ListEntry& e : list.snapshot.entries) aliases += e.names.size() - 1;
  EXPECT_GE(aliases, 1000u);  // cons_alt.csv has ~1,073 rows
}

// A minimal OFAC folder: the three required files, with `sdn` as the main table.
void WriteOfac(const ScratchDir& dir, const std::string& sdn, const std::string& alt = "",
               const std::string& add = "") {
  dir.Write("sdn.csv", sdn);
  dir.Write("alt.csv", alt);
  dir.Write("add.csv", add);
}

const std::string kRow1 =
    "1,\"ALPHA TRADING LLP\",-0- ,\"RUSSIA-EO14024\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
const std::string kRow2 =
    "2,\"BETA, Ivan\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 1970.\"\r\n";

TEST(OfacImport, BrokenRowsAreRefusedWithTheirLine) {
  struct Case {
    std::string name, sdn, expected;
  } cases[] = {
      {"wrong column count", kRow1 + "2,\"BETA\",-0- ,\"SDGT\"\r\n", "sdn.csv:2: expected 12"},
      {"unterminated quote", kRow1 + kRow2 + "3,\"GAMMA,-0- \r\n", "sdn.csv:3:"},
      {"ent_num not a number", kRow1 + "x2" + kRow2.substr(1), "sdn.csv:2: ent_num:"},
      {"empty name", kRow1 + "2,-0- ,-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n",
       "sdn.csv:2: SDN_Name: is empty"},
      {"duplicate ent_num", kRow1 + kRow2 + kRow1, "sdn.csv:3: ent_num: 1 is listed twice"},
      {"unknown type", kRow1 + "2,\"X\",\"robot\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n",
       "sdn.csv:2: SDN_Type:"},
      {"non-UTF-8 bytes",
       kRow1 + kRow2 +
           "3,\"CAF\xC9\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,"
           "-0- ,-0- ,-0- \r\n",
       "sdn.csv:3: invalid UTF-8"},
  };
  for (const Case& c : cases) {
    ScratchDir dir("ofac_broken");
    WriteOfac(dir, c.sdn);
    auto r = ImportList(ListFormat::kOfacSdn, dir.path());
    ASSERT_FALSE(r) << c.name;
    EXPECT_THAT(r.error().ToString(), HasSubstr(c.expected)) << c.name;
  }
}

TEST(OfacImport, BrokenCompanionRowsAreRefusedAndOrphansCounted) {
  ScratchDir dir("ofac_companions");
  WriteOfac(dir, kRow1 + kRow2, "1,10,\"aka\",\"ALPHA\",-0- \r\n9,11,\"aka\",\"NOBODY\",-0- \r\n",
            "1,20,-0- ,\"Almaty\",\"Kazakhstan\",-0- \r\n");
  ImportStats stats;
  auto ok = ImportList(ListFormat::kOfacSdn, dir.path(), {}, &stats);
  ASSERT_TRUE(ok) << ok.error().ToString();
  EXPECT_EQ(stats.orphan_rows, 1);  // ent_num 9 is not in sdn.csv
  ASSERT_EQ(ok->entries.size(), 2u);
  EXPECT_TRUE(HasName(ok->entries[0], "ALPHA", false));
  EXPECT_THAT(ok->entries[0].countries, Contains("KZ"));
  EXPECT_EQ(ok->entries[1].birth_dates, std::vector<std::string>{"1970"});

  dir.Write("alt.csv", "1,10,\"aka\",\"ALPHA\",-0- \r\n1,11,\"aka\"\r\n");
  auto bad = ImportList(ListFormat::kOfacSdn, dir.path());
  ASSERT_FALSE(bad);
  EXPECT_THAT(bad.error().ToString(), HasSubstr("alt.csv:2: expected 5 fields, found 3"));
}

TEST(OfacImport, MissingCompanionFileIsAnError) {
  ScratchDir dir("ofac_missing");
  dir.Write("sdn.csv", kRow1);
  auto r = ImportList(ListFormat::kOfacSdn, dir.path());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
  EXPECT_THAT(r.error().message, HasSubstr("alt.csv"));
}

}  // namespace
}  // namespace keruen::screening::lists_testing
