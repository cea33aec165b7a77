// End-to-end tests of sanctions screening through the real `keruen` binary and server:
// lists imported as versions, compared, screened against, and every ingested party screened.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_support.h"
#include "keruen/core/csv.h"
#include "keruen/core/paths.h"

namespace keruen::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;
using json = nlohmann::json;

constexpr char kListHeader[] =
    "id,name,type,aliases,countries,birth_dates,identifiers,programs,listed_on,remarks\n";
constexpr char kCompanyRow[] =
    "KZT-1,OOO ROMASHKA TEKHNOLOGII,organization,ООО «Ромашка Технологии»,RU,,inn:7701234567,"
    "TEST,2026-01-10,fictional\n";
constexpr char kPersonRow[] =
    "KZT-2,\"SIDOROV, Ivan Petrovich\",person,Сидоров Иван Петрович,RU,1970-05-01,,TEST,"
    "2026-01-10,fictional\n";
constexpr char kVesselRow[] = "KZT-3,MV FICTIONAL STAR,vessel,,PA,,imo:9999997,TEST,2026-02-01,\n";

// A declaration whose consignor is `consignor_name`, from the spec example.
std::string DeclarationWithConsignor(const std::string& id, const std::string& consignor_name) {
  auto spec = ReadFile(SpecPath("declaration.example.json"));
  EXPECT_TRUE(spec.has_value());
  json d = json::parse(spec.value_or("{}"));
  d["id"] = id;
  d["consignor"]["name"] = consignor_name;
  d["consignor"]["ids"] = json::object();
  return d.dump() + "\n";
}

class ScreeningCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir("screening");
    db_ = dir_ + "/k.db";
    list_ = dir_ + "/kz.csv";
    WriteText(list_, std::string(kListHeader) + kCompanyRow + kPersonRow);
  }
  CommandResult Keruen(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db_});
    return RunKeruen(args);
  }
  void ImportTestList() {
    auto r = Keruen({"lists", "import", list_, "--id", "kz_test"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  std::string dir_, db_, list_;
};

TEST_F(ScreeningCliTest, HelpIsAvailableForEveryScreeningCommand) {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"lists", "--help"},
                                               {"lists", "import", "--help"},
                                               {"lists", "list", "--help"},
                                               {"lists", "diff", "--help"},
                                               {"screen", "--help"},
                                               {"screen", "pairs", "--help"}}) {
    auto r = RunKeruen(args);
    EXPECT_EQ(r.exit_code, 0) << args[0] << " " << r.err;
    EXPECT_THAT(r.out, HasSubstr("Usage"));
  }
}

TEST_F(ScreeningCliTest, ImportsVersionsOnlyWhenTheListChangesAndDiffsThem) {
  auto first = Keruen({"lists", "import", list_, "--id", "kz_test"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("stored kz_test v1, 2 entries"));
  auto again = Keruen({"lists", "import", list_, "--id", "kz_test"});
  EXPECT_THAT(again.out, HasSubstr("unchanged, kz_test v1"));

  WriteText(list_, std::string(kListHeader) + kCompanyRow + kVesselRow);
  auto second = Keruen({"lists", "import", list_, "--id", "kz_test"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_THAT(second.out, HasSubstr("stored kz_test v2"));

  auto listed = Keruen({"lists", "list"});
  EXPECT_THAT(listed.out, HasSubstr("kz_test"));
  EXPECT_THAT(listed.out, HasSubstr("v2"));
  EXPECT_THAT(listed.out, Not(HasSubstr("v1 ")));
  EXPECT_THAT(Keruen({"lists", "list", "--all"}).out, HasSubstr("v1 "));

  auto diff = Keruen({"lists", "diff", "kz_test"});
  ASSERT_EQ(diff.exit_code, 0) << diff.err;
  EXPECT_THAT(diff.out, HasSubstr("v1 -> v2: 1 added, 1 removed, 0 changed"));
  EXPECT_THAT(diff.out, HasSubstr("+ kz_test KZT-3  MV FICTIONAL STAR"));
  EXPECT_THAT(diff.out, HasSubstr("- kz_test KZT-2"));
  auto diff_json = json::parse(Keruen({"lists", "diff", "kz_test", "--json"}).out);
  EXPECT_EQ(diff_json["added"][0]["id"], "KZT-3");
  EXPECT_EQ(Keruen({"lists", "diff", "kz_test", "--from", "7"}).exit_code, 2);
  EXPECT_EQ(Keruen({"lists", "diff", "nope"}).exit_code, 2);
}

TEST_F(ScreeningCliTest, ABrokenListIsRefusedWholeWithItsLine) {
  WriteText(list_, std::string(kListHeader) + kCompanyRow + "KZT-9,\"unterminated\n");
  auto r = Keruen({"lists", "import", list_, "--id", "kz_test"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr(list_ + ":3"));
  EXPECT_THAT(r.err, HasSubstr("nothing from"));
  EXPECT_THAT(Keruen({"lists", "list"}).out, HasSubstr("no list imported"));
}

TEST_F(ScreeningCliTest, ScreensNamesAcrossScriptsAndIdentifiersWithExplanations) {
  ImportTestList();
  auto cyrillic = Keruen({"screen", "ООО Ромашка Технологии"});
  ASSERT_EQ(cyrillic.exit_code, 0) << cyrillic.err;
  EXPECT_THAT(cyrillic.out, HasSubstr("kz_test KZT-1"));
  EXPECT_THAT(cyrillic.out, HasSubstr("romashka"));  // the explanation shows the words paired

  auto by_id = Keruen({"screen", "--id", "inn:7701234567", "--json"});
  ASSERT_EQ(by_id.exit_code, 0) << by_id.err;
  json hits = json::parse(by_id.out)["hits"];
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0]["id"], "KZT-1");
  EXPECT_EQ(hits[0]["decision"], "identifier");

  auto person = Keruen({"screen", "Ivan Sidorov", "--dob", "1970", "--json"});
  ASSERT_EQ(person.exit_code, 0) << person.err;
  EXPECT_EQ(json::parse(person.out)["hits"][0]["id"], "KZT-2");

  auto none = Keruen({"screen", "Siemens Healthineers AG"});
  EXPECT_EQ(none.exit_code, 0);
  EXPECT_THAT(none.out, HasSubstr("no hit"));
  EXPECT_EQ(Keruen({"screen", "x", "--id", "inn"}).exit_code, 2);
  EXPECT_EQ(Keruen({"screen"}).exit_code, 2);
}

TEST_F(ScreeningCliTest, ScreeningWithoutListsSaysWhatToDo) {
  auto r = Keruen({"screen", "anything"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("keruen lists import"));
}

TEST_F(ScreeningCliTest, BatchScreeningWritesOneResultLinePerQuery) {
  ImportTestList();
  const std::string batch = dir_ + "/batch.csv";
  WriteText(batch,
            "name,country,identifiers\n"
            "Romashka Tekhnologii OOO,RU,\n"
            "Nobody In Particular,KZ,\n"
            ",RU,inn:7701234567\n");
  const std::string out = dir_ + "/results.ndjson";
  auto r = Keruen({"screen", "--batch", batch, "--out", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("3 queries, 2 with hits"));
  auto text = ReadFile(out);
  ASSERT_TRUE(text.has_value());
  std::istringstream lines(*text);
  std::vector<json> results;
  for (std::string line; std::getline(lines, line);) results.push_back(json::parse(line));
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0]["line"], 2);
  EXPECT_EQ(results[0]["result"]["hits"][0]["id"], "KZT-1");
  EXPECT_TRUE(results[1]["result"]["hits"].empty());

  WriteText(batch, "name,country\nok,RU\nbad,RUSSIA\n");
  auto bad = Keruen({"screen", "--batch", batch, "--out", dir_ + "/bad.ndjson"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr(batch + ":3"));
  EXPECT_FALSE(fs::exists(dir_ + "/bad.ndjson"));  // nothing half-written
}

TEST_F(ScreeningCliTest, PairsAreScoredAndDecidedAtTheThreshold) {
  const std::string pairs = dir_ + "/pairs.csv";
  WriteText(pairs,
            "name1,name2\n"
            "Владимир Путин,Vladimir Putin\n"
            "ТОО Казахстан Темир Жолы,Kazakhstan Temir Zholy LLP\n"
            "Acme Trading LLC,Globex Trading LLC\n");
  auto r = Keruen({"screen", "pairs", pairs});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::vector<std::vector<std::string>> rows;
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> fields;
    CsvReader reader(line);
    ASSERT_TRUE(reader.Next(fields).value_or(false));
    rows.push_back(fields);
  }
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"name1", "name2", "score", "match"}));
  EXPECT_EQ(rows[1][3], "true");
  EXPECT_EQ(rows[2][3], "true");
  EXPECT_EQ(rows[3][3], "false");  // sharing "Trading LLC" is not a match
  EXPECT_GT(std::stod(rows[1][2]), std::stod(rows[3][2]));
}

TEST_F(ScreeningCliTest, IngestScreensPartiesAndAListImportRescreensWhatWasStored) {
  const std::string early = dir_ + "/early.ndjson";
  WriteText(early, DeclarationWithConsignor("D-EARLY", "ROMASHKA TEKHNOLOGII LLC"));
  auto before = Keruen({"ingest", "declarations", early});
  ASSERT_EQ(before.exit_code, 0) << before.err;
  EXPECT_THAT(before.err, HasSubstr("parties not screened"));

  auto imported = Keruen({"lists", "import", list_, "--id", "kz_test"});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_THAT(imported.out, HasSubstr("1 new alerts"));

  const std::string late = dir_ + "/late.ndjson";
  WriteText(late, DeclarationWithConsignor("D-LATE", "ООО Ромашка Технологии") +
                      DeclarationWithConsignor("D-CLEAN", "Bosch GmbH"));
  auto after = Keruen({"ingest", "declarations", late});
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_THAT(after.out, HasSubstr("1 sanctions alerts"));
}

TEST_F(ScreeningCliTest, TheServerScreensAndListsLists) {
  BackgroundKeruen server({"--db", db_, "serve", "--port", "0"});
  const std::string line = server.ReadLine(30000).value_or("");
  const size_t colon = line.find("127.0.0.1:");
  ASSERT_NE(colon, std::string::npos) << line;
  const uint16_t port = static_cast<uint16_t>(std::stoi(line.substr(colon + 10)));

  auto early = HttpRequest(port, "POST", "/api/v1/screen", R"({"name":"x"})", "application/json");
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_THAT(early.body, HasSubstr("keruen lists import"));

  ImportTestList();  // another process imports; the server picks it up
  auto screened = HttpRequest(port, "POST", "/api/v1/screen",
                              R"({"queries":[{"name":"ООО Ромашка Технологии","country":"RU"},)"
                              R"({"name":"Nobody"}]})",
                              "application/json");
  ASSERT_EQ(screened.status, 200) << screened.body;
  json body = json::parse(screened.body);
  ASSERT_EQ(body["results"].size(), 2u);
  EXPECT_EQ(body["results"][0]["hits"][0]["id"], "KZT-1");
  EXPECT_TRUE(body["results"][1]["hits"].empty());
  EXPECT_EQ(body["lists"][0]["list"], "kz_test");

  auto bad = HttpRequest(port, "POST", "/api/v1/screen", R"({"queries":[{"name":1}]})",
                         "application/json");
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_THAT(bad.body, HasSubstr("queries[0].name"));

  auto lists = HttpRequest(port, "GET", "/api/v1/lists");
  ASSERT_EQ(lists.status, 200);
  EXPECT_EQ(json::parse(lists.body)["items"][0]["entry_count"], 2);

  auto posted = HttpRequest(port, "POST", "/api/v1/declarations",
                            DeclarationWithConsignor("D-API", "Romashka Tekhnologii"),
                            "application/x-ndjson");
  ASSERT_EQ(posted.status, 201) << posted.body;
  EXPECT_EQ(json::parse(posted.body)["alerts_raised"], 1);
  auto alerts = HttpRequest(port, "GET", "/api/v1/alerts?rule=P6");
  EXPECT_THAT(alerts.body, HasSubstr("D-API"));
  EXPECT_EQ(server.SignalAndWait(SIGTERM), 0);
}

// Every public list under ../shared/data/sanctions, as `make run` imports them.
TEST(ScreeningPublicListsTest, ImportsEveryPublicListAndFindsARealDesignation) {
  const std::string dir = MakeTempDir("public-lists");
  auto r = RunKeruen({"--db", dir + "/k.db", "lists", "import"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* list : {"ofac_sdn", "ofac_cons", "un", "eu", "uk", "opensanctions"}) {
    EXPECT_THAT(r.out, HasSubstr(std::string("stored ") + list + " v1")) << r.out;
  }
  // A Cyrillic spelling of a name the EU and OFAC list in Latin.
  auto hit = RunKeruen({"--db", dir + "/k.db", "screen", "Владимир Владимирович Путин", "--json"});
  ASSERT_EQ(hit.exit_code, 0) << hit.err;
  json hits = json::parse(hit.out)["hits"];
  ASSERT_FALSE(hits.empty());
  EXPECT_THAT(hits[0]["caption"].get<std::string>(), ::testing::ContainsRegex("P[Uu][Tt][Ii][Nn]"));
}

}  // namespace
}  // namespace keruen::testing
