#include "keruen/screening/live_screening.h"

namespace keruen::screening {

LiveScreening::LiveScreening(Store& store, const Clock& clock, int64_t recheck_seconds)
    : store_(store), clock_(clock), recheck_seconds_(recheck_seconds) {}

Result<std::shared_ptr<LiveScreening::Current>> LiveScreening::Get() {
  std::shared_ptr<Current> current;
  {
    std::lock_guard lock(state_mutex_);
    current = current_;
    if (current && clock_.Now() - checked_at_ < recheck_seconds_) return current;
  }
  if (current) {
    // Someone else is rebuilding: answer from the screener we have.
    std::unique_lock rebuilding(rebuild_mutex_, std::try_to_lock);
    if (!rebuilding.owns_lock()) return current;
    return Rebuild();
  }
  std::lock_guard rebuilding(rebuild_mutex_);
  {
    std::lock_guard lock(state_mutex_);
    if (current_) return current_;  // built while we waited
  }
  return Rebuild();
}

// Called holding rebuild_mutex_.
Result<std::shared_ptr<LiveScreening::Current>> LiveScreening::Rebuild() {
  auto versions = store_.ListVersions("");
  if (!versions) return tl::unexpected(versions.error());
  const std::string fingerprint = VersionsFingerprint(LatestVersions(*versions));
  {
    std::lock_guard lock(state_mutex_);
    checked_at_ = clock_.Now();
    if (current_ && current_->loaded.fingerprint == fingerprint) return current_;
  }
  auto loaded = LoadScreener(store_);
  if (!loaded) return tl::unexpected(loaded.error());
  auto fresh = std::make_shared<Current>();
  fresh->loaded = std::move(*loaded);
  fresh->parties = std::make_unique<PartyScreening>(*fresh->loaded.screener, clock_);
  std::lock_guard lock(state_mutex_);
  current_ = fresh;
  return fresh;
}

}  // namespace keruen::screening
