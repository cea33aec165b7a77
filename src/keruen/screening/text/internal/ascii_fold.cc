#include "keruen/screening/text/internal/ascii_fold.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>

#include <memory>
#include <utility>

#include "keruen/core/utf8.h"

namespace keruen::screening::text_internal {

namespace {

// The blocks holding Latin letters with diacritics, ligatures and IPA letters.
constexpr char32_t kLatinRanges[][2] = {
    {0x00A0, 0x02AF},  // Latin-1 Supplement, Extended-A and -B, IPA
    {0x1D00, 0x1DBF},  // phonetic extensions
    {0x1E00, 0x1EFF},  // Latin Extended Additional (Vietnamese)
    {0x2C60, 0x2C7F},  // Latin Extended-C
    {0xA720, 0xA7FF},  // Latin Extended-D
    {0xAB30, 0xAB6F},  // Latin Extended-E
};

// Letters of living alphabets that Latin-ASCII leaves alone: Azerbaijani "ə" as its official
// English spelling writes it ("Əliyev" -> "Aliyev", like Kazakh "ә"), and African and Sami
// letters by their usual ASCII stand-ins.
constexpr std::pair<char32_t, std::string_view> kSupplement[] = {
    {U'ə', "a"}, {U'ɑ', "a"}, {U'ɔ', "o"},  {U'ɵ', "o"}, {U'ɣ', "g"},
    {U'ʒ', "z"}, {U'ǯ', "z"}, {U'ʃ', "sh"}, {U'ɩ', "i"}, {U'ʊ', "u"}};

// `s` lower-cased when it is non-empty ASCII letters and digits, else empty.
std::string AsciiAlnum(icu::UnicodeString s) {
  s.toLower();
  std::string out;
  for (int32_t i = 0; i < s.length(); ++i) {
    const char16_t c = s.charAt(i);
    if (!((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'))) return {};
    out.push_back(static_cast<char>(c));
  }
  return out;
}

}  // namespace

Result<AsciiFolder> AsciiFolder::Create() {
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error;
  std::unique_ptr<icu::Transliterator> latin_ascii(
      icu::Transliterator::createInstance(u"Latin-ASCII", UTRANS_FORWARD, parse_error, status));
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) {
    return MakeError(ErrorCode::kInternal,
                     std::string("ICU Latin-ASCII unavailable: ") + u_errorName(status));
  }
  AsciiFolder folder;
  for (const auto& range : kLatinRanges) {
    for (char32_t c = range[0]; c <= range[1]; ++c) {
      if (!u_isalpha(static_cast<UChar32>(c))) continue;
      icu::UnicodeString letter(static_cast<UChar32>(c));
      icu::UnicodeString folded(letter);
      latin_ascii->transliterate(folded);
      std::string ascii = AsciiAlnum(folded);
      if (ascii.empty()) {
        // Not in Latin-ASCII's rules: the base letter of its canonical decomposition.
        icu::UnicodeString decomposed = nfd->normalize(letter, status);
        if (U_SUCCESS(status) && decomposed.length() > 1) {
          ascii = AsciiAlnum(decomposed.tempSubString(0, 1));
        }
        status = U_ZERO_ERROR;
      }
      if (!ascii.empty()) folder.table_.emplace(c, std::move(ascii));
    }
  }
  for (const auto& [c, ascii] : kSupplement) folder.table_.emplace(c, ascii);
  return folder;
}

std::string_view AsciiFolder::Fold(char32_t c) const {
  const auto it = table_.find(c);
  return it == table_.end() ? std::string_view() : std::string_view(it->second);
}

void AsciiFolder::Append(std::string_view text, std::string& out) const {
  size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      out.push_back(static_cast<char>(byte));
      ++i;
      continue;
    }
    out.append(Fold(DecodeUtf8(text, i)));
  }
}

}  // namespace keruen::screening::text_internal
