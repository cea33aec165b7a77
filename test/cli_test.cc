// End-to-end tests of the `keruen` command line: the real binary, a real database file.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_support.h"
#include "keruen/core/csv.h"
#include "keruen/core/json_codec.h"
#include "keruen/core/paths.h"
#include "keruen/store/sqlite_store.h"

namespace keruen::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

StoreStats StatsOf(const std::string& db) {
  SystemClock clock;
  auto store = SqliteStore::Open(db, clock);
  EXPECT_TRUE(store.has_value()) << store.error().ToString();
  if (!store) return {};
  auto stats = (*store)->Stats();
  EXPECT_TRUE(stats.has_value());
  return stats.value_or(StoreStats{});
}

// SQLite's own verdict on the file, independent of Keruen's code.
std::string IntegrityCheck(const std::string& db) {
  sqlite3* handle = nullptr;
  std::string verdict = "cannot open";
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(handle, "PRAGMA integrity_check", -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      verdict = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(handle);
  return verdict;
}

TEST(CliTest, HelpIsAvailableEverywhere) {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--help"},
                                               {"ingest", "--help"},
                                               {"ingest", "declarations", "--help"},
                                               {"show", "--help"},
                                               {"simulate", "--help"},
                                               {"serve", "--help"},
                                               {"demo", "--help"},
                                               {"init", "--help"}}) {
    auto r = RunKeruen(args);
    EXPECT_EQ(r.exit_code, 0) << args[0] << " " << r.err;
    EXPECT_THAT(r.out, HasSubstr("Usage")) << args[0];
  }
  EXPECT_NE(RunKeruen({"no-such-command"}).exit_code, 0);
}

TEST(CliTest, IngestsTheSpecDocumentsAndShowsThem) {
  const std::string dir = MakeTempDir("spec");
  const std::string db = dir + "/k.db";
  auto r = RunKeruen({"--db", db, "ingest", "declarations", SpecPath("declaration.example.json")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out,
              HasSubstr("1 declarations (1 new, 0 amended, 0 unchanged), 1 movements opened"));
  r = RunKeruen({"--db", db, "ingest", "payments", SpecPath("payment.example.json")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("1 payments (1 new"));

  r = RunKeruen({"--db", db, "show", "declaration", "26KZ0101T0004217"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"hs\": \"854231\""));
  EXPECT_THAT(r.out, HasSubstr("version 1"));
  EXPECT_THAT(r.out, HasSubstr("movement: lodged"));
  r = RunKeruen({"--db", db, "show", "payment", "KZ-PMT-2026-000918273"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("KICBKG22"));
  r = RunKeruen({"--db", db, "show", "movement", "26KZ0101T0004217"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("KZ-BCP-044"));  // "Kordai" resolved

  // The spec's seal positions: the third reports a broken seal element.
  r = RunKeruen({"--db", db, "track", "replay", SpecPath("pings.example.ndjson")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("positions: 3 accepted"));
  EXPECT_THAT(r.out, HasSubstr("alerts raised: 1 T4 1"));
  r = RunKeruen({"--db", db, "show", "movement", "26KZ0101T0004217"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("entered"));
  EXPECT_THAT(r.out, HasSubstr("position reports: 3"));
  EXPECT_THAT(r.out, HasSubstr("seal event 01 2026-03-02T09:10:00Z"));
  // Zhaisan is 6 km from Russia: a broken seal there is critical.
  EXPECT_THAT(r.out, HasSubstr("T4 critical  Seal ENS-KZ-00731942 of movement 26KZ0101T0004217"));
  // Replaying again (a new process: the monitor restores each seal's last report from the
  // store, so that one is a duplicate and the older two are late) stores nothing twice and
  // raises nothing new.
  r = RunKeruen({"--db", db, "track", "replay", SpecPath("pings.example.ndjson")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("2 accepted (2 late, 0 new to the store), 1 duplicates dropped"));
  EXPECT_THAT(r.out, HasSubstr("alerts raised: 0"));
  // A CSV with a bad line and an unknown seal: both refused with their reasons, kept.
  const std::string csv = MakeTempDir("track") + "/positions.csv";
  WriteText(csv,
            "device,ts,lat,lon\n"
            "ENS-KZ-00731942,2026-03-02T09:15:00Z,50.82,56.31\n"
            "ENS-KZ-00731942,2026-03-02T09:20:00Z,95,56.36\n"
            "ENS-XX-1,2026-03-02T09:20:00Z,50.8,56.3\n");
  r = RunKeruen({"--db", db, "track", "replay", csv});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("positions: 1 accepted (0 late, 1 new to the store), 0 duplicates "
                               "dropped, 2 refused"));
  r = RunKeruen({"--db", db, "track", "rejected"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("positions.csv:3  lat: not a latitude in [-90, 90]"));
  EXPECT_THAT(r.out, HasSubstr("no movement under seal monitoring uses seal ENS-XX-1"));

  r = RunKeruen({"--db", db, "show", "declaration", "NOPE"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("no declaration with id NOPE"));
}

TEST(CliTest, ReingestingAFileIsANoOp) {
  const std::string dir = MakeTempDir("reingest");
  const std::string db = dir + "/k.db";
  const std::string file = "test/cases/ingest/good_batch_blank_lines.ndjson";
  ASSERT_EQ(RunKeruen({"--db", db, "ingest", "declarations", file}).exit_code, 0);
  const StoreStats before = StatsOf(db);
  auto r = RunKeruen({"--db", db, "ingest", "declarations", file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("3 declarations (0 new, 0 amended, 3 unchanged)"));
  const StoreStats after = StatsOf(db);
  EXPECT_EQ(after.declarations, before.declarations);
  EXPECT_EQ(after.declaration_versions, 0);
  EXPECT_EQ(after.movements, before.movements);
}

TEST(CliTest, ChangedContentIsAnAmendmentWithHistory) {
  const std::string dir = MakeTempDir("amend");
  const std::string db = dir + "/k.db";
  auto original = ReadFile(SpecPath("declaration.example.json"));
  ASSERT_TRUE(original.has_value());
  ASSERT_EQ(RunKeruen({"--db", db, "ingest", "declarations", SpecPath("declaration.example.json")})
                .exit_code,
            0);
  auto d = ParseDeclarationJson(*original);
  ASSERT_TRUE(d.has_value());
  d->items[0].quantity = 11000;
  WriteText(dir + "/amended.json", ToJson(*d));
  auto r = RunKeruen({"--db", db, "ingest", "declarations", dir + "/amended.json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("(0 new, 1 amended, 0 unchanged)"));
  r = RunKeruen({"--db", db, "show", "declaration", d->id});
  EXPECT_THAT(r.out, HasSubstr("\"quantity\": 11000"));
  EXPECT_THAT(r.out, HasSubstr("version 1"));
  EXPECT_THAT(r.out, HasSubstr("version 2"));
}

TEST(CliTest, MissingFileIsRefusedClearly) {
  const std::string dir = MakeTempDir("missing");
  auto r = RunKeruen({"--db", dir + "/k.db", "ingest", "declarations", dir + "/nope.ndjson"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("nope.ndjson"));
}

// Every NAME.expect in test/cases/ingest is one behaviour case (see its README.md).
struct ExpectFile {
  std::string name;
  int exit_code = 0;
  std::vector<std::string> errors, outputs;
  int64_t stored = -1;
};

std::vector<ExpectFile> LoadCases() {
  std::vector<ExpectFile> cases;
  for (const auto& entry : fs::directory_iterator("test/cases/ingest")) {
    if (entry.path().extension() != ".expect") continue;
    ExpectFile c;
    c.name = entry.path().stem().string();
    std::ifstream in(entry.path());
    for (std::string line; std::getline(in, line);) {
      if (line.empty() || line[0] == '#') continue;
      const size_t colon = line.find(": ");
      if (colon == std::string::npos) {
        ADD_FAILURE() << entry.path() << ": line without 'key: value': " << line;
        continue;
      }
      const std::string key = line.substr(0, colon), value = line.substr(colon + 2);
      if (key == "exit") {
        c.exit_code = std::stoi(value);
      } else if (key == "error") {
        c.errors.push_back(value);
      } else if (key == "output") {
        c.outputs.push_back(value);
      } else if (key == "stored") {
        c.stored = std::stoll(value);
      } else {
        ADD_FAILURE() << entry.path() << ": unknown key " << key;
      }
    }
    cases.push_back(c);
  }
  std::sort(cases.begin(), cases.end(),
            [](const ExpectFile& a, const ExpectFile& b) { return a.name < b.name; });
  return cases;
}

class IngestCaseTest : public ::testing::TestWithParam<ExpectFile> {};

TEST_P(IngestCaseTest, BehavesAsExpected) {
  const ExpectFile& c = GetParam();
  const std::string dir = MakeTempDir("case-" + c.name);
  const std::string db = dir + "/k.db";
  ASSERT_EQ(RunKeruen({"--db", db, "init"}).exit_code, 0);
  auto r =
      RunKeruen({"--db", db, "ingest", "declarations", "test/cases/ingest/" + c.name + ".ndjson"});
  EXPECT_EQ(r.exit_code, c.exit_code) << r.err;
  for (const auto& e : c.errors) EXPECT_THAT(r.err, HasSubstr(e));
  for (const auto& o : c.outputs) EXPECT_THAT(r.out, HasSubstr(o));
  if (c.stored >= 0) {
    EXPECT_EQ(StatsOf(db).declarations, c.stored);
  }
  if (c.exit_code != 0) {
    EXPECT_EQ(StatsOf(db).movements, 0);
    EXPECT_THAT(r.err, HasSubstr("nothing from"));
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, IngestCaseTest, ::testing::ValuesIn(LoadCases()),
                         [](const auto& info) { return info.param.name; });

TEST(CliTest, KillingIngestMidwayLeavesTheStoreConsistent) {
  const std::string dir = MakeTempDir("kill");
  const std::string db = dir + "/k.db";
  auto spec = ReadFile(SpecPath("declaration.example.json"));
  ASSERT_TRUE(spec.has_value());
  auto d = ParseDeclarationJson(*spec);
  ASSERT_TRUE(d.has_value());
  // Enough that every kill below lands mid-ingest in a normal build (about 2 s of work, each
  // declaration assessed, its lane and alerts recorded and audited) and in a sanitised one
  // (tens of seconds), few enough to keep the test short in both.
  constexpr int kDocs = 15000;
  {
    std::ofstream out(dir + "/big.ndjson");
    for (int i = 0; i < kDocs; ++i) {
      d->id = "KILL" + std::to_string(i);
      out << ToJson(*d) << '\n';
    }
  }
  int killed_before_commit = 0;
  for (int delay_ms : {50, 200, 600}) {
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int null_fd = open("/dev/null", O_WRONLY);
      dup2(null_fd, 1);
      dup2(null_fd, 2);
      const std::string bin = KERUEN_CLI, big = dir + "/big.ndjson";
      execl(bin.c_str(), bin.c_str(), "--db", db.c_str(), "ingest", "declarations", big.c_str(),
            static_cast<char*>(nullptr));
      _exit(127);
    }
    usleep(delay_ms * 1000);
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    // All or nothing: the killed ingest either committed the whole file or none of it.
    const StoreStats stats = StatsOf(db);
    EXPECT_TRUE(stats.declarations == 0 || stats.declarations == kDocs)
        << "after " << delay_ms << " ms: " << stats.declarations;
    EXPECT_TRUE(stats.movements == 0 || stats.movements == kDocs);
    killed_before_commit += stats.declarations == 0 ? 1 : 0;
  }
  // At least one kill interrupted the ingest (else the test proves nothing).
  EXPECT_GE(killed_before_commit, 1);
  // The store is still usable: another ingest completes and adds to what was there. A small
  // file is enough to show it (the big one would take a minute in a sanitised build).
  const auto before = StatsOf(db).declarations;
  constexpr int kAfter = 20;
  {
    std::ofstream out(dir + "/after.ndjson");
    for (int i = 0; i < kAfter; ++i) {
      d->id = "AFTER" + std::to_string(i);
      out << ToJson(*d) << '\n';
    }
  }
  auto r = RunKeruen({"--db", db, "ingest", "declarations", dir + "/after.ndjson"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(StatsOf(db).declarations, before + kAfter);
  EXPECT_EQ(IntegrityCheck(db), "ok");
}

}  // namespace
}  // namespace keruen::testing

namespace keruen::testing {
namespace {

std::vector<std::string> NctsSamples(const std::string& prefix) {
  std::vector<std::string> out;
  const auto shared = SharedDataDir();
  if (!shared) {
    ADD_FAILURE() << "shared data not found; set KERUEN_DATA_DIR";
    return out;
  }
  for (const char* phase : {"phase5_v51.8.6", "phase6_v60.4.16"}) {
    for (const auto& e : fs::directory_iterator(*shared + "/tracking/ncts/" + phase + "/samples")) {
      const std::string name = e.path().filename().string();
      if (name.rfind(prefix, 0) == 0 && e.path().extension() == ".xml") {
        out.push_back(e.path().string());
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(CliNctsTest, ValidCc015cSamplesIngest) {
  const auto samples = NctsSamples("cc015c-valid");
  ASSERT_EQ(samples.size(), 4u);
  const std::string dir = MakeTempDir("ncts-valid");
  const std::string db = dir + "/k.db";
  for (const auto& sample : samples) {
    auto r = RunKeruen({"--db", db, "ingest", "declarations", sample});
    EXPECT_EQ(r.exit_code, 0) << sample << ": " << r.err;
    EXPECT_THAT(r.out, HasSubstr("1 declarations")) << sample;
  }
  // The phase 5 and phase 6 copies of a sample carry the same LRN: the second is the same
  // declaration (unchanged) or an amendment, never a second declaration.
  EXPECT_EQ(StatsOf(db).declarations, 2);
  auto r = RunKeruen({"--db", db, "show", "declaration", "MDTP-18"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Klein Georg"));
}

TEST(CliNctsTest, InvalidCc015cSamplesAreRefusedAndNothingIsStored) {
  const auto samples = NctsSamples("cc015c-invalid");
  ASSERT_EQ(samples.size(), 8u);
  const std::string dir = MakeTempDir("ncts-invalid");
  const std::string db = dir + "/k.db";
  ASSERT_EQ(RunKeruen({"--db", db, "ingest", "declarations", SpecPath("declaration.example.json")})
                .exit_code,
            0);
  for (const auto& sample : samples) {
    auto r = RunKeruen({"--db", db, "ingest", "declarations", sample});
    EXPECT_EQ(r.exit_code, 1) << sample;
    // file:line: element path: reason
    EXPECT_THAT(r.err, HasSubstr(fs::path(sample).filename().string() + ":")) << r.err;
    EXPECT_THAT(r.err, HasSubstr("nothing from")) << r.err;
    EXPECT_EQ(StatsOf(db).declarations, 1) << sample;
  }
}

TEST(CliNctsTest, OtherNctsMessagesAreRefusedByType) {
  const std::string dir = MakeTempDir("ncts-other");
  auto samples = NctsSamples("cc007c-valid");
  ASSERT_FALSE(samples.empty());
  auto r = RunKeruen({"--db", dir + "/k.db", "ingest", "declarations", samples[0]});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("not a CC015C transit declaration (found CC007C)"));
}

}  // namespace
}  // namespace keruen::testing

namespace keruen::testing {
namespace {

// The port in "serving http://127.0.0.1:PORT/ ...", or 0.
uint16_t PortOf(const std::string& line) {
  const size_t colon = line.find("127.0.0.1:");
  if (colon == std::string::npos) return 0;
  return static_cast<uint16_t>(std::atoi(line.c_str() + colon + 10));
}

TEST(CliServeTest, ServesOnPortZeroAndStopsCleanlyOnSigterm) {
  const std::string dir = MakeTempDir("serve");
  const std::string db = dir + "/k.db";
  BackgroundKeruen server({"--db", db, "serve", "--port", "0"});
  const std::string line = server.ReadLine(30000).value_or("");
  const uint16_t port = PortOf(line);
  ASSERT_NE(port, 0) << "no URL line, got: " << line;

  EXPECT_EQ(HttpRequest(port, "GET", "/healthz").status, 200);
  auto spec = ReadFile(SpecPath("declaration.example.json"));
  ASSERT_TRUE(spec.has_value());
  auto posted = HttpRequest(port, "POST", "/api/v1/declarations", *spec, "application/json");
  EXPECT_EQ(posted.status, 201) << posted.body;
  auto got = HttpRequest(port, "GET", "/api/v1/declarations/26KZ0101T0004217");
  EXPECT_EQ(got.status, 200);
  EXPECT_THAT(got.body, HasSubstr("\"854231\""));
  auto bad = HttpRequest(port, "POST", "/api/v1/declarations",
                         R"({"id":"B","kind":"import","lodged_at":"2026-01-01T00:00:00Z",)"
                         R"("declarant":{"name":"A"},"items":[{"hs":"85423",)"
                         R"("value":{"amount":1,"currency":"EUR"}}]})",
                         "application/json");
  EXPECT_EQ(bad.status, 422);
  EXPECT_THAT(bad.body, HasSubstr("items[0].hs"));

  EXPECT_EQ(server.SignalAndWait(SIGTERM), 0);
  // What the server stored is in the database file the CLI reads.
  auto r = RunKeruen({"--db", db, "show", "declaration", "26KZ0101T0004217"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(RunKeruen({"--db", db, "show", "declaration", "B"}).exit_code, 2);
}

TEST(CliServeTest, DemoRunsOnASmallWorldAndServes) {
  const std::string dir = MakeTempDir("demo");
  // The demo imports the lists for screening in any case; checking the world's clean names
  // against them too would double the sanitised run for nothing this test looks at.
  BackgroundKeruen demo({"--db", dir + "/k.db", "demo", "--days", "3", "--scale", "100", "--out",
                         dir + "/world", "--port", "0", "--allow-listed-names"});
  std::string all;
  uint16_t port = 0;
  while (auto line = demo.ReadLine(120000)) {
    all += *line + "\n";
    if ((port = PortOf(*line)) != 0) break;
  }
  ASSERT_NE(port, 0) << all;
  EXPECT_THAT(all, HasSubstr("detection against the planted truth"));
  EXPECT_THAT(all, HasSubstr("ghost_transit"));
  EXPECT_THAT(all, HasSubstr("cases; the first five of the queue"));
  EXPECT_TRUE(fs::exists(dir + "/world/truth.jsonl"));
  auto health = HttpRequest(port, "GET", "/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_THAT(health.body, HasSubstr("\"declarations\""));
  EXPECT_EQ(demo.SignalAndWait(SIGINT), 0);
}

}  // namespace
}  // namespace keruen::testing
