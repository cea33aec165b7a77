// serve: the HTTP API over the store, until SIGINT or SIGTERM.
#include <cstdio>

#include "commands.h"
#include "keruen/api/server.h"
#include "keruen/screening/live_screening.h"

namespace keruen::cli {

namespace {
struct ServeArgs {
  std::string bind = "127.0.0.1";
  int port = 8080;
  int threads = 0;
  size_t max_body_mb = 64;
};
}  // namespace

int ServeStore(Store& store, const Clock& clock, const std::string& bind, int port, int threads,
               size_t max_body_mb, Context& ctx) {
  ApiServerOptions options;
  options.bind_address = bind;
  options.port = static_cast<uint16_t>(port);
  options.threads = threads;
  options.max_body_bytes = max_body_mb << 20;
  // Screening follows list imports made by any process sharing the store.
  screening::LiveScreening live_screening(store, clock);
  ApiServer server(store, clock, options, ApiEngines{.screening = &live_screening});
  if (auto s = server.Start(); !s) {
    ctx.Fail(s.error());
    return ctx.exit_code;
  }
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
  cmd->callback([&ctx, args] {
    auto store = ctx.OpenStore();
    if (!store) return ctx.Fail(store.error());
    ServeStore(**store, ctx.clock, args->bind, args->port, args->threads, args->max_body_mb, ctx);
  });
}

}  // namespace keruen::cli
