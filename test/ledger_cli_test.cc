// `keruen ledger` over a simulated world: the companies the simulator planted as quantity
// imbalances and pass-through re-exporters are the ones the ledger names.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "cli_support.h"

namespace keruen::testing {
namespace {

using ::testing::HasSubstr;

class LedgerCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(MakeTempDir("ledger_cli"));
    db_ = new std::string(*dir_ + "/l.db");
    auto r = RunKeruen({"simulate", "--days", "20", "--scale", "100", "--seed", "5",
                        "--no-positions", "--allow-listed-names", "--out", *dir_ + "/sim"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = RunKeruen({"--db", *db_, "ingest", "declarations", *dir_ + "/sim/declarations.ndjson"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    delete db_;
  }

  // The parties of every planted instance of `scheme`, and its declarations.
  static std::set<std::string> Planted(const std::string& scheme, const std::string& field) {
    std::set<std::string> out;
    std::ifstream truth(*dir_ + "/sim/truth.jsonl");
    for (std::string line; std::getline(truth, line);) {
      const auto record = nlohmann::json::parse(line);
      if (record["scheme"] != scheme) continue;
      for (const auto& value : record["records"][field]) out.insert(value.get<std::string>());
    }
    return out;
  }

  static std::string* dir_;
  static std::string* db_;
};
std::string* LedgerCliTest::dir_ = nullptr;
std::string* LedgerCliTest::db_ = nullptr;

TEST_F(LedgerCliTest, QuantityBalanceNamesEveryPlantedImbalanceAndOnlyThem) {
  const std::set<std::string> planted = Planted("quantity_imbalance", "parties");
  ASSERT_FALSE(planted.empty());
  auto r = RunKeruen({"--db", *db_, "ledger", "findings", "--rule", "Q1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::set<std::string> named;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("Q1 ")) continue;
    const std::string party = line.substr(3, line.find(' ', 3) - 3);
    named.insert(party);
    EXPECT_TRUE(planted.count(party)) << "not planted: " << line;
  }
  for (const std::string& party : planted) {
    // Each instance lists the trader and its foreign counterparts; the trader is the one
    // with a Kazakh BIN.
    if (party.starts_with("bin:")) {
      EXPECT_TRUE(named.count(party)) << "missed: " << party;
    }
  }
}

TEST_F(LedgerCliTest, PassThroughPairsThePlantedImportAndExport) {
  const std::set<std::string> declarations = Planted("pass_through_reexport", "declarations");
  ASSERT_FALSE(declarations.empty());
  auto r = RunKeruen({"--db", *db_, "ledger", "findings", "--rule", "Q2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  size_t found = 0;
  for (const std::string& id : declarations) found += r.out.find(id) != std::string::npos;
  EXPECT_EQ(found, declarations.size()) << r.out;
}

TEST_F(LedgerCliTest, ShowAndTopDescribeACompanysStock) {
  const std::set<std::string> parties = Planted("pass_through_reexport", "parties");
  std::string trader;
  for (const std::string& p : parties) {
    if (p.starts_with("bin:")) trader = p;
  }
  ASSERT_FALSE(trader.empty());
  auto r = RunKeruen({"--db", *db_, "ledger", "show", trader});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("to RU/BY kg"));
  EXPECT_THAT(r.out, HasSubstr("Q2: " + trader + " imported"));

  r = RunKeruen({"--db", *db_, "ledger", "top", "--limit", "5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("re-exported kg"));
  EXPECT_THAT(r.out, HasSubstr("bin:"));

  r = RunKeruen({"--db", *db_, "ledger", "show", "bin:000000000000"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("no goods of bin:000000000000"));
}

}  // namespace
}  // namespace keruen::testing
