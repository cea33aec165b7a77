#include "keruen/sim/internal/text.h"

#include <gtest/gtest.h>

namespace keruen::sim_internal {
namespace {

TEST(RomanizeTest, BgnAndIcaoDifferWhereTheSystemsDo) {
  EXPECT_EQ(Romanize("Юлия Сергеевна", Romanization::kBgnPcgn), "Yuliya Sergeyevna");
  EXPECT_EQ(Romanize("Юлия Сергеевна", Romanization::kIcao), "Iuliia Sergeevna");
  EXPECT_EQ(Romanize("Щербаков", Romanization::kBgnPcgn), "Shcherbakov");
  EXPECT_EQ(Romanize("Щербаков", Romanization::kIcao), "Shcherbakov");
  EXPECT_EQ(Romanize("Байкал", Romanization::kBgnPcgn), "Baykal");
  EXPECT_EQ(Romanize("Байкал", Romanization::kIcao), "Baikal");
  EXPECT_EQ(Romanize("Ёлка", Romanization::kBgnPcgn), "Yolka");
}

TEST(RomanizeTest, KazakhLettersAndKazakhLatin) {
  EXPECT_EQ(Romanize("Жибек Жолы", Romanization::kBgnPcgn), "Zhibek Zholy");
  EXPECT_EQ(Romanize("Жибек Жолы", Romanization::kKazakhLatin), "Jibek Joly");
  EXPECT_EQ(Romanize("Қазына", Romanization::kBgnPcgn), "Qazyna");
  EXPECT_EQ(Romanize("Қазына", Romanization::kIcao), "Kazyna");
  EXPECT_EQ(Romanize("Өркен", Romanization::kIcao), "Orken");
  EXPECT_EQ(Romanize("Хан Тенгри", Romanization::kKazakhLatin), "Han Tengri");
}

TEST(RomanizeTest, KeepsCaseAndOtherCharacters) {
  EXPECT_EQ(Romanize("ЖИБЕК", Romanization::kBgnPcgn), "ZHIBEK");
  EXPECT_EQ(Romanize("ТОО «Жибек»", Romanization::kBgnPcgn), "TOO «Zhibek»");
  EXPECT_EQ(Romanize("Ала-Тоо 2", Romanization::kIcao), "Ala-Too 2");
}

TEST(CyrillicFromRomanizedTest, RetypesRomanizedRussian) {
  EXPECT_EQ(CyrillicFromRomanized("RADIOTEKHSNAB"), "Радиотехснаб");
  EXPECT_EQ(CyrillicFromRomanized("ELEKTRONNAYA MOSKVA"), "Электронная Москва");
  EXPECT_EQ(CyrillicFromRomanized("VIKTORIYA"), "Виктория");
  EXPECT_EQ(CyrillicFromRomanized("TSENTRKVARTS"), "Центркварц");
  EXPECT_EQ(CyrillicFromRomanized("NM-TEKH"), "Нм-Тех");
}

TEST(CaseTest, UpperLowerTitleBeyondAscii) {
  EXPECT_EQ(ToUpper("ТОО «Жибек»"), "ТОО «ЖИБЕК»");
  EXPECT_EQ(ToUpper("Präzision Süd"), "PRÄZISION SÜD");
  EXPECT_EQ(ToUpper("Өркен"), "ӨРКЕН");
  EXPECT_EQ(ToLower("ŚLĄSK"), "śląsk");
  EXPECT_EQ(ToTitle("OOO VOLGA-TRANS"), "Ooo Volga-Trans");
}

TEST(FoldToAsciiTest, ReplacesDiacritics) {
  EXPECT_EQ(FoldToAscii("Präzision Süd Bałtyk Rīgas"), "Praezision Sued Baltyk Rigas");
  EXPECT_EQ(FoldToAscii("Boğaziçi Dış Ticaret"), "Bogazici Dis Ticaret");
  EXPECT_EQ(FoldToAscii("plain"), "plain");
}

}  // namespace
}  // namespace keruen::sim_internal
