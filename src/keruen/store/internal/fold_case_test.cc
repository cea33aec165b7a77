#include "keruen/store/internal/fold_case.h"

#include <gtest/gtest.h>

namespace keruen {
namespace {

TEST(FoldCaseTest, FoldsLatin) {
  EXPECT_EQ(FoldCase("Elektronik Handel GmbH"), "elektronik handel gmbh");
  EXPECT_EQ(FoldCase("INDUSTRIESTRASSE ÄÖÜ"), "industriestrasse äöü");
}

TEST(FoldCaseTest, FoldsRussianAndKazakhCyrillic) {
  EXPECT_EQ(FoldCase("ТОО «ЖИБЕК ТРАНЗИТ СЕРВИС»"), "тоо «жибек транзит сервис»");
  EXPECT_EQ(FoldCase("ЁЛКА"), "ёлка");
  EXPECT_EQ(FoldCase("АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"), "абвгдежзийклмнопрстуфхцчшщъыьэюя");
  EXPECT_EQ(FoldCase("ЀЂЃЄЅІЇЈЉЊЋЌЍЎЏ"), "ѐђѓєѕіїјљњћќѝўџ");
  EXPECT_EQ(FoldCase("Ѣ Ѳ"), "ѣ ѳ");  // beyond the basic block
  // The letters of the Kazakh alphabet beyond the Russian one.
  EXPECT_EQ(FoldCase("ӘҒҚҢӨҰҮҺІ"), "әғқңөұүһі");
  EXPECT_EQ(FoldCase("жибек"), "жибек");
}

TEST(FoldCaseTest, LeavesOtherTextAlone) {
  EXPECT_EQ(FoldCase("180940021234 «» - №5"), "180940021234 «» - №5");
  EXPECT_EQ(FoldCase(""), "");
}

TEST(FoldCaseTest, CopiesBytesThatAreNotUtf8) {
  const std::string bad =
      "A\xff\xfe"
      "B\xd0";  // stray bytes and a truncated sequence
  EXPECT_EQ(FoldCase(bad),
            "a\xff\xfe"
            "b\xd0");
}

}  // namespace
}  // namespace keruen
