#include "keruen/screening/match/internal/name_scorer.h"

#include <algorithm>
#include <cstdlib>

namespace keruen::screening::internal {

void NameScorer::UseDenseCache(size_t words, size_t tokens) {
  dense_.assign(words * tokens, -1.0);
  dense_tokens_ = tokens;
}

double NameScorer::Similarity(const ScoringToken& query, const ScoringToken& list) {
  if (dense_tokens_ == 0 || query.cache_id == kNoCacheId || list.cache_id == kNoCacheId) {
    return TokenSimilarity(*query.view, *list.view);
  }
  double* cached = dense_.data() + query.cache_id * dense_tokens_ + list.cache_id;
  if (*cached < 0) *cached = TokenSimilarity(*query.view, *list.view);
  return *cached;
}

FormScore NameScorer::Score(std::span<const ScoringToken> query, std::span<const ScoringToken> list,
                            EntityType type, std::vector<TokenPairing>* pairing,
                            bool surname_reference) {
  const bool person = type == EntityType::kPerson;
  const bool abbreviates = person || type == EntityType::kUnknown;
  const bool by_surname = surname_reference && abbreviates;
  const int nq = static_cast<int>(query.size());
  const int nl = static_cast<int>(list.size());
  candidates_.clear();
  bool query_initials = false;
  for (const ScoringToken& q : query) query_initials |= q.initial;
  // List token by list token: a tabulated token that resembles no query word pairs with
  // nothing but an initial, and most tokens of a candidate name are such. The order in which
  // candidates are found does not matter: the sort below orders them totally.
  for (int j = 0; j < nl; ++j) {
    const ScoringToken& l = list[j];
    if (l.tabulated && l.similarities == nullptr && !l.initial && !query_initials) continue;
    for (int i = 0; i < nq; ++i) {
      const ScoringToken& q = query[i];
      if (q.initial || l.initial) {
        if (q.first == 0 || q.first != l.first) continue;
        const bool both = q.initial && l.initial;
        if (!both && !abbreviates) continue;
        // The weight is the abbreviated token's: an initial says no more than the word it
        // stands for, and much less.
        const double weight = kInitialWeight * (l.initial && !both ? q.weight : l.weight);
        const double similarity = both ? 1.0 : kInitialSimilarity;
        candidates_.push_back(
            {similarity * weight, similarity, weight, i, j, TokenPairKind::kInitial});
      } else {
        const double similarity =
            l.tabulated ? (l.similarities != nullptr ? l.similarities[q.cache_id] : 0.0)
                        : Similarity(q, l);
        if (similarity <= 0) continue;
        // The lighter weight: a misspelt common word is still a common word.
        const double weight = std::min(q.weight, l.weight);
        candidates_.push_back(
            {similarity * weight, similarity, weight, i, j, TokenPairKind::kPaired});
      }
    }
  }
  FormScore result;
  if (candidates_.empty() && pairing == nullptr) return result;  // nothing in common
  std::sort(candidates_.begin(), candidates_.end(), [](const Candidate& a, const Candidate& b) {
    if (a.strength != b.strength) return a.strength > b.strength;
    if (a.similarity != b.similarity) return a.similarity > b.similarity;
    const int da = std::abs(a.query - a.list), db = std::abs(b.query - b.list);
    if (da != db) return da < db;  // equal evidence: keep the written order
    return a.query != b.query ? a.query < b.query : a.list < b.list;
  });

  query_partner_.assign(nq, -1);
  list_partner_.assign(nl, -1);
  query_choice_.assign(nq, -1);
  double word_weight = 0;  // paired weight of whole words (initials excluded)
  for (size_t c = 0; c < candidates_.size(); ++c) {
    const Candidate& candidate = candidates_[c];
    if (query_partner_[candidate.query] >= 0 || list_partner_[candidate.list] >= 0) continue;
    query_partner_[candidate.query] = candidate.list;
    list_partner_[candidate.list] = candidate.query;
    query_choice_[candidate.query] = static_cast<int>(c);
    result.paired_weight += candidate.weight;
    result.similarity_sum += candidate.strength;
    if (candidate.kind == TokenPairKind::kPaired) word_weight += candidate.weight;
  }

  bool query_patronymic = false;
  bool list_patronymic = false;
  for (int i = 0; i < nq; ++i) query_patronymic |= query_partner_[i] < 0 && query[i].patronymic;
  // A list token between the first and the last partnered ones has partnered tokens on both
  // sides: in a person's name, a dropped middle name.
  int first_partnered = nl;
  int last_partnered = -1;
  for (int j = 0; j < nl; ++j) {
    list_patronymic |= list_partner_[j] < 0 && list[j].patronymic;
    if (list_partner_[j] >= 0) {
      first_partnered = std::min(first_partnered, j);
      last_partnered = j;
    }
  }
  const bool patronymics_differ = query_patronymic && list_patronymic;
  // `listed`: the token is the list's. The given names a surname reference leaves out cost
  // like dropped middle names, at their own weight.
  auto penalty = [&](const ScoringToken& token, bool middle, bool listed) {
    if (token.patronymic && !patronymics_differ)
      return TokenPairing{-1, -1, 0, 0, TokenPairKind::kOptional};
    const bool left_out = listed && by_surname;
    const double factor = middle || left_out ? kMiddlePenalty : kUnpairedPenalty;
    const double weight =
        person && !left_out ? std::max(token.weight, kMinPersonWordWeight) : token.weight;
    return TokenPairing{-1, -1, 0, factor * weight * (token.initial ? kInitialWeight : 1.0),
                        TokenPairKind::kUnpaired};
  };

  if (pairing != nullptr) pairing->clear();
  for (int i = 0; i < nq; ++i) {
    if (query_partner_[i] >= 0) {
      const Candidate& c = candidates_[query_choice_[i]];
      if (pairing != nullptr) pairing->push_back({i, c.list, c.similarity, c.weight, c.kind});
      continue;
    }
    TokenPairing line = penalty(query[i], /*middle=*/false, /*listed=*/false);
    line.query = i;
    result.unpaired_weight += line.weight;
    if (pairing != nullptr) pairing->push_back(line);
  }
  for (int j = 0; j < nl; ++j) {
    if (list_partner_[j] >= 0) continue;
    TokenPairing line =
        penalty(list[j], person && first_partnered < j && j < last_partnered, /*listed=*/true);
    line.list = j;
    result.unpaired_weight += line.weight;
    if (pairing != nullptr) pairing->push_back(line);
  }

  result.surname_reference = by_surname;
  if (result.paired_weight <= 0) return result;
  result.score = result.similarity_sum / (result.paired_weight + result.unpaired_weight);
  const double min_paired_weight = by_surname ? kMinSurnameWeight : kMinPairedWeight;
  if (word_weight < min_paired_weight) {
    result.specificity = word_weight / min_paired_weight;
    result.score *= result.specificity;
  }
  return result;
}

}  // namespace keruen::screening::internal
