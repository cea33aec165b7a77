// The risk engine as a long-lived service: what `keruen ingest`, the demo and the API server
// run on every declaration they store.
//
// It owns the controlled-goods lists and the engine, warms the engine up from the store (the
// engine remembers traders, prices, the ledger and the party graph, so a process that starts
// on a filled store first replays what is stored, without writing), follows the analysts'
// profile file (reloaded when it changes; a refused file keeps the previous profiles and its
// errors are reported), and serialises everything behind one mutex so that API handlers can
// read the ledger while another request ingests.
#ifndef KERUEN_RISK_RISK_SERVICE_H_
#define KERUEN_RISK_RISK_SERVICE_H_

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "keruen/core/error.h"
#include "keruen/goods/controlled_goods.h"
#include "keruen/ingest/ingest.h"
#include "keruen/risk/profile_watcher.h"
#include "keruen/risk/risk_engine.h"
#include "keruen/risk/rule_catalogue.h"
#include "keruen/store/store.h"

namespace keruen::risk {

// Replays the stored declarations (current versions, in lodging order) through `engine`
// without writing anything. When `stop_at` names one, stops after assessing it and returns its
// assessment; otherwise returns nullopt after the last one. `progress`, when set, is called
// with the declarations done so far. kNotFound when `stop_at` is not stored.
Result<std::optional<Assessment>> ReplayStored(Store& store, RiskEngine& engine,
                                               const std::string& stop_at = {},
                                               const std::function<void(int64_t)>& progress = {});

class RiskService final : public IngestListener {
 public:
  struct Options {
    // The analysts' profile file; empty: the built-in defaults.
    std::string profiles_path;
    // P6 during the warm-up and until SetScreening changes it; may be null.
    const screening::PartyScreening* screening = nullptr;
    std::function<void(int64_t)> warm_up_progress;
  };
  // Loads the goods lists (ControlledGoods::DefaultSources) and the profile file (a file with
  // mistakes is refused: the error lists them), then warms the engine up from `store`.
  static Result<std::unique_ptr<RiskService>> Open(Store& store, const Clock& clock,
                                                   Options options);

  // Ingest: polls the profile file, then assesses and records (RiskEngine::OnDeclaration).
  Status OnDeclaration(Transaction& txn, const Declaration& d) override;
  Status OnPayment(Transaction& txn, const Payment& p) override;

  // The screening that answers P6 from now on (the server's follows list updates).
  void SetScreening(const screening::PartyScreening* screening);

  // A company's balances by HS-6 code (ledger::VirtualWarehouse::PartyBalances), under the lock.
  std::vector<std::pair<std::string, ledger::Balance>> PartyBalances(std::string_view party,
                                                                     std::string_view hs_prefix);
  // One company's balance of one code, under the lock.
  std::optional<ledger::Balance> Balance(const std::string& party, const std::string& hs6);
  // The lanes chosen since the last call, in ingest order: what an API answer reports.
  struct LaneOutcome {
    std::string declaration;
    Lane lane = Lane::kGreen;
    double score = 0;
    std::vector<std::string> rules;  // the rules that fired
  };
  std::vector<LaneOutcome> TakeLanes();
  const goods::ControlledGoods& goods() const { return *goods_; }

  // Why the profile file's latest version was refused, if it was.
  std::optional<Error> profile_error() const;
  int64_t warmed_up() const { return warmed_up_; }
  // The payment monitor's options as the profile file in force sets them (PaymentOptions), so
  // that a process reads its profile file once for both engines.
  payments::PaymentRuleOptions PaymentOptions() const;
  std::array<int64_t, 4> lane_counts() const;
  int64_t assessed() const;

 private:
  RiskService() = default;
  void PollProfiles();

  mutable std::mutex mutex_;
  std::unique_ptr<goods::ControlledGoods> goods_;
  std::unique_ptr<ProfileWatcher> watcher_;
  int64_t generation_ = 0;
  std::unique_ptr<RiskEngine> engine_;
  int64_t warmed_up_ = 0;
  std::vector<LaneOutcome> lanes_;  // since the last TakeLanes
  bool keep_lanes_ = false;         // set after the warm-up
};

}  // namespace keruen::risk

#endif  // KERUEN_RISK_RISK_SERVICE_H_
