#include "keruen/core/json_writer.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>

namespace keruen {
namespace {

TEST(JsonWriterTest, EscapesWhatJsonRequires) {
  std::string out;
  AppendJsonString(out, std::string("a\"b\\c\nd\te\x01 ТОО «Ж»"));
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\nd\\te\\u0001 ТОО «Ж»\"");
  EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(),
            std::string("a\"b\\c\nd\te\x01 ТОО «Ж»"));
}

// Every byte value, at every position of texts long enough to cross the 16-byte blocks the
// writer scans in, against a byte-at-a-time reference; the result parses back to the text.
TEST(JsonWriterTest, EscapesEveryByteWhereverItStands) {
  auto reference = [](std::string_view s) {
    std::string out = "\"";
    for (const char ch : s) {
      const auto c = static_cast<unsigned char>(ch);
      if (c == '"' || c == '\\') {
        out += '\\';
        out += ch;
      } else if (c < 0x20) {
        static constexpr char kShort[] = "btn?fr";  // \b \t \n \f \r by code - 8
        if (c >= 8 && c <= 13 && c != 11) {
          out += '\\';
          out += kShort[c - 8];
        } else {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        }
      } else {
        out += ch;
      }
    }
    return out + "\"";
  };
  const std::string filler = "Laptop computers, 15 inch, \xd0\xa2\xd0\x9e\xd0\x9e 0123456789";
  for (int byte = 0; byte < 256; ++byte) {
    for (size_t length : {1, 15, 16, 17, 31, 32, 33, 47}) {
      for (size_t at = 0; at < length; at += (length > 20 ? 3 : 1)) {
        std::string text = filler.substr(0, length);
        text.resize(length, 'x');
        text[at] = static_cast<char>(byte);
        std::string out;
        AppendJsonString(out, text);
        ASSERT_EQ(out, reference(text)) << "byte " << byte << " at " << at << " of " << length;
      }
    }
  }
  std::string out;
  const std::string text = "\"" + filler + "\\\n" + filler + filler + "\x1f";
  AppendJsonString(out, text);
  EXPECT_EQ(out, reference(text));
}

TEST(JsonWriterTest, PlacesCommasAcrossNesting) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Field("a", 1).Key("b").BeginArray();
  w.BeginObject().EndObject().BeginArray().EndArray().Int(2);
  w.EndArray().Key("c").BeginObject().Field("d", true).EndObject().Field("e", "x").EndObject();
  EXPECT_EQ(out, R"({"a":1,"b":[{},[],2],"c":{"d":true},"e":"x"})");
}

TEST(JsonWriterTest, WritesDecimalsExactly) {
  std::string out;
  JsonWriter w(out);
  w.BeginArray()
      .Decimal(12345678900, 10000)
      .Decimal(-5, 10000)
      .Decimal(0, 10000)
      .Decimal(10000, 10000);
  w.EndArray();
  EXPECT_EQ(out, "[1234567.89,-0.0005,0,1]");
}

TEST(JsonWriterTest, WritesNonFiniteDoublesAsNull) {
  std::string out;
  JsonWriter w(out);
  w.BeginArray().Double(0.1).Double(1.0 / 0.0).EndArray();
  EXPECT_EQ(out, "[0.1,null]");
}

}  // namespace
}  // namespace keruen
