// Labelled queries: screening as the system does it, one name against an index of list entries.
// This measures the whole screener (candidate generation, scoring, threshold), which a pair
// score cannot: a variant must find *its* entry among thousands, and a stranger must find none.
//
// The US Congress set (yente's candidate-generation benchmark fixtures): the 1,254 members form
// a watch list; each is queried as written and in four altered forms, and must hit its own
// entry; 50,000 synthetic persons are queried and must hit nothing.
#ifndef KERUEN_SCREENING_EVAL_QUERY_DATASETS_H_
#define KERUEN_SCREENING_EVAL_QUERY_DATASETS_H_

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "keruen/core/error.h"
#include "keruen/screening/lists/list_entry.h"

namespace keruen::screening::eval {

// A list entry by its list and id, as in ListEntry.
struct EntryKey {
  std::string list;
  std::string id;
  bool operator==(const EntryKey&) const = default;
};

struct LabeledQuery {
  std::string name;
  std::string category;              // the variant: "as-written", "initials", ... or "negative"
  std::optional<EntryKey> expected;  // the entry it must hit; none: it must hit nothing
  // What the dataset says besides the name, for screening as a caller would: the birth date
  // ("YYYY" or "YYYY-MM-DD", empty when not given) and the kind of subject.
  std::string birth_date;
  EntityType type = EntityType::kUnknown;
};

struct QueryDataset {
  std::string name;  // dataset id, as PairDataset::name
  std::string source;
  // The entries the queries are aimed at. The caller indexes them, alone or together with the
  // real lists, and screens the queries against that index.
  std::vector<ListEntry> watch_list;
  std::vector<LabeledQuery> queries;
  // Negative queries whose name equals a watch-list name (case-folded): "David Scott" the
  // synthetic person and David Scott the congressman. No name screener can tell them apart;
  // they set a floor under the false-positive rate, so the report states it.
  int64_t identical_names = 0;
};

inline constexpr std::string_view kUsCongressDataset = "us-congress";
inline constexpr std::string_view kUsCongressList = "us_congress";  // ListEntry::list

// Query categories, with the forms of "Jennifer L. McClellan".
inline constexpr std::string_view kAsWritten = "as-written";        // "Jennifer L. McClellan"
inline constexpr std::string_view kInitials = "initials";           // "J. L. McClellan"
inline constexpr std::string_view kDropMiddleName = "drop-middle";  // "Jennifer McClellan"
inline constexpr std::string_view kSurnameFirst = "surname-first";  // "McClellan Jennifer L."
inline constexpr std::string_view kTypoQuery = "typo";              // "Jennifer L. McClelan"
inline constexpr std::string_view kNegativeQuery = "negative";      // a synthetic person

struct UsCongressOptions {
  uint64_t seed = 1;  // for the typos
  // The first this many synthetic persons; all 50,000 by default.
  size_t max_negatives = std::numeric_limits<size_t>::max();
};

// Reads positives_us_congress_untreated.csv and negatives_us.csv from `dir`. Watch-list entries
// are persons of list "us_congress", id the 1-based row, with the year of birth. Every query is
// a person with the birth date its file gives (a member's year for a member's forms). Nicknames
// ("Earl L. \"Buddy\" Carter") and suffixes ("Jr.") are left out of the altered forms; forms
// that would equal another (no middle name to drop, no word to misspell) are not generated.
Result<QueryDataset> LoadUsCongressQueries(const std::filesystem::path& dir,
                                           const UsCongressOptions& options = {});

}  // namespace keruen::screening::eval

#endif  // KERUEN_SCREENING_EVAL_QUERY_DATASETS_H_
