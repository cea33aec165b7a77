// The transit-tracking routes end to end: a real ApiServer on a loopback port, a SqliteStore
// on a temporary file, the reference geography and a TrackingService, as `keruen serve` runs
// them. Inputs come from shared/spec and the GS1 EPCIS examples in shared/data.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "keruen/api/api_routes.h"
#include "keruen/api/internal/test_client.h"
#include "keruen/api/internal/test_support.h"
#include "keruen/api/server.h"
#include "keruen/core/paths.h"
#include "keruen/tracking/geography.h"
#include "keruen/tracking/tracking_service.h"

namespace keruen {
namespace {

using api_testing::Client;
using api_testing::kAfterSpecExamples;
using api_testing::ReadSpecFile;
using api_testing::Reply;
using api_testing::TempStore;
using nlohmann::json;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

constexpr char kMovement[] = "26KZ0101T0004217";  // the spec example: a transit under seal
constexpr char kSeal[] = "ENS-KZ-00731942";

// The text of shared/data/<relative>, or empty.
std::string ReadDataFile(const std::string& relative) {
  const auto data = SharedDataDir();
  if (!data) return {};
  std::ifstream in(*data + "/" + relative, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class TrackingRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(temp_.get(), nullptr) << temp_.error();
    auto geography = tracking::MakeReferenceGeography();
    ASSERT_TRUE(geography) << geography.error().ToString();
    geography_ = std::move(*geography);
    tracking_ = std::make_unique<tracking::TrackingService>(*temp_.get(), *geography_, clock_);
    ApiServerOptions options;
    options.port = 0;
    options.threads = 2;
    server_ = std::make_unique<ApiServer>(*temp_.get(), clock_, options,
                                          ApiEngines{.tracking = tracking_.get()});
    ASSERT_TRUE(server_->Start());
    client_ = std::make_unique<Client>(server_->port());
    declaration_ = ReadSpecFile("declaration.example.json");
    ASSERT_FALSE(declaration_.empty()) << "cannot read shared/spec/declaration.example.json";
    pings_ = ReadSpecFile("pings.example.ndjson");
    ASSERT_FALSE(pings_.empty()) << "cannot read shared/spec/pings.example.ndjson";
  }

  // Stores the spec's transit declaration through the API, which binds its seal.
  void DeclareTransit() {
    const Reply r = client_->Post("/api/v1/declarations", declaration_);
    ASSERT_EQ(r.status, 201) << r.body;
  }

  // The spec pings (three positions of kSeal at the Zhaisan entry post, the third reporting
  // seal event 01), a malformed line and a position from a seal nobody declared.
  Reply PostPings() {
    std::string body = pings_;
    if (body.back() != '\n') body += '\n';
    body += "{\"device\":\"" + std::string(kSeal) +
            "\",\"ts\":\"2026-03-02T09:15:00Z\",\"lat\":95,\"lon\":56.3}\n";
    body +=
        "{\"device\":\"ENS-XX-1\",\"ts\":\"2026-03-02T09:15:00Z\",\"lat\":50.8,\"lon\":56.3,"
        "\"speed_kmh\":60,\"battery_pct\":90,\"event\":null}\n";
    return client_->Post("/api/v1/positions", body, "application/x-ndjson");
  }

  std::vector<json> Pings() const {
    std::vector<json> pings;
    std::istringstream lines(pings_);
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty()) pings.push_back(json::parse(line));
    }
    return pings;
  }

  ManualClock clock_{kAfterSpecExamples};
  TempStore temp_{clock_};
  std::unique_ptr<tracking::Geography> geography_;
  std::unique_ptr<tracking::TrackingService> tracking_;
  std::unique_ptr<ApiServer> server_;
  std::unique_ptr<Client> client_;
  std::string declaration_, pings_;
};

TEST_F(TrackingRoutesTest, PositionsAreCountedLineByLineAndMoveTheMovement) {
  DeclareTransit();
  const Reply r = PostPings();
  ASSERT_EQ(r.status, 200) << r.body;
  const json body = r.Json();
  EXPECT_EQ(body["accepted"], Pings().size());
  EXPECT_EQ(body["late"], 0);
  EXPECT_EQ(body["duplicates"], 0);
  EXPECT_EQ(body["rejected"], 2);
  EXPECT_EQ(body["unknown_devices"], 1);
  EXPECT_GE(body["state_changes"], 1);
  ASSERT_THAT(body["errors"], SizeIs(1));
  EXPECT_EQ(body["errors"][0]["line"], Pings().size() + 1);
  EXPECT_EQ(body["errors"][0]["field"], "lat");
  EXPECT_EQ(body["alerts_raised"], body["alert_ids"].size());
  EXPECT_GE(body["alerts_raised"], 1);  // the seal reported event 01

  const Reply m = client_->Get(std::string("/api/v1/movements/") + kMovement);
  ASSERT_EQ(m.status, 200) << m.body;
  const json movement = m.Json();
  ASSERT_TRUE(movement.is_object()) << m.body;
  EXPECT_EQ(movement["state"], "entered");
  EXPECT_EQ(movement["summary"]["positions"], Pings().size());
  EXPECT_EQ(movement["summary"]["last_ts"], Pings().back()["ts"]);
  EXPECT_EQ(movement["summary"]["last_country"], "KZ");
  std::vector<std::string> rules, ids;
  for (const json& a : movement["alerts"]) {
    rules.push_back(a["rule"]);
    ids.push_back(a["id"]);
    EXPECT_EQ(a["subject"]["id"], kMovement);
  }
  EXPECT_THAT(rules, Contains("T4"));
  for (const json& id : body["alert_ids"]) EXPECT_THAT(ids, Contains(id.get<std::string>()));
  EXPECT_EQ(movement["links"]["track"],
            std::string("/api/v1/movements/") + kMovement + "/track.geojson");

  // The same batch again: nothing new is raised and the state does not move; each
  // position is either a repeat or older than the seal's last one.
  const json again = PostPings().Json();
  EXPECT_EQ(again["late"].get<int>() + again["duplicates"].get<int>(), Pings().size());
  EXPECT_EQ(again["alerts_raised"], 0);
  EXPECT_EQ(again["state_changes"], 0);
}

TEST_F(TrackingRoutesTest, CsvPositionsAreAccepted) {
  DeclareTransit();
  const std::string csv = "device,ts,lat,lon,speed_kmh\n" + std::string(kSeal) +
                          ",2026-03-02T09:00:00Z,50.8564,56.1465,0\n" + std::string(kSeal) +
                          ",2026-03-02T09:05:00Z,50.8452,56.2001,68\n";
  const Reply r = client_->Post("/api/v1/positions", csv, "text/csv");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["accepted"], 2);
  EXPECT_EQ(r.Json()["rejected"], 0);
}

TEST_F(TrackingRoutesTest, PositionsNeedASupportedMediaType) {
  const Reply r = client_->Post("/api/v1/positions", pings_, "application/json");
  EXPECT_EQ(r.status, 415);
  EXPECT_EQ(r.Json()["type"], "urn:keruen:problem:unsupported-media-type");
}

TEST_F(TrackingRoutesTest, TrackIsGeoJsonInLonLatOrder) {
  DeclareTransit();
  ASSERT_EQ(PostPings().status, 200);
  const Reply r = client_->Get(std::string("/api/v1/movements/") + kMovement + "/track.geojson");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/geo+json");
  const json geo = r.Json();
  EXPECT_EQ(geo["type"], "FeatureCollection");
  const std::vector<json> pings = Pings();
  int lines = 0, seal_events = 0, alerts = 0, routes = 0;
  for (const json& f : geo["features"]) {
    EXPECT_EQ(f["type"], "Feature");
    const std::string kind = f["properties"]["kind"];
    if (kind == "track") {
      ++lines;
      ASSERT_EQ(f["geometry"]["type"], "LineString");
      const json& coordinates = f["geometry"]["coordinates"];
      ASSERT_EQ(coordinates.size(), pings.size());
      for (size_t i = 0; i < pings.size(); ++i) {
        EXPECT_EQ(coordinates[i], json::array({pings[i]["lon"], pings[i]["lat"]}));
      }
    } else if (kind == "seal_event") {
      ++seal_events;
      EXPECT_EQ(f["geometry"]["type"], "Point");
      EXPECT_EQ(f["properties"]["event"], "01");
      EXPECT_EQ(f["geometry"]["coordinates"], json::array({pings[2]["lon"], pings[2]["lat"]}));
    } else if (kind == "alert") {
      ++alerts;
      EXPECT_EQ(f["geometry"]["type"], "Point");
      EXPECT_EQ(f["geometry"]["coordinates"].size(), 2u);
    } else if (kind == "route") {
      // The approved route Zhaisan -> Kordai, starting at Zhaisan (lon 56.1465, lat 50.8564).
      ++routes;
      ASSERT_EQ(f["geometry"]["type"], "LineString");
      const json& first = f["geometry"]["coordinates"][0];
      EXPECT_NEAR(first[0].get<double>(), 56.1465, 0.01);
      EXPECT_NEAR(first[1].get<double>(), 50.8564, 0.01);
      EXPECT_EQ(f["properties"]["from"], "KZ-BCP-008");
    }
  }
  EXPECT_EQ(routes, 1);
  EXPECT_EQ(lines, 1);
  EXPECT_EQ(seal_events, 1);
  EXPECT_GE(alerts, 1);
  EXPECT_EQ(client_->Get("/api/v1/movements/NOPE/track.geojson").status, 404);
}

TEST_F(TrackingRoutesTest, MovementsAreListedByStateAndAlert) {
  DeclareTransit();
  Reply r = client_->Get("/api/v1/movements?state=lodged");
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_THAT(r.Json()["items"], SizeIs(1));
  EXPECT_EQ(r.Json()["items"][0]["summary"]["positions"], 0);
  ASSERT_EQ(PostPings().status, 200);
  EXPECT_THAT(client_->Get("/api/v1/movements?state=lodged").Json()["items"], IsEmpty());
  r = client_->Get("/api/v1/movements?state=entered&alert=T4");
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_THAT(r.Json()["items"], SizeIs(1));
  EXPECT_EQ(r.Json()["items"][0]["id"], kMovement);
  EXPECT_EQ(r.Json()["items"][0]["summary"]["positions"], Pings().size());
  EXPECT_THAT(client_->Get("/api/v1/movements?alert=T1").Json()["items"], IsEmpty());
  EXPECT_EQ(client_->Get("/api/v1/movements?alert=any").Json()["items"].size(), 1u);
  r = client_->Get("/api/v1/movements?state=moving");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.Json()["field"], "state");
  EXPECT_EQ(client_->Get("/api/v1/movements?alert=T%27").status, 400);
}

TEST_F(TrackingRoutesTest, OsmAndReportsFromAKnownSealCountAndOthersAreRefused) {
  DeclareTransit();
  // 2026-03-02T09:00:00Z as Unix seconds, at the Zhaisan post.
  Reply r = client_->Get(std::string("/osmand?id=") + kSeal +
                         "&timestamp=1772442000&lat=50.8564&lon=56.1465&speed=0&batt=96"
                         "&altitude=120&accuracy=5&bearing=90");
  EXPECT_EQ(r.status, 200) << r.body;
  r = client_->Send(boost::beast::http::verb::post, "/osmand",
                    std::string("id=") + kSeal + "&timestamp=1772442300&lat=50.8452&lon=56.2001",
                    "application/x-www-form-urlencoded");
  EXPECT_EQ(r.status, 200) << r.body;

  r = client_->Get("/osmand?id=PHONE-1&timestamp=1772442000&lat=50.8&lon=56.1");
  EXPECT_EQ(r.status, 400);
  EXPECT_THAT(r.body, HasSubstr("PHONE-1"));
  r = client_->Get(std::string("/osmand?id=") + kSeal + "&timestamp=1772442600&lat=north&lon=56");
  EXPECT_EQ(r.status, 400);
  EXPECT_THAT(r.body, HasSubstr("lat"));

  const json movement = client_->Get(std::string("/api/v1/movements/") + kMovement).Json();
  EXPECT_EQ(movement["summary"]["positions"], 2);
  EXPECT_EQ(movement["state"], "entered");
}

TEST_F(TrackingRoutesTest, EpcisCaptureOfAStandardExampleIsAcceptedAndQueried) {
  const std::string example = ReadDataFile("tracking/epcis/JSON/Example_9.6.1-ObjectEvent.jsonld");
  ASSERT_FALSE(example.empty()) << "cannot read the GS1 EPCIS example";
  const size_t events = json::parse(example)["epcisBody"]["eventList"].size();
  Reply r = client_->Post("/epcis/capture", example, "application/ld+json");
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(r.Json()["eventCount"], events);
  EXPECT_THAT(r.Json()["checkpoints"], IsEmpty());  // GS1's events name no movement

  r = client_->Get("/epcis/events");
  ASSERT_EQ(r.status, 200) << r.body;
  json doc = r.Json();
  EXPECT_EQ(doc["type"], "EPCISQueryDocument");
  EXPECT_EQ(doc["epcisBody"]["queryResults"]["resultsBody"]["eventList"].size(), events);

  // Filters: the example's first event is the only "shipping" one.
  r = client_->Get("/epcis/events?EQ_bizStep=shipping");
  ASSERT_EQ(r.status, 200) << r.body;
  const json shipping = r.Json();
  const json& found = shipping["epcisBody"]["queryResults"]["resultsBody"]["eventList"];
  ASSERT_THAT(found, SizeIs(1));
  EXPECT_EQ(found[0]["eventID"], json::parse(example)["epcisBody"]["eventList"][0]["eventID"]);

  // Paging: one event a page, the next page linked.
  r = client_->Get("/epcis/events?perPage=1");
  ASSERT_EQ(r.status, 200);
  const std::string link = r.Header("link");
  ASSERT_THAT(link, HasSubstr("rel=\"next\""));
  const std::string next = link.substr(1, link.find('>') - 1);
  EXPECT_THAT(next, HasSubstr("perPage=1"));
  r = client_->Get(next);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["epcisBody"]["queryResults"]["resultsBody"]["eventList"][0]["eventID"],
            json::parse(example)["epcisBody"]["eventList"][1]["eventID"]);

  r = client_->Get("/epcis/events?perPage=5000");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.Json()["type"], "epcisException:QueryParameterException");
  EXPECT_EQ(r.Json()["field"], "perPage");
}

TEST_F(TrackingRoutesTest, InvalidEpcisCaptureNamesTheFieldAndStoresNothing) {
  json example = json::parse(ReadDataFile("tracking/epcis/JSON/Example_9.6.1-ObjectEvent.jsonld"),
                             nullptr, false);
  ASSERT_TRUE(example.is_object());
  example["epcisBody"]["eventList"][1].erase("eventTime");
  const Reply r = client_->Post("/epcis/capture", example.dump());
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.Json()["type"], "epcisException:ValidationException");
  EXPECT_EQ(r.Json()["field"], "epcisBody.eventList[1].eventTime");
  EXPECT_THAT(
      client_->Get("/epcis/events").Json()["epcisBody"]["queryResults"]["resultsBody"]["eventList"],
      IsEmpty());
}

// A departing event at the declared exit post closes the movement; at a post facing another
// country, it raises ghost transit (T1).
TEST_F(TrackingRoutesTest, EpcisCheckpointsDriveTheMovement) {
  DeclareTransit();
  auto departing = [](const std::string& post) {
    return json{{"@context", json::array({"https://ref.gs1.org/standards/epcis/2.0.0/"
                                          "epcis-context.jsonld"})},
                {"type", "ObjectEvent"},
                {"eventTime", "2026-03-03T10:00:00+06:00"},
                {"eventTimeZoneOffset", "+06:00"},
                {"action", "OBSERVE"},
                {"bizStep", "departing"},
                {"readPoint", {{"id", "urn:keruen:post:" + post}}},
                {"epcList", json::array({std::string("urn:keruen:declaration:") + kMovement})}}
        .dump();
  };
  Reply r = client_->Post("/epcis/capture", departing("KZ-BCP-037"));  // Dostyk, faces CN
  ASSERT_EQ(r.status, 202) << r.body;
  json body = r.Json();
  ASSERT_THAT(body["checkpoints"], SizeIs(1));
  EXPECT_EQ(body["checkpoints"][0]["applied"], true);
  EXPECT_EQ(body["checkpoints"][0]["checkpoint"], "departed");
  ASSERT_GE(body["alerts_raised"], 1) << body.dump();
  std::vector<std::string> rules;
  const json movement = client_->Get(std::string("/api/v1/movements/") + kMovement).Json();
  for (const json& a : movement["alerts"]) rules.push_back(a["rule"]);
  EXPECT_THAT(rules, Contains("T1"));
  EXPECT_EQ(client_->Get(std::string("/api/v1/movements/") + kMovement).Json()["state"], "exited");

  // An event naming an unknown movement is stored, its checkpoint refused with the reason.
  std::string other = departing("KZ-BCP-044");
  other.replace(other.find(kMovement), std::string(kMovement).size(), "NOPE");
  r = client_->Post("/epcis/capture", other);
  ASSERT_EQ(r.status, 202) << r.body;
  body = r.Json();
  ASSERT_THAT(body["checkpoints"], SizeIs(1));
  EXPECT_EQ(body["checkpoints"][0]["applied"], false);
  EXPECT_THAT(body["checkpoints"][0]["reason"].get<std::string>(), HasSubstr("NOPE"));

  r = client_->Get(std::string("/epcis/events?movement=") + kMovement);
  ASSERT_EQ(r.status, 200) << r.body;
  const json answer = r.Json();
  const json& events = answer["epcisBody"]["queryResults"]["resultsBody"]["eventList"];
  ASSERT_THAT(events, SizeIs(1));
  EXPECT_EQ(events[0]["readPoint"]["id"], "urn:keruen:post:KZ-BCP-037");
}

TEST_F(TrackingRoutesTest, DepartingAtTheDeclaredExitDischarges) {
  DeclareTransit();
  const json event = {
      {"@context", json::array({"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"})},
      {"type", "ObjectEvent"},
      {"eventTime", "2026-03-03T10:00:00+06:00"},
      {"eventTimeZoneOffset", "+06:00"},
      {"action", "OBSERVE"},
      {"bizStep", "departing"},
      {"readPoint", {{"id", "urn:keruen:post:KZ-BCP-044"}}},  // Kordai, faces KG as declared
      {"epcList", json::array({std::string("urn:keruen:declaration:") + kMovement})}};
  const Reply r = client_->Post("/epcis/capture", event.dump());
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(r.Json()["alerts_raised"], 0);
  EXPECT_EQ(client_->Get(std::string("/api/v1/movements/") + kMovement).Json()["state"],
            "discharged");
}

TEST(TrackingRoutesWithoutTrackingTest, WriteRoutesAreUnavailableAndReadsStillWork) {
  ManualClock clock{kAfterSpecExamples};
  TempStore temp{clock};
  ASSERT_NE(temp.get(), nullptr) << temp.error();
  std::mutex write_mutex;
  const Router router = MakeApiRouter(*temp.get(), clock, write_mutex);
  EXPECT_EQ(router.Dispatch({"POST", "/api/v1/positions", "application/x-ndjson", "{}"}).status,
            503);
  EXPECT_EQ(router.Dispatch({"GET", "/osmand?id=X&lat=1&lon=1", "", ""}).status, 503);
  EXPECT_EQ(router.Dispatch({"POST", "/epcis/capture", "application/json", "{}"}).status, 503);
  EXPECT_EQ(router.Dispatch({"GET", "/api/v1/movements", "", ""}).status, 200);
  EXPECT_EQ(router.Dispatch({"GET", "/epcis/events", "", ""}).status, 200);
}

}  // namespace
}  // namespace keruen
