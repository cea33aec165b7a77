#include "keruen/core/utf8.h"

#include <gtest/gtest.h>

namespace keruen {
namespace {

TEST(Utf8Test, RoundTripsEveryLength) {
  const std::string s = "aЖ€😀";
  std::string out;
  for (size_t i = 0; i < s.size();) AppendUtf8(out, DecodeUtf8(s, i));
  EXPECT_EQ(out, s);
}

TEST(Utf8Test, MalformedInputBecomesReplacementCharacter) {
  size_t i = 0;
  EXPECT_EQ(DecodeUtf8("\xC3", i), 0xFFFDu);  // truncated sequence
  EXPECT_EQ(i, 1u);
  i = 0;
  EXPECT_EQ(DecodeUtf8("\x80z", i), 0xFFFDu);  // continuation byte first
  EXPECT_EQ(DecodeUtf8("\x80z", i), U'z');
  i = 0;
  EXPECT_EQ(DecodeUtf8("\xD0z", i), 0xFFFDu);  // lead byte without continuation
}

}  // namespace
}  // namespace keruen
