// keruen: the command line of the Keruen customs, transit and payments monitor.
#include <cstdlib>

#include "commands.h"
#include "keruen/store/sqlite_store.h"

namespace keruen::cli {

Result<std::unique_ptr<Store>> Context::OpenStore() const {
  auto store = SqliteStore::Open(db, clock);
  if (!store) return tl::unexpected(store.error());
  return std::unique_ptr<Store>(std::move(*store));
}

void Context::Fail(const Error& e, int code) { Fail(e.ToString(), code); }

void Context::Fail(const std::string& message, int code) {
  std::fprintf(stderr, "keruen: error: %s\n", message.c_str());
  exit_code = code;
}

}  // namespace keruen::cli

int main(int argc, char** argv) {
  keruen::cli::Context ctx;
  CLI::App app{
      "Keruen: tracks goods crossing Kazakhstan, screens parties and payments, and raises "
      "alerts that join goods, movement and money.\n"};
  app.set_version_flag("--version", std::string("keruen ") + KERUEN_VERSION);
  app.require_subcommand(1);
  app.add_option("--db", ctx.db, "SQLite database file")->capture_default_str();
  app.add_option("--data-dir", ctx.data_dir,
                 "Reference data directory (default $KERUEN_DATA_DIR, else ../shared/data)")
      ->check(CLI::ExistingDirectory);
  app.parse_complete_callback([&] {
    if (!ctx.data_dir.empty()) setenv("KERUEN_DATA_DIR", ctx.data_dir.c_str(), 1);
  });

  keruen::cli::AddInitCommand(app, ctx);
  keruen::cli::AddIngestCommand(app, ctx);
  keruen::cli::AddShowCommand(app, ctx);
  keruen::cli::AddListsCommand(app, ctx);
  keruen::cli::AddScreenCommand(app, ctx);
  keruen::cli::AddEvalCommand(app, ctx);
  keruen::cli::AddTrackCommand(app, ctx);
  keruen::cli::AddGoodsCommand(app, ctx);
  keruen::cli::AddReportCommand(app, ctx);
  keruen::cli::AddLedgerCommand(app, ctx);
  keruen::cli::AddPaymentsCommand(app, ctx);
  keruen::cli::AddAuditCommand(app, ctx);
  keruen::cli::AddRiskCommand(app, ctx);
  keruen::cli::AddCasesCommand(app, ctx);
  keruen::cli::AddSimulateCommand(app, ctx);
  keruen::cli::AddServeCommand(app, ctx);
  keruen::cli::AddDemoCommand(app, ctx);

  CLI11_PARSE(app, argc, argv);
  return ctx.exit_code;
}
