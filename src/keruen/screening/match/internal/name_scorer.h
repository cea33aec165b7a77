// The name score: how well one Latin form of the query covers one form of a listed name.
//
// Tokens are paired one to one regardless of word order, most similar (and heaviest) pairs
// first. Each token weighs what its rarity says (NameIndex weights), so a shared "trading"
// proves little and a shared rare surname a lot:
//
//   score = sum(similarity * weight over pairs)
//           / (sum(weight over pairs) + sum(penalty over unpaired tokens))
//
// An unpaired token's penalty is its weight times kUnpairedPenalty, or kMiddlePenalty for a
// listed person's middle name the query leaves out (a listed token between two paired ones:
// "John Smith" for "John Michael Smith"). In a person's name every word identifies, however
// common it is among listed names (given names are), so there an unpaired word weighs at least
// kMinPersonWordWeight. Patronymics missing on one side cost nothing; when both sides have one
// and they differ, they count like other tokens. In a person's name an initial pairs with any
// token of the same first letter at kInitialSimilarity and kInitialWeight of that token's
// weight (in other names a single letter pairs only with itself). Finally, when the
// paired whole words (initials aside) together weigh less than kMinPairedWeight (one common
// word such as "trading" or "muhammad" alone, or nothing but initials), the score is scaled
// down in proportion: such a name identifies no one.
//
// A surname reference, a title and one word ("President Putin", "Президент Путин", "Dr.
// Ivanov"), names a person by surname on purpose: the words it leaves out of a listed
// person's (or an untyped) name, the given names, cost what a dropped middle name costs,
// kMiddlePenalty of their weight, with no person's minimum. The scorer cannot tell a listed
// surname from a given name, so a given name with a title ("President Ramzan") is read the
// same way: it scores 0.86 against Ramzan KADYROV, whose surname weighs more than his given
// names. In exchange the one word must identify by itself:
// the specificity scale starts below kMinSurnameWeight, the weight of a word in about thirty
// of the lists' 79,000 names. "President Putin" hits Vladimir Vladimirovich Putin; "Mr Smith"
// hits no listed Smith.
#ifndef KERUEN_SCREENING_MATCH_INTERNAL_NAME_SCORER_H_
#define KERUEN_SCREENING_MATCH_INTERNAL_NAME_SCORER_H_

#include <cstdint>
#include <span>
#include <vector>

#include "keruen/screening/match/hit.h"
#include "keruen/screening/match/internal/token_similarity.h"

namespace keruen::screening::internal {

inline constexpr double kInitialSimilarity = 0.9;
inline constexpr double kInitialWeight = 0.3;
inline constexpr double kUnpairedPenalty = 0.5;
inline constexpr double kMiddlePenalty = 0.2;
inline constexpr double kMinPersonWordWeight = 0.5;
inline constexpr double kMinPairedWeight = 0.3;
inline constexpr double kMinSurnameWeight = 0.5;

// A token of one form as the scorer sees it.
// Small (the scorer copies and compares many of them): the word's TokenView is pointed to.
struct ScoringToken {
  const TokenView* view = nullptr;  // may be null when `tabulated`
  char32_t first = 0;               // the first code point, which initials are compared by
  // The query side: the word's index in the query (PreparedName::words); the list side: the
  // dictionary id. kNoCacheId when the token has neither (a name compared once).
  uint32_t cache_id = 0;
  double weight = 1;
  bool initial = false;
  bool patronymic = false;
  // List side, when the similarities were tabulated for the query (PreparedName): this
  // token's similarity to each query word, or null when it resembles none of them.
  bool tabulated = false;
  const double* similarities = nullptr;
};
inline constexpr uint32_t kNoCacheId = 0xFFFFFFFF;

// One line of the alignment, for explanations.
struct TokenPairing {
  int query = -1;  // token position in the query form, -1 for a list token without partner
  int list = -1;   // token position in the list form, -1 for a query token without partner
  double similarity = 0;
  // A pair's weight, or an unpaired token's penalty (what it adds to the denominator).
  double weight = 0;
  TokenPairKind kind = TokenPairKind::kPaired;
};

struct FormScore {
  double score = 0;
  double paired_weight = 0;        // sum of pair weights
  double similarity_sum = 0;       // sum of similarity * weight over pairs
  double unpaired_weight = 0;      // sum of penalties
  double specificity = 1;          // the scale applied for too little paired weight, else 1
  bool surname_reference = false;  // scored as a title and a surname (see above)
};

// Scratch for scoring one query against many forms, reusing its buffers. Token similarities
// come from the list tokens' table when tabulated, else from TokenSimilarity (through a
// words x dictionary cache when UseDenseCache was called). One per query (per thread); not
// thread-safe.
class NameScorer {
 public:
  // Caches the similarities of `words` query words to a dictionary of `tokens` tokens: for
  // ScreenBruteForce, which compares the query with every token.
  void UseDenseCache(size_t words, size_t tokens);

  // `type`: what the listed name belongs to. A person's middle names may be dropped cheaply
  // and every word of a person's name identifies; initials abbreviate only the names of
  // persons (or of what is of unknown type): in "EMILY S" or "AAS-T" the letter is part of
  // a vessel's or an organisation's name and pairs only with the same letter.
  // `pairing`, when not null, receives one line per pair and per unpaired token.
  // `surname_reference`: the query is a title and one word (PreparedName::surname_reference);
  // it changes the score only against a person's or an untyped name.
  FormScore Score(std::span<const ScoringToken> query, std::span<const ScoringToken> list,
                  EntityType type, std::vector<TokenPairing>* pairing = nullptr,
                  bool surname_reference = false);

 private:
  struct Candidate {
    double strength;  // similarity * weight
    double similarity;
    double weight;
    int query;
    int list;
    TokenPairKind kind;
  };
  // The similarity of two tokens when `list` is not tabulated (Score reads a table itself).
  double Similarity(const ScoringToken& query, const ScoringToken& list);

  std::vector<Candidate> candidates_;
  std::vector<int> query_partner_;
  std::vector<int> list_partner_;
  std::vector<int> query_choice_;  // the candidate that paired each query token
  std::vector<double> dense_;      // word * dense_tokens_ + token -> similarity, < 0 unknown
  size_t dense_tokens_ = 0;
};

}  // namespace keruen::screening::internal

#endif  // KERUEN_SCREENING_MATCH_INTERNAL_NAME_SCORER_H_
