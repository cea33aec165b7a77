// A simulated world run through every engine: what the demo shows and `keruen eval detection`
// measures, with one code path so that the figures the demo prints are the ones measured.
#ifndef KERUEN_APPS_KERUEN_WORLD_H_
#define KERUEN_APPS_KERUEN_WORLD_H_

#include <array>
#include <string>

#include "commands.h"
#include "engines.h"
#include "keruen/sim/detection.h"

namespace keruen::cli {

struct WorldRunOptions {
  EngineOptions engines;
  bool positions = true;  // replay pings.ndjson through the movement monitor when present
  bool verbose = true;    // print a line per step
};

struct WorldRun {
  int64_t declarations = 0;
  int64_t payments = 0;
  std::array<int64_t, 4> lanes{};  // by risk::Lane
  double seconds = 0;
};

// Imports the shared sanctions lists into `store` (unchanged versions are not stored again);
// a note when the shared data is missing.
Status ImportSharedLists(Store& store, bool verbose);

// Ingests <dir>/declarations.ndjson and payments.ndjson through every engine, then replays the
// seal positions. The store should have the lists imported first (ImportSharedLists).
Result<WorldRun> IngestWorld(Context& ctx, Store& store, const std::string& dir,
                             const WorldRunOptions& options);

// The detection table: per planted scheme, its rules, recall and precision.
void PrintDetection(const DetectionReport& report);

}  // namespace keruen::cli

#endif  // KERUEN_APPS_KERUEN_WORLD_H_
