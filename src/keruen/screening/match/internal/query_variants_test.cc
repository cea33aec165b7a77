#include "keruen/screening/match/internal/query_variants.h"

#include <gtest/gtest.h>

namespace keruen::screening::internal {
namespace {

TEST(QueryVariantsTest, WritesRomanisedRussianNamesInCyrillic) {
  EXPECT_EQ(LatinToCyrillic("SHCHERBAKOV, Aleksandr Vladimirovich"),
            "щербаков, александр владимирович");
  EXPECT_EQ(LatinToCyrillic("Yuriy Zhukov"), "юрий жуков");
  EXPECT_EQ(LatinToCyrillic("Tsoy 2"), "цой 2");
}

TEST(QueryVariantsTest, SwapsDropsAndMisspells) {
  std::mt19937_64 rng(1);
  EXPECT_EQ(MakeVariant("Sergey Valeryevich AKSYONOV", Variation::kSwap, rng),
            "AKSYONOV Sergey Valeryevich");
  EXPECT_EQ(MakeVariant("Sergey Valeryevich AKSYONOV", Variation::kDrop, rng), "Sergey AKSYONOV");
  EXPECT_FALSE(MakeVariant("AKSYONOV", Variation::kSwap, rng).has_value());
  EXPECT_FALSE(MakeVariant("Ivan Ivanov", Variation::kDrop, rng).has_value());
  EXPECT_FALSE(MakeVariant("Li Bo", Variation::kTypo, rng).has_value());  // no word of 4 letters
  for (int i = 0; i < 50; ++i) {
    const auto typo = MakeVariant("Romashka", Variation::kTypo, rng);
    ASSERT_TRUE(typo.has_value());
    EXPECT_NE(*typo, "Romashka");
    EXPECT_EQ(typo->front(), 'R');  // the first letter is kept
    EXPECT_LE(std::abs(static_cast<int>(typo->size()) - 8), 1);
  }
}

}  // namespace
}  // namespace keruen::screening::internal
