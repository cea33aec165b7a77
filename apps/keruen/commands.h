// The `keruen` command line: one function per subcommand group, each registering itself
// on the CLI11 app. Commands report errors on stderr as "keruen: error: <where>: <what>"
// and set a non-zero exit code; they never leave half-written output behind.
#ifndef KERUEN_APPS_KERUEN_COMMANDS_H_
#define KERUEN_APPS_KERUEN_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "keruen/core/error.h"
#include "keruen/core/time.h"
#include "keruen/store/store.h"
#include "keruen/tracking/tracking_service.h"

namespace keruen::cli {

struct Context {
  std::string db = "keruen.db";
  std::string data_dir;  // overrides KERUEN_DATA_DIR when set
  int exit_code = 0;
  SystemClock clock;

  // Opens (creating or migrating) the store at `db`.
  Result<std::unique_ptr<Store>> OpenStore() const;
  // Prints "keruen: error: ..." and sets exit_code to `code`.
  void Fail(const Error& e, int code = 1);
  void Fail(const std::string& message, int code = 1);
};

void AddInitCommand(CLI::App& app, Context& ctx);
void AddIngestCommand(CLI::App& app, Context& ctx);
void AddShowCommand(CLI::App& app, Context& ctx);
void AddSimulateCommand(CLI::App& app, Context& ctx);
void AddServeCommand(CLI::App& app, Context& ctx);

// Serves `store` over HTTP until a signal; prints the URL once listening. Used by serve
// and demo. `profiles` is the analysts' risk profile file (empty: the defaults), followed
// while the server runs. Returns the exit code.
int ServeStore(Store& store, const Clock& clock, const std::string& bind, int port, int threads,
               size_t max_body_mb, const std::string& profiles, Context& ctx);
void AddDemoCommand(CLI::App& app, Context& ctx);
void AddListsCommand(CLI::App& app, Context& ctx);
void AddScreenCommand(CLI::App& app, Context& ctx);
void AddEvalCommand(CLI::App& app, Context& ctx);
void AddTrackCommand(CLI::App& app, Context& ctx);
void AddGoodsCommand(CLI::App& app, Context& ctx);
void AddReportCommand(CLI::App& app, Context& ctx);
void AddLedgerCommand(CLI::App& app, Context& ctx);
void AddPaymentsCommand(CLI::App& app, Context& ctx);
void AddAuditCommand(CLI::App& app, Context& ctx);
void AddRiskCommand(CLI::App& app, Context& ctx);
void AddCasesCommand(CLI::App& app, Context& ctx);

// Replays a positions file (format "auto", "ndjson" or "csv") through a tracking service over
// `store` that first binds the movements already stored; prints progress on stderr.
Result<tracking::TrackingReport> ReplayPositionsFile(Context& ctx, Store& store,
                                                     const std::string& path,
                                                     const std::string& format);
// "positions: ... accepted ..." and the alerts raised by rule.
void PrintTrackingReport(const tracking::TrackingReport& report);

}  // namespace keruen::cli

#endif  // KERUEN_APPS_KERUEN_COMMANDS_H_
