#include "keruen/screening/match/similarity.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "keruen/core/utf8.h"

namespace keruen::screening {
namespace {

std::string ToUtf8(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) AppendUtf8(out, c);
  return out;
}

// Pairs covering what names look like: ASCII, Latin with diacritics, Cyrillic, empty,
// identical, transposed, typo'd and long strings. Deterministic (fixed seed, integer draws).
std::vector<std::pair<std::u32string, std::u32string>> MakePairs() {
  const std::u32string alphabets[] = {
      U"abcdefghijklmnopqrstuvwxyz", U"aeiouaeiouáéíóúäöüçñšžčłøåœß",
      U"абвгдеёжзийклмнопрстуфхцчшщъыьэюяқғңөұүһәі",
      U"ab",  // a tiny alphabet produces many repeated letters and transpositions
  };
  std::mt19937_64 rng(20240613);
  auto random_string = [&](const std::u32string& alphabet, size_t len) {
    std::u32string s;
    for (size_t i = 0; i < len; ++i) s.push_back(alphabet[rng() % alphabet.size()]);
    return s;
  };
  std::vector<std::pair<std::u32string, std::u32string>> pairs = {
      {U"", U""},
      {U"", U"a"},
      {U"abc", U""},
      {U"martha", U"marhta"},
      {U"dixon", U"dicksonx"},
      {U"jellyfish", U"smellyfish"},
      {U"shcherbakov", U"scherbakov"},
      {U"aleksandr", U"alexander"},
      {U"щербаков", U"щербакова"},
      {U"müller", U"mueller"},
      {U"x", U"xy"},
      {U"a", U"a"},
  };
  for (int round = 0; round < 400; ++round) {
    const std::u32string& alphabet = alphabets[round % 4];
    const size_t len = round % 37 == 0 ? 60 + rng() % 140 : rng() % 14;
    std::u32string a = random_string(alphabet, len);
    std::u32string b = a;
    switch (round % 6) {
      case 0:  // identical
        break;
      case 1:  // adjacent transposition
        if (b.size() >= 2) {
          const size_t i = rng() % (b.size() - 1);
          std::swap(b[i], b[i + 1]);
        }
        break;
      case 2:  // substitution
        if (!b.empty()) b[rng() % b.size()] = alphabet[rng() % alphabet.size()];
        break;
      case 3:  // deletion and insertion
        if (!b.empty()) b.erase(rng() % b.size(), 1);
        b.insert(b.begin() + static_cast<std::ptrdiff_t>(rng() % (b.size() + 1)),
                 alphabet[rng() % alphabet.size()]);
        break;
      case 4:  // unrelated string of another length
        b = random_string(alphabet, rng() % 14);
        break;
      case 5:  // several edits
        for (int e = 0; e < 3 && !b.empty(); ++e) b[rng() % b.size()] = alphabet[rng() % 3];
        b += random_string(alphabet, rng() % 3);
        break;
    }
    pairs.emplace_back(std::move(a), std::move(b));
  }
  return pairs;
}

// Scores every pair with python jellyfish (the reference implementation) and returns one
// "jaro_winkler levenshtein" line per pair.
std::vector<std::pair<double, int>> ScoreWithJellyfish(
    const std::vector<std::pair<std::u32string, std::u32string>>& pairs) {
  const auto dir = std::filesystem::temp_directory_path();
  const auto path = dir / ("keruen_similarity_pairs_" + std::to_string(getpid()) + ".tsv");
  {
    std::ofstream out(path, std::ios::binary);
    for (const auto& [a, b] : pairs) out << ToUtf8(a) << '\t' << ToUtf8(b) << '\n';
  }
  const std::string command =
      "/usr/bin/python3 -W ignore -c \"import sys, jellyfish\n"
      "for line in open(sys.argv[1], encoding='utf-8'):\n"
      "    a, b = line.rstrip('\\n').split('\\t')\n"
      "    print(repr(jellyfish.jaro_winkler_similarity(a, b)), "
      "jellyfish.levenshtein_distance(a, b))\" " +
      path.string();
  std::vector<std::pair<double, int>> scores;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return scores;
  std::string output;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  pclose(pipe);
  std::filesystem::remove(path);
  std::istringstream lines(output);
  double jw;
  int lev;
  while (lines >> jw >> lev) scores.emplace_back(jw, lev);
  return scores;
}

TEST(SimilarityTest, MatchesJellyfishOnGeneratedPairs) {
  const auto pairs = MakePairs();
  const auto expected = ScoreWithJellyfish(pairs);
  ASSERT_EQ(expected.size(), pairs.size()) << "python3 with jellyfish must be installed";
  for (size_t i = 0; i < pairs.size(); ++i) {
    const auto& [a, b] = pairs[i];
    SCOPED_TRACE("'" + ToUtf8(a) + "' vs '" + ToUtf8(b) + "'");
    EXPECT_NEAR(JaroWinklerSimilarity(a, b), expected[i].first, 1e-9);
    EXPECT_EQ(LevenshteinDistance(a, b), expected[i].second);
    // The bounded form agrees whenever the distance is within the bound and otherwise only
    // says "more than the bound".
    for (int bound = 0; bound <= 3; ++bound) {
      const int bounded = BoundedLevenshtein(a, b, bound);
      if (expected[i].second <= bound) {
        EXPECT_EQ(bounded, expected[i].second) << "bound " << bound;
      } else {
        EXPECT_GT(bounded, bound) << "bound " << bound;
      }
    }
  }
}

TEST(SimilarityTest, IsSymmetricForNames) {
  const std::u32string a = ToCodePoints("romashka");
  const std::u32string b = ToCodePoints("romaska");
  EXPECT_DOUBLE_EQ(JaroWinklerSimilarity(a, b), JaroWinklerSimilarity(b, a));
  EXPECT_EQ(LevenshteinDistance(a, b), 1);
}

TEST(SimilarityTest, DecodesUtf8ToCodePoints) {
  EXPECT_EQ(ToCodePoints("щ"), std::u32string(U"щ"));
  EXPECT_EQ(ToCodePoints("aé"), std::u32string(U"aé"));
  EXPECT_EQ(ToCodePoints("\xff"), std::u32string(U"\uFFFD"));
}

}  // namespace
}  // namespace keruen::screening
