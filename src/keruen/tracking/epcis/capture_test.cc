#include "keruen/tracking/epcis/capture.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "keruen/core/csv.h"
#include "keruen/core/paths.h"

namespace keruen::tracking {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

constexpr Timestamp kRecordTime = 1772434800;  // 2026-03-02T07:00:00Z

std::string DataDir() {
  auto dir = SharedDataDir();
  EXPECT_TRUE(dir.has_value()) << "shared data not found; set KERUEN_DATA_DIR";
  return dir.value_or("");
}

// Every file under `dir` (recursively) whose name ends with `extension`, sorted.
std::vector<fs::path> FilesUnder(const fs::path& dir, std::string_view extension,
                                 bool recursive = true) {
  std::vector<fs::path> out;
  auto visit = [&](const fs::directory_entry& e) {
    if (e.is_regular_file() && e.path().extension() == extension) out.push_back(e.path());
  };
  if (recursive) {
    for (const auto& e : fs::recursive_directory_iterator(dir)) visit(e);
  } else {
    for (const auto& e : fs::directory_iterator(dir)) visit(e);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string Read(const fs::path& path) {
  auto text = ReadFile(path.string());
  EXPECT_TRUE(text.has_value()) << path;
  return text.value_or("");
}

// How many events a document holds, counted by an independent JSON parser.
size_t EventCount(const nlohmann::json& doc) {
  const std::string type = doc.value("type", "");
  if (type == "EPCISDocument") return doc["epcisBody"]["eventList"].size();
  if (type == "EPCISQueryDocument") {
    return doc["epcisBody"]["queryResults"]["resultsBody"]["eventList"].size();
  }
  return 1;
}

// The GS1 examples folder holds documents, query documents and bare events; all are valid
// EPCIS 2.0 and must be accepted with every event.
TEST(EpcisCaptureTest, AcceptsEveryGs1JsonExample) {
  const fs::path dir = fs::path(DataDir()) / "tracking/epcis/JSON";
  const auto files = FilesUnder(dir, ".jsonld");
  ASSERT_GE(files.size(), 40u);
  for (const fs::path& file : files) {
    const std::string text = Read(file);
    const nlohmann::json doc = nlohmann::json::parse(text);
    const bool query_document = doc.value("type", "") == "EPCISQueryDocument";
    auto events = query_document ? ParseEpcisQueryDocument(text, kRecordTime)
                                 : ParseEpcisCapture(text, kRecordTime);
    ASSERT_TRUE(events.has_value()) << file << ": " << events.error().ToString();
    EXPECT_EQ(events->size(), EventCount(doc)) << file;
    for (const EpcisEvent& e : *events) EXPECT_EQ(e.record_time, kRecordTime) << file;
  }
}

// OpenEPCIS: Capture/Documents and Capture/Events are valid capture bodies; the JSON files
// directly in Query/ are valid query documents (Query/Invalid and Query/Queries are not).
TEST(EpcisCaptureTest, AcceptsOpenEpcisValidDocuments) {
  const fs::path root =
      fs::path(DataDir()) / "tracking/epcis-openepcis-test-resources/2.0/EPCIS/JSON";
  size_t checked = 0;
  for (const char* folder : {"Capture/Documents", "Capture/Events"}) {
    for (const fs::path& file : FilesUnder(root / folder, ".json")) {
      const std::string text = Read(file);
      auto events = ParseEpcisCapture(text, kRecordTime);
      ASSERT_TRUE(events.has_value()) << file << ": " << events.error().ToString();
      EXPECT_EQ(events->size(), EventCount(nlohmann::json::parse(text))) << file;
      ++checked;
    }
  }
  for (const fs::path& file : FilesUnder(root / "Query", ".json", /*recursive=*/false)) {
    const std::string text = Read(file);
    auto events = ParseEpcisQueryDocument(text, kRecordTime);
    ASSERT_TRUE(events.has_value()) << file << ": " << events.error().ToString();
    EXPECT_EQ(events->size(), EventCount(nlohmann::json::parse(text))) << file;
    ++checked;
  }
  EXPECT_GE(checked, 50u);
}

// OpenEPCIS negative tests (PROVENANCE.md: "INVALID (negative test)"). Each must be
// refused, and the reason must point at the offending field: the expected paths were read
// off the documents by hand (the first violation in document order).
TEST(EpcisCaptureTest, RefusesOpenEpcisInvalidDocumentsNamingTheField) {
  struct Case {
    const char* file;
    const char* field;
  };
  const Case kCapture[] = {
      {"Combination_of_events_with_missing_mandatory_fields.json", "epcisBody.eventList[0].action"},
      {"Combination_of_multiple_invalid_fields.json", "epcisBody.eventList[0].bizStep"},
      {"Combination_of_non_standard_bizStep_and_disposition.json",
       "epcisBody.eventList[0].bizStep"},
      {"EPCISDocument_without_context.json", "@context"},
      {"ObjectEvent_with_ilmd_field_without_namespace.json",
       "epcisBody.eventList[0].ilmd.materialType"},
      {"ObjectEvent_with_invalid_action.json", "epcisBody.eventList[0].action"},
      {"ObjectEvent_with_invalid_certificationInfo.json",
       "epcisBody.eventList[0].certificationInfo[0]"},
      {"ObjectEvent_with_invalid_eventTime_format.json", "epcisBody.eventList[0].eventTime"},
      {"ObjectEvent_with_non_standard_bizStep.json", "epcisBody.eventList[0].bizStep"},
      {"ObjectEvent_with_non_standard_bizStep_in_second_event.json",
       "epcisBody.eventList[1].bizStep"},
      {"ObjectEvent_with_non_standard_disposition.json", "epcisBody.eventList[0].disposition"},
      {"ObjectEvent_with_quantity_as_text.json", "epcisBody.eventList[0].quantityList[0].quantity"},
      {"ObjectEvent_with_unknown_field_in_quantityList.json",
       "epcisBody.eventList[0].quantityList[0].weight"},
      {"ObjectEvent_without_action_and_eventTime.json", "epcisBody.eventList[0].eventTime"},
      {"ObjectEvent_without_identifier_list.json", "epcisBody.eventList[0]"},
  };
  const fs::path root =
      fs::path(DataDir()) / "tracking/epcis-openepcis-test-resources/2.0/EPCIS/JSON";
  // Every file of the folder has a row, so a new negative test cannot go unchecked.
  EXPECT_EQ(FilesUnder(root / "Capture/Invalid", ".json").size(), std::size(kCapture));
  for (const Case& c : kCapture) {
    auto events = ParseEpcisCapture(Read(root / "Capture/Invalid" / c.file), kRecordTime);
    ASSERT_FALSE(events.has_value()) << c.file;
    EXPECT_EQ(events.error().field, c.field) << c.file << ": " << events.error().ToString();
    EXPECT_FALSE(events.error().message.empty()) << c.file;
  }
  const Case kQuery[] = {
      {"QueryDocument_with_invalid_action.json",
       "epcisBody.queryResults.resultsBody.eventList[0].action"},
      {"QueryDocument_with_invalid_eventType.json",
       "epcisBody.queryResults.resultsBody.eventList[0].type"},
  };
  EXPECT_EQ(FilesUnder(root / "Query/Invalid", ".json").size(), std::size(kQuery));
  for (const Case& c : kQuery) {
    auto events = ParseEpcisQueryDocument(Read(root / "Query/Invalid" / c.file), kRecordTime);
    ASSERT_FALSE(events.has_value()) << c.file;
    EXPECT_EQ(events.error().field, c.field) << c.file << ": " << events.error().ToString();
  }
}

constexpr std::string_view kArrival = R"({
  "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
               {"keruen": "urn:keruen:ns:"}],
  "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-03-02T06:41:00Z",
  "epcisBody": {"eventList": [{
    "type": "ObjectEvent", "eventID": "urn:uuid:6b0f5c2e-8d3a-4f7e-9a51-0c2d4e6f8a10",
    "eventTime": "2026-03-02T12:40:00.250+06:00", "eventTimeZoneOffset": "+06:00",
    "action": "OBSERVE", "bizStep": "urn:epcglobal:cbv:bizstep:arriving",
    "disposition": "https://ref.gs1.org/cbv/Disp-in_transit",
    "readPoint": {"id": "urn:keruen:post:KZ-BCP-044"},
    "bizLocation": {"id": "urn:epc:id:sgln:4870001.00044.0"},
    "epcList": ["urn:keruen:declaration:26KZ0001234567890A", "urn:keruen:seal:ES-000123"],
    "quantityList": [{"epcClass": "urn:epc:class:lgtin:4023333.002000.2019", "quantity": 12.5,
                      "uom": "KGM"}],
    "bizTransactionList": [{"type": "bol", "bizTransaction": "urn:epcglobal:cbv:bt:4870001000005:B-77"}],
    "sourceList": [{"type": "location", "source": "urn:epc:id:sgln:4870001.00001.0"}],
    "destinationList": [{"type": "owning_party", "destination": "urn:epc:id:pgln:4870001.00002"}],
    "sensorElementList": [{"sensorReport": [{"type": "Temperature", "value": 4.5, "uom": "CEL"}]}],
    "certificationInfo": "https://cert.example.org/c/1",
    "keruen:laneNumber": 3
  }]}
})";

TEST(EpcisCaptureTest, ExtractsTheIndexedFields) {
  auto events = ParseEpcisCapture(kArrival, kRecordTime);
  ASSERT_TRUE(events.has_value()) << events.error().ToString();
  ASSERT_EQ(events->size(), 1u);
  const EpcisEvent& e = (*events)[0];
  EXPECT_EQ(e.type, EpcisEventType::kObject);
  EXPECT_EQ(e.event_id, "urn:uuid:6b0f5c2e-8d3a-4f7e-9a51-0c2d4e6f8a10");
  EXPECT_EQ(e.event_time, *ParseTimestamp("2026-03-02T06:40:00Z"));  // +06:00 folded to UTC
  EXPECT_EQ(e.event_time_zone_offset, "+06:00");
  EXPECT_EQ(e.record_time, kRecordTime);
  EXPECT_EQ(e.action, EpcisAction::kObserve);
  EXPECT_EQ(e.biz_step, "arriving");
  EXPECT_EQ(e.disposition, "in_transit");
  EXPECT_EQ(e.read_point, "urn:keruen:post:KZ-BCP-044");
  EXPECT_EQ(e.biz_location, "urn:epc:id:sgln:4870001.00044.0");
  EXPECT_THAT(e.epc_list, ::testing::ElementsAre("urn:keruen:declaration:26KZ0001234567890A",
                                                 "urn:keruen:seal:ES-000123"));
  ASSERT_EQ(e.quantities.size(), 1u);
  EXPECT_EQ(e.quantities[0].epc_class, "urn:epc:class:lgtin:4023333.002000.2019");
  EXPECT_EQ(e.quantities[0].quantity, 12.5);
  EXPECT_EQ(e.quantities[0].uom, "KGM");
  ASSERT_EQ(e.biz_transactions.size(), 1u);
  EXPECT_EQ(e.biz_transactions[0].type, "bol");
  EXPECT_EQ(e.biz_transactions[0].id, "urn:epcglobal:cbv:bt:4870001000005:B-77");
  ASSERT_EQ(e.sources.size(), 1u);
  EXPECT_EQ(e.sources[0].type, "location");
  ASSERT_EQ(e.destinations.size(), 1u);
  EXPECT_EQ(e.destinations[0].id, "urn:epc:id:pgln:4870001.00002");
  EXPECT_EQ(nlohmann::json::parse(e.sensor_element_list_json),
            nlohmann::json::parse(kArrival)["epcisBody"]["eventList"][0]["sensorElementList"]);
  EXPECT_THAT(e.certification_info, ::testing::ElementsAre("https://cert.example.org/c/1"));
  // The event as captured, extension included, and the document's context.
  EXPECT_EQ(nlohmann::json::parse(e.json),
            nlohmann::json::parse(kArrival)["epcisBody"]["eventList"][0]);
  EXPECT_EQ(nlohmann::json::parse(e.context_json), nlohmann::json::parse(kArrival)["@context"]);
}

// Replaces the first occurrence of `from` in `text`.
std::string With(std::string_view text, std::string_view from, std::string_view to) {
  std::string out(text);
  const size_t at = out.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) out.replace(at, from.size(), to);
  return out;
}

TEST(EpcisCaptureTest, RefusesBadValuesNamingTheField) {
  struct Case {
    std::string body;
    std::string field;
    std::string message_part;
  };
  const std::string ev = "epcisBody.eventList[0].";
  const Case cases[] = {
      {With(kArrival, R"("+06:00",)", R"("+6:00",)"), ev + "eventTimeZoneOffset", "+6:00"},
      {With(kArrival, R"("+06:00",)", R"("+14:30",)"), ev + "eventTimeZoneOffset", "offset"},
      {With(kArrival, R"("2026-03-02T12:40:00.250+06:00")", "1772434800"), ev + "eventTime",
       "expected string, found number"},
      {With(kArrival, R"("2026-03-02T12:40:00.250+06:00")", R"("2026-03-02T12:40:00")"),
       ev + "eventTime", "RFC 3339"},
      {With(kArrival, R"("type": "ObjectEvent")", R"("type": "ShipmentEvent")"), ev + "type",
       "unknown event type"},
      {With(kArrival, R"("OBSERVE")", R"("observe")"), ev + "action", "ADD, OBSERVE, DELETE"},
      {With(kArrival, R"("urn:keruen:post:KZ-BCP-044")", R"("KZ-BCP-044")"), ev + "readPoint.id",
       "not a URI"},
      {With(kArrival, R"("readPoint": {"id")", R"("readPoint": {"ident")"), ev + "readPoint.ident",
       "namespace"},
      {With(kArrival, R"("epcList": [)", R"("epcList": [1, )"), ev + "epcList[0]",
       "expected string"},
      {With(kArrival, R"("uom": "KGM")", R"("uom": "kilogram")"), ev + "quantityList[0].uom",
       "unit"},
      {With(kArrival, R"("type": "bol")", R"("type": "bill")"), ev + "bizTransactionList[0].type",
       "bill"},
      {With(kArrival, R"("type": "location")", R"("type": "place")"), ev + "sourceList[0].type",
       "place"},
      {With(kArrival, R"("keruen:laneNumber")", R"("laneNumber")"), ev + "laneNumber", "namespace"},
      {With(kArrival, R"("epcList")", R"("childEPCs")"), ev + "childEPCs", "ObjectEvent"},
      {With(kArrival, R"("schemaVersion": "2.0",)", ""), "schemaVersion", "required"},
      {With(kArrival, R"("eventList": [{)", R"("events": [{)"), "epcisBody.eventList", "required"},
      {With(kArrival, R"("https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",)", ""),
       "@context", "EPCIS 2.0 context"},
      {With(kArrival, R"("type": "EPCISDocument")", R"("type": "EPCISQueryDocument")"), "type",
       "query result"},
  };
  for (const Case& c : cases) {
    auto events = ParseEpcisCapture(c.body, kRecordTime);
    ASSERT_FALSE(events.has_value()) << c.field;
    EXPECT_EQ(events.error().field, c.field) << events.error().ToString();
    EXPECT_THAT(events.error().message, HasSubstr(c.message_part)) << events.error().ToString();
    EXPECT_EQ(events.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(EpcisCaptureTest, RefusesTheWholeDocumentForOneBadEvent) {
  const std::string good = R"({"type": "ObjectEvent", "eventTime": "2026-03-02T06:40:00Z",
      "eventTimeZoneOffset": "+00:00", "action": "OBSERVE", "epcList": []})";
  const std::string bad = R"({"type": "ObjectEvent", "eventTimeZoneOffset": "+00:00",
      "action": "OBSERVE", "epcList": []})";
  auto body = [&](const std::string& third) {
    return R"({"@context": "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
      "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-03-02T06:41:00Z",
      "epcisBody": {"eventList": [)" +
           good + "," + good + "," + third + "]}}";
  };
  auto ok = ParseEpcisCapture(body(good), kRecordTime);
  ASSERT_TRUE(ok.has_value()) << ok.error().ToString();
  EXPECT_EQ(ok->size(), 3u);
  auto refused = ParseEpcisCapture(body(bad), kRecordTime);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().ToString(), "epcisBody.eventList[2].eventTime: is required");
}

TEST(EpcisCaptureTest, SingleEventNeedsItsOwnContext) {
  const std::string event = R"("type": "AggregationEvent", "eventTime": "2026-03-02T06:40:00+06:00",
      "eventTimeZoneOffset": "+06:00", "action": "ADD", "parentID": "urn:keruen:seal:ES-1",
      "childEPCs": ["urn:keruen:declaration:D1"]})";
  auto with = ParseEpcisCapture(
      R"({"@context": "https://ref.gs1.org/standards/epcis/epcis-context.jsonld", )" + event,
      kRecordTime);
  ASSERT_TRUE(with.has_value()) << with.error().ToString();
  EXPECT_EQ((*with)[0].type, EpcisEventType::kAggregation);
  EXPECT_EQ((*with)[0].parent_id, "urn:keruen:seal:ES-1");
  auto without = ParseEpcisCapture("{" + event, kRecordTime);
  ASSERT_FALSE(without.has_value());
  EXPECT_EQ(without.error().field, "@context");
}

TEST(EpcisCaptureTest, AppliesPerTypeRequiredFields) {
  const std::string head =
      R"({"@context": "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
      "eventTime": "2026-03-02T06:40:00Z", "eventTimeZoneOffset": "+00:00", )";
  struct Case {
    std::string rest;
    bool ok;
    std::string field;
  };
  const Case cases[] = {
      // TransformationEvent has no action; inputs and outputs (or an ID) are needed.
      {R"("type": "TransformationEvent", "inputEPCList": ["urn:x:a"], "outputEPCList": ["urn:x:b"]})",
       true, ""},
      {R"("type": "TransformationEvent", "transformationID": "urn:x:t", "outputEPCList": ["urn:x:b"]})",
       true, ""},
      {R"("type": "TransformationEvent", "outputEPCList": ["urn:x:b"]})", false, ""},
      {R"("type": "TransformationEvent", "action": "ADD", "inputEPCList": ["urn:x:a"], "outputEPCList": ["urn:x:b"]})",
       false, "action"},
      // TransactionEvent needs a business transaction.
      {R"("type": "TransactionEvent", "action": "ADD", "epcList": ["urn:x:a"]})", false,
       "bizTransactionList"},
      {R"("type": "TransactionEvent", "action": "ADD", "epcList": ["urn:x:a"], "bizTransactionList": [{"bizTransaction": "urn:x:po"}]})",
       true, ""},
      // AssociationEvent needs a parent.
      {R"("type": "AssociationEvent", "action": "ADD", "childEPCs": ["urn:x:a"]})", false,
       "parentID"},
      // AggregationEvent: children unless deleting.
      {R"("type": "AggregationEvent", "action": "ADD", "parentID": "urn:x:p"})", false, ""},
      {R"("type": "AggregationEvent", "action": "DELETE", "parentID": "urn:x:p"})", true, ""},
      // ilmd only when objects are added.
      {R"("type": "ObjectEvent", "action": "OBSERVE", "epcList": [], "ilmd": {"ex:lot": "1"}})",
       false, "ilmd"},
  };
  for (const Case& c : cases) {
    auto events = ParseEpcisCapture(head + c.rest, kRecordTime);
    EXPECT_EQ(events.has_value(), c.ok) << c.rest;
    if (!c.ok && !events.has_value()) {
      EXPECT_EQ(events.error().field, c.field) << c.rest;
    }
  }
}

TEST(EpcisCaptureTest, MalformedJsonIsAParseError) {
  for (std::string_view body : {"", "{", "[1,2]", "\"x\"", "{\"type\": \"EPCISDocument\""}) {
    auto events = ParseEpcisCapture(body, kRecordTime);
    ASSERT_FALSE(events.has_value()) << body;
    EXPECT_FALSE(events.error().ToString().empty());
  }
  EXPECT_EQ(ParseEpcisCapture("{", kRecordTime).error().code, ErrorCode::kParse);
}

}  // namespace
}  // namespace keruen::tracking
