// Labelled name pairs for measuring the screening scorer: the public test sets in
// ../shared/data/sanctions/eval and analyst-maintained CSV files.
//
// A pair says whether two names denote the same subject, and carries a category so the results
// can say *where* the matcher fails (Cyrillic against Latin, typos, hard negatives...), not only
// how often. See docs/screening-eval.md for what each set measures and how it was built.
#ifndef KERUEN_SCREENING_EVAL_PAIR_DATASETS_H_
#define KERUEN_SCREENING_EVAL_PAIR_DATASETS_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "keruen/core/error.h"
#include "keruen/core/paths.h"

namespace keruen::screening::eval {

struct LabeledPair {
  std::string name1;
  std::string name2;
  bool match = false;    // true: the same subject, the screener should alert
  std::string category;  // metrics are broken down by it: "cyrillic-latin", "typo", ...
  std::string note;      // where the pair came from (entry, file line, description)
};

// Categories the report also adds up, so that splitting a category (as ApplyCyrillicLatinAudit
// splits "cyrillic-latin") does not hide the figure over the whole it was split from.
struct CategoryGroup {
  std::string name;  // as printed and in the JSON: "all cyrillic-latin pairs (...)"
  std::vector<std::string> categories;
};

struct PairDataset {
  std::string name;    // stable id, used by goals and in the JSON: "watchman-cross-script", ...
  std::string source;  // what it was read or generated from
  std::vector<LabeledPair> pairs;
  // Small curated sets are also reported pair by pair (score, pass or fail).
  bool report_each_pair = false;
  std::vector<CategoryGroup> category_groups;
};

// Dataset names, referred to by the evaluation goals.
inline constexpr std::string_view kWatchmanDataset = "watchman-cross-script";
inline constexpr std::string_view kPutinDataset = "rigour-putin";
inline constexpr std::string_view kEquivalencesDataset = "rigour-equivalences";

// The public sets' pairs are categorised by the scripts of their two names: "latin-latin",
// "cyrillic-latin", "cyrillic-cyrillic", or "other-script" (Arabic, Han, Hangul...). Cyrillic
// against Latin, the case Kazakh screening lives on, carries a recall goal.
inline constexpr std::string_view kCyrillicLatin = "cyrillic-latin";

// watchman/cross_script_pairs.csv: `Query,Expected Match,Min Score,Description`, '#' comments.
// Every row is a positive pair, categorised by the scripts of its two names.
Result<PairDataset> LoadWatchmanCrossScript(const std::filesystem::path& csv);

// rigour/putin_names.txt: one surface form of one name per line. Each form is paired with the
// `canonical` spelling (not every form with every other): screening compares a query with a
// listed Latin name, and 3,240 all-against-all pairs would mostly measure Khmer against Korean.
inline constexpr std::string_view kPutinCanonical = "Vladimir Vladimirovich Putin";
Result<PairDataset> LoadPutinNames(const std::filesystem::path& txt,
                                   std::string_view canonical = kPutinCanonical);

// rigour/person_name_equivalences_excerpt_motiva.txt: lines `form1, form2, ... => Qid`, every
// form in a group the same name. Positives: all pairs within a group. Negatives, sampled with
// `seed` from other groups (never a pair two groups share, never one form a prefix of the
// other: Wikidata keeps "ivanov" and "ivanova" apart, a screener rightly does not):
//   "hard-negative": per group, one of its Latin forms against a Latin form of another group
//                    starting with the same two letters, and its Cyrillic form (if any) against
//                    that same other Latin form;
//   "random-negative": per group, one Latin form against any other group's Latin form.
Result<PairDataset> LoadNameEquivalences(const std::filesystem::path& txt, uint64_t seed = 1);

// A Wikidata name item groups more than the spellings of one name: the other gender's form,
// another language's, a nickname; and a foreign name's Cyrillic transcription, which no
// romanisation of its letters gives back. The cross-script goal is about transliteration, so a
// hand audit committed with the code (data/eval/rigour_equivalences_audit.csv, found like the
// other committed tables with RepoDataPath: $KERUEN_REPO_DATA, else the repository's data/)
// lists the Cyrillic-Latin pairs of the equivalences that are not one name form written in
// another scheme: a header row `latin,cyrillic,kind,reason`, one row per pair, '#' comments,
// kind one of kAuditKinds. ApplyCyrillicLatinAudit moves each listed pair of `dataset` from
// "cyrillic-latin" to "cyrillic-latin-<kind>" and adds two groups, kSpellingsGroup
// (transliterations and transcriptions) and kAllCyrillicLatinGroup, so that the report still
// shows recall over those and over all the Cyrillic-Latin pairs. A malformed row, a
// repeated pair, or a pair that is not a "cyrillic-latin" pair of `dataset` (a typo would
// otherwise silently leave the pair among the spellings) is an error naming the file, line and
// field; `dataset` is then unchanged.
inline constexpr std::string_view kEquivalencesAuditFile = "eval/rigour_equivalences_audit.csv";
inline constexpr std::string_view kAuditKinds[] = {"transcription", "other-gender",
                                                   "other-language", "other-name"};
inline constexpr std::string_view kSpellingsGroup =
    "cyrillic-latin spellings of one name (transliterations and transcriptions)";
inline constexpr std::string_view kAllCyrillicLatinGroup =
    "all cyrillic-latin pairs (spellings and other forms)";
Status ApplyCyrillicLatinAudit(const std::filesystem::path& csv, PairDataset& dataset);

// The three sets above from the eval directory (../shared/data/sanctions/eval), the
// equivalences with `equivalences_audit` applied (by default the committed one).
Result<std::vector<PairDataset>> LoadPublicPairSets(
    const std::filesystem::path& eval_dir, const std::filesystem::path& equivalences_audit =
                                               RepoDataPath(std::string(kEquivalencesAuditFile)));

// An analyst-maintained pair file: a header with name1,name2,label,category (and optionally
// note), label 1 (same subject) or 0. Errors name the file, line and column. The dataset is
// named after the file's stem.
Result<PairDataset> ReadPairsCsv(const std::filesystem::path& csv);
// Writes `dataset` in the format ReadPairsCsv reads, so a generated set can be inspected,
// corrected and fed back.
Status WritePairsCsv(const PairDataset& dataset, const std::filesystem::path& csv);

}  // namespace keruen::screening::eval

#endif  // KERUEN_SCREENING_EVAL_PAIR_DATASETS_H_
