#include "keruen/tracking/epcis/event_log.h"

#include <algorithm>
#include <tuple>

namespace keruen::tracking {
namespace {

bool Before(const EpcisCursor& a, const EpcisCursor& b) {
  return std::tie(a.record_time, a.sequence) < std::tie(b.record_time, b.sequence);
}

}  // namespace

uint64_t EpcisEventLog::Append(std::vector<EpcisEvent> events) {
  const uint64_t first = next_sequence_;
  for (EpcisEvent& e : events) {
    const EpcisCursor key{e.record_time, next_sequence_++};
    // A clock step backwards puts the event before later-recorded ones; keep the order.
    auto at =
        std::upper_bound(records_.begin(), records_.end(), key,
                         [](const EpcisCursor& k, const Record& r) { return Before(k, r.key); });
    records_.insert(at, Record{key, std::move(e)});
  }
  return first;
}

EpcisEventLog::Page EpcisEventLog::Query(const EpcisQuery& query) const {
  auto it = records_.begin();
  if (query.after) {
    it = std::upper_bound(records_.begin(), records_.end(), *query.after,
                          [](const EpcisCursor& k, const Record& r) { return Before(k, r.key); });
  }
  Page page;
  const size_t limit = static_cast<size_t>(std::max(query.per_page, 1));
  EpcisCursor last_served;
  for (; it != records_.end(); ++it) {
    if (!Matches(it->event, query)) continue;
    if (page.events.size() == limit) {
      // Another match follows a full page: the next page resumes after the last served.
      page.next_page_token = EncodeEpcisPageToken(last_served);
      break;
    }
    page.events.push_back(it->event);
    last_served = it->key;
  }
  return page;
}

}  // namespace keruen::tracking
