#include "keruen/tracking/tracking_service.h"

#include <algorithm>
#include <iterator>
#include <set>

#include "keruen/core/movement.h"

namespace keruen::tracking {

namespace {

PositionRecord ToRecord(const Position& p, const std::string& movement_id) {
  return PositionRecord{p.device, p.ts,        movement_id,   p.lat,
                        p.lon,    p.speed_kmh, p.battery_pct, std::string(SealEventCode(p.event))};
}

}  // namespace

void TrackingReport::Add(const TrackingReport& other) {
  accepted += other.accepted;
  stored += other.stored;
  late += other.late;
  duplicates += other.duplicates;
  rejected += other.rejected;
  alerts_raised += other.alerts_raised;
  state_changes += other.state_changes;
  alert_ids.insert(alert_ids.end(), other.alert_ids.begin(), other.alert_ids.end());
}

std::string DestinationOf(const Declaration& d, const BorderPosts& posts) {
  if (const BorderPost* exit = posts.Resolve(d.itinerary.exit_post)) return exit->neighbour;
  return d.country_of_destination;
}

TrackingService::TrackingService(Store& store, const Geography& geography, const Clock& clock,
                                 MonitorConfig config)
    : store_(store), geography_(geography), clock_(clock), monitor_(geography, config) {}

Status TrackingService::BindLocked(const Declaration& d) {
  if (!DeclarationHasMovement(d)) return {};
  MovementBinding binding;
  binding.movement = MovementForDeclaration(d, geography_.posts());
  binding.destination = DestinationOf(d, geography_.posts());
  binding.lodged_at = d.lodged_at;
  return monitor_.Bind(binding);
}

Status TrackingService::Bind(const Declaration& d) {
  std::lock_guard lock(mutex_);
  return BindLocked(d);
}

Result<int64_t> TrackingService::Restore() {
  std::lock_guard lock(mutex_);
  int64_t bound = 0;
  MovementQuery q;
  q.limit = 1000;
  for (;;) {
    auto page = store_.FindMovements(q);
    if (!page) return tl::unexpected(page.error());
    for (const Movement& m : page->items) {
      if (m.state == MovementState::kExited || m.state == MovementState::kDischarged) continue;
      auto d = store_.GetDeclaration(m.id);
      if (!d) return tl::unexpected(d.error());
      if (!d->has_value()) continue;  // a movement opened by NCTS alone
      MovementBinding binding;
      binding.movement = m;
      binding.destination = DestinationOf((*d)->value, geography_.posts());
      binding.lodged_at = (*d)->value.lodged_at;
      if (auto ok = monitor_.Bind(binding); !ok) return tl::unexpected(ok.error());
      if (auto replayed = ReplayStoredPositions(m.id); !replayed) {
        return tl::unexpected(replayed.error());
      }
      ++bound;
    }
    if (page->next.empty()) return bound;
    q.after = page->next;
  }
}

Status TrackingService::ReplayStoredPositions(const std::string& movement_id) {
  auto stored = store_.MovementPositions(movement_id, kMaxRestoredPositions);
  if (!stored) return tl::unexpected(stored.error());
  MonitorOutput discarded;  // stored already: the same alerts (same ids) and states
  for (const PositionRecord& r : *stored) {
    Position p{r.device,
               r.ts,
               r.lat,
               r.lon,
               r.speed_kmh,
               r.battery_pct,
               ParseSealEvent(r.event).value_or(SealEvent::kNone)};
    monitor_.Ingest(p, discarded);
    discarded.Clear();
  }
  return {};
}

Status TrackingService::OnDeclaration(Transaction&, const Declaration& d) {
  std::lock_guard lock(mutex_);
  return BindLocked(d);
}

Status TrackingService::OnPayment(Transaction&, const Payment&) { return {}; }

Status TrackingService::Persist(Transaction& txn, const MonitorOutput& out,
                                TrackingReport& report) {
  for (const Alert& a : out.alerts) {
    auto raised = txn.RaiseAlert(a);
    if (!raised) return tl::unexpected(raised.error());
    if (*raised) {
      ++report.alerts_raised;
      report.alert_ids.push_back(a.id);
    }
  }
  std::set<std::string> changed;
  for (const StateChange& c : out.changes) changed.insert(c.movement_id);
  for (const std::string& id : changed) {
    if (const Movement* m = monitor_.Find(id)) {
      if (auto put = txn.PutMovement(*m); !put) return tl::unexpected(put.error());
    }
  }
  report.state_changes += static_cast<int64_t>(out.changes.size());
  return {};
}

Result<TrackingReport> TrackingService::Ingest(const ParsedPositions& parsed,
                                               const std::string& source) {
  std::lock_guard lock(mutex_);
  const Timestamp now = clock_.Now();
  TrackingReport report;
  MonitorOutput out;
  std::vector<PositionRecord> records;
  records.reserve(parsed.accepted.size());
  std::vector<RejectedPositionRecord> rejected;
  for (const RejectedPosition& r : parsed.rejected) {
    rejected.push_back({now, source, r.line, r.field, r.reason, r.raw});
  }
  for (size_t i = 0; i < parsed.accepted.size(); ++i) {
    const Position& p = parsed.accepted[i];
    switch (monitor_.Ingest(p, out)) {
      case PositionOutcome::kLate:
        ++report.late;
        [[fallthrough]];
      case PositionOutcome::kAccepted:
        ++report.accepted;
        records.push_back(ToRecord(p, monitor_.MovementOfDevice(p.device)->id));
        break;
      case PositionOutcome::kDuplicate:
        ++report.duplicates;
        break;
      case PositionOutcome::kUnknownDevice:
        rejected.push_back({now, source, 0, "device",
                            "no movement under seal monitoring uses seal " + p.device,
                            p.device + " " + FormatTimestamp(p.ts)});
        break;
    }
  }
  report.rejected = static_cast<int64_t>(rejected.size());
  auto txn = store_.Begin();
  if (!txn) return tl::unexpected(txn.error());
  auto stored = (*txn)->PutPositions(records);
  if (!stored) return tl::unexpected(stored.error());
  report.stored = *stored;
  if (!rejected.empty()) {
    if (auto kept = (*txn)->PutRejectedPositions(rejected); !kept) {
      return tl::unexpected(kept.error());
    }
  }
  if (auto persisted = Persist(**txn, out, report); !persisted) {
    return tl::unexpected(persisted.error());
  }
  if (auto committed = (*txn)->Commit(); !committed) return tl::unexpected(committed.error());
  return report;
}

Result<TrackingReport> TrackingService::Checkpoint(const std::string& movement_id,
                                                   const std::string& post_id, CheckpointStep step,
                                                   Timestamp at) {
  std::lock_guard lock(mutex_);
  MonitorOutput out;
  if (auto ok = monitor_.Checkpoint(movement_id, post_id, step, at, out); !ok) {
    return tl::unexpected(ok.error());
  }
  return Commit(out);
}

Result<TrackingReport> TrackingService::Commit(const MonitorOutput& out) {
  TrackingReport report;
  if (out.alerts.empty() && out.changes.empty()) return report;
  auto txn = store_.Begin();
  if (!txn) return tl::unexpected(txn.error());
  if (auto persisted = Persist(**txn, out, report); !persisted) {
    return tl::unexpected(persisted.error());
  }
  if (auto committed = (*txn)->Commit(); !committed) return tl::unexpected(committed.error());
  return report;
}

Result<TrackingReport> TrackingService::Tick(std::optional<Timestamp> now) {
  std::lock_guard lock(mutex_);
  MonitorOutput out;
  monitor_.Tick(now.value_or(clock_.Now()), out);
  return Commit(out);
}

Result<TrackingReport> ReplayPositions(TrackingService& service, ParsedPositions parsed,
                                       const std::string& source, size_t batch_size,
                                       const std::function<void(double)>& progress) {
  std::stable_sort(parsed.accepted.begin(), parsed.accepted.end(),
                   [](const Position& a, const Position& b) { return a.ts < b.ts; });
  TrackingReport total;
  const size_t n = parsed.accepted.size();
  size_t begin = 0;
  do {
    const size_t end = std::min(n, begin + std::max<size_t>(batch_size, 1));
    ParsedPositions batch;
    batch.accepted.assign(std::make_move_iterator(parsed.accepted.begin() + begin),
                          std::make_move_iterator(parsed.accepted.begin() + end));
    if (begin == 0) batch.rejected = std::move(parsed.rejected);
    auto report = service.Ingest(batch, source);
    if (!report) return tl::unexpected(report.error());
    total.Add(*report);
    if (end > begin) {
      auto ticked = service.Tick(batch.accepted.back().ts);
      if (!ticked) return tl::unexpected(ticked.error());
      total.Add(*ticked);
    }
    begin = end;
    if (progress) progress(n == 0 ? 1.0 : static_cast<double>(begin) / static_cast<double>(n));
  } while (begin < n);
  return total;
}

std::optional<MovementMonitor::Summary> TrackingService::SummaryOf(
    const std::string& movement_id) const {
  std::lock_guard lock(mutex_);
  const MovementMonitor::Summary* s = monitor_.SummaryOf(movement_id);
  if (s == nullptr) return std::nullopt;
  return *s;
}

}  // namespace keruen::tracking
