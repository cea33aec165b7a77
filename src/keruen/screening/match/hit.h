// What a screening result says, and how it is explained to an analyst.
//
// A hit is only useful when an analyst can check it in a minute, so it carries every number
// that went into its score: which of the subject's names matched, the two Latin spellings
// compared, each pair of words with its similarity and weight, and each adjustment. The
// parts add up: score = name_score + weak_alias_penalty + type_penalty + country_adjustment
// + birth_date_adjustment + identifier_adjustment, clamped to [0, 1] (an identifier match
// sets it to 1).
// docs/screening.md explains the numbers.
#ifndef KERUEN_SCREENING_MATCH_HIT_H_
#define KERUEN_SCREENING_MATCH_HIT_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "keruen/core/json_writer.h"
#include "keruen/screening/lists/list_entry.h"

namespace keruen::screening {

enum class Decision {
  kIdentifier,  // an identifier matched exactly: a hit whatever the names say
  kName,        // the score reached the threshold
  kNoMatch,     // below the threshold (only ScoreNames and callers lowering limits see these)
};
std::string_view DecisionName(Decision decision);  // "identifier", "name", "no_match"

enum class TokenPairKind {
  kPaired,    // the two tokens are taken for the same word
  kInitial,   // an initial and a word with that first letter
  kUnpaired,  // a word without partner: it lowers the score by its penalty
  kOptional,  // a patronymic without partner: free
};
std::string_view TokenPairKindName(TokenPairKind kind);  // "paired", "initial", ...

// One word of the query, of the listed name, or one of each.
struct TokenPair {
  std::string query_token;  // empty for a listed word without partner
  std::string list_token;   // empty for a query word without partner
  TokenPairKind kind = TokenPairKind::kPaired;
  double similarity = 0;  // Jaro-Winkler of the two spellings (initials: 0.9, equal 1.0)
  // For pairs, the rarity weight the pair counts with; for unpaired words, the penalty they
  // add to the denominator: their weight (at least 0.5 in a person's name) times 0.5, or
  // times 0.2 for a listed person's middle name the query leaves out.
  double weight = 0;
};

// How one spelling of the query compared with one spelling of a listed name.
struct NameComparison {
  std::string query_scheme;  // "latin", "ascii", "bgn-ru", ... (text/name_analyzer.h)
  std::string query_form;    // the query's tokens in that scheme, space separated
  std::string list_scheme;
  std::string list_form;
  std::vector<TokenPair> tokens;
  double paired_weight = 0;    // sum of pair weights
  double unpaired_weight = 0;  // sum of penalties of unpaired words
  double specificity = 1;      // < 1 when the paired words weigh too little to identify anyone
  // The query was a title and a surname ("President Putin"): the listed given names it leaves
  // out cost less, and the surname alone must identify (docs/screening.md §4).
  bool surname_reference = false;
  // sum(similarity * weight) / (paired_weight + unpaired_weight) * specificity
  double score = 0;
};

struct IdentifierMatch {
  std::string scheme;       // the list's scheme ("inn", "imo", ...)
  std::string query_value;  // as given in the query
  std::string list_value;   // as listed
  std::string normalized;   // the canonical form both reduce to (lists/identifiers.h)
};

struct Hit {
  // The listed subject. `entry_index` indexes Screener::entries().
  size_t entry_index = 0;
  std::string list;
  std::string id;
  std::string caption;
  EntityType type = EntityType::kUnknown;
  std::vector<std::string> programs;

  // The subject's name that matched best, as listed.
  std::string matched_name;
  bool matched_name_primary = false;
  bool matched_name_weak = false;
  NameComparison name;
  std::optional<IdentifierMatch> identifier;

  double name_score = 0;             // name.score
  double weak_alias_penalty = 0;     // <= 0: the matched name is a weak alias
  double type_penalty = 0;           // <= 0: person vs organisation, company vs ship...
  double country_adjustment = 0;     // > 0 a shared country, < 0 none shared
  double birth_date_adjustment = 0;  // > 0 the same date or year, < 0 another year
  double identifier_adjustment = 0;  // < 0 both have an INN (say) and the values differ
  double score = 0;
  Decision decision = Decision::kNoMatch;
};

// The ScoreNames result: two names compared without list context.
struct PairScore {
  NameComparison name;
  double score = 0;
  Decision decision = Decision::kNoMatch;  // kName at or above kDefaultThreshold
};

// {"list":..., "id":..., "caption":..., "type":..., "programs":[...], "matched_name":{...},
//  "comparison":{... "tokens":[...]}, "identifier":{...}|null, "score_parts":{...},
//  "score":..., "decision":..., "explanation":"..."}
void AppendJson(JsonWriter& writer, const Hit& hit);
void AppendJson(JsonWriter& writer, const PairScore& pair);

// One line for logs and the CLI, e.g.
// "matched alias 'ROMASHKA OOO' of ofac_sdn 12345 (ROMASHKA OOO): romashka~romashka 1.00 w0.93;
//  name 1.00, weak alias -0.10 => 0.90 (name)"
std::string ExplainHit(const Hit& hit);
std::string ExplainPair(const PairScore& pair);

}  // namespace keruen::screening

#endif  // KERUEN_SCREENING_MATCH_HIT_H_
