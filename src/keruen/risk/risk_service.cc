#include "keruen/risk/risk_service.h"

#include <utility>

#include "keruen/risk/declaration_fields.h"

namespace keruen::risk {

Result<std::optional<Assessment>> ReplayStored(Store& store, RiskEngine& engine,
                                               const std::string& stop_at,
                                               const std::function<void(int64_t)>& progress) {
  std::optional<Assessment> stopped;
  int64_t done = 0;
  auto replayed = ForEachDeclaration(store, [&](const Declaration& d) {
    Assessment a = engine.Assess(d);
    if (progress && ++done % 1000 == 0) progress(done);
    if (stop_at.empty() || d.id != stop_at) return true;
    stopped = std::move(a);
    return false;
  });
  if (!replayed) return tl::unexpected(replayed.error());
  if (progress) progress(*replayed);
  if (!stop_at.empty() && !stopped) return NotFound("no declaration " + stop_at + " in the store");
  return stopped;
}

Result<std::unique_ptr<RiskService>> RiskService::Open(Store& store, const Clock& clock,
                                                       Options options) {
  std::unique_ptr<RiskService> service(new RiskService());
  auto goods = goods::ControlledGoods::Load(goods::ControlledGoods::DefaultSources());
  if (!goods) return tl::unexpected(goods.error());
  service->goods_ = std::make_unique<goods::ControlledGoods>(std::move(*goods));
  std::shared_ptr<const ProfileSet> profiles;
  if (!options.profiles_path.empty()) {
    auto watcher = ProfileWatcher::Open(options.profiles_path, RiskProfileSchema());
    if (!watcher) return tl::unexpected(watcher.error());
    service->watcher_ = std::move(*watcher);
    service->generation_ = service->watcher_->generation();
    profiles = service->watcher_->current();
  }
  service->engine_ =
      std::make_unique<RiskEngine>(*service->goods_, clock, std::move(profiles), options.screening);
  auto replayed = ReplayStored(store, *service->engine_, {}, options.warm_up_progress);
  if (!replayed) return tl::unexpected(replayed.error());
  service->warmed_up_ = service->engine_->assessed();
  service->keep_lanes_ = true;
  return service;
}

void RiskService::PollProfiles() {
  if (!watcher_) return;
  // A refused file keeps the previous set; the error stays in profile_error().
  (void)watcher_->Poll();
  if (watcher_->generation() != generation_) {
    generation_ = watcher_->generation();
    engine_->SetProfiles(watcher_->current());
  }
}

Status RiskService::OnDeclaration(Transaction& txn, const Declaration& d) {
  std::lock_guard lock(mutex_);
  PollProfiles();
  const Assessment a = engine_->Assess(d);
  if (auto recorded = RecordAssessment(txn, d, a, engine_->clock()); !recorded) return recorded;
  LaneOutcome outcome{d.id, a.lane, a.score, {}};
  for (const RuleHit& h : a.hits) outcome.rules.push_back(h.rule);
  // Bounded: a caller that never takes them (the CLI) keeps only the latest.
  if (lanes_.size() >= 100000) lanes_.clear();
  lanes_.push_back(std::move(outcome));
  return Ok();
}

std::vector<RiskService::LaneOutcome> RiskService::TakeLanes() {
  std::lock_guard lock(mutex_);
  return std::exchange(lanes_, {});
}

std::optional<ledger::Balance> RiskService::Balance(const std::string& party,
                                                    const std::string& hs6) {
  std::lock_guard lock(mutex_);
  const ledger::Balance* b = engine_->warehouse().Find(party, hs6);
  return b ? std::optional<ledger::Balance>(*b) : std::nullopt;
}

Status RiskService::OnPayment(Transaction& txn, const Payment& p) {
  std::lock_guard lock(mutex_);
  return engine_->OnPayment(txn, p);
}

void RiskService::SetScreening(const screening::PartyScreening* screening) {
  std::lock_guard lock(mutex_);
  engine_->SetScreening(screening);
}

std::vector<std::pair<std::string, ledger::Balance>> RiskService::PartyBalances(
    std::string_view party, std::string_view hs_prefix) {
  std::lock_guard lock(mutex_);
  return engine_->warehouse().PartyBalances(party, hs_prefix);
}

std::optional<Error> RiskService::profile_error() const {
  std::lock_guard lock(mutex_);
  return watcher_ ? watcher_->last_error() : std::nullopt;
}

std::array<int64_t, 4> RiskService::lane_counts() const {
  std::lock_guard lock(mutex_);
  return engine_->lane_counts();
}

payments::PaymentRuleOptions RiskService::PaymentOptions() const {
  std::lock_guard lock(mutex_);
  return risk::PaymentOptions(engine_->settings());
}

int64_t RiskService::assessed() const {
  std::lock_guard lock(mutex_);
  return engine_->assessed();
}

}  // namespace keruen::risk
