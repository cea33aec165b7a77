// The legal-form table (text/legal_forms.tsv) and the search for its spellings in a name.
//
// Matching works on word keys, not on text: the analyser takes a name's words as written (case
// folded) and turns each spelling in the table into the key sequences it is recognised by (its
// own words, the same folded to ASCII, and for Cyrillic spellings also their romanisations). The
// search then strips spellings from the front and the back of the name, longest first and
// repeatedly ("ТОО «X» LLP" loses both), and finally removes `any`-place phrases from the middle.
// It never takes the last remaining word.
#ifndef KERUEN_SCREENING_TEXT_INTERNAL_LEGAL_FORMS_H_
#define KERUEN_SCREENING_TEXT_INTERNAL_LEGAL_FORMS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "keruen/core/error.h"

namespace keruen::screening::text_internal {

// The text of legal_forms.tsv, compiled in (generated from the file by CMake).
extern const char kLegalFormsTsv[];

enum class LegalFormPlace : uint8_t {
  kEdge,      // first or last words
  kEnd,       // last words only
  kFront,     // first words only (titles before a person's name)
  kAnywhere,  // anywhere
};

class LegalFormTable {
 public:
  // The key sequences one spelling is recognised by; empty when it has no words.
  using Keyer = std::function<std::vector<std::vector<std::string>>(std::string_view spelling)>;

  // Parses the table; errors name `source` and the line.
  static Result<LegalFormTable> Parse(std::string_view tsv, const std::string& source,
                                      const Keyer& keyer);

  struct Match {
    size_t begin = 0;  // the words [begin, end) of the name
    size_t end = 0;
    const std::string* code = nullptr;  // owned by the table
  };
  // The legal forms in a name given as word keys, in written order, never covering all
  // the words.
  std::vector<Match> Find(const std::vector<std::string_view>& keys) const;

 private:
  struct Spelling {
    std::vector<std::string> keys;
    std::string code;
    LegalFormPlace place = LegalFormPlace::kEdge;
  };
  enum class Where { kFront, kBack, kMiddle };

  // The indices of the spellings that start with each word of a name (by_first_key_'s
  // lists), null for none: looked up once a word, not once a place tried.
  using Starts = std::vector<const std::vector<size_t>*>;

  // The longest spelling allowed at `where` that covers words [begin, begin + length) with
  // length <= max_length, found by its first word; null when none.
  const Spelling* LongestAt(const std::vector<std::string_view>& keys, const Starts& starts,
                            size_t begin, size_t max_length, Where where) const;
  // The longest spelling allowed at the back that ends at word `end` and starts at or after
  // `min_begin`.
  const Spelling* LongestEndingAt(const std::vector<std::string_view>& keys, const Starts& starts,
                                  size_t min_begin, size_t end) const;

  struct KeyHash {
    using is_transparent = void;
    size_t operator()(std::string_view key) const { return std::hash<std::string_view>()(key); }
  };

  // Whether a key of this first byte and length may start a spelling: most words of a name
  // start none, and this tells without hashing them. Bit min(length, 63) of the first byte's
  // entry (of entry 0 for an empty key).
  static std::pair<size_t, uint64_t> Shape(std::string_view key);
  std::array<uint64_t, 256> first_key_shapes_{};

  std::vector<Spelling> spellings_;
  // Spellings by their first key, longest first.
  std::unordered_map<std::string, std::vector<size_t>, KeyHash, std::equal_to<>> by_first_key_;
  size_t longest_ = 0;  // the most words any spelling has
};

}  // namespace keruen::screening::text_internal

#endif  // KERUEN_SCREENING_TEXT_INTERNAL_LEGAL_FORMS_H_
