// Getting documents in: JSON Lines batches (or a single JSON document) of declarations
// and payments, or one NCTS CC015C transit declaration in XML, parsed, validated and
// written to a Store in one transaction.
//
// All-or-nothing: the first bad document stops the batch, nothing of it is committed, and
// the error names the source, the line and the field. Re-ingesting the same input changes
// nothing (the store compares content hashes); a known id with new content is an
// amendment.
#ifndef KERUEN_INGEST_INGEST_H_
#define KERUEN_INGEST_INGEST_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "keruen/core/error.h"
#include "keruen/core/reference.h"
#include "keruen/store/store.h"

namespace keruen {

enum class DocumentKind { kDeclaration, kPayment };

// An engine that looks at every document an ingest stores new or amended (sanctions
// screening now; risk rules and the ledger later). It runs inside the ingest transaction, so
// what it writes (alerts, decisions) commits or rolls back with the documents themselves,
// and an error from it refuses the whole input like a bad document would.
class IngestListener {
 public:
  virtual ~IngestListener() = default;
  virtual Status OnDeclaration(Transaction& txn, const Declaration& d) = 0;
  virtual Status OnPayment(Transaction& txn, const Payment& p) = 0;
};

struct IngestOptions {
  std::string source = "api";  // recorded with each stored version and used in errors
  // Called now and then with the bytes consumed so far (for progress bars).
  std::function<void(size_t bytes_done, size_t bytes_total)> progress;
  // Resolves border posts when opening movements; the committed table when null.
  const BorderPosts* posts = nullptr;
  // Where the NCTS XSDs are (see NctsOptions::schema_dir): nullopt uses
  // SharedDataDir()/tracking/ncts when it exists; an empty string skips XSD validation.
  std::optional<std::string> ncts_schema_dir;
  // Called in order for each document stored new or amended; not for unchanged ones.
  std::vector<IngestListener*> listeners;
  // Reads payments in XML (ISO 20022 pacs.008: payments/pacs008.h, which depends on this
  // library, hence injected); without it XML payments are refused. Errors carry their source
  // and line.
  std::function<Result<std::vector<Payment>>(std::string_view text, const std::string& source)>
      payment_xml;
};

struct IngestReport {
  PutCounts counts;
  int64_t movements_opened = 0;
};

// `text` holds one JSON object, JSON Lines (one object per line; blank lines are
// skipped) or, recognised by its leading '<', one XML message: for declarations an NCTS
// CC015C, for payments a pacs.008 (read by `options.payment_xml`). Line numbers in errors are
// 1-based lines of `text`.
Result<IngestReport> IngestText(Store& store, DocumentKind kind, std::string_view text,
                                const IngestOptions& options);

// Reads `path` and ingests it; `options.source` defaults to the path.
Result<IngestReport> IngestFile(Store& store, DocumentKind kind, const std::string& path,
                                IngestOptions options);

}  // namespace keruen

#endif  // KERUEN_INGEST_INGEST_H_
