// Fuzz target for the CC015C importer: any bytes must get a Declaration or an Error,
// never a crash, hang or sanitizer report. In ctest it runs over the NCTS samples of the
// shared data; for coverage-guided fuzzing see fuzz/CMakeLists.txt, e.g.
//   build-fuzz/fuzz/ncts_cc015c_fuzz -max_len=65536
//   ../shared/data/tracking/ncts/phase5_v51.8.6/samples
// Every other input is also validated against the phase 5 schema when KERUEN_NCTS_SCHEMA_DIR
// names the schema folder, so the XSD path is fuzzed too.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "keruen/ingest/ncts/ncts_cc015c.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const keruen::NctsOptions plain;
  static const keruen::NctsOptions with_schema = [] {
    keruen::NctsOptions o;
    if (const char* dir = std::getenv("KERUEN_NCTS_SCHEMA_DIR")) o.schema_dir = dir;
    return o;
  }();
  const std::string_view xml(reinterpret_cast<const char*>(data), size);
  const keruen::Result<keruen::Declaration> d =
      keruen::ParseCc015c(xml, size % 2 == 0 ? plain : with_schema);
  if (!d.has_value() && d.error().message.empty()) std::abort();  // every refusal says why
  return 0;
}
