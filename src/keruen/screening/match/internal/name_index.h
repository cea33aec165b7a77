// The searchable form of every listed name: a token dictionary with rarity weights, postings
// from tokens to names, and lookup keys that find dictionary tokens from misspelt or
// differently romanised query tokens (token_keys.h).
//
// Everything is stored in flat arrays indexed by 32-bit ids, so one million names take tens
// of megabytes and a query touches a handful of cache lines per token. Built once by
// NameIndexBuilder, immutable afterwards, so any number of threads may read it.
#ifndef KERUEN_SCREENING_MATCH_INTERNAL_NAME_INDEX_H_
#define KERUEN_SCREENING_MATCH_INTERNAL_NAME_INDEX_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "keruen/screening/lists/list_entry.h"
#include "keruen/screening/match/internal/token_similarity.h"
#include "keruen/screening/text/name_analyzer.h"

namespace keruen::screening::internal {

inline constexpr uint32_t kNoToken = 0xFFFFFFFF;

// One token of an indexed form, in written order.
struct FormToken {
  uint32_t token = kNoToken;  // dictionary id
  bool initial = false;
  bool patronymic = false;
};

// One Latin spelling (NameForm) of one listed name.
struct IndexedForm {
  uint32_t name = 0;         // index into NameIndex names
  uint32_t first_token = 0;  // into NameIndex form tokens
  uint16_t token_count = 0;
  uint8_t scheme = 0;  // index into NameIndex::schemes()
  float weight = 0;    // sum of the weights of its distinct tokens that are neither
                       // initials nor patronymics
};

// One ListName of one entry, with its forms stored contiguously.
struct IndexedName {
  uint32_t entry = 0;  // index into the entries the index was built for
  uint32_t first_form = 0;
  uint16_t name = 0;  // index into ListEntry::names
  uint16_t form_count = 0;
  EntityType type = EntityType::kUnknown;
};

// What bounding a name's score before scoring it needs: the lightest form's weight
// (IndexedForm::weight, each distinct token counted once), the most initials any form has, and
// whether a form repeats a token (then the bound does not hold: both repeats may pair). Kept
// apart from IndexedName, 8 bytes a name: a query bounds hundreds of names at random, and the
// array of bounds stays in cache where the names would not.
struct NameBound {
  float min_weight = 0;
  uint16_t initials = 0;
  bool person = false;
  bool repeats_token = false;
};

struct TokenInfo {
  uint32_t text_begin = 0;  // code points in the text arena
  uint32_t text_size = 0;
  uint32_t postings_begin = 0;      // postings end where the next token's begin
  uint32_t document_frequency = 0;  // names containing the token in any form
  SpellingKeys keys;
  uint64_t letters = 0;
  bool has_digit = false;
};

class NameIndex {
 public:
  size_t name_count() const { return names_.size(); }
  size_t token_count() const { return tokens_.size(); }
  const IndexedName& name(uint32_t id) const { return names_[id]; }
  const NameBound& bound(uint32_t id) const { return bounds_[id]; }
  std::span<const IndexedForm> forms(const IndexedName& name) const {
    return {forms_.data() + name.first_form, name.form_count};
  }
  std::span<const FormToken> tokens(const IndexedForm& form) const {
    return {form_tokens_.data() + form.first_token, form.token_count};
  }
  const std::string& scheme(uint8_t id) const { return schemes_[id]; }

  const TokenInfo& token(uint32_t id) const { return tokens_[id]; }
  // The token's rarity weight in (0, 1]. Weights and first letters sit in arrays of their own,
  // the part of a token that scoring a candidate reads.
  float weight(uint32_t id) const { return weights_[id]; }
  char32_t first_letter(uint32_t id) const { return first_letters_[id]; }
  std::u32string_view text(uint32_t id) const {
    return {text_arena_.data() + tokens_[id].text_begin, tokens_[id].text_size};
  }
  TokenView view(uint32_t id) const {
    return {text(id), tokens_[id].keys, tokens_[id].letters, tokens_[id].has_digit};
  }
  std::string Utf8Text(uint32_t id) const;
  // The names that contain the token, ascending.
  std::span<const uint32_t> postings(uint32_t id) const {
    const uint32_t end = id + 1 < tokens_.size() ? tokens_[id + 1].postings_begin
                                                 : static_cast<uint32_t>(postings_.size());
    return {postings_.data() + tokens_[id].postings_begin, end - tokens_[id].postings_begin};
  }

  // The dictionary tokens stored under a key (token_keys.h); may include tokens that merely
  // share the 64-bit hash.
  std::span<const uint32_t> KeyTokens(uint64_t key) const;
  // The id of a token spelled exactly `text`, or kNoToken.
  uint32_t Find(std::u32string_view text) const;
  // Every dictionary token that passes TokenSimilarity with `word` (the lookup keys reach all
  // of them, token_keys.h), as (token, similarity), most similar first, then by id. `similar`
  // is cleared first; passing the same vector for every word saves allocations.
  void FindSimilar(const TokenView& word, std::vector<std::pair<uint32_t, double>>& similar) const;
  // FindSimilar of dictionary token `id` as a query word the lists hold (in_dictionary), worked
  // out once at build: most query words are listed words ("john", "ivanov", "trading"), and
  // screening a batch looks the same ones up again and again.
  std::span<const std::pair<uint32_t, double>> SimilarToToken(uint32_t id) const {
    return {similar_.data() + similar_begin_[id], similar_begin_[id + 1] - similar_begin_[id]};
  }

  // Bytes held by the index arrays (not counting allocator overhead).
  size_t MemoryBytes() const;

 private:
  friend class NameIndexBuilder;
  // Starts loading the hash slot of `key`, so that looking up a batch of keys waits for
  // memory once rather than once per key.
  void PrefetchKey(uint64_t key) const;

  struct KeySlot {
    uint64_t key = 0;  // 0 marks an empty slot
    uint32_t begin = 0;
    uint32_t count = 0;
  };

  std::vector<IndexedName> names_;
  std::vector<NameBound> bounds_;  // one per name
  std::vector<IndexedForm> forms_;
  std::vector<FormToken> form_tokens_;
  std::vector<std::string> schemes_;
  std::vector<TokenInfo> tokens_;
  std::vector<float> weights_;
  std::u32string first_letters_;
  std::u32string text_arena_;
  std::vector<uint32_t> postings_;
  std::vector<KeySlot> key_slots_;  // open addressing, power-of-two size
  std::vector<uint32_t> key_tokens_;
  // SimilarToToken(id) is similar_[similar_begin_[id] .. similar_begin_[id + 1]).
  std::vector<uint32_t> similar_begin_;
  std::vector<std::pair<uint32_t, double>> similar_;
};

class NameIndexBuilder {
 public:
  // Adds the forms of entry `entry`'s name number `name_index`. Names without tokens (nothing
  // left after analysis) are skipped: returns whether the name was added.
  bool Add(uint32_t entry, uint16_t name_index, EntityType type, const AnalyzedName& analyzed);
  // Computes weights, postings and keys. The builder is left empty.
  NameIndex Build();

 private:
  uint32_t Intern(const std::string& text);
  uint8_t InternScheme(const std::string& scheme);

  NameIndex index_;
  std::unordered_map<std::string, uint32_t> dictionary_;
  std::vector<std::pair<uint32_t, uint32_t>> occurrences_;  // (token, name), once per name
};

}  // namespace keruen::screening::internal

#endif  // KERUEN_SCREENING_MATCH_INTERNAL_NAME_INDEX_H_
