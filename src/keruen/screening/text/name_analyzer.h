// Turns a name as written (any script, legal forms, punctuation, any word order) into the
// comparable Latin forms the matcher indexes and scores.
//
// Why several forms: a Cyrillic name has no single Latin spelling. "Щербаков" is "Shcherbakov"
// in BGN/PCGN, "Shcherbakov" in ICAO 9303 passports too but "Ščerbakov" in GOST 7.79 and
// "Shherbakov" in some Russian systems; a Kazakh "Жақсыбеков" differs again. Lists and
// declarations use whichever their clerk used, so every analysed name carries one token list
// per scheme and the matcher compares the best-aligned pair. Latin names get one form (and
// their ASCII fold when diacritics are present).
//
// Legal forms ("ТОО", "TOO", "LLP", "ООО", "OOO", "LLC", "АО", "JSC", "ПАО", "PJSC", "GmbH",
// "Ltd"...) are recognised in any spelling and position and set aside, so "CORP" or "LLC" can
// never make two companies look alike; they are reported in `legal_forms` as canonical codes.
#ifndef KERUEN_SCREENING_TEXT_NAME_ANALYZER_H_
#define KERUEN_SCREENING_TEXT_NAME_ANALYZER_H_

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "keruen/core/error.h"

namespace keruen::screening {

struct NameToken {
  std::string text;         // lower-case Latin letters and digits only (NFKC, folded)
  bool initial = false;     // a single letter, as in "V." or "V" ("V. Putin")
  bool patronymic = false;  // "Vladimirovich", "Ivanovna", "uly", "kyzy"...: optional in matching
};

// One Latin spelling of the whole name, tokens in written order.
struct NameForm {
  std::string scheme;  // "latin" (as written), "ascii" (diacritics folded), "bgn-ru", "bgn-kk",
                       // "bgn-uk", "icao", "gost779"
  std::vector<NameToken> tokens;
};

struct AnalyzedName {
  std::vector<NameForm> forms;           // distinct forms; empty only for an empty name
  std::vector<std::string> legal_forms;  // canonical codes: "llc", "llp", "jsc", "pjsc", ...
  bool non_latin = false;                // the input had letters outside the Latin script
};

// Immutable after Create; Analyze may be called from many threads at once.
class NameAnalyzer {
 public:
  // `translit_dir` holds the iuliia scheme tables (../shared/data/sanctions/translit/iuliia);
  // when it is empty or absent the ICU schemes alone are used and Create still succeeds.
  static Result<std::unique_ptr<NameAnalyzer>> Create(const std::filesystem::path& translit_dir);
  ~NameAnalyzer();

  AnalyzedName Analyze(std::string_view name) const;

  // The names of the Cyrillic-to-Latin schemes available ("bgn-ru", "icao", ...).
  std::vector<std::string> Schemes() const;
  // `text` in one scheme, lower case; an error for an unknown scheme. Used by the evaluation
  // to generate the spellings a clerk would produce.
  Result<std::string> Transliterate(std::string_view scheme, std::string_view text) const;

 private:
  struct Impl;
  explicit NameAnalyzer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace keruen::screening

#endif  // KERUEN_SCREENING_TEXT_NAME_ANALYZER_H_
