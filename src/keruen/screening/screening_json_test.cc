#include "keruen/screening/screening_json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace keruen::screening {
namespace {

using ::testing::HasSubstr;

TEST(ScreeningJsonTest, ParsesAFullQuery) {
  auto q = ParseScreeningQueryJson(
      R"({"name":"ООО Ромашка","country":"RU","birth_date":"1970-05","type":"organization",
          "identifiers":[{"scheme":"inn","value":"7701234567"}],"extra":1})");
  ASSERT_TRUE(q.has_value()) << q.error().ToString();
  EXPECT_EQ(q->name, "ООО Ромашка");
  EXPECT_EQ(q->country, "RU");
  EXPECT_EQ(q->birth_date, "1970-05");
  EXPECT_EQ(q->type, EntityType::kOrganization);
  ASSERT_EQ(q->identifiers.size(), 1u);
  EXPECT_EQ(q->identifiers[0].scheme, "inn");
}

TEST(ScreeningJsonTest, ErrorsNameTheField) {
  struct Case {
    const char* json;
    const char* field;
  };
  for (const Case& c : {
           Case{R"({"name":5})", "name"},
           Case{R"({"country":"RU"})", "name"},
           Case{R"({"name":"x","identifiers":[{"scheme":"inn"}]})", "identifiers[0].value"},
           Case{R"({"name":"x","identifiers":{}})", "identifiers"},
           Case{R"({"name":"x","type":"robot"})", "type"},
           Case{R"({"queries":[{"name":"a"},{"name":7}]})", "queries[1].name"},
       }) {
    auto parsed = ParseScreeningRequestJson(c.json);
    ASSERT_FALSE(parsed.has_value()) << c.json;
    EXPECT_EQ(parsed.error().field, c.field) << c.json << ": " << parsed.error().ToString();
  }
  auto broken = ParseScreeningRequestJson(R"({"name":)");
  ASSERT_FALSE(broken.has_value());
  EXPECT_EQ(broken.error().code, ErrorCode::kParse);
}

TEST(ScreeningJsonTest, ARequestIsOneQueryOrABoundedList) {
  EXPECT_EQ(ParseScreeningRequestJson(R"({"name":"a"})").value().size(), 1u);
  EXPECT_EQ(ParseScreeningRequestJson(R"({"queries":[{"name":"a"},{"name":"b"}]})").value().size(),
            2u);
  EXPECT_FALSE(ParseScreeningRequestJson(R"({"queries":[]})").has_value());
  std::string many = R"({"queries":[)";
  for (size_t i = 0; i <= kMaxQueriesPerRequest; ++i)
    many += (i ? "," : "") + std::string(R"({"name":"a"})");
  many += "]}";
  auto refused = ParseScreeningRequestJson(many);
  ASSERT_FALSE(refused.has_value());
  EXPECT_THAT(refused.error().message, HasSubstr("at most 1000"));
}

TEST(ScreeningJsonTest, AQueryWritesBackAsItWasRead) {
  const std::string text =
      R"({"name":"Ivan Sidorov","country":"RU","birth_date":"1970","type":"person","identifiers":[{"scheme":"passport","value":"123"}]})";
  auto q = ParseScreeningQueryJson(text);
  ASSERT_TRUE(q.has_value());
  std::string out;
  JsonWriter w(out);
  AppendScreeningResult(w, *q, {});
  auto json = nlohmann::json::parse(out);
  EXPECT_EQ(json["query"], nlohmann::json::parse(text));
  EXPECT_TRUE(json["hits"].is_array());
}

}  // namespace
}  // namespace keruen::screening
