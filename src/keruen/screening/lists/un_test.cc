// UN Security Council consolidated XML: the real list and broken documents.
#include <algorithm>

#include "keruen/screening/lists/internal/test_support.h"

namespace keruen::screening::lists_testing {
namespace {

TEST(UnImport, RealListCountsAndDate) {
  const auto& list = Imported(ListFormat::kUn, "un/UN_consolidated.xml");
  // PROVENANCE: dateGenerated 2026-02-27, 730 individuals, 273 entities.
  EXPECT_EQ(list.snapshot.published_on, "2026-02-27");
  const auto people =
      std::count_if(list.snapshot.entries.begin(), list.snapshot.entries.end(),
                    [](const ListEntry& e) { return e.type == EntityType::kPerson; });
  EXPECT_EQ(people, 730);
  EXPECT_EQ(list.snapshot.entries.size() - static_cast<size_t>(people), 273u);
}

TEST(UnImport, IndividualWithPassportAndOriginalScript) {
  const auto& list = Imported(ListFormat::kUn, "un/UN_consolidated.xml");
  // <REFERENCE_NUMBER>KPi.033</REFERENCE_NUMBER> ... <TYPE_OF_DOCUMENT>Passport
  // </TYPE_OF_DOCUMENT><NUMBER> 381310014</NUMBER>
  const ListEntry* ri = FindEntry(list.snapshot, "KPi.033");
  ASSERT_NE(ri, nullptr);
  EXPECT_EQ(ri->Caption(), "RI WON HO");
  ASSERT_EQ(ri->identifiers.size(), 1u);
  EXPECT_EQ(ri->identifiers[0].scheme, "passport");
  EXPECT_EQ(ri->identifiers[0].value, "381310014");
  EXPECT_THAT(ri->programs, Contains("DPRK"));
  EXPECT_THAT(ri->countries, Contains("KP"));

  // IQi.001: SADDAM HUSSEIN AL-TIKRITI, NAME_ORIGINAL_SCRIPT in Arabic, listed 2003-06-27.
  const ListEntry* iq = FindEntry(list.snapshot, "IQi.001");
  ASSERT_NE(iq, nullptr);
  EXPECT_EQ(iq->Caption(), "SADDAM HUSSEIN AL-TIKRITI");
  EXPECT_THAT(iq->names, Contains(ListName{"صدام حسين التكريتي", true, false}));
  EXPECT_EQ(iq->listed_on, "2003-06-27");

  // CDi.003: <QUALITY>Low</QUALITY><ALIAS_NAME>Rumuli</ALIAS_NAME>, then Good ones.
  const ListEntry* cd = FindEntry(list.snapshot, "CDi.003");
  ASSERT_NE(cd, nullptr);
  EXPECT_THAT(cd->names, Contains(ListName{"Rumuli", false, true}));
  EXPECT_THAT(cd->names, Contains(ListName{"Victor Rumuri", false, false}));
}

std::string Document(const std::string& individuals) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<CONSOLIDATED_LIST dateGenerated=\"2026-01-02T00:00:00Z\">\n"
         "<INDIVIDUALS>\n" +
         individuals + "</INDIVIDUALS>\n<ENTITIES/>\n</CONSOLIDATED_LIST>\n";
}

const std::string kGood =
    "<INDIVIDUAL>\n<FIRST_NAME>ALPHA</FIRST_NAME>\n<SECOND_NAME>BETA</SECOND_NAME>\n"
    "<REFERENCE_NUMBER>XXi.001</REFERENCE_NUMBER>\n<LISTED_ON>2020-01-01</LISTED_ON>\n"
    "<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1960"
    "</FROM_YEAR><TO_YEAR>1962</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>\n</INDIVIDUAL>\n";

TEST(UnImport, SmallDocument) {
  ScratchDir dir("un_small");
  auto r = ImportList(ListFormat::kUn, dir.Write("un.xml", Document(kGood)));
  ASSERT_TRUE(r) << r.error().ToString();
  ASSERT_EQ(r->entries.size(), 1u);
  EXPECT_EQ(r->entries[0].Caption(), "ALPHA BETA");
  EXPECT_EQ(r->entries[0].birth_dates, (std::vector<std::string>{"1960", "1961", "1962"}));
  EXPECT_EQ(r->published_on, "2026-01-02");
}

TEST(UnImport, BrokenDocumentsAreRefusedWithTheElementLine) {
  const std::vector<BrokenFile> cases = {
      {"not well-formed", Document(kGood + "<INDIVIDUAL>\n<FIRST_NAME>X</FIRST_NAME>\n"),
       "un.xml:13: XML is not well-formed"},
      // kGood takes lines 4-10; a second INDIVIDUAL starts on line 11.
      {"missing reference",
       Document(kGood + "<INDIVIDUAL>\n<FIRST_NAME>X</FIRST_NAME>\n"
                        "</INDIVIDUAL>\n"),
       "un.xml:11: REFERENCE_NUMBER: is missing"},
      {"no name",
       Document(kGood + "<INDIVIDUAL>\n<REFERENCE_NUMBER>XXi.002</REFERENCE_NUMBER>"
                        "\n</INDIVIDUAL>\n"),
       "un.xml:11: FIRST_NAME:"},
      {"bad listing date",
       Document(kGood + "<INDIVIDUAL>\n<FIRST_NAME>X</FIRST_NAME>\n"
                        "<REFERENCE_NUMBER>XXi.002</REFERENCE_NUMBER>\n"
                        "<LISTED_ON>yesterday</LISTED_ON>\n</INDIVIDUAL>\n"),
       "un.xml:14: LISTED_ON:"},
      {"duplicate reference", Document(kGood + kGood), "XXi.001 is listed twice"},
      {"doctype",
       "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e \"boom\">]>\n" +
           Document(kGood).substr(Document(kGood).find('\n') + 1),
       "un.xml:2: a DOCTYPE is not accepted"},
      {"wrong root", "<?xml version=\"1.0\"?>\n<LIST/>\n", "CONSOLIDATED_LIST"},
  };
  ExpectEachRefused(ListFormat::kUn, "un.xml", cases);
}

}  // namespace
}  // namespace keruen::screening::lists_testing
