#include "keruen/screening/match/internal/token_similarity.h"

#include <gtest/gtest.h>

#include <string>

#include "keruen/screening/match/internal/token_keys.h"
#include "keruen/screening/match/similarity.h"

namespace keruen::screening::internal {
namespace {

double Similarity(std::string_view a, std::string_view b) {
  const std::u32string ca = ToCodePoints(a), cb = ToCodePoints(b);
  return TokenSimilarity(MakeTokenView(ca), MakeTokenView(cb));
}

TEST(SkeletonTest, FoldsRomanisationVariantsTogether) {
  EXPECT_EQ(Skeleton(U"aleksandr"), Skeleton(U"alexander"));
  EXPECT_EQ(Skeleton(U"muhammad"), Skeleton(U"mohammed"));
  EXPECT_EQ(Skeleton(U"mukhammad"), Skeleton(U"muhammad"));
  EXPECT_EQ(Skeleton(U"shcherbakov"), Skeleton(U"scherbakov"));
  EXPECT_EQ(Skeleton(U"yevgeniy"), Skeleton(U"evgeny"));
  EXPECT_EQ(Skeleton(U"hussein"), Skeleton(U"husain"));
  EXPECT_NE(Skeleton(U"ivanov"), Skeleton(U"petrov"));
  EXPECT_NE(Skeleton(U"ivanov"), Skeleton(U"ivashov"));
}

TEST(TokenSimilarityTest, KeepsTyposAndRomanisationsButNotLookalikes) {
  EXPECT_EQ(Similarity("petrov", "petrov"), 1.0);
  EXPECT_GT(Similarity("petrov", "petrof"), 0.9);           // one substitution
  EXPECT_GT(Similarity("romashka", "romaska"), 0.9);        // one deletion
  EXPECT_GT(Similarity("aleksandr", "alexander"), 0.8);     // three edits, same skeleton
  EXPECT_GT(Similarity("shcherbakov", "scherbakov"), 0.9);  // one edit
  EXPECT_GT(Similarity("artem", "atrem"), 0.9);             // two letters swapped
  EXPECT_EQ(Similarity("ivanov", "ivashov"), 0.0);          // two edits in seven letters
  EXPECT_EQ(Similarity("globex", "globus"), 0.0);
  EXPECT_EQ(Similarity("smith", "jones"), 0.0);
  EXPECT_EQ(Similarity("7", "8"), 0.0);  // digits must be equal
  EXPECT_EQ(Similarity("plant7", "plant8"), 0.0);
  EXPECT_EQ(Similarity("", ""), 0.0);
}

TEST(TokenSimilarityTest, ShortWordsNeedTheSameStartAndNoExtraConsonant) {
  // One edit away and Jaro-Winkler >= 0.85, but other words (names of unrelated companies).
  EXPECT_EQ(Similarity("alas", "atlas"), 0.0);  // a consonant inserted
  EXPECT_EQ(Similarity("ulan", "mulan"), 0.0);  // another first letter
  EXPECT_EQ(Similarity("volga", "olga"), 0.0);
  EXPECT_EQ(Similarity("arman", "raman"), 0.0);  // same skeleton, another first letter
  // Romanisations and typos of short names still pair.
  EXPECT_GT(Similarity("semen", "semyon"), 0.85);  // same skeleton
  EXPECT_GT(Similarity("ilyas", "iliyas"), 0.85);  // a vowel inserted
  EXPECT_GT(Similarity("yuri", "yuriy"), 0.85);
  EXPECT_GT(Similarity("elena", "yelena"), 0.85);  // a leading "y"
  EXPECT_GT(Similarity("egor", "yegor"), 0.85);
  EXPECT_GT(Similarity("putin", "puten"), 0.85);  // a letter substituted
  EXPECT_GT(Similarity("olga", "olag"), 0.85);    // two letters swapped
  // From five letters a consonant may be inserted, as typos do ("scott" written "scot"); so
  // "altai" and "altair" pair and only the first-letter rule refuses lookalikes there.
  EXPECT_GT(Similarity("scot", "scott"), 0.85);
  EXPECT_GT(Similarity("altai", "altair"), 0.85);
  // Longer words keep the one-edit rule.
  EXPECT_GT(Similarity("romashka", "romaska"), 0.9);
}

}  // namespace
}  // namespace keruen::screening::internal
