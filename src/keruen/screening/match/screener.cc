#include "keruen/screening/match/screener.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <span>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "keruen/core/reference.h"
#include "keruen/core/string_map.h"
#include "keruen/screening/lists/identifiers.h"
#include "keruen/screening/match/internal/name_index.h"
#include "keruen/screening/match/internal/name_scorer.h"
#include "keruen/screening/match/internal/prepared_query.h"

namespace keruen::screening {
namespace {

using internal::FormScore;
using internal::NameIndex;
using internal::NameScorer;
using internal::PreparedForm;
using internal::PreparedName;
using internal::ScoringToken;
using internal::TokenPairing;
using internal::WordMatch;

// The adjustments an analyst sees in score_parts (docs/screening.md).
constexpr double kWeakAliasPenalty = 0.10;
// An organisation's name matched to a person's (or the reverse) is more often a namesake
// word ("Sever", "Olga") than the listed subject trading under another guise.
constexpr double kTypeMismatchPenalty = 0.10;
// A company or a person matched to a listed ship or aircraft (or the reverse) is a namesake: a
// trading firm called "Енисей" is not the tanker ENISEY. The ship's owner is listed in its own
// right, and the ship itself is found by its IMO number, which wins on its own.
constexpr double kCraftMismatchPenalty = 0.25;
constexpr double kCountryMatchBonus = 0.03;
constexpr double kCountryMismatchPenalty = 0.05;
// Between two organisations the countries say more: a company is registered in one country, so
// a firm in another is another legal person (a German GmbH is not an Iranian group whose alias
// it resembles). A front company abroad is found by its own listing, identifiers or owners.
constexpr double kOrganizationCountryMismatchPenalty = 0.10;
constexpr double kBirthDateMatchBonus = 0.05;  // the same full date
constexpr double kBirthYearMatchBonus = 0.03;  // the same year, as precise as both sides go
constexpr double kBirthYearMismatchPenalty = 0.10;
// The query and the entry are registered companies (or persons) and their registers disagree:
// both carry an identifier of one register (an INN, an OGRN) with different values, or the
// entry's registers are all another country's than the query's (a Kazakh BIN-holder is not
// the Russian company with that INN), or the entry is an organisation listed without a
// register number in other countries only. A register gives each subject one number, so this says
// "another subject" more surely than a shared name says "the same one". Namesakes are common
// among post-Soviet firms ("Feniks", "Mashimport"); this is what separates them.
constexpr double kIdentifierConflictPenalty = 0.25;

// The best scoring of one indexed name against the query.
struct NameResult {
  uint32_t name = 0;  // index name id
  double score = 0;
  int query_form = -1;
  int list_form = -1;
};

struct BirthDate {
  int year = 0;
  int month = 0;  // 0 when not given
  int day = 0;
};

std::optional<BirthDate> ParseBirthDate(std::string_view text) {
  auto number = [&](size_t pos, size_t len) -> int {
    int value = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) return std::nullopt;
  BirthDate date;
  date.year = number(0, 4);
  if (date.year <= 0) return std::nullopt;
  if (text.size() >= 7) {
    date.month = number(5, 2);
    if (text[4] != '-' || date.month < 1 || date.month > 12) return std::nullopt;
  }
  if (text.size() == 10) {
    date.day = number(8, 2);
    if (text[7] != '-' || date.day < 1 || date.day > 31) return std::nullopt;
  }
  return date;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

double CountryAdjustment(const ScreeningQuery& query, EntityType query_type,
                         const ListEntry& entry) {
  if (query.country.empty() || entry.countries.empty()) return 0;
  const std::string country = Upper(query.country);
  for (const std::string& c : entry.countries) {
    if (Upper(c) == country) return kCountryMatchBonus;
  }
  return query_type == EntityType::kOrganization && entry.type == EntityType::kOrganization
             ? -kOrganizationCountryMismatchPenalty
             : -kCountryMismatchPenalty;
}

// The company and person registers of the countries Keruen screens for.
bool IsRegisterScheme(std::string_view scheme) {
  return scheme == "inn" || scheme == "ogrn" || scheme == "bin" || scheme == "iin" ||
         scheme == "kpp" || scheme == "okpo";
}

// -kIdentifierConflictPenalty when the registers disagree (above), else 0. An agreeing value
// is an identifier match, scored apart.
double IdentifierAdjustment(const ScreeningQuery& query, const ListEntry& entry) {
  bool query_registered = false;
  bool same_register_conflict = false;
  for (const QueryIdentifier& asked : query.identifiers) {
    if (!IsRegisterScheme(asked.scheme)) continue;
    query_registered = true;
    for (const ListIdentifier& listed : entry.identifiers) {
      if (listed.scheme != asked.scheme) continue;
      if (NormalizeIdentifier(listed.scheme, listed.value) ==
          NormalizeIdentifier(asked.scheme, asked.value)) {
        return 0;
      }
      same_register_conflict = true;
    }
  }
  if (same_register_conflict) return -kIdentifierConflictPenalty;
  if (!query_registered || query.country.empty()) return 0;
  const std::string country = Upper(query.country);
  // A listed organisation with no register number but whose countries are all others than
  // the query's: a company registered in one country is not one registered in another.
  if (entry.type == EntityType::kOrganization && !entry.countries.empty() &&
      std::none_of(entry.identifiers.begin(), entry.identifiers.end(),
                   [](const ListIdentifier& id) { return IsRegisterScheme(id.scheme); })) {
    for (const std::string& c : entry.countries) {
      if (Upper(c) == country) return 0;
    }
    return -kIdentifierConflictPenalty;
  }
  // Every register the entry is in belongs to another country than the query's.
  bool entry_registered = false;
  for (const ListIdentifier& listed : entry.identifiers) {
    if (!IsRegisterScheme(listed.scheme)) continue;
    const std::string issuer = !listed.country.empty()       ? Upper(listed.country)
                               : entry.countries.size() == 1 ? Upper(entry.countries[0])
                                                             : std::string();
    if (issuer.empty() || issuer == country) return 0;
    entry_registered = true;
  }
  return entry_registered ? -kIdentifierConflictPenalty : 0;
}

double BirthDateAdjustment(const ScreeningQuery& query, const ListEntry& entry) {
  const std::optional<BirthDate> asked = ParseBirthDate(query.birth_date);
  if (!asked) return 0;
  std::optional<double> best;
  for (const std::string& listed_text : entry.birth_dates) {
    const std::optional<BirthDate> listed = ParseBirthDate(listed_text);
    if (!listed) continue;
    double value;
    if (listed->year != asked->year) {
      value = -kBirthYearMismatchPenalty;
    } else if (listed->month != 0 && asked->month != 0 && listed->month != asked->month) {
      value = 0;  // same year, another month: neither for nor against
    } else if (listed->day != 0 && asked->day != 0) {
      value = listed->day == asked->day ? kBirthDateMatchBonus : 0;
    } else {
      value = kBirthYearMatchBonus;
    }
    best = std::max(best.value_or(value), value);
  }
  return best.value_or(0);
}

// Whether a name whose score less its weak-alias penalty is `effective` may still become a hit
// by name: country and birth date add at most their bonuses.
bool MayReach(double effective, double threshold) {
  return effective + kCountryMatchBonus + kBirthDateMatchBonus >= threshold;
}

// Writes into `key` what Candidates and ScoreName read of a query: its forms (scheme, each
// token's text, initial and patronymic flags) and the score floor. Two queries with equal keys
// are proposed and score the same names alike.
void ScoredNamesKey(const AnalyzedName& analyzed, double floor, std::string& key) {
  key.clear();
  for (const NameForm& form : analyzed.forms) {
    key += form.scheme;
    for (const NameToken& token : form.tokens) {
      key += static_cast<char>('\x01' + (token.initial ? 1 : 0) + (token.patronymic ? 2 : 0) +
                               (token.abjad ? 4 : 0));
      key += token.text;  // lower-case letters and digits, never a control character
    }
    key += '\x1e';
  }
  // "Путин" and "Президент Путин" score apart; "President Romashka LLC" as "Romashka".
  key += internal::IsSurnameReference(analyzed) ? '\x1f' : '\x1e';
  key.append(reinterpret_cast<const char*>(&floor), sizeof floor);
}

std::string JoinTokens(const std::vector<std::string>& texts) {
  std::string out;
  for (const std::string& t : texts) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

// Converts the scorer's alignment into the words an analyst reads.
NameComparison MakeComparison(const PreparedForm& query_form, const std::string& list_scheme,
                              const std::vector<std::string>& list_texts, const FormScore& score,
                              const std::vector<TokenPairing>& pairing) {
  NameComparison c;
  c.query_scheme = query_form.scheme;
  c.query_form = JoinTokens(query_form.texts);
  c.list_scheme = list_scheme;
  c.list_form = JoinTokens(list_texts);
  for (const TokenPairing& p : pairing) {
    TokenPair pair;
    if (p.query >= 0) pair.query_token = query_form.texts[p.query];
    if (p.list >= 0) pair.list_token = list_texts[p.list];
    pair.kind = p.kind;
    pair.similarity = p.similarity;
    pair.weight = p.weight;
    c.tokens.push_back(std::move(pair));
  }
  c.paired_weight = score.paired_weight;
  c.unpaired_weight = score.unpaired_weight;
  c.specificity = score.specificity;
  c.surname_reference = score.surname_reference;
  c.score = score.score;
  return c;
}

// Scoring one query: the prepared query, the scorer and its buffers. The index's search takes
// word similarities from the query's table; brute force computes them afresh for every
// dictionary token, independently of the lookup keys the table comes from.
struct QueryScoring {
  const PreparedName& query;
  bool brute_force;
  NameScorer scorer;
  std::vector<ScoringToken> list_tokens;
  std::vector<internal::TokenView> list_views;  // brute force: what list_tokens point to
  // Per list scheme id, bit f set when query form f is compared with forms in that scheme
  // (ComparableSchemes), for the first 64 query forms; computed on first use.
  std::vector<std::optional<uint64_t>> comparable;

  uint64_t ComparableForms(const NameIndex& index, uint8_t scheme) {
    if (comparable.size() <= scheme) comparable.resize(scheme + 1);
    if (!comparable[scheme]) {
      uint64_t bits = 0;
      for (size_t f = 0; f < query.forms.size(); ++f) {
        if (internal::ComparableSchemes(query.forms[f].scheme, index.scheme(scheme))) {
          if (f < 64) bits |= uint64_t{1} << f;
        }
      }
      comparable[scheme] = bits;
    }
    return *comparable[scheme];
  }
};

// The bit of query word `word` in NameAccumulator::Sums::words; words past the 32nd share the last
// bit, which can only make a bound looser.
uint32_t WordBit(uint32_t word) { return uint32_t{1} << std::min<uint32_t>(word, 31); }

// Drops from `rest` (ascending) the names below `name` and says whether `name` comes next.
// Galloping, then bisecting the last stride: searching a long posting list for ascending names
// costs the logarithm of the gaps between them, not of the list.
bool SkipTo(std::span<const uint32_t>& rest, uint32_t name) {
  size_t stride = 1;
  while (stride < rest.size() && rest[stride - 1] < name) stride *= 2;
  const auto searched = rest.first(std::min(stride, rest.size()));
  rest = rest.subspan(static_cast<size_t>(std::lower_bound(searched.begin(), searched.end(), name) -
                                          searched.begin()));
  return !rest.empty() && rest.front() == name;
}

// Per-thread scratch for summing weights per name id. An open-addressing table sized to the
// names a query touches (hundreds), not to the lists: a dense array over every name would
// make each touch a cache miss. Reset through the list of slots touched.
class NameAccumulator {
 public:
  struct Sums {
    uint32_t name_plus_one;  // 0: an empty slot
    float weight;            // of the name's words the query may pair
    float evidence;          // the same, each weight times its best similarity to a query word
    uint32_t words;          // bit w: query word w resembles one of the name's words
  };

  void Add(uint32_t name, float w, float similarity, uint32_t word_bits) {
    if (2 * (touched_.size() + 1) > slots_.size()) Grow();
    Sums& s = slots_[SlotOf(name)];
    if (s.name_plus_one == 0) {
      s = Sums{name + 1, 0, 0, 0};
      touched_.push_back(static_cast<uint32_t>(&s - slots_.data()));
    }
    s.weight += w;
    s.evidence += w * similarity;
    s.words |= word_bits;
  }
  // Add for a name already added, else nothing, in one probe of the table.
  void AddIfPresent(uint32_t name, float w, float similarity, uint32_t word_bits) {
    if (slots_.empty()) return;
    Sums& s = slots_[SlotOf(name)];
    if (s.name_plus_one == 0) return;
    s.weight += w;
    s.evidence += w * similarity;
    s.words |= word_bits;
  }
  size_t size() const { return touched_.size(); }
  // The i-th name added, with its sums.
  const Sums& at(size_t i) const { return slots_[touched_[i]]; }
  void Clear() {
    for (uint32_t slot : touched_) slots_[slot].name_plus_one = 0;
    touched_.clear();
  }

 private:
  // The slot holding `name`, or the empty slot where it belongs.
  size_t SlotOf(uint32_t name) const {
    const size_t mask = slots_.size() - 1;
    size_t slot = static_cast<size_t>((name * 0x9E3779B97F4A7C15ull) >> 32) & mask;
    while (slots_[slot].name_plus_one != 0 && slots_[slot].name_plus_one != name + 1) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }
  void Grow() {
    std::vector<Sums> old(std::max<size_t>(2 * slots_.size(), 1024), Sums{0, 0, 0, 0});
    old.swap(slots_);
    for (uint32_t& slot : touched_) {
      const Sums& sums = old[slot];
      slot = static_cast<uint32_t>(SlotOf(sums.name_plus_one - 1));
      slots_[slot] = sums;
    }
  }

  std::vector<Sums> slots_;
  std::vector<uint32_t> touched_;  // slots in the order their names were added
};

// The least weight a query form's words leave unpaired, for the bound of Candidates: the sum,
// over one form, of its words (initials and patronymics aside) that resemble none of a name's
// words (not in `words`, WordBit bits), each weighing at least kMinPersonWordWeight in a
// person's name; the least such sum over the forms. Remembers the answers by (`words`,
// person) for one query: names proposed by the same words cost the same.
class UnpairedQueryCost {
 public:
  void Reset(const PreparedName& query) {
    tokens_.clear();
    form_ends_.clear();
    for (const PreparedForm& form : query.forms) {
      for (const ScoringToken& token : form.tokens) {
        if (token.initial || token.patronymic) continue;
        tokens_.push_back({WordBit(token.cache_id), token.weight,
                           std::max(token.weight, internal::kMinPersonWordWeight)});
      }
      form_ends_.push_back(tokens_.size());
    }
    for (Known& known : known_) known.key = kNone;
  }

  double Of(uint32_t words, bool person) {
    const uint64_t key = uint64_t{words} << 1 | (person ? 1 : 0);
    Known& known = known_[(key * 0x9E3779B97F4A7C15ull) >> (64 - kKnownBits)];
    if (known.key != key) {
      known.key = key;
      known.cost = Compute(words, person);
    }
    return known.cost;
  }

 private:
  struct Token {
    uint32_t bit;
    double weight;
    double person_weight;
  };
  struct Known {
    uint64_t key;
    double cost;
  };
  static constexpr uint64_t kNone = ~uint64_t{0};
  static constexpr int kKnownBits = 6;

  double Compute(uint32_t words, bool person) const {
    double least = std::numeric_limits<double>::max();
    size_t begin = 0;
    for (size_t end : form_ends_) {
      double sum = 0;
      for (size_t t = begin; t < end; ++t) {
        if ((words & tokens_[t].bit) == 0) {
          sum += person ? tokens_[t].person_weight : tokens_[t].weight;
        }
      }
      least = std::min(least, sum);
      begin = end;
    }
    return least;
  }

  std::vector<Token> tokens_;      // the forms' words that may go unpaired, form after form
  std::vector<size_t> form_ends_;  // form f's are tokens_[form_ends_[f - 1], form_ends_[f])
  Known known_[size_t{1} << kKnownBits] = {};
};

}  // namespace

Status ValidateQuery(const ScreeningQuery& query) {
  if (!query.country.empty() && !IsCountryCode(Upper(query.country))) {
    return InvalidArgument("country", "not an ISO 3166 alpha-2 country code: " + query.country);
  }
  if (!query.birth_date.empty() && !ParseBirthDate(query.birth_date)) {
    return InvalidArgument("birth_date",
                           "expected YYYY, YYYY-MM or YYYY-MM-DD: " + query.birth_date);
  }
  for (size_t i = 0; i < query.identifiers.size(); ++i) {
    const QueryIdentifier& id = query.identifiers[i];
    const std::string field = "identifiers[" + std::to_string(i) + "]";
    if (!IsKnownIdentifierScheme(Lower(id.scheme))) {
      return InvalidArgument(field + ".scheme", "unknown identifier scheme: " + id.scheme);
    }
    if (NormalizeIdentifier(Lower(id.scheme), id.value).empty()) {
      return InvalidArgument(field + ".value", "nothing identifying in: " + id.value);
    }
  }
  if (query.name.empty() && query.identifiers.empty()) {
    return InvalidArgument("name", "a name or an identifier is required");
  }
  return Ok();
}

struct Screener::Impl {
  std::vector<ListEntry> entries;
  const NameAnalyzer* analyzer = nullptr;
  ScreenerOptions options;
  NameIndex index;
  // Words of queries the index lacks, with their keys and similar tokens (prepared_query.h).
  internal::UnlistedWords unlisted{index};
  // Cyrillic words and Han characters romanised, for analysing the names of the lists and of
  // queries (name_analyzer.h).
  RomanisedWords romanised;
  // The index names of entry e are entry_names[e] .. entry_names[e + 1] - 1.
  std::vector<uint32_t> entry_names;
  // scheme + '\0' + normalised value -> (entry, identifier index)
  std::unordered_map<std::string, std::vector<std::pair<uint32_t, uint32_t>>> identifiers;

  // The names a query's forms scored above 0 (Candidates then ScoreName), by ScoredNamesKey.
  // Parties write one name in ways that analyse alike ("ТОО «Лотос»", "TOO Lotos", "Lotos LLP":
  // legal forms set aside, case and punctuation dropped), or name the same company with other
  // identifiers or countries; half the new parties of a simulated month are such repeats, and
  // proposing and scoring the candidates is most of what screening one costs. What a query
  // adds besides its forms (identifiers, country, birth date, type, legal forms) is weighed
  // in Assemble, every time. Holds at most kMaxScoredNames keys, then starts over: memory stays
  // bounded whatever is screened. Guarded by scored_mutex: any number of threads screen at once.
  static constexpr size_t kMaxScoredNames = 1 << 15;
  using ScoredNames = std::shared_ptr<const std::vector<NameResult>>;
  mutable std::shared_mutex scored_mutex;
  mutable StringMap<ScoredNames> scored;

  // The entries the query's identifiers match, ascending, with the first identifier that
  // matched each.
  std::vector<std::pair<uint32_t, IdentifierMatch>> IdentifierMatches(
      const ScreeningQuery& query) const;
  std::vector<uint32_t> Candidates(const PreparedName& query, double floor) const;
  NameResult ScoreName(uint32_t name_id, QueryScoring& scoring) const;
  bool ListTokens(const internal::IndexedForm& form, QueryScoring& scoring) const;
  std::vector<Hit> Screen(const ScreeningQuery& query, const ScreenOptions& options,
                          bool brute_force) const;
  std::vector<Hit> Assemble(const ScreeningQuery& query, const AnalyzedName& analyzed,
                            QueryScoring& scoring, std::vector<NameResult> results,
                            std::vector<std::pair<uint32_t, IdentifierMatch>> by_identifier,
                            const ScreenOptions& options) const;
};

// Fills scoring.list_tokens with the tokens of `form`. Returns false when none of them can pair
// with a query word: none resembles one (the query's table has no row for it) and none is an
// initial. Such a form scores 0 against query forms without initials.
bool Screener::Impl::ListTokens(const internal::IndexedForm& form, QueryScoring& scoring) const {
  bool may_pair = scoring.brute_force;
  const auto tokens = index.tokens(form);
  if (scoring.brute_force) {
    scoring.list_views.clear();
    for (const internal::FormToken& t : tokens) scoring.list_views.push_back(index.view(t.token));
  }
  scoring.list_tokens.resize(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    const internal::FormToken& t = tokens[i];
    ScoringToken& token = scoring.list_tokens[i];
    token = ScoringToken();
    token.first = index.first_letter(t.token);
    token.cache_id = t.token;
    token.weight = index.weight(t.token);
    token.initial = t.initial;
    token.patronymic = t.patronymic;
    token.tabulated = !scoring.brute_force;
    if (token.tabulated) {
      token.similarities = scoring.query.SimilarityRow(t.token);
      may_pair = may_pair || token.similarities != nullptr || token.initial;
    } else {
      token.view = &scoring.list_views[i];
    }
  }
  return may_pair;
}

NameResult Screener::Impl::ScoreName(uint32_t name_id, QueryScoring& scoring) const {
  NameResult best;
  best.name = name_id;
  const internal::IndexedName& name = index.name(name_id);
  const auto forms = index.forms(name);
  const PreparedName& query = scoring.query;
  for (size_t lf = 0; lf < forms.size(); ++lf) {
    const bool may_pair = ListTokens(forms[lf], scoring);
    const uint64_t comparable = scoring.ComparableForms(index, forms[lf].scheme);
    for (size_t qf = 0; qf < query.forms.size(); ++qf) {
      if (qf < 64 ? (comparable >> qf & 1) == 0
                  : !internal::ComparableSchemes(query.forms[qf].scheme,
                                                 index.scheme(forms[lf].scheme))) {
        continue;
      }
      if (!may_pair && !query.forms[qf].has_initial) continue;  // it would score 0
      const double score = scoring.scorer
                               .Score(query.forms[qf].tokens, scoring.list_tokens, name.type,
                                      nullptr, query.surname_reference)
                               .score;
      if (score > best.score) {
        best.score = score;
        best.query_form = static_cast<int>(qf);
        best.list_form = static_cast<int>(lf);
        // No pairing scores above 1 (each similarity is at most 1): no other can replace it.
        if (best.score >= 1.0) return best;
      }
    }
  }
  return best;
}

// Proposes the names worth scoring: those holding a dictionary word that a query word may
// stand for (the word itself, a one-edit spelling, the same consonant skeleton; the
// kMaxProposingMatches most similar per word). Words in more than common_word_names names
// only propose together with a second such word.
//
// Each proposed name gets an upper bound of its name score: its words the query may pair
// with weigh at most P (the sum of their weights, plus kInitialWeight per initial), the rest
// of its lightest form costs at least the smallest penalty a listed word can cost, and the
// query's words none of the name's words resembles cost what unpaired query words cost: no
// pairing scores above P / (P + those penalties). Names whose bound is below `floor` cannot
// become hits and are dropped; of the others the max_candidates with the best estimates (the
// bound with each word's weight taken times its similarity) are scored.
std::vector<uint32_t> Screener::Impl::Candidates(const PreparedName& query, double floor) const {
  // A dictionary token found by several query words (the spellings of one word in several
  // schemes) counts once, with its best similarity, for all of them.
  struct TokenMatch {
    uint32_t token;
    float similarity;
    uint32_t word_bits;
    bool proposes;
  };
  // Scratch reused from query to query (per thread): a query should not cost allocations.
  thread_local std::vector<WordMatch> sorted;
  thread_local std::vector<TokenMatch> matches;
  thread_local std::vector<std::vector<uint32_t>> common_of_word;
  thread_local std::vector<const TokenMatch*> later;  // common or not proposing: weights only
  sorted.assign(query.matches.begin(), query.matches.end());
  std::sort(sorted.begin(), sorted.end(), [](const WordMatch& a, const WordMatch& b) {
    return a.token != b.token ? a.token < b.token : a.similarity > b.similarity;
  });
  matches.clear();
  later.clear();
  if (common_of_word.size() < query.words.size()) common_of_word.resize(query.words.size());
  for (size_t w = 0; w < query.words.size(); ++w) common_of_word[w].clear();
  for (size_t i = 0; i < sorted.size(); ++i) {
    const bool common = index.postings(sorted[i].token).size() > options.common_word_names;
    if (common && sorted[i].proposes) common_of_word[sorted[i].word].push_back(sorted[i].token);
    if (i > 0 && sorted[i - 1].token == sorted[i].token) {
      matches.back().word_bits |= WordBit(sorted[i].word);
      matches.back().proposes |= sorted[i].proposes;
    } else {
      matches.push_back({sorted[i].token, static_cast<float>(sorted[i].similarity),
                         WordBit(sorted[i].word), sorted[i].proposes});
    }
  }

  thread_local NameAccumulator accumulator;
  for (const TokenMatch& m : matches) {
    const auto postings = index.postings(m.token);
    if (m.proposes && postings.size() <= options.common_word_names) {
      const float weight = index.weight(m.token);
      for (uint32_t name : postings) accumulator.Add(name, weight, m.similarity, m.word_bits);
    } else {
      later.push_back(&m);
    }
  }
  // Two common words together: the names holding both (in any of their spellings).
  thread_local std::vector<std::pair<size_t, uint32_t>> common_words;  // (total postings, word)
  common_words.clear();
  for (uint32_t w = 0; w < query.words.size(); ++w) {
    if (common_of_word[w].empty()) continue;
    size_t total = 0;
    for (uint32_t token : common_of_word[w]) total += index.postings(token).size();
    common_words.emplace_back(total, w);
  }
  if (common_words.size() >= 2) {
    std::partial_sort(common_words.begin(), common_words.begin() + 2, common_words.end());
    // The names holding a spelling of the first word, each posting list in turn, ascending,
    // so that each posting list of the second word is searched on from where the previous
    // name was (SkipTo). A name holding two spellings of the first word is added again, which
    // adds nothing.
    thread_local std::vector<std::span<const uint32_t>> second;
    for (uint32_t first_token : common_of_word[common_words[0].second]) {
      second.clear();
      for (uint32_t token : common_of_word[common_words[1].second]) {
        second.push_back(index.postings(token));
      }
      for (uint32_t name : index.postings(first_token)) {
        for (std::span<const uint32_t>& rest : second) {
          if (SkipTo(rest, name)) {
            accumulator.Add(name, 0, 0, 0);  // its weights are added below
            break;
          }
        }
      }
    }
  }
  // Common words, and similar words beyond the proposing ones, still count towards the bound
  // of the names proposed.
  const size_t proposed = accumulator.size();
  thread_local std::vector<uint32_t> proposed_names;  // filled on first use
  proposed_names.clear();
  for (const TokenMatch* m : later) {
    const auto postings = index.postings(m->token);
    const float weight = index.weight(m->token);
    if (postings.size() < 8 * proposed) {
      for (uint32_t name : postings) {
        accumulator.AddIfPresent(name, weight, m->similarity, m->word_bits);
      }
    } else {
      // The proposed names ascending, searched for through the long posting list from one to
      // the next. A name's sums do not depend on the order names are visited in.
      if (proposed_names.empty()) {
        for (size_t i = 0; i < proposed; ++i) {
          proposed_names.push_back(accumulator.at(i).name_plus_one - 1);
        }
        std::sort(proposed_names.begin(), proposed_names.end());
      }
      std::span<const uint32_t> rest = postings;
      for (uint32_t name : proposed_names) {
        if (SkipTo(rest, name)) accumulator.Add(name, weight, m->similarity, m->word_bits);
      }
    }
  }

  struct Proposal {
    float estimate;  // the bound with the words' similarities in its numerator
    uint32_t name;
  };
  double query_initials = 0;  // the most initials a query form has
  for (const PreparedForm& form : query.forms) {
    query_initials = std::max<double>(
        query_initials, std::count_if(form.tokens.begin(), form.tokens.end(),
                                      [](const ScoringToken& t) { return t.initial; }));
  }
  // What the query's words cost unpaired depends on the name only through which of them its
  // words resemble and whether it is a person's: worked out once per such pair.
  thread_local UnpairedQueryCost unpaired_cost;
  unpaired_cost.Reset(query);
  thread_local std::vector<Proposal> ranked;
  ranked.clear();
  for (size_t i = 0; i < accumulator.size(); ++i) {
    const NameAccumulator::Sums& sums = accumulator.at(i);
    const uint32_t name_id = sums.name_plus_one - 1;
    const internal::NameBound& name = index.bound(name_id);
    const bool person = name.person;
    const double paired = sums.weight;
    // Initials pair by first letter, outside the matches: each may add up to kInitialWeight,
    // and spare a word on the other side its penalty.
    const double possible = paired + internal::kInitialWeight * (name.initials + query_initials);
    const double unpaired_query = name.initials == 0 ? unpaired_cost.Of(sums.words, person) : 0;
    // A surname reference's left-out given names cost kMiddlePenalty whatever the name's type:
    // a bound too loose for organisations, never too tight.
    const double rest = (person || query.surname_reference ? internal::kMiddlePenalty
                                                           : internal::kUnpairedPenalty) *
                            std::max(0.0, name.min_weight - paired - query_initials) +
                        internal::kUnpairedPenalty * unpaired_query;
    if (possible <= 0) continue;
    if (!name.repeats_token && possible / (possible + rest) + 1e-6 < floor) continue;
    const double evidence = sums.evidence + internal::kInitialWeight * name.initials;
    ranked.push_back({static_cast<float>(evidence / (possible + rest)), name_id});
  }
  accumulator.Clear();
  const size_t keep = std::min(ranked.size(), options.max_candidates);
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep),
                    ranked.end(), [](const Proposal& a, const Proposal& b) {
                      return a.estimate != b.estimate ? a.estimate > b.estimate : a.name < b.name;
                    });
  std::vector<uint32_t> names;
  names.reserve(keep);
  for (size_t i = 0; i < keep; ++i) names.push_back(ranked[i].name);
  return names;
}

std::vector<std::pair<uint32_t, IdentifierMatch>> Screener::Impl::IdentifierMatches(
    const ScreeningQuery& query) const {
  std::vector<std::pair<uint32_t, IdentifierMatch>> by_identifier;
  for (const QueryIdentifier& asked : query.identifiers) {
    const std::string scheme = Lower(asked.scheme);
    const std::string normalized = NormalizeIdentifier(scheme, asked.value);
    if (normalized.empty()) continue;
    auto it = identifiers.find(scheme + '\0' + normalized);
    if (it == identifiers.end()) continue;
    for (const auto& [entry, k] : it->second) {
      by_identifier.emplace_back(
          entry,
          IdentifierMatch{scheme, asked.value, entries[entry].identifiers[k].value, normalized});
    }
  }
  std::stable_sort(by_identifier.begin(), by_identifier.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  by_identifier.erase(std::unique(by_identifier.begin(), by_identifier.end(),
                                  [](const auto& a, const auto& b) { return a.first == b.first; }),
                      by_identifier.end());
  return by_identifier;
}

std::vector<Hit> Screener::Impl::Assemble(
    const ScreeningQuery& query, const AnalyzedName& analyzed, QueryScoring& scoring,
    std::vector<NameResult> results,
    std::vector<std::pair<uint32_t, IdentifierMatch>> by_identifier,
    const ScreenOptions& options) const {
  auto identifier_of = [&](uint32_t entry) -> const IdentifierMatch* {
    auto it = std::lower_bound(by_identifier.begin(), by_identifier.end(), entry,
                               [](const auto& p, uint32_t e) { return p.first < e; });
    return it != by_identifier.end() && it->first == entry ? &it->second : nullptr;
  };
  // An identifier match is explained with the entry's best name even when no name was a
  // candidate.
  if (!by_identifier.empty()) {
    std::vector<uint32_t> scored_entries;
    for (const NameResult& r : results) scored_entries.push_back(index.name(r.name).entry);
    std::sort(scored_entries.begin(), scored_entries.end());
    for (const auto& [entry, match] : by_identifier) {
      if (std::binary_search(scored_entries.begin(), scored_entries.end(), entry)) continue;
      for (uint32_t n = entry_names[entry]; n < entry_names[entry + 1]; ++n) {
        results.push_back(ScoreName(n, scoring));
      }
    }
  }

  // The best name per entry, counting the weak-alias penalty.
  struct Ranked {
    uint32_t entry;
    double effective;  // the name score less the weak-alias penalty, 0 for a nickname
    NameResult result;
  };
  std::vector<Ranked> ranked;
  ranked.reserve(results.size());
  for (const NameResult& r : results) {
    const internal::IndexedName& name = index.name(r.name);
    const bool weak = entries[name.entry].names[name.name].weak;
    // A weak alias of one word ("Sever", "Kostya") is a nickname, shared by countless
    // unlisted parties: it explains an identifier match but never makes a hit by itself.
    const bool nickname =
        weak && r.list_form >= 0 && index.tokens(index.forms(name)[r.list_form]).size() <= 1;
    ranked.push_back({name.entry, nickname ? 0.0 : r.score - (weak ? kWeakAliasPenalty : 0), r});
  }
  std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    if (a.entry != b.entry) return a.entry < b.entry;
    if (a.effective != b.effective) return a.effective > b.effective;
    return a.result.name < b.result.name;
  });

  EntityType query_type = query.type;
  if (query_type == EntityType::kUnknown && !analyzed.legal_forms.empty()) {
    query_type = EntityType::kOrganization;
  }
  std::vector<Hit> hits;
  std::vector<std::pair<NameResult, Hit>> kept;
  for (size_t i = 0; i < ranked.size(); ++i) {
    if (i > 0 && ranked[i - 1].entry == ranked[i].entry) continue;
    const NameResult& r = ranked[i].result;
    const IdentifierMatch* identifier = identifier_of(ranked[i].entry);
    // Country and birth date add at most their bonuses: skip what cannot reach the threshold.
    if (identifier == nullptr && !MayReach(ranked[i].effective, options.threshold)) continue;
    const ListEntry& entry = entries[ranked[i].entry];
    const ListName& listed = entry.names[index.name(r.name).name];
    Hit hit;
    hit.entry_index = ranked[i].entry;
    hit.name_score = r.score;
    hit.weak_alias_penalty = listed.weak ? -kWeakAliasPenalty : 0;
    if (query_type != EntityType::kUnknown && entry.type != EntityType::kUnknown &&
        query_type != entry.type) {
      const auto is_craft = [](EntityType t) {
        return t == EntityType::kVessel || t == EntityType::kAircraft;
      };
      hit.type_penalty = is_craft(query_type) != is_craft(entry.type) ? -kCraftMismatchPenalty
                                                                      : -kTypeMismatchPenalty;
    }
    hit.country_adjustment = CountryAdjustment(query, query_type, entry);
    hit.birth_date_adjustment = BirthDateAdjustment(query, entry);
    hit.identifier_adjustment = IdentifierAdjustment(query, entry);
    const double sum = hit.name_score + hit.weak_alias_penalty + hit.type_penalty +
                       hit.country_adjustment + hit.birth_date_adjustment +
                       hit.identifier_adjustment;
    hit.score = std::clamp(sum, 0.0, 1.0);
    if (identifier != nullptr) {
      hit.identifier = *identifier;
      hit.score = 1.0;
      hit.decision = Decision::kIdentifier;
    } else if (hit.score >= options.threshold) {
      hit.decision = Decision::kName;
    } else {
      continue;
    }
    kept.emplace_back(r, std::move(hit));
  }
  std::sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) {
    if (a.second.score != b.second.score) return a.second.score > b.second.score;
    return a.second.entry_index < b.second.entry_index;
  });
  if (kept.size() > options.limit) kept.resize(options.limit);

  // Only the hits returned are explained in words.
  std::vector<TokenPairing> pairing;
  for (auto& [r, hit] : kept) {
    const ListEntry& entry = entries[hit.entry_index];
    const internal::IndexedName& name = index.name(r.name);
    const ListName& listed = entry.names[name.name];
    hit.list = entry.list;
    hit.id = entry.id;
    hit.caption = entry.Caption();
    hit.type = entry.type;
    hit.programs = entry.programs;
    hit.matched_name = listed.full;
    hit.matched_name_primary = listed.primary;
    hit.matched_name_weak = listed.weak;
    if (r.list_form >= 0) {
      const internal::IndexedForm& form = index.forms(name)[r.list_form];
      ListTokens(form, scoring);
      const PreparedForm& query_form = scoring.query.forms[r.query_form];
      const FormScore score =
          scoring.scorer.Score(query_form.tokens, scoring.list_tokens, name.type, &pairing,
                               scoring.query.surname_reference);
      std::vector<std::string> list_texts;
      for (const internal::FormToken& t : index.tokens(form))
        list_texts.push_back(index.Utf8Text(t.token));
      hit.name = MakeComparison(query_form, index.scheme(form.scheme), list_texts, score, pairing);
    }
    hits.push_back(std::move(hit));
  }
  return hits;
}

Result<std::unique_ptr<Screener>> Screener::Build(std::vector<ListEntry> entries,
                                                  const NameAnalyzer& analyzer,
                                                  const ScreenerOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->analyzer = &analyzer;
  impl->options = options;
  if (entries.size() >= UINT32_MAX) return InvalidArgument("entries", "too many entries");
  std::unordered_set<std::string> keys;
  for (size_t e = 0; e < entries.size(); ++e) {
    const ListEntry& entry = entries[e];
    const std::string field = "entries[" + std::to_string(e) + "]";
    if (entry.names.empty()) {
      return InvalidArgument(field + ".names",
                             "entry " + entry.list + "/" + entry.id + " has no name");
    }
    if (entry.names.size() > UINT16_MAX) {
      return InvalidArgument(field + ".names",
                             "entry " + entry.list + "/" + entry.id + " has too many names");
    }
    if (!keys.insert(entry.list + '\0' + entry.id).second) {
      return InvalidArgument(field + ".id", "duplicate entry " + entry.list + "/" + entry.id);
    }
  }

  internal::NameIndexBuilder builder;
  uint32_t names = 0;
  impl->entry_names.reserve(entries.size() + 1);
  for (size_t e = 0; e < entries.size(); ++e) {
    impl->entry_names.push_back(names);
    const ListEntry& entry = entries[e];
    for (size_t n = 0; n < entry.names.size(); ++n) {
      const AnalyzedName analyzed = analyzer.Analyze(entry.names[n].full, impl->romanised);
      names +=
          builder.Add(static_cast<uint32_t>(e), static_cast<uint16_t>(n), entry.type, analyzed);
    }
    for (size_t k = 0; k < entry.identifiers.size(); ++k) {
      const ListIdentifier& id = entry.identifiers[k];
      const std::string normalized = NormalizeIdentifier(id.scheme, id.value);
      if (normalized.empty()) continue;
      impl->identifiers[id.scheme + '\0' + normalized].emplace_back(static_cast<uint32_t>(e),
                                                                    static_cast<uint32_t>(k));
    }
  }
  impl->entry_names.push_back(names);
  impl->index = builder.Build();
  impl->entries = std::move(entries);
  return std::unique_ptr<Screener>(new Screener(std::move(impl)));
}

Screener::Screener(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Screener::~Screener() = default;

std::vector<Hit> Screener::Impl::Screen(const ScreeningQuery& query, const ScreenOptions& options,
                                        bool brute_force) const {
  const AnalyzedName analyzed = analyzer->Analyze(query.name, romanised);
  std::vector<std::pair<uint32_t, IdentifierMatch>> by_identifier = IdentifierMatches(query);
  // Country and birth date can raise a name score by at most this much.
  const double floor = options.threshold - kCountryMatchBonus - kBirthDateMatchBonus;
  thread_local std::string key;  // keeps its capacity from query to query
  ScoredNames known;
  if (!brute_force) {
    ScoredNamesKey(analyzed, floor, key);
    std::shared_lock lock(scored_mutex);
    if (auto it = scored.find(std::string_view(key)); it != scored.end()) known = it->second;
  }
  // Without an identifier match, names that cannot reach the threshold make no hit (Assemble
  // skips them): nothing is left to prepare or explain.
  if (known && by_identifier.empty() &&
      std::none_of(known->begin(), known->end(),
                   [&](const NameResult& r) { return MayReach(r.score, options.threshold); })) {
    return {};
  }
  PreparedName prepared;
  internal::PrepareName(analyzed, index, internal::PreparedAs::kScreenQuery, prepared, &unlisted);
  QueryScoring scoring{prepared, brute_force};
  std::vector<NameResult> results;
  auto score = [&](uint32_t name) {
    const NameResult r = ScoreName(name, scoring);
    if (r.score > 0) results.push_back(r);
  };
  if (brute_force) {
    scoring.scorer.UseDenseCache(prepared.words.size(), index.token_count());
    for (uint32_t name = 0; name < index.name_count(); ++name) score(name);
  } else if (known) {
    results = *known;
  } else {
    for (uint32_t name : Candidates(prepared, floor)) score(name);
    auto remembered = std::make_shared<const std::vector<NameResult>>(results);
    std::unique_lock lock(scored_mutex);
    if (scored.size() >= kMaxScoredNames) scored.clear();
    scored.try_emplace(key, std::move(remembered));
  }
  return Assemble(query, analyzed, scoring, std::move(results), std::move(by_identifier), options);
}

std::vector<Hit> Screener::Screen(const ScreeningQuery& query, const ScreenOptions& options) const {
  return impl_->Screen(query, options, /*brute_force=*/false);
}

std::vector<Hit> Screener::ScreenBruteForce(const ScreeningQuery& query,
                                            const ScreenOptions& options) const {
  return impl_->Screen(query, options, /*brute_force=*/true);
}

PairScore Screener::ScoreNames(std::string_view a, std::string_view b) const {
  PreparedName query;
  internal::PrepareName(impl_->analyzer->Analyze(a), impl_->index, internal::PreparedAs::kPairQuery,
                        query, &impl_->unlisted);
  PreparedName listed;
  internal::PrepareName(impl_->analyzer->Analyze(b), impl_->index,
                        internal::PreparedAs::kPairListed, listed, &impl_->unlisted);
  NameScorer scorer;
  PairScore result;
  std::vector<TokenPairing> pairing;
  for (const PreparedForm& qf : query.forms) {
    for (const PreparedForm& lf : listed.forms) {
      if (!internal::ComparableSchemes(qf.scheme, lf.scheme)) continue;
      const FormScore score = scorer.Score(qf.tokens, lf.tokens, EntityType::kUnknown, &pairing,
                                           query.surname_reference);
      if (result.name.query_form.empty() || score.score > result.score) {
        result.score = score.score;
        result.name = MakeComparison(qf, lf.scheme, lf.texts, score, pairing);
      }
    }
  }
  result.decision = result.score >= kDefaultThreshold ? Decision::kName : Decision::kNoMatch;
  return result;
}

const std::vector<ListEntry>& Screener::entries() const { return impl_->entries; }

Screener::Stats Screener::stats() const {
  Stats stats;
  stats.entries = impl_->entries.size();
  stats.names = impl_->index.name_count();
  for (uint32_t n = 0; n < impl_->index.name_count(); ++n) {
    stats.forms += impl_->index.forms(impl_->index.name(n)).size();
  }
  stats.tokens = impl_->index.token_count();
  stats.index_bytes = impl_->index.MemoryBytes();
  std::shared_lock lock(impl_->scored_mutex);
  stats.remembered_names = impl_->scored.size();
  return stats;
}

}  // namespace keruen::screening
