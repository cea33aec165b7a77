// Screens a party (name, country, birth date, identifiers) against every loaded sanctions
// list and says, for each subject it may be, why.
//
// Build analyses every name of every entry once (all its Latin spellings, text/
// name_analyzer.h) into an index; a query is analysed the same way, the index proposes the
// names that share a word (or a misspelling or romanisation of one) with it, keeps those
// whose score could still reach the threshold, at most max_candidates, and only those are
// scored. Scoring pairs words regardless of order, weighs them
// by rarity, and adds what country, birth date and entity type say; an exact identifier
// (INN, OGRN, BIN, IMO, BIC, passport...) decides on its own. docs/screening.md describes it
// for analysts, hit.h describes the explanation each hit carries.
#ifndef KERUEN_SCREENING_MATCH_SCREENER_H_
#define KERUEN_SCREENING_MATCH_SCREENER_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "keruen/core/error.h"
#include "keruen/screening/lists/list_entry.h"
#include "keruen/screening/match/hit.h"
#include "keruen/screening/text/name_analyzer.h"

namespace keruen::screening {

// The score at which a name is reported, chosen on the evaluation data (docs/screening.md):
// screened by name alone against all lists, 0.058% of the 50,000 unlisted persons of the
// yente benchmark raise a hit (0.016% with their birth dates), while 96% of Cyrillic and
// Latin spellings of listed names in other romanisations are found. The curve for other
// thresholds is in docs/screening.md.
inline constexpr double kDefaultThreshold = 0.88;

struct ScreenerOptions {
  // A word in more names than this is "common" ("al", "bank", "trading", "muhammad"): it
  // never proposes candidates on its own, only together with a second common word, so a
  // query cannot fan out over thousands of names.
  size_t common_word_names = 100;
  // At most this many names are scored per query, the ones whose score bound, weighted by
  // the similarity of their words, is highest.
  size_t max_candidates = 64;
};

struct QueryIdentifier {
  std::string scheme;  // a ListIdentifier scheme: "inn", "ogrn", "bin", "imo", "bic", ...
  std::string value;   // as written; compared after NormalizeIdentifier
};

struct ScreeningQuery {
  std::string name;        // any script, legal forms and punctuation allowed
  std::string country;     // ISO 3166 alpha-2, empty when unknown
  std::string birth_date;  // "YYYY", "YYYY-MM" or "YYYY-MM-DD", empty when unknown
  std::vector<QueryIdentifier> identifiers;
  // What the party is, when known. A legal form in the name ("LLP", "ТОО") implies an
  // organisation.
  EntityType type = EntityType::kUnknown;
};

struct ScreenOptions {
  double threshold = kDefaultThreshold;
  size_t limit = 10;  // hits returned, best first
};

// Checks the structured fields of a query (country code, date format, identifier schemes)
// so callers can reject bad input; Screen itself ignores fields it cannot use.
Status ValidateQuery(const ScreeningQuery& query);

// Immutable once built: any number of threads may screen at once.
class Screener {
 public:
  // Fails when an entry has no name or when two entries share list and id.
  // `analyzer` must outlive the screener (queries are analysed with it).
  static Result<std::unique_ptr<Screener>> Build(std::vector<ListEntry> entries,
                                                 const NameAnalyzer& analyzer,
                                                 const ScreenerOptions& options = {});
  ~Screener();

  // Hits at or above the threshold (and every identifier match), best first.
  std::vector<Hit> Screen(const ScreeningQuery& query, const ScreenOptions& options = {}) const;

  // The same hits computed by scoring every indexed name, without the index. Slow (it exists
  // to measure the index: its speed-up and whether it misses anything).
  std::vector<Hit> ScreenBruteForce(const ScreeningQuery& query,
                                    const ScreenOptions& options = {}) const;

  // Compares two names with the same analysis and scoring (`b` in the place of the listed
  // name, weights from the loaded lists), for `keruen screen pairs`.
  PairScore ScoreNames(std::string_view a, std::string_view b) const;

  const std::vector<ListEntry>& entries() const;

  struct Stats {
    size_t entries = 0;
    size_t names = 0;        // names with at least one token
    size_t forms = 0;        // their Latin spellings
    size_t tokens = 0;       // distinct words
    size_t index_bytes = 0;  // the index arrays (entries themselves not counted)
    // Distinct query names (as analysed, per threshold) whose scored candidates Screen
    // remembers: a query analysed like an earlier one skips finding and scoring them again.
    size_t remembered_names = 0;
  };
  Stats stats() const;

 private:
  struct Impl;
  explicit Screener(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace keruen::screening

#endif  // KERUEN_SCREENING_MATCH_SCREENER_H_
