// eval: measuring the engines' quality on labelled data. `eval screening` prints precision,
// recall and F1 of the sanctions screener by threshold and category (docs/screening-eval.md).
#include <cstdio>
#include <filesystem>
#include <memory>

#include "commands.h"
#include "keruen/core/csv.h"
#include "keruen/core/paths.h"
#include "keruen/screening/eval/evaluation.h"
#include "keruen/screening/eval/list_variants.h"
#include "keruen/screening/eval/pair_datasets.h"
#include "keruen/screening/eval/query_datasets.h"
#include "keruen/screening/eval/report.h"
#include "keruen/screening/lists/import.h"
#include "keruen/screening/match/screener.h"
#include "keruen/screening/watchlists.h"
#include "progress.h"

namespace keruen::cli {
namespace {

namespace fs = std::filesystem;
namespace ev = screening::eval;

struct EvalArgs {
  std::string json_out;
  std::string write_generated;
  std::vector<std::string> pair_files;
  uint64_t seed = 1;
  size_t max_negatives = 50'000;
  size_t examples = 10;
};

// The public lists, imported afresh from the shared data (the evaluation does not depend on
// what a database happens to hold).
Result<std::vector<screening::ListEntry>> PublicEntries(const fs::path& sanctions_dir) {
  std::vector<screening::ListEntry> entries;
  for (const auto& source : screening::DefaultListSources(sanctions_dir)) {
    auto snapshot = screening::ImportList(source.format, source.path);
    if (!snapshot) return tl::unexpected(snapshot.error());
    for (auto& e : snapshot->entries) entries.push_back(std::move(e));
  }
  return entries;
}

void RunScreeningEval(Context& ctx, const EvalArgs& args) {
  auto shared = SharedDataDir();
  if (!shared) {
    return ctx.Fail(
        "the evaluation data is in ../shared/data/sanctions; none found (set "
        "--data-dir or KERUEN_DATA_DIR)",
        2);
  }
  const fs::path sanctions = fs::path(*shared) / "sanctions";
  const auto start = std::chrono::steady_clock::now();
  auto analyzer = screening::NameAnalyzer::Create(screening::DefaultTranslitDir());
  if (!analyzer) return ctx.Fail(analyzer.error());
  auto entries = PublicEntries(sanctions);
  if (!entries) return ctx.Fail(entries.error());

  // Pair sets: the public ones, any analyst files, and variants generated from real entries.
  auto public_sets = ev::LoadPublicPairSets(sanctions / "eval");
  if (!public_sets) return ctx.Fail(public_sets.error());
  std::vector<ev::PairDataset> pair_sets = std::move(*public_sets);
  for (const std::string& file : args.pair_files) {
    auto set = ev::ReadPairsCsv(file);
    if (!set) return ctx.Fail(set.error(), 2);
    pair_sets.push_back(std::move(*set));
  }
  auto generated = ev::GenerateListVariants(*entries, **analyzer, {.seed = args.seed});
  if (!generated) return ctx.Fail(generated.error());
  if (!args.write_generated.empty()) {
    if (auto written = ev::WritePairsCsv(*generated, args.write_generated); !written) {
      return ctx.Fail(written.error());
    }
  }
  pair_sets.push_back(std::move(*generated));

  auto congress =
      ev::LoadUsCongressQueries(sanctions / "eval" / "yente_candidate_generation",
                                {.seed = args.seed, .max_negatives = args.max_negatives});
  if (!congress) return ctx.Fail(congress.error());

  // One screener over the real lists scores the pairs (word weights from real names); one
  // over the lists plus the watch list answers the queries, so a negative hitting a real
  // listed name counts as the false alarm it would be in production.
  std::vector<screening::ListEntry> with_watch_list = *entries;
  with_watch_list.insert(with_watch_list.end(), congress->watch_list.begin(),
                         congress->watch_list.end());
  auto lists_screener = screening::Screener::Build(std::move(*entries), **analyzer);
  if (!lists_screener) return ctx.Fail(lists_screener.error());
  auto query_screener = screening::Screener::Build(std::move(with_watch_list), **analyzer);
  if (!query_screener) return ctx.Fail(query_screener.error());

  ev::EvalOptions options;
  options.default_threshold = screening::kDefaultThreshold;
  options.max_examples = args.examples;
  const double lowest =
      options.thresholds.empty() ? options.default_threshold : options.thresholds.front();
  ev::PairScorer scorer = [&](std::string_view a, std::string_view b) {
    return (*lists_screener)->ScoreNames(a, b).score;
  };
  // Queries are screened as a caller would, with the birth date and the kind of subject the
  // dataset gives; and once more by name alone, the hardest case, reported beside it.
  bool name_only = false;
  ev::QueryScreener screen = [&](const ev::LabeledQuery& query) {
    screening::ScreeningQuery q;
    q.name = query.name;
    if (!name_only) {
      q.birth_date = query.birth_date;
      q.type = query.type;
    }
    std::vector<ev::ScreenedHit> hits;
    for (const screening::Hit& hit :
         (*query_screener)->Screen(q, screening::ScreenOptions{lowest, 20})) {
      hits.push_back(ev::ScreenedHit{ev::EntryKey{hit.list, hit.id}, hit.score});
    }
    return hits;
  };

  ev::EvalReport report;
  report.default_threshold = options.default_threshold;
  ProgressBar bar("evaluating");
  for (size_t i = 0; i < pair_sets.size(); ++i) {
    bar.Update(static_cast<double>(i) / static_cast<double>(pair_sets.size() + 1),
               pair_sets[i].name);
    report.datasets.push_back(ev::EvaluatePairs(pair_sets[i], scorer, options));
  }
  bar.Update(static_cast<double>(pair_sets.size()) / static_cast<double>(pair_sets.size() + 1),
             congress->name);
  report.datasets.push_back(ev::EvaluateQueries(*congress, screen, options));
  name_only = true;
  report.datasets.push_back(ev::EvaluateQueries(*congress, screen, options));
  report.datasets.back().name += "-name-only";
  bar.Finish();
  report.goals = ev::CheckGoals(report.datasets, ev::DefaultGoals(), options.default_threshold);

  std::fputs(ev::FormatReportText(report).c_str(), stdout);
  std::printf("\nevaluated in %.1f s\n", SecondsSince(start));
  if (!args.json_out.empty()) {
    if (auto written = WriteFileAtomically(args.json_out, ev::FormatReportJson(report)); !written) {
      return ctx.Fail(written.error());
    }
  }
}

}  // namespace

void AddEvalCommand(CLI::App& app, Context& ctx) {
  auto* eval = app.add_subcommand("eval", "Measure the engines' quality on labelled data");
  eval->require_subcommand(1);
  auto args = std::make_shared<EvalArgs>();
  auto* cmd = eval->add_subcommand(
      "screening",
      "Precision, recall and F1 of sanctions screening by threshold and category: public pair "
      "sets, US Congress members against 50,000 synthetic persons, and variants generated from "
      "the real lists");
  cmd->add_option("--json", args->json_out, "Also write the full report as JSON to this file");
  cmd->add_option("--write-generated", args->write_generated,
                  "Write the pairs generated from the lists to this CSV (to inspect or extend)");
  cmd->add_option("--pairs", args->pair_files,
                  "An analyst-maintained CSV of labelled pairs (name1,name2,label,category); "
                  "repeatable")
      ->check(CLI::ExistingFile);
  cmd->add_option("--seed", args->seed, "Seed of the generated variants")->capture_default_str();
  cmd->add_option("--max-negatives", args->max_negatives,
                  "How many of the 50,000 synthetic persons to screen")
      ->capture_default_str();
  cmd->add_option("--examples", args->examples,
                  "How many of the worst misses and false alarms to list per dataset (the JSON "
                  "report holds as many)")
      ->capture_default_str();
  cmd->callback([&ctx, args] { RunScreeningEval(ctx, *args); });
}

}  // namespace keruen::cli
