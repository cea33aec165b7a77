// cases: the queue of stories the engines found, and the analysts' work on them.
#include <cstdio>
#include <memory>
#include <string>

#include "commands.h"
#include "keruen/cases/case_story.h"
#include "keruen/cases/cases.h"
#include "keruen/ledger/warehouse_loader.h"

namespace keruen::cli {

void AddCasesCommand(CLI::App& app, Context& ctx) {
  auto* cases_cmd = app.add_subcommand(
      "cases",
      "Cases: one per story (the truck, the goods and lists, the ledger, the money), with the "
      "evidence of each rule; the queue, assignment and disposition");
  struct Args {
    cases::CaseFilter filter;
    size_t limit = 20;
    bool json = false;
    std::string id;
    std::string analyst;
    std::string outcome;
    std::string reason;
  };
  auto args = std::make_shared<Args>();

  auto list = [&ctx, args] {
    auto store = ctx.OpenStore();
    if (!store) return ctx.Fail(store.error());
    auto all = cases::BuildCases(**store, args->filter);
    if (!all) return ctx.Fail(all.error());
    if (args->json) {
      std::string out;
      JsonWriter w(out);
      w.BeginObject().Field("total", static_cast<int64_t>(all->size())).Key("cases").BeginArray();
      for (size_t i = 0; i < all->size() && i < args->limit; ++i) AppendJson(w, (*all)[i], false);
      w.EndArray().EndObject();
      std::printf("%s\n", out.c_str());
      return;
    }
    std::printf(
        "%zu case(s)%s\n", all->size(),
        all->size() > args->limit ? (", the first " + std::to_string(args->limit)).c_str() : "");
    for (size_t i = 0; i < all->size() && i < args->limit; ++i) {
      const cases::Case& c = (*all)[i];
      std::printf("%-24s %-14s %-8s %3zu alert(s)  %s%s\n", c.id.c_str(),
                  std::string(cases::CaseStatusName(c.status)).c_str(),
                  std::string(SeverityName(c.severity)).c_str(), c.alerts.size(), c.summary.c_str(),
                  c.assignee.empty() ? "" : (" [" + c.assignee + "]").c_str());
    }
  };
  auto add_filters = [args](CLI::App* cmd) {
    cmd->add_option("--status", args->filter.status,
                    "open, assigned, true_positive or false_positive")
        ->check(CLI::IsMember({"open", "assigned", "true_positive", "false_positive"}));
    cmd->add_option("--rule", args->filter.rule, "Cases with an alert of this rule (G2, T1...)");
    cmd->add_option("--assignee", args->filter.assignee, "Cases assigned to this analyst");
    cmd->add_option("--document", args->filter.document, "Cases about this declaration or payment");
    cmd->add_option("--limit", args->limit, "How many to print")->capture_default_str();
    cmd->add_flag("--json", args->json, "Print JSON");
  };
  add_filters(cases_cmd);
  auto* list_cmd = cases_cmd->add_subcommand("list", "The queue, highest priority first (default)");
  add_filters(list_cmd);
  list_cmd->callback(list);
  cases_cmd->callback([cases_cmd, list] {
    if (cases_cmd->get_subcommands().empty()) list();
  });

  auto* show = cases_cmd->add_subcommand(
      "show", "One case told whole: declarations, goods and lists, movement, ledger, payments");
  show->add_option("case", args->id, "The case id (CASE-...)")->required();
  show->add_flag("--json", args->json, "Print JSON");
  show->callback([&ctx, args] {
    auto store = ctx.OpenStore();
    if (!store) return ctx.Fail(store.error());
    auto c = cases::GetCase(**store, args->id);
    if (!c) return ctx.Fail(c.error());
    auto goods = goods::ControlledGoods::Load(goods::ControlledGoods::DefaultSources());
    if (!goods) return ctx.Fail(goods.error());
    ledger::VirtualWarehouse warehouse;
    std::vector<ledger::Finding> findings;
    if (auto read = ledger::LoadWarehouse(**store, warehouse, findings); !read) {
      return ctx.Fail(read.error());
    }
    auto story = cases::TellStory(**store, *c, *goods,
                                  [&](const std::string& party, const std::string& hs6) {
                                    const ledger::Balance* b = warehouse.Find(party, hs6);
                                    return b ? std::optional<ledger::Balance>(*b) : std::nullopt;
                                  });
    if (!story) return ctx.Fail(story.error());
    if (args->json) {
      std::string out;
      JsonWriter w(out);
      cases::AppendJson(w, *story);
      std::printf("%s\n", out.c_str());
    } else {
      std::printf("%s", cases::RenderText(*story).c_str());
    }
  });

  auto* assign = cases_cmd->add_subcommand("assign", "Assign a case to an analyst");
  assign->add_option("case", args->id, "The case id")->required();
  assign->add_option("--analyst", args->analyst, "Who takes it")->required();
  assign->callback([&ctx, args] {
    auto store = ctx.OpenStore();
    if (!store) return ctx.Fail(store.error());
    auto c = cases::AssignCase(**store, args->id, args->analyst, ctx.clock);
    if (!c) return ctx.Fail(c.error());
    std::printf("%s assigned to %s (%zu alerts)\n", c->id.c_str(), c->assignee.c_str(),
                c->alerts.size());
  });

  auto* close = cases_cmd->add_subcommand(
      "close",
      "Close a case as a true or a false positive; a false positive clears its facts, so the same "
      "facts seen again raise no new case");
  close->add_option("case", args->id, "The case id")->required();
  close->add_option("--outcome", args->outcome, "true_positive or false_positive")
      ->required()
      ->check(CLI::IsMember({"true_positive", "false_positive"}));
  close->add_option("--analyst", args->analyst, "Who decides")->required();
  close->add_option("--reason", args->reason, "Why (required for a false positive)");
  close->callback([&ctx, args] {
    auto store = ctx.OpenStore();
    if (!store) return ctx.Fail(store.error());
    auto c = cases::DisposeCase(**store, args->id, args->outcome, args->analyst, args->reason,
                                ctx.clock);
    if (!c) return ctx.Fail(c.error());
    std::printf("%s closed as %s by %s\n", c->id.c_str(),
                std::string(cases::CaseStatusName(c->status)).c_str(), args->analyst.c_str());
  });
}

}  // namespace keruen::cli
