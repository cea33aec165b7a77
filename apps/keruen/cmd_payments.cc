// payments: check, ingest and review payments (pacs.008 XML or the JSON of
// shared/spec/payment.example.json): each gets release, hold or block with its reasons.
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "keruen/core/csv.h"
#include "keruen/core/json_codec.h"
#include "keruen/core/validate.h"
#include "keruen/ingest/ingest.h"
#include "keruen/payments/pacs008.h"
#include "keruen/payments/payment_decision.h"
#include "keruen/risk/rule_catalogue.h"
#include "keruen/screening/party_screening.h"
#include "keruen/screening/watchlists.h"

namespace keruen::cli {
namespace {

// What a payments command works with: the store, the screening over its lists (when any is
// imported) and a monitor that knows every stored declaration and payment, with the payment
// rules' numbers of the analysts' profile file (`profiles`; empty: the defaults).
struct PaymentsSession {
  std::unique_ptr<Store> store;
  std::optional<screening::LoadedScreener> screener;
  std::unique_ptr<screening::PartyScreening> screening;
  std::unique_ptr<payments::PaymentMonitor> monitor;
};

Result<std::unique_ptr<PaymentsSession>> OpenSession(Context& ctx, bool screen,
                                                     const std::string& profiles) {
  auto options = risk::LoadPaymentRuleOptions(profiles);
  if (!options) return tl::unexpected(options.error());
  auto session = std::make_unique<PaymentsSession>();
  auto store = ctx.OpenStore();
  if (!store) return tl::unexpected(store.error());
  session->store = std::move(*store);
  if (screen) {
    auto loaded = screening::LoadScreener(*session->store);
    if (loaded) {
      session->screener = std::move(*loaded);
      session->screening =
          std::make_unique<screening::PartyScreening>(*session->screener->screener, ctx.clock);
    } else if (loaded.error().code == ErrorCode::kNotFound) {
      std::fprintf(stderr,
                   "keruen: note: no sanctions list imported, parties and banks not screened "
                   "(keruen lists import)\n");
    } else {
      return tl::unexpected(loaded.error());
    }
  }
  session->monitor = std::make_unique<payments::PaymentMonitor>(ctx.clock, session->store.get(),
                                                                session->screening.get(), *options);
  auto counts = payments::LoadDeclarationIndex(*session->store, *session->monitor);
  if (!counts) return tl::unexpected(counts.error());
  std::fprintf(stderr, "payments linked against %lld stored declarations (%lld payments known)\n",
               static_cast<long long>(counts->declarations),
               static_cast<long long>(counts->payments));
  return session;
}

constexpr const char* kProfilesHelp =
    "Analysts' risk profile file: its F1-F4, link and decision settings apply (a file with "
    "mistakes is refused)";

// The payments of a file: one pacs.008 message, one JSON payment, or JSON Lines.
Result<std::vector<Payment>> ReadPayments(const std::string& path) {
  auto text = ReadFile(path);
  if (!text) return tl::unexpected(text.error());
  if (payments::LooksLikeXml(*text)) return payments::ParsePacs008(*text, path);
  std::vector<Payment> out;
  if (auto one = ParsePaymentJson(*text)) {
    if (auto valid = CheckPayment(*one); !valid) {
      return tl::unexpected(valid.error().WithSource(path, 1));
    }
    out.push_back(std::move(*one));
    return out;
  }
  JsonDocumentParser parser;
  int64_t line_number = 0;
  size_t start = 0;
  while (start < text->size()) {
    size_t end = text->find('\n', start);
    if (end == std::string::npos) end = text->size();
    const std::string_view line(text->data() + start, end - start);
    start = end + 1;
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    auto p = parser.ParsePayment(line);
    if (!p) return tl::unexpected(p.error().WithSource(path, line_number));
    if (auto valid = CheckPayment(*p); !valid) {
      return tl::unexpected(valid.error().WithSource(path, line_number));
    }
    out.push_back(std::move(*p));
  }
  return out;
}

void PrintDecision(const payments::PaymentDecision& d, bool json) {
  if (json) {
    std::string out;
    payments::AppendJson(d, out);
    std::printf("%s\n", out.c_str());
    return;
  }
  std::printf("%s: %s\n", d.payment.c_str(), d.outcome.c_str());
  for (const std::string& r : d.reasons) std::printf("  %s\n", r.c_str());
}

void Review(Context& ctx, const std::string& id, std::string_view outcome,
            const std::string& analyst, const std::string& reason) {
  auto store = ctx.OpenStore();
  if (!store) return ctx.Fail(store.error());
  auto decision = payments::ReviewHeldPayment(**store, ctx.clock, id, outcome, analyst, reason);
  if (!decision) {
    return ctx.Fail(decision.error(), decision.error().code == ErrorCode::kNotFound ? 2 : 1);
  }
  std::printf("%s: %s by %s (decision %s)\n", id.c_str(), decision->outcome.c_str(),
              analyst.c_str(), decision->id.c_str());
}

}  // namespace

void AddPaymentsCommand(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "payments",
      "Payments: release, hold or block each one (rules F1-F5 and sanctions screening), and "
      "review the held ones");
  cmd->require_subcommand(1);
  struct Args {
    std::string file;
    std::string id;
    std::string analyst;
    std::string reason;
    bool json = false;
    bool screen = true;
    std::string profiles;
  };
  auto args = std::make_shared<Args>();

  auto* check = cmd->add_subcommand(
      "check",
      "Decide the payments of a file without storing anything: pacs.008 XML, one JSON payment "
      "or JSON Lines");
  check->add_option("file", args->file, "The payments file")->required()->check(CLI::ExistingFile);
  check->add_flag("--json", args->json, "One JSON decision per line");
  check->add_flag("!--no-screen", args->screen, "Do not screen parties and banks");
  check->add_option("--profiles", args->profiles, kProfilesHelp)->check(CLI::ExistingFile);
  check->callback([&ctx, args] {
    auto read = ReadPayments(args->file);
    if (!read) return ctx.Fail(read.error());
    auto session = OpenSession(ctx, args->screen, args->profiles);
    if (!session) return ctx.Fail(session.error());
    for (const Payment& p : *read) {
      auto decision = (*session)->monitor->Decide(p);
      if (!decision) return ctx.Fail(decision.error());
      PrintDecision(*decision, args->json);
    }
  });

  auto* ingest = cmd->add_subcommand(
      "ingest",
      "Store the payments of a file (all or nothing) and record a decision and the alerts for "
      "each new or amended one");
  ingest->add_option("file", args->file, "The payments file")->required()->check(CLI::ExistingFile);
  ingest->add_flag("!--no-screen", args->screen, "Do not screen parties and banks");
  ingest->add_option("--profiles", args->profiles, kProfilesHelp)->check(CLI::ExistingFile);
  ingest->callback([&ctx, args] {
    auto session = OpenSession(ctx, args->screen, args->profiles);
    if (!session) return ctx.Fail(session.error());
    payments::PaymentMonitor& monitor = *(*session)->monitor;
    PutCounts counts;
    auto text = ReadFile(args->file);
    if (!text) return ctx.Fail(text.error());
    IngestOptions options;
    options.source = args->file;
    options.listeners.push_back(&monitor);
    options.payment_xml = payments::ParsePacs008;
    auto report = IngestText(*(*session)->store, DocumentKind::kPayment, *text, options);
    if (!report) {
      ctx.Fail(report.error());
      std::fprintf(stderr, "keruen: nothing from %s was stored\n", args->file.c_str());
      return;
    }
    counts = report->counts;
    std::printf(
        "%s: %lld payments (%lld new, %lld amended, %lld unchanged): %lld released, %lld held, "
        "%lld blocked, %lld alerts\n",
        args->file.c_str(), static_cast<long long>(counts.total()),
        static_cast<long long>(counts.inserted), static_cast<long long>(counts.amended),
        static_cast<long long>(counts.unchanged),
        static_cast<long long>(monitor.decided(payments::kRelease)),
        static_cast<long long>(monitor.decided(payments::kHold)),
        static_cast<long long>(monitor.decided(payments::kBlock)),
        static_cast<long long>(monitor.alerts_raised()));
  });

  auto* held =
      cmd->add_subcommand("held", "The payments waiting for an analyst (latest decision: hold)");
  held->add_flag("--json", args->json, "One JSON object per line");
  held->callback([&ctx, args] {
    auto store = ctx.OpenStore();
    if (!store) return ctx.Fail(store.error());
    auto list = payments::HeldPayments(**store);
    if (!list) return ctx.Fail(list.error());
    for (const payments::HeldPayment& h : *list) {
      if (args->json) {
        std::string out = "{\"payment\":";
        AppendJson(h.payment, out);
        out += ",\"decision\":";
        AppendJson(h.decision, out);
        out += "}";
        std::printf("%s\n", out.c_str());
        continue;
      }
      std::printf("%s  %.2f %s  %s -> %s  held %s\n", h.payment.id.c_str(),
                  h.payment.amount.amount(), h.payment.amount.currency.c_str(),
                  h.payment.debtor.party.name.c_str(), h.payment.creditor.party.name.c_str(),
                  FormatTimestamp(h.decision.decided_at).c_str());
      for (const std::string& r : h.decision.reasons) std::printf("  %s\n", r.c_str());
    }
    if (!args->json) std::printf("(%zu held)\n", list->size());
  });

  for (const std::string_view outcome : {payments::kRelease, payments::kBlock}) {
    auto* review = cmd->add_subcommand(
        std::string(outcome), std::string(outcome == payments::kRelease ? "Release" : "Block") +
                                  " a held payment (refused when it is not held)");
    review->add_option("id", args->id, "The payment id")->required();
    review->add_option("--analyst", args->analyst, "Who decides")->required();
    review->add_option("--reason", args->reason, "Why")->required();
    review->callback(
        [&ctx, args, outcome] { Review(ctx, args->id, outcome, args->analyst, args->reason); });
  }
}

}  // namespace keruen::cli
