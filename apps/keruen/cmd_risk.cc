// risk: the risk engine's rules, the analysts' profile files, and why a declaration got its
// lane.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "keruen/core/json_writer.h"
#include "keruen/risk/declaration_fields.h"
#include "keruen/risk/risk_service.h"
#include "keruen/screening/party_screening.h"
#include "keruen/screening/watchlists.h"

namespace keruen::cli {
namespace {

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

void PrintAssessmentJson(const Declaration& d, const risk::Assessment& a,
                         const std::vector<Decision>& recorded, const std::vector<Alert>& alerts,
                         const risk::RuleSettings& settings) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject()
      .Field("declaration", d.id)
      .Field("kind", DeclarationKindName(d.kind))
      .Field("score", a.score)
      .Field("lane", risk::LaneName(a.lane));
  w.Key("lane_reasons").BeginArray();
  for (const auto& r : a.lane_reasons) w.String(r);
  w.EndArray();
  w.Key("rules").BeginArray();
  for (const risk::RuleHit& h : a.hits) {
    w.BeginObject()
        .Field("rule", h.rule)
        .Field("strength", h.strength)
        .Field("points", settings.Get(h.rule, "weight") * h.strength)
        .Field("severity", SeverityName(h.severity))
        .Field("explanation", h.explanation)
        .Key("evidence")
        .Raw(h.evidence_json.empty() ? "{}" : h.evidence_json)
        .EndObject();
  }
  w.EndArray();
  w.Key("profiles").BeginArray();
  for (const risk::ProfileMatch& m : a.profiles) {
    w.BeginObject().Field("profile", m.profile).Field("score", m.score).Field("reason", m.reason);
    if (m.lane_floor) w.Field("lane_at_least", risk::LaneName(*m.lane_floor));
    w.Key("evidence").BeginArray();
    for (const auto& e : m.evidence) w.String(e);
    w.EndArray().EndObject();
  }
  w.EndArray();
  w.Key("recorded").BeginArray();
  for (const Decision& dec : recorded) {
    w.BeginObject()
        .Field("kind", dec.kind)
        .Field("outcome", dec.outcome)
        .Field("decided_by", dec.decided_by)
        .Field("decided_at", FormatTimestamp(dec.decided_at))
        .EndObject();
  }
  w.EndArray();
  w.Key("alerts").BeginArray();
  for (const Alert& al : alerts) {
    w.BeginObject()
        .Field("id", al.id)
        .Field("rule", al.rule)
        .Field("status", AlertStatusName(al.status))
        .Field("explanation", al.explanation)
        .EndObject();
  }
  w.EndArray().EndObject();
  std::printf("%s\n", out.c_str());
}

void PrintAssessmentText(const Declaration& d, const risk::Assessment& a,
                         const std::vector<Decision>& recorded, const std::vector<Alert>& alerts,
                         const risk::RuleSettings& settings) {
  std::printf("declaration %s: %s lodged %s, %s -> %s, %zu goods item(s)\n", d.id.c_str(),
              std::string(DeclarationKindName(d.kind)).c_str(),
              FormatTimestamp(d.lodged_at).c_str(), d.country_of_dispatch.c_str(),
              d.country_of_destination.c_str(), d.items.size());
  std::printf("lane %s, score %.0f\n", std::string(risk::LaneName(a.lane)).c_str(), a.score);
  for (const auto& r : a.lane_reasons) std::printf("  because %s\n", r.c_str());
  std::printf("rules (%zu):\n", a.hits.size());
  if (a.hits.empty()) std::printf("  none fired\n");
  for (const risk::RuleHit& h : a.hits) {
    const risk::RuleSpec* spec = risk::FindRule(h.rule);
    std::printf("  %-3s %+6.1f  %-8s %s: %s\n", h.rule.c_str(),
                settings.Get(h.rule, "weight") * h.strength,
                std::string(SeverityName(h.severity)).c_str(), spec ? spec->title.c_str() : "",
                h.explanation.c_str());
  }
  if (!a.profiles.empty()) std::printf("profiles (%zu):\n", a.profiles.size());
  for (const risk::ProfileMatch& m : a.profiles) {
    std::printf("  %-24s %+6.1f%s: %s\n", m.profile.c_str(), m.score,
                m.lane_floor
                    ? (" lane at least " + std::string(risk::LaneName(*m.lane_floor))).c_str()
                    : "",
                m.reason.c_str());
    for (const auto& e : m.evidence) std::printf("      %s\n", e.c_str());
  }
  for (const Decision& dec : recorded) {
    std::printf("recorded: %s %s by %s at %s\n", dec.kind.c_str(), dec.outcome.c_str(),
                dec.decided_by.c_str(), FormatTimestamp(dec.decided_at).c_str());
  }
  if (!alerts.empty()) std::printf("alerts on the declaration and its movement:\n");
  for (const Alert& al : alerts) {
    std::printf("  %s %-3s %-9s %s\n", al.id.c_str(), al.rule.c_str(),
                std::string(AlertStatusName(al.status)).c_str(), al.explanation.c_str());
  }
}

}  // namespace

void AddRiskCommand(CLI::App& app, Context& ctx) {
  auto* risk_cmd = app.add_subcommand(
      "risk",
      "The risk engine: rules, analysts' profile files, and why a declaration got its lane");
  risk_cmd->require_subcommand(1);
  struct Args {
    std::string id;
    std::string profiles;
    std::string file;
    bool json = false;
  };
  auto args = std::make_shared<Args>();

  auto* explain = risk_cmd->add_subcommand(
      "explain",
      "Assess a stored declaration again, as of its lodging (every declaration before it is "
      "replayed), and show each rule's evidence, the profiles that matched and the lane");
  explain->add_option("declaration", args->id, "The declaration id")->required();
  explain
      ->add_option("--profiles", args->profiles,
                   "Analysts' profile file (default: the built-in defaults)")
      ->check(CLI::ExistingFile);
  explain->add_flag("--json", args->json, "Print JSON");
  explain->callback([&ctx, args] {
    auto store = ctx.OpenStore();
    if (!store) return ctx.Fail(store.error());
    auto stored = (*store)->GetDeclaration(args->id);
    if (!stored) return ctx.Fail(stored.error());
    if (!*stored) return ctx.Fail("no declaration " + args->id + " in " + ctx.db);
    // Sanctions screening when lists are imported, as at ingest.
    std::optional<screening::LoadedScreener> loaded;
    std::unique_ptr<screening::PartyScreening> party_screening;
    if (auto screener = screening::LoadScreener(**store)) {
      loaded = std::move(*screener);
      party_screening = std::make_unique<screening::PartyScreening>(*loaded->screener, ctx.clock);
    }
    auto goods = goods::ControlledGoods::Load(goods::ControlledGoods::DefaultSources());
    if (!goods) return ctx.Fail(goods.error());
    std::shared_ptr<const risk::ProfileSet> profiles;
    if (!args->profiles.empty()) {
      auto set = risk::LoadProfiles(args->profiles, risk::RiskProfileSchema());
      if (!set) return ctx.Fail(set.error(), 2);
      profiles = std::make_shared<const risk::ProfileSet>(std::move(*set));
    }
    risk::RiskEngine engine(*goods, ctx.clock, profiles, party_screening.get());
    auto assessment = risk::ReplayStored(**store, engine, args->id);
    if (!assessment) return ctx.Fail(assessment.error());
    auto recorded = (*store)->DecisionsFor({"declaration", args->id});
    if (!recorded) return ctx.Fail(recorded.error());
    std::vector<Alert> alerts;
    for (const char* type : {"declaration", "movement"}) {
      auto page =
          (*store)->FindAlerts({.subject_type = type, .subject_id = args->id, .limit = 1000});
      if (!page) return ctx.Fail(page.error());
      alerts.insert(alerts.end(), page->items.begin(), page->items.end());
    }
    const Declaration& d = (*stored)->value;
    if (args->json) {
      PrintAssessmentJson(d, **assessment, *recorded, alerts, engine.settings());
    } else {
      PrintAssessmentText(d, **assessment, *recorded, alerts, engine.settings());
    }
  });

  auto* rules = risk_cmd->add_subcommand(
      "rules", "The built-in rules and their parameters (as a profile file may set them)");
  rules->add_option("--profiles", args->profiles, "Show the values this profile file sets")
      ->check(CLI::ExistingFile);
  rules->callback([&ctx, args] {
    std::shared_ptr<const risk::ProfileSet> profiles = risk::DefaultProfiles();
    if (!args->profiles.empty()) {
      auto set = risk::LoadProfiles(args->profiles, risk::RiskProfileSchema());
      if (!set) return ctx.Fail(set.error(), 2);
      profiles = std::make_shared<const risk::ProfileSet>(std::move(*set));
    }
    auto print_params = [&](std::string_view id) {
      for (const risk::RuleParam& p : risk::BuiltInParams()) {
        if (p.rule != id) continue;
        const double value = profiles->Param(p.rule, p.name);
        std::printf(
            "    %-36s %-10s %s%s\n", (p.rule + " " + p.name).c_str(), Number(value).c_str(),
            p.help.c_str(),
            value != p.default_value ? (" [default " + Number(p.default_value) + "]").c_str() : "");
      }
    };
    for (const risk::RuleSpec& rule : risk::BuiltInRules()) {
      std::printf("%-3s %s (from %s)\n", rule.id.c_str(), rule.title.c_str(),
                  std::string(risk::RuleSourceName(rule.source)).c_str());
      print_params(rule.id);
    }
    // The payment monitor's settings that belong to no single rule ("link", "decision").
    std::vector<std::string> groups;
    for (const risk::RuleParam& p : risk::BuiltInParams()) {
      if (!risk::FindRule(p.rule) &&
          std::find(groups.begin(), groups.end(), p.rule) == groups.end())
        groups.push_back(p.rule);
    }
    for (const std::string& group : groups) {
      std::printf("%s (payment monitor settings, no rule)\n", group.c_str());
      print_params(group);
    }
  });

  auto* fields = risk_cmd->add_subcommand("fields", "The fields profile conditions may test");
  fields->callback([] {
    for (const risk::FieldSpec& f : risk::RiskProfileSchema().fields) {
      const char* type = f.type == risk::FieldType::kNumber ? "number"
                         : f.type == risk::FieldType::kDate ? "date"
                                                            : "text";
      std::printf("%-28s %-6s %s%s\n", f.name.c_str(), type, f.per_item ? "(per item) " : "",
                  f.help.c_str());
    }
  });

  auto* check = risk_cmd->add_subcommand(
      "check", "Check a profile file: every mistake with its line and column, or a summary");
  check->add_option("file", args->file, "The profile file")->required()->check(CLI::ExistingFile);
  check->callback([&ctx, args] {
    auto set = risk::LoadProfiles(args->file, risk::RiskProfileSchema());
    if (!set) {
      std::fprintf(stderr, "%s\n", set.error().message.c_str());
      std::fprintf(stderr, "keruen: %s refused: nothing in it takes effect\n", args->file.c_str());
      ctx.exit_code = 2;
      return;
    }
    const risk::LaneConfig& l = set->lanes();
    std::printf(
        "%s: %zu profiles; lanes red from %g, yellow from %g, blue from %g; expected rates red "
        "%g %%, yellow %g %%, blue %g %%; random at least %g %% to %s\n",
        args->file.c_str(), set->profiles().size(), l.red_from, l.yellow_from, l.blue_from,
        l.red_rate * 100, l.yellow_rate * 100, l.blue_rate * 100, l.random_rate * 100,
        std::string(risk::LaneName(l.random_lane)).c_str());
    for (const risk::Profile& p : set->profiles()) {
      std::printf("  %-28s line %-4d %s%s\n", p.name.c_str(), p.line, p.title.c_str(),
                  p.enabled ? "" : " (disabled)");
    }
  });
}

}  // namespace keruen::cli
