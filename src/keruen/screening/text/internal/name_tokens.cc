#include "keruen/screening/text/internal/name_tokens.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>

#include "keruen/core/utf8.h"
#include "keruen/screening/text/internal/unicode_strings.h"

namespace keruen::screening::text_internal {

namespace {

// The code points below which NameTokenizer::FoldLetters knows the folds: Latin, IPA, Greek
// and Cyrillic letters.
constexpr size_t kLetterFoldsEnd = 0x530;

// Room reserved for the words of a name: most have no more, so `out` grows at most rarely.
constexpr size_t kUsualWords = 8;

// Whether every byte of `text` is below 0x80, looked at eight bytes at a time.
bool IsAscii(std::string_view text) {
  constexpr uint64_t kHighBits = 0x8080808080808080;
  size_t i = 0;
  for (; i + sizeof(uint64_t) <= text.size(); i += sizeof(uint64_t)) {
    uint64_t bytes;
    std::memcpy(&bytes, text.data() + i, sizeof(bytes));
    if ((bytes & kHighBits) != 0) return false;
  }
  for (; i < text.size(); ++i) {
    if (static_cast<unsigned char>(text[i]) >= 0x80) return false;
  }
  return true;
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The Cyrillic letter a Latin letter (case-folded) stands in for when it is typed inside a
// Cyrillic word, or 0. Lists do this: the EU list writes Ukrainian and Belarusian "і" as Latin
// "i" ("ШИШКIНА", "Вiталь"), and "ГАЛИМОB", "CАТ" and "Алеĸсандр" (kra) occur too.
char32_t CyrillicLookAlike(char32_t c) {
  // Lower case, since names are case-folded first: "b", "h", "m", "t" were "B", "H", "M", "T".
  static constexpr std::pair<char32_t, char32_t> kTwins[] = {
      {U'a', U'а'}, {U'b', U'в'}, {U'c', U'с'}, {U'e', U'е'}, {U'h', U'н'},
      {U'i', U'і'}, {U'k', U'к'}, {U'ĸ', U'к'}, {U'm', U'м'}, {U'o', U'о'},
      {U'p', U'р'}, {U't', U'т'}, {U'x', U'х'}, {U'y', U'у'}};
  for (const auto& [latin, cyrillic] : kTwins) {
    if (c == latin) return cyrillic;
  }
  return 0;
}

// A Cyrillic word with Latin look-alike letters typed into it, rewritten in Cyrillic; other
// words, and Cyrillic words with a Latin letter that looks like no Cyrillic one, unchanged.
void RepairLookAlikes(RawToken& token) {
  if (token.script != TokenScript::kCyrillic) return;
  // Only ASCII and "ĸ" (0xC4 0xB8) can be look-alikes: most words hold neither.
  if (std::none_of(token.text.begin(), token.text.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x80 || static_cast<unsigned char>(c) == 0xC4;
      })) {
    return;
  }
  std::u32string letters;
  bool latin = false;
  for (size_t i = 0; i < token.text.size();) {
    const char32_t c = DecodeUtf8(token.text, i);
    if (c < 0x80 || c == U'ĸ') {
      if (c >= '0' && c <= '9') return;
      const char32_t cyrillic = CyrillicLookAlike(c);
      if (cyrillic == 0) return;
      letters.push_back(cyrillic);
      latin = true;
    } else {
      letters.push_back(c);
    }
  }
  if (!latin) return;
  token.text.clear();
  for (char32_t c : letters) AppendUtf8(token.text, c);
}

// Appends the token being built to `out` (when it has any text) and starts a new one.
void Finish(RawToken& current, std::vector<RawToken>& out) {
  if (!current.text.empty()) {
    RepairLookAlikes(current);
    out.push_back(std::move(current));
  }
  current = RawToken();
}

}  // namespace

bool IsApostrophe(char32_t c) {
  switch (c) {
    case U'\'':
    case U'`':
    case U'\u00B4':  // acute accent used as apostrophe
    case U'\u00B7':  // middle dot (BGN/PCGN separator)
    case U'\u02B9':  // modifier prime (soft sign in BGN, ISO 9)
    case U'\u02BA':  // modifier double prime (hard sign)
    case U'\u02BB':  // turned comma (Uzbek o‘, Hawaiian)
    case U'\u02BC':  // modifier apostrophe
    case U'\u02BD':
    case U'\u02BE':  // Arabic transliteration: hamza
    case U'\u02BF':  // Arabic transliteration: ayn
    case U'\u2018':
    case U'\u2019':
    case U'\u2032':  // prime
      return true;
    default:
      return false;
  }
}

Result<NameTokenizer> NameTokenizer::Create() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) {
    return MakeError(ErrorCode::kInternal,
                     std::string("ICU NFKC_Casefold data unavailable: ") + u_errorName(status));
  }
  return NameTokenizer(nfkc_casefold);
}

NameTokenizer::NameTokenizer(const icu::Normalizer2* nfkc_casefold)
    : nfkc_casefold_(nfkc_casefold), letter_folds_(kLetterFoldsEnd, 0) {
  for (UChar32 c = 1; c < static_cast<UChar32>(kLetterFoldsEnd); ++c) {
    if (!nfkc_casefold_->hasBoundaryBefore(c)) continue;
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString folded = nfkc_casefold_->normalize(icu::UnicodeString(c), status);
    if (U_SUCCESS(status) && folded.countChar32() == 1) {
      letter_folds_[static_cast<size_t>(c)] = static_cast<char32_t>(folded.char32At(0));
    }
  }
}

bool NameTokenizer::FoldLetters(std::string_view text, std::u32string& out) const {
  out.clear();
  size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    char32_t c;
    if (lead < 0x80) {
      c = lead;
      ++i;
    } else if (lead >= 0xC2 && lead <= 0xDF && i + 1 < text.size() &&
               (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) {
      // Two bytes, not overlong: U+0080 to U+07FF.
      c = static_cast<char32_t>(((lead & 0x1F) << 6) | (text[i + 1] & 0x3F));
      i += 2;
    } else {
      return false;  // above U+07FF, or invalid UTF-8 (ICU's U+FFFD rules apply)
    }
    if (c >= letter_folds_.size() || letter_folds_[c] == 0) return false;
    out.push_back(letter_folds_[c]);
  }
  return true;
}

std::vector<RawToken> NameTokenizer::Tokenize(std::string_view name) const {
  std::vector<RawToken> out;
  out.reserve(kUsualWords);
  if (IsAscii(name)) {
    TokenizeAscii(name, out);
  } else {
    TokenizeUnicode(name, out);
  }
  return out;
}

void NameTokenizer::TokenizeAscii(std::string_view name, std::vector<RawToken>& out) const {
  // Words are written in place at the back of `out` (Latin words need no look-alike repair).
  bool in_word = false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    char letter;
    if (IsAsciiLetter(c)) {
      letter = static_cast<char>(c | 0x20);
    } else if (c >= '0' && c <= '9') {
      letter = c;
    } else if ((c == '\'' || c == '`') && in_word && i + 1 < name.size() &&
               IsAsciiLetter(name[i + 1])) {
      continue;  // joins: "O'Brien"
    } else {
      if (in_word && c == '.') out.back().dotted = true;
      in_word = false;
      continue;
    }
    if (!in_word) {
      out.emplace_back();
      in_word = true;
    }
    out.back().text.push_back(letter);
  }
}

void NameTokenizer::TokenizeUnicode(std::string_view name, std::vector<RawToken>& out) const {
  UErrorCode status = U_ZERO_ERROR;
  std::u32string folded;
  if (!FoldLetters(name, folded)) folded = ToUtf32(Fold(name));
  const size_t n = folded.size();
  RawToken current;
  char32_t last = 0;           // the last code point added to `current`
  bool last_cyrillic = false;  // ... and whether it was a Cyrillic letter
  size_t i = 0;
  while (i < n) {
    auto c = static_cast<UChar32>(folded[i++]);
    if (IsApostrophe(static_cast<char32_t>(c))) {
      if (!current.text.empty() && i < n) {
        const auto next = static_cast<UChar32>(folded[i]);
        if (u_isalpha(next) && !IsApostrophe(static_cast<char32_t>(next))) continue;
      }
      Finish(current, out);
      last = 0;
      last_cyrillic = false;
      continue;
    }
    // The letters most names are made of, classified as ICU classifies them, without asking.
    if ((c >= 'a' && c <= 'z') || (c >= 0x430 && c <= 0x45F)) {  // Latin, Cyrillic а..џ
      last_cyrillic = c >= 0x430;
      if (last_cyrillic) current.script = TokenScript::kCyrillic;
      if (c >= 0x80) current.ascii = false;
      AppendUtf8(current.text, static_cast<char32_t>(c));
      last = static_cast<char32_t>(c);
      continue;
    }
    const int8_t type = u_charType(c);
    const uint32_t mask = U_MASK(type);
    if ((mask & U_GC_L_MASK) != 0) {
      const UScriptCode script = uscript_getScript(c, &status);
      last_cyrillic = script == USCRIPT_CYRILLIC;
      if (last_cyrillic) {
        current.script = TokenScript::kCyrillic;
      } else if (script != USCRIPT_LATIN && script != USCRIPT_COMMON &&
                 script != USCRIPT_INHERITED && current.script == TokenScript::kLatin) {
        current.script = TokenScript::kOther;
      }
    } else if ((mask & U_GC_M_MASK) != 0) {
      // A mark needs a letter to sit on; stress marks on Cyrillic letters are dropped, and
      // so is the dot that case folding leaves on "İ" (i + U+0307).
      if (current.text.empty() || last_cyrillic || (c == 0x307 && (last == U'i' || last == U'j'))) {
        continue;
      }
    } else if (type == U_DECIMAL_DIGIT_NUMBER) {
      c = U'0' + u_charDigitValue(c);
      last_cyrillic = false;
    } else {
      const bool dot_after_word = c == U'.' && !current.text.empty();
      Finish(current, out);
      last = 0;
      last_cyrillic = false;
      if (dot_after_word) out.back().dotted = true;
      continue;
    }
    if (c >= 0x80) current.ascii = false;
    AppendUtf8(current.text, static_cast<char32_t>(c));
    last = static_cast<char32_t>(c);
  }
  Finish(current, out);
}

icu::UnicodeString NameTokenizer::Fold(std::string_view text) const {
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString folded = nfkc_casefold_->normalize(source, status);
  // normalize() fails only when memory runs out; the unnormalised text is then the best
  // there is.
  return U_SUCCESS(status) ? folded : source;
}

}  // namespace keruen::screening::text_internal
