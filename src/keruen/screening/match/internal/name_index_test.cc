#include "keruen/screening/match/internal/name_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "keruen/core/utf8.h"
#include "keruen/screening/match/internal/testing/latin_names.h"
#include "keruen/screening/match/internal/token_keys.h"
#include "keruen/screening/match/similarity.h"

namespace keruen::screening::internal {
namespace {

using testing::IndexOfLatinNames;
using testing::LatinWords;

std::vector<std::string> TokensUnder(const NameIndex& index, uint64_t key) {
  std::vector<std::string> out;
  for (uint32_t id : index.KeyTokens(key)) out.push_back(index.Utf8Text(id));
  std::sort(out.begin(), out.end());
  return out;
}

TEST(NameIndexTest, RarerWordsWeighMore) {
  const NameIndex index = IndexOfLatinNames(
      {"alpha trading", "beta trading", "gamma trading", "delta trading", "alpha group"});
  const float trading = index.weight(index.Find(U"trading"));
  const float alpha = index.weight(index.Find(U"alpha"));
  const float gamma = index.weight(index.Find(U"gamma"));
  EXPECT_LT(trading, alpha);
  EXPECT_LT(alpha, gamma);
  EXPECT_EQ(gamma, 1.0f);  // a word of one name
  EXPECT_EQ(index.token(index.Find(U"trading")).document_frequency, 4u);
  EXPECT_EQ(index.Find(U"unseen"), kNoToken);
}

TEST(NameIndexTest, PostingsListEachNameOnceInOrder) {
  NameIndexBuilder builder;
  AnalyzedName two_forms = LatinWords("muller anna");
  two_forms.forms.push_back(LatinWords("mueller anna").forms[0]);
  two_forms.forms.back().scheme = "ascii";
  builder.Add(0, 0, EntityType::kPerson, LatinWords("anna schmidt"));
  builder.Add(1, 0, EntityType::kPerson, two_forms);
  EXPECT_FALSE(builder.Add(2, 0, EntityType::kPerson, AnalyzedName{}));
  builder.Add(3, 1, EntityType::kPerson, LatinWords("anna"));
  const NameIndex index = builder.Build();
  ASSERT_EQ(index.name_count(), 3u);
  const auto anna = index.postings(index.Find(U"anna"));
  EXPECT_EQ(std::vector<uint32_t>(anna.begin(), anna.end()), (std::vector<uint32_t>{0, 1, 2}));
  EXPECT_EQ(index.name(2).entry, 3u);
  EXPECT_EQ(index.name(2).name, 1u);
  const auto forms = index.forms(index.name(1));
  ASSERT_EQ(forms.size(), 2u);
  EXPECT_EQ(index.scheme(forms[1].scheme), "ascii");
  EXPECT_EQ(index.Utf8Text(index.tokens(forms[1])[0].token), "mueller");
}

TEST(NameIndexTest, KeysFindTyposAndRomanisations) {
  const NameIndex index = IndexOfLatinNames({"aleksandr shcherbakov", "romashka", "ivanov"});
  // Exact.
  EXPECT_EQ(TokensUnder(index, KeyHash(KeyKind::kExact, U"romashka")),
            std::vector<std::string>{"romashka"});
  // A deletion in the query ("romashk") and a substitution ("romashko") meet the stored
  // deletions of "romashka".
  bool found_deletion = false, found_substitution = false;
  ForEachQueryKey(U"romashk", MakeSpellingKeys(U"romashk"), [&](uint64_t key) {
    for (uint32_t id : index.KeyTokens(key)) found_deletion |= index.Utf8Text(id) == "romashka";
  });
  ForEachQueryKey(U"romashko", MakeSpellingKeys(U"romashko"), [&](uint64_t key) {
    for (uint32_t id : index.KeyTokens(key)) found_substitution |= index.Utf8Text(id) == "romashka";
  });
  EXPECT_TRUE(found_deletion);
  EXPECT_TRUE(found_substitution);
  // A different romanisation shares the skeleton.
  EXPECT_EQ(TokensUnder(index, SkeletonKey(U"alexander")), std::vector<std::string>{"aleksandr"});
  EXPECT_EQ(TokensUnder(index, SkeletonKey(U"scherbakov")),
            std::vector<std::string>{"shcherbakov"});
  // GOST 16876's "x" for х meets BGN's "kh" under the romanisation key.
  const NameIndex gost = IndexOfLatinNames({"mikhaylovna"});
  EXPECT_EQ(TokensUnder(gost, MakeSpellingKeys(U"mixajlovna").romanised[1]),
            std::vector<std::string>{"mikhaylovna"});
  EXPECT_TRUE(TokensUnder(gost, MakeSpellingKeys(U"mixajlovna").romanised[0]).empty());
  EXPECT_TRUE(TokensUnder(index, KeyHash(KeyKind::kExact, U"petrov")).empty());
  EXPECT_GT(index.MemoryBytes(), 0u);
}

std::vector<std::pair<uint32_t, double>> Similar(const NameIndex& index, const TokenView& word) {
  std::vector<std::pair<uint32_t, double>> similar;
  index.FindSimilar(word, similar);
  return similar;
}

TEST(NameIndexTest, FindSimilarRanksTheWordItselfFirst) {
  const NameIndex index = IndexOfLatinNames({"romashka", "romashko trading", "ivanov"});
  const std::u32string word = U"romashka";
  const auto similar = Similar(index, MakeTokenView(word));
  ASSERT_EQ(similar.size(), 2u);
  EXPECT_EQ(index.Utf8Text(similar[0].first), "romashka");
  EXPECT_EQ(similar[0].second, 1.0);
  EXPECT_EQ(index.Utf8Text(similar[1].first), "romashko");
  EXPECT_LT(similar[1].second, 1.0);
  const std::u32string unrelated = U"zzzz";
  EXPECT_TRUE(Similar(index, MakeTokenView(unrelated)).empty());
}

// What the build works out for every token is what FindSimilar finds for it as a listed word.
TEST(NameIndexTest, SimilarToTokenIsFindSimilarOfTheListedWord) {
  const NameIndex index = IndexOfLatinNames(
      {"romashka", "romashko trading", "ivanov", "ivanova", "aleksandr alexander"});
  for (uint32_t id = 0; id < index.token_count(); ++id) {
    TokenView word = index.view(id);
    word.in_dictionary = true;
    const auto precomputed = index.SimilarToToken(id);
    EXPECT_EQ(std::vector(precomputed.begin(), precomputed.end()), Similar(index, word))
        << index.Utf8Text(id);
  }
  const uint32_t romashka = index.Find(U"romashka");
  ASSERT_EQ(index.SimilarToToken(romashka).size(), 1u);  // "romashko" is a listed word too
  EXPECT_EQ(index.SimilarToToken(romashka)[0].first, romashka);
}

// Checks that FindSimilar(word) holds every dictionary token TokenSimilarity pairs `word` with,
// at that similarity; returns how many there are.
int ExpectKeysReachWhatItPairsWith(const NameIndex& index, const TokenView& word) {
  const auto found = Similar(index, word);
  std::string text;
  for (char32_t c : word.text) AppendUtf8(text, c);
  int pairs = 0;
  for (uint32_t id = 0; id < index.token_count(); ++id) {
    const double similarity = TokenSimilarity(word, index.view(id));
    if (similarity == 0) continue;
    ++pairs;
    auto it =
        std::find_if(found.begin(), found.end(), [&](const auto& f) { return f.first == id; });
    EXPECT_NE(it, found.end()) << text << " " << index.Utf8Text(id);
    if (it != found.end()) {
      EXPECT_EQ(it->second, similarity);
    }
  }
  return pairs;
}

// The matcher relies on the lookup keys reaching every dictionary token TokenSimilarity
// accepts: compare every pair of a set of words and their misspellings both ways.
TEST(NameIndexTest, KeysReachEveryTokenSimilarityAccepts) {
  std::mt19937_64 rng(5);
  const std::string letters = "abcdeghiklmnoprstuvyz";
  std::vector<std::string> words;
  for (int i = 0; i < 150; ++i) {
    std::string word;
    const size_t length = 2 + rng() % 11;
    for (size_t k = 0; k < length; ++k) word += letters[rng() % letters.size()];
    words.push_back(word);
    for (int v = 0; v < 3; ++v) {  // a substitution, an insertion or deletion, a transposition
      std::string variant = word;
      const size_t at = rng() % variant.size();
      if (v == 0) variant[at] = letters[rng() % letters.size()];
      if (v == 1 && variant.size() > 1 && rng() % 2) variant.erase(at, 1);
      if (v == 1 && variant.size() == word.size()) variant.insert(at, 1, letters[rng() % 21]);
      if (v == 2 && at + 1 < variant.size()) std::swap(variant[at], variant[at + 1]);
      words.push_back(variant);
    }
  }
  words.push_back("aleksandr");  // and pairs only the skeleton relates
  words.push_back("alexander");
  words.push_back("mukhammad");
  words.push_back("mohammed");
  words.push_back("sadoroschnyj");  // German sibilants, Dutch spellings
  words.push_back("zadorozhnyy");
  words.push_back("nebensja");
  words.push_back("nebenzya");
  words.push_back("ljoebomyra");
  words.push_back("lyubomira");
  const NameIndex index = IndexOfLatinNames(words);
  std::vector<std::u32string> texts;
  for (const std::string& w : words) texts.push_back(ToCodePoints(w));
  int similar_pairs = 0;
  for (const std::u32string& query : texts) {
    similar_pairs += ExpectKeysReachWhatItPairsWith(index, MakeTokenView(query));
  }
  EXPECT_GT(similar_pairs, 400);  // the words and their variants, both ways
}

// The same for abjad query words (romanised from Arabic or Hebrew script) against Latin
// names: random consonant strings with "w", "y", alifs and final "h", read against every word.
TEST(NameIndexTest, KeysReachEveryTokenAnAbjadWordPairsWith) {
  std::mt19937_64 rng(11);
  // The Latin consonants include those the abjad letters stand for in their other readings
  // (p for b, v for f, g for q), and words run long enough to reach the cap on readings.
  const std::string consonants = "bdfhklmnpqrstvwyzg";
  const std::string vowels = "aeiouy";
  std::vector<std::string> latin;
  std::vector<std::string> abjad;
  for (int i = 0; i < 400; ++i) {
    // A Latin word of 2 to 4 consonants with vowels around them, and the same consonants
    // as an abjad writes them, long vowels now and then.
    std::string word, written;
    const size_t length = 2 + rng() % 6;
    if (rng() % 3 == 0) {
      word += vowels[rng() % vowels.size()];
      written += 'a';
    }
    for (size_t k = 0; k < length; ++k) {
      const char c = consonants[rng() % consonants.size()];
      word += c;
      // The letter the abjad writes for it: b for p, f for v, q for g, now and then.
      const bool other = rng() % 2 == 0;
      written += other && c == 'p' ? 'b' : other && c == 'v' ? 'f' : other && c == 'g' ? 'q' : c;
      if (rng() % 2) {
        const char v = vowels[rng() % vowels.size()];
        word += v;
        if (rng() % 3 == 0) written += v == 'o' || v == 'u' ? 'w' : v == 'a' ? 'a' : 'y';
      }
    }
    if (rng() % 4 == 0) written += 'h';
    latin.push_back(word);
    abjad.push_back(written);
  }
  const NameIndex index = IndexOfLatinNames(latin);
  int pairs = 0;
  for (const std::string& query : abjad) {
    const std::u32string text = ToCodePoints(query);
    TokenView view = MakeTokenView(text);
    view.abjad = true;
    pairs += ExpectKeysReachWhatItPairsWith(index, view);
  }
  EXPECT_GT(pairs, 200);
}

}  // namespace
}  // namespace keruen::screening::internal
