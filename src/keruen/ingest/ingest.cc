#include "keruen/ingest/ingest.h"

#include <simdjson.h>

#include <algorithm>

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
  Ingester(Transaction& txn, DocumentKind kind, const BorderPosts& posts)
      : txn_(txn), kind_(kind), posts_(posts) {}

  // `json` has kJsonPadding readable bytes after it when `padded`.
  Status Add(std::string_view json, bool padded) {
    if (kind_ == DocumentKind::kDeclaration) {
      auto d = parser_.ParseDeclaration(json, padded);
      if (!d) return tl::unexpected(d.error());
      return AddDeclaration(*d);
    }
    auto p = parser_.ParsePayment(json, padded);
    if (!p) return tl::unexpected(p.error());
    if (auto problems = ValidatePayment(*p); !problems.empty()) {
      return tl::unexpected(FirstProblem(std::move(problems)));
    }
    auto outcome = txn_.PutPayment(*p, source_);
    if (!outcome) return tl::unexpected(outcome.error());
    report_.counts.Add(*outcome);
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
    return Ok();
  }

  void set_source(std::string source) { source_ = std::move(source); }
  const IngestReport& report() const { return report_; }

 private:
  Transaction& txn_;
  DocumentKind kind_;
  const BorderPosts& posts_;
  JsonDocumentParser parser_;
  std::string source_;
  IngestReport report_;
};

// `text` must be followed by kJsonPadding readable bytes.
Result<IngestReport> IngestPadded(Store& store, DocumentKind kind, std::string_view text,
                                  const IngestOptions& options) {
  Error posts_error;
  const BorderPosts* posts = options.posts ? options.posts : DefaultPosts(&posts_error);
  if (posts == nullptr) return tl::unexpected(posts_error);

  auto txn = store.Begin();
  if (!txn) return tl::unexpected(txn.error());
  Ingester ingester(**txn, kind, *posts);
  ingester.set_source(options.source);
  auto located = [&](const Error& e, int64_t line) {
    return tl::unexpected(e.WithSource(options.source, line));
  };

  size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) {
    return located(Error{ErrorCode::kParse, "no document found (the input is empty)"}, 1);
  }
  const int64_t first_line = 1 + std::count(text.begin(), text.begin() + start, '\n');
  if (text[start] == '<') {
    if (kind != DocumentKind::kDeclaration) {
      return located(
          Error{ErrorCode::kParse, "XML is accepted for declarations only (NCTS CC015C)"},
          first_line);
    }
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
  const bool json_lines =
      probe.parse(text.data() + start, first_end - start, false).get(probe_doc) ==
      simdjson::SUCCESS;

  if (!json_lines) {
    if (auto s = ingester.Add(text, true); !s) return located(s.error(), first_line);
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
      if (auto s = ingester.Add(doc, true); !s) return located(s.error(), line);
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

}  // namespace

Result<IngestReport> IngestText(Store& store, DocumentKind kind, std::string_view text,
                                const IngestOptions& options) {
  const simdjson::padded_string padded(text);
  return IngestPadded(store, kind, std::string_view(padded.data(), padded.size()), options);
}

Result<IngestReport> IngestFile(Store& store, DocumentKind kind, const std::string& path,
                                IngestOptions options) {
  if (options.source.empty() || options.source == "api") options.source = path;
  simdjson::padded_string text;
  if (simdjson::padded_string::load(path).get(text) != simdjson::SUCCESS) {
    return IoError("cannot read " + path);
  }
  return IngestPadded(store, kind, std::string_view(text.data(), text.size()), options);
}

}  // namespace keruen
