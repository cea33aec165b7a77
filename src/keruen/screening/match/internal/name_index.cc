#include "keruen/screening/match/internal/name_index.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cmath>
#include <limits>

#include "keruen/core/utf8.h"
#include "keruen/screening/match/internal/token_keys.h"
#include "keruen/screening/match/similarity.h"

namespace keruen::screening::internal {
namespace {

// 0 marks an empty hash slot, so a key that happens to hash to 0 is stored as 1.
uint64_t SlotKey(uint64_t key) { return key != 0 ? key : 1; }

// A token found in `df` of `names` names weighs log(names / df) / log(names): 1 for a token of
// one name, 0.5 for a token in one name of sqrt(names). Squaring makes words that recur in
// hundreds of names ("trading", "group", "muhammad") count for much less than the rare ones
// that identify a subject. A floor keeps every token worth something.
constexpr float kMinTokenWeight = 0.02f;

float TokenWeight(uint32_t df, size_t names) {
  if (names < 2 || df == 0) return 1.0f;
  const double idf =
      std::log(static_cast<double>(names) / df) / std::log(static_cast<double>(names));
  return std::clamp(static_cast<float>(idf * idf), kMinTokenWeight, 1.0f);
}

}  // namespace

std::string NameIndex::Utf8Text(uint32_t id) const {
  std::string out;
  for (char32_t c : text(id)) AppendUtf8(out, c);
  return out;
}

std::span<const uint32_t> NameIndex::KeyTokens(uint64_t key) const {
  if (key_slots_.empty()) return {};
  key = SlotKey(key);
  const size_t mask = key_slots_.size() - 1;
  for (size_t i = key & mask;; i = (i + 1) & mask) {
    const KeySlot& slot = key_slots_[i];
    if (slot.key == key) return {key_tokens_.data() + slot.begin, slot.count};
    if (slot.key == 0) return {};
  }
}

void NameIndex::PrefetchKey(uint64_t key) const {
  if (!key_slots_.empty()) __builtin_prefetch(&key_slots_[SlotKey(key) & (key_slots_.size() - 1)]);
}

uint32_t NameIndex::Find(std::u32string_view text) const {
  for (uint32_t id : KeyTokens(KeyHash(KeyKind::kExact, text))) {
    if (this->text(id) == text) return id;
  }
  return kNoToken;
}

void NameIndex::FindSimilar(const TokenView& word,
                            std::vector<std::pair<uint32_t, double>>& similar) const {
  // All keys first, their slots prefetched, so that the lookups wait for memory together.
  uint64_t keys[kMaxQueryKeys];
  size_t key_count = 0;
  ForEachQueryKey(
      word.text, word.keys,
      [&](uint64_t key) {
        PrefetchKey(key);
        keys[key_count++] = key;
      },
      word.abjad);
  // A token reached by several keys is compared once.
  thread_local std::vector<uint32_t> found;
  found.clear();
  for (size_t k = 0; k < key_count; ++k) {
    const auto tokens = KeyTokens(keys[k]);
    found.insert(found.end(), tokens.begin(), tokens.end());
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  similar.clear();
  for (uint32_t id : found) {
    const double similarity = TokenSimilarity(word, view(id));
    if (similarity > 0) similar.emplace_back(id, similarity);
  }
  std::sort(similar.begin(), similar.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
}

size_t NameIndex::MemoryBytes() const {
  size_t bytes =
      names_.capacity() * sizeof(IndexedName) + bounds_.capacity() * sizeof(NameBound) +
      forms_.capacity() * sizeof(IndexedForm) + form_tokens_.capacity() * sizeof(FormToken) +
      tokens_.capacity() * sizeof(TokenInfo) + weights_.capacity() * sizeof(float) +
      first_letters_.capacity() * sizeof(char32_t) + text_arena_.capacity() * sizeof(char32_t) +
      postings_.capacity() * sizeof(uint32_t) + key_slots_.capacity() * sizeof(KeySlot) +
      key_tokens_.capacity() * sizeof(uint32_t) + similar_begin_.capacity() * sizeof(uint32_t) +
      similar_.capacity() * sizeof(std::pair<uint32_t, double>);
  for (const std::string& s : schemes_) bytes += sizeof(s) + s.capacity();
  return bytes;
}

uint32_t NameIndexBuilder::Intern(const std::string& text) {
  auto [it, inserted] = dictionary_.try_emplace(text, static_cast<uint32_t>(index_.tokens_.size()));
  if (!inserted) return it->second;
  const std::u32string code_points = ToCodePoints(text);
  TokenInfo info;
  info.text_begin = static_cast<uint32_t>(index_.text_arena_.size());
  info.text_size = static_cast<uint32_t>(code_points.size());
  const TokenView view = MakeTokenView(code_points);
  info.keys = view.keys;
  info.letters = view.letters;
  info.has_digit = view.has_digit;
  index_.text_arena_ += code_points;
  index_.tokens_.push_back(info);
  return it->second;
}

uint8_t NameIndexBuilder::InternScheme(const std::string& scheme) {
  auto& schemes = index_.schemes_;
  auto it = std::find(schemes.begin(), schemes.end(), scheme);
  if (it != schemes.end()) return static_cast<uint8_t>(it - schemes.begin());
  assert(schemes.size() < 256 && "the analyzer produces a handful of schemes");
  schemes.push_back(scheme);
  return static_cast<uint8_t>(schemes.size() - 1);
}

bool NameIndexBuilder::Add(uint32_t entry, uint16_t name_index, EntityType type,
                           const AnalyzedName& analyzed) {
  const auto name_id = static_cast<uint32_t>(index_.names_.size());
  IndexedName name;
  name.entry = entry;
  name.first_form = static_cast<uint32_t>(index_.forms_.size());
  name.name = name_index;
  name.type = type;
  const size_t first_occurrence = occurrences_.size();
  for (const NameForm& form : analyzed.forms) {
    if (form.tokens.empty()) continue;
    IndexedForm indexed;
    indexed.name = name_id;
    indexed.first_token = static_cast<uint32_t>(index_.form_tokens_.size());
    indexed.token_count = static_cast<uint16_t>(std::min<size_t>(form.tokens.size(), UINT16_MAX));
    indexed.scheme = InternScheme(form.scheme);
    for (size_t i = 0; i < indexed.token_count; ++i) {
      const NameToken& token = form.tokens[i];
      const uint32_t id = Intern(token.text);
      index_.form_tokens_.push_back({id, token.initial, token.patronymic});
      occurrences_.emplace_back(id, name_id);
    }
    index_.forms_.push_back(indexed);
    ++name.form_count;
  }
  if (name.form_count == 0) return false;
  // Postings and document frequencies count a token once per name, whatever its forms.
  auto begin = occurrences_.begin() + static_cast<std::ptrdiff_t>(first_occurrence);
  std::sort(begin, occurrences_.end());
  occurrences_.erase(std::unique(begin, occurrences_.end()), occurrences_.end());
  for (auto it = begin; it != occurrences_.end(); ++it)
    ++index_.tokens_[it->first].document_frequency;
  index_.names_.push_back(name);
  return true;
}

NameIndex NameIndexBuilder::Build() {
  NameIndex& index = index_;
  const size_t names = index.names_.size();
  for (const TokenInfo& token : index.tokens_) {
    index.weights_.push_back(TokenWeight(token.document_frequency, names));
    index.first_letters_.push_back(index.text_arena_[token.text_begin]);
  }
  index.bounds_.reserve(index.names_.size());
  for (const IndexedName& name : index.names_) {
    NameBound bound;
    bound.min_weight = std::numeric_limits<float>::max();
    bound.person = name.type == EntityType::kPerson;
    for (size_t f = name.first_form; f < name.first_form + name.form_count; ++f) {
      IndexedForm& form = index.forms_[f];
      uint16_t initials = 0;
      const auto tokens = index.tokens(form);
      for (size_t i = 0; i < tokens.size(); ++i) {
        const FormToken& token = tokens[i];
        initials += token.initial;
        bool repeated = false;
        for (size_t j = 0; j < i; ++j) repeated |= tokens[j].token == token.token;
        bound.repeats_token |= repeated;
        if (!token.patronymic && !token.initial && !repeated)
          form.weight += index.weights_[token.token];
      }
      bound.min_weight = std::min(bound.min_weight, form.weight);
      bound.initials = std::max(bound.initials, initials);
    }
    index.bounds_.push_back(bound);
  }

  // Postings: occurrences arrive in name order, so a stable counting sort by token leaves
  // every posting list ascending.
  uint32_t offset = 0;
  for (TokenInfo& token : index.tokens_) {
    token.postings_begin = offset;
    offset += token.document_frequency;
  }
  index.postings_.resize(offset);
  std::vector<uint32_t> fill(index.tokens_.size());
  for (const auto& [token, name] : occurrences_) {
    index.postings_[index.tokens_[token].postings_begin + fill[token]++] = name;
  }
  occurrences_.clear();
  occurrences_.shrink_to_fit();

  // Lookup keys: (key, token) pairs grouped by key behind an open-addressing table.
  std::vector<std::pair<uint64_t, uint32_t>> keys;
  for (uint32_t id = 0; id < index.tokens_.size(); ++id) {
    ForEachIndexKey(index.text(id), index.tokens_[id].keys,
                    [&](uint64_t key) { keys.emplace_back(SlotKey(key), id); });
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  size_t distinct = 0;
  for (size_t i = 0; i < keys.size(); ++i) distinct += i == 0 || keys[i].first != keys[i - 1].first;
  // At most two thirds full: linear probing stays short, and the table small enough to stay
  // in cache as much as a table probed at random can.
  index.key_slots_.assign(std::bit_ceil(std::max<size_t>(distinct + distinct / 2, 16)), {});
  index.key_tokens_.resize(keys.size());
  const size_t mask = index.key_slots_.size() - 1;
  for (size_t i = 0; i < keys.size();) {
    size_t j = i;
    while (j < keys.size() && keys[j].first == keys[i].first) {
      index.key_tokens_[j] = keys[j].second;
      ++j;
    }
    size_t slot = keys[i].first & mask;
    while (index.key_slots_[slot].key != 0) slot = (slot + 1) & mask;
    index.key_slots_[slot] = {keys[i].first, static_cast<uint32_t>(i),
                              static_cast<uint32_t>(j - i)};
    i = j;
  }

  // Every token's similar tokens, as the query word it often is.
  std::vector<std::pair<uint32_t, double>> similar;
  index.similar_begin_.reserve(index.tokens_.size() + 1);
  index.similar_begin_.push_back(0);
  for (uint32_t id = 0; id < index.tokens_.size(); ++id) {
    TokenView word = index.view(id);
    word.in_dictionary = true;
    index.FindSimilar(word, similar);
    index.similar_.insert(index.similar_.end(), similar.begin(), similar.end());
    index.similar_begin_.push_back(static_cast<uint32_t>(index.similar_.size()));
  }
  index.similar_.shrink_to_fit();

  dictionary_.clear();
  index.names_.shrink_to_fit();
  index.forms_.shrink_to_fit();
  index.form_tokens_.shrink_to_fit();
  index.tokens_.shrink_to_fit();
  index.text_arena_.shrink_to_fit();
  NameIndex built = std::move(index_);
  index_ = NameIndex();
  return built;
}

}  // namespace keruen::screening::internal
