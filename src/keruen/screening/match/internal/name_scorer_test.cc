#include "keruen/screening/match/internal/name_scorer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <string>
#include <vector>

#include "keruen/core/utf8.h"
#include "keruen/screening/match/similarity.h"

namespace keruen::screening::internal {
namespace {

// Builds scorer tokens from "word:weight" items; a trailing "." marks an initial, a leading
// "~" a patronymic.
class Tokens {
 public:
  std::vector<ScoringToken> Make(std::initializer_list<std::pair<std::string, double>> items) {
    std::vector<ScoringToken> out;
    for (const auto& [spec, weight] : items) {
      std::string word = spec;
      ScoringToken token;
      if (!word.empty() && word.front() == '~') {
        token.patronymic = true;
        word.erase(0, 1);
      }
      if (!word.empty() && word.back() == '.') {
        token.initial = true;
        word.pop_back();
      }
      const std::u32string& text = texts_.emplace_back(ToCodePoints(word));
      token.view = &views_.emplace_back(MakeTokenView(text));
      token.first = text.empty() ? 0 : text[0];
      token.cache_id = kNoCacheId;
      token.weight = weight;
      out.push_back(token);
    }
    return out;
  }

 private:
  std::deque<std::u32string> texts_;  // stable addresses for the views
  std::deque<TokenView> views_;       // and for the tokens' pointers to them
};

TEST(NameScorerTest, IdenticalNamesInAnyOrderScoreOne) {
  Tokens t;
  NameScorer scorer;
  const auto query = t.Make({{"ivan", 0.5}, {"petrov", 0.8}});
  EXPECT_DOUBLE_EQ(
      scorer.Score(query, t.Make({{"ivan", 0.5}, {"petrov", 0.8}}), EntityType::kPerson).score,
      1.0);
  EXPECT_DOUBLE_EQ(
      scorer.Score(query, t.Make({{"petrov", 0.8}, {"ivan", 0.5}}), EntityType::kPerson).score,
      1.0);
}

TEST(NameScorerTest, UnpairedRareWordCostsMoreThanCommonWord) {
  Tokens t;
  NameScorer scorer;
  const auto query = t.Make({{"romashka", 1.0}});
  const double with_common =
      scorer.Score(query, t.Make({{"romashka", 1.0}, {"trading", 0.1}}), EntityType::kOrganization)
          .score;
  const double with_rare =
      scorer.Score(query, t.Make({{"romashka", 1.0}, {"vasilek", 1.0}}), EntityType::kOrganization)
          .score;
  EXPECT_GT(with_common, 0.9);
  EXPECT_LT(with_rare, 0.7);
  // 1 / (1 + 0.5 * 0.1) and 1 / (1 + 0.5 * 1.0).
  EXPECT_NEAR(with_common, 1.0 / (1.0 + kUnpairedPenalty * 0.1), 1e-12);
  EXPECT_NEAR(with_rare, 1.0 / (1.0 + kUnpairedPenalty * 1.0), 1e-12);
}

TEST(NameScorerTest, DroppedMiddleNameOfAPersonCostsLess) {
  Tokens t;
  NameScorer scorer;
  const auto query = t.Make({{"john", 0.5}, {"smith", 0.6}});
  const auto listed = t.Make({{"john", 0.5}, {"michael", 0.5}, {"smith", 0.6}});
  const double person = scorer.Score(query, listed, EntityType::kPerson).score;
  const double organisation = scorer.Score(query, listed, EntityType::kOrganization).score;
  EXPECT_NEAR(person, 1.1 / (1.1 + kMiddlePenalty * 0.5), 1e-12);
  EXPECT_NEAR(organisation, 1.1 / (1.1 + kUnpairedPenalty * 0.5), 1e-12);
  // A word at the end is not a middle name even for a person.
  const double trailing =
      scorer
          .Score(query, t.Make({{"john", 0.5}, {"smith", 0.6}, {"michael", 0.5}}),
                 EntityType::kPerson)
          .score;
  EXPECT_NEAR(trailing, organisation, 1e-12);
}

TEST(NameScorerTest, MissingPatronymicIsFreeButADifferentOneIsNot) {
  Tokens t;
  NameScorer scorer;
  std::vector<TokenPairing> pairing;
  const auto query = t.Make({{"ivan", 0.5}, {"ivanov", 0.7}});
  const FormScore missing =
      scorer.Score(query, t.Make({{"ivan", 0.5}, {"~sergeevich", 0.6}, {"ivanov", 0.7}}),
                   EntityType::kPerson, &pairing);
  EXPECT_DOUBLE_EQ(missing.score, 1.0);
  ASSERT_EQ(pairing.size(), 3u);
  EXPECT_EQ(pairing.back().kind, TokenPairKind::kOptional);
  EXPECT_EQ(pairing.back().list, 1);

  const auto with_other = t.Make({{"ivan", 0.5}, {"~petrovich", 0.6}, {"ivanov", 0.7}});
  const double differ =
      scorer
          .Score(with_other, t.Make({{"ivan", 0.5}, {"~sergeevich", 0.6}, {"ivanov", 0.7}}),
                 EntityType::kPerson)
          .score;
  EXPECT_LT(differ, 0.95);
}

TEST(NameScorerTest, InitialPairsWithReducedWeight) {
  Tokens t;
  NameScorer scorer;
  std::vector<TokenPairing> pairing;
  const FormScore score =
      scorer.Score(t.Make({{"v.", 0.3}, {"putin", 0.9}}),
                   t.Make({{"vladimir", 0.6}, {"putin", 0.9}}), EntityType::kPerson, &pairing);
  ASSERT_EQ(pairing.size(), 2u);
  EXPECT_EQ(pairing[0].kind, TokenPairKind::kInitial);
  EXPECT_EQ(pairing[0].list, 0);
  EXPECT_DOUBLE_EQ(pairing[0].similarity, kInitialSimilarity);
  EXPECT_DOUBLE_EQ(pairing[0].weight, kInitialWeight * 0.6);
  EXPECT_GT(score.score, 0.95);
  EXPECT_LT(score.score, 1.0);
  // An initial of another letter does not pair.
  const FormScore other =
      scorer.Score(t.Make({{"a.", 0.3}, {"putin", 0.9}}),
                   t.Make({{"vladimir", 0.6}, {"putin", 0.9}}), EntityType::kPerson, &pairing);
  EXPECT_LT(other.score, score.score);
}

TEST(NameScorerTest, OneCommonWordAloneIdentifiesNoOne) {
  Tokens t;
  NameScorer scorer;
  const FormScore common = scorer.Score(t.Make({{"trading", 0.1}}), t.Make({{"trading", 0.1}}),
                                        EntityType::kOrganization);
  EXPECT_DOUBLE_EQ(common.specificity, 0.1 / kMinPairedWeight);
  EXPECT_DOUBLE_EQ(common.score, 0.1 / kMinPairedWeight);
  const FormScore rare = scorer.Score(t.Make({{"romashka", 1.0}}), t.Make({{"romashka", 1.0}}),
                                      EntityType::kOrganization);
  EXPECT_DOUBLE_EQ(rare.score, 1.0);
}

TEST(NameScorerTest, TitleAndRareSurnameNameTheListedPerson) {
  Tokens t;
  NameScorer scorer;
  std::vector<TokenPairing> pairing;
  const auto surname = t.Make({{"putin", 0.67}});
  const auto listed = t.Make({{"vladimir", 0.2}, {"~vladimirovich", 0.2}, {"putin", 0.67}});
  const FormScore plain = scorer.Score(surname, listed, EntityType::kPerson);
  const FormScore titled =
      scorer.Score(surname, listed, EntityType::kPerson, &pairing, /*surname_reference=*/true);
  EXPECT_TRUE(titled.surname_reference);
  EXPECT_FALSE(plain.surname_reference);
  // The given name left out costs a dropped middle name's share of its own weight.
  EXPECT_DOUBLE_EQ(titled.score, 0.67 / (0.67 + kMiddlePenalty * 0.2));
  EXPECT_LT(plain.score, titled.score);
  ASSERT_EQ(pairing.size(), 3u);
  EXPECT_EQ(pairing[1].kind, TokenPairKind::kUnpaired);
  EXPECT_DOUBLE_EQ(pairing[1].weight, kMiddlePenalty * 0.2);
  EXPECT_EQ(pairing[2].kind, TokenPairKind::kOptional);
  // An untyped name (a pair compared by `keruen screen pairs`) is read the same way.
  EXPECT_DOUBLE_EQ(scorer.Score(surname, listed, EntityType::kUnknown, nullptr, true).score,
                   titled.score);
}

TEST(NameScorerTest, TitleAndCommonSurnameIdentifyNoOne) {
  Tokens t;
  NameScorer scorer;
  const auto listed = t.Make({{"john", 0.2}, {"smith", 0.3}});
  const FormScore smith = scorer.Score(t.Make({{"smith", 0.3}}), listed, EntityType::kPerson,
                                       nullptr, /*surname_reference=*/true);
  EXPECT_DOUBLE_EQ(smith.specificity, 0.3 / kMinSurnameWeight);
  EXPECT_DOUBLE_EQ(smith.score, 0.3 / (0.3 + kMiddlePenalty * 0.2) * 0.3 / kMinSurnameWeight);
  EXPECT_LT(smith.score, 0.7);
}

TEST(NameScorerTest, TitleChangesNothingAgainstAnOrganisation) {
  Tokens t;
  NameScorer scorer;
  const auto query = t.Make({{"sever", 0.9}});
  const auto listed = t.Make({{"sever", 0.9}, {"stal", 0.6}});
  const FormScore plain = scorer.Score(query, listed, EntityType::kOrganization);
  const FormScore titled =
      scorer.Score(query, listed, EntityType::kOrganization, nullptr, /*surname_reference=*/true);
  EXPECT_DOUBLE_EQ(titled.score, plain.score);
  EXPECT_FALSE(titled.surname_reference);
}

TEST(NameScorerTest, InitialsAloneIdentifyNoOne) {
  Tokens t;
  NameScorer scorer;
  std::vector<TokenPairing> pairing;
  const FormScore initials =
      scorer.Score(t.Make({{"ascotec", 1.0}, {"k.", 0.3}}),
                   t.Make({{"a.", 0.3}, {"kontrakt", 1.0}}), EntityType::kUnknown, &pairing);
  ASSERT_EQ(pairing.size(), 2u);
  EXPECT_EQ(pairing[0].kind, TokenPairKind::kInitial);
  EXPECT_EQ(initials.specificity, 0.0);
  EXPECT_EQ(initials.score, 0.0);
}

TEST(NameScorerTest, OnlyNamesOfPersonsHaveInitials) {
  Tokens t;
  NameScorer scorer;
  std::vector<TokenPairing> pairing;
  // "EMILY S" is a vessel: its "S" abbreviates nothing.
  const auto query = t.Make({{"emily", 0.8}, {"stout", 0.6}});
  const auto vessel = t.Make({{"emily", 0.8}, {"s.", 0.3}});
  const FormScore as_vessel = scorer.Score(query, vessel, EntityType::kVessel, &pairing);
  EXPECT_TRUE(std::none_of(pairing.begin(), pairing.end(), [](const TokenPairing& p) {
    return p.kind == TokenPairKind::kInitial;
  }));
  const FormScore as_person = scorer.Score(query, vessel, EntityType::kPerson);
  EXPECT_LT(as_vessel.score, as_person.score);
  // The same letter written alone on both sides still pairs.
  const FormScore same_letter =
      scorer.Score(t.Make({{"emily", 0.8}, {"s.", 0.3}}), vessel, EntityType::kVessel);
  EXPECT_DOUBLE_EQ(same_letter.score, 1.0);
}

TEST(NameScorerTest, TypoLowersTheScoreByItsSimilarity) {
  Tokens t;
  NameScorer scorer;
  std::vector<TokenPairing> pairing;
  const FormScore score = scorer.Score(t.Make({{"romashka", 1.0}}), t.Make({{"romaska", 1.0}}),
                                       EntityType::kOrganization, &pairing);
  ASSERT_EQ(pairing.size(), 1u);
  EXPECT_NEAR(score.score, JaroWinklerSimilarity(U"romashka", U"romaska"), 1e-12);
  EXPECT_LT(score.score, 1.0);
}

TEST(NameScorerTest, UnrelatedNamesScoreZero) {
  Tokens t;
  NameScorer scorer;
  EXPECT_EQ(
      scorer.Score(t.Make({{"ivan", 0.5}}), t.Make({{"john", 0.5}}), EntityType::kPerson).score,
      0.0);
  EXPECT_EQ(scorer.Score({}, t.Make({{"john", 0.5}}), EntityType::kPerson).score, 0.0);
}

}  // namespace
}  // namespace keruen::screening::internal
