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
// The table of spellings is text/legal_forms.tsv, compiled into the library.
//
// The rules (tokenisation, schemes, fallbacks, patronymics) are in docs/name-analysis.md.
#ifndef KERUEN_SCREENING_TEXT_NAME_ANALYZER_H_
#define KERUEN_SCREENING_TEXT_NAME_ANALYZER_H_

#include <filesystem>
#include <functional>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "keruen/core/error.h"

namespace keruen::screening {

struct NameToken {
  // Lower-case Latin letters (with their diacritics, except in "ascii" forms, which are
  // [a-z0-9] only) and digits. Never empty.
  std::string text;
  // The written word was a single letter, as in "V." or "V" ("V. Putin"), or a Cyrillic
  // initial romanised as a digraph ("Ю." -> "yu", "Yu."): matches any word it begins.
  bool initial = false;
  // "Vladimirovich", "Ivanovna", "Abishuly", "uly", "kyzy"...: often left out of a name, so
  // optional in matching. At most one "-ovich"-type word per name, never the first word.
  bool patronymic = false;
  // Romanised from a script that leaves short vowels unwritten (Arabic, Persian, Urdu,
  // Hebrew, Syriac): "محمد" is "mhmd", "בוטין" "bwtyn". Its letters are consonants and long
  // vowels, which the matcher compares with Latin spellings by their consonants alone. The
  // letters that carry a vowel and no consonant, which ICU leaves out, are written "e" (ع:
  // "علي" is "ely"; א, ע), and ة is "h" ("فاطمة" is "fatmh").
  bool abjad = false;
};

// One Latin spelling of the whole name, tokens in written order (legal forms removed).
struct NameForm {
  // Latin input: "latin" (as written) and "ascii" (diacritics folded, only when it differs).
  // Cyrillic input: "bgn-ru", "bgn-kk", "bgn-uk", "icao", "gost779", each followed by
  // "<scheme>-ascii" when folding its diacritics changes it ("gost779-ascii").
  // Other scripts: "any-latin" (already ASCII; tokens of Arabic or Hebrew words are `abjad`).
  // Forms whose tokens equal an earlier form's are dropped, so not every scheme appears.
  std::string scheme;
  std::vector<NameToken> tokens;
};

struct AnalyzedName {
  std::vector<NameForm> forms;           // distinct forms; empty only when the name has no
                                         // letters or digits (empty, punctuation, emoji)
  std::vector<std::string> legal_forms;  // canonical codes in written order, no repeats:
                                         // "llc", "llp", "jsc", "pjsc", "gmbh", ...
  bool non_latin = false;                // the input had letters outside the Latin script
  // A title was set aside in front ("Президент Путин", "Dr. Ivanov", "Mr Smith"): the name is
  // a person's, and a single word left is a surname the writer chose to go by (the matcher's
  // surname reference, docs/screening.md §4).
  bool titled = false;
};

// Where the iuliia scheme tables live by default: SharedDataDir()/sanctions/translit/iuliia,
// or an empty path when there is no shared data directory.
std::filesystem::path DefaultTranslitDir();

// Cyrillic words romanised in every scheme of the forms, and Han characters in pinyin,
// remembered across names for Analyze: parties repeat their words under new names ("ТОО
// «Жибек Транзит»", "Жибек Логистик", "上海华宇进出口有限公司", "深圳华宇实业有限公司"),
// and running the ICU transliterators is most of what analysing such a name costs.
//
// A Cyrillic name is romanised word by word, which gives what romanising it whole gives: the
// schemes' context rules look one letter to either side and treat a space like the start or
// end of the text (ICU's Russian-, Kazakh- and Ukrainian-Latin/BGN rules, the iuliia tables,
// which work word by word) and NFC composes nothing across a space. A word of Han characters
// (Chinese has no spaces: a company's whole name is one word) is romanised character by
// character, joined by spaces as ICU's Han-Latin spaces them, unless it holds one of the four
// characters whose reading ICU's Han-Latin rules choose by the next one (重庆 "chongqing",
// not "zhongqing"). name_analyzer_test.cc checks both on real names and those rules.
//
// Holds at most kMaxWords words (and as many characters), then starts over: memory stays bounded
// whatever is analysed. Any number of threads may use one at once. Use it with the analyser that
// filled it.
class RomanisedWords {
 public:
  static constexpr size_t kMaxWords = 1 << 16;

  size_t size() const;  // words and characters

 private:
  friend class NameAnalyzer;
  // A romanisation as the forms split it: the count of its space-separated words, and those
  // with letters left, by their place among them, in the scheme's letters and in ASCII.
  // Remembered split, so that a name of known words costs no transliteration, lower-casing
  // or folding at all.
  struct SplitWord {
    size_t index = 0;
    std::string text;   // never empty
    std::string ascii;  // may be empty
  };
  struct Split {
    size_t count = 0;
    std::vector<SplitWord> words;
  };
  using Romanisations = std::shared_ptr<const std::vector<Split>>;  // one per form scheme
  // The remembered romanisations of `word` (UTF-8, as the tokenizer wrote it), or null.
  Romanisations Find(std::string_view word) const;
  // Remembers `romanised` for `word` (unless another thread just did) and returns it.
  Romanisations Remember(std::string_view word, std::vector<Split> romanised) const;
  // The same for the romanisation (ICU Any-Latin; Latin-ASCII) of one Han character.
  std::shared_ptr<const std::string> FindHan(char32_t c) const;
  std::shared_ptr<const std::string> RememberHan(char32_t c, std::string romanised) const;

  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view word) const { return std::hash<std::string_view>()(word); }
  };
  mutable std::shared_mutex mutex_;
  // A word as the tokenizer wrote it to its romanisation in each Cyrillic form scheme, in order.
  mutable std::unordered_map<std::string, Romanisations, Hash, std::equal_to<>> words_;
  mutable std::unordered_map<char32_t, std::shared_ptr<const std::string>> han_;
};

// Immutable after Create; Analyze may be called from many threads at once.
class NameAnalyzer {
 public:
  // `translit_dir` holds the iuliia scheme tables (DefaultTranslitDir()); when it is empty or
  // absent the ICU schemes alone are used ("icao" and "gost779" forms are then missing) and
  // Create still succeeds. A table that is present but malformed is an error naming the file.
  static Result<std::unique_ptr<NameAnalyzer>> Create(const std::filesystem::path& translit_dir);
  ~NameAnalyzer();

  AnalyzedName Analyze(std::string_view name) const;
  // The same, romanising Cyrillic words through `romanised` (see RomanisedWords).
  AnalyzedName Analyze(std::string_view name, const RomanisedWords& romanised) const;

  // The Cyrillic-to-Latin schemes Transliterate accepts: the five the forms use ("bgn-ru",
  // "bgn-kk", "bgn-uk", and with the iuliia tables "icao", "gost779"), then every other iuliia
  // table under its file name ("wikipedia", "mvd_782", "telegram", ...).
  std::vector<std::string> Schemes() const;
  // `text` in one scheme, lower case, punctuation and spacing kept; an error for an unknown
  // scheme. Cyrillic letters the scheme does not cover go through the same fallback as in
  // the forms. Used by the evaluation to generate the spellings a clerk would produce.
  Result<std::string> Transliterate(std::string_view scheme, std::string_view text) const;

 private:
  struct Impl;
  explicit NameAnalyzer(std::unique_ptr<Impl> impl);
  AnalyzedName Analyze(std::string_view name, const RomanisedWords* romanised) const;
  std::unique_ptr<Impl> impl_;
};

}  // namespace keruen::screening

#endif  // KERUEN_SCREENING_TEXT_NAME_ANALYZER_H_
