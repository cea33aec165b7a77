#include "keruen/screening/lists/internal/text.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace keruen::screening::lists_internal {
namespace {

using ::testing::ElementsAre;

TEST(SplitMultiValue, QuotedValuesKeepTheirSemicolons) {
  auto v = SplitMultiValue("Foo; \"Bar; Baz\";Qux ;; \"say \"\"hi\"\"\"");
  ASSERT_TRUE(v);
  EXPECT_THAT(*v, ElementsAre("Foo", "Bar; Baz", "Qux", "say \"hi\""));
  auto same = SplitMultiValue("A; A");
  ASSERT_TRUE(same);
  EXPECT_THAT(*same, ElementsAre("A"));
  EXPECT_FALSE(SplitMultiValue("A; \"B"));
}

TEST(FindInvalidUtf8, Sequences) {
  EXPECT_FALSE(FindInvalidUtf8("plain ascii, Қазақстан, 中文, 🙂"));
  EXPECT_EQ(FindInvalidUtf8("ab\xFF"), 2u);
  EXPECT_EQ(FindInvalidUtf8("a\xC0\xAF"), 1u);      // overlong '/'
  EXPECT_EQ(FindInvalidUtf8("a\xED\xA0\x80"), 1u);  // a surrogate
  EXPECT_EQ(FindInvalidUtf8("a\xE2\x82"), 1u);      // cut short
  EXPECT_EQ(LineAt("a\nb\nc", 4), 3);
}

TEST(Text, TrimAndFoldedKey) {
  EXPECT_EQ(Trim("\xC2\xA0 x y \t"), "x y");
  EXPECT_EQ(FoldedKey("  Sergei   Ivanovich MENYAILO "), "sergei ivanovich menyailo");
  EXPECT_EQ(FoldedKey("Сергей МЕНЯЙЛО"), FoldedKey("сергей меняйло"));
  EXPECT_EQ(StripFileMarks("\xEF\xBB\xBF"
                           "a,b\r\n\x1A"),
            "a,b\r\n");
}

}  // namespace
}  // namespace keruen::screening::lists_internal
