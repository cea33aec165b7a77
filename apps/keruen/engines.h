// The engines every ingest runs, in one place for `ingest`, `demo` and `eval detection`:
// sanctions screening of every party (P6, when lists are imported), the risk engine (rules,
// score, lane, alerts; warmed up from what the store holds) and the payment monitor (links,
// F1-F5, release / hold / block; its declaration index filled from the store).
#ifndef KERUEN_APPS_KERUEN_ENGINES_H_
#define KERUEN_APPS_KERUEN_ENGINES_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "keruen/ingest/ingest.h"
#include "keruen/payments/payment_decision.h"
#include "keruen/risk/risk_service.h"
#include "keruen/screening/party_screening.h"
#include "keruen/screening/watchlists.h"

namespace keruen::cli {

struct EngineOptions {
  bool screen = true;    // screen parties when lists are imported
  std::string profiles;  // analysts' profile file; empty: the defaults
};

struct IngestEngines {
  std::optional<screening::LoadedScreener> screener;
  std::unique_ptr<screening::PartyScreening> party_screening;
  std::unique_ptr<risk::RiskService> risk;
  std::unique_ptr<payments::PaymentMonitor> payments;

  // In the order they must run: screening first (its P6 alerts), then risk, then payments
  // (which look at the alerts on the declarations a payment pays).
  std::vector<IngestListener*> listeners() const;
};

// Loads the screener (a note on stderr when no list is imported), then the risk engine, which
// replays the stored declarations first (with a progress bar when there are any), then the
// payment monitor.
Result<std::unique_ptr<IngestEngines>> OpenIngestEngines(Context& ctx, Store& store,
                                                         const EngineOptions& options);

// "lanes: green 812 (78.1 %), blue ..." for what `engines` assessed since `before`.
// The ingest options every command uses: the engines as listeners, pacs.008 for XML payments.
IngestOptions IngestOptionsFor(const IngestEngines& engines, const std::string& source);

void PrintLanes(const std::array<int64_t, 4>& now, const std::array<int64_t, 4>& before);

}  // namespace keruen::cli

#endif  // KERUEN_APPS_KERUEN_ENGINES_H_
