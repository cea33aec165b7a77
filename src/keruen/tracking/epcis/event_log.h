// An in-memory EPCIS event repository: captured events in capture order, queried with an
// EpcisQuery one page at a time. It serves tests and the demo; durable storage keeps the
// same order key, (record_time, sequence), so page tokens mean the same thing there.
#ifndef KERUEN_TRACKING_EPCIS_EVENT_LOG_H_
#define KERUEN_TRACKING_EPCIS_EVENT_LOG_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "keruen/tracking/epcis/event.h"
#include "keruen/tracking/epcis/query.h"

namespace keruen::tracking {

class EpcisEventLog {
 public:
  struct Page {
    std::vector<EpcisEvent> events;
    // Set when more matching events follow; pass it back as nextPageToken.
    std::optional<std::string> next_page_token;
  };

  // Appends the events of one capture, in order, and returns the sequence number of the
  // first (the others follow consecutively). Sequence numbers start at 1 and only grow.
  uint64_t Append(std::vector<EpcisEvent> events);

  // The matching events after `query.after`, at most `query.per_page` of them, ordered by
  // (record_time, sequence).
  Page Query(const EpcisQuery& query) const;

  size_t size() const { return records_.size(); }

 private:
  struct Record {
    EpcisCursor key;  // (record_time, sequence)
    EpcisEvent event;
  };
  // Sorted by key. A capture's record_time normally only grows, so appends go at the end.
  std::vector<Record> records_;
  uint64_t next_sequence_ = 1;
};

}  // namespace keruen::tracking

#endif  // KERUEN_TRACKING_EPCIS_EVENT_LOG_H_
