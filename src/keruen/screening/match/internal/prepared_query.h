// A name made ready for scoring: its Latin forms as ScoringTokens, each distinct word decoded
// once, looked up in the index and weighed.
#ifndef KERUEN_SCREENING_MATCH_INTERNAL_PREPARED_QUERY_H_
#define KERUEN_SCREENING_MATCH_INTERNAL_PREPARED_QUERY_H_

#include <cstdint>
#include <functional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "keruen/screening/match/internal/name_index.h"
#include "keruen/screening/match/internal/name_scorer.h"
#include "keruen/screening/text/name_analyzer.h"

namespace keruen::screening::internal {

// A query word proposes candidates through at most this many dictionary words (its best
// spellings); all similar words count in scoring.
inline constexpr size_t kMaxProposingMatches = 16;

struct PreparedForm {
  std::string scheme;
  std::vector<ScoringToken> tokens;  // cache_id: index into PreparedName::words
  std::vector<std::string> texts;    // the tokens as UTF-8, for explanations
  bool has_initial = false;          // some token is an initial
};

// A dictionary token a word may stand for.
struct WordMatch {
  uint32_t token;
  uint32_t word;  // index into PreparedName::words
  double similarity;
  bool proposes;  // among the word's kMaxProposingMatches most similar tokens
};

struct PreparedName {
  // Distinct words over all forms. The views in `forms` point into these strings, so a
  // PreparedName is never copied (a move keeps the strings where they are).
  std::vector<std::u32string> words;
  std::vector<TokenView> views;    // the forms' ScoringTokens point into it
  std::vector<bool> only_initial;  // the word occurs only as an initial
  std::vector<PreparedForm> forms;
  // A title and one whole word, and no legal form ("Президент Путин", not "Sheikh Trading
  // LLC"): the name refers to a person by surname (NameScorer::Score).
  bool surname_reference = false;
  // For every word but initials, the dictionary tokens it may stand for
  // (NameIndex::FindSimilar).
  std::vector<WordMatch> matches;
  // The same as a table: for each dictionary token some word resembles, its similarity to
  // every word (0 for the others), so that scoring a listed name looks each of its tokens up
  // once.
  std::vector<double> similarity_rows;  // one row of words.size() per similar token
  // Open addressing from token to row: (token + 1, row), token + 1 == 0 for an empty slot.
  std::vector<std::pair<uint32_t, uint32_t>> row_slots;

  // The row of `token`, or null when it resembles no word. Inline: scoring the candidates
  // looks up every token of every form of theirs.
  const double* SimilarityRow(uint32_t token) const {
    if (row_slots.empty()) return nullptr;
    const size_t mask = row_slots.size() - 1;
    for (size_t slot = RowSlot(token, mask);; slot = (slot + 1) & mask) {
      if (row_slots[slot].first == token + 1) {
        return similarity_rows.data() + row_slots[slot].second * words.size();
      }
      if (row_slots[slot].first == 0) return nullptr;
    }
  }
  // Where probing row_slots (of `mask` + 1 slots) for `token` starts.
  static size_t RowSlot(uint32_t token, size_t mask) {
    return static_cast<size_t>((token * 0x9E3779B97F4A7C15ull) >> 20) & mask;
  }

  PreparedName() = default;
  PreparedName(const PreparedName&) = delete;
  PreparedName& operator=(const PreparedName&) = delete;
  PreparedName(PreparedName&&) = default;
  PreparedName& operator=(PreparedName&&) = default;
};

// Whether a form of the query in `query_scheme` is compared with a form of a listed name in
// `list_scheme`: always when either is Latin as written ("latin", "ascii"), and two
// romanisations only when made by the same scheme. Comparing a name's BGN spelling with
// another name's GOST spelling finds nothing the same-scheme pair does not, and would make
// two Cyrillic names cost thirty-six comparisons instead of six.
// The "names" form (given names in their Russian spelling) is also compared with the Russian
// BGN forms: a Cyrillic name already in Russian gets no "names" form of its own (it would be
// its BGN form again), so that is where "Mykola Azarov" meets "Николай Азаров".
bool ComparableSchemes(std::string_view query_scheme, std::string_view list_scheme);

// What preparing a word the dictionary lacks works out, remembered across queries: its
// TokenView's keys (MakeTokenView) and the dictionary tokens it resembles
// (NameIndex::FindSimilar). Both depend on the word and the index alone, so a remembered answer
// is the one working it out again would give. Worth remembering because parties repeat their
// words under new names ("ТОО «Жибек Транзит»", "Zhibek Transit LLP", "Жибек Логистик"): every
// romanisation of a new party's name is mostly words seen before, and working out their keys
// and searching the index cost about as much as scoring the candidates.
//
// Holds at most kMaxWords words, then starts over: memory stays bounded whatever is screened.
// Any number of threads may use one at once.
class UnlistedWords {
 public:
  static constexpr size_t kMaxWords = 1 << 16;

  // `index` must outlive this object.
  explicit UnlistedWords(const NameIndex& index) : index_(index) {}

  // MakeTokenView(word), its text pointing at `word`; when `search`, `similar` is set to
  // FindSimilar of it (else left alone).
  TokenView Prepare(std::u32string_view word, bool search,
                    std::vector<std::pair<uint32_t, double>>& similar) const;

  size_t size() const;

 private:
  struct Word {
    SpellingKeys keys;
    uint64_t letters = 0;
    bool has_digit = false;
    bool searched = false;  // `similar` is set: the word was once prepared with `search`
    std::vector<std::pair<uint32_t, double>> similar;
  };
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::u32string_view word) const {
      return std::hash<std::u32string_view>()(word);
    }
  };

  const NameIndex& index_;
  mutable std::shared_mutex mutex_;
  mutable std::unordered_map<std::u32string, Word, Hash, std::equal_to<>> words_;
};

// What a name is prepared as.
enum class PreparedAs {
  kScreenQuery,  // a query screened against the index: words get cache ids
  kPairQuery,    // the first name of a pair compared once (Screener::ScoreNames)
  // The second name of such a pair, which stands for a listed name: its words, like the
  // dictionary's, are not marked in_dictionary (token_similarity.h).
  kPairListed,
};

// Whether `analyzed` is a title and one whole word, with no legal form: PreparedName's
// surname_reference.
bool IsSurnameReference(const AnalyzedName& analyzed);

// Fills `out` (which must be empty) from `analyzed`. A word weighs what the dictionary token
// spelled like it weighs; a word the lists do not have weighs what its most similar
// dictionary token weighs (a misspelt common word is still common), and 1 (the rarest) when
// nothing is similar. A query's words the dictionary holds are marked in_dictionary.
// `unlisted`, when given, is the memo of words the dictionary lacks (built over `index`).
void PrepareName(const AnalyzedName& analyzed, const NameIndex& index, PreparedAs as,
                 PreparedName& out, const UnlistedWords* unlisted = nullptr);

}  // namespace keruen::screening::internal

#endif  // KERUEN_SCREENING_MATCH_INTERNAL_PREPARED_QUERY_H_
