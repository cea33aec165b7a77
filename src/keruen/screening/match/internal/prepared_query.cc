#include "keruen/screening/match/internal/prepared_query.h"

#include <algorithm>
#include <bit>
#include <mutex>
#include <span>

#include "keruen/core/utf8.h"

namespace keruen::screening::internal {

bool ComparableSchemes(std::string_view query_scheme, std::string_view list_scheme) {
  auto as_written = [](std::string_view s) { return s == "latin" || s == "ascii"; };
  auto russian_spelling = [](std::string_view s) {
    return s == "names" || s == "bgn-ru" || s == "bgn-ru-ascii";
  };
  return as_written(query_scheme) || as_written(list_scheme) || query_scheme == list_scheme ||
         (russian_spelling(query_scheme) && russian_spelling(list_scheme));
}

TokenView UnlistedWords::Prepare(std::u32string_view word, bool search,
                                 std::vector<std::pair<uint32_t, double>>& similar) const {
  {
    std::shared_lock lock(mutex_);
    if (auto it = words_.find(word); it != words_.end() && (it->second.searched || !search)) {
      const Word& known = it->second;
      if (search) similar.assign(known.similar.begin(), known.similar.end());
      return {word, known.keys, known.letters, known.has_digit};
    }
  }
  const TokenView view = MakeTokenView(word);
  if (search) index_.FindSimilar(view, similar);
  std::unique_lock lock(mutex_);
  if (words_.size() >= kMaxWords) words_.clear();
  Word& known = words_.try_emplace(std::u32string(word)).first->second;
  known.keys = view.keys;
  known.letters = view.letters;
  known.has_digit = view.has_digit;
  if (search && !known.searched) {
    known.searched = true;
    known.similar = similar;
  }
  return view;
}

size_t UnlistedWords::size() const {
  std::shared_lock lock(mutex_);
  return words_.size();
}

bool IsSurnameReference(const AnalyzedName& analyzed) {
  return analyzed.titled && analyzed.legal_forms.empty() && !analyzed.forms.empty() &&
         std::all_of(analyzed.forms.begin(), analyzed.forms.end(), [](const NameForm& form) {
           return form.tokens.size() == 1 && !form.tokens[0].initial;
         });
}

void PrepareName(const AnalyzedName& analyzed, const NameIndex& index, PreparedAs as,
                 PreparedName& out, const UnlistedWords* unlisted) {
  const bool cacheable = as == PreparedAs::kScreenQuery;
  out.surname_reference = IsSurnameReference(analyzed);
  // First every distinct word, so that the views taken below stay valid. The forms spell
  // mostly the same words: each token is decoded into scratch, and copied only when new.
  // Scratch reused from query to query (per thread): a query should not cost allocations.
  thread_local std::vector<uint32_t> word_of;  // per token of every form in turn, its word
  thread_local std::vector<bool> abjad;        // per word: written in an abjad
  thread_local std::u32string text;
  word_of.clear();
  abjad.clear();
  size_t token_count = 0;
  for (const NameForm& form : analyzed.forms) token_count += form.tokens.size();
  out.words.reserve(token_count);
  out.only_initial.reserve(token_count);
  for (const NameForm& form : analyzed.forms) {
    for (const NameToken& token : form.tokens) {
      text.clear();
      AppendCodePoints(token.text, text);
      auto it = std::find(out.words.begin(), out.words.end(), text);
      if (it == out.words.end()) {
        out.words.push_back(text);
        out.only_initial.push_back(token.initial);
        abjad.push_back(token.abjad);
        it = out.words.end() - 1;
      } else {
        if (!token.initial) out.only_initial[it - out.words.begin()] = false;
        if (token.abjad) abjad[it - out.words.begin()] = true;
      }
      word_of.push_back(static_cast<uint32_t>(it - out.words.begin()));
    }
  }
  thread_local std::vector<double> weights;
  weights.clear();
  out.views.reserve(out.words.size());
  thread_local std::vector<std::pair<uint32_t, double>> similar;
  for (uint32_t w = 0; w < out.words.size(); ++w) {
    // A listed word's keys and similar tokens were worked out when the index was built, and
    // an unlisted word's are remembered, as Latin words: an abjad word pairs with more
    // (TokenView::abjad). The dictionary's tokens are all compared as Latin words, those of
    // a listed Arabic alias too: "nasr" is also NASR, Muhammad Sayyah's surname.
    const uint32_t id = index.Find(out.words[w]);
    bool searched = false;  // `similar` already holds the word's similar tokens
    if (id != kNoToken) {
      out.views.push_back(index.view(id));
      out.views[w].text = out.words[w];
    } else if (unlisted != nullptr && !abjad[w]) {
      searched = !out.only_initial[w];
      out.views.push_back(unlisted->Prepare(out.words[w], searched, similar));
    } else {
      out.views.push_back(MakeTokenView(out.words[w]));
    }
    out.views[w].in_dictionary = id != kNoToken && as != PreparedAs::kPairListed;
    out.views[w].abjad = abjad[w];
    if (out.only_initial[w]) {
      weights.push_back(id == kNoToken ? 1.0 : index.weight(id));
      continue;
    }
    std::span<const std::pair<uint32_t, double>> found = similar;
    if (out.views[w].in_dictionary && !abjad[w]) {
      found = index.SimilarToToken(id);
    } else if (!searched) {
      index.FindSimilar(out.views[w], similar);
      found = similar;
    }
    double weight = found.empty() ? 1.0 : index.weight(found[0].first);
    if (abjad[w] && !found.empty()) {
      // An abjad word's readings tie (mhmd: 45 listed words at 0.90). The rarer tokens among
      // equals propose candidates first: by dictionary order a rare name would be left to
      // chance behind common ones. The word weighs what its commonest best reading weighs.
      std::stable_sort(similar.begin(), similar.end(), [&](const auto& a, const auto& b) {
        if (a.second != b.second) return a.second > b.second;
        return index.postings(a.first).size() < index.postings(b.first).size();
      });
      for (const auto& [token, similarity] : similar) {
        if (similarity < similar[0].second) break;
        weight = std::min<double>(weight, index.weight(token));
      }
    }
    // The most similar is the word itself when the dictionary has it.
    weights.push_back(weight);
    for (size_t i = 0; i < found.size(); ++i) {
      out.matches.push_back({found[i].first, w, found[i].second, i < kMaxProposingMatches});
    }
  }
  out.row_slots.assign(std::bit_ceil(std::max<size_t>(2 * out.matches.size(), 8)), {0, 0});
  const size_t mask = out.row_slots.size() - 1;
  uint32_t rows = 0;
  for (const WordMatch& m : out.matches) {
    size_t slot = PreparedName::RowSlot(m.token, mask);
    while (out.row_slots[slot].first != 0 && out.row_slots[slot].first != m.token + 1) {
      slot = (slot + 1) & mask;
    }
    if (out.row_slots[slot].first == 0) {
      out.row_slots[slot] = {m.token + 1, rows++};
      out.similarity_rows.resize(rows * out.words.size(), 0.0);
    }
    out.similarity_rows[out.row_slots[slot].second * out.words.size() + m.word] = m.similarity;
  }

  out.forms.reserve(analyzed.forms.size());
  size_t next_token = 0;  // the next form's first token in word_of
  for (const NameForm& form : analyzed.forms) {
    const size_t first_token = next_token;
    next_token += form.tokens.size();
    if (form.tokens.empty()) continue;
    PreparedForm prepared;
    prepared.scheme = form.scheme;
    prepared.tokens.reserve(form.tokens.size());
    prepared.texts.reserve(form.tokens.size());
    for (size_t i = 0; i < form.tokens.size(); ++i) {
      const uint32_t word = word_of[first_token + i];
      ScoringToken token;
      token.view = &out.views[word];
      token.first = out.words[word].empty() ? 0 : out.words[word][0];
      token.cache_id = cacheable ? word : kNoCacheId;
      token.weight = weights[word];
      token.initial = form.tokens[i].initial;
      token.patronymic = form.tokens[i].patronymic;
      prepared.has_initial = prepared.has_initial || token.initial;
      prepared.tokens.push_back(token);
      prepared.texts.push_back(form.tokens[i].text);
    }
    out.forms.push_back(std::move(prepared));
  }
}

}  // namespace keruen::screening::internal
