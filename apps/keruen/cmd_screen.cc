// lists and screen: importing sanctions lists as versions, comparing versions, and screening
// names against the current versions (one name, a batch file, or pairs of names).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "keruen/core/csv.h"
#include "keruen/core/json_writer.h"
#include "keruen/core/paths.h"
#include "keruen/screening/lists/diff.h"
#include "keruen/screening/lists/import.h"
#include "keruen/screening/lists/list_entry_json.h"
#include "keruen/screening/party_screening.h"
#include "keruen/screening/screening_json.h"
#include "keruen/screening/watchlists.h"
#include "progress.h"

namespace keruen::cli {
namespace {

namespace fs = std::filesystem;
using screening::Hit;
using screening::ScreeningQuery;

// Loads the screener over the store's current lists, failing the command when none is
// imported.
std::optional<screening::LoadedScreener> LoadOrFail(Context& ctx, Store& store) {
  const auto start = std::chrono::steady_clock::now();
  auto loaded = screening::LoadScreener(store);
  if (!loaded) {
    ctx.Fail(loaded.error(), loaded.error().code == ErrorCode::kNotFound ? 2 : 1);
    return std::nullopt;
  }
  const auto stats = loaded->screener->stats();
  std::fprintf(stderr,
               "screening against %zu entries (%zu names) of %zu lists, indexed in %.2f s\n",
               stats.entries, stats.names, loaded->versions.size(), SecondsSince(start));
  return std::move(*loaded);
}

// Re-screens every stored document after a list change and reports new alerts.
void Rescreen(Context& ctx, Store& store) {
  auto loaded = screening::LoadScreener(store);
  if (!loaded) return ctx.Fail(loaded.error());
  screening::PartyScreening party_screening(*loaded->screener, ctx.clock);
  const int64_t total = [&] {
    auto stats = store.Stats();
    return stats ? stats->declarations + stats->payments : 0;
  }();
  ProgressBar bar("re-screening stored parties");
  const auto start = std::chrono::steady_clock::now();
  auto report = screening::RescreenStore(store, party_screening, [&](int64_t done) {
    if (done % 512 == 0 && total > 0) {
      bar.Update(static_cast<double>(done) / static_cast<double>(total),
                 std::to_string(done) + " documents");
    }
  });
  bar.Finish();
  if (!report) return ctx.Fail(report.error());
  std::printf(
      "re-screened %lld declarations and %lld payments in %.2f s: %lld hits, %lld new alerts\n",
      static_cast<long long>(report->declarations), static_cast<long long>(report->payments),
      SecondsSince(start), static_cast<long long>(report->findings),
      static_cast<long long>(report->alerts_raised));
}

void PrintVersion(const ListVersionInfo& v) {
  std::printf("%-14s v%-3d %7lld entries  %-10s imported %s  %s  %.12s\n", v.list.c_str(),
              v.version, static_cast<long long>(v.entry_count),
              v.published_on.empty() ? "-" : v.published_on.c_str(),
              FormatTimestamp(v.imported_at).c_str(), v.format.c_str(), v.content_hash.c_str());
}

void AddListsImport(CLI::App& lists, Context& ctx) {
  struct Args {
    std::vector<std::string> paths;
    std::string format;
    std::string list_id;
    bool rescreen = true;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = lists.add_subcommand(
      "import",
      "Import sanctions lists as new versions (unchanged content makes no new version), then "
      "re-screen every stored party against them. With no PATH, imports every public list "
      "under <data-dir>/sanctions");
  cmd->add_option("paths", args->paths, "List files or folders (format detected from content)")
      ->check(CLI::ExistingPath);
  cmd->add_option("--format", args->format,
                  "Format when detection is not wanted: ofac-sdn, ofac-cons, un, eu, uk, "
                  "opensanctions, csv");
  cmd->add_option("--id", args->list_id,
                  "List id for the entries (required for csv lists, e.g. kz_afm)");
  cmd->add_flag("!--no-rescreen", args->rescreen,
                "Do not re-screen stored declarations and payments afterwards");
  cmd->callback([&ctx, args] {
    std::vector<screening::ListSource> sources;
    std::optional<screening::ListFormat> forced;
    if (!args->format.empty()) {
      forced = screening::ParseListFormat(args->format);
      if (!forced) return ctx.Fail("--format: unknown list format \"" + args->format + "\"", 2);
    }
    if (args->paths.empty()) {
      auto shared = SharedDataDir();
      if (!shared) {
        return ctx.Fail(
            "no PATH given and no shared data directory (../shared/data or "
            "KERUEN_DATA_DIR) to take the public lists from",
            2);
      }
      sources = screening::DefaultListSources(fs::path(*shared) / "sanctions");
    } else {
      for (const std::string& path : args->paths) {
        auto format =
            forced ? Result<screening::ListFormat>(*forced) : screening::DetectListFormat(path);
        if (!format) return ctx.Fail(format.error().WithSource(path, 0), 2);
        sources.push_back(screening::ListSource{*format, path});
      }
    }
    auto store = ctx.OpenStore();
    if (!store) return ctx.Fail(store.error());
    bool changed = false;
    for (const screening::ListSource& source : sources) {
      const auto start = std::chrono::steady_clock::now();
      screening::ImportListOptions options;
      options.list_id = args->list_id;
      screening::ImportStats stats;
      auto snapshot = screening::ImportList(source.format, source.path, options, &stats);
      if (!snapshot) {
        ctx.Fail(snapshot.error());
        std::fprintf(stderr, "keruen: nothing from %s was stored\n", source.path.c_str());
        return;
      }
      auto put = screening::StoreSnapshot(**store, *snapshot);
      if (!put) return ctx.Fail(put.error());
      changed |= put->created;
      std::printf("%s: %s %s v%d, %zu entries%s in %.2f s\n", source.path.c_str(),
                  put->created ? "stored" : "unchanged,", snapshot->list.c_str(),
                  put->version.version, snapshot->entries.size(),
                  stats.unknown_countries > 0 ? (" (" + std::to_string(stats.unknown_countries) +
                                                 " country names not recognised)")
                                                    .c_str()
                                              : "",
                  SecondsSince(start));
    }
    if (changed && args->rescreen) Rescreen(ctx, **store);
  });
}

void AddListsList(CLI::App& lists, Context& ctx) {
  auto all = std::make_shared<bool>(false);
  auto* cmd = lists.add_subcommand("list", "Show the imported lists, latest version of each");
  cmd->add_flag("--all", *all, "Show every version, not only the latest");
  cmd->callback([&ctx, all] {
    auto store = ctx.OpenStore();
    if (!store) return ctx.Fail(store.error());
    auto versions = (*store)->ListVersions("");
    if (!versions) return ctx.Fail(versions.error());
    if (versions->empty()) {
      std::printf("no list imported yet: run `keruen lists import`\n");
      return;
    }
    std::printf("%-14s %-4s %15s  %-10s %-29s %-10s %s\n", "list", "ver", "", "published",
                "imported", "format", "content");
    for (const ListVersionInfo& v : *all ? *versions : screening::LatestVersions(*versions)) {
      PrintVersion(v);
    }
  });
}

void PrintEntryLine(char mark, const screening::ListEntry& e) {
  std::printf("%c %s %s  %s", mark, e.list.c_str(), e.id.c_str(), e.Caption().c_str());
  if (!e.programs.empty()) std::printf("  [%s]", e.programs.front().c_str());
  std::printf("\n");
}

void AddListsDiff(CLI::App& lists, Context& ctx) {
  struct Args {
    std::string list;
    int from = 0;
    int to = 0;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = lists.add_subcommand(
      "diff",
      "Entries added, removed and changed between two versions of a list (by default "
      "the previous and the latest)");
  cmd->add_option("list", args->list, "List id, as `keruen lists list` shows it")->required();
  cmd->add_option("--from", args->from, "Older version number");
  cmd->add_option("--to", args->to, "Newer version number");
  cmd->add_flag("--json", args->json, "Print JSON instead of lines");
  cmd->callback([&ctx, args] {
    auto store = ctx.OpenStore();
    if (!store) return ctx.Fail(store.error());
    auto versions = (*store)->ListVersions(args->list);
    if (!versions) return ctx.Fail(versions.error());
    if (versions->empty()) return ctx.Fail("no list \"" + args->list + "\" is imported", 2);
    auto find = [&](int number) -> const ListVersionInfo* {
      for (const auto& v : *versions) {
        if (v.version == number) return &v;
      }
      return nullptr;
    };
    const int to = args->to ? args->to : versions->back().version;
    const int from = args->from ? args->from : to - 1;
    const ListVersionInfo* after = find(to);
    if (after == nullptr) {
      return ctx.Fail(args->list + " has no version " + std::to_string(to), 2);
    }
    const ListVersionInfo* before = find(from);
    if (before == nullptr && from != 0) {
      return ctx.Fail(args->list + " has no version " + std::to_string(from), 2);
    }
    screening::ListSnapshot empty;
    auto new_snapshot = screening::LoadListVersion(**store, *after);
    if (!new_snapshot) return ctx.Fail(new_snapshot.error());
    Result<screening::ListSnapshot> old_snapshot = empty;
    if (before != nullptr) old_snapshot = screening::LoadListVersion(**store, *before);
    if (!old_snapshot) return ctx.Fail(old_snapshot.error());
    const screening::ListDiff diff = screening::DiffSnapshots(*old_snapshot, *new_snapshot);
    if (args->json) {
      std::string out;
      JsonWriter w(out);
      w.BeginObject().Field("list", args->list).Field("from", from).Field("to", to);
      for (auto [key, entries] : {std::pair{"added", &diff.added}, {"removed", &diff.removed}}) {
        w.Key(key).BeginArray();
        for (const auto& e : *entries) screening::AppendJson(w, e);
        w.EndArray();
      }
      w.Key("changed").BeginArray();
      for (const auto& c : diff.changed) {
        w.BeginObject().Key("before");
        screening::AppendJson(w, c.before);
        w.Key("after");
        screening::AppendJson(w, c.after);
        w.EndObject();
      }
      w.EndArray().EndObject();
      std::printf("%s\n", out.c_str());
      return;
    }
    std::printf("%s v%d -> v%d: %zu added, %zu removed, %zu changed\n", args->list.c_str(), from,
                to, diff.added.size(), diff.removed.size(), diff.changed.size());
    for (const auto& e : diff.added) PrintEntryLine('+', e);
    for (const auto& e : diff.removed) PrintEntryLine('-', e);
    for (const auto& c : diff.changed) PrintEntryLine('~', c.after);
  });
}

// --- screen ---

struct ScreenArgs {
  std::string name;
  std::string country;
  std::string dob;
  std::vector<std::string> ids;  // scheme:value
  std::string type;
  std::string batch;
  std::string out;
  double threshold = screening::kDefaultThreshold;
  size_t limit = 10;
  bool json = false;
};

Result<ScreeningQuery> QueryFromArgs(const ScreenArgs& args) {
  ScreeningQuery q;
  q.name = args.name;
  q.country = args.country;
  q.birth_date = args.dob;
  if (!args.type.empty()) {
    auto type = screening::ParseEntityType(args.type);
    if (!type) return InvalidArgument("--type", "\"" + args.type + "\" is not a known type");
    q.type = *type;
  }
  for (const std::string& id : args.ids) {
    const size_t colon = id.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == id.size()) {
      return InvalidArgument("--id", "\"" + id + "\" is not SCHEME:VALUE (e.g. inn:7707083893)");
    }
    q.identifiers.push_back(screening::QueryIdentifier{id.substr(0, colon), id.substr(colon + 1)});
  }
  if (q.name.empty() && q.identifiers.empty()) {
    return InvalidArgument("NAME", "give a name, an --id, or --batch FILE");
  }
  if (auto valid = screening::ValidateQuery(q); !valid) return tl::unexpected(valid.error());
  return q;
}

void PrintHits(const ScreeningQuery& q, const std::vector<Hit>& hits) {
  if (hits.empty()) {
    std::printf("no hit for \"%s\"\n", q.name.c_str());
    return;
  }
  std::printf("%zu hit%s for \"%s\":\n", hits.size(), hits.size() == 1 ? "" : "s", q.name.c_str());
  for (const Hit& hit : hits) {
    std::printf("  %.3f  %-8s %s %s  %s\n", hit.score,
                std::string(screening::DecisionName(hit.decision)).c_str(), hit.list.c_str(),
                hit.id.c_str(), hit.caption.c_str());
    std::printf("         %s\n", screening::ExplainHit(hit).c_str());
  }
}

// Reads batch queries: JSON lines (one query object a line) or CSV with a header naming at
// least `name` (optional: country, birth_date, type, identifiers as "scheme:value;...").
Result<std::vector<std::pair<int64_t, ScreeningQuery>>> ReadBatch(const std::string& path) {
  auto text = ReadFile(path);
  if (!text) return tl::unexpected(text.error());
  std::vector<std::pair<int64_t, ScreeningQuery>> queries;
  const size_t first = text->find_first_not_of(" \t\r\n");
  if (first != std::string::npos && (*text)[first] == '{') {
    int64_t line = 0;
    for (size_t pos = 0; pos < text->size();) {
      ++line;
      size_t end = text->find('\n', pos);
      if (end == std::string::npos) end = text->size();
      const std::string_view doc = std::string_view(*text).substr(pos, end - pos);
      pos = end + 1;
      if (doc.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      auto q = screening::ParseScreeningQueryJson(doc);
      if (!q) return tl::unexpected(q.error().WithSource(path, line));
      queries.emplace_back(line, std::move(*q));
    }
    return queries;
  }
  CsvReader reader(*text);
  std::vector<std::string> header;
  auto has_header = reader.Next(header);
  if (!has_header) return tl::unexpected(has_header.error().WithSource(path, reader.record_line()));
  auto column = [&](std::initializer_list<std::string_view> names) -> int {
    for (size_t i = 0; i < header.size(); ++i) {
      for (std::string_view n : names) {
        if (header[i] == n) return static_cast<int>(i);
      }
    }
    return -1;
  };
  const int name_col = column({"name", "full_name"});
  if (!*has_header || name_col < 0) {
    return tl::unexpected(InvalidArgument("name", "the CSV header must name a `name` column")
                              .value()
                              .WithSource(path, 1));
  }
  const int country_col = column({"country"});
  const int dob_col = column({"birth_date", "dob", "date_of_birth"});
  const int type_col = column({"type"});
  const int ids_col = column({"identifiers", "ids"});
  std::vector<std::string> row;
  for (;;) {
    auto more = reader.Next(row);
    if (!more) return tl::unexpected(more.error().WithSource(path, reader.record_line()));
    if (!*more) break;
    const int64_t line = reader.record_line();
    if (row.size() != header.size()) {
      return tl::unexpected(InvalidArgument("", "expected " + std::to_string(header.size()) +
                                                    " fields, found " + std::to_string(row.size()))
                                .value()
                                .WithSource(path, line));
    }
    ScreenArgs args;
    args.name = row[name_col];
    if (country_col >= 0) args.country = row[country_col];
    if (dob_col >= 0) args.dob = row[dob_col];
    if (type_col >= 0) args.type = row[type_col];
    if (ids_col >= 0) {
      std::string_view ids = row[ids_col];
      while (!ids.empty()) {
        const size_t semi = ids.find(';');
        args.ids.emplace_back(ids.substr(0, semi));
        ids = semi == std::string_view::npos ? std::string_view() : ids.substr(semi + 1);
      }
    }
    auto q = QueryFromArgs(args);
    if (!q) return tl::unexpected(q.error().WithSource(path, line));
    queries.emplace_back(line, std::move(*q));
  }
  return queries;
}

void RunBatch(Context& ctx, const ScreenArgs& args, const screening::Screener& screener) {
  auto queries = ReadBatch(args.batch);
  if (!queries) return ctx.Fail(queries.error(), 2);
  const screening::ScreenOptions options{args.threshold, args.limit};
  std::string out;
  ProgressBar bar("screening " + args.batch);
  const auto start = std::chrono::steady_clock::now();
  size_t with_hits = 0;
  for (size_t i = 0; i < queries->size(); ++i) {
    const auto& [line, query] = (*queries)[i];
    const std::vector<Hit> hits = screener.Screen(query, options);
    with_hits += hits.empty() ? 0 : 1;
    JsonWriter w(out);
    w.BeginObject().Field("line", line).Key("result");
    screening::AppendScreeningResult(w, query, hits);
    w.EndObject();
    out += '\n';
    if (i % 256 == 0) {
      bar.Update(static_cast<double>(i) / static_cast<double>(queries->size()),
                 std::to_string(i) + " queries");
    }
  }
  bar.Finish();
  const double secs = SecondsSince(start);
  if (args.out.empty()) {
    std::fwrite(out.data(), 1, out.size(), stdout);
  } else if (auto written = WriteFileAtomically(args.out, out); !written) {
    return ctx.Fail(written.error());
  }
  std::fprintf(stderr, "%zu queries, %zu with hits, in %.2f s (%.0f queries/s)\n", queries->size(),
               with_hits, secs, secs > 0 ? static_cast<double>(queries->size()) / secs : 0.0);
}

void AddScreenPairs(CLI::App& screen, Context& ctx) {
  struct Args {
    std::string file;
    double threshold = screening::kDefaultThreshold;
    bool explain = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = screen.add_subcommand(
      "pairs",
      "Score name pairs: reads CSV rows `name1,name2` (a header row is skipped when it says "
      "name1,name2) and prints name1,name2,score,match for each");
  cmd->add_option("file", args->file, "CSV file of name pairs")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--threshold", args->threshold, "Score at which a pair is a match")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_flag("--explain", args->explain, "Add a column explaining each score");
  cmd->callback([&ctx, args] {
    auto text = ReadFile(args->file);
    if (!text) return ctx.Fail(text.error(), 2);
    auto store = ctx.OpenStore();
    if (!store) return ctx.Fail(store.error());
    // Word weights come from the loaded lists when there are any; pairs can be scored
    // without lists too (every word then weighs the same).
    std::unique_ptr<screening::NameAnalyzer> analyzer;
    std::unique_ptr<screening::Screener> screener;
    if (auto loaded = screening::LoadScreener(**store)) {
      analyzer = std::move(loaded->analyzer);
      screener = std::move(loaded->screener);
    } else if (loaded.error().code == ErrorCode::kNotFound) {
      auto a = screening::NameAnalyzer::Create(screening::DefaultTranslitDir());
      if (!a) return ctx.Fail(a.error());
      analyzer = std::move(*a);
      auto s = screening::Screener::Build({}, *analyzer);
      if (!s) return ctx.Fail(s.error());
      screener = std::move(*s);
    } else {
      return ctx.Fail(loaded.error());
    }
    CsvReader reader(*text, ',', '#');
    std::vector<std::string> row;
    std::string out =
        args->explain ? "name1,name2,score,match,explanation\n" : "name1,name2,score,match\n";
    auto csv_field = [](const std::string& s) {
      if (s.find_first_of(",\"\n") == std::string::npos) return s;
      std::string quoted = "\"";
      for (char c : s) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
      return quoted + "\"";
    };
    bool first = true;
    for (;;) {
      auto more = reader.Next(row);
      if (!more) return ctx.Fail(more.error().WithSource(args->file, reader.record_line()), 2);
      if (!*more) break;
      if (row.size() == 1 && row[0].empty()) continue;
      if (first && row.size() >= 2 && row[0] == "name1" && row[1] == "name2") {
        first = false;
        continue;
      }
      first = false;
      if (row.size() < 2) {
        return ctx.Fail(InvalidArgument("name2", "expected two names")
                            .value()
                            .WithSource(args->file, reader.record_line()),
                        2);
      }
      screening::PairScore pair = screener->ScoreNames(row[0], row[1]);
      char score[16];
      std::snprintf(score, sizeof score, "%.4f", pair.score);
      out += csv_field(row[0]) + "," + csv_field(row[1]) + "," + score + "," +
             (pair.score >= args->threshold ? "true" : "false");
      if (args->explain) out += "," + csv_field(screening::ExplainPair(pair));
      out += "\n";
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
  });
}

}  // namespace

void AddListsCommand(CLI::App& app, Context& ctx) {
  auto* lists = app.add_subcommand("lists", "Sanctions lists: import versions, show, compare");
  lists->require_subcommand(1);
  AddListsImport(*lists, ctx);
  AddListsList(*lists, ctx);
  AddListsDiff(*lists, ctx);
}

void AddScreenCommand(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ScreenArgs>();
  auto* cmd = app.add_subcommand(
      "screen",
      "Screen a name (any script) against the imported sanctions lists and explain each hit");
  cmd->add_option("name", args->name, "Name to screen");
  cmd->add_option("--country", args->country, "ISO 3166 alpha-2 country of the party");
  cmd->add_option("--dob", args->dob, "Birth date: YYYY, YYYY-MM or YYYY-MM-DD");
  cmd->add_option("--id", args->ids,
                  "Identifier SCHEME:VALUE (inn, ogrn, bin, imo, bic, "
                  "passport...); repeatable");
  cmd->add_option("--type", args->type, "person, organization, vessel or aircraft");
  cmd->add_option("--batch", args->batch,
                  "Screen every query of a CSV (header with name[,country,birth_date,type,"
                  "identifiers]) or JSON-lines file; prints one JSON result line per query")
      ->check(CLI::ExistingFile);
  cmd->add_option("--out", args->out, "With --batch: write the results to this file");
  cmd->add_option("--threshold", args->threshold, "Lowest score reported")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--limit", args->limit, "Most hits per query");
  cmd->add_flag("--json", args->json, "Print the result as JSON");
  AddScreenPairs(*cmd, ctx);
  cmd->callback([&ctx, args, cmd] {
    if (!cmd->get_subcommands().empty()) return;  // `screen pairs` ran
    Result<ScreeningQuery> query = ScreeningQuery{};
    if (args->batch.empty()) {
      query = QueryFromArgs(*args);
      if (!query) return ctx.Fail(query.error(), 2);
    }
    auto store = ctx.OpenStore();
    if (!store) return ctx.Fail(store.error());
    auto loaded = LoadOrFail(ctx, **store);
    if (!loaded) return;
    if (!args->batch.empty()) return RunBatch(ctx, *args, *loaded->screener);
    const auto hits =
        loaded->screener->Screen(*query, screening::ScreenOptions{args->threshold, args->limit});
    if (args->json) {
      std::string out;
      JsonWriter w(out);
      screening::AppendScreeningResult(w, *query, hits);
      std::printf("%s\n", nlohmann::json::parse(out).dump(2).c_str());
    } else {
      PrintHits(*query, hits);
    }
  });
}

}  // namespace keruen::cli
