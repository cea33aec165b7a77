// audit: verify the hash-chained audit log, list its records, print its head (the anchor to
// keep outside the database). See docs/audit.md.
#include <charconv>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "commands.h"
#include "keruen/audit/audit_chain.h"
#include "keruen/core/json_writer.h"

namespace keruen::cli {
namespace {

// Records read per AuditLog call while verifying.
constexpr int64_t kVerifyPage = 1000;
// Exit code of `audit verify` when the log was tampered with (1 is any other failure).
constexpr int kBrokenChainExit = 3;

// "SEQ:HASH" as `keruen audit head` prints it.
Result<AuditHeadInfo> ParseAnchor(const std::string& text) {
  const size_t colon = text.find(':');
  AuditHeadInfo anchor;
  const char* end = text.data() + (colon == std::string::npos ? text.size() : colon);
  const auto [ptr, ec] = std::from_chars(text.data(), end, anchor.seq);
  if (colon == std::string::npos || ec != std::errc() || ptr != end || anchor.seq < 0) {
    return InvalidArgument("--head", "must be SEQ:HASH as `keruen audit head` prints it");
  }
  anchor.hash = text.substr(colon + 1);
  if (anchor.hash.size() != 64 ||
      anchor.hash.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return InvalidArgument("--head", "the hash must be 64 lowercase hex digits");
  }
  return anchor;
}

// Checks the whole log against its head (and `anchor`, when given). Prints the result;
// fails the command with kBrokenChainExit when the log was tampered with.
void Verify(Context& ctx, Store& store, const std::optional<AuditHeadInfo>& anchor) {
  audit::ChainVerifier verifier;
  std::optional<std::string> anchor_problem;
  int64_t last = 0;
  AuditHeadInfo head;
  // The head is read after the records, so records committed meanwhile make it run ahead of
  // what was read: then read on. A head still ahead once nothing more can be read means the
  // newest records are gone, which Finish reports.
  for (;;) {
    auto page = store.AuditLog(last, kVerifyPage);
    if (!page) return ctx.Fail(page.error());
    for (const audit::AuditRecord& r : *page) {
      if (!verifier.Add(r)) break;
      last = r.seq;
      if (anchor && r.seq == anchor->seq && r.hash != anchor->hash) {
        anchor_problem = "record " + std::to_string(r.seq) +
                         " differs from the anchor kept outside: the log was rewritten up to "
                         "there (or the anchor is from another database)";
      }
    }
    if (!verifier.intact()) break;
    if (static_cast<int64_t>(page->size()) == kVerifyPage) continue;
    auto read_head = store.AuditHead();
    if (!read_head) return ctx.Fail(read_head.error());
    head = *read_head;
    if (head.seq <= last || page->empty()) {
      verifier.Finish(head.seq, head.hash);
      break;
    }
  }
  if (!verifier.intact()) {
    return ctx.Fail("audit log broken at record " + std::to_string(verifier.broken_at()) + ": " +
                        verifier.problem(),
                    kBrokenChainExit);
  }
  if (anchor && anchor->seq > last) {
    anchor_problem = "the anchor names record " + std::to_string(anchor->seq) +
                     " but the log ends at record " + std::to_string(last) +
                     ": the log and its head were cut back";
  }
  if (anchor && anchor->seq == 0 && anchor->hash != audit::kGenesisHash) {
    anchor_problem = "an anchor at record 0 must be the genesis hash";
  }
  if (anchor_problem) return ctx.Fail("audit log rewritten: " + *anchor_problem, kBrokenChainExit);
  std::printf("audit log intact: %lld records, head %lld %s\n",
              static_cast<long long>(verifier.checked()), static_cast<long long>(head.seq),
              head.hash.c_str());
  if (anchor) {
    std::printf("matches the anchor at record %lld\n", static_cast<long long>(anchor->seq));
  }
}

std::string RecordJson(const audit::AuditRecord& r) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Field("seq", r.seq).Field("at", FormatTimestamp(r.at));
  w.Field("action", r.action);
  w.Key("subject").BeginObject().Field("type", r.subject_type).Field("id", r.subject_id);
  w.EndObject().Field("actor", r.actor).Key("details");
  // Written by the store as JSON; a record edited into something else is shown as text.
  if (nlohmann::json::accept(r.details_json)) {
    w.Raw(r.details_json);
  } else {
    w.String(r.details_json);
  }
  w.Field("prev_hash", r.prev_hash).Field("hash", r.hash).EndObject();
  return out;
}

}  // namespace

void AddAuditCommand(CLI::App& app, Context& ctx) {
  auto* audit_cmd = app.add_subcommand(
      "audit", "The hash-chained log of decisions, list imports and alert status changes");
  audit_cmd->require_subcommand(1);
  struct Args {
    std::string anchor;
    int64_t after = 0;
    int64_t limit = 100;
    bool json = false;
  };
  auto args = std::make_shared<Args>();

  auto* verify = audit_cmd->add_subcommand(
      "verify",
      "Check that no record was edited, reordered or deleted; exit 3 with the first broken record "
      "when one was");
  verify->add_option("--head", args->anchor,
                     "SEQ:HASH printed earlier by `keruen audit head` and kept outside the "
                     "database: the log must still pass through it");
  verify->callback([&ctx, args] {
    std::optional<AuditHeadInfo> anchor;
    if (!args->anchor.empty()) {
      auto parsed = ParseAnchor(args->anchor);
      if (!parsed) return ctx.Fail(parsed.error());
      anchor = *parsed;
    }
    auto store = ctx.OpenStore();
    if (!store) return ctx.Fail(store.error());
    Verify(ctx, **store, anchor);
  });

  auto* log = audit_cmd->add_subcommand("log", "The records, oldest first, one per line");
  log->add_option("--after", args->after, "Start after this sequence number")
      ->check(CLI::NonNegativeNumber);
  log->add_option("--limit", args->limit, "At most this many records")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  log->add_flag("--json", args->json, "One JSON object per line, with details and hashes");
  log->callback([&ctx, args] {
    auto store = ctx.OpenStore();
    if (!store) return ctx.Fail(store.error());
    auto records = (*store)->AuditLog(args->after, args->limit);
    if (!records) return ctx.Fail(records.error());
    for (const audit::AuditRecord& r : *records) {
      if (args->json) {
        std::printf("%s\n", RecordJson(r).c_str());
      } else {
        std::printf("%lld  %s  %-12s  %s %s  by %s\n", static_cast<long long>(r.seq),
                    FormatTimestamp(r.at).c_str(), r.action.c_str(), r.subject_type.c_str(),
                    r.subject_id.c_str(), r.actor.c_str());
      }
    }
  });

  auto* head = audit_cmd->add_subcommand(
      "head",
      "Print SEQ:HASH of the newest record: keep it outside the database for verify --head");
  head->callback([&ctx] {
    auto store = ctx.OpenStore();
    if (!store) return ctx.Fail(store.error());
    auto current = (*store)->AuditHead();
    if (!current) return ctx.Fail(current.error());
    std::printf("%lld:%s\n", static_cast<long long>(current->seq), current->hash.c_str());
  });
}

}  // namespace keruen::cli
