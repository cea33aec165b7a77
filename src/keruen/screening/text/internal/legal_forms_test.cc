#include "keruen/screening/text/internal/legal_forms.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace keruen::screening::text_internal {
namespace {

using ::testing::HasSubstr;

// Splits a spelling on spaces: enough for these tests, which do not need the analyser.
std::vector<std::vector<std::string>> SpaceKeys(std::string_view spelling) {
  std::vector<std::string> words;
  std::istringstream in{std::string(spelling)};
  for (std::string word; in >> word;) words.push_back(word);
  if (words.empty()) return {};
  return {words};
}

constexpr char kTable[] =
    "# comment\n"
    "code\tplace\tspelling\n"
    "llc\tedge\tooo\n"
    "llc\tedge\tllc\n"
    "llc\tany\tlimited liability company\n"
    "co\tend\tcompany\n"
    "ltd\tend\tltd\n"
    "sa\tend\ts a\n";

// "[words...]" of `name` left after the legal forms, and the codes, as one string.
std::string Strip(const LegalFormTable& table, std::string_view name) {
  const std::vector<std::string> keys =
      SpaceKeys(name).empty() ? std::vector<std::string>{} : SpaceKeys(name).front();
  const std::vector<LegalFormTable::Match> matches =
      table.Find(std::vector<std::string_view>(keys.begin(), keys.end()));
  std::string words;
  std::string codes;
  size_t next = 0;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (next < matches.size() && i == matches[next].begin) {
      codes += (codes.empty() ? "" : ",") + *matches[next].code;
      i = matches[next].end - 1;
      ++next;
      continue;
    }
    words += (words.empty() ? "" : " ") + keys[i];
  }
  return "[" + words + "] " + codes;
}

TEST(LegalFormTableTest, StripsFromBothEndsAndPhrasesInside) {
  auto table = LegalFormTable::Parse(kTable, "t.tsv", SpaceKeys);
  ASSERT_TRUE(table) << table.error().ToString();
  EXPECT_EQ(Strip(*table, "ooo romashka"), "[romashka] llc");
  EXPECT_EQ(Strip(*table, "romashka ooo"), "[romashka] llc");
  EXPECT_EQ(Strip(*table, "ooo romashka ltd"), "[romashka] llc,ltd");
  EXPECT_EQ(Strip(*table, "romashka limited liability company"), "[romashka] llc");
  // The longest spelling wins: "company" alone would be "co".
  EXPECT_EQ(Strip(*table, "limited liability company romashka"), "[romashka] llc");
  EXPECT_EQ(Strip(*table, "alpha limited liability company beta"), "[alpha beta] llc");
  // Repeatedly, from both ends.
  EXPECT_EQ(Strip(*table, "ooo llc romashka company ltd"), "[romashka] llc,llc,co,ltd");
}

TEST(LegalFormTableTest, RespectsPlaces) {
  auto table = LegalFormTable::Parse(kTable, "t.tsv", SpaceKeys);
  ASSERT_TRUE(table) << table.error().ToString();
  // `end` spellings are not taken at the front: "S. A. Ivanov" keeps its initials.
  EXPECT_EQ(Strip(*table, "s a ivanov"), "[s a ivanov] ");
  EXPECT_EQ(Strip(*table, "banco s a"), "[banco] sa");
  EXPECT_EQ(Strip(*table, "company romashka"), "[company romashka] ");
  // `edge` spellings are not taken inside.
  EXPECT_EQ(Strip(*table, "alpha ooo beta"), "[alpha ooo beta] ");
}

TEST(LegalFormTableTest, NeverTakesTheWholeName) {
  auto table = LegalFormTable::Parse(kTable, "t.tsv", SpaceKeys);
  ASSERT_TRUE(table) << table.error().ToString();
  EXPECT_EQ(Strip(*table, "company"), "[company] ");
  EXPECT_EQ(Strip(*table, "ooo"), "[ooo] ");
  EXPECT_EQ(Strip(*table, "ooo llc"), "[llc] llc");
  // The whole phrase may not go, so the longest spelling that leaves a word does.
  EXPECT_EQ(Strip(*table, "limited liability company"), "[limited liability] co");
  EXPECT_EQ(Strip(*table, ""), "[] ");
}

TEST(LegalFormTableTest, ReportsErrorsWithLine) {
  const auto error = [](std::string_view tsv) {
    auto table = LegalFormTable::Parse(tsv, "forms.tsv", SpaceKeys);
    return table ? std::string("(parsed)") : table.error().ToString();
  };
  EXPECT_EQ(error("code\tplace\tspelling\nllc\tedge\n"),
            "forms.tsv:2: expected 3 tab-separated fields (code, place, spelling), found 2");
  EXPECT_THAT(error("llc\tedge\tooo\nLLC\tedge\tllc\n"), HasSubstr("forms.tsv:2: code:"));
  EXPECT_THAT(error("llc\tmiddle\tooo\n"), HasSubstr("forms.tsv:1: place:"));
  EXPECT_THAT(error("# x\nllc\tedge\t  \n"), HasSubstr("forms.tsv:2: spelling:"));
}

}  // namespace
}  // namespace keruen::screening::text_internal
