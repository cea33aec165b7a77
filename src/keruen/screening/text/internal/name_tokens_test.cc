#include "keruen/screening/text/internal/name_tokens.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "keruen/core/utf8.h"
#include "keruen/screening/text/internal/unicode_strings.h"

namespace keruen::screening::text_internal {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Words(const std::vector<RawToken>& tokens) {
  std::vector<std::string> words;
  for (const RawToken& token : tokens) words.push_back(token.text);
  return words;
}

class NameTokensTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = NameTokenizer::Create();
    ASSERT_TRUE(created) << created.error().ToString();
    tokenizer_.emplace(std::move(*created));
  }
  std::vector<std::string> Split(std::string_view name) const {
    return Words(tokenizer_->Tokenize(name));
  }
  std::optional<NameTokenizer> tokenizer_;
};

TEST_F(NameTokensTest, SplitsOnSpacesHyphensPunctuationAndQuotes) {
  EXPECT_THAT(Split("ТОО «Қазақстан темір-жолы»"),
              ElementsAre("тоо", "қазақстан", "темір", "жолы"));
  EXPECT_THAT(Split("OOO \"Romashka\", (Moscow)"), ElementsAre("ooo", "romashka", "moscow"));
  EXPECT_THAT(Split("“Alpha”/Beta; Gamma—Delta"), ElementsAre("alpha", "beta", "gamma", "delta"));
  EXPECT_THAT(Split("  \t\n "), ElementsAre());
  EXPECT_THAT(Split(""), ElementsAre());
}

TEST_F(NameTokensTest, CaseFoldsAndAppliesNfkc) {
  // Full-width letters, the "ﬁ" ligature, German sharp s, Greek final sigma.
  EXPECT_THAT(Split("ＡＢＣ Ｄｅｆ"), ElementsAre("abc", "def"));
  EXPECT_THAT(Split("ﬁnance STRAßE"), ElementsAre("finance", "strasse"));
  EXPECT_THAT(Split("ЖАҚСЫБЕКОВ"), ElementsAre("жақсыбеков"));
  EXPECT_THAT(Split("ΟΔΥΣΣΕΥΣ"), ElementsAre("οδυσσευσ"));
}

TEST_F(NameTokensTest, ApostrophesBetweenLettersJoin) {
  EXPECT_THAT(Split("O'Brien D’Artagnan Mar`yana"), ElementsAre("obrien", "dartagnan", "maryana"));
  EXPECT_THAT(Split("Yurʹyev obʺyezd Tash·chishma"),
              ElementsAre("yuryev", "obyezd", "tashchishma"));
  // At the edges they are quotes.
  EXPECT_THAT(Split("'Romashka' ’Alpha’"), ElementsAre("romashka", "alpha"));
}

TEST_F(NameTokensTest, DropsStressMarksOnCyrillicButKeepsLatinDiacritics) {
  EXPECT_THAT(Split("Влади́мир ПУ́ТИН"), ElementsAre("владимир", "путин"));
  EXPECT_THAT(Split("Vladímír Ščerbakov"), ElementsAre("vladímír", "ščerbakov"));
  // Case folding "İ" leaves i + U+0307; the dot is dropped.
  EXPECT_THAT(Split("İstanbul"), ElementsAre("istanbul"));
  // й and ё are letters, not letters with marks.
  EXPECT_THAT(Split("Йошкар-Ола Ёжиков"), ElementsAre("йошкар", "ола", "ёжиков"));
}

TEST_F(NameTokensTest, ReadsLatinLookAlikesInCyrillicWordsAsCyrillic) {
  // As the EU list writes them: Latin I, B, C and a kra inside Cyrillic words.
  EXPECT_THAT(Split("Олена ШИШКIНА"), ElementsAre("олена", "шишкіна"));
  EXPECT_THAT(Split("Роберт ГАЛИМОB, CАТ"), ElementsAre("роберт", "галимов", "сат"));
  EXPECT_THAT(Split("Алеĸсандр"), ElementsAre("александр"));
  // A Latin letter with no Cyrillic twin leaves the word alone; Latin words stay Latin.
  EXPECT_THAT(Split("Петрov"), ElementsAre("петрov"));
  EXPECT_THAT(Split("Sergei Ivanov"), ElementsAre("sergei", "ivanov"));
}

TEST_F(NameTokensTest, KeepsDigitsAsAscii) {
  EXPECT_THAT(Split("2GIS 7-Eleven ٣٤"), ElementsAre("2gis", "7", "eleven", "34"));
}

TEST_F(NameTokensTest, MarksScriptAndDots) {
  const std::vector<RawToken> tokens = tokenizer_->Tokenize("V. Путин Πούτιν Kазахстан 2");
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_EQ(tokens[0].script, TokenScript::kLatin);
  EXPECT_TRUE(tokens[0].dotted);
  EXPECT_EQ(tokens[1].script, TokenScript::kCyrillic);
  EXPECT_FALSE(tokens[1].dotted);
  EXPECT_FALSE(tokens[1].ascii);
  EXPECT_EQ(tokens[2].script, TokenScript::kOther);
  // A Latin "K" typed into a Cyrillic word still makes it Cyrillic.
  EXPECT_EQ(tokens[3].script, TokenScript::kCyrillic);
  EXPECT_EQ(tokens[4].script, TokenScript::kLatin);
  EXPECT_TRUE(tokens[4].ascii);
}

TEST_F(NameTokensTest, SeparatesAtInvalidUtf8AndEmoji) {
  EXPECT_THAT(Split("\xff\xfe"
                    "abc\xc3"),
              ElementsAre("abc"));
  EXPECT_THAT(Split("Пут\xffин"), ElementsAre("пут", "ин"));
  EXPECT_THAT(Split("😀 Alpha👍🏽Beta 🇰🇿"), ElementsAre("alpha", "beta"));
  // A lone combining mark has nothing to sit on.
  EXPECT_THAT(Split("\xcc\x81 x"), ElementsAre("x"));
}

TEST_F(NameTokensTest, AsciiAndUnicodePathsAgreeOnAscii) {
  const char* const kNames[] = {
      "PUTIN, Vladimir Vladimirovich",
      "O'Brien & Sons Ltd.",
      "'quoted' `back`tick",
      "Sp. z o.o.",
      "A.B.C. 123-456 x'",
      "  trailing  . dots..",
      "l'a'b c'' d'e",
      "\t\"Romashka\" OOO",
      "Co., Ltd.",
      "x'1 1'x",
  };
  for (const char* name : kNames) {
    std::vector<RawToken> ascii;
    std::vector<RawToken> unicode;
    tokenizer_->TokenizeAscii(name, ascii);
    tokenizer_->TokenizeUnicode(name, unicode);
    ASSERT_EQ(ascii.size(), unicode.size()) << name;
    for (size_t i = 0; i < ascii.size(); ++i) {
      EXPECT_EQ(ascii[i].text, unicode[i].text) << name;
      EXPECT_EQ(ascii[i].dotted, unicode[i].dotted) << name << " word " << i;
      EXPECT_EQ(ascii[i].script, unicode[i].script) << name;
      EXPECT_EQ(ascii[i].ascii, unicode[i].ascii) << name;
    }
  }
}

// FoldLetters gives what ICU's NFKC_Casefold gives, or declines: on every code point below
// U+0800 alone, and followed by each of a sample of letters, combining marks (which compose
// with the letter before) and separators; on names; and on invalid or longer UTF-8.
TEST_F(NameTokensTest, FoldLettersAgreesWithIcuOrDeclines) {
  std::vector<std::string> texts;
  const char32_t kNeighbours[] = {
      U'a', U'Z',      U'1',      U' ',      U'.',      U'\'',     U'«',     U'ß', U'İ',
      U'ŉ', U'Ё',      U'й',      U'Й',      U'ә',      U'Ә',      U'Ӏ',     U'ѝ', U'Σ',
      U'ς', U'\u00A0', U'\u00AD', U'\u0301', U'\u0306', U'\u0308', U'\u0327'};
  for (char32_t c = 1; c < 0x800; ++c) {
    if (c >= 0xD800 && c < 0xE000) continue;
    std::string alone;
    AppendUtf8(alone, c);
    texts.push_back(alone);
    for (const char32_t next : kNeighbours) {
      std::string pair = alone;
      AppendUtf8(pair, next);
      texts.push_back(pair);
    }
  }
  texts.insert(texts.end(), {"ТОО «Улытау Глобал Снаб»", "Ščerbakov Müller Łódź GmbH",
                             "ИВАНОВ Иван Иванович", "Пут\xffин", "abc\xc3",
                             "\xc0\x80"
                             "a",
                             "\xc1\xbf", "日本", "Влади́мир", "Ꭰ"});
  for (const std::string& text : texts) {
    std::u32string letters;
    if (!tokenizer_->FoldLetters(text, letters)) continue;
    EXPECT_EQ(letters, ToUtf32(tokenizer_->Fold(text))) << text;
  }
  // The table serves the usual names.
  for (const char* name : {"ТОО «Улытау Глобал Снаб»", "ИВАНОВ Иван Иванович",
                           "Ščerbakov Müller Łódź GmbH", "АҚ «ҚАЗАҚСТАН ТЕМІР ЖОЛЫ»"}) {
    std::u32string letters;
    EXPECT_TRUE(tokenizer_->FoldLetters(name, letters)) << name;
  }
}

}  // namespace
}  // namespace keruen::screening::text_internal
