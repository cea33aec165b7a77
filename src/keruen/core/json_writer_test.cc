#include "keruen/core/json_writer.h"

#include <gtest/gtest.h>

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
