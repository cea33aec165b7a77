#include "keruen/screening/lists/list_entry_json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "keruen/screening/lists/internal/test_support.h"

namespace keruen::screening {
namespace {

using ::testing::HasSubstr;

ListEntry Full() {
  ListEntry e;
  e.list = "un";
  e.id = "KPi.033";
  e.type = EntityType::kPerson;
  e.names = {{"RI WON HO", true, false}, {"Ри Вон Хо \"Jr\"", false, false}, {"Ri", false, true}};
  e.identifiers = {{"passport", "381310014", "KP"}, {"inn", "7707083893", ""}};
  e.countries = {"KP"};
  e.birth_dates = {"1964-07-17", "1965"};
  e.programs = {"DPRK"};
  e.listed_on = "2016-11-30";
  e.remarks = "line one\nline \\two\\";
  e.gender = "male";
  return e;
}

TEST(ListEntryJson, RoundTrip) {
  const ListEntry e = Full();
  const std::string json = ListEntryToJson(e);
  auto back = ParseListEntryJson(json);
  ASSERT_TRUE(back) << back.error().ToString();
  EXPECT_EQ(*back, e);
  // Read with an independent parser: the documented shape.
  const auto doc = nlohmann::json::parse(json);
  EXPECT_EQ(doc["type"], "person");
  EXPECT_EQ(doc["names"][0]["primary"], true);
  EXPECT_FALSE(doc["names"][1].contains("primary"));
  EXPECT_EQ(doc["names"][2]["weak"], true);
  EXPECT_EQ(doc["identifiers"][0]["country"], "KP");
  EXPECT_FALSE(doc["identifiers"][1].contains("country"));
}

TEST(ListEntryJson, MinimalEntryLeavesEmptyFieldsOut) {
  ListEntry e;
  e.list = "x";
  e.id = "1";
  e.names = {{"A", true, false}};
  EXPECT_EQ(ListEntryToJson(e),
            R"({"list":"x","id":"1","type":"unknown","names":[{"full":"A","primary":true}]})");
  auto back = ParseListEntryJson(ListEntryToJson(e));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, e);
}

TEST(ListEntryJson, RealEntriesRoundTrip) {
  const auto& list = lists_testing::Imported(ListFormat::kUn, "un/UN_consolidated.xml");
  for (const ListEntry& e : list.snapshot.entries) {
    auto back = ParseListEntryJson(ListEntryToJson(e));
    ASSERT_TRUE(back) << e.id;
    ASSERT_EQ(*back, e) << e.id;
  }
}

TEST(ListEntryJson, ErrorsNameTheField) {
  const std::pair<std::string, std::string> cases[] = {
      {"{", "malformed JSON"},
      {"[1]", "expected a JSON object"},
      {R"({"id":"1","type":"person","names":[{"full":"A"}]})", "list: is required"},
      {R"({"list":"x","id":"1","type":"robot","names":[{"full":"A"}]})", "unknown entity type"},
      {R"({"list":"x","id":"1","type":"person","names":[]})", "names: at least one name"},
      {R"({"list":"x","id":"1","type":"person","names":[{"full":"A"},{"full":2}]})",
       "names[1].full: expected a string"},
      {R"({"list":"x","id":"1","type":"person","names":[{"full":"A","weak":"yes"}]})",
       "names[0].weak: expected a boolean"},
      {R"({"list":"x","id":"1","type":"person","names":[{"full":"A"}],"countries":"KZ"})",
       "countries: expected an array"},
      {R"({"list":"x","id":"1","type":"person","names":[{"full":"A"}],"identifiers":[{"value":"1"}]})",
       "identifiers[0]: an identifier needs a scheme"},
  };
  for (const auto& [json, expected] : cases) {
    auto r = ParseListEntryJson(json);
    ASSERT_FALSE(r) << json;
    EXPECT_THAT(r.error().ToString(), HasSubstr(expected)) << json;
  }
}

}  // namespace
}  // namespace keruen::screening
