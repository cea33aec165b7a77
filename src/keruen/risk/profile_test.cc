#include "keruen/risk/profile.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace keruen::risk {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// The fields and parameters the example file uses, as the engine would offer them.
ProfileSchema TestSchema() {
  ProfileSchema s;
  auto field = [&](std::string name, FieldType type, bool per_item) {
    s.fields.push_back({std::move(name), type, per_item, ""});
  };
  field("kind", FieldType::kText, false);
  field("destination", FieldType::kText, false);
  field("dispatch", FieldType::kText, false);
  field("lodged_on", FieldType::kDate, false);
  field("declarant.bin", FieldType::kText, false);
  field("declarant.registered_on", FieldType::kDate, false);
  field("consignee.name", FieldType::kText, false);
  field("consignee.country", FieldType::kText, false);
  field("consignor.country", FieldType::kText, false);
  field("item.hs", FieldType::kText, true);
  field("item.origin", FieldType::kText, true);
  field("item.value_eur", FieldType::kNumber, true);
  field("item.net_kg", FieldType::kNumber, true);
  field("rule.G1", FieldType::kNumber, false);
  s.params = {{"Q6", "min_parts", 5, 2, 100, ""},
              {"Q6", "window_days", 30, 1, 365, ""},
              {"P1", "strong_within_days", 180, 1, 3650, ""}};
  s.rules = {"G1", "G2", "P1", "P6", "Q6"};
  return s;
}

// A declaration's facts set by field name, for declaration fields (item ignored) and items.
class FakeFacts : public FactSource {
 public:
  explicit FakeFacts(const ProfileSchema& schema) : schema_(schema) {}

  FakeFacts& Text(std::string_view field, std::string value) {
    texts_[{Index(field), 0}] = std::move(value);
    return *this;
  }
  FakeFacts& Number(std::string_view field, double value) {
    numbers_[{Index(field), 0}] = value;
    return *this;
  }
  FakeFacts& Date(std::string_view field, std::string_view iso) {
    return Number(field, static_cast<double>(*ParseDate(iso)));
  }
  FakeFacts& ItemText(size_t item, std::string_view field, std::string value) {
    items_ = std::max(items_, item + 1);
    texts_[{Index(field), item}] = std::move(value);
    return *this;
  }
  FakeFacts& ItemNumber(size_t item, std::string_view field, double value) {
    items_ = std::max(items_, item + 1);
    numbers_[{Index(field), item}] = value;
    return *this;
  }

  size_t item_count() const override { return items_; }
  std::optional<double> Number(size_t field, size_t item) const override {
    auto it = numbers_.find({field, schema_.fields[field].per_item ? item : 0});
    if (it == numbers_.end()) return std::nullopt;
    return it->second;
  }
  std::optional<std::string_view> Text(size_t field, size_t item) const override {
    auto it = texts_.find({field, schema_.fields[field].per_item ? item : 0});
    if (it == texts_.end()) return std::nullopt;
    return std::string_view(it->second);
  }

 private:
  size_t Index(std::string_view name) const {
    for (size_t i = 0; i < schema_.fields.size(); ++i) {
      if (schema_.fields[i].name == name) return i;
    }
    ADD_FAILURE() << "no field " << name;
    return 0;
  }

  const ProfileSchema& schema_;
  std::map<std::pair<size_t, size_t>, std::string> texts_;
  std::map<std::pair<size_t, size_t>, double> numbers_;
  size_t items_ = 0;
};

const Date kToday = *ParseDate("2026-03-02");

class ProfileTest : public ::testing::Test {
 protected:
  ProfileSet Parse(std::string_view text) {
    auto set = ParseProfiles(text, "p.krp", schema_);
    EXPECT_TRUE(set.has_value()) << set.error().message;
    return set.has_value() ? std::move(*set) : *ParseProfiles("", "p.krp", schema_);
  }
  // The error lines of a file that must be refused.
  std::vector<std::string> Errors(std::string_view text) {
    auto set = ParseProfiles(text, "p.krp", schema_);
    if (set.has_value()) {
      ADD_FAILURE() << "accepted:\n" << text;
      return {};
    }
    EXPECT_EQ(set.error().code, ErrorCode::kInvalidArgument);
    std::vector<std::string> lines;
    std::string_view m = set.error().message;
    while (!m.empty()) {
      const size_t nl = m.find('\n');
      lines.emplace_back(m.substr(0, nl));
      m = nl == std::string_view::npos ? std::string_view() : m.substr(nl + 1);
    }
    return lines;
  }
  // Whether a one-condition profile holds on `facts`.
  bool Fires(std::string_view condition, const FactSource& facts) {
    const ProfileSet set =
        Parse("profile p\n  when " + std::string(condition) + "\n  score +1\nend\n");
    return !Evaluate(set, facts, kToday).empty();
  }

  ProfileSchema schema_ = TestSchema();
};

TEST_F(ProfileTest, ExampleFileParses) {
  auto set = LoadProfiles("src/keruen/risk/testdata/example.krp", schema_);
  ASSERT_TRUE(set.has_value()) << set.error().message;
  std::vector<std::string> names;
  for (const Profile& p : set->profiles()) names.push_back(p.name);
  EXPECT_THAT(names, ElementsAre("chpl-electronics-to-russia", "new-trader-chpl-import",
                                 "machine-tools-transit", "third-country-intermediary",
                                 "trading-house-consignee", "aeo-spare-parts"));
  const Profile& first = set->profiles()[0];
  EXPECT_EQ(first.title, "CHPL electronics toward Russia or Belarus");
  EXPECT_EQ(first.score, 40);
  EXPECT_EQ(first.lane_floor, Lane::kRed);
  EXPECT_EQ(first.severity, Severity::kHigh);
  EXPECT_EQ(first.valid_from, *ParseDate("2024-01-01"));
  EXPECT_EQ(first.valid_to, *ParseDate("2026-12-31"));
  EXPECT_EQ(first.declaration_groups.size(), 1u);
  EXPECT_EQ(first.item_groups.size(), 2u);
  EXPECT_EQ(set->profiles()[5].score, -20);
  EXPECT_EQ(set->Param("Q6", "min_parts"), 5);
  EXPECT_EQ(set->Param("P1", "strong_within_days"), 180);
  EXPECT_DOUBLE_EQ(set->lanes().yellow_rate, 0.2);
  EXPECT_EQ(set->lanes().red_from, 80);
}

TEST_F(ProfileTest, ExampleFileFlagsAnIntegratedCircuitForRussia) {
  auto set = LoadProfiles("src/keruen/risk/testdata/example.krp", schema_);
  ASSERT_TRUE(set.has_value()) << set.error().message;
  FakeFacts facts(schema_);
  facts.Text("kind", "export").Text("destination", "RU").Text("consignee.country", "AE");
  facts.ItemText(0, "item.hs", "8542.31.00").ItemNumber(0, "item.value_eur", 25000);
  const auto matches = Evaluate(*set, facts, kToday);
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[0].profile, "chpl-electronics-to-russia");
  EXPECT_EQ(matches[1].profile, "third-country-intermediary");
  EXPECT_THAT(matches[1].evidence,
              ElementsAre("destination RU = RU", "consignee.country AE in HK, AE, TR, AM, KG"));
}

// --- operators -----------------------------------------------------------------------------

TEST_F(ProfileTest, NumberComparisons) {
  FakeFacts f(schema_);
  f.ItemNumber(0, "item.value_eur", 10000);
  EXPECT_TRUE(Fires("item.value_eur = 10000", f));
  EXPECT_FALSE(Fires("item.value_eur = 10000.5", f));
  EXPECT_TRUE(Fires("item.value_eur != 9999", f));
  EXPECT_FALSE(Fires("item.value_eur != 10000", f));
  EXPECT_TRUE(Fires("item.value_eur < 10001", f));
  EXPECT_FALSE(Fires("item.value_eur < 10000", f));
  EXPECT_TRUE(Fires("item.value_eur <= 10000", f));
  EXPECT_FALSE(Fires("item.value_eur <= 9999.99", f));
  EXPECT_TRUE(Fires("item.value_eur > 9999", f));
  EXPECT_FALSE(Fires("item.value_eur > 10000", f));
  EXPECT_TRUE(Fires("item.value_eur >= 10000", f));
  EXPECT_FALSE(Fires("item.value_eur >= 1e5", f));
  EXPECT_TRUE(Fires("item.value_eur>-5", f));  // no spaces needed around operators
}

TEST_F(ProfileTest, DateComparisons) {
  FakeFacts f(schema_);
  f.Date("declarant.registered_on", "2022-03-01");
  EXPECT_TRUE(Fires("declarant.registered_on >= 2022-02-24", f));
  EXPECT_FALSE(Fires("declarant.registered_on < 2022-02-24", f));
  EXPECT_TRUE(Fires("declarant.registered_on = 2022-03-01", f));
  EXPECT_FALSE(Fires("declarant.registered_on > 2022-03-01", f));
}

TEST_F(ProfileTest, TextEqualityAndListsIgnoreCase) {
  FakeFacts f(schema_);
  f.Text("destination", "RU");
  EXPECT_TRUE(Fires("destination = ru", f));
  EXPECT_FALSE(Fires("destination = BY", f));
  EXPECT_TRUE(Fires("destination != BY", f));
  EXPECT_FALSE(Fires("destination != Ru", f));
  EXPECT_TRUE(Fires("destination in BY, ru, KG", f));
  EXPECT_FALSE(Fires("destination in BY, KG", f));
  EXPECT_TRUE(Fires("destination not in BY, KG", f));
  EXPECT_FALSE(Fires("destination not in by, RU", f));
}

TEST_F(ProfileTest, StartsWithIgnoresDotsAndSpaces) {
  FakeFacts f(schema_);
  f.ItemText(0, "item.hs", "8542 31.00");
  EXPECT_TRUE(Fires("item.hs starts with 8542", f));
  EXPECT_TRUE(Fires("item.hs starts with 8471, 8542.31", f));
  EXPECT_FALSE(Fires("item.hs starts with 8471, 8542.32", f));
  EXPECT_FALSE(Fires("item.hs starts with 854231001", f));
}

TEST_F(ProfileTest, ContainsFoldsCaseInAnyScript) {
  FakeFacts f(schema_);
  f.Text("consignee.name", "ТОО «Торговый Дом Алатау» Trading");
  EXPECT_TRUE(Fires("consignee.name contains \"торговый дом\"", f));
  EXPECT_TRUE(Fires("consignee.name contains logistics, TRADING", f));
  EXPECT_FALSE(Fires("consignee.name contains экспедитор, logistics", f));
}

TEST_F(ProfileTest, MissingAndPresent) {
  FakeFacts f(schema_);
  f.Text("consignee.country", "KG").Text("consignee.name", "");
  EXPECT_TRUE(Fires("consignee.country is present", f));
  EXPECT_FALSE(Fires("consignee.country is missing", f));
  EXPECT_TRUE(Fires("consignor.country is missing", f));
  EXPECT_FALSE(Fires("consignor.country is present", f));
  EXPECT_TRUE(Fires("consignee.name is missing", f));  // empty text counts as missing
  EXPECT_TRUE(Fires("rule.G1 is missing", f));
  f.Number("rule.G1", std::nan(""));
  EXPECT_TRUE(Fires("rule.G1 is missing", f));
  f.Number("rule.G1", 0);
  EXPECT_TRUE(Fires("rule.G1 is present", f));
}

TEST_F(ProfileTest, ConditionsOnMissingValuesNeverHold) {
  FakeFacts f(schema_);
  EXPECT_FALSE(Fires("destination != RU", f));
  EXPECT_FALSE(Fires("destination not in RU, BY", f));
  EXPECT_FALSE(Fires("rule.G1 != 1", f));
  EXPECT_FALSE(Fires("lodged_on < 2030-01-01", f));
}

TEST_F(ProfileTest, ItemConditionsHoldForOneSameItem) {
  const ProfileSet set = Parse(R"(
profile chips
  when item.hs starts with 8542
   and item.value_eur > 10000
   and destination in RU, BY
  score +40
  lane at least red
end
)");
  FakeFacts f(schema_);
  f.Text("destination", "RU");
  f.ItemText(0, "item.hs", "85423100").ItemNumber(0, "item.value_eur", 900);
  f.ItemText(1, "item.hs", "84713000").ItemNumber(1, "item.value_eur", 50000);
  EXPECT_TRUE(Evaluate(set, f, kToday).empty());  // a cheap chip and a costly laptop

  f.ItemText(2, "item.hs", "8542.39").ItemNumber(2, "item.value_eur", 12500);
  const auto matches = Evaluate(set, f, kToday);
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].profile, "chips");
  EXPECT_EQ(matches[0].item, 2u);
  EXPECT_EQ(matches[0].score, 40);
  EXPECT_EQ(matches[0].lane_floor, Lane::kRed);
  EXPECT_THAT(matches[0].evidence,
              ElementsAre("destination RU in RU, BY", "item 3: item.hs 8542.39 starts with 8542",
                          "item 3: item.value_eur 12500 > 10000"));
}

TEST_F(ProfileTest, ItemConditionsNeedAnItem) {
  FakeFacts f(schema_);
  EXPECT_FALSE(Fires("item.hs is missing", f));
  f.ItemText(1, "item.hs", "8542");
  EXPECT_TRUE(Fires("item.hs is missing", f));  // item 1 has no code
}

TEST_F(ProfileTest, AnyOfHoldsWhenOneConditionHolds) {
  const ProfileSet set = Parse(R"(
profile intermediary "Through a third country"
  when destination = RU
   and any of
     consignee.country in HK, AE
     or consignor.country = TR
     item.origin = US
   end
  score 20
end
)");
  FakeFacts f(schema_);
  f.Text("destination", "RU").Text("consignee.country", "KZ").Text("consignor.country", "DE");
  f.ItemText(0, "item.origin", "CN");
  EXPECT_TRUE(Evaluate(set, f, kToday).empty());
  f.Text("consignor.country", "tr");
  auto matches = Evaluate(set, f, kToday);
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_THAT(matches[0].evidence, ElementsAre("destination RU = RU", "consignor.country tr = TR"));
  EXPECT_EQ(matches[0].reason, "Through a third country");  // the title stands in for a reason

  f.Text("consignor.country", "DE").ItemText(1, "item.origin", "US");
  matches = Evaluate(set, f, kToday);
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].item, 1u);
  EXPECT_THAT(matches[0].evidence,
              ElementsAre("destination RU = RU", "item 2: item.origin US = US"));
}

TEST_F(ProfileTest, ValidityEnabledAndActions) {
  const ProfileSet set = Parse(R"(
profile dated
  when destination = RU
  score -15
  severity critical
  reason "Only in March"
  valid from 2026-03-01 to 2026-03-31
end
profile off
  when destination = RU
  lane at least blue
  enabled no
end
profile open-ended
  when destination = RU
  lane at least yellow
  valid to 2026-03-01
end
)");
  FakeFacts f(schema_);
  f.Text("destination", "RU");
  auto on = [&](std::string_view date) {
    std::vector<std::string> names;
    for (const auto& m : Evaluate(set, f, *ParseDate(date))) names.push_back(m.profile);
    return names;
  };
  EXPECT_THAT(on("2026-02-28"), ElementsAre("open-ended"));
  EXPECT_THAT(on("2026-03-01"), ElementsAre("dated", "open-ended"));
  EXPECT_THAT(on("2026-03-31"), ElementsAre("dated"));
  EXPECT_THAT(on("2026-04-01"), ElementsAre());
  const auto m = Evaluate(set, f, *ParseDate("2026-03-10"));
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].score, -15);
  EXPECT_EQ(m[0].severity, Severity::kCritical);
  EXPECT_EQ(m[0].reason, "Only in March");
  EXPECT_EQ(m[0].lane_floor, std::nullopt);
  EXPECT_EQ(m[0].item, std::nullopt);
  EXPECT_FALSE(set.profiles()[1].enabled);
  EXPECT_EQ(set.profiles()[2].lane_floor, Lane::kYellow);
}

TEST_F(ProfileTest, EvidenceShowsDatesAndPresence) {
  const ProfileSet set = Parse(R"(
profile young
  when declarant.registered_on >= 2022-02-24
   and consignee.country is present
   and consignor.country is missing
   and consignee.name contains "Trading"
  score 5
end
)");
  FakeFacts f(schema_);
  f.Date("declarant.registered_on", "2023-05-17").Text("consignee.country", "KG");
  f.Text("consignee.name", "Alatau TRADING LLP");
  const auto m = Evaluate(set, f, kToday);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_THAT(m[0].evidence,
              ElementsAre("declarant.registered_on 2023-05-17 >= 2022-02-24",
                          "consignee.country is present (KG)", "consignor.country is missing",
                          "consignee.name Alatau TRADING LLP contains Trading"));
}

TEST_F(ProfileTest, KeywordsAndFieldsIgnoreCaseAndCommentsAreSkipped) {
  const ProfileSet set = Parse(
      "# header comment\r\n"
      "PROFILE p \"a # is not a comment in quotes\"  # but here it is\r\n"
      "  When Destination IN ru\r\n"
      "  Score +1\r\n"
      "End\r\n");
  ASSERT_EQ(set.profiles().size(), 1u);
  EXPECT_EQ(set.profiles()[0].title, "a # is not a comment in quotes");
  FakeFacts f(schema_);
  f.Text("destination", "RU");
  EXPECT_EQ(Evaluate(set, f, kToday).size(), 1u);
}

// --- lanes and rule settings -------------------------------------------------------------

TEST_F(ProfileTest, DefaultsWhenTheFileSaysNothing) {
  const ProfileSet set = Parse("# nothing yet\n");
  EXPECT_TRUE(set.profiles().empty());
  EXPECT_EQ(set.Param("Q6", "min_parts"), 5);
  EXPECT_EQ(set.Param("Q6", "window_days"), 30);
  EXPECT_TRUE(set.RuleEnabled("P1"));
  const LaneConfig defaults;
  const LaneConfig& l = set.lanes();
  EXPECT_EQ(l.red_from, defaults.red_from);
  EXPECT_EQ(l.yellow_from, defaults.yellow_from);
  EXPECT_EQ(l.blue_from, defaults.blue_from);
  EXPECT_EQ(l.red_rate, defaults.red_rate);
  EXPECT_EQ(l.random_rate, defaults.random_rate);
  EXPECT_EQ(l.random_lane, defaults.random_lane);
}

TEST_F(ProfileTest, LanesBlockReplacesTheLanesItNames) {
  const ProfileSet set = Parse(R"(
lanes
  red from score 90 expected rate 1.5 %
  blue from score 10
  random at least 2.5 % to red
end
rule Q6 min_parts 8
)");
  const LaneConfig defaults;
  const LaneConfig& l = set.lanes();
  EXPECT_EQ(l.red_from, 90);
  EXPECT_DOUBLE_EQ(l.red_rate, 0.015);
  EXPECT_EQ(l.yellow_from, defaults.yellow_from);  // no line: kept its default
  EXPECT_EQ(l.yellow_rate, defaults.yellow_rate);
  EXPECT_EQ(l.blue_from, 10);
  EXPECT_EQ(l.blue_rate, 0);  // a line without a rate sets no expected rate
  EXPECT_DOUBLE_EQ(l.random_rate, 0.025);
  EXPECT_EQ(l.random_lane, Lane::kRed);
  EXPECT_EQ(set.Param("Q6", "min_parts"), 8);
  EXPECT_EQ(set.Param("Q6", "window_days"), 30);
}

TEST_F(ProfileTest, RulesCanBeSwitchedOff) {
  schema_.params.push_back({"P1", "enabled", 1, 0, 1, ""});
  const ProfileSet set = Parse("rule p1 Enabled no\nrule Q6 enabled yes\n");
  EXPECT_FALSE(set.RuleEnabled("P1"));
  EXPECT_EQ(set.Param("P1", "enabled"), 0);  // the engine may read it as a parameter too
  EXPECT_TRUE(set.RuleEnabled("Q6"));
  EXPECT_TRUE(set.RuleEnabled("G2"));
  EXPECT_THAT(Errors("rule P1 enabled no\nrule P1 enabled yes\n"),
              ElementsAre("p.krp:2:9: P1.enabled is already set on line 1"));
}

TEST(OpNames, AreTheWordsOfTheFile) {
  EXPECT_EQ(OpName(Op::kNotIn), "not in");
  EXPECT_EQ(OpName(Op::kStartsWith), "starts with");
  EXPECT_EQ(OpName(Op::kGe), ">=");
}

// --- errors ------------------------------------------------------------------------------

struct BadFile {
  const char* text;
  const char* error;
};

class ProfileErrorTest : public ProfileTest, public ::testing::WithParamInterface<BadFile> {};

// "N_UnknownFieldDestinaton...": the case's index and the start of its error, so a failure
// names the mistake (gtest would otherwise print the parameter's bytes).
std::string TestNameOf(const ::testing::TestParamInfo<BadFile>& info) {
  const std::string& error = info.param.error;
  const size_t reason = error.find(": ");
  std::string name = std::to_string(info.index) + "_";
  bool upper = true;
  for (size_t i = reason == std::string::npos ? 0 : reason + 2; i < error.size(); ++i) {
    const char c = error[i];
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
    if (name.size() >= 48) break;
  }
  return name;
}

TEST_P(ProfileErrorTest, IsRefusedWithLineColumnAndReason) {
  EXPECT_THAT(Errors(GetParam().text), ElementsAre(GetParam().error));
}

// Each file has one mistake. Columns count characters from 1.
INSTANTIATE_TEST_SUITE_P(
    Files, ProfileErrorTest,
    ::testing::Values(
        BadFile{"profile p\n  when destinaton = RU\n  score 1\nend\n",
                "p.krp:2:8: unknown field \"destinaton\" (did you mean \"destination\"?)"},
        BadFile{"profile p\n  when colour = red\n  score 1\nend\n",
                "p.krp:2:8: unknown field \"colour\""},
        BadFile{"profile p\n  when destination < RU, BY\n  score 1\nend\n",
                "p.krp:2:20: \"RU, BY\" compared with < : use \"in\""},
        BadFile{"profile p\n  when destination = RU, BY\n  score 1\nend\n",
                "p.krp:2:20: \"RU, BY\" compared with = : use \"in\""},
        BadFile{"profile p\n  when destination >= RU\n  score 1\nend\n",
                "p.krp:2:20: destination is text: compare it with =, !=, in, not in, starts "
                "with or contains"},
        BadFile{"profile p\n  when item.value_eur in 1, 2\n  score 1\nend\n",
                "p.krp:2:23: item.value_eur is a number: compare it with =, !=, <, <=, > or >="},
        BadFile{"profile p\n  when item.value_eur = 1, 2\n  score 1\nend\n",
                "p.krp:2:23: \"1, 2\" compared with = : a number has one value"},
        BadFile{"profile p\n  when item.value_eur > 10k\n  score 1\nend\n",
                "p.krp:2:25: expected a number for item.value_eur, found \"10k\""},
        BadFile{"profile p\n  when lodged_on > 2026-02-30\n  score 1\nend\n",
                "p.krp:2:20: expected a date (YYYY-MM-DD) for lodged_on, found \"2026-02-30\""},
        BadFile{"profile p\n  when destination RU\n  score 1\nend\n",
                "p.krp:2:20: expected an operator after \"destination\" (=, !=, <, <=, >, >=, "
                "in, not in, starts with, contains, is missing, is present), found \"RU\""},
        BadFile{"profile p\n  when destination in RU BY\n  score 1\nend\n",
                "p.krp:2:26: expected \",\" between values or the end of the line, found \"BY\""},
        BadFile{"profile p\n  when destination in RU,\n  score 1\nend\n",
                "p.krp:2:26: expected a value after \",\", found the end of the line"},
        BadFile{"profile p\n  when destination in\n  score 1\nend\n",
                "p.krp:2:22: expected a value after \"in\", found the end of the line"},
        BadFile{"profile p\n  when item.hs starts with \". .\"\n  score 1\nend\n",
                "p.krp:2:28: empty value"},
        BadFile{"profile p\n  when destination is missing RU\n  score 1\nend\n",
                "p.krp:2:31: unexpected \"RU\" at the end of the line"},
        BadFile{"profile p \"unterminated\n  when destination = RU\n  score 1\nend\n",
                "p.krp:1:11: missing closing quote"},
        BadFile{"profile p\n  when destination ! RU\n  score 1\nend\n",
                "p.krp:2:20: \"!\" must be followed by \"=\""},
        BadFile{"profile p\n  when destination = RU\n  score 1\n",
                "p.krp:1:1: profile \"p\" has no \"end\""},
        BadFile{"profile p\n  and destination = RU\n  score 1\nend\n",
                "p.krp:2:3: the first condition starts with \"when\""},
        BadFile{"profile p\n  when destination = RU\n  when kind = export\n  score 1\nend\n",
                "p.krp:3:3: this profile already has its \"when\" on line 2; add conditions "
                "with \"and\""},
        BadFile{"profile p\n  when destination = RU\n  kind = export\n  score 1\nend\n",
                "p.krp:3:3: a condition starts with \"when\" (the first) or \"and\""},
        BadFile{"profile p\n  when destination = RU\n  scre 1\n  lane at least red\nend\n",
                "p.krp:3:3: unknown statement \"scre\" (did you mean \"score\"?) in a profile; "
                "expected when, and, score, lane, severity, reason, valid, enabled or end"},
        BadFile{"profile p\n  when destination = RU\nend\n",
                "p.krp:1:1: profile \"p\" has no effect; give it a score or a lane"},
        BadFile{"profile p\n  score 1\nend\n",
                "p.krp:1:1: profile \"p\" has no conditions; add a \"when\" line"},
        BadFile{"profile p\n  when destination = RU\n  score +1001\nend\n",
                "p.krp:3:9: score must be between -1000 and +1000"},
        BadFile{
            "profile p\n  when destination = RU\n  score forty\nend\n",
            "p.krp:3:9: expected a number after \"score\", e.g. \"score +40\" or \"score -20\""},
        BadFile{"profile p\n  when destination = RU\n  score 1\n  score 2\nend\n",
                "p.krp:4:3: the score is already set on line 3"},
        BadFile{"profile p\n  when destination = RU\n  lane at least green\nend\n",
                "p.krp:3:17: \"lane at least green\" changes nothing; give a negative score "
                "instead"},
        BadFile{"profile p\n  when destination = RU\n  lane at least rd\nend\n",
                "p.krp:3:17: unknown lane \"rd\" (did you mean \"red\"?); the lanes are green, "
                "blue, yellow and red"},
        BadFile{"profile p\n  when destination = RU\n  lane red\nend\n",
                "p.krp:3:8: write \"lane at least red\" (or yellow, or blue)"},
        BadFile{"profile p\n  when destination = RU\n  score 1\n  severity urgent\nend\n",
                "p.krp:4:12: expected a severity after \"severity\": info, low, medium, high or "
                "critical"},
        BadFile{"profile p\n  when destination = RU\n  score 1\n  reason goods for Russia\nend\n",
                "p.krp:4:10: put the reason between double quotes: reason \"...\""},
        BadFile{"profile p\n  when destination = RU\n  score 1\n  valid from 2026-05-01 to "
                "2026-04-01\nend\n",
                "p.krp:4:9: the profile ends (2026-04-01) before it starts (2026-05-01)"},
        BadFile{"profile p\n  when destination = RU\n  score 1\n  valid 2026-05-01\nend\n",
                "p.krp:4:9: write \"valid from YYYY-MM-DD to YYYY-MM-DD\" (either part may be "
                "left out)"},
        BadFile{"profile p\n  when destination = RU\n  score 1\n  enabled maybe\nend\n",
                "p.krp:4:11: expected yes or no, found \"maybe\""},
        BadFile{"profile p\n  when destination = RU\n  score 1\nend\nprofile P\n  when kind = "
                "import\n  score 1\nend\n",
                "p.krp:5:9: duplicate profile name \"P\" (first on line 1)"},
        BadFile{"profile \"p q\"\n  when destination = RU\n  score 1\nend\n",
                "p.krp:1:9: a profile name is one word (letters, digits, '-', '_', '.'); put the "
                "title after it in quotes"},
        BadFile{"profile p/q\n  when destination = RU\n  score 1\nend\n",
                "p.krp:1:9: a profile name is at most 80 letters, digits, '-', '_' or '.', found "
                "\"p/q\""},
        BadFile{"profile p\n  when any of\n    destination = RU\n  score 1\nend\n",
                "p.krp:2:1: the \"any of\" group has no \"end\""},
        BadFile{"profile p\n  when any of\n  end\n  score 1\nend\n",
                "p.krp:2:1: \"any of\" holds no condition"},
        BadFile{"profile p\n  when any of\n    kind = x\n    any of\n  end\n  score 1\nend\n",
                "p.krp:4:5: \"any of\" groups do not nest; write a second profile instead"},
        BadFile{"profle p\n",
                "p.krp:1:1: expected \"profile\", \"lanes\" or \"rule\", found "
                "\"profle\" (did you mean \"profile\"?)"},
        BadFile{"end\n", "p.krp:1:1: expected \"profile\", \"lanes\" or \"rule\", found \"end\""},
        BadFile{"rule Q6 min_parts 500\n",
                "p.krp:1:19: parameter Q6.min_parts must be between 2 and 100"},
        BadFile{"rule Q7 min_parts 5\n", "p.krp:1:6: unknown rule \"Q7\" (did you mean \"Q6\"?)"},
        BadFile{"rule Q6 min_part 5\n",
                "p.krp:1:9: rule Q6 has no parameter \"min_part\" (did you mean \"min_parts\"?)"},
        BadFile{"rule P1 threshold 5\n",
                "p.krp:1:9: rule P1 has no parameter \"threshold\"; its parameters: enabled, "
                "strong_within_days"},
        BadFile{"rule Q6 min_parts five\n", "p.krp:1:19: expected a number for Q6.min_parts"},
        BadFile{"rule Q6 min_parts 5\nrule Q6 min_parts 6\n",
                "p.krp:2:9: Q6.min_parts is already set on line 1"},
        BadFile{"lanes\n  red from score 80 expected rate 50 %\n  yellow from score 40 "
                "expected rate 45 %\n  blue from score 25 expected rate 2 %\n  random at least "
                "10 %\nend\n",
                "p.krp:1:1: lane rates add up to more than 100 % (red 50 + yellow 45 + blue 2 + "
                "random 10 = 107 %)"},
        BadFile{"lanes\n  blue from score 25\n  yellow from score 20\nend\n",
                "p.krp:3:1: lane thresholds must rise from blue to yellow to red: yellow from "
                "score 20 is not above blue from score 25"},
        BadFile{"lanes\n  green from score 0\nend\n",
                "p.krp:2:3: green takes what no other lane takes; it has no threshold or rate"},
        BadFile{"lanes\n  red expected rate 1 %\nend\n",
                "p.krp:2:3: give the lane its threshold: \"red from score N\""},
        BadFile{"lanes\n  red from score 80 expected rate 1\nend\n",
                "p.krp:2:35: expected a rate like \"2 %\" after \"expected rate\", found \"1\""},
        BadFile{"lanes\n  random at least 101 %\nend\n",
                "p.krp:2:19: a rate must be between 0 and 100 %"},
        BadFile{"lanes\n  random at least 1 % to green\nend\n",
                "p.krp:2:26: random picks go to red, yellow or blue"},
        BadFile{"lanes\n  orange from score 60\nend\n",
                "p.krp:2:3: expected red, yellow, blue, random or end in the lanes block, found "
                "\"orange\""},
        BadFile{"lanes\nend\nlanes\nend\n", "p.krp:3:1: duplicate lanes block (first on line 1)"},
        BadFile{"lanes\n  red from score 90\n", "p.krp:1:1: the lanes block has no \"end\""},
        BadFile{"profile p\n  when destination = \"R\xff\"\n  score 1\nend\n",
                "p.krp:2:24: the file is not valid UTF-8 here"},
        BadFile{"profile p\n  when destination = R\x01U\n  score 1\nend\n",
                "p.krp:2:23: unexpected control character U+0001"}),
    TestNameOf);

TEST_F(ProfileTest, ColumnsCountCharactersNotBytes) {
  EXPECT_THAT(Errors("profile p\n  when consignee.name contains \"ТОО\" junk\n  score 1\nend\n"),
              ElementsAre("p.krp:2:38: expected \",\" between values or the end of the line, "
                          "found \"junk\""));
}

TEST_F(ProfileTest, CollectsEveryMistakeInOnePass) {
  EXPECT_THAT(Errors(R"(profile a
  when destinaton = RU
  score 1
end
profile b
  when item.value_eur > lots
  lane at least purple
end
rule Q6 min_parts 1
)"),
              ElementsAre("p.krp:2:8: unknown field \"destinaton\" (did you mean \"destination\"?)",
                          "p.krp:6:25: expected a number for item.value_eur, found \"lots\"",
                          "p.krp:7:17: unknown lane \"purple\"; the lanes are green, blue, yellow "
                          "and red",
                          "p.krp:9:19: parameter Q6.min_parts must be between 2 and 100"));
}

TEST_F(ProfileTest, StopsAfterTwentyMistakes) {
  std::string text;
  for (int i = 0; i < 30; ++i) text += "nonsense\n";
  const auto errors = Errors(text);
  ASSERT_EQ(errors.size(), 21u);
  EXPECT_EQ(errors[19],
            "p.krp:20:1: expected \"profile\", \"lanes\" or \"rule\", found \"nonsense\"");
  EXPECT_EQ(errors[20], "p.krp: too many mistakes; stopped after 20");
}

TEST_F(ProfileTest, LongTextIsCutShortInMessages) {
  const std::string field(5000, 'x');
  EXPECT_THAT(Errors("profile p\n  when " + field + " = 1\n  score 1\nend\n"),
              ElementsAre("p.krp:2:8: unknown field \"" + std::string(60, 'x') + "...\""));
}

TEST_F(ProfileTest, AMissingEndIsReportedAndTheNextProfileStillChecked) {
  EXPECT_THAT(Errors("profile a\n  when destination = RU\n  score 1\nprofile b\n  when kind = "
                     "x\n  score 1\n  lane at least reed\nend\n"),
              ElementsAre("p.krp:1:1: profile \"a\" has no \"end\"",
                          "p.krp:7:17: unknown lane \"reed\" (did you mean \"red\"?); the lanes "
                          "are green, blue, yellow and red"));
}

TEST_F(ProfileTest, LoadProfilesReportsUnreadableAndOversizedFiles) {
  auto missing = LoadProfiles("src/keruen/risk/testdata/no-such-file.krp", schema_);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kIo);
  EXPECT_THAT(missing.error().message, HasSubstr("no-such-file.krp"));

  const std::string big = ::testing::TempDir() + "/big.krp";
  {
    std::FILE* f = std::fopen(big.c_str(), "w");
    ASSERT_NE(f, nullptr);
    const std::string line(1023, '#');
    for (size_t i = 0; i <= kMaxProfileFileBytes / 1024; ++i) std::fprintf(f, "%s\n", line.c_str());
    std::fclose(f);
  }
  auto too_big = LoadProfiles(big, schema_);
  ASSERT_FALSE(too_big.has_value());
  EXPECT_THAT(too_big.error().message, HasSubstr("at most 1048576"));
  std::remove(big.c_str());
}

TEST_F(ProfileTest, LoadedErrorsNameTheFile) {
  const std::string path = ::testing::TempDir() + "/typo.krp";
  std::FILE* f = std::fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs("profile p\n  when destinaton = RU\n  score 1\nend\n", f);
  std::fclose(f);
  auto set = LoadProfiles(path, schema_);
  ASSERT_FALSE(set.has_value());
  EXPECT_EQ(set.error().message, path +
                                     ":2:8: unknown field \"destinaton\" (did you mean "
                                     "\"destination\"?)");
  std::remove(path.c_str());
}

}  // namespace
}  // namespace keruen::risk
