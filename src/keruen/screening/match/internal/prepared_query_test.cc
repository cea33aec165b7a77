#include "keruen/screening/match/internal/prepared_query.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "keruen/core/utf8.h"
#include "keruen/screening/match/internal/testing/latin_names.h"
#include "keruen/screening/match/similarity.h"

namespace keruen::screening::internal {
namespace {

using testing::IndexOfLatinNames;
using testing::LatinWords;

const NameIndex& WordIndex() {
  static const NameIndex index =
      IndexOfLatinNames({"romashka trading", "romashko group", "ivanov", "ivanova petrovna",
                         "aleksandr alexander", "zhibek tranzit", "shcherbakov aleksandr"});
  return index;
}

using SimilarTokens = std::vector<std::pair<uint32_t, double>>;

void ExpectSameKeys(const TokenView& remembered, const TokenView& computed) {
  EXPECT_EQ(remembered.text, computed.text);
  EXPECT_EQ(remembered.keys.skeleton, computed.keys.skeleton);
  EXPECT_EQ(std::vector(std::begin(remembered.keys.romanised), std::end(remembered.keys.romanised)),
            std::vector(std::begin(computed.keys.romanised), std::end(computed.keys.romanised)));
  EXPECT_EQ(
      std::vector(std::begin(remembered.keys.patronymic), std::end(remembered.keys.patronymic)),
      std::vector(std::begin(computed.keys.patronymic), std::end(computed.keys.patronymic)));
  EXPECT_EQ(remembered.keys.sibilants, computed.keys.sibilants);
  EXPECT_EQ(remembered.keys.german, computed.keys.german);
  EXPECT_EQ(remembered.letters, computed.letters);
  EXPECT_EQ(remembered.has_digit, computed.has_digit);
  EXPECT_FALSE(remembered.in_dictionary);
}

// The first answer for a word is worked out, the next ones remembered: all are what
// MakeTokenView and FindSimilar give.
TEST(UnlistedWordsTest, RememberedAnswersAreTheComputedOnes) {
  const UnlistedWords unlisted(WordIndex());
  for (const char* word : {"romashkka", "ivanof", "alexandr", "tranzid", "schtscherbakow",
                           "petrovnaa", "unrelated", "7"}) {
    const std::u32string text = ToCodePoints(word);
    const TokenView computed = MakeTokenView(text);
    SimilarTokens expected;
    WordIndex().FindSimilar(computed, expected);
    for (int round = 0; round < 2; ++round) {
      SimilarTokens similar;
      ExpectSameKeys(unlisted.Prepare(text, /*search=*/true, similar), computed);
      EXPECT_EQ(similar, expected) << word << " round " << round;
    }
  }
  EXPECT_EQ(unlisted.size(), 8u);
}

// A word first prepared as an initial (no search) is searched when later asked for its similar
// tokens; a word asked without search leaves `similar` alone.
TEST(UnlistedWordsTest, SearchesAWordFirstSeenWithoutSearch) {
  const UnlistedWords unlisted(WordIndex());
  const std::u32string text = U"ivanof";
  SimilarTokens untouched = {{99, 0.5}};
  unlisted.Prepare(text, /*search=*/false, untouched);
  EXPECT_EQ(untouched, (SimilarTokens{{99, 0.5}}));
  SimilarTokens expected;
  WordIndex().FindSimilar(MakeTokenView(text), expected);
  ASSERT_FALSE(expected.empty());
  SimilarTokens similar;
  unlisted.Prepare(text, /*search=*/true, similar);
  EXPECT_EQ(similar, expected);
  unlisted.Prepare(text, /*search=*/false, untouched);
  EXPECT_EQ(untouched, (SimilarTokens{{99, 0.5}}));
  similar.clear();
  unlisted.Prepare(text, /*search=*/true, similar);
  EXPECT_EQ(similar, expected);
}

TEST(UnlistedWordsTest, StartsOverWhenFull) {
  const UnlistedWords unlisted(WordIndex());
  SimilarTokens similar;
  for (uint32_t i = 0; i <= UnlistedWords::kMaxWords; ++i) {
    const std::u32string word = U"w" + ToCodePoints(std::to_string(i));
    unlisted.Prepare(word, /*search=*/false, similar);
  }
  EXPECT_EQ(unlisted.size(), 1u);
}

// Preparing names with the memo, cold and warm, gives what preparing them without it gives.
TEST(UnlistedWordsTest, PrepareNameGivesTheSameWithAndWithoutTheMemo) {
  const UnlistedWords unlisted(WordIndex());
  for (int round = 0; round < 2; ++round) {
    for (const char* name : {"romashkka tradin", "i ivanof", "alexandr schtscherbakow",
                             "zhibek tranzid", "ivanova petrovna", "v ivanof"}) {
      PreparedName plain;
      PrepareName(LatinWords(name), WordIndex(), PreparedAs::kScreenQuery, plain);
      PreparedName remembered;
      PrepareName(LatinWords(name), WordIndex(), PreparedAs::kScreenQuery, remembered, &unlisted);
      ASSERT_EQ(remembered.words, plain.words) << name;
      for (size_t w = 0; w < plain.words.size(); ++w) {
        EXPECT_EQ(remembered.views[w].in_dictionary, plain.views[w].in_dictionary) << name;
        if (!plain.views[w].in_dictionary) ExpectSameKeys(remembered.views[w], plain.views[w]);
      }
      ASSERT_EQ(remembered.matches.size(), plain.matches.size()) << name;
      for (size_t i = 0; i < plain.matches.size(); ++i) {
        EXPECT_EQ(remembered.matches[i].token, plain.matches[i].token) << name;
        EXPECT_EQ(remembered.matches[i].word, plain.matches[i].word) << name;
        EXPECT_EQ(remembered.matches[i].similarity, plain.matches[i].similarity) << name;
        EXPECT_EQ(remembered.matches[i].proposes, plain.matches[i].proposes) << name;
      }
      EXPECT_EQ(remembered.similarity_rows, plain.similarity_rows) << name;
      ASSERT_EQ(remembered.forms.size(), plain.forms.size()) << name;
      for (size_t f = 0; f < plain.forms.size(); ++f) {
        ASSERT_EQ(remembered.forms[f].tokens.size(), plain.forms[f].tokens.size());
        for (size_t t = 0; t < plain.forms[f].tokens.size(); ++t) {
          EXPECT_EQ(remembered.forms[f].tokens[t].weight, plain.forms[f].tokens[t].weight);
        }
      }
    }
  }
  EXPECT_GT(unlisted.size(), 0u);
}

}  // namespace
}  // namespace keruen::screening::internal
