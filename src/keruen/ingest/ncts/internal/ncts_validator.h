// XSD validation of NCTS messages with compiled schemas kept for reuse.
//
// Compiling the CC015C schema (it includes ~23,000 lines of type definitions) costs far more
// than validating a message against it, so each phase's schema is compiled once per process
// and then shared: a compiled xmlSchema is read-only, and every validation gets its own
// validation context, so threads may validate at the same time.
#ifndef KERUEN_INGEST_NCTS_INTERNAL_NCTS_VALIDATOR_H_
#define KERUEN_INGEST_NCTS_INTERNAL_NCTS_VALIDATOR_H_

#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "keruen/core/error.h"
#include "keruen/ingest/ncts/ncts_cc015c.h"

namespace keruen::ncts_internal {

class NctsValidator {
 public:
  // The process-wide instance ParseCc015c uses.
  static NctsValidator& Shared();

  // Validates `doc` against the CC015C schema of `phase` (kPhase5 or kPhase6) found in
  // `schema_dir`: the newest `<schema_dir>/phase5*/xsd/cc015c.xsd` or `phase6*` folder.
  // A failure names the first problem's element path and line (kInvalidArgument); a
  // missing or broken schema is kNotFound or kInternal.
  Status ValidateCc015c(xmlDoc* doc, const std::string& schema_dir, NctsPhase phase);

 private:
  struct SchemaDeleter {
    void operator()(xmlSchema* s) const { xmlSchemaFree(s); }
  };
  using SchemaPtr = std::shared_ptr<xmlSchema>;

  // The compiled schema for (schema_dir, phase), compiling it on first use. Failures are
  // not cached, so a schema folder fixed later is picked up.
  Result<SchemaPtr> Load(const std::string& schema_dir, NctsPhase phase);

  std::mutex mu_;
  std::map<std::string, SchemaPtr> schemas_;  // by "<schema_dir>#<phase>"
};

}  // namespace keruen::ncts_internal

#endif  // KERUEN_INGEST_NCTS_INTERNAL_NCTS_VALIDATOR_H_
