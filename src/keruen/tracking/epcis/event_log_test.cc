#include "keruen/tracking/epcis/event_log.h"

#include <gtest/gtest.h>

#include <set>

#include "keruen/tracking/epcis/capture.h"

namespace keruen::tracking {
namespace {

// One arrival per truck i at post KZ-BCP-044 (even i) or KZ-BCP-001 (odd i).
std::vector<EpcisEvent> Arrivals(int first, int count, Timestamp record_time) {
  std::string list;
  for (int i = first; i < first + count; ++i) {
    if (!list.empty()) list += ",";
    list += R"({"type": "ObjectEvent", "action": "OBSERVE", "bizStep": "arriving",
        "eventTime": "2026-03-02T06:40:00Z", "eventTimeZoneOffset": "+06:00",
        "readPoint": {"id": "urn:keruen:post:)" +
            std::string(i % 2 == 0 ? "KZ-BCP-044" : "KZ-BCP-001") +
            R"("}, "epcList": ["urn:keruen:declaration:D)" + std::to_string(i) + "\"]}";
  }
  auto events = ParseEpcisCapture(
      R"({"@context": "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
      "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-03-02T06:41:00Z",
      "epcisBody": {"eventList": [)" +
          list + "]}}",
      record_time);
  EXPECT_TRUE(events.has_value()) << (events ? "" : events.error().ToString());
  return events.value_or(std::vector<EpcisEvent>{});
}

std::string MovementOf(const EpcisEvent& e) { return e.epc_list.at(0).substr(23); }

TEST(EpcisEventLogTest, SequencesGrowAcrossCaptures) {
  EpcisEventLog log;
  EXPECT_EQ(log.Append(Arrivals(0, 3, 10)), 1u);
  EXPECT_EQ(log.Append(Arrivals(3, 2, 11)), 4u);
  EXPECT_EQ(log.size(), 5u);
}

TEST(EpcisEventLogTest, PagesCoverEveryMatchOnceInCaptureOrder) {
  EpcisEventLog log;
  log.Append(Arrivals(0, 120, 1000));
  log.Append(Arrivals(120, 130, 1001));
  EpcisQuery q;
  q.per_page = 100;
  std::vector<std::string> seen;
  std::vector<size_t> sizes;
  while (true) {
    EpcisEventLog::Page page = log.Query(q);
    sizes.push_back(page.events.size());
    for (const EpcisEvent& e : page.events) seen.push_back(MovementOf(e));
    if (!page.next_page_token) break;
    auto cursor = DecodeEpcisPageToken(*page.next_page_token);
    ASSERT_TRUE(cursor.has_value());
    q.after = *cursor;
  }
  EXPECT_EQ(sizes, (std::vector<size_t>{100, 100, 50}));
  ASSERT_EQ(seen.size(), 250u);
  for (int i = 0; i < 250; ++i) EXPECT_EQ(seen[i], "D" + std::to_string(i));
}

TEST(EpcisEventLogTest, FilterAndPagingTogether) {
  EpcisEventLog log;
  log.Append(Arrivals(0, 10, 50));
  auto q = ParseEpcisQuery({{"post", "KZ-BCP-044"}, {"perPage", "3"}});
  ASSERT_TRUE(q.has_value());
  std::vector<std::string> seen;
  for (int guard = 0; guard < 10; ++guard) {
    EpcisEventLog::Page page = log.Query(*q);
    for (const EpcisEvent& e : page.events) seen.push_back(MovementOf(e));
    if (!page.next_page_token) break;
    q->after = DecodeEpcisPageToken(*page.next_page_token).value();
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"D0", "D2", "D4", "D6", "D8"}));
  // An exactly full last page has no next token.
  q->after.reset();
  q->per_page = 5;
  EXPECT_FALSE(log.Query(*q).next_page_token.has_value());
}

TEST(EpcisEventLogTest, AnEarlierRecordTimeIsServedInRecordTimeOrder) {
  EpcisEventLog log;
  log.Append(Arrivals(0, 2, 200));
  log.Append(Arrivals(2, 1, 150));  // the capturing clock stepped back
  EpcisQuery q;
  std::vector<std::string> seen;
  for (const EpcisEvent& e : log.Query(q).events) seen.push_back(MovementOf(e));
  EXPECT_EQ(seen, (std::vector<std::string>{"D2", "D0", "D1"}));
}

}  // namespace
}  // namespace keruen::tracking
