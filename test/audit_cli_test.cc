// `keruen audit` through the real binary: a log written by list imports verifies, and each way
// of tampering with the SQLite file directly (editing, deleting, swapping, cutting off records,
// rewriting the chain) is caught and named.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.h"
#include "keruen/audit/audit_chain.h"

namespace keruen::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kListHeader[] =
    "id,name,type,aliases,countries,birth_dates,identifiers,programs,listed_on,remarks\n";
constexpr int kRecords = 5;

class AuditCliTest : public ::testing::Test {
 protected:
  // One database with kRecords list imports, shared by the tests, which tamper with copies.
  static void SetUpTestSuite() {
    dir_ = new std::string(MakeTempDir("audit_cli"));
    const std::string db = *dir_ + "/k.db";
    for (int i = 1; i <= kRecords; ++i) {
      const std::string list = *dir_ + "/list" + std::to_string(i) + ".csv";
      WriteText(list, std::string(kListHeader) + "KZT-" + std::to_string(i) + ",OOO ROMASHKA " +
                          std::to_string(i) + ",organization,,RU,,,TEST,2026-01-10,fictional\n");
      auto r = RunKeruen({"--db", db, "lists", "import", list, "--id", "kz_" + std::to_string(i)});
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
  }
  static void TearDownTestSuite() { delete dir_; }

  // A copy of the shared database for one test to change.
  std::string CopyDatabase(const std::string& name) {
    const std::string copy = *dir_ + "/" + name + ".db";
    fs::copy_file(*dir_ + "/k.db", copy, fs::copy_options::overwrite_existing);
    EXPECT_FALSE(fs::exists(*dir_ + "/k.db-wal") && fs::file_size(*dir_ + "/k.db-wal") > 0)
        << "keruen left an unmerged WAL behind";
    return copy;
  }

  // Changes `db` as someone with the file and the sqlite3 shell would: the append-only
  // triggers are no obstacle to them.
  static void Tamper(const std::string& db, const std::string& sql) {
    sqlite3* handle = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
    char* error = nullptr;
    const std::string all =
        "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; " + sql;
    const int rc = sqlite3_exec(handle, all.c_str(), nullptr, nullptr, &error);
    const std::string message = error != nullptr ? error : "";
    sqlite3_free(error);
    sqlite3_close(handle);
    ASSERT_EQ(rc, SQLITE_OK) << message;
  }

  // The records of `db` as `audit log --json` prints them.
  static std::vector<nlohmann::json> Records(const std::string& db) {
    auto r = RunKeruen({"--db", db, "audit", "log", "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<nlohmann::json> records;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
      records.push_back(nlohmann::json::parse(line));
    }
    return records;
  }

  static CommandResult Verify(const std::string& db, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"--db", db, "audit", "verify"};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunKeruen(args);
  }

  static std::string Head(const std::string& db) {
    auto r = RunKeruen({"--db", db, "audit", "head"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out.substr(0, r.out.find('\n'));
  }

  static std::string* dir_;
};
std::string* AuditCliTest::dir_ = nullptr;

TEST_F(AuditCliTest, AnUntouchedLogVerifiesAndEndsAtItsHead) {
  const std::string db = CopyDatabase("untouched");
  const std::string head = Head(db);
  const auto records = Records(db);
  ASSERT_EQ(records.size(), static_cast<size_t>(kRecords));
  EXPECT_EQ(head, std::to_string(kRecords) + ":" + records.back()["hash"].get<std::string>());
  auto r = Verify(db);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("audit log intact: 5 records, head 5 " +
                               records.back()["hash"].get<std::string>()));
  r = Verify(db, {"--head", head});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("matches the anchor at record 5"));
  // An older anchor still lies on the chain.
  r = Verify(db, {"--head", "2:" + records[1]["hash"].get<std::string>()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST_F(AuditCliTest, LogListsTheRecordsAsLinesOrJson) {
  const std::string db = CopyDatabase("log");
  auto r = RunKeruen({"--db", db, "audit", "log"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("list_import"));
  EXPECT_THAT(r.out, HasSubstr("list kz_3  by import"));
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), kRecords);

  const auto records = Records(db);
  ASSERT_EQ(records.size(), static_cast<size_t>(kRecords));
  EXPECT_EQ(records[0]["seq"], 1);
  EXPECT_EQ(records[0]["prev_hash"], audit::kGenesisHash);
  EXPECT_EQ(records[3]["subject"]["id"], "kz_4");
  EXPECT_EQ(records[3]["details"]["list"], "kz_4");
  EXPECT_EQ(records[3]["details"]["version"], 1);
  EXPECT_EQ(records[3]["details"]["entry_count"], 1);
  EXPECT_EQ(records[3]["prev_hash"], records[2]["hash"]);

  r = RunKeruen({"--db", db, "audit", "log", "--after", "3", "--limit", "1", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["seq"], 4);
}

TEST_F(AuditCliTest, AnEditedRecordIsNamed) {
  const std::string db = CopyDatabase("edited");
  Tamper(db, R"(UPDATE audit_log SET details_json = '{"list":"kz_3","version":9}' WHERE seq = 3)");
  auto r = Verify(db);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.err, HasSubstr("audit log broken at record 3: record 3 was edited"));
  EXPECT_THAT(r.out, Not(HasSubstr("intact")));
}

TEST_F(AuditCliTest, ADeletedMiddleRecordIsNamed) {
  const std::string db = CopyDatabase("deleted");
  Tamper(db, "DELETE FROM audit_log WHERE seq = 3");
  auto r = Verify(db);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.err, HasSubstr("audit log broken at record 3: record 3 is missing"));
}

TEST_F(AuditCliTest, SwappedRecordsAreNamed) {
  const std::string db = CopyDatabase("swapped");
  Tamper(db,
         "UPDATE audit_log SET seq = -1 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 4; "
         "UPDATE audit_log SET seq = 4 WHERE seq = -1");
  auto r = Verify(db);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.err, HasSubstr("audit log broken at record 2: record 2 does not follow"));
}

TEST_F(AuditCliTest, ADeletedLastRecordIsCaughtByTheHead) {
  const std::string db = CopyDatabase("cut");
  Tamper(db, "DELETE FROM audit_log WHERE seq = 5");
  auto r = Verify(db);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.err, HasSubstr("audit log broken at record 5"));
  EXPECT_THAT(r.err, HasSubstr("the newest records were deleted"));
}

TEST_F(AuditCliTest, OnlyTheAnchorCatchesARewrittenChainOrACutHead) {
  const std::string original = CopyDatabase("original");
  const std::string anchor = Head(original);
  const auto records = Records(original);
  ASSERT_EQ(records.size(), static_cast<size_t>(kRecords));

  // Record 2 changed, and every hash from there on recomputed, head included.
  const std::string rewritten = CopyDatabase("rewritten");
  std::string prev = records[0]["hash"];
  std::string sql;
  for (int i = 1; i < kRecords; ++i) {
    audit::AuditRecord r{.seq = records[i]["seq"],
                         .at = 0,
                         .action = records[i]["action"],
                         .subject_type = records[i]["subject"]["type"],
                         .subject_id = records[i]["subject"]["id"],
                         .actor = i == 1 ? "someone else" : records[i]["actor"].get<std::string>(),
                         .details_json = records[i]["details"].dump(),
                         .prev_hash = prev};
    sql += "UPDATE audit_log SET actor = '" + r.actor + "', details_json = '" + r.details_json +
           "', prev_hash = '" + r.prev_hash + "', at = 0, hash = '";
    r.hash = audit::RecordHash(r);
    sql += r.hash + "' WHERE seq = " + std::to_string(r.seq) + "; ";
    prev = r.hash;
  }
  sql += "UPDATE audit_head SET hash = '" + prev + "'";
  Tamper(rewritten, sql);
  auto r = Verify(rewritten);
  EXPECT_EQ(r.exit_code, 0) << "a consistent rewrite cannot be seen without an anchor: " << r.err;
  r = Verify(rewritten, {"--head", anchor});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.err, HasSubstr("record 5 differs from the anchor"));

  // The last two records deleted and the head moved back to record 3.
  const std::string cut = CopyDatabase("cut_head");
  Tamper(cut, "DELETE FROM audit_log WHERE seq > 3; UPDATE audit_head SET seq = 3, hash = '" +
                  records[2]["hash"].get<std::string>() + "'");
  EXPECT_EQ(Verify(cut).exit_code, 0);
  r = Verify(cut, {"--head", anchor});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.err, HasSubstr("the anchor names record 5 but the log ends at record 3"));
}

TEST_F(AuditCliTest, AnEditedHeadAndAMalformedAnchorAreReported) {
  const std::string db = CopyDatabase("head");
  Tamper(db, "UPDATE audit_head SET hash = '" + std::string(64, 'a') + "'");
  auto r = Verify(db);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.err, HasSubstr("record 5's hash differs from the head's"));

  r = Verify(db, {"--head", "five:abc"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("--head"));
}

}  // namespace
}  // namespace keruen::testing
