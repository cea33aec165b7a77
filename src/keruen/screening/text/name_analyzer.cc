#include "keruen/screening/text/name_analyzer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <mutex>
#include <optional>
#include <span>
#include <system_error>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "keruen/core/paths.h"
#include "keruen/core/utf8.h"
#include "keruen/screening/text/internal/ascii_fold.h"
#include "keruen/screening/text/internal/given_names.h"
#include "keruen/screening/text/internal/icu_transliterator.h"
#include "keruen/screening/text/internal/iuliia_schema.h"
#include "keruen/screening/text/internal/legal_forms.h"
#include "keruen/screening/text/internal/name_tokens.h"
#include "keruen/screening/text/internal/patronymics.h"
#include "keruen/screening/text/internal/unicode_strings.h"

namespace keruen::screening {

namespace fs = std::filesystem;
namespace ti = text_internal;

namespace {

constexpr char32_t kCyrillicFirst = 0x400;
constexpr size_t kCyrillicLetters = 0x130;  // U+0400 to U+052F
using CyrillicFallback = std::array<std::u32string, kCyrillicLetters>;

// Kazakh letters, which no scheme but bgn-kk covers: their base Latin letters, as
// Kazakhstan's ICAO-based passports write them ("Жақсыбеков" -> "Zhaksybekov",
// "Әбішұлы" -> "Abishuly").
constexpr std::pair<char32_t, std::u32string_view> kKazakhLetters[] = {
    {U'ә', U"a"}, {U'ғ', U"g"}, {U'қ', U"k"}, {U'ң', U"n"}, {U'ө', U"o"},
    {U'ұ', U"u"}, {U'ү', U"u"}, {U'һ', U"h"}, {U'і', U"i"}};

// For the ASCII schemes (BGN, ICAO and the other iuliia tables), the letters of the
// neighbouring alphabets a scheme may lack, as ICAO 9303 writes them (Ukrainian "є" -> "ie",
// "ї" -> "i", "ґ" -> "g", Belarusian "ў" -> "u"), and the Russian letters the Ukrainian
// table lacks.
constexpr std::pair<char32_t, std::u32string_view> kPassportLetters[] = {
    {U'є', U"ie"}, {U'ї', U"i"}, {U'ґ', U"g"}, {U'ў', U"u"}, {U'ё', U"e"},
    {U'ы', U"y"},  {U'э', U"e"}, {U'ъ', U""},  {U'ь', U""}};

// For gost779, ISO 9's own letters for the Ukrainian and Belarusian ones, and for "ё", which
// the iuliia gost_779 table maps to itself (a Cyrillic ё).
constexpr std::pair<char32_t, std::u32string_view> kIso9Letters[] = {
    {U'ё', U"ë"}, {U'є', U"ê"}, {U'ї', U"ï"}, {U'ґ', U"g\u0300"}, {U'ў', U"ŭ"}};

// One Cyrillic-to-Latin scheme: an ICU transliterator or an iuliia table, and what its
// Cyrillic leftovers become.
struct CyrillicScheme {
  std::string name;        // "bgn-ru"
  std::string ascii_name;  // "bgn-ru-ascii"
  std::optional<ti::IcuTransliterator> icu;
  const ti::IuliiaSchema* iuliia = nullptr;
  const CyrillicFallback* fallback = nullptr;
};

// A letter that may stay in a Latin form: ASCII letters and digits, Latin letters and
// combining marks. Apostrophes, primes and dots that schemes emit, and letters of other
// scripts, go.
bool IsFormLetter(char32_t c) {
  if (c < 0x80) return (c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9');
  if (ti::IsApostrophe(c)) return false;
  const uint32_t mask = U_MASK(u_charType(static_cast<UChar32>(c)));
  if ((mask & U_GC_M_MASK) != 0) return true;
  if ((mask & U_GC_L_MASK) == 0) return false;
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(c), &status) == USCRIPT_LATIN;
}

size_t CodePoints(std::string_view utf8) {
  return static_cast<size_t>(
      std::count_if(utf8.begin(), utf8.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// The Han characters ICU's Han-Latin reads by the character after them (its only rules with a
// context: 藏文, 重庆, 沈阳, 秘鲁). A word holding one is romanised whole.
constexpr char32_t kHanContextLetters[] = {U'\u85CF', U'\u91CD', U'\u6C88', U'\u79D8'};

bool IsHanContextLetter(char32_t c) {
  return std::find(std::begin(kHanContextLetters), std::end(kHanContextLetters), c) !=
         std::end(kHanContextLetters);
}

// Two-letter Latin initials of Cyrillic letters, recognised when written with a dot ("Yu.").
bool IsDigraphInitial(std::string_view key) {
  constexpr std::string_view kDigraphs[] = {"yu", "ya", "ye", "yo", "iu", "ia",  "ie",
                                            "zh", "kh", "ts", "ch", "sh", "shch"};
  return std::find(std::begin(kDigraphs), std::end(kDigraphs), key) != std::end(kDigraphs);
}

bool SameTokens(const NameForm& a, const NameForm& b) {
  return std::equal(a.tokens.begin(), a.tokens.end(), b.tokens.begin(), b.tokens.end(),
                    [](const NameToken& x, const NameToken& y) { return x.text == y.text; });
}

// The scripts that write consonants and long vowels only, and whose ICU romanisation is
// therefore vowelless ("mhmd" for محمد): NameToken::abjad.
bool IsAbjad(UScriptCode script) {
  return script == USCRIPT_ARABIC || script == USCRIPT_HEBREW || script == USCRIPT_SYRIAC;
}

// legal_forms.tsv's code for titles before a person's name: set aside, but not a legal form.
constexpr std::string_view kTitleCode = "title";

// Adds `form` unless it is empty or spells the same tokens as a form already there.
void AddForm(std::vector<NameForm>& forms, NameForm&& form) {
  if (form.tokens.empty()) return;
  for (const NameForm& existing : forms) {
    if (SameTokens(existing, form)) return;
  }
  forms.push_back(std::move(form));
}

}  // namespace

fs::path DefaultTranslitDir() {
  const std::optional<std::string> shared = SharedDataDir();
  if (!shared) return {};
  return fs::path(*shared) / "sanctions" / "translit" / "iuliia";
}

struct NameAnalyzer::Impl {
  Impl(ti::NameTokenizer tokenizer_in, ti::AsciiFolder folder_in,
       ti::IcuTransliterator any_latin_in, const icu::Normalizer2* nfc_in)
      : tokenizer(std::move(tokenizer_in)),
        folder(std::move(folder_in)),
        any_latin(std::move(any_latin_in)),
        nfc(nfc_in) {}

  ti::NameTokenizer tokenizer;
  ti::AsciiFolder folder;
  ti::IcuTransliterator any_latin;  // other scripts: "Any-Latin; Latin-ASCII"
  const icu::Normalizer2* nfc;      // owned by ICU
  CyrillicFallback passport_fallback;
  CyrillicFallback iso9_fallback;
  std::vector<ti::IuliiaSchema> iuliia;       // every table read; schemes point into it
  std::vector<CyrillicScheme> form_schemes;   // the forms of a Cyrillic name, in order
  std::vector<CyrillicScheme> extra_schemes;  // the other iuliia tables, for Transliterate
  ti::LegalFormTable legal_forms;
  // Every Latin (ASCII) spelling of a given name or patronymic in given_names.tsv, as any
  // scheme writes it, to the spelling of its group in the "names" form; empty when two groups
  // share the spelling.
  std::unordered_map<std::string, std::string> given_names;

  // The ASCII spellings of a one-word Cyrillic `word` in every scheme.
  std::vector<std::string> AsciiSpellings(std::string_view word) const {
    std::vector<std::string> out;
    const std::u32string text = ToCodePoints(word);
    const std::vector<NameToken> one_word(1);
    for (const auto* schemes : {&form_schemes, &extra_schemes}) {
      for (const CyrillicScheme& scheme : *schemes) {
        NameForm form;
        NameForm ascii;
        RomanisedForms(scheme, text, one_word, form, ascii);
        if (ascii.tokens.size() != 1) continue;
        std::string& spelling = ascii.tokens[0].text;
        if (std::find(out.begin(), out.end(), spelling) == out.end()) {
          out.push_back(std::move(spelling));
        }
      }
    }
    return out;
  }

  Status LoadGivenNames() {
    auto table =
        ti::ParseGivenNames(ti::kGivenNamesTsv, "src/keruen/screening/text/given_names.tsv");
    if (!table) return tl::unexpected(table.error());
    const CyrillicScheme* bgn = FindScheme("bgn-ru");
    std::vector<std::array<std::string, ti::kGivenNameKinds>> canonical(table->canonical.size());
    for (size_t g = 0; g < canonical.size(); ++g) {
      for (size_t k = 0; k < ti::kGivenNameKinds; ++k) {
        const std::string& cyrillic = table->canonical[g][k];
        if (cyrillic.empty() || bgn == nullptr) continue;
        NameForm form;
        NameForm ascii;
        RomanisedForms(*bgn, ToCodePoints(cyrillic), std::vector<NameToken>(1), form, ascii);
        if (ascii.tokens.size() == 1) canonical[g][k] = std::move(ascii.tokens[0].text);
      }
    }
    for (const ti::GivenNameSpelling& spelling : table->spellings) {
      const std::string& to = canonical[spelling.group][static_cast<size_t>(spelling.kind)];
      if (to.empty()) continue;
      const std::vector<std::string> keys =
          spelling.latin ? std::vector<std::string>{spelling.text} : AsciiSpellings(spelling.text);
      for (const std::string& key : keys) {
        auto [it, inserted] = given_names.try_emplace(key, to);
        if (!inserted && it->second != to) it->second.clear();
      }
    }
    return {};
  }

  // The "names" form of a person's name: its ASCII form (of the Russian BGN romanisation for
  // a Cyrillic name) with given names and patronymics written as given_names.tsv's Russian
  // ones; empty when no word changes.
  NameForm GivenNamesForm(const std::vector<NameForm>& forms, bool cyrillic) const {
    const NameForm* base = nullptr;
    for (const char* scheme :
         cyrillic ? std::array{"bgn-ru-ascii", "bgn-ru"} : std::array{"ascii", "latin"}) {
      for (const NameForm& form : forms) {
        if (base == nullptr && form.scheme == scheme) base = &form;
      }
    }
    NameForm names;  // named and filled at the first change
    if (base == nullptr) return names;
    for (size_t i = 0; i < base->tokens.size(); ++i) {
      const NameToken& token = base->tokens[i];
      if (token.initial) continue;
      const auto it = given_names.find(token.text);
      if (it == given_names.end() || it->second.empty() || it->second == token.text) continue;
      if (names.tokens.empty()) names = NameForm{"names", base->tokens};
      names.tokens[i].text = it->second;
    }
    return names;
  }

  // Whether a word's key is its ASCII fold (a Latin word not in ASCII) or the word as written.
  static bool KeyIsFolded(const ti::RawToken& token) {
    return token.script == ti::TokenScript::kLatin && !token.ascii;
  }

  // The key a word is matched by in the legal-form table and the patronymic rules.
  std::string Key(const ti::RawToken& token) const {
    if (!KeyIsFolded(token)) return token.text;
    std::string key;
    folder.Append(token.text, key);
    return key;
  }

  // `text` (lower case) in `scheme`, with its Cyrillic leftovers replaced by the fallback.
  std::u32string Romanise(const CyrillicScheme& scheme, std::u32string_view text) const {
    std::u32string raw;
    if (scheme.iuliia != nullptr) {
      scheme.iuliia->TranslateText(text, raw);
    } else {
      icu::UnicodeString unicode = ti::FromUtf32(text);
      scheme.icu->Transliterate(unicode);
      UErrorCode status = U_ZERO_ERROR;
      icu::UnicodeString composed = nfc->normalize(unicode, status);
      raw = ti::ToUtf32(U_SUCCESS(status) ? composed : unicode);
    }
    std::u32string out;
    out.reserve(raw.size());
    for (const char32_t c : raw) {
      if (c >= kCyrillicFirst && c < kCyrillicFirst + kCyrillicLetters) {
        out += (*scheme.fallback)[c - kCyrillicFirst];
      } else {
        out.push_back(c);
      }
    }
    return out;
  }

  // The words of `text` romanised in `scheme`: `form` keeps the scheme's letters, `ascii`
  // folds them. Flags are copied from `flags` when the words line up with it one to one.
  void RomanisedForms(const CyrillicScheme& scheme, std::u32string_view text,
                      const std::vector<NameToken>& flags, NameForm& form, NameForm& ascii) const {
    const RomanisedWords::Split split = SplitRomanised(Romanise(scheme, text));
    const RomanisedWords::Split* const splits[] = {&split};
    const std::vector<NameToken>* aligned = split.count == flags.size() ? &flags : nullptr;
    AppendWords(splits, /*folded=*/false, aligned, form);
    AppendWords(splits, /*folded=*/true, aligned, ascii);
  }

  // `roman`, a text already romanised, split at its spaces, each word lower case with only
  // its form letters, and folded to ASCII.
  RomanisedWords::Split SplitRomanised(std::u32string_view roman) const {
    RomanisedWords::Split split;
    split.count = static_cast<size_t>(std::count(roman.begin(), roman.end(), U' ')) + 1;
    size_t index = 0;
    size_t begin = 0;
    while (begin <= roman.size()) {
      size_t end = roman.find(U' ', begin);
      if (end == std::u32string::npos) end = roman.size();
      RomanisedWords::SplitWord word;
      for (size_t i = begin; i < end; ++i) {
        const char32_t c = roman[i];
        if (c < 0x80) {
          // u_tolower and IsFormLetter on ASCII, without the calls.
          const char lower =
              c >= U'A' && c <= U'Z' ? static_cast<char>(c | 0x20) : static_cast<char>(c);
          if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9')) {
            word.text.push_back(lower);
          }
          continue;
        }
        const auto lower = static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
        if (IsFormLetter(lower)) AppendUtf8(word.text, lower);
      }
      if (!word.text.empty()) {
        folder.Append(word.text, word.ascii);
        word.index = index;
        split.words.push_back(std::move(word));
      }
      ++index;
      begin = end + 1;
    }
    return split;
  }

  // The words of a name are the words of `splits` in turn: `folded` picks their ASCII folds
  // (skipping the words that have none) over their romanised spellings.
  static const std::string& Spelling(const RomanisedWords::SplitWord& word, bool folded) {
    return folded ? word.ascii : word.text;
  }

  // Appends the words of `splits` to `form`. They take the flags of the name's words when
  // `flags` is given (they line up with them one to one).
  static void AppendWords(std::span<const RomanisedWords::Split* const> splits, bool folded,
                          const std::vector<NameToken>* flags, NameForm& form) {
    size_t first = 0;  // the index of the first word of `split` in the name
    for (const RomanisedWords::Split* split : splits) {
      for (const RomanisedWords::SplitWord& word : split->words) {
        const std::string& text = Spelling(word, folded);
        if (text.empty()) continue;
        if (flags == nullptr) {
          form.tokens.push_back(NameToken{text});
        } else {
          const NameToken& flagged = (*flags)[first + word.index];
          form.tokens.push_back(NameToken{text, flagged.initial, flagged.patronymic});
        }
      }
      first += split->count;
    }
  }

  // Whether `form` has the tokens AppendWords would give it.
  static bool SameWords(const NameForm& form, std::span<const RomanisedWords::Split* const> splits,
                        bool folded) {
    auto token = form.tokens.begin();
    for (const RomanisedWords::Split* split : splits) {
      for (const RomanisedWords::SplitWord& word : split->words) {
        const std::string& text = Spelling(word, folded);
        if (text.empty()) continue;
        if (token == form.tokens.end() || token->text != text) return false;
        ++token;
      }
    }
    return token == form.tokens.end();
  }

  // Adds `scheme`'s form and ASCII form of a name whose words romanise to `splits` as AddForm
  // adds forms, without building those it would drop: most schemes agree on most names.
  static void AddSchemeForms(const CyrillicScheme& scheme,
                             std::span<const RomanisedWords::Split* const> splits,
                             const std::vector<NameToken>& flags, std::vector<NameForm>& forms) {
    size_t count = 0;
    for (const RomanisedWords::Split* split : splits) count += split->count;
    const std::vector<NameToken>* aligned = count == flags.size() ? &flags : nullptr;
    for (const bool folded : {false, true}) {
      if (std::any_of(forms.begin(), forms.end(), [&](const NameForm& existing) {
            return SameWords(existing, splits, folded);
          })) {
        continue;
      }
      NameForm form{folded ? scheme.ascii_name : scheme.name, {}};
      AppendWords(splits, folded, aligned, form);
      if (!form.tokens.empty()) forms.push_back(std::move(form));
    }
  }

  // Appends the words of `word` (a word not in Latin or Cyrillic) romanised by ICU. A
  // Chinese personal name (two or three Han characters) is written as pinyin usually writes
  // it, surname apart and given name joined: 习近平 -> "xi jinping", not "xi jin ping".
  // A word all of Han characters is romanised character by character through `memo`, when
  // given (RomanisedWords says when that is the same).
  void AppendAnyLatin(std::string_view word, std::vector<NameToken>& out,
                      const RomanisedWords* memo) const {
    icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(
        icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    const int32_t letters = unicode.countChar32();
    bool all_han = letters > 0;
    // An abjad word: its letters of one of those scripts, its vowel signs (where written)
    // and marks of no script of their own.
    bool abjad = letters > 0;
    bool abjad_letter = false;
    bool by_character = memo != nullptr;
    for (int32_t i = 0; (all_han || abjad) && i < unicode.length(); i = unicode.moveIndex32(i, 1)) {
      UErrorCode status = U_ZERO_ERROR;
      const UChar32 c = unicode.char32At(i);
      const UScriptCode script = uscript_getScript(c, &status);
      all_han = all_han && script == USCRIPT_HAN;
      abjad_letter = abjad_letter || IsAbjad(script);
      abjad = abjad && (IsAbjad(script) || script == USCRIPT_INHERITED || script == USCRIPT_COMMON);
      by_character = by_character && !IsHanContextLetter(static_cast<char32_t>(c));
    }
    abjad = abjad && abjad_letter;
    if (abjad) {
      // ة (tāʾ marbūṭa) ends a word as "-a" or "-ah" ("فاطمة", Fatima): written ه, which
      // romanises as the "h" the matcher may read as nothing, not as ICU's "t".
      unicode.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x0629)),
                             icu::UnicodeString(static_cast<UChar32>(0x0647)));
      // ICU's ASCII drops the letters that carry a vowel and no consonant of a Latin
      // spelling: Arabic ع ("علي", Ali), Hebrew א and ע ("אביאל", Aviel). They are written
      // "e", a letter the romanisation of a vowelless script has no other use for, so that
      // the matcher knows a vowel begins "ely" and "ebyel" (AbjadReads), as it does "ahmd".
      for (const UChar32 carrier : {0x0639, 0x05D0, 0x05E2}) {
        unicode.findAndReplace(icu::UnicodeString(carrier), icu::UnicodeString(u'e'));
      }
    }
    const bool chinese_name = all_han && (letters == 2 || letters == 3);
    std::string latin;
    if (all_han && by_character) {
      for (int32_t i = 0; i < unicode.length(); i = unicode.moveIndex32(i, 1)) {
        const auto c = static_cast<char32_t>(unicode.char32At(i));
        std::shared_ptr<const std::string> known = memo->FindHan(c);
        if (known == nullptr) {
          icu::UnicodeString one(static_cast<UChar32>(c));
          any_latin.Transliterate(one);
          std::string romanised;
          one.toUTF8String(romanised);
          known = memo->RememberHan(c, std::move(romanised));
        }
        if (i > 0) latin += ' ';
        latin += *known;
      }
    } else {
      any_latin.Transliterate(unicode);
      unicode.toUTF8String(latin);
    }
    const size_t first = out.size();
    for (const ti::RawToken& token : tokenizer.Tokenize(latin)) {
      NameToken folded;
      folder.Append(token.text, folded.text);
      if (folded.text.empty()) continue;
      folded.abjad = abjad;
      if (chinese_name && out.size() >= first + 2) {
        out.back().text += folded.text;
      } else {
        out.push_back(std::move(folded));
      }
    }
  }

  // The key sequences a legal-form spelling is recognised by: its own words as written (which
  // is how a name's words are matched: "Sá" is a surname, not "SA"), folded to ASCII when
  // that differs ("A.Ş." also as "A.S."), and for a Cyrillic spelling each romanisation.
  std::vector<std::vector<std::string>> LegalFormKeys(std::string_view spelling) const {
    const std::vector<ti::RawToken> tokens = tokenizer.Tokenize(spelling);
    std::vector<std::vector<std::string>> sequences;
    if (tokens.empty()) return sequences;
    auto add = [&sequences](std::vector<std::string> keys) {
      if (!keys.empty() && std::find(sequences.begin(), sequences.end(), keys) == sequences.end()) {
        sequences.push_back(std::move(keys));
      }
    };
    std::vector<std::string> written;
    std::vector<std::string> folded;
    std::u32string joined;
    bool cyrillic = false;
    for (const ti::RawToken& token : tokens) {
      written.push_back(token.text);
      folded.push_back(Key(token));
      if (!joined.empty()) joined.push_back(U' ');
      joined += ToCodePoints(token.text);
      cyrillic = cyrillic || token.script == ti::TokenScript::kCyrillic;
    }
    add(std::move(written));
    add(std::move(folded));
    if (!cyrillic) return sequences;
    const std::vector<NameToken> no_flags(tokens.size());
    for (const CyrillicScheme& scheme : form_schemes) {
      NameForm form;
      NameForm ascii;
      RomanisedForms(scheme, joined, no_flags, form, ascii);
      for (NameForm* romanised : {&form, &ascii}) {
        std::vector<std::string> keys;
        for (NameToken& token : romanised->tokens) keys.push_back(std::move(token.text));
        add(std::move(keys));
      }
    }
    return sequences;
  }

  const CyrillicScheme* FindScheme(std::string_view name) const {
    for (const auto* schemes : {&form_schemes, &extra_schemes}) {
      for (const CyrillicScheme& scheme : *schemes) {
        if (scheme.name == name) return &scheme;
      }
    }
    return nullptr;
  }
};

Result<std::unique_ptr<NameAnalyzer>> NameAnalyzer::Create(const fs::path& translit_dir) {
  auto tokenizer = ti::NameTokenizer::Create();
  if (!tokenizer) return tl::unexpected(tokenizer.error());
  auto folder = ti::AsciiFolder::Create();
  if (!folder) return tl::unexpected(folder.error());
  auto any_latin = ti::IcuTransliterator::Create("Any-Latin; Latin-ASCII");
  if (!any_latin) return tl::unexpected(any_latin.error());
  auto cyrillic_latin = ti::IcuTransliterator::Create("Cyrillic-Latin");
  if (!cyrillic_latin) return tl::unexpected(cyrillic_latin.error());
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) {
    return MakeError(ErrorCode::kInternal,
                     std::string("ICU NFC data unavailable: ") + u_errorName(status));
  }
  auto impl =
      std::make_unique<Impl>(std::move(*tokenizer), std::move(*folder), std::move(*any_latin), nfc);

  // Fallbacks: ICU's Cyrillic-Latin for every letter, then the Kazakh letters, then the
  // passport (ASCII schemes) or ISO 9 (gost779) spellings of the neighbouring alphabets.
  for (size_t i = 0; i < kCyrillicLetters; ++i) {
    const auto c = static_cast<char32_t>(kCyrillicFirst + i);
    std::u32string latin;
    if (u_isalpha(static_cast<UChar32>(c))) {
      icu::UnicodeString letter(static_cast<UChar32>(u_tolower(static_cast<UChar32>(c))));
      cyrillic_latin->Transliterate(letter);
      letter.toLower();
      latin = ti::ToUtf32(nfc->normalize(letter, status));
    }
    impl->iso9_fallback[i] = latin;
    impl->passport_fallback[i] = std::move(latin);
  }
  for (const auto& [c, latin] : kKazakhLetters) {
    impl->iso9_fallback[c - kCyrillicFirst] = latin;
    impl->passport_fallback[c - kCyrillicFirst] = latin;
  }
  for (const auto& [c, latin] : kPassportLetters) {
    impl->passport_fallback[c - kCyrillicFirst] = latin;
  }
  for (const auto& [c, latin] : kIso9Letters) impl->iso9_fallback[c - kCyrillicFirst] = latin;

  for (const auto& [name, id] :
       {std::pair{"bgn-ru", "Russian-Latin/BGN"}, std::pair{"bgn-kk", "Kazakh-Latin/BGN"},
        std::pair{"bgn-uk", "Ukrainian-Latin/BGN"}}) {
    auto icu = ti::IcuTransliterator::Create(id);
    if (!icu) return tl::unexpected(icu.error());
    impl->form_schemes.push_back(CyrillicScheme{name, std::string(name) + "-ascii", std::move(*icu),
                                                nullptr, &impl->passport_fallback});
  }

  std::error_code error;
  if (!translit_dir.empty() && fs::is_directory(translit_dir, error)) {
    std::vector<fs::path> files;
    for (fs::directory_iterator it(translit_dir, error), end; !error && it != end;
         it.increment(error)) {
      if (it->path().extension() == ".json") files.push_back(it->path());
    }
    if (error) {
      return IoError("cannot list " + translit_dir.string() + ": " + error.message());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
      auto schema = ti::IuliiaSchema::Load(file);
      if (!schema) return tl::unexpected(schema.error());
      impl->iuliia.push_back(std::move(*schema));
    }
  }
  // The two iuliia schemes of the forms, then the rest for Transliterate.
  for (const auto& [name, table, fallback] :
       {std::tuple{"icao", "icao_doc_9303", &impl->passport_fallback},
        std::tuple{"gost779", "gost_779", &impl->iso9_fallback}}) {
    for (const ti::IuliiaSchema& schema : impl->iuliia) {
      if (schema.name() == table) {
        impl->form_schemes.push_back(
            CyrillicScheme{name, std::string(name) + "-ascii", std::nullopt, &schema, fallback});
      }
    }
  }
  for (const ti::IuliiaSchema& schema : impl->iuliia) {
    if (schema.name() == "icao_doc_9303" || schema.name() == "gost_779") continue;
    impl->extra_schemes.push_back(CyrillicScheme{schema.name(), schema.name() + "-ascii",
                                                 std::nullopt, &schema, &impl->passport_fallback});
  }

  const Impl& built = *impl;
  auto legal_forms = ti::LegalFormTable::Parse(
      ti::kLegalFormsTsv, "src/keruen/screening/text/legal_forms.tsv",
      [&built](std::string_view spelling) { return built.LegalFormKeys(spelling); });
  if (!legal_forms) return tl::unexpected(legal_forms.error());
  impl->legal_forms = std::move(*legal_forms);
  if (auto loaded = impl->LoadGivenNames(); !loaded) return tl::unexpected(loaded.error());
  return std::unique_ptr<NameAnalyzer>(new NameAnalyzer(std::move(impl)));
}

RomanisedWords::Romanisations RomanisedWords::Find(std::string_view word) const {
  std::shared_lock lock(mutex_);
  auto it = words_.find(word);
  return it != words_.end() ? it->second : nullptr;
}

RomanisedWords::Romanisations RomanisedWords::Remember(std::string_view word,
                                                       std::vector<Split> romanised) const {
  auto shared = std::make_shared<const std::vector<Split>>(std::move(romanised));
  std::unique_lock lock(mutex_);
  if (words_.size() >= kMaxWords) words_.clear();
  return words_.try_emplace(std::string(word), std::move(shared)).first->second;
}

std::shared_ptr<const std::string> RomanisedWords::FindHan(char32_t c) const {
  std::shared_lock lock(mutex_);
  auto it = han_.find(c);
  return it != han_.end() ? it->second : nullptr;
}

std::shared_ptr<const std::string> RomanisedWords::RememberHan(char32_t c,
                                                               std::string romanised) const {
  auto shared = std::make_shared<const std::string>(std::move(romanised));
  std::unique_lock lock(mutex_);
  if (han_.size() >= kMaxWords) han_.clear();
  return han_.try_emplace(c, std::move(shared)).first->second;
}

size_t RomanisedWords::size() const {
  std::shared_lock lock(mutex_);
  return words_.size() + han_.size();
}

NameAnalyzer::NameAnalyzer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
NameAnalyzer::~NameAnalyzer() = default;

AnalyzedName NameAnalyzer::Analyze(std::string_view name) const { return Analyze(name, nullptr); }

AnalyzedName NameAnalyzer::Analyze(std::string_view name, const RomanisedWords& romanised) const {
  return Analyze(name, &romanised);
}

AnalyzedName NameAnalyzer::Analyze(std::string_view name, const RomanisedWords* romanised) const {
  const Impl& impl = *impl_;
  AnalyzedName result;
  std::vector<ti::RawToken> tokens = impl.tokenizer.Tokenize(name);
  if (tokens.empty()) return result;

  // Set the legal forms aside. Words are matched as written (legal_forms.tsv lists each
  // spelling also folded to ASCII): a name's "Sá" is not the abbreviation "SA".
  // `keys` holds the words as written first, then (below) the words' keys.
  std::vector<std::string_view> keys;
  keys.reserve(tokens.size());
  for (const ti::RawToken& token : tokens) {
    keys.push_back(token.text);
    result.non_latin = result.non_latin || token.script != ti::TokenScript::kLatin;
  }
  const std::vector<ti::LegalFormTable::Match> legal = impl.legal_forms.Find(keys);
  if (!legal.empty()) {
    size_t kept = 0;
    size_t next = 0;  // the first match not yet passed
    for (size_t i = 0; i < tokens.size(); ++i) {
      while (next < legal.size() && legal[next].end <= i) ++next;
      if (next < legal.size() && legal[next].begin <= i) continue;
      if (kept != i) tokens[kept] = std::move(tokens[i]);
      ++kept;
    }
    tokens.resize(kept);
    for (const ti::LegalFormTable::Match& match : legal) {
      if (*match.code == kTitleCode) {
        result.titled = true;
      } else if (std::find(result.legal_forms.begin(), result.legal_forms.end(), *match.code) ==
                 result.legal_forms.end()) {
        result.legal_forms.push_back(*match.code);
      }
    }
  }

  // The key a word is matched by in the patronymic rules: a Latin word folded to ASCII, any
  // other as written. Keys view the tokens, which stay where they are from here on, or
  // `folded_keys`, which is reserved so that it never moves.
  std::vector<std::string> folded_keys;
  folded_keys.reserve(
      static_cast<size_t>(std::count_if(tokens.begin(), tokens.end(), Impl::KeyIsFolded)));
  keys.clear();
  for (const ti::RawToken& token : tokens) {
    if (Impl::KeyIsFolded(token)) {
      impl.folder.Append(token.text, folded_keys.emplace_back());
      keys.push_back(folded_keys.back());
    } else {
      keys.push_back(token.text);
    }
  }

  // Initials and patronymics, the same in every form.
  std::vector<NameToken> flags(tokens.size());
  bool cyrillic = false;
  bool other = false;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const ti::RawToken& token = tokens[i];
    const bool letter = !(token.text[0] >= '0' && token.text[0] <= '9');
    flags[i].initial =
        letter &&
        (CodePoints(token.text) == 1 ||
         (token.dotted && token.script == ti::TokenScript::kLatin && IsDigraphInitial(keys[i])));
    cyrillic = cyrillic || token.script == ti::TokenScript::kCyrillic;
    other = other || token.script == ti::TokenScript::kOther;
  }
  ti::FindPatronymics(keys, flags);

  if (cyrillic && romanised == nullptr) {
    // Each scheme's romanisation of the words joined.
    std::u32string joined;
    for (const ti::RawToken& token : tokens) {
      if (!joined.empty()) joined.push_back(U' ');
      joined += ToCodePoints(token.text);
    }
    for (const CyrillicScheme& scheme : impl.form_schemes) {
      const RomanisedWords::Split split = impl.SplitRomanised(impl.Romanise(scheme, joined));
      const RomanisedWords::Split* const splits[] = {&split};
      Impl::AddSchemeForms(scheme, splits, flags, result.forms);
    }
  } else if (cyrillic) {
    // Each scheme's romanisation word by word through the memo (RomanisedWords says why that
    // is the same): the words of the joined text are those of each word in turn.
    std::vector<RomanisedWords::Romanisations> known_words;
    known_words.reserve(tokens.size());
    for (const ti::RawToken& token : tokens) {
      RomanisedWords::Romanisations known = romanised->Find(token.text);
      if (known == nullptr) {
        const std::u32string word = ToCodePoints(token.text);
        std::vector<RomanisedWords::Split> schemes;
        schemes.reserve(impl.form_schemes.size());
        for (const CyrillicScheme& scheme : impl.form_schemes) {
          schemes.push_back(impl.SplitRomanised(impl.Romanise(scheme, word)));
        }
        known = romanised->Remember(token.text, std::move(schemes));
      }
      known_words.push_back(std::move(known));
    }
    std::vector<const RomanisedWords::Split*> splits(known_words.size());
    for (size_t s = 0; s < impl.form_schemes.size(); ++s) {
      for (size_t i = 0; i < known_words.size(); ++i) splits[i] = &(*known_words[i])[s];
      Impl::AddSchemeForms(impl.form_schemes[s], splits, flags, result.forms);
    }
  } else if (other) {
    NameForm form{"any-latin", {}};
    for (const ti::RawToken& token : tokens) {
      impl.AppendAnyLatin(token.text, form.tokens, romanised);
    }
    AddForm(result.forms, std::move(form));
  } else {
    NameForm form{"latin", {}};
    NameForm ascii{"ascii", {}};
    const bool all_ascii = std::all_of(tokens.begin(), tokens.end(),
                                       [](const ti::RawToken& token) { return token.ascii; });
    form.tokens.reserve(tokens.size());
    if (!all_ascii) ascii.tokens.reserve(tokens.size());
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (!all_ascii && !keys[i].empty()) {
        // The key of a Latin word is its ASCII fold.
        ascii.tokens.push_back(
            NameToken{std::string(keys[i]), flags[i].initial, flags[i].patronymic});
      }
      // `keys[i]` may view the text: used above.
      form.tokens.push_back(
          NameToken{std::move(tokens[i].text), flags[i].initial, flags[i].patronymic});
    }
    AddForm(result.forms, std::move(form));
    AddForm(result.forms, std::move(ascii));
  }
  // Given names belong to persons: not to companies (a legal form) nor to one-word names
  // ("Волга" is a river, and a Belarusian "Вольга" too).
  if (!other && result.legal_forms.empty() && tokens.size() >= 2) {
    AddForm(result.forms, impl.GivenNamesForm(result.forms, cyrillic));
  }
  return result;
}

std::vector<std::string> NameAnalyzer::Schemes() const {
  std::vector<std::string> names;
  for (const CyrillicScheme& scheme : impl_->form_schemes) names.push_back(scheme.name);
  for (const CyrillicScheme& scheme : impl_->extra_schemes) names.push_back(scheme.name);
  return names;
}

Result<std::string> NameAnalyzer::Transliterate(std::string_view scheme,
                                                std::string_view text) const {
  const CyrillicScheme* found = impl_->FindScheme(scheme);
  if (found == nullptr) {
    return InvalidArgument("scheme",
                           "unknown transliteration scheme \"" + std::string(scheme) + "\"");
  }
  const std::u32string folded = ti::ToUtf32(impl_->tokenizer.Fold(text));
  return ti::Utf32ToUtf8(impl_->Romanise(*found, folded));
}

}  // namespace keruen::screening
