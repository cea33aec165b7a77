#include "keruen/risk/internal/description.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>

namespace keruen::risk::internal {
namespace {

// The definition, a byte at a time: what the sixteen-byte path must agree with.
std::string Reference(std::string_view text) {
  std::string out;
  bool space = false;
  for (const unsigned char ch : text) {
    const bool digit = ch >= '0' && ch <= '9';
    const bool letter = (ch | 0x20) >= 'a' && (ch | 0x20) <= 'z';
    if (!digit && !letter && ch < 0x80) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += static_cast<char>(letter ? ch | 0x20 : ch);
  }
  return out;
}

TEST(NormalizedDescription, CaseSpacingAndPunctuationDoNotCount) {
  EXPECT_EQ(NormalizedDescription("Laptop  computers, 15\""), "laptop computers 15");
  EXPECT_EQ(NormalizedDescription("laptop computers 15"), "laptop computers 15");
  EXPECT_EQ(NormalizedDescription("  --Integrated CIRCUITS (processors) for SERVERS, 64-bit  "),
            "integrated circuits processors for servers 64 bit");
  EXPECT_EQ(NormalizedDescription("Интегральные схемы, процессоры"),
            "Интегральные схемы процессоры");  // non-ASCII kept as written
  EXPECT_EQ(NormalizedDescription(""), "");
  EXPECT_EQ(NormalizedDescription(" ,;- "), "");
}

TEST(NormalizedDescription, AgreesWithTheByteAtATimeDefinition) {
  // Words and single spaces (the fast path), broken by punctuation, runs of spaces, tabs,
  // leading spaces and Cyrillic, at every length around the sixteen-byte blocks.
  const std::string_view pieces[] = {"Laptop",     "computers", "a", "15",   " ",  " ",
                                     " ",          "  ",        ",", "-",    "\t", "\"",
                                     "ПРОЦЕССОРЫ", "x86_64",    "Z", "@[`{", "9"};
  std::mt19937 rng(7);
  std::uniform_int_distribution<size_t> pick(0, std::size(pieces) - 1);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const size_t parts = rng() % 24;
    for (size_t p = 0; p < parts; ++p) text += pieces[pick(rng)];
    ASSERT_EQ(NormalizedDescription(text), Reference(text)) << "text: \"" << text << "\"";
  }
  // Every byte value, at every offset in a block.
  for (int ch = 0; ch < 256; ++ch) {
    for (size_t at = 0; at < 40; ++at) {
      std::string text = "Abcdefgh ijklmno PQRSTUV wxyz0123 4567 89";
      text[at % text.size()] = static_cast<char>(ch);
      ASSERT_EQ(NormalizedDescription(text), Reference(text)) << "byte " << ch << " at " << at;
    }
  }
}

}  // namespace
}  // namespace keruen::risk::internal
