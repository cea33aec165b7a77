// Splitting a name into normalised words, before any transliteration.
//
// The rules, shared by names and by the legal-form table so both are read alike:
// Unicode NFKC with case folding (so "ＡＢＣ", "Abc" and "abc" are one word); letters, digits
// and combining marks make words; whitespace, hyphens, punctuation, quotes («», “”, "),
// symbols and emoji separate them. Apostrophe-like marks (' ’ ʼ ʻ ʹ ʺ ` ·) between two
// letters are dropped without splitting, so "O'Brien" is "obrien" and BGN's soft-sign prime
// vanishes; elsewhere they separate. Stress marks on Cyrillic letters ("Влади́мир") are
// dropped. Latin letters typed into a Cyrillic word as look-alikes ("ШИШКIНА" with a Latin I,
// "Алеĸсандр" with a kra) are read as the Cyrillic letters they imitate, when every Latin
// letter of the word has a Cyrillic twin. Digits of any script become ASCII digits. Invalid UTF-8
// becomes U+FFFD, which separates like punctuation.
#ifndef KERUEN_SCREENING_TEXT_INTERNAL_NAME_TOKENS_H_
#define KERUEN_SCREENING_TEXT_INTERNAL_NAME_TOKENS_H_

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "keruen/core/error.h"

namespace keruen::screening::text_internal {

enum class TokenScript : uint8_t {
  kLatin,     // Latin letters and digits only
  kCyrillic,  // at least one Cyrillic letter
  kOther,     // a letter of another script and no Cyrillic one
};

struct RawToken {
  std::string text;  // NFKC case-folded, UTF-8, never empty
  TokenScript script = TokenScript::kLatin;
  bool dotted = false;  // directly followed by "." ("V.", "Yu.")
  bool ascii = true;    // `text` is ASCII
};

// Holds ICU's NFKC-casefold normaliser (immutable and thread-safe).
class NameTokenizer {
 public:
  // Fails only when ICU's normalisation data is missing.
  static Result<NameTokenizer> Create();

  // The words of `name` in written order.
  std::vector<RawToken> Tokenize(std::string_view name) const;

  // The two paths Tokenize chooses between: bytes for ASCII names (most list names, and
  // about ten times faster), ICU for the rest. Exposed so tests can check that they agree on
  // ASCII input. TokenizeAscii requires ASCII input.
  void TokenizeAscii(std::string_view name, std::vector<RawToken>& out) const;
  void TokenizeUnicode(std::string_view name, std::vector<RawToken>& out) const;

  // `text` (UTF-8, invalid sequences as U+FFFD) in NFKC with case folding.
  icu::UnicodeString Fold(std::string_view text) const;

  // Fold's result in UTF-32, letter by letter from a table, when `text` is valid UTF-8 of
  // letters below U+0530 that fold alone (ASCII, Latin, Greek, Cyrillic without combining
  // marks, which is most names); false otherwise. TokenizeUnicode tries it before asking ICU
  // (it costs about half as much); exposed so tests can check that it agrees with Fold.
  bool FoldLetters(std::string_view text, std::u32string& out) const;

 private:
  explicit NameTokenizer(const icu::Normalizer2* nfkc_casefold);
  const icu::Normalizer2* nfkc_casefold_;  // owned by ICU
  // For each code point below U+0530, its NFKC_Casefold when that is one code point and the
  // code point has a normalisation boundary before it (so a text of such code points folds
  // one by one), else 0.
  std::vector<char32_t> letter_folds_;
};

// The apostrophe-like marks that join the letters around them.
bool IsApostrophe(char32_t c);

// The Cyrillic letters this component knows how to romanise (U+0400 to U+052F).
inline bool IsCyrillicBlock(char32_t c) { return c >= 0x400 && c <= 0x52F; }

}  // namespace keruen::screening::text_internal

#endif  // KERUEN_SCREENING_TEXT_INTERNAL_NAME_TOKENS_H_
