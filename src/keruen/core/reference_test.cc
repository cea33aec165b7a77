#include "keruen/core/reference.h"

#include <gtest/gtest.h>

namespace keruen {
namespace {

TEST(ReferenceTest, KnowsIsoCountries) {
  for (const char* c : {"KZ", "RU", "KG", "UZ", "CN", "DE", "HK", "AE", "TR", "MY"}) {
    EXPECT_TRUE(IsCountryCode(c)) << c;
  }
  for (const char* c : {"kz", "XX", "EU", "KAZ", ""}) EXPECT_FALSE(IsCountryCode(c)) << c;
}

TEST(ReferenceTest, KnowsIsoCurrencies) {
  for (const char* c : {"EUR", "USD", "KZT", "RUB", "KGS", "UZS", "CNY", "AED", "HKD", "TRY"}) {
    EXPECT_TRUE(IsCurrencyCode(c)) << c;
  }
  for (const char* c : {"eur", "EURO", "XYZ", "ABC", ""}) EXPECT_FALSE(IsCurrencyCode(c)) << c;
}

TEST(ReferenceTest, LooseKeyFoldsScriptsAndSpellings) {
  EXPECT_EQ(LooseNameKey("Korday"), LooseNameKey("Kordai"));
  EXPECT_EQ(LooseNameKey("Кордай"), LooseNameKey("Kordai"));
  EXPECT_EQ(LooseNameKey("Zhibek Zholy"), LooseNameKey("Жибек Жолы"));
  EXPECT_NE(LooseNameKey("Dostyk"), LooseNameKey("Kordai"));
}

class BorderPostsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = BorderPosts::LoadDefault();
    ASSERT_TRUE(loaded.has_value()) << loaded.error().ToString();
    posts_ = std::move(*loaded);
  }
  BorderPosts posts_;
};

TEST_F(BorderPostsTest, ResolvesEverySpellingOfAPost) {
  for (const char* name : {"Kordai", "Korday", "Кордай", "KORDAI", "KZ-BCP-044"}) {
    const BorderPost* p = posts_.Resolve(name);
    ASSERT_NE(p, nullptr) << name;
    EXPECT_EQ(p->id, "KZ-BCP-044") << name;
    EXPECT_EQ(p->neighbour, "KG");
  }
  ASSERT_NE(posts_.Resolve("Khorgos"), nullptr);
  EXPECT_EQ(posts_.Resolve("Khorgos")->name, "Nur Zholy");
  ASSERT_NE(posts_.Resolve("Zhaisan"), nullptr);
  EXPECT_EQ(posts_.Resolve("Zhaisan")->neighbour, "RU");
}

TEST_F(BorderPostsTest, UnknownNamesDoNotResolve) {
  EXPECT_EQ(posts_.Resolve("Atlantis"), nullptr);
  EXPECT_EQ(posts_.Resolve(""), nullptr);
  EXPECT_EQ(posts_.Resolve("---"), nullptr);
}

TEST_F(BorderPostsTest, TableHasCoordinatesForMostPosts) {
  int with_coords = 0;
  for (const auto& p : posts_.all()) {
    if (p.lat) {
      ++with_coords;
      EXPECT_GT(*p.lat, 35.0);
      EXPECT_LT(*p.lat, 56.0);
    }
  }
  EXPECT_GE(with_coords, 40);
}

TEST(BorderPostsLoadTest, RefusesTableWithoutRequiredColumns) {
  const std::string path = ::testing::TempDir() + "/posts.csv";
  FILE* f = std::fopen(path.c_str(), "w");
  std::fputs("id,name\nX,Y\n", f);
  std::fclose(f);
  EXPECT_FALSE(BorderPosts::Load(path).has_value());
}

}  // namespace
}  // namespace keruen
