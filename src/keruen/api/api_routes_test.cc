#include "keruen/api/api_routes.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <mutex>
#include <nlohmann/json.hpp>

#include "keruen/api/internal/test_support.h"

namespace keruen {
namespace {

using api_testing::DeclarationVariant;
using api_testing::JsonBody;
using api_testing::kAfterSpecExamples;
using api_testing::ReadSpecFile;
using api_testing::TempStore;
using nlohmann::json;
using ::testing::HasSubstr;

class ApiRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(temp_.get(), nullptr) << temp_.error();
    router_ = MakeApiRouter(*temp_.get(), clock_, write_mutex_);
    example_ = json::parse(ReadSpecFile("declaration.example.json"), nullptr, false);
    ASSERT_TRUE(example_.is_object()) << "cannot read shared/spec/declaration.example.json";
    payment_ = json::parse(ReadSpecFile("payment.example.json"), nullptr, false);
    ASSERT_TRUE(payment_.is_object()) << "cannot read shared/spec/payment.example.json";
  }

  HttpResponse Get(std::string_view target) {
    return router_.Dispatch(HttpRequest{"GET", target, "", ""});
  }
  HttpResponse Post(std::string_view target, std::string_view body,
                    std::string_view type = "application/json") {
    return router_.Dispatch(HttpRequest{"POST", target, type, body});
  }

  // Expects a 400 invalid-parameter problem naming `param`.
  void ExpectBadParameter(std::string_view target, std::string_view param) {
    SCOPED_TRACE(target);
    const HttpResponse r = Get(target);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.content_type, "application/problem+json");
    const json body = json::parse(r.body);
    EXPECT_EQ(body["type"], "urn:keruen:problem:invalid-parameter");
    EXPECT_EQ(body["field"], param);
    EXPECT_EQ(body["instance"], std::string(target.substr(0, target.find('?'))));
  }

  ManualClock clock_{kAfterSpecExamples};
  TempStore temp_{clock_};
  std::mutex write_mutex_;
  Router router_;
  json example_, payment_;
};

TEST_F(ApiRoutesTest, HealthReportsVersionClockAndCounts) {
  ASSERT_EQ(Post("/api/v1/declarations", example_.dump()).status, 201);
  const HttpResponse r = Get("/healthz");
  ASSERT_EQ(r.status, 200);
  const json body = JsonBody(r);
  EXPECT_EQ(body["status"], "ok");
  EXPECT_EQ(body["version"], KERUEN_VERSION);
  EXPECT_EQ(body["time"], FormatTimestamp(kAfterSpecExamples));
  EXPECT_EQ(body["store"]["declarations"], 1);
  EXPECT_EQ(body["store"]["goods_items"], 2);
  EXPECT_EQ(body["store"]["movements"], 1);  // the example is a transit declaration
}

TEST_F(ApiRoutesTest, GetDeclarationCarriesMetaAndETag) {
  ASSERT_EQ(Post("/api/v1/declarations", example_.dump()).status, 201);
  const HttpResponse r = Get("/api/v1/declarations/26KZ0101T0004217");
  ASSERT_EQ(r.status, 200);
  json body = JsonBody(r);
  const json meta = body["_meta"];
  EXPECT_EQ(meta["version"], 1);
  EXPECT_EQ(meta["stored_at"], FormatTimestamp(kAfterSpecExamples));
  EXPECT_EQ(meta["source"], "api");
  ASSERT_TRUE(meta["content_hash"].is_string());
  EXPECT_FALSE(meta["content_hash"].get<std::string>().empty());
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].first, "ETag");
  EXPECT_EQ(r.headers[0].second, "\"" + meta["content_hash"].get<std::string>() + "\"");
  body.erase("_meta");
  EXPECT_EQ(body, example_);
}

TEST_F(ApiRoutesTest, AmendmentMakesANewVersionInTheHistory) {
  ASSERT_EQ(Post("/api/v1/declarations", example_.dump()).status, 201);
  json amended = example_;
  amended["items"][0]["quantity"] = 11000;
  clock_.Advance(60);
  HttpResponse r = Post("/api/v1/declarations", amended.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(JsonBody(r)["amended"], 1);

  r = Get("/api/v1/declarations/26KZ0101T0004217");
  EXPECT_EQ(JsonBody(r)["_meta"]["version"], 2);
  EXPECT_EQ(JsonBody(r)["items"][0]["quantity"], 11000);

  r = Get("/api/v1/declarations/26KZ0101T0004217/history");
  ASSERT_EQ(r.status, 200);
  const json history = JsonBody(r);
  EXPECT_EQ(history["id"], "26KZ0101T0004217");
  ASSERT_EQ(history["versions"].size(), 2u);
  EXPECT_EQ(history["versions"][0]["version"], 1);
  EXPECT_EQ(history["versions"][0]["document"]["items"][0]["quantity"], 12000);
  EXPECT_EQ(history["versions"][1]["version"], 2);
  EXPECT_EQ(history["versions"][1]["stored_at"], FormatTimestamp(kAfterSpecExamples + 60));
  EXPECT_NE(history["versions"][0]["content_hash"], history["versions"][1]["content_hash"]);
}

TEST_F(ApiRoutesTest, UnknownIdsAreNotFound) {
  for (const char* target :
       {"/api/v1/declarations/NOPE", "/api/v1/declarations/NOPE/history", "/api/v1/payments/NOPE",
        "/api/v1/payments/NOPE/history", "/api/v1/movements/NOPE"}) {
    SCOPED_TRACE(target);
    const HttpResponse r = Get(target);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(JsonBody(r)["type"], "urn:keruen:problem:not-found");
    EXPECT_THAT(JsonBody(r)["detail"].get<std::string>(), HasSubstr("\"NOPE\""));
  }
}

TEST_F(ApiRoutesTest, TransitDeclarationOpensAMovement) {
  HttpResponse r = Post("/api/v1/declarations", example_.dump());
  ASSERT_EQ(r.status, 201);
  EXPECT_EQ(JsonBody(r)["movements_opened"], 1);
  r = Get("/api/v1/movements/26KZ0101T0004217");
  ASSERT_EQ(r.status, 200);
  const json movement = JsonBody(r);
  EXPECT_EQ(movement["id"], "26KZ0101T0004217");
  EXPECT_EQ(movement["seals"], json::array({"ENS-KZ-00731942"}));
}

TEST_F(ApiRoutesTest, PaymentsRoundTripAndFilter) {
  HttpResponse r = Post("/api/v1/payments", payment_.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(JsonBody(r)["inserted"], 1);
  EXPECT_FALSE(JsonBody(r).contains("movements_opened"));

  r = Get("/api/v1/payments/KZ-PMT-2026-000918273");
  ASSERT_EQ(r.status, 200);
  json body = JsonBody(r);
  body.erase("_meta");
  EXPECT_EQ(body, payment_);

  EXPECT_EQ(JsonBody(Get("/api/v1/payments?currency=eur"))["items"].size(), 1u);
  EXPECT_EQ(JsonBody(Get("/api/v1/payments?currency=USD"))["items"].size(), 0u);
  EXPECT_EQ(
      JsonBody(Get("/api/v1/payments?country=KG&from=2026-03-04&to=2026-03-05"))["items"].size(),
      1u);
  EXPECT_EQ(JsonBody(Get("/api/v1/payments?from=2026-03-05"))["items"].size(), 0u);
  EXPECT_EQ(JsonBody(Get("/api/v1/payments/KZ-PMT-2026-000918273/history"))["versions"].size(), 1u);
}

TEST_F(ApiRoutesTest, DeclarationFilters) {
  std::string batch;
  for (int i = 0; i < 6; ++i) {
    batch += DeclarationVariant(example_, i, i % 2 == 0 ? "import" : "export").dump() + "\n";
  }
  ASSERT_EQ(Post("/api/v1/declarations", batch, "application/x-ndjson").status, 201);
  auto count = [&](std::string_view target) {
    const HttpResponse r = Get(target);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    return r.status == 200 ? JsonBody(r)["items"].size() : size_t{999};
  };
  EXPECT_EQ(count("/api/v1/declarations"), 6u);
  EXPECT_EQ(count("/api/v1/declarations?kind=export"), 3u);
  EXPECT_EQ(count("/api/v1/declarations?kind=transit"), 0u);
  EXPECT_EQ(count("/api/v1/declarations?hs=8542"), 6u);
  EXPECT_EQ(count("/api/v1/declarations?hs=0101"), 0u);
  EXPECT_EQ(count("/api/v1/declarations?party=180940021234"), 6u);
  EXPECT_EQ(count("/api/v1/declarations?country=kg"), 6u);
  EXPECT_EQ(count("/api/v1/declarations?country=CN"), 0u);
  // Lodged at 00:00, 01:00, ... 05:00 on 2026-03-01; [from, to) is half-open.
  EXPECT_EQ(count("/api/v1/declarations?from=2026-03-01T01:00:00Z&to=2026-03-01T03:00:00Z"), 2u);
  EXPECT_EQ(count("/api/v1/declarations?from=2026-03-01T06:00:00%2B05:00"), 5u);
  EXPECT_EQ(count("/api/v1/declarations?to=2026-03-01"), 0u);
  EXPECT_EQ(count("/api/v1/declarations?kind=&party="), 6u);  // empty means no filter
}

TEST_F(ApiRoutesTest, BadQueryValuesNameTheParameter) {
  ExpectBadParameter("/api/v1/declarations?from=yesterday", "from");
  ExpectBadParameter("/api/v1/declarations?to=2026-13-01", "to");
  ExpectBadParameter("/api/v1/declarations?from=2026-03-02&to=2026-03-01", "to");
  ExpectBadParameter("/api/v1/declarations?kind=smuggling", "kind");
  ExpectBadParameter("/api/v1/declarations?limit=0", "limit");
  ExpectBadParameter("/api/v1/declarations?limit=1001", "limit");
  ExpectBadParameter("/api/v1/declarations?limit=ten", "limit");
  ExpectBadParameter("/api/v1/declarations?limit=5x", "limit");
  ExpectBadParameter("/api/v1/declarations?hs=85.42", "hs");
  ExpectBadParameter("/api/v1/declarations?hs=12345678901", "hs");
  ExpectBadParameter("/api/v1/declarations?country=Kazakhstan", "country");
  ExpectBadParameter("/api/v1/declarations?contry=KZ", "contry");
  ExpectBadParameter("/api/v1/payments?currency=EURO", "currency");
  ExpectBadParameter("/api/v1/payments?from=2026-03-02T06:40:00+05:00", "from");
  ExpectBadParameter("/api/v1/payments?hs=8542", "hs");
  ExpectBadParameter("/api/v1/alerts?status=pending", "status");
  ExpectBadParameter("/api/v1/alerts?subject_type=ship", "subject_type");
  ExpectBadParameter("/api/v1/alerts?limit=-1", "limit");
  // Cursors are the store's; one it did not hand out is the caller's mistake.
  ExpectBadParameter("/api/v1/declarations?after=zzz", "after");
  ExpectBadParameter("/api/v1/payments?after=1:x", "after");
  ExpectBadParameter("/api/v1/alerts?after=-", "after");
}

TEST_F(ApiRoutesTest, UnencodedPlusInATimestampGetsAHint) {
  const HttpResponse r = Get("/api/v1/declarations?from=2026-03-02T06:40:00+05:00");
  EXPECT_THAT(JsonBody(r)["detail"].get<std::string>(), HasSubstr("%2B"));
}

TEST_F(ApiRoutesTest, AlertsListIsEmptyOnAFreshStore) {
  const HttpResponse r = Get("/api/v1/alerts?status=open&rule=T1&limit=5");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(JsonBody(r), json::parse(R"({"items": [], "next": null})"));
}

TEST_F(ApiRoutesTest, IngestNeedsADocumentContentType) {
  for (const char* type : {"", "text/plain", "text/csv", "application/jsonx"}) {
    SCOPED_TRACE(type);
    const HttpResponse r = Post("/api/v1/declarations", example_.dump(), type);
    EXPECT_EQ(r.status, 415);
    EXPECT_EQ(JsonBody(r)["type"], "urn:keruen:problem:unsupported-media-type");
  }
  EXPECT_EQ(Post("/api/v1/declarations", example_.dump(), "Application/JSON; charset=utf-8").status,
            201);
  EXPECT_EQ(JsonBody(Get("/healthz"))["store"]["declarations"], 1);
}

// The text of an NCTS phase 5 sample message, or empty.
std::string NctsSample(const std::string& name) {
  return ReadSpecFile("../data/tracking/ncts/phase5_v51.8.6/samples/" + name);
}

TEST_F(ApiRoutesTest, IngestsAnNctsTransitDeclarationAsXml) {
  const std::string xml = NctsSample("cc015c-valid.xml");
  ASSERT_FALSE(xml.empty()) << "cannot read the NCTS phase 5 sample cc015c-valid.xml";
  HttpResponse r = Post("/api/v1/declarations", xml, "application/xml");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(JsonBody(r)["inserted"], 1);
  r = Get("/api/v1/declarations?kind=transit");
  ASSERT_EQ(r.status, 200);
  ASSERT_EQ(JsonBody(r)["items"].size(), 1u);
  const std::string id = JsonBody(r)["items"][0]["id"];
  EXPECT_EQ(Get("/api/v1/declarations/" + id).status, 200);
  // Sent again: the same content, nothing changes.
  r = Post("/api/v1/declarations", xml, "text/xml");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(JsonBody(r)["unchanged"], 1);
}

TEST_F(ApiRoutesTest, InvalidNctsMessageIsRejectedWithItsLocation) {
  const std::string xml = NctsSample("cc015c-invalid-lrn.xml");
  ASSERT_FALSE(xml.empty()) << "cannot read the NCTS phase 5 sample cc015c-invalid-lrn.xml";
  const HttpResponse r = Post("/api/v1/declarations", xml, "application/xml");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(JsonBody(r)["field"], "TransitOperation/LRN");
  EXPECT_EQ(JsonBody(Get("/healthz"))["store"]["declarations"], 0);
}

TEST_F(ApiRoutesTest, BodyMustMatchItsContentType) {
  HttpResponse r = Post("/api/v1/declarations", "\n  <CC015C/>", "application/json");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(JsonBody(r)["type"], "urn:keruen:problem:malformed-document");
  EXPECT_EQ(JsonBody(r)["line"], 2);
  r = Post("/api/v1/declarations", example_.dump(), "application/xml");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(JsonBody(r)["type"], "urn:keruen:problem:malformed-document");
  // Payments have no XML form.
  r = Post("/api/v1/payments", "<Document/>", "application/xml");
  EXPECT_EQ(r.status, 415);
  EXPECT_EQ(JsonBody(Get("/healthz"))["store"]["declarations"], 0);
}

TEST_F(ApiRoutesTest, EmptyBodyIsMalformed) {
  const HttpResponse r = Post("/api/v1/declarations", "  \n");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(JsonBody(r)["type"], "urn:keruen:problem:malformed-document");
}

TEST_F(ApiRoutesTest, MissingRequiredFieldIsInvalidDocument) {
  json doc = example_;
  doc.erase("declarant");
  const HttpResponse r = Post("/api/v1/declarations", doc.dump());
  EXPECT_EQ(r.status, 422);
  const json body = JsonBody(r);
  EXPECT_EQ(body["field"], "declarant");
  EXPECT_EQ(body["line"], 1);
  EXPECT_EQ(body["source"], "api");
  EXPECT_EQ(body["status"], 422);
  EXPECT_EQ(body["title"], "Invalid document");
}

TEST_F(ApiRoutesTest, WrongDocumentKindIsRejected) {
  // A declaration is not a payment: the payment's required fields are missing.
  const HttpResponse r = Post("/api/v1/payments", example_.dump());
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(JsonBody(Get("/healthz"))["store"]["payments"], 0);
}

}  // namespace
}  // namespace keruen
