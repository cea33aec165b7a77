#include "keruen/screening/text/internal/given_names.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace keruen::screening::text_internal {
namespace {

using ::testing::Contains;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

using K = GivenNameKind;

TEST(GivenNamesTest, DerivesThePatronymicsOfEachLanguage) {
  EXPECT_THAT(DerivePatronymics(SlavicLanguage::kRussian, "александр"),
              UnorderedElementsAre(Pair("александрович", K::kMalePatronymic),
                                   Pair("александровна", K::kFemalePatronymic)));
  EXPECT_THAT(DerivePatronymics(SlavicLanguage::kRussian, "сергей"),
              Contains(Pair("сергеевич", K::kMalePatronymic)));
  EXPECT_THAT(DerivePatronymics(SlavicLanguage::kRussian, "юрий"),
              Contains(Pair("юрьевич", K::kMalePatronymic)));
  EXPECT_THAT(DerivePatronymics(SlavicLanguage::kRussian, "дмитрий"),
              Contains(Pair("дмитриевич", K::kMalePatronymic)));
  EXPECT_THAT(DerivePatronymics(SlavicLanguage::kRussian, "игорь"),
              Contains(Pair("игоревна", K::kFemalePatronymic)));
  EXPECT_THAT(DerivePatronymics(SlavicLanguage::kUkrainian, "олексій"),
              UnorderedElementsAre(Pair("олексійович", K::kMalePatronymic),
                                   Pair("олексіївна", K::kFemalePatronymic)));
  EXPECT_THAT(DerivePatronymics(SlavicLanguage::kUkrainian, "петро"),
              Contains(Pair("петрович", K::kMalePatronymic)));
  EXPECT_THAT(DerivePatronymics(SlavicLanguage::kUkrainian, "василь"),
              Contains(Pair("василівна", K::kFemalePatronymic)));
  EXPECT_THAT(DerivePatronymics(SlavicLanguage::kBelarusian, "уладзімір"),
              UnorderedElementsAre(Pair("уладзіміравіч", K::kMalePatronymic),
                                   Pair("уладзіміраўна", K::kFemalePatronymic)));
  EXPECT_THAT(DerivePatronymics(SlavicLanguage::kBelarusian, "мікалай"),
              Contains(Pair("мікалаевіч", K::kMalePatronymic)));
  EXPECT_THAT(DerivePatronymics(SlavicLanguage::kBelarusian, "дзмітрый"),
              Contains(Pair("дзмітрыевіч", K::kMalePatronymic)));
  EXPECT_THAT(DerivePatronymics(SlavicLanguage::kBelarusian, "пятро"),
              Contains(Pair("пятровіч", K::kMalePatronymic)));
  EXPECT_THAT(DerivePatronymics(SlavicLanguage::kRussian, "никита"), IsEmpty());
}

TEST(GivenNamesTest, TheCompiledTableParses) {
  auto table = ParseGivenNames(kGivenNamesTsv, "given_names.tsv");
  ASSERT_TRUE(table.has_value()) << table.error().ToString();
  ASSERT_GT(table->canonical.size(), 50u);
  // Every spelling of a group stands for its first Russian name (or patronymic).
  std::vector<std::string> of_alexander;
  for (const GivenNameSpelling& s : table->spellings) {
    if (table->canonical[s.group][0] == "александр") of_alexander.push_back(s.text);
  }
  EXPECT_THAT(of_alexander, Contains("аляксандр"));
  EXPECT_THAT(of_alexander, Contains("олександрович"));
  EXPECT_THAT(of_alexander, Contains("аляксандраўна"));
  EXPECT_THAT(of_alexander, Contains("alexander"));
  for (const auto& canonical : table->canonical) {
    if (canonical[0] == "павел") {
      EXPECT_EQ(canonical[1], "павлович");  // the irregular one
    }
  }
}

TEST(GivenNamesTest, MalformedLinesNameTheLineAndColumn) {
  const std::string header = "sex\trussian\tukrainian\tbelarusian\tlatin\tpatronymics\n";
  auto bad_sex = ParseGivenNames(header + "x\tиван\tіван\tіван\n", "t.tsv");
  ASSERT_FALSE(bad_sex.has_value());
  EXPECT_EQ(bad_sex.error().line, 2);
  EXPECT_EQ(bad_sex.error().field, "sex");
  auto latin_in_cyrillic = ParseGivenNames(header + "m\tivan\tіван\tіван\n", "t.tsv");
  ASSERT_FALSE(latin_in_cyrillic.has_value());
  EXPECT_EQ(latin_in_cyrillic.error().field, "russian");
  auto cyrillic_in_latin = ParseGivenNames(header + "m\tиван\tіван\tіван\tиван\n", "t.tsv");
  ASSERT_FALSE(cyrillic_in_latin.has_value());
  EXPECT_EQ(cyrillic_in_latin.error().field, "latin");
  auto too_few = ParseGivenNames(header + "m\tиван\n", "t.tsv");
  ASSERT_FALSE(too_few.has_value());
  EXPECT_EQ(too_few.error().source, "t.tsv");
}

}  // namespace
}  // namespace keruen::screening::text_internal
