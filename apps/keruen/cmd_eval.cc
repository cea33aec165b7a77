// eval: measuring the engines' quality on labelled data. `eval screening` prints precision,
// recall and F1 of the sanctions screener by threshold and category (docs/screening-eval.md).
#include <cstdio>
#include <filesystem>
#include <map>
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
#include "keruen/sim/simulator.h"
#include "keruen/store/sqlite_store.h"
#include "progress.h"
#include "world.h"

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

struct DetectionArgs {
  std::vector<uint64_t> seeds = {101, 202};
  int days = 30;
  int scale = 1000;
  std::string out_dir = "keruen-eval-detection";
  std::string profiles;
  std::string json_out;
};

// Simulates one world per seed, runs it through every engine into a fresh database (the lists
// imported once and copied), and measures each planted scheme's recall and precision.
void RunDetectionEval(Context& ctx, const DetectionArgs& args) {
  fs::create_directories(args.out_dir);
  // The sanctions lists, imported once.
  const std::string lists_db = (fs::path(args.out_dir) / "lists.db").string();
  if (!fs::exists(lists_db)) {
    auto store = SqliteStore::Open(lists_db + ".tmp", ctx.clock);
    if (!store) return ctx.Fail(store.error());
    if (auto s = ImportSharedLists(**store, false); !s) return ctx.Fail(s.error());
    store->reset();  // closes and checkpoints the database
    fs::rename(lists_db + ".tmp", lists_db);
  }
  std::map<Scheme, SchemeDetection> pooled;
  std::string json;
  JsonWriter w(json);
  w.BeginObject().Key("seeds").BeginArray();
  for (uint64_t seed : args.seeds) {
    SimOptions sim;
    sim.seed = seed;
    sim.days = args.days;
    sim.scale = args.scale;
    const std::string dir = (fs::path(args.out_dir) / ("seed-" + std::to_string(seed))).string();
    ProgressBar bar("simulate seed " + std::to_string(seed));
    auto summary = Simulate(sim, dir, [&bar](double f) { bar.Update(f); });
    bar.Finish();
    if (!summary) return ctx.Fail(summary.error());
    const std::string db = (fs::path(dir) / "keruen.db").string();
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db + suffix);
    fs::copy_file(lists_db, db);
    auto store = SqliteStore::Open(db, ctx.clock);
    if (!store) return ctx.Fail(store.error());
    WorldRunOptions run_options;
    run_options.verbose = false;
    run_options.engines.profiles = args.profiles;
    auto run = IngestWorld(ctx, **store, dir, run_options);
    if (!run) return ctx.Fail(run.error());
    auto truth = ReadTruthFile((fs::path(dir) / "truth.jsonl").string());
    if (!truth) return ctx.Fail(truth.error());
    auto report = CheckDetection(**store, *truth, DefaultSchemeRules());
    if (!report) return ctx.Fail(report.error());
    std::printf(
        "\nseed %llu: %lld declarations, %lld payments, %d days at scale %d, run in %.0f s\n",
        static_cast<unsigned long long>(seed), static_cast<long long>(run->declarations),
        static_cast<long long>(run->payments), args.days, args.scale, run->seconds);
    PrintDetection(*report);
    w.BeginObject().Field("seed", static_cast<int64_t>(seed)).Key("schemes").BeginArray();
    for (const SchemeDetection& d : report->schemes) {
      w.BeginObject()
          .Field("scheme", SchemeName(d.scheme))
          .Field("planted", d.planted)
          .Field("detected", d.detected)
          .Field("recall", d.recall())
          .Field("alerts", d.alerts)
          .Field("alerts_on_planted", d.alerts_on_planted)
          .Field("precision", d.precision())
          .EndObject();
      SchemeDetection& p = pooled[d.scheme];
      p.scheme = d.scheme;
      p.rules = d.rules;
      p.planted += d.planted;
      p.detected += d.detected;
      p.alerts += d.alerts;
      p.alerts_on_planted += d.alerts_on_planted;
    }
    w.EndArray().EndObject();
  }
  w.EndArray().EndObject();
  DetectionReport all;
  for (auto& [scheme, d] : pooled) all.schemes.push_back(d);
  std::printf(
      "\nall %zu seeds pooled (goal: recall >= 0.95 and precision >= 0.9 for every scheme):\n",
      args.seeds.size());
  PrintDetection(all);
  if (!args.json_out.empty()) {
    if (auto written = WriteFileAtomically(args.json_out, json); !written) {
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

  auto detection = std::make_shared<DetectionArgs>();
  auto* det = eval->add_subcommand(
      "detection",
      "Recall and precision per planted scheme: simulate a world per seed, run every engine, "
      "compare the alerts with the ground truth");
  det->add_option("--seeds", detection->seeds,
                  "Seeds of the simulated worlds (the rules were tuned on others)")
      ->delimiter(',')
      ->capture_default_str();
  det->add_option("--days", detection->days, "Simulated days per world")
      ->capture_default_str()
      ->check(CLI::Range(1, 3660));
  det->add_option("--scale", detection->scale, "About this many declarations per day")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  det->add_option("--out", detection->out_dir, "Where the worlds and their databases go")
      ->capture_default_str();
  det->add_option("--profiles", detection->profiles, "Analysts' risk profile file")
      ->check(CLI::ExistingFile);
  det->add_option("--json", detection->json_out, "Also write the figures as JSON to this file");
  det->callback([&ctx, detection] { RunDetectionEval(ctx, *detection); });
}

}  // namespace keruen::cli
