#include "keruen/core/json_codec.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "keruen/core/csv.h"
#include "keruen/core/paths.h"

namespace keruen {
namespace {

using ::testing::HasSubstr;

std::string SpecFile(const std::string& name) {
  auto dir = SharedDataDir();
  if (!dir) ADD_FAILURE() << "shared data not found; set KERUEN_DATA_DIR";
  auto text = ReadFile(dir.value_or("") + "/../spec/" + name);
  if (!text) ADD_FAILURE() << text.error().ToString();
  return text.value_or("");
}

TEST(JsonCodecTest, ParsesTheSpecDeclarationAsWritten) {
  auto d = ParseDeclarationJson(SpecFile("declaration.example.json"));
  ASSERT_TRUE(d.has_value()) << d.error().ToString();
  EXPECT_EQ(d->id, "26KZ0101T0004217");
  EXPECT_EQ(d->kind, DeclarationKind::kTransit);
  EXPECT_EQ(FormatTimestamp(d->lodged_at), "2026-03-02T06:40:00Z");
  EXPECT_EQ(d->declarant.name, "ТОО «Жибек Транзит Сервис»");
  EXPECT_EQ(d->declarant.Id(IdKind::kBin), "180940021234");
  ASSERT_TRUE(d->consignee.has_value());
  EXPECT_EQ(FormatDate(*d->consignee->registered_on), "2022-06-14");
  EXPECT_EQ(d->itinerary.exit_post, "Kordai");
  EXPECT_EQ(d->transport.seals, std::vector<std::string>{"ENS-KZ-00731942"});
  ASSERT_EQ(d->items.size(), 2u);
  EXPECT_EQ(d->items[0].hs, "854231");
  EXPECT_EQ(d->items[0].value.units, 84000 * Money::kScale);
  EXPECT_EQ(d->items[0].value.currency, "EUR");
  EXPECT_DOUBLE_EQ(d->items[1].net_kg, 410.0);
  ASSERT_EQ(d->documents.size(), 2u);
  EXPECT_EQ(d->documents[1].ref, "CMR 0049121");
}

TEST(JsonCodecTest, ParsesTheSpecPaymentAsWritten) {
  auto p = ParsePaymentJson(SpecFile("payment.example.json"));
  ASSERT_TRUE(p.has_value()) << p.error().ToString();
  EXPECT_EQ(p->id, "KZ-PMT-2026-000918273");
  EXPECT_EQ(p->amount.units, 84000 * Money::kScale);
  EXPECT_EQ(p->debtor.agent_bic, "KICBKG22");
  EXPECT_EQ(p->creditor.account, "DE89 3704 0044 0532 0130 00");
  EXPECT_EQ(p->intermediary_bics, std::vector<std::string>{"HSBCHKHHHKH"});
  EXPECT_EQ(p->remittance, "Invoice EH-2026-0311");
}

TEST(JsonCodecTest, CanonicalFormRoundTripsAndIsStable) {
  auto d = ParseDeclarationJson(SpecFile("declaration.example.json"));
  ASSERT_TRUE(d.has_value());
  const std::string once = ToJson(*d);
  auto again = ParseDeclarationJson(once);
  ASSERT_TRUE(again.has_value()) << again.error().ToString();
  EXPECT_EQ(*again, *d);
  EXPECT_EQ(ToJson(*again), once);
  // The canonical form is valid JSON with the spec's field names.
  auto j = nlohmann::json::parse(once);
  EXPECT_EQ(j["items"][0]["value"]["amount"], 84000);
  EXPECT_EQ(j["itinerary"]["limit_date"], "2026-03-07T23:59:59Z");

  auto p = ParsePaymentJson(SpecFile("payment.example.json"));
  ASSERT_TRUE(p.has_value());
  auto p2 = ParsePaymentJson(ToJson(*p));
  ASSERT_TRUE(p2.has_value());
  EXPECT_EQ(*p2, *p);
}

TEST(JsonCodecTest, KeepsDecimalAmountsExact) {
  auto d = ParseDeclarationJson(
      R"({"id":"X","kind":"import","lodged_at":"2026-01-01T00:00:00Z","declarant":{"name":"A"},
          "items":[{"hs":"010121","value":{"amount":0.1,"currency":"EUR"}},
                   {"hs":"010121","value":{"amount":1234567.89,"currency":"EUR"}}]})");
  ASSERT_TRUE(d.has_value()) << d.error().ToString();
  EXPECT_EQ(d->items[0].value.units, 1000);
  EXPECT_EQ(d->items[1].value.units, 12345678900);
  EXPECT_THAT(ToJson(*d), HasSubstr("\"amount\":1234567.89"));
}

struct BadCase {
  const char* json;
  const char* field;
  const char* message;
};

class JsonCodecBadInputTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(JsonCodecBadInputTest, NamesTheField) {
  auto d = ParseDeclarationJson(GetParam().json);
  ASSERT_FALSE(d.has_value());
  EXPECT_EQ(d.error().field, GetParam().field);
  EXPECT_THAT(d.error().message, HasSubstr(GetParam().message));
}

constexpr char kHead[] =
    R"({"id":"X","kind":"import","lodged_at":"2026-01-01T00:00:00Z","declarant":{"name":"A"},)";

INSTANTIATE_TEST_SUITE_P(
    Cases, JsonCodecBadInputTest,
    ::testing::Values(BadCase{R"({"id":"X","kind":"import")", "", "malformed JSON"},
                      BadCase{R"([1,2])", "", "expected a JSON object, found array"},
                      BadCase{R"({"kind":"import"})", "id", "is required"},
                      BadCase{R"({"id":"X","kind":"smuggling"})", "kind", "not a declaration kind"},
                      BadCase{R"({"id":7,"kind":"import"})", "id", "expected string, found number"},
                      BadCase{R"({"id":"X","kind":"import","lodged_at":"March 2nd"})", "lodged_at",
                              "not an ISO 8601 timestamp"},
                      BadCase{R"({"id":"X","kind":"import","lodged_at":"2026-01-01T00:00:00Z"})",
                              "declarant", "is required"},
                      BadCase{R"({"id":"X","kind":"import","lodged_at":"2026-01-01T00:00:00Z",
                    "declarant":{"name":"A","ids":{"passport":"1"}},"items":[]})",
                              "declarant.ids.passport", "unknown identifier kind"},
                      BadCase{R"({"id":"X","kind":"import","lodged_at":"2026-01-01T00:00:00Z",
                    "declarant":{"name":"A","ids":{"bin":180940021234}},"items":[]})",
                              "declarant.ids.bin", "expected string, found number"}));

TEST(JsonCodecTest, NamesFieldsInsideItems) {
  auto d = ParseDeclarationJson(std::string(kHead) +
                                R"("items":[{"hs":"010121","value":{"amount":1,"currency":"EUR"}},
                  {"hs":"010121","quantity":"12000","value":{"amount":1,"currency":"EUR"}}]})");
  ASSERT_FALSE(d.has_value());
  EXPECT_EQ(d.error().field, "items[1].quantity");
  EXPECT_EQ(d.error().message, "expected number, found string");

  auto hs_number = ParseDeclarationJson(
      std::string(kHead) + R"("items":[{"hs":854231,"value":{"amount":1,"currency":"EUR"}}]})");
  ASSERT_FALSE(hs_number.has_value());
  EXPECT_EQ(hs_number.error().field, "items[0].hs");

  auto no_value = ParseDeclarationJson(std::string(kHead) + R"("items":[{"hs":"854231"}]})");
  ASSERT_FALSE(no_value.has_value());
  EXPECT_EQ(no_value.error().field, "items[0].value");
}

TEST(JsonCodecTest, IgnoresUnknownFieldsAndNulls) {
  auto d = ParseDeclarationJson(std::string(kHead) +
                                R"("consignor":null,"x-extra":{"a":[1]},
      "items":[{"hs":"010121","origin":null,"value":{"amount":1,"currency":"EUR"}}]})");
  ASSERT_TRUE(d.has_value()) << d.error().ToString();
  EXPECT_FALSE(d->consignor.has_value());
  EXPECT_TRUE(d->items[0].origin.empty());
}

TEST(JsonCodecTest, WritesAlertsWithRawEvidence) {
  Alert a;
  a.id = "ALR-1";
  a.rule = "T1";
  a.severity = Severity::kHigh;
  a.subject = {"movement", "M1"};
  a.evidence_json = R"({"distance_km":62.5})";
  a.explanation = "Truck left the corridor";
  auto j = nlohmann::json::parse(ToJson(a));
  EXPECT_EQ(j["evidence"]["distance_km"], 62.5);
  EXPECT_EQ(j["severity"], "high");
  EXPECT_EQ(j["status"], "open");
}

}  // namespace
}  // namespace keruen
