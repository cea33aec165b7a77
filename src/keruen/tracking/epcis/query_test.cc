#include "keruen/tracking/epcis/query.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "keruen/core/csv.h"
#include "keruen/core/paths.h"
#include "keruen/tracking/epcis/capture.h"

namespace keruen::tracking {
namespace {

using ::testing::HasSubstr;

EpcisEvent Event(const std::string& fields, Timestamp record_time = 100) {
  const std::string body =
      R"({"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
                       {"ex": "https://ex.example/"}],
      "eventTimeZoneOffset": "+06:00", )" +
      fields + "}";
  auto events = ParseEpcisCapture(body, record_time);
  EXPECT_TRUE(events.has_value()) << (events ? "" : events.error().ToString());
  return events && !events->empty() ? (*events)[0] : EpcisEvent{};
}

EpcisQuery Query(const EpcisQueryParams& params) {
  auto q = ParseEpcisQuery(params);
  EXPECT_TRUE(q.has_value()) << (q ? "" : q.error().ToString());
  return q.value_or(EpcisQuery{});
}

const EpcisEvent& Arrival() {
  static const EpcisEvent e = Event(R"("type": "ObjectEvent", "action": "OBSERVE",
      "eventTime": "2026-03-02T12:40:00+06:00", "bizStep": "arriving", "disposition": "in_transit",
      "readPoint": {"id": "urn:keruen:post:KZ-BCP-044"},
      "bizLocation": {"id": "urn:epc:id:sgln:4870001.00044.0"},
      "epcList": ["urn:keruen:declaration:D1", "urn:keruen:seal:S1"])");
  return e;
}

TEST(EpcisQueryTest, EachFilterMatchesAndExcludes) {
  struct Case {
    EpcisQueryParams params;
    bool matches;
  };
  const Case cases[] = {
      {{}, true},
      {{{"eventType", "ObjectEvent"}}, true},
      {{{"eventType", "AggregationEvent|TransactionEvent"}}, false},
      {{{"eventType", "AggregationEvent|ObjectEvent"}}, true},
      {{{"GE_eventTime", "2026-03-02T06:40:00Z"}}, true},        // inclusive
      {{{"LT_eventTime", "2026-03-02T12:40:00+06:00"}}, false},  // exclusive
      {{{"GE_eventTime", "2026-03-02T06:40:01Z"}}, false},
      {{{"GE_recordTime", "1970-01-01T00:01:40Z"}, {"LT_recordTime", "1970-01-01T00:01:41Z"}},
       true},
      {{{"LT_recordTime", "1970-01-01T00:01:40Z"}}, false},
      {{{"EQ_action", "ADD|OBSERVE"}}, true},
      {{{"EQ_action", "DELETE"}}, false},
      {{{"EQ_bizStep", "urn:epcglobal:cbv:bizstep:arriving"}}, true},  // any spelling
      {{{"EQ_bizStep", "departing"}}, false},
      {{{"EQ_disposition", "https://ref.gs1.org/cbv/Disp-in_transit"}}, true},
      {{{"EQ_readPoint", "urn:keruen:post:KZ-BCP-044"}}, true},
      {{{"EQ_readPoint", "urn:keruen:post:KZ-BCP-001"}}, false},
      {{{"EQ_bizLocation", "urn:epc:id:sgln:4870001.00044.0"}}, true},
      {{{"MATCH_epc", "urn:keruen:seal:S1"}}, true},
      {{{"MATCH_anyEPC", "urn:keruen:seal:S2|urn:keruen:declaration:D1"}}, true},
      {{{"MATCH_epc", "urn:keruen:seal:S2"}}, false},
      {{{"movement", "D1"}}, true},
      {{{"movement", "D2"}}, false},
      {{{"seal", "S1"}}, true},
      {{{"post", "KZ-BCP-044"}}, true},
      {{{"post", "KZ-BCP-045"}}, false},
  };
  for (const Case& c : cases) {
    auto q = ParseEpcisQuery(c.params);
    ASSERT_TRUE(q.has_value()) << q.error().ToString();
    EXPECT_EQ(Matches(Arrival(), *q), c.matches)
        << (c.params.empty() ? "" : c.params.begin()->first + "=" + c.params.begin()->second);
  }
}

TEST(EpcisQueryTest, EqFiltersNeedTheField) {
  const EpcisEvent no_step = Event(R"("type": "ObjectEvent", "action": "ADD",
      "eventTime": "2026-03-02T12:40:00+06:00", "epcList": ["urn:x:1"])");
  EXPECT_FALSE(Matches(no_step, Query({{"EQ_bizStep", "arriving"}})));
  EXPECT_FALSE(Matches(no_step, Query({{"EQ_readPoint", "urn:keruen:post:KZ-BCP-044"}})));
  const EpcisEvent transformation = Event(R"("type": "TransformationEvent",
      "eventTime": "2026-03-02T12:40:00+06:00", "inputEPCList": ["urn:x:in"],
      "outputEPCList": ["urn:x:out"])");
  EXPECT_FALSE(Matches(transformation, Query({{"EQ_action", "ADD|OBSERVE|DELETE"}})));
  EXPECT_FALSE(Matches(transformation, Query({{"MATCH_epc", "urn:x:in"}})));
  EXPECT_TRUE(Matches(transformation, Query({{"MATCH_anyEPC", "urn:x:in"}})));
}

TEST(EpcisQueryTest, PostQueryIncludesMappedSglns) {
  SglnPostTable sglns;
  ASSERT_TRUE(sglns.Add("urn:epc:id:sgln:4870001.00044.0", "KZ-BCP-044").has_value());
  const EpcisEvent at_gate = Event(R"("type": "ObjectEvent", "action": "OBSERVE",
      "eventTime": "2026-03-02T12:40:00+06:00", "epcList": [],
      "readPoint": {"id": "urn:epc:id:sgln:4870001.00044.0"})");
  auto with_table = ParseEpcisQuery({{"post", "KZ-BCP-044"}}, &sglns);
  ASSERT_TRUE(with_table.has_value());
  EXPECT_TRUE(Matches(at_gate, *with_table));
  EXPECT_FALSE(Matches(at_gate, Query({{"post", "KZ-BCP-044"}})));
}

TEST(EpcisQueryTest, BadParametersAreNamed) {
  struct Case {
    EpcisQueryParams params;
    std::string field;
    std::string message_part;
  };
  const Case cases[] = {
      {{{"GE_eventDate", "2026-01-01T00:00:00Z"}}, "GE_eventDate", "supported"},
      {{{"GE_quantity", "1"}}, "GE_quantity", "supported"},
      {{{"GE_eventTime", "not-a-date"}}, "GE_eventTime", "RFC 3339"},
      {{{"GE_eventTime", "2026-01-01T00:00:00"}}, "GE_eventTime", "RFC 3339"},
      {{{"EQ_action", "SHIPPED"}}, "EQ_action", "SHIPPED"},
      {{{"eventType", "ObjectEvent|"}}, "eventType", "empty"},
      {{{"eventType", "ShipmentEvent"}}, "eventType", "ShipmentEvent"},
      {{{"EQ_bizStep", "transforming"}}, "EQ_bizStep", "transforming"},
      {{{"EQ_readPoint", "KZ-BCP-044"}}, "EQ_readPoint", "URI"},
      {{{"movement", "a b"}}, "movement", "id"},
      {{{"perPage", "0"}}, "perPage", "1..1000"},
      {{{"perPage", "1001"}}, "perPage", "1..1000"},
      {{{"perPage", "10x"}}, "perPage", "page size"},
      {{{"nextPageToken", "abc"}}, "nextPageToken", "token"},
      {{{"post", ""}}, "post", "empty"},
  };
  for (const Case& c : cases) {
    auto q = ParseEpcisQuery(c.params);
    ASSERT_FALSE(q.has_value()) << c.field;
    EXPECT_EQ(q.error().field, c.field);
    EXPECT_THAT(q.error().message, HasSubstr(c.message_part)) << q.error().ToString();
  }
}

TEST(EpcisQueryTest, PageSizeAndTokenRoundTrip) {
  EXPECT_EQ(Query({}).per_page, 100);
  EXPECT_EQ(Query({{"perPage", "1000"}}).per_page, 1000);
  const EpcisCursor cursor{1772434800, 42};
  const std::string token = EncodeEpcisPageToken(cursor);
  auto q = Query({{"nextPageToken", token}});
  ASSERT_TRUE(q.after.has_value());
  EXPECT_EQ(*q.after, cursor);
  // Negative record times (clock before 1970 in a replay) survive too.
  EXPECT_EQ(DecodeEpcisPageToken(EncodeEpcisPageToken({-5, 7})).value(), (EpcisCursor{-5, 7}));
  EXPECT_FALSE(DecodeEpcisPageToken(token + "0g").has_value());
}

// The OpenEPCIS query definitions are JSON; the REST binding carries the same parameters
// in the query string with list values joined by '|'. Queries/Invalid holds two invalid
// queries (PROVENANCE.md); Queries/SimpleEventQuery.json is a valid standard query, but it
// uses parameters Keruen does not support (quantity bounds, ordering, eventCountLimit),
// which must be refused by name, while its supported part parses.
EpcisQueryParams ParamsOf(const nlohmann::json& query) {
  EpcisQueryParams params;
  for (const auto& [name, value] : query.items()) {
    if (name == "@context") continue;  // JSON-LD framing, not a parameter
    std::string text;
    if (value.is_array()) {
      for (const auto& item : value) text += (text.empty() ? "" : "|") + item.get<std::string>();
    } else if (value.is_string()) {
      text = value.get<std::string>();
    } else {
      text = value.dump();
    }
    params[name] = text;
  }
  return params;
}

TEST(EpcisQueryTest, OpenEpcisQueryDefinitions) {
  auto dir = SharedDataDir();
  ASSERT_TRUE(dir.has_value());
  const std::filesystem::path root =
      std::filesystem::path(*dir) /
      "tracking/epcis-openepcis-test-resources/2.0/EPCIS/JSON/Query/Queries";
  auto load = [&](const char* file) {
    return ParamsOf(nlohmann::json::parse(ReadFile((root / file).string()).value()));
  };
  auto invalid_values = ParseEpcisQuery(load("Invalid/Query_with_invalid_values.json"));
  ASSERT_FALSE(invalid_values.has_value());
  EXPECT_THAT(invalid_values.error().field,
              ::testing::AnyOf("GE_eventTime", "EQ_action", "orderDirection"));
  auto unknown = ParseEpcisQuery(load("Invalid/Query_with_unknown_parameter.json"));
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().field, "GE_eventDate");

  EpcisQueryParams simple = load("SimpleEventQuery.json");
  for (const char* unsupported :
       {"GE_quantity", "LT_quantity", "orderBy", "orderDirection", "eventCountLimit"}) {
    ASSERT_EQ(simple.count(unsupported), 1u) << unsupported;
    auto refused = ParseEpcisQuery({{unsupported, simple[unsupported]}});
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().field, unsupported);
    simple.erase(unsupported);
  }
  auto q = ParseEpcisQuery(simple);
  ASSERT_TRUE(q.has_value()) << q.error().ToString();
  EXPECT_EQ(q->event_types.size(), 2u);
  EXPECT_EQ(q->biz_steps, std::vector<std::string>{"shipping"});
  EXPECT_EQ(q->dispositions, std::vector<std::string>{"in_transit"});
}

TEST(EpcisQueryTest, QueryDocumentHoldsTheEventsAsCapturedAndParsesBack) {
  const EpcisEvent second = Event(R"("type": "AggregationEvent", "action": "ADD",
      "eventTime": "2026-03-02T13:00:00+06:00", "parentID": "urn:keruen:seal:S1",
      "childEPCs": ["urn:keruen:declaration:D1"], "ex:note": "sealed at post")");
  const std::vector<EpcisEvent> events = {Arrival(), second};
  std::string out;
  AppendQueryDocumentJson(events, 1772434800, out);
  const nlohmann::json doc = nlohmann::json::parse(out);
  EXPECT_EQ(doc["type"], "EPCISQueryDocument");
  EXPECT_EQ(doc["@context"][0], std::string(kEpcisContextUrl));
  // The prefix definition the events came with, once.
  ASSERT_EQ(doc["@context"].size(), 2u);
  EXPECT_EQ(doc["@context"][1], nlohmann::json::parse(R"({"ex": "https://ex.example/"})"));
  EXPECT_EQ(doc["creationDate"], "2026-03-02T07:00:00Z");
  const auto& list = doc["epcisBody"]["queryResults"]["resultsBody"]["eventList"];
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0], nlohmann::json::parse(Arrival().json));
  EXPECT_EQ(list[1]["ex:note"], "sealed at post");

  auto back = ParseEpcisQueryDocument(out, 100);
  ASSERT_TRUE(back.has_value()) << back.error().ToString();
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ((*back)[0].biz_step, Arrival().biz_step);
  EXPECT_EQ((*back)[0].event_time, Arrival().event_time);
  EXPECT_EQ((*back)[1].child_epcs, second.child_epcs);
  EXPECT_EQ((*back)[1].json, second.json);
}

}  // namespace
}  // namespace keruen::tracking
