#include "keruen/core/string_map.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace keruen {
namespace {

TEST(StringMapTest, FindsByAViewIntoLargerText) {
  StringMap<int> map;
  map["bin:180940021234"] = 1;
  map["8542"] = 2;
  // Views that are not whole strings of their own: a lookup must use the view's length, not
  // read to a terminating NUL.
  const std::string text = "bin:180940021234|854231";
  const std::string_view party = std::string_view(text).substr(0, 16);
  const std::string_view heading = std::string_view(text).substr(17, 4);
  ASSERT_TRUE(map.contains(party));
  EXPECT_EQ(map.find(party)->second, 1);
  EXPECT_EQ(map.find(heading)->second, 2);
  EXPECT_FALSE(map.contains(std::string_view(text).substr(17, 6)));
  EXPECT_FALSE(map.contains(std::string_view(text)));
}

TEST(StringMapTest, AStringAndItsViewHashAlike) {
  const std::string key = "hs6|origin|2026Q1|pcs";
  EXPECT_EQ(StringHash{}(key), StringHash{}(std::string_view(key)));
  EXPECT_NE(StringHash{}(key), StringHash{}(std::string_view(key).substr(1)));
  StringSet seen;
  EXPECT_TRUE(seen.insert(key).second);
  EXPECT_FALSE(seen.insert(std::string(key)).second);
  EXPECT_TRUE(seen.contains(std::string_view(key)));
}

}  // namespace
}  // namespace keruen
