#include "keruen/ingest/ingest.h"

#include <fcntl.h>
#include <simdjson.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <optional>
#include <utility>

#include "keruen/core/csv.h"
#include "keruen/core/json_codec.h"
#include "keruen/core/movement.h"
#include "keruen/core/paths.h"
#include "keruen/core/validate.h"
#include "keruen/ingest/ncts/ncts_cc015c.h"

namespace keruen {
namespace {

constexpr size_t kProgressEvery = 1 << 20;  // bytes between progress callbacks

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// The first problem, mentioning how many more there are so a user fixes them in one go.
Error FirstProblem(std::vector<Error> problems) {
  Error e = std::move(problems.front());
  if (problems.size() > 1) {
    e.message += " (and " + std::to_string(problems.size() - 1) + " more problem" +
                 (problems.size() > 2 ? "s" : "") + " in this document)";
  }
  return e;
}

const BorderPosts* DefaultPosts(Error* error) {
  static const Result<BorderPosts> kPosts = BorderPosts::LoadDefault();
  if (!kPosts) {
    *error = kPosts.error();
    return nullptr;
  }
  return &*kPosts;
}

// Parses, checks and stores documents of one kind inside one transaction.
class Ingester {
 public:
  Ingester(Transaction& txn, DocumentKind kind, const BorderPosts& posts,
           const std::vector<IngestListener*>& listeners)
      : txn_(txn), kind_(kind), posts_(posts), listeners_(listeners) {}

  // `json` has kJsonPadding readable bytes after it when `padded`.
  Status Add(std::string_view json, bool padded) {
    if (kind_ == DocumentKind::kDeclaration) {
      auto d = parser_.ParseDeclaration(json, padded);
      if (!d) return tl::unexpected(d.error());
      return AddDeclaration(*d);
    }
    auto p = parser_.ParsePayment(json, padded);
    if (!p) return tl::unexpected(p.error());
    return AddPayment(*p);
  }

  Status AddPayment(const Payment& p) {
    if (auto problems = ValidatePayment(p); !problems.empty()) {
      return tl::unexpected(FirstProblem(std::move(problems)));
    }
    auto outcome = txn_.PutPayment(p, source_);
    if (!outcome) return tl::unexpected(outcome.error());
    report_.counts.Add(*outcome);
    if (*outcome == PutOutcome::kUnchanged) return Ok();
    for (IngestListener* listener : listeners_) {
      if (auto s = listener->OnPayment(txn_, p); !s) return s;
    }
    return Ok();
  }

  Status AddDeclaration(const Declaration& d) {
    if (auto problems = ValidateDeclaration(d); !problems.empty()) {
      return tl::unexpected(FirstProblem(std::move(problems)));
    }
    auto outcome = txn_.PutDeclaration(d, source_);
    if (!outcome) return tl::unexpected(outcome.error());
    report_.counts.Add(*outcome);
    if (*outcome == PutOutcome::kInserted && DeclarationHasMovement(d)) {
      if (auto s = txn_.PutMovement(MovementForDeclaration(d, posts_)); !s) return s;
      ++report_.movements_opened;
    }
    if (*outcome == PutOutcome::kUnchanged) return Ok();
    for (IngestListener* listener : listeners_) {
      if (auto s = listener->OnDeclaration(txn_, d); !s) return s;
    }
    return Ok();
  }

  void set_source(std::string source) { source_ = std::move(source); }
  const IngestReport& report() const { return report_; }

 private:
  Transaction& txn_;
  DocumentKind kind_;
  const BorderPosts& posts_;
  const std::vector<IngestListener*>& listeners_;
  JsonDocumentParser parser_;
  std::string source_;
  IngestReport report_;
};

// `readable_after` bytes past the end of `text` may be read. simdjson reads up to
// SIMDJSON_PADDING bytes past a document; documents that have that many bytes of the input
// (or of `readable_after`) behind them are parsed in place, and only the last one or two of
// a batch are copied into the parser's padded buffer. So a batch is never copied whole.
Result<IngestReport> IngestInPlace(Store& store, DocumentKind kind, std::string_view text,
                                   size_t readable_after, const IngestOptions& options) {
  auto padded = [&](std::string_view doc) {
    const size_t doc_end = static_cast<size_t>(doc.data() + doc.size() - text.data());
    return doc_end + simdjson::SIMDJSON_PADDING <= text.size() + readable_after;
  };
  Error posts_error;
  const BorderPosts* posts = options.posts ? options.posts : DefaultPosts(&posts_error);
  if (posts == nullptr) return tl::unexpected(posts_error);

  auto txn = store.Begin();
  if (!txn) return tl::unexpected(txn.error());
  Ingester ingester(**txn, kind, *posts, options.listeners);
  ingester.set_source(options.source);
  auto located = [&](const Error& e, int64_t line) {
    return tl::unexpected(e.WithSource(options.source, line));
  };

  size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) {
    return located(Error{ErrorCode::kParse, "no document found (the input is empty)"}, 1);
  }
  const int64_t first_line = 1 + std::count(text.begin(), text.begin() + start, '\n');
  if (text[start] == '<' && kind == DocumentKind::kPayment) {
    if (!options.payment_xml) {
      return located(
          Error{ErrorCode::kParse, "XML payments are not read here (no pacs.008 reader)"},
          first_line);
    }
    auto payments = options.payment_xml(text, options.source);
    if (!payments) return tl::unexpected(payments.error());
    for (const Payment& p : *payments) {
      if (auto s = ingester.AddPayment(p); !s) return located(s.error(), 0);
    }
    if (auto s = (*txn)->Commit(); !s) return tl::unexpected(s.error());
    return ingester.report();
  }
  if (text[start] == '<') {
    NctsOptions ncts;
    ncts.source = options.source;
    if (options.ncts_schema_dir) {
      ncts.schema_dir = *options.ncts_schema_dir;
    } else if (auto shared = SharedDataDir()) {
      ncts.schema_dir = *shared + "/tracking/ncts";
    }
    auto d = ParseCc015c(text, ncts);
    if (!d) return tl::unexpected(d.error().WithSource(options.source, 0));
    if (auto s = ingester.AddDeclaration(*d); !s) return located(s.error(), 0);
    if (auto s = (*txn)->Commit(); !s) return tl::unexpected(s.error());
    return ingester.report();
  }

  // JSON Lines when the first non-blank line is a complete document; otherwise the input
  // is one document spread over several lines (as the spec examples are written).
  size_t first_end = text.find('\n', start);
  if (first_end == std::string_view::npos) first_end = text.size();
  simdjson::dom::parser probe;
  simdjson::dom::element probe_doc;
  const std::string_view first_doc = text.substr(start, first_end - start);
  const bool json_lines =
      probe.parse(first_doc.data(), first_doc.size(), !padded(first_doc)).get(probe_doc) ==
      simdjson::SUCCESS;

  if (!json_lines) {
    if (auto s = ingester.Add(text, padded(text)); !s) return located(s.error(), first_line);
  } else {
    int64_t line = 0;
    size_t next_progress = kProgressEvery;
    for (size_t pos = 0; pos < text.size();) {
      ++line;
      size_t end = text.find('\n', pos);
      if (end == std::string_view::npos) end = text.size();
      const std::string_view doc = text.substr(pos, end - pos);
      pos = end + 1;
      if (IsBlank(doc)) continue;
      if (auto s = ingester.Add(doc, padded(doc)); !s) return located(s.error(), line);
      if (options.progress && pos >= next_progress) {
        options.progress(std::min(pos, text.size()), text.size());
        next_progress = pos + kProgressEvery;
      }
    }
  }
  if (auto s = (*txn)->Commit(); !s) return tl::unexpected(s.error());
  if (options.progress) options.progress(text.size(), text.size());
  return ingester.report();
}

// A read-only private mapping of a whole regular file, pre-faulted: the kernel maps the
// page-cache pages it already holds instead of the process copying them into fresh memory
// (which, page fault by page fault, cost a tenth of an ingest).
class MappedFile {
 public:
  // nullopt when the file cannot be mapped (a pipe, an empty file): read it instead.
  static std::optional<MappedFile> Map(const std::string& path) {
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat st;
    void* data = MAP_FAILED;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
      data = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE | MAP_POPULATE,
                  fd, 0);
    }
    close(fd);
    if (data == MAP_FAILED) return std::nullopt;
    return MappedFile(static_cast<const char*>(data), static_cast<size_t>(st.st_size));
  }
  MappedFile(MappedFile&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)), size_(other.size_) {}
  MappedFile& operator=(MappedFile&&) = delete;
  ~MappedFile() {
    if (data_ != nullptr) munmap(const_cast<char*>(data_), size_);
  }

  std::string_view text() const { return {data_, size_}; }
  // The rest of the last page, which the mapping makes readable (and zero).
  size_t readable_after() const {
    const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    return (page - size_ % page) % page;
  }

 private:
  MappedFile(const char* data, size_t size) : data_(data), size_(size) {}
  const char* data_;
  size_t size_;
};

}  // namespace

Result<IngestReport> IngestText(Store& store, DocumentKind kind, std::string_view text,
                                const IngestOptions& options) {
  return IngestInPlace(store, kind, text, 0, options);
}

Result<IngestReport> IngestFile(Store& store, DocumentKind kind, const std::string& path,
                                IngestOptions options) {
  if (options.source.empty() || options.source == "api") options.source = path;
  if (auto mapped = MappedFile::Map(path)) {
    return IngestInPlace(store, kind, mapped->text(), mapped->readable_after(), options);
  }
  // Not mappable (a pipe, an empty file): read it whole.
  auto text = ReadFile(path);
  if (!text) return tl::unexpected(text.error());
  return IngestInPlace(store, kind, *text, 0, options);
}
}  // namespace keruen
