#include "engines.h"

#include <cstdio>

#include "keruen/payments/pacs008.h"
#include "progress.h"

namespace keruen::cli {

std::vector<IngestListener*> IngestEngines::listeners() const {
  std::vector<IngestListener*> out;
  if (party_screening) out.push_back(party_screening.get());
  if (risk) out.push_back(risk.get());
  if (payments) out.push_back(payments.get());
  return out;
}

IngestOptions IngestOptionsFor(const IngestEngines& engines, const std::string& source) {
  IngestOptions options;
  options.source = source;
  options.listeners = engines.listeners();
  options.payment_xml = payments::ParsePacs008;
  return options;
}

Result<std::unique_ptr<IngestEngines>> OpenIngestEngines(Context& ctx, Store& store,
                                                         const EngineOptions& options) {
  auto engines = std::make_unique<IngestEngines>();
  if (options.screen) {
    auto screener = screening::LoadScreener(store);
    if (screener) {
      engines->screener = std::move(*screener);
      engines->party_screening =
          std::make_unique<screening::PartyScreening>(*engines->screener->screener, ctx.clock);
    } else if (screener.error().code == ErrorCode::kNotFound) {
      std::fprintf(stderr,
                   "keruen: note: no sanctions list imported, parties not screened "
                   "(keruen lists import)\n");
    } else {
      return tl::unexpected(screener.error());
    }
  }
  auto stats = store.Stats();
  if (!stats) return tl::unexpected(stats.error());
  std::optional<ProgressBar> bar;
  if (stats->declarations > 0) bar.emplace("risk engine: replay stored declarations");
  risk::RiskService::Options risk_options;
  risk_options.profiles_path = options.profiles;
  risk_options.screening = engines->party_screening.get();
  risk_options.warm_up_progress = [&](int64_t done) {
    if (bar) bar->Update(static_cast<double>(done) / static_cast<double>(stats->declarations));
  };
  auto risk = risk::RiskService::Open(store, ctx.clock, std::move(risk_options));
  if (bar) bar->Finish();
  if (!risk) return tl::unexpected(risk.error());
  engines->risk = std::move(*risk);
  // The payment rules' numbers from the profile file the risk service loaded (the monitor's
  // stay as taken here until the next start).
  engines->payments = std::make_unique<payments::PaymentMonitor>(
      ctx.clock, &store, engines->party_screening.get(), engines->risk->PaymentOptions());
  if (auto loaded = payments::LoadDeclarationIndex(store, *engines->payments); !loaded) {
    return tl::unexpected(loaded.error());
  }
  return engines;
}

void PrintLanes(const std::array<int64_t, 4>& now, const std::array<int64_t, 4>& before) {
  int64_t total = 0;
  for (size_t i = 0; i < 4; ++i) total += now[i] - before[i];
  if (total == 0) return;
  std::printf("lanes:");
  for (risk::Lane lane :
       {risk::Lane::kGreen, risk::Lane::kBlue, risk::Lane::kYellow, risk::Lane::kRed}) {
    const int64_t n = now[static_cast<size_t>(lane)] - before[static_cast<size_t>(lane)];
    std::printf(" %s %lld (%.1f %%)", std::string(risk::LaneName(lane)).c_str(),
                static_cast<long long>(n),
                100.0 * static_cast<double>(n) / static_cast<double>(total));
  }
  std::printf("\n");
}

}  // namespace keruen::cli
