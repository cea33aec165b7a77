// serve: the HTTP API over the store, until SIGINT or SIGTERM.
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

#include "commands.h"
#include "keruen/api/server.h"
#include "keruen/payments/payment_decision.h"
#include "keruen/risk/risk_service.h"
#include "keruen/screening/live_screening.h"
#include "keruen/tracking/geography.h"
#include "keruen/tracking/tracking_service.h"

namespace keruen::cli {

namespace {
struct ServeArgs {
  std::string bind = "127.0.0.1";
  int port = 8080;
  int threads = 0;
  size_t max_body_mb = 64;
  std::string profiles;
};

// How often the time-driven tracking rules run (silence, overdue, never closed): the
// shortest of their periods is the seals' 30-minute reporting period, so a minute is prompt.
constexpr std::chrono::seconds kTickPeriod{60};

// Runs TrackingService::Tick every kTickPeriod on a thread of its own until destroyed,
// holding the server's write mutex like every other writer.
class Ticker {
 public:
  Ticker(tracking::TrackingService& tracking, std::mutex& write_mutex)
      : tracking_(tracking), write_mutex_(write_mutex), thread_([this] { Run(); }) {}
  ~Ticker() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
  }
  Ticker(const Ticker&) = delete;
  Ticker& operator=(const Ticker&) = delete;

 private:
  void Run() {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, kTickPeriod, [this] { return stopping_; })) {
      lock.unlock();
      Result<tracking::TrackingReport> report;
      {
        std::lock_guard write(write_mutex_);
        report = tracking_.Tick();
      }
      if (!report) {
        std::fprintf(stderr, "tracking tick failed: %s\n", report.error().ToString().c_str());
      } else if (report->alerts_raised + report->state_changes > 0) {
        std::fprintf(stderr, "tracking tick: %lld alerts raised, %lld state changes\n",
                     static_cast<long long>(report->alerts_raised),
                     static_cast<long long>(report->state_changes));
      }
      lock.lock();
    }
  }

  tracking::TrackingService& tracking_;
  std::mutex& write_mutex_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;  // last: started once the members it uses exist
};
}  // namespace

int ServeStore(Store& store, const Clock& clock, const std::string& bind, int port, int threads,
               size_t max_body_mb, const std::string& profiles, Context& ctx) {
  ApiServerOptions options;
  options.bind_address = bind;
  options.port = static_cast<uint16_t>(port);
  options.threads = threads;
  options.max_body_bytes = max_body_mb << 20;
  // Screening follows list imports made by any process sharing the store.
  screening::LiveScreening live_screening(store, clock);
  // Transit tracking follows the movements already stored, then every transit or export
  // declaration ingested through the API, positions, OsmAnd reports and EPCIS checkpoints.
  auto geography = tracking::MakeReferenceGeography();
  if (!geography) {
    ctx.Fail(geography.error());
    return ctx.exit_code;
  }
  tracking::TrackingService tracking(store, **geography, clock);
  auto followed = tracking.Restore();
  if (!followed) {
    ctx.Fail(followed.error());
    return ctx.exit_code;
  }
  // Status on stderr: the first line on stdout is the URL, which scripts read.
  std::fprintf(stderr, "tracking %lld movements under seal\n", static_cast<long long>(*followed));
  // Rules, score and lane for every declaration; the live ledger and the cases' stories.
  risk::RiskService::Options risk_options;
  risk_options.profiles_path = profiles;
  auto risk = risk::RiskService::Open(store, clock, std::move(risk_options));
  if (!risk) {
    ctx.Fail(risk.error());
    return ctx.exit_code;
  }
  std::fprintf(stderr, "risk engine warmed up on %lld stored declarations\n",
               static_cast<long long>((*risk)->warmed_up()));
  // A decision for every payment, linked to the declarations it pays (each request hands it
  // the screening in force), with the payment rules' numbers the profile file sets at start-up:
  // a reloaded file changes the risk engine's settings at once, the monitor's at the next start.
  payments::PaymentMonitor payment_monitor(clock, &store, nullptr, (*risk)->PaymentOptions());
  if (auto loaded = payments::LoadDeclarationIndex(store, payment_monitor); !loaded) {
    ctx.Fail(loaded.error());
    return ctx.exit_code;
  }
  ApiServer server(store, clock, options,
                   ApiEngines{.screening = &live_screening,
                              .tracking = &tracking,
                              .risk = risk->get(),
                              .payments = &payment_monitor});
  if (auto s = server.Start(); !s) {
    ctx.Fail(s.error());
    return ctx.exit_code;
  }
  Ticker ticker(tracking, server.write_mutex());
  RunUntilSignal(server, [&] {
    // Scripts and tests read this line to find the port (port 0 picks a free one).
    std::printf(
        "serving http://%s:%u/ (API under /api/v1, OpenAPI at /api/v1/openapi.json); "
        "Ctrl-C to stop\n",
        bind.c_str(), static_cast<unsigned>(server.port()));
    std::fflush(stdout);
  });
  std::printf("stopped\n");
  return 0;
}

void AddServeCommand(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ServeArgs>();
  auto* cmd = app.add_subcommand("serve", "Serve the HTTP API until SIGINT or SIGTERM");
  cmd->add_option("--bind", args->bind, "Address to listen on")->capture_default_str();
  cmd->add_option("--port", args->port, "Port (0 picks a free one)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--threads", args->threads, "Worker threads (0: one per core)")
      ->check(CLI::Range(0, 256));
  cmd->add_option("--max-body-mb", args->max_body_mb, "Largest request body accepted, MiB")
      ->capture_default_str()
      ->check(CLI::Range(1, 4096));
  cmd->add_option("--profiles", args->profiles,
                  "Analysts' risk profile file, reloaded when it changes (a file with mistakes "
                  "is refused: the server keeps the profiles it has)")
      ->check(CLI::ExistingFile);
  cmd->callback([&ctx, args] {
    auto store = ctx.OpenStore();
    if (!store) return ctx.Fail(store.error());
    ServeStore(**store, ctx.clock, args->bind, args->port, args->threads, args->max_body_mb,
               args->profiles, ctx);
  });
}

}  // namespace keruen::cli
