// Transit tracking as a service: the movement monitor (monitor.h) kept in step with the store.
//
// Every transit and export declaration ingested binds its seals (as an IngestListener, inside
// the ingest transaction); at start-up Restore binds the movements already stored. A batch of
// positions is then one store transaction: the positions (a repeated report is not stored
// twice), the refused reports with their reasons, the alerts raised (by their fact-derived
// ids, so a replay raises nothing new) and the movements whose state changed. A batch that
// fails to store leaves the store as it was.
//
// Thread-safe: one lock around the monitor and the writes.
#ifndef KERUEN_TRACKING_TRACKING_SERVICE_H_
#define KERUEN_TRACKING_TRACKING_SERVICE_H_

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "keruen/core/time.h"
#include "keruen/ingest/ingest.h"
#include "keruen/store/store.h"
#include "keruen/tracking/monitor.h"

namespace keruen::tracking {

struct TrackingReport {
  int64_t accepted = 0;    // positions bound to a movement (late ones included)
  int64_t stored = 0;      // of those, new to the store (a replay after a restart stores none)
  int64_t late = 0;        // older than their seal's last position
  int64_t duplicates = 0;  // already seen, dropped
  int64_t rejected = 0;    // malformed, or from a seal bound to no movement
  int64_t alerts_raised = 0;
  int64_t state_changes = 0;
  std::vector<std::string> alert_ids;  // raised by this batch, in order
  void Add(const TrackingReport& other);
};

class TrackingService : public IngestListener {
 public:
  TrackingService(Store& store, const Geography& geography, const Clock& clock,
                  MonitorConfig config = {});

  // Binds every movement the store holds that is not closed (their declarations give the
  // destinations) and feeds each its stored positions again, so that after a restart the
  // monitor knows each seal's last report (a repeat of it is a duplicate; an older one is late,
  // and the store keeps one copy), where the truck is,
  // its excursions and stops: a second deviation is "deviation-2", not a repeat of the first
  // one's alert id. What that replay raises was raised before and is not stored again.
  // Returns how many movements were bound.
  Result<int64_t> Restore();

  // Binds one declaration's movement (no-op for declarations that do not travel).
  Status Bind(const Declaration& d);

  // `parsed.rejected` are stored as refused with `source`; the accepted positions go through
  // the monitor.
  Result<TrackingReport> Ingest(const ParsedPositions& parsed, const std::string& source);
  // A checkpoint event at a post (from EPCIS capture).
  Result<TrackingReport> Checkpoint(const std::string& movement_id, const std::string& post_id,
                                    CheckpointStep step, Timestamp at);
  // Runs the time-driven rules (silence, overdue, never closed) at the clock's now, or at
  // `now` when given (a replay of past positions ticks in their time).
  Result<TrackingReport> Tick(std::optional<Timestamp> now = std::nullopt);

  // IngestListener: binds transit and export declarations as they are stored.
  Status OnDeclaration(Transaction& txn, const Declaration& d) override;
  Status OnPayment(Transaction& txn, const Payment& p) override;

  // A movement's summary as the monitor holds it (positions, last place, distance from the
  // route), copied under the lock; nullopt when not bound.
  std::optional<MovementMonitor::Summary> SummaryOf(const std::string& movement_id) const;
  const Geography& geography() const { return geography_; }

 private:
  // Stores what the monitor produced in a transaction of its own (none when nothing).
  Result<TrackingReport> Commit(const MonitorOutput& out);
  // Stores what the monitor produced (and the positions) in `txn`.
  Status Persist(Transaction& txn, const MonitorOutput& out, TrackingReport& report);
  Status BindLocked(const Declaration& d);
  // Restore's replay of one movement's stored positions into the monitor.
  Status ReplayStoredPositions(const std::string& movement_id);
  // A movement's positions read back at restore at most (a month at one every 5 minutes is
  // 8,640).
  static constexpr int64_t kMaxRestoredPositions = 100'000;

  Store& store_;
  const Geography& geography_;
  const Clock& clock_;
  mutable std::mutex mutex_;
  MovementMonitor monitor_;
};

// Feeds recorded positions through `service` as they would have arrived: sorted by time, in
// batches of `batch_size`, the time-driven rules ticked at each batch's last position time
// (not the wall clock: a replay of last month must not find everything silent). The refused
// reports of `parsed` are stored with the first batch. `progress` (when set) gets the share
// done.
Result<TrackingReport> ReplayPositions(TrackingService& service, ParsedPositions parsed,
                                       const std::string& source, size_t batch_size = 10'000,
                                       const std::function<void(double)>& progress = nullptr);

// The country a declaration's goods leave Kazakhstan for: its exit post's neighbour, else its
// destination country.
std::string DestinationOf(const Declaration& d, const BorderPosts& posts);

}  // namespace keruen::tracking

#endif  // KERUEN_TRACKING_TRACKING_SERVICE_H_
